// SPDX-License-Identifier: GPL-2.0
/*
 * The vpcpeer net_device: link kind "vpcpeer", set up with
 * `ip link add NAME type vpcpeer`. The device is a layer-3 point-to-point
 * interface with no link-layer header, like wireguard.
 */
#include "device.h"
#include "compat.h"

#include <linux/if_arp.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/rtnetlink.h>

static netdev_tx_t vp_xmit(struct sk_buff *skb, struct net_device *dev)
{
	/* No peerings exist yet: nothing can be sent. Count it. */
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops vp_netdev_ops = {
	.ndo_start_xmit		= vp_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
};

static const struct device_type vp_device_type = {
	.name = KBUILD_MODNAME,
};

static void vp_setup(struct net_device *dev)
{
	dev->netdev_ops = &vp_netdev_ops;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = VP_DEFAULT_MTU;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - VP_OVERHEAD;
	dev->needs_free_netdev = true;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	vp_compat_set_lltx(dev);
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

	vp->dev = dev;
	vp->creating_net = src_net;
	return register_netdevice(dev);
}

struct rtnl_link_ops vp_link_ops __read_mostly = {
	.kind		= KBUILD_MODNAME,
	.priv_size	= sizeof(struct vp_device),
	.setup		= vp_setup,
	.validate	= vp_validate,
	.newlink	= vp_newlink,
};

int __init vp_device_init(void)
{
	return rtnl_link_register(&vp_link_ops);
}

void vp_device_uninit(void)
{
	rtnl_link_unregister(&vp_link_ops);
}
