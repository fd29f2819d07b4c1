/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_PEER_H
#define _VP_PEER_H

#include "device.h"
#include "handshake.h"
#include "lpm.h"
#include "session.h"
#include "stats.h"

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/dst_cache.h>

/* What NEW_PEER asks for. */
struct vp_peer_config {
	const char *pcx, *remote_vpc, *region;
	const struct vp_prefix *cidrs;
	unsigned int n_cidrs;
	union vp_endpoint endpoint;
	const u8 *secret;
	u8 cipher;
	u16 keepalive, dead_after;	/* s */
};

/*
 * A peering. Its configuration is fixed at creation, so the data path
 * reads it without locks; its sessions' keys are in the three slots
 * (session.c). Lifetime: the device's peer list holds one reference,
 * every keypair and every packet in flight one; the last put frees the
 * peering after an RCU grace period, from a work item.
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
	struct kref refcount;
	struct rcu_work free_work;

	char pcx[VPCPEER_ID_MAX + 1];
	char remote_vpc[VPCPEER_ID_MAX + 1];
	char region[VPCPEER_ID_MAX + 1];
	struct vp_lpm *cidrs;		/* the peer VPC's blocks */
	/*
	 * Where the peering's datagrams go: configured, then where its
	 * authentic packets come from. The dst cache holds the route to it.
	 */
	rwlock_t endpoint_lock;		/* endpoint and dst_cache's validity */
	union vp_endpoint endpoint;
	u8 cipher;
	struct vp_hs_keys hs_keys;	/* from the secret and pcx id */
	unsigned int keepalive;		/* s; 0: none */
	unsigned int dead_after;	/* s without a packet: down */

	/* peer->lock: see session.c */
	spinlock_t lock;
	bool removed;			/* off the device: send nothing */
	struct vp_peer_state state;
	struct vp_keypair __rcu *keys_cur;	/* sends */
	struct vp_keypair __rcu *keys_prev;	/* still received */
	struct vp_keypair __rcu *keys_next;	/* answered, unconfirmed */
	u8 key_seq;			/* the next keypair's key id */

	/* peer->hs_lock: the INIT in flight and the INIT stamps. */
	struct mutex hs_lock;
	struct {
		bool active;
		u32 index;
		u64 sent;		/* boottime ns */
		u8 priv[VP_HS_KEY_LEN];
		struct vp_msg_hs msg;
	} init;
	u64 init_ts;			/* the last INIT stamp sent */
	/* INITs resent since configured, none answered yet (backoff) */
	unsigned int init_retries;
	bool init_wanted;		/* an INIT at the next tick, at once */
	bool answered;			/* READ_ONCE: a session since then */
	u64 cur_init_ts;		/* the newest INIT answered */
	u64 next_init_ts;		/* the INIT behind keys_next */
	struct delayed_work timer;

	u64 last_handshake;		/* real ns, READ_ONCE */
	u64 last_rx, last_tx;		/* boottime ns, READ_ONCE */
	struct dst_cache dst_cache;
	struct vp_stats __percpu *stats;

	/* The ordered queues and their serial stages (queueing.h). */
	struct vp_serial tx, rx;
	int serial_cpu;			/* READ_ONCE; nr_cpu_ids: not chosen */
};

struct vp_peer *vp_peer_create(struct vp_device *vp,
			       const struct vp_peer_config *cfg,
			       struct netlink_ext_ack *extack);
void vp_peer_remove(struct vp_peer *peer);
void vp_peer_remove_all(struct vp_device *vp);
struct vp_peer *vp_peer_find(struct vp_device *vp, const char *pcx);
struct workqueue_struct *vp_peer_wq(void);

static inline struct vp_peer *vp_peer_get(struct vp_peer *peer)
{
	return peer && kref_get_unless_zero(&peer->refcount) ? peer : NULL;
}

void vp_peer_put(struct vp_peer *peer);

int vp_peer_init(void);
void vp_peer_uninit(void);

#endif /* _VP_PEER_H */
