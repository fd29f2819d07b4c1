/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parallel data path, after WireGuard's queueing.c. A packet goes on
 * two queues at once: its peering's ordered queue for its direction
 * (peer->tx or peer->rx, a struct vp_serial) and the device's crypt queue
 * for that direction. The crypt queue's workers, one per CPU, seal or open
 * whatever it holds on every CPU and mark each packet done (or dead).
 * The peering's serial stage, one work item pinned to one CPU, takes
 * packets off the head of its ordered queue only once they are marked:
 * each peering's packets are sent, and delivered to the VPC, in the order
 * they came, whatever CPU did their crypto.
 *
 * A packet that finds its peering idle (vp_serial_idle) on the serial
 * stage's CPU skips the workers: it is sealed or opened at once with the
 * CPU's inline request and handed on by the serial stage right there, if
 * no one else runs it (vp_serial.running). A lone packet costs no wakeup,
 * and the order holds: whoever runs the serial stage, it runs on that CPU.
 *
 * A packet on the queues holds a reference to its keypair (so to its
 * peering) and to the device. A peering being removed waits until none of
 * its packets is left in crypto (vp_serial.crypting) and for its serial
 * stages, then empties its queues (vp_queue_peer_purge). It waits for its
 * own packets only: the device's workers may stay busy with other
 * peerings' streams as long as those last.
 */
#ifndef _VP_QUEUEING_H
#define _VP_QUEUEING_H

#include <linux/atomic.h>
#include <linux/ktime.h>
#include <linux/ptr_ring.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>

struct vp_device;
struct vp_peer;

/* Per peering and direction, and per device crypt queue. */
#define VP_MAX_QUEUED	1024
/* Scatterlist entries of a worker's request; more is linearized. */
#define VP_MAX_SG	(MAX_SKB_FRAGS + 2)
/* Packets a serial stage hands on per softirq. */
#define VP_SERIAL_BATCH	64
/*
 * A packet goes the inline way when its peering's queue is empty and the
 * peering queued nothing in that direction for this long: a lone packet
 * (a ping, a request) skips the workers' wakeups, a stream keeps every
 * CPU busy.
 */
#define VP_IDLE_NS	(1 * NSEC_PER_MSEC)

enum vp_pkt_state {
	VP_PKT_UNCRYPTED,
	VP_PKT_CRYPTED,
	VP_PKT_DEAD,
};

struct vp_crypt_worker {
	struct work_struct work;
	struct vp_crypt_queue *queue;
	/* One AEAD request, reused packet after packet (crypto.c). */
	void *req;
	unsigned int req_size;
};

/*
 * A CPU's request for a packet of an idle peering, sealed or opened at
 * once in the context that has it (queueing.c). BH disabled while in use;
 * busy while an asynchronous driver still holds it.
 */
struct vp_inline_req {
	void *req;
	unsigned int req_size;
	bool busy;			/* READ_ONCE/WRITE_ONCE */
};

/* The two ways through a peering. */
enum vp_dir {
	VP_TX,				/* sealed and sent */
	VP_RX,				/* opened and delivered */
};

/* A peering's ordered queue for one direction and its serial stage. */
struct vp_serial {
	struct sk_buff_head queue;
	struct work_struct work;	/* the stage on its CPU */
	struct vp_peer *peer;
	enum vp_dir dir;
	unsigned long running;		/* bit 0: someone runs the stage */
	atomic_t crypting;		/* on the queue, not yet marked */
	u64 last_queued;		/* ns, under queue.lock */
};

struct vp_crypt_queue {
	struct ptr_ring ring;
	struct vp_crypt_worker __percpu *worker;
	struct workqueue_struct *wq;
	int last_cpu;
};

int vp_crypt_queue_init(struct vp_crypt_queue *q, struct workqueue_struct *wq,
			work_func_t fn);
void vp_crypt_queue_free(struct vp_crypt_queue *q);

/*
 * Puts skb, already on its peering's ordered queue, on q for the next
 * CPU's worker. false: q is full, and skb is the caller's to mark dead.
 */
bool vp_crypt_queue_add(struct vp_crypt_queue *q, struct sk_buff *skb);

void vp_serial_init(struct vp_serial *s, struct vp_peer *peer,
		    enum vp_dir dir);

/*
 * Whether a packet about to join s's queue, under its lock, finds it idle
 * (see VP_IDLE_NS).
 */
static inline bool vp_serial_idle(struct vp_serial *s)
{
	u64 now = ktime_get_mono_fast_ns(), then = s->last_queued;

	s->last_queued = now;
	return skb_queue_empty(&s->queue) && now - then > VP_IDLE_NS;
}

/*
 * Has the crypto of skb, just put on s's queue (idle: it found the queue
 * idle), done: inline, or by the device's workers for s's direction.
 * BH disabled.
 */
void vp_queue_crypt(struct vp_serial *s, struct sk_buff *skb, bool idle);
/*
 * Marks skb, on its peering's queue for dir, done (err 0) or dead, and
 * wakes that serial stage to hand on what is ready. From a worker or a
 * driver's completion.
 */
void vp_queue_mark(struct sk_buff *skb, int err, enum vp_dir dir);

/* The CPU a peering's serial stages run on. */
int vp_queue_serial_cpu(struct vp_peer *peer);

/*
 * Stops a peering's pipeline, once no new packet can reach it (it is
 * unpublished and a grace period has passed): waits until the crypto of
 * each of its packets is done, by a worker or a driver, and for its serial
 * stages, then frees what is left on its ordered queues (nothing, unless a
 * stage stopped at a packet still on its way). Sleeps.
 */
void vp_queue_peer_purge(struct vp_peer *peer);

#endif /* _VP_QUEUEING_H */
