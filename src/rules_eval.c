/* rules_eval.c - evaluating rules over the facts of a portfolio.
 *
 * The facts are read once (store_facts_load); each rule is then one pass over
 * the accounts in memory. Flags are kept compact (indexes and a couple of
 * numbers) and their messages rendered only when asked for, one at a time.
 * The passes run severity by severity, account by account, rule by rule, so
 * the flags come out already in the order they are listed in. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/facts.h"
#include "acctplan/shell.h"
#include "rules_internal.h"

typedef struct flag_rec {
	uint32_t acct;       /* index into facts.acc */
	int32_t rule;        /* index into rules.v */
	int32_t question;    /* qbank index, -1 when none */
	int32_t snooze;      /* index into facts.snz, -1 when not snoozed */
	int32_t n1, n2;      /* kind-specific numbers, see the eval_* functions */
} flag_rec;

/* A flag raised, listed or not: what flag_unowned looks at and
 * rules_result_record records. */
typedef struct raised_rec {
	uint32_t acct;       /* index into facts.acc */
	int32_t rule;        /* index into rules.v */
	int32_t seen;        /* its row in facts.seen, -1 when not recorded yet */
	signed int question : 31;   /* qbank index, -1 when none */
	unsigned int snoozed : 1;
} raised_rec;

/* A rule's questions and prerequisites resolved against the question bank. */
typedef struct rule_prep {
	size_t *qs;
	size_t nq;
	long req[RULE_LIST_MAX];
	int nreq;
	long if_q;           /* no_driver's if_answered, advocate_untapped's reference question; -1 when none */
	int if_option;       /* advocate_untapped: the option if_q must be answered with, -1 when the bank has none */
	int since;           /* advocate_untapped: the first day of its months (days since 1970-01-01) */
	char *form;          /* choice_is: {answer_form} of its question, once rendered */
} rule_prep;

struct rules_result {
	const rules *r;
	const qbank *qb;
	facts f;
	long today;
	int include_snoozed;
	flag_rec *v;
	size_t n, cap;
	int tier, min_severity;   /* what the query lists: the tier (-1 all), flags at or above */
	/* Every flag raised by rules other than flag_unowned, whatever the query
	 * lists; by account, once flag_unowned reads them: raised[by_acct[k]]
	 * for k from raised_start[a] up to raised_start[a + 1]. */
	raised_rec *raised;
	size_t nraised, capraised, *raised_start;
	uint32_t *by_acct;
	unsigned char *keep;      /* per facts.seen row: raised again */
	size_t *seen_at;          /* per account: where in facts.seen the next flag's row likely is */
	int32_t *name_rule, *name_q;   /* per facts.seen_names: as a rule (index, -1) and a question (-1 "", -2 unknown) */
	rules_summary sum;
	rule_prep *prep;
	size_t nprep, nforms;     /* their counts: freeing needs neither the rules nor the bank */
	unsigned char *flagged;   /* per account: counted in sum.accounts */
	rule_flag cur;            /* what rules_result_get returns */
	struct date_memo {        /* dates already formatted, direct-mapped by day */
		int valid;
		long days;
		char text[11];
	} dates[256];
	ap_buf msg, hint, list;
	ap_buf flag;              /* {flag}: a flag's name, RULE or RULE/QUESTION */
	char **forms;             /* per question: its {answer_form}, once rendered */
	ap_buf word, args;        /* a command hint: the word being rendered, and its arguments end to end */
	size_t *arg_at;           /* where each argument starts in args */
	char **argv;              /* the flag's hint_argv, pointing into args */
	const char **argq;        /* each argument quoted, where known before it is printed */
	int argv_cap;
	struct quote_memo {       /* quoted forms of values that stay put: see memo_quote */
		const char *src;
		char *quoted;
	} *memo;
	size_t memo_n, memo_cap;
	size_t *mem_order;        /* members by name, once a hint names one (other_member) */
};

void rule_flag_clear(rule_flag *f)
{
	free(f->account);
	free(f->rule);
	free(f->kind);
	free(f->question);
	free(f->message);
	free(f->hint);
	for (int i = 0; i < f->hint_argc; i++)
		free(f->hint_argv[i]);
	free(f->hint_argv);
	free(f->snooze_until);
	free(f->snooze_reason);
	free(f->snooze_created);
	free(f->snooze_by);
	free(f->hand_owner);
	free(f->hand_due);
	memset(f, 0, sizeof *f);
}

void rule_flag_hand_text(const rule_flag *f, ap_buf *b)
{
	if (f->hand_owner)
		buf_printf(b, "in hand: %s until %s", f->hand_owner, f->hand_due);
}

void rule_flag_snooze_text(const rule_flag *f, ap_buf *b)
{
	if (!f->snoozed)
		return;
	buf_printf(b, "snoozed on %s%s%s until %s: %s", f->snooze_created, *f->snooze_by ? " by " : "", f->snooze_by,
		f->snooze_until, f->snooze_reason);
}

/* ---- finding flags ---- */

static int find_snooze(const facts *f, size_t acct, const char *rule_id, const char *question)
{
	size_t lo = 0, hi = f->nsnz;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const fact_snooze *z = &f->snz[mid];
		int c = z->account != acct ? (z->account < acct ? -1 : 1) : strcmp(z->rule, rule_id);
		if (!c)
			c = strcmp(z->question, question);
		if (!c)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The open action answering a flag, the one due soonest (they come by
 * rule, question, due day); NULL when none. An account has few. */
static const fact_hand *find_hand(const facts *f, size_t acct, const char *rule_id, const char *question)
{
	if (!f->hand_start)
		return NULL;
	for (size_t i = f->hand_start[acct]; i < f->hand_start[acct + 1]; i++)
		if (!strcmp(f->hand[i].rule, rule_id) && !strcmp(f->hand[i].question, question))
			return &f->hand[i];
	return NULL;
}

/* The query lists flags of its tier at or above its severity. */
static int listed(const rules_result *res, const rule *r)
{
	return (res->tier < 0 || r->tier == res->tier) && r->severity >= res->min_severity;
}

/* Note a flag as raised, and its row in flag_seen as raised again. An
 * account's rows are few: a look along them. */
static void raise_flag(rules_result *res, size_t ri, size_t a, long q, int snoozed)
{
	const facts *f = &res->f;
	size_t lo = f->seen_start[a], n = f->seen_start[a + 1] - lo, at = res->seen_at[a];
	int32_t seen = -1;
	/* The rows were written in the order flags are raised, so the next
	 * flag's row is usually the one after the last found: look from there. */
	for (size_t k = 0; seen < 0 && k < n; k++) {
		size_t i = lo + (at - lo + k) % n;
		if (res->name_rule[f->seen[i].rule] == (int32_t)ri && res->name_q[f->seen[i].question] == (int32_t)q) {
			seen = (int32_t)i;
			res->keep[i] = 1;
			res->seen_at[a] = i + 1 < lo + n ? i + 1 : lo;
		}
	}
	if (res->nraised == res->capraised) {
		/* About as many as the last check saw: sized so, it rarely grows. */
		res->capraised = res->capraised ? res->capraised * 2 : f->nseen + f->nseen / 16 + 256;
		res->raised = xrealloc(res->raised, res->capraised * sizeof *res->raised);
	}
	res->raised[res->nraised++] = (raised_rec){(uint32_t)a, (int32_t)ri, seen, (int)q, snoozed != 0};
}

static void emit(rules_result *res, size_t ri, size_t a, long q, long n1, long n2)
{
	const rule *r = &res->r->v[ri];
	int z = find_snooze(&res->f, a, r->id, q >= 0 ? res->qb->q[q].id : "");
	if (r->kind != KIND_FLAG_UNOWNED)
		raise_flag(res, ri, a, q, z >= 0);
	if (!listed(res, r))
		return;
	if (z >= 0) {
		res->sum.snoozed++;
		if (!res->include_snoozed)
			return;
	} else {
		res->sum.by_severity[r->severity]++;
		res->sum.total++;
		if (!res->flagged[a]) {
			res->flagged[a] = 1;
			res->sum.accounts++;
		}
	}
	if (res->n == res->cap) {
		res->cap = res->cap ? res->cap * 2 : 256;
		res->v = xrealloc(res->v, res->cap * sizeof *res->v);
	}
	res->v[res->n++] = (flag_rec){(uint32_t)a, (int32_t)ri, (int32_t)q, z, (int32_t)n1, (int32_t)n2};
}

static const fact_answer *answer(const rules_result *res, size_t a, size_t q)
{
	return facts_answer(&res->f, a, q);
}

static long age_of(const rules_result *res, int date) { return res->today - date; }

static void eval_unanswered(rules_result *res, size_t ri, size_t a)
{
	const rule_prep *p = &res->prep[ri];
	for (size_t k = 0; k < p->nq; k++)
		if (!answer(res, a, p->qs[k])->present)
			emit(res, ri, a, (long)p->qs[k], 0, 0);
}

/* Stale means strictly older than max_age_days: an answer exactly that old
 * is not. Its age counts from its latest confirmation, when later. */
static void eval_stale(rules_result *res, size_t ri, size_t a)
{
	const rule_prep *p = &res->prep[ri];
	for (size_t k = 0; k < p->nq; k++) {
		const fact_answer *an = answer(res, a, p->qs[k]);
		long age = age_of(res, fact_answer_day(an));
		if (an->present && age > res->r->v[ri].days)
			emit(res, ri, a, (long)p->qs[k], age, 0);
	}
}

static void eval_weak(rules_result *res, size_t ri, size_t a)
{
	const rule *r = &res->r->v[ri];
	const rule_prep *p = &res->prep[ri];
	for (size_t k = 0; k < p->nq; k++) {
		const fact_answer *an = answer(res, a, p->qs[k]);
		int weak_source = an->source >= 0 && (r->sources & (1u << an->source));
		int weak_conf = r->confidence >= 0 && an->confidence >= 0 && an->confidence <= r->confidence;
		if (an->present && (weak_source || weak_conf))
			emit(res, ri, a, (long)p->qs[k], 0, 0);
	}
}

static void eval_missing_role(rules_result *res, size_t ri, size_t a)
{
	unsigned missing = res->r->v[ri].roles & ~res->f.acc[a].roles;
	if (missing)
		emit(res, ri, a, -1, (long)missing, 0);
}

/* n1 = contacts, n2 = the one tier holding them all (-1 when several or none). */
static void eval_single_threaded(rules_result *res, size_t ri, size_t a)
{
	const rule *r = &res->r->v[ri];
	const fact_account *acc = &res->f.acc[a];
	int holder = -1;
	for (int t = 0; t < TIER_COUNT && acc->contacts > 0; t++)
		if (acc->contacts_by_tier[t] == acc->contacts)
			holder = t;
	int few = acc->contacts < r->min_contacts;
	if (few || (holder >= 0 && (r->held_by & (1u << holder))))
		emit(res, ri, a, -1, acc->contacts, holder);
}

/* Engagements of the rule's `by` tiers held on or before today, newest first. */
#define FOR_ENGAGEMENTS(res, r, a, m) \
	for (const fact_engagement *m = (res)->f.eng + (res)->f.eng_start[a], \
	     *m##_end = (res)->f.eng + (res)->f.eng_start[(a) + 1]; m < m##_end; m++) \
		if (((r)->by & (1u << m->tier)) && m->date <= (res)->today)

/* A tier engaged exactly `days` ago has engaged in time; one day more flags.
 * n1 = days since the last engagement (-1: never), n2 = its date. */
static void eval_no_engagement(rules_result *res, size_t ri, size_t a)
{
	const rule *r = &res->r->v[ri];
	FOR_ENGAGEMENTS(res, r, a, m) {
		if (age_of(res, m->date) > r->days)
			emit(res, ri, a, -1, age_of(res, m->date), m->date);
		return;
	}
	emit(res, ri, a, -1, -1, 0);
}

/* The window is the last `days` days, today and the day `days` ago included.
 * *last is the newest meeting counted (an index into f.eng): its date is the
 * flag's {last}, its id the {id} a hint names. */
static void count_window(rules_result *res, const rule *r, size_t a, int bad_unshared, long *n, long *strategic, long *last)
{
	*n = *strategic = 0;
	*last = -1;
	FOR_ENGAGEMENTS(res, r, a, m) {
		if (age_of(res, m->date) > r->days)
			break;
		if (bad_unshared && (m->news != NEWS_BAD || m->shared))
			continue;
		if (!*n)
			*last = m - res->f.eng;
		(*n)++;
		*strategic += m->kind == MEET_STRATEGIC;
	}
}

static void eval_tactical_only(rules_result *res, size_t ri, size_t a)
{
	const rule *r = &res->r->v[ri];
	long n, strategic, last;
	count_window(res, r, a, 0, &n, &strategic, &last);
	if (n >= r->min_meetings && strategic == 0)
		emit(res, ri, a, -1, n, last);
}

/* A meeting counts until its bad news has been shared: a later meeting that
 * shares other bad news does not clear it (which news would it be?), the
 * meeting marked shared does (meeting edit ID --shared yes), and that is
 * what the hint says. So the flag names the newest such meeting, and each
 * one marked shared takes one off the count. n1 = meetings, n2 = the newest. */
static void eval_unshared_news(rules_result *res, size_t ri, size_t a)
{
	long n, strategic, last;
	count_window(res, &res->r->v[ri], a, 1, &n, &strategic, &last);
	if (n > 0)
		emit(res, ri, a, -1, n, last);
}

static void eval_choice_is(rules_result *res, size_t ri, size_t a)
{
	const rule_prep *p = &res->prep[ri];
	if (p->nq == 0)
		return;
	const fact_answer *an = answer(res, a, p->qs[0]);
	if (an->present && an->option >= 0 && (res->r->v[ri].values & (1u << an->option)))
		emit(res, ri, a, (long)p->qs[0], an->option, 0);
}

/* n1 = bit per entry of the rule's `requires` left unanswered. */
static void eval_requires(rules_result *res, size_t ri, size_t a)
{
	const rule_prep *p = &res->prep[ri];
	if (p->nq == 0 || !answer(res, a, p->qs[0])->present)
		return;
	unsigned missing = 0;
	for (int k = 0; k < p->nreq; k++)
		if (p->req[k] >= 0 && !answer(res, a, (size_t)p->req[k])->present)
			missing |= 1u << k;
	if (missing)
		emit(res, ri, a, (long)p->qs[0], (long)missing, 0);
}

static void eval_no_driver(rules_result *res, size_t ri, size_t a)
{
	long q = res->prep[ri].if_q;
	if (res->f.drv_start[a + 1] == res->f.drv_start[a] && (q < 0 || answer(res, a, (size_t)q)->present))
		emit(res, ri, a, -1, 0, 0);
}

/* n1 = drivers missing one of the rule's steps, n2 = the first of them (an
 * index into f.drv), whose first missing step the hint fills in. */
static void eval_incomplete_driver(rules_result *res, size_t ri, size_t a)
{
	long n = 0, first = -1;
	for (size_t k = res->f.drv_start[a]; k < res->f.drv_start[a + 1]; k++)
		if (res->f.drv[k].missing & res->r->v[ri].steps) {
			if (!n++)
				first = (long)k;
		}
	if (n)
		emit(res, ri, a, -1, n, first);
}

/* ---- our people ---- */

/* The contacts of account a, by id. */
#define FOR_CONTACTS(res, a, c) \
	for (const fact_contact *c = (res)->f.con + (res)->f.con_start[a], \
	     *c##_end = (res)->f.con + (res)->f.con_start[(a) + 1]; c < c##_end; c++)

/* The one member holding every contact of account a at r's level or deeper
 * (an index into f.mem), their count in *n; -1 when several hold them or
 * none does. A contact nobody holds: single_owner asks about the owned ones
 * and passes it by; for key_person_risk it is a deep relationship that may
 * well be someone else's, so the account is not flagged (as the
 * portfolio's list of accounts whose deep relationships one person holds). */
static int sole_holder(const rules_result *res, const rule *r, size_t a, long *n)
{
	int holder = -1, unowned_counts = r->kind == KIND_KEY_PERSON_RISK;
	*n = 0;
	FOR_CONTACTS(res, a, c) {
		if (c->level < r->level || (c->owner < 0 && !unowned_counts))
			continue;
		if (c->owner < 0 || (holder >= 0 && c->owner != holder))
			return -1;
		holder = c->owner;
		(*n)++;
	}
	return holder;
}

/* key_person_risk and single_owner. n1 = relationships, n2 = their holder. */
static void eval_sole_holder(rules_result *res, size_t ri, size_t a)
{
	const rule *r = &res->r->v[ri];
	long n;
	int holder = sole_holder(res, r, a, &n);
	int tier = holder >= 0 ? res->f.mem[holder].tier : -1;
	if (tier >= 0 && n >= r->min_contacts && (r->held_by & (1u << tier)))
		emit(res, ri, a, -1, n, holder);
}

static int in_roles(const rule *r, const fact_contact *c)
{
	return c->role >= 0 && (r->roles & (1u << c->role));
}

/* Influence at r's level or more (the names run from high to low). */
static int influential(const rule *r, const fact_contact *c)
{
	return c->influence >= 0 && c->influence <= r->influence;
}

typedef int (*contact_test)(const rules_result *res, const rule *r, const fact_contact *c);

/* shallow_decision_maker: a buyer of `roles` nobody holds, or held below `level`. */
static int is_shallow(const rules_result *res, const rule *r, const fact_contact *c)
{
	(void)res;
	return in_roles(r, c) && (c->owner < 0 || c->level < r->level);
}

/* opponent_uncovered: one of `stances`, of `influence` or more ... */
static int is_opposed(const rules_result *res, const rule *r, const fact_contact *c)
{
	(void)res;
	return c->stance >= 0 && (r->stances & (1u << c->stance)) && influential(r, c);
}

/* ... unless an advocate or supporter at `level` or deeper covers them. */
static int is_cover(const rules_result *res, const rule *r, const fact_contact *c)
{
	(void)res;
	return (c->stance == STANCE_ADVOCATE || c->stance == STANCE_SUPPORTER) && c->level >= r->level;
}

/* contact_untouched: a key contact (one of `roles`, or of `influence` or
 * more) whose last held meeting is more than `days` days ago, or who was
 * never met. Met exactly `days` days ago is in time. */
static int is_untouched(const rules_result *res, const rule *r, const fact_contact *c)
{
	return (in_roles(r, c) || influential(r, c)) && (c->last == 0 || age_of(res, c->last) > r->days);
}

/* advocate_untapped: one of `roles` at `level` or deeper who has not spoken
 * for us since the day `months` months ago (asked exactly then is in time,
 * as for the other windows), or never. */
static int is_untapped(const rules_result *res, const rule *r, const fact_contact *c)
{
	return in_roles(r, c) && c->level >= r->level && c->asked < res->prep[r - res->r->v].since;
}

/* The kinds that flag contacts: which ones, and which one contact, when the
 * account has it, makes the kind quiet whatever the others. */
static const struct contact_kind {
	contact_test flags, clears;
} contact_kinds[RULE_KIND_COUNT] = {
	[KIND_SHALLOW_DECISION_MAKER] = {is_shallow, NULL},
	[KIND_OPPONENT_UNCOVERED] = {is_opposed, is_cover},
	[KIND_CONTACT_UNTOUCHED] = {is_untouched, NULL},
	[KIND_ADVOCATE_UNTAPPED] = {is_untapped, NULL},
};

/* One flag per account, so that a snooze of it holds while the contacts
 * change. n1 = contacts flagged, n2 = the first of them (an index into
 * f.con), whom the hint names. */
static void eval_contacts(rules_result *res, size_t ri, size_t a)
{
	const rule *r = &res->r->v[ri];
	const struct contact_kind *k = &contact_kinds[r->kind];
	long n = 0, first = -1;
	FOR_CONTACTS(res, a, c) {
		if (k->clears && k->clears(res, r, c))
			return;
		if (k->flags(res, r, c) && !n++)
			first = c - res->f.con;
	}
	if (n)
		emit(res, ri, a, -1, n, first);
}

/* ---- actions ---- */

/* Account a's open actions: f.hand[*lo] up to f.hand[*hi]. */
static void hand_range(const facts *f, size_t a, size_t *lo, size_t *hi)
{
	*lo = f->hand_start ? f->hand_start[a] : 0;
	*hi = f->hand_start ? f->hand_start[a + 1] : 0;
}

/* Past its day by more than r's `days`, and of a tier r counts. */
static int is_overdue(const rules_result *res, const rule *r, const fact_hand *h)
{
	return (h->tier < 0 || (r->by & (1u << h->tier))) && age_of(res, h->due_day) > r->days;
}

static int due_first(const fact_hand *x, const fact_hand *y)
{
	return x->due_day != y->due_day ? x->due_day < y->due_day : x->id < y->id;
}

/* action_overdue: n1 = actions overdue, n2 = the one due first (an index into f.hand). */
static void eval_overdue(rules_result *res, size_t ri, size_t a)
{
	const rule *r = &res->r->v[ri];
	size_t lo, hi;
	long n = 0, first = -1;
	hand_range(&res->f, a, &lo, &hi);
	for (size_t i = lo; i < hi; i++)
		if (is_overdue(res, r, &res->f.hand[i]) && (n++, first < 0 || due_first(&res->f.hand[i], &res->f.hand[first])))
			first = (long)i;
	if (n)
		emit(res, ri, a, -1, n, first);
}

/* A current answer by a member of one of r's `authors` tiers. */
static int by_authors(const rules_result *res, const rule *r, const fact_answer *an)
{
	int tier = an->present && an->author ? res->f.mem[an->author - 1].tier : -1;
	return tier >= 0 && (r->authors & (1u << tier));
}

/* product_answers_by_sales: at least min_answers of the rule's questions
 * answered by `authors` members, and at least `share` percent of those
 * answered. n1 = such answers, n2 = the first one's question (a qbank
 * index), which the hint answers again. */
static void eval_authored(rules_result *res, size_t ri, size_t a)
{
	const rule *r = &res->r->v[ri];
	const rule_prep *p = &res->prep[ri];
	long n = 0, answered = 0, first = -1;
	for (size_t k = 0; k < p->nq; k++) {
		const fact_answer *an = answer(res, a, p->qs[k]);
		answered += an->present;
		if (by_authors(res, r, an) && !n++)
			first = (long)p->qs[k];
	}
	if (n && n >= r->min_answers && n * 100 >= (long)r->share * answered)
		emit(res, ri, a, -1, n, first);
}

/* ---- reviews ---- */

/* not_reviewed: the cadence of the account's segment is past (see
 * rules_review_overdue). n1 = days since its last review (-1 never), n2 =
 * its segment. */
static void eval_not_reviewed(rules_result *res, size_t ri, size_t a)
{
	const fact_account *acc = &res->f.acc[a];
	int seg = acc->segment < 0 ? SEG_OTHER : acc->segment;
	if (rules_review_overdue(res->r->v[ri].review_days[seg], res->today, acc->created, acc->reviewed))
		emit(res, ri, a, -1, acc->reviewed ? age_of(res, acc->reviewed) : -1, seg);
}

/* ---- flags nobody takes on ---- */

/* A raised flag flag_unowned r counts: at or above its min_severity, seen
 * first more than `days` days ago, not snoozed (someone decided it can
 * wait) and with no open action answering it. A flag not recorded yet is
 * first seen today. */
static int is_unowned(const rules_result *res, const rule *r, const raised_rec *x)
{
	const rule *of = &res->r->v[x->rule];
	return x->seen >= 0 && !x->snoozed && of->severity >= r->min_severity &&
		age_of(res, res->f.seen[x->seen].first) > r->days &&
		!find_hand(&res->f, x->acct, of->id, x->question >= 0 ? res->qb->q[x->question].id : "");
}

/* Oldest first, then by rule and question, as the flag lists them. */
static int seen_before(const rules_result *res, const raised_rec *x, const raised_rec *y)
{
	int fx = res->f.seen[x->seen].first, fy = res->f.seen[y->seen].first;
	if (fx != fy)
		return fx < fy;
	return x->rule != y->rule ? x->rule < y->rule : x->question < y->question;
}

/* Account a's raised flags: res->raised[res->by_acct[k]] for k in [*lo, *hi). */
static void raised_range(const rules_result *res, size_t a, size_t *lo, size_t *hi)
{
	*lo = res->raised_start[a];
	*hi = res->raised_start[a + 1];
}

/* One flag per account, listing every flag nobody took on: an upgraded
 * store gets one such flag per account, not one per flag. n1 = such
 * flags, n2 = the oldest (an index into res->raised), which the hint
 * hands to someone. */
static void eval_unowned(rules_result *res, size_t ri, size_t a)
{
	const rule *r = &res->r->v[ri];
	size_t lo, hi;
	long n = 0, oldest = -1;
	raised_range(res, a, &lo, &hi);
	for (size_t k = lo; k < hi; k++) {
		const raised_rec *x = &res->raised[res->by_acct[k]];
		if (is_unowned(res, r, x) && (n++, oldest < 0 || seen_before(res, x, &res->raised[oldest])))
			oldest = (long)res->by_acct[k];
	}
	if (n)
		emit(res, ri, a, -1, n, oldest);
}

/* ---- orders ---- */

/* Account a's order growth, in the rules' [money]. */
static void account_trend(const rules_result *res, size_t a, order_trend *t)
{
	const facts *f = &res->f;
	trend_compute(&res->r->money, f->ord + f->ord_start[a], f->ord_start[a + 1] - f->ord_start[a], res->today, t);
}

/* orders_diverge: the drivers with a growth whose chain the orders diverge
 * from (trend_diverges); n1 = the one furthest from the orders (an index
 * into f.drv, the first of equals), n2 = the quarters the growth is
 * fitted over. */
static void eval_orders_diverge(rules_result *res, size_t ri, size_t a)
{
	order_trend t;
	account_trend(res, a, &t);
	if (t.why != TREND_OK)
		return;
	long worst = -1;
	double widest = 0;
	for (size_t k = res->f.drv_start[a]; k < res->f.drv_start[a + 1]; k++) {
		double chain = res->f.drv[k].growth, gap = fabs(chain - t.growth);
		if (!isnan(chain) && trend_diverges(t.growth, chain, res->r->v[ri].points) && (worst < 0 || gap > widest)) {
			worst = (long)k;
			widest = gap;
		}
	}
	if (worst >= 0)
		emit(res, ri, a, -1, worst, t.quarters);
}

/* orders_missing: no period with an order above zero begins in the last
 * `months` months, today's counted; an account that never had
 * one too, once the store records orders at all. n1 = the latest such
 * month (trend_month, -1 none). */
static void eval_orders_missing(rules_result *res, size_t ri, size_t a)
{
	char day[11];
	ap_date_format(res->today, day);
	day[7] = '\0';
	int last = res->f.acc[a].last_order;
	if (res->f.orders_any && last < trend_month(day) - res->r->v[ri].months + 1)
		emit(res, ri, a, -1, last, 0);
}

/* ---- the give and take, and advocacy ---- */

/* one_sided: gives without a take, or takes without a give, in the last
 * `months` months, today's counted. n1 = the gives, n2 = the takes. */
static void eval_one_sided(rules_result *res, size_t ri, size_t a)
{
	char day[11];
	ap_date_format(res->today, day);
	day[7] = '\0';
	int first = trend_month(day) - res->r->v[ri].months + 1;
	long gives = 0, takes = 0;
	for (size_t k = res->f.xch_start[a]; k < res->f.xch_start[a + 1]; k++)
		if (res->f.xch[k].month >= first)
			*(res->f.xch[k].take ? &takes : &gives) += 1;
	if (!gives != !takes)
		emit(res, ri, a, -1, gives, takes);
}

/* reference_fatigue: a contact asked more than `times` times in the last
 * FACT_ASKED_DAYS days (the facts hold no older ones). n1 = the contact
 * asked most (an index into f.con, the first of equals), n2 = how often. */
static void eval_reference_fatigue(rules_result *res, size_t ri, size_t a)
{
	const facts *f = &res->f;
	long most = -1, times = 0;
	for (size_t k = f->ask_start[a]; k < f->ask_start[a + 1]; k++) {
		long n = 0;
		for (size_t j = f->ask_start[a]; j < f->ask_start[a + 1]; j++)
			n += f->ask[j].contact == f->ask[k].contact;
		if (n > times || (n == times && most >= 0 && f->ask[k].contact < (size_t)most)) {
			most = (long)f->ask[k].contact;
			times = n;
		}
	}
	if (most >= 0 && times > res->r->v[ri].times)
		emit(res, ri, a, -1, most, times);
}

/* The account would act as a reference: the question advocate_untapped
 * reads, and the answer that says so. A bank without them leaves the kind
 * quiet: nobody said the customer would speak for us. */
#define REFERENCE_QUESTION "reference"
#define REFERENCE_YES "yes"

/* advocate_untapped: the contacts eval_contacts flags, of an account that
 * answered `reference` yes. */
static void eval_advocate_untapped(rules_result *res, size_t ri, size_t a)
{
	const rule_prep *p = &res->prep[ri];
	if (p->if_q < 0 || p->if_option < 0)
		return;
	const fact_answer *an = answer(res, a, (size_t)p->if_q);
	if (an->present && an->option == p->if_option)
		eval_contacts(res, ri, a);
}

/* Whether consent k is outlived by another of the same contact: a consent
 * renewed on a newer record ends when the newest ends, not the old one. */
static int consent_outlived(const facts *f, size_t a, size_t k)
{
	const fact_consent *x = &f->cns[k];
	for (size_t j = f->cns_start[a]; j < f->cns_start[a + 1]; j++) {
		const fact_consent *y = &f->cns[j];
		if (j != k && y->contact == x->contact && (y->until > x->until || (y->until == x->until && y->id < x->id)))
			return 1;
	}
	return 0;
}

/* consent_expiring: contacts whose consent (the facts hold those running
 * until today or later; a contact's is the one that ends last) ends within
 * the next `days` days. n1 = how many, n2 = the one ending first (an index
 * into f.cns; the lowest id of equals). */
static void eval_consent_expiring(rules_result *res, size_t ri, size_t a)
{
	const facts *f = &res->f;
	long last, n = 0, first = -1;
	if (ap_date_add(res->today, res->r->v[ri].days, &last) != 0)
		last = AP_DAY_LAST;
	for (size_t k = f->cns_start[a]; k < f->cns_start[a + 1]; k++) {
		const fact_consent *x = &f->cns[k];
		if (x->until > last || consent_outlived(f, a, k))
			continue;
		n++;
		if (first < 0 || x->until < f->cns[first].until || (x->until == f->cns[first].until && x->id < f->cns[first].id))
			first = (long)k;
	}
	if (n)
		emit(res, ri, a, -1, n, first);
}

/* ---- the business model canvas ---- */

/* canvas_gap: n1 = bit k per block p->qs[k] unanswered (blocks in the
 * canvas's order, see rule_questions). */
static void eval_canvas_gap(rules_result *res, size_t ri, size_t a)
{
	const rule_prep *p = &res->prep[ri];
	unsigned missing = 0;
	for (size_t k = 0; k < p->nq; k++)
		if (!answer(res, a, p->qs[k])->present)
			missing |= 1u << k;
	if (missing)
		emit(res, ri, a, -1, (long)missing, 0);
}

typedef void (*eval_fn)(rules_result *, size_t, size_t);
static const eval_fn evaluators[RULE_KIND_COUNT] = {
	[KIND_UNANSWERED] = eval_unanswered, [KIND_STALE] = eval_stale, [KIND_WEAK_EVIDENCE] = eval_weak,
	[KIND_MISSING_ROLE] = eval_missing_role, [KIND_SINGLE_THREADED] = eval_single_threaded,
	[KIND_NO_ENGAGEMENT] = eval_no_engagement, [KIND_TACTICAL_ONLY] = eval_tactical_only,
	[KIND_CHOICE_IS] = eval_choice_is, [KIND_REQUIRES] = eval_requires,
	[KIND_UNSHARED_NEWS] = eval_unshared_news, [KIND_NO_DRIVER] = eval_no_driver,
	[KIND_INCOMPLETE_DRIVER] = eval_incomplete_driver,
	[KIND_KEY_PERSON_RISK] = eval_sole_holder, [KIND_SINGLE_OWNER] = eval_sole_holder,
	[KIND_SHALLOW_DECISION_MAKER] = eval_contacts, [KIND_OPPONENT_UNCOVERED] = eval_contacts,
	[KIND_CONTACT_UNTOUCHED] = eval_contacts, [KIND_PRODUCT_ANSWERS_BY_SALES] = eval_authored,
	[KIND_ACTION_OVERDUE] = eval_overdue, [KIND_NOT_REVIEWED] = eval_not_reviewed,
	[KIND_FLAG_UNOWNED] = eval_unowned, [KIND_ORDERS_DIVERGE] = eval_orders_diverge,
	[KIND_ORDERS_MISSING] = eval_orders_missing, [KIND_ONE_SIDED] = eval_one_sided,
	[KIND_REFERENCE_FATIGUE] = eval_reference_fatigue, [KIND_CANVAS_GAP] = eval_canvas_gap,
	[KIND_ADVOCATE_UNTAPPED] = eval_advocate_untapped, [KIND_CONSENT_EXPIRING] = eval_consent_expiring,
};

static int by_rule_id(const void *a, const void *b)
{
	return strcmp(((const rule *)a)->id, ((const rule *)b)->id);
}

static long question_at(const qbank *qb, const char *id)
{
	const qb_question *q = id ? qbank_find(qb, id) : NULL;
	return q ? (long)(q - qb->q) : -1;
}

static void prepare(rules_result *res)
{
	const rules *r = res->r;
	res->prep = xcalloc(r->n + 1, sizeof *res->prep);
	res->nprep = r->n;
	res->forms = xcalloc(res->qb->n + 1, sizeof *res->forms);
	res->nforms = res->qb->n;
	for (size_t i = 0; i < r->n; i++) {
		rule_prep *p = &res->prep[i];
		p->qs = xmalloc((res->qb->n + 1) * sizeof *p->qs);
		p->nq = rule_questions(&r->v[i], res->qb, p->qs);
		p->nreq = r->v[i].nrequires;
		for (int k = 0; k < p->nreq; k++)
			p->req[k] = question_at(res->qb, r->v[i].requires[k]);
		p->if_q = r->v[i].kind == KIND_NO_DRIVER ? question_at(res->qb, r->v[i].question) : -1;
		p->if_option = -1;
		if (r->v[i].kind == KIND_ADVOCATE_UNTAPPED) {
			long since;
			p->if_q = question_at(res->qb, REFERENCE_QUESTION);
			if (p->if_q >= 0)
				p->if_option = qbank_option(&res->qb->q[p->if_q], REFERENCE_YES);
			if (ap_date_add_months(res->today, -r->v[i].months, &since) != 0)
				since = AP_DAY_FIRST;
			p->since = (int)since;
		}
	}
	/* The names flag_seen rows carry, as rules and questions of this evaluation. */
	const facts *f = &res->f;
	res->keep = xcalloc(f->nseen + 1, 1);
	res->seen_at = xmalloc((f->nacc + 1) * sizeof *res->seen_at);
	for (size_t a = 0; a < f->nacc; a++)
		res->seen_at[a] = f->seen_start[a];
	res->name_rule = xmalloc((f->nseen_names + 1) * sizeof *res->name_rule);
	res->name_q = xmalloc((f->nseen_names + 1) * sizeof *res->name_q);
	for (size_t i = 0; i < f->nseen_names; i++) {
		const char *name = f->seen_names[i];
		const rule key = {.id = (char *)name};
		const rule *hit = bsearch(&key, r->v, r->n, sizeof *r->v, by_rule_id);
		res->name_rule[i] = hit ? (int32_t)(hit - r->v) : -1;
		res->name_q[i] = *name ? (int32_t)question_at(res->qb, name) : -1;
		if (*name && res->name_q[i] < 0)
			res->name_q[i] = -2;
	}
}

/* Whether rule r is evaluated for account a in the pass of its severity.
 * Every rule is, whatever the query lists: flag_unowned and the record of
 * the flags seen need them all; emit leaves out what is not listed. */
static int rule_applies(const rules_result *res, const rule *r, size_t a, int severity)
{
	int seg = res->f.acc[a].segment < 0 ? SEG_OTHER : res->f.acc[a].segment;
	return r->enabled && r->severity == severity && (r->segments & (1u << seg)) &&
		(res->f.nmem > 0 || !rule_kind_specs[r->kind].people);
}

static int by_flag_order(const rules_result *res, const flag_rec *x, const flag_rec *y)
{
	int sx = res->r->v[x->rule].severity, sy = res->r->v[y->rule].severity;
	if (sx != sy)
		return sx > sy ? -1 : 1;
	if (x->acct != y->acct)
		return x->acct < y->acct ? -1 : 1;
	return (x->rule > y->rule) - (x->rule < y->rule);
}

/* The flags from `first` on (flag_unowned's, in order among themselves)
 * merged into those before it, keeping the order flags are listed in. */
static void merge_tail(rules_result *res, size_t first)
{
	size_t n = res->n, i = 0, j = first, k = 0;
	if (first == n || first == 0)
		return;
	flag_rec *out = xmalloc(n * sizeof *out);
	while (i < first || j < n)
		out[k++] = j == n || (i < first && by_flag_order(res, &res->v[i], &res->v[j]) <= 0) ? res->v[i++]
			: res->v[j++];
	free(res->v);
	res->v = out;
	res->cap = n;
}

/* The raised flags by account, for flag_unowned (a counting sort of their indexes). */
static void group_raised(rules_result *res)
{
	size_t nacc = res->f.nacc;
	res->raised_start = xcalloc(nacc + 2, sizeof *res->raised_start);
	res->by_acct = xmalloc((res->nraised + 1) * sizeof *res->by_acct);
	for (size_t k = 0; k < res->nraised; k++)
		res->raised_start[res->raised[k].acct + 1]++;
	for (size_t a = 0; a < nacc; a++)
		res->raised_start[a + 1] += res->raised_start[a];
	size_t *next = xmalloc((nacc + 1) * sizeof *next);
	memcpy(next, res->raised_start, (nacc + 1) * sizeof *next);
	for (size_t k = 0; k < res->nraised; k++)
		res->by_acct[next[res->raised[k].acct]++] = (uint32_t)k;
	free(next);
}

/* Every rule but flag_unowned, severity by severity; then flag_unowned,
 * which looks at what the others raised, and its flags merged in. */
static void evaluate(rules_result *res)
{
	const rules *r = res->r;
	int unowned = 0;
	for (int sev = SEVERITY_COUNT - 1; sev >= 0; sev--)
		for (size_t a = 0; a < res->f.nacc; a++)
			for (size_t i = 0; i < r->n; i++) {
				if (!rule_applies(res, &r->v[i], a, sev))
					continue;
				if (r->v[i].kind != KIND_FLAG_UNOWNED)
					evaluators[r->v[i].kind](res, i, a);
				else
					unowned |= listed(res, &r->v[i]);
			}
	if (!unowned)
		return;
	group_raised(res);
	size_t first = res->n;
	for (int sev = SEVERITY_COUNT - 1; sev >= 0; sev--)
		for (size_t a = 0; a < res->f.nacc; a++)
			for (size_t i = 0; i < r->n; i++)
				if (r->v[i].kind == KIND_FLAG_UNOWNED && rule_applies(res, &r->v[i], a, sev))
					eval_unowned(res, i, a);
	merge_tail(res, first);
}

/* Evaluate q over the facts in res (loaded with status rc); frees res on failure. */
static int run_loaded(rules_result *res, const rules_query *q, int rc, rules_result **out)
{
	if (rc) {
		rules_result_free(&res);
		return rc;
	}
	res->flagged = xcalloc(res->f.nacc + 1, 1);
	res->tier = q->tier;
	res->min_severity = q->min_severity;
	prepare(res);
	evaluate(res);
	*out = res;
	return AP_OK;
}

static rules_result *result_new(const rules *r, const qbank *qb, const rules_query *q, rules_result **out)
{
	rules_result *res = xcalloc(1, sizeof *res);
	*out = NULL;
	res->r = r;
	res->qb = qb;
	res->today = q->today;
	res->include_snoozed = q->include_snoozed;
	return res;
}

int rules_run(const rules *r, store *s, const qbank *qb, const rules_query *q,
	rules_result **out, ap_err *e)
{
	rules_result *res = result_new(r, qb, q, out);
	return run_loaded(res, q, store_facts_load(s, qb, q->account, q->today, &res->f, e), out);
}

int rules_run_accounts(const rules *r, store *s, const qbank *qb, const rules_query *q,
	const long long *ids, size_t n, rules_result **out, ap_err *e)
{
	rules_result *res = result_new(r, qb, q, out);
	return run_loaded(res, q, store_facts_load_set(s, qb, ids, n, q->today, &res->f, e), out);
}

int rules_run_chunks(const rules *r, store *s, const qbank *qb, const rules_query *q, size_t chunk,
	rules_chunk_fn fn, void *ctx, ap_err *e)
{
	rules_result *res = NULL;
	if (q->account) {
		int rc = rules_run(r, s, qb, q, &res, e);
		if (!rc)
			rc = fn(res, 1, ctx, e);
		rules_result_free(&res);
		return rc;
	}
	long long *ids = NULL;
	size_t n = 0;
	int rc = store_facts_account_ids(s, &ids, &n, e);
	if (!rc && n <= chunk) {
		/* It fits in one slice: read whole, table by table, which costs less than through the account index. */
		free(ids);
		if (!(rc = rules_run(r, s, qb, q, &res, e)))
			rc = fn(res, 1, ctx, e);
		rules_result_free(&res);
		return rc;
	}
	for (size_t at = 0; !rc && at < n; at += chunk) {
		size_t k = n - at < chunk ? n - at : chunk;
		if (!(rc = rules_run_accounts(r, s, qb, q, ids + at, k, &res, e)))
			rc = fn(res, 0, ctx, e);
		rules_result_free(&res);
	}
	free(ids);
	return rc;
}

int rules_result_record(rules_result *res, store *s, ap_err *e)
{
	AP_VEC(fact_flag) added = {0};
	for (size_t k = 0; k < res->nraised; k++) {
		const raised_rec *x = &res->raised[k];
		if (x->seen < 0)
			*ap_vec_push(&added) = (fact_flag){x->acct, res->r->v[x->rule].id,
				x->question >= 0 ? res->qb->q[x->question].id : ""};
	}
	int rc = store_flags_seen(s, &res->f, res->keep, added.v, added.n, res->today, e);
	free(added.v);
	return rc;
}

void rules_result_brief(const rules_result *res, size_t i, rule_flag_brief *out)
{
	const flag_rec *fr = &res->v[i];
	const rule *r = &res->r->v[fr->rule];
	*out = (rule_flag_brief){res->f.acc[fr->acct].id, r->kind, r->tier, r->severity, fr->snooze >= 0};
}

void rules_result_free(rules_result **rp)
{
	rules_result *res = *rp;
	if (!res)
		return;
	for (size_t i = 0; res->prep && i < res->nprep; i++) {
		free(res->prep[i].qs);
		free(res->prep[i].form);
	}
	free(res->prep);
	for (size_t i = 0; res->forms && i < res->nforms; i++)
		free(res->forms[i]);
	free(res->forms);
	store_facts_free(&res->f);
	free(res->v);
	free(res->raised);
	free(res->raised_start);
	free(res->by_acct);
	free(res->keep);
	free(res->seen_at);
	free(res->name_rule);
	free(res->name_q);
	free(res->flagged);
	buf_free(&res->msg);
	buf_free(&res->hint);
	buf_free(&res->list);
	buf_free(&res->flag);
	buf_free(&res->word);
	buf_free(&res->args);
	free(res->arg_at);
	free(res->argv);
	free(res->argq);
	for (size_t i = 0; i < res->memo_cap; i++)
		free(res->memo[i].quoted);
	free(res->memo);
	free(res->mem_order);
	free(res);
	*rp = NULL;
}

size_t rules_result_count(const rules_result *res) { return res->n; }
const rules_summary *rules_result_summary(const rules_result *res) { return &res->sum; }

/* ---- rendering ---- */

/* The values of the placeholders for one flag; numbers live in `nums`. */
typedef struct ph_values {
	rule_phs need;            /* bit per placeholder the rule's texts use */
	const char *v[PH_COUNT_];
	char nums[PH_COUNT_][24];
} ph_values;

#define NEED(pv, ph) ((pv)->need & PH_BIT(ph))

static void set_num(ph_values *pv, int ph, long long n)
{
	if (!NEED(pv, ph))
		return;
	/* Digits from the right: snprintf per flag shows up in a portfolio's profile. */
	char *end = pv->nums[ph] + sizeof pv->nums[ph] - 1, *p = end;
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	*p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (n < 0)
		*--p = '-';
	pv->v[ph] = p;
}

static const char *date_text(rules_result *res, long days)
{
	struct date_memo *m = &res->dates[(unsigned long)days % 256];
	if (!m->valid || m->days != days) {
		ap_date_format(days, m->text);
		m->days = days;
		m->valid = 1;
	}
	return m->text;
}

/* Date of the last engagement; 0 stands for none. */
static void set_last(rules_result *res, ph_values *pv, int ph, long days)
{
	if (NEED(pv, ph))
		pv->v[ph] = days == 0 ? "never" : date_text(res, days);
}

/* The newest meeting a window counted (an index into f.eng, -1 for none):
 * its date, and its id for a hint that changes it. */
static void set_meeting(rules_result *res, ph_values *pv, long idx)
{
	const fact_engagement *m = idx >= 0 ? &res->f.eng[idx] : NULL;
	set_last(res, pv, PH_LAST, m ? m->date : 0);
	if (m)
		set_num(pv, PH_ID, m->id);
}

static int popcount(unsigned m)
{
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

/* Index of the lowest set bit of m: the first of a set, in the order its
 * names are listed (0 for an empty set, which no caller passes). */
static int first_bit(unsigned m)
{
	int i = 0;
	while (m && !(m & 1u)) {
		m >>= 1;
		i++;
	}
	return i;
}

/* A meeting counts for r when it is by one of r's `by` tiers: the hint asks
 * for one by the rule's own tier when that counts, else by the first that does. */
static int by_tier(const rule *r)
{
	return r->by & (1u << r->tier) ? r->tier : first_bit(r->by);
}

/* The tier of a contact that takes a single-threaded account off the rule:
 * not the tier holding every contact (holder, -1 for none), and preferably
 * one whose holding everything the rule would not flag either. */
static int other_tier(const rule *r, long holder)
{
	int fallback = -1;
	for (int t = 0; t < TIER_COUNT; t++) {
		if (t == holder)
			continue;
		if (!(r->held_by & (1u << t)))
			return t;
		if (fallback < 0)
			fallback = t;
	}
	return fallback;
}

/* What to type as the answer to q, for a hint: TEXT (for the user to
 * write) to a text question; to a choice, its options as "a|b|c", but for
 * those in `except` (the ones a choice_is rule flags), so that the hint
 * names only answers that clear the flag. Caller frees. */
static char *form_text(const qb_question *q, unsigned except)
{
	if (q->type != QB_CHOICE)
		return xstrdup("TEXT");
	ap_buf b = {0};
	buf_puts(&b, "");
	for (int i = 0; i < q->noptions; i++)
		if (i >= 32 || !(except & (1u << i))) {
			if (b.len)
				buf_add(&b, "|", 1);
			buf_puts(&b, q->options[i]);
		}
	/* A rule that flags every option leaves nothing that clears it: name them all. */
	if (!b.len && except) {
		buf_free(&b);
		return form_text(q, 0);
	}
	return buf_steal(&b);
}

/* {answer_form} of question qi in a hint of rule ri: the same for every
 * flag, so rendered once per result, not per flag. */
static const char *answer_form(rules_result *res, size_t ri, size_t qi)
{
	const rule *r = &res->r->v[ri];
	int choice = r->kind == KIND_CHOICE_IS;
	char **slot = choice ? &res->prep[ri].form : &res->forms[qi];
	if (!*slot)
		*slot = form_text(&res->qb->q[qi], choice ? r->values : 0);
	return *slot;
}

/* The word `driver add` writes in its usage for the value of each step. */
static const char *const step_form[STEP_COUNT] = {
	[STEP_VALUE] = "V", [STEP_GROWTH] = "PCT", [STEP_FACTOR] = "F", [STEP_SHARE] = "PCT",
};

/* Names of the set bits of mask, "a, b or c". */
static const char *join_mask(ap_buf *b, unsigned mask, const char *const *names, const char *last_sep)
{
	int total = popcount(mask), k = 0;
	b->len = 0;
	buf_puts(b, "");
	for (int i = 0; mask >> i; i++)
		if (mask & (1u << i)) {
			buf_printf(b, "%s%s", k == 0 ? "" : k == total - 1 ? last_sep : ", ", names[i]);
			k++;
		}
	return b->s;
}

static const char *single_detail(ap_buf *b, const rule *r, long contacts, long holder)
{
	b->len = 0;
	buf_puts(b, "");
	if (contacts == 0)
		buf_puts(b, "no contacts in the org map");
	else if (contacts < r->min_contacts && holder >= 0)
		buf_printf(b, "only %ld contact%s, held by %s alone", contacts, contacts == 1 ? "" : "s", ap_tiers.names[holder]);
	else if (contacts < r->min_contacts)
		buf_printf(b, "only %ld contacts, fewer than %d", contacts, r->min_contacts);
	else
		buf_printf(b, "all %ld contacts are held by %s alone", contacts, ap_tiers.names[holder]);
	return b->s;
}

static const char *driver_gaps(ap_buf *b, const rules_result *res, const rule *r, size_t a)
{
	b->len = 0;
	buf_puts(b, "");
	for (size_t k = res->f.drv_start[a]; k < res->f.drv_start[a + 1]; k++) {
		const fact_driver *d = &res->f.drv[k];
		unsigned gap = d->missing & r->steps;
		if (!gap)
			continue;
		buf_printf(b, "%s%s (no ", b->len ? "; " : "", d->metric ? d->metric : "?");
		for (int st = 0, first = 1; st < STEP_COUNT; st++)
			if (gap & (1u << st)) {
				buf_printf(b, "%s%s", first ? "" : ", ", fact_steps.names[st]);
				first = 0;
			}
		buf_puts(b, ")");
	}
	return b->s;
}

static const char *missing_questions(ap_buf *b, const rules_result *res, size_t ri, unsigned mask)
{
	const rule_prep *p = &res->prep[ri];
	b->len = 0;
	buf_puts(b, "");
	for (int k = 0, n = 0, total = popcount(mask); k < p->nreq; k++)
		if ((mask & (1u << k)) && p->req[k] >= 0) {
			buf_printf(b, "%s'%s'", n == 0 ? "" : n == total - 1 ? " and " : ", ", res->qb->q[p->req[k]].label);
			n++;
		}
	return b->s;
}

/* The labels of the canvas blocks in mask (bit k: the rule's k-th question), "a, b and c". */
static const char *missing_blocks(ap_buf *b, const rules_result *res, size_t ri, unsigned mask)
{
	const rule_prep *p = &res->prep[ri];
	b->len = 0;
	buf_puts(b, "");
	for (size_t k = 0, n = 0, total = (size_t)popcount(mask); k < p->nq; k++)
		if (mask & (1u << k)) {
			buf_printf(b, "%s%s", n == 0 ? "" : n == total - 1 ? " and " : ", ", res->qb->q[p->qs[k]].label);
			n++;
		}
	return b->s;
}

/* The first prerequisite in mask, the one the hint answers; NULL for none. */
static const qb_question *first_missing(const rules_result *res, size_t ri, unsigned mask)
{
	const rule_prep *p = &res->prep[ri];
	for (int k = 0; k < p->nreq; k++)
		if ((mask & (1u << k)) && p->req[k] >= 0)
			return &res->qb->q[p->req[k]];
	return NULL;
}

/* Members in the order of their names, for other_member: sorted once per
 * result, when a flag first needs it. */
typedef struct named_index {
	const char *name;
	size_t i;
} named_index;

static int by_member_name(const void *a, const void *b)
{
	const named_index *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

static const size_t *members_by_name(rules_result *res)
{
	if (!res->mem_order) {
		named_index *v = xmalloc((res->f.nmem + 1) * sizeof *v);
		for (size_t i = 0; i < res->f.nmem; i++)
			v[i] = (named_index){res->f.mem[i].name, i};
		qsort(v, res->f.nmem, sizeof *v, by_member_name);
		res->mem_order = xmalloc((res->f.nmem + 1) * sizeof *res->mem_order);
		for (size_t i = 0; i < res->f.nmem; i++)
			res->mem_order[i] = v[i].i;
		free(v);
	}
	return res->mem_order;
}

/* How well member m would end r's flag, whose holder (key_person_risk,
 * single_owner) is member `holder`: -1 not at all; more is better. Someone
 * else, best of a tier the rule does not flag and not the holder's; for
 * product_answers_by_sales, someone outside `authors`, best of the rule's
 * own tier. */
static int member_fit(const rules_result *res, const rule *r, long holder, const fact_member *m)
{
	if (!m->active || m->tier < 0)
		return -1;
	if (r->kind == KIND_PRODUCT_ANSWERS_BY_SALES)
		return r->authors & (1u << m->tier) ? -1 : m->tier == r->tier;
	const fact_member *h = &res->f.mem[holder];
	if (m == h)
		return -1;
	return 2 * !(r->held_by & (1u << m->tier)) + (m->tier != h->tier);
}

/* {other_member}: the active member who fits best, the first by name of
 * those; MEMBER, for the user to fill in, when nobody fits. */
static const char *other_member(rules_result *res, const rule *r, long holder)
{
	const size_t *order = members_by_name(res);
	const fact_member *best = NULL;
	int best_fit = -1;
	for (size_t k = 0; k < res->f.nmem && best_fit < 3; k++) {
		const fact_member *m = &res->f.mem[order[k]];
		int fit = member_fit(res, r, holder, m);
		if (fit > best_fit) {
			best = m;
			best_fit = fit;
		}
	}
	return best ? best->name : "MEMBER";
}

/* One contact for {detail}: what got it flagged. Dates are formatted here,
 * not through date_text, whose slots the flag's {last} may be using. */
static void describe_contact(ap_buf *b, const rules_result *res, const rule *r, const fact_contact *c)
{
	const char *role = ap_name(&ap_roles, c->role, NULL);
	switch (r->kind) {
	case KIND_SHALLOW_DECISION_MAKER:
		buf_printf(b, "%s, %s level, %s%s", role ? role : "?", ap_name(&ap_levels, c->level, "unknown"),
			c->owner >= 0 ? "held by " : "nobody holds it", c->owner >= 0 ? res->f.mem[c->owner].name : "");
		break;
	case KIND_OPPONENT_UNCOVERED:
		buf_printf(b, "%s, %s influence", ap_name(&ap_stances, c->stance, "?"), ap_name(&ap_influences, c->influence, "?"));
		break;
	default: {
		char day[11];
		if (c->last)
			ap_date_format(c->last, day);
		if (in_roles(r, c))
			buf_puts(b, role);
		else
			buf_printf(b, "%s influence", ap_name(&ap_influences, c->influence, "?"));
		buf_printf(b, ", %s%s", c->last ? "last met " : "never met", c->last ? day : "");
		break;
	}
	}
}

/* {detail} of a kind that flags contacts: each of them, "Name (why)", in
 * the order of their ids. */
static const char *contacts_detail(ap_buf *b, const rules_result *res, const rule *r, size_t a)
{
	b->len = 0;
	buf_puts(b, "");
	FOR_CONTACTS(res, a, c)
		if (contact_kinds[r->kind].flags(res, r, c)) {
			buf_printf(b, "%s%s (", b->len ? "; " : "", facts_contact_name(&res->f, c));
			describe_contact(b, res, r, c);
			buf_puts(b, ")");
		}
	return b->s;
}

/* {detail} of a kind that names the first of n: "Name", or "Name, +2 more"
 * (the others are the next flags' once the first is dealt with). */
static const char *first_and_more(ap_buf *b, const char *name, long n)
{
	b->len = 0;
	buf_puts(b, name);
	if (n > 1)
		buf_printf(b, ", +%ld more", n - 1);
	return b->s;
}

static int by_due(const void *x, const void *y)
{
	const fact_hand *a = *(const fact_hand *const *)x, *b = *(const fact_hand *const *)y;
	return due_first(a, b) ? -1 : due_first(b, a);
}

/* {detail} of action_overdue: "'Title' (Owner, due 2026-11-01); ...", due first. */
static const char *overdue_detail(ap_buf *b, const rules_result *res, const rule *r, size_t a)
{
	size_t lo, hi, n = 0;
	hand_range(&res->f, a, &lo, &hi);
	const fact_hand **v = xmalloc((hi - lo + 1) * sizeof *v);
	for (size_t i = lo; i < hi; i++)
		if (is_overdue(res, r, &res->f.hand[i]))
			v[n++] = &res->f.hand[i];
	qsort(v, n, sizeof *v, by_due);
	b->len = 0;
	buf_puts(b, "");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s'%s' (%s, due %s)", i ? "; " : "", v[i]->title, v[i]->owner, v[i]->due);
	free(v);
	return b->s;
}

/* A raised flag's name as check prints it and action add --flag takes it:
 * RULE or RULE/QUESTION, appended to b. */
static void flag_name(ap_buf *b, const rules_result *res, const raised_rec *x)
{
	buf_puts(b, res->r->v[x->rule].id);
	if (x->question >= 0)
		buf_printf(b, "/%s", res->qb->q[x->question].id);
}

/* {detail} of flag_unowned, oldest first, by the day each was first seen:
 * "since 2026-10-01: stale/market_position, no_driver; since 2026-10-09: ...". */
static const char *unowned_detail(ap_buf *b, const rules_result *res, const rule *r, size_t a)
{
	size_t lo, hi, n = 0;
	raised_range(res, a, &lo, &hi);
	const raised_rec **v = xmalloc((hi - lo + 1) * sizeof *v);
	for (size_t k = lo; k < hi; k++)
		if (is_unowned(res, r, &res->raised[res->by_acct[k]]))
			v[n++] = &res->raised[res->by_acct[k]];
	/* Few per account, and the order needs the result: an insertion sort. */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && seen_before(res, v[k], v[k - 1]); k--) {
			const raised_rec *t = v[k];
			v[k] = v[k - 1];
			v[k - 1] = t;
		}
	b->len = 0;
	buf_puts(b, "");
	for (size_t i = 0; i < n; i++) {
		int first = res->f.seen[v[i]->seen].first;
		if (i == 0 || first != res->f.seen[v[i - 1]->seen].first) {
			char day[11];
			ap_date_format(first, day);
			buf_printf(b, "%ssince %s: ", i ? "; " : "", day);
		} else {
			buf_puts(b, ", ");
		}
		flag_name(b, res, v[i]);
	}
	free(v);
	return b->s;
}

/* {detail} of product_answers_by_sales: "'Label' (Author), ...: 2 of 3 answers". */
static const char *authored_detail(ap_buf *b, const rules_result *res, size_t ri, size_t a)
{
	const rule *r = &res->r->v[ri];
	const rule_prep *p = &res->prep[ri];
	long n = 0, answered = 0;
	b->len = 0;
	buf_puts(b, "");
	for (size_t k = 0; k < p->nq; k++) {
		const fact_answer *an = answer(res, a, p->qs[k]);
		answered += an->present;
		if (by_authors(res, r, an))
			buf_printf(b, "%s'%s' (%s)", n++ ? ", " : "", res->qb->q[p->qs[k]].label, res->f.mem[an->author - 1].name);
	}
	buf_printf(b, ": %ld of %ld answer%s", n, answered, answered == 1 ? "" : "s");
	return b->s;
}

static void answer_values(ph_values *pv, rules_result *res, const flag_rec *fr)
{
	const rule *r = &res->r->v[fr->rule];
	const qb_question *q = &res->qb->q[fr->question];
	const fact_answer *an = answer(res, fr->acct, (size_t)fr->question);
	pv->v[PH_QUESTION] = q->label;
	pv->v[PH_QUESTION_ID] = q->id;
	/* A requires hint answers the missing question: see kind_values. */
	if (NEED(pv, PH_ANSWER_FORM) && r->kind != KIND_REQUIRES)
		pv->v[PH_ANSWER_FORM] = answer_form(res, (size_t)fr->rule, (size_t)fr->question);
	if (!an->present)
		return;
	if (NEED(pv, PH_DATE))
		pv->v[PH_DATE] = date_text(res, an->date);
	pv->v[PH_SOURCE] = an->source >= 0 ? ap_sources.names[an->source] : "?";
	pv->v[PH_CONFIDENCE] = an->confidence >= 0 ? ap_confidences.names[an->confidence] : "?";
	if (an->option >= 0 && an->option < q->noptions)
		pv->v[PH_VALUE] = q->options[an->option];
}

static void kind_values(ph_values *pv, rules_result *res, const flag_rec *fr)
{
	const rule *r = &res->r->v[fr->rule];
	set_num(pv, PH_DAYS, r->days);
	pv->v[PH_LEVEL] = ap_levels.names[r->level];
	if (r->kind == KIND_NO_ENGAGEMENT || r->kind == KIND_TACTICAL_ONLY || r->kind == KIND_UNSHARED_NEWS)
		pv->v[PH_BY_TIER] = ap_tiers.names[by_tier(r)];
	switch (r->kind) {
	case KIND_STALE:
		set_num(pv, PH_AGE, fr->n1);
		/* The day its age counts from: a confirmation's, when later. */
		if (NEED(pv, PH_DATE))
			pv->v[PH_DATE] = date_text(res, fact_answer_day(answer(res, fr->acct, (size_t)fr->question)));
		break;
	case KIND_MISSING_ROLE:
		if (NEED(pv, PH_ROLES))
			pv->v[PH_ROLES] = join_mask(&res->list, (unsigned)fr->n1, ap_roles.names, " or ");
		set_num(pv, PH_COUNT, popcount((unsigned)fr->n1));
		pv->v[PH_ROLE] = ap_roles.names[first_bit((unsigned)fr->n1)];
		break;
	case KIND_SINGLE_THREADED:
		set_num(pv, PH_COUNT, fr->n1);
		if (NEED(pv, PH_DETAIL))
			pv->v[PH_DETAIL] = single_detail(&res->list, r, fr->n1, fr->n2);
		pv->v[PH_OTHER_TIER] = ap_tiers.names[other_tier(r, fr->n2)];
		break;
	case KIND_NO_ENGAGEMENT:
		if (fr->n1 < 0)
			pv->v[PH_AGE] = "never";
		else
			set_num(pv, PH_AGE, fr->n1);
		set_last(res, pv, PH_LAST, fr->n2);
		break;
	case KIND_TACTICAL_ONLY:
	case KIND_UNSHARED_NEWS:
		set_num(pv, PH_COUNT, fr->n1);
		set_meeting(res, pv, fr->n2);
		break;
	case KIND_REQUIRES: {
		const qb_question *q = first_missing(res, (size_t)fr->rule, (unsigned)fr->n1);
		set_num(pv, PH_COUNT, popcount((unsigned)fr->n1));
		if (NEED(pv, PH_MISSING))
			pv->v[PH_MISSING] = missing_questions(&res->list, res, (size_t)fr->rule, (unsigned)fr->n1);
		pv->v[PH_MISSING_ID] = q ? q->id : "";
		if (q && NEED(pv, PH_ANSWER_FORM))
			pv->v[PH_ANSWER_FORM] = answer_form(res, (size_t)fr->rule, (size_t)(q - res->qb->q));
		break;
	}
	case KIND_INCOMPLETE_DRIVER: {
		const fact_driver *d = &res->f.drv[fr->n2];
		int step = first_bit(d->missing & r->steps);
		set_num(pv, PH_COUNT, fr->n1);
		if (NEED(pv, PH_MISSING))
			pv->v[PH_MISSING] = driver_gaps(&res->list, res, r, fr->acct);
		set_num(pv, PH_ID, d->id);
		pv->v[PH_STEP] = fact_steps.names[step];
		pv->v[PH_STEP_FORM] = step_form[step];
		break;
	}
	case KIND_KEY_PERSON_RISK:
	case KIND_SINGLE_OWNER:
		set_num(pv, PH_COUNT, fr->n1);
		pv->v[PH_MEMBER] = res->f.mem[fr->n2].name;
		if (NEED(pv, PH_OTHER_MEMBER))
			pv->v[PH_OTHER_MEMBER] = other_member(res, r, fr->n2);
		break;
	case KIND_SHALLOW_DECISION_MAKER:
	case KIND_OPPONENT_UNCOVERED:
	case KIND_CONTACT_UNTOUCHED: {
		const fact_contact *c = &res->f.con[fr->n2];
		set_num(pv, PH_COUNT, fr->n1);
		pv->v[PH_CONTACT] = facts_contact_name(&res->f, c);
		pv->v[PH_MEMBER] = c->owner >= 0 ? res->f.mem[c->owner].name : "MEMBER";
		set_last(res, pv, PH_LAST, c->last);
		if (NEED(pv, PH_DETAIL))
			pv->v[PH_DETAIL] = contacts_detail(&res->list, res, r, fr->acct);
		break;
	}
	case KIND_ACTION_OVERDUE: {
		const fact_hand *h = &res->f.hand[fr->n2];
		set_num(pv, PH_COUNT, fr->n1);
		set_num(pv, PH_ID, h->id);
		pv->v[PH_MEMBER] = h->owner;
		if (NEED(pv, PH_DETAIL))
			pv->v[PH_DETAIL] = overdue_detail(&res->list, res, r, fr->acct);
		break;
	}
	case KIND_NOT_REVIEWED:
		set_num(pv, PH_DAYS, r->review_days[fr->n2]);
		if (fr->n1 < 0)
			pv->v[PH_AGE] = "never";
		else
			set_num(pv, PH_AGE, fr->n1);
		set_last(res, pv, PH_LAST, res->f.acc[fr->acct].reviewed);
		pv->v[PH_SEGMENT] = ap_segments.names[fr->n2];
		break;
	case KIND_FLAG_UNOWNED: {
		const raised_rec *x = &res->raised[fr->n2];
		set_num(pv, PH_COUNT, fr->n1);
		if (NEED(pv, PH_DATE))
			pv->v[PH_DATE] = date_text(res, res->f.seen[x->seen].first);
		if (NEED(pv, PH_FLAG)) {
			res->flag.len = 0;
			buf_puts(&res->flag, "");
			flag_name(&res->flag, res, x);
			pv->v[PH_FLAG] = res->flag.s;
		}
		if (NEED(pv, PH_DETAIL))
			pv->v[PH_DETAIL] = unowned_detail(&res->list, res, r, fr->acct);
		break;
	}
	case KIND_ORDERS_DIVERGE: {
		const fact_driver *d = &res->f.drv[fr->n1];
		order_trend t;
		account_trend(res, fr->acct, &t);
		pv->v[PH_DRIVER] = d->metric;
		set_num(pv, PH_ID, d->id);
		set_num(pv, PH_QUARTERS, fr->n2);
		set_num(pv, PH_GAP, lround(fabs(d->growth - t.growth)));
		trend_pct(t.growth, pv->nums[PH_ORDERS_GROWTH]);
		trend_pct(d->growth, pv->nums[PH_CHAIN_GROWTH]);
		pv->v[PH_ORDERS_GROWTH] = pv->nums[PH_ORDERS_GROWTH];
		pv->v[PH_CHAIN_GROWTH] = pv->nums[PH_CHAIN_GROWTH];
		break;
	}
	case KIND_ORDERS_MISSING:
		set_num(pv, PH_MONTHS, r->months);
		if (fr->n1 < 0) {
			pv->v[PH_LAST] = "never";
		} else {
			snprintf(pv->nums[PH_LAST], sizeof pv->nums[PH_LAST], "%04d-%02d", fr->n1 / 12, fr->n1 % 12 + 1);
			pv->v[PH_LAST] = pv->nums[PH_LAST];
		}
		break;
	case KIND_ONE_SIDED:
		set_num(pv, PH_MONTHS, r->months);
		pv->v[PH_DIRECTION] = ap_xdirs.names[fr->n1 ? XDIR_TAKE : XDIR_GIVE];
		res->list.len = 0;
		buf_printf(&res->list, fr->n1 ? "%d give%s, no take" : "%d take%s, no give", (int)(fr->n1 ? fr->n1 : fr->n2),
			(fr->n1 ? fr->n1 : fr->n2) == 1 ? "" : "s");
		pv->v[PH_DETAIL] = res->list.s;
		break;
	case KIND_REFERENCE_FATIGUE:
		pv->v[PH_CONTACT] = res->f.text + res->f.con[fr->n1].name;
		set_num(pv, PH_COUNT, fr->n2);
		set_num(pv, PH_DAYS, FACT_ASKED_DAYS);
		break;
	case KIND_ADVOCATE_UNTAPPED: {
		const fact_contact *c = &res->f.con[fr->n2];
		set_num(pv, PH_COUNT, fr->n1);
		set_num(pv, PH_MONTHS, r->months);
		pv->v[PH_CONTACT] = facts_contact_name(&res->f, c);
		set_last(res, pv, PH_LAST, c->asked);
		if (NEED(pv, PH_DETAIL))
			pv->v[PH_DETAIL] = first_and_more(&res->list, pv->v[PH_CONTACT], fr->n1);
		break;
	}
	case KIND_CONSENT_EXPIRING: {
		const fact_consent *x = &res->f.cns[fr->n2];
		set_num(pv, PH_COUNT, fr->n1);
		set_num(pv, PH_ID, x->id);
		pv->v[PH_CONTACT] = facts_contact_name(&res->f, &res->f.con[x->contact]);
		if (NEED(pv, PH_DATE))
			pv->v[PH_DATE] = date_text(res, x->until);
		if (NEED(pv, PH_DETAIL))
			pv->v[PH_DETAIL] = first_and_more(&res->list, pv->v[PH_CONTACT], fr->n1);
		break;
	}
	case KIND_PRODUCT_ANSWERS_BY_SALES: {
		const qb_question *q = &res->qb->q[fr->n2];
		set_num(pv, PH_COUNT, fr->n1);
		pv->v[PH_QUESTION] = q->label;
		pv->v[PH_QUESTION_ID] = q->id;
		if (NEED(pv, PH_ANSWER_FORM))
			pv->v[PH_ANSWER_FORM] = answer_form(res, (size_t)fr->rule, (size_t)fr->n2);
		if (NEED(pv, PH_DETAIL))
			pv->v[PH_DETAIL] = authored_detail(&res->list, res, (size_t)fr->rule, fr->acct);
		if (NEED(pv, PH_OTHER_MEMBER))
			pv->v[PH_OTHER_MEMBER] = other_member(res, r, -1);
		break;
	}
	case KIND_CANVAS_GAP: {
		size_t qi = res->prep[fr->rule].qs[first_bit((unsigned)fr->n1)];
		set_num(pv, PH_COUNT, popcount((unsigned)fr->n1));
		if (NEED(pv, PH_BLOCKS))
			pv->v[PH_BLOCKS] = missing_blocks(&res->list, res, (size_t)fr->rule, (unsigned)fr->n1);
		pv->v[PH_QUESTION] = res->qb->q[qi].label;
		pv->v[PH_QUESTION_ID] = res->qb->q[qi].id;
		if (NEED(pv, PH_ANSWER_FORM))
			pv->v[PH_ANSWER_FORM] = answer_form(res, (size_t)fr->rule, qi);
		break;
	}
	default:
		break;
	}
}

static const char *render(ap_buf *b, const rule_tpl *t, const ph_values *pv)
{
	/* A text without placeholders is the template itself: nothing to copy. */
	if (t->n == 1 && t->p[0].ph < 0 && !t->p[0].text[t->p[0].len])
		return t->p[0].text;
	b->len = 0;
	buf_add(b, "", 0);
	for (int i = 0; i < t->n; i++) {
		buf_add(b, t->p[i].text, t->p[i].len);
		if (t->p[i].ph >= 0 && pv->v[t->p[i].ph])
			buf_puts(b, pv->v[t->p[i].ph]);
	}
	return b->s;
}

/* Placeholders whose values stay where they are while the result lives:
 * names from the facts and the question bank, the name tables, the answer
 * forms kept per result. Numbers, dates and lists are rendered into buffers
 * used again by the next flag, so they are not. */
#define PH_STABLE (PH_BIT(PH_ACCOUNT) | PH_BIT(PH_TIER) | PH_BIT(PH_RULE) | PH_BIT(PH_SEVERITY) | \
	PH_BIT(PH_QUESTION) | PH_BIT(PH_QUESTION_ID) | PH_BIT(PH_SOURCE) | PH_BIT(PH_CONFIDENCE) | \
	PH_BIT(PH_VALUE) | PH_BIT(PH_MISSING_ID) | PH_BIT(PH_ANSWER_FORM) | PH_BIT(PH_ROLE) | \
	PH_BIT(PH_OTHER_TIER) | PH_BIT(PH_BY_TIER) | PH_BIT(PH_STEP) | PH_BIT(PH_STEP_FORM) | PH_BIT(PH_MEMBER) | \
	PH_BIT(PH_OTHER_MEMBER) | PH_BIT(PH_CONTACT) | PH_BIT(PH_LEVEL) | PH_BIT(PH_SEGMENT))

/* The placeholder a word consists of alone ("{account}"), or -1. */
static int lone_placeholder(const rule_tpl *w)
{
	return w->n == 2 && w->p[0].len == 0 && w->p[1].len == 0 && w->p[1].ph < 0 ? w->p[0].ph : -1;
}

/* s quoted for the shell, once per result for each such value s (keyed by
 * its address, which PH_STABLE keeps valid): an account's name is quoted
 * once, not once per flag of the account. */
static const char *memo_quote(rules_result *res, const char *s)
{
	if (2 * (res->memo_n + 1) > res->memo_cap) {
		struct quote_memo *old = res->memo;
		size_t old_cap = res->memo_cap;
		res->memo_cap = old_cap ? 2 * old_cap : 256;
		res->memo = xcalloc(res->memo_cap, sizeof *res->memo);
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].src) {
				size_t h = (size_t)((uintptr_t)old[i].src >> 3) * 2654435761u;
				while (res->memo[h &= res->memo_cap - 1].src)
					h++;
				res->memo[h] = old[i];
			}
		free(old);
	}
	size_t h = (size_t)((uintptr_t)s >> 3) * 2654435761u;
	for (;; h++) {
		struct quote_memo *m = &res->memo[h &= res->memo_cap - 1];
		if (m->src == s)
			return m->quoted;
		if (!m->src) {
			ap_buf b = {0};
			shell_quote(&b, s);
			*m = (struct quote_memo){s, buf_steal(&b)};
			res->memo_n++;
			return m->quoted;
		}
	}
}

/* A command hint renders word by word: each word is one argument of
 * hint_argv, and the printed hint is those arguments quoted for the shell.
 * A hint in words is rendered as text (it holds no placeholder). */
static void render_hint(rules_result *res, const rule_hint *h, const ph_values *pv, rule_flag *f)
{
	f->hint_argc = 0;
	f->hint_argv = NULL;
	if (!h->nwords) {
		f->hint = (char *)render(&res->hint, &h->text, pv);
		return;
	}
	if (res->argv_cap <= h->nwords) {
		res->argv_cap = h->nwords + 1;
		res->argv = xrealloc(res->argv, (size_t)res->argv_cap * sizeof *res->argv);
		res->arg_at = xrealloc(res->arg_at, (size_t)res->argv_cap * sizeof *res->arg_at);
		res->argq = xrealloc(res->argq, (size_t)res->argv_cap * sizeof *res->argq);
	}
	/* A word without placeholders is its own argument, quoted at load; a
	 * word that is one placeholder of a value that stays put is that value,
	 * quoted once per result; only the others are rendered and quoted here.
	 * What comes out is what shell_join prints for the same list (the first
	 * word is "acctplan", which needs no first-word care): a portfolio's
	 * check renders a quarter of a million hints, and most of their words
	 * never change. */
	res->args.len = 0;
	for (int i = 0; i < h->nwords; i++) {
		int ph = lone_placeholder(&h->words[i]);
		if (h->quoted[i]) {
			res->argv[i] = h->words[i].src;
			res->argq[i] = h->quoted[i];
		} else if (ph >= 0 && (PH_STABLE & PH_BIT(ph)) && pv->v[ph]) {
			res->argv[i] = (char *)pv->v[ph];
			res->argq[i] = memo_quote(res, pv->v[ph]);
		} else {
			const char *arg = render(&res->word, &h->words[i], pv);
			res->arg_at[i] = res->args.len;
			res->argv[i] = NULL;
			res->argq[i] = NULL;
			buf_add(&res->args, arg, strlen(arg) + 1);
		}
	}
	/* Pointers into args only now: it may have moved while it grew. */
	for (int i = 0; i < h->nwords; i++)
		if (!res->argv[i])
			res->argv[i] = res->args.s + res->arg_at[i];
	res->argv[h->nwords] = NULL;
	res->hint.len = 0;
	buf_add(&res->hint, "", 0);
	for (int i = 0; i < h->nwords; i++) {
		if (i)
			buf_add(&res->hint, " ", 1);
		if (res->argq[i])
			buf_puts(&res->hint, res->argq[i]);
		else
			shell_quote(&res->hint, res->argv[i]);
	}
	f->hint = res->hint.s;
	f->hint_argv = res->argv;
	f->hint_argc = h->nwords;
}

const rule_flag *rules_result_get(rules_result *res, size_t i)
{
	const flag_rec *fr = &res->v[i];
	const rule *r = &res->r->v[fr->rule];
	const fact_account *acc = &res->f.acc[fr->acct];
	ph_values pv;
	memset(pv.v, 0, sizeof pv.v);
	pv.need = r->message.uses | r->hint.text.uses;
	pv.v[PH_ACCOUNT] = acc->name;
	pv.v[PH_TIER] = ap_tiers.names[r->tier];
	pv.v[PH_RULE] = r->id;
	pv.v[PH_SEVERITY] = ap_severities.names[r->severity];
	if (fr->question >= 0)
		answer_values(&pv, res, fr);
	kind_values(&pv, res, fr);
	rule_flag *f = &res->cur;
	const fact_snooze *z = fr->snooze >= 0 ? &res->f.snz[fr->snooze] : NULL;
	const fact_hand *h = find_hand(&res->f, fr->acct, r->id, fr->question >= 0 ? res->qb->q[fr->question].id : "");
	/* Borrowed strings: the result owns them until the next call. */
	*f = (rule_flag){
		.account_id = acc->id, .account = acc->name, .rule = r->id,
		.kind = (char *)rule_kinds.names[r->kind], .tier = r->tier,
		.question = fr->question >= 0 ? res->qb->q[fr->question].id : NULL,
		.severity = r->severity, .snoozed = z != NULL,
		.snooze_until = z ? z->until : NULL, .snooze_reason = z ? z->reason : NULL,
		.snooze_created = z ? z->created : NULL, .snooze_by = z ? z->by : NULL,
		.hand_owner = h ? h->owner : NULL, .hand_due = h ? h->due : NULL,
	};
	f->message = (char *)render(&res->msg, &r->message, &pv);
	render_hint(res, &r->hint, &pv, f);
	return f;
}

void rules_result_group_by_account(rules_result *res)
{
	size_t nacc = res->f.nacc;
	int *worst = xmalloc((nacc + 1) * sizeof *worst);
	for (size_t a = 0; a < nacc; a++)
		worst[a] = -1;
	for (size_t i = 0; i < res->n; i++) {
		int sev = res->r->v[res->v[i].rule].severity;
		if (sev > worst[res->v[i].acct])
			worst[res->v[i].acct] = sev;
	}
	/* Slot of each account in reading order, then a stable placement of the flags. */
	size_t *start = xcalloc(nacc + 1, sizeof *start), *count = xcalloc(nacc + 1, sizeof *count), pos = 0;
	for (size_t i = 0; i < res->n; i++)
		count[res->v[i].acct]++;
	for (int sev = SEVERITY_COUNT - 1; sev >= 0; sev--)
		for (size_t a = 0; a < nacc; a++)
			if (worst[a] == sev) {
				start[a] = pos;
				pos += count[a];
			}
	flag_rec *v = xmalloc((res->n + 1) * sizeof *v);
	for (size_t i = 0; i < res->n; i++)
		v[start[res->v[i].acct]++] = res->v[i];
	free(res->v);
	res->v = v;
	res->cap = res->n + 1;
	free(worst);
	free(start);
	free(count);
}

/* ---- the agreed one-call interface ---- */

static int by_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

void rule_flags_summary(const rule_flags *fl, rules_summary *out)
{
	memset(out, 0, sizeof *out);
	long long *ids = xmalloc((fl->n + 1) * sizeof *ids);
	for (size_t i = 0; i < fl->n; i++) {
		const rule_flag *f = &fl->v[i];
		if (f->snoozed) {
			out->snoozed++;
			continue;
		}
		out->by_severity[f->severity]++;
		ids[out->total++] = f->account_id;
	}
	/* An account's flags are not adjacent (severity comes first): count distinct ids. */
	qsort(ids, out->total, sizeof *ids, by_ll);
	for (size_t i = 0; i < out->total; i++)
		out->accounts += i == 0 || ids[i] != ids[i - 1];
	free(ids);
}

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

/* Every flag of res copied into out (owned strings); frees res. */
static int collect(rules_result *res, rule_flags *out)
{
	for (size_t i = 0; i < res->n; i++) {
		const rule_flag *f = rules_result_get(res, i);
		rule_flag *o = ap_vec_push(out);
		*o = *f;
		o->account = xstrdup(f->account);
		o->rule = xstrdup(f->rule);
		o->kind = xstrdup(f->kind);
		o->question = dup_or_null(f->question);
		o->message = xstrdup(f->message);
		o->hint = xstrdup(f->hint);
		if (f->hint_argc) {
			o->hint_argv = xmalloc((size_t)(f->hint_argc + 1) * sizeof *o->hint_argv);
			for (int k = 0; k < f->hint_argc; k++)
				o->hint_argv[k] = xstrdup(f->hint_argv[k]);
			o->hint_argv[f->hint_argc] = NULL;
		}
		o->snooze_until = dup_or_null(f->snooze_until);
		o->snooze_reason = dup_or_null(f->snooze_reason);
		o->snooze_created = dup_or_null(f->snooze_created);
		o->snooze_by = dup_or_null(f->snooze_by);
		o->hand_owner = dup_or_null(f->hand_owner);
		o->hand_due = dup_or_null(f->hand_due);
	}
	rules_result_free(&res);
	return AP_OK;
}

int rules_eval(const rules *r, store *s, const qbank *qb, long long account, long today,
	int include_snoozed, rule_flags *out, ap_err *e)
{
	rules_query q = {account, today, -1, SEV_INFO, include_snoozed};
	rules_result *res;
	int rc = rules_run(r, s, qb, &q, &res, e);
	return rc ? rc : collect(res, out);
}

int rules_eval_accounts(const rules *r, store *s, const qbank *qb, const long long *ids, size_t n,
	long today, int include_snoozed, rule_flags *out, ap_err *e)
{
	rules_query q = {0, today, -1, SEV_INFO, include_snoozed};
	rules_result *res;
	int rc = rules_run_accounts(r, s, qb, &q, ids, n, &res, e);
	return rc ? rc : collect(res, out);
}
