// SPDX-License-Identifier: GPL-2.0
/*
 * The session handshake's pure parts: message layout and parsing, MACs,
 * the key schedule (against vectors from selftests/hs_ref.py, which
 * shares no code with the module), the checks and the state machine.
 */
#include <stdio.h>

#include <openssl/evp.h>

#include "handshake.h"
#include "hex.h"
#include "tap.h"

static struct vp_prefix pfx(u8 family, const char *hex, u8 len)
{
	struct vp_prefix p = { .family = family, .len = len };

	unhex(p.addr, hex);
	return p;
}

/* vpc-a, 10.1.0.0/16 and fd00:1::/48, peering pcx-0ab with vpc-b. */
static void info_a(struct vp_hs_info *in)
{
	memset(in, 0, sizeof(*in));
	strcpy(in->pcx, "pcx-0ab");
	strcpy(in->sender_vpc, "vpc-a");
	strcpy(in->receiver_vpc, "vpc-b");
	in->cipher = VPCPEER_CIPHER_AES_GCM_128;
	in->n_cidrs = 2;
	in->cidrs[0] = pfx(VP_AF_INET, "0a01", 16);
	in->cidrs[1] = pfx(VP_AF_INET6, "fd000001", 48);
}

static void info_b(struct vp_hs_info *in)
{
	info_a(in);
	strcpy(in->sender_vpc, "vpc-b");
	strcpy(in->receiver_vpc, "vpc-a");
	in->n_cidrs = 1;
	in->cidrs[0] = pfx(VP_AF_INET, "0a02", 16);
	memset(&in->cidrs[1], 0, sizeof(in->cidrs[1]));
}

static struct vp_hs_keys keys;

static void init_msg(struct vp_hs_msg *msg)
{
	memset(msg, 0, sizeof(*msg));
	msg->type = VP_MSG_HS_INIT;
	msg->sender_index = 0x11223344;
	msg->timestamp = 0x0102030405060708ULL;
	memset(msg->ephemeral, 0xe1, sizeof(msg->ephemeral));
	info_a(&msg->info);
}

static void resp_msg(struct vp_hs_msg *msg)
{
	memset(msg, 0, sizeof(*msg));
	msg->type = VP_MSG_HS_RESP;
	msg->sender_index = 0x55667788;
	msg->receiver_index = 0x11223344;
	memset(msg->ephemeral, 0xe2, sizeof(msg->ephemeral));
	info_b(&msg->info);
}

static void setup_keys(void)
{
	u8 secret[VPCPEER_SECRET_LEN];
	size_t i;

	for (i = 0; i < sizeof(secret); i++)
		secret[i] = (u8)i;
	vp_hs_keys_derive(&keys, secret, "pcx-0ab");
}

static int parse(const struct vp_msg_hs *m, struct vp_hs_msg *out)
{
	/* In a buffer of exactly its size, one byte off alignment. */
	static u8 buf[1 + VP_HS_MSG_LEN];

	memcpy(buf + 1, m, VP_HS_MSG_LEN);
	return vp_hs_parse(buf + 1, VP_HS_MSG_LEN, out);
}

TEST(layout)
{
	CHECK_EQ(VP_HS_MSG_LEN, 800);
	CHECK_EQ(offsetof(struct vp_msg_hs, sender_index), 4);
	CHECK_EQ(offsetof(struct vp_msg_hs, receiver_index), 8);
	CHECK_EQ(offsetof(struct vp_msg_hs, timestamp), 12);
	CHECK_EQ(offsetof(struct vp_msg_hs, ephemeral), 20);
	CHECK_EQ(offsetof(struct vp_msg_hs, info), 52);
	CHECK_EQ(offsetof(struct vp_msg_hs, mac), 784);
	CHECK_EQ(offsetof(struct vp_hs_wire_info, sender_vpc), 24);
	CHECK_EQ(offsetof(struct vp_hs_wire_info, receiver_vpc), 88);
	CHECK_EQ(offsetof(struct vp_hs_wire_info, cipher), 152);
	CHECK_EQ(offsetof(struct vp_hs_wire_info, n_cidrs), 153);
	CHECK_EQ(offsetof(struct vp_hs_wire_info, cidrs), 156);
	CHECK_EQ(VP_HS_MAX_CIDRS, 32);
}

/* Known bytes: big-endian fields where the document puts them. */
TEST(init_bytes)
{
	struct vp_hs_msg msg;
	struct vp_msg_hs m;
	const u8 *b = (const u8 *)&m;

	setup_keys();
	init_msg(&msg);
	vp_hs_build(&m, &keys, &msg, NULL);
	CHECK_EQ(b[0], 2);
	CHECK_EQ(b[1], VP_MSG_HS_INIT);
	CHECK(!memcmp(b + 4, "\x11\x22\x33\x44", 4));
	CHECK(!memcmp(b + 8, "\0\0\0\0", 4));
	CHECK(!memcmp(b + 12, "\x01\x02\x03\x04\x05\x06\x07\x08", 8));
	CHECK_EQ(b[20], 0xe1);
	CHECK(!strcmp((const char *)b + 52, "pcx-0ab"));
	CHECK(!strcmp((const char *)b + 52 + 24, "vpc-a"));
	CHECK(!strcmp((const char *)b + 52 + 88, "vpc-b"));
	CHECK_EQ(b[52 + 152], VPCPEER_CIPHER_AES_GCM_128);
	CHECK_EQ(b[52 + 153], 2);
	CHECK(!memcmp(b + 52 + 156, "\x04\x10\x0a\x01", 4));
	CHECK(!memcmp(b + 52 + 174, "\x06\x30\xfd\x00\x00\x01", 6));
	CHECK(vp_hs_mac_ok(&m, &keys, NULL));
}

static bool same_msg(const struct vp_hs_msg *a, const struct vp_hs_msg *b)
{
	return a->type == b->type && a->status == b->status &&
	       a->sender_index == b->sender_index &&
	       a->receiver_index == b->receiver_index &&
	       a->timestamp == b->timestamp &&
	       !memcmp(a->ephemeral, b->ephemeral, sizeof(a->ephemeral)) &&
	       !memcmp(&a->info, &b->info, sizeof(a->info));
}

TEST(round_trip)
{
	struct vp_hs_msg msg, got;
	struct vp_msg_hs init, resp, again;

	setup_keys();
	init_msg(&msg);
	vp_hs_build(&init, &keys, &msg, NULL);
	CHECK_EQ(parse(&init, &got), 0);
	CHECK(same_msg(&msg, &got));
	vp_hs_build(&again, &keys, &got, NULL);
	CHECK(!memcmp(&init, &again, sizeof(init)));

	resp_msg(&msg);
	msg.status = VP_HS_OVERLAP;
	vp_hs_build(&resp, &keys, &msg, &init);
	CHECK_EQ(parse(&resp, &got), 0);
	CHECK(same_msg(&msg, &got));
	CHECK(vp_hs_mac_ok(&resp, &keys, &init));
}

/* Any one bit changed: the parse or the MAC refuses it. */
TEST(mac_every_bit)
{
	struct vp_msg_hs init, resp, m;
	struct vp_hs_msg msg, got;
	size_t i, bad = 0;
	int bit;

	setup_keys();
	init_msg(&msg);
	vp_hs_build(&init, &keys, &msg, NULL);
	resp_msg(&msg);
	vp_hs_build(&resp, &keys, &msg, &init);
	for (i = 0; i < VP_HS_MSG_LEN; i++) {
		for (bit = 0; bit < 8; bit++) {
			m = init;
			((u8 *)&m)[i] ^= 1 << bit;
			if (!parse(&m, &got) && vp_hs_mac_ok(&m, &keys, NULL))
				bad++;
			m = resp;
			((u8 *)&m)[i] ^= 1 << bit;
			if (!parse(&m, &got) && vp_hs_mac_ok(&m, &keys, &init))
				bad++;
		}
	}
	CHECK_EQ(bad, 0);
}

/* A RESP answers one INIT: with another, or with another key, it fails. */
TEST(resp_bound_to_init)
{
	struct vp_msg_hs init, init2, resp;
	struct vp_hs_keys other;
	struct vp_hs_msg msg;
	u8 secret[VPCPEER_SECRET_LEN] = { 0 };
	size_t i;

	setup_keys();
	init_msg(&msg);
	vp_hs_build(&init, &keys, &msg, NULL);
	msg.timestamp++;
	vp_hs_build(&init2, &keys, &msg, NULL);
	resp_msg(&msg);
	vp_hs_build(&resp, &keys, &msg, &init);
	CHECK(vp_hs_mac_ok(&resp, &keys, &init));
	CHECK(!vp_hs_mac_ok(&resp, &keys, &init2));
	CHECK(!vp_hs_mac_ok(&resp, &keys, NULL));
	CHECK(!vp_hs_mac_ok(&init, &keys, &init));
	/* Another secret, or the same secret for another pcx id. */
	vp_hs_keys_derive(&other, secret, "pcx-0ab");
	CHECK(!vp_hs_mac_ok(&init, &other, NULL));
	for (i = 0; i < sizeof(secret); i++)
		secret[i] = (u8)i;
	vp_hs_keys_derive(&other, secret, "pcx-0ac");
	CHECK(!vp_hs_mac_ok(&init, &other, NULL));
	vp_hs_keys_derive(&other, secret, "pcx-0ab");
	CHECK(vp_hs_mac_ok(&init, &other, NULL));
}

/* Each way a message can be malformed, on an otherwise valid INIT/RESP. */
TEST(parse_rejects)
{
	struct vp_hs_msg msg, got;
	struct vp_msg_hs init, resp, m;
	u8 buf[VP_HS_MSG_LEN + 1];

	setup_keys();
	init_msg(&msg);
	vp_hs_build(&init, &keys, &msg, NULL);
	resp_msg(&msg);
	vp_hs_build(&resp, &keys, &msg, &init);

	memcpy(buf, &init, VP_HS_MSG_LEN);
	buf[VP_HS_MSG_LEN] = 0;
	CHECK_EQ(vp_hs_parse(buf, VP_HS_MSG_LEN - 1, &got), -EINVAL);
	CHECK_EQ(vp_hs_parse(buf, VP_HS_MSG_LEN + 1, &got), -EINVAL);
	CHECK_EQ(vp_hs_parse(buf, 0, &got), -EINVAL);

#define REJECT(base, stmt, want)					\
	do {								\
		m = base;						\
		stmt;							\
		CHECK_EQ(parse(&m, &got), want);			\
	} while (0)
	REJECT(init, m.version = 1, -EPROTONOSUPPORT);
	REJECT(init, m.version = 3, -EPROTONOSUPPORT);
	REJECT(init, m.type = 1, -EINVAL);
	REJECT(init, m.type = 4, -EINVAL);
	REJECT(init, m.reserved = 1, -EINVAL);
	REJECT(init, m.status = 1, -EINVAL);
	REJECT(init, m.receiver_index = 1, -EINVAL);
	REJECT(resp, m.timestamp = 1, -EINVAL);
	REJECT(resp, m.status = VP_HS_SECRET_MISMATCH, -EINVAL);
	REJECT(resp, m.status = VP_HS_STATUS_MAX, -EINVAL);
	/* Strings: unterminated, bytes after the NUL, bad characters. */
	REJECT(init, memset(m.info.pcx, 'a', sizeof(m.info.pcx)), -EINVAL);
	REJECT(init, m.info.pcx[20] = 'x', -EINVAL);
	REJECT(init, m.info.sender_vpc[63] = 'x', -EINVAL);
	REJECT(init, m.info.receiver_vpc[10] = 'x', -EINVAL);
	REJECT(init, strcpy(m.info.pcx, "pcx-0AB"), -EINVAL);
	REJECT(init, strcpy(m.info.pcx, "pcx-"), -EINVAL);
	REJECT(init, strcpy(m.info.pcx, "pcx-0123456789abcdef01"), -EINVAL);
	REJECT(init, m.info.sender_vpc[0] = 0, -EINVAL);
	REJECT(init, m.info.sender_vpc[1] = (char)0xe9, -EINVAL);
	REJECT(init, m.info.receiver_vpc[2] = ' ', -EINVAL);
	REJECT(init, memset(m.info.sender_vpc, 'v', 64), -EINVAL);
	/* Cipher, reserved, CIDR slots. */
	REJECT(init, m.info.cipher = 0, -EINVAL);
	REJECT(init, m.info.cipher = 3, -EINVAL);
	REJECT(init, m.info.reserved[1] = 1, -EINVAL);
	REJECT(init, m.info.n_cidrs = 33, -EINVAL);
	REJECT(init, m.info.n_cidrs = 3, -EINVAL);	/* slot 2 empty */
	REJECT(init, m.info.n_cidrs = 1, -EINVAL);	/* slot 1 left over */
	REJECT(init, m.info.cidrs[31].addr[15] = 1, -EINVAL);
	REJECT(init, m.info.cidrs[0].addr[3] = 1, -EINVAL); /* host bits */
	REJECT(init, m.info.cidrs[0].len = 33, -EINVAL);
	REJECT(init, m.info.cidrs[0].family = 5, -EINVAL);
	REJECT(init, m.info.cidrs[0].addr[4] = 1, -EINVAL); /* past IPv4 */
#undef REJECT
	/* The longest valid strings pass. */
	m = init;
	memset(m.info.sender_vpc, 'v', VPCPEER_ID_MAX);
	strcpy(m.info.pcx, "pcx-0123456789abcdef0");
	CHECK_EQ(parse(&m, &got), 0);
	CHECK_EQ(strlen(got.info.sender_vpc), VPCPEER_ID_MAX);
	/* Building cuts a string too long to leave a NUL, never overruns. */
	init_msg(&msg);
	memset(msg.info.pcx, 'f', sizeof(msg.info.pcx));
	vp_hs_build(&m, &keys, &msg, NULL);
	CHECK_EQ(m.info.pcx[VP_HS_PCX_LEN - 1], 0);
	CHECK(m.info.sender_vpc[0] == 'v');
}

/* A pcx longer than its field is cut there, not copied past the stack. */
TEST(keys_long_pcx)
{
	static char pcx[200], cut[VP_HS_PCX_LEN];
	u8 secret[VPCPEER_SECRET_LEN] = { 7 };
	struct vp_hs_keys a, b;

	memset(pcx, 'f', sizeof(pcx) - 1);
	memset(cut, 'f', sizeof(cut) - 1);
	vp_hs_keys_derive(&a, secret, pcx);
	vp_hs_keys_derive(&b, secret, cut);
	CHECK(!memcmp(&a, &b, sizeof(a)));
}

TEST(ids)
{
	static char longest[VPCPEER_ID_MAX + 2];

	CHECK(vp_hs_pcx_valid("pcx-0"));
	CHECK(vp_hs_pcx_valid("pcx-0123456789abcdef0"));
	CHECK(!vp_hs_pcx_valid("pcx-0123456789abcdef01"));
	CHECK(!vp_hs_pcx_valid("pcx-g"));
	CHECK(!vp_hs_pcx_valid("PCX-0"));
	CHECK(!vp_hs_pcx_valid(""));
	CHECK(vp_hs_id_valid("vpc-A.b_c-9"));
	CHECK(!vp_hs_id_valid(""));
	CHECK(!vp_hs_id_valid("vpc a"));
	CHECK(!vp_hs_id_valid("vpc\xe9"));
	memset(longest, 'x', VPCPEER_ID_MAX);
	CHECK(vp_hs_id_valid(longest));
	longest[VPCPEER_ID_MAX] = 'x';
	CHECK(!vp_hs_id_valid(longest));
}

/* Vectors from python3 selftests/hs_ref.py. */
TEST(vectors)
{
	static const char dh_hex[] =
		"4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
	struct vp_msg_hs init, resp;
	struct vp_session_keys sk;
	u8 dh[VP_HS_KEY_LEN];
	size_t i;

	setup_keys();
	CHECK(hex_eq(keys.mac, 32,
		     "cb0022c12bbb99921eb21e992f1cd01efdd3d6cc22064f22e82fe590d7b25a2d"));
	CHECK(hex_eq(keys.session_salt, 32,
		     "581673f386dcfd08f8c98df14cc1f72d97a4fe70238b5f089ec096cf813d3438"));
	for (i = 0; i < VP_HS_MSG_LEN; i++) {
		((u8 *)&init)[i] = (u8)(i * 7 + 1);
		((u8 *)&resp)[i] = (u8)(i * 13 + 5);
	}
	/* The RESP's MAC covers the INIT as it is, MAC field included. */
	unhex(resp.mac, "f5a14097dc4fd5785ccf943dbb71cedc");
	CHECK(vp_hs_mac_ok(&resp, &keys, &init));
	unhex(init.mac, "4435b8e03c6f7ebbd9c3406a68f2b465");
	CHECK(vp_hs_mac_ok(&init, &keys, NULL));
	CHECK(!vp_hs_mac_ok(&resp, &keys, &init));
	for (i = 0; i < VP_HS_MSG_LEN; i++) {
		((u8 *)&init)[i] = (u8)(i * 7 + 1);
		((u8 *)&resp)[i] = (u8)(i * 13 + 5);
	}
	unhex(dh, dh_hex);

	CHECK_EQ(vp_hs_session_keys(&sk, &keys, dh, &init, &resp, true, 16), 0);
	CHECK_EQ(sk.key_len, 16);
	CHECK(hex_eq(sk.tx.key, 16, "5632ca5bd0f17681c207ccfa4bca62d5"));
	CHECK(hex_eq(sk.tx.salt, 4, "e8ec5e21"));
	CHECK(hex_eq(sk.rx.key, 16, "32ca7bc54b9681ffb6eca760a94c7ffd"));
	CHECK(hex_eq(sk.rx.salt, 4, "d56eea12"));

	CHECK_EQ(vp_hs_session_keys(&sk, &keys, dh, &init, &resp, false, 32), 0);
	CHECK(hex_eq(sk.rx.key, 32,
		     "5632ca5bd0f17681c207ccfa4bca62d5e8ec5e2132ca7bc54b9681ffb6eca760"));
	CHECK(hex_eq(sk.rx.salt, 4, "a94c7ffd"));
	CHECK(hex_eq(sk.tx.key, 32,
		     "d56eea126bdfa73d466c7bafb77f0eab5f146f33abb487ed1da6c03728262aac"));
	CHECK(hex_eq(sk.tx.salt, 4, "28a6f72b"));

	CHECK_EQ(vp_hs_session_keys(&sk, &keys, dh, &init, &resp, true, 24),
		 -EINVAL);
}

/* X25519 by OpenSSL: (priv, pub) and the shared secret with peer_pub. */
static void x25519_keypair(u8 priv[32], u8 pub[32])
{
	EVP_PKEY *k = NULL;
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_id(EVP_PKEY_X25519, NULL);
	size_t n = 32;

	if (!c || EVP_PKEY_keygen_init(c) <= 0 || EVP_PKEY_keygen(c, &k) <= 0 ||
	    !EVP_PKEY_get_raw_private_key(k, priv, &n) ||
	    !EVP_PKEY_get_raw_public_key(k, pub, &n))
		abort();
	EVP_PKEY_free(k);
	EVP_PKEY_CTX_free(c);
}

static void x25519(u8 out[32], const u8 priv[32], const u8 peer_pub[32])
{
	EVP_PKEY *k, *p;
	EVP_PKEY_CTX *c;
	size_t n = 32;

	k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv, 32);
	p = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer_pub, 32);
	c = EVP_PKEY_CTX_new(k, NULL);
	if (!k || !p || !c || EVP_PKEY_derive_init(c) <= 0 ||
	    EVP_PKEY_derive_set_peer(c, p) <= 0 ||
	    EVP_PKEY_derive(c, out, &n) <= 0)
		abort();
	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(p);
	EVP_PKEY_free(k);
}

/* RFC 7748 6.1: the dh of the vectors is X25519 of Alice's and Bob's. */
TEST(x25519_rfc7748)
{
	u8 a[32], bpub[32], out[32];

	unhex(a, "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
	unhex(bpub, "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
	x25519(out, a, bpub);
	CHECK(hex_eq(out, 32,
		     "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"));
}

/*
 * A whole exchange between two ends with fresh X25519 shares: each
 * verifies the other's message and they derive mirrored keys; a session
 * never repeats its keys.
 */
TEST(exchange)
{
	u8 ipriv[32], rpriv[32], idh[32], rdh[32];
	struct vp_session_keys ik, rk, ik2;
	struct vp_msg_hs init, resp;
	struct vp_hs_msg msg, got;

	setup_keys();
	init_msg(&msg);
	x25519_keypair(ipriv, msg.ephemeral);
	vp_hs_build(&init, &keys, &msg, NULL);

	CHECK_EQ(parse(&init, &got), 0);
	CHECK(vp_hs_mac_ok(&init, &keys, NULL));
	resp_msg(&msg);
	msg.receiver_index = got.sender_index;
	x25519_keypair(rpriv, msg.ephemeral);
	vp_hs_build(&resp, &keys, &msg, &init);
	x25519(rdh, rpriv, got.ephemeral);
	CHECK_EQ(vp_hs_session_keys(&rk, &keys, rdh, &init, &resp, false, 16),
		 0);

	CHECK_EQ(parse(&resp, &got), 0);
	CHECK(vp_hs_mac_ok(&resp, &keys, &init));
	x25519(idh, ipriv, got.ephemeral);
	CHECK(!memcmp(idh, rdh, 32));
	CHECK_EQ(vp_hs_session_keys(&ik, &keys, idh, &init, &resp, true, 16),
		 0);
	CHECK(!memcmp(&ik.tx, &rk.rx, sizeof(ik.tx)));
	CHECK(!memcmp(&ik.rx, &rk.tx, sizeof(ik.rx)));
	CHECK(memcmp(ik.tx.key, ik.rx.key, 16));

	/* The next session: new shares, new keys. */
	init_msg(&msg);
	x25519_keypair(ipriv, msg.ephemeral);
	vp_hs_build(&init, &keys, &msg, NULL);
	x25519(idh, ipriv, resp.ephemeral);
	CHECK_EQ(vp_hs_session_keys(&ik2, &keys, idh, &init, &resp, true, 16),
		 0);
	CHECK(memcmp(ik2.tx.key, ik.tx.key, 16));
	CHECK(memcmp(ik2.rx.key, ik.rx.key, 16));
}

TEST(check)
{
	struct vp_hs_info a, b;

	info_a(&a);	/* ours, at vpc-a */
	info_b(&b);	/* what vpc-b says */
	CHECK_EQ(vp_hs_check(&b, &a), VP_HS_OK);

	b.cipher = VPCPEER_CIPHER_AES_GCM_256;
	CHECK_EQ(vp_hs_check(&b, &a), VP_HS_CIPHER_MISMATCH);
	info_b(&b);
	strcpy(b.sender_vpc, "vpc-x");
	CHECK_EQ(vp_hs_check(&b, &a), VP_HS_VPC_MISMATCH);
	info_b(&b);
	strcpy(b.receiver_vpc, "vpc-y");
	CHECK_EQ(vp_hs_check(&b, &a), VP_HS_VPC_MISMATCH);
	info_b(&b);
	strcpy(b.pcx, "pcx-0ac");
	CHECK_EQ(vp_hs_check(&b, &a), VP_HS_VPC_MISMATCH);
	/* Overlap in either family; the other end finds the same. */
	info_b(&b);
	b.cidrs[1] = pfx(VP_AF_INET6, "fd0000010000ff", 64);
	b.n_cidrs = 2;
	CHECK_EQ(vp_hs_check(&b, &a), VP_HS_OVERLAP);
	CHECK_EQ(vp_hs_check(&a, &b), VP_HS_OVERLAP);
	b.cidrs[1] = pfx(VP_AF_INET, "0a", 8);
	CHECK_EQ(vp_hs_check(&b, &a), VP_HS_OVERLAP);
	b.cidrs[1] = pfx(VP_AF_INET6, "fd000002", 48);
	CHECK_EQ(vp_hs_check(&b, &a), VP_HS_OK);
	/* No CIDRs at all overlap nothing. */
	b.n_cidrs = 0;
	CHECK_EQ(vp_hs_check(&b, &a), VP_HS_OK);
}

TEST(ts_fresh)
{
	/* Live: newer than the current session's INIT and any pending. */
	CHECK(vp_hs_ts_fresh(11, 10, 0, true));
	CHECK(!vp_hs_ts_fresh(10, 10, 0, true));
	CHECK(!vp_hs_ts_fresh(5, 10, 0, true));
	CHECK(!vp_hs_ts_fresh(11, 10, 12, true));
	CHECK(vp_hs_ts_fresh(13, 10, 12, true));
	/* Not live: an older clock is answered, a pending one not undone. */
	CHECK(vp_hs_ts_fresh(5, 10, 0, false));
	CHECK(!vp_hs_ts_fresh(5, 10, 5, false));
	CHECK(!vp_hs_ts_fresh(4, 10, 5, false));
	CHECK(vp_hs_ts_fresh(6, 10, 5, false));
}

TEST(states)
{
	static const struct {
		u8 state, reason;
		enum vp_event ev;
		u8 status, want_state, want_reason;
	} t[] = {
		{ VP_STATE_PENDING, 0, VP_EV_CONFIRMED, 0, VP_STATE_ACTIVE, 0 },
		{ VP_STATE_DELETED, 0, VP_EV_CONFIRMED, 0, VP_STATE_ACTIVE, 0 },
		{ VP_STATE_FAILED, VP_HS_OVERLAP, VP_EV_CONFIRMED, 0,
		  VP_STATE_ACTIVE, 0 },
		{ VP_STATE_ACTIVE, 0, VP_EV_TEARDOWN, 0, VP_STATE_DELETED, 0 },
		{ VP_STATE_PENDING, 0, VP_EV_REJECTED, VP_HS_OVERLAP,
		  VP_STATE_FAILED, VP_HS_OVERLAP },
		{ VP_STATE_ACTIVE, 0, VP_EV_REJECTED, VP_HS_VPC_MISMATCH,
		  VP_STATE_FAILED, VP_HS_VPC_MISMATCH },
		/* Forgeries move only a peering that has no session. */
		{ VP_STATE_PENDING, 0, VP_EV_BAD_MAC, 0, VP_STATE_FAILED,
		  VP_HS_SECRET_MISMATCH },
		{ VP_STATE_ACTIVE, 0, VP_EV_BAD_MAC, 0, VP_STATE_ACTIVE, 0 },
		{ VP_STATE_DELETED, 0, VP_EV_BAD_MAC, 0, VP_STATE_DELETED, 0 },
		{ VP_STATE_FAILED, VP_HS_OVERLAP, VP_EV_BAD_MAC, 0,
		  VP_STATE_FAILED, VP_HS_OVERLAP },
		/* A local change starts over, but an active one stays. */
		{ VP_STATE_FAILED, VP_HS_SECRET_MISMATCH, VP_EV_RECONFIGURED, 0,
		  VP_STATE_PENDING, 0 },
		{ VP_STATE_DELETED, 0, VP_EV_RECONFIGURED, 0, VP_STATE_PENDING, 0 },
		{ VP_STATE_ACTIVE, 0, VP_EV_RECONFIGURED, 0, VP_STATE_ACTIVE, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct vp_peer_state s = { t[i].state, t[i].reason };

		vp_state_next(&s, t[i].ev, t[i].status);
		if (s.state != t[i].want_state || s.reason != t[i].want_reason) {
			fprintf(stderr, "# transition %zu: got %s/%s\n", i,
				vp_state_name(s.state),
				vp_hs_status_name(s.reason));
			CHECK(0);
		}
	}
	CHECK(!strcmp(vp_state_name(VP_STATE_PENDING), "pending-acceptance"));
	CHECK(!strcmp(vp_state_name(VP_STATE_MAX), "unknown"));
	CHECK(!strcmp(vp_hs_status_name(VP_HS_SECRET_MISMATCH),
		      "secret-mismatch"));
}

static const struct tap_test tests[] = {
	TAP(layout),
	TAP(init_bytes),
	TAP(round_trip),
	TAP(mac_every_bit),
	TAP(resp_bound_to_init),
	TAP(parse_rejects),
	TAP(keys_long_pcx),
	TAP(ids),
	TAP(vectors),
	TAP(x25519_rfc7748),
	TAP(exchange),
	TAP(check),
	TAP(ts_fresh),
	TAP(states),
};

TAP_MAIN(tests)
