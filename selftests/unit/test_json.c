// SPDX-License-Identifier: GPL-2.0
/* vpcpeerctl's JSON writer: structure, commas and escaping. */
#include "tap.h"
#include "json.h"

#include <stdlib.h>
#include <string.h>

static char *buf;
static size_t len;

static FILE *open_buf(void)
{
	free(buf);
	buf = NULL;
	return open_memstream(&buf, &len);
}

TEST(test_nested_document)
{
	FILE *f = open_buf();
	struct json j;

	json_init(&j, f);
	json_open_array(&j, NULL);
	json_open_object(&j, NULL);
	json_string(&j, "ifname", "vpc0");
	json_u64(&j, "ifindex", 3);
	json_open_array(&j, "cidrs");
	json_string(&j, NULL, "10.0.0.0/16");
	json_string(&j, NULL, "fd00::/48");
	json_close_array(&j);
	json_bool(&j, "up", true);
	json_close_object(&j);
	json_open_object(&j, NULL);
	json_u64(&j, "big", 18446744073709551615ULL);
	json_close_object(&j);
	json_close_array(&j);
	fclose(f);
	CHECK(!strcmp(buf, "[{\"ifname\":\"vpc0\",\"ifindex\":3,"
		      "\"cidrs\":[\"10.0.0.0/16\",\"fd00::/48\"],\"up\":true},"
		      "{\"big\":18446744073709551615}]\n"));
}

TEST(test_empty_array)
{
	FILE *f = open_buf();
	struct json j;

	json_init(&j, f);
	json_open_array(&j, NULL);
	json_close_array(&j);
	fclose(f);
	CHECK(!strcmp(buf, "[]\n"));
}

TEST(test_escaping)
{
	FILE *f = open_buf();

	json_write_escaped(f, "a\"b\\c\nd\te\x01\x1f/\xc3\xa9");
	fclose(f);
	CHECK(!strcmp(buf, "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f/\xc3\xa9\""));
}

/* One case of UTF-8 handling: bytes in, JSON string out. */
static int utf8_case(const char *in, const char *want)
{
	FILE *f = open_buf();

	json_write_escaped(f, in);
	fclose(f);
	if (strcmp(buf, want)) {
		printf("# %s: got %s, want %s\n", in, buf, want);
		return 0;
	}
	return 1;
}

TEST(test_utf8)
{
	/* Well-formed: 2, 3 and 4 bytes, the edges of each, kept as they are. */
	CHECK(utf8_case("\xc2\x80\xdf\xbf", "\"\xc2\x80\xdf\xbf\""));
	CHECK(utf8_case("\xe0\xa0\x80\xef\xbf\xbf\xe2\x82\xac",
			"\"\xe0\xa0\x80\xef\xbf\xbf\xe2\x82\xac\""));
	CHECK(utf8_case("\xf0\x90\x80\x80\xf4\x8f\xbf\xbf",
			"\"\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\""));
	/* A device name of raw bytes, and Latin-1 letters. */
	CHECK(utf8_case("vp\xff\xfe", "\"vp\\u00ff\\u00fe\""));
	CHECK(utf8_case("vpc-\xe9", "\"vpc-\\u00e9\""));
	/* Lone continuation bytes; a lead byte cut short, at the end or not. */
	CHECK(utf8_case("\x80" "a\xbf", "\"\\u0080a\\u00bf\""));
	CHECK(utf8_case("a\xe2\x82", "\"a\\u00e2\\u0082\""));
	CHECK(utf8_case("\xe2\x82z", "\"\\u00e2\\u0082z\""));
	/* Overlong forms, surrogates, past U+10FFFF, bytes never in UTF-8. */
	CHECK(utf8_case("\xc0\xaf", "\"\\u00c0\\u00af\""));
	CHECK(utf8_case("\xe0\x9f\xbf", "\"\\u00e0\\u009f\\u00bf\""));
	CHECK(utf8_case("\xf0\x8f\xbf\xbf",
			"\"\\u00f0\\u008f\\u00bf\\u00bf\""));
	CHECK(utf8_case("\xed\xa0\x80", "\"\\u00ed\\u00a0\\u0080\""));
	CHECK(utf8_case("\xf4\x90\x80\x80",
			"\"\\u00f4\\u0090\\u0080\\u0080\""));
	CHECK(utf8_case("\xf5\xf8\xfe", "\"\\u00f5\\u00f8\\u00fe\""));
	/* DEL is not a control character JSON escapes. */
	CHECK(utf8_case("\x7f", "\"\x7f\""));
}

TEST(test_null)
{
	FILE *f = open_buf();
	struct json j;

	json_init(&j, f);
	json_open_object(&j, NULL);
	json_null(&j, "region");
	json_open_array(&j, "a");
	json_null(&j, NULL);
	json_u64(&j, NULL, 0);
	json_close_array(&j);
	json_close_object(&j);
	fclose(f);
	CHECK(!strcmp(buf, "{\"region\":null,\"a\":[null,0]}\n"));
}

static const struct tap_test tests[] = {
	TAP(test_nested_document),
	TAP(test_empty_array),
	TAP(test_escaping),
	TAP(test_utf8),
	TAP(test_null),
};

TAP_MAIN(tests)
