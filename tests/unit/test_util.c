/* test_util.c - dates, text checks, names, buffers and reading files (writing them: test_outfile.c). */
#include <limits.h>
#include <locale.h>
#include <sys/stat.h>
#include <time.h>

#include <utf8proc.h>

#include "unit_helpers.h"
#include "acctplan/model.h"
#include "acctplan/text.h"

/* ---- dates ---- */

static void date_parse_accepts_real_calendar_days(void **state)
{
	(void)state;
	long d;
	assert_int_equal(ap_date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(ap_date_parse("2000-03-01", &d), 0);
	assert_int_equal(d, 11017);
	assert_int_equal(ap_date_parse("2024-02-29", &d), 0);   /* leap year */
	assert_int_equal(ap_date_parse("2000-02-29", &d), 0);   /* leap century */
	assert_int_equal(ap_date_parse("1900-01-01", &d), 0);
	assert_int_equal(d, -25567);
	assert_int_equal(ap_date_parse("9999-12-31", NULL), 0);
	assert_int_equal(ap_date_parse("2026-12-31", NULL), 0);
}

static void stale_date_parse_rejects_feb_30(void **state)
{
	(void)state;
	long d = 42;
	assert_int_equal(ap_date_parse("2026-02-30", &d), -1);
	assert_int_equal(d, 42);   /* untouched on failure */
	assert_int_equal(ap_date_parse("2026-04-31", NULL), -1);
}

static void date_parse_rejects_feb_29_outside_leap_years(void **state)
{
	(void)state;
	assert_int_equal(ap_date_parse("2026-02-29", NULL), -1);
	assert_int_equal(ap_date_parse("1900-02-29", NULL), -1);  /* century, not leap */
	assert_int_equal(ap_date_parse("2100-02-29", NULL), -1);
}

static void date_parse_rejects_month_13_day_0_and_years_out_of_range(void **state)
{
	(void)state;
	const char *bad[] = {"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "1899-12-31", "0000-01-01"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (ap_date_parse(bad[i], NULL) != -1)
			fail_msg("'%s' was accepted", bad[i]);
}

static void date_parse_rejects_unpadded_and_garbage_forms(void **state)
{
	(void)state;
	const char *bad[] = {"26-1-1", "2026-1-01", "2026-01-1", "2026/01/01", "2026-01-01x", " 2026-01-01",
		"2026-01-01 ", "", "garbage", "abcd-ef-gh", "+026-01-01", "2026-0x-01", "20260101"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (ap_date_parse(bad[i], NULL) != -1)
			fail_msg("'%s' was accepted", bad[i]);
	assert_int_equal(ap_date_parse(NULL, NULL), -1);
}

static void date_format_round_trips_every_day_from_1900_to_2200(void **state)
{
	(void)state;
	long first, last;
	assert_int_equal(ap_date_parse("1900-01-01", &first), 0);
	assert_int_equal(ap_date_parse("2200-12-31", &last), 0);
	char out[11];
	long days = 0, prev = first - 1;
	for (long z = first; z <= last; z++) {
		ap_date_format(z, out);
		if (ap_date_parse(out, &days) != 0 || days != z)
			fail_msg("day %ld formats as '%s' which parses back as %ld", z, out, days);
		assert_int_equal(days, prev + 1);
		prev = days;
	}
	ap_date_format(0, out);
	assert_string_equal(out, "1970-01-01");
}

static void today_is_pinned_by_ACCTPLAN_TODAY(void **state)
{
	(void)state;
	long want;
	assert_int_equal(ap_date_parse("2026-11-23", &want), 0);
	setenv("ACCTPLAN_TODAY", "2026-11-23", 1);
	assert_int_equal(ap_today(), want);
	unsetenv("ACCTPLAN_TODAY");
}

static void today_ignores_a_malformed_pin_and_uses_the_clock(void **state)
{
	(void)state;
	setenv("ACCTPLAN_TODAY", "2026-02-30", 1);
	long got = ap_today();
	unsetenv("ACCTPLAN_TODAY");
	long clock = (long)(time(NULL) / 86400);
	/* Local time may be a day either side of UTC. */
	assert_in_range(got, clock - 1, clock + 1);
}

/* An answer or a note is dated when it was learnt: up to tomorrow (a day
 * of slack for time zones), never later; the last day acctplan keeps has
 * no tomorrow. A date that is not one is refused as ap_date_check does. */
static void date_check_not_ahead_allows_tomorrow_and_refuses_later(void **state)
{
	(void)state;
	ap_err e = {0};
	setenv("ACCTPLAN_TODAY", "2026-12-31", 1);
	assert_int_equal(ap_date_check_not_ahead("--date", "1900-01-01", &e), AP_OK);
	assert_int_equal(ap_date_check_not_ahead("--date", "2026-12-31", &e), AP_OK);
	assert_int_equal(ap_date_check_not_ahead("--date", "2027-01-01", &e), AP_OK);
	assert_int_equal(ap_date_check_not_ahead("--date", "2027-01-02", &e), AP_EINPUT);
	assert_string_equal(e.msg, "--date '2027-01-02' is in the future (today is 2026-12-31)");
	assert_int_equal(ap_date_check_not_ahead("date", "2027-02-30", &e), AP_EINPUT);
	assert_string_equal(e.msg, "date '2027-02-30' is not a valid date (expected YYYY-MM-DD)");
	setenv("ACCTPLAN_TODAY", AP_DATE_LAST, 1);
	assert_int_equal(ap_date_check_not_ahead("--date", AP_DATE_LAST, &e), AP_OK);
	unsetenv("ACCTPLAN_TODAY");
}

/* The range's ends are the constants util.h gives, and the days beside
 * them are refused: whatever acctplan writes has a four-digit year >= 1900. */
static void date_range_ends_are_its_constants_and_the_days_beside_are_refused(void **state)
{
	(void)state;
	long d = 42;
	assert_int_equal(ap_date_parse(AP_DATE_FIRST, &d), 0);
	assert_int_equal(d, AP_DAY_FIRST);
	assert_int_equal(ap_date_parse(AP_DATE_LAST, &d), 0);
	assert_int_equal(d, AP_DAY_LAST);
	d = 42;
	assert_int_equal(ap_date_parse("1899-12-31", &d), -1);
	assert_int_equal(ap_date_parse("0001-01-01", &d), -1);
	assert_int_equal(d, 42);
	ap_err e = {0};
	assert_int_equal(ap_date_check("--date", "1899-12-31", NULL, &e), AP_EINPUT);
	assert_string_equal(e.msg, "--date '1899-12-31' is outside the dates acctplan keeps (1900-01-01 to 9999-12-31)");
	assert_int_equal(ap_date_check("--date", "0000-01-01", NULL, &e), AP_EINPUT);
	assert_string_equal(e.msg, "--date '0000-01-01' is not a valid date (expected YYYY-MM-DD)");
}

static void date_add_refuses_to_leave_the_range_and_never_overflows(void **state)
{
	(void)state;
	long d = 42;
	assert_int_equal(ap_date_add(AP_DAY_LAST - 1, 1, &d), 0);
	assert_int_equal(d, AP_DAY_LAST);
	assert_int_equal(ap_date_add(AP_DAY_FIRST + 1, -1, &d), 0);
	assert_int_equal(d, AP_DAY_FIRST);
	d = 42;
	assert_int_equal(ap_date_add(AP_DAY_LAST, 1, &d), -1);
	assert_int_equal(ap_date_add(AP_DAY_FIRST, -1, &d), -1);
	assert_int_equal(ap_date_add(0, LONG_MAX, &d), -1);
	assert_int_equal(ap_date_add(0, LONG_MIN, &d), -1);
	assert_int_equal(ap_date_add(LONG_MAX, -1, &d), -1);   /* a day out of range to begin with */
	assert_int_equal(d, 42);
}

/* The same day of another month, the month's last where it has fewer
 * days; never a day outside the range, never an overflow. */
static void date_add_months_keeps_the_day_or_the_months_last(void **state)
{
	(void)state;
	long d, from;
	char out[11];
	static const struct { const char *from; long months; const char *to; } cases[] = {
		{"2026-11-23", -6, "2026-05-23"}, {"2026-03-31", -1, "2026-02-28"}, {"2028-02-29", -12, "2027-02-28"},
		{"2027-12-31", 2, "2028-02-29"}, {"2026-01-15", -13, "2024-12-15"}, {"2026-11-23", 0, "2026-11-23"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(ap_date_parse(cases[i].from, &from), 0);
		assert_int_equal(ap_date_add_months(from, cases[i].months, &d), 0);
		ap_date_format(d, out);
		assert_string_equal(out, cases[i].to);
	}
	d = 42;
	assert_int_equal(ap_date_add_months(AP_DAY_LAST, 1, &d), -1);
	assert_int_equal(ap_date_add_months(AP_DAY_FIRST, -1, &d), -1);
	assert_int_equal(ap_date_add_months(0, LONG_MAX, &d), -1);
	assert_int_equal(ap_date_add_months(0, LONG_MIN, &d), -1);
	assert_int_equal(ap_date_add_months(LONG_MAX, 0, &d), -1);
	assert_int_equal(d, 42);
}

/* A day outside the range is a bug of the caller; it still comes out as a
 * date that reads back, never year 0000 or a wrapped year. */
static void date_format_clamps_a_day_outside_the_range(void **state)
{
	(void)state;
	char out[11];
	ap_date_format(AP_DAY_LAST + 1, out);
	assert_string_equal(out, "9999-12-31");
	ap_date_format(LONG_MAX, out);
	assert_string_equal(out, "9999-12-31");
	ap_date_format(AP_DAY_FIRST - 1, out);
	assert_string_equal(out, "1900-01-01");
	ap_date_format(LONG_MIN, out);
	assert_string_equal(out, "1900-01-01");
}

static void today_check_refuses_a_pin_that_is_not_a_date_in_range(void **state)
{
	(void)state;
	ap_err e = {0};
	unsetenv("ACCTPLAN_TODAY");
	assert_int_equal(ap_today_check(&e), AP_OK);
	setenv("ACCTPLAN_TODAY", "", 1);
	assert_int_equal(ap_today_check(&e), AP_OK);   /* empty is unset, as for ap_today */
	setenv("ACCTPLAN_TODAY", "9999-12-31", 1);
	assert_int_equal(ap_today_check(&e), AP_OK);
	assert_int_equal(ap_today(), AP_DAY_LAST);
	setenv("ACCTPLAN_TODAY", "10000-01-01", 1);
	assert_int_equal(ap_today_check(&e), AP_EINPUT);
	assert_string_equal(e.msg, "ACCTPLAN_TODAY '10000-01-01' is not a valid date (expected YYYY-MM-DD)");
	setenv("ACCTPLAN_TODAY", "1899-12-31", 1);
	assert_int_equal(ap_today_check(&e), AP_EINPUT);
	assert_string_equal(e.msg, "ACCTPLAN_TODAY '1899-12-31' is outside the dates acctplan keeps (1900-01-01 to 9999-12-31)");
	unsetenv("ACCTPLAN_TODAY");
}

static void date_check_names_the_field_and_the_value(void **state)
{
	(void)state;
	ap_err e = {0};
	assert_int_equal(ap_date_check("--date", "2026-02-30", NULL, &e), AP_EINPUT);
	assert_int_equal(e.status, AP_EINPUT);
	assert_string_equal(e.msg, "--date '2026-02-30' is not a valid date (expected YYYY-MM-DD)");
	long d = 0;
	assert_int_equal(ap_date_check("--date", "2026-03-01", &d, &e), AP_OK);
	assert_true(d > 0);
}

/* ---- text ---- */

static void utf8_valid_accepts_every_sequence_length(void **state)
{
	(void)state;
	const char *ok = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";   /* a é € 😀 */
	assert_true(ap_utf8_valid(ok, strlen(ok)));
	assert_true(ap_utf8_valid("", 0));
	assert_true(ap_utf8_valid("\xf4\x8f\xbf\xbf", 4));   /* U+10FFFF, the last code point */
}

static void utf8_valid_rejects_overlong_surrogate_truncated_and_stray_bytes(void **state)
{
	(void)state;
	const char *bad[] = {
		"\xff", "\xfe", "\x80", "a\xbf",          /* never valid, stray continuation */
		"\xc0\xaf", "\xe0\x80\xaf", "\xf0\x80\x80\xaf",  /* overlong '/' */
		"\xed\xa0\x80",                           /* surrogate U+D800 */
		"\xf4\x90\x80\x80",                       /* past U+10FFFF */
		"\xe2\x82", "\xf0\x9f\x98",               /* cut short */
		"\xc3\x28",                               /* bad continuation */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (ap_utf8_valid(bad[i], strlen(bad[i])))
			fail_msg("invalid sequence #%zu accepted", i);
	/* Length is honoured: a valid prefix of an invalid buffer is valid. */
	assert_true(ap_utf8_valid("ab\xff", 2));
}

static void text_check_accepts_exactly_the_limit_and_refuses_one_byte_more(void **state)
{
	(void)state;
	char *s = xmalloc(AP_TEXT_MAX + 2);
	memset(s, 'x', AP_TEXT_MAX + 1);
	s[AP_TEXT_MAX] = '\0';
	ap_err e = {0};
	assert_int_equal(ap_text_check("note", s, 1, &e), AP_OK);
	s[AP_TEXT_MAX] = 'x';
	s[AP_TEXT_MAX + 1] = '\0';
	assert_int_equal(ap_text_check("note", s, 1, &e), AP_EINPUT);
	assert_string_equal(e.msg, "note is 65537 bytes long; the limit is 65536 bytes");
	free(s);
}

static void text_check_refuses_invalid_utf8_naming_the_field(void **state)
{
	(void)state;
	ap_err e = {0};
	assert_int_equal(ap_text_check("account name", "Bad\xffName", 0, &e), AP_EINPUT);
	assert_string_equal(e.msg, "account name is not valid UTF-8");
}

static void text_check_allows_newlines_only_in_multiline_fields(void **state)
{
	(void)state;
	ap_err e = {0};
	assert_int_equal(ap_text_check("note", "line one\nline two\r\n\tindented", 1, &e), AP_OK);
	assert_int_equal(ap_text_check("name", "tab\tok", 0, &e), AP_OK);
	assert_int_equal(ap_text_check("name", "two\nlines", 0, &e), AP_EINPUT);
	assert_string_equal(e.msg, "name contains a control character (byte 4)");
	assert_int_equal(ap_text_check("note", "bell\a", 1, &e), AP_EINPUT);
	assert_string_equal(e.msg, "note contains a control character (byte 5)");
	assert_int_equal(ap_text_check("note", "del\x7f", 1, &e), AP_EINPUT);
	assert_int_equal(ap_text_check("note", "esc\x1b[31m", 1, &e), AP_EINPUT);
}

/* ---- names ---- */

static void name_check_refuses_blank_names_and_blanks_at_either_end(void **state)
{
	(void)state;
	ap_err e = {0};
	assert_int_equal(ap_name_check("account name", "Acme Corp", &e), AP_OK);
	assert_int_equal(ap_name_check("account name", " \t ", &e), AP_EINPUT);
	assert_string_equal(e.msg, "account name is empty");
	assert_int_equal(ap_name_check("account name", "", &e), AP_EINPUT);
	assert_int_equal(ap_name_check("account name", "Acme ", &e), AP_EINPUT);
	assert_string_equal(e.msg, "account name 'Acme ' starts or ends with a blank");
	assert_int_equal(ap_name_check("contact name", "\tAna", &e), AP_EINPUT);
	assert_int_equal(ap_name_check("contact name", "Ana\nBell", &e), AP_EINPUT);
	assert_string_equal(e.msg, "contact name contains a control character (byte 4)");
}

/* A text that must say something (issue 11): blanks of any kind,
 * invisible characters and a lone mark say nothing. */
static void text_shows_needs_a_visible_character(void **state)
{
	(void)state;
	ap_err e = {0};
	assert_int_equal(ap_text_shows("answer", "Cars", &e), AP_OK);
	assert_int_equal(ap_text_shows("answer", " \t\r\n x", &e), AP_OK);
	assert_int_equal(ap_text_shows("answer", "\xe2\x80\x8b\xe2\x9c\x93", &e), AP_OK);   /* ZWSP, check mark */
	assert_int_equal(ap_text_shows("answer", "", &e), AP_EINPUT);
	assert_string_equal(e.msg, "answer is empty");
	assert_int_equal(ap_text_shows("note", " \t\r\n ", &e), AP_EINPUT);
	assert_string_equal(e.msg, "note is empty");
	/* NBSP, ideographic space, em space, zero-width space, BOM, a combining acute */
	const char *nothing[] = {"\xc2\xa0", "\xe3\x80\x80 ", "\xe2\x80\x83", "\xe2\x80\x8b\n",
		"\xef\xbb\xbf", " \xcc\x81"};
	for (size_t i = 0; i < sizeof nothing / sizeof *nothing; i++) {
		assert_int_equal(ap_text_shows("answer", nothing[i], &e), AP_EINPUT);
		assert_string_equal(e.msg, "answer has no visible character");
	}
}

static void name_parse_lists_the_allowed_names_when_unknown(void **state)
{
	(void)state;
	ap_err e = {0};
	assert_int_equal(ap_name_parse(&ap_tiers, "product", &e), TIER_PRODUCT);
	assert_int_equal(ap_name_parse(&ap_tiers, "Product", &e), -1);   /* exact, like the store's CHECKs */
	assert_int_equal(ap_name_parse(&ap_tiers, "boss", &e), -1);
	assert_int_equal(e.status, AP_EINPUT);
	assert_string_equal(e.msg, "unknown tier 'boss' (expected sales, product or executive)");
	assert_int_equal(ap_name_parse(&ap_tiers, NULL, &e), -1);
}

static void names_join_uses_the_last_separator_once(void **state)
{
	(void)state;
	char *s = ap_names_join(&ap_confidences, " or ");
	assert_string_equal(s, "low, medium or high");
	free(s);
	static const char *const one_v[] = {"only"};
	const ap_names one = {"thing", one_v, 1};
	s = ap_names_join(&one, " or ");
	assert_string_equal(s, "only");
	free(s);
}

/* ---- errors and buffers ---- */

static void err_context_prefixes_what_was_being_done(void **state)
{
	(void)state;
	ap_err e = {0};
	assert_int_equal(ap_fail(&e, AP_ESTORE, "database is locked (%d)", 5), AP_ESTORE);
	ap_err_context(&e, "saving answer for '%s'", "Acme");
	assert_string_equal(e.msg, "saving answer for 'Acme': database is locked (5)");
	assert_int_equal(e.status, AP_ESTORE);
	assert_int_equal(ap_fail(NULL, AP_EINPUT, "ignored"), AP_EINPUT);
	ap_err_context(NULL, "nothing to do");
}

static void err_message_is_cut_at_its_buffer_not_past_it(void **state)
{
	(void)state;
	ap_err e = {0};
	char *big = xmalloc(4000);
	memset(big, 'y', 3999);
	big[3999] = '\0';
	ap_fail(&e, AP_EINPUT, "%s", big);
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
	ap_err_context(&e, "ctx");
	assert_int_equal(strncmp(e.msg, "ctx: yyy", 8), 0);
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
	free(big);
}

static void buf_grows_across_many_appends_and_steal_empties_it(void **state)
{
	(void)state;
	ap_buf b = {0};
	for (int i = 0; i < 10000; i++)
		buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 20000);
	assert_int_equal(strlen(b.s), 20000);
	assert_int_equal(strncmp(b.s, "0,1,2,", 6), 0);
	buf_add(&b, "a\0b", 3);   /* binary-safe: length, not strlen */
	assert_int_equal(b.len, 20003);
	char *s = buf_steal(&b);
	assert_null(b.s);
	assert_int_equal(b.len, 0);
	free(s);
	s = buf_steal(&b);          /* nothing added: an empty string, never NULL */
	assert_string_equal(s, "");
	free(s);
	char *big = xasprintf("%0*d", 5000, 7);
	assert_int_equal(strlen(big), 5000);
	free(big);
}

/* ---- files and paths ---- */

static void strndup_stops_at_n_bytes_or_at_the_string_end(void **state)
{
	(void)state;
	char *p;
	assert_string_equal(p = xstrndup("account", 3), "acc");
	free(p);
	assert_string_equal(p = xstrndup("ab", 10), "ab");
	free(p);
	assert_string_equal(p = xstrndup("ab", 0), "");
	free(p);
}

static void expand_home_only_expands_a_leading_tilde(void **state)
{
	(void)state;
	char *old = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	setenv("HOME", "/home/dana", 1);
	char *p;
	assert_string_equal(p = ap_expand_home("~/x/accounts.db"), "/home/dana/x/accounts.db");
	free(p);
	assert_string_equal(p = ap_expand_home("~"), "/home/dana");
	free(p);
	assert_string_equal(p = ap_expand_home("~other/x"), "~other/x");
	free(p);
	assert_string_equal(p = ap_expand_home("a/~/b"), "a/~/b");
	free(p);
	if (old)
		setenv("HOME", old, 1);
	free(old);
}

static void mkdirs_creates_every_missing_folder_with_the_mode(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *deep = xasprintf("%s/a/b/c", dir);
	ap_err e = {0};
	mode_t old = umask(0);
	int rc = ap_mkdirs(deep, 0700, &e);
	umask(old);
	assert_int_equal(rc, AP_OK);
	struct stat sb;
	assert_int_equal(stat(deep, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(ap_mkdirs(deep, 0700, &e), AP_OK);   /* existing is fine */
	free(deep);
	rm_tree(dir);
}

static void mkdirs_reports_a_file_in_the_way(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *file = write_tmp(dir, "plain", "x");
	char *under = xasprintf("%s/sub/deeper", file);
	ap_err e = {0};
	assert_int_equal(ap_mkdirs(under, 0700, &e), AP_ESTORE);
	assert_contains(e.msg, "cannot create directory");
	assert_contains(e.msg, "Not a directory");
	free(under);
	free(file);
	rm_tree(dir);
}

static void mkdirs_refuses_an_empty_path(void **state)
{
	(void)state;
	ap_err e = {0};
	assert_int_equal(ap_mkdirs("", 0700, &e), AP_ESTORE);
	assert_contains(e.msg, "cannot create directory ''");
}

static void read_file_returns_every_byte_and_its_length(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *path = xasprintf("%s/bin", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	char data[200000];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (char)(i * 7);
	assert_int_equal(fwrite(data, 1, sizeof data, f), sizeof data);
	fclose(f);
	char *out = NULL;
	size_t len = 0;
	ap_err e = {0};
	assert_int_equal(ap_read_file(path, &out, &len, &e), AP_OK);
	assert_int_equal(len, sizeof data);
	assert_memory_equal(out, data, sizeof data);
	assert_int_equal(out[len], '\0');
	free(out);
	free(path);
	rm_tree(dir);
}

static void read_file_reports_missing_file_and_directory(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *missing = xasprintf("%s/nope", dir);
	char *out = NULL;
	ap_err e = {0};
	assert_int_equal(ap_read_file(missing, &out, NULL, &e), AP_EINPUT);
	assert_contains(e.msg, "cannot read");
	assert_contains(e.msg, "No such file or directory");
	assert_int_equal(ap_read_file(dir, &out, NULL, &e), AP_EINPUT);
	assert_contains(e.msg, "Is a directory");
	assert_null(out);
	free(missing);
	rm_tree(dir);
}

/* ---- screen widths ---- */

static int utf8_locale(void **state)
{
	(void)state;
	return setlocale(LC_CTYPE, "C.UTF-8") ? 0 : -1;
}

static void display_width_counts_wide_as_two_and_combining_as_zero(void **state)
{
	(void)state;
	assert_int_equal(ap_display_width("abc"), 3);
	assert_int_equal(ap_display_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);   /* 日本 */
	assert_int_equal(ap_display_width("e\xcc\x81"), 1);                  /* e + combining acute */
	assert_int_equal(ap_display_width(""), 0);
	assert_int_equal(ap_display_width(NULL), 0);
	assert_int_equal(ap_display_width("a\xff" "b"), 3);   /* a bad byte takes one column */
}

static void fit_never_splits_a_wide_character(void **state)
{
	(void)state;
	const char *s = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";   /* 日本語: 3 bytes, 2 columns each */
	int used = -1;
	assert_int_equal(ap_fit(s, 3, &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(ap_fit(s, 1, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(ap_fit(s, 80, &used), 9);
	assert_int_equal(used, 6);
	assert_int_equal(ap_fit("caf\xc3\xa9!", 4, NULL), 5);   /* é kept whole */
}

/* A name in ASCII takes a shortcut to its key: every ASCII character, next
 * to letters of either case, keys as utf8proc's full mapping keys it. */
static void name_key_of_ascii_is_utf8procs_own(void **state)
{
	(void)state;
	for (int c = 1; c < 128; c++) {
		char name[] = {'A', (char)c, 'z', (char)c, '\0'};
		utf8proc_uint8_t *full = NULL;
		assert_true(utf8proc_map((const utf8proc_uint8_t *)name, 0, &full, UTF8PROC_NULLTERM | UTF8PROC_STABLE |
			UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE) >= 0);
		char *key = ap_name_key(name);
		assert_string_equal(key, (char *)full);
		free(key);
		free(full);
	}
	char *key = ap_name_key("ACME \xc3\x89tude\xe2\x80\x8b Co");   /* past ASCII: the full mapping */
	assert_string_equal(key, "acme \xc3\xa9tude co");
	free(key);
	key = ap_name_key("");
	assert_string_equal(key, "");
	free(key);
}

static void text_words_count_runs_with_a_letter_or_digit(void **state)
{
	(void)state;
	assert_int_equal(ap_text_words("board decides Monday"), 3);
	assert_int_equal(ap_text_words("  board\tdecides\n\nMonday  "), 3);
	assert_int_equal(ap_text_words("board\xc2\xa0" "decides"), 2);          /* a no-break space parts words */
	assert_int_equal(ap_text_words("Q2 - - 30.11."), 2);                  /* dashes alone are no word */
	assert_int_equal(ap_text_words("\xc3\xa9t\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac"), 2);   /* été 日本 */
	assert_int_equal(ap_text_words("   "), 0);
	assert_int_equal(ap_text_words(""), 0);
}

/* A byte to escape at every place of texts of every length around the
 * four-byte steps of the plain scan: it is escaped where it is, the plain
 * bytes around it pass as they are, and a line feed passes only where kept. */
static void text_escape_finds_a_byte_at_every_place(void **state)
{
	(void)state;
	for (size_t n = 1; n <= 13; n++)
		for (size_t at = 0; at < n; at++)
			for (int k = 0; k < 3; k++) {
				const char odd = k == 0 ? '\x1b' : k == 1 ? '\n' : '\x7f';
				char in[16], want[64];
				memset(in, 'a' + (int)(n % 26), n);
				in[at] = odd;
				for (int keep = 0; keep <= 1; keep++) {
					ap_buf b = {0};
					ap_text_escape(&b, in, n, keep);
					if (odd == '\n' && keep)
						snprintf(want, sizeof want, "%.*s", (int)n, in);
					else
						snprintf(want, sizeof want, "%.*s\\u%04x%.*s", (int)at, in, (unsigned)odd,
							(int)(n - at - 1), in + at + 1);
					assert_int_equal(b.len, strlen(want));
					assert_memory_equal(b.s, want, b.len);
					buf_free(&b);
				}
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_escape_finds_a_byte_at_every_place),
		cmocka_unit_test(date_parse_accepts_real_calendar_days),
		cmocka_unit_test(stale_date_parse_rejects_feb_30),
		cmocka_unit_test(date_parse_rejects_feb_29_outside_leap_years),
		cmocka_unit_test(date_parse_rejects_month_13_day_0_and_years_out_of_range),
		cmocka_unit_test(date_parse_rejects_unpadded_and_garbage_forms),
		cmocka_unit_test(date_format_round_trips_every_day_from_1900_to_2200),
		cmocka_unit_test(today_is_pinned_by_ACCTPLAN_TODAY),
		cmocka_unit_test(today_ignores_a_malformed_pin_and_uses_the_clock),
		cmocka_unit_test(date_check_names_the_field_and_the_value),
		cmocka_unit_test(date_check_not_ahead_allows_tomorrow_and_refuses_later),
		cmocka_unit_test(date_range_ends_are_its_constants_and_the_days_beside_are_refused),
		cmocka_unit_test(date_add_refuses_to_leave_the_range_and_never_overflows),
		cmocka_unit_test(date_add_months_keeps_the_day_or_the_months_last),
		cmocka_unit_test(date_format_clamps_a_day_outside_the_range),
		cmocka_unit_test(today_check_refuses_a_pin_that_is_not_a_date_in_range),
		cmocka_unit_test(utf8_valid_accepts_every_sequence_length),
		cmocka_unit_test(utf8_valid_rejects_overlong_surrogate_truncated_and_stray_bytes),
		cmocka_unit_test(text_check_accepts_exactly_the_limit_and_refuses_one_byte_more),
		cmocka_unit_test(text_check_refuses_invalid_utf8_naming_the_field),
		cmocka_unit_test(text_check_allows_newlines_only_in_multiline_fields),
		cmocka_unit_test(name_check_refuses_blank_names_and_blanks_at_either_end),
		cmocka_unit_test(text_shows_needs_a_visible_character),
		cmocka_unit_test(text_words_count_runs_with_a_letter_or_digit),
		cmocka_unit_test(name_key_of_ascii_is_utf8procs_own),
		cmocka_unit_test(name_parse_lists_the_allowed_names_when_unknown),
		cmocka_unit_test(names_join_uses_the_last_separator_once),
		cmocka_unit_test(err_context_prefixes_what_was_being_done),
		cmocka_unit_test(err_message_is_cut_at_its_buffer_not_past_it),
		cmocka_unit_test(buf_grows_across_many_appends_and_steal_empties_it),
		cmocka_unit_test(strndup_stops_at_n_bytes_or_at_the_string_end),
		cmocka_unit_test(expand_home_only_expands_a_leading_tilde),
		cmocka_unit_test(mkdirs_creates_every_missing_folder_with_the_mode),
		cmocka_unit_test(mkdirs_reports_a_file_in_the_way),
		cmocka_unit_test(mkdirs_refuses_an_empty_path),
		cmocka_unit_test(read_file_returns_every_byte_and_its_length),
		cmocka_unit_test(read_file_reports_missing_file_and_directory),
		cmocka_unit_test_setup(display_width_counts_wide_as_two_and_combining_as_zero, utf8_locale),
		cmocka_unit_test_setup(fit_never_splits_a_wide_character, utf8_locale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
