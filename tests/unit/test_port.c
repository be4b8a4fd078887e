/* test_port.c - import into a real SQLite store: what bulk loading must keep. */
#include "unit_helpers.h"

#include <sqlite3.h>

#include "acctplan/port.h"

typedef struct fx {
	char *dir, *db;
	store *s;
	qbank qb;
} fx;

static int setup(void **state)
{
	fx *x = xcalloc(1, sizeof *x);
	ap_err e = {0};
	x->dir = make_tmpdir();
	x->db = xasprintf("%s/t.db", x->dir);
	assert_int_equal(store_open(&x->s, x->db, STORE_CREATE, &e), AP_OK);
	char *assets = assets_dir();
	char *q = xasprintf("%s/questions.ini", assets);
	assert_int_equal(qbank_load(&x->qb, q, NULL, &e), AP_OK);
	free(q);
	free(assets);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	fx *x = *state;
	qbank_free(&x->qb);
	store_close(&x->s);
	free(x->db);
	rm_tree(x->dir);
	free(x);
	return 0;
}

static int import_text(fx *x, const char *text, ap_err *e)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(f);
	int rc = port_import(x->s, &x->qb, f, "t.json", NULL, NULL, e);
	fclose(f);
	return rc;
}

/* The i-th name of t, wrapping around. */
static const char *nth(const ap_names *t, int i) { return t->names[i % t->count]; }

/* One account per segment; in each, one record per name of every other
 * enumeration the schema checks (sources, roles, tiers, trends...). */
static char *every_name_document(void)
{
	ap_buf b = {0};
	buf_puts(&b, "{\"acctplan_export\": 1, \"schema\": 1, \"accounts\": [");
	for (int a = 0; a < ap_segments.count; a++) {
		buf_printf(&b, "%s{\"name\": \"A%d\", \"segment\": \"%s\", \"answers\": [", a ? ", " : "", a, nth(&ap_segments, a));
		for (int i = 0; i < ap_sources.count * ap_confidences.count; i++)
			buf_printf(&b, "%s{\"question\": \"business\", \"value\": \"v%d\", \"source\": \"%s\","
				" \"confidence\": \"%s\", \"date\": \"2026-01-01\"}", i ? ", " : "", i,
				nth(&ap_sources, i), nth(&ap_confidences, i / ap_sources.count));
		buf_puts(&b, "], \"contacts\": [");
		for (int i = 0; i < ap_roles.count * ap_tiers.count; i++)
			buf_printf(&b, "%s{\"name\": \"C%d\", \"role\": \"%s\", \"tier\": \"%s\"}", i ? ", " : "", i,
				nth(&ap_roles, i), nth(&ap_tiers, i / ap_roles.count));
		buf_puts(&b, "], \"end_customers\": [");
		for (int i = 0; i < ap_trends.count; i++)
			buf_printf(&b, "%s{\"name\": \"E%d\", \"trend\": \"%s\"}", i ? ", " : "", i, nth(&ap_trends, i));
		buf_puts(&b, "], \"meetings\": [");
		for (int i = 0; i < ap_tiers.count * ap_meetkinds.count * ap_news.count; i++)
			buf_printf(&b, "%s{\"date\": \"2026-02-01\", \"tier\": \"%s\", \"kind\": \"%s\", \"news\": \"%s\"}",
				i ? ", " : "", nth(&ap_tiers, i), nth(&ap_meetkinds, i / ap_tiers.count),
				nth(&ap_news, i / (ap_tiers.count * ap_meetkinds.count)));
		buf_puts(&b, "], \"notes\": [");
		for (int i = 0; i < ap_tiers.count; i++)
			buf_printf(&b, "%s{\"date\": \"2026-03-01\", \"tier\": \"%s\", \"text\": \"n%d\"}", i ? ", " : "",
				nth(&ap_tiers, i), i);
		buf_puts(&b, "]}");
	}
	buf_puts(&b, "]}");
	return buf_steal(&b);
}

/* What PRAGMA integrity_check says of the file. It checks every CHECK
 * constraint too, but only on a connection that may write (SQLite 3.40). */
static char *integrity(const char *db)
{
	sqlite3 *raw;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(db, &raw, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return v;
}

/* Bulk loading skips the schema's CHECK constraints, trusting that every
 * name the store binds is one they allow: prove it for every name. */
static void import_stores_only_values_the_schema_checks_allow(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	char *doc = every_name_document();
	int rc = import_text(x, doc, &e);
	free(doc);
	if (rc)
		fail_msg("import: %s", e.msg);
	store_close(&x->s);
	expect_str(integrity(x->db), "ok", "integrity check after import");
}

/* The check above can fail: a value no CHECK allows, written behind the store's back. */
static void integrity_check_finds_a_value_outside_a_check_list(void **state)
{
	fx *x = *state;
	store_close(&x->s);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(x->db, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA ignore_check_constraints = ON;"
		" INSERT INTO account(name, segment, created) VALUES ('X', 'huge', '2026-01-01')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	char *got = integrity(x->db);
	assert_contains(got, "CHECK constraint failed in account");
	free(got);
}

static long notes_of(fx *x, const char *account)
{
	ap_err e = {0};
	ap_account a = {0};
	ap_notes notes = {0};
	assert_int_equal(store_account_get(x->s, account, &a, &e), AP_OK);
	assert_int_equal(store_note_list(x->s, a.id, &notes, &e), AP_OK);
	long n = (long)notes.n;
	ap_vec_free(&notes, ap_note_clear);
	ap_account_clear(&a);
	return n;
}

/* A failed import stages notes before it fails; none of them may reach the
 * next import, and the store checks its constraints again afterwards. */
static void import_after_a_failed_one_stores_only_its_own_notes(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	assert_int_equal(import_text(x, "{\"acctplan_export\": 1, \"accounts\": ["
		"{\"name\": \"Good\", \"notes\": [{\"date\": \"2026-03-01\", \"tier\": \"sales\", \"text\": \"staged\"}]},"
		"{\"name\": \"Bad\", \"segment\": \"huge\"}]}", &e), AP_EINPUT);
	assert_contains(e.msg, "unknown segment 'huge'");
	assert_int_equal(import_text(x, "{\"acctplan_export\": 1, \"accounts\": ["
		"{\"name\": \"Good\", \"notes\": [{\"date\": \"2026-03-02\", \"tier\": \"product\", \"text\": \"kept\"}]}]}", &e),
		AP_OK);
	assert_int_equal(notes_of(x, "Good"), 1);
	store_close(&x->s);
	expect_str(integrity(x->db), "ok", "integrity check after import");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(import_stores_only_values_the_schema_checks_allow, setup, teardown),
		cmocka_unit_test_setup_teardown(integrity_check_finds_a_value_outside_a_check_list, setup, teardown),
		cmocka_unit_test_setup_teardown(import_after_a_failed_one_stores_only_its_own_notes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
