#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `ip link add vpc0 type vpcpeer` works in a fresh namespace and gives a
# layer-3 point-to-point device that can go up.
source "$(dirname "$0")/lib.sh"
module_load
ns_new vpa
# Only the pings below may leave the device (no IPv6 autoconf traffic).
ip netns exec vpa sysctl -qw net.ipv6.conf.default.disable_ipv6=1

ip -n vpa link add vpc0 type vpcpeer || fail "ip link add vpc0 type vpcpeer"
ip -n vpa link set vpc0 up || fail "ip link set vpc0 up"
info=$(ip -n vpa -d link show vpc0)
log "$info"
expect_match "$info" "vpcpeer" "link kind"
expect_match "$info" "POINTOPOINT,NOARP" "link flags"
expect_match "$info" "mtu 1420 " "default MTU (1500 minus the IPv6 encapsulation)"
expect_match "$info" "link/none" "link type"
ip -n vpa link set vpc0 mtu 9000 || fail "jumbo MTU refused"

# No link-layer address: refused with a message naming it.
if out=$(ip -n vpa link add vpc1 address 02:00:00:00:00:01 type vpcpeer 2>&1); then
	fail "a link-layer address was accepted"
fi
expect_match "$out" "no link-layer address" "ip link add with an address"

# Without peerings nothing leaves the device, and every drop is counted.
tx_dropped() {
	ip -n vpa -j -s link show vpc0 |
		python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["tx"]["dropped"])'
}
ip -n vpa addr add 10.0.0.1/24 dev vpc0
before=$(tx_dropped)
ip netns exec vpa ping -c 3 -i 0.2 -W 1 10.0.0.2 >/dev/null 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "ping through a device with no peerings exited $rc, want 1 (no reply)"
after=$(tx_dropped)
[ $((after - before)) -eq 3 ] || fail "tx_dropped went from $before to $after after 3 pings, want +3"
log "tx_dropped=$after"

ip -n vpa link del vpc0 || fail "ip link del vpc0"
ip -n vpa link show vpc0 >/dev/null 2>&1 && fail "vpc0 still there after delete"
exit 0
