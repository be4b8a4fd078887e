/* portfolio.c - building the executive synthesis from a few set-based reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/portfolio.h"
#include "acctplan/store_report.h"

#define PF_NAME_(id, name) name,
static const char *const pf_evidence_v[] = {PF_EVIDENCE_TABLE(PF_NAME_)};
#undef PF_NAME_
const ap_names pf_evidences = {"evidence", pf_evidence_v, PF_EVIDENCE_COUNT};

const char *pf_evidence_label(int evidence)
{
	static const char *const labels[] = {"heard from customers", "desk research", "guess", "not answered"};
	return evidence >= 0 && evidence < PF_EVIDENCE_COUNT ? labels[evidence] : "?";
}

/* The answers the synthesis reads besides coverage, as slots of a question. */
enum { Q_ALIGNMENT, Q_POSTURE, Q_OUTLOOK, Q_END_CUSTOMERS, Q_END_INDUSTRY, Q_SLOTS };
static const char *const report_questions[Q_SLOTS] = {
	"alignment", "posture", "demand_outlook", "end_customers", "end_industry",
};

struct id_index {
	long long id;
	size_t idx;
};

struct question_tier {
	const char *id;
	int tier;
	int slot;   /* index in report_questions, -1 for the others */
};

typedef struct builder {
	portfolio *p;
	const qbank *qb;
	const qb_question *choice[3];     /* alignment, posture, outlook (NULL when not in the bank) */
	int questions[TIER_COUNT];        /* per tier, in the bank */
	struct question_tier *qt;         /* the bank's ids, sorted for bsearch */
	struct id_index *ids;             /* account ids, sorted for bsearch */
	AP_VEC(pf_account) acc;
	signed char (*source)[2];         /* per account: sources of end_customers, end_industry */
	AP_VEC(pf_industry) ind;
	char *ind_key;                    /* grouping key of the industry being read */
	long long ind_account;            /* last account added to it */
} builder;

int pf_answered_pct(const pf_coverage *c)
{
	return c->questions > 0 ? (100 * c->answered + c->questions / 2) / c->questions : -1;
}

int pf_fresh_pct(const pf_coverage *c)
{
	return c->questions > 0 ? (100 * c->fresh + c->questions / 2) / c->questions : -1;
}

int pf_outlook_trend(const char *option)
{
	static const char *const outlooks[TREND_COUNT] = {"rising", "steady", "falling"};
	for (int i = 0; option && i < TREND_COUNT; i++)
		if (strcmp(option, outlooks[i]) == 0)
			return i;
	return -1;
}

static int evidence_of(int source)
{
	switch (source) {
	case SRC_CONVERSATION:
	case SRC_MEETING:
		return PF_HEARD;
	case SRC_DOCUMENT:
	case SRC_RESEARCH:
		return PF_DESK;
	case SRC_ASSUMPTION:
		return PF_GUESS;
	default:
		return PF_UNANSWERED;
	}
}

static int choice_index(const qb_question *q, const char *value)
{
	return q && value ? qbank_option(q, value) : -1;
}

static void on_account(void *ctx, long long id, const char *name)
{
	builder *b = ctx;
	pf_account *a = ap_vec_push(&b->acc);
	a->id = id;
	a->name = xstrdup(name);
	a->alignment = a->posture = a->outlook = a->chain = -1;
	for (int t = 0; t < TIER_COUNT; t++) {
		a->cov[t].questions = b->questions[t];
		a->cov[t].last = -1;
	}
}

static int cmp_id(const void *x, const void *y)
{
	long long a = ((const struct id_index *)x)->id, b = ((const struct id_index *)y)->id;
	return (a > b) - (a < b);
}

static int cmp_qid(const void *x, const void *y)
{
	return strcmp(((const struct question_tier *)x)->id, ((const struct question_tier *)y)->id);
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return (a > b) - (a < b);
}

/* Index of the account in p->acc, or -1 for a row of an account not read. */
static long find_account(const builder *b, long long id)
{
	struct id_index key = {id, 0};
	const struct id_index *hit = bsearch(&key, b->ids, b->acc.n, sizeof *b->ids, cmp_id);
	return hit ? (long)hit->idx : -1;
}

static const struct question_tier *question_of(const builder *b, const char *id)
{
	struct question_tier key = {id, 0, 0};
	return bsearch(&key, b->qt, b->qb->n, sizeof *b->qt, cmp_qid);
}

static void on_industry(void *ctx, const char *key, const char *industry, long long account, int trend)
{
	builder *b = ctx;
	long i = find_account(b, account);
	if (i < 0)
		return;
	if (!b->ind_key || strcmp(b->ind_key, key ? key : "") != 0) {
		free(b->ind_key);
		b->ind_key = xstrdup(key);
		b->ind_account = 0;
		ap_vec_push(&b->ind)->name = xstrdup(industry);
	}
	pf_industry *ind = &b->ind.v[b->ind.n - 1];
	/* Spellings differ only in case; the smallest one names the group, whatever the row order. */
	if (industry && strcmp(industry, ind->name) < 0) {
		free(ind->name);
		ind->name = xstrdup(industry);
	}
	if (b->ind_account != account) {
		*ap_vec_push(&ind->accounts) = (size_t)i;
		*ap_vec_push(&ind->evidence[b->acc.v[i].evidence]) = (size_t)i;
		b->ind_account = account;
	}
	*ap_vec_push(&ind->trend[trend >= 0 ? trend : TREND_COUNT]) = (size_t)i;
	b->acc.v[i].has_end_customers = 1;
}

/* One current answer: it covers its tier, and some feed the synthesis. */
static void on_answer(void *ctx, long long account, const char *question, long date, int source, const char *value)
{
	builder *b = ctx;
	long i = find_account(b, account);
	const struct question_tier *q = question_of(b, question);
	if (i < 0 || !q)
		return;
	pf_account *a = &b->acc.v[i];
	pf_coverage *c = &a->cov[q->tier];
	c->answered++;
	if (date >= 0 && b->p->today - date <= b->p->fresh_days[q->tier])
		c->fresh++;
	switch (q->slot) {
	case Q_ALIGNMENT: a->alignment = choice_index(b->choice[0], value); break;
	case Q_POSTURE: a->posture = choice_index(b->choice[1], value); break;
	case Q_OUTLOOK: a->outlook = choice_index(b->choice[2], value); break;
	case Q_END_CUSTOMERS: b->source[i][0] = (signed char)source; break;
	case Q_END_INDUSTRY: b->source[i][1] = (signed char)source; break;
	default: break;
	}
}

/* What an account's view of its end customers rests on, once its answers are read. */
static void set_evidence(builder *b)
{
	for (size_t i = 0; i < b->acc.n; i++) {
		int src = b->source[i][1] >= 0 ? b->source[i][1] : b->source[i][0];
		b->acc.v[i].evidence = evidence_of(src);
	}
}

static void on_engagement(void *ctx, long long account, int tier, long date)
{
	builder *b = ctx;
	long i = find_account(b, account);
	if (i >= 0 && tier >= 0)
		b->acc.v[i].cov[tier].last = date;
}

static void choice_init(pf_choice *c, const qb_question *q, const char *id)
{
	c->question = id;
	c->n = (q ? q->noptions : 0) + 1;
	c->b = xcalloc((size_t)c->n, sizeof *c->b);
	for (int i = 0; i < c->n - 1; i++)
		c->b[i].name = q->options[i];
	c->b[c->n - 1].name = "not answered";
}

static pf_bucket *bucket_of(const pf_choice *c, int option)
{
	return &c->b[option >= 0 && option < c->n - 1 ? option : c->n - 1];
}

/* Roll every driver into the portfolio's totals and its account's outlook
 * bucket; note which way each account's own chain points. */
static int add_drivers(builder *b, store *s, ap_err *e)
{
	portfolio *p = b->p;
	ap_drivers list = {0};
	int rc = store_driver_list(s, 0, &list, e);
	for (size_t k = 0; !rc && k < list.n; k++) {
		const ap_driver *d = &list.v[k];
		long i = find_account(b, d->account_id);
		if (i < 0)
			continue;
		pf_account *a = &p->acc[i];
		demand_chain ch;
		demand_compute(d, &ch);
		demand_add(&p->demand, d, &ch, &p->skipped);
		demand_add(&bucket_of(&p->outlook, a->outlook)->demand, d, &ch, NULL);
		int dir = ch.missing ? -1 : demand_direction(d);
		if (dir >= 0)
			a->chain = a->chain < 0 || a->chain == dir ? dir : PF_CHAIN_MIXED;
	}
	ap_vec_free(&list, ap_driver_clear);
	return rc;
}

static void fill_buckets(portfolio *p)
{
	for (size_t i = 0; i < p->nacc; i++) {
		const pf_account *a = &p->acc[i];
		*ap_vec_push(&bucket_of(&p->alignment, a->alignment)->accounts) = i;
		*ap_vec_push(&bucket_of(&p->posture, a->posture)->accounts) = i;
		*ap_vec_push(&bucket_of(&p->outlook, a->outlook)->accounts) = i;
		if (a->outlook >= 0 && a->outlook < p->outlook.n - 1 && a->chain >= 0 && a->chain < TREND_COUNT) {
			int stated = pf_outlook_trend(p->outlook.b[a->outlook].name);
			if (stated >= 0 && stated != a->chain)
				*ap_vec_push(&p->contradicting) = i;
		}
	}
}

/* Accounts within an industry come by id from the store; show them by name,
 * and the end customers whose industry nobody recorded last. */
static void sort_list(pf_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_size);
}

static void order_industries(builder *b)
{
	for (size_t k = 0; k < b->ind.n; k++) {
		pf_industry *ind = &b->ind.v[k];
		sort_list(&ind->accounts);
		for (int t = 0; t <= TREND_COUNT; t++)
			sort_list(&ind->trend[t]);
		for (int v = 0; v < PF_EVIDENCE_COUNT; v++)
			sort_list(&ind->evidence[v]);
	}
	if (b->ind.n > 1 && !*b->ind.v[0].name) {
		pf_industry blank = b->ind.v[0];
		memmove(&b->ind.v[0], &b->ind.v[1], (b->ind.n - 1) * sizeof blank);
		b->ind.v[b->ind.n - 1] = blank;
	}
}

static void builder_init(builder *b, portfolio *p, const qbank *qb)
{
	memset(b, 0, sizeof *b);
	b->p = p;
	b->qb = qb;
	for (int c = 0; c < 3; c++) {
		const qb_question *q = qbank_find(qb, report_questions[c]);
		b->choice[c] = q && q->type == QB_CHOICE ? q : NULL;
	}
	b->qt = xcalloc(qb->n ? qb->n : 1, sizeof *b->qt);
	for (size_t i = 0; i < qb->n; i++) {
		b->qt[i].id = qb->q[i].id;
		b->qt[i].tier = qb->q[i].tier;
		b->qt[i].slot = -1;
		for (int k = 0; k < Q_SLOTS; k++)
			if (strcmp(qb->q[i].id, report_questions[k]) == 0)
				b->qt[i].slot = k;
		if (qb->q[i].tier >= 0 && qb->q[i].tier < TIER_COUNT)
			b->questions[qb->q[i].tier]++;
	}
	if (qb->n > 1)
		qsort(b->qt, qb->n, sizeof *b->qt, cmp_qid);
	choice_init(&p->alignment, b->choice[0], report_questions[Q_ALIGNMENT]);
	choice_init(&p->posture, b->choice[1], report_questions[Q_POSTURE]);
	choice_init(&p->outlook, b->choice[2], report_questions[Q_OUTLOOK]);
}

/* After the accounts are read: the id index and the portfolio's account array. */
static void index_accounts(builder *b)
{
	portfolio *p = b->p;
	b->ids = xcalloc(b->acc.n ? b->acc.n : 1, sizeof *b->ids);
	for (size_t i = 0; i < b->acc.n; i++)
		b->ids[i] = (struct id_index){b->acc.v[i].id, i};
	if (b->acc.n > 1)
		qsort(b->ids, b->acc.n, sizeof *b->ids, cmp_id);
	b->source = xmalloc((b->acc.n ? b->acc.n : 1) * sizeof *b->source);
	memset(b->source, -1, (b->acc.n ? b->acc.n : 1) * sizeof *b->source);
	p->acc = b->acc.v;
	p->nacc = b->acc.n;
}

void portfolio_fresh_days(const rules *r, int days[TIER_COUNT])
{
	for (int t = 0; t < TIER_COUNT; t++)
		days[t] = 0;
	for (size_t i = 0; r && i < rules_count(r); i++) {
		rule_info ri;
		rules_get(r, i, &ri);
		const char *p = ri.params ? strstr(ri.params, "max_age_days = ") : NULL;
		int n;
		if (!ri.enabled || strcmp(ri.kind, "stale") != 0 || ri.tier < 0 || ri.tier >= TIER_COUNT || !p ||
		    sscanf(p, "max_age_days = %d", &n) != 1 || n <= 0)
			continue;
		if (days[ri.tier] == 0 || n < days[ri.tier])
			days[ri.tier] = n;
	}
	for (int t = 0; t < TIER_COUNT; t++)
		if (days[t] == 0)
			days[t] = PORTFOLIO_FRESH_DAYS;
}

int portfolio_build(store *s, const qbank *qb, long today, const int fresh_days[TIER_COUNT],
	portfolio *p, ap_err *e)
{
	builder b;
	memset(p, 0, sizeof *p);
	p->today = today;
	for (int t = 0; t < TIER_COUNT; t++)
		p->fresh_days[t] = fresh_days[t] > 0 ? fresh_days[t] : PORTFOLIO_FRESH_DAYS;
	builder_init(&b, p, qb);
	/* Answers before industries: an industry's evidence is its accounts'. */
	int rc = store_report_accounts(s, on_account, &b, e);
	index_accounts(&b);
	if (!rc)
		rc = store_report_answers(s, on_answer, &b, e);
	set_evidence(&b);
	if (!rc)
		rc = store_report_industries(s, on_industry, &b, e);
	if (!rc)
		rc = store_report_last_engagements(s, on_engagement, &b, e);
	if (!rc)
		rc = add_drivers(&b, s, e);
	order_industries(&b);
	p->ind = b.ind.v;
	p->nind = b.ind.n;
	for (size_t i = 0; i < p->nacc; i++)
		p->without_end_customers += !p->acc[i].has_end_customers;
	fill_buckets(p);
	free(b.ind_key);
	free(b.qt);
	free(b.ids);
	free(b.source);
	if (rc)
		portfolio_free(p);
	return rc;
}

static void choice_free(pf_choice *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->b[i].accounts.v);
		ap_vec_free(&c->b[i].demand, demand_total_clear);
	}
	free(c->b);
	c->b = NULL;
	c->n = 0;
}

void portfolio_free(portfolio *p)
{
	for (size_t i = 0; i < p->nacc; i++)
		free(p->acc[i].name);
	free(p->acc);
	for (size_t k = 0; k < p->nind; k++) {
		pf_industry *ind = &p->ind[k];
		free(ind->name);
		free(ind->accounts.v);
		for (int t = 0; t <= TREND_COUNT; t++)
			free(ind->trend[t].v);
		for (int v = 0; v < PF_EVIDENCE_COUNT; v++)
			free(ind->evidence[v].v);
	}
	free(p->ind);
	choice_free(&p->alignment);
	choice_free(&p->posture);
	choice_free(&p->outlook);
	ap_vec_free(&p->demand, demand_total_clear);
	free(p->contradicting.v);
	memset(p, 0, sizeof *p);
}
