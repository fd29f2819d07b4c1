#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A dump of a device's peerings that spans several messages lists one
# device's peerings, or says it was interrupted (NLM_F_DUMP_INTR), even
# when the device is renamed, or deleted and made again under its name,
# between two parts. The two devices are configured alike (so a counter
# of changes cannot tell them apart), with different pcx ids.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
module_load
ns_new vpa
export GENL_PEERS=40

genl() {
	ip netns exec vpa python3 -I -S "$SELFTESTS_DIR/genl.py" "$@"
}

# check OUT WHAT: one device's list, whole, or an interrupted dump; a
# splice is noted in $spliced, so that both cases run.
spliced=
check() {
	local out=$1 what=$2 parts devs
	parts=$(printf '%s\n' "$out" | sed -n 's/^parts //p')
	[ "${parts:-0}" -ge 3 ] || fail "$what: the dump came in ${parts:-0} parts, want several: $out"
	if printf '%s\n' "$out" | grep -qx interrupted; then
		log "$what: dump flagged interrupted"
		return 0
	fi
	devs=$(printf '%s\n' "$out" | grep -E '^[0-9]+ pcx-' |
		sed -E 's/^([0-9]+) pcx-([ab]).*/\1 \2/' | sort -u | tr '\n' ' ')
	[ "$(printf '%s\n' "$out" | grep -cE '^[0-9]+ pcx-')" -eq "$GENL_PEERS" ] &&
		[ "$(printf '%s' "$devs" | wc -w)" -eq 2 ] || {
		log "$what: the dump splices devices (ifindex and pcx letter: $devs)"
		spliced="$spliced${spliced:+; }$what"
		return 0
	}
	log "$what: $GENL_PEERS peerings of one device ($devs)"
}

ip -n vpa link add spl type vpcpeer || fail "ip link add spl"
ip -n vpa link add oth type vpcpeer || fail "ip link add oth"
genl setup spl vpc-r "$GENL_PEERS" a || fail "setting up spl"
genl setup oth vpc-r "$GENL_PEERS" b || fail "setting up oth"
out=$(genl dump spl rename oth) || fail "dump with a rename: $out"
check "$out" "rename between parts"

ip -n vpa link del spl
ip -n vpa link del oth
ip -n vpa link add spl type vpcpeer || fail "ip link add spl"
genl setup spl vpc-r "$GENL_PEERS" a || fail "setting up spl"
out=$(genl dump spl recreate) || fail "dump with a re-create: $out"
check "$out" "delete and re-create between parts"
[ -z "$spliced" ] || fail "spliced dumps: $spliced"
exit 0
