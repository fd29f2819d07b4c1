// SPDX-License-Identifier: GPL-2.0
/*
 * HMAC-SHA256 and HKDF-SHA256 over the kernel's SHA-256 library: no
 * allocation, usable in any context. The host unit tests check them
 * against RFC 4231 and RFC 5869.
 *
 * No hash state is ever copied (the host's is a handle): the padded key
 * is kept instead and the outer hash started at the end.
 */
#include "kdf.h"

static void vp_hmac_pad(struct sha256_state *sha, const u8 *key, u8 pad)
{
	u8 block[SHA256_BLOCK_SIZE];
	size_t i;

	for (i = 0; i < sizeof(block); i++)
		block[i] = key[i] ^ pad;
	sha256_init(sha);
	sha256_update(sha, block, sizeof(block));
	memzero_explicit(block, sizeof(block));
}

void vp_hmac_init(struct vp_hmac *h, const u8 *key, size_t key_len)
{
	memset(h->key, 0, sizeof(h->key));
	if (key_len > sizeof(h->key))
		vp_sha256(h->key, key, key_len);
	else
		memcpy(h->key, key, key_len);
	vp_hmac_pad(&h->sha, h->key, 0x36);
}

void vp_hmac_update(struct vp_hmac *h, const void *data, size_t len)
{
	sha256_update(&h->sha, data, len);
}

void vp_hmac_final(struct vp_hmac *h, u8 out[VP_HASH_LEN])
{
	u8 inner[VP_HASH_LEN];

	sha256_final(&h->sha, inner);
	vp_hmac_pad(&h->sha, h->key, 0x5c);
	sha256_update(&h->sha, inner, sizeof(inner));
	sha256_final(&h->sha, out);
	memzero_explicit(inner, sizeof(inner));
	memzero_explicit(h->key, sizeof(h->key));
}

void vp_hmac(u8 out[VP_HASH_LEN], const u8 *key, size_t key_len,
	     const void *data, size_t len)
{
	struct vp_hmac h;

	vp_hmac_init(&h, key, key_len);
	vp_hmac_update(&h, data, len);
	vp_hmac_final(&h, out);
}

void vp_sha256(u8 out[VP_HASH_LEN], const void *data, size_t len)
{
	struct sha256_state sha;

	sha256_init(&sha);
	sha256_update(&sha, data, len);
	sha256_final(&sha, out);
}

void vp_hkdf_extract(u8 prk[VP_HASH_LEN], const void *salt, size_t salt_len,
		     const u8 *ikm, size_t ikm_len)
{
	static const u8 zeros[VP_HASH_LEN];

	/* RFC 5869 2.2: no salt is a salt of HashLen zeros. */
	if (!salt_len) {
		salt = zeros;
		salt_len = sizeof(zeros);
	}
	vp_hmac(prk, salt, salt_len, ikm, ikm_len);
}

int vp_hkdf_expand(u8 *okm, size_t len, const u8 prk[VP_HASH_LEN],
		   const void *info, size_t info_len)
{
	u8 t[VP_HASH_LEN];
	size_t done = 0, n;
	struct vp_hmac h;
	u8 c;

	if (len > 255 * VP_HASH_LEN)
		return -EINVAL;
	for (c = 1; done < len; c++) {
		vp_hmac_init(&h, prk, VP_HASH_LEN);
		if (c > 1)
			vp_hmac_update(&h, t, sizeof(t));
		vp_hmac_update(&h, info, info_len);
		vp_hmac_update(&h, &c, 1);
		vp_hmac_final(&h, t);
		n = len - done;
		if (n > sizeof(t))
			n = sizeof(t);
		memcpy(okm + done, t, n);
		done += n;
	}
	memzero_explicit(t, sizeof(t));
	return 0;
}
