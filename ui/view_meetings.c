/* view_meetings.c - engagements with the customer, newest first: which tier
 * met them, strategic or tactical, and whether news was shared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "recedit.h"
#include "theme.h"
#include "view.h"

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

/* Ask for a meeting, new (cur NULL) or cur changed; saved in place, so an
 * edited meeting keeps its id. */
static void meet_form(struct view *v, const ap_meeting *cur)
{
	struct app *a = v->app;
	ap_meeting *m = cur ? recedit_dup(REC_MEETING, cur) : recedit_new(REC_MEETING);
	if (!cur) {
		char today[11];
		ap_date_format(a->today, today);
		m->tier = a->cfg.user_tier;
		m->date = xstrdup(today);
		m->kind = MEET_STRATEGIC;
	}
	struct form_field f[] = {
		recedit_field(REC_MEETING, "tier", "tier", m),
		recedit_field(REC_MEETING, "date", "date", m),
		recedit_field(REC_MEETING, "kind", "kind", m),
		recedit_field(REC_MEETING, "news", "news", m),
		recedit_field(REC_MEETING, "shared", "news shared with the customer", m),
		recedit_field(REC_MEETING, "summary", "summary", m),
	};
	f[5].optional = 0;   /* a meeting without a word on it tells the next reader nothing */
	if (recedit_form(a, cur ? "edit engagement" : "new engagement", REC_MEETING, m, f, 6)) {
		char what[200];
		snprintf(what, sizeof what, "engagement of %s", m->date);
		recedit_save(a, REC_MEETING, a->acct.id, m, what, NULL);
	} else {
		recedit_free(REC_MEETING, m);
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
			draw_excerpt(m->summary, 40, title, sizeof title)))
			recedit_remove(v->app, REC_MEETING, v->app->acct.id, m, "removed engagement", NULL);
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
