#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Counters say exactly what was delivered: a packet that reaches B's stack
# is counted once on each side; one the underlay drops on its way out is a
# tx_error, not a sent packet, over IPv4 and IPv6 endpoints alike; what the
# device cannot parse on transmit is counted at the device level as
# tx_malformed.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b c
# No keepalives: a keepalive the underlay drops is a tx_error too, and the
# counts here are of the test's packets alone.
PEER_OPTS="keepalive 0"
peer_pair a b pcx-0ab v4
peer_pair a c pcx-0ac v6
ping_ok vpa 10.2.0.1
ping_ok vpa 10.3.0.1

# echos NS: ICMP echo requests the stack of NS received (InEchos).
echos() {
	ip netns exec "$1" awk '/^Icmp:/ { if (!n) { for (i = 1; i <= NF; i++) col[$i] = i; n = 1 } else print $col["InEchos"] }' /proc/net/snmp
}
# counters Y PCX: A's tx counters of PCX, Y's rx ones, Y's InEchos.
counters() {
	{
		stats vpa vpc0 "$2:tx_packets" "$2:tx_bytes" "$2:tx_error"
		stats "vp$1" vpc0 "$2:rx_packets" "$2:rx_bytes"
		echos "vp$1"
	} | tr '\n' ' '
}

# exact Y PCX ADDR: 5 echo requests from A to Y's ADDR, first with the
# underlay's lo dropping every datagram on its way out (a pfifo qdisc of
# length 0: built into every kernel, and its drop is what ip_local_out()
# returns), then without.
exact() {
	local y=$1 pcx=$2 addr=$3
	local atx atxb aerr yrx yrxb yech link_tx link_err
	tc -n "$UNDERLAY" qdisc add dev lo root pfifo limit 0 ||
		fail "tc qdisc add dev lo root pfifo limit 0 (in $UNDERLAY)"
	read -r atx atxb aerr yrx yrxb yech <<<"$(counters "$y" "$pcx")"
	link_tx=$(linkstat vpa vpc0 tx packets)
	link_err=$(linkstat vpa vpc0 tx errors)
	inject vpa raw "10.1.0.1" "$addr" 5 || fail "raw echo requests 10.1.0.1 -> $addr"
	wait_eq "A's $pcx tx_error after 5 datagrams the underlay dropped" \
		"$((aerr + 5))" peerstat vpa vpc0 "$pcx" tx_error
	expect_eq "A's tx, $y's rx and $y's InEchos after the underlay dropped 5" \
		"$(counters "$y" "$pcx")" "$atx $atxb $((aerr + 5)) $yrx $yrxb $yech "
	expect_eq "A's vpc0 tx packets, tx errors (ip -s link)" \
		"$(linkstat vpa vpc0 tx packets) $(linkstat vpa vpc0 tx errors)" \
		"$link_tx $((link_err + 5))"
	log "$pcx: 5 dropped by the underlay are tx_error, not tx_packets"

	tc -n "$UNDERLAY" qdisc del dev lo root
	inject vpa raw 10.1.0.1 "$addr" 5 || fail "raw echo requests 10.1.0.1 -> $addr"
	wait_eq "A's tx, $y's rx and $y's InEchos after 5 delivered" \
		"$((atx + 5)) $((atxb + 5 * 92)) $((aerr + 5)) $((yrx + 5)) $((yrxb + 5 * 92)) $((yech + 5)) " \
		counters "$y" "$pcx"
}

exact b pcx-0ab 10.2.0.1	# IPv4 endpoint
exact c pcx-0ac 10.3.0.1	# IPv6 endpoint

# Not an IP packet: the device counts it, no peering does.
read -r mal errs <<<"$(stats vpa vpc0 tx_malformed pcx-0ab:tx_error)"
inject vpa l3-send vpc0 5000001c00000000401100000a0100010a020001 ||
	fail "writing a non-IP packet to A's vpc0"
wait_eq "A's device tx_malformed and pcx-0ab tx_error after a non-IP packet" \
	"$((mal + 1)) $errs" stats vpa vpc0 tx_malformed pcx-0ab:tx_error
exit 0
