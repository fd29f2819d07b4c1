#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A handshake checks what each end says of itself, and both ends of a
# peering that cannot be show it failed with the same reason: the two
# VPCs' CIDRs overlap (though each end's configuration alone passes), one
# end names another VPC, the ciphers differ, or the secrets do. A failed
# peering carries nothing; once the configuration is put right on one
# end, the peering becomes active on both, the other end untouched.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

# B also owns 10.1.128.0/17, inside A's 10.1.0.0/16. Each end is told
# only of the other's blocks that do not overlap its own, so that both
# configurations pass; the handshake, which carries every block, finds
# the overlap.
vpc_std a
vpc_new b vpc-b 10.2.0.0/16,10.1.128.0/17,fd00:2::/48 51002 10.2.0.1,fd00:2::1
peer_add a b pcx-0ab v4 10.2.0.0/16,fd00:2::/48
peer_add b a pcx-0ab v4 10.1.0.0/17,fd00:1::/48
wait_eq "state of pcx-0ab in vpa" failed:cidr-overlap peer_state vpa pcx-0ab
wait_eq "state of pcx-0ab in vpb" failed:cidr-overlap peer_state vpb pcx-0ab
routes_add a pcx-0ab 10.2.0.0/16
expect_eq "A's route to a failed peering" "$(route_state vpa vpc0 10.2.0.0/16)" blackhole
ping_lost vpa 10.2.0.1 2
wait_eq "A's not_active after 2 pings over a failed peering" 2 \
	peerstat vpa vpc0 pcx-0ab not_active
log "CIDRs overlap: failed:cidr-overlap on both ends, nothing carried"

# B gives up 10.1.128.0/17: B's peering starts over and both are active.
ip netns exec vpb vpcpeerctl set vpc0 cidr 10.2.0.0/16,fd00:2::/48 ||
	fail "set cidr in B"
ip netns exec vpb vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer in B"
peer_add b a pcx-0ab v4 10.1.0.0/17,fd00:1::/48
wait_active a b pcx-0ab
expect_eq "A's route once active" "$(route_state vpa vpc0 10.2.0.0/16)" active
routes_add b pcx-0ab 10.1.0.0/17
ping_ok vpa 10.2.0.1
log "overlap removed on B alone: active on both ends"

# failed_both REASON: both halves of pcx-0ab show failed:REASON.
failed_both() {
	wait_eq "state of pcx-0ab in vpa" "failed:$1" peer_state vpa pcx-0ab
	wait_eq "state of pcx-0ab in vpb" "failed:$1" peer_state vpb pcx-0ab
}
# add_half X REMOTE ARGS...: X's half of pcx-0ab, naming the VPC REMOTE.
add_half() {
	local x=$1 remote=$2 y
	shift 2
	[ "$x" = a ] && y=b || y=a
	ip netns exec "vp$x" vpcpeerctl add-peer vpc0 pcx-0ab remote-vpc "$remote" \
		cidr "${VPC_CIDRS[$y]%%,*}" endpoint "127.0.0.1:${VPC_PORT[$y]}" "$@" ||
		fail "add-peer pcx-0ab in vp$x ($remote $*)"
}
# readd X ARGS...: X's half again, with ARGS, naming the other's VPC.
readd() {
	ip netns exec "vp$1" vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer in vp$1"
	add_half "$1" "${VPC_ID[$([ "$1" = a ] && echo b || echo a)]}" "${@:2}"
}
VPC_CIDRS[a]=10.1.0.0/17 VPC_CIDRS[b]=10.2.0.0/16
key=$(key_file pcx-0ab)

# B says it peers with vpc-x.
ip netns exec vpb vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer in vpb"
add_half b vpc-x secret-file "$key"
failed_both vpc-mismatch
readd b secret-file "$key"
wait_active a b pcx-0ab
log "B named another VPC: failed:vpc-mismatch on both ends; put right: active"

# The ciphers differ.
readd b secret-file "$key" cipher aes-gcm-128
failed_both cipher-mismatch
readd b secret-file "$key"
wait_active a b pcx-0ab
log "ciphers differ: failed:cipher-mismatch on both ends; put right: active"

# The secrets differ, on two new halves: neither end can tell the other's
# handshakes from forgeries, and each shows what it concludes.
ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer in vpa"
ip netns exec vpb vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer in vpb"
cp "$key" "$_topo_dir/first.key" || fail "copying the secret"
key=$_topo_dir/first.key
key_forget pcx-0ab
other=$(key_file pcx-0ab)
cmp -s "$key" "$other" && fail "key_file made the same secret twice"
add_half a vpc-b secret-file "$key"
add_half b vpc-a secret-file "$other"
failed_both secret-mismatch
bad=$(peerstat vpb vpc0 pcx-0ab hs_bad_mac)
[ "$bad" -gt 0 ] || fail "B's hs_bad_mac is $bad with another secret"
readd b secret-file "$key"
wait_active a b pcx-0ab
ping_ok vpa 10.2.0.1
log "secrets differ: failed:secret-mismatch on both ends; put right: active"
exit 0
