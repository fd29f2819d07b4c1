#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tools/lab/ynl-check passes on this tree, and reports each of three
# deliberate drifts made in scratch copies: an attribute renamed in the
# uapi header and netlink.c, a policy length and a policy type changed, an
# op missing from genl_ops.
source "$(dirname "$0")/lib.sh"

out=$("$TOP/tools/lab/ynl-check" 2>&1) || fail "ynl-check fails on the tree: $out"
log "$out"

# copy NAME: a scratch tree with what ynl-check reads, in $SCRATCH/NAME
copy() {
	mkdir -p "$SCRATCH/$1/uapi/linux" "$SCRATCH/$1/module" \
		"$SCRATCH/$1/Documentation/netlink/specs"
	cp "$TOP/uapi/linux/vpcpeer.h" "$SCRATCH/$1/uapi/linux/"
	cp "$TOP/module/netlink.c" "$SCRATCH/$1/module/"
	cp "$TOP/Documentation/netlink/specs/vpcpeer.yaml" \
		"$SCRATCH/$1/Documentation/netlink/specs/"
}

# drifted NAME REGEX...: ynl-check on the copy fails and prints each REGEX
drifted() {
	local name=$1 out re
	shift
	if out=$("$TOP/tools/lab/ynl-check" "$SCRATCH/$name" 2>&1); then
		fail "$name: ynl-check passes: $out"
	fi
	for re in "$@"; do
		expect_match "$out" "$re" "$name: ynl-check's report"
	done
	log "$name: reported:"; log "$out"
}

# The sed must have changed something, or the test proves nothing.
edit() {
	local file=$1 expr=$2
	cp "$file" "$file.orig"
	sed -i "$expr" "$file"
	! cmp -s "$file" "$file.orig" || fail "sed '$expr' changed nothing in $file"
	rm "$file.orig"
}

copy rename
edit "$SCRATCH/rename/uapi/linux/vpcpeer.h" 's/VPCPEER_A_PEER_REMOTE_VPC,/VPCPEER_A_PEER_REMOTE_VPC_ID,/'
edit "$SCRATCH/rename/module/netlink.c" 's/VPCPEER_A_PEER_REMOTE_VPC\]/VPCPEER_A_PEER_REMOTE_VPC_ID]/'
drifted rename '^ynl-check: uapi VPCPEER_A_PEER_REMOTE_VPC_ID: in uapi/linux/vpcpeer.h \(2\), not in the spec$' \
	'^ynl-check: policy peer.remote-vpc: .*no VPCPEER_A_PEER_REMOTE_VPC$'

copy policy
edit "$SCRATCH/policy/module/netlink.c" 's/\.len = sizeof(struct sockaddr_in6)/.len = sizeof(struct sockaddr_in)/'
edit "$SCRATCH/policy/module/netlink.c" 's/NLA_POLICY_MAX(NLA_U16, 3600)/NLA_POLICY_MAX(NLA_U32, 3600)/'
drifted policy '^ynl-check: policy peer.endpoint: spec says NLA_BINARY len=28, vp_peer_policy says NLA_BINARY len=16$' \
	'^ynl-check: policy peer.keepalive: spec says NLA_U16 max=3600, vp_peer_policy says NLA_U32 max=3600$'

copy op
edit "$SCRATCH/op/module/netlink.c" '/\.cmd = VPCPEER_CMD_REKEY,/,/}, {/d'
drifted op '^ynl-check: op rekey: not in genl_ops \(VPCPEER_CMD_REKEY\)$'

# And the spec side: a wrong attribute type in the spec alone.
copy spec
edit "$SCRATCH/spec/Documentation/netlink/specs/vpcpeer.yaml" '/name: listen-port/{n;s/type: u16/type: u32/}'
drifted spec '^ynl-check: policy device.listen-port: spec says NLA_U32, vp_device_policy says NLA_U16$'
