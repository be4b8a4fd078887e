/* store_records.c - reading and writing the records of an account plan. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

/* Lists come in two forms: one account's rows (by its index) or every
 * account's (ordered by account name for export and reports). */
#define FOR_ACCOUNT(cols, from, order) \
	"SELECT " cols " FROM " from " WHERE x.account_id = ?1 ORDER BY " order
#define FOR_ALL(cols, from, order) \
	"SELECT " cols " FROM " from " JOIN account a ON a.id = x.account_id WHERE ?1 = 0" \
	" ORDER BY lower(a.name), x.account_id, " order

static sqlite3_stmt *list_stmt(store *s, long long account, const char *one, const char *all,
	const char *doing, ap_err *e)
{
	sqlite3_stmt *st = st_prep(s, account ? one : all, doing, e);
	if (st)
		sqlite3_bind_int64(st, 1, account);
	return st;
}

/* Finish a row loop: SQLITE_DONE is success, anything else an error. */
static int list_end(store *s, sqlite3_stmt *st, int rc, const char *doing, ap_err *e)
{
	st_done(st);
	return rc == SQLITE_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

/* Begin a write transaction and prepare its statement; NULL (with the
 * transaction already ended) on failure. Pair with tx_end. */
static sqlite3_stmt *write_prep(store *s, const char *sql, const char *doing, ap_err *e)
{
	if (tx_begin(s, doing, e))
		return NULL;
	sqlite3_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		tx_end(s, AP_ESTORE, e);
	return st;
}

typedef void (*row_fn)(sqlite3_stmt *st, void *out);

/* Run a list statement, handing each row to fn to append to out. */
static int list_rows(store *s, long long account, const char *one, const char *all,
	const char *doing, row_fn fn, void *out, ap_err *e)
{
	sqlite3_stmt *st = list_stmt(s, account, one, all, doing, e);
	if (!st)
		return AP_ESTORE;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(st, out);
	return list_end(s, st, rc, doing, e);
}

static int is_unique_violation(store *s)
{
	return sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE;
}

/* Run an INSERT/UPDATE; a unique-index clash becomes "KIND 'NAME' already exists". */
static int write_unique(store *s, sqlite3_stmt *st, const char *kind, const char *name,
	const char *doing, ap_err *e)
{
	int rc = sqlite3_step(st);
	int dup = rc == SQLITE_CONSTRAINT_UNIQUE || (rc == SQLITE_CONSTRAINT && is_unique_violation(s));
	st_done(st);
	if (dup)
		return ap_fail(e, AP_EINPUT, "%s '%s' already exists", kind, name);
	return rc == SQLITE_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

/* A DELETE or UPDATE of one named row; none matched means the name is unknown. */
static int write_one(store *s, sqlite3_stmt *st, const char *what, const char *doing, ap_err *e)
{
	int rc = st_exec(s, st, doing, e);
	if (!rc && sqlite3_changes(s->db) == 0)
		return ap_fail(e, AP_EINPUT, "unknown %s", what);
	return rc;
}

/* Step an INSERT from write_prep and end its transaction; *id (may be NULL)
 * gets the new row's id. */
static int insert_end(store *s, sqlite3_stmt *st, const char *doing, long long *id, ap_err *e)
{
	int rc = st_exec(s, st, doing, e);
	if (!rc && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return tx_end(s, rc, e);
}

/* ---- accounts ---- */

#define ACCOUNT_COLS "id, name, industry, segment, created"

static void account_row(sqlite3_stmt *st, ap_account *a)
{
	a->id = sqlite3_column_int64(st, 0);
	a->name = col_text(st, 1);
	a->industry = col_text(st, 2);
	a->segment = col_name(st, 3, &ap_segments);
	a->created = col_text(st, 4);
}

int store_account_add(store *s, const char *name, const char *industry, int segment,
	const char *created, long long *id, ap_err *e)
{
	static const char sql[] = "INSERT INTO account(name, industry, segment, created) VALUES (?1, ?2, ?3, ?4)";
	char today[11];
	if (!created) {
		ap_date_format(ap_today(), today);
		created = today;
	}
	sqlite3_stmt *st = write_prep(s, sql, "adding account", e);
	if (!st)
		return AP_ESTORE;
	bind_text(st, 1, name);
	bind_text(st, 2, industry ? industry : "");
	bind_name(st, 3, &ap_segments, segment < 0 ? SEG_OTHER : segment);
	bind_text(st, 4, created);
	int rc = write_unique(s, st, "account", name, "adding account", e);
	if (!rc && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return tx_end(s, rc, e);
}

static int account_get_by(store *s, const char *sql, const char *name, long long id,
	ap_account *out, ap_err *e)
{
	sqlite3_stmt *st = st_prep(s, sql, "looking up account", e);
	if (!st)
		return AP_ESTORE;
	if (name)
		bind_text(st, 1, name);
	else
		sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		account_row(st, out);
	st_done(st);
	if (rc == SQLITE_ROW)
		return AP_OK;
	if (rc != SQLITE_DONE)
		return st_fail(s, rc, "looking up account", e);
	if (name)
		return ap_fail(e, AP_EINPUT, "unknown account '%s' (see 'acctplan account list')", name);
	return ap_fail(e, AP_EINPUT, "unknown account #%lld", id);
}

int store_account_get(store *s, const char *name, ap_account *out, ap_err *e)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS " FROM account WHERE lower(name) = lower(?1)";
	return account_get_by(s, sql, name, 0, out, e);
}

int store_account_get_id(store *s, long long id, ap_account *out, ap_err *e)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS " FROM account WHERE id = ?1";
	return account_get_by(s, sql, NULL, id, out, e);
}

int store_account_list(store *s, ap_accounts *out, ap_err *e)
{
	return store_account_page(s, NULL, 0, (size_t)-1 / 2, out, e);
}

/* The filter matches name or industry; instr over lower() keeps the pattern
 * a plain string (no LIKE wildcards to escape) and works in PostgreSQL as strpos. */
#define ACCOUNT_FILTER "(?1 IS NULL OR instr(lower(name), lower(?1)) > 0 OR instr(lower(industry), lower(?1)) > 0)"

int store_account_page(store *s, const char *filter, size_t offset, size_t limit,
	ap_accounts *out, ap_err *e)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS " FROM account WHERE " ACCOUNT_FILTER
		" ORDER BY lower(name) LIMIT ?2 OFFSET ?3";
	sqlite3_stmt *st = st_prep(s, sql, "listing accounts", e);
	if (!st)
		return AP_ESTORE;
	bind_text(st, 1, filter && *filter ? filter : NULL);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)(limit > (size_t)INT64_MAX ? INT64_MAX : limit));
	sqlite3_bind_int64(st, 3, (sqlite3_int64)offset);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		account_row(st, ap_vec_push(out));
	return list_end(s, st, rc, "listing accounts", e);
}

int store_account_count(store *s, const char *filter, long long *n, ap_err *e)
{
	static const char sql[] = "SELECT count(*) FROM account WHERE " ACCOUNT_FILTER;
	sqlite3_stmt *st = st_prep(s, sql, "counting accounts", e);
	if (!st)
		return AP_ESTORE;
	bind_text(st, 1, filter && *filter ? filter : NULL);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		rc = SQLITE_DONE;
	}
	return list_end(s, st, rc, "counting accounts", e);
}

int store_account_search(store *s, const char *query, size_t limit, ap_accounts *out, ap_err *e)
{
	return store_account_page(s, query, 0, limit, out, e);
}

int store_account_update(store *s, long long id, const char *name, const char *industry,
	int segment, ap_err *e)
{
	static const char sql[] = "UPDATE account SET name = ?2, industry = ?3, segment = ?4 WHERE id = ?1";
	sqlite3_stmt *st = write_prep(s, sql, "updating account", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, name);
	bind_text(st, 3, industry ? industry : "");
	bind_name(st, 4, &ap_segments, segment);
	int rc = write_unique(s, st, "account", name, "updating account", e);
	if (!rc && sqlite3_changes(s->db) == 0)
		rc = ap_fail(e, AP_EINPUT, "unknown account #%lld", id);
	return tx_end(s, rc, e);
}

int store_account_remove(store *s, long long id, ap_err *e)
{
	static const char sql[] = "DELETE FROM account WHERE id = ?1";
	sqlite3_stmt *st = write_prep(s, sql, "removing account", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return tx_end(s, write_one(s, st, "account", "removing account", e), e);
}

/* ---- answers ---- */

#define ANSWER_COLS "x.id, x.account_id, x.question, x.value, x.source, x.confidence, x.author, x.answered_on"

static void answer_row(sqlite3_stmt *st, ap_answer *a)
{
	a->id = sqlite3_column_int64(st, 0);
	a->account_id = sqlite3_column_int64(st, 1);
	a->question = col_text(st, 2);
	a->value = col_text(st, 3);
	a->source = col_name(st, 4, &ap_sources);
	a->confidence = col_name(st, 5, &ap_confidences);
	a->author = col_text(st, 6);
	a->date = col_text(st, 7);
	a->versions = sqlite3_column_count(st) > 8 ? sqlite3_column_int(st, 8) : 1;
}

static void answer_push(sqlite3_stmt *st, void *out)
{
	answer_row(st, ap_vec_push((ap_answers *)out));
}

int store_answer_add(store *s, long long account, const char *question, const char *value,
	int source, int confidence, const char *author, const char *date, ap_err *e)
{
	static const char sql[] = "INSERT INTO answer(account_id, question, value, source, confidence,"
		" author, answered_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	char today[11];
	if (!date) {
		ap_date_format(ap_today(), today);
		date = today;
	}
	sqlite3_stmt *st = write_prep(s, sql, "saving answer", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	bind_text(st, 2, question);
	bind_text(st, 3, value);
	bind_name(st, 4, &ap_sources, source);
	bind_name(st, 5, &ap_confidences, confidence);
	bind_text(st, 6, author ? author : "");
	bind_text(st, 7, date);
	return insert_end(s, st, "saving answer", NULL, e);
}

/* The current answer is the newest row of its (account, question); the
 * grouped max(id) walks answer_by_question once instead of a query per row. */
#define CURRENT_FROM(where) "answer x JOIN (SELECT max(id) AS id, count(*) AS n FROM answer" \
	where " GROUP BY account_id, question) c ON c.id = x.id"

int store_answer_current(store *s, long long account, ap_answers *out, ap_err *e)
{
	static const char one[] = FOR_ACCOUNT(ANSWER_COLS ", c.n", CURRENT_FROM(" WHERE account_id = ?1"), "x.question");
	static const char all[] = FOR_ALL(ANSWER_COLS ", c.n", CURRENT_FROM(""), "x.question");
	return list_rows(s, account, one, all, "reading answers", answer_push, out, e);
}

int store_answer_history(store *s, long long account, const char *question,
	ap_answers *out, ap_err *e)
{
	static const char sql[] = "SELECT " ANSWER_COLS " FROM answer x"
		" WHERE x.account_id = ?1 AND x.question = ?2 ORDER BY x.id DESC";
	sqlite3_stmt *st = st_prep(s, sql, "reading answer history", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	bind_text(st, 2, question);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		answer_row(st, ap_vec_push(out));
	return list_end(s, st, rc, "reading answer history", e);
}

int store_answer_all(store *s, long long account, ap_answers *out, ap_err *e)
{
	static const char one[] = FOR_ACCOUNT(ANSWER_COLS, "answer x", "x.id");
	static const char all[] = FOR_ALL(ANSWER_COLS, "answer x", "x.id");
	return list_rows(s, account, one, all, "reading answers", answer_push, out, e);
}

/* ---- contacts ---- */

#define CONTACT_COLS "x.id, x.account_id, x.name, x.title, x.role, x.tier, coalesce(b.name, '')"
#define CONTACT_FROM "contact x LEFT JOIN contact b ON b.id = x.reports_to"

static void contact_row(sqlite3_stmt *st, void *out)
{
	ap_contact *c = ap_vec_push((ap_contacts *)out);
	c->id = sqlite3_column_int64(st, 0);
	c->account_id = sqlite3_column_int64(st, 1);
	c->name = col_text(st, 2);
	c->title = col_text(st, 3);
	c->role = col_name(st, 4, &ap_roles);
	c->tier = col_name(st, 5, &ap_tiers);
	c->reports_to = col_text(st, 6);
}

/* Resolve the boss's name to an id within the account; 0 for none. */
static int contact_boss(store *s, long long account, const char *name, long long *id, ap_err *e)
{
	static const char sql[] = "SELECT id FROM contact WHERE account_id = ?1 AND lower(name) = lower(?2)";
	*id = 0;
	if (!name || !*name)
		return AP_OK;
	sqlite3_stmt *st = st_prep(s, sql, "looking up contact", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	bind_text(st, 2, name);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	st_done(st);
	if (rc == SQLITE_ROW)
		return AP_OK;
	if (rc != SQLITE_DONE)
		return st_fail(s, rc, "looking up contact", e);
	return ap_fail(e, AP_EINPUT, "--reports-to: unknown contact '%s' in this account", name);
}

static void contact_bind(sqlite3_stmt *st, long long account, const ap_contact *c, long long boss)
{
	sqlite3_bind_int64(st, 1, account);
	bind_text(st, 2, c->name);
	bind_text(st, 3, c->title ? c->title : "");
	bind_name(st, 4, &ap_roles, c->role);
	bind_name(st, 5, &ap_tiers, c->tier < 0 ? TIER_SALES : c->tier);
	if (boss)
		sqlite3_bind_int64(st, 6, boss);
	else
		sqlite3_bind_null(st, 6);
}

int store_contact_add(store *s, long long account, const ap_contact *c, ap_err *e)
{
	static const char sql[] = "INSERT INTO contact(account_id, name, title, role, tier, reports_to)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	long long boss = 0;
	int rc = tx_begin(s, "adding contact", e);
	if (!rc)
		rc = contact_boss(s, account, c->reports_to, &boss, e);
	sqlite3_stmt *st = rc ? NULL : st_prep(s, sql, "adding contact", e);
	if (!st)
		return tx_end(s, rc ? rc : AP_ESTORE, e);
	contact_bind(st, account, c, boss);
	rc = write_unique(s, st, "contact", c->name, "adding contact", e);
	return tx_end(s, rc, e);
}

int store_contact_update(store *s, long long account, const char *old_name,
	const ap_contact *c, ap_err *e)
{
	static const char sql[] = "UPDATE contact SET name = ?2, title = ?3, role = ?4, tier = ?5,"
		" reports_to = ?6 WHERE account_id = ?1 AND lower(name) = lower(?7)";
	long long boss = 0;
	int rc = tx_begin(s, "updating contact", e);
	if (!rc)
		rc = contact_boss(s, account, c->reports_to, &boss, e);
	if (!rc && c->reports_to && *c->reports_to && strcasecmp(c->reports_to, old_name) == 0)
		rc = ap_fail(e, AP_EINPUT, "a contact cannot report to themselves");
	sqlite3_stmt *st = rc ? NULL : st_prep(s, sql, "updating contact", e);
	if (!st)
		return tx_end(s, rc ? rc : AP_ESTORE, e);
	contact_bind(st, account, c, boss);
	bind_text(st, 7, old_name);
	rc = write_unique(s, st, "contact", c->name, "updating contact", e);
	if (!rc && sqlite3_changes(s->db) == 0)
		rc = ap_fail(e, AP_EINPUT, "unknown contact '%s'", old_name);
	return tx_end(s, rc, e);
}

int store_contact_list(store *s, long long account, ap_contacts *out, ap_err *e)
{
	static const char one[] = FOR_ACCOUNT(CONTACT_COLS, CONTACT_FROM, "x.id");
	static const char all[] = FOR_ALL(CONTACT_COLS, CONTACT_FROM, "x.id");
	return list_rows(s, account, one, all, "listing contacts", contact_row, out, e);
}

/* Remove a row of a name-keyed child table; one helper for contacts,
 * competitors and end customers, which differ only in table and word. */
static int remove_named(store *s, const char *sql, long long account, const char *name,
	const char *kind, ap_err *e)
{
	char doing[64], what[256];
	snprintf(doing, sizeof doing, "removing %s", kind);
	snprintf(what, sizeof what, "%s '%s'", kind, name);
	sqlite3_stmt *st = write_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	bind_text(st, 2, name);
	return tx_end(s, write_one(s, st, what, doing, e), e);
}

int store_contact_remove(store *s, long long account, const char *name, ap_err *e)
{
	static const char sql[] = "DELETE FROM contact WHERE account_id = ?1 AND lower(name) = lower(?2)";
	return remove_named(s, sql, account, name, "contact", e);
}

/* ---- competitors ---- */

int store_competitor_add(store *s, long long account, const ap_competitor *c, ap_err *e)
{
	static const char sql[] = "INSERT INTO competitor(account_id, name, differentiator) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *st = write_prep(s, sql, "adding competitor", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	bind_text(st, 2, c->name);
	bind_text(st, 3, c->differentiator ? c->differentiator : "");
	return tx_end(s, write_unique(s, st, "competitor", c->name, "adding competitor", e), e);
}

static void competitor_row(sqlite3_stmt *st, void *out)
{
	ap_competitor *c = ap_vec_push((ap_competitors *)out);
	c->id = sqlite3_column_int64(st, 0);
	c->account_id = sqlite3_column_int64(st, 1);
	c->name = col_text(st, 2);
	c->differentiator = col_text(st, 3);
}

int store_competitor_list(store *s, long long account, ap_competitors *out, ap_err *e)
{
	static const char one[] = FOR_ACCOUNT("x.id, x.account_id, x.name, x.differentiator", "competitor x", "x.id");
	static const char all[] = FOR_ALL("x.id, x.account_id, x.name, x.differentiator", "competitor x", "x.id");
	return list_rows(s, account, one, all, "listing competitors", competitor_row, out, e);
}

int store_competitor_remove(store *s, long long account, const char *name, ap_err *e)
{
	static const char sql[] = "DELETE FROM competitor WHERE account_id = ?1 AND lower(name) = lower(?2)";
	return remove_named(s, sql, account, name, "competitor", e);
}

/* ---- end customers ---- */

int store_endcustomer_add(store *s, long long account, const ap_endcustomer *c, ap_err *e)
{
	static const char sql[] = "INSERT INTO end_customer(account_id, name, industry, ask, trend)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = write_prep(s, sql, "adding end customer", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	bind_text(st, 2, c->name);
	bind_text(st, 3, c->industry ? c->industry : "");
	bind_text(st, 4, c->ask ? c->ask : "");
	bind_name(st, 5, &ap_trends, c->trend);
	return tx_end(s, write_unique(s, st, "end customer", c->name, "adding end customer", e), e);
}

#define ENDC_COLS "x.id, x.account_id, x.name, x.industry, x.ask, x.trend"

static void endcustomer_row(sqlite3_stmt *st, void *out)
{
	ap_endcustomer *c = ap_vec_push((ap_endcustomers *)out);
	c->id = sqlite3_column_int64(st, 0);
	c->account_id = sqlite3_column_int64(st, 1);
	c->name = col_text(st, 2);
	c->industry = col_text(st, 3);
	c->ask = col_text(st, 4);
	c->trend = col_name(st, 5, &ap_trends);
}

int store_endcustomer_list(store *s, long long account, ap_endcustomers *out, ap_err *e)
{
	static const char one[] = FOR_ACCOUNT(ENDC_COLS, "end_customer x", "x.id");
	static const char all[] = FOR_ALL(ENDC_COLS, "end_customer x", "x.id");
	return list_rows(s, account, one, all, "listing end customers", endcustomer_row, out, e);
}

int store_endcustomer_remove(store *s, long long account, const char *name, ap_err *e)
{
	static const char sql[] = "DELETE FROM end_customer WHERE account_id = ?1 AND lower(name) = lower(?2)";
	return remove_named(s, sql, account, name, "end customer", e);
}

/* ---- engagements ---- */

int store_meeting_add(store *s, long long account, const ap_meeting *m, long long *id, ap_err *e)
{
	static const char sql[] = "INSERT INTO engagement(account_id, tier, held_on, kind, news, shared, summary)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = write_prep(s, sql, "adding meeting", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	bind_name(st, 2, &ap_tiers, m->tier);
	bind_text(st, 3, m->date);
	bind_name(st, 4, &ap_meetkinds, m->kind);
	bind_name(st, 5, &ap_news, m->news < 0 ? NEWS_NONE : m->news);
	sqlite3_bind_int(st, 6, m->shared ? 1 : 0);
	bind_text(st, 7, m->summary ? m->summary : "");
	return insert_end(s, st, "adding meeting", id, e);
}

#define MEETING_COLS "x.id, x.account_id, x.tier, x.held_on, x.kind, x.news, x.shared, x.summary"

static void meeting_row(sqlite3_stmt *st, void *out)
{
	ap_meeting *m = ap_vec_push((ap_meetings *)out);
	m->id = sqlite3_column_int64(st, 0);
	m->account_id = sqlite3_column_int64(st, 1);
	m->tier = col_name(st, 2, &ap_tiers);
	m->date = col_text(st, 3);
	m->kind = col_name(st, 4, &ap_meetkinds);
	m->news = col_name(st, 5, &ap_news);
	m->shared = sqlite3_column_int(st, 6);
	m->summary = col_text(st, 7);
}

int store_meeting_list(store *s, long long account, ap_meetings *out, ap_err *e)
{
	static const char one[] = FOR_ACCOUNT(MEETING_COLS, "engagement x", "x.held_on DESC, x.id DESC");
	static const char all[] = FOR_ALL(MEETING_COLS, "engagement x", "x.id");
	return list_rows(s, account, one, all, "listing meetings", meeting_row, out, e);
}

/* Remove a row of an id-keyed child table of the account. */
static int remove_by_id(store *s, const char *sql, long long account, long long id,
	const char *kind, ap_err *e)
{
	char doing[64], what[96];
	snprintf(doing, sizeof doing, "removing %s", kind);
	snprintf(what, sizeof what, "%s #%lld for this account", kind, id);
	sqlite3_stmt *st = write_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int64(st, 2, id);
	return tx_end(s, write_one(s, st, what, doing, e), e);
}

int store_meeting_remove(store *s, long long account, long long id, ap_err *e)
{
	static const char sql[] = "DELETE FROM engagement WHERE account_id = ?1 AND id = ?2";
	return remove_by_id(s, sql, account, id, "meeting", e);
}

/* ---- notes ---- */

int store_note_add(store *s, long long account, const ap_note *n, long long *id, ap_err *e)
{
	static const char sql[] = "INSERT INTO note(account_id, tier, author, written_on, body, tags)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	char today[11];
	ap_date_format(ap_today(), today);
	sqlite3_stmt *st = write_prep(s, sql, "adding note", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	bind_name(st, 2, &ap_tiers, n->tier < 0 ? TIER_SALES : n->tier);
	bind_text(st, 3, n->author ? n->author : "");
	bind_text(st, 4, n->date ? n->date : today);
	bind_text(st, 5, n->body);
	bind_text(st, 6, n->tags ? n->tags : "");
	return insert_end(s, st, "adding note", id, e);
}

int store_note_update(store *s, long long account, long long id, const char *body, ap_err *e)
{
	static const char sql[] = "UPDATE note SET body = ?3 WHERE account_id = ?1 AND id = ?2";
	sqlite3_stmt *st = write_prep(s, sql, "updating note", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int64(st, 2, id);
	bind_text(st, 3, body);
	return tx_end(s, write_one(s, st, "note for this account", "updating note", e), e);
}

#define NOTE_COLS "x.id, x.account_id, x.tier, x.author, x.written_on, x.body, x.tags"

static void note_row(sqlite3_stmt *st, ap_note *n)
{
	n->id = sqlite3_column_int64(st, 0);
	n->account_id = sqlite3_column_int64(st, 1);
	n->tier = col_name(st, 2, &ap_tiers);
	n->author = col_text(st, 3);
	n->date = col_text(st, 4);
	n->body = col_text(st, 5);
	n->tags = col_text(st, 6);
}

static void note_push(sqlite3_stmt *st, void *out)
{
	note_row(st, ap_vec_push((ap_notes *)out));
}

int store_note_list(store *s, long long account, ap_notes *out, ap_err *e)
{
	static const char one[] = FOR_ACCOUNT(NOTE_COLS, "note x", "x.written_on DESC, x.id DESC");
	static const char all[] = FOR_ALL(NOTE_COLS, "note x", "x.id");
	return list_rows(s, account, one, all, "listing notes", note_push, out, e);
}

int store_note_remove(store *s, long long account, long long id, ap_err *e)
{
	static const char sql[] = "DELETE FROM note WHERE account_id = ?1 AND id = ?2";
	return remove_by_id(s, sql, account, id, "note", e);
}

/* Turn free text into an FTS5 query of quoted prefix terms, so a user's
 * quotes, stars or keywords (AND, NEAR) are searched for, never parsed. */
static char *fts_query(const char *text)
{
	ap_buf b = {0};
	const char *p = text;
	while (*p) {
		while (*p && (unsigned char)*p <= ' ')
			p++;
		const char *w = p;
		while (*p && (unsigned char)*p > ' ')
			p++;
		if (p == w)
			break;
		if (b.len)
			buf_puts(&b, " ");
		buf_puts(&b, "\"");
		for (const char *c = w; c < p; c++)
			buf_add(&b, c, *c == '"' ? 0 : 1);
		buf_puts(&b, "\"*");
	}
	return buf_steal(&b);
}

int store_note_search(store *s, const char *query, size_t limit, ap_notes *out, ap_err *e)
{
	static const char sql[] = "SELECT " NOTE_COLS ", a.name FROM note_fts f"
		" JOIN note x ON x.id = f.rowid JOIN account a ON a.id = x.account_id"
		" WHERE note_fts MATCH ?1 ORDER BY f.rowid DESC LIMIT ?2";
	char *q = fts_query(query);
	if (!*q) {
		free(q);
		return AP_OK;
	}
	sqlite3_stmt *st = st_prep(s, sql, "searching notes", e);
	if (!st) {
		free(q);
		return AP_ESTORE;
	}
	bind_text(st, 1, q);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ap_note *n = ap_vec_push(out);
		note_row(st, n);
		n->account = col_text(st, 7);
	}
	free(q);
	return list_end(s, st, rc, "searching notes", e);
}

/* ---- snoozes ---- */

int store_snooze_set(store *s, long long account, const char *rule, const char *question,
	const char *until, const char *reason, const char *created, ap_err *e)
{
	static const char sql[] = "INSERT INTO snooze(account_id, rule, question, until_on, reason, created_on)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (account_id, rule, question)"
		" DO UPDATE SET until_on = excluded.until_on, reason = excluded.reason, created_on = excluded.created_on";
	char today[11];
	ap_date_format(ap_today(), today);
	sqlite3_stmt *st = write_prep(s, sql, "snoozing flag", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	bind_text(st, 2, rule);
	bind_text(st, 3, question ? question : "");
	bind_text(st, 4, until);
	bind_text(st, 5, reason);
	bind_text(st, 6, created ? created : today);
	return insert_end(s, st, "snoozing flag", NULL, e);
}

#define SNOOZE_COLS "x.id, x.account_id, a.name, x.rule, x.question, x.until_on, x.reason, x.created_on"

static void snooze_row(sqlite3_stmt *st, void *out)
{
	ap_snooze *z = ap_vec_push((ap_snoozes *)out);
	z->id = sqlite3_column_int64(st, 0);
	z->account_id = sqlite3_column_int64(st, 1);
	z->account = col_text(st, 2);
	z->rule = col_text(st, 3);
	z->question = col_text(st, 4);
	z->until = col_text(st, 5);
	z->reason = col_text(st, 6);
	z->created = col_text(st, 7);
}

int store_snooze_list(store *s, long long account, ap_snoozes *out, ap_err *e)
{
	static const char one[] = FOR_ACCOUNT(SNOOZE_COLS, "snooze x JOIN account a ON a.id = x.account_id", "x.rule, x.question");
	static const char all[] = "SELECT " SNOOZE_COLS " FROM snooze x JOIN account a ON a.id = x.account_id"
		" WHERE ?1 = 0 ORDER BY lower(a.name), x.account_id, x.rule, x.question";
	return list_rows(s, account, one, all, "listing snoozes", snooze_row, out, e);
}

int store_snooze_clear(store *s, long long account, const char *rule, const char *question,
	int *n, ap_err *e)
{
	static const char one[] = "DELETE FROM snooze WHERE account_id = ?1 AND rule = ?2 AND question = ?3";
	static const char all[] = "DELETE FROM snooze WHERE account_id = ?1";
	sqlite3_stmt *st = write_prep(s, rule ? one : all, "clearing snooze", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	if (rule) {
		bind_text(st, 2, rule);
		bind_text(st, 3, question ? question : "");
	}
	int rc = st_exec(s, st, "clearing snooze", e);
	if (!rc && n)
		*n = sqlite3_changes(s->db);
	return tx_end(s, rc, e);
}

/* ---- demand drivers ---- */

int store_driver_add(store *s, long long account, const ap_driver *d, long long *id, ap_err *e)
{
	static const char sql[] = "INSERT INTO demand_driver(account_id, metric, metric_unit, value, growth,"
		" factor, factor_unit, share, product_unit) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *st = write_prep(s, sql, "adding demand driver", e);
	if (!st)
		return AP_ESTORE;
	sqlite3_bind_int64(st, 1, account);
	bind_text(st, 2, d->metric);
	bind_text(st, 3, d->metric_unit ? d->metric_unit : "");
	bind_real(st, 4, d->value);
	bind_real(st, 5, d->growth);
	bind_real(st, 6, d->factor);
	bind_text(st, 7, d->factor_unit ? d->factor_unit : "");
	bind_real(st, 8, d->share);
	bind_text(st, 9, d->product_unit ? d->product_unit : "");
	return insert_end(s, st, "adding demand driver", id, e);
}

#define DRIVER_COLS "x.id, x.account_id, x.metric, x.metric_unit, x.value, x.growth, x.factor," \
	" x.factor_unit, x.share, x.product_unit"

static void driver_row(sqlite3_stmt *st, void *out)
{
	ap_driver *d = ap_vec_push((ap_drivers *)out);
	d->id = sqlite3_column_int64(st, 0);
	d->account_id = sqlite3_column_int64(st, 1);
	d->metric = col_text(st, 2);
	d->metric_unit = col_text(st, 3);
	d->value = col_real(st, 4);
	d->growth = col_real(st, 5);
	d->factor = col_real(st, 6);
	d->factor_unit = col_text(st, 7);
	d->share = col_real(st, 8);
	d->product_unit = col_text(st, 9);
}

int store_driver_list(store *s, long long account, ap_drivers *out, ap_err *e)
{
	static const char one[] = FOR_ACCOUNT(DRIVER_COLS, "demand_driver x", "x.id");
	static const char all[] = FOR_ALL(DRIVER_COLS, "demand_driver x", "x.id");
	return list_rows(s, account, one, all, "listing demand drivers", driver_row, out, e);
}

int store_driver_remove(store *s, long long account, long long id, ap_err *e)
{
	static const char sql[] = "DELETE FROM demand_driver WHERE account_id = ?1 AND id = ?2";
	return remove_by_id(s, sql, account, id, "demand driver", e);
}
