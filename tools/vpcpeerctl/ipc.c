// SPDX-License-Identifier: GPL-2.0
#include "ipc.h"
#include "parse.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <sys/socket.h>
#include <sys/uio.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct ipc_call {
	struct ipc *ipc;
	struct nl_msg *req;
	int maxattr;
	ipc_reply_fn fn;
	void *arg;
	int error;
	bool done;
	bool intr;		/* a part of the dump had NLM_F_DUMP_INTR */
};

/* The kinds of nest a request has, to name the attribute the kernel blames. */
enum nest { N_LEAF, N_DEVICE, N_PEER, N_ROUTE, N_LIST, N_PREFIX };

#define NAME(table, type) \
	((type) < (int)(sizeof(table) / sizeof(*(table))) ? (table)[type] : NULL)

static const char *attr_name(enum nest in, int type)
{
	static const char *const device[] = {
		[VPCPEER_A_DEVICE_IFINDEX] = "ifindex",
		[VPCPEER_A_DEVICE_IFNAME] = "ifname",
		[VPCPEER_A_DEVICE_VPC_ID] = "vpc_id",
		[VPCPEER_A_DEVICE_CIDRS] = "cidrs",
		[VPCPEER_A_DEVICE_LISTEN_PORT] = "listen_port",
		[VPCPEER_A_DEVICE_REGION] = "region",
		[VPCPEER_A_DEVICE_PEER] = "peer",
		[VPCPEER_A_DEVICE_ROUTE] = "route",
		[VPCPEER_A_DEVICE_STATS] = "stats",
		[VPCPEER_A_DEVICE_PEER_COUNT] = "peer_count",
		[VPCPEER_A_DEVICE_ROUTE_COUNT] = "route_count",
	};
	static const char *const peer[] = {
		[VPCPEER_A_PEER_PCX] = "pcx",
		[VPCPEER_A_PEER_REMOTE_VPC] = "remote_vpc",
		[VPCPEER_A_PEER_CIDRS] = "cidrs",
		[VPCPEER_A_PEER_ENDPOINT] = "endpoint",
		[VPCPEER_A_PEER_SECRET] = "secret",
		[VPCPEER_A_PEER_CIPHER] = "cipher",
		[VPCPEER_A_PEER_REGION] = "region",
		[VPCPEER_A_PEER_STATS] = "stats",
		[VPCPEER_A_PEER_LOCAL_INDEX] = "local_index",
		[VPCPEER_A_PEER_REMOTE_INDEX] = "remote_index",
		[VPCPEER_A_PEER_TX_COUNTER] = "tx_counter",
		[VPCPEER_A_PEER_PAD] = "pad",
		[VPCPEER_A_PEER_STATE] = "state",
		[VPCPEER_A_PEER_REASON] = "reason",
		[VPCPEER_A_PEER_LAST_HANDSHAKE] = "last_handshake",
		[VPCPEER_A_PEER_LAST_RX] = "last_rx",
		[VPCPEER_A_PEER_DOWN] = "down",
		[VPCPEER_A_PEER_KEEPALIVE] = "keepalive",
		[VPCPEER_A_PEER_DEAD_AFTER] = "dead_after",
	};
	static const char *const route[] = {
		[VPCPEER_A_ROUTE_PREFIX] = "prefix",
		[VPCPEER_A_ROUTE_PCX] = "pcx",
		[VPCPEER_A_ROUTE_BLACKHOLE] = "blackhole",
	};
	static const char *const prefix[] = {
		[VPCPEER_A_PREFIX_ADDR] = "addr",
		[VPCPEER_A_PREFIX_LEN] = "len",
	};

	switch (in) {
	case N_DEVICE:
		return NAME(device, type);
	case N_PEER:
		return NAME(peer, type);
	case N_ROUTE:
		return NAME(route, type);
	case N_PREFIX:
		return NAME(prefix, type);
	default:
		return NULL;
	}
}

/* What an attribute of type holds when it sits in a nest of kind in. */
static enum nest attr_kind(enum nest in, int type)
{
	if ((in == N_DEVICE && type == VPCPEER_A_DEVICE_CIDRS) ||
	    (in == N_PEER && type == VPCPEER_A_PEER_CIDRS))
		return N_LIST;
	if (in == N_DEVICE && type == VPCPEER_A_DEVICE_PEER)
		return N_PEER;
	if (in == N_DEVICE && type == VPCPEER_A_DEVICE_ROUTE)
		return N_ROUTE;
	if ((in == N_ROUTE && type == VPCPEER_A_ROUTE_PREFIX) ||
	    (in == N_LIST && type == VPCPEER_A_CIDR))
		return N_PREFIX;
	return N_LEAF;
}

/*
 * Appends to path the name of the attribute at target, searching the
 * attributes [head, head + len) of a nest of kind in and the nests within:
 * "peer.cidrs[1].len". Returns the kind of that attribute, or -1 if no
 * attribute starts there.
 */
static int attr_path(struct nlattr *head, int len, enum nest in,
		     const char *target, char *path, size_t size)
{
	struct nlattr *a;
	int rem, i = 0;

	nla_for_each_attr(a, head, len, rem) {
		const char *start = (const char *)a, *name;
		enum nest kind = attr_kind(in, nla_type(a));
		size_t used = strlen(path);

		if (target < start || target >= start + a->nla_len) {
			i++;
			continue;
		}
		if (in == N_LIST)
			snprintf(path + used, size - used, "[%d]", i);
		else if ((name = attr_name(in, nla_type(a))))
			snprintf(path + used, size - used, "%s%s",
				 used ? "." : "", name);
		else
			return -1;
		if (target == start || kind == N_LEAF)
			return kind;
		return attr_path(nla_data(a), nla_len(a), kind, target, path,
				 size);
	}
	return -1;
}

/*
 * Names the attribute of our request at byte offset offs into path; with
 * missing >= 0, names instead the attribute of that type missing from the
 * nest at offs (or from the top level, offs 0). False if it cannot.
 */
static bool attr_at(struct nl_msg *req, unsigned int offs, int missing,
		    char *path, size_t size)
{
	struct nlmsghdr *nlh = nlmsg_hdr(req);
	int kind = N_DEVICE;
	const char *name;
	size_t used;

	path[0] = '\0';
	if (offs >= nlh->nlmsg_len || (!offs && missing < 0))
		return false;
	if (offs)
		kind = attr_path(genlmsg_attrdata(nlmsg_data(nlh), 0),
				 genlmsg_attrlen(nlmsg_data(nlh), 0), N_DEVICE,
				 (char *)nlh + offs, path, size);
	if (kind < 0)
		return false;
	if (missing < 0)
		return true;
	name = attr_name((enum nest)kind, missing);
	if (!name)
		return false;
	used = strlen(path);
	snprintf(path + used, size - used, "%s%s", used ? "." : "", name);
	return true;
}

/*
 * The extended ack TLVs of an NLMSG_ERROR into tb (NLMSGERR_ATTR_MAX + 1
 * entries, zeroed by the caller); -1 if it has none.
 */
static int ack_tlvs(const struct nlmsghdr *nlh, struct nlattr **tb)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	size_t ack_len = sizeof(*e);
	int len;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return -1;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		ack_len += e->msg.nlmsg_len - NLMSG_HDRLEN;
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)ack_len;
	if (len <= 0)
		return -1;
	return nla_parse(tb, NLMSGERR_ATTR_MAX,
			 (struct nlattr *)((const char *)e + ack_len), len,
			 NULL) ? -1 : 0;
}

/* Keeps the kernel's extended ack message (and bad attribute) in ipc->err. */
static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { 0 };
	struct ipc_call *call = arg;
	const char *msg = NULL;
	char attr[128] = "";
	bool named = false;

	(void)nla;
	call->error = e->error;
	call->done = true;
	if (ack_tlvs(nlh, tb))
		goto out;
	if (tb[NLMSGERR_ATTR_MSG])
		msg = nla_get_string(tb[NLMSGERR_ATTR_MSG]);
	if (!call->ipc->family)		/* rtnetlink: nothing to name */
		goto out;
	if (tb[NLMSGERR_ATTR_MISS_TYPE])
		named = attr_at(call->req, tb[NLMSGERR_ATTR_MISS_NEST] ?
				nla_get_u32(tb[NLMSGERR_ATTR_MISS_NEST]) : 0,
				(int)nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]),
				attr, sizeof(attr));
	else if (tb[NLMSGERR_ATTR_OFFS]) {
		call->ipc->bad_offs = nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
		named = attr_at(call->req, call->ipc->bad_offs, -1, attr,
				sizeof(attr));
	}
	if (named && tb[NLMSGERR_ATTR_MISS_TYPE] && (!msg || !*msg)) {
		snprintf(call->ipc->err, sizeof(call->ipc->err),
			 "missing attribute %s", attr);
		return NL_STOP;
	}
out:
	if (!msg || !*msg)
		msg = strerror(-e->error);
	if (named)
		snprintf(call->ipc->err, sizeof(call->ipc->err),
			 "%s (attribute %s)", msg, attr);
	else
		snprintf(call->ipc->err, sizeof(call->ipc->err), "%s", msg);
	return NL_STOP;
}

/*
 * A dump part whose device changed since the previous part: note it, and
 * read on to the end, so that the socket is ready for the next request.
 */
static int on_intr(struct nl_msg *msg, void *arg)
{
	struct ipc_call *call = arg;

	(void)msg;
	call->intr = true;
	return NL_OK;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct ipc_call *call = arg;

	(void)msg;
	call->done = true;
	return NL_STOP;
}

/* What replies may carry; the nests are checked where they are read. */
const struct nla_policy ipc_device_policy[VPCPEER_A_DEVICE_MAX + 1] = {
	[VPCPEER_A_DEVICE_IFINDEX] = { .type = NLA_U32 },
	[VPCPEER_A_DEVICE_IFNAME] = { .type = NLA_STRING },
	[VPCPEER_A_DEVICE_VPC_ID] = { .type = NLA_STRING },
	[VPCPEER_A_DEVICE_CIDRS] = { .type = NLA_NESTED },
	[VPCPEER_A_DEVICE_LISTEN_PORT] = { .type = NLA_U16 },
	[VPCPEER_A_DEVICE_REGION] = { .type = NLA_STRING },
	[VPCPEER_A_DEVICE_PEER] = { .type = NLA_NESTED },
	[VPCPEER_A_DEVICE_ROUTE] = { .type = NLA_NESTED },
	[VPCPEER_A_DEVICE_STATS] = { .type = NLA_NESTED },
	[VPCPEER_A_DEVICE_PEER_COUNT] = { .type = NLA_U32 },
	[VPCPEER_A_DEVICE_ROUTE_COUNT] = { .type = NLA_U32 },
};

/* A peering's nest, in replies and events. */
const struct nla_policy ipc_peer_policy[VPCPEER_A_PEER_MAX + 1] = {
	[VPCPEER_A_PEER_PCX] = { .type = NLA_STRING },
	[VPCPEER_A_PEER_REMOTE_VPC] = { .type = NLA_STRING },
	[VPCPEER_A_PEER_CIDRS] = { .type = NLA_NESTED },
	[VPCPEER_A_PEER_CIPHER] = { .type = NLA_U8 },
	[VPCPEER_A_PEER_REGION] = { .type = NLA_STRING },
	[VPCPEER_A_PEER_STATS] = { .type = NLA_NESTED },
	[VPCPEER_A_PEER_LOCAL_INDEX] = { .type = NLA_U32 },
	[VPCPEER_A_PEER_REMOTE_INDEX] = { .type = NLA_U32 },
	[VPCPEER_A_PEER_TX_COUNTER] = { .type = NLA_U64 },
	[VPCPEER_A_PEER_STATE] = { .type = NLA_U8 },
	[VPCPEER_A_PEER_REASON] = { .type = NLA_U8 },
	[VPCPEER_A_PEER_LAST_HANDSHAKE] = { .type = NLA_U64 },
	[VPCPEER_A_PEER_LAST_RX] = { .type = NLA_U64 },
	[VPCPEER_A_PEER_DOWN] = { .type = NLA_FLAG },
	[VPCPEER_A_PEER_KEEPALIVE] = { .type = NLA_U16 },
	[VPCPEER_A_PEER_DEAD_AFTER] = { .type = NLA_U16 },
};

/* A route's nest, in replies and events. */
const struct nla_policy ipc_route_policy[VPCPEER_A_ROUTE_MAX + 1] = {
	[VPCPEER_A_ROUTE_PREFIX] = { .type = NLA_NESTED },
	[VPCPEER_A_ROUTE_PCX] = { .type = NLA_STRING },
	[VPCPEER_A_ROUTE_BLACKHOLE] = { .type = NLA_FLAG },
};

static int on_reply(struct nl_msg *msg, void *arg)
{
	struct ipc_call *call = arg;
	struct nlattr *tb[call->maxattr + 1];
	int ret;

	ret = genlmsg_parse(nlmsg_hdr(msg), 0, tb, call->maxattr,
			    call->maxattr == VPCPEER_A_DEVICE_MAX ?
			    ipc_device_policy : NULL);
	if (ret >= 0 && call->fn)
		ret = call->fn(tb, call->arg);
	if (ret < 0) {
		call->error = -EPROTO;
		snprintf(call->ipc->err, sizeof(call->ipc->err),
			 "malformed reply from the kernel");
		return NL_STOP;
	}
	return ret;
}

/*
 * While kept (ipc_keep), the sockets opened are kept open and handed to
 * every later ipc_open()/ipc_open_route(): a batch of commands pays for a
 * socket and the family's lookup once.
 */
static struct {
	bool on;
	struct nl_sock *genl, *route;
	int family;
} kept;

void ipc_keep(bool on)
{
	kept.on = on;
	if (on)
		return;
	nl_socket_free(kept.genl);
	nl_socket_free(kept.route);
	kept.genl = NULL;
	kept.route = NULL;
}

int ipc_open(struct ipc *ipc)
{
	int one = 1;

	ipc->err[0] = '\0';
	if (kept.genl) {
		ipc->sk = kept.genl;
		ipc->family = kept.family;
		return 0;
	}
	ipc->sk = nl_socket_alloc();
	if (!ipc->sk) {
		snprintf(ipc->err, sizeof(ipc->err), "out of memory");
		return -ENOMEM;
	}
	if (genl_connect(ipc->sk)) {
		snprintf(ipc->err, sizeof(ipc->err),
			 "cannot open a generic netlink socket");
		ipc_close(ipc);
		return -ENOTSUP;
	}
	setsockopt(nl_socket_get_fd(ipc->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	ipc->family = genl_ctrl_resolve(ipc->sk, VPCPEER_GENL_NAME);
	if (ipc->family < 0) {
		snprintf(ipc->err, sizeof(ipc->err),
			 "the vpcpeer module is not loaded (no generic netlink family \"%s\")",
			 VPCPEER_GENL_NAME);
		ipc_close(ipc);
		return -ENOENT;
	}
	if (kept.on) {
		kept.genl = ipc->sk;
		kept.family = ipc->family;
	}
	return 0;
}

int ipc_open_route(struct ipc *ipc)
{
	int one = 1;

	ipc->err[0] = '\0';
	ipc->family = 0;
	if (kept.route) {
		ipc->sk = kept.route;
		return 0;
	}
	ipc->sk = nl_socket_alloc();
	if (!ipc->sk) {
		snprintf(ipc->err, sizeof(ipc->err), "out of memory");
		return -ENOMEM;
	}
	if (nl_connect(ipc->sk, NETLINK_ROUTE)) {
		snprintf(ipc->err, sizeof(ipc->err),
			 "cannot open a rtnetlink socket");
		ipc_close(ipc);
		return -ENOTSUP;
	}
	setsockopt(nl_socket_get_fd(ipc->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	if (kept.on)
		kept.route = ipc->sk;
	return 0;
}

void ipc_close(struct ipc *ipc)
{
	if (ipc->sk != kept.genl && ipc->sk != kept.route)
		nl_socket_free(ipc->sk);
	ipc->sk = NULL;
}

struct nl_msg *ipc_new(struct ipc *ipc, int cmd, int flags)
{
	return ipc_new_size(ipc, cmd, flags, 0);
}

struct nl_msg *ipc_new_size(struct ipc *ipc, int cmd, int flags, size_t size)
{
	struct nl_msg *msg = size ? nlmsg_alloc_size(size) : nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ipc->family,
				0, flags, cmd, VPCPEER_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

void ipc_free(struct nl_msg *msg)
{
	if (!msg)
		return;
	explicit_bzero(nlmsg_hdr(msg), nlmsg_hdr(msg)->nlmsg_len);
	nlmsg_free(msg);
}

int ipc_do(struct ipc *ipc, struct nl_msg *msg, int maxattr,
	   ipc_reply_fn fn, void *arg)
{
	struct ipc_call call = {
		.ipc = ipc, .req = msg, .maxattr = maxattr, .fn = fn,
		.arg = arg,
	};
	struct nl_cb *cb;
	int ret;

	ipc->err[0] = '\0';
	ipc->bad_offs = 0;
	if (!msg) {
		snprintf(ipc->err, sizeof(ipc->err), "out of memory");
		return -ENOMEM;
	}
	if (!(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP))
		nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		ipc_free(msg);
		snprintf(ipc->err, sizeof(ipc->err), "out of memory");
		return -ENOMEM;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_reply, &call);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &call);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_finish, &call);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, on_intr, &call);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &call);

	ret = nl_send_auto(ipc->sk, msg);
	while (ret >= 0 && !call.done && !call.error)
		ret = nl_recvmsgs(ipc->sk, cb);
	nl_cb_put(cb);
	ipc_free(msg);
	if (call.intr && !call.error) {
		snprintf(ipc->err, sizeof(ipc->err),
			 "the device changed while it was being read (dump interrupted): try again");
		return -EAGAIN;
	}
	if (ret < 0 && !call.error) {
		snprintf(ipc->err, sizeof(ipc->err), "netlink: %s",
			 nl_geterror(ret));
		return -EIO;
	}
	return call.error;
}

/*
 * Reads the answers to n requests, sequence numbers seq to seq + n - 1,
 * up to the ack of the last: errs[i] (1 before) the -errno of each, 0 if
 * it was done.
 */
static int pipeline_wait(struct ipc *ipc, uint32_t seq, size_t n, int *errs)
{
	static char buf[32768];
	int fd = nl_socket_get_fd(ipc->sk);

	for (;;) {
		ssize_t len = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
		int rem = (int)len;

		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0) {
			snprintf(ipc->err, sizeof(ipc->err), "netlink: %s",
				 strerror(errno));
			return -EIO;
		}
		for (; nlmsg_ok(nlh, rem); nlh = nlmsg_next(nlh, &rem)) {
			const struct nlmsgerr *e = nlmsg_data(nlh);
			uint32_t i = nlh->nlmsg_seq - seq;

			if (nlh->nlmsg_type != NLMSG_ERROR || i >= n ||
			    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
				continue;
			errs[i] = e->error;
			if (e->error && !ipc->err[0]) {
				struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { 0 };
				const char *msg = NULL;

				if (!ack_tlvs(nlh, tb) && tb[NLMSGERR_ATTR_MSG])
					msg = nla_get_string(tb[NLMSGERR_ATTR_MSG]);
				snprintf(ipc->err, sizeof(ipc->err), "%s",
					 msg && *msg ? msg :
					 strerror(-e->error));
			}
			if (i != n - 1)
				continue;
			/* Processed in order: what did not fail was done. */
			for (i = 0; i < n; i++)
				if (errs[i] == 1)
					errs[i] = 0;
			return 0;
		}
	}
}

int ipc_do_many(struct ipc *ipc, struct nl_msg *msgs[], size_t n, int *errs)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct iovec iov[IPC_PIPELINE];
	struct msghdr mh = {
		.msg_name = &kernel, .msg_namelen = sizeof(kernel),
		.msg_iov = iov,
	};
	size_t done, i, k;
	uint32_t seq = 0;
	int ret = 0;

	ipc->err[0] = '\0';
	for (i = 0; i < n; i++) {
		errs[i] = 1;
		if (!msgs[i]) {
			snprintf(ipc->err, sizeof(ipc->err), "out of memory");
			ret = -ENOMEM;
		}
	}
	for (done = 0; !ret && done < n; done += k) {
		k = n - done < IPC_PIPELINE ? n - done : IPC_PIPELINE;
		for (i = 0; i < k; i++) {
			struct nlmsghdr *nlh = nlmsg_hdr(msgs[done + i]);

			nlh->nlmsg_seq = nl_socket_use_seq(ipc->sk);
			if (!i)
				seq = nlh->nlmsg_seq;
			nlh->nlmsg_flags |= NLM_F_REQUEST;
			if (i == k - 1)
				nlh->nlmsg_flags |= NLM_F_ACK;
			iov[i].iov_base = nlh;
			iov[i].iov_len = NLMSG_ALIGN(nlh->nlmsg_len);
		}
		mh.msg_iovlen = k;
		if (sendmsg(nl_socket_get_fd(ipc->sk), &mh, 0) < 0) {
			snprintf(ipc->err, sizeof(ipc->err), "netlink: %s",
				 strerror(errno));
			ret = -EIO;
			break;
		}
		ret = pipeline_wait(ipc, seq, k, errs + done);
		for (i = 0; !ret && i < k; i++)
			ret = errs[done + i];
	}
	for (i = 0; i < n; i++)
		ipc_free(msgs[i]);
	return ret;
}

int ipc_put_dev(struct nl_msg *msg, const char *ifname, uint32_t ifindex)
{
	return ifname ? nla_put_string(msg, VPCPEER_A_DEVICE_IFNAME, ifname) :
			nla_put_u32(msg, VPCPEER_A_DEVICE_IFINDEX, ifindex);
}

int ipc_put_prefix(struct nl_msg *msg, int type, const struct prefix *p)
{
	struct nlattr *nest = nla_nest_start(msg, NLA_F_NESTED | type);

	if (!nest ||
	    nla_put(msg, VPCPEER_A_PREFIX_ADDR,
		    (int)prefix_addr_len(p->family), p->addr) ||
	    nla_put_u8(msg, VPCPEER_A_PREFIX_LEN, p->len))
		return -NLE_NOMEM;
	return nla_nest_end(msg, nest);
}

int ipc_put_prefixes(struct nl_msg *msg, int type, const struct prefix *p,
		     size_t n)
{
	struct nlattr *nest = nla_nest_start(msg, NLA_F_NESTED | type);
	size_t i;

	if (!nest)
		return -NLE_NOMEM;
	for (i = 0; i < n; i++)
		if (ipc_put_prefix(msg, VPCPEER_A_CIDR, &p[i]))
			return -NLE_NOMEM;
	return nla_nest_end(msg, nest);
}

int ipc_get_prefix(struct nlattr *nest, struct prefix *p)
{
	struct nlattr *tb[VPCPEER_A_PREFIX_MAX + 1];
	int alen;

	memset(p, 0, sizeof(*p));
	if (nla_parse_nested(tb, VPCPEER_A_PREFIX_MAX, nest, NULL) ||
	    !tb[VPCPEER_A_PREFIX_ADDR] || !tb[VPCPEER_A_PREFIX_LEN] ||
	    nla_len(tb[VPCPEER_A_PREFIX_LEN]) < 1)
		return -1;
	alen = nla_len(tb[VPCPEER_A_PREFIX_ADDR]);
	if (alen != 4 && alen != 16)
		return -1;
	p->family = alen == 4 ? AF_INET : AF_INET6;
	memcpy(p->addr, nla_data(tb[VPCPEER_A_PREFIX_ADDR]), (size_t)alen);
	p->len = nla_get_u8(tb[VPCPEER_A_PREFIX_LEN]);
	return p->len <= 8 * alen ? 0 : -1;
}

int ipc_get_stats(struct nlattr *nest,
		  uint64_t stats[VPCPEER_A_STATS_MAX + 1])
{
	struct nlattr *tb[VPCPEER_A_STATS_MAX + 1];
	int i;

	memset(stats, 0, (VPCPEER_A_STATS_MAX + 1) * sizeof(*stats));
	if (!nest)
		return 0;
	if (nla_parse_nested(tb, VPCPEER_A_STATS_MAX, nest, NULL))
		return -1;
	for (i = VPCPEER_A_STATS_PAD + 1; i <= VPCPEER_A_STATS_MAX; i++) {
		if (!tb[i])
			continue;
		if (nla_len(tb[i]) != sizeof(uint64_t))
			return -1;
		stats[i] = nla_get_u64(tb[i]);
	}
	return 0;
}
