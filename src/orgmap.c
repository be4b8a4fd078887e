/* orgmap.c - the org chart's layout, apart from any screen. */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "acctplan/orgmap.h"

typedef struct walker {
	const ap_contacts *c;
	org_row *rows;
	size_t n;
	char *seen;   /* guards against reports-to cycles */
} walker;

static void walk(walker *w, size_t i, int depth)
{
	if (w->seen[i])
		return;
	w->seen[i] = 1;
	w->rows[w->n++] = (org_row){i, depth};
	for (size_t k = 0; k < w->c->n; k++)
		if (!w->seen[k] && strcasecmp(w->c->v[k].reports_to, w->c->v[i].name) == 0)
			walk(w, k, depth + 1);
}

static int is_listed(const ap_contacts *c, const char *name)
{
	for (size_t i = 0; name && *name && i < c->n; i++)
		if (strcasecmp(c->v[i].name, name) == 0)
			return 1;
	return 0;
}

org_row *org_tree(const ap_contacts *c)
{
	walker w = {c, xcalloc(c->n + 1, sizeof *w.rows), 0, xcalloc(c->n + 1, 1)};
	for (size_t i = 0; i < c->n; i++)
		if (!is_listed(c, c->v[i].reports_to))
			walk(&w, i, 0);
	for (size_t i = 0; i < c->n; i++)   /* contacts only reachable through a cycle */
		walk(&w, i, 0);
	free(w.seen);
	return w.rows;
}

void org_line_words(const ap_link *l, char *out, size_t n)
{
	switch (l->kind) {
	case LINK_INFLUENCES: snprintf(out, n, "%s influences %s", l->from, l->to); break;
	case LINK_RIVALS: snprintf(out, n, "%s and %s are rivals", l->from, l->to); break;
	default: snprintf(out, n, "%s and %s have an informal tie", l->from, l->to); break;
	}
}
