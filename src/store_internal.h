/* store_internal.h - what the store's source files share; nothing outside src/store*.c includes it. */
#ifndef ACCTPLAN_STORE_INTERNAL_H
#define ACCTPLAN_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store_db.h"

#include "acctplan/store.h"


/* The column holding a named record's ap_name_key: what names are compared
 * by (lookups, and the unique indexes). Not a field of the record: the store
 * derives it from the name on every write. */
#define STORE_NAME_KEY "name_key"
/* The kinds the search index holds, 0 .. STORE_SEARCH_KINDS - 1 (schema 4
 * fixed their numbers); kinds added later are not searched. */
#define STORE_SEARCH_KINDS (REC_NOTE + 1)

/* Filling a search index in bulk (schema 4's upgrade, store_bulk_end), for
 * an FTS5 table t: a larger in-memory hash writes fewer, larger segments
 * (1 MiB is FTS5's default), and no merging while it fills; after, one
 * merge into a single segment and the settings of every day back. Left to
 * merge as it filled, the index kept big merges pending that later single
 * writes paid for (a meeting edit right after an import took up to 0.4 s).
 * Every day, writes do not merge (automerge 0): FTS5 merges in work units
 * of 64 leaf pages, and a write that drew one waited 8-13 ms, every 32nd
 * write at 10,000 accounts. store_tidy merges instead, where nobody waits
 * for a write: as a command ends, and when the workbench is idle. A level
 * may hold up to 64 segments before FTS5 merges all of it in one go (its
 * crisismerge, 16 by default, was reached while a write at a time merged
 * the one big segment: a stall of 0.9 s at 10,000 accounts). */
#define STORE_FTS_LOADING(t) \
	"INSERT INTO " t "(" t ", rank) VALUES ('hashsize', 8388608);" \
	" INSERT INTO " t "(" t ", rank) VALUES ('automerge', 0);"
#define STORE_FTS_DEFAULTS(t) \
	"INSERT INTO " t "(" t ", rank) VALUES ('automerge', 0);" \
	" INSERT INTO " t "(" t ", rank) VALUES ('crisismerge', 64);" \
	" INSERT INTO " t "(" t ", rank) VALUES ('hashsize', 1048576);"
#define STORE_FTS_LOADED(t) "INSERT INTO " t "(" t ") VALUES ('optimize'); " STORE_FTS_DEFAULTS(t)

/* What differs between SQL databases, so that the statements derived from
 * the record tables need no rewrite for a second one. */
typedef struct store_dialect {
	const char *param;       /* numbered parameter prefix: "?" (SQLite), "$" (PostgreSQL) */
	int returning;           /* INSERT ... RETURNING id, else the last insert id */
	const char *fold;        /* case folding of a name for comparison: "lower" */
	const char *begin_write; /* a write transaction that fails at once when it cannot write */
	const char *begin_read;  /* one snapshot for every read until the end */
	const char *join;        /* a join that keeps the tables in the order written */
	const char *next_id;     /* a new id for table %s when the insert gives none; NULL: NULL does */
	int copy;                /* a bulk load queues rows for COPY ... FROM STDIN (store_bulk_queue) */
	const char *whole;       /* after a table read whole to be sorted: what keeps its indexes out ("" none) */
} store_dialect;
extern const store_dialect store_sqlite, store_pg;

/* The statements of one record kind, derived from its fields at open. */
typedef struct kind_sql {
	char *cols;       /* select list over alias x, in field order */
	char *get;        /* ?1 id, ?2 account or 0 */
	char *insert;     /* every written field in order, ?1.. */
	char *copy;       /* COPY of the insert's columns, when the dialect has it and the insert is plain */
	char *update;     /* ?1 id, ?2 if_version or 0, ?3 account or 0, then the user fields, updated_at, updated_by */
	char *remove;     /* ?1 id, ?2 if_version or 0, ?3 account or 0 */
	char *meta;       /* ?1 id: version, updated_at, updated_by, account_id */
	char *find;       /* ?1 account, ?2 name: id */
	char *prefix;     /* ?1 account, ?2 key, ?3 its upper bound: id, name of the first few keys in that range */
	char *list_one, *list_all, *stream;
	char *adding;     /* "adding <kind>", what a failed insert says it was doing */
	const char *parent;   /* the parent's column, NULL for accounts */
} kind_sql;

struct store {
	db_conn *db;           /* the driver's connection */
	sqlite3 *lite;    /* the same, on SQLite: what only SQLite has (backup, WAL, FTS5); else NULL */
	char *path;
	const store_dialect *dialect;
	kind_sql sql[REC_NKINDS];
	long long bulk_after[REC_NKINDS];  /* bulk loading: each kind's largest id before it */
	char *bulk_triggers;               /* bulk loading: the search triggers taken out, as SQL */
	int search_ready;                  /* store_search's rank functions are registered */
	char *answer_current_one, *answer_current_all, *answer_history, *account_page, *member_held;
	char *action_list[3];  /* store_action_list: one account's, one owner's, everyone's */
	char *action_count[3]; /* store_action_count: the same, counted */
	char *planned_sql;     /* store_planned_meetings */
	char *advocacy_sql[2]; /* store_advocacy_find: every record, those with consent today */
	char *review_actions, *review_snoozes;  /* store_review_actions, store_review_snoozes */
	char *author;     /* acting member, for updated_by */
	ap_buf repairs;   /* what the upgrade repaired */
	int depth;        /* store_begin nesting */
	char tx_doing[64];   /* what the outermost store_begin is for (in messages) */
	int snapshot;     /* depth is a read snapshot's: writes are refused */
	int failed;       /* an inner step failed: the outer commit must roll back */
	int opened_version;
	int created;      /* SQLite: this store_open created the file (store_bulk_fresh) */
	int fresh_load;   /* SQLite: a load into it is on without the WAL (store_bulk_fresh) */
	int untidy;       /* committed a write since store_tidy last merged the search index */
	int wal_frames;   /* frames in the WAL after our last commit (wal_hook) */
	char *readonly_why; /* NULL, or why the file cannot be written, in words (st_fail says it) */
	int bulk_cache;   /* cache_size to restore after bulk loading; 0 when not loading */
	char bulk_now[21];    /* bulk loading: the stamp of every row it adds ("" when not loading) */
	long long pg_changes; /* PostgreSQL: notifications of others' commits seen so far */
	int pg_reconnecting;  /* PostgreSQL: connecting again (a failure then does not try again) */
	int pg_bulk;          /* PostgreSQL: a bulk load is on (any failure ends it: no savepoints) */
	ap_buf bulk_rows[REC_NKINDS];      /* PostgreSQL bulk load: rows queued for COPY, per kind */
	long long bulk_next[REC_NKINDS];   /* and the last id given out to them */
	int bulk_queueing;                 /* preparing an insert to queue: st_prep sends nothing */
	struct stmt_slot { const char *sql; db_stmt *st; } *cache;
	int ncache, capcache;
};

/* A prepared statement for a constant SQL string, cached by its address and
 * reset after use. NULL with *e filled on failure. */
db_stmt *st_prep(store *s, const char *sql, const char *doing, ap_err *e);
void st_done(db_stmt *st);
/* Map a SQLite result to our statuses and a message "doing: reason (code)". */
int st_fail(store *s, int rc, const char *doing, ap_err *e);
/* Step a statement that returns no rows, then reset it. */
int st_exec(store *s, db_stmt *st, const char *doing, ap_err *e);

void bind_name(db_stmt *st, int i, const ap_names *t, int v);  /* v < 0 binds NULL */
void bind_real(db_stmt *st, int i, double v);            /* NaN binds NULL */
char *col_text(db_stmt *st, int i);                      /* caller frees; "" for NULL */
int col_name(db_stmt *st, int i, const ap_names *t);     /* -1 for NULL or unknown */
double col_real(db_stmt *st, int i);                     /* NaN for NULL */

/* PostgreSQL bulk loading (store_bulk_begin): queue the insert st, bound
 * but not run, as a row for COPY, giving it *id (its own if > 0, else the
 * next one) at parameter id_param; store_bulk_flush sends what is queued,
 * which st_prep does before any other statement (it may read the queued
 * rows or point at them), and a statement prepared otherwise must do. */
int store_bulk_queue(store *s, enum rec_kind_id kid, db_stmt *st, int id_param, long long *id, ap_err *e);
int store_bulk_flush(store *s, ap_err *e);

/* Transaction bracket for a single write function; `doing` names the
 * action in the error when the database is locked. */
int tx_begin(store *s, const char *doing, ap_err *e);
int tx_end(store *s, int rc, ap_err *e);

/* store_pg.c: the store on PostgreSQL (url: postgresql://...); its
 * failures in words; the count of others' commits (store_data_version). */
int store_pg_open(store **out, const char *url, enum store_mode mode, ap_err *e);
int store_pg_fail(store *s, int rc, const char *doing, ap_err *e);
int store_pg_data_version(store *s, long long *v, ap_err *e);

/* store_sql.c: derive s->sql from the record tables; free them. */
void sql_build(store *s);
void sql_free(store *s);
/* Decode the current row of a statement over k's select list into rec
 * (zeroed by the caller); columns from `first` on. */
void rec_decode(const rec_kind *k, db_stmt *st, int first, void *rec);
/* Bind every written field of rec to the insert statement of k, the
 * store's defaults for meta fields the record leaves empty (now, author). */
void bind_insert(store *s, const rec_kind *k, db_stmt *st, long long account, const void *rec,
	const char *now);
/* A meeting's attendees (ap_meeting with and ours, names) as its links,
 * in the order given, replacing those it had (store_people.c). */
int store_meeting_people(store *s, long long account, const ap_meeting *m, ap_err *e);
/* A line's two contacts by name into their ids; refused when it joins a
 * contact to themselves or is drawn already (either way for the kinds
 * that go both ways). */
int store_link_resolve(store *s, long long account, ap_link *l, ap_err *e);
/* Append the rows of a list statement, its ?1 bound to account, to a vector of k's structs. */
int rec_list(store *s, enum rec_kind_id k, const char *sql, long long account, void *vec, ap_err *e);
/* The statement store_KIND_list reads kind k's rows with: one account's
 * (?1), or with account 0 every account's (accounts and members: all).
 * Actions have their own (store_action_list). */
const char *rec_list_sql(store *s, enum rec_kind_id k, long long account);
/* A cursor's statement, prepared; refused while another cursor reads it
 * (a cached statement is one per text). doing names it in messages. */
int cursor_prep(store *s, const char *sql, const char *doing, db_stmt **st, ap_err *e);
/* A cursor over the rows of st, a statement from cursor_prep, bound, over
 * k's select list from column first on (store_stream.c). */
void cursor_of(store *s, enum rec_kind_id k, db_stmt *st, int first, const char *doing, store_cursor **out);
/* store_records.c: repair what an earlier release stored (migration to 2). */
int store_repair_all(store *s, ap_err *e);
/* Fill the name keys of rows an earlier release wrote (migration to 3); a
 * row whose key another row already has keeps no key, answers to its exact
 * name only, and is reported in s->repairs. */
int store_fill_name_keys(store *s, ap_err *e);
/* The growable vector behind AP_VEC, for code that knows the size only at run time. */
void *rec_vec_push(void *vec, size_t size);

/* The month an order's period starts, YYYY-MM: the month itself, or a
 * quarter's first. Orders are counted by it wherever a window of months
 * holds them (store_order_sums, store_order_months, the rules' facts). */
#define ORDER_START_MONTH "CASE WHEN substr(period, 6, 1) = 'Q' THEN substr(period, 1, 5) ||" \
	" CASE substr(period, 7, 1) WHEN '1' THEN '01' WHEN '2' THEN '04' WHEN '3' THEN '07' ELSE '10' END" \
	" ELSE period END"

#endif
