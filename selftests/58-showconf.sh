#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vpcpeerctl showconf and setconf:
# - showconf prints a device configured by commands (every key: vpc-id,
#   cidrs, listen port, region; peerings over IPv4 and IPv6 with cipher,
#   region, keepalive, dead-after and routes) with a comment for each
#   secret the kernel does not show, and a route whose peering was deleted
#   as a comment;
# - that output, secrets added (one inline, one SecretFile), applied with
#   setconf to a fresh device in another namespace gives the same show -j
#   but for counters and session state, and the same showconf text; the
#   kernel routes of the routes come along;
# - a file with a bad line, or without a secret for a peering, is refused
#   whole: exit 2, one line with FILE:LINE, the device unchanged;
# - setconf of a file with only [Device] deletes every peering, route and
#   kernel route.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b c
ip netns exec vpa vpcpeerctl set vpc0 region eu-west-1 || fail "set region"
PEER_OPTS="cipher aes-gcm-128 region us-east-1 keepalive 5 dead-after 20" \
	peer_pair a b pcx-0ab
peer_add a c pcx-0ac v6
routes_add a pcx-0ac 10.3.0.0/16,10.3.7.0/24
# A peering deleted after its route was added: the route stays, a blackhole.
ip netns exec vpa vpcpeerctl add-peer vpc0 pcx-0ad remote-vpc vpc-d \
	cidr 10.4.0.0/16 endpoint 127.0.0.1:51004 \
	secret-file "$(key_file pcx-0ad)" || fail "add-peer pcx-0ad"
routes_add a pcx-0ad 10.4.0.0/16
ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-0ad || fail "del-peer pcx-0ad"

conf=$_topo_dir/a.conf
ip netns exec vpa vpcpeerctl showconf vpc0 >"$conf" || fail "showconf vpc0"
log "showconf:"
cat "$conf"
want_conf="# vpcpeerctl showconf vpc0
[Device]
VpcId = vpc-a
Cidr = 10.1.0.0/16, fd00:1::/48
ListenPort = 51001
Region = eu-west-1

[Peering]
Pcx = pcx-0ab
RemoteVpc = vpc-b
Cidr = 10.2.0.0/16, fd00:2::/48
Endpoint = 127.0.0.1:51002
# Secret: the kernel never shows it; give Secret or SecretFile
# for setconf, or for syncconf if this peering is new or changed
Cipher = aes-gcm-128
Region = us-east-1
Keepalive = 5
DeadAfter = 20
Route = 10.2.0.0/16
Route = fd00:2::/48

[Peering]
Pcx = pcx-0ac
RemoteVpc = vpc-c
Cidr = 10.3.0.0/16, fd00:3::/48
Endpoint = [::1]:51003
# Secret: the kernel never shows it; give Secret or SecretFile
# for setconf, or for syncconf if this peering is new or changed
Cipher = aes-gcm-256
Keepalive = 10
DeadAfter = 30
Route = 10.3.0.0/16
Route = 10.3.7.0/24

# Routes via no peering of this device (blackholes):
# Route = 10.4.0.0/16 via pcx-0ad"
# The kernel lists routes in its own order: compare them as a set.
sorted() { sort <<<"$1"; }
expect_eq "showconf's lines" "$(sorted "$(cat "$conf")")" "$(sorted "$want_conf")"
expect_eq "showconf's sections and keys in order" \
	"$(grep -v '^Route\|^# Route' "$conf")" \
	"$(grep -v '^Route\|^# Route' <<<"$want_conf")"

expect_fail 1 vpcpeerctl -n vpa showconf nosuch
expect_match "$ERR" "^vpcpeerctl: showconf nosuch: " "showconf of no device"
expect_fail 2 vpcpeerctl -n vpa showconf vpc0 extra

# show -j without what a configuration does not hold: counters, session,
# interface, and routes via no peering.
config_json() {
	show_json "$1" vpc0 | py -c '
import json, sys
d = json.load(sys.stdin)[0]
for k in ("ifindex", "stats"):
	del d[k]
pcx = set()
for p in d["peerings"]:
	pcx.add(p["pcx"])
	for k in ("stats", "state", "reason", "down", "latest_handshake",
		  "latest_receive", "local_index", "remote_index", "tx_counter"):
		del p[k]
d["cidrs"].sort()
d["peerings"].sort(key=lambda p: p["pcx"])
for p in d["peerings"]:
	p["cidrs"].sort()
d["routes"] = sorted((r["prefix"], r["pcx"]) for r in d["routes"]
		     if r["pcx"] in pcx)
print(json.dumps(d, sort_keys=True))'
}
before=$(config_json vpa)

# The secrets: pcx-0ab inline, pcx-0ac from its file.
full=$_topo_dir/full.conf
sed -e "/^Pcx = pcx-0ab\$/a Secret = $(cat "$(key_file pcx-0ab)")" \
	-e "/^Pcx = pcx-0ac\$/a SecretFile = $(key_file pcx-0ac)" \
	"$conf" >"$full"

# A fresh device, in namespace vpx; A's goes, to free its port.
ns_new vpx
ip -n "$UNDERLAY" link add vpcx type vpcpeer || fail "ip link add vpcx"
ip -n "$UNDERLAY" link set vpcx netns vpx name vpc0 || fail "moving vpcx"
ip -n vpx link set vpc0 addrgenmode none
ip -n vpx link set vpc0 up || fail "vpc0 up in vpx"
ip -n vpa link del vpc0 || fail "deleting A's vpc0"

# Refused whole, the device untouched.
empty=$(ip netns exec vpx vpcpeerctl showconf vpc0)
expect_fail 2 vpcpeerctl -n vpx setconf vpc0 "$conf"
expect_match "$ERR" "^vpcpeerctl: $conf:8: \[Peering\] pcx-0ab: no Secret or SecretFile, and the peering is to be created$" \
	"setconf without secrets"
sed 's/^Keepalive = 10$/Keepalive = ten/' "$full" >"$full.bad"
line=$(grep -n '^Keepalive = ten' "$full.bad" | cut -d: -f1)
expect_fail 2 vpcpeerctl -n vpx setconf vpc0 "$full.bad"
expect_eq "setconf's error on a bad line" "$ERR" \
	"vpcpeerctl: $full.bad:$line: Keepalive \"ten\": not 0 to 3600"
expect_fail 1 vpcpeerctl -n vpx setconf vpc0 "$_topo_dir/nosuch.conf"
expect_eq "the device after refused setconfs" \
	"$(ip netns exec vpx vpcpeerctl showconf vpc0)" "$empty"

ip netns exec vpx vpcpeerctl setconf vpc0 "$full" || fail "setconf vpc0"
expect_eq "show -j of the device setconf made (but counters and sessions)" \
	"$(config_json vpx)" "$before"
grep -v '^# Route\|^# Routes\|^$' "$conf" >"$conf.noorphan"
ip netns exec vpx vpcpeerctl showconf vpc0 | grep -v '^$' >"$conf.x"
expect_eq "showconf of the device setconf made" \
	"$(sorted "$(cat "$conf.x")")" "$(sorted "$(cat "$conf.noorphan")")"
expect_eq "kernel routes setconf added" \
	"$(ip -n vpx route show dev vpc0 | cut -d' ' -f1 | sort | tr '\n' ' ')" \
	"10.2.0.0/16 10.3.0.0/16 10.3.7.0/24 "
expect_eq "IPv6 kernel routes setconf added" \
	"$(ip -n vpx -6 route show dev vpc0 | grep -v '^fe80' | cut -d' ' -f1 | tr '\n' ' ')" \
	"fd00:2::/48 "
# The secret went in: B, whose half of pcx-0ab A's deletion tore down,
# answers the new device's handshake.
wait_eq "state of pcx-0ab in vpx" active peer_state vpx pcx-0ab

# Only [Device]: every peering and route goes.
printf '[Device]\nVpcId = vpc-a\n' >"$_topo_dir/dev.conf"
ip netns exec vpx vpcpeerctl setconf vpc0 "$_topo_dir/dev.conf" ||
	fail "setconf of [Device] only"
expect_eq "showconf after setconf of [Device] only" \
	"$(ip netns exec vpx vpcpeerctl showconf vpc0)" \
	"# vpcpeerctl showconf vpc0
[Device]
VpcId = vpc-a
Cidr = 10.1.0.0/16, fd00:1::/48
ListenPort = 51001
Region = eu-west-1"
expect_eq "kernel routes after setconf of [Device] only" \
	"$(ip -n vpx route show dev vpc0; ip -n vpx -6 route show dev vpc0 | grep -v '^fe80')" ""
log "showconf printed every key, setconf made a fresh device the same"
exit 0
