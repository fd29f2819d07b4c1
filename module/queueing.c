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

struct sk_buff *vp_queue_ready(struct sk_buff_head *queue)
{
	struct sk_buff *skb;

	spin_lock_bh(&queue->lock);
	skb = skb_peek(queue);
	/* Pairs with the release in vp_queue_mark(): cb is final. */
	if (skb && atomic_read_acquire(&VP_CB(skb)->state) != VP_PKT_UNCRYPTED)
		__skb_unlink(skb, queue);
	else
		skb = NULL;
	spin_unlock_bh(&queue->lock);
	return skb;
}

bool vp_queue_head_ready(struct sk_buff_head *queue)
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

void vp_queue_flush(struct vp_device *vp)
{
	/*
	 * A packet's life on the workqueue has two generations: its crypto,
	 * which queues its peering's serial stage, and that stage. Two
	 * flushes see both through.
	 */
	flush_workqueue(vp->crypt_wq);
	flush_workqueue(vp->crypt_wq);
}

void vp_queue_peer_purge(struct vp_peer *peer)
{
	cancel_work_sync(&peer->tx_work);
	cancel_work_sync(&peer->rx_work);
	vp_queue_purge(&peer->tx_queue);
	vp_queue_purge(&peer->rx_queue);
}
