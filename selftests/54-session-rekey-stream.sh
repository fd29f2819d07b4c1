#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A rekey is hitless: under an iperf3 TCP stream from A to B, ten rekeys in
# a row (five asked for by each end) each give a new session, the stream
# keeps its one connection, and neither end drops a packet for it (no
# not_active, unknown_peer, auth_fail, replay or tx_error: the previous
# key covers what was in flight). The retransmissions of the stream are
# printed next to those of the same stream without rekeys; they are
# reported, not compared, as they depend on timing.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
peer_pair a b pcx-0ab
out="$_topo_dir/iperf"

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

# stream SECONDS NAME: an iperf3 TCP stream from A to B in the background;
# its JSON report goes to $out.NAME.
stream() {
	bg_run vpb iperf3 -s -1 -p 5201 >/dev/null 2>&1
	srv=$BG_PID
	wait_listen vpb 5201
	bg_run vpa timeout $(($1 + 60)) iperf3 -c 10.2.0.1 -p 5201 -t "$1" -i 1 -J \
		>"$out.$2"
	cli=$BG_PID
}

# report NAME: "SECONDS BYTES RETRANSMITS MAX_RETRANSMITS_IN_ONE_SECOND".
report() {
	py -c '
import json, sys
r = json.load(open(sys.argv[1]))
if "error" in r:
	sys.exit("iperf3: " + r["error"])
s = r["end"]["sum_sent"]
worst = max(i["sum"].get("retransmits", 0) for i in r["intervals"])
print(round(s["seconds"]), s["bytes"], s["retransmits"], worst)' "$out.$1"
}

# The same stream without rekeys, for its retransmissions.
stream 8 base
wait "$cli" || fail "iperf3 without rekeys failed: $(head -c 300 "$out.base")"
wait "$srv"
read -r secs bytes base_rt base_worst <<<"$(report base)" ||
	fail "no iperf3 report without rekeys"
log "without rekeys: $bytes bytes in $secs s, $base_rt retransmits (at most $base_worst in a second)"

drops_a=$(drops vpa)
drops_b=$(drops vpb)
# 40 s is twice what ten rekeys take next to the stream in the stock guest;
# a debug kernel (make check-debug) is slower by the scale it gives.
t0=$(date +%s)
stream $((40 * ${SELFTEST_TIMEOUT_SCALE:-1})) rekey
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
log "10 rekeys took $(($(date +%s) - t0)) s"
wait "$cli" || fail "iperf3 across 10 rekeys failed: $(head -c 300 "$out.rekey")"
wait "$srv" || fail "iperf3 server across 10 rekeys failed"
read -r secs bytes rt worst <<<"$(report rekey)" ||
	fail "no iperf3 report across 10 rekeys"
[ "$bytes" -gt 0 ] || fail "iperf3 across 10 rekeys sent nothing"
expect_eq "A's drop counters across 10 rekeys" "$(drops vpa)" "$drops_a"
expect_eq "B's drop counters across 10 rekeys" "$(drops vpb)" "$drops_b"
log "10 rekeys: one connection, $bytes bytes in $secs s, $rt retransmits (at most $worst in a second), no packet dropped by either end"
exit 0
