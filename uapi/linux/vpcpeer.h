/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vpcpeer: VPC peering over encrypted UDP.
 *
 * Generic netlink family "vpcpeer", version 1. Every command takes the
 * device by VPCPEER_A_DEVICE_IFINDEX or VPCPEER_A_DEVICE_IFNAME, looked up
 * in the network namespace of the requesting socket, and needs
 * CAP_NET_ADMIN in the user namespace that owns that network namespace.
 *
 * Documentation/netlink.rst describes every command and attribute; in short:
 *
 * VPCPEER_CMD_GET_DEVICE   doit: one device; dumpit: every vpcpeer device
 * VPCPEER_CMD_SET_DEVICE   VPC_ID, CIDRS, LISTEN_PORT, REGION (any subset)
 * VPCPEER_CMD_NEW_PEER     DEVICE_PEER { PCX, REMOTE_VPC, CIDRS, ENDPOINT,
 *                          SECRET, [CIPHER], [REGION] }
 * VPCPEER_CMD_DEL_PEER     DEVICE_PEER { PCX }
 * VPCPEER_CMD_GET_PEER     dumpit: the device's peerings, one message each,
 *                          with DEVICE_PEER { all of the above but SECRET,
 *                          STATS, LOCAL_INDEX, REMOTE_INDEX, TX_COUNTER }
 * VPCPEER_CMD_NEW_ROUTE    DEVICE_ROUTE { PREFIX, PCX }, once or more (all
 *                          or none)
 * VPCPEER_CMD_DEL_ROUTE    DEVICE_ROUTE { PREFIX }, once or more
 * VPCPEER_CMD_GET_ROUTE    dumpit: the device's routes, one message each
 * VPCPEER_CMD_REKEY        DEVICE_PEER { PCX }: start a handshake now
 *
 * The multicast group VPCPEER_MCGRP_EVENTS (CAP_NET_ADMIN) carries, for the
 * devices of the listener's network namespace, each with DEVICE_IFINDEX and
 * DEVICE_IFNAME:
 *
 * VPCPEER_CMD_PEER_NTF       DEVICE_PEER { PCX, STATE, [REASON] }: a
 *                            peering was made, changed state, or was
 *                            deleted here (STATE deleted)
 * VPCPEER_CMD_SESSION_NTF    DEVICE_PEER { PCX, LOCAL_INDEX, REMOTE_INDEX }:
 *                            a new session's keys are in use (a rekey)
 * VPCPEER_CMD_ROUTE_ADD_NTF  DEVICE_ROUTE { PREFIX, PCX }, one per route
 * VPCPEER_CMD_ROUTE_DEL_NTF  DEVICE_ROUTE { PREFIX }, one per route
 */
#ifndef _UAPI_LINUX_VPCPEER_H
#define _UAPI_LINUX_VPCPEER_H

#define VPCPEER_GENL_NAME	"vpcpeer"
#define VPCPEER_GENL_VERSION	1
#define VPCPEER_MCGRP_EVENTS	"events"

#define VPCPEER_SECRET_LEN	32	/* bytes of a peering secret */
#define VPCPEER_ID_MAX		63	/* longest VPC id, pcx id or region */
#define VPCPEER_MAX_CIDRS	16	/* CIDR blocks per VPC, each family */
#define VPCPEER_MAX_PEERS	125	/* active peerings per VPC (AWS) */
#define VPCPEER_MAX_ROUTES	1000	/* routes per device, each family */

enum vpcpeer_cmd {
	VPCPEER_CMD_UNSPEC,
	VPCPEER_CMD_GET_DEVICE,
	VPCPEER_CMD_SET_DEVICE,
	VPCPEER_CMD_NEW_PEER,
	VPCPEER_CMD_DEL_PEER,
	VPCPEER_CMD_GET_PEER,
	VPCPEER_CMD_NEW_ROUTE,
	VPCPEER_CMD_DEL_ROUTE,
	VPCPEER_CMD_GET_ROUTE,
	VPCPEER_CMD_REKEY,
	VPCPEER_CMD_PEER_NTF,
	VPCPEER_CMD_SESSION_NTF,
	VPCPEER_CMD_ROUTE_ADD_NTF,
	VPCPEER_CMD_ROUTE_DEL_NTF,
	__VPCPEER_CMD_MAX
};

#define VPCPEER_CMD_MAX (__VPCPEER_CMD_MAX - 1)

enum vpcpeer_device_attr {
	VPCPEER_A_DEVICE_UNSPEC,
	VPCPEER_A_DEVICE_IFINDEX,	/* u32 */
	VPCPEER_A_DEVICE_IFNAME,	/* string, < IFNAMSIZ */
	VPCPEER_A_DEVICE_VPC_ID,	/* string, <= VPCPEER_ID_MAX */
	VPCPEER_A_DEVICE_CIDRS,		/* nest: VPCPEER_A_CIDR entries */
	VPCPEER_A_DEVICE_LISTEN_PORT,	/* u16, host order; 0: any */
	VPCPEER_A_DEVICE_REGION,	/* string, <= VPCPEER_ID_MAX */
	VPCPEER_A_DEVICE_PEER,		/* nest: enum vpcpeer_peer_attr */
	VPCPEER_A_DEVICE_ROUTE,		/* nest: enum vpcpeer_route_attr */
	VPCPEER_A_DEVICE_STATS,		/* nest: enum vpcpeer_stats_attr */
	VPCPEER_A_DEVICE_PEER_COUNT,	/* u32, replies only */
	VPCPEER_A_DEVICE_ROUTE_COUNT,	/* u32, replies only */
	__VPCPEER_A_DEVICE_MAX
};

#define VPCPEER_A_DEVICE_MAX (__VPCPEER_A_DEVICE_MAX - 1)

/* A list of prefixes: a nest holding one VPCPEER_A_CIDR per prefix. */
enum vpcpeer_cidr_list_attr {
	VPCPEER_A_CIDR_UNSPEC,
	VPCPEER_A_CIDR,			/* nest: enum vpcpeer_prefix_attr */
	__VPCPEER_A_CIDR_MAX
};

#define VPCPEER_A_CIDR_MAX (__VPCPEER_A_CIDR_MAX - 1)

/* One IPv4 or IPv6 prefix; no bits may be set past PREFIXLEN. */
enum vpcpeer_prefix_attr {
	VPCPEER_A_PREFIX_UNSPEC,
	VPCPEER_A_PREFIX_ADDR,		/* binary: 4 (IPv4) or 16 (IPv6) bytes */
	VPCPEER_A_PREFIX_LEN,		/* u8 */
	__VPCPEER_A_PREFIX_MAX
};

#define VPCPEER_A_PREFIX_MAX (__VPCPEER_A_PREFIX_MAX - 1)

enum vpcpeer_cipher {
	VPCPEER_CIPHER_AES_GCM_128 = 1,
	VPCPEER_CIPHER_AES_GCM_256 = 2,
};

enum vpcpeer_peer_attr {
	VPCPEER_A_PEER_UNSPEC,
	VPCPEER_A_PEER_PCX,		/* string "pcx-" and 1 to 17 hex digits */
	VPCPEER_A_PEER_REMOTE_VPC,	/* string, <= VPCPEER_ID_MAX */
	VPCPEER_A_PEER_CIDRS,		/* nest: VPCPEER_A_CIDR entries */
	VPCPEER_A_PEER_ENDPOINT,	/* struct sockaddr_in or sockaddr_in6 */
	VPCPEER_A_PEER_SECRET,		/* binary, VPCPEER_SECRET_LEN; never dumped */
	VPCPEER_A_PEER_CIPHER,		/* u8, enum vpcpeer_cipher */
	VPCPEER_A_PEER_REGION,		/* string, <= VPCPEER_ID_MAX */
	VPCPEER_A_PEER_STATS,		/* nest: enum vpcpeer_stats_attr */
	VPCPEER_A_PEER_LOCAL_INDEX,	/* u32, replies only */
	VPCPEER_A_PEER_REMOTE_INDEX,	/* u32, replies only */
	VPCPEER_A_PEER_TX_COUNTER,	/* u64, replies only: next counter */
	VPCPEER_A_PEER_PAD,		/* padding before TX_COUNTER where a
					 * u64 must be aligned; ignore it
					 */
	VPCPEER_A_PEER_STATE,		/* u8, replies only: vpcpeer_peer_state */
	VPCPEER_A_PEER_REASON,		/* u8, replies only, when failed:
					 * vpcpeer_peer_reason
					 */
	VPCPEER_A_PEER_LAST_HANDSHAKE,	/* u64, replies only: ns since the
					 * epoch; absent before the first
					 */
	VPCPEER_A_PEER_LAST_RX,		/* u64, replies only: likewise, the
					 * last authentic packet received
					 */
	VPCPEER_A_PEER_DOWN,		/* flag, replies only: active but
					 * silent for DEAD_AFTER seconds
					 */
	VPCPEER_A_PEER_KEEPALIVE,	/* u16: seconds between keepalives
					 * when idle; 0: none (default 10)
					 */
	VPCPEER_A_PEER_DEAD_AFTER,	/* u16: seconds of silence that make
					 * the peering show as down (default 30)
					 */
	__VPCPEER_A_PEER_MAX
};

#define VPCPEER_A_PEER_MAX (__VPCPEER_A_PEER_MAX - 1)

/* Documentation/sessions.rst, "States". */
enum vpcpeer_peer_state {
	VPCPEER_STATE_PENDING_ACCEPTANCE,
	VPCPEER_STATE_ACTIVE,
	VPCPEER_STATE_DELETED,
	VPCPEER_STATE_FAILED,
};

enum vpcpeer_peer_reason {
	VPCPEER_REASON_NONE,
	VPCPEER_REASON_VPC_MISMATCH,
	VPCPEER_REASON_CIPHER_MISMATCH,
	VPCPEER_REASON_CIDR_OVERLAP,
	VPCPEER_REASON_SECRET_MISMATCH,
};

enum vpcpeer_route_attr {
	VPCPEER_A_ROUTE_UNSPEC,
	VPCPEER_A_ROUTE_PREFIX,		/* nest: enum vpcpeer_prefix_attr */
	VPCPEER_A_ROUTE_PCX,		/* string: the target peering */
	VPCPEER_A_ROUTE_BLACKHOLE,	/* flag, replies only: no such peering,
					 * or it is not active
					 */
	__VPCPEER_A_ROUTE_MAX
};

#define VPCPEER_A_ROUTE_MAX (__VPCPEER_A_ROUTE_MAX - 1)

/*
 * Counters, all u64. Packets and bytes are inner packets (the IP packet as
 * the VPC sees it): tx when the underlay's IP output took the datagram,
 * rx when the VPC's stack took it. A device reports the drops that have no
 * peering (NO_ROUTE, BLACKHOLE, UNKNOWN_PEER, MALFORMED of an outer header,
 * TX_MALFORMED); a peering reports its traffic and its own drops.
 */
enum vpcpeer_stats_attr {
	VPCPEER_A_STATS_UNSPEC,
	VPCPEER_A_STATS_PAD,
	VPCPEER_A_STATS_TX_PACKETS,
	VPCPEER_A_STATS_TX_BYTES,
	VPCPEER_A_STATS_RX_PACKETS,
	VPCPEER_A_STATS_RX_BYTES,
	VPCPEER_A_STATS_NO_ROUTE,	/* tx: no route for the destination */
	VPCPEER_A_STATS_BLACKHOLE,	/* tx: route to a deleted peering */
	VPCPEER_A_STATS_TRANSITIVE_SRC,	/* tx: source outside the VPC */
	VPCPEER_A_STATS_NONCE_EXHAUSTED, /* tx: counter space used up */
	VPCPEER_A_STATS_TX_ERROR,	/* tx: no underlay route, no memory,
					 * the underlay dropped it
					 */
	VPCPEER_A_STATS_AUTH_FAIL,	/* rx: AES-GCM tag mismatch */
	VPCPEER_A_STATS_REPLAY,		/* rx: counter seen or too old */
	VPCPEER_A_STATS_SPOOFED_SRC,	/* rx: source outside the peer VPC */
	VPCPEER_A_STATS_TRANSITIVE_DST,	/* rx: destination outside the VPC */
	VPCPEER_A_STATS_MALFORMED,	/* rx: bad header or inner packet */
	VPCPEER_A_STATS_UNKNOWN_PEER,	/* rx: no peering has that index */
	VPCPEER_A_STATS_MTU,		/* tx: too big for the underlay path,
					 * refused with ICMP
					 */
	VPCPEER_A_STATS_CRYPTO_ERROR,	/* rx: the AEAD engine failed */
	VPCPEER_A_STATS_ECN_DROP,	/* rx: CE outside, not ECN-capable inside */
	VPCPEER_A_STATS_TX_MALFORMED,	/* tx: not an IP packet (device) */
	VPCPEER_A_STATS_NOT_ACTIVE,	/* tx: the peering is not active or
					 * has no live session key
					 */
	VPCPEER_A_STATS_HS_BAD_MAC,	/* rx: a handshake failed its MAC */
	VPCPEER_A_STATS_HS_STALE,	/* rx: a handshake not newer than one
					 * answered, or answering none in flight
					 */
	VPCPEER_A_STATS_HS_DROPPED,	/* rx: the handshake queue was full
					 * (device)
					 */
	VPCPEER_A_STATS_QUEUE_FULL,	/* tx, rx: the peering's queue or the
					 * device's crypt queue was full
					 */
	__VPCPEER_A_STATS_MAX
};

#define VPCPEER_A_STATS_MAX (__VPCPEER_A_STATS_MAX - 1)

#endif /* _UAPI_LINUX_VPCPEER_H */
