/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_DEVICE_H
#define _VP_DEVICE_H

#include <linux/netdevice.h>

/*
 * Outer IPv6 header + UDP header + vpcpeer header + AES-GCM tag: the most
 * the encapsulation adds to an inner packet.
 */
#define VP_OVERHEAD	(40 + 8 + 16 + 16)
#define VP_DEFAULT_MTU	(1500 - VP_OVERHEAD)

struct vp_device {
	struct net_device *dev;
	/* The namespace the device was created in; its underlay lives there. */
	struct net *creating_net;
};

extern struct rtnl_link_ops vp_link_ops;

static inline bool vp_is_device(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &vp_link_ops;
}

int vp_device_init(void);
void vp_device_uninit(void);

#endif /* _VP_DEVICE_H */
