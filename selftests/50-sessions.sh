#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Peering sessions (Documentation/sessions.rst). A peering is
# pending-acceptance until the other end holds it too, then active on both
# ends after one handshake; only an active peering carries data, and what
# it cannot carry is counted (not_active). What an attacker on the
# underlay replays or forges changes nothing: a captured handshake, a
# forged teardown, and a data datagram of an earlier session, replayed
# after the peering was deleted and added again with the clock set back
# in between (the keys are per session, never a function of the clock).
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init
# The clock goes back an hour below; whatever happens, it comes back.
clock_back=0
trap '[ "$clock_back" = 1 ] && date -s "@$(($(date +%s) + 3600))" >/dev/null; topo_cleanup' EXIT

vpc_std a b
port=${VPC_PORT[b]}
hs="$_topo_dir/hs" data="$_topo_dir/data"

# A alone: pending, and its data is refused at home.
peer_add a b pcx-0ab v4
routes_add a pcx-0ab "${VPC_CIDRS[b]}"
expect_eq "state of pcx-0ab in vpa, B without it" \
	"$(peer_state vpa pcx-0ab)" pending-acceptance
ping_lost vpa 10.2.0.1 2
wait_eq "A's not_active after 2 pings while pending" 2 \
	peerstat vpa vpc0 pcx-0ab not_active
expect_eq "A's tx_packets while pending" "$(peerstat vpa vpc0 pcx-0ab tx_packets)" 0

# B too: both active after the handshake.
peer_add b a pcx-0ab v4
routes_add b pcx-0ab "${VPC_CIDRS[a]}"
wait_active a b pcx-0ab
ping_ok vpa 10.2.0.1
ping_ok vpb fd00:1::1
log "pending-acceptance alone, active on both ends after the handshake"

# A rekey on demand: A's INIT (800 bytes) to B is captured on the way.
bg_run "$UNDERLAY" python3 -I -S "$SELFTESTS_DIR/inject.py" capture "$port" "$hs" "$hs.ready" 30 800
cap=$BG_PID
wait_eq "capture socket ready" yes bash -c "[ -e '$hs.ready' ] && echo yes"
# Every session has its own random index: a new one means a new session.
session_index() {
	show_json vpa | py -c '
import json, sys
print(json.load(sys.stdin)[0]["peerings"][0]["local_index"])'
}
idx_a=$(session_index)
ip netns exec vpa vpcpeerctl rekey vpc0 pcx-0ab || fail "rekey in A"
wait "$cap" || fail "no handshake message to port $port captured"
new_session() { [ "$(session_index)" != "$idx_a" ] && echo yes; }
wait_eq "A's session after the rekey" yes new_session
ping_ok vpa 10.2.0.1

# A data datagram of this session, for later.
bg_run "$UNDERLAY" python3 -I -S "$SELFTESTS_DIR/inject.py" capture "$port" "$data" "$data.ready" 30 116
cap=$BG_PID
wait_eq "capture socket ready" yes bash -c "[ -e '$data.ready' ] && echo yes"
ping_ok vpa 10.2.0.1
wait "$cap" || fail "no data datagram to port $port captured"

send() {
	inject "$UNDERLAY" send 127.0.0.1 "$port" "$1" "$2" ||
		fail "sending $1 ($2) to port $port"
}

# The captured handshake again: stale, nothing changes.
stale=$(peerstat vpb vpc0 pcx-0ab hs_stale)
send "$hs" none
wait_eq "B's hs_stale after a replayed handshake" "$((stale + 1))" \
	peerstat vpb vpc0 pcx-0ab hs_stale
expect_eq "state of pcx-0ab in vpb after a replayed handshake" \
	"$(peer_state vpb pcx-0ab)" active
ping_ok vpa 10.2.0.1

# A teardown forged from the captured data datagram: refused, no change.
auth=$(peerstat vpb vpc0 pcx-0ab auth_fail)
send "$data" teardown
wait_eq "B's auth_fail after a forged teardown" "$((auth + 1))" \
	peerstat vpb vpc0 pcx-0ab auth_fail
expect_eq "state of pcx-0ab in vpb after a forged teardown" \
	"$(peer_state vpb pcx-0ab)" active
ping_ok vpb 10.1.0.1
log "a replayed handshake and a forged teardown change nothing"

# B deletes the peering: A is told and shows it deleted. The clock goes
# back an hour, and B adds the peering again: active again on both ends.
ip netns exec vpb vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer in B"
wait_eq "state of pcx-0ab in vpa after B deleted it" deleted peer_state vpa pcx-0ab
now=$(date +%s)
date -s "@$((now - 3600))" >/dev/null || fail "setting the clock back"
clock_back=1
peer_add b a pcx-0ab v4
wait_active a b pcx-0ab
ping_ok vpa 10.2.0.1

# The datagram of the first session, replayed into the second: its
# session is gone, so it is refused before any decryption.
read -r rx unk <<<"$(stats vpb vpc0 pcx-0ab:rx_packets unknown_peer)"
send "$data" none
wait_eq "B's unknown_peer after a datagram of the old session" "$((unk + 1))" \
	devstat vpb vpc0 unknown_peer
expect_eq "B's rx_packets after a datagram of the old session" \
	"$(peerstat vpb vpc0 pcx-0ab rx_packets)" "$rx"
date -s "@$(($(date +%s) + 3600))" >/dev/null || fail "setting the clock forward"
clock_back=0
log "deleted on B, A shows deleted; re-added with the clock an hour back: active, old datagram refused"
exit 0
