// SPDX-License-Identifier: GPL-2.0
/*
 * Peerings: creation with the checks peering semantics ask for, lookup by
 * pcx id, lifetime. Their sessions are session.c's.
 */
#include "peer.h"
#include "compat.h"
#include "datapath.h"
#include "netlink.h"

#include <linux/slab.h>

static struct workqueue_struct *vp_wq;

/* Where peerings and keypairs are freed; drained at module exit. */
struct workqueue_struct *vp_peer_wq(void)
{
	return vp_wq;
}

struct vp_peer *vp_peer_find(struct vp_device *vp, const char *pcx)
{
	struct vp_peer *peer;

	lockdep_assert_held(&vp->conf_lock);
	list_for_each_entry(peer, &vp->peers, list)
		if (!strcmp(peer->pcx, pcx))
			return peer;
	return NULL;
}

static void vp_peer_free_work(struct work_struct *work)
{
	struct vp_peer *peer = container_of(to_rcu_work(work), struct vp_peer,
					    free_work);

	vp_session_free(peer);
	dst_cache_destroy(&peer->dst_cache);
	free_percpu(peer->stats);
	vp_lpm_free(peer->cidrs);
	kfree(peer);
}

static void vp_peer_release(struct kref *kref)
{
	struct vp_peer *peer = container_of(kref, struct vp_peer, refcount);

	INIT_RCU_WORK(&peer->free_work, vp_peer_free_work);
	queue_rcu_work(vp_wq, &peer->free_work);
}

void vp_peer_put(struct vp_peer *peer)
{
	if (peer)
		kref_put(&peer->refcount, vp_peer_release);
}

/* Refusals that need no allocation: semantics.md, "What is refused". */
static int vp_peer_check(struct vp_device *vp, const struct vp_peer_config *cfg,
			 struct netlink_ext_ack *extack)
{
	const struct vp_lpm *own = rcu_dereference_protected(vp->own_cidrs,
				lockdep_is_held(&vp->conf_lock));
	struct vp_peer *peer;
	size_t i, j;

	if (!vp->vpc_id[0]) {
		vp_err(extack, NULL,
		       "set the device's vpc-id and cidrs first",
		       "%s has no vpc-id: set the device's vpc-id and cidrs first",
		       vp->dev->name);
		return -EINVAL;
	}
	if (!strcmp(cfg->remote_vpc, vp->vpc_id)) {
		vp_err(extack, NULL, "remote-vpc is this VPC",
		       "remote-vpc %s is this VPC", cfg->remote_vpc);
		return -EINVAL;
	}
	if (vp_peer_find(vp, cfg->pcx)) {
		vp_err(extack, NULL, "the peering exists",
		       "peering %s exists", cfg->pcx);
		return -EEXIST;
	}
	list_for_each_entry(peer, &vp->peers, list) {
		if (!strcmp(peer->remote_vpc, cfg->remote_vpc)) {
			vp_err(extack, NULL,
			       "a peering with that remote VPC exists already",
			       "a peering with %s exists already: %s",
			       cfg->remote_vpc, peer->pcx);
			return -EEXIST;
		}
	}
	if (vp->n_peers >= VPCPEER_MAX_PEERS) {
		vp_err(extack, NULL, "too many peerings",
		       "%s has %u peerings, the limit", vp->dev->name,
		       VPCPEER_MAX_PEERS);
		return -ENOSPC;
	}
	for (i = 0; i < cfg->n_cidrs; i++) {
		for (j = 0; j < vp_lpm_count(own); j++) {
			const struct vp_prefix *mine =
				&vp_lpm_entry_at(own, j)->prefix;

			char a[VP_PREFIX_STR], b[VP_PREFIX_STR];

			if (vp_prefix_overlap(&cfg->cidrs[i], mine)) {
				vp_err(extack, NULL,
				       "a cidr overlaps one of this VPC's",
				       "cidr %s of %s overlaps %s of this VPC (%s)",
				       vp_prefix_str(a, &cfg->cidrs[i]),
				       cfg->remote_vpc, vp_prefix_str(b, mine),
				       vp->vpc_id);
				return -EINVAL;
			}
		}
	}
	return 0;
}

struct vp_peer *vp_peer_create(struct vp_device *vp,
			       const struct vp_peer_config *cfg,
			       struct netlink_ext_ack *extack)
{
	struct vp_peer *peer;
	int ret;

	lockdep_assert_held(&vp->conf_lock);
	ret = vp_peer_check(vp, cfg, extack);
	if (ret)
		return ERR_PTR(ret);

	peer = kzalloc(sizeof(*peer), GFP_KERNEL);
	if (!peer)
		return ERR_PTR(-ENOMEM);
	peer->vp = vp;
	kref_init(&peer->refcount);
	strscpy(peer->pcx, cfg->pcx, sizeof(peer->pcx));
	strscpy(peer->remote_vpc, cfg->remote_vpc, sizeof(peer->remote_vpc));
	strscpy(peer->region, cfg->region ?: "", sizeof(peer->region));
	rwlock_init(&peer->endpoint_lock);
	peer->endpoint = cfg->endpoint;
	peer->cipher = cfg->cipher;
	vp_session_init_peer(peer, cfg->secret);
	peer->keepalive = cfg->keepalive;
	peer->dead_after = cfg->dead_after;
	vp_serial_init(&peer->tx, peer, VP_TX);
	vp_serial_init(&peer->rx, peer, VP_RX);
	peer->serial_cpu = nr_cpu_ids;

	peer->cidrs = vp_cidrs_build(cfg->cidrs, cfg->n_cidrs, &ret);
	if (!peer->cidrs) {
		if (ret == -EEXIST)
			vp_err(extack, NULL, "a cidr is given twice",
			       "a cidr of %s is given twice", cfg->pcx);
		goto err_peer;
	}
	/* Routes left from an earlier peering under this pcx id. */
	ret = vp_routes_check_peer(vp, peer, extack);
	if (ret)
		goto err_cidrs;

	peer->stats = vp_stats_alloc();
	if (!peer->stats) {
		ret = -ENOMEM;
		goto err_cidrs;
	}
	ret = dst_cache_init(&peer->dst_cache, GFP_KERNEL);
	if (ret)
		goto err_stats;

	list_add_tail(&peer->list, &vp->peers);
	vp->n_peers++;
	ret = vp_routes_publish(vp, NULL);
	if (ret) {
		vp_peer_remove(peer);
		return ERR_PTR(ret);
	}
	netdev_dbg(vp->dev, "peering %s with %s: aes-gcm-%u\n", peer->pcx,
		   peer->remote_vpc,
		   peer->cipher == VPCPEER_CIPHER_AES_GCM_128 ? 128 : 256);
	/* Before the first INIT can make it active. */
	vp_notify_peer(peer, VPCPEER_STATE_PENDING_ACCEPTANCE, 0, GFP_KERNEL);
	vp_session_start(peer);
	return peer;

err_stats:
	free_percpu(peer->stats);
err_cidrs:
	vp_lpm_free(peer->cidrs);
err_peer:
	vp_session_free(peer);
	kfree(peer);
	return ERR_PTR(ret);
}

/*
 * Unpublishes a peering (the caller takes it off vp->peers), tells the
 * other end, and stops its sending: a sender that still holds it (a
 * packet in the crypto driver) sends nothing once a grace period has
 * passed. Sleeps.
 */
static void vp_peer_unlink(struct vp_peer *peer)
{
	struct vp_device *vp = peer->vp;

	lockdep_assert_held(&vp->conf_lock);
	vp->n_peers--;
	vp_session_stop(peer);
	vp->generation++;
}

/*
 * After vp_peer_unlink and a grace period, no sender is in
 * vp_socket_send() with the peering: its dst cache can be emptied, while
 * the underlay namespace its routes belong to is still there.
 */
static void vp_peer_drop(struct vp_peer *peer)
{
	dst_cache_reset_now(&peer->dst_cache);
	vp_peer_put(peer);
}

/*
 * Unpublishes a peering and drops the device's reference. The caller has
 * already republished the route table without it (vp_routes_publish with
 * skip = peer), or is tearing the device down. Sleeps.
 */
void vp_peer_remove(struct vp_peer *peer)
{
	list_del(&peer->list);
	vp_peer_unlink(peer);
	synchronize_net();
	vp_queue_peer_purge(peer);
	vp_peer_drop(peer);
}

/* vp_peer_remove for every peering, with one grace period. Sleeps. */
void vp_peer_remove_all(struct vp_device *vp)
{
	struct vp_peer *peer, *tmp;
	LIST_HEAD(gone);

	lockdep_assert_held(&vp->conf_lock);
	if (list_empty(&vp->peers))
		return;
	list_splice_init(&vp->peers, &gone);
	list_for_each_entry(peer, &gone, list)
		vp_peer_unlink(peer);
	synchronize_net();
	list_for_each_entry_safe(peer, tmp, &gone, list) {
		vp_queue_peer_purge(peer);
		vp_peer_drop(peer);
	}
}

int __init vp_peer_init(void)
{
	vp_wq = alloc_workqueue("vpcpeer", 0, 0);
	return vp_wq ? 0 : -ENOMEM;
}

void vp_peer_uninit(void)
{
	/*
	 * Every keypair's rcu_work has been queued by now: run them. Each
	 * may put the last reference to its peering, whose own rcu_work
	 * is queued then: run those too.
	 */
	rcu_barrier();
	flush_workqueue(vp_wq);
	rcu_barrier();
	destroy_workqueue(vp_wq);
}
