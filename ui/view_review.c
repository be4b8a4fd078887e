/* view_review.c - review mode (acctplan review): one account at a time, in
 * the order the review was begun with, on one screen: what changed since its
 * last review, its open flags and actions, the decisions of its last review
 * and of this one, who knows whom, and its answers. Keys confirm an answer
 * (y), take a flag on (t), snooze it (s), record a decision (i), mark the
 * account reviewed (>) or skip it (]); each is saved at once, so leaving (q)
 * or a crash loses nothing and 'review --resume' goes on from here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"
#include "acctplan/review.h"
#include "app.h"
#include "draw.h"
#include "flags.h"
#include "input.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

enum rv_kind { RV_HEAD, RV_TEXT, RV_CHANGE, RV_FLAG, RV_ACTION, RV_DECISION, RV_ANSWER };

struct rv_line {
	int kind;
	size_t idx;          /* into the sheet's vector of that kind */
	char *text;
	int elem;
};

struct rv_priv {
	ap_review review;
	ap_review_accounts accounts;
	size_t cur;                  /* index into accounts of the account shown */
	long long cur_id;            /* its id, to find it again after a reload */
	review_sheet sheet;
	int loaded;
	struct rv_line *lines;
	size_t nlines, caplines;
};

static struct rv_priv *rv(struct view *v) { return v->priv; }

static void lines_free(struct rv_priv *p)
{
	for (size_t i = 0; i < p->nlines; i++)
		free(p->lines[i].text);
	p->nlines = 0;
}

static void add_line(struct rv_priv *p, int kind, size_t idx, int elem, char *text)
{
	if (p->nlines == p->caplines) {
		p->caplines = p->caplines ? p->caplines * 2 : 64;
		p->lines = xrealloc(p->lines, p->caplines * sizeof *p->lines);
	}
	p->lines[p->nlines++] = (struct rv_line){kind, idx, text, elem};
}

static void head(struct rv_priv *p, char *text) { add_line(p, RV_HEAD, 0, TH_LABEL, text); }

/* What changed, newest first, up to a screenful: the flags and actions
 * below are what the review is about; the rest is a count. */
#define RV_CHANGES_SHOWN 12

static void build_changes(struct rv_priv *p)
{
	const review_sheet *s = &p->sheet;
	size_t shown = s->changes.n < RV_CHANGES_SHOWN ? s->changes.n : RV_CHANGES_SHOWN;
	head(p, s->since ? xasprintf("What changed since its last review, %.10s (%zu)", s->since, s->changes.n)
	                 : xasprintf("Never reviewed: everything on record (%zu)", s->changes.n));
	if (shown < s->changes.n)
		add_line(p, RV_TEXT, 0, TH_DIM, xasprintf("  the newest %zu; %zu more before them", shown,
			s->changes.n - shown));
	for (size_t i = 0; i < shown; i++) {
		const ap_change *c = &s->changes.v[i];
		add_line(p, RV_CHANGE, i, TH_NORMAL,
			xasprintf("  %.10s  %-11s %-7s %s", c->at, c->kind, c->created ? "new" : "changed", c->what));
	}
	if (!s->changes.n)
		add_line(p, RV_TEXT, 0, TH_DIM, xstrdup("  nothing"));
}

static void build_flags(struct rv_priv *p)
{
	const review_sheet *s = &p->sheet;
	head(p, xasprintf("Open flags (%zu)", s->flags.n));
	for (size_t i = 0; i < s->flags.n; i++) {
		const rule_flag *f = &s->flags.v[i];
		ap_buf b = {0};
		buf_printf(&b, "  %-8s  %-9s  %s%s%s: ", ap_severities.names[f->severity], ap_tiers.names[f->tier], f->rule,
			f->question ? "/" : "", f->question ? f->question : "");
		/* Who has it in hand, before a message the width may cut. */
		if (f->hand_owner) {
			buf_puts(&b, "[");
			rule_flag_hand_text(f, &b);
			buf_puts(&b, "] ");
		}
		buf_puts(&b, f->message);
		add_line(p, RV_FLAG, i, theme_severity(f->severity), b.s);
	}
	if (!s->flags.n)
		add_line(p, RV_TEXT, 0, TH_DIM, xstrdup("  none"));
}

static void build_actions(struct rv_priv *p, const char *today)
{
	const review_sheet *s = &p->sheet;
	head(p, xasprintf("Open actions (%zu)", s->actions.n));
	for (size_t i = 0; i < s->actions.n; i++) {
		const ap_action *x = &s->actions.v[i];
		int late = strcmp(x->due, today) < 0;
		add_line(p, RV_ACTION, i, late ? theme_severity(SEV_WARN) : TH_NORMAL,
			xasprintf("  %s %-8s %-18s %s%s%s%s", x->due, late ? "overdue" : "", x->owner, x->title,
				*x->flag ? "  (flag " : "", x->flag, *x->flag ? ")" : ""));
	}
	if (!s->actions.n)
		add_line(p, RV_TEXT, 0, TH_DIM, xstrdup("  none"));
}

static void build_decisions(struct rv_priv *p)
{
	const review_sheet *s = &p->sheet;
	head(p, xasprintf("Decisions (%zu)", s->decisions.n));
	for (size_t i = 0; i < s->decisions.n; i++) {
		const ap_decision *d = &s->decisions.v[i];
		int now = d->review_id == p->review.id;
		add_line(p, RV_DECISION, i, TH_NORMAL,
			xasprintf("  %s  %s (%s)", now ? "this review" : d->review_date, d->text, *d->by ? d->by : "?"));
	}
	if (!s->decisions.n)
		add_line(p, RV_TEXT, 0, TH_DIM, xstrdup("  none yet: i records one"));
}

static void build_answers(struct rv_priv *p, const qbank *qb)
{
	const review_sheet *s = &p->sheet;
	head(p, xasprintf("Answers (%zu): y confirms the selected one still holds", s->answers.n));
	for (size_t i = 0; i < s->answers.n; i++) {
		const ap_answer *x = &s->answers.v[i];
		const qb_question *q = qbank_find(qb, x->question);
		char *one = brief_clip(x->value, 60);
		add_line(p, RV_ANSWER, i, TH_NORMAL,
			xasprintf("  %-28s %s  (%s, %s, %s)", q ? q->id : x->question, one,
				ap_sources.names[x->source], ap_confidences.names[x->confidence], x->date));
		free(one);
	}
}

static void build(struct view *v)
{
	struct rv_priv *p = rv(v);
	char today[11];
	ap_date_format(v->app->today, today);
	lines_free(p);
	/* What was agreed and who knows whom fit above the fold; the flags,
	 * however many, come after them. */
	build_changes(p);
	build_actions(p, today);
	build_decisions(p);
	head(p, xstrdup("Relationships"));
	add_line(p, RV_TEXT, 0, TH_NORMAL, xasprintf("  %s", p->sheet.relations ? p->sheet.relations : ""));
	build_flags(p);
	build_answers(p, &v->app->qb);
	v->lines = p->nlines;
}

/* The account to show: the one shown before, while it is still in the
 * review; else the first pending one from where we were. */
static int place(struct rv_priv *p, int *gone)
{
	*gone = 0;
	for (size_t i = 0; p->cur_id && i < p->accounts.n; i++)
		if (p->accounts.v[i].account_id == p->cur_id) {
			p->cur = i;
			return 1;
		}
	*gone = p->cur_id != 0;
	for (size_t k = 0; k < p->accounts.n; k++) {
		size_t i = (p->cur + k) % p->accounts.n;
		if (p->accounts.v[i].state == RSTATE_PENDING) {
			p->cur = i;
			p->cur_id = p->accounts.v[i].account_id;
			return 1;
		}
	}
	return 0;
}

static void release(struct rv_priv *p)
{
	ap_review_clear(&p->review);
	ap_vec_free(&p->accounts, ap_review_account_clear);
	if (p->loaded)
		review_sheet_free(&p->sheet);
	p->loaded = 0;
}

static int rv_open(struct view *v, ap_err *e)
{
	struct rv_priv *p = rv(v);
	struct app *a = v->app;
	long long was = p->cur_id;
	release(p);
	int gone = 0, rc = store_review_get(a->st, a->review, &p->review, e);
	if (!rc)
		rc = store_review_accounts(a->st, a->review, &p->accounts, e);
	if (!rc && !place(p, &gone)) {
		v->lines = 0;
		lines_free(p);
		return AP_OK;
	}
	if (!rc && gone)
		ui_message(a, "the account shown was removed meanwhile: skipped to the next one");
	if (!rc)
		rc = review_sheet_load(a->st, a->rules, &a->qb, &p->review, p->cur_id, a->today, &p->sheet, e);
	p->loaded = !rc;
	if (!rc) {
		build(v);
		if (was != p->cur_id) {
			v->sel = v->top = 0;
			if (a->acct.id != p->cur_id)
				ui_set_account(a, p->cur_id);
		}
	}
	return rc;
}

static void rv_done(struct view *v)
{
	struct rv_priv *p = rv(v);
	release(p);
	lines_free(p);
	free(p->lines);
	v->app->review = 0;
}

static void rv_title(struct view *v, char *buf, size_t n)
{
	struct rv_priv *p = rv(v);
	if (!p->loaded) {
		snprintf(buf, n, "Review %lld: every account seen", p->review.id);
		return;
	}
	ap_buf scope = {0};
	review_scope_text(&p->review, &scope);
	snprintf(buf, n, "Review %lld (%s) · %zu of %zu · %s (%s)%s", p->review.id, scope.s, p->cur + 1, p->accounts.n,
		p->sheet.acct.name, ap_segments.names[p->sheet.acct.segment],
		p->accounts.v[p->cur].state != RSTATE_PENDING ? " · already seen" : "");
	buf_free(&scope);
}

static void rv_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	const struct rv_line *l = &rv(v)->lines[row];
	draw_fill(y, x, w, selected ? TH_SELECTED : TH_NORMAL);
	draw_text(y, x + 1, w - 2, l->text, selected ? TH_SELECTED : l->elem);
}

/* ---- the steps of a review, each one write ---- */

struct rv_write {
	long long review, account;
	int state;
	char *text, *question;
};

static void rv_write_free(void *d)
{
	struct rv_write *w = d;
	free(w->text);
	free(w->question);
	free(w);
}

static int mark_save(struct app *a, void *d, ap_err *e)
{
	(void)a;
	struct rv_write *w = d;
	return store_review_mark(a->st, w->review, w->account, w->state, e);
}

static int decide_save(struct app *a, void *d, ap_err *e)
{
	struct rv_write *w = d;
	return store_review_decide(a->st, w->review, w->account, w->text, NULL, e);
}

static int confirm_save(struct app *a, void *d, ap_err *e)
{
	struct rv_write *w = d;
	char today[11];
	ap_date_format(a->today, today);
	return store_answer_confirm(a->st, w->account, w->question, w->review, today, e);
}

static struct rv_write *rv_write_new(struct rv_priv *p)
{
	struct rv_write *w = xcalloc(1, sizeof *w);
	w->review = p->review.id;
	w->account = p->cur_id;
	return w;
}

/* Every account seen: the review closes and review mode ends. */
static void finish(struct view *v)
{
	struct app *a = v->app;
	ap_err e = {0};
	char today[11];
	long long id = a->review;
	ap_review r = {0};
	ap_date_format(a->today, today);
	if (store_review_close(a->st, id, today, &e) || store_review_get(a->st, id, &r, &e)) {
		ui_error(a, &e);
		return;
	}
	ui_message(a, "review %lld complete: %lld reviewed, %lld skipped; its minutes: acctplan review show %lld", id,
		r.nreviewed, r.nskipped, id);
	ap_review_clear(&r);
	ui_pop(a);
}

/* Mark the account shown and go to the next pending one. */
static void step(struct view *v, int state)
{
	struct rv_priv *p = rv(v);
	struct app *a = v->app;
	char what[300];
	snprintf(what, sizeof what, "%s %s", p->sheet.acct.name, ap_rstates.names[state]);
	struct rv_write *w = rv_write_new(p);
	w->state = state;
	size_t from = p->cur;
	p->cur_id = 0;   /* after the write's reload, the next pending account */
	p->cur = p->accounts.n ? (from + 1) % p->accounts.n : 0;
	if (ui_write(a, w->account, what, mark_save, w, rv_write_free) != AP_OK) {
		p->cur = from;
		p->cur_id = p->accounts.n ? p->accounts.v[from].account_id : 0;
		return;
	}
	if (!v->lines && ui_top(a) == v)
		finish(v);
}

static void decide(struct view *v)
{
	struct rv_priv *p = rv(v);
	char *text = NULL;
	if (!input_line(v->app, "decision", "", &text) || !text[strspn(text, " \t")]) {
		free(text);
		return;
	}
	ap_err e = {0};
	if (ap_text_check("decision", text, 0, &e)) {
		ui_error(v->app, &e);
		free(text);
		return;
	}
	struct rv_write *w = rv_write_new(p);
	w->text = text;
	if (ui_write(v->app, w->account, "decision", decide_save, w, rv_write_free) != AP_OK)
		return;
	/* The decision just recorded, in sight: the last of the section. */
	for (size_t i = p->nlines; i-- > 0;)
		if (p->lines[i].kind == RV_DECISION) {
			view_select(v, i);
			break;
		}
}

/* The question of the selected row: an answer, or a flag about one. */
static const char *selected_question(struct rv_priv *p, long row)
{
	if (row < 0)
		return NULL;
	const struct rv_line *l = &p->lines[row];
	if (l->kind == RV_ANSWER)
		return p->sheet.answers.v[l->idx].question;
	if (l->kind == RV_FLAG)
		return p->sheet.flags.v[l->idx].question;
	return NULL;
}

static void confirm(struct view *v)
{
	struct rv_priv *p = rv(v);
	const char *q = selected_question(p, view_selected(v));
	if (!q) {
		ui_message(v->app, "select an answer (or a flag about one) to confirm it still holds");
		return;
	}
	struct rv_write *w = rv_write_new(p);
	w->question = xstrdup(q);
	/* The write reloads the sheet q points into: the message keeps its own copy. */
	char what[200], said[200];
	snprintf(what, sizeof what, "confirmation of %s", q);
	snprintf(said, sizeof said, "%s", q);
	if (ui_write(v->app, w->account, what, confirm_save, w, rv_write_free) == AP_OK)
		ui_message(v->app, "%s confirmed as still holding (its source and confidence kept)", said);
}

static const rule_flag *selected_flag(struct view *v)
{
	struct rv_priv *p = rv(v);
	long row = view_selected(v);
	if (row < 0 || p->lines[row].kind != RV_FLAG) {
		ui_message(v->app, "select a flag first");
		return NULL;
	}
	return &p->sheet.flags.v[p->lines[row].idx];
}

static int rv_key(struct view *v, int action, int key)
{
	(void)key;
	struct rv_priv *p = rv(v);
	if (!p->loaded && (action == ACT_REVIEW_NEXT || action == ACT_REVIEW_SKIP)) {
		finish(v);   /* resumed with every account seen: what is left is to close it */
		return 1;
	}
	if (!p->loaded)
		return 0;
	const rule_flag *f;
	switch (action) {
	case ACT_REVIEW_NEXT: step(v, RSTATE_REVIEWED); return 1;
	case ACT_REVIEW_SKIP: step(v, RSTATE_SKIPPED); return 1;
	case ACT_REVIEW_DECIDE: decide(v); return 1;
	case ACT_REVIEW_CONFIRM: confirm(v); return 1;
	case ACT_TAKE_ON:
	case ACT_SNOOZE:
		if (!(f = selected_flag(v)))
			return 1;
		rule_flag copy = *f;   /* the form's write reloads the sheet under it */
		copy.account = p->sheet.acct.name;
		if (action == ACT_TAKE_ON)
			view_flags_take_on(v->app, &copy);
		else
			view_flags_snooze(v->app, &copy);
		return 1;
	default: return 0;
	}
}

static void rv_detail(struct view *v, int y, int x, int h, int w)
{
	struct rv_priv *p = rv(v);
	long row = view_selected(v);
	if (row < 0 || !p->loaded)
		return;
	const struct rv_line *l = &p->lines[row];
	if (l->kind == RV_FLAG) {
		ui_draw_flag(&p->sheet.flags.v[l->idx], y, x + 1, w - 2, h);
		return;
	}
	view_draw_text(y, x + 1, w - 2, h, l->text + strspn(l->text, " "), TH_NORMAL);
}

static const int rv_hints[] = {ACT_REVIEW_NEXT, ACT_REVIEW_SKIP, ACT_REVIEW_DECIDE, ACT_REVIEW_CONFIRM, ACT_TAKE_ON,
	ACT_SNOOZE, ACT_CLOSE, ACT_HELP, ACT_NONE};

const struct view_ops view_review_ops = {
	.name = "review",
	.priv_size = sizeof(struct rv_priv),
	.open = rv_open,
	.draw_row = rv_draw_row,
	.draw_detail = rv_detail,
	.title = rv_title,
	.key = rv_key,
	.done = rv_done,
	.hints = rv_hints,
};
