/* reciprocity.h - the give and take of an account: what we gave the
 * customer and what they gave back over the twelve months that end today,
 * read once (store_exchange_balance) and said the same way wherever it is
 * shown. */
#ifndef ACCTPLAN_RECIPROCITY_H
#define ACCTPLAN_RECIPROCITY_H

#include "acctplan/json.h"
#include "acctplan/store_report.h"

typedef struct reciprocity {
	char from[11], to[11];   /* the window, both days included */
	exchange_balance b;
} reciprocity;

/* The twelve months that end on day today: from the day after the same
 * day a year earlier (28 February for a 29th) to today. */
void reciprocity_window(long today, char from[11], char to[11]);
/* The days "asked lately" counts (advocacy list, the brief, the workbench):
 * the FACT_ASKED_DAYS that end on day today, as reference_fatigue counts. */
void reciprocity_asked_window(long today, char since[11], char to[11]);
/* Who can speak for us on day today (consent runs until then or later),
 * newest first, each with how often its contact was asked lately: account
 * 0 for the portfolio's, kind -1 any. */
int reciprocity_advocates(store *s, long long account, int kind, long today, ap_advocacies *out, ap_err *e);
/* Keep the first (newest) record of each contact in v, in order: its day
 * is when the contact was last asked. */
void reciprocity_newest_per_contact(ap_advocacies *v);
/* One account's give and take of the window ending today. */
int reciprocity_of(store *s, long long account, long today, reciprocity *r, ap_err *e);
/* Whether there is anything to say: the account has a give or take at all. */
int reciprocity_known(const reciprocity *r);
/* "1 given, 2 taken (we take more than we give)". */
void reciprocity_text(const reciprocity *r, ap_buf *b);
/* {"from", "to", "given", "taken"}, the key already written. */
void reciprocity_json(json_w *w, const reciprocity *r);

#endif
