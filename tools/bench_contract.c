/* bench_contract.c - time conditional writes in-process, where process
 * start-up does not hide them.
 *
 *   bench_contract DB [SAMPLES]
 *
 * DB is written to: give it a copy. For SAMPLES accounts spread over the
 * portfolio (default 100): an answer saved with --replaces the current
 * answer's id (read first, untimed), and a meeting edited in place with its
 * version (read first, untimed), each its own transaction as the CLI and the
 * workbench do it. Prints the mean and worst wall time of each: a write's
 * cost includes the commit, which CPU time would not show. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/store.h"
#include "bench_time.h"

static int answer_once(store *s, long long account, struct timing *t, ap_err *e)
{
	ap_answers h = {0};
	int rc = store_answer_history(s, account, "business", &h, e);
	long long cur = !rc && h.n ? h.v[0].id : STORE_REPLACES_NONE;
	ap_vec_free(&h, ap_answer_clear);
	ap_answer a = {.question = (char *)"business", .value = (char *)"benchmark answer",
		.source = SRC_MEETING, .confidence = CONF_HIGH, .author = (char *)"bench"};
	double t0 = now_ms();
	if (!rc)
		rc = store_answer_put(s, account, &a, cur, NULL, e);
	timed(t, t0);
	return rc;
}

static int meeting_once(store *s, long long account, struct timing *t, ap_err *e)
{
	ap_meetings m = {0};
	int rc = store_meeting_list(s, account, &m, e);
	if (!rc && m.n) {
		ap_meeting *one = &m.v[0];
		char *was = one->summary;
		one->summary = (char *)"edited by the benchmark";
		double t0 = now_ms();
		rc = store_rec_update(s, REC_MEETING, account, one, one->meta.version, e);
		timed(t, t0);
		one->summary = was;
	}
	ap_vec_free(&m, ap_meeting_clear);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_contract DB [SAMPLES]\n");
		return 2;
	}
	int samples = argc > 2 ? atoi(argv[2]) : 100;
	store *s = NULL;
	ap_err e = {0};
	ap_accounts accs = {0};
	struct timing answers = {0}, meetings = {0};
	int rc = store_open(&s, argv[1], STORE_EXISTING, &e);
	if (!rc)
		rc = store_account_list(s, &accs, &e);
	for (int i = 0; !rc && accs.n && i < samples; i++) {
		long long id = accs.v[(size_t)i * accs.n / (size_t)samples].id;
		if (!(rc = answer_once(s, id, &answers, &e)))
			rc = meeting_once(s, id, &meetings, &e);
	}
	if (!rc && answers.n)
		printf("contract: answer --replaces ID: %.3f ms mean, %.3f ms worst (%d answers)\n",
			answers.total / answers.n, answers.worst, answers.n);
	if (!rc && meetings.n)
		printf("contract: meeting edit --if-version: %.3f ms mean, %.3f ms worst (%d meetings)\n",
			meetings.total / meetings.n, meetings.worst, meetings.n);
	ap_vec_free(&accs, ap_account_clear);
	store_close(&s);
	if (rc)
		fprintf(stderr, "bench_contract: %s\n", e.msg);
	return rc;
}
