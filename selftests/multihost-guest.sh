#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One of the two hosts of tools/lab/multihost-test, run in its guest.
# Usage: selftests/multihost-guest.sh 1|2 SYNC
#
# The guests share an Ethernet segment (vmrun --net): each one's eth0 is
# the underlay, 192.168.77.N/24 for host N, in the guest's root namespace.
# Every vpcpeer device is created there, so its UDP socket stays on eth0,
# and is then moved into its VPC's namespace as vpc0 (topology.sh's way,
# with the root namespace as the underlay):
#
#   host 1: vpc-a 10.1.0.0/16 (port 51001)   host 2: vpc-b 10.2.0.0/16 (51002)
#           vpc-c 10.3.0.0/16 (port 51003)           vpc-d 10.4.0.0/16 (51004)
#   pcx-ab: a <-> b, pcx-cd: c <-> d, across hosts, endpoints on eth0.
#
# c lies to its half of pcx-cd that d also owns 10.2.0.0/16 (b's block), so
# that c has a route to b across the hosts. Checked: the underlay works,
# both peerings become active on both hosts (show -j), a pings b and sends
# it 1 MiB over TCP, c pings d, b pings a and d pings c; a cannot reach d,
# nor b reach c (no peering); c's pings to b reach host 2 on pcx-cd and d
# drops each as transitive_dst.
#
# The hosts keep step through files in SYNC, a directory of the checkout
# (both guests mount it read-write): host 1 writes the peerings' secrets,
# and each host N touches hN.STEP when it reaches STEP and waits for the
# other's. hN.exit holds host N's exit status, written at exit, pass or
# fail (or by multihost-test when the guest died), so that the other host
# stops waiting at once.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"

if [ $# -ne 2 ] || [[ ! $1 =~ ^[12]$ ]] || [ ! -d "$2" ]; then
	echo "usage: $0 1|2 SYNC_DIR" >&2
	exit 2
fi
me=$1 sync=$2 other=$((3 - $1))
my_ip=192.168.77.$me other_ip=192.168.77.$other
# How long to wait for the other host at each step: two TCG guests on two
# cores, one of them possibly still booting.
STEP_WAIT=${STEP_WAIT:-300}

# shellcheck disable=SC2317  # run by trap
multihost_exit() {
	local rc=$?
	topo_cleanup
	echo "$rc" >"$sync/h$me.exit"
}
trap multihost_exit EXIT

# mark STEP: this host reached STEP.
mark() {
	: >"$sync/h$me.$1" || fail "cannot write $sync/h$me.$1"
	log "host $me: $1"
}

# await STEP [SECS]: the other host reached STEP; fails at once if the
# other host has exited before.
await() {
	local end=$((SECONDS + ${2:-$STEP_WAIT}))
	while [ "$SECONDS" -lt "$end" ]; do
		[ -e "$sync/h$other.$1" ] && return 0
		[ -e "$sync/h$other.exit" ] &&
			fail "host $other exited ($(cat "$sync/h$other.exit")) before '$1'"
		sleep 0.2
	done
	fail "host $other did not reach '$1' within ${2:-$STEP_WAIT} s"
}

# vpc_here NAME VPC_ID CIDR PORT HOSTADDR: vpc_new with the root namespace
# (eth0's) as the underlay.
vpc_here() {
	local name=$1 ns=vp$1
	ns_new "$ns"
	VPC_ID[$name]=$2 VPC_CIDRS[$name]=$3 VPC_PORT[$name]=$4
	ip link add "vpc$name" type vpcpeer || fail "ip link add vpc$name type vpcpeer"
	ip link set "vpc$name" netns "$ns" name vpc0 ||
		fail "moving vpc$name into $ns as vpc0"
	ip netns exec "$ns" vpcpeerctl set vpc0 vpc-id "$2" cidr "$3" listen-port "$4" ||
		fail "vpcpeerctl set vpc0 vpc-id $2 cidr $3 listen-port $4 (in $ns)"
	ip -n "$ns" link set vpc0 addrgenmode none
	ip -n "$ns" link set vpc0 up || fail "ip link set vpc0 up in $ns"
	ip -n "$ns" addr add "$5/32" dev lo || fail "ip addr add $5 dev lo in $ns"
}

# peer_across NAME PCX REMOTE_ID REMOTE_CIDRS PORT: NAME's half of PCX, the
# other half on the other host at $other_ip:PORT; routes to REMOTE_CIDRS.
peer_across() {
	local ep=$other_ip:$5
	ip netns exec "vp$1" vpcpeerctl add-peer vpc0 "$2" remote-vpc "$3" \
		cidr "$4" endpoint "$ep" secret-file "$sync/$2.key" ||
		fail "add-peer $2 in vp$1 (remote $3 cidr $4 endpoint $ep)"
	routes_add "$1" "$2" "$4"
}

# wait_state NS PCX: PCX active in NS (the handshake across the hosts done).
wait_state() {
	local end=$((SECONDS + STEP_WAIT)) got
	while [ "$SECONDS" -lt "$end" ]; do
		got=$(peer_state "$1" "$2")
		[ "$got" = active ] && return 0
		[ -e "$sync/h$other.exit" ] &&
			fail "host $other exited ($(cat "$sync/h$other.exit")) while $2 in $1 is '$got'"
		sleep 1
	done
	fail "state of $2 in $1 is '$got' after $STEP_WAIT s, want 'active'"
}

module_load
_topo_dir=$(mktemp -d) || fail "mktemp -d"

# The underlay: eth0, and the other host on it.
[ -e /sys/class/net/eth0 ] || fail "no eth0: was the guest booted with vmrun --net?"
ip addr add "$my_ip/24" dev eth0 || fail "ip addr add $my_ip/24 dev eth0"
ip link set eth0 up || fail "ip link set eth0 up"
mark up
await up
ping -c 1 -W 2 -w "$STEP_WAIT" "$other_ip" >/dev/null ||
	fail "underlay: $other_ip does not answer on eth0"
log "host $me: underlay $my_ip <-> $other_ip works"

if [ "$me" = 1 ]; then
	for pcx in pcx-ab pcx-cd; do
		if ! (umask 077 && vpcpeerctl genkey >"$sync/$pcx.key.new"); then
			fail "vpcpeerctl genkey"
		fi
		mv "$sync/$pcx.key.new" "$sync/$pcx.key" || fail "mv $pcx.key.new $pcx.key"
	done
	mark keys
	vpc_here a vpc-a 10.1.0.0/16 51001 10.1.0.1
	vpc_here c vpc-c 10.3.0.0/16 51003 10.3.0.1
	peer_across a pcx-ab vpc-b 10.2.0.0/16 51002
	# The lie: d "owns" b's block too, which lets c route to b via pcx-cd.
	peer_across c pcx-cd vpc-d 10.4.0.0/16,10.2.0.0/16 51004
	mine="vpa:pcx-ab vpc:pcx-cd"
else
	await keys
	vpc_here b vpc-b 10.2.0.0/16 51002 10.2.0.1
	vpc_here d vpc-d 10.4.0.0/16 51004 10.4.0.1
	peer_across b pcx-ab vpc-a 10.1.0.0/16 51001
	peer_across d pcx-cd vpc-c 10.3.0.0/16 51003
	mine="vpb:pcx-ab vpd:pcx-cd"
fi
mark configured

# Both peerings active on this host: the handshakes crossed the underlay.
for ns_pcx in $mine; do
	wait_state "${ns_pcx%:*}" "${ns_pcx#*:}"
done
log "host $me: pcx-ab and pcx-cd active"
mark active
await active

if [ "$me" = 1 ]; then
	await sink
	ping_ok vpa 10.2.0.1
	ping_ok vpc 10.4.0.1
	log "host 1: ping a -> b (pcx-ab) and c -> d (pcx-cd) across the hosts"
	out=$(inject vpa tcp-send 10.2.0.1 5201 1048576 2>&1) ||
		fail "TCP from a (host 1) to b (host 2): $out"
	log "host 1: tcp a -> b: $out"
	# Not peered: a has no route to d, c's pings to b die at host 2.
	ping_lost vpa 10.4.0.1
	c_tx=$(peerstat vpc vpc0 pcx-cd tx_packets)
	ping_lost vpc 10.2.0.1 3
	expect_eq "c's pcx-cd tx_packets (pings to b sent to host 2)" \
		"$(peerstat vpc vpc0 pcx-cd tx_packets)" "$((c_tx + 3))"
	mark sent
	# Host 2 pings back: stay up until it is done.
	await checked
else
	bg_run vpb python3 -I -S "$SELFTESTS_DIR/inject.py" tcp-sink 5201
	sink=$BG_PID
	wait_listen vpb 5201
	d_tdst=$(peerstat vpd vpc0 pcx-cd transitive_dst)
	mark sink
	await sent
	wait "$sink" || fail "TCP sink in b (host 2) failed"
	wait_eq "d's pcx-cd transitive_dst after c's 3 pings to b" \
		"$((d_tdst + 3))" peerstat vpd vpc0 pcx-cd transitive_dst
	log "host 2: c -> b across the hosts dropped by d as transitive_dst"
	ping_ok vpb 10.1.0.1
	ping_ok vpd 10.3.0.1
	log "host 2: ping b -> a and d -> c across the hosts"
	ping_lost vpb 10.3.0.1
	ping_lost vpd 10.1.0.1
	mark checked
fi
log "host $me: pass"
exit 0
