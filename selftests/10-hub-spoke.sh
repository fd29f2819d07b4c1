#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Hub and spokes: A - B - C, A-B over an IPv4 underlay, B-C over IPv6.
# Peered VPCs reach each other (ping and TCP, inner IPv4 and IPv6, both
# ways); peering is not transitive: A cannot reach C through B, neither by
# configuration (the route is refused) nor by B forwarding while A lies
# about B's CIDRs (B drops as transitive_dst), nor by B relaying a packet
# with an A source into its peering with C (transitive_src).
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b c
peer_pair a b pcx-0ab v4
peer_pair b c pcx-0bc v6

# Peered VPCs talk, both ways, inner IPv4 and IPv6.
for pair in "vpa 10.2.0.1 fd00:2::1" "vpb 10.1.0.1 fd00:1::1" \
	"vpb 10.3.0.1 fd00:3::1" "vpc 10.2.0.1 fd00:2::1"; do
	read -r ns v4 v6 <<<"$pair"
	ping_ok "$ns" "$v4"
	ping_ok "$ns" "$v6"
done
log "ping: A<->B and B<->C, IPv4 and IPv6"
tcp_transfer vpa vpb 10.2.0.1
tcp_transfer vpb vpa fd00:1::1
tcp_transfer vpb vpc 10.3.0.1
tcp_transfer vpc vpb fd00:2::1

# A has no way to C: it is not A's peer, and C's blocks are not pcx-0ab's.
routes_before=$(ip -n vpa route; ip -n vpa -6 route)
expect_fail 1 ip netns exec vpa vpcpeerctl route add vpc0 10.3.0.0/16 via pcx-0ab
expect_match "$ERR" "10\.3\.0\.0/16" "refusal of a route to C's block via pcx-0ab"
expect_fail 1 ip netns exec vpa vpcpeerctl route add vpc0 fd00:3::/48 via pcx-0ab
expect_eq "A's kernel routes after the refusals" "$(ip -n vpa route; ip -n vpa -6 route)" "$routes_before"
expect_eq "route to 10.3.0.0/16 in A" "$(route_state vpa vpc0 10.3.0.0/16)" ""
ping_lost vpa 10.3.0.1

# B forwards, and A lies: its peering with B claims C's blocks as B's, so
# A accepts routes to C through B. B must not let the packets into C.
ip netns exec vpb sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
# (A fresh pcx-0ab with a fresh secret on both sides; the routes stay.)
ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer pcx-0ab in A"
ip netns exec vpb vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer pcx-0ab in B"
key_forget pcx-0ab
peer_add a b pcx-0ab v4 "${VPC_CIDRS[b]},${VPC_CIDRS[c]}"
peer_add b a pcx-0ab v4
routes_add a pcx-0ab 10.3.0.0/16,fd00:3::/48
wait_active a b pcx-0ab
ping_ok vpa 10.2.0.1 # the re-added peering works

a_tx=$(peerstat vpa vpc0 pcx-0ab tx_packets)
b_tdst=$(peerstat vpb vpc0 pcx-0ab transitive_dst)
b_tx_bc=$(peerstat vpb vpc0 pcx-0bc tx_packets)
c_rx=$(peerstat vpc vpc0 pcx-0bc rx_packets)
ping_lost vpa 10.3.0.1 3
ping_lost vpa fd00:3::1 2
expect_eq "A's pcx-0ab tx_packets (pings to C went to B)" \
	"$(peerstat vpa vpc0 pcx-0ab tx_packets)" "$((a_tx + 5))"
wait_eq "B's pcx-0ab transitive_dst after 5 pings from A to C" "$((b_tdst + 5))" \
	peerstat vpb vpc0 pcx-0ab transitive_dst
expect_eq "B's pcx-0bc tx_packets" "$(peerstat vpb vpc0 pcx-0bc tx_packets)" "$b_tx_bc"
expect_eq "C's pcx-0bc rx_packets" "$(peerstat vpc vpc0 pcx-0bc rx_packets)" "$c_rx"
log "A -> C through B: dropped by B as transitive_dst ($((b_tdst + 5)))"

# The other half of the rule: B may not relay into its peering with C a
# packet that did not originate in B.
b_tsrc=$(peerstat vpb vpc0 pcx-0bc transitive_src)
inject vpb raw 10.1.0.1 10.3.0.1 2 ||
	fail "raw IPv4 packet 10.1.0.1 -> 10.3.0.1 from B"
inject vpb raw fd00:1::1 fd00:3::1 ||
	fail "raw IPv6 packet fd00:1::1 -> fd00:3::1 from B"
wait_eq "B's pcx-0bc transitive_src after 3 packets with A's sources" "$((b_tsrc + 3))" \
	peerstat vpb vpc0 pcx-0bc transitive_src
expect_eq "B's pcx-0bc tx_packets" "$(peerstat vpb vpc0 pcx-0bc tx_packets)" "$b_tx_bc"
expect_eq "C's pcx-0bc rx_packets" "$(peerstat vpc vpc0 pcx-0bc rx_packets)" "$c_rx"
log "B relaying A's packets to C: dropped as transitive_src ($((b_tsrc + 3)))"

# And B <-> C still works.
ping_ok vpb 10.3.0.1
exit 0
