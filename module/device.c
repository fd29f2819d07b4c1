// SPDX-License-Identifier: GPL-2.0
/*
 * The vpcpeer net_device: link kind "vpcpeer", a layer-3 point-to-point
 * interface with no link-layer header, like wireguard. Its underlay
 * sockets stay in the namespace it was created in; the device itself may
 * move into the VPC's namespace.
 */
#include "device.h"
#include "compat.h"
#include "datapath.h"
#include "peer.h"
#include "session.h"
#include "socket.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

#include <linux/if_arp.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

static LIST_HEAD(vp_device_list);	/* under RTNL */

/*
 * Every dropped packet comes here: it counts against its peering, or the
 * device when no peering is known (peer NULL), and shows on the
 * vpcpeer:vpcpeer_drop tracepoint. skb is left to the caller.
 */
void vp_count_drop(struct vp_device *vp, struct vp_peer *peer,
		   const struct sk_buff *skb, enum vp_stat why,
		   unsigned int flags)
{
	trace_vpcpeer_drop(vp->dev, peer ? peer->pcx : "", skb, why,
			   flags & VP_DROP_RX, flags & VP_DROP_INNER);
	vp_stat_inc(peer ? peer->stats : vp->stats, why);
	if (why == VP_STAT_AUTH_FAIL)
		DEV_STATS_INC(vp->dev, rx_crc_errors);
	if (flags & VP_DROP_RX)
		DEV_STATS_INC(vp->dev, rx_dropped);
	else
		DEV_STATS_INC(vp->dev, tx_dropped);
}

/* A VPC's blocks may not overlap any peer VPC's. */
int vp_device_check_cidrs(struct vp_device *vp, const struct vp_prefix *p,
			  unsigned int n, struct netlink_ext_ack *extack)
{
	char a[VP_PREFIX_STR], b[VP_PREFIX_STR];
	struct vp_peer *peer;
	unsigned int i, j;

	lockdep_assert_held(&vp->conf_lock);
	list_for_each_entry(peer, &vp->peers, list) {
		for (i = 0; i < n; i++) {
			for (j = 0; j < vp_lpm_count(peer->cidrs); j++) {
				const struct vp_prefix *theirs =
					&vp_lpm_entry_at(peer->cidrs, j)->prefix;

				if (!vp_prefix_overlap(&p[i], theirs))
					continue;
				vp_err(extack, NULL,
				       "a cidr overlaps one of a peer VPC's",
				       "cidr %s overlaps %s of peering %s (%s)",
				       vp_prefix_str(a, &p[i]),
				       vp_prefix_str(b, theirs), peer->pcx,
				       peer->remote_vpc);
				return -EINVAL;
			}
		}
	}
	return 0;
}

/*
 * Makes t what the data path reads at *slot; readers still holding the old
 * table keep it until a grace period has passed. Caller holds conf_lock.
 */
void vp_device_publish(struct vp_device *vp, struct vp_lpm __rcu **slot,
		       struct vp_lpm *t)
{
	struct vp_lpm *old;

	old = rcu_replace_pointer(*slot, t, lockdep_is_held(&vp->conf_lock));
	if (old)
		kvfree_rcu(old, rcu);
	vp->generation++;
}

/*
 * A table of the blocks p[n], for the VPC's own or a peering's CIDRs
 * (values unused). NULL on failure, with *err: -EEXIST when a block is
 * given twice.
 */
struct vp_lpm *vp_cidrs_build(const struct vp_prefix *p, unsigned int n,
			      int *err)
{
	struct vp_lpm_entry *entries;
	struct vp_lpm *t;
	unsigned int i;

	entries = kvcalloc(n, sizeof(*entries), GFP_KERNEL);
	if (n && !entries) {
		*err = -ENOMEM;
		return NULL;
	}
	for (i = 0; i < n; i++)
		entries[i].prefix = p[i];
	t = vp_lpm_build(entries, n, err);
	kvfree(entries);
	return t;
}

/*
 * Sets the listen port; while the device is up (vp->up, not
 * netif_running(): that is RTNL's, and an ndo_open racing with us may
 * still fail) the sockets are rebound to it.
 */
int vp_device_set_port(struct vp_device *vp, u16 port)
{
	int ret = 0;

	lockdep_assert_held(&vp->conf_lock);
	if (vp->up &&
	    (port != vp_socket_port(vp) || !port))
		ret = vp_socket_open(vp, port);
	if (!ret)
		vp->listen_port = port;
	vp->generation++;
	return ret;
}

/* The port to show: the bound one while up, else the configured one. */
u16 vp_device_port(struct vp_device *vp)
{
	return vp_socket_port(vp) ?: vp->listen_port;
}

static int vp_open(struct net_device *dev)
{
	struct vp_device *vp = netdev_priv(dev);
	int ret;

	mutex_lock(&vp->conf_lock);
	ret = vp_socket_open(vp, vp->listen_port);
	if (!ret)
		vp->up = true;
	mutex_unlock(&vp->conf_lock);
	return ret;
}

static int vp_stop(struct net_device *dev)
{
	struct vp_device *vp = netdev_priv(dev);

	mutex_lock(&vp->conf_lock);
	vp->up = false;
	vp_socket_close(vp);
	mutex_unlock(&vp->conf_lock);
	return 0;
}

/*
 * Unregistration, under RTNL, after ndo_stop (also when register_netdevice
 * fails). No socket may outlive this and none opens after it; the
 * peerings go now, with their cached routes, while the underlay namespace
 * is known to be there: once the device is off vp_device_list, its
 * pre_exit would not see it.
 */
static void vp_uninit(struct net_device *dev)
{
	struct vp_device *vp = netdev_priv(dev);

	ASSERT_RTNL();
	mutex_lock(&vp->conf_lock);
	vp->up = false;
	vp_socket_close(vp);
	vp->creating_net = NULL;
	/*
	 * ndo_stop has closed the sockets already: the other ends learn of
	 * these peerings' end by their silence, not by a teardown.
	 */
	vp_peer_remove_all(vp);
	mutex_unlock(&vp->conf_lock);
	/* Nothing is queued once the sockets are closed. */
	vp_session_device_stop(vp);
	list_del_init(&vp->device_list);
}

static const struct net_device_ops vp_netdev_ops = {
	.ndo_uninit		= vp_uninit,
	.ndo_open		= vp_open,
	.ndo_stop		= vp_stop,
	.ndo_start_xmit		= vp_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
};

static const struct device_type vp_device_type = {
	.name = KBUILD_MODNAME,
};

/* The data path's workqueue and crypt queues (queueing.h). */
static int vp_crypt_init(struct vp_device *vp)
{
	int ret;

	/* Crypto for all peerings of the device, on every CPU. */
	vp->crypt_wq = alloc_workqueue("vpcpeer-crypt-%s",
				       WQ_CPU_INTENSIVE | WQ_MEM_RECLAIM, 0,
				       vp->dev->name);
	if (!vp->crypt_wq)
		return -ENOMEM;
	ret = vp_crypt_queue_init(&vp->encrypt_queue, vp->crypt_wq,
				  vp_encrypt_worker);
	if (ret)
		goto err_wq;
	ret = vp_crypt_queue_init(&vp->decrypt_queue, vp->crypt_wq,
				  vp_decrypt_worker);
	if (ret)
		goto err_encrypt;
	vp->inline_req = alloc_percpu(struct vp_inline_req);
	if (!vp->inline_req) {
		ret = -ENOMEM;
		goto err_decrypt;
	}
	return 0;

err_decrypt:
	vp_crypt_queue_free(&vp->decrypt_queue);
err_encrypt:
	vp_crypt_queue_free(&vp->encrypt_queue);
err_wq:
	destroy_workqueue(vp->crypt_wq);
	return ret;
}

/* Once no peering is left: nothing is on the queues. */
static void vp_crypt_free(struct vp_device *vp)
{
	int cpu;

	destroy_workqueue(vp->crypt_wq);
	vp_crypt_queue_free(&vp->encrypt_queue);
	vp_crypt_queue_free(&vp->decrypt_queue);
	for_each_possible_cpu(cpu)
		kfree(per_cpu_ptr(vp->inline_req, cpu)->req);
	free_percpu(vp->inline_req);
}

/*
 * Runs once the device is unregistered and no packet holds it. A request
 * that found the device before it was unregistered may have added
 * peerings since vp_uninit(); they never had a socket to route with.
 */
static void vp_destruct(struct net_device *dev)
{
	struct vp_device *vp = netdev_priv(dev);

	mutex_lock(&vp->conf_lock);
	vp_peer_remove_all(vp);
	vp_lpm_free(rcu_dereference_protected(vp->route_table, true));
	vp_lpm_free(rcu_dereference_protected(vp->own_cidrs, true));
	kvfree(vp->routes);
	mutex_unlock(&vp->conf_lock);

	vp_crypt_free(vp);
	gro_cells_destroy(&vp->gro_cells);
	free_percpu(vp->stats);
	mutex_destroy(&vp->conf_lock);
}

static void vp_setup(struct net_device *dev)
{
	dev->netdev_ops = &vp_netdev_ops;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	/* xmit needs the route to answer "no route" with ICMP */
	netif_keep_dst(dev);
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	/* Room for our header and the outer UDP/IP in front, the tag behind. */
	dev->needed_headroom = LL_MAX_HEADER + sizeof(struct ipv6hdr) +
			       sizeof(struct udphdr) + VP_HDR_LEN;
	dev->needed_tailroom = VP_TAG_LEN;
	dev->mtu = VP_DEFAULT_MTU;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - VP_OVERHEAD;
	dev->needs_free_netdev = true;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	vp_compat_set_lltx(dev);
	/*
	 * The stack hands over GSO super-packets and leaves checksums
	 * partial: vp_xmit() segments once and finishes the checksums in
	 * software before encrypting, instead of every layer above doing it
	 * per MTU-sized packet.
	 */
	dev->features |= VP_DEVICE_FEATURES;
	dev->hw_features |= VP_DEVICE_FEATURES;
	dev->hw_enc_features |= VP_DEVICE_FEATURES;
	SET_NETDEV_DEVTYPE(dev, &vp_device_type);
}

static int vp_validate(struct nlattr *tb[], struct nlattr *data[],
		       struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
				    "vpcpeer devices have no link-layer address");
		return -EINVAL;
	}
	return 0;
}

static int vp_newlink(struct net *src_net, struct net_device *dev,
		      struct nlattr *tb[], struct nlattr *data[],
		      struct netlink_ext_ack *extack)
{
	struct vp_device *vp = netdev_priv(dev);
	int ret;

	vp->dev = dev;
	vp->creating_net = src_net;
	INIT_LIST_HEAD(&vp->device_list);	/* for vp_uninit() */
	mutex_init(&vp->conf_lock);
	INIT_LIST_HEAD(&vp->peers);
	vp_session_device_init(vp);
	vp->stats = vp_stats_alloc();
	if (!vp->stats)
		return -ENOMEM;
	ret = gro_cells_init(&vp->gro_cells, dev);
	if (ret)
		goto err_stats;
	ret = vp_crypt_init(vp);
	if (ret)
		goto err_gro;
	ret = register_netdevice(dev);
	if (ret)
		goto err_crypt;
	/* As wireguard does: the destructor is only set once registered. */
	list_add(&vp->device_list, &vp_device_list);
	dev->priv_destructor = vp_destruct;
	return 0;

err_crypt:
	vp_crypt_free(vp);
err_gro:
	gro_cells_destroy(&vp->gro_cells);
err_stats:
	free_percpu(vp->stats);
	return ret;
}

struct rtnl_link_ops vp_link_ops __read_mostly = {
	.kind		= KBUILD_MODNAME,
	.priv_size	= sizeof(struct vp_device),
	.setup		= vp_setup,
	.validate	= vp_validate,
	.newlink	= vp_newlink,
};

/*
 * The namespace holding a device's underlay is going away while the device
 * lives on elsewhere: close the sockets, as wireguard does, and empty the
 * peerings' dst caches, whose IPv6 routes point into that namespace's
 * struct net (their dst_ops), which is freed before the peerings may be.
 * Once the sockets are closed (a grace period has passed in
 * vp_socket_close) no sender reaches a dst cache, and creating_net = NULL
 * keeps them closed. The device stays, without an underlay, until it is
 * deleted.
 */
static void __net_exit vp_netns_pre_exit(struct net *net)
{
	struct vp_device *vp;
	struct vp_peer *peer;

	rtnl_lock();
	list_for_each_entry(vp, &vp_device_list, device_list) {
		if (vp->creating_net != net)
			continue;
		netif_carrier_off(vp->dev);
		mutex_lock(&vp->conf_lock);
		vp->up = false;
		vp_socket_close(vp);
		vp->creating_net = NULL;
		list_for_each_entry(peer, &vp->peers, list)
			dst_cache_reset_now(&peer->dst_cache);
		mutex_unlock(&vp->conf_lock);
	}
	rtnl_unlock();
}

static struct pernet_operations vp_net_ops = {
	.pre_exit = vp_netns_pre_exit,
};

int __init vp_device_init(void)
{
	int ret;

	ret = register_pernet_device(&vp_net_ops);
	if (ret)
		return ret;
	ret = rtnl_link_register(&vp_link_ops);
	if (ret)
		unregister_pernet_device(&vp_net_ops);
	return ret;
}

void vp_device_uninit(void)
{
	rtnl_link_unregister(&vp_link_ops);
	unregister_pernet_device(&vp_net_ops);
}
