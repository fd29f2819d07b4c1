#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A device moves between namespaces, and deleting the namespace it is in
# removes it, whether it was created there or moved there.
source "$(dirname "$0")/lib.sh"
module_load
ns_new vpu vpv vpw

ip -n vpu link add vpc0 type vpcpeer || fail "ip link add"
ip -n vpu link set vpc0 netns vpv || fail "ip link set vpc0 netns vpv"
ip -n vpu link show vpc0 >/dev/null 2>&1 && fail "vpc0 still in vpu after the move"
ip -n vpv link show vpc0 >/dev/null || fail "vpc0 not in vpv after the move"
ip -n vpv link set vpc0 up || fail "moved device does not come up"

# Deleting the namespace a moved device sits in deletes the device.
ip netns del vpv
ip -n vpu link add vpc1 type vpcpeer || fail "ip link add vpc1"
ip -n vpu link set vpc1 netns vpw
ip netns del vpw
ip netns del vpu
ip link show vpc0 >/dev/null 2>&1 && fail "vpc0 turned up in the initial namespace"
ip link show vpc1 >/dev/null 2>&1 && fail "vpc1 turned up in the initial namespace"

# The namespaces die in the background (cleanup_net); wait for it, then the
# module must have no devices left: unload and load again.
for _ in $(seq 50); do
	[ -z "$(ip netns list)" ] && break
	sleep 0.1
done
rmmod vpcpeer || fail "rmmod after deleting the namespaces"
module_load
exit 0
