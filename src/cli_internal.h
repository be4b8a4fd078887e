/* cli_internal.h - what the command files share: parsed arguments, the
 * lazily opened store and question bank, and small parsing helpers. */
#ifndef ACCTPLAN_CLI_INTERNAL_H
#define ACCTPLAN_CLI_INTERNAL_H

#include <stdio.h>

#include "acctplan/config.h"
#include "acctplan/model.h"
#include "acctplan/qbank.h"
#include "acctplan/rules.h"
#include "acctplan/store.h"

#define CLI_MAX_OPTS 32

typedef struct cli_args {
	char **pos;                 /* positional arguments after the command words */
	int npos;
	struct { const char *name, *val; } opt[CLI_MAX_OPTS];
	int nopt;
} cli_args;

typedef struct cli_ctx {
	const char *flag_db, *flag_config;
	ap_config cfg;
	int cfg_loaded;
	qbank qb;
	int qb_loaded;
	store *st;
	FILE *out;
} cli_ctx;

typedef struct cli_cmd {
	const char *name;      /* "account add" */
	const char *usage;     /* "NAME [--industry X] [--segment S]" */
	const char *summary;   /* one line for the command list */
	const char *options;   /* accepted options: "industry= segment= yes" ('=' takes a value) */
	int min_pos, max_pos;  /* max_pos -1: any number */
	int (*run)(cli_ctx *c, const cli_args *a, ap_err *e);
	const char *help;      /* paragraph shown by --help, may be NULL */
} cli_cmd;

/* Value of --name (the last one given), NULL when absent. */
const char *arg_opt(const cli_args *a, const char *name);
int arg_flag(const cli_args *a, const char *name);
/* Every value of a repeatable option, in order; returns the count. */
int arg_opt_all(const cli_args *a, const char *name, const char **vals, int max);

/* Lazily load config, question bank and store. */
int cli_config(cli_ctx *c, ap_err *e);
int cli_qbank(cli_ctx *c, ap_err *e);
int cli_store(cli_ctx *c, enum store_mode mode, ap_err *e);
/* Open the store and find the named account in it; caller clears *out
 * with ap_account_clear (it is left empty on failure). */
int cli_account(cli_ctx *c, const char *name, ap_account *out, ap_err *e);
/* Parse option --opt of enumeration t; dflt when absent. */
int cli_enum(const cli_args *a, const char *opt, const ap_names *t, int dflt, int *out, ap_err *e);
/* Check free text (single line unless multiline), naming the field. */
int cli_text(const char *what, const char *s, int multiline, ap_err *e);
/* --format text|json|csv. */
int cli_format(const cli_args *a, int *fmt, ap_err *e);
/* A positional that may be "-" for standard input; caller frees *out. */
int cli_text_arg(const char *arg, char **out, ap_err *e);
/* ACCOUNT ID of a record of `family` ("meeting", "note", "driver"): remove
 * the one with that id ("#7" or "7", as 'FAMILY list' shows it) through
 * remove, then say "removed KIND #ID from ACCOUNT". */
int cli_remove_by_id(cli_ctx *c, const cli_args *a, const char *family, const char *kind,
	int (*remove)(store *, long long, long long, ap_err *), ap_err *e);
/* Today as YYYY-MM-DD. */
void cli_today(char out[11]);

/* The rules (defaults and the user's file), caller frees; an account's flags
 * as of today, and their text and JSON renderings for 'account show'. */
struct json_w;
int cli_rules_load(cli_ctx *c, rules **out, ap_err *e);
int cli_account_flags(cli_ctx *c, long long account, rule_flags *out, ap_err *e);
void cli_flags_text(FILE *f, const rule_flags *fl);
void cli_flags_json(struct json_w *w, const rule_flags *fl);

/* Command tables of each command file, terminated by a zeroed entry. */
extern const cli_cmd cli_record_cmds[];
extern const cli_cmd cli_rules_cmds[];
extern const cli_cmd cli_report_cmds[];
extern const cli_cmd cli_io_cmds[];

#endif
