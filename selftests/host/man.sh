#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The man pages: `make man` builds vpcpeerctl(8) and vpcpeer(4) with
# rst2man, man renders each without a warning, and vpcpeerctl(8) has a
# section for every command and an entry for every option that
# `vpcpeerctl --help` lists.
. "$(dirname "$0")/lib.sh"

command -v rst2man >/dev/null || fail "no rst2man: run make deps (python3-docutils)"
make -s -C "$TOP" tools >/dev/null || fail "make tools"
make -s -C "$TOP" man >/dev/null || fail "make man"
ctl8=$TOP/Documentation/man/vpcpeerctl.8
dev4=$TOP/Documentation/man/vpcpeer.4

# render PAGE: man's text of PAGE into $text; fails on any warning
render() {
	local err
	text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$1" 2>"$SCRATCH/err") ||
		fail "man -l $1 failed: $(cat "$SCRATCH/err")"
	err=$(cat "$SCRATCH/err")
	[ -z "$err" ] || fail "man -l $1 warns: $err"
}
render "$ctl8"
text8=$text
render "$dev4"
text4=$text
expect_match "$(head -n 1 <<<"$text8")" '^VPCPEERCTL\(8\) .*VPCPEERCTL\(8\)$' "vpcpeerctl(8) header"
expect_match "$(head -n 1 <<<"$text4")" '^VPCPEER\(4\) .*VPCPEER\(4\)$' "vpcpeer(4) header"
for s in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "SEE ALSO"; do
	grep -qx "$s" <<<"$text8" || fail "vpcpeerctl(8) has no $s section"
done
for s in NAME SYNOPSIS DESCRIPTION DEVICE "GENERIC NETLINK" COUNTERS MODULE FILES "SEE ALSO"; do
	grep -qx "$s" <<<"$text4" || fail "vpcpeer(4) has no $s section"
done

# Every command of --help: "  NAME ARGS" lines, NAME the lowercase words.
help=$("$TOP/tools/vpcpeerctl/vpcpeerctl" --help) || fail "vpcpeerctl --help"
mapfile -t cmds < <(sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)*\)\( .*\)\{0,1\}$/\1/p' <<<"$help")
[ ${#cmds[@]} -ge 10 ] || fail "only ${#cmds[@]} commands in --help: ${cmds[*]}"
# The subsections of COMMANDS (.SS), as man prints them: 3 spaces in.
subs=$(sed -n '/^COMMANDS$/,/^[A-Z]/p' <<<"$text8" | grep '^   [a-z]')
for c in "${cmds[@]}"; do
	grep -Eq "^   $c( |\$)" <<<"$subs" ||
		fail "vpcpeerctl(8) has no section for \"$c\" (vpcpeerctl --help)"
	grep -Eq "^ +vpcpeerctl $c( |\$)" <<<"$(sed -n '/^SYNOPSIS$/,/^[A-Z]/p' <<<"$text8")" ||
		fail "vpcpeerctl(8)'s synopsis has no \"vpcpeerctl $c\""
done
# Every option of --help ("  -x, --long ARG" lines) heads an entry of
# OPTIONS: "-x[ ARG], --long[ ARG]".
mapfile -t options < <(sed -n 's/^  \(-[a-zA-Z]\), \(--[a-z-]*\).*/\1 \2/p' <<<"$help")
[ ${#options[@]} -ge 4 ] || fail "only ${#options[@]} options in --help"
entries=$(sed -n '/^OPTIONS$/,/^[A-Z]/p' <<<"$text8" | grep '^       -')
for o in "${options[@]}"; do
	grep -Eq "^       ${o% *}( [A-Z]+)?, ${o#* }( |\$)" <<<"$entries" ||
		fail "vpcpeerctl(8)'s OPTIONS has no entry \"${o/ /, }\" (vpcpeerctl --help)"
done
log "vpcpeerctl(8): ${#cmds[@]} commands (${cmds[*]}), ${#options[@]} options; vpcpeer(4) renders"
