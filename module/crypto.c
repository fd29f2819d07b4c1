// SPDX-License-Identifier: GPL-2.0
/*
 * AES-GCM keys and AEAD requests. The keys come from a session's
 * handshake (session.c, handshake.c).
 */
#include "crypto.h"

#include <linux/slab.h>
#include <linux/string.h>

int vp_key_set(struct vp_key *key, const u8 *raw, unsigned int key_len,
	       const u8 salt[VP_SALT_LEN])
{
	int ret;

	key->tfm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(key->tfm)) {
		ret = PTR_ERR(key->tfm);
		key->tfm = NULL;
		return ret;
	}
	ret = crypto_aead_setkey(key->tfm, raw, key_len);
	if (!ret)
		ret = crypto_aead_setauthsize(key->tfm, 16);
	if (ret) {
		crypto_free_aead(key->tfm);
		key->tfm = NULL;
		return ret;
	}
	memcpy(key->salt, salt, VP_SALT_LEN);
	return 0;
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
