// SPDX-License-Identifier: GPL-2.0
/*
 * The "vpcpeer" generic netlink family. uapi/linux/vpcpeer.h lists the
 * commands and attributes; Documentation/netlink.rst describes them.
 */
#include "netlink.h"
#include "device.h"
#include "../uapi/linux/vpcpeer.h"

#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/sock.h>

static struct genl_family vp_genl_family;

static const struct nla_policy vp_device_policy[VPCPEER_A_DEVICE_MAX + 1] = {
	[VPCPEER_A_DEVICE_IFINDEX]	= { .type = NLA_U32 },
	[VPCPEER_A_DEVICE_IFNAME]	= { .type = NLA_NUL_STRING,
					    .len = IFNAMSIZ - 1 },
};

/*
 * Finds the vpcpeer device named by IFINDEX or IFNAME in the requester's
 * namespace and returns it with a reference held, or an ERR_PTR with the
 * reason in extack.
 */
static struct net_device *vp_lookup_device(struct net *net,
					   struct nlattr **attrs,
					   struct netlink_ext_ack *extack)
{
	struct nlattr *ifindex = attrs[VPCPEER_A_DEVICE_IFINDEX];
	struct nlattr *ifname = attrs[VPCPEER_A_DEVICE_IFNAME];
	struct net_device *dev;

	if (!ifindex == !ifname) {
		NL_SET_ERR_MSG(extack,
			       "give exactly one of ifindex and ifname");
		return ERR_PTR(-EINVAL);
	}
	if (ifindex)
		dev = dev_get_by_index(net, nla_get_u32(ifindex));
	else
		dev = dev_get_by_name(net, nla_data(ifname));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, ifindex ?: ifname,
				    "no such device");
		return ERR_PTR(-ENODEV);
	}
	if (!vp_is_device(dev)) {
		dev_put(dev);
		NL_SET_ERR_MSG_ATTR(extack, ifindex ?: ifname,
				    "not a vpcpeer device");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return dev;
}

static int vp_fill_device(struct sk_buff *skb, struct net_device *dev,
			  u32 portid, u32 seq, int flags,
			  struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vp_genl_family, flags,
			  VPCPEER_CMD_GET_DEVICE);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, VPCPEER_A_DEVICE_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, VPCPEER_A_DEVICE_IFNAME, dev->name)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vp_get_device_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net_device *dev;
	struct sk_buff *msg;
	int ret;

	dev = vp_lookup_device(genl_info_net(info), info->attrs,
			       info->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	ret = vp_fill_device(msg, dev, info->snd_portid, info->snd_seq, 0,
			     NULL);
	if (ret) {
		nlmsg_free(msg);
		goto out;
	}
	ret = genlmsg_reply(msg, info);
out:
	dev_put(dev);
	return ret;
}

/* cb->args[0]: how many vpcpeer devices earlier messages carried. */
static int vp_get_device_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	long skip = cb->args[0], idx = 0;
	struct net_device *dev;

	rcu_read_lock();
	cb->seq = READ_ONCE(net->dev_base_seq);
	for_each_netdev_rcu(net, dev) {
		if (!vp_is_device(dev))
			continue;
		if (idx >= skip &&
		    vp_fill_device(skb, dev, NETLINK_CB(cb->skb).portid,
				   cb->nlh->nlmsg_seq, NLM_F_MULTI, cb))
			break;
		idx++;
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	return skb->len;
}

static const struct genl_ops vp_genl_ops[] = {
	{
		.cmd = VPCPEER_CMD_GET_DEVICE,
		.doit = vp_get_device_doit,
		.dumpit = vp_get_device_dumpit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family vp_genl_family __ro_after_init = {
	.ops		= vp_genl_ops,
	.n_ops		= ARRAY_SIZE(vp_genl_ops),
	.resv_start_op	= VPCPEER_CMD_MAX + 1,
	.name		= VPCPEER_GENL_NAME,
	.version	= VPCPEER_GENL_VERSION,
	.maxattr	= VPCPEER_A_DEVICE_MAX,
	.policy		= vp_device_policy,
	.module		= THIS_MODULE,
	.netnsok	= true,
};

int __init vp_genl_init(void)
{
	return genl_register_family(&vp_genl_family);
}

void vp_genl_uninit(void)
{
	genl_unregister_family(&vp_genl_family);
}
