#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ip link set up/down races with vpcpeerctl set listen-port: whatever the
# interleaving, a down device has no UDP socket, an up one listens on the
# configured port and on no other, and a deleted one frees its port. (The
# old code read the running bit, which is RTNL's, under its own lock: a
# port change between "running" being set and ndo_open bound the new port,
# ndo_open then failed on it, and the device was left down with sockets
# that outlived it.) RACE_ROUNDS rounds (5) of RACE_FLIPS up/down pairs
# (60) against two processes changing the port; then that window, too
# narrow to be hit at will, held open by a kprobe (kmod/vp_delay.c).
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

# bound PID PORT: whether an IPv4 UDP socket is bound to PORT in the
# network namespace of process PID (shell builtins only).
bound() {
	local hex addr
	printf -v hex ':%04X' "$2"
	while read -r _ addr _; do
		[[ $addr == *"$hex" ]] && return 0
	done <"/proc/$1/net/udp"
	return 1
}

# The window held open: kmod/vp_delay.ko holds vpcpeer's ndo_open at its
# entry, after __dev_open() set the running bit, until a port change made
# meanwhile has returned or bound its port. The device must then come up
# listening on the new port alone. While the call is held its CPU does not
# pass through RCU: what runs meanwhile is started before or is a shell
# builtin (no ip netns exec, no exec at all).
held_window() {
	local delay="$SELFTESTS_DIR/kmod/vp_delay.ko" fifos underlay_pid set_pid
	local line hits up rc i
	[ -e "$delay" ] || fail "$delay is not built: run make"
	fifos=$(mktemp -d) || fail "mktemp -d"
	mkfifo "$fifos/cue" "$fifos/out" "$fifos/tick" || fail "mkfifo"
	exec 3<>"$fifos/cue" 4<>"$fifos/out" 5<>"$fifos/tick"
	ip netns exec vpu sleep 600 &
	underlay_pid=$!
	ip netns exec vpa python3 -I -S "$SELFTESTS_DIR/genl.py" port vpc0 52010 <&3 >&4 &
	set_pid=$!
	read -r -t 60 line <&4 || fail "genl.py port vpc0 52010 did not start"
	expect_eq "genl.py port" "$line" ready
	insmod "$delay" func=vp_open hold_ms=10000 || fail "insmod $delay func=vp_open"
	# shellcheck disable=SC2064 # the locals are gone when it runs
	trap "echo 1 >/sys/module/vp_delay/parameters/release; rmmod vp_delay; kill $underlay_pid; rm -rf $fifos; cleanup" EXIT
	ip -n vpa link set vpc0 up &
	up=$!
	for i in $(seq 200); do
		read -r hits </sys/module/vp_delay/parameters/hits
		[ "$hits" = 1 ] && break
		read -r -t 0.05 -u 5
	done
	expect_eq "calls to vp_open held" "$hits" 1
	echo go >&3
	for i in $(seq 200); do
		kill -0 "$set_pid" 2>/dev/null || break
		bound "$underlay_pid" 52010 && break
		read -r -t 0.05 -u 5
	done
	echo 1 >/sys/module/vp_delay/parameters/release
	wait "$set_pid"
	read -r -t 10 line <&4
	expect_eq "port change while ndo_open was held" "$line" ok
	wait "$up"
	rc=$?
	rmmod vp_delay
	kill "$underlay_pid"
	exec 3>&- 4>&- 5>&-
	rm -rf "$fifos"
	trap cleanup EXIT
	expect_eq "ip link set vpc0 up (held in ndo_open while the port changed): exit status, then UDP ports listening" \
		"$rc $(listening)" "0 52010 "
	expect_eq "vpc0's port" "$(port)" 52010
	ip -n vpa link set vpc0 down || fail "ip link set vpc0 down"
	expect_eq "UDP ports listening after down" "$(listening)" ""
	log "port set while ndo_open was held: up on 52010 alone"
}
# The debug kernel (make check-debug) is built without kprobes.
if grep -qw register_kprobe /proc/kallsyms; then
	held_window
else
	log "no kprobes in $(uname -r): the window is not held open"
fi

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
