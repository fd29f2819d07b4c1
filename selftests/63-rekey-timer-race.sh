#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A rekey survives the peering's timer running during the handshake. The
# timer took its clock reading before it waited for the handshake lock; a
# handshake holding that lock then made its new session, stamped later
# than the reading, and the timer's unsigned age of the session wrapped:
# it threw the brand-new session away (B's next one, or A's current one),
# and the next packets were dropped (unknown_peer at B, not_active at A).
# Under TCG the window is the handshake's crypto: 50-sessions lost a ping
# that way about once in seven runs on 6.12. Here kmod/vp_delay.ko holds
# the handshake in vp_hs_session_keys() for 1.5 s on each end, longer than
# a timer tick (at most 1.33 s), so each end's timer runs in that window.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
# The debug kernel (make check-debug) is built without kprobes.
grep -qw register_kprobe /proc/kallsyms ||
	{ echo "SKIP: no kprobes in $(uname -r)"; exit "$KSFT_SKIP"; }
delay="$SELFTESTS_DIR/kmod/vp_delay.ko"
[ -e "$delay" ] || fail "$delay is not built: run make"
topo_init
trap 'rmmod vp_delay 2>/dev/null; topo_cleanup' EXIT

vpc_std a b
peer_pair a b pcx-0ab
ping_ok vpa 10.2.0.1

# index NS KEY: local_index or remote_index of pcx-0ab in NS.
index() {
	show_json "$1" | py -c '
import json, sys
print(json.load(sys.stdin)[0]["peerings"][0][sys.argv[1]])' "$2"
}
drops() {
	echo "B: unknown_peer $(devstat vpb vpc0 unknown_peer)," \
		"A: not_active $(peerstat vpa vpc0 pcx-0ab not_active)"
}
before=$(drops)
idx_a=$(index vpa local_index)

insmod "$delay" func=vp_hs_session_keys hold_ms=1500 ||
	fail "insmod $delay func=vp_hs_session_keys"
# shellcheck disable=SC2317 # wait_eq calls it
held() { cat /sys/module/vp_delay/parameters/hits; }
ip netns exec vpa vpcpeerctl rekey vpc0 pcx-0ab || fail "rekey in A"
# B's on_init, then A's on_resp, each held 1.5 s.
wait_eq "handshake steps held" 2 held
new_session() { [ "$(index vpa local_index)" != "$idx_a" ] && echo yes; }
wait_eq "A's session after the rekey" yes new_session
rmmod vp_delay || fail "rmmod vp_delay"
# Each end's timer has run since (a tick is at most 1.33 s).
sleep 3

ping_ok vpa 10.2.0.1
ping_ok vpb 10.1.0.1
expect_eq "the drops, after the rekey held in its handshake" "$(drops)" "$before"
expect_eq "B's session, against A's remote index" \
	"$(index vpb local_index)" "$(index vpa remote_index)"
expect_eq "A's session, against B's remote index" \
	"$(index vpa local_index)" "$(index vpb remote_index)"
expect_eq "A's session, the one the rekey made" "$(new_session)" yes
log "rekey with each end's timer run during its handshake: no session lost"
exit 0
