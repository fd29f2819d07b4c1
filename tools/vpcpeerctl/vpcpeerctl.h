/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VPCTL_H
#define VPCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h"
#include "parse.h"

/* Exit codes scripts can rely on. */
#define EXIT_OK		0
#define EXIT_FAIL	1	/* the kernel or the system said no */
#define EXIT_USAGE	2	/* the command line is wrong */

struct options {
	bool json;
};

extern struct options opts;
extern const char *prog;
/* Where the command comes from, if not the command line (NULL). */
extern const char *fail_file;
extern unsigned long fail_line;

/* One line on stderr: "vpcpeerctl: [FAIL_FILE:FAIL_LINE: ]<what>". */
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "vpcpeerctl: usage: vpcpeerctl NAME ARGS" for the command NAME (as in
 * --help, e.g. "route add"); returns EXIT_USAGE.
 */
int usage_error(const char *name);

/*
 * Command-line checks: true if the value is good, else false after one
 * line that says why, prefixed with ctx ("set vpc0").
 */
bool check_ifname(const char *cmd, const char *dev);
bool check_id(const char *cmd, const char *dev, const char *pcx,
	      const char *what, const char *val);
bool check_pcx(const char *cmd, const char *dev, const char *pcx);

int cmd_genkey(int argc, char *argv[]);
int cmd_set(int argc, char *argv[]);
int cmd_add_peer(int argc, char *argv[]);
int cmd_del_peer(int argc, char *argv[]);
int cmd_rekey(int argc, char *argv[]);
int cmd_route(int argc, char *argv[]);
int cmd_show(int argc, char *argv[]);
int cmd_batch(int argc, char *argv[]);
int cmd_showconf(int argc, char *argv[]);
int cmd_setconf(int argc, char *argv[]);
int cmd_syncconf(int argc, char *argv[]);
int cmd_monitor(int argc, char *argv[]);

/* A peering's state and failure reason as show prints them. */
const char *state_name(unsigned int state);
const char *reason_name(unsigned int reason);
/*
 * Moves to the network namespace /run/netns/NAME (-n NAME): EXIT_OK, or
 * EXIT_FAIL or EXIT_USAGE after a line.
 */
int netns_enter(const char *name);
/* Runs args as a command line's command and its arguments. */
int run_command(int argc, char *argv[]);

/* A "route add DEV PREFIX via PCX", parsed; dev and pcx point into argv. */
struct route_add {
	const char *dev, *pcx;
	struct prefix prefix;
};

/* Routes one NEW_ROUTE request carries at most. */
#define ROUTE_BATCH_MAX	500
/* argv: "add" DEV PREFIX "via" PCX. EXIT_OK, or EXIT_USAGE after a line. */
int route_add_parse(int argc, char *argv[], struct route_add *r);
/*
 * Adds routes rs[n] (1 <= n <= ROUTE_BATCH_MAX, one device) in one
 * request, all or none, then their kernel routes. EXIT_OK, or EXIT_FAIL
 * after a line, which at (if not NULL) may prefix for route i, the one at
 * fault (*bad; n if none is, and then at is told 0).
 */
int route_add_many(const struct route_add *rs, size_t n, size_t *bad,
		   void (*at)(size_t i, void *arg), void *arg);

/*
 * Deletes the route p of dev and its kernel route (route del): EXIT_OK, or
 * EXIT_FAIL after a line "CTX DEV PREFIX: why".
 */
int route_del_one(const char *ctx, const char *dev, const struct prefix *p);

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
struct conf;
/*
 * Reads the configuration of dev from the kernel into c (conf.h), its
 * secrets left out: 0, or -errno with the reason in ipc->err.
 */
int conf_read(struct ipc *ipc, const char *dev, struct conf *c);
/*
 * Prints the routes of a device, named by ifname or, if that is NULL, by
 * ifindex: alone (route show) or as the "routes" part of show's device
 * block. 0 or -errno with the reason in ipc->err.
 */
int show_routes(struct ipc *ipc, const char *ifname, uint32_t ifindex,
		struct out *o, bool in_device);

#endif
