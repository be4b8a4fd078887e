/* output.c - rendering tables as text, JSON or CSV, kept whole or printed
 * as their rows come. A kept table is printed by streaming its rows, so
 * both kinds go through the same row writers and print the same bytes. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/json.h"
#include "acctplan/model.h"
#include "acctplan/output.h"
#include "acctplan/text.h"

/* Text rows kept in memory up to this many bytes, past it in a temporary
 * file: a listing of any length then needs about this much. */
#define OUT_KEEP_MEM ((size_t)1 << 20)

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
	cell *cells;     /* a kept table's; a streamed one's current row */
	size_t ncells, cap;
	/* Streamed (out_open); f is NULL for a kept table. */
	FILE *f;
	int format;
	char *empty;
	size_t nrows;    /* rows written or kept so far */
	/* JSON is written into a row's buffer, then the row to f in one write:
	 * a write per token cost more than the rest of the row. */
	json_w json;
	ap_buf json_row;
	/* Text: the widest cell of each column so far, a cell made one line,
	 * and the rows so far, each cell ending in a NUL: in kept, then past
	 * OUT_KEEP_MEM in spill (unless spilling is off or failed to start). */
	int *width;
	ap_buf flat, kept;
	FILE *spill;
	int no_spill;
	int spill_errno;   /* why writing to spill failed, 0 while it has not */
};

static out_table *table_new(const char *const *columns, int ncolumns)
{
	out_table *t = xcalloc(1, sizeof *t);
	t->ncols = ncolumns;
	t->cols = xcalloc((size_t)ncolumns, sizeof *t->cols);
	for (int i = 0; i < ncolumns; i++)
		t->cols[i] = xstrdup(columns[i]);
	return t;
}

out_table *out_new(const char *const *columns, int ncolumns)
{
	return table_new(columns, ncolumns);
}

static void free_cells(out_table *t)
{
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i].s);
	t->ncells = 0;
}

void out_free(out_table **tp)
{
	out_table *t = *tp;
	if (!t)
		return;
	for (int i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free_cells(t);
	free(t->cols);
	free(t->cells);
	free(t->empty);
	free(t->width);
	buf_free(&t->json_row);
	buf_free(&t->flat);
	buf_free(&t->kept);
	if (t->spill)
		fclose(t->spill);
	free(t);
	*tp = NULL;
}

/* ---- the formats' rows ---- */

/* What the writer has of the document so far, out to f. */
static void json_flush(out_table *t)
{
	if (t->json_row.len)
		fwrite(t->json_row.s, 1, t->json_row.len, t->f);
	t->json_row.len = 0;
}

static void json_row(out_table *t, const cell *row)
{
	json_w *w = &t->json;
	jw_obj(w);
	for (int c = 0; c < t->ncols; c++) {
		const cell *x = &row[c];
		jw_key(w, t->cols[c]);
		switch (x->type) {
		case CELL_STR: jw_str(w, x->s); break;
		case CELL_INT: jw_int(w, x->i); break;
		case CELL_REAL: jw_real(w, x->r); break;
		case CELL_DECIMAL: jw_number(w, x->s); break;
		case CELL_BOOL: jw_bool(w, (int)x->i); break;
		default: jw_null(w);
		}
	}
	jw_obj_end(w);
	json_flush(t);
}

/* A spreadsheet runs a cell that starts with one of these as a formula
 * ("=HYPERLINK(...)"), so text cells that do get a leading apostrophe, which
 * the spreadsheet shows as text. Numbers are cells of their own type and go
 * out as they are. */
static int csv_risky(const char *s)
{
	return *s && strchr("=+-@\t\r", *s) != NULL;
}

void out_csv_field(FILE *f, const char *s, int text)
{
	if (!s)
		return;
	const char *prefix = text && csv_risky(s) ? "'" : "";
	size_t n = strcspn(s, ",\"\r\n");
	if (!s[n]) {
		fputs(prefix, f);
		fwrite(s, 1, n, f);
		return;
	}
	fputc('"', f);
	fputs(prefix, f);
	/* Runs up to and with each quote, then the quote doubled. */
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		fwrite(s, 1, (size_t)(q - s) + 1, f);
		fputc('"', f);
	}
	fputs(s, f);
	fputc('"', f);
}

void out_csv_cell(out_csv *w, const char *s, int text)
{
	if (w->col)
		fputc(',', w->f);
	out_csv_field(w->f, s, text);
	if (++w->col == w->ncols) {
		fputs("\r\n", w->f);
		w->col = 0;
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
	*w = (out_csv){f, ncolumns, 0};
	for (int c = 0; c < ncolumns; c++)
		out_csv_cell(w, columns[c], 1);
}

void out_csv_end(out_csv *w) { fflush(w->f); }

static void csv_row(out_table *t, const cell *row)
{
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			fputc(',', t->f);
		out_csv_field(t->f, row[c].s, row[c].type == CELL_STR);
	}
	fputs("\r\n", t->f);
}

/* Text rows wait for the widths: kept in memory, then in a temporary file.
 * Without one (tmpfile failed) they stay in memory: the output is right,
 * only bigger to make. */
static void keep(out_table *t, const char *s, size_t n)
{
	if (!t->spill && !t->no_spill && t->kept.len + n > OUT_KEEP_MEM) {
		t->spill = tmpfile();
		t->no_spill = !t->spill;
		if (t->spill && fwrite(t->kept.s, 1, t->kept.len, t->spill) != t->kept.len && !t->spill_errno)
			t->spill_errno = errno ? errno : EIO;
		t->kept.len = 0;
	}
	if (!t->spill)
		buf_add(&t->kept, s, n);
	else if (fwrite(s, 1, n, t->spill) != n && !t->spill_errno)
		t->spill_errno = errno ? errno : EIO;
}

/* Text cells are one line: newlines and tabs become spaces. */
static void text_row(out_table *t, const cell *row)
{
	for (int c = 0; c < t->ncols; c++) {
		ap_buf *b = &t->flat;
		const char *s = row[c].s ? row[c].s : "";
		b->len = 0;
		buf_add(b, s, strlen(s));
		for (char *p = b->s; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		int w = ap_display_width(b->s);
		if (w > t->width[c])
			t->width[c] = w;
		keep(t, b->s, b->len + 1);
	}
}

static void put_row(out_table *t, const cell *row)
{
	t->nrows++;
	if (t->format == FMT_JSON)
		json_row(t, row);
	else if (t->format == FMT_CSV)
		csv_row(t, row);
	else
		text_row(t, row);
}

/* ---- cells ---- */

static void put(out_table *t, int type, char *s, long long i, double r)
{
	if (t->ncells == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, t->cap * sizeof *t->cells);
	}
	t->cells[t->ncells++] = (cell){type, s, i, r};
	if (t->f && t->ncells == (size_t)t->ncols) {
		put_row(t, t->cells);
		free_cells(t);
	}
}

void out_str(out_table *t, const char *s)
{
	put(t, s ? CELL_STR : CELL_NULL, s ? xstrdup(s) : NULL, 0, 0);
}

void out_int(out_table *t, long long v)
{
	put(t, CELL_INT, xasprintf("%lld", v), v, 0);
}

void out_real(out_table *t, double v)
{
	if (isnan(v)) {
		put(t, CELL_NULL, NULL, 0, 0);
		return;
	}
	char num[32];
	ap_format_real(v, num);
	put(t, CELL_REAL, xstrdup(num), 0, v);
}

void out_decimal(out_table *t, const char *decimal)
{
	put(t, CELL_DECIMAL, xstrdup(decimal), 0, 0);
}

void out_bool(out_table *t, int v)
{
	put(t, CELL_BOOL, xstrdup(v ? "yes" : "no"), v != 0, 0);
}

/* ---- beginning and end ---- */

out_table *out_open(FILE *f, int format, const char *const *columns, int ncolumns, const char *empty_text)
{
	out_table *t = table_new(columns, ncolumns);
	t->f = f;
	t->format = format;
	t->empty = empty_text ? xstrdup(empty_text) : NULL;
	if (format == FMT_JSON) {
		jw_init(&t->json, NULL, &t->json_row, 1);
		jw_arr(&t->json);
		json_flush(t);
	} else if (format == FMT_CSV) {
		for (int c = 0; c < ncolumns; c++) {
			if (c)
				fputc(',', f);
			out_csv_field(f, columns[c], 1);
		}
		fputs("\r\n", f);
	} else {
		t->width = xcalloc((size_t)ncolumns, sizeof *t->width);
		for (int c = 0; c < ncolumns; c++)
			t->width[c] = ap_display_width(columns[c]);
	}
	return t;
}

/* A cell and the spaces that align the next column (none after the last). */
static void pad_cell(ap_buf *line, const char *s, int width)
{
	static const char blanks[] = "                                ";
	buf_puts(line, s);
	for (int n = width > 0 ? width - ap_display_width(s) + 2 : 0; n > 0; n -= (int)sizeof blanks - 1)
		buf_add(line, blanks, n < (int)sizeof blanks - 1 ? (size_t)n : sizeof blanks - 1);
}

/* Print the line without trailing blanks and start the next one. */
static void end_line(ap_buf *line, FILE *f)
{
	while (line->len > 0 && line->s[line->len - 1] == ' ')
		line->s[--line->len] = '\0';
	fprintf(f, "%s\n", line->len ? line->s : "");
	line->len = 0;
}

/* The next kept cell, from memory (*p) or from the spill ("" past a read error). */
static const char *kept_cell(out_table *t, const char **p, char **line, size_t *cap)
{
	if (!t->spill) {
		const char *s = *p;
		*p += strlen(s) + 1;
		return s;
	}
	return getdelim(line, cap, '\0', t->spill) < 0 ? "" : *line;
}

static int text_end(out_table *t, ap_err *e)
{
	if (t->nrows == 0 && t->empty) {
		fprintf(t->f, "%s\n", t->empty);
		return AP_OK;
	}
	if (t->spill && !t->spill_errno && (fflush(t->spill) != 0 || fseek(t->spill, 0, SEEK_SET) != 0))
		t->spill_errno = errno ? errno : EIO;
	if (t->spill_errno)
		return ap_fail(e, AP_ESTORE, "cannot write the listing's temporary file: %s", strerror(t->spill_errno));
	ap_buf line = {0};
	char *got = NULL;
	size_t cap = 0;
	for (int c = 0; c < t->ncols; c++) {
		char *head = xstrdup(t->cols[c]);
		for (char *p = head; *p; p++)
			*p = *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p == '_' ? ' ' : *p;
		pad_cell(&line, head, c < t->ncols - 1 ? t->width[c] : 0);
		free(head);
	}
	end_line(&line, t->f);
	const char *p = t->kept.s;
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++)
			pad_cell(&line, kept_cell(t, &p, &got, &cap), c < t->ncols - 1 ? t->width[c] : 0);
		end_line(&line, t->f);
	}
	buf_free(&line);
	free(got);
	if (t->spill && ferror(t->spill))
		return ap_fail(e, AP_ESTORE, "cannot read the listing's temporary file back");
	return AP_OK;
}

int out_close(out_table **tp, ap_err *e)
{
	out_table *t = *tp;
	int rc = AP_OK;
	if (t && t->f && t->format == FMT_JSON) {
		jw_arr_end(&t->json);
		(void)jw_end(&t->json, NULL);   /* nesting fixed at two levels */
		json_flush(t);
	} else if (t && t->f && t->format != FMT_CSV) {
		rc = text_end(t, e);
	}
	out_free(tp);
	return rc;
}

void out_print(const out_table *t, FILE *f, int format, const char *empty_text)
{
	out_table *s = out_open(f, format, (const char *const *)t->cols, t->ncols, empty_text);
	/* The cells are in memory already: so are the text rows. */
	s->no_spill = 1;
	for (size_t r = 0; r < t->ncells / (size_t)t->ncols; r++)
		put_row(s, &t->cells[r * (size_t)t->ncols]);
	ap_err e;
	(void)out_close(&s, &e);   /* without a temporary file, nothing fails */
}
