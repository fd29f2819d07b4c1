// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl: configure and inspect vpcpeer devices. A subcommand is a
 * function int cmd(int argc, char *argv[]) with argv[0] its own name.
 */
#include "vpcpeerctl.h"
#include "../../module/version.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct options opts;
const char *prog = "vpcpeerctl";

static const struct command {
	const char *name;
	int (*fn)(int argc, char *argv[]);
	const char *usage;
} commands[] = {
	{ "show", cmd_show, "show [DEV]          list vpcpeer devices, or one" },
};

void fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"Usage: %s [OPTIONS] COMMAND [ARGS]\n"
		"\n"
		"Commands:\n", prog);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %s\n", commands[i].usage);
	fprintf(out,
		"\n"
		"Options (anywhere on the line):\n"
		"  -j, --json          JSON output\n"
		"  -h, --help          this help\n"
		"  -V, --version       print the version\n"
		"\n"
		"Exit status: 0 success, 1 the operation failed, 2 usage error.\n"
		"Every command needs CAP_NET_ADMIN and the vpcpeer module loaded.\n");
}

int main(int argc, char *argv[])
{
	char *args[256];
	int nargs = 0, i;
	size_t c;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			opts.json = true;
		} else if (!strcmp(argv[i], "-h") ||
			   !strcmp(argv[i], "--help") ||
			   !strcmp(argv[i], "help")) {
			usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "-V") ||
			   !strcmp(argv[i], "--version")) {
			printf("%s %s\n", prog, VPCPEER_VERSION);
			return EXIT_OK;
		} else if (argv[i][0] == '-' && nargs == 0) {
			fail("unknown option \"%s\" (try --help)", argv[i]);
			return EXIT_USAGE;
		} else if (nargs < (int)(sizeof(args) / sizeof(args[0]))) {
			args[nargs++] = argv[i];
		} else {
			fail("too many arguments");
			return EXIT_USAGE;
		}
	}
	if (!nargs) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (c = 0; c < sizeof(commands) / sizeof(commands[0]); c++)
		if (!strcmp(args[0], commands[c].name))
			return commands[c].fn(nargs, args);
	fail("unknown command \"%s\" (try --help)", args[0]);
	return EXIT_USAGE;
}
