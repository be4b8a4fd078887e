/* test_complete.c - what shell completion stands on: reading a word as the
 * shell will and continuing it in its quote (shell.h), and command tables
 * whose options completion can find values for (cli_complete.c). The
 * completion itself is tested through bash in tests/cli/test_completion.sh. */
#include "unit_helpers.h"
#include "acctplan/shell.h"
#include "../../src/cli_internal.h"

static void test_read_word(void **state)
{
	(void)state;
	static const struct {
		const char *raw, *text;
		enum shell_state st;
		int escaped;
		size_t open;
	} cases[] = {
		{"", "", SHELL_BARE, 0, 0},
		{"Sub\\ Co", "Sub Co", SHELL_BARE, 0, 0},
		{"'Sub $(x)'", "Sub $(x)", SHELL_BARE, 0, 0},
		{"'Sub", "Sub", SHELL_SINGLE, 0, 1},
		{"Sub' C", "Sub C", SHELL_SINGLE, 0, 4},
		{"\"a\\$b\\c", "a$b\\c", SHELL_DOUBLE, 0, 1},
		{"'O'\\''B", "O'B", SHELL_SINGLE, 0, 6},
		{"a\\", "a", SHELL_BARE, 1, 0},
		{"\"a\\", "a", SHELL_DOUBLE, 1, 1},
		{"a\\\nb", "ab", SHELL_BARE, 0, 0},
		{"~/x", "~/x", SHELL_BARE, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		shell_word w;
		shell_word_read(cases[i].raw, &w);
		assert_string_equal(w.text, cases[i].text);
		assert_int_equal(w.state, cases[i].st);
		assert_int_equal(w.escaped, cases[i].escaped);
		if (w.state != SHELL_BARE)
			assert_int_equal(w.open, cases[i].open);
		free(w.text);
	}
}

/* raw continued with s reads back as raw's text then s, in every quote. */
static void test_continue_reads_back(void **state)
{
	(void)state;
	static const char *const raws[] = {"", "Su", "'Su", "\"Su", "Su'b", "x\\", "\"x\\", "a\\ b", "'O'\\''"};
	static const char *const texts[] = {
		"Sub $(touch pwned) Co", "O'Brien & Sons", "Bang! \"Co\"", "a\\b`c` ;|&<>(){}[]*?#~=:,%",
		"Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale", "$HOME", "", "x",
	};
	for (size_t i = 0; i < sizeof raws / sizeof raws[0]; i++)
		for (size_t j = 0; j < sizeof texts / sizeof texts[0]; j++) {
			shell_word w, back;
			ap_buf b = {0};
			shell_word_read(raws[i], &w);
			buf_puts(&b, raws[i]);
			if (shell_word_continue(&b, &w, texts[j]) != 0) {
				/* Only what a trailing backslash cannot quote is refused. */
				assert_true(w.escaped);
				assert_true(!*texts[j] || (w.state == SHELL_DOUBLE && !strchr("$`\"\\", *texts[j])));
			} else {
				shell_word_read(b.s, &back);
				char *want = xasprintf("%s%s", w.text, texts[j]);
				assert_string_equal(back.text, want);
				assert_int_equal(back.state, w.state);
				assert_false(back.escaped);
				free(want);
				free(back.text);
			}
			free(w.text);
			buf_free(&b);
		}
}

static void expect_continue(const char *raw, const char *s, const char *want)
{
	shell_word w;
	ap_buf b = {0};
	shell_word_read(raw, &w);
	assert_int_equal(shell_word_continue(&b, &w, s), want ? 0 : -1);
	if (want)
		assert_string_equal(b.s, want);
	else
		assert_null(b.s);
	free(w.text);
	buf_free(&b);
}

static void test_continue_forms(void **state)
{
	(void)state;
	expect_continue("Su", "b $(touch pwned) Co", "b\\ \\$\\(touch\\ pwned\\)\\ Co");
	expect_continue("", "~#x", "\\~\\#x");
	expect_continue("'", "O'Brien", "O'\\''Brien");
	expect_continue("\"", "a$`\"\\!b", "a\\$\\`\\\"\\\\\"\\!\"b");
	expect_continue("", "Soci\xc3\xa9t\xc3\xa9", "Soci\xc3\xa9t\xc3\xa9");
	/* What must not reach a terminal raw cannot be offered. */
	expect_continue("", "Evil\n$(x)", NULL);
	expect_continue("", "Evil\xc2\x9b", NULL);
	expect_continue("", "Evil\xe2\x80\xae", NULL);
	expect_continue("", "a\tb", NULL);
	expect_continue("", "bad \xff", NULL);
}

/* Every option of every command: a vocabulary its spec names exists (a
 * missing one aborts), and its usage line shows it, where completion reads
 * what its value is. */
static void test_every_option_is_in_its_usage(void **state)
{
	(void)state;
	for (size_t i = 0; cli_command(i); i++) {
		const cli_cmd *cmd = cli_command(i);
		const char *spec = cmd->options;
		cli_optspec o;
		while (cli_optspec_next(&spec, &o)) {
			char name[64], *word = xasprintf("--%.*s", (int)o.len, o.name);
			int none;
			snprintf(name, sizeof name, "%.*s", (int)o.len, o.name);
			(void)cli_option_names(cmd, name, &none);
			const char *at = strstr(cmd->usage, word);
			size_t n = strlen(word);
			if (strcmp(name, "output") == 0 && !at)
				at = strstr(cmd->usage, "-o "), n = 2;
			if (!at || (at[n] && at[n] != ' ' && at[n] != ']' && at[n] != '|'))
				fail_msg("'%s' does not show %s in its usage '%s'", cmd->name, word, cmd->usage);
			free(word);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_word),
		cmocka_unit_test(test_continue_reads_back),
		cmocka_unit_test(test_continue_forms),
		cmocka_unit_test(test_every_option_is_in_its_usage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
