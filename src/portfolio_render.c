/* portfolio_render.c - the portfolio synthesis as text or Markdown, JSON and CSV. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/json.h"
#include "acctplan/portfolio.h"
#include "acctplan/relations.h"

/* Text lists name this many accounts, then say how many more (JSON lists all). */
#define PF_TEXT_NAMES 12

static const char *const trend_labels[TREND_COUNT + 1] = {"growing", "flat", "shrinking", "trend not recorded"};

/* "Acme, Beta and 3 more" */
static char *names(const portfolio *p, const pf_list *l)
{
	ap_buf b = {0};
	size_t shown = l->n > PF_TEXT_NAMES ? PF_TEXT_NAMES - 1 : l->n;
	for (size_t i = 0; i < shown; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == l->n ? " and " : ", ", p->acc[l->v[i]].name);
	if (shown < l->n)
		buf_printf(&b, " and %zu more", l->n - shown);
	return buf_steal(&b);
}

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

static char *figure(double v)
{
	char out[48];
	demand_format(v, out, sizeof out);
	return xstrdup(out);
}

/* ---- text and Markdown ---- */

static void industries_table(const portfolio *p, doc *d)
{
	static const char *const cols[] = {"Industry", "Accounts", "Growing", "Flat", "Shrinking", "Heard", "Desk", "Guess"};
	enum { NC = sizeof cols / sizeof cols[0] };
	char **cells = xcalloc(p->nind * NC, sizeof *cells);
	for (size_t k = 0; k < p->nind; k++) {
		const pf_industry *ind = &p->ind[k];
		char **row = cells + k * NC;
		row[0] = xstrdup(*ind->name ? ind->name : "(not recorded)");
		row[1] = xasprintf("%zu", ind->accounts.n);
		for (int t = 0; t < TREND_COUNT; t++)
			row[2 + t] = xasprintf("%zu", ind->trend[t].n);
		row[5] = xasprintf("%zu", ind->evidence[PF_HEARD].n);
		row[6] = xasprintf("%zu", ind->evidence[PF_DESK].n);
		row[7] = xasprintf("%zu", ind->evidence[PF_GUESS].n + ind->evidence[PF_UNANSWERED].n);
	}
	doc_table(d, cols, NC, (const char *const *)cells, p->nind);
	for (size_t i = 0; i < p->nind * NC; i++)
		free(cells[i]);
	free(cells);
}

static void industries_doc(const portfolio *p, doc *d)
{
	doc_heading(d, "End customers' industries");
	if (p->nind == 0) {
		doc_para(d, "No end customers recorded yet: nobody knows whom our customers sell to "
			"(acctplan endcustomer add).");
		return;
	}
	industries_table(p, d);
	doc_para(d, "Votes are accounts whose end customers in the industry are growing, flat or shrinking. "
		"Heard: the account's view rests on what customers said (a conversation or meeting); "
		"Desk: documents or research; Guess: an assumption or no answer at all.");
	for (size_t k = 0; k < p->nind; k++) {
		const pf_industry *ind = &p->ind[k];
		ap_buf b = {0};
		for (int t = 0; t <= TREND_COUNT; t++) {
			if (!ind->trend[t].n)
				continue;
			char *who = names(p, &ind->trend[t]);
			buf_printf(&b, "%s%s: %s", b.len ? "; " : "", trend_labels[t], who);
			free(who);
		}
		doc_item(d, "%s - %s", *ind->name ? ind->name : "(industry not recorded)", b.s ? b.s : "");
		buf_free(&b);
		for (int v = 0; v < PF_EVIDENCE_COUNT; v++) {
			if (!ind->evidence[v].n)
				continue;
			char *who = names(p, &ind->evidence[v]);
			doc_sub(d, "%s: %s", pf_evidence_label(v), who);
			free(who);
		}
	}
	if (p->without_end_customers)
		doc_para(d, "%zu account%s no end customers recorded.", p->without_end_customers,
			p->without_end_customers == 1 ? " has" : "s have");
}

static void choice_doc(const portfolio *p, doc *d, const pf_choice *c, const char *heading)
{
	doc_heading(d, "%s", heading);
	for (int i = 0; i < c->n; i++) {
		const pf_bucket *bk = &c->b[i];
		char *who = names(p, &bk->accounts);
		doc_item(d, "%s (%zu)%s%s", bk->name, bk->accounts.n, bk->accounts.n ? ": " : "", who);
		free(who);
	}
}

static void totals_line(doc *d, const demand_total *t, int sub)
{
	char *v[DEMAND_HORIZONS];
	for (int h = 0; h < DEMAND_HORIZONS; h++)
		v[h] = figure(t->ours[h]);
	const char *fmt = "%s %s now, %s in 2 years, %s in 5 years (%d account%s with a complete chain)";
	if (sub)
		doc_sub(d, fmt, v[0], t->unit, v[1], v[2], t->accounts, plural((size_t)t->accounts));
	else
		doc_item(d, fmt, v[0], t->unit, v[1], v[2], t->accounts, plural((size_t)t->accounts));
	for (int h = 0; h < DEMAND_HORIZONS; h++)
		free(v[h]);
}

/* "Voss (falling; growth not given), ..." for the unknown of a unit, as names() shortens. */
static char *unknown_names(const portfolio *p, const pf_weight *w)
{
	ap_buf b = {0};
	size_t n = w->unknown.n, shown = n > PF_TEXT_NAMES ? PF_TEXT_NAMES - 1 : n;
	for (size_t i = 0; i < shown; i++) {
		char *one = pf_unknown_text(p, &w->unknown.v[i]);
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", one);
		free(one);
	}
	if (shown < n)
		buf_printf(&b, " and %zu more", n - shown);
	return buf_steal(&b);
}

static void weighted_doc(const portfolio *p, doc *d)
{
	doc_para(d, "Weighted by the demand chain: each outlook's share of our implied demand today, "
		"per product unit (only like units are summed). An account whose demand driver misses a step "
		"or a product unit cannot be weighed: it counts as unknown.");
	if (p->nweights == 0)
		doc_item(d, "no account has a demand driver yet (acctplan driver add)");
	for (size_t u = 0; u < p->nweights; u++) {
		const pf_weight *w = &p->weights[u];
		ap_buf b = {0};
		/* Drivers without a unit make no line of their own: each says so in its reason. */
		if (*w->unit && !w->complete)
			buf_printf(&b, "%s: no complete chain", w->unit);
		else if (*w->unit) {
			char *now = figure(w->now);
			buf_printf(&b, "%s (%s now):", w->unit, now);
			free(now);
			for (int i = 0; i < p->outlook.n; i++)
				buf_printf(&b, "%s %s %.0f%%", i ? "," : "", p->outlook.b[i].name, pf_weight_share(w, i));
		}
		if (w->unknown.n) {
			char *who = unknown_names(p, w);
			buf_printf(&b, "%sunknown: %s", b.len ? "; " : "", who);
			free(who);
		}
		doc_item(d, "%s", b.s);
		buf_free(&b);
	}
}

static const char *chain_label(int chain)
{
	return chain == PF_CHAIN_MIXED ? "mixed" : chain >= 0 && chain < TREND_COUNT ? ap_trends.names[chain] : "none";
}

static void outlook_doc(const portfolio *p, doc *d)
{
	doc_heading(d, "Demand outlook");
	for (int i = 0; i < p->outlook.n; i++) {
		const pf_bucket *bk = &p->outlook.b[i];
		char *who = names(p, &bk->accounts);
		doc_item(d, "%s (%zu)%s%s", bk->name, bk->accounts.n, bk->accounts.n ? ": " : "", who);
		free(who);
		for (size_t u = 0; u < bk->demand.n; u++)
			totals_line(d, &bk->demand.v[u], 1);
	}
	weighted_doc(p, d);
	if (p->contradicting.n) {
		doc_para(d, "Stated outlook and the account's own demand chain disagree:");
		for (size_t i = 0; i < p->contradicting.n; i++) {
			const pf_account *a = &p->acc[p->contradicting.v[i]];
			doc_item(d, "%s says %s; its chain is %s", a->name, p->outlook.b[a->outlook].name, chain_label(a->chain));
		}
	}
}

static char *coverage_cell(const portfolio *p, const pf_coverage *c)
{
	char days[16];
	if (c->last < 0)
		snprintf(days, sizeof days, "never");
	else
		snprintf(days, sizeof days, "%ldd", p->today - c->last);
	/* Fixed widths, so the percentages line up down the column. */
	return xasprintf("%3d%% %3d%% %5s", pf_answered_pct(c), pf_fresh_pct(c), days);
}

static void coverage_summary(const portfolio *p, doc *d)
{
	for (int t = 0; t < TIER_COUNT; t++) {
		long q = 0, ans = 0, fresh = 0;
		size_t never = 0;
		for (size_t i = 0; i < p->nacc; i++) {
			q += p->acc[i].cov[t].questions;
			ans += p->acc[i].cov[t].answered;
			fresh += p->acc[i].cov[t].fresh;
			never += p->acc[i].cov[t].last < 0;
		}
		doc_item(d, "%s: %ld%% of questions answered, %ld%% fresh; %zu account%s never engaged", ap_tier_label(t),
			q ? (100 * ans + q / 2) / q : 0, q ? (100 * fresh + q / 2) / q : 0, never, plural(never));
	}
}

static void coverage_row(void *ctx, size_t i, char **cells)
{
	const portfolio *p = ctx;
	cells[0] = xstrdup(p->acc[i].name);
	for (int t = 0; t < TIER_COUNT; t++)
		cells[1 + t] = coverage_cell(p, &p->acc[i].cov[t]);
}

static void coverage_doc(const portfolio *p, doc *d)
{
	static const char *const cols[] = {"Account", "Sales", "Product", "Executive"};
	doc_heading(d, "Coverage");
	doc_para(d, "Per tier: share of its questions answered, share answered recently enough to be fresh "
		"(sales %d, product %d, executive %d days, as the stale rules say), and days since that tier's "
		"last engagement.", p->fresh_days[TIER_SALES], p->fresh_days[TIER_PRODUCT], p->fresh_days[TIER_EXEC]);
	doc_table_rows(d, cols, 4, p->nacc, coverage_row, (void *)p);
	coverage_summary(p, d);
}

/* ---- who holds the relationships ---- */

/* How many of the top carriers the synthesis names. */
#define PEOPLE_SHOWN 5

static void people_doc(const portfolio *p, doc *d)
{
	if (!p->has_members)
		return;
	doc_heading(d, "Who holds the relationships");
	doc_para(d, "Accounts whose every deep relationship (credible or better) one person holds:");
	if (!p->one_person.n)
		doc_item(d, "none");
	for (size_t i = 0; i < p->one_person.n; i++) {
		const pf_account *a = &p->acc[p->one_person.v[i]];
		const pf_person *m = pf_person_of(p, a->deep_owner);
		doc_item(d, "%s: %d with %s alone", a->name, a->deep, m ? m->name : "?");
	}
	doc_para(d, "Decision-makers nobody of ours knows beyond vendor:");
	if (!p->shallow.n)
		doc_item(d, "none");
	for (size_t i = 0; i < p->shallow.n; i++) {
		const pf_shallow *sh = &p->shallow.v[i];
		const pf_person *m = sh->owner ? pf_person_of(p, sh->owner) : NULL;
		doc_item(d, "%s at %s (%s, held by %s)", sh->contact, p->acc[sh->account].name,
			ap_name(&ap_levels, sh->level, "?"), m ? m->name : "nobody");
	}
	doc_para(d, "Who carries the most deep relationships:");
	for (size_t i = 0; i < p->people.n && i < PEOPLE_SHOWN; i++) {
		const pf_person *m = &p->people.v[i];
		doc_item(d, "%s (%s): %zu deep of %zu held, at %zu account%s", m->name, ap_name(&ap_tiers, m->tier, "?"),
			m->deep, m->held, m->accounts, plural(m->accounts));
	}
}

/* ---- which functions touch each account ---- */

/* The accounts function f does not touch, by name. */
static void untouched_by(const portfolio *p, int f, pf_list *out)
{
	for (size_t i = 0; i < p->nacc; i++)
		if (!(p->acc[i].functions & 1u << f))
			*ap_vec_push(out) = i;
}

/* What function f's row of the summary says: every account, none, or how
 * many and the ones it misses. Caller frees. */
static char *untouched_text(const portfolio *p, int f)
{
	pf_list none = {0};
	untouched_by(p, f, &none);
	char *text, *list = none.n && none.n < p->nacc ? names(p, &none) : NULL;
	if (!none.n)
		text = xasprintf("%s: touches every account", ap_functions.names[f]);
	else if (none.n == p->nacc)
		text = xasprintf("%s: touches no account", ap_functions.names[f]);
	else
		text = xasprintf("%s: touches %zu of %zu accounts; none at %s", ap_functions.names[f], p->nacc - none.n,
			p->nacc, list);
	free(list);
	free(none.v);
	return text;
}

static void functions_row(void *ctx, size_t i, char **cells)
{
	const portfolio *p = ctx;
	ap_buf on = {0};
	rel_functions_names(p->acc[i].functions, ", ", &on);
	cells[0] = xstrdup(p->acc[i].name);
	cells[1] = buf_steal(&on);
}

/* Per account, the functions touching it; then per function worth a look,
 * the accounts none of it touches (the table would repeat them per row). */
static void functions_doc(const portfolio *p, doc *d)
{
	static const char *const cols[] = {"Account", "Functions"};
	if (!p->has_members)
		return;
	doc_heading(d, "Who touches each account");
	doc_para(d, "Per account, the functions of ours that hold one of its contacts or sat in one of its held "
		"meetings in the last twelve months (active members only).");
	doc_table_rows(d, cols, 2, p->nacc, functions_row, (void *)p);
	doc_para(d, "Accounts no one of a function touches:");
	unsigned worth = rel_untouched(0);
	for (int f = 0; f < FUNCTION_COUNT; f++)
		if (worth & 1u << f) {
			char *line = untouched_text(p, f);
			doc_item(d, "%s", line);
			free(line);
		}
}

/* ---- actions ---- */

static void actions_doc(const portfolio *p, doc *d)
{
	if (!p->has_actions)
		return;
	doc_heading(d, "Open actions");
	for (int t = 0; t < TIER_COUNT; t++)
		doc_item(d, "%s: %zu open, %zu overdue", ap_tier_label(t), p->actions_open[t], p->actions_overdue[t]);
}

static void actions_json(json_w *w, const portfolio *p)
{
	if (!p->has_actions)
		return;
	jw_key(w, "actions");
	jw_obj(w);
	for (int t = 0; t < TIER_COUNT; t++) {
		jw_key(w, ap_tiers.names[t]);
		jw_obj(w);
		jw_kint(w, "open", (long long)p->actions_open[t]);
		jw_kint(w, "overdue", (long long)p->actions_overdue[t]);
		jw_obj_end(w);
	}
	jw_obj_end(w);
}

/* ---- revenue ---- */

/* "1,434,300.00 EUR (35%)", or "EUR and USD, no rate" for an account whose
 * currencies cannot be added up. */
static void account_amount(const portfolio *p, const pf_account *a, ap_buf *b)
{
	if (a->rev_state != PF_REV_ONE) {
		buf_puts(b, "several currencies, no rate to add them up");
		return;
	}
	revenue_amount(a->revenue, a->rev_currency, b);
	long long total;
	const char *cur;
	if (a->revenue > 0 && revenue_single(&p->revenue, &total, &cur) && total > 0 && !strcmp(cur, a->rev_currency))
		buf_printf(b, " (%.0f%%)", 100.0 * (double)a->revenue / (double)total);
}

/* "roadmap diverges from its customers'; demand outlook falling" */
static void risk_text(unsigned risk, ap_buf *b)
{
	for (int k = 0; k < PF_RISK_COUNT; k++)
		if (risk & (1u << k))
			buf_printf(b, "%s%s", b->len ? ", " : "", pf_risk_label(k));
}

/* "at risk: 1,434,300.00 EUR (35%)" */
static void part_text(const portfolio *p, const revenue *part, ap_buf *b)
{
	revenue_text(part, b);
	double pct = pf_revenue_share(p, part);
	if (!isnan(pct))
		buf_printf(b, " (%.0f%%)", pct);
}

static void revenue_top(const portfolio *p, doc *d)
{
	static const char *const cols[] = {"Account", "Revenue", "At risk"};
	enum { NC = sizeof cols / sizeof cols[0] };
	size_t n = p->by_revenue.n > PF_TEXT_NAMES ? PF_TEXT_NAMES : p->by_revenue.n;
	char **cells = xcalloc(n * NC + 1, sizeof *cells);
	for (size_t k = 0; k < n; k++) {
		const pf_account *a = &p->acc[p->by_revenue.v[k]];
		ap_buf amount = {0}, why = {0};
		account_amount(p, a, &amount);
		risk_text(a->risk, &why);
		cells[k * NC] = xstrdup(a->name);
		cells[k * NC + 1] = buf_steal(&amount);
		cells[k * NC + 2] = why.len ? buf_steal(&why) : xstrdup("-");
	}
	doc_table(d, cols, NC, (const char *const *)cells, n);
	for (size_t i = 0; i < n * NC; i++)
		free(cells[i]);
	free(cells);
	if (n < p->by_revenue.n)
		doc_para(d, "and %zu more account%s with orders.", p->by_revenue.n - n, plural(p->by_revenue.n - n));
}

static void revenue_doc(const portfolio *p, doc *d)
{
	doc_heading(d, "Revenue, %s to %s", p->revenue.from, p->revenue.to);
	if (!p->by_revenue.n) {
		doc_para(d, "No orders in the trailing twelve months (acctplan order add, or acctplan order import FILE.csv).");
		return;
	}
	ap_buf b = {0};
	revenue_text(&p->revenue, &b);
	doc_para(d, "%s from %zu account%s over the trailing twelve months; a quarter counts when it begins in them.",
		b.s, p->by_revenue.n, plural(p->by_revenue.n));
	buf_free(&b);
	revenue_top(p, d);
	static const char why[] = "whose roadmap diverges, who are catching up, whose outlook is falling, "
		"more of whose end customers shrink than grow, or whose orders diverge from their demand chain";
	b = (ap_buf){0};
	part_text(p, &p->at_risk, &b);
	if (p->risky.n)
		doc_para(d, "At risk: %s at %zu account%s %s.", b.s, p->risky.n, plural(p->risky.n), why);
	else
		doc_para(d, "At risk: nothing; no account with orders is one %s.", why);
	buf_free(&b);
	b = (ap_buf){0};
	for (int i = 0; i < p->outlook.n; i++) {
		double pct = pf_revenue_share(p, &p->rev_outlook[i]);
		if (isnan(pct))
			break;
		buf_printf(&b, "%s %s %.0f%%", i ? "," : "", p->outlook.b[i].name, pct);
	}
	if (b.len)
		doc_para(d, "Demand outlook weighted by revenue:%s.", b.s);
	else
		doc_para(d, "Demand outlook weighted by revenue: not given, the revenue is in several currencies "
			"(give their rates in config.ini [money]).");
	buf_free(&b);
}

static void jw_share(json_w *w, const char *key, double pct)
{
	char text[16];
	jw_key(w, key);
	if (isnan(pct)) {
		jw_null(w);
		return;
	}
	snprintf(text, sizeof text, "%.1f", pct);
	jw_number(w, text);
}

static void revenue_accounts_json(json_w *w, const portfolio *p)
{
	jw_key(w, "accounts");
	jw_arr(w);
	for (size_t k = 0; k < p->by_revenue.n; k++) {
		const pf_account *a = &p->acc[p->by_revenue.v[k]];
		char amount[32];
		jw_obj(w);
		jw_kstr(w, "account", a->name);
		jw_key(w, "amount");
		if (a->rev_state == PF_REV_ONE) {
			money_format(a->revenue, a->rev_currency, amount);
			jw_number(w, amount);
		} else {
			jw_null(w);
		}
		jw_kstr(w, "currency", a->rev_state == PF_REV_ONE ? a->rev_currency : NULL);
		long long total;
		const char *cur;
		int one = a->rev_state == PF_REV_ONE && revenue_single(&p->revenue, &total, &cur) && total > 0 &&
			!strcmp(cur, a->rev_currency);
		jw_share(w, "share_pct", one ? 100.0 * (double)a->revenue / (double)total : NAN);
		jw_key(w, "at_risk");
		jw_arr(w);
		for (int r = 0; r < PF_RISK_COUNT; r++)
			if (a->risk & (1u << r))
				jw_str(w, pf_risks.names[r]);
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void revenue_json_section(json_w *w, const portfolio *p)
{
	jw_key(w, "revenue");
	jw_obj(w);
	jw_key(w, "total");
	revenue_json(w, &p->revenue);
	jw_key(w, "at_risk");
	revenue_json(w, &p->at_risk);
	jw_share(w, "at_risk_pct", pf_revenue_share(p, &p->at_risk));
	jw_key(w, "by_outlook");
	jw_arr(w);
	for (int i = 0; i < p->outlook.n; i++) {
		jw_obj(w);
		jw_kstr(w, "outlook", p->outlook.b[i].name);
		jw_key(w, "revenue");
		revenue_json(w, &p->rev_outlook[i]);
		jw_share(w, "pct", pf_revenue_share(p, &p->rev_outlook[i]));
		jw_obj_end(w);
	}
	jw_arr_end(w);
	revenue_accounts_json(w, p);
	jw_obj_end(w);
}

/* ---- reviews ---- */

/* "key 90, strategic 90, growth 180": the segments with a cadence. */
static char *cadence_text(const portfolio *p)
{
	ap_buf b = {0};
	buf_puts(&b, "");
	for (int seg = 0; seg < SEGMENT_COUNT; seg++)
		if (p->review_days[seg])
			buf_printf(&b, "%s%s %d", b.len ? ", " : "", ap_segments.names[seg], p->review_days[seg]);
	return buf_steal(&b);
}

/* Shown once an account is past its cadence, as the open actions are once one is open. */
static void reviews_doc(const portfolio *p, doc *d)
{
	if (!p->unreviewed.n)
		return;
	char *cadence = cadence_text(p);
	doc_heading(d, "Reviews");
	doc_para(d, "%zu account%s not reviewed within their cadence (days: %s):", p->unreviewed.n,
		plural(p->unreviewed.n), cadence);
	for (size_t i = 0; i < p->unreviewed.n; i++) {
		const pf_account *a = &p->acc[p->unreviewed.v[i]];
		char day[11];
		if (a->reviewed)
			ap_date_format(a->reviewed, day);
		doc_item(d, "%s (%s): %s%s", a->name, ap_segments.names[a->segment],
			a->reviewed ? "last reviewed " : "never reviewed", a->reviewed ? day : "");
	}
	free(cadence);
}

static void reviews_json(json_w *w, const portfolio *p)
{
	if (!p->unreviewed.n)
		return;
	jw_key(w, "reviews");
	jw_obj(w);
	jw_key(w, "cadence_days");
	jw_obj(w);
	for (int seg = 0; seg < SEGMENT_COUNT; seg++) {
		jw_key(w, ap_segments.names[seg]);
		if (p->review_days[seg])
			jw_int(w, p->review_days[seg]);
		else
			jw_null(w);
	}
	jw_obj_end(w);
	jw_kint(w, "not_reviewed", (long long)p->unreviewed.n);
	jw_key(w, "accounts");
	jw_arr(w);
	for (size_t i = 0; i < p->unreviewed.n; i++) {
		const pf_account *a = &p->acc[p->unreviewed.v[i]];
		char day[11];
		jw_obj(w);
		jw_kstr(w, "account", a->name);
		jw_kstr(w, "segment", ap_segments.names[a->segment]);
		if (a->reviewed)
			ap_date_format(a->reviewed, day);
		jw_kstr(w, "last_reviewed", a->reviewed ? day : NULL);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

/* ---- the give and take ---- */

/* Shown once an account took more than it gave, as the reviews are. */
static void taking_doc(const portfolio *p, doc *d)
{
	if (!p->taking.n)
		return;
	doc_heading(d, "Accounts where we mostly take");
	doc_para(d, "%zu account%s gave us more than we gave them from %s to %s:", p->taking.n, plural(p->taking.n),
		p->xch_from, p->xch_to);
	for (size_t i = 0; i < p->taking.n; i++) {
		const pf_account *a = &p->acc[p->taking.v[i]];
		doc_item(d, "%s: %lld given, %lld taken", a->name, a->given, a->taken);
	}
}

static void taking_json(json_w *w, const portfolio *p)
{
	jw_key(w, "mostly_take");
	jw_obj(w);
	jw_kstr(w, "from", p->xch_from);
	jw_kstr(w, "to", p->xch_to);
	jw_key(w, "accounts");
	jw_arr(w);
	for (size_t i = 0; i < p->taking.n; i++) {
		const pf_account *a = &p->acc[p->taking.v[i]];
		jw_obj(w);
		jw_kstr(w, "account", a->name);
		jw_kint(w, "given", a->given);
		jw_kint(w, "taken", a->taken);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

void portfolio_doc(const portfolio *p, doc *d)
{
	char day[11];
	ap_date_format(p->today, day);
	doc_title(d, "Portfolio synthesis: %zu account%s, %s", p->nacc, plural(p->nacc), day);
	if (p->nacc == 0) {
		doc_para(d, "No accounts yet (acctplan account add NAME, or acctplan demo).");
		return;
	}
	industries_doc(p, d);
	choice_doc(p, d, &p->alignment, "Roadmap alignment with their customers");
	choice_doc(p, d, &p->posture, "Shaping their industry or catching up");
	outlook_doc(p, d);
	revenue_doc(p, d);
	coverage_doc(p, d);
	people_doc(p, d);
	functions_doc(p, d);
	actions_doc(p, d);
	reviews_doc(p, d);
	taking_doc(p, d);
}

/* ---- JSON ---- */

static void jw_names(json_w *w, const portfolio *p, const char *key, const pf_list *l)
{
	jw_key(w, key);
	jw_arr(w);
	for (size_t i = 0; i < l->n; i++)
		jw_str(w, p->acc[l->v[i]].name);
	jw_arr_end(w);
}

static void industries_json(json_w *w, const portfolio *p)
{
	jw_key(w, "end_industries");
	jw_arr(w);
	for (size_t k = 0; k < p->nind; k++) {
		const pf_industry *ind = &p->ind[k];
		jw_obj(w);
		jw_kstr(w, "industry", *ind->name ? ind->name : NULL);
		jw_names(w, p, "accounts", &ind->accounts);
		jw_key(w, "trends");
		jw_obj(w);
		for (int t = 0; t <= TREND_COUNT; t++)
			jw_names(w, p, t < TREND_COUNT ? ap_trends.names[t] : "unknown", &ind->trend[t]);
		jw_obj_end(w);
		jw_key(w, "evidence");
		jw_obj(w);
		for (int v = 0; v < PF_EVIDENCE_COUNT; v++)
			jw_names(w, p, pf_evidences.names[v], &ind->evidence[v]);
		jw_obj_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "accounts_without_end_customers");
	jw_arr(w);
	for (size_t i = 0; i < p->nacc; i++)
		if (!p->acc[i].has_end_customers)
			jw_str(w, p->acc[i].name);
	jw_arr_end(w);
}

static void totals_json(json_w *w, const char *key, const demand_totals *t)
{
	jw_key(w, key);
	jw_arr(w);
	for (size_t u = 0; u < t->n; u++) {
		jw_obj(w);
		jw_kstr(w, "unit", t->v[u].unit);
		jw_kreal(w, "now", t->v[u].ours[0]);
		jw_kreal(w, "in_2y", t->v[u].ours[1]);
		jw_kreal(w, "in_5y", t->v[u].ours[2]);
		jw_kint(w, "drivers", t->v[u].drivers);
		jw_kint(w, "accounts", t->v[u].accounts);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void choice_json(json_w *w, const portfolio *p, const pf_choice *c, int with_demand)
{
	jw_key(w, c->question);
	jw_arr(w);
	for (int i = 0; i < c->n; i++) {
		jw_obj(w);
		jw_kstr(w, "answer", i < c->n - 1 ? c->b[i].name : NULL);
		jw_names(w, p, "accounts", &c->b[i].accounts);
		if (with_demand)
			totals_json(w, "demand", &c->b[i].demand);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* An account the weighting cannot weigh: its name, its outlook and what its drivers miss. */
static void unknown_json(json_w *w, const portfolio *p, const pf_unknown *u)
{
	const pf_account *a = &p->acc[u->account];
	jw_obj(w);
	jw_kstr(w, "account", a->name);
	jw_kstr(w, "outlook", a->outlook >= 0 && a->outlook < p->outlook.n - 1 ? p->outlook.b[a->outlook].name : NULL);
	jw_key(w, "missing");
	jw_arr(w);
	for (int k = 0; k < DEMAND_STEPS; k++)
		if (u->missing & (1u << k))
			jw_str(w, demand_step_names[k]);
	if (u->missing & PF_NO_UNIT)
		jw_str(w, "product_unit");
	jw_arr_end(w);
	jw_obj_end(w);
}

static void outlook_json(json_w *w, const portfolio *p)
{
	choice_json(w, p, &p->outlook, 1);
	jw_key(w, "demand");
	jw_obj(w);
	jw_kstr(w, "note", "our implied demand from complete demand drivers, summed per product unit only");
	totals_json(w, "by_unit", &p->demand);
	jw_key(w, "outlook_share_pct");
	jw_arr(w);
	for (size_t u = 0; u < p->nweights; u++) {
		const pf_weight *wt = &p->weights[u];
		jw_obj(w);
		jw_kstr(w, "unit", *wt->unit ? wt->unit : NULL);
		for (int i = 0; i < p->outlook.n; i++)
			jw_kreal(w, i < p->outlook.n - 1 ? p->outlook.b[i].name : "not_answered", pf_weight_share(wt, i));
		jw_key(w, "unknown_accounts");
		jw_arr(w);
		for (size_t k = 0; k < wt->unknown.n; k++)
			unknown_json(w, p, &wt->unknown.v[k]);
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_kint(w, "incomplete_drivers", p->skipped.incomplete);
	jw_kint(w, "drivers_without_unit", p->skipped.unitless);
	jw_key(w, "accounts_of_unknown_weight");
	jw_arr(w);
	for (size_t i = 0; i < p->nacc; i++)
		if (p->acc[i].weight == PF_WEIGHT_UNKNOWN)
			jw_str(w, p->acc[i].name);
	jw_arr_end(w);
	jw_key(w, "contradicting");
	jw_arr(w);
	for (size_t i = 0; i < p->contradicting.n; i++) {
		const pf_account *a = &p->acc[p->contradicting.v[i]];
		jw_obj(w);
		jw_kstr(w, "account", a->name);
		jw_kstr(w, "outlook", p->outlook.b[a->outlook].name);
		jw_kstr(w, "chain", chain_label(a->chain));
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

static void coverage_json(json_w *w, const portfolio *p)
{
	jw_key(w, "coverage");
	jw_arr(w);
	for (size_t i = 0; i < p->nacc; i++) {
		jw_obj(w);
		jw_kstr(w, "account", p->acc[i].name);
		for (int t = 0; t < TIER_COUNT; t++) {
			const pf_coverage *c = &p->acc[i].cov[t];
			char day[11];
			jw_key(w, ap_tiers.names[t]);
			jw_obj(w);
			jw_kint(w, "questions", c->questions);
			jw_kint(w, "answered", c->answered);
			jw_kint(w, "fresh", c->fresh);
			jw_kint(w, "answered_pct", pf_answered_pct(c));
			jw_kint(w, "fresh_pct", pf_fresh_pct(c));
			if (c->last >= 0) {
				ap_date_format(c->last, day);
				jw_kstr(w, "last_engagement", day);
				jw_kint(w, "days_since", p->today - c->last);
			} else {
				jw_kstr(w, "last_engagement", NULL);
				jw_key(w, "days_since");
				jw_null(w);
			}
			jw_obj_end(w);
		}
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* "relationships", where the team has members: a store without them writes what it did before. */
static void people_json(json_w *w, const portfolio *p)
{
	if (!p->has_members)
		return;
	jw_key(w, "relationships");
	jw_obj(w);
	jw_key(w, "one_person");
	jw_arr(w);
	for (size_t i = 0; i < p->one_person.n; i++) {
		const pf_account *a = &p->acc[p->one_person.v[i]];
		const pf_person *m = pf_person_of(p, a->deep_owner);
		jw_obj(w);
		jw_kstr(w, "account", a->name);
		jw_kstr(w, "member", m ? m->name : "");
		jw_kint(w, "deep", a->deep);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "shallow_decision_makers");
	jw_arr(w);
	for (size_t i = 0; i < p->shallow.n; i++) {
		const pf_shallow *sh = &p->shallow.v[i];
		const pf_person *m = sh->owner ? pf_person_of(p, sh->owner) : NULL;
		jw_obj(w);
		jw_kstr(w, "account", p->acc[sh->account].name);
		jw_kstr(w, "contact", sh->contact);
		jw_kstr(w, "level", ap_name(&ap_levels, sh->level, "unknown"));
		jw_key(w, "owner");
		jw_str(w, m ? m->name : NULL);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "members");
	jw_arr(w);
	for (size_t i = 0; i < p->people.n; i++) {
		const pf_person *m = &p->people.v[i];
		jw_obj(w);
		jw_kstr(w, "name", m->name);
		jw_kstr(w, "tier", ap_name(&ap_tiers, m->tier, "?"));
		jw_kint(w, "held", (long long)m->held);
		jw_kint(w, "deep", (long long)m->deep);
		jw_kint(w, "accounts", (long long)m->accounts);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

/* "functions", where the team has members: per account those touching it
 * and those worth a look that do not; per such function, how many accounts
 * it touches and how many none of it does (which ones: the accounts'
 * none_from, not repeated here, so a large portfolio's document stays lean). */
static void functions_json(json_w *w, const portfolio *p)
{
	if (!p->has_members)
		return;
	size_t touched[FUNCTION_COUNT] = {0};
	jw_key(w, "functions");
	jw_obj(w);
	jw_key(w, "accounts");
	jw_arr(w);
	for (size_t i = 0; i < p->nacc; i++) {
		jw_obj(w);
		jw_kstr(w, "account", p->acc[i].name);
		rel_functions_json(w, "functions", p->acc[i].functions);
		rel_functions_json(w, "none_from", rel_untouched(p->acc[i].functions));
		jw_obj_end(w);
		for (int f = 0; f < FUNCTION_COUNT; f++)
			touched[f] += (p->acc[i].functions >> f) & 1u;
	}
	jw_arr_end(w);
	jw_key(w, "summary");
	jw_obj(w);
	unsigned worth = rel_untouched(0);
	for (int f = 0; f < FUNCTION_COUNT; f++) {
		if (!(worth & 1u << f))
			continue;
		jw_key(w, ap_functions.names[f]);
		jw_obj(w);
		jw_kint(w, "touches", (long long)touched[f]);
		jw_kint(w, "untouched", (long long)(p->nacc - touched[f]));
		jw_obj_end(w);
	}
	jw_obj_end(w);
	jw_obj_end(w);
}

void portfolio_json(const portfolio *p, FILE *f)
{
	json_w w;
	char day[11];
	/* Through memory a chunk at a time: the writer's many small writes
	 * would otherwise each take stdio's lock, and the whole document of a
	 * large portfolio is hundreds of megabytes. */
	ap_buf out = {0};
	ap_date_format(p->today, day);
	jw_init(&w, f, &out, 1);
	jw_obj(&w);
	jw_kstr(&w, "as_of", day);
	jw_kint(&w, "accounts", (long long)p->nacc);
	jw_key(&w, "fresh_days");
	jw_obj(&w);
	for (int t = 0; t < TIER_COUNT; t++)
		jw_kint(&w, ap_tiers.names[t], p->fresh_days[t]);
	jw_obj_end(&w);
	industries_json(&w, p);
	choice_json(&w, p, &p->alignment, 0);
	choice_json(&w, p, &p->posture, 0);
	outlook_json(&w, p);
	revenue_json_section(&w, p);
	coverage_json(&w, p);
	people_json(&w, p);
	functions_json(&w, p);
	actions_json(&w, p);
	reviews_json(&w, p);
	taking_json(&w, p);
	jw_obj_end(&w);
	(void)jw_end(&w, NULL);   /* nesting fixed at seven levels */
	buf_free(&out);
}

/* ---- CSV: the coverage table, with whether each account's demand can be weighed ---- */

void portfolio_csv(const portfolio *p, FILE *f)
{
	static const char *const cols[] = {"account", "tier", "questions", "answered", "fresh", "answered_pct",
		"fresh_pct", "last_engagement", "days_since_engagement", "demand_weight", "given_12m", "taken_12m"};
	out_csv w;
	out_csv_begin(&w, f, cols, (int)(sizeof cols / sizeof cols[0]));
	for (size_t i = 0; i < p->nacc; i++)
		for (int k = 0; k < TIER_COUNT; k++) {
			const pf_coverage *c = &p->acc[i].cov[k];
			char day[11];
			out_csv_cell(&w, p->acc[i].name, 1);
			out_csv_cell(&w, ap_tiers.names[k], 1);
			out_csv_int(&w, c->questions);
			out_csv_int(&w, c->answered);
			out_csv_int(&w, c->fresh);
			out_csv_int(&w, pf_answered_pct(c));
			out_csv_int(&w, pf_fresh_pct(c));
			if (c->last >= 0) {
				ap_date_format(c->last, day);
				out_csv_cell(&w, day, 1);
				out_csv_int(&w, p->today - c->last);
			} else {
				out_csv_cell(&w, NULL, 1);
				out_csv_cell(&w, NULL, 1);
			}
			/* The account's, on each of its rows: a script filtering by tier still sees it. */
			out_csv_cell(&w, pf_weight_states.names[p->acc[i].weight], 1);
			out_csv_int(&w, p->acc[i].given);
			out_csv_int(&w, p->acc[i].taken);
		}
	out_csv_end(&w);
}
