/* conflict.c - theirs beside yours, and what becomes of yours. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/outfile.h"
#include "app.h"
#include "conflict.h"
#include "draw.h"
#include "editor.h"
#include "input.h"
#include "recedit.h"
#include "theme.h"
#include "view.h"

/* ---- the screen: two columns over the whole frame ---- */

struct cf_priv {
	struct ui_sides *s;
	char *title;
};

/* What conflict_decide hands to the view it opens (open runs inside ui_push). */
static struct ui_sides *next_sides;
static char *next_title;

static void sides_free(struct ui_sides *s)
{
	if (!s)
		return;
	buf_free(&s->theirs);
	buf_free(&s->mine);
	free(s->their_text);
	free(s->my_text);
	free(s);
}

static int cf_open(struct view *v, ap_err *e)
{
	(void)e;
	struct cf_priv *p = v->priv;
	if (next_sides) {   /* the first open; reloads keep what was read */
		p->s = next_sides;
		p->title = next_title;
		next_sides = NULL;
		next_title = NULL;
	}
	v->lines = 0;
	return AP_OK;
}

static void cf_done(struct view *v)
{
	struct cf_priv *p = v->priv;
	sides_free(p->s);
	free(p->title);
}

static void column(int y, int x, int h, int w, const char *head, const char *text)
{
	draw_rule(y, x, w, head, TH_BORDER, TH_HEADER);
	for (int r = 1; r < h; r++)
		draw_fill(y + r, x, w, TH_NORMAL);
	draw_wrap(y + 1, x + 1, w - 2, h - 1, 0, text ? text : "", TH_NORMAL);
}

static void cf_draw(struct view *v)
{
	struct app *a = v->app;
	struct cf_priv *p = v->priv;
	char head[320];
	ui_draw_title(a, p->title);
	snprintf(head, sizeof head, "Theirs, by %s on %s", *p->s->who ? p->s->who : "someone", p->s->when);
	int h = a->rows - 2, left = a->cols / 2;
	column(1, 0, h, left, head, p->s->theirs.s);
	column(1, left, h, a->cols - left, "Yours, not saved", p->s->mine.s);
}

static const int cf_hints[] = {ACT_NONE};

static const struct view_ops view_conflict_ops = {
	.name = "conflict",
	.priv_size = sizeof(struct cf_priv),
	.open = cf_open,
	.draw = cf_draw,
	.done = cf_done,
	.hints = cf_hints,
};

/* ---- what becomes of the text of an edit that cannot be saved where it was typed ---- */

/* The text typed, with what it was, as a note or a file keeps it (caller frees). */
static char *rescued_text(struct app *a)
{
	struct ui_pending *p = &a->pending;
	char *typed = p->ops->typed(a, p->data);
	char *text = xasprintf("Your %s, not saved: it was removed by someone else.\n\n%s", p->what, typed);
	free(typed);
	return text;
}

static int as_note(struct app *a)
{
	ap_accounts all = {0};
	ap_err e = {0};
	if (store_account_list(a->st, &all, &e)) {
		ui_kept_message(a, "not saved", e.msg);
		return 0;
	}
	const char **names = xcalloc(all.n + 1, sizeof *names);
	for (size_t i = 0; i < all.n; i++)
		names[i] = all.v[i].name;
	int pick = all.n ? input_pick(a, "Save your text as a note on which account?", names, (int)all.n, 0) : -1;
	if (pick >= 0) {
		ap_note *n = view_notes_today(a);
		n->body = rescued_text(a);
		char what[200];
		snprintf(what, sizeof what, "note on %s", all.v[pick].name);
		/* Saved, the kept edit has done its work; refused, it stays kept. */
		if (recedit_save(a, REC_NOTE, all.v[pick].id, n, what, NULL) == AP_OK)
			ui_pending_drop(a);
	} else {
		ui_kept_message(a, "not saved yet", all.n ? "no account picked" : "there is no account to keep it");
	}
	free(names);
	ap_vec_free(&all, ap_account_clear);
	return 0;
}

static int to_file(struct app *a)
{
	char *path = NULL;
	ap_err e = {0};
	if (!input_line(a, "Save your text to the file", NULL, &path) || !*path) {
		free(path);
		ui_kept_message(a, "not saved yet", "no file given");
		return 0;
	}
	char *text = rescued_text(a);
	outfile_opts o = {.live_db = store_path(a->st)};   /* a new file is 0600 */
	if (outfile_write(path, text, strlen(text), &o, &e)) {
		ui_kept_message(a, "not saved", e.msg);
	} else {
		ui_pending_drop(a);
		ui_message(a, "saved your text to %s", path);
	}
	free(text);
	free(path);
	return 0;
}

static int rescue(struct app *a)
{
	static const char *const choice[] = {"save my text as a note on another account", "save my text to a file",
		"decide later", "drop mine"};
	char title[256], what[sizeof a->pending.what];
	snprintf(what, sizeof what, "%s", a->pending.what);
	snprintf(title, sizeof title, "Your %s: it was removed by someone else", what);
	switch (input_pick(a, title, choice, 4, 0)) {
	case 0: return as_note(a);
	case 1: return to_file(a);
	case 3:
		ui_pending_drop(a);
		ui_message(a, "dropped your %s", what);
		return 0;
	default:
		ui_kept_message(a, "not saved yet", "it was removed by someone else");
		return 0;
	}
}

/* ---- changed: theirs beside yours ---- */

/* Both texts in one file for the user's editor; the result becomes mine.
 * 1 when it did (the caller saves on top), 0 when the edit stays kept. */
static int merge(struct app *a, const struct ui_sides *s)
{
	struct ui_pending *p = &a->pending;
	ap_buf b = {0};
	buf_printf(&b, "<<<<<<< theirs (by %s on %s)\n%s\n=======\n%s\n>>>>>>> yours\n",
		*s->who ? s->who : "someone", s->when, s->their_text ? s->their_text : "", s->my_text ? s->my_text : "");
	char *out = NULL;
	ap_err e = {0};
	int rc = editor_edit(b.s, &out, &e);
	buf_free(&b);
	if (rc == 0)
		ui_kept_message(a, "not saved yet", "the merge came back unchanged or empty");
	else if (rc != 1)
		ui_kept_message(a, "not saved", e.msg);
	else if (p->ops->merged(a, p->data, out, &e))
		ui_kept_message(a, "not saved", e.msg);
	else
		return 1;
	return 0;
}

int conflict_decide(struct app *a)
{
	static const char *const choice[] = {"save mine over theirs", "drop mine, keep theirs", "merge both in $EDITOR",
		"decide later"};
	struct ui_pending *p = &a->pending;
	struct ui_sides *s = xcalloc(1, sizeof *s);
	ap_err e = {0};
	int rc = p->ops->sides(a, p->data, s, &e);
	if (rc) {
		sides_free(s);
		if (rc == AP_EINPUT)
			return rescue(a);
		ui_kept_message(a, "not saved", e.msg);
		return 0;
	}
	char title[256], what[sizeof p->what];
	snprintf(what, sizeof what, "%s", p->what);
	snprintf(title, sizeof title, "Your %s: someone changed it since you read it", what);
	next_sides = s;
	next_title = xstrdup(title);
	struct view *v = ui_push(a, &view_conflict_ops, 0);
	if (!v) {   /* not shown (ui_push said why); the choice is still the user's */
		free(next_title);
		next_sides = NULL;
		next_title = NULL;
	}
	int pick = input_pick(a, title, choice, 4, 3), save = 0;
	if (pick == 2)
		save = merge(a, s);   /* before the screen goes: s is its */
	if (v)
		ui_pop(a);
	else
		sides_free(s);
	if (pick == 1) {
		ui_pending_drop(a);
		ui_refresh(a);
		ui_message(a, "dropped your %s; theirs stays", what);
		return 0;
	}
	if (pick == 0)
		save = 1;
	else if (pick != 2)
		ui_kept_message(a, "not saved yet", "someone changed it since you read it");
	if (save && p->ops->rebase(a, p->data, &e)) {
		ui_kept_message(a, "not saved", e.msg);
		save = 0;
	}
	return save;
}
