# SPDX-License-Identifier: GPL-2.0
# Sourced by every host test (selftests/host/run). A test fails by exiting
# non-zero; fail() says why in one line. Scratch files go under $SCRATCH,
# removed on exit, pass or fail.

set -u
HOST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HOST_DIR/../.." && pwd)
# Debian's python3, with its python3-yaml and friends, not a pyenv one.
export PATH="/usr/sbin:/usr/bin:/sbin:/bin"
SCRATCH=$(mktemp -d /tmp/vpcpeer-host.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT

fail() {
	echo "FAIL: $*"
	exit 1
}

log() {
	echo "$*"
}

# expect_match STRING REGEX [WHAT]
expect_match() {
	printf '%s\n' "$1" | grep -Eq -- "$2" ||
		fail "${3:-output} does not match /$2/: $1"
}
