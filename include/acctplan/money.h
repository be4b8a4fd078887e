/* money.h - amounts of money as integer minor units of an ISO 4217
 * currency (cents, yen), never floating point, and the periods orders are
 * booked in (a month YYYY-MM or a quarter YYYY-Qn). Pure: no I/O. */
#ifndef ACCTPLAN_MONEY_H
#define ACCTPLAN_MONEY_H

#include "acctplan/util.h"

/* The largest amount kept, in minor units either way of zero: far beyond
 * any order, and its sums over a portfolio stay inside 64 bits. */
#define MONEY_MAX 999999999999999LL

/* Digits after the decimal point of a currency (EUR 2, JPY 0, BHD 3); -1
 * when code is no currency acctplan knows (three capitals from ISO 4217). */
int money_digits(const char *code);
/* AP_EINPUT "unknown currency 'EUX' (ISO 4217, like EUR, USD, GBP, JPY)"
 * naming `what` unless code is one. */
int money_currency_check(const char *what, const char *code, ap_err *e);

/* Parse a decimal amount ("-1234.5", "12", with decimal_comma "1234,50")
 * in currency into minor units. Thousands separators are refused (the
 * amount would be ambiguous); more decimals than the currency has, no
 * digits, or beyond MONEY_MAX: AP_EINPUT naming `what`. */
int money_parse(const char *what, const char *text, const char *currency, int decimal_comma, long long *minor,
	ap_err *e);
/* minor units of currency as a decimal: "-1234.50", "12" (JPY). out of 32 bytes. */
void money_format(long long minor, const char *currency, char out[32]);

/* A rate: how many units of the reporting currency one unit of another is
 * worth, a decimal string of up to 9 decimals kept as an integer of 1e-9
 * units. AP_EINPUT naming what when it is not a positive decimal. */
typedef long long money_rate;
#define MONEY_RATE_ONE 1000000000LL
int money_rate_parse(const char *what, const char *text, money_rate *out, ap_err *e);
/* minor units of `from` converted at rate into minor units of `to`,
 * rounded half away from zero (to the nearest minor unit of `to`). */
long long money_convert(long long minor, const char *from, money_rate rate, const char *to);

/* A period: a month (YYYY-MM) or a quarter (YYYY-Qn). */
enum period_kind { PERIOD_MONTH, PERIOD_QUARTER };
typedef struct money_period {
	int year, kind, n;   /* kind: enum period_kind; n: the month 1-12 or the quarter 1-4 */
} money_period;
/* AP_EINPUT naming what for anything but YYYY-MM or YYYY-Qn (2026-13 and
 * 2026-Q5 are refused), the year from 1900 to 9999. */
int money_period_parse(const char *what, const char *text, money_period *out, ap_err *e);
/* The first and last day of the period (YYYY-MM-DD, 11 bytes each). */
void money_period_days(const money_period *p, char first[11], char last[11]);
/* The period moved by whole quarters (a month by three months each), so a
 * quarter stays a quarter and months keep their place in it; -1 when the
 * year would leave 1900 to 9999, *p unchanged. */
int money_period_move(money_period *p, int quarters);
/* "YYYY-MM" or "YYYY-Qn" (8 bytes). */
void money_period_format(const money_period *p, char out[8]);

#endif
