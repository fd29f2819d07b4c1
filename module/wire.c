// SPDX-License-Identifier: GPL-2.0
/* Outer wire header and inner IP header parsing. */

#include "prefix.h"
#include "wire.h"

void vp_hdr_build(struct vp_hdr *h, u8 type, u8 key_id, u32 receiver_index,
		  u64 counter)
{
	h->version = VP_WIRE_VERSION;
	h->type = type;
	h->key_id = key_id;
	h->reserved = 0;
	h->receiver_index = cpu_to_be32(receiver_index);
	h->counter = cpu_to_be64(counter);
}

int vp_hdr_parse(const u8 *buf, size_t len, u8 *type, u32 *receiver_index,
		 u64 *counter, u8 *key_id)
{
	struct vp_hdr h;

	if (len < VP_HDR_LEN + VP_TAG_LEN)
		return -EINVAL;
	memcpy(&h, buf, sizeof(h));
	if (h.version != VP_WIRE_VERSION)
		return -EPROTONOSUPPORT;
	if (h.reserved)
		return -EINVAL;
	if (h.type == VP_MSG_CONTROL &&
	    len != VP_HDR_LEN + VP_CONTROL_LEN + VP_TAG_LEN)
		return -EINVAL;
	if (h.type != VP_MSG_DATA && h.type != VP_MSG_CONTROL)
		return -EINVAL;
	*type = h.type;
	*receiver_index = be32_to_cpu(h.receiver_index);
	*counter = be64_to_cpu(h.counter);
	*key_id = h.key_id;
	return 0;
}

static u16 vp_get_be16(const u8 *p)
{
	__be16 v;

	memcpy(&v, p, sizeof(v));
	return be16_to_cpu(v);
}

unsigned int vp_inner_hdr_len(u8 first)
{
	switch (first >> 4) {
	case 4:
		return (first & 0x0f) < 5 ? 0 : (first & 0x0f) * 4;
	case 6:
		return 40;
	}
	return 0;
}

int vp_inner_parse(const u8 *pkt, size_t avail, size_t len,
		   struct vp_inner *out)
{
	unsigned int hlen, tot_len;

	memset(out, 0, sizeof(*out));
	if (avail > len)
		avail = len;
	if (avail < 1)
		return -EINVAL;
	hlen = vp_inner_hdr_len(pkt[0]);
	if (!hlen || hlen > avail)
		return -EINVAL;
	if (pkt[0] >> 4 == 4) {
		tot_len = vp_get_be16(pkt + 2);
		if (tot_len < hlen || tot_len > len)
			return -EINVAL;
		out->family = VP_AF_INET;
		out->dsfield = pkt[1];
		memcpy(out->src, pkt + 12, 4);
		memcpy(out->dst, pkt + 16, 4);
		out->len = tot_len;
		return 0;
	}
	/* payload_len 0 (jumbogram) is taken as a bare header. */
	tot_len = 40 + vp_get_be16(pkt + 4);
	if (tot_len > len)
		return -EINVAL;
	out->family = VP_AF_INET6;
	out->dsfield = (pkt[0] & 0x0f) << 4 | pkt[1] >> 4;
	memcpy(out->src, pkt + 8, 16);
	memcpy(out->dst, pkt + 24, 16);
	out->len = tot_len;
	return 0;
}

int vp_flow_parse(const u8 *pkt, size_t avail, size_t len,
		  struct vp_flow *out)
{
	unsigned int hlen;
	const u8 *l4;

	memset(out, 0, sizeof(*out));
	if (vp_inner_parse(pkt, avail, len, &out->ip))
		return -EINVAL;
	if (avail > len)
		avail = len;
	hlen = vp_inner_hdr_len(pkt[0]);
	if (out->ip.family == VP_AF_INET) {
		out->proto = pkt[9];
		/* A later fragment has no transport header. */
		if (vp_get_be16(pkt + 6) & 0x1fff)
			return 0;
	} else {
		out->proto = pkt[6];
	}
	if (hlen + 4 > avail || hlen + 4 > out->ip.len)
		return 0;
	l4 = pkt + hlen;
	switch (out->proto) {
	case 6:		/* TCP */
	case 17:	/* UDP */
	case 132:	/* SCTP */
	case 136:	/* UDP-Lite */
		out->sport = vp_get_be16(l4);
		out->dport = vp_get_be16(l4 + 2);
		break;
	case 1:		/* ICMP */
	case 58:	/* ICMPv6 */
		if (out->proto != (out->ip.family == VP_AF_INET ? 1 : 58))
			break;
		out->sport = l4[0];
		out->dport = l4[1];
		break;
	}
	return 0;
}
