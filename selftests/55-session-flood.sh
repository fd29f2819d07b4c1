#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A flood of handshakes leaves the device responsive. From another
# underlay address, a captured INIT is sent to B as fast as one CPU can,
# every other copy forged (its MAC broken): each costs B one HMAC, checked
# in process context before anything expensive, and what B cannot take is
# dropped and counted. Meanwhile the peering carries traffic, B's
# configuration answers, and rekeys asked for by either end complete, as
# the flood's source is limited to its share of B's handshake queue.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
peer_pair a b pcx-0ab
port=${VPC_PORT[b]}
hs="$_topo_dir/hs"

session_index() {
	show_json "$1" | py -c '
import json, sys
print(json.load(sys.stdin)[0]["peerings"][0]["local_index"])'
}

# rekey X: a rekey asked for in X, and X's new session.
rekey() {
	local before
	before=$(session_index "$1")
	ip netns exec "$1" vpcpeerctl rekey vpc0 pcx-0ab || fail "rekey in $1"
	new_session() { [ "$(session_index "$1")" != "$before" ] && echo yes; }
	wait_eq "a new session in $1 after a rekey during the flood" yes \
		new_session "$1"
}

# A's INIT to B, captured during a rekey.
bg_run "$UNDERLAY" python3 -I -S "$SELFTESTS_DIR/inject.py" capture "$port" "$hs" "$hs.ready" 30 800
cap=$BG_PID
wait_eq "capture socket ready" yes bash -c "[ -e '$hs.ready' ] && echo yes"
rekey vpa
wait "$cap" || fail "no handshake message to port $port captured"

read -r mac stale <<<"$(stats vpb vpc0 pcx-0ab:hs_bad_mac pcx-0ab:hs_stale)"
stop="$_topo_dir/stop"
bg_run "$UNDERLAY" python3 -I -S "$SELFTESTS_DIR/inject.py" flood 127.0.0.2 \
	127.0.0.1 "$port" "$hs" "$stop" >"$_topo_dir/sent"
flood=$BG_PID
rising() { [ "$(peerstat vpb vpc0 pcx-0ab hs_bad_mac)" -gt $((mac + 10)) ] && echo yes; }
wait_eq "B's hs_bad_mac rising under the flood" yes rising

t0=$(date +%s)
for i in 1 2 3; do
	ping_ok vpa 10.2.0.1
	ping_ok vpb fd00:1::1
	rekey vpa
	rekey vpb
done
kill -0 "$flood" 2>/dev/null || fail "the flood stopped by itself"
log "under the flood: 6 pings answered, 6 rekeys in $(($(date +%s) - t0)) s"
touch "$stop"
wait "$flood" || fail "the flood failed"
read -r sent secs <"$_topo_dir/sent"

read -r mac2 stale2 drop <<<"$(stats vpb vpc0 pcx-0ab:hs_bad_mac pcx-0ab:hs_stale hs_dropped)"
[ "$((mac2 - mac))" -gt 0 ] || fail "B saw no forged handshake"
[ "$((stale2 - stale))" -gt 0 ] || fail "B saw no replayed handshake"
expect_eq "state of pcx-0ab in vpb after the flood" "$(peer_state vpb pcx-0ab)" active
ping_ok vpa 10.2.0.1
log "flood of $sent handshakes in $secs s: B refused $((mac2 - mac)) forged, $((stale2 - stale)) replayed, dropped $drop"
exit 0
