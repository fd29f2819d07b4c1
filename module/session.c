// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions: the handshake that gives a peering fresh data keys, the key
 * slots, the timers that rekey, retry and keep alive, and the peering's
 * state. Documentation/sessions.rst describes the protocol; handshake.c
 * holds its kernel-independent parts.
 *
 * Locking, outermost first:
 * - peer->hs_lock (mutex): the handshake in progress (peer->init) and
 *   the INIT stamps; taken in process context only (timer work,
 *   handshake work, netlink).
 * - peer->lock (spinlock, _bh): the state, the key slots and removed;
 *   taken anywhere.
 * - vp->index_lock (spinlock, _bh): the index hash's writers.
 * The data path reads the slots and the index hash under RCU.
 */
#include "session.h"
#include "datapath.h"
#include "device.h"
#include "netlink.h"
#include "peer.h"
#include "socket.h"

#include <crypto/curve25519.h>
#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>

static struct hlist_head *vp_index_bucket(struct vp_device *vp, u32 index)
{
	return &vp->index_hash[hash_32(index, VP_INDEX_HASH_BITS)];
}

/* Caller holds rcu_read_lock (or rcu_read_lock_bh). */
struct vp_keypair *vp_keypair_by_index(struct vp_device *vp, u32 index)
{
	struct vp_keypair *kp;

	hlist_for_each_entry_rcu(kp, vp_index_bucket(vp, index), index_node)
		if (kp->local_index == index)
			return kp;
	return NULL;
}

static void vp_keypair_free_work(struct work_struct *work)
{
	struct vp_keypair *kp = container_of(to_rcu_work(work),
					     struct vp_keypair, free_work);

	crypto_free_aead(kp->tx.tfm);
	crypto_free_aead(kp->rx.tfm);
	vp_peer_put(kp->peer);
	kfree_sensitive(kp);
}

static void vp_keypair_release(struct kref *kref)
{
	struct vp_keypair *kp = container_of(kref, struct vp_keypair, refcount);

	INIT_RCU_WORK(&kp->free_work, vp_keypair_free_work);
	queue_rcu_work(vp_peer_wq(), &kp->free_work);
}

void vp_keypair_put(struct vp_keypair *kp)
{
	if (kp)
		kref_put(&kp->refcount, vp_keypair_release);
}

/* Takes kp off the index hash and drops the slot's reference. */
static void vp_keypair_retire(struct vp_keypair *kp)
{
	struct vp_device *vp;

	if (!kp)
		return;
	vp = kp->peer->vp;
	spin_lock_bh(&vp->index_lock);
	hlist_del_init_rcu(&kp->index_node);
	spin_unlock_bh(&vp->index_lock);
	vp_keypair_put(kp);
}

/*
 * A keypair for the session keys sk, indexed under a fresh random index.
 * Process context: allocating the AEAD transforms sleeps.
 */
static struct vp_keypair *vp_keypair_new(struct vp_peer *peer,
					 const struct vp_session_keys *sk,
					 u32 local_index, u32 remote_index,
					 bool initiator)
{
	struct vp_device *vp = peer->vp;
	struct vp_keypair *kp;
	int ret;

	kp = kzalloc(sizeof(*kp), GFP_KERNEL);
	if (!kp)
		return NULL;
	ret = vp_key_set(&kp->tx, sk->tx.key, sk->key_len, sk->tx.salt);
	if (ret)
		goto err;
	ret = vp_key_set(&kp->rx, sk->rx.key, sk->key_len, sk->rx.salt);
	if (ret)
		goto err;
	kref_init(&kp->refcount);
	spin_lock_init(&kp->replay_lock);
	vp_replay_init(&kp->replay);
	kp->peer = vp_peer_get(peer);
	if (!kp->peer)
		goto err;
	kp->local_index = local_index;
	kp->remote_index = remote_index;
	kp->initiator = initiator;
	kp->confirmed = initiator;
	kp->created = ktime_get_boottime_ns();
	kp->key_id = peer->key_seq++;
	spin_lock_bh(&vp->index_lock);
	hlist_add_head_rcu(&kp->index_node, vp_index_bucket(vp, local_index));
	spin_unlock_bh(&vp->index_lock);
	return kp;
err:
	crypto_free_aead(kp->tx.tfm);
	crypto_free_aead(kp->rx.tfm);
	kfree_sensitive(kp);
	return NULL;
}

/*
 * A random index no keypair of the device uses yet. It may be taken by
 * the time the keypair is indexed, which only costs that keypair's
 * packets an unknown_peer drop: 2^32 makes that rare enough.
 */
static u32 vp_random_index(struct vp_device *vp)
{
	u32 index;

	rcu_read_lock();
	do
		index = get_random_u32();
	while (vp_keypair_by_index(vp, index));
	rcu_read_unlock();
	return index;
}

static bool vp_keypair_expired(const struct vp_keypair *kp, u64 now)
{
	return vp_age(now, kp->created) >= VP_REJECT_AFTER_TIME ||
	       atomic64_read(&kp->tx_counter) >= VP_REJECT_AFTER_MESSAGES;
}

struct vp_keypair *vp_session_tx_keypair(struct vp_peer *peer)
{
	struct vp_keypair *kp;

	rcu_read_lock_bh();
	kp = rcu_dereference_bh(peer->keys_cur);
	if (kp && vp_keypair_expired(kp, ktime_get_boottime_ns()))
		kp = NULL;
	kp = vp_keypair_get(kp);
	rcu_read_unlock_bh();
	return kp;
}

/*
 * Arms the peering's timer after delay jiffies, unless it is going. The
 * timer runs unbound: its handshakes (an X25519 each) go to an idle CPU,
 * not after the work of the CPU that armed it.
 */
static void vp_session_kick(struct vp_peer *peer, unsigned long delay)
{
	spin_lock_bh(&peer->lock);
	if (!peer->removed)
		mod_delayed_work(system_unbound_wq, &peer->timer, delay);
	spin_unlock_bh(&peer->lock);
}

/*
 * Under peer->lock: the state after ev, logged and announced (PEER_NTF)
 * when it changes.
 */
static void vp_state_event(struct vp_peer *peer, enum vp_event ev, u8 status)
{
	struct vp_peer_state old = peer->state;

	lockdep_assert_held(&peer->lock);
	vp_state_next(&peer->state, ev, status);
	if (old.state == peer->state.state && old.reason == peer->state.reason)
		return;
	netdev_info(peer->vp->dev, "peering %s: %s%s%s\n", peer->pcx,
		    vp_state_name(peer->state.state),
		    peer->state.state == VP_STATE_FAILED ? ": " : "",
		    peer->state.state == VP_STATE_FAILED ?
		    vp_hs_status_name(peer->state.reason) : "");
	vp_notify_peer(peer, peer->state.state, peer->state.reason, GFP_ATOMIC);
}

/* Under peer->lock: takes kp out of *slot and retires what was there. */
static void vp_session_slot(struct vp_peer *peer,
			    struct vp_keypair __rcu **slot,
			    struct vp_keypair *kp)
{
	vp_keypair_retire(rcu_replace_pointer(*slot, kp,
					      lockdep_is_held(&peer->lock)));
}

/* Under peer->lock: empties every slot. */
static void vp_session_clear_slots(struct vp_peer *peer)
{
	vp_session_slot(peer, &peer->keys_cur, NULL);
	vp_session_slot(peer, &peer->keys_prev, NULL);
	vp_session_slot(peer, &peer->keys_next, NULL);
}

/*
 * Under peer->lock: kp, confirmed, becomes current. A peering that is
 * going takes no new keys (they would hold it forever).
 */
static void vp_session_install(struct vp_peer *peer, struct vp_keypair *kp)
{
	struct vp_keypair *old;

	lockdep_assert_held(&peer->lock);
	if (peer->removed) {
		vp_keypair_retire(kp);
		return;
	}
	old = rcu_replace_pointer(peer->keys_cur, kp,
				  lockdep_is_held(&peer->lock));
	vp_session_slot(peer, &peer->keys_prev, old);
	WRITE_ONCE(peer->last_handshake, ktime_get_real_ns());
	WRITE_ONCE(peer->answered, true);
	vp_notify_session(peer, kp);
	vp_state_event(peer, VP_EV_CONFIRMED, 0);
	/*
	 * A deleted or failed peering's timer had stopped: an active one
	 * keeps alive and rekeys (vp_session_kick(), but under the lock).
	 */
	mod_delayed_work(system_unbound_wq, &peer->timer, HZ);
}

/* ------------------------------------------------------------- messages */

/* What this end says of the peering in its handshake messages. */
static void vp_session_info(struct vp_peer *peer, struct vp_hs_info *in)
{
	struct vp_device *vp = peer->vp;
	const struct vp_lpm *own;
	unsigned int i, n;

	memset(in, 0, sizeof(*in));
	strscpy(in->pcx, peer->pcx, sizeof(in->pcx));
	strscpy(in->sender_vpc, vp->vpc_id, sizeof(in->sender_vpc));
	strscpy(in->receiver_vpc, peer->remote_vpc, sizeof(in->receiver_vpc));
	in->cipher = peer->cipher;
	rcu_read_lock();
	own = rcu_dereference(vp->own_cidrs);
	n = min_t(unsigned int, vp_lpm_count(own), VP_HS_MAX_CIDRS);
	for (i = 0; i < n; i++)
		in->cidrs[i] = vp_lpm_entry_at(own, i)->prefix;
	rcu_read_unlock();
	in->n_cidrs = n;
}

/*
 * A message of the session's own (handshake, keepalive, control) is no
 * inner flow's: its outer source port comes from the peering, and the
 * flow dissector never sees it (an skb with no device and no socket has
 * no namespace to dissect in).
 */
static void vp_session_skb_hash(struct vp_peer *peer, struct sk_buff *skb)
{
	skb_set_hash(skb, hash_ptr(peer, 32), PKT_HASH_TYPE_L4);
}

/*
 * Sends a handshake message to the address to, or to the peering's
 * endpoint (to NULL). A RESP goes where its INIT came from: an initiator
 * that moved is answered, while the endpoint itself moves only on an
 * authentic packet of a session.
 */
static void vp_session_send_hs(struct vp_peer *peer, const struct vp_msg_hs *m,
			       const union vp_endpoint *to)
{
	struct vp_device *vp = peer->vp;
	struct sk_buff *skb;

	skb = alloc_skb(vp->dev->needed_headroom + VP_HS_MSG_LEN, GFP_KERNEL);
	if (!skb)
		return;
	skb_reserve(skb, vp->dev->needed_headroom);
	skb_put_data(skb, m, VP_HS_MSG_LEN);
	vp_session_skb_hash(peer, skb);
	rcu_read_lock_bh();
	if (vp_socket_send_to(vp, peer, skb, 0, to))
		vp_stat_inc(peer->stats, VP_STAT_TX_ERROR);
	rcu_read_unlock_bh();
}

/* Under hs_lock: sends a new INIT. */
static void vp_session_initiate(struct vp_peer *peer)
{
	struct vp_hs_msg *msg;
	u64 ts;

	lockdep_assert_held(&peer->hs_lock);
	msg = kzalloc(sizeof(*msg), GFP_KERNEL);
	if (!msg)
		return;
	curve25519_generate_secret(peer->init.priv);
	if (!curve25519_generate_public(msg->ephemeral, peer->init.priv))
		goto out;
	/* Increasing per peering, whatever the clock does meanwhile. */
	ts = max(ktime_get_real_ns(), peer->init_ts + 1);
	peer->init_ts = ts;
	msg->type = VP_MSG_HS_INIT;
	msg->sender_index = vp_random_index(peer->vp);
	msg->timestamp = ts;
	vp_session_info(peer, &msg->info);
	vp_hs_build(&peer->init.msg, &peer->hs_keys, msg, NULL);
	peer->init.index = msg->sender_index;
	peer->init.active = true;
	peer->init.sent = ktime_get_boottime_ns();
	vp_session_send_hs(peer, &peer->init.msg, NULL);
out:
	kfree_sensitive(msg);
}

/* Encrypts and sends a control message (or a keepalive: opcode 0). */
static void vp_session_send_control(struct vp_peer *peer, u8 opcode, u8 reason)
{
	struct vp_keypair *kp = vp_session_tx_keypair(peer);
	struct sk_buff *skb;
	u8 *p;

	if (!kp)
		return;
	skb = alloc_skb(peer->vp->dev->needed_headroom + 4 + VP_TAG_LEN,
			GFP_KERNEL);
	if (!skb) {
		vp_keypair_put(kp);
		return;
	}
	skb_reserve(skb, peer->vp->dev->needed_headroom);
	if (opcode) {
		p = skb_put_zero(skb, 4);
		p[0] = opcode;
		p[1] = reason;
	}
	vp_session_skb_hash(peer, skb);
	local_bh_disable();
	vp_send_keypair(kp, skb, opcode ? VP_MSG_CONTROL : VP_MSG_DATA, 0);
	local_bh_enable();
}

/* ------------------------------------------------------------ handshake */

/* Under hs_lock: a parsed INIT from src, its MAC verified. */
static void vp_session_on_init(struct vp_peer *peer,
			       const struct sk_buff *skb,
			       const struct vp_hs_msg *in,
			       const union vp_endpoint *src)
{
	const struct vp_msg_hs *m = (const void *)skb->data;
	u8 priv[CURVE25519_KEY_SIZE], dh[CURVE25519_KEY_SIZE];
	struct vp_session_keys *sk = NULL;
	struct vp_hs_msg *out = NULL;
	struct vp_msg_hs *resp = NULL;
	struct vp_keypair *kp;
	u64 pending_ts;
	u8 status;
	bool live;

	lockdep_assert_held(&peer->hs_lock);
	spin_lock_bh(&peer->lock);
	live = peer->state.state == VP_STATE_ACTIVE &&
	       vp_age(ktime_get_boottime_ns(), READ_ONCE(peer->last_rx)) <
	       (u64)peer->dead_after * NSEC_PER_SEC;
	/* Only a session still waiting for its confirmation is pending. */
	pending_ts = rcu_access_pointer(peer->keys_next) ?
		     peer->next_init_ts : 0;
	spin_unlock_bh(&peer->lock);
	if (!vp_hs_ts_fresh(in->timestamp, peer->cur_init_ts, pending_ts,
			    live)) {
		vp_count_drop(peer->vp, peer, skb, VP_STAT_HS_STALE,
			      VP_DROP_RX);
		return;
	}

	out = kzalloc(sizeof(*out), GFP_KERNEL);
	resp = kmalloc(sizeof(*resp), GFP_KERNEL);
	sk = kmalloc(sizeof(*sk), GFP_KERNEL);
	if (!out || !resp || !sk)
		goto out;
	vp_session_info(peer, &out->info);
	status = vp_hs_check(&in->info, &out->info);
	out->type = VP_MSG_HS_RESP;
	out->status = status;
	out->sender_index = vp_random_index(peer->vp);
	out->receiver_index = in->sender_index;
	curve25519_generate_secret(priv);
	if (!curve25519_generate_public(out->ephemeral, priv))
		goto out;
	vp_hs_build(resp, &peer->hs_keys, out, m);
	peer->cur_init_ts = max(peer->cur_init_ts, in->timestamp);
	if (status != VP_HS_OK) {
		spin_lock_bh(&peer->lock);
		vp_session_clear_slots(peer);
		vp_state_event(peer, VP_EV_REJECTED, status);
		spin_unlock_bh(&peer->lock);
		vp_session_send_hs(peer, resp, src);
		goto out;
	}
	if (!curve25519(dh, priv, in->ephemeral))
		goto out;	/* a low-order share */
	if (vp_hs_session_keys(sk, &peer->hs_keys, dh, m, resp, false,
			       peer->cipher == VPCPEER_CIPHER_AES_GCM_128 ?
			       16 : 32))
		goto out;
	kp = vp_keypair_new(peer, sk, out->sender_index, in->sender_index,
			    false);
	if (!kp)
		goto out;
	/* Next, until a packet under it proves the initiator holds it. */
	spin_lock_bh(&peer->lock);
	if (peer->removed)
		vp_keypair_retire(kp);
	else
		vp_session_slot(peer, &peer->keys_next, kp);
	spin_unlock_bh(&peer->lock);
	peer->next_init_ts = in->timestamp;
	vp_session_send_hs(peer, resp, src);
out:
	memzero_explicit(priv, sizeof(priv));
	memzero_explicit(dh, sizeof(dh));
	kfree_sensitive(sk);
	kfree_sensitive(out);
	kfree(resp);
}

/* Under hs_lock: a parsed RESP, to the INIT in flight (MAC unchecked). */
static void vp_session_on_resp(struct vp_peer *peer,
			       const struct sk_buff *skb,
			       const struct vp_hs_msg *in)
{
	const struct vp_msg_hs *m = (const void *)skb->data;
	struct vp_session_keys *sk = NULL;
	struct vp_hs_info *ours = NULL;
	u8 dh[CURVE25519_KEY_SIZE];
	struct vp_keypair *kp;
	u8 status;

	lockdep_assert_held(&peer->hs_lock);
	if (!peer->init.active || in->receiver_index != peer->init.index) {
		vp_count_drop(peer->vp, peer, skb, VP_STAT_HS_STALE,
			      VP_DROP_RX);
		return;
	}
	if (!vp_hs_mac_ok(m, &peer->hs_keys, &peer->init.msg)) {
		vp_count_drop(peer->vp, peer, skb, VP_STAT_HS_BAD_MAC,
			      VP_DROP_RX);
		return;
	}
	/* This INIT is answered: a replayed RESP finds nothing now. */
	peer->init.active = false;
	ours = kmalloc(sizeof(*ours), GFP_KERNEL);
	sk = kmalloc(sizeof(*sk), GFP_KERNEL);
	if (!ours || !sk)
		goto out;
	vp_session_info(peer, ours);
	status = in->status;
	if (status == VP_HS_OK)
		status = vp_hs_check(&in->info, ours);
	if (status != VP_HS_OK) {
		spin_lock_bh(&peer->lock);
		vp_session_clear_slots(peer);
		vp_state_event(peer, VP_EV_REJECTED, status);
		spin_unlock_bh(&peer->lock);
		goto out;
	}
	if (!curve25519(dh, peer->init.priv, in->ephemeral))
		goto out;
	if (vp_hs_session_keys(sk, &peer->hs_keys, dh, &peer->init.msg, m,
			       true, peer->cipher == VPCPEER_CIPHER_AES_GCM_128 ?
			       16 : 32))
		goto out;
	kp = vp_keypair_new(peer, sk, peer->init.index, in->sender_index, true);
	if (!kp)
		goto out;
	spin_lock_bh(&peer->lock);
	vp_session_install(peer, kp);
	spin_unlock_bh(&peer->lock);
	/* Confirms the session to the responder at once. */
	vp_session_send_control(peer, 0, 0);
out:
	memzero_explicit(peer->init.priv, sizeof(peer->init.priv));
	memzero_explicit(dh, sizeof(dh));
	kfree_sensitive(sk);
	kfree(ours);
}

/*
 * The peering a handshake names, with a reference. conf_lock is held only
 * for the lookup: nothing holding it waits for this work.
 */
static struct vp_peer *vp_session_peer(struct vp_device *vp, const char *pcx)
{
	struct vp_peer *peer;

	mutex_lock(&vp->conf_lock);
	peer = vp_peer_get(vp_peer_find(vp, pcx));
	mutex_unlock(&vp->conf_lock);
	return peer;
}

static void vp_session_handle(struct vp_device *vp, struct sk_buff *skb)
{
	const struct vp_msg_hs *m = (const void *)skb->data;
	struct vp_hs_msg *in;
	struct vp_peer *peer;

	in = kmalloc(sizeof(*in), GFP_KERNEL);
	if (!in)
		return;
	if (vp_hs_parse(skb->data, skb->len, in)) {
		vp_count_drop(vp, NULL, skb, VP_STAT_MALFORMED, VP_DROP_RX);
		goto out;
	}
	peer = vp_session_peer(vp, in->info.pcx);
	if (!peer) {
		vp_count_drop(vp, NULL, skb, VP_STAT_UNKNOWN_PEER,
			      VP_DROP_RX);
		goto out;
	}
	mutex_lock(&peer->hs_lock);
	if (READ_ONCE(peer->removed)) {
		/* Going: nothing to answer. */
	} else if (in->type == VP_MSG_HS_RESP) {
		vp_session_on_resp(peer, skb, in);
	} else if (!vp_hs_mac_ok(m, &peer->hs_keys, NULL)) {
		vp_count_drop(vp, peer, skb, VP_STAT_HS_BAD_MAC, VP_DROP_RX);
		spin_lock_bh(&peer->lock);
		vp_state_event(peer, VP_EV_BAD_MAC, 0);
		spin_unlock_bh(&peer->lock);
	} else {
		/* To the INIT's address, at the peering's port. */
		vp_socket_peer_port(peer, &VP_HS_CB(skb)->src);
		vp_session_on_init(peer, skb, in, &VP_HS_CB(skb)->src);
	}
	mutex_unlock(&peer->hs_lock);
	vp_peer_put(peer);
out:
	kfree(in);
}

static void vp_session_hs_work(struct work_struct *work)
{
	struct vp_device *vp = container_of(work, struct vp_device, hs_work);
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&vp->hs_queue))) {
		vp_session_handle(vp, skb);
		kfree_skb(skb);
		cond_resched();
	}
}

/*
 * Under load, whether the source of skb may have one more message
 * checked: as WireGuard does, a flood from a few addresses then takes
 * only its share of the queue, and the others' handshakes still find
 * room. Softirq.
 */
static bool vp_session_source_ok(struct vp_device *vp, struct sk_buff *skb)
{
	const union vp_endpoint *src = &VP_HS_CB(skb)->src;
	struct vp_rl_entry *e;
	struct in6_addr a;
	bool ok;

	if (src->sa.sa_family == AF_INET)
		ipv6_addr_set_v4mapped(src->in4.sin_addr.s_addr, &a);
	else
		a = src->in6.sin6_addr;
	e = &vp->rl[jhash(&a, sizeof(a), vp->rl_seed) % VP_RL_ENTRIES];
	spin_lock(&vp->rl_lock);
	ok = vp_rl_allow(e, a.s6_addr, ktime_get_boottime_ns());
	spin_unlock(&vp->rl_lock);
	return ok;
}

void vp_session_queue(struct vp_device *vp, struct sk_buff *skb)
{
	unsigned int queued = skb_queue_len(&vp->hs_queue);

	if (queued >= VP_HS_QUEUE_LEN ||
	    (queued >= VP_HS_UNDER_LOAD && !vp_session_source_ok(vp, skb)) ||
	    skb_linearize(skb)) {
		vp_drop(vp, NULL, skb, VP_STAT_HS_DROPPED, VP_DROP_RX);
		return;
	}
	skb_queue_tail(&vp->hs_queue, skb);
	queue_work(system_wq, &vp->hs_work);
}

void vp_session_device_init(struct vp_device *vp)
{
	skb_queue_head_init(&vp->hs_queue);
	INIT_WORK(&vp->hs_work, vp_session_hs_work);
	spin_lock_init(&vp->index_lock);
	spin_lock_init(&vp->rl_lock);
	vp->rl_seed = get_random_u32();
}

/* The sockets are closed: nothing is queued any more. */
void vp_session_device_stop(struct vp_device *vp)
{
	cancel_work_sync(&vp->hs_work);
	skb_queue_purge(&vp->hs_queue);
}

/* ------------------------------------------------------------- receive */

void vp_session_rx(struct vp_keypair *kp, unsigned int len)
{
	struct vp_peer *peer = kp->peer;

	WRITE_ONCE(peer->last_rx, ktime_get_boottime_ns());
	if (likely(READ_ONCE(kp->confirmed)))
		return;
	/* The first authentic packet of the session we answered. */
	spin_lock_bh(&peer->lock);
	if (rcu_access_pointer(peer->keys_next) == kp) {
		WRITE_ONCE(kp->confirmed, true);
		rcu_assign_pointer(peer->keys_next, NULL);
		vp_session_install(peer, kp);
	}
	spin_unlock_bh(&peer->lock);
}

void vp_session_control(struct vp_keypair *kp, u8 opcode, u8 reason)
{
	struct vp_peer *peer = kp->peer;

	spin_lock_bh(&peer->lock);
	switch (opcode) {
	case VP_CONTROL_TEARDOWN:
		vp_session_clear_slots(peer);
		vp_state_event(peer, VP_EV_TEARDOWN, 0);
		break;
	case VP_CONTROL_REJECT:
		if (reason && reason < VP_HS_STATUS_MAX &&
		    reason != VP_HS_SECRET_MISMATCH) {
			vp_session_clear_slots(peer);
			vp_state_event(peer, VP_EV_REJECTED, reason);
		}
		break;
	}
	spin_unlock_bh(&peer->lock);
}

/* --------------------------------------------------------------- timers */

/*
 * How long an unanswered INIT waits to be sent again: VP_REKEY_TIMEOUT,
 * doubling while the peering has been pending ever since it was
 * configured, up to VP_RETRY_MAX. A peering whose other end is not there
 * yet costs little; when that end is configured its own INIT is answered
 * at once, so nothing waits for the longer retry. Under hs_lock.
 */
static u64 vp_session_retry(struct vp_peer *peer, u8 state)
{
	if (state != VP_STATE_PENDING || READ_ONCE(peer->answered))
		return VP_REKEY_TIMEOUT;
	return min_t(u64, VP_REKEY_TIMEOUT << min(peer->init_retries, 4U),
		     VP_RETRY_MAX);
}

/*
 * Once a second while the peering may need something: an INIT while it
 * has no session (again every VP_REKEY_TIMEOUT until answered), a rekey
 * when the current key is old or worn, a keepalive when it has sent
 * nothing for its keepalive interval, and the retirement of keys past
 * their limits.
 */
static void vp_session_timer(struct work_struct *work)
{
	struct vp_peer *peer = container_of(to_delayed_work(work),
					    struct vp_peer, timer);
	struct vp_keypair *cur, *old;
	bool initiate = false;
	u64 now;
	u8 state;

	mutex_lock(&peer->hs_lock);
	spin_lock_bh(&peer->lock);
	/*
	 * Read under the locks, not before: a handshake that held hs_lock
	 * meanwhile stamps its keypair (created) before it publishes it in
	 * a slot under peer->lock, so now is never older than a slot's key.
	 * Read before, now - created wrapped and the newest key expired.
	 */
	now = ktime_get_boottime_ns();
	state = peer->state.state;
	cur = rcu_dereference_protected(peer->keys_cur,
					lockdep_is_held(&peer->lock));
	if (cur && vp_keypair_expired(cur, now)) {
		rcu_assign_pointer(peer->keys_cur, NULL);
		vp_keypair_retire(cur);
		cur = NULL;
	}
	old = rcu_dereference_protected(peer->keys_prev,
					lockdep_is_held(&peer->lock));
	if (old && vp_keypair_expired(old, now)) {
		rcu_assign_pointer(peer->keys_prev, NULL);
		vp_keypair_retire(old);
	}
	old = rcu_dereference_protected(peer->keys_next,
					lockdep_is_held(&peer->lock));
	if (old && vp_age(now, old->created) >= 3 * VP_REKEY_TIMEOUT) {
		rcu_assign_pointer(peer->keys_next, NULL);
		vp_keypair_retire(old);
	}
	/*
	 * A secret mismatch is concluded from unauthenticated messages: keep
	 * asking, so that the other end learns it too and both recover once
	 * the secrets match. Other failures were said by an authentic
	 * message: the end whose configuration changes asks again.
	 */
	if (state == VP_STATE_PENDING || (state == VP_STATE_ACTIVE && !cur) ||
	    (state == VP_STATE_FAILED &&
	     peer->state.reason == VP_HS_SECRET_MISMATCH))
		initiate = true;
	else if (state == VP_STATE_ACTIVE &&
		 ((cur->initiator &&
		   vp_age(now, cur->created) >= VP_REKEY_AFTER_TIME) ||
		  atomic64_read(&cur->tx_counter) >= VP_REKEY_AFTER_MESSAGES))
		initiate = true;
	spin_unlock_bh(&peer->lock);

	if (peer->init_wanted) {
		peer->init_wanted = false;
		vp_session_initiate(peer);
	} else if (initiate &&
		   (!peer->init.active ||
		    vp_age(now, peer->init.sent) >=
		    vp_session_retry(peer, state))) {
		if (peer->init.active && peer->init_retries < UINT_MAX)
			peer->init_retries++;
		vp_session_initiate(peer);
	}
	if (state == VP_STATE_ACTIVE && cur && peer->keepalive &&
	    vp_age(now, READ_ONCE(peer->last_tx)) >=
	    (u64)peer->keepalive * NSEC_PER_SEC)
		vp_session_send_control(peer, 0, 0);
	mutex_unlock(&peer->hs_lock);

	/*
	 * Each tick up to a third of a second late, as WireGuard jitters
	 * its retries: two ends that started together drift apart.
	 */
	if (initiate || state == VP_STATE_ACTIVE)
		vp_session_kick(peer, HZ + get_random_u32_below(HZ / 3));
}

void vp_session_start(struct vp_peer *peer)
{
	mutex_lock(&peer->hs_lock);
	peer->init.active = false;
	peer->init_retries = 0;
	/*
	 * The INIT goes from the timer, now: a thousand peerings configured
	 * at once do not wait for a thousand X25519s.
	 */
	peer->init_wanted = true;
	WRITE_ONCE(peer->answered, false);
	spin_lock_bh(&peer->lock);
	vp_state_event(peer, VP_EV_RECONFIGURED, 0);
	spin_unlock_bh(&peer->lock);
	mutex_unlock(&peer->hs_lock);
	vp_session_kick(peer, 0);
}

void vp_session_stop(struct vp_peer *peer)
{
	/* Three tries: one lost datagram should not leave the peer unaware. */
	vp_session_send_control(peer, VP_CONTROL_TEARDOWN, 0);
	vp_session_send_control(peer, VP_CONTROL_TEARDOWN, 0);
	vp_session_send_control(peer, VP_CONTROL_TEARDOWN, 0);
	spin_lock_bh(&peer->lock);
	peer->removed = true;
	vp_session_clear_slots(peer);
	spin_unlock_bh(&peer->lock);
	cancel_delayed_work_sync(&peer->timer);
}

int vp_session_init_peer(struct vp_peer *peer, const u8 *secret)
{
	spin_lock_init(&peer->lock);
	mutex_init(&peer->hs_lock);
	INIT_DELAYED_WORK(&peer->timer, vp_session_timer);
	peer->state.state = VP_STATE_PENDING;
	vp_hs_keys_derive(&peer->hs_keys, secret, peer->pcx);
	return 0;
}

void vp_session_free(struct vp_peer *peer)
{
	memzero_explicit(&peer->hs_keys, sizeof(peer->hs_keys));
	memzero_explicit(&peer->init, sizeof(peer->init));
	mutex_destroy(&peer->hs_lock);
}
