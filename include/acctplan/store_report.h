/* store_report.h - the reads behind the portfolio synthesis.
 *
 * Each function reads one table (or two merged by id) over the whole
 * portfolio, never a query per account, and hands its rows to a callback
 * one at a time, so a report of many thousand accounts holds only what it
 * aggregates. They read only the columns the synthesis uses, as plain scans
 * in no promised order unless said: picking the current answer or the last
 * engagement and grouping by industry are cheaper in the caller's memory
 * than in SQLite's temporary b-trees (GROUP BY over a table scan sorts the
 * whole table first). On PostgreSQL, inside a snapshot (store_snapshot_begin),
 * the rows come through cursors a chunk at a time, so memory stays bounded
 * there too. Strings passed to a callback are valid only during the call. */
#ifndef ACCTPLAN_STORE_REPORT_H
#define ACCTPLAN_STORE_REPORT_H

#include "acctplan/store.h"

/* Every account, in no particular order (sorting a hundred thousand names
 * in the caller costs a tenth of walking the name index and the table
 * row by row): its id, name, segment (enum ap_segment, -1 unknown) and the
 * day it was added (days since 1970-01-01, -1 when unreadable). */
typedef struct store_report_account {
	long long id;
	const char *name;
	int segment;
	long created;
} store_report_account;
int store_report_accounts(store *s, void (*row)(void *ctx, const store_report_account *a), void *ctx, ap_err *e);

/* Every account reviewed in a review (state reviewed), with the day. */
int store_report_reviews(store *s, void (*row)(void *ctx, long long account, long day), void *ctx, ap_err *e);

/* Every answer, earlier versions included, by id: the last of its
 * (account, question) is current. date is days since 1970-01-01 (-1 when
 * unreadable), source an enum ap_source (-1 when unknown); value is read
 * only for the answers to the questions named in valued (the rest have
 * NULL): the other answers' texts are most of the table's bytes. */
#define STORE_REPORT_VALUED 3
typedef struct store_report_answer {
	long long account;
	const char *question, *value;
	long date;
	int source;
} store_report_answer;
int store_report_answers(store *s, const char *const valued[STORE_REPORT_VALUED],
	void (*row)(void *ctx, const store_report_answer *a), void *ctx, ap_err *e);

/* Every end customer's account, industry (as written) and trend (-1 when not recorded). */
int store_report_end_customers(store *s,
	void (*row)(void *ctx, long long account, const char *industry, int trend), void *ctx, ap_err *e);

/* The open actions per tier, and of them those due before today
 * (YYYY-MM-DD): two counts a tier, in one grouped query. */
int store_report_actions(store *s, const char *today, size_t open[TIER_COUNT], size_t overdue[TIER_COUNT], ap_err *e);

/* Every held engagement: its account, tier and date (days since
 * 1970-01-01, -1 when unreadable) and, when it was held on or after since
 * (YYYY-MM-DD; NULL: never), the members of ours who sat in it, each
 * once. One read of the meetings merged by id with one of their
 * attendees, so who touches the accounts costs no second pass over them. */
typedef struct store_report_engagement {
	long long account;
	int tier;
	long date;
	const long long *members;
	size_t nmembers;
} store_report_engagement;
int store_report_engagements(store *s, const char *since,
	void (*row)(void *ctx, const store_report_engagement *g), void *ctx, ap_err *e);

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
 * both included), in no particular order: one grouped query. */
typedef struct store_order_month {
	long long account;
	char currency[4];
	int month;
	long long minor;
} store_order_month;
int store_order_months(store *s, long long account, const char *from, const char *to,
	void (*row)(void *ctx, const store_order_month *m), void *ctx, ap_err *e);

/* The functions of ours that touch an account: those of an active member
 * who holds one of its contacts or sat in one of its held meetings on or
 * after since (YYYY-MM-DD). One row per function (enum ap_function), in no
 * particular order, from one grouped query. (The portfolio works out every
 * account's from store_report_contacts and store_report_engagements.) */
int store_function_touches(store *s, long long account, const char *since,
	void (*row)(void *ctx, long long account, int function), void *ctx, ap_err *e);

/* Every order whose period begins in year `from` (YYYY) or later, one row
 * each in no particular order: its account, the month its period starts
 * (trend_period_month; -1 when unreadable), currency and minor units. One
 * scan of the table for both the revenue and the trend windows: walking
 * the period index instead fetches each row from the table on its own. */
typedef struct store_report_order {
	long long account;
	int month;
	const char *currency;
	long long minor;
} store_report_order;
int store_report_orders(store *s, const char *from, void (*row)(void *ctx, const store_report_order *o), void *ctx,
	ap_err *e);

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
