#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configuration the peering rules forbid is refused with one clear line and
# changes nothing: overlapping CIDRs (IPv4 and IPv6, whole or partial, and a
# later change of the VPC's own CIDRs), a second peering to the same VPC, a
# pcx id used twice, routes outside the peering's CIDRs or to no peering,
# malformed input. A hub may peer with two spokes that overlap each other.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
peer_pair a b pcx-0ab v4
key=$(key_file pcx-0ac)

# state: A's whole configuration, and its kernel routes. Not what moves by
# itself while a session lives (keepalives, rekeys): its times, indexes,
# counter and liveness.
state() {
	show_json vpa | py -c '
import json, sys
devs = json.load(sys.stdin)
for d in devs:
	for p in d["peerings"]:
		for k in ("latest_handshake", "latest_receive", "tx_counter",
			  "local_index", "remote_index", "down"):
			p.pop(k)
print(json.dumps(devs, sort_keys=True))'
	ip -n vpa route show
	ip -n vpa -6 route show
}
before=$(state)
printf '%s' "$before" | grep -q '"pcx-0ab"' || fail "show -j in A does not list pcx-0ab: $before"

# refused CODE REGEX CMD...: CMD (run in A) fails with CODE and one line
# that matches REGEX (case-insensitive).
n_refused=0
refused() {
	local code=$1 re=$2
	shift 2
	n_refused=$((n_refused + 1))
	expect_fail "$code" ip netns exec vpa "$@"
	printf '%s\n' "$ERR" | grep -Eiq -- "$re" || fail "'$*': message does not match /$re/: $ERR"
}
peer() { # peer PCX REMOTE_VPC CIDRS
	refused 1 "$4" vpcpeerctl add-peer vpc0 "$1" remote-vpc "$2" cidr "$3" \
		endpoint 127.0.0.1:51003 secret-file "$key"
}

# Overlaps with A's own blocks: inside, around, partial, IPv4 and IPv6,
# alone or next to a block that would be fine.
peer pcx-0ac vpc-c 10.1.128.0/17 "overlap"
peer pcx-0ac vpc-c 10.0.0.0/8 "overlap"
peer pcx-0ac vpc-c 10.1.5.7/32 "overlap"
peer pcx-0ac vpc-c 10.3.0.0/16,fd00:1:0:8000::/49 "overlap"
peer pcx-0ac vpc-c fd00::/16,10.3.0.0/16 "overlap"
peer pcx-0ac vpc-c 10.3.0.0/16,fd00:3::/48,10.1.255.0/24 "overlap"
# One peering per pair of VPCs, one use of a pcx id.
peer pcx-0ac vpc-b 10.2.0.0/16 "vpc-b|exists|already"
peer pcx-0ab vpc-c 10.3.0.0/16 "pcx-0ab|exists|already"
# Routes must lie inside the peering's blocks and name a peering.
refused 1 "10\.3\.0\.0/16" vpcpeerctl route add vpc0 10.3.0.0/16 via pcx-0ab
refused 1 "10\.2\.0\.0/15" vpcpeerctl route add vpc0 10.2.0.0/15 via pcx-0ab
refused 1 "fd00:3::/48" vpcpeerctl route add vpc0 fd00:3::/48 via pcx-0ab
refused 1 "fd00:2::/47" vpcpeerctl route add vpc0 fd00:2::/47 via pcx-0ab
refused 1 "pcx-0ff|no such peering" vpcpeerctl route add vpc0 10.2.1.0/24 via pcx-0ff
refused 1 "exist|already" vpcpeerctl route add vpc0 10.2.0.0/16 via pcx-0ab
# A's own blocks may not grow over B's.
refused 1 "overlap" vpcpeerctl set vpc0 cidr 10.1.0.0/16,10.2.128.0/17,fd00:1::/48
refused 1 "overlap" vpcpeerctl set vpc0 cidr 10.1.0.0/16,fd00:1::/48,fd00:2:0:1::/64
refused 1 "overlap" vpcpeerctl set vpc0 cidr 10.0.0.0/8,fd00:1::/48
# Refused as a whole: the new port is not bound either.
refused 1 "twice" vpcpeerctl set vpc0 cidr 10.1.0.0/16,10.1.0.0/16,fd00:1::/48 listen-port 51009
# Malformed input never reaches the kernel: usage errors.
refused 2 "10\.2\.0\.0/33" vpcpeerctl route add vpc0 10.2.0.0/33 via pcx-0ab
refused 2 "10\.2\.0\.300" vpcpeerctl route add vpc0 10.2.0.300/24 via pcx-0ab
refused 2 "fd00:2:::/64|prefix|address" vpcpeerctl route add vpc0 fd00:2:::/64 via pcx-0ab
refused 2 "pcx-0AB" vpcpeerctl route add vpc0 10.2.1.0/24 via pcx-0AB
refused 2 "pcx-" vpcpeerctl add-peer vpc0 pcx-00000000000000000a remote-vpc vpc-c \
	cidr 10.3.0.0/16 endpoint 127.0.0.1:51003 secret-file "$key"
refused 2 "cidr|prefix|10\.3" vpcpeerctl add-peer vpc0 pcx-0ac remote-vpc vpc-c \
	cidr 10.3.0.0/16, endpoint 127.0.0.1:51003 secret-file "$key"
refused 2 "endpoint|port" vpcpeerctl add-peer vpc0 pcx-0ac remote-vpc vpc-c \
	cidr 10.3.0.0/16 endpoint 127.0.0.1 secret-file "$key"
# A prefix with host bits set is refused, by the tool or by the kernel.
if ip netns exec vpa vpcpeerctl route add vpc0 10.2.1.1/24 via pcx-0ab 2>/dev/null; then
	fail "route 10.2.1.1/24 (bits set past its length) was accepted"
fi

after=$(state)
[ "$after" = "$before" ] ||
	fail "refused commands changed A: $(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | tr '\n' ' ')"
log "A unchanged by $n_refused refused commands"

# Still a working peering.
ping_ok vpa 10.2.0.1

# A hub may peer with two spokes that overlap each other: only the hub
# sees both, and neither overlaps the hub.
vpc_new d vpc-d 10.2.5.0/24,fd00:2:0:5::/64 51004 10.2.5.1,fd00:2:0:5::1
peer_add a d pcx-0ad v4
peer_add d a pcx-0ad v4
routes_add a pcx-0ad 10.2.5.0/24,fd00:2:0:5::/64
routes_add d pcx-0ad "${VPC_CIDRS[a]}"
wait_active a d pcx-0ad
n=$(show_json vpa | py -c 'import json,sys; print(" ".join(sorted(p["pcx"] for p in json.load(sys.stdin)[0]["peerings"])))')
expect_eq "A's peerings" "$n" "pcx-0ab pcx-0ad"
ping_ok vpa 10.2.5.1
ping_ok vpa 10.2.0.1
exit 0
