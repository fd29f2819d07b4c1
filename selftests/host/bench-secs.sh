#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench/run's secs(): the seconds between $EPOCHREALTIME stamps, summed over
# pairs, in bash arithmetic, printed as python's round(x, 2) printed them
# (1.64, 1.6, 2.0), which bench/report.py and the results files expect.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

sed -n '/^secs() {$/,/^}$/p' "$TOP/bench/run" >"$SCRATCH/secs.sh"
[ -s "$SCRATCH/secs.sh" ] || fail "no secs() in bench/run"
# shellcheck source=/dev/null
source "$SCRATCH/secs.sh"

n=0
while read -r want stamps; do
	# shellcheck disable=SC2086 # the stamps are words
	got=$(secs $stamps) || fail "secs $stamps failed"
	[ "$got" = "$want" ] || fail "secs $stamps printed '$got', want '$want'"
	n=$((n + 1))
done <<'CASES'
1.64 1700000000.000000 1700000001.640000
1.6 1700000000.000000 1700000001.600000
2.0 1700000000.000000 1700000002.000000
0.0 1700000000.000000 1700000000.000000
0.0 1700000000.999999 1700000001.000001
0.1 1700000000.050000 1700000000.150000
0.01 1700000000.000000 1700000000.005000
0.0 1700000000.000000 1700000000.004999
12.06 1700000000.500000 1700000012.560000
1.64 1700000000.000000 1700000001.200000 1700000005.000000 1700000005.440000
1.5 1700000000,000000 1700000001,500000
CASES
log "secs(): $n cases as python's round(x, 2) printed them"
