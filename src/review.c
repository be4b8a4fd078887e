/* review.c - the account review: ranking the accounts in scope, one
 * account's sheet, and the minutes. The store keeps the walk; what is here
 * only reads it and the rules. */
#include <stdlib.h>
#include <string.h>

#include "acctplan/relations.h"
#include "acctplan/review.h"

/* ---- beginning ---- */

typedef struct ranked {
	long long id;
	const char *name;
	int critical, overdue;
	const char *last;            /* stamp of its last review; NULL never */
} ranked;

/* Most at risk first: critical flags, overdue actions, then the longest
 * unreviewed (never first), then by name so the order is stable. */
static int by_risk(const void *x, const void *y)
{
	const ranked *a = x, *b = y;
	if (a->critical != b->critical)
		return b->critical - a->critical;
	if (a->overdue != b->overdue)
		return b->overdue - a->overdue;
	if (!a->last != !b->last)
		return a->last ? 1 : -1;
	int c = a->last ? strcmp(a->last, b->last) : 0;
	return c ? c : strcasecmp(a->name, b->name);
}

static ranked *rank_find(ranked *v, size_t n, long long id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].id == id)
			return &v[mid];
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int by_id(const void *x, const void *y)
{
	const ranked *a = x, *b = y;
	return (a->id > b->id) - (a->id < b->id);
}

/* The participants by id: those named, each an active member, else the
 * acting member when one of ours (a review nobody took part in says so). */
static int participants(store *s, const review_scope *sc, long long **ids, size_t *n, ap_err *e)
{
	*ids = xcalloc(sc->nwith + 1, sizeof **ids);
	*n = 0;
	ap_err quiet;
	if (!sc->nwith && sc->me && store_member_find(s, sc->me, &(*ids)[0], &quiet) == AP_OK)
		*n = 1;
	for (size_t i = 0; i < sc->nwith; i++) {
		ap_member m = {0};
		long long id = 0;
		int rc = store_member_find(s, sc->with[i], &id, e);
		if (!rc && !(rc = store_rec_get(s, REC_MEMBER, 0, id, &m, e)) && !m.active)
			rc = ap_fail(e, AP_EINPUT, "--with: '%s' is inactive and takes part in no new review", m.name);
		ap_member_clear(&m);
		if (rc) {
			if (rc == AP_EINPUT && !strstr(e->msg, "--with"))
				ap_err_context(e, "--with");
			return rc;
		}
		int dup = 0;
		for (size_t j = 0; j < *n; j++)
			dup |= (*ids)[j] == id;
		if (!dup)
			(*ids)[(*n)++] = id;
	}
	return AP_OK;
}

static int rank(store *s, const rules *r, const qbank *qb, const review_scope *sc, long today, ranked **out,
	size_t *n, ap_accounts *accs, ap_review_accounts *lasts, ap_err *e)
{
	rules_result *res = NULL;
	ap_actions late = {0};
	char day[11];
	ap_date_format(today, day);
	int rc = store_account_list(s, accs, e);
	ranked *v = xcalloc(accs->n + 1, sizeof *v);
	long long *ids = xcalloc(accs->n + 1, sizeof *ids);
	*n = 0;
	for (size_t i = 0; !rc && i < accs->n; i++)
		if (sc->segment < 0 || accs->v[i].segment == sc->segment) {
			ids[*n] = accs->v[i].id;
			v[(*n)++] = (ranked){accs->v[i].id, accs->v[i].name, 0, 0, NULL};
		}
	qsort(v, *n, sizeof *v, by_id);
	/* Only the critical flags count, and only as counts: no texts rendered
	 * for a scope of thousands of accounts. */
	rules_query q = {0, today, sc->tier, SEV_CRITICAL, 0};
	if (!rc && *n)
		rc = rules_run_accounts(r, s, qb, &q, ids, *n, &res, e);
	for (size_t i = 0; !rc && res && i < rules_result_count(res); i++) {
		rule_flag_brief b;
		rules_result_brief(res, i, &b);
		ranked *x = rank_find(v, *n, b.account_id);
		if (x && !b.snoozed && b.severity == SEV_CRITICAL)
			x->critical++;
	}
	if (!rc && *n)
		rc = store_action_list(s, &(store_action_query){0, 0, ASTATUS_OPEN, day}, &late, e);
	for (size_t i = 0; !rc && i < late.n; i++) {
		ranked *x = rank_find(v, *n, late.v[i].account_id);
		if (x && (sc->tier < 0 || late.v[i].tier < 0 || late.v[i].tier == sc->tier))
			x->overdue++;
	}
	if (!rc && *n)
		rc = store_review_lasts(s, lasts, e);
	for (size_t i = 0; !rc && i < lasts->n; i++) {
		ranked *x = rank_find(v, *n, lasts->v[i].account_id);
		if (x)
			x->last = lasts->v[i].done_at;
	}
	qsort(v, *n, sizeof *v, by_risk);
	free(ids);
	rules_result_free(&res);
	ap_vec_free(&late, ap_action_clear);
	*out = v;
	return rc;
}

int review_begin(store *s, const rules *r, const qbank *qb, const review_scope *sc, long today, ap_review *out,
	ap_err *e)
{
	ap_accounts accs = {0};
	ap_review_accounts lasts = {0};
	ranked *v = NULL;
	long long *who = NULL, *ids = NULL;
	size_t n = 0, nwho = 0;
	char day[11];
	ap_date_format(today, day);
	int rc = participants(s, sc, &who, &nwho, e);
	if (!rc)
		rc = rank(s, r, qb, sc, today, &v, &n, &accs, &lasts, e);
	if (!rc && !n)
		rc = ap_fail(e, AP_EINPUT, "no accounts in scope%s%s: nothing to review (see 'acctplan account list')",
			sc->segment >= 0 ? " of segment " : "", sc->segment >= 0 ? ap_segments.names[sc->segment] : "");
	if (!rc) {
		ids = xcalloc(n, sizeof *ids);
		for (size_t i = 0; i < n; i++)
			ids[i] = v[i].id;
		*out = (ap_review){.date = xstrdup(day), .segment = sc->segment, .tier = sc->tier,
			.status = RSTATUS_OPEN, .closed = xstrdup(""), .by = NULL, .with = NULL,
			.naccounts = (long long)n, .nreviewed = 0, .nskipped = 0};
		rc = store_review_create(s, out, who, nwho, ids, n, e);
	}
	free(ids);
	free(who);
	free(v);
	ap_vec_free(&accs, ap_account_clear);
	ap_vec_free(&lasts, ap_review_account_clear);
	return rc;
}

void review_scope_text(const ap_review *r, ap_buf *b)
{
	if (r->segment >= 0)
		buf_printf(b, "%s accounts", ap_segments.names[r->segment]);
	else
		buf_puts(b, "every account");
	if (r->tier >= 0)
		buf_printf(b, ", %s tier", ap_tiers.names[r->tier]);
}

int review_pick_open(store *s, long long want, long long *id, ap_err *e)
{
	ap_reviews open = {0};
	int rc = store_review_list(s, RSTATUS_OPEN, &open, e);
	*id = 0;
	if (!rc && want > 0) {
		ap_review r = {0};
		rc = store_review_get(s, want, &r, e);
		if (!rc && r.status != RSTATUS_OPEN)
			rc = ap_fail(e, AP_EINPUT, "review %lld was closed on %s; its minutes: acctplan review show %lld",
				want, r.closed, want);
		if (!rc)
			*id = want;
		ap_review_clear(&r);
	} else if (!rc && open.n == 0) {
		rc = ap_fail(e, AP_EINPUT, "no open review to resume (begin one with 'acctplan review')");
	} else if (!rc && open.n == 1) {
		*id = open.v[0].id;
	} else if (!rc) {
		ap_buf b = {0};
		for (size_t i = 0; i < open.n; i++) {
			const ap_review *x = &open.v[i];
			buf_printf(&b, "\n  %lld  %s  ", x->id, x->date);
			review_scope_text(x, &b);
			buf_printf(&b, "  %lld of %lld seen", x->nreviewed + x->nskipped, x->naccounts);
		}
		rc = ap_fail(e, AP_EINPUT, "%zu reviews are open; give the one to resume (acctplan review --resume ID):%s",
			open.n, b.s);
		buf_free(&b);
	}
	ap_vec_free(&open, ap_review_clear);
	return rc;
}

/* ---- one account's sheet ---- */

/* "9 contacts, 3 deep (problem-solver or better), 2 held by nobody; held by
 * Ana Lima (4), Tom Okafor (3)": from the relationship matrix. */
static void relations_line(const rel_matrix *m, ap_buf *b)
{
	size_t deep = 0, nobody = 0;
	for (size_t i = 0; i < m->contacts.n; i++) {
		const ap_contact *c = &m->contacts.v[i];
		deep += c->level >= LEVEL_PROBLEM_SOLVER;
		nobody += !c->owner || !*c->owner;
	}
	buf_printf(b, "%zu contact%s, %zu deep (problem-solver or trusted advisor), %zu held by nobody",
		m->contacts.n, m->contacts.n == 1 ? "" : "s", deep, nobody);
	const char *sep = "; held by ";
	for (size_t j = 0; j < m->members.n; j++) {
		size_t held = 0;
		for (size_t i = 0; i < m->contacts.n; i++)
			held += m->cell[i * m->members.n + j] >= 0 && m->cell[i * m->members.n + j] < REL_MET;
		if (held) {
			buf_printf(b, "%s%s (%zu)", sep, m->members.v[j].name, held);
			sep = ", ";
		}
	}
}

int review_sheet_load(store *s, const rules *r, const qbank *qb, const ap_review *rv, long long account, long today,
	review_sheet *out, ap_err *e)
{
	rule_flags all = {0};
	rel_matrix m = {0};
	ap_buf b = {0};
	char day[11];
	ap_date_format(today, day);
	*out = (review_sheet){0};
	int rc = store_account_get_id(s, account, &out->acct, e);
	if (!rc)
		rc = store_review_last(s, account, rv->id, &out->since_review, &out->since, e);
	if (!rc)
		rc = store_account_changes(s, account, out->since, &out->changes, e);
	if (!rc)
		rc = rules_eval(r, s, qb, account, today, 0, &all, e);
	for (size_t i = 0; !rc && i < all.n; i++)
		if (rv->tier < 0 || all.v[i].tier == rv->tier) {
			*ap_vec_push(&out->flags) = all.v[i];
			all.v[i] = (rule_flag){0};
		}
	if (!rc)
		rc = store_action_list(s, &(store_action_query){account, 0, ASTATUS_OPEN, NULL}, &out->actions, e);
	if (!rc && out->since_review)
		rc = store_review_decisions(s, out->since_review, account, &out->decisions, e);
	if (!rc)
		rc = store_review_decisions(s, rv->id, account, &out->decisions, e);
	if (!rc)
		rc = store_answer_current(s, account, &out->answers, e);
	if (!rc && !(rc = rel_matrix_load(s, account, today, &m, e))) {
		relations_line(&m, &b);
		out->relations = b.s;
		b.s = NULL;
	}
	rel_matrix_free(&m);
	buf_free(&b);
	ap_vec_free(&all, rule_flag_clear);
	if (rc)
		review_sheet_free(out);
	return rc;
}

void review_sheet_free(review_sheet *sh)
{
	ap_account_clear(&sh->acct);
	free(sh->since);
	ap_vec_free(&sh->changes, ap_change_clear);
	ap_vec_free(&sh->flags, rule_flag_clear);
	ap_vec_free(&sh->actions, ap_action_clear);
	ap_vec_free(&sh->decisions, ap_decision_clear);
	ap_vec_free(&sh->answers, ap_answer_clear);
	free(sh->relations);
	*sh = (review_sheet){0};
}

/* ---- minutes ---- */

/* User text on one line; in Markdown with its markup characters escaped,
 * so a name or decision is read as written, never as formatting. */
static void put_text(ap_buf *b, const char *s, int markdown)
{
	for (; s && *s; s++) {
		if (*s == '\n' || *s == '\r') {
			buf_puts(b, " ");
			continue;
		}
		if (markdown && strchr("\\`*_[]<>#|!~", *s))
			buf_add(b, "\\", 1);
		buf_add(b, s, 1);
	}
}

typedef struct minutes {
	ap_review r;
	ap_review_accounts accounts;
	ap_decisions decisions;
	ap_actions actions;
	ap_snoozes snoozes;
	ap_confirmations confirmed;
} minutes;

static void minutes_free(minutes *m)
{
	ap_review_clear(&m->r);
	ap_vec_free(&m->accounts, ap_review_account_clear);
	ap_vec_free(&m->decisions, ap_decision_clear);
	ap_vec_free(&m->actions, ap_action_clear);
	ap_vec_free(&m->snoozes, ap_snooze_clear);
	ap_vec_free(&m->confirmed, ap_confirmation_clear);
}

static int minutes_load(store *s, long long id, minutes *m, ap_err *e)
{
	int rc = store_snapshot_begin(s, e);
	if (rc)
		return rc;
	if (!(rc = store_review_get(s, id, &m->r, e)) && !(rc = store_review_accounts(s, id, &m->accounts, e)) &&
	    !(rc = store_review_decisions(s, id, 0, &m->decisions, e)) &&
	    !(rc = store_review_actions(s, id, &m->actions, e)) && !(rc = store_review_snoozes(s, id, &m->snoozes, e)))
		rc = store_review_confirmations(s, id, &m->confirmed, e);
	store_snapshot_end(s);
	return rc;
}

/* A heading of the minutes: "Decisions" as a line of its own. */
static void section(ap_buf *b, const char *title, int markdown)
{
	if (markdown)
		buf_printf(b, "\n**%s**\n\n", title);
	else
		buf_printf(b, "  %s:\n", title);
}

static const char *item(int markdown) { return markdown ? "- " : "    - "; }

static void account_minutes(const minutes *m, const ap_review_account *ra, int markdown, ap_buf *b)
{
	if (markdown) {
		buf_puts(b, "\n## ");
		put_text(b, ra->account, 1);
		buf_printf(b, " (%s)\n", ap_rstates.names[ra->state]);
	} else {
		buf_printf(b, "\n%s: %s", ra->account, ap_rstates.names[ra->state]);
		if (*ra->done_at)
			buf_printf(b, " %.10s by %s", ra->done_at, *ra->done_by ? ra->done_by : "nobody recorded");
		buf_puts(b, "\n");
	}
	int n = 0;
	for (size_t i = 0; i < m->decisions.n; i++) {
		const ap_decision *d = &m->decisions.v[i];
		if (d->account_id != ra->account_id)
			continue;
		if (!n++)
			section(b, "Decisions", markdown);
		buf_puts(b, item(markdown));
		put_text(b, d->text, markdown);
		buf_printf(b, " (%s)\n", *d->by ? d->by : "nobody recorded");
	}
	n = 0;
	for (size_t i = 0; i < m->actions.n; i++) {
		const ap_action *x = &m->actions.v[i];
		if (x->account_id != ra->account_id)
			continue;
		if (!n++)
			section(b, "Actions agreed", markdown);
		buf_puts(b, item(markdown));
		put_text(b, x->title, markdown);
		buf_puts(b, " (");
		put_text(b, x->owner, markdown);
		buf_printf(b, ", due %s", x->due);
		if (x->status != ASTATUS_OPEN)
			buf_printf(b, "; %s %s", ap_astatuses.names[x->status], x->closed);
		buf_puts(b, ")\n");
	}
	n = 0;
	for (size_t i = 0; i < m->snoozes.n; i++) {
		const ap_snooze *z = &m->snoozes.v[i];
		if (z->account_id != ra->account_id)
			continue;
		if (!n++)
			section(b, "Flags snoozed", markdown);
		buf_puts(b, item(markdown));
		put_text(b, z->rule, markdown);
		if (*z->question) {
			buf_puts(b, "/");
			put_text(b, z->question, markdown);
		}
		buf_printf(b, " until %s: ", z->until);
		put_text(b, z->reason, markdown);
		buf_puts(b, "\n");
	}
	n = 0;
	for (size_t i = 0; i < m->confirmed.n; i++) {
		const ap_confirmation *c = &m->confirmed.v[i];
		if (c->account_id != ra->account_id)
			continue;
		if (!n++)
			section(b, "Answers confirmed", markdown);
		buf_puts(b, item(markdown));
		put_text(b, c->question, markdown);
		buf_puts(b, ": ");
		put_text(b, c->value, markdown);
		buf_printf(b, " (%s, %s)\n", *c->by ? c->by : "nobody recorded", c->on);
	}
}

int review_minutes(store *s, long long id, int markdown, ap_buf *b, ap_err *e)
{
	minutes m = {0};
	int rc = minutes_load(s, id, &m, e);
	if (rc) {
		minutes_free(&m);
		return rc;
	}
	const ap_review *r = &m.r;
	ap_buf scope = {0}, with = {0};
	review_scope_text(r, &scope);
	for (const char *p = r->with; p && *p;) {
		size_t len = strcspn(p, "\n");
		buf_printf(&with, "%s%.*s", with.len ? ", " : "", (int)len, p);
		p += len + (p[len] == '\n');
	}
	long long pending = r->naccounts - r->nreviewed - r->nskipped;
	char status[64];
	if (r->status == RSTATUS_CLOSED)
		snprintf(status, sizeof status, "closed on %s", r->closed);
	else
		snprintf(status, sizeof status, "open");
	if (markdown) {
		buf_printf(b, "# Review %lld, %s: ", r->id, r->date);
		put_text(b, scope.s, 1);
		buf_printf(b, "\n\n- **Status:** %s\n- **Taking part:** ", status);
		put_text(b, with.len ? with.s : "nobody recorded", 1);
		buf_printf(b, "\n- **Begun by:** ");
		put_text(b, *r->by ? r->by : "nobody recorded", 1);
		buf_printf(b, "\n- **Accounts:** %lld reviewed, %lld skipped, %lld pending of %lld\n", r->nreviewed,
			r->nskipped, pending, r->naccounts);
	} else {
		buf_printf(b, "Review %lld, %s: %s (%s)\n", r->id, r->date, scope.s, status);
		buf_printf(b, "Taking part: %s\n", with.len ? with.s : "nobody recorded");
		buf_printf(b, "Begun by: %s\n", *r->by ? r->by : "nobody recorded");
		buf_printf(b, "Accounts: %lld reviewed, %lld skipped, %lld pending of %lld\n", r->nreviewed, r->nskipped,
			pending, r->naccounts);
	}
	for (size_t i = 0; i < m.accounts.n; i++)
		account_minutes(&m, &m.accounts.v[i], markdown, b);
	buf_free(&scope);
	buf_free(&with);
	minutes_free(&m);
	return AP_OK;
}
