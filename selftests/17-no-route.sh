#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A packet the kernel routes into vpc0 but for which vpcpeer has no route is
# dropped, counted no_route on the device, and its sender is told at once
# with an ICMP / ICMPv6 destination unreachable instead of waiting.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
peer_pair a b pcx-0ab v4
ping_ok vpa 10.2.0.1

# Kernel routes into vpc0 that vpcpeer does not know.
ip -n vpa route add 10.7.0.0/16 dev vpc0 || fail "ip route add 10.7.0.0/16 dev vpc0"
ip -n vpa route add fd00:7::/48 dev vpc0 || fail "ip route add fd00:7::/48 dev vpc0"
nr=$(devstat vpa vpc0 no_route)
tx=$(peerstat vpa vpc0 pcx-0ab tx_packets)
drops=$(linkstat vpa vpc0 tx dropped)

out=$(ip netns exec vpa ping -c 3 -i 0.2 -W 5 10.7.0.1 2>&1) && fail "ping 10.7.0.1 succeeded: $out"
printf '%s\n' "$out" | grep -m1 Unreachable
expect_match "$out" "^From [0-9.]+ icmp_seq=[0-9]+ Destination Host Unreachable" "ping 10.7.0.1"
expect_match "$out" "3 packets transmitted, 0 received, \+[1-3] errors" "ping 10.7.0.1"

out=$(ip netns exec vpa ping -6 -c 2 -i 0.2 -W 5 fd00:7::1 2>&1) && fail "ping fd00:7::1 succeeded: $out"
printf '%s\n' "$out" | grep -m1 -i unreachable
expect_match "$out" "^From [0-9a-f:]+ icmp_seq=[0-9]+ Destination unreachable: Address unreachable" "ping -6 fd00:7::1"
expect_match "$out" "2 packets transmitted, 0 received, \+[1-2] errors" "ping -6 fd00:7::1"

wait_eq "A's no_route after 5 pings without a vpcpeer route" "$((nr + 5))" devstat vpa vpc0 no_route
expect_eq "A's vpc0 tx dropped (ip -s link)" "$(linkstat vpa vpc0 tx dropped)" "$((drops + 5))"
expect_eq "A's pcx-0ab tx_packets" "$(peerstat vpa vpc0 pcx-0ab tx_packets)" "$tx"

# The peering itself is unaffected.
ping_ok vpa fd00:2::1
exit 0
