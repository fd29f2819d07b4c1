// SPDX-License-Identifier: GPL-2.0
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>

#include "lpm.h"
#include "lpm_ref.h"
#include "pfx.h"
#include "tap.h"

/* Distinct non-NULL values to tell entries apart. */
static char tag[32];
#define V(i)	((void *)&tag[i])

#define ENT(s, v)	{ pfx(s), v }

/* Value of the longest match for address s; "miss" if there is none. */
static void *miss = &miss;

static void *look(const struct vp_lpm *t, const char *s)
{
	struct vp_prefix p = pfx(s);
	const struct vp_lpm_entry *e = vp_lpm_lookup(t, p.family, p.addr);

	return e ? e->value : miss;
}

TEST(empty)
{
	struct vp_lpm *t;
	int err = 1;

	t = vp_lpm_build(NULL, 0, &err);
	CHECK(t);
	CHECK_EQ(err, 0);
	CHECK_EQ(vp_lpm_count(t), 0);
	CHECK(!vp_lpm_entry_at(t, 0));
	CHECK(look(t, "10.0.0.1") == miss);
	CHECK(look(t, "::1") == miss);
	vp_lpm_free(t);
	vp_lpm_free(NULL);
	CHECK(!vp_lpm_lookup(NULL, VP_AF_INET, pfx("1.2.3.4").addr));
	CHECK_EQ(vp_lpm_count(NULL), 0);
	CHECK(!vp_lpm_entry_at(NULL, 0));
}

TEST(longest_wins)
{
	struct vp_lpm_entry e[] = {
		ENT("10.1.2.0/24", V(2)), ENT("10.0.0.0/8", V(0)),
		ENT("10.1.2.3/32", V(3)), ENT("10.1.0.0/16", V(1)),
		ENT("10.1.2.128/25", V(4)),
	};
	struct vp_lpm *t = vp_lpm_build(e, 5, NULL);

	CHECK(t);
	CHECK(look(t, "10.9.9.9") == V(0));
	CHECK(look(t, "10.1.9.9") == V(1));
	CHECK(look(t, "10.1.2.4") == V(2));
	CHECK(look(t, "10.1.2.3") == V(3));
	CHECK(look(t, "10.1.2.2") == V(2));
	CHECK(look(t, "10.1.2.200") == V(4));
	CHECK(look(t, "10.1.2.127") == V(2));
	CHECK(look(t, "10.1.3.0") == V(1));
	CHECK(look(t, "10.255.255.255") == V(0));
	CHECK(look(t, "11.0.0.0") == miss);
	CHECK(look(t, "9.255.255.255") == miss);
	CHECK(look(t, "0.0.0.0") == miss);
	vp_lpm_free(t);
}

TEST(default_route)
{
	struct vp_lpm_entry e[] = {
		ENT("0.0.0.0/0", V(0)), ENT("192.168.0.0/16", V(1)),
		ENT("128.0.0.0/1", V(2)),
	};
	struct vp_lpm *t = vp_lpm_build(e, 3, NULL);

	CHECK(look(t, "1.2.3.4") == V(0));
	CHECK(look(t, "0.0.0.0") == V(0));
	CHECK(look(t, "127.255.255.255") == V(0));
	CHECK(look(t, "128.0.0.0") == V(2));
	CHECK(look(t, "255.255.255.255") == V(2));
	CHECK(look(t, "192.168.3.4") == V(1));
	/* The IPv4 default route does not cover IPv6. */
	CHECK(look(t, "::") == miss);
	CHECK(look(t, "2001:db8::1") == miss);
	vp_lpm_free(t);
}

TEST(v4_and_v6)
{
	struct vp_lpm_entry e[] = {
		ENT("::/0", V(10)), ENT("0.0.0.0/0", V(0)),
		ENT("2001:db8::/32", V(11)), ENT("32.1.13.184/29", V(1)),
		ENT("2001:db8:1::/48", V(12)), ENT("10.0.0.0/8", V(2)),
		ENT("a00::/8", V(13)),
	};
	struct vp_lpm *t = vp_lpm_build(e, 7, NULL);

	CHECK(t);
	/* 32.1.13.184 has the same leading bytes as 2001:db8::. */
	CHECK(look(t, "32.1.13.185") == V(1));
	CHECK(look(t, "32.1.13.192") == V(0));
	CHECK(look(t, "10.1.1.1") == V(2));
	CHECK(look(t, "2001:db8::1") == V(11));
	CHECK(look(t, "2001:db8:1::1") == V(12));
	CHECK(look(t, "2001:db8:2::1") == V(11));
	CHECK(look(t, "2001:db9::") == V(10));
	CHECK(look(t, "a00::1") == V(13));
	CHECK(look(t, "fe80::1") == V(10));
	/* Unknown family. */
	CHECK(!vp_lpm_lookup(t, 0, pfx("::").addr));
	CHECK(!vp_lpm_lookup(t, 5, pfx("::").addr));
	vp_lpm_free(t);
}

TEST(host_routes)
{
	struct vp_lpm_entry e[] = {
		ENT("192.0.2.1/32", V(0)), ENT("192.0.2.2/32", V(1)),
		ENT("2001:db8::1/128", V(2)), ENT("2001:db8::/128", V(3)),
		ENT("255.255.255.255/32", V(4)),
		ENT("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", V(5)),
	};
	struct vp_lpm *t = vp_lpm_build(e, 6, NULL);

	CHECK(look(t, "192.0.2.1") == V(0));
	CHECK(look(t, "192.0.2.2") == V(1));
	CHECK(look(t, "192.0.2.3") == miss);
	CHECK(look(t, "192.0.2.0") == miss);
	CHECK(look(t, "2001:db8::1") == V(2));
	CHECK(look(t, "2001:db8::") == V(3));
	CHECK(look(t, "2001:db8::2") == miss);
	CHECK(look(t, "2001:db8::1:0") == miss);
	CHECK(look(t, "255.255.255.255") == V(4));
	CHECK(look(t, "255.255.255.254") == miss);
	CHECK(look(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff") == V(5));
	CHECK(look(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe") == miss);
	vp_lpm_free(t);
}

TEST(null_value)
{
	struct vp_lpm_entry e[] = {
		ENT("10.0.0.0/8", V(0)), ENT("10.66.0.0/16", NULL),
		ENT("fd00::/8", NULL),
	};
	struct vp_lpm *t = vp_lpm_build(e, 3, NULL);
	const struct vp_lpm_entry *r;

	/* A blackhole entry is found and shadows the shorter route. */
	r = vp_lpm_lookup(t, VP_AF_INET, pfx("10.66.1.1").addr);
	CHECK(r);
	CHECK(r && !r->value);
	CHECK(r && r->prefix.len == 16);
	CHECK(look(t, "10.67.1.1") == V(0));
	r = vp_lpm_lookup(t, VP_AF_INET6, pfx("fd12::").addr);
	CHECK(r && !r->value && r->prefix.family == VP_AF_INET6);
	vp_lpm_free(t);
}

TEST(duplicates)
{
	struct vp_lpm_entry e[] = {
		ENT("10.0.0.0/8", V(0)), ENT("10.1.0.0/16", V(1)),
		ENT("2001:db8::/32", V(2)), ENT("10.0.0.0/8", V(3)),
	};
	struct vp_lpm_entry ok[] = {
		/* Same bytes, other length or family: not duplicates. */
		ENT("10.0.0.0/8", V(0)), ENT("10.0.0.0/16", V(1)),
		ENT("10.0.0.0/32", V(2)), ENT("a00::/8", V(3)),
	};
	int err = 0;
	struct vp_lpm *t;

	CHECK(!vp_lpm_build(e, 4, &err));
	CHECK_EQ(err, -EEXIST);
	e[3] = (struct vp_lpm_entry)ENT("2001:db8::/32", NULL);
	CHECK(!vp_lpm_build(e, 4, &err));
	CHECK_EQ(err, -EEXIST);
	CHECK(!vp_lpm_build(e, 4, NULL));
	t = vp_lpm_build(ok, 4, &err);
	CHECK(t);
	CHECK_EQ(err, 0);
	CHECK(look(t, "10.0.0.0") == V(2));
	CHECK(look(t, "10.0.0.1") == V(1));
	CHECK(look(t, "10.0.1.0") == V(1));
	CHECK(look(t, "10.1.0.0") == V(0));
	CHECK(look(t, "a00::") == V(3));
	vp_lpm_free(t);
}

TEST(invalid)
{
	struct vp_lpm_entry e[] = {
		ENT("10.0.0.0/8", V(0)), ENT("10.1.0.0/16", V(1)),
		ENT("10.0.0.0/8", V(2)),
	};
	int err = 0;

	/* Host bits set; reported before the duplicate. */
	e[1].prefix = pfx("10.1.0.1/16");
	CHECK(!vp_lpm_build(e, 3, &err));
	CHECK_EQ(err, -EINVAL);
	e[1].prefix = pfx("10.1.0.0/16");
	e[1].prefix.len = 33;
	CHECK(!vp_lpm_build(e, 2, &err));
	CHECK_EQ(err, -EINVAL);
	e[1].prefix = pfx("10.1.0.0/16");
	e[1].prefix.family = 0;
	CHECK(!vp_lpm_build(e, 2, &err));
	CHECK_EQ(err, -EINVAL);
	CHECK(!vp_lpm_build(e, 2, NULL));
	e[1].prefix = pfx("2001:db8::/32");
	e[1].prefix.len = 129;
	CHECK(!vp_lpm_build(e, 2, &err));
	CHECK_EQ(err, -EINVAL);
}

TEST(too_many)
{
	int err = 0;

	/* Rejected before the entries are read. */
	CHECK(!vp_lpm_build(NULL, VP_LPM_MAX_ENTRIES + 1, &err));
	CHECK_EQ(err, -ENOMEM);
	CHECK(!vp_lpm_build(NULL, (size_t)-1, &err));
	CHECK_EQ(err, -ENOMEM);
}

TEST(entry_order)
{
	struct vp_lpm_entry e[] = {
		ENT("2001:db8::/32", V(0)), ENT("10.0.0.0/16", V(1)),
		ENT("10.0.0.0/8", V(2)), ENT("::/0", V(3)),
		ENT("9.0.0.0/8", V(4)), ENT("0.0.0.0/0", V(5)),
		ENT("2001:db8::/48", V(6)),
	};
	void *order[] = { V(5), V(4), V(2), V(1), V(3), V(0), V(6) };
	struct vp_lpm *t = vp_lpm_build(e, 7, NULL);
	size_t i;

	CHECK_EQ(vp_lpm_count(t), 7);
	for (i = 0; i < 7; i++)
		CHECK(vp_lpm_entry_at(t, i)->value == order[i]);
	CHECK(!vp_lpm_entry_at(t, 7));
	/* The table holds its own copy of the entries. */
	memset(e, 0xff, sizeof(e));
	CHECK(look(t, "10.0.1.1") == V(1));
	CHECK(vp_lpm_entry_at(t, 0)->prefix.family == VP_AF_INET);
	vp_lpm_free(t);
}

/* Deterministic xorshift64 generator. */
static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void mask(u8 *a, unsigned int len)
{
	unsigned int i;

	for (i = len; i < 128; i++)
		a[i / 8] &= ~(0x80 >> (i % 8));
}

/* Random address, often close to a random entry's prefix. */
static void rnd_addr(const struct vp_lpm_entry *e, size_t n, u8 *family,
		     u8 *a)
{
	unsigned int i, from;

	for (i = 0; i < 16; i++)
		a[i] = rnd();
	if (n && rnd() % 4) {
		const struct vp_prefix *p = &e[rnd() % n].prefix;
		unsigned int bits = vp_family_bits(p->family);

		*family = p->family;
		/* Keep a random number of its leading bits, up to len + 2. */
		from = rnd() % (p->len + 3);
		memcpy(a, p->addr, 16);
		for (i = from; i < bits; i++)
			if (rnd() & 1)
				a[i / 8] ^= 0x80 >> (i % 8);
	} else {
		*family = rnd() & 1 ? VP_AF_INET : VP_AF_INET6;
	}
	if (*family == VP_AF_INET)
		memset(a + 4, 0, 12);
}

TEST(random_vs_brute_force)
{
	enum { N = 4000, LOOKUPS = 20000 };
	/* A few bases, so that the prefixes nest and share long paths. */
	static const char *const bases[] = {
		"10.0.0.0", "10.128.0.0", "192.168.0.0", "0.0.0.0",
		"2001:db8::", "2001:db8:8000::", "fd00::", "::",
	};
	struct vp_lpm_entry *e = calloc(N, sizeof(*e));
	const struct vp_lpm_entry *got, *want;
	size_t n = 0, i, j, mismatches = 0;
	struct vp_lpm *t;
	u8 a[16], family;
	int err;

	while (n < N) {
		struct vp_prefix p = pfx(bases[rnd() % 8]);
		unsigned int bits = vp_family_bits(p.family);

		/* Short, medium and full-length prefixes. */
		switch (rnd() % 4) {
		case 0:
			p.len = rnd() % (bits + 1);
			break;
		case 1:
			p.len = bits;
			break;
		default:
			p.len = bits / 4 + rnd() % (bits / 2);
		}
		for (i = 0; i < bits; i++)
			if (i >= 12 && rnd() % 3 == 0)
				p.addr[i / 8] ^= 0x80 >> (i % 8);
		mask(p.addr, p.len);
		for (j = 0; j < n; j++)
			if (!memcmp(&e[j].prefix, &p, sizeof(p)))
				break;
		if (j < n)
			continue;
		e[n].prefix = p;
		/* Every 10th entry is a blackhole. */
		e[n].value = n % 10 ? &e[n] : NULL;
		n++;
	}
	t = vp_lpm_build(e, n, &err);
	CHECK(t);
	if (!t)
		goto out;
	CHECK_EQ(vp_lpm_count(t), n);
	for (i = 1; i < n; i++) {
		const struct vp_prefix *p = &vp_lpm_entry_at(t, i - 1)->prefix;
		const struct vp_prefix *q = &vp_lpm_entry_at(t, i)->prefix;
		int c = memcmp(p->addr, q->addr, 16);

		CHECK(p->family < q->family || (p->family == q->family &&
		      (c < 0 || (c == 0 && p->len < q->len))));
	}
	for (i = 0; i < LOOKUPS; i++) {
		rnd_addr(e, n, &family, a);
		got = vp_lpm_lookup(t, family, a);
		want = brute(e, n, family, a);
		if (!got != !want || (got &&
		    (memcmp(&got->prefix, &want->prefix, sizeof(got->prefix)) ||
		     got->value != want->value)))
			mismatches++;
	}
	CHECK_EQ(mismatches, 0);
	vp_lpm_free(t);
out:
	free(e);
}

/* Prefixes /0 to /128 of one address, all in one chain. */
TEST(deep_chain)
{
	struct vp_lpm_entry e[129 + 33];
	struct vp_prefix p = pfx("2001:db8:aaaa:5555:ffff:0:1234:8001");
	struct vp_prefix q = pfx("203.0.113.77");
	const struct vp_lpm_entry *r;
	struct vp_lpm *t;
	unsigned int i;
	u8 a[16];

	for (i = 0; i <= 128; i++) {
		e[i].prefix = p;
		e[i].prefix.len = i;
		mask(e[i].prefix.addr, i);
		e[i].value = V(i % 32);
	}
	for (i = 0; i <= 32; i++) {
		e[129 + i].prefix = q;
		e[129 + i].prefix.len = i;
		mask(e[129 + i].prefix.addr, i);
		e[129 + i].value = NULL;
	}
	t = vp_lpm_build(e, 129 + 33, NULL);
	CHECK(t);
	/* Flipping bit i gives the /i prefix as the longest match. */
	for (i = 0; i < 128; i++) {
		memcpy(a, p.addr, 16);
		a[i / 8] ^= 0x80 >> (i % 8);
		r = vp_lpm_lookup(t, VP_AF_INET6, a);
		CHECK(r && r->prefix.len == i);
	}
	r = vp_lpm_lookup(t, VP_AF_INET6, p.addr);
	CHECK(r && r->prefix.len == 128);
	for (i = 0; i < 32; i++) {
		memcpy(a, q.addr, 4);
		a[i / 8] ^= 0x80 >> (i % 8);
		r = vp_lpm_lookup(t, VP_AF_INET, a);
		CHECK(r && r->prefix.len == i && r->prefix.family == 4);
	}
	vp_lpm_free(t);
}

static const struct tap_test tests[] = {
	TAP(empty),
	TAP(longest_wins),
	TAP(default_route),
	TAP(v4_and_v6),
	TAP(host_routes),
	TAP(null_value),
	TAP(duplicates),
	TAP(invalid),
	TAP(too_many),
	TAP(entry_order),
	TAP(random_vs_brute_force),
	TAP(deep_chain),
};

TAP_MAIN(tests)
