/* doc.h - a small document writer behind the briefs and reports.
 *
 * A report says what it contains (a title, headings, paragraphs, lists,
 * tables) and the writer decides how it looks: Markdown that renders cleanly,
 * or plain text wrapped to a width by display columns (wide characters count
 * two, nothing is cut inside a UTF-8 sequence). Text handed to the writer is
 * plain: Markdown punctuation in it is escaped, line breaks become spaces. */
#ifndef ACCTPLAN_DOC_H
#define ACCTPLAN_DOC_H

#include <stdio.h>

#include "acctplan/util.h"

enum doc_format { DOC_TEXT, DOC_MD };

typedef struct doc {
	int format;       /* enum doc_format */
	int width;        /* columns of text output; Markdown lines are not wrapped */
	ap_buf *out;
	int last;         /* kind of the previous block, for the blank lines between them */
	FILE *drain;      /* doc_init_file: where out goes once it holds DOC_CHUNK */
	ap_buf own;       /* doc_init_file: out */
} doc;

/* The format names "text" and "md", for --format parsing and help. */
extern const ap_names doc_formats;

void doc_init(doc *d, int format, int width, ap_buf *out);
/* Write to f a chunk at a time as the blocks (and a table's rows) are
 * done, so a report of any length holds one chunk, not the whole text.
 * doc_finish writes the rest; nothing else may write to f in between. */
#define DOC_CHUNK 65536
void doc_init_file(doc *d, int format, int width, FILE *f);
void doc_finish(doc *d);
void doc_title(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_heading(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_para(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* List items: a bullet, a numbered step (n from 1), and a bullet one level in. */
void doc_item(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_step(doc *d, int n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void doc_sub(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A command for the reader to paste, argv[0, argc) quoted for the shell
 * (shell.h), on a line of its own that is never wrapped or escaped: a
 * command cut in two at a blank would run as two. Text indents it by four
 * columns, right under the block that introduces it; Markdown puts it in a
 * fenced sh block. */
void doc_command(doc *d, const char *const *argv, int argc);

/* A table of nrows rows of ncols cells (cells row by row; NULL is empty).
 * Text output narrows the widest columns and wraps their cells until the
 * table fits the width. */
void doc_table(doc *d, const char *const *cols, int ncols, const char *const *cells, size_t nrows);
/* The same table with its rows made on demand: row(ctx, r, cells) fills
 * cells[0, ncols) of row r with strings the writer frees (NULL is empty).
 * Text output asks for each row twice, once to size the columns and once
 * to write it, so no more than one row is held at a time. */
void doc_table_rows(doc *d, const char *const *cols, int ncols, size_t nrows,
	void (*row)(void *ctx, size_t r, char **cells), void *ctx);

/* Lines drawn by the caller (a diagram), written as they are: text keeps
 * every line unwrapped; Markdown fences them as a code block. */
void doc_pre(doc *d, const char *text);

/* Wrap text to width columns: *lines gets each line (caller frees every line
 * and the array); returns the count, at least 1. */
size_t doc_wrap(const char *text, int width, char ***lines);

#endif
