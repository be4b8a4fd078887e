/* view_orgmap.c - the customer's people as a tree by reports-to, with their
 * buying role and which of our tiers holds the relationship; the buying
 * roles the rules expect and nobody fills are shown as gaps below. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/orgmap.h"
#include "app.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "recedit.h"
#include "theme.h"
#include "view.h"

struct org_priv {
	ap_contacts c;
	org_row *rows;        /* the tree, a row a contact */
	size_t n;
	int gaps[ROLE_COUNT]; /* buying roles missing, after the tree */
	int ngaps;
	int held[TIER_COUNT];
	struct recedit_list cols;   /* name (indented by depth), title, buying role, our tier */
	struct draw_table t;
	ap_links lines;       /* beyond reports-to, listed after the gaps */
	store_touches touch;  /* when each contact was last met */
	char *select;         /* the contact to select at the next load (just saved), or NULL */
};

static struct org_priv *op(struct view *v) { return v->priv; }

/* The contact listing's columns: reports-to is the tree itself. */
static const struct recedit_col org_cols[] = {{24, 0}, {16, 0}, {16, 0}, {9, 0}, {RECEDIT_HIDDEN, 0}, {12, 0},
	{15, 0}, {0, 0}, {RECEDIT_HIDDEN, 0}};

/* The org chart's own words for two of a contact's fields, in headings and
 * in the form: a role here is the part played in buying, a tier the one of
 * ours who holds the relationship. NULL: the table's. */
static const char *org_word(const rec_field *f, int form)
{
	if (f->off == offsetof(ap_contact, role))
		return "buying role";
	if (f->off == offsetof(ap_contact, tier))
		return form ? "held by our tier" : "held by";
	return NULL;
}

/* Roles named by the enabled missing_role rules for this account's segment. */
static void expected_roles(struct app *a, int want[ROLE_COUNT])
{
	memset(want, 0, ROLE_COUNT * sizeof *want);
	for (size_t i = 0; i < rules_count(a->rules); i++) {
		rule_info ri;
		rules_get(a->rules, i, &ri);
		if (!ri.enabled || !(ri.segments & (1u << a->acct.segment)))
			continue;
		for (int role = 0; role < ROLE_COUNT; role++)
			want[role] |= (ri.roles & (1u << role)) != 0;
	}
}

/* The name of tree row `row`, indented under the person it reports to. */
static void tree_name(const struct org_priv *p, size_t row, char *buf, size_t n)
{
	int d = p->rows[row].depth > 8 ? 8 : p->rows[row].depth;
	snprintf(buf, n, "%*s%s%s", 2 * d, "", d ? "- " : "", p->c.v[p->rows[row].contact].name);
}

/* Column i of tree row `row`: the name indented in name (room for n). */
static const char *org_cell(const struct org_priv *p, size_t row, int i, char *name, size_t n)
{
	const rec_field *f = p->cols.f[i];
	if (f->off != offsetof(ap_contact, name))
		return recedit_cell(f, &p->c.v[p->rows[row].contact]);
	tree_name(p, row, name, n);
	return name;
}

/* The row after the tree and its gaps: where the lines begin. */
static size_t gaps_end(const struct org_priv *p) { return p->n + (p->ngaps ? 1 + (size_t)p->ngaps : 0); }

static void measure(struct org_priv *p)
{
	recedit_list(REC_CONTACT, org_cols, (int)(sizeof org_cols / sizeof org_cols[0]), &p->cols);
	for (int i = 0; i < p->cols.n; i++)
		if (org_word(p->cols.f[i], 0))
			p->cols.head[i] = org_word(p->cols.f[i], 0);
	draw_table_init(&p->t, p->cols.n, p->cols.head, p->cols.width);
	for (size_t row = 0; row < p->n; row++)
		for (int i = 0; i < p->cols.n; i++) {
			char name[512];
			draw_table_want(&p->t, i, org_cell(p, row, i, name, sizeof name));
		}
}

static int org_open(struct view *v, ap_err *e)
{
	struct org_priv *p = op(v);
	struct app *a = v->app;
	ap_vec_free(&p->c, ap_contact_clear);
	free(p->rows);
	p->rows = NULL;
	p->n = 0;
	ap_vec_free(&p->lines, ap_link_clear);
	p->touch.n = 0;
	int rc = store_contact_list(a->st, a->acct.id, &p->c, e);
	if (!rc)
		rc = store_link_list(a->st, a->acct.id, &p->lines, e);
	if (!rc)
		rc = store_last_touches(a->st, a->acct.id, &p->touch, e);
	p->rows = org_tree(&p->c);
	p->n = p->c.n;
	int want[ROLE_COUNT], have[ROLE_COUNT] = {0};
	memset(p->held, 0, sizeof p->held);
	for (size_t i = 0; i < p->c.n; i++) {
		if (p->c.v[i].role >= 0)
			have[p->c.v[i].role] = 1;
		p->held[p->c.v[i].tier]++;
	}
	expected_roles(a, want);
	p->ngaps = 0;
	for (int r = 0; r < ROLE_COUNT; r++)
		if (want[r] && !have[r])
			p->gaps[p->ngaps++] = r;
	v->lines = gaps_end(p) + (p->lines.n ? 1 + p->lines.n : 0);
	measure(p);
	for (size_t row = 0; p->select && row < p->n; row++)
		if (strcasecmp(p->c.v[p->rows[row].contact].name, p->select) == 0)
			v->sel = row;
	return rc;
}

static void org_done(struct view *v)
{
	struct org_priv *p = op(v);
	ap_vec_free(&p->c, ap_contact_clear);
	ap_vec_free(&p->lines, ap_link_clear);
	free(p->touch.v);
	free(p->rows);
	free(p->select);
}

static void org_title(struct view *v, char *buf, size_t n)
{
	struct org_priv *p = op(v);
	snprintf(buf, n, "Org map of %s  (%zu contacts; ours: sales %d, product %d, executive %d)",
		v->app->acct.name, p->c.n, p->held[TIER_SALES], p->held[TIER_PRODUCT], p->held[TIER_EXEC]);
}

static void org_head(struct view *v, int y, int x, int w)
{
	draw_table_fit(&op(v)->t, w);
	draw_table_head(&op(v)->t, y, x, w);
}

static const ap_contact *selected_contact(struct view *v)
{
	long row = view_selected(v);
	return row >= 0 && (size_t)row < op(v)->n ? &op(v)->c.v[op(v)->rows[row].contact] : NULL;
}

static long long org_row_id(struct view *v, size_t row)
{
	return row < op(v)->n ? op(v)->c.v[op(v)->rows[row].contact].id : 0;
}

/* Under the tree, the selected contact's relationship in words; who of ours
 * holds nobody, or never met them, stands out. */
static void org_detail(struct view *v, int y, int x, int h, int w)
{
	struct org_priv *p = op(v);
	const ap_contact *c = selected_contact(v);
	if (!c || h < 1)
		return;
	const char *met = store_touch_of(&p->touch, c->id);
	char line[700];
	snprintf(line, sizeof line, "%s: held by %s, level %s, stance %s, influence %s, last met %s", c->name,
		*c->owner ? c->owner : "nobody of ours", ap_name(&ap_levels, c->level, "?"), ap_name(&ap_stances, c->stance, "?"),
		ap_name(&ap_influences, c->influence, "not known"), *met ? met : "never");
	draw_text(y, x + 1, w - 1, line, *c->owner && *met ? TH_NORMAL : TH_GAP);
}

static void org_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct org_priv *p = op(v);
	int el = selected ? TH_SELECTED : TH_NORMAL;
	if (row >= gaps_end(p)) {
		size_t l = row - gaps_end(p);
		char text[1100] = "Lines beyond reports-to:";
		if (l > 0)
			org_line_words(&p->lines.v[l - 1], text, sizeof text);
		draw_text(y, x + 1 + 2 * (l > 0), w - 1 - 2 * (l > 0), text, l == 0 ? TH_HEADER : el);
		return;
	}
	if (row >= p->n) {
		size_t g = row - p->n;
		char text[160];
		if (g == 0)
			snprintf(text, sizeof text, "Buying roles nobody is known for:");
		else
			snprintf(text, sizeof text, "  (gap) no %s known", ap_roles.names[p->gaps[g - 1]]);
		draw_text(y, x + 1, w - 1, text, g == 0 ? TH_HEADER : selected ? el : TH_GAP);
		return;
	}
	char names[RECEDIT_MAX][512];
	struct draw_col cols[RECEDIT_MAX];
	for (int i = 0; i < p->cols.n; i++)
		cols[i] = (struct draw_col){org_cell(p, row, i, names[i], sizeof names[i]), p->t.width[i]};
	draw_columns(y, x, w, cols, p->cols.n, el);
}

/* ---- editing ---- */

/* Ask for a contact, new (cur NULL) or cur changed in place: its id stays,
 * so the people who report to them still do after a rename. */
static void contact_form(struct view *v, const ap_contact *cur)
{
	struct org_priv *p = op(v);
	struct app *a = v->app;
	const char **people = xcalloc(p->c.n + 1, sizeof *people);
	int np = 0;
	for (size_t i = 0; i < p->c.n; i++)
		if (!cur || p->c.v[i].id != cur->id)
			people[np++] = p->c.v[i].name;
	/* The owner is one of our members, picked rather than typed: one still
	 * active, or the one who holds the contact already. */
	ap_members team = {0};
	ap_err sub;
	(void)store_member_list(a->st, &team, &sub);
	const char **members = xcalloc(team.n + 1, sizeof *members);
	int nm = 0;
	for (size_t i = 0; i < team.n; i++)
		if (team.v[i].active || (cur && cur->owner_id == team.v[i].id))
			members[nm++] = team.v[i].name;
	ap_contact *c = cur ? recedit_dup(REC_CONTACT, cur) : recedit_new(REC_CONTACT);
	if (!cur)
		c->tier = a->cfg.user_tier;
	struct form_field f[RECEDIT_MAX];
	int n = recedit_fields(REC_CONTACT, c, f, RECEDIT_MAX);
	for (int i = 0; i < n; i++) {
		if (org_word(f[i].field, 1))
			f[i].label = org_word(f[i].field, 1);
		/* The boss is one of the account's people, picked rather than typed. */
		if (f[i].field->off == offsetof(ap_contact, reports_to)) {
			f[i].kind = FF_CHOICE;
			f[i].options = people;
			f[i].noptions = np;
		}
		if (f[i].field->off == offsetof(ap_contact, owner) && nm) {
			f[i].kind = FF_CHOICE;
			f[i].options = members;
			f[i].noptions = nm;
		}
	}
	if (recedit_form(a, cur ? "edit contact" : "new contact", REC_CONTACT, c, f, n)) {
		char what[200];
		snprintf(what, sizeof what, "contact '%s'", c->name);
		p->select = xstrdup(c->name);   /* the reload after the write shows it selected */
		recedit_save(a, REC_CONTACT, a->acct.id, c, what, NULL);
		free(p->select);
		p->select = NULL;
	} else {
		recedit_free(REC_CONTACT, c);
	}
	form_free(f, n);
	free(people);
	free(members);
	ap_vec_free(&team, ap_member_clear);
}

static void contact_remove_ask(struct view *v, const ap_contact *c)
{
	struct org_priv *p = op(v);
	int reports = 0;
	for (size_t i = 0; i < p->c.n; i++)
		reports += p->c.v[i].reports_to_id == c->id;
	if (!input_confirm(v->app, "remove contact '%s'?%s", c->name,
		reports ? " The people who report to them will then report to nobody." : ""))
		return;
	char what[200];
	snprintf(what, sizeof what, "removed contact '%s'", c->name);
	recedit_remove(v->app, REC_CONTACT, v->app->acct.id, c, what, NULL);
}

static int org_key(struct view *v, int action, int key)
{
	(void)key;
	const ap_contact *c = selected_contact(v);
	switch (action) {
	case ACT_ADD: contact_form(v, NULL); return 1;
	case ACT_ENTER:
	case ACT_EDIT:
		if (c)
			contact_form(v, c);
		else
			contact_form(v, NULL);   /* on a gap: fill it */
		return 1;
	case ACT_REMOVE:
		if (c)
			contact_remove_ask(v, c);
		return 1;
	default: return 0;
	}
}

static const int org_hints[] = {ACT_ADD, ACT_ENTER, ACT_REMOVE, ACT_NOTE, ACT_CLOSE, ACT_HELP, ACT_NONE};

const struct view_ops view_orgmap_ops = {
	.name = "orgmap",
	.flags = VIEW_ACCOUNT,
	.priv_size = sizeof(struct org_priv),
	.open = org_open,
	.draw_row = org_draw_row,
	.draw_head = org_head,
	.draw_detail = org_detail,
	.title = org_title,
	.key = org_key,
	.done = org_done,
	.row_id = org_row_id,
	.hints = org_hints,
	.enter_hint = "edit",
};
