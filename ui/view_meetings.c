/* view_meetings.c - engagements with the customer, newest first: which tier
 * met them, strategic or tactical, and whether news was shared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

static const char *const yes_no[] = {"yes", "no"};

struct meet_priv {
	ap_meetings m;
};

static struct meet_priv *mp(struct view *v) { return v->priv; }

static int meet_open(struct view *v, ap_err *e)
{
	struct meet_priv *p = mp(v);
	ap_vec_free(&p->m, ap_meeting_clear);
	int rc = store_meeting_list(v->app->st, v->app->acct.id, &p->m, e);
	v->lines = p->m.n;
	return rc;
}

static void meet_done(struct view *v) { ap_vec_free(&mp(v)->m, ap_meeting_clear); }

static void meet_title(struct view *v, char *buf, size_t n)
{
	snprintf(buf, n, "Engagements with %s  (%zu)", v->app->acct.name, mp(v)->m.n);
}

/* date, tier, kind, news, shared, summary */
static const int meet_widths[] = {10, 9, 9, 5, 6, 0};

static void meet_head(struct view *v, int y, int x, int w)
{
	(void)v;
	static const char *const names[] = {"date", "tier", "kind", "news", "shared", "summary"};
	draw_heading(y, x, w, names, meet_widths, 6);
}

static void meet_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	const ap_meeting *m = &mp(v)->m.v[row];
	struct draw_col c[6] = {
		{m->date, meet_widths[0]}, {ap_tiers.names[m->tier], meet_widths[1]},
		{ap_meetkinds.names[m->kind], meet_widths[2]}, {ap_news.names[m->news], meet_widths[3]},
		{m->news == NEWS_NONE ? "" : m->shared ? "yes" : "no", meet_widths[4]}, {m->summary, 0},
	};
	draw_columns(y, x, w, c, 6, selected ? TH_SELECTED : TH_NORMAL);
}

struct meet_write {
	long long replace;    /* id of the meeting an edit replaces, 0 when adding */
	ap_meeting m;
};

static void meet_write_free(void *d)
{
	struct meet_write *w = d;
	ap_meeting_clear(&w->m);
	free(w);
}

static int meet_save(struct app *a, void *d, ap_err *e)
{
	struct meet_write *w = d;
	int rc = store_begin(a->st, e);
	if (!rc && w->replace)
		rc = store_meeting_remove(a->st, a->acct.id, w->replace, e);
	if (!rc)
		rc = store_meeting_add(a->st, a->acct.id, &w->m, NULL, e);
	if (!rc)
		return store_commit(a->st, e);
	store_rollback(a->st);
	return rc;
}

static int meet_delete(struct app *a, void *d, ap_err *e)
{
	return store_meeting_remove(a->st, a->acct.id, ((struct meet_write *)d)->replace, e);
}

static void meet_form(struct view *v, const ap_meeting *cur)
{
	struct app *a = v->app;
	char today[11];
	ap_date_format(a->today, today);
	struct form_field f[] = {
		{"tier", FF_CHOICE, &ap_tiers, NULL, 0, 0, xstrdup(ap_tiers.names[cur ? cur->tier : a->cfg.user_tier])},
		{"date", FF_DATE, NULL, NULL, 0, 0, xstrdup(cur ? cur->date : today)},
		{"kind", FF_CHOICE, &ap_meetkinds, NULL, 0, 0, xstrdup(ap_meetkinds.names[cur ? cur->kind : MEET_STRATEGIC])},
		{"news", FF_CHOICE, &ap_news, NULL, 0, 0, xstrdup(ap_news.names[cur ? cur->news : NEWS_NONE])},
		{"news shared with the customer", FF_CHOICE, NULL, yes_no, 2, 0, xstrdup(cur && !cur->shared ? "no" : "yes")},
		{"summary", FF_TEXT, NULL, NULL, 0, 0, cur ? xstrdup(cur->summary) : NULL},
	};
	if (input_form(a, cur ? "edit engagement" : "new engagement", f, 6)) {
		struct meet_write *w = xcalloc(1, sizeof *w);
		w->replace = cur ? cur->id : 0;
		w->m.tier = form_choice(&f[0]);
		w->m.date = f[1].value;
		w->m.kind = form_choice(&f[2]);
		w->m.news = form_choice(&f[3]);
		w->m.shared = form_choice(&f[4]) == 0;
		w->m.summary = f[5].value;
		f[1].value = f[5].value = NULL;
		char what[200];
		snprintf(what, sizeof what, "engagement of %s", w->m.date);
		ui_write(a, a->acct.id, what, meet_save, w, meet_write_free);
	}
	form_free(f, 6);
}

static int meet_key(struct view *v, int action, int key)
{
	(void)key;
	long row = view_selected(v);
	const ap_meeting *m = row >= 0 ? &mp(v)->m.v[row] : NULL;
	char title[256];
	switch (action) {
	case ACT_READ:
		if (m) {
			snprintf(title, sizeof title, "%s engagement with %s on %s (%s)", ap_tier_label(m->tier),
				v->app->acct.name, m->date, ap_meetkinds.names[m->kind]);
			view_read_open(v->app, title, m->summary);
		}
		return 1;
	case ACT_ADD: meet_form(v, NULL); return 1;
	case ACT_ENTER:
	case ACT_EDIT:
		if (m)
			meet_form(v, m);
		return 1;
	case ACT_REMOVE:
		if (m && input_confirm(v->app, "remove the %s engagement of %s ('%s')?", ap_tiers.names[m->tier], m->date,
			draw_excerpt(m->summary, 40, title, sizeof title))) {
			struct meet_write *w = xcalloc(1, sizeof *w);
			w->replace = m->id;
			ui_write(v->app, v->app->acct.id, "removed engagement", meet_delete, w, meet_write_free);
		}
		return 1;
	default: return 0;
	}
}

static void meet_detail(struct view *v, int y, int x, int h, int w)
{
	long row = view_selected(v);
	if (row >= 0)
		view_draw_text(y, x + 1, w - 2, h, mp(v)->m.v[row].summary, TH_NORMAL);
}

static const int meet_hints[] = {ACT_ADD, ACT_ENTER, ACT_REMOVE, ACT_NOTE, ACT_CLOSE, ACT_HELP, ACT_NONE};

const struct view_ops view_meetings_ops = {
	.name = "meetings",
	.flags = VIEW_ACCOUNT,
	.priv_size = sizeof(struct meet_priv),
	.open = meet_open,
	.draw_row = meet_draw_row,
	.draw_head = meet_head,
	.draw_detail = meet_detail,
	.title = meet_title,
	.key = meet_key,
	.done = meet_done,
	.hints = meet_hints,
	.enter_hint = "edit",
};
