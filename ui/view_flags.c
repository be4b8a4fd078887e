/* view_flags.c - every flag of the portfolio: the open ones most severe
 * first, then the snoozed ones, saying who snoozed them and until when. The
 * flags stay in the rules engine's compact result and are rendered one row
 * at a time, so a large portfolio costs no more than the rows on screen. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"
#include "app.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "recedit.h"
#include "theme.h"
#include "view.h"

#define SNOOZE_DAYS 30

struct flags_priv {
	rules_result *res;
	const rules_summary *sum;
	size_t *order;        /* rows: indices into res, the open flags first */
};

static struct flags_priv *fp(struct view *v) { return v->priv; }

static int flags_open(struct view *v, ap_err *e)
{
	struct flags_priv *p = fp(v);
	struct app *a = v->app;
	rules_result_free(&p->res);
	free(p->order);
	p->order = NULL;
	rules_query q = {0, a->today, -1, SEV_INFO, 1};
	int rc = rules_run(a->rules, a->st, &a->qb, &q, &p->res, e);
	v->lines = rc ? 0 : rules_result_count(p->res);
	p->sum = rc ? NULL : rules_result_summary(p->res);
	/* Open flags keep the engine's order; the snoozed ones follow in theirs. */
	p->order = xcalloc(v->lines ? v->lines : 1, sizeof *p->order);
	size_t k = 0;
	for (int snoozed = 0; snoozed < 2; snoozed++)
		for (size_t i = 0; i < v->lines; i++) {
			rule_flag_brief b;
			rules_result_brief(p->res, i, &b);
			if (b.snoozed == snoozed)
				p->order[k++] = i;
		}
	return rc;
}

static void flags_done(struct view *v)
{
	rules_result_free(&fp(v)->res);
	free(fp(v)->order);
	fp(v)->order = NULL;
}

/* "[snoozed until 2026-12-31 by Dana] " before a snoozed flag's message in a
 * row or a pick, so it shows however little of the message fits; "[in hand:
 * Bo until 2026-12-15] " before one someone has taken on; "" for the others. */
static const char *snooze_tag(const rule_flag *f, char *buf, size_t n)
{
	if (f->snoozed)
		snprintf(buf, n, "[snoozed until %s%s%s] ", f->snooze_until, *f->snooze_by ? " by " : "", f->snooze_by);
	else if (f->hand_owner)
		snprintf(buf, n, "[in hand: %s until %s] ", f->hand_owner, f->hand_due);
	else
		return "";
	return buf;
}

static const rule_flag *flag_at(struct view *v, size_t row)
{
	return fp(v)->res && row < v->lines ? rules_result_get(fp(v)->res, fp(v)->order[row]) : NULL;
}

static void flags_title(struct view *v, char *buf, size_t n)
{
	const rules_summary *s = fp(v)->sum;
	if (!s) {
		snprintf(buf, n, "Open flags");
		return;
	}
	snprintf(buf, n, "Open flags: %zu on %zu account%s (%zu critical, %zu high, %zu warn, %zu info; %zu snoozed, below)",
		s->total, s->accounts, s->accounts == 1 ? "" : "s", s->by_severity[SEV_CRITICAL], s->by_severity[SEV_HIGH],
		s->by_severity[SEV_WARN], s->by_severity[SEV_INFO], s->snoozed);
}

/* severity, account, tier, question, message; below 100 columns the tier
 * (in the detail below) gives its room to the message. */
static const int flags_widths[] = {8, 20, 9, 14, 0};
static const int flags_narrow[] = {8, 18, 0, 14, 0};

static const int *flags_cols(int w) { return w >= 100 ? flags_widths : flags_narrow; }

/* Cells without the columns of width 0 but the last. */
static int flags_cells(const int *widths, const char *const *text, struct draw_col *c)
{
	int n = 0;
	for (int i = 0; i < 5; i++)
		if (widths[i] || i == 4)
			c[n++] = (struct draw_col){text[i], widths[i]};
	return n;
}

static void flags_head(struct view *v, int y, int x, int w)
{
	(void)v;
	static const char *const names[] = {"severity", "account", "tier", "question", "flag"};
	struct draw_col c[5];
	int n = flags_cells(flags_cols(w), names, c);
	draw_fill(y, x, w, TH_HEADER);
	draw_columns(y, x, w, c, n, TH_HEADER);
}

static void flags_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	const rule_flag *f = flag_at(v, row);
	if (!f)
		return;
	const qb_question *q = f->question ? qbank_find(&v->app->qb, f->question) : NULL;
	char tag[160], message[512];
	snprintf(message, sizeof message, "%s%s", snooze_tag(f, tag, sizeof tag), f->message);
	const char *text[5] = {"", f->account, ap_tiers.names[f->tier], q ? q->label : f->question ? f->question : "",
		message};
	int el = selected ? TH_SELECTED : f->snoozed ? TH_DIM : TH_NORMAL;
	struct draw_col c[5];
	int n = flags_cells(flags_cols(w), text, c);
	draw_columns(y, x, w, c, n, el);
	draw_str(y, x + 1, flags_widths[0], ap_severities.names[f->severity], f->snoozed && !selected ? TH_DIM
		: theme_severity(f->severity));
	int aw = flags_cols(w)[1];   /* the account again, its number kept when it is cut */
	draw_fill(y, x + 3 + flags_widths[0], aw, el);
	draw_str_mid(y, x + 3 + flags_widths[0], aw, f->account, el);
}

static void flags_detail(struct view *v, int y, int x, int h, int w)
{
	long row = view_selected(v);
	const rule_flag *f = row >= 0 ? flag_at(v, (size_t)row) : NULL;
	if (!f)
		return;
	char head[512];
	snprintf(head, sizeof head, "%s: rule %s (%s)", f->account, f->rule, f->kind);
	draw_text(y, x + 1, w - 2, head, TH_LABEL);
	ui_draw_flag(f, y + 1, x + 1, w - 2, h - 1);
}

/* ---- snoozing ---- */

struct snooze_write {
	long long account;
	char *rule, *question, *until, *reason;
};

static void snooze_write_free(void *d)
{
	struct snooze_write *w = d;
	free(w->rule);
	free(w->question);
	free(w->until);
	free(w->reason);
	free(w);
}

static int snooze_save(struct app *a, void *d, ap_err *e)
{
	struct snooze_write *w = d;
	char today[11];
	ap_date_format(a->today, today);
	/* In a review, its minutes list the flags it snoozed: one transaction. */
	int rc = store_begin(a->st, e);
	if (!rc)
		rc = store_snooze_set(a->st, w->account, w->rule, w->question, w->until, w->reason, today, e);
	if (!rc && a->review)
		rc = store_review_snoozed(a->st, a->review, w->account, w->rule, w->question, e);
	if (rc) {
		store_rollback(a->st);
		return rc;
	}
	return store_commit(a->st, e);
}

/* The form's answers as a snooze of f: a date after today, and a reason
 * enough for f's severity (a critical flag's in words, as the CLI wants it). */
static int snooze_acceptable(struct app *a, const rule_flag *f, const struct form_field *fields, ap_err *e)
{
	long day = 0;
	int rc = ap_date_check("until", fields[0].value ? fields[0].value : "", &day, e);
	if (!rc && day <= a->today)
		rc = ap_fail(e, AP_EINPUT, "a snooze must end after today");
	return rc ? rc : rules_check_snooze_reason(f->rule, f->severity, "the reason",
		fields[1].value ? fields[1].value : "", e);
}

void view_flags_snooze(struct app *a, const rule_flag *f)
{
	char until[11], what[256];
	/* The form proposes a month ahead, or the last day acctplan keeps when
	 * that is nearer: a proposal the form would then refuse helps no one.
	 * A snoozed flag's form starts from its snooze. */
	long day;
	if (ap_date_add(a->today, SNOOZE_DAYS, &day) != 0)
		day = AP_DAY_LAST;
	ap_date_format(day, until);
	snprintf(what, sizeof what, "snoozed %s on %s", f->rule, f->account);
	const char *title = f->snoozed ? "re-snooze" : "snooze";
	ap_snooze shown = {.until = f->snoozed ? f->snooze_until : until, .reason = f->snoozed ? f->snooze_reason : NULL};
	/* The snooze's form, until then reason: the rest of the snooze is the flag's. */
	struct form_field fields[2];
	int n = recedit_fields(REC_SNOOZE, &shown, fields, 2);
	/* Refused answers are asked again, kept: a typed reason is never lost. */
	while (input_form(a, title, fields, n)) {
		ap_err e = {0};
		if (snooze_acceptable(a, f, fields, &e)) {
			ui_error(a, &e);
			continue;
		}
		struct snooze_write *w = xcalloc(1, sizeof *w);
		w->account = f->account_id;
		w->rule = xstrdup(f->rule);
		w->question = xstrdup(f->question ? f->question : "");
		w->until = fields[0].value;
		w->reason = fields[1].value;
		fields[0].value = fields[1].value = NULL;
		ui_write(a, w->account, what, snooze_save, w, snooze_write_free);
		break;
	}
	form_free(fields, n);
}

/* ---- taking a flag on: an action ---- */

static void set_str(char **slot, const char *v)
{
	free(*slot);
	*slot = xstrdup(v ? v : "");
}

/* Who takes the flag on unless the form says otherwise: the member holding
 * a contact of the flag's tier at the account, else you, when you are one of
 * ours; NULL for the form to ask. Caller frees. */
static char *default_owner(struct app *a, const rule_flag *f)
{
	ap_contacts cs = {0};
	ap_member m = {0};
	ap_err e;
	char *who = NULL;
	long long id;
	if (store_contact_list(a->st, f->account_id, &cs, &e) == AP_OK)
		for (size_t i = 0; !who && i < cs.n; i++)
			if (cs.v[i].owner && *cs.v[i].owner && cs.v[i].tier == f->tier)
				who = xstrdup(cs.v[i].owner);
	ap_vec_free(&cs, ap_contact_clear);
	if (!who && a->cfg.user_name && store_member_find(a->st, a->cfg.user_name, &id, &e) == AP_OK &&
	    store_rec_get(a->st, REC_MEMBER, 0, id, &m, &e) == AP_OK && m.active)
		who = xstrdup(m.name);
	ap_member_clear(&m);
	return who;
}

void view_flags_take_on(struct app *a, const rule_flag *f)
{
	ap_action *x = recedit_new(REC_ACTION);
	ap_members team = {0};
	ap_err sub;
	char due[11], what[256];
	long day;
	/* The worse the flag, the sooner: rules.ini [actions] says how soon. */
	if (ap_date_add(a->today, a->rules ? rules_due_days(a->rules, f->severity) : 14, &day) != 0)
		day = AP_DAY_LAST;
	ap_date_format(day, due);
	char *title = brief_clip(f->message, 100), *owner = default_owner(a, f);
	set_str(&x->title, title);
	set_str(&x->due, due);
	set_str(&x->owner, owner);
	set_str(&x->by, a->cfg.user_name);
	free(x->flag);
	x->flag = f->question ? xasprintf("%s/%s", f->rule, f->question) : xstrdup(f->rule);
	x->tier = f->tier;
	x->review_id = a->review;   /* agreed in the review being walked, for its minutes */
	free(title);
	free(owner);
	/* The owner is one of our members still with us, picked rather than typed. */
	(void)store_member_list(a->st, &team, &sub);
	const char **members = xcalloc(team.n + 1, sizeof *members);
	int nm = 0;
	for (size_t i = 0; i < team.n; i++)
		if (team.v[i].active)
			members[nm++] = team.v[i].name;
	struct form_field fields[RECEDIT_MAX];
	int n = recedit_fields(REC_ACTION, x, fields, RECEDIT_MAX);
	for (int i = 0; i < n && nm; i++)
		if (fields[i].field->off == offsetof(ap_action, owner)) {
			fields[i].kind = FF_CHOICE;
			fields[i].options = members;
			fields[i].noptions = nm;
		}
	snprintf(what, sizeof what, "action on %s for %s", f->rule, f->account);
	if (recedit_form(a, "take on", REC_ACTION, x, fields, n))
		recedit_save(a, REC_ACTION, f->account_id, x, what, NULL);
	else
		recedit_free(REC_ACTION, x);
	form_free(fields, n);
	free(members);
	ap_vec_free(&team, ap_member_clear);
}

void view_flags_snooze_pick(struct app *a, const char *qid)
{
	const rule_flag *mine[32];
	char label[32][320];
	const char *labels[32];
	int n = 0;
	for (size_t i = 0; i < a->flags.n && n < 32; i++) {
		const rule_flag *f = &a->flags.v[i];
		if (qid ? !f->question || strcmp(f->question, qid) != 0 : f->question != NULL)
			continue;
		/* A snoozed one is offered too, to change its snooze, saying whose it is. */
		char tag[160];
		snprintf(label[n], sizeof label[n], "%s%s", snooze_tag(f, tag, sizeof tag), f->message);
		labels[n] = label[n];
		mine[n++] = f;
	}
	if (n == 0) {
		ui_message(a, qid ? "no open flag on this question" : "no open flag on the account as a whole; "
			"flags on questions are snoozed from their pane");
		return;
	}
	int pick = n == 1 ? 0 : input_pick(a, "Snooze which flag?", labels, n, 0);
	if (pick >= 0)
		view_flags_snooze(a, mine[pick]);
}

/* The flag is rendered into storage the next row reuses, and the result
 * may be reloaded while the form is open: keep copies. */
static int flags_key(struct view *v, int action, int key)
{
	(void)key;
	long row = view_selected(v);
	const rule_flag *f = row >= 0 ? flag_at(v, (size_t)row) : NULL;
	if (!f || (action != ACT_ENTER && action != ACT_SNOOZE && action != ACT_TAKE_ON))
		return 0;
	if (action == ACT_SNOOZE || action == ACT_TAKE_ON) {
		rule_flag copy = *f;
		char **keep[] = {&copy.rule, &copy.account, &copy.question, &copy.message, &copy.snooze_until,
			&copy.snooze_reason, &copy.snooze_created, &copy.snooze_by};
		size_t nkeep = sizeof keep / sizeof keep[0];
		for (size_t i = 0; i < nkeep; i++)
			*keep[i] = *keep[i] ? xstrdup(*keep[i]) : NULL;
		if (action == ACT_SNOOZE)
			view_flags_snooze(v->app, &copy);
		else
			view_flags_take_on(v->app, &copy);
		for (size_t i = 0; i < nkeep; i++)
			free(*keep[i]);
		return 1;
	}
	char *qid = f->question ? xstrdup(f->question) : NULL;
	ui_jump(v->app, f->account_id, qid ? f->tier : -1, qid);
	free(qid);
	return 1;
}

static const int flags_hints[] = {ACT_ENTER, ACT_SNOOZE, ACT_TAKE_ON, ACT_CLOSE, ACT_HELP, ACT_NONE};

const struct view_ops view_flags_ops = {
	.name = "flags",
	.priv_size = sizeof(struct flags_priv),
	.open = flags_open,
	.draw_row = flags_draw_row,
	.draw_head = flags_head,
	.draw_detail = flags_detail,
	.title = flags_title,
	.key = flags_key,
	.done = flags_done,
	.hints = flags_hints,
	.enter_hint = "jump",
};
