/* input.c - the line editor, the picker, confirmations and forms. */
#include <curses.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "acctplan/model.h"
#include "app.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "theme.h"
#include "timing.h"

/* A row of key hints (row y, usually the status row) while a prompt owns the keys. */
static void draw_prompt_keys(struct app *a, int y, const char *keys)
{
	draw_fill(y, 0, a->cols, TH_STATUS);
	draw_str(y, 1, a->cols - 2, keys, TH_STATUS_KEY);
}

/* While the terminal is too small to show a prompt, it shows only that, and
 * keys are not taken blind: wait for a resize. 1 when the workbench must stop. */
static int fits(struct app *a)
{
	getmaxyx(stdscr, a->rows, a->cols);   /* a resize may have come since the last frame */
	return ui_fits(a);
}

static int wait_until_it_fits(struct app *a)
{
	curs_set(0);
	ui_draw(a);
	return ui_getkey(a) == UI_KEY_QUIT;
}

/* ---- the line editor ---- */

struct line_ed {
	ap_buf b;
	size_t cur;      /* byte offset of the cursor, always at a character start */
	size_t scroll;   /* byte offset of the first character shown */
};

static size_t prev_char(const char *s, size_t at)
{
	if (at == 0)
		return 0;
	do
		at--;
	while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80);
	return at;
}

/* One visible character: a code point and the combining marks after it. */
static size_t next_glyph(const char *s, size_t at)
{
	at += draw_charlen(s + at);
	while (s[at] && draw_charwidth(s + at) == 0)
		at += draw_charlen(s + at);
	return at;
}

static size_t prev_glyph(const char *s, size_t at)
{
	at = prev_char(s, at);
	while (at > 0 && s[at] && draw_charwidth(s + at) == 0)
		at = prev_char(s, at);
	return at;
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static size_t word_left(const char *s, size_t at)
{
	while (at > 0 && is_blank(s[prev_char(s, at)]))
		at = prev_char(s, at);
	while (at > 0 && !is_blank(s[prev_char(s, at)]))
		at = prev_char(s, at);
	return at;
}

static size_t word_right(const char *s, size_t at, size_t len)
{
	while (at < len && is_blank(s[at]))
		at++;
	while (at < len && !is_blank(s[at]))
		at += draw_charlen(s + at);
	return at;
}

static void ed_delete(struct line_ed *ed, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(ed->b.s + from, ed->b.s + to, ed->b.len - to + 1);
	ed->b.len -= to - from;
	ed->cur = from;
}

static void ed_insert(struct line_ed *ed, int key)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, (wchar_t)key, &st);
	if (n == (size_t)-1 || ed->b.len + n > AP_TEXT_MAX) {
		beep();
		return;
	}
	buf_add(&ed->b, mb, n);   /* grow, then move the tail to make room */
	memmove(ed->b.s + ed->cur + n, ed->b.s + ed->cur, ed->b.len - n - ed->cur);
	memcpy(ed->b.s + ed->cur, mb, n);
	ed->cur += n;
}

/* Control-arrow codes differ between terminals; ask terminfo for them. */
static int ctrl_arrow(const char *cap)
{
	const char *seq = tigetstr(cap);
	int code = seq && seq != (char *)-1 ? key_defined(seq) : 0;
	return code > 0 ? KEY_FN + code : -1;
}

/* Apply an editing key; returns 1 for Enter, -1 for cancel, 0 otherwise. */
static int ed_key(struct line_ed *ed, int key)
{
	static int c_left, c_right;
	if (!c_left) {
		c_left = ctrl_arrow("kLFT5");
		c_right = ctrl_arrow("kRIT5");
	}
	char *s = ed->b.s;
	size_t len = ed->b.len;
	if (key == '\n')
		return 1;
	if (key == KEY_ESC || key == UI_KEY_QUIT || key == 7 /* C-g */)
		return -1;
	if (key == KEY_FN + KEY_LEFT || key == 2)
		ed->cur = prev_glyph(s, ed->cur);
	else if ((key == KEY_FN + KEY_RIGHT || key == 6) && ed->cur < len)
		ed->cur = next_glyph(s, ed->cur);
	else if (key == KEY_FN + KEY_HOME || key == 1)
		ed->cur = 0;
	else if (key == KEY_FN + KEY_END || key == 5)
		ed->cur = len;
	else if (key == KEY_META + 'b' || key == c_left)
		ed->cur = word_left(s, ed->cur);
	else if (key == KEY_META + 'f' || key == c_right)
		ed->cur = word_right(s, ed->cur, len);
	else if (key == KEY_FN + KEY_BACKSPACE)
		ed_delete(ed, prev_glyph(s, ed->cur), ed->cur);
	else if ((key == KEY_FN + KEY_DC || key == 4) && ed->cur < len)
		ed_delete(ed, ed->cur, next_glyph(s, ed->cur));
	else if (key == 23)   /* C-w */
		ed_delete(ed, word_left(s, ed->cur), ed->cur);
	else if (key == 21)   /* C-u */
		ed_delete(ed, 0, ed->cur);
	else if (key == 11)   /* C-k */
		ed_delete(ed, ed->cur, len);
	else if (key >= 0x20 && key < KEY_FN && key != 0x7f)
		ed_insert(ed, key);
	return 0;
}

/* Columns of s[from, to). */
static int span_width(const char *s, size_t from, size_t to)
{
	int w = 0;
	for (size_t i = from; i < to; i += draw_charlen(s + i))
		w += draw_charwidth(s + i);
	return w;
}

static void ed_draw(struct app *a, struct line_ed *ed, const char *prompt)
{
	int y = a->rows - 1;
	ui_paint(a);
	if (a->msg[0]) {   /* why the last answer was refused, above the prompt */
		draw_fill(y - 1, 0, a->cols, TH_STATUS);
		ui_draw_message(a, y - 1, 0);
	} else {
		draw_prompt_keys(a, y - 1, "Enter done   Esc cancel   C-u clear the line");
	}
	draw_fill(y, 0, a->cols, TH_EDIT);
	int px = draw_str(y, 0, a->cols / 2, prompt, TH_LABEL);
	px += draw_str(y, px, 2, ": ", TH_LABEL);
	int avail = a->cols - px;
	if (avail < 2)
		avail = 2;
	if (ed->cur < ed->scroll)
		ed->scroll = ed->cur;
	while (span_width(ed->b.s, ed->scroll, ed->cur) > avail - 1)
		ed->scroll = next_glyph(ed->b.s, ed->scroll);
	draw_str(y, px, avail, ed->b.s + ed->scroll, TH_EDIT);
	move(y, px + span_width(ed->b.s, ed->scroll, ed->cur));
	curs_set(1);
	ui_flush(a);
}

int input_line(struct app *a, const char *prompt, const char *initial, char **out)
{
	return input_line_live(a, prompt, initial, out, NULL, NULL);
}

int input_line_live(struct app *a, const char *prompt, const char *initial, char **out,
	void (*changed)(void *ctx, const char *text), void *ctx)
{
	struct line_ed ed = {0};
	buf_puts(&ed.b, initial ? initial : "");
	ed.cur = ed.b.len;
	int done = 0;
	if (changed)
		changed(ctx, ed.b.s ? ed.b.s : "");
	/* Only a live prompt is timed on its own: it recomputes on every key. */
	timing_prompt(changed != NULL);
	while (!done) {
		if (!fits(a)) {
			done = wait_until_it_fits(a) ? -1 : 0;
			continue;
		}
		ed_draw(a, &ed, prompt);
		int key = ui_getkey(a);
		if (key != KEY_FN + KEY_RESIZE)
			a->msg[0] = '\0';
		done = ed_key(&ed, key);
		if (!done && changed && key != KEY_FN + KEY_RESIZE)
			changed(ctx, ed.b.s ? ed.b.s : "");
	}
	timing_prompt(0);
	curs_set(0);
	if (done < 0) {
		buf_free(&ed.b);
		return 0;
	}
	*out = buf_steal(&ed.b);
	return 1;
}

/* ---- the picker ---- */


static void pick_draw(struct app *a, const char *title, const char *const *opt, int n, int sel, int *top,
	int box[4])
{
	int w = draw_width(title) + 4;
	for (int i = 0; i < n; i++)
		if (draw_width(opt[i]) + 4 > w)
			w = draw_width(opt[i]) + 4;
	if (w > a->cols - 2)
		w = a->cols - 2;
	int h = n + 2 > a->rows - 2 ? a->rows - 2 : n + 2;
	int rows = h - 2;
	if (sel < *top)
		*top = sel;
	if (sel >= *top + rows)
		*top = sel - rows + 1;
	int y = (a->rows - h) / 2, x = (a->cols - w) / 2;
	ui_paint(a);
	draw_box(y, x, h, w, TH_POPUP);
	draw_str(y, x + 2, w - 4, title, TH_HEADER);
	for (int r = 0; r < rows && *top + r < n; r++)
		draw_text(y + 1 + r, x + 1, w - 2, opt[*top + r], *top + r == sel ? TH_POPUP_SELECTED : TH_POPUP);
	draw_prompt_keys(a, a->rows - 1, "Up/Down move   Enter choose   Esc cancel");
	if (a->msg[0]) {   /* why the form asks again, or what is being decided */
		draw_fill(a->rows - 2, 0, a->cols, TH_STATUS);
		ui_draw_message(a, a->rows - 2, 0);
	}
	ui_flush(a);
	box[0] = y + 1, box[1] = x + 1, box[2] = rows, box[3] = w - 2;
}

int input_pick(struct app *a, const char *title, const char *const *opt, int n, int initial)
{
	int sel = initial >= 0 && initial < n ? initial : 0, top = 0, box[4];
	for (;;) {
		if (!fits(a)) {
			if (wait_until_it_fits(a))
				return -1;
			continue;
		}
		pick_draw(a, title, opt, n, sel, &top, box);
		int key = ui_getkey(a);
		if (key != KEY_FN + KEY_RESIZE)
			a->msg[0] = '\0';
		if (key == '\n')
			return sel;
		if (key == KEY_ESC || key == UI_KEY_QUIT)
			return -1;
		if (key == KEY_FN + KEY_MOUSE) {
			int row = a->mouse.y - box[0], col = a->mouse.x - box[1];
			if (a->mouse.wheel)
				sel += a->mouse.wheel;
			else if (a->mouse.click && row >= 0 && row < box[2] && col >= 0 && col < box[3] && top + row < n)
				return top + row;
			else if (a->mouse.click)
				return -1;
		}
		switch (keymap_action(key)) {
		case ACT_MOVE_UP: sel--; break;
		case ACT_MOVE_DOWN: sel++; break;
		case ACT_PAGE_UP: sel -= box[2]; break;
		case ACT_PAGE_DOWN: sel += box[2]; break;
		case ACT_FIRST: sel = 0; break;
		case ACT_LAST: sel = n - 1; break;
		case ACT_CLOSE: return -1;
		default: break;
		}
		sel = sel < 0 ? 0 : sel >= n ? n - 1 : sel;
	}
}

/* ---- yes or no ---- */

/* A question too long for the status row (what a removal takes with it) is
 * shown whole in a box, so nobody answers y to half a sentence. */
static void confirm_box(struct app *a, const char *q)
{
	int w = a->cols - 4 < 72 ? a->cols - 4 : 72;
	int lines = draw_wrap_count(w - 4, q);
	int h = lines + 4 > a->rows - 2 ? a->rows - 2 : lines + 4;
	int y = (a->rows - 1 - h) / 2, x = (a->cols - w) / 2;
	draw_box(y, x, h, w, TH_POPUP);
	draw_str(y, x + 2, w - 4, "Are you sure?", TH_HEADER);
	draw_wrap(y + 1, x + 2, w - 4, h - 3, 0, q, TH_MESSAGE);
	draw_text(y + h - 2, x + 2, w - 4, "y: yes    any other key: no", TH_LABEL);
	draw_prompt_keys(a, a->rows - 1, "y yes   any other key: no");
}

int input_confirm(struct app *a, const char *fmt, ...)
{
	char q[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	for (;;) {
		if (!fits(a)) {
			if (wait_until_it_fits(a))
				return 0;
			continue;
		}
		ui_paint(a);
		int y = a->rows - 1;
		if (draw_width(q) + 8 > a->cols) {
			confirm_box(a, q);
		} else {
			draw_fill(y, 0, a->cols, TH_MESSAGE);
			int used = draw_str(y, 0, a->cols - 8, q, TH_MESSAGE);
			draw_str(y, used, a->cols - used, " (y/N) ", TH_LABEL);
		}
		ui_flush(a);
		int key = ui_getkey(a);
		if (key == KEY_FN + KEY_RESIZE)
			continue;
		return key == 'y' || key == 'Y';
	}
}

/* ---- forms ---- */

static const char *const *field_options(const struct form_field *f, int *n)
{
	*n = f->choices ? f->choices->count : f->noptions;
	return f->choices ? f->choices->names : f->options;
}

int form_choice(const struct form_field *f)
{
	int n;
	const char *const *opt = field_options(f, &n);
	for (int i = 0; f->value && i < n; i++)
		if (strcmp(opt[i], f->value) == 0)
			return i;
	return -1;
}

static int ask_choice(struct app *a, const char *prompt, struct form_field *f)
{
	int n;
	const char *const *opt = field_options(f, &n);
	const char **list = xcalloc((size_t)n + 1, sizeof *list);
	memcpy(list, opt, (size_t)n * sizeof *list);
	if (f->optional)
		list[n] = "(none)";
	int cur = form_choice(f);
	int pick = input_pick(a, prompt, list, n + f->optional, cur < 0 && f->optional ? n : cur);
	if (pick >= 0) {
		free(f->value);
		f->value = pick < n ? xstrdup(list[pick]) : NULL;
	}
	free(list);
	return pick >= 0;
}

int form_check(const rec_field *f, const char *s, ap_err *e)
{
	/* The check reads the field at its place in a record: a record that
	 * holds only this text (calloc's alignment suits any member). */
	void *rec = xcalloc(1, f->off + sizeof(char *));
	*(const char **)rec_slot(f, rec) = s;
	int rc = rec_check_entry(f, rec, f->label, e);
	free(rec);
	return rc;
}

/* The record's table says what a text or date may hold; whether the form
 * needs an answer at all is the form's (a meeting wants its summary). */
static int check_answer(const struct form_field *f, const char *s, ap_err *e)
{
	int rc = f->field ? form_check(f->field, s, e) : AP_OK;
	if (!rc && !*s && !f->optional)
		rc = ap_fail(e, AP_EINPUT, "%s cannot be empty", f->label);
	return rc;
}

/* Ask a text or date field until the answer is acceptable or cancelled. */
static int ask_text(struct app *a, const char *prompt, struct form_field *f)
{
	char *s;
	while (input_line(a, prompt, f->value, &s)) {
		ap_err e = {0};
		int bad = check_answer(f, s, &e);
		free(f->value);
		f->value = s;
		if (!bad) {
			if (!*s) {
				free(f->value);
				f->value = NULL;
			}
			return 1;
		}
		ui_error(a, &e);
	}
	return 0;
}

int input_form(struct app *a, const char *title, struct form_field *f, int n)
{
	for (int i = 0; i < n; i++) {
		/* "title (new contact 2/5, may be empty)": what it asks, where the form stands. */
		char prompt[256];
		snprintf(prompt, sizeof prompt, "%s (%s %d/%d%s)", f[i].label, title, i + 1, n,
			f[i].kind == FF_DATE ? ", YYYY-MM-DD" : f[i].optional && f[i].kind == FF_TEXT ? ", may be empty" : "");
		int ok = f[i].kind == FF_CHOICE ? ask_choice(a, prompt, &f[i]) : ask_text(a, prompt, &f[i]);
		if (!ok) {
			ui_message(a, "%s cancelled; nothing saved", title);
			return 0;
		}
	}
	return 1;
}

void form_free(struct form_field *f, int n)
{
	for (int i = 0; i < n; i++) {
		free(f[i].value);
		f[i].value = NULL;
	}
}
