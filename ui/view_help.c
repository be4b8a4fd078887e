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

/* The legends after the keys: what the marks and columns of the main screen mean. */
struct legend {
	const char *sign;
	int elem;
	const char *text;
};
static const struct legend account_legend[] = {
	{"crit", TH_SEV_CRITICAL, "open critical flags of the account"},
	{"high", TH_SEV_HIGH, "open high flags"},
	{"warn", TH_SEV_WARN, "open warnings (on a wide list; info flags: in the detail)"},
	{"...", TH_DIM, "still being counted"},
};
#define N_ACCOUNT_LEGEND (sizeof account_legend / sizeof account_legend[0])
/* Legend rows: a heading, the marks; a heading, the account list's columns. */
#define N_LEGEND (1 + MARK_COUNT + 1 + N_ACCOUNT_LEGEND)

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
	v->lines = (size_t)p->nrows + N_LEGEND;
	return AP_OK;
}

/* Where the help text starts: after the keys, and after the action's name in
 * keys.ini when the box is wide enough to show it too. */
static int text_col(int w) { return w >= 90 ? 39 : 20; }

static void legend_row(int m, int y, int x, int w, int el)
{
	struct legend l;
	if (m == 0 || m == 1 + MARK_COUNT) {
		draw_text(y, x, w, m == 0 ? "Marks of the question rows" : "Columns of the account list", TH_HEADER);
		return;
	}
	if (m <= MARK_COUNT)
		l = (struct legend){ui_mark_glyph(m - 1), ui_mark_elem(m - 1), ui_mark_name(m - 1)};
	else
		l = account_legend[m - 2 - MARK_COUNT];
	draw_str(y, x + 2, 17, l.sign, l.elem);
	draw_str(y, x + 20, w - 20, l.text, el);
}

static void help_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct help_priv *p = v->priv;
	int el = selected ? TH_POPUP_SELECTED : TH_POPUP;
	draw_fill(y, x, w, el);
	if (row >= (size_t)p->nrows) {
		legend_row((int)row - p->nrows, y, x, w, el);
		return;
	}
	int act = p->row_action[row];
	if (act < 0) {
		draw_text(y, x, w, action_group(-act), TH_HEADER);
		return;
	}
	char keys[64];
	keymap_keys(act, 1, keys, sizeof keys);
	draw_str(y, x + 2, 17, keys[0] ? keys : "(none)", keys[0] ? TH_LABEL : TH_DIM);
	if (text_col(w) > 20)
		draw_str(y, x + 20, 18, action_name(act), selected ? el : TH_DIM);   /* its name in keys.ini */
	draw_str(y, x + text_col(w), w - text_col(w), action_help(act), el);
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
