/* brief.c - gathering a pre-meeting brief: records, flags, agenda, findings. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"

/* More findings than this no longer fit the five minutes before a meeting. */
#define BRIEF_SHARE_MAX 8
/* End customers' asks quoted in the findings. */
#define BRIEF_ASKS_MAX 3
/* Findings quote answers up to this many columns. */
#define BRIEF_QUOTE_COLS 200

char *brief_clip(const char *s, int cols)
{
	const char *nl = strpbrk(s ? s : "", "\r\n");
	char *line = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
	int more = nl && nl[strspn(nl, "\r\n \t")] != '\0';
	if (!more && ap_display_width(line) <= cols)
		return line;
	size_t n = ap_fit(line, cols > 3 ? cols - 3 : 0, NULL);
	while (n > 0 && line[n - 1] == ' ')
		n--;
	char *out = xasprintf("%.*s...", (int)n, line);
	free(line);
	return out;
}

const ap_answer *brief_answer(const brief *b, const char *id)
{
	for (size_t i = 0; i < b->answers.n; i++)
		if (strcmp(b->answers.v[i].question, id) == 0)
			return &b->answers.v[i];
	return NULL;
}

/* ---- who we meet: buying roles first, in the order of the role table ---- */

static int role_rank(int role) { return role >= 0 && role < ROLE_COUNT ? role : ROLE_COUNT; }

static int cmp_contact(const void *x, const void *y)
{
	const ap_contact *a = x, *b = y;
	int ra = role_rank(a->role), rb = role_rank(b->role);
	if (ra != rb)
		return ra - rb;
	return (a->id > b->id) - (a->id < b->id);
}

/* ---- what to ask: the tier's open questions, from the flags ---- */

static unsigned reason_of(const rule_flag *f)
{
	if (strcmp(f->kind, rule_kinds.names[KIND_UNANSWERED]) == 0)
		return BRIEF_UNANSWERED;
	if (strcmp(f->kind, rule_kinds.names[KIND_STALE]) == 0)
		return BRIEF_STALE;
	if (strcmp(f->kind, rule_kinds.names[KIND_WEAK_EVIDENCE]) == 0)
		return BRIEF_WEAK;
	return 0;
}

/* Most severe first; equal ones in the bank's order, which is the pane's. */
static int cmp_ask(const void *x, const void *y)
{
	const brief_ask *a = x, *b = y;
	if (a->severity != b->severity)
		return b->severity - a->severity;
	return (a->q > b->q) - (a->q < b->q);
}

static void build_agenda(brief *b)
{
	for (size_t i = 0; i < b->flags.n; i++) {
		const rule_flag *f = &b->flags.v[i];
		unsigned why = f->tier == b->tier && f->question ? reason_of(f) : 0;
		const qb_question *q = why ? qbank_find(b->qb, f->question) : NULL;
		if (!q)
			continue;
		brief_ask *ask = NULL;
		for (size_t k = 0; k < b->agenda.n && !ask; k++)
			if (b->agenda.v[k].q == q)
				ask = &b->agenda.v[k];
		if (!ask) {
			ask = ap_vec_push(&b->agenda);
			ask->q = q;
			ask->answer = brief_answer(b, q->id);
			ask->severity = f->severity;
		}
		ask->reasons |= why;
		ask->severity = f->severity > ask->severity ? f->severity : ask->severity;
	}
	if (b->agenda.n > 1)
		qsort(b->agenda.v, b->agenda.n, sizeof *b->agenda.v, cmp_ask);
	if (b->agenda.n > BRIEF_AGENDA_MAX) {
		b->agenda_more = b->agenda.n - BRIEF_AGENDA_MAX;
		b->agenda.n = BRIEF_AGENDA_MAX;
	}
}

/* ---- what to share ---- */

static void share(brief *b, int kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void share(brief *b, int kind, const char *fmt, ...)
{
	if (b->share.n >= BRIEF_SHARE_MAX)
		return;
	ap_buf t = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&t, fmt, ap);
	va_end(ap);
	brief_share *s = ap_vec_push(&b->share);
	s->kind = kind;
	s->text = buf_steal(&t);
}

static void share_news(brief *b, int news, int kind, const char *what)
{
	for (size_t i = 0; i < b->meetings.n; i++) {
		const ap_meeting *m = &b->meetings.v[i];
		if (m->news != news || m->shared || m->status != MSTATUS_HELD)
			continue;
		char *summary = brief_clip(m->summary, BRIEF_QUOTE_COLS);
		share(b, kind, "%s from the %s %s meeting is not shared yet%s%s", what, m->date,
			m->tier >= 0 ? ap_tiers.names[m->tier] : "?", *summary ? ": " : "", summary);
		free(summary);
	}
}

static void share_answer(brief *b, const char *id, int kind, const char *lead)
{
	const ap_answer *a = brief_answer(b, id);
	if (!a)
		return;
	char *v = brief_clip(a->value, BRIEF_QUOTE_COLS);
	share(b, kind, "%s: %s", lead, v);
	free(v);
}

static void build_share(brief *b)
{
	share_news(b, NEWS_BAD, SHARE_BAD_NEWS, "Bad news");
	const ap_answer *al = brief_answer(b, "alignment");
	if (al && strcmp(al->value, "diverging") == 0)
		share(b, SHARE_DIVERGING, "Their roadmap is drifting away from where their own customers are going: "
			"say so, with what those customers asked for");
	int asks = 0;
	for (size_t i = 0; i < b->endcustomers.n && asks < BRIEF_ASKS_MAX; i++) {
		const ap_endcustomer *ec = &b->endcustomers.v[i];
		if (!*ec->ask)
			continue;
		char *ask = brief_clip(ec->ask, BRIEF_QUOTE_COLS);
		share(b, SHARE_END_ASK, "What %s%s%s%s ask for: %s", ec->name, *ec->industry ? " (" : "", ec->industry,
			*ec->industry ? ")" : "", ask);
		free(ask);
		asks++;
	}
	share_answer(b, "end_customer_ask", SHARE_END_ASK, "What their customers ask for");
	share_answer(b, "end_industry", SHARE_INSIGHT, "Where their customers' industry is going");
	share_answer(b, "industry_trends", SHARE_INSIGHT, "Trends reshaping their industry");
	share_news(b, NEWS_GOOD, SHARE_GOOD_NEWS, "Good news");
}

/* The decisions of the account's last review: what the team agreed last time. */
static int last_decisions(store *s, long long account, ap_decisions *out, ap_err *e)
{
	long long review = 0;
	char *at = NULL;
	int rc = store_review_last(s, account, 0, &review, &at, e);
	free(at);
	return rc || !review ? rc : store_review_decisions(s, review, account, out, e);
}

/* The give and take, and who of theirs can speak for us: the advocacy
 * records are counted only to know whether there is any. */
static int read_give_take(store *s, long long account, brief *b, ap_err *e)
{
	ap_advocacies all = {0};
	int rc;
	if ((rc = reciprocity_of(s, account, b->today, &b->give_take, e)) ||
	    (rc = store_exchange_list(s, account, &b->exchanges, e)) ||
	    (rc = reciprocity_advocates(s, account, -1, b->today, &b->advocates, e)) ||
	    (rc = store_advocacy_list(s, account, &all, e)))
		return rc;
	reciprocity_newest_per_contact(&b->advocates);
	b->advocacy_ever = (long long)all.n;
	ap_vec_free(&all, ap_advocacy_clear);
	return AP_OK;
}

static int brief_read(store *s, const rules *r, long long account, brief *b, ap_err *e)
{
	int rc;
	if ((rc = store_account_get_id(s, account, &b->acc, e)) ||
	    (rc = store_answer_current(s, account, &b->answers, e)) ||
	    (rc = store_contact_list(s, account, &b->contacts, e)) ||
	    (rc = store_endcustomer_list(s, account, &b->endcustomers, e)) ||
	    (rc = store_meeting_list(s, account, &b->meetings, e)) ||
	    (rc = store_note_list(s, account, &b->notes, e)) ||
	    (rc = store_driver_list(s, account, &b->drivers, e)) ||
	    (rc = store_last_touches(s, account, &b->touches, e)) ||
	    (rc = store_action_list(s, &(store_action_query){account, 0, ASTATUS_OPEN, NULL}, &b->actions, e)) ||
	    (rc = last_decisions(s, account, &b->decisions, e)) ||
	    (rc = read_give_take(s, account, b, e)) ||
	    (rc = trend_of(s, rules_money(r), account, b->today, &b->trend, e)))
		return rc;
	return rules_eval(r, s, b->qb, account, b->today, 0, &b->flags, e);
}

/* The tier's planned meeting nearest ahead (meetings come newest first). */
static const ap_meeting *next_meeting(const brief *b)
{
	char today[11];
	ap_date_format(b->today, today);
	const ap_meeting *next = NULL;
	for (size_t i = 0; i < b->meetings.n; i++) {
		const ap_meeting *m = &b->meetings.v[i];
		if (m->status == MSTATUS_PLANNED && m->tier == b->tier && strcmp(m->date, today) >= 0)
			next = m;
	}
	return next;
}

int brief_build(store *s, const qbank *qb, const rules *r, long long account, int tier, long today,
	brief *b, ap_err *e)
{
	memset(b, 0, sizeof *b);
	b->qb = qb;
	b->tier = tier;
	b->today = today;
	/* One snapshot, so a write by another process cannot land between the reads. */
	int rc = store_snapshot_begin(s, e);
	if (!rc) {
		rc = brief_read(s, r, account, b, e);
		store_snapshot_end(s);
	}
	if (rc) {
		brief_free(b);
		return rc;
	}
	if (b->contacts.n > 1)
		qsort(b->contacts.v, b->contacts.n, sizeof *b->contacts.v, cmp_contact);
	b->next = next_meeting(b);
	for (size_t i = 0; i < b->flags.n; i++)
		if (b->flags.v[i].severity >= 0 && b->flags.v[i].severity < SEVERITY_COUNT)
			b->by_severity[b->flags.v[i].severity]++;
	build_agenda(b);
	build_share(b);
	return AP_OK;
}

static void share_clear(brief_share *s)
{
	free(s->text);
	s->text = NULL;
}

void brief_free(brief *b)
{
	ap_account_clear(&b->acc);
	ap_vec_free(&b->answers, ap_answer_clear);
	ap_vec_free(&b->contacts, ap_contact_clear);
	ap_vec_free(&b->endcustomers, ap_endcustomer_clear);
	ap_vec_free(&b->meetings, ap_meeting_clear);
	ap_vec_free(&b->notes, ap_note_clear);
	ap_vec_free(&b->drivers, ap_driver_clear);
	ap_vec_free(&b->actions, ap_action_clear);
	ap_vec_free(&b->decisions, ap_decision_clear);
	ap_vec_free(&b->exchanges, ap_exchange_clear);
	ap_vec_free(&b->advocates, ap_advocacy_clear);
	free(b->touches.v);
	ap_vec_free(&b->flags, rule_flag_clear);
	free(b->agenda.v);   /* its items borrow from the question bank and the answers */
	ap_vec_free(&b->share, share_clear);
	memset(b, 0, sizeof *b);
}
