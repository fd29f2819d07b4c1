/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Configuration files of showconf, setconf and syncconf: an INI format
 * like wg's, parsed, checked, printed and compared here, without netlink,
 * so that selftests/unit/test_conf.c covers all of it on the host.
 * Documentation/vpcpeerctl.rst, "Configuration file", describes it:
 *
 *   [Device]
 *   VpcId = vpc-a
 *   Cidr = 10.1.0.0/16, fd00:1::/48
 *   ListenPort = 51820
 *   Region = eu-west-1
 *
 *   [Peering]
 *   Pcx = pcx-0ab
 *   RemoteVpc = vpc-b
 *   Cidr = 10.2.0.0/16
 *   Endpoint = 192.0.2.2:51821
 *   SecretFile = /etc/vpcpeer/pcx-0ab.key
 *   Route = 10.2.0.0/16
 */
#ifndef VPCTL_CONF_H
#define VPCTL_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "parse.h"

/* The kernel's defaults for what a [Peering] may leave out. */
#define CONF_CIPHER_DEFAULT	VPCPEER_CIPHER_AES_GCM_256
#define CONF_KEEPALIVE_DEFAULT	10
#define CONF_DEAD_AFTER_DEFAULT	30

/* "FILE:LINE: " and a reason. */
#define CONF_WHY_LEN	1024

/* A growing list of prefixes, each with the line it came from (0: none). */
struct conf_prefixes {
	struct prefix *p;
	unsigned long *line;
	size_t n, cap;
};

struct conf_peer {
	char pcx[VPCPEER_ID_MAX + 1];
	char remote_vpc[VPCPEER_ID_MAX + 1];
	char region[VPCPEER_ID_MAX + 1];	/* "": none */
	struct conf_prefixes cidrs;
	union endpoint endpoint;
	bool has_secret;
	uint8_t secret[VPCPEER_SECRET_LEN];
	int cipher;
	unsigned int keepalive, dead_after;
	struct conf_prefixes routes;		/* routed via this peering */
	unsigned long line;			/* of its [Peering] */
};

/* A route whose peering is not in the configuration (a blackhole). */
struct conf_orphan {
	struct prefix prefix;
	char pcx[VPCPEER_ID_MAX + 1];
};

/* A device's configuration; what a file leaves out is not has_. */
struct conf {
	bool has_vpc_id, has_cidrs, has_port, has_region;
	char vpc_id[VPCPEER_ID_MAX + 1];
	struct conf_prefixes cidrs;
	uint16_t listen_port;
	char region[VPCPEER_ID_MAX + 1];
	struct conf_peer *peers;
	size_t n_peers;
	struct conf_orphan *orphans;
	size_t n_orphans;
};

/*
 * Parses text[0..len) (name: the file's name, for messages) into c, which
 * it initialises, reading each SecretFile, and checks what can be checked
 * without the kernel. 0, or -1 with "NAME:LINE: reason" in why.
 */
int conf_parse(const char *name, const char *text, size_t len,
	       struct conf *c, char *why);
/*
 * conf_parse()'s checks of the whole file again, after the caller filled
 * in what the file left out (prefixes of line 0: the device's).
 */
int conf_check(const char *name, struct conf *c, char *why);
/* Frees what c holds and wipes its secrets; c is then empty. */
void conf_free(struct conf *c);

/* An empty configuration, and helpers to fill one (0 or -1: no memory). */
void conf_init(struct conf *c);
int conf_prefixes_add(struct conf_prefixes *l, const struct prefix *p,
		      unsigned long line);
struct conf_peer *conf_peer_add(struct conf *c);
int conf_orphan_add(struct conf *c, const struct prefix *p, const char *pcx);
/* The peering pcx of c, or NULL. */
struct conf_peer *conf_peer_find(const struct conf *c, const char *pcx);

/*
 * Prints c as a file conf_parse() reads back. A peering without a secret
 * gets a comment in its place; orphan routes are comments.
 */
void conf_print(FILE *f, const struct conf *c);

/*
 * True if the peerings have the same settings as far as the kernel shows
 * them: all but the secret and the routes. Lists compare as sets.
 */
bool conf_peer_same(const struct conf_peer *a, const struct conf_peer *b);
/* True if the lists hold the same prefixes, in any order. */
bool conf_prefixes_same(const struct conf_prefixes *a,
			const struct conf_prefixes *b);
/* True if a and b are the same prefix. */
bool conf_prefix_same(const struct prefix *a, const struct prefix *b);
/* True if the list holds p. */
bool conf_prefixes_has(const struct conf_prefixes *l, const struct prefix *p);

#endif
