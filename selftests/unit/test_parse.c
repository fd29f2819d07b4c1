// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl's pure parts: prefixes and prefix lists, endpoints, ids,
 * ciphers, base64 and secrets, byte units, keyword arguments.
 */
#include "tap.h"
#include "parse.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

static char why[WHY_LEN];

/* Parses s and formats it back: the result, or "ERR: <why>". */
static const char *prefix_round(const char *s)
{
	static char out[WHY_LEN + 8];
	struct prefix p;

	if (prefix_parse(s, &p, why)) {
		snprintf(out, sizeof(out), "ERR: %s", why);
		return out;
	}
	return prefix_format(&p, out);
}

TEST(test_prefix_good)
{
	static const char *const good[][2] = {
		{ "10.1.0.0/16", "10.1.0.0/16" },
		{ "10.1.2.3", "10.1.2.3/32" },
		{ "10.1.2.3/32", "10.1.2.3/32" },
		{ "0.0.0.0/0", "0.0.0.0/0" },
		{ "192.168.0.0/23", "192.168.0.0/23" },
		{ "255.255.255.255/32", "255.255.255.255/32" },
		{ "fd00:1::/48", "fd00:1::/48" },
		{ "FD00:1::/48", "fd00:1::/48" },
		{ "fd00:0001:0000::/48", "fd00:1::/48" },
		{ "fd00::1", "fd00::1/128" },
		{ "::/0", "::/0" },
		{ "::1/128", "::1/128" },
		{ "2001:db8::/32", "2001:db8::/32" },
		{ "fc00::/7", "fc00::/7" },
		{ "10.1.0.128/25", "10.1.0.128/25" },
		{ "::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104" },
		{ "10.0.0.0/08", "10.0.0.0/8" },
	};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *want = good[i][1];

		if (strcmp(prefix_round(good[i][0]), want)) {
			fprintf(stderr, "# %s -> %s, want %s\n", good[i][0],
				prefix_round(good[i][0]), want);
			CHECK(0);
		}
	}
}

TEST(test_prefix_fields)
{
	struct prefix p;

	CHECK(!prefix_parse("10.1.0.0/16", &p, why));
	CHECK_EQ(p.family, AF_INET);
	CHECK_EQ(p.len, 16);
	CHECK(!memcmp(p.addr, "\x0a\x01\x00\x00", 4));
	CHECK_EQ(prefix_addr_len(p.family), 4);
	CHECK(!prefix_parse("fd00:1::/48", &p, why));
	CHECK_EQ(p.family, AF_INET6);
	CHECK_EQ(p.len, 48);
	CHECK(!memcmp(p.addr, "\xfd\x00\x00\x01\0\0\0\0\0\0\0\0\0\0\0\0", 16));
	CHECK_EQ(prefix_addr_len(p.family), 16);
	CHECK(!prefix_parse("fd00::1", &p, why));
	CHECK_EQ(p.len, 128);
}

TEST(test_prefix_bad)
{
	static const char *const bad[][2] = {
		{ "10.1.0.1/16",
		  "10.1.0.1/16: host bits set (did you mean 10.1.0.0/16?)" },
		{ "10.1.2.3/0",
		  "10.1.2.3/0: host bits set (did you mean 0.0.0.0/0?)" },
		{ "10.1.0.129/25",
		  "10.1.0.129/25: host bits set (did you mean 10.1.0.128/25?)" },
		{ "10.1.0.1/31",
		  "10.1.0.1/31: host bits set (did you mean 10.1.0.0/31?)" },
		{ "fd00::/7",
		  "fd00::/7: host bits set (did you mean fc00::/7?)" },
		{ "fd00:1::1/48",
		  "fd00:1::1/48: host bits set (did you mean fd00:1::/48?)" },
		{ "10.1.0.0/33", "10.1.0.0/33: prefix length must be 0 to 32" },
		{ "fd00::/129", "fd00::/129: prefix length must be 0 to 128" },
		{ "10.1.0.0/", "10.1.0.0/: prefix length must be 0 to 32" },
		{ "10.1.0.0/-1", "10.1.0.0/-1: prefix length must be 0 to 32" },
		{ "10.1.0.0/+8", "10.1.0.0/+8: prefix length must be 0 to 32" },
		{ "10.1.0.0/ 8", "10.1.0.0/ 8: prefix length must be 0 to 32" },
		{ "10.1.0.0/8/8", "10.1.0.0/8/8: prefix length must be 0 to 32" },
		{ "10.1.0.0/99999999999999999999",
		  "10.1.0.0/99999999999999999999: prefix length must be 0 to 32" },
		{ "", ": not an IPv4 or IPv6 prefix" },
		{ "/16", "/16: not an IPv4 or IPv6 prefix" },
		{ "garbage", "garbage: not an IPv4 or IPv6 prefix" },
		{ "10.1.0", "10.1.0: not an IPv4 or IPv6 prefix" },
		{ "10.1.0.0.0/16", "10.1.0.0.0/16: not an IPv4 or IPv6 prefix" },
		{ "256.1.0.0/16", "256.1.0.0/16: not an IPv4 or IPv6 prefix" },
		{ " 10.1.0.0/16", " 10.1.0.0/16: not an IPv4 or IPv6 prefix" },
		{ "10.1.0.0 /16", "10.1.0.0 /16: not an IPv4 or IPv6 prefix" },
		{ "fd00:::/48", "fd00:::/48: not an IPv4 or IPv6 prefix" },
		{ "fe80::1%eth0", "fe80::1%eth0: not an IPv4 or IPv6 prefix" },
		{ "fd00::g/64", "fd00::g/64: not an IPv4 or IPv6 prefix" },
		{ "1111:2222:3333:4444:5555:6666:7777:8888:9999/64",
		  "1111:2222:3333:4444:5555:6666:7777:8888:9999/64: not an IPv4 or IPv6 prefix" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct prefix p;

		CHECK(prefix_parse(bad[i][0], &p, why) == -1);
		if (strcmp(why, bad[i][1])) {
			fprintf(stderr, "# \"%s\": \"%s\", want \"%s\"\n",
				bad[i][0], why, bad[i][1]);
			CHECK(0);
		}
	}
	/* the longest formatted prefix fits */
	{
		char buf[PREFIX_STRLEN];
		struct prefix p;

		CHECK(!prefix_parse("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128",
				    &p, why));
		CHECK(!strcmp(prefix_format(&p, buf),
			      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"));
	}
}

TEST(test_prefix_list)
{
	struct prefix p[PREFIX_LIST_MAX];
	char buf[PREFIX_STRLEN], list[1024];
	size_t n, i;
	int len = 0;

	CHECK(!prefix_list_parse("10.1.0.0/16", p, &n, why));
	CHECK_EQ(n, 1);
	CHECK(!prefix_list_parse("10.1.0.0/16,fd00:1::/48,10.2.0.1", p, &n,
				 why));
	CHECK_EQ(n, 3);
	CHECK(!strcmp(prefix_format(&p[0], buf), "10.1.0.0/16"));
	CHECK(!strcmp(prefix_format(&p[1], buf), "fd00:1::/48"));
	CHECK(!strcmp(prefix_format(&p[2], buf), "10.2.0.1/32"));

	CHECK(prefix_list_parse("", p, &n, why) == -1);
	CHECK(!strcmp(why, ": empty element in the list"));
	CHECK(prefix_list_parse(",", p, &n, why) == -1);
	CHECK(prefix_list_parse("10.1.0.0/16,", p, &n, why) == -1);
	CHECK(!strcmp(why, "10.1.0.0/16,: empty element in the list"));
	CHECK(prefix_list_parse(",10.1.0.0/16", p, &n, why) == -1);
	CHECK(prefix_list_parse("10.1.0.0/16,,10.2.0.0/16", p, &n, why) == -1);
	CHECK(!strcmp(why, "10.1.0.0/16,,10.2.0.0/16: empty element in the list"));
	CHECK(prefix_list_parse("10.1.0.0/16, 10.2.0.0/16", p, &n, why) == -1);
	CHECK(!strcmp(why, " 10.2.0.0/16: not an IPv4 or IPv6 prefix"));
	CHECK(prefix_list_parse("10.1.0.0/16,10.2.0.1/16", p, &n, why) == -1);
	CHECK(!strcmp(why, "10.2.0.1/16: host bits set (did you mean 10.2.0.0/16?)"));
	CHECK(prefix_list_parse("10.1.0.0/16,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
				p, &n, why) == -1);

	/* 16 of each family fit, the 17th IPv4 does not */
	for (i = 0; i < VPCPEER_MAX_CIDRS; i++)
		len += snprintf(list + len, sizeof(list) - (size_t)len,
				"10.%zu.0.0/16,fd00:%zx::/32,", i, i);
	list[len - 1] = '\0';
	CHECK(!prefix_list_parse(list, p, &n, why));
	CHECK_EQ(n, 2 * VPCPEER_MAX_CIDRS);
	list[len - 1] = ',';
	snprintf(list + len, sizeof(list) - (size_t)len, "10.99.0.0/16");
	CHECK(prefix_list_parse(list, p, &n, why) == -1);
	CHECK(!strcmp(why, "10.99.0.0/16: more than 16 IPv4 prefixes in the list"));
}

static const char *endpoint_round(const char *s)
{
	static char out[WHY_LEN + 8];
	union endpoint ep;

	if (endpoint_parse(s, &ep, why)) {
		snprintf(out, sizeof(out), "ERR: %s", why);
		return out;
	}
	return endpoint_format(&ep, out);
}

TEST(test_endpoint)
{
	static const char *const good[][2] = {
		{ "127.0.0.1:51821", "127.0.0.1:51821" },
		{ "1.2.3.4:5", "1.2.3.4:5" },
		{ "1.2.3.4:65535", "1.2.3.4:65535" },
		{ "[fd00::1]:51821", "[fd00::1]:51821" },
		{ "[FD00:0::1]:1", "[fd00::1]:1" },
		{ "[::ffff:1.2.3.4]:80", "[::ffff:1.2.3.4]:80" },
	};
	static const char *const bad[] = {
		"", ":5", "1.2.3.4", "1.2.3.4:", "1.2.3.4:0", "1.2.3.4:65536",
		"1.2.3.4:-1", "1.2.3.4:+5", "1.2.3.4:5x", "1.2.3:5",
		"host.example:5", "fd00::1:5", "[fd00::1]", "[fd00::1]5",
		"[fd00::1]:", "[fd00::1]:0", "[1.2.3.4]:5", "[]:5",
		"[fe80::1%eth0]:5", "[fd00::1:5", " 1.2.3.4:5", "1.2.3.4 :5",
	};
	union endpoint ep;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (strcmp(endpoint_round(good[i][0]), good[i][1])) {
			fprintf(stderr, "# %s -> %s\n", good[i][0],
				endpoint_round(good[i][0]));
			CHECK(0);
		}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!endpoint_parse(bad[i], &ep, why)) {
			fprintf(stderr, "# \"%s\" accepted\n", bad[i]);
			CHECK(0);
		}

	CHECK(!endpoint_parse("10.0.0.2:51820", &ep, why));
	CHECK_EQ(ep.sa.sa_family, AF_INET);
	CHECK_EQ(endpoint_len(&ep), sizeof(struct sockaddr_in));
	CHECK(!memcmp(&ep.in4.sin_port, "\xca\x6c", 2));	/* 51820 */
	CHECK(!memcmp(&ep.in4.sin_addr, "\x0a\x00\x00\x02", 4));
	CHECK(!endpoint_parse("[fd00::2]:51820", &ep, why));
	CHECK_EQ(ep.sa.sa_family, AF_INET6);
	CHECK_EQ(endpoint_len(&ep), sizeof(struct sockaddr_in6));
	CHECK_EQ(ntohs(ep.in6.sin6_port), 51820);
	CHECK_EQ(ep.in6.sin6_scope_id, 0);
	CHECK_EQ(ep.in6.sin6_flowinfo, 0);

	CHECK(endpoint_parse("1.2.3.4:0", &ep, why) == -1);
	CHECK(!strcmp(why, "1.2.3.4:0: port must be 1 to 65535"));
	CHECK(endpoint_parse("fd00::1:5", &ep, why) == -1);
	CHECK(!strcmp(why, "fd00::1:5: an IPv6 endpoint is [ADDR]:PORT"));

	memset(&ep, 0, sizeof(ep));
	CHECK_EQ(endpoint_len(&ep), 0);
	CHECK(!strcmp(endpoint_format(&ep, (char[ENDPOINT_STRLEN]){ 0 }), "?"));
}

TEST(test_number)
{
	unsigned long v = 7;

	CHECK(!number_parse("0", 65535, &v));
	CHECK_EQ(v, 0);
	CHECK(!number_parse("65535", 65535, &v));
	CHECK_EQ(v, 65535);
	CHECK(!number_parse("00080", 65535, &v));
	CHECK_EQ(v, 80);
	CHECK(number_parse("65536", 65535, &v) == -1);
	CHECK(number_parse("", 65535, &v) == -1);
	CHECK(number_parse("-1", 65535, &v) == -1);
	CHECK(number_parse("+1", 65535, &v) == -1);
	CHECK(number_parse(" 1", 65535, &v) == -1);
	CHECK(number_parse("1 ", 65535, &v) == -1);
	CHECK(number_parse("0x10", 65535, &v) == -1);
	CHECK(number_parse("99999999999999999999999999", 65535, &v) == -1);
}

TEST(test_ids)
{
	char s[80];

	CHECK(id_valid("vpc-a"));
	CHECK(id_valid("vpc-0123456789abcdef0"));
	CHECK(id_valid("eu-west-1"));
	CHECK(id_valid("A.b_c-9"));
	CHECK(!id_valid(""));
	CHECK(!id_valid("vpc a"));
	CHECK(!id_valid("vpc/a"));
	CHECK(!id_valid("vpc\na"));
	CHECK(!id_valid("vpc\xc3\xa9"));
	memset(s, 'a', 63);
	s[63] = '\0';
	CHECK(id_valid(s));
	s[63] = 'a';
	s[64] = '\0';
	CHECK(!id_valid(s));

	CHECK(pcx_valid("pcx-0"));
	CHECK(pcx_valid("pcx-0ab"));
	CHECK(pcx_valid("pcx-0123456789abcdef0"));	/* 17 digits */
	CHECK(!pcx_valid("pcx-0123456789abcdef01"));	/* 18 */
	CHECK(!pcx_valid("pcx-"));
	CHECK(!pcx_valid("pcx-0AB"));
	CHECK(!pcx_valid("pcx-0g"));
	CHECK(!pcx_valid("PCX-0ab"));
	CHECK(!pcx_valid("pcx0ab"));
	CHECK(!pcx_valid("pcx-0ab "));
	CHECK(!pcx_valid("xpcx-0ab"));
	CHECK(!pcx_valid(""));

	CHECK(ifname_valid("vpc0"));
	CHECK(ifname_valid("a"));
	CHECK(ifname_valid("fifteen-chars-x"));
	CHECK(!ifname_valid("sixteen-chars-xx"));
	CHECK(!ifname_valid(""));
	CHECK(!ifname_valid("."));
	CHECK(!ifname_valid(".."));
	CHECK(!ifname_valid("a/b"));
	CHECK(!ifname_valid("a:b"));
	CHECK(!ifname_valid("a b"));
}

TEST(test_cipher)
{
	CHECK_EQ(cipher_parse("aes-gcm-128"), VPCPEER_CIPHER_AES_GCM_128);
	CHECK_EQ(cipher_parse("aes-gcm-256"), VPCPEER_CIPHER_AES_GCM_256);
	CHECK_EQ(cipher_parse("AES-GCM-256"), -1);
	CHECK_EQ(cipher_parse("aes-gcm"), -1);
	CHECK_EQ(cipher_parse(""), -1);
	CHECK(!strcmp(cipher_name(VPCPEER_CIPHER_AES_GCM_128), "aes-gcm-128"));
	CHECK(!strcmp(cipher_name(VPCPEER_CIPHER_AES_GCM_256), "aes-gcm-256"));
	CHECK(cipher_name(0) == NULL);
	CHECK(cipher_name(3) == NULL);
	CHECK(cipher_name(255) == NULL);
}

/* RFC 4648, section 10 */
static const char *const rfc4648[][2] = {
	{ "", "" },
	{ "f", "Zg==" },
	{ "fo", "Zm8=" },
	{ "foo", "Zm9v" },
	{ "foob", "Zm9vYg==" },
	{ "fooba", "Zm9vYmE=" },
	{ "foobar", "Zm9vYmFy" },
};

TEST(test_base64_rfc4648)
{
	size_t i;

	for (i = 0; i < sizeof(rfc4648) / sizeof(rfc4648[0]); i++) {
		const char *raw = rfc4648[i][0], *enc = rfc4648[i][1];
		char out[BASE64_LEN(6)];
		uint8_t dec[8];
		size_t n = sizeof(dec);

		base64_encode((const uint8_t *)raw, strlen(raw), out);
		CHECK(!strcmp(out, enc));
		CHECK_EQ(strlen(out) + 1, BASE64_LEN(strlen(raw)));
		CHECK(!base64_decode(enc, strlen(enc), dec, &n));
		CHECK_EQ(n, strlen(raw));
		CHECK(!memcmp(dec, raw, n));
	}
}

TEST(test_base64_round_trip)
{
	uint8_t in[70], out[70];
	char enc[BASE64_LEN(70)];
	size_t len, i, n;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i * 37 + 11);
	for (len = 0; len <= sizeof(in); len++) {
		base64_encode(in, len, enc);
		CHECK_EQ(strlen(enc), 4 * ((len + 2) / 3));
		n = sizeof(out);
		CHECK(!base64_decode(enc, strlen(enc), out, &n));
		CHECK_EQ(n, len);
		CHECK(!memcmp(in, out, len));
		/* no room for it */
		if (len) {
			n = len - 1;
			CHECK(base64_decode(enc, strlen(enc), out, &n) == -1);
		}
	}
	/* all 256 byte values */
	{
		uint8_t all[256], back[256];
		char e[BASE64_LEN(256)];

		for (i = 0; i < 256; i++)
			all[i] = (uint8_t)i;
		base64_encode(all, 256, e);
		n = sizeof(back);
		CHECK(!base64_decode(e, strlen(e), back, &n));
		CHECK_EQ(n, 256);
		CHECK(!memcmp(all, back, 256));
	}
}

TEST(test_base64_bad)
{
	static const char *const bad[] = {
		"Z", "Zg", "Zg=", "Zm9", "====", "Z===", "Zg==Zg==", "Zm=v",
		"Zm9v!", "Zm9v\n", "Zm 9v", "Zh==",	/* bits past the data */
		"Zm9=",		/* ditto */
		"Zm-v", "Zm_v",	/* base64url is not base64 */
	};
	uint8_t out[16];
	size_t i, n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = sizeof(out);
		if (!base64_decode(bad[i], strlen(bad[i]), out, &n)) {
			fprintf(stderr, "# \"%s\" accepted\n", bad[i]);
			CHECK(0);
		}
	}
	/* a NUL inside */
	n = sizeof(out);
	CHECK(base64_decode("Zm\0v", 4, out, &n) == -1);
}

TEST(test_secret)
{
	static const char key[] = "u4beK43OG6st6zoJzNvw/g0VSPyOQYfSrjeKNjYHX5M=";
	uint8_t s[VPCPEER_SECRET_LEN], raw[VPCPEER_SECRET_LEN + 1];
	char enc[BASE64_LEN(VPCPEER_SECRET_LEN)], text[100];
	size_t i;

	CHECK_EQ(strlen(key), 44);
	CHECK(!secret_parse(key, strlen(key), s));
	base64_encode(s, sizeof(s), enc);
	CHECK(!strcmp(enc, key));
	snprintf(text, sizeof(text), "%s\n", key);
	CHECK(!secret_parse(text, strlen(text), s));
	snprintf(text, sizeof(text), "%s \t\r\n\n", key);
	CHECK(!secret_parse(text, strlen(text), s));

	for (i = 0; i < sizeof(raw); i++)
		raw[i] = (uint8_t)(0xa5 ^ i);
	base64_encode(raw, VPCPEER_SECRET_LEN, enc);
	CHECK(!secret_parse(enc, strlen(enc), s));
	CHECK(!memcmp(s, raw, VPCPEER_SECRET_LEN));

	CHECK(secret_parse("", 0, s) == -1);
	CHECK(secret_parse("\n", 1, s) == -1);
	snprintf(text, sizeof(text), " %s", key);	/* leading space */
	CHECK(secret_parse(text, strlen(text), s) == -1);
	snprintf(text, sizeof(text), "%s\n%s\n", key, key);	/* two lines */
	CHECK(secret_parse(text, strlen(text), s) == -1);
	CHECK(secret_parse(key, 43, s) == -1);			/* short */
	/* 31 and 33 bytes */
	base64_encode(raw, 31, enc);
	CHECK(secret_parse(enc, strlen(enc), s) == -1);
	base64_encode(raw, 33, text);
	CHECK(secret_parse(text, strlen(text), s) == -1);
	/* not canonical: the last digit has bits past the secret */
	snprintf(text, sizeof(text), "%s", key);
	text[42] = 'N';
	CHECK(secret_parse(text, strlen(text), s) == -1);
	/* a NUL within the trailing space */
	memcpy(text, key, 44);
	memcpy(text + 44, "\n\0\n", 3);
	CHECK(secret_parse(text, 47, s) == -1);
}

TEST(test_bytes)
{
	char b[BYTES_STRLEN];

	CHECK(!strcmp(bytes_format(0, b), "0 B"));
	CHECK(!strcmp(bytes_format(1023, b), "1023 B"));
	CHECK(!strcmp(bytes_format(1024, b), "1.00 KiB"));
	CHECK(!strcmp(bytes_format(1260, b), "1.23 KiB"));
	CHECK(!strcmp(bytes_format(4669, b), "4.56 KiB"));
	CHECK(!strcmp(bytes_format(1024 * 1024, b), "1.00 MiB"));
	CHECK(!strcmp(bytes_format(1536ULL * 1024 * 1024, b), "1.50 GiB"));
	CHECK(!strcmp(bytes_format(1ULL << 40, b), "1.00 TiB"));
	CHECK(!strcmp(bytes_format(1ULL << 50, b), "1024.00 TiB"));
	CHECK(!strcmp(bytes_format(UINT64_MAX, b), "16777216.00 TiB"));
}

TEST(test_keywords)
{
	struct keyword kw[] = { { "vpc-id", NULL }, { "cidr", NULL },
				{ "region", NULL } };
	char *ok[] = { "cidr", "10.0.0.0/8", "vpc-id", "vpc-a" };
	char *unknown[] = { "cidrs", "10.0.0.0/8" };
	char *twice[] = { "cidr", "a", "cidr", "b" };
	char *missing[] = { "vpc-id", "a", "cidr" };

	CHECK(!keywords_parse(4, ok, kw, 3));
	CHECK(!strcmp(kw[0].value, "vpc-a"));
	CHECK(!strcmp(kw[1].value, "10.0.0.0/8"));
	CHECK(kw[2].value == NULL);
	CHECK(!keywords_parse(0, ok, kw, 3));
	CHECK(!kw[0].value && !kw[1].value && !kw[2].value);
	CHECK(keywords_parse(2, unknown, kw, 3) == -1);
	CHECK(keywords_parse(4, twice, kw, 3) == -1);
	CHECK(keywords_parse(3, missing, kw, 3) == -1);
	/* a value may look like a keyword */
	{
		char *v[] = { "region", "cidr" };

		CHECK(!keywords_parse(2, v, kw, 3));
		CHECK(!strcmp(kw[2].value, "cidr"));
		CHECK(kw[1].value == NULL);
	}
}

static const struct tap_test tests[] = {
	TAP(test_prefix_good),
	TAP(test_prefix_fields),
	TAP(test_prefix_bad),
	TAP(test_prefix_list),
	TAP(test_endpoint),
	TAP(test_number),
	TAP(test_ids),
	TAP(test_cipher),
	TAP(test_base64_rfc4648),
	TAP(test_base64_round_trip),
	TAP(test_base64_bad),
	TAP(test_secret),
	TAP(test_bytes),
	TAP(test_keywords),
};

TAP_MAIN(tests)
