/* view_accounts.c - the account list pane of the main screen.
 *
 * Only what is on screen is loaded: without a segment or tier filter the
 * pane keeps a window of rows around the visible ones (store_account_page)
 * and flag counts are evaluated for the accounts drawn, a screen of them in
 * one set-based evaluation, once each (flags.c caches them). A segment or tier filter needs every account to decide, so
 * then the matching accounts are held in memory, and the tier filter runs
 * one evaluation of the whole portfolio. */
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

struct acc_priv {
	char *text;            /* text filter, NULL when none */
	int segment;           /* -1: every segment */
	int tier;              /* -1: no tier filter; else accounts with open flags for it */
	int in_memory;         /* a segment or tier filter is on: `all` holds the matches */
	ap_accounts all;
	ap_accounts page;      /* otherwise: rows [page_first, page_first + page.n) */
	size_t page_first;
	int inited;
};

static struct acc_priv *ap_(struct view *v) { return v->priv; }

static void drop_rows(struct acc_priv *p)
{
	ap_vec_free(&p->all, ap_account_clear);
	ap_vec_free(&p->page, ap_account_clear);
	p->page_first = 0;
}

/* Every account matching the text, then kept when segment and tier agree. */
static int load_matching(struct view *v, ap_err *e)
{
	struct acc_priv *p = ap_(v);
	struct app *a = v->app;
	int rc = store_account_page(a->st, p->text, 0, (size_t)-1 / 2, &p->all, e);
	size_t k = 0;
	for (size_t i = 0; !rc && i < p->all.n; i++) {
		ap_account *acc = &p->all.v[i];
		int keep = p->segment < 0 || acc->segment == p->segment;
		if (keep && p->tier >= 0)
			keep = fc_has_tier_flags(a, acc->id, p->tier) == 1;
		if (keep)
			p->all.v[k++] = *acc;
		else
			ap_account_clear(acc);
	}
	if (!rc)
		p->all.n = k;
	return rc;
}

static const ap_account *row_account(struct view *v, size_t row)
{
	struct acc_priv *p = ap_(v);
	if (p->in_memory)
		return row < p->all.n ? &p->all.v[row] : NULL;
	if (row < p->page_first || row >= p->page_first + p->page.n)
		v->ops->fetch(v, row, 1);
	return row >= p->page_first && row < p->page_first + p->page.n ? &p->page.v[row - p->page_first] : NULL;
}

static void acc_fetch(struct view *v, size_t first, size_t n)
{
	struct acc_priv *p = ap_(v);
	if (p->in_memory || (first >= p->page_first && first + n <= p->page_first + p->page.n))
		return;
	/* A window three screens tall, so scrolling rarely goes to the store. */
	size_t want = n < 64 ? 64 : n, start = first > want ? first - want : 0;
	ap_vec_free(&p->page, ap_account_clear);
	ap_err e = {0};
	if (store_account_page(v->app->st, p->text, start, 3 * want, &p->page, &e))
		ui_error(v->app, &e);
	p->page_first = start;
}

static int lower_cmp(const char *x, const char *y)
{
	/* The store orders by SQL lower(): ASCII letters folded, bytes compared. */
	for (;; x++, y++) {
		unsigned char cx = (unsigned char)*x, cy = (unsigned char)*y;
		cx = cx >= 'A' && cx <= 'Z' ? cx + 32 : cx;
		cy = cy >= 'A' && cy <= 'Z' ? cy + 32 : cy;
		if (cx != cy || !cx)
			return cx - cy;
	}
}

/* The row of account acc in the list, -1 when the filters hide it. Paged
 * lists are searched by name, a handful of one-row reads. */
static long find_row(struct view *v, const ap_account *acc)
{
	struct acc_priv *p = ap_(v);
	if (p->in_memory) {
		for (size_t i = 0; i < p->all.n; i++)
			if (p->all.v[i].id == acc->id)
				return (long)i;
		return -1;
	}
	size_t lo = 0, hi = v->lines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		ap_accounts one = {0};
		ap_err e = {0};
		if (store_account_page(v->app->st, p->text, mid, 1, &one, &e) || one.n == 0) {
			ap_vec_free(&one, ap_account_clear);
			return -1;
		}
		int c = lower_cmp(one.v[0].name, acc->name);
		long long id = one.v[0].id;
		ap_vec_free(&one, ap_account_clear);
		if (c == 0)
			return id == acc->id ? (long)mid : -1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The current account follows the selection. */
static void acc_select(struct view *v)
{
	const ap_account *acc = v->lines ? row_account(v, v->sel) : NULL;
	long long id = acc ? acc->id : 0;
	if (id != v->app->acct.id)
		ui_set_account(v->app, id);
}

static int acc_open(struct view *v, ap_err *e)
{
	struct acc_priv *p = ap_(v);
	struct app *a = v->app;
	if (!p->inited) {
		p->segment = p->tier = -1;
		p->inited = 1;
	}
	drop_rows(p);
	p->in_memory = p->segment >= 0 || p->tier >= 0;
	int rc;
	if (p->in_memory) {
		rc = load_matching(v, e);
		v->lines = p->all.n;
	} else {
		long long n = 0;
		rc = store_account_count(a->st, p->text, &n, e);
		v->lines = (size_t)n;
	}
	if (rc)
		return rc;
	/* Keep the current account selected wherever it now sorts. */
	long row = a->acct.id ? find_row(v, &a->acct) : -1;
	if (row >= 0)
		v->sel = (size_t)row;
	else if (v->sel >= v->lines)
		v->sel = v->lines ? v->lines - 1 : 0;
	acc_select(v);
	return AP_OK;
}

static void acc_done(struct view *v)
{
	drop_rows(ap_(v));
	free(ap_(v)->text);
}

/* ---- rows: name, segment (when there is room), open flags by severity ---- */

/* Columns of the counts, most severe first; warn only when there is room. */
static const int count_sev[] = {SEV_CRITICAL, SEV_HIGH, SEV_WARN};
#define COUNT_W 4      /* "crit" over right-aligned numbers */
#define SEG_W 9        /* "strategic" */

struct acc_cols {
	int ncounts;       /* count columns shown */
	int counts_x;      /* first column of the counts, relative to the pane */
	int seg_x;         /* segment column, 0 when not shown */
	int name_w;
};

static struct acc_cols acc_layout(int w)
{
	struct acc_cols c = {w >= 36 ? 3 : 2, 0, 0, 0};
	int counts_w = c.ncounts * (COUNT_W + 1) - 1;
	c.counts_x = w - 1 - counts_w;
	if (w >= 46)
		c.seg_x = c.counts_x - 2 - SEG_W;
	c.name_w = (c.seg_x ? c.seg_x : c.counts_x) - 2;
	return c;
}

static void acc_draw_counts(const struct fc_summary *s, int y, int x, const struct acc_cols *c, int el)
{
	if (!s) {   /* not evaluated yet: the idle step fills it in */
		draw_right(y, x + c->counts_x, COUNT_W, "...", TH_DIM);
		return;
	}
	for (int k = 0; k < c->ncounts; k++) {
		int n = s->sev[count_sev[k]];
		char num[8] = "";
		if (n)
			snprintf(num, sizeof num, "%d", n > 999 ? 999 : n);
		draw_right(y, x + c->counts_x + k * (COUNT_W + 1), COUNT_W, num, n ? theme_severity(count_sev[k]) : el);
	}
}

static void acc_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	const ap_account *acc = row_account(v, row);
	int el = !selected ? TH_NORMAL : v->focused ? TH_SELECTED : TH_SELECTED_IDLE;
	draw_fill(y, x, w, el);
	if (!acc)
		return;
	struct acc_cols c = acc_layout(w);
	draw_str_mid(y, x + 1, c.name_w, acc->name, el);
	if (c.seg_x)
		draw_str(y, x + c.seg_x, SEG_W, ap_segments.names[acc->segment], selected ? el : TH_DIM);
	acc_draw_counts(fc_peek(&v->app->fc, acc->id), y, x, &c, el);
}

/* The pane's heading: its name and size, then the names of the columns. */
static void acc_draw_head(struct view *v, int y, int x, int w)
{
	int el = v->focused ? TH_HEADER_FOCUS : TH_HEADER;
	char head[64];
	snprintf(head, sizeof head, " Accounts  %zu", v->lines);
	draw_text(y, x, w, head, el);
	struct acc_cols c = acc_layout(w);
	if (c.name_w < draw_width(head))
		return;
	static const char *const names[] = {"crit", "high", "warn"};
	if (c.seg_x)
		draw_str(y, x + c.seg_x, SEG_W, "segment", el);
	for (int k = 0; k < c.ncounts; k++)
		draw_right(y, x + c.counts_x + k * (COUNT_W + 1), COUNT_W, names[k], el);
}

/* Evaluate the flags of the rows on screen that have none yet, all in one
 * set-based evaluation: a frame never waits for them, and a key pressed
 * before this step comes first. */
static int acc_idle(struct view *v)
{
	long long ids[256];
	size_t n = 0, end = v->top + (size_t)(v->h > 0 ? v->h : 0);
	for (size_t row = v->top; row < end && row < v->lines && n < sizeof ids / sizeof ids[0]; row++) {
		const ap_account *acc = row_account(v, row);
		if (acc && !fc_peek(&v->app->fc, acc->id))
			ids[n++] = acc->id;
	}
	/* A failed evaluation says why in the status line and is not retried in a loop. */
	return n > 0 && fc_fill(v->app, ids, n) == 0;
}

void view_accounts_filters(struct view *v, char *buf, size_t n)
{
	struct acc_priv *p = ap_(v);
	size_t len = 0;
	buf[0] = '\0';
	if (p->segment >= 0)
		len += (size_t)snprintf(buf + len, n - len, "  [segment %s]", ap_segments.names[p->segment]);
	if (p->tier >= 0 && len < n)
		len += (size_t)snprintf(buf + len, n - len, "  [open %s flags]", ap_tiers.names[p->tier]);
	if (p->text && len < n)
		snprintf(buf + len, n - len, "  [text '%s']", p->text);
}

static void refilter(struct view *v)
{
	ap_err e = {0};
	if (view_reload(v, &e))
		ui_error(v->app, &e);
	else if (!v->lines)
		ui_message(v->app, "no account matches; %s clears the filters",
			keymap_keys(ACT_FILTER_CLEAR, 0, (char[32]){0}, 32));
}

void view_accounts_show(struct view *v, long long id)
{
	struct acc_priv *p = ap_(v);
	ap_account acc = {0};
	ap_err e = {0};
	if (store_account_get_id(v->app->st, id, &acc, &e)) {
		ui_error(v->app, &e);
		return;
	}
	long row = find_row(v, &acc);
	if (row < 0) {   /* hidden by a filter: show everything */
		free(p->text);
		p->text = NULL;
		p->segment = p->tier = -1;
		refilter(v);
		row = find_row(v, &acc);
	}
	if (row >= 0)
		view_select(v, (size_t)row);
	ap_account_clear(&acc);
}

/* ---- account records ---- */

/* The refresh after the write then selects the new account. */
static void acc_added(struct app *a, const void *rec) { a->acct.id = ((const ap_account *)rec)->id; }

/* The list then selects the account now in its row. */
static void acc_removed(struct app *a, const void *rec)
{
	(void)rec;
	ui_set_account(a, 0);
}

/* Ask for an account, new or the current one changed in place. */
static void acc_form(struct view *v, int editing)
{
	struct app *a = v->app;
	if (editing && !a->acct.id)
		return;
	ap_account *r = editing ? recedit_dup(REC_ACCOUNT, &a->acct) : recedit_new(REC_ACCOUNT);
	if (!editing) {
		char today[11];
		ap_date_format(a->today, today);
		r->created = xstrdup(today);
	}
	if (recedit_form_of(a, editing ? "edit account" : "new account", REC_ACCOUNT, r)) {
		char what[160];
		snprintf(what, sizeof what, "account '%s'", r->name);
		recedit_save(a, REC_ACCOUNT, r->id, r, what, editing ? NULL : acc_added);
	} else {
		recedit_free(REC_ACCOUNT, r);
	}
}

/* What goes with an account, counted for the confirmation. */
static void removal_text(struct app *a, char *buf, size_t n)
{
	long long id = a->acct.id;
	ap_answers ans = {0};
	ap_contacts con = {0};
	ap_competitors comp = {0};
	ap_endcustomers ec = {0};
	ap_meetings mt = {0};
	ap_notes notes = {0};
	ap_err e = {0};
	store_answer_all(a->st, id, &ans, &e);
	store_contact_list(a->st, id, &con, &e);
	store_competitor_list(a->st, id, &comp, &e);
	store_endcustomer_list(a->st, id, &ec, &e);
	store_meeting_list(a->st, id, &mt, &e);
	store_note_list(a->st, id, &notes, &e);
	/* Only what there is: "3 answers (history included), 1 note" reads faster than a row of zeros. */
	const struct { size_t n; const char *one, *many; } what[] = {
		{ans.n, "answer (history included)", "answers (history included)"}, {con.n, "contact", "contacts"},
		{comp.n, "competitor", "competitors"}, {ec.n, "end customer", "end customers"},
		{mt.n, "meeting", "meetings"}, {notes.n, "note", "notes"},
	};
	size_t len = (size_t)snprintf(buf, n, "remove '%s' with its ", a->acct.name);
	for (size_t i = 0; i < sizeof what / sizeof what[0] && len < n; i++)
		if (what[i].n)
			len += (size_t)snprintf(buf + len, n - len, "%zu %s, ", what[i].n, what[i].n == 1 ? what[i].one : what[i].many);
	if (len < n)
		snprintf(buf + len, n - len, "snoozes and demand drivers? This cannot be undone.");
	ap_vec_free(&ans, ap_answer_clear);
	ap_vec_free(&con, ap_contact_clear);
	ap_vec_free(&comp, ap_competitor_clear);
	ap_vec_free(&ec, ap_endcustomer_clear);
	ap_vec_free(&mt, ap_meeting_clear);
	ap_vec_free(&notes, ap_note_clear);
}

static void acc_remove_ask(struct view *v)
{
	struct app *a = v->app;
	if (!a->acct.id)
		return;
	char q[512];
	removal_text(a, q, sizeof q);
	if (!input_confirm(a, "%s", q))
		return;
	char what[160];
	snprintf(what, sizeof what, "removed account '%s'", a->acct.name);
	recedit_remove(a, REC_ACCOUNT, a->acct.id, &a->acct, what, acc_removed);
}

/* ---- filters ---- */

static int acc_filter_key(struct view *v, int action)
{
	struct acc_priv *p = ap_(v);
	char *text;
	switch (action) {
	case ACT_FILTER:
		if (!input_line(v->app, "Filter accounts (name or industry)", p->text, &text))
			return 1;
		free(p->text);
		p->text = *text ? text : NULL;
		if (!*text)
			free(text);
		break;
	case ACT_FILTER_SEGMENT: p->segment = p->segment + 1 < SEGMENT_COUNT ? p->segment + 1 : -1; break;
	case ACT_FILTER_TIER: p->tier = p->tier + 1 < TIER_COUNT ? p->tier + 1 : -1; break;
	case ACT_FILTER_CLEAR:
		free(p->text);
		p->text = NULL;
		p->segment = p->tier = -1;
		break;
	default: return 0;
	}
	refilter(v);
	return 1;
}

static int acc_key(struct view *v, int action, int key)
{
	(void)key;
	switch (action) {
	case ACT_ADD: acc_form(v, 0); return 1;
	case ACT_EDIT: acc_form(v, 1); return 1;
	case ACT_REMOVE: acc_remove_ask(v); return 1;
	case ACT_SNOOZE:
		if (v->app->acct.id)
			view_flags_snooze_pick(v->app, NULL);   /* the flags its detail area shows */
		return 1;
	default: return acc_filter_key(v, action);
	}
}

/* ---- the detail area when the list has focus ---- */

void view_accounts_detail(struct view *v, int y, int x, int h, int w)
{
	struct app *a = v->app;
	draw_rule(y, x, w, a->acct.id ? a->acct.name : "Accounts", TH_BORDER, TH_HEADER);
	if (!a->acct.id) {
		draw_text(y + 1, x + 1, w - 2, v->lines ? "" : "No account yet: press a to add one, "
			"or run 'acctplan demo' for a sample portfolio.", TH_DIM);
		return;
	}
	char sum[128];
	struct fc_summary s = {0};
	ap_buf line = {0};
	fc_summarize(&a->flags, &s);
	buf_printf(&line, "%s, %s segment, since %s. %zu of %zu questions answered; %s.",
		*a->acct.industry ? a->acct.industry : "industry not recorded", ap_segments.names[a->acct.segment],
		a->acct.created, a->answers.n, a->qb.n, ui_flag_text(&s, sum, sizeof sum));
	/* As 'account show' says it: once there is any give or take, on a line
	 * of its own. */
	int lines = 2 + reciprocity_known(&a->give_take);
	if (lines > 2) {
		buf_puts(&line, "\nGive and take, 12 months: ");
		reciprocity_text(&a->give_take, &line);
		buf_puts(&line, ".");
	}
	int r = 1;
	r += draw_wrap(y + r, x + 1, w - 2, h - 1 > lines ? lines : h - 1, 0, line.s, TH_NORMAL);
	buf_free(&line);
	for (size_t i = 0; i < a->flags.n && r < h; i++)
		if (!a->flags.v[i].question)
			r += ui_draw_flag(&a->flags.v[i], y + r, x + 1, w - 2, h - r);
}

static const int acc_hints[] = {ACT_ENTER, ACT_ADD, ACT_EDIT, ACT_REMOVE, ACT_FILTER,
	ACT_FILTER_SEGMENT, ACT_FILTER_TIER, ACT_SNOOZE, ACT_NOTE, ACT_SEARCH, ACT_HELP, ACT_NONE};

const struct view_ops view_accounts_ops = {
	.name = "accounts",
	.priv_size = sizeof(struct acc_priv),
	.open = acc_open,
	.fetch = acc_fetch,
	.draw_row = acc_draw_row,
	.draw_head = acc_draw_head,
	.key = acc_key,
	.select = acc_select,
	.done = acc_done,
	.idle = acc_idle,
	.hints = acc_hints,
	.enter_hint = "questions",
};
