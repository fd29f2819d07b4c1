/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reference longest-prefix match that the unit test and the fuzzer
 * hold vp_lpm_lookup() to: every entry tried, the longest that holds a.
 */
#ifndef _VP_TEST_LPM_REF_H
#define _VP_TEST_LPM_REF_H

#include <stddef.h>

#include "lpm.h"
#include "prefix.h"

static const struct vp_lpm_entry *
brute(const struct vp_lpm_entry *e, size_t n, u8 family, const u8 *a)
{
	const struct vp_lpm_entry *best = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (vp_prefix_has_addr(&e[i].prefix, family, a) &&
		    (!best || e[i].prefix.len > best->prefix.len))
			best = &e[i];
	return best;
}

#endif
