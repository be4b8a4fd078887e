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
	[STORE_ROWS_MEMBERS] = REC_MEMBER, [STORE_ROWS_LINKS] = REC_LINK, [STORE_ROWS_ACTIONS] = REC_ACTION,
	[STORE_ROWS_ORDERS] = REC_ORDER, [STORE_ROWS_EXCHANGES] = REC_EXCHANGE, [STORE_ROWS_ADVOCACIES] = REC_ADVOCACY,
};

struct store_cursor {
	store *s;
	const rec_kind *k;
	const rec_field *account;   /* the parent field, or the id of an account row */
	db_stmt *st;
	int first;                  /* the kind's columns start here: the ones before are store_cursor_head's */
	void *row;
	char doing[48];
};

int cursor_prep(store *s, const char *sql, const char *doing, db_stmt **st, ap_err *e)
{
	*st = st_prep(s, sql, doing, e);
	if (!*st)
		return AP_ESTORE;
	if (db_stmt_busy(*st)) {
		*st = NULL;
		return ap_fail(e, AP_EINPUT, "%s: a cursor over these rows is already open", doing);
	}
	return AP_OK;
}

void cursor_of(store *s, enum rec_kind_id k, db_stmt *st, int first, const char *doing, store_cursor **out)
{
	store_cursor *c = xcalloc(1, sizeof *c);
	c->s = s;
	c->k = &rec_kinds[k];
	c->st = st;
	c->first = first;
	c->row = xcalloc(1, c->k->size);
	snprintf(c->doing, sizeof c->doing, "%s", doing);
	c->account = rec_field_by_key(c->k, "id");
	for (int i = 0; i < c->k->nfields; i++)
		if (c->k->fields[i].flags & RF_PARENT)
			c->account = &c->k->fields[i];
	*out = c;
}

int store_cursor_open(store *s, enum store_rows kind, store_cursor **out, ap_err *e)
{
	*out = NULL;
	if ((int)kind < 0 || kind >= STORE_ROWS_COUNT)
		return ap_fail(e, AP_EINPUT, "no such row kind %d", (int)kind);
	const rec_kind *k = &rec_kinds[row_kinds[kind]];
	char doing[48];
	db_stmt *st;
	snprintf(doing, sizeof doing, "reading %ss", k->name);
	int rc = cursor_prep(s, s->sql[k->id].stream, doing, &st, e);
	if (rc)
		return rc;
	db_stream(st);
	cursor_of(s, k->id, st, 0, doing, out);
	return AP_OK;
}

int store_list_open(store *s, enum rec_kind_id k, long long account, store_cursor **out, ap_err *e)
{
	*out = NULL;
	if ((int)k < 0 || k >= REC_NKINDS)
		return ap_fail(e, AP_EINPUT, "no such record kind %d", (int)k);
	if (k == REC_ACTION)
		return store_action_open(s, &(store_action_query){account, 0, -1, NULL}, out, e);
	char doing[48];
	db_stmt *st;
	snprintf(doing, sizeof doing, "listing %ss", rec_kinds[k].name);
	int rc = cursor_prep(s, rec_list_sql(s, k, account), doing, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, account);
	/* One account's rows are few: only the portfolio's come in chunks. */
	if (!account)
		db_stream(st);
	cursor_of(s, k, st, 0, doing, out);
	return AP_OK;
}

int store_cursor_next(store_cursor *c, const void **row, ap_err *e)
{
	*row = NULL;
	rec_clear(c->k, c->row);
	int rc = db_step(c->st);
	if (rc == DB_DONE)
		return AP_OK;
	if (rc != DB_ROW)
		return st_fail(c->s, rc, c->doing, e);
	rec_decode(c->k, c->st, c->first, c->row);
	*row = c->row;
	return AP_OK;
}

const char *store_cursor_head(const store_cursor *c)
{
	return c->first ? db_col_text(c->st, 0) : NULL;
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
	int rc = db_exec(s->db, s->dialect->begin_read);
	if (rc == DB_OK) {
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
		if (db_exec(s->db, "COMMIT") != DB_OK)
			db_exec(s->db, "ROLLBACK");
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
	s->bulk_now[0] = '\0';
	if (!s->bulk_cache)
		return;
	/* PRAGMAs take no bound parameters; the value is the one SQLite gave us. */
	snprintf(sql, sizeof sql, "PRAGMA ignore_check_constraints = OFF; PRAGMA cache_size = %d", s->bulk_cache);
	db_exec(s->db, sql);
	s->bulk_cache = 0;
}

/* The largest id of each kind's table before the load: the load's rows are
 * the ones above it (ids only grow; a restore that keeps ids goes into an
 * empty store, where every row is the load's). */
static int bulk_marks(store *s, ap_err *e)
{
	for (int k = 0; k < REC_NKINDS; k++) {
		char *sql = xasprintf("SELECT coalesce(max(%s), 0) FROM %s", rec_id_field(&rec_kinds[k])->col,
			rec_kinds[k].table);
		db_stmt *st = NULL;
		int rc = db_prepare(s->db, sql, &st);
		free(sql);
		if (rc == DB_OK && (rc = db_step(st)) == DB_ROW)
			s->bulk_after[k] = db_col_int64(st, 0);
		db_finalize(st);
		if (rc != DB_ROW)
			return st_fail(s, rc, "preparing to load", e);
	}
	return AP_OK;
}

/* Take out the triggers that index inserts (schema 4 names them
 * *_search_ai and *_search_bi), keeping their text to put them back: a
 * statement that fires triggers keeps the pages it changes in a statement
 * journal, and FTS5 writes its pending entries out at the end of each
 * statement, so row by row the load wrote millions of journal pages and
 * thousands of tiny index segments. Inside the load's transaction, so no one
 * else ever sees the schema without them. */
static int bulk_untrigger(store *s, ap_err *e)
{
	static const char sql[] = "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
		" AND (name GLOB '*_search_ai' OR name GLOB '*_search_bi') ORDER BY name";
	ap_buf create = {0}, drop = {0};
	db_stmt *st = NULL;
	int rc = db_prepare(s->db, sql, &st);
	while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
		buf_printf(&create, "%s;\n", (const char *)db_col_text(st, 1));
		/* Our own trigger names, quoted all the same. */
		buf_puts(&drop, "DROP TRIGGER \"");
		for (const char *p = (const char *)db_col_text(st, 0); *p; p++)
			buf_add(&drop, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
		buf_puts(&drop, "\";\n");
		rc = DB_OK;
	}
	db_finalize(st);
	if (rc == DB_DONE && drop.s)
		rc = db_exec(s->db, drop.s);
	buf_free(&drop);
	if (rc != DB_OK && rc != DB_DONE) {
		buf_free(&create);
		return st_fail(s, rc, "preparing to load", e);
	}
	s->bulk_triggers = create.s ? buf_steal(&create) : xstrdup("");
	return AP_OK;
}

/* While loading, CHECK constraints are off: SQLite codes each IN list of a
 * CHECK as a temporary table built for every row inserted, which was a third
 * of an import's time, and every value of a checked column reaches the store
 * through bind_name, from the same name tables the checks list (the import
 * has refused any other name already). Every other write keeps them. The
 * search index is filled at the end (bulk_untrigger, store_bulk_end). */
static int bulk_sequences(store *s, ap_err *e);

/* PostgreSQL: the ids a load gives out start past each table's sequence
 * (ids are never reused, so past the removed ones too). Every writer holds
 * the store's write lock, so no one else takes ids until the load ends and
 * bulk_sequences moves the sequences past what it gave. */
static int bulk_ids(store *s, ap_err *e)
{
	for (int k = 0; k < REC_NKINDS; k++) {
		char *sql = xasprintf("SELECT last_value - CASE WHEN is_called THEN 0 ELSE 1 END FROM %s_id_seq",
			rec_kinds[k].table);
		db_stmt *st = NULL;
		int rc = db_prepare(s->db, sql, &st);
		free(sql);
		if (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
			long long seq = db_col_int64(st, 0);
			s->bulk_next[k] = seq > s->bulk_after[k] ? seq : s->bulk_after[k];
		}
		db_finalize(st);
		if (rc != DB_ROW)
			return st_fail(s, rc, "preparing to load", e);
	}
	return AP_OK;
}

/* PostgreSQL: the schema's insert triggers stand aside for this
 * transaction (acctplan.bulk()); rows are queued for COPY, which takes a
 * round trip per few thousand rows instead of one per row; store_bulk_end
 * sends the rest, indexes and notifies. */
static int pg_bulk_begin(store *s, ap_err *e)
{
	int rc = bulk_marks(s, e);
	if (!rc)
		rc = bulk_ids(s, e);
	if (!rc && (rc = db_exec(s->db, "SET LOCAL acctplan.bulk = on")) != DB_OK)
		rc = st_fail(s, rc, "preparing to load", e);
	s->pg_bulk = !rc;
	return rc;
}

/* Queued rows past this many bytes go to the server: the load's memory stays
 * bounded whatever its size. */
#define BULK_COPY_BYTES ((size_t)4 << 20)

int store_bulk_flush(store *s, ap_err *e)
{
	/* Parents first: accounts, as every other row points at its account,
	 * and members, whom contacts name as owners; rows of one kind that point
	 * at each other (a contact's boss, an answer's predecessor) are checked
	 * at the end of their COPY. */
	static const enum rec_kind_id order[] = {REC_ACCOUNT, REC_MEMBER, REC_ANSWER, REC_CONTACT, REC_LINK,
		REC_COMPETITOR, REC_ENDCUSTOMER, REC_MEETING, REC_NOTE, REC_SNOOZE, REC_DRIVER, REC_ACTION, REC_ORDER,
		REC_EXCHANGE, REC_ADVOCACY};
	_Static_assert(sizeof order / sizeof order[0] == REC_NKINDS, "every kind in the load's order");
	for (size_t i = 0; i < REC_NKINDS; i++) {
		enum rec_kind_id k = order[i];
		ap_buf *b = &s->bulk_rows[k];
		if (!b->len)
			continue;
		int rc = db_pg_copy(s->db, s->sql[k].copy, b->s, b->len);
		b->len = 0;
		if (rc != DB_OK) {
			char doing[64];
			snprintf(doing, sizeof doing, "loading %ss", rec_kinds[k].name);
			return st_fail(s, rc, doing, e);
		}
	}
	return AP_OK;
}

static void bulk_rows_free(store *s)
{
	for (int k = 0; k < REC_NKINDS; k++)
		buf_free(&s->bulk_rows[k]);
}

int store_bulk_queue(store *s, enum rec_kind_id kid, db_stmt *st, int id_param, long long *id, ap_err *e)
{
	if (*id <= 0)
		*id = ++s->bulk_next[kid];
	else if (*id > s->bulk_next[kid])
		s->bulk_next[kid] = *id;
	db_bind_int64(st, id_param, *id);
	int rc = db_pg_copy_row(st, &s->bulk_rows[kid]);
	if (rc != DB_OK) {
		char doing[64];
		snprintf(doing, sizeof doing, "adding %s", rec_kinds[kid].name);
		return st_fail(s, rc, doing, e);
	}
	size_t queued = 0;
	for (int k = 0; k < REC_NKINDS; k++)
		queued += s->bulk_rows[k].len;
	return queued >= BULK_COPY_BYTES ? store_bulk_flush(s, e) : AP_OK;
}

/* The load's rows into the search index, a kind at a time in one statement
 * each; the ids past them; one notification for everyone watching. */
static int pg_bulk_end(store *s, ap_err *e)
{
	const char *doing = "indexing the loaded records for search";
	int rc = store_bulk_flush(s, e);
	bulk_rows_free(s);
	s->pg_bulk = 0;
	s->bulk_now[0] = '\0';
	if (rc)
		return rc;
	rc = db_exec(s->db, "SET LOCAL acctplan.bulk = off");
	rc = rc == DB_OK ? AP_OK : st_fail(s, rc, doing, e);
	for (int k = 0; !rc && k < STORE_SEARCH_KINDS; k++) {
		db_stmt *st = st_prep(s, "SELECT acctplan.search_put(?1, ?2, 9223372036854775807)", doing, e);
		if (!st)
			return AP_ESTORE;
		db_bind_int64(st, 1, k);
		db_bind_int64(st, 2, s->bulk_after[k]);
		rc = st_exec(s, st, doing, e);
	}
	if (!rc)
		rc = bulk_sequences(s, e);
	if (!rc && (rc = db_exec(s->db, "SELECT pg_notify('acctplan', '0')")) != DB_OK)
		rc = st_fail(s, rc, doing, e);
	return rc;
}

int store_bulk_begin(store *s, ap_err *e)
{
	ap_now_stamp(s->bulk_now);
	if (!s->lite) {
		int rc = pg_bulk_begin(s, e);
		if (rc)
			s->bulk_now[0] = '\0';
		return rc;
	}
	db_stmt *st = NULL;
	int rc = db_prepare(s->db, "PRAGMA cache_size", &st);
	if (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
		s->bulk_cache = db_col_int(st, 0);
		rc = DB_OK;
	}
	db_finalize(st);
	if (rc == DB_OK && !s->bulk_cache)
		s->bulk_cache = -2000;    /* 0 would mean "not loading": SQLite's default instead */
	if (rc == DB_OK)
		rc = db_exec(s->db, "PRAGMA ignore_check_constraints = ON; PRAGMA cache_size = " BULK_CACHE_SIZE);
	rc = rc == DB_OK ? AP_OK : st_fail(s, rc, "preparing to load", e);
	if (!rc)
		rc = bulk_marks(s, e);
	if (!rc)
		rc = bulk_untrigger(s, e);
	if (rc)
		bulk_restore(s);
	return rc;
}

int store_bulk_note(store *s, long long account, const ap_note *n, ap_err *e)
{
	ap_note c = *n;   /* a shallow copy: the store sets its id, never the caller's */
	return store_rec_add(s, REC_NOTE, account, &c, e);
}

/* Index the load's rows, a kind at a time in the order of the rowids the
 * entries get (search_names and search_texts give a kind's rows by id),
 * so FTS5 appends to the segments it builds in memory rather than starting
 * new ones (STORE_FTS_LOADING says the rest). Then the triggers go back. */
static int bulk_finish(store *s, ap_err *e)
{
	static const char loading[] = STORE_FTS_LOADING("search_name") STORE_FTS_LOADING("search_text");
	static const char loaded[] = STORE_FTS_LOADED("search_name") STORE_FTS_LOADED("search_text");
	static const char defaults[] = STORE_FTS_DEFAULTS("search_name") STORE_FTS_DEFAULTS("search_text");
	static const char *const fill[] = {
		"INSERT INTO search_name(rowid, name) SELECT s.entry, s.name FROM search_names s"
		" WHERE s.kind = ?1 AND s.id > ?2",
		"INSERT INTO search_text(rowid, name, body) SELECT s.entry, s.name, s.body FROM search_texts s"
		" WHERE s.kind = ?1 AND s.id > ?2",
	};
	const char *doing = "indexing the loaded records for search";
	if (!s->bulk_triggers)
		return AP_OK;
	int rc = db_exec(s->db, loading);
	rc = rc == DB_OK ? AP_OK : st_fail(s, rc, doing, e);
	for (size_t i = 0; !rc && i < sizeof fill / sizeof fill[0]; i++)
		for (int k = 0; !rc && k < STORE_SEARCH_KINDS; k++) {
			db_stmt *st = st_prep(s, fill[i], doing, e);
			if (!st) {
				rc = AP_ESTORE;
				break;
			}
			db_bind_int64(st, 1, k);
			db_bind_int64(st, 2, s->bulk_after[k]);
			rc = st_exec(s, st, doing, e);
		}
	/* After a failure (the caller rolls back), the defaults all the same. */
	int step = db_exec(s->db, rc ? defaults : loaded);
	if (!rc && step != DB_OK)
		rc = st_fail(s, step, doing, e);
	step = db_exec(s->db, s->bulk_triggers);
	if (!rc && step != DB_OK)
		rc = st_fail(s, step, doing, e);
	free(s->bulk_triggers);
	s->bulk_triggers = NULL;
	return rc;
}

/* PostgreSQL: rows loaded with their ids left each table's id sequence
 * behind; it moves past them, never back (ids are never reused). */
static int bulk_sequences(store *s, ap_err *e)
{
	int rc = AP_OK;
	for (int k = 0; !rc && k < REC_NKINDS; k++) {
		const char *t = rec_kinds[k].table;
		char *sql = xasprintf("SELECT setval('%s_id_seq', greatest(max(x.id), (SELECT last_value FROM %s_id_seq)))"
			" FROM %s x HAVING max(x.id) > %lld", t, t, t, s->bulk_after[k]);
		int step = db_exec(s->db, sql);
		free(sql);
		if (step != DB_OK)
			rc = st_fail(s, step, "loading", e);
	}
	return rc;
}

int store_bulk_end(store *s, ap_err *e)
{
	if (!s->lite)
		return pg_bulk_end(s, e);
	int rc = bulk_finish(s, e);
	bulk_restore(s);
	return rc;
}

/* The caller rolls back, which undoes all of it; should it commit instead,
 * what was loaded is indexed and the triggers are back all the same. */
void store_bulk_abort(store *s)
{
	ap_err ignored;
	if (!s->lite) {
		s->pg_bulk = 0;
		s->bulk_now[0] = '\0';
		bulk_rows_free(s);
		db_exec(s->db, "SET LOCAL acctplan.bulk = off");
		return;
	}
	bulk_finish(s, &ignored);
	bulk_restore(s);
}

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
	/* Both contacts may still be queued for COPY. */
	if (s->pg_bulk && store_bulk_flush(s, e))
		return AP_ESTORE;
	char *sql = xasprintf("UPDATE %s SET %s = %s2 WHERE %s = %s1", k->table, ref->col, s->dialect->param,
		idf->col, s->dialect->param);
	db_stmt *st = NULL;
	int rc = db_prepare(s->db, sql, &st);
	free(sql);
	if (rc == DB_OK) {
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, boss);
		rc = db_step(st);
	}
	db_finalize(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, "linking a contact to its boss", e);
}
