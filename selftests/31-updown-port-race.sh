#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ip link set up/down races with vpcpeerctl set listen-port: whatever the
# interleaving, a down device has no UDP socket, an up one listens on the
# configured port and on no other, and a deleted one frees its port. (The
# old code read the running bit, which is RTNL's, under its own lock: a
# port change between "running" being set and ndo_open bound the new port,
# ndo_open then failed on it, and the device was left down with sockets
# that outlived it.) RACE_ROUNDS rounds (5) of RACE_FLIPS up/down pairs
# (60) against two processes changing the port.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
ROUNDS=${RACE_ROUNDS:-5}
FLIPS=${RACE_FLIPS:-60}
PORTS=(52001 52002 52003 52004)

module_load
ns_new vpu vpa
ip -n vpu link add vpc0 type vpcpeer || fail "ip link add vpc0 in vpu"
ip -n vpu link set vpc0 netns vpa || fail "moving vpc0 into vpa"
ip -n vpa link set vpc0 addrgenmode none

# listening: the UDP ports that sockets listen on in the underlay, sorted.
listening() {
	ip netns exec vpu ss -Huln | awk '{ n = split($4, a, ":"); print a[n] }' |
		sort -un | tr '\n' ' '
}
# port: the port vpc0 shows (the bound one while up).
port() {
	ip netns exec vpa vpcpeerctl show vpc0 -j | py -c '
import json, sys
print(json.load(sys.stdin)[0]["listen_port"])'
}
# setter SEED: changes the listen port FLIPS * 2 times, from vpa.
setter() {
	ip netns exec vpa bash -c '
		seed=$1 n=$2
		shift 2
		ports=("$@")
		for ((i = 0; i < n; i++)); do
			vpcpeerctl set vpc0 listen-port "${ports[(i + seed) % $#]}"
		done 2>/dev/null' - "$1" $((FLIPS * 2)) "${PORTS[@]}"
}

for round in $(seq "$ROUNDS"); do
	setter 0 &
	s1=$!
	setter 1 &
	s2=$!
	for i in $(seq "$FLIPS"); do
		printf 'link set vpc0 up\nlink set vpc0 down\n'
	done | ip -n vpa -force -batch - 2>/dev/null
	wait "$s1" "$s2"

	expect_eq "round $round: UDP ports listening in vpu while vpc0 is down" \
		"$(listening)" ""
	ip -n vpa link set vpc0 up || fail "round $round: ip link set vpc0 up"
	p=$(port)
	expect_eq "round $round: UDP ports listening in vpu while vpc0 is up" \
		"$(listening)" "$p "
	ip -n vpa link set vpc0 down || fail "round $round: ip link set vpc0 down"
	expect_eq "round $round: UDP ports listening after down" "$(listening)" ""
	log "round $round: $FLIPS up/down pairs against 2 port setters; up on $p"
done

# Deleted while up, the device frees its port.
ip -n vpa link set vpc0 up || fail "ip link set vpc0 up"
p=$(port)
ip -n vpa link del vpc0 || fail "ip link del vpc0"
expect_eq "UDP ports listening in vpu after ip link del" "$(listening)" ""
ip netns exec vpu python3 -I -S -c '
import socket, sys
for fam, addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
	s = socket.socket(fam, socket.SOCK_DGRAM)
	s.bind((addr, int(sys.argv[1])))
' "$p" || fail "port $p is not bindable after ip link del"
log "port $p bindable again after ip link del"
exit 0
