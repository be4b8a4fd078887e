/* demand.h - the demand chain: from the end customers' activity to our orders.
 *
 * A demand driver (model.h ap_driver) says: the end customers do `value`
 * units of `metric` (metric_unit), growing `growth` percent a year; each
 * metric unit makes the customer need `factor` (factor_unit) of what we sell;
 * we supply `share` percent of that need. Our implied demand is then
 *
 *     value × (1 + growth/100)^years × factor × share/100   (product_unit)
 *
 * now, in 2 and in 5 years. growth and share are stored as percents, as the
 * user types them (15 = +15 %/year, 30 = 30 %). A step the user has not given
 * is NaN: the chain reports it missing and never computes with a zero in its
 * place. Pure computation: no I/O, no store. */
#ifndef ACCTPLAN_DEMAND_H
#define ACCTPLAN_DEMAND_H

#include "acctplan/model.h"

/* The horizons of every projection: now, in 2 years, in 5 years. */
#define DEMAND_HORIZONS 3
extern const int demand_years[DEMAND_HORIZONS];

/* Steps of the chain, as bits of demand_chain.missing. */
enum demand_step {
	DEMAND_VALUE = 1 << 0,   /* the end-customer metric's current value */
	DEMAND_GROWTH = 1 << 1,  /* its yearly growth */
	DEMAND_FACTOR = 1 << 2,  /* customer need per metric unit */
	DEMAND_SHARE = 1 << 3,   /* our share of that need */
};
#define DEMAND_STEPS 4
/* The steps' names, bit by bit: "value", "growth", "factor", "share". */
extern const char *const demand_step_names[DEMAND_STEPS];

typedef struct demand_chain {
	unsigned missing;                 /* DEMAND_* bits of steps not given; 0 = complete */
	double metric[DEMAND_HORIZONS];   /* end-customer metric (metric_unit) */
	double need[DEMAND_HORIZONS];     /* customer's need = metric × factor (product_unit) */
	double ours[DEMAND_HORIZONS];     /* our implied demand = need × share (product_unit) */
} demand_chain;

/* Compute the chain of d. A figure that needs a missing step is NaN, so a
 * driver without growth still shows today's demand but no projection. */
void demand_compute(const ap_driver *d, demand_chain *out);
/* The missing steps as "growth and share"; "" when complete. Caller frees. */
char *demand_missing_text(unsigned missing);
/* What an incomplete chain means, in a sentence: "growth not given: today's
 * demand only, no projection"; "" when complete. Caller frees. */
char *demand_incomplete_text(unsigned missing);

/* Check the given steps of d are in range: value and factor finite and not
 * negative, growth finite and above -100 %, share from 0 to 100 %, metric
 * named. AP_EINPUT naming the field otherwise. */
int demand_check(const ap_driver *d, ap_err *e);

/* Direction a complete driver moves our demand: TREND_GROWING, TREND_FLAT or
 * TREND_SHRINKING; -1 when its growth is not given. Growth within
 * DEMAND_STEADY_PCT of zero counts as flat: nobody forecasts that finely. */
#define DEMAND_STEADY_PCT 1.0
int demand_direction(const ap_driver *d);

/* Our implied demand summed over complete drivers of one product unit. Units
 * are compared exactly as written ("GB" and "Gb" differ): unlike units are
 * never added together. */
typedef struct demand_total {
	char *unit;
	double ours[DEMAND_HORIZONS];
	int drivers;
	int accounts;     /* distinct accounts behind the drivers */
	long long last_account;
} demand_total;
typedef AP_VEC(demand_total) demand_totals;
void demand_total_clear(demand_total *t);

/* What a roll-up left out, so a report can say why its sums are partial. */
typedef struct demand_skipped {
	int incomplete;   /* drivers with a missing step */
	int unitless;     /* complete drivers without a product unit */
} demand_skipped;

/* Add driver d (with its computed chain c) to the totals: complete drivers
 * with a product unit join their unit's total (created in order of first
 * appearance); others are counted in *skipped (may be NULL). Drivers of one
 * account must be added one after another for `accounts` to be right. */
void demand_add(demand_totals *t, const ap_driver *d, const demand_chain *c, demand_skipped *skipped);

/* A figure for people: "0.5", "12,500", "2.41 billion", "NaN" as "?". */
void demand_format(double v, char *out, size_t size);
/* The chain step by step, one line per step, for briefs and listings:
 * lines[0..DEMAND_STEPS-1], each caller frees. */
void demand_steps(const ap_driver *d, const demand_chain *c, char *lines[DEMAND_STEPS]);

#endif
