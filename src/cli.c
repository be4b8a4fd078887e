/* cli.c - parsing the command line and dispatching to the command tables. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctplan/canvas.h"
#include "acctplan/cli.h"
#include "acctplan/dburl.h"
#include "acctplan/doc.h"
#include "cli_internal.h"

/* Every command file contributes one table; the list, help, parser and
 * completion are built from them. */
static const cli_cmd *const tables[] = {cli_account_cmds, cli_answer_cmds, cli_record_cmds, cli_people_cmds,
	cli_action_cmds, cli_review_cmds, cli_order_cmds, cli_exchange_cmds,
	cli_note_cmds, cli_rules_cmds, cli_defs_cmds, cli_report_cmds, cli_io_cmds, cli_complete_cmds};
#define NTABLES (sizeof tables / sizeof tables[0])

const cli_cmd *cli_command(size_t i)
{
	for (size_t t = 0; t < NTABLES; t++)
		for (const cli_cmd *cmd = tables[t]; cmd->name; cmd++)
			if (i-- == 0)
				return cmd;
	return NULL;
}

/* The global options, before the command: what the parser takes, what
 * --help lists and what completion offers. */
const cli_global cli_globals[] = {
	[GLOBAL_DB] = {"--db", "PATH", "database file (default $ACCTPLAN_DB, else $XDG_DATA_HOME/acctplan/accounts.db)"},
	[GLOBAL_CONFIG] = {"--config", "PATH",
		"configuration (default $ACCTPLAN_CONFIG, else $XDG_CONFIG_HOME/acctplan/config.ini)"},
	[GLOBAL_KEYS] = {"--keys", "FILE", "workbench only: read its keys from FILE (a key script), then quit"},
	[GLOBAL_HELP] = {"--help", NULL, "this help; 'acctplan COMMAND --help' for one command"},
	[GLOBAL_VERSION] = {"--version", NULL, "print the version"},
	{0},
};

const cli_global *cli_global_find(const char *arg)
{
	if (strcmp(arg, "-h") == 0)
		return &cli_globals[GLOBAL_HELP];
	for (const cli_global *g = cli_globals; g->name; g++) {
		size_t n = strlen(g->name);
		if (strncmp(arg, g->name, n) == 0 && (!arg[n] || (arg[n] == '=' && g->value)))
			return g;
	}
	return NULL;
}

const char *arg_opt(const cli_args *a, const char *name)
{
	const char *v = NULL;
	for (int i = 0; i < a->nopt; i++)
		if (strcmp(a->opt[i].name, name) == 0)
			v = a->opt[i].val;
	return v;
}

int arg_flag(const cli_args *a, const char *name)
{
	for (int i = 0; i < a->nopt; i++)
		if (strcmp(a->opt[i].name, name) == 0)
			return 1;
	return 0;
}

int arg_opt_all(const cli_args *a, const char *name, const char **vals, int max)
{
	int n = 0;
	for (int i = 0; i < a->nopt && n < max; i++)
		if (strcmp(a->opt[i].name, name) == 0)
			vals[n++] = a->opt[i].val;
	return n;
}

int cli_config(cli_ctx *c, ap_err *e)
{
	if (c->cfg_loaded)
		return AP_OK;
	int rc = config_load(&c->cfg, c->flag_config, c->flag_db, e);
	c->cfg_loaded = rc == AP_OK;
	return rc;
}

char *cli_db_shown(const cli_ctx *c)
{
	const char *loc = c->st ? store_path(c->st) : c->cfg_loaded ? c->cfg.db_path : "";
	return dburl_is_url(loc) ? dburl_redact(loc) : xstrdup(loc);
}

static void print_repairs(const store *st);

void cli_defs_files(cli_ctx *c, defs_files *f)
{
	free(c->questions_ini);
	free(c->rules_ini);
	c->questions_ini = config_asset(&c->cfg, "questions.ini");
	c->rules_ini = config_asset(&c->cfg, "rules.ini");
	*f = (defs_files){c->questions_ini, c->rules_ini, c->cfg.questions_file, c->cfg.rules_file};
}

/* The store when there is one: the team's questions and rules are in it.
 * None yet is no error (the defaults and the user's files are in force). */
static int store_if_there(cli_ctx *c, ap_err *e)
{
	if (c->st)
		return AP_OK;
	int rc = store_open(&c->st, c->cfg.db_path, STORE_IF_THERE, e);
	if (!rc && c->st) {
		store_set_author(c->st, c->cfg.user_name);
		print_repairs(c->st);
	}
	return rc;
}

int cli_qbank(cli_ctx *c, ap_err *e)
{
	if (c->qb_loaded)
		return AP_OK;
	int rc = cli_config(c, e);
	if (!rc)
		rc = store_if_there(c, e);
	if (rc)
		return rc;
	defs_files f;
	cli_defs_files(c, &f);
	rc = defs_qbank(&c->qb, c->st, &f, e);
	c->qb_loaded = rc == AP_OK;
	return rc;
}

/* An upgrade's repairs are said once, on stderr, one line each. */
static void print_repairs(const store *st)
{
	const char *p = store_repairs(st);
	while (*p) {
		size_t n = strcspn(p, "\n");
		fprintf(stderr, "acctplan: upgrade repaired %.*s\n", (int)n, p);
		p += n + (p[n] == '\n');
	}
}

int cli_store(cli_ctx *c, enum store_mode mode, ap_err *e)
{
	if (c->st)
		return AP_OK;
	int rc = cli_config(c, e);
	if (!rc)
		rc = store_open(&c->st, c->cfg.db_path, mode, e);
	if (!rc) {
		store_set_author(c->st, c->cfg.user_name);
		print_repairs(c->st);
	}
	return rc;
}

int cli_account(cli_ctx *c, const char *name, ap_account *out, ap_err *e)
{
	long long id;
	int rc = cli_store(c, STORE_EXISTING, e);
	if (!rc)
		rc = store_rec_find_prefix(c->st, REC_ACCOUNT, 0, name, &id, e);
	return rc ? rc : store_account_get_id(c->st, id, out, e);
}

int cli_enum(const cli_args *a, const char *opt, int dflt, int *out, ap_err *e)
{
	int none;
	const ap_names *t = cli_option_names(a->cmd, opt, &none);
	if (!t) {
		/* A command asking for a vocabulary its option has not: a bug in the tables. */
		fprintf(stderr, "acctplan: bug: %s --%s has no vocabulary\n", a->cmd->name, opt);
		abort();
	}
	const char *v = arg_opt(a, opt);
	*out = dflt;
	if (!v)
		return AP_OK;
	ap_err sub;
	*out = ap_name_parse(t, v, &sub);
	if (*out < 0)
		return ap_fail(e, AP_EINPUT, "--%s: %s", opt, sub.msg);
	return AP_OK;
}

int cli_text(const char *what, const char *s, int multiline, ap_err *e)
{
	return s ? ap_text_check(what, s, multiline, e) : AP_OK;
}

int cli_format(const cli_args *a, int *fmt, ap_err *e)
{
	return cli_enum(a, "format", FMT_TEXT, fmt, e);
}

/* *out is written only on success and is NULL otherwise, so the caller
 * owns exactly one pointer and frees it whatever the result: freeing the
 * text here and leaving it in *out freed it twice (issue 10). */
int cli_text_arg(const char *arg, char **out, ap_err *e)
{
	*out = NULL;
	if (strcmp(arg, "-") != 0) {
		*out = xstrdup(arg);
		return AP_OK;
	}
	char *text;
	size_t len;
	int rc = ap_read_file("-", &text, &len, e);
	if (rc)
		return rc;
	size_t nul = strlen(text);
	if (nul != len) {
		/* Where, as a line and a byte in it (both from 1), so the
		 * byte can be found in a long note. */
		size_t line = 1, col = 1;
		for (size_t i = 0; i < nul; i++, col++)
			if (text[i] == '\n')
				line++, col = 0;
		free(text);
		return ap_fail(e, AP_EINPUT, "standard input contains a NUL byte (line %zu, byte %zu)", line, col);
	}
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	*out = text;
	return AP_OK;
}

void cli_today(char out[11]) { ap_date_format(ap_today(), out); }

/* ---- help ---- */

static void print_usage_line(FILE *f, const cli_cmd *cmd)
{
	fprintf(f, "usage: acctplan %s%s%s\n", cmd->name, *cmd->usage ? " " : "", cmd->usage);
}

static void print_command_list(FILE *f, const char *prefix)
{
	for (size_t t = 0; t < NTABLES; t++)
		for (const cli_cmd *cmd = tables[t]; cmd->name; cmd++)
			if (cmd->summary && (!prefix || strncmp(cmd->name, prefix, strlen(prefix)) == 0))
				fprintf(f, "  %-22s %s\n", cmd->name, cmd->summary);
}

static void print_main_help(FILE *f)
{
	fprintf(f,
		"acctplan %s - know your key accounts, their customers and their customers' customers\n\n"
		"usage: acctplan [--db PATH] [--config PATH] [COMMAND [ARGS...]]\n\n"
		"With no command, acctplan opens the workbench (a terminal UI).\n\n"
		"Commands:\n", ACCTPLAN_VERSION);
	print_command_list(f, NULL);
	fprintf(f, "\nGlobal options:\n");
	for (const cli_global *g = cli_globals; g->name; g++) {
		char word[32];
		snprintf(word, sizeof word, "%s%s%s", g->name, g->value ? " " : "", g->value ? g->value : "");
		fprintf(f, "  %-15s %s\n", word, g->help);
	}
	fprintf(f,
		"\nExit status: 0 success, 1 'check' found a flag at or above --fail-on,\n"
		"2 usage error or bad input, 3 store error (locked, corrupt, unwritable),\n"
		"4 the record changed or was removed since it was read (--if-version, --replaces):\n"
		"nothing was written.\n"
		"See acctplan(1) for files and formats.\n");
}

static void print_cmd_help(FILE *f, const cli_cmd *cmd)
{
	print_usage_line(f, cmd);
	if (cmd->summary)
		fprintf(f, "\n%s.\n", cmd->summary);
	if (cmd->help)
		fprintf(f, "\n%s\n", cmd->help);
}

/* ---- parsing ---- */

const cli_cmd *cli_find_cmd(int argc, char *const *argv, int *words)
{
	for (int n = 2; n >= 1; n--) {
		if (argc < n)
			continue;
		char name[128];
		snprintf(name, sizeof name, "%s%s%s", argv[0], n == 2 ? " " : "", n == 2 ? argv[1] : "");
		for (size_t t = 0; t < NTABLES; t++)
			for (const cli_cmd *cmd = tables[t]; cmd->name; cmd++)
				if (strcmp(cmd->name, name) == 0) {
					*words = n;
					return cmd;
				}
	}
	return NULL;
}

int cli_optspec_next(const char **spec, cli_optspec *o)
{
	const char *p = *spec ? *spec : "";
	while (*p == ' ')
		p++;
	if (!*p)
		return 0;
	o->name = p;
	while (*p && *p != ' ' && *p != '=')
		p++;
	o->len = (size_t)(p - o->name);
	o->value = *p == '=';
	o->vocab = p + o->value;
	while (*p && *p != ' ')
		p++;
	o->vocab_len = (size_t)(p - o->vocab);
	*spec = p;
	return 1;
}

int cli_option_find(const cli_cmd *cmd, const char *name, size_t len, cli_optspec *o)
{
	const char *spec = cmd->options;
	while (cli_optspec_next(&spec, o))
		if (o->len == len && strncmp(o->name, name, len) == 0)
			return 1;
	return 0;
}

const char *cli_option_word(const char *arg, size_t *len)
{
	/* -o is the one short option: the output file of export and brief. */
	if (strcmp(arg, "-o") == 0) {
		*len = strlen("output");
		return "output";
	}
	if (arg[0] != '-' || arg[1] != '-' || !arg[2])
		return NULL;
	*len = strcspn(arg + 2, "=");
	return arg + 2;
}

/* Vocabularies of the options that are not a record's field. An option
 * means the same in every command (--tier a tier, --format text, json or
 * csv) unless its spec names another vocabulary ("format=doc-format"). */
static const struct {
	const char *key;
	const ap_names *names;
} vocabularies[] = {
	{"tier", &ap_tiers}, {"severity", &ap_severities}, {"format", &ap_formats}, {"doc-format", &doc_formats},
	{"canvas-format", &canvas_formats},
	{"list-format", &cli_list_formats}, {"segment", &ap_segments}, {"review-status", &cli_review_statuses},
};

/* What a record's yes-or-no field takes: no is 0, yes 1. */
static const char *const yes_no_v[] = {"no", "yes"};
const ap_names cli_yes_no = {"yes or no", yes_no_v, 2};

const ap_names *cli_option_names(const cli_cmd *cmd, const char *name, int *none)
{
	cli_optspec o;
	*none = 0;
	if (!cli_option_find(cmd, name, strlen(name), &o) || !o.value)
		return NULL;
	const rec_field *f = o.vocab_len ? NULL : cli_kind_field(cmd, name);
	if (f) {
		*none = f->type == RT_ENUM && (f->flags & RF_NULL);
		return f->type == RT_ENUM ? f->names : f->type == RT_BOOL ? &cli_yes_no : NULL;
	}
	const char *key = o.vocab_len ? o.vocab : name;
	size_t n = o.vocab_len ? o.vocab_len : strlen(name);
	for (size_t i = 0; i < sizeof vocabularies / sizeof vocabularies[0]; i++)
		if (strlen(vocabularies[i].key) == n && strncmp(vocabularies[i].key, key, n) == 0)
			return vocabularies[i].names;
	if (o.vocab_len) {
		/* A spec naming a vocabulary there is not: a bug in the tables. */
		fprintf(stderr, "acctplan: bug: %s --%s: no vocabulary '%.*s'\n", cmd->name, name, (int)n, key);
		abort();
	}
	return NULL;
}

/* The option at argv[*i] (its value may be the next word), checked against
 * the command's options and added to a. Messages show it as typed. */
static int parse_option(const cli_cmd *cmd, int argc, char **argv, int *i, cli_args *a, ap_err *e)
{
	const char *arg = argv[*i];
	size_t len;
	const char *name = cli_option_word(arg, &len);
	if (!name)
		return ap_fail(e, AP_EINPUT, "%s: unknown option '%s' (see 'acctplan %s --help')", cmd->name, arg, cmd->name);
	const char *eq = name[len] == '=' ? name + len : NULL;
	int typed = (int)(eq ? (size_t)(eq - arg) : strlen(arg));
	cli_optspec o;
	if (!cli_option_find(cmd, name, len, &o))
		return ap_fail(e, AP_EINPUT, "%s: unknown option '%.*s' (see 'acctplan %s --help')",
			cmd->name, typed, arg, cmd->name);
	int takes = o.value;
	if (takes && !eq && *i + 1 == argc)
		return ap_fail(e, AP_EINPUT, "%s: option '%.*s' needs a value", cmd->name, typed, arg);
	if (!takes && eq)
		return ap_fail(e, AP_EINPUT, "%s: option '%.*s' takes no value", cmd->name, typed, arg);
	if (a->nopt == CLI_MAX_OPTS)
		return ap_fail(e, AP_EINPUT, "%s: too many options", cmd->name);
	/* The name is copied without its "=value" part. */
	a->opt[a->nopt].name = xstrndup(name, len);
	a->opt[a->nopt++].val = !takes ? NULL : eq ? eq + 1 : argv[++*i];
	return AP_OK;
}

static int parse_args(const cli_cmd *cmd, int argc, char **argv, cli_args *a, int *want_help, ap_err *e)
{
	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	a->pos = xcalloc((size_t)argc + 1, sizeof *a->pos);
	int only_pos = 0, rc;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (only_pos || arg[0] != '-' || strcmp(arg, "-") == 0) {
			a->pos[a->npos++] = argv[i];
		} else if (strcmp(arg, "--") == 0) {
			only_pos = 1;
		} else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			*want_help = 1;
			return AP_OK;
		} else if ((rc = parse_option(cmd, argc, argv, &i, a, e))) {
			return rc;
		}
	}
	if (a->npos < cmd->min_pos)
		return ap_fail(e, AP_EINPUT, "%s: missing argument (usage: acctplan %s %s)", cmd->name, cmd->name, cmd->usage);
	if (cmd->max_pos >= 0 && a->npos > cmd->max_pos)
		return ap_fail(e, AP_EINPUT, "%s: unexpected argument '%s' (usage: acctplan %s %s)",
			cmd->name, a->pos[cmd->max_pos], cmd->name, cmd->usage);
	return AP_OK;
}

static void args_free(cli_args *a)
{
	for (int i = 0; i < a->nopt; i++)
		free((char *)a->opt[i].name);
	free(a->pos);
}

/* Commands with sub-words ("account"): the subcommand words of the family
 * as "add, list or remove", or NULL when word names no family. Caller frees. */
static char *family_words(const char *word)
{
	size_t n = strlen(word);
	const char *words[64];
	ap_names t = {word, words, 0};
	for (size_t k = 0; k < NTABLES; k++)
		for (const cli_cmd *cmd = tables[k]; cmd->name; cmd++)
			if (strncmp(cmd->name, word, n) == 0 && cmd->name[n] == ' ' && t.count < 64)
				words[t.count++] = cmd->name + n + 1;
	return t.count ? ap_names_join(&t, " or ") : NULL;
}

/* Messages quote user input back: whatever control characters or invalid
 * UTF-8 it holds is escaped (also before stderr is the escaping stream), and
 * a line break cannot split the message's one line. */
static void print_error(const char *msg)
{
	ap_buf clean = {0};
	ap_text_escape(&clean, msg, strlen(msg), 0);
	fprintf(stderr, "acctplan: %s\n", clean.s ? clean.s : "");
	buf_free(&clean);
}

/* argv[0] is no command: help for a family ("account --help"), else one error line. */
static int no_command(int argc, char **argv)
{
	ap_err e = {0};
	char *family = family_words(argv[0]);
	int help = family && argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
	if (help) {
		printf("'%s' commands:\n", argv[0]);
		print_command_list(stdout, argv[0]);
	} else if (family && argc > 1) {
		ap_fail(&e, AP_EINPUT, "%s: unknown subcommand '%s' (expected %s)", argv[0], argv[1], family);
	} else if (family) {
		ap_fail(&e, AP_EINPUT, "%s: missing subcommand (expected %s)", argv[0], family);
	} else {
		ap_fail(&e, AP_EINPUT, "unknown command '%s' (see 'acctplan --help')", argv[0]);
	}
	free(family);
	if (help)
		return AP_OK;
	print_error(e.msg);
	return AP_EINPUT;
}

/* Whatever a message quotes from a PostgreSQL URL (libpq's own words
 * included) loses the URL's password before it is printed: defence in
 * depth behind the store's own redaction. */
static void scrub_error(const cli_ctx *c, ap_err *e)
{
	const char *loc = c->cfg_loaded ? c->cfg.db_path : c->flag_db ? c->flag_db : getenv("ACCTPLAN_DB");
	if (!dburl_is_url(loc))
		return;
	char *safe = dburl_scrub(e->msg, loc);
	snprintf(e->msg, sizeof e->msg, "%s", safe);
	free(safe);
}

static int run_command(cli_ctx *c, int argc, char **argv)
{
	ap_err e = {0};
	int words = 0;
	const cli_cmd *cmd = cli_find_cmd(argc, argv, &words);
	if (!cmd)
		return no_command(argc, argv);
	cli_args a;
	int help = 0;
	int rc = parse_args(cmd, argc - words, argv + words, &a, &help, &e);
	if (!rc && help)
		print_cmd_help(stdout, cmd);
	else if (!rc)
		rc = cmd->run(c, &a, &e);
	args_free(&a);
	if (rc && rc != AP_FLAGGED) {
		scrub_error(c, &e);
		print_error(e.msg[0] ? e.msg : "failed");
	}
	return rc;
}

int cli_global_take(int argc, char *const *argv, int *i, cli_ctx *c, const char **keys, const cli_global **g,
	ap_err *e)
{
	const char *arg = argv[*i], *eq = strchr(arg, '=');
	*g = cli_global_find(arg);
	if (!*g)
		return ap_fail(e, AP_EINPUT, "unknown option '%s' (see 'acctplan --help')", arg);
	if (!(*g)->value)
		return AP_OK;
	if (!eq && *i + 1 == argc)
		return ap_fail(e, AP_EINPUT, "option '%s' needs a value", arg);
	const char *v = eq ? eq + 1 : argv[++*i];
	if (!*v)
		return ap_fail(e, AP_EINPUT, "option '%.*s' needs a non-empty value", (int)strcspn(arg, "="), arg);
	const char **slot = *g == &cli_globals[GLOBAL_DB] ? &c->flag_db
		: *g == &cli_globals[GLOBAL_CONFIG] ? &c->flag_config : keys;
	*slot = v;
	return AP_OK;
}

/* Global options come before the command: --db, --config and --keys take a
 * value, --help and --version answer at once. Returns -1 with *next at the
 * first other word, or else the exit status to stop with. */
static int parse_globals(int argc, char **argv, cli_ctx *c, const char **keys, int *next)
{
	int i;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		ap_err e = {0};
		const cli_global *g;
		if (cli_global_take(argc, argv, &i, c, keys, &g, &e)) {
			print_error(e.msg);
			return e.status;
		}
		if (g == &cli_globals[GLOBAL_HELP]) {
			print_main_help(stdout);
			return AP_OK;
		}
		if (g == &cli_globals[GLOBAL_VERSION]) {
			printf("acctplan %s\n", ACCTPLAN_VERSION);
			return AP_OK;
		}
	}
	*next = i;
	return -1;
}

int cli_main(int argc, char **argv, cli_tui *tui)
{
	cli_ctx c = {0};
	c.out = stdout;
	*tui = (cli_tui){0};
	const char *keys = NULL;   /* the workbench's key script: ui_run reads it from argv */
	int i = 0, rc = parse_globals(argc, argv, &c, &keys, &i);
	if (rc >= 0)
		return rc;
	/* Said once, and the command goes on: the URL is fine for libpq, but
	 * any user of this machine can read a command line (ps, /proc) while
	 * acctplan runs. The environment and the config file are not shown. */
	if (dburl_is_url(c.flag_db) && dburl_has_password(c.flag_db))
		fputs("acctplan: warning: the password in --db can be seen by other users of this machine (ps); "
			"keep it in ~/.pgpass, PGPASSFILE or a service file instead\n", stderr);
	/* A pinned day acctplan cannot keep is refused once, here, for the
	 * commands and the workbench alike, not replaced by the clock unsaid. */
	ap_err e = {0};
	if (ap_today_check(&e) || ap_now_check(&e)) {
		print_error(e.msg);
		return e.status;
	}
	if (i == argc) {
		*tui = (cli_tui){1, c.flag_db, c.flag_config, 0};
		return AP_OK;
	}
	/* 'review' opens the workbench too (in review mode), which a key script may drive. */
	if (keys && strcmp(argv[i], "review") != 0) {
		print_error("--keys only applies to the workbench (no command, or review)");
		return AP_EINPUT;
	}
	/* From here on everything printed goes through the escaping streams:
	 * names and notes can come from another client of a shared store. */
	FILE *raw_out = stdout, *raw_err = stderr;
	FILE *safe_out = ap_safe_stream(raw_out, isatty(STDOUT_FILENO)), *safe_err = ap_safe_stream(raw_err, 1);
	if (safe_out)
		stdout = c.out = safe_out;
	if (safe_err)
		stderr = safe_err;
	c.keys = keys != NULL;
	rc = run_command(&c, argc - i, argv + i);
	if (!rc && c.open_review)
		*tui = (cli_tui){1, c.flag_db, c.flag_config, c.open_review};
	if (c.st)
		store_close(&c.st);
	if (c.qb_loaded)
		qbank_free(&c.qb);
	free(c.questions_ini);
	free(c.rules_ini);
	if (c.cfg_loaded)
		config_free(&c.cfg);
	/* A full disk or closed pipe on stdout is an error of its own, unless the
	 * command already reported one (errors are one line). */
	int out_failed = fflush(stdout) != 0 || ferror(stdout);
	if (safe_out) {
		out_failed |= fclose(safe_out) != 0;
		stdout = raw_out;
	}
	out_failed |= fflush(stdout) != 0 || ferror(stdout);
	if (out_failed && !rc) {
		fprintf(stderr, "acctplan: cannot write output: %s\n", strerror(errno));
		rc = AP_EINPUT;
	}
	if (safe_err) {
		fclose(safe_err);
		stderr = raw_err;
	}
	return rc;
}
