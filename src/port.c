/* port.c - export and import of the whole store as one JSON document.
 *
 * Both directions are driven by one description of the document: a table of
 * fields per record kind (JSON key, type, flags, struct member). Export
 * writes a row through it; import reads, checks and defaults a record
 * through it. A field added to the table is exported and imported alike,
 * which is what keeps export -> import -> export byte-identical. */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "acctplan/demand.h"
#include "acctplan/json.h"
#include "acctplan/json_read.h"
#include "acctplan/port.h"

enum fkind { F_TEXT, F_ENUM, F_DATE, F_BOOL, F_REAL, F_TAGS };
enum {
	F_REQ = 1,        /* must be present */
	F_NULL = 2,       /* null allowed; "", -1 and NaN are exported as null */
	F_MULTI = 4,      /* text may hold line breaks */
	F_NONEMPTY = 8,   /* text may not be "" */
	F_NAME = 16,      /* a record's name: checked as the commands check names */
};

typedef struct field {
	const char *key;
	enum fkind kind;
	unsigned flags;
	size_t off;             /* member of the record struct */
	const ap_names *names;  /* F_ENUM */
	int dflt;               /* F_ENUM: value when absent */
} field;

#define FLD(key, kind, flags, type, member) {key, kind, flags, offsetof(type, member), NULL, 0}
#define ENUM(key, flags, type, member, names, dflt) {key, F_ENUM, flags, offsetof(type, member), names, dflt}
#define NFIELDS(a) ((int)(sizeof a / sizeof a[0]))

static const field account_fields[] = {
	FLD("name", F_TEXT, F_REQ | F_NONEMPTY | F_NAME, ap_account, name),
	FLD("industry", F_TEXT, 0, ap_account, industry),
	ENUM("segment", 0, ap_account, segment, &ap_segments, SEG_OTHER),
	FLD("created", F_DATE, 0, ap_account, created),
};
static const field answer_fields[] = {
	FLD("question", F_TEXT, F_REQ | F_NONEMPTY, ap_answer, question),
	FLD("value", F_TEXT, F_REQ | F_NONEMPTY | F_MULTI, ap_answer, value),
	ENUM("source", F_REQ, ap_answer, source, &ap_sources, SRC_CONVERSATION),
	ENUM("confidence", F_REQ, ap_answer, confidence, &ap_confidences, CONF_MEDIUM),
	FLD("by", F_TEXT, 0, ap_answer, author),
	FLD("date", F_DATE, F_REQ, ap_answer, date),
};
static const field contact_fields[] = {
	FLD("name", F_TEXT, F_REQ | F_NONEMPTY | F_NAME, ap_contact, name),
	FLD("title", F_TEXT, 0, ap_contact, title),
	ENUM("role", F_NULL, ap_contact, role, &ap_roles, -1),
	ENUM("tier", 0, ap_contact, tier, &ap_tiers, TIER_SALES),
	FLD("reports_to", F_TEXT, F_NULL, ap_contact, reports_to),
};
static const field competitor_fields[] = {
	FLD("name", F_TEXT, F_REQ | F_NONEMPTY | F_NAME, ap_competitor, name),
	FLD("differentiator", F_TEXT, F_MULTI, ap_competitor, differentiator),
};
static const field endcustomer_fields[] = {
	FLD("name", F_TEXT, F_REQ | F_NONEMPTY | F_NAME, ap_endcustomer, name),
	FLD("industry", F_TEXT, 0, ap_endcustomer, industry),
	FLD("ask", F_TEXT, F_MULTI, ap_endcustomer, ask),
	ENUM("trend", F_NULL, ap_endcustomer, trend, &ap_trends, -1),
};
static const field meeting_fields[] = {
	FLD("date", F_DATE, F_REQ, ap_meeting, date),
	ENUM("tier", F_REQ, ap_meeting, tier, &ap_tiers, TIER_SALES),
	ENUM("kind", F_REQ, ap_meeting, kind, &ap_meetkinds, MEET_TACTICAL),
	ENUM("news", 0, ap_meeting, news, &ap_news, NEWS_NONE),
	FLD("shared", F_BOOL, 0, ap_meeting, shared),
	FLD("summary", F_TEXT, F_MULTI, ap_meeting, summary),
};
static const field note_fields[] = {
	FLD("date", F_DATE, F_REQ, ap_note, date),
	ENUM("tier", F_REQ, ap_note, tier, &ap_tiers, TIER_SALES),
	FLD("by", F_TEXT, 0, ap_note, author),
	FLD("tags", F_TAGS, 0, ap_note, tags),
	FLD("text", F_TEXT, F_REQ | F_NONEMPTY | F_MULTI, ap_note, body),
};
static const field snooze_fields[] = {
	FLD("rule", F_TEXT, F_REQ | F_NONEMPTY, ap_snooze, rule),
	FLD("question", F_TEXT, F_NULL, ap_snooze, question),
	FLD("until", F_DATE, F_REQ, ap_snooze, until),
	FLD("reason", F_TEXT, F_REQ | F_NONEMPTY | F_MULTI, ap_snooze, reason),
	FLD("created", F_DATE, F_REQ, ap_snooze, created),
};
static const field driver_fields[] = {
	FLD("metric", F_TEXT, F_REQ | F_NONEMPTY, ap_driver, metric),
	FLD("metric_unit", F_TEXT, 0, ap_driver, metric_unit),
	FLD("value", F_REAL, F_NULL, ap_driver, value),
	FLD("growth", F_REAL, F_NULL, ap_driver, growth),
	FLD("factor", F_REAL, F_NULL, ap_driver, factor),
	FLD("factor_unit", F_TEXT, 0, ap_driver, factor_unit),
	FLD("share", F_REAL, F_NULL, ap_driver, share),
	FLD("product_unit", F_TEXT, 0, ap_driver, product_unit),
};

typedef struct import import;

typedef struct section {
	const char *key;          /* member of an account object */
	enum store_rows rows;     /* its cursor for export */
	const field *fields;
	int nfields;
	size_t size;              /* of the record struct */
	/* Checks beyond the field table; fills *e without a position. May be NULL. */
	int (*check)(import *im, void *rec, const char *path, ap_err *e);
	/* Store one record; NULL for contacts, which are stored as a whole. */
	int (*insert)(store *s, long long account, const void *rec, ap_err *e);
} section;

const char *const port_section_labels[PORT_NSECTIONS] = {
	"answers", "contacts", "competitors", "end customers", "meetings", "notes", "snoozes", "demand drivers",
};

/* ---- export ---- */

static void write_tags(json_w *w, const char *tags)
{
	jw_arr(w);
	for (const char *p = tags ? tags : ""; *p;) {
		size_t n = strcspn(p, " ");
		if (n) {
			char *tag = strndup(p, n);
			jw_str(w, tag);
			free(tag);
		}
		p += n + (p[n] == ' ');
	}
	jw_arr_end(w);
}

static void write_field(json_w *w, const field *f, const void *rec)
{
	const char *slot = (const char *)rec + f->off;
	const char *s;
	int v;
	jw_key(w, f->key);
	switch (f->kind) {
	case F_TEXT:
	case F_DATE:
		s = *(char *const *)slot;
		jw_str(w, (f->flags & F_NULL) && (!s || !*s) ? NULL : s ? s : "");
		break;
	case F_ENUM:
		v = *(const int *)slot;
		jw_str(w, v >= 0 && v < f->names->count ? f->names->names[v] : NULL);
		break;
	case F_BOOL:
		jw_bool(w, *(const int *)slot);
		break;
	case F_REAL:
		jw_real(w, *(const double *)slot);
		break;
	case F_TAGS:
		write_tags(w, *(char *const *)slot);
		break;
	}
}

static void write_fields(json_w *w, const field *fields, int n, const void *rec)
{
	for (int i = 0; i < n; i++)
		write_field(w, &fields[i], rec);
}

static int check_answer(import *im, void *rec, const char *path, ap_err *e);
static int check_meeting(import *im, void *rec, const char *path, ap_err *e);
static int check_snooze(import *im, void *rec, const char *path, ap_err *e);
static int check_driver(import *im, void *rec, const char *path, ap_err *e);
static int insert_answer(store *s, long long account, const void *rec, ap_err *e);
static int insert_competitor(store *s, long long account, const void *rec, ap_err *e);
static int insert_endcustomer(store *s, long long account, const void *rec, ap_err *e);
static int insert_meeting(store *s, long long account, const void *rec, ap_err *e);
static int insert_note(store *s, long long account, const void *rec, ap_err *e);
static int insert_snooze(store *s, long long account, const void *rec, ap_err *e);
static int insert_driver(store *s, long long account, const void *rec, ap_err *e);

#define SECTION(key, rows, fields, type, check, insert) {key, rows, fields, NFIELDS(fields), sizeof(type), check, insert}

static const section sections[PORT_NSECTIONS] = {
	[PORT_ANSWERS] = SECTION("answers", STORE_ROWS_ANSWERS, answer_fields, ap_answer, check_answer, insert_answer),
	[PORT_CONTACTS] = SECTION("contacts", STORE_ROWS_CONTACTS, contact_fields, ap_contact, NULL, NULL),
	[PORT_COMPETITORS] = SECTION("competitors", STORE_ROWS_COMPETITORS, competitor_fields, ap_competitor,
		NULL, insert_competitor),
	[PORT_END_CUSTOMERS] = SECTION("end_customers", STORE_ROWS_ENDCUSTOMERS, endcustomer_fields, ap_endcustomer,
		NULL, insert_endcustomer),
	[PORT_MEETINGS] = SECTION("meetings", STORE_ROWS_MEETINGS, meeting_fields, ap_meeting, check_meeting, insert_meeting),
	[PORT_NOTES] = SECTION("notes", STORE_ROWS_NOTES, note_fields, ap_note, NULL, insert_note),
	[PORT_SNOOZES] = SECTION("snoozes", STORE_ROWS_SNOOZES, snooze_fields, ap_snooze, check_snooze, insert_snooze),
	[PORT_DRIVERS] = SECTION("drivers", STORE_ROWS_DRIVERS, driver_fields, ap_driver, check_driver, insert_driver),
};

/* One account with its records, taken from the heads of the section cursors. */
static int export_account(json_w *w, const ap_account *a, store_cursor **cur, const void **row, ap_err *e)
{
	int rc = AP_OK;
	jw_obj(w);
	write_fields(w, account_fields, NFIELDS(account_fields), a);
	for (int i = 0; i < PORT_NSECTIONS; i++) {
		jw_key(w, sections[i].key);
		jw_arr(w);
		while (!rc && row[i] && store_cursor_account(cur[i]) == a->id) {
			jw_obj(w);
			write_fields(w, sections[i].fields, sections[i].nfields, row[i]);
			jw_obj_end(w);
			rc = store_cursor_next(cur[i], &row[i], e);
		}
		jw_arr_end(w);
	}
	jw_obj_end(w);
	return rc;
}

/* Every cursor walks its table in account order, so one pass over the
 * accounts merges them: a query per table, not per account. */
static int export_accounts(store *s, json_w *w, ap_err *e)
{
	store_cursor *accounts = NULL, *cur[PORT_NSECTIONS] = {0};
	const void *row[PORT_NSECTIONS] = {0}, *a = NULL;
	int rc = store_cursor_open(s, STORE_ROWS_ACCOUNTS, &accounts, e);
	for (int i = 0; !rc && i < PORT_NSECTIONS; i++)
		if (!(rc = store_cursor_open(s, sections[i].rows, &cur[i], e)))
			rc = store_cursor_next(cur[i], &row[i], e);
	while (!rc && !(rc = store_cursor_next(accounts, &a, e)) && a)
		rc = export_account(w, a, cur, row, e);
	for (int i = 0; i < PORT_NSECTIONS; i++) {
		/* A row left over would belong to no account in the walk: never silently drop it. */
		if (!rc && row[i])
			rc = ap_fail(e, AP_ESTORE, "export: %s out of account order", port_section_labels[i]);
		store_cursor_close(&cur[i]);
	}
	store_cursor_close(&accounts);
	return rc;
}

int port_export(store *s, FILE *f, ap_err *e)
{
	json_w w;
	int rc = store_snapshot_begin(s, e);
	if (rc)
		return rc;
	jw_init(&w, f, NULL, 1);
	jw_obj(&w);
	jw_kint(&w, "acctplan_export", PORT_FORMAT);
	jw_kint(&w, "schema", STORE_SCHEMA_VERSION);
	jw_key(&w, "accounts");
	jw_arr(&w);
	rc = export_accounts(s, &w, e);
	jw_arr_end(&w);
	jw_obj_end(&w);
	jw_end(&w);
	store_snapshot_end(s);
	if (!rc && (fflush(f) != 0 || ferror(f)))
		rc = ap_fail(e, AP_EINPUT, "cannot write the export: %s", strerror(errno));
	return rc;
}

int port_export_file(store *s, const char *path, ap_err *e)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
	int rc;
	if (!f) {
		rc = ap_fail(e, AP_EINPUT, "cannot write '%s': %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return rc;
	}
	rc = port_export(s, f, e);
	if (!rc && fsync(fd) != 0)
		rc = ap_fail(e, AP_EINPUT, "cannot write '%s': %s", path, strerror(errno));
	if (fclose(f) != 0 && !rc)
		rc = ap_fail(e, AP_EINPUT, "cannot write '%s': %s", path, strerror(errno));
	if (!rc && rename(tmp, path) != 0)
		rc = ap_fail(e, AP_EINPUT, "cannot write '%s': %s", path, strerror(errno));
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* ---- import ---- */

/* Records of one section of the account being read, with where each began. */
typedef struct recs {
	char *data;
	struct pos { long line, col; } *pos;
	size_t n, cap;
} recs;

struct import {
	store *s;
	const qbank *qb;
	const port_opts *o;
	port_counts *n;
	json_r r;
	long shift;
	int accounts_seen;
	long ai;                     /* index of the account being read */
	ap_account acc;
	struct pos acc_pos;
	recs sec[PORT_NSECTIONS];
	long long first_new;         /* id of the first account this import added */
	ap_buf dups;                 /* accounts already in the store */
	long ndups;
	char today[11];
};

static void *rec_at(const recs *r, const section *sec, size_t i) { return r->data + i * sec->size; }

static void fields_free(const field *fields, int n, void *rec)
{
	for (int i = 0; i < n; i++)
		if (fields[i].kind == F_TEXT || fields[i].kind == F_DATE || fields[i].kind == F_TAGS) {
			char **p = (char **)((char *)rec + fields[i].off);
			free(*p);
			*p = NULL;
		}
}

/* Empty the account buffers, keeping their memory for the next account. */
static void account_reset(import *im)
{
	fields_free(account_fields, NFIELDS(account_fields), &im->acc);
	for (int k = 0; k < PORT_NSECTIONS; k++) {
		for (size_t i = 0; i < im->sec[k].n; i++)
			fields_free(sections[k].fields, sections[k].nfields, rec_at(&im->sec[k], &sections[k], i));
		im->sec[k].n = 0;
	}
}

static void *rec_push(recs *r, const section *sec, long line, long col)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->data = xrealloc(r->data, r->cap * sec->size);
		r->pos = xrealloc(r->pos, r->cap * sizeof *r->pos);
	}
	r->pos[r->n].line = line;
	r->pos[r->n].col = col;
	void *rec = rec_at(r, sec, r->n++);
	memset(rec, 0, sec->size);
	return rec;
}

/* Put "FILE:LINE:COL: " before the message already in *e. */
static int at(const import *im, struct pos p, ap_err *e)
{
	ap_err_context(e, "%s:%ld:%ld", im->r.name, p.line, p.col);
	return e ? e->status : AP_EINPUT;
}

static int expected(import *im, const char *path, const char *what, int tok, ap_err *e)
{
	if (tok == JR_ERROR)
		return AP_EINPUT;
	return jr_fail(&im->r, e, "%s: expected %s, found %s", path, what, jr_token_name(tok));
}

/* A message from a checker (ap_text_check, ap_name_parse...) at the current token. */
static int token_fail(import *im, const char *prefix, const ap_err *sub, ap_err *e)
{
	return jr_fail(&im->r, e, "%s%s", prefix, sub->msg);
}

/* ap_text_check on the string just read, which it can skip when the reader
 * saw printable ASCII only: then only the length could be wrong. */
static int check_token_text(import *im, const char *what, int multiline, ap_err *sub)
{
	if (jr_plain(&im->r) && jr_len(&im->r) <= AP_TEXT_MAX)
		return AP_OK;
	return ap_text_check(what, jr_text(&im->r), multiline, sub);
}

static int read_text(import *im, const field *f, char **slot, const char *path, ap_err *e)
{
	ap_err sub;
	if (check_token_text(im, path, (f->flags & F_MULTI) != 0, &sub))
		return token_fail(im, "", &sub, e);
	if ((f->flags & F_NONEMPTY) && !jr_len(&im->r))
		return jr_fail(&im->r, e, "%s is empty", path);
	if ((f->flags & F_NAME) && ap_name_check(path, jr_text(&im->r), &sub))
		return token_fail(im, "", &sub, e);
	free(*slot);
	*slot = xstrndup(jr_text(&im->r), jr_len(&im->r));
	return AP_OK;
}

static int read_date(import *im, char **slot, const char *path, ap_err *e)
{
	ap_err sub;
	long days;
	if (ap_date_check(path, jr_text(&im->r), &days, &sub))
		return token_fail(im, "", &sub, e);
	free(*slot);
	if (!im->shift) {
		*slot = xstrdup(jr_text(&im->r));
		return AP_OK;
	}
	*slot = xmalloc(11);
	ap_date_format(days + im->shift, *slot);
	return AP_OK;
}

/* path + "[i]" into out (which has room for path and 24 bytes more). Paths
 * are made for every record and tag read, so not with snprintf. */
static void path_index(char *out, const char *path, size_t len, size_t i)
{
	char digits[24];
	size_t n = 0;
	do
		digits[n++] = (char)('0' + i % 10);
	while ((i /= 10) > 0);
	memmove(out, path, len);
	out[len++] = '[';
	while (n)
		out[len++] = digits[--n];
	out[len++] = ']';
	out[len] = '\0';
}

/* A tag list: each tag one word, stored space separated as the CLI stores them. */
static int read_tags(import *im, char **slot, const char *path, ap_err *e)
{
	ap_buf b = {0};
	int tok, rc = AP_OK;
	size_t plen = strlen(path);
	char *what = xmalloc(plen + 24);
	for (size_t i = 0; !rc && (tok = jr_next(&im->r, e)) != JR_ARR_END; i++) {
		path_index(what, path, plen, i);
		ap_err sub;
		const char *t = jr_text(&im->r);
		if (tok != JR_STR)
			rc = expected(im, what, "a string", tok, e);
		else if (check_token_text(im, what, 0, &sub))
			rc = token_fail(im, "", &sub, e);
		else if (!*t || strpbrk(t, " \t"))
			rc = jr_fail(&im->r, e, "%s: a tag is one word, not '%s'", what, t);
		else if (b.len)
			buf_add(&b, " ", 1);
		if (!rc)
			buf_add(&b, t, jr_len(&im->r));
	}
	free(what);
	free(*slot);
	*slot = rc ? NULL : buf_steal(&b);
	buf_free(&b);
	return rc;
}

static int read_field(import *im, const field *f, void *rec, int tok, const char *path, ap_err *e)
{
	char *slot = (char *)rec + f->off;
	ap_err sub;
	if (tok == JR_NULL && (f->flags & F_NULL)) {
		if (f->kind == F_ENUM)
			*(int *)slot = -1;
		else if (f->kind == F_REAL)
			*(double *)slot = NAN;
		else if (f->kind == F_TEXT && !*(char **)slot)
			*(char **)slot = xstrdup("");
		return AP_OK;
	}
	switch (f->kind) {
	case F_TEXT:
		return tok == JR_STR ? read_text(im, f, (char **)slot, path, e) : expected(im, path, "a string", tok, e);
	case F_DATE:
		return tok == JR_STR ? read_date(im, (char **)slot, path, e)
			: expected(im, path, "a date string (YYYY-MM-DD)", tok, e);
	case F_ENUM:
		if (tok != JR_STR)
			return expected(im, path, "a string", tok, e);
		if ((*(int *)slot = ap_name_parse(f->names, jr_text(&im->r), &sub)) < 0)
			return jr_fail(&im->r, e, "%s: %s", path, sub.msg);
		return AP_OK;
	case F_BOOL:
		if (tok != JR_TRUE && tok != JR_FALSE)
			return expected(im, path, "true or false", tok, e);
		*(int *)slot = tok == JR_TRUE;
		return AP_OK;
	case F_REAL:
		return tok == JR_NUM ? jr_number(&im->r, (double *)slot, e) : expected(im, path, "a number", tok, e);
	case F_TAGS:
		return tok == JR_ARR ? read_tags(im, (char **)slot, path, e) : expected(im, path, "an array of tags", tok, e);
	}
	return AP_OK;
}

static void fields_default(const field *fields, int n, void *rec)
{
	for (int i = 0; i < n; i++) {
		char *slot = (char *)rec + fields[i].off;
		if (fields[i].kind == F_ENUM)
			*(int *)slot = fields[i].dflt;
		else if (fields[i].kind == F_REAL)
			*(double *)slot = NAN;
	}
}

static int field_index(const field *fields, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(fields[i].key, key) == 0)
			return i;
	return -1;
}

/* After the closing brace: required members present, absent text "" and an
 * absent date today, so the store never sees NULL. */
static int fields_finish(import *im, const field *fields, int n, unsigned seen, void *rec, const char *path, ap_err *e)
{
	for (int i = 0; i < n; i++) {
		if (seen & 1u << i)
			continue;
		if (fields[i].flags & F_REQ)
			return jr_fail(&im->r, e, "%s: missing \"%s\"", path, fields[i].key);
		char **slot = (char **)((char *)rec + fields[i].off);
		if (fields[i].kind == F_TEXT || fields[i].kind == F_TAGS)
			*slot = xstrdup("");
		else if (fields[i].kind == F_DATE)
			*slot = xstrdup(im->today);
	}
	return AP_OK;
}

static int unknown_member(import *im, const char *path, const field *fields, int n, int with_sections, ap_err *e)
{
	ap_buf b = {0};
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", fields[i].key);
	for (int k = 0; with_sections && k < PORT_NSECTIONS; k++)
		buf_printf(&b, ", %s", sections[k].key);
	jr_fail(&im->r, e, "%s: unknown member \"%s\" (expected %s)", path, jr_text(&im->r), b.s);
	buf_free(&b);
	return AP_EINPUT;
}

/* Read the member whose key was just returned, if it is one of fields.
 * Returns -1 when the key is not a field (the caller decides), else a status. */
static int member(import *im, const field *fields, int n, unsigned *seen, void *rec, const char *path, ap_err *e)
{
	int i = field_index(fields, n, jr_text(&im->r));
	if (i < 0)
		return -1;
	/* Built for every value read, so concatenated rather than formatted. */
	char fpath[256];
	size_t a = strlen(path), b = strlen(fields[i].key);
	if (a + b + 2 > sizeof fpath)
		a = sizeof fpath - b - 2;
	memcpy(fpath, path, a);
	fpath[a] = '.';
	memcpy(fpath + a + 1, fields[i].key, b + 1);
	if (*seen & 1u << i)
		return jr_fail(&im->r, e, "%s: given twice", fpath);
	*seen |= 1u << i;
	return read_field(im, &fields[i], rec, jr_next(&im->r, e), fpath, e);
}

/* One record object, its '{' already read. */
static int read_record(import *im, const section *sec, void *rec, const char *path, ap_err *e)
{
	unsigned seen = 0;
	int tok, rc;
	fields_default(sec->fields, sec->nfields, rec);
	while ((tok = jr_next(&im->r, e)) == JR_KEY) {
		rc = member(im, sec->fields, sec->nfields, &seen, rec, path, e);
		if (rc < 0)
			return unknown_member(im, path, sec->fields, sec->nfields, 0, e);
		if (rc)
			return rc;
	}
	if (tok == JR_ERROR)
		return AP_EINPUT;
	return fields_finish(im, sec->fields, sec->nfields, seen, rec, path, e);
}

static int read_section(import *im, int k, ap_err *e)
{
	const section *sec = &sections[k];
	char prefix[80], path[104];
	int plen = snprintf(prefix, sizeof prefix, "accounts[%ld].%s", im->ai, sec->key);
	int tok = jr_next(&im->r, e);
	if (tok != JR_ARR)
		return expected(im, prefix, "an array", tok, e);
	for (size_t i = 0; (tok = jr_next(&im->r, e)) != JR_ARR_END; i++) {
		path_index(path, prefix, (size_t)plen, i);
		if (tok != JR_OBJ)
			return expected(im, path, "an object", tok, e);
		struct pos p = {im->r.tok_line, im->r.tok_col};
		void *rec = rec_push(&im->sec[k], sec, p.line, p.col);
		int rc = read_record(im, sec, rec, path, e);
		if (!rc && sec->check && sec->check(im, rec, path, e))
			rc = at(im, p, e);
		if (rc)
			return rc;
	}
	return AP_OK;
}

/* ---- checks beyond one field ---- */

/* The question id *id in the bank, stored as the bank spells it (ids are case-insensitive). */
static const qb_question *bank_question(import *im, char **id, const char *path, ap_err *e)
{
	const qb_question *q = qbank_lookup(im->qb, *id, e);
	if (!q) {
		ap_err_context(e, "%s.question", path);
		return NULL;
	}
	if (strcmp(*id, q->id) != 0) {
		free(*id);
		*id = xstrdup(q->id);
	}
	return q;
}

static int check_answer(import *im, void *rec, const char *path, ap_err *e)
{
	ap_answer *a = rec;
	const qb_question *q = bank_question(im, &a->question, path, e);
	if (!q)
		return AP_EINPUT;
	if (qbank_check_answer(q, a->value, e)) {
		ap_err_context(e, "%s.value", path);
		return AP_EINPUT;
	}
	return AP_OK;
}

static int check_meeting(import *im, void *rec, const char *path, ap_err *e)
{
	(void)im;
	const ap_meeting *m = rec;
	if (m->shared && m->news == NEWS_NONE)
		return ap_fail(e, AP_EINPUT, "%s.shared: says news was shared; give \"news\": \"good\" or \"bad\" too", path);
	return AP_OK;
}

static int check_snooze(import *im, void *rec, const char *path, ap_err *e)
{
	ap_snooze *z = rec;
	return !*z->question || bank_question(im, &z->question, path, e) ? AP_OK : AP_EINPUT;
}

static int check_driver(import *im, void *rec, const char *path, ap_err *e)
{
	(void)im;
	if (demand_check(rec, e)) {
		ap_err_context(e, "%s", path);
		return AP_EINPUT;
	}
	return AP_OK;
}

/* Each contact's boss as an index into the account's contacts (-1: none):
 * reports_to must name another contact of the same account. */
static int resolve_bosses(import *im, int *boss, ap_err *e)
{
	const section *sec = &sections[PORT_CONTACTS];
	const recs *r = &im->sec[PORT_CONTACTS];
	for (size_t i = 0; i < r->n; i++) {
		const ap_contact *c = rec_at(r, sec, i);
		boss[i] = -1;
		if (!*c->reports_to)
			continue;
		for (size_t j = 0; j < r->n && boss[i] < 0; j++)
			if (strcasecmp(((const ap_contact *)rec_at(r, sec, j))->name, c->reports_to) == 0)
				boss[i] = (int)j;
		if (boss[i] < 0)
			ap_fail(e, AP_EINPUT, "accounts[%ld].contacts[%zu].reports_to: unknown contact '%s' in this account",
				im->ai, i, c->reports_to);
		else if ((size_t)boss[i] == i)
			ap_fail(e, AP_EINPUT, "accounts[%ld].contacts[%zu].reports_to: a contact cannot report to themselves",
				im->ai, i);
		else
			continue;
		return at(im, r->pos[i], e);
	}
	return AP_OK;
}

/* ---- storing an account ---- */

static int insert_answer(store *s, long long account, const void *rec, ap_err *e)
{
	const ap_answer *a = rec;
	return store_answer_add(s, account, a->question, a->value, a->source, a->confidence, a->author, a->date, e);
}

static int insert_competitor(store *s, long long account, const void *rec, ap_err *e)
{
	return store_competitor_add(s, account, rec, e);
}

static int insert_endcustomer(store *s, long long account, const void *rec, ap_err *e)
{
	return store_endcustomer_add(s, account, rec, e);
}

static int insert_meeting(store *s, long long account, const void *rec, ap_err *e)
{
	return store_meeting_add(s, account, rec, NULL, e);
}

/* Staged: port_import stores them all at the end (see store_bulk_begin). */
static int insert_note(store *s, long long account, const void *rec, ap_err *e)
{
	return store_bulk_note(s, account, rec, e);
}

static int insert_snooze(store *s, long long account, const void *rec, ap_err *e)
{
	const ap_snooze *z = rec;
	return store_snooze_set(s, account, z->rule, z->question, z->until, z->reason, z->created, e);
}

static int insert_driver(store *s, long long account, const void *rec, ap_err *e)
{
	return store_driver_add(s, account, rec, NULL, e);
}

static int insert_failed(import *im, int k, size_t i, ap_err *e)
{
	ap_err_context(e, "accounts[%ld].%s[%zu]", im->ai, sections[k].key, i);
	return at(im, im->sec[k].pos[i], e);
}

/* Contacts in file order, so their ids (and the next export) keep it; one
 * whose boss comes later gets the boss once everyone is stored. */
static int insert_contacts(import *im, long long account, ap_err *e)
{
	const section *sec = &sections[PORT_CONTACTS];
	const recs *r = &im->sec[PORT_CONTACTS];
	int *boss = xcalloc(r->n ? r->n : 1, sizeof *boss);
	int rc = resolve_bosses(im, boss, e);
	for (size_t i = 0; !rc && i < r->n; i++) {
		ap_contact c = *(const ap_contact *)rec_at(r, sec, i);
		if (boss[i] > (int)i)
			c.reports_to = NULL;
		if (store_contact_add(im->s, account, &c, e))
			rc = insert_failed(im, PORT_CONTACTS, i, e);
	}
	for (size_t i = 0; !rc && i < r->n; i++) {
		const ap_contact *c = rec_at(r, sec, i);
		if (boss[i] > (int)i && store_contact_update(im->s, account, c->name, c, e))
			rc = insert_failed(im, PORT_CONTACTS, i, e);
	}
	free(boss);
	return rc;
}

/* Is the account new? An existing one is replaced or noted as a duplicate
 * (*skip); one this import already added is named twice in the file. */
static int claim_name(import *im, int *skip, ap_err *e)
{
	ap_account old = {0};
	ap_err sub;
	*skip = 0;
	int rc = store_account_get(im->s, im->acc.name, &old, &sub);
	if (rc == AP_EINPUT)
		return AP_OK;
	if (rc) {
		*e = sub;
		return rc;
	}
	if (im->first_new && old.id >= im->first_new) {
		rc = ap_fail(e, AP_EINPUT, "accounts[%ld].name: account '%s' appears more than once in the file",
			im->ai, im->acc.name);
		rc = at(im, im->acc_pos, e);
	} else if (im->o->replace) {
		rc = store_account_remove(im->s, old.id, e);
		im->n->replaced++;
	} else {
		if (im->ndups++ < 10)
			buf_printf(&im->dups, "%s'%s'", im->dups.len ? ", " : "", old.name);
		*skip = 1;
	}
	ap_account_clear(&old);
	return rc;
}

static int store_account(import *im, ap_err *e)
{
	int skip, rc = claim_name(im, &skip, e);
	if (rc || skip)
		return rc;
	long long id;
	const ap_account *a = &im->acc;
	if (store_account_add(im->s, a->name, a->industry, a->segment, a->created, &id, e)) {
		ap_err_context(e, "accounts[%ld]", im->ai);
		return at(im, im->acc_pos, e);
	}
	if (!im->first_new)
		im->first_new = id;
	rc = insert_contacts(im, id, e);
	for (int k = 0; !rc && k < PORT_NSECTIONS; k++) {
		const recs *r = &im->sec[k];
		for (size_t i = 0; !rc && sections[k].insert && i < r->n; i++)
			if (sections[k].insert(im->s, id, rec_at(r, &sections[k], i), e))
				rc = insert_failed(im, k, i, e);
	}
	return rc;
}

/* One account object, its '{' already read: buffered whole (members may come
 * in any order), checked, then stored. */
static int read_account(import *im, ap_err *e)
{
	char path[64];
	unsigned seen = 0, seen_sections = 0;
	int tok, rc = AP_OK;
	snprintf(path, sizeof path, "accounts[%ld]", im->ai);
	account_reset(im);
	im->acc_pos.line = im->r.tok_line;
	im->acc_pos.col = im->r.tok_col;
	fields_default(account_fields, NFIELDS(account_fields), &im->acc);
	while (!rc && (tok = jr_next(&im->r, e)) == JR_KEY) {
		rc = member(im, account_fields, NFIELDS(account_fields), &seen, &im->acc, path, e);
		if (rc >= 0)
			continue;
		int k = 0;
		while (k < PORT_NSECTIONS && strcmp(sections[k].key, jr_text(&im->r)) != 0)
			k++;
		if (k == PORT_NSECTIONS)
			return unknown_member(im, path, account_fields, NFIELDS(account_fields), 1, e);
		if (seen_sections & 1u << k)
			return jr_fail(&im->r, e, "%s.%s: given twice", path, sections[k].key);
		seen_sections |= 1u << k;
		rc = read_section(im, k, e);
	}
	if (rc || tok == JR_ERROR)
		return rc ? rc : AP_EINPUT;
	if ((rc = fields_finish(im, account_fields, NFIELDS(account_fields), seen, &im->acc, path, e)) ||
	    (rc = store_account(im, e)))
		return rc;
	im->n->accounts++;
	for (int k = 0; k < PORT_NSECTIONS; k++)
		im->n->records[k] += (long)im->sec[k].n;
	return AP_OK;
}

static int read_accounts(import *im, ap_err *e)
{
	int tok = jr_next(&im->r, e);
	if (tok != JR_ARR)
		return expected(im, "accounts", "an array", tok, e);
	im->accounts_seen = 1;
	for (im->ai = 0; (tok = jr_next(&im->r, e)) != JR_ARR_END; im->ai++) {
		char path[64];
		snprintf(path, sizeof path, "accounts[%ld]", im->ai);
		if (tok != JR_OBJ)
			return expected(im, path, "an object", tok, e);
		int rc = read_account(im, e);
		if (rc)
			return rc;
	}
	return AP_OK;
}

/* A top-level number member that must be a whole number within [lo, hi]. */
static int read_version(import *im, const char *key, int lo, int hi, ap_err *e)
{
	int tok = jr_next(&im->r, e);
	if (tok != JR_NUM)
		return expected(im, key, "a number", tok, e);
	char *end, known[32];
	long v = strtol(jr_text(&im->r), &end, 10);
	if (!*end && v >= lo && v <= hi)
		return AP_OK;
	if (lo == hi)
		snprintf(known, sizeof known, "%d", lo);
	else
		snprintf(known, sizeof known, "%d to %d", lo, hi);
	return jr_fail(&im->r, e, "%s %s is not supported (this acctplan reads %s)", key, jr_text(&im->r), known);
}

/* "as_of": the day the file describes; with as_of_today set, every date moves
 * by the days from it to today (the demo always looks current). */
static int read_as_of(import *im, ap_err *e)
{
	int tok = jr_next(&im->r, e);
	long day;
	ap_err sub;
	if (tok != JR_STR)
		return expected(im, "as_of", "a date string (YYYY-MM-DD)", tok, e);
	if (ap_date_check("as_of", jr_text(&im->r), &day, &sub))
		return token_fail(im, "", &sub, e);
	if (im->o->as_of_today <= 0)
		return AP_OK;
	if (im->accounts_seen)
		return jr_fail(&im->r, e, "as_of must come before accounts");
	im->shift = im->o->shift_days + (im->o->as_of_today - day);
	return AP_OK;
}

static int read_document(import *im, ap_err *e)
{
	int tok = jr_next(&im->r, e), rc = AP_OK, marked = 0;
	if (tok != JR_OBJ)
		return expected(im, "document", "an acctplan export (a JSON object)", tok, e);
	while (!rc && (tok = jr_next(&im->r, e)) == JR_KEY) {
		const char *key = jr_text(&im->r);
		if (strcmp(key, "acctplan_export") == 0) {
			rc = read_version(im, "acctplan_export", PORT_FORMAT, PORT_FORMAT, e);
			marked = 1;
		} else if (!marked) {
			rc = jr_fail(&im->r, e, "not an acctplan export: it must begin with \"acctplan_export\": %d", PORT_FORMAT);
		} else if (strcmp(key, "schema") == 0) {
			rc = read_version(im, "schema", 1, STORE_SCHEMA_VERSION, e);
		} else if (strcmp(key, "as_of") == 0) {
			rc = read_as_of(im, e);
		} else if (strcmp(key, "accounts") == 0) {
			rc = im->accounts_seen ? jr_fail(&im->r, e, "accounts: given twice") : read_accounts(im, e);
		} else {
			rc = jr_fail(&im->r, e, "unknown member \"%s\" (expected acctplan_export, schema, as_of, accounts)", key);
		}
	}
	if (rc || tok == JR_ERROR)
		return rc ? rc : AP_EINPUT;
	if (!marked)
		return jr_fail(&im->r, e, "not an acctplan export: no \"acctplan_export\" member");
	if (!im->accounts_seen)
		return jr_fail(&im->r, e, "no \"accounts\" list");
	tok = jr_next(&im->r, e);
	return tok == JR_END ? AP_OK : AP_EINPUT;
}

static int dups_error(import *im, ap_err *e)
{
	return ap_fail(e, AP_EINPUT, "%ld account%s already in the store: %s%s %s", im->ndups,
		im->ndups == 1 ? " is" : "s are", im->dups.s, im->ndups > 10 ? " and more;" : ";",
		im->o->exists_hint ? im->o->exists_hint : "nothing was imported (import --replace overwrites them)");
}

int port_import(store *s, const qbank *qb, FILE *f, const char *name, const port_opts *o,
	port_counts *n, ap_err *e)
{
	port_opts none = {0};
	port_counts counts;
	import im = {.s = s, .qb = qb, .o = o ? o : &none, .n = n ? n : &counts};
	memset(im.n, 0, sizeof *im.n);
	im.shift = im.o->shift_days;
	ap_date_format(ap_today(), im.today);
	jr_init(&im.r, f, NULL, 0, name);
	int rc = store_begin(s, e);
	if (!rc) {
		rc = store_bulk_begin(s, e);
		if (!rc)
			rc = read_document(&im, e);
		if (!rc && im.ndups)
			rc = dups_error(&im, e);
		if (!rc)
			rc = store_bulk_end(s, e);
		else
			store_bulk_abort(s);
		if (rc || im.o->dry_run)
			store_rollback(s);
		else
			rc = store_commit(s, e);
	}
	account_reset(&im);
	for (int k = 0; k < PORT_NSECTIONS; k++) {
		free(im.sec[k].data);
		free(im.sec[k].pos);
	}
	buf_free(&im.dups);
	jr_free(&im.r);
	return rc;
}
