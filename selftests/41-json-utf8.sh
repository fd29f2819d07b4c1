#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vpcpeerctl show -j is valid UTF-8 JSON even when a device's name is not
# UTF-8 (a name is any bytes but '/', ':' and white space): each byte that
# is not part of valid UTF-8 is written as \u00XX, XX being the byte.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
module_load
ns_new vpa

ip -n vpa link add $'vp\xff\xfe' type vpcpeer || fail "ip link add vp\\xff\\xfe"
ip -n vpa link add $'vp\xc3\xa9' type vpcpeer || fail "ip link add vpé"
out=$(ip netns exec vpa vpcpeerctl show -j | python3 -I -S -c '
import json, sys
raw = sys.stdin.buffer.read()
try:
	d = json.loads(raw)
except ValueError as e:
	sys.exit("not valid UTF-8 JSON (%s): %r" % (e, raw[:200]))
print(" ".join(sorted(ascii(x["ifname"]) for x in d)))' 2>&1) || fail "$out"
[ "$out" = "'vp\\xe9' 'vp\\xff\\xfe'" ] || fail "the names in show -j: $out"
# Text output prints the name as it is, like ip link.
ip netns exec vpa vpcpeerctl show | grep -q $'^device: vp\xff\xfe$' ||
	fail "show does not print the device's name as it is"
exit 0
