/* text.c - what text may hold, and how it is shown. */
#define _GNU_SOURCE   /* fopencookie */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <utf8proc.h>

#include "acctplan/text.h"

int ap_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned min;
		if (c < 0x80) { i++; continue; }
		else if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; c &= 0x1F; }
		else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; c &= 0x0F; }
		else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; c &= 0x07; }
		else return 0;
		if (i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			c = (c << 6) | (s[i + k] & 0x3F);
		}
		/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

/* The code point at s[*i] (valid UTF-8 assumed unless len < 0 comes back),
 * advancing *i; -1 for a byte that does not start a valid character. */
static int32_t next_cp(const char *s, size_t n, size_t *i)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(n - *i), &c);
	if (len <= 0) {
		(*i)++;
		return -1;
	}
	*i += (size_t)len;
	return c;
}

/* The one list of characters no text field may hold, with the reason:
 * controls move the cursor or start escape sequences (U+009B is a CSI to
 * xterm), and bidi overrides make "Acme" show as something else. Tab always,
 * line breaks in multi-line fields, are the only controls allowed. */
static const char *refused_char(int32_t c, int multiline)
{
	if (c == '\t' || (multiline && (c == '\n' || c == '\r')))
		return NULL;
	if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
		return "a control character";
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return "a bidirectional control character";
	return NULL;
}

static int is_blank(int32_t c)
{
	return c == '\t' || utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

/* Zero-width and format characters: invisible on their own, so a name may
 * not start or end with one ("Acme\u200b" would pass for "Acme"). */
static int is_invisible(int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);
	return utf8proc_get_property(c)->ignorable || cat == UTF8PROC_CATEGORY_CF;
}

/* Marks draw onto the character before them: alone they show nothing. */
static int is_visible(int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);
	return !is_blank(c) && !is_invisible(c) && cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_ME &&
		cat != UTF8PROC_CATEGORY_ZL && cat != UTF8PROC_CATEGORY_ZP && cat != UTF8PROC_CATEGORY_CC;
}

int ap_text_check(const char *what, const char *s, int multiline, ap_err *e)
{
	size_t n = strlen(s);
	if (n > AP_TEXT_MAX)
		return ap_fail(e, AP_EINPUT, "%s is %zu bytes long; the limit is %d bytes", what, n, AP_TEXT_MAX);
	if (!ap_utf8_valid(s, n))
		return ap_fail(e, AP_EINPUT, "%s is not valid UTF-8", what);
	for (size_t i = 0; i < n;) {
		size_t at = i;
		int32_t c = next_cp(s, n, &i);
		const char *why = refused_char(c, multiline);
		if (why && c < 0x80)
			return ap_fail(e, AP_EINPUT, "%s contains %s (byte %zu)", what, why, at + 1);
		if (why)
			return ap_fail(e, AP_EINPUT, "%s contains %s U+%04X (byte %zu)", what, why, (unsigned)c, at + 1);
	}
	return AP_OK;
}

/* The first and last code points of s (n > 0, valid UTF-8). */
static void edge_cps(const char *s, size_t n, int32_t *first, int32_t *last)
{
	size_t i = 0, start = n;
	*first = next_cp(s, n, &i);
	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start > 0)
		start--;
	*last = next_cp(s, n, &start);
}

int ap_text_shows(const char *what, const char *s, ap_err *e)
{
	size_t n = strlen(s);
	if (strspn(s, " \t\r\n") == n)
		return ap_fail(e, AP_EINPUT, "%s is empty", what);
	for (size_t i = 0; i < n;)
		if (is_visible(next_cp(s, n, &i)))
			return AP_OK;
	return ap_fail(e, AP_EINPUT, "%s has no visible character", what);
}

int ap_name_check(const char *what, const char *s, ap_err *e)
{
	int rc = ap_text_check(what, s, 0, e);
	size_t n = strlen(s);
	if (rc || (rc = ap_text_shows(what, s, e)))
		return rc;
	int32_t first, last;
	edge_cps(s, n, &first, &last);
	if (is_blank(first) || is_blank(last))
		return ap_fail(e, AP_EINPUT, "%s '%s' starts or ends with a blank", what, s);
	if (is_invisible(first) || is_invisible(last))
		return ap_fail(e, AP_EINPUT, "%s starts or ends with an invisible character U+%04X",
			what, (unsigned)(is_invisible(first) ? first : last));
	return AP_OK;
}

int ap_text_repair(char *s, int name, int multiline)
{
	size_t n = strlen(s), w = 0;
	int changed = 0;
	if (n > AP_TEXT_MAX) {
		/* Cut at a character boundary: the rest cannot be stored under the limit. */
		n = AP_TEXT_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		changed = 1;
	}
	/* In place: what is written never overtakes what is read, and a byte
	 * that is not UTF-8 becomes one '?' so the rest of the text survives. */
	for (size_t i = 0; i < n;) {
		size_t at = i;
		int32_t c = next_cp(s, n, &i);
		if (c < 0 || refused_char(c, multiline && !name)) {
			changed = 1;
			if (c < 0)
				s[w++] = '?';
			continue;
		}
		memmove(s + w, s + at, i - at);
		w += i - at;
	}
	s[w] = '\0';
	if (!name)
		return changed;
	size_t lead = 0, end = w;
	for (size_t i = 0; i < w;) {
		int32_t c = next_cp(s, w, &i);
		if (!is_blank(c) && !is_invisible(c))
			break;
		lead = i;
	}
	while (end > lead) {
		size_t start = end - 1;
		while (start > lead && ((unsigned char)s[start] & 0xC0) == 0x80)
			start--;
		size_t j = start;
		int32_t c = next_cp(s, end, &j);
		if (!is_blank(c) && !is_invisible(c))
			break;
		end = start;
	}
	if (lead || end != w) {
		memmove(s, s + lead, end - lead);
		s[end - lead] = '\0';
		changed = 1;
	}
	return changed;
}

char *ap_name_key(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
		UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	if (n < 0) {
		/* Not UTF-8: only an unchecked name gets here, and it equals only itself. */
		free(out);
		return xstrdup(s);
	}
	char *key = xstrdup((char *)out);
	free(out);
	return key;
}

size_t ap_text_words(const char *s)
{
	size_t n = strlen(s), words = 0;
	int counted = 0;   /* the word being read has been counted */
	for (size_t i = 0; i < n;) {
		int32_t c = next_cp(s, n, &i);
		utf8proc_category_t cat = c < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(c);
		if (c < 0 || is_blank(c) || c == '\n' || c == '\r' || cat == UTF8PROC_CATEGORY_ZL ||
		    cat == UTF8PROC_CATEGORY_ZP) {
			counted = 0;
			continue;
		}
		/* A word is what holds a letter or a digit: "- - -" says nothing. */
		if (!counted && ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
		    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO))) {
			words++;
			counted = 1;
		}
	}
	return words;
}

/* ---- output ---- */

/* What must not reach a terminal raw: the refused characters, whatever
 * the field (tab and line breaks as the caller says). */
static int escaped_char(int32_t c, int keep_lines)
{
	return c < 0 || refused_char(c, keep_lines) != NULL;
}

/* Bytes that pass without decoding: printable ASCII and tab, the bulk of
 * any output (a line feed is the caller's to allow). */
static const unsigned char plain_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
};

/* The end of the run of plain bytes (and line feeds when kept) from i. */
static size_t plain_run(const char *s, size_t i, size_t n, int keep_lines)
{
	const unsigned char *u = (const unsigned char *)s;
	for (;;) {
		/* Four at a time: text is long runs between rare escapes. */
		while (i + 4 <= n && plain_byte[u[i]] && plain_byte[u[i + 1]] && plain_byte[u[i + 2]] && plain_byte[u[i + 3]])
			i += 4;
		while (i < n && plain_byte[u[i]])
			i++;
		if (i < n && u[i] == '\n' && keep_lines)
			i++;
		else
			return i;
	}
}

void ap_text_escape(ap_buf *b, const char *s, size_t n, int keep_lines)
{
	size_t run = 0;   /* start of the bytes passed through unchanged */
	for (size_t i = 0; i < n;) {
		i = plain_run(s, i, n, keep_lines);
		if (i >= n)
			break;
		size_t at = i;
		int32_t c = next_cp(s, n, &i);
		/* A CR not followed by LF sends the cursor back over the line. */
		int bare_cr = c == '\r' && !(i < n && s[i] == '\n');
		if (!escaped_char(c, keep_lines) && !bare_cr)
			continue;
		buf_add(b, s + run, at - run);
		if (c < 0)
			buf_printf(b, "\\x%02x", (unsigned char)s[at]);
		else
			buf_printf(b, "\\u%04x", (unsigned)c);
		run = i;
	}
	buf_add(b, s + run, n - run);
}

static size_t next_char(const char *s, wchar_t *wc)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		return 1;
	}
	return n;
}

static int char_width(wchar_t wc)
{
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int ap_display_width(const char *s)
{
	int cols = 0;
	while (s && *s) {
		/* ASCII, most text, takes a column a byte in every locale (a
		 * control character counts one, as char_width says): no call. */
		if ((unsigned char)*s < 0x80) {
			s++;
			cols++;
			continue;
		}
		wchar_t wc;
		s += next_char(s, &wc);
		cols += char_width(wc);
	}
	return cols;
}

size_t ap_fit(const char *s, int cols, int *used)
{
	size_t off = 0;
	int w = 0;
	while (s && s[off]) {
		wchar_t wc;
		size_t n = next_char(s + off, &wc);
		int cw = char_width(wc);
		if (w + cw > cols)
			break;
		w += cw;
		off += n;
	}
	if (used)
		*used = w;
	return off;
}

size_t ap_control_len(const char *s)
{
	size_t n = strnlen(s, 4), i = 0;
	if (!n)
		return 0;
	int32_t c = next_cp(s, n, &i);
	return c >= 0 && refused_char(c, 0) && c != '\t' ? i : 0;
}

/* ---- a stream that escapes what it writes ---- */

/* A stream that is not a terminal gets its output in blocks this big: a
 * report of a whole portfolio is a hundred megabytes. */
#define SAFE_STREAM_BUF (64 * 1024)

struct safe_stream {
	FILE *raw;
	ap_buf out;     /* the escaped bytes of one write, reused */
	char pend[4];   /* an unfinished character or a CR, held for the next write */
	size_t npend;
};

/* Bytes at the end of s[0, n) that may still become one character with what
 * comes next: a lead byte without all its continuation bytes, or a CR that
 * may be the first half of CR LF. */
static size_t unfinished_tail(const char *s, size_t n)
{
	if (n && s[n - 1] == '\r')
		return 1;
	for (size_t back = 1; back <= 3 && back <= n; back++) {
		unsigned char c = (unsigned char)s[n - back];
		if ((c & 0xC0) == 0x80)
			continue;
		size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		return len > back ? back : 0;
	}
	return 0;
}

static int safe_emit(struct safe_stream *ss, const char *s, size_t n)
{
	/* Nothing to escape, the usual case: written as it is, no copy. */
	if (plain_run(s, 0, n, 1) == n)
		return n == 0 || fwrite(s, 1, n, ss->raw) == n;
	ss->out.len = 0;
	ap_text_escape(&ss->out, s, n, 1);
	return ss->out.len == 0 || fwrite(ss->out.s, 1, ss->out.len, ss->raw) == ss->out.len;
}

static ssize_t safe_write(void *cookie, const char *buf, size_t size)
{
	struct safe_stream *ss = cookie;
	if (!ss->npend) {   /* the usual case: no copy */
		size_t keep = unfinished_tail(buf, size);
		int ok = safe_emit(ss, buf, size - keep);
		memcpy(ss->pend, buf + size - keep, keep);
		ss->npend = keep;
		return ok ? (ssize_t)size : -1;
	}
	ap_buf in = {0};
	buf_add(&in, ss->pend, ss->npend);
	buf_add(&in, buf, size);
	size_t keep = unfinished_tail(in.s, in.len);
	int ok = safe_emit(ss, in.s, in.len - keep);
	memcpy(ss->pend, in.s + in.len - keep, keep);
	ss->npend = keep;
	buf_free(&in);
	return ok ? (ssize_t)size : -1;
}

static int safe_close(void *cookie)
{
	struct safe_stream *ss = cookie;
	int ok = safe_emit(ss, ss->pend, ss->npend) && fflush(ss->raw) == 0;
	buf_free(&ss->out);
	free(ss);
	return ok ? 0 : EOF;
}

FILE *ap_safe_stream(FILE *raw, int line_buffered)
{
	struct safe_stream *ss = xcalloc(1, sizeof *ss);
	ss->raw = raw;
	FILE *f = fopencookie(ss, "w", (cookie_io_functions_t){.write = safe_write, .close = safe_close});
	if (!f) {
		free(ss);
		return NULL;
	}
	/* The escaping stream does the buffering, so the two never hold parts
	 * of the same output in a different order. */
	setvbuf(raw, NULL, _IONBF, 0);
	setvbuf(f, NULL, line_buffered ? _IOLBF : _IOFBF, line_buffered ? BUFSIZ : SAFE_STREAM_BUF);
	return f;
}

/* Edit distance of a and b (bytes), giving up past max: two rows of the table. */
static size_t edits(const char *a, size_t na, const char *b, size_t nb, size_t max)
{
	size_t *row = xcalloc(nb + 1, sizeof *row), *next = xcalloc(nb + 1, sizeof *next);
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t best = next[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t sub = row[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = row[j] + 1, ins = next[j - 1] + 1;
			next[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			best = next[j] < best ? next[j] : best;
		}
		size_t *t = row;
		row = next;
		next = t;
		if (best > max)
			break;
	}
	size_t d = row[nb];
	free(row);
	free(next);
	return d;
}

/* Is word (a key) close to the typed key a: the start of one is the other, or a few edits apart? */
static int key_close(const char *a, size_t na, const char *b, size_t nb)
{
	size_t max = (na + 2) / 3;
	return na && nb && (strncmp(a, b, na < nb ? na : nb) == 0 || edits(a, na, b, nb, max) <= max);
}

int ap_name_close(const char *typed, const char *candidate)
{
	char *a = ap_name_key(typed), *b = ap_name_key(candidate);
	size_t na = strlen(a);
	int close = key_close(a, na, b, strlen(b)) || (na && strstr(b, a));
	/* Or close to one word of it: "Anne" for "Ana Lima". */
	for (const char *w = b; !close && *w;) {
		size_t n = strcspn(w, " ");
		close = key_close(a, na, w, n);
		w += n + (w[n] == ' ');
	}
	free(a);
	free(b);
	return close;
}
