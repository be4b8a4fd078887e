/* store_reviews.c - account reviews as the store keeps them: a review, its
 * participants, its accounts in walking order with where each stands,
 * decisions, confirmations of answers, and what changed on an account since
 * a moment. Every write is one transaction; the walk is saved step by step,
 * so a review survives a crash and two people can walk overlapping scopes. */
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

#define REVIEW_COLS \
	"r.id, r.held_on, coalesce(r.segment, ''), coalesce(r.tier, ''), r.status, coalesce(r.closed_on, ''), " \
	"r.created_by, coalesce((SELECT group_concat(t.n, '\n') FROM (SELECT m.name AS n FROM review_member rm " \
	"JOIN member m ON m.id = rm.member_id WHERE rm.review_id = r.id ORDER BY rm.pos) t), ''), " \
	"(SELECT count(*) FROM review_account ra WHERE ra.review_id = r.id), " \
	"(SELECT count(*) FROM review_account ra WHERE ra.review_id = r.id AND ra.state = 'reviewed'), " \
	"(SELECT count(*) FROM review_account ra WHERE ra.review_id = r.id AND ra.state = 'skipped')"

static void review_decode(db_stmt *st, ap_review *r)
{
	r->id = db_col_int64(st, 0);
	r->date = col_text(st, 1);
	r->segment = col_name(st, 2, &ap_segments);
	r->tier = col_name(st, 3, &ap_tiers);
	r->status = col_name(st, 4, &ap_rstatuses);
	r->closed = col_text(st, 5);
	r->by = col_text(st, 6);
	r->with = col_text(st, 7);
	r->naccounts = db_col_int64(st, 8);
	r->nreviewed = db_col_int64(st, 9);
	r->nskipped = db_col_int64(st, 10);
}

/* Rows of a review query into out; binds are the caller's. */
static int review_rows(store *s, db_stmt *st, const char *doing, ap_reviews *out, ap_err *e)
{
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		review_decode(st, ap_vec_push(out));
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_review_list(store *s, int status, ap_reviews *out, ap_err *e)
{
	static const char doing[] = "listing reviews";
	static const char sql[] = "SELECT " REVIEW_COLS " FROM review r WHERE (?1 = '' OR r.status = ?1)"
		" ORDER BY r.held_on, r.id";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_text(st, 1, status >= 0 ? ap_rstatuses.names[status] : "");
	return review_rows(s, st, doing, out, e);
}

int store_review_get(store *s, long long id, ap_review *out, ap_err *e)
{
	static const char doing[] = "reading the review";
	static const char sql[] = "SELECT " REVIEW_COLS " FROM review r WHERE r.id = ?1";
	ap_reviews v = {0};
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, id);
	int rc = review_rows(s, st, doing, &v, e);
	if (!rc && !v.n)
		rc = ap_fail(e, AP_EINPUT, "no review %lld (see 'acctplan review list')", id);
	if (!rc) {
		*out = v.v[0];
		v.n = 0;
	}
	ap_vec_free(&v, ap_review_clear);
	return rc;
}

/* Insert a statement's row and read back the id its RETURNING gives. */
static int insert_returning(store *s, db_stmt *st, const char *doing, long long *id, ap_err *e)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int64(st, 0);
		rc = db_step(st);
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_review_create(store *s, ap_review *r, const long long *members, size_t nmembers,
	const long long *accounts, size_t naccounts, ap_err *e)
{
	static const char doing[] = "beginning the review";
	static const char add[] = "INSERT INTO review (held_on, segment, tier, status, created_by, version,"
		" created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, 'open', ?4, 1, ?5, ?5, ?4) RETURNING id";
	static const char who[] = "INSERT INTO review_member (review_id, member_id, pos) VALUES (?1, ?2, ?3)";
	static const char what[] = "INSERT INTO review_account (review_id, account_id, pos) VALUES (?1, ?2, ?3)";
	char now[21];
	ap_now_stamp(now);
	if (!naccounts)
		return ap_fail(e, AP_EINPUT, "a review needs at least one account");
	int rc = tx_begin(s, doing, e);
	db_stmt *st = rc ? NULL : st_prep(s, add, doing, e);
	if (!st)
		return tx_end(s, rc ? rc : AP_ESTORE, e);
	db_bind_text(st, 1, r->date);
	bind_name(st, 2, &ap_segments, r->segment);
	bind_name(st, 3, &ap_tiers, r->tier);
	db_bind_text(st, 4, s->author ? s->author : "");
	db_bind_text(st, 5, now);
	rc = insert_returning(s, st, doing, &r->id, e);
	for (size_t i = 0; !rc && i < nmembers + naccounts; i++) {
		int member = i < nmembers;
		if (!(st = st_prep(s, member ? who : what, doing, e))) {
			rc = AP_ESTORE;
			break;
		}
		db_bind_int64(st, 1, r->id);
		db_bind_int64(st, 2, member ? members[i] : accounts[i - nmembers]);
		db_bind_int64(st, 3, (long long)(member ? i : i - nmembers));
		rc = st_exec(s, st, doing, e);
	}
	return tx_end(s, rc, e);
}

int store_review_accounts(store *s, long long id, ap_review_accounts *out, ap_err *e)
{
	static const char doing[] = "reading the review's accounts";
	static const char sql[] = "SELECT ra.account_id, a.name, ra.state, coalesce(ra.done_at, ''), ra.done_by"
		" FROM review_account ra JOIN account a ON a.id = ra.account_id WHERE ra.review_id = ?1 ORDER BY ra.pos";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		ap_review_account *a = ap_vec_push(out);
		a->account_id = db_col_int64(st, 0);
		a->account = col_text(st, 1);
		a->state = col_name(st, 2, &ap_rstates);
		a->done_at = col_text(st, 3);
		a->done_by = col_text(st, 4);
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

/* The review, open: a closed review takes nothing more. */
static int review_open(store *s, long long id, ap_err *e)
{
	ap_review r = {0};
	int rc = store_review_get(s, id, &r, e);
	if (!rc && r.status != RSTATUS_OPEN)
		rc = ap_fail(e, AP_EINPUT, "review %lld was closed on %s: it takes no more", id, r.closed);
	ap_review_clear(&r);
	return rc;
}

/* The account is still in the review (it may have been removed meanwhile). */
static int review_has(store *s, long long id, long long account, ap_err *e)
{
	static const char doing[] = "reading the review's accounts";
	static const char sql[] = "SELECT 1 FROM review_account WHERE review_id = ?1 AND account_id = ?2";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, account);
	int rc = db_step(st);
	st_done(st);
	if (rc == DB_ROW)
		return AP_OK;
	if (rc == DB_DONE)
		return ap_fail(e, AP_EINPUT, "the account is no longer in review %lld (it was removed)", id);
	return st_fail(s, rc, doing, e);
}

int store_review_mark(store *s, long long id, long long account, int state, ap_err *e)
{
	static const char doing[] = "recording where the review stands";
	static const char sql[] = "UPDATE review_account SET state = ?3, done_at = CASE WHEN ?3 = 'pending' THEN NULL"
		" ELSE ?4 END, done_by = CASE WHEN ?3 = 'pending' THEN '' ELSE ?5 END"
		" WHERE review_id = ?1 AND account_id = ?2";
	char now[21];
	ap_now_stamp(now);
	int rc = tx_begin(s, doing, e);
	if (!rc && !(rc = review_open(s, id, e)) && !(rc = review_has(s, id, account, e))) {
		db_stmt *st = st_prep(s, sql, doing, e);
		if (!st)
			rc = AP_ESTORE;
		else {
			db_bind_int64(st, 1, id);
			db_bind_int64(st, 2, account);
			db_bind_text(st, 3, ap_rstates.names[state]);
			db_bind_text(st, 4, now);
			db_bind_text(st, 5, s->author ? s->author : "");
			rc = st_exec(s, st, doing, e);
		}
	}
	return tx_end(s, rc, e);
}

int store_review_close(store *s, long long id, const char *today, ap_err *e)
{
	static const char doing[] = "closing the review";
	static const char sql[] = "UPDATE review SET status = 'closed', closed_on = ?2, version = version + 1,"
		" updated_at = ?3, updated_by = ?4 WHERE id = ?1 AND status = 'open'";
	char now[21];
	ap_now_stamp(now);
	int rc = tx_begin(s, doing, e);
	db_stmt *st = rc ? NULL : st_prep(s, sql, doing, e);
	if (!st)
		return tx_end(s, rc ? rc : AP_ESTORE, e);
	db_bind_int64(st, 1, id);
	db_bind_text(st, 2, today);
	db_bind_text(st, 3, now);
	db_bind_text(st, 4, s->author ? s->author : "");
	rc = st_exec(s, st, doing, e);
	return tx_end(s, rc, e);
}

static const char decision_doing[] = "recording the decision";

/* A decision row, by whom and when as given. */
static int decision_insert(store *s, long long id, long long account, const char *text, const char *by,
	const char *at, long long *out, ap_err *e)
{
	static const char sql[] = "INSERT INTO review_decision (review_id, account_id, text, decided_by, version,"
		" created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5, ?4) RETURNING id";
	db_stmt *st = st_prep(s, sql, decision_doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, account);
	db_bind_text(st, 3, text);
	db_bind_text(st, 4, by);
	db_bind_text(st, 5, at);
	return insert_returning(s, st, decision_doing, out, e);
}

int store_review_decide(store *s, long long id, long long account, const char *text, long long *out, ap_err *e)
{
	char now[21];
	long long got = 0;
	ap_now_stamp(now);
	int rc = tx_begin(s, decision_doing, e);
	if (!rc && !(rc = review_open(s, id, e)) && !(rc = review_has(s, id, account, e)))
		rc = decision_insert(s, id, account, text, s->author ? s->author : "", now, &got, e);
	if (out)
		*out = got;
	return tx_end(s, rc, e);
}

int store_review_decisions(store *s, long long review, long long account, ap_decisions *out, ap_err *e)
{
	static const char doing[] = "reading decisions";
	static const char sql[] = "SELECT d.id, d.review_id, d.account_id, a.name, d.text, d.decided_by, d.created_at,"
		" r.held_on FROM review_decision d JOIN account a ON a.id = d.account_id JOIN review r ON r.id = d.review_id"
		" WHERE (?1 = 0 OR d.review_id = ?1) AND (?2 = 0 OR d.account_id = ?2)"
		" ORDER BY r.held_on, d.review_id, d.id";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, review);
	db_bind_int64(st, 2, account);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		ap_decision *d = ap_vec_push(out);
		d->id = db_col_int64(st, 0);
		d->review_id = db_col_int64(st, 1);
		d->account_id = db_col_int64(st, 2);
		d->account = col_text(st, 3);
		d->text = col_text(st, 4);
		d->by = col_text(st, 5);
		d->at = col_text(st, 6);
		d->review_date = col_text(st, 7);
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_review_last(store *s, long long account, long long except, long long *review, char **at, ap_err *e)
{
	static const char doing[] = "reading the account's last review";
	static const char sql[] = "SELECT ra.review_id, ra.done_at FROM review_account ra WHERE ra.account_id = ?1"
		" AND ra.state = 'reviewed' AND ra.review_id <> ?2 ORDER BY ra.done_at DESC, ra.review_id DESC LIMIT 1";
	*review = 0;
	*at = NULL;
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	db_bind_int64(st, 2, except);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*review = db_col_int64(st, 0);
		*at = col_text(st, 1);
		rc = DB_DONE;
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_answer_confirm(store *s, long long account, const char *question, long long review, const char *today,
	ap_err *e)
{
	static const char doing[] = "confirming the answer";
	static const char current[] = "SELECT max(x.id) FROM answer x WHERE x.account_id = ?1 AND x.question = ?2";
	static const char sql[] = "INSERT INTO confirmation (account_id, answer_id, review_id, confirmed_by,"
		" confirmed_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	char now[21];
	long long answer = 0;
	ap_now_stamp(now);
	int rc = tx_begin(s, doing, e);
	if (!rc && review > 0)
		rc = review_open(s, review, e);
	db_stmt *st = rc ? NULL : st_prep(s, current, doing, e);
	if (!st)
		return tx_end(s, rc ? rc : AP_ESTORE, e);
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, question);
	if ((rc = db_step(st)) == DB_ROW) {
		answer = db_col_int64(st, 0);
		rc = DB_DONE;
	}
	st_done(st);
	if (rc != DB_DONE)
		return tx_end(s, st_fail(s, rc, doing, e), e);
	if (answer <= 0)
		return tx_end(s, ap_fail(e, AP_EINPUT, "question '%s' has no answer to confirm", question), e);
	if (!(st = st_prep(s, sql, doing, e)))
		return tx_end(s, AP_ESTORE, e);
	db_bind_int64(st, 1, account);
	db_bind_int64(st, 2, answer);
	if (review > 0)
		db_bind_int64(st, 3, review);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, s->author ? s->author : "");
	db_bind_text(st, 5, today);
	db_bind_text(st, 6, now);
	return tx_end(s, st_exec(s, st, doing, e), e);
}

int store_review_confirmations(store *s, long long review, ap_confirmations *out, ap_err *e)
{
	static const char doing[] = "reading confirmations";
	static const char sql[] = "SELECT c.id, c.account_id, c.answer_id, coalesce(c.review_id, 0), a.name,"
		" x.question, x.value, c.confirmed_by, c.confirmed_on, x.answered_on FROM confirmation c JOIN account a ON a.id = c.account_id"
		" JOIN answer x ON x.id = c.answer_id WHERE c.review_id = ?1 ORDER BY c.id";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, review);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		ap_confirmation *c = ap_vec_push(out);
		c->id = db_col_int64(st, 0);
		c->account_id = db_col_int64(st, 1);
		c->answer_id = db_col_int64(st, 2);
		c->review_id = db_col_int64(st, 3);
		c->account = col_text(st, 4);
		c->question = col_text(st, 5);
		c->value = col_text(st, 6);
		c->by = col_text(st, 7);
		c->on = col_text(st, 8);
		c->answer_date = col_text(st, 9);
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_review_snoozed(store *s, long long review, long long account, const char *rule, const char *question,
	ap_err *e)
{
	static const char doing[] = "recording the snooze in the review";
	static const char sql[] = "UPDATE snooze SET review_id = ?1 WHERE account_id = ?2 AND rule = ?3 AND question = ?4";
	int rc = tx_begin(s, doing, e);
	db_stmt *st = rc ? NULL : st_prep(s, sql, doing, e);
	if (!st)
		return tx_end(s, rc ? rc : AP_ESTORE, e);
	db_bind_int64(st, 1, review);
	db_bind_int64(st, 2, account);
	db_bind_text(st, 3, rule);
	db_bind_text(st, 4, question ? question : "");
	return tx_end(s, st_exec(s, st, doing, e), e);
}

/* The records of kind k a statement selects (its columns, review ?1). */
static int review_records(store *s, enum rec_kind_id kid, const char *sql, long long review, void *out,
	const char *doing, ap_err *e)
{
	const rec_kind *k = &rec_kinds[kid];
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, review);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		rec_decode(k, st, 0, rec_vec_push(out, k->size));
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_review_snoozes(store *s, long long review, ap_snoozes *out, ap_err *e)
{
	static const char doing[] = "reading the review's snoozes";
	if (!s->review_snoozes)
		s->review_snoozes = xasprintf("SELECT %s FROM snooze x WHERE x.review_id = ?1 ORDER BY x.id",
			s->sql[REC_SNOOZE].cols);
	return review_records(s, REC_SNOOZE, s->review_snoozes, review, out, doing, e);
}

int store_review_actions(store *s, long long review, ap_actions *out, ap_err *e)
{
	static const char doing[] = "reading the review's actions";
	if (!s->review_actions)
		s->review_actions = xasprintf("SELECT %s FROM action x WHERE x.review_id = ?1 ORDER BY x.%s, x.id",
			s->sql[REC_ACTION].cols, rec_field_by_key(&rec_kinds[REC_ACTION], "due")->col);
	return review_records(s, REC_ACTION, s->review_actions, review, out, doing, e);
}

/* What changed on an account after a stamp, newest first: one statement
 * over the account's own index of each table (every row has its stamps). */
int store_account_changes(store *s, long long account, const char *since, ap_changes *out, ap_err *e)
{
	static const char doing[] = "reading what changed";
	static const char sql[] =
		"SELECT 'answer', x.created_at, 1, x.question || ': ' || x.value FROM answer x"
		" WHERE x.account_id = ?1 AND x.created_at > ?2"
		" UNION ALL SELECT 'contact', x.updated_at, CASE WHEN x.created_at > ?2 THEN 1 ELSE 0 END, x.name ||"
		" CASE WHEN x.title <> '' THEN ' (' || x.title || ')' ELSE '' END FROM contact x"
		" WHERE x.account_id = ?1 AND x.updated_at > ?2"
		" UNION ALL SELECT 'meeting', x.updated_at, CASE WHEN x.created_at > ?2 THEN 1 ELSE 0 END, x.held_on || ' ' || x.status || ': ' || x.summary"
		" FROM engagement x WHERE x.account_id = ?1 AND x.updated_at > ?2"
		" UNION ALL SELECT 'note', x.updated_at, CASE WHEN x.created_at > ?2 THEN 1 ELSE 0 END, x.written_on || ': ' || x.body FROM note x"
		" WHERE x.account_id = ?1 AND x.updated_at > ?2"
		" UNION ALL SELECT 'action', x.updated_at, CASE WHEN x.created_at > ?2 THEN 1 ELSE 0 END, x.status || ', due ' || x.due_on || ': ' || x.title"
		" FROM action x WHERE x.account_id = ?1 AND x.updated_at > ?2"
		" UNION ALL SELECT 'competitor', x.updated_at, CASE WHEN x.created_at > ?2 THEN 1 ELSE 0 END, x.name FROM competitor x"
		" WHERE x.account_id = ?1 AND x.updated_at > ?2"
		" UNION ALL SELECT 'endcustomer', x.updated_at, CASE WHEN x.created_at > ?2 THEN 1 ELSE 0 END, x.name FROM end_customer x"
		" WHERE x.account_id = ?1 AND x.updated_at > ?2"
		" ORDER BY 2 DESC, 1";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, since ? since : "");
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		ap_change *c = ap_vec_push(out);
		c->kind = col_text(st, 0);
		c->at = col_text(st, 1);
		c->created = db_col_int(st, 2) != 0;
		c->what = col_text(st, 3);
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_review_lasts(store *s, ap_review_accounts *out, ap_err *e)
{
	static const char doing[] = "reading when accounts were last reviewed";
	static const char sql[] = "SELECT ra.account_id, max(ra.done_at) FROM review_account ra"
		" WHERE ra.state = 'reviewed' GROUP BY ra.account_id";
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		ap_review_account *a = ap_vec_push(out);
		a->account_id = db_col_int64(st, 0);
		a->done_at = col_text(st, 1);
		a->state = RSTATE_REVIEWED;
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

/* ---- a review as an export holds it ---- */

int store_review_put(store *s, const ap_review *r, const long long *members, size_t nmembers,
	const ap_review_account *accounts, size_t naccounts, long long *id, ap_err *e)
{
	static const char doing[] = "importing a review";
	static const char add[] = "INSERT INTO review (held_on, segment, tier, status, closed_on, created_by, version,"
		" created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7, ?6) RETURNING id";
	static const char who[] = "INSERT INTO review_member (review_id, member_id, pos) VALUES (?1, ?2, ?3)";
	static const char what[] = "INSERT INTO review_account (review_id, account_id, pos, state, done_at, done_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	char now[21];
	ap_now_stamp(now);
	db_stmt *st = st_prep(s, add, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_text(st, 1, r->date);
	bind_name(st, 2, &ap_segments, r->segment);
	bind_name(st, 3, &ap_tiers, r->tier);
	db_bind_text(st, 4, ap_rstatuses.names[r->status]);
	if (r->closed && *r->closed)
		db_bind_text(st, 5, r->closed);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, r->by ? r->by : "");
	db_bind_text(st, 7, now);
	int rc = insert_returning(s, st, doing, id, e);
	for (size_t i = 0; !rc && i < nmembers; i++) {
		if (!(st = st_prep(s, who, doing, e)))
			return AP_ESTORE;
		db_bind_int64(st, 1, *id);
		db_bind_int64(st, 2, members[i]);
		db_bind_int64(st, 3, (long long)i);
		rc = st_exec(s, st, doing, e);
	}
	for (size_t i = 0; !rc && i < naccounts; i++) {
		const ap_review_account *a = &accounts[i];
		if (!(st = st_prep(s, what, doing, e)))
			return AP_ESTORE;
		db_bind_int64(st, 1, *id);
		db_bind_int64(st, 2, a->account_id);
		db_bind_int64(st, 3, (long long)i);
		db_bind_text(st, 4, ap_rstates.names[a->state]);
		if (a->done_at && *a->done_at)
			db_bind_text(st, 5, a->done_at);
		else
			db_bind_null(st, 5);
		db_bind_text(st, 6, a->done_by ? a->done_by : "");
		rc = st_exec(s, st, doing, e);
	}
	return rc;
}

int store_review_decision_put(store *s, long long review, long long account, const char *text, const char *by,
	const char *at, ap_err *e)
{
	long long id;
	return decision_insert(s, review, account, text, by, at, &id, e);
}

int store_confirmation_put(store *s, long long review, long long account, const char *question,
	const char *answer_date, const char *by, const char *on, ap_err *e)
{
	static const char doing[] = "importing a confirmation";
	static const char sql[] = "INSERT INTO confirmation (account_id, answer_id, review_id, confirmed_by,"
		" confirmed_on, created_at) SELECT x.account_id, x.id, ?4, ?5, ?6, ?7 FROM answer x"
		" WHERE x.account_id = ?1 AND x.question = ?2 AND x.answered_on = ?3 ORDER BY x.id DESC LIMIT 1";
	char now[21];
	ap_now_stamp(now);
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, question);
	db_bind_text(st, 3, answer_date);
	db_bind_int64(st, 4, review);
	db_bind_text(st, 5, by ? by : "");
	db_bind_text(st, 6, on);
	db_bind_text(st, 7, now);
	int rc = st_exec(s, st, doing, e);
	if (!rc && db_changes(s->db) == 0)
		rc = ap_fail(e, AP_EINPUT, "no answer to '%s' dated %s to confirm", question, answer_date);
	return rc;
}

int store_review_link(store *s, enum rec_kind_id kind, long long id, long long review, ap_err *e)
{
	static const char doing[] = "linking a record to its review";
	static const char action[] = "UPDATE action SET review_id = ?2 WHERE id = ?1";
	static const char snooze[] = "UPDATE snooze SET review_id = ?2 WHERE id = ?1";
	db_stmt *st = st_prep(s, kind == REC_ACTION ? action : snooze, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, review);
	return st_exec(s, st, doing, e);
}
