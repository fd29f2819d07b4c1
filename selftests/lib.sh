# SPDX-License-Identifier: GPL-2.0
# Sourced by every selftest. A test builds its own namespaces with ns_new,
# which are deleted on exit, pass or fail. A test fails by exiting non-zero;
# fail() says why in one line. Exit 4 (KSFT_SKIP) means skipped.

set -u
SELFTESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(dirname "$SELFTESTS_DIR")
export PATH="$TOP/tools/vpcpeerctl:/usr/sbin:/usr/bin:/sbin:/bin"
MODULE="$TOP/module/vpcpeer.ko"
KSFT_SKIP=4

_namespaces=()

cleanup() {
	local ns
	for ns in "${_namespaces[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	return 0
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	exit 1
}

log() {
	echo "$*"
}

# ns_new NAME...: fresh network namespaces with lo up, removed at exit.
ns_new() {
	local ns
	mkdir -p /run/netns
	for ns in "$@"; do
		ip netns del "$ns" 2>/dev/null
		ip netns add "$ns" || fail "ip netns add $ns"
		_namespaces+=("$ns")
		ip -n "$ns" link set lo up
	done
}

# proc_counters NS FILE SECTION NAME...: the named counters of SECTION
# ("Tcp:", "TcpExt:") in /proc/net/FILE of NS, on one line.
proc_counters() {
	local ns=$1 file=$2 section=$3
	shift 3
	# shellcheck disable=SC2016 # awk's own $
	ip netns exec "$ns" awk -v s="$section" -v names="$*" '$1 == s {
		if (!seen) { for (i = 2; i <= NF; i++) col[$i] = i; seen = 1; next }
		n = split(names, want, " ")
		for (j = 1; j <= n; j++) printf "%s%s", (j > 1 ? " " : ""), $col[want[j]]
		print "" }' "/proc/net/$file"
}

# wait_listen NS PORT: polls until a TCP socket listens on PORT in NS.
wait_listen() {
	for _ in $(seq 100); do
		ip netns exec "$1" ss -Hltn "sport = :$2" | grep -q . && return 0
		sleep 0.1
	done
	fail "nothing listens on TCP port $2 in $1"
}

# Loads the module built in this checkout, once.
module_load() {
	[ -e "$MODULE" ] || fail "$MODULE is not built: run make"
	local want have
	want=$(modinfo -F vermagic "$MODULE" | cut -d' ' -f1)
	have=$(uname -r)
	[ "$want" = "$have" ] ||
		fail "$MODULE is built for $want, this guest runs $have: run make KVER=$have"
	grep -q '^vpcpeer ' /proc/modules && return 0
	# insmod does not load dependencies (udp_tunnel, ip6_udp_tunnel).
	modprobe -a $(modinfo -F depends "$MODULE" | tr , ' ') ||
		fail "modprobe of vpcpeer's dependencies"
	# What udev loads at boot on a CPU with AES-NI; the guest has no udev.
	modprobe -q aesni_intel
	insmod "$MODULE" || fail "insmod $MODULE"
}

# expect_fail CODE CMD...: CMD must exit with CODE and print exactly one
# line on stderr; that line is left in $ERR.
expect_fail() {
	local want=$1 rc errf
	shift
	errf=$(mktemp)
	"$@" >/dev/null 2>"$errf"
	rc=$?
	ERR=$(cat "$errf")
	rm -f "$errf"
	[ "$rc" -eq "$want" ] || fail "'$*' exited $rc, want $want (stderr: $ERR)"
	[ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] && [ -n "$ERR" ] ||
		fail "'$*' should print one line on stderr, printed: $ERR"
	log "as expected: $ERR"
}

# expect_match STRING REGEX [WHAT]
expect_match() {
	printf '%s\n' "$1" | grep -Eq -- "$2" ||
		fail "${3:-output} does not match /$2/: $1"
}
