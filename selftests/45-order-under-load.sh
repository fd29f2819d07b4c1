#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A peering's packets reach the other VPC in the order they were sent,
# though their encryption and decryption run on every CPU. Four TCP flows
# from A to B (four iperf3 processes, 8 s), next to two busy loops that
# keep both CPUs taken and move the senders between them: A's TCP
# detects no reordering (TcpExt TCPSACKReorder, TCPTSReorder,
# TCPRenoReorder), and when vpcpeer dropped nothing (a full queue may drop,
# and TCP backs off) B's TCP queued no segment out of order (TCPOFOQueue).
# Out-of-order segments can only come from vpcpeer here: the underlay is
# loopback, which neither loses nor reorders.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
peer_pair a b pcx-0ab

tcpext() { proc_counters "$1" netstat TcpExt: "${@:2}"; }
retrans() { proc_counters vpa snmp Tcp: RetransSegs; }

drops() {
	stats "$1" vpc0 pcx-0ab:tx_error pcx-0ab:auth_fail pcx-0ab:replay \
		pcx-0ab:crypto_error pcx-0ab:queue_full pcx-0ab:not_active \
		pcx-0ab:mtu unknown_peer
}

drops_a=$(drops vpa)
drops_b=$(drops vpb)
ofo=$(tcpext vpb TCPOFOQueue)
reorder=$(tcpext vpa TCPSACKReorder TCPTSReorder TCPRenoReorder)
rt0=$(retrans)

for p in 5201 5202 5203 5204; do
	bg_run vpb iperf3 -s -1 -p "$p" >/dev/null 2>&1
	wait_listen vpb "$p"
done
busy=()
for i in 1 2; do
	bash -c 'while :; do :; done' &
	busy+=("$!")
	_topo_pids+=("$!")
done
clients=()
for p in 5201 5202 5203 5204; do
	bg_run vpa iperf3 -c 10.2.0.1 -p "$p" -t 8 -J >"$_topo_dir/iperf-$p.json"
	clients+=("$BG_PID")
done
for pid in "${clients[@]}"; do
	wait "$pid" || fail "an iperf3 client failed"
done
kill "${busy[@]}"
bits=$(py -c '
import json, sys
print(int(sum(json.load(open(f))["end"]["sum_received"]["bits_per_second"]
              for f in sys.argv[1:]) / 1e6))' "$_topo_dir"/iperf-*.json) ||
	fail "iperf3's JSON"
rt=$(($(retrans) - rt0))
dropped=$(py -c '
import sys
print(sum(int(b) - int(a) for a, b in zip(sys.argv[1].split(), sys.argv[2].split())
          if a.isdigit() and b.isdigit()))' \
	"$drops_a $drops_b" "$(drops vpa) $(drops vpb)")
ofo=$(($(tcpext vpb TCPOFOQueue) - ofo))
log "4 flows, 8 s, 2 CPUs busy: $bits Mbit/s received by B, $rt segments retransmitted by A, $dropped packets dropped by vpcpeer, $ofo segments queued out of order by B"
expect_eq "reorderings A's TCP detected (SACK, TS, Reno)" \
	"$(tcpext vpa TCPSACKReorder TCPTSReorder TCPRenoReorder)" "$reorder"
if [ "$dropped" = 0 ]; then
	expect_eq "segments B's TCP queued out of order, nothing dropped" "$ofo" 0
fi
exit 0
