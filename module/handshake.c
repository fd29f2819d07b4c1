// SPDX-License-Identifier: GPL-2.0
/*
 * The session handshake's kernel-independent parts; handshake.h and
 * Documentation/sessions.rst describe them.
 *
 * Keys that last as long as the peering (secret, pcx id):
 *   PRK          = HKDF-Extract(salt = "vpcpeer-v2", IKM = secret)
 *   mac          = HKDF-Expand(PRK, "vpcpeer-v2 mac" 0 pcx, 32)
 *   session_salt = HKDF-Expand(PRK, "vpcpeer-v2 session" 0 pcx, 32)
 * A message's MAC is the first 16 bytes of
 *   INIT: HMAC-SHA256(mac, INIT up to its MAC)
 *   RESP: HMAC-SHA256(mac, SHA-256(INIT) || RESP up to its MAC)
 * so that a RESP answers one INIT only, whose ephemeral share is fresh.
 */
#include "handshake.h"

#define VP_HS_LABEL	"vpcpeer-v2"

static const char *const vp_hs_status_names[VP_HS_STATUS_MAX] = {
	[VP_HS_OK]		= "ok",
	[VP_HS_VPC_MISMATCH]	= "vpc-mismatch",
	[VP_HS_CIPHER_MISMATCH]	= "cipher-mismatch",
	[VP_HS_OVERLAP]		= "cidr-overlap",
	[VP_HS_SECRET_MISMATCH]	= "secret-mismatch",
};

const char *vp_hs_status_name(u8 status)
{
	return status < VP_HS_STATUS_MAX ? vp_hs_status_names[status] :
					   "unknown";
}

static const char *const vp_state_names[VP_STATE_MAX] = {
	[VP_STATE_PENDING]	= "pending-acceptance",
	[VP_STATE_ACTIVE]	= "active",
	[VP_STATE_DELETED]	= "deleted",
	[VP_STATE_FAILED]	= "failed",
};

const char *vp_state_name(u8 state)
{
	return state < VP_STATE_MAX ? vp_state_names[state] : "unknown";
}

/*
 * label 0 pcx: the HKDF info of the keys that last the peering. label is
 * one of ours; pcx is cut at its field's size, so info cannot overflow.
 */
static void vp_hs_expand(u8 out[VP_HASH_LEN], const u8 prk[VP_HASH_LEN],
			 const char *label, const char *pcx)
{
	u8 info[64 + VP_HS_PCX_LEN];
	size_t n = strlen(label), m;

	for (m = 0; m < VP_HS_PCX_LEN - 1 && pcx[m]; m++)
		;
	memcpy(info, label, n);
	info[n++] = 0;
	memcpy(info + n, pcx, m);
	vp_hkdf_expand(out, VP_HASH_LEN, prk, info, n + m);
}

void vp_hs_keys_derive(struct vp_hs_keys *k,
		       const u8 secret[VPCPEER_SECRET_LEN], const char *pcx)
{
	u8 prk[VP_HASH_LEN];

	vp_hkdf_extract(prk, VP_HS_LABEL, strlen(VP_HS_LABEL), secret,
			VPCPEER_SECRET_LEN);
	vp_hs_expand(k->mac, prk, VP_HS_LABEL " mac", pcx);
	vp_hs_expand(k->session_salt, prk, VP_HS_LABEL " session", pcx);
	memzero_explicit(prk, sizeof(prk));
}

/*
 * The same rules as the netlink policy's (netlink.c) and vpcpeerctl's
 * (parse.c); one copy is to serve all three once the device speaks this.
 */
bool vp_hs_pcx_valid(const char *s)
{
	size_t n;

	if (strncmp(s, "pcx-", 4))
		return false;
	n = strspn(s + 4, "0123456789abcdef");
	return n >= 1 && n <= 17 && !s[4 + n];
}

#define VP_ID_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"

bool vp_hs_id_valid(const char *s)
{
	size_t n = strspn(s, VP_ID_CHARS);

	return n >= 1 && n <= VPCPEER_ID_MAX && !s[n];
}

/* A string field: NUL-terminated within size, zero after the NUL. */
static bool vp_hs_str_ok(const char *field, size_t size)
{
	const char *end = memchr(field, 0, size);
	size_t i;

	if (!end)
		return false;
	for (i = end - field; i < size; i++)
		if (field[i])
			return false;
	return true;
}

/* Into a zeroed field of size bytes: the string, cut to leave a NUL. */
static void vp_hs_put_str(char *field, size_t size, const char *s)
{
	const char *end = memchr(s, 0, size - 1);

	memcpy(field, s, end ? (size_t)(end - s) : size - 1);
}

static bool vp_hs_zero(const void *p, size_t n)
{
	const u8 *b = p;

	while (n--)
		if (*b++)
			return false;
	return true;
}

static void vp_hs_mac(u8 mac[VP_HS_MAC_LEN], const struct vp_msg_hs *m,
		      const struct vp_hs_keys *k, const struct vp_msg_hs *init)
{
	u8 h[VP_HASH_LEN], full[VP_HASH_LEN];
	struct vp_hmac hmac;

	vp_hmac_init(&hmac, k->mac, sizeof(k->mac));
	if (init) {
		vp_sha256(h, init, VP_HS_MSG_LEN);
		vp_hmac_update(&hmac, h, sizeof(h));
	}
	vp_hmac_update(&hmac, m, offsetof(struct vp_msg_hs, mac));
	vp_hmac_final(&hmac, full);
	memcpy(mac, full, VP_HS_MAC_LEN);
	memzero_explicit(full, sizeof(full));
}

void vp_hs_build(struct vp_msg_hs *m, const struct vp_hs_keys *k,
		 const struct vp_hs_msg *msg, const struct vp_msg_hs *init)
{
	const struct vp_hs_info *in = &msg->info;
	struct vp_hs_wire_info *w = &m->info;
	unsigned int i;

	memset(m, 0, sizeof(*m));
	m->version = VP_HS_VERSION;
	m->type = msg->type;
	m->sender_index = cpu_to_be32(msg->sender_index);
	if (msg->type == VP_MSG_HS_RESP) {
		m->status = msg->status;
		m->receiver_index = cpu_to_be32(msg->receiver_index);
	} else {
		m->timestamp = cpu_to_be64(msg->timestamp);
	}
	memcpy(m->ephemeral, msg->ephemeral, VP_HS_KEY_LEN);
	vp_hs_put_str(w->pcx, sizeof(w->pcx), in->pcx);
	vp_hs_put_str(w->sender_vpc, sizeof(w->sender_vpc), in->sender_vpc);
	vp_hs_put_str(w->receiver_vpc, sizeof(w->receiver_vpc),
		      in->receiver_vpc);
	w->cipher = in->cipher;
	w->n_cidrs = in->n_cidrs;
	if (w->n_cidrs > VP_HS_MAX_CIDRS)
		w->n_cidrs = VP_HS_MAX_CIDRS;
	for (i = 0; i < w->n_cidrs; i++) {
		w->cidrs[i].family = in->cidrs[i].family;
		w->cidrs[i].len = in->cidrs[i].len;
		memcpy(w->cidrs[i].addr, in->cidrs[i].addr, 16);
	}
	vp_hs_mac(m->mac, m, k, init);
}

static int vp_hs_parse_info(const struct vp_hs_wire_info *w,
			    struct vp_hs_info *out)
{
	unsigned int i;

	if (!vp_hs_str_ok(w->pcx, sizeof(w->pcx)) ||
	    !vp_hs_str_ok(w->sender_vpc, sizeof(w->sender_vpc)) ||
	    !vp_hs_str_ok(w->receiver_vpc, sizeof(w->receiver_vpc)))
		return -EINVAL;
	if (!vp_hs_pcx_valid(w->pcx) || !vp_hs_id_valid(w->sender_vpc) ||
	    !vp_hs_id_valid(w->receiver_vpc))
		return -EINVAL;
	if (w->cipher != VPCPEER_CIPHER_AES_GCM_128 &&
	    w->cipher != VPCPEER_CIPHER_AES_GCM_256)
		return -EINVAL;
	if (w->n_cidrs > VP_HS_MAX_CIDRS)
		return -EINVAL;
	if (!vp_hs_zero(w->reserved, sizeof(w->reserved)))
		return -EINVAL;
	memcpy(out->pcx, w->pcx, sizeof(out->pcx));
	memcpy(out->sender_vpc, w->sender_vpc, sizeof(out->sender_vpc));
	memcpy(out->receiver_vpc, w->receiver_vpc, sizeof(out->receiver_vpc));
	out->cipher = w->cipher;
	out->n_cidrs = w->n_cidrs;
	for (i = 0; i < VP_HS_MAX_CIDRS; i++) {
		struct vp_prefix *p = &out->cidrs[i];

		if (i >= w->n_cidrs) {
			if (!vp_hs_zero(&w->cidrs[i], sizeof(w->cidrs[i])))
				return -EINVAL;
			memset(p, 0, sizeof(*p));
			continue;
		}
		p->family = w->cidrs[i].family;
		p->len = w->cidrs[i].len;
		memcpy(p->addr, w->cidrs[i].addr, sizeof(p->addr));
		if (vp_prefix_check(p))
			return -EINVAL;
	}
	return 0;
}

int vp_hs_parse(const u8 *buf, size_t len, struct vp_hs_msg *out)
{
	const struct vp_msg_hs *m = (const void *)buf;

	memset(out, 0, sizeof(*out));
	if (len < 1)
		return -EINVAL;
	if (buf[0] != VP_HS_VERSION)
		return -EPROTONOSUPPORT;
	if (len != VP_HS_MSG_LEN || m->reserved)
		return -EINVAL;
	switch (m->type) {
	case VP_MSG_HS_INIT:
		if (m->status || m->receiver_index)
			return -EINVAL;
		break;
	case VP_MSG_HS_RESP:
		if (m->status >= VP_HS_STATUS_MAX ||
		    m->status == VP_HS_SECRET_MISMATCH || m->timestamp)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	out->type = m->type;
	out->status = m->status;
	out->sender_index = be32_to_cpu(m->sender_index);
	out->receiver_index = be32_to_cpu(m->receiver_index);
	out->timestamp = be64_to_cpu(m->timestamp);
	memcpy(out->ephemeral, m->ephemeral, sizeof(out->ephemeral));
	return vp_hs_parse_info(&m->info, &out->info);
}

bool vp_hs_mac_ok(const struct vp_msg_hs *m, const struct vp_hs_keys *k,
		  const struct vp_msg_hs *init)
{
	u8 mac[VP_HS_MAC_LEN];
	bool ok;

	vp_hs_mac(mac, m, k, init);
	ok = !crypto_memneq(mac, m->mac, sizeof(mac));
	memzero_explicit(mac, sizeof(mac));
	return ok;
}

enum vp_hs_status vp_hs_check(const struct vp_hs_info *theirs,
			      const struct vp_hs_info *ours)
{
	if (strcmp(theirs->pcx, ours->pcx) ||
	    strcmp(theirs->sender_vpc, ours->receiver_vpc) ||
	    strcmp(theirs->receiver_vpc, ours->sender_vpc))
		return VP_HS_VPC_MISMATCH;
	if (theirs->cipher != ours->cipher)
		return VP_HS_CIPHER_MISMATCH;
	if (vp_prefixes_overlap(theirs->cidrs, theirs->n_cidrs, ours->cidrs,
				ours->n_cidrs, NULL, NULL))
		return VP_HS_OVERLAP;
	return VP_HS_OK;
}

bool vp_hs_ts_fresh(u64 ts, u64 current_ts, u64 pending_ts, bool live)
{
	if (ts <= pending_ts)
		return false;
	return !live || ts > current_ts;
}

int vp_hs_session_keys(struct vp_session_keys *out,
		       const struct vp_hs_keys *k, const u8 dh[VP_HS_KEY_LEN],
		       const struct vp_msg_hs *init,
		       const struct vp_msg_hs *resp, bool initiator,
		       unsigned int key_len)
{
	static const char label[] = VP_HS_LABEL " data";
	u8 prk[VP_HASH_LEN], okm[2 * (32 + 4)];
	u8 info[sizeof(label) - 1 + VP_HASH_LEN];
	struct vp_hs_dir *first, *second;
	struct sha256_state th;
	size_t n = key_len + 4;

	memset(out, 0, sizeof(*out));
	if (key_len != 16 && key_len != 32)
		return -EINVAL;
	memcpy(info, label, sizeof(label) - 1);
	sha256_init(&th);
	sha256_update(&th, (const u8 *)init, VP_HS_MSG_LEN);
	sha256_update(&th, (const u8 *)resp, VP_HS_MSG_LEN);
	sha256_final(&th, info + sizeof(label) - 1);

	vp_hkdf_extract(prk, k->session_salt, sizeof(k->session_salt), dh,
			VP_HS_KEY_LEN);
	vp_hkdf_expand(okm, 2 * n, prk, info, sizeof(info));
	first = initiator ? &out->tx : &out->rx;
	second = initiator ? &out->rx : &out->tx;
	memcpy(first->key, okm, key_len);
	memcpy(first->salt, okm + key_len, 4);
	memcpy(second->key, okm + n, key_len);
	memcpy(second->salt, okm + n + key_len, 4);
	out->key_len = key_len;
	memzero_explicit(prk, sizeof(prk));
	memzero_explicit(okm, sizeof(okm));
	return 0;
}

void vp_state_next(struct vp_peer_state *s, enum vp_event ev, u8 status)
{
	switch (ev) {
	case VP_EV_CONFIRMED:
		s->state = VP_STATE_ACTIVE;
		s->reason = VP_HS_OK;
		break;
	case VP_EV_REJECTED:
		s->state = VP_STATE_FAILED;
		s->reason = status;
		break;
	case VP_EV_TEARDOWN:
		s->state = VP_STATE_DELETED;
		s->reason = VP_HS_OK;
		break;
	case VP_EV_BAD_MAC:
		if (s->state == VP_STATE_PENDING ||
		    (s->state == VP_STATE_FAILED &&
		     s->reason == VP_HS_SECRET_MISMATCH)) {
			s->state = VP_STATE_FAILED;
			s->reason = VP_HS_SECRET_MISMATCH;
		}
		break;
	case VP_EV_RECONFIGURED:
		if (s->state != VP_STATE_ACTIVE) {
			s->state = VP_STATE_PENDING;
			s->reason = VP_HS_OK;
		}
		break;
	}
}
