#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make install-dkms / uninstall-dkms for the 6.1 and the 6.12 headers, with
# every DKMS tree, the install tree and the signing key in a scratch
# directory: the source tree holds only what the module's build needs,
# dkms builds and installs a vpcpeer.ko with each kernel's vermagic, and
# removes it all again. A warning does not fail a DKMS build (no -Werror
# there), though it fails ours (VP_WERROR=y). Nothing is written to
# /var/lib/dkms, /usr/src or /lib/modules.
. "$(dirname "$0")/lib.sh"

command -v dkms >/dev/null || fail "no dkms: run make deps"
version=$(sed -n 's/^#define VPCPEER_VERSION "\(.*\)"/\1/p' "$TOP/module/version.h")
[ -n "$version" ] || fail "no VPCPEER_VERSION in module/version.h"

# newest KVER whose headers are at /lib/modules/KVER/build, of a series
# Debian's two LTS kernels, as make check tests them (not a local build
# such as check-debug's 6.1.N-vpcpeer-debug).
kvers=$("$TOP/tools/lab/lts-kvers") || fail "tools/lab/lts-kvers: run make deps"
k612=$(head -n 1 <<<"$kvers")
k61=$(tail -n 1 <<<"$kvers")
case $k612:$k61 in
6.12.*:6.1.*) ;;
*) fail "want Debian's 6.12 and 6.1 kernels (make deps), have: $kvers" ;;
esac

# What must not change outside the scratch directory.
outside() {
	ls -la /var/lib/dkms
	find /lib/modules/"$k61" /lib/modules/"$k612" -maxdepth 1 -newer "$SCRATCH/stamp"
	find /var/lib/dkms /usr/src /lib/modules/"$k61" /lib/modules/"$k612" -name '*vpcpeer*'
}
touch "$SCRATCH/stamp"
sleep 1
before=$(outside)

mkdir -p "$SCRATCH/dkms" "$SCRATCH/modules/$k61" "$SCRATCH/modules/$k612"
export mok_signing_key=$SCRATCH/mok.key mok_certificate=$SCRATCH/mok.pub
dkms=(dkms --dkmstree "$SCRATCH/dkms" --installtree "$SCRATCH/modules" --no-depmod)
root=$SCRATCH/root
src=$root/usr/src/vpcpeer-$version

# mk TARGET KVER: make TARGET for KVER with the scratch trees
mk() {
	make -s -C "$TOP" DESTDIR="$root" KVER="$2" DKMS="${dkms[*]}" "$1" \
		>"$SCRATCH/make.log" 2>&1 ||
		fail "make $1 KVER=$2: $(tail -n 15 "$SCRATCH/make.log")"
}

for k in "$k61" "$k612"; do
	mk install-dkms "$k"
	# compressed where the kernel compresses its modules (6.12: xz)
	ko=$(ls "$SCRATCH/modules/$k/updates/dkms/"vpcpeer.ko* 2>/dev/null)
	[ -f "$ko" ] || fail "make install-dkms KVER=$k: no updates/dkms/vpcpeer.ko*"
	vermagic=$(modinfo -F vermagic "$ko")
	[[ $vermagic == "$k "* ]] || fail "DKMS build for $k: vermagic $vermagic"
	v=$(modinfo -F version "$ko")
	[ "$v" = "$version" ] || fail "DKMS build for $k: version $v, want $version"
	log "$k: ${ko##*/}, vermagic $vermagic"
done
status=$("${dkms[@]}" status -m vpcpeer 2>/dev/null)
for k in "$k61" "$k612"; do
	grep -qxF "vpcpeer/$version, $k, x86_64: installed" <<<"$status" ||
		fail "dkms status: $status"
done

# The source tree: the module's sources, headers and Kbuild files, no
# test modules and no build products.
files=$(cd "$src" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
want=$(cd "$TOP" && { echo Kbuild; echo dkms.conf; echo module/Kbuild; echo uapi/linux/vpcpeer.h
	printf '%s\n' module/*.[ch] | grep -v '\.mod\.c$'; } | LC_ALL=C sort)
[ "$files" = "$want" ] || fail "$src holds:"$'\n'"$files"$'\n'"want:"$'\n'"$want"
grep -qx "PACKAGE_VERSION=\"$version\"" "$src/dkms.conf" ||
	fail "dkms.conf's PACKAGE_VERSION is not $version"
warn=$SCRATCH/warn/vpcpeer-$version	# for the warning, below
mkdir -p "$SCRATCH/warn"
cp -r "$src" "$warn" || fail "copying $src"

mk uninstall-dkms "$k612"
left=$(find "$SCRATCH/modules" "$SCRATCH/dkms" "$root" ! -type d)
[ -z "$left" ] || fail "make uninstall-dkms left: $left"
status=$("${dkms[@]}" status -m vpcpeer 2>/dev/null)
[ -z "$status" ] || fail "dkms status after uninstall-dkms: $status"
log "uninstall-dkms removed both kernels' modules and the source"

# A warning new to some kernel: the DKMS build goes on, ours stops.
mkdir -p "$SCRATCH/dkms-warn"
echo '#warning "vpcpeer: a new warning"' >>"$warn/module/main.c"
if make -C "/lib/modules/$k61/build" M="$warn" VP_WERROR=y modules >"$SCRATCH/werror.log" 2>&1; then
	fail "a warning did not fail the build with VP_WERROR=y"
fi
grep -q 'a new warning' "$SCRATCH/werror.log" || fail "VP_WERROR=y build failed, not on the warning"
make -C "/lib/modules/$k61/build" M="$warn" clean >/dev/null 2>&1
wdkms=(dkms --dkmstree "$SCRATCH/dkms-warn" --installtree "$SCRATCH/modules" --no-depmod
	--sourcetree "$SCRATCH/warn" -m vpcpeer -v "$version")
"${wdkms[@]}" add -k "$k61" >"$SCRATCH/warn.log" 2>&1 || fail "dkms add (warning): $(cat "$SCRATCH/warn.log")"
"${wdkms[@]}" build -k "$k61" >"$SCRATCH/warn.log" 2>&1 ||
	fail "a warning failed the DKMS build: $(tail -n 15 "$SCRATCH/warn.log")"
grep -q 'a new warning' "$SCRATCH/dkms-warn/vpcpeer/$version/$k61/x86_64/log/make.log" ||
	fail "the DKMS build did not see the warning"
"${wdkms[@]}" remove --all >"$SCRATCH/warn.log" 2>&1 ||
	fail "dkms remove (warning): $(cat "$SCRATCH/warn.log")"
log "a warning: fails VP_WERROR=y, not the DKMS build"

after=$(outside)
[ "$before" = "$after" ] ||
	fail "outside the scratch directory, before:"$'\n'"$before"$'\n'"after:"$'\n'"$after"
