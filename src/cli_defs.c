/* cli_defs.c - questions load and rules load: the team's own definitions,
 * kept in the store (defs.h). */
#include <stdio.h>
#include <stdlib.h>

#include "cli_internal.h"

typedef int (*loader)(store *st, const defs_files *f, const char *file, size_t *n, ap_err *e);

static int load_kind(cli_ctx *c, const char *file, loader load, const char *what, ap_err *e)
{
	defs_files f;
	size_t n = 0;
	int rc = cli_config(c, e);
	if (!rc)
		rc = cli_store(c, STORE_CREATE, e);
	if (rc)
		return rc;
	cli_defs_files(c, &f);
	if ((rc = load(c->st, &f, file, &n, e)))
		return rc;
	char *db = cli_db_shown(c);
	fprintf(c->out, "loaded the team's %s from %s into %s: %zu %s defined or changed there\n", what, file, db, n,
		n == 1 ? what[0] == 'q' ? "question" : "rule" : what);
	free(db);
	return AP_OK;
}

static int cmd_questions_load(cli_ctx *c, const cli_args *a, ap_err *e)
{
	return load_kind(c, a->pos[0], defs_load_questions, "questions", e);
}

static int cmd_rules_load(cli_ctx *c, const cli_args *a, ap_err *e)
{
	return load_kind(c, a->pos[0], defs_load_rules, "rules", e);
}

static int unload_kind(cli_ctx *c, const char *kind, ap_err *e)
{
	int rc = cli_store(c, STORE_EXISTING, e), removed = 0;
	defs_files f;
	cli_defs_files(c, &f);
	if (!rc)
		rc = defs_unload(c->st, &f, kind, &removed, e);
	if (rc)
		return rc;
	char *db = cli_db_shown(c);
	fprintf(c->out, removed ? "removed the team's %s from %s\n" : "%s holds no team %s\n", removed ? kind : db,
		removed ? db : kind);
	free(db);
	return AP_OK;
}

static int cmd_questions_unload(cli_ctx *c, const cli_args *a, ap_err *e)
{
	(void)a;
	return unload_kind(c, DEFS_QUESTIONS, e);
}

static int cmd_rules_unload(cli_ctx *c, const cli_args *a, ap_err *e)
{
	(void)a;
	return unload_kind(c, DEFS_RULES, e);
}

#define LOAD_HELP(what, check) \
	"FILE is an INI file in the format of " what ".ini (see 'acctplan " what " --help'), checked\n" \
	"as the layer between the defaults and each person's own file: any problem is\n" \
	"FILE:LINE and nothing is loaded. " check " It replaces what the team loaded\n" \
	"before, in the store, so that everyone who uses this store, and every export and copy\n" \
	"of it, has the same " what "; 'acctplan " what "' shows them with SOURCE team."

const cli_cmd cli_defs_cmds[] = {
	{"questions load", "FILE", "Load the team's own questions into the store, for everyone who uses it", "", 1, 1,
	 cmd_questions_load, LOAD_HELP("questions", "The team's rules must still find every question they name.")},
	{"questions unload", "", "Remove the team's own questions from the store", "", 0, 0, cmd_questions_unload,
	 "Refused while the team's rules name one of them (unload or load rules first). Answers\n"
	 "to them are kept."},
	{"rules load", "FILE", "Load the team's own rules into the store, for everyone who uses it", "", 1, 1,
	 cmd_rules_load, LOAD_HELP("rules", "Its rules may name the defaults' and the team's questions, not\n"
	 "your own (colleagues do not have them).")},
	{"rules unload", "", "Remove the team's own rules from the store", "", 0, 0, cmd_rules_unload, NULL},
	{0},
};
