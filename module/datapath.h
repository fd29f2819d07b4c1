/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_DATAPATH_H
#define _VP_DATAPATH_H

#include "peer.h"
#include "queueing.h"
#include "wire.h"

#include <linux/skbuff.h>

/* State of a packet in flight through the AEAD, in skb->cb. */
struct vp_skb_cb {
	void *crypt;		/* vp_aead_request_alloc() block, or NULL */
	struct vp_keypair *kp;	/* holds a reference */
	u64 counter;
	struct vp_inline_req *inl;	/* busy with this packet, or NULL */
	unsigned int len;	/* inner packet length */
	atomic_t state;		/* enum vp_pkt_state, on the queues */
	int err;		/* why VP_PKT_DEAD */
	u8 dsfield;		/* tx: the inner one; rx: the outer one */
	u8 type;		/* VP_MSG_DATA or VP_MSG_CONTROL */
};

static inline struct vp_skb_cb *VP_CB(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct vp_skb_cb) > sizeof(skb->cb));
	return (struct vp_skb_cb *)skb->cb;
}

/*
 * Pulls the inner IP header into the linear area and parses it from there:
 * nothing beyond the bytes pulled is read. 0 or -EINVAL.
 */
static inline int vp_skb_inner(struct sk_buff *skb, struct vp_inner *in)
{
	unsigned int hlen;

	if (!pskb_may_pull(skb, 1))
		return -EINVAL;
	hlen = vp_inner_hdr_len(skb->data[0]);
	if (!hlen || !pskb_may_pull(skb, hlen))
		return -EINVAL;
	return vp_inner_parse(skb->data, skb_headlen(skb), skb->len, in);
}

netdev_tx_t vp_xmit(struct sk_buff *skb, struct net_device *dev);
void vp_encrypt_worker(struct work_struct *work);
void vp_decrypt_worker(struct work_struct *work);
/*
 * The serial stages' ends, with BH disabled: sends a sealed skb, or
 * delivers an opened one, or counts why not (err); puts its keypair and
 * the device.
 */
void vp_send_finish(struct sk_buff *skb, int err);
void vp_receive_finish(struct sk_buff *skb, int err);
/*
 * Seals or opens skb, the head of an idle peering's queue, at once with
 * this CPU's inline request, which the caller found free. -EINPROGRESS:
 * the driver marks skb when done. BH disabled.
 */
int vp_seal_inline(struct vp_device *vp, struct sk_buff *skb);
int vp_open_inline(struct vp_device *vp, struct sk_buff *skb);
/*
 * Encrypts skb's payload under kp and sends it as a message of type; takes
 * over skb and the reference to kp. Caller has BH disabled.
 */
void vp_send_keypair(struct vp_keypair *kp, struct sk_buff *skb, u8 type,
		     u8 dsfield);

#endif /* _VP_DATAPATH_H */
