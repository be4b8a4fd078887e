/* json.c - the streaming JSON writer. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/json.h"

static void put(json_w *w, const char *s, size_t n)
{
	if (w->f)
		fwrite(s, 1, n, w->f);
	else
		buf_add(w->buf, s, n);
}

static void puts_(json_w *w, const char *s) { put(w, s, strlen(s)); }

static void newline(json_w *w)
{
	if (!w->pretty)
		return;
	put(w, "\n", 1);
	for (int i = 0; i < w->depth; i++)
		put(w, "  ", 2);
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

static void open_(json_w *w, const char *c)
{
	before_value(w);
	puts_(w, c);
	if (w->depth < JW_MAX_DEPTH - 1)
		w->depth++;
	w->count[w->depth] = 0;
}

static void close_(json_w *w, const char *c)
{
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

static void write_string(json_w *w, const char *s)
{
	put(w, "\"", 1);
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc = NULL;
		char hex[8];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (c < 0x20 || c == 0x7f) {
				snprintf(hex, sizeof hex, "\\u%04x", c);
				esc = hex;
			}
		}
		if (esc) {
			put(w, run, (size_t)(s - run));
			puts_(w, esc);
			run = s + 1;
		}
	}
	put(w, run, (size_t)(s - run));
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
	char b[32];
	before_value(w);
	snprintf(b, sizeof b, "%lld", v);
	puts_(w, b);
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

void jw_end(json_w *w) { put(w, "\n", 1); }
