// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl monitor [DEV]: prints the family's events (the "events"
 * multicast group) as they come, one line each, until interrupted, as
 * `ip monitor` does; -j makes each line a JSON object.
 */
#include "vpcpeerctl.h"
#include "ipc.h"

#include <errno.h>
#include <net/if.h>
#include <netlink/genl/ctrl.h>
#include <string.h>

struct monitor {
	uint32_t ifindex;	/* only this device's events; 0: every one */
	struct json json;
};

/* Opens the line of an event: its kind, device and peering. */
static void event_start(struct monitor *m, const char *kind,
			const char *dev, uint32_t ifindex, struct nlattr *pcx)
{
	if (opts.json) {
		json_init(&m->json, stdout);	/* an object a line */
		json_open_object(&m->json, NULL);
		json_string(&m->json, "event", kind);
		json_string(&m->json, "ifname", dev);
		json_u64(&m->json, "ifindex", ifindex);
		if (pcx)
			json_string(&m->json, "pcx", nla_get_string(pcx));
	} else if (pcx) {
		printf("%s: peering %s: ", dev, nla_get_string(pcx));
	} else {
		printf("%s: ", dev);
	}
}

static void event_end(struct monitor *m)
{
	if (opts.json)
		json_close_object(&m->json);	/* and its newline */
	else
		putchar('\n');
	fflush(stdout);
}

static void peer_event(struct monitor *m, const char *dev, uint32_t ifindex,
		       struct nlattr **p)
{
	const char *state = state_name(nla_get_u8(p[VPCPEER_A_PEER_STATE]));
	const char *reason = p[VPCPEER_A_PEER_REASON] ?
			     reason_name(nla_get_u8(p[VPCPEER_A_PEER_REASON])) :
			     NULL;

	event_start(m, "peering", dev, ifindex, p[VPCPEER_A_PEER_PCX]);
	if (opts.json) {
		json_string(&m->json, "state", state);
		if (reason)
			json_string(&m->json, "reason", reason);
		else
			json_null(&m->json, "reason");
	} else {
		printf("%s%s%s", state, reason ? ": " : "", reason ? reason : "");
	}
	event_end(m);
}

static void session_event(struct monitor *m, const char *dev,
			  uint32_t ifindex, struct nlattr **p)
{
	uint32_t local = nla_get_u32(p[VPCPEER_A_PEER_LOCAL_INDEX]);
	uint32_t remote = nla_get_u32(p[VPCPEER_A_PEER_REMOTE_INDEX]);

	event_start(m, "session", dev, ifindex, p[VPCPEER_A_PEER_PCX]);
	if (opts.json) {
		json_u64(&m->json, "local_index", local);
		json_u64(&m->json, "remote_index", remote);
	} else {
		printf("new session, local index %u, remote index %u", local,
		       remote);
	}
	event_end(m);
}

static int route_event(struct monitor *m, const char *dev, uint32_t ifindex,
		       struct nlattr **r, bool add)
{
	char buf[PREFIX_STRLEN];
	struct prefix p;

	if (ipc_get_prefix(r[VPCPEER_A_ROUTE_PREFIX], &p) ||
	    (add && !r[VPCPEER_A_ROUTE_PCX]))
		return -1;
	prefix_format(&p, buf);
	event_start(m, add ? "route-add" : "route-del", dev, ifindex, NULL);
	if (opts.json) {
		json_string(&m->json, "prefix", buf);
		if (add)
			json_string(&m->json, "pcx",
				    nla_get_string(r[VPCPEER_A_ROUTE_PCX]));
	} else if (add) {
		printf("route add %s via %s", buf,
		       nla_get_string(r[VPCPEER_A_ROUTE_PCX]));
	} else {
		printf("route del %s", buf);
	}
	event_end(m);
	return 0;
}

/* Every message of the group; one the tool cannot read is skipped. */
static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(nlh);
	struct nlattr *tb[VPCPEER_A_DEVICE_MAX + 1];
	struct nlattr *p[VPCPEER_A_PEER_MAX + 1];
	struct nlattr *r[VPCPEER_A_ROUTE_MAX + 1];
	struct monitor *m = arg;
	const char *dev;
	uint32_t ifindex;

	if (genlmsg_parse(nlh, 0, tb, VPCPEER_A_DEVICE_MAX,
			  ipc_device_policy) ||
	    !tb[VPCPEER_A_DEVICE_IFINDEX] || !tb[VPCPEER_A_DEVICE_IFNAME])
		return NL_SKIP;
	ifindex = nla_get_u32(tb[VPCPEER_A_DEVICE_IFINDEX]);
	dev = nla_get_string(tb[VPCPEER_A_DEVICE_IFNAME]);
	if (m->ifindex && ifindex != m->ifindex)
		return NL_SKIP;
	switch (g->cmd) {
	case VPCPEER_CMD_PEER_NTF:
		if (!tb[VPCPEER_A_DEVICE_PEER] ||
		    nla_parse_nested(p, VPCPEER_A_PEER_MAX,
				     tb[VPCPEER_A_DEVICE_PEER],
				     ipc_peer_policy) ||
		    !p[VPCPEER_A_PEER_PCX] || !p[VPCPEER_A_PEER_STATE])
			break;
		peer_event(m, dev, ifindex, p);
		break;
	case VPCPEER_CMD_SESSION_NTF:
		if (!tb[VPCPEER_A_DEVICE_PEER] ||
		    nla_parse_nested(p, VPCPEER_A_PEER_MAX,
				     tb[VPCPEER_A_DEVICE_PEER],
				     ipc_peer_policy) ||
		    !p[VPCPEER_A_PEER_PCX] || !p[VPCPEER_A_PEER_LOCAL_INDEX] ||
		    !p[VPCPEER_A_PEER_REMOTE_INDEX])
			break;
		session_event(m, dev, ifindex, p);
		break;
	case VPCPEER_CMD_ROUTE_ADD_NTF:
	case VPCPEER_CMD_ROUTE_DEL_NTF:
		if (!tb[VPCPEER_A_DEVICE_ROUTE] ||
		    nla_parse_nested(r, VPCPEER_A_ROUTE_MAX,
				     tb[VPCPEER_A_DEVICE_ROUTE],
				     ipc_route_policy))
			break;
		route_event(m, dev, ifindex, r,
			    g->cmd == VPCPEER_CMD_ROUTE_ADD_NTF);
		break;
	}
	return NL_SKIP;
}

int cmd_monitor(int argc, char *argv[])
{
	const char *dev = argc == 2 ? argv[1] : NULL;
	struct monitor m = { 0 };
	struct ipc ipc;
	int grp, ret;

	if (argc > 2)
		return usage_error("monitor");
	if (dev && !check_ifname("monitor", dev))
		return EXIT_USAGE;
	if (dev) {
		m.ifindex = if_nametoindex(dev);
		if (!m.ifindex) {
			fail("monitor %s: no such device", dev);
			return EXIT_FAIL;
		}
	}
	ret = ipc_open(&ipc);
	if (ret) {
		fail("monitor: %s", ipc.err);
		return EXIT_FAIL;
	}
	grp = genl_ctrl_resolve_grp(ipc.sk, VPCPEER_GENL_NAME,
				    VPCPEER_MCGRP_EVENTS);
	ret = grp < 0 ? grp : nl_socket_add_membership(ipc.sk, grp);
	if (ret < 0) {
		/* EPERM reads "Operation not permitted" (CAP_NET_ADMIN). */
		fail("monitor: cannot join the \"%s\" group: %s",
		     VPCPEER_MCGRP_EVENTS,
		     ret == -NLE_PERM ? strerror(EPERM) : nl_geterror(ret));
		ipc_close(&ipc);
		return EXIT_FAIL;
	}
	nl_socket_disable_seq_check(ipc.sk);
	nl_socket_modify_cb(ipc.sk, NL_CB_VALID, NL_CB_CUSTOM, on_event, &m);
	for (;;) {
		ret = nl_recvmsgs_default(ipc.sk);
		/* ENOBUFS: the socket overran, some events are lost. */
		if (ret == -NLE_NOMEM) {
			fail("monitor: events were lost (receive buffer full)");
			continue;
		}
		if (ret < 0)
			break;
	}
	fail("monitor: %s", nl_geterror(ret));
	ipc_close(&ipc);
	return EXIT_FAIL;
}
