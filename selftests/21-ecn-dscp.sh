#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Packet metadata crosses the tunnel as RFC 6040 (normal mode) and RFC 2983
# (uniform DSCP) say: the outer header carries the inner DSCP and ECN (an
# inner CE as ECT(0)); congestion marked in the underlay (CE on the outer
# header) reaches the inner packet when it is ECN-capable, and a CE-marked
# packet that is not ECN-capable is dropped and counted as ecn_drop, not as
# traffic.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
relay_port=51009 sink_port=7000
ready="$_topo_dir/ready" relay_log="$_topo_dir/relay.log"
sink_ready="$_topo_dir/sink-ready" sink_log="$_topo_dir/sink.log"

# A reaches B only through a relay on the underlay that marks every
# datagram CE, as a congested router would; B answers A directly.
port_b=${VPC_PORT[b]}
VPC_PORT[b]=$relay_port
peer_add a b pcx-0ab v4
VPC_PORT[b]=$port_b
peer_add b a pcx-0ab v4
routes_add a pcx-0ab "${VPC_CIDRS[b]}"
routes_add b pcx-0ab "${VPC_CIDRS[a]}"

touch "$relay_log" "$sink_log"
bg_run "$UNDERLAY" python3 -I -S "$SELFTESTS_DIR/inject.py" relay \
	"$relay_port" "$port_b" "$ready" "$relay_log" ce
bg_run vpb python3 -I -S "$SELFTESTS_DIR/inject.py" tos-sink \
	"$sink_port" "$sink_ready" "$sink_log"
wait_eq "relay ready" yes bash -c "[ -e '$ready' ] && echo yes"
wait_eq "sink ready" yes bash -c "[ -e '$sink_ready' ] && echo yes"
wait_active a b pcx-0ab

# seen LOG: the TOS bytes logged, space-separated. Of the relay's log, only
# the test's datagrams (200 bytes of UDP inside: 260 or 280 bytes), not the
# peering's keepalives (32) and handshakes (800).
seen() {
	awk -F'len=' 'NF == 1 || ($2 > 100 && $2 < 800)' "$1" |
		sed 's/^tos=\([^ ]*\).*/\1/' | tr '\n' ' ' | sed 's/ $//'
}

# AF41 (DSCP 34) with ECT(0): outer AF41 + ECT(0), inner AF41 + CE.
inject vpa tos-send 10.2.0.1 "$sink_port" 0x8a 2 || fail "UDP to 10.2.0.1 with TOS 0x8a"
inject vpa tos-send fd00:2::1 "$sink_port" 0x8a 2 || fail "UDP to fd00:2::1 with traffic class 0x8a"
wait_eq "outer TOS on the underlay (AF41 + ECT(0) inside)" \
	"0x8a 0x8a 0x8a 0x8a" seen "$relay_log"
wait_eq "inner TOS at B after CE in the underlay (AF41 + ECT(0) sent)" \
	"0x8b 0x8b 0x8b 0x8b" seen "$sink_log"
log "AF41 carried outward; underlay CE reached the inner IPv4 and IPv6 packets"

# CS1 with CE already inside: outer CS1 + ECT(0), inner CE stays.
inject vpa tos-send 10.2.0.1 "$sink_port" 0x23 1 || fail "UDP to 10.2.0.1 with TOS 0x23"
wait_eq "outer TOS on the underlay (CS1 + CE inside)" \
	"0x8a 0x8a 0x8a 0x8a 0x22" seen "$relay_log"
wait_eq "inner TOS at B (CS1 + CE sent)" \
	"0x8b 0x8b 0x8b 0x8b 0x23" seen "$sink_log"

# Not ECN-capable inside, CE outside: dropped, counted, not traffic.
read -r rx ecn <<<"$(stats vpb vpc0 pcx-0ab:rx_packets pcx-0ab:ecn_drop)"
inject vpa tos-send 10.2.0.1 "$sink_port" 0x88 2 || fail "UDP to 10.2.0.1 with TOS 0x88"
inject vpa tos-send fd00:2::1 "$sink_port" 0x00 1 || fail "UDP to fd00:2::1 with traffic class 0"
wait_eq "outer TOS on the underlay (not-ECT inside)" \
	"0x8a 0x8a 0x8a 0x8a 0x22 0x88 0x88 0x00" seen "$relay_log"
wait_eq "B's pcx-0ab rx_packets ecn_drop after 3 CE-marked not-ECT packets" \
	"$rx $((ecn + 3))" stats vpb vpc0 pcx-0ab:rx_packets pcx-0ab:ecn_drop
expect_eq "inner TOS at B" "$(seen "$sink_log")" "0x8b 0x8b 0x8b 0x8b 0x23"
exit 0
