#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# An inner packet whose encapsulation exceeds the underlay's path MTU is
# never lost in silence, over an IPv4 (pcx-0ab) or an IPv6 (pcx-0ac)
# underlay. A DF IPv4 packet, or an IPv6 one, gets ICMP "fragmentation
# needed" / ICMPv6 "packet too big" with the path MTU less the
# encapsulation (outer IP header, UDP 8, vpcpeer header 16, tag 16), and is
# counted in the peering's mtu counter; an IPv4 packet without DF is
# delivered, fragmented by the underlay. The device MTU is at most 65535
# less the largest overhead (80).
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b c
peer_pair a b pcx-0ab v4
peer_pair a c pcx-0ac v6
ping_ok vpa 10.2.0.1
ping_ok vpa 10.3.0.1

# The underlay carries 1400 bytes: 1340 inner bytes over IPv4, 1320 over
# IPv6. 1350 bytes of ping data make 1378-byte (IPv4) and 1398-byte
# (IPv6) inner packets, under vpc0's MTU of 1420.
ip -n "$UNDERLAY" link set lo mtu 1400 || fail "lo mtu 1400 in the underlay"

# Each underlay is checked whole; what went wrong is said at the end.
bad=()
wrong() {
	log "wrong: $*"
	bad+=("$*")
}

# too_big PCX MTU PING-ARGS...: the ping is refused with MTU, and the
# peering counts it.
too_big() {
	local pcx=$1 mtu=$2 out before after i
	shift 2
	before=$(peerstat vpa vpc0 "$pcx" mtu 2>/dev/null)
	if out=$(ip netns exec vpa ping -c 1 -W 2 "$@" 2>&1); then
		wrong "ping $* over $pcx was answered, not refused: $(printf '%s' "$out" | grep -m1 'bytes from')"
	elif ! printf '%s\n' "$out" | grep -Eq "mtu ?= ?$mtu"; then
		wrong "ping $* over $pcx: no 'mtu = $mtu': $(printf '%s' "$out" | sed -n 2p)"
	else
		log "ping $*: $(printf '%s\n' "$out" | grep -m1 -E 'mtu')"
	fi
	if [ -z "$before" ]; then
		wrong "$pcx has no mtu counter"
		return 0
	fi
	for i in $(seq 100); do
		after=$(peerstat vpa vpc0 "$pcx" mtu 2>/dev/null)
		[ "$after" = "$((before + 1))" ] && return 0
		sleep 0.1
	done
	wrong "$pcx mtu counter: '$before' before, '$after' after, want one more"
}

for under in "pcx-0ac 10.3.0.1 fd00:3::1 1320 IPv6" "pcx-0ab 10.2.0.1 fd00:2::1 1340 IPv4"; do
	read -r pcx v4 v6 mtu family <<<"$under"
	log "--- $family underlay ($pcx), inner path MTU $mtu"
	# DF IPv4: too big, then the route knows the path MTU.
	too_big "$pcx" "$mtu" -M do -s 1350 "$v4"
	printf '%s' "$(ip -n vpa route get "$v4")" | grep -q "mtu $mtu" ||
		wrong "route to $v4 has not learnt mtu $mtu: $(ip -n vpa route get "$v4" | tr '\n' ' ')"
	# Without DF: fragmented by the underlay, and delivered.
	ip netns exec vpa ping -c 1 -W 5 -M dont -s 1350 "$v4" >/dev/null ||
		wrong "non-DF 1378-byte IPv4 packet to $v4 over $pcx was lost"
	# IPv6: too big, then the sender fragments to fit. (The first echo
	# reply, as big, teaches the other end in the same way, and is lost.)
	too_big "$pcx" "$mtu" -6 -s 1350 "$v6"
	ip netns exec vpa ping -6 -c 3 -i 0.2 -W 5 -s 1350 "$v6" >/dev/null ||
		wrong "1398-byte IPv6 packets to $v6 over $pcx lost after the first"
done
# Under IPv6's minimum MTU no ICMPv6 may ask for less: the underlay
# fragments instead. 1300 bytes of underlay leave 1240 and 1220 inner
# bytes; 1298-byte IPv6 packets go through, and are not counted as mtu.
ip -n "$UNDERLAY" link set lo mtu 1300 || fail "lo mtu 1300 in the underlay"
before=$(stats vpa vpc0 pcx-0ab:mtu pcx-0ac:mtu)
for v6 in fd00:2::1 fd00:3::1; do
	ip netns exec vpa ping -6 -c 1 -W 5 -s 1250 "$v6" >/dev/null ||
		wrong "1298-byte IPv6 packet to $v6 lost on an underlay path under 1280"
done
after=$(stats vpa vpc0 pcx-0ab:mtu pcx-0ac:mtu)
[ "$after" = "$before" ] || wrong "mtu counters went from $before to $after under 1280"

# Nothing was counted as sent but lost, nor as an error.
for p in "pcx-0ab vpb" "pcx-0ac vpc"; do
	read -r pcx peer <<<"$p"
	for i in $(seq 50); do
		tx=$(stats vpa vpc0 "$pcx:tx_packets") rx=$(stats "$peer" vpc0 "$pcx:rx_packets")
		[ "$tx" = "$rx" ] && break
		sleep 0.1
	done
	[ "$tx" = "$rx" ] || wrong "$pcx: A counts $tx packets sent, the other end $rx received"
done
st=$(stats vpa vpc0 pcx-0ab:tx_error pcx-0ac:tx_error)
[ "$st" = "0 0" ] || wrong "pcx-0ab and pcx-0ac tx_error: $st, want 0 0"
[ ${#bad[@]} -eq 0 ] || fail "${#bad[@]} wrong: ${bad[*]}"

# The largest device MTU: 65535 less an outer IPv6 header, UDP, vpcpeer
# header and tag.
ip -n vpa link set vpc0 mtu 65455 || fail "vpc0 mtu 65455 refused"
ip -n vpa link set vpc0 mtu 65456 2>/dev/null && fail "vpc0 mtu 65456 accepted"
exit 0
