#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Underlay-netns deletion under traffic with v4 and v6 endpoints: the
# devices are created in the underlay namespace and moved into their VPCs
# (the documented deployment); the underlay is deleted while pings flow
# over a peering with an IPv6 endpoint and one with an IPv4 endpoint. The
# peerings' route caches held dsts of the underlay's IPv6 stack, which
# lives inside its struct net; they must be gone before that is freed.
# Afterwards every device is still usable and removable: show, del-peer,
# add-peer, route add, down, deletion of a VPC namespace (and so of its
# device), ip link del, rmmod. Booted with slub_debug=FZP, the old code
# crashed in dst_destroy at the first del-peer or namespace deletion.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b c
peer_pair a b pcx-0ab v6
peer_pair a c pcx-0ac v4

# Traffic over both peerings, inner IPv4 and IPv6, until the test ends.
for dst in 10.2.0.1 fd00:2::1 10.3.0.1 fd00:3::1; do
	bg_run vpa ping -q -i 0.05 -w 600 "$dst" >/dev/null 2>&1
done
# above NS PCX KEY N: "yes" once the counter exceeds N.
above() {
	[ "$(peerstat "$1" vpc0 "$2" "$3")" -gt "$4" ] && echo yes
}
# Both sides' caches hold a route once a packet went each way.
for pcx in pcx-0ab pcx-0ac; do
	wait_eq "A's $pcx rx_packets > 0" yes above vpa "$pcx" rx_packets 0
done
log "traffic flows over pcx-0ab (IPv6 endpoint) and pcx-0ac (IPv4)"

# no_carrier NS DEV: 1 once DEV in NS has lost its carrier.
no_carrier() {
	ip -n "$1" link show "$2" | grep -c NO-CARRIER
}
# Cleanup rounds of namespaces are observable: a namespace that holds the
# underlay of a device living in vpa (probeN) takes its carrier when the
# kernel begins to clean it up, once the round before has finished. A
# round frees the struct nets of the round before it (net_complete_free).
# The probes are made now: a namespace made after the underlay's deletion
# could reuse its memory, and hide a stale pointer into it.
for n in 1 2; do
	ns_new "vpp$n"
	ip -n "vpp$n" link add probe type vpcpeer &&
		ip -n "vpp$n" link set probe netns vpa name "probe$n" &&
		ip -n vpa link set "probe$n" up ||
		fail "probe device $n"
done
# netns_round N: another cleanup round has finished.
netns_round() {
	ip netns del "vpp$1" || fail "ip netns del vpp$1"
	wait_eq "probe$1 NO-CARRIER" 1 no_carrier vpa "probe$1"
}

ip netns del "$UNDERLAY" || fail "ip netns del $UNDERLAY"
# The devices notice: no carrier, no sockets.
for ns in vpa vpb vpc; do
	wait_eq "$ns vpc0 NO-CARRIER after the underlay went" 1 no_carrier "$ns" vpc0
done
# Two more rounds: the underlay's struct net is freed (and, with
# slub_debug, poisoned) before anything below runs.
netns_round 1
netns_round 2
log "underlay deleted under traffic"

# A stays usable: it is shown, its peerings are deleted and added.
ip netns exec vpa vpcpeerctl show vpc0 >/dev/null || fail "show vpc0 in A"
ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer pcx-0ab in A"
ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-0ac || fail "del-peer pcx-0ac in A"
peer_add a b pcx-0ab v6
peer_add a c pcx-0ac v4
routes_add a pcx-0ab 10.2.0.0/17
ping_lost vpa 10.2.0.1
ip -n vpa link set vpc0 down || fail "ip link set vpc0 down in A"
expect_fail 2 ip -n vpa link set vpc0 up
log "A after the underlay: del-peer, add-peer, route, down: $ERR"

# B goes with its namespace, C with ip link del, both still peered.
ip netns del vpb || fail "ip netns del vpb"
ip -n vpc link del vpc0 || fail "ip link del vpc0 in C"
# A, peered, goes with rmmod.
rmmod vpcpeer || fail "rmmod vpcpeer with A's device peered"
ip -n vpa link show vpc0 >/dev/null 2>&1 && fail "A's vpc0 survived rmmod"
module_load
log "B deleted with its namespace, C with ip link del, A by rmmod"
exit 0
