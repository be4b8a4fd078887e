/* store_db_pg.c - the store's driver on PostgreSQL, through libpq.
 *
 * The store steps statements as SQLite runs them; here a statement runs
 * whole at its first step and its rows are handed out one by one from the
 * result. That keeps every statement independent of the others (libpq runs
 * one query at a time per connection, and the store nests reads), at the
 * price of holding one result in memory: the lists the store reads are one
 * account's or one screen's, and export reads its tables through cursors in
 * chunks (store_stream.c).
 *
 * Statements the store keeps (persistent) are prepared on the server once
 * per connection; the others are sent with their parameters each time, so
 * nothing needs deallocating after a failed transaction. Parameters are
 * sent as text with the type they were bound as (bigint, double precision,
 * text), as SQLite knows each value's type: "?1 = 0 OR x.account_id = ?1"
 * or lower(?1) leave the server nothing to infer it from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/text.h"
#include "store_db.h"

#ifdef ACCTPLAN_NO_LIBPQ

int db_pg_connect(db_conn **out, const char *conninfo, char **why)
{
	(void)conninfo;
	*out = NULL;
	*why = xstrdup("this acctplan was built without PostgreSQL support (libpq was not found; "
		"install libpq-dev and rebuild)");
	return DB_PG_CONNECT;
}
const char *db_pg_sqlstate(db_conn *d) { (void)d; return ""; }
int db_pg_socket(db_conn *d) { (void)d; return -1; }
int db_pg_reconnect(db_conn *d) { (void)d; return DB_PG_CONNECT; }
int db_pg_notified(db_conn *d, int *lost) { (void)d; *lost = 0; return 0; }
int db_pg_copy(db_conn *d, const char *sql, const char *data, size_t len) { (void)d; (void)sql; (void)data; (void)len; return DB_PG_ERROR; }
int db_pg_copy_row(db_stmt *st, ap_buf *out) { (void)st; (void)out; return DB_PG_ERROR; }
int db_pg_is(db_conn *d) { (void)d; return 0; }

#else

#include <libpq-fe.h>

#include <dlfcn.h>

/* libpq is loaded when the first PostgreSQL store is opened, not when
 * acctplan starts: it brings some twenty libraries (TLS, Kerberos, LDAP)
 * whose loading cost every command about 15 ms, SQLite's included. The
 * functions used are listed once; each call goes through this table. */
#define PQ_FUNCS(X) X(PQbackendPID) X(PQclear) X(PQcmdTuples) X(PQconnectdbParams) \
	X(PQconnectionNeedsPassword) X(PQconnectionUsedPassword) X(PQconsumeInput) X(PQerrorMessage) X(PQexec) \
	X(PQexecParams) X(PQexecPrepared) X(PQfinish) X(PQfreemem) X(PQgetResult) X(PQgetisnull) X(PQgetlength) \
	X(PQgetvalue) X(PQnfields) X(PQnotifies) X(PQntuples) X(PQprepare) X(PQputCopyData) X(PQputCopyEnd) \
	X(PQreset) X(PQresultErrorField) X(PQresultStatus) X(PQsetNoticeProcessor) X(PQsocket) X(PQstatus) \
	X(PQtransactionStatus)
static struct {
#define PQ_FIELD_(f) __typeof__(&f) f;
	PQ_FUNCS(PQ_FIELD_)
#undef PQ_FIELD_
} pq;

/* Load libpq and its functions, once; DB_OK, or DB_PG_CONNECT with *why
 * (caller frees) saying what is missing. */
static int pq_load(char **why)
{
	static void *lib;
	if (lib)
		return DB_OK;
	/* ACCTPLAN_LIBPQ names another build of it (a path, or a name the loader finds). */
	const char *name = getenv("ACCTPLAN_LIBPQ");
	if (!name || !*name)
		name = "libpq.so.5";
	void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		*why = xasprintf("PostgreSQL's client library could not be loaded (install libpq5, or name it in "
			"ACCTPLAN_LIBPQ): %s", dlerror());
		return DB_PG_CONNECT;
	}
	void *fn;
	/* POSIX's way from dlsym's object pointer to a function pointer: copy the bits. */
#define PQ_SYM_(f) \
	if (!(fn = dlsym(h, #f))) { \
		*why = xasprintf("PostgreSQL's client library lacks %s: %s", #f, dlerror()); \
		dlclose(h); \
		return DB_PG_CONNECT; \
	} \
	memcpy(&pq.f, &fn, sizeof fn);
	PQ_FUNCS(PQ_SYM_)
#undef PQ_SYM_
	lib = h;
	return DB_OK;
}

typedef struct pg {
	db_conn base;
	PGconn *c;
	long long changes;
	char *err;            /* the last failure's message */
	char state[6];        /* and its SQLSTATE */
	unsigned long next;   /* names of prepared statements */
	unsigned long generation;   /* connections made: statements prepared on an older one are gone */
} pg;

typedef struct pg_stmt {
	db_stmt base;
	char *sql;            /* with ?N renumbered $N */
	char name[24];        /* "" until prepared on the server */
	unsigned long generation;   /* of the connection it was prepared on */
	int persistent;
	int nparams;
	char **vals;          /* the bound parameters, as text; NULL is NULL */
	Oid *types;           /* their types, as bound (a NULL keeps the last) */
	Oid *prepared;        /* the types the server prepared it with */
	PGresult *res;
	int row, nrows, ran;
	int stream;           /* db_stream: through a cursor, when in a transaction */
	char cursor[24];      /* its name while open, else "" */
	int more;             /* the cursor has rows not fetched yet */
	char num[2][40];      /* col_text of a number */
} pg_stmt;

/* The server's type ids (pg_type.oid) of what the store binds. */
enum { PG_INT8 = 20, PG_TEXT = 25, PG_FLOAT8 = 701 };

static pg *P(db_conn *d) { return (pg *)d; }
static pg_stmt *S(db_stmt *st) { return (pg_stmt *)st; }

/* Remember why a result failed; the status the store sees says how. */
static int failed(pg *p, const PGresult *r)
{
	/* The primary message alone: the whole one begins "ERROR:  " and runs
	 * on with DETAIL and HINT lines written for an administrator. */
	const char *msg = r ? pq.PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg || !*msg)
		msg = pq.PQerrorMessage(p->c);
	free(p->err);
	p->err = xstrdup(msg && *msg ? msg : "unknown error");
	size_t n = strlen(p->err);
	while (n && (p->err[n - 1] == '\n' || p->err[n - 1] == ' '))
		p->err[--n] = '\0';
	const char *state = r ? pq.PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	snprintf(p->state, sizeof p->state, "%s", state ? state : "");
	if (pq.PQstatus(p->c) != CONNECTION_OK)
		return DB_PG_CONNECT;
	if (strcmp(p->state, "23505") == 0)
		return DB_PG_UNIQUE;
	if (strncmp(p->state, "23", 2) == 0)
		return DB_PG_CONSTRAINT;
	if (!strcmp(p->state, "40001") || !strcmp(p->state, "40P01") || !strcmp(p->state, "55P03"))
		return DB_PG_BUSY;
	if (!strcmp(p->state, "57014"))
		return DB_PG_TIMEOUT;
	if (!strcmp(p->state, "53100"))
		return DB_PG_FULL;
	if (!strcmp(p->state, "22021") || !strcmp(p->state, "54000") || !strcmp(p->state, "22001"))
		return DB_PG_INPUT;
	if (!strncmp(p->state, "08", 2) || !strncmp(p->state, "57P", 3))
		return DB_PG_CONNECT;
	return DB_PG_ERROR;
}

/* ?N becomes $N outside quoted text, identifiers and comments; the number
 * of parameters is the largest N. A parameter below it that the text never
 * names (an update's ?2, checked apart) would leave the server no type to
 * give it: it is typed text when nothing is bound to it. */
static char *renumber(const char *sql, int *nparams, Oid **types)
{
	ap_buf b = {0};
	int most = 0;
	unsigned long long named = 0;
	for (const char *p = sql; *p;) {
		if (*p == '\'' || *p == '"') {
			const char *q = strchr(p + 1, *p);
			size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
			buf_add(&b, p, n);
			p += n;
		} else if (p[0] == '-' && p[1] == '-') {
			size_t n = strcspn(p, "\n");
			buf_add(&b, p, n);
			p += n;
		} else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
			char *end;
			long n = strtol(p + 1, &end, 10);
			if (n > most)
				most = (int)n;
			if (n >= 1 && n <= 64)
				named |= 1ULL << (n - 1);
			buf_printf(&b, "$%ld", n);
			p = end;
		} else {
			buf_add(&b, p, 1);
			p++;
		}
	}
	*nparams = most;
	*types = xcalloc((size_t)most + 1, sizeof **types);
	for (int i = 0; i < most && i < 64; i++)
		if (!(named >> i & 1))
			(*types)[i] = PG_TEXT;
	if (!b.s)
		buf_puts(&b, "");
	return buf_steal(&b);
}

static const struct db_ops pg_ops;

static int pg_prepare(db_conn *d, const char *sql, int persistent, db_stmt **out)
{
	pg_stmt *st = xcalloc(1, sizeof *st);
	st->base = (db_stmt){&pg_ops, d};
	st->sql = renumber(sql, &st->nparams, &st->types);
	st->persistent = persistent;
	st->vals = xcalloc((size_t)st->nparams + 1, sizeof *st->vals);
	st->prepared = xcalloc((size_t)st->nparams + 1, sizeof *st->prepared);
	*out = &st->base;
	return DB_OK;
}

/* The result of a command (no rows): DB_OK or its failure; r is cleared. */
static int command_done(pg *p, PGresult *r)
{
	int rc = pq.PQresultStatus(r) == PGRES_COMMAND_OK ? DB_OK : failed(p, r);
	pq.PQclear(r);
	return rc;
}

/* Rows of a streamed statement per round trip: few enough that a chunk of
 * the widest table is a few MiB, many enough that the trips cost little. */
#define PG_FETCH_ROWS 2000

static int pg_in_tx(db_conn *d);

static void drop_result(pg_stmt *st)
{
	pq.PQclear(st->res);
	st->res = NULL;
	st->row = st->nrows = st->ran = 0;
	if (st->cursor[0]) {
		pg *p = P(st->base.d);
		char sql[48];
		snprintf(sql, sizeof sql, "CLOSE %s", st->cursor);
		/* A failed transaction has closed it already. */
		if (pq.PQtransactionStatus(p->c) == PQTRANS_INTRANS)
			pq.PQclear(pq.PQexec(p->c, sql));
		st->cursor[0] = '\0';
	}
	st->more = 0;
}

/* The next chunk of an open cursor into st->res. */
static int fetch(pg_stmt *st)
{
	pg *p = P(st->base.d);
	char sql[64];
	snprintf(sql, sizeof sql, "FETCH %d FROM %s", PG_FETCH_ROWS, st->cursor);
	pq.PQclear(st->res);
	st->res = pq.PQexec(p->c, sql);
	if (pq.PQresultStatus(st->res) != PGRES_TUPLES_OK) {
		int rc = failed(p, st->res);
		pq.PQclear(st->res);
		st->res = NULL;
		st->nrows = 0;
		st->more = 0;
		return rc;
	}
	st->nrows = pq.PQntuples(st->res);
	st->more = st->nrows == PG_FETCH_ROWS;
	st->row = -1;
	return DB_OK;
}

/* DECLARE a cursor for the statement with its parameters, then fetch. */
static int open_cursor(pg_stmt *st)
{
	pg *p = P(st->base.d);
	char name[24];
	snprintf(name, sizeof name, "apc%lu", ++p->next);
	char *sql = xasprintf("DECLARE %s NO SCROLL CURSOR FOR %s", name, st->sql);
	int rc = command_done(p, pq.PQexecParams(p->c, sql, st->nparams, st->types, (const char *const *)st->vals, NULL,
		NULL, 0));
	free(sql);
	if (rc != DB_OK)
		return rc;
	memcpy(st->cursor, name, sizeof name);
	st->ran = 1;
	return fetch(st);
}

/* A text parameter that is not UTF-8 (a name typed in another encoding):
 * the server would refuse the statement and with it the transaction around
 * it. A read cannot find such text among the store's (every text in it is
 * UTF-8), so it finds nothing, as SQLite's comparison does; a write is
 * refused here, the transaction left as it was. 1 when it was handled. */
static int not_utf8(pg_stmt *st, int *rc)
{
	for (int i = 0; i < st->nparams; i++) {
		const char *v = st->vals[i];
		if (!v || st->types[i] != PG_TEXT || ap_utf8_valid(v, strlen(v)))
			continue;
		const char *q = st->sql + strspn(st->sql, " \t\n(");
		if (strncasecmp(q, "SELECT", 6) == 0) {
			st->ran = 1;
			st->nrows = 0;
			st->row = -1;
			*rc = DB_OK;
		} else {
			pg *p = P(st->base.d);
			free(p->err);
			p->err = xstrdup("a text is not valid UTF-8");
			snprintf(p->state, sizeof p->state, "22021");
			*rc = DB_PG_INPUT;
		}
		return 1;
	}
	return 0;
}

static int run(pg_stmt *st)
{
	pg *p = P(st->base.d);
	int bad;
	if (not_utf8(st, &bad))
		return bad;
	if (st->stream && pg_in_tx(st->base.d))
		return open_cursor(st);
	const char *const *vals = (const char *const *)st->vals;
	PGresult *r;
	size_t tsize = (size_t)st->nparams * sizeof *st->types;
	/* Bound with other types than it was prepared with (a parameter first
	 * NULL, then a number): prepared again; the old one is dropped with
	 * the connection. */
	if (st->name[0] && (memcmp(st->types, st->prepared, tsize) != 0 || st->generation != p->generation))
		st->name[0] = '\0';
	if (st->persistent && !st->name[0]) {
		char name[24];
		snprintf(name, sizeof name, "ap%lu", ++p->next);
		int rc = command_done(p, pq.PQprepare(p->c, name, st->sql, st->nparams, st->types));
		if (rc != DB_OK)
			return rc;
		memcpy(st->name, name, sizeof name);
		memcpy(st->prepared, st->types, tsize);
		st->generation = p->generation;
	}
	if (st->name[0])
		r = pq.PQexecPrepared(p->c, st->name, st->nparams, vals, NULL, NULL, 0);
	else
		r = pq.PQexecParams(p->c, st->sql, st->nparams, st->types, vals, NULL, NULL, 0);
	ExecStatusType status = pq.PQresultStatus(r);
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
		int rc = failed(p, r);
		pq.PQclear(r);
		return rc;
	}
	const char *n = pq.PQcmdTuples(r);
	p->changes = n && *n ? atoll(n) : 0;
	st->res = r;
	st->nrows = pq.PQntuples(r);
	st->row = -1;
	st->ran = 1;
	return DB_OK;
}

static int pg_step(db_stmt *base)
{
	pg_stmt *st = S(base);
	if (!st->ran) {
		int rc = run(st);
		if (rc != DB_OK)
			return rc;
	}
	if (st->row < st->nrows)
		st->row++;
	if (st->row >= st->nrows && st->more) {
		int rc = fetch(st);
		if (rc != DB_OK)
			return rc;
		st->row = 0;
	}
	return st->row < st->nrows ? DB_ROW : DB_DONE;
}

static void pg_stream(db_stmt *base) { S(base)->stream = 1; }

static int pg_exec(db_conn *d, const char *sql);

/* Inside a transaction, under a savepoint: rolled back to it on failure,
 * keeping the failure's message for the caller. */
static int pg_step_alone(db_stmt *base)
{
	db_conn *d = base->d;
	if (S(base)->ran || !pg_in_tx(d))
		return pg_step(base);
	int rc = pg_exec(d, "SAVEPOINT ap_alone");
	if (rc != DB_OK)
		return rc;
	rc = pg_step(base);
	if (rc != DB_ROW && rc != DB_DONE) {
		char *err = P(d)->err, state[sizeof P(d)->state];
		memcpy(state, P(d)->state, sizeof state);
		P(d)->err = NULL;
		pg_exec(d, "ROLLBACK TO SAVEPOINT ap_alone");
		free(P(d)->err);
		P(d)->err = err;
		memcpy(P(d)->state, state, sizeof state);
	}
	pg_exec(d, "RELEASE SAVEPOINT ap_alone");
	return rc;
}

static void pg_reset(db_stmt *base)
{
	pg_stmt *st = S(base);
	drop_result(st);
	for (int i = 0; i < st->nparams; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
	}
}

static void pg_finalize(db_stmt *base)
{
	pg_stmt *st = S(base);
	pg_reset(base);
	/* A prepared statement lives as long as the connection; the store
	 * finalizes its kept ones only when it closes the connection. */
	free(st->vals);
	free(st->types);
	free(st->prepared);
	free(st->sql);
	free(st);
}

static int pg_busy(db_stmt *base) { return S(base)->ran && (S(base)->row < S(base)->nrows || S(base)->more); }


static void set_param(pg_stmt *st, int i, Oid type, char *v)
{
	if (i < 1 || i > st->nparams) {
		free(v);
		return;
	}
	free(st->vals[i - 1]);
	st->vals[i - 1] = v;
	if (type)
		st->types[i - 1] = type;
}

static void pg_bind_int64(db_stmt *st, int i, long long v) { set_param(S(st), i, PG_INT8, xasprintf("%lld", v)); }
static void pg_bind_double(db_stmt *st, int i, double v) { set_param(S(st), i, PG_FLOAT8, xasprintf("%.17g", v)); }
static void pg_bind_text(db_stmt *st, int i, const char *v) { set_param(S(st), i, PG_TEXT, v ? xstrdup(v) : NULL); }
/* The type stays what it was bound as before, or the server's inference. */
static void pg_bind_null(db_stmt *st, int i) { set_param(S(st), i, 0, NULL); }

static int have(pg_stmt *st, int i)
{
	return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 && i < pq.PQnfields(st->res) &&
		!pq.PQgetisnull(st->res, st->row, i);
}

/* Booleans come as 't' and 'f'; SQLite's comparisons give 1 and 0. */
static long long pg_col_int64(db_stmt *base, int i)
{
	pg_stmt *st = S(base);
	if (!have(st, i))
		return 0;
	const char *v = pq.PQgetvalue(st->res, st->row, i);
	if (v[0] == 't' && !v[1])
		return 1;
	return strtoll(v, NULL, 10);
}

static double pg_col_double(db_stmt *base, int i)
{
	pg_stmt *st = S(base);
	return have(st, i) ? strtod(pq.PQgetvalue(st->res, st->row, i), NULL) : 0.0;
}

static const char *pg_col_text(db_stmt *base, int i)
{
	pg_stmt *st = S(base);
	return have(st, i) ? pq.PQgetvalue(st->res, st->row, i) : NULL;
}

static int pg_col_bytes(db_stmt *base, int i)
{
	pg_stmt *st = S(base);
	return have(st, i) ? pq.PQgetlength(st->res, st->row, i) : 0;
}

static int pg_col_null(db_stmt *base, int i) { return !have(S(base), i); }

static int pg_exec(db_conn *d, const char *sql)
{
	pg *p = P(d);
	PGresult *r = pq.PQexec(p->c, sql);
	ExecStatusType status = pq.PQresultStatus(r);
	int rc = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? DB_OK : failed(p, r);
	pq.PQclear(r);
	return rc;
}

static long long pg_changes(db_conn *d) { return P(d)->changes; }
static long long pg_last_id(db_conn *d) { (void)d; return 0; }
static int pg_unique(db_conn *d, int rc) { (void)d; return rc == DB_PG_UNIQUE; }
static int pg_busy_rc(int rc) { return rc == DB_PG_BUSY; }
static const char *pg_errmsg(db_conn *d) { return P(d)->err ? P(d)->err : pq.PQerrorMessage(P(d)->c); }
static int pg_in_tx(db_conn *d) { return pq.PQtransactionStatus(P(d)->c) != PQTRANS_IDLE; }

static void pg_close(db_conn *d)
{
	pg *p = P(d);
	pq.PQfinish(p->c);
	free(p->err);
	free(p);
}

static const struct db_ops pg_ops = {
	"PostgreSQL", pg_prepare, pg_step, pg_step_alone, pg_reset, pg_finalize, pg_busy,
	pg_bind_int64, pg_bind_double, pg_bind_text, pg_bind_null,
	pg_col_int64, pg_col_double, pg_col_text, pg_col_bytes, pg_col_null,
	pg_exec, pg_changes, pg_last_id, pg_unique, pg_busy_rc, pg_errmsg, pg_in_tx, pg_close, pg_stream,
};

/* Notices (a schema that already exists...) are the server talking to an
 * administrator, not to the user of a command. */
static void quiet(void *arg, const char *msg) { (void)arg; (void)msg; }

int db_pg_connect(db_conn **out, const char *conninfo, char **why)
{
	*out = NULL;
	*why = NULL;
	int loaded = pq_load(why);
	if (loaded != DB_OK)
		return loaded;
	/* Ask no password on the terminal: one missing is an error to report. */
	/* Later keywords win: the URL may set its own connect_timeout (an empty
	 * value reads PGCONNECT_TIMEOUT), never another encoding. */
	const char *keys[] = {"connect_timeout", "dbname", "application_name", "client_encoding", NULL};
	const char *vals[] = {getenv("PGCONNECT_TIMEOUT") ? "" : "10", conninfo, "acctplan", "UTF8", NULL};
	PGconn *c = pq.PQconnectdbParams(keys, vals, 1);
	if (!c) {
		*why = xstrdup("out of memory");
		return DB_PG_CONNECT;
	}
	if (pq.PQstatus(c) != CONNECTION_OK) {
		/* libpq's lines, and what to do where libpq can tell: the server
		 * asked for a password and none was given, or refused the one given. */
		const char *hint = pq.PQconnectionNeedsPassword(c) ?
			"the server asks for a password: keep it in ~/.pgpass, PGPASSFILE or a service file" :
			pq.PQconnectionUsedPassword(c) ? "check the password (in ~/.pgpass, PGPASSFILE, PGPASSWORD or the URL)" :
			"check the URL's host, port, database and user";
		*why = xasprintf("%s\n%s", pq.PQerrorMessage(c), hint);
		pq.PQfinish(c);
		return DB_PG_CONNECT;
	}
	pq.PQsetNoticeProcessor(c, quiet, NULL);
	pg *p = xcalloc(1, sizeof *p);
	p->base.ops = &pg_ops;
	p->c = c;
	*out = &p->base;
	return DB_OK;
}

int db_pg_is(db_conn *d) { return d && d->ops == &pg_ops; }
const char *db_pg_sqlstate(db_conn *d) { return db_pg_is(d) ? P(d)->state : ""; }
int db_pg_socket(db_conn *d) { return db_pg_is(d) ? pq.PQsocket(P(d)->c) : -1; }

int db_pg_reconnect(db_conn *d)
{
	pg *p = P(d);
	pq.PQreset(p->c);
	if (pq.PQstatus(p->c) != CONNECTION_OK)
		return DB_PG_CONNECT;
	pq.PQsetNoticeProcessor(p->c, quiet, NULL);
	p->generation++;
	return DB_OK;
}

/* Count notifications from other sessions; *lost is set when the
 * connection broke (the caller reconnects). */
int db_pg_notified(db_conn *d, int *lost)
{
	pg *p = P(d);
	int n = 0;
	*lost = 0;
	if (!pq.PQconsumeInput(p->c) || pq.PQstatus(p->c) != CONNECTION_OK) {
		*lost = 1;
		return 0;
	}
	PGnotify *nt;
	while ((nt = pq.PQnotifies(p->c)) != NULL) {
		if (nt->be_pid != pq.PQbackendPID(p->c))
			n++;
		pq.PQfreemem(nt);
	}
	return n;
}

/* The bound parameters as one line of COPY's text format: tab between
 * values, \N for NULL, and a backslash before each backslash, tab and line
 * end inside one. What run() would refuse (text not UTF-8) is refused here,
 * before it is queued, with the same status and message. */
int db_pg_copy_row(db_stmt *base, ap_buf *out)
{
	pg_stmt *st = S(base);
	int bad;
	if (not_utf8(st, &bad))
		return bad;
	for (int i = 0; i < st->nparams; i++) {
		const char *v = st->vals[i];
		if (i)
			buf_add(out, "\t", 1);
		if (!v) {
			buf_add(out, "\\N", 2);
			continue;
		}
		for (const char *run = v;; run++) {
			size_t n = strcspn(run, "\\\t\n\r");
			buf_add(out, run, n);
			run += n;
			if (!*run)
				break;
			char esc[2] = {'\\', *run == '\t' ? 't' : *run == '\n' ? 'n' : *run == '\r' ? 'r' : '\\'};
			buf_add(out, esc, 2);
		}
	}
	buf_add(out, "\n", 1);
	return DB_OK;
}

/* COPY ... FROM STDIN with data in COPY's text format: bulk loading. */
int db_pg_copy(db_conn *d, const char *sql, const char *data, size_t len)
{
	pg *p = P(d);
	PGresult *r = pq.PQexec(p->c, sql);
	if (pq.PQresultStatus(r) != PGRES_COPY_IN) {
		int rc = failed(p, r);
		pq.PQclear(r);
		return rc;
	}
	pq.PQclear(r);
	int ok = pq.PQputCopyData(p->c, data, (int)len) == 1;
	ok = pq.PQputCopyEnd(p->c, ok ? NULL : "acctplan could not send the data") == 1 && ok;
	int rc = DB_OK;
	while ((r = pq.PQgetResult(p->c)) != NULL) {
		if (pq.PQresultStatus(r) != PGRES_COMMAND_OK && rc == DB_OK)
			rc = failed(p, r);
		pq.PQclear(r);
	}
	return rc == DB_OK && !ok ? failed(p, NULL) : rc;
}

#endif
