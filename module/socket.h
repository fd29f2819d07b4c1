/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_SOCKET_H
#define _VP_SOCKET_H

#include "device.h"
#include "peer.h"

int vp_socket_open(struct vp_device *vp, u16 port);
void vp_socket_close(struct vp_device *vp);
u16 vp_socket_port(struct vp_device *vp);
int vp_socket_send(struct vp_device *vp, struct vp_peer *peer,
		   struct sk_buff *skb, u8 dsfield);
int vp_socket_inner_mtu(struct vp_device *vp, struct vp_peer *peer);

/* receive.c: the sockets' encap_rcv */
int vp_udp_recv(struct sock *sk, struct sk_buff *skb);

#endif /* _VP_SOCKET_H */
