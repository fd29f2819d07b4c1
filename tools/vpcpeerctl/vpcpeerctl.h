/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VPCTL_H
#define VPCTL_H

#include <stdbool.h>

/* Exit codes scripts can rely on. */
#define EXIT_OK		0
#define EXIT_FAIL	1	/* the kernel or the system said no */
#define EXIT_USAGE	2	/* the command line is wrong */

struct options {
	bool json;
};

extern struct options opts;
extern const char *prog;

/* One line on stderr: "vpcpeerctl: <what>". */
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_show(int argc, char *argv[]);

#endif
