/* view_canvas.c - the current account's business model canvas.
 *
 * On a screen wide enough the nine blocks are laid out as the canvas is
 * drawn: key partners | key activities over key resources | value
 * propositions | customer relationships over channels | customer segments
 * along the top, cost structure | revenue streams along the bottom, each
 * block a box with its answer, its evidence, where our product sits and its
 * flags. On a narrow one (80 columns) the blocks are a list, the selected
 * one in full below it, like a tier pane. Either way a block edits like a
 * pane's question: Enter its answer, e where our product sits in it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/canvas.h"
#include "app.h"
#include "draw.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

/* The grid needs this much room for a block to say something. */
#define GRID_MIN_COLS 120
#define GRID_MIN_ROWS 30

/* The block to the left and to the right of each, as the canvas is drawn. */
static const int left_of[CANVAS_BLOCKS] = {
	[CB_PARTNERS] = CB_PARTNERS, [CB_ACTIVITIES] = CB_PARTNERS, [CB_RESOURCES] = CB_PARTNERS,
	[CB_VALUE] = CB_ACTIVITIES, [CB_RELATIONSHIPS] = CB_VALUE, [CB_CHANNELS] = CB_VALUE,
	[CB_SEGMENTS] = CB_RELATIONSHIPS, [CB_COSTS] = CB_COSTS, [CB_REVENUE] = CB_COSTS,
};
static const int right_of[CANVAS_BLOCKS] = {
	[CB_PARTNERS] = CB_ACTIVITIES, [CB_ACTIVITIES] = CB_VALUE, [CB_RESOURCES] = CB_VALUE,
	[CB_VALUE] = CB_RELATIONSHIPS, [CB_RELATIONSHIPS] = CB_SEGMENTS, [CB_CHANNELS] = CB_SEGMENTS,
	[CB_SEGMENTS] = CB_SEGMENTS, [CB_COSTS] = CB_REVENUE, [CB_REVENUE] = CB_REVENUE,
};

static const qb_question *block_q(const struct app *a, int b) { return qbank_find(&a->qb, canvas_question_ids[b]); }
static const qb_question *ours_q(const struct app *a, int b) { return qbank_find(&a->qb, canvas_ours_ids[b]); }
static const ap_answer *block_answer(const struct app *a, int b) { return ui_answer(a, canvas_question_ids[b]); }
static const ap_answer *ours_answer(const struct app *a, int b) { return ui_answer(a, canvas_ours_ids[b]); }

static const char *block_label(const struct app *a, int b)
{
	const qb_question *q = block_q(a, b);
	return q ? q->label : canvas_blocks.names[b];
}

static int grid_fits(const struct app *a) { return a->cols >= GRID_MIN_COLS && a->rows >= GRID_MIN_ROWS; }

static int canvas_open(struct view *v, ap_err *e)
{
	(void)e;
	v->lines = v->app->acct.id ? CANVAS_BLOCKS : 0;
	return AP_OK;
}

static void canvas_title(struct view *v, char *buf, size_t n)
{
	struct app *a = v->app;
	int answered = 0;
	for (int b = 0; b < CANVAS_BLOCKS; b++)
		answered += block_answer(a, b) != NULL;
	snprintf(buf, n, "Business model canvas · %s  (%d of %d blocks answered)", a->acct.name, answered, CANVAS_BLOCKS);
}

/* The flags on block b, counted; the worst severity in *worst (-1 none). */
static int block_flags(const struct app *a, int b, int *worst)
{
	int n = 0, answered = block_answer(a, b) != NULL;
	*worst = -1;
	for (size_t i = 0; i < a->flags.n; i++) {
		const rule_flag *f = &a->flags.v[i];
		if (!f->snoozed && canvas_flag_on(f, b, answered)) {
			n++;
			*worst = f->severity > *worst ? f->severity : *worst;
		}
	}
	return n;
}

/* "ours: TEXT" or that it is not said yet. Caller frees. */
static char *ours_text(const struct app *a, int b)
{
	const ap_answer *o = ours_answer(a, b);
	return o ? xasprintf("ours: %s", o->value) : xstrdup("ours: not said yet (e)");
}

/* Rows of s wrapped at width w, at most max. */
static int rows_of(int w, const char *s, int max)
{
	int n = s ? draw_wrap_count(w, s) : 0;
	return n > max ? max : n;
}

/* The block's text, evidence, ours and flags in the rows [y, y + h) of
 * columns [x, x + w): the answer gets what the others leave it, at least
 * a line; evidence and ours at most two lines each, the flags one. */
static void block_body(struct app *a, int b, int y, int x, int h, int w)
{
	const ap_answer *ans = block_answer(a, b);
	char *ours = ours_text(a, b), *ev = ans ? canvas_evidence(ans) : NULL;
	int worst, nflags = block_flags(a, b, &worst);
	int ev_rows = rows_of(w, ev, 2), ours_rows = rows_of(w, ours, 2);
	int fixed = ev_rows + ours_rows + (nflags ? 1 : 0);
	int room = h - fixed < 1 ? 1 : h - fixed, r = 0;
	if (ans) {
		r += view_draw_text(y, x, w, room, ans->value, TH_NORMAL);
		if (r < h)
			r += draw_wrap(y + r, x, w, h - r < ev_rows ? h - r : ev_rows, 0, ev, TH_DIM);
		free(ev);
	} else {
		const qb_question *q = block_q(a, b);
		char *text = xasprintf("not answered: %s", q ? q->text : "");
		r += draw_wrap(y, x, w, room, 0, text, TH_DIM);
		free(text);
	}
	if (r < h)
		r += draw_wrap(y + r, x, w, h - r < ours_rows ? h - r : ours_rows, 0, ours, TH_LABEL);
	free(ours);
	if (nflags && r < h) {
		char line[256];
		int used = 0;
		line[0] = '\0';
		for (size_t i = 0; i < a->flags.n; i++) {
			const rule_flag *f = &a->flags.v[i];
			if (!f->snoozed && canvas_flag_on(f, b, ans != NULL) && used < (int)sizeof line)
				used += snprintf(line + used, sizeof line - (size_t)used, "%s%s %s", used ? ", " : "",
					ap_severities.names[f->severity], f->rule);
		}
		draw_wrap(y + r, x, w, 1, 0, line, theme_severity(worst));
	}
}

static void draw_block(struct view *v, int b, int y, int x, int h, int w)
{
	struct app *a = v->app;
	int selected = (size_t)b == v->sel;
	draw_box(y, x, h, w, selected ? TH_HEADER : TH_BORDER);
	char title[160];
	snprintf(title, sizeof title, " %s ", block_label(a, b));
	draw_str(y, x + 2, w - 4, title, selected ? TH_HEADER_FOCUS : TH_HEADER);
	if (h > 2 && w > 4)
		block_body(a, b, y + 1, x + 2, h - 2, w - 4);
}

/* The nine boxes: the top row two thirds of the height, the bottom row the rest. */
static void draw_grid(struct view *v)
{
	struct app *a = v->app;
	int top = 1, bottom = a->rows - 1, height = bottom - top;
	int top_h = height * 2 / 3, half = top_h / 2;
	for (int b = 0; b < CANVAS_BLOCKS; b++) {
		const canvas_cell *c = &canvas_cells[b];
		int parts = c->row == 0 ? 5 : 2;
		int x0 = a->cols * c->x / parts, x1 = a->cols * (c->x + c->w) / parts;
		int y0, y1;
		if (c->row == 0) {
			y0 = top + (c->y ? half : 0);
			y1 = c->h == 2 || c->y ? top + top_h : top + half;
		} else {
			y0 = top + top_h;
			y1 = bottom;
		}
		draw_block(v, b, y0, x0, y1 - y0, x1 - x0);
	}
}

/* ---- narrow: a list and the selected block below it ---- */

static void canvas_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct app *a = v->app;
	int b = (int)row, worst;
	const ap_answer *ans = block_answer(a, b);
	int el = !selected ? TH_NORMAL : v->focused ? TH_SELECTED : TH_SELECTED_IDLE;
	int mark = ans ? MARK_ANSWERED : MARK_UNANSWERED;
	draw_fill(y, x, w, el);
	draw_str(y, x + 1, 1, ui_mark_glyph(mark), selected ? el : ui_mark_elem(mark));
	draw_str(y, x + 3, 1, ours_answer(a, b) ? "*" : " ", selected ? el : TH_LABEL);
	int lw = 24 < w / 2 ? 24 : w / 2;
	draw_str(y, x + 5, lw - 1, block_label(a, b), el);
	int nflags = block_flags(a, b, &worst);
	char tail[32] = "";
	if (nflags)
		snprintf(tail, sizeof tail, "%d flag%s", nflags, nflags == 1 ? "" : "s");
	int tw = draw_width(tail);
	char excerpt[512];
	if (ans)
		draw_str(y, x + 5 + lw, w - lw - tw - 7, draw_excerpt(ans->value, w, excerpt, sizeof excerpt),
			selected ? el : TH_DIM);
	if (tw)
		draw_str(y, x + w - tw - 1, tw, tail, selected ? el : theme_severity(worst));
}

static void canvas_detail(struct view *v, int y, int x, int h, int w)
{
	struct app *a = v->app;
	int b = (int)v->sel;
	const qb_question *q = block_q(a, b);
	draw_rule(y, x, w, q ? q->text : block_label(a, b), TH_BORDER, TH_HEADER);
	if (h > 1)
		block_body(a, b, y + 1, x + 1, h - 1, w - 2);
}

/* The list as long as the blocks (less when the screen is short, keeping
 * four rows for the block below), the selected block in the rest. */
static void draw_list(struct view *v)
{
	struct app *a = v->app;
	int top = 1, bottom = a->rows - 1, area = bottom - top;
	int list = area - 4 < CANVAS_BLOCKS ? area - 4 : CANVAS_BLOCKS;
	list = list < 1 ? 1 : list;
	for (int y = top; y < bottom; y++)
		draw_fill(y, 0, a->cols, TH_NORMAL);
	view_place(v, top, 0, list, a->cols);
	view_draw_rows(v);
	if (area - list >= 2)
		canvas_detail(v, top + list, 0, area - list, a->cols);
}

static void canvas_draw(struct view *v)
{
	struct app *a = v->app;
	char title[512];
	if (!v->lines) {
		view_draw_page(v);
		return;
	}
	canvas_title(v, title, sizeof title);
	ui_draw_title(a, title);
	if (!grid_fits(a)) {
		draw_list(v);
		return;
	}
	/* No rows to click in the grid: the list engine keeps the selection only. */
	view_place(v, 1, 0, CANVAS_BLOCKS, 0);
	draw_grid(v);
}

/* ---- keys ---- */

/* The whole block as a page: question, answer, evidence, ours, flags. */
static void read_block(struct view *v)
{
	struct app *a = v->app;
	int b = (int)v->sel;
	const qb_question *q = block_q(a, b), *o = ours_q(a, b);
	const ap_answer *ans = block_answer(a, b), *ours = ours_answer(a, b);
	ap_buf t = {0};
	buf_printf(&t, "%s\n\n", q ? q->text : "");
	if (ans) {
		char *ev = canvas_evidence(ans);
		buf_printf(&t, "%s\n\n%s\n", ans->value, ev);
		free(ev);
	} else {
		buf_printf(&t, "Not answered yet. %s\n", q ? q->help : "");
	}
	buf_printf(&t, "\n%s\n\n", o ? o->text : "Where our product sits");
	if (ours) {
		char *ev = canvas_evidence(ours);
		buf_printf(&t, "%s\n\n%s\n", ours->value, ev);
		free(ev);
	} else {
		buf_printf(&t, "Not said yet. %s\n", o ? o->help : "");
	}
	for (size_t i = 0; i < a->flags.n; i++) {
		const rule_flag *f = &a->flags.v[i];
		char hbuf[256];
		if (canvas_flag_on(f, b, ans != NULL))
			buf_printf(&t, "\n%s: %s -- %s\n", ap_severities.names[f->severity], f->message,
				ui_flag_hint(f, hbuf, sizeof hbuf));
	}
	char title[256];
	snprintf(title, sizeof title, "%s: %s", a->acct.name, block_label(a, b));
	view_read_open(a, title, t.s);
	buf_free(&t);
}

static int canvas_key(struct view *v, int action, int key)
{
	(void)key;
	struct app *a = v->app;
	if (!a->acct.id || !v->lines)
		return 0;
	int b = (int)v->sel;
	const qb_question *q = block_q(a, b);
	switch (action) {
	case ACT_ENTER: view_tier_edit(a, q, 0); return 1;
	case ACT_EDIT_EXTERNAL: view_tier_edit(a, q, 1); return 1;
	case ACT_EDIT: view_tier_edit(a, ours_q(a, b), 0); return 1;
	case ACT_PANE_LEFT: view_select(v, (size_t)left_of[b]); return 1;
	case ACT_PANE_RIGHT: view_select(v, (size_t)right_of[b]); return 1;
	case ACT_PANE_NEXT: view_select(v, (size_t)(b + 1) % CANVAS_BLOCKS); return 1;
	case ACT_PANE_PREV: view_select(v, (size_t)(b + CANVAS_BLOCKS - 1) % CANVAS_BLOCKS); return 1;
	case ACT_HISTORY:
		if (q)
			ui_push(a, &view_history_ops, (int)(q - a->qb.q) + 1);
		return 1;
	case ACT_SNOOZE:
		/* An unanswered block's flag is canvas_gap's, on the account as a whole. */
		view_flags_snooze_pick(a, q && block_answer(a, b) ? q->id : NULL);
		return 1;
	case ACT_READ: read_block(v); return 1;
	default: return 0;
	}
}

static const int canvas_hints[] = {ACT_ENTER, ACT_EDIT, ACT_EDIT_EXTERNAL, ACT_HISTORY, ACT_SNOOZE, ACT_READ,
	ACT_PANE_NEXT, ACT_CLOSE, ACT_HELP, ACT_NONE};

const struct view_ops view_canvas_ops = {
	.name = "canvas",
	.flags = VIEW_ACCOUNT,
	.open = canvas_open,
	.draw = canvas_draw,
	.draw_row = canvas_draw_row,
	.title = canvas_title,
	.key = canvas_key,
	.hints = canvas_hints,
	.enter_hint = "edit",
};
