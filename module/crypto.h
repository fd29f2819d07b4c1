/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_CRYPTO_H
#define _VP_CRYPTO_H

#include <crypto/aead.h>
#include <linux/scatterlist.h>

#define VP_SALT_LEN	4
#define VP_NONCE_LEN	12	/* salt || 64-bit counter, gcm(aes)'s IV */

/* One direction of a session: an AES-GCM key and its nonce salt. */
struct vp_key {
	struct crypto_aead *tfm;
	u8 salt[VP_SALT_LEN];
};

/* Sets up key (tfm allocated; free with crypto_free_aead). Sleeps. */
int vp_key_set(struct vp_key *key, const u8 *raw, unsigned int key_len,
	       const u8 salt[VP_SALT_LEN]);

void *vp_aead_request_alloc(struct crypto_aead *tfm, int nsg,
			    struct aead_request **reqp, u8 **iv,
			    struct scatterlist **sg);
/*
 * The request in *mem (*size bytes, kmalloc'd), grown (with gfp) to fit
 * tfm with nsg scatterlist entries: one request, reused for every packet.
 * NULL when it cannot grow.
 */
struct aead_request *vp_aead_request_reuse(void **mem, unsigned int *size,
					   struct crypto_aead *tfm, int nsg,
					   gfp_t gfp, u8 **iv,
					   struct scatterlist **sg);

static inline void vp_nonce(u8 iv[VP_NONCE_LEN], const struct vp_key *key,
			    u64 counter)
{
	__be64 c = cpu_to_be64(counter);

	memcpy(iv, key->salt, VP_SALT_LEN);
	memcpy(iv + VP_SALT_LEN, &c, sizeof(c));
}

#endif /* _VP_CRYPTO_H */
