// SPDX-License-Identifier: GPL-2.0
#include "json.h"

#include <inttypes.h>

void json_init(struct json *j, FILE *out)
{
	j->out = out;
	j->depth = 0;
	j->need_comma[0] = false;
}

/*
 * The length of the well-formed UTF-8 sequence at s (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF), or 0.
 */
static size_t utf8_len(const unsigned char *s)
{
	uint32_t c;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return n;
}

void json_write_escaped(FILE *out, const char *s)
{
	size_t n;

	const unsigned char *p;

	fputc('"', out);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			n = utf8_len(p);
			if (*p < 0x20 || !n) {
				fprintf(out, "\\u%04x", *p);
			} else {
				fwrite(p, 1, n, out);
				p += n - 1;
			}
		}
	}
	fputc('"', out);
}

/* Separator and key before a value at the current depth. */
static void json_prefix(struct json *j, const char *key)
{
	if (j->need_comma[j->depth])
		fputc(',', j->out);
	j->need_comma[j->depth] = true;
	if (key) {
		json_write_escaped(j->out, key);
		fputc(':', j->out);
	}
}

static void json_open(struct json *j, const char *key, char c)
{
	json_prefix(j, key);
	fputc(c, j->out);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void json_close(struct json *j, char c)
{
	fputc(c, j->out);
	if (j->depth > 0)
		j->depth--;
	if (j->depth == 0)
		fputc('\n', j->out);
}

void json_open_object(struct json *j, const char *key)
{
	json_open(j, key, '{');
}

void json_close_object(struct json *j)
{
	json_close(j, '}');
}

void json_open_array(struct json *j, const char *key)
{
	json_open(j, key, '[');
}

void json_close_array(struct json *j)
{
	json_close(j, ']');
}

void json_string(struct json *j, const char *key, const char *val)
{
	json_prefix(j, key);
	json_write_escaped(j->out, val);
}

void json_u64(struct json *j, const char *key, uint64_t val)
{
	json_prefix(j, key);
	fprintf(j->out, "%" PRIu64, val);
}

void json_bool(struct json *j, const char *key, bool val)
{
	json_prefix(j, key);
	fputs(val ? "true" : "false", j->out);
}

void json_null(struct json *j, const char *key)
{
	json_prefix(j, key);
	fputs("null", j->out);
}
