/* fuzz_rules.c - the rules file: the input is a user's rules file, layered on
 * the shipped assets/rules.ini over the shipped question bank, as `acctplan
 * check` loads it.
 *
 * Rules that load are then evaluated over the fixture store, so every message
 * and hint template the input defines is rendered, and listed and checked
 * for snoozes as `acctplan rules` and `acctplan snooze` do. */
#include "fuzz.h"
#include "acctplan/model.h"
#include "acctplan/rules.h"
#include "acctplan/shell.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_rules_list(const rules *r, const qbank *qb)
{
	size_t n = rules_count(r);
	for (size_t i = 0; i < n; i++) {
		rule_info ri;
		rules_get(r, i, &ri);
		fuzz_check(ri.id && ri.kind && ri.message && ri.hint && ri.params && ri.file && ri.line > 0,
			"rule %zu is incomplete", i);
		fuzz_check(ri.tier >= 0 && ri.tier < TIER_COUNT && ri.severity >= 0 && ri.severity < SEVERITY_COUNT,
			"rule '%s': tier %d, severity %d", ri.id, ri.tier, ri.severity);
		fuzz_check(rules_find(r, ri.id) == (int)i, "rule '%s' is not found by its id", ri.id);
		if (i > 0) {
			rule_info prev;
			rules_get(r, i - 1, &prev);
			fuzz_check(strcmp(prev.id, ri.id) < 0, "'%s' is listed before '%s'", prev.id, ri.id);
		}
		ap_err e = {0};
		rules_check_snooze(r, qb, ri.id, NULL, &e);
		rules_check_snooze(r, qb, ri.id, qb->q[i % qb->n].id, &e);
	}
}

static void fuzz_rules_eval(const rules *r, const qbank *qb)
{
	long today;
	ap_date_parse(FUZZ_TODAY, &today);
	rules_query q = {0, today, -1, SEV_INFO, 1};
	rules_result *res = NULL;
	ap_err e = {0};
	int rc = rules_run(r, fuzz_store(), qb, &q, &res, &e);
	fuzz_check(rc == AP_OK, "evaluating: %s", e.msg);
	rules_result_group_by_account(res);
	size_t n = rules_result_count(res);
	const rules_summary *sum = rules_result_summary(res);
	fuzz_check(sum->total + sum->snoozed == n, "%zu + %zu flags counted, %zu listed", sum->total, sum->snoozed, n);
	for (size_t i = 0; i < n; i++) {
		const rule_flag *f = rules_result_get(res, i);
		fuzz_check(f->account && f->rule && f->kind && f->message && f->hint, "flag %zu is incomplete", i);
		fuzz_check(rules_find(r, f->rule) >= 0, "flag of unknown rule '%s'", f->rule);
		fuzz_check(f->severity >= 0 && f->severity < SEVERITY_COUNT, "flag severity %d", f->severity);
		/* A command hint is printed as its argument list quoted, nothing more or less. */
		fuzz_check(f->hint_argc == 0 || (strcmp(f->hint_argv[0], "acctplan") == 0 && !f->hint_argv[f->hint_argc]),
			"flag %zu: hint_argv does not start with acctplan or is not NULL-terminated", i);
		ap_buf b = {0};
		shell_join(&b, (const char *const *)f->hint_argv, f->hint_argc);
		fuzz_check(f->hint_argc == 0 || strcmp(b.s, f->hint) == 0, "flag %zu: hint '%s' is not its arguments quoted", i,
			f->hint);
		buf_free(&b);
	}
	rules_result_free(&res);
	fuzz_check(res == NULL, "rules_result_free left the pointer");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *defaults;
	const qbank *qb = fuzz_questions();
	if (!defaults)
		defaults = fuzz_asset("rules.ini");
	char *path = fuzz_write("rules.ini", data, size);
	rules *r = NULL;
	ap_err e = {0};
	int rc = rules_load(&r, defaults, path, qb, &e);
	if (rc) {
		fuzz_check(r == NULL, "a failed load returned rules");
		fuzz_check_error(&e, rc, path);
	} else {
		fuzz_rules_list(r, qb);
		fuzz_rules_eval(r, qb);
		rules_free(&r);
	}
	free(path);
	return 0;
}
