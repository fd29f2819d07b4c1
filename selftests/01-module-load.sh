#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The module loads, registers its link kind and genl family, and says so.
source "$(dirname "$0")/lib.sh"

if grep -q '^vpcpeer ' /proc/modules; then
	rmmod vpcpeer || fail "rmmod of a previously loaded vpcpeer"
fi
expect_fail 1 vpcpeerctl show
expect_match "$ERR" "module is not loaded" "vpcpeerctl show without the module"

module_load
grep -q '^vpcpeer ' /proc/modules || fail "vpcpeer not in /proc/modules"
dmesg | grep -q 'vpcpeer: vpcpeer .* loaded' || fail "no load message in the kernel log"
out=$(vpcpeerctl show) || fail "vpcpeerctl show with no devices"
[ -z "$out" ] || fail "vpcpeerctl show printed devices that do not exist: $out"
log "module loaded: $(modinfo -F version "$MODULE")"
