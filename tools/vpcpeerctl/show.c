// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl show [DEV]: every vpcpeer device of the namespace, or one,
 * each with its peerings and routes. Also the printing of routes for
 * `route show`. Output is kept in memory and printed only on success.
 */
#include "vpcpeerctl.h"
#include "ipc.h"
#include "parse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const stat_names[VPCPEER_A_STATS_MAX + 1] = {
	[VPCPEER_A_STATS_TX_PACKETS] = "tx_packets",
	[VPCPEER_A_STATS_TX_BYTES] = "tx_bytes",
	[VPCPEER_A_STATS_RX_PACKETS] = "rx_packets",
	[VPCPEER_A_STATS_RX_BYTES] = "rx_bytes",
	[VPCPEER_A_STATS_NO_ROUTE] = "no_route",
	[VPCPEER_A_STATS_BLACKHOLE] = "blackhole",
	[VPCPEER_A_STATS_TRANSITIVE_SRC] = "transitive_src",
	[VPCPEER_A_STATS_NONCE_EXHAUSTED] = "nonce_exhausted",
	[VPCPEER_A_STATS_TX_ERROR] = "tx_error",
	[VPCPEER_A_STATS_AUTH_FAIL] = "auth_fail",
	[VPCPEER_A_STATS_REPLAY] = "replay",
	[VPCPEER_A_STATS_SPOOFED_SRC] = "spoofed_src",
	[VPCPEER_A_STATS_TRANSITIVE_DST] = "transitive_dst",
	[VPCPEER_A_STATS_MALFORMED] = "malformed",
	[VPCPEER_A_STATS_UNKNOWN_PEER] = "unknown_peer",
	[VPCPEER_A_STATS_MTU] = "mtu",
	[VPCPEER_A_STATS_CRYPTO_ERROR] = "crypto_error",
	[VPCPEER_A_STATS_ECN_DROP] = "ecn_drop",
	[VPCPEER_A_STATS_TX_MALFORMED] = "tx_malformed",
	[VPCPEER_A_STATS_NOT_ACTIVE] = "not_active",
	[VPCPEER_A_STATS_HS_BAD_MAC] = "hs_bad_mac",
	[VPCPEER_A_STATS_HS_STALE] = "hs_stale",
	[VPCPEER_A_STATS_HS_DROPPED] = "hs_dropped",
	[VPCPEER_A_STATS_QUEUE_FULL] = "queue_full",
};

/* The drops a device counts, and those a peering counts (uapi). */
static const int device_drops[] = {
	VPCPEER_A_STATS_NO_ROUTE, VPCPEER_A_STATS_BLACKHOLE,
	VPCPEER_A_STATS_UNKNOWN_PEER, VPCPEER_A_STATS_MALFORMED,
	VPCPEER_A_STATS_TX_MALFORMED, VPCPEER_A_STATS_HS_DROPPED, 0
};
static const int peer_drops[] = {
	VPCPEER_A_STATS_TRANSITIVE_SRC, VPCPEER_A_STATS_NONCE_EXHAUSTED,
	VPCPEER_A_STATS_TX_ERROR, VPCPEER_A_STATS_MTU, VPCPEER_A_STATS_AUTH_FAIL,
	VPCPEER_A_STATS_REPLAY, VPCPEER_A_STATS_SPOOFED_SRC,
	VPCPEER_A_STATS_TRANSITIVE_DST, VPCPEER_A_STATS_MALFORMED,
	VPCPEER_A_STATS_CRYPTO_ERROR, VPCPEER_A_STATS_ECN_DROP,
	VPCPEER_A_STATS_NOT_ACTIVE, VPCPEER_A_STATS_HS_BAD_MAC,
	VPCPEER_A_STATS_HS_STALE, VPCPEER_A_STATS_QUEUE_FULL, 0
};

static const char *const state_names[] = {
	[VPCPEER_STATE_PENDING_ACCEPTANCE] = "pending-acceptance",
	[VPCPEER_STATE_ACTIVE] = "active",
	[VPCPEER_STATE_DELETED] = "deleted",
	[VPCPEER_STATE_FAILED] = "failed",
};

static const char *const reason_names[] = {
	[VPCPEER_REASON_NONE] = "none",
	[VPCPEER_REASON_VPC_MISMATCH] = "vpc-mismatch",
	[VPCPEER_REASON_CIPHER_MISMATCH] = "cipher-mismatch",
	[VPCPEER_REASON_CIDR_OVERLAP] = "cidr-overlap",
	[VPCPEER_REASON_SECRET_MISMATCH] = "secret-mismatch",
};

#define NAME_OF(names, v) \
	((v) < sizeof(names) / sizeof(names[0]) && names[v] ? names[v] : \
	 "unknown")

const char *state_name(unsigned int state)
{
	return NAME_OF(state_names, state);
}

const char *reason_name(unsigned int reason)
{
	return NAME_OF(reason_names, reason);
}

int out_open(struct out *o)
{
	o->buf = NULL;
	o->len = 0;
	o->f = open_memstream(&o->buf, &o->len);
	if (!o->f)
		return -1;
	json_init(&o->json, o->f);
	return 0;
}

void out_close(struct out *o, bool print)
{
	fclose(o->f);
	if (print)
		fwrite(o->buf, 1, o->len, stdout);
	free(o->buf);
}

/* "key: value" in text, "key": value (or null if absent) in JSON. */
static void put_string(struct out *o, const char *indent, const char *key,
		       const char *json_key, struct nlattr *a)
{
	if (opts.json && a)
		json_string(&o->json, json_key, nla_get_string(a));
	else if (opts.json)
		json_null(&o->json, json_key);
	else if (a)
		fprintf(o->f, "%s%s: %s\n", indent, key, nla_get_string(a));
}

/* A prefix list nest as "cidrs: a, b" or "cidrs": ["a", "b"]. */
static int put_prefixes(struct out *o, const char *indent,
			struct nlattr *list)
{
	char buf[PREFIX_STRLEN];
	struct prefix p;
	struct nlattr *a;
	int rem, n = 0;

	if (opts.json)
		json_open_array(&o->json, "cidrs");
	else if (list)
		fprintf(o->f, "%scidrs:", indent);
	if (list) {
		nla_for_each_nested(a, list, rem) {
			if (nla_type(a) != VPCPEER_A_CIDR ||
			    ipc_get_prefix(a, &p))
				return -1;
			prefix_format(&p, buf);
			if (opts.json)
				json_string(&o->json, NULL, buf);
			else
				fprintf(o->f, "%s %s", n ? "," : "", buf);
			n++;
		}
	}
	if (opts.json)
		json_close_array(&o->json);
	else if (list)
		fprintf(o->f, "%s\n", n ? "" : " (none)");
	return 0;
}

/* A stats nest: every counter in JSON, the given drops in text. */
static int put_stats(struct out *o, const char *indent, struct nlattr *nest,
		     const int *drops)
{
	uint64_t s[VPCPEER_A_STATS_MAX + 1];
	char rx[BYTES_STRLEN], tx[BYTES_STRLEN];
	int i;

	if (ipc_get_stats(nest, s))
		return -1;
	if (opts.json) {
		json_open_object(&o->json, "stats");
		for (i = VPCPEER_A_STATS_PAD + 1; i <= VPCPEER_A_STATS_MAX; i++)
			json_u64(&o->json, stat_names[i], s[i]);
		json_close_object(&o->json);
		return 0;
	}
	if (!nest)
		return 0;
	if (drops == peer_drops)
		fprintf(o->f, "%stransfer: %s received, %s sent (%llu / %llu packets)\n",
			indent, bytes_format(s[VPCPEER_A_STATS_RX_BYTES], rx),
			bytes_format(s[VPCPEER_A_STATS_TX_BYTES], tx),
			(unsigned long long)s[VPCPEER_A_STATS_RX_PACKETS],
			(unsigned long long)s[VPCPEER_A_STATS_TX_PACKETS]);
	fprintf(o->f, "%sdrops:", indent);
	for (i = 0; drops[i]; i++)
		fprintf(o->f, "%s %s %llu", i ? "," : "", stat_names[drops[i]],
			(unsigned long long)s[drops[i]]);
	fputc('\n', o->f);
	return 0;
}

static void put_u64(struct out *o, const char *key, struct nlattr *a,
		    uint64_t val)
{
	if (a)
		json_u64(&o->json, key, val);
	else
		json_null(&o->json, key);
}

/* "12 s ago" from a time in ns since the epoch, as wg show says it. */
static void put_ago(struct out *o, const char *label, const char *key,
		    struct nlattr *a)
{
	struct timespec now;
	uint64_t t, n;

	if (opts.json) {
		put_u64(o, key, a, a ? nla_get_u64(a) / 1000000000 : 0);
		return;
	}
	if (!a)
		return;
	t = nla_get_u64(a);
	clock_gettime(CLOCK_REALTIME, &now);
	n = (uint64_t)now.tv_sec * 1000000000 + (uint64_t)now.tv_nsec;
	fprintf(o->f, "    %s: %llu s ago\n", label,
		(unsigned long long)(n > t ? (n - t) / 1000000000 : 0));
}

/* The session part of a peering: state, reason, liveness, keepalives. */
static void put_session(struct out *o, struct nlattr **p)
{
	struct nlattr *st = p[VPCPEER_A_PEER_STATE];
	struct nlattr *why = p[VPCPEER_A_PEER_REASON];
	const char *state = st ? state_name(nla_get_u8(st)) : NULL;
	const char *reason = why ? reason_name(nla_get_u8(why)) : NULL;
	bool down = p[VPCPEER_A_PEER_DOWN];

	if (opts.json) {
		if (state)
			json_string(&o->json, "state", state);
		else
			json_null(&o->json, "state");
		if (reason)
			json_string(&o->json, "reason", reason);
		else
			json_null(&o->json, "reason");
		json_bool(&o->json, "down", down);
	} else if (state) {
		fprintf(o->f, "    state: %s%s%s%s\n", state,
			reason ? " (" : "", reason ? reason : "",
			reason ? ")" : "");
		if (down)
			fprintf(o->f, "    down: nothing received lately\n");
	}
	put_ago(o, "latest handshake", "latest_handshake",
		p[VPCPEER_A_PEER_LAST_HANDSHAKE]);
	put_ago(o, "latest receive", "latest_receive",
		p[VPCPEER_A_PEER_LAST_RX]);
	if (opts.json) {
		put_u64(o, "keepalive", p[VPCPEER_A_PEER_KEEPALIVE],
			p[VPCPEER_A_PEER_KEEPALIVE] ?
			nla_get_u16(p[VPCPEER_A_PEER_KEEPALIVE]) : 0);
		put_u64(o, "dead_after", p[VPCPEER_A_PEER_DEAD_AFTER],
			p[VPCPEER_A_PEER_DEAD_AFTER] ?
			nla_get_u16(p[VPCPEER_A_PEER_DEAD_AFTER]) : 0);
	}
}

/* ---------------------------------------------------------------- routes */

struct route_ctx {
	struct out *o;
	bool in_device;
	int count;
};

static int print_route(struct nlattr **tb, void *arg)
{
	struct nlattr *rt[VPCPEER_A_ROUTE_MAX + 1];
	struct route_ctx *c = arg;
	char buf[PREFIX_STRLEN];
	struct prefix p;
	const char *pcx;
	bool blackhole;

	if (!tb[VPCPEER_A_DEVICE_ROUTE] ||
	    nla_parse_nested(rt, VPCPEER_A_ROUTE_MAX,
			     tb[VPCPEER_A_DEVICE_ROUTE], ipc_route_policy) ||
	    !rt[VPCPEER_A_ROUTE_PREFIX] || !rt[VPCPEER_A_ROUTE_PCX] ||
	    ipc_get_prefix(rt[VPCPEER_A_ROUTE_PREFIX], &p))
		return -1;
	prefix_format(&p, buf);
	pcx = nla_get_string(rt[VPCPEER_A_ROUTE_PCX]);
	blackhole = rt[VPCPEER_A_ROUTE_BLACKHOLE];
	if (opts.json) {
		json_open_object(&c->o->json, NULL);
		json_string(&c->o->json, "prefix", buf);
		json_string(&c->o->json, "pcx", pcx);
		json_string(&c->o->json, "state",
			    blackhole ? "blackhole" : "active");
		json_close_object(&c->o->json);
	} else {
		if (c->in_device && !c->count)
			fprintf(c->o->f, "\n  routes:\n");
		fprintf(c->o->f, "%s%s via %s%s\n", c->in_device ? "    " : "",
			buf, pcx, blackhole ? " blackhole" : "");
	}
	c->count++;
	return NL_OK;
}

int show_routes(struct ipc *ipc, const char *ifname, uint32_t ifindex,
		struct out *o, bool in_device)
{
	struct route_ctx c = { .o = o, .in_device = in_device };
	struct nl_msg *msg = ipc_new(ipc, VPCPEER_CMD_GET_ROUTE, NLM_F_DUMP);
	int ret;

	if (msg && ipc_put_dev(msg, ifname, ifindex)) {
		ipc_free(msg);
		msg = NULL;
	}
	if (opts.json)
		json_open_array(&o->json, in_device ? "routes" : NULL);
	ret = ipc_do(ipc, msg, VPCPEER_A_DEVICE_MAX, print_route, &c);
	if (opts.json)
		json_close_array(&o->json);
	return ret;
}

/* ------------------------------------------------------------- peerings */

static int print_peer(struct nlattr **tb, void *arg)
{
	struct nlattr *p[VPCPEER_A_PEER_MAX + 1], *a;
	char ep_buf[ENDPOINT_STRLEN];
	const char *ep = NULL, *cipher = NULL;
	struct out *o = arg;
	union endpoint e;

	if (!tb[VPCPEER_A_DEVICE_PEER] ||
	    nla_parse_nested(p, VPCPEER_A_PEER_MAX, tb[VPCPEER_A_DEVICE_PEER],
			     ipc_peer_policy) || !p[VPCPEER_A_PEER_PCX])
		return -1;
	a = p[VPCPEER_A_PEER_ENDPOINT];
	if (a) {
		memset(&e, 0, sizeof(e));
		memcpy(&e, nla_data(a), (size_t)nla_len(a) < sizeof(e) ?
		       (size_t)nla_len(a) : sizeof(e));
		if (endpoint_len(&e) != (size_t)nla_len(a))
			return -1;
		ep = endpoint_format(&e, ep_buf);
	}
	if (p[VPCPEER_A_PEER_CIPHER]) {
		cipher = cipher_name(nla_get_u8(p[VPCPEER_A_PEER_CIPHER]));
		if (!cipher)
			cipher = "unknown";
	}

	if (opts.json) {
		json_open_object(&o->json, NULL);
		json_string(&o->json, "pcx",
			    nla_get_string(p[VPCPEER_A_PEER_PCX]));
	} else {
		fprintf(o->f, "\n  peering: %s\n",
			nla_get_string(p[VPCPEER_A_PEER_PCX]));
	}
	put_string(o, "    ", "remote-vpc", "remote_vpc",
		   p[VPCPEER_A_PEER_REMOTE_VPC]);
	if (put_prefixes(o, "    ", p[VPCPEER_A_PEER_CIDRS]))
		return -1;
	if (opts.json) {
		if (ep)
			json_string(&o->json, "endpoint", ep);
		else
			json_null(&o->json, "endpoint");
		if (cipher)
			json_string(&o->json, "cipher", cipher);
		else
			json_null(&o->json, "cipher");
	} else {
		if (ep)
			fprintf(o->f, "    endpoint: %s\n", ep);
		if (cipher)
			fprintf(o->f, "    cipher: %s\n", cipher);
	}
	put_string(o, "    ", "region", "region", p[VPCPEER_A_PEER_REGION]);
	put_session(o, p);
	if (opts.json) {
		a = p[VPCPEER_A_PEER_LOCAL_INDEX];
		put_u64(o, "local_index", a, a ? nla_get_u32(a) : 0);
		a = p[VPCPEER_A_PEER_REMOTE_INDEX];
		put_u64(o, "remote_index", a, a ? nla_get_u32(a) : 0);
		a = p[VPCPEER_A_PEER_TX_COUNTER];
		put_u64(o, "tx_counter", a, a ? nla_get_u64(a) : 0);
	}
	if (put_stats(o, "    ", p[VPCPEER_A_PEER_STATS], peer_drops))
		return -1;
	if (opts.json)
		json_close_object(&o->json);
	return NL_OK;
}

static int show_peers(struct ipc *ipc, uint32_t ifindex, struct out *o)
{
	struct nl_msg *msg = ipc_new(ipc, VPCPEER_CMD_GET_PEER, NLM_F_DUMP);
	int ret;

	if (msg && ipc_put_dev(msg, NULL, ifindex)) {
		ipc_free(msg);
		msg = NULL;
	}
	if (opts.json)
		json_open_array(&o->json, "peerings");
	ret = ipc_do(ipc, msg, VPCPEER_A_DEVICE_MAX, print_peer, o);
	if (opts.json)
		json_close_array(&o->json);
	return ret;
}

/* -------------------------------------------------------------- devices */

struct device_ctx {
	struct out *o;
	int count;		/* devices printed so far */
};

/* Prints the device's own part; in JSON its object stays open. */
static int print_device(struct nlattr **tb, void *arg)
{
	struct device_ctx *c = arg;
	struct out *o = c->o;
	struct nlattr *a;

	if (!tb[VPCPEER_A_DEVICE_IFNAME] || !tb[VPCPEER_A_DEVICE_IFINDEX])
		return -1;
	if (opts.json) {
		json_open_object(&o->json, NULL);
		json_string(&o->json, "ifname",
			    nla_get_string(tb[VPCPEER_A_DEVICE_IFNAME]));
		json_u64(&o->json, "ifindex",
			 nla_get_u32(tb[VPCPEER_A_DEVICE_IFINDEX]));
	} else {
		fprintf(o->f, "%sdevice: %s\n", c->count ? "\n" : "",
			nla_get_string(tb[VPCPEER_A_DEVICE_IFNAME]));
		fprintf(o->f, "  ifindex: %u\n",
			nla_get_u32(tb[VPCPEER_A_DEVICE_IFINDEX]));
	}
	put_string(o, "  ", "vpc-id", "vpc_id", tb[VPCPEER_A_DEVICE_VPC_ID]);
	if (put_prefixes(o, "  ", tb[VPCPEER_A_DEVICE_CIDRS]))
		return -1;
	a = tb[VPCPEER_A_DEVICE_LISTEN_PORT];
	if (opts.json)
		put_u64(o, "listen_port", a, a ? nla_get_u16(a) : 0);
	else if (a)
		fprintf(o->f, "  listen-port: %u\n", nla_get_u16(a));
	put_string(o, "  ", "region", "region", tb[VPCPEER_A_DEVICE_REGION]);
	if (put_stats(o, "  ", tb[VPCPEER_A_DEVICE_STATS], device_drops))
		return -1;
	c->count++;
	return NL_OK;
}

/* One device block: the device, its peerings, its routes. */
static int show_device(struct ipc *ipc, uint32_t ifindex,
		       struct device_ctx *c)
{
	struct nl_msg *msg = ipc_new(ipc, VPCPEER_CMD_GET_DEVICE, 0);
	int count = c->count, ret;

	if (msg && ipc_put_dev(msg, NULL, ifindex)) {
		ipc_free(msg);
		msg = NULL;
	}
	ret = ipc_do(ipc, msg, VPCPEER_A_DEVICE_MAX, print_device, c);
	if (ret || c->count == count)	/* error, or no reply */
		return ret ? ret : -EPROTO;
	ret = show_peers(ipc, ifindex, c->o);
	if (!ret)
		ret = show_routes(ipc, NULL, ifindex, c->o, true);
	if (opts.json)
		json_close_object(&c->o->json);
	return ret;
}

struct device_list {
	uint32_t *ifindex;
	size_t n;
};

static int list_device(struct nlattr **tb, void *arg)
{
	struct device_list *l = arg;
	uint32_t *more;

	if (!tb[VPCPEER_A_DEVICE_IFINDEX])
		return -1;
	more = realloc(l->ifindex, (l->n + 1) * sizeof(*more));
	if (!more)
		return -1;
	l->ifindex = more;
	l->ifindex[l->n++] = nla_get_u32(tb[VPCPEER_A_DEVICE_IFINDEX]);
	return NL_OK;
}

/* One reading of dev (NULL: every device), printed only if it all worked. */
static int show_once(struct ipc *ipc, const char *dev)
{
	struct device_list list = { .ifindex = NULL, .n = 0 };
	struct device_ctx c = { .count = 0 };
	struct nl_msg *msg;
	struct out o;
	size_t i;
	int ret;

	/* First the ifindex of every device, then each in turn. */
	msg = ipc_new(ipc, VPCPEER_CMD_GET_DEVICE, dev ? 0 : NLM_F_DUMP);
	if (msg && dev && ipc_put_dev(msg, dev, 0)) {
		ipc_free(msg);
		msg = NULL;
	}
	ret = ipc_do(ipc, msg, VPCPEER_A_DEVICE_MAX, list_device, &list);
	if (!ret && out_open(&o)) {
		snprintf(ipc->err, sizeof(ipc->err), "out of memory");
		ret = -ENOMEM;
	}
	if (!ret) {
		c.o = &o;
		if (opts.json)
			json_open_array(&o.json, NULL);
		for (i = 0; i < list.n && !ret; i++) {
			ret = show_device(ipc, list.ifindex[i], &c);
			if (ret == -ENODEV && !dev)	/* gone meanwhile */
				ret = 0;
		}
		if (opts.json)
			json_close_array(&o.json);
		out_close(&o, !ret);
	}
	free(list.ifindex);
	return ret;
}

int cmd_show(int argc, char *argv[])
{
	const char *dev = argc == 2 ? argv[1] : NULL;
	struct ipc ipc;
	int ret, tries;

	if (argc > 2)
		return usage_error("show");
	if (dev && !check_ifname("show", dev))
		return EXIT_USAGE;
	ret = ipc_open(&ipc);
	/* A device changed while it was read: read it all again. */
	for (tries = 1; !ret; tries++) {
		ret = show_once(&ipc, dev);
		if (ret != -EAGAIN || tries == IPC_DUMP_TRIES)
			break;
		ret = 0;
	}
	ipc_close(&ipc);
	if (ret) {
		if (dev)
			fail("show %s: %s", dev, ipc.err);
		else
			fail("show: %s", ipc.err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
