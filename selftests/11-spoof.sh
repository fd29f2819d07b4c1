#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Anti-spoofing: B accepts from its peering with A only sources in A's
# CIDRs as B knows them. A claims an extra block (10.9.0.0/16, fd00:9::/48)
# for itself, so its own transmit check lets such sources out, but B knows A
# as 10.1.0.0/16 and fd00:1::/48 only and drops them as spoofed_src.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_new a vpc-a 10.1.0.0/16,10.9.0.0/16,fd00:1::/48,fd00:9::/48 51001 \
	10.1.0.1,10.9.0.1,fd00:1::1,fd00:9::1
vpc_std b
VPC_CIDRS[a]=10.1.0.0/16,fd00:1::/48 # what B is told A owns
peer_pair a b pcx-0ab v4

ping_ok vpa 10.2.0.1
ping_ok vpa fd00:2::1

a_tx=$(peerstat vpa vpc0 pcx-0ab tx_packets)
b_rx=$(peerstat vpb vpc0 pcx-0ab rx_packets)
b_spoof=$(peerstat vpb vpc0 pcx-0ab spoofed_src)
out=$(ip netns exec vpa ping -c 3 -i 0.2 -W 1 -I 10.9.0.1 10.2.0.1 2>&1) &&
	fail "ping from 10.9.0.1 to B was answered: $out"
out=$(ip netns exec vpa ping -6 -c 2 -i 0.2 -W 1 -I fd00:9::1 fd00:2::1 2>&1) &&
	fail "ping from fd00:9::1 to B was answered: $out"
expect_eq "A's pcx-0ab tx_packets (A let the 5 pings out)" \
	"$(peerstat vpa vpc0 pcx-0ab tx_packets)" "$((a_tx + 5))"
wait_eq "B's pcx-0ab spoofed_src after 5 packets from 10.9.0.1 and fd00:9::1" \
	"$((b_spoof + 5))" peerstat vpb vpc0 pcx-0ab spoofed_src
expect_eq "B's pcx-0ab rx_packets" "$(peerstat vpb vpc0 pcx-0ab rx_packets)" "$b_rx"
log "spoofed_src on B: $((b_spoof + 5))"

# A source from neither VPC, sent raw from A: A's transmit check stops it.
a_tsrc=$(peerstat vpa vpc0 pcx-0ab transitive_src)
inject vpa raw 10.7.0.1 10.2.0.1 ||
	fail "raw packet 10.7.0.1 -> 10.2.0.1 from A"
wait_eq "A's pcx-0ab transitive_src after a packet from 10.7.0.1" "$((a_tsrc + 1))" \
	peerstat vpa vpc0 pcx-0ab transitive_src
expect_eq "B's pcx-0ab spoofed_src" "$(peerstat vpb vpc0 pcx-0ab spoofed_src)" "$((b_spoof + 5))"

# The honest sources still pass.
ping_ok vpa 10.2.0.1
exit 0
