#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tools/vpcpeerctl/completion.bash, sourced after bash-completion: what it
# offers at each position (commands, options, network namespaces, devices,
# pcx ids, keywords and their values, files). Fake `ip` and `vpcpeerctl`
# on PATH stand for the kernel.
. "$(dirname "$0")/lib.sh"

bc=/usr/share/bash-completion/bash_completion
[ -r "$bc" ] || fail "no $bc: run make deps (bash-completion)"

mkdir -p "$SCRATCH/bin" "$SCRATCH/keys"
touch "$SCRATCH/keys/pcx-0ab.key" "$SCRATCH/keys/pcx-1.key"
cat > "$SCRATCH/bin/ip" <<'EOS'
#!/bin/bash
case "$*" in
"-o link show type vpcpeer")
	echo "3: vpc0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420 qdisc noqueue"
	echo "4: vpcB@NONE: <POINTOPOINT,NOARP> mtu 1420 qdisc noop" ;;
"-n A -o link show type vpcpeer")
	echo "7: vpcA: <POINTOPOINT,NOARP> mtu 1420 qdisc noop" ;;
"netns list")
	echo "A (id: 0)"
	echo "B" ;;
*) exit 1 ;;
esac
EOS
cat > "$SCRATCH/bin/vpcpeerctl" <<'EOS'
#!/bin/bash
case "$*" in
"show vpc0")
	printf 'device: vpc0\n  ifindex: 3\n\n  peering: pcx-0ab\n    remote-vpc: vpc-b\n'
	printf '\n  peering: pcx-1\n    remote-vpc: vpc-c\n\n  routes:\n    10.2.0.0/16 via pcx-0ab\n' ;;
"-n A show vpcA")
	printf 'device: vpcA\n  ifindex: 7\n\n  peering: pcx-a\n' ;;
*) echo "vpcpeerctl: $*: no" >&2; exit 1 ;;
esac
EOS
chmod +x "$SCRATCH/bin/ip" "$SCRATCH/bin/vpcpeerctl"
PATH="$SCRATCH/bin:$PATH"

set +u	# bash-completion is not written for set -u
# shellcheck source=/dev/null
. "$bc"
. "$TOP/tools/vpcpeerctl/completion.bash"
[ "$(complete -p vpcpeerctl)" = "complete -F _vpcpeerctl vpcpeerctl" ] ||
	fail "completion.bash does not complete vpcpeerctl"

# comp LINE: what completing at the end of LINE offers, sorted, one line
comp() {
	COMP_LINE=$1
	COMP_POINT=${#1}
	read -ra COMP_WORDS <<<"$1"
	[[ $1 == *' ' ]] && COMP_WORDS+=('')
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_vpcpeerctl vpcpeerctl "${COMP_WORDS[COMP_CWORD]}" \
		"${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
	[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}" | sort | xargs
}

n=0
# expect LINE OFFERED
expect() {
	local got
	got=$(comp "$1")
	[ "$got" = "$2" ] || fail "completing '$1': got '$got', want '$2'"
	n=$((n + 1))
}

# Every command --help lists (the built tool's), and help.
tool=$TOP/tools/vpcpeerctl/vpcpeerctl
[ -x "$tool" ] || fail "$tool is not built: run make"
cmds=$({ "$tool" --help | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p'; echo help; } |
	sort -u | xargs)
expect_match "$cmds" "^add-peer .*show" "the commands of --help"
opts="--help --json --netns --version -V -h -j -n"
expect "vpcpeerctl " "$cmds"
expect "vpcpeerctl r" "rekey route"
expect "vpcpeerctl -j " "$cmds"
expect "vpcpeerctl -" "$opts"
expect "vpcpeerctl show vpc0 -" "$opts"
expect "vpcpeerctl -n " "A B"
expect "vpcpeerctl syncconf " "vpc0 vpcB"
expect "vpcpeerctl monitor " "vpc0 vpcB"
expect "vpcpeerctl setconf vpc0 $SCRATCH/keys/pcx-0" "$SCRATCH/keys/pcx-0ab.key"
expect "vpcpeerctl --netns B " "$cmds"
expect "vpcpeerctl genkey " ""

# devices, in this namespace or the one -n names
expect "vpcpeerctl show " "vpc0 vpcB"
expect "vpcpeerctl set v" "vpc0 vpcB"
expect "vpcpeerctl -n A show " "vpcA"
expect "vpcpeerctl show -n A " "vpcA"
expect "vpcpeerctl add-peer " "vpc0 vpcB"
expect "vpcpeerctl del-peer " "vpc0 vpcB"
expect "vpcpeerctl rekey " "vpc0 vpcB"
expect "vpcpeerctl route add " "vpc0 vpcB"
expect "vpcpeerctl route show " "vpc0 vpcB"
expect "vpcpeerctl show vpc0 " ""

# pcx ids of the device named before
expect "vpcpeerctl del-peer vpc0 " "pcx-0ab pcx-1"
expect "vpcpeerctl -j rekey vpc0 pcx-0" "pcx-0ab"
expect "vpcpeerctl -n A del-peer vpcA " "pcx-a"
expect "vpcpeerctl del-peer nosuch " ""
expect "vpcpeerctl add-peer vpc0 " ""
expect "vpcpeerctl del-peer vpc0 pcx-1 " ""

# keywords, each once, and their values
expect "vpcpeerctl set vpc0 " "cidr listen-port region vpc-id"
expect "vpcpeerctl set vpc0 cidr 10.1.0.0/16 " "listen-port region vpc-id"
expect "vpcpeerctl set vpc0 cidr " ""
expect "vpcpeerctl add-peer vpc0 pcx-1 " \
	"cidr cipher dead-after endpoint keepalive region remote-vpc secret-file"
expect "vpcpeerctl add-peer vpc0 pcx-1 endpoint 192.0.2.1:51820 c" "cidr cipher"
expect "vpcpeerctl add-peer vpc0 pcx-1 endpoint [2001:db8::1]:51820 cidr 10.2.0.0/16 " \
	"cipher dead-after keepalive region remote-vpc secret-file"
expect "vpcpeerctl add-peer vpc0 pcx-1 cipher " "aes-gcm-128 aes-gcm-256"
expect "vpcpeerctl add-peer vpc0 pcx-1 cipher aes-gcm-256 remote-vpc " ""
expect "vpcpeerctl add-peer vpc0 pcx-1 secret-file $SCRATCH/keys/pcx-0" \
	"$SCRATCH/keys/pcx-0ab.key"
expect "vpcpeerctl batch $SCRATCH/keys/" \
	"$SCRATCH/keys/pcx-0ab.key $SCRATCH/keys/pcx-1.key"

# route
expect "vpcpeerctl route " "add del show"
expect "vpcpeerctl route add vpc0 10.2.0.0/16 " "via"
expect "vpcpeerctl route add vpc0 10.2.0.0/16 via " "pcx-0ab pcx-1"
expect "vpcpeerctl -n A route add vpcA 10.2.0.0/16 via " "pcx-a"
expect "vpcpeerctl route del vpc0 10.2.0.0/16 " ""
log "$n completions as expected"
