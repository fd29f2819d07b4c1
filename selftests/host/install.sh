#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make install / make uninstall into a scratch DESTDIR: every file where it
# belongs and nothing else, the module the one built (version, vermagic),
# both man pages rendering, depmod run only in a staged module tree, and
# uninstall leaving no file behind.
. "$(dirname "$0")/lib.sh"

KVER=$("$TOP/tools/lab/default-kver") || fail "no 6.1 kernel headers: run make deps"
version=$(sed -n 's/^#define VPCPEER_VERSION "\(.*\)"/\1/p' "$TOP/module/version.h")
[ -n "$version" ] || fail "no VPCPEER_VERSION in module/version.h"
make -s -C "$TOP" KVER="$KVER" >/dev/null 2>&1 || fail "make KVER=$KVER"

# inst TARGET DESTDIR [VAR=VALUE...]: make TARGET into DESTDIR
inst() {
	local target=$1 dest=$2
	shift 2
	make -s -C "$TOP" KVER="$KVER" DESTDIR="$dest" "$@" "$target" \
		>"$SCRATCH/make.log" 2>&1 ||
		fail "make $target DESTDIR=$dest $*: $(tail -n 5 "$SCRATCH/make.log")"
}

# files DIR: the files (not directories) under DIR, relative, sorted
files() {
	(cd "$1" && find . ! -type d | sed 's|^\./||' | LC_ALL=C sort)
}

# expect_files DIR FILE...: exactly these files under DIR
expect_files() {
	local dir=$1 want got
	shift
	want=$(printf '%s\n' "$@" | LC_ALL=C sort)
	got=$(files "$dir")
	[ "$got" = "$want" ] ||
		fail "files under $dir:"$'\n'"$got"$'\n'"want:"$'\n'"$want"
}

root=$SCRATCH/root
prefix=/opt/vpcpeer
inst install "$root" PREFIX="$prefix"
p=${prefix#/}
expect_files "$root" \
	"lib/modules/$KVER/updates/vpcpeer.ko" \
	"$p/sbin/vpcpeerctl" \
	"$p/share/man/man8/vpcpeerctl.8" \
	"$p/share/man/man4/vpcpeer.4" \
	"$p/share/bash-completion/completions/vpcpeerctl"

ko=$root/lib/modules/$KVER/updates/vpcpeer.ko
cmp -s "$ko" "$TOP/module/vpcpeer.ko" || fail "the installed vpcpeer.ko is not the one built"
v=$(modinfo -F version "$ko")
[ "$v" = "$version" ] || fail "installed module's version $v, want $version"
vermagic=$(modinfo -F vermagic "$ko")
[[ $vermagic == "$KVER "* ]] || fail "installed module's vermagic $vermagic is not $KVER's"
[ "$vermagic" = "$(modinfo -F vermagic "$TOP/module/vpcpeer.ko")" ] ||
	fail "installed module's vermagic $vermagic is not the build's"
ctl=$root$prefix/sbin/vpcpeerctl
[ -x "$ctl" ] || fail "$ctl is not executable"
[ "$("$ctl" --version)" = "vpcpeerctl $version" ] ||
	fail "installed vpcpeerctl --version: $("$ctl" --version)"
cmp -s "$root$prefix/share/bash-completion/completions/vpcpeerctl" \
	"$TOP/tools/vpcpeerctl/completion.bash" ||
	fail "the installed completion is not tools/vpcpeerctl/completion.bash"
for page in man8/vpcpeerctl.8 man4/vpcpeer.4; do
	out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$root$prefix/share/man/$page" 2>&1 >/dev/null) ||
		fail "man -l $page failed: $out"
	[ -z "$out" ] || fail "man -l $page warns: $out"
	n=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$root$prefix/share/man/$page" 2>/dev/null | wc -l)
	[ "$n" -gt 40 ] || fail "man -l $page: only $n lines"
done
log "installed under $root: $(files "$root" | tr '\n' ' ')"

inst uninstall "$root" PREFIX="$prefix"
expect_files "$root"
log "uninstalled: no file left"

# PREFIX defaults to /usr/local
inst install "$SCRATCH/default"
[ -x "$SCRATCH/default/usr/local/sbin/vpcpeerctl" ] ||
	fail "make install without PREFIX: no /usr/local/sbin/vpcpeerctl"
inst uninstall "$SCRATCH/default"
expect_files "$SCRATCH/default"

# A staged root with the kernel's module tree: depmod -b there lists the
# module, and after uninstall no longer does.
staged=$SCRATCH/staged
tree=$staged/lib/modules/$KVER
mkdir -p "$tree"
cp /lib/modules/"$KVER"/modules.order /lib/modules/"$KVER"/modules.builtin "$tree/" ||
	fail "no /lib/modules/$KVER/modules.{order,builtin}"
inst install "$staged"
grep -q '^updates/vpcpeer.ko:' "$tree/modules.dep" ||
	fail "make install into a staged root: modules.dep does not list updates/vpcpeer.ko"
inst uninstall "$staged"
[ -e "$tree/modules.dep" ] || fail "make uninstall into a staged root: no modules.dep"
! grep -q vpcpeer "$tree/modules.dep" ||
	fail "make uninstall into a staged root: modules.dep still lists vpcpeer"
left=$(files "$staged" | grep -v "^lib/modules/$KVER/modules\.")
[ -z "$left" ] || fail "make uninstall into a staged root left: $left"
log "staged root: depmod -b added and removed updates/vpcpeer.ko"
