/* port.h - the whole store as one JSON document (export), and back (import).
 *
 * The document (format 2):
 *   {"acctplan_export": 2, "schema": 2, "accounts": [
 *     {"id", "name", "industry", "segment", "created",
 *      "version", "created_at", "updated_at", "updated_by",
 *      "answers": [{"id", "question", "value", "source", "confidence", "by",
 *                   "date", "replaces", "created_at"}],
 *      "contacts": [{"id", "name", "title", "role", "tier", "reports_to", META}],
 *      "competitors": [{"id", "name", "differentiator", META}],
 *      "end_customers": [{"id", "name", "industry", "ask", "trend", META}],
 *      "meetings": [{"id", "date", "tier", "kind", "news", "shared", "summary", META}],
 *      "notes": [{"id", "date", "tier", "by", "tags": [...], "text", META}],
 *      "snoozes": [{"id", "rule", "question", "until", "reason", "created", "by"}],
 *      "drivers": [{"id", "metric", "metric_unit", "value", "growth", "steps": [...],
 *                   "share", "product_unit", META}]}]}
 *      (an older document's "factor" and "factor_unit" import as the one step)
 * where META is "version", "created_at", "updated_at", "updated_by". A
 * record is every field of its table in record.h that has a JSON key, in
 * table order: the tables, not this comment, are the definition.
 * Answers carry their full history, oldest first, each naming the answer it
 * "replaces" (null for the first). Export is deterministic, and import of a
 * format 2 document into an empty store keeps every id, version and
 * timestamp: export -> import into an empty store -> export gives the same
 * bytes, and ids survive a backup and restore. Into a store that already
 * holds accounts the store assigns ids (in file order), versions and times.
 *
 * Format 1 (the previous release: the same without ids, versions, times and
 * "replaces") still imports, its ids assigned in file order. Its texts that
 * today's checks refuse are repaired as the schema upgrade repairs a store
 * (blanks trimmed off names, control characters stripped) and each repair
 * reported; a format 2 document is checked strictly. An optional "as_of"
 * date (before "accounts") lets port_opts.as_of_today move every date.
 * "definitions" (before "accounts", only when the team loaded any) carries
 * the team's own questions and rules as loaded:
 *   "definitions": [{"kind": "questions"|"rules", "source", "loaded_at",
 *                    "loaded_by", "text"}]
 * and import restores them first, so answers to the team's questions import.
 * Both directions stream, so memory stays bounded by one account. */
#ifndef ACCTPLAN_PORT_H
#define ACCTPLAN_PORT_H

#include <stdio.h>

#include "acctplan/defs.h"
#include "acctplan/qbank.h"
#include "acctplan/store.h"

#define PORT_FORMAT 2   /* value of "acctplan_export" written; 1 and 2 are read */

/* The record lists of an account, in document order. */
enum port_section {
	PORT_ANSWERS, PORT_CONTACTS, PORT_COMPETITORS, PORT_END_CUSTOMERS,
	PORT_MEETINGS, PORT_NOTES, PORT_SNOOZES, PORT_DRIVERS, PORT_LINKS, PORT_ACTIONS, PORT_ORDERS,
	PORT_EXCHANGES, PORT_ADVOCACY, PORT_NSECTIONS
};
/* Their names for people: "answers", "end customers", "demand drivers"...
 * A section added later (links) is written only where it has records, so
 * a store without them exports what it did before, and counted only then. */
extern const char *const port_section_labels[PORT_NSECTIONS];
/* Their members in a document: "answers", "end_customers", "drivers"... */
const char *port_section_key(int i);
/* Whether documents leave it out where an account has none (a section
 * added later: what was exported before exports the same). */
int port_section_optional(int i);

typedef struct port_opts {
	int dry_run;              /* validate and insert, then roll back */
	int replace;              /* an account already in the store is replaced, not refused */
	long shift_days;          /* added to every date read */
	int as_of_today;          /* nonzero: the file's "as_of" date is moved to today
	                           * (ap_today()), every date with it; a date that would
	                           * leave AP_DATE_FIRST..AP_DATE_LAST is an input error */
	const char *exists_hint;  /* ends the "already in the store" error; NULL for the default */
	const defs_files *defs;   /* the defaults and user files: with them, the team's
	                           * definitions a document carries are checked, and its
	                           * answers validated against the questions they define;
	                           * NULL: stored as they are, answers checked against qb */
	ap_buf *repairs;          /* may be NULL; gets one line per value of a format 1 document
	                           * repaired: "FILE:LINE: accounts[3].name: 'Acme ' imported as 'Acme'"
	                           * (controls in the values shown as \xNN: safe to print) */
} port_opts;

typedef struct port_counts {
	long accounts;            /* accounts read (and imported unless dry run) */
	long replaced;            /* of which replaced an existing account */
	long records[PORT_NSECTIONS];
	long members;             /* members added (a name the store has already is the same person) */
	long repaired;            /* values of a format 1 document repaired (see port_opts.repairs) */
	long reviews;             /* reviews stored */
} port_counts;

/* Write the whole store to f as one pretty, deterministic JSON document. */
int port_export(store *s, FILE *f, ap_err *e);
/* The same into path, as outfile.h writes a name: a file replaced
 * atomically and created 0600 (account plans are confidential), a device
 * or FIFO written through; the store's own files refused. */
int port_export_file(store *s, const char *path, ap_err *e);

/* Read a document written by port_export (or by hand) from f; name is used
 * in messages ("FILE:LINE:COL: accounts[3].contacts[1].role: ..."). Every
 * value is checked as the CLI checks it (rec_check_field), question ids and
 * choice answers against qb. All or nothing: one transaction, rolled back
 * on any error and after a dry run. *n (may be NULL) gets what was read. */
int port_import(store *s, const qbank *qb, FILE *f, const char *name, const port_opts *o,
	port_counts *n, ap_err *e);

#endif
