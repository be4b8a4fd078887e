/* store_orders.c - orders as the store keeps them: listed by account and
 * period, found by their key (account, period, product, currency), the
 * months-or-quarters of an account's product, and a period cleared before
 * an import replaces it. */
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

int store_order_list(store *s, long long account, ap_orders *out, ap_err *e)
{
	return rec_list(s, REC_ORDER, rec_list_sql(s, REC_ORDER, account), account, out, e);
}

/* One id (or 0) a statement with four text or id parameters finds. */
static int one_id(store *s, const char *sql, const char *doing, long long account, const char *a, const char *b,
	const char *c, long long *id, ap_err *e)
{
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, a);
	db_bind_text(st, 3, b);
	db_bind_text(st, 4, c);
	int rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	st_done(st);
	return rc == DB_ROW || rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_order_find(store *s, long long account, const char *period, const char *product, const char *currency,
	long long *id, ap_err *e)
{
	static const char sql[] = "SELECT id FROM customer_order WHERE account_id = ?1 AND period = ?2"
		" AND product = ?3 AND currency = ?4";
	return one_id(s, sql, "finding an order", account, period, product ? product : "", currency, id, e);
}

int store_order_period_kind(store *s, long long account, const char *product, long long except, const char **period,
	char **other, ap_err *e)
{
	static const char doing[] = "reading the account's orders";
	/* A quarter has 'Q' where a month has its first digit: one look at
	 * either kind, through the key's index. */
	static const char sql[] = "SELECT period FROM customer_order WHERE account_id = ?1 AND product = ?2"
		" AND id <> ?3 AND (substr(period, 6, 1) = 'Q') <> (substr(?4, 6, 1) = 'Q') LIMIT 1";
	*other = NULL;
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, product ? product : "");
	db_bind_int64(st, 3, except);
	db_bind_text(st, 4, *period);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*other = col_text(st, 0);
	st_done(st);
	return rc == DB_ROW || rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_order_clear_period(store *s, long long account, const char *period, long long *n, ap_err *e)
{
	static const char doing[] = "replacing a period's orders";
	static const char sql[] = "DELETE FROM customer_order WHERE account_id = ?1 AND period = ?2";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, period);
	int rc = st_exec(s, st, doing, e);
	if (!rc && n)
		*n = db_changes(s->db);
	return rc;
}
