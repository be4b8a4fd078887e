/* rules.h - the rules engine: what nobody knows about an account, and what
 * rests on thin evidence. Rules are declared in INI files (assets/rules.ini,
 * then the user's file) and evaluated set-based over the portfolio: the facts
 * of every account in scope are read in a handful of queries, then each rule
 * is one pass over them in memory.
 *
 * (Interface agreed between the rules engine, the CLI and the workbench; the
 * engine's issue fills in the implementation and may add functions.) */
#ifndef ACCTPLAN_RULES_H
#define ACCTPLAN_RULES_H

#include "acctplan/config.h"
#include "acctplan/model.h"
#include "acctplan/qbank.h"
#include "acctplan/store.h"

/* The kinds of check a rule can make; the single source of their names. */
#define RULE_KIND_TABLE(X) \
	X(KIND_UNANSWERED, "unanswered") X(KIND_STALE, "stale") X(KIND_WEAK_EVIDENCE, "weak_evidence") \
	X(KIND_MISSING_ROLE, "missing_role") X(KIND_SINGLE_THREADED, "single_threaded") \
	X(KIND_NO_ENGAGEMENT, "no_engagement") X(KIND_TACTICAL_ONLY, "tactical_only") \
	X(KIND_CHOICE_IS, "choice_is") X(KIND_REQUIRES, "requires") X(KIND_UNSHARED_NEWS, "unshared_news") \
	X(KIND_NO_DRIVER, "no_driver") X(KIND_INCOMPLETE_DRIVER, "incomplete_driver") \
	X(KIND_KEY_PERSON_RISK, "key_person_risk") X(KIND_SINGLE_OWNER, "single_owner") \
	X(KIND_SHALLOW_DECISION_MAKER, "shallow_decision_maker") X(KIND_OPPONENT_UNCOVERED, "opponent_uncovered") \
	X(KIND_CONTACT_UNTOUCHED, "contact_untouched") X(KIND_PRODUCT_ANSWERS_BY_SALES, "product_answers_by_sales") \
	X(KIND_ACTION_OVERDUE, "action_overdue") X(KIND_NOT_REVIEWED, "not_reviewed") X(KIND_FLAG_UNOWNED, "flag_unowned") \
	X(KIND_ORDERS_DIVERGE, "orders_diverge") X(KIND_ORDERS_MISSING, "orders_missing") \
	X(KIND_ONE_SIDED, "one_sided") X(KIND_REFERENCE_FATIGUE, "reference_fatigue") \
	X(KIND_CANVAS_GAP, "canvas_gap") X(KIND_ADVOCATE_UNTAPPED, "advocate_untapped") \
	X(KIND_CONSENT_EXPIRING, "consent_expiring")
#define RULE_KIND_ENUM_(id, name) id,
enum rule_kind { RULE_KIND_TABLE(RULE_KIND_ENUM_) RULE_KIND_COUNT };
#undef RULE_KIND_ENUM_
extern const ap_names rule_kinds;

typedef struct rules rules;

typedef struct rule_flag {
	long long account_id;
	char *account;        /* account name */
	char *rule;           /* rule id */
	char *kind;           /* "unanswered", "stale", ... */
	int tier;
	char *question;       /* question id, NULL when the flag is not about one */
	int severity;         /* enum ap_severity */
	char *message;        /* placeholders filled in */
	/* How to resolve it. A command hint is an argument list, hint_argv[0] =
	 * "acctplan" (NULL-terminated, for exec), and `hint` is that list with
	 * each argument quoted for the shell (shell.h): pasted, it runs exactly
	 * hint_argv. A hint in words has hint_argc 0 and is printed as written. */
	char *hint;
	char **hint_argv;
	int hint_argc;
	int snoozed;          /* only reported when asked for snoozed flags */
	/* A snoozed flag's snooze: until when, why, the day it was made and by
	 * whom ("" when not recorded); NULL when not snoozed. */
	char *snooze_until, *snooze_reason, *snooze_created, *snooze_by;
	/* The open action that answers it, due soonest: its owner and due day;
	 * NULL when nobody has it in hand. */
	char *hand_owner, *hand_due;
} rule_flag;

typedef AP_VEC(rule_flag) rule_flags;
void rule_flag_clear(rule_flag *f);
/* A snoozed flag's snooze in words, appended to b: "snoozed on 2026-11-23
 * by Dana until 2026-12-01: the board decides" (no "by" when nobody was
 * recorded); nothing for a flag that is not snoozed. */
void rule_flag_snooze_text(const rule_flag *f, ap_buf *b);
/* "in hand: Ana Lima until 2026-12-01", appended to b; nothing when nobody has it in hand. */
void rule_flag_hand_text(const rule_flag *f, ap_buf *b);

/* Load the default rules, then the user's file (may be NULL) on top: same id
 * replaces, enabled = false disables. Errors are "FILE:LINE: what" (AP_EINPUT).
 * Caller frees with rules_free. */
int rules_load(rules **out, const char *defaults_path, const char *user_path,
	const qbank *qb, ap_err *e);
/* The same from layers in order (defaults, the team's, the user's); every
 * layer after the first may replace or switch the rules before it. */
int rules_load_sources(rules **out, const ini_source *src, size_t n, const qbank *qb, ap_err *e);
void rules_free(rules **r);

/* Evaluate every rule for one account (account > 0) or the whole portfolio (0)
 * as of day `today`. Flags come sorted most severe first, then by account name,
 * rule and question. Snoozed flags are left out unless include_snoozed.
 * Flags are appended to *out (caller frees with ap_vec_free(out, rule_flag_clear)). */
int rules_eval(const rules *r, store *s, const qbank *qb, long long account, long today,
	int include_snoozed, rule_flags *out, ap_err *e);
/* The same for exactly the accounts ids[0, n) (ids no longer in the store are
 * skipped) in one set-based evaluation: what a screen of accounts costs is
 * about what one account does. */
int rules_eval_accounts(const rules *r, store *s, const qbank *qb, const long long *ids, size_t n,
	long today, int include_snoozed, rule_flags *out, ap_err *e);

/* The [money] of config.ini (its reporting currency and rates; the rest of
 * cfg is not kept) that orders_diverge, and the brief's order growth,
 * convert orders of several currencies with: copied. NULL: none, so only
 * an account ordering in one currency has a trend. */
void rules_set_money(rules *r, const ap_config *cfg);
const ap_config *rules_money(const rules *r);

/* Days from today an action taken on a flag of this severity is due by
 * default: rules.ini [actions] due_SEVERITY (30, 14, 7, 3 from info to critical). */
int rules_due_days(const rules *r, int severity);

/* ---- the review cadence (kind not_reviewed) ---- */

/* Days within which an account of segment (enum ap_segment) is to be
 * reviewed: the fewest any enabled not_reviewed rule applying to that
 * segment gives; 0 when none does (it is never due). */
int rules_review_days(const rules *r, int segment);
/* Points a year orders may trail a chain by at an account of segment: the
 * fewest any enabled orders_diverge rule applying to it gives; -1 when none
 * applies (its orders are not compared). */
int rules_diverge_points(const rules *r, int segment);
/* How often a contact may be asked in FACT_ASKED_DAYS days before it is
 * asked too often: the fewest `times` of the enabled reference_fatigue
 * rules, whatever segments they apply to; -1 when none is enabled. */
int rules_fatigue_times(const rules *r);
/* Whether an account is past a cadence of `days` days (0: never due) as of
 * today: reviewed (days since 1970-01-01; 0 never) more than `days` days
 * ago, or never reviewed and created more than `days` days ago. Exactly
 * `days` days is in time. The rule and the portfolio both ask this. */
int rules_review_overdue(int days, long today, long created, long reviewed);

/* ---- listing the loaded rules ---- */

/* One loaded rule as the listing shows it; pointers borrow from the rules. */
typedef struct rule_info {
	const char *id, *kind, *message, *hint;
	const char *params;   /* the kind's parameters as "key = value; ..." */
	const char *file;     /* where the rule was defined, and its line */
	int line;
	int tier, severity;
	unsigned segments;    /* bit per enum ap_segment */
	int enabled;
	int days;             /* max_age_days (stale) or days (engagement kinds, contact_untouched); 0 for others */
	unsigned roles;       /* missing_role: bit per enum ap_role it expects; 0 for other kinds */
	const char *origin;   /* the layer that defined it: "default", "team", "yours" */
} rule_info;

/* Rules are kept sorted by id, disabled ones included. */
size_t rules_count(const rules *r);
void rules_get(const rules *r, size_t i, rule_info *out);
/* Index of the rule with this id (case-insensitive), or -1. */
int rules_find(const rules *r, const char *id);
/* Check that a snooze of (rule, question) can match a flag: the rule exists,
 * and question is given exactly when the rule's flags are about questions
 * (and is one of them). question may be NULL or "". AP_EINPUT saying why. */
int rules_check_snooze(const rules *r, const qbank *qb, const char *rule, const char *question, ap_err *e);
/* A snooze hides a flag from everyone: hiding a critical one takes a reason
 * the next reader can weigh, of at least this many words. */
#define RULES_CRITICAL_REASON_WORDS 3
/* Check the reason of a snooze of rule's flag, of that severity: not empty,
 * and for a critical flag RULES_CRITICAL_REASON_WORDS words (ap_text_words).
 * `what` names the reason in the message ("--reason"). AP_EINPUT saying so. */
int rules_check_snooze_reason(const char *rule, int severity, const char *what, const char *reason, ap_err *e);

/* ---- evaluating a large portfolio ---- */

/* What to evaluate. tier -1 means every tier; min_severity SEV_INFO means all. */
typedef struct rules_query {
	long long account;    /* 0: the whole portfolio */
	long today;
	int tier;
	int min_severity;
	int include_snoozed;
} rules_query;

/* Counts over the flags a query found. Snoozed flags are counted apart, in
 * `snoozed`, whether or not they are listed; --fail-on ignores them. */
typedef struct rules_summary {
	size_t by_severity[SEVERITY_COUNT];  /* flags not snoozed */
	size_t total;                        /* sum of by_severity */
	size_t snoozed;
	size_t accounts;                     /* accounts with a flag not snoozed */
} rules_summary;

/* The same counts over flags rules_eval returned (the workbench's status line). */
void rule_flags_summary(const rule_flags *fl, rules_summary *out);

/* A result keeps its flags compact and renders one at a time, so a portfolio of
 * many thousand accounts never holds every message in memory at once. */
typedef struct rules_result rules_result;

/* Evaluate q. The result borrows r and qb, which must outlive it; caller frees
 * with rules_result_free. Flags are in rules_eval's order. */
int rules_run(const rules *r, store *s, const qbank *qb, const rules_query *q,
	rules_result **out, ap_err *e);
/* rules_run over exactly the accounts ids[0, n) (q->account is not used). */
int rules_run_accounts(const rules *r, store *s, const qbank *qb, const rules_query *q,
	const long long *ids, size_t n, rules_result **out, ap_err *e);
void rules_result_free(rules_result **res);
/* rules_run over the whole portfolio (q->account 0) a slice of `chunk`
 * accounts at a time, so that memory is bounded by the slice, not the
 * portfolio: fn gets each slice's result in turn, accounts in the order
 * rules_run lists them, and must not keep it; `whole` is 1 when that one
 * result is the whole portfolio's (a portfolio of at most `chunk`
 * accounts, or q->account's alone), its flags in their final order. The
 * slices are read one after another, not as one snapshot: each account's
 * facts are consistent, the portfolio's are as of the moment its slice was
 * read. Returns fn's first nonzero status. */
typedef int (*rules_chunk_fn)(rules_result *res, int whole, void *ctx, ap_err *e);
/* The slice for a whole portfolio: some 40 MB of facts at the bench's
 * density. A portfolio up to this size is read whole, as fast as ever. */
#define RULES_SLICE 10000
int rules_run_chunks(const rules *r, store *s, const qbank *qb, const rules_query *q, size_t chunk,
	rules_chunk_fn fn, void *ctx, ap_err *e);
size_t rules_result_count(const rules_result *res);
const rules_summary *rules_result_summary(const rules_result *res);
/* Flag i, rendered into storage the result owns and reuses on the next call. */
const rule_flag *rules_result_get(rules_result *res, size_t i);
/* What flag i is about, without rendering its texts: cheap enough to count
 * the flags of a whole portfolio. */
typedef struct rule_flag_brief {
	long long account_id;
	int kind;             /* enum rule_kind */
	int tier, severity;
	int snoozed;
} rule_flag_brief;
void rules_result_brief(const rules_result *res, size_t i, rule_flag_brief *out);
/* Reorder for reading account by account: accounts by their most severe flag,
 * then by name; within an account most severe first, then rule and question. */
void rules_result_group_by_account(rules_result *res);

/* Record in the store which flags the evaluation raised, snoozed ones and
 * those the query did not list included (flag_unowned's own are not), so
 * that flag_unowned knows since when each is there: store_flags_seen, a
 * write only of what changed. AP_ESTORE when the store cannot be written
 * (read-only, locked): then nothing is recorded. */
int rules_result_record(rules_result *res, store *s, ap_err *e);

#endif
