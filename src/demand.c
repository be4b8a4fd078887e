/* demand.c - computing, checking and describing demand chains. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/demand.h"

const int demand_years[DEMAND_HORIZONS] = {0, 2, 5};

const char *const demand_step_names[DEMAND_STEPS] = {"value", "growth", "factor", "share"};

char *demand_missing_text(unsigned missing)
{
	const char *names[DEMAND_STEPS];
	ap_names missed = {"step", names, 0};
	for (int i = 0; i < DEMAND_STEPS; i++)
		if ((missing >> i) & 1)
			names[missed.count++] = demand_step_names[i];
	return ap_names_join(&missed, " and ");
}

char *demand_incomplete_text(unsigned missing)
{
	if (!missing)
		return xstrdup("");
	char *what = demand_missing_text(missing);
	char *s = xasprintf(missing == DEMAND_GROWTH ? "%s not given: today's demand only, no projection"
		: "%s not given: our demand cannot be computed", what);
	free(what);
	return s;
}

void demand_compute(const ap_driver *d, demand_chain *out)
{
	memset(out, 0, sizeof *out);
	out->missing = (isnan(d->value) ? DEMAND_VALUE : 0) | (isnan(d->growth) ? DEMAND_GROWTH : 0) |
		(isnan(d->factor) ? DEMAND_FACTOR : 0) | (isnan(d->share) ? DEMAND_SHARE : 0);
	for (int h = 0; h < DEMAND_HORIZONS; h++) {
		/* Today's figure needs no growth; a projection does. NaN propagates
		 * through the products, so a missing step never becomes a zero. */
		double g = demand_years[h] == 0 ? 1.0 : pow(1.0 + d->growth / 100.0, demand_years[h]);
		out->metric[h] = d->value * g;
		out->need[h] = out->metric[h] * d->factor;
		out->ours[h] = out->need[h] * d->share / 100.0;
	}
}

static int check_number(const char *what, double v, double min, int min_open, double max,
	const char *expected, ap_err *e)
{
	if (isnan(v))
		return AP_OK;
	if (!isfinite(v) || v < min || (min_open && v == min) || v > max)
		return ap_fail(e, AP_EINPUT, "%s %g is out of range (expected %s)", what, v, expected);
	return AP_OK;
}

int demand_check(const ap_driver *d, ap_err *e)
{
	static const char positive[] = "a finite number, 0 or more";
	if (!d->metric || !*d->metric)
		return ap_fail(e, AP_EINPUT, "a demand driver needs the name of its end-customer metric");
	int rc;
	if ((rc = check_number("value", d->value, 0, 0, INFINITY, positive, e)) ||
	    (rc = check_number("factor", d->factor, 0, 0, INFINITY, positive, e)) ||
	    (rc = check_number("growth", d->growth, -100, 1, INFINITY, "a finite percent above -100", e)) ||
	    (rc = check_number("share", d->share, 0, 0, 100, "a percent from 0 to 100", e)))
		return rc;
	return AP_OK;
}

int demand_direction(const ap_driver *d)
{
	if (isnan(d->growth))
		return -1;
	if (d->growth > DEMAND_STEADY_PCT)
		return TREND_GROWING;
	return d->growth < -DEMAND_STEADY_PCT ? TREND_SHRINKING : TREND_FLAT;
}

void demand_total_clear(demand_total *t)
{
	free(t->unit);
	t->unit = NULL;
}

void demand_add(demand_totals *t, const ap_driver *d, const demand_chain *c, demand_skipped *skipped)
{
	demand_skipped dummy;
	if (!skipped)
		skipped = &dummy;
	if (c->missing) {
		skipped->incomplete++;
		return;
	}
	if (!d->product_unit || !*d->product_unit) {
		skipped->unitless++;
		return;
	}
	demand_total *tot = NULL;
	for (size_t i = 0; i < t->n && !tot; i++)
		if (strcmp(t->v[i].unit, d->product_unit) == 0)
			tot = &t->v[i];
	if (!tot) {
		tot = ap_vec_push(t);
		tot->unit = xstrdup(d->product_unit);
	}
	for (int h = 0; h < DEMAND_HORIZONS; h++)
		tot->ours[h] += c->ours[h];
	tot->drivers++;
	if (tot->accounts == 0 || tot->last_account != d->account_id) {
		tot->accounts++;
		tot->last_account = d->account_id;
	}
}

/* Digits of a non-negative integer with a comma every three. */
static void group_thousands(double v, char *out, size_t size)
{
	char digits[32];
	snprintf(digits, sizeof digits, "%.0f", v);
	size_t n = strlen(digits), o = 0;
	for (size_t i = 0; i < n && o + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

/* v rounded to `digits` significant digits, as printf would show it. */
static double round_sig(double v, int digits)
{
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%.*g", digits, v);
	return strtod(tmp, NULL);
}

void demand_format(double v, char *out, size_t size)
{
	static const struct { double scale; const char *word; } big[] = {
		{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"},
	};
	if (!isfinite(v)) {
		snprintf(out, size, "?");
		return;
	}
	const char *sign = v < 0 ? "-" : "";
	/* Round first, so 999,950,000 reads "1 billion", never "1000 million". */
	double a = round_sig(fabs(v), 3);
	if (a >= 1e15) {
		snprintf(out, size, "%s%.3g", sign, a);
		return;
	}
	for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
		if (a >= big[i].scale) {
			snprintf(out, size, "%s%.3g %s", sign, a / big[i].scale, big[i].word);
			return;
		}
	/* Below a million every unit counts: 12,500 keeps its digits. */
	a = round_sig(fabs(v), 4);
	if (a >= 1000.0) {
		char num[32];
		group_thousands(round(fabs(v)), num, sizeof num);
		snprintf(out, size, "%s%s", sign, num);
		return;
	}
	snprintf(out, size, "%s%.4g", sign, a);
}

static const char *unit_sep(const char *unit) { return unit && *unit ? " " : ""; }
static const char *unit_or(const char *unit) { return unit ? unit : ""; }

static char *step_value(const ap_driver *d, const demand_chain *c)
{
	char v[48];
	if (c->missing & DEMAND_VALUE)
		return xasprintf("%s: current value not given", d->metric);
	demand_format(c->metric[0], v, sizeof v);
	return xasprintf("%s: %s%s%s now", d->metric, v, unit_sep(d->metric_unit), unit_or(d->metric_unit));
}

static char *step_growth(const ap_driver *d, const demand_chain *c)
{
	char g[48], v2[48], v5[48];
	if (c->missing & DEMAND_GROWTH)
		return xstrdup("growth not given: no projection for 2 and 5 years");
	snprintf(g, sizeof g, "%+.4g%%/year", d->growth);
	if (c->missing & DEMAND_VALUE)
		return xasprintf("grows %s", g);
	demand_format(c->metric[1], v2, sizeof v2);
	demand_format(c->metric[2], v5, sizeof v5);
	return xasprintf("grows %s: %s in 2 years, %s in 5 years%s%s%s", g, v2, v5,
		d->metric_unit && *d->metric_unit ? " (" : "", unit_or(d->metric_unit),
		d->metric_unit && *d->metric_unit ? ")" : "");
}

static char *step_factor(const ap_driver *d, const demand_chain *c)
{
	char f[48], n[48];
	if (c->missing & DEMAND_FACTOR)
		return xstrdup("factor not given: the customer's need per metric unit is unknown");
	demand_format(d->factor, f, sizeof f);
	if (isnan(c->need[0]))
		return xasprintf("x %s%s%s", f, unit_sep(d->factor_unit), unit_or(d->factor_unit));
	demand_format(c->need[0], n, sizeof n);
	return xasprintf("x %s%s%s = customer need %s%s%s now", f, unit_sep(d->factor_unit),
		unit_or(d->factor_unit), n, unit_sep(d->product_unit), unit_or(d->product_unit));
}

static char *step_share(const ap_driver *d, const demand_chain *c)
{
	char s[48], v[DEMAND_HORIZONS][48];
	if (c->missing & DEMAND_SHARE)
		return xstrdup("our share not given: our implied demand is unknown");
	snprintf(s, sizeof s, "%.4g%%", d->share);
	if (isnan(c->ours[0]))
		return xasprintf("x our share %s", s);
	for (int h = 0; h < DEMAND_HORIZONS; h++)
		demand_format(c->ours[h], v[h], sizeof v[h]);
	if (isnan(c->ours[1]))
		return xasprintf("x our share %s = our demand %s%s%s now", s, v[0], unit_sep(d->product_unit),
			unit_or(d->product_unit));
	return xasprintf("x our share %s = our demand %s%s%s now, %s in 2 years, %s in 5 years", s, v[0],
		unit_sep(d->product_unit), unit_or(d->product_unit), v[1], v[2]);
}

void demand_steps(const ap_driver *d, const demand_chain *c, char *lines[DEMAND_STEPS])
{
	lines[0] = step_value(d, c);
	lines[1] = step_growth(d, c);
	lines[2] = step_factor(d, c);
	lines[3] = step_share(d, c);
}
