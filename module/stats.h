/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU counters of a device or a peering. The order of enum vp_stat
 * follows enum vpcpeer_stats_attr, so attribute = VP_STAT_x + VP_STAT_ATTR0.
 */
#ifndef _VP_STATS_H
#define _VP_STATS_H

#include "../uapi/linux/vpcpeer.h"

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>

enum vp_stat {
	VP_STAT_TX_PACKETS,
	VP_STAT_TX_BYTES,
	VP_STAT_RX_PACKETS,
	VP_STAT_RX_BYTES,
	VP_STAT_NO_ROUTE,
	VP_STAT_BLACKHOLE,
	VP_STAT_TRANSITIVE_SRC,
	VP_STAT_NONCE_EXHAUSTED,
	VP_STAT_TX_ERROR,
	VP_STAT_AUTH_FAIL,
	VP_STAT_REPLAY,
	VP_STAT_SPOOFED_SRC,
	VP_STAT_TRANSITIVE_DST,
	VP_STAT_MALFORMED,
	VP_STAT_UNKNOWN_PEER,
	VP_STAT_MTU,
	VP_STAT_CRYPTO_ERROR,
	VP_STAT_ECN_DROP,
	VP_STAT_TX_MALFORMED,
	VP_STAT_NOT_ACTIVE,
	VP_STAT_HS_BAD_MAC,
	VP_STAT_HS_STALE,
	VP_STAT_HS_DROPPED,
	VP_STAT_QUEUE_FULL,
	VP_STAT_MAX
};

#define VP_STAT_ATTR0 VPCPEER_A_STATS_TX_PACKETS
static_assert(VP_STAT_MAX + VP_STAT_ATTR0 == __VPCPEER_A_STATS_MAX);

struct vp_stats {
	u64_stats_t c[VP_STAT_MAX];
	struct u64_stats_sync syncp;
};

static inline void vp_stat_add(struct vp_stats __percpu *stats,
			       enum vp_stat i, u64 n)
{
	struct vp_stats *s = get_cpu_ptr(stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_add(&s->c[i], n);
	u64_stats_update_end(&s->syncp);
	put_cpu_ptr(stats);
}

static inline void vp_stat_inc(struct vp_stats __percpu *stats,
			       enum vp_stat i)
{
	vp_stat_add(stats, i, 1);
}

/* One packet of len bytes: packets and bytes counters together. */
static inline void vp_stat_packet(struct vp_stats __percpu *stats,
				  enum vp_stat packets, unsigned int len)
{
	struct vp_stats *s = get_cpu_ptr(stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->c[packets]);
	u64_stats_add(&s->c[packets + 1], len);
	u64_stats_update_end(&s->syncp);
	put_cpu_ptr(stats);
}

static inline void vp_stats_read(struct vp_stats __percpu *stats,
				 u64 sum[VP_STAT_MAX])
{
	unsigned int start, i;
	int cpu;

	memset(sum, 0, sizeof(u64) * VP_STAT_MAX);
	for_each_possible_cpu(cpu) {
		const struct vp_stats *s = per_cpu_ptr(stats, cpu);
		u64 c[VP_STAT_MAX];

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (i = 0; i < VP_STAT_MAX; i++)
				c[i] = u64_stats_read(&s->c[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (i = 0; i < VP_STAT_MAX; i++)
			sum[i] += c[i];
	}
}

static inline struct vp_stats __percpu *vp_stats_alloc(void)
{
	struct vp_stats __percpu *stats;
	int cpu;

	stats = alloc_percpu(struct vp_stats);
	if (stats)
		for_each_possible_cpu(cpu)
			u64_stats_init(&per_cpu_ptr(stats, cpu)->syncp);
	return stats;
}

#endif /* _VP_STATS_H */
