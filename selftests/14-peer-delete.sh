#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Either side may delete a peering, and then nothing passes either way: the
# deleting side's routes stay as blackholes and count what hits them; the
# other side, told by an authenticated teardown, shows the peering deleted
# and sends nothing (its drops count as not_active). Adding the peering
# again (same pcx, same secret) on the deleting side brings it back to
# active on both sides, the other one untouched.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
peer_pair a b pcx-0ab v4

works() {
	ping_ok vpa 10.2.0.1
	ping_ok vpa fd00:2::1
	ping_ok vpb 10.1.0.1
	ping_ok vpb fd00:1::1
}
works
log "A <-> B: works"

# deleted_by X Y: X has deleted pcx-0ab, Y still has it.
deleted_by() {
	local x=$1 y=$2 r y_tx bh unk na out
	show_json "vp$x" | py -c 'import json,sys; sys.exit(len(json.load(sys.stdin)[0]["peerings"]))' ||
		fail "vp$x still lists a peering after del-peer"
	for r in ${VPC_CIDRS[$y]//,/ }; do
		expect_eq "vp$x route $r" "$(route_state "vp$x" vpc0 "$r")" blackhole
	done
	out=$(ip netns exec "vp$x" vpcpeerctl route show vpc0) || fail "route show in vp$x"
	expect_match "$out" "blackhole" "route show in vp$x"

	# X -> Y: dropped at X, counted blackhole (device).
	bh=$(devstat "vp$x" vpc0 blackhole)
	ping_lost "vp$x" "${HOST[$y]%,*}" 3
	ping_lost "vp$x" "${HOST[$y]#*,}" 2
	wait_eq "vp$x blackhole after 5 pings to $y" "$((bh + 5))" devstat "vp$x" vpc0 blackhole

	# Y was told: within a round trip it shows the peering deleted, and
	# its routes to it as blackholes.
	wait_eq "state of pcx-0ab in vp$y after $x deleted it" deleted \
		peer_state "vp$y" pcx-0ab
	for r in ${VPC_CIDRS[$x]//,/ }; do
		expect_eq "vp$y route $r" "$(route_state "vp$y" vpc0 "$r")" blackhole
	done

	# Y -> X: dropped at Y (not_active), nothing goes out, X sees nothing.
	y_tx=$(peerstat "vp$y" vpc0 pcx-0ab tx_packets)
	na=$(peerstat "vp$y" vpc0 pcx-0ab not_active)
	unk=$(devstat "vp$x" vpc0 unknown_peer)
	ping_lost "vp$y" "${HOST[$x]%,*}" 3
	ping_lost "vp$y" "${HOST[$x]#*,}" 2
	expect_eq "vp$y pcx-0ab tx_packets" "$(peerstat "vp$y" vpc0 pcx-0ab tx_packets)" "$y_tx"
	wait_eq "vp$y pcx-0ab not_active after 5 pings to $x" "$((na + 5))" \
		peerstat "vp$y" vpc0 pcx-0ab not_active
	expect_eq "vp$x unknown_peer" "$(devstat "vp$x" vpc0 unknown_peer)" "$unk"
	log "deleted by $x: $x -> $y blackhole=$((bh + 5)); $y shows deleted, not_active=$((na + 5))"
}
declare -A HOST=([a]="10.1.0.1,fd00:1::1" [b]="10.2.0.1,fd00:2::1")

ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer pcx-0ab in A"
deleted_by a b

# Added again, pcx-0ab must hold the routes that name it: without B's
# IPv6 block, A's route to fd00:2::/48 would send where pcx-0ab may not.
expect_fail 1 ip netns exec vpa vpcpeerctl add-peer vpc0 pcx-0ab remote-vpc vpc-b \
	cidr 10.2.0.0/16 endpoint "127.0.0.1:${VPC_PORT[b]}" secret-file "$(key_file pcx-0ab)"
expect_match "$ERR" "fd00:2::/48|outside" "re-adding pcx-0ab without a block its routes use"
expect_eq "A's route fd00:2::/48 after the refusal" "$(route_state vpa vpc0 fd00:2::/48)" blackhole

# The same peering again on A: the routes are active again, and the
# handshake makes it active on both sides, B untouched since its
# teardown.
peer_add a b pcx-0ab v4
wait_active a b pcx-0ab
for r in ${VPC_CIDRS[b]//,/ }; do
	expect_eq "A's route $r after re-adding pcx-0ab" "$(route_state vpa vpc0 "$r")" active
done
works
log "pcx-0ab added again on A: works"

ip netns exec vpb vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer pcx-0ab in B"
deleted_by b a
exit 0
