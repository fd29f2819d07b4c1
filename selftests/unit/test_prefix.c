// SPDX-License-Identifier: GPL-2.0
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>

#include "prefix.h"
#include "pfx.h"
#include "tap.h"

static const u8 *addr(const char *s)
{
	static u8 a[16];
	struct vp_prefix p = pfx(s);

	memcpy(a, p.addr, 16);
	return a;
}

TEST(check_valid)
{
	const char *ok[] = {
		"0.0.0.0/0", "10.0.0.0/8", "10.128.0.0/9", "10.1.2.3/32",
		"192.168.1.0/24", "::/0", "2001:db8::/32", "fe80::/10",
		"2001:db8::1/128", "2001:db8::/127", "2001:db8::2/127",
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct vp_prefix p = pfx(ok[i]);

		CHECK_EQ(vp_prefix_check(&p), 0);
	}
}

TEST(check_invalid)
{
	const char *bad[] = {
		"10.0.0.1/8", "10.64.0.0/9", "0.0.0.1/0", "128.0.0.0/0",
		"10.1.2.3/31", "2001:db8::1/127", "2001:db8::/15", "::1/0",
	};
	struct vp_prefix p;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = pfx(bad[i]);
		CHECK_EQ(vp_prefix_check(&p), -EINVAL);
	}
	p = pfx("10.0.0.0/32");
	p.len = 33;
	CHECK_EQ(vp_prefix_check(&p), -EINVAL);
	p = pfx("::/128");
	p.len = 129;
	CHECK_EQ(vp_prefix_check(&p), -EINVAL);
	p.len = 255;
	CHECK_EQ(vp_prefix_check(&p), -EINVAL);
	/* Unknown families. */
	p = pfx("10.0.0.0/8");
	p.family = 0;
	CHECK_EQ(vp_prefix_check(&p), -EINVAL);
	p.family = 5;
	CHECK_EQ(vp_prefix_check(&p), -EINVAL);
	p.family = 2;	/* AF_INET is not VP_AF_INET */
	CHECK_EQ(vp_prefix_check(&p), -EINVAL);
	/* IPv4 must leave addr[4..15] zero, even for /32. */
	p = pfx("10.0.0.0/32");
	p.addr[4] = 1;
	CHECK_EQ(vp_prefix_check(&p), -EINVAL);
	p = pfx("10.0.0.0/32");
	p.addr[15] = 0x80;
	CHECK_EQ(vp_prefix_check(&p), -EINVAL);
}

TEST(contains)
{
	struct vp_prefix p8 = pfx("10.0.0.0/8"), p16 = pfx("10.1.0.0/16");
	struct vp_prefix p32 = pfx("10.1.2.3/32"), any4 = pfx("0.0.0.0/0");
	struct vp_prefix any6 = pfx("::/0"), lo9 = pfx("10.0.0.0/9");
	struct vp_prefix hi9 = pfx("10.128.0.0/9"), d32 = pfx("2001:db8::/32");
	struct vp_prefix d48 = pfx("2001:db8:1::/48"), o48 = pfx("2001:db9::/48");

	CHECK(vp_prefix_contains(&p8, &p16));
	CHECK(vp_prefix_contains(&p8, &p32));
	CHECK(vp_prefix_contains(&p16, &p32));
	CHECK(!vp_prefix_contains(&p16, &p8));
	CHECK(!vp_prefix_contains(&p32, &p16));
	CHECK(vp_prefix_contains(&p16, &p16));
	CHECK(vp_prefix_contains(&any4, &p32));
	CHECK(vp_prefix_contains(&any4, &any4));
	CHECK(!vp_prefix_contains(&any4, &d32));
	CHECK(!vp_prefix_contains(&any6, &p8));
	CHECK(vp_prefix_contains(&any6, &d48));
	CHECK(vp_prefix_contains(&p8, &lo9));
	CHECK(vp_prefix_contains(&p8, &hi9));
	CHECK(!vp_prefix_contains(&lo9, &hi9));
	CHECK(!vp_prefix_contains(&hi9, &lo9));
	CHECK(!vp_prefix_contains(&hi9, &p16));
	CHECK(vp_prefix_contains(&lo9, &p16));
	CHECK(vp_prefix_contains(&d32, &d48));
	CHECK(!vp_prefix_contains(&d32, &o48));
}

TEST(has_addr)
{
	struct vp_prefix p8 = pfx("10.0.0.0/8"), h = pfx("10.1.2.3/32");
	struct vp_prefix any4 = pfx("0.0.0.0/0"), any6 = pfx("::/0");
	struct vp_prefix d = pfx("2001:db8::/33"), h6 = pfx("2001:db8::1");

	CHECK(vp_prefix_has_addr(&p8, VP_AF_INET, addr("10.255.1.1")));
	CHECK(vp_prefix_has_addr(&p8, VP_AF_INET, addr("10.0.0.0")));
	CHECK(!vp_prefix_has_addr(&p8, VP_AF_INET, addr("11.0.0.1")));
	CHECK(!vp_prefix_has_addr(&p8, VP_AF_INET, addr("9.255.255.255")));
	CHECK(!vp_prefix_has_addr(&p8, VP_AF_INET6, addr("a00::")));
	CHECK(vp_prefix_has_addr(&h, VP_AF_INET, addr("10.1.2.3")));
	CHECK(!vp_prefix_has_addr(&h, VP_AF_INET, addr("10.1.2.2")));
	CHECK(vp_prefix_has_addr(&any4, VP_AF_INET, addr("255.255.255.255")));
	CHECK(!vp_prefix_has_addr(&any4, VP_AF_INET6, addr("::")));
	CHECK(vp_prefix_has_addr(&any6, VP_AF_INET6, addr("ffff::1")));
	CHECK(vp_prefix_has_addr(&d, VP_AF_INET6, addr("2001:db8:7fff::1")));
	CHECK(!vp_prefix_has_addr(&d, VP_AF_INET6, addr("2001:db8:8000::")));
	CHECK(vp_prefix_has_addr(&h6, VP_AF_INET6, addr("2001:db8::1")));
	CHECK(!vp_prefix_has_addr(&h6, VP_AF_INET6, addr("2001:db8::3")));
}

TEST(overlap)
{
	struct vp_prefix a = pfx("10.0.0.0/8"), b = pfx("10.9.0.0/16");
	struct vp_prefix c = pfx("11.0.0.0/8"), d = pfx("10.0.0.0/7");
	struct vp_prefix e = pfx("a00::/8");

	CHECK(vp_prefix_overlap(&a, &b));
	CHECK(vp_prefix_overlap(&b, &a));
	CHECK(vp_prefix_overlap(&a, &a));
	CHECK(!vp_prefix_overlap(&a, &c));
	CHECK(!vp_prefix_overlap(&c, &b));
	CHECK(vp_prefix_overlap(&d, &c));
	CHECK(vp_prefix_overlap(&c, &d));
	/* Same bytes, other family. */
	CHECK(!vp_prefix_overlap(&a, &e));
}

TEST(sets_overlap)
{
	struct vp_prefix a[] = {
		pfx("192.168.0.0/16"), pfx("10.0.0.0/16"), pfx("10.2.0.0/16"),
	};
	struct vp_prefix b[] = {
		pfx("172.16.0.0/12"), pfx("10.2.3.0/24"), pfx("10.0.0.0/8"),
	};
	struct vp_prefix c[] = { pfx("10.1.0.0/16"), pfx("fd00::/8") };
	size_t ia = 99, ib = 99;

	/* a[1] overlaps b[2] first; a[2] overlaps b[1] too, later. */
	CHECK(vp_prefixes_overlap(a, 3, b, 3, &ia, &ib));
	CHECK_EQ(ia, 1);
	CHECK_EQ(ib, 2);
	CHECK(vp_prefixes_overlap(b, 3, a, 3, &ia, &ib));
	CHECK_EQ(ia, 1);
	CHECK_EQ(ib, 2);
	ia = 99;
	ib = 99;
	CHECK(!vp_prefixes_overlap(a, 3, c, 2, &ia, &ib));
	CHECK_EQ(ia, 99);
	CHECK_EQ(ib, 99);
	CHECK(vp_prefixes_overlap(b, 3, c, 2, NULL, NULL));
	CHECK(!vp_prefixes_overlap(a, 0, b, 3, &ia, &ib));
	CHECK(!vp_prefixes_overlap(a, 3, b, 0, &ia, &ib));
	CHECK(!vp_prefixes_overlap(NULL, 0, NULL, 0, NULL, NULL));
	/* Within one set. */
	CHECK(vp_prefixes_overlap(b, 3, b, 3, &ia, &ib));
	CHECK_EQ(ia, 0);
	CHECK_EQ(ib, 0);
}

TEST(family_bits)
{
	CHECK_EQ(vp_family_bits(VP_AF_INET), 32);
	CHECK_EQ(vp_family_bits(VP_AF_INET6), 128);
	CHECK_EQ(vp_family_bits(0), 0);
	CHECK_EQ(vp_family_bits(10), 0);
}

static const struct tap_test tests[] = {
	TAP(check_valid),
	TAP(check_invalid),
	TAP(contains),
	TAP(has_addr),
	TAP(overlap),
	TAP(sets_overlap),
	TAP(family_bits),
};

TAP_MAIN(tests)
