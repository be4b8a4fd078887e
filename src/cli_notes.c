/* cli_notes.c - field notes (add, list, edit, remove) and search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"

/* A note is written by the user, in their tier, unless --by or --tier say otherwise. */
void cli_note_defaults(cli_ctx *c, void *rec)
{
	ap_note *n = rec;
	n->tier = c->cfg.user_tier;
	free(n->author);
	n->author = xstrdup(c->cfg.user_name);
}

/* ---- search ---- */

#define SEARCH_LIMIT 50

/* A note's columns in search: its id, its date and its text (the field
 * 'note add' takes as its argument). An account fills the same columns
 * with nothing, its created date and its industry. */
#define SEARCH_NOTE_COLS 3
static void search_fields(const rec_field *out[SEARCH_NOTE_COLS])
{
	const rec_kind *k = &rec_kinds[REC_NOTE];
	out[0] = rec_id_field(k);
	out[1] = out[2] = NULL;
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		if (!out[1] && f->type == RT_DATE && !(f->flags & RF_META))
			out[1] = f;
		if (!out[2] && (f->flags & RF_ARG))
			out[2] = f;
	}
}

static int cmd_search(cli_ctx *c, const cli_args *a, ap_err *e)
{
	/* What kind of hit and in which account, then the note's own columns. */
	const rec_field *note[SEARCH_NOTE_COLS];
	const char *cols[2 + SEARCH_NOTE_COLS] = {"kind", "account"};
	search_fields(note);
	for (int i = 0; i < SEARCH_NOTE_COLS; i++)
		cols[2 + i] = note[i]->key;
	int fmt, rc;
	const char *q = a->pos[0];
	ap_accounts accs = {0};
	ap_notes notes = {0};
	if ((rc = cli_format(a, &fmt, e)) || (rc = cli_text("search query", q, 0, e)))
		return rc;
	if (!*q)
		return ap_fail(e, AP_EINPUT, "search query is empty");
	if (!(rc = cli_store(c, STORE_EXISTING, e)) && !(rc = store_account_search(c->st, q, SEARCH_LIMIT, &accs, e)) &&
	    !(rc = store_note_search(c->st, q, SEARCH_LIMIT, &notes, e))) {
		out_table *t = out_new(cols, 2 + SEARCH_NOTE_COLS);
		for (size_t i = 0; i < accs.n; i++) {
			out_str(t, "account");
			out_str(t, accs.v[i].name);
			out_str(t, NULL);
			out_str(t, accs.v[i].created);
			out_str(t, accs.v[i].industry);
		}
		for (size_t i = 0; i < notes.n; i++) {
			out_str(t, "note");
			out_str(t, notes.v[i].account);
			for (int j = 0; j < SEARCH_NOTE_COLS; j++)
				cli_rec_cell(t, note[j], &notes.v[i]);
		}
		out_print(t, c->out, fmt, "nothing found");
		out_free(&t);
	}
	ap_vec_free(&accs, ap_account_clear);
	ap_vec_free(&notes, ap_note_clear);
	return rc;
}

#define FMT " [--format text|json|csv]"
#define IFV " [--if-version N]"
const cli_cmd cli_note_cmds[] = {
	{"note", "ACCOUNT TEXT [--tier T] [--by WHO] [--tag TAG]... [--date YYYY-MM-DD]", "Add a field note",
	 "tier= by= tag= date=", 2, 2, cli_run_add,
	 "The tier defaults to [user] tier in config.ini. TEXT '-' reads the note from standard input."},
	{"note add", "ACCOUNT TEXT [--tier T] [--by WHO] [--tag TAG]... [--date YYYY-MM-DD]",
	 "Add a field note (same as 'note')", "tier= by= tag= date=", 2, 2, cli_run_add, NULL},
	{"note list", "ACCOUNT" FMT, "List an account's notes, newest first", "format=", 1, 1, cli_run_list,
	 "JSON and CSV also give each note's version (what --if-version compares)."},
	{"note edit", "ACCOUNT ID [--text TEXT|-] [--tier T] [--by WHO] [--tag TAG]... [--date YYYY-MM-DD]" IFV,
	 "Change a note in place, keeping its id", "text= tier= by= tag= date= if-version=", 2, 2, cli_run_edit,
	 "Only the options given change; --tag replaces all the tags. --text - reads the text from\n"
	 "standard input. --if-version N writes only if the note is still at version N;\n"
	 "otherwise nothing is written and acctplan exits with status 4."},
	{"note remove", "ACCOUNT ID" IFV, "Remove a note by its id", "if-version=", 2, 2, cli_run_remove,
	 "--if-version N removes it only if it is still at version N (exit 4 otherwise)."},
	{"search", "QUERY" FMT, "Find accounts by name or industry and notes by their words", "format=", 1, 1,
	 cmd_search, "Each word of QUERY matches words of notes that start with it, accents ignored.\nAccounts come first, then at most 50 notes, newest first."},
	{0},
};
