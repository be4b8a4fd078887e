/* portfolio.h - what the executive tier concludes from all accounts together:
 * where the end customers' industries are heading (and how much of that was
 * heard from customers rather than guessed), which customers are aligned with
 * their own markets and which shape them, where demand is going, weighted by
 * the demand chains, and how well each tier covers each account.
 *
 * portfolio_build reads the store in one query per section (store_report.h),
 * never per account; the renderers and the workbench read the struct. */
#ifndef ACCTPLAN_PORTFOLIO_H
#define ACCTPLAN_PORTFOLIO_H

#include <stdio.h>

#include "acctplan/config.h"
#include "acctplan/demand.h"
#include "acctplan/doc.h"
#include "acctplan/output.h"
#include "acctplan/qbank.h"
#include "acctplan/revenue.h"
#include "acctplan/rules.h"
#include "acctplan/store.h"

/* What an account's view of its end customers rests on: the source of its
 * current answer to end_industry (how their industry moves), else to
 * end_customers. */
#define PF_EVIDENCE_TABLE(X) \
	X(PF_HEARD, "customers") X(PF_DESK, "research") X(PF_GUESS, "guess") X(PF_UNANSWERED, "unanswered")
#define PF_ENUM_(id, name) id,
enum pf_evidence { PF_EVIDENCE_TABLE(PF_ENUM_) PF_EVIDENCE_COUNT };
#undef PF_ENUM_
extern const ap_names pf_evidences;
/* "heard from customers", "desk research", "guess", "not answered". */
const char *pf_evidence_label(int evidence);

/* An answer older than this is answered but not fresh, when no stale rule says otherwise. */
#define PORTFOLIO_FRESH_DAYS 180

/* Direction of an account's demand chain when its drivers disagree. */
#define PF_CHAIN_MIXED TREND_COUNT

typedef AP_VEC(size_t) pf_list;   /* indices into portfolio.acc, by account name */

typedef struct pf_coverage {
	int questions;   /* the tier's questions in the bank */
	int answered;    /* with a current answer */
	int fresh;       /* answered within the tier's fresh_days */
	int last;        /* day of the tier's last engagement, -1 when never */
} pf_coverage;

/* What the weighting can say of an account's demand: nothing (no driver),
 * its weight (every driver complete, with a product unit), or that its
 * weight is unknown (a driver misses a step or its product unit). */
#define PF_WEIGHT_TABLE(X) X(PF_WEIGHT_NONE, "none") X(PF_WEIGHT_KNOWN, "known") X(PF_WEIGHT_UNKNOWN, "unknown")
#define PF_ENUM_(id, name) id,
enum pf_weight_state { PF_WEIGHT_TABLE(PF_ENUM_) PF_WEIGHT_COUNT };
#undef PF_ENUM_
extern const ap_names pf_weight_states;

/* Beside the DEMAND_* steps: a driver without a product unit, which no
 * unit's weighting can take. */
#define PF_NO_UNIT (1u << DEMAND_STEPS)

/* Why an account's revenue is at risk: what it said of its own customers
 * and industry (the answers to alignment, posture and outlook; its end
 * customers' trends), and its orders diverging from a demand chain as the
 * orders_diverge rules in force judge it. */
#define PF_RISK_TABLE(X) \
	X(PF_RISK_DIVERGING, "diverging", "roadmap diverges") \
	X(PF_RISK_CATCHING_UP, "catching-up", "catching up") \
	X(PF_RISK_FALLING, "falling", "outlook falling") \
	X(PF_RISK_END_SHRINKING, "end-customers-shrinking", "end customers shrinking") \
	X(PF_RISK_ORDERS, "orders-diverge", "orders off their chain")
#define PF_ENUM_(id, name, label) id,
enum pf_risk { PF_RISK_TABLE(PF_ENUM_) PF_RISK_COUNT };
#undef PF_ENUM_
extern const ap_names pf_risks;
/* "roadmap diverges", "catching up", ... */
const char *pf_risk_label(int risk);

/* What an account's revenue can be said to be in one amount: nothing (no
 * orders in the window), one amount (one currency, or every currency
 * converted into the reporting one), or several currencies without a rate. */
enum pf_rev_state { PF_REV_NONE, PF_REV_ONE, PF_REV_MIXED };

/* One account's part of the synthesis. A large portfolio holds a hundred
 * thousand of these: the fields are ordered so that none is padded. */
typedef struct pf_account {
	long long id;
	char *name;
	int alignment, posture, outlook;  /* option index of the current answer, -1 when none */
	int evidence;                     /* enum pf_evidence */
	int chain;                        /* TREND_* of its complete drivers, PF_CHAIN_MIXED, -1 when none */
	int weight;                       /* enum pf_weight_state */
	unsigned missing;                 /* DEMAND_* and PF_NO_UNIT of its drivers together */
	int has_end_customers;
	pf_coverage cov[TIER_COUNT];
	/* Its deep relationships (credible or better): how many, and the one
	 * member who holds them all (0: none are; -1: more than one, or some
	 * nobody holds). */
	int deep;
	int segment;                      /* enum ap_segment (SEG_OTHER when unknown) */
	long long deep_owner;
	long created, reviewed;           /* the day it was added; of its last review (0 never) */
	long long revenue;                /* trailing twelve months in rev_currency, when rev_state is PF_REV_ONE */
	char rev_currency[4];
	int rev_state;                    /* enum pf_rev_state */
	unsigned risk;                    /* 1 << PF_RISK_* */
	/* 1 << FUNC_* of the functions of ours touching it (relations.h:
	 * rel_touch_since), where the team has members. */
	unsigned functions;
	/* Its end customers recorded growing and shrinking. */
	int ends_growing, ends_shrinking;
	long long given, taken;           /* gives and takes of the twelve months (reciprocity.h) */
} pf_account;

/* Someone of ours and what they carry across the portfolio. */
typedef struct pf_person {
	long long id;
	char *name;
	int tier;
	size_t held, deep, accounts;   /* contacts held, of which credible or better, at how many accounts */
} pf_person;

/* A decision-maker nobody of ours knows beyond vendor. */
typedef struct pf_shallow {
	size_t account;
	char *contact;
	int level;
	long long owner;               /* 0: nobody holds them */
} pf_shallow;

typedef struct pf_industry {
	char *name;                        /* as first recorded; "" when not recorded */
	pf_list accounts;                  /* accounts selling into it */
	pf_list trend[TREND_COUNT + 1];    /* trend votes; [TREND_COUNT]: trend not recorded */
	pf_list evidence[PF_EVIDENCE_COUNT];
} pf_industry;

/* An account whose weight in one unit is unknown, and what its drivers of
 * that unit miss (DEMAND_*; PF_NO_UNIT for the drivers without a unit). */
typedef struct pf_unknown {
	size_t account;
	unsigned missing;
} pf_unknown;

/* The demand weighting of one product unit: our implied demand today from
 * its complete drivers, the part of it at accounts of each outlook, and the
 * accounts that cannot be weighed because a driver of theirs in the unit
 * misses a step. They count as unknown, never as zero and never silently
 * left out: a falling account with a half-known chain must not make the
 * rest read "rising 100%". */
typedef struct pf_weight {
	char *unit;              /* "" gathers the drivers without a product unit */
	int complete;            /* drivers behind now */
	double now;
	double *by_outlook;      /* per bucket of portfolio.outlook */
	AP_VEC(pf_unknown) unknown;   /* by account name */
} pf_weight;

typedef struct pf_bucket {
	const char *name;        /* the option, or "not answered" (borrowed from the qbank) */
	pf_list accounts;
	demand_totals demand;    /* implied demand of those accounts (outlook only) */
} pf_bucket;

/* The accounts grouped by their answer to one choice question: a bucket per
 * option in the question's order, then one for accounts without an answer
 * (or with an option the bank no longer offers). */
typedef struct pf_choice {
	const char *question;
	pf_bucket *b;
	int n;
} pf_choice;

typedef struct portfolio {
	long today;
	int fresh_days[TIER_COUNT];
	pf_account *acc;
	size_t nacc;
	pf_industry *ind;          /* by industry name, without regard to case */
	size_t nind;
	size_t without_end_customers;
	pf_choice alignment, posture, outlook;
	demand_totals demand;      /* the whole portfolio, per product unit */
	demand_skipped skipped;
	pf_weight *weights;        /* per product unit of any driver, in order of first appearance */
	size_t nweights;
	size_t unknown;            /* accounts whose weight is unknown */
	pf_list contradicting;     /* stated outlook is not where the account's own chain goes */
	/* Who holds the relationships (only where the team has members). */
	int has_members;
	AP_VEC(pf_person) people;  /* deepest carriers first */
	pf_list one_person;        /* accounts whose deep relationships one member holds alone */
	AP_VEC(pf_shallow) shallow;
	/* Open actions per tier and of them overdue; has_actions when any is open. */
	int has_actions;
	size_t actions_open[TIER_COUNT], actions_overdue[TIER_COUNT];
	/* The review cadence per segment (days, 0 none) and the accounts past it. */
	int review_days[SEGMENT_COUNT];
	pf_list unreviewed;
	/* Revenue of the trailing twelve months (revenue.h): the whole
	 * portfolio's, the part at accounts at risk, and per outlook bucket;
	 * the accounts with orders in the window, largest first, and those of
	 * them at risk. Amounts of several currencies are added up only with
	 * the rates of config.ini [money]. */
	revenue revenue, at_risk;
	revenue *rev_outlook;      /* per bucket of outlook */
	pf_list by_revenue, risky;
	/* The twelve months of the give and take (reciprocity_window) and the
	 * accounts that took more than they gave, the most one-sided first. */
	char xch_from[11], xch_to[11];
	pf_list taking;
} portfolio;

/* What portfolio_build needs besides the store: the day, when answers are
 * fresh and reviews due (from the rules in force), and the money settings. */
typedef struct pf_opts {
	long today;
	int fresh_days[TIER_COUNT];
	int review_days[SEGMENT_COUNT];
	int diverge_points[SEGMENT_COUNT];   /* rules_diverge_points; -1: not compared */
	const ap_config *cfg;      /* [money]; NULL: no reporting currency */
} pf_opts;
/* The options the rules r (NULL: none) and cfg give, as of today. */
void portfolio_opts(pf_opts *o, const rules *r, const ap_config *cfg, long today);

/* The member of id among p->people, NULL when none. */
const pf_person *pf_person_of(const portfolio *p, long long id);

/* How old an answer of each tier may be and still count as fresh: the
 * smallest max_age_days of the tier's enabled stale rules, so coverage and
 * flags agree; PORTFOLIO_FRESH_DAYS for a tier without one. r may be NULL. */
void portfolio_fresh_days(const rules *r, int days[TIER_COUNT]);

/* The review cadence per segment: the not_reviewed rules' (rules_review_days),
 * 0 for a segment none of them gives days (r may be NULL: none). */
void portfolio_review_days(const rules *r, int days[SEGMENT_COUNT]);

/* Build the synthesis as of o->today, answers counting as fresh within
 * fresh_days of their tier, accounts due for review past review_days of
 * their segment (0: never). qb must outlive *out (bucket names borrow
 * from it). Caller frees with portfolio_free. */
int portfolio_build(store *s, const qbank *qb, const pf_opts *o, portfolio *out, ap_err *e);
void portfolio_free(portfolio *p);

/* Share (0-100) of a tier's questions answered / answered and fresh; -1 without questions. */
int pf_answered_pct(const pf_coverage *c);
int pf_fresh_pct(const pf_coverage *c);
/* Map an outlook option ("rising", "steady", "falling") to a trend, -1 for others. */
int pf_outlook_trend(const char *option);
/* Percent of w's demand today at accounts of outlook bucket i; NaN when w
 * has no complete driver (0 when they add up to nothing). */
double pf_weight_share(const pf_weight *w, int i);
/* Percent of the portfolio's revenue that part is; NaN when the two are not
 * one amount in one currency (revenue_share). */
double pf_revenue_share(const portfolio *p, const revenue *part);
/* Why an account cannot be weighed, for people: "Voss (falling; growth not
 * given)", "Acme (outlook not answered; no product unit)". Caller frees. */
char *pf_unknown_text(const portfolio *p, const pf_unknown *u);

/* Renderings: sections as report blocks, the whole synthesis as JSON, and
 * the coverage table (one row per account and tier) as CSV. The JSON and
 * CSV go to f as they are made, and so does the text of a doc writing to a
 * file (doc_init_file): memory holds the synthesis, never its rendering. */
void portfolio_doc(const portfolio *p, doc *d);
void portfolio_json(const portfolio *p, FILE *f);
void portfolio_csv(const portfolio *p, FILE *f);

#endif
