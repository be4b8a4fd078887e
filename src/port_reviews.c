/* port_reviews.c - reviews out to the export document and back in (see
 * port_reviews.h for the shape). A review spans accounts, so it follows
 * them in the document and is stored after them; what the accounts' actions
 * and snoozes say of it is linked then. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/text.h"
#include "port_reviews.h"

int port_shift_day(char *slot, long shift)
{
	char day[11];
	long days, moved;
	if (!shift || !slot || strlen(slot) < 10)
		return 0;
	snprintf(day, sizeof day, "%.10s", slot);
	if (ap_date_parse(day, &days) != 0)
		return 0;
	if (ap_date_add(days, shift, &moved) != 0)
		return -1;
	ap_date_format(moved, day);
	memcpy(slot, day, 10);
	return 0;
}

/* ---- export ---- */

static void names_array(json_w *w, const char *key, const char *lines)
{
	jw_key(w, key);
	jw_arr(w);
	for (const char *p = lines ? lines : ""; *p;) {
		size_t n = strcspn(p, "\n");
		char *one = xstrndup(p, n);
		jw_str(w, one);
		free(one);
		p += n + (p[n] == '\n');
	}
	jw_arr_end(w);
}

static void export_account(json_w *w, const ap_review_account *a, const ap_decisions *d, const ap_confirmations *c)
{
	jw_obj(w);
	jw_kstr(w, "account", a->account);
	jw_kstr(w, "state", ap_rstates.names[a->state]);
	jw_kstr(w, "at", *a->done_at ? a->done_at : NULL);
	jw_kstr(w, "by", a->done_by);
	jw_key(w, "decisions");
	jw_arr(w);
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].account_id == a->account_id) {
			jw_obj(w);
			jw_kstr(w, "text", d->v[i].text);
			jw_kstr(w, "by", d->v[i].by);
			jw_kstr(w, "at", d->v[i].at);
			jw_obj_end(w);
		}
	jw_arr_end(w);
	jw_key(w, "confirmed");
	jw_arr(w);
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].account_id == a->account_id) {
			jw_obj(w);
			jw_kstr(w, "question", c->v[i].question);
			jw_kstr(w, "answer_date", c->v[i].answer_date);
			jw_kstr(w, "on", c->v[i].on);
			jw_kstr(w, "by", c->v[i].by);
			jw_obj_end(w);
		}
	jw_arr_end(w);
	jw_obj_end(w);
}

static int export_review(store *s, json_w *w, const ap_review *r, ap_err *e)
{
	ap_review_accounts accs = {0};
	ap_decisions dec = {0};
	ap_confirmations conf = {0};
	int rc = store_review_accounts(s, r->id, &accs, e);
	if (!rc)
		rc = store_review_decisions(s, r->id, 0, &dec, e);
	if (!rc)
		rc = store_review_confirmations(s, r->id, &conf, e);
	if (!rc) {
		jw_obj(w);
		jw_kint(w, "id", r->id);
		jw_kstr(w, "date", r->date);
		jw_kstr(w, "segment", r->segment >= 0 ? ap_segments.names[r->segment] : NULL);
		jw_kstr(w, "tier", r->tier >= 0 ? ap_tiers.names[r->tier] : NULL);
		jw_kstr(w, "status", ap_rstatuses.names[r->status]);
		jw_kstr(w, "closed", *r->closed ? r->closed : NULL);
		jw_kstr(w, "by", r->by);
		names_array(w, "with", r->with);
		jw_key(w, "accounts");
		jw_arr(w);
		for (size_t i = 0; i < accs.n; i++)
			export_account(w, &accs.v[i], &dec, &conf);
		jw_arr_end(w);
		jw_obj_end(w);
	}
	ap_vec_free(&accs, ap_review_account_clear);
	ap_vec_free(&dec, ap_decision_clear);
	ap_vec_free(&conf, ap_confirmation_clear);
	return rc;
}

int port_reviews_export(store *s, json_w *w, ap_err *e)
{
	ap_reviews all = {0};
	int rc = store_review_list(s, -1, &all, e);
	if (!rc && all.n) {
		jw_key(w, "reviews");
		jw_arr(w);
		for (size_t i = 0; !rc && i < all.n; i++)
			rc = export_review(s, w, &all.v[i], e);
		jw_arr_end(w);
	}
	ap_vec_free(&all, ap_review_clear);
	return rc;
}

/* ---- import: reading ---- */

struct rdec { char *text, *by, *at; };
struct rconf { char *question, *answer_date, *on, *by; };
struct racct {
	char *account, *at, *by;
	int state;
	AP_VEC(struct rdec) dec;
	AP_VEC(struct rconf) conf;
	long line, col;
};
struct rrev {
	long long file_id, id;
	ap_review r;
	AP_VEC(char *) with;
	AP_VEC(struct racct) acc;
	long line, col;
};
struct rlink {
	enum rec_kind_id kind;
	long long id, file_id;
	char *path;
	long line, col;
};
struct port_reviews {
	json_r *r;
	long shift;
	int seen;
	AP_VEC(struct rrev) v;
	AP_VEC(struct rlink) links;
};

port_reviews *port_reviews_new(json_r *r)
{
	port_reviews *p = xcalloc(1, sizeof *p);
	p->r = r;
	return p;
}

static void rdec_clear(struct rdec *d) { free(d->text); free(d->by); free(d->at); }
static void rconf_clear(struct rconf *c) { free(c->question); free(c->answer_date); free(c->on); free(c->by); }
static void str_clear(char **s) { free(*s); }

static void racct_clear(struct racct *a)
{
	free(a->account);
	free(a->at);
	free(a->by);
	ap_vec_free(&a->dec, rdec_clear);
	ap_vec_free(&a->conf, rconf_clear);
}

static void rrev_clear(struct rrev *x)
{
	ap_review_clear(&x->r);
	ap_vec_free(&x->with, str_clear);
	ap_vec_free(&x->acc, racct_clear);
}

static void rlink_clear(struct rlink *l) { free(l->path); }

void port_reviews_free(port_reviews **pp)
{
	port_reviews *p = *pp;
	if (!p)
		return;
	ap_vec_free(&p->v, rrev_clear);
	ap_vec_free(&p->links, rlink_clear);
	free(p);
	*pp = NULL;
}

/* How a member of an object is read: its JSON form and what it must be. */
enum fty { F_TEXT, F_MULTI, F_NAME, F_DATE, F_DATE_NULL, F_STAMP_NULL, F_ENUM, F_ENUM_NULL, F_ID, F_NAMES, F_ARRAY };

struct fspec {
	const char *key;
	int type;
	void *slot;                 /* char **, int *, long long *, or the F_NAMES vector */
	const ap_names *names;      /* F_ENUM */
	int required;
	int (*each)(port_reviews *p, void *ctx, const char *path, ap_err *e);   /* F_ARRAY: one element */
	void *ctx;
};

static int expected(port_reviews *p, const char *path, const char *what, int tok, ap_err *e)
{
	if (tok == JR_ERROR)
		return AP_EINPUT;
	return jr_fail(p->r, e, "%s: expected %s, found %s", path, what, jr_token_name(tok));
}

static int read_text(port_reviews *p, const struct fspec *f, const char *path, int tok, ap_err *e)
{
	ap_err sub;
	if (tok != JR_STR)
		return expected(p, path, "a string", tok, e);
	const char *v = jr_text(p->r);
	if (strlen(v) != jr_len(p->r) || ap_text_check(path, v, f->type == F_MULTI, &sub))
		return jr_fail(p->r, e, "%s", strlen(v) != jr_len(p->r) ? "a string holds a NUL" : sub.msg);
	if (f->type == F_NAME && (!*v || ap_name_check(path, v, &sub)))
		return jr_fail(p->r, e, "%s", *v ? sub.msg : "a name may not be empty");
	free(*(char **)f->slot);
	*(char **)f->slot = xstrdup(v);
	return AP_OK;
}

/* A date or stamp, checked, then moved by the document's shift. */
static int read_day(port_reviews *p, const struct fspec *f, const char *path, int tok, ap_err *e)
{
	ap_err sub;
	long days;
	char **slot = f->slot;
	if (tok == JR_NULL && f->type != F_DATE) {
		free(*slot);
		*slot = xstrdup("");
		return AP_OK;
	}
	if (tok != JR_STR)
		return expected(p, path, f->type == F_STAMP_NULL ? "a timestamp string or null" : "a date string", tok, e);
	const char *v = jr_text(p->r);
	if (f->type == F_STAMP_NULL ? rec_check_stamp(path, v, &sub) : ap_date_check(path, v, &days, &sub))
		return jr_fail(p->r, e, "%s", sub.msg);
	free(*slot);
	*slot = xstrdup(v);
	if (port_shift_day(*slot, p->shift) != 0)
		return jr_fail(p->r, e, "%s: %s would leave the dates acctplan keeps once moved by %ld days", path, v,
			p->shift);
	return AP_OK;
}

static int read_value(port_reviews *p, const struct fspec *f, const char *path, ap_err *e)
{
	int tok = jr_next(p->r, e);
	ap_err sub;
	char at[224];   /* a path of up to 200 bytes and an index */
	switch (f->type) {
	case F_TEXT:
	case F_MULTI:
	case F_NAME:
		return read_text(p, f, path, tok, e);
	case F_DATE:
	case F_DATE_NULL:
	case F_STAMP_NULL:
		return read_day(p, f, path, tok, e);
	case F_ENUM:
	case F_ENUM_NULL:
		if (tok == JR_NULL && f->type == F_ENUM_NULL) {
			*(int *)f->slot = -1;
			return AP_OK;
		}
		if (tok != JR_STR)
			return expected(p, path, "a string", tok, e);
		if ((*(int *)f->slot = ap_name_parse(f->names, jr_text(p->r), &sub)) < 0)
			return jr_fail(p->r, e, "%s: %s", path, sub.msg);
		return AP_OK;
	case F_ID: {
		if (tok != JR_NUM)
			return expected(p, path, "a whole number", tok, e);
		char *end;
		errno = 0;
		long long v = strtoll(jr_text(p->r), &end, 10);
		if (*end || errno || v < 1)
			return jr_fail(p->r, e, "%s: %s is not a whole number from 1 up", path, jr_text(p->r));
		*(long long *)f->slot = v;
		return AP_OK;
	}
	case F_NAMES: {
		AP_VEC(char *) *names = f->slot;
		if (tok != JR_ARR)
			return expected(p, path, "an array of names", tok, e);
		struct fspec one = {path, F_NAME, NULL, NULL, 0, NULL, NULL};
		for (size_t i = 0; (tok = jr_next(p->r, e)) != JR_ARR_END; i++) {
			if (tok == JR_ERROR)
				return AP_EINPUT;
			snprintf(at, sizeof at, "%s[%zu]", path, i);
			char **slot = ap_vec_push(names);
			one.slot = slot;
			if (read_text(p, &one, at, tok, e))
				return AP_EINPUT;
		}
		return AP_OK;
	}
	case F_ARRAY:
		if (tok != JR_ARR)
			return expected(p, path, "an array", tok, e);
		for (size_t i = 0; (tok = jr_next(p->r, e)) != JR_ARR_END; i++) {
			snprintf(at, sizeof at, "%s[%zu]", path, i);
			if (tok != JR_OBJ)
				return expected(p, at, "an object", tok, e);
			if (f->each(p, f->ctx, at, e))
				return AP_EINPUT;
		}
		return AP_OK;
	}
	return AP_OK;
}

/* The members of an object whose '{' was read, each by its spec: known
 * keys only, each once, the required ones present. */
static int read_obj(port_reviews *p, const char *path, const struct fspec *f, int n, ap_err *e)
{
	unsigned seen = 0;
	int tok;
	char at[200];
	while ((tok = jr_next(p->r, e)) == JR_KEY) {
		const char *key = jr_text(p->r);
		int i = 0;
		while (i < n && strcmp(f[i].key, key) != 0)
			i++;
		if (i == n) {
			ap_buf b = {0};
			for (int k = 0; k < n; k++)
				buf_printf(&b, "%s%s", k ? ", " : "", f[k].key);
			jr_fail(p->r, e, "%s: unknown member \"%s\" (expected %s)", path, key, b.s);
			buf_free(&b);
			return AP_EINPUT;
		}
		snprintf(at, sizeof at, "%s.%s", path, f[i].key);
		if (seen & 1u << i)
			return jr_fail(p->r, e, "%s: given twice", at);
		seen |= 1u << i;
		if (read_value(p, &f[i], at, e))
			return AP_EINPUT;
	}
	if (tok != JR_OBJ_END)
		return AP_EINPUT;
	for (int i = 0; i < n; i++)
		if (f[i].required && !(seen & 1u << i))
			return jr_fail(p->r, e, "%s: no \"%s\"", path, f[i].key);
	return AP_OK;
}

static int read_decision(port_reviews *p, void *ctx, const char *path, ap_err *e)
{
	struct racct *a = ctx;
	struct rdec *d = ap_vec_push(&a->dec);
	const struct fspec f[] = {{"text", F_MULTI, &d->text, NULL, 1, NULL, NULL},
		{"by", F_TEXT, &d->by, NULL, 0, NULL, NULL}, {"at", F_STAMP_NULL, &d->at, NULL, 0, NULL, NULL}};
	int rc = read_obj(p, path, f, 3, e);
	if (!rc && !d->text[strspn(d->text, " \t\n")])
		rc = jr_fail(p->r, e, "%s.text: a decision says something", path);
	return rc;
}

static int read_confirmed(port_reviews *p, void *ctx, const char *path, ap_err *e)
{
	struct racct *a = ctx;
	struct rconf *c = ap_vec_push(&a->conf);
	const struct fspec f[] = {{"question", F_TEXT, &c->question, NULL, 1, NULL, NULL},
		{"answer_date", F_DATE, &c->answer_date, NULL, 1, NULL, NULL},
		{"on", F_DATE, &c->on, NULL, 1, NULL, NULL}, {"by", F_TEXT, &c->by, NULL, 0, NULL, NULL}};
	return read_obj(p, path, f, 4, e);
}

static int read_account(port_reviews *p, void *ctx, const char *path, ap_err *e)
{
	struct rrev *x = ctx;
	struct racct *a = ap_vec_push(&x->acc);
	a->line = p->r->tok_line;
	a->col = p->r->tok_col;
	a->state = RSTATE_PENDING;
	const struct fspec f[] = {{"account", F_NAME, &a->account, NULL, 1, NULL, NULL},
		{"state", F_ENUM, &a->state, &ap_rstates, 0, NULL, NULL},
		{"at", F_STAMP_NULL, &a->at, NULL, 0, NULL, NULL}, {"by", F_TEXT, &a->by, NULL, 0, NULL, NULL},
		{"decisions", F_ARRAY, NULL, NULL, 0, read_decision, a},
		{"confirmed", F_ARRAY, NULL, NULL, 0, read_confirmed, a}};
	int rc = read_obj(p, path, f, 6, e);
	if (!rc && (a->state == RSTATE_PENDING) != !(a->at && *a->at))
		rc = jr_fail_at(p->r, a->line, a->col, e, "%s: %s", path, a->state == RSTATE_PENDING
			? "a pending account has no \"at\" yet" : "a reviewed or skipped account says when (\"at\")");
	return rc;
}

static int read_review(port_reviews *p, const char *path, ap_err *e)
{
	struct rrev *x = ap_vec_push(&p->v);
	x->line = p->r->tok_line;
	x->col = p->r->tok_col;
	x->r.segment = x->r.tier = -1;
	x->r.status = RSTATUS_OPEN;
	const struct fspec f[] = {{"id", F_ID, &x->file_id, NULL, 1, NULL, NULL},
		{"date", F_DATE, &x->r.date, NULL, 1, NULL, NULL},
		{"segment", F_ENUM_NULL, &x->r.segment, &ap_segments, 0, NULL, NULL},
		{"tier", F_ENUM_NULL, &x->r.tier, &ap_tiers, 0, NULL, NULL},
		{"status", F_ENUM, &x->r.status, &ap_rstatuses, 0, NULL, NULL},
		{"closed", F_DATE_NULL, &x->r.closed, NULL, 0, NULL, NULL}, {"by", F_TEXT, &x->r.by, NULL, 0, NULL, NULL},
		{"with", F_NAMES, &x->with, NULL, 0, NULL, NULL}, {"accounts", F_ARRAY, NULL, NULL, 1, read_account, x}};
	int rc = read_obj(p, path, f, 9, e);
	for (size_t i = 0; !rc && i + 1 < p->v.n; i++)
		if (p->v.v[i].file_id == x->file_id)
			rc = jr_fail_at(p->r, x->line, x->col, e, "%s.id: review %lld appears more than once", path, x->file_id);
	if (!rc && (x->r.status == RSTATUS_CLOSED) != (x->r.closed && *x->r.closed))
		rc = jr_fail_at(p->r, x->line, x->col, e, "%s: %s", path, x->r.status == RSTATUS_CLOSED
			? "a closed review says when (\"closed\")" : "an open review has no \"closed\" day");
	return rc;
}

int port_reviews_read(port_reviews *p, long shift, ap_err *e)
{
	p->shift = shift;
	if (p->seen++)
		return jr_fail(p->r, e, "reviews: given twice");
	int tok = jr_next(p->r, e);
	if (tok != JR_ARR)
		return expected(p, "reviews", "an array", tok, e);
	char path[48];
	for (size_t i = 0; (tok = jr_next(p->r, e)) != JR_ARR_END; i++) {
		snprintf(path, sizeof path, "reviews[%zu]", i);
		if (tok != JR_OBJ)
			return expected(p, path, "an object", tok, e);
		if (read_review(p, path, e))
			return AP_EINPUT;
	}
	return AP_OK;
}

void port_reviews_link(port_reviews *p, enum rec_kind_id kind, long long id, long long file_id, const char *path,
	long line, long col)
{
	*ap_vec_push(&p->links) = (struct rlink){kind, id, file_id, xstrdup(path), line, col};
}

/* ---- import: storing ---- */

static int apply_account(port_reviews *p, store *s, const struct rrev *x, const struct racct *a, long long account,
	size_t ri, size_t ai, ap_err *e)
{
	int rc = AP_OK;
	for (size_t i = 0; !rc && i < a->dec.n; i++) {
		const struct rdec *d = &a->dec.v[i];
		const char *at = d->at && *d->at ? d->at : a->at && *a->at ? a->at : NULL;
		char day[21];
		if (!at) {
			snprintf(day, sizeof day, "%sT00:00:00Z", x->r.date);
			at = day;
		}
		rc = store_review_decision_put(s, x->id, account, d->text, d->by ? d->by : "", at, e);
	}
	for (size_t i = 0; !rc && i < a->conf.n; i++) {
		const struct rconf *c = &a->conf.v[i];
		if ((rc = store_confirmation_put(s, x->id, account, c->question, c->answer_date, c->by, c->on, e))) {
			char why[sizeof e->msg];
			snprintf(why, sizeof why, "%s", e->msg);
			rc = jr_fail_at(p->r, a->line, a->col, e, "reviews[%zu].accounts[%zu].confirmed[%zu]: %s", ri, ai, i,
				why);
		}
	}
	return rc;
}

static int apply_review(port_reviews *p, store *s, struct rrev *x, size_t ri, ap_err *e)
{
	long long *members = xcalloc(x->with.n + 1, sizeof *members);
	ap_review_account *accs = xcalloc(x->acc.n + 1, sizeof *accs);
	int rc = AP_OK;
	for (size_t i = 0; !rc && i < x->with.n; i++)
		if (store_member_find(s, x->with.v[i], &members[i], e))
			rc = jr_fail_at(p->r, x->line, x->col, e, "reviews[%zu].with[%zu]: no member '%s' in the file or the store",
				ri, i, x->with.v[i]);
	for (size_t i = 0; !rc && i < x->acc.n; i++) {
		const struct racct *a = &x->acc.v[i];
		ap_account acc = {0};
		if (store_account_get(s, a->account, &acc, e))
			rc = jr_fail_at(p->r, a->line, a->col, e, "reviews[%zu].accounts[%zu].account: no account '%s' in the "
				"file or the store", ri, i, a->account);
		accs[i] = (ap_review_account){acc.id, NULL, a->state, a->at, a->by};
		ap_account_clear(&acc);
	}
	if (!rc)
		rc = store_review_put(s, &x->r, members, x->with.n, accs, x->acc.n, &x->id, e);
	for (size_t i = 0; !rc && i < x->acc.n; i++)
		rc = apply_account(p, s, x, &x->acc.v[i], accs[i].account_id, ri, i, e);
	free(members);
	free(accs);
	return rc;
}

int port_reviews_apply(port_reviews *p, store *s, long *n, ap_err *e)
{
	int rc = AP_OK;
	*n = 0;
	for (size_t i = 0; !rc && i < p->v.n; i++)
		if (!(rc = apply_review(p, s, &p->v.v[i], i, e)))
			(*n)++;
	for (size_t i = 0; !rc && i < p->links.n; i++) {
		const struct rlink *l = &p->links.v[i];
		long long to = 0;
		for (size_t k = 0; k < p->v.n && !to; k++)
			if (p->v.v[k].file_id == l->file_id)
				to = p->v.v[k].id;
		rc = to ? store_review_link(s, l->kind, l->id, to, e)
		        : jr_fail_at(p->r, l->line, l->col, e, "%s.review: no review %lld in the file", l->path, l->file_id);
	}
	return rc;
}
