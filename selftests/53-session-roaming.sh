#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Roaming: when a peer's underlay address changes (a failover, another
# path), the other end follows it, but only on an authentic packet of
# the session: a replayed datagram from another address moves nothing.
# The port stays the configured one: datagrams leave from ports hashed
# from their flows, so only the source address says where a peer is.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

# A knows B at 127.0.0.1; B reaches A over IPv6, from ::1.
vpc_std a b
key=$(key_file pcx-0ab)
half() {	# half X Y ADDR: X's half of pcx-0ab, Y at ADDR, keepalive 1 s
	ip netns exec "vp$1" vpcpeerctl add-peer vpc0 pcx-0ab remote-vpc "${VPC_ID[$2]}" \
		cidr "${VPC_CIDRS[$2]}" endpoint "$3:${VPC_PORT[$2]}" \
		secret-file "$key" keepalive 1 ||
		fail "add-peer pcx-0ab in vp$1"
	routes_add "$1" pcx-0ab "${VPC_CIDRS[$2]}"
}
half a b 127.0.0.1
endpoint() {	# endpoint NS: pcx-0ab's endpoint as NS shows it
	show_json "$1" | py -c '
import json, sys
print(json.load(sys.stdin)[0]["peerings"][0]["endpoint"])'
}
expect_eq "A's endpoint for B, configured" "$(endpoint vpa)" "127.0.0.1:51002"
half b a "[::1]"
wait_active a b pcx-0ab
# B's authentic packets come from ::1: A follows, at B's port.
wait_eq "A's endpoint for B once B's packets came from ::1" "[::1]:51002" endpoint vpa
ping_ok vpa 10.2.0.1
ping_ok vpb 10.1.0.1
log "B's packets from ::1: A's endpoint for B moved from 127.0.0.1:51002 to [::1]:51002"

# A datagram from B to A, replayed from 127.0.0.1: refused, and A's
# endpoint for B does not move.
data="$_topo_dir/data"
bg_run "$UNDERLAY" python3 -I -S "$SELFTESTS_DIR/inject.py" capture 51001 "$data" "$data.ready" 30 116
cap=$BG_PID
wait_eq "capture socket ready" yes bash -c "[ -e '$data.ready' ] && echo yes"
ping_ok vpb 10.1.0.1
wait "$cap" || fail "no data datagram to port 51001 captured"
replay=$(peerstat vpa vpc0 pcx-0ab replay)
inject "$UNDERLAY" send 127.0.0.1 51001 "$data" none || fail "replaying to A"
wait_eq "A's replay after a replayed datagram" "$((replay + 1))" \
	peerstat vpa vpc0 pcx-0ab replay
expect_eq "A's endpoint for B after a replay from 127.0.0.1" \
	"$(endpoint vpa)" "[::1]:51002"
ping_ok vpa 10.2.0.1
log "a replayed datagram from 127.0.0.1 moves nothing"
exit 0
