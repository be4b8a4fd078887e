/* cli_accounts.c - init and the account commands: add, list, show, edit, remove. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"
#include "acctplan/json.h"
#include "acctplan/reciprocity.h"
#include "acctplan/revenue.h"
#include "acctplan/trend.h"
#include "cli_internal.h"

/* ---- init ---- */

static int cmd_init(cli_ctx *c, const cli_args *a, ap_err *e)
{
	(void)a;
	int rc = cli_store(c, STORE_CREATE, e);
	if (rc)
		return rc;
	int was = store_opened_version(c->st);
	char *db = cli_db_shown(c);
	if (was == 0)
		fprintf(c->out, "created %s (schema version %d)\n", db, STORE_SCHEMA_VERSION);
	else if (was < STORE_SCHEMA_VERSION)
		fprintf(c->out, "upgraded %s from schema version %d to %d\n", db, was, STORE_SCHEMA_VERSION);
	else
		fprintf(c->out, "%s is up to date (schema version %d)\n", db, STORE_SCHEMA_VERSION);
	free(db);
	return AP_OK;
}

/* ---- accounts ---- */

/* Removing an account removes everything recorded about it: only with --yes. */
int cli_account_confirm(const cli_args *a, const void *rec, ap_err *e)
{
	const ap_account *acc = rec;
	if (arg_flag(a, "yes"))
		return AP_OK;
	return ap_fail(e, AP_EINPUT, "removing '%s' also removes its answers, contacts, competitors, end customers, "
		"meetings, notes, snoozes and demand drivers; add --yes to confirm", acc->name);
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
	revenue orders;     /* its orders of the trailing twelve months */
	order_trend trend;  /* how fast its orders grow */
	reciprocity give_take;   /* what we gave and took in the last twelve months */
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
	    (rc = store_driver_list(c->st, id, &v->drivers, e)) ||
	    (rc = revenue_of(c->st, &c->cfg, id, ap_today(), &v->orders, e)) ||
	    (rc = trend_of(c->st, &c->cfg, id, ap_today(), &v->trend, e)))
		return rc;
	if ((rc = reciprocity_of(c->st, id, ap_today(), &v->give_take, e)))
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
		if (!qbank_in_tier(q, tier))
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
	if (v->orders.ncur) {
		ap_buf b = {0};
		revenue_text(&v->orders, &b);
		fprintf(f, "\nOrders, %s to %s: %s\n", v->orders.from, v->orders.to, b.s);
		buf_free(&b);
	}
	if (v->trend.why != TREND_NO_ORDERS) {
		ap_buf b = {0};
		trend_text(&v->trend, &b);
		trend_drivers_text(&v->trend, &v->drivers, &b);
		fprintf(f, "%sOrder growth: %s\n", v->orders.ncur ? "" : "\n", b.s);
		buf_free(&b);
	}
	if (reciprocity_known(&v->give_take)) {
		ap_buf b = {0};
		reciprocity_text(&v->give_take, &b);
		fprintf(f, "\nGive and take, %s to %s: %s\n", v->give_take.from, v->give_take.to, b.s);
		buf_free(&b);
	}
	cli_flags_text(f, &v->flags);
}

/* A member of the current answer, null when the question is not answered. */
static void answer_member(json_w *w, const rec_field *f, const ap_answer *an)
{
	if (an) {
		cli_rec_member(w, f, an);
	} else {
		jw_key(w, f->key);
		jw_null(w);
	}
}

void cli_answer_json(json_w *w, const qb_question *q, const ap_answer *an)
{
	const rec_kind *k = &rec_kinds[REC_ANSWER];
	jw_obj(w);
	answer_member(w, rec_id_field(k), an);
	jw_kstr(w, "question", q->id);
	jw_kstr(w, "tier", ap_tiers.names[q->tier]);
	for (int j = 0; j < k->nfields; j++) {
		const rec_field *f = &k->fields[j];
		if (!(f->flags & RF_META) && (f->opt || (f->flags & RF_ARG)))
			answer_member(w, f, an);
	}
	jw_kint(w, "versions", an ? an->versions : 0);
	jw_obj_end(w);
}

/* Every question of the bank, answered or not. */
static void show_json_answers(json_w *w, const qbank *qb, const account_view *v)
{
	jw_key(w, "answers");
	jw_arr(w);
	for (size_t i = 0; i < qb->n; i++)
		cli_answer_json(w, &qb->q[i], view_answer(v, qb->q[i].id));
	jw_arr_end(w);
}

/* Every record with its id and version, as 'KIND list --format json' gives it. */
static void show_json_records(json_w *w, const account_view *v)
{
	cli_rec_json_array(w, "contacts", REC_CONTACT, v->contacts.v, v->contacts.n);
	cli_rec_json_array(w, "competitors", REC_COMPETITOR, v->competitors.v, v->competitors.n);
	cli_rec_json_array(w, "end_customers", REC_ENDCUSTOMER, v->endcustomers.v, v->endcustomers.n);
	cli_rec_json_array(w, "meetings", REC_MEETING, v->meetings.v, v->meetings.n);
	cli_rec_json_array(w, "notes", REC_NOTE, v->notes.v, v->notes.n);
	cli_rec_json_array(w, "drivers", REC_DRIVER, v->drivers.v, v->drivers.n);
}

static void show_json(FILE *f, const qbank *qb, const account_view *v)
{
	json_w w;
	jw_init(&w, f, NULL, 1);
	jw_obj(&w);
	cli_rec_members(&w, REC_ACCOUNT, &v->acc);
	show_json_answers(&w, qb, v);
	show_json_records(&w, v);
	jw_key(&w, "orders");
	revenue_json(&w, &v->orders);
	jw_key(&w, "order_growth");
	trend_json(&w, &v->trend, &v->drivers);
	if (reciprocity_known(&v->give_take)) {   /* as in text: once there is any */
		jw_key(&w, "give_and_take");
		reciprocity_json(&w, &v->give_take);
	}
	cli_flags_json(&w, &v->flags);
	jw_obj_end(&w);
	(void)jw_end(&w, NULL);   /* nesting fixed at three levels */
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

#define IFV " [--if-version N]"

const cli_cmd cli_account_cmds[] = {
	{"init", "", "Create the database, or upgrade it to this version's schema", "", 0, 0, cmd_init,
	 "The database is created with mode 0600 (its folder 0700) at the path given by --db,\n"
	 "$ACCTPLAN_DB, [store] path in config.ini, or $XDG_DATA_HOME/acctplan/accounts.db."},
	{"account add", "NAME [--industry X] [--segment key|strategic|growth|other]", "Add an account",
	 "industry= segment=", 1, 1, cli_run_add, "Names are unique regardless of case. The segment defaults to 'other'."},
	{"account list", "[--format text|json|csv]", "List accounts by name", "format=", 0, 0, cli_run_list,
	 "JSON and CSV also give each account's id and version (what --if-version compares)."},
	{"account show", "NAME [--format text|json]", "Show everything known about an account, by tier",
	 "format=", 1, 1, cmd_account_show,
	 "--format json gives every record with its id and version, and each answer's id."},
	{"account edit", "NAME|#ID [--name NEW] [--industry X] [--segment S]" IFV,
	 "Rename or re-segment an account, keeping its id", "name= industry= segment= if-version=", 1, 1,
	 cli_run_edit,
	 "Only the options given change. --if-version N writes only if the account is still at\n"
	 "version N (as 'account list --format json' showed it); otherwise nothing is written\n"
	 "and acctplan exits with status 4, saying who changed it and when."},
	{"account remove", "NAME|#ID --yes" IFV, "Remove an account and everything recorded about it",
	 "yes if-version=", 1, 1, cli_run_remove,
	 "Without --yes nothing is removed and acctplan says what would go. --if-version N\n"
	 "removes it only if it is still at version N (exit 4 otherwise)."},
	{0},
};
