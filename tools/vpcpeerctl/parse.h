/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pure parts of vpcpeerctl: parsing and formatting of prefixes,
 * endpoints, ids, secrets and byte counts. No netlink, no I/O, so that
 * selftests/unit/test_parse.c can check all of it on the host.
 *
 * Parsers return 0, or -1 with one readable line in why[WHY_LEN], of the
 * form "<input>: <reason>" (the caller adds what the input was for).
 */
#ifndef VPCTL_PARSE_H
#define VPCTL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "linux/vpcpeer.h"

#define WHY_LEN		256

/* One IPv4 or IPv6 prefix; addr in network order, IPv4 in addr[0..3]. */
struct prefix {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t len;
	uint8_t addr[16];
};

/* "255.255.255.255/32" or the longest IPv6 address and "/128", with NUL */
#define PREFIX_STRLEN	(INET6_ADDRSTRLEN + 4)
/* Bytes of the address of a prefix of that family: 4 or 16. */
size_t prefix_addr_len(int family);
/* ADDR/LEN or a bare ADDR (/32 or /128); no bits may be set past LEN. */
int prefix_parse(const char *s, struct prefix *p, char *why);
/* Writes "ADDR/LEN" into buf[PREFIX_STRLEN]; returns buf. */
char *prefix_format(const struct prefix *p, char *buf);

/* Most prefixes in one list: VPCPEER_MAX_CIDRS of each family. */
#define PREFIX_LIST_MAX	(2 * VPCPEER_MAX_CIDRS)
/* "P[,P...]" into p[PREFIX_LIST_MAX]; *n gets the count (at least 1). */
int prefix_list_parse(const char *s, struct prefix *p, size_t *n, char *why);

union endpoint {
	struct sockaddr sa;
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
};

/* "[" IPv6 address "]:PORT" and the NUL */
#define ENDPOINT_STRLEN	(INET6_ADDRSTRLEN + 8)
/* "A.B.C.D:PORT" or "[IPV6]:PORT", numeric, port 1 to 65535. */
int endpoint_parse(const char *s, union endpoint *ep, char *why);
/* sizeof the sockaddr of ep's family, 0 if it has none we know. */
size_t endpoint_len(const union endpoint *ep);
/* Writes "1.2.3.4:5" or "[fd00::1]:5" into buf[ENDPOINT_STRLEN]. */
char *endpoint_format(const union endpoint *ep, char *buf);

/* A decimal number of at most max, digits only. */
int number_parse(const char *s, unsigned long max, unsigned long *out);

/* VPC id or region: 1 to VPCPEER_ID_MAX of [A-Za-z0-9._-]. */
bool id_valid(const char *s);
/* "pcx-" and 1 to 17 lowercase hex digits. */
bool pcx_valid(const char *s);
/* A network interface name the kernel would take. */
bool ifname_valid(const char *s);

/* enum vpcpeer_cipher from "aes-gcm-128" or "aes-gcm-256", else -1. */
int cipher_parse(const char *s);
/* "aes-gcm-128", "aes-gcm-256", or NULL. */
const char *cipher_name(unsigned int cipher);

/* Base64 (RFC 4648, with padding) of n bytes: 4 * ((n + 2) / 3) + 1 chars. */
#define BASE64_LEN(n)	(4 * (((n) + 2) / 3) + 1)
void base64_encode(const uint8_t *in, size_t n, char *out);
/*
 * Decodes len chars of canonical padded base64 into out (room for *n
 * bytes); *n gets the decoded length. -1 on anything else.
 */
int base64_decode(const char *in, size_t len, uint8_t *out, size_t *n);
/*
 * A secret file's content: one base64 line of a VPCPEER_SECRET_LEN-byte
 * secret, trailing whitespace allowed. -1 on anything else.
 */
int secret_parse(const char *text, size_t len,
		 uint8_t secret[VPCPEER_SECRET_LEN]);

/* wg's units: "512 B", "1.23 KiB", "4.56 MiB", ... into buf[BYTES_STRLEN]. */
#define BYTES_STRLEN	32
char *bytes_format(uint64_t bytes, char *buf);

/*
 * Keyword arguments: argv holds "name value" pairs, each name at most
 * once, in any order. Fills kw[i].value for the names found (others stay
 * NULL). -1 on an unknown or repeated name or a missing value.
 */
struct keyword {
	const char *name;
	const char *value;
};

int keywords_parse(int argc, char *argv[], struct keyword *kw, size_t n);

#endif
