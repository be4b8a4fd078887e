/* cli_records.c - commands that read and write the records of an account. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"
#include "acctplan/json.h"
#include "acctplan/output.h"
#include "cli_internal.h"

/* ---- init ---- */

static int cmd_init(cli_ctx *c, const cli_args *a, ap_err *e)
{
	(void)a;
	int rc = cli_store(c, STORE_CREATE, e);
	if (rc)
		return rc;
	int was = store_opened_version(c->st);
	if (was == 0)
		fprintf(c->out, "created %s (schema version %d)\n", store_path(c->st), STORE_SCHEMA_VERSION);
	else if (was < STORE_SCHEMA_VERSION)
		fprintf(c->out, "upgraded %s from schema version %d to %d\n", store_path(c->st), was, STORE_SCHEMA_VERSION);
	else
		fprintf(c->out, "%s is up to date (schema version %d)\n", store_path(c->st), STORE_SCHEMA_VERSION);
	return AP_OK;
}

/* ---- accounts ---- */

static int cmd_account_add(cli_ctx *c, const cli_args *a, ap_err *e)
{
	const char *name = a->pos[0], *industry = arg_opt(a, "industry");
	int segment, rc;
	if ((rc = cli_enum(a, "segment", &ap_segments, SEG_OTHER, &segment, e)) ||
	    (rc = ap_name_check("account name", name, e)) || (rc = cli_text("--industry", industry, 0, e)))
		return rc;
	if ((rc = cli_store(c, STORE_CREATE, e)) ||
	    (rc = store_account_add(c->st, name, industry, segment, NULL, NULL, e)))
		return rc;
	fprintf(c->out, "added account '%s'\n", name);
	return AP_OK;
}

static int cmd_account_edit(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_account acc = {0};
	int rc = cli_account(c, a->pos[0], &acc, e);
	if (rc)
		return rc;
	const char *name = arg_opt(a, "name") ? arg_opt(a, "name") : acc.name;
	const char *industry = arg_opt(a, "industry") ? arg_opt(a, "industry") : acc.industry;
	int segment;
	if (!(rc = cli_enum(a, "segment", &ap_segments, acc.segment, &segment, e)) &&
	    !(rc = arg_opt(a, "name") ? ap_name_check("--name", name, e) : AP_OK) &&
	    !(rc = cli_text("--industry", industry, 0, e)))
		rc = store_account_update(c->st, acc.id, name, industry, segment, e);
	if (!rc)
		fprintf(c->out, "updated account '%s'\n", name);
	ap_account_clear(&acc);
	return rc;
}

static int cmd_account_remove(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_account acc = {0};
	int rc = cli_account(c, a->pos[0], &acc, e);
	if (rc)
		return rc;
	if (!arg_flag(a, "yes"))
		rc = ap_fail(e, AP_EINPUT, "removing '%s' also removes its answers, contacts, competitors, end customers, "
			"meetings, notes, snoozes and demand drivers; add --yes to confirm", acc.name);
	else if (!(rc = store_account_remove(c->st, acc.id, e)))
		fprintf(c->out, "removed account '%s' and everything recorded about it\n", acc.name);
	ap_account_clear(&acc);
	return rc;
}

static int cmd_account_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"name", "industry", "segment", "created"};
	int fmt, rc;
	ap_accounts list = {0};
	if ((rc = cli_format(a, &fmt, e)) || (rc = cli_store(c, STORE_EXISTING, e)) ||
	    (rc = store_account_list(c->st, &list, e)))
		return rc;
	out_table *t = out_new(cols, 4);
	for (size_t i = 0; i < list.n; i++) {
		out_str(t, list.v[i].name);
		out_str(t, list.v[i].industry);
		out_str(t, ap_name(&ap_segments, list.v[i].segment, "other"));
		out_str(t, list.v[i].created);
	}
	out_print(t, c->out, fmt, "no accounts yet (add one with 'acctplan account add NAME')");
	out_free(&t);
	ap_vec_free(&list, ap_account_clear);
	return AP_OK;
}

/* Everything known about one account, loaded once and printed in either form. */
typedef struct account_view {
	ap_account acc;
	ap_answers answers;
	ap_contacts contacts;
	ap_competitors competitors;
	ap_endcustomers endcustomers;
	ap_meetings meetings;
	ap_notes notes;
	ap_drivers drivers;
	rule_flags flags;   /* what the rules flag today */
} account_view;

static int view_read(cli_ctx *c, const char *name, account_view *v, ap_err *e)
{
	int rc = cli_account(c, name, &v->acc, e);
	long long id = v->acc.id;
	if (rc || (rc = store_answer_current(c->st, id, &v->answers, e)) ||
	    (rc = store_contact_list(c->st, id, &v->contacts, e)) ||
	    (rc = store_competitor_list(c->st, id, &v->competitors, e)) ||
	    (rc = store_endcustomer_list(c->st, id, &v->endcustomers, e)) ||
	    (rc = store_meeting_list(c->st, id, &v->meetings, e)) ||
	    (rc = store_note_list(c->st, id, &v->notes, e)) ||
	    (rc = store_driver_list(c->st, id, &v->drivers, e)))
		return rc;
	return cli_account_flags(c, id, &v->flags, e);
}

/* Everything is read in one snapshot, so a write by another process cannot
 * land between the reads. */
static int view_load(cli_ctx *c, const char *name, account_view *v, ap_err *e)
{
	memset(v, 0, sizeof *v);
	int rc = cli_qbank(c, e);
	if (!rc)
		rc = cli_store(c, STORE_EXISTING, e);
	if (!rc && !(rc = store_snapshot_begin(c->st, e))) {
		rc = view_read(c, name, v, e);
		store_snapshot_end(c->st);
	}
	return rc;
}

static void view_free(account_view *v)
{
	ap_account_clear(&v->acc);
	ap_vec_free(&v->answers, ap_answer_clear);
	ap_vec_free(&v->contacts, ap_contact_clear);
	ap_vec_free(&v->competitors, ap_competitor_clear);
	ap_vec_free(&v->endcustomers, ap_endcustomer_clear);
	ap_vec_free(&v->meetings, ap_meeting_clear);
	ap_vec_free(&v->notes, ap_note_clear);
	ap_vec_free(&v->drivers, ap_driver_clear);
	ap_vec_free(&v->flags, rule_flag_clear);
}

static const ap_answer *view_answer(const account_view *v, const char *qid)
{
	for (size_t i = 0; i < v->answers.n; i++)
		if (strcmp(v->answers.v[i].question, qid) == 0)
			return &v->answers.v[i];
	return NULL;
}

/* Text that may hold line breaks (CR, LF or both), its later lines indented
 * by `indent` columns so they stay under the first. */
static void put_lines(FILE *f, const char *s, int indent)
{
	for (; *s; s++) {
		if (*s != '\r' && *s != '\n') {
			fputc(*s, f);
			continue;
		}
		if (*s == '\r' && s[1] == '\n')
			s++;
		fprintf(f, "\n%*s", indent, "");
	}
}

/* Width of the question labels' column in 'account show'. */
#define LABEL_COLS 18

static void show_text_answers(FILE *f, const qbank *qb, const account_view *v, int tier)
{
	for (size_t i = 0; i < qb->n; i++) {
		const qb_question *q = &qb->q[i];
		if (q->tier != tier)
			continue;
		const ap_answer *an = view_answer(v, q->id);
		/* Padded by display columns: a label of a user's questions may be UTF-8. */
		int pad = LABEL_COLS - ap_display_width(q->label);
		fprintf(f, "  %s%*s ", q->label, pad > 0 ? pad : 0, "");
		if (!an) {
			fputs("(unanswered)\n", f);
			continue;
		}
		put_lines(f, an->value, 2 + LABEL_COLS + 1);
		fputc('\n', f);
		fprintf(f, "  %*s   %s, %s confidence, %s%s%s", LABEL_COLS, "", ap_name(&ap_sources, an->source, "?"),
			ap_name(&ap_confidences, an->confidence, "?"), an->date, *an->author ? " by " : "", an->author);
		if (an->versions > 1)
			fprintf(f, ", %d earlier version%s", an->versions - 1, an->versions > 2 ? "s" : "");
		fputc('\n', f);
	}
}

/* The records each tier owns: the org map, the competition, the end customers. */
static void show_text_records(FILE *f, const account_view *v, int tier)
{
	if (tier == TIER_SALES) {
		fprintf(f, "  Contacts:%s\n", v->contacts.n ? "" : " none");
		for (size_t i = 0; i < v->contacts.n; i++) {
			const ap_contact *ct = &v->contacts.v[i];
			fprintf(f, "    %s%s%s  [%s, held by %s]%s%s\n", ct->name, *ct->title ? ", " : "", ct->title,
				ap_name(&ap_roles, ct->role, "no role"), ap_name(&ap_tiers, ct->tier, "?"),
				*ct->reports_to ? "  reports to " : "", ct->reports_to);
		}
	} else if (tier == TIER_PRODUCT) {
		fprintf(f, "  Competitors:%s\n", v->competitors.n ? "" : " none");
		for (size_t i = 0; i < v->competitors.n; i++) {
			fprintf(f, "    %s%s", v->competitors.v[i].name, *v->competitors.v[i].differentiator ? ": " : "");
			put_lines(f, v->competitors.v[i].differentiator, 6);
			fputc('\n', f);
		}
	} else {
		fprintf(f, "  End customers:%s\n", v->endcustomers.n ? "" : " none");
		for (size_t i = 0; i < v->endcustomers.n; i++) {
			const ap_endcustomer *ec = &v->endcustomers.v[i];
			fprintf(f, "    %s (%s, %s)%s", ec->name, *ec->industry ? ec->industry : "industry unknown",
				ap_name(&ap_trends, ec->trend, "trend unknown"), *ec->ask ? ": asks for " : "");
			put_lines(f, ec->ask, 6);
			fputc('\n', f);
		}
	}
}

static void show_text_history(FILE *f, const account_view *v)
{
	fprintf(f, "\nMeetings:%s\n", v->meetings.n ? "" : " none");
	for (size_t i = 0; i < v->meetings.n; i++) {
		const ap_meeting *m = &v->meetings.v[i];
		fprintf(f, "  #%lld %s %-9s %-9s", m->id, m->date, ap_name(&ap_tiers, m->tier, "?"),
			ap_name(&ap_meetkinds, m->kind, "?"));
		if (m->news == NEWS_GOOD || m->news == NEWS_BAD)
			fprintf(f, " %s news %s", ap_news.names[m->news], m->shared ? "shared" : "NOT shared");
		fputs("  ", f);
		put_lines(f, m->summary, 4);
		fputc('\n', f);
	}
	fprintf(f, "\nNotes:%s\n", v->notes.n ? "" : " none");
	for (size_t i = 0; i < v->notes.n; i++) {
		const ap_note *n = &v->notes.v[i];
		fprintf(f, "  #%lld %s %s%s%s: ", n->id, n->date, ap_name(&ap_tiers, n->tier, "?"),
			*n->author ? " by " : "", n->author);
		put_lines(f, n->body, 4);
		fputc('\n', f);
	}
}

static void show_text(FILE *f, const qbank *qb, const account_view *v)
{
	fprintf(f, "%s\n", v->acc.name);
	fprintf(f, "  industry: %s   segment: %s   since: %s\n", *v->acc.industry ? v->acc.industry : "-",
		ap_name(&ap_segments, v->acc.segment, "other"), v->acc.created);
	for (int tier = 0; tier < TIER_COUNT; tier++) {
		fprintf(f, "\n%s\n", ap_tier_label(tier));
		show_text_answers(f, qb, v, tier);
		show_text_records(f, v, tier);
	}
	show_text_history(f, v);
	fprintf(f, "\nDemand chain:%s\n", v->drivers.n ? "" : " none");
	if (v->drivers.n) {
		ap_buf chain = {0};
		doc d;
		doc_init(&d, DOC_TEXT, 80, &chain);
		brief_demand_doc(&d, &v->drivers);
		fputs(chain.s, f);
		buf_free(&chain);
	}
	cli_flags_text(f, &v->flags);
}

/* Every question of the bank, answered or not (value null). */
static void show_json_answers(json_w *w, const qbank *qb, const account_view *v)
{
	jw_key(w, "answers");
	jw_arr(w);
	for (size_t i = 0; i < qb->n; i++) {
		const ap_answer *an = view_answer(v, qb->q[i].id);
		jw_obj(w);
		jw_kstr(w, "question", qb->q[i].id);
		jw_kstr(w, "tier", ap_tiers.names[qb->q[i].tier]);
		jw_kstr(w, "value", an ? an->value : NULL);
		jw_kstr(w, "source", an ? ap_name(&ap_sources, an->source, NULL) : NULL);
		jw_kstr(w, "confidence", an ? ap_name(&ap_confidences, an->confidence, NULL) : NULL);
		jw_kstr(w, "by", an ? an->author : NULL);
		jw_kstr(w, "date", an ? an->date : NULL);
		jw_kint(w, "versions", an ? an->versions : 0);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void show_json_records(json_w *w, const account_view *v)
{
	jw_key(w, "contacts");
	jw_arr(w);
	for (size_t i = 0; i < v->contacts.n; i++) {
		const ap_contact *ct = &v->contacts.v[i];
		jw_obj(w);
		jw_kstr(w, "name", ct->name);
		jw_kstr(w, "title", ct->title);
		jw_kstr(w, "role", ap_name(&ap_roles, ct->role, NULL));
		jw_kstr(w, "tier", ap_name(&ap_tiers, ct->tier, NULL));
		jw_kstr(w, "reports_to", *ct->reports_to ? ct->reports_to : NULL);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "competitors");
	jw_arr(w);
	for (size_t i = 0; i < v->competitors.n; i++) {
		jw_obj(w);
		jw_kstr(w, "name", v->competitors.v[i].name);
		jw_kstr(w, "differentiator", v->competitors.v[i].differentiator);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "end_customers");
	jw_arr(w);
	for (size_t i = 0; i < v->endcustomers.n; i++) {
		const ap_endcustomer *ec = &v->endcustomers.v[i];
		jw_obj(w);
		jw_kstr(w, "name", ec->name);
		jw_kstr(w, "industry", ec->industry);
		jw_kstr(w, "ask", ec->ask);
		jw_kstr(w, "trend", ap_name(&ap_trends, ec->trend, NULL));
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void show_json_history(json_w *w, const account_view *v)
{
	jw_key(w, "meetings");
	jw_arr(w);
	for (size_t i = 0; i < v->meetings.n; i++) {
		const ap_meeting *m = &v->meetings.v[i];
		jw_obj(w);
		jw_kint(w, "id", m->id);
		jw_kstr(w, "date", m->date);
		jw_kstr(w, "tier", ap_name(&ap_tiers, m->tier, NULL));
		jw_kstr(w, "kind", ap_name(&ap_meetkinds, m->kind, NULL));
		jw_kstr(w, "news", ap_name(&ap_news, m->news, "none"));
		jw_kbool(w, "shared", m->shared);
		jw_kstr(w, "summary", m->summary);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "notes");
	jw_arr(w);
	for (size_t i = 0; i < v->notes.n; i++) {
		const ap_note *n = &v->notes.v[i];
		jw_obj(w);
		jw_kint(w, "id", n->id);
		jw_kstr(w, "date", n->date);
		jw_kstr(w, "tier", ap_name(&ap_tiers, n->tier, NULL));
		jw_kstr(w, "by", n->author);
		jw_kstr(w, "text", n->body);
		jw_kstr(w, "tags", n->tags);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void show_json(FILE *f, const qbank *qb, const account_view *v)
{
	json_w w;
	jw_init(&w, f, NULL, 1);
	jw_obj(&w);
	jw_kstr(&w, "name", v->acc.name);
	jw_kstr(&w, "industry", v->acc.industry);
	jw_kstr(&w, "segment", ap_name(&ap_segments, v->acc.segment, "other"));
	jw_kstr(&w, "created", v->acc.created);
	show_json_answers(&w, qb, v);
	show_json_records(&w, v);
	show_json_history(&w, v);
	cli_flags_json(&w, &v->flags);
	jw_obj_end(&w);
	jw_end(&w);
}

static int cmd_account_show(cli_ctx *c, const cli_args *a, ap_err *e)
{
	int fmt, rc = cli_format(a, &fmt, e);
	if (rc)
		return rc;
	if (fmt == FMT_CSV)
		return ap_fail(e, AP_EINPUT, "--format: 'account show' prints text or json");
	account_view v;
	rc = view_load(c, a->pos[0], &v, e);
	if (!rc) {
		if (fmt == FMT_JSON)
			show_json(c->out, &c->qb, &v);
		else
			show_text(c->out, &c->qb, &v);
	}
	view_free(&v);
	return rc;
}

/* ---- one account's records as a table ---- */

/* A listing command: its columns, the text printed when there is nothing,
 * and how an account's records become rows (arg is the command's own). */
typedef struct listing {
	const char *const *cols;
	int ncols;
	const char *empty;
	int (*rows)(store *st, long long account, const void *arg, out_table *t, ap_err *e);
} listing;

#define LISTING(cols, empty, rows) {cols, (int)(sizeof cols / sizeof cols[0]), empty, rows}

/* ACCOUNT [--format F]: the account's records in the chosen format. */
static int list_records(cli_ctx *c, const cli_args *a, const listing *l, const void *arg, ap_err *e)
{
	ap_account acc = {0};
	int fmt, rc;
	if (!(rc = cli_format(a, &fmt, e)) && !(rc = cli_account(c, a->pos[0], &acc, e))) {
		out_table *t = out_new(l->cols, l->ncols);
		if (!(rc = l->rows(c->st, acc.id, arg, t, e)))
			out_print(t, c->out, fmt, l->empty);
		out_free(&t);
	}
	ap_account_clear(&acc);
	return rc;
}

/* ---- questions and answers ---- */

static int cmd_questions(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"id", "tier", "type", "options", "text"};
	int fmt, tier, rc;
	if ((rc = cli_format(a, &fmt, e)) || (rc = cli_enum(a, "tier", &ap_tiers, -1, &tier, e)) ||
	    (rc = cli_qbank(c, e)))
		return rc;
	out_table *t = out_new(cols, 5);
	for (size_t i = 0; i < c->qb.n; i++) {
		const qb_question *q = &c->qb.q[i];
		if (tier >= 0 && q->tier != tier)
			continue;
		ap_buf opts = {0};
		for (int k = 0; k < q->noptions; k++)
			buf_printf(&opts, "%s%s", k ? "|" : "", q->options[k]);
		out_str(t, q->id);
		out_str(t, ap_tiers.names[q->tier]);
		out_str(t, qb_types.names[q->type]);
		out_str(t, opts.s ? opts.s : "");
		out_str(t, q->text);
		buf_free(&opts);
	}
	out_print(t, c->out, fmt, "no questions");
	out_free(&t);
	return AP_OK;
}

static int cmd_answer(cli_ctx *c, const cli_args *a, ap_err *e)
{
	int source, confidence, rc;
	char *value = NULL;
	const char *by = arg_opt(a, "by"), *date = arg_opt(a, "date");
	if ((rc = cli_enum(a, "source", &ap_sources, SRC_CONVERSATION, &source, e)) ||
	    (rc = cli_enum(a, "confidence", &ap_confidences, CONF_MEDIUM, &confidence, e)) ||
	    (rc = cli_text("--by", by, 0, e)) || (date && (rc = ap_date_check("--date", date, NULL, e))) ||
	    (rc = cli_qbank(c, e)))
		return rc;
	const qb_question *q = qbank_lookup(&c->qb, a->pos[1], e);
	if (!q)
		return AP_EINPUT;
	if ((rc = cli_text_arg(a->pos[2], &value, e)))
		return rc;
	ap_account acc = {0};
	if (!(rc = cli_text("answer", value, 1, e)) && !*value)
		rc = ap_fail(e, AP_EINPUT, "answer is empty");
	if (!rc)
		rc = qbank_check_answer(q, value, e);
	if (!rc)
		rc = cli_account(c, a->pos[0], &acc, e);
	if (!rc)
		rc = store_answer_add(c->st, acc.id, q->id, value, source, confidence,
			by ? by : c->cfg.user_name, date, e);
	if (!rc)
		fprintf(c->out, "answered '%s' for %s\n", q->id, acc.name);
	ap_account_clear(&acc);
	free(value);
	return rc;
}

static int history_rows(store *st, long long account, const void *question, out_table *t, ap_err *e)
{
	ap_answers list = {0};
	int rc = store_answer_history(st, account, question, &list, e);
	for (size_t i = 0; !rc && i < list.n; i++) {
		const ap_answer *an = &list.v[i];
		out_str(t, an->date);
		out_str(t, an->value);
		out_str(t, ap_name(&ap_sources, an->source, NULL));
		out_str(t, ap_name(&ap_confidences, an->confidence, NULL));
		out_str(t, an->author);
	}
	ap_vec_free(&list, ap_answer_clear);
	return rc;
}

static int cmd_history(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"date", "value", "source", "confidence", "by"};
	static const listing l = LISTING(cols, "not answered yet", history_rows);
	int fmt, rc;
	if ((rc = cli_format(a, &fmt, e)) || (rc = cli_qbank(c, e)))
		return rc;
	const qb_question *q = qbank_lookup(&c->qb, a->pos[1], e);
	return q ? list_records(c, a, &l, q->id, e) : AP_EINPUT;
}

/* ---- contacts ---- */

static int cmd_contact_add(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_contact ct = {.name = a->pos[1], .title = (char *)arg_opt(a, "title"),
		.reports_to = (char *)arg_opt(a, "reports-to")};
	ap_account acc = {0};
	int rc;
	if ((rc = cli_enum(a, "role", &ap_roles, -1, &ct.role, e)) ||
	    (rc = cli_enum(a, "tier", &ap_tiers, TIER_SALES, &ct.tier, e)) ||
	    (rc = ap_name_check("contact name", ct.name, e)) || (rc = cli_text("--title", ct.title, 0, e)) ||
	    (rc = cli_text("--reports-to", ct.reports_to, 0, e)))
		return rc;
	if (!(rc = cli_account(c, a->pos[0], &acc, e)) && !(rc = store_contact_add(c->st, acc.id, &ct, e)))
		fprintf(c->out, "added contact '%s' to %s\n", ct.name, acc.name);
	ap_account_clear(&acc);
	return rc;
}

static int contact_rows(store *st, long long account, const void *arg, out_table *t, ap_err *e)
{
	(void)arg;
	ap_contacts list = {0};
	int rc = store_contact_list(st, account, &list, e);
	for (size_t i = 0; !rc && i < list.n; i++) {
		const ap_contact *ct = &list.v[i];
		out_str(t, ct->name);
		out_str(t, ct->title);
		out_str(t, ap_name(&ap_roles, ct->role, NULL));
		out_str(t, ap_name(&ap_tiers, ct->tier, NULL));
		out_str(t, *ct->reports_to ? ct->reports_to : NULL);
	}
	ap_vec_free(&list, ap_contact_clear);
	return rc;
}

static int cmd_contact_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"name", "title", "role", "tier", "reports_to"};
	static const listing l = LISTING(cols, "no contacts", contact_rows);
	return list_records(c, a, &l, NULL, e);
}

/* One remover for the name-keyed records: contact, competitor, end customer. */
static int remove_named(cli_ctx *c, const cli_args *a, const char *kind,
	int (*fn)(store *, long long, const char *, ap_err *), ap_err *e)
{
	ap_account acc = {0};
	int rc = cli_account(c, a->pos[0], &acc, e);
	if (!rc && !(rc = fn(c->st, acc.id, a->pos[1], e)))
		fprintf(c->out, "removed %s '%s' from %s\n", kind, a->pos[1], acc.name);
	ap_account_clear(&acc);
	return rc;
}

static int cmd_contact_remove(cli_ctx *c, const cli_args *a, ap_err *e)
{
	return remove_named(c, a, "contact", store_contact_remove, e);
}

/* ---- competitors ---- */

static int cmd_competitor_add(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_competitor co = {.name = a->pos[1], .differentiator = (char *)arg_opt(a, "differentiator")};
	ap_account acc = {0};
	int rc;
	if ((rc = ap_name_check("competitor name", co.name, e)) ||
	    (rc = cli_text("--differentiator", co.differentiator, 1, e)))
		return rc;
	if (!(rc = cli_account(c, a->pos[0], &acc, e)) && !(rc = store_competitor_add(c->st, acc.id, &co, e)))
		fprintf(c->out, "added competitor '%s' to %s\n", co.name, acc.name);
	ap_account_clear(&acc);
	return rc;
}

static int competitor_rows(store *st, long long account, const void *arg, out_table *t, ap_err *e)
{
	(void)arg;
	ap_competitors list = {0};
	int rc = store_competitor_list(st, account, &list, e);
	for (size_t i = 0; !rc && i < list.n; i++) {
		out_str(t, list.v[i].name);
		out_str(t, list.v[i].differentiator);
	}
	ap_vec_free(&list, ap_competitor_clear);
	return rc;
}

static int cmd_competitor_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"name", "differentiator"};
	static const listing l = LISTING(cols, "no competitors", competitor_rows);
	return list_records(c, a, &l, NULL, e);
}

static int cmd_competitor_remove(cli_ctx *c, const cli_args *a, ap_err *e)
{
	return remove_named(c, a, "competitor", store_competitor_remove, e);
}

/* ---- end customers ---- */

static int cmd_endcustomer_add(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_endcustomer ec = {.name = a->pos[1], .industry = (char *)arg_opt(a, "industry"),
		.ask = (char *)arg_opt(a, "ask")};
	ap_account acc = {0};
	int rc;
	if ((rc = cli_enum(a, "trend", &ap_trends, -1, &ec.trend, e)) ||
	    (rc = ap_name_check("end customer name", ec.name, e)) || (rc = cli_text("--industry", ec.industry, 0, e)) ||
	    (rc = cli_text("--ask", ec.ask, 1, e)))
		return rc;
	if (!(rc = cli_account(c, a->pos[0], &acc, e)) && !(rc = store_endcustomer_add(c->st, acc.id, &ec, e)))
		fprintf(c->out, "added end customer '%s' to %s\n", ec.name, acc.name);
	ap_account_clear(&acc);
	return rc;
}

static int endcustomer_rows(store *st, long long account, const void *arg, out_table *t, ap_err *e)
{
	(void)arg;
	ap_endcustomers list = {0};
	int rc = store_endcustomer_list(st, account, &list, e);
	for (size_t i = 0; !rc && i < list.n; i++) {
		const ap_endcustomer *ec = &list.v[i];
		out_str(t, ec->name);
		out_str(t, ec->industry);
		out_str(t, ap_name(&ap_trends, ec->trend, NULL));
		out_str(t, ec->ask);
	}
	ap_vec_free(&list, ap_endcustomer_clear);
	return rc;
}

static int cmd_endcustomer_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"name", "industry", "trend", "ask"};
	static const listing l = LISTING(cols, "no end customers", endcustomer_rows);
	return list_records(c, a, &l, NULL, e);
}

static int cmd_endcustomer_remove(cli_ctx *c, const cli_args *a, ap_err *e)
{
	return remove_named(c, a, "end customer", store_endcustomer_remove, e);
}

/* ---- meetings ---- */

static int cmd_meeting_add(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_meeting m = {.date = (char *)arg_opt(a, "date")};
	ap_account acc = {0};
	char *summary = NULL;
	int rc, shared = 0;
	const char *sh = arg_opt(a, "shared");
	if (!arg_opt(a, "tier") || !arg_opt(a, "kind") || !m.date)
		return ap_fail(e, AP_EINPUT, "meeting add: --tier, --date and --kind are required");
	if ((rc = cli_enum(a, "tier", &ap_tiers, -1, &m.tier, e)) ||
	    (rc = cli_enum(a, "kind", &ap_meetkinds, -1, &m.kind, e)) ||
	    (rc = cli_enum(a, "news", &ap_news, NEWS_NONE, &m.news, e)) ||
	    (rc = ap_date_check("--date", m.date, NULL, e)))
		return rc;
	if (sh && strcmp(sh, "yes") != 0 && strcmp(sh, "no") != 0)
		return ap_fail(e, AP_EINPUT, "--shared: expected yes or no, not '%s'", sh);
	shared = sh && strcmp(sh, "yes") == 0;
	if (sh && m.news == NEWS_NONE)
		return ap_fail(e, AP_EINPUT, "--shared says whether news was shared; give --news good or bad too");
	m.shared = shared;
	if ((rc = cli_text_arg(a->pos[1], &summary, e)))
		return rc;
	m.summary = summary;
	if (!(rc = cli_text("meeting summary", summary, 1, e)) && !(rc = cli_account(c, a->pos[0], &acc, e))) {
		long long id;
		if (!(rc = store_meeting_add(c->st, acc.id, &m, &id, e)))
			fprintf(c->out, "added meeting #%lld to %s\n", id, acc.name);
	}
	free(summary);
	ap_account_clear(&acc);
	return rc;
}

static int meeting_rows(store *st, long long account, const void *arg, out_table *t, ap_err *e)
{
	(void)arg;
	ap_meetings list = {0};
	int rc = store_meeting_list(st, account, &list, e);
	for (size_t i = 0; !rc && i < list.n; i++) {
		const ap_meeting *m = &list.v[i];
		out_int(t, m->id);
		out_str(t, m->date);
		out_str(t, ap_name(&ap_tiers, m->tier, NULL));
		out_str(t, ap_name(&ap_meetkinds, m->kind, NULL));
		out_str(t, ap_name(&ap_news, m->news, "none"));
		out_bool(t, m->shared);
		out_str(t, m->summary);
	}
	ap_vec_free(&list, ap_meeting_clear);
	return rc;
}

static int cmd_meeting_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"id", "date", "tier", "kind", "news", "shared", "summary"};
	static const listing l = LISTING(cols, "no meetings", meeting_rows);
	return list_records(c, a, &l, NULL, e);
}

/* An id as the listings show it, "#7" or "7": digits only, no sign or blank. */
static int parse_id(const char *s, const char *family, long long *id, ap_err *e)
{
	const char *digits = s + (*s == '#');
	size_t n = strspn(digits, "0123456789");
	errno = 0;
	*id = n && !digits[n] ? strtoll(digits, NULL, 10) : 0;
	if (*id <= 0 || errno == ERANGE)
		return ap_fail(e, AP_EINPUT, "'%s' is not a %s id (a positive number, as '%s list' shows)", s, family, family);
	return AP_OK;
}

int cli_remove_by_id(cli_ctx *c, const cli_args *a, const char *family, const char *kind,
	int (*remove)(store *, long long, long long, ap_err *), ap_err *e)
{
	ap_account acc = {0};
	long long id;
	int rc = parse_id(a->pos[1], family, &id, e);
	if (!rc && !(rc = cli_account(c, a->pos[0], &acc, e)) && !(rc = remove(c->st, acc.id, id, e)))
		fprintf(c->out, "removed %s #%lld from %s\n", kind, id, acc.name);
	ap_account_clear(&acc);
	return rc;
}

static int cmd_meeting_remove(cli_ctx *c, const cli_args *a, ap_err *e)
{
	return cli_remove_by_id(c, a, "meeting", "meeting", store_meeting_remove, e);
}

/* ---- notes ---- */

static int note_add(cli_ctx *c, const char *account, const char *text_arg, const cli_args *a, ap_err *e)
{
	/* As many slots as options, so no --tag is ever dropped. */
	const char *tags[CLI_MAX_OPTS];
	int ntags = arg_opt_all(a, "tag", tags, CLI_MAX_OPTS), rc, tier;
	const char *by = arg_opt(a, "by"), *date = arg_opt(a, "date");
	char *body = NULL;
	ap_account acc = {0};
	if ((rc = cli_config(c, e)) ||
	    (rc = cli_enum(a, "tier", &ap_tiers, c->cfg.user_tier, &tier, e)) ||
	    (rc = cli_text("--by", by, 0, e)) || (date && (rc = ap_date_check("--date", date, NULL, e))))
		return rc;
	ap_buf tagbuf = {0};
	for (int i = 0; i < ntags && !rc; i++) {
		if ((rc = cli_text("--tag", tags[i], 0, e)))
			break;
		if (!*tags[i] || strpbrk(tags[i], " \t"))
			rc = ap_fail(e, AP_EINPUT, "--tag '%s': a tag is one word", tags[i]);
		buf_printf(&tagbuf, "%s%s", i ? " " : "", tags[i]);
	}
	if (!rc && !(rc = cli_text_arg(text_arg, &body, e)) && !(rc = cli_text("note", body, 1, e))) {
		if (!*body)
			rc = ap_fail(e, AP_EINPUT, "note is empty");
	}
	if (!rc && !(rc = cli_account(c, account, &acc, e))) {
		ap_note n = {.tier = tier, .author = (char *)(by ? by : c->cfg.user_name), .date = (char *)date,
			.body = body, .tags = tagbuf.s};
		long long id;
		if (!(rc = store_note_add(c->st, acc.id, &n, &id, e)))
			fprintf(c->out, "added note #%lld to %s\n", id, acc.name);
	}
	buf_free(&tagbuf);
	free(body);
	ap_account_clear(&acc);
	return rc;
}

static int cmd_note(cli_ctx *c, const cli_args *a, ap_err *e)
{
	return note_add(c, a->pos[0], a->pos[1], a, e);
}

static int note_rows(store *st, long long account, const void *arg, out_table *t, ap_err *e)
{
	(void)arg;
	ap_notes list = {0};
	int rc = store_note_list(st, account, &list, e);
	for (size_t i = 0; !rc && i < list.n; i++) {
		const ap_note *n = &list.v[i];
		out_int(t, n->id);
		out_str(t, n->date);
		out_str(t, ap_name(&ap_tiers, n->tier, NULL));
		out_str(t, n->author);
		out_str(t, n->tags);
		out_str(t, n->body);
	}
	ap_vec_free(&list, ap_note_clear);
	return rc;
}

static int cmd_note_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"id", "date", "tier", "by", "tags", "text"};
	static const listing l = LISTING(cols, "no notes", note_rows);
	return list_records(c, a, &l, NULL, e);
}

static int cmd_note_remove(cli_ctx *c, const cli_args *a, ap_err *e)
{
	return cli_remove_by_id(c, a, "note", "note", store_note_remove, e);
}

/* ---- search ---- */

#define SEARCH_LIMIT 50

static int cmd_search(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"kind", "account", "id", "date", "text"};
	int fmt, rc;
	const char *q = a->pos[0];
	ap_accounts accs = {0};
	ap_notes notes = {0};
	if ((rc = cli_format(a, &fmt, e)) || (rc = cli_text("search query", q, 0, e)))
		return rc;
	if (!*q)
		return ap_fail(e, AP_EINPUT, "search query is empty");
	if (!(rc = cli_store(c, STORE_EXISTING, e)) && !(rc = store_account_search(c->st, q, SEARCH_LIMIT, &accs, e)) &&
	    !(rc = store_note_search(c->st, q, SEARCH_LIMIT, &notes, e))) {
		out_table *t = out_new(cols, 5);
		for (size_t i = 0; i < accs.n; i++) {
			out_str(t, "account");
			out_str(t, accs.v[i].name);
			out_str(t, NULL);
			out_str(t, accs.v[i].created);
			out_str(t, accs.v[i].industry);
		}
		for (size_t i = 0; i < notes.n; i++) {
			out_str(t, "note");
			out_str(t, notes.v[i].account);
			out_int(t, notes.v[i].id);
			out_str(t, notes.v[i].date);
			out_str(t, notes.v[i].body);
		}
		out_print(t, c->out, fmt, "nothing found");
		out_free(&t);
	}
	ap_vec_free(&accs, ap_account_clear);
	ap_vec_free(&notes, ap_note_clear);
	return rc;
}

#define FMT " [--format text|json|csv]"

const cli_cmd cli_record_cmds[] = {
	{"init", "", "Create the database, or upgrade it to this version's schema", "", 0, 0, cmd_init,
	 "The database is created with mode 0600 (its folder 0700) at the path given by --db,\n"
	 "$ACCTPLAN_DB, [store] path in config.ini, or $XDG_DATA_HOME/acctplan/accounts.db."},
	{"account add", "NAME [--industry X] [--segment key|strategic|growth|other]", "Add an account",
	 "industry= segment=", 1, 1, cmd_account_add, "Names are unique regardless of case. The segment defaults to 'other'."},
	{"account list", "[--format text|json|csv]", "List accounts by name", "format=", 0, 0, cmd_account_list, NULL},
	{"account show", "NAME [--format text|json]", "Show everything known about an account, by tier",
	 "format=", 1, 1, cmd_account_show, NULL},
	{"account edit", "NAME [--name NEW] [--industry X] [--segment S]", "Rename or re-segment an account",
	 "name= industry= segment=", 1, 1, cmd_account_edit, NULL},
	{"account remove", "NAME --yes", "Remove an account and everything recorded about it", "yes", 1, 1,
	 cmd_account_remove, "Without --yes nothing is removed and acctplan says what would go."},
	{"questions", "[--tier sales|product|executive]" FMT, "List the question bank", "tier= format=", 0, 0,
	 cmd_questions, "Defaults come from questions.ini in the assets; [questions] file in config.ini adds or overrides."},
	{"answer", "ACCOUNT QUESTION_ID TEXT [--source S] [--confidence low|medium|high] [--by WHO] [--date YYYY-MM-DD]",
	 "Record the current answer to a question (earlier answers are kept as history)",
	 "source= confidence= by= date=", 3, 3, cmd_answer,
	 "TEXT '-' reads the answer from standard input. --source is one of conversation, meeting,\n"
	 "document, research, assumption (default conversation); --confidence defaults to medium;\n"
	 "--by defaults to [user] name in config.ini; --date to today. A choice question accepts\n"
	 "only its options (see 'acctplan questions')."},
	{"history", "ACCOUNT QUESTION_ID" FMT, "Show every recorded answer to a question, newest first",
	 "format=", 2, 2, cmd_history, NULL},
	{"contact add", "ACCOUNT NAME [--title T] [--role R] [--tier T] [--reports-to NAME]",
	 "Add a contact to the account's org map", "title= role= tier= reports-to=", 2, 2, cmd_contact_add,
	 "--role: decision-maker, po-issuer, payment-releaser, champion, influencer, blocker, user.\n"
	 "--tier: which of our tiers holds the relationship (default sales).\n"
	 "--reports-to: another contact of the same account."},
	{"contact list", "ACCOUNT" FMT, "List an account's contacts", "format=", 1, 1, cmd_contact_list, NULL},
	{"contact remove", "ACCOUNT NAME", "Remove a contact (their reports then report to nobody)", "", 2, 2,
	 cmd_contact_remove, NULL},
	{"competitor add", "ACCOUNT NAME [--differentiator TEXT]", "Record a competitor of the customer",
	 "differentiator=", 2, 2, cmd_competitor_add, NULL},
	{"competitor list", "ACCOUNT" FMT, "List the customer's competitors", "format=", 1, 1, cmd_competitor_list, NULL},
	{"competitor remove", "ACCOUNT NAME", "Remove a competitor", "", 2, 2, cmd_competitor_remove, NULL},
	{"endcustomer add", "ACCOUNT NAME [--industry X] [--ask TEXT] [--trend growing|flat|shrinking]",
	 "Record one of the customer's customers", "industry= ask= trend=", 2, 2, cmd_endcustomer_add, NULL},
	{"endcustomer list", "ACCOUNT" FMT, "List the customer's customers", "format=", 1, 1, cmd_endcustomer_list, NULL},
	{"endcustomer remove", "ACCOUNT NAME", "Remove an end customer", "", 2, 2, cmd_endcustomer_remove, NULL},
	{"meeting add", "ACCOUNT --tier T --date YYYY-MM-DD --kind strategic|tactical [--news good|bad|none] [--shared yes|no] TEXT",
	 "Record an engagement with the customer", "tier= date= kind= news= shared=", 2, 2, cmd_meeting_add,
	 "--news records whether good or bad news came up; --shared whether it was shared with the\n"
	 "customer (default no). TEXT '-' reads the summary from standard input."},
	{"meeting list", "ACCOUNT" FMT, "List an account's meetings, newest first", "format=", 1, 1, cmd_meeting_list, NULL},
	{"meeting remove", "ACCOUNT ID", "Remove a meeting by its id", "", 2, 2, cmd_meeting_remove, NULL},
	{"note", "ACCOUNT TEXT [--tier T] [--by WHO] [--tag TAG]... [--date YYYY-MM-DD]", "Add a field note",
	 "tier= by= tag= date=", 2, 2, cmd_note,
	 "The tier defaults to [user] tier in config.ini. TEXT '-' reads the note from standard input."},
	{"note add", "ACCOUNT TEXT [--tier T] [--by WHO] [--tag TAG]...", "Add a field note (same as 'note')",
	 "tier= by= tag= date=", 2, 2, cmd_note, NULL},
	{"note list", "ACCOUNT" FMT, "List an account's notes, newest first", "format=", 1, 1, cmd_note_list, NULL},
	{"note remove", "ACCOUNT ID", "Remove a note by its id", "", 2, 2, cmd_note_remove, NULL},
	{"search", "QUERY" FMT, "Find accounts by name or industry and notes by their words", "format=", 1, 1,
	 cmd_search, "Each word of QUERY matches words of notes that start with it, accents ignored.\nAccounts come first, then at most 50 notes, newest first."},
	{0},
};
