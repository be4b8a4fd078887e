/* port_reviews.h - reviews in the export document (port.c's "reviews"):
 *   "reviews": [{"id", "date", "segment", "tier", "status", "closed", "by",
 *                "with": [MEMBER...],
 *                "accounts": [{"account", "state", "at", "by",
 *                              "decisions": [{"text", "by", "at"}],
 *                              "confirmed": [{"question", "answer_date", "on", "by"}]}]}]
 * after "accounts" (it names them), only when the store holds a review, so a
 * store without reviews exports the same bytes as before they existed.
 * Actions and snoozes carry "review", the review's id in the document: the
 * import links them to it once it is stored. */
#ifndef ACCTPLAN_PORT_REVIEWS_H
#define ACCTPLAN_PORT_REVIEWS_H

#include "acctplan/json.h"
#include "acctplan/json_read.h"
#include "acctplan/store.h"

/* The reviews of s as "reviews", when there are any. */
int port_reviews_export(store *s, json_w *w, ap_err *e);

typedef struct port_reviews port_reviews;
/* What an import gathers of reviews until the records are stored. Free
 * with port_reviews_free. */
port_reviews *port_reviews_new(json_r *r);
void port_reviews_free(port_reviews **p);
/* Read the value of "reviews" (its key just read); its dates move by
 * shift days (as_of). */
int port_reviews_read(port_reviews *p, long shift, ap_err *e);
/* Record id of kind (REC_ACTION, REC_SNOOZE) was made in the document's
 * review file_id; path and line name it in an error. */
void port_reviews_link(port_reviews *p, enum rec_kind_id kind, long long id, long long file_id, const char *path,
	long line, long col);
/* Store the reviews read and link what was made in them: accounts and
 * members by name (the import stored them), answers confirmed by question
 * and day. *n gets how many reviews were stored. */
int port_reviews_apply(port_reviews *p, store *s, long *n, ap_err *e);

/* A day moved by shift days into *slot (rewritten in place); -1, *slot
 * untouched, when that leaves the days acctplan keeps. Not a date: 0, as is.
 * Stamps move by their day. */
int port_shift_day(char *slot, long shift);

#endif
