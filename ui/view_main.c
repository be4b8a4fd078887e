/* view_main.c - the main screen: the account list on the left, the Sales,
 * Product and Executive panes on the right (side by side from 120 columns,
 * tabs below that), the detail of the selection under them. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

#define WIDE_COLS 120

struct main_priv {
	struct view *acc;                /* view_accounts_ops */
	struct view *tier[TIER_COUNT];   /* view_tier_ops, arg = tier */
	int focus;                       /* 0: accounts, 1 + tier: a tier pane */
	int tab;                         /* the tier pane shown when narrow */
	int wide;
};

static struct main_priv *mp(struct view *v) { return v->priv; }

static struct view *focused(struct view *v)
{
	struct main_priv *p = mp(v);
	return p->focus ? p->tier[p->focus - 1] : p->acc;
}

static void set_focus(struct view *v, int focus)
{
	struct main_priv *p = mp(v);
	p->focus = focus < 0 ? 0 : focus > TIER_COUNT ? TIER_COUNT : focus;
	if (p->focus)
		p->tab = p->focus - 1;
	p->acc->focused = p->focus == 0;
	for (int t = 0; t < TIER_COUNT; t++)
		p->tier[t]->focused = p->focus == t + 1;
}

static int main_open(struct view *v, ap_err *e)
{
	struct main_priv *p = mp(v);
	struct app *a = v->app;
	int first = !p->acc;
	if (first) {
		p->acc = view_new(&view_accounts_ops, a, 0);
		for (int t = 0; t < TIER_COUNT; t++)
			p->tier[t] = view_new(&view_tier_ops, a, t);
	}
	int rc = view_reload(p->acc, e);
	for (int t = 0; !rc && t < TIER_COUNT; t++)
		rc = view_reload(p->tier[t], e);
	if (first)
		set_focus(v, 1 + a->cfg.user_tier);   /* the user's own tier has focus at start */
	if (!p->acc->lines)
		set_focus(v, 0);   /* nothing to answer yet: the list, where `a` adds an account */
	v->lines = 0;
	return rc;
}

static void main_done(struct view *v)
{
	struct main_priv *p = mp(v);
	view_free(&p->acc);
	for (int t = 0; t < TIER_COUNT; t++)
		view_free(&p->tier[t]);
}

/* ---- drawing ---- */

static void draw_pane_head(struct view *pane, const char *text, int y, int x, int w)
{
	draw_text(y, x, w, text, pane->focused ? TH_HEADER_FOCUS : TH_HEADER);
}

/* Questions of tier t answered for the current account, and how many there are. */
static void tier_count(struct view *v, int t, int *answered, int *total)
{
	struct app *a = v->app;
	*answered = *total = 0;
	for (size_t i = 0; i < a->qb.n; i++)
		if (qbank_in_tier(&a->qb.q[i], t)) {
			(*total)++;
			*answered += ui_answer(a, a->qb.q[i].id) != NULL;
		}
}

static void tier_head(struct view *v, int t, char *buf, size_t n)
{
	int answered, total;
	tier_count(v, t, &answered, &total);
	snprintf(buf, n, " %s  %d/%d answered", ap_tier_label(t), answered, total);
}

/* " 2 Product 0/6 ": a tab names its key and how much of the tier is
 * answered; " 2 Product " when the tabs must fit w columns without it. */
static void tab_label(struct view *v, int t, int w, char *buf, size_t n)
{
	int counts = v->app->acct.id != 0;
	for (int k = 0, used = 0; counts && k < TIER_COUNT; k++) {
		int answered, total;
		tier_count(v, k, &answered, &total);
		used += snprintf(buf, n, " %d %s %d/%d ", k + 1, ap_tier_label(k), answered, total) + 1;
		counts = used - 1 <= w;   /* no gap after the last tab */
	}
	int answered, total;
	tier_count(v, t, &answered, &total);
	if (counts)
		snprintf(buf, n, " %d %s %d/%d ", t + 1, ap_tier_label(t), answered, total);
	else
		snprintf(buf, n, " %d %s ", t + 1, ap_tier_label(t));
}

/* Narrow screens: one tier pane, its header a row of tabs. */
static void draw_tabs(struct view *v, int y, int x, int w)
{
	struct main_priv *p = mp(v);
	draw_fill(y, x, w, TH_TAB);
	int cx = x;
	for (int t = 0; t < TIER_COUNT && cx < x + w; t++) {
		char label[64];
		tab_label(v, t, w, label, sizeof label);
		int el = t != p->tab ? TH_TAB : p->tier[t]->focused ? TH_HEADER_FOCUS : TH_TAB_ACTIVE;
		cx += draw_str(y, cx, x + w - cx, label, el) + 1;
	}
}

static void layout(struct view *v, int top, int h)
{
	struct main_priv *p = mp(v);
	struct app *a = v->app;
	p->wide = a->cols >= WIDE_COLS;
	/* Wide: the list takes 3/10 (36 columns at 120, the names and three
	 * counts); its segment column appears from 46. */
	int aw = p->wide ? a->cols * 3 / 10 : a->cols * 2 / 5;
	aw = aw < 20 ? 20 : aw > 50 ? 50 : aw;
	view_place(p->acc, top + 1, 0, h - 1, aw);
	int x = aw + 1, rest = a->cols - x;
	if (p->wide) {
		int w = (rest - (TIER_COUNT - 1)) / TIER_COUNT;
		for (int t = 0; t < TIER_COUNT; t++) {
			int pw = t == TIER_COUNT - 1 ? a->cols - x : w;
			view_place(p->tier[t], top + 1, x, h - 1, pw);
			x += w + 1;
		}
	} else {
		for (int t = 0; t < TIER_COUNT; t++)
			view_place(p->tier[t], top + 1, x, t == p->tab ? h - 1 : 0, t == p->tab ? rest : 0);
	}
}

static void draw_panes(struct view *v, int top, int h)
{
	struct main_priv *p = mp(v);
	char head[128];
	layout(v, top, h);
	p->acc->ops->draw_head(p->acc, top, p->acc->x, p->acc->w);
	view_draw_rows(p->acc);
	draw_vline(top, p->acc->w, h, TH_BORDER);
	for (int t = 0; t < TIER_COUNT; t++) {
		struct view *tv = p->tier[t];
		if (!tv->w)
			continue;
		if (p->wide) {
			tier_head(v, t, head, sizeof head);
			draw_pane_head(tv, head, top, tv->x, tv->w);
			if (t)
				draw_vline(top, tv->x - 1, h, TH_BORDER);
		} else {
			draw_tabs(v, top, tv->x, tv->w);
		}
		view_draw_rows(tv);
	}
}

static void main_title(struct view *v, char *buf, size_t n)
{
	struct app *a = v->app;
	char filters[256];
	view_accounts_filters(mp(v)->acc, filters, sizeof filters);
	if (!a->acct.id)
		snprintf(buf, n, "no account selected%s", filters);
	else
		snprintf(buf, n, "%s  (%s%s%s)%s", a->acct.name, ap_segments.names[a->acct.segment],
			*a->acct.industry ? ", " : "", a->acct.industry, filters);
}

static void main_draw(struct view *v)
{
	struct app *a = v->app;
	char title[512];
	main_title(v, title, sizeof title);
	ui_draw_title(a, title);
	/* The detail gets a third of a tall screen too: long answers read there. */
	int avail = a->rows - 2;
	int dh = avail / 3 < 4 ? 4 : avail / 3;
	draw_panes(v, 1, avail - dh);
	struct view *f = focused(v);
	int y = 1 + avail - dh;
	if (f == mp(v)->acc)
		view_accounts_detail(f, y, 0, dh, a->cols);
	else
		view_tier_detail(f, y, 0, dh, a->cols);
}

/* ---- keys ---- */

static int click(struct view *v)
{
	struct main_priv *p = mp(v);
	struct ui_mouse *m = &v->app->mouse;
	struct view *panes[1 + TIER_COUNT] = {p->acc, p->tier[0], p->tier[1], p->tier[2]};
	if (!p->wide && m->click && p->tier[p->tab]->w && m->y == p->tier[p->tab]->y - 1 &&
	    m->x >= p->tier[p->tab]->x) {
		/* A click on the tabs row: the tabs as draw_tabs lays them out, one apart. */
		int cx = p->tier[p->tab]->x;
		for (int t = 0; t < TIER_COUNT; t++) {
			char label[64];
			tab_label(v, t, p->tier[p->tab]->w, label, sizeof label);
			int w = draw_width(label);
			if (m->x >= cx && m->x < cx + w)
				set_focus(v, 1 + t);
			cx += w + 1;
		}
		return 1;
	}
	for (int i = 0; i <= TIER_COUNT; i++) {
		if (!panes[i]->w || !view_contains(panes[i], m->y, m->x))
			continue;
		if (m->wheel)
			view_scroll(panes[i], 3L * m->wheel);
		else {
			set_focus(v, i);
			view_click(panes[i], m->y, m->x);
		}
		return 1;
	}
	return 1;
}

static int focus_key(struct view *v, int action)
{
	struct main_priv *p = mp(v);
	int n = 1 + TIER_COUNT;
	switch (action) {
	case ACT_PANE_NEXT: set_focus(v, (p->focus + 1) % n); return 1;
	case ACT_PANE_PREV: set_focus(v, (p->focus + n - 1) % n); return 1;
	case ACT_PANE_LEFT: set_focus(v, p->focus - 1); return 1;
	case ACT_PANE_RIGHT: set_focus(v, p->focus + 1); return 1;
	case ACT_TIER_SALES: set_focus(v, 1 + TIER_SALES); return 1;
	case ACT_TIER_PRODUCT: set_focus(v, 1 + TIER_PRODUCT); return 1;
	case ACT_TIER_EXEC: set_focus(v, 1 + TIER_EXEC); return 1;
	default: return 0;
	}
}

static int main_key(struct view *v, int action, int key)
{
	struct main_priv *p = mp(v);
	struct view *f = focused(v);
	if (key == KEY_FN + KEY_MOUSE)
		return click(v);
	if (focus_key(v, action))
		return 1;
	/* Filters act on the account list whichever pane has focus. */
	if (action == ACT_FILTER || action == ACT_FILTER_SEGMENT || action == ACT_FILTER_TIER ||
	    action == ACT_FILTER_CLEAR)
		return p->acc->ops->key(p->acc, action, key);
	if (f == p->acc && action == ACT_ENTER) {
		set_focus(v, 1 + p->tab);   /* into the account's questions */
		return 1;
	}
	if (f->ops->key && f->ops->key(f, action, key))
		return 1;
	return view_move(f, action);
}

static struct view *main_focus(struct view *v) { return focused(v); }

static int main_idle(struct view *v) { return view_accounts_ops.idle(mp(v)->acc); }

void view_main_jump(struct view *v, long long id, int tier, const char *qid)
{
	struct main_priv *p = mp(v);
	view_accounts_show(p->acc, id);
	if (tier < 0 || tier >= TIER_COUNT) {
		set_focus(v, 0);
		return;
	}
	set_focus(v, 1 + tier);
	if (qid)
		view_tier_show(p->tier[tier], qid);
}

const qb_question *view_main_question(struct app *a)
{
	struct view *v = a->stack[0];
	struct view *f = focused(v);
	return f == mp(v)->acc ? NULL : view_tier_question(f);
}

const struct view_ops view_main_ops = {
	.name = "main",
	.priv_size = sizeof(struct main_priv),
	.open = main_open,
	.draw = main_draw,
	.key = main_key,
	.done = main_done,
	.focus = main_focus,
	.idle = main_idle,
};
