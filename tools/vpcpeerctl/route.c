// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl route add DEV PREFIX via PCX
 * vpcpeerctl route del DEV PREFIX
 * vpcpeerctl route show DEV
 *
 * A vpcpeer route says which peering carries a prefix; the kernel's own
 * route "PREFIX dev DEV" (main table, as `ip route add PREFIX dev DEV`)
 * brings the packets to the device. add and del change both.
 */
#include "vpcpeerctl.h"
#include "ipc.h"
#include "parse.h"

#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <linux/rtnetlink.h>

static struct nl_msg *route_request(struct ipc *ipc, int cmd,
				    const char *dev, const struct prefix *p,
				    const char *pcx)
{
	struct nl_msg *msg = ipc_new(ipc, cmd, 0);
	struct nlattr *nest;

	if (!msg || ipc_put_dev(msg, dev, 0))
		goto fail;
	nest = nla_nest_start(msg, NLA_F_NESTED | VPCPEER_A_DEVICE_ROUTE);
	if (!nest ||
	    ipc_put_prefix(msg, VPCPEER_A_ROUTE_PREFIX, p) ||
	    (pcx && nla_put_string(msg, VPCPEER_A_ROUTE_PCX, pcx)) ||
	    nla_nest_end(msg, nest))
		goto fail;
	return msg;
fail:
	ipc_free(msg);
	return NULL;
}

/* NEW_ROUTE or DEL_ROUTE of the vpcpeer route; pcx NULL for DEL. */
static int vpcpeer_route(struct ipc *ipc, int cmd, const char *dev,
			 const struct prefix *p, const char *pcx)
{
	int ret = ipc_open(ipc);

	if (!ret)
		ret = ipc_do(ipc, route_request(ipc, cmd, dev, p, pcx), 0,
			     NULL, NULL);
	ipc_close(ipc);
	return ret;
}

/* RTM_NEWROUTE or RTM_DELROUTE of "PREFIX dev DEV" in the main table. */
static int kernel_route(struct ipc *ipc, int type, const char *dev,
			const struct prefix *p)
{
	bool add = type == RTM_NEWROUTE;
	struct rtmsg rtm = {
		.rtm_family = (unsigned char)p->family,
		.rtm_dst_len = p->len,
		.rtm_table = RT_TABLE_MAIN,
		.rtm_protocol = add ? RTPROT_STATIC : RTPROT_UNSPEC,
		/* on delete: any scope, any type */
		.rtm_scope = add ? RT_SCOPE_LINK : RT_SCOPE_NOWHERE,
		.rtm_type = add ? RTN_UNICAST : RTN_UNSPEC,
	};
	unsigned int ifindex = if_nametoindex(dev);
	struct nl_msg *msg;
	int ret;

	if (!ifindex) {
		ret = -errno;
		snprintf(ipc->err, sizeof(ipc->err), "%s: %s", dev,
			 strerror(errno));
		return ret;
	}
	ret = ipc_open_route(ipc);
	if (ret)
		return ret;
	msg = nlmsg_alloc_simple(type, add ? NLM_F_CREATE | NLM_F_REPLACE : 0);
	if (msg &&
	    (nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) ||
	     nla_put(msg, RTA_DST, (int)prefix_addr_len(p->family), p->addr) ||
	     nla_put_u32(msg, RTA_OIF, ifindex))) {
		ipc_free(msg);
		msg = NULL;
	}
	ret = ipc_do(ipc, msg, 0, NULL, NULL);
	ipc_close(ipc);
	return ret;
}

/* argv: DEV PREFIX; fills p, or says why not. */
static bool route_args(const char *sub, char *argv[], struct prefix *p)
{
	char why[WHY_LEN], ctx[64];

	snprintf(ctx, sizeof(ctx), "route %s", sub);
	if (!check_ifname(ctx, argv[0]))
		return false;
	if (prefix_parse(argv[1], p, why)) {
		fail("route %s %s: prefix %s", sub, argv[0], why);
		return false;
	}
	return true;
}

static int route_add(int argc, char *argv[])
{
	struct keyword via = { .name = "via" };
	char buf[PREFIX_STRLEN], ctx[64];
	struct ipc ipc, rt;
	struct prefix p;
	const char *dev;

	if (argc != 5 || keywords_parse(2, argv + 3, &via, 1))
		return usage_error("route add");
	dev = argv[1];
	if (!route_args("add", argv + 1, &p))
		return EXIT_USAGE;
	prefix_format(&p, buf);
	snprintf(ctx, sizeof(ctx), "route add %s", dev);
	if (!check_pcx(ctx, via.value))
		return EXIT_USAGE;
	if (vpcpeer_route(&ipc, VPCPEER_CMD_NEW_ROUTE, dev, &p, via.value)) {
		fail("%s %s: %s", ctx, buf, ipc.err);
		return EXIT_FAIL;
	}
	if (kernel_route(&rt, RTM_NEWROUTE, dev, &p)) {
		if (vpcpeer_route(&ipc, VPCPEER_CMD_DEL_ROUTE, dev, &p, NULL))
			fail("%s %s: kernel route: %s (and undoing the vpcpeer route failed: %s)",
			     ctx, buf, rt.err, ipc.err);
		else
			fail("%s %s: kernel route: %s (vpcpeer route undone)",
			     ctx, buf, rt.err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int route_del(int argc, char *argv[])
{
	struct ipc ipc;
	char buf[PREFIX_STRLEN];
	struct prefix p;
	const char *dev;
	int ret;

	if (argc != 3)
		return usage_error("route del");
	dev = argv[1];
	if (!route_args("del", argv + 1, &p))
		return EXIT_USAGE;
	prefix_format(&p, buf);
	if (vpcpeer_route(&ipc, VPCPEER_CMD_DEL_ROUTE, dev, &p, NULL)) {
		fail("route del %s %s: %s", dev, buf, ipc.err);
		return EXIT_FAIL;
	}
	/* A kernel route already gone is what we want. */
	ret = kernel_route(&ipc, RTM_DELROUTE, dev, &p);
	if (ret && ret != -ESRCH) {
		fail("route del %s %s: deleted, but not the kernel route: %s",
		     dev, buf, ipc.err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int route_show(int argc, char *argv[])
{
	struct out o;
	struct ipc ipc;
	int ret, tries;

	if (argc != 2)
		return usage_error("route show");
	if (!check_ifname("route show", argv[1]))
		return EXIT_USAGE;
	ret = ipc_open(&ipc);
	/* The routes changed while they were read: read them again. */
	for (tries = 1; !ret; tries++) {
		if (out_open(&o)) {
			snprintf(ipc.err, sizeof(ipc.err), "out of memory");
			ret = -ENOMEM;
			break;
		}
		ret = show_routes(&ipc, argv[1], 0, &o, false);
		out_close(&o, !ret);
		if (ret != -EAGAIN || tries == IPC_DUMP_TRIES)
			break;
		ret = 0;
	}
	ipc_close(&ipc);
	if (ret) {
		fail("route show %s: %s", argv[1], ipc.err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_route(int argc, char *argv[])
{
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return route_add(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "del"))
		return route_del(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "show"))
		return route_show(argc - 1, argv + 1);
	fail("usage: %s route add|del|show DEV ... (see --help)", prog);
	return EXIT_USAGE;
}
