/* reciprocity.c - the give and take of an account over twelve months. */
#include <stdio.h>
#include <string.h>

#include "acctplan/facts.h"
#include "acctplan/reciprocity.h"

void reciprocity_window(long today, char from[11], char to[11])
{
	long day;
	ap_date_format(today, to);
	if (ap_date_add_months(today, -12, &day) != 0 || ap_date_add(day, 1, &day) != 0)
		day = today;
	ap_date_format(day, from);
}

void reciprocity_asked_window(long today, char since[11], char to[11])
{
	long first = today;
	ap_date_format(today, to);
	if (ap_date_add(today, -(FACT_ASKED_DAYS - 1), &first) != 0)
		first = today;
	ap_date_format(first, since);
}

int reciprocity_advocates(store *s, long long account, int kind, long today, ap_advocacies *out, ap_err *e)
{
	char since[11], to[11];
	reciprocity_asked_window(today, since, to);
	store_advocacy_query q = {account, kind, 1, since, to};
	return store_advocacy_find(s, &q, out, e);
}

void reciprocity_newest_per_contact(ap_advocacies *v)
{
	size_t n = 0;
	for (size_t i = 0; i < v->n; i++) {
		int seen = 0;
		for (size_t k = 0; k < n && !seen; k++)
			seen = v->v[k].contact_id == v->v[i].contact_id;
		if (seen)
			ap_advocacy_clear(&v->v[i]);
		else
			v->v[n++] = v->v[i];
	}
	v->n = n;
}

int reciprocity_of(store *s, long long account, long today, reciprocity *r, ap_err *e)
{
	reciprocity_window(today, r->from, r->to);
	return store_exchange_balance(s, account, r->from, r->to, &r->b, e);
}

/* Before the first give or take, "nothing given" would read as a finding. */
int reciprocity_known(const reciprocity *r) { return r->b.ever > 0; }

void reciprocity_text(const reciprocity *r, ap_buf *b)
{
	const exchange_balance *x = &r->b;
	const char *reading = !x->given && !x->taken ? "nothing either way"
		: x->taken > x->given ? "we take more than we give"
		: x->given > x->taken ? "we give more than we take" : "balanced";
	buf_printf(b, "%lld given, %lld taken (%s)", x->given, x->taken, reading);
}

void reciprocity_json(json_w *w, const reciprocity *r)
{
	jw_obj(w);
	jw_key(w, "from");
	jw_str(w, r->from);
	jw_key(w, "to");
	jw_str(w, r->to);
	jw_key(w, "given");
	jw_int(w, r->b.given);
	jw_key(w, "taken");
	jw_int(w, r->b.taken);
	jw_obj_end(w);
}
