/* port.h - the whole store as one JSON document (export), and back (import).
 *
 * The document:
 *   {"acctplan_export": 1, "schema": 1, "accounts": [
 *     {"name", "industry", "segment", "created",
 *      "answers": [{"question", "value", "source", "confidence", "by", "date"}],
 *      "contacts": [{"name", "title", "role", "tier", "reports_to"}],
 *      "competitors": [{"name", "differentiator"}],
 *      "end_customers": [{"name", "industry", "ask", "trend"}],
 *      "meetings": [{"date", "tier", "kind", "news", "shared", "summary"}],
 *      "notes": [{"date", "tier", "by", "tags": [...], "text"}],
 *      "snoozes": [{"rule", "question", "until", "reason", "created"}],
 *      "drivers": [{"metric", "metric_unit", "value", "growth", "factor",
 *                   "factor_unit", "share", "product_unit"}]}]}
 * Answers carry their full history, oldest first. Export is deterministic:
 * export -> import into an empty store -> export gives the same bytes.
 * Both directions stream, so memory stays bounded by one account. */
#ifndef ACCTPLAN_PORT_H
#define ACCTPLAN_PORT_H

#include <stdio.h>

#include "acctplan/qbank.h"
#include "acctplan/store.h"

#define PORT_FORMAT 1   /* value of "acctplan_export" */

/* The record lists of an account, in document order. */
enum port_section {
	PORT_ANSWERS, PORT_CONTACTS, PORT_COMPETITORS, PORT_END_CUSTOMERS,
	PORT_MEETINGS, PORT_NOTES, PORT_SNOOZES, PORT_DRIVERS, PORT_NSECTIONS
};
/* Their names for people: "answers", "end customers", "demand drivers"... */
extern const char *const port_section_labels[PORT_NSECTIONS];

typedef struct port_opts {
	int dry_run;              /* validate and insert, then roll back */
	int replace;              /* an account already in the store is replaced, not refused */
	long shift_days;          /* added to every date read */
	long as_of_today;         /* > 0: the file's "as_of" date is moved to this day
	                           * (days since 1970), every date with it */
	const char *exists_hint;  /* ends the "already in the store" error; NULL for the default */
} port_opts;

typedef struct port_counts {
	long accounts;            /* accounts read (and imported unless dry run) */
	long replaced;            /* of which replaced an existing account */
	long records[PORT_NSECTIONS];
} port_counts;

/* Write the whole store to f as one pretty, deterministic JSON document. */
int port_export(store *s, FILE *f, ap_err *e);
/* The same into path, atomically (a temporary file beside it, fsync, rename);
 * the file is created 0600, as account plans are confidential. */
int port_export_file(store *s, const char *path, ap_err *e);

/* Read a document written by port_export (or by hand) from f; name is used
 * in messages ("FILE:LINE:COL: accounts[3].contacts[1].role: ..."). Every
 * value is checked as the CLI checks it, question ids and choice answers
 * against qb. All or nothing: one transaction, rolled back on any error
 * and after a dry run. *n (may be NULL) gets what was read. */
int port_import(store *s, const qbank *qb, FILE *f, const char *name, const port_opts *o,
	port_counts *n, ap_err *e);

#endif
