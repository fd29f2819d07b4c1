/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_NETLINK_H
#define _VP_NETLINK_H

int vp_genl_init(void);
void vp_genl_uninit(void);

#endif /* _VP_NETLINK_H */
