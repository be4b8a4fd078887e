/* draw.h - text on the screen measured in columns, not bytes.
 *
 * Every string the workbench shows goes through these functions, so a wide
 * character (CJK, emoji) takes its two columns, a combining mark none, and no
 * UTF-8 sequence is ever cut in half. All drawing is on stdscr; the frame is
 * pushed once per loop with wnoutrefresh + doupdate (ui.c). */
#ifndef UI_DRAW_H
#define UI_DRAW_H

#include <stddef.h>

/* Draw s at (y, x) in exactly w columns with theme element elem: padded with
 * blanks, or cut at a character boundary with a "…" in the last column when
 * it does not fit. Newlines and tabs show as blanks. Returns the columns the
 * text itself took. */
int draw_text(int y, int x, int w, const char *s, int elem);
/* Like draw_text without padding: draws at most w columns, returns them. */
int draw_str(int y, int x, int w, const char *s, int elem);
/* Like draw_str, but a name too long whose last word holds a digit keeps
 * that word ("Bluepeak Ener… 00448"), so names that differ only by their
 * number or code stay apart. */
int draw_str_mid(int y, int x, int w, const char *s, int elem);
/* Right-aligned in w columns. */
void draw_right(int y, int x, int w, const char *s, int elem);
/* Blank w columns. */
void draw_fill(int y, int x, int w, int elem);
/* A horizontal rule with an optional title at its left: "── Title ──────". */
void draw_rule(int y, int x, int w, const char *title, int elem, int title_elem);
/* A vertical rule of h rows. */
void draw_vline(int y, int x, int h, int elem);
/* Word-wrap s into at most maxlines lines of w columns starting at row y;
 * explicit newlines break lines. Returns the lines drawn. When skip > 0 the
 * first skip wrapped lines are not drawn (scrolling). */
int draw_wrap(int y, int x, int w, int maxlines, int skip, const char *s, int elem);
/* How many lines draw_wrap would need for s at width w. */
int draw_wrap_count(int w, const char *s);
/* Draw a box (border plus blank inside) and return nothing; popups use it. */
void draw_box(int y, int x, int h, int w, int elem);

/* One cell of a table row: its text and width in columns (0: what is left). */
struct draw_col {
	const char *text;
	int width;
};
/* Cells left to right from x + 1, two columns apart, each padded or cut to
 * its width, the whole row in elem. */
void draw_columns(int y, int x, int w, const struct draw_col *c, int n, int elem);

/* A heading row: names over columns of the given widths. */
void draw_heading(int y, int x, int w, const char *const *names, const int *widths, int n);

/* Column widths fitted to what the columns hold. Each column but the last
 * gets what its widest cell (or its heading) needs, up to its base width;
 * the last takes the rest, and what it can spare (it keeps up to 40 columns
 * of what it needs) goes back to the columns that were cut, so a wide screen
 * shows whole titles and names.
 * Use: draw_table_init at load, draw_table_want for every cell, then
 * draw_table_fit with the screen's width before drawing. */
#define DRAW_TABLE_MAX 12
struct draw_table {
	int n;
	const char *const *names;
	int base[DRAW_TABLE_MAX], want[DRAW_TABLE_MAX], width[DRAW_TABLE_MAX];
};
void draw_table_init(struct draw_table *t, int n, const char *const *names, const int *base);
void draw_table_want(struct draw_table *t, int col, const char *cell);
void draw_table_fit(struct draw_table *t, int w);
/* The heading row of t at its fitted widths. */
void draw_table_head(const struct draw_table *t, int y, int x, int w);

/* The first line of s in at most cols columns, "..." when cut: what a
 * confirmation quotes so nobody removes the wrong note. Returns buf. */
const char *draw_excerpt(const char *s, int cols, char *buf, size_t n);

/* Columns s takes on screen (ap_display_width with control characters as one). */
int draw_width(const char *s);
/* Byte length of the UTF-8 character at s (1 for an invalid byte, 0 at NUL). */
size_t draw_charlen(const char *s);
/* Columns of the character at s (0 for combining marks, 2 for wide ones). */
int draw_charwidth(const char *s);

#endif
