/* store_report.c - one scan per section of the portfolio synthesis. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/store_report.h"
#include "acctplan/trend.h"
#include "store_internal.h"

/* Run a constant query, handing every row to `each`, then reset it. */
static int each_row(store *s, const char *sql, const char *doing,
	void (*each)(db_stmt *st, void *arg), void *arg, ap_err *e)
{
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_stream(st);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		each(st, arg);
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

/* Parsing hundreds of thousands of dates costs a tenth of a report, yet a
 * portfolio holds few distinct days: remember the ones met. */
#define DATE_CACHE 4096

static long col_date(db_stmt *st, int i)
{
	static struct { long ymd, days; } cache[DATE_CACHE];
	const char *v = db_col_text(st, i);
	long ymd = 0;
	/* YYYY-MM-DD read once, as the number YYYYMMDD (the cache's key, never
	 * 0 for a date it holds); a NUL stops it as any other misplaced byte. */
	for (int k = 0; v && k < 10; k++) {
		if (k == 4 || k == 7) {
			if (v[k] != '-')
				return -1;
		} else if (v[k] >= '0' && v[k] <= '9') {
			ymd = ymd * 10 + (v[k] - '0');
		} else {
			return -1;
		}
	}
	if (!v || v[10])
		return -1;
	size_t slot = (size_t)ymd % DATE_CACHE;
	if (ymd && cache[slot].ymd == ymd)
		return cache[slot].days;
	long days;
	if (ap_date_parse((const char *)v, &days) != 0)
		return -1;
	cache[slot].ymd = ymd;
	cache[slot].days = days;
	return days;
}

/* A callback and its context, as each_row's argument. */
struct cb {
	void (*fn)(void);
	void *ctx;
};

static void account_row(db_stmt *st, void *arg)
{
	struct cb *x = arg;
	store_report_account a = {db_col_int64(st, 0), (const char *)db_col_text(st, 1), col_name(st, 2, &ap_segments),
		col_date(st, 3)};
	((void (*)(void *, const store_report_account *))x->fn)(x->ctx, &a);
}

int store_report_accounts(store *s, void (*row)(void *ctx, const store_report_account *a), void *ctx, ap_err *e)
{
	static const char sql[] = "SELECT id, name, segment, created FROM account";
	struct cb x = {(void (*)(void))row, ctx};
	return each_row(s, sql, "listing the portfolio", account_row, &x, e);
}

static void review_row(db_stmt *st, void *arg)
{
	struct cb *x = arg;
	((void (*)(void *, long long, long))x->fn)(x->ctx, db_col_int64(st, 0), col_date(st, 1));
}

/* done_at is a UTC stamp; its day is what counts. */
int store_report_reviews(store *s, void (*row)(void *ctx, long long account, long day), void *ctx, ap_err *e)
{
	static const char sql[] = "SELECT account_id, substr(done_at, 1, 10) FROM review_account WHERE state = 'reviewed'";
	struct cb x = {(void (*)(void))row, ctx};
	return each_row(s, sql, "reading when the accounts were reviewed", review_row, &x, e);
}

/* By id, which is the table's own order on SQLite (no sort): the caller
 * keeps one byte per account and question instead of the newest id. */
int store_report_answers(store *s, const char *const valued[STORE_REPORT_VALUED],
	void (*row)(void *ctx, const store_report_answer *a), void *ctx, ap_err *e)
{
	static const char doing[] = "reading the portfolio's answers";
	static const char sql[] = "SELECT account_id, question, answered_on, source,"
		" CASE WHEN question IN (?1, ?2, ?3) THEN value END FROM answer ORDER BY id";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	for (int i = 0; i < STORE_REPORT_VALUED; i++)
		db_bind_text(st, i + 1, valued ? valued[i] : NULL);
	db_stream(st);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		store_report_answer a = {
			.account = db_col_int64(st, 0), .question = (const char *)db_col_text(st, 1),
			.date = col_date(st, 2), .source = col_name(st, 3, &ap_sources),
			.value = (const char *)db_col_text(st, 4),
		};
		row(ctx, &a);
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

static void end_customer_row(db_stmt *st, void *arg)
{
	struct cb *x = arg;
	((void (*)(void *, long long, const char *, int))x->fn)(x->ctx, db_col_int64(st, 0),
		(const char *)db_col_text(st, 1), col_name(st, 2, &ap_trends));
}

int store_report_end_customers(store *s,
	void (*row)(void *ctx, long long account, const char *industry, int trend), void *ctx, ap_err *e)
{
	static const char sql[] = "SELECT account_id, industry, trend FROM end_customer";
	struct cb x = {(void (*)(void))row, ctx};
	return each_row(s, sql, "reading end customers", end_customer_row, &x, e);
}

int store_report_actions(store *s, const char *today, size_t open[TIER_COUNT], size_t overdue[TIER_COUNT], ap_err *e)
{
	static const char sql[] = "SELECT tier, count(*), sum(CASE WHEN due_on < ?1 THEN 1 ELSE 0 END) FROM action"
		" WHERE status = 'open' GROUP BY tier", doing[] = "counting open actions";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_text(st, 1, today);
	int rc;
	for (int t = 0; t < TIER_COUNT; t++)
		open[t] = overdue[t] = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int t = col_name(st, 0, &ap_tiers);
		if (t >= 0) {
			open[t] = (size_t)db_col_int64(st, 1);
			overdue[t] = (size_t)db_col_int64(st, 2);
		}
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

/* Both statements by id step side by side, as a merge join: SQLite walks
 * the meetings in the table's order and the attendees in their key's,
 * sorting neither, and the caller needs no map of meeting ids. A join in
 * SQL would probe the attendees' key once per meeting. */
int store_report_engagements(store *s, const char *since,
	void (*row)(void *ctx, const store_report_engagement *g), void *ctx, ap_err *e)
{
	static const char doing[] = "reading engagements";
	static const char meetings[] = "SELECT id, account_id, tier, held_on FROM engagement WHERE status = 'held' ORDER BY id";
	static const char attendees[] = "SELECT meeting_id, member_id FROM meeting_member ORDER BY meeting_id, member_id";
	db_stmt *g = st_prep(s, meetings, doing, e);
	if (!g)
		return AP_ESTORE;
	db_stmt *m = since ? st_prep(s, attendees, doing, e) : NULL;
	if (since && !m) {
		st_done(g);
		return AP_ESTORE;
	}
	db_stream(g);
	if (m)
		db_stream(m);
	AP_VEC(long long) who = {0};
	int rc, mrc = m ? db_step(m) : DB_DONE;
	while ((rc = db_step(g)) == DB_ROW) {
		long long id = db_col_int64(g, 0);
		const char *held = db_col_text(g, 3);
		int recent = since && held && strcmp(held, since) >= 0;
		store_report_engagement x = {db_col_int64(g, 1), col_name(g, 2, &ap_tiers), col_date(g, 3), NULL, 0};
		who.n = 0;
		/* The attendees of meetings not read (planned, cancelled) are passed over. */
		for (; mrc == DB_ROW && db_col_int64(m, 0) <= id; mrc = db_step(m))
			if (recent && db_col_int64(m, 0) == id)
				*ap_vec_push(&who) = db_col_int64(m, 1);
		x.members = who.v;
		x.nmembers = who.n;
		row(ctx, &x);
	}
	free(who.v);
	if (rc == DB_DONE && mrc != DB_ROW && mrc != DB_DONE)
		rc = mrc;
	st_done(g);
	if (m)
		st_done(m);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

static void contact_row(db_stmt *st, void *arg)
{
	struct cb *x = arg;
	store_report_contact c = {db_col_int64(st, 0), db_col_int64(st, 1), (const char *)db_col_text(st, 2),
		col_name(st, 3, &ap_roles), col_name(st, 4, &ap_levels)};
	((void (*)(void *, const store_report_contact *))x->fn)(x->ctx, &c);
}

int store_report_contacts(store *s, void (*row)(void *ctx, const store_report_contact *c), void *ctx, ap_err *e)
{
	static const char sql[] = "SELECT account_id, coalesce(owner_id, 0), name, role, level FROM contact"
		" WHERE owner_id IS NOT NULL OR role = 'decision-maker'";
	struct cb x = {(void (*)(void))row, ctx};
	return each_row(s, sql, "reading who holds which contacts", contact_row, &x, e);
}

/* Orders added up by account and currency (store.h: store_order_sums). */
int store_order_sums(store *s, long long account, const char *from, const char *to, store_order_sums_v *out, ap_err *e)
{
	static const char doing[] = "adding up orders";
	static const char sql[] = "SELECT account_id, currency, sum(amount) FROM customer_order"
		" WHERE (?1 = 0 OR account_id = ?1) AND " ORDER_START_MONTH
		" BETWEEN ?2 AND ?3 GROUP BY account_id, currency ORDER BY account_id, currency";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		store_order_sum *x = ap_vec_push(out);
		x->account = db_col_int64(st, 0);
		snprintf(x->currency, sizeof x->currency, "%s", db_col_text(st, 1));
		x->minor = db_col_int64(st, 2);
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

/* Grouped by the month a period starts, so a quarter and the months in it
 * fold into one quarter in the caller, whichever way they were booked. */
int store_order_months(store *s, long long account, const char *from, const char *to,
	void (*row)(void *ctx, const store_order_month *m), void *ctx, ap_err *e)
{
	static const char doing[] = "adding up orders by month";
	static const char sql[] = "SELECT account_id, currency, " ORDER_START_MONTH ", sum(amount) FROM customer_order"
		" WHERE account_id = ?1 AND " ORDER_START_MONTH " BETWEEN ?2 AND ?3 GROUP BY 1, 2, 3";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		store_order_month m = {db_col_int64(st, 0), "", trend_month((const char *)db_col_text(st, 2)),
			db_col_int64(st, 3)};
		snprintf(m.currency, sizeof m.currency, "%s", (const char *)db_col_text(st, 1));
		row(ctx, &m);
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

/* A function of the column keeps SQLite off the period index, whose range
 * would be most of the table, each row then fetched on its own. */
int store_report_orders(store *s, const char *from, void (*row)(void *ctx, const store_report_order *o), void *ctx,
	ap_err *e)
{
	static const char doing[] = "reading the portfolio's orders";
	static const char sql[] = "SELECT account_id, period, currency, amount FROM customer_order"
		" WHERE substr(period, 1, 4) >= ?1";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_text(st, 1, from);
	db_stream(st);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		store_report_order o = {db_col_int64(st, 0), trend_period_month((const char *)db_col_text(st, 1)),
			(const char *)db_col_text(st, 2), db_col_int64(st, 3)};
		row(ctx, &o);
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

static void exchange_row(db_stmt *st, void *arg)
{
	struct cb *x = arg;
	((void (*)(void *, long long, int, long long))x->fn)(x->ctx, db_col_int64(st, 0), col_name(st, 1, &ap_xdirs),
		db_col_int64(st, 2));
}

int store_report_exchanges(store *s, const char *from, const char *to,
	void (*row)(void *ctx, long long account, int direction, long long n), void *ctx, ap_err *e)
{
	static const char doing[] = "counting the gives and takes";
	static const char sql[] = "SELECT account_id, direction, count(*) FROM exchange"
		" WHERE happened_on >= ?1 AND happened_on <= ?2 GROUP BY account_id, direction";
	struct cb x = {(void (*)(void))row, ctx};
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		exchange_row(st, &x);
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

/* Who of ours touches the account, as (account, member) pairs: the
 * holders of its contacts and the attendees of its held meetings since ?2,
 * then grouped by the members' functions; both halves read the account's
 * indexes. A planned or cancelled meeting is nobody's touch; a member who
 * left (inactive) touches nothing any more. */
int store_function_touches(store *s, long long account, const char *since,
	void (*row)(void *ctx, long long account, int function), void *ctx, ap_err *e)
{
	static const char doing[] = "reading which functions touch the accounts";
	static const char sql[] = "SELECT t.account_id, m.function FROM ("
		"SELECT account_id, owner_id AS member_id FROM contact WHERE owner_id IS NOT NULL AND account_id = ?1"
		" UNION ALL SELECT g.account_id, mm.member_id FROM engagement g JOIN meeting_member mm ON mm.meeting_id = g.id"
		" WHERE g.status = 'held' AND g.held_on >= ?2 AND g.account_id = ?1) t"
		" JOIN member m ON m.id = t.member_id WHERE m.active = 1 GROUP BY t.account_id, m.function";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, since);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int f = col_name(st, 1, &ap_functions);
		if (f >= 0)
			row(ctx, db_col_int64(st, 0), f);
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_exchange_balance(store *s, long long account, const char *from, const char *to, exchange_balance *b,
	ap_err *e)
{
	static const char doing[] = "reading the give and take";
	/* One pass over the account's index: the window's gives and takes, and
	 * whether there is any record at all (an empty window still tells). */
	static const char sql[] = "SELECT"
		" coalesce(sum(CASE WHEN direction = 'give' AND happened_on >= ?2 AND happened_on <= ?3 THEN 1 ELSE 0 END), 0),"
		" coalesce(sum(CASE WHEN direction = 'take' AND happened_on >= ?2 AND happened_on <= ?3 THEN 1 ELSE 0 END), 0),"
		" count(*) FROM exchange WHERE account_id = ?1";
	memset(b, 0, sizeof *b);
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		b->given = db_col_int64(st, 0);
		b->taken = db_col_int64(st, 1);
		b->ever = db_col_int64(st, 2);
	}
	st_done(st);
	return rc == DB_ROW ? AP_OK : st_fail(s, rc, doing, e);
}
