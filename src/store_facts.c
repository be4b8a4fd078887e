/* store_facts.c - the facts the rules engine checks, read set-based.
 *
 * Each kind of fact is one statement over the scope: the whole portfolio, or
 * one account through its per-account index (the workbench re-checks an
 * account after every edit). Rows are streamed and folded in C, which avoids
 * the temporary sort b-trees a GROUP BY over a whole table would build. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/demand.h"
#include "acctplan/facts.h"
#include "acctplan/text.h"
#include "store_internal.h"

#define STEP_NAME_(id, name) name,
static const char *const step_names[] = {FACT_STEP_TABLE(STEP_NAME_)};
#undef STEP_NAME_
const ap_names fact_steps = {"demand driver step", step_names, STEP_COUNT};

/* Every statement comes in three: [0] one account (?1) through its index,
 * [1] the whole portfolio (?1 is 0 and the condition always true), [2] the
 * accounts listed in the temporary table fact_ids (a page of the workbench),
 * each through its index. */
enum { ONE, ALL, SOME };

#define ACCOUNT_HEAD "SELECT id, name, segment, created FROM account WHERE "
/* The order of facts.acc, and so of a whole portfolio's flags. */
#define ACCOUNT_ORDER " ORDER BY lower(name)"
static const char *const sql_accounts[] = {
	ACCOUNT_HEAD "id = ?1",
	ACCOUNT_HEAD "?1 = 0" ACCOUNT_ORDER,
	ACCOUNT_HEAD "?1 = 0 AND id IN (SELECT id FROM fact_ids)" ACCOUNT_ORDER,
};
static const char sql_account_ids[] = "SELECT id FROM account" ACCOUNT_ORDER;
/* The current answer is the newest row (highest id) of its (account, question).
 * One sequential scan, keeping the newest in C, is several times faster than
 * a grouped max(id) joined back to the table: that visits rows out of order. */
#define ANSWER_HEAD "SELECT account_id, question, id, source, confidence, answered_on, value, author FROM answer WHERE "
static const char *const sql_answers[] = {
	ANSWER_HEAD "account_id = ?1",
	ANSWER_HEAD "?1 = 0",
	ANSWER_HEAD "?1 = 0 AND account_id IN (SELECT id FROM fact_ids)",
};
#define CONTACT_HEAD "SELECT account_id, tier, role, id, owner_id, level, stance, influence, name FROM contact WHERE "
static const char *const sql_contacts[] = {
	CONTACT_HEAD "account_id = ?1",
	CONTACT_HEAD "?1 = 0",
	CONTACT_HEAD "?1 = 0 AND account_id IN (SELECT id FROM fact_ids)",
};
/* Only a held meeting is a touch: a planned one has not happened yet, one
 * still to confirm may not have, and a cancelled visit is no contact. */
#define ENGAGEMENT_HEAD "SELECT account_id, tier, held_on, kind, news, shared, id FROM engagement WHERE status = 'held' AND "
static const char *const sql_engagements[] = {
	ENGAGEMENT_HEAD "account_id = ?1",
	ENGAGEMENT_HEAD "?1 = 0",
	ENGAGEMENT_HEAD "?1 = 0 AND account_id IN (SELECT id FROM fact_ids)",
};
/* Who attended which meeting. Each attendee's last touch is folded in C
 * from the held meetings the engagements statement read, so the meetings'
 * rows are not visited again here: for the portfolio a scan of
 * meeting_contact's key alone, for one account or a set the attendees of its
 * meetings, found through engagement's index. */
static const char *const sql_touches[] = {
	"SELECT meeting_id, contact_id FROM meeting_contact WHERE meeting_id IN"
	" (SELECT id FROM engagement WHERE account_id = ?1)",
	"SELECT meeting_id, contact_id FROM meeting_contact WHERE ?1 = 0",
	"SELECT meeting_id, contact_id FROM meeting_contact WHERE ?1 = 0 AND meeting_id IN"
	" (SELECT id FROM engagement WHERE account_id IN (SELECT id FROM fact_ids))",
};
/* Our people belong to the team, not to an account: every load reads them
 * all (a hint may name any of them), a few rows whatever the scope. */
static const char sql_members[] = "SELECT id, tier, name, active FROM member ORDER BY id";
/* The factor step's column is the chain's text: whether it leaves the
 * need unknown is demand.h's to read (demand_steps_incomplete). */
#define DRIVER_HEAD "SELECT account_id, metric, value IS NULL, growth IS NULL, steps, share IS NULL, id, growth" \
	" FROM demand_driver WHERE "
static const char *const sql_drivers[] = {
	DRIVER_HEAD "account_id = ?1 ORDER BY id",
	DRIVER_HEAD "?1 = 0 ORDER BY id",
	DRIVER_HEAD "?1 = 0 AND account_id IN (SELECT id FROM fact_ids) ORDER BY id",
};
/* Every order, streamed: the trend window's sums by currency and quarter
 * and the latest month with an order are folded in C. Grouping them in the
 * query costs a sort of the whole table, ten times the scan. */
#define ORDER_HEAD "SELECT account_id, currency, period, amount FROM customer_order WHERE "
static const char *const sql_orders[] = {
	ORDER_HEAD "account_id = ?1",
	ORDER_HEAD "?1 = 0",
	ORDER_HEAD "?1 = 0 AND account_id IN (SELECT id FROM fact_ids)",
};
/* Gives and takes, streamed: one_sided counts them per month in C. */
#define EXCHANGE_HEAD "SELECT account_id, happened_on, CASE WHEN direction = 'take' THEN 1 ELSE 0 END FROM exchange WHERE "
static const char *const sql_exchanges[] = {
	EXCHANGE_HEAD "account_id = ?1",
	EXCHANGE_HEAD "?1 = 0",
	EXCHANGE_HEAD "?1 = 0 AND account_id IN (SELECT id FROM fact_ids)",
};
/* Every advocacy, streamed: the last FACT_ASKED_DAYS days' asks
 * (reference_fatigue), each contact's latest (advocate_untapped, whatever
 * its age) and the consents still running (consent_expiring) are folded
 * in C from the one read. */
#define ASKED_HEAD "SELECT account_id, contact_id, asked_on, id, consent_until FROM advocacy WHERE "
static const char *const sql_asked[] = {
	ASKED_HEAD "account_id = ?1",
	ASKED_HEAD "?1 = 0",
	ASKED_HEAD "?1 = 0 AND account_id IN (SELECT id FROM fact_ids)",
};
/* orders_missing is quiet in a store that records no order at all. */
static const char sql_orders_any[] = "SELECT EXISTS (SELECT 1 FROM customer_order)";
/* ISO dates compare as strings, so expired snoozes are dropped by the query. */
#define SNOOZE_HEAD "SELECT account_id, rule, question, until_on, reason, created_on, author FROM snooze WHERE "
static const char *const sql_snoozes[] = {
	SNOOZE_HEAD "account_id = ?1 AND until_on >= ?2",
	SNOOZE_HEAD "?1 = 0 AND until_on >= ?2",
	SNOOZE_HEAD "?1 = 0 AND account_id IN (SELECT id FROM fact_ids) AND until_on >= ?2",
};

/* The days accounts were reviewed (done_at is a UTC stamp; its day is
 * what counts); the latest of each is kept in C. */
#define REVIEW_HEAD "SELECT account_id, substr(done_at, 1, 10) FROM review_account WHERE state = 'reviewed' AND "
static const char *const sql_reviews[] = {
	REVIEW_HEAD "account_id = ?1",
	REVIEW_HEAD "?1 = 0",
	REVIEW_HEAD "?1 = 0 AND account_id IN (SELECT id FROM fact_ids)",
};
/* Confirmations that an answer still holds, with the answer's question: a
 * confirmation of the current answer (the newest, as load_answers keeps it)
 * moves the day its age counts from; one of an older answer does not. */
#define CONFIRM_HEAD "SELECT c.account_id, a.question, c.answer_id, c.confirmed_on FROM confirmation c" \
	" JOIN answer a ON a.id = c.answer_id WHERE "
static const char *const sql_confirmations[] = {
	CONFIRM_HEAD "c.account_id = ?1",
	CONFIRM_HEAD "?1 = 0",
	CONFIRM_HEAD "?1 = 0 AND c.account_id IN (SELECT id FROM fact_ids)",
};
/* The flags the last check recorded (store_flags_seen), for flag_unowned,
 * and whether each was last seen on the day of the load (?2). */
#define SEEN_HEAD "SELECT account_id, rule, question, first_seen, last_seen = ?2 FROM flag_seen WHERE "
static const char *const sql_seen[] = {
	SEEN_HEAD "account_id = ?1",
	SEEN_HEAD "?1 = 0",
	SEEN_HEAD "?1 = 0 AND account_id IN (SELECT id FROM fact_ids)",
};

/* Open actions, the flag each answers ("RULE" or "RULE/QUESTION", or
 * none), with their owner's name. */
#define HAND_HEAD "SELECT x.account_id, coalesce(x.flag, ''), coalesce((SELECT m.name FROM member m " \
	"WHERE m.id = x.owner_id), ''), x.due_on, x.id, x.title, x.tier FROM action x WHERE x.status = 'open' AND "
static const char *const sql_hands[] = {
	HAND_HEAD "x.account_id = ?1",
	HAND_HEAD "?1 = 0",
	HAND_HEAD "?1 = 0 AND x.account_id IN (SELECT id FROM fact_ids)",
};

typedef struct id_slot {
	long long id;
	size_t idx;
} id_slot;

typedef struct qid_slot {
	const char *id;
	size_t idx;
} qid_slot;

#define DATE_LEN 10
#define DATE_CACHE 4096

typedef struct date_slot {
	char text[DATE_LEN];
	int days;
} date_slot;

/* An answer's `by` as written, and the member it names (1 + index, 0 none). */
typedef struct author_slot {
	char *text;
	size_t len;
	unsigned short member;
} author_slot;

/* State of one load: the maps from store ids to fact indexes. */
typedef struct loader {
	store *s;
	const qbank *qb;
	facts *f;
	int scope;
	long long account;
	id_slot *ids;       /* sorted by id */
	qid_slot *qids;     /* sorted by question id */
	long long last_id;  /* rows come grouped by account: remember the last lookup */
	size_t last_idx;
	int last_found;
	date_slot *dates;
	long today;
	char **member_keys;    /* per member, ap_name_key of its name */
	author_slot *authors;  /* open addressing, cap_authors a power of two */
	size_t nauthors, cap_authors;
	const author_slot *last_author;  /* answers come by account: often the same `by` again */
	long long *newest;     /* per answer cell, the id of the current answer (0 none) */
	size_t *names;         /* flag_seen's names: 1 + index into f->seen_names, open addressing */
	size_t cap_names;
	unsigned last_rule, last_question;   /* the names of the row before (UINT_MAX: none) */
} loader;

static int by_id(const void *a, const void *b)
{
	long long x = ((const id_slot *)a)->id, y = ((const id_slot *)b)->id;
	return (x > y) - (x < y);
}

static int by_qid(const void *a, const void *b)
{
	return strcmp(((const qid_slot *)a)->id, ((const qid_slot *)b)->id);
}

/* Index of the account with store id `id`; 0 when it is not in scope. */
static int account_index(loader *l, long long id, size_t *idx)
{
	if (id != l->last_id) {
		id_slot key = {id, 0};
		const id_slot *hit = bsearch(&key, l->ids, l->f->nacc, sizeof *l->ids, by_id);
		l->last_id = id;
		l->last_found = hit != NULL;
		l->last_idx = hit ? hit->idx : 0;
	}
	*idx = l->last_idx;
	return l->last_found;
}

static int question_index(const loader *l, const char *id, size_t *idx)
{
	qid_slot key = {id, 0};
	const qid_slot *hit = bsearch(&key, l->qids, l->qb->n, sizeof *l->qids, by_qid);
	if (hit)
		*idx = hit->idx;
	return hit != NULL;
}

static db_stmt *scoped(loader *l, const char *const *pair, const char *doing, ap_err *e)
{
	db_stmt *st = st_prep(l->s, pair[l->scope], doing, e);
	if (st)
		db_bind_int64(st, 1, l->account);
	return st;
}

/* The same, with the day of the load as ?2 (ISO dates compare as strings). */
static db_stmt *scoped_today(loader *l, const char *const *pair, const char *doing, ap_err *e)
{
	char day[11];
	db_stmt *st = scoped(l, pair, doing, e);
	ap_date_format(l->today, day);
	if (st)
		db_bind_text(st, 2, day);
	return st;
}

static int rows_end(loader *l, db_stmt *st, int rc, const char *doing, ap_err *e)
{
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(l->s, rc, doing, e);
}

/* A portfolio has a few thousand distinct dates over hundreds of thousands of
 * rows: parsed ones are remembered in a small direct-mapped cache. */
static int col_date(loader *l, db_stmt *st, int i)
{
	const char *t = (const char *)db_col_text(st, i);
	if (!t || db_col_bytes(st, i) != DATE_LEN)
		return 0;
	unsigned h = 0;
	for (int k = 0; k < DATE_LEN; k++)
		h = h * 31 + (unsigned char)t[k];
	date_slot *d = &l->dates[h % DATE_CACHE];
	if (memcmp(d->text, t, DATE_LEN) != 0) {
		long days = 0;
		d->days = ap_date_parse(t, &days) == 0 ? (int)days : 0;
		memcpy(d->text, t, DATE_LEN);
	}
	return d->days;
}

static int load_accounts(loader *l, ap_err *e)
{
	static const char doing[] = "reading accounts for the rules";
	db_stmt *st = scoped(l, sql_accounts, doing, e);
	if (!st)
		return AP_ESTORE;
	AP_VEC(fact_account) acc = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		fact_account *a = ap_vec_push(&acc);
		a->id = db_col_int64(st, 0);
		a->name = col_text(st, 1);
		a->segment = col_name(st, 2, &ap_segments);
		a->created = col_date(l, st, 3);
		a->last_order = -1;
	}
	l->f->acc = acc.v;
	l->f->nacc = acc.n;
	rc = rows_end(l, st, rc, doing, e);
	if (!rc && l->scope == ONE && acc.n == 0)
		rc = ap_fail(e, AP_EINPUT, "unknown account #%lld", l->account);
	if (rc)
		return rc;
	l->ids = xmalloc((acc.n ? acc.n : 1) * sizeof *l->ids);
	for (size_t i = 0; i < acc.n; i++)
		l->ids[i] = (id_slot){acc.v[i].id, i};
	qsort(l->ids, acc.n, sizeof *l->ids, by_id);
	l->last_id = -1;
	return AP_OK;
}

/* Each row whose first column is an account in scope goes to fn; one loop for
 * every kind of fact. */
typedef void (*row_fn)(loader *l, db_stmt *st, size_t account, void *ctx);

static int each_row(loader *l, db_stmt *st, const char *doing, row_fn fn, void *ctx, ap_err *e)
{
	if (!st)
		return AP_ESTORE;
	int rc;
	size_t a;
	while ((rc = db_step(st)) == DB_ROW)
		if (account_index(l, db_col_int64(st, 0), &a))
			fn(l, st, a, ctx);
	return rows_end(l, st, rc, doing, e);
}

/* ---- our people ---- */

static int member_by_id(const void *a, const void *b)
{
	long long x = ((const fact_member *)a)->id, y = ((const fact_member *)b)->id;
	return (x > y) - (x < y);
}

/* Index of member `id` in facts.mem (sorted by id), -1 when unknown. */
static int member_index(const loader *l, long long id)
{
	fact_member key = {.id = id};
	const fact_member *hit = bsearch(&key, l->f->mem, l->f->nmem, sizeof key, member_by_id);
	return hit ? (int)(hit - l->f->mem) : -1;
}

static int load_members(loader *l, ap_err *e)
{
	static const char doing[] = "reading members for the rules";
	db_stmt *st = st_prep(l->s, sql_members, doing, e);
	if (!st)
		return AP_ESTORE;
	AP_VEC(fact_member) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		*ap_vec_push(&v) = (fact_member){db_col_int64(st, 0), col_text(st, 2),
			(signed char)col_name(st, 1, &ap_tiers), (unsigned char)(db_col_int(st, 3) != 0)};
	l->f->mem = v.v;
	l->f->nmem = v.n;
	l->member_keys = xmalloc((v.n + 1) * sizeof *l->member_keys);
	for (size_t i = 0; i < v.n; i++)
		l->member_keys[i] = ap_name_key(v.v[i].name);
	return rows_end(l, st, rc, doing, e);
}

/* The member a `by` names, compared as names are: keyed once per distinct
 * text, so a portfolio of few authors over many answers keys a few names. */
static unsigned short author_lookup(const loader *l, const char *text)
{
	char *key = ap_name_key(text);
	unsigned short found = 0;
	for (size_t i = 0; !found && i < l->f->nmem && i < USHRT_MAX; i++)
		if (strcmp(key, l->member_keys[i]) == 0)
			found = (unsigned short)(i + 1);
	free(key);
	return found;
}

static size_t author_hash(const char *text, size_t len) { return (size_t)ap_hash(AP_HASH_START, text, len); }

static void authors_grow(loader *l)
{
	author_slot *old = l->authors;
	size_t old_cap = l->cap_authors;
	l->cap_authors = old_cap ? 2 * old_cap : 64;
	l->authors = xcalloc(l->cap_authors, sizeof *l->authors);
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].text) {
			size_t h = author_hash(old[i].text, old[i].len);
			while (l->authors[h &= l->cap_authors - 1].text)
				h++;
			l->authors[h] = old[i];
		}
	free(old);
}

/* 1 + index of the member who wrote an answer whose `by` is text[0, len),
 * 0 when it names none (or the store has no members: nothing to look up). */
static unsigned short author_member(loader *l, const char *text, size_t len)
{
	const author_slot *last = l->last_author;
	if (!l->f->nmem || !text || !len)
		return 0;
	if (last && last->len == len && memcmp(last->text, text, len) == 0)
		return last->member;
	if (2 * (l->nauthors + 1) > l->cap_authors)
		authors_grow(l);
	for (size_t h = author_hash(text, len);; h++) {
		author_slot *a = &l->authors[h &= l->cap_authors - 1];
		if (!a->text) {
			*a = (author_slot){xstrndup(text, len), len, 0};
			a->member = author_lookup(l, a->text);
			l->nauthors++;
		}
		if (a->len == len && memcmp(a->text, text, len) == 0) {
			l->last_author = a;
			return a->member;
		}
	}
}

/* ---- answers ---- */

/* Keeps the newest row of each (account, question); newest[] holds their ids. */
static void answer_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	long long *newest = ctx, id = db_col_int64(st, 2);
	facts *f = l->f;
	size_t q;
	if (!question_index(l, (const char *)db_col_text(st, 1), &q) || id < newest[a * f->nquestions + q])
		return;
	const qb_question *qq = &l->qb->q[q];
	newest[a * f->nquestions + q] = id;
	f->ans[a * f->nquestions + q] = (fact_answer){
		.date = col_date(l, st, 5),
		.source = (signed char)col_name(st, 3, &ap_sources),
		.confidence = (signed char)col_name(st, 4, &ap_confidences),
		.option = (signed char)(qq->type == QB_CHOICE
			? qbank_option(qq, (const char *)db_col_text(st, 6)) : -1),
		.present = 1,
		.author = author_member(l, (const char *)db_col_text(st, 7), (size_t)db_col_bytes(st, 7)),
	};
}

/* The newest answer ids stay in l->newest for load_confirmations. */
static int load_answers(loader *l, ap_err *e)
{
	static const char doing[] = "reading answers for the rules";
	facts *f = l->f;
	f->nquestions = l->qb->n;
	size_t cells = f->nacc * f->nquestions;
	f->ans = xcalloc(cells + 1, sizeof *f->ans);
	l->newest = xcalloc(cells + 1, sizeof *l->newest);
	return each_row(l, scoped(l, sql_answers, doing, e), doing, answer_row, l->newest, e);
}

static void confirmation_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	(void)ctx;
	size_t q, cell;
	if (!question_index(l, (const char *)db_col_text(st, 1), &q))
		return;
	cell = a * l->f->nquestions + q;
	int day = col_date(l, st, 3);
	if (l->newest[cell] == db_col_int64(st, 2) && day > l->f->ans[cell].confirmed)
		l->f->ans[cell].confirmed = day;
}

static int load_confirmations(loader *l, ap_err *e)
{
	static const char doing[] = "reading which answers were confirmed for the rules";
	return each_row(l, scoped(l, sql_confirmations, doing, e), doing, confirmation_row, NULL, e);
}

static void review_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	(void)ctx;
	int day = col_date(l, st, 1);
	if (day > l->f->acc[a].reviewed)
		l->f->acc[a].reviewed = day;
}

static int load_reviews(loader *l, ap_err *e)
{
	static const char doing[] = "reading when the accounts were reviewed for the rules";
	return each_row(l, scoped(l, sql_reviews, doing, e), doing, review_row, NULL, e);
}

/* Rows of elem bytes rearranged so that each account's are contiguous and keep
 * the order they came in (a counting sort); (*start)[a] .. (*start)[a + 1] are
 * the rows of account a. Frees rows and acct; caller frees the result and *start. */
static void *group_by_account(const loader *l, void *rows, size_t elem, size_t *acct, size_t nrows, size_t **start)
{
	size_t nacc = l->f->nacc;
	size_t *s = xcalloc(nacc + 2, sizeof *s), *next = xmalloc((nacc + 1) * sizeof *next);
	for (size_t i = 0; i < nrows; i++)
		s[acct[i] + 1]++;
	for (size_t a = 0; a < nacc; a++)
		s[a + 1] += s[a];
	char *out = xmalloc((nrows + 1) * elem);
	memcpy(next, s, (nacc + 1) * sizeof *next);
	for (size_t i = 0; i < nrows; i++)
		memcpy(out + next[acct[i]]++ * elem, (char *)rows + i * elem, elem);
	free(next);
	free(rows);
	free(acct);
	*start = s;
	return out;
}

/* Rows collected before they are grouped by account. */
typedef struct con_rows {
	AP_VEC(fact_contact) rows;
	AP_VEC(size_t) acct;
	ap_buf text;
} con_rows;

static void contact_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	con_rows *r = ctx;
	fact_account *acc = &l->f->acc[a];
	int tier = col_name(st, 1, &ap_tiers), role = col_name(st, 2, &ap_roles);
	acc->contacts++;
	if (tier >= 0)
		acc->contacts_by_tier[tier]++;
	if (role >= 0)
		acc->roles |= 1u << role;
	*ap_vec_push(&r->acct) = a;
	*ap_vec_push(&r->rows) = (fact_contact){
		.id = db_col_int64(st, 3),
		.owner = db_col_null(st, 4) ? -1 : member_index(l, db_col_int64(st, 4)),
		.name = (unsigned)r->text.len,
		.role = (signed char)role,
		.level = (signed char)col_name(st, 5, &ap_levels),
		.stance = (signed char)col_name(st, 6, &ap_stances),
		.influence = (signed char)col_name(st, 7, &ap_influences),
	};
	const char *name = db_col_text(st, 8);
	buf_add(&r->text, name ? name : "", name ? (size_t)db_col_bytes(st, 8) : 0);
	buf_add(&r->text, "", 1);
}

static int contact_by_id(const void *a, const void *b)
{
	long long x = ((const fact_contact *)a)->id, y = ((const fact_contact *)b)->id;
	return (x > y) - (x < y);
}

static int load_contacts(loader *l, ap_err *e)
{
	static const char doing[] = "reading contacts for the rules";
	con_rows r = {0};
	int rc = each_row(l, scoped(l, sql_contacts, doing, e), doing, contact_row, &r, e);
	facts *f = l->f;
	f->con = group_by_account(l, r.rows.v, sizeof *r.rows.v, r.acct.v, r.rows.n, &f->con_start);
	f->ncon = r.rows.n;
	f->text = buf_steal(&r.text);
	for (size_t a = 0; a < f->nacc; a++)
		qsort(f->con + f->con_start[a], f->con_start[a + 1] - f->con_start[a], sizeof *f->con, contact_by_id);
	return rc;
}

/* The same for engagements and drivers. */
typedef struct eng_rows {
	AP_VEC(fact_engagement) rows;
	AP_VEC(size_t) acct;
} eng_rows;

typedef struct drv_rows {
	AP_VEC(fact_driver) rows;
	AP_VEC(size_t) acct;
} drv_rows;

static void engagement_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	eng_rows *r = ctx;
	int tier = col_name(st, 1, &ap_tiers), kind = col_name(st, 3, &ap_meetkinds), news = col_name(st, 4, &ap_news);
	if (tier < 0 || kind < 0)
		return;
	*ap_vec_push(&r->acct) = a;
	*ap_vec_push(&r->rows) = (fact_engagement){db_col_int64(st, 6), col_date(l, st, 2), (unsigned char)tier,
		(unsigned char)kind, (unsigned char)(news < 0 ? NEWS_NONE : news), (unsigned char)(db_col_int(st, 5) != 0)};
}

/* Of two meetings on one day the one recorded later counts as the newer, so
 * the meeting a flag names does not depend on the order rows came in. */
static int newest_first(const void *a, const void *b)
{
	const fact_engagement *x = a, *y = b;
	if (x->date != y->date)
		return (y->date > x->date) - (y->date < x->date);
	return (y->id > x->id) - (y->id < x->id);
}

/* The held meetings as read, by id: the rows themselves when they came so
 * (a table scan), else an order of them. */
typedef struct held_index {
	const eng_rows *r;
	id_slot *order;           /* (id, row) by id; NULL: r's rows are by id */
	size_t at;                /* where the last search ended */
} held_index;

/* The row at position i of the order by id. */
static size_t held_pos(const held_index *h, size_t i) { return h->order ? h->order[i].idx : i; }
static const fact_engagement *held_row(const held_index *h, size_t i) { return &h->r->rows.v[held_pos(h, i)]; }

static void held_index_init(held_index *h, const eng_rows *r)
{
	*h = (held_index){r, NULL, 0};
	for (size_t i = 1; i < r->rows.n && !h->order; i++)
		if (r->rows.v[i - 1].id > r->rows.v[i].id) {
			h->order = xmalloc(r->rows.n * sizeof *h->order);
			for (size_t k = 0; k < r->rows.n; k++)
				h->order[k] = (id_slot){r->rows.v[k].id, k};
			qsort(h->order, r->rows.n, sizeof *h->order, by_id);
		}
}

/* Position of meeting id among the rows, or (size_t)-1. Attendees come by
 * meeting from a scan of meeting_contact's key, so the search goes on
 * from where the last one ended, and halves only when that is far. */
static size_t held_find(held_index *h, long long id)
{
	size_t lo = 0, hi = h->r->rows.n, n = hi;
	for (int step = 0; step < 4 && h->at < n && held_row(h, h->at)->id <= id; step++, h->at++)
		if (held_row(h, h->at)->id == id)
			return h->at;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		long long m = held_row(h, mid)->id;
		if (m == id)
			return h->at = mid;
		if (m < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

/* Each contact's newest held meeting up to today, from the rows of
 * (meeting, contact) and the meetings just read. */
static int load_touches(loader *l, const eng_rows *r, ap_err *e)
{
	static const char doing[] = "reading who attended the meetings for the rules";
	facts *f = l->f;
	db_stmt *st = scoped(l, sql_touches, doing, e);
	if (!st)
		return AP_ESTORE;
	held_index h;
	held_index_init(&h, r);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		size_t i = held_find(&h, db_col_int64(st, 0));
		const fact_engagement *m = i == (size_t)-1 ? NULL : held_row(&h, i);
		size_t a = m ? r->acct.v[held_pos(&h, i)] : 0;
		fact_contact key = {.id = db_col_int64(st, 1)};
		fact_contact *c = m && m->date <= l->today ? bsearch(&key, f->con + f->con_start[a],
			f->con_start[a + 1] - f->con_start[a], sizeof key, contact_by_id) : NULL;
		if (c && m->date > c->last)
			c->last = m->date;
	}
	free(h.order);
	return rows_end(l, st, rc, doing, e);
}

static int load_engagements(loader *l, ap_err *e)
{
	static const char doing[] = "reading engagements for the rules";
	eng_rows r = {0};
	int rc = each_row(l, scoped(l, sql_engagements, doing, e), doing, engagement_row, &r, e);
	if (!rc)
		rc = load_touches(l, &r, e);
	facts *f = l->f;
	f->eng = group_by_account(l, r.rows.v, sizeof *r.rows.v, r.acct.v, r.rows.n, &f->eng_start);
	f->neng = r.rows.n;
	for (size_t a = 0; a < f->nacc; a++)
		qsort(f->eng + f->eng_start[a], f->eng_start[a + 1] - f->eng_start[a], sizeof *f->eng, newest_first);
	return rc;
}

static void driver_clear(fact_driver *d) { free(d->metric); }

static void driver_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	(void)l;
	drv_rows *r = ctx;
	fact_driver *d = ap_vec_push(&r->rows);
	*ap_vec_push(&r->acct) = a;
	d->id = db_col_int64(st, 2 + STEP_COUNT);
	for (int step = 0; step < STEP_COUNT; step++)
		if (step == STEP_FACTOR ? demand_steps_incomplete(db_col_text(st, 2 + step))
		                        : db_col_int(st, 2 + step))
			d->missing |= 1u << step;
	d->growth = d->missing & (1u << STEP_GROWTH) ? NAN : db_col_double(st, 3 + STEP_COUNT);
	if (d->missing || !isnan(d->growth))
		d->metric = col_text(st, 1);
}

static int load_drivers(loader *l, ap_err *e)
{
	static const char doing[] = "reading demand drivers for the rules";
	drv_rows r = {0};
	int rc = each_row(l, scoped(l, sql_drivers, doing, e), doing, driver_row, &r, e);
	l->f->drv = group_by_account(l, r.rows.v, sizeof *r.rows.v, r.acct.v, r.rows.n, &l->f->drv_start);
	l->f->ndrv = r.rows.n;
	return rc;
}

/* ---- orders ---- */

typedef struct ord_rows {
	AP_VEC(trend_sum) rows;
	AP_VEC(size_t) acct;
	int first, now;   /* the trend window's first month, and today's */
} ord_rows;

/* An order with an amount above zero is one (a credit note is not), up
 * to today's month; within the window it joins its quarter's sum, the
 * row before's when that is the same account, quarter and currency. */
static void order_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	ord_rows *r = ctx;
	int month = trend_period_month((const char *)db_col_text(st, 2)), q = (month - r->first) / 3;
	const char *cur = (const char *)db_col_text(st, 1);
	long long minor = db_col_int64(st, 3);
	fact_account *acc = &l->f->acc[a];
	if (month < 0 || month > r->now)
		return;
	if (minor > 0 && month > acc->last_order)
		acc->last_order = month;
	if (month < r->first || q >= TREND_QUARTERS || !cur)
		return;
	trend_sum *x = r->rows.n ? &r->rows.v[r->rows.n - 1] : NULL;
	if (x && r->acct.v[r->acct.n - 1] == a && x->quarter == q && strcmp(x->currency, cur) == 0) {
		x->minor += minor;
		return;
	}
	x = ap_vec_push(&r->rows);
	*ap_vec_push(&r->acct) = a;
	snprintf(x->currency, sizeof x->currency, "%s", cur);
	x->quarter = q;
	x->minor = minor;
}

static int load_orders(loader *l, ap_err *e)
{
	static const char doing[] = "reading orders for the rules";
	ord_rows r = {0};
	int last;
	char day[11];
	trend_window(l->today, &r.first, &last);
	ap_date_format(l->today, day);
	day[7] = '\0';
	r.now = trend_month(day);
	int rc = each_row(l, scoped(l, sql_orders, doing, e), doing, order_row, &r, e);
	l->f->ord = group_by_account(l, r.rows.v, sizeof *r.rows.v, r.acct.v, r.rows.n, &l->f->ord_start);
	l->f->nord = r.rows.n;
	db_stmt *st = rc ? NULL : st_prep(l->s, sql_orders_any, doing, e);
	if (!st)
		return rc ? rc : AP_ESTORE;
	int step = db_step(st);
	l->f->orders_any = step == DB_ROW && db_col_int64(st, 0) != 0;
	return rows_end(l, st, step == DB_ROW ? DB_DONE : step, doing, e);
}

/* ---- gives and takes, and advocacy ---- */

typedef struct xch_rows {
	AP_VEC(fact_exchange) rows;
	AP_VEC(size_t) acct;
	int now;   /* today's month */
} xch_rows;

/* A give or take up to today's month (the last day counts in the
 * balance's window, a day ahead does not). */
static void exchange_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	(void)l;
	xch_rows *r = ctx;
	const char *day = (const char *)db_col_text(st, 1);
	char month[8];
	snprintf(month, sizeof month, "%.7s", day ? day : "");
	int m = trend_period_month(month);
	if (m < 0 || m > r->now)
		return;
	*ap_vec_push(&r->rows) = (fact_exchange){m, db_col_int64(st, 2) != 0};
	*ap_vec_push(&r->acct) = a;
}

static int load_exchanges(loader *l, ap_err *e)
{
	static const char doing[] = "reading gives and takes for the rules";
	xch_rows r = {0};
	char day[11];
	ap_date_format(l->today, day);
	day[7] = '\0';
	r.now = trend_month(day);
	int rc = each_row(l, scoped(l, sql_exchanges, doing, e), doing, exchange_row, &r, e);
	l->f->xch = group_by_account(l, r.rows.v, sizeof *r.rows.v, r.acct.v, r.rows.n, &l->f->xch_start);
	l->f->nxch = r.rows.n;
	return rc;
}

typedef struct ask_rows {
	AP_VEC(fact_asked) rows;
	AP_VEC(size_t) acct;
	AP_VEC(fact_consent) consents;
	AP_VEC(size_t) consent_acct;
	int since;   /* the first of the last FACT_ASKED_DAYS days */
} ask_rows;

/* An advocacy up to today, of a contact the account's facts hold (sorted
 * by id, see load_contacts): an ask when of the last FACT_ASKED_DAYS
 * days, the contact's latest, and a consent when it runs until today or
 * later. One dated ahead has not happened yet, its consent with it. */
static void asked_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	ask_rows *r = ctx;
	const fact_contact key = {.id = db_col_int64(st, 1)};
	int day = col_date(l, st, 2), until = col_date(l, st, 4);
	fact_contact *c = bsearch(&key, l->f->con + l->f->con_start[a], l->f->con_start[a + 1] - l->f->con_start[a],
		sizeof key, contact_by_id);
	if (!c || day > l->today)
		return;
	size_t k = (size_t)(c - l->f->con);
	if (day > c->asked)
		c->asked = day;
	if (day >= r->since) {
		*ap_vec_push(&r->rows) = (fact_asked){k, day};
		*ap_vec_push(&r->acct) = a;
	}
	if (until && until >= l->today) {
		*ap_vec_push(&r->consents) = (fact_consent){db_col_int64(st, 3), k, until};
		*ap_vec_push(&r->consent_acct) = a;
	}
}

static int load_asked(loader *l, ap_err *e)
{
	static const char doing[] = "reading advocacy for the rules";
	ask_rows r = {0};
	long first;
	if (ap_date_add(l->today, -(FACT_ASKED_DAYS - 1), &first) != 0)
		first = l->today;
	r.since = (int)first;
	int rc = each_row(l, scoped(l, sql_asked, doing, e), doing, asked_row, &r, e);
	l->f->ask = group_by_account(l, r.rows.v, sizeof *r.rows.v, r.acct.v, r.rows.n, &l->f->ask_start);
	l->f->nask = r.rows.n;
	l->f->cns = group_by_account(l, r.consents.v, sizeof *r.consents.v, r.consent_acct.v, r.consents.n,
		&l->f->cns_start);
	l->f->ncns = r.consents.n;
	return rc;
}

static int snooze_order(const void *a, const void *b)
{
	const fact_snooze *x = a, *y = b;
	if (x->account != y->account)
		return (x->account > y->account) - (x->account < y->account);
	int c = strcmp(x->rule, y->rule);
	return c ? c : strcmp(x->question, y->question);
}

static void snooze_clear(fact_snooze *z)
{
	free(z->rule);
	free(z->question);
	free(z->until);
	free(z->reason);
	free(z->created);
	free(z->by);
}

typedef AP_VEC(fact_snooze) snz_rows;

static void snooze_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	(void)l;
	fact_snooze *z = ap_vec_push((snz_rows *)ctx);
	z->account = a;
	z->rule = col_text(st, 1);
	z->question = col_text(st, 2);
	z->until = col_text(st, 3);
	z->reason = col_text(st, 4);
	z->created = col_text(st, 5);
	z->by = col_text(st, 6);
}

static int load_snoozes(loader *l, ap_err *e)
{
	static const char doing[] = "reading snoozes for the rules";
	snz_rows rows = {0};
	int rc = each_row(l, scoped_today(l, sql_snoozes, doing, e), doing, snooze_row, &rows, e);
	if (rows.n)
		qsort(rows.v, rows.n, sizeof *rows.v, snooze_order);
	l->f->snz = rows.v;
	l->f->nsnz = rows.n;
	return rc;
}

static int hand_order(const void *a, const void *b)
{
	const fact_hand *x = a, *y = b;
	if (x->account != y->account)
		return (x->account > y->account) - (x->account < y->account);
	int c = strcmp(x->rule, y->rule);
	if (!c)
		c = strcmp(x->question, y->question);
	return c ? c : strcmp(x->due, y->due);
}

static void hand_clear(fact_hand *h)
{
	free(h->rule);
	free(h->question);
	free(h->owner);
	free(h->due);
	free(h->title);
}

typedef AP_VEC(fact_hand) hand_rows;

static void hand_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	fact_hand *h = ap_vec_push((hand_rows *)ctx);
	const char *flag = (const char *)db_col_text(st, 1), *slash = strchr(flag, '/');
	h->account = a;
	h->rule = slash ? xstrndup(flag, (size_t)(slash - flag)) : xstrdup(flag);
	h->question = xstrdup(slash ? slash + 1 : "");
	h->owner = col_text(st, 2);
	h->due = col_text(st, 3);
	h->id = db_col_int64(st, 4);
	h->title = col_text(st, 5);
	h->tier = col_name(st, 6, &ap_tiers);
	h->due_day = col_date(l, st, 3);
}

static int load_hands(loader *l, ap_err *e)
{
	static const char doing[] = "reading the actions on flags for the rules";
	hand_rows rows = {0};
	int rc = each_row(l, scoped(l, sql_hands, doing, e), doing, hand_row, &rows, e);
	if (rows.n)
		qsort(rows.v, rows.n, sizeof *rows.v, hand_order);
	facts *f = l->f;
	f->hand = rows.v;
	f->nhand = rows.n;
	/* Where each account's start, so a flag finds its account's few at once. */
	f->hand_start = xcalloc(f->nacc + 1, sizeof *f->hand_start);
	for (size_t i = 0; i < rows.n; i++)
		f->hand_start[rows.v[i].account + 1]++;
	for (size_t a = 0; a < f->nacc; a++)
		f->hand_start[a + 1] += f->hand_start[a];
	return rc;
}

/* ---- the flags the last check saw ---- */

/* A portfolio's recorded flags name a few dozen rules and questions over
 * hundreds of thousands of rows: each name is kept once, found by hash. */
static unsigned seen_name(loader *l, const char *text, unsigned *last)
{
	facts *f = l->f;
	const char *t = text ? text : "";
	/* A rule's flags, one per question, were recorded one after another. */
	if (*last < f->nseen_names && strcmp(f->seen_names[*last], t) == 0)
		return *last;
	size_t len = strlen(t);
	if (2 * (f->nseen_names + 1) > l->cap_names) {
		free(l->names);
		l->cap_names = l->cap_names ? 2 * l->cap_names : 64;
		l->names = xcalloc(l->cap_names, sizeof *l->names);
		for (size_t i = 0; i < f->nseen_names; i++) {
			const char *n = f->seen_names[i];
			size_t h = (size_t)ap_hash(AP_HASH_START, n, strlen(n));
			while (l->names[h &= l->cap_names - 1])
				h++;
			l->names[h] = i + 1;
		}
	}
	for (size_t h = (size_t)ap_hash(AP_HASH_START, t, len);; h++) {
		size_t *slot = &l->names[h &= l->cap_names - 1];
		if (!*slot) {
			f->seen_names = xrealloc(f->seen_names, (f->nseen_names + 1) * sizeof *f->seen_names);
			f->seen_names[f->nseen_names++] = xstrndup(t, len);
			*slot = f->nseen_names;
		}
		if (strcmp(f->seen_names[*slot - 1], t) == 0)
			return *last = (unsigned)(*slot - 1);
	}
}

/* A row as read, with its account; grouped by account once all are read. */
typedef struct seen_read {
	fact_seen row;
	uint32_t acct;
} seen_read;

typedef AP_VEC(seen_read) seen_rows;

static void seen_row(loader *l, db_stmt *st, size_t a, void *ctx)
{
	l->f->seen_stale += !db_col_int(st, 4);
	*ap_vec_push((seen_rows *)ctx) = (seen_read){{seen_name(l, (const char *)db_col_text(st, 1), &l->last_rule),
		seen_name(l, (const char *)db_col_text(st, 2), &l->last_question), col_date(l, st, 3)}, (uint32_t)a};
}

/* As group_by_account, with the account beside each row: one array the
 * size of the rows while reading instead of two. */
static int load_seen(loader *l, ap_err *e)
{
	static const char doing[] = "reading which flags were seen for the rules";
	seen_rows r = {0};
	facts *f = l->f;
	int rc = each_row(l, scoped_today(l, sql_seen, doing, e), doing, seen_row, &r, e);
	size_t *s = f->seen_start = xcalloc(f->nacc + 2, sizeof *f->seen_start);
	for (size_t i = 0; i < r.n; i++)
		s[r.v[i].acct + 1]++;
	for (size_t a = 0; a < f->nacc; a++)
		s[a + 1] += s[a];
	f->seen = xmalloc((r.n + 1) * sizeof *f->seen);
	for (size_t i = 0; i < r.n; i++)
		f->seen[s[r.v[i].acct]++] = r.v[i].row;
	for (size_t a = f->nacc; a > 0; a--)
		s[a] = s[a - 1];
	s[0] = 0;
	f->nseen = r.n;
	free(r.v);
	return rc;
}

/* A deferred read transaction, so every fact comes from the same snapshot;
 * inside a caller's transaction that one already gives it. */
static int read_begin(store *s, int *began, ap_err *e)
{
	static const char begin[] = "BEGIN";
	*began = 0;
	if (s->depth > 0 || !!db_in_tx(s->db))
		return AP_OK;
	db_stmt *st = st_prep(s, begin, "starting to read for the rules", e);
	int rc = st ? st_exec(s, st, "starting to read for the rules", e) : AP_ESTORE;
	*began = rc == AP_OK;
	return rc;
}

static void read_end(store *s, int began)
{
	static const char commit[] = "COMMIT";
	db_stmt *st = began ? st_prep(s, commit, "finishing reading for the rules", NULL) : NULL;
	if (st)
		st_exec(s, st, "finishing reading for the rules", NULL);
}

/* The accounts of a SOME load, in the temporary table its statements read.
 * It lives in the connection's temp database, so filling it takes no lock on
 * the store: it works while another process writes. */
static int fill_ids(store *s, const long long *ids, size_t n, ap_err *e)
{
	static const char create[] = "CREATE TEMP TABLE IF NOT EXISTS fact_ids(id INTEGER PRIMARY KEY)";
	static const char clear[] = "DELETE FROM fact_ids";
	static const char add[] = "INSERT INTO fact_ids(id) VALUES (?1) ON CONFLICT DO NOTHING";
	static const char doing[] = "listing the accounts to check";
	db_stmt *st = st_prep(s, create, doing, e);
	int rc = st ? st_exec(s, st, doing, e) : AP_ESTORE;
	if (!rc)
		rc = (st = st_prep(s, clear, doing, e)) ? st_exec(s, st, doing, e) : AP_ESTORE;
	for (size_t i = 0; !rc && i < n; i++)
		if ((st = st_prep(s, add, doing, e)) == NULL)
			rc = AP_ESTORE;
		else {
			db_bind_int64(st, 1, ids[i]);
			rc = st_exec(s, st, doing, e);
		}
	return rc;
}

static void loader_free(loader *l)
{
	free(l->ids);
	free(l->qids);
	free(l->dates);
	for (size_t i = 0; l->member_keys && i < l->f->nmem; i++)
		free(l->member_keys[i]);
	free(l->member_keys);
	for (size_t i = 0; i < l->cap_authors; i++)
		free(l->authors[i].text);
	free(l->authors);
	free(l->newest);
	free(l->names);
}

static int load(loader *l, const long long *ids, size_t n, ap_err *e)
{
	const qbank *qb = l->qb;
	memset(l->f, 0, sizeof *l->f);
	l->qids = xmalloc((qb->n + 1) * sizeof *l->qids);
	l->dates = xcalloc(DATE_CACHE, sizeof *l->dates);
	for (size_t i = 0; i < qb->n; i++)
		l->qids[i] = (qid_slot){qb->q[i].id, i};
	qsort(l->qids, qb->n, sizeof *l->qids, by_qid);
	int began, rc = read_begin(l->s, &began, e);
	if (!rc) {
		if (l->scope == SOME)
			rc = fill_ids(l->s, ids, n, e);
		/* Members before answers and contacts, which name them; contacts
		 * before the meetings, which read who attended them. */
		if (!rc && !(rc = load_accounts(l, e)) && !(rc = load_members(l, e)) && !(rc = load_answers(l, e)) &&
		    !(rc = load_confirmations(l, e)) && !(rc = load_reviews(l, e)) &&
		    !(rc = load_contacts(l, e)) && !(rc = load_engagements(l, e)) && !(rc = load_drivers(l, e)) && !(rc = load_orders(l, e)) &&
		    !(rc = load_exchanges(l, e)) && !(rc = load_asked(l, e)) &&
		    !(rc = load_snoozes(l, e)) && !(rc = load_hands(l, e)))
			rc = load_seen(l, e);
		read_end(l->s, began);
	}
	loader_free(l);
	if (rc)
		store_facts_free(l->f);
	else {
		l->f->only = l->scope == ONE ? l->account : 0;
		l->f->set = l->scope == SOME;
	}
	return rc;
}

int store_facts_load(store *s, const qbank *qb, long long account, long today,
	facts *out, ap_err *e)
{
	loader l = {.s = s, .qb = qb, .f = out, .scope = account ? ONE : ALL, .account = account, .today = today,
		.last_rule = UINT_MAX, .last_question = UINT_MAX};
	return load(&l, NULL, 0, e);
}

int store_facts_load_set(store *s, const qbank *qb, const long long *ids, size_t n, long today,
	facts *out, ap_err *e)
{
	loader l = {.s = s, .qb = qb, .f = out, .scope = SOME, .account = 0, .today = today,
		.last_rule = UINT_MAX, .last_question = UINT_MAX};
	return load(&l, ids, n, e);
}

/* ---- recording the flags a check saw ---- */

/* Rows go 32 to a statement (one round trip to a server for 32 of them),
 * the rest one by one. A row's account, rule and question are parameters
 * 3k+2 .. 3k+4; ?1 is the day. SEEN_ROWS lists the 32 rows' parameters. */
#define SEEN_BATCH 32
#define SEEN_ROWS(R, SEP) \
	R(2, 3, 4) SEP R(5, 6, 7) SEP R(8, 9, 10) SEP R(11, 12, 13) SEP \
	R(14, 15, 16) SEP R(17, 18, 19) SEP R(20, 21, 22) SEP R(23, 24, 25) SEP \
	R(26, 27, 28) SEP R(29, 30, 31) SEP R(32, 33, 34) SEP R(35, 36, 37) SEP \
	R(38, 39, 40) SEP R(41, 42, 43) SEP R(44, 45, 46) SEP R(47, 48, 49) SEP \
	R(50, 51, 52) SEP R(53, 54, 55) SEP R(56, 57, 58) SEP R(59, 60, 61) SEP \
	R(62, 63, 64) SEP R(65, 66, 67) SEP R(68, 69, 70) SEP R(71, 72, 73) SEP \
	R(74, 75, 76) SEP R(77, 78, 79) SEP R(80, 81, 82) SEP R(83, 84, 85) SEP \
	R(86, 87, 88) SEP R(89, 90, 91) SEP R(92, 93, 94) SEP R(95, 96, 97)
#define SEEN_COMMA ","
#define SEEN_OR " OR "
#define SEEN_VALUES(a, b, c) "(?" #a ", ?" #b ", ?" #c ", ?1, ?1)"
#define SEEN_KEY(a, b, c) "(account_id = ?" #a " AND rule = ?" #b " AND question = ?" #c ")"
/* A row a concurrent check added first stays as that check wrote it. */
#define SEEN_INSERT "INSERT INTO flag_seen (account_id, rule, question, first_seen, last_seen) VALUES "
static const char sql_seen_add[] = SEEN_INSERT SEEN_VALUES(2, 3, 4) " ON CONFLICT DO NOTHING";
static const char sql_seen_add_many[] = SEEN_INSERT SEEN_ROWS(SEEN_VALUES, SEEN_COMMA) " ON CONFLICT DO NOTHING";
/* ?1 is bound, not used: the removals are numbered as the inserts, so
 * that one loop binds both. */
static const char sql_seen_drop[] = "DELETE FROM flag_seen WHERE " SEEN_KEY(2, 3, 4);
static const char sql_seen_drop_many[] = "DELETE FROM flag_seen WHERE " SEEN_ROWS(SEEN_KEY, SEEN_OR);
/* Every row of the evaluated accounts that is still there was seen again:
 * one statement over the scope, which after the first check of a day
 * changes no row (and then is not run at all). */
#define SEEN_TOUCH "UPDATE flag_seen SET last_seen = ?1 WHERE last_seen <> ?1 AND "
static const char *const sql_seen_touch[] = {
	SEEN_TOUCH "account_id = ?2",
	SEEN_TOUCH "?2 = 0",
	SEEN_TOUCH "?2 = 0 AND account_id IN (SELECT id FROM fact_ids)",
};

/* Insert or remove the rows of keys[0, n), SEEN_BATCH to a statement. */
static int seen_rows_write(store *s, const facts *f, const char *one, const char *many, const fact_flag *keys,
	size_t n, const char *day, const char *doing, ap_err *e)
{
	int rc = AP_OK;
	for (size_t i = 0; !rc && i < n;) {
		size_t k = n - i >= SEEN_BATCH ? SEEN_BATCH : 1;
		db_stmt *st = st_prep(s, k > 1 ? many : one, doing, e);
		if (!st)
			return AP_ESTORE;
		db_bind_text(st, 1, day);
		for (size_t j = 0; j < k; j++, i++) {
			db_bind_int64(st, 2 + 3 * (int)j, f->acc[keys[i].account].id);
			db_bind_text(st, 3 + 3 * (int)j, keys[i].rule);
			db_bind_text(st, 4 + 3 * (int)j, keys[i].question);
		}
		rc = st_exec(s, st, doing, e);
	}
	return rc;
}

/* Every seen row of the evaluated accounts is last seen today. */
static int seen_touch(store *s, const facts *f, const char *day, const char *doing, ap_err *e)
{
	int scope = f->only ? ONE : f->set ? SOME : ALL, rc = AP_OK;
	if (scope == SOME) {
		long long *ids = xmalloc((f->nacc + 1) * sizeof *ids);
		for (size_t a = 0; a < f->nacc; a++)
			ids[a] = f->acc[a].id;
		rc = fill_ids(s, ids, f->nacc, e);
		free(ids);
	}
	db_stmt *st = rc ? NULL : st_prep(s, sql_seen_touch[scope], doing, e);
	if (!st)
		return rc ? rc : AP_ESTORE;
	db_bind_text(st, 1, day);
	db_bind_int64(st, 2, f->only);
	return st_exec(s, st, doing, e);
}

int store_flags_seen(store *s, const facts *f, const unsigned char *keep, const fact_flag *added, size_t nadded,
	long today, ap_err *e)
{
	static const char doing[] = "recording which flags were seen";
	AP_VEC(fact_flag) gone = {0};
	for (size_t a = 0; a < f->nacc; a++)
		for (size_t i = f->seen_start[a]; i < f->seen_start[a + 1]; i++)
			if (!keep[i])
				*ap_vec_push(&gone) = (fact_flag){a, f->seen_names[f->seen[i].rule], f->seen_names[f->seen[i].question]};
	/* Rows last seen another day, unless all of them go (the touch then
	 * finds nothing to change, at the price of one scan). */
	int stale = f->seen_stale > 0;
	if (!nadded && !gone.n && !stale)
		return AP_OK;
	char day[11];
	ap_date_format(today, day);
	int rc = s->readonly_why ? ap_fail(e, AP_ESTORE, "%s: cannot write '%s': %s", doing, s->path, s->readonly_why)
		: tx_begin(s, doing, e);
	if (!rc) {
		rc = seen_rows_write(s, f, sql_seen_drop, sql_seen_drop_many, gone.v, gone.n, day, doing, e);
		if (!rc && stale)
			rc = seen_touch(s, f, day, doing, e);
		if (!rc)
			rc = seen_rows_write(s, f, sql_seen_add, sql_seen_add_many, added, nadded, day, doing, e);
		rc = tx_end(s, rc, e);
	}
	free(gone.v);
	return rc;
}

int store_facts_account_ids(store *s, long long **ids, size_t *n, ap_err *e)
{
	static const char doing[] = "listing the accounts to check";
	db_stmt *st = st_prep(s, sql_account_ids, doing, e);
	if (!st)
		return AP_ESTORE;
	AP_VEC(long long) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		*ap_vec_push(&v) = db_col_int64(st, 0);
	st_done(st);
	if (rc != DB_DONE) {
		free(v.v);
		return st_fail(s, rc, doing, e);
	}
	*ids = v.v;
	*n = v.n;
	return AP_OK;
}

void store_facts_free(facts *f)
{
	for (size_t i = 0; i < f->nacc; i++)
		free(f->acc[i].name);
	for (size_t i = 0; i < f->ndrv; i++)
		driver_clear(&f->drv[i]);
	for (size_t i = 0; i < f->nsnz; i++)
		snooze_clear(&f->snz[i]);
	for (size_t i = 0; i < f->nhand; i++)
		hand_clear(&f->hand[i]);
	for (size_t i = 0; i < f->nmem; i++)
		free(f->mem[i].name);
	free(f->acc);
	free(f->ans);
	free(f->eng);
	free(f->eng_start);
	free(f->drv);
	free(f->drv_start);
	free(f->ord);
	free(f->ord_start);
	free(f->xch);
	free(f->xch_start);
	free(f->ask);
	free(f->ask_start);
	free(f->cns);
	free(f->cns_start);
	free(f->snz);
	free(f->hand);
	free(f->hand_start);
	free(f->mem);
	free(f->con);
	free(f->con_start);
	free(f->text);
	free(f->seen);
	free(f->seen_start);
	for (size_t i = 0; i < f->nseen_names; i++)
		free(f->seen_names[i]);
	free(f->seen_names);
	memset(f, 0, sizeof *f);
}
