/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VP_PREFIX_H
#define _VP_PREFIX_H

#include "pure.h"

#define VP_AF_INET	4
#define VP_AF_INET6	6

/* addr is in network byte order; IPv4 uses addr[0..3], the rest is zero. */
struct vp_prefix {
	u8 family;
	u8 len;
	u8 addr[16];
};

/* Address length in bits of family: 32, 128, or 0 if family is unknown. */
unsigned int vp_family_bits(u8 family);

/* True if a and b agree on their first nbits bits; reads (nbits + 7) / 8. */
bool vp_bits_match(const u8 *a, const u8 *b, unsigned int nbits);

/*
 * 0 if p is valid: known family, len within the address size, no bits set
 * past len (neither host bits nor bytes unused by the family); else -EINVAL.
 */
int vp_prefix_check(const struct vp_prefix *p);

/* Same family, outer->len <= inner->len and inner lies within outer. */
bool vp_prefix_contains(const struct vp_prefix *outer,
			const struct vp_prefix *inner);

/* addr is 4 or 16 bytes (per family), network byte order. */
bool vp_prefix_has_addr(const struct vp_prefix *p, u8 family, const u8 *addr);

/* Same family and one contains the other. */
bool vp_prefix_overlap(const struct vp_prefix *a, const struct vp_prefix *b);

/*
 * Finds the first overlapping pair (a[*ia], b[*ib]), scanning a in order
 * and, for each element of a, b in order. ia and ib may be NULL.
 * O(na * nb).
 */
bool vp_prefixes_overlap(const struct vp_prefix *a, size_t na,
			 const struct vp_prefix *b, size_t nb,
			 size_t *ia, size_t *ib);

#endif /* _VP_PREFIX_H */
