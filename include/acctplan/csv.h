/* csv.h - reading RFC 4180 CSV from memory: records of fields, quoted
 * fields with doubled quotes and line breaks, CRLF or LF, a UTF-8 byte
 * order mark skipped. The fields of a record are views into a buffer the
 * reader owns until the next record. */
#ifndef ACCTPLAN_CSV_H
#define ACCTPLAN_CSV_H

#include <stddef.h>

#include "acctplan/util.h"

#define CSV_MAX_FIELDS 64

typedef struct csv_reader {
	const char *p, *end;
	char delim;
	long line;                   /* the line the next record starts on (1-based) */
	ap_buf field;                /* the current record's fields, each NUL-terminated */
	const char *v[CSV_MAX_FIELDS];
	int n;
} csv_reader;

/* Read from data[0, len) (not copied: it must outlive the reader). */
void csv_init(csv_reader *r, const char *data, size_t len, char delim);
/* The next record into r->v[0, r->n); *line the line it starts on. 1 for a
 * record, 0 at the end, -1 with *e filled ("line N: ...") for a quote left
 * open, text after a closing quote or more than CSV_MAX_FIELDS fields. A
 * blank line is no record. */
int csv_next(csv_reader *r, long *line, ap_err *e);
void csv_free(csv_reader *r);

#endif
