/* store_defs.c - the team's own definitions in the store (store.h). */
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

void store_definition_clear(store_definition *d)
{
	free(d->body);
	free(d->source);
	free(d->loaded_at);
	free(d->loaded_by);
	memset(d, 0, sizeof *d);
}

int store_definition_get(store *s, const char *kind, store_definition *out, ap_err *e)
{
	static const char doing[] = "reading the team's definitions";
	memset(out, 0, sizeof *out);
	db_stmt *st = st_prep(s, "SELECT body, source, loaded_at, loaded_by FROM definition WHERE kind = ?1", doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_text(st, 1, kind);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->body = col_text(st, 0);
		out->source = col_text(st, 1);
		out->loaded_at = col_text(st, 2);
		out->loaded_by = col_text(st, 3);
		rc = DB_DONE;
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_definition_put(store *s, const char *kind, const store_definition *d, ap_err *e)
{
	static const char doing[] = "saving the team's definitions";
	char now[21];
	ap_now_stamp(now);
	int rc = tx_begin(s, doing, e);
	db_stmt *st = rc ? NULL : st_prep(s, "INSERT INTO definition(kind, body, source, loaded_at, loaded_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (kind) DO UPDATE SET body = excluded.body,"
		" source = excluded.source, loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by", doing, e);
	if (!rc && !st)
		rc = AP_ESTORE;
	if (st) {
		db_bind_text(st, 1, kind);
		db_bind_text(st, 2, d->body);
		db_bind_text(st, 3, d->source ? d->source : "");
		db_bind_text(st, 4, d->loaded_at ? d->loaded_at : now);
		db_bind_text(st, 5, d->loaded_by ? d->loaded_by : s->author ? s->author : "");
		int step = db_step(st);
		st_done(st);
		if (step != DB_DONE)
			rc = st_fail(s, step, doing, e);
	}
	return tx_end(s, rc, e);
}

int store_definition_remove(store *s, const char *kind, int *removed, ap_err *e)
{
	static const char doing[] = "removing the team's definitions";
	*removed = 0;
	int rc = tx_begin(s, doing, e);
	db_stmt *st = rc ? NULL : st_prep(s, "DELETE FROM definition WHERE kind = ?1", doing, e);
	if (!rc && !st)
		rc = AP_ESTORE;
	if (st) {
		db_bind_text(st, 1, kind);
		int step = db_step(st);
		*removed = db_changes(s->db) > 0;
		st_done(st);
		if (step != DB_DONE)
			rc = st_fail(s, step, doing, e);
	}
	return tx_end(s, rc, e);
}
