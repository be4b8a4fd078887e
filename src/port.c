/* port.c - export and import of the whole store as one JSON document.
 *
 * A record is written as every field of its record table (record.h) that
 * has a JSON key, in table order, and read back through the same fields:
 * a field added to the table is exported and imported alike, which keeps
 * export -> import -> export byte-identical. Every value read is checked
 * with rec_check_field, as the commands and the workbench check it, so
 * import refuses exactly what they refuse. What the tables do not say --
 * which lists an account holds, how each kind is stored, the checks against
 * the question bank and between records of the file -- is the section table
 * below. */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/json.h"
#include "acctplan/json_read.h"
#include "acctplan/outfile.h"
#include "acctplan/port.h"
#include "port_reviews.h"
#include "acctplan/demand.h"
#include "acctplan/money.h"
#include "acctplan/record.h"

typedef struct import import;

typedef struct section {
	const char *key;          /* member of an account object */
	enum rec_kind_id kind;
	enum store_rows rows;     /* its cursor for export */
	/* Checks beyond rec_check: the question bank, links between records of
	 * the file. Fills *e without a position. May be NULL. */
	int (*check)(import *im, void *rec, const char *path, ap_err *e);
	/* Store one record; NULL for contacts, which are stored as a whole. */
	int (*insert)(import *im, const struct section *sec, long long account, void *rec, ap_err *e);
	int optional;             /* written only where the account has some (a later addition) */
} section;

const char *const port_section_labels[PORT_NSECTIONS] = {
	"answers", "contacts", "competitors", "end customers", "meetings", "notes", "snoozes", "demand drivers",
	"contact links", "actions", "orders", "gives and takes", "advocacy",
};

/* The record's own id (the store's, never reused); "replaces", the other
 * id-typed meta field, names another record and may be null. */
static int is_id(const rec_field *f)
{
	return f->type == RT_ID && (f->flags & RF_META) && !(f->flags & RF_NULL);
}

/* ---- export ---- */

/* A list (tags, names) as a JSON array of its items. */
static void write_list(json_w *w, const char *list, char sep)
{
	char seps[2] = {sep, '\0'};
	jw_arr(w);
	for (const char *p = list ? list : ""; *p;) {
		size_t n = strcspn(p, seps);
		if (n) {
			char *item = xstrndup(p, n);
			jw_str(w, item);
			free(item);
		}
		p += n + (p[n] == sep);
	}
	jw_arr_end(w);
}

static void write_field(json_w *w, const rec_field *f, const void *rec)
{
	const void *slot = rec_cslot(f, rec);
	const char *s;
	long long n;
	int v;
	jw_key(w, f->key);
	switch (f->type) {
	case RT_ID:
	case RT_INT:
		n = *(const long long *)slot;
		if ((f->flags & RF_NULL) && n <= 0)
			jw_null(w);
		else
			jw_int(w, n);
		break;
	case RT_TEXT:
	case RT_DATE:
	case RT_STAMP:
		s = *(char *const *)slot;
		jw_str(w, (f->flags & RF_NULL) && (!s || !*s) ? NULL : s ? s : "");
		break;
	case RT_ENUM:
		v = *(const int *)slot;
		jw_str(w, v >= 0 && v < f->names->count ? f->names->names[v] : NULL);
		break;
	case RT_BOOL:
		jw_bool(w, *(const int *)slot);
		break;
	case RT_REAL:
		jw_real(w, *(const double *)slot);
		break;
	case RT_TAGS:
	case RT_NAMES:
		write_list(w, *(char *const *)slot, rec_list_sep(f->type));
		break;
	}
}

/* Every field of the record that documents carry, in table order. */
/* A field documents carry: one with a JSON key that is not only for
 * listings (RF_VIEW: the place in the document says it already). */
static int in_documents(const rec_field *f)
{
	return f->key && !(f->flags & RF_VIEW);
}

static void write_record(json_w *w, const rec_kind *k, const void *rec)
{
	for (int i = 0; i < k->nfields; i++)
		if (in_documents(&k->fields[i]) && !(k->fields[i].flags & RF_OLD))
			write_field(w, &k->fields[i], rec);
}

static int check_answer(import *im, void *rec, const char *path, ap_err *e);
static int check_snooze(import *im, void *rec, const char *path, ap_err *e);
static int check_driver(import *im, void *rec, const char *path, ap_err *e);
static int check_order(import *im, void *rec, const char *path, ap_err *e);
static int insert_answer(import *im, const section *sec, long long account, void *rec, ap_err *e);
static int insert_note(import *im, const section *sec, long long account, void *rec, ap_err *e);
static int insert_rec(import *im, const section *sec, long long account, void *rec, ap_err *e);
static int insert_link(import *im, const section *sec, long long account, void *rec, ap_err *e);
static int insert_meeting(import *im, const section *sec, long long account, void *rec, ap_err *e);
static int insert_action(import *im, const section *sec, long long account, void *rec, ap_err *e);
static int insert_snooze(import *im, const section *sec, long long account, void *rec, ap_err *e);
static int insert_exchange(import *im, const section *sec, long long account, void *rec, ap_err *e);
static int insert_advocacy(import *im, const section *sec, long long account, void *rec, ap_err *e);

static const section sections[PORT_NSECTIONS] = {
	[PORT_ANSWERS] = {"answers", REC_ANSWER, STORE_ROWS_ANSWERS, check_answer, insert_answer, 0},
	[PORT_CONTACTS] = {"contacts", REC_CONTACT, STORE_ROWS_CONTACTS, NULL, NULL, 0},
	[PORT_COMPETITORS] = {"competitors", REC_COMPETITOR, STORE_ROWS_COMPETITORS, NULL, insert_rec, 0},
	[PORT_END_CUSTOMERS] = {"end_customers", REC_ENDCUSTOMER, STORE_ROWS_ENDCUSTOMERS, NULL, insert_rec, 0},
	[PORT_MEETINGS] = {"meetings", REC_MEETING, STORE_ROWS_MEETINGS, NULL, insert_meeting, 0},
	[PORT_NOTES] = {"notes", REC_NOTE, STORE_ROWS_NOTES, NULL, insert_note, 0},
	[PORT_SNOOZES] = {"snoozes", REC_SNOOZE, STORE_ROWS_SNOOZES, check_snooze, insert_snooze, 0},
	[PORT_DRIVERS] = {"drivers", REC_DRIVER, STORE_ROWS_DRIVERS, check_driver, insert_rec, 0},
	[PORT_LINKS] = {"links", REC_LINK, STORE_ROWS_LINKS, NULL, insert_link, 1},
	[PORT_ACTIONS] = {"actions", REC_ACTION, STORE_ROWS_ACTIONS, NULL, insert_action, 1},
	[PORT_ORDERS] = {"orders", REC_ORDER, STORE_ROWS_ORDERS, check_order, insert_rec, 1},
	[PORT_EXCHANGES] = {"exchanges", REC_EXCHANGE, STORE_ROWS_EXCHANGES, NULL, insert_exchange, 1},
	[PORT_ADVOCACY] = {"advocacy", REC_ADVOCACY, STORE_ROWS_ADVOCACIES, NULL, insert_advocacy, 1},
};

const char *port_section_key(int i) { return sections[i].key; }
int port_section_optional(int i) { return sections[i].optional; }

/* One account with its records, taken from the heads of the section cursors. */
static int export_account(json_w *w, const ap_account *a, store_cursor **cur, const void **row, ap_err *e)
{
	int rc = AP_OK;
	jw_obj(w);
	write_record(w, &rec_kinds[REC_ACCOUNT], a);
	for (int i = 0; i < PORT_NSECTIONS; i++) {
		if (sections[i].optional && !(row[i] && store_cursor_account(cur[i]) == a->id))
			continue;
		jw_key(w, sections[i].key);
		jw_arr(w);
		while (!rc && row[i] && store_cursor_account(cur[i]) == a->id) {
			jw_obj(w);
			write_record(w, &rec_kinds[sections[i].kind], row[i]);
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

/* The kinds of the team's definitions, in the order a document lists them. */
static const char *const def_kinds[] = {DEFS_QUESTIONS, DEFS_RULES};
#define NDEF_KINDS (sizeof def_kinds / sizeof def_kinds[0])

/* "definitions", when the team loaded any: a store without them exports
 * the same bytes as before they existed. */
static int export_definitions(store *s, json_w *w, ap_err *e)
{
	store_definition d[NDEF_KINDS] = {{0}};
	int rc = AP_OK, any = 0;
	for (size_t k = 0; !rc && k < NDEF_KINDS; k++)
		if (!(rc = store_definition_get(s, def_kinds[k], &d[k], e)))
			any |= d[k].body != NULL;
	if (!rc && any) {
		jw_key(w, "definitions");
		jw_arr(w);
		for (size_t k = 0; k < NDEF_KINDS; k++) {
			if (!d[k].body)
				continue;
			jw_obj(w);
			jw_kstr(w, "kind", def_kinds[k]);
			jw_kstr(w, "source", d[k].source);
			jw_kstr(w, "loaded_at", d[k].loaded_at);
			jw_kstr(w, "loaded_by", d[k].loaded_by);
			jw_kstr(w, "text", d[k].body);
			jw_obj_end(w);
		}
		jw_arr_end(w);
	}
	for (size_t k = 0; k < NDEF_KINDS; k++)
		store_definition_clear(&d[k]);
	return rc;
}

/* "members", when the team has any: a store without them exports the same
 * bytes as before they existed. Before the accounts, whose contacts and
 * meetings name them. */
static int export_members(store *s, json_w *w, ap_err *e)
{
	ap_members all = {0};
	int rc = store_member_list(s, &all, e);
	if (!rc && all.n) {
		jw_key(w, "members");
		jw_arr(w);
		for (size_t i = 0; i < all.n; i++) {
			jw_obj(w);
			write_record(w, &rec_kinds[REC_MEMBER], &all.v[i]);
			jw_obj_end(w);
		}
		jw_arr_end(w);
	}
	ap_vec_free(&all, ap_member_clear);
	return rc;
}

int port_export(store *s, FILE *f, ap_err *e)
{
	json_w w;
	ap_buf out = {0};
	int rc = store_snapshot_begin(s, e);
	if (rc)
		return rc;
	jw_init(&w, f, &out, 1);
	jw_obj(&w);
	jw_kint(&w, "acctplan_export", PORT_FORMAT);
	jw_kint(&w, "schema", STORE_SCHEMA_VERSION);
	rc = export_definitions(s, &w, e);
	if (!rc)
		rc = export_members(s, &w, e);
	jw_key(&w, "accounts");
	jw_arr(&w);
	if (!rc)
		rc = export_accounts(s, &w, e);
	jw_arr_end(&w);
	if (!rc)
		rc = port_reviews_export(s, &w, e);
	jw_obj_end(&w);
	if (jw_end(&w, rc ? NULL : e) && !rc)
		rc = AP_EINPUT;
	buf_free(&out);
	store_snapshot_end(s);
	if (!rc && (fflush(f) != 0 || ferror(f)))
		rc = ap_fail(e, AP_EINPUT, "cannot write the export: %s", strerror(errno));
	return rc;
}

int port_export_file(store *s, const char *path, ap_err *e)
{
	outfile *f;
	outfile_opts o = {.live_db = store_path(s)};
	int rc = outfile_open(&f, path, &o, e);
	if (rc)
		return rc;
	if ((rc = port_export(s, outfile_stream(f), e))) {
		outfile_abort(&f);
		return rc;
	}
	return outfile_commit(&f, e);
}

/* ---- import ---- */

/* Records of one section of the account being read, with where each began. */
typedef struct recs {
	char *data;
	size_t size;              /* of one record */
	struct pos { long line, col; } *pos;
	size_t n, cap;
} recs;

/* The ids of one kind a format 2 document gave (each may appear once):
 * open addressing, 0 marks a free slot (ids start at 1). */
typedef struct idset {
	long long *v;
	size_t n, cap;
	int bits;                 /* cap is 1 << bits */
} idset;

struct import {
	store *s;
	const qbank *qb;
	const port_opts *o;
	port_counts *n;
	json_r r;
	long shift;
	char as_of[11];              /* the file's "as_of", once read with as_of_today */
	long format;                 /* the document's "acctplan_export" */
	int was_empty;               /* the store held no account when the import began */
	int keep;                    /* format 2 into an empty store: ids, versions and times kept */
	int accounts_seen;
	long ai;                     /* index of the account being read */
	ap_account acc;
	struct pos acc_pos;
	recs sec[PORT_NSECTIONS];
	idset ids[REC_NKINDS];
	idset names;                 /* hashes of the name keys of the accounts this import added */
	long long first_new;         /* id of the first account this import added */
	ap_buf dups;                 /* accounts already in the store */
	long ndups;
	char today[11];
	qbank own_qb;                /* the bank with the document's team questions */
	int own_qb_loaded;
	/* The members contacts and meetings may name: the store's, then the file's. */
	struct member_ref { char *key; long long id; int tier; int from_file; } *members;
	size_t nmembers;
	int members_seen;
	int kept_members;            /* the store had no members: the file's keep their ids */
	long long *contact_ids;      /* the account's contacts as stored, in file order (for its links) */
	port_reviews *reviews;       /* read after the accounts, stored after them (port_reviews.h) */
	long nreviews;
};

static void *rec_at(const recs *r, size_t i) { return r->data + i * r->size; }
static struct member_ref *member_ref_find(const import *im, const char *name);

/* Fibonacci hashing: the top bits of id times 2^64 / phi spread ids that
 * come in runs (as a store's do) evenly over the table. */
static size_t id_slot(long long id, int bits)
{
	return (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15u) >> (64 - bits));
}

/* Add id (> 0) to the set; 0 when it was there already. */
static int idset_add(idset *s, long long id)
{
	if (2 * (s->n + 1) > s->cap) {
		idset old = *s;
		s->bits = old.bits ? old.bits + 1 : 10;
		s->cap = (size_t)1 << s->bits;
		s->v = xcalloc(s->cap, sizeof *s->v);
		s->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i])
				idset_add(s, old.v[i]);
		free(old.v);
	}
	size_t i = id_slot(id, s->bits);
	while (s->v[i]) {
		if (s->v[i] == id)
			return 0;
		i = (i + 1) & (s->cap - 1);
	}
	s->v[i] = id;
	s->n++;
	return 1;
}

/* The hash of a name's key: equal keys, equal hashes (never 0, the free slot). */
static long long name_hash(const char *name)
{
	char *key = ap_name_key(name);
	unsigned long long h = ap_hash(AP_HASH_START, key, strlen(key));
	free(key);
	return h ? (long long)h : 1;
}

/* Empty the account buffers, keeping their memory for the next account. */
static void account_reset(import *im)
{
	rec_clear(&rec_kinds[REC_ACCOUNT], &im->acc);
	memset(&im->acc, 0, sizeof im->acc);
	for (int k = 0; k < PORT_NSECTIONS; k++) {
		for (size_t i = 0; i < im->sec[k].n; i++)
			rec_clear(&rec_kinds[sections[k].kind], rec_at(&im->sec[k], i));
		im->sec[k].n = 0;
	}
}

static void *rec_push(recs *r, size_t size, long line, long col)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->data = xrealloc(r->data, r->cap * size);
		r->pos = xrealloc(r->pos, r->cap * sizeof *r->pos);
	}
	r->size = size;
	r->pos[r->n].line = line;
	r->pos[r->n].col = col;
	void *rec = rec_at(r, r->n++);
	memset(rec, 0, size);
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

/* ap_text_check on the string just read, which it can skip when the reader
 * saw printable ASCII only: then only the length could be wrong. */
static int check_token_text(import *im, const char *what, int multiline, ap_err *sub)
{
	if (jr_plain(&im->r) && jr_len(&im->r) <= AP_TEXT_MAX)
		return AP_OK;
	return ap_text_check(what, jr_text(&im->r), multiline, sub);
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

/* A list: tags (each one word) or names (each a name), kept as the CLI
 * keeps them, separated by rec_list_sep; rec_check_field judges the names. */
static int read_list(import *im, const rec_field *f, char **slot, const char *path, ap_err *e)
{
	ap_buf b = {0};
	int tok, rc = AP_OK, tags = f->type == RT_TAGS;
	char sep = rec_list_sep(f->type);
	size_t plen = strlen(path);
	char *what = xmalloc(plen + 24);
	for (size_t i = 0; !rc && (tok = jr_next(&im->r, e)) != JR_ARR_END; i++) {
		path_index(what, path, plen, i);
		ap_err sub;
		const char *t = jr_text(&im->r);
		if (tok != JR_STR)
			rc = expected(im, what, "a string", tok, e);
		else if (check_token_text(im, what, 0, &sub))
			rc = jr_fail(&im->r, e, "%s", sub.msg);
		else if (tags && (!*t || strpbrk(t, " \t")))
			rc = jr_fail(&im->r, e, "%s: a tag is one word, not '%s'", what, t);
		else if (!tags && ap_name_check(what, t, &sub))
			rc = jr_fail(&im->r, e, "%s", sub.msg);
		else if (b.len)
			buf_add(&b, &sep, 1);
		if (!rc)
			buf_add(&b, t, jr_len(&im->r));
	}
	free(what);
	free(*slot);
	*slot = rc ? NULL : buf_steal(&b);
	buf_free(&b);
	return rc;
}

/* An id or a version: a whole number from 1 (JSON numbers are exact up
 * to 2^53, far beyond any id), or null where the field allows it (0). */
static int read_count(import *im, const rec_field *f, long long *slot, int tok, const char *path, ap_err *e)
{
	if (tok == JR_NULL && (f->flags & RF_NULL)) {
		*slot = 0;
		return AP_OK;
	}
	if (tok != JR_NUM)
		return expected(im, path, f->flags & RF_NULL ? "a whole number or null" : "a whole number", tok, e);
	const char *t = jr_text(&im->r);
	char *end;
	errno = 0;
	long long v = strtoll(t, &end, 10);
	if (*end || errno || (v < 1 && !(f->flags & RF_SIGNED)))
		return jr_fail(&im->r, e, "%s: %s is not a whole number%s", path, t, f->flags & RF_SIGNED ? "" : " from 1 up");
	*slot = v;
	return AP_OK;
}

static void take_string(import *im, char **slot)
{
	free(*slot);
	*slot = xstrndup(jr_text(&im->r), jr_len(&im->r));
}

/* The value whose first token tok was just read, into its slot, by type:
 * what JSON form each type takes. Whether the value is allowed is
 * check_value's question. */
static int parse_value(import *im, const rec_field *f, void *slot, int tok, const char *path, ap_err *e)
{
	ap_err sub;
	if (tok == JR_NULL && (f->flags & RF_NULL) && f->type != RT_ID && f->type != RT_INT) {
		if (f->type == RT_ENUM)
			*(int *)slot = -1;
		else if (f->type == RT_REAL)
			*(double *)slot = NAN;
		else if (f->type == RT_TEXT || f->type == RT_DATE || f->type == RT_STAMP) {
			free(*(char **)slot);
			*(char **)slot = xstrdup("");
		}
		return AP_OK;
	}
	switch (f->type) {
	case RT_ID:
	case RT_INT:
		return read_count(im, f, slot, tok, path, e);
	case RT_TEXT:
		if (tok != JR_STR)
			return expected(im, path, "a string", tok, e);
		take_string(im, slot);
		return AP_OK;
	case RT_DATE:
		if (tok != JR_STR)
			return expected(im, path, "a date string (YYYY-MM-DD)", tok, e);
		take_string(im, slot);
		return AP_OK;
	case RT_STAMP:
		if (tok != JR_STR)
			return expected(im, path, "a timestamp string (YYYY-MM-DDTHH:MM:SSZ)", tok, e);
		take_string(im, slot);
		return AP_OK;
	case RT_ENUM:
		if (tok != JR_STR)
			return expected(im, path, "a string", tok, e);
		if ((*(int *)slot = ap_name_parse(f->names, jr_text(&im->r), &sub)) < 0)
			return jr_fail(&im->r, e, "%s: %s", path, sub.msg);
		return AP_OK;
	case RT_BOOL:
		if (tok != JR_TRUE && tok != JR_FALSE)
			return expected(im, path, "true or false", tok, e);
		*(int *)slot = tok == JR_TRUE;
		return AP_OK;
	case RT_REAL:
		return tok == JR_NUM ? jr_number(&im->r, slot, e) : expected(im, path, "a number", tok, e);
	case RT_TAGS:
	case RT_NAMES:
		return tok == JR_ARR ? read_list(im, f, slot, path, e)
			: expected(im, path, f->type == RT_TAGS ? "an array of tags" : "an array of names", tok, e);
	}
	return AP_OK;
}

/* Does rec_check_field certainly pass on the string just read? Printable
 * ASCII (the reader saw it) within the length limit has no control
 * character and no bad UTF-8, and a first character that is not blank
 * makes it non-empty. Import reads millions of texts; this skips the scan
 * for most. Names are always checked (a blank at either end). */
static int plain_text_passes(import *im, const rec_field *f)
{
	if (f->type != RT_TEXT || (f->flags & RF_NAME) || !jr_plain(&im->r) || jr_len(&im->r) > AP_TEXT_MAX)
		return 0;
	const char *t = jr_text(&im->r);
	return !(f->flags & RF_NONEMPTY) || (*t && !strchr(" \t\r\n", *t));
}

/* s as part of a message line: control characters (C0, DEL, C1), bidi
 * controls and bytes that are not UTF-8 written as escapes, so a repair
 * report is safe to print; cut after 60 bytes. */
static void put_shown(ap_buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	int valid = ap_utf8_valid(s, n);
	for (size_t i = 0; i < n; i++) {
		if (i >= 60 && (u[i] & 0xC0) != 0x80) {
			buf_puts(b, "...");
			return;
		}
		if (u[i] < 0x20 || u[i] == 0x7f || (u[i] >= 0x80 && !valid)) {
			buf_printf(b, "\\x%02x", u[i]);
		} else if (u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) {
			buf_printf(b, "\\u%04x", u[i + 1]);
			i++;
		} else if (u[i] == 0xE2 && ((u[i + 1] == 0x80 && u[i + 2] >= 0xAA && u[i + 2] <= 0xAE) ||
			   (u[i + 1] == 0x81 && u[i + 2] >= 0xA6 && u[i + 2] <= 0xA9))) {
			buf_printf(b, "\\u%04x", 0x2000 | (u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F));
			i += 2;
		} else {
			buf_add(b, s + i, 1);
		}
	}
}

/* "FILE:LINE: PATH: 'was' imported as 'now'", one line of the repairs log. */
static void log_repair(import *im, const char *path, const char *was, const char *now)
{
	ap_buf *log = im->o->repairs;
	im->n->repaired++;
	if (!log)
		return;
	buf_printf(log, "%s:%ld: %s: '", im->r.name, im->r.tok_line, path);
	put_shown(log, was);
	buf_puts(log, "' imported as '");
	put_shown(log, now);
	buf_puts(log, "'\n");
}

/* An older document's text that rec_check_field refuses, repaired as the
 * schema 2 upgrade repairs the store (rec_repair_text: blanks trimmed off
 * names, control characters stripped, bad bytes replaced). 1 when the
 * repaired text passes; else the text is left as read. */
static int repair_text(import *im, const rec_field *f, void *rec, const char *path)
{
	char **slot = rec_slot(f, rec);
	char *was = xstrdup(*slot);
	ap_err sub;
	int ok = rec_repair_text(slot, (f->flags & RF_NAME) != 0, (f->flags & RF_MULTI) != 0) &&
		rec_check_field(f, rec, path, &sub) == AP_OK;
	if (ok) {
		log_repair(im, path, was, *slot);
		free(was);
	} else {
		free(*slot);
		*slot = was;
	}
	return ok;
}

/* The value just read, checked as every writer checks it. A format 2
 * document was written by this version and is checked strictly; an older
 * one's text is repaired where it can be (the data contract: what an
 * earlier release wrote keeps loading). */
static int check_value(import *im, const rec_field *f, void *rec, int tok, const char *path, ap_err *e)
{
	ap_err sub;
	if (tok == JR_STR && plain_text_passes(im, f))
		return AP_OK;
	if (rec_check_field(f, rec, path, &sub) == AP_OK)
		return AP_OK;
	if (im->format < 2 && f->type == RT_TEXT && repair_text(im, f, rec, path))
		return AP_OK;
	return jr_fail(&im->r, e, "%s", sub.msg);
}

/* With as_of_today, a checked date moves by the file's shift. One that
 * would leave the dates acctplan keeps is refused, not clamped: a clamped
 * date would no longer keep its distance to the others (a meeting planned
 * in three weeks would land on the last day), and the file loads as it
 * is on any other day. */
static int shift_date(import *im, char **slot, const char *path, ap_err *e)
{
	long days, moved;
	if (!im->shift || !*slot || ap_date_parse(*slot, &days) != 0)
		return AP_OK;
	if (ap_date_add(days, im->shift, &moved) == 0) {
		ap_date_format(moved, *slot);
		return AP_OK;
	}
	const char *side = im->shift > 0 ? "after " AP_DATE_LAST ", the last" : "before " AP_DATE_FIRST ", the first";
	if (*im->as_of)
		return jr_fail(&im->r, e, "%s: %s would fall %s date acctplan keeps, once as_of %s is moved to today (%s)",
			path, *slot, side, im->as_of, im->today);
	return jr_fail(&im->r, e, "%s: %s would fall %s date acctplan keeps, once moved by %ld days", path, *slot, side,
		im->shift);
}

static int read_field(import *im, const rec_field *f, void *rec, int tok, const char *path, ap_err *e)
{
	int rc = parse_value(im, f, rec_slot(f, rec), tok, path, e);
	if (!rc)
		rc = check_value(im, f, rec, tok, path, e);
	if (!rc && f->type == RT_DATE)
		rc = shift_date(im, rec_slot(f, rec), path, e);
	return rc;
}

static int field_index(const rec_kind *k, const char *key)
{
	for (int i = 0; i < k->nfields; i++)
		if (in_documents(&k->fields[i]) && strcmp(k->fields[i].key, key) == 0)
			return i;
	return -1;
}

/* After the closing brace: required members present (and in a format 2
 * document the id), absent text "" and an absent date today, so the store
 * never sees NULL; absent meta fields stay unset for the store to fill. */
static int fields_finish(import *im, const rec_kind *k, uint64_t seen, void *rec, const char *path, ap_err *e)
{
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		if (!in_documents(f) || (seen & (uint64_t)1 << i))
			continue;
		if ((f->flags & RF_REQ) || (im->format >= 2 && is_id(f)))
			return jr_fail(&im->r, e, "%s: missing \"%s\"", path, f->key);
		char **slot = rec_slot(f, rec);
		if (((f->type == RT_TEXT && !(f->flags & RF_META)) || rec_list_sep(f->type)) && !*slot)
			*slot = xstrdup("");
		else if (f->type == RT_DATE && !*slot)
			*slot = xstrdup(im->today);
	}
	return AP_OK;
}

static int unknown_member(import *im, const char *path, const rec_kind *k, int with_sections, ap_err *e)
{
	ap_buf b = {0};
	for (int i = 0; i < k->nfields; i++)
		if (in_documents(&k->fields[i]) && !(k->fields[i].flags & RF_OLD))
			buf_printf(&b, "%s%s", b.len ? ", " : "", k->fields[i].key);
	for (int s = 0; with_sections && s < PORT_NSECTIONS; s++)
		buf_printf(&b, ", %s", sections[s].key);
	jr_fail(&im->r, e, "%s: unknown member \"%s\" (expected %s)", path, jr_text(&im->r), b.s);
	buf_free(&b);
	return AP_EINPUT;
}

/* A format 2 document's ids of one kind are unique, as the store's are. */
static int check_id(import *im, const rec_kind *k, const void *rec, const rec_field *f, const char *path, ap_err *e)
{
	long long id = *(const long long *)rec_cslot(f, rec);
	if (im->format < 2 || idset_add(&im->ids[k->id], id))
		return AP_OK;
	return jr_fail(&im->r, e, "%s: %s #%lld appears more than once in the file", path, k->name, id);
}

/* Read the member whose key was just returned, if it is a field of k.
 * Returns -1 when the key is not a field (the caller decides), else a status. */
static int member(import *im, const rec_kind *k, uint64_t *seen, void *rec, const char *path, ap_err *e)
{
	int i = field_index(k, jr_text(&im->r));
	if (i < 0)
		return -1;
	const rec_field *f = &k->fields[i];
	/* Built for every value read, so concatenated rather than formatted. */
	char fpath[256];
	size_t a = strlen(path), b = strlen(f->key);
	if (a + b + 2 > sizeof fpath)
		a = sizeof fpath - b - 2;
	memcpy(fpath, path, a);
	fpath[a] = '.';
	memcpy(fpath + a + 1, f->key, b + 1);
	/* One bit per field: a kind has far fewer than 64 (record.h). */
	if (*seen & (uint64_t)1 << i)
		return jr_fail(&im->r, e, "%s: given twice", fpath);
	*seen |= (uint64_t)1 << i;
	int rc = read_field(im, f, rec, jr_next(&im->r, e), fpath, e);
	return !rc && is_id(f) ? check_id(im, k, rec, f, fpath, e) : rc;
}

/* One record object, its '{' already read. */
static int read_record(import *im, const rec_kind *k, void *rec, const char *path, ap_err *e)
{
	uint64_t seen = 0;
	int tok, rc;
	rec_defaults(k, rec);
	while ((tok = jr_next(&im->r, e)) == JR_KEY) {
		rc = member(im, k, &seen, rec, path, e);
		if (rc < 0)
			return unknown_member(im, path, k, 0, e);
		if (rc)
			return rc;
	}
	if (tok == JR_ERROR)
		return AP_EINPUT;
	return fields_finish(im, k, seen, rec, path, e);
}

/* The rest of rec_check once each field passed rec_check_field as it was
 * read (so a message could name the value's place): the kind's checks
 * across fields (a meeting's news, a driver's chain). Then the section's. */
static int record_check(import *im, const section *sec, void *rec, const char *path, ap_err *e)
{
	const rec_kind *k = &rec_kinds[sec->kind];
	if (k->check && k->check(rec, e)) {
		ap_err_context(e, "%s", path);
		return AP_EINPUT;
	}
	return sec->check ? sec->check(im, rec, path, e) : AP_OK;
}

static int read_section(import *im, int s, ap_err *e)
{
	const section *sec = &sections[s];
	const rec_kind *k = &rec_kinds[sec->kind];
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
		void *rec = rec_push(&im->sec[s], k->size, p.line, p.col);
		int rc = read_record(im, k, rec, path, e);
		if (!rc && record_check(im, sec, rec, path, e))
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

/* A format 2 document lists each question's answers as the store keeps
 * them: oldest (lowest id) first, each naming the one it superseded, null
 * for the first; so importing it keeps every answer's place in its history. */
static int check_history(import *im, const ap_answer *a, const char *path, ap_err *e)
{
	const recs *r = &im->sec[PORT_ANSWERS];
	const ap_answer *prev = NULL;
	for (size_t i = r->n - 1; !prev && i-- > 0;) {
		const ap_answer *b = rec_at(r, i);
		if (strcmp(b->question, a->question) == 0)
			prev = b;
	}
	if (prev && a->id <= prev->id)
		return ap_fail(e, AP_EINPUT, "%s.id: answer #%lld comes after #%lld to '%s' (answers come oldest first)",
			path, a->id, prev->id, a->question);
	if (!prev && a->replaces)
		return ap_fail(e, AP_EINPUT, "%s.replaces: #%lld is not an earlier answer to '%s' in this account "
			"(this is the first: expected null)", path, a->replaces, a->question);
	if (prev && a->replaces != prev->id)
		return ap_fail(e, AP_EINPUT, "%s.replaces: expected %lld, the answer to '%s' before this one",
			path, prev->id, a->question);
	return AP_OK;
}

static int check_answer(import *im, void *rec, const char *path, ap_err *e)
{
	ap_answer *a = rec;
	const qb_question *q = bank_question(im, &a->question, path, e);
	if (!q)
		return AP_EINPUT;
	if (qbank_answer(q, &a->value, e)) {
		ap_err_context(e, "%s.value", path);
		return AP_EINPUT;
	}
	return im->format >= 2 ? check_history(im, a, path, e) : AP_OK;
}

static int check_snooze(import *im, void *rec, const char *path, ap_err *e)
{
	ap_snooze *z = rec;
	return !*z->question || bank_question(im, &z->question, path, e) ? AP_OK : AP_EINPUT;
}

/* An older document's one factor becomes the chain's one step, checked as
 * any step is. */
static int check_driver(import *im, void *rec, const char *path, ap_err *e)
{
	(void)im;
	int rc = demand_fold_old(rec, e);
	if (!rc)
		rc = demand_check(rec, e);
	if (rc)
		ap_err_context(e, "%s", path);
	return rc;
}

/* Whole quarters between the month the shift starts from and today's:
 * periods move by these, so the demo's last quarter stays the current one
 * and a quarter never turns into months. */
static int shift_quarters(long shift)
{
	char from[11], to[11];
	int y0 = 0, m0 = 0, y1 = 0, m1 = 0;
	ap_date_format(ap_today() - shift, from);
	ap_date_format(ap_today(), to);
	sscanf(from, "%4d-%2d", &y0, &m0);
	sscanf(to, "%4d-%2d", &y1, &m1);
	return ((y1 - y0) * 12 + (m1 - m0)) / 3;
}

static int check_order(import *im, void *rec, const char *path, ap_err *e)
{
	ap_order *o = rec;
	money_period p;
	int q = im->shift ? shift_quarters(im->shift) : 0;
	if (!q || money_period_parse("period", o->period, &p, NULL))
		return AP_OK;
	if (money_period_move(&p, q))
		return ap_fail(e, AP_EINPUT, "%s: period %s would leave the years acctplan keeps once moved by %d quarters",
			path, o->period, q);
	char moved[8];
	money_period_format(&p, moved);
	free(o->period);
	o->period = xstrdup(moved);
	return AP_OK;
}

/* The records of a section by name key (the store's comparison form), the
 * first of equal keys first; NULL for a kind without a name. Caller frees
 * with names_free. */
typedef struct named {
	char *key;
	size_t i;
} named;

static int by_key(const void *a, const void *b)
{
	const named *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const named *)a)->key, ((const named *)b)->key);
}

static const rec_field *stored_name(const rec_kind *k)
{
	for (int i = 0; i < k->nfields; i++)
		if ((k->fields[i].flags & RF_NAME) && k->fields[i].col)
			return &k->fields[i];
	return NULL;
}

static named *names_sorted(const recs *r, const rec_kind *k)
{
	const rec_field *name = stored_name(k);
	if (!name)
		return NULL;
	named *by = xcalloc(r->n ? r->n : 1, sizeof *by);
	for (size_t i = 0; i < r->n; i++) {
		const char *v = *(char *const *)rec_cslot(name, rec_at(r, i));
		by[i] = (named){ap_name_key(v ? v : ""), i};
	}
	qsort(by, r->n, sizeof *by, by_key);
	return by;
}

static void names_free(named *by, size_t n)
{
	for (size_t i = 0; by && i < n; i++)
		free(by[i].key);
	free(by);
}

/* Each contact's boss as an index into the account's contacts (-1: none):
 * reports_to must name another contact of the same account. */
static int resolve_bosses(import *im, int *boss, ap_err *e)
{
	const recs *r = &im->sec[PORT_CONTACTS];
	named *by = names_sorted(r, &rec_kinds[REC_CONTACT]);
	for (size_t i = 0; i < r->n; i++) {
		const ap_contact *c = rec_at(r, i);
		boss[i] = -1;
		if (!*c->reports_to)
			continue;
		/* As the store finds a contact by name: by its key. */
		named want = {ap_name_key(c->reports_to), 0}, *hit = NULL;
		if (r->n)
			hit = bsearch(&want, by, r->n, sizeof *by, by_name);
		while (hit && hit > by && strcmp(hit[-1].key, hit->key) == 0)
			hit--;    /* the first of the name, as the store's lookup gives */
		if (hit)
			boss[i] = (int)hit->i;
		free(want.key);
		if (boss[i] < 0)
			ap_fail(e, AP_EINPUT, "accounts[%ld].contacts[%zu].reports_to: unknown contact '%s' in this account",
				im->ai, i, c->reports_to);
		else if ((size_t)boss[i] == i)
			ap_fail(e, AP_EINPUT, "accounts[%ld].contacts[%zu].reports_to: a contact cannot report to themselves",
				im->ai, i);
		else
			continue;
		names_free(by, r->n);
		return at(im, r->pos[i], e);
	}
	names_free(by, r->n);
	return AP_OK;
}

/* ---- storing an account ---- */

/* What the store keeps of its own -- id, version, times, author, the answer
 * superseded -- cleared, so it assigns them as for a record added now. */
static void clear_meta(const rec_kind *k, void *rec)
{
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		void *slot = rec_slot(f, rec);
		if (!(f->flags & RF_META))
			continue;
		if (f->type == RT_ID || f->type == RT_INT) {
			*(long long *)slot = 0;
		} else if (f->type == RT_TEXT || f->type == RT_STAMP) {
			free(*(char **)slot);
			*(char **)slot = NULL;
		}
	}
}

/* Unless the import keeps them, the account's and its records' meta fields. */
static void clear_account_meta(import *im)
{
	if (im->keep)
		return;
	clear_meta(&rec_kinds[REC_ACCOUNT], &im->acc);
	for (int s = 0; s < PORT_NSECTIONS; s++)
		for (size_t i = 0; i < im->sec[s].n; i++)
			clear_meta(&rec_kinds[sections[s].kind], rec_at(&im->sec[s], i));
}

/* Kept, an answer is stored with its id and the one it superseded; else
 * it supersedes the answer to its question stored just before it: the
 * account is new, its answers come oldest first, and the store need not be
 * asked (two queries per answer were a third of an import). */
static int insert_answer(import *im, const section *sec, long long account, void *rec, ap_err *e)
{
	(void)sec;
	ap_answer *a = rec;
	if (!im->keep) {
		const recs *r = &im->sec[PORT_ANSWERS];
		size_t size = rec_kinds[REC_ANSWER].size;
		a->replaces = 0;
		for (size_t j = (size_t)((char *)rec - r->data) / size; j-- > 0;) {
			const ap_answer *prev = rec_at(r, j);
			if (strcmp(prev->question, a->question) == 0) {
				a->replaces = prev->id;
				break;
			}
		}
	}
	return store_rec_add(im->s, REC_ANSWER, account, rec, e);
}

/* Staged: port_import stores them all at the end (see store_bulk_begin). */
static int insert_note(import *im, const section *sec, long long account, void *rec, ap_err *e)
{
	(void)sec;
	return store_bulk_note(im->s, account, rec, e);
}

static int insert_rec(import *im, const section *sec, long long account, void *rec, ap_err *e)
{
	return store_rec_add(im->s, sec->kind, account, rec, e);
}

/* A record made in a review names it by its id in the document; the
 * review is stored after the accounts, so the record is linked to it then. */
static int insert_in_review(import *im, const section *sec, long long account, void *rec, long long *review,
	long long *id, ap_err *e)
{
	long long file_id = *review;
	*review = 0;
	int rc = store_rec_add(im->s, sec->kind, account, rec, e);
	if (!rc && file_id > 0) {
		char path[128];
		snprintf(path, sizeof path, "accounts[%ld].%s", im->ai, sec->key);
		port_reviews_link(im->reviews, sec->kind, *id, file_id, path, im->acc_pos.line, im->acc_pos.col);
	}
	return rc;
}

static int insert_snooze(import *im, const section *sec, long long account, void *rec, ap_err *e)
{
	ap_snooze *z = rec;
	return insert_in_review(im, sec, account, rec, &z->review_id, &z->id, e);
}

static int insert_failed(import *im, int s, size_t i, ap_err *e)
{
	ap_err_context(e, "accounts[%ld].%s[%zu]", im->ai, sections[s].key, i);
	return at(im, im->sec[s].pos[i], e);
}

/* Two records of one account with one name: the store's unique index
 * would refuse the second, but a bulk load on PostgreSQL sends its rows in
 * batches, where the refusal would come late and name no place. So the
 * import checks, in the store's words, at the second one's place. */
static int check_names(import *im, ap_err *e)
{
	for (int s = 0; s < PORT_NSECTIONS; s++) {
		const recs *r = &im->sec[s];
		const rec_kind *k = &rec_kinds[sections[s].kind];
		named *by = names_sorted(r, k);
		size_t dup = r->n;
		for (size_t i = 1; by && i < r->n; i++)
			if (strcmp(by[i].key, by[i - 1].key) == 0 && by[i].i < dup)
				dup = by[i].i;
		names_free(by, r->n);
		if (dup < r->n) {
			const char *v = *(char *const *)rec_cslot(stored_name(k), rec_at(r, dup));
			ap_fail(e, AP_EINPUT, "%s '%s' already exists", k->name, v);
			return insert_failed(im, s, dup, e);
		}
	}
	return AP_OK;
}

/* Which of the account's contacts in the file name is (as names compare); -1: none. */
static long contact_index(const import *im, const char *name)
{
	const recs *r = &im->sec[PORT_CONTACTS];
	char *key = ap_name_key(name);
	long found = -1;
	for (size_t i = 0; i < r->n && found < 0; i++) {
		char *k = ap_name_key(((const ap_contact *)rec_at(r, i))->name);
		if (strcmp(k, key) == 0)
			found = (long)i;
		free(k);
	}
	free(key);
	return found;
}

/* A list of names (one a line) as the ids check_people found them under. */
static size_t attendee_ids(import *im, const char *names, int ours, long long **out)
{
	size_t n = 0;
	for (const char *p = names ? names : ""; *p;) {
		size_t len = strcspn(p, "\n");
		char *one = xstrndup(p, len);
		const struct member_ref *m = ours ? member_ref_find(im, one) : NULL;
		long c = ours ? -1 : contact_index(im, one);
		*out = xrealloc(*out, (n + 1) * sizeof **out);
		(*out)[n++] = ours ? (m ? m->id : 0) : (c >= 0 ? im->contact_ids[c] : 0);
		free(one);
		p += len + (p[len] == '\n');
	}
	return n;
}

/* A meeting, then who attended by the ids the load knows: looking each name
 * up in the store was a query per name, and on PostgreSQL each sent the
 * load's queued rows first. */
static int insert_meeting(import *im, const section *sec, long long account, void *rec, ap_err *e)
{
	ap_meeting m = *(const ap_meeting *)rec;
	m.with = m.ours = NULL;
	int rc = store_rec_add(im->s, sec->kind, account, &m, e);
	((ap_meeting *)rec)->id = m.id;
	long long *contacts = NULL, *members = NULL;
	size_t nc = attendee_ids(im, ((ap_meeting *)rec)->with, 0, &contacts);
	size_t nm = attendee_ids(im, ((ap_meeting *)rec)->ours, 1, &members);
	if (!rc && (nc || nm))
		rc = store_meeting_attend(im->s, m.id, contacts, nc, members, nm, e);
	free(contacts);
	free(members);
	return rc;
}

/* A line by the ids its contacts were stored with (they may still be queued). */
static int insert_link(import *im, const section *sec, long long account, void *rec, ap_err *e)
{
	ap_link *l = rec;
	long from = contact_index(im, l->from), to = contact_index(im, l->to);
	l->from_id = from >= 0 ? im->contact_ids[from] : 0;
	l->to_id = to >= 0 ? im->contact_ids[to] : 0;
	return store_rec_add(im->s, sec->kind, account, rec, e);
}

/* An action by the ids of its owner and contact, as the load knows them. */
static int insert_action(import *im, const section *sec, long long account, void *rec, ap_err *e)
{
	ap_action *a = rec;
	const struct member_ref *owner = member_ref_find(im, a->owner);
	long c = *a->contact ? contact_index(im, a->contact) : -1;
	a->owner_id = owner ? owner->id : 0;
	a->contact_id = c >= 0 ? im->contact_ids[c] : 0;
	return insert_in_review(im, sec, account, rec, &a->review_id, &a->id, e);
}

/* The member and the contact by the ids the file's names have (checked in
 * check_people), so a bulk load needs no look-up of rows still queued. */
static int insert_exchange(import *im, const section *sec, long long account, void *rec, ap_err *e)
{
	ap_exchange *x = rec;
	const struct member_ref *by = *x->by ? member_ref_find(im, x->by) : NULL;
	x->by_id = by ? by->id : 0;
	return insert_rec(im, sec, account, rec, e);
}

static int insert_advocacy(import *im, const section *sec, long long account, void *rec, ap_err *e)
{
	ap_advocacy *v = rec;
	long c = contact_index(im, v->contact);
	v->contact_id = c >= 0 ? im->contact_ids[c] : 0;
	return insert_rec(im, sec, account, rec, e);
}

/* Each name of an attendee list (one a line) known, as is_known says. */
static int check_attendees(import *im, size_t i, const char *names, int ours, ap_err *e)
{
	int rc = AP_OK;
	for (const char *p = names ? names : ""; !rc && *p;) {
		size_t n = strcspn(p, "\n");
		char *one = xstrndup(p, n);
		if (ours ? !member_ref_find(im, one) : contact_index(im, one) < 0) {
			ap_fail(e, AP_EINPUT, "accounts[%ld].meetings[%zu].%s: unknown %s '%s'", im->ai, i, ours ? "ours" : "with",
				ours ? "member" : "contact of this account", one);
			rc = at(im, im->sec[PORT_MEETINGS].pos[i], e);
		}
		free(one);
		p += n + (p[n] == '\n');
	}
	return rc;
}

/* Owners and attendees name people the file or the store has: checked
 * here, at their place, before anything of the account is stored. */
static int check_people(import *im, ap_err *e)
{
	const recs *c = &im->sec[PORT_CONTACTS], *m = &im->sec[PORT_MEETINGS];
	for (size_t i = 0; i < c->n; i++) {
		const ap_contact *ct = rec_at(c, i);
		if (*ct->owner && !member_ref_find(im, ct->owner)) {
			ap_fail(e, AP_EINPUT, "accounts[%ld].contacts[%zu].owner: unknown member '%s'%s", im->ai, i, ct->owner,
				im->nmembers ? "" : " (the file lists no members)");
			return at(im, c->pos[i], e);
		}
	}
	int rc = AP_OK;
	for (size_t i = 0; !rc && i < m->n; i++) {
		const ap_meeting *mt = rec_at(m, i);
		if (!(rc = check_attendees(im, i, mt->with, 0, e)))
			rc = check_attendees(im, i, mt->ours, 1, e);
	}
	const recs *ac = &im->sec[PORT_ACTIONS];
	for (size_t i = 0; !rc && i < ac->n; i++) {
		const ap_action *x = rec_at(ac, i);
		if (!member_ref_find(im, x->owner))
			rc = ap_fail(e, AP_EINPUT, "accounts[%ld].actions[%zu].owner: unknown member '%s'%s", im->ai, i, x->owner,
				im->nmembers ? "" : " (the file lists no members)");
		else if (*x->contact && contact_index(im, x->contact) < 0)
			rc = ap_fail(e, AP_EINPUT, "accounts[%ld].actions[%zu].contact: unknown contact '%s' in this account",
				im->ai, i, x->contact);
		if (rc)
			rc = at(im, ac->pos[i], e);
	}
	const recs *xs = &im->sec[PORT_EXCHANGES];
	for (size_t i = 0; !rc && i < xs->n; i++) {
		const ap_exchange *x = rec_at(xs, i);
		if (*x->by && !member_ref_find(im, x->by)) {
			ap_fail(e, AP_EINPUT, "accounts[%ld].exchanges[%zu].by: unknown member '%s'%s", im->ai, i, x->by,
				im->nmembers ? "" : " (the file lists no members)");
			rc = at(im, xs->pos[i], e);
		}
	}
	const recs *av = &im->sec[PORT_ADVOCACY];
	for (size_t i = 0; !rc && i < av->n; i++) {
		const ap_advocacy *v = rec_at(av, i);
		if (contact_index(im, v->contact) < 0) {
			ap_fail(e, AP_EINPUT, "accounts[%ld].advocacy[%zu].contact: unknown contact '%s' in this account", im->ai,
				i, v->contact);
			rc = at(im, av->pos[i], e);
		}
	}
	const recs *l = &im->sec[PORT_LINKS];
	for (size_t i = 0; !rc && i < l->n; i++) {
		const ap_link *ln = rec_at(l, i);
		const char *unknown = contact_index(im, ln->from) < 0 ? ln->from : contact_index(im, ln->to) < 0 ? ln->to : NULL;
		if (unknown) {
			ap_fail(e, AP_EINPUT, "accounts[%ld].links[%zu]: unknown contact '%s' in this account", im->ai, i, unknown);
			rc = at(im, l->pos[i], e);
		}
	}
	return rc;
}

/* Contacts in file order, so their ids (and the next export) keep it; one
 * whose boss comes later (or who is in a reports-to cycle) gets the boss
 * once everyone is stored, as a link, not an edit: the version stays. */
static int insert_contacts(import *im, long long account, ap_err *e)
{
	const recs *r = &im->sec[PORT_CONTACTS];
	int *boss = xcalloc(r->n ? r->n : 1, sizeof *boss);
	long long *ids = xcalloc(r->n ? r->n : 1, sizeof *ids);
	int rc = resolve_bosses(im, boss, e);
	for (size_t i = 0; !rc && i < r->n; i++) {
		/* A shallow copy: the store sets its id and resolves its boss. */
		ap_contact c = *(const ap_contact *)rec_at(r, i);
		/* A boss stored before: by id (it may not be in the store yet, see
		 * store_bulk_begin); one after: linked once both are in. */
		c.reports_to_id = boss[i] >= 0 && boss[i] < (int)i ? ids[boss[i]] : 0;
		if (boss[i] > (int)i)
			c.reports_to = NULL;
		/* The owner by id, as the load knows it (it may still be queued). */
		const struct member_ref *owner = *c.owner ? member_ref_find(im, c.owner) : NULL;
		if (owner) {
			c.owner_id = owner->id;
			c.tier = owner->tier;
		}
		if (store_rec_add(im->s, REC_CONTACT, account, &c, e))
			rc = insert_failed(im, PORT_CONTACTS, i, e);
		ids[i] = c.id;
	}
	for (size_t i = 0; !rc && i < r->n; i++)
		if (boss[i] > (int)i && store_bulk_boss(im->s, ids[i], ids[boss[i]], e))
			rc = insert_failed(im, PORT_CONTACTS, i, e);
	free(im->contact_ids);
	im->contact_ids = ids;
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
	/* No account of the file has this name (the same key has the same
	 * hash), and the store had none at the start: nothing to look up, which
	 * on PostgreSQL would send the load's queued rows first. */
	if (idset_add(&im->names, name_hash(im->acc.name)) && im->was_empty)
		return AP_OK;
	int rc = store_account_get(im->s, im->acc.name, &old, &sub);
	if (rc == AP_EINPUT)
		return AP_OK;
	if (rc) {
		*e = sub;
		return rc;
	}
	/* Ids a store assigns only grow; ids kept from the file are any. */
	if (im->was_empty || (im->first_new && old.id >= im->first_new)) {
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
	if (rc || skip || (rc = check_names(im, e)) || (rc = check_people(im, e)))
		return rc;
	clear_account_meta(im);
	if (store_rec_add(im->s, REC_ACCOUNT, 0, &im->acc, e)) {
		ap_err_context(e, "accounts[%ld]", im->ai);
		return at(im, im->acc_pos, e);
	}
	long long id = im->acc.id;
	if (!im->first_new)
		im->first_new = id;
	rc = insert_contacts(im, id, e);
	for (int s = 0; !rc && s < PORT_NSECTIONS; s++) {
		const recs *r = &im->sec[s];
		for (size_t i = 0; !rc && sections[s].insert && i < r->n; i++)
			if (sections[s].insert(im, &sections[s], id, rec_at(r, i), e))
				rc = insert_failed(im, s, i, e);
	}
	return rc;
}

/* One account object, its '{' already read: buffered whole (members may come
 * in any order), checked, then stored. */
static int read_account(import *im, ap_err *e)
{
	const rec_kind *k = &rec_kinds[REC_ACCOUNT];
	char path[64];
	uint64_t seen = 0;
	unsigned seen_sections = 0;
	int tok, rc = AP_OK;
	snprintf(path, sizeof path, "accounts[%ld]", im->ai);
	account_reset(im);
	im->acc_pos.line = im->r.tok_line;
	im->acc_pos.col = im->r.tok_col;
	rec_defaults(k, &im->acc);
	while (!rc && (tok = jr_next(&im->r, e)) == JR_KEY) {
		rc = member(im, k, &seen, &im->acc, path, e);
		if (rc >= 0)
			continue;
		int s = 0;
		while (s < PORT_NSECTIONS && strcmp(sections[s].key, jr_text(&im->r)) != 0)
			s++;
		if (s == PORT_NSECTIONS)
			return unknown_member(im, path, k, 1, e);
		if (seen_sections & 1u << s)
			return jr_fail(&im->r, e, "%s.%s: given twice", path, sections[s].key);
		seen_sections |= 1u << s;
		rc = read_section(im, s, e);
	}
	if (rc || tok == JR_ERROR)
		return rc ? rc : AP_EINPUT;
	if ((rc = fields_finish(im, k, seen, &im->acc, path, e)) || (rc = store_account(im, e)))
		return rc;
	im->n->accounts++;
	for (int s = 0; s < PORT_NSECTIONS; s++)
		im->n->records[s] += (long)im->sec[s].n;
	return AP_OK;
}

/* ---- members ---- */

static struct member_ref *member_ref_find(const import *im, const char *name)
{
	char *key = ap_name_key(name);
	struct member_ref *hit = NULL;
	for (size_t i = 0; i < im->nmembers && !hit; i++)
		if (strcmp(im->members[i].key, key) == 0)
			hit = &im->members[i];
	free(key);
	return hit;
}

static void member_ref_add(import *im, const ap_member *m, int from_file)
{
	im->members = xrealloc(im->members, (im->nmembers + 1) * sizeof *im->members);
	im->members[im->nmembers++] = (struct member_ref){ap_name_key(m->name), m->id, m->tier, from_file};
}

/* The store's members, before anything of the file is loaded (a query in
 * the middle of a bulk load would send its queued rows first). */
static int members_load(import *im, ap_err *e)
{
	ap_members all = {0};
	int rc = store_member_list(im->s, &all, e);
	for (size_t i = 0; !rc && i < all.n; i++)
		member_ref_add(im, &all.v[i], 0);
	im->kept_members = !rc && !all.n && im->format >= 2;
	ap_vec_free(&all, ap_member_clear);
	return rc;
}

/* One member: a name the store has already is the same person (the
 * team's list is shared); a new one is added, with its id where the store
 * had no members. */
static int store_member(import *im, ap_member *m, const char *path, struct pos p, ap_err *e)
{
	struct member_ref *have = member_ref_find(im, m->name);
	if (have && have->from_file) {
		ap_fail(e, AP_EINPUT, "%s.name: member '%s' appears more than once in the file", path, m->name);
		return at(im, p, e);
	}
	if (have) {
		have->from_file = 1;
		return AP_OK;
	}
	if (!im->kept_members)
		clear_meta(&rec_kinds[REC_MEMBER], m);
	if (store_rec_add(im->s, REC_MEMBER, 0, m, e)) {
		ap_err_context(e, "%s", path);
		return at(im, p, e);
	}
	member_ref_add(im, m, 1);
	im->n->members++;
	return AP_OK;
}

static int read_members(import *im, ap_err *e)
{
	const rec_kind *k = &rec_kinds[REC_MEMBER];
	if (im->accounts_seen)
		return jr_fail(&im->r, e, "members must come before accounts");
	if (im->members_seen++)
		return jr_fail(&im->r, e, "members: given twice");
	int tok = jr_next(&im->r, e), rc = AP_OK;
	if (tok != JR_ARR)
		return expected(im, "members", "an array", tok, e);
	for (long i = 0; !rc && (tok = jr_next(&im->r, e)) != JR_ARR_END; i++) {
		char path[48];
		snprintf(path, sizeof path, "members[%ld]", i);
		if (tok != JR_OBJ)
			return expected(im, path, "an object", tok, e);
		struct pos p = {im->r.tok_line, im->r.tok_col};
		ap_member m = {0};
		rc = read_record(im, k, &m, path, e);
		/* A document from before functions: the function the migration gives. */
		if (!rc)
			rec_member_function_default(&m);
		if (!rc && k->check && k->check(&m, e)) {
			ap_err_context(e, "%s", path);
			rc = at(im, p, e);
		}
		if (!rc)
			rc = store_member(im, &m, path, p, e);
		ap_member_clear(&m);
	}
	return rc;
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

/* A top-level number member that must be a whole number within [lo, hi]; *v gets it. */
static int read_version(import *im, const char *key, long lo, long hi, long *v, ap_err *e)
{
	int tok = jr_next(&im->r, e);
	if (tok != JR_NUM)
		return expected(im, key, "a number", tok, e);
	char *end, known[48];
	*v = strtol(jr_text(&im->r), &end, 10);
	if (!*end && *v >= lo && *v <= hi)
		return AP_OK;
	if (lo == hi)
		snprintf(known, sizeof known, "%ld", lo);
	else
		snprintf(known, sizeof known, "%ld to %ld", lo, hi);
	return jr_fail(&im->r, e, "%s %s is not supported (this acctplan reads %s)", key, jr_text(&im->r), known);
}

/* "acctplan_export": which format the records follow. Format 1 (no ids)
 * gets ids in file order; format 2 keeps its ids, versions and times when
 * the store is empty, so a restored backup is the store that was saved. */
static int members_load(import *im, ap_err *e);

static int read_format(import *im, ap_err *e)
{
	int rc = read_version(im, "acctplan_export", 1, PORT_FORMAT, &im->format, e);
	im->keep = !rc && im->format >= 2 && im->was_empty;
	return rc ? rc : members_load(im, e);
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
		return jr_fail(&im->r, e, "%s", sub.msg);
	if (!im->o->as_of_today)
		return AP_OK;
	if (im->accounts_seen)
		return jr_fail(&im->r, e, "as_of must come before accounts");
	/* Both days are in range, so their difference is small. */
	im->shift = im->o->shift_days + (ap_today() - day);
	memcpy(im->as_of, jr_text(&im->r), sizeof im->as_of);
	return AP_OK;
}

/* One member of a definition: the kind's index into *kind, a text into its slot. */
static int read_definition_member(import *im, const char *path, const char *key, int *kind, store_definition *d,
	ap_err *e)
{
	char **slot = !strcmp(key, "source") ? &d->source : !strcmp(key, "loaded_at") ? &d->loaded_at
		: !strcmp(key, "loaded_by") ? &d->loaded_by : !strcmp(key, "text") ? &d->body : NULL;
	int is_kind = strcmp(key, "kind") == 0;
	if (!slot && !is_kind)
		return jr_fail(&im->r, e, "%s: unknown member \"%s\" (expected kind, source, loaded_at, loaded_by, text)",
			path, key);
	char at[96];
	snprintf(at, sizeof at, "%s.%s", path, key);
	int tok = jr_next(&im->r, e);
	if (tok != JR_STR)
		return expected(im, at, "a string", tok, e);
	const char *v = jr_text(&im->r);
	ap_err sub;
	if (is_kind) {
		for (size_t k = 0; k < NDEF_KINDS; k++)
			if (strcmp(v, def_kinds[k]) == 0)
				*kind = (int)k;
		return *kind >= 0 ? AP_OK : jr_fail(&im->r, e, "%s: '%s' is no kind of definition (expected questions or rules)",
			at, v);
	}
	/* The text is an INI file (lines, any length up to the reader's); the
	 * others are one line of text. */
	if (slot == &d->body ? !ap_utf8_valid(v, jr_len(&im->r)) || strlen(v) != jr_len(&im->r)
	                     : check_token_text(im, at, 0, &sub) != AP_OK)
		return jr_fail(&im->r, e, "%s", slot == &d->body ? "definitions: text is not UTF-8 text" : sub.msg);
	if (slot == &d->loaded_at && rec_check_stamp(at, v, &sub))
		return jr_fail(&im->r, e, "%s", sub.msg);
	free(*slot);
	*slot = xstrdup(v);
	return AP_OK;
}

/* Into the store, unless it holds other definitions of the kind (then only
 * with --replace). */
static int apply_definition(import *im, const char *path, int kind, const store_definition *d, ap_err *e)
{
	store_definition cur;
	int rc = store_definition_get(im->s, def_kinds[kind], &cur, e);
	int same = !rc && cur.body && strcmp(cur.body, d->body) == 0;
	if (!rc && cur.body && !same && !im->o->replace)
		rc = jr_fail(&im->r, e, "%s: the store holds other team %s (loaded from '%s' by %s); nothing was imported "
			"(import --replace takes the file's)", path, def_kinds[kind], cur.source, cur.loaded_by);
	else if (!rc && !same)
		rc = store_definition_put(im->s, def_kinds[kind], d, e);
	store_definition_clear(&cur);
	return rc;
}

/* The questions and rules in force with the document's definitions: they
 * must load, and the document's answers are checked against them. */
static int reload_definitions(import *im, ap_err *e)
{
	rules *r = NULL;
	int rc = defs_qbank(&im->own_qb, im->s, im->o->defs, e);
	im->own_qb_loaded = !rc;
	if (!rc)
		rc = defs_rules(&r, im->s, im->o->defs, &im->own_qb, e);
	rules_free(&r);
	if (rc) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		return jr_fail(&im->r, e, "definitions: %s", why);
	}
	im->qb = &im->own_qb;
	return AP_OK;
}

static int read_definitions(import *im, ap_err *e)
{
	if (im->accounts_seen)
		return jr_fail(&im->r, e, "definitions must come before accounts");
	int tok = jr_next(&im->r, e), rc = AP_OK, seen = 0;
	if (tok != JR_ARR)
		return expected(im, "definitions", "an array", tok, e);
	for (long i = 0; !rc && (tok = jr_next(&im->r, e)) != JR_ARR_END; i++) {
		char path[48];
		snprintf(path, sizeof path, "definitions[%ld]", i);
		if (tok != JR_OBJ)
			return expected(im, path, "an object", tok, e);
		store_definition d = {0};
		int kind = -1;
		while (!rc && (tok = jr_next(&im->r, e)) == JR_KEY) {
			char key[32];
			snprintf(key, sizeof key, "%s", jr_text(&im->r));
			rc = read_definition_member(im, path, key, &kind, &d, e);
		}
		if (!rc && tok != JR_OBJ_END)
			rc = AP_EINPUT;
		else if (!rc && (kind < 0 || !d.body))
			rc = jr_fail(&im->r, e, "%s: needs a kind and a text", path);
		else if (!rc && (seen & 1 << kind))
			rc = jr_fail(&im->r, e, "%s: a second %s", path, def_kinds[kind]);
		if (!rc) {
			seen |= 1 << kind;
			rc = apply_definition(im, path, kind, &d, e);
		}
		store_definition_clear(&d);
	}
	if (!rc && tok == JR_ERROR)
		rc = AP_EINPUT;
	return !rc && im->o->defs ? reload_definitions(im, e) : rc;
}

static int read_document(import *im, ap_err *e)
{
	int tok = jr_next(&im->r, e), rc = AP_OK, marked = 0;
	long schema;
	if (tok != JR_OBJ)
		return expected(im, "document", "an acctplan export (a JSON object)", tok, e);
	while (!rc && (tok = jr_next(&im->r, e)) == JR_KEY) {
		const char *key = jr_text(&im->r);
		if (strcmp(key, "acctplan_export") == 0) {
			rc = read_format(im, e);
			marked = 1;
		} else if (!marked) {
			rc = jr_fail(&im->r, e, "not an acctplan export: it must begin with \"acctplan_export\": %d", PORT_FORMAT);
		} else if (strcmp(key, "schema") == 0) {
			rc = read_version(im, "schema", 1, STORE_SCHEMA_VERSION, &schema, e);
		} else if (strcmp(key, "as_of") == 0) {
			rc = read_as_of(im, e);
		} else if (strcmp(key, "definitions") == 0) {
			rc = read_definitions(im, e);
		} else if (strcmp(key, "members") == 0) {
			rc = read_members(im, e);
		} else if (strcmp(key, "accounts") == 0) {
			rc = im->accounts_seen ? jr_fail(&im->r, e, "accounts: given twice") : read_accounts(im, e);
		} else if (strcmp(key, "reviews") == 0) {
			rc = im->accounts_seen ? port_reviews_read(im->reviews, im->shift, e)
			                       : jr_fail(&im->r, e, "reviews must come after accounts, which they name");
		} else {
			rc = jr_fail(&im->r, e, "unknown member \"%s\" (expected acctplan_export, schema, as_of, definitions, "
				"members, accounts, reviews)", key);
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

static void import_free(import *im)
{
	account_reset(im);
	for (int s = 0; s < PORT_NSECTIONS; s++) {
		free(im->sec[s].data);
		free(im->sec[s].pos);
	}
	for (int k = 0; k < REC_NKINDS; k++)
		free(im->ids[k].v);
	free(im->names.v);
	free(im->contact_ids);
	for (size_t i = 0; i < im->nmembers; i++)
		free(im->members[i].key);
	free(im->members);
	port_reviews_free(&im->reviews);
	buf_free(&im->dups);
	if (im->own_qb_loaded)
		qbank_free(&im->own_qb);
	jr_free(&im->r);
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
	im.reviews = port_reviews_new(&im.r);
	store_bulk_fresh(s);
	int rc = store_begin(s, e);
	if (!rc) {
		rc = store_is_empty(s, &im.was_empty, e);
		if (!rc)
			rc = store_bulk_begin(s, e);
		if (!rc) {
			rc = read_document(&im, e);
			if (!rc && im.ndups)
				rc = dups_error(&im, e);
			if (!rc)
				rc = store_bulk_end(s, e);
			else
				store_bulk_abort(s);
			/* Reviews name accounts and answers: stored once they are. */
			if (!rc)
				rc = port_reviews_apply(im.reviews, s, &im.n->reviews, e);
		}
		if (rc || im.o->dry_run)
			store_rollback(s);
		else
			rc = store_commit(s, e);
	}
	store_bulk_fresh_end(s);
	import_free(&im);
	return rc;
}
