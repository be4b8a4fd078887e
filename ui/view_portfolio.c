/* view_portfolio.c - the executive synthesis on one screen: bar charts of
 * alignment, posture and demand outlook, the end-customer industries with
 * their trend votes, and below them a heat map of coverage, accounts by
 * tiers, coloured by how much of each tier's questions is answered and
 * fresh. The heat map is the view's list: move through it with the usual
 * keys (h/l or Tab across tiers); Enter opens the account at that tier.
 * The revenue key swaps the list for the accounts by revenue of the
 * trailing twelve months, bars to scale and the at-risk ones marked with
 * why; Enter jumps to them the same way. The advocacy key swaps it for who
 * can speak for us today (consent runs), how often each was asked lately,
 * those asked more than the reference_fatigue rule allows marked; Enter
 * jumps to their account. Under the charts, the accounts where we mostly
 * take. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/facts.h"
#include "acctplan/portfolio.h"
#include "acctplan/reciprocity.h"
#include "app.h"
#include "draw.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

#define LABEL_COLS 13     /* bucket names in the charts */
#define COUNT_COLS 6
#define INDUSTRY_COLS 22
#define NAME_COLS 28      /* account names in the heat map, at most */
#define MIN_HEAT_ROWS 5
#define AMOUNT_COLS 24    /* "12,345,678.00 EUR  25%" */
#define KIND_COLS 14      /* "advisory-board" */

/* What the list below the charts lists. */
enum pf_mode { PF_HEAT, PF_REVENUE, PF_ADVOCACY };

/* Fresh share of a tier's questions from which a cell shows good or fair. */
#define HEAT_GOOD 75
#define HEAT_FAIR 40

struct pf_priv {
	portfolio p;
	int built;
	int col;              /* the tier selected in the heat map */
	int placed;           /* the current account was selected once */
	int mode;             /* enum pf_mode */
	size_t *biggest;      /* industries, most accounts first */
	ap_advocacies adv;    /* who can speak for us today: each contact's newest record */
	int fatigue;          /* asked more than this often lately is too often; -1: no rule says */
};

static struct pf_priv *pp(struct view *v) { return v->priv; }

/* An industry and its size, for ordering the chart by size. */
struct sized {
	size_t accounts, index;
};

static int by_accounts(const void *x, const void *y)
{
	const struct sized *a = x, *b = y;
	if (a->accounts != b->accounts)
		return a->accounts > b->accounts ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

static void pf_release(struct pf_priv *p)
{
	if (p->built)
		portfolio_free(&p->p);
	p->built = 0;
	free(p->biggest);
	p->biggest = NULL;
	ap_vec_free(&p->adv, ap_advocacy_clear);
}

/* The account of a row of the heat map or the revenue list. */
static size_t account_at(const struct pf_priv *p, size_t row)
{
	return p->mode == PF_REVENUE ? p->p.by_revenue.v[row] : row;
}

/* The account id and name of a row of the list in force. */
static long long id_at(const struct pf_priv *p, size_t row)
{
	return p->mode == PF_ADVOCACY ? p->adv.v[row].account_id : p->p.acc[account_at(p, row)].id;
}

static const char *name_at(const struct pf_priv *p, size_t row)
{
	return p->mode == PF_ADVOCACY ? p->adv.v[row].account : p->p.acc[account_at(p, row)].name;
}

static size_t list_lines(const struct pf_priv *p)
{
	return p->mode == PF_ADVOCACY ? p->adv.n : p->mode == PF_REVENUE ? p->p.by_revenue.n : p->p.nacc;
}

static int pf_open(struct view *v, ap_err *e)
{
	struct pf_priv *p = pp(v);
	struct app *a = v->app;
	pf_opts o;
	pf_release(p);
	portfolio_opts(&o, a->rules, &a->cfg, a->today);
	int rc = portfolio_build(a->st, &a->qb, &o, &p->p, e);
	if (!rc)
		p->built = 1;
	if (!rc)
		rc = reciprocity_advocates(a->st, 0, -1, a->today, &p->adv, e);
	reciprocity_newest_per_contact(&p->adv);
	p->fatigue = rules_fatigue_times(a->rules);
	v->lines = rc ? 0 : list_lines(p);
	if (rc)
		return rc;
	struct sized *order = xcalloc(p->p.nind + 1, sizeof *order);
	for (size_t k = 0; k < p->p.nind; k++)
		order[k] = (struct sized){p->p.ind[k].accounts.n, k};
	if (p->p.nind > 1)
		qsort(order, p->p.nind, sizeof *order, by_accounts);
	p->biggest = xcalloc(p->p.nind + 1, sizeof *p->biggest);
	for (size_t k = 0; k < p->p.nind; k++)
		p->biggest[k] = order[k].index;
	free(order);
	if (!p->placed) {
		for (size_t i = 0; i < v->lines; i++)
			if (id_at(p, i) == a->acct.id)
				v->sel = i;
		p->col = a->cfg.user_tier >= 0 && a->cfg.user_tier < TIER_COUNT ? a->cfg.user_tier : 0;
		p->placed = 1;
	}
	return AP_OK;
}

static void pf_done(struct view *v) { pf_release(pp(v)); }

/* ---- charts ---- */

/* How a chart colours an answer: the good, the middling and the worrying. */
static int answer_elem(const char *option)
{
	static const struct { const char *option; int elem; } tone[] = {
		{"aligned", TH_CHART_GOOD}, {"unknown", TH_CHART_FAIR}, {"diverging", TH_CHART_POOR},
		{"shaping", TH_CHART_GOOD}, {"catching-up", TH_CHART_POOR},
		{"rising", TH_CHART_GOOD}, {"steady", TH_CHART_FAIR}, {"falling", TH_CHART_POOR},
	};
	for (size_t i = 0; i < sizeof tone / sizeof tone[0]; i++)
		if (strcmp(option, tone[i].option) == 0)
			return tone[i].elem;
	return TH_CHART_BAR;
}

/* Bar of count out of max in w columns; any count above zero shows. */
static int draw_bar(int y, int x, int w, size_t count, size_t max, char mark, int elem)
{
	int len = max && w > 0 ? (int)((count * (size_t)w + max - 1) / max) : 0;
	char bar[512];
	if (len > w)
		len = w;
	if (len > (int)sizeof bar - 1)
		len = (int)sizeof bar - 1;
	memset(bar, mark, (size_t)len);
	bar[len] = '\0';
	draw_str(y, x, len, bar, elem);
	return len;
}

static void draw_choice(const portfolio *p, const pf_choice *c, const char *title, int y, int x, int w)
{
	draw_text(y, x, w, title, TH_LABEL);
	for (int i = 0; i < c->n; i++) {
		const pf_bucket *b = &c->b[i];
		char count[16];
		int last = i == c->n - 1;
		snprintf(count, sizeof count, "%zu", b->accounts.n);
		draw_text(y + 1 + i, x, LABEL_COLS, b->name, last ? TH_DIM : TH_NORMAL);
		draw_bar(y + 1 + i, x + LABEL_COLS, w - LABEL_COLS - COUNT_COLS, b->accounts.n, p->nacc, '#',
			last ? TH_DIM : answer_elem(b->name));
		draw_right(y + 1 + i, x + w - COUNT_COLS, COUNT_COLS, count, TH_NORMAL);
	}
}

/* The outlook's share of our implied demand, for the first product unit
 * with a complete chain; below it, when there are any, the accounts whose
 * weight nobody knows, so the shares never read as the whole story.
 * Returns the rows drawn. */
static int draw_weighted(const portfolio *p, int y, int x, int w)
{
	const pf_weight *t = NULL;
	size_t units = 0;
	for (size_t u = 0; u < p->nweights; u++) {
		units += *p->weights[u].unit != '\0';
		if (!t && p->weights[u].complete)
			t = &p->weights[u];
	}
	ap_buf b = {0};
	if (!t) {
		draw_text(y, x, w, "Demand chain: no account has a complete one yet", TH_DIM);
	} else {
		char now[48];
		demand_format(t->now, now, sizeof now);
		buf_printf(&b, "By demand (%s %s now):", now, t->unit);
		for (int i = 0; i < p->outlook.n; i++)
			buf_printf(&b, "  %s %.0f%%", p->outlook.b[i].name, pf_weight_share(t, i));
		if (units > 1)
			buf_printf(&b, "  (+%zu other unit%s)", units - 1, units > 2 ? "s" : "");
		draw_text(y, x, w, b.s, TH_NORMAL);
	}
	if (!p->unknown) {
		buf_free(&b);
		return 1;
	}
	b.len = 0;
	buf_printf(&b, "Weight unknown:");
	for (size_t i = 0; i < p->nacc; i++)
		if (p->acc[i].weight == PF_WEIGHT_UNKNOWN) {
			pf_unknown u = {i, p->acc[i].missing};
			char *one = pf_unknown_text(p, &u);
			buf_printf(&b, "%s %s", b.s[b.len - 1] == ':' ? "" : ",", one);
			free(one);
		}
	draw_text(y + 1, x, w, b.s, TH_LABEL);
	buf_free(&b);
	return 2;
}

/* The outlook's share of the revenue of the trailing twelve months, when
 * there are orders. Returns the rows drawn. */
static int draw_revenue_weighted(const portfolio *p, int y, int x, int w)
{
	if (!p->by_revenue.n)
		return 0;
	ap_buf b = {0};
	buf_puts(&b, "By revenue (");
	revenue_text(&p->revenue, &b);
	buf_printf(&b, ", %s to %s):", p->revenue.from, p->revenue.to);
	for (int i = 0; i < p->outlook.n; i++) {
		double pct = pf_revenue_share(p, &p->rev_outlook[i]);
		if (isnan(pct)) {
			buf_puts(&b, "  not added up: no rate for every currency");
			break;
		}
		buf_printf(&b, "  %s %.0f%%", p->outlook.b[i].name, pct);
	}
	draw_text(y, x, w, b.s, TH_NORMAL);
	buf_free(&b);
	return 1;
}

/* The accounts that took more than they gave in the twelve months, the
 * most one-sided first (portfolio.h: taking). Returns the rows drawn. */
static int draw_taking(const portfolio *p, int y, int x, int w)
{
	if (!p->taking.n)
		return 0;
	ap_buf b = {0};
	buf_printf(&b, "We mostly take (%s to %s, given/taken):", p->xch_from, p->xch_to);
	for (size_t i = 0; i < p->taking.n; i++) {
		const pf_account *a = &p->acc[p->taking.v[i]];
		buf_printf(&b, "%s %s %lld/%lld", i ? "," : "", a->name, a->given, a->taken);
	}
	draw_text(y, x, w, b.s, TH_LABEL);
	buf_free(&b);
	return 1;
}

/* One industry: a bar stacked by trend votes, then the counts. */
static void draw_industry(const pf_industry *ind, size_t max, int y, int w)
{
	static const char marks[TREND_COUNT + 1] = {'+', '=', '-', '.'};
	static const int elems[TREND_COUNT + 1] = {TH_CHART_GOOD, TH_CHART_FAIR, TH_CHART_POOR, TH_DIM};
	enum { TAIL = 34 };
	char tail[96];
	int x0 = 1 + INDUSTRY_COLS + 1, barw = w - x0 - TAIL - 1, x = x0;
	draw_text(y, 1, INDUSTRY_COLS, *ind->name ? ind->name : "(not recorded)", TH_NORMAL);
	for (int t = 0; t <= TREND_COUNT; t++)
		x += draw_bar(y, x, barw - (x - x0), ind->trend[t].n, max, marks[t], elems[t]);
	snprintf(tail, sizeof tail, "%zu acct%s, %zu heard from customers", ind->accounts.n,
		ind->accounts.n == 1 ? "" : "s", ind->evidence[PF_HEARD].n);
	draw_text(y, w - TAIL, TAIL, tail, TH_NORMAL);
}

/* Draw the charts from row y; returns the first row below them. */
static int draw_charts(struct pf_priv *pv, int y, int rows, int cols)
{
	const portfolio *p = &pv->p;
	int tall = p->alignment.n;
	if (p->posture.n > tall)
		tall = p->posture.n;
	if (p->outlook.n > tall)
		tall = p->outlook.n;
	int block = 1 + tall + 1 + (p->unknown > 0) + (p->by_revenue.n > 0) + (p->taking.n > 0);
	if (rows - block < MIN_HEAT_ROWS + 1)
		return y;
	int cw = (cols - 2) / 3;
	draw_choice(p, &p->alignment, "Roadmap alignment", y, 1, cw - 2);
	draw_choice(p, &p->posture, "Shaping or catching up", y, 1 + cw, cw - 2);
	draw_choice(p, &p->outlook, "Demand outlook", y, 1 + 2 * cw, cw - 2);
	int below = draw_weighted(p, y + 1 + tall, 1, cols - 2);
	below += draw_revenue_weighted(p, y + 1 + tall + below, 1, cols - 2);
	draw_taking(p, y + 1 + tall + below, 1, cols - 2);
	y += block;
	rows -= block;
	/* The industries take what the heat map (its legend, heading and a row
	 * per account) leaves, and at least a third; the heat map keeps room for
	 * MIN_HEAT_ROWS accounts, or all of them when there are fewer. */
	int heat = 2 + (int)(p->nacc < (size_t)rows ? p->nacc : (size_t)rows);
	int keep = heat < MIN_HEAT_ROWS + 2 ? heat : MIN_HEAT_ROWS + 2;
	int room = rows - heat > rows / 3 ? rows - heat : rows / 3;
	if (room > rows - keep)
		room = rows - keep;
	if ((size_t)room > p->nind + 1)
		room = (int)p->nind + 1;
	if (p->nind == 0 || room < 2)
		return y;
	size_t shown = (size_t)room - 1, max = 0;
	for (size_t k = 0; k < shown; k++) {
		const pf_industry *ind = &p->ind[pv->biggest[k]];
		size_t votes = 0;
		for (int t = 0; t <= TREND_COUNT; t++)
			votes += ind->trend[t].n;
		max = votes > max ? votes : max;
	}
	/* The count is of the rows below it: all of them, or how many of how many. */
	char head[160];
	if (shown == p->nind)
		snprintf(head, sizeof head, "End-customer industries, all %zu, largest first: + growing = flat - shrinking",
			p->nind);
	else
		snprintf(head, sizeof head, "End-customer industries, %zu of %zu, largest first: + growing = flat - shrinking",
			shown, p->nind);
	draw_text(y, 1, cols - 2, head, TH_LABEL);
	for (size_t k = 0; k < shown; k++)
		draw_industry(&p->ind[pv->biggest[k]], max, y + 1 + (int)k, cols - 1);
	return y + 1 + (int)shown;
}

/* ---- the heat map ---- */

static int name_cols(int w) { return w / 3 < NAME_COLS ? w / 3 : NAME_COLS; }
/* The cells: one a tier, and where the team has members one more for who
 * holds the account's deep relationships. */
static int ncells(const portfolio *p) { return TIER_COUNT + (p->has_members != 0); }
/* Each cell, a blank column after the names. */
static int cell_cols(const portfolio *p, int w) { return (w - name_cols(w) - 3) / ncells(p); }

/* The heat map's heading: what a cell says (when there is a row for it),
 * then the tiers over their cells. Returns the rows used. */
static int heat_head(const portfolio *p, int y, int x, int w, int legend)
{
	int nw = name_cols(w), cw = cell_cols(p, w);
	if (legend)
		draw_text(y++, x + 1, w - 2, p->has_members ? "Coverage per tier: % answered, % fresh, days since last met;"
			" deep relationships (credible or better) and who holds them" :
			"Coverage per tier: % answered, % fresh, days since last met", TH_LABEL);
	draw_fill(y, x, w, TH_HEADER);
	draw_text(y, x + 1, nw, "Account", TH_HEADER);
	for (int t = 0; t < TIER_COUNT; t++)
		draw_text(y, x + 2 + nw + t * cw, cw - 1, ap_tier_label(t), TH_HEADER);
	if (p->has_members)
		draw_text(y, x + 2 + nw + TIER_COUNT * cw, cw - 1, "Deep relationships", TH_HEADER);
	return legend ? 2 : 1;
}

/* An account none of ours knows at depth, or that rests on one person, stands out. */
static void deep_cell(const portfolio *p, const pf_account *acc, int y, int x, int w, int selected)
{
	char cell[160];
	const pf_person *one = acc->deep_owner > 0 ? pf_person_of(p, acc->deep_owner) : NULL;
	if (!acc->deep)
		snprintf(cell, sizeof cell, "none");
	else if (one)
		snprintf(cell, sizeof cell, "%d by %s", acc->deep, one->name);
	else
		snprintf(cell, sizeof cell, "%d by several", acc->deep);
	draw_text(y, x, w, cell, selected ? TH_SELECTED : !acc->deep || one ? TH_CHART_POOR : TH_CHART_GOOD);
}

static int heat_elem(const pf_coverage *c)
{
	int fresh = pf_fresh_pct(c);
	return fresh >= HEAT_GOOD ? TH_CHART_GOOD : fresh >= HEAT_FAIR ? TH_CHART_FAIR : TH_CHART_POOR;
}

static void heat_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct pf_priv *p = pp(v);
	const pf_account *acc = &p->p.acc[row];
	int nw = name_cols(w), cw = cell_cols(&p->p, w);
	draw_fill(y, x, w, TH_NORMAL);
	draw_fill(y, x + 1, nw, selected ? TH_SELECTED : TH_NORMAL);
	draw_str_mid(y, x + 1, nw, acc->name, selected ? TH_SELECTED : TH_NORMAL);
	for (int t = 0; t < TIER_COUNT; t++) {
		const pf_coverage *c = &acc->cov[t];
		char cell[64], met[16];
		if (c->last < 0)
			snprintf(met, sizeof met, "never");
		else
			snprintf(met, sizeof met, "%ldd", p->p.today - c->last);
		snprintf(cell, sizeof cell, "%3d%% %3d%% %6s", pf_answered_pct(c), pf_fresh_pct(c), met);
		draw_text(y, x + 2 + nw + t * cw, cw - 1, cell, selected && t == p->col ? TH_SELECTED : heat_elem(c));
	}
	if (p->p.has_members)
		deep_cell(&p->p, acc, y, x + 2 + nw + TIER_COUNT * cw, cw - 1, 0);
}

/* ---- the accounts by revenue ---- */

static int revenue_head(const portfolio *p, int y, int x, int w, int legend)
{
	int nw = name_cols(w);
	if (legend) {
		ap_buf b = {0};
		buf_printf(&b, "Revenue %s to %s, largest first. At risk: ", p->revenue.from, p->revenue.to);
		revenue_text(&p->at_risk, &b);
		double pct = pf_revenue_share(p, &p->at_risk);
		if (!isnan(pct))
			buf_printf(&b, " (%.0f%%)", pct);
		buf_printf(&b, " at %zu account%s", p->risky.n, p->risky.n == 1 ? "" : "s");
		draw_text(y++, x + 1, w - 2, b.s, TH_LABEL);
		buf_free(&b);
	}
	draw_fill(y, x, w, TH_HEADER);
	draw_text(y, x + 1, nw, "Account", TH_HEADER);
	draw_text(y, x + 2 + nw, w - nw - 3, "Revenue, share, and why it is at risk", TH_HEADER);
	return legend ? 2 : 1;
}

/* Bars are to the scale of the largest amount in the same currency. */
static long long largest_in(const portfolio *p, const char *currency)
{
	for (size_t k = 0; k < p->by_revenue.n; k++) {
		const pf_account *a = &p->acc[p->by_revenue.v[k]];
		if (a->rev_state == PF_REV_ONE && !strcmp(a->rev_currency, currency))
			return a->revenue;
	}
	return 0;
}

static void revenue_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct pf_priv *p = pp(v);
	const pf_account *acc = &p->p.acc[account_at(p, row)];
	int nw = name_cols(w), x0 = x + 2 + nw, rest = w - nw - 3;
	int barw = rest / 5, risky = acc->risk != 0, elem = risky ? TH_CHART_POOR : TH_NORMAL;
	draw_fill(y, x, w, TH_NORMAL);
	draw_fill(y, x + 1, nw, selected ? TH_SELECTED : TH_NORMAL);
	draw_str_mid(y, x + 1, nw, acc->name, selected ? TH_SELECTED : TH_NORMAL);
	ap_buf b = {0};
	if (acc->rev_state == PF_REV_ONE) {
		long long max = largest_in(&p->p, acc->rev_currency), total;
		const char *cur;
		draw_bar(y, x0, barw, acc->revenue > 0 ? (size_t)acc->revenue : 0, max > 0 ? (size_t)max : 0, '#',
			risky ? TH_CHART_POOR : TH_CHART_BAR);
		revenue_amount(acc->revenue, acc->rev_currency, &b);
		if (revenue_single(&p->p.revenue, &total, &cur) && total > 0 && !strcmp(cur, acc->rev_currency))
			buf_printf(&b, " %3.0f%%", 100.0 * (double)acc->revenue / (double)total);
		draw_right(y, x0 + barw + 1, AMOUNT_COLS, b.s, elem);
	} else {
		draw_text(y, x0, barw + 1 + AMOUNT_COLS, "several currencies, no rate", elem);
	}
	b.len = 0;
	const char *sep = "";
	for (int k = 0; k < PF_RISK_COUNT; k++)
		if (acc->risk & (1u << k)) {
			buf_printf(&b, "%s%s", sep, pf_risk_label(k));
			sep = ", ";
		}
	int xr = x0 + barw + 2 + AMOUNT_COLS;
	if (b.len)
		draw_text(y, xr, x + w - xr - 1, b.s, elem);
	buf_free(&b);
}

/* ---- who can speak for us ---- */

/* The contact's and the account's columns: the rest says what matters at 80. */
static int contact_cols(int w) { return w / 4 < NAME_COLS ? w / 4 : NAME_COLS; }
static int account_cols(int w) { return w / 5 < NAME_COLS ? w / 5 : NAME_COLS; }

static int advocacy_head(const struct pf_priv *p, int y, int x, int w, int legend)
{
	int nw = account_cols(w), cw = contact_cols(w);
	if (legend) {
		char line[200];
		if (p->fatigue >= 0)
			snprintf(line, sizeof line, "Who can speak for us today (consent runs); asked more than %d times in "
				"%d days is too often (reference_fatigue)", p->fatigue, FACT_ASKED_DAYS);
		else
			snprintf(line, sizeof line, "Who can speak for us today (consent runs), and how often each was asked "
				"in %d days", FACT_ASKED_DAYS);
		draw_text(y++, x + 1, w - 2, line, TH_LABEL);
	}
	draw_fill(y, x, w, TH_HEADER);
	draw_text(y, x + 1, cw, "Contact", TH_HEADER);
	draw_text(y, x + 2 + cw, nw, "Account", TH_HEADER);
	char rest[96];
	snprintf(rest, sizeof rest, "Kind, last asked, times asked in %d days, consent until", FACT_ASKED_DAYS);
	draw_text(y, x + 3 + cw + nw, w - cw - nw - 4, rest, TH_HEADER);
	return legend ? 2 : 1;
}

static void advocacy_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct pf_priv *p = pp(v);
	const ap_advocacy *r = &p->adv.v[row];
	int nw = account_cols(w), cw = contact_cols(w), tired = p->fatigue >= 0 && r->asked > p->fatigue;
	char rest[160];
	int rw = w - cw - nw - 4, n = snprintf(rest, sizeof rest, "%-*s %s  %2lld%-11s", KIND_COLS,
		ap_name(&ap_advkinds, r->kind, "?"), r->date, r->asked, tired ? "  too often" : "");
	/* The consent last, where there is room for all of it: on a narrow
	 * screen it is what gives way. */
	if (n > 0 && n + 12 <= rw && (size_t)n < sizeof rest)
		snprintf(rest + n, sizeof rest - (size_t)n, "  %s", r->consent_until);
	draw_fill(y, x, w, TH_NORMAL);
	draw_fill(y, x + 1, cw, selected ? TH_SELECTED : TH_NORMAL);
	draw_str_mid(y, x + 1, cw, r->contact, selected ? TH_SELECTED : TH_NORMAL);
	draw_str_mid(y, x + 2 + cw, nw, r->account, TH_NORMAL);
	draw_text(y, x + 3 + cw + nw, rw, rest, tired ? TH_CHART_POOR : TH_NORMAL);
}

static void pf_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	switch (pp(v)->mode) {
	case PF_REVENUE: revenue_row(v, row, y, x, w, selected); break;
	case PF_ADVOCACY: advocacy_row(v, row, y, x, w, selected); break;
	default: heat_row(v, row, y, x, w, selected); break;
	}
}

/* Swap the list for mode (back to the heat map when it is shown already),
 * keeping the selected account when the other list has it. */
static void toggle_list(struct view *v, int mode)
{
	struct pf_priv *p = pp(v);
	long row = view_selected(v);
	long long id = row >= 0 ? id_at(p, (size_t)row) : 0;
	p->mode = p->mode == mode ? PF_HEAT : mode;
	v->lines = list_lines(p);
	v->top = v->sel = 0;
	for (size_t i = 0; id && i < v->lines; i++)
		if (id_at(p, i) == id) {
			view_select(v, i);
			break;
		}
}

static void pf_title(struct view *v, char *buf, size_t n)
{
	struct pf_priv *p = pp(v);
	char day[11];
	long row = view_selected(v);
	ap_date_format(p->p.today, day);
	static const char *const empty[] = {[PF_HEAT] = "no accounts",
		[PF_REVENUE] = "no orders in the last twelve months",
		[PF_ADVOCACY] = "nobody can speak for us today (no consent runs)"};
	if (row < 0)
		snprintf(buf, n, "Portfolio synthesis, %s: %s", day, empty[p->mode]);
	else
		snprintf(buf, n, "Portfolio synthesis, %s: %zu accounts  (Enter: %s at %s)", day, p->p.nacc,
			name_at(p, (size_t)row), ap_tiers.names[p->col]);
}

static void pf_draw(struct view *v)
{
	struct app *a = v->app;
	struct pf_priv *p = pp(v);
	char title[512];
	pf_title(v, title, sizeof title);
	ui_draw_title(a, title);
	int bottom = a->rows - 1;
	for (int y = 1; y < bottom; y++)
		draw_fill(y, 0, a->cols, TH_NORMAL);
	int y = p->built ? draw_charts(p, 1, bottom - 1, a->cols) : 1;
	int legend = bottom - y - 2 >= MIN_HEAT_ROWS;
	y += p->mode == PF_REVENUE ? revenue_head(&p->p, y, 0, a->cols, legend)
		: p->mode == PF_ADVOCACY ? advocacy_head(p, y, 0, a->cols, legend) : heat_head(&p->p, y, 0, a->cols, legend);
	view_place(v, y, 0, bottom - y, a->cols);
	view_draw_rows(v);
}

static int pf_key(struct view *v, int action, int key)
{
	(void)key;
	struct pf_priv *p = pp(v);
	long row = view_selected(v);
	switch (action) {
	case ACT_PANE_LEFT:
	case ACT_PANE_PREV: p->col = (p->col + TIER_COUNT - 1) % TIER_COUNT; return 1;
	case ACT_PANE_RIGHT:
	case ACT_PANE_NEXT: p->col = (p->col + 1) % TIER_COUNT; return 1;
	case ACT_TIER_SALES: p->col = TIER_SALES; return 1;
	case ACT_TIER_PRODUCT: p->col = TIER_PRODUCT; return 1;
	case ACT_TIER_EXEC: p->col = TIER_EXEC; return 1;
	case ACT_ENTER:
		if (row >= 0)
			ui_jump(v->app, id_at(p, (size_t)row), p->col, NULL);
		return 1;
	case ACT_PORTFOLIO_REVENUE: toggle_list(v, PF_REVENUE); return 1;
	case ACT_VIEW_ADVOCACY: toggle_list(v, PF_ADVOCACY); return 1;
	default: return 0;
	}
}

static const int pf_hints[] = {ACT_ENTER, ACT_PANE_NEXT, ACT_PORTFOLIO_REVENUE, ACT_VIEW_ADVOCACY, ACT_CLOSE,
	ACT_HELP, ACT_NONE};

const struct view_ops view_portfolio_ops = {
	.name = "portfolio",
	.priv_size = sizeof(struct pf_priv),
	.open = pf_open,
	.draw = pf_draw,
	.draw_row = pf_row,
	.title = pf_title,
	.key = pf_key,
	.done = pf_done,
	.hints = pf_hints,
	.enter_hint = "jump",
};
