// SPDX-License-Identifier: GPL-2.0
/* Configuration files: parsing, checking, printing; see conf.h. */
#include "conf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

/* Longest line a file may have. */
#define CONF_LINE_MAX	4096

void conf_init(struct conf *c)
{
	memset(c, 0, sizeof(*c));
}

static void prefixes_free(struct conf_prefixes *l)
{
	free(l->p);
	free(l->line);
	memset(l, 0, sizeof(*l));
}

void conf_free(struct conf *c)
{
	size_t i;

	prefixes_free(&c->cidrs);
	for (i = 0; i < c->n_peers; i++) {
		prefixes_free(&c->peers[i].cidrs);
		prefixes_free(&c->peers[i].routes);
	}
	if (c->peers)
		explicit_bzero(c->peers, c->n_peers * sizeof(*c->peers));
	free(c->peers);
	free(c->orphans);
	conf_init(c);
}

int conf_prefixes_add(struct conf_prefixes *l, const struct prefix *p,
		      unsigned long line)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct prefix *np = realloc(l->p, cap * sizeof(*np));
		unsigned long *nl;

		if (!np)
			return -1;
		l->p = np;
		nl = realloc(l->line, cap * sizeof(*nl));
		if (!nl)
			return -1;
		l->line = nl;
		l->cap = cap;
	}
	l->p[l->n] = *p;
	l->line[l->n++] = line;
	return 0;
}

/*
 * Peerings hold secrets: the array grows by a copy, and the old one is
 * wiped before it is freed (realloc() would leave it in the heap).
 */
struct conf_peer *conf_peer_add(struct conf *c)
{
	struct conf_peer *np = malloc((c->n_peers + 1) * sizeof(*np));

	if (!np)
		return NULL;
	if (c->n_peers) {
		memcpy(np, c->peers, c->n_peers * sizeof(*np));
		explicit_bzero(c->peers, c->n_peers * sizeof(*np));
	}
	free(c->peers);
	c->peers = np;
	np = &c->peers[c->n_peers++];
	memset(np, 0, sizeof(*np));
	np->cipher = CONF_CIPHER_DEFAULT;
	np->keepalive = CONF_KEEPALIVE_DEFAULT;
	np->dead_after = CONF_DEAD_AFTER_DEFAULT;
	return np;
}

int conf_orphan_add(struct conf *c, const struct prefix *p, const char *pcx)
{
	struct conf_orphan *no = realloc(c->orphans,
					 (c->n_orphans + 1) * sizeof(*no));

	if (!no)
		return -1;
	c->orphans = no;
	no = &c->orphans[c->n_orphans++];
	no->prefix = *p;
	snprintf(no->pcx, sizeof(no->pcx), "%s", pcx);
	return 0;
}

struct conf_peer *conf_peer_find(const struct conf *c, const char *pcx)
{
	size_t i;

	for (i = 0; i < c->n_peers; i++)
		if (!strcmp(c->peers[i].pcx, pcx))
			return &c->peers[i];
	return NULL;
}

bool conf_prefix_same(const struct prefix *a, const struct prefix *b)
{
	return a->family == b->family && a->len == b->len &&
	       !memcmp(a->addr, b->addr, prefix_addr_len(a->family));
}

/* True if a holds every address of b. */
static bool prefix_covers(const struct prefix *a, const struct prefix *b)
{
	unsigned int full = a->len / 8, rest = a->len % 8;

	if (a->family != b->family || a->len > b->len ||
	    memcmp(a->addr, b->addr, full))
		return false;
	return !rest ||
	       !((a->addr[full] ^ b->addr[full]) & (uint8_t)(0xff00 >> rest));
}

static bool prefix_overlap(const struct prefix *a, const struct prefix *b)
{
	return prefix_covers(a, b) || prefix_covers(b, a);
}

bool conf_prefixes_has(const struct conf_prefixes *l, const struct prefix *p)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (conf_prefix_same(&l->p[i], p))
			return true;
	return false;
}

bool conf_prefixes_same(const struct conf_prefixes *a,
			const struct conf_prefixes *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	/* Lists hold no prefix twice (conf_parse, the kernel). */
	for (i = 0; i < a->n; i++)
		if (!conf_prefixes_has(b, &a->p[i]))
			return false;
	return true;
}

bool conf_peer_same(const struct conf_peer *a, const struct conf_peer *b)
{
	char ea[ENDPOINT_STRLEN], eb[ENDPOINT_STRLEN];

	return !strcmp(a->pcx, b->pcx) &&
	       !strcmp(a->remote_vpc, b->remote_vpc) &&
	       !strcmp(a->region, b->region) &&
	       conf_prefixes_same(&a->cidrs, &b->cidrs) &&
	       !strcmp(endpoint_format(&a->endpoint, ea),
		       endpoint_format(&b->endpoint, eb)) &&
	       a->cipher == b->cipher && a->keepalive == b->keepalive &&
	       a->dead_after == b->dead_after;
}

/* ---------------------------------------------------------------- parse */

enum section { S_NONE, S_DEVICE, S_PEERING };

/* The keys that may be given once per section, as bits of seen. */
enum {
	K_VPC_ID = 1 << 0, K_PORT = 1 << 1, K_REGION = 1 << 2,
	K_PCX = 1 << 3, K_REMOTE = 1 << 4, K_ENDPOINT = 1 << 5,
	K_SECRET = 1 << 6, K_CIPHER = 1 << 7, K_KEEPALIVE = 1 << 8,
	K_DEAD_AFTER = 1 << 9, K_CIDR = 1 << 10,
};

struct parser {
	const char *name;
	unsigned long line;
	char *why;
	struct conf *c;
	enum section section;
	bool had_device;
	unsigned int seen;
	struct conf_peer *peer;		/* the [Peering] being read */
};

static int bad_at(struct parser *ps, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad_at(struct parser *ps, unsigned long line, const char *fmt, ...)
{
	int n = snprintf(ps->why, CONF_WHY_LEN, "%s:%lu: ", ps->name, line);
	va_list ap;

	if (n < 0 || n >= CONF_WHY_LEN)
		return -1;
	va_start(ap, fmt);
	vsnprintf(ps->why + n, CONF_WHY_LEN - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

#define BAD(ps, ...) bad_at(ps, (ps)->line, __VA_ARGS__)

/*
 * Text of a refused line that its message may quote: what could be a key
 * or a section's name, letters only, 24 at most (with [ and ] around
 * brackets). Anything else may be a secret that lost its key ("Secret
 * KEY", a key on a line of its own): it is never echoed, and the message
 * says where the line is instead.
 */
static const char *shown(const char *s)
{
	static const char letters[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	size_t len = strlen(s), skip = *s == '[';
	size_t n = strspn(s + skip, letters);

	if (len <= 26 && skip + n + (skip && s[len - 1] == ']') == len)
		return s;
	return "the line";
}

/*
 * Adds the comma separated prefixes of value to l: no prefix twice, at
 * most max of each family.
 */
static int add_prefixes(struct parser *ps, const char *key, const char *value,
			struct conf_prefixes *l, size_t max)
{
	char one[PREFIX_STRLEN + 8], why[WHY_LEN], buf[PREFIX_STRLEN];
	const char *at = value;
	struct prefix p;
	size_t i, n;

	for (;;) {
		size_t len = strcspn(at, ",");
		size_t same = 0;

		if (!len)
			return BAD(ps, "%s %s: empty element in the list", key,
				   value);
		if (len >= sizeof(one))
			return BAD(ps, "%s %.*s: not an IPv4 or IPv6 prefix",
				   key, (int)len, at);
		memcpy(one, at, len);
		one[len] = '\0';
		if (prefix_parse(one, &p, why))
			return BAD(ps, "%s %s", key, why);
		if (conf_prefixes_has(l, &p))
			return BAD(ps, "%s %s: given twice", key,
				   prefix_format(&p, buf));
		for (i = 0, n = l->n; i < n; i++)
			same += l->p[i].family == p.family;
		if (same == max)
			return BAD(ps, "%s %s: more than %zu IPv%c prefixes",
				   key, one, max,
				   p.family == AF_INET6 ? '6' : '4');
		if (conf_prefixes_add(l, &p, ps->line))
			return BAD(ps, "out of memory");
		if (!at[len])
			return 0;
		at += len + 1;
	}
}

/* A number of at most max and at least min. */
static int number(struct parser *ps, const char *key, const char *value,
		  unsigned long min, unsigned long max, unsigned long *out)
{
	if (number_parse(value, max, out) || *out < min)
		return BAD(ps, "%s \"%s\": not %lu to %lu", key, value, min,
			   max);
	return 0;
}

static int id(struct parser *ps, const char *key, const char *value,
	      char out[VPCPEER_ID_MAX + 1])
{
	if (!id_valid(value))
		return BAD(ps, "%s \"%s\": not 1 to %d of A-Z a-z 0-9 . _ -",
			   key, value, VPCPEER_ID_MAX);
	memcpy(out, value, strlen(value) + 1);
	return 0;
}

/* A secret file: one base64 line, as genkey writes; read(2), wiped. */
static int secret_file(struct parser *ps, const char *path,
		       uint8_t secret[VPCPEER_SECRET_LEN])
{
	char buf[128];
	size_t len = 0;
	int fd, ret = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return BAD(ps, "SecretFile %s: %s", path, strerror(errno));
	while (len < sizeof(buf)) {
		ssize_t n = read(fd, buf + len, sizeof(buf) - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = BAD(ps, "SecretFile %s: %s", path,
				  strerror(errno));
			goto out;
		}
		if (!n)
			break;
		len += (size_t)n;
	}
	if (len == sizeof(buf) || secret_parse(buf, len, secret))
		ret = BAD(ps, "SecretFile %s: not a base64 256-bit secret",
			  path);
out:
	explicit_bzero(buf, sizeof(buf));
	close(fd);
	return ret;
}

/* A key given once per section: refuses it the second time. */
static int once(struct parser *ps, unsigned int bit, const char *key)
{
	if (ps->seen & bit)
		return BAD(ps, "%s given twice in one section", key);
	ps->seen |= bit;
	return 0;
}

static int device_key(struct parser *ps, const char *key, const char *value)
{
	struct conf *c = ps->c;
	unsigned long v;

	if (!strcasecmp(key, "VpcId")) {
		c->has_vpc_id = true;
		return once(ps, K_VPC_ID, "VpcId") ||
		       id(ps, "VpcId", value, c->vpc_id) ? -1 : 0;
	}
	if (!strcasecmp(key, "Cidr")) {
		c->has_cidrs = true;
		return add_prefixes(ps, "Cidr", value, &c->cidrs,
				    VPCPEER_MAX_CIDRS);
	}
	if (!strcasecmp(key, "ListenPort")) {
		c->has_port = true;
		if (once(ps, K_PORT, "ListenPort") ||
		    number(ps, "ListenPort", value, 0, 65535, &v))
			return -1;
		c->listen_port = (uint16_t)v;
		return 0;
	}
	if (!strcasecmp(key, "Region")) {
		c->has_region = true;
		return once(ps, K_REGION, "Region") ||
		       id(ps, "Region", value, c->region) ? -1 : 0;
	}
	return BAD(ps, "unknown key in [Device]: %s", shown(key));
}

static int peering_key(struct parser *ps, const char *key, const char *value)
{
	struct conf_peer *p = ps->peer;
	char why[WHY_LEN];
	unsigned long v;

	if (!strcasecmp(key, "Pcx")) {
		if (once(ps, K_PCX, "Pcx"))
			return -1;
		if (!pcx_valid(value))
			return BAD(ps, "Pcx \"%s\": not \"pcx-\" and 1 to 17 lowercase hex digits",
				   value);
		if (conf_peer_find(ps->c, value))
			return BAD(ps, "Pcx %s: a second [Peering] with it",
				   value);
		memcpy(p->pcx, value, strlen(value) + 1);
		return 0;
	}
	if (!strcasecmp(key, "RemoteVpc"))
		return once(ps, K_REMOTE, "RemoteVpc") ||
		       id(ps, "RemoteVpc", value, p->remote_vpc) ? -1 : 0;
	if (!strcasecmp(key, "Cidr")) {
		ps->seen |= K_CIDR;
		return add_prefixes(ps, "Cidr", value, &p->cidrs,
				    VPCPEER_MAX_CIDRS);
	}
	if (!strcasecmp(key, "Endpoint")) {
		if (once(ps, K_ENDPOINT, "Endpoint"))
			return -1;
		if (endpoint_parse(value, &p->endpoint, why))
			return BAD(ps, "Endpoint %s", why);
		return 0;
	}
	if (!strcasecmp(key, "Secret") || !strcasecmp(key, "SecretFile")) {
		bool file = !strcasecmp(key, "SecretFile");

		if (ps->seen & K_SECRET)
			return BAD(ps, "Secret or SecretFile given twice in one section");
		ps->seen |= K_SECRET;
		p->has_secret = true;
		if (file)
			return secret_file(ps, value, p->secret);
		if (secret_parse(value, strlen(value), p->secret))
			return BAD(ps, "Secret: not a base64 256-bit secret (as genkey prints)");
		return 0;
	}
	if (!strcasecmp(key, "Cipher")) {
		if (once(ps, K_CIPHER, "Cipher"))
			return -1;
		p->cipher = cipher_parse(value);
		if (p->cipher < 0)
			return BAD(ps, "Cipher \"%s\": not aes-gcm-128 or aes-gcm-256",
				   value);
		return 0;
	}
	if (!strcasecmp(key, "Region"))
		return once(ps, K_REGION, "Region") ||
		       id(ps, "Region", value, p->region) ? -1 : 0;
	if (!strcasecmp(key, "Keepalive")) {
		if (once(ps, K_KEEPALIVE, "Keepalive") ||
		    number(ps, "Keepalive", value, 0, 3600, &v))
			return -1;
		p->keepalive = (unsigned int)v;
		return 0;
	}
	if (!strcasecmp(key, "DeadAfter")) {
		if (once(ps, K_DEAD_AFTER, "DeadAfter") ||
		    number(ps, "DeadAfter", value, 1, 3600, &v))
			return -1;
		p->dead_after = (unsigned int)v;
		return 0;
	}
	if (!strcasecmp(key, "Route"))
		return add_prefixes(ps, "Route", value, &p->routes,
				    VPCPEER_MAX_ROUTES);
	return BAD(ps, "unknown key in [Peering]: %s", shown(key));
}

/* The end of a [Peering]: what it must have. */
static int peering_end(struct parser *ps)
{
	static const struct { unsigned int bit; const char *key; } need[] = {
		{ K_PCX, "Pcx" }, { K_REMOTE, "RemoteVpc" },
		{ K_CIDR, "Cidr" }, { K_ENDPOINT, "Endpoint" },
	};
	size_t i;

	if (ps->section != S_PEERING)
		return 0;
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (!(ps->seen & need[i].bit))
			return bad_at(ps, ps->peer->line,
				      "[Peering] without %s", need[i].key);
	return 0;
}

static int section(struct parser *ps, const char *s)
{
	size_t len = strlen(s);

	if (len < 2 || s[len - 1] != ']')
		return BAD(ps, "%s: not a [Section] line", shown(s));
	if (peering_end(ps))
		return -1;
	ps->seen = 0;
	if (!strcasecmp(s, "[Device]")) {
		if (ps->had_device)
			return BAD(ps, "a second [Device] section");
		ps->had_device = true;
		ps->section = S_DEVICE;
		return 0;
	}
	if (!strcasecmp(s, "[Peering]")) {
		if (ps->c->n_peers == VPCPEER_MAX_PEERS)
			return BAD(ps, "more than %d peerings",
				   VPCPEER_MAX_PEERS);
		ps->peer = conf_peer_add(ps->c);
		if (!ps->peer)
			return BAD(ps, "out of memory");
		ps->peer->line = ps->line;
		ps->section = S_PEERING;
		return 0;
	}
	return BAD(ps, "unknown section %s (not [Device] or [Peering])",
		   shown(s));
}

/* One line, without its newline; buf is wiped by the caller. */
static int parse_line(struct parser *ps, char *buf)
{
	char *r, *w, *eq;

	/* As wg: a comment runs to the end of the line; no blanks count. */
	buf[strcspn(buf, "#")] = '\0';
	for (r = w = buf; *r; r++)
		if (!strchr(" \t\r\v\f", *r))
			*w++ = *r;
	*w = '\0';
	if (!*buf)
		return 0;
	if (*buf == '[')
		return section(ps, buf);
	eq = strchr(buf, '=');
	if (!eq || eq == buf)
		return BAD(ps, "%s: not Key = Value", shown(buf));
	*eq = '\0';
	if (!eq[1])
		return BAD(ps, "%s has no value", shown(buf));
	switch (ps->section) {
	case S_DEVICE:
		return device_key(ps, buf, eq + 1);
	case S_PEERING:
		return peering_key(ps, buf, eq + 1);
	default:
		return BAD(ps, "%s outside a [Device] or [Peering] section",
			   shown(buf));
	}
}

/* What needs the whole file: the kernel would refuse it half way. */
static int check(struct parser *ps)
{
	struct conf *c = ps->c;
	char a[PREFIX_STRLEN], b[PREFIX_STRLEN];
	size_t i, j, k, l, n_routes[2] = { 0, 0 };

	for (i = 0; i < c->n_peers; i++) {
		struct conf_peer *p = &c->peers[i];

		if (c->has_vpc_id && !strcmp(p->remote_vpc, c->vpc_id))
			return bad_at(ps, p->line,
				      "[Peering] %s: RemoteVpc %s is this VPC's id",
				      p->pcx, p->remote_vpc);
		for (j = 0; j < i; j++)
			if (!strcmp(p->remote_vpc, c->peers[j].remote_vpc))
				return bad_at(ps, p->line,
					      "[Peering] %s: RemoteVpc %s also has %s (line %lu)",
					      p->pcx, p->remote_vpc,
					      c->peers[j].pcx,
					      c->peers[j].line);
		for (j = 0; j < p->cidrs.n; j++)
			for (k = 0; k < c->cidrs.n; k++)
				if (prefix_overlap(&p->cidrs.p[j],
						   &c->cidrs.p[k]) &&
				    c->cidrs.line[k])
					return bad_at(ps, p->cidrs.line[j],
						      "Cidr %s of %s overlaps %s of this VPC (line %lu)",
						      prefix_format(&p->cidrs.p[j], a),
						      p->pcx,
						      prefix_format(&c->cidrs.p[k], b),
						      c->cidrs.line[k]);
				else if (prefix_overlap(&p->cidrs.p[j],
							&c->cidrs.p[k]))
					return bad_at(ps, p->cidrs.line[j],
						      "Cidr %s of %s overlaps the device's %s",
						      prefix_format(&p->cidrs.p[j], a),
						      p->pcx,
						      prefix_format(&c->cidrs.p[k], b));
		for (j = 0; j < p->routes.n; j++) {
			const struct prefix *r = &p->routes.p[j];

			prefix_format(r, a);

			for (k = 0; k < p->cidrs.n; k++)
				if (prefix_covers(&p->cidrs.p[k], r))
					break;
			if (k == p->cidrs.n)
				return bad_at(ps, p->routes.line[j],
					      "Route %s: outside every Cidr of %s",
					      a, p->pcx);
			if (++n_routes[r->family == AF_INET6] >
			    VPCPEER_MAX_ROUTES)
				return bad_at(ps, p->routes.line[j],
					      "more than %d IPv%c routes",
					      VPCPEER_MAX_ROUTES,
					      r->family == AF_INET6 ? '6' : '4');
			for (k = 0; k < i; k++)
				for (l = 0; l < c->peers[k].routes.n; l++)
					if (conf_prefix_same(r, &c->peers[k].routes.p[l]))
						return bad_at(ps, p->routes.line[j],
							      "Route %s: also via %s (line %lu)",
							      a, c->peers[k].pcx,
							      c->peers[k].routes.line[l]);
		}
	}
	return 0;
}

int conf_check(const char *name, struct conf *c, char *why)
{
	struct parser ps = { .name = name, .why = why, .c = c };

	why[0] = '\0';
	/* The kernel takes peerings only once the device has both. */
	if (c->n_peers && (!c->has_vpc_id || !c->cidrs.n))
		return bad_at(&ps, c->peers[0].line,
			      "[Peering] %s: the device has no %s: give it in [Device]",
			      c->peers[0].pcx,
			      c->has_vpc_id ? "Cidr" : "VpcId");
	return check(&ps);
}

int conf_parse(const char *name, const char *text, size_t len,
	       struct conf *c, char *why)
{
	struct parser ps = { .name = name, .why = why, .c = c };
	char *buf = malloc(CONF_LINE_MAX);
	size_t at = 0;
	int ret = 0;

	conf_init(c);
	why[0] = '\0';
	if (!buf) {
		snprintf(why, CONF_WHY_LEN, "%s: out of memory", name);
		return -1;
	}
	while (!ret && at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;

		ps.line++;
		if (n >= CONF_LINE_MAX)
			ret = BAD(&ps, "line longer than %d characters",
				  CONF_LINE_MAX - 1);
		else if (memchr(text + at, '\0', n))
			ret = BAD(&ps, "a NUL character");
		if (!ret) {
			memcpy(buf, text + at, n);
			buf[n] = '\0';
			ret = parse_line(&ps, buf);
			explicit_bzero(buf, n);
		}
		at += n + 1;
	}
	if (!ret)
		ret = peering_end(&ps);
	if (!ret)
		ret = check(&ps);
	free(buf);
	if (ret)
		conf_free(c);
	return ret;
}

/* ---------------------------------------------------------------- print */

static void print_list(FILE *f, const char *key,
		       const struct conf_prefixes *l)
{
	char buf[PREFIX_STRLEN];
	size_t i;

	if (!l->n)
		return;
	fprintf(f, "%s = ", key);
	for (i = 0; i < l->n; i++)
		fprintf(f, "%s%s", i ? ", " : "", prefix_format(&l->p[i], buf));
	fputc('\n', f);
}

void conf_print(FILE *f, const struct conf *c)
{
	char buf[ENDPOINT_STRLEN], secret[BASE64_LEN(VPCPEER_SECRET_LEN)];
	const char *cipher;
	size_t i, j;

	fprintf(f, "[Device]\n");
	if (c->has_vpc_id)
		fprintf(f, "VpcId = %s\n", c->vpc_id);
	if (c->has_cidrs)
		print_list(f, "Cidr", &c->cidrs);
	if (c->has_port)
		fprintf(f, "ListenPort = %u\n", c->listen_port);
	if (c->has_region)
		fprintf(f, "Region = %s\n", c->region);
	for (i = 0; i < c->n_peers; i++) {
		const struct conf_peer *p = &c->peers[i];

		fprintf(f, "\n[Peering]\nPcx = %s\nRemoteVpc = %s\n", p->pcx,
			p->remote_vpc);
		print_list(f, "Cidr", &p->cidrs);
		fprintf(f, "Endpoint = %s\n", endpoint_format(&p->endpoint, buf));
		if (p->has_secret) {
			base64_encode(p->secret, sizeof(p->secret), secret);
			fprintf(f, "Secret = %s\n", secret);
			explicit_bzero(secret, sizeof(secret));
		} else {
			fprintf(f, "# Secret: the kernel never shows it; give Secret or SecretFile\n"
				   "# for setconf, or for syncconf if this peering is new or changed\n");
		}
		cipher = cipher_name((unsigned int)p->cipher);
		fprintf(f, "Cipher = %s\n", cipher ? cipher : "unknown");
		if (p->region[0])
			fprintf(f, "Region = %s\n", p->region);
		fprintf(f, "Keepalive = %u\nDeadAfter = %u\n", p->keepalive,
			p->dead_after);
		for (j = 0; j < p->routes.n; j++)
			fprintf(f, "Route = %s\n",
				prefix_format(&p->routes.p[j], buf));
	}
	if (c->n_orphans)
		fprintf(f, "\n# Routes via no peering of this device (blackholes):\n");
	for (i = 0; i < c->n_orphans; i++)
		fprintf(f, "# Route = %s via %s\n",
			prefix_format(&c->orphans[i].prefix, buf),
			c->orphans[i].pcx);
}
