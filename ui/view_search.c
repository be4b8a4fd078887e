/* view_search.c - accounts and notes matching a query, as one list to jump
 * from: Enter on an account makes it current, on a note opens the account's
 * notes with that note selected. */
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

struct search_priv {
	char *query;
	ap_accounts acc;
	ap_notes notes;
};

/* The query typed before the view opens; its open takes it. */
static char *next_query;

static struct search_priv *sp(struct view *v) { return v->priv; }

static int search_open(struct view *v, ap_err *e)
{
	struct search_priv *p = sp(v);
	struct app *a = v->app;
	if (!p->query) {
		p->query = next_query ? next_query : xstrdup("");
		next_query = NULL;
	}
	ap_vec_free(&p->acc, ap_account_clear);
	ap_vec_free(&p->notes, ap_note_clear);
	int rc = store_account_search(a->st, p->query, SEARCH_LIMIT, &p->acc, e);
	if (!rc)
		rc = store_note_search(a->st, p->query, SEARCH_LIMIT, &p->notes, e);
	v->lines = p->acc.n + p->notes.n;
	return rc;
}

static void search_done(struct view *v)
{
	struct search_priv *p = sp(v);
	ap_vec_free(&p->acc, ap_account_clear);
	ap_vec_free(&p->notes, ap_note_clear);
	free(p->query);
}

static void search_title(struct view *v, char *buf, size_t n)
{
	struct search_priv *p = sp(v);
	snprintf(buf, n, "Search '%s': %zu account%s, %zu note%s", p->query, p->acc.n, p->acc.n == 1 ? "" : "s",
		p->notes.n, p->notes.n == 1 ? "" : "s");
}

/* kind, account, date, text */
static const int search_widths[] = {7, 26, 10, 0};

static void search_head(struct view *v, int y, int x, int w)
{
	(void)v;
	static const char *const names[] = {"found", "account", "date", "text"};
	draw_heading(y, x, w, names, search_widths, 4);
}

static void search_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct search_priv *p = sp(v);
	struct draw_col c[4];
	if (row < p->acc.n) {
		const ap_account *acc = &p->acc.v[row];
		char text[512];
		snprintf(text, sizeof text, "%s%s%s", ap_segments.names[acc->segment], *acc->industry ? ", " : "",
			acc->industry);
		c[0] = (struct draw_col){"account", search_widths[0]};
		c[1] = (struct draw_col){acc->name, search_widths[1]};
		c[2] = (struct draw_col){acc->created, search_widths[2]};
		c[3] = (struct draw_col){text, 0};
		draw_columns(y, x, w, c, 4, selected ? TH_SELECTED : TH_NORMAL);
		return;
	}
	const ap_note *n = &p->notes.v[row - p->acc.n];
	c[0] = (struct draw_col){"note", search_widths[0]};
	c[1] = (struct draw_col){n->account, search_widths[1]};
	c[2] = (struct draw_col){n->date, search_widths[2]};
	c[3] = (struct draw_col){n->body, 0};
	draw_columns(y, x, w, c, 4, selected ? TH_SELECTED : TH_NORMAL);
}

static void search_detail(struct view *v, int y, int x, int h, int w)
{
	struct search_priv *p = sp(v);
	long row = view_selected(v);
	char text[512];
	if (row < 0) {
		snprintf(text, sizeof text, "Nothing matches '%s'. The search looks at the names and industries of "
			"accounts and at the words of notes; / searches again.", p->query);
		draw_wrap(y, x + 1, w - 2, h, 0, text, TH_DIM);
	} else if (row < (long)p->acc.n) {
		const ap_account *acc = &p->acc.v[row];
		snprintf(text, sizeof text, "%s: %s segment, %s, since %s. Enter makes it the current account.", acc->name,
			ap_segments.names[acc->segment], *acc->industry ? acc->industry : "industry not recorded", acc->created);
		draw_wrap(y, x + 1, w - 2, h, 0, text, TH_NORMAL);
	} else {
		view_draw_text(y, x + 1, w - 2, h, p->notes.v[row - (long)p->acc.n].body, TH_NORMAL);
	}
}

static int search_key(struct view *v, int action, int key)
{
	(void)key;
	struct search_priv *p = sp(v);
	struct app *a = v->app;
	long row = view_selected(v);
	if (action == ACT_READ && row >= (long)p->acc.n) {
		const ap_note *n = &p->notes.v[row - (long)p->acc.n];
		char title[512];
		snprintf(title, sizeof title, "Note on %s, %s, by %s", n->account, n->date, *n->author ? n->author : "someone");
		view_read_open(a, title, n->body);
		return 1;
	}
	if (action != ACT_ENTER || row < 0)
		return 0;
	if (row < (long)p->acc.n) {
		ui_jump(a, p->acc.v[row].id, -1, NULL);
		return 1;
	}
	const ap_note *n = &p->notes.v[row - (long)p->acc.n];
	long long note = n->id;
	ui_jump(a, n->account_id, -1, NULL);   /* closes this view: n is gone after it */
	struct view *nv = ui_push(a, &view_notes_ops, 0);
	if (nv)
		view_notes_select(nv, note);
	return 1;
}

void view_search_start(struct app *a)
{
	char *q;
	if (!input_line(a, "Search accounts and notes", NULL, &q))
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

static const int search_hints[] = {ACT_ENTER, ACT_SEARCH, ACT_CLOSE, ACT_HELP, ACT_NONE};

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
