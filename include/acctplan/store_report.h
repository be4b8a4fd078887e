/* store_report.h - the reads behind the portfolio synthesis.
 *
 * Each function is one set-based query over the whole portfolio (never a
 * query per account), handing its rows to a callback one at a time, so a
 * report of many thousand accounts holds only what it aggregates. Strings
 * passed to a callback are valid only during the call. */
#ifndef ACCTPLAN_STORE_REPORT_H
#define ACCTPLAN_STORE_REPORT_H

#include "acctplan/store.h"

/* Every account (id and name), by name without regard to case. */
int store_report_accounts(store *s, void (*row)(void *ctx, long long id, const char *name), void *ctx,
	ap_err *e);

/* Every current answer: its account, question, date (days since 1970-01-01,
 * -1 if unreadable), source (enum ap_source, -1 if unknown) and value. */
int store_report_answers(store *s,
	void (*row)(void *ctx, long long account, const char *question, long date, int source, const char *value),
	void *ctx, ap_err *e);

/* Each distinct (industry, account, trend) of the end customers recorded,
 * ordered by industry without regard to case, then account id. key is the
 * industry lowercased and trimmed, for grouping; trend -1 when not recorded. */
int store_report_industries(store *s,
	void (*row)(void *ctx, const char *key, const char *industry, long long account, int trend),
	void *ctx, ap_err *e);

/* The date of each tier's last engagement with each account that had one. */
int store_report_last_engagements(store *s,
	void (*row)(void *ctx, long long account, int tier, long date), void *ctx, ap_err *e);

#endif
