/* demand.h - the demand chain: from the end customers' activity to our orders.
 *
 * A demand driver (model.h ap_driver) says: the end customers do `value`
 * of `metric`, in metric_unit `A per T` ("thousand vehicles per year"),
 * growing `growth` percent a year; then a chain of steps, each a factor
 * with a unit `B per A` ("40 thousand chips per thousand vehicles") that
 * turns the quantity before it into B per T; we supply `share` percent of
 * the last step's quantity, the customer's need. Our implied demand is
 *
 *     value × (1 + growth/100)^years × factor_1 × … × factor_n × share/100
 *
 * in B_n per T (product_unit), now, in 2 and in 5 years. growth and share
 * are stored as percents, as the user types them (15 = +15 %/year).
 *
 * The steps are kept as text, one step a line, "FACTOR UNIT" as the user
 * typed it; "?" for a factor not known yet. A step the user has not given
 * (a NaN number, a "?" factor, no step at all) is reported missing: the
 * chain never computes with a zero in its place. Pure computation: no I/O,
 * no store. */
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
	DEMAND_FACTOR = 1 << 2,  /* a step's factor: none given, or one given as "?" */
	DEMAND_SHARE = 1 << 3,   /* our share of the customer's need */
};
#define DEMAND_STEPS 4
/* The steps' names, bit by bit: "value", "growth", "factor", "share". */
extern const char *const demand_step_names[DEMAND_STEPS];

/* How long a chain may be, and the largest factor a step may have. */
#define DEMAND_MAX_STEPS 16
#define DEMAND_FACTOR_MAX 1e15

/* One step of a chain as parsed: offsets into the driver's steps text, so a
 * chain needs no memory of its own (and a what-if copies it for free). */
typedef struct demand_link {
	double factor;                  /* NaN: given as "?" (or unreadable) */
	size_t line, line_len;          /* the whole step "FACTOR UNIT" */
	size_t unit, unit_len;          /* its unit "B per A" ("" when none) */
	size_t qty_len;                 /* B: the unit's first qty_len bytes; 0 when it has no "per" */
	double out[DEMAND_HORIZONS];    /* the quantity after this step, in B per T */
} demand_link;

typedef struct demand_chain {
	/* What the figures are computed from: the driver's numbers, or a
	 * what-if's (demand_eval computes from these alone). */
	double value, growth, share;
	int nsteps;
	demand_link step[DEMAND_MAX_STEPS];
	/* What demand_eval computes. */
	unsigned missing;                 /* DEMAND_* bits of steps not given; 0 = complete */
	double metric[DEMAND_HORIZONS];   /* end-customer metric (metric_unit) */
	double need[DEMAND_HORIZONS];     /* customer's need = metric × the factors (product_unit) */
	double ours[DEMAND_HORIZONS];     /* our implied demand = need × share (product_unit) */
} demand_chain;

/* Compute the chain of d: demand_parse, then demand_eval. A figure that
 * needs a missing step is NaN, so a driver without growth still shows
 * today's demand but no projection. */
void demand_compute(const ap_driver *d, demand_chain *out);
/* Read d's numbers and steps into *out, computing nothing. */
void demand_parse(const ap_driver *d, demand_chain *out);
/* Compute c's figures from its numbers and factors alone: what a what-if
 * calls after changing one of them. No allocation, no I/O. */
void demand_eval(demand_chain *c);

/* One step as typed, "FACTOR UNIT" (len bytes of s): its factor (NaN for
 * "?") and where its unit starts. AP_EINPUT when the line does not start
 * with a number or "?" followed by a blank or its end. The one reading of a
 * step every other function uses. */
int demand_step_parse(const char *s, size_t len, double *factor, size_t *unit_at, ap_err *e);
/* A step's text for factor f (NaN: "?") and unit, the factor written so it
 * reads back exactly. Caller frees. */
char *demand_step_text(double f, const char *unit);
/* Step n (1-based) of a steps text, and the text with step n replaced
 * (text NULL: removed) or a step inserted before step n (n = count + 1:
 * appended). Caller frees; NULL when n is out of range. */
int demand_step_count(const char *steps);
char *demand_step_get(const char *steps, int n);
char *demand_step_put(const char *steps, int n, const char *text, int insert);

/* The missing steps as "growth and share"; "" when complete. Caller frees. */
char *demand_missing_text(unsigned missing);
/* What an incomplete chain means, in a sentence: "growth not given: today's
 * demand only, no projection"; "" when complete. Caller frees. */
char *demand_incomplete_text(unsigned missing);
/* Whether a steps text leaves the customer's need unknown (no step, or a
 * factor given as "?"): DEMAND_FACTOR of missing, for readers of the text. */
int demand_steps_incomplete(const char *steps);

/* The numbers a chain is made of, each with its range, so a driver's check
 * and a what-if's refuse the same values. */
enum demand_number { DEMAND_N_VALUE, DEMAND_N_GROWTH, DEMAND_N_FACTOR, DEMAND_N_SHARE };
/* v in the range of number n (NaN: not given, which passes); AP_EINPUT
 * naming it as `what` ("growth", "--growth") otherwise. */
int demand_check_number(enum demand_number n, const char *what, double v, ap_err *e);

/* Check d as every writer does: metric named; value, growth, share and
 * every step's factor in range; every step readable; at most
 * DEMAND_MAX_STEPS of them. AP_EINPUT naming the field otherwise. */
int demand_check(const ap_driver *d, ap_err *e);
/* The unit rule, checked when a person enters a chain (driver add, edit,
 * step, the workbench): the end use has a unit `A per T`; each step's unit
 * reads `B per A'`, where A' names the quantity before it (the end use's A,
 * then the step before's B; compared in any case, blanks collapsed, a
 * plural ignored: vehicle/vehicles, box/boxes, query/queries). A step
 * that does not chain is refused naming both.
 * Stored chains are not held to it: older releases let units be free text. */
int demand_units_check(const ap_driver *d, ap_err *e);
/* The unit of our demand the chain's units give, "B_n per T"; NULL when
 * they give none (no step, a unit without "per"). Caller frees. */
char *demand_chain_unit(const ap_driver *d);
/* An older document's one factor and its unit (ap_driver.old_factor,
 * old_factor_unit) moved into the chain as its one step. AP_EINPUT when the
 * driver has steps as well. */
int demand_fold_old(ap_driver *d, ap_err *e);

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
/* The chain step by step, one line per step, for briefs and listings: the
 * end use, its growth, each step (or that there is none), our share.
 * Returns the number of lines (at most DEMAND_LINES_MAX); each caller frees. */
#define DEMAND_LINES_MAX (DEMAND_MAX_STEPS + 3)
int demand_lines(const ap_driver *d, const demand_chain *c, char *lines[DEMAND_LINES_MAX]);
/* The unit of the quantity after step i of c (product_unit for the last
 * step where given), into out. */
void demand_step_unit(const ap_driver *d, const demand_chain *c, int i, char *out, size_t size);

/* How a figure changed from b to a, as a what-if shows it: "+664 (+8.07%)",
 * "-1.2 million (-3.5%)", without the percent when b is 0; "" when it did
 * not change or either is not known. */
void demand_change_text(double b, double a, char *out, size_t size);

/* A what-if: one number of the chain changed, everything else as it is. */
typedef struct demand_whatif {
	enum demand_number what;   /* DEMAND_N_GROWTH, DEMAND_N_FACTOR or DEMAND_N_SHARE */
	int step;                  /* DEMAND_N_FACTOR: the step, 1-based */
	double v;
} demand_whatif;
/* after = before with w applied and recomputed; pure and fast (the
 * workbench calls it on every key). AP_EINPUT naming `what` when the
 * number is out of range or the step does not exist. */
int demand_whatif_apply(const demand_chain *before, const demand_whatif *w, const char *what, demand_chain *after,
	ap_err *e);

#endif
