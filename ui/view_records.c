/* view_records.c - the customer's competitors and end customers: named
 * records of a few fields each, listed, added, edited and removed the same
 * way, so one table per kind drives one implementation. Editing is a remove
 * and an add in one transaction (the store keeps no other handle on them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

#define REC_MAX_FIELDS 4

struct recv_field {
	const char *label;
	enum form_kind kind;
	const ap_names *choices;
	int optional;
	int width;        /* columns in the list, 0: the rest (the last field only) */
};

struct recv_kind {
	const char *what;     /* "competitor" */
	const char *title;    /* "Competitors" */
	int nf;
	struct recv_field f[REC_MAX_FIELDS];
	/* Rows as strings, nf per row (caller frees each and the array). */
	int (*load)(struct app *a, char ***cells, size_t *rows, ap_err *e);
	int (*add)(struct app *a, char **values, ap_err *e);
	int (*remove)(struct app *a, const char *name, ap_err *e);
};

/* ---- competitors ---- */

static int comp_load(struct app *a, char ***cells, size_t *rows, ap_err *e)
{
	ap_competitors l = {0};
	int rc = store_competitor_list(a->st, a->acct.id, &l, e);
	*cells = xcalloc(l.n * 2 + 1, sizeof **cells);
	for (size_t i = 0; i < l.n; i++) {
		(*cells)[2 * i] = xstrdup(l.v[i].name);
		(*cells)[2 * i + 1] = xstrdup(l.v[i].differentiator);
	}
	*rows = l.n;
	ap_vec_free(&l, ap_competitor_clear);
	return rc;
}

static int comp_add(struct app *a, char **v, ap_err *e)
{
	ap_competitor c = {.account_id = a->acct.id, .name = v[0], .differentiator = v[1] ? v[1] : (char *)""};
	return store_competitor_add(a->st, a->acct.id, &c, e);
}

static int comp_remove(struct app *a, const char *name, ap_err *e)
{
	return store_competitor_remove(a->st, a->acct.id, name, e);
}

static const struct recv_kind competitors = {
	"competitor", "Competitors", 2,
	{{"name", FF_TEXT, NULL, 0, 28}, {"how they differ", FF_TEXT, NULL, 1, 0}},
	comp_load, comp_add, comp_remove,
};

/* ---- end customers ---- */

static int ec_load(struct app *a, char ***cells, size_t *rows, ap_err *e)
{
	ap_endcustomers l = {0};
	int rc = store_endcustomer_list(a->st, a->acct.id, &l, e);
	*cells = xcalloc(l.n * 4 + 1, sizeof **cells);
	for (size_t i = 0; i < l.n; i++) {
		char **r = *cells + 4 * i;
		r[0] = xstrdup(l.v[i].name);
		r[1] = xstrdup(l.v[i].industry);
		r[2] = xstrdup(l.v[i].trend >= 0 ? ap_trends.names[l.v[i].trend] : "");
		r[3] = xstrdup(l.v[i].ask);
	}
	*rows = l.n;
	ap_vec_free(&l, ap_endcustomer_clear);
	return rc;
}

static int ec_add(struct app *a, char **v, ap_err *e)
{
	ap_endcustomer c = {.account_id = a->acct.id, .name = v[0], .industry = v[1] ? v[1] : (char *)"",
		.ask = v[3] ? v[3] : (char *)"", .trend = v[2] ? ap_name_parse(&ap_trends, v[2], NULL) : -1};
	return store_endcustomer_add(a->st, a->acct.id, &c, e);
}

static int ec_remove(struct app *a, const char *name, ap_err *e)
{
	return store_endcustomer_remove(a->st, a->acct.id, name, e);
}

static const struct recv_kind endcustomers = {
	"end customer", "End customers (the customer's customers)", 4,
	{{"name", FF_TEXT, NULL, 0, 24}, {"industry", FF_TEXT, NULL, 1, 18},
	 {"trend", FF_CHOICE, &ap_trends, 1, 10}, {"what they ask for", FF_TEXT, NULL, 1, 0}},
	ec_load, ec_add, ec_remove,
};

/* ---- the view ---- */

struct rec_priv {
	const struct recv_kind *k;
	char **cells;
	size_t rows;
	struct draw_table t;
	char *select;         /* the record to select at the next load (just saved), or NULL */
};

static struct rec_priv *rp(struct view *v) { return v->priv; }

static void free_cells(struct rec_priv *p)
{
	for (size_t i = 0; p->cells && i < p->rows * (size_t)p->k->nf; i++)
		free(p->cells[i]);
	free(p->cells);
	p->cells = NULL;
	p->rows = 0;
}

static int rec_open(struct view *v, ap_err *e)
{
	struct rec_priv *p = rp(v);
	if (!p->k)
		p->k = v->ops == &view_competitors_ops ? &competitors : &endcustomers;
	free_cells(p);
	int rc = p->k->load(v->app, &p->cells, &p->rows, e);
	v->lines = p->rows;
	const char *names[REC_MAX_FIELDS];
	int base[REC_MAX_FIELDS];
	for (int i = 0; i < p->k->nf; i++) {
		names[i] = p->k->f[i].label;
		base[i] = p->k->f[i].width;
	}
	draw_table_init(&p->t, p->k->nf, names, base);
	p->t.names = NULL;   /* the labels live in the kind's table, named at drawing */
	for (size_t i = 0; i < p->rows * (size_t)p->k->nf; i++)
		draw_table_want(&p->t, (int)(i % (size_t)p->k->nf), p->cells[i]);
	for (size_t row = 0; p->select && row < p->rows; row++)
		if (strcmp(p->cells[row * (size_t)p->k->nf], p->select) == 0)
			v->sel = row;
	return rc;
}

static void rec_done(struct view *v) { free_cells(rp(v)); }

static void rec_title(struct view *v, char *buf, size_t n)
{
	snprintf(buf, n, "%s of %s  (%zu)", rp(v)->k->title, v->app->acct.name, rp(v)->rows);
}

static void rec_head(struct view *v, int y, int x, int w)
{
	struct rec_priv *p = rp(v);
	const char *names[REC_MAX_FIELDS];
	for (int i = 0; i < p->k->nf; i++)
		names[i] = p->k->f[i].label;
	draw_table_fit(&p->t, w);
	draw_heading(y, x, w, names, p->t.width, p->k->nf);
}

static void rec_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct rec_priv *p = rp(v);
	struct draw_col c[REC_MAX_FIELDS];
	for (int i = 0; i < p->k->nf; i++)
		c[i] = (struct draw_col){p->cells[row * (size_t)p->k->nf + (size_t)i], p->t.width[i]};
	draw_columns(y, x, w, c, p->k->nf, selected ? TH_SELECTED : TH_NORMAL);
}

struct rec_write {
	const struct recv_kind *k;
	char *old_name;                 /* the record replaced, NULL when adding */
	char *values[REC_MAX_FIELDS];
};

static void rec_write_free(void *d)
{
	struct rec_write *w = d;
	free(w->old_name);
	for (int i = 0; i < REC_MAX_FIELDS; i++)
		free(w->values[i]);
	free(w);
}

static int rec_save(struct app *a, void *d, ap_err *e)
{
	struct rec_write *w = d;
	int rc = store_begin(a->st, e);
	if (!rc && w->old_name)
		rc = w->k->remove(a, w->old_name, e);
	if (!rc)
		rc = w->k->add(a, w->values, e);
	if (!rc)
		return store_commit(a->st, e);
	store_rollback(a->st);
	return rc;
}

static int rec_delete(struct app *a, void *d, ap_err *e)
{
	struct rec_write *w = d;
	return w->k->remove(a, w->old_name, e);
}

static void rec_form(struct view *v, long row)
{
	struct rec_priv *p = rp(v);
	const struct recv_kind *k = p->k;
	struct form_field f[REC_MAX_FIELDS];
	for (int i = 0; i < k->nf; i++) {
		const char *cur = row >= 0 ? p->cells[(size_t)row * (size_t)k->nf + (size_t)i] : NULL;
		f[i] = (struct form_field){k->f[i].label, k->f[i].kind, k->f[i].choices, NULL, 0,
			k->f[i].optional, cur && *cur ? xstrdup(cur) : NULL};
	}
	char title[64];
	snprintf(title, sizeof title, "%s %s", row >= 0 ? "edit" : "new", k->what);
	if (input_form(v->app, title, f, k->nf)) {
		struct rec_write *w = xcalloc(1, sizeof *w);
		w->k = k;
		w->old_name = row >= 0 ? xstrdup(p->cells[(size_t)row * (size_t)k->nf]) : NULL;
		for (int i = 0; i < k->nf; i++) {
			w->values[i] = f[i].value;
			f[i].value = NULL;
		}
		char what[200];
		snprintf(what, sizeof what, "%s '%s'", k->what, w->values[0]);
		p->select = xstrdup(w->values[0]);   /* the reload after the write shows it selected */
		ui_write(v->app, v->app->acct.id, what, rec_save, w, rec_write_free);
		free(p->select);
		p->select = NULL;
	}
	form_free(f, k->nf);
}

static void rec_remove_ask(struct view *v, long row)
{
	struct rec_priv *p = rp(v);
	const char *name = p->cells[(size_t)row * (size_t)p->k->nf];
	if (!input_confirm(v->app, "remove %s '%s'?", p->k->what, name))
		return;
	struct rec_write *w = xcalloc(1, sizeof *w);
	w->k = p->k;
	w->old_name = xstrdup(name);
	char what[200];
	snprintf(what, sizeof what, "removed %s '%s'", p->k->what, name);
	ui_write(v->app, v->app->acct.id, what, rec_delete, w, rec_write_free);
}

/* "name: ...\nindustry: ..." for the fields the record has; caller frees. */
static char *record_text(const struct rec_priv *p, size_t row)
{
	ap_buf b = {0};
	buf_puts(&b, "");
	for (int i = 0; i < p->k->nf; i++) {
		const char *cell = p->cells[row * (size_t)p->k->nf + (size_t)i];
		if (*cell)
			buf_printf(&b, "%s%s: %s", b.len ? "\n" : "", p->k->f[i].label, cell);
	}
	return buf_steal(&b);
}

/* The selected record whole, in the room under the list. */
static void rec_detail(struct view *v, int y, int x, int h, int w)
{
	long row = view_selected(v);
	if (row < 0)
		return;
	char *text = record_text(rp(v), (size_t)row);
	view_draw_text(y, x + 1, w - 2, h, text, TH_NORMAL);
	free(text);
}

static void rec_read(struct view *v, long row)
{
	struct rec_priv *p = rp(v);
	char title[256], *text = record_text(p, (size_t)row);
	snprintf(title, sizeof title, "%s of %s: %s", p->k->title, v->app->acct.name, p->cells[(size_t)row * (size_t)p->k->nf]);
	view_read_open(v->app, title, text);
	free(text);
}

static int rec_key(struct view *v, int action, int key)
{
	(void)key;
	long row = view_selected(v);
	switch (action) {
	case ACT_READ:
		if (row >= 0)
			rec_read(v, row);
		return 1;
	case ACT_ADD: rec_form(v, -1); return 1;
	case ACT_ENTER:
	case ACT_EDIT:
		if (row >= 0)
			rec_form(v, row);
		return 1;
	case ACT_REMOVE:
		if (row >= 0)
			rec_remove_ask(v, row);
		return 1;
	default: return 0;
	}
}

static const int rec_hints[] = {ACT_ADD, ACT_ENTER, ACT_REMOVE, ACT_NOTE, ACT_CLOSE, ACT_HELP, ACT_NONE};

#define REC_OPS(var, vname) \
	const struct view_ops var = { \
		.name = vname, .flags = VIEW_ACCOUNT, .priv_size = sizeof(struct rec_priv), \
		.open = rec_open, .draw_row = rec_draw_row, .draw_head = rec_head, .draw_detail = rec_detail, \
		.title = rec_title, \
		.key = rec_key, .done = rec_done, .hints = rec_hints, .enter_hint = "edit", \
	};
REC_OPS(view_competitors_ops, "competitors")
REC_OPS(view_endcustomers_ops, "endcustomers")
