/* test_json_read.c - the streaming JSON pull parser behind import. */
#include "unit_helpers.h"
#include "acctplan/json_read.h"

/* The whole token stream of text as one line: "{ K:a [ N:1 S:x T F Z ] } $"
 * (K key, S string, N number, T/F booleans, Z null, $ end), or
 * "error: MESSAGE" at the first error. Caller frees. */
static char *tokens_of(const char *text, size_t len)
{
	json_r r;
	ap_err e = {0};
	ap_buf out = {0};
	jr_init(&r, NULL, text, len, "t.json");
	for (;;) {
		int tok = jr_next(&r, &e);
		if (out.len)
			buf_puts(&out, " ");
		switch (tok) {
		case JR_OBJ: buf_puts(&out, "{"); break;
		case JR_OBJ_END: buf_puts(&out, "}"); break;
		case JR_ARR: buf_puts(&out, "["); break;
		case JR_ARR_END: buf_puts(&out, "]"); break;
		case JR_KEY: buf_printf(&out, "K:%s", jr_text(&r)); break;
		case JR_STR: buf_printf(&out, "S:%s", jr_text(&r)); break;
		case JR_NUM: buf_printf(&out, "N:%s", jr_text(&r)); break;
		case JR_TRUE: buf_puts(&out, "T"); break;
		case JR_FALSE: buf_puts(&out, "F"); break;
		case JR_NULL: buf_puts(&out, "Z"); break;
		case JR_END: buf_puts(&out, "$"); break;
		default: buf_printf(&out, "error: %s", e.msg); break;
		}
		if (tok == JR_END || tok == JR_ERROR)
			break;
	}
	jr_free(&r);
	return buf_steal(&out);
}

static void assert_tokens(const char *text, const char *want)
{
	char *got = tokens_of(text, strlen(text));
	assert_string_equal(got, want);
	free(got);
}

/* The message of the error text ends in (just that message, without the tokens before it). */
static void assert_error(const char *text, const char *want)
{
	char *got = tokens_of(text, strlen(text));
	char *err = strstr(got, "error: ");
	if (!err)
		fail_msg("expected an error for '%s', got '%s'", text, got);
	assert_string_equal(err + 7, want);
	free(got);
}

static void reader_returns_every_token_of_a_document_in_order(void **state)
{
	(void)state;
	assert_tokens("{\"a\": [1, \"x\", true, false, null], \"b\": {}}",
		"{ K:a [ N:1 S:x T F Z ] K:b { } } $");
	assert_tokens("  [ ]\n", "[ ] $");
	assert_tokens("\"just a string\"", "S:just a string $");
}

static void reader_decodes_every_escape(void **state)
{
	(void)state;
	assert_tokens("[\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"]", "[ S:q\" b\\ s/ \b\f\n\r\t ] $");
	assert_tokens("[\"\\u00e9\\u20AC\"]", "[ S:\xc3\xa9\xe2\x82\xac ] $");
}

static void reader_joins_surrogate_pairs_into_one_character(void **state)
{
	(void)state;
	assert_tokens("\"\\ud83d\\ude00!\"", "S:\xf0\x9f\x98\x80! $");
}

static void reader_refuses_unpaired_surrogates_and_nul(void **state)
{
	(void)state;
	assert_error("\"\\ud83d x\"", "t.json:1:8: invalid \\u escape: high surrogate not followed by a low one");
	assert_error("\"\\ude00\"", "t.json:1:8: invalid \\u escape: low surrogate without a high one");
	assert_error("\"\\ud83d\\u0041\"", "t.json:1:14: invalid \\u escape: high surrogate not followed by a low one");
	assert_error("\"a\\u0000b\"", "t.json:1:9: \\u0000 (a NUL character) is not allowed in strings");
	assert_error("\"\\u12g4\"", "t.json:1:6: invalid \\u escape: expected 4 hex digits");
	assert_error("\"\\x\"", "t.json:1:3: invalid escape '\\x' in string");
}

static void reader_refuses_raw_control_characters_in_strings(void **state)
{
	(void)state;
	assert_error("[\"two\nlines\"]", "t.json:1:6: control character in string (write it as an escape such as \\n)");
}

static void reader_accepts_the_json_number_grammar(void **state)
{
	(void)state;
	assert_tokens("[0, -0, 12, -3.25, 1e3, 2.5E-2, 7e+1]", "[ N:0 N:-0 N:12 N:-3.25 N:1e3 N:2.5E-2 N:7e+1 ] $");
	json_r r;
	ap_err e = {0};
	double v;
	jr_init(&r, NULL, "-2.5e-1", 7, "n");
	assert_int_equal(jr_next(&r, &e), JR_NUM);
	assert_int_equal(jr_number(&r, &v, &e), AP_OK);
	assert_true(v == -0.25);
	jr_free(&r);
}

static void reader_refuses_malformed_and_overflowing_numbers(void **state)
{
	(void)state;
	assert_error("[01]", "t.json:1:3: invalid number: no leading zeros allowed");
	assert_error("[1.]", "t.json:1:4: invalid number: expected a digit after '.'");
	assert_error("[-x]", "t.json:1:3: invalid number: expected a digit");
	assert_error("[1e]", "t.json:1:4: invalid number: expected exponent digits");
	assert_error("[.5]", "t.json:1:2: unexpected character '.'");
	assert_error("[+1]", "t.json:1:2: unexpected character '+'");
	json_r r;
	ap_err e = {0};
	double v;
	jr_init(&r, NULL, "1e999", 5, "n");
	assert_int_equal(jr_next(&r, &e), JR_NUM);
	assert_int_equal(jr_number(&r, &v, &e), AP_EINPUT);
	assert_string_equal(e.msg, "n:1:1: number 1e999 is out of range");
	jr_free(&r);
}

static void reader_reports_truncated_input_as_such(void **state)
{
	(void)state;
	const char *cut[] = {"", "{", "{\"a\"", "{\"a\":", "{\"a\": [1, 2", "[\"unfinished", "[tru", "[-", "[1.5e", "\"\\u12"};
	for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		char *got = tokens_of(cut[i], strlen(cut[i]));
		assert_contains(got, "unexpected end of input (file truncated?)");
		free(got);
	}
	assert_error("{\n  \"a\": [1,\n  2", "t.json:3:4: unexpected end of input (file truncated?)");
}

static void reader_reports_grammar_errors_with_line_and_column(void **state)
{
	(void)state;
	assert_error("{\n  \"a\" 1}", "t.json:2:7: expected ':' after the member name");
	assert_error("{\"a\": 1 \"b\": 2}", "t.json:1:9: expected ',' or '}'");
	assert_error("[1 2]", "t.json:1:4: expected ',' or ']'");
	assert_error("{a: 1}", "t.json:1:2: expected a member name in double quotes");
	assert_error("[1,]", "t.json:1:4: trailing ',' before ']'");
	assert_error("{\"a\": 1,}", "t.json:1:9: trailing ',' before '}'");
	assert_error("{} x", "t.json:1:4: unexpected data after the end of the document");
	assert_error("[nul]", "t.json:1:2: unexpected word 'nul' (strings need double quotes)");
	assert_error("[1}", "t.json:1:3: expected ',' or ']'");
}

static void reader_counts_columns_in_characters_not_bytes(void **state)
{
	(void)state;
	assert_error("[\"\xc3\xa9\xe2\x82\xac\", x]", "t.json:1:8: unexpected word 'x' (strings need double quotes)");
}

static void reader_refuses_nesting_beyond_its_limit(void **state)
{
	(void)state;
	char deep[2 * JR_MAX_DEPTH + 4];
	memset(deep, '[', JR_MAX_DEPTH);
	memset(deep + JR_MAX_DEPTH, ']', JR_MAX_DEPTH);
	deep[2 * JR_MAX_DEPTH] = '\0';
	char *got = tokens_of(deep, strlen(deep));
	assert_contains(got, "] $");
	free(got);

	memset(deep, '[', JR_MAX_DEPTH + 1);
	deep[JR_MAX_DEPTH + 1] = '\0';
	char want[64];
	snprintf(want, sizeof want, "t.json:1:%d: nesting deeper than %d levels", JR_MAX_DEPTH + 1, JR_MAX_DEPTH);
	assert_error(deep, want);
}

static void reader_skips_a_whole_nested_value(void **state)
{
	(void)state;
	const char *text = "{\"skip\": {\"a\": [1, {\"b\": []}]}, \"keep\": 2}";
	json_r r;
	ap_err e = {0};
	jr_init(&r, NULL, text, strlen(text), "s");
	assert_int_equal(jr_next(&r, &e), JR_OBJ);
	assert_int_equal(jr_next(&r, &e), JR_KEY);
	assert_int_equal(jr_skip(&r, jr_next(&r, &e), &e), AP_OK);
	assert_int_equal(jr_next(&r, &e), JR_KEY);
	assert_string_equal(jr_text(&r), "keep");
	assert_int_equal(jr_next(&r, &e), JR_NUM);
	assert_int_equal(jr_next(&r, &e), JR_OBJ_END);
	assert_int_equal(jr_next(&r, &e), JR_END);
	jr_free(&r);
}

/* A file larger than the read buffer, with a string and escapes across its edges. */
static void reader_streams_a_file_across_buffer_boundaries(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	size_t n = 200000;
	fputs("[\"", f);
	for (size_t i = 0; i < n; i++)
		fputs(i % 1000 == 999 ? "\\n" : "a", f);
	fputs("\", \"\\u00e9\"]", f);
	rewind(f);
	json_r r;
	ap_err e = {0};
	jr_init(&r, f, NULL, 0, "big.json");
	assert_int_equal(jr_next(&r, &e), JR_ARR);
	assert_int_equal(jr_next(&r, &e), JR_STR);
	assert_int_equal(jr_len(&r), n);
	assert_int_equal(jr_text(&r)[999], '\n');
	assert_int_equal(jr_next(&r, &e), JR_STR);
	assert_string_equal(jr_text(&r), "\xc3\xa9");
	assert_int_equal(jr_next(&r, &e), JR_ARR_END);
	assert_int_equal(jr_next(&r, &e), JR_END);
	jr_free(&r);
	fclose(f);
}

static void reader_refuses_a_string_longer_than_its_limit(void **state)
{
	(void)state;
	size_t n = JR_STR_MAX + 10;
	char *text = xmalloc(n + 3);
	text[0] = '"';
	memset(text + 1, 'x', n);
	text[n + 1] = '"';
	text[n + 2] = '\0';
	char *got = tokens_of(text, n + 2);
	char want[64];
	snprintf(want, sizeof want, "string longer than %d bytes", JR_STR_MAX);
	assert_contains(got, want);
	free(got);
	free(text);
}

static void reader_fail_puts_the_position_of_the_last_token_first(void **state)
{
	(void)state;
	const char *text = "{\n  \"role\": \"x\"}";
	json_r r;
	ap_err e = {0};
	jr_init(&r, NULL, text, strlen(text), "f.json");
	jr_next(&r, &e);
	jr_next(&r, &e);
	assert_int_equal(jr_next(&r, &e), JR_STR);
	assert_int_equal(jr_fail(&r, &e, "role: unknown '%s'", jr_text(&r)), AP_EINPUT);
	assert_string_equal(e.msg, "f.json:2:11: role: unknown 'x'");
	jr_free(&r);
}

/* jr_plain of each string of a one-line array, as a string of 0 and 1. */
static void assert_plain(const char *text, const char *want)
{
	json_r r;
	ap_err e = {0};
	char got[32] = "";
	size_t n = 0;
	int tok;
	jr_init(&r, NULL, text, strlen(text), "p.json");
	while ((tok = jr_next(&r, &e)) != JR_END && tok != JR_ERROR && n < sizeof got - 1)
		if (tok == JR_STR)
			got[n++] = jr_plain(&r) ? '1' : '0';
	assert_int_not_equal(tok, JR_ERROR);
	assert_string_equal(got, want);
	jr_free(&r);
}

static void reader_says_which_strings_are_printable_ascii_only(void **state)
{
	(void)state;
	/* Long enough that each odd byte sits inside an eight-byte word, at either end of it. */
	assert_plain("[\"plain text, long enough for words\", \"\", \"a\\\"quote\\\\ and \\/\"]", "111");
	assert_plain("[\"caf\xc3\xa9 au lait, et un croissant\", \"\xc3\xa9t\xc3\xa9\", \"del \x7f here\"]", "000");
	assert_plain("[\"a tab\\there\", \"\\u0041\", \"line\\nbreak in a long enough text\", \"x\"]", "0001");
	assert_plain("[\"0123456789abcdef\\tlater\", \"01234567\xe2\x82\xac\"]", "00");
}

static void reader_finds_quotes_and_counts_columns_inside_long_runs(void **state)
{
	(void)state;
	/* Stops and multi-byte characters at every offset of an eight-byte word. */
	assert_tokens("[\"0123456789abcdef\", \"0123456\\\"89\", \"abcdefg\"]", "[ S:0123456789abcdef S:0123456\"89 S:abcdefg ] $");
	assert_error("[\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 0123456789\" x]",
		"t.json:1:21: expected ',' or ']'");
	assert_error("[\"0123456789abcdefghij\tk\"]", "t.json:1:23: control character in string (write it as an escape such as \\n)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reader_returns_every_token_of_a_document_in_order),
		cmocka_unit_test(reader_decodes_every_escape),
		cmocka_unit_test(reader_joins_surrogate_pairs_into_one_character),
		cmocka_unit_test(reader_refuses_unpaired_surrogates_and_nul),
		cmocka_unit_test(reader_refuses_raw_control_characters_in_strings),
		cmocka_unit_test(reader_accepts_the_json_number_grammar),
		cmocka_unit_test(reader_refuses_malformed_and_overflowing_numbers),
		cmocka_unit_test(reader_reports_truncated_input_as_such),
		cmocka_unit_test(reader_reports_grammar_errors_with_line_and_column),
		cmocka_unit_test(reader_counts_columns_in_characters_not_bytes),
		cmocka_unit_test(reader_refuses_nesting_beyond_its_limit),
		cmocka_unit_test(reader_skips_a_whole_nested_value),
		cmocka_unit_test(reader_streams_a_file_across_buffer_boundaries),
		cmocka_unit_test(reader_refuses_a_string_longer_than_its_limit),
		cmocka_unit_test(reader_fail_puts_the_position_of_the_last_token_first),
		cmocka_unit_test(reader_says_which_strings_are_printable_ascii_only),
		cmocka_unit_test(reader_finds_quotes_and_counts_columns_inside_long_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
