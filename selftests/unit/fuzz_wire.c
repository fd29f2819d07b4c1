// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: vp_hdr_parse(), vp_inner_parse(), vp_flow_parse() (on
 * the bytes present only, under ASan), and an lpm built from
 * the input whose lookups are compared with a linear scan. Run: make fuzz
 */
#include <stdio.h>

#include "lpm.h"
#include "lpm_ref.h"
#include "wire.h"

#define MAX_ENTRIES 64

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_wire: %s\n", what);
	abort();
}

static void fuzz_hdr(const u8 *data, size_t size)
{
	struct vp_hdr h;
	u8 kid, type;
	u32 idx;
	u64 ctr;

	if (vp_hdr_parse(data, size, &type, &idx, &ctr, &kid))
		return;
	if (size < VP_HDR_LEN + VP_TAG_LEN)
		fail("short header accepted");
	if (type != VP_MSG_DATA &&
	    (type != VP_MSG_CONTROL ||
	     size != VP_HDR_LEN + VP_CONTROL_LEN + VP_TAG_LEN))
		fail("a type other than data or a sized control accepted");
	vp_hdr_build(&h, type, kid, idx, ctr);
	if (memcmp(&h, data, VP_HDR_LEN))
		fail("header does not round-trip");
}

static void fuzz_inner(const u8 *data, size_t size)
{
	struct vp_inner in;
	struct vp_flow flow;
	u8 *part;
	size_t avail = size / 2;

	/* Half the packet present, in a buffer of exactly that size. */
	part = malloc(avail ? avail : 1);
	memcpy(part, data, avail);
	if (!vp_inner_parse(part, avail, size, &in) &&
	    (in.len > size || avail < (in.family == VP_AF_INET6 ? 40U : 20U)))
		fail("header parsed past the bytes present");
	if (!vp_flow_parse(part, avail, size, &flow) &&
	    flow.ip.family != in.family)
		fail("flow and inner parses disagree");
	free(part);
	if (vp_inner_parse(data, size, size, &in))
		return;
	if (in.len > size)
		fail("inner length past the data");
	if (in.family == VP_AF_INET) {
		if ((data[0] >> 4) != 4 || in.len < (data[0] & 15) * 4U ||
		    memcmp(in.src, data + 12, 4) || memcmp(in.dst, data + 16, 4))
			fail("bad IPv4 parse");
	} else if (in.family == VP_AF_INET6) {
		if ((data[0] >> 4) != 6 || in.len < 40 ||
		    memcmp(in.src, data + 8, 16) || memcmp(in.dst, data + 24, 16))
			fail("bad IPv6 parse");
	} else {
		fail("bad family");
	}
}

static void check_lookup(const struct vp_lpm *t, const struct vp_lpm_entry *e,
			 size_t n, u8 family, const u8 *a)
{
	const struct vp_lpm_entry *got = vp_lpm_lookup(t, family, a);
	const struct vp_lpm_entry *want = brute(e, n, family, a);

	if (!got != !want)
		fail("lookup found/missed wrongly");
	if (got && (memcmp(&got->prefix, &want->prefix, sizeof(got->prefix)) ||
		    got->value != want->value))
		fail("lookup returned the wrong entry");
}

/*
 * Each entry takes 6 bytes: flags, len, 4 address bytes. flags bit 0: IPv6
 * (the 4 bytes go to addr[0..1] and addr[14..15]); bit 1: keep raw, else
 * made valid; bit 2: NULL value. The rest of the input gives lookups.
 */
static void fuzz_lpm(const u8 *data, size_t size)
{
	struct vp_lpm_entry e[MAX_ENTRIES];
	size_t n = 0, i, j;
	int err, want_err = 0;
	struct vp_lpm *t;
	u8 a[16];

	memset(e, 0, sizeof(e));
	while (n < MAX_ENTRIES && size >= 6 && data[0] != 0xff) {
		struct vp_prefix *p = &e[n].prefix;
		unsigned int bits;

		p->family = data[0] & 1 ? VP_AF_INET6 : VP_AF_INET;
		bits = vp_family_bits(p->family);
		if (p->family == VP_AF_INET) {
			memcpy(p->addr, data + 2, 4);
		} else {
			memcpy(p->addr, data + 2, 2);
			memcpy(p->addr + 14, data + 4, 2);
		}
		p->len = data[1];
		if (!(data[0] & 2)) {
			p->len %= bits + 1;
			for (i = p->len; i < 128; i++)
				p->addr[i / 8] &= ~(0x80 >> (i % 8));
		}
		e[n].value = data[0] & 4 ? NULL : &e[n];
		data += 6;
		size -= 6;
		n++;
	}
	if (size) {	/* skip the 0xff terminator */
		data++;
		size--;
	}

	for (i = 0; i < n && !want_err; i++)
		if (vp_prefix_check(&e[i].prefix))
			want_err = -EINVAL;
	for (i = 0; i < n && !want_err; i++)
		for (j = 0; j < i; j++)
			if (!memcmp(&e[i].prefix, &e[j].prefix,
				    sizeof(e[i].prefix)))
				want_err = -EEXIST;

	t = vp_lpm_build(e, n, &err);
	if (err != want_err || !t != !!want_err)
		fail("unexpected build result");
	if (!t)
		return;
	if (vp_lpm_count(t) != n)
		fail("bad count");

	/* Every entry's own address, and its neighbours at each bit. */
	for (i = 0; i < n; i++) {
		const struct vp_prefix *p = &e[i].prefix;
		unsigned int bits = vp_family_bits(p->family), b;

		check_lookup(t, e, n, p->family, p->addr);
		for (b = 0; b < bits; b += 1 + b / 16) {
			memcpy(a, p->addr, 16);
			a[b / 8] ^= 0x80 >> (b % 8);
			check_lookup(t, e, n, p->family, a);
		}
	}
	/* Addresses from the rest of the input. */
	while (size >= 5) {
		memset(a, 0, sizeof(a));
		if (data[0] & 1) {
			memcpy(a, data + 1, 2);
			memcpy(a + 14, data + 3, 2);
			check_lookup(t, e, n, VP_AF_INET6, a);
		} else {
			memcpy(a, data + 1, 4);
			check_lookup(t, e, n, VP_AF_INET, a);
		}
		data += 5;
		size -= 5;
	}
	vp_lpm_free(t);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	fuzz_hdr(data, size);
	fuzz_inner(data, size);
	fuzz_lpm(data, size);
	return 0;
}
