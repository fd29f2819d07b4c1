#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A rekey is hitless: under an iperf3 TCP stream from A to B, ten rekeys in
# a row (five asked for by each end) each give a new session, the stream
# keeps its one connection (no reset, iperf3 still running), and neither
# end drops a packet for it (no not_active, unknown_peer, auth_fail,
# replay, tx_error or crypto_error: the previous key covers what was in
# flight). The TCP retransmissions in A's namespace are printed next to
# those of the same stream without rekeys; they are reported, not
# compared, as they depend on timing.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
peer_pair a b pcx-0ab

# session_index NS: this end's receiver index of pcx-0ab's current session.
session_index() {
	show_json "$1" | py -c '
import json, sys
print(json.load(sys.stdin)[0]["peerings"][0]["local_index"])'
}

# drops NS: the counters a rekey must not move, in one line.
drops() {
	stats "$1" vpc0 pcx-0ab:not_active unknown_peer pcx-0ab:auth_fail \
		pcx-0ab:replay pcx-0ab:tx_error pcx-0ab:crypto_error
}

# tcp_counter NAME: a counter of the Tcp: lines of /proc/net/snmp in A.
tcp_counter() { proc_counters vpa snmp Tcp: "$1"; }

# The same stream without rekeys, for its retransmissions.
bg_run vpb iperf3 -s -1 -p 5201 >/dev/null 2>&1
wait_listen vpb 5201
rt0=$(tcp_counter RetransSegs)
ip netns exec vpa timeout 60 iperf3 -c 10.2.0.1 -p 5201 -t 8 >/dev/null ||
	fail "iperf3 without rekeys failed"
log "without rekeys: 8 s, $(($(tcp_counter RetransSegs) - rt0)) segments retransmitted"

# With rekeys: a stream that lasts until they are done (the limit is only
# there so that nothing outlives the test).
drops_a=$(drops vpa)
drops_b=$(drops vpb)
rx_b=$(peerstat vpb vpc0 pcx-0ab rx_bytes)
bg_run vpb iperf3 -s -1 -p 5202 >/dev/null 2>&1
wait_listen vpb 5202
rt0=$(tcp_counter RetransSegs)
resets=$(tcp_counter EstabResets)
bg_run vpa iperf3 -c 10.2.0.1 -p 5202 -t 3600 >/dev/null 2>&1
cli=$BG_PID
t0=$(date +%s)
for i in $(seq 10); do
	# Odd rekeys from A, even ones from B.
	if [ $((i % 2)) = 1 ]; then x=vpa; else x=vpb; fi
	sleep 1
	before=$(session_index "$x")
	ip netns exec "$x" vpcpeerctl rekey vpc0 pcx-0ab ||
		fail "rekey $i in $x"
	new_session() { [ "$(session_index "$x")" != "$before" ] && echo yes; }
	wait_eq "a new session in $x after rekey $i" yes new_session
	kill -0 "$cli" 2>/dev/null || fail "iperf3 ended during rekey $i"
done
secs=$(($(date +%s) - t0))
sleep 1
kill -0 "$cli" 2>/dev/null || fail "iperf3 ended after the rekeys"
rt=$(($(tcp_counter RetransSegs) - rt0))
expect_eq "A's TCP connections reset across 10 rekeys" \
	"$(($(tcp_counter EstabResets) - resets))" 0
kill "$cli"
bytes=$(($(peerstat vpb vpc0 pcx-0ab rx_bytes) - rx_b))
[ "$bytes" -gt 0 ] || fail "nothing reached B across 10 rekeys"
expect_eq "A's drop counters across 10 rekeys" "$(drops vpa)" "$drops_a"
expect_eq "B's drop counters across 10 rekeys" "$(drops vpb)" "$drops_b"
log "10 rekeys in $secs s under one stream: $bytes bytes to B, $rt segments retransmitted, no packet dropped by either end"
exit 0
