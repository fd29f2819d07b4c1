// SPDX-License-Identifier: GPL-2.0
/* IP prefixes: validation and containment. */

#include "prefix.h"

unsigned int vp_family_bits(u8 family)
{
	if (family == VP_AF_INET)
		return 32;
	if (family == VP_AF_INET6)
		return 128;
	return 0;
}

bool vp_bits_match(const u8 *a, const u8 *b, unsigned int nbits)
{
	unsigned int bytes = nbits / 8, rem = nbits % 8;
	u8 mask;

	if (memcmp(a, b, bytes))
		return false;
	if (!rem)
		return true;
	mask = 0xff << (8 - rem);
	return !((a[bytes] ^ b[bytes]) & mask);
}

int vp_prefix_check(const struct vp_prefix *p)
{
	unsigned int bits = vp_family_bits(p->family);
	unsigned int i;

	if (!bits || p->len > bits)
		return -EINVAL;
	/* Every bit from p->len to the end of addr[] must be zero. */
	if (p->len % 8 && (p->addr[p->len / 8] & (0xff >> (p->len % 8))))
		return -EINVAL;
	for (i = (p->len + 7) / 8; i < sizeof(p->addr); i++)
		if (p->addr[i])
			return -EINVAL;
	return 0;
}

bool vp_prefix_contains(const struct vp_prefix *outer,
			const struct vp_prefix *inner)
{
	return outer->family == inner->family && outer->len <= inner->len &&
	       vp_bits_match(outer->addr, inner->addr, outer->len);
}

bool vp_prefix_has_addr(const struct vp_prefix *p, u8 family, const u8 *addr)
{
	return p->family == family && vp_bits_match(p->addr, addr, p->len);
}

bool vp_prefix_overlap(const struct vp_prefix *a, const struct vp_prefix *b)
{
	return vp_prefix_contains(a, b) || vp_prefix_contains(b, a);
}

bool vp_prefixes_overlap(const struct vp_prefix *a, size_t na,
			 const struct vp_prefix *b, size_t nb,
			 size_t *ia, size_t *ib)
{
	size_t i, j;

	for (i = 0; i < na; i++) {
		for (j = 0; j < nb; j++) {
			if (!vp_prefix_overlap(&a[i], &b[j]))
				continue;
			if (ia)
				*ia = i;
			if (ib)
				*ib = j;
			return true;
		}
	}
	return false;
}
