/* store_internal.h - what the store's source files share; nothing outside src/store*.c includes it. */
#ifndef ACCTPLAN_STORE_INTERNAL_H
#define ACCTPLAN_STORE_INTERNAL_H

#include <sqlite3.h>

#include "acctplan/store.h"


struct store {
	sqlite3 *db;
	char *path;
	int depth;
	int snapshot;     /* depth is a read snapshot's: writes are refused */        /* store_begin nesting */
	int failed;       /* an inner step failed: the outer commit must roll back */
	int opened_version;
	int bulk_cache;   /* cache_size to restore after bulk loading; 0 when not loading */
	struct stmt_slot { const char *sql; sqlite3_stmt *st; } *cache;
	int ncache, capcache;
};

/* A prepared statement for a constant SQL string, cached by its address and
 * reset after use. NULL with *e filled on failure. */
sqlite3_stmt *st_prep(store *s, const char *sql, const char *doing, ap_err *e);
void st_done(sqlite3_stmt *st);
/* Map a SQLite result to our statuses and a message "doing: reason (code)". */
int st_fail(store *s, int rc, const char *doing, ap_err *e);
/* Step a statement that returns no rows, then reset it. */
int st_exec(store *s, sqlite3_stmt *st, const char *doing, ap_err *e);

void bind_text(sqlite3_stmt *st, int i, const char *v);      /* NULL binds NULL */
void bind_name(sqlite3_stmt *st, int i, const ap_names *t, int v);  /* v < 0 binds NULL */
void bind_real(sqlite3_stmt *st, int i, double v);            /* NaN binds NULL */
char *col_text(sqlite3_stmt *st, int i);                      /* caller frees; "" for NULL */
int col_name(sqlite3_stmt *st, int i, const ap_names *t);     /* -1 for NULL or unknown */
double col_real(sqlite3_stmt *st, int i);                     /* NaN for NULL */

/* Transaction bracket for a single write function; `doing` names the
 * action in the error when the database is locked. */
int tx_begin(store *s, const char *doing, ap_err *e);
int tx_end(store *s, int rc, ap_err *e);

#endif
