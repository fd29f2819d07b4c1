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
/* Writes s as a quoted JSON string, escaping per RFC 8259. */
void json_write_escaped(FILE *out, const char *s);

#endif
