/* store_exchange.c - gives and takes, and advocacy, as the store lists them:
 * the kinds' own statements (record.h), newest first. */
#include "store_internal.h"

int store_exchange_list(store *s, long long account, ap_exchanges *out, ap_err *e)
{
	return rec_list(s, REC_EXCHANGE, rec_list_sql(s, REC_EXCHANGE, account), account, out, e);
}

int store_advocacy_list(store *s, long long account, ap_advocacies *out, ap_err *e)
{
	return rec_list(s, REC_ADVOCACY, rec_list_sql(s, REC_ADVOCACY, account), account, out, e);
}

/* The record's own columns (record.h), after how often its contact was
 * asked in the window: one statement for the portfolio, the asked count a
 * look-up in the contact's index per row. --available starts from the
 * consent index, so only the records whose consent runs are read. */
static const char *advocacy_sql(store *s, int available)
{
	char **sql = &s->advocacy_sql[available != 0];
	if (*sql)
		return *sql;
	ap_buf b = {0};
	buf_printf(&b, "SELECT (SELECT count(*) FROM advocacy w WHERE w.contact_id = x.contact_id"
		" AND w.asked_on >= ?2 AND w.asked_on <= ?3), %s FROM advocacy x WHERE ", s->sql[REC_ADVOCACY].cols);
	if (available)
		buf_printf(&b, "x.consent_until >= ?3 AND ");
	buf_printf(&b, "(?1 = 0 OR x.account_id = ?1) AND x.kind = coalesce(?4, x.kind) ORDER BY x.asked_on DESC, x.id");
	*sql = buf_steal(&b);
	return *sql;
}

int store_advocacy_find(store *s, const store_advocacy_query *q, ap_advocacies *out, ap_err *e)
{
	static const char doing[] = "listing advocacy";
	const rec_kind *k = &rec_kinds[REC_ADVOCACY];
	db_stmt *st = st_prep(s, advocacy_sql(s, q->available), doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, q->account);
	db_bind_text(st, 2, q->since);
	db_bind_text(st, 3, q->today);
	db_bind_text(st, 4, ap_name(&ap_advkinds, q->kind, NULL));
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		ap_advocacy *v = rec_vec_push(out, k->size);
		rec_decode(k, st, 1, v);
		v->asked = db_col_int64(st, 0);
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}
