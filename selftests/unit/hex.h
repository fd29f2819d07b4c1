/* SPDX-License-Identifier: GPL-2.0 */
/* Hex strings for the unit tests' fixed vectors. */
#ifndef _VP_TEST_HEX_H
#define _VP_TEST_HEX_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Writes the bytes of hex (even length, no separators) to out. */
static inline void unhex(unsigned char *out, const char *hex)
{
	unsigned int b;

	while (*hex && sscanf(hex, "%2x", &b) == 1) {
		*out++ = (unsigned char)b;
		hex += 2;
	}
}

/* Whether the n bytes at got are the bytes of want (at most 256). */
static inline bool hex_eq(const unsigned char *got, size_t n,
			  const char *want)
{
	unsigned char buf[256];

	if (strlen(want) != 2 * n || n > sizeof(buf))
		return false;
	unhex(buf, want);
	return !memcmp(got, buf, n);
}

#endif /* _VP_TEST_HEX_H */
