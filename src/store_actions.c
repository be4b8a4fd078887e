/* store_actions.c - actions across the portfolio: one owner's over every
 * account through the owner index, one account's through its own. */
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

/* The statement for a query: by account, by owner, or over everything;
 * status and due day are bound either way (a condition each that holds
 * for every row when not asked for), so there are three texts, not eight. */
static const char *action_sql(store *s, const store_action_query *q, int count)
{
	static const char *const where[] = {"x.account_id = ?1", "x.owner_id = ?2", "?1 = 0"};
	int i = q->account ? 0 : q->owner ? 1 : 2;
	char **slot = count ? &s->action_count[i] : &s->action_list[i];
	const char *due = rec_field_by_key(&rec_kinds[REC_ACTION], "due")->col;
	if (!*slot) {
		char *order = count ? xstrdup("") : xasprintf(" ORDER BY x.%s, x.id", due);
		*slot = xasprintf("SELECT %s FROM action x WHERE %s AND (?2 = 0 OR x.owner_id = ?2)"
			" AND (?3 = '' OR x.status = ?3) AND (?4 = '' OR x.%s < ?4)%s",
			count ? "count(*)" : s->sql[REC_ACTION].cols, where[i], due, order);
		free(order);
	}
	return *slot;
}

static void action_bind(db_stmt *st, const store_action_query *q)
{
	db_bind_int64(st, 1, q->account);
	db_bind_int64(st, 2, q->owner);
	db_bind_text(st, 3, q->status >= 0 ? ap_astatuses.names[q->status] : "");
	db_bind_text(st, 4, q->due_before ? q->due_before : "");
}

/* The statement of a query, prepared and bound; NULL with *e filled. */
static db_stmt *action_query(store *s, const store_action_query *q, int count, const char *doing, ap_err *e)
{
	db_stmt *st = st_prep(s, action_sql(s, q, count), doing, e);
	if (st)
		action_bind(st, q);
	return st;
}

int store_action_count(store *s, const store_action_query *q, long long *n, ap_err *e)
{
	static const char doing[] = "counting actions";
	db_stmt *st = action_query(s, q, 1, doing, e);
	if (!st)
		return AP_ESTORE;
	int rc = db_step(st);
	*n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	st_done(st);
	return rc == DB_ROW ? AP_OK : st_fail(s, rc, doing, e);
}

int store_action_list(store *s, const store_action_query *q, ap_actions *out, ap_err *e)
{
	static const char doing[] = "listing actions";
	const rec_kind *k = &rec_kinds[REC_ACTION];
	db_stmt *st = action_query(s, q, 0, doing, e);
	if (!st)
		return AP_ESTORE;
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		rec_decode(k, st, 0, rec_vec_push(out, k->size));
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_action_open(store *s, const store_action_query *q, store_cursor **out, ap_err *e)
{
	static const char doing[] = "listing actions";
	db_stmt *st;
	*out = NULL;
	int rc = cursor_prep(s, action_sql(s, q, 0), doing, &st, e);
	if (rc)
		return rc;
	action_bind(st, q);
	/* One account's actions are few: only the portfolio's come in chunks. */
	if (!q->account)
		db_stream(st);
	cursor_of(s, REC_ACTION, st, 0, doing, out);
	return AP_OK;
}

int store_planned_open(store *s, long long account, long long member, const char *today, store_cursor **out,
	ap_err *e)
{
	static const char doing[] = "listing planned meetings";
	const rec_kind *k = &rec_kinds[REC_MEETING];
	const char *date = rec_field_by_key(k, "date")->col;
	db_stmt *st;
	*out = NULL;
	if (!s->planned_sql)
		s->planned_sql = xasprintf("SELECT a.name, %s FROM %s x JOIN account a ON a.id = x.account_id"
			" WHERE (x.status = 'planned' OR (x.status = 'cancelled' AND x.%s >= ?3))"
			" AND (?1 = 0 OR x.account_id = ?1) AND (?2 = 0 OR x.id IN"
			" (SELECT mm.meeting_id FROM meeting_member mm WHERE mm.member_id = ?2)) ORDER BY x.%s, x.id",
			s->sql[REC_MEETING].cols, k->table, date, date);
	int rc = cursor_prep(s, s->planned_sql, doing, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, account);
	db_bind_int64(st, 2, member);
	db_bind_text(st, 3, today);
	if (!account)
		db_stream(st);
	cursor_of(s, REC_MEETING, st, 1, doing, out);
	return AP_OK;
}
