/* trend.h - how fast an account's orders grow, and how that compares with
 * the growth its demand chains imply.
 *
 * The growth of orders is the least-squares slope of ln(amount) over the
 * last TREND_QUARTERS complete quarters (those that ended before today),
 * annualised: (exp(4 × slope) − 1) × 100 % a year. A quarter's amount adds
 * up every order whose period lies in it (its months, or the quarter
 * itself) over every product. Amounts are in one currency: the only one
 * the orders use, else the reporting currency of config.ini [money] when
 * it has a rate for each; otherwise there is no trend. A quarter whose
 * orders add up to zero or less has no logarithm: it is left out, and at
 * least TREND_MIN_QUARTERS quarters above zero are needed. Money stays in
 * integer minor units until the logarithm.
 *
 * A chain's growth is the growth of our demand it implies: the end use's
 * growth, its factors and our share being constant. The gap between the
 * two is chain − orders, in points a year. Pure computation apart from
 * trend_of; the workbench calls trend_of and trend_text as the CLI does. */
#ifndef ACCTPLAN_TREND_H
#define ACCTPLAN_TREND_H

#include "acctplan/config.h"
#include "acctplan/store.h"

#define TREND_QUARTERS 8
#define TREND_MIN_QUARTERS 4

/* One sum of orders of the window: a currency, a quarter (0 the oldest of
 * the window, TREND_QUARTERS - 1 the last complete one) and minor units.
 * Several may share a currency and quarter: they add up. */
typedef struct trend_sum {
	char currency[4];
	int quarter;
	long long minor;
} trend_sum;
typedef AP_VEC(trend_sum) trend_sums;   /* nothing to free but .v */

/* Why there is a growth or not. */
enum trend_why {
	TREND_OK,          /* growth computed */
	TREND_NO_ORDERS,   /* no order in the window */
	TREND_FEW,         /* fewer than TREND_MIN_QUARTERS quarters above zero */
	TREND_NO_RATE,     /* several currencies, and [money] lacks a rate for one */
};

typedef struct order_trend {
	int why;                            /* enum trend_why */
	char from[8], to[8];                /* the window's first and last quarter, YYYY-Qn */
	char currency[4];                   /* of amount[] ("" for TREND_NO_RATE, TREND_NO_ORDERS) */
	char missing[4];                    /* TREND_NO_RATE: a currency without a rate */
	long long amount[TREND_QUARTERS];   /* per quarter of the window, in currency */
	int quarters;                       /* quarters above zero */
	double growth;                      /* % a year; TREND_OK only */
} order_trend;

/* A month as a number: year × 12 + month − 1 (2026-11: 24322); -1 when
 * text is no YYYY-MM. */
int trend_month(const char *text);
/* The month an order's period (YYYY-MM or YYYY-Qn) begins in, as
 * trend_month counts (a quarter: its first month); -1 for anything else.
 * Read by hand: the rules read every order of a portfolio through it. */
int trend_period_month(const char *period);
/* The first month of the window (TREND_QUARTERS quarters before the
 * quarter of day `today`) and the last (the month before that quarter). */
void trend_window(long today, int *first, int *last);
/* The quarter of the window month lies in (0 .. TREND_QUARTERS - 1), -1
 * when outside it. */
int trend_quarter(long today, int month);

/* The least-squares slope of y over x, n points; 0 for fewer than two
 * points or when every x is the same. */
double trend_slope(const double *x, const double *y, int n);
/* The annualised growth, in % a year, of quarterly amounts a[0, n) (one
 * quarter apart): the quarters above zero are fitted, at their place;
 * returns how many there were. *growth is set only when that is at least
 * TREND_MIN_QUARTERS. */
int trend_fit(const long long *a, int n, double *growth);

/* The trend of sums v[0, n) of the window ending before today's quarter,
 * converted with money's [money] rates where more than one currency is
 * ordered in (money may be NULL: none). */
void trend_compute(const ap_config *money, const trend_sum *v, size_t n, long today, order_trend *t);
/* One account's trend as of today: its orders read in one grouped query,
 * then trend_compute. */
int trend_of(store *s, const ap_config *money, long long account, long today, order_trend *t, ap_err *e);

/* Whether orders diverge from a chain: they trail it by more than points
 * (gap = chain − orders > points, to within 1e-9 of a point), or the chain
 * says falling (below zero) while orders still grow (above zero). */
int trend_diverges(double orders, double chain, double points);

/* A growth for people, rounded to a whole percent: "+18", "-8", "0". */
void trend_pct(double growth, char out[16]);
/* The orders' trend in words, appended to b: "-8 %/yr over 7 quarters
 * (2024-Q4 to 2026-Q3, EUR)", or why there is none: "none: only 3
 * quarters with orders in 2024-Q4 to 2026-Q3 (4 needed)", "none: orders
 * in several currencies and no rate for USD in [money]", "none: no order
 * in 2024-Q4 to 2026-Q3". */
void trend_text(const order_trend *t, ap_buf *b);
/* One chain against the orders, appended to b: "the chain 'Hours
 * streamed' implies +18 %/yr: orders trail it by 26 points" (or "run 5
 * points ahead of it", "keep pace with it"); metric NULL: "this chain". */
void trend_chain_text(const order_trend *t, const char *metric, double chain, ap_buf *b);
/* "; " and trend_chain_text for each driver with a growth, appended to b. */
void trend_drivers_text(const order_trend *t, const ap_drivers *drivers, ap_buf *b);
/* The trend as a JSON object: why ("ok", "no_orders", "few_quarters",
 * "no_rate"), from, to, currency, quarters, growth (null unless ok), and
 * chains [{driver, metric, growth, gap}] for the drivers with a growth. */
struct json_w;
void trend_json(struct json_w *w, const order_trend *t, const ap_drivers *drivers);

#endif
