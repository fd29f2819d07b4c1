// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "replay.h"
#include "tap.h"

static struct vp_replay r;

TEST(sizes)
{
	CHECK_EQ(sizeof(r.bitmap) * 8, VP_REPLAY_WINDOW);
	CHECK_EQ(VP_REPLAY_SPAN, VP_REPLAY_WINDOW - 8 * sizeof(long));
	CHECK(VP_COUNTER_LIMIT == 0xffffffffffffffffULL - 8193);
}

TEST(counter_zero_first)
{
	vp_replay_init(&r);
	CHECK(vp_replay_check(&r, 0));
	CHECK(!vp_replay_check(&r, 0));
	CHECK(vp_replay_check(&r, 1));
	CHECK(!vp_replay_check(&r, 0));
	CHECK(!vp_replay_check(&r, 1));
}

TEST(in_order)
{
	u64 i;

	vp_replay_init(&r);
	for (i = 0; i < 3 * VP_REPLAY_WINDOW; i++)
		CHECK(vp_replay_check(&r, i));
	/* Everything within the span is now a replay, older is too old. */
	for (i = 0; i < 3 * VP_REPLAY_WINDOW; i++)
		CHECK(!vp_replay_check(&r, i));
	CHECK(vp_replay_check(&r, 3 * VP_REPLAY_WINDOW));
}

TEST(first_counter_large)
{
	vp_replay_init(&r);
	CHECK(vp_replay_check(&r, 1000000));
	CHECK(!vp_replay_check(&r, 1000000));
	CHECK(vp_replay_check(&r, 1000000 - 1));
	CHECK(vp_replay_check(&r, 1000000 - VP_REPLAY_SPAN));
	CHECK(!vp_replay_check(&r, 1000000 - VP_REPLAY_SPAN - 1));
	CHECK(!vp_replay_check(&r, 0));
}

TEST(out_of_order_within_window)
{
	u64 i;

	vp_replay_init(&r);
	CHECK(vp_replay_check(&r, 5000));
	/* Backwards down to counter 0, all fresh once. */
	for (i = 5000; i-- > 0;)
		CHECK(vp_replay_check(&r, i));
	for (i = 0; i <= 5000; i++)
		CHECK(!vp_replay_check(&r, i));
	/* Interleaved: evens then odds. */
	vp_replay_init(&r);
	for (i = 0; i < 2000; i += 2)
		CHECK(vp_replay_check(&r, i));
	for (i = 1; i < 2000; i += 2)
		CHECK(vp_replay_check(&r, i));
	for (i = 0; i < 2000; i++)
		CHECK(!vp_replay_check(&r, i));
}

TEST(too_old)
{
	const u64 top = 100000;

	vp_replay_init(&r);
	CHECK(vp_replay_check(&r, top));
	CHECK(!vp_replay_check(&r, top - VP_REPLAY_WINDOW));
	CHECK(!vp_replay_check(&r, top - VP_REPLAY_SPAN - 1));
	CHECK(!vp_replay_check(&r, 0));
	/* The oldest accepted counter, then its replay. */
	CHECK(vp_replay_check(&r, top - VP_REPLAY_SPAN));
	CHECK(!vp_replay_check(&r, top - VP_REPLAY_SPAN));
	CHECK(vp_replay_check(&r, top - 1));
	/* Moving top by one moves the lower edge by one. */
	CHECK(vp_replay_check(&r, top + 1));
	CHECK(!vp_replay_check(&r, top - VP_REPLAY_SPAN));
	CHECK(vp_replay_check(&r, top + 1 - VP_REPLAY_SPAN));
}

/* A jump forward by less than the window keeps the recent history. */
TEST(jump_keeps_history)
{
	u64 base = 3 * VP_REPLAY_WINDOW + 17, i, jump;

	for (jump = 1; jump < VP_REPLAY_SPAN; jump += 61) {
		vp_replay_init(&r);
		for (i = base - VP_REPLAY_SPAN; i <= base; i++)
			CHECK(vp_replay_check(&r, i));
		CHECK(vp_replay_check(&r, base + jump));
		/* Seen counters still in the span stay rejected... */
		for (i = base + jump - VP_REPLAY_SPAN; i <= base; i++)
			CHECK(!vp_replay_check(&r, i));
		/* ...and the ones skipped over are fresh. */
		for (i = base + 1; i < base + jump; i++)
			CHECK(vp_replay_check(&r, i));
	}
}

/* A jump past the whole window forgets everything that was recorded. */
TEST(big_jump_clears)
{
	u64 i, top;

	vp_replay_init(&r);
	for (i = 0; i < VP_REPLAY_WINDOW; i++)
		CHECK(vp_replay_check(&r, i));
	/* Each counter i + WINDOW uses the same bit as counter i. */
	top = 2 * VP_REPLAY_WINDOW - 1 + 64 * 3;
	CHECK(vp_replay_check(&r, top));
	for (i = top - VP_REPLAY_SPAN; i < top; i++)
		CHECK(vp_replay_check(&r, i));
	for (i = 0; i < VP_REPLAY_WINDOW; i++)
		CHECK(!vp_replay_check(&r, i));

	vp_replay_init(&r);
	CHECK(vp_replay_check(&r, 7));
	CHECK(vp_replay_check(&r, 7 + 1000000007ULL));
	CHECK(vp_replay_check(&r, 7 + 1000000007ULL - 1));
	CHECK(!vp_replay_check(&r, 7));
	/* Jump to the highest counter allowed. */
	CHECK(vp_replay_check(&r, VP_COUNTER_LIMIT - 1));
	CHECK(!vp_replay_check(&r, VP_COUNTER_LIMIT - 1));
	CHECK(vp_replay_check(&r, VP_COUNTER_LIMIT - 2));
	CHECK(vp_replay_check(&r, VP_COUNTER_LIMIT - 1 - VP_REPLAY_SPAN));
	CHECK(!vp_replay_check(&r, VP_COUNTER_LIMIT - 2 - VP_REPLAY_SPAN));
}

/* Moving top by one word clears exactly one word of the bitmap. */
TEST(clears_only_skipped_words)
{
	size_t words = VP_REPLAY_WINDOW / (8 * sizeof(long)), w, zero;
	u64 i, bits = 8 * sizeof(long);

	vp_replay_init(&r);
	for (i = 0; i < VP_REPLAY_WINDOW; i++)
		vp_replay_check(&r, i);
	/* Counter c is bit c + 1: only the top word is partly filled. */
	zero = 0;
	for (w = 0; w < words; w++)
		zero += r.bitmap[w] == 0;
	CHECK_EQ(zero, 0);
	/* Next word: that word is cleared, then gets one bit. */
	CHECK(vp_replay_check(&r, VP_REPLAY_WINDOW - 1 + bits));
	zero = 0;
	for (w = 0; w < words; w++)
		zero += r.bitmap[w] == 0;
	CHECK_EQ(zero, 0);
	CHECK_EQ(r.bitmap[((VP_REPLAY_WINDOW + bits) / bits) % words],
		 1UL << ((VP_REPLAY_WINDOW + bits) % bits));
	/* Four words ahead: three skipped words become empty. */
	CHECK(vp_replay_check(&r, VP_REPLAY_WINDOW - 1 + 5 * bits));
	zero = 0;
	for (w = 0; w < words; w++)
		zero += r.bitmap[w] == 0;
	CHECK_EQ(zero, 3);
}

TEST(fresh_changes_nothing)
{
	vp_replay_init(&r);
	CHECK(vp_replay_fresh(&r, 5));
	CHECK(vp_replay_fresh(&r, 5));
	CHECK(vp_replay_check(&r, 5));
	CHECK(!vp_replay_fresh(&r, 5));
	CHECK(vp_replay_fresh(&r, 4));
	CHECK(!vp_replay_fresh(&r, VP_COUNTER_LIMIT));
	CHECK(vp_replay_check(&r, 5 + VP_REPLAY_WINDOW));
	CHECK(!vp_replay_fresh(&r, 4));	/* too old now */
}

TEST(limit)
{
	vp_replay_init(&r);
	CHECK(!vp_replay_check(&r, VP_COUNTER_LIMIT));
	CHECK(!vp_replay_check(&r, VP_COUNTER_LIMIT + 1));
	CHECK(!vp_replay_check(&r, U64_MAX));
	CHECK(!vp_replay_check(&r, U64_MAX - 1));
	/* A rejected counter leaves the state alone. */
	CHECK_EQ(r.top, 0);
	CHECK(vp_replay_check(&r, 0));
	CHECK(vp_replay_check(&r, VP_COUNTER_LIMIT - 1));
	CHECK(!vp_replay_check(&r, VP_COUNTER_LIMIT));
	CHECK(!vp_replay_check(&r, U64_MAX));
	CHECK(!vp_replay_check(&r, VP_COUNTER_LIMIT - 1));
	CHECK(!vp_replay_check(&r, 0));
}

/* Compares with a plain set of seen counters over a random walk. */
TEST(random_vs_model)
{
	enum { RANGE = 4 * VP_REPLAY_WINDOW };
	static u8 seen[RANGE];
	u64 s = 12345, c, hi = 0, i;
	bool any = false, want;
	size_t bad = 0;

	vp_replay_init(&r);
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < 200000; i++) {
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		/* Mostly near the top, sometimes far back or ahead. */
		c = hi + 64 - (s >> 8) % (s & 1 ? 200 : 9000);
		if (c >= RANGE || (s >> 60) == 0)
			c = (s >> 20) % RANGE;
		want = !seen[c] && (!any || c + VP_REPLAY_SPAN >= hi);
		/* The read-only check predicts the real one exactly. */
		if (vp_replay_fresh(&r, c) != want)
			bad++;
		if (vp_replay_check(&r, c) != want)
			bad++;
		if (want) {
			seen[c] = 1;
			if (!any || c > hi)
				hi = c;
			any = true;
		}
	}
	CHECK_EQ(bad, 0);
}

static const struct tap_test tests[] = {
	TAP(sizes),
	TAP(counter_zero_first),
	TAP(in_order),
	TAP(first_counter_large),
	TAP(out_of_order_within_window),
	TAP(too_old),
	TAP(jump_keeps_history),
	TAP(big_jump_clears),
	TAP(clears_only_skipped_words),
	TAP(fresh_changes_nothing),
	TAP(limit),
	TAP(random_vs_model),
};

TAP_MAIN(tests)
