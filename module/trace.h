/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints. vpcpeer:vpcpeer_drop fires for every packet a device drops,
 * with the counter it went to: a flow log of what was refused.
 * Documentation/tracing.rst shows how to read it.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM vpcpeer

#if !defined(_VP_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _VP_TRACE_H

#include "stats.h"
#include "wire.h"

#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/tracepoint.h>

#ifndef _VP_TRACE_HELPERS
#define _VP_TRACE_HELPERS
/* The bytes of an inner packet the tracepoint parses: IPv6 and 4 more. */
#define VP_TRACE_FLOW_BYTES	44

/* An address of f as IPv6, an IPv4 one mapped. */
static inline void vp_trace_addr(u8 *to, const struct vp_flow *f,
				 const u8 *addr)
{
	memset(to, 0, 16);
	if (f->ip.family == VP_AF_INET6) {
		memcpy(to, addr, 16);
	} else if (f->ip.family == VP_AF_INET) {
		to[10] = 0xff;
		to[11] = 0xff;
		memcpy(to + 12, addr, 4);
	}
}

/* The inner flow of skb, when skb->data is an inner IP packet. */
static inline void vp_trace_flow(struct vp_flow *f, const struct sk_buff *skb,
				 bool inner)
{
	u8 buf[VP_TRACE_FLOW_BYTES];
	unsigned int n = min_t(unsigned int, skb->len, sizeof(buf));

	memset(f, 0, sizeof(*f));
	if (inner && !skb_copy_bits(skb, 0, buf, n))
		vp_flow_parse(buf, n, skb->len, f);
}
#endif

/* Every counter a drop goes to, by the name vpcpeerctl show gives it. */
TRACE_DEFINE_ENUM(VP_STAT_NO_ROUTE);
TRACE_DEFINE_ENUM(VP_STAT_BLACKHOLE);
TRACE_DEFINE_ENUM(VP_STAT_TRANSITIVE_SRC);
TRACE_DEFINE_ENUM(VP_STAT_NONCE_EXHAUSTED);
TRACE_DEFINE_ENUM(VP_STAT_TX_ERROR);
TRACE_DEFINE_ENUM(VP_STAT_AUTH_FAIL);
TRACE_DEFINE_ENUM(VP_STAT_REPLAY);
TRACE_DEFINE_ENUM(VP_STAT_SPOOFED_SRC);
TRACE_DEFINE_ENUM(VP_STAT_TRANSITIVE_DST);
TRACE_DEFINE_ENUM(VP_STAT_MALFORMED);
TRACE_DEFINE_ENUM(VP_STAT_UNKNOWN_PEER);
TRACE_DEFINE_ENUM(VP_STAT_MTU);
TRACE_DEFINE_ENUM(VP_STAT_CRYPTO_ERROR);
TRACE_DEFINE_ENUM(VP_STAT_ECN_DROP);
TRACE_DEFINE_ENUM(VP_STAT_TX_MALFORMED);
TRACE_DEFINE_ENUM(VP_STAT_NOT_ACTIVE);
TRACE_DEFINE_ENUM(VP_STAT_HS_BAD_MAC);
TRACE_DEFINE_ENUM(VP_STAT_HS_STALE);
TRACE_DEFINE_ENUM(VP_STAT_HS_DROPPED);
TRACE_DEFINE_ENUM(VP_STAT_QUEUE_FULL);

/*
 * dev and pcx (empty for a drop the device counts); rx: received from the
 * underlay, else sent by the VPC; the inner flow when skb->data is an
 * inner IP packet (inner), else family 0. Addresses are IPv6, IPv4 ones
 * mapped (::ffff:a.b.c.d). ICMP puts its type and code in the ports.
 */
TRACE_EVENT(vpcpeer_drop,
	    TP_PROTO(const struct net_device *dev, const char *pcx,
		     const struct sk_buff *skb, enum vp_stat reason, bool rx,
		     bool inner),
	    TP_ARGS(dev, pcx, skb, reason, rx, inner),
	    TP_STRUCT__entry(__array(char, dev, IFNAMSIZ)
			     __array(char, pcx, VPCPEER_ID_MAX + 1)
			     __field(u8, reason)
			     __field(bool, rx)
			     __field(u8, family)
			     __field(u8, proto)
			     __field(u16, sport)
			     __field(u16, dport)
			     __array(u8, saddr, 16)
			     __array(u8, daddr, 16)
			     __field(unsigned int, len)),
	    TP_fast_assign(struct vp_flow f;

			   vp_trace_flow(&f, skb, inner);
			   strscpy(__entry->dev, dev->name, IFNAMSIZ);
			   strscpy(__entry->pcx, pcx, VPCPEER_ID_MAX + 1);
			   __entry->reason = reason;
			   __entry->rx = rx;
			   __entry->len = skb->len;
			   __entry->family = f.ip.family == VP_AF_INET ? 4 :
					     f.ip.family == VP_AF_INET6 ? 6 : 0;
			   __entry->proto = f.proto;
			   __entry->sport = f.sport;
			   __entry->dport = f.dport;
			   vp_trace_addr(__entry->saddr, &f, f.ip.src);
			   vp_trace_addr(__entry->daddr, &f, f.ip.dst);),
	    TP_printk("dev=%s pcx=%s dir=%s reason=%s family=%u proto=%u src=%pI6c sport=%u dst=%pI6c dport=%u len=%u",
		      __entry->dev, __entry->pcx, __entry->rx ? "rx" : "tx",
		      __print_symbolic(__entry->reason,
				       { VP_STAT_NO_ROUTE, "no_route" },
				       { VP_STAT_BLACKHOLE, "blackhole" },
				       { VP_STAT_TRANSITIVE_SRC, "transitive_src" },
				       { VP_STAT_NONCE_EXHAUSTED, "nonce_exhausted" },
				       { VP_STAT_TX_ERROR, "tx_error" },
				       { VP_STAT_AUTH_FAIL, "auth_fail" },
				       { VP_STAT_REPLAY, "replay" },
				       { VP_STAT_SPOOFED_SRC, "spoofed_src" },
				       { VP_STAT_TRANSITIVE_DST, "transitive_dst" },
				       { VP_STAT_MALFORMED, "malformed" },
				       { VP_STAT_UNKNOWN_PEER, "unknown_peer" },
				       { VP_STAT_MTU, "mtu" },
				       { VP_STAT_CRYPTO_ERROR, "crypto_error" },
				       { VP_STAT_ECN_DROP, "ecn_drop" },
				       { VP_STAT_TX_MALFORMED, "tx_malformed" },
				       { VP_STAT_NOT_ACTIVE, "not_active" },
				       { VP_STAT_HS_BAD_MAC, "hs_bad_mac" },
				       { VP_STAT_HS_STALE, "hs_stale" },
				       { VP_STAT_HS_DROPPED, "hs_dropped" },
				       { VP_STAT_QUEUE_FULL, "queue_full" }),
		      __entry->family, __entry->proto, __entry->saddr,
		      __entry->sport, __entry->daddr, __entry->dport,
		      __entry->len)
);

#endif /* _VP_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
