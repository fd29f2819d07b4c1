#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Documentation/*.rst parse without a docutils warning (a short title
# underline, a broken list or table), and every file README.md links to
# exists.
. "$(dirname "$0")/lib.sh"

n=0
for f in "$TOP"/Documentation/*.rst; do
	out=$(python3 -c '
import sys, docutils.core
docutils.core.publish_string(open(sys.argv[1]).read(), source_path=sys.argv[1],
	writer_name="null", settings_overrides={"report_level": 2, "halt_level": 5})
' "$f" 2>&1) || fail "docutils failed on $f: $out"
	[ -z "$out" ] || fail "docutils warns on ${f#"$TOP"/}: $out"
	n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n files in Documentation/"
log "$n pages parse cleanly"

links=$(grep -o '](\([^)#]*\))' "$TOP/README.md" | sed 's/^](//; s/)$//' | grep -v '://')
[ -n "$links" ] || fail "README.md links to no file"
for l in $links; do
	[ -e "$TOP/$l" ] || fail "README.md links to $l, which does not exist"
done
log "$(wc -w <<<"$links") README links resolve"
