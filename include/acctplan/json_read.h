/* json_read.h - a streaming JSON pull parser: the reading half of export/import.
 *
 * It hands out one token at a time and keeps only the current string, so a
 * file of any size is read in constant memory (no DOM). It is strict RFC 8259:
 * no comments, no trailing commas, one top-level value. Strings come back
 * decoded (escapes and surrogate pairs resolved) but their raw bytes are not
 * checked for UTF-8 here: the consumer checks each field with ap_text_check,
 * which names the field. Every error carries "NAME:LINE:COL: ". */
#ifndef ACCTPLAN_JSON_READ_H
#define ACCTPLAN_JSON_READ_H

#include <stdio.h>

#include "acctplan/util.h"

#define JR_MAX_DEPTH 64          /* deeper nesting is refused, not recursed into */
#define JR_STR_MAX (1 << 20)     /* longest string or key kept in memory */

enum jr_token {
	JR_ERROR = -1,   /* *e is filled; the reader is unusable afterwards */
	JR_END = 0,      /* after the top-level value: the input is complete */
	JR_OBJ, JR_OBJ_END, JR_ARR, JR_ARR_END,
	JR_KEY,          /* a member name; jr_text has it */
	JR_STR, JR_NUM,  /* jr_text has the decoded string or the number's text */
	JR_TRUE, JR_FALSE, JR_NULL,
};

typedef struct json_r {
	FILE *f;                    /* input, or NULL when reading from memory */
	const char *name;           /* for messages: a file name or "-" */
	const unsigned char *p, *lim;   /* unread input */
	unsigned char *chunk;       /* file buffer */
	long line, col;             /* position of the next character */
	long tok_line, tok_col;     /* where the last token began */
	int depth;
	char stack[JR_MAX_DEPTH];   /* '{' or '[' per open container */
	int need;                   /* what the grammar allows next */
	ap_buf text;                /* last key, string or number */
	int plain;                  /* text is printable ASCII only (see jr_plain) */
	int failed;
} json_r;

/* Read from f (when not NULL) or from the len bytes at data. name is kept,
 * not copied. Release with jr_free. */
void jr_init(json_r *r, FILE *f, const char *data, size_t len, const char *name);
void jr_free(json_r *r);

/* The next token, or JR_ERROR with *e filled ("NAME:LINE:COL: expected ':'"). */
int jr_next(json_r *r, ap_err *e);
/* The text of the last JR_KEY, JR_STR or JR_NUM (decoded, NUL-terminated;
 * a string never contains NUL because \u0000 is refused). */
const char *jr_text(const json_r *r);
size_t jr_len(const json_r *r);
/* Whether the last JR_KEY or JR_STR is printable ASCII only (0x20 to 0x7e,
 * seen while it was read): then ap_text_check has nothing to find in it but
 * its length, and a consumer may skip it. */
int jr_plain(const json_r *r);
/* Skip the rest of a value whose first token tok was just returned. */
int jr_skip(json_r *r, int tok, ap_err *e);
/* The last JR_NUM as a finite double; AP_EINPUT when it overflows. */
int jr_number(const json_r *r, double *out, ap_err *e);
/* Fill *e with "NAME:LINE:COL: " at the last token followed by the message;
 * returns AP_EINPUT. For the consumer's own (semantic) errors. */
int jr_fail(const json_r *r, ap_err *e, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "an object", "a string"... for "expected X, found Y" messages. */
const char *jr_token_name(int tok);
/* The same at a position remembered earlier (a record's first token). */
int jr_fail_at(const json_r *r, long line, long col, ap_err *e, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
