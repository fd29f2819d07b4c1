# SPDX-License-Identifier: GPL-2.0
# bash completion for vpcpeerctl(8), installed by `make install` as
# $(PREFIX)/share/bash-completion/completions/vpcpeerctl. Needs
# bash-completion (_init_completion, _filedir).
#
# Devices come from `ip -o link show type vpcpeer` (no privilege, no
# module needed for an empty answer, -n NETNS honoured); the pcx ids of a
# device from `vpcpeerctl show DEV`, which needs CAP_NET_ADMIN: without it
# there is nothing to offer.

# _vpcpeerctl_devices [-n NETNS]: the vpcpeer devices' names
_vpcpeerctl_devices()
{
	local _ name _rest

	ip "$@" -o link show type vpcpeer 2>/dev/null |
		while read -r _ name _rest; do
			name=${name%:}
			echo "${name%@*}"
		done
}

# _vpcpeerctl_pcx DEV [-n NETNS]: the pcx ids of DEV's peerings
_vpcpeerctl_pcx()
{
	local key val _rest

	vpcpeerctl "${@:2}" show "$1" 2>/dev/null |
		while read -r key val _rest; do
			[ "$key" = peering: ] && echo "$val"
		done
}

# _vpcpeerctl_keyword ARGS KEYWORD...: the next keyword or its value, for
# `set` and `add-peer` (ARGS: the words after the fixed arguments)
_vpcpeerctl_keyword()
{
	local nargs=$1 i kw
	shift

	if [ $((nargs % 2)) -eq 1 ]; then
		case ${args[-1]} in
		secret-file) _filedir ;;
		cipher) mapfile -t COMPREPLY < <(compgen -W 'aes-gcm-128 aes-gcm-256' -- "$cur") ;;
		esac
		return
	fi
	# keywords not given yet: each may come once
	for kw in "$@"; do
		for ((i = ${#args[@]} - nargs; i < ${#args[@]}; i += 2)); do
			[ "${args[i]}" = "$kw" ] && continue 2
		done
		[[ $kw == "$cur"* ]] && COMPREPLY+=("$kw")
	done
}

_vpcpeerctl()
{
	local cur prev words cword
	local args=() ns=() i w

	_init_completion -n : || return

	# The options may stand anywhere; the rest are the command's words.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		-n | --netns)
			((i + 1 < cword)) && ns=(-n "${words[i + 1]}")
			((i++))
			;;
		-j | --json | -h | --help | -V | --version) ;;
		*) args+=("$w") ;;
		esac
	done

	case $prev in
	-n | --netns)
		mapfile -t COMPREPLY < <(compgen -W \
			"$(ip netns list 2>/dev/null | while read -r w _; do echo "$w"; done)" \
			-- "$cur")
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W \
			'-j --json -n --netns -h --help -V --version' -- "$cur")
		return
	fi

	COMPREPLY=()
	case ${args[0]-}:${#args[@]} in
	:0)
		mapfile -t COMPREPLY < <(compgen -W \
			'show showconf setconf syncconf genkey set add-peer del-peer rekey route monitor batch help' -- "$cur")
		;;
	show:1 | set:1 | add-peer:1 | del-peer:1 | rekey:1 | route:2 | showconf:1 | setconf:1 | syncconf:1 | monitor:1)
		mapfile -t COMPREPLY < <(compgen -W \
			"$(_vpcpeerctl_devices "${ns[@]}")" -- "$cur")
		;;
	del-peer:2 | rekey:2)
		mapfile -t COMPREPLY < <(compgen -W \
			"$(_vpcpeerctl_pcx "${args[1]}" "${ns[@]}")" -- "$cur")
		;;
	set:*)
		_vpcpeerctl_keyword $((${#args[@]} - 2)) vpc-id cidr listen-port region
		;;
	add-peer:2) ;;		# a new pcx id
	add-peer:*)
		_vpcpeerctl_keyword $((${#args[@]} - 3)) remote-vpc cidr endpoint \
			secret-file cipher region keepalive dead-after
		;;
	route:1)
		mapfile -t COMPREPLY < <(compgen -W 'add del show' -- "$cur")
		;;
	route:4)
		[ "${args[1]}" = add ] && [[ via == "$cur"* ]] && COMPREPLY=(via)
		;;
	route:5)
		[ "${args[1]}" = add ] && mapfile -t COMPREPLY < <(compgen -W \
			"$(_vpcpeerctl_pcx "${args[2]}" "${ns[@]}")" -- "$cur")
		;;
	batch:1 | setconf:2 | syncconf:2)
		_filedir
		;;
	esac
} &&
	complete -F _vpcpeerctl vpcpeerctl
