// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: route lookup, the origin check that keeps peering
 * non-transitive, AES-GCM encryption and hand-off to the underlay.
 */
#include "datapath.h"
#include "compat.h"
#include "socket.h"
#include "trace.h"
#include "wire.h"

#include <crypto/aead.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/dst.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ipv6.h>

/* Drops skb, an inner packet not yet sealed. */
static void vp_tx_drop(struct vp_peer *peer, struct sk_buff *skb,
		       enum vp_stat why)
{
	vp_drop(peer->vp, peer, skb, why, VP_DROP_INNER);
}

/*
 * After encryption: sends skb or counts why not (err: -ENOSPC, a full
 * queue; else an allocation or crypto failure). Frees skb's request,
 * puts its keypair and the device. BH disabled.
 */
void vp_send_finish(struct sk_buff *skb, int err)
{
	struct vp_keypair *kp = VP_CB(skb)->kp;
	struct vp_peer *peer = kp->peer;
	struct vp_device *vp = peer->vp;
	struct net_device *dev = vp->dev;
	unsigned int len = VP_CB(skb)->len;
	bool data = VP_CB(skb)->type == VP_MSG_DATA && len;
	u8 dsfield = VP_CB(skb)->dsfield;

	kfree(VP_CB(skb)->crypt);
	rcu_read_lock_bh();
	if (err) {
		/* Sealed, or half sealed: no inner packet to show. */
		vp_drop(vp, peer, skb, err == -ENOSPC ? VP_STAT_QUEUE_FULL :
							VP_STAT_TX_ERROR, 0);
	} else if (vp_socket_send(vp, peer, skb, dsfield)) {
		vp_stat_inc(peer->stats, VP_STAT_TX_ERROR);
		DEV_STATS_INC(dev, tx_errors);
	} else {
		WRITE_ONCE(peer->last_tx, ktime_get_boottime_ns());
		if (data) {
			vp_stat_packet(peer->stats, VP_STAT_TX_PACKETS, len);
			dev_sw_netstats_tx_add(dev, 1, len);
		}
	}
	rcu_read_unlock_bh();
	vp_keypair_put(kp);
	dev_put(dev);
}

VP_AEAD_DONE(vp_encrypt_done, vp_send_finish)

/*
 * Makes skb, the plaintext, writable with room for the header in front and
 * the tag behind. Returns how many scatterlist entries it takes, or < 0.
 */
static int vp_seal_prepare(struct sk_buff *skb, struct net_device *dev,
			   struct sk_buff **trailer)
{
	if (skb_cow_head(skb, dev->needed_headroom))
		return -ENOMEM;
	return skb_cow_data(skb, VP_TAG_LEN, trailer);
}

/*
 * Pushes the header (type, key, counter from skb's cb), makes room for the
 * tag and points req at the message, to be encrypted in place.
 */
static int vp_seal_setup(struct sk_buff *skb, struct sk_buff *trailer,
			 int nsg, struct aead_request *req, u8 *iv,
			 struct scatterlist *sg)
{
	struct vp_keypair *kp = VP_CB(skb)->kp;
	unsigned int len = skb->len;
	struct vp_hdr *hdr;
	int err;

	hdr = skb_push(skb, VP_HDR_LEN);
	vp_hdr_build(hdr, VP_CB(skb)->type, kp->key_id, kp->remote_index,
		     VP_CB(skb)->counter);
	pskb_put(skb, trailer, VP_TAG_LEN);
	sg_init_table(sg, nsg);
	err = skb_to_sgvec(skb, sg, 0, skb->len);
	if (unlikely(err < 0))
		return err;
	vp_nonce(iv, &kp->tx, VP_CB(skb)->counter);
	aead_request_set_crypt(req, sg, sg, len, iv);
	aead_request_set_ad(req, VP_HDR_LEN);
	return 0;
}

/* Fills skb's cb for the trip; takes over the reference to kp. */
static void vp_tx_cb(struct sk_buff *skb, struct vp_keypair *kp, u8 type,
		     u8 dsfield)
{
	struct vp_skb_cb *cb = VP_CB(skb);

	cb->crypt = NULL;
	cb->kp = kp;
	cb->inl = NULL;
	cb->len = skb->len;
	atomic_set(&cb->state, VP_PKT_UNCRYPTED);
	cb->err = 0;
	cb->dsfield = dsfield;
	cb->type = type;
}

/*
 * For the session's own messages (control, keepalive): encrypted at once,
 * outside the queues. Caller has BH disabled.
 */
void vp_send_keypair(struct vp_keypair *kp, struct sk_buff *skb, u8 type,
		     u8 dsfield)
{
	struct net_device *dev = kp->peer->vp->dev;
	struct aead_request *req;
	struct scatterlist *sg;
	struct sk_buff *trailer;
	u64 counter;
	int nsg, err;
	u8 *iv;

	/* Never reuse a counter under a key: stop short of the limit. */
	counter = atomic64_fetch_add_unless(&kp->tx_counter, 1,
					    VP_REJECT_AFTER_MESSAGES);
	if (counter >= VP_REJECT_AFTER_MESSAGES) {
		vp_tx_drop(kp->peer, skb, VP_STAT_NONCE_EXHAUSTED);
		vp_keypair_put(kp);
		return;
	}
	vp_tx_cb(skb, kp, type, dsfield);
	VP_CB(skb)->counter = counter;
	dev_hold(dev);
	nsg = vp_seal_prepare(skb, dev, &trailer);
	if (nsg < 0) {
		err = nsg;
		goto out;
	}
	VP_CB(skb)->crypt = vp_aead_request_alloc(kp->tx.tfm, nsg, &req, &iv,
						  &sg);
	if (!VP_CB(skb)->crypt) {
		err = -ENOMEM;
		goto out;
	}
	err = vp_seal_setup(skb, trailer, nsg, req, iv, sg);
	if (err)
		goto out;
	aead_request_set_callback(req, 0, vp_encrypt_done, skb);
	err = crypto_aead_encrypt(req);
	if (err == -EINPROGRESS)
		return;
out:
	vp_send_finish(skb, err);
}

/* An inline seal that the crypto driver finished later. */
static void vp_inline_sealed(struct sk_buff *skb, int err)
{
	WRITE_ONCE(VP_CB(skb)->inl->busy, false);
	vp_queue_mark(skb, err, VP_TX);
}

VP_AEAD_DONE(vp_inline_seal_done, vp_inline_sealed)

/*
 * Points a request reused from *mem (of *size bytes) at skb's message, to
 * be encrypted in place: returns 0 or < 0. More than VP_MAX_SG pieces are
 * linearized.
 */
static int vp_seal_reuse(struct sk_buff *skb, struct aead_request **reqp,
			 void **mem, unsigned int *size, gfp_t gfp)
{
	struct vp_keypair *kp = VP_CB(skb)->kp;
	struct net_device *dev = kp->peer->vp->dev;
	struct scatterlist *sg;
	struct sk_buff *trailer;
	int nsg;
	u8 *iv;

	nsg = vp_seal_prepare(skb, dev, &trailer);
	if (nsg > VP_MAX_SG) {
		if (skb_linearize(skb))
			return -ENOMEM;
		nsg = vp_seal_prepare(skb, dev, &trailer);
	}
	if (nsg < 0)
		return nsg;
	*reqp = vp_aead_request_reuse(mem, size, kp->tx.tfm, VP_MAX_SG, gfp,
				      &iv, &sg);
	if (!*reqp)
		return -ENOMEM;
	return vp_seal_setup(skb, trailer, nsg, *reqp, iv, sg);
}

/*
 * Seals skb, the head of an idle peering's queue, at once with this CPU's
 * inline request, which the caller found free. -EINPROGRESS: the driver
 * marks skb when done. BH disabled.
 */
int vp_seal_inline(struct vp_device *vp, struct sk_buff *skb)
{
	struct vp_inline_req *inl = this_cpu_ptr(vp->inline_req);
	struct aead_request *req;
	int err;

	err = vp_seal_reuse(skb, &req, &inl->req, &inl->req_size, GFP_ATOMIC);
	if (err)
		return err;
	aead_request_set_callback(req, 0, vp_inline_seal_done, skb);
	VP_CB(skb)->inl = inl;
	WRITE_ONCE(inl->busy, true);
	err = crypto_aead_encrypt(req);
	if (err != -EINPROGRESS)
		WRITE_ONCE(inl->busy, false);
	return err;
}

/*
 * Puts a data packet on its peering's tx queue, under the next counter, and
 * on the device's encrypt queue. Takes over skb and the reference to kp.
 */
static void vp_queue_data(struct vp_keypair *kp, struct sk_buff *skb,
			  u8 dsfield)
{
	struct vp_peer *peer = kp->peer;
	struct sk_buff_head *queue = &peer->tx.queue;
	enum vp_stat why = VP_STAT_QUEUE_FULL;
	u64 counter;
	bool idle;

	vp_tx_cb(skb, kp, VP_MSG_DATA, dsfield);
	spin_lock_bh(&queue->lock);
	if (unlikely(skb_queue_len(queue) >= VP_MAX_QUEUED))
		goto drop;
	/*
	 * Counters are taken in queue order, which is the order of sending:
	 * the receiver sees them rise.
	 */
	counter = atomic64_fetch_add_unless(&kp->tx_counter, 1,
					    VP_REJECT_AFTER_MESSAGES);
	why = VP_STAT_NONCE_EXHAUSTED;
	if (counter >= VP_REJECT_AFTER_MESSAGES)
		goto drop;
	VP_CB(skb)->counter = counter;
	dev_hold(peer->vp->dev);
	idle = vp_serial_idle(&peer->tx);
	__skb_queue_tail(queue, skb);
	spin_unlock_bh(&queue->lock);

	vp_queue_crypt(&peer->tx, skb, idle);
	return;

drop:
	spin_unlock_bh(&queue->lock);
	vp_tx_drop(peer, skb, why);
	vp_keypair_put(kp);
}

/* Seals a packet from the encrypt queue with the worker's request. */
static int vp_seal_queued(struct vp_crypt_worker *w, struct sk_buff *skb)
{
	struct aead_request *req;
	DECLARE_CRYPTO_WAIT(wait);
	int err;

	err = vp_seal_reuse(skb, &req, &w->req, &w->req_size, GFP_KERNEL);
	if (err)
		return err;
	/* Process context: an asynchronous driver is waited for. */
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG |
				  CRYPTO_TFM_REQ_MAY_SLEEP, crypto_req_done,
				  &wait);
	return crypto_wait_req(crypto_aead_encrypt(req), &wait);
}

/* A CPU's worker of the device's encrypt queue. */
void vp_encrypt_worker(struct work_struct *work)
{
	struct vp_crypt_worker *w = container_of(work, struct vp_crypt_worker,
						 work);
	struct sk_buff *skb;

	while ((skb = ptr_ring_consume_bh(&w->queue->ring))) {
		vp_queue_mark(skb, vp_seal_queued(w, skb), VP_TX);
		cond_resched();
	}
}

/*
 * Sends an inner packet, a GSO one as its segments, each under a counter
 * of its own. Takes over skb and the reference to kp.
 */
static void vp_send_data(struct vp_keypair *kp, struct sk_buff *skb,
			 u8 dsfield)
{
	struct sk_buff *segs = NULL, *next;

	if (skb_is_gso(skb)) {
		/*
		 * No features: the segments come out linear, with their
		 * checksums done, ready to be encrypted in place. NULL: skb
		 * is a single segment already.
		 */
		segs = skb_gso_segment(skb, 0);
		if (IS_ERR(segs)) {
			vp_tx_drop(kp->peer, skb, VP_STAT_TX_ERROR);
			vp_keypair_put(kp);
			return;
		}
	}
	if (segs)
		consume_skb(skb);
	else
		segs = skb;
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		/* The tag seals the packet: its checksum must be final. */
		if (skb->ip_summed == CHECKSUM_PARTIAL &&
		    skb_checksum_help(skb)) {
			vp_tx_drop(kp->peer, skb, VP_STAT_TX_ERROR);
			continue;
		}
		vp_queue_data(vp_keypair_get(kp), skb, dsfield);
	}
	vp_keypair_put(kp);
}

/*
 * Whether skb, an inner packet for peer, is refused because its
 * encapsulation would not fit the underlay path: a DF IPv4 packet, or an
 * IPv6 one (unless the path is below IPv6's minimum MTU, which no ICMPv6
 * can ask for), gets ICMP "fragmentation needed" / "packet too big" with
 * the inner MTU of the path, as ip_tunnel's tnl_update_pmtu() answers.
 * The rest goes on, to be fragmented by the underlay. skb is not consumed.
 */
static bool vp_too_big(struct vp_peer *peer, struct sk_buff *skb, u8 family)
{
	int mtu = vp_socket_inner_mtu(peer->vp, peer);

	if (!mtu)
		return false;
	/* A GSO packet fits when each of its segments will. */
	if (skb_is_gso(skb) ? skb_gso_validate_network_len(skb, mtu) :
			      skb->len <= mtu)
		return false;
	if (family == VP_AF_INET) {
		/* vp_skb_inner() pulled the header to skb->data. */
		if (!(((struct iphdr *)skb->data)->frag_off & htons(IP_DF)))
			return false;
		skb_dst_update_pmtu_no_confirm(skb, mtu);
		icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
			      htonl(mtu));
	} else {
		if (mtu < IPV6_MIN_MTU)
			return false;
		skb_dst_update_pmtu_no_confirm(skb, mtu);
		icmpv6_ndo_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
	}
	return true;
}

static void vp_unreachable(struct sk_buff *skb, u8 family)
{
	if (family == VP_AF_INET)
		icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
	else
		icmpv6_ndo_send(skb, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH,
				0);
}

/* ndo_start_xmit; runs under rcu_read_lock_bh. */
netdev_tx_t vp_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vp_device *vp = netdev_priv(dev);
	const struct vp_lpm_entry *route;
	struct vp_keypair *kp;
	struct vp_peer *peer;
	struct vp_inner in;

	if (vp_skb_inner(skb, &in)) {
		/* An error of the sender's, not a drop: tx_errors. */
		trace_vpcpeer_drop(dev, "", skb, VP_STAT_TX_MALFORMED, false,
				   true);
		vp_stat_inc(vp->stats, VP_STAT_TX_MALFORMED);
		DEV_STATS_INC(dev, tx_errors);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	route = vp_lpm_lookup(rcu_dereference_bh(vp->route_table), in.family,
			      in.dst);
	if (!route) {
		vp_unreachable(skb, in.family);
		vp_drop(vp, NULL, skb, VP_STAT_NO_ROUTE, VP_DROP_INNER);
		return NETDEV_TX_OK;
	}
	peer = vp_peer_get(route->value);
	if (!peer) {
		vp_drop(vp, NULL, skb, VP_STAT_BLACKHOLE, VP_DROP_INNER);
		return NETDEV_TX_OK;
	}
	/* Only traffic that originates in this VPC may use a peering. */
	if (!vp_lpm_lookup(rcu_dereference_bh(vp->own_cidrs), in.family,
			   in.src)) {
		vp_tx_drop(peer, skb, VP_STAT_TRANSITIVE_SRC);
		goto out;
	}
	if (pskb_trim(skb, in.len)) {
		vp_tx_drop(peer, skb, VP_STAT_TX_ERROR);
		goto out;
	}
	if (vp_too_big(peer, skb, in.family)) {
		vp_tx_drop(peer, skb, VP_STAT_MTU);
		goto out;
	}
	/* Only an active peering with a live key carries data. */
	kp = NULL;
	if (READ_ONCE(peer->state.state) == VP_STATE_ACTIVE)
		kp = vp_session_tx_keypair(peer);
	if (!kp) {
		vp_tx_drop(peer, skb, VP_STAT_NOT_ACTIVE);
		goto out;
	}
	skb_get_hash(skb);	/* the inner flow's, for the outer port */
	vp_send_data(kp, skb, in.dsfield);
out:
	vp_peer_put(peer);
	return NETDEV_TX_OK;
}
