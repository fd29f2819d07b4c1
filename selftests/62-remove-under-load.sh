#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Removing a peering does not wait for the others' traffic: while UDP
# floods (iperf3, four streams each way) keep A's encrypt and decrypt
# workers busy over pcx-0ab, an idle second peering, pcx-0ac, is added and
# deleted ten times. A removal used to flush the device's workqueue, which
# waits for each running worker to find its queue empty: under the floods
# that took up to 17 s here, and more than 120 s in 90-stress. Now it waits
# for pcx-0ac's own packets alone. The check is liveness, not speed: each
# del-peer must return within 60 s, and the kernel's hung-task detector,
# set to 10 s for the test, must report nothing (the runner reads the
# kernel log). The floods run throughout.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
command -v iperf3 >/dev/null || { echo "SKIP: no iperf3"; exit "$KSFT_SKIP"; }
topo_init
hung=/proc/sys/kernel/hung_task_timeout_secs
hung_was=$(cat "$hung" 2>/dev/null) || hung_was=
[ -n "$hung_was" ] && echo 10 >"$hung"
trap '[ -n "$hung_was" ] && echo "$hung_was" >"$hung"; topo_cleanup' EXIT

vpc_std a b
peer_pair a b pcx-0ab
key=$(key_file pcx-0ac) || exit 1

bg_run vpb iperf3 -s -p 5201 >/dev/null 2>&1
bg_run vpa iperf3 -s -p 5202 >/dev/null 2>&1
wait_listen vpb 5201
wait_listen vpa 5202
bg_run vpa iperf3 -c 10.2.0.1 -p 5201 -u -b 0 -l 1400 -P 4 -t 600 -i 0 >/dev/null 2>&1
up=$BG_PID
bg_run vpb iperf3 -c 10.1.0.1 -p 5202 -u -b 0 -l 1400 -P 4 -t 600 -i 0 >/dev/null 2>&1
down=$BG_PID
sleep 2

for i in $(seq 10); do
	ip netns exec vpa vpcpeerctl add-peer vpc0 pcx-0ac remote-vpc vpc-c \
		cidr 10.3.0.0/16 endpoint 127.0.0.1:51003 secret-file "$key" ||
		fail "add-peer pcx-0ac ($i)"
	ip netns exec vpa vpcpeerctl route add vpc0 10.3.0.0/16 via pcx-0ac ||
		fail "route add via pcx-0ac ($i)"
	ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-0ac &
	del=$!
	for _ in $(seq 600); do
		kill -0 "$del" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$del" 2>/dev/null; then
		# Stopping the streams lets the removal finish.
		kill "$up" "$down"
		wait "$del"
		fail "del-peer pcx-0ac ($i) took more than 60 s under traffic"
	fi
	wait "$del" || fail "del-peer pcx-0ac ($i)"
	ip netns exec vpa vpcpeerctl route del vpc0 10.3.0.0/16 ||
		fail "route del 10.3.0.0/16 ($i)"
done
if ! kill -0 "$up" || ! kill -0 "$down"; then
	fail "an iperf3 flood over pcx-0ab ended"
fi
log "ten removals of pcx-0ac under UDP floods both ways on pcx-0ab"
exit 0
