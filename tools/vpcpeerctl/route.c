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

/*
 * An RTM_NEWROUTE or RTM_DELROUTE request of "PREFIX dev IFINDEX" in the
 * main table, or NULL if out of memory.
 */
static struct nl_msg *kernel_route_request(int type, unsigned int ifindex,
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
	struct nl_msg *msg;

	/* Its own size, not a page: a batch builds thousands. */
	msg = nlmsg_alloc_size(NLMSG_SPACE(sizeof(rtm)) +
			       (size_t)nla_total_size(sizeof(p->addr)) +
			       (size_t)nla_total_size(sizeof(uint32_t)));
	if (msg &&
	    (!nlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, type, 0,
			add ? NLM_F_CREATE | NLM_F_REPLACE : 0) ||
	     nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) ||
	     nla_put(msg, RTA_DST, (int)prefix_addr_len(p->family), p->addr) ||
	     nla_put_u32(msg, RTA_OIF, ifindex))) {
		ipc_free(msg);
		msg = NULL;
	}
	return msg;
}

/* kernel_route_request() done on rt, an open rtnetlink socket. */
static int kernel_route_on(struct ipc *rt, int type, unsigned int ifindex,
			   const struct prefix *p)
{
	return ipc_do(rt, kernel_route_request(type, ifindex, p), 0, NULL,
		      NULL);
}

/* The ifindex of dev, or 0 with the reason in ipc->err. */
static unsigned int dev_index(struct ipc *ipc, const char *dev)
{
	unsigned int ifindex = if_nametoindex(dev);

	if (!ifindex)
		snprintf(ipc->err, sizeof(ipc->err), "%s: %s", dev,
			 strerror(errno));
	return ifindex;
}

/* kernel_route_on() with a socket of its own. */
static int kernel_route(struct ipc *ipc, int type, const char *dev,
			const struct prefix *p)
{
	unsigned int ifindex = dev_index(ipc, dev);
	int ret;

	if (!ifindex)
		return -ENODEV;
	ret = ipc_open_route(ipc);
	if (ret)
		return ret;
	ret = kernel_route_on(ipc, type, ifindex, p);
	ipc_close(ipc);
	return ret;
}

/* argv: DEV PREFIX of cmd ("route add"); fills p, or says why not. */
static bool route_args(const char *cmd, char *argv[], struct prefix *p)
{
	char why[WHY_LEN];

	if (!check_ifname(cmd, argv[0]))
		return false;
	if (prefix_parse(argv[1], p, why)) {
		fail("%s %s: prefix %s", cmd, argv[0], why);
		return false;
	}
	return true;
}

int route_add_parse(int argc, char *argv[], struct route_add *r)
{
	struct keyword via = { .name = "via" };

	if (argc != 5 || keywords_parse(2, argv + 3, &via, 1))
		return usage_error("route add");
	if (!route_args("route add", argv + 1, &r->prefix) ||
	    !check_pcx("route add", argv[1], via.value))
		return EXIT_USAGE;
	r->dev = argv[1];
	r->pcx = via.value;
	return EXIT_OK;
}

/* Room for a NEW_ROUTE request of n routes. */
static size_t route_request_size(size_t n)
{
	return 1024 + n * 128;
}

int route_add_many(const struct route_add *rs, size_t n, size_t *bad,
		   void (*at)(size_t i, void *arg), void *arg)
{
	unsigned int offs[ROUTE_BATCH_MAX], ifindex;
	struct nl_msg *krs[ROUTE_BATCH_MAX];
	int errs[ROUTE_BATCH_MAX];
	struct ipc ipc, rt;
	char buf[PREFIX_STRLEN], why[sizeof(rt.err)];
	struct nlattr *nest;
	struct nl_msg *msg;
	size_t i;
	int ret;

	*bad = n;
	if (!n || n > ROUTE_BATCH_MAX)
		return EXIT_USAGE;
	ret = ipc_open(&ipc);
	if (ret) {
		if (at)
			at(0, arg);
		fail("route add %s: %s", rs[0].dev, ipc.err);
		return EXIT_FAIL;
	}
	msg = ipc_new_size(&ipc, VPCPEER_CMD_NEW_ROUTE, 0,
			   route_request_size(n));
	if (msg && ipc_put_dev(msg, rs[0].dev, 0))
		goto nomem;
	for (i = 0; msg && i < n; i++) {
		nest = nla_nest_start(msg, NLA_F_NESTED |
				      VPCPEER_A_DEVICE_ROUTE);
		if (!nest)
			goto nomem;
		offs[i] = (unsigned int)((char *)nest -
					 (char *)nlmsg_hdr(msg));
		if (ipc_put_prefix(msg, VPCPEER_A_ROUTE_PREFIX,
				   &rs[i].prefix) ||
		    nla_put_string(msg, VPCPEER_A_ROUTE_PCX, rs[i].pcx) ||
		    nla_nest_end(msg, nest))
			goto nomem;
	}
	ret = ipc_do(&ipc, msg, 0, NULL, NULL);
	ipc_close(&ipc);
	if (ret) {
		/* The route the kernel refused, if it named one. */
		for (i = 0; i < n && ipc.bad_offs; i++)
			if (ipc.bad_offs >= offs[i] &&
			    (i + 1 == n || ipc.bad_offs < offs[i + 1]))
				*bad = i;
		if (at)
			at(*bad < n ? *bad : 0, arg);
		if (*bad < n)
			fail("route add %s %s: %s", rs[*bad].dev,
			     prefix_format(&rs[*bad].prefix, buf), ipc.err);
		else
			fail("route add %s: %s", rs[0].dev, ipc.err);
		return EXIT_FAIL;
	}

	/*
	 * The kernel routes that bring the prefixes to the device, pipelined:
	 * one route at a time, ten thousand routes took seconds in a guest.
	 */
	for (i = 0; i < n; i++)
		errs[i] = 1;
	rt.sk = NULL;
	ifindex = dev_index(&rt, rs[0].dev);
	ret = ifindex ? ipc_open_route(&rt) : -ENODEV;
	if (!ret) {
		for (i = 0; i < n; i++)
			krs[i] = kernel_route_request(RTM_NEWROUTE, ifindex,
						      &rs[i].prefix);
		ret = ipc_do_many(&rt, krs, n, errs);
	}
	if (!ret) {
		ipc_close(&rt);
		return EXIT_OK;
	}
	/*
	 * Undo the vpcpeer routes from the first refused kernel route on,
	 * and the kernel routes the pipeline added after it.
	 */
	snprintf(why, sizeof(why), "%s", rt.err);
	for (*bad = 0; *bad + 1 < n && !errs[*bad]; ++*bad)
		;
	for (i = *bad + 1; rt.sk && i < n; i++)
		if (!errs[i])
			kernel_route_on(&rt, RTM_DELROUTE, ifindex,
					&rs[i].prefix);
	if (rt.sk)
		ipc_close(&rt);
	if (at)
		at(*bad, arg);
	for (i = *bad; i < n; i++)
		if (vpcpeer_route(&ipc, VPCPEER_CMD_DEL_ROUTE, rs[i].dev,
				  &rs[i].prefix, NULL))
			break;
	fail("route add %s %s: kernel route: %s (%s)", rs[*bad].dev,
	     prefix_format(&rs[*bad].prefix, buf), why,
	     i == n ? "vpcpeer route undone" : "and undoing the vpcpeer route failed");
	return EXIT_FAIL;

nomem:
	ipc_free(msg);
	ipc_close(&ipc);
	if (at)
		at(0, arg);
	fail("route add %s: out of memory", rs[0].dev);
	return EXIT_FAIL;
}

static int route_add(int argc, char *argv[])
{
	struct route_add r;
	size_t bad;
	int ret = route_add_parse(argc, argv, &r);

	return ret ? ret : route_add_many(&r, 1, &bad, NULL, NULL);
}

int route_del_one(const char *ctx, const char *dev, const struct prefix *p)
{
	struct ipc ipc;
	char buf[PREFIX_STRLEN];
	int ret;

	prefix_format(p, buf);
	if (vpcpeer_route(&ipc, VPCPEER_CMD_DEL_ROUTE, dev, p, NULL)) {
		fail("%s %s %s: %s", ctx, dev, buf, ipc.err);
		return EXIT_FAIL;
	}
	/* A kernel route already gone is what we want. */
	ret = kernel_route(&ipc, RTM_DELROUTE, dev, p);
	if (ret && ret != -ESRCH) {
		fail("%s %s %s: deleted, but not the kernel route: %s", ctx,
		     dev, buf, ipc.err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int route_del(int argc, char *argv[])
{
	struct prefix p;

	if (argc != 3)
		return usage_error("route del");
	if (!route_args("route del", argv + 1, &p))
		return EXIT_USAGE;
	return route_del_one("route del", argv[1], &p);
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
