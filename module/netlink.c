// SPDX-License-Identifier: GPL-2.0
/*
 * The "vpcpeer" generic netlink family. uapi/linux/vpcpeer.h lists the
 * commands and attributes; Documentation/netlink.rst describes them.
 * Every doit takes the device's conf_lock for the whole request. Events
 * go to the "events" multicast group (vp_notify_*()).
 */
#include "netlink.h"
#include "compat.h"
#include "device.h"
#include "peer.h"
#include "session.h"
#include "socket.h"
#include "../uapi/linux/vpcpeer.h"

#include <linux/ctype.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/sock.h>

static struct genl_family vp_genl_family;

enum {
	VP_MCGRP_EVENTS,
};

static const struct genl_multicast_group vp_mcgrps[] = {
	[VP_MCGRP_EVENTS] = {
		.name = VPCPEER_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

static const struct nla_policy vp_prefix_policy[VPCPEER_A_PREFIX_MAX + 1] = {
	[VPCPEER_A_PREFIX_ADDR]	= { .type = NLA_BINARY, .len = 16 },
	[VPCPEER_A_PREFIX_LEN]	= NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy vp_cidr_policy[VPCPEER_A_CIDR_MAX + 1] = {
	[VPCPEER_A_CIDR]	= NLA_POLICY_NESTED(vp_prefix_policy),
};

#define VP_ID_POLICY { .type = NLA_NUL_STRING, .len = VPCPEER_ID_MAX }

static const struct nla_policy vp_peer_policy[VPCPEER_A_PEER_MAX + 1] = {
	[VPCPEER_A_PEER_PCX]		= VP_ID_POLICY,
	[VPCPEER_A_PEER_REMOTE_VPC]	= VP_ID_POLICY,
	[VPCPEER_A_PEER_CIDRS]		= NLA_POLICY_NESTED(vp_cidr_policy),
	[VPCPEER_A_PEER_ENDPOINT]	= { .type = NLA_BINARY,
					    .len = sizeof(struct sockaddr_in6) },
	[VPCPEER_A_PEER_SECRET]		= NLA_POLICY_EXACT_LEN(VPCPEER_SECRET_LEN),
	[VPCPEER_A_PEER_CIPHER]		= NLA_POLICY_RANGE(NLA_U8,
						VPCPEER_CIPHER_AES_GCM_128,
						VPCPEER_CIPHER_AES_GCM_256),
	[VPCPEER_A_PEER_REGION]		= VP_ID_POLICY,
	[VPCPEER_A_PEER_STATS]		= { .type = NLA_REJECT },
	[VPCPEER_A_PEER_LOCAL_INDEX]	= { .type = NLA_REJECT },
	[VPCPEER_A_PEER_REMOTE_INDEX]	= { .type = NLA_REJECT },
	[VPCPEER_A_PEER_TX_COUNTER]	= { .type = NLA_REJECT },
	[VPCPEER_A_PEER_PAD]		= { .type = NLA_REJECT },
	[VPCPEER_A_PEER_STATE]		= { .type = NLA_REJECT },
	[VPCPEER_A_PEER_REASON]		= { .type = NLA_REJECT },
	[VPCPEER_A_PEER_LAST_HANDSHAKE]	= { .type = NLA_REJECT },
	[VPCPEER_A_PEER_LAST_RX]	= { .type = NLA_REJECT },
	[VPCPEER_A_PEER_DOWN]		= { .type = NLA_REJECT },
	[VPCPEER_A_PEER_KEEPALIVE]	= NLA_POLICY_MAX(NLA_U16, 3600),
	[VPCPEER_A_PEER_DEAD_AFTER]	= NLA_POLICY_RANGE(NLA_U16, 1, 3600),
};

static const struct nla_policy vp_route_policy[VPCPEER_A_ROUTE_MAX + 1] = {
	[VPCPEER_A_ROUTE_PREFIX]	= NLA_POLICY_NESTED(vp_prefix_policy),
	[VPCPEER_A_ROUTE_PCX]		= VP_ID_POLICY,
	[VPCPEER_A_ROUTE_BLACKHOLE]	= { .type = NLA_REJECT },
};

static const struct nla_policy vp_device_policy[VPCPEER_A_DEVICE_MAX + 1] = {
	[VPCPEER_A_DEVICE_IFINDEX]	= { .type = NLA_U32 },
	[VPCPEER_A_DEVICE_IFNAME]	= { .type = NLA_NUL_STRING,
					    .len = IFNAMSIZ - 1 },
	[VPCPEER_A_DEVICE_VPC_ID]	= VP_ID_POLICY,
	[VPCPEER_A_DEVICE_CIDRS]	= NLA_POLICY_NESTED(vp_cidr_policy),
	[VPCPEER_A_DEVICE_LISTEN_PORT]	= { .type = NLA_U16 },
	[VPCPEER_A_DEVICE_REGION]	= VP_ID_POLICY,
	[VPCPEER_A_DEVICE_PEER]		= NLA_POLICY_NESTED(vp_peer_policy),
	[VPCPEER_A_DEVICE_ROUTE]	= NLA_POLICY_NESTED(vp_route_policy),
	[VPCPEER_A_DEVICE_STATS]	= { .type = NLA_REJECT },
	[VPCPEER_A_DEVICE_PEER_COUNT]	= { .type = NLA_REJECT },
	[VPCPEER_A_DEVICE_ROUTE_COUNT]	= { .type = NLA_REJECT },
};

/* ---------------------------------------------------------------- input */

/*
 * Finds the vpcpeer device named by IFINDEX or IFNAME in the requester's
 * namespace and returns it with a reference held in tracker (release it
 * with netdev_put), or an ERR_PTR with the reason in extack.
 */
static struct net_device *vp_lookup_device(struct net *net,
					   struct nlattr **attrs,
					   netdevice_tracker *tracker,
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
	rcu_read_lock();
	if (ifindex)
		dev = dev_get_by_index_rcu(net, nla_get_u32(ifindex));
	else
		dev = dev_get_by_name_rcu(net, nla_data(ifname));
	if (!dev) {
		rcu_read_unlock();
		NL_SET_ERR_MSG_ATTR(extack, ifindex ?: ifname,
				    "no such device");
		return ERR_PTR(-ENODEV);
	}
	if (!vp_is_device(dev)) {
		rcu_read_unlock();
		NL_SET_ERR_MSG_ATTR(extack, ifindex ?: ifname,
				    "not a vpcpeer device");
		return ERR_PTR(-EOPNOTSUPP);
	}
	netdev_hold(dev, tracker, GFP_ATOMIC);
	rcu_read_unlock();
	return dev;
}

/*
 * A VPC id or region: ASCII letters and digits, '.', '_', '-'. (The
 * kernel's isalnum() also takes Latin-1 letters, which are not UTF-8.)
 */
static int vp_nla_id(const struct nlattr *attr, const char *what,
		     struct netlink_ext_ack *extack)
{
	const char *s = nla_data(attr);

	if (!*s) {
		vp_err(extack, attr, "an id is empty",
		       "%s is empty", what);
		return -EINVAL;
	}
	for (; *s; s++) {
		if (!(isascii(*s) && isalnum(*s)) &&
		    *s != '.' && *s != '_' && *s != '-') {
			vp_err(extack, attr,
			       "an id may only have letters, digits, '.', '_', '-'",
			       "%s may only have letters, digits, '.', '_', '-'",
			       what);
			return -EINVAL;
		}
	}
	return 0;
}

/* "pcx-" and 1 to 17 lowercase hex digits, as AWS's ids. */
static int vp_nla_pcx(const struct nlattr *attr, struct netlink_ext_ack *extack)
{
	const char *s = nla_data(attr);
	size_t i, n = strlen(s);

	if (n < 5 || n > 21 || strncmp(s, "pcx-", 4))
		goto bad;
	for (i = 4; i < n; i++)
		if (!isdigit(s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
			goto bad;
	return 0;
bad:
	vp_err(extack, attr,
	       "a pcx id is \"pcx-\" and 1 to 17 lowercase hex digits",
	       "pcx id \"%s\" is not \"pcx-\" and 1 to 17 lowercase hex digits",
	       s);
	return -EINVAL;
}

static int vp_nla_prefix(const struct nlattr *nest, struct vp_prefix *p,
			 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VPCPEER_A_PREFIX_MAX + 1];
	char buf[VP_PREFIX_STR];
	int ret, alen;

	ret = nla_parse_nested(tb, VPCPEER_A_PREFIX_MAX, nest,
			       vp_prefix_policy, extack);
	if (ret)
		return ret;
	if (!tb[VPCPEER_A_PREFIX_ADDR] || !tb[VPCPEER_A_PREFIX_LEN]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a prefix needs an address and a length");
		return -EINVAL;
	}
	alen = nla_len(tb[VPCPEER_A_PREFIX_ADDR]);
	if (alen != 4 && alen != 16) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VPCPEER_A_PREFIX_ADDR],
				    "a prefix address is 4 or 16 bytes");
		return -EINVAL;
	}
	memset(p, 0, sizeof(*p));
	p->family = alen == 4 ? VP_AF_INET : VP_AF_INET6;
	p->len = nla_get_u8(tb[VPCPEER_A_PREFIX_LEN]);
	nla_memcpy(p->addr, tb[VPCPEER_A_PREFIX_ADDR], alen);
	if (vp_prefix_check(p)) {
		vp_err(extack, nest,
		       "prefix length too long or bits set past it",
		       "prefix %s: length too long or bits set past it",
		       vp_prefix_str(buf, p));
		return -EINVAL;
	}
	return 0;
}

/* Parses a list of prefixes into a new array (kfree it), at most
 * VPCPEER_MAX_CIDRS of each family.
 */
static int vp_nla_prefixes(const struct nlattr *nest, struct vp_prefix **out,
			   unsigned int *n, struct netlink_ext_ack *extack)
{
	unsigned int count = 0, per_family[2] = { 0, 0 };
	const struct nlattr *a;
	struct vp_prefix *p;
	int rem, ret;

	nla_for_each_nested(a, nest, rem)
		count++;
	if (count > 2 * VPCPEER_MAX_CIDRS)
		goto too_many;
	p = kcalloc(count ?: 1, sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	count = 0;
	nla_for_each_nested(a, nest, rem) {
		ret = vp_nla_prefix(a, &p[count], extack);
		if (ret) {
			kfree(p);
			return ret;
		}
		if (++per_family[p[count].family == VP_AF_INET6] >
		    VPCPEER_MAX_CIDRS) {
			kfree(p);
			goto too_many;
		}
		count++;
	}
	*out = p;
	*n = count;
	return 0;

too_many:
	vp_err(extack, nest, "too many cidrs of one family",
	       "more than %u cidrs of one family", VPCPEER_MAX_CIDRS);
	return -E2BIG;
}

static int vp_nla_endpoint(const struct nlattr *attr, union vp_endpoint *ep,
			   struct netlink_ext_ack *extack)
{
	int len = nla_len(attr);

	memset(ep, 0, sizeof(*ep));
	nla_memcpy(ep, attr, sizeof(*ep));
	if (!((len == sizeof(ep->in4) && ep->sa.sa_family == AF_INET) ||
	      (len == sizeof(ep->in6) && ep->sa.sa_family == AF_INET6))) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "endpoint is not a sockaddr_in or sockaddr_in6");
		return -EINVAL;
	}
	if (!ep->in4.sin_port) {	/* same offset in both */
		NL_SET_ERR_MSG_ATTR(extack, attr, "endpoint port is 0");
		return -EINVAL;
	}
	return 0;
}

/* --------------------------------------------------------------- output */

static int vp_put_prefix(struct sk_buff *skb, int type,
			 const struct vp_prefix *p)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    nla_put(skb, VPCPEER_A_PREFIX_ADDR,
		    p->family == VP_AF_INET ? 4 : 16, p->addr) ||
	    nla_put_u8(skb, VPCPEER_A_PREFIX_LEN, p->len))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int vp_put_prefixes(struct sk_buff *skb, int type,
			   const struct vp_lpm *t)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	size_t i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < vp_lpm_count(t); i++)
		if (vp_put_prefix(skb, VPCPEER_A_CIDR,
				  &vp_lpm_entry_at(t, i)->prefix))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int vp_put_stats(struct sk_buff *skb, int type,
			struct vp_stats __percpu *stats)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	u64 c[VP_STAT_MAX];
	int i;

	if (!nest)
		return -EMSGSIZE;
	vp_stats_read(stats, c);
	for (i = 0; i < VP_STAT_MAX; i++)
		if (nla_put_u64_64bit(skb, VP_STAT_ATTR0 + i, c[i],
				      VPCPEER_A_STATS_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* Caller holds vp->conf_lock. */
static int vp_put_device(struct sk_buff *skb, struct vp_device *vp)
{
	const struct vp_lpm *own = rcu_dereference_protected(vp->own_cidrs,
				lockdep_is_held(&vp->conf_lock));

	if (nla_put_u32(skb, VPCPEER_A_DEVICE_IFINDEX, vp->dev->ifindex) ||
	    nla_put_string(skb, VPCPEER_A_DEVICE_IFNAME, vp->dev->name) ||
	    (vp->vpc_id[0] &&
	     nla_put_string(skb, VPCPEER_A_DEVICE_VPC_ID, vp->vpc_id)) ||
	    vp_put_prefixes(skb, VPCPEER_A_DEVICE_CIDRS, own) ||
	    nla_put_u16(skb, VPCPEER_A_DEVICE_LISTEN_PORT,
			vp_device_port(vp)) ||
	    (vp->region[0] &&
	     nla_put_string(skb, VPCPEER_A_DEVICE_REGION, vp->region)) ||
	    vp_put_stats(skb, VPCPEER_A_DEVICE_STATS, vp->stats) ||
	    nla_put_u32(skb, VPCPEER_A_DEVICE_PEER_COUNT, vp->n_peers) ||
	    nla_put_u32(skb, VPCPEER_A_DEVICE_ROUTE_COUNT, vp->n_routes))
		return -EMSGSIZE;
	return 0;
}

/* A boottime stamp as ns since the epoch. */
static u64 vp_boot_to_real(u64 boot)
{
	return ktime_get_real_ns() - (ktime_get_boottime_ns() - boot);
}

/* The session part of a peering: state, times, the current keys' ids. */
static int vp_put_session(struct sk_buff *skb, struct vp_peer *peer)
{
	u64 last_rx = READ_ONCE(peer->last_rx);
	u64 last_hs = READ_ONCE(peer->last_handshake);
	struct vp_peer_state st;
	struct vp_keypair *kp;
	u32 local = 0, remote = 0;
	u64 counter = 0;
	bool down;

	spin_lock_bh(&peer->lock);
	st = peer->state;
	spin_unlock_bh(&peer->lock);
	rcu_read_lock_bh();
	kp = rcu_dereference_bh(peer->keys_cur);
	if (kp) {
		local = kp->local_index;
		remote = kp->remote_index;
		counter = atomic64_read(&kp->tx_counter);
	}
	rcu_read_unlock_bh();
	down = st.state == VP_STATE_ACTIVE &&
	       vp_age(ktime_get_boottime_ns(), last_rx) >=
	       (u64)peer->dead_after * NSEC_PER_SEC;

	if (nla_put_u8(skb, VPCPEER_A_PEER_STATE, st.state) ||
	    (st.state == VP_STATE_FAILED &&
	     nla_put_u8(skb, VPCPEER_A_PEER_REASON, st.reason)) ||
	    (last_hs && nla_put_u64_64bit(skb, VPCPEER_A_PEER_LAST_HANDSHAKE,
					  last_hs, VPCPEER_A_PEER_PAD)) ||
	    (last_rx && nla_put_u64_64bit(skb, VPCPEER_A_PEER_LAST_RX,
					  vp_boot_to_real(last_rx),
					  VPCPEER_A_PEER_PAD)) ||
	    (down && nla_put_flag(skb, VPCPEER_A_PEER_DOWN)) ||
	    nla_put_u16(skb, VPCPEER_A_PEER_KEEPALIVE, peer->keepalive) ||
	    nla_put_u16(skb, VPCPEER_A_PEER_DEAD_AFTER, peer->dead_after) ||
	    nla_put_u32(skb, VPCPEER_A_PEER_LOCAL_INDEX, local) ||
	    nla_put_u32(skb, VPCPEER_A_PEER_REMOTE_INDEX, remote) ||
	    nla_put_u64_64bit(skb, VPCPEER_A_PEER_TX_COUNTER, counter,
			      VPCPEER_A_PEER_PAD))
		return -EMSGSIZE;
	return 0;
}

static int vp_put_peer(struct sk_buff *skb, struct vp_peer *peer)
{
	struct nlattr *nest = nla_nest_start(skb, VPCPEER_A_DEVICE_PEER);
	union vp_endpoint ep;
	int eplen;

	vp_socket_endpoint(peer, &ep);
	eplen = ep.sa.sa_family == AF_INET ? sizeof(ep.in4) : sizeof(ep.in6);

	if (!nest ||
	    nla_put_string(skb, VPCPEER_A_PEER_PCX, peer->pcx) ||
	    nla_put_string(skb, VPCPEER_A_PEER_REMOTE_VPC, peer->remote_vpc) ||
	    vp_put_prefixes(skb, VPCPEER_A_PEER_CIDRS, peer->cidrs) ||
	    nla_put(skb, VPCPEER_A_PEER_ENDPOINT, eplen, &ep) ||
	    nla_put_u8(skb, VPCPEER_A_PEER_CIPHER, peer->cipher) ||
	    (peer->region[0] &&
	     nla_put_string(skb, VPCPEER_A_PEER_REGION, peer->region)) ||
	    vp_put_stats(skb, VPCPEER_A_PEER_STATS, peer->stats) ||
	    vp_put_session(skb, peer))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * A route is a blackhole while its peering cannot carry data: there is no
 * such peering, or it is not active (semantics.md, lifecycle).
 */
static bool vp_route_blackhole(struct vp_device *vp, const struct vp_route *r)
{
	struct vp_peer *peer = vp_peer_find(vp, r->pcx);

	return !peer || READ_ONCE(peer->state.state) != VP_STATE_ACTIVE;
}

static int vp_put_route(struct sk_buff *skb, struct vp_device *vp,
			const struct vp_route *r)
{
	struct nlattr *nest = nla_nest_start(skb, VPCPEER_A_DEVICE_ROUTE);

	if (!nest ||
	    vp_put_prefix(skb, VPCPEER_A_ROUTE_PREFIX, &r->prefix) ||
	    nla_put_string(skb, VPCPEER_A_ROUTE_PCX, r->pcx) ||
	    (vp_route_blackhole(vp, r) &&
	     nla_put_flag(skb, VPCPEER_A_ROUTE_BLACKHOLE)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* --------------------------------------------------------------- events */

/* A notification being built: its message, and the nest it is about. */
struct vp_ntf {
	struct sk_buff *skb;
	void *hdr;
	struct nlattr *nest;
};

/*
 * Starts an event of cmd about vp's device, in the device's namespace,
 * with a nest of type nest open. false when nobody listens there, or when
 * the namespace is going.
 */
static bool vp_event_new(struct vp_ntf *ev, struct vp_device *vp, u8 cmd,
			 int nest, gfp_t gfp)
{
	struct net *net = dev_net(vp->dev);

	if (!check_net(net) ||
	    !genl_has_listeners(&vp_genl_family, net, VP_MCGRP_EVENTS))
		return false;
	ev->skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!ev->skb)
		goto lost;
	ev->hdr = genlmsg_put(ev->skb, 0, 0, &vp_genl_family, 0, cmd);
	if (!ev->hdr ||
	    nla_put_u32(ev->skb, VPCPEER_A_DEVICE_IFINDEX, vp->dev->ifindex) ||
	    nla_put_string(ev->skb, VPCPEER_A_DEVICE_IFNAME, vp->dev->name))
		goto free;
	ev->nest = nla_nest_start(ev->skb, nest);
	if (!ev->nest)
		goto free;
	return true;
free:
	nlmsg_free(ev->skb);
lost:
	/* The listeners read ENOBUFS: events were lost, dump again. */
	genl_set_err(&vp_genl_family, net, 0, VP_MCGRP_EVENTS, -ENOBUFS);
	return false;
}

/*
 * Sends the event of vp_event_new(), its nest filled, or drops it when
 * filling failed (full).
 */
static void vp_event_send(struct vp_ntf *ev, struct vp_device *vp,
			  bool full, gfp_t gfp)
{
	struct net *net = dev_net(vp->dev);

	if (full) {
		nlmsg_free(ev->skb);
		genl_set_err(&vp_genl_family, net, 0, VP_MCGRP_EVENTS,
			     -ENOBUFS);
		return;
	}
	nla_nest_end(ev->skb, ev->nest);
	genlmsg_end(ev->skb, ev->hdr);
	genlmsg_multicast_netns(&vp_genl_family, net, ev->skb, 0,
				VP_MCGRP_EVENTS, gfp);
}

/*
 * PEER_NTF: peer is in state now (reason: why it failed). Any context;
 * gfp says which.
 */
void vp_notify_peer(struct vp_peer *peer, u8 state, u8 reason, gfp_t gfp)
{
	struct vp_ntf ev;

	if (!vp_event_new(&ev, peer->vp, VPCPEER_CMD_PEER_NTF,
			  VPCPEER_A_DEVICE_PEER, gfp))
		return;
	vp_event_send(&ev, peer->vp,
		      nla_put_string(ev.skb, VPCPEER_A_PEER_PCX, peer->pcx) ||
		      nla_put_u8(ev.skb, VPCPEER_A_PEER_STATE, state) ||
		      (state == VPCPEER_STATE_FAILED &&
		       nla_put_u8(ev.skb, VPCPEER_A_PEER_REASON, reason)),
		      gfp);
}

/* SESSION_NTF: kp's keys are in use now. Under peer->lock. */
void vp_notify_session(struct vp_peer *peer, const struct vp_keypair *kp)
{
	struct vp_ntf ev;

	if (!vp_event_new(&ev, peer->vp, VPCPEER_CMD_SESSION_NTF,
			  VPCPEER_A_DEVICE_PEER, GFP_ATOMIC))
		return;
	vp_event_send(&ev, peer->vp,
		      nla_put_string(ev.skb, VPCPEER_A_PEER_PCX, peer->pcx) ||
		      nla_put_u32(ev.skb, VPCPEER_A_PEER_LOCAL_INDEX,
				  kp->local_index) ||
		      nla_put_u32(ev.skb, VPCPEER_A_PEER_REMOTE_INDEX,
				  kp->remote_index),
		      GFP_ATOMIC);
}

/* ROUTE_ADD_NTF or ROUTE_DEL_NTF, one per route of rs. */
static void vp_notify_routes(struct vp_device *vp, const struct vp_route *rs,
			     unsigned int n, bool add)
{
	struct vp_ntf ev;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (!vp_event_new(&ev, vp, add ? VPCPEER_CMD_ROUTE_ADD_NTF :
						 VPCPEER_CMD_ROUTE_DEL_NTF,
				  VPCPEER_A_DEVICE_ROUTE, GFP_KERNEL))
			return;
		vp_event_send(&ev, vp,
			      vp_put_prefix(ev.skb, VPCPEER_A_ROUTE_PREFIX,
					    &rs[i].prefix) ||
			      (add && nla_put_string(ev.skb, VPCPEER_A_ROUTE_PCX,
						     rs[i].pcx)),
			      GFP_KERNEL);
	}
}

/* --------------------------------------------------------------- device */

static int vp_fill_device(struct sk_buff *skb, struct vp_device *vp,
			  u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vp_genl_family, flags,
			  VPCPEER_CMD_GET_DEVICE);
	if (!hdr)
		return -EMSGSIZE;
	mutex_lock(&vp->conf_lock);
	if (vp_put_device(skb, vp)) {
		mutex_unlock(&vp->conf_lock);
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	mutex_unlock(&vp->conf_lock);
	genlmsg_end(skb, hdr);
	return 0;
}

static int vp_get_device_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net_device *dev;
	netdevice_tracker tracker;
	struct sk_buff *msg;
	int ret;

	dev = vp_lookup_device(genl_info_net(info), info->attrs, &tracker,
			       info->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto out;
	}
	ret = vp_fill_device(msg, netdev_priv(dev), info->snd_portid,
			     info->snd_seq, 0);
	if (ret) {
		nlmsg_free(msg);
		goto out;
	}
	ret = genlmsg_reply(msg, info);
out:
	netdev_put(dev, &tracker);
	return ret;
}

/* The vpcpeer device with the lowest ifindex above after, held. */
static struct net_device *vp_next_device(struct net *net, int after)
{
	struct net_device *dev, *next = NULL;

	rcu_read_lock();
	for_each_netdev_rcu(net, dev)
		if (vp_is_device(dev) && dev->ifindex > after &&
		    (!next || dev->ifindex < next->ifindex))
			next = dev;
	if (next)
		dev_hold(next);
	rcu_read_unlock();
	return next;
}

/* cb->args[0]: the ifindex of the last device sent. */
static int vp_get_device_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	int ret;

	while ((dev = vp_next_device(net, cb->args[0]))) {
		ret = vp_fill_device(skb, netdev_priv(dev),
				     NETLINK_CB(cb->skb).portid,
				     cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (!ret)
			cb->args[0] = dev->ifindex;
		dev_put(dev);
		if (ret)
			break;
	}
	return skb->len;
}

static int vp_set_device_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs, *a;
	struct netlink_ext_ack *extack = info->extack;
	struct vp_prefix *cidrs = NULL;
	struct vp_lpm *own = NULL;
	unsigned int n_cidrs = 0;
	struct net_device *dev;
	netdevice_tracker tracker;
	struct vp_device *vp;
	struct vp_peer *peer;
	int ret;

	dev = vp_lookup_device(genl_info_net(info), attrs, &tracker, extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	vp = netdev_priv(dev);

	ret = (attrs[VPCPEER_A_DEVICE_VPC_ID] ?
	       vp_nla_id(attrs[VPCPEER_A_DEVICE_VPC_ID], "vpc-id", extack) : 0) ?:
	      (attrs[VPCPEER_A_DEVICE_REGION] ?
	       vp_nla_id(attrs[VPCPEER_A_DEVICE_REGION], "region", extack) : 0) ?:
	      (attrs[VPCPEER_A_DEVICE_CIDRS] ?
	       vp_nla_prefixes(attrs[VPCPEER_A_DEVICE_CIDRS], &cidrs, &n_cidrs,
			       extack) : 0);
	if (ret)
		goto out_put;

	mutex_lock(&vp->conf_lock);
	a = attrs[VPCPEER_A_DEVICE_VPC_ID];
	if (a && vp->n_peers && strcmp(vp->vpc_id, nla_data(a))) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "delete the device's peerings before changing its vpc-id");
		ret = -EBUSY;
		goto out;
	}
	/* What can fail goes first: nothing changes on a refusal. */
	if (attrs[VPCPEER_A_DEVICE_CIDRS]) {
		ret = vp_device_check_cidrs(vp, cidrs, n_cidrs, extack);
		if (ret)
			goto out;
		own = vp_cidrs_build(cidrs, n_cidrs, &ret);
		if (!own) {
			if (ret == -EEXIST)
				NL_SET_ERR_MSG_ATTR(extack,
						    attrs[VPCPEER_A_DEVICE_CIDRS],
						    "a cidr is given twice");
			goto out;
		}
	}
	a = attrs[VPCPEER_A_DEVICE_LISTEN_PORT];
	if (a) {
		ret = vp_device_set_port(vp, nla_get_u16(a));
		if (ret) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "cannot bind the listen port");
			goto out;
		}
	}
	if (own) {
		vp_device_publish(vp, &vp->own_cidrs, own);
		own = NULL;
		/* Every peer checks the new blocks in a new handshake. */
		list_for_each_entry(peer, &vp->peers, list)
			vp_session_start(peer);
	}
	a = attrs[VPCPEER_A_DEVICE_VPC_ID];
	if (a)
		nla_strscpy(vp->vpc_id, a, sizeof(vp->vpc_id));
	if (attrs[VPCPEER_A_DEVICE_REGION])
		nla_strscpy(vp->region, attrs[VPCPEER_A_DEVICE_REGION],
			    sizeof(vp->region));
	vp->generation++;
out:
	mutex_unlock(&vp->conf_lock);
	vp_lpm_free(own);
out_put:
	kfree(cidrs);
	netdev_put(dev, &tracker);
	return ret;
}

/* ----------------------------------------------------------------- peer */

/* Parses the DEVICE_PEER nest of a doit, which must be there. */
static int vp_nla_peer(struct genl_info *info, struct nlattr **tb)
{
	struct nlattr *nest = info->attrs[VPCPEER_A_DEVICE_PEER];
	int ret;

	if (!nest) {
		NL_SET_ERR_MSG(info->extack, "missing the peer attribute");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, VPCPEER_A_PEER_MAX, nest, vp_peer_policy,
			       info->extack);
	if (ret)
		return ret;
	if (!tb[VPCPEER_A_PEER_PCX]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "missing the peer's pcx id");
		return -EINVAL;
	}
	return vp_nla_pcx(tb[VPCPEER_A_PEER_PCX], info->extack);
}

static int vp_new_peer(struct genl_info *info)
{
	static const struct {
		int type;
		const char *name;
	} required[] = {
		{ VPCPEER_A_PEER_REMOTE_VPC, "remote-vpc" },
		{ VPCPEER_A_PEER_CIDRS, "cidr" },
		{ VPCPEER_A_PEER_ENDPOINT, "endpoint" },
		{ VPCPEER_A_PEER_SECRET, "secret" },
	};
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VPCPEER_A_PEER_MAX + 1];
	struct vp_peer_config cfg = { };
	struct vp_prefix *cidrs = NULL;
	struct net_device *dev;
	netdevice_tracker tracker;
	struct vp_device *vp;
	struct vp_peer *peer;
	unsigned int i;
	int ret;

	dev = vp_lookup_device(genl_info_net(info), info->attrs, &tracker,
			       extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	vp = netdev_priv(dev);
	ret = vp_nla_peer(info, tb);
	if (ret)
		goto out_put;
	for (i = 0; i < ARRAY_SIZE(required); i++) {
		if (!tb[required[i].type]) {
			vp_err(extack, info->attrs[VPCPEER_A_DEVICE_PEER],
			       "a new peering needs pcx, remote-vpc, cidrs, endpoint, secret",
			       "a new peering needs its %s", required[i].name);
			ret = -EINVAL;
			goto out_put;
		}
	}
	ret = vp_nla_id(tb[VPCPEER_A_PEER_REMOTE_VPC], "remote-vpc", extack) ?:
	      (tb[VPCPEER_A_PEER_REGION] ?
	       vp_nla_id(tb[VPCPEER_A_PEER_REGION], "region", extack) : 0) ?:
	      vp_nla_endpoint(tb[VPCPEER_A_PEER_ENDPOINT], &cfg.endpoint,
			      extack) ?:
	      vp_nla_prefixes(tb[VPCPEER_A_PEER_CIDRS], &cidrs, &cfg.n_cidrs,
			      extack);
	if (ret)
		goto out_put;
	if (!cfg.n_cidrs) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VPCPEER_A_PEER_CIDRS],
				    "a peering needs at least one cidr");
		ret = -EINVAL;
		goto out_put;
	}
	cfg.pcx = nla_data(tb[VPCPEER_A_PEER_PCX]);
	cfg.remote_vpc = nla_data(tb[VPCPEER_A_PEER_REMOTE_VPC]);
	cfg.region = tb[VPCPEER_A_PEER_REGION] ?
		     nla_data(tb[VPCPEER_A_PEER_REGION]) : NULL;
	cfg.cidrs = cidrs;
	cfg.secret = nla_data(tb[VPCPEER_A_PEER_SECRET]);
	cfg.cipher = tb[VPCPEER_A_PEER_CIPHER] ?
		     nla_get_u8(tb[VPCPEER_A_PEER_CIPHER]) :
		     VPCPEER_CIPHER_AES_GCM_256;
	cfg.keepalive = VP_KEEPALIVE_DEFAULT;
	if (tb[VPCPEER_A_PEER_KEEPALIVE])
		cfg.keepalive = nla_get_u16(tb[VPCPEER_A_PEER_KEEPALIVE]);
	cfg.dead_after = VP_DEAD_AFTER_DEFAULT;
	if (tb[VPCPEER_A_PEER_DEAD_AFTER])
		cfg.dead_after = nla_get_u16(tb[VPCPEER_A_PEER_DEAD_AFTER]);

	mutex_lock(&vp->conf_lock);
	peer = vp_peer_create(vp, &cfg, extack);
	mutex_unlock(&vp->conf_lock);
	ret = PTR_ERR_OR_ZERO(peer);
out_put:
	kfree(cidrs);
	netdev_put(dev, &tracker);
	return ret;
}

/*
 * Once the keys are derived, or the request refused, no copy of the
 * secret stays in the request's buffer, as wireguard wipes a preshared
 * key: every SECRET of the peer nest, whether parsed or not.
 */
static void vp_wipe_secret(struct genl_info *info)
{
	struct nlattr *nest = info->attrs[VPCPEER_A_DEVICE_PEER];
	struct nlattr *a;
	int rem;

	if (!nest)
		return;
	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) == VPCPEER_A_PEER_SECRET)
			memzero_explicit(nla_data(a), nla_len(a));
}

static int vp_new_peer_doit(struct sk_buff *skb, struct genl_info *info)
{
	int ret = vp_new_peer(info);

	vp_wipe_secret(info);
	return ret;
}

/*
 * DEL_PEER and REKEY: finds the peering the request names and calls fn on
 * it under vp->conf_lock.
 */
static int vp_peer_doit(struct genl_info *info,
			int (*fn)(struct vp_device *vp, struct vp_peer *peer))
{
	struct nlattr *tb[VPCPEER_A_PEER_MAX + 1];
	struct net_device *dev;
	netdevice_tracker tracker;
	struct vp_device *vp;
	struct vp_peer *peer;
	int ret;

	dev = vp_lookup_device(genl_info_net(info), info->attrs, &tracker,
			       info->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	vp = netdev_priv(dev);
	ret = vp_nla_peer(info, tb);
	if (ret)
		goto out_put;

	mutex_lock(&vp->conf_lock);
	peer = vp_peer_find(vp, nla_data(tb[VPCPEER_A_PEER_PCX]));
	if (!peer) {
		vp_err(info->extack, tb[VPCPEER_A_PEER_PCX],
		       "no such peering",
		       "no peering %s on %s",
		       (char *)nla_data(tb[VPCPEER_A_PEER_PCX]), dev->name);
		ret = -ENOENT;
	} else {
		ret = fn(vp, peer);
	}
	mutex_unlock(&vp->conf_lock);
out_put:
	netdev_put(dev, &tracker);
	return ret;
}

static int vp_del_peer_locked(struct vp_device *vp, struct vp_peer *peer)
{
	/* Its routes stay, as blackholes, until deleted. */
	int ret = vp_routes_publish(vp, peer);

	if (ret)
		return ret;
	/*
	 * Announced here, not where a peering goes with its device: that
	 * one has RTM_DELLINK.
	 */
	vp_notify_peer(peer, VPCPEER_STATE_DELETED, 0, GFP_KERNEL);
	vp_peer_remove(peer);
	return 0;
}

static int vp_del_peer_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vp_peer_doit(info, vp_del_peer_locked);
}

static int vp_rekey_locked(struct vp_device *vp, struct vp_peer *peer)
{
	vp_session_start(peer);
	return 0;
}

static int vp_rekey_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vp_peer_doit(info, vp_rekey_locked);
}

/* ---------------------------------------------------------------- route */

/*
 * NEW_ROUTE and DEL_ROUTE take one VPCPEER_A_DEVICE_ROUTE nest or several
 * (a batch, all or none): each is parsed into rs[i]. Returns how many, or
 * < 0 with the bad nest named.
 */
static int vp_route_parse(struct genl_info *info, bool add,
			  struct vp_route **rsp, struct nlattr ***nestsp)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VPCPEER_A_ROUTE_MAX + 1];
	struct nlattr *a, **nests;
	struct vp_route *rs;
	int rem, n = 0, ret;

	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem)
		n += nla_type(a) == VPCPEER_A_DEVICE_ROUTE;
	if (!n) {
		NL_SET_ERR_MSG(extack, "missing the route attribute");
		return -EINVAL;
	}
	if (n > 2 * VPCPEER_MAX_ROUTES) {
		NL_SET_ERR_MSG(extack, "too many routes in one request");
		return -E2BIG;
	}
	rs = kvcalloc(n, sizeof(*rs), GFP_KERNEL);
	nests = kvcalloc(n, sizeof(*nests), GFP_KERNEL);
	if (!rs || !nests) {
		ret = -ENOMEM;
		goto err;
	}
	n = 0;
	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(a) != VPCPEER_A_DEVICE_ROUTE)
			continue;
		nests[n] = a;
		ret = nla_parse_nested(tb, VPCPEER_A_ROUTE_MAX, a,
				       vp_route_policy, extack);
		if (ret)
			goto err;
		if (!tb[VPCPEER_A_ROUTE_PREFIX] ||
		    (add && !tb[VPCPEER_A_ROUTE_PCX])) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "a route needs a prefix (and a pcx id to add)");
			ret = -EINVAL;
			goto err;
		}
		ret = vp_nla_prefix(tb[VPCPEER_A_ROUTE_PREFIX], &rs[n].prefix,
				    extack) ?:
		      (add ? vp_nla_pcx(tb[VPCPEER_A_ROUTE_PCX], extack) : 0);
		if (ret)
			goto err;
		if (add)
			nla_strscpy(rs[n].pcx, tb[VPCPEER_A_ROUTE_PCX],
				    sizeof(rs[n].pcx));
		n++;
	}
	*rsp = rs;
	*nestsp = nests;
	return n;
err:
	kvfree(rs);
	kvfree(nests);
	return ret;
}

static int vp_route_doit(struct sk_buff *skb, struct genl_info *info)
{
	bool add = info->genlhdr->cmd == VPCPEER_CMD_NEW_ROUTE;
	struct vp_prefix *ps = NULL;
	struct vp_route *rs = NULL;
	struct nlattr **nests = NULL;
	struct net_device *dev;
	netdevice_tracker tracker;
	struct vp_device *vp;
	unsigned int bad = 0, i;
	int n, ret;

	dev = vp_lookup_device(genl_info_net(info), info->attrs, &tracker,
			       info->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	vp = netdev_priv(dev);
	n = vp_route_parse(info, add, &rs, &nests);
	if (n < 0) {
		ret = n;
		goto out_put;
	}
	if (!add) {
		ps = kvcalloc(n, sizeof(*ps), GFP_KERNEL);
		if (!ps) {
			ret = -ENOMEM;
			goto out_free;
		}
		for (i = 0; i < n; i++)
			ps[i] = rs[i].prefix;
	}

	mutex_lock(&vp->conf_lock);
	if (add)
		ret = vp_routes_add(vp, rs, n, &bad, info->extack);
	else
		ret = vp_routes_del(vp, ps, n, &bad, info->extack);
	/* Under conf_lock: the events go out in the order of the changes. */
	if (!ret)
		vp_notify_routes(vp, rs, n, add);
	mutex_unlock(&vp->conf_lock);
	/* The route refused, for the tool to name. */
	if (ret && ret != -ENOMEM)
		NL_SET_BAD_ATTR(info->extack, nests[bad]);
out_free:
	kvfree(ps);
	kvfree(rs);
	kvfree(nests);
out_put:
	netdev_put(dev, &tracker);
	return ret;
}

/* ---------------------------------------------------------------- dumps */

/*
 * GET_PEER and GET_ROUTE dump one message per peering or route of the
 * device named in the request. The device is looked up once, in .start,
 * and held until .done: a dump in several parts lists one device even if
 * it is renamed, or deleted and made again under its name, in between.
 * cb->seq is the device's generation, so a change of its configuration
 * between two parts sets NLM_F_DUMP_INTR.
 */
struct vp_dump_ctx {
	struct net_device *dev;
	netdevice_tracker tracker;
	long idx;			/* entries sent so far */
};

static struct vp_dump_ctx *vp_dump_ctx(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct vp_dump_ctx) > sizeof(cb->ctx));
	return (struct vp_dump_ctx *)cb->ctx;
}

static int vp_dump_start(struct netlink_callback *cb)
{
	struct vp_dump_ctx *ctx = vp_dump_ctx(cb);
	struct net_device *dev;

	dev = vp_lookup_device(sock_net(cb->skb->sk), vp_compat_dump_attrs(cb),
			       &ctx->tracker, cb->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	ctx->dev = dev;
	ctx->idx = 0;
	return 0;
}

/* Runs once per successful .start, also when the socket closes early. */
static int vp_dump_done(struct netlink_callback *cb)
{
	struct vp_dump_ctx *ctx = vp_dump_ctx(cb);

	netdev_put(ctx->dev, &ctx->tracker);
	return 0;
}

static int vp_dump_list(struct sk_buff *skb, struct netlink_callback *cb,
			u8 cmd)
{
	struct vp_dump_ctx *ctx = vp_dump_ctx(cb);
	struct net_device *dev = ctx->dev;
	struct vp_device *vp = netdev_priv(dev);
	struct vp_peer *peer;
	long idx = 0;
	int ret = 0;
	void *hdr;

	mutex_lock(&vp->conf_lock);
	cb->seq = vp->generation;
	for (;; idx++) {
		if (cmd == VPCPEER_CMD_GET_PEER) {
			if (idx == 0)
				peer = list_first_entry_or_null(&vp->peers,
								struct vp_peer,
								list);
			else
				peer = list_is_last(&peer->list, &vp->peers) ?
				       NULL : list_next_entry(peer, list);
			if (!peer)
				break;
		} else if (idx >= vp->n_routes) {
			break;
		}
		if (idx < ctx->idx)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &vp_genl_family,
				  NLM_F_MULTI, cmd);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		ret = nla_put_u32(skb, VPCPEER_A_DEVICE_IFINDEX, dev->ifindex) ?:
		      (cmd == VPCPEER_CMD_GET_PEER ? vp_put_peer(skb, peer) :
		       vp_put_route(skb, vp, &vp->routes[idx]));
		if (ret) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	ctx->idx = idx;
	mutex_unlock(&vp->conf_lock);
	/* A single entry too big for an empty message is an error. */
	return ret && !skb->len ? ret : skb->len;
}

static int vp_get_peer_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return vp_dump_list(skb, cb, VPCPEER_CMD_GET_PEER);
}

static int vp_get_route_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return vp_dump_list(skb, cb, VPCPEER_CMD_GET_ROUTE);
}

static const struct genl_ops vp_genl_ops[] = {
	{
		.cmd = VPCPEER_CMD_GET_DEVICE,
		.doit = vp_get_device_doit,
		.dumpit = vp_get_device_dumpit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VPCPEER_CMD_SET_DEVICE,
		.doit = vp_set_device_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VPCPEER_CMD_NEW_PEER,
		.doit = vp_new_peer_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VPCPEER_CMD_DEL_PEER,
		.doit = vp_del_peer_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VPCPEER_CMD_REKEY,
		.doit = vp_rekey_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VPCPEER_CMD_GET_PEER,
		.start = vp_dump_start,
		.dumpit = vp_get_peer_dumpit,
		.done = vp_dump_done,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VPCPEER_CMD_NEW_ROUTE,
		.doit = vp_route_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VPCPEER_CMD_DEL_ROUTE,
		.doit = vp_route_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VPCPEER_CMD_GET_ROUTE,
		.start = vp_dump_start,
		.dumpit = vp_get_route_dumpit,
		.done = vp_dump_done,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family vp_genl_family __ro_after_init = {
	.ops		= vp_genl_ops,
	.n_ops		= ARRAY_SIZE(vp_genl_ops),
	.resv_start_op	= VPCPEER_CMD_REKEY + 1,
	.name		= VPCPEER_GENL_NAME,
	.version	= VPCPEER_GENL_VERSION,
	.maxattr	= VPCPEER_A_DEVICE_MAX,
	.policy		= vp_device_policy,
	.mcgrps		= vp_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(vp_mcgrps),
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
