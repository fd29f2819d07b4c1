#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rmmod succeeds while devices exist in several namespaces and removes them
# all; afterwards the link kind and the genl family are gone.
source "$(dirname "$0")/lib.sh"
module_load
ns_new vpa vpb

ip -n vpa link add vpc0 type vpcpeer || fail "ip link add in vpa"
ip -n vpb link add vpc0 type vpcpeer || fail "ip link add in vpb"
ip -n vpb link set vpc0 up
ip link add vpc9 type vpcpeer || fail "ip link add in the initial namespace"
rmmod vpcpeer || fail "rmmod vpcpeer"
grep -q '^vpcpeer ' /proc/modules && fail "vpcpeer still loaded"
for ns in vpa vpb; do
	ip -n $ns link show vpc0 >/dev/null 2>&1 && fail "vpc0 survived rmmod in $ns"
done
ip link show vpc9 >/dev/null 2>&1 && fail "vpc9 survived rmmod"
expect_fail 1 vpcpeerctl show
expect_match "$ERR" "module is not loaded"
exit 0
