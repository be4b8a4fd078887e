/* store_pg.c - opening, creating and upgrading the store on PostgreSQL.
 *
 * A team's store lives in schema "acctplan" of a database the team already
 * runs; acctplan.schema_version says which program wrote it and to which
 * version, as PRAGMA application_id and user_version do for a SQLite file.
 * Whoever opens it first creates or upgrades it, under an advisory lock so
 * that two colleagues starting at once do not both try. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/cli.h"
#include "acctplan/dburl.h"
#include "store_internal.h"
#include "store_pg_schema.h"

/* 'AcTP', as the SQLite file's application id: the advisory lock's key. */
#define PG_LOCK_KEY "1097028688"

/* A write takes the store's advisory lock first, for its transaction, as
 * SQLite's BEGIN IMMEDIATE takes the file's write lock: writers run one at
 * a time, and every statement of a write (READ COMMITTED) sees what the
 * writers before it committed. So a check and the write it guards (a
 * version, --replaces, the fields an edit leaves as they were) cannot be
 * overtaken by a colleague's write in between. Readers never wait; a
 * writer waits the busy timeout (lock_timeout), then says the store is busy.
 * An identity column takes its default only when the insert leaves it out,
 * never for a NULL: the insert asks for the next id itself. */
const store_dialect store_pg = {"?", 1, "lower", "BEGIN; SELECT pg_advisory_xact_lock(" PG_LOCK_KEY ")",
	"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "JOIN", "nextval('%s_id_seq')", 1, ""};

/* migrate's answer to STORE_IF_THERE when there is no store: no error. */
#define STORE_PG_NONE (-1)
#define PROGRAM "acctplan"

static int configure(store *s, ap_err *e);

/* The connection broke (the server restarted, the network dropped): the
 * transaction is gone, nothing of it was written. Connect again at once so
 * that trying again works; the workbench keeps the edit for that. */
static const char *reconnect(store *s)
{
	if (s->pg_reconnecting)
		return "not reconnected yet";
	s->depth = 0;
	s->pg_reconnecting = 1;
	int ok = db_pg_reconnect(s->db) == DB_OK && configure(s, NULL) == AP_OK;
	s->pg_reconnecting = 0;
	if (!ok)
		return "not reconnected yet";
	s->pg_changes++;   /* what others did meanwhile was not notified: reload */
	return "connected again: try again";
}

int store_pg_fail(store *s, int rc, const char *doing, ap_err *e)
{
	char *why = dburl_scrub(db_errmsg(s->db), NULL);
	/* libpq's messages run over several lines (DETAIL, HINT): the first says it. */
	why[strcspn(why, "\n")] = '\0';
	int status;
	switch (rc) {
	case DB_PG_BUSY:
		/* Named as the whole write, as SQLite's lock fails at its BEGIN:
		 * here the lock is met by the statement that needs it. */
		status = ap_fail(e, AP_ESTORE, "%s: the database is busy: another session holds what this needs and "
			"did not let it go within the busy timeout; nothing was written", s->depth ? s->tx_doing : doing);
		break;
	case DB_PG_UNIQUE:
	case DB_PG_CONSTRAINT:
	case DB_PG_INPUT:
		status = ap_fail(e, AP_EINPUT, "%s: %s", doing, why);
		break;
	case DB_PG_TIMEOUT:
		status = ap_fail(e, AP_ESTORE, "%s: the server cancelled it: it took longer than its statement timeout; "
			"nothing was written (ask for a longer statement_timeout for your role, or set one in the URL's "
			"options)", doing);
		break;
	case DB_PG_FULL:
		status = ap_fail(e, AP_ESTORE, "%s: the server's disk is full (%s)", doing, why);
		break;
	case DB_PG_CONNECT:
		status = ap_fail(e, AP_ESTORE, "%s: lost the connection to %s (%s); nothing was written; %s", doing,
			s->path, why, reconnect(s));
		break;
	default:
		status = ap_fail(e, AP_ESTORE, "%s: %s (SQLSTATE %s)", doing, why, db_pg_sqlstate(s->db));
	}
	free(why);
	return status;
}

static int pg_exec_sql(store *s, const char *sql, const char *doing, ap_err *e)
{
	int rc = db_exec(s->db, sql);
	return rc == DB_OK ? AP_OK : store_pg_fail(s, rc, doing, e);
}

/* What is there: the version table's row, or whether schema acctplan
 * exists and holds anything. */
struct pg_state {
	int has_version, has_schema, tables;
	int version;
	char program[32], written_by[64];
};

static int read_state(store *s, struct pg_state *ps, ap_err *e)
{
	static const char doing[] = "reading the schema version";
	db_stmt *st = NULL;
	db_prepare(s->db, "SELECT to_regclass('acctplan.schema_version') IS NOT NULL,"
		" EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'acctplan'),"
		" (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
		"  WHERE n.nspname = 'acctplan'),"
		" (SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('acctplan.schema_version')"
		"  AND attname IN ('program', 'version', 'written_by') AND NOT attisdropped)", &st);
	int rc = db_step(st);
	int columns = 0;
	if (rc == DB_ROW) {
		ps->has_version = db_col_int(st, 0);
		ps->has_schema = db_col_int(st, 1);
		ps->tables = db_col_int(st, 2);
		columns = db_col_int(st, 3);
	}
	db_finalize(st);
	if (rc != DB_ROW)
		return store_pg_fail(s, rc, doing, e);
	if (!ps->has_version)
		return AP_OK;
	/* Another program's table of that name, not ours: its columns say so. */
	if (columns != 3)
		return ap_fail(e, AP_ESTORE, "%s: schema acctplan has a table schema_version that is not acctplan's: "
			"another program made it; nothing was changed", s->path);
	st = NULL;
	db_prepare(s->db, "SELECT program, version, written_by FROM acctplan.schema_version", &st);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(ps->program, sizeof ps->program, "%s", db_col_text(st, 0));
		ps->version = db_col_int(st, 1);
		snprintf(ps->written_by, sizeof ps->written_by, "%s", db_col_text(st, 2));
	}
	db_finalize(st);
	if (rc == DB_DONE)
		return ap_fail(e, AP_ESTORE, "%s: acctplan.schema_version has no row, which acctplan never leaves: "
			"another program changed it; nothing was changed (restore a backup)", s->path);
	else if (rc != DB_ROW)
		return store_pg_fail(s, rc, doing, e);
	return AP_OK;
}

static int check_state(store *s, const struct pg_state *ps, enum store_mode mode, ap_err *e)
{
	if (ps->has_version && (strcmp(ps->program, PROGRAM) != 0 || ps->version < 0))
		return ap_fail(e, AP_ESTORE, "%s: schema acctplan belongs to another program ('%s'), not acctplan; "
			"nothing was changed", s->path, ps->program);
	if (ps->has_version && ps->version > STORE_SCHEMA_VERSION)
		return ap_fail(e, AP_ESTORE, "%s was upgraded to schema %d by %s; this acctplan (%s) knows schema %d: "
			"update acctplan; nothing was written", s->path, ps->version, ps->written_by, ACCTPLAN_VERSION,
			STORE_SCHEMA_VERSION);
	if (ps->has_version && ps->version < STORE_PG_BASE_VERSION)
		return ap_fail(e, AP_ESTORE, "%s: schema acctplan says version %d, one no acctplan writes on PostgreSQL; "
			"nothing was changed", s->path, ps->version);
	if (!ps->has_version && ps->tables > 0)
		return ap_fail(e, AP_ESTORE, "%s: schema acctplan holds tables but no acctplan.schema_version: another "
			"program made it; nothing was changed", s->path);
	if (!ps->has_version && mode != STORE_CREATE)
		return ap_fail(e, AP_ESTORE, "no acctplan store in %s (run 'acctplan init' to create one)", s->path);
	return AP_OK;
}

static int create_schema(store *s, ap_err *e)
{
	static const char doing[] = "creating the store";
	int rc = AP_OK;
	for (const char *const *step = store_pg_schema; !rc && *step; step++)
		rc = pg_exec_sql(s, *step, doing, e);
	if (rc)
		return rc;
	db_stmt *st = NULL;
	db_prepare(s->db, "INSERT INTO acctplan.schema_version(program, version, written_by) VALUES (?1, ?2, ?3)", &st);
	db_bind_text(st, 1, PROGRAM);
	db_bind_int64(st, 2, STORE_PG_BASE_VERSION);
	db_bind_text(st, 3, "acctplan " ACCTPLAN_VERSION);
	int step = db_step(st);
	db_finalize(st);
	return step == DB_DONE ? AP_OK : store_pg_fail(s, step, doing, e);
}

/* From version `from` (at least the base's) to this acctplan's, and say
 * who did it. */
static int upgrade(store *s, int from, ap_err *e)
{
	int rc = AP_OK;
	char doing[64];
	for (int v = from; !rc && v < STORE_PG_SCHEMA_VERSION; v++) {
		snprintf(doing, sizeof doing, "upgrading the schema to version %d", v + 1);
		for (const char *const *step = store_pg_steps[v - STORE_PG_BASE_VERSION]; !rc && *step; step++)
			rc = pg_exec_sql(s, *step, doing, e);
	}
	if (rc || from == STORE_PG_SCHEMA_VERSION)
		return rc;
	db_stmt *st = NULL;
	db_prepare(s->db, "UPDATE acctplan.schema_version SET version = ?1, written_by = ?2", &st);
	db_bind_int64(st, 1, STORE_PG_SCHEMA_VERSION);
	db_bind_text(st, 2, "acctplan " ACCTPLAN_VERSION);
	int step = db_step(st);
	db_finalize(st);
	return step == DB_DONE ? AP_OK : store_pg_fail(s, step, "recording the schema version", e);
}

/* Read what is there, under the advisory lock, and create the schema when
 * nothing is. The lock ends with the transaction. */
static int migrate(store *s, enum store_mode mode, ap_err *e)
{
	int rc = pg_exec_sql(s, "BEGIN", "opening the store", e);
	if (!rc)
		rc = pg_exec_sql(s, "SELECT pg_advisory_xact_lock(" PG_LOCK_KEY ")", "waiting for another upgrade", e);
	struct pg_state ps = {0};
	if (!rc)
		rc = read_state(s, &ps, e);
	if (!rc && mode == STORE_IF_THERE && !ps.has_version && ps.tables == 0) {
		db_exec(s->db, "ROLLBACK");
		return STORE_PG_NONE;
	}
	if (!rc)
		rc = check_state(s, &ps, mode, e);
	if (!rc)
		s->opened_version = ps.has_version ? ps.version : 0;
	if (!rc && !ps.has_version)
		rc = create_schema(s, e);
	if (!rc)
		rc = upgrade(s, ps.has_version ? ps.version : STORE_PG_BASE_VERSION, e);
	if (rc) {
		db_exec(s->db, "ROLLBACK");
		return rc;
	}
	return pg_exec_sql(s, "COMMIT", "opening the store", e);
}

/* The busy timeout becomes the server's lock timeout: a row or table
 * another session holds fails the statement (55P03, "busy") instead of
 * waiting without end. No JIT: it compiles a statement the planner thinks
 * costly (a view over every kind, say) in 100 ms or more, for statements
 * that run in a few. */
static int configure(store *s, ap_err *e)
{
	const char *v = getenv("ACCTPLAN_BUSY_TIMEOUT");
	int ms = v && *v ? atoi(v) : 5000;
	char sql[160];
	snprintf(sql, sizeof sql, "SET search_path TO acctplan; SET lock_timeout = %d; SET jit = off; LISTEN acctplan",
		ms >= 0 ? ms : 5000);
	return pg_exec_sql(s, sql, "configuring the connection", e);
}

/* libpq's message on one line (caller frees): its lines joined by "; ",
 * the server's "FATAL:  " left out, and libpq's "connection to server ...
 * failed: ", which says again where, as the message names the URL. */
static char *one_line(const char *m)
{
	const char *failed = strstr(m, " failed: ");
	if (strncmp(m, "connection to server ", 21) == 0 && failed)
		m = failed + 9;
	ap_buf b = {0};
	while (*m) {
		if (strncmp(m, "FATAL:  ", 8) == 0) {
			m += 8;
		} else if (*m == '\n' || *m == '\t') {
			m += strspn(m, "\n\t ");
			if (*m && b.len)
				buf_puts(&b, "; ");
		} else {
			buf_add(&b, m++, 1);
		}
	}
	return b.s ? buf_steal(&b) : xstrdup("");
}

int store_pg_open(store **out, const char *url, enum store_mode mode, ap_err *e)
{
	*out = NULL;
	int rc = dburl_check(url, e);
	if (rc)
		return rc;
	store *s = xcalloc(1, sizeof *s);
	s->path = dburl_redact(url);
	s->dialect = &store_pg;
	sql_build(s);
	char *why = NULL;
	if (db_pg_connect(&s->db, url, &why) != DB_OK) {
		char *safe = dburl_scrub(why, url), *line = one_line(safe);
		rc = ap_fail(e, AP_ESTORE, "cannot connect to %s: %s", s->path, line);
		free(line);
		free(safe);
		free(why);
		store_close(&s);
		return rc;
	}
	rc = configure(s, e);
	if (!rc)
		rc = migrate(s, mode, e);
	if (rc) {
		store_close(&s);
		return rc == STORE_PG_NONE ? AP_OK : rc;
	}
	*out = s;
	return AP_OK;
}

int store_pg_data_version(store *s, long long *v, ap_err *e)
{
	int lost = 0;
	s->pg_changes += db_pg_notified(s->db, &lost);
	if (lost)
		return ap_fail(e, AP_ESTORE, "watching for changes: lost the connection to %s; %s", s->path, reconnect(s));
	*v = s->pg_changes;
	return AP_OK;
}
