/* test_json.c - the streaming JSON writer, byte for byte. */
#include "unit_helpers.h"

#include <limits.h>

#include "acctplan/json.h"

/* s written as one compact JSON string value. Caller frees. */
static char *quoted(const char *s)
{
	ap_buf b = {0};
	json_w w;
	jw_init(&w, NULL, &b, 0);
	jw_str(&w, s);
	return buf_steal(&b);
}

static void writer_escapes_quotes_backslashes_and_control_characters(void **state)
{
	(void)state;
	expect_str(quoted("say \"hi\" \\ bye"), "\"say \\\"hi\\\" \\\\ bye\"", "quote and backslash");
	expect_str(quoted("a\nb\rc\td"), "\"a\\nb\\rc\\td\"", "short escapes");
	expect_str(quoted("\x01\x1f\x7f"), "\"\\u0001\\u001f\\u007f\"", "other controls and DEL as \\u");
	expect_str(quoted(""), "\"\"", "empty string");
}

static void writer_passes_utf8_through_unchanged(void **state)
{
	(void)state;
	expect_str(quoted("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"", "UTF-8");
}

/* The writer looks at plain text several bytes at a time: an escape at
 * every offset of a long string, and at its very end, must still be found. */
static void writer_finds_an_escape_at_any_position(void **state)
{
	(void)state;
	for (size_t at = 0; at < 12; at++) {
		char in[16], want[32];
		memset(in, 'x', 12);
		in[12] = '\0';
		in[at] = '"';
		snprintf(want, sizeof want, "\"%.*s\\\"%s\"", (int)at, in, in + at + 1);
		expect_str(quoted(in), want, "escape position");
	}
}

static void writer_prints_integers_in_full(void **state)
{
	(void)state;
	const long long v[] = {0, 7, -1, 1234567890123LL, LLONG_MAX, LLONG_MIN};
	const char *want = "[0,7,-1,1234567890123,9223372036854775807,-9223372036854775808]";
	ap_buf b = {0};
	json_w w;
	jw_init(&w, NULL, &b, 0);
	jw_arr(&w);
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		jw_int(&w, v[i]);
	jw_arr_end(&w);
	expect_str(buf_steal(&b), want, "integers");
}

/* C1 controls and bidi overrides are valid in JSON but move a terminal or
 * reorder what it shows; they go out escaped, their neighbours unchanged. */
static void writer_escapes_c1_and_bidi_controls(void **state)
{
	(void)state;
	expect_str(quoted("a\xc2\x9b" "31m\xc2\x85z"), "\"a\\u009b31m\\u0085z\"", "C1 CSI and NEL");
	expect_str(quoted("x\xe2\x80\xaey\xe2\x81\xa6z"), "\"x\\u202ey\\u2066z\"", "RLO and LRI");
	expect_str(quoted("\xc2\xa0\xe2\x80\x94\xe2\x82\xac"), "\"\xc2\xa0\xe2\x80\x94\xe2\x82\xac\"",
		"same lead bytes, ordinary characters");
}

static void writer_refuses_nesting_past_its_depth(void **state)
{
	(void)state;
	ap_buf b = {0};
	json_w w;
	ap_err e = {0};
	jw_init(&w, NULL, &b, 0);
	for (int i = 0; i < JW_MAX_DEPTH - 1; i++)
		jw_arr(&w);
	for (int i = 0; i < JW_MAX_DEPTH - 1; i++)
		jw_arr_end(&w);
	assert_int_equal(jw_end(&w, &e), AP_OK);
	buf_free(&b);
	jw_init(&w, NULL, &b, 0);
	for (int i = 0; i < JW_MAX_DEPTH; i++)
		jw_arr(&w);
	assert_int_equal(jw_end(&w, &e), AP_EINPUT);
	assert_string_equal(e.msg, "JSON output nested deeper than 31 levels");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writer_escapes_quotes_backslashes_and_control_characters),
		cmocka_unit_test(writer_passes_utf8_through_unchanged),
		cmocka_unit_test(writer_finds_an_escape_at_any_position),
		cmocka_unit_test(writer_prints_integers_in_full),
		cmocka_unit_test(writer_escapes_c1_and_bidi_controls),
		cmocka_unit_test(writer_refuses_nesting_past_its_depth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
