/* store_report.c - one query per section of the portfolio synthesis. */
#include <stdlib.h>

#include "acctplan/store_report.h"
#include "store_internal.h"

/* Step every row of a prepared statement through `each`, then reset it. */
static int each_row(store *s, sqlite3_stmt *st, const char *doing,
	void (*each)(sqlite3_stmt *st, void *arg), void *arg, ap_err *e)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		each(st, arg);
	st_done(st);
	return rc == SQLITE_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

static long col_date(sqlite3_stmt *st, int i)
{
	long days = -1;
	const char *v = (const char *)sqlite3_column_text(st, i);
	if (v && ap_date_parse(v, &days) != 0)
		days = -1;
	return days;
}

/* ---- accounts with a few current answers ---- */

/* The newest answer row of (account, question) is found through the
 * answer_by_question index, one seek per account and question. */
#define CURRENT(n) \
	" LEFT JOIN answer q" #n " ON q" #n ".id = (SELECT max(id) FROM answer" \
	" WHERE account_id = a.id AND question = ?" #n ")"

struct accounts_arg {
	void (*row)(void *ctx, const store_report_account *a);
	void *ctx;
};

static void account_row(sqlite3_stmt *st, void *arg)
{
	struct accounts_arg *x = arg;
	store_report_account a = {.id = sqlite3_column_int64(st, 0), .name = (const char *)sqlite3_column_text(st, 1)};
	for (int q = 0; q < STORE_REPORT_QUESTIONS; q++) {
		a.value[q] = (const char *)sqlite3_column_text(st, 2 + 2 * q);
		a.source[q] = col_name(st, 3 + 2 * q, &ap_sources);
	}
	x->row(x->ctx, &a);
}

int store_report_accounts(store *s, const char *const questions[STORE_REPORT_QUESTIONS],
	void (*row)(void *ctx, const store_report_account *a), void *ctx, ap_err *e)
{
	static const char sql[] = "SELECT a.id, a.name, q1.value, q1.source, q2.value, q2.source,"
		" q3.value, q3.source, q4.value, q4.source, q5.value, q5.source FROM account a"
		CURRENT(1) CURRENT(2) CURRENT(3) CURRENT(4) CURRENT(5)
		" ORDER BY lower(a.name), a.id";
	sqlite3_stmt *st = st_prep(s, sql, "reading the portfolio's answers", e);
	if (!st)
		return AP_ESTORE;
	for (int q = 0; q < STORE_REPORT_QUESTIONS; q++)
		bind_text(st, q + 1, questions[q]);
	struct accounts_arg x = {row, ctx};
	return each_row(s, st, "reading the portfolio's answers", account_row, &x, e);
}

/* ---- end-customer industries ---- */

struct industries_arg {
	void (*row)(void *ctx, const char *key, const char *industry, long long account, int trend);
	void *ctx;
};

static void industry_row(sqlite3_stmt *st, void *arg)
{
	struct industries_arg *x = arg;
	x->row(x->ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		sqlite3_column_int64(st, 2), col_name(st, 3, &ap_trends));
}

int store_report_industries(store *s,
	void (*row)(void *ctx, const char *key, const char *industry, long long account, int trend),
	void *ctx, ap_err *e)
{
	static const char sql[] = "SELECT lower(trim(industry)) AS k, min(industry), account_id, trend"
		" FROM end_customer GROUP BY k, account_id, trend ORDER BY k, account_id, trend";
	sqlite3_stmt *st = st_prep(s, sql, "reading end-customer industries", e);
	if (!st)
		return AP_ESTORE;
	struct industries_arg x = {row, ctx};
	return each_row(s, st, "reading end-customer industries", industry_row, &x, e);
}

/* ---- answer dates and engagements, for coverage ---- */

struct dates_arg {
	void (*row)(void *ctx, long long account, const char *question, long date);
	void *ctx;
};

static void date_row(sqlite3_stmt *st, void *arg)
{
	struct dates_arg *x = arg;
	x->row(x->ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1), col_date(st, 2));
}

int store_report_answer_dates(store *s,
	void (*row)(void *ctx, long long account, const char *question, long date), void *ctx, ap_err *e)
{
	static const char sql[] = "SELECT x.account_id, x.question, x.answered_on FROM answer x"
		" JOIN (SELECT max(id) AS id FROM answer GROUP BY account_id, question) c ON c.id = x.id";
	sqlite3_stmt *st = st_prep(s, sql, "reading answer dates", e);
	if (!st)
		return AP_ESTORE;
	struct dates_arg x = {row, ctx};
	return each_row(s, st, "reading answer dates", date_row, &x, e);
}

struct engagements_arg {
	void (*row)(void *ctx, long long account, int tier, long date);
	void *ctx;
};

static void engagement_row(sqlite3_stmt *st, void *arg)
{
	struct engagements_arg *x = arg;
	x->row(x->ctx, sqlite3_column_int64(st, 0), col_name(st, 1, &ap_tiers), col_date(st, 2));
}

int store_report_last_engagements(store *s,
	void (*row)(void *ctx, long long account, int tier, long date), void *ctx, ap_err *e)
{
	static const char sql[] = "SELECT account_id, tier, max(held_on) FROM engagement GROUP BY account_id, tier";
	sqlite3_stmt *st = st_prep(s, sql, "reading the last engagements", e);
	if (!st)
		return AP_ESTORE;
	struct engagements_arg x = {row, ctx};
	return each_row(s, st, "reading the last engagements", engagement_row, &x, e);
}
