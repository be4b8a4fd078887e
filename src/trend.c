/* trend.c - the growth of an account's orders against its demand chains. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/json.h"
#include "acctplan/store_report.h"
#include "acctplan/trend.h"

int trend_month(const char *text)
{
	int y = 0, m = 0, n = 0;
	if (!text || sscanf(text, "%4d-%2d%n", &y, &m, &n) != 2 || n != 7 || text[7] || m < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

int trend_period_month(const char *p)
{
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (!p || p[i] < '0' || p[i] > '9')
			return -1;
		y = y * 10 + (p[i] - '0');
	}
	if (p[4] != '-' || p[7])
		return -1;
	if (p[5] == 'Q')
		return p[6] >= '1' && p[6] <= '4' ? y * 12 + (p[6] - '1') * 3 : -1;
	int m = (p[5] - '0') * 10 + (p[6] - '0');
	return p[5] >= '0' && p[5] <= '1' && p[6] >= '0' && p[6] <= '9' && m >= 1 && m <= 12 ? y * 12 + m - 1 : -1;
}

/* The month of a day, as trend_month counts. */
static int month_of(long day)
{
	char text[11];
	ap_date_format(day, text);
	text[7] = '\0';
	return trend_month(text);
}

void trend_window(long today, int *first, int *last)
{
	int m = month_of(today), quarter_start = m - m % 3;
	*first = quarter_start - 3 * TREND_QUARTERS;
	*last = quarter_start - 1;
}

int trend_quarter(long today, int month)
{
	int first, last;
	trend_window(today, &first, &last);
	return month < first || month > last ? -1 : (month - first) / 3;
}

/* "2026-Q3" of the quarter holding month m. */
static void quarter_name(int m, char out[8])
{
	snprintf(out, 8, "%04u-Q%u", (unsigned)(m / 12) % 10000u, (unsigned)(m % 12 / 3 + 1) % 10u);
}

/* "2026-07" of month m. */
static void month_name(int m, char out[8])
{
	snprintf(out, 8, "%04u-%02u", (unsigned)(m / 12) % 10000u, (unsigned)(m % 12 + 1) % 100u);
}

double trend_slope(const double *x, const double *y, int n)
{
	if (n < 2)
		return 0;
	double mx = 0, my = 0, sxy = 0, sxx = 0;
	for (int i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= n;
	my /= n;
	for (int i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) * (x[i] - mx);
	}
	return sxx > 0 ? sxy / sxx : 0;
}

int trend_fit(const long long *a, int n, double *growth)
{
	double x[TREND_QUARTERS], y[TREND_QUARTERS];
	int k = 0;
	for (int i = 0; i < n && i < TREND_QUARTERS; i++)
		if (a[i] > 0) {
			x[k] = i;
			y[k++] = log((double)a[i]);
		}
	if (k >= TREND_MIN_QUARTERS)
		*growth = (exp(4 * trend_slope(x, y, k)) - 1) * 100;
	return k;
}

/* The currency the trend is in: the one ordered in, or the reporting
 * currency when there are several and every one has a rate. */
static int pick_currency(const ap_config *money, const trend_sum *v, size_t n, order_trend *t)
{
	int several = 0;
	for (size_t i = 1; i < n; i++)
		several |= strcmp(v[i].currency, v[0].currency) != 0;
	if (!several) {
		memcpy(t->currency, v[0].currency, sizeof t->currency);
		return TREND_OK;
	}
	if (!money || !money->money_currency)
		return TREND_NO_RATE;   /* missing "": nothing to convert into */
	for (size_t i = 0; i < n; i++)
		if (!config_rate(money, v[i].currency)) {
			memcpy(t->missing, v[i].currency, sizeof t->missing);
			return TREND_NO_RATE;
		}
	snprintf(t->currency, sizeof t->currency, "%s", money->money_currency);
	return TREND_OK;
}

void trend_compute(const ap_config *money, const trend_sum *v, size_t n, long today, order_trend *t)
{
	int first, last;
	memset(t, 0, sizeof *t);
	trend_window(today, &first, &last);
	quarter_name(first, t->from);
	quarter_name(last, t->to);
	if (n == 0) {
		t->why = TREND_NO_ORDERS;
		return;
	}
	if ((t->why = pick_currency(money, v, n, t)) != TREND_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		int same = strcmp(v[i].currency, t->currency) == 0;
		if (v[i].quarter >= 0 && v[i].quarter < TREND_QUARTERS)
			t->amount[v[i].quarter] += same ? v[i].minor
				: money_convert(v[i].minor, v[i].currency, config_rate(money, v[i].currency), t->currency);
	}
	t->quarters = trend_fit(t->amount, TREND_QUARTERS, &t->growth);
	if (t->quarters < TREND_MIN_QUARTERS)
		t->why = TREND_FEW;
}

/* Each month's sums folded into the quarters of the window. */
struct fold {
	long today;
	trend_sums *v;
};

static void fold_month(void *ctx, const store_order_month *m)
{
	struct fold *f = ctx;
	int q = trend_quarter(f->today, m->month);
	if (q < 0)
		return;
	trend_sum *x = ap_vec_push(f->v);
	memcpy(x->currency, m->currency, sizeof x->currency);
	x->quarter = q;
	x->minor = m->minor;
}

int trend_of(store *s, const ap_config *money, long long account, long today, order_trend *t, ap_err *e)
{
	int first, last;
	char from[8], to[8];
	trend_sums v = {0};
	struct fold f = {today, &v};
	trend_window(today, &first, &last);
	month_name(first, from);
	month_name(last, to);
	int rc = store_order_months(s, account, from, to, fold_month, &f, e);
	trend_compute(money, v.v, v.n, today, t);
	free(v.v);
	return rc;
}

int trend_diverges(double orders, double chain, double points)
{
	return chain - orders > points + 1e-9 || (chain < 0 && orders > 0);
}

void trend_pct(double growth, char out[16])
{
	long r = lround(growth);
	snprintf(out, 16, r > 0 ? "+%ld" : "%ld", r);
}

void trend_text(const order_trend *t, ap_buf *b)
{
	char pct[16];
	switch (t->why) {
	case TREND_OK:
		trend_pct(t->growth, pct);
		buf_printf(b, "%s %%/yr over %d quarters (%s to %s, %s)", pct, t->quarters, t->from, t->to, t->currency);
		break;
	case TREND_FEW:
		buf_printf(b, "none: only %d quarter%s with orders in %s to %s (%d needed)", t->quarters,
			t->quarters == 1 ? "" : "s", t->from, t->to, TREND_MIN_QUARTERS);
		break;
	case TREND_NO_RATE:
		if (t->missing[0])
			buf_printf(b, "none: orders in several currencies and no rate for %s in [money]", t->missing);
		else
			buf_puts(b, "none: orders in several currencies and no reporting currency in [money]");
		break;
	default:
		buf_printf(b, "none: no order in %s to %s", t->from, t->to);
		break;
	}
}

void trend_chain_text(const order_trend *t, const char *metric, double chain, ap_buf *b)
{
	char pct[16];
	trend_pct(chain, pct);
	if (metric)
		buf_printf(b, "the chain '%s' implies %s %%/yr", metric, pct);
	else
		buf_printf(b, "this chain implies %s %%/yr", pct);
	if (t->why != TREND_OK)
		return;
	long gap = lround(chain - t->growth);
	if (gap > 0)
		buf_printf(b, ": orders trail it by %ld point%s", gap, gap == 1 ? "" : "s");
	else if (gap < 0)
		buf_printf(b, ": orders run %ld point%s ahead of it", -gap, gap == -1 ? "" : "s");
	else
		buf_puts(b, ": orders keep pace with it");
}

void trend_drivers_text(const order_trend *t, const ap_drivers *drivers, ap_buf *b)
{
	for (size_t i = 0; drivers && i < drivers->n; i++)
		if (!isnan(drivers->v[i].growth)) {
			buf_puts(b, "; ");
			trend_chain_text(t, drivers->v[i].metric, drivers->v[i].growth, b);
		}
}

/* A figure of JSON to one decimal: what the text rounds from, without the
 * noise of the last bits of a double. */
static double tenth(double v) { return round(v * 10) / 10; }

void trend_json(json_w *w, const order_trend *t, const ap_drivers *drivers)
{
	static const char *const why[] = {"ok", "no_orders", "few_quarters", "no_rate"};
	jw_obj(w);
	jw_kstr(w, "why", why[t->why]);
	jw_kstr(w, "from", t->from);
	jw_kstr(w, "to", t->to);
	jw_kstr(w, "currency", t->currency[0] ? t->currency : NULL);
	jw_kint(w, "quarters", t->quarters);
	jw_kreal(w, "growth", t->why == TREND_OK ? tenth(t->growth) : NAN);
	jw_key(w, "chains");
	jw_arr(w);
	for (size_t i = 0; drivers && i < drivers->n; i++) {
		const ap_driver *d = &drivers->v[i];
		if (isnan(d->growth))
			continue;
		jw_obj(w);
		jw_kint(w, "driver", d->id);
		jw_kstr(w, "metric", d->metric);
		jw_kreal(w, "growth", d->growth);
		jw_kreal(w, "gap", t->why == TREND_OK ? tenth(d->growth - t->growth) : NAN);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}
