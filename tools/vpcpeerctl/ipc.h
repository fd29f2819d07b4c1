/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Talking to the kernel: the "vpcpeer" generic netlink family, and plain
 * rtnetlink for the routes `route add` installs. Every subcommand builds a
 * request with ipc_new(), adds attributes with libnl's nla_put_*() and the
 * helpers below, and hands it to ipc_do(). Errors come back as -errno with
 * the kernel's extended ack message, if any, in ipc->err.
 */
#ifndef VPCTL_IPC_H
#define VPCTL_IPC_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "linux/vpcpeer.h"

struct prefix;

/* How many times a command reads a dump that a change interrupted. */
#define IPC_DUMP_TRIES 3

struct ipc {
	struct nl_sock *sk;
	int family;		/* genl family id; 0 on a NETLINK_ROUTE socket */
	/* Where in the failed request the kernel's bad attribute is; 0 if
	 * it named none.
	 */
	unsigned int bad_offs;
	char err[512];
};

/*
 * Called for every reply message; returns NL_OK, or -1 if the reply is
 * malformed, which fails the request with -EPROTO.
 */
typedef int (*ipc_reply_fn)(struct nlattr **attrs, void *arg);

/* 0, or -errno with a readable reason in ipc->err. */
int ipc_open(struct ipc *ipc);
/* The same for a NETLINK_ROUTE socket. */
int ipc_open_route(struct ipc *ipc);
/* Safe to call twice. */
void ipc_close(struct ipc *ipc);
/*
 * ipc_keep(true): from now on the sockets opened stay open and serve every
 * later ipc_open()/ipc_open_route(); ipc_keep(false) closes them.
 */
void ipc_keep(bool on);
/* A vpcpeer request, or NULL if out of memory. */
struct nl_msg *ipc_new(struct ipc *ipc, int cmd, int flags);
/* The same, with room for size bytes (ipc_new: a page). */
struct nl_msg *ipc_new_size(struct ipc *ipc, int cmd, int flags, size_t size);
/* Wipes (it may hold a secret) and frees a request; msg may be NULL. */
void ipc_free(struct nl_msg *msg);
/*
 * Sends msg (consumed and wiped: it may hold a secret) and feeds every
 * reply's top-level attributes, parsed up to maxattr, to fn. msg may be
 * NULL, for a request that could not be built. Returns 0 or -errno; on
 * error ipc->err says why. -EAGAIN: a dump was interrupted by a change of
 * the device (NLM_F_DUMP_INTR), what fn saw is no one state of it.
 */
int ipc_do(struct ipc *ipc, struct nl_msg *msg, int maxattr,
	   ipc_reply_fn fn, void *arg);

/* Requests ipc_do_many() sends with one sendmsg(2). */
#define IPC_PIPELINE 64

/*
 * Sends msgs[0..n) (consumed; NULL: one could not be built) IPC_PIPELINE
 * to a sendmsg(2), each time asking only the last for an ack: a refused
 * request answers with its error anyway. Stops after the first group that
 * had a refusal. errs[i] is request i's -errno, 0 if it was done, 1 if it
 * was not sent (or its answer was lost). Returns 0, or the first -errno
 * with ipc->err saying why.
 */
int ipc_do_many(struct ipc *ipc, struct nl_msg *msgs[], size_t n, int *errs);

/* Request building; each returns 0 or a negative libnl error. */
int ipc_put_dev(struct nl_msg *msg, const char *ifname, uint32_t ifindex);
int ipc_put_prefix(struct nl_msg *msg, int type, const struct prefix *p);
/* A nest of type holding one VPCPEER_A_CIDR prefix nest per prefix. */
int ipc_put_prefixes(struct nl_msg *msg, int type, const struct prefix *p,
		     size_t n);

/* What a reply or event may carry, and the nests of a peering and a route. */
extern const struct nla_policy ipc_device_policy[VPCPEER_A_DEVICE_MAX + 1];
extern const struct nla_policy ipc_peer_policy[VPCPEER_A_PEER_MAX + 1];
extern const struct nla_policy ipc_route_policy[VPCPEER_A_ROUTE_MAX + 1];

/* Reply parsing: 0, or -1 if the nest is malformed. */
int ipc_get_prefix(struct nlattr *nest, struct prefix *p);
/* Every VPCPEER_A_STATS_* counter of a stats nest; absent ones are 0. */
int ipc_get_stats(struct nlattr *nest,
		  uint64_t stats[VPCPEER_A_STATS_MAX + 1]);

#endif
