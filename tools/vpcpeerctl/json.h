/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small streaming JSON writer: enough for `vpcpeerctl -j`. It tracks
 * nesting so that callers never place commas by hand.
 */
#ifndef VPCTL_JSON_H
#define VPCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *out;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *out);
void json_open_object(struct json *j, const char *key);
void json_close_object(struct json *j);
void json_open_array(struct json *j, const char *key);
void json_close_array(struct json *j);
/* key is NULL inside arrays */
void json_string(struct json *j, const char *key, const char *val);
void json_u64(struct json *j, const char *key, uint64_t val);
void json_bool(struct json *j, const char *key, bool val);
void json_null(struct json *j, const char *key);
/*
 * Writes s as a quoted JSON string, escaping per RFC 8259. The output is
 * always valid UTF-8: a byte of s that is not part of well-formed UTF-8
 * (a device name may hold any byte) is written as \u00XX, XX being the
 * byte, so such a string reads back as the code points U+0080..U+00FF of
 * its bytes and different names stay different.
 */
void json_write_escaped(FILE *out, const char *s);

#endif
