/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shims for the kernel API differences between the kernels vpcpeer builds
 * against (Debian's 6.1 and 6.12 LTS). Every version test lives here.
 */
#ifndef _VP_COMPAT_H
#define _VP_COMPAT_H

#include <crypto/aead.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>
#ifdef VP_HAVE_NET_GSO_H
#include <net/gso.h>	/* 6.5 moved skb_gso_segment() out of netdevice.h */
#endif

/* 6.12 turned NETIF_F_LLTX into the dev->lltx bit. */
static inline void vp_compat_set_lltx(struct net_device *dev)
{
#ifdef NETIF_F_LLTX
	dev->features |= NETIF_F_LLTX;
#else
	dev->lltx = true;
#endif
}

/*
 * The VP_HAVE_* API probes come from module/Kbuild (VP_HAVE_NET_GSO_H is
 * used above).
 *
 * 6.2 moved a dump's parsed attributes into struct genl_info.
 */
static inline struct nlattr **vp_compat_dump_attrs(struct netlink_callback *cb)
{
#ifdef VP_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * 6.3 passes an async crypto completion its data pointer directly instead
 * of the crypto_async_request. VP_AEAD_DONE(name, fn) defines name, the
 * callback for aead_request_set_callback(), which calls fn(data, err).
 */
#ifdef VP_HAVE_COMPLETION_DATA
#define VP_AEAD_DONE(name, fn)						\
static void name(void *data, int err)					\
{									\
	fn(data, err);							\
}
#else
#define VP_AEAD_DONE(name, fn)						\
static void name(struct crypto_async_request *areq, int err)		\
{									\
	fn(areq->data, err);						\
}
#endif

/*
 * vp_err(extack, attr, msg, fmt, ...): names attr in the extack and says
 * fmt with its details, or the static msg where that cannot be done
 * safely: details need the request's own buffer (NL_SET_ERR_MSG_FMT,
 * 6.3+) and must fit in it, or they would be cut short. 6.1 has no such
 * buffer, and a shared one is not safe: genl_rcv_msg() drops genl_mutex
 * before netlink_ack() measures and copies the message, so another
 * request could rewrite it in between (and trip the WARN_ON in
 * netlink_ack_tlv_fill()).
 */
#ifdef NL_SET_ERR_MSG_FMT
#define vp_err(extack, attr, msg, fmt, ...)				\
	do {								\
		struct netlink_ext_ack *__e = (extack);			\
		char __m[NETLINK_MAX_FMTMSG_LEN];			\
									\
		if (snprintf(__m, sizeof(__m), fmt, ##__VA_ARGS__) <	\
		    sizeof(__m))					\
			NL_SET_ERR_MSG_FMT(__e, "%s", __m);		\
		else							\
			NL_SET_ERR_MSG(__e, msg);			\
		NL_SET_BAD_ATTR(__e, attr);				\
	} while (0)
#else
#define vp_err(extack, attr, msg, fmt, ...)				\
	do {								\
		if (0)	/* type-checks fmt, uses its arguments */	\
			snprintf(NULL, 0, fmt, ##__VA_ARGS__);		\
		NL_SET_ERR_MSG_ATTR(extack, attr, msg);			\
	} while (0)
#endif

#endif /* _VP_COMPAT_H */
