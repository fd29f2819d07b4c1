#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: three VPCs, hub and spokes, in one guest. The A-B peering
# goes from pending-acceptance to active, rekeys, and is later deleted on
# one side, which the other shows as deleted. A reaches B, B reaches C, A
# does not reach C. Exits 0 only if all of that is seen.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"

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

topo_init
vpc_new a vpc-a 10.1.0.0/16,fd00:1::/48 51001 10.1.0.1,fd00:1::1
vpc_new b vpc-b 10.2.0.0/16,fd00:2::/48 51002 10.2.0.1,fd00:2::1
vpc_new c vpc-c 10.3.0.0/16,fd00:3::/48 51003 10.3.0.1,fd00:3::1
peer_pair b c pcx-0bc v6

# state NS: pcx-0ab's state line of `vpcpeerctl show`, as it prints it.
state() {
	ip netns exec "$1" vpcpeerctl show vpc0 |
		awk '/peering: pcx-0ab/ { p = 1 } p && /state:|latest handshake:/'
}

section "Topology"
cat <<'EOF'
   namespace vpa             namespace vpb             namespace vpc
  +---------------+         +---------------+         +---------------+
  | VPC A  vpc-a  |         | VPC B  vpc-b  |         | VPC C  vpc-c  |
  | 10.1.0.0/16   | pcx-0ab | 10.2.0.0/16   | pcx-0bc | 10.3.0.0/16   |
  | fd00:1::/48   |=========| fd00:2::/48   |=========| fd00:3::/48   |
  | host 10.1.0.1 |         | host 10.2.0.1 |         | host 10.3.0.1 |
  +------vpc0-----+         +------vpc0-----+         +------vpc0-----+
     udp :51001    IPv4        udp :51002     IPv6       udp :51003
          \_______ 127.0.0.1 ___/    \_________ ::1 ________/
                      underlay namespace vpu (loopback)

  Each pcx is AES-GCM-256 over UDP. A and C are not peered: peering is
  not transitive, so A must not reach C through B.
EOF

section "A <-> B: the peering's session"
echo "A adds its half of pcx-0ab; B has none yet:"
peer_add a b pcx-0ab v4
routes_add a pcx-0ab "${VPC_CIDRS[b]}"
state vpa
pending=$(peer_state vpa pcx-0ab)
echo
echo "B adds its half: one handshake, and both ends are active:"
peer_add b a pcx-0ab v4
routes_add b pcx-0ab "${VPC_CIDRS[a]}"
for _ in $(seq 100); do
	[ "$(peer_state vpa pcx-0ab) $(peer_state vpb pcx-0ab)" = "active active" ] && break
	sleep 0.1
done
echo "vpa:"; state vpa
echo "vpb:"; state vpb
active="$(peer_state vpa pcx-0ab) $(peer_state vpb pcx-0ab)"

section "A -> B: ping"
run vpa ping -c 3 -i 0.3 10.2.0.1
ab_ping=$?

section "A -> B: TCP throughput (iperf3, emulated CPU: figures are low)"
bg_run vpb iperf3 -s -1 -p 5201 >/dev/null 2>&1
wait_listen vpb 5201
printf 'vpa$ iperf3 -c 10.2.0.1 -t 3\n'
iperf_out=$(ip netns exec vpa timeout 60 iperf3 -c 10.2.0.1 -p 5201 -t 3 -f m 2>&1)
ab_tcp=$?
printf '%s\n' "$iperf_out" | awk '/^- - -/ { sum = 1; next } sum && /Interval|sender|receiver/'
[ "$ab_tcp" -eq 0 ] || printf '%s\n' "$iperf_out" | tail -n 3
wait "$BG_PID"

section "A <-> B: a rekey on demand"
index() {
	show_json vpa | py -c 'import json,sys; print(json.load(sys.stdin)[0]["peerings"][0]["local_index"])'
}
before=$(index)
run vpa vpcpeerctl rekey vpc0 pcx-0ab
for _ in $(seq 100); do
	[ "$(index)" != "$before" ] && break
	sleep 0.1
done
after=$(index)
echo "A's session index (random per session): $before -> $after"
run vpa ping -c 2 -i 0.3 10.2.0.1 >/dev/null && echo "(A -> B works on the new keys)"
rekey_rc=$?

section "A -> C: refused by configuration"
echo "A has no peering with C, and C's block is not pcx-0ab's:"
run vpa vpcpeerctl route add vpc0 10.3.0.0/16 via pcx-0ab
route_refused=$?
[ "$route_refused" -ne 0 ] && echo "(refused, exit $route_refused)"
run vpa ping -c 1 -W 1 10.3.0.1
direct_rc=$?

section "A -> C: through B, with A lying and B forwarding"
cat <<'EOF'
B turns on IP forwarding. A re-creates pcx-0ab claiming that B owns C's
block too, so A now accepts a route to 10.3.0.0/16 through B. B checks
every packet it receives from A: the destination must be in B's own CIDRs.
EOF
echo
ip netns exec vpb sysctl -qw net.ipv4.ip_forward=1
echo "A deletes pcx-0ab; B is told, and shows it deleted:"
run vpa vpcpeerctl del-peer vpc0 pcx-0ab
for _ in $(seq 100); do
	[ "$(peer_state vpb pcx-0ab)" = deleted ] && break
	sleep 0.1
done
echo "vpb:"; state vpb
deleted=$(peer_state vpb pcx-0ab)
echo
ip netns exec vpb vpcpeerctl del-peer vpc0 pcx-0ab >/dev/null
key_forget pcx-0ab
peer_add a b pcx-0ab v4 "${VPC_CIDRS[b]},10.3.0.0/16"
peer_add b a pcx-0ab v4
for _ in $(seq 100); do
	[ "$(peer_state vpa pcx-0ab) $(peer_state vpb pcx-0ab)" = "active active" ] && break
	sleep 0.1
done
run vpa vpcpeerctl route add vpc0 10.3.0.0/16 via pcx-0ab && echo "(accepted)"
tdst=$(peerstat vpb vpc0 pcx-0ab transitive_dst)
c_rx=$(peerstat vpc vpc0 pcx-0bc rx_packets)
run vpa ping -c 3 -i 0.3 -W 1 10.3.0.1
lie_rc=$?
for _ in $(seq 50); do
	[ "$(peerstat vpb vpc0 pcx-0ab transitive_dst)" -ge $((tdst + 3)) ] && break
	sleep 0.1
done
tdst=$(peerstat vpb vpc0 pcx-0ab transitive_dst)
c_rx2=$(peerstat vpc vpc0 pcx-0bc rx_packets)
echo
echo "B, peering pcx-0ab: transitive_dst = $tdst (packets from A not for B, dropped)"
echo "C, peering pcx-0bc: rx_packets $c_rx -> $c_rx2"
run vpa ping -c 1 10.2.0.1 >/dev/null && echo "(A -> B still works)"

section "vpcpeerctl show, in A"
run vpa vpcpeerctl show
section "vpcpeerctl show, in B"
run vpb vpcpeerctl show

section "Result"
ok=1
verdict() { # verdict GOOD TEXT
	if [ "$1" = 1 ]; then echo "  PASS  $2"; else echo "  FAIL  $2"; ok=0; fi
}
verdict "$([ "$pending" = pending-acceptance ] && [ "$active" = "active active" ] && echo 1)" \
	"pcx-0ab: pending-acceptance alone, active on both ends after the handshake"
verdict "$([ "$ab_ping" -eq 0 ] && echo 1)" "A -> B: ping answered"
verdict "$([ "$after" != "$before" ] && [ "$rekey_rc" -eq 0 ] && echo 1)" \
	"rekey: a new session, traffic on the new keys"
verdict "$([ "$deleted" = deleted ] && echo 1)" "deleted on A: B shows it deleted"
verdict "$([ "$ab_tcp" -eq 0 ] && echo 1)" "A -> B: iperf3 completed"
verdict "$([ "$route_refused" -eq 1 ] && [ "$direct_rc" -ne 0 ] && echo 1)" \
	"A -> C: route via pcx-0ab refused, no way to C"
verdict "$([ "$lie_rc" -ne 0 ] && [ "$tdst" -ge 3 ] && [ "$c_rx2" = "$c_rx" ] && echo 1)" \
	"A -> C through B: dropped by B (transitive_dst), nothing reached C"
[ "$ok" = 1 ] || exit 1
echo
echo "Peering works, has sessions, and is not transitive."
exit 0
