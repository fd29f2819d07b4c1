// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: route lookup, the origin check that keeps peering
 * non-transitive, AES-GCM encryption and hand-off to the underlay.
 */
#include "datapath.h"
#include "compat.h"
#include "socket.h"
#include "wire.h"

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/dst.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ipv6.h>

static void vp_tx_drop(struct vp_peer *peer, struct sk_buff *skb,
		       enum vp_stat why)
{
	vp_stat_inc(peer->stats, why);
	DEV_STATS_INC(peer->vp->dev, tx_dropped);
	kfree_skb(skb);
}

/* After encryption (inline or from the crypto driver's completion). */
static void vp_send_finish(struct sk_buff *skb, int err)
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
		vp_tx_drop(peer, skb, VP_STAT_TX_ERROR);
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

void vp_send_keypair(struct vp_keypair *kp, struct sk_buff *skb, u8 type,
		     u8 dsfield)
{
	struct vp_peer *peer = kp->peer;
	struct net_device *dev = peer->vp->dev;
	unsigned int len = skb->len;
	struct aead_request *req;
	struct scatterlist *sg;
	struct sk_buff *trailer;
	struct vp_hdr *hdr;
	u64 counter;
	int nsg, err;
	void *crypt;
	u8 *iv;

	/* Never reuse a counter under a key: stop short of the limit. */
	counter = atomic64_fetch_add_unless(&kp->tx_counter, 1,
					    VP_REJECT_AFTER_MESSAGES);
	if (counter >= VP_REJECT_AFTER_MESSAGES) {
		vp_tx_drop(peer, skb, VP_STAT_NONCE_EXHAUSTED);
		goto out;
	}
	if (skb_cow_head(skb, dev->needed_headroom))
		goto drop;
	nsg = skb_cow_data(skb, VP_TAG_LEN, &trailer);
	if (nsg < 0)
		goto drop;
	crypt = vp_aead_request_alloc(kp->tx.tfm, nsg, &req, &iv, &sg);
	if (!crypt)
		goto drop;

	hdr = skb_push(skb, VP_HDR_LEN);
	vp_hdr_build(hdr, type, kp->key_id, kp->remote_index, counter);
	pskb_put(skb, trailer, VP_TAG_LEN);
	sg_init_table(sg, nsg);
	err = skb_to_sgvec(skb, sg, 0, skb->len);
	if (unlikely(err < 0)) {
		kfree(crypt);
		goto drop;
	}
	vp_nonce(iv, &kp->tx, counter);
	aead_request_set_callback(req, 0, vp_encrypt_done, skb);
	aead_request_set_crypt(req, sg, sg, len, iv);
	aead_request_set_ad(req, VP_HDR_LEN);

	VP_CB(skb)->crypt = crypt;
	VP_CB(skb)->kp = kp;
	VP_CB(skb)->len = len;
	VP_CB(skb)->dsfield = dsfield;
	VP_CB(skb)->type = type;
	dev_hold(dev);
	err = crypto_aead_encrypt(req);
	if (err == -EINPROGRESS)
		return;
	vp_send_finish(skb, err);
	return;

drop:
	vp_tx_drop(peer, skb, VP_STAT_TX_ERROR);
out:
	vp_keypair_put(kp);
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
		vp_send_keypair(vp_keypair_get(kp), skb, VP_MSG_DATA, dsfield);
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
		vp_stat_inc(vp->stats, VP_STAT_TX_MALFORMED);
		DEV_STATS_INC(dev, tx_errors);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	route = vp_lpm_lookup(rcu_dereference_bh(vp->route_table), in.family,
			      in.dst);
	if (!route) {
		vp_unreachable(skb, in.family);
		vp_device_drop(vp, skb, VP_STAT_NO_ROUTE, false);
		return NETDEV_TX_OK;
	}
	peer = vp_peer_get(route->value);
	if (!peer) {
		vp_device_drop(vp, skb, VP_STAT_BLACKHOLE, false);
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
