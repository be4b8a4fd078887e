/* test_ics.c - the iCalendar writer, byte for byte: folding, escaping,
 * dates and stamps. */
#include "unit_helpers.h"

#include "acctplan/ics.h"

/* n copies of c (n < 512): the filler before a fold. The few buffers
 * turn in a ring, so one expression may hold several runs. */
static const char *run(char c, size_t n)
{
	static char ring[4][512];
	static unsigned next;
	char *s = ring[next++ % 4];
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* One raw content line NAME:VALUE as the writer writes it. Caller frees. */
static char *line_of(const char *name, const char *value)
{
	ap_buf b = {0};
	ics_writer w = {.out = &b};
	ics_line(&w, name, value);
	return b.s ? buf_steal(&b) : xstrdup("");
}

/* One TEXT content line as the writer writes it. Caller frees. */
static char *text_of(const char *name, const char *value)
{
	ap_buf b = {0};
	ics_writer w = {.out = &b};
	ics_text(&w, name, value);
	return b.s ? buf_steal(&b) : xstrdup("");
}

/* s with every fold (CR LF and one space) taken out: what a reader gets. */
static char *unfold(const char *s)
{
	ap_buf b = {0};
	for (const char *p = s; *p;) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 3;
			continue;
		}
		buf_add(&b, p++, 1);
	}
	return b.s ? buf_steal(&b) : xstrdup("");
}

/* Every physical line of s ends in CR LF, is at most 75 octets without it,
 * and never starts inside a UTF-8 sequence; there is no CR or LF but those. */
static void assert_well_folded(const char *s)
{
	const char *line = s;
	while (*line) {
		const char *crlf = strstr(line, "\r\n");
		if (!crlf)
			fail_msg("line without CRLF at the end: '%s'", line);
		size_t n = (size_t)(crlf - line);
		if (n > ICS_LINE_MAX)
			fail_msg("line of %zu octets: '%.*s'", n, (int)n, line);
		if (memchr(line, '\n', n) || memchr(line, '\r', n))
			fail_msg("bare CR or LF in '%.*s'", (int)n, line);
		if (line != s && line[0] == ' ' && ((unsigned char)line[1] & 0xC0) == 0x80)
			fail_msg("continuation line starts inside a character: '%.*s'", (int)n, line);
		line = crlf + 2;
	}
}

static void line_of_75_octets_is_not_folded_and_76_is(void **state)
{
	(void)state;
	char want[256];
	snprintf(want, sizeof want, "X:%s\r\n", run('a', 73));
	expect_str(line_of("X", run('a', 73)), want, "75 octets, one line");
	snprintf(want, sizeof want, "X:%s\r\n a\r\n", run('a', 73));
	expect_str(line_of("X", run('a', 74)), want, "76 octets, folded before the last");
}

/* A continuation line is one space and at most 74 more octets. */
static void continuation_lines_hold_75_octets_with_their_space(void **state)
{
	(void)state;
	char want[512];
	snprintf(want, sizeof want, "X:%s\r\n %s\r\n %s\r\n %s\r\n", run('a', 73), run('a', 74), run('a', 74),
		run('a', 9));
	expect_str(line_of("X", run('a', 73 + 74 + 74 + 9)), want, "three folds");
}

static void name_counts_toward_the_first_line(void **state)
{
	(void)state;
	char name[128], want[512];
	snprintf(name, sizeof name, "%s;P=1", run('N', 70));
	snprintf(want, sizeof want, "%s;P=1:\r\n v\r\n", run('N', 70));
	expect_str(line_of(name, "v"), want, "75 octets of name and colon");
}

/* Whatever the width of the character that reaches octet 75, it moves whole
 * to the next line: exactly at the boundary for each width. */
static void character_across_the_fold_moves_whole(void **state)
{
	(void)state;
	char in[256], want[256];
	/* é would take octets 75-76 */
	snprintf(in, sizeof in, "%s\xc3\xa9z", run('a', 72));
	snprintf(want, sizeof want, "X:%s\r\n \xc3\xa9z\r\n", run('a', 72));
	expect_str(line_of("X", in), want, "2-byte");
	/* € would take octets 74-76 */
	snprintf(in, sizeof in, "%s\xe2\x82\xacz", run('a', 71));
	snprintf(want, sizeof want, "X:%s\r\n \xe2\x82\xacz\r\n", run('a', 71));
	expect_str(text_of("X", in), want, "3-byte");
	/* 😀 would take octets 73-76 */
	snprintf(in, sizeof in, "%s\xf0\x9f\x98\x80z", run('a', 70));
	snprintf(want, sizeof want, "X:%s\r\n \xf0\x9f\x98\x80z\r\n", run('a', 70));
	expect_str(text_of("X", in), want, "4-byte");
	/* 😀 taking octets 72-75 fits */
	snprintf(in, sizeof in, "%s\xf0\x9f\x98\x80z", run('a', 69));
	snprintf(want, sizeof want, "X:%s\xf0\x9f\x98\x80\r\n z\r\n", run('a', 69));
	expect_str(text_of("X", in), want, "4-byte that fits");
}

/* Each width of character, and an escape pair, at every offset around the
 * first and later folds: every line well folded, and unfolding gives back
 * exactly the line that was meant. */
static void folding_round_trips_at_every_offset(void **state)
{
	(void)state;
	const char *in[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", ";"};
	const char *out[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\\;"};
	for (size_t c = 0; c < sizeof in / sizeof in[0]; c++) {
		for (size_t pre = 60; pre < 80; pre++) {
			ap_buf value = {0}, line = {0};
			buf_printf(&line, "DESCRIPTION:%s", run('a', pre));
			buf_puts(&value, run('a', pre));
			for (int i = 0; i < 60; i++) {
				buf_puts(&value, in[c]);
				buf_puts(&line, out[c]);
			}
			buf_puts(&line, "\r\n");
			char *got = text_of("DESCRIPTION", value.s);
			assert_well_folded(got);
			expect_str(unfold(got), line.s, "unfolded");
			free(got);
			buf_free(&value);
			buf_free(&line);
		}
	}
}

static void text_escapes_backslash_semicolon_comma_and_line_breaks(void **state)
{
	(void)state;
	expect_str(text_of("SUMMARY", "a\\b;c,d"), "SUMMARY:a\\\\b\\;c\\,d\r\n", "\\ ; ,");
	expect_str(text_of("DESCRIPTION", "one\ntwo\r\nthree\n"), "DESCRIPTION:one\\ntwo\\nthree\\n\r\n",
		"LF and CR LF");
	expect_str(text_of("SUMMARY", "\\n"), "SUMMARY:\\\\n\r\n", "a backslash before n");
	expect_str(text_of("SUMMARY", ""), "SUMMARY:\r\n", "empty");
	expect_str(text_of("SUMMARY", NULL), "", "NULL writes nothing");
	expect_str(line_of("X;VALUE=TEXT", "a;b,c\\d"), "X;VALUE=TEXT:a;b,c\\d\r\n", "raw value not escaped");
}

/* An escape pair is a unit too: kept whole, on the line after the fold. */
static void escape_pair_is_not_split_by_a_fold(void **state)
{
	(void)state;
	char in[256], want[256];
	snprintf(in, sizeof in, "%s;", run('a', 72));
	snprintf(want, sizeof want, "X:%s\r\n \\;\r\n", run('a', 72));
	expect_str(text_of("X", in), want, "escape at the boundary");
}

static void control_characters_are_dropped(void **state)
{
	(void)state;
	expect_str(text_of("SUMMARY", "a\x01" "b\x1b[31mc\x7f" "d\re"), "SUMMARY:ab[31mcde\r\n", "C0, DEL, lone CR");
	expect_str(text_of("SUMMARY", "a\xc2\x85" "b\xc2\x9b" "c\xc2\xa0" "d"), "SUMMARY:abc\xc2\xa0" "d\r\n",
		"C1 dropped, NBSP kept");
	expect_str(text_of("SUMMARY", "x\xe2\x80\xaey"), "SUMMARY:xy\r\n", "bidi override");
	expect_str(text_of("SUMMARY", "a\tb"), "SUMMARY:a\tb\r\n", "tab stays");
	expect_str(line_of("UID", "a\nb\r\x01" "c"), "UID:abc\r\n", "a raw value cannot break the line");
}

static void invalid_utf8_becomes_replacement_characters(void **state)
{
	(void)state;
	expect_str(text_of("SUMMARY", "a\xff" "b"), "SUMMARY:a\xef\xbf\xbd" "b\r\n", "stray byte");
	expect_str(text_of("SUMMARY", "a\xc3"), "SUMMARY:a\xef\xbf\xbd\r\n", "truncated at the end");
	expect_str(text_of("SUMMARY", "\xc0\x80"), "SUMMARY:\xef\xbf\xbd\xef\xbf\xbd\r\n", "overlong, per byte");
	expect_str(text_of("SUMMARY", "\xed\xa0\x80"), "SUMMARY:\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\r\n",
		"surrogate");
	expect_str(line_of("X", "\x80z"), "X:\xef\xbf\xbdz\r\n", "raw value too");
}

static void calendar_has_its_header_and_crlf_on_every_line(void **state)
{
	(void)state;
	ap_buf b = {0};
	ap_err e = {0};
	ics_writer w;
	ics_begin(&w, &b, "-//acctplan//acctplan 1.0//EN");
	ics_begin_component(&w, "VTODO");
	ics_line(&w, "UID", "task-1@acctplan");
	assert_int_equal(ics_stamp(&w, "DTSTAMP", "2026-12-03T06:26:10Z", &e), AP_OK);
	assert_int_equal(ics_date(&w, "DUE", "2026-12-24", &e), AP_OK);
	ics_int(&w, "SEQUENCE", 3);
	ics_text(&w, "SUMMARY", "Call Ana, then Bo\nabout renewal");
	ics_end_component(&w, "VTODO");
	ics_end(&w);
	assert_well_folded(b.s);
	expect_str(buf_steal(&b),
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//acctplan//acctplan 1.0//EN\r\nCALSCALE:GREGORIAN\r\n"
		"BEGIN:VTODO\r\nUID:task-1@acctplan\r\nDTSTAMP:20261203T062610Z\r\nDUE;VALUE=DATE:20261224\r\n"
		"SEQUENCE:3\r\nSUMMARY:Call Ana\\, then Bo\\nabout renewal\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
		"calendar");
}

static void integers_in_full(void **state)
{
	(void)state;
	ap_buf b = {0};
	ics_writer w = {.out = &b};
	ics_int(&w, "SEQUENCE", 0);
	ics_int(&w, "X-N", -1);
	ics_int(&w, "X-M", 9223372036854775807LL);
	expect_str(buf_steal(&b), "SEQUENCE:0\r\nX-N:-1\r\nX-M:9223372036854775807\r\n", "integers");
}

static void dates_are_written_as_value_date(void **state)
{
	(void)state;
	ap_buf b = {0};
	ap_err e = {0};
	ics_writer w = {.out = &b};
	assert_int_equal(ics_date(&w, "DTSTART", "2028-02-29", &e), AP_OK);
	assert_int_equal(ics_date(&w, "DUE", "1900-01-01", &e), AP_OK);
	expect_str(buf_steal(&b), "DTSTART;VALUE=DATE:20280229\r\nDUE;VALUE=DATE:19000101\r\n", "dates");
}

static void bad_dates_are_refused_and_write_nothing(void **state)
{
	(void)state;
	const char *bad[] = {"2026-02-29", "2026-13-01", "2026-2-28", "20260228", "2026-02-28T00:00:00Z", "",
		"1899-12-31", "2026-02-2x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ap_buf b = {0};
		ap_err e = {0};
		ics_writer w = {.out = &b};
		assert_int_equal(ics_date(&w, "DUE", bad[i], &e), AP_EINPUT);
		assert_int_equal(e.status, AP_EINPUT);
		assert_int_equal(b.len, 0);
		assert_contains(e.msg, "DUE '");
	}
	ap_buf b = {0};
	ap_err e = {0};
	ics_writer w = {.out = &b};
	assert_int_equal(ics_date(&w, "DUE", "2026-02-30", &e), AP_EINPUT);
	assert_string_equal(e.msg, "DUE '2026-02-30' is not a valid date (expected YYYY-MM-DD)");
}

static void stamps_are_written_in_utc_basic_form(void **state)
{
	(void)state;
	ap_buf b = {0};
	ap_err e = {0};
	ics_writer w = {.out = &b};
	assert_int_equal(ics_stamp(&w, "DTSTAMP", "2026-12-03T06:26:10Z", &e), AP_OK);
	assert_int_equal(ics_stamp(&w, "LAST-MODIFIED", "2016-12-31T23:59:60Z", &e), AP_OK);
	expect_str(buf_steal(&b), "DTSTAMP:20261203T062610Z\r\nLAST-MODIFIED:20161231T235960Z\r\n", "stamps");
}

static void bad_stamps_are_refused_and_write_nothing(void **state)
{
	(void)state;
	const char *bad[] = {"2026-12-03T24:00:00Z", "2026-12-03T06:60:10Z", "2026-12-03T06:26:61Z",
		"2026-12-03 06:26:10Z", "2026-12-03T06:26:10", "2026-12-03T06:26:10+01:00", "2026-12-32T06:26:10Z",
		"2026-12-03T6:26:10Z ", "2026-12-03T0a:26:10Z", "20261203T062610Z", "", NULL};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ap_buf b = {0};
		ap_err e = {0};
		ics_writer w = {.out = &b};
		assert_int_equal(ics_stamp(&w, "DTSTAMP", bad[i], &e), AP_EINPUT);
		assert_int_equal(b.len, 0);
	}
	ap_buf b = {0};
	ap_err e = {0};
	ics_writer w = {.out = &b};
	assert_int_equal(ics_stamp(&w, "DTSTAMP", "2026-12-03T06:26:10", &e), AP_EINPUT);
	assert_string_equal(e.msg, "DTSTAMP '2026-12-03T06:26:10' is not a timestamp (expected YYYY-MM-DDTHH:MM:SSZ)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_of_75_octets_is_not_folded_and_76_is),
		cmocka_unit_test(continuation_lines_hold_75_octets_with_their_space),
		cmocka_unit_test(name_counts_toward_the_first_line),
		cmocka_unit_test(character_across_the_fold_moves_whole),
		cmocka_unit_test(folding_round_trips_at_every_offset),
		cmocka_unit_test(text_escapes_backslash_semicolon_comma_and_line_breaks),
		cmocka_unit_test(escape_pair_is_not_split_by_a_fold),
		cmocka_unit_test(control_characters_are_dropped),
		cmocka_unit_test(invalid_utf8_becomes_replacement_characters),
		cmocka_unit_test(calendar_has_its_header_and_crlf_on_every_line),
		cmocka_unit_test(integers_in_full),
		cmocka_unit_test(dates_are_written_as_value_date),
		cmocka_unit_test(bad_dates_are_refused_and_write_nothing),
		cmocka_unit_test(stamps_are_written_in_utc_basic_form),
		cmocka_unit_test(bad_stamps_are_refused_and_write_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
