/* output.h - one table, three renderings: aligned text, JSON, RFC 4180 CSV.
 * Every listing command fills a table and prints it, so the formats agree
 * on columns and content by construction. */
#ifndef ACCTPLAN_OUTPUT_H
#define ACCTPLAN_OUTPUT_H

#include <stdio.h>

#include "acctplan/util.h"

typedef struct out_table out_table;

/* A table kept whole, printed with out_print. Columns are JSON keys and
 * CSV headers; text shows them upper-cased. Caller frees with out_free. */
out_table *out_new(const char *const *columns, int ncolumns);
/* A table printed to f in format (FMT_TEXT, FMT_JSON or FMT_CSV, model.h)
 * as its rows come, for listings of any size: JSON and CSV write each row
 * once its last cell is in and keep none. Text columns are as wide as
 * their widest cell, so text keeps its rows, one line of flat cells each,
 * in memory up to a bound and past it in a temporary file (tmpfile:
 * unlinked from the start), and prints them at out_close. The bytes are
 * out_print's. */
out_table *out_open(FILE *f, int format, const char *const *columns, int ncolumns, const char *empty_text);
/* Finish an out_open table (text: print it; JSON: close the array) and
 * free it. AP_ESTORE when text's temporary file failed. */
int out_close(out_table **t, ap_err *e);
/* Free without finishing: after a failure, nothing more is written (JSON
 * and CSV rows already written stay written). */
void out_free(out_table **t);
/* Cells are appended left to right; a row ends after ncolumns cells. */
void out_str(out_table *t, const char *s);   /* NULL is null / empty */
void out_int(out_table *t, long long v);
void out_real(out_table *t, double v);       /* NaN is null */
void out_bool(out_table *t, int v);
/* An exact decimal ("-1234.50", money): a number in JSON and CSV, never a formula. */
void out_decimal(out_table *t, const char *decimal);
/* An out_new table: text of an empty table prints empty_text. */
void out_print(const out_table *t, FILE *f, int format, const char *empty_text);
/* One RFC 4180 field (quoted when it holds a comma, quote or line break);
 * a text cell starting with =, +, -, @, tab or CR is prefixed with ' so a
 * spreadsheet does not run it as a formula. NULL writes nothing. For
 * writers that stream rows rather than fill a table. */
void out_csv_field(FILE *f, const char *s, int text);

/* CSV a row at a time, as out_print writes a table's, for tables too long
 * to hold: the header, then cells left to right, a row ending after
 * ncolumns of them. */
typedef struct out_csv {
	FILE *f;
	int ncols, col;
} out_csv;
void out_csv_begin(out_csv *w, FILE *f, const char *const *columns, int ncolumns);
/* A cell: NULL is empty; text says it is a text cell (out_csv_field). */
void out_csv_cell(out_csv *w, const char *s, int text);
void out_csv_int(out_csv *w, long long v);
/* Write what is left. */
void out_csv_end(out_csv *w);

#endif
