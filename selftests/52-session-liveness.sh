#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Liveness: an idle active peering sends authenticated keepalives, so its
# other end keeps hearing from it; a peer silent for dead-after seconds
# shows as down and keeps its state (active, routes, keys), and traffic
# resumes by itself when the peer comes back.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
key=$(key_file pcx-0ab)
half() {	# half X Y: X's half of pcx-0ab, keepalive 1 s, down after 3 s
	ip netns exec "vp$1" vpcpeerctl add-peer vpc0 pcx-0ab remote-vpc "${VPC_ID[$2]}" \
		cidr "${VPC_CIDRS[$2]}" endpoint "127.0.0.1:${VPC_PORT[$2]}" \
		secret-file "$key" keepalive 1 dead-after 3 ||
		fail "add-peer pcx-0ab in vp$1"
	routes_add "$1" pcx-0ab "${VPC_CIDRS[$2]}"
}
half a b
half b a
wait_active a b pcx-0ab
ping_ok vpa 10.2.0.1

# field NS KEY: a key of pcx-0ab's show -j object.
field() {
	show_json "$1" | py -c '
import json, sys
v = json.load(sys.stdin)[0]["peerings"][0][sys.argv[1]]
if isinstance(v, bool):
	v = "yes" if v else "no"
print("none" if v is None else v)' "$2"
}
expect_eq "A's keepalive" "$(field vpa keepalive)" 1
expect_eq "A's dead_after" "$(field vpa dead_after)" 3

# Idle for 4 s: keepalives keep both ends up.
rx=$(field vpa latest_receive)
sleep 4
expect_eq "A down after 4 idle seconds" "$(field vpa down)" no
[ "$(field vpa latest_receive)" -gt "$rx" ] ||
	fail "A's latest receive did not move in 4 idle seconds ($rx)"
log "idle 4 s with keepalive 1: up, latest receive moving"

# The underlay goes silent (its lo drops every datagram; the devices and
# their routes stay): A shows B down, still active, its route still
# active.
tc -n "$UNDERLAY" qdisc add dev lo root pfifo limit 0 ||
	fail "tc qdisc add dev lo root pfifo limit 0 (in $UNDERLAY)"
wait_eq "A down once B is silent" yes field vpa down
expect_eq "A's state while B is silent" "$(peer_state vpa pcx-0ab)" active
expect_eq "A's route while B is silent" "$(route_state vpa vpc0 10.2.0.0/16)" active
ping_lost vpa 10.2.0.1
log "B silent: A shows down, still active"

# The underlay is back: up again on its own, traffic flows.
tc -n "$UNDERLAY" qdisc del dev lo root ||
	fail "tc qdisc del dev lo root (in $UNDERLAY)"
wait_eq "A down once B is back" no field vpa down
ping_ok vpa 10.2.0.1
ping_ok vpb fd00:1::1
log "B back: A up again, traffic flows"
exit 0
