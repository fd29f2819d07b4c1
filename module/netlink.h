/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_NETLINK_H
#define _VP_NETLINK_H

#include <linux/gfp.h>
#include <linux/types.h>

struct vp_device;
struct vp_peer;
struct vp_keypair;

int vp_genl_init(void);
void vp_genl_uninit(void);

/* Events for the "events" group (uapi/linux/vpcpeer.h). */
void vp_notify_peer(struct vp_peer *peer, u8 state, u8 reason, gfp_t gfp);
void vp_notify_session(struct vp_peer *peer, const struct vp_keypair *kp);

#endif /* _VP_NETLINK_H */
