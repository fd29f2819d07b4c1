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
	TAP(test_null),
};

TAP_MAIN(tests)
