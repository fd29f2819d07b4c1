#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vpcpeerctl batch FILE runs a file of commands, one a line:
# - 125 peerings and 1000 routes (consecutive route adds go to the kernel
#   as requests of up to 500 routes) arrive whole: show lists them, every
#   route has its kernel route, and the limit of 125 peerings still holds;
# - a route the kernel refuses fails the batch with its line's number and
#   the kernel's reason, exit 1, and none of its request's routes is added
#   (the routes of earlier lines stay);
# - a route the kernel takes but whose kernel route it refuses (IPv6 off
#   on vpc0) fails the batch at its line; the routes before it stay, with
#   their kernel routes, and none after it is left, though their kernel
#   routes were sent in the same sendmsg;
# - a line that is not a command fails with its line's number, exit 2, and
#   none of the route adds of its run is sent;
# - comments and blank lines are skipped; "-" reads standard input.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=topology.sh
source "$(dirname "$0")/topology.sh"
topo_init

vpc_std a
key=$(key_file pcx-f) || exit 1
f=$_topo_dir/batch

# peers N ROUTES: N peerings pcx-f1.. with VPCs 172.16.K.0/24 (not there),
# then ROUTES /28 routes each within them.
peers() {
	py - "$1" "$2" "$key" <<'PY'
import sys
n, routes, key = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
print("# peerings with VPCs that are not there\n")
for k in range(1, n + 1):
    print(f"add-peer vpc0 pcx-f{k:x} remote-vpc vpc-f{k} cidr 172.16.{k}.0/24 "
          f"endpoint 192.0.2.1:51820 secret-file {key}")
for k in range(1, n + 1):
    for r in range(routes):
        print(f"route add vpc0 172.16.{k}.{r * 16}/28 via pcx-f{k:x}")
PY
}

count() {
	show_json vpa | py -c '
import json, sys
d = json.load(sys.stdin)[0]
print(len(d["peerings"]), len(d["routes"]))'
}
kernel_routes() {
	ip -n vpa route show dev vpc0 | grep -c '^172\.16\.'
}

# A refused kernel route amid a run of route adds. (pcx-e6 has no other
# end: its routes show as blackholes.)
ip netns exec vpa vpcpeerctl add-peer vpc0 pcx-e6 remote-vpc vpc-e6 \
	cidr 172.18.0.0/24,fd00:18::/48 endpoint 192.0.2.1:51820 \
	secret-file "$key" || fail "add-peer pcx-e6"
ip netns exec vpa sysctl -qw net.ipv6.conf.vpc0.disable_ipv6=1 ||
	fail "disable_ipv6"
{
	for r in 0 1 2; do echo "route add vpc0 172.18.0.$((r * 16))/28 via pcx-e6"; done
	echo "route add vpc0 fd00:18::/64 via pcx-e6"
	for r in 3 4 5; do echo "route add vpc0 172.18.0.$((r * 16))/28 via pcx-e6"; done
} >"$f.v6"
expect_fail 1 vpcpeerctl -n vpa batch "$f.v6"
expect_match "$ERR" "^vpcpeerctl: $f.v6:4: route add vpc0 fd00:18::/64: kernel route: IPv6 is disabled on nexthop device \(vpcpeer route undone\)$" \
	"the refused kernel route's error"
expect_eq "routes left by the refused kernel route" \
	"$(ip netns exec vpa vpcpeerctl route show vpc0)" \
	"$(printf '172.18.0.%s/28 via pcx-e6 blackhole\n' 0 16 32)"
expect_eq "kernel routes left by the refused kernel route" \
	"$(ip -n vpa route show dev vpc0 | grep -c '^172\.18\.')" 3
ip netns exec vpa sysctl -qw net.ipv6.conf.vpc0.disable_ipv6=0
ip netns exec vpa vpcpeerctl del-peer vpc0 pcx-e6 || fail "del-peer pcx-e6"
for r in 0 1 2; do
	ip netns exec vpa vpcpeerctl route del vpc0 "172.18.0.$((r * 16))/28" ||
		fail "route del 172.18.0.$((r * 16))/28"
done

peers 125 8 >"$f"
out=$(vpcpeerctl -n vpa batch "$f" 2>&1) || fail "batch: $out"
expect_eq "peerings and routes after the batch" "$(count)" "125 1000"
expect_eq "kernel routes via vpc0" "$(kernel_routes)" 1000

# One more peering is over the limit: its line is named.
printf 'add-peer vpc0 pcx-e1 remote-vpc vpc-e1 cidr 172.17.0.0/24 endpoint 192.0.2.1:51820 secret-file %s\n' \
	"$key" >"$f.over"
expect_fail 1 ip netns exec vpa vpcpeerctl batch "$f.over"
# 6.1 has the fixed message, later kernels the formatted one (vp_err).
expect_match "$ERR" "^vpcpeerctl: $f.over:1: add-peer vpc0 pcx-e1: (too many peerings|vpc0 has 125 peerings, the limit)" \
	"the over-limit line's error"

# Routes on two lines, then a request whose fourth route is outside its
# peering: the first request's routes stay, none of the second's is added.
for d in 1 2 3 4; do
	ip netns exec vpa vpcpeerctl route del vpc0 "172.16.$d.0/28" ||
		fail "route del 172.16.$d.0/28"
done
cat >"$f.bad" <<BAD
# the first two go alone: the set ends their run
route add vpc0 172.16.1.0/28 via pcx-f1
route add vpc0 172.16.2.0/28 via pcx-f2

set vpc0 region r1
route add vpc0 172.16.3.0/28 via pcx-f3
route add vpc0 172.16.4.0/28 via pcx-f4
route add vpc0 172.16.99.0/28 via pcx-f5
BAD
expect_fail 1 ip netns exec vpa vpcpeerctl batch "$f.bad"
expect_match "$ERR" "^vpcpeerctl: $f.bad:8: route add vpc0 172.16.99.0/28: " \
	"the refused route's error"
expect_eq "peerings and routes after the refused request" "$(count)" "125 998"
expect_eq "kernel routes after the refused request" "$(kernel_routes)" 998

# -n NETNS at the head of a line runs it in NETNS; the other lines run in
# the batch's own namespace (here the underlay's, which has no vpc0).
ns_new vpz
cat >"$f.ns" <<NS
-n vpa route add vpc0 172.16.3.0/28 via pcx-f3
-n vpz set vpc0 region r2
NS
expect_fail 1 vpcpeerctl -n "$UNDERLAY" batch "$f.ns"
expect_match "$ERR" "^vpcpeerctl: $f.ns:2: set vpc0: no such device" \
	"a line run in a namespace without vpc0"
expect_eq "routes after a line in vpa" "$(count)" "125 999"
expect_fail 1 vpcpeerctl batch - <<NS
-n nosuchns show
NS
expect_match "$ERR" "^vpcpeerctl: -:1: netns nosuchns: No such file or directory$" \
	"a line in a namespace that does not exist"
ip netns exec vpa vpcpeerctl route del vpc0 172.16.3.0/28 ||
	fail "route del 172.16.3.0/28"

# A run of route adds is checked whole before any of it is sent.
expect_fail 2 ip netns exec vpa vpcpeerctl batch - <<BAD
route add vpc0 172.16.3.0/28 via pcx-f3
route add vpc0 172.16.4.0/28 pcx-f4
BAD
expect_match "$ERR" "^vpcpeerctl: -:2: usage: " "the usage error"
expect_eq "routes after the usage error" "$(count)" "125 998"
exit 0
