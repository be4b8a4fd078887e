/* bench_review.c - "what changed since the last review" of one account,
 * timed in-process, where process start-up does not hide it.
 *
 *   bench_review DB [SAMPLES]
 *
 * For SAMPLES accounts spread over the portfolio (default 100): the
 * account's last review (store_review_last) and what changed since it
 * (store_account_changes; for an account never reviewed, everything on
 * record, the most there is to read). Prints the mean and worst wall time.
 * Only reads. */
#include <stdio.h>
#include <stdlib.h>

#include "acctplan/store.h"
#include "bench_time.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_review DB [SAMPLES]\n");
		return 2;
	}
	int samples = argc > 2 ? atoi(argv[2]) : 100;
	store *s = NULL;
	ap_err e = {0};
	ap_accounts accs = {0};
	struct timing changes = {0};
	size_t rows = 0;
	int rc = store_open(&s, argv[1], STORE_EXISTING, &e);
	if (!rc)
		rc = store_account_list(s, &accs, &e);
	size_t step = accs.n / (size_t)(samples > 0 ? samples : 1);
	for (size_t i = 0; !rc && i < accs.n && changes.n < samples; i += step ? step : 1) {
		ap_changes c = {0};
		long long review = 0;
		char *at = NULL;
		double t0 = now_ms();
		rc = store_review_last(s, accs.v[i].id, 0, &review, &at, &e);
		if (!rc)
			rc = store_account_changes(s, accs.v[i].id, at, &c, &e);
		timed(&changes, t0);
		rows += c.n;
		free(at);
		ap_vec_free(&c, ap_change_clear);
	}
	if (changes.n)
		printf("review: changed since the last review: %.3f ms mean, %.3f ms worst (%d accounts, %zu records)\n",
			changes.total / changes.n, changes.worst, changes.n, rows);
	ap_vec_free(&accs, ap_account_clear);
	store_close(&s);
	if (rc)
		fprintf(stderr, "bench_review: %s\n", e.msg);
	return rc;
}
