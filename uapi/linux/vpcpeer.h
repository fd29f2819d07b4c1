/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vpcpeer: VPC peering over encrypted UDP.
 *
 * Generic netlink family "vpcpeer", version 1. Every command takes the
 * device by VPCPEER_A_DEVICE_IFINDEX or VPCPEER_A_DEVICE_IFNAME, looked up
 * in the network namespace of the requesting socket. Every command needs
 * CAP_NET_ADMIN in the user namespace that owns that network namespace.
 *
 * VPCPEER_CMD_GET_DEVICE
 *   doit: one device, by ifindex or ifname.
 *   dumpit: every vpcpeer device in the namespace, one message each.
 *   Reply attributes: VPCPEER_A_DEVICE_IFINDEX, VPCPEER_A_DEVICE_IFNAME.
 *
 * Documentation/netlink.rst describes every command and attribute.
 */
#ifndef _UAPI_LINUX_VPCPEER_H
#define _UAPI_LINUX_VPCPEER_H

#define VPCPEER_GENL_NAME	"vpcpeer"
#define VPCPEER_GENL_VERSION	1

enum vpcpeer_cmd {
	VPCPEER_CMD_UNSPEC,
	VPCPEER_CMD_GET_DEVICE,
	__VPCPEER_CMD_MAX
};

#define VPCPEER_CMD_MAX (__VPCPEER_CMD_MAX - 1)

enum vpcpeer_device_attr {
	VPCPEER_A_DEVICE_UNSPEC,
	VPCPEER_A_DEVICE_IFINDEX,	/* u32 */
	VPCPEER_A_DEVICE_IFNAME,	/* NUL-terminated string, < IFNAMSIZ */
	__VPCPEER_A_DEVICE_MAX
};

#define VPCPEER_A_DEVICE_MAX (__VPCPEER_A_DEVICE_MAX - 1)

#endif /* _UAPI_LINUX_VPCPEER_H */
