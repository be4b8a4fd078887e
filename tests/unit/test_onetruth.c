/* test_onetruth.c - each record is described once: in the field tables of
 * src/record.c (and, for the SQLite schema, its migrations in src/store.c).
 *
 * The sources are read as text and their string literals checked against
 * rec_kinds itself, so the test follows the tables as they grow:
 *  - no literal lists two columns of one record kind ("id, name", "x.tier,
 *    x.held_on"): a column list written by hand is a second description;
 *  - in the code that reads, writes, lists or edits records, no run of
 *    literals (each within two lines of the last) is all JSON keys of one
 *    kind ({"date", "value"} as listing columns, jw_kstr(w, "name", ...)
 *    then jw_kstr(w, "industry", ...)).
 * Exempt: the tables, the schemas (SQLite's migrations, PostgreSQL's
 * schema, the search views of both), and the rules' and reports' fact
 * queries (src/store_facts.c, src/store_report.c), which project the few
 * columns a set-based report needs rather than describe a record, and the
 * review tables' own statements (src/store_reviews.c): a review is no
 * record kind, its tables are described there alone, and their columns
 * share names with records' (account_id, created_at, review_id). The
 * records a review lists (its actions, snoozes) are read with their
 * tables' columns there too. */
#include <dirent.h>

#include "unit_helpers.h"
#include "acctplan/record.h"

static const char *const exempt[] = {"src/record.c", "src/store.c", "src/store_pg_schema.c", "src/store_facts.c",
	"src/store_report.c", "src/store_reviews.c"};

/* Files that handle records as records, where their keys must come from the tables. */
static const char *const record_code[] = {
	"src/port.c", "src/cli_rec.c", "src/cli_accounts.c", "src/cli_answers.c", "src/cli_records.c",
	"src/cli_notes.c", "src/store_records.c", "src/store_stream.c", "src/store_sql.c",
	"ui/recedit.c", "ui/view_records.c", "ui/view_meetings.c", "ui/view_notes.c", "ui/view_orgmap.c",
	"ui/view_accounts.c",
};

static int listed(const char *path, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(path, list[i]) == 0)
			return 1;
	return 0;
}

/* Kinds (a bit each) having a column, or a JSON key, named by s. */
static unsigned kinds_with(const char *s, size_t n, int json)
{
	unsigned bits = 0;
	for (int k = 0; k < REC_NKINDS; k++)
		for (int i = 0; i < rec_kinds[k].nfields; i++) {
			const char *name = json ? rec_kinds[k].fields[i].key : rec_kinds[k].fields[i].col;
			if (name && strlen(name) == n && memcmp(name, s, n) == 0)
				bits |= 1u << k;
		}
	return bits;
}

static int is_word(char c) { return c == '_' || (c >= 'a' && c <= 'z'); }

/* Kinds having the identifier that ends at `end` (after an optional "x."),
 * when it stands alone: not a function's argument or part of a longer word. */
static unsigned column_before(const char *start, const char *end)
{
	const char *w = end;
	while (w > start && is_word(w[-1]))
		w--;
	if (w == end || (w > start && w[-1] != ' ' && w[-1] != '(' && w[-1] != '.'))
		return 0;
	if (w - start >= 2 && w[-1] == '.' && w[-2] != 'x')
		return 0;
	return kinds_with(w, (size_t)(end - w), 0);
}

/* The same for the identifier that starts at `p`, up to a blank or the end. */
static unsigned column_after(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	if (end - p > 2 && p[0] == 'x' && p[1] == '.')
		p += 2;
	const char *e = p;
	while (e < end && is_word(*e))
		e++;
	if (e == p || (e < end && *e != ' ' && *e != ')'))
		return 0;
	return kinds_with(p, (size_t)(e - p), 0);
}

/* Is the literal SQL (an uppercase keyword), not a sentence of help? */
static int is_sql(const char *lit)
{
	static const char *const words[] = {"SELECT ", "INSERT ", "UPDATE ", "DELETE ", " WHERE ", "ORDER BY",
		"GROUP BY", " VALUES", "ON CONFLICT", " FROM "};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(lit, words[i]))
			return 1;
	return 0;
}

/* A comma list inside one SQL literal naming two columns of one kind side by side. */
static int column_list(const char *lit, const char **what)
{
	if (!is_sql(lit))
		return 0;
	for (const char *c = strchr(lit, ','); c; c = strchr(c + 1, ',')) {
		const char *next = strchr(c + 1, ',');
		if (column_before(lit, c) & column_after(c + 1, next ? next : c + 1 + strlen(c + 1))) {
			*what = c;
			return 1;
		}
	}
	return 0;
}

struct lit {
	char *text;
	long line;
	long stmt;   /* how many ';' came before it: literals of one statement share it */
};

/* The string literals of a C file, comments and character constants skipped. */
static size_t literals(const char *src, struct lit **out)
{
	size_t n = 0, cap = 0;
	long line = 1, stmt = 0;
	*out = NULL;
	for (const char *p = src; *p; p++) {
		if (*p == '\n')
			line++;
		else if (*p == ';')
			stmt++;
		else if (p[0] == '/' && p[1] == '*') {
			for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
				line += *p == '\n';
			if (!*p)
				break;
			p++;
		} else if (p[0] == '/' && p[1] == '/') {
			while (p[1] && p[1] != '\n')
				p++;
		} else if (*p == '\'') {
			for (p++; *p && *p != '\''; p++)
				p += *p == '\\' && p[1];
		} else if (*p == '"') {
			ap_buf b = {0};
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && p[1])
					p++;
				buf_add(&b, p, 1);
			}
			if (n == cap)
				*out = xrealloc(*out, (cap = cap ? 2 * cap : 64) * sizeof **out);
			(*out)[n].text = b.s ? buf_steal(&b) : xstrdup("");
			(*out)[n].stmt = stmt;
			(*out)[n++].line = line;
			if (!*p)
				break;
		}
	}
	return n;
}

static int check_file(const char *path, int records, ap_buf *report)
{
	char *src;
	size_t len;
	ap_err e;
	if (ap_read_file(path, &src, &len, &e))
		fail_msg("%s", e.msg);
	struct lit *l;
	size_t n = literals(src, &l);
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const char *what;
		if (column_list(l[i].text, &what)) {
			buf_printf(report, "%s:%ld: a column list of a record: \"%.60s\"\n", path, l[i].line, l[i].text);
			bad++;
		}
	}
	/* In one statement (an initializer, a call), two or more literals that
	 * are all JSON keys of one kind: a listing's columns written by hand. A
	 * statement with any other word ("type", "versions") describes
	 * something else, such as a question of the bank. Across statements,
	 * one key each, a kind's keys one after another (within two lines): its
	 * members written one by one (jw_kstr(w, "name", ...); then "industry"). */
	for (size_t i = 0; records && i < n;) {
		size_t j = i + 1;
		unsigned kinds = kinds_with(l[i].text, strlen(l[i].text), 1);
		while (j < n && l[j].stmt == l[i].stmt)
			kinds &= kinds_with(l[j].text, strlen(l[j].text), 1), j++;
		int alone = j - i == 1, next_alone = j < n && (j + 1 == n || l[j + 1].stmt != l[j].stmt);
		if (kinds && !alone) {
			buf_printf(report, "%s:%ld: JSON keys of a record written by hand: \"%s\", \"%s\"...\n", path,
				l[i].line, l[i].text, l[i + 1].text);
			bad++;
		} else if (kinds && alone && next_alone && l[j].line - l[i].line <= 2 &&
		           (kinds & kinds_with(l[j].text, strlen(l[j].text), 1))) {
			buf_printf(report, "%s:%ld: JSON keys of a record written one by one: \"%s\" then \"%s\"\n", path,
				l[i].line, l[i].text, l[j].text);
			bad++;
		}
		i = j;
	}
	for (size_t i = 0; i < n; i++)
		free(l[i].text);
	free(l);
	free(src);
	return bad;
}

static int check_dir(const char *dir, ap_buf *report)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int bad = 0, files = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 3 || strcmp(de->d_name + n - 2, ".c") != 0)
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		if (!listed(path, exempt, sizeof exempt / sizeof exempt[0])) {
			bad += check_file(path, listed(path, record_code, sizeof record_code / sizeof record_code[0]), report);
			files++;
		}
		free(path);
	}
	closedir(d);
	assert_true(files > 5);
	return bad;
}

static void records_are_described_only_in_their_tables(void **state)
{
	(void)state;
	ap_buf report = {0};
	int bad = check_dir("src", &report) + check_dir("ui", &report);
	if (bad) {
		fputs(report.s, stderr);
		fail_msg("%d place(s) describe record fields outside src/record.c (listed above)", bad);
	}
	buf_free(&report);
}

/* The checks themselves catch what they are meant to. */
static void the_checks_find_a_hand_written_description(void **state)
{
	(void)state;
	const char *what;
	assert_true(column_list("SELECT x.id, x.name, x.industry FROM account x", &what));
	assert_true(column_list("INSERT INTO note(account_id, tier, author) VALUES", &what));
	assert_false(column_list("SELECT count(*) FROM account WHERE lower(name) = lower(?1)", &what));
	assert_false(column_list("acctplan: unknown account, see 'account list'", &what));
	assert_false(column_list("every record's id, version and timestamps", &what));
	ap_buf report = {0};
	char *dir = make_tmpdir();
	char *path = write_tmp(dir, "fake.c",
		"static const char *const cols[] = {\"date\", \"value\", \"source\"};\n"
		"/* \"id, name\" in a comment is fine */\n");
	struct lit *l;
	char *src;
	size_t len;
	ap_err e;
	assert_int_equal(ap_read_file(path, &src, &len, &e), AP_OK);
	assert_int_equal(literals(src, &l), 3);
	assert_string_equal(l[1].text, "value");
	for (int i = 0; i < 3; i++)
		free(l[i].text);
	free(l);
	free(src);
	assert_int_equal(check_file(path, 1, &report), 1);
	assert_non_null(strstr(report.s, "\"date\", \"value\""));
	free(path);
	path = write_tmp(dir, "other.c",
		"static const char *const cols[] = {\"id\", \"tier\", \"type\", \"options\"};\n"
		"jw_kstr(w, \"name\", a->name);\njw_kstr(w, \"industry\", a->industry);\n"
		"static const char sql[] = \"SELECT x.id, x.name FROM account x\";\n");
	assert_int_equal(check_file(path, 1, &report), 2);
	free(path);
	rm_tree(dir);
	buf_free(&report);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_checks_find_a_hand_written_description),
		cmocka_unit_test(records_are_described_only_in_their_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
