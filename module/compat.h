/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shims for the kernel API differences between the kernels vpcpeer builds
 * against (Debian's 6.1 and 6.12 LTS). Every version test lives here.
 */
#ifndef _VP_COMPAT_H
#define _VP_COMPAT_H

#include <linux/netdevice.h>

/* 6.12 turned NETIF_F_LLTX into the dev->lltx bit. */
static inline void vp_compat_set_lltx(struct net_device *dev)
{
#ifdef NETIF_F_LLTX
	dev->features |= NETIF_F_LLTX;
#else
	dev->lltx = true;
#endif
}

#endif /* _VP_COMPAT_H */
