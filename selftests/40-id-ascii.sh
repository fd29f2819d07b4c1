#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VPC ids and regions are ASCII letters, digits, '.', '_' and '-': the
# kernel refuses Latin-1 letters (which its isalnum() takes for letters)
# from any client, with a message, and vpcpeerctl refuses them with one
# line and exit code 2 before asking the kernel.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
module_load
ns_new vpa

ip -n vpa link add vpc0 type vpcpeer || fail "ip link add vpc0"
genl() {
	ip netns exec vpa python3 -I -S "$SELFTESTS_DIR/genl.py" "$@"
}

out=$(genl set vpc0 vpc-id "$(printf 'vpc-a' | od -An -tx1 | tr -d ' \n')")
[ "$out" = ok ] || fail "an ASCII vpc-id: $out"
# "vpc-é" in Latin-1, "vpc-Ä" in Latin-1, a lone 0xff; and a region.
for what in vpc-id region; do
	for hex in 7670632de9 7670632dc4 ff; do
		out=$(genl set vpc0 "$what" "$hex")
		expect_match "$out" "^error 22: .*letters, digits" "$what 0x$hex"
		log "$what 0x$hex: $out"
	done
done
json=$(ip netns exec vpa vpcpeerctl show -j) || fail "vpcpeerctl show -j"
id=$(printf '%s' "$json" | python3 -I -S -c 'import json,sys; d=json.loads(sys.stdin.buffer.read())[0]; print(d["vpc_id"], d["region"])') ||
	fail "show -j is not valid UTF-8 JSON: $json"
[ "$id" = "vpc-a None" ] || fail "vpc-id and region after the refusals: $id"

# The tool: one readable line, usage exit code, nothing sent.
expect_fail 2 ip netns exec vpa vpcpeerctl set vpc0 vpc-id $'vpc-\xe9'
expect_match "$ERR" "vpc-id" "vpcpeerctl's refusal"
expect_fail 2 ip netns exec vpa vpcpeerctl set vpc0 region $'eu-\xc4'
expect_match "$ERR" "region" "vpcpeerctl's refusal"
exit 0
