/* defs.h - the questions and rules in force for a store: the shipped
 * defaults, then the team's own, loaded into the store with `questions
 * load` and `rules load` so that every colleague and every copy of the
 * store sees them, then the user's own files named in config.ini. */
#ifndef ACCTPLAN_DEFS_H
#define ACCTPLAN_DEFS_H

#include "acctplan/qbank.h"
#include "acctplan/rules.h"
#include "acctplan/store.h"

/* The two kinds of definitions a team loads, as the store keys them. */
#define DEFS_QUESTIONS "questions"
#define DEFS_RULES "rules"

/* The files of a bank and rule set: the shipped defaults and the user's
 * (NULL: none). */
typedef struct defs_files {
	const char *questions, *rules;             /* defaults */
	const char *user_questions, *user_rules;   /* config.ini's, or NULL */
} defs_files;

/* The bank in force: defaults, the team's (from st; NULL: no store yet),
 * the user's. Errors "FILE:LINE: ..."; in the team's, "team questions:LINE". */
int defs_qbank(qbank *qb, store *st, const defs_files *f, ap_err *e);
/* The rules in force, the same way, over qb. */
int defs_rules(rules **out, store *st, const defs_files *f, const qbank *qb, ap_err *e);

/* questions load FILE: FILE checked as the team's questions over the
 * defaults (errors FILE:LINE), and the team's rules checked to still load
 * over them; then stored, replacing the team's questions. *n: how many
 * questions it defines or changes. */
int defs_load_questions(store *st, const defs_files *f, const char *file, size_t *n, ap_err *e);
/* rules load FILE: the same for rules, checked over the defaults and the
 * team's questions (not the user's own, which colleagues do not have). */
int defs_load_rules(store *st, const defs_files *f, const char *file, size_t *n, ap_err *e);
/* Remove the team's definitions of kind; *removed: whether there were
 * any. The team's questions stay while the team's rules need them. */
int defs_unload(store *st, const defs_files *f, const char *kind, int *removed, ap_err *e);

/* A digest of the team's definitions in st: another when either kind is
 * loaded with other text or removed, so a workbench can tell, cheaply and
 * without loading them, that a colleague changed them. */
int defs_digest(store *st, unsigned long long *out, ap_err *e);

#endif
