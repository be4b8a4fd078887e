/* view_help.c - the help overlay, generated from the action table and the
 * keymap in force, so it cannot disagree with the keys. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

/* Rows: a group title before the first action of each group, then the
 * status marks of the question panes. Row r is an action when r < nrows. */
struct help_priv {
	int row_action[ACT_COUNT * 2];   /* > 0: action; < 0: -(first action of a group) */
	int nrows;
};

static int help_open(struct view *v, ap_err *e)
{
	(void)e;
	struct help_priv *p = v->priv;
	const char *group = NULL;
	p->nrows = 0;
	for (int act = 1; act < ACT_COUNT; act++) {
		if (!group || strcmp(group, action_group(act)) != 0) {
			group = action_group(act);
			p->row_action[p->nrows++] = -act;
		}
		p->row_action[p->nrows++] = act;
	}
	v->lines = (size_t)p->nrows + 1 + MARK_COUNT;
	return AP_OK;
}

static void help_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct help_priv *p = v->priv;
	int el = selected ? TH_POPUP_SELECTED : TH_POPUP;
	if (row >= (size_t)p->nrows) {   /* the legend of the marks */
		int m = (int)row - p->nrows - 1;
		draw_fill(y, x, w, el);
		if (m < 0) {
			draw_text(y, x, w, "Marks of the question rows", TH_HEADER);
			return;
		}
		draw_str(y, x + 2, 1, ui_mark_glyph(m), ui_mark_elem(m));
		draw_str(y, x + 20, w - 20, ui_mark_name(m), el);
		return;
	}
	int act = p->row_action[row];
	if (act < 0) {
		draw_text(y, x, w, action_group(-act), TH_HEADER);
		return;
	}
	char keys[64];
	keymap_keys(act, 1, keys, sizeof keys);
	draw_fill(y, x, w, el);
	draw_str(y, x + 2, 17, keys[0] ? keys : "(none)", keys[0] ? TH_LABEL : TH_DIM);
	draw_str(y, x + 20, 18, action_name(act), selected ? el : TH_DIM);   /* its name in keys.ini */
	draw_str(y, x + 39, w - 39, action_help(act), el);
}

static void help_draw(struct view *v)
{
	struct app *a = v->app;
	int w = a->cols - 4 < 100 ? a->cols - 4 : 100, h = a->rows - 3;
	int y = 1, x = (a->cols - w) / 2;
	draw_box(y, x, h, w, TH_POPUP);
	char title[96], keys[32];
	snprintf(title, sizeof title, " Keys  (%s or Esc closes) ", keymap_keys(ACT_CLOSE, 0, keys, sizeof keys));
	draw_str(y, x + 2, w - 4, title, TH_HEADER);
	view_place(v, y + 1, x + 1, h - 2, w - 2);
	view_draw_rows(v);
}

static int help_key(struct view *v, int action, int key)
{
	if (key == KEY_ESC || action == ACT_HELP || action == ACT_CLOSE) {
		ui_pop(v->app);
		return 1;
	}
	return 0;
}

static const int help_hints[] = {ACT_CLOSE, ACT_NONE};

const struct view_ops view_help_ops = {
	.name = "help",
	.flags = VIEW_OVERLAY,
	.priv_size = sizeof(struct help_priv),
	.open = help_open,
	.draw = help_draw,
	.draw_row = help_draw_row,
	.key = help_key,
	.hints = help_hints,
};
