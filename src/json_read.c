/* json_read.c - the streaming JSON pull parser. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/json_read.h"

#define CHUNK (1 << 16)
#define NUM_MAX 512

/* What the grammar allows next. */
enum {
	NEED_VALUE,           /* top level, after ':' or after ',' in an array */
	NEED_VALUE_OR_CLOSE,  /* after '[' */
	NEED_KEY,             /* after ',' in an object */
	NEED_KEY_OR_CLOSE,    /* after '{' */
	NEED_COLON,           /* after a key */
	NEED_COMMA_OR_CLOSE,  /* after a value inside a container */
	NEED_EOF,             /* after the top-level value */
};

void jr_init(json_r *r, FILE *f, const char *data, size_t len, const char *name)
{
	memset(r, 0, sizeof *r);
	r->f = f;
	r->name = name ? name : "-";
	r->line = r->col = 1;
	if (f) {
		r->chunk = xmalloc(CHUNK);
		r->p = r->lim = r->chunk;
	} else {
		r->p = (const unsigned char *)data;
		r->lim = r->p + len;
	}
	buf_add(&r->text, "", 0);
}

void jr_free(json_r *r)
{
	free(r->chunk);
	r->chunk = NULL;
	buf_free(&r->text);
}

const char *jr_text(const json_r *r) { return r->text.s; }
size_t jr_len(const json_r *r) { return r->text.len; }
int jr_plain(const json_r *r) { return r->plain; }

static int vfail_at(const json_r *r, long line, long col, ap_err *e, const char *fmt, va_list ap)
{
	char msg[768];
	vsnprintf(msg, sizeof msg, fmt, ap);
	return ap_fail(e, AP_EINPUT, "%s:%ld:%ld: %s", r->name, line, col, msg);
}

int jr_fail(const json_r *r, ap_err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail_at(r, r->tok_line, r->tok_col, e, fmt, ap);
	va_end(ap);
	return AP_EINPUT;
}

int jr_fail_at(const json_r *r, long line, long col, ap_err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail_at(r, line, col, e, fmt, ap);
	va_end(ap);
	return AP_EINPUT;
}

/* A lexical error, reported where the reader stands. */
static int lex_fail(json_r *r, ap_err *e, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int lex_fail(json_r *r, ap_err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail_at(r, r->line, r->col, e, fmt, ap);
	va_end(ap);
	r->failed = 1;
	return JR_ERROR;
}

static int truncated(json_r *r, ap_err *e)
{
	return lex_fail(r, e, "unexpected end of input (file truncated?)");
}

/* Next byte without consuming it; -1 at the end, -2 on a read error. */
static int peek(json_r *r)
{
	if (r->p < r->lim)
		return *r->p;
	if (!r->f)
		return -1;
	size_t n = fread(r->chunk, 1, CHUNK, r->f);
	r->p = r->chunk;
	r->lim = r->chunk + n;
	if (n > 0)
		return *r->p;
	return ferror(r->f) ? -2 : -1;
}

/* Consume one byte. Columns count characters, so UTF-8 continuation bytes do not advance them. */
static void advance(json_r *r)
{
	unsigned char c = *r->p++;
	if (c == '\n') {
		r->line++;
		r->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		r->col++;
	}
}

static int end_of_input(json_r *r, int c, ap_err *e)
{
	if (c == -2)
		return lex_fail(r, e, "cannot read input: %s", strerror(errno));
	return truncated(r, e);
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Are the 8 bytes at p all blanks (indentation)? */
static int blank8(const unsigned char *p)
{
	uint64_t x;
	memcpy(&x, p, sizeof x);
	return x == ONES * ' ';
}

/* Whitespace is most of a pretty-printed file, so it is skipped in a tight
 * loop over the buffer, indentation eight blanks at a time, refilling only
 * at its end. The position is kept in locals: stores through r would have
 * to be redone for every byte read. */
static int skip_space(json_r *r)
{
	for (;;) {
		const unsigned char *p = r->p, *lim = r->lim;
		long line = r->line, col = r->col;
		while (p < lim) {
			if (lim - p >= 8 && blank8(p)) {
				p += 8;
				col += 8;
				continue;
			}
			if (*p == ' ' || *p == '\t' || *p == '\r') {
				col++;
			} else if (*p == '\n') {
				line++;
				col = 1;
			} else {
				break;
			}
			p++;
		}
		r->p = p;
		r->line = line;
		r->col = col;
		if (p < lim)
			return *p;
		int c = peek(r);
		if (c < 0)
			return c;
	}
}

static int hex4(json_r *r, unsigned *out, ap_err *e)
{
	*out = 0;
	for (int i = 0; i < 4; i++) {
		int c = peek(r);
		if (c < 0)
			return end_of_input(r, c, e);
		int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (v < 0)
			return lex_fail(r, e, "invalid \\u escape: expected 4 hex digits");
		*out = *out << 4 | (unsigned)v;
		advance(r);
	}
	return 0;
}

static void put_utf8(ap_buf *b, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, u, n);
}

/* After "\u": one code point, joining a UTF-16 surrogate pair. */
static int unicode_escape(json_r *r, ap_err *e)
{
	unsigned cp, lo;
	if (hex4(r, &cp, e))
		return JR_ERROR;
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return lex_fail(r, e, "invalid \\u escape: low surrogate without a high one");
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (peek(r) != '\\')
			return lex_fail(r, e, "invalid \\u escape: high surrogate not followed by a low one");
		advance(r);
		if (peek(r) != 'u')
			return lex_fail(r, e, "invalid \\u escape: high surrogate not followed by a low one");
		advance(r);
		if (hex4(r, &lo, e))
			return JR_ERROR;
		if (lo < 0xDC00 || lo > 0xDFFF)
			return lex_fail(r, e, "invalid \\u escape: high surrogate not followed by a low one");
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	if (cp == 0)
		return lex_fail(r, e, "\\u0000 (a NUL character) is not allowed in strings");
	put_utf8(&r->text, cp);
	return 0;
}

static int escape(json_r *r, ap_err *e)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	int c = peek(r);
	if (c < 0)
		return end_of_input(r, c, e);
	const char *k = c ? strchr(from, c) : NULL;
	if (k) {
		if (k - from > 2)   /* decodes to a control character */
			r->plain = 0;
		advance(r);
		buf_add(&r->text, &to[k - from], 1);
		return 0;
	}
	if (c != 'u')
		return lex_fail(r, e, "invalid escape '\\%c' in string", c >= 0x20 && c < 0x7f ? c : '?');
	advance(r);
	r->plain = 0;
	return unicode_escape(r, e);
}

/* Does any of the 8 bytes at p need a look of its own: a quote, a backslash,
 * a control character, or a byte past printable ASCII (0x7f and up)? Each
 * term sets a byte's high bit where (or, past the first hit, above where)
 * such a byte is: never a miss, which is all the fast path needs. */
static uint64_t special8(const unsigned char *p)
{
	uint64_t x, q, b;
	memcpy(&x, p, sizeof x);
	q = x ^ ONES * '"';
	b = x ^ ONES * '\\';
	return (((x - ONES * 0x20) & ~x)          /* below 0x20 */
		| ((q - ONES) & ~q)               /* '"' */
		| ((b - ONES) & ~b)               /* '\\' */
		| (x + ONES) | x) & HIGHS;        /* above 0x7e */
}

/* Advance over a run of a string's bytes that are kept as they are: up to a
 * quote, a backslash, a raw control character or the end of the buffer.
 * Eight bytes at a time while they are printable ASCII, which is most text;
 * anything else is taken byte by byte and makes the string not plain. */
static void scan_run(json_r *r)
{
	const unsigned char *p = r->p, *lim = r->lim;
	long col = r->col;
	int plain = r->plain;
	while (p < lim) {
		if (lim - p >= 8 && !special8(p)) {
			p += 8;
			col += 8;
			continue;
		}
		const unsigned char *end = lim - p >= 8 ? p + 8 : lim;
		for (; p < end; p++) {
			unsigned char c = *p;
			if (c == '"' || c == '\\' || c < 0x20)
				goto done;
			if (c >= 0x7f)
				plain = 0;
			/* Columns count characters: UTF-8 continuation bytes do not advance them. */
			col += (c & 0xC0) != 0x80;
		}
	}
done:
	r->p = p;
	r->col = col;
	r->plain = plain;
}

/* A string after its opening quote, into r->text. Plain runs are copied in
 * one go: most of an export is text. */
static int string(json_r *r, ap_err *e)
{
	r->text.len = 0;
	r->text.s[0] = '\0';
	r->plain = 1;
	for (;;) {
		int c = peek(r);
		if (c < 0)
			return end_of_input(r, c, e);
		const unsigned char *run = r->p;
		/* No line breaks can occur in a run (raw control characters are refused). */
		scan_run(r);
		if (r->p > run)
			buf_add(&r->text, (const char *)run, (size_t)(r->p - run));
		if (r->text.len > JR_STR_MAX)
			return lex_fail(r, e, "string longer than %d bytes", JR_STR_MAX);
		if (r->p == r->lim)
			continue;
		c = *r->p;
		if (c < 0x20)
			return lex_fail(r, e, "control character in string (write it as an escape such as \\n)");
		advance(r);
		if (c == '"')
			return 0;
		if (escape(r, e))
			return JR_ERROR;
	}
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* Copy digits into r->text; how many. */
static int digits(json_r *r)
{
	int n = 0, c;
	while (is_digit(c = peek(r)) && r->text.len < NUM_MAX) {
		char ch = (char)c;
		buf_add(&r->text, &ch, 1);
		advance(r);
		n++;
	}
	return n;
}

static int take(json_r *r, int want)
{
	if (peek(r) != want)
		return 0;
	char ch = (char)want;
	buf_add(&r->text, &ch, 1);
	advance(r);
	return 1;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, kept as text. */
static int number(json_r *r, ap_err *e)
{
	r->text.len = 0;
	r->text.s[0] = '\0';
	take(r, '-');
	int c = peek(r);
	if (c == '0') {
		take(r, '0');
		if (is_digit(peek(r)))
			return lex_fail(r, e, "invalid number: no leading zeros allowed");
	} else if (!digits(r)) {
		return c < 0 ? end_of_input(r, c, e) : lex_fail(r, e, "invalid number: expected a digit");
	}
	if (take(r, '.') && !digits(r))
		return peek(r) < 0 ? end_of_input(r, peek(r), e) : lex_fail(r, e, "invalid number: expected a digit after '.'");
	if (take(r, 'e') || take(r, 'E')) {
		if (!take(r, '+'))
			take(r, '-');
		if (!digits(r))
			return peek(r) < 0 ? end_of_input(r, peek(r), e) : lex_fail(r, e, "invalid number: expected exponent digits");
	}
	if (r->text.len >= NUM_MAX)
		return lex_fail(r, e, "number longer than %d characters", NUM_MAX);
	return 0;
}

/* true, false or null. */
static int literal(json_r *r, ap_err *e)
{
	static const char *const words[] = {"true", "false", "null"};
	static const int toks[] = {JR_TRUE, JR_FALSE, JR_NULL};
	char w[8];
	size_t n = 0;
	int c;
	while ((c = peek(r)) >= 'a' && c <= 'z' && n < sizeof w - 1) {
		w[n++] = (char)c;
		advance(r);
	}
	w[n] = '\0';
	for (int i = 0; i < 3; i++) {
		if (strcmp(w, words[i]) == 0)
			return toks[i];
		if (c < 0 && strncmp(words[i], w, n) == 0)
			return end_of_input(r, c, e);
	}
	r->line = r->tok_line;
	r->col = r->tok_col;
	if (n == 0 && c >= 0x20 && c < 0x7f)
		return lex_fail(r, e, "unexpected character '%c'", c);
	if (n == 0)
		return lex_fail(r, e, "unexpected byte 0x%02x", (unsigned)c);
	return lex_fail(r, e, "unexpected word '%s' (strings need double quotes)", w);
}

static int open_container(json_r *r, char kind, ap_err *e)
{
	if (r->depth == JR_MAX_DEPTH)
		return lex_fail(r, e, "nesting deeper than %d levels", JR_MAX_DEPTH);
	advance(r);
	r->stack[r->depth++] = kind;
	r->need = kind == '{' ? NEED_KEY_OR_CLOSE : NEED_VALUE_OR_CLOSE;
	return kind == '{' ? JR_OBJ : JR_ARR;
}

static int after_value(json_r *r, int tok)
{
	r->need = r->depth ? NEED_COMMA_OR_CLOSE : NEED_EOF;
	return tok;
}

static int close_container(json_r *r)
{
	char kind = r->stack[--r->depth];
	advance(r);
	return after_value(r, kind == '{' ? JR_OBJ_END : JR_ARR_END);
}

static int value(json_r *r, int c, ap_err *e)
{
	if (c == '{' || c == '[')
		return open_container(r, (char)c, e);
	if (c == '"') {
		advance(r);
		return string(r, e) ? JR_ERROR : after_value(r, JR_STR);
	}
	if (c == '-' || is_digit(c))
		return number(r, e) ? JR_ERROR : after_value(r, JR_NUM);
	int tok = literal(r, e);
	return tok == JR_ERROR ? tok : after_value(r, tok);
}

static const char *closer(const json_r *r)
{
	return r->stack[r->depth - 1] == '{' ? "'}'" : "']'";
}

/* One step of the grammar; 0 means punctuation was consumed and the caller loops. */
static int step(json_r *r, int c, ap_err *e)
{
	char top = r->depth ? r->stack[r->depth - 1] : 0;
	switch (r->need) {
	case NEED_COLON:
		if (c != ':')
			return lex_fail(r, e, "expected ':' after the member name");
		advance(r);
		r->need = NEED_VALUE;
		return 0;
	case NEED_COMMA_OR_CLOSE:
		if (c == ',') {
			advance(r);
			r->need = top == '{' ? NEED_KEY : NEED_VALUE;
			return 0;
		}
		if ((c == '}' && top == '{') || (c == ']' && top == '['))
			return close_container(r);
		return lex_fail(r, e, "expected ',' or %s", closer(r));
	case NEED_KEY_OR_CLOSE:
	case NEED_KEY:
		if (c == '}' && r->need == NEED_KEY_OR_CLOSE)
			return close_container(r);
		if (c != '"')
			return lex_fail(r, e, "%s", r->need == NEED_KEY && c == '}' ? "trailing ',' before '}'"
				: "expected a member name in double quotes");
		advance(r);
		if (string(r, e))
			return JR_ERROR;
		r->need = NEED_COLON;
		return JR_KEY;
	case NEED_VALUE_OR_CLOSE:
		if (c == ']')
			return close_container(r);
		return value(r, c, e);
	case NEED_EOF:
		return lex_fail(r, e, "unexpected data after the end of the document");
	default:
		if (c == ']' && top == '[')
			return lex_fail(r, e, "trailing ',' before ']'");
		return value(r, c, e);
	}
}

int jr_next(json_r *r, ap_err *e)
{
	if (r->failed) {
		ap_fail(e, AP_EINPUT, "%s: reading past an error", r->name);
		return JR_ERROR;
	}
	for (;;) {
		int c = skip_space(r);
		r->tok_line = r->line;
		r->tok_col = r->col;
		if (c < 0) {
			if (r->need == NEED_EOF && c == -1)
				return JR_END;
			return end_of_input(r, c, e);
		}
		int tok = step(r, c, e);
		if (tok)
			return tok;
	}
}

int jr_skip(json_r *r, int tok, ap_err *e)
{
	int depth = tok == JR_OBJ || tok == JR_ARR;
	while (depth > 0) {
		tok = jr_next(r, e);
		if (tok == JR_ERROR)
			return AP_EINPUT;
		if (tok == JR_OBJ || tok == JR_ARR)
			depth++;
		else if (tok == JR_OBJ_END || tok == JR_ARR_END)
			depth--;
	}
	return tok == JR_ERROR ? AP_EINPUT : AP_OK;
}

int jr_number(const json_r *r, double *out, ap_err *e)
{
	errno = 0;
	*out = strtod(r->text.s, NULL);
	if (!isfinite(*out) || (errno == ERANGE && fabs(*out) > 1.0))
		return jr_fail(r, e, "number %s is out of range", r->text.s);
	return AP_OK;
}

const char *jr_token_name(int tok)
{
	switch (tok) {
	case JR_OBJ: return "an object";
	case JR_OBJ_END: return "the end of an object";
	case JR_ARR: return "an array";
	case JR_ARR_END: return "the end of an array";
	case JR_KEY: return "a member name";
	case JR_STR: return "a string";
	case JR_NUM: return "a number";
	case JR_TRUE: case JR_FALSE: return "a boolean";
	case JR_NULL: return "null";
	case JR_END: return "the end of input";
	default: return "an error";
	}
}
