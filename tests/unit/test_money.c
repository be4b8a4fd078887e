/* test_money.c - amounts in minor units, exactly: parsing and printing by
 * the currency's decimals, rates and conversion with their rounding,
 * periods, and the CSV reader the order import uses. */
#include "unit_helpers.h"

#include "acctplan/csv.h"
#include "acctplan/money.h"

static long long parsed(const char *text, const char *cur, int comma)
{
	long long v = 0;
	ap_err e = {0};
	if (money_parse("amount", text, cur, comma, &v, &e))
		fail_msg("'%s' %s: %s", text, cur, e.msg);
	return v;
}

static void refused(const char *text, const char *cur, int comma, const char *why)
{
	long long v = 12345;
	ap_err e = {0};
	assert_int_equal(money_parse("amount", text, cur, comma, &v, &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, why));
	assert_int_equal(v, 12345);
}

static void amounts_are_minor_units_of_their_currency(void **state)
{
	(void)state;
	assert_int_equal(parsed("12345.67", "EUR", 0), 1234567);
	assert_int_equal(parsed("12345.6", "EUR", 0), 1234560);
	assert_int_equal(parsed("12", "EUR", 0), 1200);
	assert_int_equal(parsed(".5", "EUR", 0), 50);
	assert_int_equal(parsed("-0.01", "USD", 0), -1);
	assert_int_equal(parsed("1200", "JPY", 0), 1200);
	assert_int_equal(parsed("1.234", "BHD", 0), 1234);
	assert_int_equal(parsed("1234,50", "EUR", 1), 123450);
	assert_int_equal(parsed("9999999999999.99", "EUR", 0), 999999999999999LL);
}

static void bad_amounts_are_refused(void **state)
{
	(void)state;
	refused("1.234", "EUR", 0, "more decimals than EUR has (2)");
	refused("1.5", "JPY", 0, "more decimals than JPY has (0)");
	refused("1,234.50", "EUR", 0, "no thousands separators");
	refused("1.234,50", "EUR", 1, "not an amount");
	refused("", "EUR", 0, "not an amount");
	refused("-", "EUR", 0, "not an amount");
	refused("12 EUR", "EUR", 0, "not an amount");
	refused("10000000000000.00", "EUR", 0, "too large");
	refused("5", "EUX", 0, "unknown currency 'EUX'");
	refused("5", "eur", 0, "unknown currency 'eur'");
}

static void amounts_print_with_their_decimals(void **state)
{
	(void)state;
	char out[32];
	money_format(1234567, "EUR", out);
	assert_string_equal(out, "12345.67");
	money_format(-5, "EUR", out);
	assert_string_equal(out, "-0.05");
	money_format(1200, "JPY", out);
	assert_string_equal(out, "1200");
	money_format(1, "BHD", out);
	assert_string_equal(out, "0.001");
	money_format(-999999999999999LL, "EUR", out);
	assert_string_equal(out, "-9999999999999.99");
}

static void conversion_rounds_half_away_from_zero(void **state)
{
	(void)state;
	money_rate r;
	ap_err e = {0};
	assert_int_equal(money_rate_parse("rate", "0.92", &r, &e), AP_OK);
	assert_int_equal(r, 920000000);
	/* 1.00 USD at 0.92 = 0.92 EUR; 0.05 USD = 0.046 -> 0.05; -0.05 -> -0.05. */
	assert_int_equal(money_convert(100, "USD", r, "EUR"), 92);
	assert_int_equal(money_convert(5, "USD", r, "EUR"), 5);
	assert_int_equal(money_convert(-5, "USD", r, "EUR"), -5);
	/* 0.125 exactly half: 1 cent at 12.5 -> 12.5 cents -> 13. */
	assert_int_equal(money_rate_parse("rate", "12.5", &r, &e), AP_OK);
	assert_int_equal(money_convert(1, "EUR", r, "EUR"), 13);
	assert_int_equal(money_convert(-1, "EUR", r, "EUR"), -13);
	/* Into fewer and more decimals: 100 JPY at 0.0061 = 0.61 EUR; 1.00 EUR at 163.5 = 164 JPY. */
	assert_int_equal(money_rate_parse("rate", "0.0061", &r, &e), AP_OK);
	assert_int_equal(money_convert(100, "JPY", r, "EUR"), 61);
	assert_int_equal(money_rate_parse("rate", "163.5", &r, &e), AP_OK);
	assert_int_equal(money_convert(100, "EUR", r, "JPY"), 164);
	/* Large amounts do not overflow: 9,999,999,999,999.99 at 1.5. */
	assert_int_equal(money_rate_parse("rate", "1.5", &r, &e), AP_OK);
	assert_int_equal(money_convert(999999999999999LL, "EUR", r, "USD"), 1499999999999999LL);
	assert_int_equal(money_rate_parse("rate", "0", &r, &e), AP_EINPUT);
	assert_int_equal(money_rate_parse("rate", "-1", &r, &e), AP_EINPUT);
	assert_int_equal(money_rate_parse("rate", "1.0000000001", &r, &e), AP_EINPUT);
}

static void periods_are_months_or_quarters(void **state)
{
	(void)state;
	money_period p;
	ap_err e = {0};
	char a[11], b[11];
	assert_int_equal(money_period_parse("period", "2026-Q4", &p, &e), AP_OK);
	assert_int_equal(p.kind, PERIOD_QUARTER);
	money_period_days(&p, a, b);
	assert_string_equal(a, "2026-10-01");
	assert_string_equal(b, "2026-12-31");
	assert_int_equal(money_period_parse("period", "2024-02", &p, &e), AP_OK);
	money_period_days(&p, a, b);
	assert_string_equal(b, "2024-02-29");
	assert_int_equal(money_period_parse("period", "2026-02", &p, &e), AP_OK);
	money_period_days(&p, a, b);
	assert_string_equal(b, "2026-02-28");
	static const char *const bad[] = {"2026-Q5", "2026-Q0", "2026-13", "2026-00", "2026-1", "26-01", "2026-01-01",
		"2026/01", "2026-q1", "", "1899-12"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (money_period_parse("period", bad[i], &p, &e) != AP_EINPUT)
			fail_msg("'%s' was taken for a period", bad[i]);
}

/* Moving by quarters keeps a quarter a quarter and a month its place in one. */
static void periods_move_by_whole_quarters(void **state)
{
	(void)state;
	static const struct { const char *from; int q; const char *to; } cases[] = {
		{"2026-Q4", 1, "2027-Q1"}, {"2026-Q1", -1, "2025-Q4"}, {"2026-11", 1, "2027-02"},
		{"2026-01", -1, "2025-10"}, {"2026-03", 8, "2028-03"}, {"2026-Q2", 0, "2026-Q2"},
		{"9999-Q3", 1, "9999-Q4"}, {"1900-03", -1, NULL}, {"9999-10", 1, NULL}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		money_period p;
		char out[8];
		assert_int_equal(money_period_parse("period", cases[i].from, &p, NULL), AP_OK);
		money_period before = p;
		int rc = money_period_move(&p, cases[i].q);
		if (!cases[i].to) {
			assert_int_equal(rc, -1);
			assert_memory_equal(&p, &before, sizeof p);
			continue;
		}
		assert_int_equal(rc, 0);
		money_period_format(&p, out);
		assert_string_equal(out, cases[i].to);
	}
}

static void csv_reads_quotes_crlf_and_a_byte_order_mark(void **state)
{
	(void)state;
	static const char data[] = "\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\r\n\"two\nlines\",z,\n";
	csv_reader r;
	ap_err e = {0};
	long line;
	csv_init(&r, data, sizeof data - 1, ',');
	assert_int_equal(csv_next(&r, &line, &e), 1);
	assert_int_equal(line, 1);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.v[0], "a");
	assert_int_equal(csv_next(&r, &line, &e), 1);
	assert_int_equal(line, 2);
	assert_string_equal(r.v[0], "x, y");
	assert_string_equal(r.v[1], "say \"hi\"");
	assert_string_equal(r.v[2], "");
	assert_int_equal(csv_next(&r, &line, &e), 1);
	assert_int_equal(line, 4);
	assert_string_equal(r.v[0], "two\nlines");
	assert_int_equal(csv_next(&r, &line, &e), 0);
	csv_free(&r);
	static const char open[] = "a,b\n\"never closed,c\n";
	csv_init(&r, open, sizeof open - 1, ',');
	assert_int_equal(csv_next(&r, &line, &e), 1);
	assert_int_equal(csv_next(&r, &line, &e), -1);
	assert_non_null(strstr(e.msg, "line 2: a quote opened there is never closed"));
	csv_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(amounts_are_minor_units_of_their_currency),
		cmocka_unit_test(bad_amounts_are_refused),
		cmocka_unit_test(amounts_print_with_their_decimals),
		cmocka_unit_test(conversion_rounds_half_away_from_zero),
		cmocka_unit_test(periods_are_months_or_quarters),
		cmocka_unit_test(periods_move_by_whole_quarters),
		cmocka_unit_test(csv_reads_quotes_crlf_and_a_byte_order_mark),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
