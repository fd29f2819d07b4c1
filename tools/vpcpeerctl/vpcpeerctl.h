/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VPCTL_H
#define VPCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h"

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
/* "vpcpeerctl: usage: vpcpeerctl NAME ARGS" for the command NAME (as in
 * --help, e.g. "route add"); returns EXIT_USAGE.
 */
int usage_error(const char *name);

/*
 * Command-line checks: true if the value is good, else false after one
 * line that says why, prefixed with ctx ("set vpc0").
 */
bool check_ifname(const char *ctx, const char *dev);
bool check_id(const char *ctx, const char *what, const char *val);
bool check_pcx(const char *ctx, const char *pcx);

int cmd_genkey(int argc, char *argv[]);
int cmd_set(int argc, char *argv[]);
int cmd_add_peer(int argc, char *argv[]);
int cmd_del_peer(int argc, char *argv[]);
int cmd_rekey(int argc, char *argv[]);
int cmd_route(int argc, char *argv[]);
int cmd_show(int argc, char *argv[]);

/*
 * Output of show and route show, kept in memory and printed only once the
 * whole command succeeded.
 */
struct out {
	FILE *f;
	char *buf;
	size_t len;
	struct json json;
};

/* 0, or -1 if out of memory. */
int out_open(struct out *o);
/* Writes what was kept to stdout if print, and frees it. */
void out_close(struct out *o, bool print);

struct ipc;
/*
 * Prints the routes of a device, named by ifname or, if that is NULL, by
 * ifindex: alone (route show) or as the "routes" part of show's device
 * block. 0 or -errno with the reason in ipc->err.
 */
int show_routes(struct ipc *ipc, const char *ifname, uint32_t ifindex,
		struct out *o, bool in_device);

#endif
