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

/* The bytes a request with nsg scatterlist entries takes, laid out below. */
static unsigned int vp_aead_request_len(struct crypto_aead *tfm, int nsg)
{
	unsigned int len;

	len = VP_NONCE_LEN + (crypto_aead_alignmask(tfm) &
			      ~(crypto_tfm_ctx_alignment() - 1));
	len = ALIGN(len, crypto_tfm_ctx_alignment());
	len += sizeof(struct aead_request) + crypto_aead_reqsize(tfm);
	len = ALIGN(len, __alignof__(struct scatterlist));
	return len + sizeof(struct scatterlist) * nsg;
}

/*
 * Laid out as esp4 does: the IV (aligned for the algorithm), the
 * aead_request with its context, then the scatterlist entries.
 */
static struct aead_request *vp_aead_request_layout(void *tmp,
						   struct crypto_aead *tfm,
						   u8 **iv,
						   struct scatterlist **sg)
{
	struct aead_request *req;

	*iv = PTR_ALIGN((u8 *)tmp, crypto_aead_alignmask(tfm) + 1);
	req = (void *)PTR_ALIGN(*iv + VP_NONCE_LEN,
				crypto_tfm_ctx_alignment());
	*sg = (void *)ALIGN((unsigned long)(req + 1) +
			    crypto_aead_reqsize(tfm),
			    __alignof__(struct scatterlist));
	aead_request_set_tfm(req, tfm);
	return req;
}

/* A request for one packet: returns the block for kfree(), or NULL. */
void *vp_aead_request_alloc(struct crypto_aead *tfm, int nsg,
			    struct aead_request **reqp, u8 **iv,
			    struct scatterlist **sg)
{
	void *tmp = kmalloc(vp_aead_request_len(tfm, nsg), GFP_ATOMIC);

	if (tmp)
		*reqp = vp_aead_request_layout(tmp, tfm, iv, sg);
	return tmp;
}

struct aead_request *vp_aead_request_reuse(void **mem, unsigned int *size,
					   struct crypto_aead *tfm, int nsg,
					   gfp_t gfp, u8 **iv,
					   struct scatterlist **sg)
{
	unsigned int len = vp_aead_request_len(tfm, nsg);

	if (len > *size) {
		void *tmp = kmalloc(len, gfp);

		if (!tmp)
			return NULL;
		kfree(*mem);
		*mem = tmp;
		*size = len;
	}
	return vp_aead_request_layout(*mem, tfm, iv, sg);
}
