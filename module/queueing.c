// SPDX-License-Identifier: GPL-2.0
/*
 * The device's crypt queues and the peerings' ordered queues: see
 * queueing.h.
 */
#include "queueing.h"
#include "datapath.h"

#include <linux/cpumask.h>
#include <linux/jhash.h>
#include <linux/skb_array.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>

int vp_crypt_queue_init(struct vp_crypt_queue *q, struct workqueue_struct *wq,
			work_func_t fn)
{
	int cpu, ret;

	q->wq = wq;
	q->last_cpu = -1;
	ret = ptr_ring_init(&q->ring, VP_MAX_QUEUED, GFP_KERNEL);
	if (ret)
		return ret;
	q->worker = alloc_percpu(struct vp_crypt_worker);
	if (!q->worker) {
		ptr_ring_cleanup(&q->ring, NULL);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu) {
		struct vp_crypt_worker *w = per_cpu_ptr(q->worker, cpu);

		w->queue = q;
		INIT_WORK(&w->work, fn);
	}
	return 0;
}

/* Once q's workqueue is destroyed: nothing is left on the ring. */
void vp_crypt_queue_free(struct vp_crypt_queue *q)
{
	int cpu;

	for_each_possible_cpu(cpu)
		kfree(per_cpu_ptr(q->worker, cpu)->req);
	free_percpu(q->worker);
	WARN_ON(!__ptr_ring_empty(&q->ring));
	ptr_ring_cleanup(&q->ring, NULL);
}

/*
 * Round robin over the online CPUs. last_cpu is read and written without
 * a lock: two producers may pick the same CPU, which costs nothing.
 */
static int vp_next_cpu(int *last_cpu)
{
	int cpu = cpumask_next(READ_ONCE(*last_cpu), cpu_online_mask);

	if (cpu >= nr_cpu_ids)
		cpu = cpumask_first(cpu_online_mask);
	WRITE_ONCE(*last_cpu, cpu);
	return cpu;
}

bool vp_crypt_queue_add(struct vp_crypt_queue *q, struct sk_buff *skb)
{
	int cpu;

	if (ptr_ring_produce_bh(&q->ring, skb))
		return false;
	cpu = vp_next_cpu(&q->last_cpu);
	queue_work_on(cpu, q->wq, &per_cpu_ptr(q->worker, cpu)->work);
	return true;
}

/* The ordered queue's head, if its crypto is done, taken off the queue. */
static struct sk_buff *vp_queue_ready(struct sk_buff_head *queue)
{
	struct sk_buff *skb;

	spin_lock_bh(&queue->lock);
	skb = skb_peek(queue);
	/* Pairs with the release in vp_pkt_mark(): cb is final. */
	if (skb && atomic_read_acquire(&VP_CB(skb)->state) != VP_PKT_UNCRYPTED)
		__skb_unlink(skb, queue);
	else
		skb = NULL;
	spin_unlock_bh(&queue->lock);
	return skb;
}

/* Whether the ordered queue's head has its crypto done. */
static bool vp_queue_head_ready(struct sk_buff_head *queue)
{
	struct sk_buff *skb;
	bool ready;

	spin_lock_bh(&queue->lock);
	skb = skb_peek(queue);
	ready = skb && atomic_read(&VP_CB(skb)->state) != VP_PKT_UNCRYPTED;
	spin_unlock_bh(&queue->lock);
	return ready;
}

/*
 * The serial stage, run by whoever gets s->running: hands on what is done
 * at the head of the queue, a batch at most (sent, or delivered into this
 * CPU's GRO cell). Returns whether more is ready; false also when another
 * runs the stage, which looks again once it lets go. BH disabled.
 */
static bool vp_serial_run(struct vp_serial *s)
{
	struct sk_buff *skb;
	int n;

	if (test_and_set_bit_lock(0, &s->running))
		return false;
	for (n = 0; n < VP_SERIAL_BATCH; n++) {
		skb = vp_queue_ready(&s->queue);
		if (!skb)
			break;
		if (s->dir == VP_TX)
			vp_send_finish(skb, VP_CB(skb)->err);
		else
			vp_receive_finish(skb, VP_CB(skb)->err);
	}
	clear_bit_unlock(0, &s->running);
	/* A packet marked while we held the bit is ours to see. */
	smp_mb__after_atomic();
	return vp_queue_head_ready(&s->queue);
}

/*
 * The serial stage as a work item on its CPU: a batch per softirq, so the
 * underlay's receiver (TX) or GRO (RX) may merge them, and into the GRO
 * cell of that one CPU, so the stack gets the packets in order too.
 */
static void vp_serial_worker(struct work_struct *work)
{
	struct vp_serial *s = container_of(work, struct vp_serial, work);
	bool more;

	do {
		local_bh_disable();
		more = vp_serial_run(s);
		local_bh_enable();
		cond_resched();
	} while (more);
}

void vp_serial_init(struct vp_serial *s, struct vp_peer *peer,
		    enum vp_dir dir)
{
	skb_queue_head_init(&s->queue);
	atomic_set(&s->crypting, 0);
	INIT_WORK(&s->work, vp_serial_worker);
	s->peer = peer;
	s->dir = dir;
}

static void vp_serial_kick(struct vp_serial *s)
{
	queue_work_on(vp_queue_serial_cpu(s->peer), s->peer->vp->crypt_wq,
		      &s->work);
}

/* Once marked, skb may be handed on, and its keypair put, at once. */
static void vp_pkt_mark(struct sk_buff *skb, int err)
{
	VP_CB(skb)->err = err;
	atomic_set_release(&VP_CB(skb)->state,
			   err ? VP_PKT_DEAD : VP_PKT_CRYPTED);
}

/*
 * A packet of s is marked and its stage run or kicked: one less for
 * vp_queue_peer_purge() to wait for. The caller holds the peering.
 */
static void vp_serial_crypted(struct vp_serial *s)
{
	/* Fully ordered: the mark and the kick come before the wakeup. */
	if (atomic_dec_and_test(&s->crypting))
		wake_up_var(&s->crypting);
}

void vp_queue_mark(struct sk_buff *skb, int err, enum vp_dir dir)
{
	/* skb's keypair holds the peering only until skb is handed on. */
	struct vp_peer *peer = vp_peer_get(VP_CB(skb)->kp->peer);
	struct vp_serial *s = dir == VP_TX ? &peer->tx : &peer->rx;

	vp_pkt_mark(skb, err);
	vp_serial_kick(s);
	vp_serial_crypted(s);
	vp_peer_put(peer);
}

/*
 * Alone, and on the serial stage's CPU: sealed and sent, or opened and
 * delivered, here, with no worker to wake, and in order, since the serial
 * stage runs on this CPU too (the underlay keeps a CPU's packets in
 * order; the stage delivers into this CPU's GRO cell).
 */
void vp_queue_crypt(struct vp_serial *s, struct sk_buff *skb, bool idle)
{
	struct vp_device *vp = s->peer->vp;
	struct vp_peer *peer;
	int err;

	atomic_inc(&s->crypting);
	if (!idle || smp_processor_id() != vp_queue_serial_cpu(s->peer) ||
	    READ_ONCE(this_cpu_ptr(vp->inline_req)->busy)) {
		if (!vp_crypt_queue_add(s->dir == VP_TX ? &vp->encrypt_queue :
							  &vp->decrypt_queue,
					skb))
			vp_queue_mark(skb, -ENOSPC, s->dir);
		return;
	}
	err = s->dir == VP_TX ? vp_seal_inline(vp, skb) :
				vp_open_inline(vp, skb);
	if (err == -EINPROGRESS)
		return;
	/* Handing skb on may put the last reference to the peering. */
	peer = vp_peer_get(s->peer);
	vp_pkt_mark(skb, err);
	if (vp_serial_run(s))
		vp_serial_kick(s);
	vp_serial_crypted(s);
	vp_peer_put(peer);
}

/*
 * Spread the peerings' serial stages over the online CPUs by their pcx
 * id; a CPU gone offline moves them.
 */
int vp_queue_serial_cpu(struct vp_peer *peer)
{
	int cpu = READ_ONCE(peer->serial_cpu);
	unsigned int i, n;

	if (likely(cpu < nr_cpu_ids && cpu_online(cpu)))
		return cpu;
	n = jhash(peer->pcx, strlen(peer->pcx), 0) %
	    cpumask_weight(cpu_online_mask);
	cpu = cpumask_first(cpu_online_mask);
	for (i = 0; i < n; i++)
		cpu = cpumask_next(cpu, cpu_online_mask);
	WRITE_ONCE(peer->serial_cpu, cpu);
	return cpu;
}

static void vp_queue_purge(struct sk_buff_head *queue)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(queue))) {
		struct vp_keypair *kp = VP_CB(skb)->kp;
		struct net_device *dev = kp->peer->vp->dev;

		kfree_skb(skb);
		vp_keypair_put(kp);
		dev_put(dev);
	}
}

void vp_queue_peer_purge(struct vp_peer *peer)
{
	/*
	 * Not a flush of the device's workqueue: a worker runs as long as
	 * its crypt queue has packets, which under other peerings' traffic
	 * can be as long as that traffic lasts.
	 */
	wait_var_event(&peer->tx.crypting, !atomic_read(&peer->tx.crypting));
	wait_var_event(&peer->rx.crypting, !atomic_read(&peer->rx.crypting));
	/* A crypted packet's stage was kicked before it was counted out. */
	cancel_work_sync(&peer->tx.work);
	cancel_work_sync(&peer->rx.work);
	vp_queue_purge(&peer->tx.queue);
	vp_queue_purge(&peer->rx.queue);
}
