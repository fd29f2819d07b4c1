#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The Wireshark dissector (tools/wireshark/vpcpeer.lua) on real traffic:
# dumpcap captures the underlay while A-B (IPv4 underlay, keepalive 1 s)
# and B-C (IPv6) handshake, carry pings, send keepalives, A-B rekeys and A
# deletes it (teardowns). tshark then decodes the capture with the
# heuristic alone, and selftests/capture.py checks that every datagram is
# vpcpeer, that INIT, RESP, data, keepalive and control all show up with
# every field of their kind and sane values, and that the session indexes
# and counters agree with vpcpeerctl show -j taken along the way.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"

LUA=$TOP/tools/wireshark/vpcpeer.lua
for t in dumpcap tshark; do
	command -v $t >/dev/null || fail "no $t (tools/lab/deps installs tshark)"
done
topo_init
dir=$(mktemp -d) || fail "mktemp -d"
trap 'topo_cleanup; rm -rf "$dir"' EXIT
export HOME=$dir # tshark's and dumpcap's profile: none of the user's

vpc_std a b c

# The underlay is lo of $UNDERLAY: every device's socket lives there.
bg_run "$UNDERLAY" dumpcap -q -i lo -f udp -w "$dir/underlay.pcapng" 2>"$dir/dumpcap.log"
dumpcap_pid=$BG_PID
wait_eq "dumpcap's capture file" yes \
	bash -c "[ -s '$dir/underlay.pcapng' ] && echo yes"

# snapshot NAME: show -j of A and B now, for capture.py.
snapshot() {
	show_json vpa >"$dir/$1-a.json"
	show_json vpb >"$dir/$1-b.json"
}

PEER_OPTS="keepalive 1" peer_pair a b pcx-0ab v4
peer_pair b c pcx-0bc v6
snapshot 1-active
ping_ok vpa 10.2.0.1
ping_ok vpb fd00:1::1
ping_ok vpb 10.3.0.1
ping_ok vpc fd00:2::1
# Idle for a while: keepalives each way.
sleep 3
snapshot 2-idle

# index NS KEY: local_index or remote_index of NS's pcx-0ab, as show -j.
index() {
	show_json "$1" | py -c '
import json, sys
for p in json.load(sys.stdin)[0]["peerings"]:
	if p["pcx"] == "pcx-0ab":
		print(p[sys.argv[1]])' "$2"
}

# A rekey: a new session (index) on both ends, then data under it.
old=$(index vpa local_index)
ip netns exec vpa vpcpeerctl rekey vpc0 pcx-0ab || fail "rekey pcx-0ab in A"
new_session() { [ "$(index vpa local_index)" != "$old" ] && echo yes; }
wait_eq "A's session after the rekey" yes new_session
ping_ok vpa 10.2.0.1
wait_eq "B's local index after the rekey" "$(index vpa remote_index)" \
	index vpb local_index
snapshot 3-rekeyed
to_b=$(index vpa remote_index)

# A deletes the peering: three teardowns, and B shows it deleted.
ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-0ab || fail "del-peer pcx-0ab in A"
wait_eq "state of pcx-0ab in vpb after A deleted it" deleted \
	peer_state vpb pcx-0ab
sleep 1
kill "$dumpcap_pid"
wait "$dumpcap_pid"

out=$(python3 -I -S "$SELFTESTS_DIR/capture.py" "$LUA" "$dir/underlay.pcapng" "$dir" \
	pcx-0ab "vpc-a=${VPC_PORT[a]}=${VPC_CIDRS[a]}" "vpc-b=${VPC_PORT[b]}=${VPC_CIDRS[b]}" \
	pcx-0bc "vpc-b=${VPC_PORT[b]}=${VPC_CIDRS[b]}" "vpc-c=${VPC_PORT[c]}=${VPC_CIDRS[c]}" 2>&1) ||
	fail "the capture: $out"
log "$out"

# The teardowns, found with a display filter: three, to B's session.
teardowns=$(tshark -r "$dir/underlay.pcapng" -X "lua_script:$LUA" \
	-o udp.try_heuristic_first:TRUE -Y "vpcpeer.type == 4" \
	-T fields -e vpcpeer.receiver_index 2>/dev/null | sort | uniq -c | xargs)
expect_eq "control messages (count, receiver index)" "$teardowns" \
	"3 $(printf '0x%08x' "$to_b")"
exit 0
