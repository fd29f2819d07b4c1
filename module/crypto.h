/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_CRYPTO_H
#define _VP_CRYPTO_H

#include "../uapi/linux/vpcpeer.h"

#include <crypto/aead.h>
#include <linux/scatterlist.h>

#define VP_SALT_LEN	4
#define VP_NONCE_LEN	12	/* salt || 64-bit counter, gcm(aes)'s IV */

/* One direction of a peering: an AES-GCM key and its nonce salt. */
struct vp_key {
	struct crypto_aead *tfm;
	u8 salt[VP_SALT_LEN];
};

/* What both ends of a peering derive from the shared secret. */
struct vp_peering_keys {
	struct vp_key tx, rx;
	u32 local_index;	/* receivers' index of tx packets at our end */
	u32 remote_index;	/* the index we put in what we send */
};

int vp_peering_keys_derive(struct vp_peering_keys *keys,
			   const u8 secret[VPCPEER_SECRET_LEN],
			   unsigned int key_len, const char *pcx,
			   const char *local_vpc, const char *remote_vpc);
void vp_peering_keys_free(struct vp_peering_keys *keys);

void *vp_aead_request_alloc(struct crypto_aead *tfm, int nsg,
			    struct aead_request **reqp, u8 **iv,
			    struct scatterlist **sg);

static inline void vp_nonce(u8 iv[VP_NONCE_LEN], const struct vp_key *key,
			    u64 counter)
{
	__be64 c = cpu_to_be64(counter);

	memcpy(iv, key->salt, VP_SALT_LEN);
	memcpy(iv + VP_SALT_LEN, &c, sizeof(c));
}

#endif /* _VP_CRYPTO_H */
