/* test_ini.c - INI files: values from real iniparser, lines and duplicates from our scan. */
#include "unit_helpers.h"
#include "acctplan/ini.h"

static int make_dir(void **state)
{
	*state = make_tmpdir();
	return 0;
}

static int remove_dir(void **state)
{
	rm_tree(*state);
	return 0;
}

/* Load text written to a file of the test's folder; *path gets its name (caller frees). */
static int load_text(void **state, const char *text, ini_doc **d, char **path, ap_err *e)
{
	*path = write_tmp(*state, "t.ini", text);
	return ini_load(d, *path, e);
}

static void ini_reads_values_and_the_line_of_every_section_and_key(void **state)
{
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state,
		"; comment\n"
		"# another comment\n"
		"[store]\n"
		"path = ~/plans.db\n"
		"\n"
		"[user]\n"
		"  name   =   Dana Reyes  \n"
		"tier = product ; trailing comment\n", &d, &path, &e), AP_OK);
	assert_string_equal(ini_path(d), path);
	assert_int_equal(ini_section_count(d), 2);
	assert_string_equal(ini_section_name(d, 0), "store");
	assert_string_equal(ini_section_name(d, 1), "user");
	assert_int_equal(ini_section_line(d, "store"), 3);
	assert_int_equal(ini_section_line(d, "user"), 6);
	assert_int_equal(ini_line(d, "store", "path"), 4);
	assert_int_equal(ini_line(d, "user", "name"), 7);
	assert_int_equal(ini_line(d, "user", "tier"), 8);
	assert_int_equal(ini_line(d, "user", "absent"), 6);   /* falls back to the section */
	assert_string_equal(ini_value(d, "store", "path"), "~/plans.db");
	assert_string_equal(ini_value(d, "user", "name"), "Dana Reyes");
	assert_string_equal(ini_value(d, "user", "tier"), "product");
	assert_null(ini_value(d, "user", "absent"));
	assert_null(ini_value(d, "nosection", "name"));
	assert_int_equal(ini_key_count(d, "user"), 2);
	assert_string_equal(ini_key_name(d, "user", 0), "name");
	assert_string_equal(ini_key_name(d, "user", 1), "tier");
	assert_null(ini_key_name(d, "user", 2));
	assert_int_equal(ini_key_count(d, "nosection"), 0);
	ini_free(&d);
	assert_null(d);
	free(path);
}

static void ini_reads_windows_line_endings(void **state)
{
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state, "[user]\r\nname = Dana\r\n\r\ntier = product\r\n", &d, &path, &e), AP_OK);
	assert_string_equal(ini_value(d, "user", "name"), "Dana");
	assert_int_equal(ini_line(d, "user", "tier"), 4);
	ini_free(&d);
	free(path);
}

static void ini_lowercases_section_and_key_names(void **state)
{
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state, "[Question.Growth]\nTier = Sales\n", &d, &path, &e), AP_OK);
	assert_string_equal(ini_section_name(d, 0), "question.growth");
	assert_string_equal(ini_key_name(d, "question.growth", 0), "tier");
	assert_string_equal(ini_value(d, "question.growth", "tier"), "Sales");   /* values keep their case */
	ini_free(&d);
	free(path);
}

static void ini_strips_quotes_keeps_semicolons_inside_them_and_passes_utf8(void **state)
{
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state,
		"[user]\n"
		"name = \"Zo\xc3\xab ; Ng\xc3\xb4 \xe6\x97\xa5\"\n"
		"tier = 'product'\n", &d, &path, &e), AP_OK);
	assert_string_equal(ini_value(d, "user", "name"), "Zo\xc3\xab ; Ng\xc3\xb4 \xe6\x97\xa5");
	assert_string_equal(ini_value(d, "user", "tier"), "product");
	ini_free(&d);
	free(path);
}

static void ini_reports_duplicate_key_with_both_lines(void **state)
{
	ini_doc *d = (ini_doc *)1;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state, "[user]\nname = A\ntier = sales\n\nName = B\n", &d, &path, &e), AP_EINPUT);
	assert_null(d);
	assert_file_error(&e, path, 5, "duplicate key 'name' in [user] (first at line 2)");
	free(path);
}

static void ini_reports_duplicate_section_with_both_lines(void **state)
{
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state, "[store]\npath = a\n[user]\nname = x\n[STORE]\n", &d, &path, &e), AP_EINPUT);
	assert_file_error(&e, path, 5, "duplicate section [store] (first at line 1)");
	free(path);
}

static void ini_same_key_in_two_sections_is_not_a_duplicate(void **state)
{
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state, "[questions]\nfile = a.ini\n[rules]\nfile = b.ini\n", &d, &path, &e), AP_OK);
	assert_string_equal(ini_value(d, "questions", "file"), "a.ini");
	assert_string_equal(ini_value(d, "rules", "file"), "b.ini");
	ini_free(&d);
	free(path);
}

static void ini_reports_syntax_errors_with_their_line(void **state)
{
	static const struct { const char *text; int line; const char *msg; } cases[] = {
		{"[user]\nname = x\n[store\n", 3, "section header without closing ']'"},
		{"[ ]\n", 1, "empty section name"},
		{"[a:b]\nk = v\n", 1, "section name 'a:b' contains ':'; use '.' instead"},
		{"[user]\njust words\n", 2, "expected 'key = value' or '[section]'"},
		{"[user]\n= value\n", 2, "missing key before '='"},
		{"; header\nname = x\n[user]\n", 2, "key 'name' is outside any [section]"},
		{"[user]\nname = Bad\xff\n", 2, "line is not valid UTF-8"},
		{"\xef\xbb\xbf[user]\nname = x\n", 1, "file starts with a byte-order mark; save it as UTF-8 without BOM"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ini_doc *d;
		char *path;
		ap_err e = {0};
		assert_int_equal(load_text(state, cases[i].text, &d, &path, &e), AP_EINPUT);
		assert_file_error(&e, path, cases[i].line, cases[i].msg);
		free(path);
	}
}

static void ini_reports_a_nul_byte_with_its_line(void **state)
{
	char *path = xasprintf("%s/nul.ini", (char *)*state);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite("[user]\nname = a\0b\n", 1, 18, f);
	fclose(f);
	ini_doc *d;
	ap_err e = {0};
	assert_int_equal(ini_load(&d, path, &e), AP_EINPUT);
	assert_file_error(&e, path, 2, "line contains a NUL byte");
	free(path);
}

/* Write "[user]\nname = xxx..." whose second line holds `content` bytes,
 * with or without a final newline. */
static char *long_line_file(const char *dir, size_t content, int newline)
{
	char *path = xasprintf("%s/long.ini", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("[user]\nname = ", f);
	for (size_t i = 7; i < content; i++)
		fputc('x', f);
	if (newline)
		fputc('\n', f);
	fclose(f);
	return path;
}

/* iniparser refuses a whole file over a long line without saying which; every
 * length either loads or is reported by us with its file and line, never with
 * iniparser's own message. */
static void ini_line_limit_is_reported_with_file_and_line_at_every_length(void **state)
{
	for (size_t len = 1015; len <= 1030; len++) {
		for (int nl = 0; nl <= 1; nl++) {
			char *path = long_line_file(*state, len, nl);
			ini_doc *d = NULL;
			ap_err e = {0};
			int rc = ini_load(&d, path, &e);
			if (rc == AP_OK) {
				assert_int_equal(strlen(ini_value(d, "user", "name")), len - 7);
				ini_free(&d);
			} else {
				char *head = xasprintf("%s:2: line is longer than", path);
				if (strncmp(e.msg, head, strlen(head)) != 0)
					fail_msg("%zu bytes%s: %s", len, nl ? " and a newline" : "", e.msg);
				free(head);
			}
			free(path);
		}
	}
}

static void ini_line_limit_message_names_the_longest_accepted_line(void **state)
{
	/* The longest line that loads must not be longer than the limit the message states. */
	size_t longest = 0;
	ap_err e = {0};
	for (size_t len = 1000; len <= 1030; len++) {
		char *path = long_line_file(*state, len, 1);
		ini_doc *d = NULL;
		if (ini_load(&d, path, &e) == AP_OK)
			longest = len;
		ini_free(&d);
		free(path);
	}
	char *path = long_line_file(*state, 1100, 1);
	ini_doc *d;
	assert_int_equal(ini_load(&d, path, &e), AP_EINPUT);
	char *want = xasprintf("%s:2: line is longer than %zu bytes", path, longest);
	assert_string_equal(e.msg, want);
	free(want);
	free(path);
}

static void ini_missing_file_says_it_cannot_be_read(void **state)
{
	char *path = xasprintf("%s/absent.ini", (char *)*state);
	ini_doc *d;
	ap_err e = {0};
	assert_int_equal(ini_load(&d, path, &e), AP_EINPUT);
	char *want = xasprintf("cannot read '%s': No such file or directory", path);
	assert_string_equal(e.msg, want);
	free(want);
	free(path);
}

static void ini_directory_is_refused_not_read_as_empty(void **state)
{
	ini_doc *d = NULL;
	ap_err e = {0};
	int rc = ini_load(&d, *state, &e);
	ini_free(&d);
	assert_int_equal(rc, AP_EINPUT);
	assert_contains(e.msg, "Is a directory");
	assert_contains(e.msg, (char *)*state);
}

static void ini_check_keys_names_the_unknown_key_and_its_line(void **state)
{
	static const char *const allowed[] = {"name", "tier", NULL};
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state, "[user]\nname = a\n\ncolour = red\n", &d, &path, &e), AP_OK);
	assert_int_equal(ini_check_keys(d, "user", allowed, &e), AP_EINPUT);
	assert_file_error(&e, path, 4, "unknown key 'colour' in [user]");
	assert_int_equal(ini_check_keys(d, "absent", allowed, &e), AP_OK);
	ini_free(&d);
	free(path);
}

static void ini_error_formats_file_line_and_message(void **state)
{
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state, "[a]\n", &d, &path, &e), AP_OK);
	assert_int_equal(ini_error(d, 7, &e, "bad %s", "thing"), AP_EINPUT);
	assert_file_error(&e, path, 7, "bad thing");
	ini_free(&d);
	free(path);
}

static void ini_bool_accepts_yes_and_no_words_in_any_case(void **state)
{
	(void)state;
	const char *yes[] = {"true", "YES", "On", "1"}, *no[] = {"false", "No", "OFF", "0"};
	for (int i = 0; i < 4; i++) {
		assert_int_equal(ini_bool(yes[i]), 1);
		assert_int_equal(ini_bool(no[i]), 0);
	}
	assert_int_equal(ini_bool("maybe"), -1);
	assert_int_equal(ini_bool(""), -1);
	assert_int_equal(ini_bool(NULL), -1);
}

static void ini_empty_file_has_no_sections(void **state)
{
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state, "", &d, &path, &e), AP_OK);
	assert_int_equal(ini_section_count(d), 0);
	ini_free(&d);
	ini_free(&d);   /* freeing twice is harmless: the pointer was cleared */
	free(path);
}

static void ini_continued_line_is_one_value_and_the_next_key_keeps_its_line(void **state)
{
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state, "[rule.x]\nmessage = first half \\\nsecond half\nquestions = business\n",
		&d, &path, &e), AP_OK);
	assert_int_equal(ini_key_count(d, "rule.x"), 2);
	assert_string_equal(ini_value(d, "rule.x", "questions"), "business");
	assert_int_equal(ini_line(d, "rule.x", "questions"), 4);
	assert_non_null(strstr(ini_value(d, "rule.x", "message"), "second half"));
	ini_free(&d);
	free(path);
}

static void ini_refuses_what_iniparser_would_misread(void **state)
{
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state, "[a]\nx = 1\n[b] = 3\n", &d, &path, &e), AP_EINPUT);
	assert_file_error(&e, path, 3, "text after the ']' of a section header");
	free(path);
	assert_int_equal(load_text(state, "[a]\nx = 1 \\\n", &d, &path, &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "ends with '\\'"));
	free(path);
}

/* iniparser keeps joining over a blank line when what it has joined so far
 * still ends in '\\' (a value ending in two backslashes): the key after the
 * blank line is part of that value, not a key of its own. */
static void ini_blank_line_after_two_backslashes_joins_as_iniparser_does(void **state)
{
	ini_doc *d;
	char *path;
	ap_err e = {0};
	assert_int_equal(load_text(state, "[a]\nk = a\\\\\n\nk2 = v\nk3 = w\n; c:\\dir\\\\\n\n[b]\nx = 1\n",
		&d, &path, &e), AP_OK);
	assert_int_equal(ini_key_count(d, "a"), 3);
	assert_string_equal(ini_value(d, "a", "k"), "ak2 = v");
	assert_null(ini_value(d, "a", "k2"));
	assert_string_equal(ini_key_name(d, "a", 1), "k3");
	assert_int_equal(ini_line(d, "a", "k3"), 5);
	/* The comment swallows "[b]", so x belongs to [a]. */
	assert_int_equal(ini_section_count(d), 1);
	assert_string_equal(ini_key_name(d, "a", 2), "x");
	assert_string_equal(ini_value(d, "a", "x"), "1");
	assert_int_equal(ini_line(d, "a", "x"), 9);
	ini_free(&d);
	free(path);
}

/* Write a file of exactly size bytes: a section, then comment lines. */
static char *file_of_size(const char *dir, long size)
{
	char *path = xasprintf("%s/big.ini", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("[a]\nk = v\n", f);
	long n = 10;
	for (; n + 64 <= size; n += 64)
		fprintf(f, ";%62s\n", "");
	for (; n < size; n++)
		fputc(n + 1 < size ? ' ' : '\n', f);
	assert_int_equal(ftell(f), size);
	fclose(f);
	return path;
}

static void ini_file_at_the_size_limit_loads_and_one_byte_more_is_refused(void **state)
{
	char *path = file_of_size(*state, INI_FILE_MAX);
	ini_doc *d;
	ap_err e = {0};
	assert_int_equal(ini_load(&d, path, &e), AP_OK);
	assert_string_equal(ini_value(d, "a", "k"), "v");
	ini_free(&d);
	free(path);

	path = file_of_size(*state, INI_FILE_MAX + 1L);
	assert_int_equal(ini_load(&d, path, &e), AP_EINPUT);
	assert_null(d);
	char *want = xasprintf("%s: is %ld bytes; the limit is %d bytes (8 MiB)", path, INI_FILE_MAX + 1L,
		INI_FILE_MAX);
	assert_string_equal(e.msg, want);
	free(want);
	free(path);
}

/* A device or a pipe has no size to check first: it is read up to the limit
 * and no further (it used to be read until memory ran out). */
static void ini_endless_device_is_refused_at_the_size_limit(void **state)
{
	(void)state;
	ini_doc *d;
	ap_err e = {0};
	assert_int_equal(ini_load(&d, "/dev/zero", &e), AP_EINPUT);
	char *want = xasprintf("/dev/zero: is more than %d bytes; the limit is %d bytes (8 MiB)", INI_FILE_MAX,
		INI_FILE_MAX);
	assert_string_equal(e.msg, want);
	free(want);
}

/* Write [user] with keys k0..k(nkeys-1) = vI, every seventh one continued on
 * a second line, then nsections sections [rule.rI] with one key each; the
 * last key's line and the line before the last section's header are set. */
static char *big_file(const char *dir, int nkeys, int nsections, int *last_key_line, int *last_section_line)
{
	char *path = xasprintf("%s/many.ini", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	int line = 1;
	fputs("; many keys\n[user]\n", f);
	line += 2;
	for (int i = 0; i < nkeys; i++) {
		*last_key_line = line;
		if (i % 7 == 3) {
			fprintf(f, "K%d = value %d \\\n  continued\n", i, i);
			line += 2;
		} else {
			fprintf(f, "k%d = v%d\n", i, i);
			line++;
		}
	}
	for (int i = 0; i < nsections; i++) {
		*last_section_line = line;
		fprintf(f, "\n[rule.r%d]\nkind = k%d\n", i, i);
		line += 3;
	}
	fclose(f);
	return path;
}

static void ini_large_file_keeps_every_value_and_line(void **state)
{
	enum { NKEYS = 40000, NSECTIONS = 20000 };
	int key_line = 0, section_line = 0;
	char *path = big_file(*state, NKEYS, NSECTIONS, &key_line, &section_line);
	ini_doc *d;
	ap_err e = {0};
	assert_int_equal(ini_load(&d, path, &e), AP_OK);
	assert_int_equal(ini_section_count(d), 1 + NSECTIONS);
	assert_int_equal(ini_key_count(d, "user"), NKEYS);
	/* The last key of the 40,000, and its line. */
	char name[32];
	snprintf(name, sizeof name, "k%d", NKEYS - 1);
	assert_string_equal(ini_key_name(d, "user", NKEYS - 1), name);
	assert_string_equal(ini_value(d, "user", name), "v39999");
	assert_int_equal(ini_line(d, "user", name), key_line);
	/* Every value, continued ones included (iniparser keeps the blanks on
	 * both sides of the join), whatever piece of the file it was read in. */
	for (int i = 0; i < NKEYS; i++) {
		char want[48];
		snprintf(name, sizeof name, "k%d", i);
		snprintf(want, sizeof want, i % 7 == 3 ? "value %d   continued" : "v%d", i);
		const char *v = ini_value(d, "user", name);
		if (!v || strcmp(v, want) != 0)
			fail_msg("%s: expected '%s', got '%s'", name, want, v ? v : "(none)");
	}
	assert_int_equal(ini_line(d, "user", "k0"), 3);
	assert_null(ini_value(d, "user", "k40000"));
	assert_int_equal(ini_line(d, "user", "k40000"), 2);
	snprintf(name, sizeof name, "rule.r%d", NSECTIONS - 1);
	assert_string_equal(ini_section_name(d, NSECTIONS), name);
	assert_int_equal(ini_section_line(d, name), section_line + 1);
	assert_int_equal(ini_line(d, name, "kind"), section_line + 2);
	assert_string_equal(ini_value(d, name, "kind"), "k19999");
	assert_null(ini_value(d, name, "k19999"));
	ini_free(&d);
	free(path);
}

static void ini_large_file_reports_a_late_duplicate_with_both_lines(void **state)
{
	int key_line = 0, section_line = 0;
	char *path = big_file(*state, 40000, 2, &key_line, &section_line);
	FILE *f = fopen(path, "ab");
	assert_non_null(f);
	fputs("[USER]\n", f);
	fclose(f);
	ini_doc *d;
	ap_err e = {0};
	assert_int_equal(ini_load(&d, path, &e), AP_EINPUT);
	assert_file_error(&e, path, section_line + 3, "duplicate section [user] (first at line 2)");
	free(path);

	path = big_file(*state, 40000, 0, &key_line, &section_line);
	f = fopen(path, "ab");
	assert_non_null(f);
	fputs("k17 = again\n", f);
	fclose(f);
	assert_int_equal(ini_load(&d, path, &e), AP_EINPUT);
	assert_file_error(&e, path, key_line + 1, "duplicate key 'k17' in [user] (first at line 22)");
	free(path);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, make_dir, remove_dir)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(ini_reads_values_and_the_line_of_every_section_and_key),
		T(ini_reads_windows_line_endings),
		T(ini_lowercases_section_and_key_names),
		T(ini_strips_quotes_keeps_semicolons_inside_them_and_passes_utf8),
		T(ini_reports_duplicate_key_with_both_lines),
		T(ini_reports_duplicate_section_with_both_lines),
		T(ini_same_key_in_two_sections_is_not_a_duplicate),
		T(ini_reports_syntax_errors_with_their_line),
		T(ini_reports_a_nul_byte_with_its_line),
		T(ini_line_limit_is_reported_with_file_and_line_at_every_length),
		T(ini_line_limit_message_names_the_longest_accepted_line),
		T(ini_missing_file_says_it_cannot_be_read),
		T(ini_directory_is_refused_not_read_as_empty),
		T(ini_check_keys_names_the_unknown_key_and_its_line),
		T(ini_error_formats_file_line_and_message),
		T(ini_bool_accepts_yes_and_no_words_in_any_case),
		T(ini_empty_file_has_no_sections),
		T(ini_continued_line_is_one_value_and_the_next_key_keeps_its_line),
		T(ini_refuses_what_iniparser_would_misread),
		T(ini_blank_line_after_two_backslashes_joins_as_iniparser_does),
		T(ini_file_at_the_size_limit_loads_and_one_byte_more_is_refused),
		T(ini_endless_device_is_refused_at_the_size_limit),
		T(ini_large_file_keeps_every_value_and_line),
		T(ini_large_file_reports_a_late_duplicate_with_both_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
