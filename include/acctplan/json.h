/* json.h - a streaming JSON writer: output of listings and the export file.
 * It writes as it goes, so exporting a large portfolio needs no DOM in memory,
 * and its byte output is fully determined by the calls (export is reproducible). */
#ifndef ACCTPLAN_JSON_H
#define ACCTPLAN_JSON_H

#include <stdio.h>

#include "acctplan/util.h"

#define JW_MAX_DEPTH 32

typedef struct json_w {
	FILE *f;          /* where output goes, or */
	ap_buf *buf;      /* a buffer when f is NULL */
	FILE *drain;      /* with buf: where buf's bytes go once it holds JW_CHUNK */
	int pretty;       /* two-space indentation, one member per line */
	int depth;
	int count[JW_MAX_DEPTH];   /* members written at each depth */
	int after_key;
	int too_deep;     /* an array or object opened past JW_MAX_DEPTH */
} json_w;

void jw_init(json_w *w, FILE *f, ap_buf *buf, int pretty);
/* Write to f through buf a chunk at a time: one fwrite per JW_CHUNK bytes
 * rather than per token (each takes the stream's lock), and memory bounded
 * however long the document. jw_end writes the rest; nothing else may
 * write to f in between. */
#define JW_CHUNK 65536
void jw_init_chunked(json_w *w, FILE *f, ap_buf *buf, int pretty);
void jw_obj(json_w *w);
void jw_obj_end(json_w *w);
void jw_arr(json_w *w);
void jw_arr_end(json_w *w);
void jw_key(json_w *w, const char *key);
void jw_str(json_w *w, const char *s);     /* NULL writes null */
void jw_int(json_w *w, long long v);
void jw_real(json_w *w, double v);         /* NaN or infinity write null */
/* A number already written as JSON number text ("-12.50"), as it is: an
 * exact decimal (money) never passes through a double. */
void jw_number(json_w *w, const char *digits);
void jw_bool(json_w *w, int v);
void jw_null(json_w *w);
/* Shorthands for "key": value. */
void jw_kstr(json_w *w, const char *key, const char *s);
void jw_kint(json_w *w, const char *key, long long v);
void jw_kreal(json_w *w, const char *key, double v);
void jw_kbool(json_w *w, const char *key, int v);
/* Length of the start of s that a JSON string holds as it is (stopping at
 * whatever the writer escapes, and at the lead bytes of C1 and bidi
 * controls): lets a caller copy the usual string without the writer. */
size_t jw_plain_len(const char *s);
/* Finish the document with a newline (chunked: and write what is left);
 * AP_EINPUT when anything was nested deeper than JW_MAX_DEPTH (the output
 * is then not what was meant). */
int jw_end(json_w *w, ap_err *e);

#endif
