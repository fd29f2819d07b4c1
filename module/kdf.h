/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_KDF_H
#define _VP_KDF_H

#include "pure.h"

#define VP_HASH_LEN	SHA256_DIGEST_SIZE

/* HMAC-SHA256 (RFC 2104), incrementally: init, update..., final. */
struct vp_hmac {
	struct sha256_state sha;
	u8 key[SHA256_BLOCK_SIZE];	/* the key, padded or hashed */
};

void vp_hmac_init(struct vp_hmac *h, const u8 *key, size_t key_len);
void vp_hmac_update(struct vp_hmac *h, const void *data, size_t len);
void vp_hmac_final(struct vp_hmac *h, u8 out[VP_HASH_LEN]);
void vp_hmac(u8 out[VP_HASH_LEN], const u8 *key, size_t key_len,
	     const void *data, size_t len);

void vp_sha256(u8 out[VP_HASH_LEN], const void *data, size_t len);

/* HKDF-SHA256 (RFC 5869). */
void vp_hkdf_extract(u8 prk[VP_HASH_LEN], const void *salt, size_t salt_len,
		     const u8 *ikm, size_t ikm_len);
/* 0, or -EINVAL when len > 255 * VP_HASH_LEN. */
int vp_hkdf_expand(u8 *okm, size_t len, const u8 prk[VP_HASH_LEN],
		   const void *info, size_t info_len);

#endif /* _VP_KDF_H */
