/* review.h - the account review: a team walks the accounts in scope, most
 * at risk first, and for each sees what changed since its last review, its
 * open flags and actions and who knows whom; it confirms answers, takes
 * flags on, snoozes, decides, and moves on. The store keeps every step
 * (store_review_*); this module ranks, gathers an account's sheet and
 * writes the minutes. */
#ifndef ACCTPLAN_REVIEW_H
#define ACCTPLAN_REVIEW_H

#include "acctplan/rules.h"
#include "acctplan/store.h"

/* What a review covers: a segment and a tier (-1: all), and who takes part
 * (members' names; none: me, the acting member's name, when one of ours). */
typedef struct review_scope {
	int segment, tier;
	const char *const *with;
	size_t nwith;
	const char *me;
} review_scope;

/* Begin a review today: every account of the segment, ranked by risk (the
 * most critical flags of the tier, then the most overdue actions, then the
 * longest since its last review, never reviewed first), is saved in that
 * order; *out gets the review. AP_EINPUT, nothing written, when no account
 * is in scope or a participant is not an active member. */
int review_begin(store *s, const rules *r, const qbank *qb, const review_scope *sc, long today, ap_review *out,
	ap_err *e);

/* The open review to resume: want (> 0) when it is open, else the only open
 * one. AP_EINPUT when there is none, when want is closed, and when there are
 * several (the message lists them: id, day, scope, how far). */
int review_pick_open(store *s, long long want, long long *id, ap_err *e);

/* A review's scope in words: "key accounts, sales tier" or "every account". */
void review_scope_text(const ap_review *r, ap_buf *b);

/* One account as a review sees it. */
typedef struct review_sheet {
	ap_account acct;
	long long since_review;      /* its last review before this one; 0 never */
	char *since;                 /* when it was reviewed then (a stamp); NULL never */
	ap_changes changes;          /* what changed after that, newest first */
	rule_flags flags;            /* its open flags of the review's tier (not snoozed) */
	ap_actions actions;          /* its open actions */
	ap_decisions decisions;      /* of its last review and of this one */
	ap_answers answers;          /* its current answers (what may be confirmed) */
	char *relations;             /* who knows whom, in one line */
} review_sheet;

/* Gather account's sheet in review rv as of today. AP_EINPUT when the
 * account is gone (removed meanwhile). Free with review_sheet_free. */
int review_sheet_load(store *s, const rules *r, const qbank *qb, const ap_review *rv, long long account, long today,
	review_sheet *out, ap_err *e);
void review_sheet_free(review_sheet *sh);

/* The minutes of review id, as text or Markdown, appended to b: when and
 * who, the scope, every account with where it stands, its decisions, the
 * actions agreed (owner, due day), the flags snoozed and answers confirmed. */
int review_minutes(store *s, long long id, int markdown, ap_buf *b, ap_err *e);

#endif
