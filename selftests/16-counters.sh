#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Per-peering accounting is exact: packets and bytes of the inner IP
# packets, both directions, equal on the two sides, and matching the
# device's standard counters. 10 IPv4 pings of 100 bytes are 128-byte
# packets, 10 IPv6 ones 148 bytes.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
peer_pair a b pcx-0ab v6

# peering NS: "tx_packets tx_bytes rx_packets rx_bytes" of pcx-0ab.
peering() {
	show_json "$1" vpc0 | py -c '
import json, sys
s = json.load(sys.stdin)[0]["peerings"][0]["stats"]
print(s["tx_packets"], s["tx_bytes"], s["rx_packets"], s["rx_bytes"])'
}
# link NS: the same from ip -s link.
link() {
	ip -n "$1" -j -s link show vpc0 | py -c '
import json, sys
s = json.load(sys.stdin)[0]["stats64"]
print(s["tx"]["packets"], s["tx"]["bytes"], s["rx"]["packets"], s["rx"]["bytes"])'
}
# A fresh peering between quiet devices has carried nothing.
expect_eq "A's pcx-0ab before any traffic" "$(peering vpa)" "0 0 0 0"
expect_eq "B's pcx-0ab before any traffic" "$(peering vpb)" "0 0 0 0"
link_a=$(link vpa) link_b=$(link vpb)

out=$(ip netns exec vpa ping -c 10 -i 0.1 -W 5 -s 100 10.2.0.1) || fail "ping -s 100 10.2.0.1: $out"
expect_match "$out" " 10 received" "ping -c 10 -s 100 10.2.0.1"
out=$(ip netns exec vpa ping -6 -c 10 -i 0.1 -W 5 -s 100 fd00:2::1) || fail "ping -6 -s 100 fd00:2::1: $out"
expect_match "$out" " 10 received" "ping -6 -c 10 -s 100 fd00:2::1"

want=$((10 * 128 + 10 * 148))
# (Polled: a side may count a packet just after the other received it.)
wait_eq "A's pcx-0ab tx_packets tx_bytes rx_packets rx_bytes" "20 $want 20 $want" peering vpa
wait_eq "B's pcx-0ab tx_packets tx_bytes rx_packets rx_bytes" "20 $want 20 $want" peering vpb
log "pcx-0ab: 20 packets, $want bytes each way, on both sides"

# ip -s link agrees: the deltas of vpc0's counters are the peering's.
read -r tp tb rp rb <<<"$link_a"
expect_eq "A's vpc0 tx_packets tx_bytes rx_packets rx_bytes delta (ip -s link)" \
	"$(link vpa | { read -r a b c d; echo "$((a - tp)) $((b - tb)) $((c - rp)) $((d - rb))"; })" "20 $want 20 $want"
read -r tp tb rp rb <<<"$link_b"
expect_eq "B's vpc0 tx_packets tx_bytes rx_packets rx_bytes delta (ip -s link)" \
	"$(link vpb | { read -r a b c d; echo "$((a - tp)) $((b - tb)) $((c - rp)) $((d - rb))"; })" "20 $want 20 $want"

# Drops are not traffic: a spoofed packet injected at A leaves no trace in
# the traffic counters of either side.
inject vpa raw 10.7.0.1 10.2.0.1 ||
	fail "raw packet 10.7.0.1 -> 10.2.0.1 from A"
wait_eq "A's pcx-0ab transitive_src" 1 peerstat vpa vpc0 pcx-0ab transitive_src
expect_eq "A's pcx-0ab after a dropped packet" "$(peering vpa)" "20 $want 20 $want"
expect_eq "B's pcx-0ab after A dropped a packet" "$(peering vpb)" "20 $want 20 $want"

exit 0
