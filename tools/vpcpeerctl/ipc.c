// SPDX-License-Identifier: GPL-2.0
#include "ipc.h"
#include "linux/vpcpeer.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <sys/socket.h>

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
};

static const char *const device_attr_names[VPCPEER_A_DEVICE_MAX + 1] = {
	[VPCPEER_A_DEVICE_IFINDEX] = "ifindex",
	[VPCPEER_A_DEVICE_IFNAME] = "ifname",
};

/* Names the attribute of our request that starts at byte offs, if any. */
static const char *attr_at(struct nl_msg *req, unsigned int offs)
{
	struct nlmsghdr *nlh = nlmsg_hdr(req);
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		int type = nla_type(a);

		if ((unsigned int)((char *)a - (char *)nlh) == offs &&
		    type <= VPCPEER_A_DEVICE_MAX && device_attr_names[type])
			return device_attr_names[type];
	}
	return NULL;
}

/* Keeps the kernel's extended ack message (and bad attribute) in ipc->err. */
static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { 0 };
	struct ipc_call *call = arg;
	const char *msg = NULL, *attr = NULL;
	size_t ack_len = sizeof(*e);
	int len;

	(void)nla;
	call->error = e->error;
	call->done = true;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		goto out;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		ack_len += e->msg.nlmsg_len - NLMSG_HDRLEN;
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)ack_len;
	if (len <= 0 ||
	    nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)e + ack_len), len, NULL))
		goto out;
	if (tb[NLMSGERR_ATTR_MSG])
		msg = nla_get_string(tb[NLMSGERR_ATTR_MSG]);
	if (tb[NLMSGERR_ATTR_OFFS])
		attr = attr_at(call->req, nla_get_u32(tb[NLMSGERR_ATTR_OFFS]));
out:
	if (!msg || !*msg)
		msg = strerror(-e->error);
	if (attr && !strstr(msg, attr))
		snprintf(call->ipc->err, sizeof(call->ipc->err),
			 "%s (attribute %s)", msg, attr);
	else
		snprintf(call->ipc->err, sizeof(call->ipc->err), "%s", msg);
	return NL_STOP;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct ipc_call *call = arg;

	(void)msg;
	call->done = true;
	return NL_STOP;
}

static int on_reply(struct nl_msg *msg, void *arg)
{
	struct ipc_call *call = arg;
	struct nlattr *tb[call->maxattr + 1];
	int ret;

	ret = genlmsg_parse(nlmsg_hdr(msg), 0, tb, call->maxattr, NULL);
	if (ret < 0) {
		call->error = -EPROTO;
		snprintf(call->ipc->err, sizeof(call->ipc->err),
			 "malformed reply from the kernel");
		return NL_STOP;
	}
	return call->fn ? call->fn(tb, call->arg) : NL_OK;
}

int ipc_open(struct ipc *ipc)
{
	int one = 1;

	ipc->err[0] = '\0';
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
	return 0;
}

void ipc_close(struct ipc *ipc)
{
	nl_socket_free(ipc->sk);
	ipc->sk = NULL;
}

struct nl_msg *ipc_new(struct ipc *ipc, int cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ipc->family,
				0, flags, cmd, VPCPEER_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
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
	if (!(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP))
		nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		snprintf(ipc->err, sizeof(ipc->err), "out of memory");
		return -ENOMEM;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_reply, &call);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &call);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_finish, &call);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &call);

	ret = nl_send_auto(ipc->sk, msg);
	while (ret >= 0 && !call.done && !call.error)
		ret = nl_recvmsgs(ipc->sk, cb);
	nl_cb_put(cb);
	nlmsg_free(msg);
	if (ret < 0 && !call.error) {
		snprintf(ipc->err, sizeof(ipc->err), "netlink: %s",
			 nl_geterror(ret));
		return -EIO;
	}
	return call.error;
}
