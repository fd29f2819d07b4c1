/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_PEER_H
#define _VP_PEER_H

#include "crypto.h"
#include "device.h"
#include "lpm.h"
#include "replay.h"
#include "stats.h"

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/kref.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/dst_cache.h>

union vp_endpoint {
	struct sockaddr sa;
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
};

/* What NEW_PEER asks for. */
struct vp_peer_config {
	const char *pcx, *remote_vpc, *region;
	const struct vp_prefix *cidrs;
	unsigned int n_cidrs;
	union vp_endpoint endpoint;
	const u8 *secret;
	u8 cipher;
};

/*
 * A peering. Everything but the counters, the replay window and the
 * dst cache is fixed at creation, so the data path reads it without
 * locks. Lifetime: the device's peer list holds one reference, every
 * packet in flight holds one; the last put frees the peering after an
 * RCU grace period, from a work item (crypto_free_aead may sleep).
 *
 * The dst cache holds routes of the underlay namespace, whose struct net
 * holds the IPv6 dst_ops: it must be empty before that namespace is freed,
 * while the peering itself may be freed later. So it is emptied when the
 * peering is removed (vp_peer_remove) and, for the peerings that stay,
 * when the underlay goes (vp_netns_pre_exit); no sender fills it after.
 */
struct vp_peer {
	struct vp_device *vp;
	struct list_head list;		/* vp->peers, under vp->conf_lock */
	struct hlist_node index_node;	/* vp->index_hash, RCU */
	struct kref refcount;
	struct rcu_work free_work;

	char pcx[VPCPEER_ID_MAX + 1];
	char remote_vpc[VPCPEER_ID_MAX + 1];
	char region[VPCPEER_ID_MAX + 1];
	struct vp_lpm *cidrs;		/* the peer VPC's blocks */
	union vp_endpoint endpoint;
	u8 cipher;
	struct vp_peering_keys keys;

	bool removed;			/* off the device: send nothing */
	atomic64_t tx_counter;		/* next counter to send */
	spinlock_t replay_lock;		/* protects replay */
	struct vp_replay replay;
	struct dst_cache dst_cache;
	struct vp_stats __percpu *stats;
};

struct vp_peer *vp_peer_create(struct vp_device *vp,
			       const struct vp_peer_config *cfg,
			       struct netlink_ext_ack *extack);
void vp_peer_remove(struct vp_peer *peer);
void vp_peer_remove_all(struct vp_device *vp);
struct vp_peer *vp_peer_find(struct vp_device *vp, const char *pcx);
struct vp_peer *vp_peer_by_index(struct vp_device *vp, u32 index);

static inline struct vp_peer *vp_peer_get(struct vp_peer *peer)
{
	return peer && kref_get_unless_zero(&peer->refcount) ? peer : NULL;
}

void vp_peer_put(struct vp_peer *peer);

int vp_peer_init(void);
void vp_peer_uninit(void);

#endif /* _VP_PEER_H */
