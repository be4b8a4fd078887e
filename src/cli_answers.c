/* cli_answers.c - the question bank, answers and their history. Answers
 * are not edited: each one is appended and names the answer it replaces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"

static int cmd_questions(cli_ctx *c, const cli_args *a, ap_err *e)
{
	/* A question of the bank is not a record (record.h has no table for
	 * it): its columns are named here. group comes last: scripts read the
	 * older columns by position. */
	static const char *const cols[] = {"id", "tier", "type", "options", "text", "source", "group"};
	const int ncols = (int)(sizeof cols / sizeof cols[0]);
	int fmt, tier, rc;
	if ((rc = cli_format(a, &fmt, e)) || (rc = cli_enum(a, "tier", -1, &tier, e)) ||
	    (rc = cli_qbank(c, e)))
		return rc;
	out_table *t = out_new(cols, ncols);
	for (size_t i = 0; i < c->qb.n; i++) {
		const qb_question *q = &c->qb.q[i];
		if (tier >= 0 && q->tier != tier)
			continue;
		ap_buf opts = {0};
		for (int k = 0; k < q->noptions; k++)
			buf_printf(&opts, "%s%s", k ? "|" : "", q->options[k]);
		out_str(t, q->id);
		out_str(t, ap_tiers.names[q->tier]);
		out_str(t, qb_types.names[q->type]);
		out_str(t, opts.s ? opts.s : "");
		out_str(t, q->text);
		out_str(t, q->origin);
		out_str(t, qb_groups.names[q->group]);
		buf_free(&opts);
	}
	out_print(t, c->out, fmt, "no questions");
	out_free(&t);
	return AP_OK;
}

/* --replaces ID|none: which current answer the new one supersedes. */
static int replaces_opt(const cli_args *a, long long *replaces, ap_err *e)
{
	const char *s = arg_opt(a, "replaces");
	*replaces = STORE_REPLACES_CURRENT;
	if (!s)
		return AP_OK;
	if (strcmp(s, "none") == 0) {
		*replaces = STORE_REPLACES_NONE;
		return AP_OK;
	}
	ap_err sub;
	if (cli_parse_id(s, "answer", replaces, &sub))
		return ap_fail(e, AP_EINPUT, "--replaces: '%s' is neither an answer id (as 'history --format csv' "
			"shows) nor none", s);
	return AP_OK;
}

static int cmd_answer(cli_ctx *c, const cli_args *a, ap_err *e)
{
	const rec_kind *k = &rec_kinds[REC_ANSWER];
	ap_answer an = {0};
	ap_account acc = {0};
	unsigned long long given = 0;
	long long replaces, id = 0;
	int rc = replaces_opt(a, &replaces, e);
	if (!rc)
		rc = cli_qbank(c, e);
	const qb_question *q = rc ? NULL : qbank_lookup(&c->qb, a->pos[1], e);
	if (!rc && !q)
		rc = AP_EINPUT;
	if (!rc) {
		rec_defaults(k, &an);
		an.question = xstrdup(q->id);
		an.author = xstrdup(c->cfg.user_name);
		rc = cli_rec_parse(a, &cli_kinds[REC_ANSWER], a->pos[2], &an, &given, e);
	}
	if (!rc && !(rc = rec_check(k, &an, REC_BY_OPTION, e)) && !(rc = qbank_answer(q, &an.value, e)) &&
	    !(rc = cli_account(c, a->pos[0], &acc, e))) {
		/* --source and --confidence left out are the store's to decide once
		 * it knows the answer superseded: re-confirming keeps them. */
		rec_evidence_unset(k, &an, given);
		rc = store_answer_put(c->st, acc.id, &an, replaces, &id, e);
	}
	if (!rc)
		fprintf(c->out, "answered '%s' for %s (answer #%lld)\n", q->id, acc.name, id);
	rec_clear(k, &an);
	ap_account_clear(&acc);
	return rc;
}

/* Room for the answer's listing, its id and the answer it replaced. */
#define HISTORY_COLS 16

/* The columns of a question's history: the answer kind's listing, then its
 * id and the answer it replaced (JSON and CSV only). id and replaces come
 * last: scripts read the older columns by position. */
static int history_columns(const rec_field **out)
{
	const rec_kind *k = &rec_kinds[REC_ANSWER];
	int n = rec_pick(k, k->list, out, NULL, HISTORY_COLS - 2);
	out[n++] = rec_id_field(k);
	out[n++] = rec_replaces_field(k);
	return n;
}

static int history_rows(store *st, long long account, const void *question, out_table *t, int meta, ap_err *e)
{
	const rec_field *cols[HISTORY_COLS];
	int ncols = history_columns(cols) - !meta;
	ap_answers list = {0};
	int rc = store_answer_history(st, account, question, &list, e);
	for (size_t i = 0; !rc && i < list.n; i++)
		for (int j = 0; j < ncols; j++)
			cli_rec_cell(t, cols[j], &list.v[i]);
	ap_vec_free(&list, ap_answer_clear);
	return rc;
}

static int cmd_history(cli_ctx *c, const cli_args *a, ap_err *e)
{
	const rec_field *f[HISTORY_COLS];
	const char *cols[HISTORY_COLS];
	int n = history_columns(f);
	for (int i = 0; i < n; i++)
		cols[i] = f[i]->key;
	listing l = {cols, n, 1, "not answered yet", history_rows};
	int fmt, rc;
	if ((rc = cli_format(a, &fmt, e)) || (rc = cli_qbank(c, e)))
		return rc;
	const qb_question *q = qbank_lookup(&c->qb, a->pos[1], e);
	return q ? cli_list(c, a, &l, q->id, e) : AP_EINPUT;
}

#define FMT " [--format text|json|csv]"

const cli_cmd cli_answer_cmds[] = {
	{"questions", "[--tier sales|product|executive]" FMT, "List the question bank", "tier= format=", 0, 0,
	 cmd_questions, "Three layers, each adding questions or overriding keys of the one before: the defaults\n"
	 "(questions.ini in the assets), the team's ('questions load FILE', kept in the store for\n"
	 "everyone who uses it) and your own ([questions] file in config.ini). SOURCE says which\n"
	 "layer defined each question last: default, team or yours. GROUP is none for the\n"
	 "questions of the tier panes, canvas for the blocks of the business model canvas\n"
	 "('acctplan account canvas')."},
	{"answer", "ACCOUNT QUESTION_ID TEXT [--source S] [--confidence low|medium|high] [--by WHO] [--date YYYY-MM-DD] "
	 "[--replaces ID|none]",
	 "Record the current answer to a question (earlier answers are kept as history)",
	 "source= confidence= by= date= replaces=", 3, 3, cmd_answer,
	 "TEXT '-' reads the answer from standard input; it must show something (blanks alone\n"
	 "are refused). --source is one of conversation, meeting, document, research,\n"
	 "assumption (default conversation); --confidence defaults to medium. Answering with\n"
	 "the same TEXT again re-confirms the answer: it keeps the source and confidence it had\n"
	 "unless --source or --confidence say otherwise. --by defaults to [user] name in\n"
	 "config.ini; --date to today, and may not be later than tomorrow. A choice question\n"
	 "accepts only its options, in any case, and stores them as 'acctplan questions'\n"
	 "spells them. ACCOUNT may be the start of an account's name that no other shares.\n"
	 "--replaces ID says which current answer this one supersedes (its id, as 'history'\n"
	 "shows), --replaces none that there is no answer yet. When someone else's answer took\n"
	 "its place first, nothing is written and acctplan exits with status 4, naming it.\n"
	 "Without --replaces the answer supersedes whatever is current."},
	{"history", "ACCOUNT QUESTION_ID" FMT, "Show every recorded answer to a question, newest first",
	 "format=", 2, 2, cmd_history,
	 "Each answer has an id; JSON and CSV also give 'replaces', the id of the answer it superseded."},
	{0},
};
