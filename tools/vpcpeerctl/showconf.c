// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl showconf DEV: the device's configuration as a file setconf
 * and syncconf read (conf.h), from what the kernel shows. The kernel never
 * shows a secret, so a comment stands in each peering's Secret line.
 */
#include "vpcpeerctl.h"
#include "conf.h"
#include "ipc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A prefix list nest into l; 0 or -1. */
static int get_prefixes(struct nlattr *list, struct conf_prefixes *l)
{
	struct prefix p;
	struct nlattr *a;
	int rem;

	if (!list)
		return 0;
	nla_for_each_nested(a, list, rem)
		if (nla_type(a) != VPCPEER_A_CIDR || ipc_get_prefix(a, &p) ||
		    conf_prefixes_add(l, &p, 0))
			return -1;
	return 0;
}

/* A string attribute into out[VPCPEER_ID_MAX + 1]; 0 or -1. */
static int get_id(struct nlattr *a, char *out)
{
	const char *s = nla_get_string(a);

	if (nla_len(a) < 1 || s[nla_len(a) - 1] || strlen(s) > VPCPEER_ID_MAX)
		return -1;
	memcpy(out, s, strlen(s) + 1);
	return 0;
}

static int read_device(struct nlattr **tb, void *arg)
{
	struct conf *c = arg;

	if (tb[VPCPEER_A_DEVICE_VPC_ID]) {
		c->has_vpc_id = true;
		if (get_id(tb[VPCPEER_A_DEVICE_VPC_ID], c->vpc_id))
			return -1;
	}
	c->has_cidrs = true;
	if (get_prefixes(tb[VPCPEER_A_DEVICE_CIDRS], &c->cidrs))
		return -1;
	if (tb[VPCPEER_A_DEVICE_LISTEN_PORT]) {
		c->has_port = true;
		c->listen_port = nla_get_u16(tb[VPCPEER_A_DEVICE_LISTEN_PORT]);
	}
	if (tb[VPCPEER_A_DEVICE_REGION]) {
		c->has_region = true;
		if (get_id(tb[VPCPEER_A_DEVICE_REGION], c->region))
			return -1;
	}
	return NL_OK;
}

static int read_peer(struct nlattr **tb, void *arg)
{
	struct nlattr *p[VPCPEER_A_PEER_MAX + 1], *a;
	struct conf *c = arg;
	struct conf_peer *peer;

	if (!tb[VPCPEER_A_DEVICE_PEER] ||
	    nla_parse_nested(p, VPCPEER_A_PEER_MAX, tb[VPCPEER_A_DEVICE_PEER],
			     ipc_peer_policy) ||
	    !p[VPCPEER_A_PEER_PCX] || !p[VPCPEER_A_PEER_REMOTE_VPC] ||
	    !p[VPCPEER_A_PEER_ENDPOINT])
		return -1;
	peer = conf_peer_add(c);
	if (!peer || get_id(p[VPCPEER_A_PEER_PCX], peer->pcx) ||
	    get_id(p[VPCPEER_A_PEER_REMOTE_VPC], peer->remote_vpc) ||
	    (p[VPCPEER_A_PEER_REGION] &&
	     get_id(p[VPCPEER_A_PEER_REGION], peer->region)) ||
	    get_prefixes(p[VPCPEER_A_PEER_CIDRS], &peer->cidrs))
		return -1;
	a = p[VPCPEER_A_PEER_ENDPOINT];
	memcpy(&peer->endpoint, nla_data(a),
	       (size_t)nla_len(a) < sizeof(peer->endpoint) ?
	       (size_t)nla_len(a) : sizeof(peer->endpoint));
	if (endpoint_len(&peer->endpoint) != (size_t)nla_len(a))
		return -1;
	if (p[VPCPEER_A_PEER_CIPHER])
		peer->cipher = nla_get_u8(p[VPCPEER_A_PEER_CIPHER]);
	if (p[VPCPEER_A_PEER_KEEPALIVE])
		peer->keepalive = nla_get_u16(p[VPCPEER_A_PEER_KEEPALIVE]);
	if (p[VPCPEER_A_PEER_DEAD_AFTER])
		peer->dead_after = nla_get_u16(p[VPCPEER_A_PEER_DEAD_AFTER]);
	return NL_OK;
}

/* Routes go to their peering's list, or to the orphans. */
static int read_route(struct nlattr **tb, void *arg)
{
	struct nlattr *rt[VPCPEER_A_ROUTE_MAX + 1];
	char pcx[VPCPEER_ID_MAX + 1];
	struct conf *c = arg;
	struct conf_peer *peer;
	struct prefix p;

	if (!tb[VPCPEER_A_DEVICE_ROUTE] ||
	    nla_parse_nested(rt, VPCPEER_A_ROUTE_MAX,
			     tb[VPCPEER_A_DEVICE_ROUTE], ipc_route_policy) ||
	    !rt[VPCPEER_A_ROUTE_PREFIX] || !rt[VPCPEER_A_ROUTE_PCX] ||
	    ipc_get_prefix(rt[VPCPEER_A_ROUTE_PREFIX], &p) ||
	    get_id(rt[VPCPEER_A_ROUTE_PCX], pcx))
		return -1;
	peer = conf_peer_find(c, pcx);
	if (peer)
		return conf_prefixes_add(&peer->routes, &p, 0) ? -1 : NL_OK;
	return conf_orphan_add(c, &p, pcx) ? -1 : NL_OK;
}

/* One request of cmd on dev, each reply to fn. */
static int read_part(struct ipc *ipc, const char *dev, int cmd, int flags,
		     ipc_reply_fn fn, struct conf *c)
{
	struct nl_msg *msg = ipc_new(ipc, cmd, flags);

	if (msg && ipc_put_dev(msg, dev, 0)) {
		ipc_free(msg);
		msg = NULL;
	}
	return ipc_do(ipc, msg, VPCPEER_A_DEVICE_MAX, fn, c);
}

int conf_read(struct ipc *ipc, const char *dev, struct conf *c)
{
	int ret = -EAGAIN, tries;

	/* A change while a part was read: read it all again. */
	for (tries = 0; ret == -EAGAIN && tries < IPC_DUMP_TRIES; tries++) {
		conf_init(c);
		ret = read_part(ipc, dev, VPCPEER_CMD_GET_DEVICE, 0,
				read_device, c);
		if (!ret)
			ret = read_part(ipc, dev, VPCPEER_CMD_GET_PEER,
					NLM_F_DUMP, read_peer, c);
		if (!ret)
			ret = read_part(ipc, dev, VPCPEER_CMD_GET_ROUTE,
					NLM_F_DUMP, read_route, c);
		if (ret)
			conf_free(c);
	}
	return ret;
}

int cmd_showconf(int argc, char *argv[])
{
	struct conf c;
	struct ipc ipc;
	struct out o;
	int ret;

	if (argc != 2)
		return usage_error("showconf");
	if (!check_ifname("showconf", argv[1]))
		return EXIT_USAGE;
	ret = ipc_open(&ipc);
	if (!ret)
		ret = conf_read(&ipc, argv[1], &c);
	ipc_close(&ipc);
	if (ret) {
		fail("showconf %s: %s", argv[1], ipc.err);
		return EXIT_FAIL;
	}
	if (out_open(&o)) {
		conf_free(&c);
		fail("showconf %s: out of memory", argv[1]);
		return EXIT_FAIL;
	}
	fprintf(o.f, "# vpcpeerctl showconf %s\n", argv[1]);
	conf_print(o.f, &c);
	out_close(&o, true);
	conf_free(&c);
	return EXIT_OK;
}
