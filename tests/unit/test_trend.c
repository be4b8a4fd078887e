/* test_trend.c - the growth of orders, by hand: slopes and annualised
 * growths worked out on paper, the window of complete quarters, one
 * currency or a conversion, and the boundary of divergence from a chain. */
#include <math.h>

#include "unit_helpers.h"

#include "acctplan/trend.h"

static long day(const char *text)
{
	long d = 0;
	if (ap_date_parse(text, &d))
		fail_msg("bad day %s", text);
	return d;
}

static void slope_is_least_squares(void **state)
{
	(void)state;
	const double x[] = {0, 1, 2, 3}, line[] = {1, 3, 5, 7}, zigzag[] = {0, 1, 0, 1};
	assert_float_equal(trend_slope(x, line, 4), 2.0, 1e-12);
	/* mean x 1.5, mean y 0.5: sxy = 0.75 - 0.25 - 0.25 + 0.75 = 1, sxx = 5. */
	assert_float_equal(trend_slope(x, zigzag, 4), 0.2, 1e-12);
	assert_float_equal(trend_slope(x, line, 1), 0.0, 0);
}

static void growth_is_the_slope_of_the_log_annualised(void **state)
{
	(void)state;
	double g = NAN;
	/* Doubling every quarter: slope ln 2, (2^4 - 1) x 100 = +1500 %. */
	const long long doubling[] = {100, 200, 400, 800};
	assert_int_equal(trend_fit(doubling, 4, &g), 4);
	assert_float_equal(g, 1500.0, 1e-9);
	/* ln of 1000 x 2^{0,1,1,2}: slope 0.6 ln 2 (sxy 3, sxx 5), so
	 * (2^2.4 - 1) x 100 = 427.8031643... */
	const long long steps[] = {1000, 2000, 2000, 4000};
	assert_int_equal(trend_fit(steps, 4, &g), 4);
	assert_float_equal(g, (pow(2, 2.4) - 1) * 100, 1e-9);
	assert_float_equal(g, 427.8031643, 1e-6);
	/* Halving every quarter: (1/16 - 1) x 100 = -93.75 %. */
	const long long halving[] = {16000, 8000, 4000, 2000, 1000};
	assert_int_equal(trend_fit(halving, 5, &g), 5);
	assert_float_equal(g, -93.75, 1e-9);
}

static void quarters_at_or_below_zero_are_left_out_at_their_place(void **state)
{
	(void)state;
	double g = NAN;
	/* Quarters 0, 2, 4 and 6 fitted at their places: slope ln 2 / 2 a quarter, (2^2 - 1) x 100 = +300 %. */
	const long long gaps[] = {100, 0, 200, -50, 400, 0, 800, 0};
	assert_int_equal(trend_fit(gaps, 8, &g), 4);
	assert_float_equal(g, 300.0, 1e-9);
	/* Three quarters above zero: no growth. */
	const long long few[] = {100, 0, 200, 0, 0, 0, 800, -3};
	g = 42;
	assert_int_equal(trend_fit(few, 8, &g), 3);
	assert_float_equal(g, 42, 0);
}

static void the_window_is_the_eight_quarters_before_todays(void **state)
{
	(void)state;
	long today = day("2026-11-23");
	int first, last;
	trend_window(today, &first, &last);
	assert_int_equal(first, trend_month("2024-10"));
	assert_int_equal(last, trend_month("2026-09"));
	assert_int_equal(trend_quarter(today, trend_month("2024-10")), 0);
	assert_int_equal(trend_quarter(today, trend_month("2024-12")), 0);
	assert_int_equal(trend_quarter(today, trend_month("2026-09")), 7);
	assert_int_equal(trend_quarter(today, trend_month("2026-10")), -1);
	assert_int_equal(trend_quarter(today, trend_month("2024-09")), -1);
	/* The first day of a quarter: the quarter before it is complete. */
	trend_window(day("2026-10-01"), &first, &last);
	assert_int_equal(last, trend_month("2026-09"));
	trend_window(day("2026-09-30"), &first, &last);
	assert_int_equal(last, trend_month("2026-06"));
	assert_int_equal(trend_month("2026-13"), -1);
	assert_int_equal(trend_month("2026-Q1"), -1);
}

static void one_currency_or_the_reporting_one_with_a_rate_for_each(void **state)
{
	(void)state;
	long today = day("2026-11-23");
	/* Products of one quarter add up: 600 + 400 EUR in quarter 4. */
	const trend_sum eur[] = {{"EUR", 0, 1000}, {"EUR", 2, 2000}, {"EUR", 4, 600}, {"EUR", 4, 400}, {"EUR", 6, 4000}};
	order_trend t;
	ap_buf b = {0};
	trend_compute(NULL, eur, 5, today, &t);
	assert_int_equal(t.why, TREND_OK);
	assert_string_equal(t.currency, "EUR");
	assert_int_equal(t.amount[4], 1000);
	assert_int_equal(t.quarters, 4);
	/* ln of 1000 x 2^{0,1,0,2} at quarters 0, 2, 4, 6: sxy 5, sxx 20,
	 * slope ln 2 / 4 a quarter: (2^1 - 1) x 100 = +100 %. */
	assert_float_equal(t.growth, 100.0, 1e-9);
	trend_text(&t, &b);
	assert_string_equal(b.s, "+100 %/yr over 4 quarters (2024-Q4 to 2026-Q3, EUR)");
	/* A second currency without a rate: no trend, saying which. */
	const trend_sum mixed[] = {{"EUR", 0, 1000}, {"USD", 1, 2000}, {"EUR", 2, 1000}, {"EUR", 3, 1000}};
	trend_compute(NULL, mixed, 4, today, &t);
	assert_int_equal(t.why, TREND_NO_RATE);
	b.len = 0;
	trend_text(&t, &b);
	assert_string_equal(b.s, "none: orders in several currencies and no reporting currency in [money]");
	char eur_code[] = "EUR";
	ap_config money = {.money_currency = eur_code};
	trend_compute(&money, mixed, 4, today, &t);
	assert_int_equal(t.why, TREND_NO_RATE);
	b.len = 0;
	trend_text(&t, &b);
	assert_string_equal(b.s, "none: orders in several currencies and no rate for USD in [money]");
	/* With USD at 0.5 EUR: 2000 USD cents are 1000 EUR cents, and the four
	 * quarters are flat. */
	struct config_rate usd = {"USD", MONEY_RATE_ONE / 2};
	money.rates = &usd;
	money.nrates = 1;
	trend_compute(&money, mixed, 4, today, &t);
	assert_int_equal(t.why, TREND_OK);
	assert_int_equal(t.amount[1], 1000);
	assert_float_equal(t.growth, 0.0, 1e-12);
	/* Three quarters: none, saying how many there were. */
	trend_compute(&money, mixed, 3, today, &t);
	assert_int_equal(t.why, TREND_FEW);
	b.len = 0;
	trend_text(&t, &b);
	assert_string_equal(b.s, "none: only 3 quarters with orders in 2024-Q4 to 2026-Q3 (4 needed)");
	trend_compute(&money, mixed, 0, today, &t);
	assert_int_equal(t.why, TREND_NO_ORDERS);
	buf_free(&b);
}

static void divergence_at_its_boundary_in_both_directions(void **state)
{
	(void)state;
	/* Orders flat, the chain +10: a gap of exactly 10 points is no divergence, 11 is. */
	assert_false(trend_diverges(0, 10, 10));
	assert_true(trend_diverges(0, 11, 10));
	assert_false(trend_diverges(-5, 5, 10));
	assert_true(trend_diverges(-5.5, 5, 10));
	/* Orders ahead of the chain never trail it. */
	assert_false(trend_diverges(30, 5, 10));
	/* The chain falling while orders still grow, however small the gap. */
	assert_true(trend_diverges(0.1, -0.1, 100));
	assert_false(trend_diverges(0, -0.1, 100));
	assert_false(trend_diverges(-3, -2, 100));
}

static void chain_and_growth_in_words(void **state)
{
	(void)state;
	char pct[16];
	trend_pct(17.6, pct);
	assert_string_equal(pct, "+18");
	trend_pct(-0.4, pct);
	assert_string_equal(pct, "0");
	trend_pct(-8.2, pct);
	assert_string_equal(pct, "-8");
	order_trend t = {.why = TREND_OK, .growth = -8.2};
	ap_buf b = {0};
	trend_chain_text(&t, "Hours streamed", 18, &b);
	assert_string_equal(b.s, "the chain 'Hours streamed' implies +18 %/yr: orders trail it by 26 points");
	b.len = 0;
	trend_chain_text(&t, "Cars", -9, &b);
	assert_string_equal(b.s, "the chain 'Cars' implies -9 %/yr: orders run 1 point ahead of it");
	b.len = 0;
	t.why = TREND_FEW;
	trend_chain_text(&t, "Cars", -9, &b);
	assert_string_equal(b.s, "the chain 'Cars' implies -9 %/yr");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slope_is_least_squares),
		cmocka_unit_test(growth_is_the_slope_of_the_log_annualised),
		cmocka_unit_test(quarters_at_or_below_zero_are_left_out_at_their_place),
		cmocka_unit_test(the_window_is_the_eight_quarters_before_todays),
		cmocka_unit_test(one_currency_or_the_reporting_one_with_a_rate_for_each),
		cmocka_unit_test(divergence_at_its_boundary_in_both_directions),
		cmocka_unit_test(chain_and_growth_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
