/* rules_internal.h - what the rules engine's source files share: a loaded rule,
 * the table of kinds and the message placeholders. Only src/rules*.c include it. */
#ifndef ACCTPLAN_RULES_INTERNAL_H
#define ACCTPLAN_RULES_INTERNAL_H

#include <stdint.h>

#include "acctplan/rules.h"

/* Longest list a rule parameter may hold (lists become bit masks). */
#define RULE_LIST_MAX 32

/* Placeholders of messages and hints; which ones a kind fills is in its spec. */
#define RULE_PH_TABLE(X) \
	X(PH_ACCOUNT, "account") X(PH_TIER, "tier") X(PH_RULE, "rule") X(PH_SEVERITY, "severity") \
	X(PH_QUESTION, "question") X(PH_QUESTION_ID, "question_id") X(PH_DAYS, "days") X(PH_AGE, "age") \
	X(PH_DATE, "date") X(PH_SOURCE, "source") X(PH_CONFIDENCE, "confidence") X(PH_VALUE, "value") \
	X(PH_COUNT, "count") X(PH_ROLES, "roles") X(PH_MISSING, "missing") X(PH_MISSING_ID, "missing_id") \
	X(PH_DETAIL, "detail") X(PH_LAST, "last") X(PH_ANSWER_FORM, "answer_form") X(PH_ROLE, "role") \
	X(PH_OTHER_TIER, "other_tier") X(PH_BY_TIER, "by_tier") X(PH_ID, "id") X(PH_STEP, "step") \
	X(PH_STEP_FORM, "step_form") X(PH_MEMBER, "member") X(PH_OTHER_MEMBER, "other_member") \
	X(PH_CONTACT, "contact") X(PH_LEVEL, "level") X(PH_SEGMENT, "segment") X(PH_FLAG, "flag") \
	X(PH_DRIVER, "driver") X(PH_ORDERS_GROWTH, "orders_growth") X(PH_CHAIN_GROWTH, "chain_growth") X(PH_GAP, "gap") \
	X(PH_QUARTERS, "quarters") X(PH_MONTHS, "months") X(PH_DIRECTION, "direction") \
	X(PH_BLOCKS, "blocks")
#define RULE_PH_ENUM_(id, name) id,
enum rule_ph { RULE_PH_TABLE(RULE_PH_ENUM_) PH_COUNT_ };
#undef RULE_PH_ENUM_
extern const ap_names rule_placeholders;

/* A template's placeholders are bits of a rule_phs (rule_tpl.uses). */
typedef uint64_t rule_phs;
#define PH_BIT(p) ((rule_phs)1 << (p))
_Static_assert(PH_COUNT_ <= 64, "too many placeholders for the bit masks");

/* What a kind accepts, needs and fills in, and what it says by default. */
typedef struct rule_kind_spec {
	unsigned params;        /* bit per enum rule_param it accepts */
	unsigned required;      /* ... and those it cannot do without */
	rule_phs placeholders;  /* bit per enum rule_ph its messages may use */
	int about_questions;    /* its flags name a question */
	const char *message, *hint;
	/* About our people (members, owners, depth, attendees): quiet in a store
	 * without members, where nobody has recorded who knows whom yet, so that
	 * such a store keeps the flags it had. */
	int people;
	/* Defaults of parameters that are not required: roles, days, level. */
	unsigned roles;
	int days, level;
} rule_kind_spec;
extern const rule_kind_spec rule_kind_specs[RULE_KIND_COUNT];

/* A message or hint split at its placeholders: each piece is literal text
 * (pointing into src) followed by a placeholder, or by none (ph -1). */
typedef struct rule_piece {
	const char *text;
	size_t len;
	int ph;
} rule_piece;

typedef struct rule_tpl {
	char *src;
	rule_piece *p;
	int n;
	rule_phs uses;          /* bit per placeholder it contains */
} rule_tpl;

/* A hint is a command or prose. A command (its first word is "acctplan") is
 * split into words when the file is read, each word a template of its own
 * that renders to exactly one argument; the printed hint quotes every
 * argument for the shell, so no value can add a word or run anything. Prose
 * is printed as written and holds no placeholder, so nothing from the data
 * reaches it either. */
typedef struct rule_hint {
	rule_tpl text;          /* the hint as written: listings, prose, the placeholders it uses */
	rule_tpl *words;        /* a command's words; NULL for prose */
	char **quoted;          /* per word without placeholders, its printed form, quoted once at load; else NULL */
	int nwords;
} rule_hint;

typedef struct rule {
	char *id;
	int kind, tier, severity;
	unsigned segments;      /* bit per enum ap_segment */
	int enabled;
	rule_tpl message;
	rule_hint hint;
	char *file;             /* where it was defined */
	char *origin;           /* the layer that defined it: "default", "team", "yours" */
	int line;
	char *params;           /* its parameters as written, for listings */

	char **questions;       /* unanswered, stale, weak_evidence: NULL = the tier's own (ungrouped) questions */
	int nquestions;
	char *question;         /* choice_is, requires; no_driver's if_answered */
	char **requires;
	int nrequires;
	unsigned sources;       /* weak_evidence: bit per ap_source counted as weak */
	int confidence;         /* weak_evidence: weak at or below this level, -1 none */
	unsigned roles;         /* missing_role, shallow_decision_maker, contact_untouched,
	                         * advocate_untapped: bit per ap_role */
	unsigned held_by;       /* single_threaded, key_person_risk, single_owner: bit per tier */
	int min_contacts;
	int days;               /* window or age limit in days; consent_expiring: days ahead looked at */
	int min_meetings;
	unsigned by;            /* engagement kinds: bit per tier whose meetings count */
	unsigned values;        /* choice_is: bit per option of question */
	unsigned steps;         /* incomplete_driver: bit per fact_step required */
	int level;              /* relationship kinds: enum ap_level counted as deep enough */
	unsigned stances;       /* opponent_uncovered: bit per ap_stance counted as opposed */
	int influence;          /* opponent_uncovered, contact_untouched: enum ap_influence, this or more */
	unsigned authors;       /* product_answers_by_sales: bit per tier whose members' answers count */
	int min_answers, share; /* product_answers_by_sales: at least that many, and that percent */
	int review_days[SEGMENT_COUNT];  /* not_reviewed: cadence per segment (days_SEGMENT), 0 none */
	int min_severity;       /* flag_unowned: flags at or above it count */
	int points;             /* orders_diverge: points a year orders may trail a chain by */
	int months;             /* orders_missing: months without an order allowed, today's counted;
	                         * one_sided: the months looked at, today's counted;
	                         * advocate_untapped: months a champion may go unasked */
	int times;              /* reference_fatigue: how often a contact may be asked in 90 days */
} rule;

struct rules {
	rule *v;                /* sorted by id */
	size_t n;
	int due_days[SEVERITY_COUNT];   /* [actions]: days a flag taken on is due in, by severity */
	ap_config money;        /* [money] alone (rules_set_money): the currency and rates, owned */
};

/* Resolve the questions a rule looks at into qbank indexes sorted by question
 * id (the order flags come in); returns the count. `out` holds qb->n. */
size_t rule_questions(const rule *r, const qbank *qb, size_t *out);

#endif
