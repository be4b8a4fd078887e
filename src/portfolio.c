/* portfolio.c - building the executive synthesis from a few set-based reads. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/portfolio.h"
#include "acctplan/reciprocity.h"
#include "acctplan/relations.h"
#include "acctplan/store_report.h"
#include "acctplan/trend.h"

#define PF_NAME_(id, name) name,
static const char *const pf_evidence_v[] = {PF_EVIDENCE_TABLE(PF_NAME_)};
const ap_names pf_evidences = {"evidence", pf_evidence_v, PF_EVIDENCE_COUNT};
static const char *const pf_weight_v[] = {PF_WEIGHT_TABLE(PF_NAME_)};
const ap_names pf_weight_states = {"demand weight", pf_weight_v, PF_WEIGHT_COUNT};
#undef PF_NAME_
#define PF_NAME_(id, name, label) name,
static const char *const pf_risk_v[] = {PF_RISK_TABLE(PF_NAME_)};
const ap_names pf_risks = {"risk", pf_risk_v, PF_RISK_COUNT};
#undef PF_NAME_

const char *pf_risk_label(int risk)
{
#define PF_LABEL_(id, name, label) label,
	static const char *const labels[] = {PF_RISK_TABLE(PF_LABEL_)};
#undef PF_LABEL_
	return risk >= 0 && risk < PF_RISK_COUNT ? labels[risk] : "?";
}

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

struct question_ref {
	const char *id;
	int slot;       /* index in report_questions, -1 for the others */
	int counted;    /* among the questions coverage counts (a tier's own), -1 for a group's */
	int tier;
};

/* What the newest answer so far to one question of one account counted:
 * answers come by id, so a later one takes back what the one before it
 * counted. A byte per account and question, where a table of the newest
 * answers took sixteen (59 MB at 100,000 accounts). */
enum { ANS_SEEN = 1, ANS_FRESH = 2 };

/* An account as read, before the accounts are sorted by name. */
struct raw_account {
	long long id;
	char *name;
	int segment;
	long created;
};

/* A member of ours by id: its place among the people (before they are
 * sorted) and its function's bit when it touches accounts (active). */
struct member_ref {
	long long id;
	size_t person;
	unsigned touch;
};

/* An account's orders of the revenue window in one currency; the next of
 * its currencies (an index into the pool, -1 for none). */
struct rev_cur {
	char currency[4];
	int next;
	long long minor;
};

/* An account's orders of the trend window, for an account whose orders
 * are held against its chains: per quarter in the currency of its first
 * order, which is the trend's while it is the only one. */
struct trend_acc {
	char currency[4];
	unsigned char any, several, no_rate;
	long long raw[TREND_QUARTERS];
};

/* The end customers' industries met so far, one per key: the industry
 * lowercased and trimmed, which is what groups. */
struct industry_group {
	char *key;
	char *name;       /* its smallest spelling, which names the group */
	size_t rank;      /* place among the groups, the unnamed one last */
};

/* One end customer as read, for grouping by industry: its group (an index
 * into the groups; its rank once they are sorted) and account (an index
 * into the accounts, which are by name). */
struct end_row {
	unsigned group, account;
	int trend;
};

/* An open-addressed table of indices (+1; 0 is empty) keyed by strings:
 * every answer row looks up its question and every end customer its
 * industry, which a hash does in one comparison. */
typedef struct str_index {
	size_t *slot;
	size_t cap;       /* a power of two, more than twice the entries */
} str_index;

struct chain_growth {
	size_t account;
	double growth;
};

typedef struct builder {
	portfolio *p;
	const qbank *qb;
	const qb_question *choice[3];     /* alignment, posture, outlook (NULL when not in the bank) */
	int questions[TIER_COUNT];        /* per tier, in the bank */
	struct question_ref *qr;          /* the bank's questions, by id */
	str_index qindex;                 /* into qr */
	int ncounted;                     /* questions coverage counts */
	struct id_index *ids;             /* account ids, sorted for bsearch */
	long *by_id;                      /* index by id - min_id when ids are dense enough, else NULL */
	long long min_id, max_id;
	AP_VEC(struct raw_account) raw;   /* the accounts as read */
	AP_VEC(pf_account) acc;
	unsigned char *seen;              /* accounts x counted questions: ANS_* */
	signed char (*source)[2];         /* per account, of its answers to end_customers and end_industry */
	AP_VEC(struct member_ref) members;   /* by id */
	AP_VEC(struct industry_group) groups;
	str_index gindex;                 /* into groups, by key */
	AP_VEC(struct end_row) ends;
	ap_buf key;                       /* scratch for an industry's key */
	/* The growth of each driver that has one, by account index: what its
	 * orders are held against. */
	AP_VEC(struct chain_growth) chains;
	const int *diverge_points;        /* per segment, -1: not compared */
	/* Orders: each account's first currency of the revenue window and of
	 * its trend (indices into the pools, -1 for none). */
	const ap_config *cfg;
	int rev_first, rev_last, trend_first;   /* the windows, in months as trend_month counts */
	int *rev_head, *trend_head;
	AP_VEC(struct rev_cur) revs;
	AP_VEC(struct trend_acc) trends;
	/* With a reporting currency, per trend its orders converted into it
	 * one by one as they are read, for an account ordering in several
	 * (the way trend.h converted every account's). */
	char into[4];
	long long (*converted)[TREND_QUARTERS];
} builder;

int pf_answered_pct(const pf_coverage *c)
{
	return c->questions > 0 ? (100 * c->answered + c->questions / 2) / c->questions : -1;
}

int pf_fresh_pct(const pf_coverage *c)
{
	return c->questions > 0 ? (100 * c->fresh + c->questions / 2) / c->questions : -1;
}

double pf_weight_share(const pf_weight *w, int i)
{
	if (!w->complete)
		return NAN;
	return w->now > 0 ? 100.0 * w->by_outlook[i] / w->now : 0;
}

char *pf_unknown_text(const portfolio *p, const pf_unknown *u)
{
	const pf_account *a = &p->acc[u->account];
	const char *outlook = a->outlook >= 0 && a->outlook < p->outlook.n - 1 ? p->outlook.b[a->outlook].name
		: "outlook not answered";
	unsigned steps = u->missing & ~PF_NO_UNIT;
	char *what = demand_missing_text(steps);
	char *s = xasprintf("%s (%s; %s%s%s%s)", a->name, outlook, what, steps ? " not given" : "",
		steps && (u->missing & PF_NO_UNIT) ? ", " : "", u->missing & PF_NO_UNIT ? "no product unit" : "");
	free(what);
	return s;
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

static void on_account(void *ctx, const store_report_account *r)
{
	builder *b = ctx;
	*ap_vec_push(&b->raw) = (struct raw_account){r->id, xstrdup(r->name ? r->name : ""),
		r->segment >= 0 ? r->segment : SEG_OTHER, r->created};
}

/* By name without regard to case, then id: as SQL's ORDER BY lower(name),
 * id orders them on both stores (ASCII letters folded, then bytes). */
static int by_name(const void *x, const void *y)
{
	const struct raw_account *a = x, *b = y;
	const unsigned char *p = (const unsigned char *)a->name, *q = (const unsigned char *)b->name;
	for (;; p++, q++) {
		unsigned c = *p >= 'A' && *p <= 'Z' ? *p + 32u : *p, d = *q >= 'A' && *q <= 'Z' ? *q + 32u : *q;
		if (c != d)
			return c < d ? -1 : 1;
		if (!c)
			break;
	}
	return (a->id > b->id) - (a->id < b->id);
}

/* The accounts read become the portfolio's, by name. */
static void sort_accounts(builder *b)
{
	if (b->raw.n > 1)
		qsort(b->raw.v, b->raw.n, sizeof *b->raw.v, by_name);
	b->acc.v = xcalloc(b->raw.n ? b->raw.n : 1, sizeof *b->acc.v);
	b->acc.n = b->acc.cap = b->raw.n;
	for (size_t i = 0; i < b->raw.n; i++) {
		pf_account *a = &b->acc.v[i];
		a->id = b->raw.v[i].id;
		a->name = b->raw.v[i].name;
		a->segment = b->raw.v[i].segment;
		a->created = b->raw.v[i].created;
		a->alignment = a->posture = a->outlook = a->chain = -1;
		for (int t = 0; t < TIER_COUNT; t++) {
			a->cov[t].questions = b->questions[t];
			a->cov[t].last = -1;
		}
	}
	free(b->raw.v);
	b->raw.v = NULL;
	b->raw.n = b->raw.cap = 0;
}

static int cmp_id(const void *x, const void *y)
{
	long long a = ((const struct id_index *)x)->id, b = ((const struct id_index *)y)->id;
	return (a > b) - (a < b);
}

static size_t hash_str(const char *s)
{
	return (size_t)ap_hash(AP_HASH_START, s, strlen(s));
}

/* Where key is, or the empty slot where it would go; key_of(ctx, i) is the key of entry i. */
static size_t *str_slot(const str_index *x, const char *key, const char *(*key_of)(const void *, size_t),
	const void *ctx)
{
	for (size_t h = hash_str(key) & (x->cap - 1);; h = (h + 1) & (x->cap - 1))
		if (!x->slot[h] || strcmp(key_of(ctx, x->slot[h] - 1), key) == 0)
			return &x->slot[h];
}

/* Make room for one more entry when it would fill half the table; n entries are in it. */
static void str_reserve(str_index *x, size_t n, const char *(*key_of)(const void *, size_t), const void *ctx)
{
	if (2 * (n + 1) < x->cap)
		return;
	str_index old = *x;
	x->cap = old.cap ? old.cap * 2 : 64;
	x->slot = xcalloc(x->cap, sizeof *x->slot);
	for (size_t h = 0; h < old.cap; h++)
		if (old.slot[h])
			*str_slot(x, key_of(ctx, old.slot[h] - 1), key_of, ctx) = old.slot[h];
	free(old.slot);
}

/* Index of the account in p->acc, or -1 for a row of an account not read. */
static long find_account(const builder *b, long long id)
{
	if (b->by_id)
		return id >= b->min_id && id <= b->max_id ? b->by_id[id - b->min_id] : -1;
	struct id_index key = {id, 0};
	const struct id_index *hit = bsearch(&key, b->ids, b->acc.n, sizeof *b->ids, cmp_id);
	return hit ? (long)hit->idx : -1;
}

static const char *question_key(const void *ctx, size_t i) { return ((const builder *)ctx)->qr[i].id; }
static const char *group_key(const void *ctx, size_t i) { return ((const builder *)ctx)->groups.v[i].key; }

static const struct question_ref *question_of(const builder *b, const char *id)
{
	size_t k = *str_slot(&b->qindex, id, question_key, b);
	return k ? &b->qr[k - 1] : NULL;
}

/* ---- answers: coverage, the choices and the evidence ---- */

/* Answers come by id: each one of a counted question replaces what the
 * account's answer before it counted, so the last one read is what counts. */
static void on_answer(void *ctx, const store_report_answer *r)
{
	builder *b = ctx;
	long i = find_account(b, r->account);
	const struct question_ref *q = r->question ? question_of(b, r->question) : NULL;
	if (i < 0 || !q || q->counted < 0)
		return;
	pf_account *a = &b->acc.v[i];
	pf_coverage *c = &a->cov[q->tier];
	unsigned char *was = &b->seen[(size_t)i * (size_t)b->ncounted + (size_t)q->counted];
	int fresh = r->date >= 0 && b->p->today - r->date <= b->p->fresh_days[q->tier];
	if (*was & ANS_SEEN) {
		c->answered--;
		c->fresh -= (*was & ANS_FRESH) != 0;
	}
	*was = (unsigned char)(ANS_SEEN | (fresh ? ANS_FRESH : 0));
	c->answered++;
	c->fresh += fresh;
	int option = q->slot >= Q_ALIGNMENT && q->slot <= Q_OUTLOOK && b->choice[q->slot] && r->value
		? qbank_option(b->choice[q->slot], r->value) : -1;
	if (q->slot == Q_ALIGNMENT)
		a->alignment = option;
	else if (q->slot == Q_POSTURE)
		a->posture = option;
	else if (q->slot == Q_OUTLOOK)
		a->outlook = option;
	else if (q->slot == Q_END_CUSTOMERS || q->slot == Q_END_INDUSTRY)
		b->source[i][q->slot - Q_END_CUSTOMERS] = (signed char)r->source;
}

static int add_answers(builder *b, store *s, ap_err *e)
{
	size_t n = b->acc.n ? b->acc.n : 1;
	b->seen = xcalloc(n * (size_t)(b->ncounted ? b->ncounted : 1), 1);
	b->source = xmalloc(n * sizeof *b->source);
	memset(b->source, -1, n * sizeof *b->source);
	int rc = store_report_answers(s, report_questions, on_answer, b, e);
	/* What an account's view of its end customers rests on: its answer on their industry, else on them. */
	for (size_t i = 0; !rc && i < b->acc.n; i++)
		b->acc.v[i].evidence = evidence_of(b->source[i][1] >= 0 ? b->source[i][1] : b->source[i][0]);
	free(b->seen);
	free(b->source);
	b->seen = NULL;
	b->source = NULL;
	return rc;
}

/* The member of id, by a binary search of the team by id; NULL for none. */
static const struct member_ref *member_of(const builder *b, long long id)
{
	size_t lo = 0, hi = b->members.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->members.v[mid].id == id)
			return &b->members.v[mid];
		if (b->members.v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The bit of the function a member touches accounts for, 0 when they left. */
static unsigned touch_of(const builder *b, long long member)
{
	const struct member_ref *m = member_of(b, member);
	return m ? m->touch : 0;
}

/* The last engagement per tier, and the functions whose members sat in the recent ones. */
static void on_engagement(void *ctx, const store_report_engagement *g)
{
	builder *b = ctx;
	long i = find_account(b, g->account);
	if (i < 0)
		return;
	pf_account *a = &b->acc.v[i];
	if (g->tier >= 0 && g->tier < TIER_COUNT && g->date > a->cov[g->tier].last)
		a->cov[g->tier].last = g->date;
	for (size_t k = 0; k < g->nmembers; k++)
		a->functions |= touch_of(b, g->members[k]);
}

/* Without a team nobody touches anything, and attendees are not read. */
static int add_engagements(builder *b, store *s, ap_err *e)
{
	char since[11];
	rel_touch_since(b->p->today, since);
	return store_report_engagements(s, b->p->has_members ? since : NULL, on_engagement, b, e);
}

/* ---- end customers, grouped by industry ---- */

/* The key of an industry into b->key: case and surrounding blanks do not
 * make another industry (ASCII case, as SQL's lower()). */
static const char *industry_key(builder *b, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	b->key.len = 0;
	buf_add(&b->key, s, n);
	for (char *p = b->key.s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return b->key.s;
}

/* The group of an industry, added when it is the first of its key. */
static size_t industry_group_of(builder *b, const char *industry)
{
	const char *key = industry_key(b, industry);
	str_reserve(&b->gindex, b->groups.n, group_key, b);
	size_t *slot = str_slot(&b->gindex, key, group_key, b);
	if (!*slot) {
		struct industry_group *g = ap_vec_push(&b->groups);
		g->key = xstrdup(key);
		g->name = xstrdup(industry);
		*slot = b->groups.n;
	}
	struct industry_group *g = &b->groups.v[*slot - 1];
	/* Spellings differ only in case: the smallest names the group. */
	if (strcmp(industry, g->name) < 0) {
		free(g->name);
		g->name = xstrdup(industry);
	}
	return *slot - 1;
}

static void on_end_customer(void *ctx, long long account, const char *industry, int trend)
{
	builder *b = ctx;
	long i = find_account(b, account);
	if (i < 0)
		return;
	*ap_vec_push(&b->ends) = (struct end_row){(unsigned)industry_group_of(b, industry ? industry : ""), (unsigned)i,
		trend};
	b->acc.v[i].has_end_customers = 1;
	b->acc.v[i].ends_growing += trend == TREND_GROWING;
	b->acc.v[i].ends_shrinking += trend == TREND_SHRINKING;
}

/* Industries by key, the unnamed one last. */
static int cmp_group(const void *x, const void *y)
{
	const struct industry_group *a = *(struct industry_group *const *)x, *b = *(struct industry_group *const *)y;
	if (!*a->key != !*b->key)
		return *a->key ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* By industry, then account name, then trend. */
static int cmp_end(const void *x, const void *y)
{
	const struct end_row *a = x, *b = y;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->account != b->account)
		return a->account < b->account ? -1 : 1;
	return a->trend - b->trend;
}

/* Rank the groups, then sort the rows by rank: the strings are compared
 * once per industry, not once per comparison of end customers. */
static struct industry_group **rank_groups(builder *b)
{
	struct industry_group **by_rank = xcalloc(b->groups.n ? b->groups.n : 1, sizeof *by_rank);
	for (size_t g = 0; g < b->groups.n; g++)
		by_rank[g] = &b->groups.v[g];
	if (b->groups.n > 1)
		qsort(by_rank, b->groups.n, sizeof *by_rank, cmp_group);
	for (size_t k = 0; k < b->groups.n; k++)
		by_rank[k]->rank = k;
	for (size_t k = 0; k < b->ends.n; k++)
		b->ends.v[k].group = b->groups.v[b->ends.v[k].group].rank;
	if (b->ends.n > 1)
		qsort(b->ends.v, b->ends.n, sizeof *b->ends.v, cmp_end);
	return by_rank;
}

static void group_industries(builder *b)
{
	AP_VEC(pf_industry) ind = {0};
	struct industry_group **by_rank = rank_groups(b);
	for (size_t k = 0; k < b->ends.n; k++) {
		const struct end_row *r = &b->ends.v[k], *prev = k ? &b->ends.v[k - 1] : NULL;
		int same_industry = prev && prev->group == r->group;
		if (!same_industry) {
			/* The group's name moves to the portfolio. */
			ap_vec_push(&ind)->name = by_rank[r->group]->name;
			by_rank[r->group]->name = NULL;
		}
		pf_industry *g = &ind.v[ind.n - 1];
		int same_account = same_industry && prev->account == r->account;
		if (!same_account) {
			*ap_vec_push(&g->accounts) = r->account;
			*ap_vec_push(&g->evidence[b->acc.v[r->account].evidence]) = r->account;
		}
		if (!same_account || prev->trend != r->trend)
			*ap_vec_push(&g->trend[r->trend >= 0 ? r->trend : TREND_COUNT]) = r->account;
	}
	free(by_rank);
	b->p->ind = ind.v;
	b->p->nind = ind.n;
	free(b->ends.v);
	b->ends.v = NULL;
	b->ends.n = b->ends.cap = 0;
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

/* The weighting of d's product unit ("" for none), added in order of first appearance. */
static pf_weight *weight_of(portfolio *p, const char *unit)
{
	for (size_t u = 0; u < p->nweights; u++)
		if (strcmp(p->weights[u].unit, unit) == 0)
			return &p->weights[u];
	p->weights = xrealloc(p->weights, (p->nweights + 1) * sizeof *p->weights);
	pf_weight *w = &p->weights[p->nweights++];
	memset(w, 0, sizeof *w);
	w->unit = xstrdup(unit);
	w->by_outlook = xcalloc((size_t)p->outlook.n, sizeof *w->by_outlook);
	return w;
}

/* Weigh driver d of account i: a complete driver with a product unit adds
 * its demand today to its unit and to the account's outlook; any other
 * makes the account's weight in that unit unknown. Drivers come account by
 * account, so an account is the last unknown of a unit or not there yet. */
static void weigh(portfolio *p, size_t i, const ap_driver *d, const demand_chain *ch)
{
	pf_account *a = &p->acc[i];
	const char *unit = d->product_unit ? d->product_unit : "";
	unsigned missing = ch->missing | (*unit ? 0 : PF_NO_UNIT);
	pf_weight *w = weight_of(p, unit);
	a->missing |= missing;
	if (a->weight == PF_WEIGHT_NONE)
		a->weight = PF_WEIGHT_KNOWN;
	if (!missing) {
		w->complete++;
		w->now += ch->ours[0];
		w->by_outlook[bucket_of(&p->outlook, a->outlook) - p->outlook.b] += ch->ours[0];
		return;
	}
	if (a->weight != PF_WEIGHT_UNKNOWN)
		p->unknown++;
	a->weight = PF_WEIGHT_UNKNOWN;
	if (!w->unknown.n || w->unknown.v[w->unknown.n - 1].account != i)
		ap_vec_push(&w->unknown)->account = i;
	w->unknown.v[w->unknown.n - 1].missing |= missing;
}

/* Roll every driver into the portfolio's totals, its account's outlook
 * bucket and its unit's weighting; note which way each account's own chain
 * points. */
static int add_drivers(builder *b, store *s, ap_err *e)
{
	portfolio *p = b->p;
	/* A driver at a time, in the accounts' order (by name), as the totals
	 * add up and the unknown are listed. */
	store_cursor *cur;
	int rc = store_cursor_open(s, STORE_ROWS_DRIVERS, &cur, e);
	const void *row;
	while (!rc && !(rc = store_cursor_next(cur, &row, e)) && row) {
		const ap_driver *d = row;
		long i = find_account(b, d->account_id);
		if (i < 0)
			continue;
		pf_account *a = &p->acc[i];
		demand_chain ch;
		demand_compute(d, &ch);
		demand_add(&p->demand, d, &ch, &p->skipped);
		demand_add(&bucket_of(&p->outlook, a->outlook)->demand, d, &ch, NULL);
		weigh(p, (size_t)i, d, &ch);
		if (!isnan(d->growth))
			*ap_vec_push(&b->chains) = (struct chain_growth){(size_t)i, d->growth};
		int dir = ch.missing ? -1 : demand_direction(d);
		if (dir >= 0)
			a->chain = a->chain < 0 || a->chain == dir ? dir : PF_CHAIN_MIXED;
	}
	store_cursor_close(&cur);
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
static void builder_init(builder *b, portfolio *p, const qbank *qb)
{
	memset(b, 0, sizeof *b);
	b->p = p;
	b->qb = qb;
	for (int c = 0; c < 3; c++) {
		const qb_question *q = qbank_find(qb, report_questions[c]);
		b->choice[c] = q && q->type == QB_CHOICE ? q : NULL;
	}
	b->qr = xcalloc(qb->n ? qb->n : 1, sizeof *b->qr);
	for (size_t i = 0; i < qb->n; i++) {
		b->qr[i] = (struct question_ref){qb->q[i].id, -1, -1, qb->q[i].tier};
		for (int k = 0; k < Q_SLOTS; k++)
			if (strcmp(qb->q[i].id, report_questions[k]) == 0)
				b->qr[i].slot = k;
		/* Coverage is of the tiers' own questions: a group's are not counted,
		 * nor read for anything else. */
		if (qb->q[i].tier >= 0 && qb->q[i].tier < TIER_COUNT && qb->q[i].group == QB_GROUP_NONE) {
			b->questions[qb->q[i].tier]++;
			b->qr[i].counted = b->ncounted++;
		}
	}
	for (size_t i = 0; i < qb->n; i++) {
		str_reserve(&b->qindex, i, question_key, b);
		*str_slot(&b->qindex, qb->q[i].id, question_key, b) = i + 1;
	}
	choice_init(&p->alignment, b->choice[0], report_questions[Q_ALIGNMENT]);
	choice_init(&p->posture, b->choice[1], report_questions[Q_POSTURE]);
	choice_init(&p->outlook, b->choice[2], report_questions[Q_OUTLOOK]);
}

/* After the accounts are read: their order, the id index and the
 * portfolio's account array. */
static void index_accounts(builder *b)
{
	sort_accounts(b);
	size_t n = b->acc.n ? b->acc.n : 1;
	b->ids = xcalloc(n, sizeof *b->ids);
	for (size_t i = 0; i < b->acc.n; i++)
		b->ids[i] = (struct id_index){b->acc.v[i].id, i};
	if (b->acc.n > 1)
		qsort(b->ids, b->acc.n, sizeof *b->ids, cmp_id);
	/* Ids are usually dense (1..n with a few gaps): then a table beats a
	 * binary search on every one of the hundreds of thousands of rows read. */
	if (b->acc.n > 0) {
		b->min_id = b->ids[0].id;
		b->max_id = b->ids[b->acc.n - 1].id;
		if ((unsigned long long)(b->max_id - b->min_id) < 4 * (unsigned long long)b->acc.n + 64) {
			size_t span = (size_t)(b->max_id - b->min_id) + 1;
			b->by_id = xmalloc(span * sizeof *b->by_id);
			for (size_t k = 0; k < span; k++)
				b->by_id[k] = -1;
			for (size_t i = 0; i < b->acc.n; i++)
				b->by_id[b->ids[i].id - b->min_id] = (long)b->ids[i].idx;
		}
	}
	b->p->acc = b->acc.v;
	b->p->nacc = b->acc.n;
}

/* What the orders as read left, once folded. */
static void orders_free(builder *b)
{
	free(b->revs.v);
	free(b->trends.v);
	free(b->converted);
	free(b->rev_head);
	free(b->trend_head);
	memset(&b->revs, 0, sizeof b->revs);
	memset(&b->trends, 0, sizeof b->trends);
	b->converted = NULL;
	b->rev_head = b->trend_head = NULL;
}

static void builder_free(builder *b)
{
	for (size_t g = 0; g < b->groups.n; g++) {
		free(b->groups.v[g].key);
		free(b->groups.v[g].name);
	}
	free(b->groups.v);
	free(b->gindex.slot);
	free(b->ends.v);
	free(b->chains.v);
	buf_free(&b->key);
	free(b->qindex.slot);
	free(b->qr);
	free(b->ids);
	free(b->by_id);
	free(b->seen);
	free(b->source);
	free(b->members.v);
	orders_free(b);
	for (size_t i = 0; i < b->raw.n; i++)
		free(b->raw.v[i].name);
	free(b->raw.v);
}

/* ---- who holds the relationships ---- */

const pf_person *pf_person_of(const portfolio *p, long long id)
{
	for (size_t i = 0; i < p->people.n; i++)
		if (p->people.v[i].id == id)
			return &p->people.v[i];
	return NULL;
}

/* (member, account) of each contact held, to count the accounts each
 * member holds relationships at: the rows come in the table's order, and
 * sorting these pairs in C is cheaper than asking SQL for an order. */
typedef struct held_pair {
	unsigned person, account;
} held_pair;

struct people_ctx {
	builder *b;
	AP_VEC(held_pair) held;
	unsigned *last;   /* per person, the account of its last pair + 1: a run of one account's contacts makes one */
};

/* Who holds the account's relationships, and the function of its holder. */
static void on_contact(void *ctx, const store_report_contact *c)
{
	struct people_ctx *x = ctx;
	portfolio *p = x->b->p;
	long i = find_account(x->b, c->account);
	if (i < 0)
		return;
	pf_account *a = &p->acc[i];
	int deep = c->level >= LEVEL_CREDIBLE;
	if (deep) {
		a->deep++;
		a->deep_owner = !c->owner || (a->deep_owner && a->deep_owner != c->owner) ? -1 : c->owner;
	}
	if (c->role == ROLE_DECISION_MAKER && c->level <= LEVEL_VENDOR)
		*ap_vec_push(&p->shallow) = (pf_shallow){(size_t)i, xstrdup(c->name), c->level, c->owner};
	const struct member_ref *m = c->owner ? member_of(x->b, c->owner) : NULL;
	if (!m)
		return;
	a->functions |= m->touch;
	pf_person *who = &p->people.v[m->person];
	who->held++;
	who->deep += deep;
	if (x->last[m->person] != (unsigned)i + 1) {
		x->last[m->person] = (unsigned)i + 1;
		*ap_vec_push(&x->held) = (held_pair){(unsigned)m->person, (unsigned)i};
	}
}

static int by_pair(const void *x, const void *y)
{
	const held_pair *a = x, *b = y;
	if (a->person != b->person)
		return a->person < b->person ? -1 : 1;
	return (a->account > b->account) - (a->account < b->account);
}

/* Each member's count of distinct accounts among the pairs. */
static void count_accounts(portfolio *p, held_pair *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, by_pair);
	for (size_t k = 0; k < n; k++)
		if (k == 0 || v[k].person != v[k - 1].person || v[k].account != v[k - 1].account)
			p->people.v[v[k].person].accounts++;
}

static int by_deep(const void *x, const void *y)
{
	const pf_person *a = x, *b = y;
	if (a->deep != b->deep)
		return a->deep < b->deep ? 1 : -1;
	return strcasecmp(a->name, b->name);
}

static int by_shallow(const void *x, const void *y)
{
	const pf_shallow *a = x, *b = y;
	return a->account != b->account ? (a->account < b->account ? -1 : 1) : strcasecmp(a->contact, b->contact);
}

static int by_member_id(const void *x, const void *y)
{
	long long a = ((const struct member_ref *)x)->id, b = ((const struct member_ref *)y)->id;
	return (a > b) - (a < b);
}

/* The team, before anything it touches is read: the people in the store's
 * order, and by id the function each active member touches accounts for. */
static int add_members(builder *b, store *s, ap_err *e)
{
	portfolio *p = b->p;
	ap_members all = {0};
	int rc = store_member_list(s, &all, e);
	for (size_t i = 0; !rc && i < all.n; i++) {
		const ap_member *m = &all.v[i];
		*ap_vec_push(&p->people) = (pf_person){m->id, xstrdup(m->name), m->tier, 0, 0, 0};
		unsigned touch = m->active && m->function >= 0 && m->function < FUNCTION_COUNT ? 1u << m->function : 0;
		*ap_vec_push(&b->members) = (struct member_ref){m->id, i, touch};
	}
	ap_vec_free(&all, ap_member_clear);
	if (b->members.n > 1)
		qsort(b->members.v, b->members.n, sizeof *b->members.v, by_member_id);
	p->has_members = p->people.n > 0;
	return rc;
}

/* Who holds which relationships, and which functions the holders are of. */
static int add_contacts(builder *b, store *s, ap_err *e)
{
	portfolio *p = b->p;
	struct people_ctx x = {b, {0}, xcalloc(p->people.n ? p->people.n : 1, sizeof *x.last)};
	int rc = p->has_members ? store_report_contacts(s, on_contact, &x, e) : AP_OK;
	count_accounts(p, x.held.v, x.held.n);
	free(x.held.v);
	free(x.last);
	for (size_t i = 0; !rc && i < p->nacc; i++)
		if (p->acc[i].deep && p->acc[i].deep_owner > 0)
			*ap_vec_push(&p->one_person) = i;
	if (p->people.n > 1)
		qsort(p->people.v, p->people.n, sizeof *p->people.v, by_deep);
	if (p->shallow.n > 1)
		qsort(p->shallow.v, p->shallow.n, sizeof *p->shallow.v, by_shallow);
	return rc;
}

/* ---- reviews ---- */

static void on_review(void *ctx, long long account, long day)
{
	builder *b = ctx;
	long i = find_account(b, account);
	if (i >= 0 && day > b->acc.v[i].reviewed)
		b->acc.v[i].reviewed = day;
}

void portfolio_review_days(const rules *r, int days[SEGMENT_COUNT])
{
	for (int seg = 0; seg < SEGMENT_COUNT; seg++)
		days[seg] = rules_review_days(r, seg);
}

/* The accounts past their segment's cadence, as the not_reviewed rules see
 * them (rules_review_overdue); read only where there is a cadence. */
static int add_reviews(builder *b, store *s, ap_err *e)
{
	portfolio *p = b->p;
	int any = 0;
	for (int seg = 0; seg < SEGMENT_COUNT; seg++)
		any |= p->review_days[seg] > 0;
	int rc = any ? store_report_reviews(s, on_review, b, e) : AP_OK;
	for (size_t i = 0; !rc && any && i < p->nacc; i++) {
		const pf_account *a = &p->acc[i];
		if (rules_review_overdue(p->review_days[a->segment], p->today, a->created, a->reviewed))
			*ap_vec_push(&p->unreviewed) = i;
	}
	return rc;
}

/* ---- actions ---- */

static int add_actions(portfolio *p, store *s, ap_err *e)
{
	char today[11];
	ap_date_format(p->today, today);
	int rc = store_report_actions(s, today, p->actions_open, p->actions_overdue, e);
	for (int t = 0; !rc && t < TIER_COUNT; t++)
		p->has_actions |= p->actions_open[t] > 0;
	return rc;
}

/* ---- the give and take ---- */

static void on_exchange(void *ctx, long long account, int direction, long long n)
{
	builder *b = ctx;
	long i = find_account(b, account);
	if (i >= 0 && direction >= 0)
		*(direction == XDIR_TAKE ? &b->acc.v[i].taken : &b->acc.v[i].given) += n;
}

struct take_key {
	long long gap;   /* takes over gives */
	size_t i;
};

/* The widest gap first, then by name (the accounts' order). */
static int by_taking(const void *x, const void *y)
{
	const struct take_key *a = x, *b = y;
	if (a->gap != b->gap)
		return a->gap < b->gap ? 1 : -1;
	return (a->i > b->i) - (a->i < b->i);
}

/* One grouped query for the whole portfolio, never one per account. */
static int add_exchanges(builder *b, store *s, ap_err *e)
{
	portfolio *p = b->p;
	reciprocity_window(p->today, p->xch_from, p->xch_to);
	int rc = store_report_exchanges(s, p->xch_from, p->xch_to, on_exchange, b, e);
	struct take_key *k = xcalloc(p->nacc ? p->nacc : 1, sizeof *k);
	size_t n = 0;
	for (size_t i = 0; !rc && i < p->nacc; i++)
		if (p->acc[i].taken > p->acc[i].given)
			k[n++] = (struct take_key){p->acc[i].taken - p->acc[i].given, i};
	if (n > 1)
		qsort(k, n, sizeof *k, by_taking);
	for (size_t j = 0; j < n; j++)
		*ap_vec_push(&p->taking) = k[j].i;
	free(k);
	return rc;
}

/* ---- revenue ---- */

/* The option an account chose for a choice, by name; NULL when none. */
static const char *chosen(const pf_choice *c, int option)
{
	return option >= 0 && option < c->n - 1 ? c->b[option].name : NULL;
}

static int is_option(const pf_choice *c, int option, const char *name)
{
	const char *o = chosen(c, option);
	return o && strcmp(o, name) == 0;
}

static unsigned risk_of(const portfolio *p, const pf_account *a)
{
	unsigned r = 0;
	r |= (unsigned)is_option(&p->alignment, a->alignment, "diverging") << PF_RISK_DIVERGING;
	r |= (unsigned)is_option(&p->posture, a->posture, "catching-up") << PF_RISK_CATCHING_UP;
	r |= (unsigned)(pf_outlook_trend(chosen(&p->outlook, a->outlook)) == TREND_SHRINKING) << PF_RISK_FALLING;
	r |= (unsigned)(a->ends_shrinking > a->ends_growing) << PF_RISK_END_SHRINKING;
	return r;
}

/* Accounts with orders, largest first within a currency; those whose
 * currencies cannot be added up last; otherwise by name (index order). */
struct rev_key {
	int state;
	char currency[4];
	long long amount;
	size_t i;
};

static int cmp_revenue(const void *x, const void *y)
{
	const struct rev_key *a = x, *b = y;
	int c = a->state - b->state;
	if (!c)
		c = strcmp(a->currency, b->currency);
	if (!c && a->amount != b->amount)
		c = a->amount > b->amount ? -1 : 1;
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

static void rank_by_revenue(portfolio *p)
{
	struct rev_key *k = xcalloc(p->nacc ? p->nacc : 1, sizeof *k);
	size_t n = 0;
	for (size_t i = 0; i < p->nacc; i++) {
		const pf_account *a = &p->acc[i];
		if (a->rev_state == PF_REV_NONE)
			continue;
		k[n] = (struct rev_key){a->rev_state, "", a->revenue, i};
		memcpy(k[n++].currency, a->rev_currency, sizeof a->rev_currency);
	}
	if (n > 1)
		qsort(k, n, sizeof *k, cmp_revenue);
	for (size_t j = 0; j < n; j++) {
		*ap_vec_push(&p->by_revenue) = k[j].i;
		if (p->acc[k[j].i].risk)
			*ap_vec_push(&p->risky) = k[j].i;
	}
	free(k);
}

/* One account's sums (rows [from, to) of v): its amount, and into the
 * portfolio's totals, its outlook bucket's and, at risk, the risk total. */
static void account_revenue(portfolio *p, const ap_config *cfg, pf_account *a, const store_order_sum *v, size_t n,
	store_order_sums_v *all, store_order_sums_v *risky, store_order_sums_v *outlook)
{
	revenue r;
	const char *cur;
	memset(&r, 0, sizeof r);
	revenue_fold(cfg, v, n, &r);
	a->rev_state = revenue_single(&r, &a->revenue, &cur) ? PF_REV_ONE : PF_REV_MIXED;
	if (a->rev_state == PF_REV_ONE)
		snprintf(a->rev_currency, sizeof a->rev_currency, "%s", cur);
	size_t bucket = (size_t)(bucket_of(&p->outlook, a->outlook) - p->outlook.b);
	for (size_t k = 0; k < n; k++) {
		revenue_sum(all, v[k].currency, v[k].minor);
		revenue_sum(&outlook[bucket], v[k].currency, v[k].minor);
		if (a->risk)
			revenue_sum(risky, v[k].currency, v[k].minor);
	}
}

static int by_chain_account(const void *x, const void *y)
{
	size_t a = ((const struct chain_growth *)x)->account, b = ((const struct chain_growth *)y)->account;
	return (a > b) - (a < b);
}

/* One order of the revenue window into its account's sum in its currency. */
static void add_revenue_order(builder *b, size_t i, const char *currency, long long minor)
{
	int k = b->rev_head[i], last = -1;
	for (; k >= 0 && strcmp(b->revs.v[k].currency, currency) != 0; k = b->revs.v[k].next)
		last = k;
	if (k < 0) {
		k = (int)b->revs.n;
		struct rev_cur *r = ap_vec_push(&b->revs);
		memcpy(r->currency, currency, sizeof r->currency);
		r->next = -1;
		r->minor = 0;
		*(last < 0 ? &b->rev_head[i] : &b->revs.v[last].next) = k;
	}
	b->revs.v[k].minor += minor;
}

/* One order of the trend window into quarter q of trend k. */
static void add_trend_order(const builder *b, int k, int q, const char *currency, long long minor)
{
	struct trend_acc *t = &b->trends.v[k];
	if (!t->any)
		memcpy(t->currency, currency, sizeof t->currency);
	else if (strcmp(t->currency, currency) != 0)
		t->several = 1;
	t->any = 1;
	t->raw[q] += minor;
	money_rate rate = b->converted ? config_rate(b->cfg, currency) : 0;
	if (!rate)
		t->no_rate = 1;
	else
		b->converted[k][q] += strcmp(currency, b->into) == 0 ? minor : money_convert(minor, currency, rate, b->into);
}

static void on_order(void *ctx, const store_report_order *o)
{
	builder *b = ctx;
	long i = find_account(b, o->account);
	if (i < 0 || o->month < 0)
		return;
	char currency[4];
	snprintf(currency, sizeof currency, "%s", o->currency ? o->currency : "");
	if (o->month >= b->rev_first && o->month <= b->rev_last)
		add_revenue_order(b, (size_t)i, currency, o->minor);
	int q = o->month >= b->trend_first ? (o->month - b->trend_first) / 3 : -1;
	if (q >= 0 && q < TREND_QUARTERS && b->trend_head[i] >= 0)
		add_trend_order(b, b->trend_head[i], q, currency, o->minor);
}

/* Which accounts' orders are held against their chains: those with a
 * chain that has a growth, where the orders_diverge rules in force
 * compare the account's segment. */
static void want_trends(builder *b)
{
	portfolio *p = b->p;
	b->trend_head = xmalloc((p->nacc ? p->nacc : 1) * sizeof *b->trend_head);
	for (size_t i = 0; i < p->nacc; i++)
		b->trend_head[i] = -1;
	if (b->chains.n > 1)
		qsort(b->chains.v, b->chains.n, sizeof *b->chains.v, by_chain_account);
	for (size_t k = 0; k < b->chains.n; k++) {
		size_t i = b->chains.v[k].account;
		if (b->trend_head[i] == -1 && b->diverge_points[p->acc[i].segment] >= 0)
			b->trend_head[i] = (int)b->trends.n++;
	}
	b->trends.v = xcalloc(b->trends.n ? b->trends.n : 1, sizeof *b->trends.v);
	b->trends.cap = b->trends.n;
	if (b->cfg && b->cfg->money_currency) {
		snprintf(b->into, sizeof b->into, "%s", b->cfg->money_currency);
		b->converted = xcalloc(b->trends.n ? b->trends.n : 1, sizeof *b->converted);
	}
}

/* The growth of trend k's orders as trend.h works it out (trend_compute:
 * one currency as it is, several in the reporting one when each has a
 * rate); 0 when there is none. */
static int trend_growth(const builder *b, int k, double *growth)
{
	const struct trend_acc *t = &b->trends.v[k];
	if (!t->any || (t->several && t->no_rate))
		return 0;
	return trend_fit(t->several ? b->converted[k] : t->raw, TREND_QUARTERS, growth) >= TREND_MIN_QUARTERS;
}

/* An account whose orders diverge from one of its chains, as the
 * orders_diverge rules in force judge it (trend_diverges, their points). */
static void order_risk(builder *b, size_t i)
{
	pf_account *a = &b->p->acc[i];
	double growth;
	if (!trend_growth(b, b->trend_head[i], &growth))
		return;
	int points = b->diverge_points[a->segment];
	struct chain_growth key = {i, 0}, *c = bsearch(&key, b->chains.v, b->chains.n, sizeof key, by_chain_account);
	while (c && c > b->chains.v && c[-1].account == i)
		c--;
	for (; c && c < b->chains.v + b->chains.n && c->account == i; c++)
		if (trend_diverges(growth, c->growth, points))
			a->risk |= 1u << PF_RISK_ORDERS;
}

static int by_currency(const void *x, const void *y)
{
	return strcmp(((const store_order_sum *)x)->currency, ((const store_order_sum *)y)->currency);
}

/* A part of the portfolio's revenue, over its window. */
static void window_fold(const ap_config *cfg, const store_order_sums_v *v, const revenue *whole, revenue *r)
{
	memcpy(r->from, whole->from, sizeof r->from);
	memcpy(r->to, whole->to, sizeof r->to);
	revenue_fold(cfg, v->v, v->n, r);
}

/* Each account's revenue, its part of the totals in the order SQL added
 * them up (by account id, then currency), and where the portfolio's goes. */
static void fold_revenue(builder *b)
{
	portfolio *p = b->p;
	store_order_sums_v one = {0}, all = {0}, risky = {0};
	store_order_sums_v *outlook = xcalloc((size_t)p->outlook.n, sizeof *outlook);
	for (size_t k = 0; k < p->nacc; k++) {
		size_t i = b->ids[k].idx;
		one.n = 0;
		for (int r = b->rev_head[i]; r >= 0; r = b->revs.v[r].next) {
			store_order_sum *x = ap_vec_push(&one);
			x->account = p->acc[i].id;
			memcpy(x->currency, b->revs.v[r].currency, sizeof x->currency);
			x->minor = b->revs.v[r].minor;
		}
		if (one.n > 1)
			qsort(one.v, one.n, sizeof *one.v, by_currency);
		if (one.n)
			account_revenue(p, b->cfg, &p->acc[i], one.v, one.n, &all, &risky, outlook);
	}
	revenue_fold(b->cfg, all.v, all.n, &p->revenue);
	window_fold(b->cfg, &risky, &p->revenue, &p->at_risk);
	p->rev_outlook = xcalloc((size_t)p->outlook.n, sizeof *p->rev_outlook);
	for (int o = 0; o < p->outlook.n; o++) {
		window_fold(b->cfg, &outlook[o], &p->revenue, &p->rev_outlook[o]);
		free(outlook[o].v);
	}
	free(outlook);
	free(one.v), free(all.v), free(risky.v);
}

/* One read of the orders for both windows: the trailing twelve months'
 * revenue of every account, and the trend of those held against their
 * chains; then what is at risk, orders diverging included. */
static int add_orders(builder *b, store *s, ap_err *e)
{
	portfolio *p = b->p;
	int first, last;
	char from[8];
	trend_window(p->today, &first, &last);
	revenue_window(p->today, p->revenue.from, p->revenue.to);
	b->rev_first = trend_month(p->revenue.from);
	b->rev_last = trend_month(p->revenue.to);
	b->trend_first = first;
	b->rev_head = xmalloc((p->nacc ? p->nacc : 1) * sizeof *b->rev_head);
	for (size_t i = 0; i < p->nacc; i++)
		b->rev_head[i] = -1;
	want_trends(b);
	snprintf(from, sizeof from, "%04u", (unsigned)((first < b->rev_first ? first : b->rev_first) / 12) % 10000u);
	int rc = store_report_orders(s, from, on_order, b, e);
	for (size_t i = 0; i < p->nacc; i++) {
		p->acc[i].risk |= risk_of(p, &p->acc[i]);
		if (!rc && b->trend_head[i] >= 0)
			order_risk(b, i);
	}
	if (!rc)
		fold_revenue(b);
	/* The orders as read are done with before the accounts are ranked. */
	orders_free(b);
	if (!rc)
		rank_by_revenue(p);
	return rc;
}

double pf_revenue_share(const portfolio *p, const revenue *part)
{
	return revenue_share(part, &p->revenue);
}

void portfolio_opts(pf_opts *o, const rules *r, const ap_config *cfg, long today)
{
	memset(o, 0, sizeof *o);
	o->today = today;
	o->cfg = cfg;
	portfolio_fresh_days(r, o->fresh_days);
	portfolio_review_days(r, o->review_days);
	for (int seg = 0; seg < SEGMENT_COUNT; seg++)
		o->diverge_points[seg] = r ? rules_diverge_points(r, seg) : -1;
}

void portfolio_fresh_days(const rules *r, int days[TIER_COUNT])
{
	for (int t = 0; t < TIER_COUNT; t++)
		days[t] = 0;
	for (size_t i = 0; r && i < rules_count(r); i++) {
		rule_info ri;
		rules_get(r, i, &ri);
		if (!ri.enabled || strcmp(ri.kind, rule_kinds.names[KIND_STALE]) != 0 || ri.tier < 0 ||
		    ri.tier >= TIER_COUNT || ri.days <= 0)
			continue;
		if (days[ri.tier] == 0 || ri.days < days[ri.tier])
			days[ri.tier] = ri.days;
	}
	for (int t = 0; t < TIER_COUNT; t++)
		if (days[t] == 0)
			days[t] = PORTFOLIO_FRESH_DAYS;
}

int portfolio_build(store *s, const qbank *qb, const pf_opts *o, portfolio *p, ap_err *e)
{
	builder b;
	memset(p, 0, sizeof *p);
	p->today = o->today;
	for (int t = 0; t < TIER_COUNT; t++)
		p->fresh_days[t] = o->fresh_days[t] > 0 ? o->fresh_days[t] : PORTFOLIO_FRESH_DAYS;
	for (int seg = 0; seg < SEGMENT_COUNT; seg++)
		p->review_days[seg] = o->review_days[seg] > 0 ? o->review_days[seg] : 0;
	builder_init(&b, p, qb);
	b.diverge_points = o->diverge_points;
	b.cfg = o->cfg;
	/* One snapshot: the sections agree with each other while others write,
	 * and on PostgreSQL the big reads stream through cursors. */
	int rc = store_snapshot_begin(s, e);
	if (rc) {
		builder_free(&b);
		portfolio_free(p);
		return rc;
	}
	rc = store_report_accounts(s, on_account, &b, e);
	index_accounts(&b);
	/* Answers before end customers: an industry's evidence is its accounts'. */
	if (!rc)
		rc = add_answers(&b, s, e);
	if (!rc && !(rc = store_report_end_customers(s, on_end_customer, &b, e)))
		group_industries(&b);
	/* The team before what its members touch. */
	if (!rc)
		rc = add_members(&b, s, e);
	if (!rc)
		rc = add_engagements(&b, s, e);
	if (!rc)
		rc = add_drivers(&b, s, e);
	if (!rc)
		rc = add_contacts(&b, s, e);
	if (!rc)
		rc = add_actions(p, s, e);
	if (!rc)
		rc = add_reviews(&b, s, e);
	for (size_t i = 0; i < p->nacc; i++)
		p->without_end_customers += !p->acc[i].has_end_customers;
	fill_buckets(p);
	if (!rc)
		rc = add_orders(&b, s, e);
	if (!rc)
		rc = add_exchanges(&b, s, e);
	store_snapshot_end(s);
	builder_free(&b);
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
	for (size_t u = 0; u < p->nweights; u++) {
		free(p->weights[u].unit);
		free(p->weights[u].by_outlook);
		free(p->weights[u].unknown.v);
	}
	free(p->weights);
	free(p->contradicting.v);
	for (size_t i = 0; i < p->people.n; i++)
		free(p->people.v[i].name);
	free(p->people.v);
	free(p->one_person.v);
	for (size_t i = 0; i < p->shallow.n; i++)
		free(p->shallow.v[i].contact);
	free(p->shallow.v);
	free(p->unreviewed.v);
	free(p->rev_outlook);
	free(p->by_revenue.v);
	free(p->risky.v);
	free(p->taking.v);
	memset(p, 0, sizeof *p);
}
