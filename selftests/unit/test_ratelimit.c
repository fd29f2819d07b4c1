// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "ratelimit.h"
#include "tap.h"

static const u8 a1[16] = { [10] = 0xff, [11] = 0xff, 127, 0, 0, 1 };
static const u8 a2[16] = { [10] = 0xff, [11] = 0xff, 127, 0, 0, 2 };
#define MS 1000000ULL

/* How many of n messages at time now the bucket lets through. */
static int allowed(struct vp_rl_entry *e, const u8 *addr, u64 now, int n)
{
	int i, ok = 0;

	for (i = 0; i < n; i++)
		ok += vp_rl_allow(e, addr, now);
	return ok;
}

TEST(burst_then_rate)
{
	struct vp_rl_entry e;

	memset(&e, 0, sizeof(e));
	CHECK_EQ(allowed(&e, a1, 1000 * MS, 100), VP_RL_BURST);
	/* One token every 50 ms, never early. */
	CHECK_EQ(allowed(&e, a1, 1049 * MS, 10), 0);
	CHECK_EQ(allowed(&e, a1, 1050 * MS, 10), 1);
	CHECK_EQ(allowed(&e, a1, 1100 * MS, 10), 1);
	/* A second: 20 more, but the bucket holds only VP_RL_BURST. */
	CHECK_EQ(allowed(&e, a1, 2100 * MS, 100), VP_RL_BURST);
}

TEST(steady_flood_gets_the_rate)
{
	struct vp_rl_entry e;
	u64 t;
	int ok = 0;

	/* A message every 0.1 ms for 10 s: the burst, then 20 a second. */
	memset(&e, 0, sizeof(e));
	for (t = 0; t < 100000; t++)
		ok += vp_rl_allow(&e, a1, 5000 * MS + t * (MS / 10));
	CHECK_EQ(ok, VP_RL_BURST + 10 * VP_RL_RATE - 1);
}

TEST(other_source_starts_full)
{
	struct vp_rl_entry e;

	memset(&e, 0, sizeof(e));
	CHECK_EQ(allowed(&e, a1, 1000 * MS, 100), VP_RL_BURST);
	/* a2 lands on a1's entry: its own full bucket, not a1's empty one. */
	CHECK_EQ(allowed(&e, a2, 1000 * MS, 100), VP_RL_BURST);
	CHECK_EQ(allowed(&e, a1, 1000 * MS, 1), 1);
}

TEST(zero_address_and_clock)
{
	static const u8 zero[16];
	struct vp_rl_entry e;

	/* The all-zero address matches a zeroed entry: a full bucket too. */
	memset(&e, 0, sizeof(e));
	CHECK_EQ(allowed(&e, zero, 1000 * MS, 100), VP_RL_BURST);
	/* Time going back refills nothing and breaks nothing. */
	CHECK_EQ(allowed(&e, zero, 500 * MS, 10), 0);
	CHECK_EQ(allowed(&e, zero, 550 * MS, 10), 1);
}

static const struct tap_test tests[] = {
	TAP(burst_then_rate),
	TAP(steady_flood_gets_the_rate),
	TAP(other_source_starts_full),
	TAP(zero_address_and_clock),
};

TAP_MAIN(tests)
