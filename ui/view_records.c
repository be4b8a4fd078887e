/* view_records.c - the customer's competitors and end customers, the gives
 * and takes and the advocacy of the account: records of a few fields each,
 * listed, added, edited and removed the same way, so one implementation
 * serves them all: the kind's table (record.h) gives
 * the fields listed and asked for, this view the widths and headings. An
 * edit changes the record in place with the version it was read at
 * (recedit.h): its id stays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "recedit.h"
#include "theme.h"
#include "view.h"

struct recv_kind {
	enum rec_kind_id id;
	const char *title;    /* "Competitors" */
	/* The listing's columns, the name first: headed by the key ("name")
	 * where the view's title says whose, else by the label ("how they differ"). */
	struct recedit_col cols[RECEDIT_MAX];
	int ncols;
	/* The account's records, an array of *n structs of the kind (caller frees). */
	int (*load)(struct app *a, void **rows, size_t *n, ap_err *e);
	int balance;          /* the title gives the twelve months' give and take */
};

static int comp_load(struct app *a, void **rows, size_t *n, ap_err *e)
{
	ap_competitors l = {0};
	int rc = store_competitor_list(a->st, a->acct.id, &l, e);
	*rows = l.v;
	*n = l.n;
	return rc;
}

static const struct recv_kind competitors = {
	REC_COMPETITOR, "Competitors", {{28, 0}, {0, 1}}, 2, comp_load, 0,
};

static int ec_load(struct app *a, void **rows, size_t *n, ap_err *e)
{
	ap_endcustomers l = {0};
	int rc = store_endcustomer_list(a->st, a->acct.id, &l, e);
	*rows = l.v;
	*n = l.n;
	return rc;
}

static const struct recv_kind endcustomers = {
	REC_ENDCUSTOMER, "End customers (the customer's customers)", {{24, 0}, {18, 0}, {10, 0}, {0, 1}}, 4, ec_load, 0,
};

static int xch_load(struct app *a, void **rows, size_t *n, ap_err *e)
{
	ap_exchanges l = {0};
	int rc = store_exchange_list(a->st, a->acct.id, &l, e);
	*rows = l.v;
	*n = l.n;
	return rc;
}

/* The listing's date account direction kind by text, the account being the view's. */
static const struct recv_kind exchanges = {
	REC_EXCHANGE, "Gives and takes", {{10, 0}, {RECEDIT_HIDDEN, 0}, {9, 0}, {14, 0}, {16, 0}, {0, 0}}, 6, xch_load,
	1,
};

static int adv_load(struct app *a, void **rows, size_t *n, ap_err *e)
{
	ap_advocacies l = {0};
	int rc = store_advocacy_list(a->st, a->acct.id, &l, e);
	*rows = l.v;
	*n = l.n;
	return rc;
}

/* date account kind contact consent_until text */
static const struct recv_kind advocacy = {
	REC_ADVOCACY, "Advocacy", {{10, 0}, {RECEDIT_HIDDEN, 0}, {14, 0}, {18, 0}, {13, 0}, {0, 0}}, 6, adv_load, 0,
};

/* ---- the view ---- */

struct rec_priv {
	const struct recv_kind *k;
	struct recedit_list cols;
	void *rows;           /* the records, structs of the kind */
	size_t n;
	struct draw_table t;
	char *select;         /* the record to select at the next load (just saved), or NULL */
};

static struct rec_priv *rp(struct view *v) { return v->priv; }

static void *record(const struct rec_priv *p, size_t row)
{
	return (char *)p->rows + row * rec_kinds[p->k->id].size;
}

/* Column i of a row as shown. */
static const char *cell(const struct rec_priv *p, size_t row, int i)
{
	return recedit_cell(p->cols.f[i], record(p, row));
}

static void free_rows(struct rec_priv *p)
{
	for (size_t i = 0; i < p->n; i++)
		rec_clear(&rec_kinds[p->k->id], record(p, i));
	free(p->rows);
	p->rows = NULL;
	p->n = 0;
}

static int rec_open(struct view *v, ap_err *e)
{
	struct rec_priv *p = rp(v);
	static const struct { const struct view_ops *ops; const struct recv_kind *k; } kinds[] = {
		{&view_competitors_ops, &competitors}, {&view_endcustomers_ops, &endcustomers},
		{&view_exchange_ops, &exchanges}, {&view_advocacy_ops, &advocacy},
	};
	for (size_t i = 0; !p->k && i < sizeof kinds / sizeof kinds[0]; i++)
		if (v->ops == kinds[i].ops)
			p->k = kinds[i].k;
	free_rows(p);
	int rc = p->k->load(v->app, &p->rows, &p->n, e);
	v->lines = p->n;
	recedit_list(p->k->id, p->k->cols, p->k->ncols, &p->cols);
	draw_table_init(&p->t, p->cols.n, p->cols.head, p->cols.width);
	for (size_t row = 0; row < p->n; row++)
		for (int i = 0; i < p->cols.n; i++)
			draw_table_want(&p->t, i, cell(p, row, i));
	for (size_t row = 0; p->select && row < p->n; row++)
		if (strcmp(cell(p, row, 0), p->select) == 0)
			v->sel = row;
	return rc;
}

static void rec_done(struct view *v) { free_rows(rp(v)); }

static long long rec_row_id(struct view *v, size_t row)
{
	return *(const long long *)rec_cslot(rec_id_field(&rec_kinds[rp(v)->k->id]), record(rp(v), row));
}

static void rec_title(struct view *v, char *buf, size_t n)
{
	struct app *a = v->app;
	ap_buf b = {0};
	buf_puts(&b, "");
	if (rp(v)->k->balance) {   /* the app's, reloaded with the account after each write */
		buf_puts(&b, ": 12 months ");
		reciprocity_text(&a->give_take, &b);
	}
	snprintf(buf, n, "%s of %s  (%zu)%s", rp(v)->k->title, a->acct.name, rp(v)->n, b.s);
	buf_free(&b);
}

static void rec_head(struct view *v, int y, int x, int w)
{
	struct rec_priv *p = rp(v);
	draw_table_fit(&p->t, w);
	draw_table_head(&p->t, y, x, w);
}

static void rec_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct rec_priv *p = rp(v);
	struct draw_col c[RECEDIT_MAX];
	for (int i = 0; i < p->cols.n; i++)
		c[i] = (struct draw_col){cell(p, row, i), p->t.width[i]};
	draw_columns(y, x, w, c, p->cols.n, selected ? TH_SELECTED : TH_NORMAL);
}

/* Ask for a record, new (row < 0) or the one of row changed in place. */
static void rec_form(struct view *v, long row)
{
	struct rec_priv *p = rp(v);
	const struct recv_kind *k = p->k;
	void *rec = row >= 0 ? recedit_dup(k->id, record(p, (size_t)row)) : recedit_new(k->id);
	char title[64];
	snprintf(title, sizeof title, "%s %s", row >= 0 ? "edit" : "new", rec_kinds[k->id].name);
	if (recedit_form_of(v->app, title, k->id, rec)) {
		const char *name = recedit_cell(p->cols.f[0], rec);
		char what[200];
		snprintf(what, sizeof what, "%s '%s'", rec_kinds[k->id].name, name);
		p->select = xstrdup(name);   /* the reload after the write shows it selected */
		recedit_save(v->app, k->id, v->app->acct.id, rec, what, NULL);
		free(p->select);
		p->select = NULL;
	} else {
		recedit_free(k->id, rec);
	}
}

static void rec_remove_ask(struct view *v, long row)
{
	struct rec_priv *p = rp(v);
	const char *what = rec_kinds[p->k->id].name, *name = cell(p, (size_t)row, 0);
	if (!input_confirm(v->app, "remove %s '%s'?", what, name))
		return;
	char done[200];
	snprintf(done, sizeof done, "removed %s '%s'", what, name);
	recedit_remove(v->app, p->k->id, v->app->acct.id, record(p, (size_t)row), done, NULL);
}

/* "name: ...\nindustry: ..." for the fields the record has; caller frees. */
static char *record_text(const struct rec_priv *p, size_t row)
{
	ap_buf b = {0};
	buf_puts(&b, "");
	for (int i = 0; i < p->cols.n; i++) {
		const char *text = cell(p, row, i);
		if (*text)
			buf_printf(&b, "%s%s: %s", b.len ? "\n" : "", p->cols.head[i], text);
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
	snprintf(title, sizeof title, "%s of %s: %s", p->k->title, v->app->acct.name, cell(p, (size_t)row, 0));
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
		.key = rec_key, .done = rec_done, .row_id = rec_row_id, .hints = rec_hints, .enter_hint = "edit", \
	};
REC_OPS(view_competitors_ops, "competitors")
REC_OPS(view_endcustomers_ops, "endcustomers")
REC_OPS(view_exchange_ops, "exchange")
REC_OPS(view_advocacy_ops, "advocacy")
