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
#define SEARCH_LIMIT_MAX 100000

/* --limit N: how many results at most. */
static int search_limit(const cli_args *a, size_t *limit, ap_err *e)
{
	const char *v = arg_opt(a, "limit");
	*limit = SEARCH_LIMIT;
	if (!v)
		return AP_OK;
	char *end;
	long n = strtol(v, &end, 10);
	if (!*v || *end || n < 1 || n > SEARCH_LIMIT_MAX)
		return ap_fail(e, AP_EINPUT, "--limit: '%s' is not a number from 1 to %d", v, SEARCH_LIMIT_MAX);
	*limit = (size_t)n;
	return AP_OK;
}

/* The words of the query: the arguments as one text, so a query needs no quotes. */
static char *search_words(const cli_args *a)
{
	ap_buf b = {0};
	for (int i = 0; i < a->npos; i++)
		buf_printf(&b, "%s%s", i ? " " : "", a->pos[i]);
	return buf_steal(&b);
}

static int cmd_search(cli_ctx *c, const cli_args *a, ap_err *e)
{
	/* What was found and where, then how it is called, what was searched in
	 * it, and whether its name held every word. */
	static const char *const cols[] = {"kind", "account", "id", "label", "text", "match"};
	int fmt, more = 0, rc;
	size_t limit;
	store_hits hits = {0};
	char *q = search_words(a);
	if ((rc = cli_format(a, &fmt, e)) || (rc = search_limit(a, &limit, e)) || (rc = cli_text("search query", q, 0, e))) {
		free(q);
		return rc;
	}
	if (strspn(q, " \t") == strlen(q)) {
		free(q);
		return ap_fail(e, AP_EINPUT, "search query is empty");
	}
	if (!(rc = cli_store(c, STORE_EXISTING, e)) && !(rc = store_search(c->st, q, limit, &hits, &more, e))) {
		out_table *t = out_new(cols, (int)(sizeof cols / sizeof cols[0]));
		for (size_t i = 0; i < hits.n; i++) {
			const store_hit *h = &hits.v[i];
			out_str(t, rec_kinds[h->kind].family);
			out_str(t, h->account);
			out_int(t, h->id);
			out_str(t, h->label);
			out_str(t, h->text);
			out_str(t, h->by_name ? "name" : "text");
		}
		out_print(t, c->out, fmt, "nothing found");
		out_free(&t);
		if (more && fmt == FMT_TEXT)
			fprintf(c->out, "(the first %zu; more were found: add words, or --limit N for more)\n", limit);
	}
	ap_vec_free(&hits, store_hit_clear);
	free(q);
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
	{"search", "WORDS..." FMT " [--limit N]", "Find records of every kind by their names and words",
	 "format= limit=", 1, -1, cmd_search,
	 "Searches accounts (name, industry), contacts (name, title), competitors (name,\n"
	 "differentiator), end customers (name, industry, ask), meetings (summary), current\n"
	 "answers and notes (text, tags). A record is found when it holds every word: in its\n"
	 "name as the start of a word (elek finds Elektra), elsewhere as a whole word; a word\n"
	 "ending in * matches words that start with it. Case and accents are ignored; quotes,\n"
	 "* and words like AND or NEAR are searched for as text.\n"
	 "Records found by their name come first (names that start with the words, then\n"
	 "shorter names first), then the others, those where the words occur most for their\n"
	 "length first. KIND is the record's command word, ID its id; LABEL is its name, a\n"
	 "meeting's or note's date, or an answer's question; TEXT what else was searched in it\n"
	 "(a note's tags as #tag); MATCH says whether its name held every word. At most 50\n"
	 "results unless --limit N (1 to 100000) says otherwise."},
	{0},
};
