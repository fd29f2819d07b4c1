// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl add-peer DEV PCX remote-vpc VPC cidr P[,P...]
 *                     endpoint ADDR:PORT secret-file FILE
 *                     [cipher aes-gcm-128|aes-gcm-256] [region NAME]
 *                     [keepalive SECS] [dead-after SECS]
 * vpcpeerctl del-peer DEV PCX
 * vpcpeerctl rekey DEV PCX
 */
#include "vpcpeerctl.h"
#include "ipc.h"
#include "parse.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* A peering as the command line gives it; what is unset stays out. */
struct peer_args {
	const char *dev, *pcx, *remote_vpc, *region;
	struct prefix cidrs[PREFIX_LIST_MAX];
	size_t n_cidrs;
	union endpoint endpoint;
	bool has_secret;
	uint8_t secret[VPCPEER_SECRET_LEN];
	int cipher;		/* 0: the kernel's default */
	long keepalive, dead_after;	/* -1: the kernel's default */
};

static struct nl_msg *peer_request(struct ipc *ipc, int cmd,
				   const struct peer_args *a)
{
	struct nl_msg *msg = ipc_new(ipc, cmd, 0);
	struct nlattr *nest;

	if (!msg || ipc_put_dev(msg, a->dev, 0))
		goto fail;
	nest = nla_nest_start(msg, NLA_F_NESTED | VPCPEER_A_DEVICE_PEER);
	if (!nest ||
	    nla_put_string(msg, VPCPEER_A_PEER_PCX, a->pcx) ||
	    (a->remote_vpc &&
	     nla_put_string(msg, VPCPEER_A_PEER_REMOTE_VPC, a->remote_vpc)) ||
	    (a->n_cidrs &&
	     ipc_put_prefixes(msg, VPCPEER_A_PEER_CIDRS, a->cidrs,
			      a->n_cidrs)) ||
	    (endpoint_len(&a->endpoint) &&
	     nla_put(msg, VPCPEER_A_PEER_ENDPOINT,
		     (int)endpoint_len(&a->endpoint), &a->endpoint)) ||
	    (a->has_secret &&
	     nla_put(msg, VPCPEER_A_PEER_SECRET, sizeof(a->secret),
		     a->secret)) ||
	    (a->cipher &&
	     nla_put_u8(msg, VPCPEER_A_PEER_CIPHER, (uint8_t)a->cipher)) ||
	    (a->region &&
	     nla_put_string(msg, VPCPEER_A_PEER_REGION, a->region)) ||
	    (a->keepalive >= 0 &&
	     nla_put_u16(msg, VPCPEER_A_PEER_KEEPALIVE,
			 (uint16_t)a->keepalive)) ||
	    (a->dead_after >= 0 &&
	     nla_put_u16(msg, VPCPEER_A_PEER_DEAD_AFTER,
			 (uint16_t)a->dead_after)) ||
	    nla_nest_end(msg, nest))
		goto fail;
	return msg;
fail:
	ipc_free(msg);
	return NULL;
}

static int peer_send(int cmd, const char *ctx, const struct peer_args *a)
{
	struct ipc ipc;

	if (ipc_open(&ipc) ||
	    ipc_do(&ipc, peer_request(&ipc, cmd, a), 0, NULL, NULL)) {
		ipc_close(&ipc);
		fail("%s: %s", ctx, ipc.err);
		return EXIT_FAIL;
	}
	ipc_close(&ipc);
	return EXIT_OK;
}

/*
 * Reads a secret file: one base64 line, as genkey writes. read(2), not
 * stdio, so that no copy is left in a buffer; buf is wiped.
 */
static int read_secret(const char *ctx, const char *file,
		       uint8_t secret[VPCPEER_SECRET_LEN])
{
	char buf[128];
	size_t len = 0;
	int fd, ret = EXIT_OK;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fail("%s: secret-file %s: %s", ctx, file, strerror(errno));
		return EXIT_FAIL;
	}
	while (len < sizeof(buf)) {
		ssize_t n = read(fd, buf + len, sizeof(buf) - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail("%s: secret-file %s: %s", ctx, file,
			     strerror(errno));
			ret = EXIT_FAIL;
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len == sizeof(buf) || secret_parse(buf, len, secret)) {
		fail("%s: secret-file %s: not a base64 256-bit secret", ctx,
		     file);
		ret = EXIT_USAGE;
	}
out:
	explicit_bzero(buf, sizeof(buf));
	close(fd);
	return ret;
}

enum { KW_REMOTE, KW_CIDR, KW_ENDPOINT, KW_SECRET, KW_CIPHER, KW_REGION,
       KW_KEEPALIVE, KW_DEAD_AFTER, KW_N };

/* SECS of keyword k, 0 (or 1) to 3600, into *out; else says why. */
static bool secs_arg(const char *ctx, const struct keyword *k,
		     unsigned long min, long *out)
{
	unsigned long v;

	if (!k->value)
		return true;
	if (number_parse(k->value, 3600, &v) || v < min) {
		fail("%s: %s \"%s\": not %lu to 3600 seconds", ctx, k->name,
		     k->value, min);
		return false;
	}
	*out = (long)v;
	return true;
}

/* Fills a from the keywords; EXIT_OK, or why not after one line. */
static int add_peer_args(const char *ctx, const struct keyword *kw,
			 struct peer_args *a)
{
	const char *cmd = "add-peer";
	char why[WHY_LEN];

	if (!check_id(cmd, a->dev, a->pcx, "remote-vpc",
		      kw[KW_REMOTE].value) ||
	    (kw[KW_REGION].value &&
	     !check_id(cmd, a->dev, a->pcx, "region", kw[KW_REGION].value)))
		return EXIT_USAGE;
	a->remote_vpc = kw[KW_REMOTE].value;
	a->region = kw[KW_REGION].value;
	if (prefix_list_parse(kw[KW_CIDR].value, a->cidrs, &a->n_cidrs, why)) {
		fail("%s: cidr %s", ctx, why);
		return EXIT_USAGE;
	}
	if (endpoint_parse(kw[KW_ENDPOINT].value, &a->endpoint, why)) {
		fail("%s: endpoint %s", ctx, why);
		return EXIT_USAGE;
	}
	if (kw[KW_CIPHER].value) {
		a->cipher = cipher_parse(kw[KW_CIPHER].value);
		if (a->cipher < 0) {
			fail("%s: cipher \"%s\": not aes-gcm-128 or aes-gcm-256",
			     ctx, kw[KW_CIPHER].value);
			return EXIT_USAGE;
		}
	}
	if (!secs_arg(ctx, &kw[KW_KEEPALIVE], 0, &a->keepalive) ||
	    !secs_arg(ctx, &kw[KW_DEAD_AFTER], 1, &a->dead_after))
		return EXIT_USAGE;
	a->has_secret = true;
	return read_secret(ctx, kw[KW_SECRET].value, a->secret);
}

/*
 * "CMD DEV PCX": takes DEV and PCX into a once they are valid (else says
 * why and returns false), and leaves "CMD DEV PCX" in ctx for messages.
 */
static bool peer_target(const char *cmd, char *argv[], struct peer_args *a,
			char *ctx, size_t size)
{
	a->dev = argv[1];
	a->pcx = argv[2];
	if (!check_ifname(cmd, a->dev) || !check_pcx(cmd, a->dev, a->pcx))
		return false;
	snprintf(ctx, size, "%s %s %s", cmd, a->dev, a->pcx);
	return true;
}

int cmd_add_peer(int argc, char *argv[])
{
	struct keyword kw[KW_N] = {
		[KW_REMOTE] = { .name = "remote-vpc" },
		[KW_CIDR] = { .name = "cidr" },
		[KW_ENDPOINT] = { .name = "endpoint" },
		[KW_SECRET] = { .name = "secret-file" },
		[KW_CIPHER] = { .name = "cipher" },
		[KW_REGION] = { .name = "region" },
		[KW_KEEPALIVE] = { .name = "keepalive" },
		[KW_DEAD_AFTER] = { .name = "dead-after" },
	};
	struct peer_args a = { .keepalive = -1, .dead_after = -1 };
	char ctx[128];
	int ret;

	if (argc < 3 || keywords_parse(argc - 3, argv + 3, kw, KW_N) ||
	    !kw[KW_REMOTE].value || !kw[KW_CIDR].value ||
	    !kw[KW_ENDPOINT].value || !kw[KW_SECRET].value)
		return usage_error("add-peer");
	if (!peer_target("add-peer", argv, &a, ctx, sizeof(ctx)))
		return EXIT_USAGE;
	ret = add_peer_args(ctx, kw, &a);
	if (ret == EXIT_OK)
		ret = peer_send(VPCPEER_CMD_NEW_PEER, ctx, &a);
	explicit_bzero(a.secret, sizeof(a.secret));
	return ret;
}

int cmd_del_peer(int argc, char *argv[])
{
	struct peer_args a = { .keepalive = -1, .dead_after = -1 };
	char ctx[128];

	if (argc != 3)
		return usage_error("del-peer");
	if (!peer_target("del-peer", argv, &a, ctx, sizeof(ctx)))
		return EXIT_USAGE;
	return peer_send(VPCPEER_CMD_DEL_PEER, ctx, &a);
}

int cmd_rekey(int argc, char *argv[])
{
	struct peer_args a = { .keepalive = -1, .dead_after = -1 };
	char ctx[128];

	if (argc != 3)
		return usage_error("rekey");
	if (!peer_target("rekey", argv, &a, ctx, sizeof(ctx)))
		return EXIT_USAGE;
	return peer_send(VPCPEER_CMD_REKEY, ctx, &a);
}
