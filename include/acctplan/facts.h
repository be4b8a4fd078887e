/* facts.h - the compact facts about accounts that the rules engine checks.
 *
 * store_facts_load reads them for one account or the whole portfolio in a
 * handful of set-based queries (never a query per account), keeping only what
 * a rule can ask about: no answer text except which option a choice answer
 * picked, a few bytes per engagement and per contact. */
#ifndef ACCTPLAN_FACTS_H
#define ACCTPLAN_FACTS_H

#include "acctplan/qbank.h"
#include "acctplan/store.h"
#include "acctplan/trend.h"

/* The steps of a demand driver (end-customer metric -> growth -> our units per
 * metric -> our share); a bit per step the user has not given. */
#define FACT_STEP_TABLE(X) X(STEP_VALUE, "value") X(STEP_GROWTH, "growth") X(STEP_FACTOR, "factor") X(STEP_SHARE, "share")
#define FACT_STEP_ENUM_(id, name) id,
enum fact_step { FACT_STEP_TABLE(FACT_STEP_ENUM_) STEP_COUNT };
#undef FACT_STEP_ENUM_
extern const ap_names fact_steps;

/* The current answer to one question; date 0 and present 0 when unanswered. */
typedef struct fact_answer {
	int date;                 /* days since 1970-01-01 */
	int confirmed;            /* its latest confirmation (store_answer_confirm), 0 none */
	signed char source, confidence;
	signed char option;       /* choice questions: index of the option, else -1 */
	unsigned char present;
	unsigned short author;    /* 1 + index into facts.mem of the member who wrote it (its
	                           * `by` compared as names are, ap_name_key); 0 for none */
} fact_answer;

/* One of our people. */
typedef struct fact_member {
	long long id;
	char *name;
	signed char tier;
	unsigned char active;
} fact_member;

/* One contact of an account, as the rules about relationships see it: who
 * on our side holds it, how deep it is, how they feel about us, and when we
 * last met them (the newest held meeting they attended, on or before the
 * day of the load). The enumerations are -1 when not recorded. */
typedef struct fact_contact {
	long long id;
	int last;                 /* days since 1970-01-01; 0 never met */
	int asked;                /* the latest day they spoke for us (advocacy), up to the day of
	                           * the load; 0 never */
	int owner;                /* index into facts.mem, -1 none */
	unsigned name;            /* offset of its name in facts.text */
	signed char role, level, stance, influence;
} fact_contact;

/* The ids name the record a flag is about, so that its hint can say which
 * one to change (meeting edit ID, driver edit ID). */
typedef struct fact_engagement {
	long long id;
	int date;
	unsigned char tier, kind, news, shared;
} fact_engagement;

typedef struct fact_driver {
	long long id;
	unsigned missing;         /* bit per enum fact_step not given */
	double growth;            /* the end use's growth, % a year; NaN when not given */
	char *metric;             /* kept only when a rule may name it: a step missing, or a growth given */
} fact_driver;

/* A give or take: its month (trend_month) and whether it is a take. */
typedef struct fact_exchange {
	int month;
	int take;
} fact_exchange;

/* An advocacy of the last FACT_ASKED_DAYS days: the contact asked (an
 * index into facts.con) and the day. */
#define FACT_ASKED_DAYS 90
typedef struct fact_asked {
	size_t contact;
	int day;
} fact_asked;

/* An advocacy whose consent runs until the day of the load or later: the
 * record (for a hint to edit), the contact (an index into facts.con) and
 * the last day of the consent. */
typedef struct fact_consent {
	long long id;
	size_t contact;
	int until;
} fact_consent;

/* An unexpired snooze; the array is sorted by account, rule, question. */
typedef struct fact_snooze {
	size_t account;           /* index into facts.acc */
	char *rule, *question;    /* question "" when the flag is not about one */
	char *until, *reason;
	char *created, *by;       /* the day it was made, and by whom ("" when not recorded) */
} fact_snooze;

/* An open action, most often answering a flag; sorted by account, rule,
 * question and due day, so the first of a flag's is the one due soonest. */
typedef struct fact_hand {
	size_t account;           /* index into facts.acc */
	long long id;
	char *rule, *question;    /* "" and "" when it answers no flag; question "" when the flag is not about one */
	char *owner, *due, *title;
	int tier;                 /* -1 when not said */
	int due_day;              /* days since 1970-01-01 */
} fact_hand;

typedef struct fact_account {
	long long id;
	char *name;
	int segment;
	int created;                       /* days since 1970-01-01 */
	int reviewed;                      /* the day of its last review (state reviewed), 0 never */
	int contacts;                      /* how many contacts in the org map */
	int contacts_by_tier[TIER_COUNT];  /* by our tier holding the relationship */
	unsigned roles;                    /* bit per enum ap_role some contact holds */
	int last_order;                    /* the latest month (trend_month) a period with an order above
	                                    * zero begins in, up to today's; -1 none */
} fact_account;

/* A flag as a check last recorded it (flag_seen): the day it was first
 * seen. rule and question index facts.seen_names (question "" when the
 * flag is not about one). A portfolio has hundreds of thousands: small. */
typedef struct fact_seen {
	unsigned rule, question;
	int first;                /* days since 1970-01-01 */
} fact_seen;

typedef struct facts {
	fact_account *acc;        /* sorted by name, case-insensitively */
	size_t nacc;
	size_t nquestions;        /* qb->n when loaded */
	fact_answer *ans;         /* nacc * nquestions, question in qbank order */
	/* Account a's engagements (newest first) are eng[eng_start[a]] up to
	 * eng[eng_start[a + 1]]; its drivers, in the order entered, likewise. */
	fact_engagement *eng;
	size_t neng, *eng_start;
	fact_driver *drv;
	size_t ndrv, *drv_start;
	fact_snooze *snz;
	size_t nsnz;
	fact_hand *hand;          /* account a's: hand[hand_start[a]] up to hand[hand_start[a + 1]] */
	size_t nhand, *hand_start;
	/* Every member, by id; account a's contacts, by id, are con[con_start[a]]
	 * up to con[con_start[a + 1]], their names in `text`. */
	fact_member *mem;
	size_t nmem;
	fact_contact *con;
	size_t ncon, *con_start;
	char *text;
	/* Account a's recorded flags: seen[seen_start[a]] up to seen[seen_start[a + 1]];
	 * their rule and question ids, each once, in seen_names. */
	fact_seen *seen;
	size_t nseen, *seen_start;
	size_t seen_stale;        /* rows last seen before the day of the load */
	char **seen_names;
	size_t nseen_names;
	/* Account a's orders of the trend window (trend.h), summed by currency
	 * and month: ord[ord_start[a]] up to ord[ord_start[a + 1]]. */
	trend_sum *ord;
	size_t nord, *ord_start;
	int orders_any;           /* the store holds an order, of any account */
	/* Account a's gives and takes up to today's month, and its contacts
	 * asked to speak for us lately: xch[xch_start[a]] up to
	 * xch[xch_start[a + 1]], ask likewise. */
	fact_exchange *xch;
	size_t nxch, *xch_start;
	fact_asked *ask;
	size_t nask, *ask_start;
	/* Account a's consents still running: cns[cns_start[a]] up to
	 * cns[cns_start[a + 1]], in no particular order. */
	fact_consent *cns;
	size_t ncns, *cns_start;
	/* What was loaded: one account (its id), else 0; set: store_facts_load_set. */
	long long only;
	int set;
} facts;

/* Load the facts of one account (account > 0, AP_EINPUT when unknown) or of
 * all (0). Answers to questions not in qb are ignored. Snoozes that ended
 * before `today` are left out. Caller frees with store_facts_free. */
int store_facts_load(store *s, const qbank *qb, long long account, long today,
	facts *out, ap_err *e);
/* The same for exactly the accounts ids[0, n) (duplicates and ids no longer in
 * the store are skipped), one statement per kind of fact whatever n is: a page
 * of the workbench's account list costs what one account does. */
int store_facts_load_set(store *s, const qbank *qb, const long long *ids, size_t n, long today,
	facts *out, ap_err *e);
/* Every account's id in the order a whole-portfolio load lists them, so
 * that loading them a slice at a time (store_facts_load_set) visits the
 * accounts in that order. Caller frees *ids (NULL when there is none). */
int store_facts_account_ids(store *s, long long **ids, size_t *n, ap_err *e);
void store_facts_free(facts *f);

/* A flag an evaluation raised that flag_seen does not hold yet: its account
 * (an index into facts.acc), rule id and question id ("" when none). */
typedef struct fact_flag {
	size_t account;
	const char *rule, *question;
} fact_flag;

/* Record in flag_seen what an evaluation over the accounts of f (as loaded,
 * as of today) raised: each flag in `added` is first and last seen today;
 * each row of f->seen whose keep[i] is 0 is removed, so that a flag that
 * comes back counts afresh; every other row of those accounts is last seen
 * today. Only what changed is written, in one transaction, inserts and
 * removals batched; nothing at all when nothing changed (the second check
 * of a day). A row another process added meanwhile is left as it is. */
int store_flags_seen(store *s, const facts *f, const unsigned char *keep, const fact_flag *added, size_t nadded,
	long today, ap_err *e);

static inline const fact_answer *facts_answer(const facts *f, size_t account, size_t question)
{
	return &f->ans[account * f->nquestions + question];
}

/* The day an answer was last given or confirmed to hold: what its age is
 * measured from. (A confirmation keeps the answer's source and confidence.) */
static inline int fact_answer_day(const fact_answer *a)
{
	return a->confirmed > a->date ? a->confirmed : a->date;
}

static inline const char *facts_contact_name(const facts *f, const fact_contact *c)
{
	return f->text + c->name;
}

#endif
