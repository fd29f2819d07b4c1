/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The session handshake's kernel-independent parts: message layout,
 * parsing, MACs, the key schedule, the checks both ends make of each
 * other, and the peering state machine. Documentation/sessions.rst
 * describes the protocol.
 */
#ifndef _VP_HANDSHAKE_H
#define _VP_HANDSHAKE_H

#include "kdf.h"
#include "prefix.h"
#include "wire.h"
#include "../uapi/linux/vpcpeer.h"

#define VP_HS_VERSION		VP_WIRE_VERSION

#define VP_HS_KEY_LEN		32	/* X25519 public keys, shared secret */
#define VP_HS_MAC_LEN		16
#define VP_HS_PCX_LEN		24	/* "pcx-", 17 hex digits, NUL, pad */
#define VP_HS_ID_LEN		(VPCPEER_ID_MAX + 1)
#define VP_HS_MAX_CIDRS		(2 * VPCPEER_MAX_CIDRS)

/* One CIDR block: the layout of struct vp_prefix. */
struct vp_hs_prefix {
	u8 family;		/* VP_AF_INET, VP_AF_INET6; 0: unused slot */
	u8 len;
	u8 addr[16];		/* network order, zero past len */
} __packed;

/* What the sender says of the peering and of its own VPC. */
struct vp_hs_wire_info {
	char pcx[VP_HS_PCX_LEN];	 /* NUL-terminated, zero-padded */
	char sender_vpc[VP_HS_ID_LEN];	 /* the sender's VPC id */
	char receiver_vpc[VP_HS_ID_LEN]; /* the VPC it means to peer with */
	u8 cipher;			 /* enum vpcpeer_cipher */
	u8 n_cidrs;			 /* used slots of cidrs, first ones */
	u8 reserved[2];			 /* zero */
	struct vp_hs_prefix cidrs[VP_HS_MAX_CIDRS]; /* the sender's VPC */
} __packed;

/*
 * INIT and RESP have one layout and one size, so that a response is never
 * larger than what asked for it. Fields a type does not use are zero.
 */
struct vp_msg_hs {
	u8 version;		/* VP_HS_VERSION */
	u8 type;		/* VP_MSG_HS_INIT or VP_MSG_HS_RESP */
	u8 status;		/* RESP: enum vp_hs_status */
	u8 reserved;
	__be32 sender_index;	/* where the sender wants data sent */
	__be32 receiver_index;	/* RESP: the INIT's sender_index */
	__be64 timestamp;	/* INIT: ns, increasing per peering */
	u8 ephemeral[VP_HS_KEY_LEN];	/* the sender's X25519 share */
	struct vp_hs_wire_info info;
	u8 mac[VP_HS_MAC_LEN];	/* see vp_hs_mac() */
} __packed;

#define VP_HS_MSG_LEN	sizeof(struct vp_msg_hs)
static_assert(sizeof(struct vp_hs_prefix) == 18, "vp_hs_prefix layout");
static_assert(sizeof(struct vp_hs_wire_info) == 732, "vp_hs_wire_info layout");
static_assert(sizeof(struct vp_msg_hs) == 800, "vp_msg_hs layout");

/*
 * What a handshake can say of a peering, in a RESP's status and as the
 * reason a peering failed. SECRET_MISMATCH is never sent: it is what the
 * receiver concludes from MACs that do not verify.
 */
enum vp_hs_status {
	VP_HS_OK = VPCPEER_REASON_NONE,
	/* VPC ids are not the ones configured */
	VP_HS_VPC_MISMATCH = VPCPEER_REASON_VPC_MISMATCH,
	VP_HS_CIPHER_MISMATCH = VPCPEER_REASON_CIPHER_MISMATCH,
	/* the two VPCs' CIDRs overlap */
	VP_HS_OVERLAP = VPCPEER_REASON_CIDR_OVERLAP,
	VP_HS_SECRET_MISMATCH = VPCPEER_REASON_SECRET_MISMATCH,
	VP_HS_STATUS_MAX
};

const char *vp_hs_status_name(u8 status);

/* A peering's view of itself, for building messages and checking them. */
struct vp_hs_info {
	char pcx[VP_HS_PCX_LEN];
	char sender_vpc[VP_HS_ID_LEN];
	char receiver_vpc[VP_HS_ID_LEN];
	u8 cipher;
	u8 n_cidrs;
	struct vp_prefix cidrs[VP_HS_MAX_CIDRS];
};

/* A message as parsed; nothing in it is authentic before its MAC is. */
struct vp_hs_msg {
	u8 type;
	u8 status;
	u32 sender_index;
	u32 receiver_index;
	u64 timestamp;
	u8 ephemeral[VP_HS_KEY_LEN];
	struct vp_hs_info info;
};

/* Keys of a peering that last as long as its secret and pcx id. */
struct vp_hs_keys {
	u8 mac[VP_HASH_LEN];		/* authenticates INIT and RESP */
	u8 session_salt[VP_HASH_LEN];	/* salts every session's keys */
};

void vp_hs_keys_derive(struct vp_hs_keys *k,
		       const u8 secret[VPCPEER_SECRET_LEN], const char *pcx);

/* "pcx-" and 1 to 17 lowercase hex digits. */
bool vp_hs_pcx_valid(const char *s);
/* 1 to VPCPEER_ID_MAX of ASCII letters, digits, '.', '_', '-'. */
bool vp_hs_id_valid(const char *s);

/*
 * Builds a message in m; every byte is set. For a RESP, init is the INIT
 * being answered (its hash is bound into the MAC); NULL for an INIT.
 */
void vp_hs_build(struct vp_msg_hs *m, const struct vp_hs_keys *k,
		 const struct vp_hs_msg *msg, const struct vp_msg_hs *init);

/*
 * Parses len bytes at buf (need not be aligned): exactly VP_HS_MSG_LEN,
 * version VP_HS_VERSION, a known type, every field in range and in its
 * one encoding (strings NUL-terminated and zero-padded, unused slots
 * zero). 0, -EPROTONOSUPPORT for another version, or -EINVAL. The MAC is
 * not checked.
 */
int vp_hs_parse(const u8 *buf, size_t len, struct vp_hs_msg *out);

/* Whether the MAC of m verifies (constant time); init as for build. */
bool vp_hs_mac_ok(const struct vp_msg_hs *m, const struct vp_hs_keys *k,
		  const struct vp_msg_hs *init);

/*
 * What this end finds of the other's info, ours being what it would
 * send (sender_vpc: this VPC, receiver_vpc: the configured peer VPC,
 * cidrs: this VPC's). The peer CIDRs configured here are this end's
 * policy (what it accepts from the peer), not checked against what the
 * peer announces.
 */
enum vp_hs_status vp_hs_check(const struct vp_hs_info *theirs,
			      const struct vp_hs_info *ours);

/*
 * Whether an INIT (MAC verified) stamped ts may start a session. A live
 * peering (active, its peer heard from lately) takes only an INIT newer
 * than the one of its current session and of any pending one; one that
 * is not live takes one newer than the pending one, so that an initiator
 * whose clock stepped back is answered once it has been silent long
 * enough. A replayed INIT can at most start a pending session that no
 * one can confirm.
 */
bool vp_hs_ts_fresh(u64 ts, u64 current_ts, u64 pending_ts, bool live);

/* One direction's AES-GCM key and nonce salt. */
struct vp_hs_dir {
	u8 key[32];
	u8 salt[4];
};

struct vp_session_keys {
	struct vp_hs_dir tx, rx;
	unsigned int key_len;		/* 16 or 32 */
};

/*
 * The data keys of the session that init and resp established, dh being
 * X25519 of the two shares:
 *   PRK = HKDF-Extract(salt = session_salt, IKM = dh)
 *   OKM = HKDF-Expand(PRK, "vpcpeer-v2 data" || SHA-256(init || resp),
 *                     2 * (key_len + 4))
 * The first key_len + 4 bytes are the initiator's tx key and salt, the
 * rest the responder's. 0 or -EINVAL for another key_len.
 */
int vp_hs_session_keys(struct vp_session_keys *out,
		       const struct vp_hs_keys *k, const u8 dh[VP_HS_KEY_LEN],
		       const struct vp_msg_hs *init,
		       const struct vp_msg_hs *resp, bool initiator,
		       unsigned int key_len);

/* ------------------------------------------------------------- states */

/* The uapi's states (enum vpcpeer_peer_state). */
enum vp_state {
	/* pending-acceptance: no session yet */
	VP_STATE_PENDING = VPCPEER_STATE_PENDING_ACCEPTANCE,
	/* a session is confirmed: data flows */
	VP_STATE_ACTIVE = VPCPEER_STATE_ACTIVE,
	/* the other end deleted the peering */
	VP_STATE_DELETED = VPCPEER_STATE_DELETED,
	/* a check failed: see reason */
	VP_STATE_FAILED = VPCPEER_STATE_FAILED,
	VP_STATE_MAX
};

enum vp_event {
	/*
	 * A session is confirmed: the initiator got an authentic RESP, the
	 * responder the first authentic packet of the session it answered.
	 */
	VP_EV_CONFIRMED,
	VP_EV_REJECTED,		/* a check failed, here or (authentic) there */
	VP_EV_TEARDOWN,		/* authentic: the other end deleted it */
	VP_EV_BAD_MAC,		/* a handshake for it failed its MAC */
	VP_EV_RECONFIGURED,	/* this end's configuration changed */
};

struct vp_peer_state {
	u8 state;		/* enum vp_state */
	u8 reason;		/* enum vp_hs_status, when failed */
};

const char *vp_state_name(u8 state);

/*
 * The state after ev (status: the reason, for VP_EV_REJECTED). A bad MAC
 * can only make a peering that has no session look failed: nothing
 * unauthenticated moves an active or deleted one.
 */
void vp_state_next(struct vp_peer_state *s, enum vp_event ev, u8 status);

#endif /* _VP_HANDSHAKE_H */
