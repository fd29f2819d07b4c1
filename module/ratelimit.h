/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_RATELIMIT_H
#define _VP_RATELIMIT_H

#include "pure.h"

/*
 * Handshake messages a source address may have checked while the device
 * is under load (Documentation/sessions.rst, "Under a flood"): a token
 * bucket of VP_RL_BURST messages refilled at VP_RL_RATE a second, as
 * WireGuard's ratelimiter allows. Tokens are counted in nanoseconds.
 */
#define VP_RL_RATE	20
#define VP_RL_BURST	5
#define VP_RL_COST	(1000000000ULL / VP_RL_RATE)
#define VP_RL_MAX	(VP_RL_COST * VP_RL_BURST)

/* Buckets per device, chosen by a keyed hash of the source address. */
#define VP_RL_ENTRIES	256

/* One source's bucket. addr is an IPv6 or IPv4-mapped address. */
struct vp_rl_entry {
	u8 addr[16];
	u64 tokens;
	u64 last;	/* ns */
};

/*
 * True if the source addr may send one more message at now (ns), and
 * takes its token. An entry found holding another address is given to
 * addr with a full bucket: two sources sharing an entry are never
 * limited on each other's account. The caller serialises calls on e.
 */
bool vp_rl_allow(struct vp_rl_entry *e, const u8 addr[16], u64 now);

#endif /* _VP_RATELIMIT_H */
