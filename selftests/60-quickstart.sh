#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Documentation/quickstart.rst works as written: its guest commands (the
# "# " lines of each code block marked ".. quickstart: guest") run verbatim
# and in order under set -e from the top of the checkout, and each prints
# what the page shows under it. A shown line is matched whole, "..." in it
# standing for any text, and a line of "..." alone for any lines; the shown
# lines must come in the command's output in that order. Blocks without
# the mark (make deps, vmrun) are the host's and are not run.
# QUICKSTART=FILE checks another copy of the page (to show that a wrong
# command or output fails this test).
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

doc=${QUICKSTART:-$TOP/Documentation/quickstart.rst}
work=$(mktemp -d) || fail "mktemp -d"
trap 'cleanup; rm -rf "$work"' EXIT

# The page, cut into $work/script (each command, its output into N.out),
# N.cmd and N.want (the lines shown under command N, if any).
py() {
	python3 -I -S "$@"
}
n=$(py - "$doc" "$work" <<'EOF'
import shlex, sys
doc, work = sys.argv[1:]
lines = open(doc).read().split("\n")
cmds = []		# [command, [shown lines]]
i = 0
while i < len(lines):
	if lines[i].strip() != ".. quickstart: guest":
		i += 1
		continue
	i += 1
	if i >= len(lines) or lines[i].strip() != ".. code-block:: console":
		sys.exit("%s:%d: '.. quickstart: guest' not followed by "
			 "'.. code-block:: console'" % (doc, i + 1))
	i += 1
	indent = None
	while i < len(lines):
		line = lines[i]
		if line.strip() and indent is None:
			indent = len(line) - len(line.lstrip())
			if indent == 0:
				sys.exit("%s:%d: empty code block" % (doc, i + 1))
		if line.strip() and len(line) - len(line.lstrip()) < indent:
			break
		text = line[indent:] if indent else ""
		if cmds and cmds[-1][0].endswith("\\") and not cmds[-1][1]:
			cmds[-1][0] += "\n" + text
		elif text.startswith("# "):
			cmds.append([text[2:], []])
		elif text.strip():
			if not cmds:
				sys.exit("%s:%d: output before any command" % (doc, i + 1))
			cmds[-1][1].append(text)
		i += 1
with open(work + "/script", "w") as s:
	s.write("set -e\n")
	for n, (cmd, want) in enumerate(cmds, 1):
		open("%s/%d.cmd" % (work, n), "w").write(cmd + "\n")
		if want:
			open("%s/%d.want" % (work, n), "w").write("\n".join(want) + "\n")
		s.write("echo %d >%s/at\n" % (n, shlex.quote(work)))
		s.write("printf '%%s\\n' %s\n" % shlex.quote("# " + cmd))
		s.write("{\n%s\n} >%s/%d.out 2>&1\n" % (cmd, shlex.quote(work), n))
	s.write("echo done >%s/at\n" % shlex.quote(work))
print(len(cmds))
EOF
) || fail "cannot read the commands of $doc"
[ "$n" -gt 0 ] || fail "no command marked '.. quickstart: guest' in $doc"
log "$n commands from $doc"

# The page loads the module itself; namespaces it makes go at exit anyway.
if grep -q '^vpcpeer ' /proc/modules; then
	rmmod vpcpeer || fail "rmmod vpcpeer before the quick start"
fi
mkdir -p /run/netns
for ns in $(sed -n 's/^ip netns add \([^ ]*\)$/\1/p' "$work"/*.cmd); do
	ip netns del "$ns" 2>/dev/null
	_namespaces+=("$ns")
done

# want_lines WANT OUT: every line of WANT matches a line of OUT, in order.
want_lines() {
	local want out pat line k=0
	mapfile -t want <"$1"
	mapfile -t out <"$2"
	for line in "${want[@]}"; do
		[ -z "$line" ] && continue
		if [ "$line" = "..." ]; then
			continue
		fi
		# The line as a pattern: glob characters escaped, ... any text.
		pat=$(printf '%s' "$line" | sed 's/[][\\*?]/\\&/g; s/\.\.\./*/g')
		while [ "$k" -lt "${#out[@]}" ]; do
			# shellcheck disable=SC2053 # $pat is a pattern
			[[ ${out[k]} == $pat ]] && break
			k=$((k + 1))
		done
		[ "$k" -lt "${#out[@]}" ] || {
			echo "the line '$line' (or the lines before it) is not in the output"
			return 1
		}
		k=$((k + 1))
	done
}

(cd "$TOP" && bash "$work/script") || {
	at=$(cat "$work/at")
	log "output of the failed command:"
	cat "$work/$at.out" 2>/dev/null
	fail "quick start command $at failed: $(cat "$work/$at.cmd" 2>/dev/null)"
}

checked=0
for w in "$work"/*.want; do
	[ -e "$w" ] || break
	k=$(basename "$w" .want)
	why=$(want_lines "$w" "$work/$k.out") || {
		log "output of '$(cat "$work/$k.cmd")':"
		cat "$work/$k.out"
		fail "quick start command $k: $why"
	}
	checked=$((checked + 1))
done
# The page's promises: the peering comes up and the VPCs reach each other.
for promise in 'state: active' ' 0% packet loss'; do
	grep -qF -- "$promise" "$work"/*.want ||
		fail "the quick start no longer shows '$promise'"
done
log "$checked outputs as the page shows them"
exit 0
