/* cli_rec.c - every record kind on the command line, from its field table.
 *
 * Add, edit, remove and list are one code path each. A field with a CLI
 * option (record.h: opt) is parsed by its type, so 'KIND add' and 'KIND
 * edit' take the same options with the same messages; what is valid is
 * rec_check's to say, and whether a stale write lands is the store's
 * (--if-version, exit 4). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/json.h"
#include "acctplan/output.h"
#include "cli_internal.h"

/* Which field add takes as its argument, which it requires, which are
 * percents and the listing's columns are the record tables' (record.h:
 * RF_ARG, RF_MUST, RF_PERCENT, list); here is only how the command line
 * behaves around them. */
const cli_kind cli_kinds[REC_NKINDS] = {
	[REC_ACCOUNT] = {.id = REC_ACCOUNT, .confirm = cli_account_confirm,
		.empty = "no accounts yet (add one with 'acctplan account add NAME')"},
	[REC_ANSWER] = {.id = REC_ANSWER, .arg_stdin = 1},
	[REC_CONTACT] = {.id = REC_CONTACT, .empty = "no contacts"},
	[REC_COMPETITOR] = {.id = REC_COMPETITOR, .empty = "no competitors"},
	[REC_ENDCUSTOMER] = {.id = REC_ENDCUSTOMER, .empty = "no end customers"},
	[REC_MEETING] = {.id = REC_MEETING, .arg_stdin = 1, .empty = "no meetings", .cell = cli_meeting_cell,
		.keep = cli_meeting_keep},
	[REC_NOTE] = {.id = REC_NOTE, .arg_stdin = 1, .defaults = cli_note_defaults, .empty = "no notes"},
	[REC_SNOOZE] = {.id = REC_SNOOZE},
	[REC_DRIVER] = {.id = REC_DRIVER, .written = cli_driver_written},
	[REC_MEMBER] = {.id = REC_MEMBER, .empty = "no members yet (add one with 'acctplan member add NAME --tier T')"},
	[REC_LINK] = {.id = REC_LINK, .empty = "no lines beyond reports-to"},
	[REC_ACTION] = {.id = REC_ACTION, .empty = "no actions", .cell = cli_action_cell, .open = cli_action_open,
		.text_list = "due status account owner title flag contact"},
	[REC_ORDER] = {.id = REC_ORDER, .empty = "no orders"},
	[REC_EXCHANGE] = {.id = REC_EXCHANGE, .arg_stdin = 1, .empty = "no gives or takes"},
	[REC_ADVOCACY] = {.id = REC_ADVOCACY, .arg_stdin = 1, .empty = "no advocacy"},
};

/* Room for the fields of any kind (the widest has a dozen). */
#define MAX_COLS 32

/* ---- ids and versions as the user gives them ---- */

/* Digits only, no sign or blank, above zero; 0 when s is not that. */
static long long positive(const char *s)
{
	size_t n = strspn(s, "0123456789");
	errno = 0;
	long long v = n && !s[n] ? strtoll(s, NULL, 10) : 0;
	return errno == ERANGE ? 0 : v;
}

int cli_parse_id(const char *s, const char *family, long long *id, ap_err *e)
{
	*id = positive(s + (*s == '#'));
	if (*id <= 0)
		return ap_fail(e, AP_EINPUT, "'%s' is not a %s id (a positive number, as '%s list' shows)", s, family, family);
	return AP_OK;
}

int cli_if_version(const cli_args *a, long long *version, ap_err *e)
{
	const char *s = arg_opt(a, "if-version");
	*version = s ? positive(s) : 0;
	if (s && *version <= 0)
		return ap_fail(e, AP_EINPUT, "--if-version: '%s' is not a version (a positive number, as "
			"'--format json' listings show)", s);
	return AP_OK;
}

/* ---- one field ---- */

static size_t value_size(enum rec_type t)
{
	if (rec_is_string(t))
		return sizeof(char *);
	if (t == RT_ID || t == RT_INT)
		return sizeof(long long);
	return t == RT_REAL ? sizeof(double) : sizeof(int);
}

static void set_string(const rec_field *f, void *rec, char *s)
{
	char **slot = rec_slot(f, rec);
	free(*slot);
	*slot = s;
}

/* The field add takes as its last argument; NULL for kinds add does not know. */
static const rec_field *arg_field(const cli_kind *ck)
{
	const rec_kind *k = &rec_kinds[ck->id];
	for (int i = 0; i < k->nfields; i++)
		if (k->fields[i].flags & RF_ARG)
			return &k->fields[i];
	return NULL;
}

/* Named kinds are found by name (or id); the others by id only. */
static int named(const cli_kind *ck)
{
	const rec_field *f = arg_field(ck);
	return f && (f->flags & RF_NAME);
}

static int has_parent(const rec_kind *k)
{
	for (int i = 0; i < k->nfields; i++)
		if (k->fields[i].flags & RF_PARENT)
			return 1;
	return 0;
}

/* An id or version of rec; 0 for a kind without that field. */
static long long rec_int(const rec_field *f, const void *rec)
{
	return f ? *(const long long *)rec_cslot(f, rec) : 0;
}

/* A name of the field's vocabulary; "none" clears one that may be unknown. */
static int parse_enum(const rec_field *f, const char *what, const char *s, int *out, ap_err *e)
{
	ap_err sub;
	*out = ap_name_parse(f->names, s, &sub);
	if (*out < 0 && (f->flags & RF_NULL) && strcmp(s, "none") == 0)
		return AP_OK;
	return *out < 0 ? ap_fail(e, AP_EINPUT, "%s: %s", what, sub.msg) : AP_OK;
}

/* Set field f of rec from the text the user gave, by the field's type, and
 * check it as every writer does; `what` names it as the user wrote it. */
static int set_field(const rec_field *f, const char *what, const char *val, void *rec, ap_err *e)
{
	void *slot = rec_slot(f, rec);
	int rc = AP_OK;
	switch (f->type) {
	case RT_ENUM:
		rc = parse_enum(f, what, val, slot, e);
		break;
	case RT_BOOL: {
		ap_err sub;
		int yes = ap_name_parse(&cli_yes_no, val, &sub);
		if (yes < 0)
			return ap_fail(e, AP_EINPUT, "%s: expected yes or no, not '%s'", what, val);
		*(int *)slot = yes;
		break;
	}
	case RT_REAL:
		rc = rec_parse_real(what, val, (f->flags & RF_PERCENT) != 0, slot, e);
		break;
	case RT_DATE:
		/* "none" clears a date that may be absent (--consent-until none). */
		if ((f->flags & RF_NULL) && strcmp(val, "none") == 0)
			set_string(f, rec, xstrdup(""));
		else if (!(rc = ap_date_check(what, val, NULL, e)))
			set_string(f, rec, xstrdup(val));
		break;
	case RT_TEXT:
		/* "none" clears a text that may be absent (--reports-to none). */
		set_string(f, rec, xstrdup((f->flags & RF_NULL) && strcmp(val, "none") == 0 ? "" : val));
		break;
	default:
		return ap_fail(e, AP_EINPUT, "%s cannot be set from the command line", what);
	}
	return rc ? rc : rec_check_entry(f, rec, what, e);
}

/* Every --TAG given, each one word, as the field's space-separated list. */
static int set_tags(const cli_args *a, const rec_field *f, const char *what, void *rec, int *set, ap_err *e)
{
	/* As many slots as options, so no --tag is ever dropped. */
	const char *tags[CLI_MAX_OPTS];
	int n = arg_opt_all(a, f->opt, tags, CLI_MAX_OPTS);
	ap_buf list = {0};
	for (int i = 0; i < n; i++) {
		if (!*tags[i] || strpbrk(tags[i], " \t")) {
			buf_free(&list);
			return ap_fail(e, AP_EINPUT, "%s '%s': a tag is one word", what, tags[i]);
		}
		buf_printf(&list, "%s%s", i ? " " : "", tags[i]);
	}
	if (!n)
		return AP_OK;
	*set = 1;
	set_string(f, rec, buf_steal(&list));
	return rec_check_field(f, rec, what, e);
}

/* The field add takes as its last argument (named by its label), which
 * edit takes as --KEY; "-" reads it from standard input where allowed. */
static int parse_arg(const cli_args *a, const cli_kind *ck, const rec_field *f, const char *arg, void *rec,
	int *set, ap_err *e)
{
	char what[48];
	const char *val = arg ? arg : arg_opt(a, f->key);
	snprintf(what, sizeof what, arg ? "%s" : "--%s", arg ? f->label : f->key);
	if (!val)
		return AP_OK;
	char *text = NULL;
	int rc = ck->arg_stdin ? cli_text_arg(val, &text, e) : AP_OK;
	if (!rc)
		rc = set_field(f, what, text ? text : val, rec, e);
	free(text);
	*set = 1;
	return rc;
}

/* Every --OPT given, each one name, as the field's list; "none" alone
 * clears it (a meeting nobody on their side attended). */
static int set_names(const cli_args *a, const rec_field *f, const char *what, void *rec, int *set, ap_err *e)
{
	const char *names[CLI_MAX_OPTS];
	int n = arg_opt_all(a, f->opt, names, CLI_MAX_OPTS);
	ap_buf list = {0};
	if (!n)
		return AP_OK;
	*set = 1;
	for (int i = 0; i < n && !(n == 1 && strcmp(names[0], "none") == 0); i++)
		buf_printf(&list, "%s%s", i ? "\n" : "", names[i]);
	set_string(f, rec, list.s ? buf_steal(&list) : xstrdup(""));
	return rec_check_field(f, rec, what, e);
}

static int parse_opt(const cli_args *a, const rec_field *f, void *rec, int *set, ap_err *e)
{
	char what[48];
	snprintf(what, sizeof what, "--%s", f->opt);
	if (f->type == RT_TAGS)
		return set_tags(a, f, what, rec, set, e);
	if (f->type == RT_NAMES)
		return set_names(a, f, what, rec, set, e);
	const char *val = arg_opt(a, f->opt);
	if (!val)
		return AP_OK;
	*set = 1;
	return set_field(f, what, val, rec, e);
}

int cli_rec_parse(const cli_args *a, const cli_kind *ck, const char *arg, void *rec,
	unsigned long long *given, ap_err *e)
{
	const rec_kind *k = &rec_kinds[ck->id];
	const rec_field *af = arg_field(ck);
	int rc = AP_OK;
	/* *given has a bit a field: the widest kind has a dozen. */
	for (int i = 0; !rc && i < k->nfields && i < 64; i++) {
		const rec_field *f = &k->fields[i];
		int set = 0;
		if (f == af)
			rc = parse_arg(a, ck, f, arg, rec, &set, e);
		else if (f->opt && !(f->flags & RF_META))
			rc = parse_opt(a, f, rec, &set, e);
		if (set)
			*given |= 1ULL << i;
	}
	return rc;
}

void cli_rec_apply(const rec_kind *k, void *dst, void *src, unsigned long long given)
{
	for (int i = 0; i < k->nfields && i < 64; i++) {
		const rec_field *f = &k->fields[i];
		if (!(given >> i & 1))
			continue;
		if (rec_is_string(f->type)) {
			set_string(f, dst, *(char **)rec_slot(f, src));
			*(char **)rec_slot(f, src) = NULL;
		} else {
			memcpy(rec_slot(f, dst), rec_slot(f, src), value_size(f->type));
		}
	}
}

/* A date that add was not given is today (an account's first day, a note's date). */
static void dates_today(const rec_kind *k, void *rec)
{
	char today[11];
	cli_today(today);
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		if (f->type == RT_DATE && f->col && !(f->flags & (RF_NULL | RF_NOWRITE)) && !*(char **)rec_slot(f, rec))
			set_string(f, rec, xstrdup(today));
	}
}

/* What follows from the fields given, as of today (rec_kind.settle). */
static int settle(const rec_kind *k, void *rec, unsigned long long given, ap_err *e)
{
	char today[11];
	cli_today(today);
	return k->settle ? k->settle(rec, given, today, REC_BY_OPTION, e) : AP_OK;
}

/* The fields add cannot do without, in the order the kind's form asks for
 * them (the order its usage lists them), then any the form leaves out. */
static int must_fields(const rec_kind *k, const rec_field **out)
{
	const rec_field *form[MAX_COLS];
	int n = 0, nform = rec_pick(k, k->form, form, NULL, MAX_COLS);
	for (int i = 0; i < nform; i++)
		if (form[i]->flags & RF_MUST)
			out[n++] = form[i];
	for (int i = 0; i < k->nfields && n < MAX_COLS; i++) {
		int listed = 0;
		for (int j = 0; j < n; j++)
			listed |= out[j] == &k->fields[i];
		if ((k->fields[i].flags & RF_MUST) && !listed)
			out[n++] = &k->fields[i];
	}
	return n;
}

/* "meeting add: --tier, --date and --kind are required" when one is missing. */
static int required(const cli_args *a, const cli_kind *ck, ap_err *e)
{
	const rec_field *must[MAX_COLS];
	int n = must_fields(&rec_kinds[ck->id], must), missing = 0;
	for (int i = 0; i < n; i++)
		missing |= !arg_opt(a, must[i]->opt);
	if (!missing)
		return AP_OK;
	ap_buf list = {0};
	for (int i = 0; i < n; i++)
		buf_printf(&list, "%s--%s", i == 0 ? "" : i == n - 1 ? " and " : ", ", must[i]->opt);
	int rc = ap_fail(e, AP_EINPUT, "%s add: %s are required", rec_kinds[ck->id].family, list.s);
	buf_free(&list);
	return rc;
}

/* How messages name a record: 'NAME' for named kinds, #ID for the others;
 * with_id names both. Caller frees. */
static char *rec_label(const cli_kind *ck, const void *rec, int with_id)
{
	const rec_kind *k = &rec_kinds[ck->id];
	long long id = rec_int(rec_id_field(k), rec);
	const char *name = named(ck) ? *(char *const *)rec_cslot(arg_field(ck), rec) : NULL;
	if (!name)
		return xasprintf("#%lld", id);
	return with_id ? xasprintf("#%lld '%s'", id, name) : xasprintf("'%s'", name);
}

/* ---- add, edit, remove ---- */

int cli_rec_add(cli_ctx *c, const cli_args *a, const cli_kind *ck, ap_err *e)
{
	const rec_kind *k = &rec_kinds[ck->id];
	int child = has_parent(k);
	void *rec = xcalloc(1, k->size);
	unsigned long long given = 0;
	ap_account acc = {0};
	int rc = required(a, ck, e);
	if (!rc && !(rc = cli_config(c, e))) {
		rec_defaults(k, rec);
		if (ck->defaults)
			ck->defaults(c, rec);
		/* The last positional is the argument, unless it is the account
		 * (advocacy add's text is optional). */
		rc = cli_rec_parse(a, ck, a->npos > child ? a->pos[a->npos - 1] : NULL, rec, &given, e);
	}
	if (!rc) {
		dates_today(k, rec);
		rc = settle(k, rec, given, e);
	}
	if (!rc)
		rc = rec_check(k, rec, REC_BY_OPTION, e);
	if (!rc)
		rc = child ? cli_account(c, a->pos[0], &acc, e) : cli_store(c, STORE_CREATE, e);
	if (!rc)
		rc = store_rec_add(c->st, ck->id, acc.id, rec, e);
	if (!rc) {
		char *label = rec_label(ck, rec, 0);
		fprintf(c->out, "added %s %s%s%s\n", k->name, label, child ? " to " : "", child ? acc.name : "");
		free(label);
		if (ck->written)
			ck->written(c, rec);
	}
	rec_clear(k, rec);
	free(rec);
	ap_account_clear(&acc);
	return rc;
}

int cli_rec_target(cli_ctx *c, const cli_kind *ck, long long account, const char *arg, int prefix, long long *id,
	ap_err *e)
{
	const rec_kind *k = &rec_kinds[ck->id];
	if (!named(ck))
		return cli_parse_id(arg, k->family, id, e);
	int rc = store_rec_find(c->st, ck->id, account, arg, id, e);
	ap_err sub;
	if (rc != AP_EINPUT)
		return rc;
	/* No record has that name: "#7" or "7" is its id, as listings show,
	 * before it is taken for the start of a name ("7" of "7-Eleven"). */
	if (cli_parse_id(arg, k->family, id, &sub) == AP_OK)
		return AP_OK;
	if (prefix)
		return store_rec_find_prefix(c->st, ck->id, account, arg, id, e);
	/* Where the start of a name would have found it, say why it did not. */
	long long other;
	if (store_rec_find_prefix(c->st, ck->id, account, arg, &other, &sub) == AP_OK)
		return ap_fail(e, AP_EINPUT, "unknown %s '%s': a remove takes the whole name (or the id), not the start of it",
			k->name, arg);
	return rc;
}

/* One edit or remove: what it works on inside its transaction. */
typedef struct rec_op {
	const cli_kind *ck;
	const cli_args *a;
	ap_account acc;            /* the account the record belongs to (none for accounts) */
	long long id, if_version;
	int whole;                 /* the record is named in full (a remove), not by the start of its name */
	void *rec;                 /* the record as read, then as written */
	void *patch;               /* edit: the fields given, marked in `given` */
	unsigned long long given;
	/* cli_rec_change: where the account and the record are named (NULL:
	 * the first positionals), and what changes the record as read. */
	const char *account_arg, *target_arg;
	int (*change)(void *rec, const cli_args *a, unsigned long long *given, ap_err *e);
} rec_op;

/* Find the account (or, for accounts, open the store), then read and write
 * in one write transaction, so that fields the command does not change keep
 * what is stored at the moment of writing. */
static int in_tx(cli_ctx *c, rec_op *op, int (*fn)(cli_ctx *, rec_op *, ap_err *), ap_err *e)
{
	int child = has_parent(&rec_kinds[op->ck->id]);
	const char *account = op->account_arg ? op->account_arg : op->a->pos[0];
	const char *target = op->target_arg ? op->target_arg : op->a->pos[child];
	int rc = child ? cli_account(c, account, &op->acc, e) : cli_store(c, STORE_EXISTING, e);
	if (rc || (rc = store_begin(c->st, e)))
		return rc;
	rc = cli_rec_target(c, op->ck, op->acc.id, target, !op->whole, &op->id, e);
	if (!rc)
		rc = fn(c, op, e);
	if (rc)
		store_rollback(c->st);
	else
		rc = store_commit(c->st, e);
	return rc;
}

/* The record is not there (in this account). Under --if-version that is a
 * conflict the store explains; asking it to update a record that is not
 * there writes nothing and says whether it was removed or never existed. */
static int explain_missing(cli_ctx *c, rec_op *op, int rc, ap_err *e)
{
	const rec_kind *k = &rec_kinds[op->ck->id];
	if (rc != AP_EINPUT || op->if_version <= 0)
		return rc;
	*(long long *)rec_slot(rec_id_field(k), op->rec) = op->id;
	int why = store_rec_update(c->st, op->ck->id, op->acc.id, op->rec, op->if_version, e);
	return why ? why : rc;
}

static int edit_in_tx(cli_ctx *c, rec_op *op, ap_err *e)
{
	const rec_kind *k = &rec_kinds[op->ck->id];
	int rc = store_rec_get(c->st, op->ck->id, op->acc.id, op->id, op->rec, e);
	if (rc)
		return explain_missing(c, op, rc, e);
	if (op->change)
		rc = op->change(op->rec, op->a, &op->given, e);
	else
		cli_rec_apply(k, op->rec, op->patch, op->given);
	if (rc || (rc = settle(k, op->rec, op->given, e)))
		return rc;
	if (!(rc = rec_check(k, op->rec, REC_BY_OPTION, e)))
		rc = store_rec_update(c->st, op->ck->id, op->acc.id, op->rec, op->if_version, e);
	return rc;
}

/* The record is read first to name it in messages and to ask confirm; a
 * record that is not there is left to the store's remove to explain. */
static int remove_in_tx(cli_ctx *c, rec_op *op, ap_err *e)
{
	int rc = store_rec_get(c->st, op->ck->id, op->acc.id, op->id, op->rec, e);
	if (rc && (rc != AP_EINPUT || op->if_version <= 0))
		return rc;
	if (!rc && op->ck->confirm && (rc = op->ck->confirm(op->a, op->rec, e)))
		return rc;
	*(long long *)rec_slot(rec_id_field(&rec_kinds[op->ck->id]), op->rec) = op->id;
	return store_rec_remove(c->st, op->ck->id, op->acc.id, op->id, op->if_version, e);
}

static void op_free(rec_op *op)
{
	const rec_kind *k = &rec_kinds[op->ck->id];
	rec_clear(k, op->rec);
	free(op->rec);
	if (op->patch)
		rec_clear(k, op->patch);
	free(op->patch);
	ap_account_clear(&op->acc);
}

/* Run op (an edit or a change) and say what it did. */
static int edit_run(cli_ctx *c, rec_op *op, int rc, ap_err *e)
{
	const cli_kind *ck = op->ck;
	const rec_kind *k = &rec_kinds[ck->id];
	if (!rc)
		rc = in_tx(c, op, edit_in_tx, e);
	if (!rc) {
		char *label = rec_label(ck, op->rec, 1);
		fprintf(c->out, "updated %s %s%s%s (version %lld)\n", k->name, label, op->acc.id ? " of " : "",
			op->acc.id ? op->acc.name : "", rec_int(rec_version_field(k), op->rec) + 1);
		free(label);
		if (ck->written)
			ck->written(c, op->rec);
	}
	op_free(op);
	return rc;
}

int cli_rec_change(cli_ctx *c, const cli_args *a, const cli_kind *ck, const char *account, const char *target,
	int (*change)(void *rec, const cli_args *a, unsigned long long *given, ap_err *e), ap_err *e)
{
	rec_op op = {.ck = ck, .a = a, .rec = xcalloc(1, rec_kinds[ck->id].size), .account_arg = account,
		.target_arg = target, .change = change};
	return edit_run(c, &op, cli_if_version(a, &op.if_version, e), e);
}

int cli_rec_edit(cli_ctx *c, const cli_args *a, const cli_kind *ck, ap_err *e)
{
	const rec_kind *k = &rec_kinds[ck->id];
	rec_op op = {.ck = ck, .a = a, .rec = xcalloc(1, k->size), .patch = xcalloc(1, k->size)};
	/* Options (and standard input) are read before the store is locked. */
	int rc = cli_if_version(a, &op.if_version, e);
	if (!rc)
		rc = cli_rec_parse(a, ck, NULL, op.patch, &op.given, e);
	if (!rc && !op.given)
		rc = ap_fail(e, AP_EINPUT, "%s edit: nothing to change (see 'acctplan %s edit --help')", k->family, k->family);
	return edit_run(c, &op, rc, e);
}

int cli_rec_remove(cli_ctx *c, const cli_args *a, const cli_kind *ck, ap_err *e)
{
	const rec_kind *k = &rec_kinds[ck->id];
	/* What goes, with everything recorded about it for an account, is
	 * named in full: the start of a name is for finding, not for removing. */
	rec_op op = {.ck = ck, .a = a, .whole = 1, .rec = xcalloc(1, k->size)};
	int rc = cli_if_version(a, &op.if_version, e);
	if (!rc)
		rc = in_tx(c, &op, remove_in_tx, e);
	if (!rc) {
		char *label = rec_label(ck, op.rec, 0);
		if (op.acc.id)
			fprintf(c->out, "removed %s %s from %s\n", k->name, label, op.acc.name);
		else  /* an account: everything recorded about it went with it */
			fprintf(c->out, "removed %s %s and everything recorded about it\n", k->name, label);
		free(label);
	}
	op_free(&op);
	return rc;
}

const cli_kind *cli_cmd_kind(const cli_cmd *cmd)
{
	size_t n = strcspn(cmd->name, " ");
	for (int k = 0; k < REC_NKINDS; k++)
		if (strlen(rec_kinds[k].family) == n && strncmp(rec_kinds[k].family, cmd->name, n) == 0)
			return &cli_kinds[k];
	return NULL;
}

const rec_field *cli_kind_field(const cli_cmd *cmd, const char *opt)
{
	const cli_kind *ck = cli_cmd_kind(cmd);
	const rec_kind *k = ck ? &rec_kinds[ck->id] : NULL;
	for (int i = 0; k && i < k->nfields; i++)
		if (k->fields[i].opt && strcmp(k->fields[i].opt, opt) == 0)
			return &k->fields[i];
	return NULL;
}

int cli_run_add(cli_ctx *c, const cli_args *a, ap_err *e) { return cli_rec_add(c, a, cli_cmd_kind(a->cmd), e); }
int cli_run_edit(cli_ctx *c, const cli_args *a, ap_err *e) { return cli_rec_edit(c, a, cli_cmd_kind(a->cmd), e); }
int cli_run_remove(cli_ctx *c, const cli_args *a, ap_err *e) { return cli_rec_remove(c, a, cli_cmd_kind(a->cmd), e); }
int cli_run_list(cli_ctx *c, const cli_args *a, ap_err *e) { return cli_rec_list(c, a, cli_cmd_kind(a->cmd), e); }

/* ---- listing ---- */

/* A field's value as a listing cell or a JSON member shows it. */
typedef struct shown {
	enum { SHOWN_NULL, SHOWN_STR, SHOWN_INT, SHOWN_REAL, SHOWN_BOOL } type;
	const char *s;
	long long i;
	double r;
} shown;

static shown show_field(const rec_field *f, const void *rec)
{
	const void *slot = rec_cslot(f, rec);
	shown v = {SHOWN_NULL, NULL, 0, 0};
	switch (f->type) {
	case RT_ID:
	case RT_INT:
		v.i = *(const long long *)slot;
		v.type = v.i <= 0 && (f->flags & RF_NULL) ? SHOWN_NULL : SHOWN_INT;
		break;
	case RT_ENUM:
		v.s = ap_name(f->names, *(const int *)slot, NULL);
		v.type = v.s ? SHOWN_STR : SHOWN_NULL;
		break;
	case RT_BOOL:
		v.type = SHOWN_BOOL;
		v.i = *(const int *)slot;
		break;
	case RT_REAL:
		v.type = SHOWN_REAL;
		v.r = *(const double *)slot;
		break;
	default:
		v.s = *(char *const *)slot;
		/* A text that may be absent is null when empty (no boss: reports_to null). */
		v.type = !v.s || ((f->flags & RF_NULL) && !*v.s) ? SHOWN_NULL : SHOWN_STR;
		break;
	}
	return v;
}

void cli_rec_cell(out_table *t, const rec_field *f, const void *rec)
{
	if (f->type == RT_NAMES) {
		char *joined = rec_names_joined(*(char *const *)rec_cslot(f, rec), ", ");
		out_str(t, joined);
		free(joined);
		return;
	}
	shown v = show_field(f, rec);
	switch (v.type) {
	case SHOWN_NULL: out_str(t, NULL); break;
	case SHOWN_STR: out_str(t, v.s); break;
	case SHOWN_INT: out_int(t, v.i); break;
	case SHOWN_REAL: out_real(t, v.r); break;
	case SHOWN_BOOL: out_bool(t, (int)v.i); break;
	}
}

void cli_rec_member(json_w *w, const rec_field *f, const void *rec)
{
	shown v = show_field(f, rec);
	jw_key(w, f->key);
	if (f->type == RT_NAMES) {
		const char *p = v.s ? v.s : "";
		jw_arr(w);
		while (*p) {
			size_t n = strcspn(p, "\n");
			char *one = xstrndup(p, n);
			jw_str(w, one);
			free(one);
			p += n + (p[n] == '\n');
		}
		jw_arr_end(w);
		return;
	}
	switch (v.type) {
	case SHOWN_NULL: jw_null(w); break;
	case SHOWN_STR: jw_str(w, v.s); break;
	case SHOWN_INT: jw_int(w, v.i); break;
	case SHOWN_REAL: jw_real(w, v.r); break;
	case SHOWN_BOOL: jw_bool(w, (int)v.i); break;
	}
}

/* The columns of a kind's listing: its user fields (its list, or else the
 * table's order), the id first for kinds found by id and
 * after the fields for named ones (their CSV columns keep the positions
 * they had before ids were listed), then, when meta, the version. */
static int columns(const cli_kind *ck, int meta, const rec_field **out)
{
	const rec_kind *k = &rec_kinds[ck->id];
	const rec_field *id = rec_id_field(k), *version = rec_version_field(k);
	int n = 0;
	if (!named(ck))
		out[n++] = id;
	const char *list = !meta && ck->text_list ? ck->text_list : k->list;
	if (list)
		n += rec_pick(k, list, out + n, NULL, MAX_COLS - 2 - n);
	for (int i = 0; !list && i < k->nfields && n < MAX_COLS - 2; i++)
		if (k->fields[i].key && !(k->fields[i].flags & (RF_META | RF_PARENT)))
			out[n++] = &k->fields[i];
	if (named(ck))
		out[n++] = id;
	if (meta && version)
		out[n++] = version;
	return n;
}

int cli_rec_names(store *st, const cli_kind *ck, long long account, void (*fn)(const char *word, void *arg),
	void *arg, ap_err *e)
{
	const rec_kind *k = &rec_kinds[ck->id];
	const rec_field *name = named(ck) ? arg_field(ck) : NULL, *id = rec_id_field(k);
	store_cursor *cur = NULL;
	const void *rec;
	/* Answers and snoozes are listed by history and snooze --list, not by name or id. */
	int rc = ck->id == REC_ANSWER || ck->id == REC_SNOOZE ? ap_fail(e, AP_EINPUT, "%ss have no listing", k->name)
		: store_list_open(st, ck->id, account, &cur, e);
	while (!rc && !(rc = store_cursor_next(cur, &rec, e)) && rec) {
		char num[24];
		snprintf(num, sizeof num, "%lld", rec_int(id, rec));
		fn(name ? *(char *const *)rec_cslot(name, rec) : num, arg);
	}
	store_cursor_close(&cur);
	return rc;
}

/* What a listing of one kind is given: the kind, the command's arguments
 * (its filters) and the query its fetch takes. */
typedef struct kind_listing {
	const cli_kind *ck;
	const cli_args *a;
	const void *query;
} kind_listing;

static int kind_rows(store *st, long long account, const void *arg, out_table *t, int meta, ap_err *e)
{
	const kind_listing *kl = arg;
	const cli_kind *ck = kl->ck;
	const rec_field *cols[MAX_COLS];
	int ncols = columns(ck, meta, cols);
	store_cursor *cur;
	const void *rec;
	int rc = ck->open ? ck->open(st, account, kl->query, &cur, e) : store_list_open(st, ck->id, account, &cur, e);
	while (!rc && !(rc = store_cursor_next(cur, &rec, e)) && rec) {
		for (int j = 0; j < ncols && (!ck->keep || ck->keep(kl->a, rec)); j++) {
			/* Text reads as people say it; JSON and CSV keep the stored value. */
			const char *as = ck->cell && !meta ? ck->cell(cols[j], rec) : NULL;
			if (as)
				out_str(t, as);
			else
				cli_rec_cell(t, cols[j], rec);
		}
	}
	store_cursor_close(&cur);
	return rc;
}

int cli_list(cli_ctx *c, const cli_args *a, const listing *l, const void *arg, ap_err *e)
{
	ap_account acc = {0};
	int fmt, rc = cli_format(a, &fmt, e);
	if (!rc)
		rc = a->npos ? cli_account(c, a->pos[0], &acc, e) : cli_store(c, STORE_EXISTING, e);
	/* One snapshot: the rows are read as they are printed. */
	if (!rc && !(rc = store_snapshot_begin(c->st, e))) {
		int meta = fmt != FMT_TEXT;
		out_table *t = out_open(c->out, fmt, l->cols, l->ncols - (meta ? 0 : l->nmeta), l->empty);
		rc = l->rows(c->st, acc.id, arg, t, meta, e);
		store_snapshot_end(c->st);
		if (rc)
			out_free(&t);
		else
			rc = out_close(&t, e);
	}
	ap_account_clear(&acc);
	return rc;
}

int cli_rec_list_query(cli_ctx *c, const cli_args *a, const cli_kind *ck, const void *query, ap_err *e)
{
	const rec_field *cols[MAX_COLS];
	const char *names[MAX_COLS];
	int fmt, rc = cli_format(a, &fmt, e);
	if (rc)
		return rc;
	/* The columns of this format: text's may be fewer (cli_kind.text_list). */
	int n = columns(ck, fmt != FMT_TEXT, cols);
	for (int i = 0; i < n; i++)
		names[i] = cols[i]->key;
	listing l = {names, n, 0, ck->empty, kind_rows};
	kind_listing kl = {ck, a, query};
	return cli_list(c, a, &l, &kl, e);
}

int cli_rec_list(cli_ctx *c, const cli_args *a, const cli_kind *ck, ap_err *e)
{
	return cli_rec_list_query(c, a, ck, NULL, e);
}

void cli_rec_members(json_w *w, enum rec_kind_id kind, const void *rec)
{
	const rec_field *cols[MAX_COLS];
	int n = columns(&cli_kinds[kind], 1, cols);
	for (int i = 0; i < n; i++)
		cli_rec_member(w, cols[i], rec);
}

void cli_rec_json_array(json_w *w, const char *key, enum rec_kind_id kind, const void *recs, size_t n)
{
	jw_key(w, key);
	jw_arr(w);
	for (size_t i = 0; i < n; i++) {
		jw_obj(w);
		cli_rec_members(w, kind, (const char *)recs + i * rec_kinds[kind].size);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}
