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
/* The same to the address to (not cached); to NULL: vp_socket_send(). */
int vp_socket_send_to(struct vp_device *vp, struct vp_peer *peer,
		      struct sk_buff *skb, u8 dsfield,
		      const union vp_endpoint *to);
void vp_socket_source(const struct sk_buff *skb, union vp_endpoint *ep);
void vp_socket_peer_port(struct vp_peer *peer, union vp_endpoint *ep);
void vp_socket_set_endpoint(struct vp_peer *peer, const struct sk_buff *skb);
/* A copy of the peering's endpoint, which roaming may change. */
void vp_socket_endpoint(struct vp_peer *peer, union vp_endpoint *ep);
int vp_socket_inner_mtu(struct vp_device *vp, struct vp_peer *peer);

/* receive.c: the sockets' encap_rcv */
int vp_udp_recv(struct sock *sk, struct sk_buff *skb);

#endif /* _VP_SOCKET_H */
