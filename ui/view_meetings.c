/* view_meetings.c - engagements with the customer, newest first: which tier
 * met them, strategic or tactical, and whether news was shared. */
#include <stddef.h>
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
	struct recedit_list cols;
};

/* The meeting listing's columns (date, tier, kind, news, shared, summary),
 * headed by their keys: the labels are worded for forms. */
static const struct recedit_col meet_cols[] = {{10, 0}, {9, 0}, {9, 0}, {5, 0}, {6, 0}, {0, 0}, {10, 0},
	{RECEDIT_HIDDEN, 0}, {RECEDIT_HIDDEN, 0}, {RECEDIT_HIDDEN, 0}, {RECEDIT_HIDDEN, 0}};
#define MEET_NCOLS ((int)(sizeof meet_cols / sizeof meet_cols[0]))

static struct meet_priv *mp(struct view *v) { return v->priv; }

static int meet_open(struct view *v, ap_err *e)
{
	struct meet_priv *p = mp(v);
	ap_vec_free(&p->m, ap_meeting_clear);
	int rc = store_meeting_list(v->app->st, v->app->acct.id, &p->m, e);
	v->lines = p->m.n;
	recedit_list(REC_MEETING, meet_cols, MEET_NCOLS, &p->cols);
	/* The summary takes what is left: last, after the status. */
	struct recedit_list *l = &p->cols;
	for (int i = 0; i + 1 < l->n; i++)
		if (l->width[i] == 0) {
			const rec_field *f = l->f[i];
			const char *h = l->head[i];
			memmove(&l->f[i], &l->f[i + 1], (size_t)(l->n - i - 1) * sizeof l->f[0]);
			memmove(&l->head[i], &l->head[i + 1], (size_t)(l->n - i - 1) * sizeof l->head[0]);
			memmove(&l->width[i], &l->width[i + 1], (size_t)(l->n - i - 1) * sizeof l->width[0]);
			l->f[l->n - 1] = f;
			l->head[l->n - 1] = h;
			l->width[l->n - 1] = 0;
			break;
		}
	return rc;
}

static void meet_done(struct view *v) { ap_vec_free(&mp(v)->m, ap_meeting_clear); }

static long long meet_row_id(struct view *v, size_t row) { return mp(v)->m.v[row].id; }

static void meet_title(struct view *v, char *buf, size_t n)
{
	snprintf(buf, n, "Engagements with %s  (%zu)", v->app->acct.name, mp(v)->m.n);
}

static void meet_head(struct view *v, int y, int x, int w)
{
	const struct recedit_list *l = &mp(v)->cols;
	draw_heading(y, x, w, l->head, l->width, l->n);
}

static void meet_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	const ap_meeting *m = &mp(v)->m.v[row];
	char today[11];
	ap_date_format(v->app->today, today);
	const struct recedit_list *l = &mp(v)->cols;
	struct draw_col c[RECEDIT_MAX];
	for (int i = 0; i < l->n; i++) {
		c[i] = (struct draw_col){recedit_cell(l->f[i], m), l->width[i]};
		/* Without news there was nothing to share: neither yes nor no. */
		if (l->f[i]->off == offsetof(ap_meeting, shared) && m->news == NEWS_NONE)
			c[i].text = "";
		/* A planned meeting whose day has passed waits to be confirmed. */
		if (l->f[i]->off == offsetof(ap_meeting, status))
			c[i].text = rec_meeting_status(m, today);
	}
	draw_columns(y, x, w, c, l->n, selected ? TH_SELECTED : TH_NORMAL);
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
	if (recedit_form_of(a, cur ? "edit engagement" : "new engagement", REC_MEETING, m)) {
		char what[200];
		snprintf(what, sizeof what, "engagement of %s", m->date);
		recedit_save(a, REC_MEETING, a->acct.id, m, what, NULL);
	} else {
		recedit_free(REC_MEETING, m);
	}
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
	.row_id = meet_row_id,
	.hints = meet_hints,
	.enter_hint = "edit",
};
