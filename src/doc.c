/* doc.c - rendering report blocks as Markdown or as text wrapped to a width. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/doc.h"
#include "acctplan/model.h"
#include "acctplan/shell.h"

static const char *const doc_format_v[] = {"text", "md"};
const ap_names doc_formats = {"format", doc_format_v, 2};

enum block { B_NONE, B_TITLE, B_HEADING, B_PARA, B_ITEM, B_TABLE, B_COMMAND, B_PRE };

/* Markdown's own punctuation, escaped so user text never turns into markup. */
#define MD_SPECIAL "\\`*_[]<>|#~"

void doc_init(doc *d, int format, int width, ap_buf *out)
{
	memset(d, 0, sizeof *d);
	d->format = format;
	d->width = width > 20 ? width : 20;
	d->out = out;
}

void doc_init_file(doc *d, int format, int width, FILE *f)
{
	doc_init(d, format, width, NULL);
	d->out = &d->own;
	d->drain = f;
}

/* Out to the file what is done, once there is a chunk of it. */
static void drain(doc *d, size_t at_least)
{
	if (!d->drain || d->out->len < at_least || !d->out->len)
		return;
	fwrite(d->out->s, 1, d->out->len, d->drain);
	d->out->len = 0;
	d->out->s[0] = '\0';
}

void doc_finish(doc *d)
{
	drain(d, 0);
	if (d->drain)
		buf_free(&d->own);
}

static char *vformat(const char *fmt, va_list ap)
{
	ap_buf b = {0};
	buf_vprintf(&b, fmt, ap);
	char *s = buf_steal(&b);
	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return s;
}

static void md_escaped(ap_buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr(MD_SPECIAL, *s))
			buf_add(b, "\\", 1);
		buf_add(b, s, 1);
	}
}

/* Blank line between blocks, except between items of one list, and in text
 * before a command, which reads as the last line of the block introducing it. */
static void begin(doc *d, int kind)
{
	drain(d, DOC_CHUNK);
	if (d->last != B_NONE && !(kind == B_ITEM && d->last == B_ITEM) && !(kind == B_COMMAND && d->format == DOC_TEXT))
		buf_puts(d->out, "\n");
	d->last = kind;
}

static int is_blank(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

size_t doc_wrap(const char *text, int width, char ***lines)
{
	AP_VEC(char *) v = {0};
	ap_buf cur = {0};
	int curw = 0;
	const char *p = text ? text : "";
	if (width < 1)
		width = 1;
	/* Text that fits keeps its blanks: aligned figures stay aligned. */
	if (!strpbrk(p, "\t\r\n") && ap_display_width(p) <= width) {
		*ap_vec_push(&v) = xstrdup(p);
		*lines = v.v;
		return v.n;
	}
	while (*p) {
		while (is_blank(*p))
			p++;
		const char *w = p;
		while (*p && !is_blank(*p))
			p++;
		if (p == w)
			break;
		char *word = xstrndup(w, (size_t)(p - w));
		const char *rest = word;
		int ww = ap_display_width(rest);
		/* A word wider than the line is cut between characters, never inside one. */
		while (ww > width) {
			if (curw > 0) {
				*ap_vec_push(&v) = buf_steal(&cur);
				curw = 0;
			}
			size_t n = ap_fit(rest, width, NULL);
			if (n == 0)
				n = 1;
			*ap_vec_push(&v) = xstrndup(rest, n);
			rest += n;
			ww = ap_display_width(rest);
		}
		if (*rest) {
			if (curw > 0 && curw + 1 + ww > width) {
				*ap_vec_push(&v) = buf_steal(&cur);
				curw = 0;
			}
			if (curw > 0) {
				buf_puts(&cur, " ");
				curw++;
			}
			buf_puts(&cur, rest);
			curw += ww;
		}
		free(word);
	}
	if (curw > 0 || v.n == 0)
		*ap_vec_push(&v) = buf_steal(&cur);
	buf_free(&cur);
	*lines = v.v;
	return v.n;
}

/* Text: first line after `first`, the rest after `hang`, wrapped to the width. */
static void text_block(doc *d, const char *first, const char *hang, const char *text)
{
	char **lines;
	int indent = ap_display_width(first);
	size_t n = doc_wrap(text, d->width - indent, &lines);
	for (size_t i = 0; i < n; i++) {
		buf_printf(d->out, "%s%s\n", i ? hang : first, lines[i]);
		free(lines[i]);
	}
	free(lines);
}

static void underlined(doc *d, const char *text, char rule)
{
	char **lines;
	size_t n = doc_wrap(text, d->width, &lines);
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		buf_printf(d->out, "%s\n", lines[i]);
		int lw = ap_display_width(lines[i]);
		w = lw > w ? lw : w;
		free(lines[i]);
	}
	free(lines);
	for (int i = 0; i < w; i++)
		buf_add(d->out, &rule, 1);
	buf_puts(d->out, "\n");
}

static void md_line(doc *d, const char *prefix, const char *text)
{
	buf_puts(d->out, prefix);
	md_escaped(d->out, text);
	buf_puts(d->out, "\n");
}

static void heading(doc *d, int kind, const char *md_prefix, char rule, const char *text)
{
	begin(d, kind);
	if (d->format == DOC_MD)
		md_line(d, md_prefix, text);
	else
		underlined(d, text, rule);
}

#define WITH_TEXT(d, fmt, stmt) do { \
	va_list ap_; va_start(ap_, fmt); char *text = vformat(fmt, ap_); va_end(ap_); \
	stmt; free(text); } while (0)

void doc_title(doc *d, const char *fmt, ...) { WITH_TEXT(d, fmt, heading(d, B_TITLE, "# ", '=', text)); }
void doc_heading(doc *d, const char *fmt, ...) { WITH_TEXT(d, fmt, heading(d, B_HEADING, "## ", '-', text)); }

static void block(doc *d, int kind, const char *md_prefix, const char *first, const char *hang, const char *text)
{
	begin(d, kind);
	if (d->format == DOC_MD)
		md_line(d, md_prefix, text);
	else
		text_block(d, first, hang, text);
}

void doc_para(doc *d, const char *fmt, ...) { WITH_TEXT(d, fmt, block(d, B_PARA, "", "", "", text)); }
void doc_item(doc *d, const char *fmt, ...) { WITH_TEXT(d, fmt, block(d, B_ITEM, "- ", "  - ", "    ", text)); }
void doc_sub(doc *d, const char *fmt, ...) { WITH_TEXT(d, fmt, block(d, B_ITEM, "    - ", "      - ", "        ", text)); }

void doc_step(doc *d, int n, const char *fmt, ...)
{
	char md[16], first[16], hang[16];
	snprintf(md, sizeof md, "%d. ", n);
	snprintf(first, sizeof first, "  %d. ", n);
	snprintf(hang, sizeof hang, "%*s", (int)strlen(first), "");
	WITH_TEXT(d, fmt, block(d, B_ITEM, md, first, hang, text));
}

void doc_command(doc *d, const char *const *argv, int argc)
{
	ap_buf cmd = {0}, fence = {0};
	shell_join(&cmd, argv, argc);
	begin(d, B_COMMAND);
	if (d->format != DOC_MD) {
		buf_printf(d->out, "    %s\n", cmd.s);
		buf_free(&cmd);
		return;
	}
	/* The fence is longer than any run of backticks the command holds. */
	size_t run = 0, len = 3;
	for (const char *p = cmd.s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		len = run >= len ? run + 1 : len;
	}
	while (fence.len < len)
		buf_add(&fence, "`", 1);
	buf_printf(d->out, "%ssh\n%s\n%s\n", fence.s, cmd.s, fence.s);
	buf_free(&fence);
	buf_free(&cmd);
}

static void md_row(doc *d, const char *const *row, int ncols)
{
	for (int c = 0; c < ncols; c++) {
		buf_puts(d->out, c ? " | " : "| ");
		char *flat = xstrdup(row[c] ? row[c] : "");
		for (char *p = flat; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		md_escaped(d->out, flat);
		free(flat);
	}
	buf_puts(d->out, " |\n");
}

static void md_head(doc *d, const char *const *cols, int ncols)
{
	md_row(d, cols, ncols);
	for (int c = 0; c < ncols; c++)
		buf_puts(d->out, c ? " | ---" : "| ---");
	buf_puts(d->out, " |\n");
}

#define TABLE_INDENT 2
#define TABLE_GAP 2
#define TABLE_MIN_COL 8

/* Narrow the widest column, one column at a time, until the row fits. */
static void fit_columns(int *w, int ncols, int width)
{
	for (;;) {
		int total = TABLE_INDENT + TABLE_GAP * (ncols - 1), widest = -1;
		for (int c = 0; c < ncols; c++) {
			total += w[c];
			if (w[c] > TABLE_MIN_COL && (widest < 0 || w[c] > w[widest]))
				widest = c;
		}
		if (total <= width || widest < 0)
			return;
		w[widest]--;
	}
}

/* n blanks, as printf's "%*s" pads (a negative width pads as much). */
static void blanks(ap_buf *b, int n)
{
	static const char run[] = "                                ";
	for (n = n < 0 ? -n : n; n > 0; n -= (int)sizeof run - 1)
		buf_add(b, run, n < (int)sizeof run - 1 ? (size_t)n : sizeof run - 1);
}

static void text_row(doc *d, const char *const *row, const int *w, int ncols)
{
	char ***lines = xcalloc((size_t)ncols, sizeof *lines);
	size_t *n = xcalloc((size_t)ncols, sizeof *n), height = 0;
	for (int c = 0; c < ncols; c++) {
		n[c] = doc_wrap(row[c], w[c], &lines[c]);
		height = n[c] > height ? n[c] : height;
	}
	for (size_t i = 0; i < height; i++) {
		size_t start = d->out->len;
		blanks(d->out, TABLE_INDENT);
		for (int c = 0; c < ncols; c++) {
			const char *s = i < n[c] ? lines[c][i] : "";
			buf_puts(d->out, s);
			blanks(d->out, w[c] - ap_display_width(s) + TABLE_GAP);
		}
		/* No trailing blanks: the last column is not padded. */
		while (d->out->len > start && d->out->s[d->out->len - 1] == ' ')
			d->out->s[--d->out->len] = '\0';
		buf_puts(d->out, "\n");
	}
	for (int c = 0; c < ncols; c++) {
		for (size_t i = 0; i < n[c]; i++)
			free(lines[c][i]);
		free(lines[c]);
	}
	free(lines);
	free(n);
}

/* The columns as wide as their widest cell, the header's included. */
static void widen(int *w, const char *const *row, int ncols)
{
	for (int c = 0; c < ncols; c++) {
		int cw = ap_display_width(row[c] ? row[c] : "");
		w[c] = cw > w[c] ? cw : w[c];
	}
}

/* The header and its rule, once the columns are sized and fitted to the width. */
static void text_head(doc *d, const char *const *cols, int *w, int ncols)
{
	fit_columns(w, ncols, d->width);
	text_row(d, cols, w, ncols);
	const char **rule = xcalloc((size_t)ncols, sizeof *rule);
	char **dashes = xcalloc((size_t)ncols, sizeof *dashes);
	for (int c = 0; c < ncols; c++) {
		dashes[c] = xmalloc((size_t)w[c] + 1);
		memset(dashes[c], '-', (size_t)w[c]);
		dashes[c][w[c]] = '\0';
		rule[c] = dashes[c];
	}
	text_row(d, rule, w, ncols);
	for (int c = 0; c < ncols; c++)
		free(dashes[c]);
	free(dashes);
	free(rule);
}

static int *header_widths(const char *const *cols, int ncols)
{
	int *w = xcalloc((size_t)ncols, sizeof *w);
	widen(w, cols, ncols);
	return w;
}

void doc_table(doc *d, const char *const *cols, int ncols, const char *const *cells, size_t nrows)
{
	begin(d, B_TABLE);
	if (d->format == DOC_MD) {
		md_head(d, cols, ncols);
		for (size_t r = 0; r < nrows; r++)
			md_row(d, cells + r * (size_t)ncols, ncols);
		return;
	}
	int *w = header_widths(cols, ncols);
	for (size_t r = 0; r < nrows; r++)
		widen(w, cells + r * (size_t)ncols, ncols);
	text_head(d, cols, w, ncols);
	for (size_t r = 0; r < nrows; r++)
		text_row(d, cells + r * (size_t)ncols, w, ncols);
	free(w);
}

static void free_cells(char **cells, int ncols)
{
	for (int c = 0; c < ncols; c++) {
		free(cells[c]);
		cells[c] = NULL;
	}
}

void doc_table_rows(doc *d, const char *const *cols, int ncols, size_t nrows,
	void (*row)(void *ctx, size_t r, char **cells), void *ctx)
{
	char **cells = xcalloc((size_t)ncols, sizeof *cells);
	int *w = NULL;
	begin(d, B_TABLE);
	if (d->format == DOC_MD) {
		md_head(d, cols, ncols);
	} else {
		w = header_widths(cols, ncols);
		for (size_t r = 0; r < nrows; r++) {
			row(ctx, r, cells);
			widen(w, (const char *const *)cells, ncols);
			free_cells(cells, ncols);
		}
		text_head(d, cols, w, ncols);
	}
	for (size_t r = 0; r < nrows; r++) {
		row(ctx, r, cells);
		if (w)
			text_row(d, (const char *const *)cells, w, ncols);
		else
			md_row(d, (const char *const *)cells, ncols);
		free_cells(cells, ncols);
		drain(d, DOC_CHUNK);
	}
	free(w);
	free(cells);
}

void doc_pre(doc *d, const char *text)
{
	begin(d, B_PRE);
	size_t n = strlen(text);
	if (d->format == DOC_MD)
		buf_puts(d->out, "```\n");
	buf_add(d->out, text, n);
	if (n && text[n - 1] != '\n')
		buf_puts(d->out, "\n");
	if (d->format == DOC_MD)
		buf_puts(d->out, "```\n");
}
