#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tools/lab/topo on every example in examples/: `topo up` builds it (each
# VPC's namespace with its vpc-id and CIDRs, every peering active on both
# ends, exactly the file's routes, all active), each ping the file means
# answered is answered and every other is not (`topo reach`), a second up
# is refused, `topo down` leaves no namespace, device or state behind, and
# up after down works again. topo never touches a namespace it did not
# make: an up that would is refused before it makes anything.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
TOPO="$TOP/tools/lab/topo"
module_load
examples=("$TOP"/examples/*.yaml)
[ "${#examples[@]}" -ge 3 ] || fail "only ${#examples[@]} examples in examples/"

down_all() {
	local f
	for f in "${examples[@]}"; do
		"$TOPO" down "$f" >/dev/null 2>&1
	done
	cleanup
}
trap down_all EXIT

# expected FILE: what the file says, read here with python3-yaml and not by
# topo: "vpc NAME ID CIDRS", "peer PCX A B", "route VPC PREFIX PCX" lines.
expected() {
	/usr/bin/python3 -c '
import ipaddress, sys, yaml
t = yaml.safe_load(open(sys.argv[1]))
for name, v in t["vpcs"].items():
	cidrs = v["cidrs"] if isinstance(v["cidrs"], list) else [v["cidrs"]]
	print("vpc", name, v.get("id", "vpc-" + name),
	      ",".join(str(ipaddress.ip_network(c)) for c in cidrs))
	routes = v.get("routes", [])
	for r in routes if isinstance(routes, list) else [routes]:
		p, _, pcx = r.split()
		print("route", name, ipaddress.ip_network(p), pcx)
for pcx, p in (t.get("peerings") or {}).items():
	print("peer", pcx, *p["vpcs"])' "$1"
}

# show_ns NS: what vpcpeerctl show -j says of vpc0 in NS, as expected() does.
show_ns() {
	vpcpeerctl -n "$1" show vpc0 -j | py -c '
import json, sys
d = json.load(sys.stdin)[0]
print(d["vpc_id"], ",".join(d["cidrs"]))
for p in d["peerings"]:
	print("peer", p["pcx"], p["state"])
for r in d["routes"]:
	print("route", r["prefix"], r["pcx"], r["state"])'
}

# no_devices: no vpcpeer device in the root namespace or any named one.
no_devices() {
	local left
	left=$(ip -o link show type vpcpeer; ip -all netns exec ip -o link show type vpcpeer 2>/dev/null |
		grep -v '^netns:' | grep -v '^$')
	[ -z "$left" ] || fail "vpcpeer devices left: $left"
}

# check_up FILE: the topology of FILE is up, as the file says. (Here
# strings, not < <(...): the guest has no /dev/fd.)
check_up() {
	local f=$1 name kind a b c exp shown got want ns n=0
	name=$(basename "$f" .yaml)
	[ -d "/run/vpcpeer-topo/$name" ] || fail "$name: no /run/vpcpeer-topo/$name"
	ip netns list | grep -qx "$name-underlay.*" || fail "$name: no namespace $name-underlay"
	# Read once each: a python3 start costs a second or two under TCG.
	exp=$(expected "$f")
	while read -r kind a b c; do
		case $kind in
		vpc)
			ns=$name-$a
			shown=$(show_ns "$ns") || fail "$name: show in $ns failed"
			expect_eq "$ns: vpc-id and CIDRs" "$(head -n 1 <<<"$shown")" "$b $c"
			# Exactly the file's routes and peerings, all active.
			got=$(grep '^route' <<<"$shown" | sort)
			want=$(awk -v v="$a" '$1 == "route" && $2 == v {
				print "route", $3, $4, "active" }' <<<"$exp" | sort)
			expect_eq "$ns: routes" "$got" "$want"
			got=$(grep '^peer' <<<"$shown" | sort)
			want=$(awk -v v="$a" '$1 == "peer" && ($3 == v || $4 == v) {
				print "peer", $2, "active" }' <<<"$exp" | sort)
			expect_eq "$ns: peerings" "$got" "$want"
			n=$((n + 1))
			;;
		esac
	done <<<"$exp"
	[ "$n" -gt 0 ] || fail "$name: no VPC read from $f"
}

# check_reach FILE: every ping `topo reach` says is answered is, and every
# other one is not; both kinds must be there.
check_reach() {
	local f=$1 name from src dst who yes=0 no=0
	name=$(basename "$f" .yaml)
	while read -r from src dst who; do
		if [ "$who" != - ]; then
			ip netns exec "$name-$from" ping -c 1 -W 5 -I "$src" "$dst" >/dev/null 2>&1 ||
				fail "$name: ping $dst from $from ($src) got no answer, $who should answer"
			yes=$((yes + 1))
		else
			ip netns exec "$name-$from" ping -c 1 -W 1 -I "$src" "$dst" >/dev/null 2>&1 &&
				fail "$name: ping $dst from $from ($src) was answered"
			no=$((no + 1))
		fi
	done <<<"$("$TOPO" reach "$f" || echo "topo reach failed")"
	[ "$yes" -gt 0 ] && [ "$no" -gt 0 ] ||
		fail "$name: $yes pings to be answered, $no not: want some of both"
	log "$name: $yes pings answered, $no not, as the file says"
}

# check_down FILE: nothing of FILE's topology is left.
check_down() {
	local name left
	name=$(basename "$1" .yaml)
	left=$(ip netns list | awk '{ print $1 }' | grep "^$name-")
	[ -z "$left" ] || fail "$name: namespaces left after down: $left"
	[ ! -e "/run/vpcpeer-topo/$name" ] || fail "$name: /run/vpcpeer-topo/$name left after down"
	no_devices
}

# What topo reach means for the hub and spokes, said here too, so that a
# reach that says nothing useful cannot pass.
hs="$TOP/examples/hub-spoke.yaml"
reach=$("$TOPO" reach "$hs") || fail "topo reach $hs"
for line in "a 10.1.0.1 10.2.0.1 b" "a fd00:1::1 fd00:3::1 c" "b 10.2.0.1 10.1.0.1 a" \
	"b 10.2.0.1 10.3.0.1 -" "c fd00:3::1 fd00:2::1 -"; do
	printf '%s\n' "$reach" | grep -qx "$line" || fail "topo reach $hs has no line '$line'"
done

for f in "${examples[@]}"; do
	name=$(basename "$f" .yaml)
	out=$("$TOPO" up "$f" 2>&1) || fail "topo up $f: $out"
	expect_match "$out" "^$name: [0-9]+ VPCs" "$name: topo up's summary"
	check_up "$f"
	check_reach "$f"
	expect_fail 1 "$TOPO" up "$f"
	expect_match "$ERR" "is up already" "$name: a second up"
	check_up "$f"
	"$TOPO" down "$f" >/dev/null || fail "topo down $f"
	check_down "$f"
	expect_fail 1 "$TOPO" down "$f"
	log "$name: up, reach, down"
done

# Up again after down.
"$TOPO" up "$hs" >/dev/null || fail "topo up $hs after down"
check_up "$hs"
ping_ok hub-spoke-a 10.3.0.1
"$TOPO" down "$hs" >/dev/null || fail "topo down $hs, the second time"
check_down "$hs"

# A namespace topo did not make: up refuses before making anything, and
# the namespace stays.
ns_new hub-spoke-b
expect_fail 1 "$TOPO" up "$hs"
expect_match "$ERR" "namespace hub-spoke-b exists and topo did not make it" "up over hub-spoke-b"
[ -e /run/netns/hub-spoke-b ] || fail "hub-spoke-b was deleted"
[ ! -e /run/netns/hub-spoke-a ] || fail "the refused up made hub-spoke-a"
[ ! -e /run/vpcpeer-topo/hub-spoke ] || fail "the refused up left state"
exit 0
