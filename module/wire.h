/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_WIRE_H
#define _VP_WIRE_H

#include "pure.h"

/* 2: sessions (Documentation/sessions.rst); 1 had static keys. */
#define VP_WIRE_VERSION	2

/* The second byte of every datagram. */
enum {
	VP_MSG_DATA = 1,	/* an inner packet; empty: a keepalive */
	VP_MSG_HS_INIT = 2,	/* handshake.h */
	VP_MSG_HS_RESP = 3,
	VP_MSG_CONTROL = 4,	/* 4 bytes: opcode, reason, 0, 0 */
};

enum {
	VP_CONTROL_TEARDOWN = 1,	/* the sender deleted the peering */
	VP_CONTROL_REJECT = 2,		/* the sender's check failed: reason */
};

#define VP_CONTROL_LEN	4

/*
 * Outer header of a data or control message, followed by the ciphertext
 * under the session's keys and the tag; the header is the associated
 * data.
 */
struct vp_hdr {
	u8 version;		/* VP_WIRE_VERSION */
	u8 type;		/* VP_MSG_DATA or VP_MSG_CONTROL */
	u8 key_id;
	u8 reserved;		/* zero */
	__be32 receiver_index;
	__be64 counter;
} __packed;

static_assert(sizeof(struct vp_hdr) == 16, "vp_hdr must be 16 bytes");

#define VP_TAG_LEN	16
#define VP_HDR_LEN	sizeof(struct vp_hdr)

void vp_hdr_build(struct vp_hdr *h, u8 type, u8 key_id, u32 receiver_index,
		  u64 counter);

/*
 * Validates a received UDP payload of len bytes: len >= VP_HDR_LEN +
 * VP_TAG_LEN, known version, type VP_MSG_DATA or VP_MSG_CONTROL (which
 * then has exactly VP_CONTROL_LEN bytes of ciphertext), reserved zero.
 * Returns 0 and fills the outputs, -EPROTONOSUPPORT for another version
 * or -EINVAL. buf need not be aligned.
 */
int vp_hdr_parse(const u8 *buf, size_t len, u8 *type, u32 *receiver_index,
		 u64 *counter, u8 *key_id);

struct vp_inner {
	u8 family;	/* VP_AF_INET or VP_AF_INET6 */
	u8 dsfield;	/* IPv4 TOS or IPv6 traffic class: DSCP and ECN */
	u8 src[16];	/* IPv4 uses the first 4 bytes, the rest is zero */
	u8 dst[16];
	u32 len;	/* total length claimed by the IP header */
};

/*
 * The bytes of the IP header of a packet whose first byte is first: ihl * 4
 * for IPv4, 40 for IPv6; 0 if it is neither (or ihl < 5). What must be
 * present for vp_inner_parse().
 */
unsigned int vp_inner_hdr_len(u8 first);

/*
 * Parses the header of the inner IP packet of len bytes whose first avail
 * bytes (the ones present) are at pkt: IPv4 (version 4, ihl >= 5,
 * ihl * 4 <= avail, ihl * 4 <= tot_len <= len) or IPv6 (version 6,
 * avail >= 40, 40 + payload_len <= len). Returns 0 and fills out, or
 * -EINVAL. Never reads past avail or len; pkt need not be aligned.
 */
int vp_inner_parse(const u8 *pkt, size_t avail, size_t len,
		   struct vp_inner *out);

/* The flow of an inner packet, as the drop tracepoint reports it. */
struct vp_flow {
	struct vp_inner ip;
	u8 proto;	/* IPv4 protocol or IPv6 next header */
	u16 sport;	/* TCP, UDP, UDP-Lite, SCTP: ports; ICMP and */
	u16 dport;	/* ICMPv6: type and code; else 0 */
};

/*
 * vp_inner_parse() and then the first bytes of the transport header, when
 * they are present: not for a later IPv4 fragment, nor behind an IPv6
 * extension header (proto then names that header). Returns 0 and fills
 * out, or -EINVAL.
 */
int vp_flow_parse(const u8 *pkt, size_t avail, size_t len,
		  struct vp_flow *out);

#endif /* _VP_WIRE_H */
