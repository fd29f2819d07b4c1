/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tiny TAP harness for the host unit tests.
 *
 *	TEST(test_foo) { CHECK(1 + 1 == 2); }
 *	static const struct tap_test tests[] = { TAP(test_foo), };
 *	TAP_MAIN(tests)
 *
 * Prints "1..N" then "ok K - name" or "not ok K - name"; failed CHECKs are
 * reported on stderr as "# file:line: ...". Exits 1 if any test failed.
 */
#ifndef _VP_TAP_H
#define _VP_TAP_H

#include <stdio.h>

struct tap_test {
	const char *name;
	void (*fn)(void);
};

static int tap_failed;

#define TEST(name)	static void name(void)
#define TAP(name)	{ #name, name }

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			tap_failed = 1;					\
			fprintf(stderr, "# %s:%d: CHECK(%s) failed\n",	\
				__FILE__, __LINE__, #cond);		\
		}							\
	} while (0)

/* Like CHECK(a == b) but also prints both values. */
#define CHECK_EQ(a, b)							\
	do {								\
		long long _a = (long long)(a), _b = (long long)(b);	\
		if (_a != _b) {						\
			tap_failed = 1;					\
			fprintf(stderr, "# %s:%d: %s == %s failed: "	\
				"%lld != %lld\n", __FILE__, __LINE__,	\
				#a, #b, _a, _b);			\
		}							\
	} while (0)

static inline int tap_run(const struct tap_test *tests, size_t n)
{
	int failures = 0;
	size_t i;

	printf("1..%zu\n", n);
	for (i = 0; i < n; i++) {
		tap_failed = 0;
		fflush(stdout);
		tests[i].fn();
		fflush(stderr);
		printf("%sok %zu - %s\n", tap_failed ? "not " : "", i + 1,
		       tests[i].name);
		failures += tap_failed;
	}
	fflush(stdout);
	return failures ? 1 : 0;
}

#define TAP_MAIN(tests)							\
	int main(void)							\
	{								\
		return tap_run(tests, sizeof(tests) / sizeof(tests[0]));\
	}

#endif /* _VP_TAP_H */
