#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Stress: STRESS_ROUNDS rounds (6) of: iperf3 over the peerings A-B
# (IPv4 underlay) and A-C (IPv6 underlay), both ways, while one process in
# A and one in B add and delete peerings and routes in a tight loop; after
# STRESS_SECS seconds (3) of that, with the traffic still flowing, devices,
# VPC namespaces and the underlay namespace are deleted (in an order that
# changes from round to round), and rmmod follows as soon as the traffic
# stops. Nothing may crash or warn (the runner reads the kernel log), the
# counters must hold together (what a side received over a peering is at
# most what the other side sent; nothing negative or absurd), and the
# module must unload every time. It is loaded again at the end.
# Six rounds take about 5 min on 6.12 under TCG (the deletion orders, two
# times each), 25 min on the debug kernel; CI runs the suite on two kernels
# in its 90 min. Next to a check-debug guest, eight rounds took 600 s.
# timeout: 1500
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
ROUNDS=${STRESS_ROUNDS:-6}
SECS=${STRESS_SECS:-3}
command -v iperf3 >/dev/null || { echo "SKIP: no iperf3"; exit "$KSFT_SKIP"; }
topo_init

# sane WHAT VALUE...: every VALUE is a counter a link could reach.
sane() {
	local what=$1 v
	shift
	for v in "$@"; do
		[[ $v =~ ^[0-9]{1,15}$ ]] || fail "$what: counter '$v' in '$*'"
	done
}

# consistent X Y PCX: what each side of PCX received, the other sent;
# the counts are added to $COUNTS.
# (The receiver is read first: the sender's count can only have grown.)
consistent() {
	local x=$1 y=$2 pcx=$3 xs ys
	ys=$(stats "vp$y" vpc0 "$pcx:rx_packets" "$pcx:tx_packets" "$pcx:rx_bytes" "$pcx:tx_bytes")
	xs=$(stats "vp$x" vpc0 "$pcx:rx_packets" "$pcx:tx_packets" "$pcx:rx_bytes" "$pcx:tx_bytes")
	# shellcheck disable=SC2086  # one word per counter
	sane "$y's $pcx" $ys
	# shellcheck disable=SC2086
	sane "$x's $pcx" $xs
	read -r yrp _ yrb _ <<<"$ys"
	read -r xrp xtp _ xtb <<<"$xs"
	[ "$yrp" -le "$xtp" ] && [ "$yrb" -le "$xtb" ] ||
		fail "$y received $yrp packets, $yrb bytes over $pcx; $x sent $xtp, $xtb"
	[ "$xrp" -gt 0 ] && [ "$yrp" -gt 0 ] ||
		fail "no traffic over $pcx: $x received $xrp packets, $y $yrp"
	# B -> ... read after A: A's rx may lag what B has sent since.
	ys=$(stats "vp$y" vpc0 "$pcx:tx_packets")
	[ "$xrp" -le "$ys" ] ||
		fail "$x received $xrp packets over $pcx; $y sent $ys"
	COUNTS+="$pcx $x->$y $xtp/$yrp, $y->$x $ys/$xrp; "
}

# churn X PREFIX STOP: in vpX, adds and deletes a peering and routes over
# it, and a route to PREFIX over pcx-0ab, until the file STOP exists;
# prints how many loops it made.
churn() {
	local x=$1 stop=$3 key
	key=$(key_file "pcx-0d$x") || exit 1
	ip netns exec "vp$x" bash -c '
		x=$1 pfx=$2 stop=$3 key=$4 n=0
		while [ ! -e "$stop" ]; do
			vpcpeerctl add-peer vpc0 pcx-0d$x remote-vpc vpc-d$x \
				cidr 10.4.0.0/16,fd00:4::/48 endpoint "127.0.0.1:5104" \
				secret-file "$key"
			vpcpeerctl route add vpc0 10.4.0.0/16 via pcx-0d$x
			vpcpeerctl route add vpc0 fd00:4::/48 via pcx-0d$x
			vpcpeerctl route add vpc0 "$pfx" via pcx-0ab
			vpcpeerctl del-peer vpc0 pcx-0d$x
			vpcpeerctl route del vpc0 10.4.0.0/16
			vpcpeerctl route del vpc0 fd00:4::/48
			vpcpeerctl route del vpc0 "$pfx"
			n=$((n + 1))
		done 2>/dev/null
		echo "$n"' - "$x" "$2" "$stop" "$key"
}

# iperf NS ADDR PORT: a client sending to ADDR:PORT until killed.
iperf() {
	bg_run "$1" iperf3 -c "$2" -p "$3" -t 3600 -i 0 >/dev/null 2>&1
}

for round in $(seq "$ROUNDS"); do
	[ "$round" -gt 1 ] && ns_new "$UNDERLAY"
	vpc_std a b c
	peer_pair a b pcx-0ab v4
	peer_pair a c pcx-0ac v6
	for ns in vpb vpc; do
		for port in 5201 5202; do
			bg_run "$ns" iperf3 -s -p "$port" >/dev/null 2>&1
		done
	done
	for ns in vpb vpc; do
		wait_listen "$ns" 5201
		wait_listen "$ns" 5202
	done
	iperf vpa 10.2.0.1 5201
	iperf vpa fd00:3::1 5201
	iperf vpa fd00:2::1 5202
	iperf vpa 10.3.0.1 5202
	clients=("${_topo_pids[@]: -4}")
	stop="$_topo_dir/stop"
	rm -f "$stop"
	churn a 10.2.128.0/17 "$stop" >"$_topo_dir/churn-a" &
	churner_a=$!
	churn b 10.1.128.0/17 "$stop" >"$_topo_dir/churn-b" &
	churner_b=$!
	sleep "$SECS"
	COUNTS=
	consistent a b pcx-0ab
	consistent a c pcx-0ac

	# Mid-stream: devices and namespaces go, each round in another order.
	case $((round % 3)) in
	0) ip netns del "$UNDERLAY" && ip -n vpc link del vpc0 && ip netns del vpb ;;
	1) ip netns del vpb && ip netns del "$UNDERLAY" && ip -n vpa link del vpc0 ;;
	2) ip -n vpa link del vpc0 && ip netns del vpc && ip netns del "$UNDERLAY" ;;
	esac || fail "round $round: deletions"

	# Traffic stops, then the module goes at once, with what is left.
	kill "${clients[@]}" 2>/dev/null
	touch "$stop"
	wait "$churner_a" "$churner_b"
	rmmod vpcpeer || fail "round $round: rmmod vpcpeer"
	grep -q '^vpcpeer ' /proc/modules && fail "round $round: vpcpeer still loaded"
	kill "${_topo_pids[@]}" 2>/dev/null
	wait 2>/dev/null
	_topo_pids=()
	cleanup
	_namespaces=()
	log "round $round: $COUNTS churn loops $(cat "$_topo_dir/churn-a")+$(cat "$_topo_dir/churn-b")"
	module_load
done
exit 0
