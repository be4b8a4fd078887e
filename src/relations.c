/* relations.c - the relationship matrix of one account. */
#include <stdlib.h>
#include <string.h>

#include "acctplan/reciprocity.h"
#include "acctplan/relations.h"
#include "acctplan/store_report.h"

static long member_index(const ap_members *m, long long id)
{
	for (size_t j = 0; j < m->n; j++)
		if (m->v[j].id == id)
			return (long)j;
	return -1;
}

/* Only the members who hold or met someone here are columns: a team's
 * whole list would be a sheet of blanks. */
static void keep_involved(rel_matrix *m, const store_mets *met)
{
	size_t kept = 0;
	for (size_t j = 0; j < m->members.n; j++) {
		int involved = 0;
		for (size_t i = 0; i < m->contacts.n && !involved; i++)
			involved = m->contacts.v[i].owner_id == m->members.v[j].id;
		for (size_t k = 0; k < met->n && !involved; k++)
			involved = met->v[k].member == m->members.v[j].id;
		if (involved)
			m->members.v[kept++] = m->members.v[j];
		else
			ap_member_clear(&m->members.v[j]);
	}
	m->members.n = kept;
}

static void fill(rel_matrix *m, const store_mets *met)
{
	size_t nc = m->contacts.n, nm = m->members.n;
	m->cell = xcalloc(nc * nm + 1, sizeof *m->cell);
	m->met = xcalloc(nc * nm + 1, sizeof *m->met);
	for (size_t i = 0; i < nc * nm; i++)
		m->cell[i] = REL_NONE;
	for (size_t i = 0; i < nc; i++) {
		const ap_contact *c = &m->contacts.v[i];
		for (size_t k = 0; k < met->n; k++) {
			long j = met->v[k].contact == c->id ? member_index(&m->members, met->v[k].member) : -1;
			if (j >= 0) {
				m->cell[i * nm + (size_t)j] = REL_MET;
				m->met[i * nm + (size_t)j] = xstrdup(met->v[k].day);
			}
		}
		long j = c->owner_id > 0 ? member_index(&m->members, c->owner_id) : -1;
		if (j >= 0)
			m->cell[i * nm + (size_t)j] = c->level;
	}
}

static void on_function(void *ctx, long long account, int function)
{
	(void)account;
	*(unsigned *)ctx |= 1u << function;
}

int rel_matrix_load(store *s, long long account, long today, rel_matrix *m, ap_err *e)
{
	store_mets met = {0};
	char since[11];
	memset(m, 0, sizeof *m);
	rel_touch_since(today, since);
	int rc = store_snapshot_begin(s, e);
	if (!rc) {
		if (!(rc = store_contact_list(s, account, &m->contacts, e)) && !(rc = store_member_list(s, &m->members, e)) &&
		    !(rc = store_account_mets(s, account, &met, e)))
			rc = store_function_touches(s, account, since, on_function, &m->functions, e);
		store_snapshot_end(s);
	}
	if (!rc) {
		m->team = m->members.n > 0;
		keep_involved(m, &met);
		fill(m, &met);
	}
	free(met.v);
	if (rc)
		rel_matrix_free(m);
	return rc;
}

void rel_matrix_free(rel_matrix *m)
{
	for (size_t i = 0; m->met && i < m->contacts.n * m->members.n; i++)
		free(m->met[i]);
	free(m->met);
	free(m->cell);
	ap_vec_free(&m->contacts, ap_contact_clear);
	ap_vec_free(&m->members, ap_member_clear);
	memset(m, 0, sizeof *m);
}

const char *rel_cell_name(const rel_matrix *m, size_t i, size_t j)
{
	int v = m->cell[i * m->members.n + j];
	return v == REL_MET ? "met" : v == REL_NONE ? "" : ap_name(&ap_levels, v, "");
}

void rel_touch_since(long today, char since[11])
{
	char to[11];
	reciprocity_window(today, since, to);
}

unsigned rel_untouched(unsigned touching)
{
	return ((1u << FUNCTION_COUNT) - 1) & ~touching & ~(1u << FUNC_OTHER);
}

void rel_functions_names(unsigned set, const char *sep, ap_buf *b)
{
	int n = 0;
	for (int f = 0; f < FUNCTION_COUNT; f++)
		if (set & 1u << f)
			buf_printf(b, "%s%s", n++ ? sep : "", ap_functions.names[f]);
	if (!n)
		buf_puts(b, "none");
}

void rel_functions_json(json_w *w, const char *key, unsigned set)
{
	jw_key(w, key);
	jw_arr(w);
	for (int f = 0; f < FUNCTION_COUNT; f++)
		if (set & 1u << f)
			jw_str(w, ap_functions.names[f]);
	jw_arr_end(w);
}

void rel_functions_text(unsigned touching, ap_buf *b)
{
	unsigned missing = rel_untouched(touching);
	buf_puts(b, "functions: ");
	rel_functions_names(touching, ", ", b);
	if (!missing) {
		buf_puts(b, " · every function touches it");
		return;
	}
	buf_puts(b, " · none from: ");
	rel_functions_names(missing, ", ", b);
}
