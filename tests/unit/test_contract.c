/* test_contract.c - the data contract on the real store (a SQLite file, or
 * a PostgreSQL database: unit_store.h): ids never reused, edits in place
 * with versions, conditional writes (exit 4), answers that name what they
 * replace, the upgrade of SQLite files from schema 1 and 2, and the record
 * tables' own validation and repair. Record kinds are walked from rec_kinds,
 * so a kind added there is tested here without a new test. */
#include <math.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "unit_store.h"
#include "acctplan/record.h"
#include "acctplan/store.h"

struct fixture {
	char *dir, *path;
	store *s;
	long long acme;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	ap_err e = {0};
	f->dir = make_tmpdir();
	f->path = unit_store(f->dir, "accounts.db");
	setenv("ACCTPLAN_TODAY", "2026-11-23", 1);
	setenv("ACCTPLAN_NOW", "2026-11-23T09:30:00Z", 1);
	setenv("ACCTPLAN_BUSY_TIMEOUT", "2000", 1);
	*state = f;
	/* The member an action is owned by (make_record). */
	ap_member owner = {.name = (char *)"Owner", .tier = TIER_SALES, .active = 1};
	if (store_open(&f->s, f->path, STORE_CREATE, &e) ||
	    store_account_add(f->s, "Acme", "Tools", SEG_KEY, NULL, &f->acme, &e) ||
	    store_rec_add(f->s, REC_MEMBER, 0, &owner, &e)) {
		print_error("%s\n", e.msg);
		return -1;
	}
	store_set_author(f->s, "Dana");
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(&f->s);
	rm_tree(f->dir);
	free(f->path);
	free(f);
	unsetenv("ACCTPLAN_NOW");
	return 0;
}

/* The first column of the first row of a query, as text, read by a
 * connection of its own (as another program would); caller frees. */
static char *raw_value(const char *path, const char *sql)
{
	if (unit_pg())
		return unit_pg_value(sql);
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	char *v = xstrdup(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)
		? (const char *)sqlite3_column_text(st, 0) : "(none)");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* A valid record of kind k, its text fields naming `tag`; the caller clears it. */
static void make_record(const rec_kind *k, void *rec, const char *tag)
{
	memset(rec, 0, k->size);
	rec_defaults(k, rec);
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		if (f->flags & (RF_META | RF_PARENT | RF_NOWRITE))
			continue;
		void *slot = rec_slot(f, rec);
		switch (f->type) {
		case RT_TEXT: *(char **)slot = xasprintf("%s %s", f->key ? f->key : "x", tag); break;
		case RT_TAGS: *(char **)slot = xstrdup("alpha beta"); break;
		case RT_DATE: *(char **)slot = xstrdup("2026-10-01"); break;
		case RT_ENUM: *(int *)slot = f->names->count - 1; break;
		case RT_REAL: *(double *)slot = 2.5; break;
		default: break;
		}
	}
	if (k->id == REC_MEETING)
		((ap_meeting *)rec)->news = NEWS_BAD;
	if (k->id == REC_DRIVER)
		((ap_driver *)rec)->growth = 5;
	if (k->id == REC_EXCHANGE) {   /* through a member of the fixture's */
		ap_exchange *x = rec;
		free(x->by);
		x->by = xstrdup("Owner");
	}
	if (k->id == REC_ACTION) {   /* a member of the fixture's; no contact, no flag */
		ap_action *a = rec;
		a->owner = xstrdup("Owner");
		a->status = ASTATUS_OPEN;
		free(a->flag);
		a->flag = xstrdup("");
		free(a->reason);
		a->reason = xstrdup("");
		free(a->closed);
		a->closed = xstrdup("");
	}
}

static long long rec_id(const rec_kind *k, const void *rec)
{
	return *(const long long *)rec_cslot(rec_field_by_key(k, "id"), rec);
}

static long long rec_version(const rec_kind *k, const void *rec)
{
	return *(const long long *)rec_cslot(rec_field_by_key(k, "version"), rec);
}

/* The first text field a user gives, to change in an edit. */
static char **first_text(const rec_kind *k, void *rec)
{
	for (int i = 0; i < k->nfields; i++)
		if (k->fields[i].type == RT_TEXT && !(k->fields[i].flags & (RF_META | RF_NOWRITE)))
			return rec_slot(&k->fields[i], rec);
	return NULL;
}

/* An account of its own for kinds other than accounts; the account itself otherwise. */
static long long add_one(struct fixture *f, const rec_kind *k, void *rec, const char *tag)
{
	ap_err e = {0};
	make_record(k, rec, tag);
	if (k->id == REC_ADVOCACY) {   /* the contact who speaks for us, of the same account */
		ap_contact c = {.name = ((ap_advocacy *)rec)->contact, .role = -1};
		if (store_rec_add(f->s, REC_CONTACT, f->acme, &c, &e))
			fail_msg("adding the advocate: %s", e.msg);
	}
	if (store_rec_add(f->s, k->id, k->id == REC_ACCOUNT ? 0 : f->acme, rec, &e))
		fail_msg("adding %s: %s", k->name, e.msg);
	return rec_id(k, rec);
}

static void every_kind_is_edited_in_place_and_keeps_its_id(void **state)
{
	struct fixture *f = *state;
	for (int kid = 0; kid < REC_NKINDS; kid++) {
		const rec_kind *k = &rec_kinds[kid];
		if (!k->versioned)
			continue;
		char rec[512], back[512];
		ap_err e = {0};
		long long account = kid == REC_ACCOUNT ? 0 : f->acme;
		long long id = add_one(f, k, rec, "one");
		assert_true(id > 0);
		assert_int_equal(rec_version(k, rec), 1);
		char **text = first_text(k, rec);
		free(*text);
		*text = xstrdup("changed");
		setenv("ACCTPLAN_NOW", "2026-11-24T08:00:00Z", 1);
		store_set_author(f->s, "Kim");
		if (store_rec_update(f->s, kid, account, rec, 1, &e))
			fail_msg("updating %s: %s", k->name, e.msg);
		memset(back, 0, sizeof back);
		assert_int_equal(store_rec_get(f->s, kid, account, id, back, &e), AP_OK);
		assert_int_equal(rec_id(k, back), id);
		assert_int_equal(rec_version(k, back), 2);
		assert_string_equal(*first_text(k, back), "changed");
		const ap_meta *m = rec_cslot(rec_field_by_key(k, "version"), back);
		assert_string_equal(m->updated_by, "Kim");
		assert_string_equal(m->updated_at, "2026-11-24T08:00:00Z");
		assert_string_equal(m->created_at, "2026-11-23T09:30:00Z");
		rec_clear(k, back);
		/* A second writer who read version 1 is refused, and nothing changes. */
		free(*text);
		*text = xstrdup("stale");
		assert_int_equal(store_rec_update(f->s, kid, account, rec, 1, &e), AP_ECONFLICT);
		assert_non_null(strstr(e.msg, "by Kim"));
		assert_non_null(strstr(e.msg, "version 2"));
		assert_int_equal(store_rec_remove(f->s, kid, account, id, 1, &e), AP_ECONFLICT);
		assert_int_equal(store_rec_get(f->s, kid, account, id, back, &e), AP_OK);
		assert_string_equal(*first_text(k, back), "changed");
		rec_clear(k, back);
		/* Removed with the right version; then gone: 4 when conditional, 2 when not. */
		assert_int_equal(store_rec_remove(f->s, kid, account, id, 2, &e), AP_OK);
		assert_int_equal(store_rec_update(f->s, kid, account, rec, 2, &e), AP_ECONFLICT);
		assert_non_null(strstr(e.msg, "removed"));
		assert_int_equal(store_rec_update(f->s, kid, account, rec, 0, &e), AP_EINPUT);
		assert_int_equal(store_rec_remove(f->s, kid, account, id, 0, &e), AP_EINPUT);
		rec_clear(k, rec);
		setenv("ACCTPLAN_NOW", "2026-11-23T09:30:00Z", 1);
		store_set_author(f->s, "Dana");
	}
}

static void ids_are_never_reused(void **state)
{
	struct fixture *f = *state;
	for (int kid = 0; kid < REC_NKINDS; kid++) {
		const rec_kind *k = &rec_kinds[kid];
		if (!k->versioned)
			continue;
		char rec[512];
		ap_err e = {0};
		long long account = kid == REC_ACCOUNT ? 0 : f->acme;
		long long first = add_one(f, k, rec, "old");
		rec_clear(k, rec);
		assert_int_equal(store_rec_remove(f->s, kid, account, first, 0, &e), AP_OK);
		long long second = add_one(f, k, rec, "new");
		rec_clear(k, rec);
		assert_true(second > first);
	}
	/* Also across closing and opening the file. */
	ap_note n = {.tier = TIER_SALES, .body = (char *)"gone soon"};
	long long id, next;
	ap_err e = {0};
	assert_int_equal(store_note_add(f->s, f->acme, &n, &id, &e), AP_OK);
	assert_int_equal(store_note_remove(f->s, f->acme, id, &e), AP_OK);
	store_close(&f->s);
	assert_int_equal(store_open(&f->s, f->path, STORE_EXISTING, &e), AP_OK);
	assert_int_equal(store_note_add(f->s, f->acme, &n, &next, &e), AP_OK);
	assert_true(next > id);
}

static void edit_of_another_accounts_record_is_unknown(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long other, id;
	assert_int_equal(store_account_add(f->s, "Globex", "", SEG_OTHER, NULL, &other, &e), AP_OK);
	ap_meeting m = {.tier = TIER_SALES, .kind = MEET_TACTICAL, .news = NEWS_NONE, .date = (char *)"2026-11-01", .summary = (char *)"x"};
	assert_int_equal(store_meeting_add(f->s, other, &m, &id, &e), AP_OK);
	m.id = id;
	assert_int_equal(store_rec_update(f->s, REC_MEETING, f->acme, &m, 0, &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "for this account"));
	assert_int_equal(store_rec_remove(f->s, REC_MEETING, f->acme, id, 1, &e), AP_EINPUT);
}

static void answers_name_the_answer_they_replace(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long a1, a2, other;
	ap_answer a = {.question = (char *)"growth", .value = (char *)"growing", .source = SRC_MEETING, .confidence = CONF_HIGH,
		.author = (char *)"Dana"};
	assert_int_equal(store_answer_put(f->s, f->acme, &a, STORE_REPLACES_NONE, &a1, &e), AP_OK);
	/* "none" again: there is a current answer now. */
	a.value = (char *)"flat";
	assert_int_equal(store_answer_put(f->s, f->acme, &a, STORE_REPLACES_NONE, NULL, &e), AP_ECONFLICT);
	assert_non_null(strstr(e.msg, "by Dana"));
	assert_int_equal(store_answer_put(f->s, f->acme, &a, a1, &a2, &e), AP_OK);
	/* a1 is replaced already: a writer who read it is refused. */
	a.value = (char *)"shrinking";
	assert_int_equal(store_answer_put(f->s, f->acme, &a, a1, NULL, &e), AP_ECONFLICT);
	/* An answer to another question cannot be replaced by this one. */
	ap_answer b = {.question = (char *)"business", .value = (char *)"pumps", .source = SRC_MEETING, .confidence = CONF_HIGH};
	assert_int_equal(store_answer_put(f->s, f->acme, &b, STORE_REPLACES_CURRENT, &other, &e), AP_OK);
	assert_int_equal(store_answer_put(f->s, f->acme, &a, other, NULL, &e), AP_EINPUT);
	assert_int_equal(store_answer_put(f->s, f->acme, &a, 999999, NULL, &e), AP_EINPUT);
	/* Unconditional: replaces whatever is current. */
	long long a3;
	assert_int_equal(store_answer_put(f->s, f->acme, &a, STORE_REPLACES_CURRENT, &a3, &e), AP_OK);
	ap_answers h = {0};
	assert_int_equal(store_answer_history(f->s, f->acme, "growth", &h, &e), AP_OK);
	assert_int_equal(h.n, 3);
	assert_int_equal(h.v[0].id, a3);
	assert_int_equal(h.v[0].replaces, a2);
	assert_int_equal(h.v[1].replaces, a1);
	assert_int_equal(h.v[2].replaces, 0);
	ap_vec_free(&h, ap_answer_clear);
}

/* Two processes say "there is no answer yet" at once: the unique index lets
 * exactly one of them write. */
static void racing_first_answers_exactly_one_wins(void **state)
{
	struct fixture *f = *state;
	store_close(&f->s);
	pid_t pid[2];
	for (int i = 0; i < 2; i++) {
		pid[i] = fork();
		assert_true(pid[i] >= 0);
		if (pid[i] == 0) {
			store *s = NULL;
			ap_err e = {0};
			char value[32];
			snprintf(value, sizeof value, "writer %d", i);
			ap_answer a = {.question = (char *)"growth", .value = value, .source = SRC_MEETING, .confidence = CONF_HIGH};
			int rc = store_open(&s, f->path, STORE_EXISTING, &e);
			if (!rc)
				rc = store_answer_put(s, f->acme, &a, STORE_REPLACES_NONE, NULL, &e);
			store_close(&s);
			_exit(rc);
		}
	}
	int won = 0, lost = 0;
	for (int i = 0; i < 2; i++) {
		int status;
		assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
		assert_true(WIFEXITED(status));
		won += WEXITSTATUS(status) == AP_OK;
		lost += WEXITSTATUS(status) == AP_ECONFLICT;
	}
	assert_int_equal(won, 1);
	assert_int_equal(lost, 1);
	char *n = raw_value(f->path, "SELECT count(*) FROM answer WHERE question = 'growth'");
	assert_string_equal(n, "1");
	free(n);
}

static void a_refused_write_in_a_snapshot_leaves_later_writes_working(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	assert_int_equal(store_snapshot_begin(f->s, &e), AP_OK);
	assert_int_equal(store_account_add(f->s, "Inside", "", SEG_OTHER, NULL, NULL, &e), AP_ESTORE);
	ap_note n = {.tier = TIER_SALES, .body = (char *)"inside"};
	assert_int_equal(store_note_add(f->s, f->acme, &n, NULL, &e), AP_ESTORE);
	store_snapshot_end(f->s);
	assert_int_equal(store_account_add(f->s, "After", "", SEG_OTHER, NULL, NULL, &e), AP_OK);
	assert_int_equal(store_note_add(f->s, f->acme, &n, NULL, &e), AP_OK);
	/* A snapshot after that is a snapshot again, and ends as one. */
	assert_int_equal(store_snapshot_begin(f->s, &e), AP_OK);
	store_snapshot_end(f->s);
	assert_int_equal(store_account_add(f->s, "Later", "", SEG_OTHER, NULL, NULL, &e), AP_OK);
}

/* ---- the upgrade of a version-1 file made by the previous release ---- */

/* A private copy of tests/data/NAME (a file the release before wrote). */
static char *copy_data(const char *dir, const char *name)
{
	char *data = NULL, *path = xasprintf("%s/%s", dir, name), *from = xasprintf("tests/data/%s", name);
	size_t len;
	ap_err e = {0};
	if (ap_read_file(from, &data, &len, &e))
		fail_msg("%s", e.msg);
	FILE *out = fopen(path, "wb");
	if (!out || fwrite(data, 1, len, out) != len || fclose(out) != 0)
		fail_msg("cannot copy %s to %s", from, path);
	free(data);
	free(from);
	return path;
}

static char *copy_fixture(const char *dir) { return copy_data(dir, "v1.db"); }

/* What must survive an upgrade: every row's id and what it says, per table. */
static const char *const survives[] = {
	"SELECT count(*) || ':' || group_concat(id, ',') FROM (SELECT id FROM account ORDER BY id)",
	"SELECT group_concat(id || '=' || account_id || '/' || question || '/' || value, '|') FROM (SELECT * FROM answer ORDER BY id)",
	"SELECT group_concat(id || '=' || coalesce(reports_to, '-') || '/' || tier, '|') FROM (SELECT * FROM contact ORDER BY id)",
	"SELECT group_concat(id || '=' || account_id, ',') FROM (SELECT * FROM competitor ORDER BY id)",
	"SELECT group_concat(id || '=' || name || '/' || trend, '|') FROM (SELECT * FROM end_customer ORDER BY id)",
	"SELECT group_concat(id || '=' || held_on || '/' || summary, '|') FROM (SELECT * FROM engagement ORDER BY id)",
	"SELECT group_concat(id || '=' || written_on || '/' || author || '/' || tags, '|') FROM (SELECT * FROM note ORDER BY id)",
	"SELECT group_concat(id || '=' || rule || '/' || until_on, '|') FROM (SELECT * FROM snooze ORDER BY id)",
	"SELECT group_concat(id || '=' || metric || '/' || coalesce(value, 'null'), '|') FROM (SELECT * FROM demand_driver ORDER BY id)",
};
#define NSURVIVES (sizeof survives / sizeof survives[0])

static void version_1_file_upgrades_keeping_every_row_and_id(void **state)
{
	struct fixture *f = *state;
	/* A SQLite file the previous release wrote; PostgreSQL stores begin at the current schema. */
	UNIT_SQLITE_ONLY();
	char *path = copy_fixture(f->dir), *before[NSURVIVES];
	char *v = raw_value(path, "PRAGMA user_version");
	assert_string_equal(v, "1");
	free(v);
	for (size_t i = 0; i < NSURVIVES; i++)
		before[i] = raw_value(path, survives[i]);
	store *s = NULL;
	ap_err e = {0};
	assert_int_equal(store_open(&s, path, STORE_EXISTING, &e), AP_OK);
	assert_int_equal(store_opened_version(s), 1);
	/* The repairs: the trailing blank of "Acme ", the leading one of
	 * " Rivet Co", the bell in a note; each reported. */
	const char *rep = store_repairs(s);
	assert_non_null(strstr(rep, "account #11: account name 'Acme ' stored as 'Acme'"));
	assert_non_null(strstr(rep, "competitor #17"));
	assert_non_null(strstr(rep, "note #26: note 'bell\\u0007 inside' stored as 'bell inside'"));
	/* Id 26 was the newest note removed and handed out again by the old
	 * release; from now on the next id is past every id seen. */
	ap_note n = {.tier = TIER_SALES, .body = (char *)"after the upgrade"};
	long long id;
	assert_int_equal(store_note_add(s, 1, &n, &id, &e), AP_OK);
	assert_int_equal(id, 27);
	assert_int_equal(store_note_remove(s, 1, id, &e), AP_OK);
	store_close(&s);
	for (size_t i = 0; i < NSURVIVES; i++) {
		char *after = raw_value(path, survives[i]);
		/* Only the repaired texts may differ. */
		if (i != 0 && i != 3 && i != 6 && strcmp(before[i], after) != 0)
			fail_msg("%s\n  before: %.300s\n  after:  %.300s", survives[i], before[i], after);
		if (i == 0 || i == 3)
			assert_string_equal(before[i], after);
		free(after);
		free(before[i]);
	}
	/* History: every answer names the one before it of its question. */
	v = raw_value(path, "SELECT count(*) FROM answer o WHERE coalesce(replaces, 0) <> coalesce((SELECT max(p.id)"
		" FROM answer p WHERE p.account_id = o.account_id AND p.question = o.question AND p.id < o.id), 0)");
	assert_string_equal(v, "0");
	free(v);
	v = raw_value(path, "SELECT count(*) FROM answer WHERE created_at = answered_on || 'T00:00:00Z'");
	char *all = raw_value(path, "SELECT count(*) FROM answer");
	assert_string_equal(v, all);
	free(v);
	free(all);
	char version[16];
	snprintf(version, sizeof version, "%d", STORE_SCHEMA_VERSION);
	const char *checks[][2] = {
		{"PRAGMA user_version", version},
		{"PRAGMA foreign_key_check", "(none)"},
		{"PRAGMA integrity_check", "ok"},
		{"SELECT name || '/' || version FROM account WHERE id = 11", "Acme/2"},
		{"SELECT name FROM competitor WHERE id = 17", "Rivet Co"},
		{"SELECT body FROM note WHERE id = 26", "bell inside"},
		{"SELECT count(*) FROM search_text WHERE search_text MATCH 'bell'", "1"},
		{"SELECT count(*) FROM search_name WHERE search_name MATCH 'riv*'", "1"},
		{"SELECT (SELECT count(*) FROM search_text_docsize) = (SELECT count(*) FROM search_texts)", "1"},
		{"SELECT seq FROM sqlite_sequence WHERE name = 'note'", "27"},
		{"SELECT min(version) FROM contact", "1"},
		{"SELECT name_key FROM account WHERE id = 11", "acme"},
		{"SELECT count(*) FROM contact WHERE name_key IS NULL", "0"},
	};
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		v = raw_value(path, checks[i][0]);
		if (strcmp(v, checks[i][1]) != 0)
			fail_msg("%s: expected %s, got %s", checks[i][0], checks[i][1], v);
		free(v);
	}
	/* Opening again finds nothing to upgrade or repair. */
	assert_int_equal(store_open(&s, path, STORE_EXISTING, &e), AP_OK);
	assert_int_equal(store_opened_version(s), STORE_SCHEMA_VERSION);
	assert_string_equal(store_repairs(s), "");
	store_close(&s);
	free(path);
}

/* ---- the record tables themselves ---- */

static void every_kind_has_unique_keys_and_columns(void **state)
{
	(void)state;
	for (int kid = 0; kid < REC_NKINDS; kid++) {
		const rec_kind *k = &rec_kinds[kid];
		assert_int_equal(k->id, kid);
		assert_non_null(rec_field_by_key(k, "id"));
		if (k->versioned)
			assert_non_null(rec_field_by_key(k, "version"));
		/* Listing and form specs name fields of the kind (rec_pick aborts otherwise). */
		const rec_field *picked[32];
		unsigned marked;
		assert_true(rec_pick(k, k->list, picked, &marked, 32) >= 0);
		assert_true(rec_pick(k, k->form, picked, &marked, 32) >= 0);
		for (int i = 0; i < k->nfields; i++)
			for (int j = i + 1; j < k->nfields; j++) {
				const rec_field *a = &k->fields[i], *b = &k->fields[j];
				if (a->key && b->key && strcmp(a->key, b->key) == 0)
					fail_msg("%s: key %s twice", k->name, a->key);
				if (a->col && b->col && strcmp(a->col, b->col) == 0)
					fail_msg("%s: column %s twice", k->name, a->col);
				if (a->opt && b->opt && strcmp(a->opt, b->opt) == 0)
					fail_msg("%s: option --%s twice", k->name, a->opt);
			}
	}
}

static void rec_pick_follows_the_spec(void **state)
{
	(void)state;
	const rec_field *f[8];
	unsigned marked;
	assert_int_equal(rec_pick(&rec_kinds[REC_MEETING], "tier date summary!", f, &marked, 8), 3);
	assert_string_equal(f[0]->key, "tier");
	assert_string_equal(f[2]->col, "summary");
	assert_int_equal(marked, 4u);
	assert_int_equal(rec_pick(&rec_kinds[REC_MEETING], "tier date summary", f, &marked, 2), 2);
	assert_int_equal(rec_pick(&rec_kinds[REC_MEETING], NULL, f, NULL, 8), 0);
}

static void rec_check_refuses_what_every_writer_refuses(void **state)
{
	(void)state;
	ap_err e = {0};
	ap_account a = {.name = (char *)"Acme ", .segment = SEG_KEY};
	assert_int_equal(rec_check(&rec_kinds[REC_ACCOUNT], &a, REC_BY_LABEL, &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "account name 'Acme ' starts or ends with a blank"));
	a.name = (char *)"   ";
	assert_int_equal(rec_check(&rec_kinds[REC_ACCOUNT], &a, REC_BY_LABEL, &e), AP_EINPUT);
	a.name = (char *)"Acme";
	a.industry = (char *)"bad\x1b[2J";
	assert_int_equal(rec_check(&rec_kinds[REC_ACCOUNT], &a, REC_BY_OPTION, &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "--industry"));
	a.industry = (char *)"Tools";
	assert_int_equal(rec_check(&rec_kinds[REC_ACCOUNT], &a, REC_BY_OPTION, &e), AP_OK);
	ap_meeting m = {.tier = TIER_SALES, .kind = MEET_TACTICAL, .news = NEWS_NONE, .shared = 1, .date = (char *)"2026-02-30"};
	assert_int_equal(rec_check(&rec_kinds[REC_MEETING], &m, REC_BY_OPTION, &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "--date"));
	m.date = (char *)"2026-02-28";
	assert_int_equal(rec_check(&rec_kinds[REC_MEETING], &m, REC_BY_OPTION, &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "shared"));
	m.news = NEWS_BAD;
	assert_int_equal(rec_check(&rec_kinds[REC_MEETING], &m, REC_BY_OPTION, &e), AP_OK);
	ap_note n = {.tier = TIER_SALES, .body = (char *)" \n ", .tags = (char *)"a b"};
	assert_int_equal(rec_check(&rec_kinds[REC_NOTE], &n, REC_BY_LABEL, &e), AP_EINPUT);
	n.body = (char *)"line one\nline two";
	assert_int_equal(rec_check(&rec_kinds[REC_NOTE], &n, REC_BY_LABEL, &e), AP_OK);
	ap_contact c = {.name = (char *)"Ana", .role = -1, .tier = TIER_SALES, .reports_to = (char *)""};
	assert_int_equal(rec_check(&rec_kinds[REC_CONTACT], &c, REC_BY_OPTION, &e), AP_OK);
	c.reports_to = (char *)"Bob ";
	assert_int_equal(rec_check(&rec_kinds[REC_CONTACT], &c, REC_BY_OPTION, &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "--reports-to"));
}

/* Issue 11: an answer or a note must show something, whoever writes it
 * (rec_check: CLI, import, workbench); a date it happened on may be
 * entered up to tomorrow, and only as it is entered (rec_check_entry):
 * rec_check alone lets a stored one through, as import restores it. */
static void answers_and_notes_show_something_and_are_not_entered_ahead(void **state)
{
	(void)state;
	ap_err e = {0};
	const rec_kind *k = &rec_kinds[REC_ANSWER];
	ap_answer a = {.question = (char *)"business", .value = (char *)"\xc2\xa0\xe3\x80\x80", .source = SRC_MEETING,
		.confidence = CONF_HIGH, .date = (char *)"2026-11-30"};
	assert_int_equal(rec_check(k, &a, REC_BY_OPTION, &e), AP_EINPUT);
	assert_string_equal(e.msg, "answer has no visible character");
	a.value = (char *)"Pumps";
	assert_int_equal(rec_check(k, &a, REC_BY_OPTION, &e), AP_OK);
	const rec_field *date = rec_field_by_key(k, "date");
	assert_int_equal(rec_check_entry(date, &a, "--date", &e), AP_EINPUT);
	assert_string_equal(e.msg, "--date '2026-11-30' is in the future (today is 2026-11-23)");
	a.date = (char *)"2026-11-24";
	assert_int_equal(rec_check_entry(date, &a, "--date", &e), AP_OK);
	ap_note n = {.tier = TIER_SALES, .body = (char *)"\xe2\x80\x8b\n\t", .date = (char *)"2027-01-01"};
	assert_int_equal(rec_check(&rec_kinds[REC_NOTE], &n, REC_BY_LABEL, &e), AP_EINPUT);
	assert_string_equal(e.msg, "note has no visible character");
	assert_int_equal(rec_check_entry(rec_field_by_key(&rec_kinds[REC_NOTE], "date"), &n, "date", &e), AP_EINPUT);
	assert_string_equal(e.msg, "date '2027-01-01' is in the future (today is 2026-11-23)");
	/* A meeting may be planned ahead. */
	ap_meeting m = {.date = (char *)"2027-01-01"};
	assert_int_equal(rec_check_entry(rec_field_by_key(&rec_kinds[REC_MEETING], "date"), &m, "--date", &e), AP_OK);
}

/* Issue 11: evidence the writer leaves out (below 0) is the store's to
 * decide in the write's own transaction: the same text again keeps the
 * superseded answer's source and confidence, a new text starts from the
 * defaults, and what is given is kept. */
static void reconfirming_an_answer_keeps_its_evidence(void **state)
{
	struct fixture *f = *state;
	ap_err e = {0};
	long long a1, a2, a3, a4;
	ap_answer a = {.question = (char *)"growth", .value = (char *)"growing", .source = SRC_RESEARCH,
		.confidence = CONF_LOW};
	assert_int_equal(store_answer_put(f->s, f->acme, &a, STORE_REPLACES_NONE, &a1, &e), AP_OK);
	a.source = a.confidence = -1;
	assert_int_equal(store_answer_put(f->s, f->acme, &a, STORE_REPLACES_CURRENT, &a2, &e), AP_OK);
	a.confidence = CONF_HIGH;
	assert_int_equal(store_answer_put(f->s, f->acme, &a, a2, &a3, &e), AP_OK);
	a.value = (char *)"stable";
	a.confidence = -1;
	assert_int_equal(store_answer_put(f->s, f->acme, &a, STORE_REPLACES_CURRENT, &a4, &e), AP_OK);
	ap_answers h = {0};
	assert_int_equal(store_answer_history(f->s, f->acme, "growth", &h, &e), AP_OK);
	assert_int_equal(h.n, 4);
	assert_int_equal(h.v[3].id, a1);
	assert_int_equal(h.v[2].id, a2);   /* re-confirmed: research, low as before */
	assert_int_equal(h.v[2].source, SRC_RESEARCH);
	assert_int_equal(h.v[2].confidence, CONF_LOW);
	assert_int_equal(h.v[1].id, a3);   /* confidence given, source kept */
	assert_int_equal(h.v[1].source, SRC_RESEARCH);
	assert_int_equal(h.v[1].confidence, CONF_HIGH);
	assert_int_equal(h.v[0].id, a4);   /* a new text: the defaults */
	assert_int_equal(h.v[0].source, SRC_CONVERSATION);
	assert_int_equal(h.v[0].confidence, CONF_MEDIUM);
	ap_vec_free(&h, ap_answer_clear);
	/* A first answer has nothing to keep. */
	ap_answer b = {.question = (char *)"business", .value = (char *)"pumps", .source = -1, .confidence = -1};
	assert_int_equal(store_answer_put(f->s, f->acme, &b, STORE_REPLACES_CURRENT, NULL, &e), AP_OK);
	assert_int_equal(store_answer_history(f->s, f->acme, "business", &h, &e), AP_OK);
	assert_int_equal(h.v[0].source, SRC_CONVERSATION);
	assert_int_equal(h.v[0].confidence, CONF_MEDIUM);
	ap_vec_free(&h, ap_answer_clear);
}

static void rec_repair_trims_names_and_strips_controls(void **state)
{
	(void)state;
	ap_buf log = {0};
	ap_account a = {.name = xstrdup("\tAcme \x01"), .industry = xstrdup("ok")};
	assert_int_equal(rec_repair(&rec_kinds[REC_ACCOUNT], &a, "accounts[0]", &log), 1);
	assert_string_equal(a.name, "Acme");
	assert_non_null(strstr(log.s, "accounts[0]: account name"));
	ap_err e = {0};
	a.segment = SEG_OTHER;
	assert_int_equal(rec_check(&rec_kinds[REC_ACCOUNT], &a, REC_BY_LABEL, &e), AP_OK);
	ap_account_clear(&a);
	buf_free(&log);
	char *s = xstrdup("keep\nlines\x07 and \xff bytes");
	assert_int_equal(rec_repair_text(&s, 0, 1), 1);
	assert_string_equal(s, "keep\nlines and ? bytes");
	assert_int_equal(rec_repair_text(&s, 0, 1), 0);
	free(s);
	s = xstrdup("caf\xc3\xa9");
	assert_int_equal(rec_repair_text(&s, 1, 0), 0);
	free(s);
}

static void now_is_the_clients_pinned_clock(void **state)
{
	(void)state;
	char now[21];
	setenv("ACCTPLAN_NOW", "2026-12-01T17:05:09Z", 1);
	ap_now_stamp(now);
	assert_string_equal(now, "2026-12-01T17:05:09Z");
	setenv("ACCTPLAN_NOW", "2026-12-01 07:00", 1);
	ap_now_stamp(now);
	assert_string_equal(now, "2026-12-01T07:00:00Z");
	ap_err e = {0};
	assert_int_equal(ap_now_check(&e), AP_OK);
	setenv("ACCTPLAN_NOW", "2026-12-01T07:60:00Z", 1);
	assert_int_equal(ap_now_check(&e), AP_EINPUT);
	setenv("ACCTPLAN_NOW", "2026-12-01T07:00:00+02", 1);
	assert_int_equal(ap_now_check(&e), AP_EINPUT);
	unsetenv("ACCTPLAN_NOW");
	ap_now_stamp(now);
	assert_string_equal(now, "2026-11-23T00:00:00Z");
	unsetenv("ACCTPLAN_TODAY");
	ap_now_stamp(now);
	assert_int_equal(strlen(now), 20);
	assert_int_equal(now[10], 'T');
	setenv("ACCTPLAN_TODAY", "2026-11-23", 1);
}

/* tests/data/v2.db was written by the release before names were compared by
 * key, which let in C1 controls, bidi overrides, Unicode blanks at either end
 * and names equal but for case beyond ASCII: "Acme" and "Acme\u00a0",
 * "élan" and "ÉLAN", "Sub \u009b31m Co", contacts "Bob\u202e" and
 * "\u3000Ann", a note with U+0085. The upgrade keeps every row, repairs what
 * it can and reports names it must keep although they now compare equal. */
static void version_2_file_repairs_hostile_text_and_keys_names(void **state)
{
	struct fixture *f = *state;
	/* A SQLite file an earlier release wrote; PostgreSQL stores begin at the current schema. */
	UNIT_SQLITE_ONLY();
	char *path = copy_data(f->dir, "v2.db");
	store *s = NULL;
	ap_err e = {0};
	assert_int_equal(store_open(&s, path, STORE_EXISTING, &e), AP_OK);
	assert_int_equal(store_opened_version(s), 2);
	const char *rep = store_repairs(s);
	assert_non_null(strstr(rep, "account #5: account name 'Sub \\u009b31m Co' stored as 'Sub 31m Co'"));
	assert_non_null(strstr(rep, "contact #1: contact name 'Bob\\u202e' stored as 'Bob'"));
	assert_non_null(strstr(rep, "contact #2: contact name '\xe3\x80\x80" "Ann' stored as 'Ann'"));
	assert_non_null(strstr(rep, "note #1: note 'C1 \\u0085 inside' stored as 'C1  inside'"));
	assert_non_null(strstr(rep, "account #2: account name 'Acme\xc2\xa0' kept as it was: repaired it would clash"));
	assert_non_null(strstr(rep, "account #4: name '\xc3\x89LAN' kept, but it is now the same name as account #3 "
		"'\xc3\xa9lan' (names are compared ignoring case and invisible characters): rename one of them"));
	/* Each of the kept pair still answers to its exact name; a new name
	 * equal to either by key is refused. */
	ap_account a = {0};
	assert_int_equal(store_account_get(s, "\xc3\x89LAN", &a, &e), AP_OK);
	assert_int_equal(a.id, 4);
	ap_account_clear(&a);
	assert_int_equal(store_account_get(s, "\xc3\xa9lan", &a, &e), AP_OK);
	assert_int_equal(a.id, 3);
	ap_account_clear(&a);
	assert_int_equal(store_account_get(s, "\xc3\x89lan", &a, &e), AP_OK);
	assert_int_equal(a.id, 3);
	ap_account_clear(&a);
	assert_int_equal(store_account_add(s, "ACME", NULL, -1, NULL, NULL, &e), AP_EINPUT);
	assert_string_equal(e.msg, "account 'ACME' already exists");
	store_close(&s);
	char *v = raw_value(path, "SELECT group_concat(id || '=' || coalesce(name_key, '-'), ',') FROM (SELECT * FROM account ORDER BY id)");
	assert_string_equal(v, "1=acme,2=acme\xc2\xa0,3=\xc3\xa9lan,4=-,5=sub 31m co");
	free(v);
	v = raw_value(path, "SELECT count(*) FROM account");
	assert_string_equal(v, "5");
	free(v);
	free(path);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(every_kind_is_edited_in_place_and_keeps_its_id),
		T(ids_are_never_reused),
		T(edit_of_another_accounts_record_is_unknown),
		T(answers_name_the_answer_they_replace),
		T(racing_first_answers_exactly_one_wins),
		T(a_refused_write_in_a_snapshot_leaves_later_writes_working),
		T(version_1_file_upgrades_keeping_every_row_and_id),
		T(version_2_file_repairs_hostile_text_and_keys_names),
		T(every_kind_has_unique_keys_and_columns),
		T(rec_pick_follows_the_spec),
		T(rec_check_refuses_what_every_writer_refuses),
		T(answers_and_notes_show_something_and_are_not_entered_ahead),
		T(reconfirming_an_answer_keeps_its_evidence),
		T(rec_repair_trims_names_and_strips_controls),
		T(now_is_the_clients_pinned_clock),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
