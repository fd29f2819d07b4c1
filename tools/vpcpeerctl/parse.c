// SPDX-License-Identifier: GPL-2.0
/* Pure parsing and formatting; see parse.h. */
#include "parse.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#define WHY(...) (snprintf(why, WHY_LEN, __VA_ARGS__), -1)

size_t prefix_addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

/* Clears every bit of p past p->len; true if any was set. */
static bool prefix_mask(struct prefix *p)
{
	bool changed = false;
	size_t i;

	for (i = 0; i < prefix_addr_len(p->family); i++) {
		unsigned int keep = p->len >= 8 * (i + 1) ? 8 :
				    p->len > 8 * i ? p->len - 8 * i : 0;
		uint8_t mask = (uint8_t)(0xff00 >> keep);

		if (p->addr[i] & ~mask)
			changed = true;
		p->addr[i] &= mask;
	}
	return changed;
}

int prefix_parse(const char *s, struct prefix *p, char *why)
{
	const char *slash = strchr(s, '/');
	size_t alen = slash ? (size_t)(slash - s) : strlen(s);
	char addr[INET6_ADDRSTRLEN], buf[PREFIX_STRLEN];
	unsigned int max;
	unsigned long len;
	struct prefix fixed;

	memset(p, 0, sizeof(*p));
	if (alen == 0 || alen >= sizeof(addr))
		return WHY("%s: not an IPv4 or IPv6 prefix", s);
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	p->family = strchr(addr, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(p->family, addr, p->addr) != 1)
		return WHY("%s: not an IPv4 or IPv6 prefix", s);
	max = p->family == AF_INET ? 32 : 128;
	if (!slash)
		len = max;
	else if (number_parse(slash + 1, max, &len))
		return WHY("%s: prefix length must be 0 to %u", s, max);
	p->len = (uint8_t)len;
	fixed = *p;
	if (prefix_mask(&fixed))
		return WHY("%s: host bits set (did you mean %s?)", s,
			   prefix_format(&fixed, buf));
	return 0;
}

char *prefix_format(const struct prefix *p, char *buf)
{
	char addr[INET6_ADDRSTRLEN];

	if ((p->family != AF_INET && p->family != AF_INET6) ||
	    !inet_ntop(p->family, p->addr, addr, sizeof(addr)))
		snprintf(buf, PREFIX_STRLEN, "?");
	else
		snprintf(buf, PREFIX_STRLEN, "%s/%u", addr, p->len);
	return buf;
}

int prefix_list_parse(const char *s, struct prefix *p, size_t *n, char *why)
{
	unsigned int per_family[2] = { 0, 0 };
	char one[INET6_ADDRSTRLEN + 8];
	const char *at = s;
	struct prefix q;

	*n = 0;
	for (;;) {
		size_t len = strcspn(at, ",");

		if (len == 0)
			return WHY("%s: empty element in the list", s);
		if (len >= sizeof(one))
			return WHY("%.*s: not an IPv4 or IPv6 prefix",
				   (int)len, at);
		memcpy(one, at, len);
		one[len] = '\0';
		if (prefix_parse(one, &q, why))
			return -1;
		if (++per_family[q.family == AF_INET6] > VPCPEER_MAX_CIDRS)
			return WHY("%s: more than %d IPv%c prefixes in the list",
				   one, VPCPEER_MAX_CIDRS,
				   q.family == AF_INET6 ? '6' : '4');
		p[(*n)++] = q;
		if (!at[len])
			return 0;
		at += len + 1;
	}
}

int number_parse(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return -1;
	}
	*out = v;
	return 0;
}

int endpoint_parse(const char *s, union endpoint *ep, char *why)
{
	char addr[INET6_ADDRSTRLEN];
	const char *host = s, *colon;
	unsigned long port;
	size_t hlen;

	memset(ep, 0, sizeof(*ep));
	if (*s == '[') {
		const char *end = strchr(s, ']');

		if (!end || end[1] != ':')
			return WHY("%s: not [IPV6]:PORT", s);
		host = s + 1;
		hlen = (size_t)(end - host);
		colon = end + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return WHY("%s: not ADDR:PORT", s);
		hlen = (size_t)(colon - s);
		if (memchr(s, ':', hlen))
			return WHY("%s: an IPv6 endpoint is [ADDR]:PORT", s);
	}
	if (hlen == 0 || hlen >= sizeof(addr))
		return WHY("%s: not a numeric IPv4 or IPv6 address", s);
	memcpy(addr, host, hlen);
	addr[hlen] = '\0';
	if (number_parse(colon + 1, 65535, &port) || port == 0)
		return WHY("%s: port must be 1 to 65535", s);
	if (*s == '[') {
		ep->in6.sin6_family = AF_INET6;
		ep->in6.sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, addr, &ep->in6.sin6_addr) != 1)
			return WHY("%s: not a numeric IPv6 address", s);
	} else {
		ep->in4.sin_family = AF_INET;
		ep->in4.sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, addr, &ep->in4.sin_addr) != 1)
			return WHY("%s: not a numeric IPv4 address", s);
	}
	return 0;
}

size_t endpoint_len(const union endpoint *ep)
{
	switch (ep->sa.sa_family) {
	case AF_INET:
		return sizeof(ep->in4);
	case AF_INET6:
		return sizeof(ep->in6);
	}
	return 0;
}

char *endpoint_format(const union endpoint *ep, char *buf)
{
	char addr[INET6_ADDRSTRLEN];

	if (ep->sa.sa_family == AF_INET &&
	    inet_ntop(AF_INET, &ep->in4.sin_addr, addr, sizeof(addr)))
		snprintf(buf, ENDPOINT_STRLEN, "%s:%u", addr,
			 ntohs(ep->in4.sin_port));
	else if (ep->sa.sa_family == AF_INET6 &&
		 inet_ntop(AF_INET6, &ep->in6.sin6_addr, addr, sizeof(addr)))
		snprintf(buf, ENDPOINT_STRLEN, "[%s]:%u", addr,
			 ntohs(ep->in6.sin6_port));
	else
		snprintf(buf, ENDPOINT_STRLEN, "?");
	return buf;
}

bool id_valid(const char *s)
{
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			     "abcdefghijklmnopqrstuvwxyz0123456789._-");

	return n >= 1 && n <= VPCPEER_ID_MAX && !s[n];
}

bool pcx_valid(const char *s)
{
	size_t n;

	if (strncmp(s, "pcx-", 4))
		return false;
	n = strspn(s + 4, "0123456789abcdef");
	return n >= 1 && n <= 17 && !s[4 + n];
}

/* As the kernel's dev_valid_name(). */
bool ifname_valid(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n < IFNAMSIZ && strcmp(s, ".") && strcmp(s, "..") &&
	       !strpbrk(s, "/: \t\n\v\f\r");
}

static const char *const cipher_names[] = {
	[VPCPEER_CIPHER_AES_GCM_128] = "aes-gcm-128",
	[VPCPEER_CIPHER_AES_GCM_256] = "aes-gcm-256",
};

int cipher_parse(const char *s)
{
	int i;

	for (i = 0; i < (int)(sizeof(cipher_names) / sizeof(*cipher_names));
	     i++)
		if (cipher_names[i] && !strcmp(s, cipher_names[i]))
			return i;
	return -1;
}

const char *cipher_name(unsigned int cipher)
{
	return cipher < sizeof(cipher_names) / sizeof(*cipher_names) ?
	       cipher_names[cipher] : NULL;
}

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void base64_encode(const uint8_t *in, size_t n, char *out)
{
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | in[i + 1] << 8 | in[i + 2];

		*out++ = b64[v >> 18];
		*out++ = b64[(v >> 12) & 63];
		*out++ = b64[(v >> 6) & 63];
		*out++ = b64[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)in[i] << 16 |
			     (i + 1 < n ? in[i + 1] << 8 : 0);

		*out++ = b64[v >> 18];
		*out++ = b64[(v >> 12) & 63];
		*out++ = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		*out++ = '=';
	}
	*out = '\0';
}

static int b64_value(char c)
{
	const char *p = c ? strchr(b64, c) : NULL;

	return p ? (int)(p - b64) : -1;
}

int base64_decode(const char *in, size_t len, uint8_t *out, size_t *n)
{
	size_t i, o = 0, pad = 0;

	if (len % 4)
		return -1;
	if (len && in[len - 1] == '=')
		pad = in[len - 2] == '=' ? 2 : 1;
	if (len / 4 * 3 - pad > *n)
		return -1;
	for (i = 0; i < len; i += 4) {
		bool last = i + 4 == len;
		int c[4], k;
		uint32_t v = 0;

		for (k = 0; k < 4; k++) {
			c[k] = last && k >= 4 - (int)pad ? 0 : b64_value(in[i + k]);
			if (c[k] < 0)
				return -1;
			v = v << 6 | (uint32_t)c[k];
		}
		out[o++] = (uint8_t)(v >> 16);
		if (last && pad == 2) {
			if (v & 0xffff)		/* bits past the data */
				return -1;
			break;
		}
		out[o++] = (uint8_t)(v >> 8);
		if (last && pad == 1) {
			if (v & 0xff)
				return -1;
			break;
		}
		out[o++] = (uint8_t)v;
	}
	*n = o;
	return 0;
}

int secret_parse(const char *text, size_t len,
		 uint8_t secret[VPCPEER_SECRET_LEN])
{
	size_t n = VPCPEER_SECRET_LEN;

	while (len && strchr(" \t\r\n", text[len - 1]) && text[len - 1])
		len--;
	if (len != BASE64_LEN(VPCPEER_SECRET_LEN) - 1 ||
	    base64_decode(text, len, secret, &n) ||
	    n != VPCPEER_SECRET_LEN)
		return -1;
	return 0;
}

char *bytes_format(uint64_t bytes, char *buf)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = (double)bytes / 1024;
	size_t u = 0;

	if (bytes < 1024) {
		snprintf(buf, BYTES_STRLEN, "%" PRIu64 " B", bytes);
		return buf;
	}
	while (v >= 1024 && u + 1 < sizeof(units) / sizeof(*units)) {
		v /= 1024;
		u++;
	}
	snprintf(buf, BYTES_STRLEN, "%.2f %s", v, units[u]);
	return buf;
}

int keywords_parse(int argc, char *argv[], struct keyword *kw, size_t n)
{
	int i;
	size_t k;

	for (k = 0; k < n; k++)
		kw[k].value = NULL;
	for (i = 0; i < argc; i += 2) {
		for (k = 0; k < n; k++)
			if (!strcmp(argv[i], kw[k].name))
				break;
		if (k == n || kw[k].value || i + 1 >= argc)
			return -1;
		kw[k].value = argv[i + 1];
	}
	return 0;
}
