/* unit_store.h - where the store suites (test_store, test_port, test_rules,
 * test_contract) keep their store: a SQLite file in the test's temporary
 * folder, or, when ACCTPLAN_TEST_PG_URL names a database on the throwaway
 * PostgreSQL server of tests/pg.sh (tests/run.sh sets it for a second run
 * of those suites), that database, emptied before each test. Either way a
 * test starts from no store at all, as a fresh file gives it.
 *
 * The helpers reach the server with libpq directly, not through the store:
 * emptying and inspecting a database must not depend on the code under test. */
#ifndef ACCTPLAN_UNIT_STORE_H
#define ACCTPLAN_UNIT_STORE_H

#include "unit_helpers.h"

#ifndef ACCTPLAN_NO_LIBPQ
#include <libpq-fe.h>
#endif

/* The database the suite runs on, or NULL for SQLite files. */
static inline const char *unit_pg_url(void)
{
	const char *url = getenv("ACCTPLAN_TEST_PG_URL");
	return url && *url ? url : NULL;
}

static inline int unit_pg(void) { return unit_pg_url() != NULL; }

/* A test about what only a SQLite file has (its mode, PRAGMAs, the sqlite3
 * API on it, the files earlier releases wrote) ends here on PostgreSQL,
 * reported as skipped (TAP "# SKIP"), which tests/run.sh counts neither as
 * passed nor as failed. */
#define UNIT_SQLITE_ONLY() do { if (unit_pg()) skip(); } while (0)

#ifdef ACCTPLAN_NO_LIBPQ
static inline char *unit_pg_unavailable(void)
{
	fail_msg("ACCTPLAN_TEST_PG_URL is set, but this build has no libpq (ACCTPLAN_NO_LIBPQ)");
	return NULL;
}
#else
/* A connection of the test's own to url, with the search path on schema
 * acctplan as the store sets it; the test fails when there is none. */
static inline PGconn *unit_pg_connect(const char *url)
{
	PGconn *c = PQconnectdb(url);
	if (PQstatus(c) != CONNECTION_OK) {
		char *why = xstrdup(PQerrorMessage(c));
		PQfinish(c);
		fail_msg("cannot connect to the test database: %s", why);
	}
	/* DROP ... CASCADE lists every object it drops as a NOTICE: noise in the TAP output. */
	PGresult *r = PQexec(c, "SET client_min_messages = warning; SET search_path TO acctplan");
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	if (!ok) {
		char *why = xstrdup(PQerrorMessage(c));
		PQfinish(c);
		fail_msg("configuring the test connection: %s", why);
	}
	return c;
}

/* Run sql (one or more statements) on c; the test fails when it does.
 * Returns the last statement's result, which the caller clears. */
static inline PGresult *unit_pg_run(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		char *why = xstrdup(PQresultErrorMessage(r));
		PQclear(r);
		PQfinish(c);
		fail_msg("%s: %s", sql, why);
	}
	return r;
}

/* url with its database (the path after the authority) replaced by db;
 * the query (host=..., port=...) stays. Caller frees. */
static inline char *unit_pg_url_of(const char *url, const char *db)
{
	const char *rest = strstr(url, "://");
	assert_non_null(rest);
	rest += 3;
	const char *path = rest + strcspn(rest, "/?");
	const char *query = *path == '/' ? path + strcspn(path, "?") : path;
	return xasprintf("%.*s/%s%s", (int)(path - url), url, db, query);
}
#endif

/* Run sql on the test's PostgreSQL database as another client would. */
static inline void unit_pg_exec(const char *sql)
{
#ifdef ACCTPLAN_NO_LIBPQ
	(void)sql;
	unit_pg_unavailable();
#else
	PGconn *c = unit_pg_connect(unit_pg_url());
	PQclear(unit_pg_run(c, sql));
	PQfinish(c);
#endif
}

/* The first column of the first row sql gives on the test's PostgreSQL
 * database, as text; "(none)" for no row or a NULL. Caller frees. */
static inline char *unit_pg_value(const char *sql)
{
#ifdef ACCTPLAN_NO_LIBPQ
	(void)sql;
	return unit_pg_unavailable();
#else
	PGconn *c = unit_pg_connect(unit_pg_url());
	PGresult *r = unit_pg_run(c, sql);
	char *v = xstrdup(PQntuples(r) > 0 && PQnfields(r) > 0 && !PQgetisnull(r, 0, 0) ? PQgetvalue(r, 0, 0)
		: "(none)");
	PQclear(r);
	PQfinish(c);
	return v;
#endif
}

/* Where the test's store goes (caller frees): dir/file, which is not there
 * yet; on PostgreSQL, the URL of the test database with no schema acctplan
 * in it (dropped with everything in it, sequences included, so ids start
 * at 1 as in a new file). */
static inline char *unit_store(const char *dir, const char *file)
{
	if (!unit_pg())
		return xasprintf("%s/%s", dir, file);
	unit_pg_exec("DROP SCHEMA IF EXISTS acctplan CASCADE");
	return xstrdup(unit_pg_url());
}

/* A second store, apart from unit_store's (caller frees): dir/file; on
 * PostgreSQL a database of its own, "<test database>_<file's name up to
 * its first '.'>", created afresh on the same server. */
static inline char *unit_store_apart(const char *dir, const char *file)
{
	if (!unit_pg())
		return xasprintf("%s/%s", dir, file);
#ifdef ACCTPLAN_NO_LIBPQ
	return unit_pg_unavailable();
#else
	PGconn *c = unit_pg_connect(unit_pg_url());
	/* Letters, digits and _ only: it goes into SQL quoted, and into the URL as it is. */
	for (const char *p = file; *p && *p != '.'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			fail_msg("unit_store_apart: '%s': name the file with a-z, 0-9 and _ only", file);
	char *db = xasprintf("%s_%.*s", PQdb(c), (int)strcspn(file, "."), file);
	/* Two statements apart: neither may run inside a transaction, which one
	 * query string of several statements is. */
	char *sql = xasprintf("DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", db);
	PQclear(unit_pg_run(c, sql));
	free(sql);
	sql = xasprintf("CREATE DATABASE \"%s\"", db);
	PQclear(unit_pg_run(c, sql));
	free(sql);
	PQfinish(c);
	char *url = unit_pg_url_of(unit_pg_url(), db);
	free(db);
	return url;
#endif
}

#endif
