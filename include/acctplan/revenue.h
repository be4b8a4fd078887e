/* revenue.h - what an account's orders bring in: the trailing twelve
 * months (the twelve up to and including today's; a quarter counts when it
 * begins in them), per currency, and as one sum in the reporting currency
 * when config.ini [money] has a rate for every currency. Currencies are
 * never added together without a rate. */
#ifndef ACCTPLAN_REVENUE_H
#define ACCTPLAN_REVENUE_H

#include "acctplan/config.h"
#include "acctplan/store.h"

#define REVENUE_CURRENCIES 8   /* kept per account; more are counted in `more` */

typedef struct revenue {
	char from[8], to[8];             /* the window, YYYY-MM */
	store_order_sum cur[REVENUE_CURRENCIES];
	int ncur, more;
	int converted;                   /* every currency had a rate: total is in `currency` */
	long long total;
	char currency[4];
	char missing[4];                 /* a currency without a rate, when not converted */
} revenue;

/* The twelve months up to and including today's. */
void revenue_window(long today, char from[8], char to[8]);
/* Fold one account's sums (store_order_sums, in its order) into *r. */
void revenue_fold(const ap_config *cfg, const store_order_sum *v, size_t n, revenue *r);
/* One account's revenue of the window ending today, read and folded. */
int revenue_of(store *s, const ap_config *cfg, long long account, long today, revenue *r, ap_err *e);
/* Add minor units of currency into the sums v (one element per currency). */
void revenue_sum(store_order_sums_v *v, const char *currency, long long minor);
/* r as one amount: its total when converted, its only currency's when it
 * has one; 0 when it has none or several without a rate. */
int revenue_single(const revenue *r, long long *minor, const char **currency);
/* part as a percent of whole when both are one amount in one currency;
 * NaN otherwise, or when whole is not above zero. */
double revenue_share(const revenue *part, const revenue *whole);
/* An amount for people, with thousands separators: "-1,234,567.89 EUR". */
void revenue_amount(long long minor, const char *currency, ap_buf *b);
/* "412,500.00 EUR + 20,000.00 USD = 430,900.00 EUR" or, without a rate,
 * "412,500.00 EUR + 20,000.00 USD (no rate for USD in [money])"; "none". */
void revenue_text(const revenue *r, ap_buf *b);
/* The same as a JSON object: from, to, by_currency [{currency, amount}],
 * total and currency (null when not added up). */
struct json_w;
void revenue_json(struct json_w *w, const revenue *r);

#endif
