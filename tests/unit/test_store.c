/* test_store.c - the real store: a SQLite file in a temporary folder, or a
 * PostgreSQL database (unit_store.h).
 * A few tests open the store directly, as another program would (SQLite on
 * the file, libpq on the database): to plant a newer schema, a foreign
 * database or a competing write lock, and to check what the store left. */
#include <math.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "unit_store.h"
#include "acctplan/store.h"

struct fixture {
	char *dir;
	char *path;   /* dir/accounts.db, or the test's PostgreSQL database */
	store *s;     /* open on path for tests that use open_store */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->dir = make_tmpdir();
	f->path = unit_store(f->dir, "accounts.db");
	setenv("ACCTPLAN_TODAY", "2026-11-23", 1);
	setenv("ACCTPLAN_BUSY_TIMEOUT", "50", 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(&f->s);
	rm_tree(f->dir);
	free(f->path);
	free(f);
	return 0;
}

/* setup, then a new store with the accounts Acme and Globex. */
static int open_store(void **state)
{
	setup(state);
	struct fixture *f = *state;
	ap_err e = {0};
	if (store_open(&f->s, f->path, STORE_CREATE, &e) ||
	    store_account_add(f->s, "Acme", "Manufacturing", SEG_KEY, NULL, NULL, &e) ||
	    store_account_add(f->s, "Globex", "Retail", SEG_GROWTH, "2025-01-15", NULL, &e)) {
		print_error("%s\n", e.msg);
		return -1;
	}
	return 0;
}

static long long account_id(store *s, const char *name)
{
	ap_account a = {0};
	ap_err e = {0};
	if (store_account_get(s, name, &a, &e))
		fail_msg("%s", e.msg);
	long long id = a.id;
	ap_account_clear(&a);
	return id;
}

/* Run SQL on the store through a connection of its own. */
static void raw_exec(const char *path, const char *sql)
{
	if (unit_pg()) {
		unit_pg_exec(sql);
		return;
	}
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(db);
}

/* The first column of the first row of a query, as text; caller frees. */
static char *raw_value(const char *path, const char *sql)
{
	if (unit_pg())
		return unit_pg_value(sql);
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	char *v = xstrdup(sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "(none)");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void assert_raw(const char *path, const char *sql, const char *want)
{
	expect_str(raw_value(path, sql), want, sql);
}

/* The same, where the two stores need a query each. */
static void assert_raw_each(const char *path, const char *lite, const char *pg, const char *want)
{
	assert_raw(path, unit_pg() ? pg : lite, want);
}

/* raw_exec with foreign keys enforced, as the store's own connections have
 * them (always so on PostgreSQL; a PRAGMA per connection on SQLite). */
static void raw_exec_fk(const char *path, const char *sql)
{
	char *both = xasprintf("%s%s", unit_pg() ? "" : "PRAGMA foreign_keys = ON; ", sql);
	raw_exec(path, both);
	free(both);
}

/* ---- opening ---- */

static void store_creates_a_private_file_in_a_private_folder(void **state)
{
	struct fixture *f = *state;
	UNIT_SQLITE_ONLY();   /* file and folder modes */
	char *path = xasprintf("%s/new/deeper/accounts.db", f->dir);
	ap_err e = {0};
	assert_int_equal(store_open(&f->s, path, STORE_CREATE, &e), AP_OK);
	assert_int_equal(store_opened_version(f->s), 0);
	assert_string_equal(store_path(f->s), path);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	*strrchr(path, '/') = '\0';
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	free(path);
}

static void store_reopens_with_its_data_and_schema_version(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	assert_int_equal(store_open(&f->s, f->path, STORE_CREATE, &e), AP_OK);
	assert_int_equal(store_account_add(f->s, "Acme", NULL, -1, NULL, NULL, &e), AP_OK);
	store_close(&f->s);
	assert_null(f->s);
	assert_int_equal(store_open(&f->s, f->path, STORE_EXISTING, &e), AP_OK);
	assert_int_equal(store_opened_version(f->s), STORE_SCHEMA_VERSION);
	ap_account a = {0};
	assert_int_equal(store_account_get(f->s, "acme", &a, &e), AP_OK);
	assert_string_equal(a.name, "Acme");
	assert_int_equal(a.segment, SEG_OTHER);
	assert_string_equal(a.created, "2026-11-23");   /* today, pinned */
	ap_account_clear(&a);
	store_close(&f->s);
	if (unit_pg()) {
		/* What marks the store as acctplan's there: schema_version, not PRAGMAs. */
		char *want = xasprintf("acctplan %d", STORE_SCHEMA_VERSION);
		assert_raw(f->path, "SELECT program || ' ' || version FROM schema_version", want);
		free(want);
		return;
	}
	assert_raw(f->path, "PRAGMA journal_mode", "wal");
	assert_raw(f->path, "PRAGMA application_id", "1097028688");   /* 0x41635450 */
}

static void store_existing_mode_refuses_a_missing_file(void **state)
{
	struct fixture *f = *state;
	UNIT_SQLITE_ONLY();   /* a file that is not there */
	ap_err e = {0};
	assert_int_equal(store_open(&f->s, f->path, STORE_EXISTING, &e), AP_ESTORE);
	assert_null(f->s);
	assert_contains(e.msg, "no database at");
	assert_contains(e.msg, "acctplan init");
	assert_int_equal(access(f->path, F_OK), -1);   /* and did not create it */
}

static void store_existing_mode_leaves_an_empty_file_alone(void **state)
{
	struct fixture *f = *state;
	UNIT_SQLITE_ONLY();   /* an empty file */
	char *path = write_tmp(f->dir, "empty.db", "");
	ap_err e = {0};
	assert_int_equal(store_open(&f->s, path, STORE_EXISTING, &e), AP_ESTORE);
	assert_null(f->s);
	char *want = xasprintf("'%s' is empty, not an acctplan database (run 'acctplan init' to create one)", path);
	assert_string_equal(e.msg, want);
	free(want);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	/* Creating is what init does with it. */
	assert_int_equal(store_open(&f->s, path, STORE_CREATE, &e), AP_OK);
	assert_int_equal(store_opened_version(f->s), 0);
	free(path);
}

static void store_refuses_newer_schema_version(void **state)
{
	struct fixture *f = *state;
	UNIT_SQLITE_ONLY();   /* PRAGMA user_version */
	ap_err e = {0};
	assert_int_equal(store_open(&f->s, f->path, STORE_CREATE, &e), AP_OK);
	store_close(&f->s);
	raw_exec(f->path, "PRAGMA user_version = 99");
	assert_int_equal(store_open(&f->s, f->path, STORE_EXISTING, &e), AP_ESTORE);
	assert_null(f->s);
	assert_contains(e.msg, "schema version 99");
	assert_contains(e.msg, "upgrade acctplan");
	assert_raw(f->path, "PRAGMA user_version", "99");   /* never downgraded */
}

static void store_refuses_another_programs_database_and_leaves_it_untouched(void **state)
{
	struct fixture *f = *state;
	UNIT_SQLITE_ONLY();   /* another program's SQLite file, its journal mode */
	raw_exec(f->path, "CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL);"
		"INSERT INTO invoices(total) VALUES (12.5)");
	ap_err e = {0};
	assert_int_equal(store_open(&f->s, f->path, STORE_CREATE, &e), AP_ESTORE);
	assert_null(f->s);
	assert_contains(e.msg, "a SQLite database of another program");
	assert_raw(f->path, "SELECT group_concat(name) FROM sqlite_schema", "invoices");
	assert_raw(f->path, "PRAGMA journal_mode", "delete");   /* not switched to WAL */
	/* Another program's versioned database is refused the same way. */
	raw_exec(f->path, "PRAGMA user_version = 1");
	assert_int_equal(store_open(&f->s, f->path, STORE_EXISTING, &e), AP_ESTORE);
	assert_contains(e.msg, "a SQLite database of another program");
	assert_raw(f->path, "PRAGMA journal_mode", "delete");
}

static void store_refuses_a_text_file_and_leaves_it_untouched(void **state)
{
	struct fixture *f = *state;
	UNIT_SQLITE_ONLY();   /* a file path of its own: on PostgreSQL it would test SQLite again */
	const char *text = "name,total\nAcme,12\n";
	char *path = write_tmp(f->dir, "accounts.csv", text);
	ap_err e = {0};
	assert_int_equal(store_open(&f->s, path, STORE_EXISTING, &e), AP_ESTORE);
	assert_null(f->s);
	assert_contains(e.msg, path);
	assert_contains(e.msg, "not a database");
	char *got;
	size_t len;
	assert_int_equal(ap_read_file(path, &got, &len, &e), AP_OK);
	assert_string_equal(got, text);
	free(got);
	free(path);
}

static void store_refuses_a_directory(void **state)
{
	struct fixture *f = *state;
	UNIT_SQLITE_ONLY();   /* a file path of its own: on PostgreSQL it would test SQLite again */
	ap_err e = {0};
	assert_int_equal(store_open(&f->s, f->dir, STORE_CREATE, &e), AP_ESTORE);
	assert_contains(e.msg, "is a directory");
}

static void store_refuses_a_pipe_or_device(void **state)
{
	struct fixture *f = *state;
	UNIT_SQLITE_ONLY();   /* a file path of its own: on PostgreSQL it would test SQLite again */
	char *fifo = xasprintf("%s/pipe", f->dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	ap_err e = {0};
	assert_int_equal(store_open(&f->s, fifo, STORE_CREATE, &e), AP_ESTORE);
	char *want = xasprintf("'%s' is not a regular file, so it cannot be a database", fifo);
	assert_string_equal(e.msg, want);
	free(want);
	assert_int_equal(store_open(&f->s, "/dev/null", STORE_CREATE, &e), AP_ESTORE);
	assert_contains(e.msg, "not a regular file");
	assert_int_equal(access("/dev/null-journal", F_OK), -1);
	free(fifo);
}

static void store_reports_a_folder_it_cannot_create(void **state)
{
	struct fixture *f = *state;
	UNIT_SQLITE_ONLY();   /* a file path of its own: on PostgreSQL it would test SQLite again */
	char *file = write_tmp(f->dir, "plain", "x");
	char *path = xasprintf("%s/accounts.db", file);   /* a "folder" that is a file */
	ap_err e = {0};
	assert_int_equal(store_open(&f->s, path, STORE_CREATE, &e), AP_ESTORE);
	assert_contains(e.msg, path);
	assert_contains(e.msg, "Not a directory");
	free(path);
	free(file);
}

/* ---- transactions and locks ---- */

/* Several processes open the same new file at once (a script running
 * commands in parallel on the first day): each must find a usable store. */
static void store_opens_a_new_file_from_many_processes_at_once(void **state)
{
	struct fixture *f = *state;
	enum { N = 8 };
	int gate[2];
	assert_int_equal(pipe(gate), 0);
	pid_t kids[N];
	for (int i = 0; i < N; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			char c;
			close(gate[1]);
			(void)!read(gate[0], &c, 1);   /* all start together when the gate closes */
			setenv("ACCTPLAN_BUSY_TIMEOUT", "5000", 1);
			store *s;
			ap_err e = {0};
			char name[32];
			snprintf(name, sizeof name, "Account %d", i);
			int rc = store_open(&s, f->path, STORE_CREATE, &e);
			if (!rc)
				rc = store_account_add(s, name, NULL, -1, NULL, NULL, &e);
			if (rc)
				fprintf(stderr, "process %d: %s\n", i, e.msg);
			store_close(&s);
			_exit(rc);
		}
	}
	close(gate[0]);
	close(gate[1]);
	int failed = 0;
	for (int i = 0; i < N; i++) {
		int status;
		assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
		failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	assert_int_equal(failed, 0);
	ap_err e = {0};
	assert_int_equal(store_open(&f->s, f->path, STORE_EXISTING, &e), AP_OK);
	long long n = 0;
	assert_int_equal(store_account_count(f->s, NULL, &n, &e), AP_OK);
	assert_int_equal(n, N);
}

static void nested_transaction_rolls_back_everything_when_an_inner_write_fails(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	assert_int_equal(store_begin(f->s, &e), AP_OK);
	assert_int_equal(store_account_add(f->s, "Initech", NULL, -1, NULL, NULL, &e), AP_OK);
	assert_int_equal(store_account_add(f->s, "ACME", NULL, -1, NULL, NULL, &e), AP_EINPUT);
	assert_string_equal(e.msg, "account 'ACME' already exists");
	assert_int_equal(store_commit(f->s, &e), AP_ESTORE);
	assert_contains(e.msg, "rolled back");
	ap_account a = {0};
	assert_int_equal(store_account_get(f->s, "Initech", &a, &e), AP_EINPUT);
	/* The store is usable again afterwards. */
	assert_int_equal(store_account_add(f->s, "Initech", NULL, -1, NULL, NULL, &e), AP_OK);
}

static void explicit_rollback_discards_every_write_of_the_transaction(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme");
	assert_int_equal(store_begin(f->s, &e), AP_OK);
	assert_int_equal(store_answer_add(f->s, acme, "growth", "growing", SRC_MEETING, CONF_HIGH, "dana", NULL, &e), AP_OK);
	assert_int_equal(store_account_remove(f->s, account_id(f->s, "Globex"), &e), AP_OK);
	store_rollback(f->s);
	ap_answers an = {0};
	assert_int_equal(store_answer_current(f->s, 0, &an, &e), AP_OK);
	assert_int_equal(an.n, 0);
	ap_vec_free(&an, ap_answer_clear);
	ap_accounts list = {0};
	assert_int_equal(store_account_list(f->s, &list, &e), AP_OK);
	assert_int_equal(list.n, 2);
	ap_vec_free(&list, ap_account_clear);
}

static void write_is_refused_as_locked_while_another_process_writes(void **state)
{
	struct fixture *f = *state;
	/* SQLite's one writer at a time (BEGIN IMMEDIATE on the file); PostgreSQL
	 * writers lock only the rows they touch. */
	UNIT_SQLITE_ONLY();
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO account(name, created) "
		"VALUES ('Held', '2026-01-01')", NULL, NULL, NULL), SQLITE_OK);
	ap_err e = {0};
	assert_int_equal(store_account_add(f->s, "Blocked", NULL, -1, NULL, NULL, &e), AP_ESTORE);
	assert_contains(e.msg, "locked");
	/* Readers are not blocked by a writer (WAL): the committed data is visible. */
	ap_accounts list = {0};
	assert_int_equal(store_account_list(f->s, &list, &e), AP_OK);
	assert_int_equal(list.n, 2);
	ap_vec_free(&list, ap_account_clear);
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	/* The other writer's row is intact and ours can be written now. */
	assert_int_equal(store_account_add(f->s, "Blocked", NULL, -1, NULL, NULL, &e), AP_OK);
	assert_true(account_id(f->s, "Held") > 0);
}

/* ---- accounts ---- */

static void account_names_are_unique_regardless_of_case(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	assert_int_equal(store_account_add(f->s, "acme", NULL, -1, NULL, NULL, &e), AP_EINPUT);
	assert_string_equal(e.msg, "account 'acme' already exists");
	assert_int_equal(account_id(f->s, "ACME"), account_id(f->s, "Acme"));
	ap_account a = {0};
	assert_int_equal(store_account_get(f->s, "Umbrella", &a, &e), AP_EINPUT);
	assert_string_equal(e.msg, "unknown account 'Umbrella' (see 'acctplan account list')");
	assert_int_equal(store_account_get_id(f->s, 9999, &a, &e), AP_EINPUT);
	assert_string_equal(e.msg, "unknown account #9999");
}

/* Issue 11: a record is named by as much of its name as tells it apart.
 * The exact name (any case) wins over a longer name it begins; a start
 * shared by several lists the first few in name order; the range of keys
 * a start covers reaches names that go on with any character. */
static void names_are_found_whole_or_by_a_start_that_tells_them_apart(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long id;
	const char *names[] = {"Nordwind Logistik", "Northwind Traders", "No", "Nor\xf0\x9f\x9a\x80 Space",
		"Nord\xc3\xa9 Est", "Nord Ouest"};
	long long ids[6];
	for (int i = 0; i < 6; i++)
		assert_int_equal(store_account_add(f->s, names[i], NULL, -1, NULL, &ids[i], &e), AP_OK);
	assert_int_equal(store_rec_find_prefix(f->s, REC_ACCOUNT, 0, "no", &id, &e), AP_OK);
	assert_int_equal(id, ids[2]);   /* the whole name, not the start of five others */
	assert_int_equal(store_rec_find_prefix(f->s, REC_ACCOUNT, 0, "NORTH", &id, &e), AP_OK);
	assert_int_equal(id, ids[1]);
	assert_int_equal(store_rec_find_prefix(f->s, REC_ACCOUNT, 0, "nor\xf0\x9f\x9a\x80", &id, &e), AP_OK);
	assert_int_equal(id, ids[3]);
	assert_int_equal(store_rec_find_prefix(f->s, REC_ACCOUNT, 0, "glo", &id, &e), AP_OK);
	assert_int_equal(id, account_id(f->s, "Globex"));
	assert_int_equal(store_rec_find_prefix(f->s, REC_ACCOUNT, 0, "Nord", &id, &e), AP_EINPUT);
	assert_string_equal(e.msg, "account 'Nord' is ambiguous: Nord Ouest, Nordwind Logistik, Nord\xc3\xa9 Est "
		"(type more of the name)");
	assert_int_equal(id, 0);
	assert_int_equal(store_rec_find_prefix(f->s, REC_ACCOUNT, 0, "Nor", &id, &e), AP_EINPUT);
	assert_string_equal(e.msg, "account 'Nor' is ambiguous: Nord Ouest, Nordwind Logistik, Nord\xc3\xa9 Est, "
		"Northwind Traders, Nor\xf0\x9f\x9a\x80 Space (type more of the name)");
	/* More than the message lists. */
	assert_int_equal(store_account_add(f->s, "Nore", NULL, -1, NULL, NULL, &e), AP_OK);
	assert_int_equal(store_rec_find_prefix(f->s, REC_ACCOUNT, 0, "Nor", &id, &e), AP_EINPUT);
	assert_string_equal(e.msg, "account 'Nor' is ambiguous: Nord Ouest, Nordwind Logistik, Nord\xc3\xa9 Est, "
		"Nore, Northwind Traders, ... (type more of the name)");
	assert_int_equal(store_rec_find_prefix(f->s, REC_ACCOUNT, 0, "Umbrella", &id, &e), AP_EINPUT);
	assert_string_equal(e.msg, "unknown account 'Umbrella' (see 'acctplan account list')");
	assert_int_equal(store_rec_find_prefix(f->s, REC_ACCOUNT, 0, "", &id, &e), AP_EINPUT);
	assert_string_equal(e.msg, "unknown account '' (see 'acctplan account list')");
	/* store_rec_find (import's lookup) stays whole names only. */
	assert_int_equal(store_rec_find(f->s, REC_ACCOUNT, 0, "glo", &id, &e), AP_EINPUT);
	/* Contacts: within their account only. */
	long long acme = account_id(f->s, "Acme"), globex = account_id(f->s, "Globex");
	ap_contact c = {.name = (char *)"Mira Kovac", .role = -1, .tier = TIER_SALES};
	assert_int_equal(store_contact_add(f->s, acme, &c, &e), AP_OK);
	c.name = (char *)"Mikel Arda";
	assert_int_equal(store_contact_add(f->s, globex, &c, &e), AP_OK);
	assert_int_equal(store_rec_find_prefix(f->s, REC_CONTACT, acme, "mi", &id, &e), AP_OK);
	assert_int_equal(store_rec_find_prefix(f->s, REC_CONTACT, acme, "mik", &id, &e), AP_EINPUT);
	assert_string_equal(e.msg, "unknown contact 'mik'");
}

static void writes_inside_a_read_snapshot_are_refused(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	assert_int_equal(store_snapshot_begin(f->s, &e), AP_OK);
	assert_int_equal(store_account_add(f->s, "Inside", NULL, -1, NULL, NULL, &e), AP_ESTORE);
	assert_string_equal(e.msg, "adding account: not allowed inside a read snapshot");
	store_snapshot_end(f->s);
	assert_int_equal(store_account_add(f->s, "Outside", NULL, -1, NULL, NULL, &e), AP_OK);
	/* A snapshot inside a write transaction reads it as it stands. */
	assert_int_equal(store_begin(f->s, &e), AP_OK);
	assert_int_equal(store_snapshot_begin(f->s, &e), AP_OK);
	store_snapshot_end(f->s);
	assert_int_equal(store_account_add(f->s, "Later", NULL, -1, NULL, NULL, &e), AP_OK);
	assert_int_equal(store_commit(f->s, &e), AP_OK);
}

static void account_filter_is_a_plain_string_over_name_and_industry(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	assert_int_equal(store_account_add(f->s, "100% Juice_Co", "Beverages", -1, NULL, NULL, &e), AP_OK);
	long long n = -1;
	assert_int_equal(store_account_count(f->s, NULL, &n, &e), AP_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_account_count(f->s, "retail", &n, &e), AP_OK);   /* industry, any case */
	assert_int_equal(n, 1);
	assert_int_equal(store_account_count(f->s, "%", &n, &e), AP_OK);        /* not a LIKE wildcard */
	assert_int_equal(n, 1);
	assert_int_equal(store_account_count(f->s, "_", &n, &e), AP_OK);
	assert_int_equal(n, 1);
	ap_accounts page = {0};
	assert_int_equal(store_account_page(f->s, NULL, 1, 1, &page, &e), AP_OK);
	assert_int_equal(page.n, 1);
	assert_string_equal(page.v[0].name, "Acme");   /* by name: 100%..., Acme, Globex */
	assert_int_equal(page.v[0].segment, SEG_KEY);
	ap_vec_free(&page, ap_account_clear);
	assert_int_equal(store_account_page(f->s, "glob", 0, 10, &page, &e), AP_OK);
	assert_int_equal(page.n, 1);
	assert_string_equal(page.v[0].created, "2025-01-15");
	ap_vec_free(&page, ap_account_clear);
}

static void account_update_renames_and_refuses_a_taken_name(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme");
	assert_int_equal(store_account_update(f->s, acme, "Acme Corp", "Aerospace", SEG_STRATEGIC, &e), AP_OK);
	ap_account a = {0};
	assert_int_equal(store_account_get_id(f->s, acme, &a, &e), AP_OK);
	assert_string_equal(a.name, "Acme Corp");
	assert_string_equal(a.industry, "Aerospace");
	assert_int_equal(a.segment, SEG_STRATEGIC);
	ap_account_clear(&a);
	assert_int_equal(store_account_update(f->s, acme, "GLOBEX", "", SEG_KEY, &e), AP_EINPUT);
	assert_string_equal(e.msg, "account 'GLOBEX' already exists");
}

static void account_update_of_a_removed_account_is_refused(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme");
	assert_int_equal(store_account_remove(f->s, acme, &e), AP_OK);
	assert_int_equal(store_account_update(f->s, acme, "Acme", "", SEG_KEY, &e), AP_EINPUT);
	assert_string_equal(e.msg, "unknown account #1");
}

static void store_keeps_text_byte_exact(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	char *big = xmalloc(AP_TEXT_MAX + 1);
	for (size_t i = 0; i < AP_TEXT_MAX; i++)
		big[i] = "ab\n\xc3\xa9"[i % 5];   /* whole é sequences every 5 bytes */
	big[AP_TEXT_MAX] = '\0';
	const char *name = "Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x9a\x80";
	assert_int_equal(store_account_add(f->s, name, "  padded  ", -1, NULL, NULL, &e), AP_OK);
	long long id = account_id(f->s, name);
	assert_int_equal(store_answer_add(f->s, id, "business", big, SRC_DOCUMENT, CONF_LOW, "", "2026-01-02", &e), AP_OK);
	ap_answers an = {0};
	assert_int_equal(store_answer_current(f->s, id, &an, &e), AP_OK);
	assert_int_equal(an.n, 1);
	assert_int_equal(strlen(an.v[0].value), AP_TEXT_MAX);
	assert_memory_equal(an.v[0].value, big, AP_TEXT_MAX);
	assert_string_equal(an.v[0].date, "2026-01-02");
	ap_vec_free(&an, ap_answer_clear);
	ap_account a = {0};
	assert_int_equal(store_account_get_id(f->s, id, &a, &e), AP_OK);
	assert_string_equal(a.name, name);
	assert_string_equal(a.industry, "  padded  ");
	ap_account_clear(&a);
	free(big);
}

/* ---- answers ---- */

static void answer_history_keeps_every_version_newest_first(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme");
	assert_int_equal(store_answer_add(f->s, acme, "growth", "shrinking", SRC_ASSUMPTION, CONF_LOW, "sam", "2025-01-01", &e), AP_OK);
	assert_int_equal(store_answer_add(f->s, acme, "growth", "stable", SRC_RESEARCH, CONF_MEDIUM, "kim", "2025-06-01", &e), AP_OK);
	assert_int_equal(store_answer_add(f->s, acme, "growth", "growing", SRC_CONVERSATION, CONF_HIGH, "dana", "2026-11-01", &e), AP_OK);
	ap_answers h = {0};
	assert_int_equal(store_answer_history(f->s, acme, "growth", &h, &e), AP_OK);
	assert_int_equal(h.n, 3);
	const char *values[] = {"growing", "stable", "shrinking"}, *by[] = {"dana", "kim", "sam"};
	const int sources[] = {SRC_CONVERSATION, SRC_RESEARCH, SRC_ASSUMPTION};
	for (int i = 0; i < 3; i++) {
		assert_string_equal(h.v[i].value, values[i]);
		assert_string_equal(h.v[i].author, by[i]);
		assert_int_equal(h.v[i].source, sources[i]);
		assert_string_equal(h.v[i].question, "growth");
	}
	assert_int_equal(h.v[2].confidence, CONF_LOW);
	ap_vec_free(&h, ap_answer_clear);

	ap_answers cur = {0};
	assert_int_equal(store_answer_current(f->s, acme, &cur, &e), AP_OK);
	assert_int_equal(cur.n, 1);
	assert_string_equal(cur.v[0].value, "growing");
	assert_int_equal(cur.v[0].versions, 3);
	ap_vec_free(&cur, ap_answer_clear);

	ap_answers all = {0};   /* export order: oldest first */
	assert_int_equal(store_answer_all(f->s, acme, &all, &e), AP_OK);
	assert_int_equal(all.n, 3);
	assert_string_equal(all.v[0].value, "shrinking");
	ap_vec_free(&all, ap_answer_clear);
}

static void current_answers_of_all_accounts_come_by_account_then_question(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme"), globex = account_id(f->s, "Globex");
	assert_int_equal(store_answer_add(f->s, globex, "posture", "shaping", SRC_MEETING, CONF_HIGH, "", NULL, &e), AP_OK);
	assert_int_equal(store_answer_add(f->s, acme, "vision_2y", "v1", SRC_MEETING, CONF_HIGH, "", NULL, &e), AP_OK);
	assert_int_equal(store_answer_add(f->s, acme, "business", "b1", SRC_MEETING, CONF_HIGH, "", NULL, &e), AP_OK);
	assert_int_equal(store_answer_add(f->s, acme, "vision_2y", "v2", SRC_MEETING, CONF_HIGH, "", NULL, &e), AP_OK);
	ap_answers cur = {0};
	assert_int_equal(store_answer_current(f->s, 0, &cur, &e), AP_OK);
	assert_int_equal(cur.n, 3);
	assert_string_equal(cur.v[0].question, "business");
	assert_int_equal(cur.v[0].account_id, acme);
	assert_string_equal(cur.v[1].value, "v2");
	assert_int_equal(cur.v[1].versions, 2);
	assert_int_equal(cur.v[2].account_id, globex);
	assert_string_equal(cur.v[2].date, "2026-11-23");
	ap_vec_free(&cur, ap_answer_clear);
}

static void answer_for_a_missing_account_is_refused(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	assert_int_equal(store_answer_add(f->s, 9999, "growth", "growing", SRC_MEETING, CONF_HIGH, "", NULL, &e), AP_EINPUT);
	ap_answers all = {0};
	assert_int_equal(store_answer_all(f->s, 0, &all, &e), AP_OK);
	assert_int_equal(all.n, 0);
	ap_vec_free(&all, ap_answer_clear);
}

/* ---- contacts ---- */

static void add_contact(store *s, long long account, const char *name, const char *boss, int role)
{
	ap_contact c = {.name = (char *)name, .title = (char *)"", .reports_to = (char *)boss, .role = role, .tier = TIER_SALES};
	ap_err e = {0};
	if (store_contact_add(s, account, &c, &e))
		fail_msg("adding %s: %s", name, e.msg);
}

static void contact_remove_detaches_reports(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme");
	add_contact(f->s, acme, "Ana Chief", NULL, ROLE_DECISION_MAKER);
	add_contact(f->s, acme, "Ben Buyer", "ana chief", ROLE_PO_ISSUER);
	add_contact(f->s, acme, "Cy User", "Ben Buyer", ROLE_USER);
	assert_int_equal(store_contact_remove(f->s, acme, "ANA CHIEF", &e), AP_OK);
	ap_contacts list = {0};
	assert_int_equal(store_contact_list(f->s, acme, &list, &e), AP_OK);
	assert_int_equal(list.n, 2);
	assert_string_equal(list.v[0].name, "Ben Buyer");
	assert_string_equal(list.v[0].reports_to, "");        /* detached, not deleted */
	assert_int_equal(list.v[0].role, ROLE_PO_ISSUER);
	assert_string_equal(list.v[1].reports_to, "Ben Buyer");
	ap_vec_free(&list, ap_contact_clear);
	assert_int_equal(store_contact_remove(f->s, acme, "Ana Chief", &e), AP_EINPUT);
	assert_string_equal(e.msg, "unknown contact 'Ana Chief'");
}

static void contact_reports_to_must_be_a_contact_of_the_same_account(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme"), globex = account_id(f->s, "Globex");
	add_contact(f->s, globex, "Gil Boss", NULL, -1);
	ap_contact c = {.name = (char *)"Ann", .reports_to = (char *)"Gil Boss", .role = -1, .tier = TIER_PRODUCT};
	assert_int_equal(store_contact_add(f->s, acme, &c, &e), AP_EINPUT);
	assert_string_equal(e.msg, "--reports-to: unknown contact 'Gil Boss' in this account");
	ap_contacts list = {0};
	assert_int_equal(store_contact_list(f->s, acme, &list, &e), AP_OK);
	assert_int_equal(list.n, 0);   /* nothing half-written */
	ap_vec_free(&list, ap_contact_clear);
}

static void contact_names_are_unique_per_account_only(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme"), globex = account_id(f->s, "Globex");
	add_contact(f->s, acme, "Pat Lee", NULL, -1);
	add_contact(f->s, globex, "Pat Lee", NULL, -1);
	ap_contact c = {.name = (char *)"PAT LEE", .role = -1, .tier = TIER_SALES};
	assert_int_equal(store_contact_add(f->s, acme, &c, &e), AP_EINPUT);
	assert_string_equal(e.msg, "contact 'PAT LEE' already exists");
	ap_contacts all = {0};
	assert_int_equal(store_contact_list(f->s, 0, &all, &e), AP_OK);
	assert_int_equal(all.n, 2);
	assert_int_equal(all.v[0].account_id, acme);
	assert_int_equal(all.v[0].role, -1);
	assert_int_equal(all.v[0].tier, TIER_SALES);
	ap_vec_free(&all, ap_contact_clear);
}

static void contact_update_changes_fields_and_refuses_self_reporting(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme");
	add_contact(f->s, acme, "Ana", NULL, -1);
	add_contact(f->s, acme, "Ben", NULL, -1);
	ap_contact c = {.name = (char *)"Ben Ng", .title = (char *)"CFO", .reports_to = (char *)"Ana", .role = ROLE_PAYMENT_RELEASER, .tier = TIER_EXEC};
	assert_int_equal(store_contact_update(f->s, acme, "ben", &c, &e), AP_OK);
	ap_contact self = {.name = (char *)"Ana", .reports_to = (char *)"ana", .role = -1, .tier = TIER_SALES};
	assert_int_equal(store_contact_update(f->s, acme, "Ana", &self, &e), AP_EINPUT);
	assert_string_equal(e.msg, "a contact cannot report to themselves");
	assert_int_equal(store_contact_update(f->s, acme, "Nobody", &self, &e), AP_EINPUT);
	ap_contacts list = {0};
	assert_int_equal(store_contact_list(f->s, acme, &list, &e), AP_OK);
	assert_int_equal(list.n, 2);
	assert_string_equal(list.v[1].name, "Ben Ng");
	assert_string_equal(list.v[1].title, "CFO");
	assert_string_equal(list.v[1].reports_to, "Ana");
	assert_int_equal(list.v[1].role, ROLE_PAYMENT_RELEASER);
	assert_int_equal(list.v[1].tier, TIER_EXEC);
	assert_string_equal(list.v[0].reports_to, "");
	ap_vec_free(&list, ap_contact_clear);
}

/* ---- other records ---- */

static void competitors_and_end_customers_add_list_and_remove(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme");
	ap_competitor co = {.name = (char *)"Initech", .differentiator = (char *)"cheaper, slower"};
	assert_int_equal(store_competitor_add(f->s, acme, &co, &e), AP_OK);
	co.name = (char *)"INITECH";
	assert_int_equal(store_competitor_add(f->s, acme, &co, &e), AP_EINPUT);
	assert_string_equal(e.msg, "competitor 'INITECH' already exists");
	ap_endcustomer ec = {.name = (char *)"Hospitals", .industry = (char *)"Health", .ask = (char *)"uptime", .trend = TREND_GROWING};
	assert_int_equal(store_endcustomer_add(f->s, acme, &ec, &e), AP_OK);
	ap_endcustomer unknown = {.name = (char *)"Clinics", .trend = -1};
	assert_int_equal(store_endcustomer_add(f->s, acme, &unknown, &e), AP_OK);
	ap_competitors cl = {0};
	assert_int_equal(store_competitor_list(f->s, acme, &cl, &e), AP_OK);
	assert_int_equal(cl.n, 1);
	assert_string_equal(cl.v[0].differentiator, "cheaper, slower");
	ap_vec_free(&cl, ap_competitor_clear);
	ap_endcustomers el = {0};
	assert_int_equal(store_endcustomer_list(f->s, acme, &el, &e), AP_OK);
	assert_int_equal(el.n, 2);
	assert_int_equal(el.v[0].trend, TREND_GROWING);
	assert_string_equal(el.v[0].ask, "uptime");
	assert_int_equal(el.v[1].trend, -1);
	assert_string_equal(el.v[1].industry, "");
	ap_vec_free(&el, ap_endcustomer_clear);
	assert_int_equal(store_competitor_remove(f->s, acme, "initech", &e), AP_OK);
	assert_int_equal(store_endcustomer_remove(f->s, acme, "Nobody", &e), AP_EINPUT);
	assert_string_equal(e.msg, "unknown end customer 'Nobody'");
}

static void meetings_list_newest_first_and_stay_with_their_account(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme"), globex = account_id(f->s, "Globex");
	ap_meeting m = {.tier = TIER_EXEC, .kind = MEET_TACTICAL, .news = NEWS_BAD, .shared = 0,
		.date = (char *)"2026-03-01", .summary = (char *)"price talk"};
	long long first, second, other;
	assert_int_equal(store_meeting_add(f->s, acme, &m, &first, &e), AP_OK);
	m.date = (char *)"2026-09-01";
	m.kind = MEET_STRATEGIC;
	m.news = -1;
	assert_int_equal(store_meeting_add(f->s, acme, &m, &second, &e), AP_OK);
	assert_int_equal(store_meeting_add(f->s, globex, &m, &other, &e), AP_OK);
	ap_meetings list = {0};
	assert_int_equal(store_meeting_list(f->s, acme, &list, &e), AP_OK);
	assert_int_equal(list.n, 2);
	assert_int_equal(list.v[0].id, second);
	assert_int_equal(list.v[0].news, NEWS_NONE);   /* default */
	assert_int_equal(list.v[1].news, NEWS_BAD);
	assert_int_equal(list.v[1].kind, MEET_TACTICAL);
	assert_int_equal(list.v[1].shared, 0);
	ap_vec_free(&list, ap_meeting_clear);
	/* Another account's meeting cannot be removed through this one. */
	assert_int_equal(store_meeting_remove(f->s, acme, other, &e), AP_EINPUT);
	char *want = xasprintf("unknown meeting #%lld for this account", other);
	assert_string_equal(e.msg, want);
	free(want);
	assert_int_equal(store_meeting_remove(f->s, acme, first, &e), AP_OK);
}

static void snooze_set_replaces_the_same_flag_and_clear_counts(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme");
	assert_int_equal(store_snooze_set(f->s, acme, "stale", "growth", "2026-12-01", "waiting for QBR", NULL, &e), AP_OK);
	assert_int_equal(store_snooze_set(f->s, acme, "stale", "growth", "2027-01-15", "QBR moved", NULL, &e), AP_OK);
	assert_int_equal(store_snooze_set(f->s, acme, "single-threaded", NULL, "2027-01-01", "new AE", "2026-11-01", &e), AP_OK);
	ap_snoozes z = {0};
	assert_int_equal(store_snooze_list(f->s, acme, &z, &e), AP_OK);
	assert_int_equal(z.n, 2);
	assert_string_equal(z.v[0].rule, "single-threaded");
	assert_string_equal(z.v[0].question, "");
	assert_string_equal(z.v[0].created, "2026-11-01");
	assert_string_equal(z.v[1].until, "2027-01-15");
	assert_string_equal(z.v[1].reason, "QBR moved");
	assert_string_equal(z.v[1].account, "Acme");
	ap_vec_free(&z, ap_snooze_clear);
	int n = -1;
	assert_int_equal(store_snooze_clear(f->s, acme, "stale", "growth", &n, &e), AP_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_snooze_clear(f->s, acme, NULL, NULL, &n, &e), AP_OK);
	assert_int_equal(n, 1);
}

static void demand_driver_keeps_unknown_steps_as_nan(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme");
	ap_driver d = {.metric = (char *)"beds", .metric_unit = (char *)"beds", .value = 1200, .growth = NAN,
		.steps = (char *)"0.5 sensors per bed\n? readings per sensor", .share = NAN, .product_unit = (char *)"sensors"};
	long long id;
	assert_int_equal(store_driver_add(f->s, acme, &d, &id, &e), AP_OK);
	ap_drivers list = {0};
	assert_int_equal(store_driver_list(f->s, acme, &list, &e), AP_OK);
	assert_int_equal(list.n, 1);
	assert_int_equal(list.v[0].id, id);
	assert_true(list.v[0].value == 1200.0);
	assert_true(isnan(list.v[0].growth));
	assert_true(isnan(list.v[0].share));
	assert_string_equal(list.v[0].steps, "0.5 sensors per bed\n? readings per sensor");
	ap_vec_free(&list, ap_driver_clear);
	assert_int_equal(store_driver_remove(f->s, acme, id, &e), AP_OK);
	assert_int_equal(store_driver_remove(f->s, acme, id, &e), AP_EINPUT);
}

/* ---- notes and search ---- */

static long long add_note(store *s, long long account, const char *body, const char *tags)
{
	ap_note n = {.tier = TIER_PRODUCT, .author = (char *)"dana", .body = (char *)body, .tags = (char *)tags};
	long long id;
	ap_err e = {0};
	if (store_note_add(s, account, &n, &id, &e))
		fail_msg("%s", e.msg);
	return id;
}

/* Ids of the notes of account that hold query's words, as "id id ..." (caller frees). */
static char *found(store *s, long long account, const char *query)
{
	ap_notes hits = {0};
	ap_err e = {0};
	if (store_note_search(s, account, query, &hits, &e))
		fail_msg("search '%s': %s", query, e.msg);
	ap_buf b = {0};
	for (size_t i = 0; i < hits.n; i++)
		buf_printf(&b, "%s%lld", i ? " " : "", hits.v[i].id);
	ap_vec_free(&hits, ap_note_clear);
	return b.s ? buf_steal(&b) : xstrdup("");
}

static void assert_found(store *s, long long account, const char *query, const char *want)
{
	char *what = xasprintf("notes found by '%s'", query);
	expect_str(found(s, account, query), want, what);
	free(what);
}

/* What store_search finds, best first: "KIND TITLE" each, name hits, then
 * " / ", then text hits (caller frees). */
static char *searched(store *s, const char *query, size_t limit, int *more)
{
	store_hits hits = {0};
	ap_err e = {0};
	if (store_search(s, query, limit, &hits, more, &e))
		fail_msg("search '%s': %s", query, e.msg);
	ap_buf b = {0};
	for (size_t i = 0; i < hits.n; i++) {
		const store_hit *h = &hits.v[i];
		int first_text = !h->by_name && (i == 0 || hits.v[i - 1].by_name);
		buf_printf(&b, "%s%s %s", first_text ? (i ? " / " : "/ ") : i ? "; " : "", rec_kinds[h->kind].family,
			h->label);
	}
	ap_vec_free(&hits, store_hit_clear);
	return b.s ? buf_steal(&b) : xstrdup("");
}

static void assert_searched(store *s, const char *query, const char *want)
{
	char *what = xasprintf("search '%s'", query);
	expect_str(searched(s, query, 50, NULL), want, what);
	free(what);
}

/* PostgreSQL's search_entry holds exactly what the views say it should:
 * each entry's words at their positions, computed afresh from the views as
 * acctplan.search_sync computes them; one entry per text; and the word
 * counts the ranks use. */
static void assert_pg_search_index_matches(void)
{
	static const char differ[] =
		"WITH want AS (SELECT t.entry, to_tsvector('simple', fold(n.name)) AS name,"
		"  'acctplanstart:1'::tsvector || to_tsvector('simple', fold(n.name)) AS name_start,"
		"  coalesce(search_words(fold(n.name)), 0) AS name_words,"
		"  to_tsvector('simple', fold(t.name || ' ' || t.body)) AS text,"
		"  search_words(fold(t.name || ' ' || t.body)) AS text_len"
		"  FROM search_texts t LEFT JOIN search_names n ON n.entry = t.entry),"
		" got AS (SELECT entry, name, name_start, name_words, text, text_len FROM search_entry)"
		" SELECT ((SELECT count(*) FROM (SELECT entry, name, name_start, text FROM got"
		"   EXCEPT SELECT entry, name, name_start, text FROM want) x)"
		" + (SELECT count(*) FROM (SELECT entry, name, name_start, text FROM want"
		"   EXCEPT SELECT entry, name, name_start, text FROM got) x))"
		" || ' ' || ((SELECT count(*) FROM got) - (SELECT count(*) FROM want))"
		" || ' ' || ((SELECT count(*) FROM (SELECT entry, name_words, text_len FROM got"
		"   EXCEPT SELECT entry, name_words, text_len FROM want) x)"
		" + (SELECT count(*) FROM (SELECT entry, name_words, text_len FROM want"
		"   EXCEPT SELECT entry, name_words, text_len FROM got) x))";
	expect_str(unit_pg_value(differ), "0 0 0", "words, entries and word counts the index differs by");
}

/* The two search indexes hold exactly what their views say they should:
 * every token at every position (compared with indexes built afresh from
 * the views), and a size per entry. FTS5's own integrity-check does not
 * compare an external-content index with its content. */
static void assert_search_index_matches(const char *path)
{
	if (unit_pg()) {
		assert_pg_search_index_matches();
		return;
	}
	static const char build[] =
		"CREATE VIRTUAL TABLE temp.chk_text USING fts5(name, body, tokenize='unicode61 remove_diacritics 2');"
		"INSERT INTO temp.chk_text(rowid, name, body) SELECT entry, name, body FROM search_texts;"
		"CREATE VIRTUAL TABLE temp.chk_name USING fts5(name, tokenize='unicode61 remove_diacritics 2');"
		"INSERT INTO temp.chk_name(rowid, name) SELECT entry, name FROM search_names;"
		"CREATE VIRTUAL TABLE temp.vi_text USING fts5vocab(main, search_text, instance);"
		"CREATE VIRTUAL TABLE temp.vc_text USING fts5vocab(temp, chk_text, instance);"
		"CREATE VIRTUAL TABLE temp.vi_name USING fts5vocab(main, search_name, instance);"
		"CREATE VIRTUAL TABLE temp.vc_name USING fts5vocab(temp, chk_name, instance);";
	static const char differ[] =
		"SELECT ((SELECT count(*) FROM (SELECT * FROM vi_text EXCEPT SELECT * FROM vc_text))"
		" + (SELECT count(*) FROM (SELECT * FROM vc_text EXCEPT SELECT * FROM vi_text))"
		" + (SELECT count(*) FROM (SELECT * FROM vi_name EXCEPT SELECT * FROM vc_name))"
		" + (SELECT count(*) FROM (SELECT * FROM vc_name EXCEPT SELECT * FROM vi_name)))"
		" || ' ' || ((SELECT count(*) FROM search_text_docsize) - (SELECT count(*) FROM search_texts))"
		" || ' ' || ((SELECT count(*) FROM search_name_docsize) - (SELECT count(*) FROM search_names))";
	sqlite3 *db;
	sqlite3_stmt *st;
	char *err = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, build, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s", err);
	assert_int_equal(sqlite3_prepare_v2(db, differ, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	expect_str(xstrdup((const char *)sqlite3_column_text(st, 0)), "0 0 0", "tokens and sizes the indexes differ by");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void note_search_ignores_accents_and_fts_syntax(void **state)
{
	struct fixture *f = *state;
	long long acme = account_id(f->s, "Acme");
	long long cafe = add_note(f->s, acme, "Met the caf\xc3\xa9 chain's buyer in Z\xc3\xbcrich", "");
	long long ops = add_note(f->s, acme, "Customers ask for NEAR real-time tracking AND alerts", "ops");
	char *id = xasprintf("%lld", cafe);
	assert_found(f->s, acme, "cafe", id);
	assert_found(f->s, acme, "CAF\xc3\x89", id);
	assert_found(f->s, acme, "zurich", id);
	free(id);
	id = xasprintf("%lld", ops);
	assert_found(f->s, acme, "customers", id);
	assert_found(f->s, acme, "cust*", id);          /* a star asks for words that start with it */
	assert_found(f->s, acme, "NEAR(", id);          /* operators are searched for, never parsed */
	assert_found(f->s, acme, "AND", id);
	assert_found(f->s, acme, "\"tracking", id);
	assert_found(f->s, acme, "ops", id);            /* tags are indexed too */
	free(id);
	assert_found(f->s, acme, "cust", "");           /* else texts match whole words */
	assert_found(f->s, acme, "tracking buyer", ""); /* every word must match */
	assert_found(f->s, acme, "\"", "");
	assert_found(f->s, acme, "*", "");
	assert_found(f->s, acme, "OR", "");
	assert_found(f->s, acme, "   ", "");
	assert_found(f->s, acme, "body:tracking", "");  /* no column filters either */
	assert_found(f->s, account_id(f->s, "Globex"), "customers", "");   /* one account's notes */
}

static void note_search_follows_edits(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long globex = account_id(f->s, "Globex");
	long long id = add_note(f->s, globex, "Budget freeze until March", "budget");
	ap_notes hits = {0};
	assert_int_equal(store_note_search(f->s, globex, "freeze", &hits, &e), AP_OK);
	assert_int_equal(hits.n, 1);
	assert_string_equal(hits.v[0].tags, "budget");
	assert_int_equal(hits.v[0].tier, TIER_PRODUCT);
	assert_string_equal(hits.v[0].date, "2026-11-23");
	ap_vec_free(&hits, ap_note_clear);
	assert_int_equal(store_note_update(f->s, globex, id, "Budget approved in March", &e), AP_OK);
	assert_found(f->s, globex, "freeze", "");
	char *want = xasprintf("%lld", id);
	assert_found(f->s, globex, "approved", want);
	free(want);
	assert_int_equal(store_note_remove(f->s, globex, id, &e), AP_OK);
	assert_found(f->s, globex, "approved", "");
	assert_int_equal(store_note_update(f->s, globex, id, "gone", &e), AP_EINPUT);
}

/* Acme and Globex with one record of every kind that has words. */
static void seed_search(store *s)
{
	ap_err e = {0};
	long long acme = account_id(s, "Acme"), globex = account_id(s, "Globex");
	ap_contact ct = {.name = (char *)"Anna Elek", .title = (char *)"Head of Procurement", .role = -1,
		.tier = TIER_SALES};
	ap_competitor co = {.name = (char *)"Elektra", .differentiator = (char *)"Cheaper drives, weaker service"};
	ap_competitor co2 = {.name = (char *)"Elektra Drives Group", .differentiator = (char *)""};
	ap_endcustomer ec = {.name = (char *)"Hospitals", .industry = (char *)"Healthcare",
		.ask = (char *)"Faster tender cycles", .trend = -1};
	ap_meeting m = {.tier = TIER_SALES, .kind = MEET_STRATEGIC, .news = -1, .date = (char *)"2026-01-05",
		.summary = (char *)"Discussed the tender with procurement"};
	if (store_contact_add(s, acme, &ct, &e) || store_competitor_add(s, acme, &co, &e) ||
	    store_competitor_add(s, globex, &co2, &e) || store_endcustomer_add(s, acme, &ec, &e) ||
	    store_meeting_add(s, acme, &m, NULL, &e) ||
	    store_answer_add(s, acme, "competitors", "Elektra undercuts us", SRC_MEETING, CONF_HIGH, "", NULL, &e))
		fail_msg("%s", e.msg);
	add_note(s, globex, "Elektra lost the tender at Globex", "pricing");
}

static void search_finds_every_kind_and_says_where(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	seed_search(f->s);
	assert_searched(f->s, "manufacturing", "/ account Acme");              /* industry */
	assert_searched(f->s, "procurement", "/ contact Anna Elek; meeting 2026-01-05");  /* title, summary */
	assert_searched(f->s, "cheaper", "/ competitor Elektra");             /* differentiator */
	assert_searched(f->s, "healthcare", "/ endcustomer Hospitals");      /* industry */
	assert_searched(f->s, "cycles", "/ endcustomer Hospitals");          /* ask */
	assert_searched(f->s, "undercuts", "/ answer competitors");           /* the current answer */
	assert_searched(f->s, "pricing", "/ note 2026-11-23");                /* tags */
	assert_searched(f->s, "glob", "account Globex");                      /* names by their start */
	assert_searched(f->s, "hosp", "endcustomer Hospitals");
	assert_searched(f->s, "elektra cheaper", "/ competitor Elektra");     /* a name and its text together */
	/* What a hit says: its kind, id, account and what it is. */
	store_hits hits = {0};
	int more = -1;
	assert_int_equal(store_search(f->s, "cycles", 10, &hits, &more, &e), AP_OK);
	assert_int_equal(hits.n, 1);
	assert_int_equal(more, 0);
	assert_int_equal(hits.v[0].kind, REC_ENDCUSTOMER);
	assert_int_equal(hits.v[0].account_id, account_id(f->s, "Acme"));
	assert_string_equal(hits.v[0].account, "Acme");
	assert_string_equal(hits.v[0].label, "Hospitals");
	assert_string_equal(hits.v[0].text, "Healthcare: Faster tender cycles");
	assert_false(hits.v[0].by_name);
	ap_vec_free(&hits, store_hit_clear);
	assert_int_equal(store_search(f->s, "pricing", 10, &hits, NULL, &e), AP_OK);
	assert_string_equal(hits.v[0].text, "Elektra lost the tender at Globex #pricing");
	assert_string_equal(hits.v[0].account, "Globex");
	ap_vec_free(&hits, store_hit_clear);
}

static void search_ranks_names_first_then_how_they_begin(void **state)
{
	struct fixture *f = *state;
	seed_search(f->s);
	/* Names that begin with the word, the shorter first; then a name with
	 * it further in; then texts, where it occurs most for their length first. */
	assert_searched(f->s, "elek", "competitor Elektra; competitor Elektra Drives Group; contact Anna Elek");
	assert_searched(f->s, "elektra", "competitor Elektra; competitor Elektra Drives Group"
		" / answer competitors; note 2026-11-23");
	assert_searched(f->s, "tender", "/ endcustomer Hospitals; meeting 2026-01-05; note 2026-11-23");
	/* Equal names: accounts before contacts, then by name. */
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme");
	ap_contact c1 = {.name = (char *)"Zed Acme", .title = (char *)"", .role = -1, .tier = TIER_SALES};
	ap_contact c2 = {.name = (char *)"Acme Bob", .title = (char *)"", .role = -1, .tier = TIER_SALES};
	ap_contact c3 = {.name = (char *)"Acme Al", .title = (char *)"", .role = -1, .tier = TIER_SALES};
	assert_int_equal(store_contact_add(f->s, acme, &c1, &e) | store_contact_add(f->s, acme, &c2, &e) |
		store_contact_add(f->s, acme, &c3, &e), AP_OK);
	assert_searched(f->s, "acme", "account Acme; contact Acme Al; contact Acme Bob; contact Zed Acme");
	/* At most limit, and more says there were more. */
	int more = 0;
	expect_str(searched(f->s, "acme", 2, &more), "account Acme; contact Acme Al", "search 'acme', two of them");
	assert_true(more);
	expect_str(searched(f->s, "acme", 0, &more), "", "search 'acme', none of them");
}

static void search_treats_what_is_typed_as_text(void **state)
{
	struct fixture *f = *state;
	seed_search(f->s);
	long long acme = account_id(f->s, "Acme");
	add_note(f->s, acme, "Caf\xc3\xa9 M\xc3\xbcller wants NEAR(real-time) AND \"fast\" lock-in - no: 50% off", "");
	assert_searched(f->s, "ELEKTRA", "competitor Elektra; competitor Elektra Drives Group"
		" / answer competitors; note 2026-11-23");
	assert_searched(f->s, "cafe muller", "/ note 2026-11-23");            /* accents and case */
	assert_searched(f->s, "CAF\xc3\x89 M\xc3\x9cLLER", "/ note 2026-11-23");
	assert_searched(f->s, "near(real-time)", "/ note 2026-11-23");        /* operators are words */
	assert_searched(f->s, "AND", "/ note 2026-11-23");
	assert_searched(f->s, "\"fast\"", "/ note 2026-11-23");
	assert_searched(f->s, "lock-in", "/ note 2026-11-23");
	assert_searched(f->s, "no:", "/ note 2026-11-23");                    /* no column filter */
	assert_searched(f->s, "name:elektra", "");
	assert_searched(f->s, "50%", "/ note 2026-11-23");
	/* Nothing to search for: no words, or only what the tokenizer drops. */
	const char *empty[] = {"", "   ", "\"", "\"\"", "*", "**", "-", "- -", "(", ")", "NOT", "OR", "^", "{", "+"};
	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++)
		assert_searched(f->s, empty[i], "");
	/* A word only of what the tokenizer drops is left out; the others count. */
	assert_searched(f->s, "cheaper -", "/ competitor Elektra");
	assert_searched(f->s, "elek*", "competitor Elektra; competitor Elektra Drives Group; contact Anna Elek"
		" / answer competitors; note 2026-11-23");                     /* texts too, with a star */
	assert_searched(f->s, "undercut*", "/ answer competitors");
	assert_searched(f->s, "undercut", "");
}

static void search_follows_every_write(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	seed_search(f->s);
	long long acme = account_id(f->s, "Acme"), globex = account_id(f->s, "Globex");
	/* Renames and edits. */
	assert_int_equal(store_account_update(f->s, globex, "Initrode", "Retail", SEG_KEY, &e), AP_OK);
	assert_searched(f->s, "glob", "");                  /* names by their start, texts by whole words */
	assert_searched(f->s, "globex", "/ note 2026-11-23");
	assert_searched(f->s, "initro", "account Initrode");
	ap_contact ct = {.name = (char *)"Anna Szabo", .title = (char *)"CFO", .role = -1, .tier = TIER_SALES};
	assert_int_equal(store_contact_update(f->s, acme, "Anna Elek", &ct, &e), AP_OK);
	assert_searched(f->s, "procurement", "/ meeting 2026-01-05");
	assert_searched(f->s, "szabo cfo", "/ contact Anna Szabo");
	/* Only the current answer is searched; a new one takes its place. */
	assert_int_equal(store_answer_add(f->s, acme, "competitors", "Siemens leads now", SRC_MEETING, CONF_HIGH, "",
		NULL, &e), AP_OK);
	assert_searched(f->s, "undercuts", "");
	assert_searched(f->s, "siemens", "/ answer competitors");
	assert_int_equal(store_answer_add(f->s, acme, "growth", "growing", SRC_MEETING, CONF_HIGH, "", NULL, &e), AP_OK);
	assert_searched(f->s, "growing", "/ answer growth");
	assert_int_equal(store_competitor_remove(f->s, acme, "Elektra", &e), AP_OK);
	assert_searched(f->s, "cheaper", "");
	store_close(&f->s);
	assert_search_index_matches(f->path);
	/* Answers removed (only an account's removal does it through the store;
	 * here by hand): the one before becomes current and searchable again. */
	raw_exec_fk(f->path, "DELETE FROM answer WHERE value = 'Siemens leads now'");
	assert_search_index_matches(f->path);
	assert_int_equal(store_open(&f->s, f->path, STORE_EXISTING, &e), AP_OK);
	assert_searched(f->s, "undercuts", "/ answer competitors");
	assert_searched(f->s, "siemens", "");
	store_close(&f->s);
	/* The first of a history takes its successors with it (replaces cascades). */
	raw_exec_fk(f->path, "DELETE FROM answer WHERE question = 'competitors';"
		" UPDATE answer SET value = 'shrinking' WHERE question = 'growth'");
	assert_search_index_matches(f->path);
	assert_int_equal(store_open(&f->s, f->path, STORE_EXISTING, &e), AP_OK);
	assert_searched(f->s, "undercuts", "");
	assert_searched(f->s, "shrinking", "/ answer growth");
}

static void search_index_is_filled_once_by_a_bulk_load(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	seed_search(f->s);
	long long globex = account_id(f->s, "Globex");
	assert_int_equal(store_begin(f->s, &e), AP_OK);
	assert_int_equal(store_bulk_begin(f->s, &e), AP_OK);
	long long id;
	ap_contact ct = {.name = (char *)"Zora Quill", .title = (char *)"Buyer", .role = -1, .tier = TIER_SALES};
	ap_note n = {.tier = TIER_SALES, .author = (char *)"", .date = (char *)"2026-02-02", .body = (char *)"Quillwort deal",
		.tags = (char *)"", .meta = {.updated_by = (char *)""}};
	assert_int_equal(store_account_add(f->s, "Quillco", "Inks", SEG_OTHER, NULL, &id, &e), AP_OK);
	assert_int_equal(store_contact_add(f->s, id, &ct, &e), AP_OK);
	assert_int_equal(store_bulk_note(f->s, id, &n, &e), AP_OK);
	assert_int_equal(store_answer_add(f->s, id, "growth", "flat", SRC_MEETING, CONF_HIGH, "", NULL, &e), AP_OK);
	assert_int_equal(store_answer_add(f->s, id, "growth", "growing fast", SRC_MEETING, CONF_HIGH, "", NULL, &e), AP_OK);
	assert_int_equal(store_account_remove(f->s, globex, &e), AP_OK);   /* import --replace does */
	/* Not yet on SQLite, whose load leaves its search triggers out; on
	 * PostgreSQL they stay, and the index follows each row as it comes. */
	if (!unit_pg())
		assert_searched(f->s, "quill", "");
	assert_int_equal(store_bulk_end(f->s, &e), AP_OK);
	assert_int_equal(store_commit(f->s, &e), AP_OK);
	assert_searched(f->s, "quill", "account Quillco; contact Zora Quill");
	assert_searched(f->s, "quillwort", "/ note 2026-02-02");
	assert_searched(f->s, "flat", "");
	assert_searched(f->s, "growing", "/ answer growth");
	assert_searched(f->s, "pricing", "");
	/* The triggers are back: later writes are indexed as they happen. */
	add_note(f->s, id, "Quillwort again", "");
	assert_searched(f->s, "quillwort", "/ note 2026-11-23; note 2026-02-02");
	/* A load given up is rolled back, and leaves the triggers as they were. */
	assert_int_equal(store_begin(f->s, &e), AP_OK);
	assert_int_equal(store_bulk_begin(f->s, &e), AP_OK);
	assert_int_equal(store_account_add(f->s, "Lost", "", SEG_OTHER, NULL, NULL, &e), AP_OK);
	store_bulk_abort(f->s);
	store_rollback(f->s);
	add_note(f->s, id, "Quillwort thrice", "");
	assert_searched(f->s, "thrice", "/ note 2026-11-23");
	store_close(&f->s);
	assert_raw_each(f->path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name GLOB '*_search_*'",
		"SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n"
		" ON n.oid = c.relnamespace WHERE n.nspname = 'acctplan' AND t.tgname LIKE '%\\_search' AND t.tgenabled <> 'D'",
		unit_pg() ? "7" : "30");
	assert_search_index_matches(f->path);
}

static void account_remove_takes_every_record_and_its_search_entries(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long acme = account_id(f->s, "Acme"), globex = account_id(f->s, "Globex");
	assert_int_equal(store_answer_add(f->s, acme, "growth", "growing", SRC_MEETING, CONF_HIGH, "", NULL, &e), AP_OK);
	add_contact(f->s, acme, "Ana", NULL, -1);
	add_contact(f->s, acme, "Ben", "Ana", -1);
	ap_competitor co = {.name = (char *)"Initech"};
	ap_endcustomer ec = {.name = (char *)"Hospitals", .trend = -1};
	ap_meeting m = {.tier = TIER_SALES, .kind = MEET_STRATEGIC, .news = -1, .date = (char *)"2026-01-01"};
	ap_driver d = {.metric = (char *)"beds", .value = NAN, .growth = NAN, .share = NAN};
	assert_int_equal(store_competitor_add(f->s, acme, &co, &e), AP_OK);
	assert_int_equal(store_endcustomer_add(f->s, acme, &ec, &e), AP_OK);
	assert_int_equal(store_meeting_add(f->s, acme, &m, NULL, &e), AP_OK);
	assert_int_equal(store_driver_add(f->s, acme, &d, NULL, &e), AP_OK);
	assert_int_equal(store_snooze_set(f->s, acme, "r", NULL, "2027-01-01", "why", NULL, &e), AP_OK);
	add_note(f->s, acme, "zeppelin contract", "");
	long long kept = add_note(f->s, globex, "zeppelin rival", "");

	assert_int_equal(store_account_remove(f->s, acme, &e), AP_OK);
	assert_int_equal(store_account_remove(f->s, acme, &e), AP_EINPUT);
	ap_answers an = {0};
	ap_contacts ct = {0};
	ap_competitors cm = {0};
	ap_endcustomers en = {0};
	ap_meetings me = {0};
	ap_notes no = {0};
	ap_snoozes sn = {0};
	ap_drivers dr = {0};
	assert_int_equal(store_answer_all(f->s, 0, &an, &e) | store_contact_list(f->s, 0, &ct, &e) |
		store_competitor_list(f->s, 0, &cm, &e) | store_endcustomer_list(f->s, 0, &en, &e) |
		store_meeting_list(f->s, 0, &me, &e) | store_note_list(f->s, 0, &no, &e) |
		store_snooze_list(f->s, 0, &sn, &e) | store_driver_list(f->s, 0, &dr, &e), AP_OK);
	assert_int_equal(an.n + ct.n + cm.n + en.n + me.n + sn.n + dr.n, 0);
	assert_int_equal(no.n, 1);
	assert_int_equal(no.v[0].id, kept);
	ap_vec_free(&no, ap_note_clear);
	ap_vec_free(&an, ap_answer_clear);
	ap_vec_free(&ct, ap_contact_clear);
	ap_vec_free(&cm, ap_competitor_clear);
	ap_vec_free(&en, ap_endcustomer_clear);
	ap_vec_free(&me, ap_meeting_clear);
	ap_vec_free(&sn, ap_snooze_clear);
	ap_vec_free(&dr, ap_driver_clear);
	assert_searched(f->s, "zeppelin", "/ note 2026-11-23");
	assert_searched(f->s, "initech", "");
	store_close(&f->s);
	/* The search indexes hold exactly what the records left hold. */
	assert_search_index_matches(f->path);
	assert_raw_each(f->path, "SELECT count(*) FROM search_text_docsize", "SELECT count(*) FROM search_entry",
		"2");   /* Globex and its note */
	/* PostgreSQL checks every foreign key as it is written; SQLite only where asked. */
	if (!unit_pg())
		assert_raw(f->path, "PRAGMA foreign_key_check", "(none)");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
#define S(fn) cmocka_unit_test_setup_teardown(fn, open_store, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(store_creates_a_private_file_in_a_private_folder),
		T(store_reopens_with_its_data_and_schema_version),
		T(store_existing_mode_refuses_a_missing_file),
		T(store_existing_mode_leaves_an_empty_file_alone),
		T(store_refuses_newer_schema_version),
		T(store_refuses_another_programs_database_and_leaves_it_untouched),
		T(store_refuses_a_text_file_and_leaves_it_untouched),
		T(store_refuses_a_directory),
		T(store_refuses_a_pipe_or_device),
		T(store_reports_a_folder_it_cannot_create),
		T(store_opens_a_new_file_from_many_processes_at_once),
		S(nested_transaction_rolls_back_everything_when_an_inner_write_fails),
		S(explicit_rollback_discards_every_write_of_the_transaction),
		S(write_is_refused_as_locked_while_another_process_writes),
		S(account_names_are_unique_regardless_of_case),
		S(names_are_found_whole_or_by_a_start_that_tells_them_apart),
		S(writes_inside_a_read_snapshot_are_refused),
		S(account_filter_is_a_plain_string_over_name_and_industry),
		S(account_update_renames_and_refuses_a_taken_name),
		S(account_update_of_a_removed_account_is_refused),
		S(store_keeps_text_byte_exact),
		S(answer_history_keeps_every_version_newest_first),
		S(current_answers_of_all_accounts_come_by_account_then_question),
		S(answer_for_a_missing_account_is_refused),
		S(contact_remove_detaches_reports),
		S(contact_reports_to_must_be_a_contact_of_the_same_account),
		S(contact_names_are_unique_per_account_only),
		S(contact_update_changes_fields_and_refuses_self_reporting),
		S(competitors_and_end_customers_add_list_and_remove),
		S(meetings_list_newest_first_and_stay_with_their_account),
		S(snooze_set_replaces_the_same_flag_and_clear_counts),
		S(demand_driver_keeps_unknown_steps_as_nan),
		S(note_search_ignores_accents_and_fts_syntax),
		S(note_search_follows_edits),
		S(search_finds_every_kind_and_says_where),
		S(search_ranks_names_first_then_how_they_begin),
		S(search_treats_what_is_typed_as_text),
		S(search_follows_every_write),
		S(search_index_is_filled_once_by_a_bulk_load),
		S(account_remove_takes_every_record_and_its_search_entries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
