#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The family as Documentation/netlink/specs/vpcpeer.yaml describes it, driven
# by a client nobody here wrote: the kernel's YNL CLI (tools/net/ynl/cli.py
# of linux-source-6.12, from the cache tools/lab/ynl-src makes on the host).
# Every command: A is configured through YNL alone (set-device, new-peer,
# new-route with two routes in one request), B through vpcpeerctl; the
# peering must come up and carry a ping, so YNL encoded the secret, the
# endpoint and the prefixes right. Each side's view is read back both ways
# (get-device do and dump, get-peer and get-route dumps against show -j),
# then rekey, a refused request's extack, del-route and del-peer.
# timeout: 900
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"

# YNL_SPEC: another spec, to show the test fails when the spec is wrong.
SPEC=${YNL_SPEC:-$TOP/Documentation/netlink/specs/vpcpeer.yaml}
# The guest sees the host's / read-only: the host must have made the cache.
YNL=$("$TOP/tools/lab/ynl-src" 2>&1) ||
	fail "no YNL source cache ($YNL): run tools/lab/ynl-src on the host first (make check does)"
[ -f "$YNL/tools/net/ynl/cli.py" ] || fail "$YNL has no tools/net/ynl/cli.py"

# ynl NS --do|--dump OP [JSON]: cli.py's JSON reply in $REPLY; fails the
# test if cli.py fails. The spec is checked against its schema each time.
# (Not in $(...): fail would only leave the subshell.)
ynl() {
	local ns=$1 mode=$2 op=$3 json=${4:-'{}'}
	REPLY=$(ip netns exec "$ns" /usr/bin/python3 "$YNL/tools/net/ynl/cli.py" \
		--spec "$SPEC" --schema "$YNL/Documentation/netlink/genetlink-legacy.yaml" \
		"$mode" "$op" --json "$json" --output-json 2>&1) ||
		fail "cli.py $mode $op $json in $ns: $REPLY"
}

# ynl_refused NS OP JSON: cli.py --do OP must fail; its message, joined
# into one line, is in $ERR.
ynl_refused() {
	if ERR=$(ip netns exec "$1" /usr/bin/python3 "$YNL/tools/net/ynl/cli.py" \
		--spec "$SPEC" --no-schema --do "$2" --json "$3" 2>&1); then
		fail "cli.py --do $2 $3 in $1 succeeded: $ERR"
	fi
	ERR=$(printf '%s' "$ERR" | tr '\n' ' ')
	log "refused as expected: $ERR"
}

# jq_py JSON EXPR: EXPR evaluated in Python over the JSON text as d.
jq_py() {
	py -c 'import json, sys; d = json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2" ||
		fail "cannot evaluate $2 over: $1"
}

# sockaddr_in hex: the endpoint attribute for 127.0.0.1:PORT.
sockaddr_hex() {
	py -c 'import socket, struct, sys
print((struct.pack("=H", socket.AF_INET) + struct.pack("!H", int(sys.argv[1])) +
       socket.inet_aton("127.0.0.1") + bytes(8)).hex())' "$1"
}

topo_init

# A: the device made as vpc_new makes it, configured by YNL only.
ns_new vpa
ip -n "$UNDERLAY" link add vpca type vpcpeer || fail "ip link add vpca"
ip -n "$UNDERLAY" link set vpca netns vpa name vpc0 || fail "moving vpca into vpa"
ip -n vpa link set vpc0 addrgenmode none
ynl vpa --do set-device '{"ifname": "vpc0", "vpc-id": "vpc-a", "listen-port": 51001,
	"region": "eu-west-1", "cidrs": {"cidr": [{"addr": "0a010000", "len": 16},
	{"addr": "fd000001000000000000000000000000", "len": 48}]}}'
ip -n vpa link set vpc0 up || fail "ip link set vpc0 up in vpa"
ip -n vpa addr add 10.1.0.1/32 dev lo
VPC_ID[a]=vpc-a VPC_CIDRS[a]=10.1.0.0/16,fd00:1::/48 VPC_PORT[a]=51001
vpc_std b

# get-device do: what set-device set, read by YNL and by vpcpeerctl.
ifindex=$(jq_py "$(ip -n vpa -j link show vpc0)" 'd[0]["ifindex"]')
ynl vpa --do get-device '{"ifname": "vpc0"}'
dev=$REPLY
log "get-device: $dev"
expect_eq "get-device ifindex" "$(jq_py "$dev" 'd["ifindex"]')" "$ifindex"
expect_eq "get-device vpc-id, region, port, peers" \
	"$(jq_py "$dev" '(d["vpc-id"], d["region"], d["listen-port"], d["peer-count"])')" \
	"('vpc-a', 'eu-west-1', 51001, 0)"
expect_eq "get-device cidrs" "$(jq_py "$dev" 'd["cidrs"]["cidr"]')" \
	"[{'addr': '0a010000', 'len': 16}, {'addr': 'fd000001000000000000000000000000', 'len': 48}]"
show=$(show_json vpa vpc0)
expect_eq "show -j of the device set by YNL" \
	"$(jq_py "$show" '(d[0]["vpc_id"], d[0]["region"], d[0]["listen_port"], d[0]["cidrs"])')" \
	"('vpc-a', 'eu-west-1', 51001, ['10.1.0.0/16', 'fd00:1::/48'])"
# get-device dump: every vpcpeer device of the namespace, here B's one.
ynl vpb --dump get-device
dump=$REPLY
expect_eq "get-device dump in vpb" \
	"$(jq_py "$dump" '[(x["ifname"], x["vpc-id"]) for x in d]')" "[('vpc0', 'vpc-b')]"

# new-peer: A's half from YNL, B's from vpcpeerctl, one secret (base64 in
# the key file, hex for YNL). Active means the two agree on every byte.
key=$(key_file pcx-0ab)
secret=$(py -c 'import base64, sys; print(base64.b64decode(open(sys.argv[1]).read()).hex())' "$key")
ep_b=$(sockaddr_hex 51002)
ynl vpa --do new-peer "{\"ifname\": \"vpc0\", \"peer\": {\"pcx\": \"pcx-0ab\",
	\"remote-vpc\": \"vpc-b\", \"cidrs\": {\"cidr\": [{\"addr\": \"0a020000\", \"len\": 16},
	{\"addr\": \"fd000002000000000000000000000000\", \"len\": 48}]},
	\"endpoint\": \"$ep_b\", \"secret\": \"$secret\", \"cipher\": \"aes-gcm-256\",
	\"region\": \"eu-west-2\", \"keepalive\": 7, \"dead-after\": 40}}"
peer_add b a pcx-0ab v4
routes_add b pcx-0ab "${VPC_CIDRS[a]}"
# new-route: two routes in one request; YNL adds no kernel route, ip does.
ynl vpa --do new-route '{"ifname": "vpc0", "route": [
	{"prefix": {"addr": "0a020000", "len": 16}, "pcx": "pcx-0ab"},
	{"prefix": {"addr": "fd000002000000000000000000000000", "len": 48}, "pcx": "pcx-0ab"}]}'
ip -n vpa route add 10.2.0.0/16 dev vpc0 || fail "ip route add 10.2.0.0/16 in vpa"
wait_active a b pcx-0ab
ping_ok vpa 10.2.0.1
log "pcx-0ab made by YNL in A and vpcpeerctl in B is active and carries a ping"

# get-peer dump: A's peering (made by YNL) in show -j, B's (made by
# vpcpeerctl) in YNL's dump, each with the fields it was made with.
show=$(show_json vpa vpc0)
expect_eq "A's pcx-0ab in show -j" "$(jq_py "$show" '[(p["pcx"], p["remote_vpc"], p["cidrs"],
	p["endpoint"], p["cipher"], p["region"], p["keepalive"], p["state"]) for p in d[0]["peerings"]]')" \
	"[('pcx-0ab', 'vpc-b', ['10.2.0.0/16', 'fd00:2::/48'], '127.0.0.1:51002', 'aes-gcm-256', 'eu-west-2', 7, 'active')]"
ynl vpb --dump get-peer '{"ifname": "vpc0"}'
peers=$REPLY
log "get-peer in vpb: $peers"
expect_eq "B's pcx-0ab in YNL's get-peer dump" "$(jq_py "$peers" '[(x["peer"]["pcx"], x["peer"]["remote-vpc"],
	x["peer"]["cidrs"]["cidr"], x["peer"]["endpoint"], x["peer"]["cipher"], x["peer"]["state"],
	"secret" in x["peer"]) for x in d]')" \
	"[('pcx-0ab', 'vpc-a', [{'addr': '0a010000', 'len': 16}, {'addr': 'fd000001000000000000000000000000', 'len': 48}], '$(sockaddr_hex 51001)', 'aes-gcm-256', 'active', False)]"
ynl vpa --dump get-peer '{"ifname": "vpc0"}'
peers=$REPLY
expect_eq "A's pcx-0ab in YNL's get-peer dump" "$(jq_py "$peers" '[(x["ifindex"], x["peer"]["endpoint"],
	x["peer"]["dead-after"], x["peer"]["stats"]["tx-packets"] > 0) for x in d]')" \
	"[($ifindex, '$ep_b', 40, True)]"

# get-route dump: A's routes (YNL) in show -j, B's (vpcpeerctl) in YNL.
show=$(show_json vpa vpc0)
expect_eq "A's routes in show -j" "$(jq_py "$show" 'sorted((r["prefix"], r["pcx"], r["state"]) for r in d[0]["routes"])')" \
	"[('10.2.0.0/16', 'pcx-0ab', 'active'), ('fd00:2::/48', 'pcx-0ab', 'active')]"
ynl vpb --dump get-route '{"ifname": "vpc0"}'
routes=$REPLY
expect_eq "B's routes in YNL's get-route dump" "$(jq_py "$routes" 'sorted((x["route"][0]["prefix"]["addr"],
	x["route"][0]["prefix"]["len"], x["route"][0]["pcx"], "blackhole" in x["route"][0]) for x in d)')" \
	"[('0a010000', 16, 'pcx-0ab', False), ('fd000001000000000000000000000000', 48, 'pcx-0ab', False)]"

# rekey: a new handshake gives the peering new key indexes.
before=$(jq_py "$peers" 'd[0]["peer"]["local-index"]')
ynl vpa --do rekey '{"ifname": "vpc0", "peer": {"pcx": "pcx-0ab"}}'
local_index() {
	ynl vpa --dump get-peer '{"ifname": "vpc0"}'
	jq_py "$REPLY" 'd[0]["peer"]["local-index"] != '"$before"
}
wait_eq "pcx-0ab's local-index changed by rekey" True local_index
ping_ok vpa 10.2.0.1

# Refused requests: cli.py reports the kernel's extack message, and the
# attribute it points at, named through the spec.
ynl_refused vpa new-route '{"ifname": "vpc0", "route": [{"prefix": {"addr": "0a030000", "len": 16}, "pcx": "pcx-0ab"}]}'
expect_match "$ERR" "outside every cidr.*'bad-attr': '\.route'" "extack of a route outside pcx-0ab's cidrs"
ynl_refused vpa rekey '{"ifname": "vpc0", "peer": {"pcx": "pcx-0ff"}}'
expect_match "$ERR" "no (such )?peering.*'bad-attr': '\.peer\.pcx'" "extack of a missing peering"
ynl_refused vpa set-device '{"ifname": "vpc0", "peer-count": 3}'
expect_match "$ERR" "Invalid argument.*'bad-attr': '\.peer-count'" "error of a reply-only attribute in a request"
ynl_refused vpa get-device '{"ifname": "nosuch0"}'
expect_match "$ERR" "no such device.*'bad-attr': '\.ifname'" "extack of a missing device"

# del-route and del-peer through YNL, seen by vpcpeerctl and by B.
ynl vpa --do del-route '{"ifname": "vpc0", "route": [{"prefix": {"addr": "fd000002000000000000000000000000", "len": 48}}]}'
expect_eq "A's routes after del-route" "$(jq_py "$(show_json vpa vpc0)" '[r["prefix"] for r in d[0]["routes"]]')" \
	"['10.2.0.0/16']"
ynl vpa --dump get-route '{"ifname": "vpc0"}'
expect_eq "A's get-route dump after del-route" "$(jq_py "$REPLY" 'len(d)')" 1
ynl vpa --do del-peer '{"ifname": "vpc0", "peer": {"pcx": "pcx-0ab"}}'
ynl vpa --dump get-peer '{"ifname": "vpc0"}'
expect_eq "A's get-peer dump after del-peer" "$(jq_py "$REPLY" 'len(d)')" 0
[ -z "$(peer_state vpa pcx-0ab)" ] || fail "pcx-0ab still in vpa's show after YNL del-peer"
wait_eq "state of pcx-0ab in vpb after A's del-peer" deleted peer_state vpb pcx-0ab
expect_eq "A's route to B after del-peer" "$(route_state vpa vpc0 10.2.0.0/16)" blackhole
