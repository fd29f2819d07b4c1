#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A peering whose other end is not there yet resends its INIT after 5 s,
# then 10, 20 and 40 s, up to a minute: a thousand such peerings cost
# little. In 45 s one sends 4 INITs (at 0, 5, 15 and 35 s; every 5 s it
# would be 9 or 10). When the other end is then configured, its INIT is
# answered at once: the peering becomes active without waiting for the
# next retry.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a
# B's port (vpc_std's plan), nobody bound to it yet: count what A's half
# of the peering sends there.
out=$_topo_dir/inits
ip netns exec "$UNDERLAY" python3 -I -S - 51002 45 >"$out" <<'PY' &
import select, socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
end, n = time.monotonic() + float(sys.argv[2]), 0
while True:
    left = end - time.monotonic()
    if left <= 0:
        break
    if select.select([s], [], [], left)[0]:
        data = s.recv(65535)
        n += len(data) > 1 and data[1] == 2     # VP_MSG_HS_INIT
print(n)
PY
counter=$!
_topo_pids+=("$counter")
sleep 1
key=$(key_file pcx-0ab) || exit 1
ip netns exec vpa vpcpeerctl add-peer vpc0 pcx-0ab remote-vpc vpc-b \
	cidr 10.2.0.0/16,fd00:2::/48 endpoint 127.0.0.1:51002 \
	secret-file "$key" || fail "add-peer pcx-0ab in vpa"
wait "$counter" || fail "the INIT counter failed"
n=$(cat "$out")
log "A sent $n INITs in 45 s to an end that is not there"
if [ "$n" -lt 3 ] || [ "$n" -gt 5 ]; then
	fail "A sent $n INITs in 45 s, want 4 (5, 10 then 20 s apart), not one every 5 s"
fi

# B's vpc0 now binds the port: A's next retry is 40 s away, but B's own
# INIT makes both active at once.
vpc_std b
peer_add b a pcx-0ab
wait_active a b pcx-0ab
exit 0
