/* SPDX-License-Identifier: GPL-2.0 */
/* Prefixes written as text, for the unit tests. */
#ifndef _VP_TEST_PFX_H
#define _VP_TEST_PFX_H

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prefix.h"

/* "10.0.0.0/8", "2001:db8::/32" or a bare address (full length). */
static struct vp_prefix pfx(const char *s)
{
	struct vp_prefix p = { 0 };
	char buf[64];
	char *slash;
	int v6 = !!strchr(s, ':');

	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = '\0';
	p.family = v6 ? VP_AF_INET6 : VP_AF_INET;
	p.len = slash ? atoi(slash) : (v6 ? 128 : 32);
	if (inet_pton(v6 ? AF_INET6 : AF_INET, buf, p.addr) != 1)
		abort();
	return p;
}

#endif
