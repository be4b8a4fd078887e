/* recedit.c - forms and writes over record kinds, from their tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/store.h"
#include "app.h"
#include "recedit.h"

static const char *const yes_no[] = {"yes", "no"};


void *recedit_new(enum rec_kind_id k)
{
	void *rec = xcalloc(1, rec_kinds[k].size);
	rec_defaults(&rec_kinds[k], rec);
	return rec;
}

void *recedit_dup(enum rec_kind_id k, const void *rec)
{
	const rec_kind *kind = &rec_kinds[k];
	void *copy = xcalloc(1, kind->size);
	memcpy(copy, rec, kind->size);
	for (int i = 0; i < kind->nfields; i++)
		if (rec_is_string(kind->fields[i].type)) {
			char **s = rec_slot(&kind->fields[i], copy);
			*s = *s ? xstrdup(*s) : NULL;
		}
	return copy;
}

void recedit_free(enum rec_kind_id k, void *rec)
{
	if (!rec)
		return;
	rec_clear(&rec_kinds[k], rec);
	free(rec);
}

static long long *id_of(enum rec_kind_id k, void *rec)
{
	return rec_slot(rec_field_by_key(&rec_kinds[k], "id"), rec);
}

/* The version rec was read at; 0 for a new record and for kinds without one. */
static long long version_of(enum rec_kind_id k, const void *rec)
{
	const rec_field *f = rec_field_by_key(&rec_kinds[k], "version");
	return f ? *(const long long *)rec_cslot(f, rec) : 0;
}

/* ---- forms ---- */

/* The form field asking for field f, starting from rec's value. */
static struct form_field form_field_of(const rec_field *f, const void *rec)
{
	const void *slot = rec_cslot(f, rec);
	struct form_field ff = {.label = f->label, .kind = FF_TEXT, .field = f};
	const char *cur = NULL;
	int v;
	switch (f->type) {
	case RT_ENUM:
		v = *(const int *)slot;
		ff.kind = FF_CHOICE;
		ff.choices = f->names;
		ff.optional = (f->flags & RF_NULL) != 0;
		cur = v >= 0 && v < f->names->count ? f->names->names[v] : NULL;
		break;
	case RT_BOOL:
		ff.kind = FF_CHOICE;
		ff.options = yes_no;
		ff.noptions = 2;
		cur = yes_no[*(const int *)slot ? 0 : 1];
		break;
	case RT_DATE:
	case RT_TEXT:
	case RT_TAGS:
		ff.kind = f->type == RT_DATE ? FF_DATE : FF_TEXT;
		ff.optional = !(f->flags & (RF_REQ | RF_NONEMPTY));
		cur = *(char *const *)slot;
		break;
	case RT_NAMES:   /* one line, the names separated by commas */
		ff.kind = FF_TEXT;
		ff.optional = 1;
		ff.value = rec_names_joined(*(char *const *)slot, ", ");
		if (!*ff.value) {
			free(ff.value);
			ff.value = NULL;
		}
		return ff;
	default:   /* ids, numbers and stamps are not asked in forms */
		break;
	}
	ff.value = cur && *cur ? xstrdup(cur) : NULL;
	return ff;
}

int recedit_fields(enum rec_kind_id k, const void *rec, struct form_field *f, int max)
{
	const rec_field *pick[RECEDIT_MAX];
	unsigned must;
	int n = rec_pick(&rec_kinds[k], rec_kinds[k].form, pick, &must, max < RECEDIT_MAX ? max : RECEDIT_MAX);
	for (int i = 0; i < n; i++) {
		f[i] = form_field_of(pick[i], rec);
		if (must & 1u << i)
			f[i].optional = 0;
	}
	return n;
}

/* Put the answer of form field ff into rec, as the field's type holds it. */
static void put_answer(const struct form_field *ff, void *rec)
{
	void *slot = rec_slot(ff->field, rec);
	switch (ff->field->type) {
	case RT_ENUM: *(int *)slot = form_choice(ff); break;
	case RT_BOOL: *(int *)slot = form_choice(ff) == 0; break;
	case RT_DATE:
	case RT_TEXT:
	case RT_TAGS:
		free(*(char **)slot);
		*(char **)slot = xstrdup(ff->value ? ff->value : "");
		break;
	case RT_NAMES:
		free(*(char **)slot);
		*(char **)slot = rec_names_split(ff->value);
		break;
	default: break;
	}
}

/* Did the form change field f of rec from what `before` had? */
static int field_changed(const rec_field *f, const void *before, const void *rec)
{
	const void *x = rec_cslot(f, before), *y = rec_cslot(f, rec);
	if (rec_is_string(f->type))
		return strcmp(*(char *const *)x ? *(char *const *)x : "", *(char *const *)y ? *(char *const *)y : "") != 0;
	return f->type == RT_ENUM || f->type == RT_BOOL ? *(const int *)x != *(const int *)y : 0;
}

int recedit_form(struct app *a, const char *title, enum rec_kind_id k, void *rec, struct form_field *f, int n)
{
	const rec_kind *kind = &rec_kinds[k];
	void *before = recedit_dup(k, rec);
	char today[11];
	ap_date_format(a->today, today);
	while (input_form(a, title, f, n)) {
		ap_err e = {0};
		unsigned long long given = 0;
		for (int i = 0; i < n; i++)
			put_answer(&f[i], rec);
		/* What the person changed counts as given (a status left as it was is the settle's to decide). */
		for (int i = 0; i < kind->nfields && i < 64; i++)
			if (field_changed(&kind->fields[i], before, rec))
				given |= 1ULL << i;
		if ((!kind->settle || kind->settle(rec, given, today, REC_BY_LABEL, &e) == AP_OK) &&
		    rec_check(kind, rec, REC_BY_LABEL, &e) == AP_OK) {
			recedit_free(k, before);
			return 1;
		}
		/* Fields that do not go together (news shared, but no news): the
		 * message shows over the form, asked again with the answers kept. */
		ui_error(a, &e);
	}
	recedit_free(k, before);
	return 0;
}

int recedit_form_of(struct app *a, const char *title, enum rec_kind_id k, void *rec)
{
	struct form_field f[RECEDIT_MAX];
	int n = recedit_fields(k, rec, f, RECEDIT_MAX);
	int ok = recedit_form(a, title, k, rec, f, n);
	form_free(f, n);
	return ok;
}

/* ---- listings ---- */

void recedit_list(enum rec_kind_id k, const struct recedit_col *cols, int ncols, struct recedit_list *l)
{
	const rec_kind *kind = &rec_kinds[k];
	const rec_field *f[RECEDIT_MAX];
	int n = rec_pick(kind, kind->list, f, NULL, RECEDIT_MAX);
	if (n != ncols) {
		fprintf(stderr, "acctplan: bug: the %s listing has %d columns, its view %d\n", kind->name, n, ncols);
		abort();
	}
	l->n = 0;
	for (int i = 0; i < n; i++)
		if (cols[i].width != RECEDIT_HIDDEN) {
			l->f[l->n] = f[i];
			l->head[l->n] = cols[i].by_label ? f[i]->label : f[i]->key;
			l->width[l->n++] = cols[i].width;
		}
}

const char *recedit_cell(const rec_field *f, const void *rec)
{
	const void *slot = rec_cslot(f, rec);
	int v;
	switch (f->type) {
	case RT_ENUM:
		v = *(const int *)slot;
		return v >= 0 && v < f->names->count ? f->names->names[v] : "";
	case RT_BOOL: return yes_no[*(const int *)slot ? 0 : 1];
	case RT_TEXT:
	case RT_DATE:
	case RT_STAMP:
	case RT_TAGS: return *(char *const *)slot ? *(char *const *)slot : "";
	case RT_NAMES:
	case RT_REAL: {
		/* Made for the screen, in one of a few slots taken in turn: valid
		 * until as many calls later, so the conflict screen can compare a
		 * field's two sides. A number not given shows nothing, as a text. */
		static char *made[4];
		static int next;
		char **out = &made[next++ % 4];
		double d = f->type == RT_REAL ? *(const double *)slot : 0;
		free(*out);
		*out = f->type == RT_NAMES ? rec_names_joined(*(char *const *)slot, ", ")
			: d == d ? xasprintf("%.15g", d) : xstrdup("");
		return *out;
	}
	default: return "";
	}
}

/* ---- writes ---- */

struct rec_write {
	enum rec_kind_id k;
	long long account;
	long long if_version;   /* the version the screen showed; 0: none to check */
	int remove;
	void *rec;
	recedit_done *done;
	const rec_field *merge;   /* the text field a merge in $EDITOR replaces (sides sets it) */
};

static void write_free(void *d)
{
	struct rec_write *w = d;
	recedit_free(w->k, w->rec);
	free(w);
}

static int write_rec(struct app *a, void *d, ap_err *e)
{
	struct rec_write *w = d;
	long long id = *id_of(w->k, w->rec);
	int rc = w->remove ? store_rec_remove(a->st, w->k, w->account, id, w->if_version, e)
		: id ? store_rec_update(a->st, w->k, w->account, w->rec, w->if_version, e)
		: store_rec_add(a->st, w->k, w->account, w->rec, e);
	if (!rc && w->done)
		w->done(a, w->rec);
	return rc;
}

/* "Save mine over theirs": the edit is checked against the version the
 * record has now. When it was removed meanwhile, it is saved as a new one. */
static int rebase(struct app *a, void *d, ap_err *e)
{
	struct rec_write *w = d;
	const rec_kind *k = &rec_kinds[w->k];
	void *now = xcalloc(1, k->size);
	int rc = store_rec_get(a->st, w->k, w->account, *id_of(w->k, w->rec), now, e);
	if (!rc) {
		w->if_version = version_of(w->k, now);
	} else if (rc == AP_EINPUT) {
		rec_clear_meta(k, w->rec);
		w->if_version = 0;
		rc = AP_OK;
	}
	rec_clear(k, now);
	free(now);
	return rc;
}

/* The fields of kind k that a user types, as its form asks them; for a
 * kind without a form (a driver, changed by its what-if), as it is listed. */
static int typed_fields(enum rec_kind_id k, const rec_field **f)
{
	const rec_kind *kind = &rec_kinds[k];
	return rec_pick(kind, kind->form ? kind->form : kind->list, f, NULL, RECEDIT_MAX);
}

/* The record now beside the edit: the fields that differ, who and when; the
 * first text field that differs (else the first text field) is merged. */
static int sides(struct app *a, void *d, struct ui_sides *out, ap_err *e)
{
	struct rec_write *w = d;
	const rec_kind *k = &rec_kinds[w->k];
	long long id = *id_of(w->k, w->rec);
	if (!id)   /* a new record refused: its account is gone */
		return ap_fail(e, AP_EINPUT, "account #%lld is gone", w->account);
	void *now = xcalloc(1, k->size);
	int rc = store_rec_get(a->st, w->k, w->account, id, now, e);
	if (!rc) {
		const rec_field *f[RECEDIT_MAX], *version = rec_version_field(k);
		/* Who and when live in the record's ap_meta, which begins with the version. */
		const ap_meta *meta = version ? rec_cslot(version, now) : NULL;
		int n = typed_fields(w->k, f);
		w->merge = NULL;
		for (int i = 0; i < n; i++) {
			const char *theirs = recedit_cell(f[i], now), *mine = recedit_cell(f[i], w->rec);
			int text = f[i]->type == RT_TEXT;
			if (strcmp(theirs, mine) != 0) {
				buf_printf(&out->theirs, "%s: %s\n", f[i]->label, theirs);
				buf_printf(&out->mine, "%s: %s\n", f[i]->label, mine);
			}
			if (text && (!w->merge || (strcmp(theirs, mine) != 0 && !out->their_text))) {
				w->merge = f[i];
				free(out->their_text);
				free(out->my_text);
				out->their_text = strcmp(theirs, mine) != 0 ? xstrdup(theirs) : NULL;
				out->my_text = xstrdup(mine);
			}
		}
		if (!out->theirs.s) {   /* only its version moved: the same fields as yours */
			buf_puts(&out->theirs, "(every field you edited reads as yours)\n");
			buf_puts(&out->mine, "(the same)\n");
		}
		if (w->merge && !out->their_text)
			out->their_text = xstrdup(recedit_cell(w->merge, now));
		snprintf(out->who, sizeof out->who, "%s", meta && meta->updated_by ? meta->updated_by : "");
		snprintf(out->when, sizeof out->when, "%s", meta && meta->updated_at ? meta->updated_at : "");
	}
	rec_clear(k, now);
	free(now);
	return rc;
}

static int merged(struct app *a, void *d, char *text, ap_err *e)
{
	(void)a;
	struct rec_write *w = d;
	int rc = !w->merge ? ap_fail(e, AP_EINPUT, "this %s has no text to merge", rec_kinds[w->k].name)
		: form_check(w->merge, text, e);
	if (rc) {
		free(text);
		return rc;
	}
	char **slot = rec_slot(w->merge, w->rec);
	free(*slot);
	*slot = text;
	return AP_OK;
}

static char *typed(struct app *a, void *d)
{
	(void)a;
	struct rec_write *w = d;
	const rec_field *f[RECEDIT_MAX];
	int n = typed_fields(w->k, f);
	ap_buf b = {0};
	for (int i = 0; i < n; i++)
		if (*recedit_cell(f[i], w->rec))
			buf_printf(&b, "%s: %s\n", f[i]->label, recedit_cell(f[i], w->rec));
	return b.s ? buf_steal(&b) : xstrdup("");
}

static const struct ui_edit_ops edit_ops = {rebase, sides, merged, typed};

static int start(struct app *a, enum rec_kind_id k, long long account, void *rec, const char *what,
	recedit_done *done, int remove)
{
	struct rec_write *w = xcalloc(1, sizeof *w);
	*w = (struct rec_write){k, account, version_of(k, rec), remove, rec, done, NULL};
	/* A removal carries nothing typed: refused, it is not kept. */
	return ui_write_edit(a, account, what, write_rec, w, write_free, remove ? NULL : &edit_ops);
}

int recedit_save(struct app *a, enum rec_kind_id k, long long account, void *rec, const char *what,
	recedit_done *saved)
{
	return start(a, k, account, rec, what, saved, 0);
}

int recedit_remove(struct app *a, enum rec_kind_id k, long long account, const void *rec, const char *what,
	recedit_done *removed)
{
	return start(a, k, account, recedit_dup(k, rec), what, removed, 1);
}
