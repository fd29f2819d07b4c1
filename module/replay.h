/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_REPLAY_H
#define _VP_REPLAY_H

#include "pure.h"

/* RFC 6479 anti-replay window, as in WireGuard's counter_validate(). */
#define VP_REPLAY_WINDOW	8192	/* bits in the bitmap */
#define VP_REPLAY_WORDS		(VP_REPLAY_WINDOW / BITS_PER_LONG)
/*
 * One word of the bitmap is shared between the oldest and the newest
 * counters, so a counter is accepted only if it is at most VP_REPLAY_SPAN
 * below the highest one seen so far (8128 with 64-bit longs).
 */
#define VP_REPLAY_SPAN		(VP_REPLAY_WINDOW - BITS_PER_LONG)
/* A sender never uses a counter >= this; a receiver rejects it. */
#define VP_COUNTER_LIMIT	(U64_MAX - VP_REPLAY_WINDOW - 1)

struct vp_replay {
	u64 top;	/* highest counter accepted + 1, 0 if none yet */
	unsigned long bitmap[VP_REPLAY_WORDS];
};

void vp_replay_init(struct vp_replay *r);

/*
 * True if counter is fresh, and records it. False if it was seen already,
 * is too old or is >= VP_COUNTER_LIMIT. Counter 0 is a valid first counter.
 * The caller serialises calls on the same r.
 */
bool vp_replay_check(struct vp_replay *r, u64 counter);

/*
 * False if vp_replay_check() would refuse counter now; changes nothing.
 * Lets a receiver drop a replay before decrypting it: the check proper
 * comes after, as the window may have moved meanwhile.
 */
bool vp_replay_fresh(const struct vp_replay *r, u64 counter);

#endif /* _VP_REPLAY_H */
