/* store_stream.c - rows in bulk: cursors over every row of one kind for
 * export, and staged loading of notes for import.
 *
 * Export walks the whole store with one statement per table, merged by
 * account in the caller, so neither a query per account nor the whole
 * portfolio in memory is needed. Each kind is described once as a table of
 * columns -> struct fields, which both decodes and frees its rows. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

enum col_kind { COL_ID, COL_TEXT, COL_NAME, COL_REAL, COL_BOOL };

typedef struct col {
	enum col_kind kind;
	size_t off;               /* field of the row struct */
	const ap_names *names;    /* COL_NAME: the enumeration */
} col;

typedef struct row_kind {
	const char *sql;
	const col *cols;
	int ncols;
	size_t size;              /* of the row struct */
	int account_col;          /* column holding the row's account id */
	const char *doing;
} row_kind;

struct store_cursor {
	store *s;
	const row_kind *k;
	sqlite3_stmt *st;
	void *row;
	long long account;
};

/* Every child row in the accounts stream's order: by account name, then id.
 * CROSS JOIN keeps account the outer loop, walked in order by its lower(name)
 * index with each account's rows found by their account index: the rows are
 * sorted only within an account, never the whole table at once. */
#define ALL_ROWS(cols, table, joins, order) "SELECT " cols " FROM account a CROSS JOIN " table \
	" x ON x.account_id = a.id" joins " ORDER BY lower(a.name), a.id, " order

#define C(kind, type, field, names) {kind, offsetof(type, field), names}
#define NCOLS(a) ((int)(sizeof a / sizeof a[0]))

static const col account_cols[] = {
	C(COL_ID, ap_account, id, NULL), C(COL_TEXT, ap_account, name, NULL),
	C(COL_TEXT, ap_account, industry, NULL), C(COL_NAME, ap_account, segment, &ap_segments),
	C(COL_TEXT, ap_account, created, NULL),
};
static const col answer_cols[] = {
	C(COL_ID, ap_answer, id, NULL), C(COL_ID, ap_answer, account_id, NULL),
	C(COL_TEXT, ap_answer, question, NULL), C(COL_TEXT, ap_answer, value, NULL),
	C(COL_NAME, ap_answer, source, &ap_sources), C(COL_NAME, ap_answer, confidence, &ap_confidences),
	C(COL_TEXT, ap_answer, author, NULL), C(COL_TEXT, ap_answer, date, NULL),
};
static const col contact_cols[] = {
	C(COL_ID, ap_contact, id, NULL), C(COL_ID, ap_contact, account_id, NULL),
	C(COL_TEXT, ap_contact, name, NULL), C(COL_TEXT, ap_contact, title, NULL),
	C(COL_NAME, ap_contact, role, &ap_roles), C(COL_NAME, ap_contact, tier, &ap_tiers),
	C(COL_TEXT, ap_contact, reports_to, NULL),
};
static const col competitor_cols[] = {
	C(COL_ID, ap_competitor, id, NULL), C(COL_ID, ap_competitor, account_id, NULL),
	C(COL_TEXT, ap_competitor, name, NULL), C(COL_TEXT, ap_competitor, differentiator, NULL),
};
static const col endcustomer_cols[] = {
	C(COL_ID, ap_endcustomer, id, NULL), C(COL_ID, ap_endcustomer, account_id, NULL),
	C(COL_TEXT, ap_endcustomer, name, NULL), C(COL_TEXT, ap_endcustomer, industry, NULL),
	C(COL_TEXT, ap_endcustomer, ask, NULL), C(COL_NAME, ap_endcustomer, trend, &ap_trends),
};
static const col meeting_cols[] = {
	C(COL_ID, ap_meeting, id, NULL), C(COL_ID, ap_meeting, account_id, NULL),
	C(COL_NAME, ap_meeting, tier, &ap_tiers), C(COL_TEXT, ap_meeting, date, NULL),
	C(COL_NAME, ap_meeting, kind, &ap_meetkinds), C(COL_NAME, ap_meeting, news, &ap_news),
	C(COL_BOOL, ap_meeting, shared, NULL), C(COL_TEXT, ap_meeting, summary, NULL),
};
static const col note_cols[] = {
	C(COL_ID, ap_note, id, NULL), C(COL_ID, ap_note, account_id, NULL),
	C(COL_NAME, ap_note, tier, &ap_tiers), C(COL_TEXT, ap_note, author, NULL),
	C(COL_TEXT, ap_note, date, NULL), C(COL_TEXT, ap_note, body, NULL), C(COL_TEXT, ap_note, tags, NULL),
};
static const col snooze_cols[] = {
	C(COL_ID, ap_snooze, id, NULL), C(COL_ID, ap_snooze, account_id, NULL),
	C(COL_TEXT, ap_snooze, account, NULL), C(COL_TEXT, ap_snooze, rule, NULL),
	C(COL_TEXT, ap_snooze, question, NULL), C(COL_TEXT, ap_snooze, until, NULL),
	C(COL_TEXT, ap_snooze, reason, NULL), C(COL_TEXT, ap_snooze, created, NULL),
};
static const col driver_cols[] = {
	C(COL_ID, ap_driver, id, NULL), C(COL_ID, ap_driver, account_id, NULL),
	C(COL_TEXT, ap_driver, metric, NULL), C(COL_TEXT, ap_driver, metric_unit, NULL),
	C(COL_REAL, ap_driver, value, NULL), C(COL_REAL, ap_driver, growth, NULL),
	C(COL_REAL, ap_driver, factor, NULL), C(COL_TEXT, ap_driver, factor_unit, NULL),
	C(COL_REAL, ap_driver, share, NULL), C(COL_TEXT, ap_driver, product_unit, NULL),
};

#define KIND(sql, cols, type, account_col, doing) {sql, cols, NCOLS(cols), sizeof(type), account_col, doing}

static const row_kind kinds[STORE_ROWS_COUNT] = {
	[STORE_ROWS_ACCOUNTS] = KIND("SELECT id, name, industry, segment, created FROM account ORDER BY lower(name), id",
		account_cols, ap_account, 0, "reading accounts"),
	[STORE_ROWS_ANSWERS] = KIND(ALL_ROWS("x.id, x.account_id, x.question, x.value, x.source, x.confidence,"
		" x.author, x.answered_on", "answer", "", "x.id"), answer_cols, ap_answer, 1, "reading answers"),
	[STORE_ROWS_CONTACTS] = KIND(ALL_ROWS("x.id, x.account_id, x.name, x.title, x.role, x.tier, coalesce(b.name, '')",
		"contact", " LEFT JOIN contact b ON b.id = x.reports_to", "x.id"), contact_cols, ap_contact, 1, "reading contacts"),
	[STORE_ROWS_COMPETITORS] = KIND(ALL_ROWS("x.id, x.account_id, x.name, x.differentiator", "competitor", "", "x.id"),
		competitor_cols, ap_competitor, 1, "reading competitors"),
	[STORE_ROWS_ENDCUSTOMERS] = KIND(ALL_ROWS("x.id, x.account_id, x.name, x.industry, x.ask, x.trend",
		"end_customer", "", "x.id"), endcustomer_cols, ap_endcustomer, 1, "reading end customers"),
	[STORE_ROWS_MEETINGS] = KIND(ALL_ROWS("x.id, x.account_id, x.tier, x.held_on, x.kind, x.news, x.shared, x.summary",
		"engagement", "", "x.id"), meeting_cols, ap_meeting, 1, "reading meetings"),
	[STORE_ROWS_NOTES] = KIND(ALL_ROWS("x.id, x.account_id, x.tier, x.author, x.written_on, x.body, x.tags",
		"note", "", "x.id"), note_cols, ap_note, 1, "reading notes"),
	[STORE_ROWS_SNOOZES] = KIND(ALL_ROWS("x.id, x.account_id, a.name, x.rule, x.question, x.until_on, x.reason,"
		" x.created_on", "snooze", "", "x.rule, x.question"), snooze_cols, ap_snooze, 1, "reading snoozes"),
	[STORE_ROWS_DRIVERS] = KIND(ALL_ROWS("x.id, x.account_id, x.metric, x.metric_unit, x.value, x.growth, x.factor,"
		" x.factor_unit, x.share, x.product_unit", "demand_driver", "", "x.id"), driver_cols, ap_driver, 1,
		"reading demand drivers"),
};

static void row_clear(const row_kind *k, void *row)
{
	for (int i = 0; i < k->ncols; i++)
		if (k->cols[i].kind == COL_TEXT) {
			char **p = (char **)((char *)row + k->cols[i].off);
			free(*p);
			*p = NULL;
		}
}

static void row_decode(const row_kind *k, sqlite3_stmt *st, void *row)
{
	for (int i = 0; i < k->ncols; i++) {
		char *field = (char *)row + k->cols[i].off;
		switch (k->cols[i].kind) {
		case COL_ID: *(long long *)field = sqlite3_column_int64(st, i); break;
		case COL_TEXT: *(char **)field = col_text(st, i); break;
		case COL_NAME: *(int *)field = col_name(st, i, k->cols[i].names); break;
		case COL_REAL: *(double *)field = col_real(st, i); break;
		case COL_BOOL: *(int *)field = sqlite3_column_int(st, i) != 0; break;
		}
	}
}

int store_cursor_open(store *s, enum store_rows kind, store_cursor **out, ap_err *e)
{
	*out = NULL;
	if ((int)kind < 0 || kind >= STORE_ROWS_COUNT)
		return ap_fail(e, AP_EINPUT, "no such row kind %d", (int)kind);
	const row_kind *k = &kinds[kind];
	sqlite3_stmt *st = st_prep(s, k->sql, k->doing, e);
	if (!st)
		return AP_ESTORE;
	/* The statement is cached per kind, so a second cursor would share it. */
	if (sqlite3_stmt_busy(st))
		return ap_fail(e, AP_EINPUT, "%s: a cursor over these rows is already open", k->doing);
	store_cursor *c = xcalloc(1, sizeof *c);
	c->s = s;
	c->k = k;
	c->st = st;
	c->row = xcalloc(1, k->size);
	*out = c;
	return AP_OK;
}

int store_cursor_next(store_cursor *c, const void **row, ap_err *e)
{
	*row = NULL;
	row_clear(c->k, c->row);
	int rc = sqlite3_step(c->st);
	if (rc == SQLITE_DONE)
		return AP_OK;
	if (rc != SQLITE_ROW)
		return st_fail(c->s, rc, c->k->doing, e);
	row_decode(c->k, c->st, c->row);
	c->account = sqlite3_column_int64(c->st, c->k->account_col);
	*row = c->row;
	return AP_OK;
}

long long store_cursor_account(const store_cursor *c) { return c->account; }

void store_cursor_close(store_cursor **cp)
{
	store_cursor *c = *cp;
	if (!c)
		return;
	row_clear(c->k, c->row);
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
			" CREATE TEMP TABLE IF NOT EXISTS note_stage(account_id INTEGER NOT NULL,"
			" tier TEXT, author TEXT, written_on TEXT, body TEXT, tags TEXT); DELETE FROM temp.note_stage",
			NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return AP_OK;
	rc = st_fail(s, rc, "preparing to load notes", e);
	bulk_restore(s);
	return rc;
}

int store_bulk_note(store *s, long long account, const ap_note *n, ap_err *e)
{
	static const char sql[] = "INSERT INTO temp.note_stage(account_id, tier, author, written_on, body, tags)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	const char *text[] = {n->author, n->date, n->body, n->tags};
	sqlite3_stmt *st = st_prep(s, sql, "staging note", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	bind_name(st, 2, &ap_tiers, n->tier);
	/* The note outlives the step (st_exec resets the statement and clears
	 * its bindings), so its text is bound where it is instead of copied. */
	for (int i = 0; i < 4; i++)
		if (text[i])
			sqlite3_bind_text(st, 3 + i, text[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 3 + i);
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
	static const char insert[] = "INSERT INTO note(account_id, tier, author, written_on, body, tags)"
		" SELECT account_id, tier, author, written_on, body, tags FROM temp.note_stage ORDER BY rowid";
	static const char normal_hash[] = "INSERT INTO note_fts(note_fts, rank) VALUES ('hashsize', 1048576)";
	static const char clear[] = "DELETE FROM temp.note_stage";
	int rc = bulk_exec(s, big_hash, e);
	if (!rc)
		rc = bulk_exec(s, insert, e);
	if (!rc)
		rc = bulk_exec(s, normal_hash, e);
	if (!rc)
		rc = bulk_exec(s, clear, e);
	bulk_restore(s);
	return rc;
}

void store_bulk_abort(store *s) { bulk_restore(s); }
