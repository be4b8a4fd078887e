/* store_people.c - our people: members, the relationships they hold and
 * what changes hands when one leaves. Members are a record kind like any
 * (record.h); here is what reaches across kinds: finding a member by a
 * name someone typed, the refusals of a remove, and a member's contacts
 * over the whole portfolio. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/text.h"
#include "store_internal.h"

/* Close matches a message lists, at most. */
#define CLOSE_SHOWN 5

int store_member_list(store *s, ap_members *out, ap_err *e)
{
	return rec_list(s, REC_MEMBER, rec_list_sql(s, REC_MEMBER, 0), 0, out, e);
}

int store_link_list(store *s, long long account, ap_links *out, ap_err *e)
{
	return rec_list(s, REC_LINK, rec_list_sql(s, REC_LINK, account), account, out, e);
}

int store_member_count(store *s, long long *n, ap_err *e)
{
	db_stmt *st = st_prep(s, "SELECT count(*) FROM member", "counting members", e);
	if (!st)
		return AP_ESTORE;
	int rc = db_step(st);
	*n = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	st_done(st);
	return rc == DB_ROW ? AP_OK : st_fail(s, rc, "counting members", e);
}

/* The names of kind k's records (an account's, or all for a kind without
 * one) close to what someone typed, at most CLOSE_SHOWN, into *close;
 * *count gets how many records there are. */
static int close_names(store *s, enum rec_kind_id k, long long account, const char *name, ap_buf *close,
	size_t *count, ap_err *e)
{
	const rec_kind *kind = &rec_kinds[k];
	const kind_sql *q = &s->sql[k];
	struct { char *v; size_t n, cap; } all = {0};
	const rec_field *nf = NULL;
	for (int i = 0; i < kind->nfields && !nf; i++)
		if (kind->fields[i].flags & RF_NAME)
			nf = &kind->fields[i];
	int rc = rec_list(s, k, q->parent ? q->list_one : q->stream, account, &all, e), shown = 0;
	for (size_t i = 0; i < all.n; i++) {
		void *rec = all.v + i * kind->size;
		const char *n = *(char *const *)rec_cslot(nf, rec);
		if (!rc && ap_name_close(name, n) && shown++ < CLOSE_SHOWN)
			buf_printf(close, "%s%s", close->len ? ", " : "", n);
		rec_clear(kind, rec);
	}
	free(all.v);
	*count = all.n;
	return rc;
}

/* The record of kind k a person named (any case, or the start of one
 * name); else "unknown KIND 'X'" with the close ones. */
static int find_named(store *s, enum rec_kind_id k, long long account, const char *name, long long *id, ap_err *e)
{
	ap_err sub;
	int rc = store_rec_find_prefix(s, k, account, name, id, &sub);
	/* Ambiguous says which ones already. */
	if (rc == AP_OK || rc != AP_EINPUT || strstr(sub.msg, "ambiguous")) {
		if (rc)
			*e = sub;
		return rc;
	}
	ap_buf close = {0};
	size_t count = 0;
	const rec_kind *kind = &rec_kinds[k];
	rc = close_names(s, k, account, name, &close, &count, e);
	if (!rc && !count && k == REC_MEMBER)
		rc = ap_fail(e, AP_EINPUT, "unknown member '%s': there are no members yet (add one with "
			"'acctplan member add NAME --tier T')", name);
	else if (!rc)
		rc = ap_fail(e, AP_EINPUT, "unknown %s '%s'%s%s%s%s%s%s", kind->name, name,
			s->sql[k].parent ? " in this account" : "", close.len ? " (close: " : "", close.len ? close.s : "",
			close.len ? ")" : s->sql[k].parent ? "" : " (see 'acctplan ", close.len || s->sql[k].parent ? "" : kind->family,
			close.len || s->sql[k].parent ? "" : " list')");
	buf_free(&close);
	return rc;
}

int store_member_find(store *s, const char *name, long long *id, ap_err *e)
{
	return find_named(s, REC_MEMBER, 0, name, id, e);
}

int store_contact_find(store *s, long long account, const char *name, long long *id, ap_err *e)
{
	return find_named(s, REC_CONTACT, account, name, id, e);
}

/* ---- a member who has left ---- */

/* ?1 the member; ?2 the contact, meeting or action: whether the member
 * already holds it, attends it or owns it. */
static const char *const already_sql[] = {
	[STORE_TAKES_CONTACT] = "SELECT count(*) FROM contact WHERE id = ?2 AND owner_id = ?1",
	[STORE_TAKES_MEETING] = "SELECT count(*) FROM meeting_member WHERE meeting_id = ?2 AND member_id = ?1",
	[STORE_TAKES_ACTION] = "SELECT count(*) FROM action WHERE id = ?2 AND owner_id = ?1",
};
static const char *const taken[] = {
	[STORE_TAKES_CONTACT] = "relationship", [STORE_TAKES_MEETING] = "planned meeting",
	[STORE_TAKES_ACTION] = "action",
};

/* A member who has left keeps the history that names them but takes on
 * nothing new: no contact to hold, no planned meeting to attend. What they
 * had already stays theirs until it is handed on, so an edit that leaves it
 * alone still goes through. */
int store_member_takes_on(store *s, long long member, enum store_takes what, long long rec, ap_err *e)
{
	static const char doing[] = "reading whether the member holds it already";
	ap_member m = {0};
	int rc = store_rec_get(s, REC_MEMBER, 0, member, &m, e);
	if (rc || m.active)
		goto out;
	long long already = 0;
	db_stmt *st = st_prep(s, already_sql[what], doing, e);
	if (!st) {
		rc = AP_ESTORE;
		goto out;
	}
	db_bind_int64(st, 1, member);
	db_bind_int64(st, 2, rec);
	int step = db_step(st);
	if (step == DB_ROW)
		already = db_col_int64(st, 0);
	st_done(st);
	if (step != DB_ROW)
		rc = st_fail(s, step, doing, e);
	else if (!already)
		rc = ap_fail(e, AP_EINPUT, "member '%s' is no longer active and takes on no new %s"
			" (choose another: acctplan member list; or bring them back: acctplan member edit %lld --active yes)",
			m.name, taken[what], m.id);
out:
	ap_member_clear(&m);
	return rc;
}

/* ---- removing a member ---- */

/* ?1 member: the relationships held, the planned meetings attended and the
 * actions owned (closed ones too: an action always has an owner). */
static const char owned_sql[] =
	"SELECT (SELECT count(*) FROM contact WHERE owner_id = ?1),"
	" (SELECT count(*) FROM meeting_member mm JOIN engagement g ON g.id = mm.meeting_id"
	" WHERE mm.member_id = ?1 AND g.status = 'planned'),"
	" (SELECT count(*) FROM action WHERE owner_id = ?1)";
enum { OWNED_CONTACTS, OWNED_PLANNED, OWNED_ACTIONS, OWNED_N };

static int owned(store *s, long long id, long long n[OWNED_N], ap_err *e)
{
	db_stmt *st = st_prep(s, owned_sql, "reading what the member holds", e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, id);
	int rc = db_step(st);
	for (int i = 0; rc == DB_ROW && i < OWNED_N; i++)
		n[i] = db_col_int64(st, i);
	st_done(st);
	return rc == DB_ROW ? AP_OK : st_fail(s, rc, "reading what the member holds", e);
}

/* The contacts, planned meetings and actions of one member go to another:
 * a contact's owner (and with it its tier) and an action's are edits of
 * them, so their versions move on; a meeting the new member attends already
 * keeps one seat. */
static int reassign(store *s, long long from, long long to, long *moved, ap_err *e)
{
	static const char *const sql[] = {
		"UPDATE contact SET owner_id = ?2, tier = (SELECT m.tier FROM member m WHERE m.id = ?2),"
		" version = version + 1, updated_at = ?3, updated_by = ?4 WHERE owner_id = ?1",
		"UPDATE action SET owner_id = ?2, version = version + 1, updated_at = ?3, updated_by = ?4"
		" WHERE owner_id = ?1",
		"DELETE FROM meeting_member WHERE member_id = ?1 AND meeting_id IN (SELECT mm.meeting_id"
		" FROM meeting_member mm WHERE mm.member_id = ?2) AND meeting_id IN (SELECT g.id FROM engagement g"
		" WHERE g.status = 'planned')",
		"UPDATE meeting_member SET member_id = ?2 WHERE member_id = ?1 AND meeting_id IN (SELECT g.id"
		" FROM engagement g WHERE g.status = 'planned')",
	};
	char now[21];
	ap_now_stamp(now);
	int rc = AP_OK;
	for (size_t i = 0; !rc && i < sizeof sql / sizeof sql[0]; i++) {
		db_stmt *st = st_prep(s, sql[i], "handing over the member's relationships", e);
		if (!st)
			return AP_ESTORE;
		db_bind_int64(st, 1, from);
		db_bind_int64(st, 2, to);
		if (i < 2) {
			db_bind_text(st, 3, now);
			db_bind_text(st, 4, s->author ? s->author : "");
		}
		int step = db_step(st);
		if (i == 0 && moved)
			*moved = (long)db_changes(s->db);
		st_done(st);
		if (step != DB_DONE)
			rc = st_fail(s, step, "handing over the member's relationships", e);
	}
	return rc;
}

/* "holds 2 relationships, attends 1 planned meeting and owns 3 actions",
 * the parts that are not 0. */
static const char *held_words(const long long n[OWNED_N], char *out, size_t size)
{
	static const char *const verb[OWNED_N] = {"holds", "attends", "owns"};
	static const char *const noun[OWNED_N] = {"relationship", "planned meeting", "action"};
	int parts = 0, left = 0;
	size_t len = 0;
	for (int i = 0; i < OWNED_N; i++)
		left += n[i] != 0;
	out[0] = '\0';
	for (int i = 0; i < OWNED_N && len < size; i++) {
		if (!n[i])
			continue;
		const char *sep = !parts ? "" : left == 1 ? " and " : ", ";
		int w = snprintf(out + len, size - len, "%s%s %lld %s%s", sep, verb[i], n[i], noun[i], n[i] == 1 ? "" : "s");
		len += w > 0 ? (size_t)w : 0;
		parts++;
		left--;
	}
	return out;
}

int store_member_remove(store *s, long long id, long long reassign_to, long long if_version, long *moved,
	ap_err *e)
{
	char what[160];
	ap_member m = {0}, to = {0};
	long long n = 0, held[OWNED_N] = {0};
	if (moved)
		*moved = 0;
	int rc = tx_begin(s, "removing member", e);
	if (rc)
		return rc;
	if (!(rc = store_rec_get(s, REC_MEMBER, 0, id, &m, e)) && !(rc = store_member_count(s, &n, e)) &&
	    !(rc = owned(s, id, held, e))) {
		if (reassign_to == id)
			rc = ap_fail(e, AP_EINPUT, "--reassign-to: that is '%s' themselves; name another member", m.name);
		else if (reassign_to > 0 && !(rc = store_rec_get(s, REC_MEMBER, 0, reassign_to, &to, e)) && !to.active)
			rc = ap_fail(e, AP_EINPUT, "--reassign-to: '%s' is inactive; hand over to an active member", to.name);
		else if (!rc && n <= 1)
			rc = ap_fail(e, AP_EINPUT, "'%s' is the last member and cannot be removed (add another first, "
				"or keep them)", m.name);
		else if (!rc && held[0] + held[1] + held[2] && reassign_to <= 0)
			rc = ap_fail(e, AP_EINPUT, "'%s' %s: give --reassign-to MEMBER to hand %s over, or keep the "
				"member and their history with --inactive", m.name, held_words(held, what, sizeof what),
				held[0] + held[1] + held[2] == 1 ? "it" : "them");
	}
	if (!rc && reassign_to > 0)
		rc = reassign(s, id, reassign_to, moved, e);
	if (!rc)
		rc = store_rec_remove(s, REC_MEMBER, 0, id, if_version, e);
	ap_member_clear(&m);
	ap_member_clear(&to);
	return tx_end(s, rc, e);
}

/* ---- what a member holds ---- */

void store_held_clear(store_held *h)
{
	free(h->account);
	free(h->last_touch);
	ap_contact_clear(&h->c);
}

/* Deepest first; then account and contact as listed. */
static int by_depth(const void *a, const void *b)
{
	const store_held *x = a, *y = b;
	if (x->c.level != y->c.level)
		return y->c.level - x->c.level;
	int c = strcasecmp(x->account, y->account);
	return c ? c : strcasecmp(x->c.name, y->c.name);
}

int store_member_held(store *s, long long id, store_helds *out, ap_err *e)
{
	const char *doing = "listing the member's relationships";
	if (!s->member_held)
		s->member_held = xasprintf("SELECT a.name, coalesce((SELECT max(g.held_on) FROM meeting_contact mc"
			" JOIN engagement g ON g.id = mc.meeting_id WHERE mc.contact_id = x.id AND g.status = 'held'), ''), %s"
			" FROM contact x JOIN account a ON a.id = x.account_id WHERE x.owner_id = ?1",
			s->sql[REC_CONTACT].cols);
	db_stmt *st = st_prep(s, s->member_held, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, id);
	size_t first = out->n;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		store_held *h = ap_vec_push(out);
		h->account = col_text(st, 0);
		h->last_touch = col_text(st, 1);
		rec_decode(&rec_kinds[REC_CONTACT], st, 2, &h->c);
	}
	st_done(st);
	if (rc != DB_DONE)
		return st_fail(s, rc, doing, e);
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v, by_depth);
	return AP_OK;
}

/* ---- who attends a meeting ---- */

static const char *const attend_sql[] = {
	"INSERT INTO meeting_contact(meeting_id, contact_id, pos) VALUES (?1, ?2, ?3)",
	"INSERT INTO meeting_member(meeting_id, member_id, pos) VALUES (?1, ?2, ?3)"};

/* One side's links, in the order given: ?1 meeting, ?2 the other id, ?3 position. */
static int attend_side(store *s, long long meeting, const long long *ids, size_t n, int ours, ap_err *e)
{
	int rc = AP_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		db_stmt *st = st_prep(s, attend_sql[ours], "recording who attended", e);
		if (!st)
			return AP_ESTORE;
		db_bind_int64(st, 1, meeting);
		db_bind_int64(st, 2, ids[i]);
		db_bind_int64(st, 3, (long long)i + 1);
		rc = st_exec(s, st, "recording who attended", e);
	}
	return rc;
}

int store_meeting_attend(store *s, long long meeting, const long long *contacts, size_t ncontacts,
	const long long *members, size_t nmembers, ap_err *e)
{
	int rc = attend_side(s, meeting, contacts, ncontacts, 0, e);
	return rc ? rc : attend_side(s, meeting, members, nmembers, 1, e);
}

/* One side's names as ids, each found, none twice; then the links they had
 * give way to these. */
static int people_side(store *s, long long account, const ap_meeting *m, int ours, ap_err *e)
{
	long long meeting = m->id;
	const char *names = ours ? m->ours : m->with;
	static const char *const del[] = {"DELETE FROM meeting_contact WHERE meeting_id = ?1",
		"DELETE FROM meeting_member WHERE meeting_id = ?1"};
	long long *ids = NULL;
	size_t n = 0;
	int rc = AP_OK;
	for (const char *p = names ? names : ""; !rc && *p;) {
		size_t len = strcspn(p, "\n");
		char *one = xstrndup(p, len);
		long long id = 0;
		rc = ours ? store_member_find(s, one, &id, e) : store_contact_find(s, account, one, &id, e);
		if (!rc && ours && m->status == MSTATUS_PLANNED)
			rc = store_member_takes_on(s, id, STORE_TAKES_MEETING, meeting, e);
		for (size_t i = 0; !rc && i < n; i++)
			if (ids[i] == id)
				rc = ap_fail(e, AP_EINPUT, "'%s' is the same person as another attendee: name each once", one);
		if (rc)
			ap_err_context(e, ours ? "--ours" : "--with");
		ids = xrealloc(ids, (n + 1) * sizeof *ids);
		ids[n++] = id;
		free(one);
		p += len + (p[len] == '\n');
	}
	db_stmt *st = rc ? NULL : st_prep(s, del[ours], "recording who attended", e);
	if (!rc && !st)
		rc = AP_ESTORE;
	if (!rc) {
		db_bind_int64(st, 1, meeting);
		rc = st_exec(s, st, "recording who attended", e);
	}
	if (!rc)
		rc = attend_side(s, meeting, ids, n, ours, e);
	free(ids);
	return rc;
}

int store_meeting_people(store *s, long long account, const ap_meeting *m, ap_err *e)
{
	int rc = people_side(s, account, m, 0, e);
	return rc ? rc : people_side(s, account, m, 1, e);
}

/* ---- last touch ---- */

/* (contact, member, day) rows of one account; ?1 account. */
static int met_rows(store *s, const char *sql, const char *doing, long long account, int by_member, store_mets *out,
	ap_err *e)
{
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		store_met *m = ap_vec_push(out);
		m->contact = db_col_int64(st, 0);
		m->member = by_member ? db_col_int64(st, 1) : 0;
		const char *day = (const char *)db_col_text(st, 1 + by_member);
		snprintf(m->day, sizeof m->day, "%s", day ? day : "");
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

int store_last_touches(store *s, long long account, store_touches *out, ap_err *e)
{
	static const char sql[] = "SELECT mc.contact_id, max(g.held_on) FROM engagement g"
		" JOIN meeting_contact mc ON mc.meeting_id = g.id WHERE g.account_id = ?1 AND g.status = 'held'"
		" GROUP BY mc.contact_id ORDER BY mc.contact_id";
	return met_rows(s, sql, "reading when contacts were last met", account, 0, out, e);
}

int store_account_mets(store *s, long long account, store_mets *out, ap_err *e)
{
	static const char sql[] = "SELECT mc.contact_id, mm.member_id, max(g.held_on) FROM engagement g"
		" JOIN meeting_contact mc ON mc.meeting_id = g.id JOIN meeting_member mm ON mm.meeting_id = g.id"
		" WHERE g.account_id = ?1 AND g.status = 'held' GROUP BY mc.contact_id, mm.member_id"
		" ORDER BY mc.contact_id, mm.member_id";
	return met_rows(s, sql, "reading who met whom", account, 1, out, e);
}

const char *store_touch_of(const store_touches *t, long long contact)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].contact < contact)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && t->v[lo].contact == contact ? t->v[lo].day : "";
}

/* ---- lines between contacts ---- */

/* ?1 from, ?2 to, ?3 kind, ?4 both ways: the line is there already. */
static const char link_there_sql[] =
	"SELECT count(*) FROM contact_link WHERE kind = ?3 AND ((from_id = ?1 AND to_id = ?2)"
	" OR (?4 = 1 AND from_id = ?2 AND to_id = ?1))";

int store_link_resolve(store *s, long long account, ap_link *l, ap_err *e)
{
	/* A bulk load gives the ids (on PostgreSQL the contacts may still be queued). */
	if ((s->pg_bulk || s->bulk_cache) && l->from_id > 0 && l->to_id > 0)
		return AP_OK;
	int rc = store_contact_find(s, account, l->from, &l->from_id, e);
	if (!rc)
		rc = store_contact_find(s, account, l->to, &l->to_id, e);
	if (!rc && l->from_id == l->to_id)
		return ap_fail(e, AP_EINPUT, "a contact cannot be linked to themselves ('%s')", l->from);
	db_stmt *st = rc ? NULL : st_prep(s, link_there_sql, "reading the lines", e);
	if (rc || !st)
		return rc ? rc : AP_ESTORE;
	db_bind_int64(st, 1, l->from_id);
	db_bind_int64(st, 2, l->to_id);
	bind_name(st, 3, &ap_linkkinds, l->kind);
	db_bind_int64(st, 4, l->kind != LINK_INFLUENCES);
	int step = db_step(st);
	long long there = step == DB_ROW ? db_col_int64(st, 0) : 0;
	st_done(st);
	if (step != DB_ROW)
		return st_fail(s, step, "reading the lines", e);
	if (there)
		return ap_fail(e, AP_EINPUT, "'%s' and '%s' are linked as %s already", l->from, l->to,
			ap_name(&ap_linkkinds, l->kind, "?"));
	return AP_OK;
}
