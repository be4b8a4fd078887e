/* store_db_sqlite.c - the store's driver on SQLite: thin, since the driver's
 * shape is SQLite's own. */
#include <sqlite3.h>
#include <stdlib.h>

#include "store_db.h"

_Static_assert(DB_OK == SQLITE_OK && DB_ROW == SQLITE_ROW && DB_DONE == SQLITE_DONE,
	"the driver's statuses are SQLite's");

typedef struct lite {
	db_conn base;
	sqlite3 *h;
} lite;

typedef struct lite_stmt {
	db_stmt base;
	sqlite3_stmt *st;
} lite_stmt;

static sqlite3_stmt *S(db_stmt *st) { return ((lite_stmt *)st)->st; }
static sqlite3 *H(db_conn *d) { return ((lite *)d)->h; }

static const struct db_ops lite_ops;

static int lite_prepare(db_conn *d, const char *sql, int persistent, db_stmt **out)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	int rc = sqlite3_prepare_v3(H(d), sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	lite_stmt *l = xcalloc(1, sizeof *l);
	l->base = (db_stmt){&lite_ops, d};
	l->st = st;
	*out = &l->base;
	return SQLITE_OK;
}

static int lite_step(db_stmt *st) { return sqlite3_step(S(st)); }

static void lite_reset(db_stmt *st)
{
	sqlite3_reset(S(st));
	sqlite3_clear_bindings(S(st));
}

static void lite_finalize(db_stmt *st)
{
	sqlite3_finalize(S(st));
	free(st);
}

static int lite_busy(db_stmt *st) { return sqlite3_stmt_busy(S(st)); }
static void lite_bind_int64(db_stmt *st, int i, long long v) { sqlite3_bind_int64(S(st), i, v); }
static void lite_bind_double(db_stmt *st, int i, double v) { sqlite3_bind_double(S(st), i, v); }

static void lite_bind_null(db_stmt *st, int i) { sqlite3_bind_null(S(st), i); }

static void lite_bind_text(db_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(S(st), i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(S(st), i);
}

static long long lite_col_int64(db_stmt *st, int i) { return sqlite3_column_int64(S(st), i); }
static double lite_col_double(db_stmt *st, int i) { return sqlite3_column_double(S(st), i); }
static const char *lite_col_text(db_stmt *st, int i) { return (const char *)sqlite3_column_text(S(st), i); }
static int lite_col_bytes(db_stmt *st, int i) { return sqlite3_column_bytes(S(st), i); }
static int lite_col_null(db_stmt *st, int i) { return sqlite3_column_type(S(st), i) == SQLITE_NULL; }
static int lite_exec(db_conn *d, const char *sql) { return sqlite3_exec(H(d), sql, NULL, NULL, NULL); }
static long long lite_changes(db_conn *d) { return sqlite3_changes64(H(d)); }
static long long lite_last_id(db_conn *d) { return sqlite3_last_insert_rowid(H(d)); }

static int lite_unique(db_conn *d, int rc)
{
	return rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ||
		(rc == SQLITE_CONSTRAINT && (sqlite3_extended_errcode(H(d)) == SQLITE_CONSTRAINT_UNIQUE ||
		 sqlite3_extended_errcode(H(d)) == SQLITE_CONSTRAINT_PRIMARYKEY));
}

static int lite_busy_rc(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }
static const char *lite_errmsg(db_conn *d) { return sqlite3_errmsg(H(d)); }
static int lite_in_tx(db_conn *d) { return !sqlite3_get_autocommit(H(d)); }

static void lite_close(db_conn *d)
{
	sqlite3_close(H(d));
	free(d);
}

static const struct db_ops lite_ops = {
	"SQLite", lite_prepare, lite_step, lite_step, lite_reset, lite_finalize, lite_busy,
	lite_bind_int64, lite_bind_double, lite_bind_text, lite_bind_null,
	lite_col_int64, lite_col_double, lite_col_text, lite_col_bytes, lite_col_null,
	lite_exec, lite_changes, lite_last_id, lite_unique, lite_busy_rc, lite_errmsg, lite_in_tx, lite_close, NULL,
};

db_conn *db_sqlite_wrap(sqlite3 *h)
{
	lite *l = xcalloc(1, sizeof *l);
	l->base.ops = &lite_ops;
	l->h = h;
	return &l->base;
}

sqlite3 *db_sqlite_handle(db_conn *d) { return d && d->ops == &lite_ops ? H(d) : NULL; }
