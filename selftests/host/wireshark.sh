#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The Wireshark dissector (tools/wireshark/vpcpeer.lua) against hand-made
# datagrams of every kind (wireshark.py): every field decodes to the value
# put in, WireGuard and other UDP stay alone, a port of another protocol is
# vpcpeer only by preference or Decode As. Then the same check must fail
# on copies of the dissector broken one way each: an offset off by one, a
# heuristic one rule looser.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

LUA=$TOP/tools/wireshark/vpcpeer.lua
command -v tshark >/dev/null || fail "no tshark (tools/lab/deps installs it)"

out=$(python3 "$HOST_DIR/wireshark.py" "$LUA" "$SCRATCH" 2>&1) ||
	fail "$LUA: $out"
log "$out"

# SED_EXPR WHAT: a broken copy must not pass.
mutant() {
	local broken=$SCRATCH/broken.lua
	sed "$1" "$LUA" >"$broken"
	cmp -s "$LUA" "$broken" && fail "mutation '$1' changed nothing"
	out=$(python3 "$HOST_DIR/wireshark.py" "$broken" "$SCRATCH" 2>&1) &&
		fail "the check passes with $2"
	log "fails with $2: $(printf '%s\n' "$out" | grep -m1 -vE '^[0-9]+ frames|^port 53:')"
}
mutant 's/f\.counter, tvb(8, 8)/f.counter, tvb(9, 8)/' "the counter at offset 9"
mutant 's/f\.receiver_index, tvb(4, 4)/f.receiver_index, tvb(3, 4)/' \
	"the receiver index at offset 3"
mutant 's/f\.pcx, tvb, 52, 24/f.pcx, tvb, 53, 24/' "the pcx id at offset 53"
mutant 's/208 + i \* SLOT_LEN/209 + i * SLOT_LEN/' "the CIDR slots at offset 209"
mutant 's/f\.tag, tvb(HDR_LEN + n, TAG_LEN)/f.tag, tvb(HDR_LEN + n - 1, TAG_LEN)/' \
	"the tag one byte early"
mutant 's/not counter_small(tvb)/false/' "no counter limit in the heuristic"
mutant 's/TAG_LEN or tvb(3, 1):uint() ~= 0 or/TAG_LEN or/' \
	"no reserved byte check in the heuristic"
mutant '/f\.mac, tvb(784, 16)/d' "no MAC field"
exit 0
