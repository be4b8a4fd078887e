/* cli_rules.c - check, snooze and rules: the rules engine from the command line. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/json.h"
#include "acctplan/output.h"
#include "acctplan/rules.h"
#include "cli_internal.h"

int cli_rules_load(cli_ctx *c, rules **out, ap_err *e)
{
	int rc = cli_qbank(c, e);
	if (rc)
		return rc;
	defs_files f;
	cli_defs_files(c, &f);
	rc = defs_rules(out, c->st, &f, &c->qb, e);
	if (!rc)
		rules_set_money(*out, &c->cfg);
	return rc;
}

int cli_account_flags(cli_ctx *c, long long account, rule_flags *out, ap_err *e)
{
	rules *r = NULL;
	int rc = cli_rules_load(c, &r, e);
	if (!rc)
		rc = cli_store(c, STORE_EXISTING, e);
	if (!rc)
		rc = rules_eval(r, c->st, &c->qb, account, ap_today(), 0, out, e);
	rules_free(&r);
	return rc;
}

/* One flag as text: severity, tier, rule[/question], message; the hint below. */
static void flag_text(FILE *f, const rule_flag *fl, const char *indent)
{
	fprintf(f, "%s%-8s  %-9s  %s%s%s: %s\n", indent, ap_severities.names[fl->severity], ap_tiers.names[fl->tier],
		fl->rule, fl->question ? "/" : "", fl->question ? fl->question : "", fl->message);
	if (*fl->hint)
		fprintf(f, "%s%-8s  %-9s  -> %s\n", indent, "", "", fl->hint);
	ap_buf b = {0};
	rule_flag_hand_text(fl, &b);
	if (b.len)
		fprintf(f, "%s%-8s  %-9s  (%s)\n", indent, "", "", b.s);
	b.len = 0;
	rule_flag_snooze_text(fl, &b);
	if (b.len)
		fprintf(f, "%s%-8s  %-9s  (%s)\n", indent, "", "", b.s);
	buf_free(&b);
}

void cli_flags_text(FILE *f, const rule_flags *fl)
{
	fprintf(f, "\nFlags:%s\n", fl->n ? "" : " none");
	for (size_t i = 0; i < fl->n; i++)
		flag_text(f, &fl->v[i], "  ");
}

static void flag_json(json_w *w, const rule_flag *fl)
{
	jw_obj(w);
	jw_kstr(w, "account", fl->account);
	jw_kstr(w, "rule", fl->rule);
	jw_kstr(w, "kind", fl->kind);
	jw_kstr(w, "tier", ap_tiers.names[fl->tier]);
	jw_kstr(w, "question", fl->question);
	jw_kstr(w, "severity", ap_severities.names[fl->severity]);
	jw_kstr(w, "message", fl->message);
	jw_kstr(w, "hint", fl->hint);
	jw_key(w, "hint_argv");
	jw_arr(w);
	for (int i = 0; i < fl->hint_argc; i++)
		jw_str(w, fl->hint_argv[i]);
	jw_arr_end(w);
	jw_kbool(w, "snoozed", fl->snoozed);
	jw_key(w, "snooze");
	if (!fl->snoozed) {
		jw_null(w);
	} else {
		jw_obj(w);
		jw_kstr(w, "until", fl->snooze_until);
		jw_kstr(w, "by", *fl->snooze_by ? fl->snooze_by : NULL);
		jw_kstr(w, "created", fl->snooze_created);
		jw_kstr(w, "reason", fl->snooze_reason);
		jw_obj_end(w);
	}
	jw_key(w, "in_hand");
	if (!fl->hand_owner) {
		jw_null(w);
	} else {
		jw_obj(w);
		jw_kstr(w, "owner", fl->hand_owner);
		jw_kstr(w, "due", fl->hand_due);
		jw_obj_end(w);
	}
	jw_obj_end(w);
}

void cli_flags_json(json_w *w, const rule_flags *fl)
{
	jw_key(w, "flags");
	jw_arr(w);
	for (size_t i = 0; i < fl->n; i++)
		flag_json(w, &fl->v[i]);
	jw_arr_end(w);
}

/* ---- check ---- */

static void summary_text(FILE *f, const rules_summary *s)
{
	if (s->total == 0)
		fprintf(f, "no flags");
	else
		fprintf(f, "%zu flag%s on %zu account%s:", s->total, s->total == 1 ? "" : "s",
			s->accounts, s->accounts == 1 ? "" : "s");
	for (int sev = SEVERITY_COUNT - 1; s->total && sev >= 0; sev--)
		fprintf(f, " %zu %s%s", s->by_severity[sev], ap_severities.names[sev], sev ? "," : "");
	if (s->snoozed)
		fprintf(f, "; %zu snoozed", s->snoozed);
	fputc('\n', f);
}

/* check --format json: a portfolio's flags run to hundreds of megabytes, so
 * each flag is one line assembled around the writer's string escaping, and
 * the fields fixed by rule and question (rule, kind, tier, question,
 * severity) are escaped once per pair and reused; output leaves in blocks of
 * JSON_FLUSH_AT. */
#define JSON_FLUSH_AT 65536

typedef struct json_fixed {
	const char *rule, *question;   /* the result's own strings: compared by address */
	char *json;
} json_fixed;

typedef struct json_flags {
	const char *account;           /* an account's flags of one severity come together: */
	char *account_json;            /* its name is escaped once for them */
	json_fixed *fixed;
	size_t cap;                    /* a power of two, at least twice the pairs there can be */
} json_flags;

/* A string (NULL: null) as JSON. One that needs no escape, the usual case, is
 * copied as it is; any other goes through the writer at depth 0. */
static void json_string(ap_buf *b, const char *s)
{
	size_t n = s ? jw_plain_len(s) : 0;
	if (s && !s[n]) {
		buf_add(b, "\"", 1);
		buf_add(b, s, n);
		buf_add(b, "\"", 1);
		return;
	}
	json_w w;
	jw_init(&w, NULL, b, 0);
	jw_str(&w, s);
}

/* A literal's bytes without strlen: one of these per field of every flag. */
#define ADD_LIT(b, lit) buf_add((b), (lit), sizeof(lit) - 1)

static const char *fixed_fields(json_flags *j, const rule_flag *fl)
{
	size_t h = (size_t)(((uintptr_t)fl->rule >> 3) * 31u + ((uintptr_t)fl->question >> 3));
	for (h &= j->cap - 1;; h = (h + 1) & (j->cap - 1)) {
		json_fixed *x = &j->fixed[h];
		if (x->json && x->rule == fl->rule && x->question == fl->question)
			return x->json;
		if (x->json)
			continue;
		ap_buf b = {0};
		static const char *const keys[] = {",\"rule\":", ",\"kind\":", ",\"tier\":", ",\"question\":", ",\"severity\":"};
		const char *vals[] = {fl->rule, fl->kind, ap_tiers.names[fl->tier], fl->question, ap_severities.names[fl->severity]};
		for (int k = 0; k < 5; k++) {
			buf_puts(&b, keys[k]);
			json_string(&b, vals[k]);
		}
		*x = (json_fixed){fl->rule, fl->question, buf_steal(&b)};
		return x->json;
	}
}

/* Flag fl as one line of JSON, added to out. */
static void flag_line(json_flags *j, const rule_flag *fl, ap_buf *out)
{
	if (fl->account != j->account) {
		ap_buf b = {0};
		json_string(&b, fl->account);
		free(j->account_json);
		j->account_json = buf_steal(&b);
		j->account = fl->account;
	}
	ADD_LIT(out, "{\"account\":");
	buf_puts(out, j->account_json);
	buf_puts(out, fixed_fields(j, fl));
	ADD_LIT(out, ",\"message\":");
	json_string(out, fl->message);
	ADD_LIT(out, ",\"hint\":");
	json_string(out, fl->hint);
	/* The hint's arguments too, for a script to run without a shell ([] for a hint in words). */
	ADD_LIT(out, ",\"hint_argv\":[");
	for (int k = 0; k < fl->hint_argc; k++) {
		if (k)
			ADD_LIT(out, ",");
		json_string(out, fl->hint_argv[k]);
	}
	ADD_LIT(out, "]");
	/* As flag_json writes them: who snoozed it, until when and why. */
	if (fl->snoozed) {
		ADD_LIT(out, ",\"snoozed\":true,\"snooze\":{\"until\":");
		json_string(out, fl->snooze_until);
		ADD_LIT(out, ",\"by\":");
		json_string(out, *fl->snooze_by ? fl->snooze_by : NULL);
		ADD_LIT(out, ",\"created\":");
		json_string(out, fl->snooze_created);
		ADD_LIT(out, ",\"reason\":");
		json_string(out, fl->snooze_reason);
		ADD_LIT(out, "}");
	} else {
		ADD_LIT(out, ",\"snoozed\":false,\"snooze\":null");
	}
	/* Who has it in hand, and until when. */
	if (fl->hand_owner) {
		ADD_LIT(out, ",\"in_hand\":{\"owner\":");
		json_string(out, fl->hand_owner);
		ADD_LIT(out, ",\"due\":");
		json_string(out, fl->hand_due);
		ADD_LIT(out, "}}");
	} else {
		ADD_LIT(out, ",\"in_hand\":null}");
	}
}

static void summary_json(ap_buf *b, const rules_summary *s)
{
	json_w w;
	jw_init(&w, NULL, b, 0);
	jw_obj(&w);
	for (int sev = SEVERITY_COUNT - 1; sev >= 0; sev--)
		jw_kint(&w, ap_severities.names[sev], (long long)s->by_severity[sev]);
	jw_kint(&w, "total", (long long)s->total);
	jw_kint(&w, "accounts", (long long)s->accounts);
	jw_kint(&w, "snoozed", (long long)s->snoozed);
	jw_obj_end(&w);
}


/* ---- check: a portfolio a slice at a time ----
 *
 * Flags are listed most severe first (in text, accounts by their most severe
 * flag), but the portfolio is evaluated a slice of accounts at a time, in
 * account order, so that memory is bounded by the slice (rules_run_chunks).
 * Each severity's output therefore has a lane of its own: the most severe
 * goes straight to the output, each other into a temporary file, unlinked
 * from the start, appended after the lanes above it at the end. */
#define TOP_LANE (SEVERITY_COUNT - 1)

typedef struct check_lane {
	FILE *f;       /* the output for the top lane; else a temporary file, opened when first needed */
	ap_buf pend;   /* JSON lines not yet handed to f */
	int used;
} check_lane;

typedef struct check_run {
	cli_ctx *c;
	int fmt;
	check_lane lane[SEVERITY_COUNT];
	json_flags j;
	rules_summary sum;
	size_t listed;
	int record;    /* flag_seen is recorded until a slice fails to */
	int whole;     /* the result at hand is the whole portfolio's */
} check_run;

/* The lane of severity sev, open; NULL (e says why) when no temporary file can be made. */
static check_lane *lane_open(check_run *x, int sev, ap_err *e)
{
	if (x->whole)
		sev = TOP_LANE;   /* the flags come in their final order */
	check_lane *l = &x->lane[sev];
	if (l->f)
		return l;
	if (sev == TOP_LANE) {
		l->f = x->c->out;
		return l;
	}
	if (!(l->f = tmpfile())) {
		ap_fail(e, AP_ESTORE, "check: cannot create a temporary file for the output: %s", strerror(errno));
		return NULL;
	}
	/* Text and CSV are written a field at a time: in large blocks, few system calls. */
	setvbuf(l->f, NULL, _IOFBF, JSON_FLUSH_AT);
	return l;
}

/* What goes before an entry of lane l: the separator sep, but for the very
 * first entry of the whole output without its first character. The top
 * lane knows that as it writes; the others lose theirs when appended. */
static const char *lane_sep(check_run *x, check_lane *l, const char *sep)
{
	int first = l == &x->lane[TOP_LANE] && !l->used;
	l->used = 1;
	return first ? sep + 1 : sep;
}

static void lane_flush(check_lane *l, size_t at_least)
{
	if (l->pend.len >= at_least && l->pend.len) {
		fwrite(l->pend.s, 1, l->pend.len, l->f);
		l->pend.len = 0;
	}
}

static int check_slice_json(check_run *x, rules_result *res, ap_err *e)
{
	/* Names are compared by address, and a slice's are freed with it. */
	x->j.account = NULL;
	for (size_t i = 0; i < rules_result_count(res); i++) {
		const rule_flag *fl = rules_result_get(res, i);
		check_lane *l = lane_open(x, fl->severity, e);
		if (!l)
			return AP_ESTORE;
		buf_puts(&l->pend, lane_sep(x, l, ",\n"));
		flag_line(&x->j, fl, &l->pend);
		lane_flush(l, JSON_FLUSH_AT);
	}
	return AP_OK;
}

/* One RFC 4180 field and its separator. Streamed rather than an out_table: a
 * portfolio's flags as a table of cells would take hundreds of megabytes. */
static void csv_cell(FILE *f, const char *s, int last)
{
	out_csv_field(f, s, 1);
	fputs(last ? "\r\n" : ",", f);
}

#define CHECK_COLS 15
static const char *const check_cols[CHECK_COLS] = {"account", "rule", "kind", "tier", "question", "severity",
	"message", "hint", "snoozed", "snooze_until", "snooze_by", "snooze_created", "snooze_reason", "in_hand_owner",
	"in_hand_due"};

static int check_slice_csv(check_run *x, rules_result *res, ap_err *e)
{
	for (size_t i = 0; i < rules_result_count(res); i++) {
		const rule_flag *fl = rules_result_get(res, i);
		check_lane *l = lane_open(x, fl->severity, e);
		if (!l)
			return AP_ESTORE;
		l->used = 1;
		const char *cells[CHECK_COLS] = {fl->account, fl->rule, fl->kind, ap_tiers.names[fl->tier], fl->question,
			ap_severities.names[fl->severity], fl->message, fl->hint, fl->snoozed ? "yes" : "no",
			fl->snooze_until, fl->snooze_by, fl->snooze_created, fl->snooze_reason, fl->hand_owner, fl->hand_due};
		for (int k = 0; k < CHECK_COLS; k++)
			csv_cell(l->f, cells[k], k == CHECK_COLS - 1);
	}
	return AP_OK;
}

/* In text, an account's flags come together, under its name, in the lane of its most severe flag. */
static int check_slice_text(check_run *x, rules_result *res, ap_err *e)
{
	rules_result_group_by_account(res);
	check_lane *l = NULL;
	long long last = 0;
	for (size_t i = 0; i < rules_result_count(res); i++) {
		const rule_flag *fl = rules_result_get(res, i);
		if (fl->account_id != last) {
			if (!(l = lane_open(x, fl->severity, e)))
				return AP_ESTORE;
			fprintf(l->f, "%s%s\n", lane_sep(x, l, "\n"), fl->account);
		}
		last = fl->account_id;
		flag_text(l->f, fl, "  ");
	}
	return AP_OK;
}

static void summary_add(rules_summary *to, const rules_summary *s)
{
	for (int sev = 0; sev < SEVERITY_COUNT; sev++)
		to->by_severity[sev] += s->by_severity[sev];
	to->total += s->total;
	to->accounts += s->accounts;
	to->snoozed += s->snoozed;
}

static int check_slice(rules_result *res, int whole, void *ctx, ap_err *e)
{
	check_run *x = ctx;
	x->whole = whole;
	int rc = x->fmt == FMT_JSON ? check_slice_json(x, res, e)
		: x->fmt == FMT_CSV ? check_slice_csv(x, res, e) : check_slice_text(x, res, e);
	summary_add(&x->sum, rules_result_summary(res));
	x->listed += rules_result_count(res);
	/* Since when each flag is there (for flag_unowned) is bookkeeping, not
	 * what was asked: a store this user may only read, or one another
	 * process is writing, leaves it for the next check (which the first
	 * slice that cannot write finds out, for the rest), and this check's
	 * output and exit status stay what they are. A flag missed today is
	 * first seen on a later day: flag_unowned errs towards quiet. */
	ap_err ignored = {0};
	if (!rc && x->record && rules_result_record(res, x->c->st, &ignored) != AP_OK)
		x->record = 0;
	return rc;
}

/* The lanes below the top one after it, in order; closes them. */
static int lanes_append(check_run *x, ap_err *e)
{
	int rc = AP_OK, any = x->lane[TOP_LANE].used;
	char block[65536];
	for (int sev = TOP_LANE; sev >= 0; sev--) {
		check_lane *l = &x->lane[sev];
		if (l->f)
			lane_flush(l, 0);
		if (sev == TOP_LANE || !l->f) {
			buf_free(&l->pend);
			continue;
		}
		/* CSV rows have no separator to lose. */
		size_t skip = !any && x->fmt != FMT_CSV, n;
		if (!rc && (fflush(l->f) != 0 || ferror(l->f) || fseek(l->f, 0, SEEK_SET) != 0))
			rc = ap_fail(e, AP_ESTORE, "check: cannot write the output's temporary file: %s", strerror(errno));
		while (!rc && (n = fread(block, 1, sizeof block, l->f)) > 0) {
			fwrite(block + skip, 1, n - skip, x->c->out);
			skip = 0;
		}
		if (!rc && ferror(l->f))
			rc = ap_fail(e, AP_ESTORE, "check: cannot read the output's temporary file back: %s", strerror(errno));
		any |= l->used;
		fclose(l->f);
		buf_free(&l->pend);
	}
	return rc;
}

static void check_head(check_run *x)
{
	FILE *f = x->c->out;
	if (x->fmt == FMT_JSON)
		fputs("{\"flags\":[", f);
	else if (x->fmt == FMT_CSV)
		for (int k = 0; k < CHECK_COLS; k++)
			csv_cell(f, check_cols[k], k == CHECK_COLS - 1);
}

static void check_tail(check_run *x)
{
	FILE *f = x->c->out;
	if (x->fmt == FMT_JSON) {
		ap_buf b = {0};
		buf_puts(&b, "\n],\n\"summary\":");
		summary_json(&b, &x->sum);
		buf_puts(&b, "}\n");
		fwrite(b.s, 1, b.len, f);
		buf_free(&b);
	} else if (x->fmt != FMT_CSV) {
		if (x->listed)
			fputc('\n', f);
		summary_text(f, &x->sum);
	}
}

/* ACCTPLAN_CHECK_SLICE, for the tests: a small portfolio takes the sliced path. */
static size_t check_slice_size(void)
{
	const char *v = getenv("ACCTPLAN_CHECK_SLICE");
	long n = v ? strtol(v, NULL, 10) : 0;
	return n > 0 ? (size_t)n : RULES_SLICE;
}

static int check_options(cli_ctx *c, const cli_args *a, rules_query *q, int *fmt, int *fail_on, ap_err *e)
{
	int rc;
	*q = (rules_query){0, ap_today(), -1, SEV_INFO, arg_flag(a, "all")};
	if ((rc = cli_format(a, fmt, e)) || (rc = cli_enum(a, "tier", -1, &q->tier, e)) ||
	    (rc = cli_enum(a, "severity", SEV_INFO, &q->min_severity, e)) ||
	    (rc = cli_enum(a, "fail-on", -1, fail_on, e)))
		return rc;
	if (a->npos == 0)
		return cli_store(c, STORE_EXISTING, e);
	ap_account acc = {0};
	rc = cli_account(c, a->pos[0], &acc, e);
	q->account = acc.id;
	ap_account_clear(&acc);
	return rc;
}

static int cmd_check(cli_ctx *c, const cli_args *a, ap_err *e)
{
	rules_query q;
	int fail_on, rc;
	rules *r = NULL;
	check_run x = {.c = c, .record = 1};
	/* The rules are checked before the store is touched: a bad file evaluates nothing. */
	if ((rc = cli_rules_load(c, &r, e)) || (rc = check_options(c, a, &q, &x.fmt, &fail_on, e))) {
		rules_free(&r);
		return rc;
	}
	x.j.cap = 64;
	while (x.j.cap < 2 * rules_count(r) * (c->qb.n + 1))
		x.j.cap *= 2;
	x.j.fixed = xcalloc(x.j.cap, sizeof *x.j.fixed);
	check_head(&x);
	rc = rules_run_chunks(r, c->st, &c->qb, &q, check_slice_size(), check_slice, &x, e);
	int arc = lanes_append(&x, rc ? NULL : e);
	rc = rc ? rc : arc;
	if (!rc)
		check_tail(&x);
	for (int sev = fail_on; !rc && fail_on >= 0 && sev < SEVERITY_COUNT; sev++)
		if (x.sum.by_severity[sev])
			rc = AP_FLAGGED;
	for (size_t i = 0; i < x.j.cap; i++)
		free(x.j.fixed[i].json);
	free(x.j.fixed);
	free(x.j.account_json);
	rules_free(&r);
	return rc;
}

/* ---- snooze ---- */

static int snooze_rows(store *st, long long account, const void *arg, out_table *t, int meta, ap_err *e)
{
	(void)arg;
	(void)meta;
	store_cursor *cur;
	const void *rec;
	char today[11];
	cli_today(today);
	int rc = store_list_open(st, REC_SNOOZE, account, &cur, e);
	while (!rc && !(rc = store_cursor_next(cur, &rec, e)) && rec) {
		const ap_snooze *z = rec;
		out_str(t, z->account);
		out_str(t, z->rule);
		out_str(t, *z->question ? z->question : NULL);
		out_str(t, z->until);
		out_bool(t, strcmp(z->until, today) >= 0);
		out_str(t, z->reason);
		out_str(t, z->created);
		out_str(t, *z->by ? z->by : NULL);
	}
	store_cursor_close(&cur);
	return rc;
}

static int snooze_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"account", "rule", "question", "until", "active", "reason", "created", "by"};
	listing l = {cols, 8, 0, "no snoozes", snooze_rows};
	int fmt, rc = cli_format(a, &fmt, e);
	if (!rc && a->npos > 1)
		rc = ap_fail(e, AP_EINPUT, "snooze --list: at most one ACCOUNT");
	return rc ? rc : cli_list(c, a, &l, NULL, e);
}

/* Clear the account's snoozes of rule (every one of them when question is
 * NULL), matching ids without regard to case, in one transaction. */
static int clear_matching(store *st, long long account, const char *rule, const char *question, int *n, ap_err *e)
{
	ap_snoozes list = {0};
	int rc = store_begin(st, e);
	if (!rc)
		rc = store_snooze_list(st, account, &list, e);
	for (size_t i = 0; !rc && i < list.n; i++) {
		const ap_snooze *z = &list.v[i];
		int one = 0;
		if (strcasecmp(z->rule, rule) == 0 && (!question || strcasecmp(z->question, question) == 0))
			rc = store_snooze_clear(st, account, z->rule, z->question, &one, e);
		*n += one;
	}
	ap_vec_free(&list, ap_snooze_clear);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, e);
}

static int snooze_clear(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_account acc = {0};
	const char *rule = a->npos > 1 ? a->pos[1] : NULL, *question = a->npos > 2 ? a->pos[2] : NULL;
	int n = 0, rc;
	if (a->npos < 1)
		return ap_fail(e, AP_EINPUT, "snooze --clear: say which ACCOUNT");
	if (!(rc = cli_account(c, a->pos[0], &acc, e)))
		rc = rule ? clear_matching(c->st, acc.id, rule, question, &n, e)
			: store_snooze_clear(c->st, acc.id, NULL, NULL, &n, e);
	if (!rc && rule && n == 0)
		rc = ap_fail(e, AP_EINPUT, "no snooze of %s%s%s for %s (see 'acctplan snooze --list')", rule,
			question ? "/" : "", question ? question : "", acc.name);
	else if (!rc)
		fprintf(c->out, "cleared %d snooze%s of %s\n", n, n == 1 ? "" : "s", acc.name);
	ap_account_clear(&acc);
	return rc;
}

/* The rule a snooze names, once it is known to match a flag and the reason
 * is enough for the rule's severity. */
static int snooze_rule(cli_ctx *c, rules **r, const char *rule_id, const char *question, const char *reason,
	rule_info *ri, ap_err *e)
{
	int rc = cli_rules_load(c, r, e);
	if (rc || (rc = rules_check_snooze(*r, &c->qb, rule_id, question, e)))
		return rc;
	rules_get(*r, (size_t)rules_find(*r, rule_id), ri);
	return rules_check_snooze_reason(ri->id, ri->severity, "--reason", reason, e);
}

static int snooze_set(cli_ctx *c, const cli_args *a, ap_err *e)
{
	const char *until = arg_opt(a, "until"), *reason = arg_opt(a, "reason");
	const char *question = a->npos > 2 ? a->pos[2] : NULL;
	long day;
	int rc;
	rules *r = NULL;
	rule_info ri;
	ap_account acc = {0};
	if (a->npos < 2)
		return ap_fail(e, AP_EINPUT, "snooze: missing argument (usage: acctplan snooze ACCOUNT RULE_ID [QUESTION] "
			"--until YYYY-MM-DD --reason TEXT)");
	if (!until || !reason)
		return ap_fail(e, AP_EINPUT, "snooze: --until and --reason are required");
	if ((rc = ap_date_check("--until", until, &day, e)) || (rc = cli_text("--reason", reason, 0, e)))
		return rc;
	if (day < ap_today())
		return ap_fail(e, AP_EINPUT, "--until %s is in the past", until);
	if (!(rc = snooze_rule(c, &r, a->pos[1], question, reason, &ri, e)) &&
	    !(rc = cli_account(c, a->pos[0], &acc, e))) {
		const char *qid = question ? qbank_find(&c->qb, question)->id : "";
		if (!(rc = store_snooze_set(c->st, acc.id, ri.id, qid, until, reason, NULL, e)))
			fprintf(c->out, "snoozed %s%s%s for %s until %s\n", ri.id, *qid ? "/" : "", qid, acc.name, until);
	}
	ap_account_clear(&acc);
	rules_free(&r);
	return rc;
}

static int cmd_snooze(cli_ctx *c, const cli_args *a, ap_err *e)
{
	int list = arg_flag(a, "list"), clear = arg_flag(a, "clear");
	if (list && clear)
		return ap_fail(e, AP_EINPUT, "snooze: --list and --clear do not go together");
	if ((list || clear) && (arg_opt(a, "until") || arg_opt(a, "reason")))
		return ap_fail(e, AP_EINPUT, "snooze: --until and --reason set a snooze; leave them out with --%s",
			list ? "list" : "clear");
	if (!list && arg_opt(a, "format"))
		return ap_fail(e, AP_EINPUT, "snooze: --format goes with --list");
	if (list)
		return snooze_list(c, a, e);
	return clear ? snooze_clear(c, a, e) : snooze_set(c, a, e);
}

/* ---- rules ---- */

static char *segments_text(unsigned mask)
{
	ap_buf b = {0};
	buf_puts(&b, "");
	if (mask == (1u << SEGMENT_COUNT) - 1)
		buf_puts(&b, "all");
	for (int i = 0; mask != (1u << SEGMENT_COUNT) - 1 && i < SEGMENT_COUNT; i++)
		if (mask & (1u << i))
			buf_printf(&b, "%s%s", b.len ? "," : "", ap_segments.names[i]);
	return buf_steal(&b);
}

static int cmd_rules(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"id", "kind", "tier", "severity", "segments", "enabled", "params",
		"source", "message", "hint", "file", "line"};
	rules *r = NULL;
	int fmt, rc;
	if ((rc = cli_format(a, &fmt, e)) || (rc = cli_rules_load(c, &r, e)))
		return rc;
	out_table *t = out_new(cols, fmt == FMT_TEXT ? 8 : 12);
	for (size_t i = 0; i < rules_count(r); i++) {
		rule_info ri;
		rules_get(r, i, &ri);
		char *seg = segments_text(ri.segments);
		out_str(t, ri.id);
		out_str(t, ri.kind);
		out_str(t, ap_tiers.names[ri.tier]);
		out_str(t, ap_severities.names[ri.severity]);
		out_str(t, seg);
		out_bool(t, ri.enabled);
		out_str(t, ri.params);
		out_str(t, ri.origin);
		free(seg);
		if (fmt == FMT_TEXT)
			continue;
		out_str(t, ri.message);
		out_str(t, ri.hint);
		out_str(t, ri.file);
		out_int(t, ri.line);
	}
	out_print(t, c->out, fmt, "no rules");
	out_free(&t);
	rules_free(&r);
	return AP_OK;
}

const cli_cmd cli_rules_cmds[] = {
	{"check", "[ACCOUNT] [--tier T] [--severity S] [--all] [--format text|json|csv] [--fail-on SEVERITY]",
	 "List what the rules flag: what nobody knows, and what rests on thin evidence",
	 "tier= severity= all format= fail-on=severity", 0, 1, cmd_check,
	 "Flags come most severe first, then by account; text groups them by account and ends\n"
	 "with a count per severity. --tier keeps the rules of one tier, --severity S the flags at\n"
	 "or above S. Snoozed flags are hidden unless --all, which shows them marked.\n"
	 "Exit status 1 when a flag (not snoozed) is at or above --fail-on (info, warn, high, critical).\n"
	 "Rules come from rules.ini in the assets and [rules] file in config.ini (see 'acctplan rules')."},
	{"snooze", "ACCOUNT RULE_ID [QUESTION] --until YYYY-MM-DD --reason TEXT | --list [ACCOUNT] [--format F] | "
	 "--clear ACCOUNT [RULE_ID [QUESTION]]",
	 "Hide a flag until a date, list snoozes, or clear them", "until= reason= list clear format=", 0, 3, cmd_snooze,
	 "A snooze hides the flag of one rule (and question, for rules about questions) for one\n"
	 "account up to and including --until; from the day after, the flag shows again.\n"
	 "A critical flag is snoozed only with a reason of at least three words. A snooze\n"
	 "records who made it ([user] name in config.ini, else $ACCTPLAN_USER, else $USER);\n"
	 "snoozing again makes it yours. --list shows it (by), and 'check --all' shows each\n"
	 "snoozed flag with its snooze (made when and by whom, until when, why).\n"
	 "--clear removes the account's snoozes: all of them, those of RULE_ID, or the one of\n"
	 "RULE_ID and QUESTION."},
	{"rules", "[--format text|json|csv]", "List the rules in force: the defaults, the team's, your own",
	 "format=", 0, 0, cmd_rules,
	 "Three layers, each on top of the one before: the defaults (rules.ini in the assets),\n"
	 "the team's ('rules load FILE', kept in the store for everyone who uses it) and your\n"
	 "own ([rules] file in config.ini); SOURCE says which defined each rule. A rule with an\n"
	 "earlier one's id replaces it; a section holding only 'enabled = false' switches it off.\n"
	 "The format and every kind are described at the top of rules.ini."},
	{0},
};
