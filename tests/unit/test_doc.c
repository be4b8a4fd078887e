/* test_doc.c - report blocks as Markdown and as width-limited text. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "acctplan/doc.h"

static void free_lines(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void every_line_fits(const char *text, int width)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		char *line = strndup(p, nl ? (size_t)(nl - p) : strlen(p));
		if (ap_display_width(line) > width)
			fail_msg("line wider than %d: '%s'", width, line);
		free(line);
		p = nl ? nl + 1 : p + strlen(p);
	}
}

static void wrap_breaks_between_words_by_display_width(void **state)
{
	(void)state;
	char **lines;
	size_t n = doc_wrap("the quick brown fox jumps", 10, &lines);
	assert_int_equal(n, 3);
	assert_string_equal(lines[0], "the quick");
	assert_string_equal(lines[1], "brown fox");
	assert_string_equal(lines[2], "jumps");
	free_lines(lines, n);
	/* Each of these characters takes two columns: four fit in 9. */
	n = doc_wrap("日本語の文章", 9, &lines);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "日本語の");
	assert_string_equal(lines[1], "文章");
	free_lines(lines, n);
}

static void wrap_of_empty_text_is_one_empty_line(void **state)
{
	(void)state;
	char **lines;
	size_t n = doc_wrap("", 10, &lines);
	assert_int_equal(n, 1);
	assert_string_equal(lines[0], "");
	free_lines(lines, n);
}

static void markdown_escapes_user_punctuation(void **state)
{
	(void)state;
	ap_buf b = {0};
	doc d;
	doc_init(&d, DOC_MD, 80, &b);
	doc_title(&d, "Brief: %s", "#1 *Acme*");
	doc_item(&d, "uses a|b and end_customers");
	doc_item(&d, "second");
	doc_para(&d, "after the list");
	assert_string_equal(b.s,
		"# Brief: \\#1 \\*Acme\\*\n"
		"\n"
		"- uses a\\|b and end\\_customers\n"
		"- second\n"
		"\n"
		"after the list\n");
	buf_free(&b);
}

static void markdown_table_has_header_rule_and_escaped_cells(void **state)
{
	(void)state;
	static const char *const cols[] = {"Role", "Contact"};
	const char *cells[] = {"champion", "Ana | Ops", "blocker", NULL};
	ap_buf b = {0};
	doc d;
	doc_init(&d, DOC_MD, 80, &b);
	doc_table(&d, cols, 2, cells, 2);
	assert_string_equal(b.s,
		"| Role | Contact |\n"
		"| --- | --- |\n"
		"| champion | Ana \\| Ops |\n"
		"| blocker |  |\n");
	buf_free(&b);
}

static void text_items_hang_under_their_first_word(void **state)
{
	(void)state;
	ap_buf b = {0};
	doc d;
	doc_init(&d, DOC_TEXT, 24, &b);
	doc_heading(&d, "Ask");
	doc_step(&d, 1, "who signs the purchase orders this year");
	assert_string_equal(b.s,
		"Ask\n"
		"---\n"
		"\n"
		"  1. who signs the\n"
		"     purchase orders\n"
		"     this year\n");
	buf_free(&b);
}

static void text_table_narrows_wide_columns_to_fit(void **state)
{
	(void)state;
	static const char *const cols[] = {"When", "What"};
	const char *cells[] = {
		"2026-11-02", "a long summary of a tactical meeting about price, terms and the delivery schedule",
		"2026-10-01", "short",
	};
	ap_buf b = {0};
	doc d;
	doc_init(&d, DOC_TEXT, 40, &b);
	doc_table(&d, cols, 2, cells, 2);
	every_line_fits(b.s, 40);
	assert_non_null(strstr(b.s, "  When        What\n  ----------  ----"));
	assert_non_null(strstr(b.s, "  2026-11-02  a long summary of a\n"));
	assert_non_null(strstr(b.s, "  2026-10-01  short\n"));
	buf_free(&b);
}

static void a_command_is_quoted_on_a_line_of_its_own_never_wrapped_or_escaped(void **state)
{
	(void)state;
	const char *argv[] = {"acctplan", "check", "Sub $(touch pwned) *Co* ``x``", "--tier", "sales"};
	ap_buf b = {0};
	doc d;
	doc_init(&d, DOC_TEXT, 20, &b);
	doc_item(&d, "3 flags in all; to list them:");
	doc_command(&d, argv, 5);
	assert_string_equal(b.s, "  - 3 flags in all;\n    to list them:\n"
		"    acctplan check 'Sub $(touch pwned) *Co* ``x``' --tier sales\n");
	b.len = 0;
	doc_init(&d, DOC_MD, 20, &b);
	doc_command(&d, argv, 5);
	/* The fence outlasts the longest run of backticks inside. */
	assert_string_equal(b.s, "```sh\nacctplan check 'Sub $(touch pwned) *Co* ``x``' --tier sales\n```\n");
	b.len = 0;
	argv[2] = "````";
	doc_command(&d, argv, 3);
	assert_string_equal(b.s, "\n`````sh\nacctplan check '````'\n`````\n");
	buf_free(&b);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wrap_breaks_between_words_by_display_width),
		cmocka_unit_test(wrap_of_empty_text_is_one_empty_line),
		cmocka_unit_test(markdown_escapes_user_punctuation),
		cmocka_unit_test(markdown_table_has_header_rule_and_escaped_cells),
		cmocka_unit_test(text_items_hang_under_their_first_word),
		cmocka_unit_test(text_table_narrows_wide_columns_to_fit),
		cmocka_unit_test(a_command_is_quoted_on_a_line_of_its_own_never_wrapped_or_escaped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
