/* test_demand.c - the demand chain against figures worked out by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "acctplan/demand.h"

/* Doubles are compared relative to their size: 1e12 streams need not match to the last unit. */
static void near(double got, double want)
{
	double tol = fabs(want) * 1e-12 + 1e-12;
	if (fabs(got - want) > tol)
		fail_msg("expected %.17g, got %.17g", want, got);
}

/* A one-step chain "FACTOR GB per stream" (a NaN factor is "?"), in a
 * buffer that outlives the test (a few drivers live at once). */
static char *one_step(double factor)
{
	static char bufs[16][64];
	static int k;
	char *b = bufs[k++ % 16];
	if (isnan(factor))
		snprintf(b, 64, "? GB per stream");
	else
		snprintf(b, 64, "%.17g GB per stream", factor);
	return b;
}

static ap_driver driver(double value, double growth, double factor, double share, const char *unit)
{
	ap_driver d = {.account_id = 1, .metric = (char *)"Monthly video streams", .metric_unit = (char *)"streams",
		.steps = one_step(factor), .product_unit = (char *)unit,
		.value = value, .growth = growth, .share = share, .old_factor = NAN};
	return d;
}

/* A chain of any length: steps one a line. */
static ap_driver chain(double value, double growth, const char *unit, const char *steps, double share)
{
	ap_driver d = {.account_id = 1, .metric = (char *)"Vehicles built", .metric_unit = (char *)unit,
		.steps = (char *)steps, .product_unit = (char *)"", .value = value, .growth = growth, .share = share,
		.old_factor = NAN};
	return d;
}

/* check refuses d with a message that says part. */
static void refused_by(int (*check)(const ap_driver *, ap_err *), const ap_driver *d, const char *part)
{
	ap_err e = {0};
	assert_int_equal(check(d, &e), AP_EINPUT);
	if (!strstr(e.msg, part))
		fail_msg("'%s' does not say '%s'", e.msg, part);
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
	ap_driver ok = driver(1, -99.9, 1e15, 100, "x");
	assert_int_equal(demand_check(&ok, &e), AP_OK);
	/* A factor is above 0 and at most 1e15: zero, negative and beyond are refused, naming the step. */
	double bad_factors[] = {0, -2, 1.0000001e15};
	for (size_t i = 0; i < sizeof bad_factors / sizeof bad_factors[0]; i++) {
		ap_driver bad = driver(1, 1, bad_factors[i], 10, "x");
		assert_int_equal(demand_check(&bad, &e), AP_EINPUT);
		assert_non_null(strstr(e.msg, "step 1 ("));
		assert_non_null(strstr(e.msg, "factor"));
	}
	ap_driver nan_text = chain(1, 1, "x per y", "nan x per y", 10);
	refused_by(demand_check, &nan_text, "does not start with its factor");
	ap_driver inf_text = chain(1, 1, "x per y", "2 x per y\ninf z per x", 10);
	refused_by(demand_check, &inf_text, "step 2");
	ap_driver bad_growth = driver(1, -100, 1, 10, "x");
	refused_by(demand_check, &bad_growth, "growth -100 is out of range");
	ap_driver bad_share = driver(1, 1, 1, 100.5, "x");
	refused_by(demand_check, &bad_share, "share 100.5");
	ap_driver negative = driver(-5, 1, 1, 10, "x");
	refused_by(demand_check, &negative, "value -5");
	ap_driver infinite = driver(INFINITY, 1, 1, 10, "x");
	assert_int_equal(demand_check(&infinite, &e), AP_EINPUT);
	ap_driver unnamed = driver(1, 1, 1, 10, "x");
	unnamed.metric = (char *)"";
	assert_int_equal(demand_check(&unnamed, &e), AP_EINPUT);
	ap_driver sparse = driver(NAN, NAN, NAN, NAN, "");
	assert_int_equal(demand_check(&sparse, &e), AP_OK);
	char many[(DEMAND_MAX_STEPS + 1) * sizeof "\n1 x per x"] = "";
	for (int i = 0; i <= DEMAND_MAX_STEPS; i++)
		strcat(many, i ? "\n1 x per x" : "1 x per x");
	ap_driver too_long = chain(1, 1, "x per y", many, 10);
	refused_by(demand_check, &too_long, "at most 16 steps");
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

static void free_lines(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
}

static void steps_describe_the_chain_with_units(void **state)
{
	(void)state;
	ap_driver d = driver(1.2e9, 15, 0.5, 30, "GB");
	demand_chain c;
	char *lines[DEMAND_LINES_MAX];
	demand_compute(&d, &c);
	int n = demand_lines(&d, &c, lines);
	assert_int_equal(n, 4);
	assert_string_equal(lines[0], "Monthly video streams: 1.2 billion streams now");
	/* 1.15^2 = 1.3225, 1.15^5 = 2.0113571875 */
	assert_string_equal(lines[1], "grows +15%/year: 1.59 billion in 2 years, 2.41 billion in 5 years (streams)");
	assert_string_equal(lines[2],
		"x 0.5 GB per stream = customer need 600 million GB now, 793 million in 2 years, 1.21 billion in 5 years");
	assert_string_equal(lines[3],
		"x our share 30% = our demand 180 million GB now, 238 million in 2 years, 362 million in 5 years");
	free_lines(lines, n);
}

static void steps_name_what_is_missing(void **state)
{
	(void)state;
	ap_driver d = driver(1.2e9, NAN, 0.5, NAN, "GB");
	demand_chain c;
	char *lines[DEMAND_LINES_MAX];
	demand_compute(&d, &c);
	int n = demand_lines(&d, &c, lines);
	assert_string_equal(lines[1], "growth not given: no projection for 2 and 5 years");
	assert_string_equal(lines[2], "x 0.5 GB per stream = customer need 600 million GB now");
	assert_string_equal(lines[3], "our share not given: our implied demand is unknown");
	free_lines(lines, n);
	/* A factor given as "?" is named, and nothing after it is computed. */
	ap_driver q = chain(12, 8, "thousand vehicles per year",
		"? thousand chips per thousand vehicles\n0.004 wafers per thousand chips", 25);
	demand_compute(&q, &c);
	assert_int_equal(c.missing, DEMAND_FACTOR);
	assert_true(isnan(c.step[0].out[0]) && isnan(c.step[1].out[0]) && isnan(c.ours[0]));
	near(c.metric[0], 12);
	n = demand_lines(&q, &c, lines);
	assert_int_equal(n, 5);
	assert_string_equal(lines[2],
		"x ? thousand chips per thousand vehicles: factor not given, so the customer's need is unknown");
	assert_string_equal(lines[3], "x 0.004 wafers per thousand chips");
	free_lines(lines, n);
	/* No step at all: the factor is missing, never 1. */
	ap_driver none = chain(12, 8, "thousand vehicles per year", "", 25);
	demand_compute(&none, &c);
	assert_int_equal(c.missing, DEMAND_FACTOR);
	assert_true(isnan(c.need[0]) && isnan(c.ours[0]));
	assert_true(demand_steps_incomplete(""));
	assert_true(demand_steps_incomplete("2 x per y\n? z per x"));
	assert_false(demand_steps_incomplete("2 x per y\n3 z per x"));
}

static void three_step_chain_computed_by_hand(void **state)
{
	(void)state;
	/* 12 thousand vehicles a year, +8 %/year; 40 thousand chips per thousand
	 * vehicles; 0.004 wafers per thousand chips; 25 % ours. */
	ap_driver d = chain(12, 8, "thousand vehicles per year",
		"40 thousand chips per thousand vehicles\n0.004 wafers per thousand chips\n300 dies per wafer", 25);
	demand_chain c;
	demand_compute(&d, &c);
	assert_int_equal(c.missing, 0);
	assert_int_equal(c.nsteps, 3);
	/* now: 12 x 40 = 480; x 0.004 = 1.92; x 300 = 576; x 25 % = 144 dies a year. */
	near(c.step[0].out[0], 480);
	near(c.step[1].out[0], 1.92);
	near(c.need[0], 576);
	near(c.ours[0], 144);
	/* 2 years: 1.08^2 = 1.1664 -> 144 x 1.1664 = 167.9616. */
	near(c.ours[1], 167.9616);
	/* 5 years: 1.08^5 = 1.4693280768 -> 211.5832430592. */
	near(c.step[0].out[2], 480 * 1.4693280768);
	near(c.ours[2], 211.5832430592);
	char *unit = demand_chain_unit(&d);
	assert_string_equal(unit, "dies per year");
	free(unit);
	char *lines[DEMAND_LINES_MAX];
	int n = demand_lines(&d, &c, lines);
	assert_int_equal(n, 6);
	assert_string_equal(lines[2], "x 40 thousand chips per thousand vehicles = 480 thousand chips per year now, "
		"559.9 in 2 years, 705.3 in 5 years");
	assert_string_equal(lines[4], "x 300 dies per wafer = customer need 576 dies per year now, 671.8 in 2 years, "
		"846.3 in 5 years");
	free_lines(lines, n);
}

static void five_step_chain_of_a_trillion_compounds_five_years(void **state)
{
	(void)state;
	/* 1e12 at +25 %/year (1.25^5 = 3.0517578125, exact); factors 0.5, 4,
	 * 0.25, 2 and 0.001 multiply to 0.001; 50 % ours. */
	ap_driver d = chain(1e12, 25, "requests per day",
		"0.5 sessions per request\n4 queries per session\n0.25 scans per query\n2 reads per scan\n"
		"0.001 GB per read", 50);
	demand_chain c;
	demand_compute(&d, &c);
	assert_int_equal(c.missing, 0);
	assert_int_equal(c.nsteps, 5);
	near(c.step[0].out[0], 5e11);
	near(c.step[1].out[0], 2e12);
	near(c.step[2].out[0], 5e11);
	near(c.step[3].out[0], 1e12);
	near(c.need[0], 1e9);
	near(c.ours[0], 5e8);
	near(c.ours[1], 7.8125e8);
	near(c.step[3].out[2], 3.0517578125e12);
	near(c.ours[2], 1.52587890625e9);
	ap_err e = {0};
	assert_int_equal(demand_units_check(&d, &e), AP_OK);
	char *unit = demand_chain_unit(&d);
	assert_string_equal(unit, "GB per day");
	free(unit);
}

static void the_unit_rule_names_both_quantities(void **state)
{
	(void)state;
	ap_err e = {0};
	ap_driver ok = chain(12, 8, "thousand vehicles per year",
		"40 thousand chips per thousand vehicles\n0.004 wafers per thousand chips", 25);
	assert_int_equal(demand_units_check(&ok, &e), AP_OK);
	/* Any case, blanks collapsed, a plural s ignored. */
	ap_driver loose = chain(12, 8, "Vehicles per year", "40 chips per  vehicle\n0.004 Wafers PER chip", 25);
	assert_int_equal(demand_units_check(&loose, &e), AP_OK);
	ap_driver broken = chain(12, 8, "thousand vehicles per year",
		"40 thousand chips per thousand vehicles\n0.004 wafers per million chips", 25);
	assert_int_equal(demand_units_check(&broken, &e), AP_EINPUT);
	assert_string_equal(e.msg, "step 2 ('0.004 wafers per million chips'): its 'per' part 'million chips' does "
		"not name the previous quantity 'thousand chips'");
	ap_driver first = chain(12, 8, "thousand vehicles per year", "40 chips per bus", 25);
	refused_by(demand_units_check, &first, "'bus' does not name the previous quantity 'thousand vehicles'");
	ap_driver no_per = chain(12, 8, "vehicles per year", "40 chips", 25);
	refused_by(demand_units_check, &no_per, "must read 'B per vehicles'");
	ap_driver no_end = chain(12, 8, "", "40 chips per vehicle", 25);
	refused_by(demand_units_check, &no_end, "the end use has no unit");
	/* A stock with no "per T": our demand is in the last B alone. */
	ap_driver stock = chain(6800, 7, "turbines", "0.9 TB per turbine", 100);
	assert_int_equal(demand_units_check(&stock, &e), AP_OK);
	char *unit = demand_chain_unit(&stock);
	assert_string_equal(unit, "TB");
	free(unit);
	assert_null(demand_chain_unit(&no_per));
}

static void whatif_changes_one_number_and_gives_the_deltas(void **state)
{
	(void)state;
	ap_driver d = chain(12, 8, "thousand vehicles per year",
		"40 thousand chips per thousand vehicles\n0.004 wafers per thousand chips", 25);
	demand_chain before, after;
	ap_err e = {0};
	demand_compute(&d, &before);
	/* growth 8 -> 20 %: now unchanged (0.48); 2 years 12 x 1.44 x 0.04 = 0.6912,
	 * +0.131328 on 0.559872; 5 years 12 x 2.48832 x 0.04 = 1.1943936. */
	demand_whatif g = {DEMAND_N_GROWTH, 0, 20};
	assert_int_equal(demand_whatif_apply(&before, &g, "--growth", &after, &e), AP_OK);
	near(after.ours[0], 0.48);
	near(after.ours[1], 0.6912);
	near(after.ours[1] - before.ours[1], 0.131328);
	near(after.ours[2], 1.1943936);
	near(before.ours[2], 0.705277476864);
	/* step 2's factor 0.004 -> 0.005: everything after it x 1.25. */
	demand_whatif f = {DEMAND_N_FACTOR, 2, 0.005};
	assert_int_equal(demand_whatif_apply(&before, &f, "--factor", &after, &e), AP_OK);
	near(after.ours[0], 0.6);
	near(after.step[0].out[0], 480);
	near(after.ours[2], 0.705277476864 * 1.25);
	/* share 25 -> 50 doubles our demand; the before chain is untouched. */
	demand_whatif s = {DEMAND_N_SHARE, 0, 50};
	assert_int_equal(demand_whatif_apply(&before, &s, "--share", &after, &e), AP_OK);
	near(after.ours[1], 2 * 0.559872);
	near(before.share, 25);
	/* Out of range or no such step: refused naming the option. */
	demand_whatif bad[] = {{DEMAND_N_GROWTH, 0, -100}, {DEMAND_N_SHARE, 0, 100.5}, {DEMAND_N_FACTOR, 1, 0},
		{DEMAND_N_FACTOR, 3, 2}, {DEMAND_N_FACTOR, 1, 2e15}};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(demand_whatif_apply(&before, &bad[i], "--x", &after, &e), AP_EINPUT);
		assert_non_null(strstr(e.msg, "--x"));
	}
	/* Pure and fast: the workbench recomputes on every key (< 16 ms). */
	clock_t t0 = clock();
	for (int i = 0; i < 10000; i++) {
		g.v = i % 50;
		demand_whatif_apply(&before, &g, "--growth", &after, &e);
	}
	double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC / 10000;
	assert_true(ms < 16);
}

static void steps_are_added_replaced_and_removed_by_number(void **state)
{
	(void)state;
	char *s = demand_step_put("", 1, "1 a per x", 1), *t;
	assert_string_equal(s, "1 a per x");
	t = demand_step_put(s, 2, "2 b per a", 1);
	free(s);
	s = demand_step_put(t, 1, "0.5 x per y", 1);
	free(t);
	assert_string_equal(s, "0.5 x per y\n1 a per x\n2 b per a");
	assert_int_equal(demand_step_count(s), 3);
	t = demand_step_put(s, 2, "3 a per x", 0);
	assert_string_equal(t, "0.5 x per y\n3 a per x\n2 b per a");
	free(s);
	s = demand_step_put(t, 1, NULL, 0);
	assert_string_equal(s, "3 a per x\n2 b per a");
	char *second = demand_step_get(s, 2);
	assert_string_equal(second, "2 b per a");
	free(second);
	assert_null(demand_step_get(s, 3));
	assert_null(demand_step_put(s, 3, "x", 0));
	assert_null(demand_step_put(s, 4, "x", 1));
	free(t);
	free(s);
	/* A factor is written so it reads back as the same double. */
	s = demand_step_text(0.1 + 0.2, "GB per x");
	assert_string_equal(s, "0.30000000000000004 GB per x");
	free(s);
	s = demand_step_text(NAN, "");
	assert_string_equal(s, "?");
	free(s);
}

static void an_older_documents_factor_becomes_the_one_step(void **state)
{
	(void)state;
	ap_err e = {0};
	ap_driver d = chain(100, 5, "", NULL, 10);
	d.steps = NULL;
	d.old_factor = 2;
	d.old_factor_unit = xstrdup("");
	assert_int_equal(demand_fold_old(&d, &e), AP_OK);
	assert_string_equal(d.steps, "2");
	demand_chain c;
	demand_compute(&d, &c);
	near(c.ours[0], 20);
	free(d.steps);
	free(d.old_factor_unit);
	ap_driver both = chain(100, 5, "", "2 x per y", 10);
	both.old_factor = 3;
	assert_int_equal(demand_fold_old(&both, &e), AP_EINPUT);
	ap_driver unit_only = chain(100, 5, "", NULL, 10);
	unit_only.old_factor_unit = xstrdup("GB per stream");
	assert_int_equal(demand_fold_old(&unit_only, &e), AP_OK);
	assert_string_equal(unit_only.steps, "? GB per stream");
	free(unit_only.steps);
	free(unit_only.old_factor_unit);
}

/* The change a what-if shows, as the CLI and the workbench both write it. */
static void a_change_reads_with_its_sign_and_percent(void **state)
{
	(void)state;
	char out[96];
	demand_change_text(8226.0864, 8890.56, out, sizeof out);
	assert_string_equal(out, "+664.5 (+8.08%)");
	demand_change_text(8475.345, 6000, out, sizeof out);
	assert_string_equal(out, "-2,475 (-29.2%)");
	demand_change_text(0, 5, out, sizeof out);
	assert_string_equal(out, "+5");
	demand_change_text(12, 12, out, sizeof out);
	assert_string_equal(out, "");
	demand_change_text(NAN, 5, out, sizeof out);
	assert_string_equal(out, "");
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
		cmocka_unit_test(three_step_chain_computed_by_hand),
		cmocka_unit_test(five_step_chain_of_a_trillion_compounds_five_years),
		cmocka_unit_test(the_unit_rule_names_both_quantities),
		cmocka_unit_test(whatif_changes_one_number_and_gives_the_deltas),
		cmocka_unit_test(steps_are_added_replaced_and_removed_by_number),
		cmocka_unit_test(an_older_documents_factor_becomes_the_one_step),
		cmocka_unit_test(a_change_reads_with_its_sign_and_percent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
