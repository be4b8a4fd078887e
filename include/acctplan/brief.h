/* brief.h - the one page a person reads in the five minutes before meeting a
 * customer: the account at a glance, who we meet, what we know, what to ask,
 * what to share, what happened lately and the demand chain.
 *
 * brief_build gathers it for one account and the tier that meets (the
 * agenda comes from the rules engine's flags); brief_doc lays it out as
 * Markdown or as text of a given width (doc.h), for the CLI and the workbench. */
#ifndef ACCTPLAN_BRIEF_H
#define ACCTPLAN_BRIEF_H

#include "acctplan/demand.h"
#include "acctplan/doc.h"
#include "acctplan/qbank.h"
#include "acctplan/reciprocity.h"
#include "acctplan/rules.h"
#include "acctplan/store.h"
#include "acctplan/trend.h"

/* Why a question is on the agenda, as bits. */
enum brief_reason {
	BRIEF_UNANSWERED = 1 << 0,
	BRIEF_STALE = 1 << 1,
	BRIEF_WEAK = 1 << 2,
};

/* The agenda holds at most this many questions; the rest are counted. */
#define BRIEF_AGENDA_MAX 7

typedef struct brief_ask {
	const qb_question *q;       /* borrowed from the question bank */
	const ap_answer *answer;    /* the current answer, NULL when none */
	unsigned reasons;           /* enum brief_reason bits */
	int severity;               /* of the most severe flag behind it */
} brief_ask;

/* Something to bring to the customer, most pressing first. */
enum brief_share_kind {
	SHARE_BAD_NEWS,     /* recorded at a meeting, not yet shared */
	SHARE_DIVERGING,    /* their roadmap drifts from their own customers */
	SHARE_END_ASK,      /* what their end customers ask for */
	SHARE_INSIGHT,      /* what we learned about their (end) industry */
	SHARE_GOOD_NEWS,    /* recorded at a meeting, not yet shared */
};

typedef struct brief_share {
	int kind;
	char *text;
} brief_share;

typedef struct brief {
	const qbank *qb;            /* borrowed; must outlive the brief */
	int tier;                   /* the tier that meets */
	long today;
	ap_account acc;
	ap_answers answers;         /* current answers, every tier */
	ap_contacts contacts;       /* ordered by buying role, then as entered */
	ap_endcustomers endcustomers;
	ap_meetings meetings;       /* newest first, planned and cancelled ones too */
	const ap_meeting *next;     /* the tier's next planned meeting (today or later), NULL when none */
	store_touches touches;      /* when each contact was last met */
	ap_notes notes;             /* newest first */
	ap_drivers drivers;
	order_trend trend;          /* how fast its orders grow, in the rules' [money] (rules_money) */
	ap_actions actions;         /* the open ones, by due day */
	ap_decisions decisions;     /* of the account's last review (none when never reviewed) */
	reciprocity give_take;      /* the twelve months' gives and takes */
	ap_exchanges exchanges;     /* every give and take, newest first */
	ap_advocacies advocates;    /* who can speak for us today, a contact's newest record, with how often asked lately */
	long long advocacy_ever;    /* advocacy records of the account, expired ones too */
	rule_flags flags;           /* every flag of the account, most severe first */
	size_t by_severity[SEVERITY_COUNT];
	AP_VEC(brief_ask) agenda;   /* at most BRIEF_AGENDA_MAX, in the order to ask */
	size_t agenda_more;         /* further questions left off the agenda */
	AP_VEC(brief_share) share;
} brief;

/* Gather the brief of an account for `tier` as of `today`. r supplies the
 * flags (what to ask). Caller frees with brief_free. */
int brief_build(store *s, const qbank *qb, const rules *r, long long account, int tier, long today,
	brief *out, ap_err *e);
void brief_free(brief *b);

/* The first line of s cut to cols display columns, "..." marking a cut.
 * Caller frees. */
char *brief_clip(const char *s, int cols);

/* The current answer of question id, NULL when unanswered. */
const ap_answer *brief_answer(const brief *b, const char *id);

/* Lay the brief out in d (Markdown or text of d's width). */
void brief_doc(const brief *b, doc *d);
/* The brief as doc format (DOC_MD, DOC_TEXT) of the width, control
 * characters escaped, written to path as outfile.h writes a file the user
 * names (live_db refused). */
int brief_write(const brief *b, int format, int width, const char *path, const char *live_db, ap_err *e);

/* One demand driver step by step under a line naming it, and the totals of
 * several (per product unit, saying what they leave out): shared by the
 * brief and 'driver list'. */
void brief_driver_doc(doc *d, const char *name, const ap_driver *dr);
void brief_totals_doc(doc *d, const demand_totals *t, const demand_skipped *sk);
/* Every driver of an account step by step, then their totals. */
void brief_demand_doc(doc *d, const ap_drivers *drivers);

#endif
