/* csv.c - an RFC 4180 reader over a buffer (see csv.h). */
#include <string.h>

#include "acctplan/csv.h"

void csv_init(csv_reader *r, const char *data, size_t len, char delim)
{
	memset(r, 0, sizeof *r);
	r->p = data;
	r->end = data + len;
	r->delim = delim;
	r->line = 1;
	/* A byte order mark is how some spreadsheets say UTF-8. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
}

void csv_free(csv_reader *r) { buf_free(&r->field); }

/* The end of a record: LF, CRLF or a lone CR. */
static int at_eol(const csv_reader *r) { return r->p < r->end && (*r->p == '\n' || *r->p == '\r'); }

static void skip_eol(csv_reader *r)
{
	if (r->p < r->end && *r->p == '\r')
		r->p++;
	if (r->p < r->end && *r->p == '\n')
		r->p++;
	r->line++;
}

int csv_next(csv_reader *r, long *line, ap_err *e)
{
	while (r->p < r->end && at_eol(r))
		skip_eol(r);
	if (r->p >= r->end)
		return 0;
	*line = r->line;
	r->field.len = 0;
	size_t starts[CSV_MAX_FIELDS];
	r->n = 0;
	for (;;) {
		if (r->n == CSV_MAX_FIELDS)
			return ap_fail(e, AP_EINPUT, "line %ld: more than %d fields", *line, CSV_MAX_FIELDS), -1;
		starts[r->n++] = r->field.len;
		if (r->p < r->end && *r->p == '"') {
			long opened = r->line;
			for (r->p++;; r->p++) {
				if (r->p >= r->end)
					return ap_fail(e, AP_EINPUT, "line %ld: a quote opened there is never closed", opened), -1;
				if (*r->p == '"' && r->p + 1 < r->end && r->p[1] == '"') {
					buf_add(&r->field, "\"", 1);
					r->p++;
				} else if (*r->p == '"') {
					r->p++;
					break;
				} else {
					if (*r->p == '\n')
						r->line++;
					buf_add(&r->field, r->p, 1);
				}
			}
			if (r->p < r->end && *r->p != r->delim && !at_eol(r))
				return ap_fail(e, AP_EINPUT, "line %ld: text after a closing quote", r->line), -1;
		} else {
			const char *s = r->p;
			while (r->p < r->end && *r->p != r->delim && !at_eol(r))
				r->p++;
			buf_add(&r->field, s, (size_t)(r->p - s));
		}
		buf_add(&r->field, "", 1);
		if (r->p < r->end && *r->p == r->delim) {
			r->p++;
			continue;
		}
		skip_eol(r);
		break;
	}
	for (int i = 0; i < r->n; i++)
		r->v[i] = r->field.s + starts[i];
	return 1;
}
