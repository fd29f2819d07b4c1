#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What an attacker on the underlay can do to a peering: a datagram captured
# off the wire and sent again is dropped as a replay, a tampered one fails
# authentication, one naming no peering is an unknown_peer, a truncated one
# is malformed. None of them reaches the VPC, and the peering keeps working.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
peer_pair a b pcx-0ab v4
port=${VPC_PORT[b]}
dgram="$_topo_dir/dgram" ready="$_topo_dir/ready"

# Capture a datagram of A's ping to B on the underlay's loopback.
# 16-byte header + 84-byte inner packet (ping -s 56) + 16-byte tag.
bg_run "$UNDERLAY" python3 -I -S "$SELFTESTS_DIR/inject.py" capture "$port" "$dgram" "$ready" 30 116
cap=$BG_PID
wait_eq "capture socket ready" yes bash -c "[ -e '$ready' ] && echo yes"
ping_ok vpa 10.2.0.1
wait "$cap" || fail "no datagram to port $port captured on the underlay"
len=$(wc -c <"$dgram")
expect_eq "captured datagram length" "$len" 116
hdr=$(od -An -tx1 -N4 "$dgram" | tr -d ' ')
expect_match "$hdr" "^0201..00$" "captured header (version 2, type data, key id, reserved)"
log "captured a $len-byte datagram to port $port"

counters() {
	stats vpb vpc0 pcx-0ab:rx_packets pcx-0ab:replay pcx-0ab:auth_fail unknown_peer malformed |
		{ read -r rx re au un ma
		  echo "rx=$rx replay=$re auth_fail=$au unknown_peer=$un malformed=$ma"; }
}
send() {
	inject "$UNDERLAY" send 127.0.0.1 "$port" "$dgram" "$1" ||
		fail "sending the datagram ($1) to port $port"
}
read -r rx replay auth unknown malformed <<<"$(counters | tr -c '0-9\n' ' ')"

send none
wait_eq "B's counters after the datagram was replayed" \
	"rx=$rx replay=$((replay + 1)) auth_fail=$auth unknown_peer=$unknown malformed=$malformed" counters
send flip
wait_eq "B's counters after a ciphertext byte was flipped" \
	"rx=$rx replay=$((replay + 1)) auth_fail=$((auth + 1)) unknown_peer=$unknown malformed=$malformed" counters
send index
wait_eq "B's counters after the receiver index was changed" \
	"rx=$rx replay=$((replay + 1)) auth_fail=$((auth + 1)) unknown_peer=$((unknown + 1)) malformed=$malformed" counters
send short
wait_eq "B's counters after a 10-byte datagram" \
	"rx=$rx replay=$((replay + 1)) auth_fail=$((auth + 1)) unknown_peer=$((unknown + 1)) malformed=$((malformed + 1))" counters
log "B: $(counters)"

# The authentication failure shows in the standard counters too.
expect_eq "rx crc_errors of B's vpc0" "$(linkstat vpb vpc0 rx crc_errors)" 1

ping_ok vpa 10.2.0.1
ping_ok vpb fd00:1::1
exit 0
