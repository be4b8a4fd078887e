/* view.c - the view engine: rows, scrolling, selection, the default page. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

struct view *view_new(const struct view_ops *ops, struct app *a, int arg)
{
	struct view *v = xcalloc(1, sizeof *v);
	v->ops = ops;
	v->app = a;
	v->arg = arg;
	v->priv = ops->priv_size ? xcalloc(1, ops->priv_size) : NULL;
	return v;
}

void view_free(struct view **vp)
{
	struct view *v = *vp;
	if (!v)
		return;
	if (v->ops->done)
		v->ops->done(v);
	free(v->priv);
	free(v);
	*vp = NULL;
}

/* Keep the selection inside the list and on screen. */
static void clamp(struct view *v)
{
	if (v->lines == 0) {
		v->sel = v->top = 0;
		return;
	}
	if (v->sel >= v->lines)
		v->sel = v->lines - 1;
	size_t h = v->h > 0 ? (size_t)v->h : 1;
	if (v->sel < v->top)
		v->top = v->sel;
	else if (v->sel >= v->top + h)
		v->top = v->sel - h + 1;
	if (v->top + h > v->lines)
		v->top = v->lines > h ? v->lines - h : 0;
}

int view_reload(struct view *v, ap_err *e)
{
	int rc = v->ops->open ? v->ops->open(v, e) : AP_OK;
	clamp(v);
	return rc;
}

long long view_selected_id(struct view *v)
{
	return v->ops->row_id && v->lines ? v->ops->row_id(v, v->sel) : 0;
}

int view_select_id(struct view *v, long long id)
{
	for (size_t row = 0; id && v->ops->row_id && row < v->lines; row++)
		if (v->ops->row_id(v, row) == id) {
			view_select(v, row);
			return 1;
		}
	return 0;
}

void view_place(struct view *v, int y, int x, int h, int w)
{
	v->y = y;
	v->x = x;
	v->h = h > 0 ? h : 0;
	v->w = w > 0 ? w : 0;
	clamp(v);
}

void view_draw_rows(struct view *v)
{
	if (v->h <= 0 || v->w <= 0)
		return;
	clamp(v);
	size_t n = v->lines - v->top < (size_t)v->h ? v->lines - v->top : (size_t)v->h;
	if (n && v->ops->fetch)
		v->ops->fetch(v, v->top, n);
	for (int r = 0; r < v->h; r++) {
		size_t row = v->top + (size_t)r;
		if (row < v->lines && v->ops->draw_row)
			v->ops->draw_row(v, row, v->y + r, v->x, v->w, row == v->sel);
		else
			draw_fill(v->y + r, v->x, v->w, TH_NORMAL);
	}
}

void view_draw_page(struct view *v)
{
	struct app *a = v->app;
	char title[512] = "";
	if (v->ops->title)
		v->ops->title(v, title, sizeof title);
	ui_draw_title(a, title);
	int top = 1, bottom = a->rows - 1;   /* rows between the title bar and the status line */
	if (v->ops->draw_head) {
		v->ops->draw_head(v, top, 0, a->cols);
		top++;
	}
	int detail = 0;
	if (v->ops->draw_detail) {
		detail = (bottom - top) / 3;
		if (detail < 3)
			detail = bottom - top >= 6 ? 3 : 0;
	}
	view_place(v, top, 0, bottom - top - detail, a->cols);
	view_draw_rows(v);
	if (detail) {
		draw_rule(bottom - detail, 0, a->cols, NULL, TH_BORDER, TH_HEADER);
		v->ops->draw_detail(v, bottom - detail + 1, 0, detail - 1, a->cols);
	}
}

void view_select(struct view *v, size_t row)
{
	size_t old = v->sel;
	v->sel = row;
	clamp(v);
	if (v->sel != old && v->ops->select)
		v->ops->select(v);
}

int view_move(struct view *v, int action)
{
	size_t page = v->h > 1 ? (size_t)v->h - 1 : 1;
	size_t last = v->lines ? v->lines - 1 : 0;
	switch (action) {
	case ACT_MOVE_UP: view_select(v, v->sel ? v->sel - 1 : 0); break;
	case ACT_MOVE_DOWN: view_select(v, v->sel < last ? v->sel + 1 : last); break;
	case ACT_PAGE_UP:
		v->top = v->top > page ? v->top - page : 0;
		view_select(v, v->sel > page ? v->sel - page : 0);
		break;
	case ACT_PAGE_DOWN:
		v->top += page;
		view_select(v, v->sel + page < last ? v->sel + page : last);
		break;
	case ACT_FIRST: view_select(v, 0); break;
	case ACT_LAST: view_select(v, last); break;
	default: return 0;
	}
	return 1;
}

void view_scroll(struct view *v, long delta)
{
	size_t h = v->h > 0 ? (size_t)v->h : 1;
	size_t max_top = v->lines > h ? v->lines - h : 0;
	long top = (long)v->top + delta;
	v->top = top < 0 ? 0 : (size_t)top > max_top ? max_top : (size_t)top;
	/* The selection stays on screen, following the rows it was between. */
	if (v->sel < v->top)
		view_select(v, v->top);
	else if (v->sel >= v->top + h)
		view_select(v, v->top + h - 1);
}

int view_contains(const struct view *v, int y, int x)
{
	return y >= v->y - 1 && y < v->y + v->h && x >= v->x && x < v->x + v->w;
}

int view_click(struct view *v, int y, int x)
{
	if (y < v->y || y >= v->y + v->h || x < v->x || x >= v->x + v->w)
		return 0;
	size_t row = v->top + (size_t)(y - v->y);
	if (row < v->lines)
		view_select(v, row);
	return 1;
}

long view_selected(const struct view *v)
{
	return v->lines ? (long)v->sel : -1;
}

int view_draw_text(int y, int x, int w, int room, const char *text, int elem)
{
	int need = draw_wrap_count(w, text);
	if (need <= room || room < 2)
		return draw_wrap(y, x, w, room, 0, text, elem);
	char more[96], keys[32];
	int shown = draw_wrap(y, x, w, room - 1, 0, text, elem);
	snprintf(more, sizeof more, "... %d more line%s: %s reads it all", need - shown, need - shown == 1 ? "" : "s",
		keymap_keys(ACT_READ, 0, keys, sizeof keys));
	draw_text(y + shown, x, w, more, TH_LABEL);
	return shown + 1;
}

int view_page_key(struct view *v, int action)
{
	long page = v->h > 1 ? v->h - 1 : 1;
	switch (action) {
	case ACT_MOVE_UP: view_scroll(v, -1); return 1;
	case ACT_MOVE_DOWN: view_scroll(v, 1); return 1;
	case ACT_PAGE_UP: view_scroll(v, -page); return 1;
	case ACT_PAGE_DOWN: view_scroll(v, page); return 1;
	case ACT_FIRST: view_scroll(v, -(long)v->lines); return 1;
	case ACT_LAST: view_scroll(v, (long)v->lines); return 1;
	default: return 0;
	}
}
