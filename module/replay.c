// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 6479 sliding-window anti-replay check, after WireGuard's
 * counter_validate() (drivers/net/wireguard/receive.c).
 *
 * Counters are shifted by one (c + 1) so that top == 0 can mean "nothing
 * seen" and counter 0 stays valid. Bit (c + 1) % VP_REPLAY_WINDOW of the
 * bitmap, used as a ring of VP_REPLAY_WORDS words, records counter c. When
 * top moves forward, only the words between the old and the new top word
 * are cleared (all of them at most, for a jump past the whole window), so
 * the cost is bounded by the jump rather than by the window size.
 */

#include "replay.h"

void vp_replay_init(struct vp_replay *r)
{
	memset(r, 0, sizeof(*r));
}

bool vp_replay_check(struct vp_replay *r, u64 counter)
{
	u64 index, index_top, skip, i;
	unsigned long *word, bit;

	if (counter >= VP_COUNTER_LIMIT)
		return false;
	++counter;	/* cannot overflow, see above */
	if (counter + VP_REPLAY_SPAN < r->top)
		return false;	/* too old */

	index = counter / BITS_PER_LONG;
	if (counter > r->top) {
		/* Clear the words skipped over, including the new top's. */
		index_top = r->top / BITS_PER_LONG;
		skip = index - index_top;
		if (skip > VP_REPLAY_WORDS)
			skip = VP_REPLAY_WORDS;
		for (i = 1; i <= skip; i++)
			r->bitmap[(index_top + i) & (VP_REPLAY_WORDS - 1)] = 0;
		r->top = counter;
	}

	word = &r->bitmap[index & (VP_REPLAY_WORDS - 1)];
	bit = 1UL << (counter & (BITS_PER_LONG - 1));
	if (*word & bit)
		return false;	/* replayed */
	*word |= bit;
	return true;
}

bool vp_replay_fresh(const struct vp_replay *r, u64 counter)
{
	u64 index;

	if (counter >= VP_COUNTER_LIMIT)
		return false;
	++counter;
	if (counter + VP_REPLAY_SPAN < r->top)
		return false;
	if (counter > r->top)
		return true;
	index = counter / BITS_PER_LONG;
	return !(r->bitmap[index & (VP_REPLAY_WORDS - 1)] &
		 (1UL << (counter & (BITS_PER_LONG - 1))));
}
