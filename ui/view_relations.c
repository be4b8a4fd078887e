/* view_relations.c - who on our side knows whom at the current account:
 * a row per contact, a column per member who holds or has met one of them,
 * each cell the depth (relations.h). What one person alone carries, and
 * the contacts nobody of ours knows, stand out. */
#include <stdio.h>
#include <stdlib.h>

#include "acctplan/relations.h"
#include "app.h"
#include "draw.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

#define NAME_W 24
#define ROLE_W 16
#define CELL_W 15

struct rel_priv {
	rel_matrix m;
	int loaded;
	const char **head;   /* contact, buying role, then the members' names */
	int *widths;
};

static struct rel_priv *rp(struct view *v) { return v->priv; }

static void rel_free(struct rel_priv *p)
{
	if (p->loaded)
		rel_matrix_free(&p->m);
	free(p->head);
	free(p->widths);
	p->loaded = 0;
	p->head = NULL;
	p->widths = NULL;
}

static int rel_open(struct view *v, ap_err *e)
{
	struct rel_priv *p = rp(v);
	rel_free(p);
	int rc = rel_matrix_load(v->app->st, v->app->acct.id, v->app->today, &p->m, e);
	p->loaded = !rc;
	size_t cols = p->loaded ? p->m.members.n + 2 : 2;
	p->head = xcalloc(cols, sizeof *p->head);
	p->widths = xcalloc(cols, sizeof *p->widths);
	p->head[0] = "contact";
	p->head[1] = "buying role";
	p->widths[0] = NAME_W;
	p->widths[1] = ROLE_W;
	for (size_t j = 0; p->loaded && j < p->m.members.n; j++) {
		p->head[j + 2] = p->m.members.v[j].name;
		p->widths[j + 2] = CELL_W;
	}
	v->lines = p->loaded ? p->m.contacts.n : 0;
	return rc;
}

static void rel_done(struct view *v) { rel_free(rp(v)); }

static int ncols(const struct rel_priv *p) { return p->loaded ? (int)p->m.members.n + 2 : 2; }

static void rel_title(struct view *v, char *buf, size_t n)
{
	struct rel_priv *p = rp(v);
	snprintf(buf, n, "Relationships at %s  (%zu contacts, %zu of ours hold or met them)", v->app->acct.name,
		p->loaded ? p->m.contacts.n : 0, p->loaded ? p->m.members.n : 0);
}

static void rel_head(struct view *v, int y, int x, int w)
{
	struct rel_priv *p = rp(v);
	draw_heading(y, x, w, p->head, p->widths, ncols(p));
}

/* A contact nobody of ours holds or has met reads as a gap. */
static void rel_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	struct rel_priv *p = rp(v);
	const ap_contact *c = &p->m.contacts.v[row];
	struct draw_col cols[DRAW_TABLE_MAX + 64];
	int n = 0, known = 0;
	cols[n++] = (struct draw_col){c->name, NAME_W};
	cols[n++] = (struct draw_col){ap_name(&ap_roles, c->role, ""), ROLE_W};
	for (size_t j = 0; j < p->m.members.n && n < (int)(sizeof cols / sizeof cols[0]); j++) {
		const char *cell = rel_cell_name(&p->m, row, j);
		known |= *cell != '\0';
		cols[n++] = (struct draw_col){*cell ? cell : ".", CELL_W};
	}
	draw_columns(y, x, w, cols, n, selected ? TH_SELECTED : known ? TH_NORMAL : TH_GAP);
}

/* Which functions of ours touch the account, as 'account relationships'
 * says it: a gap while one worth a look does not. */
static void rel_functions(const struct rel_priv *p, int y, int x, int h, int w)
{
	ap_buf line = {0};
	rel_functions_text(p->m.functions, &line);
	draw_wrap(y, x + 1, w - 1, h, 0, line.s, rel_untouched(p->m.functions) ? TH_GAP : TH_NORMAL);
	buf_free(&line);
}

/* The selected contact, then (once the team has members) the functions line. */
static void rel_detail(struct view *v, int y, int x, int h, int w)
{
	struct rel_priv *p = rp(v);
	long row = view_selected(v);
	if (!p->loaded || h < 1)
		return;
	if (row >= 0) {
		const ap_contact *c = &p->m.contacts.v[row];
		char line[600];
		snprintf(line, sizeof line, "%s: held by %s, level %s, stance %s, influence %s", c->name,
			*c->owner ? c->owner : "nobody", ap_name(&ap_levels, c->level, "?"),
			ap_name(&ap_stances, c->stance, "?"), ap_name(&ap_influences, c->influence, "not known"));
		draw_text(y, x + 1, w - 1, line, *c->owner ? TH_NORMAL : TH_GAP);
		y++;
		h--;
	}
	if (p->m.team && h >= 1)
		rel_functions(p, y, x, h, w);
}

static int rel_key(struct view *v, int action, int key)
{
	(void)v;
	(void)action;
	(void)key;
	return 0;
}

static long long rel_row_id(struct view *v, size_t row) { return rp(v)->m.contacts.v[row].id; }

static const int rel_hints[] = {ACT_VIEW_ORGMAP, ACT_CLOSE, ACT_HELP, ACT_NONE};

const struct view_ops view_relations_ops = {
	.name = "relations",
	.flags = VIEW_ACCOUNT,
	.priv_size = sizeof(struct rel_priv),
	.open = rel_open,
	.draw_row = rel_draw_row,
	.draw_head = rel_head,
	.draw_detail = rel_detail,
	.title = rel_title,
	.key = rel_key,
	.done = rel_done,
	.row_id = rel_row_id,
	.hints = rel_hints,
};
