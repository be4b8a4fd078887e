/* view_drivers.c - the current account's demand chains, step by step, with
 * a live what-if.
 *
 * Each driver is a block of rows: its heading, the end use with its value
 * and unit, the growth, every step with its factor and unit, our share, and
 * the quantities now, in 2 and in 5 years (demand.h computes them all);
 * then what is missing, named, and the line where the orders will be held
 * against the chain. The selection moves over the numbers a what-if may
 * change: the growth, a step's factor, the share. Enter asks for another
 * value on the status line, and the chain shows it as it is typed, with our
 * demand before and after side by side. Nothing is written until W saves
 * the what-if as the driver's own numbers, checked by the record's table
 * and saved with the version shown, as every editor saves (recedit.h);
 * z drops it. What-ifs are kept by driver id, so a reload (a write here,
 * a colleague's change) applies them to the numbers the store holds now. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/demand.h"
#include "acctplan/trend.h"
#include "app.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "recedit.h"
#include "theme.h"
#include "view.h"

enum drv_row_kind {
	ROW_NONE,      /* the account has no driver */
	ROW_HEAD,      /* "#5 Electric vehicles built", the horizons' headings */
	ROW_END_USE,
	ROW_GROWTH,    /* a number */
	ROW_STEP,      /* a number: step `step` (0-based) */
	ROW_NO_STEP,
	ROW_SHARE,     /* a number */
	ROW_OURS,
	ROW_MISSING,   /* what an incomplete chain lacks, named */
	ROW_WHATIF,    /* the what-if's headings: before, after, change */
	ROW_WHATIF_H,  /* our demand at horizon `step`, before and after */
	ROW_ORDERS,    /* the growth of the account's orders */
	ROW_VERSUS,    /* the chain's growth against it */
	ROW_GAP,
};

struct drv_row {
	int drv, kind, step;
};

/* One driver's what-if: the numbers changed, NaN where unchanged (a
 * what-if never holds NaN: demand_whatif_apply refuses it). */
struct drv_whatif {
	long long id;
	double growth, share, factor[DEMAND_MAX_STEPS];
};

struct drv_priv {
	ap_drivers d;
	demand_chain *before, *after;   /* per driver: as stored; with its what-if */
	struct drv_row *rows;
	size_t nrows;
	struct drv_whatif *wi;          /* kept over reloads */
	size_t nwi;
	/* While a value is typed: the driver, and its chain with the text typed. */
	int preview_drv;
	demand_chain preview;
	/* The account's orders, and the points a chain may lead them by (the
	 * orders_diverge rules'; -1: not compared). */
	order_trend trend;
	int points;
};

static struct drv_priv *dp(struct view *v) { return v->priv; }

/* Columns of a figure: every figure of a chain is 0 or more, and
 * demand_format writes none wider than "999 trillion". */
#define NUM_W 12
/* The change column of a what-if: "+1.816 million (+21.4%)" fits. */
#define CHANGE_W 24

static const char *const horizon_names[DEMAND_HORIZONS] = {"now", "in 2 years", "in 5 years"};

/* The columns of a figure at width w: NUM_W, narrower on a small screen,
 * where the labels keep two fifths of the row. */
static int num_width(int w)
{
	int nw = (w - 2 - w * 2 / 5) / DEMAND_HORIZONS - 1;
	return nw > NUM_W ? NUM_W : nw < 4 ? 4 : nw;
}

static int same(double a, double b) { return a == b || (isnan(a) && isnan(b)); }

static int is_number(const struct drv_row *r)
{
	return r->kind == ROW_GROWTH || r->kind == ROW_STEP || r->kind == ROW_SHARE;
}

/* The chain driver i shows: the one being typed, else its what-if's. */
static const demand_chain *shown(const struct drv_priv *p, int i)
{
	return p->preview_drv == i ? &p->preview : &p->after[i];
}

/* Whether the chain shown for driver i differs from the stored one. */
static int changed(const struct drv_priv *p, int i)
{
	const demand_chain *b = &p->before[i], *a = shown(p, i);
	int diff = !same(a->growth, b->growth) || !same(a->share, b->share);
	for (int k = 0; k < b->nsteps; k++)
		diff |= !same(a->step[k].factor, b->step[k].factor);
	return diff;
}

/* ---- what-ifs by driver id ---- */

static struct drv_whatif *wi_find(struct drv_priv *p, long long id)
{
	for (size_t i = 0; i < p->nwi; i++)
		if (p->wi[i].id == id)
			return &p->wi[i];
	return NULL;
}

static struct drv_whatif *wi_get(struct drv_priv *p, long long id)
{
	struct drv_whatif *w = wi_find(p, id);
	if (w)
		return w;
	p->wi = xrealloc(p->wi, (p->nwi + 1) * sizeof *p->wi);
	w = &p->wi[p->nwi++];
	w->id = id;
	w->growth = w->share = NAN;
	for (int k = 0; k < DEMAND_MAX_STEPS; k++)
		w->factor[k] = NAN;
	return w;
}

static void wi_drop(struct drv_priv *p, long long id)
{
	struct drv_whatif *w = wi_find(p, id);
	if (w)
		*w = p->wi[--p->nwi];
}

/* The what-if change a number row stands for, and its name in messages. */
static demand_whatif row_change(const struct drv_row *r, double v, char *what, size_t n)
{
	if (r->kind == ROW_GROWTH) {
		snprintf(what, n, "growth");
		return (demand_whatif){DEMAND_N_GROWTH, 0, v};
	}
	if (r->kind == ROW_SHARE) {
		snprintf(what, n, "share");
		return (demand_whatif){DEMAND_N_SHARE, 0, v};
	}
	snprintf(what, n, "step %d factor", r->step + 1);
	return (demand_whatif){DEMAND_N_FACTOR, r->step + 1, v};
}

/* The slot of w that holds the change c. */
static double *wi_slot(struct drv_whatif *w, const demand_whatif *c)
{
	return c->what == DEMAND_N_GROWTH ? &w->growth : c->what == DEMAND_N_SHARE ? &w->share : &w->factor[c->step - 1];
}

/* after[i] from before[i] and the driver's what-if. A change that no
 * longer applies (its step was removed meanwhile) is dropped, and said. */
static void apply_whatif(struct view *v, int i)
{
	struct drv_priv *p = dp(v);
	struct drv_whatif *w = wi_find(p, p->d.v[i].id);
	p->after[i] = p->before[i];
	if (!w)
		return;
	for (int k = -2; k < DEMAND_MAX_STEPS; k++) {
		struct drv_row r = {i, k == -2 ? ROW_GROWTH : k == -1 ? ROW_SHARE : ROW_STEP, k};
		char what[32];
		demand_whatif c = row_change(&r, NAN, what, sizeof what);
		double *slot = wi_slot(w, &c);
		demand_chain next;
		ap_err e = {0};
		if (isnan(*slot))
			continue;
		c.v = *slot;
		if (demand_whatif_apply(&p->after[i], &c, what, &next, &e) == AP_OK) {
			p->after[i] = next;
			continue;
		}
		*slot = NAN;
		ui_message(v->app, "what-if of '%s' no longer applies: %s", p->d.v[i].metric, e.msg);
	}
}

/* ---- rows ---- */

static void add_row(struct drv_priv *p, size_t *cap, int drv, int kind, int step)
{
	if (p->nrows == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		p->rows = xrealloc(p->rows, *cap * sizeof *p->rows);
	}
	p->rows[p->nrows++] = (struct drv_row){drv, kind, step};
}

/* The rows from the drivers and what each shows; rows above the block of
 * the driver being changed keep their place, so the selection stays put. */
static void build_rows(struct view *v)
{
	struct drv_priv *p = dp(v);
	size_t cap = 0;
	free(p->rows);
	p->rows = NULL;
	p->nrows = 0;
	if (!p->d.n)
		add_row(p, &cap, -1, ROW_NONE, 0);
	for (int i = 0; i < (int)p->d.n; i++) {
		const demand_chain *c = shown(p, i);
		if (i)
			add_row(p, &cap, i, ROW_GAP, 0);
		add_row(p, &cap, i, ROW_HEAD, 0);
		add_row(p, &cap, i, ROW_END_USE, 0);
		add_row(p, &cap, i, ROW_GROWTH, 0);
		if (!c->nsteps)
			add_row(p, &cap, i, ROW_NO_STEP, 0);
		for (int k = 0; k < c->nsteps; k++)
			add_row(p, &cap, i, ROW_STEP, k);
		add_row(p, &cap, i, ROW_SHARE, 0);
		add_row(p, &cap, i, ROW_OURS, 0);
		if (c->missing)
			add_row(p, &cap, i, ROW_MISSING, 0);
		if (changed(p, i)) {
			add_row(p, &cap, i, ROW_WHATIF, 0);
			for (int h = 0; h < DEMAND_HORIZONS; h++)
				add_row(p, &cap, i, ROW_WHATIF_H, h);
		}
		add_row(p, &cap, i, ROW_ORDERS, 0);
		if (p->trend.why == TREND_OK && !isnan(c->growth))
			add_row(p, &cap, i, ROW_VERSUS, 0);
	}
	v->lines = p->nrows;
}

/* The nearest number row from row `from` in direction dir (+1, -1); -1 when none. */
static long number_from(const struct drv_priv *p, long from, int dir)
{
	for (long r = from; r >= 0 && r < (long)p->nrows; r += dir)
		if (is_number(&p->rows[r]))
			return r;
	return -1;
}

/* Keep the selection on a number: the nearest in direction dir, else the other way. */
static void snap(struct view *v, int dir)
{
	struct drv_priv *p = dp(v);
	long r = number_from(p, (long)v->sel, dir);
	if (r < 0)
		r = number_from(p, (long)v->sel, -dir);
	if (r >= 0)
		v->sel = (size_t)r;
}

static void free_drivers(struct drv_priv *p)
{
	ap_vec_free(&p->d, ap_driver_clear);
	free(p->before);
	free(p->after);
	p->before = p->after = NULL;
}

static int drv_open(struct view *v, ap_err *e)
{
	struct drv_priv *p = dp(v);
	free_drivers(p);
	p->preview_drv = -1;
	int rc = store_driver_list(v->app->st, v->app->acct.id, &p->d, e);
	if (!rc)
		rc = trend_of(v->app->st, &v->app->cfg, v->app->acct.id, v->app->today, &p->trend, e);
	p->points = rules_diverge_points(v->app->rules, v->app->acct.segment);
	p->before = xcalloc(p->d.n + 1, sizeof *p->before);
	p->after = xcalloc(p->d.n + 1, sizeof *p->after);
	for (int i = 0; i < (int)p->d.n; i++) {
		demand_compute(&p->d.v[i], &p->before[i]);
		apply_whatif(v, i);
	}
	/* What-ifs of drivers removed meanwhile go with them. */
	for (size_t k = p->nwi; k-- > 0;) {
		int there = 0;
		for (size_t i = 0; i < p->d.n; i++)
			there |= p->d.v[i].id == p->wi[k].id;
		if (!there)
			p->wi[k] = p->wi[--p->nwi];
	}
	build_rows(v);
	snap(v, 1);
	return rc;
}

static void drv_done(struct view *v)
{
	struct drv_priv *p = dp(v);
	free_drivers(p);
	free(p->rows);
	free(p->wi);
}

/* A number row keeps its selection over a reload by driver and number. */
static long long drv_row_id(struct view *v, size_t row)
{
	const struct drv_row *r = &dp(v)->rows[row];
	if (r->drv < 0)
		return 0;
	int slot = r->kind == ROW_GROWTH ? 0 : r->kind == ROW_SHARE ? 1 : r->kind == ROW_STEP ? 2 + r->step : 31;
	return dp(v)->d.v[r->drv].id * 32 + slot;
}

static void drv_title(struct view *v, char *buf, size_t n)
{
	size_t k = dp(v)->d.n;
	snprintf(buf, n, "Demand chains of %s  (%zu driver%s)", v->app->acct.name, k, k == 1 ? "" : "s");
}

/* ---- drawing ---- */

/* What an incomplete chain lacks, each named, and what that means. */
static void missing_text(const demand_chain *c, const char *indent, char *out, size_t n)
{
	ap_buf b = {0};
	if (c->missing & DEMAND_VALUE)
		buf_puts(&b, "; the end use's value is not known");
	if (c->missing & DEMAND_GROWTH)
		buf_puts(&b, "; the growth is not known");
	if (!c->nsteps)
		buf_puts(&b, "; the chain has no step");
	for (int k = 0; k < c->nsteps; k++)
		if (isnan(c->step[k].factor))
			buf_printf(&b, "; step %d's factor is not known", k + 1);
	if (c->missing & DEMAND_SHARE)
		buf_puts(&b, "; our share is not known");
	snprintf(out, n, "%sincomplete: %s: %s", indent, b.s ? b.s + 2 : "", c->missing == DEMAND_GROWTH
		? "today's demand only, no projection" : "our demand cannot be computed");
	buf_free(&b);
}

/* How was() writes a number: a figure, a growth (signed percent), a share. */
enum { AS_FIGURE, AS_GROWTH, AS_SHARE };

/* " (was X)" after a number a what-if changed; "" when it did not. */
static void was(double now, double before, int as, char *out, size_t n)
{
	char f[48];
	if (same(now, before)) {
		out[0] = '\0';
		return;
	}
	if (isnan(before))
		snprintf(f, sizeof f, "not known");
	else if (as != AS_FIGURE)
		snprintf(f, sizeof f, as == AS_GROWTH ? "%+.4g%%" : "%.4g%%", before);
	else
		demand_format(before, f, sizeof f);
	snprintf(out, n, "  (was %s)", f);
}

/* The label of a chain row, into out. */
static void row_label(const struct drv_priv *p, const struct drv_row *r, char *out, size_t n)
{
	const ap_driver *d = &p->d.v[r->drv];
	const demand_chain *c = shown(p, r->drv), *b = &p->before[r->drv];
	char f[48], w[64], unit[256];
	switch (r->kind) {
	case ROW_HEAD:
		snprintf(out, n, "#%lld %s", d->id, d->metric);
		return;
	case ROW_END_USE:
		demand_format(c->value, f, sizeof f);
		snprintf(out, n, "  end use: %s%s%s%s", f, d->metric_unit && *d->metric_unit ? " " : "",
			d->metric_unit ? d->metric_unit : "", isnan(c->value) ? " (value not known)" : "");
		return;
	case ROW_GROWTH:
		was(c->growth, b->growth, AS_GROWTH, w, sizeof w);
		if (isnan(c->growth))
			snprintf(out, n, "  growth: ? (not known: no projection)");
		else
			snprintf(out, n, "  growth: %+.4g%%/year%s", c->growth, w);
		return;
	case ROW_STEP: {
		const demand_link *l = &c->step[r->step];
		was(l->factor, b->step[r->step].factor, AS_FIGURE, w, sizeof w);
		demand_format(l->factor, f, sizeof f);
		snprintf(out, n, "  step %d: x %s%s %.*s%s", r->step + 1, f, w, (int)l->unit_len, d->steps + l->unit,
			isnan(l->factor) ? " (factor not known)" : "");
		return;
	}
	case ROW_NO_STEP:
		snprintf(out, n, "  no step yet: the customer's need is not known");
		return;
	case ROW_SHARE:
		was(c->share, b->share, AS_SHARE, w, sizeof w);
		if (isnan(c->share))
			snprintf(out, n, "  our share: ? (not known)");
		else
			snprintf(out, n, "  our share: %.4g%%%s", c->share, w);
		return;
	case ROW_OURS:
		if (c->nsteps)
			demand_step_unit(d, c, c->nsteps - 1, unit, sizeof unit);
		else
			unit[0] = '\0';
		snprintf(out, n, "  our demand%s%s", *unit ? ", " : "", unit);
		return;
	case ROW_MISSING:
		missing_text(c, "  ", out, n);
		return;
	case ROW_WHATIF:
		snprintf(out, n, "  what if (not saved):");
		return;
	case ROW_WHATIF_H:
		snprintf(out, n, "    %s%s", r->step ? "" : "our demand ", horizon_names[r->step]);
		return;
	case ROW_ORDERS:
	case ROW_VERSUS: {
		/* What the orders did, then what this chain (with its what-if) implies beside it. */
		ap_buf t = {0};
		buf_puts(&t, "  ");
		if (r->kind == ROW_ORDERS) {
			buf_puts(&t, "orders: ");
			trend_text(&p->trend, &t);
		} else {
			trend_chain_text(&p->trend, NULL, c->growth, &t);
		}
		snprintf(out, n, "%s", t.s);
		buf_free(&t);
		return;
	}
	default:
		out[0] = '\0';
	}
}

/* The three figures of a chain row (NULL: none). */
static const double *row_figures(const struct drv_priv *p, const struct drv_row *r)
{
	const demand_chain *c = shown(p, r->drv);
	switch (r->kind) {
	case ROW_END_USE: return c->metric;
	case ROW_STEP: return c->step[r->step].out;
	case ROW_OURS: return c->ours;
	default: return NULL;
	}
}

/* Orders that diverge from the chain shown stand out as the rule would flag them. */
static int orders_diverge(const struct drv_priv *p, const struct drv_row *r)
{
	double chain = shown(p, r->drv)->growth;
	return p->points >= 0 && p->trend.why == TREND_OK && !isnan(chain) &&
		trend_diverges(p->trend.growth, chain, p->points);
}

static int row_elem(const struct drv_priv *p, const struct drv_row *r, int selected)
{
	if (selected)
		return TH_SELECTED;
	switch (r->kind) {
	case ROW_HEAD:
	case ROW_WHATIF: return TH_HEADER;
	case ROW_OURS: return TH_LABEL;
	case ROW_MISSING: return TH_SEV_WARN;
	case ROW_ORDERS: return TH_DIM;
	case ROW_VERSUS: return orders_diverge(p, r) ? TH_SEV_WARN : TH_DIM;
	default: return TH_NORMAL;
	}
}

/* A what-if row: the label, then before, after and the change, the change
 * taking what is left at the right. */
static void draw_whatif(const struct drv_priv *p, const struct drv_row *r, const char *label, int y, int x, int w,
	int el)
{
	int nw = num_width(w), cw = w >= NUM_W * 2 + CHANGE_W + 24 ? CHANGE_W : w / 5;
	int ca = x + w - 1 - cw - 2 - nw, cb = ca - 1 - nw;
	draw_str(y, x + 1, cb - x - 2, label, el);
	if (r->kind == ROW_WHATIF) {
		draw_right(y, cb, nw, "before", el);
		draw_right(y, ca, nw, "after", el);
		draw_str(y, ca + nw + 2, cw, "change", el);
		return;
	}
	double b = p->before[r->drv].ours[r->step], a = shown(p, r->drv)->ours[r->step];
	char fb[48], fa[48], change[96];
	demand_format(b, fb, sizeof fb);
	demand_format(a, fa, sizeof fa);
	demand_change_text(b, a, change, sizeof change);
	draw_right(y, cb, nw, fb, el);
	draw_right(y, ca, nw, fa, el);
	draw_str(y, ca + nw + 2, cw, *change ? change : same(a, b) ? "none" : "?", el);
}

static void drv_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct drv_priv *p = dp(v);
	const struct drv_row *r = &p->rows[row];
	int el = row_elem(p, r, selected);
	char label[1024];
	draw_fill(y, x, w, el);
	if (r->kind == ROW_NONE) {
		draw_str(y, x + 1, w - 2, "no demand drivers (add one with 'acctplan driver add ACCOUNT METRIC')", TH_DIM);
		return;
	}
	if (r->kind == ROW_GAP)
		return;
	row_label(p, r, label, sizeof label);
	if (r->kind == ROW_WHATIF || r->kind == ROW_WHATIF_H) {
		draw_whatif(p, r, label, y, x, w, el);
		return;
	}
	/* The figures at the right, in three columns; the label takes the rest. */
	int nw = num_width(w), c0 = x + w - 1 - DEMAND_HORIZONS * (nw + 1);
	const double *fig = row_figures(p, r);
	int wide = r->kind == ROW_MISSING || r->kind == ROW_ORDERS || r->kind == ROW_VERSUS || r->kind == ROW_GROWTH ||
		r->kind == ROW_SHARE;
	draw_str(y, x + 1, (fig || r->kind == ROW_HEAD) && !wide ? c0 - x - 2 : w - 2, label, el);
	for (int h = 0; h < DEMAND_HORIZONS; h++) {
		char f[48];
		if (r->kind == ROW_HEAD) {
			draw_right(y, c0 + h * (nw + 1), nw, horizon_names[h], el);
		} else if (fig) {
			demand_format(fig[h], f, sizeof f);
			draw_right(y, c0 + h * (nw + 1), nw, f, el);
		}
	}
}

/* The block of rows of driver i: [*from, *to), its gap before it left out. */
static void block_of(const struct drv_priv *p, int i, size_t *from, size_t *to)
{
	size_t r = 0;
	while (r < p->nrows && (p->rows[r].drv != i || p->rows[r].kind == ROW_GAP))
		r++;
	*from = r;
	while (r < p->nrows && p->rows[r].drv == i)
		r++;
	*to = r;
}

/* The page, scrolled so the selected driver's block is whole on screen when
 * it fits: its heading above, its what-if below the number changed. */
static void drv_draw(struct view *v)
{
	struct drv_priv *p = dp(v);
	size_t h = v->app->rows > 3 ? (size_t)v->app->rows - 2 : 1, from, to;
	if (v->lines && p->rows[v->sel].drv >= 0) {
		block_of(p, p->rows[v->sel].drv, &from, &to);
		if (to - from <= h) {
			if (v->top > from)
				v->top = from;
			if (v->top + h < to)
				v->top = to - h;
		}
	}
	view_draw_page(v);
}

/* ---- the what-if ---- */

/* Driver i's what-if with change c applied to its chain (its other
 * changes kept), from the text typed; AP_EINPUT with the core's message
 * when the text is not a number or the number is out of range. */
static int try_value(struct drv_priv *p, int i, const struct drv_row *r, const char *text, demand_chain *out,
	demand_whatif *c, ap_err *e)
{
	char what[32];
	double val;
	*c = row_change(r, NAN, what, sizeof what);
	int rc = rec_parse_real(what, text, c->what != DEMAND_N_FACTOR, &val, e);
	c->v = val;
	return rc ? rc : demand_whatif_apply(&p->after[i], c, what, out, e);
}

struct typing {
	struct view *v;
	const struct drv_row *r;
};

/* While a value is typed: the chain with it, or with the last good one and
 * why the text is not one. */
static void typed(void *ctx, const char *text)
{
	struct typing *t = ctx;
	struct drv_priv *p = dp(t->v);
	demand_whatif c;
	ap_err e = {0};
	int i = t->r->drv;
	if (try_value(p, i, t->r, text, &p->preview, &c, &e)) {
		p->preview = p->after[i];
		if (*text)
			ui_error(t->v->app, &e);
	}
	build_rows(t->v);
}

/* "our demand in 5 years 10,291, was 8,475: +1,816 (+21.4%)": what driver
 * i's what-if does to our demand at the farthest horizon it can say. */
static void effect_text(const struct drv_priv *p, int i, char *out, size_t n)
{
	const demand_chain *b = &p->before[i], *a = &p->after[i];
	int h = DEMAND_HORIZONS - 1;
	while (h > 0 && isnan(a->ours[h]))
		h--;
	char fb[48], fa[48], change[96];
	demand_format(b->ours[h], fb, sizeof fb);
	demand_format(a->ours[h], fa, sizeof fa);
	demand_change_text(b->ours[h], a->ours[h], change, sizeof change);
	snprintf(out, n, "our demand %s %s, was %s%s%s", horizon_names[h], fa, fb, *change ? ": " : "", change);
}

/* Ask for another value of the number selected; Enter keeps it in the what-if. */
static void ask(struct view *v)
{
	struct drv_priv *p = dp(v);
	struct app *a = v->app;
	/* A copy: the rows are built again as the value is typed. */
	const struct drv_row row = p->rows[v->sel], *r = &row;
	int i = r->drv;
	const demand_chain *c = &p->after[i];
	double cur = r->kind == ROW_GROWTH ? c->growth : r->kind == ROW_SHARE ? c->share : c->step[r->step].factor;
	char prompt[96], initial[48] = "", *text = NULL;
	if (r->kind == ROW_STEP)
		snprintf(prompt, sizeof prompt, "what if step %d's factor were", r->step + 1);
	else
		snprintf(prompt, sizeof prompt, "what if %s were (%%)", r->kind == ROW_GROWTH ? "the growth a year" : "our share");
	if (!isnan(cur))
		snprintf(initial, sizeof initial, "%.15g", cur);
	struct typing t = {v, r};
	p->preview_drv = i;
	int ok = input_line_live(a, prompt, initial, &text, typed, &t);
	p->preview_drv = -1;
	demand_chain next;
	demand_whatif change;
	ap_err e = {0};
	a->msg[0] = '\0';
	if (ok && try_value(p, i, r, text, &next, &change, &e) == AP_OK) {
		const demand_chain *b = &p->before[i];
		double stored = r->kind == ROW_GROWTH ? b->growth : r->kind == ROW_SHARE ? b->share : b->step[r->step].factor;
		/* The stored value again is no change: nothing of it to save. */
		*wi_slot(wi_get(p, p->d.v[i].id), &change) = change.v == stored ? NAN : change.v;
		p->after[i] = next;
		char effect[256], save[32], reset[32];
		effect_text(p, i, effect, sizeof effect);
		ui_message(a, "what if: %s; not saved: %s saves it, %s drops it", effect,
			keymap_keys(ACT_WHATIF_SAVE, 0, save, sizeof save), keymap_keys(ACT_WHATIF_RESET, 0, reset, sizeof reset));
	} else if (ok) {
		ui_error(a, &e);
	}
	free(text);
	build_rows(v);
}

static void reset(struct view *v)
{
	struct drv_priv *p = dp(v);
	int i = p->rows[v->sel].drv;
	if (!wi_find(p, p->d.v[i].id)) {
		ui_message(v->app, "no what-if on '%s' to drop", p->d.v[i].metric);
		return;
	}
	wi_drop(p, p->d.v[i].id);
	apply_whatif(v, i);
	build_rows(v);
	ui_message(v->app, "what-if dropped: '%s' shows its numbers as stored", p->d.v[i].metric);
}

/* The drivers view's what-if of a driver just saved: its numbers are now
 * the driver's own. */
static void saved(struct app *a, const void *rec)
{
	for (int k = 0; k < a->depth; k++)
		if (a->stack[k]->ops == &view_drivers_ops)
			wi_drop(dp(a->stack[k]), ((const ap_driver *)rec)->id);
}

/* Bit of the driver field `key` in a `given` mask (record.h settle). */
static unsigned long long given_bit(const char *key)
{
	const rec_kind *k = &rec_kinds[REC_DRIVER];
	return 1ULL << (rec_field_by_key(k, key) - k->fields);
}

/* The driver of the selection with its what-if's numbers, as the
 * driver's own: settled and checked as 'driver edit' and 'driver step
 * edit' are, then saved with the version shown. */
static void save(struct view *v)
{
	struct drv_priv *p = dp(v);
	struct app *a = v->app;
	int i = p->rows[v->sel].drv;
	const struct drv_whatif *w = wi_find(p, p->d.v[i].id);
	if (!w) {
		char keys[32];
		ui_message(a, "no what-if on '%s' to save (%s on a number tries one)", p->d.v[i].metric,
			keymap_keys(ACT_ENTER, 0, keys, sizeof keys));
		return;
	}
	ap_driver *d = recedit_dup(REC_DRIVER, &p->d.v[i]);
	unsigned long long given = 0;
	if (!isnan(w->growth))
		d->growth = w->growth, given |= given_bit("growth");
	if (!isnan(w->share))
		d->share = w->share, given |= given_bit("share");
	for (int k = 0; k < p->before[i].nsteps; k++) {
		const demand_link *l = &p->before[i].step[k];
		if (isnan(w->factor[k]))
			continue;
		char *unit = xstrndup(p->d.v[i].steps + l->unit, l->unit_len), *step = demand_step_text(w->factor[k], unit);
		char *steps = demand_step_put(d->steps, k + 1, step, 0);
		free(d->steps);
		d->steps = steps;
		free(unit);
		free(step);
		given |= given_bit("steps");
	}
	const rec_kind *kind = &rec_kinds[REC_DRIVER];
	char today[11], what[300];
	ap_err e = {0};
	ap_date_format(a->today, today);
	if ((kind->settle && kind->settle(d, given, today, REC_BY_LABEL, &e)) || rec_check(kind, d, REC_BY_LABEL, &e)) {
		ui_error(a, &e);
		recedit_free(REC_DRIVER, d);
		return;
	}
	snprintf(what, sizeof what, "demand driver '%s' (its what-if)", d->metric);
	recedit_save(a, REC_DRIVER, a->acct.id, d, what, saved);
}

/* ---- keys ---- */

/* j and k go from number to number; past the last one the page scrolls on. */
static void step_number(struct view *v, int dir)
{
	struct drv_priv *p = dp(v);
	long r = number_from(p, (long)v->sel + dir, dir);
	if (r >= 0) {
		view_select(v, (size_t)r);
		return;
	}
	size_t h = v->h > 0 ? (size_t)v->h : 1;
	if (dir > 0 && v->top + h < v->lines && v->sel > v->top)
		v->top++;
	else if (dir < 0 && v->top > 0 && v->sel + 1 < v->top + h)
		v->top--;
}

static int drv_key(struct view *v, int action, int key)
{
	(void)key;
	struct drv_priv *p = dp(v);
	int on_number = v->lines && is_number(&p->rows[v->sel]);
	switch (action) {
	case ACT_MOVE_DOWN: step_number(v, 1); return 1;
	case ACT_MOVE_UP: step_number(v, -1); return 1;
	case ACT_ENTER:
	case ACT_EDIT:
		if (on_number)
			ask(v);
		return 1;
	case ACT_WHATIF_RESET:
		if (on_number)
			reset(v);
		return 1;
	case ACT_WHATIF_SAVE:
		if (on_number)
			save(v);
		return 1;
	default: return 0;
	}
}

/* Page keys, the ends and clicks land on a row: the number nearest it. */
static void drv_select(struct view *v)
{
	snap(v, 1);
}

static const int drv_hints[] = {ACT_ENTER, ACT_WHATIF_SAVE, ACT_WHATIF_RESET, ACT_CLOSE, ACT_HELP, ACT_NONE};

const struct view_ops view_drivers_ops = {
	.name = "drivers",
	.flags = VIEW_ACCOUNT,
	.priv_size = sizeof(struct drv_priv),
	.open = drv_open,
	.draw = drv_draw,
	.draw_row = drv_draw_row,
	.title = drv_title,
	.key = drv_key,
	.select = drv_select,
	.done = drv_done,
	.row_id = drv_row_id,
	.hints = drv_hints,
	.enter_hint = "what if",
};
