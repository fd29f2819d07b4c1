// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl: configure and inspect vpcpeer devices. A subcommand is a
 * function int cmd(int argc, char *argv[]) with argv[0] its own name.
 */
#include "vpcpeerctl.h"
#include "parse.h"
#include "../../module/version.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct options opts;
const char *prog = "vpcpeerctl";
const char *fail_file;
unsigned long fail_line;

/*
 * Every command as --help shows it. Commands with a second word ("route
 * add") share the function of their first word.
 */
static const struct command {
	const char *name;
	int (*fn)(int argc, char *argv[]);
	const char *args;
	const char *what;
} commands[] = {
	{ "show", cmd_show, "[DEV] [-j]",
	  "devices with their peerings, routes and counters" },
	{ "genkey", cmd_genkey, "",
	  "print a new random peering secret, base64, for secret-file" },
	{ "set", cmd_set,
	  "DEV [vpc-id VPC] [cidr P[,P...]] [listen-port N] [region NAME]",
	  "configure a device (cidr replaces its whole list)" },
	{ "add-peer", cmd_add_peer,
	  "DEV PCX remote-vpc VPC cidr P[,P...] endpoint ADDR:PORT "
	  "secret-file FILE [cipher aes-gcm-128|aes-gcm-256] [region NAME] "
	  "[keepalive SECS] [dead-after SECS]",
	  "add a peering (default cipher aes-gcm-256, keepalive 10, "
	  "dead-after 30)" },
	{ "del-peer", cmd_del_peer, "DEV PCX",
	  "delete a peering (its routes stay, as blackholes); the other end "
	  "sees it deleted" },
	{ "rekey", cmd_rekey, "DEV PCX",
	  "start a new session's handshake now" },
	{ "route add", cmd_route, "DEV PREFIX via PCX",
	  "route PREFIX over a peering, and `ip route add PREFIX dev DEV`" },
	{ "route del", cmd_route, "DEV PREFIX",
	  "delete a route, and the kernel route PREFIX dev DEV" },
	{ "route show", cmd_route, "DEV [-j]",
	  "list a device's routes" },
	{ "showconf", cmd_showconf, "DEV",
	  "print the device's configuration as a file for setconf (no "
	  "secrets: the kernel never shows them)" },
	{ "setconf", cmd_setconf, "DEV FILE",
	  "make the device exactly FILE (- for stdin): every peering and "
	  "route deleted, then FILE's created" },
	{ "syncconf", cmd_syncconf, "DEV FILE",
	  "make the device FILE (- for stdin) changing only what differs: "
	  "unchanged peerings keep their sessions, changed ones are "
	  "re-created" },
	{ "monitor", cmd_monitor, "[DEV] [-j]",
	  "print peering state changes, new sessions (rekeys) and route "
	  "changes as they happen, a line each, until interrupted" },
	{ "batch", cmd_batch, "FILE",
	  "run the commands of FILE (- for stdin), one a line, each maybe "
	  "after -n NETNS, stopping at the first that fails; consecutive "
	  "route adds for one device go as one request" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

void fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	if (fail_file)
		fprintf(stderr, "%s:%lu: ", fail_file, fail_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int usage_error(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			fail("usage: %s %s%s%s", prog, name,
			     *commands[i].args ? " " : "", commands[i].args);
	return EXIT_USAGE;
}

/*
 * The check_*() helpers say why in one line that starts with the command
 * words ("route add", then DEV, then PCX where there is one); they format
 * it only when the check fails, as a batch checks thousands of lines.
 */
bool check_ifname(const char *cmd, const char *dev)
{
	if (ifname_valid(dev))
		return true;
	fail("%s: \"%s\" is not a valid device name", cmd, dev);
	return false;
}

bool check_id(const char *cmd, const char *dev, const char *pcx,
	      const char *what, const char *val)
{
	if (id_valid(val))
		return true;
	fail("%s %s%s%s: %s \"%s\": not 1 to %d of A-Z a-z 0-9 . _ -", cmd,
	     dev, pcx ? " " : "", pcx ? pcx : "", what, val, VPCPEER_ID_MAX);
	return false;
}

bool check_pcx(const char *cmd, const char *dev, const char *pcx)
{
	if (pcx_valid(pcx))
		return true;
	fail("%s %s: pcx id \"%s\": not \"pcx-\" and 1 to 17 lowercase hex digits",
	     cmd, dev, pcx);
	return false;
}

static void usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"Usage: %s [OPTIONS] COMMAND [ARGS]\n"
		"\n"
		"Commands:\n", prog);
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %s%s%s\n        %s\n", commands[i].name,
			*commands[i].args ? " " : "", commands[i].args,
			commands[i].what);
	fprintf(out,
		"\n"
		"PREFIX is ADDR/LEN or a bare ADDR (/32, /128), IPv4 or IPv6;\n"
		"PCX is \"pcx-\" and 1 to 17 lowercase hex digits; VPC and NAME are\n"
		"1 to 63 of A-Z a-z 0-9 . _ -; FILE holds a secret from genkey,\n"
		"but for setconf and syncconf: a configuration file, as showconf\n"
		"prints (Documentation/vpcpeerctl.rst).\n"
		"\n"
		"Options (anywhere on the line):\n"
		"  -j, --json          JSON output (show, route show; monitor:\n"
		"                      an object a line)\n"
		"  -n, --netns NETNS   run in the network namespace NETNS\n"
		"                      (/run/netns/NETNS, as ip -n)\n"
		"  -h, --help          this help\n"
		"  -V, --version       print the version\n"
		"\n"
		"Exit status: 0 success, 1 the operation failed, 2 usage error.\n"
		"Every command but genkey needs CAP_NET_ADMIN and the vpcpeer module.\n");
}

/*
 * -n NETNS: moves to the network namespace NETNS, as `ip -n NETNS` does:
 * the one `ip netns add NETNS` made, /run/netns/NETNS.
 */
int netns_enter(const char *name)
{
	char path[256];
	int fd, ret = EXIT_OK;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..") ||
	    (size_t)snprintf(path, sizeof(path), "/run/netns/%s", name) >=
	    sizeof(path)) {
		fail("netns \"%s\": not a network namespace name", name);
		return EXIT_USAGE;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fail("netns %s: %s", name, strerror(errno));
		return EXIT_FAIL;
	}
	if (setns(fd, CLONE_NEWNET)) {
		fail("netns %s: %s", name, strerror(errno));
		ret = EXIT_FAIL;
	}
	close(fd);
	return ret;
}

static int run(int argc, char *argv[])
{
	const char *netns = NULL;
	char *args[256];
	int nargs = 0, i, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			opts.json = true;
		} else if (!strcmp(argv[i], "-n") ||
			   !strcmp(argv[i], "--netns")) {
			if (++i == argc) {
				fail("option %s needs a network namespace name",
				     argv[i - 1]);
				return EXIT_USAGE;
			}
			netns = argv[i];
		} else if (!strcmp(argv[i], "-h") ||
			   !strcmp(argv[i], "--help") ||
			   (!strcmp(argv[i], "help") && nargs == 0)) {
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
	if (netns) {
		ret = netns_enter(netns);
		if (ret)
			return ret;
	}
	return run_command(nargs, args);
}

/*
 * What a command printed must have reached stdout: `showconf vpc0 >
 * backup.conf` on a full disk must not succeed with half a file.
 */
int main(int argc, char *argv[])
{
	int ret = run(argc, argv);

	if ((fflush(stdout) || ferror(stdout)) && ret == EXIT_OK) {
		fail("cannot write the output: %s", strerror(errno));
		ret = EXIT_FAIL;
	}
	return ret;
}

int run_command(int argc, char *argv[])
{
	size_t c;

	for (c = 0; c < N_COMMANDS; c++) {
		size_t n = strcspn(commands[c].name, " ");	/* first word */

		if (!strncmp(argv[0], commands[c].name, n) && !argv[0][n])
			return commands[c].fn(argc, argv);
	}
	fail("unknown command \"%s\" (try --help)", argv[0]);
	return EXIT_USAGE;
}
