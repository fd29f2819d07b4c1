// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl setconf DEV FILE: makes the device exactly FILE (conf.h):
 *   every route and peering deleted, the device set, every peering of
 *   FILE created and its routes added.
 * vpcpeerctl syncconf DEV FILE: the same end, changing only what differs
 *   from what the kernel shows: a peering whose shown settings all match
 *   FILE is not touched (its session and counters stay); a changed one is
 *   deleted and created again (the kernel has no request to change a
 *   peering in place); routes are added and deleted one by one.
 *
 * FILE is read, parsed and checked whole, its secret files too, and the
 * device read, before anything is sent; the requests then go in an order
 * the kernel takes: routes deleted, peerings deleted, the device set,
 * peerings created, routes added.
 */
#include "vpcpeerctl.h"
#include "conf.h"
#include "ipc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Biggest FILE read. */
#define CONF_FILE_MAX	(16 << 20)

/* What to send; del[] per peering of have, add[] per peering of want. */
struct plan {
	bool set_vpc_id, set_cidrs, set_port, set_region;
	bool *del, *add;
	struct route_add *del_routes, *add_routes;
	size_t n_del_routes, n_add_routes;
};

/*
 * Reads FILE ("-": stdin) whole with read(2), no stdio copy of a secret
 * left behind, and parses it into c. EXIT_OK, or the failure after a line.
 */
static int conf_load(const char *ctx, const char *file, struct conf *c)
{
	char why[CONF_WHY_LEN];
	size_t len = 0, cap = 0;
	char *text = NULL, *more;
	int fd, ret = EXIT_OK;

	fd = strcmp(file, "-") ? open(file, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0) {
		fail("%s: %s: %s", ctx, file, strerror(errno));
		return EXIT_FAIL;
	}
	for (;;) {
		ssize_t n;

		if (len == cap) {
			cap = cap ? 2 * cap : 4096;
			if (cap > CONF_FILE_MAX) {
				fail("%s: %s: bigger than %d bytes", ctx, file,
				     CONF_FILE_MAX);
				ret = EXIT_FAIL;
				break;
			}
			/* No realloc: the old buffer must be wiped. */
			more = malloc(cap);
			if (!more) {
				fail("%s: %s: out of memory", ctx, file);
				ret = EXIT_FAIL;
				break;
			}
			if (text) {
				memcpy(more, text, len);
				explicit_bzero(text, len);
			}
			free(text);
			text = more;
		}
		n = read(fd, text + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail("%s: %s: %s", ctx, file, strerror(errno));
			ret = EXIT_FAIL;
			break;
		}
		if (!n)
			break;
		len += (size_t)n;
	}
	if (fd)
		close(fd);
	if (!ret && conf_parse(file, text, len, c, why)) {
		fail("%s", why);
		ret = EXIT_USAGE;
	}
	if (text)
		explicit_bzero(text, len);
	free(text);
	return ret;
}

static void plan_free(struct plan *pl)
{
	free(pl->del);
	free(pl->add);
	free(pl->del_routes);
	free(pl->add_routes);
}

static int plan_route(struct route_add **list, size_t *n, const char *dev,
		      const char *pcx, const struct prefix *p)
{
	struct route_add *more = realloc(*list, (*n + 1) * sizeof(*more));

	if (!more)
		return -1;
	*list = more;
	more[*n].dev = dev;
	more[*n].pcx = pcx;
	more[(*n)++].prefix = *p;
	return 0;
}

/* True if c routes p via pcx. */
static bool routes_via(const struct conf *c, const char *pcx,
		       const struct prefix *p)
{
	const struct conf_peer *peer = conf_peer_find(c, pcx);

	return peer && conf_prefixes_has(&peer->routes, p);
}

/* True if the kernel's c routes p via pcx, a peering of c's or not. */
static bool had_route(const struct conf *c, const char *pcx,
		      const struct prefix *p)
{
	size_t i;

	for (i = 0; i < c->n_orphans; i++)
		if (!strcmp(c->orphans[i].pcx, pcx) &&
		    conf_prefix_same(&c->orphans[i].prefix, p))
			return true;
	return routes_via(c, pcx, p);
}

/*
 * What takes the device from have to want: everything if full (setconf),
 * else only what differs (syncconf). 0, or -1 if out of memory.
 */
static int plan_make(const char *dev, const struct conf *have,
		     const struct conf *want, bool full, struct plan *pl)
{
	const struct conf_peer *h, *w;
	size_t i, j;

	memset(pl, 0, sizeof(*pl));
	pl->del = calloc(have->n_peers + 1, sizeof(*pl->del));
	pl->add = calloc(want->n_peers + 1, sizeof(*pl->add));
	if (!pl->del || !pl->add)
		return -1;
	pl->set_vpc_id = want->has_vpc_id &&
			 (full || !have->has_vpc_id ||
			  strcmp(want->vpc_id, have->vpc_id));
	pl->set_cidrs = want->has_cidrs &&
			(full || !conf_prefixes_same(&want->cidrs, &have->cidrs));
	/* ListenPort 0 (any) is whatever port the socket is bound to. */
	pl->set_port = want->has_port &&
		       (full || (want->listen_port &&
				 want->listen_port != have->listen_port));
	pl->set_region = want->has_region &&
			 (full || !have->has_region ||
			  strcmp(want->region, have->region));

	for (i = 0; i < have->n_peers; i++) {
		h = &have->peers[i];
		w = conf_peer_find(want, h->pcx);
		/* The kernel takes a new vpc-id only without peerings. */
		pl->del[i] = full || !w || !conf_peer_same(h, w) ||
			     pl->set_vpc_id;
	}
	for (i = 0; i < want->n_peers; i++) {
		w = &want->peers[i];
		h = conf_peer_find(have, w->pcx);
		pl->add[i] = !h || pl->del[h - have->peers];
	}

	/* Routes: those of have not in want go, those of want not in have come. */
	for (i = 0; i < have->n_peers; i++) {
		h = &have->peers[i];
		for (j = 0; j < h->routes.n; j++)
			if ((full || !routes_via(want, h->pcx, &h->routes.p[j])) &&
			    plan_route(&pl->del_routes, &pl->n_del_routes, dev,
				       h->pcx, &h->routes.p[j]))
				return -1;
	}
	for (i = 0; i < have->n_orphans; i++) {
		const struct conf_orphan *o = &have->orphans[i];

		if ((full || !routes_via(want, o->pcx, &o->prefix)) &&
		    plan_route(&pl->del_routes, &pl->n_del_routes, dev, o->pcx,
			       &o->prefix))
			return -1;
	}
	for (i = 0; i < want->n_peers; i++) {
		w = &want->peers[i];
		for (j = 0; j < w->routes.n; j++) {
			const struct prefix *p = &w->routes.p[j];
			bool had = had_route(have, w->pcx, p);

			if ((full || !had) &&
			    plan_route(&pl->add_routes, &pl->n_add_routes, dev,
				       w->pcx, p))
				return -1;
		}
	}
	return 0;
}

/*
 * The device's VpcId and Cidr where want leaves them out, which stay (so
 * they are not sent), so that the file's peerings are checked against
 * them before anything is sent. EXIT_OK, or the failure after a line.
 */
static int adopt(const char *file, const struct conf *have, struct conf *want)
{
	char why[CONF_WHY_LEN];
	size_t i;

	if (!want->has_vpc_id && have->has_vpc_id) {
		want->has_vpc_id = true;
		memcpy(want->vpc_id, have->vpc_id, sizeof(want->vpc_id));
	}
	if (!want->has_cidrs) {
		want->has_cidrs = true;
		for (i = 0; i < have->cidrs.n; i++)
			if (conf_prefixes_add(&want->cidrs, &have->cidrs.p[i],
					      0)) {
				fail("%s: out of memory", file);
				return EXIT_FAIL;
			}
	}
	if (conf_check(file, want, why)) {
		fail("%s", why);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* Every peering to create must have its secret: checked before sending. */
static int plan_secrets(const char *file, const struct conf *want,
			const struct plan *pl)
{
	size_t i;

	for (i = 0; i < want->n_peers; i++)
		if (pl->add[i] && !want->peers[i].has_secret) {
			fail_file = file;
			fail_line = want->peers[i].line;
			fail("[Peering] %s: no Secret or SecretFile, and the peering is to be created",
			     want->peers[i].pcx);
			fail_file = NULL;
			return EXIT_USAGE;
		}
	return EXIT_OK;
}

static struct nl_msg *device_request(struct ipc *ipc, const char *dev,
				     const struct conf *want,
				     const struct plan *pl)
{
	struct nl_msg *msg = ipc_new(ipc, VPCPEER_CMD_SET_DEVICE, 0);

	if (msg &&
	    (ipc_put_dev(msg, dev, 0) ||
	     (pl->set_vpc_id &&
	      nla_put_string(msg, VPCPEER_A_DEVICE_VPC_ID, want->vpc_id)) ||
	     (pl->set_cidrs &&
	      ipc_put_prefixes(msg, VPCPEER_A_DEVICE_CIDRS, want->cidrs.p,
			       want->cidrs.n)) ||
	     (pl->set_port &&
	      nla_put_u16(msg, VPCPEER_A_DEVICE_LISTEN_PORT,
			  want->listen_port)) ||
	     (pl->set_region &&
	      nla_put_string(msg, VPCPEER_A_DEVICE_REGION, want->region)))) {
		ipc_free(msg);
		msg = NULL;
	}
	return msg;
}

/* NEW_PEER of p (with its secret), or DEL_PEER of p if !add. */
static struct nl_msg *peer_request(struct ipc *ipc, const char *dev,
				   const struct conf_peer *p, bool add)
{
	struct nl_msg *msg = ipc_new(ipc, add ? VPCPEER_CMD_NEW_PEER :
					      VPCPEER_CMD_DEL_PEER, 0);
	struct nlattr *nest;

	if (!msg || ipc_put_dev(msg, dev, 0))
		goto fail;
	nest = nla_nest_start(msg, NLA_F_NESTED | VPCPEER_A_DEVICE_PEER);
	if (!nest || nla_put_string(msg, VPCPEER_A_PEER_PCX, p->pcx))
		goto fail;
	if (add &&
	    (nla_put_string(msg, VPCPEER_A_PEER_REMOTE_VPC, p->remote_vpc) ||
	     ipc_put_prefixes(msg, VPCPEER_A_PEER_CIDRS, p->cidrs.p,
			      p->cidrs.n) ||
	     nla_put(msg, VPCPEER_A_PEER_ENDPOINT,
		     (int)endpoint_len(&p->endpoint), &p->endpoint) ||
	     nla_put(msg, VPCPEER_A_PEER_SECRET, sizeof(p->secret),
		     p->secret) ||
	     nla_put_u8(msg, VPCPEER_A_PEER_CIPHER, (uint8_t)p->cipher) ||
	     (p->region[0] &&
	      nla_put_string(msg, VPCPEER_A_PEER_REGION, p->region)) ||
	     nla_put_u16(msg, VPCPEER_A_PEER_KEEPALIVE,
			 (uint16_t)p->keepalive) ||
	     nla_put_u16(msg, VPCPEER_A_PEER_DEAD_AFTER,
			 (uint16_t)p->dead_after)))
		goto fail;
	if (nla_nest_end(msg, nest))
		goto fail;
	return msg;
fail:
	ipc_free(msg);
	return NULL;
}

/* SET_DEVICE of what which says to set, if anything. 0, or -1 after a line. */
static int set_device(struct ipc *ipc, const char *ctx, const char *dev,
		      const struct conf *want, const struct plan *which)
{
	if (!which->set_vpc_id && !which->set_cidrs && !which->set_port &&
	    !which->set_region)
		return 0;
	if (ipc_do(ipc, device_request(ipc, dev, want, which), 0, NULL,
		   NULL)) {
		fail("%s %s: set the device: %s", ctx, dev, ipc->err);
		return -1;
	}
	return 0;
}

/* The file's line of a route that the kernel refused, for fail(). */
struct route_at {
	const char *file;
	const struct conf *want;
	const struct route_add *rs;
};

static void route_at(size_t i, void *arg)
{
	const struct route_at *a = arg;
	const struct conf_peer *w = conf_peer_find(a->want, a->rs[i].pcx);
	size_t j;

	for (j = 0; w && j < w->routes.n; j++)
		if (conf_prefix_same(&w->routes.p[j], &a->rs[i].prefix) &&
		    w->routes.line[j]) {
			fail_file = a->file;
			fail_line = w->routes.line[j];
			return;
		}
}

/* Sends the plan, in an order the kernel takes; stops at a failure. */
static int plan_apply(const char *ctx, const char *dev, const char *file,
		      const struct conf *have, const struct conf *want,
		      const struct plan *pl)
{
	/*
	 * The listen port and the region first: they need no peering gone,
	 * and a port the kernel cannot bind then fails the command before
	 * it deleted anything.
	 */
	const struct plan early = {
		.set_port = pl->set_port, .set_region = pl->set_region,
	};
	const struct plan late = {
		.set_vpc_id = pl->set_vpc_id, .set_cidrs = pl->set_cidrs,
	};
	struct route_at at = { .file = file, .want = want };
	struct ipc ipc;
	size_t i, n, bad;
	int ret = EXIT_FAIL;

	if (ipc_open(&ipc)) {
		fail("%s %s: %s", ctx, dev, ipc.err);
		return EXIT_FAIL;
	}
	if (set_device(&ipc, ctx, dev, want, &early))
		goto out;
	for (i = 0; i < pl->n_del_routes; i++)
		if (route_del_one(ctx, dev, &pl->del_routes[i].prefix))
			goto out;
	for (i = 0; i < have->n_peers; i++)
		if (pl->del[i] &&
		    ipc_do(&ipc, peer_request(&ipc, dev, &have->peers[i], false),
			   0, NULL, NULL)) {
			fail("%s %s: delete peering %s: %s", ctx, dev,
			     have->peers[i].pcx, ipc.err);
			goto out;
		}
	if (set_device(&ipc, ctx, dev, want, &late))
		goto out;
	for (i = 0; i < want->n_peers; i++)
		if (pl->add[i] &&
		    ipc_do(&ipc, peer_request(&ipc, dev, &want->peers[i], true),
			   0, NULL, NULL)) {
			fail("%s %s: create peering %s: %s", ctx, dev,
			     want->peers[i].pcx, ipc.err);
			goto out;
		}
	/* A refused route is told at its line of the file. */
	for (i = 0; i < pl->n_add_routes; i += n) {
		n = pl->n_add_routes - i;
		if (n > ROUTE_BATCH_MAX)
			n = ROUTE_BATCH_MAX;
		at.rs = pl->add_routes + i;
		ret = route_add_many(at.rs, n, &bad, route_at, &at);
		fail_file = NULL;
		if (ret)
			goto out;
	}
	ret = EXIT_OK;
out:
	ipc_close(&ipc);
	return ret;
}

static int conf_cmd(int argc, char *argv[], bool full)
{
	const char *name = argv[0], *dev, *file;
	struct conf have, want;
	struct plan pl;
	struct ipc ipc;
	char ctx[64];
	int ret;

	if (argc != 3)
		return usage_error(name);
	dev = argv[1];
	file = argv[2];
	if (!check_ifname(name, dev))
		return EXIT_USAGE;
	snprintf(ctx, sizeof(ctx), "%s %s", name, dev);
	ret = conf_load(ctx, file, &want);
	if (ret)
		return ret;
	ret = ipc_open(&ipc);
	if (!ret)
		ret = conf_read(&ipc, dev, &have);
	ipc_close(&ipc);
	if (ret) {
		fail("%s %s: %s", name, dev, ipc.err);
		conf_free(&want);
		return EXIT_FAIL;
	}
	ret = adopt(file, &have, &want);
	if (ret) {
		conf_free(&have);
		conf_free(&want);
		return ret;
	}
	if (plan_make(dev, &have, &want, full, &pl)) {
		fail("%s %s: out of memory", name, dev);
		ret = EXIT_FAIL;
	} else {
		ret = plan_secrets(file, &want, &pl);
	}
	if (!ret)
		ret = plan_apply(name, dev, file, &have, &want, &pl);
	plan_free(&pl);
	conf_free(&have);
	conf_free(&want);
	return ret;
}

int cmd_setconf(int argc, char *argv[])
{
	return conf_cmd(argc, argv, true);
}

int cmd_syncconf(int argc, char *argv[])
{
	return conf_cmd(argc, argv, false);
}
