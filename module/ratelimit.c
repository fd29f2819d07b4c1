// SPDX-License-Identifier: GPL-2.0
/* A token bucket per handshake source: see ratelimit.h. */

#include "ratelimit.h"

bool vp_rl_allow(struct vp_rl_entry *e, const u8 addr[16], u64 now)
{
	u64 tokens;

	if (memcmp(e->addr, addr, sizeof(e->addr))) {
		memcpy(e->addr, addr, sizeof(e->addr));
		e->tokens = VP_RL_MAX;
		e->last = now;
	}
	/* A clock that went back (it does not: boottime) refills nothing. */
	tokens = now > e->last ? e->tokens + (now - e->last) : e->tokens;
	if (tokens > VP_RL_MAX)
		tokens = VP_RL_MAX;
	e->last = now;
	if (tokens < VP_RL_COST) {
		e->tokens = tokens;
		return false;
	}
	e->tokens = tokens - VP_RL_COST;
	return true;
}
