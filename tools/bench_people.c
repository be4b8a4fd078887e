/* bench_people.c - the relationship matrix and a member's relationships,
 * timed in-process, where process start-up does not hide them.
 *
 *   bench_people DB [SAMPLES]
 *
 * For SAMPLES accounts spread over the portfolio (default 100) the matrix
 * of the account (rel_matrix_load), and for every member the list of what
 * they hold (store_member_held). Prints the mean and worst wall time of
 * each. Only reads. */
#include <stdio.h>
#include <stdlib.h>

#include "acctplan/relations.h"
#include "acctplan/store.h"
#include "bench_time.h"

static void report(const char *what, const struct timing *t)
{
	if (t->n)
		printf("people: %s: %.3f ms mean, %.3f ms worst (%d)\n", what, t->total / t->n, t->worst, t->n);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_people DB [SAMPLES]\n");
		return 2;
	}
	int samples = argc > 2 ? atoi(argv[2]) : 100;
	store *s = NULL;
	ap_err e = {0};
	ap_accounts accs = {0};
	ap_members team = {0};
	struct timing matrix = {0}, held = {0};
	int rc = store_open(&s, argv[1], STORE_EXISTING, &e);
	if (!rc)
		rc = store_account_list(s, &accs, &e);
	if (!rc)
		rc = store_member_list(s, &team, &e);
	size_t step = accs.n / (size_t)(samples > 0 ? samples : 1);
	for (size_t i = 0; !rc && i < accs.n && matrix.n < samples; i += step ? step : 1) {
		rel_matrix m;
		double t0 = now_ms();
		rc = rel_matrix_load(s, accs.v[i].id, ap_today(), &m, &e);
		timed(&matrix, t0);
		if (!rc)
			rel_matrix_free(&m);
	}
	for (size_t i = 0; !rc && i < team.n; i++) {
		store_helds h = {0};
		double t0 = now_ms();
		rc = store_member_held(s, team.v[i].id, &h, &e);
		timed(&held, t0);
		ap_vec_free(&h, store_held_clear);
	}
	report("account relationships", &matrix);
	report("member show", &held);
	ap_vec_free(&accs, ap_account_clear);
	ap_vec_free(&team, ap_member_clear);
	store_close(&s);
	if (rc)
		fprintf(stderr, "bench_people: %s\n", e.msg);
	return rc;
}
