/* store_report.h - the reads behind the portfolio synthesis.
 *
 * Each function is one query over the whole portfolio (never a query per
 * account) that hands its rows to a callback one at a time, so a report of
 * many thousand accounts holds only what it aggregates. They are plain scans
 * in no promised order: picking the current answer or the last engagement
 * and grouping by industry are cheaper in the caller's memory than in
 * SQLite's temporary b-trees (a third of the time on 10,000 accounts).
 * Strings passed to a callback are valid only during the call. */
#ifndef ACCTPLAN_STORE_REPORT_H
#define ACCTPLAN_STORE_REPORT_H

#include "acctplan/store.h"

/* Every account, by name without regard to case: its id, name, segment
 * (enum ap_segment, -1 unknown) and the day it was added (days since
 * 1970-01-01, -1 when unreadable). */
typedef struct store_report_account {
	long long id;
	const char *name;
	int segment;
	long created;
} store_report_account;
int store_report_accounts(store *s, void (*row)(void *ctx, const store_report_account *a), void *ctx, ap_err *e);

/* Every account reviewed in a review (state reviewed), with the day. */
int store_report_reviews(store *s, void (*row)(void *ctx, long long account, long day), void *ctx, ap_err *e);

/* Every answer, earlier versions included: the one with the highest id of
 * its (account, question) is current. date is days since 1970-01-01 (-1 when
 * unreadable), source an enum ap_source (-1 when unknown). */
typedef struct store_report_answer {
	long long account, id;
	const char *question, *value;
	long date;
	int source;
} store_report_answer;
int store_report_answers(store *s, void (*row)(void *ctx, const store_report_answer *a), void *ctx,
	ap_err *e);

/* Every end customer's account, industry (as written) and trend (-1 when not recorded). */
int store_report_end_customers(store *s,
	void (*row)(void *ctx, long long account, const char *industry, int trend), void *ctx, ap_err *e);

/* The open actions per tier, and of them those due before today
 * (YYYY-MM-DD): two counts a tier, in one grouped query. */
int store_report_actions(store *s, const char *today, size_t open[TIER_COUNT], size_t overdue[TIER_COUNT], ap_err *e);

/* Every engagement's account, tier and date (days since 1970-01-01). */
int store_report_engagements(store *s,
	void (*row)(void *ctx, long long account, int tier, long date), void *ctx, ap_err *e);

/* Every contact that someone of ours holds, or that decides (decision-maker),
 * in no particular order: its account, name, owner's member id (0: nobody),
 * buying role (-1 none) and level. */
typedef struct store_report_contact {
	long long account, owner;
	const char *name;
	int role, level;
} store_report_contact;
int store_report_contacts(store *s, void (*row)(void *ctx, const store_report_contact *c), void *ctx, ap_err *e);

/* One account's orders added up by currency and the month their period
 * starts (a quarter: its first month; month as trend_month counts, -1 when
 * unreadable), of the periods starting from month `from` to `to` (YYYY-MM,
 * both included), in no particular order: one grouped query. Account 0:
 * every account's, one row per order (rows of a month are not added up). */
typedef struct store_order_month {
	long long account;
	char currency[4];
	int month;
	long long minor;
} store_order_month;
int store_order_months(store *s, long long account, const char *from, const char *to,
	void (*row)(void *ctx, const store_order_month *m), void *ctx, ap_err *e);

/* The functions of ours that touch accounts: those of an active member
 * who holds one of the account's contacts or sat in one of its held
 * meetings on or after since (YYYY-MM-DD). One row per account and function
 * (enum ap_function), in no particular order, from one grouped query;
 * account 0: every account's. */
int store_function_touches(store *s, long long account, const char *since,
	void (*row)(void *ctx, long long account, int function), void *ctx, ap_err *e);

/* The give and take of one account between from and to (YYYY-MM-DD, both
 * included): how many gives and takes, and how many records it has at all. */
typedef struct exchange_balance {
	long long given, taken, ever;
} exchange_balance;
int store_exchange_balance(store *s, long long account, const char *from, const char *to, exchange_balance *b,
	ap_err *e);

/* Every account's gives and takes between from and to (YYYY-MM-DD, both
 * included), counted in one grouped query: a row per account and direction
 * (enum ap_xdir) that has any. */
int store_report_exchanges(store *s, const char *from, const char *to,
	void (*row)(void *ctx, long long account, int direction, long long n), void *ctx, ap_err *e);

#endif
