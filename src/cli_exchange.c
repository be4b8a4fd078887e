/* cli_exchange.c - the give and take of a relationship (exchange) and the
 * customer as influencer (advocacy) on the command line. Add, edit, remove
 * and the gives and takes' listing are the generic record paths (cli_rec.c);
 * what is here is the portfolio's advocacy listing, with how often each
 * contact was asked lately. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/output.h"
#include "acctplan/reciprocity.h"
#include "cli_internal.h"

/* The kind's listing columns (record.h: list) between the id and, after
 * them, how often the contact was asked lately; the version in JSON and CSV. */
static int cmd_advocacy_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	const rec_kind *k = &rec_kinds[REC_ADVOCACY];
	const rec_field *f[16];
	const char *names[20];
	int nf = rec_pick(k, k->list, f, NULL, 16), n = 0, fmt;
	const rec_field *text = rec_field_by_key(k, "text");
	names[n++] = "id";
	for (int i = 0; i < nf; i++) {
		if (f[i] == text)   /* the long text last, after the count */
			names[n++] = "asked_lately";
		names[n++] = f[i]->key;
	}
	names[n++] = "version";
	char today[11], since[11];
	reciprocity_asked_window(ap_today(), since, today);
	store_advocacy_query q = {0, -1, arg_flag(a, "available"), since, today};
	ap_account acc = {0};
	ap_advocacies v = {0};
	const char *kind = arg_opt(a, "kind");
	int rc = cli_format(a, &fmt, e);
	if (!rc && kind && (q.kind = ap_name_parse(&ap_advkinds, kind, e)) < 0) {
		ap_err_context(e, "--kind");
		rc = AP_EINPUT;
	}
	if (!rc)
		rc = a->npos ? cli_account(c, a->pos[0], &acc, e) : cli_store(c, STORE_EXISTING, e);
	q.account = acc.id;
	if (!rc)
		rc = store_advocacy_find(c->st, &q, &v, e);
	if (!rc) {
		out_table *t = out_new(names, n - (fmt == FMT_TEXT));
		for (size_t i = 0; i < v.n; i++) {
			out_int(t, v.v[i].id);
			for (int j = 0; j < nf; j++) {
				if (f[j] == text)
					out_int(t, v.v[i].asked);
				cli_rec_cell(t, f[j], &v.v[i]);
			}
			if (fmt != FMT_TEXT)
				out_int(t, v.v[i].meta.version);
		}
		out_print(t, c->out, fmt, q.available ? "nobody can speak for us today (no consent runs)" : "no advocacy");
		out_free(&t);
	}
	ap_vec_free(&v, ap_advocacy_clear);
	ap_account_clear(&acc);
	return rc;
}

#define FMT " [--format text|json|csv]"
#define IFV " [--if-version N]"
#define EDIT_HELP \
	"Only the options given change. --if-version N writes only if the record is still at\n" \
	"version N; otherwise nothing is written and acctplan exits with status 4."
#define REMOVE_HELP "--if-version N removes it only if it is still at version N (exit 4 otherwise)."
#define EXCHANGE_HELP \
	"A give is what we do for the customer's success (--kind insight, introduction,\n" \
	"co-development, support, training or other; news shared from a meeting is an insight);\n" \
	"a take is what the customer gives back (reference, feedback, introduction, case-study,\n" \
	"forecast or other). --date: the day it happened (default today; never ahead of today).\n" \
	"--by: the member of ours it went through (acctplan member list).\n"
#define ADVOCACY_HELP \
	"--kind: reference-call, case-study, event-talk, press, analyst, advisory-board or\n" \
	"co-development. --contact: a contact of the account. --consent-until: the last day they\n" \
	"agreed to be named (not before --date).\n"

const cli_cmd cli_exchange_cmds[] = {
	{"exchange add", "ACCOUNT --direction give|take --kind K [--date YYYY-MM-DD] [--by MEMBER] TEXT",
	 "Record something we gave the customer or they gave us back", "direction= kind= date= by=", 2, 2, cli_run_add,
	 EXCHANGE_HELP "TEXT '-' reads it from standard input."},
	{"exchange list", "[ACCOUNT]" FMT, "List the gives and takes, newest first", "format=", 0, 1, cli_run_list,
	 "Without ACCOUNT, every account's. JSON and CSV also give each record's version."},
	{"exchange edit", "ACCOUNT ID [--direction D] [--kind K] [--date YYYY-MM-DD] [--by MEMBER|none] [--text TEXT|-]"
	 IFV, "Change a give or take in place", "direction= kind= date= by= text= if-version=", 2, 2, cli_run_edit,
	 EXCHANGE_HELP "--by none clears it. " EDIT_HELP},
	{"exchange remove", "ACCOUNT ID" IFV, "Remove a give or take by its id", "if-version=", 2, 2, cli_run_remove,
	 REMOVE_HELP},
	{"advocacy add", "ACCOUNT --kind K --contact CONTACT --date YYYY-MM-DD [--consent-until YYYY-MM-DD] [TEXT]",
	 "Record a contact speaking for us", "kind= contact= date= consent-until=", 1, 2, cli_run_add,
	 ADVOCACY_HELP "TEXT '-' reads it from standard input."},
	{"advocacy list", "[ACCOUNT] [--kind K] [--available]" FMT,
	 "List who spoke for us and how often each was asked lately, newest first", "kind= available format=", 0, 1,
	 cmd_advocacy_list,
	 "Without ACCOUNT, across the portfolio. --available keeps those whose consent runs until\n"
	 "today or later: who can speak for us now. asked_lately counts how often the contact was\n"
	 "asked in the last 90 days, today included."},
	{"advocacy edit", "ACCOUNT ID [--kind K] [--contact CONTACT] [--date D] [--consent-until D|none] [--text TEXT|-]" IFV,
	 "Change an advocacy record in place", "kind= contact= date= consent-until= text= if-version=", 2, 2,
	 cli_run_edit, ADVOCACY_HELP EDIT_HELP},
	{"advocacy remove", "ACCOUNT ID" IFV, "Remove an advocacy record by its id", "if-version=", 2, 2, cli_run_remove,
	 REMOVE_HELP},
	{0},
};
