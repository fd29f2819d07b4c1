/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_SESSION_H
#define _VP_SESSION_H

#include "crypto.h"
#include "handshake.h"
#include "replay.h"

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/kref.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>

/* An underlay address and port: a peering's endpoint, a datagram's source. */
union vp_endpoint {
	struct sockaddr sa;
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
};

struct vp_device;
struct vp_peer;

/* Documentation/sessions.rst, "limits". */
#define VP_REKEY_AFTER_MESSAGES		BIT_ULL(23)
#define VP_REJECT_AFTER_MESSAGES	(BIT_ULL(24) - BIT_ULL(13))
#define VP_REKEY_AFTER_TIME		(120 * NSEC_PER_SEC)
#define VP_REJECT_AFTER_TIME		(180 * NSEC_PER_SEC)
#define VP_REKEY_TIMEOUT		(5 * NSEC_PER_SEC)
#define VP_RETRY_MAX			(60 * NSEC_PER_SEC)
#define VP_KEEPALIVE_DEFAULT		10	/* s */
#define VP_DEAD_AFTER_DEFAULT		30	/* s */
#define VP_HS_QUEUE_LEN			128	/* per device */
/* From this many queued, each source is held to its bucket (ratelimit.h). */
#define VP_HS_UNDER_LOAD		(VP_HS_QUEUE_LEN / 8)

/*
 * now - then, both boottime ns, or 0 when then is later: a stamp written
 * by another CPU after now was read. The unsigned difference would wrap
 * and make the newest stamp the oldest.
 */
static inline u64 vp_age(u64 now, u64 then)
{
	return now > then ? now - then : 0;
}

/*
 * The keys of one session, in one of a peering's slots (current,
 * previous, next) and in the device's index hash by local_index. The
 * slot holds a reference, as does every packet in flight; the last put
 * frees it after a grace period, from a work item (crypto_free_aead()
 * may sleep).
 */
struct vp_keypair {
	struct vp_peer *peer;		/* holds a reference */
	struct hlist_node index_node;	/* vp->index_hash, RCU */
	struct kref refcount;
	struct rcu_work free_work;
	struct vp_key tx, rx;
	u32 local_index;		/* in what the peer sends us */
	u32 remote_index;		/* in what we send */
	atomic64_t tx_counter;		/* next counter to send */
	spinlock_t replay_lock;		/* protects replay */
	struct vp_replay replay;
	u64 created;			/* ktime_get_boottime_ns() */
	u8 key_id;
	bool initiator;
	/* A packet under it was authentic, or we initiated it. */
	bool confirmed;
};

static inline struct vp_keypair *vp_keypair_get(struct vp_keypair *kp)
{
	return kp && kref_get_unless_zero(&kp->refcount) ? kp : NULL;
}

void vp_keypair_put(struct vp_keypair *kp);
struct vp_keypair *vp_keypair_by_index(struct vp_device *vp, u32 index);
/* The current keypair if it may still send, with a reference, or NULL. */
struct vp_keypair *vp_session_tx_keypair(struct vp_peer *peer);

/* A peering was created, reconfigured, or asked to rekey: start now. */
void vp_session_start(struct vp_peer *peer);
/* Before a peering goes: tell the other end, stop the timers. Sleeps. */
void vp_session_stop(struct vp_peer *peer);
/* The rest of a peering's session state, at its free. */
void vp_session_free(struct vp_peer *peer);
int vp_session_init_peer(struct vp_peer *peer, const u8 *secret);

/* Receive side: an authentic packet under kp (counter checked). */
void vp_session_rx(struct vp_keypair *kp, unsigned int len);
/* An authentic control message under kp: opcode and reason. */
void vp_session_control(struct vp_keypair *kp, u8 opcode, u8 reason);
/* A handshake datagram waiting in the queue: where it came from. */
struct vp_hs_cb {
	union vp_endpoint src;
};

static inline struct vp_hs_cb *VP_HS_CB(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct vp_hs_cb) > sizeof(skb->cb));
	return (struct vp_hs_cb *)skb->cb;
}

/* A handshake datagram (UDP payload at skb->data), from softirq. */
void vp_session_queue(struct vp_device *vp, struct sk_buff *skb);
void vp_session_device_init(struct vp_device *vp);
void vp_session_device_stop(struct vp_device *vp);

#endif /* _VP_SESSION_H */
