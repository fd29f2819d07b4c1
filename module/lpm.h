/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_LPM_H
#define _VP_LPM_H

#include "pure.h"
#include "prefix.h"

/*
 * Immutable longest-prefix-match table for IPv4 and IPv6. It is built once
 * and then only read, so lookups need no locking: the kernel side publishes
 * a new table with rcu_assign_pointer() and frees the old one with
 * kvfree_rcu(old, rcu) or call_rcu(&old->rcu, ...) + vp_lpm_free().
 */

/* value is opaque and may be NULL (e.g. a blackhole route). */
struct vp_lpm_entry {
	struct vp_prefix prefix;
	void *value;
};

/* Upper bound on entries, so that the single allocation stays < 2 GiB. */
#define VP_LPM_MAX_ENTRIES	(1024U * 1024)

struct vp_lpm_node;

/* Header, entries[n] and nodes[2 * n] live in one vp_zalloc() allocation. */
struct vp_lpm {
	struct rcu_head rcu;
	struct vp_lpm_node *nodes;	/* points just past entries[n] */
	size_t n;
	s32 root4;			/* node index, or -1 if empty */
	s32 root6;
	struct vp_lpm_entry entries[];	/* sorted, see vp_lpm_entry_at() */
};

/*
 * Builds a table from n entries (n may be 0: a valid, empty table). Returns
 * NULL and sets *err (if err is not NULL) to -EINVAL for an invalid prefix
 * (see vp_prefix_check()), -EEXIST for a duplicate prefix or -ENOMEM (also
 * for n > VP_LPM_MAX_ENTRIES). Sets *err to 0 on success. O(n log n + 128 n).
 */
struct vp_lpm *vp_lpm_build(const struct vp_lpm_entry *entries, size_t n,
			    int *err);

/* t may be NULL. */
void vp_lpm_free(struct vp_lpm *t);

/*
 * Longest match for addr (4 or 16 bytes per family, network byte order),
 * or NULL. The result points into t. O(address bits), no recursion.
 */
const struct vp_lpm_entry *vp_lpm_lookup(const struct vp_lpm *t, u8 family,
					 const u8 *addr);

size_t vp_lpm_count(const struct vp_lpm *t);

/*
 * Entry i (NULL if i >= count). Entries are sorted by family, then address,
 * then prefix length, so the order is stable whatever the input order.
 */
const struct vp_lpm_entry *vp_lpm_entry_at(const struct vp_lpm *t, size_t i);

#endif /* _VP_LPM_H */
