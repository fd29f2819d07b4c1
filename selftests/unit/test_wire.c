// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "prefix.h"
#include "wire.h"
#include "tap.h"

/* Copy of the first len bytes of src in a buffer of exactly len bytes. */
static u8 *dup_exact(const void *src, size_t len)
{
	u8 *p = malloc(len ? len : 1);

	memcpy(p, src, len);
	return p;
}

static u8 parsed_type;

static int parse_hdr(const u8 *src, size_t len, u32 *idx, u64 *ctr, u8 *kid)
{
	u8 *buf = dup_exact(src, len);
	int ret = vp_hdr_parse(buf, len, &parsed_type, idx, ctr, kid);

	free(buf);
	return ret;
}

/* The packet is len bytes, of which only the first avail are present. */
static int parse_partial(const void *src, size_t avail, size_t len,
			 struct vp_inner *out)
{
	u8 *buf = dup_exact(src, avail);
	int ret = vp_inner_parse(buf, avail, len, out);

	free(buf);
	return ret;
}

static int parse_inner(const void *src, size_t len, struct vp_inner *out)
{
	return parse_partial(src, len, len, out);
}

static const u8 hdr_bytes[16] = {
	0x02, 0x01, 0x07, 0x00, 0xde, 0xad, 0xbe, 0xef,
	0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
};

TEST(hdr_layout)
{
	CHECK_EQ(VP_HDR_LEN, 16);
	CHECK_EQ(offsetof(struct vp_hdr, key_id), 2);
	CHECK_EQ(offsetof(struct vp_hdr, receiver_index), 4);
	CHECK_EQ(offsetof(struct vp_hdr, counter), 8);
}

TEST(hdr_build_bytes)
{
	u8 buf[1 + 16 + 16];
	struct vp_hdr *h = (struct vp_hdr *)(buf + 1);	/* unaligned */

	memset(buf, 0xaa, sizeof(buf));
	vp_hdr_build(h, VP_MSG_DATA, 7, 0xdeadbeef, 0x1122334455667788ULL);
	CHECK(!memcmp(buf + 1, hdr_bytes, 16));
	CHECK_EQ(buf[0], 0xaa);
	CHECK_EQ(buf[17], 0xaa);
}

TEST(hdr_round_trip)
{
	static const struct { u8 kid; u32 idx; u64 ctr; } v[] = {
		{ 0, 0, 0 }, { 255, 0xffffffff, 0xffffffffffffffffULL },
		{ 1, 0x01020304, 0x0102030405060708ULL }, { 9, 1, 1ULL << 63 },
	};
	u8 pkt[VP_HDR_LEN + VP_TAG_LEN + 3];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		u32 idx = 0;
		u64 ctr = 0;
		u8 kid = 0;

		memset(pkt, 0x5c, sizeof(pkt));
		vp_hdr_build((struct vp_hdr *)(pkt + 3), VP_MSG_DATA, v[i].kid,
			     v[i].idx, v[i].ctr);
		CHECK_EQ(parse_hdr(pkt + 3, VP_HDR_LEN + VP_TAG_LEN, &idx,
				   &ctr, &kid), 0);
		CHECK(idx == v[i].idx);
		CHECK(ctr == v[i].ctr);
		CHECK(kid == v[i].kid);
	}
}

TEST(hdr_parse)
{
	u8 pkt[64];
	u32 idx = 1;
	u64 ctr = 2;
	u8 kid = 3;

	memset(pkt, 0, sizeof(pkt));
	memcpy(pkt, hdr_bytes, 16);
	CHECK_EQ(parse_hdr(pkt, 32, &idx, &ctr, &kid), 0);
	CHECK(idx == 0xdeadbeef);
	CHECK(ctr == 0x1122334455667788ULL);
	CHECK_EQ(kid, 7);
	CHECK_EQ(parse_hdr(pkt, 64, &idx, &ctr, &kid), 0);

	/* Too short for header + tag; outputs untouched on error. */
	idx = 1;
	ctr = 2;
	kid = 3;
	CHECK_EQ(parse_hdr(pkt, 31, &idx, &ctr, &kid), -EINVAL);
	CHECK_EQ(parse_hdr(pkt, 16, &idx, &ctr, &kid), -EINVAL);
	CHECK_EQ(parse_hdr(pkt, 1, &idx, &ctr, &kid), -EINVAL);
	CHECK_EQ(parse_hdr(pkt, 0, &idx, &ctr, &kid), -EINVAL);
	CHECK(idx == 1 && ctr == 2 && kid == 3);

	/* Version 1 (static keys) is another protocol now. */
	pkt[0] = 1;
	CHECK_EQ(parse_hdr(pkt, 32, &idx, &ctr, &kid), -EPROTONOSUPPORT);
	pkt[0] = 0;
	CHECK_EQ(parse_hdr(pkt, 32, &idx, &ctr, &kid), -EPROTONOSUPPORT);
	pkt[0] = 0xff;
	CHECK_EQ(parse_hdr(pkt, 32, &idx, &ctr, &kid), -EPROTONOSUPPORT);
	pkt[0] = 2;
	pkt[1] = 0;
	CHECK_EQ(parse_hdr(pkt, 32, &idx, &ctr, &kid), -EINVAL);
	/* Handshake messages are not data: they are parsed elsewhere. */
	pkt[1] = VP_MSG_HS_INIT;
	CHECK_EQ(parse_hdr(pkt, 32, &idx, &ctr, &kid), -EINVAL);
	pkt[1] = VP_MSG_HS_RESP;
	CHECK_EQ(parse_hdr(pkt, 32, &idx, &ctr, &kid), -EINVAL);
	pkt[1] = 5;
	CHECK_EQ(parse_hdr(pkt, 32, &idx, &ctr, &kid), -EINVAL);
	/* A control message has exactly its 4 bytes. */
	pkt[1] = VP_MSG_CONTROL;
	CHECK_EQ(parse_hdr(pkt, 32, &idx, &ctr, &kid), -EINVAL);
	CHECK_EQ(parse_hdr(pkt, 37, &idx, &ctr, &kid), -EINVAL);
	CHECK_EQ(parse_hdr(pkt, 36, &idx, &ctr, &kid), 0);
	CHECK_EQ(parsed_type, VP_MSG_CONTROL);
	pkt[1] = VP_MSG_DATA;
	idx = 1;
	ctr = 2;
	kid = 3;
	pkt[3] = 0x80;
	CHECK_EQ(parse_hdr(pkt, 32, &idx, &ctr, &kid), -EINVAL);
	CHECK(idx == 1 && ctr == 2 && kid == 3);
	pkt[3] = 0;
	CHECK_EQ(parse_hdr(pkt, 32, &idx, &ctr, &kid), 0);
	CHECK_EQ(parsed_type, VP_MSG_DATA);
}

/* 192.0.2.1 -> 198.51.100.7, UDP, tot_len 28, no options. */
static const u8 v4_pkt[28] = {
	0x45, 0x00, 0x00, 0x1c, 0x12, 0x34, 0x40, 0x00,
	0x40, 0x11, 0x00, 0x00, 0xc0, 0x00, 0x02, 0x01,
	0xc6, 0x33, 0x64, 0x07,
	0x04, 0xd2, 0x16, 0x2e, 0x00, 0x08, 0x00, 0x00,
};

TEST(inner_v4)
{
	static const u8 src[16] = { 192, 0, 2, 1 }, dst[16] = { 198, 51, 100, 7 };
	struct vp_inner in;
	u8 p[64];

	memset(&in, 0x77, sizeof(in));
	CHECK_EQ(parse_inner(v4_pkt, 28, &in), 0);
	CHECK_EQ(in.family, VP_AF_INET);
	CHECK(!memcmp(in.src, src, 16));
	CHECK(!memcmp(in.dst, dst, 16));
	CHECK_EQ(in.len, 28);

	/* Trailing bytes beyond tot_len are allowed. */
	memset(p, 0xee, sizeof(p));
	memcpy(p, v4_pkt, 28);
	CHECK_EQ(parse_inner(p, 64, &in), 0);
	CHECK_EQ(in.len, 28);

	/* A bare header: tot_len == ihl * 4 == len. */
	memcpy(p, v4_pkt, 20);
	p[3] = 20;
	CHECK_EQ(parse_inner(p, 20, &in), 0);
	CHECK_EQ(in.len, 20);
}

TEST(inner_v4_options)
{
	/* ihl 6: one word of options (NOP NOP NOP EOL), tot_len 24. */
	static const u8 pkt[24] = {
		0x46, 0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00,
		0x40, 0x01, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01,
		0x0a, 0x00, 0x00, 0x02, 0x01, 0x01, 0x01, 0x00,
	};
	struct vp_inner in;
	u8 p[60];

	CHECK_EQ(parse_inner(pkt, 24, &in), 0);
	CHECK_EQ(in.len, 24);
	CHECK_EQ(in.src[3], 1);
	CHECK_EQ(in.dst[3], 2);
	/* tot_len 20 < ihl * 4 = 24. */
	memcpy(p, pkt, 24);
	p[3] = 20;
	CHECK_EQ(parse_inner(p, 24, &in), -EINVAL);
	/* ihl 15, 60 bytes of header: tot_len must be >= 60. */
	memset(p, 0, sizeof(p));
	memcpy(p, pkt, 20);
	p[0] = 0x4f;
	p[3] = 60;
	CHECK_EQ(parse_inner(p, 60, &in), 0);
	CHECK_EQ(in.len, 60);
	p[3] = 59;
	CHECK_EQ(parse_inner(p, 60, &in), -EINVAL);
	/* ihl 15 but only 40 bytes there. */
	p[3] = 60;
	CHECK_EQ(parse_inner(p, 40, &in), -EINVAL);
}

TEST(inner_v4_malformed)
{
	struct vp_inner in;
	u8 p[28];
	int ihl;

	/* ihl below 5. */
	for (ihl = 0; ihl < 5; ihl++) {
		memcpy(p, v4_pkt, 28);
		p[0] = 0x40 | ihl;
		CHECK_EQ(parse_inner(p, 28, &in), -EINVAL);
	}
	/* tot_len beyond the data. */
	memcpy(p, v4_pkt, 28);
	CHECK_EQ(parse_inner(p, 27, &in), -EINVAL);
	p[3] = 29;
	CHECK_EQ(parse_inner(p, 28, &in), -EINVAL);
	p[2] = 0xff;
	p[3] = 0xff;
	CHECK_EQ(parse_inner(p, 28, &in), -EINVAL);
	/* tot_len below the header. */
	p[2] = 0;
	p[3] = 19;
	CHECK_EQ(parse_inner(p, 28, &in), -EINVAL);
	p[3] = 0;
	CHECK_EQ(parse_inner(p, 28, &in), -EINVAL);
	/* Shorter than a bare header, even if tot_len agrees. */
	memcpy(p, v4_pkt, 28);
	p[3] = 19;
	CHECK_EQ(parse_inner(p, 19, &in), -EINVAL);
	CHECK_EQ(parse_inner(p, 1, &in), -EINVAL);
	CHECK_EQ(parse_inner(p, 0, &in), -EINVAL);
	/* Other versions. */
	memcpy(p, v4_pkt, 28);
	p[0] = 0x55;
	CHECK_EQ(parse_inner(p, 28, &in), -EINVAL);
	p[0] = 0x05;
	CHECK_EQ(parse_inner(p, 28, &in), -EINVAL);
	p[0] = 0xf5;
	CHECK_EQ(parse_inner(p, 28, &in), -EINVAL);
}

/* 2001:db8::1 -> 2001:db8::2, UDP, 8 bytes of payload. */
static const u8 v6_pkt[48] = {
	0x60, 0x00, 0x00, 0x00, 0x00, 0x08, 0x11, 0x40,
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
	0x04, 0xd2, 0x16, 0x2e, 0x00, 0x08, 0x00, 0x00,
};

TEST(inner_v6)
{
	struct vp_inner in;
	u8 *big;

	CHECK_EQ(parse_inner(v6_pkt, 48, &in), 0);
	CHECK_EQ(in.family, VP_AF_INET6);
	CHECK(!memcmp(in.src, v6_pkt + 8, 16));
	CHECK(!memcmp(in.dst, v6_pkt + 24, 16));
	CHECK_EQ(in.src[15], 1);
	CHECK_EQ(in.dst[15], 2);
	CHECK_EQ(in.len, 48);

	/* Header only, payload_len 0. */
	big = calloc(1, 40 + 65535);
	memcpy(big, v6_pkt, 40);
	big[5] = 0;
	CHECK_EQ(parse_inner(big, 40, &in), 0);
	CHECK_EQ(in.len, 40);
	/* Largest payload_len: the total does not fit in 16 bits. */
	big[4] = 0xff;
	big[5] = 0xff;
	CHECK_EQ(parse_inner(big, 40 + 65535, &in), 0);
	CHECK_EQ(in.len, 40 + 65535);
	CHECK_EQ(parse_inner(big, 40 + 65534, &in), -EINVAL);
	free(big);
}

TEST(inner_v6_malformed)
{
	struct vp_inner in;
	u8 p[48];

	/* Short header. */
	CHECK_EQ(parse_inner(v6_pkt, 39, &in), -EINVAL);
	CHECK_EQ(parse_inner(v6_pkt, 8, &in), -EINVAL);
	CHECK_EQ(parse_inner(v6_pkt, 1, &in), -EINVAL);
	/* payload_len beyond the data. */
	CHECK_EQ(parse_inner(v6_pkt, 47, &in), -EINVAL);
	CHECK_EQ(parse_inner(v6_pkt, 40, &in), -EINVAL);
	memcpy(p, v6_pkt, 48);
	p[5] = 9;
	CHECK_EQ(parse_inner(p, 48, &in), -EINVAL);
	p[4] = 1;
	p[5] = 8;
	CHECK_EQ(parse_inner(p, 48, &in), -EINVAL);
	/* Version 6 in an IPv4-looking header and vice versa. */
	memcpy(p, v4_pkt, 28);
	p[0] = 0x65;
	CHECK_EQ(parse_inner(p, 28, &in), -EINVAL);
	memcpy(p, v6_pkt, 48);
	p[0] = 0x40;
	CHECK_EQ(parse_inner(p, 48, &in), -EINVAL);
	p[0] = 0x70;
	CHECK_EQ(parse_inner(p, 48, &in), -EINVAL);
}

TEST(inner_hdr_len)
{
	CHECK_EQ(vp_inner_hdr_len(0x45), 20);
	CHECK_EQ(vp_inner_hdr_len(0x46), 24);
	CHECK_EQ(vp_inner_hdr_len(0x4f), 60);
	CHECK_EQ(vp_inner_hdr_len(0x44), 0);
	CHECK_EQ(vp_inner_hdr_len(0x40), 0);
	CHECK_EQ(vp_inner_hdr_len(0x60), 40);
	CHECK_EQ(vp_inner_hdr_len(0x6f), 40);
	CHECK_EQ(vp_inner_hdr_len(0x00), 0);
	CHECK_EQ(vp_inner_hdr_len(0x55), 0);
	CHECK_EQ(vp_inner_hdr_len(0xff), 0);
}

/*
 * Only the bytes present are read (the buffers are exactly avail bytes, so
 * ASan sees any read past them), and the header must be among them however
 * long the packet says it is.
 */
TEST(inner_partial)
{
	struct vp_inner in;
	u8 p[24];
	size_t avail;

	for (avail = 0; avail < 20; avail++)
		CHECK_EQ(parse_partial(v4_pkt, avail, 28, &in), -EINVAL);
	CHECK_EQ(parse_partial(v4_pkt, 20, 28, &in), 0);
	CHECK_EQ(in.len, 28);
	CHECK_EQ(in.dst[3], 7);
	/* IPv4 options are part of the header. */
	memcpy(p, v4_pkt, 20);
	p[0] = 0x46;
	p[3] = 24;
	memset(p + 20, 1, 4);
	CHECK_EQ(parse_partial(p, 20, 24, &in), -EINVAL);
	CHECK_EQ(parse_partial(p, 23, 24, &in), -EINVAL);
	CHECK_EQ(parse_partial(p, 24, 24, &in), 0);
	/* IPv6 with 20 bytes there: the destination is not. */
	for (avail = 0; avail < 40; avail++)
		CHECK_EQ(parse_partial(v6_pkt, avail, 48, &in), -EINVAL);
	CHECK_EQ(parse_partial(v6_pkt, 40, 48, &in), 0);
	CHECK_EQ(in.len, 48);
	CHECK_EQ(in.dst[15], 2);
	/* More present than the packet holds: the packet length rules. */
	CHECK_EQ(vp_inner_parse(v6_pkt, 48, 47, &in), -EINVAL);
	CHECK_EQ(vp_inner_parse(v4_pkt, 28, 19, &in), -EINVAL);
}

TEST(inner_dsfield)
{
	struct vp_inner in;
	u8 p[48];

	memcpy(p, v4_pkt, 28);
	p[1] = 0x8b;	/* AF41, CE */
	CHECK_EQ(parse_inner(p, 28, &in), 0);
	CHECK_EQ(in.dsfield, 0x8b);
	memcpy(p, v6_pkt, 48);
	p[0] = 0x68;	/* traffic class 0x8a across the first two bytes */
	p[1] = 0xa5;	/* flow label bits follow */
	CHECK_EQ(parse_inner(p, 48, &in), 0);
	CHECK_EQ(in.family, VP_AF_INET6);
	CHECK_EQ(in.dsfield, 0x8a);
	CHECK_EQ(parse_inner(v6_pkt, 48, &in), 0);
	CHECK_EQ(in.dsfield, 0);
}

static int parse_flow(const void *src, size_t avail, size_t len,
		      struct vp_flow *out)
{
	u8 *buf = dup_exact(src, avail);
	int ret = vp_flow_parse(buf, avail, len, out);

	free(buf);
	return ret;
}

/* UDP 1234 -> 5678 in both test packets. */
TEST(flow_ports)
{
	struct vp_flow f;
	u8 p[48];

	memset(&f, 0x77, sizeof(f));
	CHECK_EQ(parse_flow(v4_pkt, 28, 28, &f), 0);
	CHECK_EQ(f.ip.family, VP_AF_INET);
	CHECK_EQ(f.ip.dst[3], 7);
	CHECK_EQ(f.proto, 17);
	CHECK_EQ(f.sport, 1234);
	CHECK_EQ(f.dport, 5678);
	CHECK_EQ(parse_flow(v6_pkt, 48, 48, &f), 0);
	CHECK_EQ(f.ip.family, VP_AF_INET6);
	CHECK_EQ(f.proto, 17);
	CHECK_EQ(f.sport, 1234);
	CHECK_EQ(f.dport, 5678);
	/* TCP and SCTP: the same two ports first. */
	memcpy(p, v4_pkt, 28);
	p[9] = 6;
	CHECK_EQ(parse_flow(p, 28, 28, &f), 0);
	CHECK_EQ(f.proto, 6);
	CHECK_EQ(f.dport, 5678);
	p[9] = 132;
	CHECK_EQ(parse_flow(p, 28, 28, &f), 0);
	CHECK_EQ(f.sport, 1234);
	/* ICMP echo request: type 8, code 0; ICMPv6 echo: 128. */
	p[9] = 1;
	p[20] = 8;
	p[21] = 0;
	CHECK_EQ(parse_flow(p, 28, 28, &f), 0);
	CHECK_EQ(f.sport, 8);
	CHECK_EQ(f.dport, 0);
	memcpy(p, v6_pkt, 48);
	p[6] = 58;
	p[40] = 128;
	CHECK_EQ(parse_flow(p, 48, 48, &f), 0);
	CHECK_EQ(f.proto, 58);
	CHECK_EQ(f.sport, 128);
	/* ICMPv6's number in IPv4 (and ICMP's in IPv6) is no ICMP. */
	p[6] = 1;
	CHECK_EQ(parse_flow(p, 48, 48, &f), 0);
	CHECK_EQ(f.sport, 0);
	/* Another protocol: no ports. */
	p[6] = 47;
	CHECK_EQ(parse_flow(p, 48, 48, &f), 0);
	CHECK_EQ(f.proto, 47);
	CHECK_EQ(f.sport, 0);
	CHECK_EQ(f.dport, 0);
}

TEST(flow_partial)
{
	struct vp_flow f;
	u8 p[28];
	size_t avail;

	/* The IP header alone: the flow's addresses, no ports. */
	for (avail = 20; avail < 24; avail++) {
		CHECK_EQ(parse_flow(v4_pkt, avail, 28, &f), 0);
		CHECK_EQ(f.proto, 17);
		CHECK_EQ(f.sport, 0);
	}
	CHECK_EQ(parse_flow(v4_pkt, 24, 28, &f), 0);
	CHECK_EQ(f.dport, 5678);
	for (avail = 40; avail < 44; avail++) {
		CHECK_EQ(parse_flow(v6_pkt, avail, 48, &f), 0);
		CHECK_EQ(f.sport, 0);
	}
	/* A packet whose IP header says it ends before its ports. */
	memcpy(p, v4_pkt, 28);
	p[3] = 22;
	CHECK_EQ(parse_flow(p, 28, 28, &f), 0);
	CHECK_EQ(f.sport, 0);
	/* A later fragment: its first bytes are no ports. */
	memcpy(p, v4_pkt, 28);
	p[6] = 0x00;
	p[7] = 0x10;
	CHECK_EQ(parse_flow(p, 28, 28, &f), 0);
	CHECK_EQ(f.proto, 17);
	CHECK_EQ(f.sport, 0);
	/* The first fragment (more fragments, offset 0) has them. */
	p[6] = 0x20;
	p[7] = 0x00;
	CHECK_EQ(parse_flow(p, 28, 28, &f), 0);
	CHECK_EQ(f.sport, 1234);
	/* Not IP at all: nothing, and every field zero. */
	memset(p, 0, sizeof(p));
	memset(&f, 0x77, sizeof(f));
	CHECK_EQ(parse_flow(p, 28, 28, &f), -EINVAL);
	CHECK_EQ(f.ip.family, 0);
	CHECK_EQ(f.proto, 0);
	CHECK_EQ(f.sport, 0);
}

static const struct tap_test tests[] = {
	TAP(hdr_layout),
	TAP(hdr_build_bytes),
	TAP(hdr_round_trip),
	TAP(hdr_parse),
	TAP(inner_v4),
	TAP(inner_v4_options),
	TAP(inner_v4_malformed),
	TAP(inner_v6),
	TAP(inner_v6_malformed),
	TAP(inner_hdr_len),
	TAP(inner_partial),
	TAP(inner_dsfield),
	TAP(flow_ports),
	TAP(flow_partial),
};

TAP_MAIN(tests)
