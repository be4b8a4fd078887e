/* money.c - amounts as integer minor units, currencies, rates and periods. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/money.h"

/* ISO 4217 codes in use, with their minor-unit digits. A currency missing
 * here is refused, not guessed at: a wrong number of decimals would shift
 * every amount by a factor of ten. */
static const struct {
	char code[4];
	int digits;
} currencies[] = {
	{"AED", 2}, {"ARS", 2}, {"AUD", 2}, {"BGN", 2}, {"BHD", 3}, {"BRL", 2}, {"CAD", 2}, {"CHF", 2}, {"CLP", 0},
	{"CNY", 2}, {"COP", 2}, {"CZK", 2}, {"DKK", 2}, {"EGP", 2}, {"EUR", 2}, {"GBP", 2}, {"HKD", 2}, {"HUF", 2},
	{"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KRW", 0}, {"KWD", 3}, {"MAD", 2},
	{"MXN", 2}, {"MYR", 2}, {"NGN", 2}, {"NOK", 2}, {"NZD", 2}, {"OMR", 3}, {"PEN", 2}, {"PHP", 2}, {"PKR", 2},
	{"PLN", 2}, {"QAR", 2}, {"RON", 2}, {"RSD", 2}, {"SAR", 2}, {"SEK", 2}, {"SGD", 2}, {"THB", 2}, {"TND", 3},
	{"TRY", 2}, {"TWD", 2}, {"UAH", 2}, {"USD", 2}, {"VND", 0}, {"ZAR", 2},
};

int money_digits(const char *code)
{
	if (!code || strlen(code) != 3)
		return -1;
	for (size_t i = 0; i < sizeof currencies / sizeof currencies[0]; i++)
		if (strcmp(currencies[i].code, code) == 0)
			return currencies[i].digits;
	return -1;
}

int money_currency_check(const char *what, const char *code, ap_err *e)
{
	if (money_digits(code) >= 0)
		return AP_OK;
	return ap_fail(e, AP_EINPUT, "%s: unknown currency '%s' (an ISO 4217 code in capitals, like EUR, USD, GBP, JPY)",
		what, code ? code : "");
}

static long long pow10ll(int n)
{
	long long v = 1;
	while (n-- > 0)
		v *= 10;
	return v;
}

int money_parse(const char *what, const char *text, const char *currency, int decimal_comma, long long *minor,
	ap_err *e)
{
	int digits = money_digits(currency);
	if (digits < 0)
		return money_currency_check(what, currency, e);
	const char *p = text ? text : "";
	char point = decimal_comma ? ',' : '.';
	int neg = *p == '-';
	p += *p == '-' || *p == '+';
	long long whole = 0, frac = 0;
	int nwhole = 0, nfrac = 0, seen_point = 0;
	for (; *p; p++) {
		if (*p == point && !seen_point) {
			seen_point = 1;
		} else if (*p >= '0' && *p <= '9') {
			if (seen_point) {
				if (++nfrac > digits)
					return ap_fail(e, AP_EINPUT, "%s: '%s' has more decimals than %s has (%d)", what, text,
						currency, digits);
				frac = frac * 10 + (*p - '0');
			} else {
				if (whole > MONEY_MAX / 10)
					return ap_fail(e, AP_EINPUT, "%s: '%s' is too large an amount", what, text);
				whole = whole * 10 + (*p - '0');
				nwhole++;
			}
		} else {
			const char *hint = *p == ',' || *p == '.' ? (decimal_comma
				? " (with --decimal-comma the decimals follow a comma, and there are no thousands separators)"
				: " (the decimals follow a point, and there are no thousands separators)") : "";
			return ap_fail(e, AP_EINPUT, "%s: '%s' is not an amount%s", what, text, hint);
		}
	}
	if (!nwhole && !nfrac)
		return ap_fail(e, AP_EINPUT, "%s: '%s' is not an amount (digits, a %s and up to %d decimals)", what, text,
			decimal_comma ? "comma" : "point", digits);
	long long scale = pow10ll(digits);
	if (whole > MONEY_MAX / scale)
		return ap_fail(e, AP_EINPUT, "%s: '%s' is too large an amount", what, text);
	long long v = whole * scale + frac * pow10ll(digits - nfrac);
	if (v > MONEY_MAX)
		return ap_fail(e, AP_EINPUT, "%s: '%s' is too large an amount", what, text);
	*minor = neg ? -v : v;
	return AP_OK;
}

void money_format(long long minor, const char *currency, char out[32])
{
	int digits = money_digits(currency);
	if (digits <= 0) {
		snprintf(out, 32, "%lld", minor);
		return;
	}
	unsigned long long scale = (unsigned long long)pow10ll(digits);
	unsigned long long a = minor < 0 ? 0ULL - (unsigned long long)minor : (unsigned long long)minor;
	char frac[24];
	snprintf(frac, sizeof frac, "%03llu", a % scale);   /* digits is at most 3 */
	snprintf(out, 32, "%s%llu.%s", minor < 0 ? "-" : "", a / scale, frac + 3 - digits);
}

int money_rate_parse(const char *what, const char *text, money_rate *out, ap_err *e)
{
	const char *p = text ? text : "";
	long long whole = 0, frac = 0;
	int nfrac = 0, point = 0, any = 0;
	for (; *p; p++) {
		if (*p == '.' && !point)
			point = 1;
		else if (*p >= '0' && *p <= '9' && !point && whole < 1000000000LL)
			whole = whole * 10 + (*p - '0'), any = 1;
		else if (*p >= '0' && *p <= '9' && point && nfrac < 9)
			frac = frac * 10 + (*p - '0'), nfrac++, any = 1;
		else
			return ap_fail(e, AP_EINPUT, "%s: '%s' is not a rate (a positive decimal, up to 9 decimals, "
				"below 1,000,000,000)", what, text);
	}
	long long v = whole * MONEY_RATE_ONE + frac * pow10ll(9 - nfrac);
	if (!any || v <= 0)
		return ap_fail(e, AP_EINPUT, "%s: '%s' is not a rate (a positive decimal)", what, text);
	*out = v;
	return AP_OK;
}

long long money_convert(long long minor, const char *from, money_rate rate, const char *to)
{
	/* minor × rate × 10^(to digits − from digits) / 1e9, in 128 bits: the
	 * product of an amount and a rate needs more than 64. */
	__extension__ typedef __int128 wide;
	int shift = money_digits(to) - money_digits(from);
	wide num = (wide)minor * rate, den = MONEY_RATE_ONE;
	if (shift > 0)
		num *= pow10ll(shift);
	else if (shift < 0)
		den *= pow10ll(-shift);
	wide q = num / den, r = num % den;
	if (r != 0 && 2 * (r < 0 ? -r : r) >= den)
		q += num < 0 ? -1 : 1;
	return (long long)q;
}

int money_period_parse(const char *what, const char *text, money_period *out, ap_err *e)
{
	const char *s = text ? text : "";
	int year = 0, n = 0;
	char q = 0, tail = 0;
	int ok = strlen(s) == 7 && s[4] == '-' &&
		(sscanf(s, "%4d-Q%1d%c", &year, &n, &tail) == 2 ? (q = 'Q', 1) : sscanf(s, "%4d-%2d%c", &year, &n, &tail) == 2);
	for (int i = 0; ok && i < 4; i++)
		ok = s[i] >= '0' && s[i] <= '9';
	if (ok && !q)
		ok = s[5] >= '0' && s[5] <= '9' && s[6] >= '0' && s[6] <= '9';
	if (!ok || year < 1900 || (q ? n < 1 || n > 4 : n < 1 || n > 12))
		return ap_fail(e, AP_EINPUT, "%s: '%s' is not a period (a month YYYY-MM or a quarter YYYY-Q1 to YYYY-Q4)",
			what, s);
	*out = (money_period){year, q ? PERIOD_QUARTER : PERIOD_MONTH, n};
	return AP_OK;
}

void money_period_days(const money_period *p, char first[11], char last[11])
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int m0 = p->kind == PERIOD_QUARTER ? (p->n - 1) * 3 + 1 : p->n;
	int m1 = p->kind == PERIOD_QUARTER ? m0 + 2 : m0;
	int leap = (p->year % 4 == 0 && p->year % 100 != 0) || p->year % 400 == 0;
	int d = mdays[m1 - 1] + (m1 == 2 && leap);
	snprintf(first, 11, "%04d-%02d-01", p->year, m0);
	snprintf(last, 11, "%04d-%02d-%02d", p->year, m1, d);
}

int money_period_move(money_period *p, int quarters)
{
	int per_year = p->kind == PERIOD_QUARTER ? 4 : 12, step = p->kind == PERIOD_QUARTER ? 1 : 3;
	long i = (long)p->year * per_year + (p->n - 1) + (long)quarters * step;
	if (i < 1900L * per_year || i >= 10000L * per_year)
		return -1;
	p->year = (int)(i / per_year);
	p->n = (int)(i % per_year) + 1;
	return 0;
}

void money_period_format(const money_period *p, char out[8])
{
	if (p->kind == PERIOD_QUARTER)
		snprintf(out, 8, "%04u-Q%u", (unsigned)p->year % 10000u, (unsigned)p->n % 10u);
	else
		snprintf(out, 8, "%04u-%02u", (unsigned)p->year % 10000u, (unsigned)p->n % 100u);
}
