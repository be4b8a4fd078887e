/* fuzz_qbank.c - the question bank: the input is a user's questions file,
 * layered on the shipped assets/questions.ini as acctplan loads it.
 *
 * A bank that loads must be usable as the rest of acctplan assumes: every
 * question complete, sorted, findable, and its own options valid answers. */
#include "fuzz.h"
#include "acctplan/model.h"
#include "acctplan/qbank.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_qbank_check_question(const qbank *qb, size_t i)
{
	const qb_question *q = &qb->q[i];
	ap_err e = {0};
	fuzz_check(q->id && *q->id && q->label && q->text && q->help, "question %zu is incomplete", i);
	fuzz_check(q->tier >= 0 && q->tier < TIER_COUNT, "'%s' has tier %d", q->id, q->tier);
	fuzz_check(q->type == QB_TEXT || q->type == QB_CHOICE, "'%s' has type %d", q->id, q->type);
	fuzz_check((q->type == QB_CHOICE) == (q->noptions > 0), "'%s': type %d with %d options", q->id, q->type,
		q->noptions);
	fuzz_check(qbank_find(qb, q->id) == q, "'%s' is not found by its id", q->id);
	for (int k = 0; k < q->noptions; k++) {
		fuzz_check(q->options[k] && *q->options[k], "'%s' option %d is empty", q->id, k);
		fuzz_check(qbank_check_answer(q, q->options[k], &e) == AP_OK, "'%s': %s", q->id, e.msg);
	}
	if (q->type == QB_CHOICE)
		fuzz_check(qbank_check_answer(q, "", &e) == AP_EINPUT, "'%s' takes an empty answer", q->id);
	if (i > 0) {
		const qb_question *p = &qb->q[i - 1];
		fuzz_check(p->tier < q->tier || (p->tier == q->tier && (p->order < q->order ||
			(p->order == q->order && strcmp(p->id, q->id) < 0))), "'%s' is sorted before '%s'", p->id, q->id);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *defaults;
	if (!defaults)
		defaults = fuzz_asset("questions.ini");
	char *path = fuzz_write("questions.ini", data, size);
	qbank qb;
	ap_err e = {0};
	int rc = qbank_load(&qb, defaults, path, &e);
	if (rc) {
		fuzz_check(qb.n == 0 && qb.q == NULL, "a failed load left %zu questions", qb.n);
		fuzz_check_error(&e, rc, path);
	} else {
		for (size_t i = 0; i < qb.n; i++)
			fuzz_qbank_check_question(&qb, i);
		qbank_free(&qb);
	}
	free(path);
	return 0;
}
