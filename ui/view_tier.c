/* view_tier.c - one tier's questions for the current account, and editing
 * their answers: inline or in $EDITOR, then source and confidence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "editor.h"
#include "input.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

struct tier_priv {
	size_t *q;     /* indexes into the question bank, in pane order */
	size_t n;
	int label_w;   /* the widest label */
};

static struct tier_priv *tp(struct view *v) { return v->priv; }

static int tier_open(struct view *v, ap_err *e)
{
	(void)e;
	struct tier_priv *p = tp(v);
	const qbank *qb = &v->app->qb;
	/* Every time: the bank in force changes when the team's does (live.c). */
	free(p->q);
	p->q = xcalloc(qb->n + 1, sizeof *p->q);
	p->n = 0;
	p->label_w = 0;
	for (size_t i = 0; i < qb->n; i++)
		/* A group's questions have a view of their own (the canvas). */
		if (qbank_in_tier(&qb->q[i], v->arg)) {
			p->q[p->n++] = i;
			int w = draw_width(qb->q[i].label);
			p->label_w = w > p->label_w ? w : p->label_w;
		}
	v->lines = v->app->acct.id ? p->n : 0;
	return AP_OK;
}

static void tier_done(struct view *v) { free(tp(v)->q); }

const qb_question *view_tier_question(struct view *v)
{
	long row = view_selected(v);
	return row < 0 ? NULL : &v->app->qb.q[tp(v)->q[row]];
}

void view_tier_show(struct view *v, const char *qid)
{
	struct tier_priv *p = tp(v);
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(v->app->qb.q[p->q[i]].id, qid) == 0)
			view_select(v, i);
}

/* The first line of an answer, for the one-row preview. */
static void first_line(const char *s, char *buf, size_t n)
{
	size_t len = strcspn(s, "\n");
	snprintf(buf, n, "%.*s%s", (int)len, s, s[len] ? " ..." : "");
}

static void tier_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct app *a = v->app;
	const qb_question *q = &a->qb.q[tp(v)->q[row]];
	const ap_answer *ans = ui_answer(a, q->id);
	int mark = ui_mark(&a->flags, q->id, ans != NULL);
	int el = !selected ? TH_NORMAL : v->focused ? TH_SELECTED : TH_SELECTED_IDLE;
	draw_fill(y, x, w, el);
	draw_str(y, x + 1, 1, ui_mark_glyph(mark), selected ? el : ui_mark_elem(mark));
	/* Labels get the room they need up to two thirds; the preview the rest. */
	int lw = tp(v)->label_w + 1 < w * 2 / 3 ? tp(v)->label_w + 1 : w * 2 / 3;
	draw_str(y, x + 3, lw - 1, q->label, el);
	if (ans) {
		char prev[512];
		first_line(ans->value, prev, sizeof prev);
		draw_str(y, x + 3 + lw, w - lw - 4, prev, selected ? el : TH_DIM);
	}
}

/* ---- the detail area ---- */

/* "meeting, high confidence, by dana on 2026-11-23; 2 earlier versions (H)". */
static void answer_meta(const ap_answer *ans, char *buf, size_t n)
{
	int earlier = ans->versions - 1;
	char keys[32], count[96];
	if (earlier <= 0)
		snprintf(count, sizeof count, "no earlier version");
	else
		snprintf(count, sizeof count, "%d earlier version%s (%s)", earlier, earlier == 1 ? "" : "s",
			keymap_keys(ACT_HISTORY, 0, keys, sizeof keys));
	snprintf(buf, n, "%s, %s confidence, by %s on %s; %s", ap_sources.names[ans->source],
		ap_confidences.names[ans->confidence], *ans->author ? ans->author : "someone", ans->date, count);
}

static int flag_is_on(const rule_flag *f, const qb_question *q)
{
	return f->question && strcmp(f->question, q->id) == 0;
}

void view_tier_detail(struct view *v, int y, int x, int h, int w)
{
	struct app *a = v->app;
	const qb_question *q = view_tier_question(v);
	draw_rule(y, x, w, q ? q->text : ap_tier_label(v->arg), TH_BORDER, TH_HEADER);
	if (!q)
		return;
	const ap_answer *ans = ui_answer(a, q->id);
	int nflags = 0;
	for (size_t i = 0; i < a->flags.n; i++)
		nflags += flag_is_on(&a->flags.v[i], q);
	/* The answer gets the room the meta line and the flags leave it, at least two lines. */
	int room = h - 2 - nflags;
	if (room < 2)
		room = h - 2 < 2 ? h - 1 : 2;
	int r = 1;
	if (ans) {
		char meta[512];
		r += view_draw_text(y + r, x + 1, w - 2, room, ans->value, TH_NORMAL);
		answer_meta(ans, meta, sizeof meta);
		if (r < h)
			r += draw_wrap(y + r, x + 1, w - 2, h - r, 0, meta, TH_DIM);
	} else {
		char help[1024];
		snprintf(help, sizeof help, "Not answered yet. %s", q->help ? q->help : "");
		r += draw_wrap(y + r, x + 1, w - 2, room, 0, help, TH_DIM);
	}
	for (size_t i = 0; i < a->flags.n && r < h; i++)
		if (flag_is_on(&a->flags.v[i], q))
			r += ui_draw_flag(&a->flags.v[i], y + r, x + 1, w - 2, h - r);
}

/* The question, its whole answer, the evidence and the flags, as a page. */
static void read_answer(struct view *v)
{
	struct app *a = v->app;
	const qb_question *q = view_tier_question(v);
	if (!q)
		return;
	const ap_answer *ans = ui_answer(a, q->id);
	ap_buf b = {0};
	char meta[512], title[512];
	buf_printf(&b, "%s\n\n", q->text);
	if (ans) {
		answer_meta(ans, meta, sizeof meta);
		buf_printf(&b, "%s\n\n%s\n", ans->value, meta);
	} else {
		buf_printf(&b, "Not answered yet. %s\n", q->help ? q->help : "");
	}
	for (size_t i = 0; i < a->flags.n; i++) {
		const rule_flag *f = &a->flags.v[i];
		char hbuf[256];
		const char *hint = ui_flag_hint(f, hbuf, sizeof hbuf);
		if (!flag_is_on(f, q))
			continue;
		buf_printf(&b, "\n%s: %s%s%s\n", ap_severities.names[f->severity], f->message, *hint ? " -- " : "", hint);
		if (f->snoozed) {
			rule_flag_snooze_text(f, &b);
			buf_puts(&b, "\n");
		}
	}
	snprintf(title, sizeof title, "%s: %s", a->acct.name, q->label);
	view_read_open(a, title, b.s);
	buf_free(&b);
}

/* ---- saving an answer ---- */

/* An answer typed for one account, to supersede the answer the pane showed
 * (shown: its id; STORE_REPLACES_NONE when there was none). */
struct answer_write {
	long long account, shown;
	char *qid, *value, *author;
	int source, confidence;
};

static void answer_write_free(void *d)
{
	struct answer_write *w = d;
	free(w->qid);
	free(w->value);
	free(w->author);
	free(w);
}

static int answer_save(struct app *a, void *d, ap_err *e)
{
	struct answer_write *w = d;
	ap_answer ans = {.question = w->qid, .value = w->value, .author = w->author, .source = w->source,
		.confidence = w->confidence};
	return store_answer_put(a->st, w->account, &ans, w->shown, NULL, e);
}

/* The answer current now, into *cur (cleared by the caller); AP_EINPUT when
 * the account is gone. cur->id is 0 when there is none. */
static int answer_now(struct app *a, const struct answer_write *w, ap_answer *cur, ap_err *e)
{
	ap_account acc = {0};
	ap_answers h = {0};
	int rc = store_account_get_id(a->st, w->account, &acc, e);
	ap_account_clear(&acc);
	if (!rc)
		rc = store_answer_history(a->st, w->account, w->qid, &h, e);
	if (!rc && h.n) {
		*cur = h.v[0];
		memset(&h.v[0], 0, sizeof h.v[0]);
	}
	ap_vec_free(&h, ap_answer_clear);
	return rc;
}

static int answer_rebase(struct app *a, void *d, ap_err *e)
{
	struct answer_write *w = d;
	ap_answer cur = {0};
	int rc = answer_now(a, w, &cur, e);
	if (!rc)
		w->shown = cur.id;
	ap_answer_clear(&cur);
	return rc;
}

static int answer_sides(struct app *a, void *d, struct ui_sides *out, ap_err *e)
{
	struct answer_write *w = d;
	ap_answer cur = {0};
	int rc = answer_now(a, w, &cur, e);
	if (!rc) {
		buf_puts(&out->theirs, cur.id ? cur.value : "(no answer)");
		buf_puts(&out->mine, w->value);
		out->their_text = xstrdup(cur.id ? cur.value : "");
		out->my_text = xstrdup(w->value);
		snprintf(out->who, sizeof out->who, "%s", cur.author ? cur.author : "");
		snprintf(out->when, sizeof out->when, "%s", cur.created_at && *cur.created_at ? cur.created_at
			: cur.date ? cur.date : "");
	}
	ap_answer_clear(&cur);
	return rc;
}

static int acceptable_text(struct app *a, const qb_question *q, char **value, ap_err *e);

static int answer_merged(struct app *a, void *d, char *text, ap_err *e)
{
	struct answer_write *w = d;
	const qb_question *q = qbank_find(&a->qb, w->qid);
	int rc = q ? acceptable_text(a, q, &text, e) : AP_OK;
	if (rc) {
		free(text);
		return rc;
	}
	free(w->value);
	w->value = text;
	return AP_OK;
}

static char *answer_typed(struct app *a, void *d)
{
	struct answer_write *w = d;
	const qb_question *q = qbank_find(&a->qb, w->qid);
	return xasprintf("%s\n\n%s", q ? q->text : w->qid, w->value);
}

static const struct ui_edit_ops answer_ops = {answer_rebase, answer_sides, answer_merged, answer_typed};

void view_tier_save(struct app *a, long long account, long long shown, const qb_question *q, char *value,
	int source, int confidence)
{
	struct answer_write *w = xcalloc(1, sizeof *w);
	w->account = account;
	w->shown = shown;
	w->qid = xstrdup(q->id);
	w->value = value;
	w->author = xstrdup(a->cfg.user_name);
	w->source = source;
	w->confidence = confidence;
	char what[256];
	snprintf(what, sizeof what, "answer to '%s' for %s", q->label, a->acct.name);
	ui_write_edit(a, w->account, what, answer_save, w, answer_write_free, &answer_ops);
}

/* Ask source and confidence (current values first), then save value. Takes value. */
static void save_with_evidence(struct app *a, long long account, const qb_question *q, const ap_answer *cur,
	char *value)
{
	int src = input_pick(a, "Source of this answer", ap_sources.names, ap_sources.count,
		cur ? cur->source : SRC_CONVERSATION);
	int conf = src < 0 ? -1 : input_pick(a, "Confidence", ap_confidences.names, ap_confidences.count,
		cur ? cur->confidence : CONF_MEDIUM);
	if (conf < 0) {
		free(value);
		ui_message(a, "cancelled; nothing saved");
		return;
	}
	view_tier_save(a, account, cur ? cur->id : STORE_REPLACES_NONE, q, value, src, conf);
}

/* An answer's text as the store and the question check it; a choice
 * typed in a merge becomes the option as the bank spells it. */
static int acceptable_text(struct app *a, const qb_question *q, char **value, ap_err *e)
{
	(void)a;
	int rc = form_check(rec_field_by_key(&rec_kinds[REC_ANSWER], "value"), *value, e);
	return rc ? rc : qbank_answer(q, value, e);
}

/* Check an edited answer; frees it and says why when it cannot be saved. */
static int acceptable(struct app *a, const qb_question *q, char **value)
{
	ap_err e = {0};
	int rc = acceptable_text(a, q, value, &e);
	if (rc) {
		free(*value);
		*value = NULL;
		ui_error(a, &e);
	}
	return !rc;
}

static void edit_external(struct app *a, const qb_question *q)
{
	if (q->type == QB_CHOICE) {
		ui_message(a, "'%s' is a choice: Enter picks the answer", q->label);
		return;
	}
	/* The account and answer shown now are what the text is typed for. */
	long long account = a->acct.id;
	const ap_answer *cur = ui_answer(a, q->id);
	char *value = NULL;
	ap_err e = {0};
	int rc = editor_edit(cur ? cur->value : NULL, &value, &e);
	if (rc == 0)
		ui_message(a, "unchanged or empty: nothing saved");
	else if (rc != 1)
		ui_error(a, &e);
	else if (acceptable(a, q, &value))
		save_with_evidence(a, account, q, cur, value);
}

static void edit_inline(struct app *a, const qb_question *q)
{
	long long account = a->acct.id;
	const ap_answer *cur = ui_answer(a, q->id);
	char *value = NULL;
	if (q->type == QB_CHOICE) {
		int pick = input_pick(a, q->text, (const char *const *)q->options, q->noptions,
			cur ? qbank_option(q, cur->value) : -1);
		if (pick < 0)
			return;
		value = xstrdup(q->options[pick]);
	} else if (cur && strchr(cur->value, '\n')) {
		edit_external(a, q);   /* several lines: the editor is the place for them */
		return;
	} else if (!input_line(a, q->label, cur ? cur->value : NULL, &value)) {
		return;
	}
	if (acceptable(a, q, &value))
		save_with_evidence(a, account, q, cur, value);
}

void view_tier_edit(struct app *a, const qb_question *q, int external)
{
	if (!q || !a->acct.id)
		return;
	if (external)
		edit_external(a, q);
	else
		edit_inline(a, q);
}

static int tier_key(struct view *v, int action, int key)
{
	(void)key;
	if (!v->app->acct.id)
		return 0;
	switch (action) {
	case ACT_ENTER:
	case ACT_EDIT: view_tier_edit(v->app, view_tier_question(v), 0); return 1;
	case ACT_EDIT_EXTERNAL: view_tier_edit(v->app, view_tier_question(v), 1); return 1;
	case ACT_HISTORY:
		if (view_tier_question(v))
			ui_push(v->app, &view_history_ops, 0);
		return 1;
	case ACT_SNOOZE:
		if (view_tier_question(v))
			view_flags_snooze_pick(v->app, view_tier_question(v)->id);
		return 1;
	case ACT_READ: read_answer(v); return 1;
	default: return 0;
	}
}

static const int tier_hints[] = {ACT_ENTER, ACT_EDIT_EXTERNAL, ACT_HISTORY, ACT_SNOOZE, ACT_NOTE,
	ACT_PANE_NEXT, ACT_VIEW_ORGMAP, ACT_VIEW_FLAGS, ACT_HELP, ACT_NONE};

const struct view_ops view_tier_ops = {
	.name = "tier",
	.priv_size = sizeof(struct tier_priv),
	.open = tier_open,
	.draw_row = tier_draw_row,
	.key = tier_key,
	.done = tier_done,
	.hints = tier_hints,
	.enter_hint = "edit",
};
