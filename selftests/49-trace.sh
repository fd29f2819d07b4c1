#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vpcpeer:vpcpeer_drop tracepoint: every drop shows as one record with
# the device, the peering (none for a drop the device counts), the
# direction, the counter it went to and the inner flow, as
# Documentation/tracing.rst describes. Records and counters agree.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

T=/sys/kernel/tracing
if [ ! -e "$T/trace" ]; then
	mount -t tracefs nodev "$T" || fail "mount -t tracefs nodev $T"
fi
EV=$T/events/vpcpeer/vpcpeer_drop
[ -e "$EV/enable" ] || fail "no tracepoint vpcpeer:vpcpeer_drop in $T/events"
# shellcheck disable=SC2317 # the EXIT trap runs it
trace_off() {
	echo 0 >"$EV/enable"
	echo >"$T/trace"
	topo_cleanup
}
trap trace_off EXIT

# A claims 10.9.0.0/16 and fd00:9::/48 too; B knows A without them.
vpc_new a vpc-a 10.1.0.0/16,10.9.0.0/16,fd00:1::/48,fd00:9::/48 51001 \
	10.1.0.1,10.9.0.1,fd00:1::1,fd00:9::1
vpc_std b c
VPC_CIDRS[a]=10.1.0.0/16,fd00:1::/48
peer_pair a b pcx-0ab v4
peer_pair a c pcx-0ac v4
ping_ok vpa 10.2.0.1
ping_ok vpa fd00:3::1
ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-0ac || fail "del-peer pcx-0ac"
ip -n vpa route add 10.7.0.0/16 dev vpc0 || fail "ip route add 10.7.0.0/16 dev vpc0"

echo >"$T/trace"
echo 1 >"$EV/enable" || fail "enabling $EV"
nr=$(devstat vpa vpc0 no_route)
bh=$(devstat vpa vpc0 blackhole)
sp=$(peerstat vpb vpc0 pcx-0ab spoofed_src)

# tx, the device's: no route; ICMP echo (type 8) in the ports.
ip netns exec vpa ping -c 1 -W 1 10.7.0.1 >/dev/null 2>&1
# tx, the device's: a blackhole (pcx-0ac is gone, its routes stay).
ip netns exec vpa timeout 3 bash -c 'echo >/dev/tcp/fd00:3::1/8080' 2>/dev/null
# rx, a peering's: B drops A's packets from outside what B knows of A.
ip netns exec vpa ping -c 2 -i 0.2 -W 1 -I 10.9.0.1 10.2.0.1 >/dev/null 2>&1
wait_eq "B's spoofed_src" "$((sp + 2))" peerstat vpb vpc0 pcx-0ab spoofed_src
echo 0 >"$EV/enable"
records=$(grep -o 'vpcpeer_drop: .*' "$T/trace")
printf '%s\n' "$records"

# count REGEX: the records that match.
count() {
	printf '%s\n' "$records" | grep -cE "$1"
}
R='vpcpeer_drop: dev=vpc0'
expect_eq "no_route records" \
	"$(count "$R pcx= dir=tx reason=no_route family=4 proto=1 src=::ffff:10.1.0.1 sport=8 dst=::ffff:10.7.0.1 dport=0 len=84$")" \
	"$(($(devstat vpa vpc0 no_route) - nr))"
# The SYN and its retries (ports: any source, destination 8080).
n=$(count "$R pcx= dir=tx reason=blackhole family=6 proto=6 src=fd00:1::1 sport=[0-9]+ dst=fd00:3::1 dport=8080 len=[0-9]+$")
[ "$n" -ge 1 ] || fail "no blackhole record for the SYN to [fd00:3::1]:8080"
expect_eq "blackhole records" "$n" "$(($(devstat vpa vpc0 blackhole) - bh))"
expect_eq "spoofed_src records" \
	"$(count "$R pcx=pcx-0ab dir=rx reason=spoofed_src family=4 proto=1 src=::ffff:10.9.0.1 sport=8 dst=::ffff:10.2.0.1 dport=0 len=84$")" 2
expect_eq "records in all" "$(count .)" "$((2 + n + $(devstat vpa vpc0 no_route) - nr))"

# Off, nothing more is recorded.
echo >"$T/trace"
ip netns exec vpa ping -c 1 -W 1 10.7.0.1 >/dev/null 2>&1
expect_eq "records with the tracepoint off" "$(grep -c vpcpeer_drop "$T/trace")" 0

# perf, as Documentation/tracing.rst shows it: perf record, perf script,
# the reason by its name, and a filter on the reason's number.
command -v perf >/dev/null || fail "no perf: run make deps (linux-perf)"
data=$_topo_dir/perf.data
nr=$(devstat vpa vpc0 no_route)
perf record -q -e vpcpeer:vpcpeer_drop -a -o "$data" -- \
	ip netns exec vpa ping -c 2 -i 0.2 -W 1 10.7.0.1 >/dev/null 2>&1
script=$(perf script -i "$data" 2>/dev/null | grep -o 'vpcpeer_drop: .*')
printf '%s\n' "$script"
expect_eq "no_route records from perf script" \
	"$(printf '%s\n' "$script" | grep -cE "$R pcx= dir=tx reason=no_route family=4 proto=1 src=::ffff:10.1.0.1 sport=8 dst=::ffff:10.7.0.1 dport=0 len=84$")" \
	"$(($(devstat vpa vpc0 no_route) - nr))"
# A filter on another reason's number: the pings are not recorded.
bh_nr=$(sed -n 's/.*{ *\([0-9]*\), "blackhole" }.*/\1/p' "$EV/format")
[ -n "$bh_nr" ] || fail "no number for blackhole in $EV/format"
perf record -q -e vpcpeer:vpcpeer_drop --filter "reason == $bh_nr" -a \
	-o "$data" -- ip netns exec vpa ping -c 1 -W 1 10.7.0.1 >/dev/null 2>&1
expect_eq "records of perf record --filter 'reason == $bh_nr' (blackhole)" \
	"$(perf script -i "$data" 2>/dev/null | grep -c vpcpeer_drop)" 0
exit 0
