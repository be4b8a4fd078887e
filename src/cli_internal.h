/* cli_internal.h - what the command files share: parsed arguments, the
 * lazily opened store and question bank, and small parsing helpers. */
#ifndef ACCTPLAN_CLI_INTERNAL_H
#define ACCTPLAN_CLI_INTERNAL_H

#include <stdio.h>

#include "acctplan/config.h"
#include "acctplan/defs.h"
#include "acctplan/model.h"
#include "acctplan/output.h"
#include "acctplan/qbank.h"
#include "acctplan/rules.h"
#include "acctplan/store.h"

#define CLI_MAX_OPTS 32

struct cli_cmd;
typedef struct cli_args {
	const struct cli_cmd *cmd;  /* the command they were given to */
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
	char *questions_ini, *rules_ini;   /* the shipped defaults' paths (cli_defs_files) */
	long long open_review;             /* a review for the workbench to walk once the command ends */
	int keys;                          /* --keys gave the workbench a key script */
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

/* The database as messages show it (caller frees): the open store's
 * location, else the configured one, a URL without its password. */
char *cli_db_shown(const cli_ctx *c);

/* Lazily load config, question bank and store. */
int cli_config(cli_ctx *c, ap_err *e);
int cli_qbank(cli_ctx *c, ap_err *e);
/* The files questions and rules are layered from (the paths are c's). */
void cli_defs_files(cli_ctx *c, defs_files *f);
int cli_store(cli_ctx *c, enum store_mode mode, ap_err *e);
/* Open the store and find the named account in it, by its name in any
 * case or the start of it (store_rec_find_prefix); caller clears *out
 * with ap_account_clear (it is left empty on failure). */
int cli_account(cli_ctx *c, const char *name, ap_account *out, ap_err *e);
/* Parse option --opt, of the vocabulary cli_option_names gives it; dflt when absent. */
int cli_enum(const cli_args *a, const char *opt, int dflt, int *out, ap_err *e);
/* Check free text (single line unless multiline), naming the field. */
int cli_text(const char *what, const char *s, int multiline, ap_err *e);
/* --format text|json|csv. */
int cli_format(const cli_args *a, int *fmt, ap_err *e);
/* A positional that may be "-" for standard input; caller frees *out,
 * which is NULL unless it succeeded. */
int cli_text_arg(const char *arg, char **out, ap_err *e);
/* Today as YYYY-MM-DD. */
void cli_today(char out[11]);

/* ---- record kinds on the command line (cli_rec.c) ----
 * Add, edit, remove and list of every kind are one code path each, driven
 * by the kind's field table (record.h): each field with a CLI option is
 * parsed by its type, so add and edit take the same options alike. */
typedef struct cli_kind {
	enum rec_kind_id id;
	/* The field add takes as its last argument (NAME, TEXT, METRIC) is the
	 * table's RF_ARG one; edit takes it as --KEY. A kind whose argument is a
	 * name is found by name or id ("#7"), the others by id only. */
	int arg_stdin;                  /* that argument may be "-": standard input */
	const char *empty;              /* what 'list' says when there is nothing */
	void (*defaults)(cli_ctx *c, void *rec);       /* add's defaults beyond the table's */
	void (*written)(cli_ctx *c, const void *rec);  /* more to say after add or edit */
	/* A listing cell that reads other than the stored value ("to confirm"); NULL: as stored. */
	const char *(*cell)(const rec_field *f, const void *rec);
	/* Whether a listing shows rec, by the command's filters (--planned); NULL: every one. */
	int (*keep)(const cli_args *a, const void *rec);
	/* May refuse a remove once the record is read (an account wants --yes). */
	int (*confirm)(const cli_args *a, const void *rec, ap_err *e);
	/* The columns of a text listing, where a terminal has room for fewer
	 * than JSON and CSV give (NULL: the same). */
	const char *text_list;
	/* A cursor over the records a listing shows, by a query the command
	 * built (NULL: the store's listing of the account's records). */
	int (*open)(store *st, long long account, const void *query, store_cursor **out, ap_err *e);
} cli_kind;
extern const cli_kind cli_kinds[REC_NKINDS];

/* Parse the options of kind k the command was given onto rec, by each
 * field's type, checking each as rec_check does and naming it as typed.
 * arg is add's last argument; edit passes NULL and takes that field as
 * --KEY. Bit i of *given is set for each field i given. */
int cli_rec_parse(const cli_args *a, const cli_kind *k, const char *arg, void *rec,
	unsigned long long *given, ap_err *e);
/* Move the fields marked in `given` (bit i: field i) from src onto dst. */
void cli_rec_apply(const rec_kind *k, void *dst, void *src, unsigned long long given);
/* [ACCOUNT] ARG [options]: add a record, with the table's defaults. */
int cli_rec_add(cli_ctx *c, const cli_args *a, const cli_kind *k, ap_err *e);
/* [ACCOUNT] NAME|ID [options] [--if-version N]: change the options given,
 * keeping the id; exit 4 when --if-version is stale. */
int cli_rec_edit(cli_ctx *c, const cli_args *a, const cli_kind *k, ap_err *e);
/* An edit the command works out itself: change() alters the record as
 * read, inside the write transaction, marking the fields it set in *given
 * (for the kind's settle), then it is checked and written as an edit is,
 * with --if-version; account and target name the account and the record
 * (NULL: the first positionals). */
int cli_rec_change(cli_ctx *c, const cli_args *a, const cli_kind *k, const char *account, const char *target,
	int (*change)(void *rec, const cli_args *a, unsigned long long *given, ap_err *e), ap_err *e);
/* [ACCOUNT] NAME|ID [--if-version N]. */
int cli_rec_remove(cli_ctx *c, const cli_args *a, const cli_kind *k, ap_err *e);
/* [ACCOUNT] [--format F]: the records with their ids (and versions, except as text). */
int cli_rec_list(cli_ctx *c, const cli_args *a, const cli_kind *k, ap_err *e);
/* The same for the records k's fetch finds by query. */
int cli_rec_list_query(cli_ctx *c, const cli_args *a, const cli_kind *k, const void *query, ap_err *e);
/* The same as commands: the kind is the one whose family is the command's
 * first word ("contact edit": contacts). */
int cli_run_add(cli_ctx *c, const cli_args *a, ap_err *e);
int cli_run_edit(cli_ctx *c, const cli_args *a, ap_err *e);
int cli_run_remove(cli_ctx *c, const cli_args *a, ap_err *e);
int cli_run_list(cli_ctx *c, const cli_args *a, ap_err *e);
/* The id of the record arg names in an account: its name (any case), or
 * "#7" / "7" as listings show ids (the only way for kinds without names),
 * then, with prefix, the start of one record's name (store_rec_find_prefix). */
int cli_rec_target(cli_ctx *c, const cli_kind *k, long long account, const char *arg, int prefix, long long *id,
	ap_err *e);
/* "#7" or "7": a positive number; the message names the family's listing. */
int cli_parse_id(const char *s, const char *family, long long *id, ap_err *e);
/* --if-version N, 0 when not given. */
int cli_if_version(const cli_args *a, long long *version, ap_err *e);

/* A table listing of one account's (or, without ACCOUNT, all) records:
 * its columns, of which the last nmeta (versions, links) are left out of
 * text; what text says when empty; and how rows are made (meta: with
 * those columns), into a table printing them as they come (out_open),
 * inside one read snapshot. */
typedef struct listing {
	const char *const *cols;
	int ncols, nmeta;
	const char *empty;
	int (*rows)(store *st, long long account, const void *arg, out_table *t, int meta, ap_err *e);
} listing;
int cli_list(cli_ctx *c, const cli_args *a, const listing *l, const void *arg, ap_err *e);

/* A record's members (id, fields, version) in an open JSON object; an
 * array of n records under key. */
struct json_w;
void cli_rec_members(struct json_w *w, enum rec_kind_id kind, const void *rec);
/* One field of rec as a listing cell, or as a member of an open JSON object
 * (its key, then its value; null where the field is not recorded). */
void cli_rec_cell(out_table *t, const rec_field *f, const void *rec);
void cli_rec_member(struct json_w *w, const rec_field *f, const void *rec);
void cli_rec_json_array(struct json_w *w, const char *key, enum rec_kind_id kind, const void *recs, size_t n);

/* Hooks of the kinds' CLI descriptions: a note's tier and author default
 * to the user's; a driver says which steps it still misses; an account is
 * removed only with --yes. */
void cli_note_defaults(cli_ctx *c, void *rec);
/* text, json, csv and ics: a listing that is also a calendar (action list). */
extern const ap_names cli_list_formats;
int cli_action_open(store *st, long long account, const void *query, store_cursor **out, ap_err *e);
const char *cli_action_cell(const rec_field *f, const void *rec);
const char *cli_meeting_cell(const rec_field *f, const void *rec);
int cli_meeting_keep(const cli_args *a, const void *rec);
/* contact list: the listing, or with --tree the org map (cli_people.c). */
int cli_contact_list(cli_ctx *c, const cli_args *a, ap_err *e);
void cli_driver_written(cli_ctx *c, const void *rec);
int cli_account_confirm(const cli_args *a, const void *rec, ap_err *e);

/* The rules (defaults and the user's file), caller frees; an account's flags
 * as of today, and their text and JSON renderings for 'account show'. */
int cli_rules_load(cli_ctx *c, rules **out, ap_err *e);
int cli_account_flags(cli_ctx *c, long long account, rule_flags *out, ap_err *e);
void cli_flags_text(FILE *f, const rule_flags *fl);
void cli_flags_json(struct json_w *w, const rule_flags *fl);
/* One question's current answer as 'account show --format json' lists it:
 * the answer's id, the question and its tier, then what 'answer' takes
 * (its argument and options, as the answer kind's table orders them);
 * id and value null when an is NULL (not answered). */
void cli_answer_json(struct json_w *w, const qb_question *q, const ap_answer *an);

/* ---- the command tables, as the parser and completion (cli_complete.c) read them ---- */

/* Command i of all the tables (NULL past the last). A command without a
 * summary is for programs (the completion script's helper): it is left
 * out of the command list and of completion. */
const cli_cmd *cli_command(size_t i);
/* The command whose words start argv: two words first ("account add"),
 * then one; *words says how many it took. NULL when none. */
const cli_cmd *cli_find_cmd(int argc, char *const *argv, int *words);

/* One word of a command's options: "name" (a flag), "name=" (takes a
 * value) or "name=VOCAB" (takes a value of vocabulary VOCAB, see
 * cli_option_names). Neither string is terminated: see the lengths. */
typedef struct cli_optspec {
	const char *name, *vocab;
	size_t len, vocab_len;
	int value;
} cli_optspec;
/* The next word of the spec *spec (may be NULL) into *o; 0 at its end. */
int cli_optspec_next(const char **spec, cli_optspec *o);
/* The word of cmd's spec for option name (len bytes); 0 when cmd has none. */
int cli_option_find(const cli_cmd *cmd, const char *name, size_t len, cli_optspec *o);
/* The option an argument names, "--name" or "--name=VALUE" (*len bytes,
 * without the value), or -o, the one short option (the output file);
 * NULL when arg is no option word. */
const char *cli_option_word(const char *arg, size_t *len);
/* The names option --name of cmd takes (NULL: any value): the vocabulary
 * its spec names, else that of the field of the command's record kind it
 * sets (yes or no for a yes-or-no field; *none when "none" clears it), else
 * the one named like the option: an option means the same in every command. */
const ap_names *cli_option_names(const cli_cmd *cmd, const char *name, int *none);
extern const ap_names cli_yes_no;
/* The record kind a command is about (its first word is the kind's family),
 * and the kind's field that option opt sets; NULL when none. */
const cli_kind *cli_cmd_kind(const cli_cmd *cmd);
const rec_field *cli_kind_field(const cli_cmd *cmd, const char *opt);
/* Each record of kind k in the account (accounts: every one) as a command
 * names it: its name for named kinds, else its id. */
int cli_rec_names(store *st, const cli_kind *k, long long account, void (*fn)(const char *word, void *arg),
	void *arg, ap_err *e);

/* The global options, before the command, ending with a zeroed entry. */
enum { GLOBAL_DB, GLOBAL_CONFIG, GLOBAL_KEYS, GLOBAL_HELP, GLOBAL_VERSION };
typedef struct cli_global {
	const char *name;    /* "--db" */
	const char *value;   /* its value as help shows it, "PATH"; NULL: takes none */
	const char *help;
} cli_global;
extern const cli_global cli_globals[];
/* The global option arg names, alone or as --name=VALUE (-h: --help); NULL when none. */
const cli_global *cli_global_find(const char *arg);
/* The global option at argv[*i] into c (--keys into *keys; its value may be
 * the next word, *i is left on the last word taken); *g is the option.
 * Fails on a word that is no global option or a value missing or empty. */
int cli_global_take(int argc, char *const *argv, int *i, cli_ctx *c, const char **keys, const cli_global **g,
	ap_err *e);

/* Command tables of each command file, terminated by a zeroed entry. */
extern const cli_cmd cli_account_cmds[];
extern const cli_cmd cli_answer_cmds[];
extern const cli_cmd cli_record_cmds[];
extern const cli_cmd cli_people_cmds[];
extern const cli_cmd cli_action_cmds[];
extern const cli_cmd cli_review_cmds[];
extern const cli_cmd cli_order_cmds[];
extern const cli_cmd cli_exchange_cmds[];
/* open, closed or all: which reviews 'review list' shows. */
extern const ap_names cli_review_statuses;
extern const cli_cmd cli_note_cmds[];
extern const cli_cmd cli_rules_cmds[];
extern const cli_cmd cli_report_cmds[];
extern const cli_cmd cli_io_cmds[];
extern const cli_cmd cli_defs_cmds[];
extern const cli_cmd cli_complete_cmds[];

#endif
