/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Talking to the kernel: the "vpcpeer" generic netlink family. Every
 * subcommand builds a request with ipc_new(), adds attributes with libnl's
 * nla_put_*() and hands it to ipc_do(). Errors come back as -errno with
 * the kernel's extended ack message, if any, in ipc->err.
 */
#ifndef VPCTL_IPC_H
#define VPCTL_IPC_H

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

struct ipc {
	struct nl_sock *sk;
	int family;
	char err[512];
};

/* Called for every reply message; return NL_OK or NL_STOP. */
typedef int (*ipc_reply_fn)(struct nlattr **attrs, void *arg);

/* 0, or -errno with a readable reason in ipc->err. */
int ipc_open(struct ipc *ipc);
void ipc_close(struct ipc *ipc);
struct nl_msg *ipc_new(struct ipc *ipc, int cmd, int flags);
/*
 * Sends msg (consumed) and feeds every reply's top-level attributes,
 * parsed up to maxattr, to fn. Returns 0 or -errno; on error ipc->err
 * says why.
 */
int ipc_do(struct ipc *ipc, struct nl_msg *msg, int maxattr,
	   ipc_reply_fn fn, void *arg);

#endif
