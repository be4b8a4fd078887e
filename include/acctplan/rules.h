/* rules.h - the rules engine: what nobody knows about an account, and what
 * rests on thin evidence. Rules are declared in INI files (assets/rules.ini,
 * then the user's file) and evaluated set-based over the portfolio.
 *
 * (Interface agreed between the rules engine, the CLI and the workbench; the
 * engine's issue fills in the implementation and may add functions.) */
#ifndef ACCTPLAN_RULES_H
#define ACCTPLAN_RULES_H

#include "acctplan/model.h"
#include "acctplan/qbank.h"
#include "acctplan/store.h"

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
	char *hint;
	int snoozed;          /* only reported when asked for snoozed flags */
	char *snooze_until, *snooze_reason;
} rule_flag;

typedef AP_VEC(rule_flag) rule_flags;
void rule_flag_clear(rule_flag *f);

/* Load the default rules, then the user's file (may be NULL) on top: same id
 * replaces, enabled = false disables. Errors are "FILE:LINE: what" (AP_EINPUT).
 * Caller frees with rules_free. */
int rules_load(rules **out, const char *defaults_path, const char *user_path,
	const qbank *qb, ap_err *e);
void rules_free(rules **r);

/* Evaluate every rule for one account (account > 0) or the whole portfolio (0)
 * as of day `today`. Flags come sorted most severe first, then by account name,
 * rule and question. Snoozed flags are left out unless include_snoozed. */
int rules_eval(const rules *r, store *s, const qbank *qb, long long account, long today,
	int include_snoozed, rule_flags *out, ap_err *e);

#endif
