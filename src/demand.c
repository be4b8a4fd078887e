/* demand.c - computing, checking and describing demand chains. */
#include <ctype.h>
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

/* ---- reading steps ---- */

/* The first blank-separated word "per" (any case) in s[0..len): where it
 * starts (*at, its blank before) and where what follows it starts (*after).
 * 0 when there is none. */
static int find_per(const char *s, size_t len, size_t *at, size_t *after)
{
	for (size_t i = 1; i + 4 < len; i++)
		if ((s[i - 1] == ' ' || s[i - 1] == '\t') && (s[i] == 'p' || s[i] == 'P') &&
		    (s[i + 1] == 'e' || s[i + 1] == 'E') && (s[i + 2] == 'r' || s[i + 2] == 'R') &&
		    (s[i + 3] == ' ' || s[i + 3] == '\t')) {
			size_t b = i, a = i + 3;
			while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
				b--;
			while (a < len && (s[a] == ' ' || s[a] == '\t'))
				a++;
			*at = b;
			*after = a;
			return 1;
		}
	return 0;
}

int demand_step_parse(const char *s, size_t len, double *factor, size_t *unit_at, ap_err *e)
{
	size_t n = 0;
	while (n < len && s[n] != ' ' && s[n] != '\t')
		n++;
	char num[48];
	int ok = n > 0 && n < sizeof num;
	if (ok && n == 1 && s[0] == '?') {
		*factor = NAN;
	} else if (ok) {
		/* Decimal digits only: strtod would also take "nan", "inf" and hex. */
		memcpy(num, s, n);
		num[n] = '\0';
		char *end;
		*factor = strtod(num, &end);
		ok = strspn(num, "0123456789.eE+-") == n && *end == '\0' && isfinite(*factor);
	}
	if (!ok)
		return ap_fail(e, AP_EINPUT, "step '%.*s' does not start with its factor (expected FACTOR UNIT, "
			"such as '40 chips per vehicle', or '?' for a factor not known yet)", (int)len, s);
	while (n < len && (s[n] == ' ' || s[n] == '\t'))
		n++;
	*unit_at = n;
	return AP_OK;
}

char *demand_step_text(double f, const char *unit)
{
	char num[40];
	if (isnan(f))
		snprintf(num, sizeof num, "?");
	else {
		/* The shortest of the usual forms that reads back as the same double. */
		snprintf(num, sizeof num, "%.15g", f);
		if (strtod(num, NULL) != f)
			snprintf(num, sizeof num, "%.17g", f);
	}
	return xasprintf("%s%s%s", num, unit && *unit ? " " : "", unit ? unit : "");
}

/* Line n (1-based) of text: its start and length; 0 when there is none. */
static int nth_line(const char *text, int n, size_t *at, size_t *len)
{
	const char *p = text ? text : "";
	for (int i = 1; *p; i++) {
		size_t l = strcspn(p, "\n");
		if (i == n) {
			*at = (size_t)(p - text);
			*len = l;
			return 1;
		}
		p += l + (p[l] == '\n');
	}
	return 0;
}

int demand_step_count(const char *steps)
{
	int n = 0;
	for (const char *p = steps ? steps : ""; *p; n++)
		p += strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n');
	return n;
}

char *demand_step_get(const char *steps, int n)
{
	size_t at, len;
	return nth_line(steps, n, &at, &len) ? xstrndup(steps + at, len) : NULL;
}

char *demand_step_put(const char *steps, int n, const char *text, int insert)
{
	int count = demand_step_count(steps);
	if (n < 1 || n > count + (insert ? 1 : 0))
		return NULL;
	ap_buf b = {0};
	for (int i = 1; i <= count + 1; i++) {
		size_t at = 0, len = 0;
		int has = nth_line(steps, i, &at, &len);
		if (i == n && text)
			buf_printf(&b, "%s%s", b.len ? "\n" : "", text);
		if (has && (insert || i != n))
			buf_printf(&b, "%s%.*s", b.len ? "\n" : "", (int)len, steps + at);
	}
	return b.s ? buf_steal(&b) : xstrdup("");
}

int demand_steps_incomplete(const char *steps)
{
	demand_chain c;
	ap_driver d = {.steps = (char *)steps, .value = 1, .growth = 0, .share = 0};
	demand_parse(&d, &c);
	demand_eval(&c);
	return (c.missing & DEMAND_FACTOR) != 0;
}

void demand_parse(const ap_driver *d, demand_chain *out)
{
	memset(out, 0, sizeof *out);
	out->value = d->value;
	out->growth = d->growth;
	out->share = d->share;
	const char *text = d->steps ? d->steps : "";
	size_t at, len;
	for (int i = 1; out->nsteps < DEMAND_MAX_STEPS && nth_line(text, i, &at, &len); i++) {
		demand_link *l = &out->step[out->nsteps++];
		size_t u = 0, per, after;
		l->line = at;
		l->line_len = len;
		/* A step that does not read (a store changed behind our back) is a
		 * factor not given, shown as it is: never a zero. */
		if (demand_step_parse(text + at, len, &l->factor, &u, NULL) != AP_OK) {
			l->factor = NAN;
			u = 0;
		}
		l->unit = at + u;
		l->unit_len = len - u;
		l->qty_len = find_per(text + l->unit, l->unit_len, &per, &after) ? per : 0;
	}
}

void demand_eval(demand_chain *c)
{
	int factor_missing = c->nsteps == 0;
	for (int i = 0; i < c->nsteps; i++)
		factor_missing |= isnan(c->step[i].factor);
	c->missing = (isnan(c->value) ? DEMAND_VALUE : 0) | (isnan(c->growth) ? DEMAND_GROWTH : 0) |
		(factor_missing ? DEMAND_FACTOR : 0) | (isnan(c->share) ? DEMAND_SHARE : 0);
	for (int h = 0; h < DEMAND_HORIZONS; h++) {
		/* Today's figure needs no growth; a projection does. NaN propagates
		 * through the products, so a missing step never becomes a zero. */
		double g = demand_years[h] == 0 ? 1.0 : pow(1.0 + c->growth / 100.0, demand_years[h]);
		double q = c->metric[h] = c->value * g;
		for (int i = 0; i < c->nsteps; i++)
			q = c->step[i].out[h] = q * c->step[i].factor;
		c->need[h] = c->nsteps ? q : NAN;
		c->ours[h] = c->need[h] * c->share / 100.0;
	}
}

void demand_compute(const ap_driver *d, demand_chain *out)
{
	demand_parse(d, out);
	demand_eval(out);
}

/* ---- checking ---- */

static const struct {
	double min, max;
	int min_open;
	const char *expected;
} number_range[] = {
	[DEMAND_N_VALUE] = {0, INFINITY, 0, "a finite number, 0 or more"},
	[DEMAND_N_GROWTH] = {-100, INFINITY, 1, "a finite percent above -100"},
	[DEMAND_N_FACTOR] = {0, DEMAND_FACTOR_MAX, 1, "a finite number above 0, at most 1e15"},
	[DEMAND_N_SHARE] = {0, 100, 0, "a percent from 0 to 100"},
};

int demand_check_number(enum demand_number n, const char *what, double v, ap_err *e)
{
	if (isnan(v))
		return AP_OK;
	if (!isfinite(v) || v < number_range[n].min || (number_range[n].min_open && v == number_range[n].min) ||
	    v > number_range[n].max)
		return ap_fail(e, AP_EINPUT, "%s %g is out of range (expected %s)", what, v, number_range[n].expected);
	return AP_OK;
}

int demand_check(const ap_driver *d, ap_err *e)
{
	if (!d->metric || !*d->metric)
		return ap_fail(e, AP_EINPUT, "a demand driver needs the name of its end-customer metric");
	int rc, n = demand_step_count(d->steps);
	if ((rc = demand_check_number(DEMAND_N_VALUE, "value", d->value, e)) ||
	    (rc = demand_check_number(DEMAND_N_GROWTH, "growth", d->growth, e)) ||
	    (rc = demand_check_number(DEMAND_N_SHARE, "share", d->share, e)))
		return rc;
	if (n > DEMAND_MAX_STEPS)
		return ap_fail(e, AP_EINPUT, "steps: a chain has at most %d steps (%d given)", DEMAND_MAX_STEPS, n);
	for (int i = 1; i <= n; i++) {
		size_t at = 0, len = 0, u;
		double f;
		nth_line(d->steps, i, &at, &len);
		if ((rc = demand_step_parse(d->steps + at, len, &f, &u, e))) {
			ap_err_context(e, "step %d", i);
			return rc;
		}
		char *what = xasprintf("step %d ('%.*s'): factor", i, (int)len, d->steps + at);
		rc = demand_check_number(DEMAND_N_FACTOR, what, f, e);
		free(what);
		if (rc)
			return rc;
	}
	return AP_OK;
}

/* p is the plural of one: "vehicles" of "vehicle", "boxes" of "box",
 * "queries" of "query". */
static int plural_of(const char *p, const char *one)
{
	size_t n = strlen(one), m = strlen(p);
	if (m == n + 1 && strncmp(p, one, n) == 0 && p[n] == 's')
		return 1;
	if (m == n + 2 && strncmp(p, one, n) == 0 && strcmp(p + n, "es") == 0)
		return 1;
	return n > 1 && one[n - 1] == 'y' && m == n + 2 && strncmp(p, one, n - 1) == 0 && strcmp(p + n - 1, "ies") == 0;
}

/* a and b name the same quantity: compared in any case, blanks collapsed,
 * one the plural of the other ("vehicle" is "Vehicles", "box" "boxes"). */
static int same_quantity(const char *a, size_t alen, const char *b, size_t blen)
{
	char na[256], nb[256];
	const char *src[2] = {a, b};
	size_t len[2] = {alen, blen};
	char *dst[2] = {na, nb};
	for (int k = 0; k < 2; k++) {
		size_t o = 0;
		int blank = 0;
		for (size_t i = 0; i < len[k] && o + 2 < sizeof na; i++) {
			unsigned char ch = (unsigned char)src[k][i];
			if (ch == ' ' || ch == '\t') {
				blank = o > 0;
				continue;
			}
			if (blank)
				dst[k][o++] = ' ';
			blank = 0;
			dst[k][o++] = (char)(ch < 0x80 ? tolower(ch) : ch);
		}
		dst[k][o] = '\0';
	}
	return strcmp(na, nb) == 0 || plural_of(na, nb) || plural_of(nb, na);
}

/* The end use's quantity A and time T of its unit "A per T" (T: "" when
 * the unit has no "per"), as offsets into metric_unit. */
static void end_use_unit(const ap_driver *d, size_t *a_len, size_t *t_at)
{
	const char *u = d->metric_unit ? d->metric_unit : "";
	size_t per, after;
	if (find_per(u, strlen(u), &per, &after)) {
		*a_len = per;
		*t_at = after;
	} else {
		*a_len = strlen(u);
		*t_at = strlen(u);
	}
}

int demand_units_check(const ap_driver *d, ap_err *e)
{
	demand_chain c;
	demand_parse(d, &c);
	if (c.nsteps == 0)
		return AP_OK;
	const char *text = d->steps, *mu = d->metric_unit ? d->metric_unit : "";
	size_t prev_len, t_at;
	end_use_unit(d, &prev_len, &t_at);
	const char *prev = mu;
	if (!prev_len)
		return ap_fail(e, AP_EINPUT, "step 1 ('%.*s'): the end use has no unit to chain from (give --unit "
			"'A per T', such as 'thousand vehicles per year')", (int)c.step[0].line_len, text + c.step[0].line);
	for (int i = 0; i < c.nsteps; i++) {
		const demand_link *l = &c.step[i];
		const char *u = text + l->unit;
		size_t per, after;
		if (!l->qty_len || !find_per(u, l->unit_len, &per, &after))
			return ap_fail(e, AP_EINPUT, "step %d ('%.*s'): its unit must read 'B per %.*s', naming the previous "
				"quantity '%.*s'", i + 1, (int)l->line_len, text + l->line, (int)prev_len, prev, (int)prev_len, prev);
		if (!same_quantity(u + after, l->unit_len - after, prev, prev_len))
			return ap_fail(e, AP_EINPUT, "step %d ('%.*s'): its 'per' part '%.*s' does not name the previous "
				"quantity '%.*s'", i + 1, (int)l->line_len, text + l->line, (int)(l->unit_len - after), u + after,
				(int)prev_len, prev);
		prev = u;
		prev_len = l->qty_len;
	}
	return AP_OK;
}

char *demand_chain_unit(const ap_driver *d)
{
	demand_chain c;
	demand_parse(d, &c);
	size_t a_len, t_at;
	end_use_unit(d, &a_len, &t_at);
	if (!c.nsteps || !a_len)
		return NULL;
	for (int i = 0; i < c.nsteps; i++)
		if (!c.step[i].qty_len)
			return NULL;
	const demand_link *last = &c.step[c.nsteps - 1];
	const char *t = d->metric_unit + t_at;
	return xasprintf("%.*s%s%s", (int)last->qty_len, d->steps + last->unit, *t ? " per " : "", t);
}

int demand_fold_old(ap_driver *d, ap_err *e)
{
	int has_unit = d->old_factor_unit && *d->old_factor_unit;
	if (isnan(d->old_factor) && !has_unit)
		return AP_OK;
	if (d->steps && *d->steps)
		return ap_fail(e, AP_EINPUT, "a driver gives its chain as steps or, as older documents did, as factor and "
			"factor_unit: not both");
	free(d->steps);
	d->steps = demand_step_text(d->old_factor, d->old_factor_unit);
	d->old_factor = NAN;
	free(d->old_factor_unit);
	d->old_factor_unit = xstrdup("");
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
	snprintf(g, sizeof g, "%+.4g%%/year", c->growth);
	if (c->missing & DEMAND_VALUE)
		return xasprintf("grows %s", g);
	demand_format(c->metric[1], v2, sizeof v2);
	demand_format(c->metric[2], v5, sizeof v5);
	return xasprintf("grows %s: %s in 2 years, %s in 5 years%s%s%s", g, v2, v5,
		d->metric_unit && *d->metric_unit ? " (" : "", unit_or(d->metric_unit),
		d->metric_unit && *d->metric_unit ? ")" : "");
}

void demand_step_unit(const ap_driver *d, const demand_chain *c, int i, char *out, size_t size)
{
	const demand_link *l = &c->step[i];
	size_t a_len, t_at;
	if (i == c->nsteps - 1 && d->product_unit && *d->product_unit) {
		snprintf(out, size, "%s", d->product_unit);
		return;
	}
	end_use_unit(d, &a_len, &t_at);
	const char *t = d->metric_unit ? d->metric_unit + t_at : "";
	snprintf(out, size, "%.*s%s%s", (int)l->qty_len, d->steps + l->unit, l->qty_len && *t ? " per " : "",
		l->qty_len ? t : "");
}

/* "V now, V2 in 2 years, V5 in 5 years" of figures v, "V now" alone when
 * there is no projection; the unit after the first. */
static char *horizons(const double v[DEMAND_HORIZONS], const char *unit)
{
	char f[DEMAND_HORIZONS][48];
	for (int h = 0; h < DEMAND_HORIZONS; h++)
		demand_format(v[h], f[h], sizeof f[h]);
	if (isnan(v[1]))
		return xasprintf("%s%s%s now", f[0], unit_sep(unit), unit_or(unit));
	return xasprintf("%s%s%s now, %s in 2 years, %s in 5 years", f[0], unit_sep(unit), unit_or(unit), f[1], f[2]);
}

static char *step_line(const ap_driver *d, const demand_chain *c, int i)
{
	const demand_link *l = &c->step[i];
	const char *unit = d->steps + l->unit;
	char f[48], qu[256];
	if (isnan(l->factor))
		return xasprintf("x ?%s%.*s: factor not given, so the customer's need is unknown", l->unit_len ? " " : "",
			(int)l->unit_len, unit);
	demand_format(l->factor, f, sizeof f);
	if (isnan(l->out[0]))
		return xasprintf("x %s%s%.*s", f, l->unit_len ? " " : "", (int)l->unit_len, unit);
	demand_step_unit(d, c, i, qu, sizeof qu);
	char *v = horizons(l->out, qu);
	char *s = xasprintf("x %s%s%.*s = %s%s", f, l->unit_len ? " " : "", (int)l->unit_len, unit,
		i == c->nsteps - 1 ? "customer need " : "", v);
	free(v);
	return s;
}

static char *step_share(const ap_driver *d, const demand_chain *c)
{
	char s[48];
	if (c->missing & DEMAND_SHARE)
		return xstrdup("our share not given: our implied demand is unknown");
	snprintf(s, sizeof s, "%.4g%%", c->share);
	if (isnan(c->ours[0]))
		return xasprintf("x our share %s", s);
	char *v = horizons(c->ours, d->product_unit);
	char *line = xasprintf("x our share %s = our demand %s", s, v);
	free(v);
	return line;
}

int demand_lines(const ap_driver *d, const demand_chain *c, char *lines[DEMAND_LINES_MAX])
{
	int n = 0;
	lines[n++] = step_value(d, c);
	lines[n++] = step_growth(d, c);
	if (!c->nsteps)
		lines[n++] = xstrdup("factor not given: the customer's need per metric unit is unknown");
	for (int i = 0; i < c->nsteps; i++)
		lines[n++] = step_line(d, c, i);
	lines[n++] = step_share(d, c);
	return n;
}

void demand_change_text(double b, double a, char *out, size_t size)
{
	char dv[48] = "", dp[48] = "";
	if (isfinite(a - b) && a != b) {
		demand_format(a - b, dv + 1, sizeof dv - 1);
		dv[0] = a > b ? '+' : ' ';
		if (dv[1] == '-')
			memmove(dv, dv + 1, strlen(dv));
		if (b != 0)
			snprintf(dp, sizeof dp, " (%+.3g%%)", (a - b) / fabs(b) * 100.0);
	}
	snprintf(out, size, "%s%s", dv, dp);
}

int demand_whatif_apply(const demand_chain *before, const demand_whatif *w, const char *what, demand_chain *after,
	ap_err *e)
{
	int rc = demand_check_number(w->what, what, w->v, e);
	if (rc)
		return rc;
	if (isnan(w->v))
		return ap_fail(e, AP_EINPUT, "%s: a what-if needs a number", what);
	*after = *before;
	switch (w->what) {
	case DEMAND_N_GROWTH: after->growth = w->v; break;
	case DEMAND_N_SHARE: after->share = w->v; break;
	case DEMAND_N_VALUE: after->value = w->v; break;
	case DEMAND_N_FACTOR:
		if (w->step < 1 || w->step > before->nsteps)
			return ap_fail(e, AP_EINPUT, "%s: the chain has no step %d (it has %d)", what, w->step, before->nsteps);
		after->step[w->step - 1].factor = w->v;
		break;
	}
	demand_eval(after);
	return AP_OK;
}
