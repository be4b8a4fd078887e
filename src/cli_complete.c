/* cli_complete.c - what a word on the command line can become: the helper
 * of the bash completion script (assets/acctplan.bash).
 *
 *   acctplan complete [--from N] -- WORD...
 *
 * The words are those typed after the program's name, as typed (quotes and
 * backslashes included), the last one being the word under the cursor. They
 * are read as the shell will read them, without running anything
 * (shell_word_read), so "--db 'my file.db'" opens that file and an account
 * typed as 'Sub Co' lists its contacts. The answer is a first line "words"
 * then one line per word it can become, quoted to continue it as typed and
 * cut where the shell's line editor replaces it (after its open quote, else
 * from byte N: readline leaves what precedes the last '=' or ':'); or
 * "files" then the start of a path, for the shell to complete file names.
 *
 * Nothing here is a list of its own: commands, options and their values come
 * from the command tables, their option specs and usage lines, the record
 * kinds' fields and the vocabularies the parser takes; names from the store,
 * question ids from the question bank, rule ids from the rules, all loaded
 * once for the one word asked about. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/shell.h"
#include "cli_internal.h"

typedef struct comp {
	cli_ctx *c;
	const char *raw;        /* the word under the cursor as typed */
	shell_word cur;         /* and as the shell reads it */
	size_t start;           /* where in raw the line editor replaces it */
	char **words;           /* every word before it, as the shell reads them */
	int nwords;
	const cli_cmd *cmd;     /* the command being typed, once known */
	char **pos;             /* its positional arguments before the cursor */
	int npos;
	ap_buf words_out;       /* the answer: the words offered, a line each */
	char *files;            /* or the start of a path, for the shell to complete */
} comp;

/* Offer word: lead (what the word holds before the part completed, such
 * as "--format=") then s, when that starts with what is typed. */
static void offer_lead(comp *k, const char *lead, const char *s)
{
	size_t ntyped = strlen(k->cur.text);
	ap_buf word = {0}, line = {0};
	buf_printf(&word, "%s%s", lead, s);
	if (word.len >= ntyped && memcmp(word.s, k->cur.text, ntyped) == 0) {
		buf_puts(&line, k->raw);
		if (shell_word_continue(&line, &k->cur, word.s + ntyped) == 0 && line.len >= k->start)
			buf_printf(&k->words_out, "%s\n", line.s + k->start);
	}
	buf_free(&word);
	buf_free(&line);
}

static void offer(comp *k, const char *s) { offer_lead(k, "", s); }

typedef struct lead_offer {
	comp *k;
	const char *lead;
} lead_offer;

static void offer_cb(const char *s, void *arg)
{
	lead_offer *o = arg;
	offer_lead(o->k, o->lead, s);
}

/* ---- what a placeholder of a usage line stands for ---- */

/* Our people: every usage placeholder MEMBER, positional or an option's
 * value (--owner MEMBER), completes their names. */
static void offer_members(comp *k, const char *lead)
{
	ap_err e;
	lead_offer o = {k, lead};
	if (cli_store(k->c, STORE_EXISTING, &e) == AP_OK)
		(void)cli_rec_names(k->c->st, &cli_kinds[REC_MEMBER], 0, offer_cb, &o, &e);
}

static void offer_accounts(comp *k, const char *lead)
{
	ap_err e;
	lead_offer o = {k, lead};
	if (cli_store(k->c, STORE_EXISTING, &e) == AP_OK)
		(void)cli_rec_names(k->c->st, &cli_kinds[REC_ACCOUNT], 0, offer_cb, &o, &e);
}

static void offer_questions(comp *k, const char *lead)
{
	ap_err e;
	if (cli_qbank(k->c, &e) != AP_OK)
		return;
	for (size_t i = 0; i < k->c->qb.n; i++)
		offer_lead(k, lead, k->c->qb.q[i].id);
}

static void offer_rules(comp *k, const char *lead)
{
	ap_err e;
	rules *r = NULL;
	if (cli_rules_load(k->c, &r, &e) != AP_OK)
		return;
	for (size_t i = 0; i < rules_count(r); i++) {
		rule_info info;
		rules_get(r, i, &info);
		offer_lead(k, lead, info.id);
	}
	rules_free(&r);
}

/* The path typed so far: the shell lists the files. */
static void offer_files(comp *k, const char *lead)
{
	free(k->files);
	k->files = xstrdup(k->cur.text + strlen(lead));
}

/* The usage line's word for positional `pos` (from 0), or for the value of
 * option opt when opt is not NULL, without brackets or "..." ("NAME|ID"),
 * into buf; 0 when there is none. A usage's alternatives (after " | ") are
 * left: the positionals mean in them what they mean in the first. */
static int usage_word(const cli_cmd *cmd, const char *opt, int pos, char *buf, size_t size)
{
	const char *p = cmd->usage;
	int value = 0;   /* the next word is an option's value: 1 another's, 2 opt's */
	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t n = (size_t)(p - w);
		for (; n && *w == '['; n--)
			w++;
		while (n && (w[n - 1] == ']' || w[n - 1] == '.'))
			n--;
		if (n == 1 && *w == '|')
			break;
		if (!n || n >= size)
			continue;
		memcpy(buf, w, n);
		buf[n] = '\0';
		if (value) {
			if (value == 2)
				return 1;
			value = 0;
		} else if (*w == '-') {
			size_t len;
			const char *name = cli_option_word(buf, &len);
			cli_optspec o;
			if (name && cli_option_find(cmd, name, len, &o) && o.value)
				value = opt && strlen(opt) == len && strncmp(name, opt, len) == 0 ? 2 : 1;
		} else if (!opt && pos-- == 0) {
			return 1;
		}
	}
	return 0;
}

/* The positional typed where the usage line says ACCOUNT, or NULL. */
static const char *typed_account(comp *k)
{
	char w[64];
	for (int i = 0; i < k->npos; i++)
		if (usage_word(k->cmd, NULL, i, w, sizeof w) && strcmp(w, "ACCOUNT") == 0)
			return k->pos[i];
	return NULL;
}

static void offer_kind(comp *k, const cli_kind *ck, const char *lead);

/* Records of the command's kind, as its commands name them: names, or ids
 * for kinds without one; an account's own when the kind belongs to one. */
static void offer_records(comp *k, const char *lead)
{
	const cli_kind *ck = cli_cmd_kind(k->cmd);
	if (!ck || ck->id == REC_ACCOUNT || ck->id == REC_MEMBER) {
		if (ck)
			(ck->id == REC_ACCOUNT ? offer_accounts : offer_members)(k, lead);
		return;
	}
	offer_kind(k, ck, lead);
}

/* The records of kind ck of the account typed on the line. */
static void offer_kind(comp *k, const cli_kind *ck, const char *lead)
{
	const char *name = typed_account(k);
	ap_account acc = {0};
	ap_err e;
	lead_offer o = {k, lead};
	if (name && cli_account(k->c, name, &acc, &e) == AP_OK)
		(void)cli_rec_names(k->c->st, ck, acc.id, offer_cb, &o, &e);
	ap_account_clear(&acc);
}

/* The words usage lines write for what a value is. NAME and ID are a record
 * of the command's own kind: one it works on as a positional (none when the
 * command adds it), another it refers to as an option's value (--reports-to). */
enum holder { H_ACCOUNT, H_QUESTION, H_RULE, H_FILE, H_MEMBER, H_CONTACT, H_RECORD };
static const struct {
	const char *word;
	enum holder what;
} placeholders[] = {
	{"ACCOUNT", H_ACCOUNT}, {"QUESTION_ID", H_QUESTION}, {"QUESTION", H_QUESTION}, {"RULE_ID", H_RULE},
	{"FILE", H_FILE}, {"PATH", H_FILE}, {"MEMBER", H_MEMBER}, {"OTHER", H_MEMBER}, {"CONTACT", H_CONTACT},
	{"NAME", H_RECORD}, {"ID", H_RECORD},
	{"#ID", H_RECORD},
};

/* What a usage word ("NAME|none") stands for: each alternative a
 * placeholder's kind of value, or a literal word of lowercase letters. */
static void offer_usage_word(comp *k, const char *word, int positional, const char *lead)
{
	unsigned done = 0;   /* NAME|ID: the records once */
	for (const char *p = word; *p;) {
		size_t n = strcspn(p, "|");
		size_t lower = 0;
		while (lower < n && p[lower] >= 'a' && p[lower] <= 'z')
			lower++;
		if (lower == n && n) {
			char lit[32];
			snprintf(lit, sizeof lit, "%.*s", (int)n, p);
			offer_lead(k, lead, lit);
		}
		for (size_t i = 0; i < sizeof placeholders / sizeof placeholders[0]; i++) {
			if (strlen(placeholders[i].word) != n || strncmp(placeholders[i].word, p, n) != 0 ||
			    (done >> placeholders[i].what & 1))
				continue;
			done |= 1u << placeholders[i].what;
			switch (placeholders[i].what) {
			case H_ACCOUNT: offer_accounts(k, lead); break;
			case H_QUESTION: offer_questions(k, lead); break;
			case H_RULE: offer_rules(k, lead); break;
			case H_FILE: offer_files(k, lead); return;
			case H_MEMBER: offer_members(k, lead); break;
			case H_CONTACT: offer_kind(k, &cli_kinds[REC_CONTACT], lead); break;
			case H_RECORD:
				if (!positional || k->cmd->run != cli_run_add)
					offer_records(k, lead);
				break;
			}
		}
		p += n + (p[n] == '|');
	}
}

/* ---- options and their values ---- */

/* The value of option name (len bytes) of the command, after lead. */
static void offer_value(comp *k, const char *name, size_t len, const char *lead)
{
	char opt[64], word[64];
	snprintf(opt, sizeof opt, "%.*s", (int)len, name);
	int none;
	const ap_names *t = cli_option_names(k->cmd, opt, &none);
	for (int i = 0; t && i < t->count; i++)
		offer_lead(k, lead, t->names[i]);
	if (t && none)
		offer_lead(k, lead, "none");
	if (!t && usage_word(k->cmd, opt, 0, word, sizeof word))
		offer_usage_word(k, word, 0, lead);
}

static void offer_options(comp *k)
{
	const char *spec = k->cmd->options;
	cli_optspec o;
	while (cli_optspec_next(&spec, &o)) {
		char word[64];
		snprintf(word, sizeof word, "--%.*s", (int)o.len, o.name);
		offer(k, word);
	}
}

/* ---- the line ---- */

/* The command's arguments typed before the cursor (words from `first`):
 * which positionals, and whether the cursor is an option's value. */
static void complete_args(comp *k, int first)
{
	int only_pos = 0;
	k->pos = xcalloc((size_t)k->nwords + 1, sizeof *k->pos);
	for (int i = first; i < k->nwords; i++) {
		const char *w = k->words[i];
		size_t len;
		const char *name = cli_option_word(w, &len);
		cli_optspec o;
		if (only_pos || w[0] != '-' || strcmp(w, "-") == 0) {
			k->pos[k->npos++] = k->words[i];
		} else if (strcmp(w, "--") == 0) {
			only_pos = 1;
		} else if (name && !name[len] && cli_option_find(k->cmd, name, len, &o) && o.value) {
			if (i + 1 == k->nwords) {
				offer_value(k, name, len, "");
				return;
			}
			i++;
		}
	}
	const char *typed = k->cur.text;
	size_t len;
	const char *name = only_pos ? NULL : cli_option_word(typed, &len);
	if (name && name[len] == '=') {
		char lead[64];
		snprintf(lead, sizeof lead, "%.*s", (int)(name + len + 1 - typed), typed);
		offer_value(k, name, len, lead);
	} else if (!only_pos && typed[0] == '-') {
		offer_options(k);
	} else {
		char word[64];
		if (usage_word(k->cmd, NULL, k->npos, word, sizeof word))
			offer_usage_word(k, word, 1, "");
	}
}

/* Does command i's name start with word (a whole word of it)? */
static int starts_with_word(size_t i, const char *word, size_t n)
{
	const cli_cmd *cmd = cli_command(i);
	return cmd->summary && strncmp(cmd->name, word, n) == 0 && (cmd->name[n] == ' ' || !cmd->name[n]);
}

/* The first words of the commands (a family's once), or the second words
 * of the family's commands ("add" of "account add"). */
static void offer_commands(comp *k, const char *family)
{
	size_t nfamily = family ? strlen(family) : 0;
	for (size_t i = 0; cli_command(i); i++) {
		const char *name = cli_command(i)->name, *word = name;
		if (family && (!starts_with_word(i, family, nfamily) || !name[nfamily]))
			continue;
		if (family)
			word += nfamily + 1;
		size_t n = strcspn(word, " ");
		int seen = !cli_command(i)->summary;
		for (size_t j = 0; !family && j < i && !seen; j++)
			seen = starts_with_word(j, name, n);
		if (!seen) {
			char w[64];
			snprintf(w, sizeof w, "%.*s", (int)n, word);
			offer(k, w);
		}
	}
}

static void complete_line(comp *k)
{
	/* The global options first: they set the database and configuration
	 * the names come from. An unknown one ends the line as the parser would. */
	int i = 0;
	for (; i < k->nwords && k->words[i][0] == '-'; i++) {
		const cli_global *g = cli_global_find(k->words[i]);
		const char *keys;   /* the workbench's, nothing to complete from */
		ap_err e;
		if (g && g->value && !strchr(k->words[i], '=') && i + 1 == k->nwords) {
			offer_usage_word(k, g->value, 0, "");
			return;
		}
		if (cli_global_take(k->nwords, k->words, &i, k->c, &keys, &g, &e) != AP_OK)
			return;
	}
	if (i == k->nwords) {
		const char *eq = strchr(k->cur.text, '=');
		const cli_global *g = cli_global_find(k->cur.text);
		if (g && g->value && eq) {
			char lead[32];
			snprintf(lead, sizeof lead, "%.*s", (int)(eq + 1 - k->cur.text), k->cur.text);
			offer_usage_word(k, g->value, 0, lead);
		} else if (k->cur.text[0] == '-') {
			for (g = cli_globals; g->name; g++)
				offer(k, g->name);
		} else {
			offer_commands(k, NULL);
		}
		return;
	}
	int nw = 0;
	k->cmd = cli_find_cmd(k->nwords - i, k->words + i, &nw);
	if (i + 1 == k->nwords)   /* right after a family's word: its commands */
		offer_commands(k, k->words[i]);
	if (k->cmd && k->cmd->summary)
		complete_args(k, i + nw);
}

static int cmd_complete(cli_ctx *c, const cli_args *a, ap_err *e)
{
	const char *from = arg_opt(a, "from");
	comp k = {.c = c, .raw = a->pos[a->npos - 1]};
	shell_word_read(k.raw, &k.cur);
	/* Readline replaces the word after its open quote, else after the
	 * last word-break character the shell split it at (--from). */
	k.start = k.cur.state != SHELL_BARE ? k.cur.open : from ? strtoul(from, NULL, 10) : 0;
	k.nwords = a->npos - 1;
	k.words = xcalloc((size_t)a->npos, sizeof *k.words);
	for (int i = 0; i < k.nwords; i++) {
		shell_word w;
		const char *raw = a->pos[i];
		shell_word_read(raw, &w);
		/* ~/ at the start of a bare word is the home folder (--db ~/x.db). */
		if (raw[0] == '~' && (raw[1] == '/' || !raw[1])) {
			char *home = ap_expand_home(raw[1] ? w.text : "~/");
			free(w.text);
			w.text = home;
		}
		k.words[i] = w.text;
	}
	complete_line(&k);
	if (k.files)
		fprintf(c->out, "files\n%s\n", k.files);
	else
		fprintf(c->out, "words\n%s", k.words_out.s ? k.words_out.s : "");
	for (int i = 0; i < k.nwords; i++)
		free(k.words[i]);
	free(k.words);
	free(k.pos);
	free(k.cur.text);
	free(k.files);
	buf_free(&k.words_out);
	(void)e;
	return AP_OK;
}

const cli_cmd cli_complete_cmds[] = {
	/* No summary: for the completion script, not listed among the commands. */
	{"complete", "[--from N] -- WORD...", NULL, "from=", 1, -1, cmd_complete,
	 "Prints what the last WORD (the one under the cursor, as typed: quotes included) can\n"
	 "become after the WORDs before it, as the bash completion script asks: a line 'words',\n"
	 "then one word a line, quoted to continue it as typed, from byte N of it on (where\n"
	 "the shell's line editor replaces it); or a line 'files' and the start of a path.\n"
	 "Names come from the database that --db among the WORDs (or the default) names."},
	{0},
};
