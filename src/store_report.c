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

/* ---- accounts and their current answers ---- */

struct accounts_arg {
	void (*row)(void *ctx, long long id, const char *name);
	void *ctx;
};

static void account_row(sqlite3_stmt *st, void *arg)
{
	struct accounts_arg *x = arg;
	x->row(x->ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1));
}

int store_report_accounts(store *s, void (*row)(void *ctx, long long id, const char *name), void *ctx,
	ap_err *e)
{
	static const char sql[] = "SELECT id, name FROM account ORDER BY lower(name), id";
	sqlite3_stmt *st = st_prep(s, sql, "listing the portfolio", e);
	if (!st)
		return AP_ESTORE;
	struct accounts_arg x = {row, ctx};
	return each_row(s, st, "listing the portfolio", account_row, &x, e);
}

struct answers_arg {
	void (*row)(void *ctx, long long account, const char *question, long date, int source, const char *value);
	void *ctx;
};

static void answer_row(sqlite3_stmt *st, void *arg)
{
	struct answers_arg *x = arg;
	x->row(x->ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1), col_date(st, 2),
		col_name(st, 3, &ap_sources), (const char *)sqlite3_column_text(st, 4));
}

/* The current answer is the newest row of its (account, question); the
 * grouped max(id) is a walk of answer_by_question, not a query per account. */
int store_report_answers(store *s,
	void (*row)(void *ctx, long long account, const char *question, long date, int source, const char *value),
	void *ctx, ap_err *e)
{
	static const char sql[] = "SELECT x.account_id, x.question, x.answered_on, x.source, x.value FROM answer x"
		" JOIN (SELECT max(id) AS id FROM answer GROUP BY account_id, question) c ON c.id = x.id";
	sqlite3_stmt *st = st_prep(s, sql, "reading the portfolio's answers", e);
	if (!st)
		return AP_ESTORE;
	struct answers_arg x = {row, ctx};
	return each_row(s, st, "reading the portfolio's answers", answer_row, &x, e);
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

/* ---- engagements, for coverage ---- */

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
