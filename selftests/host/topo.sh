#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tools/lab/topo check: every example in examples/ is accepted, and a bad
# file is refused with exit 1 and one line on stderr that names the file
# and line at fault and says what is wrong.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
TOPO="$TOP/tools/lab/topo"
# refused, at the end of each pipeline, runs in this shell: its fail exits.
shopt -s lastpipe

n=0
for f in "$TOP"/examples/*.yaml; do
	out=$("$TOPO" check "$f" 2>&1) || fail "topo check $f: $out"
	"$TOPO" reach "$f" >/dev/null || fail "topo reach $f failed"
	n=$((n + 1))
done
[ "$n" -ge 3 ] || fail "only $n examples in examples/"
log "topo check: $n examples accepted"

# What every bad file starts from: two peered VPCs, with routes.
good() {
	cat <<'YAML'
vpcs:
  a:
    cidrs: [10.1.0.0/16, fd00:1::/48]
    routes: [10.2.0.0/16 via pcx-0ab]
  b:
    cidrs: [10.2.0.0/16]
    routes: [10.1.0.0/16 via pcx-0ab]
peerings:
  pcx-0ab:
    vpcs: [a, b]
YAML
}

# refused NAME LINE REGEX: the file $SCRATCH/NAME.yaml (from stdin) is
# refused by topo check with one line "topo: FILE:LINE: ..." matching REGEX.
refused() {
	local f="$SCRATCH/$1.yaml" out rc
	cat >"$f"
	out=$("$TOPO" check "$f" 2>&1 >/dev/null)
	rc=$?
	[ "$rc" -eq 1 ] || fail "$1: topo check exited $rc, want 1 ($out)"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] ||
		fail "$1: want one line on stderr, got: $out"
	expect_match "$out" "^topo: $f:$2: " "$1: the message's file:line"
	expect_match "$out" "$3" "$1: the message"
	log "$1: $out"
}

good >"$SCRATCH/good.yaml"
"$TOPO" check "$SCRATCH/good.yaml" >/dev/null || fail "the base of the bad files is refused"

good | sed 's/vpcs: \[a, b\]/vpcs: [a, d]/' |
	refused unknown-vpc 10 "peering pcx-0ab: unknown VPC 'd' \(VPCs: a, b\)"
good | sed 's|cidrs: \[10.2.0.0/16\]|cidrs: [10.1.128.0/17]|; s|10.2.0.0/16 via|10.1.128.0/17 via|' |
	refused overlap 9 "pcx-0ab: a's 10.1.0.0/16 overlaps b's 10.1.128.0/17 \(the kernel refuses"
good | sed 's|routes: \[10.2.0.0/16 via pcx-0ab\]|routes: [10.2.0.0/16 via pcx-0ab, 10.3.0.0/24 via pcx-0ab]|' |
	refused route-outside 4 "a route 10.3.0.0/24 via pcx-0ab: outside b's CIDRs \(10.2.0.0/16\)"
good | sed 's|fd00:1::/48|fd00:1::/48, 10.2.0.0/16|' |
	refused overlap-v4 9 "a's 10.2.0.0/16 overlaps b's 10.2.0.0/16"
{ good; printf '  b:\n    cidrs: [10.9.0.0/16]\n'; } | sed 's/^peerings:/x: 1\n&/' |
	refused unknown-key 8 "top level: unknown key 'x'"
good | sed '6a\  a:\n    cidrs: [10.5.0.0/16]' |
	refused duplicate-vpc 7 "vpcs: duplicate 'a' \(first at line 2\)"
{ good; printf '  pcx-0ab:\n    vpcs: [a, b]\n'; } |
	refused duplicate-pcx 11 "peerings: duplicate 'pcx-0ab' \(first at line 9\)"
{ good; printf '  pcx-0ba:\n    vpcs: [b, a]\n'; } |
	refused second-peering 11 "pcx-0ba: b and a are peered already by pcx-0ab \(line 9\)"
good | sed 's|\[10.2.0.0/16 via pcx-0ab\]|[10.2.0.0/16 via pcx-0ab, 10.2.0.0/16 via pcx-0ab]|' |
	refused duplicate-route 4 "10.2.0.0/16 is there twice"
good | sed 's|\[10.1.0.0/16 via pcx-0ab\]|[10.1.0.0/16 via pcx-0cd]|' |
	refused unknown-pcx 7 "b route 10.1.0.0/16 via pcx-0cd: no peering pcx-0cd"
good | sed 's|cidrs: \[10.2.0.0/16\]|cidrs: [10.2.0.1/16]|' |
	refused host-bits 6 "host bits set \(did you mean 10.2.0.0/16\?\)"
good | sed 's|vpcs: \[a, b\]|vpcs: [a, b]\n    cipher: aes-gcm-512|' |
	refused cipher 11 "cipher 'aes-gcm-512': want aes-gcm-128 or aes-gcm-256"
good | sed 's|^  pcx-0ab:|  pcx-xyz:|' |
	refused pcx-id 9 "peering 'pcx-xyz': want pcx-"
good | sed '2a\    hosts: [10.2.0.1]' |
	refused host-outside 3 "VPC a hosts: 10.2.0.1 is outside its CIDRs"
good | sed '2a\    hosts: [10.1.0.1, 10.1.0.1]' |
	refused duplicate-host 3 "VPC a hosts: 10.1.0.1 is there twice"
good | sed '6a\    id: vpc-a' |
	refused duplicate-id 5 "VPC b: id 'vpc-a' is VPC a's too \(line 2\)"
good | sed 's/^  a:$/  a: [1]/' | refused yaml-syntax 3 "YAML: "
good | sed '/^    cidrs: \[10.2.0.0/d' | refused missing-cidrs 6 "VPC b: 'cidrs' is missing"

# A topology that never fails is as useless as one that always does: an
# error message without its line would be caught above. And usage:
"$TOPO" check >/dev/null 2>&1
[ $? -eq 2 ] || fail "topo check without FILE should exit 2"
"$TOPO" check "$SCRATCH/no-such.yaml" 2>/dev/null && fail "topo check of a missing file succeeded"
exit 0
