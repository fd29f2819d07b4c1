// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: from the underlay socket's encap_rcv to the VPC. Handshake
 * messages go to the session layer's queue. For data and control: header,
 * session by receiver index, a replay check that needs no decryption,
 * AES-GCM authentication, then (only for authentic packets) the replay
 * check proper, the inner source against the peer VPC's blocks and the
 * inner destination against this VPC's.
 */
#include "datapath.h"
#include "compat.h"
#include "session.h"
#include "socket.h"
#include "wire.h"

#include <linux/udp.h>
#include <net/dsfield.h>
#include <net/inet_ecn.h>

/* Drops skb: still encrypted, or not an inner packet we could parse. */
static void vp_rx_drop(struct vp_peer *peer, struct sk_buff *skb,
		       enum vp_stat why)
{
	vp_drop(peer->vp, peer, skb, why, VP_DROP_RX);
}

/* Drops skb, a decrypted inner packet, pulled to its IP header. */
static void vp_rx_drop_inner(struct vp_peer *peer, struct sk_buff *skb,
			     enum vp_stat why)
{
	vp_drop(peer->vp, peer, skb, why, VP_DROP_RX | VP_DROP_INNER);
}

/*
 * RFC 6040, normal mode: congestion the underlay marked (outer CE) reaches
 * an ECN-capable inner packet as CE; a packet that cannot carry the mark
 * is dropped (false). skb is the inner packet, its header pulled.
 */
static bool vp_ecn_decap(struct sk_buff *skb, u8 outer, u8 inner)
{
	return INET_ECN_decapsulate(skb, outer, inner) <= 1;
}

/*
 * Nothing the underlay knew of the packet follows it into the VPC, even
 * when both share a namespace: route, conntrack, mark, priority, traffic
 * control index, timestamp.
 */
static void vp_rx_scrub(struct sk_buff *skb)
{
	skb_scrub_packet(skb, true);
	skb->priority = 0;
#ifdef CONFIG_NET_SCHED
	skb->tc_index = 0;
#endif
}

/* An authentic control message: 4 bytes of plaintext at skb->data. */
static void vp_receive_control(struct vp_keypair *kp, struct sk_buff *skb)
{
	if (skb->len != VP_CONTROL_LEN || !pskb_may_pull(skb, VP_CONTROL_LEN)) {
		vp_rx_drop(kp->peer, skb, VP_STAT_MALFORMED);
		return;
	}
	vp_session_control(kp, skb->data[0], skb->data[1]);
	consume_skb(skb);
}

/* The serial stage, in order, after decryption; runs with BH disabled. */
void vp_receive_finish(struct sk_buff *skb, int err)
{
	struct vp_keypair *kp = VP_CB(skb)->kp;
	struct vp_peer *peer = kp->peer;
	u64 counter = VP_CB(skb)->counter;
	u8 outer = VP_CB(skb)->dsfield;
	u8 type = VP_CB(skb)->type;
	struct vp_device *vp = peer->vp;
	struct net_device *dev = vp->dev;
	struct vp_inner in;
	bool fresh;

	if (err) {
		/*
		 * Not authentic; the queue was full; or the AEAD engine (or
		 * the memory for it) failed: nothing is known of the packet.
		 */
		vp_rx_drop(peer, skb, err == -EBADMSG ? VP_STAT_AUTH_FAIL :
				      err == -ENOSPC ? VP_STAT_QUEUE_FULL :
				      VP_STAT_CRYPTO_ERROR);
		goto out;
	}
	spin_lock(&kp->replay_lock);
	fresh = vp_replay_check(&kp->replay, counter);
	spin_unlock(&kp->replay_lock);
	if (!fresh) {
		vp_rx_drop(peer, skb, VP_STAT_REPLAY);
		goto out;
	}

	__skb_pull(skb, VP_HDR_LEN);
	if (pskb_trim(skb, skb->len - VP_TAG_LEN)) {
		vp_rx_drop(peer, skb, VP_STAT_MALFORMED);
		goto out;
	}
	/* Authentic and fresh: the session is alive (and confirmed). */
	vp_session_rx(kp, skb->len);
	vp_socket_set_endpoint(peer, skb);
	if (type == VP_MSG_CONTROL) {
		vp_receive_control(kp, skb);
		goto out;
	}
	if (!skb->len) {
		consume_skb(skb);	/* a keepalive */
		goto out;
	}
	if (vp_skb_inner(skb, &in) || pskb_trim(skb, in.len)) {
		vp_rx_drop(peer, skb, VP_STAT_MALFORMED);
		goto out;
	}
	rcu_read_lock();
	if (!vp_lpm_lookup(peer->cidrs, in.family, in.src)) {
		rcu_read_unlock();
		vp_rx_drop_inner(peer, skb, VP_STAT_SPOOFED_SRC);
		goto out;
	}
	if (!vp_lpm_lookup(rcu_dereference(vp->own_cidrs), in.family,
			   in.dst)) {
		rcu_read_unlock();
		vp_rx_drop_inner(peer, skb, VP_STAT_TRANSITIVE_DST);
		goto out;
	}
	rcu_read_unlock();

	skb->protocol = in.family == VP_AF_INET ? htons(ETH_P_IP) :
						  htons(ETH_P_IPV6);
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	if (!vp_ecn_decap(skb, outer, in.dsfield)) {
		vp_rx_drop_inner(peer, skb, VP_STAT_ECN_DROP);
		DEV_STATS_INC(dev, rx_frame_errors);
		goto out;
	}
	skb->dev = dev;
	/* The tag proved every byte: the inner checksums need no check. */
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	skb->csum_level = SKB_MAX_CSUM_LEVEL;
	skb_probe_transport_header(skb);
	memset(skb->cb, 0, sizeof(skb->cb));

	/* Counted only once the stack has it: gro_cells may still drop. */
	if (gro_cells_receive(&vp->gro_cells, skb) == NET_RX_SUCCESS) {
		vp_stat_packet(peer->stats, VP_STAT_RX_PACKETS, in.len);
		dev_sw_netstats_rx_add(dev, in.len);
	}
out:
	vp_keypair_put(kp);
	dev_put(dev);
}

/* An inline open that the crypto driver finished later. */
static void vp_inline_opened(struct sk_buff *skb, int err)
{
	WRITE_ONCE(VP_CB(skb)->inl->busy, false);
	vp_queue_mark(skb, err, VP_RX);
}

VP_AEAD_DONE(vp_inline_open_done, vp_inline_opened)

/*
 * Points req at skb's message, to be decrypted in place: returns 0 or < 0.
 * skb is made writable first; more than VP_MAX_SG pieces are linearized.
 */
static int vp_open_setup(struct sk_buff *skb, struct aead_request **reqp,
			 void **mem, unsigned int *size, gfp_t gfp)
{
	struct vp_keypair *kp = VP_CB(skb)->kp;
	struct scatterlist *sg;
	struct sk_buff *trailer;
	int nsg, err;
	u8 *iv;

	nsg = skb_cow_data(skb, 0, &trailer);
	if (nsg > VP_MAX_SG) {
		if (skb_linearize(skb))
			return -ENOMEM;
		nsg = skb_cow_data(skb, 0, &trailer);
	}
	if (nsg < 0)
		return nsg;
	*reqp = vp_aead_request_reuse(mem, size, kp->rx.tfm, VP_MAX_SG, gfp,
				      &iv, &sg);
	if (!*reqp)
		return -ENOMEM;
	sg_init_table(sg, nsg);
	err = skb_to_sgvec(skb, sg, 0, skb->len);
	if (unlikely(err < 0))
		return err;
	vp_nonce(iv, &kp->rx, VP_CB(skb)->counter);
	aead_request_set_crypt(*reqp, sg, sg, skb->len - VP_HDR_LEN, iv);
	aead_request_set_ad(*reqp, VP_HDR_LEN);
	return 0;
}

/*
 * Opens skb, the head of an idle peering's queue, at once with this CPU's
 * inline request, which the caller found free. -EINPROGRESS: the driver
 * marks skb when done. BH disabled.
 */
int vp_open_inline(struct vp_device *vp, struct sk_buff *skb)
{
	struct vp_inline_req *inl = this_cpu_ptr(vp->inline_req);
	struct aead_request *req;
	int err;

	err = vp_open_setup(skb, &req, &inl->req, &inl->req_size, GFP_ATOMIC);
	if (err)
		return err;
	aead_request_set_callback(req, 0, vp_inline_open_done, skb);
	VP_CB(skb)->inl = inl;
	WRITE_ONCE(inl->busy, true);
	err = crypto_aead_decrypt(req);
	if (err != -EINPROGRESS)
		WRITE_ONCE(inl->busy, false);
	return err;
}

/*
 * Puts a data or control message on its peering's rx queue and on the
 * device's decrypt queue. Takes over skb and the reference to kp.
 */
static void vp_queue_rx(struct vp_keypair *kp, struct sk_buff *skb, u8 type,
			u64 counter, u8 outer_dsfield)
{
	struct vp_peer *peer = kp->peer;
	struct sk_buff_head *queue = &peer->rx.queue;
	struct vp_skb_cb *cb = VP_CB(skb);
	bool idle;

	cb->crypt = NULL;
	cb->kp = kp;
	cb->inl = NULL;
	cb->counter = counter;
	atomic_set(&cb->state, VP_PKT_UNCRYPTED);
	cb->err = 0;
	cb->dsfield = outer_dsfield;
	cb->type = type;
	spin_lock_bh(&queue->lock);
	if (unlikely(skb_queue_len(queue) >= VP_MAX_QUEUED)) {
		spin_unlock_bh(&queue->lock);
		vp_rx_drop(peer, skb, VP_STAT_QUEUE_FULL);
		vp_keypair_put(kp);
		return;
	}
	dev_hold(peer->vp->dev);
	idle = vp_serial_idle(&peer->rx);
	__skb_queue_tail(queue, skb);
	spin_unlock_bh(&queue->lock);

	vp_queue_crypt(&peer->rx, skb, idle);
}

/* Opens a message from the decrypt queue with the worker's request. */
static int vp_open_queued(struct vp_crypt_worker *w, struct sk_buff *skb)
{
	struct aead_request *req;
	DECLARE_CRYPTO_WAIT(wait);
	int err;

	err = vp_open_setup(skb, &req, &w->req, &w->req_size, GFP_KERNEL);
	if (err)
		return err;
	/* Process context: an asynchronous driver is waited for. */
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG |
				  CRYPTO_TFM_REQ_MAY_SLEEP, crypto_req_done,
				  &wait);
	return crypto_wait_req(crypto_aead_decrypt(req), &wait);
}

/* A CPU's worker of the device's decrypt queue. */
void vp_decrypt_worker(struct work_struct *work)
{
	struct vp_crypt_worker *w = container_of(work, struct vp_crypt_worker,
						 work);
	struct sk_buff *skb;

	while ((skb = ptr_ring_consume_bh(&w->queue->ring))) {
		vp_queue_mark(skb, vp_open_queued(w, skb), VP_RX);
		cond_resched();
	}
}

/* The DSCP and ECN bits of the outer IP header. */
static u8 vp_outer_dsfield(const struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IP))
		return ipv4_get_dsfield(ip_hdr(skb));
	return ipv6_get_dsfield(ipv6_hdr(skb));
}

/*
 * A data or control message whose counter the window already refuses is
 * dropped before it costs a decryption (counted as a replay).
 */
static bool vp_replay_precheck(struct vp_keypair *kp, u64 counter)
{
	bool fresh;

	spin_lock(&kp->replay_lock);
	fresh = vp_replay_fresh(&kp->replay, counter);
	spin_unlock(&kp->replay_lock);
	return fresh;
}

/*
 * The underlay sockets' encap_rcv, in softirq context with the UDP
 * checksum verified. Always consumes the skb (returns 0).
 */
int vp_udp_recv(struct sock *sk, struct sk_buff *skb)
{
	struct vp_device *vp = rcu_dereference_sk_user_data(sk);
	unsigned int off = skb_transport_offset(skb) + sizeof(struct udphdr);
	struct vp_keypair *kp;
	u8 key_id, type;
	u32 index;
	u64 counter;

	if (unlikely(!vp)) {
		kfree_skb(skb);
		return 0;
	}
	if (!pskb_may_pull(skb, off + 2)) {
		vp_drop(vp, NULL, skb, VP_STAT_MALFORMED, VP_DROP_RX);
		return 0;
	}
	__skb_pull(skb, off);
	type = skb->data[1];
	if (skb->data[0] == VP_WIRE_VERSION &&
	    (type == VP_MSG_HS_INIT || type == VP_MSG_HS_RESP)) {
		/* Nothing of the underlay stays with it while it waits. */
		vp_socket_source(skb, &VP_HS_CB(skb)->src);
		skb_scrub_packet(skb, true);
		vp_session_queue(vp, skb);
		return 0;
	}
	if (!pskb_may_pull(skb, VP_HDR_LEN)) {
		vp_drop(vp, NULL, skb, VP_STAT_MALFORMED, VP_DROP_RX);
		return 0;
	}
	if (vp_hdr_parse(skb->data, skb->len, &type, &index, &counter,
			 &key_id)) {
		vp_drop(vp, NULL, skb, VP_STAT_MALFORMED, VP_DROP_RX);
		return 0;
	}
	kp = vp_keypair_get(vp_keypair_by_index(vp, index));
	if (!kp) {
		vp_drop(vp, NULL, skb, VP_STAT_UNKNOWN_PEER, VP_DROP_RX);
		return 0;
	}
	if (!vp_replay_precheck(kp, counter)) {
		vp_rx_drop(kp->peer, skb, VP_STAT_REPLAY);
		vp_keypair_put(kp);
		return 0;
	}
	vp_rx_scrub(skb);
	vp_queue_rx(kp, skb, type, counter, vp_outer_dsfield(skb));
	return 0;
}
