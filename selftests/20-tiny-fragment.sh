#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# An authentic datagram re-fragmented on the path, its first IPv4 fragment
# holding only the UDP and vpcpeer headers (24 bytes), is delivered, inner
# IPv4 and IPv6: the inner header is read from the bytes of the packet, not
# from whatever follows the first fragment in its buffer. Nor can a keyed
# peer use that to get past the non-transitive rule: bytes it leaves behind
# the first fragment, made to read as an in-VPC destination, are never
# taken for the inner header, so its packets to a network outside the VPC
# are dropped as transitive_dst, not delivered and forwarded.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
relay_port=51009
ready="$_topo_dir/ready" relay_log="$_topo_dir/relay.log"

# A reaches B only through a relay on the underlay that fragments every
# datagram; B answers A directly. A is told that B also owns fd00:9::/48.
port_b=${VPC_PORT[b]}
VPC_PORT[b]=$relay_port
peer_add a b pcx-0ab v4 "${VPC_CIDRS[b]},fd00:9::/48"
VPC_PORT[b]=$port_b
peer_add b a pcx-0ab v4
routes_add a pcx-0ab "${VPC_CIDRS[b]}"
routes_add b pcx-0ab "${VPC_CIDRS[a]}"

# relay_start MODE [SRC DST]: a fresh relay from $relay_port to B.
relay_start() {
	[ -n "${relay_pid:-}" ] && kill "$relay_pid" && wait "$relay_pid" 2>/dev/null
	rm -f "$ready" "$relay_log"
	touch "$relay_log"
	bg_run "$UNDERLAY" python3 -I -S "$SELFTESTS_DIR/inject.py" relay \
		"$relay_port" "$port_b" "$ready" "$relay_log" "$@"
	relay_pid=$BG_PID
	wait_eq "relay ready" yes bash -c "[ -e '$ready' ] && echo yes"
}
# The relay also carries keepalives (32 bytes) and handshakes (800): only
# the test's pings (-s 1000) count.
relayed() {
	awk -F'len=' '$2 > 900' "$relay_log" | wc -l
}

# Both halves run and their failures are reported together.
problems=()
problem() {
	echo "FAIL: $*"
	problems+=("$*")
}

relay_start frag
wait_active a b pcx-0ab
for dst in 10.2.0.1 fd00:2::1; do
	out=$(ip netns exec vpa ping -c 3 -i 0.2 -W 5 -s 1000 "$dst" 2>&1)
	printf '%s\n' "$out" | grep -q " 3 received" ||
		problem "ping -s 1000 $dst through the fragmenting relay: $(printf '%s' "$out" | tail -n 2 | tr '\n' ' ')"
done
wait_eq "datagrams the relay fragmented" 6 relayed
got=$(stats vpb vpc0 pcx-0ab:rx_packets pcx-0ab:transitive_dst pcx-0ab:malformed)
[ "$got" = "6 0 0" ] ||
	problem "B's pcx-0ab rx_packets transitive_dst malformed after 6 re-fragmented datagrams are '$got', want '6 0 0'"
[ ${#problems[@]} -eq 0 ] &&
	log "6 re-fragmented datagrams delivered, inner IPv4 and IPv6"

# B forwards to fd00:9::/48, a network of its own outside the VPC.
modprobe -q dummy
ip -n vpb link add dm0 type dummy || fail "ip link add dm0 type dummy in vpb"
ip -n vpb link set dm0 addrgenmode none
ip -n vpb link set dm0 up
ip -n vpb -6 route add fd00:9::/48 dev dm0 || fail "route to fd00:9::/48 in vpb"
ip netns exec vpb sysctl -qw net.ipv6.conf.all.forwarding=1
routes_add a pcx-0ab fd00:9::/48

relay_start frag-stale fd00:1::1 fd00:2::1
read -r rx tdst <<<"$(stats vpb vpc0 pcx-0ab:rx_packets pcx-0ab:transitive_dst)"
fwd=$(linkstat vpb dm0 tx packets)
# settled: rx_packets and transitive_dst have grown by 20 in all.
settled() {
	stats vpb vpc0 pcx-0ab:rx_packets pcx-0ab:transitive_dst |
		{ read -r r t; echo $((r - rx + t - tdst)); }
}
ip netns exec vpa ping -6 -c 20 -i 0.05 -W 1 -s 1000 fd00:9::1 >/dev/null 2>&1
wait_eq "datagrams the relay fragmented" 20 relayed
wait_eq "packets B took for delivered or transitive_dst" 20 settled
got=$(stats vpb vpc0 pcx-0ab:rx_packets pcx-0ab:transitive_dst)
[ "$got" = "$rx $((tdst + 20))" ] ||
	problem "B's pcx-0ab rx_packets transitive_dst after 20 packets to fd00:9::1 are '$got', want '$rx $((tdst + 20))'"
fwd=$(($(linkstat vpb dm0 tx packets) - fwd))
[ "$fwd" = 0 ] || problem "B forwarded $fwd of the 20 packets to fd00:9::/48"
[ ${#problems[@]} -eq 0 ] || fail "${#problems[@]} problems, see above"
log "20 packets to fd00:9::1 dropped as transitive_dst, none forwarded"

# The honest traffic still flows.
relay_start frag
ping_ok vpa fd00:2::1
exit 0
