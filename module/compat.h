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
 * The VP_HAVE_* API probes come from module/Kbuild.
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
 * vp_err(extack, attr, fmt, ...): a formatted extack message naming attr.
 * 6.1 has no NL_SET_ERR_MSG_FMT; there the message goes to one static
 * buffer, which is safe because every doit of the family runs under
 * genl_mutex (no parallel_ops) until its ack has been built.
 */
#ifdef NL_SET_ERR_MSG_FMT
#define vp_err(extack, attr, fmt, ...)					\
	do {								\
		struct netlink_ext_ack *__e = (extack);			\
									\
		NL_SET_ERR_MSG_FMT(__e, fmt, ##__VA_ARGS__);		\
		NL_SET_BAD_ATTR(__e, attr);				\
	} while (0)
#else
extern char vp_compat_extack_buf[128];
#define vp_err(extack, attr, fmt, ...)					\
	do {								\
		struct netlink_ext_ack *__e = (extack);			\
									\
		if (__e) {						\
			snprintf(vp_compat_extack_buf,			\
				 sizeof(vp_compat_extack_buf),		\
				 fmt, ##__VA_ARGS__);			\
			__e->_msg = vp_compat_extack_buf;		\
		}							\
		NL_SET_BAD_ATTR(__e, attr);				\
	} while (0)
#endif

#endif /* _VP_COMPAT_H */
