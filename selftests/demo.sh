#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: examples/hub-spoke.yaml, built by tools/lab/topo in one
# guest: A is the hub, peered with B and with C. A reaches B and C, B does
# not reach C, neither by configuration nor through A forwarding while B
# lies about A's CIDRs. On the way: iperf3, a rekey, a deletion on B that
# A shows as deleted, and a re-added peering going from
# pending-acceptance to active. Exits 0 only if all of that is seen.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"

TOPO="$TOP/tools/lab/topo"
FILE=examples/hub-spoke.yaml
A=hub-spoke-a B=hub-spoke-b C=hub-spoke-c

section() {
	printf '\n=== %s ===\n\n' "$*"
}
# run NS CMD...: shows the command as typed in the VPC, then runs it.
run() {
	local ns=$1
	shift
	printf '%s$ %s\n' "$ns" "$*"
	ip netns exec "$ns" "$@"
}
# state NS: pcx-0ab's state lines of `vpcpeerctl show`, as it prints them.
state() {
	ip netns exec "$1" vpcpeerctl show vpc0 |
		awk '/peering: pcx-0ab/ { p = 1 } /peering: pcx-0ac/ { p = 0 }
			p && /state:|latest handshake:/'
}
# wait_states WANT: polls until "A's state B's state" of pcx-0ab is WANT.
wait_states() {
	for _ in $(seq 100); do
		[ "$(peer_state "$A" pcx-0ab) $(peer_state "$B" pcx-0ab)" = "$1" ] && return
		sleep 0.1
	done
}

topo_down() {
	"$TOPO" down "$TOP/$FILE" >/dev/null 2>&1
	topo_cleanup
}
modprobe -a udp_tunnel ip6_udp_tunnel 2>/dev/null
module_load
_topo_dir=$(mktemp -d) || fail "mktemp -d"
trap topo_down EXIT
cd "$TOP" || exit 1

section "Topology: $FILE"
cat <<'EOF2'
   namespace hub-spoke-b      namespace hub-spoke-a      namespace hub-spoke-c
  +---------------+          +---------------+          +---------------+
  | VPC B  vpc-b  | pcx-0ab  | VPC A  vpc-a  | pcx-0ac  | VPC C  vpc-c  |
  | 10.2.0.0/16   |==========| 10.1.0.0/16   |==========| 10.3.0.0/16   |
  | fd00:2::/48   |  IPv4    | fd00:1::/48   |  IPv6    | fd00:3::/48   |
  | host 10.2.0.1 | underlay | host 10.1.0.1 | underlay | host 10.3.0.1 |
  +-----vpc0------+          +-----vpc0------+          +-----vpc0------+
       udp :51002                 udp :51001                 udp :51003
          \_____ 127.0.0.1 and ::1 of namespace hub-spoke-underlay _____/

  A is the hub; B and C are not peered. Peering is not transitive, so B
  must not reach C through A. Each pcx is AES-GCM-256 over UDP.
EOF2
echo
grep -v '^#' "$FILE" | sed '/^$/d; s/^/  /'
echo
printf '$ tools/lab/topo up %s\n' "$FILE"
"$TOPO" up "$FILE"
up_rc=$?
up_states="$(peer_state "$A" pcx-0ab) $(peer_state "$B" pcx-0ab) $(peer_state "$A" pcx-0ac) $(peer_state "$C" pcx-0ac)"

section "A -> B and A -> C: ping"
run "$A" ping -c 2 -i 0.3 10.2.0.1
ab_ping=$?
echo
run "$A" ping -c 2 -i 0.3 fd00:3::1
ac_ping=$?

section "A -> B: TCP throughput (iperf3, emulated CPU: figures are low)"
bg_run "$B" iperf3 -s -1 -p 5201 >/dev/null 2>&1
wait_listen "$B" 5201
printf '%s$ iperf3 -c 10.2.0.1 -t 3\n' "$A"
iperf_out=$(ip netns exec "$A" timeout 60 iperf3 -c 10.2.0.1 -p 5201 -t 3 -f m 2>&1)
ab_tcp=$?
printf '%s\n' "$iperf_out" | awk '/^- - -/ { sum = 1; next } sum && /Interval|sender|receiver/'
[ "$ab_tcp" -eq 0 ] || printf '%s\n' "$iperf_out" | tail -n 3
wait "$BG_PID"

section "B -> C: refused by configuration"
echo "B has no peering with C, and C's block is not pcx-0ab's:"
run "$B" vpcpeerctl route add vpc0 10.3.0.0/16 via pcx-0ab
route_refused=$?
[ "$route_refused" -ne 0 ] && echo "(refused, exit $route_refused)"
run "$B" ping -c 1 -W 1 10.3.0.1
direct_rc=$?

section "A <-> B: a rekey on demand"
index() {
	show_json "$A" | py -c '
import json, sys
print([p for p in json.load(sys.stdin)[0]["peerings"] if p["pcx"] == "pcx-0ab"][0]["local_index"])'
}
before=$(index)
run "$A" vpcpeerctl rekey vpc0 pcx-0ab
for _ in $(seq 100); do
	[ "$(index)" != "$before" ] && break
	sleep 0.1
done
after=$(index)
echo "A's session index (random per session): $before -> $after"
run "$A" ping -c 2 -i 0.3 10.2.0.1 >/dev/null && echo "(A -> B works on the new keys)"
rekey_rc=$?

section "B -> C through A, with B lying and A forwarding"
cat <<'EOF2'
A turns on IP forwarding. B re-creates pcx-0ab claiming that A owns C's
block too, so B then accepts a route to 10.3.0.0/16 through A. A checks
every packet it receives from B: the destination must be in A's own CIDRs.
EOF2
echo
ip netns exec "$A" sysctl -qw net.ipv4.ip_forward=1
# endpoint NS: where NS's half of pcx-0ab sends, the other end's socket.
endpoint() {
	show_json "$1" | py -c '
import json, sys
print([p for p in json.load(sys.stdin)[0]["peerings"] if p["pcx"] == "pcx-0ab"][0]["endpoint"])'
}
a_ep=$(endpoint "$B") b_ep=$(endpoint "$A")
echo "B deletes pcx-0ab; A is told, and shows it deleted:"
run "$B" vpcpeerctl del-peer vpc0 pcx-0ab
wait_states "deleted "
echo "$A:"; state "$A"
deleted=$(peer_state "$A" pcx-0ab)
ip netns exec "$A" vpcpeerctl del-peer vpc0 pcx-0ab >/dev/null
echo
echo "B adds its half again, with a new secret, lying; A has none yet:"
key=$(key_file pcx-0ab)
run "$B" vpcpeerctl add-peer vpc0 pcx-0ab remote-vpc vpc-a cidr 10.1.0.0/16,fd00:1::/48,10.3.0.0/16 \
	endpoint "$a_ep" secret-file "$key"
state "$B"
pending=$(peer_state "$B" pcx-0ab)
echo
echo "A adds its half: one handshake, and both ends are active:"
run "$A" vpcpeerctl add-peer vpc0 pcx-0ab remote-vpc vpc-b cidr 10.2.0.0/16,fd00:2::/48 \
	endpoint "$b_ep" secret-file "$key"
wait_states "active active"
echo "$A:"; state "$A"
echo "$B:"; state "$B"
active="$(peer_state "$A" pcx-0ab) $(peer_state "$B" pcx-0ab)"
echo
run "$B" vpcpeerctl route add vpc0 10.3.0.0/16 via pcx-0ab && echo "(accepted)"
tdst=$(peerstat "$A" vpc0 pcx-0ab transitive_dst)
c_rx=$(peerstat "$C" vpc0 pcx-0ac rx_packets)
run "$B" ping -c 3 -i 0.3 -W 1 10.3.0.1
lie_rc=$?
for _ in $(seq 50); do
	[ "$(peerstat "$A" vpc0 pcx-0ab transitive_dst)" -ge $((tdst + 3)) ] && break
	sleep 0.1
done
tdst=$(peerstat "$A" vpc0 pcx-0ab transitive_dst)
c_rx2=$(peerstat "$C" vpc0 pcx-0ac rx_packets)
echo
echo "A, peering pcx-0ab: transitive_dst = $tdst (packets from B not for A, dropped)"
echo "C, peering pcx-0ac: rx_packets $c_rx -> $c_rx2"
run "$B" ping -c 1 10.1.0.1 >/dev/null && echo "(B -> A still works)"

section "vpcpeerctl show, in A"
run "$A" vpcpeerctl show
section "vpcpeerctl show, in B"
run "$B" vpcpeerctl show

section "Result"
ok=1
verdict() { # verdict GOOD TEXT
	if [ "$1" = 1 ]; then echo "  PASS  $2"; else echo "  FAIL  $2"; ok=0; fi
}
verdict "$([ "$up_rc" -eq 0 ] && [ "$up_states" = "active active active active" ] && echo 1)" \
	"topo up: pcx-0ab and pcx-0ac active on both ends"
verdict "$([ "$ab_ping" -eq 0 ] && [ "$ac_ping" -eq 0 ] && echo 1)" \
	"A -> B (IPv4) and A -> C (IPv6): ping answered"
verdict "$([ "$ab_tcp" -eq 0 ] && echo 1)" "A -> B: iperf3 completed"
verdict "$([ "$route_refused" -eq 1 ] && [ "$direct_rc" -ne 0 ] && echo 1)" \
	"B -> C: route via pcx-0ab refused, no way to C"
verdict "$([ "$after" != "$before" ] && [ "$rekey_rc" -eq 0 ] && echo 1)" \
	"rekey: a new session, traffic on the new keys"
verdict "$([ "$deleted" = deleted ] && echo 1)" "deleted on B: A shows it deleted"
verdict "$([ "$pending" = pending-acceptance ] && [ "$active" = "active active" ] && echo 1)" \
	"pcx-0ab again: pending-acceptance alone, active on both ends after the handshake"
verdict "$([ "$lie_rc" -ne 0 ] && [ "$tdst" -ge 3 ] && [ "$c_rx2" = "$c_rx" ] && echo 1)" \
	"B -> C through A: dropped by A (transitive_dst), nothing reached C"

section "Down"
printf '$ tools/lab/topo down %s\n' "$FILE"
"$TOPO" down "$FILE" || ok=0
left=$(ip netns list | grep '^hub-spoke-')
[ -z "$left" ] || { echo "left behind: $left"; ok=0; }
[ "$ok" = 1 ] || exit 1
echo
echo "Peering works, has sessions, and is not transitive."
exit 0
