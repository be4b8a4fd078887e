/* revenue.c - an account's orders over the trailing twelve months. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/json.h"
#include "acctplan/revenue.h"

void revenue_window(long today, char from[8], char to[8])
{
	char day[11];
	ap_date_format(today, day);
	int y = 0, m = 0;
	sscanf(day, "%4d-%2d", &y, &m);
	snprintf(to, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
	m -= 11;
	if (m < 1) {
		m += 12;
		y--;
	}
	snprintf(from, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

void revenue_fold(const ap_config *cfg, const store_order_sum *v, size_t n, revenue *r)
{
	r->ncur = r->more = 0;
	r->total = 0;
	r->converted = cfg && cfg->money_currency && n > 0;
	r->missing[0] = '\0';
	snprintf(r->currency, sizeof r->currency, "%s", cfg && cfg->money_currency ? cfg->money_currency : "");
	for (size_t i = 0; i < n; i++) {
		if (r->ncur < REVENUE_CURRENCIES)
			r->cur[r->ncur++] = v[i];
		else
			r->more++;
		money_rate rate = r->converted ? config_rate(cfg, v[i].currency) : 0;
		if (rate)
			r->total += money_convert(v[i].minor, v[i].currency, rate, r->currency);
		else if (r->converted) {
			r->converted = 0;
			snprintf(r->missing, sizeof r->missing, "%s", v[i].currency);
		}
	}
}

int revenue_of(store *s, const ap_config *cfg, long long account, long today, revenue *r, ap_err *e)
{
	store_order_sums_v v = {0};
	memset(r, 0, sizeof *r);
	revenue_window(today, r->from, r->to);
	int rc = store_order_sums(s, account, r->from, r->to, &v, e);
	if (!rc)
		revenue_fold(cfg, v.v, v.n, r);
	free(v.v);
	return rc;
}

void revenue_sum(store_order_sums_v *v, const char *currency, long long minor)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i].currency, currency) == 0) {
			v->v[i].minor += minor;
			return;
		}
	store_order_sum *x = ap_vec_push(v);
	x->account = 0;
	snprintf(x->currency, sizeof x->currency, "%s", currency);
	x->minor = minor;
}

int revenue_single(const revenue *r, long long *minor, const char **currency)
{
	if (r->converted) {
		*minor = r->total, *currency = r->currency;
		return 1;
	}
	if (r->ncur == 1 && !r->more) {
		*minor = r->cur[0].minor, *currency = r->cur[0].currency;
		return 1;
	}
	return 0;
}

double revenue_share(const revenue *part, const revenue *whole)
{
	long long a, b;
	const char *ca, *cb;
	if (!revenue_single(whole, &b, &cb) || b <= 0)
		return NAN;
	if (!part->ncur)
		return 0;
	if (!revenue_single(part, &a, &ca) || strcmp(ca, cb) != 0)
		return NAN;
	return 100.0 * (double)a / (double)b;
}

void revenue_amount(long long minor, const char *currency, ap_buf *b)
{
	char plain[32];
	money_format(minor, currency, plain);
	const char *digits = plain + (plain[0] == '-'), *point = strchr(digits, '.');
	size_t whole = point ? (size_t)(point - digits) : strlen(digits);
	buf_puts(b, plain[0] == '-' ? "-" : "");
	for (size_t i = 0; i < whole; i++) {
		if (i && (whole - i) % 3 == 0)
			buf_puts(b, ",");
		buf_add(b, digits + i, 1);
	}
	buf_printf(b, "%s %s", point ? point : "", currency);
}

void revenue_text(const revenue *r, ap_buf *b)
{
	if (!r->ncur) {
		buf_puts(b, "none");
		return;
	}
	for (int i = 0; i < r->ncur; i++) {
		buf_puts(b, i ? " + " : "");
		revenue_amount(r->cur[i].minor, r->cur[i].currency, b);
	}
	if (r->more)
		buf_printf(b, " + %d other currenc%s", r->more, r->more == 1 ? "y" : "ies");
	if (r->converted && (r->ncur > 1 || strcmp(r->cur[0].currency, r->currency) != 0)) {
		buf_puts(b, " = ");
		revenue_amount(r->total, r->currency, b);
	} else if (!r->converted && r->missing[0]) {
		buf_printf(b, " (no rate for %s in [money]: not added up)", r->missing);
	}
}

void revenue_json(json_w *w, const revenue *r)
{
	jw_obj(w);
	jw_kstr(w, "from", r->from);
	jw_kstr(w, "to", r->to);
	jw_key(w, "by_currency");
	jw_arr(w);
	for (int i = 0; i < r->ncur; i++) {
		char amount[32];
		money_format(r->cur[i].minor, r->cur[i].currency, amount);
		jw_obj(w);
		jw_kstr(w, "currency", r->cur[i].currency);
		jw_key(w, "amount");
		jw_number(w, amount);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	char total[32];
	money_format(r->total, r->currency, total);
	jw_key(w, "total");
	if (r->converted)
		jw_number(w, total);
	else
		jw_null(w);
	jw_kstr(w, "currency", r->converted ? r->currency : NULL);
	jw_obj_end(w);
}
