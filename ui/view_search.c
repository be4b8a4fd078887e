/* view_search.c - records of every kind matching a query (store_search),
 * as one list to jump from: Enter makes the record's account current and
 * opens the record where a view shows it (a contact in the org map, a
 * competitor, an end customer, a meeting, a note; an answer in its tier
 * pane with its question selected). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

#define SEARCH_LIMIT 200

/* The view that lists each kind's records, where a jump selects the record. */
static const struct view_ops *const record_views[REC_NKINDS] = {
	[REC_CONTACT] = &view_orgmap_ops, [REC_COMPETITOR] = &view_competitors_ops,
	[REC_ENDCUSTOMER] = &view_endcustomers_ops, [REC_MEETING] = &view_meetings_ops, [REC_NOTE] = &view_notes_ops,
};

struct search_priv {
	char *query;
	store_hits hits;
	int more;        /* more were found than are listed */
};

/* The query typed before the view opens; its open takes it. */
static char *next_query;

static struct search_priv *sp(struct view *v) { return v->priv; }

static int search_open(struct view *v, ap_err *e)
{
	struct search_priv *p = sp(v);
	if (!p->query) {
		p->query = next_query ? next_query : xstrdup("");
		next_query = NULL;
	}
	ap_vec_free(&p->hits, store_hit_clear);
	int rc = store_search(v->app->st, p->query, SEARCH_LIMIT, &p->hits, &p->more, e);
	v->lines = p->hits.n;
	return rc;
}

static void search_done(struct view *v)
{
	struct search_priv *p = sp(v);
	ap_vec_free(&p->hits, store_hit_clear);
	free(p->query);
}

/* "Search 'x': 2 accounts, 1 contact, 3 notes", kinds in the store's order. */
static void search_title(struct view *v, char *buf, size_t n)
{
	struct search_priv *p = sp(v);
	size_t count[REC_NKINDS] = {0}, len;
	for (size_t i = 0; i < p->hits.n; i++)
		count[p->hits.v[i].kind]++;
	snprintf(buf, n, "Search '%s':%s", p->query, p->hits.n ? "" : " nothing found");
	for (int k = 0; k < REC_NKINDS; k++)
		if (count[k] && (len = strlen(buf)) < n)
			snprintf(buf + len, n - len, "%s %zu %s%s", buf[len - 1] == ':' ? "" : ",", count[k],
				rec_kinds[k].name, count[k] == 1 ? "" : "s");
	if (p->more && (len = strlen(buf)) < n)
		snprintf(buf + len, n - len, " (the best %d; more were found)", SEARCH_LIMIT);
}

/* kind, account, what it is called, what was searched in it */
static const int search_widths[] = {12, 24, 24, 0};

static void search_head(struct view *v, int y, int x, int w)
{
	(void)v;
	static const char *const names[] = {"found", "account", "name or date", "text"};
	draw_heading(y, x, w, names, search_widths, 4);
}

static void search_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	const store_hit *h = &sp(v)->hits.v[row];
	struct draw_col c[4] = {
		{rec_kinds[h->kind].name, search_widths[0]}, {h->account, search_widths[1]},
		{h->label, search_widths[2]}, {h->text, 0},
	};
	draw_columns(y, x, w, c, 4, selected ? TH_SELECTED : TH_NORMAL);
}

/* What Enter does with a hit of kind k, for the detail line. */
static const char *jump_says(int k)
{
	if (k == REC_ANSWER)
		return "Enter opens the answer in its tier pane";
	if (k == REC_ACCOUNT || !record_views[k])
		return "Enter makes it the current account";
	return "Enter opens it among the account's records";
}

static void search_detail(struct view *v, int y, int x, int h, int w)
{
	struct search_priv *p = sp(v);
	long row = view_selected(v);
	if (row < 0) {
		char text[768];
		snprintf(text, sizeof text, "Nothing matches '%s'. The search looks at the names of accounts, contacts, "
			"competitors and end customers (a word matches the start of a name's words), and at whole words of "
			"industries, titles, differentiators, asks, meeting summaries, current answers and notes (end a word "
			"with * for words that start with it); / searches again.", p->query);
		draw_wrap(y, x + 1, w - 2, h, 0, text, TH_DIM);
		return;
	}
	const store_hit *hit = &p->hits.v[row];
	char *head = xasprintf("%s %s of %s, found by its %s. %s.", rec_kinds[hit->kind].name, hit->label, hit->account,
		hit->by_name ? "name" : "text", jump_says(hit->kind));
	int used = draw_wrap(y, x + 1, w - 2, h, 0, head, TH_DIM);
	free(head);
	if (*hit->text && used < h)
		view_draw_text(y + used, x + 1, w - 2, h - used, hit->text, TH_NORMAL);
}

/* Make the hit's account current and show the hit where it is listed. */
static void jump(struct app *a, const store_hit *h)
{
	enum rec_kind_id kind = h->kind;
	long long id = h->id;
	if (kind == REC_ANSWER) {
		const qb_question *q = qbank_find(&a->qb, h->label);
		ui_jump(a, h->account_id, q ? q->tier : -1, q ? q->id : NULL);
		return;
	}
	ui_jump(a, h->account_id, -1, NULL);   /* closes this view: h is gone after it */
	struct view *rv = record_views[kind] ? ui_push(a, record_views[kind], 0) : NULL;
	if (rv)
		view_select_id(rv, id);
}

static int search_key(struct view *v, int action, int key)
{
	(void)key;
	struct search_priv *p = sp(v);
	long row = view_selected(v);
	if (row < 0)
		return 0;
	const store_hit *h = &p->hits.v[row];
	if (action == ACT_READ && *h->text) {
		char title[512];
		snprintf(title, sizeof title, "%s %s of %s", rec_kinds[h->kind].name, h->label, h->account);
		view_read_open(v->app, title, h->text);
		return 1;
	}
	if (action != ACT_ENTER)
		return 0;
	jump(v->app, h);
	return 1;
}

void view_search_start(struct app *a)
{
	char *q;
	if (!input_line(a, "Search every record", NULL, &q))
		return;
	if (!*q) {
		free(q);
		return;
	}
	while (a->depth > 1)
		ui_pop(a);
	free(next_query);
	next_query = q;
	ui_push(a, &view_search_ops, 0);
	free(next_query);   /* still set only when the view failed to open */
	next_query = NULL;
}

static const int search_hints[] = {ACT_ENTER, ACT_READ, ACT_SEARCH, ACT_CLOSE, ACT_HELP, ACT_NONE};

const struct view_ops view_search_ops = {
	.name = "search",
	.priv_size = sizeof(struct search_priv),
	.open = search_open,
	.draw_row = search_draw_row,
	.draw_head = search_head,
	.draw_detail = search_detail,
	.title = search_title,
	.key = search_key,
	.done = search_done,
	.hints = search_hints,
	.enter_hint = "jump",
};
