/* draw.c - width-aware text drawing on stdscr. */
#include <curses.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "draw.h"
#include "theme.h"

size_t draw_charlen(const char *s)
{
	unsigned char c = (unsigned char)*s;
	if (!c)
		return 0;
	size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

int draw_charwidth(const char *s)
{
	unsigned char c = (unsigned char)*s;
	if (!c)
		return 0;
	if (ap_control_len(s))
		return 1;   /* control characters, C1 and bidi controls too, are drawn as one blank */
	if (c < 0x80)
		return 1;
	wchar_t wc;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(&wc, s, draw_charlen(s), &st);
	if (n == (size_t)-1 || n == (size_t)-2)
		return 1;
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int draw_width(const char *s)
{
	int w = 0;
	for (size_t n; (n = draw_charlen(s)) > 0; s += n)
		w += draw_charwidth(s);
	return w;
}

/* "…" where the terminal's charset has it, "~" elsewhere. */
static const char *ellipsis(void)
{
	static const char *e;
	if (!e)
		e = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ? "\xe2\x80\xa6" : "~";
	return e;
}

/* Draw the characters of s that fit in w columns, the last column an
 * ellipsis when s is longer. Returns the columns drawn. */
static int put_fitting(int y, int x, int w, const char *s)
{
	int used = 0;
	int limit = draw_width(s) > w ? w - 1 : w;
	move(y, x);
	for (size_t n; (n = draw_charlen(s)) > 0; s += n) {
		int cw = draw_charwidth(s);
		if (used + cw > limit) {
			if (limit < w) {
				addstr(ellipsis());
				used++;
			}
			break;
		}
		if (ap_control_len(s))
			addch(' ');
		else if (cw == 0 && used == 0)
			continue;   /* a combining mark with nothing to combine with */
		else
			addnstr(s, (int)n);
		used += cw;
	}
	return used;
}

int draw_str(int y, int x, int w, const char *s, int elem)
{
	if (w <= 0 || !s)
		return 0;
	attrset(theme_attr(elem));
	int used = put_fitting(y, x, w, s);
	attrset(A_NORMAL);
	return used;
}

/* Bytes of the longest start of s no wider than w columns. */
static size_t fit_prefix(const char *s, int w)
{
	size_t at = 0;
	for (size_t n; (n = draw_charlen(s + at)) > 0 && draw_charwidth(s + at) <= w; at += n)
		w -= draw_charwidth(s + at);
	return at;
}

int draw_str_mid(int y, int x, int w, const char *s, int elem)
{
	const char *last = s ? strrchr(s, ' ') : NULL;
	if (!last || draw_width(s) <= w || !strpbrk(last, "0123456789") || draw_width(last) > (w - 1) / 2)
		return draw_str(y, x, w, s, elem);
	size_t hn = fit_prefix(s, w - 1 - draw_width(last));
	char *mid = xasprintf("%.*s%s%s", (int)hn, s, ellipsis(), last);
	int used = draw_str(y, x, w, mid, elem);
	free(mid);
	return used;
}

void draw_fill(int y, int x, int w, int elem)
{
	if (w <= 0)
		return;
	attrset(theme_attr(elem));
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

int draw_text(int y, int x, int w, const char *s, int elem)
{
	if (w <= 0)
		return 0;
	draw_fill(y, x, w, elem);
	return draw_str(y, x, w, s ? s : "", elem);
}

void draw_right(int y, int x, int w, const char *s, int elem)
{
	int sw = draw_width(s);
	if (sw > w)
		sw = w;
	draw_fill(y, x, w - sw, elem);
	draw_str(y, x + w - sw, sw, s, elem);
}

void draw_rule(int y, int x, int w, const char *title, int elem, int title_elem)
{
	if (w <= 0)
		return;
	attrset(theme_attr(elem));
	mvhline(y, x, ACS_HLINE, w);
	attrset(A_NORMAL);
	if (title && *title && w > 4) {
		draw_str(y, x + 1, 1, " ", title_elem);
		int used = draw_str(y, x + 2, w - 4, title, title_elem);
		draw_str(y, x + 2 + used, 1, " ", title_elem);
	}
}

void draw_vline(int y, int x, int h, int elem)
{
	attrset(theme_attr(elem));
	mvvline(y, x, ACS_VLINE, h);
	attrset(A_NORMAL);
}

void draw_box(int y, int x, int h, int w, int elem)
{
	if (h < 2 || w < 2)
		return;
	for (int r = 0; r < h; r++)
		draw_fill(y + r, x, w, elem);
	attrset(theme_attr(elem));
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
}

/* Bytes of the next wrapped line of s at width w (the line ends at a newline,
 * at the last blank that fits, or mid-word when a word is wider than w); *next
 * gets where the following line starts. */
static size_t wrap_line(const char *s, int w, const char **next)
{
	int used = 0;
	const char *p = s, *brk = NULL;
	for (size_t n; (n = draw_charlen(p)) > 0; p += n) {
		if (*p == '\n') {
			*next = p + 1;
			return (size_t)(p - s);
		}
		int cw = draw_charwidth(p);
		if (used + cw > w) {
			if (brk) {
				*next = brk + 1;
				return (size_t)(brk - s);
			}
			*next = p == s ? p + n : p;   /* always make progress */
			return (size_t)(*next - s);
		}
		if (*p == ' ')
			brk = p;
		used += cw;
	}
	*next = p;
	return (size_t)(p - s);
}

static int wrap_walk(int y, int x, int w, int maxlines, int skip, const char *s, int elem)
{
	int line = 0, drawn = 0;
	if (!s || w <= 0)
		return 0;
	while (*s && (maxlines < 0 || drawn < maxlines)) {
		const char *next;
		size_t len = wrap_line(s, w, &next);
		if (line >= skip && maxlines >= 0) {
			char *piece = strndup(s, len);
			draw_text(y + drawn, x, w, piece, elem);
			free(piece);
		}
		if (line >= skip)
			drawn++;
		line++;
		s = next;
	}
	return maxlines < 0 ? line : drawn;
}

int draw_wrap(int y, int x, int w, int maxlines, int skip, const char *s, int elem)
{
	return maxlines <= 0 ? 0 : wrap_walk(y, x, w, maxlines, skip, s, elem);
}

int draw_wrap_count(int w, const char *s)
{
	return wrap_walk(0, 0, w, -1, 0, s, TH_NORMAL);
}

void draw_columns(int y, int x, int w, const struct draw_col *c, int n, int elem)
{
	draw_fill(y, x, w, elem);
	int cx = x + 1, end = x + w;
	for (int i = 0; i < n && cx < end; i++) {
		int cw = c[i].width > 0 && c[i].width < end - cx ? c[i].width : end - cx;
		draw_text(y, cx, cw, c[i].text, elem);
		cx += cw + 2;
	}
}

void draw_heading(int y, int x, int w, const char *const *names, const int *widths, int n)
{
	struct draw_col c[16];
	for (int i = 0; i < n && i < 16; i++)
		c[i] = (struct draw_col){names[i], widths[i]};
	draw_columns(y, x, w, c, n < 16 ? n : 16, TH_HEADER);
}

void draw_table_init(struct draw_table *t, int n, const char *const *names, const int *base)
{
	memset(t, 0, sizeof *t);
	t->n = n < DRAW_TABLE_MAX ? n : DRAW_TABLE_MAX;
	t->names = names;
	for (int i = 0; i < t->n; i++) {
		t->base[i] = t->width[i] = base[i];
		t->want[i] = draw_width(names[i]);
	}
}

void draw_table_want(struct draw_table *t, int col, const char *cell)
{
	int cw = cell ? draw_width(cell) : 0;
	if (col >= 0 && col < t->n && cw > t->want[col])
		t->want[col] = cw;
}

void draw_table_fit(struct draw_table *t, int w)
{
	int last = t->n - 1, rest = w - 1 - 2 * last;
	for (int i = 0; i < last; i++) {
		t->width[i] = t->want[i] < t->base[i] ? t->want[i] : t->base[i];
		rest -= t->width[i];
	}
	/* The free last column lends the others all but 40 columns of what it wants. */
	int spare = rest - (t->want[last] < 40 ? t->want[last] : 40);
	for (int i = 0; i < last && spare > 0; i++) {
		int more = t->want[i] - t->width[i];
		more = more < spare ? more : spare;
		if (more > 0) {
			t->width[i] += more;
			spare -= more;
		}
	}
	t->width[last] = 0;   /* what is left */
}

void draw_table_head(const struct draw_table *t, int y, int x, int w)
{
	draw_heading(y, x, w, t->names, t->width, t->n);
}

const char *draw_excerpt(const char *s, int cols, char *buf, size_t n)
{
	size_t line = strcspn(s, "\n"), keep = fit_prefix(s, cols - 3);
	int cut = draw_width(s) > cols || s[line];
	if (!cut || keep > line)
		keep = line;
	snprintf(buf, n, "%.*s%s", (int)keep, s, cut ? "..." : "");
	return buf;
}
