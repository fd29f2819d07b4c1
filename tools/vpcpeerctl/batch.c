// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl batch FILE
 *
 * Runs the commands of FILE ("-": standard input), one a line, words
 * separated by blanks, as if each were given on the command line (without
 * "vpcpeerctl" or options, but for "-n NETNS" first: that line runs in
 * NETNS, the others in the batch's own); blank lines and lines starting
 * with '#' are skipped. It stops at the first command that fails, with
 * that command's exit status, its message prefixed with "FILE:LINE"; what
 * earlier lines did stays done, but for route adds: consecutive "route
 * add" lines for one device are held, up to ROUTE_BATCH_MAX, and go to the
 * kernel as one request, all or none, so a thousand routes cost two
 * rebuilds of the device's route table instead of a thousand. A usage
 * error drops the route adds held; a route the kernel refuses fails its
 * whole request.
 */
#include "vpcpeerctl.h"
#include "ipc.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BATCH_ARGS	64

struct batch {
	const char *file;
	/* The batch's own network namespace, and the one lines run in now
	 * ("" for its own).
	 */
	int home_fd;
	char netns[256];
	/* Route adds not sent yet: their lines, and the words they use. */
	struct route_add routes[ROUTE_BATCH_MAX];
	unsigned long lines[ROUTE_BATCH_MAX];
	char *bufs[ROUTE_BATCH_MAX];
	size_t n;
};

static void batch_at(struct batch *b, unsigned long line)
{
	fail_file = b->file;
	fail_line = line;
}

/* A failure of route add i is told at its line. */
static void batch_route_at(size_t i, void *arg)
{
	struct batch *b = arg;

	batch_at(b, b->lines[i]);
}

/* Sends the route adds held; EXIT_OK or the failure's status. */
static int batch_flush(struct batch *b)
{
	size_t bad, i;
	int ret;

	if (!b->n)
		return EXIT_OK;
	ret = route_add_many(b->routes, b->n, &bad, batch_route_at, b);
	for (i = 0; i < b->n; i++)
		free(b->bufs[i]);
	b->n = 0;
	return ret;
}

/* Splits line into words, in place; returns how many, or -1 if too many. */
static int split(char *line, char *argv[BATCH_ARGS])
{
	int argc = 0;
	char *save, *w;

	for (w = strtok_r(line, " \t\r\n", &save); w;
	     w = strtok_r(NULL, " \t\r\n", &save)) {
		if (argc == BATCH_ARGS)
			return -1;
		argv[argc++] = w;
	}
	return argc;
}

/*
 * Runs the lines from now on in the namespace name ("": the batch's own),
 * with sockets of their own: the route adds held so far go first.
 */
static int batch_netns(struct batch *b, const char *name)
{
	int ret;

	if (!strcmp(name, b->netns))
		return EXIT_OK;
	ret = batch_flush(b);
	if (ret)
		return ret;
	ipc_keep(false);
	ipc_keep(true);
	if (*name)
		ret = netns_enter(name);
	else if (setns(b->home_fd, CLONE_NEWNET))
		ret = EXIT_FAIL;
	if (ret) {
		if (!*name)
			fail("netns: back to the batch's own: %s",
			     strerror(errno));
		return ret;
	}
	snprintf(b->netns, sizeof(b->netns), "%s", name);
	return EXIT_OK;
}

static int batch_line(struct batch *b, char *line, unsigned long lineno)
{
	char *argv[BATCH_ARGS], *copy;
	struct route_add r;
	const char *ns;
	int argc, ret;

	batch_at(b, lineno);
	copy = strdup(line);
	if (!copy) {
		fail("out of memory");
		return EXIT_FAIL;
	}
	argc = split(copy, argv);
	if (argc <= 0 || argv[0][0] == '#') {
		free(copy);
		if (argc < 0) {
			fail("more than %d words", BATCH_ARGS);
			return EXIT_USAGE;
		}
		return EXIT_OK;
	}
	/* -n NETNS: this line runs in NETNS; lines without, in the batch's. */
	ns = "";
	if (!strcmp(argv[0], "-n") || !strcmp(argv[0], "--netns")) {
		if (argc < 3 || strlen(argv[1]) >= sizeof(b->netns)) {
			fail("%s: a network namespace name and a command",
			     argv[0]);
			free(copy);
			return EXIT_USAGE;
		}
		ns = argv[1];
		argc -= 2;
		memmove(argv, argv + 2, (size_t)argc * sizeof(*argv));
	}
	ret = batch_netns(b, ns);
	batch_at(b, lineno);
	if (ret) {
		free(copy);
		return ret;
	}
	if (argc >= 2 && !strcmp(argv[0], "route") &&
	    !strcmp(argv[1], "add")) {
		ret = route_add_parse(argc - 1, argv + 1, &r);
		if (ret) {
			free(copy);
			return ret;
		}
		if (b->n && (b->n == ROUTE_BATCH_MAX ||
			     strcmp(b->routes[0].dev, r.dev))) {
			ret = batch_flush(b);
			if (ret) {
				free(copy);
				return ret;
			}
			batch_at(b, lineno);
		}
		b->routes[b->n] = r;
		b->lines[b->n] = lineno;
		b->bufs[b->n++] = copy;
		return EXIT_OK;
	}
	ret = batch_flush(b);
	batch_at(b, lineno);
	if (!ret && !strcmp(argv[0], "batch")) {
		fail("batch: not within a batch");
		ret = EXIT_USAGE;
	} else if (!ret) {
		ret = run_command(argc, argv);
	}
	free(copy);
	return ret;
}

int cmd_batch(int argc, char *argv[])
{
	static struct batch b;
	unsigned long lineno = 0;
	size_t cap = 0;
	char *line = NULL;
	int ret = EXIT_OK, rc;
	FILE *f;

	if (argc != 2)
		return usage_error("batch");
	b.file = argv[1];
	f = strcmp(b.file, "-") ? fopen(b.file, "r") : stdin;
	if (!f) {
		fail("batch: %s: %s", b.file, strerror(errno));
		return EXIT_FAIL;
	}
	b.home_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (b.home_fd < 0) {
		fail("batch: /proc/self/ns/net: %s", strerror(errno));
		if (f != stdin)
			fclose(f);
		return EXIT_FAIL;
	}
	b.netns[0] = '\0';
	/* One socket for all the commands (of a namespace). */
	ipc_keep(true);
	while (!ret && getline(&line, &cap, f) >= 0)
		ret = batch_line(&b, line, ++lineno);
	if (!ret && ferror(f)) {
		batch_at(&b, lineno);
		fail("read error: %s", strerror(errno));
		ret = EXIT_FAIL;
	}
	if (!ret)
		ret = batch_flush(&b);
	/* Route adds held behind a failure are not sent. */
	while (b.n)
		free(b.bufs[--b.n]);
	rc = batch_netns(&b, "");
	if (!ret)
		ret = rc;
	close(b.home_fd);
	free(line);
	if (f != stdin)
		fclose(f);
	ipc_keep(false);
	fail_file = NULL;
	return ret;
}
