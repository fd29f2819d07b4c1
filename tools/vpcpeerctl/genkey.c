// SPDX-License-Identifier: GPL-2.0
/* vpcpeerctl genkey: a new random peering secret, base64, on stdout. */
#include "vpcpeerctl.h"
#include "parse.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

int cmd_genkey(int argc, char *argv[])
{
	uint8_t secret[VPCPEER_SECRET_LEN];
	char text[BASE64_LEN(VPCPEER_SECRET_LEN)];
	struct stat st;
	size_t got = 0;
	int ret = EXIT_OK;

	(void)argv;
	if (argc != 1)
		return usage_error("genkey");
	/* As wg genkey: a secret should not land in a file others can read. */
	if (!fstat(STDOUT_FILENO, &st) && S_ISREG(st.st_mode) &&
	    (st.st_mode & S_IRWXO))
		fail("genkey: warning: writing to a world accessible file");
	while (got < sizeof(secret)) {
		ssize_t n = getrandom(secret + got, sizeof(secret) - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail("genkey: getrandom: %s", strerror(errno));
			ret = EXIT_FAIL;
			goto out;
		}
		got += (size_t)n;
	}
	base64_encode(secret, sizeof(secret), text);
	text[sizeof(text) - 1] = '\n';	/* for the NUL */
	/* write(2), not stdio: no copy of the secret left in a buffer */
	for (got = 0; got < sizeof(text);) {
		ssize_t n = write(STDOUT_FILENO, text + got,
				  sizeof(text) - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail("genkey: cannot write the secret: %s",
			     strerror(errno));
			ret = EXIT_FAIL;
			break;
		}
		got += (size_t)n;
	}
out:
	explicit_bzero(secret, sizeof(secret));
	explicit_bzero(text, sizeof(text));
	return ret;
}
