/* test_output.c - tables printed whole (out_print) and as their rows come
 * (out_open): the same bytes in every format, at any length. */
#include "unit_helpers.h"

#include <math.h>

#include "acctplan/model.h"
#include "acctplan/output.h"

static const char *const cols[] = {"name", "count", "share_pct", "active", "amount"};
#define NCOLS 5

/* Row i: text with a line break, a tab, a formula's sign, a comma and
 * quotes, or wide characters; nulls; numbers; a real that is NaN. */
static void fill_row(out_table *t, size_t i)
{
	static const char *const names[] = {"Acme", "two\nlines", "tab\there", "=SUM(A1)", "a, \"quoted\"",
		"\xe6\x97\xa5\xe6\x9c\xac", NULL};
	out_str(t, names[i % 7]);
	out_int(t, (long long)i * 37 - 50);
	out_real(t, i % 5 == 4 ? NAN : (double)i / 8);
	out_bool(t, i % 2);
	out_decimal(t, i % 3 ? "1234.50" : "-0.05");
}

/* What a table of n rows prints in format fmt, kept whole or streamed. */
static char *printed(int fmt, size_t n, int streamed)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	out_table *t = streamed ? out_open(f, fmt, cols, NCOLS, "nothing") : out_new(cols, NCOLS);
	for (size_t i = 0; i < n; i++)
		fill_row(t, i);
	if (streamed) {
		ap_err e;
		assert_int_equal(out_close(&t, &e), AP_OK);
	} else {
		out_print(t, f, fmt, "nothing");
		out_free(&t);
	}
	assert_int_equal(fclose(f), 0);
	return text;
}

static void streamed_table_prints_what_a_kept_one_does(void **state)
{
	(void)state;
	const int fmts[] = {FMT_TEXT, FMT_JSON, FMT_CSV};
	const size_t rows[] = {0, 1, 2, 7, 50};
	for (size_t f = 0; f < 3; f++)
		for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
			char *kept = printed(fmts[f], rows[r], 0), *streamed = printed(fmts[f], rows[r], 1);
			assert_string_equal(streamed, kept);
			free(kept);
			free(streamed);
		}
}

static void small_table_prints_as_it_always_has(void **state)
{
	(void)state;
	char *s = printed(FMT_TEXT, 2, 1);
	assert_string_equal(s, "NAME       COUNT  SHARE PCT  ACTIVE  AMOUNT\n"
		"Acme       -50    0          no      -0.05\n"
		"two lines  -13    0.125      yes     1234.50\n");
	free(s);
	s = printed(FMT_CSV, 2, 1);
	assert_string_equal(s, "name,count,share_pct,active,amount\r\nAcme,-50,0,no,-0.05\r\n\"two\nlines\",-13,0.125,yes,1234.50\r\n");
	free(s);
	s = printed(FMT_JSON, 1, 1);
	assert_string_equal(s, "[\n  {\n    \"name\": \"Acme\",\n    \"count\": -50,\n    \"share_pct\": 0,\n"
		"    \"active\": false,\n    \"amount\": -0.05\n  }\n]\n");
	free(s);
}

static void empty_listing_says_so_in_text_only(void **state)
{
	(void)state;
	char *s = printed(FMT_TEXT, 0, 1);
	assert_string_equal(s, "nothing\n");
	free(s);
	s = printed(FMT_JSON, 0, 1);
	assert_string_equal(s, "[]\n");
	free(s);
	s = printed(FMT_CSV, 0, 1);
	assert_string_equal(s, "name,count,share_pct,active,amount\r\n");
	free(s);
}

/* 120,000 rows of text are some 3 MiB of cells, past the 1 MiB text keeps
 * in memory: the rest go through the temporary file and come back in order. */
static void long_text_listing_comes_back_from_its_temporary_file(void **state)
{
	(void)state;
	char *kept = printed(FMT_TEXT, 120000, 0), *streamed = printed(FMT_TEXT, 120000, 1);
	assert_true(strlen(kept) > 5 * 1024 * 1024);
	assert_string_equal(streamed, kept);
	free(kept);
	free(streamed);
}

/* A listing that fails half-way is freed, not closed: text prints nothing. */
static void freed_text_listing_prints_nothing(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	out_table *t = out_open(f, FMT_TEXT, cols, NCOLS, "nothing");
	for (size_t i = 0; i < 60000; i++)
		fill_row(t, i);
	out_free(&t);
	assert_null(t);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(text, "");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(streamed_table_prints_what_a_kept_one_does),
		cmocka_unit_test(small_table_prints_as_it_always_has),
		cmocka_unit_test(empty_listing_says_so_in_text_only),
		cmocka_unit_test(long_text_listing_comes_back_from_its_temporary_file),
		cmocka_unit_test(freed_text_listing_prints_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
