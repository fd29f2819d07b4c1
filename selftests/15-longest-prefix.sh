#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Longest prefix wins: hub A peers with B (10.2.0.0/16, fd00:2::/48) and with
# D (10.2.5.0/24, fd00:2:0:5::/64), which lies inside B; only A sees both,
# so that is allowed. 10.2.5.1 goes to D, 10.2.0.1 to B, and once the more
# specific routes are deleted, 10.2.5.1 goes to B.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a b
vpc_new d vpc-d 10.2.5.0/24,fd00:2:0:5::/64 51004 10.2.5.1,fd00:2:0:5::1
peer_pair a b pcx-0ab v4
peer_pair a d pcx-0ad v6

rx() { # rx NS PCX: packets received on the peering
	peerstat "$1" vpc0 "$2" rx_packets
}

# sent_to ADDR WHO: a ping from A to ADDR arrives at WHO (b or d) only;
# whether it is answered is up to the caller.
sent_to() {
	local addr=$1 who=$2 b d
	b=$(rx vpb pcx-0ab) d=$(rx vpd pcx-0ad)
	ip netns exec vpa ping -c 1 -W 2 "$addr" >/dev/null 2>&1
	PING_RC=$?
	case $who in
	b) wait_eq "B's rx_packets after a ping to $addr" "$((b + 1))" rx vpb pcx-0ab
	   expect_eq "D's rx_packets after a ping to $addr" "$(rx vpd pcx-0ad)" "$d" ;;
	d) wait_eq "D's rx_packets after a ping to $addr" "$((d + 1))" rx vpd pcx-0ad
	   expect_eq "B's rx_packets after a ping to $addr" "$(rx vpb pcx-0ab)" "$b" ;;
	esac
	log "ping $addr: to $who, exit $PING_RC"
}

for fam in 4 6; do
	if [ $fam = 4 ]; then
		in_d=10.2.5.1 in_b=10.2.0.1 wide=10.2.0.0/16 narrow=10.2.5.0/24
	else
		in_d=fd00:2:0:5::1 in_b=fd00:2::1 wide=fd00:2::/48 narrow=fd00:2:0:5::/64
	fi
	sent_to "$in_d" d
	[ "$PING_RC" -eq 0 ] || fail "ping $in_d (D) from A was not answered"
	sent_to "$in_b" b
	[ "$PING_RC" -eq 0 ] || fail "ping $in_b (B) from A was not answered"

	ip netns exec vpa vpcpeerctl route del vpc0 "$narrow" || fail "route del $narrow in A"
	expect_eq "A's route $narrow after route del" "$(route_state vpa vpc0 "$narrow")" ""
	ip -n vpa route get "$in_d" | grep -q "dev vpc0" ||
		fail "no kernel route to $in_d through vpc0 in A after deleting $narrow: $(ip -n vpa route get "$in_d" 2>&1)"
	# Now covered by $wide only: B gets it and has no such host.
	sent_to "$in_d" b
	[ "$PING_RC" -ne 0 ] || fail "ping $in_d was answered though B has no such host"
	expect_eq "A's route $wide" "$(route_state vpa vpc0 "$wide")" active
done
exit 0
