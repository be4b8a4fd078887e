/* store_stream.c - rows in bulk: cursors over every row of one kind for
 * export, and staged loading of notes for import.
 *
 * Export walks the whole store with one statement per table, merged by
 * account in the caller, so neither a query per account nor the whole
 * portfolio in memory is needed. Each kind's statement and decoding come
 * from its field table (record.h, store_sql.c). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

/* The record kind behind each row kind. */
static const enum rec_kind_id row_kinds[STORE_ROWS_COUNT] = {
	[STORE_ROWS_ACCOUNTS] = REC_ACCOUNT, [STORE_ROWS_ANSWERS] = REC_ANSWER,
	[STORE_ROWS_CONTACTS] = REC_CONTACT, [STORE_ROWS_COMPETITORS] = REC_COMPETITOR,
	[STORE_ROWS_ENDCUSTOMERS] = REC_ENDCUSTOMER, [STORE_ROWS_MEETINGS] = REC_MEETING,
	[STORE_ROWS_NOTES] = REC_NOTE, [STORE_ROWS_SNOOZES] = REC_SNOOZE, [STORE_ROWS_DRIVERS] = REC_DRIVER,
};

struct store_cursor {
	store *s;
	const rec_kind *k;
	const rec_field *account;   /* the parent field, or the id of an account row */
	sqlite3_stmt *st;
	void *row;
	char doing[48];
};

int store_cursor_open(store *s, enum store_rows kind, store_cursor **out, ap_err *e)
{
	*out = NULL;
	if ((int)kind < 0 || kind >= STORE_ROWS_COUNT)
		return ap_fail(e, AP_EINPUT, "no such row kind %d", (int)kind);
	const rec_kind *k = &rec_kinds[row_kinds[kind]];
	char doing[48];
	snprintf(doing, sizeof doing, "reading %ss", k->name);
	sqlite3_stmt *st = st_prep(s, s->sql[k->id].stream, doing, e);
	if (!st)
		return AP_ESTORE;
	/* The statement is cached per kind, so a second cursor would share it. */
	if (sqlite3_stmt_busy(st))
		return ap_fail(e, AP_EINPUT, "%s: a cursor over these rows is already open", doing);
	store_cursor *c = xcalloc(1, sizeof *c);
	c->s = s;
	c->k = k;
	c->st = st;
	c->row = xcalloc(1, k->size);
	memcpy(c->doing, doing, sizeof doing);
	c->account = rec_field_by_key(k, "id");
	for (int i = 0; i < k->nfields; i++)
		if (k->fields[i].flags & RF_PARENT)
			c->account = &k->fields[i];
	*out = c;
	return AP_OK;
}

int store_cursor_next(store_cursor *c, const void **row, ap_err *e)
{
	*row = NULL;
	rec_clear(c->k, c->row);
	int rc = sqlite3_step(c->st);
	if (rc == SQLITE_DONE)
		return AP_OK;
	if (rc != SQLITE_ROW)
		return st_fail(c->s, rc, c->doing, e);
	rec_decode(c->k, c->st, 0, c->row);
	*row = c->row;
	return AP_OK;
}

long long store_cursor_account(const store_cursor *c)
{
	return *(const long long *)rec_cslot(c->account, c->row);
}

void store_cursor_close(store_cursor **cp)
{
	store_cursor *c = *cp;
	if (!c)
		return;
	rec_clear(c->k, c->row);
	free(c->row);
	st_done(c->st);
	free(c);
	*cp = NULL;
}

int store_snapshot_begin(store *s, ap_err *e)
{
	/* Inside a transaction (a write one included) reads are consistent already. */
	if (s->depth++ > 0)
		return AP_OK;
	/* Deferred: the snapshot is taken by the first read and takes no write lock. */
	int rc = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK) {
		s->snapshot = 1;
		return AP_OK;
	}
	s->depth = 0;
	return st_fail(s, rc, "starting a read transaction", e);
}

void store_snapshot_end(store *s)
{
	if (s->depth > 0 && --s->depth == 0) {
		s->snapshot = 0;
		if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
}

/* Page cache while loading (negative: in KiB): big enough that the import's
 * transaction is not spilled to the WAL and read back (SQLite's default is
 * 2 MB), small enough for the 64 MiB the whole import may use. */
#define BULK_CACHE_SIZE "-16384"

/* The connection's settings back as they were before store_bulk_begin. */
static void bulk_restore(store *s)
{
	char sql[96];
	if (!s->bulk_cache)
		return;
	/* PRAGMAs take no bound parameters; the value is the one SQLite gave us. */
	snprintf(sql, sizeof sql, "PRAGMA ignore_check_constraints = OFF; PRAGMA cache_size = %d", s->bulk_cache);
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	s->bulk_cache = 0;
}

/* While loading, CHECK constraints are off: SQLite codes each IN list of a
 * CHECK as a temporary table built for every row inserted, which was a third
 * of an import's time, and every value of a checked column reaches the store
 * through bind_name, from the same name tables the checks list (the import
 * has refused any other name already). Every other write keeps them. */
int store_bulk_begin(store *s, ap_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA cache_size", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->bulk_cache = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK && !s->bulk_cache)
		s->bulk_cache = -2000;    /* 0 would mean "not loading": SQLite's default instead */
	/* A temporary table: private to this connection, gone with it. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(s->db, "PRAGMA ignore_check_constraints = ON; PRAGMA cache_size = " BULK_CACHE_SIZE ";"
			" CREATE TEMP TABLE IF NOT EXISTS note_stage AS SELECT * FROM main.note WHERE 0;"
			" DELETE FROM temp.note_stage",
			NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return AP_OK;
	rc = st_fail(s, rc, "preparing to load notes", e);
	bulk_restore(s);
	return rc;
}

/* The stage has note's columns (CREATE ... AS SELECT), so note's insert
 * names them: staging is that insert into the stage, unstaging the copy. */
static void stage_sql(store *s)
{
	if (s->note_stage)
		return;
	const char *ins = s->sql[REC_NOTE].insert;
	const char *cols = strchr(ins, '('), *vals = strstr(ins, ") VALUES");
	const char *ret = strstr(ins, " RETURNING");
	size_t tail = ret ? (size_t)(ret - vals) : strlen(vals);
	s->note_stage = xasprintf("INSERT INTO temp.note_stage%.*s", (int)(vals - cols) + (int)tail, cols);
	s->note_unstage = xasprintf("INSERT INTO note%.*s) SELECT %.*s FROM temp.note_stage ORDER BY rowid",
		(int)(vals - cols), cols, (int)(vals - cols - 1), cols + 1);
}

int store_bulk_note(store *s, long long account, const ap_note *n, ap_err *e)
{
	char now[21];
	stage_sql(s);
	ap_now_stamp(now);
	sqlite3_stmt *st = st_prep(s, s->note_stage, "staging note", e);
	if (!st)
		return AP_ESTORE;
	bind_insert(s, &rec_kinds[REC_NOTE], st, account, n, now);
	return st_exec(s, st, "staging note", e);
}

/* Run one constant statement of the bulk loader. */
static int bulk_exec(store *s, const char *sql, ap_err *e)
{
	sqlite3_stmt *st = st_prep(s, sql, "storing notes", e);
	return st ? st_exec(s, st, "storing notes", e) : AP_ESTORE;
}

int store_bulk_end(store *s, ap_err *e)
{
	/* A larger in-memory hash for this one statement halves the segments
	 * the index writes and merges; 1 MiB is FTS5's default, restored after. */
	static const char big_hash[] = "INSERT INTO note_fts(note_fts, rank) VALUES ('hashsize', 8388608)";
	static const char normal_hash[] = "INSERT INTO note_fts(note_fts, rank) VALUES ('hashsize', 1048576)";
	static const char clear[] = "DELETE FROM temp.note_stage";
	int rc = bulk_exec(s, big_hash, e);
	stage_sql(s);
	if (!rc)
		rc = bulk_exec(s, s->note_unstage, e);
	if (!rc)
		rc = bulk_exec(s, normal_hash, e);
	if (!rc)
		rc = bulk_exec(s, clear, e);
	bulk_restore(s);
	return rc;
}

void store_bulk_abort(store *s) { bulk_restore(s); }

/* The contact's reference to another contact: the id field that is neither
 * its own nor its parent's. Rare (a boss later in the file), so the
 * statement is prepared per call rather than kept. */
int store_bulk_boss(store *s, long long id, long long boss, ap_err *e)
{
	const rec_kind *k = &rec_kinds[REC_CONTACT];
	const rec_field *ref = NULL;
	for (int i = 0; i < k->nfields && !ref; i++)
		if (k->fields[i].type == RT_ID && k->fields[i].col && !(k->fields[i].flags & (RF_META | RF_PARENT)))
			ref = &k->fields[i];
	const rec_field *idf = rec_field_by_key(k, "id");
	char *sql = xasprintf("UPDATE %s SET %s = %s2 WHERE %s = %s1", k->table, ref->col, s->dialect->param,
		idf->col, s->dialect->param);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, boss);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? AP_OK : st_fail(s, rc, "linking a contact to its boss", e);
}
