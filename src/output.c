/* output.c - rendering tables as text, JSON or CSV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/json.h"
#include "acctplan/model.h"
#include "acctplan/output.h"

enum cell_type { CELL_NULL, CELL_STR, CELL_INT, CELL_REAL, CELL_BOOL, CELL_DECIMAL };

typedef struct cell {
	int type;
	char *s;         /* text form, for every type but null */
	long long i;
	double r;
} cell;

struct out_table {
	char **cols;
	int ncols;
	cell *cells;
	size_t ncells, cap;
};

out_table *out_new(const char *const *columns, int ncolumns)
{
	out_table *t = xcalloc(1, sizeof *t);
	t->ncols = ncolumns;
	t->cols = xcalloc((size_t)ncolumns, sizeof *t->cols);
	for (int i = 0; i < ncolumns; i++)
		t->cols[i] = xstrdup(columns[i]);
	return t;
}

void out_free(out_table **tp)
{
	out_table *t = *tp;
	if (!t)
		return;
	for (int i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i].s);
	free(t->cols);
	free(t->cells);
	free(t);
	*tp = NULL;
}

static cell *add(out_table *t, int type)
{
	if (t->ncells == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, t->cap * sizeof *t->cells);
	}
	cell *c = &t->cells[t->ncells++];
	memset(c, 0, sizeof *c);
	c->type = type;
	return c;
}

void out_str(out_table *t, const char *s)
{
	cell *c = add(t, s ? CELL_STR : CELL_NULL);
	c->s = s ? xstrdup(s) : NULL;
}

void out_int(out_table *t, long long v)
{
	cell *c = add(t, CELL_INT);
	c->i = v;
	c->s = xasprintf("%lld", v);
}

void out_real(out_table *t, double v)
{
	if (isnan(v)) {
		add(t, CELL_NULL);
		return;
	}
	cell *c = add(t, CELL_REAL);
	char num[32];
	c->r = v;
	ap_format_real(v, num);
	c->s = xstrdup(num);
}

void out_decimal(out_table *t, const char *decimal)
{
	cell *c = add(t, CELL_DECIMAL);
	c->s = xstrdup(decimal);
}

void out_bool(out_table *t, int v)
{
	cell *c = add(t, CELL_BOOL);
	c->i = v != 0;
	c->s = xstrdup(v ? "yes" : "no");
}

static size_t out_rows(const out_table *t) { return t->ncells / (size_t)t->ncols; }

/* Text cells are one line: newlines and tabs become spaces. */
static char *flat(const char *s)
{
	char *f = xstrdup(s ? s : "");
	for (char *p = f; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return f;
}

/* A cell and the spaces that align the next column (none after the last). */
static void pad_cell(ap_buf *line, const char *s, int width)
{
	buf_puts(line, s);
	if (width > 0)
		buf_printf(line, "%*s", width - ap_display_width(s) + 2, "");
}

/* Print the line without trailing blanks and start the next one. */
static void end_line(ap_buf *line, FILE *f)
{
	while (line->len > 0 && line->s[line->len - 1] == ' ')
		line->s[--line->len] = '\0';
	fprintf(f, "%s\n", line->len ? line->s : "");
	line->len = 0;
}

static void print_text(const out_table *t, FILE *f)
{
	int *w = xcalloc((size_t)t->ncols, sizeof *w);
	size_t rows = out_rows(t);
	for (int c = 0; c < t->ncols; c++)
		w[c] = ap_display_width(t->cols[c]);
	for (size_t i = 0; i < t->ncells; i++) {
		char *s = flat(t->cells[i].s);
		int cw = ap_display_width(s);
		int c = (int)(i % (size_t)t->ncols);
		if (cw > w[c])
			w[c] = cw;
		free(s);
	}
	ap_buf line = {0};
	for (int c = 0; c < t->ncols; c++) {
		char *head = xstrdup(t->cols[c]);
		for (char *p = head; *p; p++)
			*p = *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p == '_' ? ' ' : *p;
		pad_cell(&line, head, c < t->ncols - 1 ? w[c] : 0);
		free(head);
	}
	end_line(&line, f);
	for (size_t r = 0; r < rows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			char *s = flat(t->cells[r * (size_t)t->ncols + (size_t)c].s);
			pad_cell(&line, s, c < t->ncols - 1 ? w[c] : 0);
			free(s);
		}
		end_line(&line, f);
	}
	buf_free(&line);
	free(w);
}

static void print_json(const out_table *t, FILE *f)
{
	json_w w;
	jw_init(&w, f, NULL, 1);
	jw_arr(&w);
	for (size_t r = 0; r < out_rows(t); r++) {
		jw_obj(&w);
		for (int c = 0; c < t->ncols; c++) {
			const cell *x = &t->cells[r * (size_t)t->ncols + (size_t)c];
			jw_key(&w, t->cols[c]);
			switch (x->type) {
			case CELL_STR: jw_str(&w, x->s); break;
			case CELL_INT: jw_int(&w, x->i); break;
			case CELL_REAL: jw_real(&w, x->r); break;
			case CELL_DECIMAL: jw_number(&w, x->s); break;
			case CELL_BOOL: jw_bool(&w, (int)x->i); break;
			default: jw_null(&w);
			}
		}
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	(void)jw_end(&w, NULL);   /* nesting fixed at two levels */
}

/* A spreadsheet runs a cell that starts with one of these as a formula
 * ("=HYPERLINK(...)"), so text cells that do get a leading apostrophe, which
 * the spreadsheet shows as text. Numbers are cells of their own type and go
 * out as they are. */
static int csv_risky(const char *s)
{
	return *s && strchr("=+-@\t\r", *s) != NULL;
}

/* One field into b. */
static void csv_field(ap_buf *b, const char *s, int text)
{
	if (!s)
		return;
	const char *prefix = text && csv_risky(s) ? "'" : "";
	size_t n = strcspn(s, ",\"\r\n");
	if (!s[n]) {
		buf_puts(b, prefix);
		buf_add(b, s, n);
		return;
	}
	buf_puts(b, "\"");
	buf_puts(b, prefix);
	/* Runs up to and with each quote, then the quote doubled. */
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		buf_add(b, s, (size_t)(q - s) + 1);
		buf_puts(b, "\"");
	}
	buf_puts(b, s);
	buf_puts(b, "\"");
}

void out_csv_field(FILE *f, const char *s, int text)
{
	ap_buf b = {0};
	csv_field(&b, s, text);
	if (b.len)
		fwrite(b.s, 1, b.len, f);
	buf_free(&b);
}

#define CSV_CHUNK 65536

void out_csv_cell(out_csv *w, const char *s, int text)
{
	if (w->col)
		buf_puts(&w->buf, ",");
	csv_field(&w->buf, s, text);
	if (++w->col == w->ncols) {
		buf_puts(&w->buf, "\r\n");
		w->col = 0;
		if (w->buf.len >= CSV_CHUNK) {
			fwrite(w->buf.s, 1, w->buf.len, w->f);
			w->buf.len = 0;
		}
	}
}

void out_csv_int(out_csv *w, long long v)
{
	char n[24];
	snprintf(n, sizeof n, "%lld", v);
	out_csv_cell(w, n, 0);
}

void out_csv_begin(out_csv *w, FILE *f, const char *const *columns, int ncolumns)
{
	memset(w, 0, sizeof *w);
	w->f = f;
	w->ncols = ncolumns;
	for (int c = 0; c < ncolumns; c++)
		out_csv_cell(w, columns[c], 1);
}

void out_csv_end(out_csv *w)
{
	if (w->buf.len)
		fwrite(w->buf.s, 1, w->buf.len, w->f);
	buf_free(&w->buf);
}

static void print_csv(const out_table *t, FILE *f)
{
	out_csv w;
	out_csv_begin(&w, f, (const char *const *)t->cols, t->ncols);
	for (size_t i = 0; i < t->ncells; i++)
		out_csv_cell(&w, t->cells[i].s, t->cells[i].type == CELL_STR);
	out_csv_end(&w);
}

void out_print(const out_table *t, FILE *f, int format, const char *empty_text)
{
	if (format == FMT_JSON)
		print_json(t, f);
	else if (format == FMT_CSV)
		print_csv(t, f);
	else if (out_rows(t) == 0 && empty_text)
		fprintf(f, "%s\n", empty_text);
	else
		print_text(t, f);
}
