/* store_records.c - the typed face of the store: each kind's functions are
 * the shared operations of store_sql.c with that kind's id, plus the few
 * queries that are not "one kind's rows" (current answers, the accounts
 * screen's window, snoozes' upsert). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

/* A statement whose text is derived at first use from a kind's select list;
 * `tail` follows "SELECT <cols>". Kept in *slot for the connection. */
static const char *derived(store *s, char **slot, enum rec_kind_id k, const char *head, const char *tail)
{
	if (!*slot)
		*slot = xasprintf("SELECT %s%s%s", s->sql[k].cols, head, tail);
	return *slot;
}

static int list_end(store *s, db_stmt *st, int rc, const char *doing, ap_err *e)
{
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

/* ---- accounts ---- */

int store_account_add(store *s, const char *name, const char *industry, int segment,
	const char *created, long long *id, ap_err *e)
{
	char today[11];
	if (!created) {
		ap_date_format(ap_today(), today);
		created = today;
	}
	ap_account a = {.name = (char *)name, .industry = (char *)industry, .segment = segment < 0 ? SEG_OTHER : segment,
		.created = (char *)created};
	int rc = store_rec_add(s, REC_ACCOUNT, 0, &a, e);
	if (!rc && id)
		*id = a.id;
	return rc;
}

int store_account_get(store *s, const char *name, ap_account *out, ap_err *e)
{
	long long id;
	int rc = store_rec_find(s, REC_ACCOUNT, 0, name, &id, e);
	return rc ? rc : store_rec_get(s, REC_ACCOUNT, 0, id, out, e);
}

int store_account_get_id(store *s, long long id, ap_account *out, ap_err *e)
{
	int rc = store_rec_get(s, REC_ACCOUNT, 0, id, out, e);
	return rc == AP_EINPUT ? ap_fail(e, AP_EINPUT, "unknown account #%lld", id) : rc;
}

int store_account_list(store *s, ap_accounts *out, ap_err *e)
{
	return rec_list(s, REC_ACCOUNT, rec_list_sql(s, REC_ACCOUNT, 0), 0, out, e);
}

/* The filter matches name or industry; instr over lower() keeps the pattern
 * a plain string (no LIKE wildcards to escape); the PostgreSQL schema
 * defines instr as its strpos. */
#define ACCOUNT_FILTER " WHERE (?1 IS NULL OR instr(lower(x.name), lower(?1)) > 0 OR instr(lower(x.industry), lower(?1)) > 0)"

int store_account_page(store *s, const char *filter, size_t offset, size_t limit,
	ap_accounts *out, ap_err *e)
{
	const char *sql = derived(s, &s->account_page, REC_ACCOUNT, " FROM account x" ACCOUNT_FILTER,
		" ORDER BY lower(x.name) LIMIT ?2 OFFSET ?3");
	db_stmt *st = st_prep(s, sql, "listing accounts", e);
	if (!st)
		return AP_ESTORE;
	db_bind_text(st, 1, filter && *filter ? filter : NULL);
	db_bind_int64(st, 2, (long long)(limit > (size_t)INT64_MAX ? INT64_MAX : limit));
	db_bind_int64(st, 3, (long long)offset);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		rec_decode(&rec_kinds[REC_ACCOUNT], st, 0, ap_vec_push(out));
	return list_end(s, st, rc, "listing accounts", e);
}

int store_account_count(store *s, const char *filter, long long *n, ap_err *e)
{
	static const char sql[] = "SELECT count(*) FROM account x" ACCOUNT_FILTER;
	db_stmt *st = st_prep(s, sql, "counting accounts", e);
	if (!st)
		return AP_ESTORE;
	db_bind_text(st, 1, filter && *filter ? filter : NULL);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*n = db_col_int64(st, 0);
		rc = DB_DONE;
	}
	return list_end(s, st, rc, "counting accounts", e);
}

int store_account_update(store *s, long long id, const char *name, const char *industry,
	int segment, ap_err *e)
{
	ap_account a = {0};
	int rc = store_begin(s, e);
	if (!rc && !(rc = store_account_get_id(s, id, &a, e))) {
		ap_account b = a;
		b.name = (char *)name;
		b.industry = (char *)(industry ? industry : "");
		b.segment = segment;
		rc = store_rec_update(s, REC_ACCOUNT, 0, &b, 0, e);
	}
	ap_account_clear(&a);
	return tx_end(s, rc, e);
}

int store_account_remove(store *s, long long id, ap_err *e)
{
	return store_rec_remove(s, REC_ACCOUNT, 0, id, 0, e);
}

/* ---- answers ---- */

int store_answer_add(store *s, long long account, const char *question, const char *value,
	int source, int confidence, const char *author, const char *date, ap_err *e)
{
	ap_answer a = {.question = (char *)question, .value = (char *)value, .source = source,
		.confidence = confidence, .author = (char *)author, .date = (char *)date};
	return store_answer_put(s, account, &a, STORE_REPLACES_CURRENT, NULL, e);
}

/* The id of the current answer to (account, question), 0 when none. */
static int answer_current_id(store *s, long long account, const char *question, long long *id, ap_err *e)
{
	static const char sql[] = "SELECT max(id) FROM answer WHERE account_id = ?1 AND question = ?2";
	db_stmt *st = st_prep(s, sql, "reading the current answer", e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, question);
	int rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	st_done(st);
	return rc == DB_ROW ? AP_OK : st_fail(s, rc, "reading the current answer", e);
}

/* An --replaces id must be an answer to the same question of the same account. */
static int check_replaced(store *s, long long account, const char *question, long long id, ap_err *e)
{
	ap_answer old = {0};
	int rc = store_rec_get(s, REC_ANSWER, account, id, &old, e);
	if (rc == AP_EINPUT)
		rc = ap_fail(e, AP_EINPUT, "--replaces: no answer #%lld in this account (see 'acctplan history')", id);
	else if (!rc && strcmp(old.question, question) != 0)
		rc = ap_fail(e, AP_EINPUT, "--replaces: answer #%lld answers '%s', not '%s'", id, old.question, question);
	rec_clear(&rec_kinds[REC_ANSWER], &old);
	return rc;
}

static int replaced_conflict(store *s, long long account, const char *question, long long replaces, ap_err *e)
{
	ap_answer cur = {0};
	ap_err sub;
	long long id;
	if (answer_current_id(s, account, question, &id, &sub) || !id ||
	    store_rec_get(s, REC_ANSWER, account, id, &cur, &sub))
		return ap_fail(e, AP_ECONFLICT, "another answer to '%s' was saved first; nothing was written", question);
	char was[32];
	if (replaces > 0)
		snprintf(was, sizeof was, "#%lld", replaces);
	else
		snprintf(was, sizeof was, "none");
	int rc = ap_fail(e, AP_ECONFLICT, "the answer to '%s' changed since you read it (you replaced %s): "
		"the current one is #%lld%s%s, dated %s; nothing was written", question, was, cur.id,
		*cur.author ? " by " : "", cur.author, cur.date);
	rec_clear(&rec_kinds[REC_ANSWER], &cur);
	return rc;
}

/* Evidence the writer left out, decided against the answer superseded,
 * read in the write's own transaction (rec_evidence_keep). */
static int answer_evidence(store *s, long long account, ap_answer *a, ap_err *e)
{
	const rec_kind *k = &rec_kinds[REC_ANSWER];
	ap_answer old = {0};
	int rc = a->replaces > 0 ? store_rec_get(s, REC_ANSWER, account, a->replaces, &old, e) : AP_OK;
	if (!rc)
		rec_evidence_keep(k, a, a->replaces > 0 ? &old : NULL);
	rec_clear(k, &old);
	return rc;
}

int store_answer_put(store *s, long long account, const ap_answer *in, long long replaces,
	long long *id, ap_err *e)
{
	ap_answer a = *in;
	char today[11];
	if (!a.date) {
		ap_date_format(ap_today(), today);
		a.date = today;
	}
	if (!a.author)
		a.author = (char *)"";
	int rc = tx_begin(s, "saving answer", e);
	if (!rc && replaces == STORE_REPLACES_CURRENT) {
		rc = answer_current_id(s, account, a.question, &a.replaces, e);
	} else if (!rc) {
		a.replaces = replaces;
		if (replaces > 0)
			rc = check_replaced(s, account, a.question, replaces, e);
		/* Superseded already: said before the insert, which would spend an
		 * id on PostgreSQL (its sequences give none back). The unique index
		 * still decides between two writers racing past this. */
		long long cur = 0;
		if (!rc)
			rc = answer_current_id(s, account, a.question, &cur, e);
		if (!rc && cur != (replaces > 0 ? replaces : 0))
			rc = replaced_conflict(s, account, a.question, replaces, e);
	}
	a.created_at = NULL;
	if (!rc && rec_evidence_left(&rec_kinds[REC_ANSWER], &a))
		rc = answer_evidence(s, account, &a, e);
	if (!rc) {
		rc = store_rec_add(s, REC_ANSWER, account, &a, e);
		/* Only the replaces index is unique among answers: someone else's
		 * answer superseded the same one first. */
		if (rc == AP_ECONFLICT)
			rc = replaced_conflict(s, account, a.question, replaces, e);
	}
	if (!rc && id)
		*id = a.id;
	return tx_end(s, rc, e);
}

/* The current answer is the newest row of its (account, question); the
 * grouped max(id) walks answer_by_question once instead of a query per row.
 * The count comes first so the record's columns keep their order. */
static char *current_sql(store *s, int all)
{
	const rec_kind *k = &rec_kinds[REC_ANSWER];
	const char *acc = s->sql[REC_ANSWER].parent, *q = rec_field_by_key(k, "question")->col;
	const char *an = rec_field_by_key(&rec_kinds[REC_ACCOUNT], "name")->col;
	if (!all)
		return xasprintf("SELECT c.n, %s FROM answer x JOIN (SELECT max(id) AS id, count(*) AS n FROM answer"
			" WHERE %s = ?1 GROUP BY %s, %s) c ON c.id = x.id WHERE x.%s = ?1 ORDER BY x.%s",
			s->sql[REC_ANSWER].cols, acc, acc, q, acc, q);
	return xasprintf("SELECT c.n, %s FROM answer x JOIN (SELECT max(id) AS id, count(*) AS n FROM answer"
		" GROUP BY %s, %s) c ON c.id = x.id JOIN account a ON a.id = x.%s WHERE ?1 = 0"
		" ORDER BY lower(a.%s), x.%s, x.%s", s->sql[REC_ANSWER].cols, acc, q, acc, an, acc, q);
}

/* Rows whose first column is how many versions the answer has (1 in history). */
static int answer_rows(store *s, const char *sql, long long account, const char *question,
	ap_answers *out, ap_err *e)
{
	const rec_kind *k = &rec_kinds[REC_ANSWER];
	db_stmt *st = st_prep(s, sql, "reading answers", e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	if (question)
		db_bind_text(st, 2, question);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		ap_answer *a = ap_vec_push(out);
		rec_decode(k, st, 1, a);
		a->versions = db_col_int(st, 0);
	}
	return list_end(s, st, rc, "reading answers", e);
}

int store_answer_current(store *s, long long account, ap_answers *out, ap_err *e)
{
	if (!s->answer_current_one) {
		s->answer_current_one = current_sql(s, 0);
		s->answer_current_all = current_sql(s, 1);
	}
	const char *sql = account ? s->answer_current_one : s->answer_current_all;
	return answer_rows(s, sql, account, NULL, out, e);
}

int store_answer_history(store *s, long long account, const char *question,
	ap_answers *out, ap_err *e)
{
	if (!s->answer_history)
		s->answer_history = xasprintf("SELECT 1, %s FROM answer x WHERE x.account_id = ?1 AND x.question = ?2"
			" ORDER BY x.id DESC", s->sql[REC_ANSWER].cols);
	return answer_rows(s, s->answer_history, account, question, out, e);
}

int store_answer_all(store *s, long long account, ap_answers *out, ap_err *e)
{
	return rec_list(s, REC_ANSWER, rec_list_sql(s, REC_ANSWER, account), account, out, e);
}

/* ---- the kinds that are one account's list ---- */

static int list_kind(store *s, enum rec_kind_id k, long long account, void *out, ap_err *e)
{
	return rec_list(s, k, rec_list_sql(s, k, account), account, out, e);
}

static int add_kind(store *s, enum rec_kind_id k, long long account, const void *in, long long *id, ap_err *e)
{
	/* A shallow copy: the store sets the id and version on it, never the caller's strings. */
	char rec[512];
	memcpy(rec, in, rec_kinds[k].size);
	int rc = store_rec_add(s, k, account, rec, e);
	if (!rc && id)
		*id = *(long long *)rec_slot(rec_field_by_key(&rec_kinds[k], "id"), rec);
	return rc;
}

/* Remove a named record of an account (contacts, competitors, end customers). */
static int remove_named(store *s, enum rec_kind_id k, long long account, const char *name, ap_err *e)
{
	long long id;
	int rc = tx_begin(s, "removing", e);
	if (!rc)
		rc = store_rec_find(s, k, account, name, &id, e);
	if (!rc)
		rc = store_rec_remove(s, k, account, id, 0, e);
	return tx_end(s, rc, e);
}

int store_contact_add(store *s, long long account, const ap_contact *c, ap_err *e)
{
	return add_kind(s, REC_CONTACT, account, c, NULL, e);
}

int store_contact_update(store *s, long long account, const char *old_name,
	const ap_contact *c, ap_err *e)
{
	ap_contact u = *c;
	int rc = tx_begin(s, "updating contact", e);
	if (!rc)
		rc = store_rec_find(s, REC_CONTACT, account, old_name, &u.id, e);
	if (!rc && c->reports_to && *c->reports_to && strcasecmp(c->reports_to, old_name) == 0)
		rc = ap_fail(e, AP_EINPUT, "a contact cannot report to themselves");
	if (!rc)
		rc = store_rec_update(s, REC_CONTACT, account, &u, 0, e);
	return tx_end(s, rc, e);
}

int store_contact_list(store *s, long long account, ap_contacts *out, ap_err *e)
{
	return list_kind(s, REC_CONTACT, account, out, e);
}

int store_contact_remove(store *s, long long account, const char *name, ap_err *e)
{
	return remove_named(s, REC_CONTACT, account, name, e);
}

int store_competitor_add(store *s, long long account, const ap_competitor *c, ap_err *e)
{
	return add_kind(s, REC_COMPETITOR, account, c, NULL, e);
}

int store_competitor_list(store *s, long long account, ap_competitors *out, ap_err *e)
{
	return list_kind(s, REC_COMPETITOR, account, out, e);
}

int store_competitor_remove(store *s, long long account, const char *name, ap_err *e)
{
	return remove_named(s, REC_COMPETITOR, account, name, e);
}

int store_endcustomer_add(store *s, long long account, const ap_endcustomer *c, ap_err *e)
{
	return add_kind(s, REC_ENDCUSTOMER, account, c, NULL, e);
}

int store_endcustomer_list(store *s, long long account, ap_endcustomers *out, ap_err *e)
{
	return list_kind(s, REC_ENDCUSTOMER, account, out, e);
}

int store_endcustomer_remove(store *s, long long account, const char *name, ap_err *e)
{
	return remove_named(s, REC_ENDCUSTOMER, account, name, e);
}

int store_meeting_add(store *s, long long account, const ap_meeting *m, long long *id, ap_err *e)
{
	ap_meeting c = *m;
	if (c.news < 0)
		c.news = NEWS_NONE;
	return add_kind(s, REC_MEETING, account, &c, id, e);
}

int store_meeting_list(store *s, long long account, ap_meetings *out, ap_err *e)
{
	return list_kind(s, REC_MEETING, account, out, e);
}

int store_meeting_remove(store *s, long long account, long long id, ap_err *e)
{
	return store_rec_remove(s, REC_MEETING, account, id, 0, e);
}

int store_note_add(store *s, long long account, const ap_note *n, long long *id, ap_err *e)
{
	char today[11];
	ap_note c = *n;
	ap_date_format(ap_today(), today);
	if (!c.date)
		c.date = today;
	if (c.tier < 0)
		c.tier = TIER_SALES;
	if (!c.meta.updated_by && c.author)
		c.meta.updated_by = c.author;
	return add_kind(s, REC_NOTE, account, &c, id, e);
}

int store_note_update(store *s, long long account, long long id, const char *body, ap_err *e)
{
	ap_note n = {0};
	int rc = tx_begin(s, "updating note", e);
	if (!rc && !(rc = store_rec_get(s, REC_NOTE, account, id, &n, e))) {
		ap_note u = n;
		u.body = (char *)body;
		rc = store_rec_update(s, REC_NOTE, account, &u, 0, e);
	}
	ap_note_clear(&n);
	return tx_end(s, rc, e);
}

int store_note_list(store *s, long long account, ap_notes *out, ap_err *e)
{
	return list_kind(s, REC_NOTE, account, out, e);
}

int store_note_remove(store *s, long long account, long long id, ap_err *e)
{
	return store_rec_remove(s, REC_NOTE, account, id, 0, e);
}

/* ---- snoozes ---- */

int store_snooze_set(store *s, long long account, const char *rule, const char *question,
	const char *until, const char *reason, const char *created, ap_err *e)
{
	char today[11];
	ap_date_format(ap_today(), today);
	/* Whoever snoozes answers for it: the member acting, as every change records. */
	ap_snooze z = {.rule = (char *)rule, .question = (char *)(question ? question : ""), .until = (char *)until,
		.reason = (char *)reason, .created = (char *)(created ? created : today),
		.by = (char *)(s->author ? s->author : "")};
	return store_rec_add(s, REC_SNOOZE, account, &z, e);
}

int store_snooze_list(store *s, long long account, ap_snoozes *out, ap_err *e)
{
	return rec_list(s, REC_SNOOZE, rec_list_sql(s, REC_SNOOZE, account), account, out, e);
}

int store_snooze_clear(store *s, long long account, const char *rule, const char *question,
	int *n, ap_err *e)
{
	static const char one[] = "DELETE FROM snooze WHERE account_id = ?1 AND rule = ?2 AND question = ?3";
	static const char all[] = "DELETE FROM snooze WHERE account_id = ?1";
	int rc = tx_begin(s, "clearing snooze", e);
	db_stmt *st = rc ? NULL : st_prep(s, rule ? one : all, "clearing snooze", e);
	if (!st)
		return tx_end(s, rc ? rc : AP_ESTORE, e);
	db_bind_int64(st, 1, account);
	if (rule) {
		db_bind_text(st, 2, rule);
		db_bind_text(st, 3, question ? question : "");
	}
	rc = st_exec(s, st, "clearing snooze", e);
	if (!rc && n)
		*n = db_changes(s->db);
	return tx_end(s, rc, e);
}

/* ---- demand drivers ---- */

int store_driver_add(store *s, long long account, const ap_driver *d, long long *id, ap_err *e)
{
	return add_kind(s, REC_DRIVER, account, d, id, e);
}

int store_driver_list(store *s, long long account, ap_drivers *out, ap_err *e)
{
	return list_kind(s, REC_DRIVER, account, out, e);
}

int store_driver_remove(store *s, long long account, long long id, ap_err *e)
{
	return store_rec_remove(s, REC_DRIVER, account, id, 0, e);
}

/* ---- emptiness and repair ---- */

int store_is_empty(store *s, int *empty, ap_err *e)
{
	static const char sql[] = "SELECT NOT EXISTS (SELECT 1 FROM account)";
	db_stmt *st = st_prep(s, sql, "reading the store", e);
	if (!st)
		return AP_ESTORE;
	int rc = db_step(st);
	*empty = rc == DB_ROW && db_col_int(st, 0);
	return list_end(s, st, rc == DB_ROW ? DB_DONE : rc, "reading the store", e);
}

/* A text field an earlier release stored that rec_check now refuses. */
typedef struct repair {
	long long id;
	const rec_field *f;
	char *was, *now;
} repair;

/* A repaired text as the report shows it: what made it need repair escaped
 * (ap_text_escape), so the report itself is safe to print; long texts cut
 * to their first 60 bytes. Caller frees. */
static char *escaped(const char *s)
{
	ap_buf b = {0};
	size_t n = strlen(s), cut = n > 60 ? 60 : n;
	while (cut < n && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut++;
	ap_text_escape(&b, s, cut, 0);
	buf_puts(&b, cut < n ? "..." : "");
	return buf_steal(&b);
}

/* Write one repair with its own statement: a name that would then clash
 * with another record's fails alone (SQLite undoes just that statement) and
 * is kept as it was, reported. The version moves on: the record changed. */
static int repair_apply(store *s, const rec_kind *k, const repair *r, ap_err *e)
{
	/* A name's key changes with it; its unique index finds the clash. */
	int named = (r->f->flags & RF_NAME) && s->sql[k->id].find;
	char *sql = xasprintf("UPDATE %s SET %s = ?1%s%s WHERE id = ?2", k->table, r->f->col,
		named ? ", " STORE_NAME_KEY " = ?3" : "", k->versioned ? ", version = version + 1" : "");
	db_stmt *st = NULL;
	int step = db_prepare(s->db, sql, &st);
	free(sql);
	if (step == DB_OK) {
		db_bind_text(st, 1, r->now);
		db_bind_int64(st, 2, r->id);
		char *key = named ? ap_name_key(r->now) : NULL;
		if (named)
			db_bind_text(st, 3, key);
		free(key);
		step = db_step(st);
	}
	db_finalize(st);
	char *was = escaped(r->was);
	if (step == DB_DONE)
		buf_printf(&s->repairs, "%s #%lld: %s '%s' stored as '%s'\n", k->name, r->id, r->f->label, was, r->now);
	else if (db_unique(s->db, step))
		buf_printf(&s->repairs, "%s #%lld: %s '%s' kept as it was: repaired it would clash with another %s\n",
			k->name, r->id, r->f->label, was, k->name);
	free(was);
	if (step != DB_DONE && !db_unique(s->db, step))
		return st_fail(s, step, "repairing records", e);
	return AP_OK;
}

/* Read every record of kind k, note what needs repair, then write it (the
 * walk must end before its table changes). */
static int repair_kind(store *s, enum rec_kind_id k, ap_err *e)
{
	const rec_kind *kd = &rec_kinds[k];
	struct { repair *v; size_t n, cap; } fixes = {0};
	db_stmt *st = st_prep(s, s->sql[k].stream, "reading records to repair", e);
	if (!st)
		return AP_ESTORE;
	const rec_field *idf = rec_field_by_key(kd, "id");
	void *rec = xcalloc(1, kd->size);
	int step;
	while ((step = db_step(st)) == DB_ROW) {
		rec_decode(kd, st, 0, rec);
		for (int i = 0; i < kd->nfields; i++) {
			const rec_field *f = &kd->fields[i];
			if (f->type != RT_TEXT || !f->col || (f->flags & (RF_META | RF_NOWRITE)))
				continue;
			char *now = xstrdup(*(char **)rec_slot(f, rec));
			if (!rec_repair_text(&now, (f->flags & RF_NAME) != 0, (f->flags & RF_MULTI) != 0)) {
				free(now);
				continue;
			}
			repair *r = ap_vec_push(&fixes);
			*r = (repair){*(long long *)rec_slot(idf, rec), f, xstrdup(*(char **)rec_slot(f, rec)), now};
		}
		rec_clear(kd, rec);
	}
	free(rec);
	st_done(st);
	int rc = step == DB_DONE ? AP_OK : st_fail(s, step, "reading records to repair", e);
	for (size_t i = 0; i < fixes.n; i++) {
		if (!rc)
			rc = repair_apply(s, kd, &fixes.v[i], e);
		free(fixes.v[i].was);
		free(fixes.v[i].now);
	}
	free(fixes.v);
	return rc;
}

int store_repair_all(store *s, ap_err *e)
{
	int rc = AP_OK;
	for (int k = 0; !rc && k < REC_NKINDS; k++)
		rc = repair_kind(s, k, e);
	return rc;
}

/* One named row that needs its key. */
typedef struct keyed {
	long long id, parent;
	char *name;
} keyed;

/* Report a row whose name now compares equal to another's: both are kept,
 * the row without a key still answers to its exact name. */
static int report_same_name(store *s, const rec_kind *k, const keyed *r, const char *key, ap_err *e)
{
	const kind_sql *q = &s->sql[k->id];
	char *sql = xasprintf("SELECT id, %s FROM %s WHERE %s = ?1 AND " STORE_NAME_KEY " = ?2",
		rec_field_by_key(k, "name")->col, k->table, q->parent ? q->parent : "0");
	db_stmt *st = NULL;
	int step = db_prepare(s->db, sql, &st);
	free(sql);
	if (step == DB_OK) {
		db_bind_int64(st, 1, r->parent);
		db_bind_text(st, 2, key);
		step = db_step(st);
	}
	if (step == DB_ROW) {
		char *was = escaped(r->name), *other = escaped((const char *)db_col_text(st, 1));
		buf_printf(&s->repairs, "%s #%lld: name '%s' kept, but it is now the same name as %s #%lld '%s' "
			"(names are compared ignoring case and invisible characters): rename one of them\n",
			k->name, r->id, was, k->name, db_col_int64(st, 0), other);
		free(was);
		free(other);
		step = DB_DONE;
	}
	db_finalize(st);
	return step == DB_DONE ? AP_OK : st_fail(s, step, "comparing names", e);
}

static int fill_kind_keys(store *s, const rec_kind *k, ap_err *e)
{
	const kind_sql *q = &s->sql[k->id];
	struct { keyed *v; size_t n, cap; } rows = {0};
	char *sql = xasprintf("SELECT id, %s, %s FROM %s ORDER BY id", q->parent ? q->parent : "0",
		rec_field_by_key(k, "name")->col, k->table);
	db_stmt *st = NULL;
	int step = db_prepare(s->db, sql, &st);
	free(sql);
	while (step == DB_OK || step == DB_ROW) {
		if ((step = db_step(st)) != DB_ROW)
			break;
		keyed *r = ap_vec_push(&rows);
		*r = (keyed){db_col_int64(st, 0), db_col_int64(st, 1),
			xstrdup((const char *)db_col_text(st, 2))};
	}
	db_finalize(st);
	int rc = step == DB_DONE ? AP_OK : st_fail(s, step, "reading names", e);
	sql = xasprintf("UPDATE %s SET " STORE_NAME_KEY " = ?1 WHERE id = ?2", k->table);
	st = NULL;
	if (!rc && (step = db_prepare(s->db, sql, &st)) != DB_OK)
		rc = st_fail(s, step, "recording names", e);
	for (size_t i = 0; i < rows.n; i++) {
		char *key = ap_name_key(rows.v[i].name);
		if (!rc) {
			db_bind_text(st, 1, key);
			db_bind_int64(st, 2, rows.v[i].id);
			step = db_step(st);
			db_reset(st);
			/* A key another row has: SQLite undid just this statement. */
			if (db_unique(s->db, step))
				rc = report_same_name(s, k, &rows.v[i], key, e);
			else if (step != DB_DONE)
				rc = st_fail(s, step, "recording names", e);
		}
		free(key);
		free(rows.v[i].name);
	}
	db_finalize(st);
	free(sql);
	free(rows.v);
	return rc;
}

int store_fill_name_keys(store *s, ap_err *e)
{
	int rc = AP_OK;
	for (int k = 0; !rc && k < REC_NKINDS; k++)
		if (s->sql[k].find)
			rc = fill_kind_keys(s, &rec_kinds[k], e);
	return rc;
}
