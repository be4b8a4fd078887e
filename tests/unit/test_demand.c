/* test_demand.c - the demand chain against figures worked out by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "acctplan/demand.h"

/* Doubles are compared relative to their size: 1e12 streams need not match to the last unit. */
static void near(double got, double want)
{
	double tol = fabs(want) * 1e-12 + 1e-12;
	if (fabs(got - want) > tol)
		fail_msg("expected %.17g, got %.17g", want, got);
}

static ap_driver driver(double value, double growth, double factor, double share, const char *unit)
{
	ap_driver d = {.account_id = 1, .metric = (char *)"Monthly video streams", .metric_unit = (char *)"streams",
		.factor_unit = (char *)"GB per stream", .product_unit = (char *)unit,
		.value = value, .growth = growth, .factor = factor, .share = share};
	return d;
}

static void complete_chain_multiplies_value_factor_and_share(void **state)
{
	(void)state;
	/* 2,000,000 streams x 0.5 GB = 1,000,000 GB of need; 30 % of it is ours. */
	ap_driver d = driver(2e6, 10, 0.5, 30, "GB");
	demand_chain c;
	demand_compute(&d, &c);
	assert_int_equal(c.missing, 0);
	near(c.metric[0], 2e6);
	near(c.need[0], 1e6);
	near(c.ours[0], 300000);
	/* 2 years at +10 %: 1.1^2 = 1.21 -> 2,420,000 streams -> 363,000 GB ours. */
	near(c.metric[1], 2420000);
	near(c.ours[1], 363000);
	/* 5 years: 1.1^5 = 1.61051 -> 3,221,020 streams -> 483,153 GB ours. */
	near(c.metric[2], 3221020);
	near(c.need[2], 1610510);
	near(c.ours[2], 483153);
}

static void trillions_of_streams_compound_over_five_years(void **state)
{
	(void)state;
	/* 1e12 streams at +25 %/year: 1.25^5 = 3.0517578125, exactly representable. */
	ap_driver d = driver(1e12, 25, 0.004, 12.5, "TB");
	demand_chain c;
	demand_compute(&d, &c);
	/* now: 1e12 x 0.004 = 4e9 TB need, 12.5 % -> 5e8 TB ours. */
	near(c.need[0], 4e9);
	near(c.ours[0], 5e8);
	/* 2 years: 1.5625 -> 7.8125e8 TB; 5 years: 3.0517578125 -> 1.52587890625e9 TB. */
	near(c.ours[1], 7.8125e8);
	near(c.metric[2], 3.0517578125e12);
	near(c.ours[2], 1.52587890625e9);
}

static void shrinking_metric_compounds_downwards(void **state)
{
	(void)state;
	/* -20 %/year: 0.8^2 = 0.64, 0.8^5 = 0.32768; 1,000 parcels x 2 boxes x 50 %. */
	ap_driver d = driver(1000, -20, 2, 50, "boxes");
	demand_chain c;
	demand_compute(&d, &c);
	near(c.ours[0], 1000);
	near(c.ours[1], 640);
	near(c.ours[2], 327.68);
	assert_int_equal(demand_direction(&d), TREND_SHRINKING);
}

static void missing_step_is_reported_and_never_computed_as_zero(void **state)
{
	(void)state;
	ap_driver d = driver(5e6, NAN, 0.1, NAN, "GB");
	demand_chain c;
	demand_compute(&d, &c);
	assert_int_equal(c.missing, DEMAND_GROWTH | DEMAND_SHARE);
	char *why = demand_missing_text(c.missing);
	assert_string_equal(why, "growth and share");
	free(why);
	/* Today's need is known (no growth needed); nothing of ours is, and no projection. */
	near(c.need[0], 5e5);
	assert_true(isnan(c.metric[1]));
	assert_true(isnan(c.ours[0]));
	assert_true(isnan(c.ours[2]));
	assert_int_equal(demand_direction(&d), -1);
}

static void incomplete_text_says_what_can_still_be_known(void **state)
{
	(void)state;
	char *only_growth = demand_incomplete_text(DEMAND_GROWTH);
	char *share = demand_incomplete_text(DEMAND_GROWTH | DEMAND_SHARE);
	char *none = demand_incomplete_text(0);
	assert_string_equal(only_growth, "growth not given: today's demand only, no projection");
	assert_string_equal(share, "growth and share not given: our demand cannot be computed");
	assert_string_equal(none, "");
	free(only_growth);
	free(share);
	free(none);
}

static void missing_value_leaves_every_figure_unknown(void **state)
{
	(void)state;
	ap_driver d = driver(NAN, 10, 2, 40, "units");
	demand_chain c;
	demand_compute(&d, &c);
	assert_int_equal(c.missing, DEMAND_VALUE);
	for (int h = 0; h < DEMAND_HORIZONS; h++) {
		assert_true(isnan(c.metric[h]));
		assert_true(isnan(c.ours[h]));
	}
	char *all = demand_missing_text(DEMAND_VALUE | DEMAND_GROWTH | DEMAND_FACTOR | DEMAND_SHARE);
	assert_string_equal(all, "value, growth, factor and share");
	free(all);
}

static void zero_share_is_a_given_step_not_a_missing_one(void **state)
{
	(void)state;
	ap_driver d = driver(100, 0, 3, 0, "kg");
	demand_chain c;
	demand_compute(&d, &c);
	assert_int_equal(c.missing, 0);
	near(c.need[2], 300);
	near(c.ours[2], 0);
	assert_int_equal(demand_direction(&d), TREND_FLAT);
}

static void rollup_sums_only_like_units(void **state)
{
	(void)state;
	ap_driver ds[] = {
		driver(1000, 10, 1, 50, "GB"),   /* account 1: 500 GB now */
		driver(2000, 0, 1, 25, "GB"),    /* account 1: 500 GB now, same account */
		driver(10, 0, 1, 100, "Gb"),     /* another unit: never added to GB */
		driver(10, NAN, 1, 100, "GB"),   /* incomplete: left out */
		driver(10, 0, 1, 100, ""),       /* no unit: left out */
	};
	ds[2].account_id = 2;
	ds[3].account_id = 3;
	ds[4].account_id = 3;
	demand_totals t = {0};
	demand_skipped skipped = {0};
	for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
		demand_chain c;
		demand_compute(&ds[i], &c);
		demand_add(&t, &ds[i], &c, &skipped);
	}
	assert_int_equal(t.n, 2);
	assert_string_equal(t.v[0].unit, "GB");
	near(t.v[0].ours[0], 1000);
	/* 5 years: 500 x 1.61051 + 500 = 1305.255 GB. */
	near(t.v[0].ours[2], 1305.255);
	assert_int_equal(t.v[0].drivers, 2);
	assert_int_equal(t.v[0].accounts, 1);
	assert_string_equal(t.v[1].unit, "Gb");
	near(t.v[1].ours[0], 10);
	assert_int_equal(skipped.incomplete, 1);
	assert_int_equal(skipped.unitless, 1);
	ap_vec_free(&t, demand_total_clear);
}

static void check_refuses_out_of_range_steps(void **state)
{
	(void)state;
	ap_err e = {0};
	ap_driver ok = driver(1, -99.9, 0, 100, "x");
	assert_int_equal(demand_check(&ok, &e), AP_OK);
	ap_driver bad_growth = driver(1, -100, 1, 10, "x");
	assert_int_equal(demand_check(&bad_growth, &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "growth -100 is out of range"));
	ap_driver bad_share = driver(1, 1, 1, 100.5, "x");
	assert_int_equal(demand_check(&bad_share, &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "share 100.5"));
	ap_driver negative = driver(-5, 1, 1, 10, "x");
	assert_int_equal(demand_check(&negative, &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "value -5"));
	ap_driver infinite = driver(INFINITY, 1, 1, 10, "x");
	assert_int_equal(demand_check(&infinite, &e), AP_EINPUT);
	ap_driver unnamed = driver(1, 1, 1, 10, "x");
	unnamed.metric = (char *)"";
	assert_int_equal(demand_check(&unnamed, &e), AP_EINPUT);
	ap_driver sparse = driver(NAN, NAN, NAN, NAN, "");
	assert_int_equal(demand_check(&sparse, &e), AP_OK);
}

static void format(double v, const char *want)
{
	char out[48];
	demand_format(v, out, sizeof out);
	assert_string_equal(out, want);
}

static void figures_read_as_words_and_grouped_digits(void **state)
{
	(void)state;
	format(0.5, "0.5");
	format(12.25, "12.25");
	format(999.96, "1,000");
	format(12500, "12,500");
	format(999499, "999,499");
	format(999600, "1 million");
	format(2413628572.5, "2.41 billion");
	format(999950000, "1 billion");
	format(1e12, "1 trillion");
	format(3.0517578125e15, "3.05e+15");
	format(-1500, "-1,500");
	format(NAN, "?");
}

static void steps_describe_the_chain_with_units(void **state)
{
	(void)state;
	ap_driver d = driver(1.2e9, 15, 0.5, 30, "GB");
	demand_chain c;
	char *lines[DEMAND_STEPS];
	demand_compute(&d, &c);
	demand_steps(&d, &c, lines);
	assert_string_equal(lines[0], "Monthly video streams: 1.2 billion streams now");
	/* 1.15^2 = 1.3225, 1.15^5 = 2.0113571875 */
	assert_string_equal(lines[1], "grows +15%/year: 1.59 billion in 2 years, 2.41 billion in 5 years (streams)");
	assert_string_equal(lines[2], "x 0.5 GB per stream = customer need 600 million GB now");
	assert_string_equal(lines[3],
		"x our share 30% = our demand 180 million GB now, 238 million in 2 years, 362 million in 5 years");
	for (int i = 0; i < DEMAND_STEPS; i++)
		free(lines[i]);
}

static void steps_name_what_is_missing(void **state)
{
	(void)state;
	ap_driver d = driver(1.2e9, NAN, 0.5, NAN, "GB");
	demand_chain c;
	char *lines[DEMAND_STEPS];
	demand_compute(&d, &c);
	demand_steps(&d, &c, lines);
	assert_string_equal(lines[1], "growth not given: no projection for 2 and 5 years");
	assert_string_equal(lines[2], "x 0.5 GB per stream = customer need 600 million GB now");
	assert_string_equal(lines[3], "our share not given: our implied demand is unknown");
	for (int i = 0; i < DEMAND_STEPS; i++)
		free(lines[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(complete_chain_multiplies_value_factor_and_share),
		cmocka_unit_test(trillions_of_streams_compound_over_five_years),
		cmocka_unit_test(shrinking_metric_compounds_downwards),
		cmocka_unit_test(missing_step_is_reported_and_never_computed_as_zero),
		cmocka_unit_test(missing_value_leaves_every_figure_unknown),
		cmocka_unit_test(incomplete_text_says_what_can_still_be_known),
		cmocka_unit_test(zero_share_is_a_given_step_not_a_missing_one),
		cmocka_unit_test(rollup_sums_only_like_units),
		cmocka_unit_test(check_refuses_out_of_range_steps),
		cmocka_unit_test(figures_read_as_words_and_grouped_digits),
		cmocka_unit_test(steps_describe_the_chain_with_units),
		cmocka_unit_test(steps_name_what_is_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
