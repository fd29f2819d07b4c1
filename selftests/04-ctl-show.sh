#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vpcpeerctl show lists the vpcpeer devices of its own namespace through the
# genl family, as text and as JSON, and fails with one clear line otherwise.
# -n NETNS runs it in the namespace NETNS, as ip -n does.
source "$(dirname "$0")/lib.sh"
module_load
ns_new vpa vpb

ip -n vpa link add vpc0 type vpcpeer
ip -n vpa link add vpc1 type vpcpeer
modprobe dummy
ip -n vpa link add dummy0 type dummy || fail "ip link add dummy0"
ip -n vpb link add vpc7 type vpcpeer

out=$(ip netns exec vpa vpcpeerctl show) || fail "vpcpeerctl show"
log "$out"
expect_match "$out" "^device: vpc0$"
expect_match "$out" "^device: vpc1$"
idx=$(ip -n vpa -j link show vpc0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ifindex"])')
expect_match "$out" "^  ifindex: $idx$" "ifindex of vpc0"
printf '%s\n' "$out" | grep -Eq 'vpc7|dummy0|lo' && fail "show lists devices that are not vpcpeer devices of this namespace"

one=$(ip netns exec vpb vpcpeerctl show vpc7) || fail "vpcpeerctl show vpc7"
[ "$(printf '%s\n' "$one" | grep -c '^device:')" -eq 1 ] || fail "show vpc7 printed: $one"

json=$(ip netns exec vpa vpcpeerctl -j show) || fail "vpcpeerctl -j show"
names=$(printf '%s' "$json" | python3 -c 'import json,sys; print(" ".join(sorted(d["ifname"] for d in json.load(sys.stdin))))') ||
	fail "vpcpeerctl -j show is not JSON: $json"
[ "$names" = "vpc0 vpc1" ] || fail "JSON lists '$names', want 'vpc0 vpc1'"
json=$(ip netns exec vpb vpcpeerctl show vpc7 -j)
printf '%s' "$json" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[0]["ifname"]=="vpc7" and isinstance(d[0]["ifindex"], int)' ||
	fail "show vpc7 -j: $json"

# -n NETNS: the same as running in NETNS, before or after the command.
got=$(vpcpeerctl -n vpa show) || fail "vpcpeerctl -n vpa show"
[ "$got" = "$out" ] || fail "show -n vpa printed: $got"
got=$(vpcpeerctl show vpc7 --netns vpb) || fail "vpcpeerctl show vpc7 --netns vpb"
[ "$got" = "$one" ] || fail "show vpc7 --netns vpb printed: $got"
expect_fail 1 vpcpeerctl -n nosuchns show
expect_match "$ERR" "^vpcpeerctl: netns nosuchns: No such file or directory$" "missing netns"
expect_fail 2 vpcpeerctl -n ../vpa show
expect_match "$ERR" "not a network namespace name" "netns path"
expect_fail 2 vpcpeerctl show -n
expect_match "$ERR" "option -n needs a network namespace name" "-n without a name"

expect_fail 1 ip netns exec vpa vpcpeerctl show vpc7
expect_match "$ERR" "^vpcpeerctl: show vpc7: .*no such device" "missing device"
expect_fail 1 ip netns exec vpa vpcpeerctl show dummy0
expect_match "$ERR" "not a vpcpeer device" "non-vpcpeer device"
expect_fail 1 ip netns exec vpa setpriv --reuid=65534 --regid=65534 --clear-groups vpcpeerctl show
expect_match "$ERR" "Operation not permitted" "unprivileged show"
expect_fail 2 vpcpeerctl show a b
expect_fail 2 vpcpeerctl frobnicate
expect_match "$ERR" "unknown command" "unknown command"
vpcpeerctl --help | grep -q '^  show \[DEV\]' || fail "--help does not list show"
exit 0
