#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vpcpeerctl monitor prints the "events" group as things happen: a peering
# made (pending-acceptance), its new sessions (the first, then a rekey), its
# state changes (active, failed: REASON, deleted), route adds and deletes.
# Only the namespace's own devices are heard, only with CAP_NET_ADMIN; -j
# gives the same events as one JSON object a line.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b c
out=$_topo_dir/events
json=$_topo_dir/events.json
bg_run vpa vpcpeerctl monitor vpc0 >"$out" 2>&1
bg_run vpa vpcpeerctl monitor -j >"$json" 2>&1

# The monitors are listening once a throwaway peering's event shows in both.
for i in $(seq 100); do
	ip netns exec vpa vpcpeerctl add-peer vpc0 pcx-f0 remote-vpc vpc-x \
		cidr 10.99.0.0/16 endpoint 127.0.0.1:9 secret-file "$(key_file pcx-f0)"
	ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-f0
	grep -q 'pcx-f0: deleted' "$out" && grep -q '"pcx":"pcx-f0","state":"deleted"' "$json" && break
	[ "$i" -lt 100 ] || fail "no event reached the monitors in 10 s: $(cat "$out" "$json")"
	sleep 0.1
done

# events: what the text monitor printed, but for the throwaway peering.
events() {
	grep -v pcx-f0 "$out"
}
# wait_event REGEX: polls until an event line matches (10 s).
wait_event() {
	for _ in $(seq 100); do
		events | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	fail "no event matches /$1/; events: $(events)"
}

peer_pair a b pcx-0ab
P='^vpc0: peering pcx-0ab: '
wait_event "${P}active$"
# The order of a peering's life: made, its keys, then active.
order=$(events | grep -E "^vpc0: peering pcx-0ab" | sed -E 's/index [0-9]+/index N/g')
expect_eq "pcx-0ab's first events" "$(printf '%s\n' "$order" | head -n 3)" \
	"$(printf '%s\n' "vpc0: peering pcx-0ab: pending-acceptance" \
		"vpc0: peering pcx-0ab: new session, local index N, remote index N" \
		"vpc0: peering pcx-0ab: active")"
wait_event '^vpc0: route add 10\.2\.0\.0/16 via pcx-0ab$'
wait_event '^vpc0: route add fd00:2::/48 via pcx-0ab$'
# The session's indexes are the ones show gives.
ids=$(show_json vpa vpc0 | py -c '
import json, sys
p = json.load(sys.stdin)[0]["peerings"][0]
print(p["local_index"], p["remote_index"])')
wait_event "${P}new session, local index ${ids% *}, remote index ${ids#* }$"

# A rekey: one more session, no state change.
n=$(events | grep -c "${P}new session")
ip netns exec vpa vpcpeerctl rekey vpc0 pcx-0ab || fail "rekey pcx-0ab"
wait_eq "sessions announced after a rekey" "$((n + 1))" \
	sh -c "grep -c '${P}new session' '$out'"
expect_eq "active events" "$(events | grep -c "${P}active$")" 1

# A failure with its reason: the two halves of pcx-0ac have other secrets.
peer_add a c pcx-0ac
key_forget pcx-0ac
peer_add c a pcx-0ac
wait_event '^vpc0: peering pcx-0ac: failed: secret-mismatch$'

# Route and peering deletes.
ip netns exec vpa vpcpeerctl route del vpc0 10.2.0.0/16 || fail "route del"
wait_event '^vpc0: route del 10\.2\.0\.0/16$'
ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer pcx-0ab"
wait_event "${P}deleted$"

# Nothing from the other namespaces: B's and C's routes are not heard.
events | grep -E 'route add 10\.1\.0\.0/16|route add 10\.3' &&
	fail "A's monitor printed another namespace's events"

# -j: the same events, a JSON object a line.
wait_eq "JSON events" "$(events | wc -l)" \
	sh -c "grep -v pcx-f0 '$json' | wc -l"
grep -v pcx-f0 "$json" | py -c '
import json, sys
for line in sys.stdin:
	e = json.loads(line)
	if e["ifname"] != "vpc0" or not e["ifindex"]:
		sys.exit("bad device in " + line)
	if e["event"] == "peering":
		print("vpc0: peering %s: %s%s" % (e["pcx"], e["state"],
			": " + e["reason"] if e["reason"] else ""))
	elif e["event"] == "session":
		print("vpc0: peering %s: new session, local index %d, remote index %d" %
			(e["pcx"], e["local_index"], e["remote_index"]))
	elif e["event"] == "route-add":
		print("vpc0: route add %s via %s" % (e["prefix"], e["pcx"]))
	elif e["event"] == "route-del":
		print("vpc0: route del %s" % e["prefix"])
	else:
		sys.exit("unknown event in " + line)' >"$_topo_dir/from-json" ||
	fail "monitor -j printed what is not an event a line: $(cat "$json")"
# Two listeners may see a change in either order: compare the sorted lines.
expect_eq "monitor -j against monitor" "$(sort "$_topo_dir/from-json")" "$(events | sort)"

# Errors: no such device; no CAP_NET_ADMIN, no events.
expect_fail 1 ip netns exec vpa vpcpeerctl monitor vpc9
expect_match "$ERR" '^vpcpeerctl: monitor vpc9: no such device$'
expect_fail 2 ip netns exec vpa vpcpeerctl monitor vpc0 extra
expect_fail 1 ip netns exec vpa setpriv --reuid=65534 --regid=65534 --clear-groups \
	vpcpeerctl monitor
expect_match "$ERR" 'cannot join the "events" group'
exit 0
