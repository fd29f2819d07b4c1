# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Sourced after lib.sh by the peering selftests and the demo: VPCs built the
# way WireGuard's netns.sh builds its peers. Every vpcpeer device is created
# in one underlay namespace, $UNDERLAY, where all of them reach each other on
# loopback (127.0.0.1 and ::1, one listen port per device); the device is
# then moved into its VPC's namespace as vpc0. A VPC's host addresses sit on
# its lo, so vpc0 has none and sends nothing but the traffic routed into it.
#
#   topo_init                                 module, underlay ns, key dir
#   bg_run NS CMD...                          background job, killed at exit
#   vpc_new NAME VPC_ID CIDRS PORT HOSTADDRS  namespace vpNAME, device vpc0
#   vpc_std NAME...                           vpc_new with the usual plan
#   peer_add NAME_X NAME_Y PCX [v4|v6 [CIDRS]]  X's half of a peering with Y
#   peer_pair NAME_X NAME_Y PCX [v4|v6]       both halves and their routes
#   peerstat NS DEV PCX KEY / devstat NS DEV KEY   counters from show -j
#   stats NS DEV PCX:KEY|KEY...                    several at once
#   inject NS ARGS...                              selftests/inject.py in NS
#   wait_eq WHAT WANT CMD... / expect_eq WHAT GOT WANT

UNDERLAY=vpu
_topo_dir=
_topo_pids=()
declare -A VPC_ID VPC_CIDRS VPC_PORT

topo_cleanup() {
	local pid
	for pid in "${_topo_pids[@]}"; do
		kill "$pid" 2>/dev/null
	done
	cleanup
	[ -n "$_topo_dir" ] && rm -rf "$_topo_dir"
	return 0
}

# topo_init: loads the module and makes the underlay namespace.
topo_init() {
	modprobe -a udp_tunnel ip6_udp_tunnel 2>/dev/null
	module_load
	_topo_dir=$(mktemp -d) || fail "mktemp -d"
	trap topo_cleanup EXIT
	ns_new "$UNDERLAY"
}

# bg_run NS CMD...: runs CMD in NS in the background, killed at exit if
# still running; its pid is left in $BG_PID.
bg_run() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@" &
	BG_PID=$!
	_topo_pids+=("$BG_PID")
}

# vpc_new NAME VPC_ID CIDRS PORT HOSTADDRS: namespace vpNAME holding the
# VPC's gateway vpc0 (created in the underlay as vpcNAME, listening on PORT)
# and, on lo, HOSTADDRS (comma-separated, e.g. 10.1.0.1,fd00:1::1).
vpc_new() {
	local name=$1 id=$2 cidrs=$3 port=$4 hosts=$5 ns=vp$1 a
	ns_new "$ns"
	VPC_ID[$name]=$id VPC_CIDRS[$name]=$cidrs VPC_PORT[$name]=$port
	ip -n "$UNDERLAY" link add "vpc$name" type vpcpeer ||
		fail "ip link add vpc$name type vpcpeer"
	ip -n "$UNDERLAY" link set "vpc$name" netns "$ns" name vpc0 ||
		fail "moving vpc$name into $ns as vpc0"
	ip netns exec "$ns" vpcpeerctl set vpc0 vpc-id "$id" cidr "$cidrs" listen-port "$port" ||
		fail "vpcpeerctl set vpc0 vpc-id $id cidr $cidrs listen-port $port (in $ns)"
	# No link-local address, hence no DAD, router or MLD solicitation.
	ip -n "$ns" link set vpc0 addrgenmode none
	ip -n "$ns" link set vpc0 up || fail "ip link set vpc0 up in $ns"
	for a in ${hosts//,/ }; do
		case $a in
		*:*) ip -n "$ns" addr add "$a/128" dev lo nodad ;;
		*) ip -n "$ns" addr add "$a/32" dev lo ;;
		esac || fail "ip addr add $a dev lo in $ns"
	done
}

# key_file PCX: the peering's secret, made on first use.
key_file() {
	local f="$_topo_dir/$1.key"
	[ -s "$f" ] || (umask 077 && vpcpeerctl genkey >"$f") || fail "vpcpeerctl genkey"
	echo "$f"
}

# key_forget PCX: the next key_file PCX makes a new secret.
key_forget() {
	rm -f "$_topo_dir/$1.key"
}

# peer_add X Y PCX [v4|v6 [CIDRS]]: X's half of peering PCX with Y, over an
# IPv4 (default) or IPv6 underlay; CIDRS overrides what X is told Y owns.
# PEER_OPTS, if set, adds add-peer options ("keepalive 0").
peer_add() {
	local x=$1 y=$2 pcx=$3 under=${4:-v4} cidrs=${5:-${VPC_CIDRS[$2]}} ep key
	key=$(key_file "$pcx") || exit 1
	case $under in
	v4) ep="127.0.0.1:${VPC_PORT[$y]}" ;;
	v6) ep="[::1]:${VPC_PORT[$y]}" ;;
	*) fail "peer_add: underlay $under, want v4 or v6" ;;
	esac
	ip netns exec "vp$x" vpcpeerctl add-peer vpc0 "$pcx" remote-vpc "${VPC_ID[$y]}" \
		cidr "$cidrs" endpoint "$ep" secret-file "$key" ${PEER_OPTS:-} ||
		fail "add-peer $pcx in vp$x (remote ${VPC_ID[$y]} cidr $cidrs endpoint $ep)"
}

# routes_add X PCX PREFIXES: vpcpeer (and kernel) routes in X via PCX.
routes_add() {
	local p
	for p in ${3//,/ }; do
		ip netns exec "vp$1" vpcpeerctl route add vpc0 "$p" via "$2" ||
			fail "route add vpc0 $p via $2 in vp$1"
	done
}

# vpc_std NAME...: each NAME (a, b or c; N = 1, 2 or 3) on the usual plan:
# vpc-NAME owns 10.N.0.0/16 and fd00:N::/48, listens on 5100N and has the
# hosts 10.N.0.1 and fd00:N::1.
vpc_std() {
	local name n
	for name in "$@"; do
		case $name in
		a) n=1 ;; b) n=2 ;; c) n=3 ;;
		*) fail "vpc_std: no usual plan for VPC $name" ;;
		esac
		vpc_new "$name" "vpc-$name" "10.$n.0.0/16,fd00:$n::/48" \
			"5100$n" "10.$n.0.1,fd00:$n::1"
	done
}

# peer_state NS PCX: the state of peering PCX in NS ("active", "failed:
# REASON", ...), as show -j gives it; empty if there is no such peering.
peer_state() {
	show_json "$1" | py -c '
import json, sys
for d in json.load(sys.stdin):
	for p in d["peerings"]:
		if p["pcx"] == sys.argv[1]:
			print(p["state"] + (":" + p["reason"] if p["reason"] else ""))' "$2"
}

# wait_active X Y PCX: both halves of PCX active (the handshake is done).
wait_active() {
	wait_eq "state of $3 in vp$1" active peer_state "vp$1" "$3"
	wait_eq "state of $3 in vp$2" active peer_state "vp$2" "$3"
}

# peer_pair X Y PCX [v4|v6]: a working peering: both halves, active, and
# in each VPC a route to every CIDR of the other.
peer_pair() {
	peer_add "$1" "$2" "$3" "${4:-v4}"
	peer_add "$2" "$1" "$3" "${4:-v4}"
	routes_add "$1" "$3" "${VPC_CIDRS[$2]}"
	routes_add "$2" "$3" "${VPC_CIDRS[$1]}"
	wait_active "$1" "$2" "$3"
}

# py ARGS...: python3 without site packages (starts 3x faster under TCG).
py() {
	python3 -I -S "$@"
}

# inject NS ARGS...: selftests/inject.py ARGS in namespace NS.
inject() {
	local ns=$1
	shift
	ip netns exec "$ns" python3 -I -S "$SELFTESTS_DIR/inject.py" "$@"
}

# show_json NS [DEV]: vpcpeerctl show -j, failing loudly.
show_json() {
	ip netns exec "$1" vpcpeerctl show ${2:+"$2"} -j ||
		echo "show_json: vpcpeerctl show ${2:-} -j failed in $1" >&2
}

# peerstat NS DEV PCX KEY: a counter of peering PCX (empty if none).
peerstat() {
	show_json "$1" "$2" | py -c '
import json, sys
pcx, key = sys.argv[1:]
for p in json.load(sys.stdin)[0]["peerings"]:
	if p["pcx"] == pcx:
		print(p["stats"][key])
		sys.exit(0)
sys.exit("peerstat: no peering %s" % pcx)' "$3" "$4"
}

# devstat NS DEV KEY: a device-level counter.
devstat() {
	show_json "$1" "$2" | py -c '
import json, sys
print(json.load(sys.stdin)[0]["stats"][sys.argv[1]])' "$3"
}

# stats NS DEV WHAT...: several counters from one show -j, space-separated;
# WHAT is PCX:KEY for a peering's counter, KEY for the device's.
stats() {
	show_json "$1" "$2" | py -c '
import json, sys
d = json.load(sys.stdin)[0]
peers = {p["pcx"]: p["stats"] for p in d["peerings"]}
out = []
for what in sys.argv[1:]:
	pcx, _, key = what.rpartition(":")
	out.append(str((peers.get(pcx, {}) if pcx else d["stats"]).get(key, "none")))
print(" ".join(out))' "${@:3}"
}

# route_state NS DEV PREFIX: the route's state as show -j gives it
# ("active", "blackhole"), empty if there is no such route.
route_state() {
	show_json "$1" "$2" | py -c '
import json, sys
routes = json.load(sys.stdin)[0]["routes"]
print("".join(r["state"] for r in routes if r["prefix"] == sys.argv[1]))' "$3"
}

# linkstat NS DEV rx|tx packets|bytes|dropped|crc_errors...: netdev counters.
linkstat() {
	ip -n "$1" -j -s -s link show "$2" | py -c '
import json, sys
print(json.load(sys.stdin)[0]["stats64"][sys.argv[1]][sys.argv[2]])' "$3" "$4"
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1 is '$2', want '$3'"
}

# wait_eq WHAT WANT CMD...: polls CMD's output until it is WANT (10 s).
wait_eq() {
	local what=$1 want=$2 got i
	shift 2
	for i in $(seq 100); do
		got=$("$@")
		[ "$got" = "$want" ] && return 0
		[ "$i" -lt 100 ] && sleep 0.1
	done
	fail "$what is '$got', want '$want'"
}

# tcp_transfer CLIENT_NS SERVER_NS ADDR: 1 MiB over TCP, client to server;
# fails unless every byte arrived intact.
tcp_transfer() {
	local out
	bg_run "$2" python3 -I -S "$SELFTESTS_DIR/inject.py" tcp-sink 5201
	wait_listen "$2" 5201
	out=$(inject "$1" tcp-send "$3" 5201 1048576 2>&1) ||
		fail "TCP from $1 to $3: $out"
	wait "$BG_PID" || fail "TCP sink in $2 failed"
	log "tcp $1 -> $3: $out"
}

# ping_ok NS ADDR: one ping must be answered.
ping_ok() {
	local out
	out=$(ip netns exec "$1" ping -c 1 -W 5 "$2" 2>&1) ||
		fail "ping $2 from $1 got no answer: $(printf '%s' "$out" | tail -n 2 | tr '\n' ' ')"
}

# ping_lost NS ADDR [COUNT]: COUNT pings (1) that must all go unanswered.
ping_lost() {
	local rc
	ip netns exec "$1" ping -c "${3:-1}" -i 0.2 -W 1 "$2" >/dev/null 2>&1
	rc=$?
	[ "$rc" -ne 0 ] || fail "ping $2 from $1 was answered"
}
