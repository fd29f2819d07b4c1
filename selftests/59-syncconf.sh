#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vpcpeerctl syncconf changes only what differs. A has three peerings:
# pcx-0ab with B, pcx-0ac with C, pcx-0ad with a VPC that is not there.
# Under an iperf3 stream from A to B, syncconf of a file that changes
# pcx-0ac (keepalive), leaves out pcx-0ad and one of pcx-0ac's routes,
# and adds routes via pcx-0ab and pcx-0ac:
# - pcx-0ab is not touched: the same session (local index, handshake
#   time), no drop counted, B's rx counter grows across it, no TCP reset
#   meanwhile, and the stream is still running after it;
# - pcx-0ac is created again with the new keepalive (its counters start
#   from 0) and becomes active again with C;
# - pcx-0ad and its route are gone, the routes added and deleted are,
#   with their kernel routes.
# The file names no secret for pcx-0ab: an unchanged peering needs none.
# syncconf of the same file again, and of showconf's output (no secrets),
# is a no-op: no session, handshake time or counter moves.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b c
peer_pair a b pcx-0ab
peer_pair a c pcx-0ac
ip netns exec vpa vpcpeerctl add-peer vpc0 pcx-0ad remote-vpc vpc-d \
	cidr 10.4.0.0/16 endpoint 127.0.0.1:51004 \
	secret-file "$(key_file pcx-0ad)" || fail "add-peer pcx-0ad"
routes_add a pcx-0ad 10.4.0.0/16
ping_ok vpa 10.3.0.1

# session NS PCX: the peering's session as show -j gives it: local index,
# remote index, latest handshake.
session() {
	show_json "$1" vpc0 | py -c '
import json, sys
for p in json.load(sys.stdin)[0]["peerings"]:
	if p["pcx"] == sys.argv[1]:
		print(p["local_index"], p["remote_index"], p["latest_handshake"])' "$2"
}
# drops NS: pcx-0ab's drop counters, which a hitless change does not move.
drops() {
	stats "$1" vpc0 pcx-0ab:not_active pcx-0ab:auth_fail pcx-0ab:replay \
		pcx-0ab:tx_error pcx-0ab:crypto_error
}
tcp_counter() { proc_counters vpa snmp Tcp: "$1"; }
routes() {
	ip netns exec vpa vpcpeerctl route show vpc0 | sort | tr '\n' ' '
}
kernel_routes() {
	{ ip -n vpa route show dev vpc0; ip -n vpa -6 route show dev vpc0; } |
		grep -v '^fe80' | cut -d' ' -f1 | sort | tr '\n' ' '
}

# The file: showconf's, pcx-0ac's keepalive 5 (and its secret), pcx-0ad
# and fd00:3::/48 left out, 10.2.5.0/24 and 10.3.7.0/24 added.
conf=$_topo_dir/a.conf
ip netns exec vpa vpcpeerctl showconf vpc0 >"$conf.shown" || fail "showconf"
py - "$conf.shown" "$(key_file pcx-0ac)" >"$conf" <<'PY' || fail "editing the file"
import sys
text, key = open(sys.argv[1]).read(), sys.argv[2]
out = []
for sec in text.split("\n\n"):
	if "Pcx = pcx-0ad" in sec or sec.startswith("# Routes via no"):
		continue
	if "Pcx = pcx-0ac" in sec:
		sec = sec.replace("Keepalive = 10", "Keepalive = 5")
		sec = sec.replace("Route = fd00:3::/48\n", "")
		sec = sec.replace("Route = fd00:3::/48", "")
		sec += "\nSecretFile = %s\nRoute = 10.3.7.0/24" % key
	if "Pcx = pcx-0ab" in sec:
		sec += "\nRoute = 10.2.5.0/24"
	out.append(sec.strip("\n"))
print("\n\n".join(out))
PY
log "the file:"
cat "$conf"
grep -q '^Secret' "$conf.shown" && fail "showconf printed a secret"
expect_eq "secrets in the file (pcx-0ac's only)" "$(grep -c '^Secret' "$conf")" 1

# rekey_wait NS PCX: a new session now, so that no rekey of its own (after
# 120 s) falls within what follows.
# shellcheck disable=SC2317 # called by wait_eq
session_changed() { [ "$(session "$1" "$2")" != "$3" ] && echo yes; }
rekey_wait() {
	local old
	old=$(session "$1" "$2")
	ip netns exec "$1" vpcpeerctl rekey vpc0 "$2" || fail "rekey $2 in $1"
	wait_eq "a new session of $2 in $1" yes session_changed "$1" "$2" "$old"
}
rekey_wait vpa pcx-0ab
ping_ok vpa 10.2.0.1	# B's side of the session confirmed by data

ab_a=$(session vpa pcx-0ab)
ab_b=$(session vpb pcx-0ab)
ac_a=$(session vpa pcx-0ac)
drops_a=$(drops vpa)
drops_b=$(drops vpb)
ac_tx=$(peerstat vpa vpc0 pcx-0ac tx_packets)
[ "$ac_tx" -gt 0 ] || fail "pcx-0ac sent nothing before syncconf"

bg_run vpb iperf3 -s -1 -p 5201 >/dev/null 2>&1
wait_listen vpb 5201
# A stream that lasts until the test ends it: iperf3's own end resets its
# connections, and under load the checks below take longer than any fixed
# -t would allow for (CI once saw a 15 s stream end among them).
bg_run vpa iperf3 -c 10.2.0.1 -p 5201 -t 3600 >/dev/null 2>&1
cli=$BG_PID
sleep 3
resets=$(tcp_counter EstabResets)
rx0=$(peerstat vpb vpc0 pcx-0ab rx_bytes)
ip netns exec vpa vpcpeerctl syncconf vpc0 "$conf" || fail "syncconf"
kill -0 "$cli" 2>/dev/null || fail "iperf3 ended by the end of the syncconf"
rx1=$(peerstat vpb vpc0 pcx-0ab rx_bytes)
sleep 1
rx2=$(peerstat vpb vpc0 pcx-0ab rx_bytes)
resets=$(($(tcp_counter EstabResets) - resets))
# Still running after the counter was read: any reset counted was not its
# end's, and its own connections were not reset (iperf3 exits on that).
kill -0 "$cli" 2>/dev/null || fail "iperf3 ended after the syncconf"
kill "$cli"
log "B's rx bytes of pcx-0ab: $rx0 before syncconf, $rx1 after, $rx2 a second later"
{ [ "$rx1" -gt "$rx0" ] && [ "$rx2" -gt "$rx1" ]; } ||
	fail "B's rx counter of pcx-0ab stopped across the syncconf: $rx0 $rx1 $rx2"
expect_eq "pcx-0ab's session in A" "$(session vpa pcx-0ab)" "$ab_a"
expect_eq "pcx-0ab's session in B" "$(session vpb pcx-0ab)" "$ab_b"
expect_eq "A's drops of pcx-0ab" "$(drops vpa)" "$drops_a"
expect_eq "B's drops of pcx-0ab" "$(drops vpb)" "$drops_b"
expect_eq "A's TCP resets during the syncconf" "$resets" 0

# pcx-0ac: created again.
expect_eq "pcx-0ac's keepalive" \
	"$(show_json vpa vpc0 | py -c '
import json, sys
print([p["keepalive"] for p in json.load(sys.stdin)[0]["peerings"] if p["pcx"] == "pcx-0ac"])')" \
	"[5]"
[ "$(peerstat vpa vpc0 pcx-0ac tx_packets)" -lt "$ac_tx" ] ||
	fail "pcx-0ac's counters did not start again: not created again"
wait_active a c pcx-0ac
[ "$(session vpa pcx-0ac)" != "$ac_a" ] || fail "pcx-0ac kept its session"
ping_ok vpa 10.3.0.1

# pcx-0ad gone, routes diffed.
expect_eq "A's peerings" "$(show_json vpa vpc0 | py -c '
import json, sys
print(" ".join(p["pcx"] for p in json.load(sys.stdin)[0]["peerings"]))')" \
	"pcx-0ab pcx-0ac"
expect_eq "A's routes" "$(routes)" \
	"10.2.0.0/16 via pcx-0ab 10.2.5.0/24 via pcx-0ab 10.3.0.0/16 via pcx-0ac 10.3.7.0/24 via pcx-0ac fd00:2::/48 via pcx-0ab "
expect_eq "A's kernel routes" "$(kernel_routes)" \
	"10.2.0.0/16 10.2.5.0/24 10.3.0.0/16 10.3.7.0/24 fd00:2::/48 "

# The same file again, then showconf's output: nothing to do. (A
# re-created peering would get a new session and counters from 0.)
state() {
	echo "$(session vpa pcx-0ab) $(session vpa pcx-0ac) $(session vpb pcx-0ab)"
	routes
	kernel_routes
}
# tx_grew BEFORE: each of pcx-0ab's and pcx-0ac's tx_packets is at least
# what BEFORE holds.
tx_now() { stats vpa vpc0 pcx-0ab:tx_packets pcx-0ac:tx_packets; }
tx_kept() {
	local now
	now=$(tx_now)
	read -r ab ac <<<"$1"
	read -r ab2 ac2 <<<"$now"
	{ [ "$ab2" -ge "$ab" ] && [ "$ac2" -ge "$ac" ]; } ||
		fail "$2: tx_packets of pcx-0ab pcx-0ac went from $1 to $now: created again"
}
rekey_wait vpa pcx-0ab
ping_ok vpa 10.2.0.1
ping_ok vpa 10.3.0.1
before=$(state)
tx=$(tx_now)
ip netns exec vpa vpcpeerctl syncconf vpc0 "$conf" || fail "syncconf again"
expect_eq "A after syncconf of the same file" "$(state)" "$before"
tx_kept "$tx" "syncconf of the same file"
ip netns exec vpa vpcpeerctl showconf vpc0 >"$conf.again" || fail "showconf"
ip netns exec vpa vpcpeerctl syncconf vpc0 "$conf.again" ||
	fail "syncconf of showconf's output (no secrets)"
expect_eq "A after syncconf of showconf's output" "$(state)" "$before"
tx_kept "$tx" "syncconf of showconf's output"
log "syncconf changed pcx-0ac, deleted pcx-0ad and diffed routes under a stream over pcx-0ab, which kept its session"
exit 0
