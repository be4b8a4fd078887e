/* view_actions.c - who does what by when: your open actions across the
 * portfolio, the current account's, or everyone's overdue ones (f cycles);
 * an action is added, edited, done (D) or dropped (X) from here. */
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

enum act_scope { SCOPE_MINE, SCOPE_ACCOUNT, SCOPE_OVERDUE, SCOPE_COUNT };
static const char *const scope_names[SCOPE_COUNT] = {"yours", "of the account", "overdue, everyone's"};

struct act_priv {
	ap_actions x;
	int scope, scope_set;
	long long me;              /* the acting member's id, 0 when not one of ours */
	struct recedit_list cols;
};

/* The listing's columns (due status account owner title tier flag contact
 * outcome reason closed by): the day, where it stands, whose, what. */
static const struct recedit_col act_cols[] = {{10, 0}, {8, 0}, {22, 0}, {16, 0}, {0, 0}, {RECEDIT_HIDDEN, 0},
	{24, 0}, {RECEDIT_HIDDEN, 0}, {RECEDIT_HIDDEN, 0}, {RECEDIT_HIDDEN, 0}, {RECEDIT_HIDDEN, 0},
	{RECEDIT_HIDDEN, 0}};
#define ACT_NCOLS ((int)(sizeof act_cols / sizeof act_cols[0]))

static struct act_priv *ap_(struct view *v) { return v->priv; }

/* Yours when you are one of ours, else the account's, else everyone's overdue. */
static int first_scope(struct view *v)
{
	struct act_priv *p = ap_(v);
	ap_err e;
	p->me = 0;
	if (v->app->cfg.user_name)
		(void)store_member_find(v->app->st, v->app->cfg.user_name, &p->me, &e);
	return p->me ? SCOPE_MINE : v->app->acct.id ? SCOPE_ACCOUNT : SCOPE_OVERDUE;
}

static int act_open(struct view *v, ap_err *e)
{
	struct act_priv *p = ap_(v);
	char today[11];
	ap_date_format(v->app->today, today);
	if (!p->scope_set) {
		p->scope = first_scope(v);
		p->scope_set = 1;
	}
	store_action_query q = {0, 0, ASTATUS_OPEN, NULL};
	if (p->scope == SCOPE_MINE)
		q.owner = p->me ? p->me : -1;
	else if (p->scope == SCOPE_ACCOUNT)
		q.account = v->app->acct.id ? v->app->acct.id : -1;
	else
		q.due_before = today;
	ap_vec_free(&p->x, ap_action_clear);
	int rc = store_action_list(v->app->st, &q, &p->x, e);
	v->lines = p->x.n;
	recedit_list(REC_ACTION, act_cols, ACT_NCOLS, &p->cols);
	return rc;
}

static void act_done(struct view *v) { ap_vec_free(&ap_(v)->x, ap_action_clear); }

static long long act_row_id(struct view *v, size_t row) { return ap_(v)->x.v[row].id; }

static void act_title(struct view *v, char *buf, size_t n)
{
	struct act_priv *p = ap_(v);
	snprintf(buf, n, "Actions, %s%s%s  (%zu open)  f: %s", scope_names[p->scope],
		p->scope == SCOPE_ACCOUNT ? ": " : "", p->scope == SCOPE_ACCOUNT ? v->app->acct.name : "", p->x.n,
		scope_names[(p->scope + 1) % SCOPE_COUNT]);
}

static void act_head(struct view *v, int y, int x, int w)
{
	const struct recedit_list *l = &ap_(v)->cols;
	draw_heading(y, x, w, l->head, l->width, l->n);
}

static void act_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	const ap_action *a = &ap_(v)->x.v[row];
	char today[11];
	ap_date_format(v->app->today, today);
	int late = strcmp(a->due, today) < 0;
	const struct recedit_list *l = &ap_(v)->cols;
	struct draw_col c[RECEDIT_MAX];
	for (int i = 0; i < l->n; i++) {
		c[i] = (struct draw_col){recedit_cell(l->f[i], a), l->width[i]};
		if (l->f[i]->off == offsetof(ap_action, status) && late)
			c[i].text = "overdue";
	}
	draw_columns(y, x, w, c, l->n, selected ? TH_SELECTED : late ? theme_severity(SEV_WARN) : TH_NORMAL);
}

/* An action new on the current account (cur NULL) or cur changed. */
static void act_form(struct view *v, const ap_action *cur)
{
	struct app *a = v->app;
	long long account = cur ? cur->account_id : a->acct.id;
	if (!account) {
		ui_message(a, "choose an account first: an action is work on one");
		return;
	}
	ap_action *x = cur ? recedit_dup(REC_ACTION, cur) : recedit_new(REC_ACTION);
	if (!cur) {
		char due[11];
		long day;
		if (ap_date_add(a->today, 7, &day) != 0)
			day = AP_DAY_LAST;
		ap_date_format(day, due);
		free(x->due);
		x->due = xstrdup(due);
		free(x->by);
		x->by = xstrdup(a->cfg.user_name ? a->cfg.user_name : "");
	}
	if (recedit_form_of(a, cur ? "edit action" : "new action", REC_ACTION, x)) {
		char what[200];
		snprintf(what, sizeof what, "action '%s'", x->title);
		recedit_save(a, REC_ACTION, account, x, what, NULL);
	} else {
		recedit_free(REC_ACTION, x);
	}
}

/* Done (with what it brought, if anything) or dropped (with why), today. */
static void act_close(struct view *v, const ap_action *cur, int status)
{
	struct app *a = v->app;
	char *text = NULL, today[11];
	int asked = status == ASTATUS_DONE ? input_line(a, "done; outcome (may be empty)", "", &text)
	                                   : input_line(a, "dropped; why", "", &text);
	while (asked && status == ASTATUS_DROPPED && !*text) {
		free(text);
		text = NULL;
		asked = input_line(a, "dropped; why (a reason is needed)", "", &text);
	}
	if (!asked) {
		free(text);
		return;
	}
	ap_action *x = recedit_dup(REC_ACTION, cur);
	ap_date_format(a->today, today);
	x->status = status;
	free(x->closed);
	x->closed = xstrdup(today);
	char **slot = status == ASTATUS_DONE ? &x->outcome : &x->reason;
	free(*slot);
	*slot = text;
	char what[200];
	snprintf(what, sizeof what, "action '%s' %s", x->title, ap_astatuses.names[status]);
	recedit_save(a, REC_ACTION, x->account_id, x, what, NULL);
}

static int act_key(struct view *v, int action, int key)
{
	(void)key;
	struct act_priv *p = ap_(v);
	long row = view_selected(v);
	const ap_action *x = row >= 0 ? &p->x.v[row] : NULL;
	ap_err e = {0};
	switch (action) {
	case ACT_FILTER:
		p->scope = (p->scope + 1) % SCOPE_COUNT;
		if (view_reload(v, &e))
			ui_error(v->app, &e);
		return 1;
	case ACT_ADD: act_form(v, NULL); return 1;
	case ACT_ENTER:
	case ACT_EDIT:
		if (x)
			act_form(v, x);
		return 1;
	case ACT_ACTION_DONE:
	case ACT_ACTION_DROP:
		if (x)
			act_close(v, x, action == ACT_ACTION_DONE ? ASTATUS_DONE : ASTATUS_DROPPED);
		return 1;
	default: return 0;
	}
}

/* The selected action in full: its account, flag, contact and who made it. */
static void act_detail(struct view *v, int y, int x, int h, int w)
{
	long row = view_selected(v);
	if (row < 0)
		return;
	const ap_action *a = &ap_(v)->x.v[row];
	char text[1024];
	snprintf(text, sizeof text, "%s: %s, due %s, %s's (%s work)%s%s%s%s; added by %s", a->account, a->title, a->due,
		a->owner, ap_name(&ap_tiers, a->tier, "nobody's"), *a->flag ? "; answers the flag " : "", a->flag,
		*a->contact ? "; about " : "", a->contact, *a->by ? a->by : "nobody recorded");
	view_draw_text(y, x + 1, w - 2, h, text, TH_NORMAL);
}

static const int act_hints[] = {ACT_ACTION_DONE, ACT_ACTION_DROP, ACT_ADD, ACT_ENTER, ACT_FILTER, ACT_CLOSE,
	ACT_HELP, ACT_NONE};

const struct view_ops view_actions_ops = {
	.name = "actions",
	.priv_size = sizeof(struct act_priv),
	.open = act_open,
	.draw_row = act_draw_row,
	.draw_head = act_head,
	.draw_detail = act_detail,
	.title = act_title,
	.key = act_key,
	.done = act_done,
	.row_id = act_row_id,
	.hints = act_hints,
	.enter_hint = "edit",
};
