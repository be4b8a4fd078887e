/* json.c - the streaming JSON writer. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "acctplan/json.h"
#include "acctplan/text.h"

static void drain(json_w *w)
{
	fwrite(w->buf->s, 1, w->buf->len, w->drain);
	w->buf->len = 0;
	w->buf->s[0] = '\0';
}

/* Every byte passes here: the copy into room the buffer has is done
 * without a call. */
static void put(json_w *w, const char *s, size_t n)
{
	ap_buf *b = w->buf;
	if (w->f) {
		fwrite(s, 1, n, w->f);
		return;
	}
	if (b->len + n < b->cap) {
		memcpy(b->s + b->len, s, n);
		b->len += n;
		b->s[b->len] = '\0';
	} else {
		buf_add(b, s, n);
	}
	if (w->drain && b->len >= JW_CHUNK)
		drain(w);
}

static void puts_(json_w *w, const char *s) { put(w, s, strlen(s)); }

/* A line break and two blanks a level, in one write (depth stays below JW_MAX_DEPTH). */
static void newline(json_w *w)
{
	static const char indent[] = "\n" "                                                                ";
	_Static_assert(sizeof indent >= 2 + 2 * JW_MAX_DEPTH, "an indentation for every depth");
	if (w->pretty)
		put(w, indent, 1 + 2 * (size_t)w->depth);
}

/* Separator and indentation before a value or key at the current depth. */
static void before_value(json_w *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (w->count[w->depth]++)
			put(w, ",", 1);
		newline(w);
	}
}

void jw_init(json_w *w, FILE *f, ap_buf *buf, int pretty)
{
	memset(w, 0, sizeof *w);
	w->f = f;
	w->buf = buf;
	w->pretty = pretty;
}

void jw_init_chunked(json_w *w, FILE *f, ap_buf *buf, int pretty)
{
	jw_init(w, NULL, buf, pretty);
	w->drain = f;
}

static void open_(json_w *w, const char *c)
{
	before_value(w);
	puts_(w, c);
	/* Deeper than the writer can track is a bug in the caller: the output
	 * would be wrong, so it is reported by jw_end instead of clamped. */
	if (w->depth >= JW_MAX_DEPTH - 1) {
		w->too_deep = 1;
		return;
	}
	w->depth++;
	w->count[w->depth] = 0;
}

static void close_(json_w *w, const char *c)
{
	if (w->too_deep) {
		puts_(w, c);
		return;
	}
	int had = w->count[w->depth];
	if (w->depth > 0)
		w->depth--;
	if (had)
		newline(w);
	puts_(w, c);
}

void jw_obj(json_w *w) { open_(w, "{"); }
void jw_obj_end(json_w *w) { close_(w, "}"); }
void jw_arr(json_w *w) { open_(w, "["); }
void jw_arr_end(json_w *w) { close_(w, "]"); }

/* Bytes a JSON string cannot hold as they are: control characters (and the
 * terminating NUL, which ends a run too), the quote, the backslash and DEL. */
static const unsigned char special[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x00 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x10 */
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x20: '"' */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x30 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x40 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,   /* 0x50: '\\' */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x60 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,   /* 0x70: DEL */
	/* Lead bytes of C1 controls (U+0080-009F) and of the bidi overrides and
	 * isolates (U+202A-202E, U+2066-2069): looked at character by character,
	 * so a terminal shown the file or the output never sees them raw. */
	[0xC2] = 2, [0xE2] = 2,
};

/* Bytes of the character at s that must be escaped (its code point in *cp),
 * or 0 when it goes out as it is: text.h's list decides. */
static int escaped_utf8(const unsigned char *s, unsigned *cp)
{
	size_t len = ap_control_len((const char *)s);
	utf8proc_int32_t c = 0;
	if (!len || utf8proc_iterate(s, (utf8proc_ssize_t)len, &c) != (utf8proc_ssize_t)len)
		return 0;
	*cp = (unsigned)c;
	return (int)len;
}

size_t jw_plain_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (!special[p[0]]) {
		/* Unrolled: text is long runs between rare escapes. */
		if (special[p[1]]) { p += 1; break; }
		if (special[p[2]]) { p += 2; break; }
		if (special[p[3]]) { p += 3; break; }
		p += 4;
	}
	return (size_t)(p - (const unsigned char *)s);
}

/* One escape sequence for the special byte c. */
static void write_escape(json_w *w, unsigned char c)
{
	char hex[8];
	switch (c) {
	case '"': put(w, "\\\"", 2); break;
	case '\\': put(w, "\\\\", 2); break;
	case '\n': put(w, "\\n", 2); break;
	case '\r': put(w, "\\r", 2); break;
	case '\t': put(w, "\\t", 2); break;
	default:
		snprintf(hex, sizeof hex, "\\u%04x", c);
		put(w, hex, 6);
	}
}

/* The string in runs: each run of plain bytes leaves in one write. */
static void write_string(json_w *w, const char *s)
{
	put(w, "\"", 1);
	for (;;) {
		size_t n = jw_plain_len(s);
		if (n)
			put(w, s, n);
		s += n;
		if (!*s)
			break;
		unsigned cp;
		int len = (unsigned char)*s < 0x80 ? 1 : escaped_utf8((const unsigned char *)s, &cp);
		if (len == 1) {
			write_escape(w, (unsigned char)*s++);
		} else if (len) {
			char hex[8];
			snprintf(hex, sizeof hex, "\\u%04x", cp);
			put(w, hex, 6);
			s += len;
		} else {
			put(w, s++, 1);   /* another character with the same lead byte */
		}
	}
	put(w, "\"", 1);
}

void jw_key(json_w *w, const char *key)
{
	before_value(w);
	write_string(w, key);
	puts_(w, w->pretty ? ": " : ":");
	w->after_key = 1;
}

void jw_str(json_w *w, const char *s)
{
	before_value(w);
	if (s)
		write_string(w, s);
	else
		puts_(w, "null");
}

void jw_int(json_w *w, long long v)
{
	/* Digits from the end, without printf: reports write many numbers. */
	char b[24], *p = b + sizeof b;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	before_value(w);
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	put(w, p, (size_t)(b + sizeof b - p));
}

void jw_real(json_w *w, double v)
{
	char b[40];
	before_value(w);
	if (!isfinite(v)) {
		puts_(w, "null");
		return;
	}
	ap_format_real(v, b);
	puts_(w, b);
}

void jw_number(json_w *w, const char *digits)
{
	before_value(w);
	puts_(w, digits);
}

void jw_bool(json_w *w, int v)
{
	before_value(w);
	puts_(w, v ? "true" : "false");
}

void jw_null(json_w *w)
{
	before_value(w);
	puts_(w, "null");
}

void jw_kstr(json_w *w, const char *key, const char *s) { jw_key(w, key); jw_str(w, s); }
void jw_kint(json_w *w, const char *key, long long v) { jw_key(w, key); jw_int(w, v); }
void jw_kreal(json_w *w, const char *key, double v) { jw_key(w, key); jw_real(w, v); }
void jw_kbool(json_w *w, const char *key, int v) { jw_key(w, key); jw_bool(w, v); }

int jw_end(json_w *w, ap_err *e)
{
	put(w, "\n", 1);
	if (w->drain)
		drain(w);
	if (w->too_deep)
		return ap_fail(e, AP_EINPUT, "JSON output nested deeper than %d levels", JW_MAX_DEPTH - 1);
	return AP_OK;
}
