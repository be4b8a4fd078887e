/* bench_rules.c - time the rules engine in-process, where process start-up and
 * output do not hide it.
 *
 *   bench_rules DB [ASSETS_DIR] [ACCOUNT_SAMPLES]
 *
 * Prints one line per measure: loading the rules, evaluating the whole
 * portfolio, rendering every flag's message, and re-evaluating one account
 * (the workbench does that after every edit) as a mean and worst case over
 * ACCOUNT_SAMPLES accounts spread through the portfolio (default 200), and
 * the flag counts of a screen of the account list; and one account's
 * business model canvas read and laid out as 'account canvas' does.
 * Times are CPU time of the process, steady on a machine shared with builds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acctplan/canvas.h"
#include "acctplan/facts.h"
#include "acctplan/rules.h"

/* CPU time of this process: on a busy machine wall time measures the others too. */
static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int die(const ap_err *e)
{
	fprintf(stderr, "bench_rules: %s\n", e->msg);
	return e->status ? e->status : 1;
}

/* What is timed per account: the engine's re-evaluation, or its canvas. */
typedef struct per_account {
	const rules *r;
	store *s;
	const qbank *qb;
	long today;
} per_account;

/* rules_eval of one account; *flags gets its flag count. */
static int eval_one(const per_account *p, long long id, size_t *flags, ap_err *e)
{
	rule_flags fl = {0};
	int rc = rules_eval(p->r, p->s, p->qb, id, p->today, 0, &fl, e);
	*flags = fl.n;
	ap_vec_free(&fl, rule_flag_clear);
	return rc;
}

/* What 'account canvas' does once the store is open: read the canvas, its
 * flags included, and lay it out as text; *flags gets the canvas's flags. */
static int canvas_one(const per_account *p, long long id, size_t *flags, ap_err *e)
{
	canvas cv;
	int rc = canvas_build(p->s, p->qb, p->r, id, p->today, &cv, e);
	if (!rc) {
		ap_buf text = {0};
		doc d;
		doc_init(&d, DOC_TEXT, 80, &text);
		canvas_doc(&cv, &d);
		buf_free(&text);
		*flags = cv.flags.n;
		canvas_free(&cv);
	}
	return rc;
}

/* Mean and worst time of fn for `samples` accounts spread over the list. */
static int time_one_account(const per_account *p, const char *what,
	int (*fn)(const per_account *, long long, size_t *, ap_err *), int samples, ap_err *e)
{
	ap_accounts accs = {0};
	int rc = store_account_list(p->s, &accs, e);
	double total = 0, worst = 0;
	size_t flags = 0;
	int n = 0;
	for (int i = 0; !rc && accs.n && i < samples; i++, n++) {
		size_t k = 0;
		long long id = accs.v[(size_t)i * accs.n / (size_t)samples].id;
		double t0 = now_ms();
		rc = fn(p, id, &k, e);
		double dt = now_ms() - t0;
		total += dt;
		worst = dt > worst ? dt : worst;
		flags += k;
	}
	if (!rc && n)
		printf("rules: %s: %.3f ms mean, %.3f ms worst (%d accounts, %.1f flags each)\n",
			what, total / n, worst, n, (double)flags / n);
	ap_vec_free(&accs, ap_account_clear);
	return rc;
}

/* A screen of the workbench's account list (38 rows at 120x40): its flag
 * counts one account at a time, as before, and as one set. Mean over `pages`
 * screens spread through the list. */
static int time_pages(const rules *r, store *s, const qbank *qb, long today, int pages, ap_err *e)
{
	enum { PAGE = 38 };
	ap_accounts accs = {0};
	int rc = store_account_list(s, &accs, e);
	double each = 0, set = 0;
	int n = 0;
	for (int p = 0; !rc && accs.n >= PAGE && p < pages; p++, n++) {
		long long ids[PAGE];
		size_t first = (size_t)p * (accs.n - PAGE) / (size_t)pages;
		for (int k = 0; k < PAGE; k++)
			ids[k] = accs.v[first + (size_t)k].id;
		double t0 = now_ms();
		for (int k = 0; !rc && k < PAGE; k++) {
			rule_flags fl = {0};
			rc = rules_eval(r, s, qb, ids[k], today, 0, &fl, e);
			ap_vec_free(&fl, rule_flag_clear);
		}
		double t1 = now_ms();
		rules_query q = {0, today, -1, SEV_INFO, 0};
		rules_result *res = NULL;
		if (!rc && !(rc = rules_run_accounts(r, s, qb, &q, ids, PAGE, &res, e)))
			rules_result_free(&res);
		each += t1 - t0;
		set += now_ms() - t1;
	}
	if (!rc && n) {
		printf("rules: a screen of %d accounts, one by one: %.3f ms (mean of %d screens)\n", PAGE, each / n, n);
		printf("rules: a screen of %d accounts as one set: %.3f ms (mean of %d screens)\n", PAGE, set / n, n);
	}
	ap_vec_free(&accs, ap_account_clear);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_rules DB [ASSETS_DIR] [ACCOUNT_SAMPLES]\n");
		return 2;
	}
	const char *assets = argc > 2 ? argv[2] : "assets";
	int samples = argc > 3 ? atoi(argv[3]) : 200;
	ap_err e = {0};
	store *s = NULL;
	qbank qb;
	rules *r = NULL;
	rules_result *res = NULL;
	char *qpath = xasprintf("%s/questions.ini", assets), *rpath = xasprintf("%s/rules.ini", assets);
	long today = ap_today();
	double t0 = now_ms();
	int rc = store_open(&s, argv[1], STORE_EXISTING, &e);
	if (!rc && !(rc = qbank_load(&qb, qpath, NULL, &e)) && !(rc = rules_load(&r, rpath, NULL, &qb, &e))) {
		printf("rules: open, questions and rules loaded: %.1f ms (%zu rules)\n", now_ms() - t0, rules_count(r));
		rules_query q = {0, today, -1, SEV_INFO, 0};
		facts f;
		t0 = now_ms();
		if ((rc = store_facts_load(s, &qb, 0, today, &f, &e)))
			return die(&e);
		printf("rules: facts of the portfolio read: %.1f ms (%zu accounts, %zu engagements)\n", now_ms() - t0,
			f.nacc, f.neng);
		store_facts_free(&f);
		t0 = now_ms();
		if (!(rc = rules_run(r, s, &qb, &q, &res, &e))) {
			printf("rules: whole portfolio evaluated: %.1f ms (%zu flags)\n", now_ms() - t0, rules_result_count(res));
			t0 = now_ms();
			size_t bytes = 0;
			for (size_t i = 0; i < rules_result_count(res); i++)
				bytes += strlen(rules_result_get(res, i)->message);
			printf("rules: every message rendered: %.1f ms (%zu bytes)\n", now_ms() - t0, bytes);
			rules_result_free(&res);
			per_account p = {r, s, &qb, today};
			rc = time_one_account(&p, "one account re-evaluated", eval_one, samples, &e);
			if (!rc)
				rc = time_one_account(&p, "one account's canvas read and laid out", canvas_one, samples, &e);
			if (!rc)
				rc = time_pages(r, s, &qb, today, 20, &e);
		}
		rules_free(&r);
		qbank_free(&qb);
	}
	store_close(&s);
	free(qpath);
	free(rpath);
	return rc ? die(&e) : 0;
}
