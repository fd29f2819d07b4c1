// SPDX-License-Identifier: GPL-2.0
/*
 * Key schedule and AEAD requests.
 *
 * Both ends of a peering hold the same 256-bit secret. HKDF-SHA256
 * (RFC 5869) turns it into one AES-GCM key and nonce salt per direction,
 * each bound to the pcx id and the two VPC ids:
 *
 *   PRK        = HKDF-Extract(salt = "vpcpeer-v1", IKM = secret)
 *   key||salt  = HKDF-Expand(PRK, "vpcpeer-v1 key" 0 pcx 0 from 0 to,
 *                            key_len + 4)
 *
 * so the two directions never share a key, and the same secret file works
 * at both ends: our tx key is the peer's rx key. The receiver index of each
 * end is public (it is sent in clear) and does not depend on the secret, so
 * that a wrong secret shows as auth_fail on the right peering:
 *
 *   index      = HKDF-Expand(PRK' = HMAC("vpcpeer-v1", "index"),
 *                            "vpcpeer-v1 index" 0 pcx 0 receiver, 4)
 */
#include "crypto.h"

#include <crypto/hash.h>
#include <crypto/sha2.h>
#include <linux/slab.h>
#include <linux/string.h>

#define VP_KDF_SALT "vpcpeer-v1"

/* label 0 a 0 b, the HKDF info; b may be empty. */
static size_t vp_kdf_info(u8 *buf, size_t size, const char *label,
			  const char *pcx, const char *a, const char *b)
{
	return scnprintf(buf, size, "%s%c%s%c%s%c%s", label, 0, pcx, 0, a, 0,
			 b);
}

/* HKDF-Expand with the PRK already set as the HMAC key of desc->tfm. */
static int vp_hkdf_expand(struct shash_desc *desc, const u8 *info,
			  size_t info_len, u8 *out, size_t len)
{
	u8 t[SHA256_DIGEST_SIZE];
	size_t done = 0, tlen = 0, n;
	u8 c;
	int ret = 0;

	for (c = 1; done < len; c++) {
		ret = crypto_shash_init(desc) ?:
		      crypto_shash_update(desc, t, tlen) ?:
		      crypto_shash_update(desc, info, info_len) ?:
		      crypto_shash_update(desc, &c, 1) ?:
		      crypto_shash_final(desc, t);
		if (ret)
			break;
		tlen = sizeof(t);
		n = min(len - done, sizeof(t));
		memcpy(out + done, t, n);
		done += n;
	}
	memzero_explicit(t, sizeof(t));
	return ret;
}

static int vp_key_init(struct vp_key *key, const u8 *okm, unsigned int key_len)
{
	int ret;

	key->tfm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(key->tfm)) {
		ret = PTR_ERR(key->tfm);
		key->tfm = NULL;
		return ret;
	}
	ret = crypto_aead_setkey(key->tfm, okm, key_len) ?:
	      crypto_aead_setauthsize(key->tfm, 16);
	if (ret) {
		crypto_free_aead(key->tfm);
		key->tfm = NULL;
		return ret;
	}
	memcpy(key->salt, okm + key_len, VP_SALT_LEN);
	return 0;
}

int vp_peering_keys_derive(struct vp_peering_keys *keys,
			   const u8 secret[VPCPEER_SECRET_LEN],
			   unsigned int key_len, const char *pcx,
			   const char *local_vpc, const char *remote_vpc)
{
	u8 prk[SHA256_DIGEST_SIZE], okm[32 + VP_SALT_LEN], info[256];
	struct crypto_shash *hmac;
	__be32 index;
	size_t n;
	int ret;

	memset(keys, 0, sizeof(*keys));
	hmac = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(hmac))
		return PTR_ERR(hmac);
	{
		SHASH_DESC_ON_STACK(desc, hmac);

		desc->tfm = hmac;
		ret = crypto_shash_setkey(hmac, VP_KDF_SALT,
					  strlen(VP_KDF_SALT)) ?:
		      crypto_shash_digest(desc, secret, VPCPEER_SECRET_LEN,
					  prk) ?:
		      crypto_shash_setkey(hmac, prk, sizeof(prk));
		if (ret)
			goto out;

		n = vp_kdf_info(info, sizeof(info), "vpcpeer-v1 key", pcx,
				local_vpc, remote_vpc);
		ret = vp_hkdf_expand(desc, info, n, okm, key_len + VP_SALT_LEN) ?:
		      vp_key_init(&keys->tx, okm, key_len);
		if (ret)
			goto out;

		n = vp_kdf_info(info, sizeof(info), "vpcpeer-v1 key", pcx,
				remote_vpc, local_vpc);
		ret = vp_hkdf_expand(desc, info, n, okm, key_len + VP_SALT_LEN) ?:
		      vp_key_init(&keys->rx, okm, key_len);
		if (ret)
			goto out;

		ret = crypto_shash_setkey(hmac, VP_KDF_SALT,
					  strlen(VP_KDF_SALT)) ?:
		      crypto_shash_digest(desc, "index", 5, prk) ?:
		      crypto_shash_setkey(hmac, prk, sizeof(prk));
		if (ret)
			goto out;
		n = vp_kdf_info(info, sizeof(info), "vpcpeer-v1 index", pcx,
				local_vpc, "");
		ret = vp_hkdf_expand(desc, info, n, (u8 *)&index,
				     sizeof(index));
		keys->local_index = be32_to_cpu(index);
		n = vp_kdf_info(info, sizeof(info), "vpcpeer-v1 index", pcx,
				remote_vpc, "");
		ret = ret ?: vp_hkdf_expand(desc, info, n, (u8 *)&index,
					    sizeof(index));
		keys->remote_index = be32_to_cpu(index);
out:
		shash_desc_zero(desc);
	}
	crypto_free_shash(hmac);
	memzero_explicit(prk, sizeof(prk));
	memzero_explicit(okm, sizeof(okm));
	if (ret)
		vp_peering_keys_free(keys);
	return ret;
}

void vp_peering_keys_free(struct vp_peering_keys *keys)
{
	crypto_free_aead(keys->tx.tfm);
	crypto_free_aead(keys->rx.tfm);
	memzero_explicit(keys, sizeof(*keys));
}

/*
 * A request for one packet, laid out as esp4 does: the IV (aligned for
 * the algorithm), the aead_request with its context, then nsg
 * scatterlist entries. Returns the block for kfree(), or NULL.
 */
void *vp_aead_request_alloc(struct crypto_aead *tfm, int nsg,
			    struct aead_request **reqp, u8 **iv,
			    struct scatterlist **sg)
{
	struct aead_request *req;
	unsigned int len;
	void *tmp;

	len = VP_NONCE_LEN + (crypto_aead_alignmask(tfm) &
			      ~(crypto_tfm_ctx_alignment() - 1));
	len = ALIGN(len, crypto_tfm_ctx_alignment());
	len += sizeof(*req) + crypto_aead_reqsize(tfm);
	len = ALIGN(len, __alignof__(struct scatterlist));
	len += sizeof(struct scatterlist) * nsg;

	tmp = kmalloc(len, GFP_ATOMIC);
	if (!tmp)
		return NULL;
	*iv = PTR_ALIGN((u8 *)tmp, crypto_aead_alignmask(tfm) + 1);
	req = (void *)PTR_ALIGN(*iv + VP_NONCE_LEN,
				crypto_tfm_ctx_alignment());
	*sg = (void *)ALIGN((unsigned long)(req + 1) +
			    crypto_aead_reqsize(tfm),
			    __alignof__(struct scatterlist));
	aead_request_set_tfm(req, tfm);
	*reqp = req;
	return tmp;
}
