/* view_history.c - every version of one answer, newest first; Enter makes
 * an earlier one the current answer again (a new version, so nothing is lost). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

struct hist_priv {
	const qb_question *q;
	ap_answers versions;
};

static struct hist_priv *hp(struct view *v) { return v->priv; }

static int hist_open(struct view *v, ap_err *e)
{
	struct hist_priv *p = hp(v);
	struct app *a = v->app;
	if (!p->q && v->arg > 0 && (size_t)v->arg <= a->qb.n)
		p->q = &a->qb.q[v->arg - 1];
	if (!p->q)
		p->q = view_main_question(a);
	ap_vec_free(&p->versions, ap_answer_clear);
	v->lines = 0;
	if (!p->q || !a->acct.id)
		return ap_fail(e, AP_EINPUT, "select a question first");
	int rc = store_answer_history(a->st, a->acct.id, p->q->id, &p->versions, e);
	v->lines = p->versions.n;
	return rc;
}

static void hist_done(struct view *v) { ap_vec_free(&hp(v)->versions, ap_answer_clear); }

static void hist_title(struct view *v, char *buf, size_t n)
{
	struct hist_priv *p = hp(v);
	snprintf(buf, n, "History of '%s' for %s  (%zu version%s)", p->q->label, v->app->acct.name,
		p->versions.n, p->versions.n == 1 ? "" : "s");
}

/* date, source, confidence, by, answer */
static const int hist_widths[] = {10, 12, 6, 14, 0};

static void hist_head(struct view *v, int y, int x, int w)
{
	(void)v;
	static const char *const names[] = {"date", "source", "conf.", "by", "answer"};
	draw_heading(y, x, w, names, hist_widths, 5);
}

static void hist_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	const ap_answer *ans = &hp(v)->versions.v[row];
	char value[1024];
	snprintf(value, sizeof value, "%s%s", row == 0 ? "(current) " : "", ans->value);
	struct draw_col c[5] = {
		{ans->date, hist_widths[0]}, {ap_sources.names[ans->source], hist_widths[1]},
		{ap_confidences.names[ans->confidence], hist_widths[2]}, {ans->author, hist_widths[3]},
		{value, hist_widths[4]},
	};
	draw_columns(y, x, w, c, 5, selected ? TH_SELECTED : TH_NORMAL);
}

static void hist_detail(struct view *v, int y, int x, int h, int w)
{
	long row = view_selected(v);
	if (row >= 0)
		view_draw_text(y, x + 1, w - 2, h, hp(v)->versions.v[row].value, TH_NORMAL);
}

static int hist_key(struct view *v, int action, int key)
{
	(void)key;
	struct hist_priv *p = hp(v);
	long row = view_selected(v);
	if (row < 0 || (action != ACT_ENTER && action != ACT_READ))
		return 0;
	const ap_answer *old = &p->versions.v[row];
	if (action == ACT_READ) {
		char title[512];
		snprintf(title, sizeof title, "%s: %s, as answered on %s by %s", v->app->acct.name, p->q->label,
			old->date, *old->author ? old->author : "someone");
		view_read_open(v->app, title, old->value);
		return 1;
	}
	if (row == 0) {
		ui_message(v->app, "this is already the current answer");
		return 1;
	}
	char quote[160];
	if (input_confirm(v->app, "make the answer of %s ('%s') the current one again?", old->date,
		draw_excerpt(old->value, 40, quote, sizeof quote)))
		view_tier_save(v->app, v->app->acct.id, p->versions.v[0].id, p->q, xstrdup(old->value), old->source,
			old->confidence);
	return 1;
}

static const int hist_hints[] = {ACT_ENTER, ACT_CLOSE, ACT_HELP, ACT_NONE};

const struct view_ops view_history_ops = {
	.name = "history",
	.flags = VIEW_ACCOUNT,
	.priv_size = sizeof(struct hist_priv),
	.open = hist_open,
	.draw_row = hist_draw_row,
	.draw_head = hist_head,
	.draw_detail = hist_detail,
	.title = hist_title,
	.key = hist_key,
	.done = hist_done,
	.hints = hist_hints,
	.enter_hint = "restore",
};
