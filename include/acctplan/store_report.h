/* store_report.h - the reads behind the portfolio synthesis.
 *
 * Each function is one set-based query over the whole portfolio (never a
 * query per account), handing its rows to a callback one at a time, so a
 * report of many thousand accounts holds only what it aggregates. Strings
 * passed to a callback are valid only during the call. */
#ifndef ACCTPLAN_STORE_REPORT_H
#define ACCTPLAN_STORE_REPORT_H

#include "acctplan/store.h"

/* How many questions store_report_accounts reads per account. */
#define STORE_REPORT_QUESTIONS 5

typedef struct store_report_account {
	long long id;
	const char *name;
	const char *value[STORE_REPORT_QUESTIONS];  /* current answer, NULL when none */
	int source[STORE_REPORT_QUESTIONS];         /* enum ap_source, -1 when none */
} store_report_account;

/* Every account by name (case-insensitive), with its current answers to the
 * given question ids (a NULL id reads nothing). */
int store_report_accounts(store *s, const char *const questions[STORE_REPORT_QUESTIONS],
	void (*row)(void *ctx, const store_report_account *a), void *ctx, ap_err *e);

/* Each distinct (industry, account, trend) of the end customers recorded,
 * ordered by industry without regard to case, then account id. key is the
 * industry lowercased and trimmed, for grouping; trend -1 when not recorded. */
int store_report_industries(store *s,
	void (*row)(void *ctx, const char *key, const char *industry, long long account, int trend),
	void *ctx, ap_err *e);

/* The date (days since 1970-01-01) of every current answer, by account. */
int store_report_answer_dates(store *s,
	void (*row)(void *ctx, long long account, const char *question, long date), void *ctx, ap_err *e);

/* The date of each tier's last engagement with each account that had one. */
int store_report_last_engagements(store *s,
	void (*row)(void *ctx, long long account, int tier, long date), void *ctx, ap_err *e);

#endif
