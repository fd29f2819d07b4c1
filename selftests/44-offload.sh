#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The device takes GSO super-packets with partial checksums from the stack,
# segments and checksums them itself, encrypts each segment under its own
# counter, and hands what it decrypts to GRO. On a 4 MiB TCP transfer from
# A to B, checked end to end with SHA-256:
# - vpc0 offers scatter-gather, checksumming, TSO/GSO and GRO (ethtool -k);
# - A's vpc0 is handed packets larger than its MTU (GSO), B's vpc0 delivers
#   packets larger than its MTU (GRO of the decrypted segments);
# - every packet A counts as sent is one segment, no larger than the MTU,
#   and B counts as many received;
# - with the offloads turned off (ethtool -K) nothing over the MTU reaches
#   A's vpc0, and the transfer is as intact;
# - when the underlay's path MTU is below the segments' size, GSO packets
#   are answered with "fragmentation needed" for the segments, so TCP
#   shrinks them and the transfer completes; after that, super-packets of
#   segments that fit go through and none is refused.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
peer_pair a b pcx-0ab
ping_ok vpa 10.2.0.1
mtu=$(ip -n vpa -o link show vpc0 | sed -n 's/.* mtu \([0-9]*\) .*/\1/p')
expect_eq "vpc0's MTU" "$mtu" 1420

feature() {
	ip netns exec "$1" ethtool -k vpc0 | sed -n "s/^$2: \([a-z]*\).*/\1/p"
}
for f in scatter-gather tx-checksumming tcp-segmentation-offload \
	generic-segmentation-offload generic-receive-offload; do
	expect_eq "vpc0's $f" "$(feature vpa "$f")" on
done

# transfer LABEL NBYTES: NBYTES from A to B over TCP, intact, while both
# vpc0s are watched; leaves "N OUT IN" of A's and of B's in $SIZES_A and
# $SIZES_B, and the change in A's tx and B's rx counters in $COUNTED.
transfer() {
	local label=$1 nbytes=$2 dir="$_topo_dir/$1" before after out pid_a pid_b
	mkdir -p "$dir"
	before=$(stats vpa vpc0 pcx-0ab:tx_packets pcx-0ab:tx_bytes)
	before_b=$(peerstat vpb vpc0 pcx-0ab rx_packets)
	bg_run vpa python3 -I -S "$SELFTESTS_DIR/inject.py" sizes vpc0 \
		"$dir/ready-a" "$dir/stop" >"$dir/a"
	pid_a=$BG_PID
	bg_run vpb python3 -I -S "$SELFTESTS_DIR/inject.py" sizes vpc0 \
		"$dir/ready-b" "$dir/stop" >"$dir/b"
	pid_b=$BG_PID
	bg_run vpb python3 -I -S "$SELFTESTS_DIR/inject.py" tcp-sink 5201
	local sink=$BG_PID
	wait_listen vpb 5201
	for f in ready-a ready-b; do
		wait_eq "$label: the capture's $f" yes \
			bash -c "[ -e '$dir/$f' ] && echo yes"
	done
	out=$(inject vpa tcp-send 10.2.0.1 5201 "$nbytes" 2>&1) ||
		fail "$label: $out"
	wait "$sink" || fail "$label: the TCP sink failed"
	touch "$dir/stop"
	wait "$pid_a" "$pid_b"
	SIZES_A=$(cat "$dir/a")
	SIZES_B=$(cat "$dir/b")
	after=$(stats vpa vpc0 pcx-0ab:tx_packets pcx-0ab:tx_bytes)
	read -r p0 b0 <<<"$before"
	read -r p1 b1 <<<"$after"
	COUNTED="$((p1 - p0)) $((b1 - b0)) $(($(peerstat vpb vpc0 pcx-0ab rx_packets) - before_b))"
	log "$label: $out; A's vpc0 saw (packets, largest out, largest in) $SIZES_A, B's $SIZES_B; A sent, B received (packets, bytes, packets) $COUNTED"
}

transfer offloads 4194304
read -r _ out_a _ <<<"$SIZES_A"
read -r _ _ in_b <<<"$SIZES_B"
[ "$out_a" -gt "$mtu" ] ||
	fail "no GSO: the largest packet A's vpc0 was handed is $out_a bytes, MTU $mtu"
[ "$in_b" -gt "$mtu" ] ||
	fail "no GRO: the largest packet B's vpc0 delivered is $in_b bytes, MTU $mtu"
read -r tx_p tx_b rx_p <<<"$COUNTED"
[ "$tx_p" -ge $((4194304 / mtu)) ] ||
	fail "A counted $tx_p packets for 4 MiB: segments are not counted one by one"
[ "$tx_b" -le $((tx_p * mtu)) ] ||
	fail "A counted $tx_b bytes in $tx_p packets: more than $mtu a packet"
expect_eq "B's received packets against A's sent" "$rx_p" "$tx_p"

ip netns exec vpa ethtool -K vpc0 sg off tx off tso off gso off >/dev/null ||
	fail "ethtool -K vpc0 ... off"
expect_eq "vpc0's tcp-segmentation-offload once off" \
	"$(feature vpa tcp-segmentation-offload)" off
transfer plain 1048576
read -r _ out_a _ <<<"$SIZES_A"
[ "$out_a" -le "$mtu" ] ||
	fail "offloads off, yet A's vpc0 was handed $out_a bytes at once"
ip netns exec vpa ethtool -K vpc0 sg on tx on tso on gso on >/dev/null ||
	fail "ethtool -K vpc0 ... on"

# 1400 bytes of underlay leave inner packets of 1340: TCP's first
# super-packets are cut into 1420-byte segments, too big.
mtu_before=$(peerstat vpa vpc0 pcx-0ab mtu)
ip -n "$UNDERLAY" link set lo mtu 1400 || fail "lo mtu 1400 in the underlay"
transfer small-path 1048576
[ "$(peerstat vpa vpc0 pcx-0ab mtu)" -gt "$mtu_before" ] ||
	fail "no GSO packet was refused for the path MTU"
ip -n vpa route get 10.2.0.1 | grep -q "mtu 1340" ||
	fail "the route to 10.2.0.1 has not learnt mtu 1340: $(ip -n vpa route get 10.2.0.1 | tr '\n' ' ')"
# Once the path MTU is known, super-packets of segments that fit go
# through, and none is refused.
mtu_before=$(peerstat vpa vpc0 pcx-0ab mtu)
transfer learnt-path 1048576
read -r _ out_a _ <<<"$SIZES_A"
[ "$out_a" -gt 1340 ] ||
	fail "no GSO once the path MTU is known: the largest packet A's vpc0 was handed is $out_a bytes"
expect_eq "super-packets refused once the path MTU is known" \
	"$(($(peerstat vpa vpc0 pcx-0ab mtu) - mtu_before))" 0
exit 0
