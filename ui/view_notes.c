/* view_notes.c - field notes of the current account, newest first, with
 * full-text search; and the quick note of `n`, the fastest path in the
 * program: one key, type, Enter, saved under the user's home tier. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "editor.h"
#include "input.h"
#include "keymap.h"
#include "recedit.h"
#include "theme.h"
#include "view.h"

struct notes_priv {
	ap_notes n;
	char *query;     /* full-text filter, NULL when none */
	struct recedit_list cols;
	struct draw_table t;
};

/* The note listing's columns (date, tier, by, tags, text): the tags show
 * under the list, the text is headed "note", its label. */
static const struct recedit_col note_cols[] = {{10, 0}, {9, 0}, {14, 0}, {RECEDIT_HIDDEN, 0}, {0, 1}};

static struct notes_priv *np_(struct view *v) { return v->priv; }

static int notes_open(struct view *v, ap_err *e)
{
	struct notes_priv *p = np_(v);
	struct app *a = v->app;
	ap_vec_free(&p->n, ap_note_clear);
	int rc;
	if (!p->query) {
		rc = store_note_list(a->st, a->acct.id, &p->n, e);
	} else {
		rc = store_note_search(a->st, a->acct.id, p->query, &p->n, e);
	}
	v->lines = p->n.n;
	recedit_list(REC_NOTE, note_cols, (int)(sizeof note_cols / sizeof note_cols[0]), &p->cols);
	draw_table_init(&p->t, p->cols.n, p->cols.head, p->cols.width);
	for (size_t i = 0; i < p->n.n; i++)
		for (int c = 0; c < p->cols.n; c++)
			draw_table_want(&p->t, c, recedit_cell(p->cols.f[c], &p->n.v[i]));
	return rc;
}

static long long notes_row_id(struct view *v, size_t row) { return np_(v)->n.v[row].id; }

static void notes_done(struct view *v)
{
	ap_vec_free(&np_(v)->n, ap_note_clear);
	free(np_(v)->query);
}

static void notes_title(struct view *v, char *buf, size_t n)
{
	struct notes_priv *p = np_(v);
	if (p->query)
		snprintf(buf, n, "Notes on %s matching '%s'  (%zu)", v->app->acct.name, p->query, p->n.n);
	else
		snprintf(buf, n, "Notes on %s, newest first  (%zu)", v->app->acct.name, p->n.n);
}

static void notes_head(struct view *v, int y, int x, int w)
{
	draw_table_fit(&np_(v)->t, w);
	draw_table_head(&np_(v)->t, y, x, w);
}

static void notes_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct notes_priv *p = np_(v);
	struct draw_col c[RECEDIT_MAX];
	for (int i = 0; i < p->cols.n; i++)
		c[i] = (struct draw_col){recedit_cell(p->cols.f[i], &p->n.v[row]), p->t.width[i]};
	draw_columns(y, x, w, c, p->cols.n, selected ? TH_SELECTED : TH_NORMAL);
}

static void notes_detail(struct view *v, int y, int x, int h, int w)
{
	long row = view_selected(v);
	if (row < 0)
		return;
	const ap_note *n = &np_(v)->n.v[row];
	int r = view_draw_text(y, x + 1, w - 2, *n->tags ? h - 1 : h, n->body, TH_NORMAL);
	if (*n->tags && r < h) {
		char tags[512];
		snprintf(tags, sizeof tags, "tags: %s", n->tags);
		draw_text(y + r, x + 1, w - 2, tags, TH_DIM);
	}
}

/* ---- writing ---- */

/* A new note, today, by the user, under the user's home tier. */
ap_note *view_notes_today(struct app *a)
{
	char today[11];
	ap_date_format(a->today, today);
	ap_note *n = recedit_new(REC_NOTE);
	n->tier = a->cfg.user_tier;
	n->date = xstrdup(today);
	n->author = xstrdup(a->cfg.user_name);
	return n;
}

/* Save n (taken) as a new note; the store's status. */
static int note_new(struct app *a, ap_note *n)
{
	char what[200];
	snprintf(what, sizeof what, "note on %s", a->acct.name);
	return recedit_save(a, REC_NOTE, a->acct.id, n, what, NULL);
}

/* A note's text as the note's table wants it; frees it and says why not. */
static int body_ok(struct app *a, char *body)
{
	ap_err e = {0};
	int rc = form_check(rec_field_by_key(&rec_kinds[REC_NOTE], "text"), body, &e);
	if (rc) {
		free(body);
		ui_error(a, &e);
	}
	return !rc;
}

void view_notes_quick(struct app *a)
{
	if (!a->acct.id) {
		ui_message(a, "select an account first");
		return;
	}
	char prompt[256], *body;
	snprintf(prompt, sizeof prompt, "Note on %s (%s)", a->acct.name, ap_tiers.names[a->cfg.user_tier]);
	if (input_line(a, prompt, NULL, &body) && body_ok(a, body)) {
		ap_note *n = view_notes_today(a);
		n->body = body;
		note_new(a, n);
	}
}

static void note_add(struct view *v)
{
	struct app *a = v->app;
	ap_note *n = view_notes_today(a);
	if (!recedit_form_of(a, "new note", REC_NOTE, n))
		recedit_free(REC_NOTE, n);
	else if (note_new(a, n) == AP_OK && !np_(v)->query)
		view_select(v, 0);   /* newest first: the note just written */
}

/* Change the text of note n in place (its id, date and tags stay). */
static void note_edit(struct view *v, const ap_note *n, int external)
{
	struct app *a = v->app;
	char *body = NULL;
	if (external || strchr(n->body, '\n')) {
		ap_err e = {0};
		int rc = editor_edit(n->body, &body, &e);
		if (rc == 0)
			ui_message(a, "unchanged or empty: nothing saved");
		else if (rc != 1)
			ui_error(a, &e);
		if (rc != 1 || !body_ok(a, body))
			return;
	} else if (!input_line(a, "Note", n->body, &body) || !body_ok(a, body)) {
		return;
	}
	ap_note *u = recedit_dup(REC_NOTE, n);
	free(u->body);
	u->body = body;
	char what[200];
	snprintf(what, sizeof what, "note on %s", a->acct.name);
	recedit_save(a, REC_NOTE, a->acct.id, u, what, NULL);
}

static void read_note(struct app *a, const ap_note *n)
{
	char title[512];
	char *text = xasprintf("%s%s%s", n->body, *n->tags ? "\n\ntags: " : "", n->tags);
	snprintf(title, sizeof title, "Note on %s, %s, %s, by %s", a->acct.name, n->date, ap_tiers.names[n->tier],
		*n->author ? n->author : "someone");
	view_read_open(a, title, text);
	free(text);
}

static int notes_key(struct view *v, int action, int key)
{
	(void)key;
	struct notes_priv *p = np_(v);
	long row = view_selected(v);
	const ap_note *n = row >= 0 ? &p->n.v[row] : NULL;
	char *q, quote[160];
	switch (action) {
	case ACT_ADD: note_add(v); return 1;
	case ACT_ENTER:
	case ACT_EDIT:
	case ACT_EDIT_EXTERNAL:
		if (n)
			note_edit(v, n, action == ACT_EDIT_EXTERNAL);
		return 1;
	case ACT_REMOVE:
		if (n && input_confirm(v->app, "remove the note of %s by %s ('%s')?", n->date, *n->author ? n->author : "someone",
			draw_excerpt(n->body, 40, quote, sizeof quote)))
			recedit_remove(v->app, REC_NOTE, v->app->acct.id, n, "removed note", NULL);
		return 1;
	case ACT_READ:
		if (n)
			read_note(v->app, n);
		return 1;
	case ACT_FILTER:
		if (input_line(v->app, "Search the notes (words)", p->query, &q)) {
			free(p->query);
			p->query = *q ? q : NULL;
			if (!*q)
				free(q);
			ap_err e = {0};
			if (view_reload(v, &e))
				ui_error(v->app, &e);
		}
		return 1;
	default: return 0;
	}
}

static const int notes_hints[] = {ACT_ADD, ACT_ENTER, ACT_EDIT_EXTERNAL, ACT_REMOVE, ACT_FILTER, ACT_CLOSE,
	ACT_HELP, ACT_NONE};

const struct view_ops view_notes_ops = {
	.name = "notes",
	.flags = VIEW_ACCOUNT,
	.priv_size = sizeof(struct notes_priv),
	.open = notes_open,
	.draw_row = notes_draw_row,
	.draw_head = notes_head,
	.draw_detail = notes_detail,
	.title = notes_title,
	.key = notes_key,
	.done = notes_done,
	.row_id = notes_row_id,
	.hints = notes_hints,
	.enter_hint = "edit",
};

/* Select the note with this id (after a search jump). */
void view_notes_select(struct view *v, long long id)
{
	for (size_t i = 0; i < np_(v)->n.n; i++)
		if (np_(v)->n.v[i].id == id)
			view_select(v, i);
}
