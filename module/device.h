/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_DEVICE_H
#define _VP_DEVICE_H

#include "lpm.h"
#include "queueing.h"
#include "ratelimit.h"
#include "stats.h"
#include "../uapi/linux/vpcpeer.h"

#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <net/gro_cells.h>

/*
 * Outer IPv6 header + UDP header + vpcpeer header + AES-GCM tag: the most
 * the encapsulation adds to an inner packet.
 */
#define VP_OVERHEAD	(40 + 8 + 16 + 16)
#define VP_DEFAULT_MTU	(1500 - VP_OVERHEAD)
/* What the device offers the stack; see vp_setup() and vp_xmit(). */
#define VP_DEVICE_FEATURES (NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_RXCSUM | \
			    NETIF_F_HIGHDMA | NETIF_F_GSO | \
			    NETIF_F_GSO_SOFTWARE)
#define VP_INDEX_HASH_BITS 8

struct vp_peer;

/* A route of the device's table: prefix -> peering, by pcx id. */
struct vp_route {
	struct vp_prefix prefix;
	char pcx[VPCPEER_ID_MAX + 1];
};

/*
 * Locking: conf_lock serialises every configuration change and every
 * reader of the configuration (netlink). The data path reads only
 * what is published under RCU: own_cidrs, route_table, the keypairs in
 * index_hash and the sockets. A change builds new immutable tables,
 * publishes them with rcu_assign_pointer() and frees the old ones after
 * a grace period.
 */
struct vp_device {
	struct net_device *dev;
	struct list_head device_list;	/* vp_device_list, under RTNL;
					 * left in ndo_uninit
					 */
	/*
	 * Where the device was created: the underlay sockets live there.
	 * NULL, under conf_lock, once that namespace is going away or the
	 * device is being unregistered: no socket opens after that.
	 */
	struct net *creating_net;

	struct mutex conf_lock;		/* see above */
	char vpc_id[VPCPEER_ID_MAX + 1];
	char region[VPCPEER_ID_MAX + 1];
	u16 listen_port;		/* configured; 0: any */
	/*
	 * Between a successful ndo_open and ndo_stop: the sockets are open
	 * exactly while this is set, whatever runs concurrently (the
	 * device's running bit is RTNL's, which netlink does not take).
	 */
	bool up;
	struct list_head peers;		/* struct vp_peer.list */
	unsigned int n_peers;
	struct vp_route *routes;	/* n_routes, in the order added */
	unsigned int n_routes;
	u32 generation;			/* bumped by every change, for dumps */

	/* Read by the data path under RCU. */
	struct vp_lpm __rcu *own_cidrs;		/* values unused */
	struct vp_lpm __rcu *route_table;	/* values: vp_peer or NULL */
	/* Session keypairs by local index, RCU. */
	struct hlist_head index_hash[1 << VP_INDEX_HASH_BITS];
	spinlock_t index_lock;		/* index_hash's writers */
	/* Handshake datagrams for the session layer (session.c). */
	struct sk_buff_head hs_queue;
	struct work_struct hs_work;
	/* Per-source buckets for a queue under load, by hash (session.c). */
	spinlock_t rl_lock;
	u32 rl_seed;
	struct vp_rl_entry rl[VP_RL_ENTRIES];
	struct sock __rcu *sock4;
	struct sock __rcu *sock6;

	/* The parallel data path (queueing.h): workers on every CPU. */
	struct workqueue_struct *crypt_wq;
	struct vp_crypt_queue encrypt_queue;
	struct vp_crypt_queue decrypt_queue;
	struct vp_inline_req __percpu *inline_req;

	struct gro_cells gro_cells;
	struct vp_stats __percpu *stats;	/* drops with no peering */
};

extern struct rtnl_link_ops vp_link_ops;

#define VP_PREFIX_STR 48	/* "ffff:...:ffff/128" */

static inline const char *vp_prefix_str(char buf[VP_PREFIX_STR],
					const struct vp_prefix *p)
{
	if (p->family == VP_AF_INET)
		snprintf(buf, VP_PREFIX_STR, "%pI4/%u", p->addr, p->len);
	else
		snprintf(buf, VP_PREFIX_STR, "%pI6c/%u", p->addr, p->len);
	return buf;
}

static inline bool vp_is_device(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &vp_link_ops;
}

struct vp_peer;

/* vp_count_drop() flags: where the packet came from, what skb->data is. */
enum {
	VP_DROP_RX = 1,		/* from the underlay (else from the VPC) */
	VP_DROP_INNER = 2,	/* skb->data is an inner IP packet */
};

void vp_count_drop(struct vp_device *vp, struct vp_peer *peer,
		   const struct sk_buff *skb, enum vp_stat why,
		   unsigned int flags);

/* vp_count_drop(), then frees skb. */
static inline void vp_drop(struct vp_device *vp, struct vp_peer *peer,
			   struct sk_buff *skb, enum vp_stat why,
			   unsigned int flags)
{
	vp_count_drop(vp, peer, skb, why, flags);
	kfree_skb(skb);
}

void vp_device_publish(struct vp_device *vp, struct vp_lpm __rcu **slot,
		       struct vp_lpm *t);
int vp_device_check_cidrs(struct vp_device *vp, const struct vp_prefix *p,
			  unsigned int n, struct netlink_ext_ack *extack);
struct vp_lpm *vp_cidrs_build(const struct vp_prefix *p, unsigned int n,
			      int *err);
int vp_device_set_port(struct vp_device *vp, u16 port);
u16 vp_device_port(struct vp_device *vp);

int vp_routes_publish(struct vp_device *vp, const struct vp_peer *skip);
int vp_routes_check_peer(struct vp_device *vp, const struct vp_peer *peer,
			 struct netlink_ext_ack *extack);
int vp_routes_add(struct vp_device *vp, const struct vp_route *rs,
		  unsigned int n, unsigned int *bad,
		  struct netlink_ext_ack *extack);
int vp_routes_del(struct vp_device *vp, const struct vp_prefix *ps,
		  unsigned int n, unsigned int *bad,
		  struct netlink_ext_ack *extack);

int vp_device_init(void);
void vp_device_uninit(void);

#endif /* _VP_DEVICE_H */
