/* store_db.h - the store's SQL driver: one connection and its prepared statements,
 * on SQLite (store_db_sqlite.c) or PostgreSQL (store_db_pg.c). Nothing outside
 * src/store*.c includes it.
 *
 * The shape is SQLite's (prepare, bind, step, column, reset), because the
 * store was written against it: a statement is stepped row by row and
 * reset to run again. Parameters are written ?1, ?2... in every dialect;
 * the PostgreSQL driver renumbers them. Columns are read as text, integer
 * or double whatever the database stored, as SQLite converts them.
 *
 * Status codes: DB_OK, DB_ROW and DB_DONE are the same in every driver;
 * anything else is a failure the driver explains with db_fail. The store
 * asks about a failure only through db_busy and db_unique. */
#ifndef ACCTPLAN_DB_H
#define ACCTPLAN_DB_H

#include "acctplan/util.h"

#define DB_OK 0
#define DB_ROW 100
#define DB_DONE 101

typedef struct db_conn db_conn;
typedef struct db_stmt db_stmt;

struct db_ops {
	const char *name;                 /* "SQLite", "PostgreSQL" */
	int (*prepare)(db_conn *d, const char *sql, int persistent, db_stmt **out);
	int (*step)(db_stmt *st);
	int (*step_alone)(db_stmt *st);   /* step; a failure undoes only this statement */
	void (*reset)(db_stmt *st);       /* also clears the bindings */
	void (*finalize)(db_stmt *st);
	int (*busy)(db_stmt *st);         /* stepped but not yet reset or done */
	void (*bind_int64)(db_stmt *st, int i, long long v);
	void (*bind_double)(db_stmt *st, int i, double v);
	void (*bind_text)(db_stmt *st, int i, const char *v);   /* copied; NULL binds a text NULL */
	void (*bind_null)(db_stmt *st, int i);    /* a NULL whose type its place says (an id, a number) */
	long long (*col_int64)(db_stmt *st, int i);
	double (*col_double)(db_stmt *st, int i);
	const char *(*col_text)(db_stmt *st, int i);   /* NULL for NULL; valid until the next step */
	int (*col_bytes)(db_stmt *st, int i);
	int (*col_null)(db_stmt *st, int i);
	int (*exec)(db_conn *d, const char *sql);           /* one or more statements, no parameters */
	long long (*changes)(db_conn *d);                   /* rows the last statement changed */
	long long (*last_id)(db_conn *d);                   /* of the last insert (SQLite only) */
	int (*unique)(db_conn *d, int rc);                  /* rc is a unique constraint refusing a row */
	int (*busy_rc)(int rc);                        /* rc is a lock or a serialization failure */
	const char *(*errmsg)(db_conn *d);
	int (*in_tx)(db_conn *d);                           /* a transaction is open on the connection */
	void (*close)(db_conn *d);
	void (*stream)(db_stmt *st);        /* read its rows in chunks (see db_stream) */
};

/* Every driver's connection and statement begin with these. */
struct db_conn { const struct db_ops *ops; };
struct db_stmt { const struct db_ops *ops; db_conn *d; };

static inline int db_prepare(db_conn *d, const char *sql, db_stmt **out) { return d->ops->prepare(d, sql, 0, out); }
static inline int db_step(db_stmt *st) { return st->ops->step(st); }
/* The first step of a write the store goes on from when it fails (a unique
 * key refusing a row, then reading who holds it): SQLite undoes just the
 * statement, PostgreSQL would abort the whole transaction. */
static inline int db_step_alone(db_stmt *st) { return st->ops->step_alone(st); }
static inline void db_reset(db_stmt *st) { st->ops->reset(st); }
static inline void db_finalize(db_stmt *st) { if (st) st->ops->finalize(st); }
static inline int db_stmt_busy(db_stmt *st) { return st->ops->busy(st); }
/* A statement whose rows may be many (a whole table, for export): on
 * PostgreSQL, inside a transaction, read through a cursor a chunk at a
 * time instead of whole; SQLite steps row by row anyway. */
static inline void db_stream(db_stmt *st) { if (st->ops->stream) st->ops->stream(st); }
static inline void db_bind_int64(db_stmt *st, int i, long long v) { st->ops->bind_int64(st, i, v); }
static inline void db_bind_double(db_stmt *st, int i, double v) { st->ops->bind_double(st, i, v); }
static inline void db_bind_text(db_stmt *st, int i, const char *v) { st->ops->bind_text(st, i, v); }
static inline void db_bind_null(db_stmt *st, int i) { st->ops->bind_null(st, i); }
static inline long long db_col_int64(db_stmt *st, int i) { return st->ops->col_int64(st, i); }
static inline int db_col_int(db_stmt *st, int i) { return (int)st->ops->col_int64(st, i); }
static inline double db_col_double(db_stmt *st, int i) { return st->ops->col_double(st, i); }
static inline const char *db_col_text(db_stmt *st, int i) { return st->ops->col_text(st, i); }
static inline int db_col_bytes(db_stmt *st, int i) { return st->ops->col_bytes(st, i); }
static inline int db_col_null(db_stmt *st, int i) { return st->ops->col_null(st, i); }
static inline int db_exec(db_conn *d, const char *sql) { return d->ops->exec(d, sql); }
static inline long long db_changes(db_conn *d) { return d->ops->changes(d); }
static inline long long db_last_id(db_conn *d) { return d->ops->last_id(d); }
static inline int db_unique(db_conn *d, int rc) { return d->ops->unique(d, rc); }
static inline int db_busy(db_conn *d, int rc) { return d->ops->busy_rc(rc); }
static inline const char *db_errmsg(db_conn *d) { return d->ops->errmsg(d); }
static inline int db_in_tx(db_conn *d) { return d->ops->in_tx(d); }
static inline void db_close(db_conn *d) { if (d) d->ops->close(d); }

/* store_db_sqlite.c: a driver around a connection SQLite opened, which it then
 * owns (db_close closes it); the handle stays reachable for what only
 * SQLite has (backup, WAL, FTS5). */
struct sqlite3;
db_conn *db_sqlite_wrap(struct sqlite3 *h);
struct sqlite3 *db_sqlite_handle(db_conn *d);

/* store_db_pg.c: the statuses of a failure on PostgreSQL, which db_pg_sqlstate
 * and db_errmsg explain further. */
enum {
	DB_PG_ERROR = 1, DB_PG_UNIQUE, DB_PG_CONSTRAINT, DB_PG_BUSY, DB_PG_TIMEOUT, DB_PG_FULL,
	DB_PG_INPUT, DB_PG_CONNECT,
};
/* Connect to conninfo (a postgresql:// URL or key=value pairs); *why
 * (caller frees) says why not, in libpq's words, which may name the
 * server but never the password. */
int db_pg_connect(db_conn **out, const char *conninfo, char **why);
int db_pg_is(db_conn *d);
const char *db_pg_sqlstate(db_conn *d);
/* The connection's socket, to wait on for notifications; -1 when none. */
int db_pg_socket(db_conn *d);
/* Connect again after the connection broke (a server restart): DB_OK when
 * it is back; the statements prepared on the old one are prepared again
 * when next run. The session's settings are the caller's to set again. */
int db_pg_reconnect(db_conn *d);
/* Notifications from other sessions since the last call; *lost when the
 * connection broke. */
int db_pg_notified(db_conn *d, int *lost);
/* COPY sql FROM STDIN, fed data (COPY's text format). */
int db_pg_copy(db_conn *d, const char *sql, const char *data, size_t len);
/* Append st's bound parameters to out as one row of COPY's text format, in
 * parameter order; DB_PG_INPUT (nothing appended) for text that is not UTF-8. */
int db_pg_copy_row(db_stmt *st, ap_buf *out);

#endif
