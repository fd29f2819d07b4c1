#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vpcpeerctl fails (exit 1, one line) when what it prints cannot be
# written: `showconf DEV > FILE` on a full disk must not succeed with half
# a file. Every command's output goes through main(), so --help and genkey
# (which need no kernel) stand for them here.
. "$(dirname "$0")/lib.sh"

tool=$TOP/tools/vpcpeerctl/vpcpeerctl
[ -x "$tool" ] || fail "$tool is not built: run make"
[ -w /dev/full ] || fail "no /dev/full"

for cmd in --help genkey; do
	"$tool" $cmd >/dev/full 2>"$SCRATCH/err"
	rc=$?
	err=$(cat "$SCRATCH/err")
	[ "$rc" -eq 1 ] || fail "vpcpeerctl $cmd >/dev/full exited $rc, want 1"
	[ "$(wc -l <"$SCRATCH/err")" -eq 1 ] ||
		fail "vpcpeerctl $cmd >/dev/full printed, on stderr: $err"
	expect_match "$err" "^vpcpeerctl: .*No space left on device$" "vpcpeerctl $cmd >/dev/full"
	log "as expected: $err"
	"$tool" $cmd >/dev/null || fail "vpcpeerctl $cmd >/dev/null failed"
done
