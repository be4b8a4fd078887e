/* cli_actions.c - work someone of ours owns on an account, by a day: add
 * (often to answer a flag), list (by account, owner, status, overdue), done,
 * drop and edit. The fields come from the action's table (record.c); what is
 * here is what an action adds to them: an owner who is one of our members,
 * a due day not already behind us, and a flag that exists. */
#include <stdlib.h>
#include <string.h>

#include "acctplan/ics.h"
#include "acctplan/outfile.h"
#include "acctplan/text.h"
#include "cli_internal.h"

/* A listing cell as people read it: an open action past its day is overdue. */
const char *cli_action_cell(const rec_field *f, const void *rec)
{
	const ap_action *x = rec;
	char today[11];
	if (strcmp(f->key, "status") != 0 || x->status != ASTATUS_OPEN || !x->due)
		return NULL;
	cli_today(today);
	return strcmp(x->due, today) < 0 ? "overdue" : NULL;
}

int cli_action_open(store *st, long long account, const void *query, store_cursor **out, ap_err *e)
{
	store_action_query q = query ? *(const store_action_query *)query : (store_action_query){0, 0, -1, NULL};
	q.account = account;
	return store_action_open(st, &q, out, e);
}

/* --flag RULE or RULE/QUESTION, as 'check' names a flag; "none" clears it. */
static int parse_flag(const char *spec, ap_action *x, ap_err *e)
{
	const char *slash = strchr(spec, '/');
	free(x->flag);
	x->flag = xstrdup(strcmp(spec, "none") == 0 ? "" : spec);
	if (!*spec || spec[0] == '/' || (slash && (!slash[1] || strchr(slash + 1, '/'))))
		return ap_fail(e, AP_EINPUT, "--flag '%s': give RULE or RULE/QUESTION, as 'acctplan check' names a flag", spec);
	return AP_OK;
}

/* Does flag f go by the name `name` (RULE, or RULE/QUESTION)? */
static int flag_named(const rule_flag *f, const char *name)
{
	size_t n = strlen(f->rule);
	if (strncmp(name, f->rule, n) != 0)
		return 0;
	return !name[n] || (name[n] == '/' && f->question && strcmp(name + n + 1, f->question) == 0);
}

/* The flag the action answers is one the account has today (snoozed or
 * not). RULE alone names the rule's one flag there, and becomes that
 * flag's full name; the tier not given is the flag's. */
static int flag_exists(cli_ctx *c, const ap_account *acc, ap_action *x, ap_err *e)
{
	rules *r = NULL;
	rule_flags fl = {0};
	int rc = cli_rules_load(c, &r, e);
	if (!rc)
		rc = rules_eval(r, c->st, &c->qb, acc->id, ap_today(), 1, &fl, e);
	const rule_flag *hit = NULL;
	size_t n = 0;
	for (size_t i = 0; !rc && i < fl.n; i++)
		if (flag_named(&fl.v[i], x->flag))
			hit = n++ ? hit : &fl.v[i];
	if (!rc && !hit)
		rc = ap_fail(e, AP_EINPUT, "--flag %s: '%s' has no such flag today (see 'acctplan check' for its flags)",
			x->flag, acc->name);
	else if (!rc && n > 1)
		rc = ap_fail(e, AP_EINPUT, "--flag %s: '%s' has %zu flags of that rule, one per question; name one as "
			"%s/QUESTION (see 'acctplan check')", x->flag, acc->name, n, x->flag);
	if (!rc) {
		free(x->flag);
		x->flag = hit->question ? xasprintf("%s/%s", hit->rule, hit->question) : xstrdup(hit->rule);
		if (x->tier < 0)
			x->tier = hit->tier;
	}
	ap_vec_free(&fl, rule_flag_clear);
	rules_free(&r);
	return rc;
}

/* The owner not given is the acting member ([user] name), when one of ours;
 * the tier not given is the owner's. */
static int settle_owner(cli_ctx *c, ap_action *x, ap_err *e)
{
	ap_member m = {0};
	long long id = 0, members = 0;
	ap_err sub;
	int rc = AP_OK;
	if (!x->owner || !*x->owner) {
		if ((rc = store_member_count(c->st, &members, e)))
			return rc;
		if (!members)
			return ap_fail(e, AP_EINPUT, "an action has an owner, one of our members, and there are none yet "
				"(add one with 'acctplan member add NAME --tier T')");
		if (store_member_find(c->st, c->cfg.user_name, &id, &sub))
			return ap_fail(e, AP_EINPUT, "--owner MEMBER is required: you ([user] name '%s') are not one of our "
				"members (see 'acctplan member list')", c->cfg.user_name);
	} else if ((rc = store_member_find(c->st, x->owner, &id, e))) {
		ap_err_context(e, "--owner");
		return rc;
	}
	if (!(rc = store_rec_get(c->st, REC_MEMBER, 0, id, &m, e))) {
		free(x->owner);
		x->owner = xstrdup(m.name);
		if (x->tier < 0)
			x->tier = m.tier;
	}
	ap_member_clear(&m);
	return rc;
}

/* A due day behind today is a slip of the keyboard unless said so. */
static int due_ahead(const cli_args *a, const ap_action *x, ap_err *e)
{
	char today[11];
	cli_today(today);
	if (x->due && strcmp(x->due, today) < 0 && !arg_flag(a, "backdated"))
		return ap_fail(e, AP_EINPUT, "--due %s is before today (%s): an action is due today or later; give "
			"--backdated to record one that fell due before", x->due, today);
	return AP_OK;
}

static void say_action(cli_ctx *c, const char *verb, const ap_action *x, const char *account)
{
	fprintf(c->out, "%s action #%lld '%s'%s%s: %s, due %s\n", verb, x->id, x->title, account ? " to " : "",
		account ? account : "", x->owner, x->due);
}

static int cmd_action_add(cli_ctx *c, const cli_args *a, ap_err *e)
{
	const rec_kind *k = &rec_kinds[REC_ACTION];
	ap_action x = {0};
	ap_account acc = {0};
	unsigned long long given = 0;
	rec_defaults(k, &x);
	int rc = cli_config(c, e);
	if (!rc && !arg_opt(a, "due"))
		rc = ap_fail(e, AP_EINPUT, "action add: --due YYYY-MM-DD is required");
	if (!rc)
		rc = cli_rec_parse(a, &cli_kinds[REC_ACTION], a->pos[1], &x, &given, e);
	if (!rc && arg_opt(a, "flag"))
		rc = parse_flag(arg_opt(a, "flag"), &x, e);
	if (!rc)
		rc = due_ahead(a, &x, e);
	if (!rc)
		rc = cli_account(c, a->pos[0], &acc, e);
	if (rc || (rc = store_begin(c->st, e)))
		goto out;
	free(x.by);
	x.by = xstrdup(c->cfg.user_name ? c->cfg.user_name : "");
	if (x.flag && *x.flag)
		rc = flag_exists(c, &acc, &x, e);
	if (!rc)
		rc = settle_owner(c, &x, e);
	if (!rc)
		rc = rec_check(k, &x, REC_BY_OPTION, e);
	if (!rc)
		rc = store_rec_add(c->st, REC_ACTION, acc.id, &x, e);
	rc = rc ? (store_rollback(c->st), rc) : store_commit(c->st, e);
	if (!rc)
		say_action(c, "added", &x, acc.name);
out:
	ap_action_clear(&x);
	ap_account_clear(&acc);
	return rc;
}

/* ---- done, drop, edit: by the action's id, whichever its account ---- */

typedef int (*action_change)(cli_ctx *c, const cli_args *a, ap_action *x, ap_err *e);

/* Read action ID, change it, write it back at the version read (or the one
 * --if-version names), in one transaction. */
static int change_action(cli_ctx *c, const cli_args *a, action_change fn, ap_action *x, ap_err *e)
{
	long long id, if_version;
	int rc = cli_parse_id(a->pos[0], "action", &id, e);
	if (!rc)
		rc = cli_if_version(a, &if_version, e);
	if (!rc)
		rc = cli_config(c, e);
	if (rc || (rc = cli_store(c, STORE_EXISTING, e)) || (rc = store_begin(c->st, e)))
		return rc;
	rc = store_rec_get(c->st, REC_ACTION, 0, id, x, e);
	if (rc == AP_EINPUT)
		rc = ap_fail(e, AP_EINPUT, "no action #%lld (see 'acctplan action list')", id);
	if (!rc)
		rc = fn(c, a, x, e);
	if (!rc)
		rc = rec_check(&rec_kinds[REC_ACTION], x, REC_BY_OPTION, e);
	if (!rc)
		rc = store_rec_update(c->st, REC_ACTION, x->account_id, x, if_version, e);
	return rc ? (store_rollback(c->st), rc) : store_commit(c->st, e);
}

static void set_text(char **slot, const char *v)
{
	free(*slot);
	*slot = xstrdup(v ? v : "");
}

/* Done and dropped close it, on today's date, with what it brought or why
 * (text into *slot); closing it twice is a mistake. */
static int mark(ap_action *x, int status, char **slot, const char *text, ap_err *e)
{
	char today[11];
	if (x->status != ASTATUS_OPEN)
		return ap_fail(e, AP_EINPUT, "action #%lld is %s already (on %s); nothing changed", x->id,
			ap_astatuses.names[x->status], x->closed && *x->closed ? x->closed : "an unknown day");
	cli_today(today);
	x->status = status;
	set_text(&x->closed, today);
	if (text)
		set_text(slot, text);
	return AP_OK;
}

static int done_fn(cli_ctx *c, const cli_args *a, ap_action *x, ap_err *e)
{
	(void)c;
	const char *outcome = arg_opt(a, "outcome");
	int rc = outcome ? cli_text("--outcome", outcome, 1, e) : AP_OK;
	return rc ? rc : mark(x, ASTATUS_DONE, &x->outcome, outcome, e);
}

static int drop_fn(cli_ctx *c, const cli_args *a, ap_action *x, ap_err *e)
{
	(void)c;
	const char *reason = arg_opt(a, "reason");
	int rc = cli_text("--reason", reason, 1, e);
	if (!rc)
		rc = ap_text_shows("--reason", reason, e);
	return rc ? rc : mark(x, ASTATUS_DROPPED, &x->reason, reason, e);
}

static int cmd_action_done(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_action x = {0};
	int rc = change_action(c, a, done_fn, &x, e);
	if (!rc)
		fprintf(c->out, "action #%lld '%s' is done\n", x.id, x.title);
	ap_action_clear(&x);
	return rc;
}

static int cmd_action_drop(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_action x = {0};
	int rc = arg_opt(a, "reason") ? change_action(c, a, drop_fn, &x, e)
	                              : ap_fail(e, AP_EINPUT, "action drop: --reason TEXT is required (why it is dropped)");
	if (!rc)
		fprintf(c->out, "action #%lld '%s' is dropped\n", x.id, x.title);
	ap_action_clear(&x);
	return rc;
}

/* The options given replace what is stored; a new owner or flag is checked
 * as add checks it. */
static int edit_fn(cli_ctx *c, const cli_args *a, ap_action *x, ap_err *e)
{
	const rec_kind *k = &rec_kinds[REC_ACTION];
	ap_action patch = {0};
	unsigned long long given = 0;
	int rc = cli_rec_parse(a, &cli_kinds[REC_ACTION], NULL, &patch, &given, e);
	if (!rc && !given && !arg_opt(a, "flag"))
		rc = ap_fail(e, AP_EINPUT, "action edit: nothing to change (see 'acctplan action edit --help')");
	if (!rc) {
		cli_rec_apply(k, x, &patch, given);
		rc = due_ahead(a, x, e);
	}
	if (!rc && arg_opt(a, "flag") && !(rc = parse_flag(arg_opt(a, "flag"), x, e)) && *x->flag) {
		ap_account acc = {0};
		if (!(rc = store_account_get_id(c->st, x->account_id, &acc, e)))
			rc = flag_exists(c, &acc, x, e);
		ap_account_clear(&acc);
	}
	if (!rc && arg_opt(a, "owner"))
		rc = settle_owner(c, x, e);
	ap_action_clear(&patch);
	return rc;
}

static int cmd_action_edit(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_action x = {0};
	int rc = change_action(c, a, edit_fn, &x, e);
	if (!rc)
		fprintf(c->out, "updated action #%lld '%s' (version %lld)\n", x.id, x.title, x.meta.version + 1);
	ap_action_clear(&x);
	return rc;
}

/* ---- iCalendar ---- */

/* The listing's formats, in ap_formats' order, and a calendar. */
static const char *const list_format_v[] = {"text", "json", "csv", "ics"};
const ap_names cli_list_formats = {"format", list_format_v, 4};
_Static_assert(FMT_CSV == 2 && FORMAT_COUNT == 3, "text, json and csv first, as ap_formats has them");

/* A calendar that imports the file again matches its items by UID and keeps
 * the one with the higher SEQUENCE: the UID is the record's id, which export
 * and import and a move between stores keep, and SEQUENCE counts its edits. */
static const char *const todo_status[ASTATUS_COUNT] = {"NEEDS-ACTION", "COMPLETED", "CANCELLED"};

static void ics_identity(ics_writer *w, const char *kind, long long id, const ap_meta *m)
{
	char uid[64];
	snprintf(uid, sizeof uid, "%s-%lld@acctplan", kind, id);
	ics_line(w, "UID", uid);
	ics_int(w, "SEQUENCE", m->version > 0 ? m->version - 1 : 0);
}

/* "Owner: Ana Lima\nFlag: ...", the parts that are there. */
static void describe(ap_buf *b, const char *const *label, const char *const *value, int n)
{
	b->len = 0;
	buf_puts(b, "");
	for (int i = 0; i < n; i++)
		if (value[i] && *value[i])
			buf_printf(b, "%s%s: %s", b->len ? "\n" : "", label[i], value[i]);
}

static int ics_action(ics_writer *w, const ap_action *x, ap_buf *b, ap_err *e)
{
	static const char *const label[] = {"Account", "Owner", "Flag", "Contact", "Outcome", "Dropped"};
	const char *value[] = {x->account, x->owner, x->flag, x->contact, x->outcome, x->reason};
	ics_begin_component(w, "VTODO");
	ics_identity(w, "action", x->id, &x->meta);
	int rc = ics_stamp(w, "DTSTAMP", x->meta.updated_at, e);
	if (!rc)
		rc = ics_date(w, "DUE", x->due, e);
	char *summary = xasprintf("%s (%s)", x->title, x->account);
	ics_text(w, "SUMMARY", summary);
	free(summary);
	describe(b, label, value, (int)(sizeof label / sizeof label[0]));
	ics_text(w, "DESCRIPTION", b->s);
	ics_line(w, "STATUS", todo_status[x->status]);
	ics_end_component(w, "VTODO");
	return rc;
}

/* A meeting takes its whole day: DTEND is the day after (RFC 5545 3.6.1). */
static int ics_meeting(ics_writer *w, const ap_meeting *m, const char *account, ap_buf *b, ap_err *e)
{
	static const char *const label[] = {"Account", "Objective", "With", "Ours", "Summary"};
	char *with = rec_names_joined(m->with, ", "), *ours = rec_names_joined(m->ours, ", ");
	const char *value[] = {account, m->objective, with, ours, m->summary};
	char next[11];
	long day;
	int rc = ap_date_parse(m->date, &day) ? ap_fail(e, AP_EINPUT, "meeting #%lld: bad date", m->id) : AP_OK;
	ics_begin_component(w, "VEVENT");
	ics_identity(w, "meeting", m->id, &m->meta);
	if (!rc)
		rc = ics_stamp(w, "DTSTAMP", m->meta.updated_at, e);
	if (!rc)
		rc = ics_date(w, "DTSTART", m->date, e);
	if (!rc) {
		ap_date_format(day + 1, next);
		rc = ics_date(w, "DTEND", next, e);
	}
	char *summary = xasprintf("Meeting with %s: %s", account, *m->objective ? m->objective : m->summary);
	ics_text(w, "SUMMARY", summary);
	free(summary);
	describe(b, label, value, (int)(sizeof label / sizeof label[0]));
	ics_text(w, "DESCRIPTION", b->s);
	ics_line(w, "STATUS", m->status == MSTATUS_CANCELLED ? "CANCELLED" : "CONFIRMED");
	ics_end_component(w, "VEVENT");
	free(with);
	free(ours);
	return rc;
}

/* A calendar written as its items are read: what the writer holds (cal)
 * goes out after each one, so any number of them needs the memory of one. */
typedef struct ics_out {
	ics_writer w;
	ap_buf cal, scratch;
	FILE *f;
} ics_out;

static void ics_flush(ics_out *o)
{
	if (o->cal.len)
		fwrite(o->cal.s, 1, o->cal.len, o->f);
	o->cal.len = 0;
}

static int ics_actions(store *st, const store_action_query *q, ics_out *o, ap_err *e)
{
	store_cursor *cur;
	const void *rec;
	int rc = store_action_open(st, q, &cur, e);
	while (!rc && !(rc = store_cursor_next(cur, &rec, e)) && rec)
		if (!(rc = ics_action(&o->w, rec, &o->scratch, e)))
			ics_flush(o);
	store_cursor_close(&cur);
	return rc;
}

static int ics_meetings(store *st, long long account, long long owner, ics_out *o, ap_err *e)
{
	store_cursor *cur;
	const void *rec;
	char today[11];
	cli_today(today);
	int rc = store_planned_open(st, account, owner, today, &cur, e);
	while (!rc && !(rc = store_cursor_next(cur, &rec, e)) && rec)
		if (!(rc = ics_meeting(&o->w, rec, store_cursor_head(cur), &o->scratch, e)))
			ics_flush(o);
	store_cursor_close(&cur);
	return rc;
}

/* The actions, and with them the planned meetings in the same scope, as a
 * calendar on standard output or into -o FILE (all of it or nothing), read
 * in one snapshot. */
static int list_ics(cli_ctx *c, const cli_args *a, store_action_query *q, int meetings, ap_err *e)
{
	ap_account acc = {0};
	ics_out o = {.f = c->out};
	outfile *file = NULL;
	const char *path = arg_opt(a, "output");
	int rc = a->npos ? cli_account(c, a->pos[0], &acc, e) : AP_OK;
	q->account = acc.id;
	if (!rc && path && !(rc = outfile_open(&file, path, &(outfile_opts){.what = "calendar"}, e)))
		o.f = outfile_stream(file);
	if (!rc && !(rc = store_snapshot_begin(c->st, e))) {
		ics_begin(&o.w, &o.cal, "-//acctplan//acctplan//EN");
		ics_flush(&o);
		rc = ics_actions(c->st, q, &o, e);
		if (!rc && meetings)
			rc = ics_meetings(c->st, acc.id, q->owner, &o, e);
		store_snapshot_end(c->st);
		ics_end(&o.w);
		if (!rc)
			ics_flush(&o);
	}
	if (file && rc)
		outfile_abort(&file);
	else if (file)
		rc = outfile_commit(&file, e);
	ap_account_clear(&acc);
	buf_free(&o.cal);
	buf_free(&o.scratch);
	return rc;
}

/* ---- list ---- */

/* The member an option names, or (for --mine) the acting one. */
static int owner_of(cli_ctx *c, const cli_args *a, long long *id, ap_err *e)
{
	const char *name = arg_opt(a, "owner");
	ap_err sub;
	*id = 0;
	if (name && arg_flag(a, "mine"))
		return ap_fail(e, AP_EINPUT, "action list: --owner and --mine both name an owner; give one");
	if (arg_flag(a, "mine") && store_member_find(c->st, c->cfg.user_name, id, &sub))
		return ap_fail(e, AP_EINPUT, "--mine: you ([user] name '%s') are not one of our members "
			"(see 'acctplan member list')", c->cfg.user_name);
	int rc = name ? store_member_find(c->st, name, id, e) : AP_OK;
	if (rc)
		ap_err_context(e, "--owner");
	return rc;
}

static int cmd_action_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	store_action_query q = {0, 0, ASTATUS_OPEN, NULL};
	const char *status = arg_opt(a, "status"), *format = arg_opt(a, "format");
	int ics = format && strcmp(format, "ics") == 0;
	char today[11];
	cli_today(today);
	int rc = cli_config(c, e);
	/* A calendar learns of done and dropped work too: it then updates its copy. */
	if (ics && !status)
		q.status = -1;
	if (!rc && arg_opt(a, "output") && !ics)
		rc = ap_fail(e, AP_EINPUT, "action list: -o FILE writes a calendar; give --format ics with it");
	if (!rc && status && strcmp(status, "all") == 0)
		q.status = -1;
	else if (!rc && status && (q.status = ap_name_parse(&ap_astatuses, status, e)) < 0)
		rc = (ap_err_context(e, "--status"), AP_EINPUT);
	if (!rc && arg_flag(a, "overdue")) {
		if (status && q.status != ASTATUS_OPEN)
			rc = ap_fail(e, AP_EINPUT, "--overdue lists open actions past their day; leave out --status");
		q.status = ASTATUS_OPEN;
		q.due_before = today;
	}
	if (!rc && !(rc = cli_store(c, STORE_EXISTING, e)))
		rc = owner_of(c, a, &q.owner, e);
	if (!rc && ics)
		return list_ics(c, a, &q, !status && !arg_flag(a, "overdue"), e);
	return rc ? rc : cli_rec_list_query(c, a, &cli_kinds[REC_ACTION], &q, e);
}

#define IFV " [--if-version N]"
#define ACTION_HELP \
	"--owner: one of our members (acctplan member list), by default you ([user] name).\n" \
	"--flag names the flag the action answers as 'acctplan check' shows it, RULE or\n" \
	"RULE/QUESTION; the account must have it today. --contact: a contact of the account\n" \
	"the action concerns. --tier: whose work it is (default the flag's tier, else the\n" \
	"owner's).\n"

const cli_cmd cli_action_cmds[] = {
	{"action add",
	 "ACCOUNT TITLE --due YYYY-MM-DD [--owner MEMBER] [--flag RULE[/QUESTION]] [--contact NAME] [--tier T] "
	 "[--backdated]",
	 "Give someone of ours work on an account, by a day", "due= owner= flag= contact= tier= backdated", 2, 2,
	 cmd_action_add,
	 ACTION_HELP "A due day before today is refused unless --backdated says it is meant."},
	{"action list", "[ACCOUNT] [--owner MEMBER | --mine] [--overdue] [--status open|done|dropped|all] "
	 "[--format text|json|csv|ics] [-o FILE]",
	 "List actions, by due day", "owner= mine overdue status= format=list-format output=", 0, 1, cmd_action_list,
	 "Without ACCOUNT, the actions on every account. --status open is the default; --overdue\n"
	 "lists the open ones past their day (text shows them as overdue). JSON and CSV also give\n"
	 "each action's version (what --if-version compares).\n"
	 "--format ics writes an iCalendar file (to standard output, or -o FILE) for a calendar:\n"
	 "each action a to-do due on its day, of every status unless --status says, and, unless\n"
	 "--status or --overdue narrow it, the planned meetings in the same scope (of the account;\n"
	 "that the owner attends) as all-day events, with those cancelled from today on. Its UIDs\n"
	 "are the records' ids and its SEQUENCE counts their edits, so a calendar importing the\n"
	 "file again updates what it has instead of adding it twice."},
	{"action done", "ID [--outcome TEXT]" IFV, "Mark an action done", "outcome= if-version=", 1, 1, cmd_action_done,
	 "Closes the action today, with what it brought. A closed action is not closed again."},
	{"action drop", "ID --reason TEXT" IFV, "Drop an action, saying why", "reason= if-version=", 1, 1,
	 cmd_action_drop, "Closes the action today without doing it. A closed action is not closed again."},
	{"action edit",
	 "ID [--title TEXT] [--owner MEMBER] [--due YYYY-MM-DD] [--tier T|none] [--contact NAME|none] "
	 "[--flag RULE[/QUESTION]|none] [--outcome TEXT] [--backdated]" IFV,
	 "Change an action in place", "title= owner= due= tier= contact= flag= outcome= backdated if-version=", 1, 1,
	 cmd_action_edit,
	 ACTION_HELP "Only the options given change. --if-version N writes only if the action is still\n"
	 "at version N; otherwise nothing is written and acctplan exits with status 4."},
	{0},
};
