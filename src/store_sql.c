/* store_sql.c - the statements of every record kind, derived from its field
 * table (record.h) once per connection, and the operations every kind
 * shares: add, get, update in place, remove, each with its version check.
 *
 * Nothing here names a column: the text comes from the fields, the
 * differences between databases from the dialect. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

/* SQLite's CROSS JOIN is a join whose order the planner keeps; an id of
 * NULL takes the next one (AUTOINCREMENT). A whole table wanted in name
 * order is cheaper read in its own order and sorted (the sorter spills
 * to a temporary file past a few MB) than walked by the name index with
 * a seek per row, which misses the page cache once the table outgrows it:
 * listing 100,000 accounts read a page 83,000 times that way, 6,500 so. */
const store_dialect store_sqlite = {"?", 0, "lower", "BEGIN IMMEDIATE", "BEGIN", "CROSS JOIN", NULL, 0,
	" NOT INDEXED"};

static int selected(const rec_field *f) { return f->col || f->sel; }
static int written(const rec_field *f) { return f->col && !(f->flags & RF_NOWRITE); }
/* A field the user gives (not the store's meta, not the parent). */
static int user_field(const rec_field *f) { return written(f) && !(f->flags & (RF_META | RF_PARENT)); }

static const rec_field *field_of(const rec_kind *k, const char *key)
{
	const rec_field *f = rec_field_by_key(k, key);
	return f && f->col ? f : NULL;
}

static const rec_field *name_field(const rec_kind *k)
{
	for (int i = 0; i < k->nfields; i++)
		if ((k->fields[i].flags & RF_NAME) && k->fields[i].col)
			return &k->fields[i];
	return NULL;
}

static const rec_field *parent_field(const rec_kind *k)
{
	for (int i = 0; i < k->nfields; i++)
		if (k->fields[i].flags & RF_PARENT)
			return &k->fields[i];
	return NULL;
}

static void param(ap_buf *b, const store_dialect *d, int n) { buf_printf(b, "%s%d", d->param, n); }

static char *select_list(const rec_kind *k)
{
	ap_buf b = {0};
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		if (!selected(f))
			continue;
		if (b.len)
			buf_puts(&b, ", ");
		if (f->sel)
			buf_puts(&b, f->sel);
		else
			buf_printf(&b, "x.%s", f->col);
	}
	return buf_steal(&b);
}

/* ORDER BY terms of k->order, then id (descending with a newest-first key). */
static char *order_by(const store_dialect *d, const rec_kind *k)
{
	ap_buf b = {0};
	int desc = 0;
	const char *p = k->order ? k->order : "";
	while (*p) {
		p += strspn(p, " ");
		int minus = *p == '-';
		size_t n = strcspn(p += minus, " ");
		char key[32];
		snprintf(key, sizeof key, "%.*s", (int)n, p);
		p += n;
		const rec_field *f = field_of(k, key);
		if (!f)
			continue;
		if (b.len)
			buf_puts(&b, ", ");
		if (f->flags & RF_NAME)
			buf_printf(&b, "%s(x.%s)", d->fold, f->col);
		else
			buf_printf(&b, "x.%s", f->col);
		buf_puts(&b, minus ? " DESC" : "");
		desc |= minus;
	}
	buf_printf(&b, "%sx.id%s", b.len ? ", " : "", desc ? " DESC" : "");
	return buf_steal(&b);
}

/* A kind with key fields is one record per key within its account: adding
 * the same key again replaces the other fields (a flag snoozed again). */
static void upsert(ap_buf *b, const rec_kind *k)
{
	const rec_field *parent = parent_field(k);
	int keys = 0, n = 0;
	for (int i = 0; i < k->nfields; i++)
		if (k->fields[i].flags & RF_KEY)
			buf_printf(b, "%s%s", keys++ ? ", " : " ON CONFLICT (", k->fields[i].col);
	if (!keys || !parent)
		return;
	buf_printf(b, ", %s) DO UPDATE SET ", parent->col);
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		if (user_field(f) && !(f->flags & RF_KEY))
			buf_printf(b, "%s%s = excluded.%s", n++ ? ", " : "", f->col, f->col);
	}
}

static void build_kind(store *s, const rec_kind *k, kind_sql *q)
{
	const store_dialect *d = s->dialect;
	const rec_field *parent = parent_field(k), *name = name_field(k);
	ap_buf b = {0};
	char *order = order_by(d, k);
	q->cols = select_list(k);
	q->parent = parent ? parent->col : NULL;

	buf_printf(&b, "SELECT %s FROM %s x WHERE x.id = ", q->cols, k->table);
	param(&b, d, 1);
	if (parent) {
		buf_puts(&b, " AND (");
		param(&b, d, 2);
		buf_printf(&b, " = 0 OR x.%s = ", parent->col);
		param(&b, d, 2);
		buf_puts(&b, ")");
	}
	q->get = buf_steal(&b);

	int n = 0;
	ap_buf into = {0};
	buf_printf(&into, "%s(", k->table);
	for (int i = 0; i < k->nfields; i++)
		if (written(&k->fields[i]))
			buf_printf(&into, "%s%s", n++ ? ", " : "", k->fields[i].col);
	/* The name's comparison key (ap_name_key) is the store's own column:
	 * SQL cannot fold Unicode, and a unique index on it is what refuses a
	 * second "ACME" beside "Acme" even between racing writers. */
	if (name)
		buf_printf(&into, ", %s", STORE_NAME_KEY);
	n += name != NULL;
	buf_puts(&into, ")");
	buf_printf(&b, "INSERT INTO %s VALUES (", into.s);
	for (int i = 1, f = 0; i <= n; i++) {
		buf_puts(&b, i > 1 ? ", " : "");
		while (f < k->nfields && !written(&k->fields[f]))
			f++;
		int own_id = d->next_id && f < k->nfields && strcmp(k->fields[f].col, "id") == 0;
		f++;
		if (own_id)
			buf_puts(&b, "coalesce(");
		param(&b, d, i);
		if (own_id) {
			buf_puts(&b, ", ");
			buf_printf(&b, d->next_id, k->table);
			buf_puts(&b, ")");
		}
	}
	buf_puts(&b, ")");
	size_t plain = b.len;
	upsert(&b, k);
	int upserts = b.len > plain;
	if (d->returning)
		buf_puts(&b, " RETURNING id");
	q->insert = buf_steal(&b);
	q->adding = xasprintf("adding %s", k->name);
	/* The same columns, the same parameters in the same order (see
	 * db_pg_copy_row), for a bulk load; an insert that updates on conflict
	 * (upsert) cannot be a COPY. */
	q->copy = d->copy && !upserts ? xasprintf("COPY %s FROM STDIN", into.s) : NULL;
	buf_free(&into);

	/* ?1 id, ?2 if_version (0: any), ?3 account (0: any), then the fields. */
	buf_printf(&b, "UPDATE %s SET ", k->table);
	n = 3;
	for (int i = 0; i < k->nfields; i++)
		if (user_field(&k->fields[i])) {
			buf_printf(&b, "%s = ", k->fields[i].col);
			param(&b, d, ++n);
			buf_puts(&b, ", ");
		}
	if (name) {
		buf_printf(&b, "%s = ", STORE_NAME_KEY);
		param(&b, d, ++n);
		buf_puts(&b, ", ");
	}
	if (k->versioned) {
		buf_puts(&b, "version = version + 1, updated_at = ");
		param(&b, d, ++n);
		buf_puts(&b, ", updated_by = ");
		param(&b, d, ++n);
	} else {
		b.len -= 2;
		b.s[b.len] = '\0';
	}
	buf_puts(&b, " WHERE id = ");
	param(&b, d, 1);
	q->update = buf_steal(&b);

	buf_printf(&b, "DELETE FROM %s WHERE id = ", k->table);
	param(&b, d, 1);
	q->remove = buf_steal(&b);

	buf_printf(&b, "SELECT %s, %s, %s, %s FROM %s WHERE id = ", k->versioned ? "version" : "1",
		k->versioned ? "updated_at" : "''", k->versioned ? "updated_by" : "''", parent ? parent->col : "id",
		k->table);
	param(&b, d, 1);
	q->meta = buf_steal(&b);

	if (name) {
		/* Accounts have no parent: ?1 is then 0. */
		buf_printf(&b, "SELECT id FROM %s WHERE %s = ", k->table, parent ? parent->col : "0");
		param(&b, d, 1);
		/* By key; a row without one (two names an earlier release told
		 * apart, kept by the upgrade) answers to its exact name, and the
		 * exact name wins where both match. */
		buf_printf(&b, " AND (%s = ", STORE_NAME_KEY);
		param(&b, d, 2);
		buf_printf(&b, " OR (%s IS NULL AND %s = ", STORE_NAME_KEY, name->col);
		param(&b, d, 3);
		buf_printf(&b, ")) ORDER BY %s = ", name->col);
		param(&b, d, 3);
		buf_puts(&b, " DESC LIMIT 1");
		q->find = buf_steal(&b);

		/* The names that begin with a key are one range of the key index,
		 * walked in order and only as far as the candidates a message
		 * lists: never a scan of the whole table. */
		buf_printf(&b, "SELECT id, %s FROM %s WHERE %s = ", name->col, k->table, parent ? parent->col : "0");
		param(&b, d, 1);
		buf_printf(&b, " AND %s >= ", STORE_NAME_KEY);
		param(&b, d, 2);
		buf_printf(&b, " AND %s < ", STORE_NAME_KEY);
		param(&b, d, 3);
		buf_printf(&b, " ORDER BY %s LIMIT %d", STORE_NAME_KEY, STORE_PREFIX_SHOWN + 1);
		q->prefix = buf_steal(&b);
	}

	if (parent) {
		buf_printf(&b, "SELECT %s FROM %s x WHERE x.%s = ", q->cols, k->table, parent->col);
		param(&b, d, 1);
		buf_printf(&b, " ORDER BY %s", order);
		q->list_one = buf_steal(&b);
		/* Every account's rows in the accounts stream's order: by name, then
		 * id. CROSS JOIN keeps account the outer loop, walked by its name
		 * index, each account's rows found by their account index. */
		const rec_field *an = name_field(&rec_kinds[REC_ACCOUNT]);
		buf_printf(&b, "SELECT %s FROM account a %s %s x ON x.%s = a.id WHERE ", q->cols, d->join, k->table, parent->col);
		param(&b, d, 1);
		buf_printf(&b, " = 0 ORDER BY %s(a.%s), a.id, x.id", d->fold, an->col);
		q->list_all = buf_steal(&b);
		buf_printf(&b, "SELECT %s FROM account a %s %s x ON x.%s = a.id ORDER BY %s(a.%s), a.id, %s",
			q->cols, d->join, k->table, parent->col, d->fold, an->col, k->order && *k->order == '-' ? "x.id" : order);
		q->stream = buf_steal(&b);
	} else {
		buf_printf(&b, "SELECT %s FROM %s x%s ORDER BY %s", q->cols, k->table, d->whole, order);
		q->stream = buf_steal(&b);
	}
	free(order);
}

void sql_build(store *s)
{
	for (int k = 0; k < REC_NKINDS; k++)
		build_kind(s, &rec_kinds[k], &s->sql[k]);
}

void sql_free(store *s)
{
	for (int k = 0; k < REC_NKINDS; k++) {
		kind_sql *q = &s->sql[k];
		char **all[] = {&q->cols, &q->get, &q->insert, &q->copy, &q->update, &q->remove, &q->meta, &q->find,
			&q->prefix, &q->list_one, &q->list_all, &q->stream, &q->adding};
		for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
			free(*all[i]);
			*all[i] = NULL;
		}
	}
}

void rec_decode(const rec_kind *k, db_stmt *st, int first, void *rec)
{
	int c = first;
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		if (!selected(f))
			continue;
		void *slot = rec_slot(f, rec);
		switch (f->type) {
		case RT_ID:
		case RT_INT: *(long long *)slot = db_col_int64(st, c); break;
		case RT_TEXT:
		case RT_DATE:
		case RT_STAMP:
		case RT_TAGS:
		case RT_NAMES: *(char **)slot = col_text(st, c); break;
		case RT_ENUM: *(int *)slot = col_name(st, c, f->names); break;
		case RT_REAL: *(double *)slot = col_real(st, c); break;
		case RT_BOOL: *(int *)slot = db_col_int(st, c) != 0; break;
		}
		c++;
	}
}

void *rec_vec_push(void *vec, size_t size)
{
	struct { char *v; size_t n, cap; } *a = vec;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->v = xrealloc(a->v, a->cap * size);
	}
	void *slot = a->v + a->n++ * size;
	memset(slot, 0, size);
	return slot;
}

const char *rec_list_sql(store *s, enum rec_kind_id k, long long account)
{
	const kind_sql *q = &s->sql[k];
	if (!q->parent)
		return q->stream;
	if (account)
		return q->list_one;
	/* By account, then as one account's list goes; the others by id. */
	return k == REC_ORDER || k == REC_SNOOZE ? q->stream : q->list_all;
}

int rec_list(store *s, enum rec_kind_id k, const char *sql, long long account, void *vec, ap_err *e)
{
	const rec_kind *kd = &rec_kinds[k];
	char doing[64];
	snprintf(doing, sizeof doing, "listing %ss", kd->name);
	db_stmt *st = st_prep(s, sql, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, account);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		rec_decode(kd, st, 0, rec_vec_push(vec, kd->size));
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, doing, e);
}

/* ---- writes ---- */

static void bind_field(db_stmt *st, int i, const rec_field *f, const void *rec)
{
	const void *slot = rec_cslot(f, rec);
	switch (f->type) {
	case RT_ID:
		if (*(const long long *)slot > 0)
			db_bind_int64(st, i, *(const long long *)slot);
		else
			db_bind_null(st, i);
		break;
	case RT_INT: db_bind_int64(st, i, *(const long long *)slot); break;
	case RT_TEXT:
	case RT_TAGS:
	case RT_NAMES: {
		const char *v = *(char *const *)slot;
		/* A text the user left out is stored as "", except a nullable one. */
		db_bind_text(st, i, v ? v : (f->flags & RF_NULL) && f->type != RT_TEXT ? NULL : "");
		break;
	}
	case RT_DATE:
	case RT_STAMP: db_bind_text(st, i, *(char *const *)slot); break;
	case RT_ENUM: bind_name(st, i, f->names, *(const int *)slot); break;
	case RT_REAL: bind_real(st, i, *(const double *)slot); break;
	case RT_BOOL: db_bind_int64(st, i, *(const int *)slot ? 1 : 0); break;
	}
}

/* The comparison key of a named record's name, at parameter n. */
static void bind_name_key(db_stmt *st, int n, const rec_kind *k, const void *rec)
{
	const rec_field *name = name_field(k);
	const char *v = name ? *(char *const *)rec_cslot(name, rec) : NULL;
	if (!name)
		return;
	if (!v) {
		db_bind_null(st, n);
		return;
	}
	char *key = ap_name_key(v);
	db_bind_text(st, n, key);
	free(key);
}

void bind_insert(store *s, const rec_kind *k, db_stmt *st, long long account, const void *rec,
	const char *now)
{
	int n = 0;
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		if (!written(f))
			continue;
		n++;
		const void *slot = rec_cslot(f, rec);
		if (f->flags & RF_PARENT)
			db_bind_int64(st, n, account);
		else if (f->type == RT_STAMP && !*(char *const *)slot)
			db_bind_text(st, n, now);
		else if ((f->flags & RF_META) && f->type == RT_TEXT && !*(char *const *)slot)
			db_bind_text(st, n, s->author ? s->author : "");
		else if ((f->flags & RF_META) && f->type == RT_INT && *(const long long *)slot <= 0)
			db_bind_int64(st, n, 1);
		else
			bind_field(st, n, f, rec);
	}
	bind_name_key(st, n + 1, k, rec);
}

static int is_unique_violation(store *s, int rc)
{
	return db_unique(s->db, rc);
}

/* "contact 'Mira Kovac' already exists". Among unnamed kinds only an
 * answer's replaces index is unique: a racing writer came first (exit 4). */
static int duplicate(const rec_kind *k, const void *rec, ap_err *e)
{
	const rec_field *name = name_field(k);
	if (name && *(char *const *)rec_cslot(name, rec))
		return ap_fail(e, AP_EINPUT, "%s '%s' already exists", k->name, *(char *const *)rec_cslot(name, rec));
	return ap_fail(e, AP_ECONFLICT, "another %s was written first", k->name);
}

/* An owner is a member, named; the store keeps the id (*id), and *tier
 * the member's. A member who has left takes on nothing new (what) for
 * record rec. */
static int resolve_member(store *s, const char *name, enum store_takes what, long long rec, long long *id, int *tier,
	ap_err *e)
{
	ap_member m = {0};
	*id = 0;
	if (!name || !*name)
		return AP_OK;
	int rc = store_member_find(s, name, id, e);
	if (!rc && !(rc = store_member_takes_on(s, *id, what, rec, e)) &&
	    !(rc = store_rec_get(s, REC_MEMBER, 0, *id, &m, e)))
		*tier = m.tier;
	if (rc == AP_EINPUT)
		ap_err_context(e, "--owner");
	ap_member_clear(&m);
	return rc;
}

/* A contact's tier is its owner's. A bulk load gives both (the member may
 * still be queued). */
static int resolve_owner(store *s, ap_contact *c, ap_err *e)
{
	if ((s->pg_bulk || s->bulk_cache) && c->owner_id > 0)
		return AP_OK;
	return resolve_member(s, c->owner, STORE_TAKES_CONTACT, c->id, &c->owner_id, &c->tier, e);
}

/* An action's owner, and the contact it concerns, by id; a bulk load gives
 * them. */
static int resolve_action(store *s, long long account, ap_action *a, ap_err *e)
{
	if ((s->pg_bulk || s->bulk_cache) && a->owner_id > 0)
		return AP_OK;
	int tier = -1;
	int rc = resolve_member(s, a->owner, STORE_TAKES_ACTION, a->id, &a->owner_id, &tier, e);
	if (!rc && !a->owner_id)
		rc = ap_fail(e, AP_EINPUT, "--owner: an action needs an owner, one of our members (acctplan member list)");
	a->contact_id = 0;
	if (!rc && a->contact && *a->contact && (rc = store_contact_find(s, account, a->contact, &a->contact_id, e)))
		ap_err_context(e, "--contact");
	return rc;
}

/* A give or take names the member it went through, if any. It is
 * history: a member who has left may still be named. A bulk load gives the
 * id (the member may still be queued). */
static int resolve_exchange(store *s, ap_exchange *x, ap_err *e)
{
	if ((s->pg_bulk || s->bulk_cache) && x->by_id > 0)
		return AP_OK;
	x->by_id = 0;
	int rc = x->by && *x->by ? store_member_find(s, x->by, &x->by_id, e) : AP_OK;
	if (rc)
		ap_err_context(e, "--by");
	return rc;
}

/* An advocacy names a contact of its own account. */
static int resolve_advocacy(store *s, long long account, ap_advocacy *v, ap_err *e)
{
	if ((s->pg_bulk || s->bulk_cache) && v->contact_id > 0)
		return AP_OK;
	int rc = store_contact_find(s, account, v->contact ? v->contact : "", &v->contact_id, e);
	if (rc)
		ap_err_context(e, "--contact");
	return rc;
}

/* Contacts name their boss, lines their contacts; the store keeps the ids. */
static int resolve_refs(store *s, const rec_kind *k, long long account, void *rec, ap_err *e)
{
	/* A caller that knew only the tier (a program using the library): the
	 * function the tier stands for, as add and the migration give. */
	if (k->id == REC_MEMBER) {
		rec_member_function_default(rec);
		return AP_OK;
	}
	if (k->id == REC_EXCHANGE)
		return resolve_exchange(s, rec, e);
	if (k->id == REC_ADVOCACY)
		return resolve_advocacy(s, account, rec, e);
	if (k->id == REC_LINK)
		return store_link_resolve(s, account, rec, e);
	if (k->id == REC_ACTION)
		return resolve_action(s, account, rec, e);
	if (k->id != REC_CONTACT)
		return AP_OK;
	ap_contact *c = rec;
	int owner = resolve_owner(s, c, e);
	if (owner)
		return owner;
	/* A bulk load names the boss by id: the boss may still be queued, and
	 * the load knows the id already (a look-up by name per contact was 3 %
	 * of an import). */
	if ((s->pg_bulk || s->bulk_cache) && c->reports_to_id > 0)
		return AP_OK;
	c->reports_to_id = 0;
	if (!c->reports_to || !*c->reports_to)
		return AP_OK;
	int rc = store_rec_find(s, REC_CONTACT, account, c->reports_to, &c->reports_to_id, e);
	if (rc == AP_EINPUT)
		return ap_fail(e, AP_EINPUT, "--reports-to: unknown contact '%s' in this account", c->reports_to);
	if (!rc && c->id && c->reports_to_id == c->id)
		return ap_fail(e, AP_EINPUT, "a contact cannot report to themselves");
	return rc;
}

/* PostgreSQL: a row inserted with an id of its own leaves the table's
 * sequence behind; it moves past, never back, as SQLite's AUTOINCREMENT
 * does. A bulk load moves each sequence once, at its end. */
static int sequence_past(store *s, const rec_kind *k, long long id, const char *doing, ap_err *e)
{
	char *sql = xasprintf("SELECT setval('%s_id_seq', greatest(%lld, (SELECT last_value FROM %s_id_seq)))",
		k->table, id, k->table);
	int step = db_exec(s->db, sql);
	free(sql);
	return step == DB_OK ? AP_OK : st_fail(s, step, doing, e);
}

/* The insert's parameter that takes field f (bind_insert's numbering). */
static int insert_param(const rec_kind *k, const rec_field *f)
{
	int n = 0;
	for (int i = 0; i < k->nfields; i++)
		if (written(&k->fields[i])) {
			n++;
			if (&k->fields[i] == f)
				break;
		}
	return n;
}

/* The record as stored: its id, its account, its first version. */
static void added(const rec_kind *k, void *rec, const rec_field *idf, long long account, long long id)
{
	*(long long *)rec_slot(idf, rec) = id;
	const rec_field *parent = parent_field(k);
	if (parent)
		*(long long *)rec_slot(parent, rec) = account;
	if (k->versioned) {
		ap_meta *m = (ap_meta *)rec_slot(field_of(k, "version"), rec);
		if (m->version <= 0)
			m->version = 1;
	}
}

static int meeting_has_people(const ap_meeting *m)
{
	return (m->with && *m->with) || (m->ours && *m->ours);
}

int store_rec_add(store *s, enum rec_kind_id kid, long long account, void *rec, ap_err *e)
{
	const rec_kind *k = &rec_kinds[kid];
	kind_sql *q = &s->sql[kid];
	const char *doing = q->adding;
	char now[21];
	/* A bulk load's rows share one stamp: taken per row, it was 4 % of an import. */
	if (s->bulk_now[0])
		memcpy(now, s->bulk_now, sizeof now);
	else
		ap_now_stamp(now);
	int rc = tx_begin(s, doing, e);
	if (rc || (rc = resolve_refs(s, k, account, rec, e)))
		return tx_end(s, rc, e);
	int queue = s->pg_bulk && q->copy;
	s->bulk_queueing = queue;
	db_stmt *st = st_prep(s, q->insert, doing, e);
	s->bulk_queueing = 0;
	if (!st)
		return tx_end(s, AP_ESTORE, e);
	bind_insert(s, k, st, account, rec, now);
	const rec_field *idf = rec_field_by_key(k, "id");
	if (!idf)
		idf = &k->fields[0];
	long long given = *(long long *)rec_slot(idf, rec), id = 0;
	if (queue) {
		id = given;
		rc = store_bulk_queue(s, kid, st, insert_param(k, idf), &id, e);
		st_done(st);
		if (!rc)
			added(k, rec, idf, account, id);
		/* Attendees are links, not COPY rows: writing them sends the queue first. */
		if (!rc && kid == REC_MEETING && meeting_has_people(rec))
			rc = store_meeting_people(s, account, rec, e);
		return tx_end(s, rc, e);
	}
	int step = s->pg_bulk ? db_step(st) : db_step_alone(st);
	if (step == DB_ROW) {
		id = db_col_int64(st, 0);
		step = db_step(st);
	}
	st_done(st);
	if (is_unique_violation(s, step))
		rc = duplicate(k, rec, e);
	else if (step != DB_DONE)
		rc = st_fail(s, step, doing, e);
	if (!rc && !s->lite && given > 0 && !s->pg_bulk)
		rc = sequence_past(s, k, given, doing, e);
	if (!rc)
		added(k, rec, idf, account, s->dialect->returning ? id : db_last_id(s->db));
	if (!rc && kid == REC_MEETING && meeting_has_people(rec))
		rc = store_meeting_people(s, account, rec, e);
	return tx_end(s, rc, e);
}

/* Why an id-keyed write matched no row: gone, changed, or never there. */
static int explain_miss(store *s, const rec_kind *k, kind_sql *q, long long account, long long id,
	long long if_version, ap_err *e)
{
	db_stmt *st = st_prep(s, q->meta, "reading the record's version", e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, id);
	int step = db_step(st);
	long long version = 0, owner = 0;
	char *at = NULL, *by = NULL;
	if (step == DB_ROW) {
		version = db_col_int64(st, 0);
		at = col_text(st, 1);
		by = col_text(st, 2);
		owner = db_col_int64(st, 3);
	}
	st_done(st);
	int rc;
	if (step != DB_ROW && step != DB_DONE)
		rc = st_fail(s, step, "reading the record's version", e);
	else if (step == DB_DONE || (account && parent_field(k) && owner != account))
		rc = if_version > 0 && step == DB_DONE
			? ap_fail(e, AP_ECONFLICT, "%s #%lld was removed since you read it (version %lld); nothing was written",
				k->name, id, if_version)
			: ap_fail(e, AP_EINPUT, "unknown %s #%lld%s", k->name, id,
				parent_field(k) ? " for this account" : "");
	else
		rc = ap_fail(e, AP_ECONFLICT, "%s #%lld was changed since you read it: it is at version %lld "
			"(you had %lld), changed%s%s at %s; nothing was written", k->name, id, version, if_version,
			*by ? " by " : "", by, *at ? at : "an unknown time");
	free(at);
	free(by);
	return rc;
}

/* The version check is part of the write itself (a guard before it could
 * race with another process): a row whose version moved on is not matched. */
static int version_guard(store *s, const rec_kind *k, kind_sql *q, long long account, long long id,
	long long if_version, ap_err *e)
{
	if (if_version <= 0 && !account)
		return AP_OK;
	db_stmt *st = st_prep(s, q->meta, "reading the record's version", e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, id);
	int step = db_step(st);
	int ok = step == DB_ROW && (if_version <= 0 || db_col_int64(st, 0) == if_version) &&
		(!account || !parent_field(k) || db_col_int64(st, 3) == account);
	st_done(st);
	if (step != DB_ROW && step != DB_DONE)
		return st_fail(s, step, "reading the record's version", e);
	return ok ? AP_OK : explain_miss(s, k, q, account, id, if_version, e);
}

/* A member moved to another tier: the contacts they hold are held by that
 * tier now (a contact's tier is its owner's). Derived, so no new version. */
static int owner_tier(store *s, long long member, int tier, ap_err *e)
{
	static const char sql[] = "UPDATE contact SET tier = ?2 WHERE owner_id = ?1 AND tier <> ?2";
	db_stmt *st = st_prep(s, sql, "moving the member's contacts to their tier", e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, member);
	bind_name(st, 2, &ap_tiers, tier);
	return st_exec(s, st, "moving the member's contacts to their tier", e);
}

int store_rec_update(store *s, enum rec_kind_id kid, long long account, void *rec,
	long long if_version, ap_err *e)
{
	const rec_kind *k = &rec_kinds[kid];
	kind_sql *q = &s->sql[kid];
	char doing[64], now[21];
	long long id = *(const long long *)rec_cslot(rec_field_by_key(k, "id"), rec);
	snprintf(doing, sizeof doing, "updating %s", k->name);
	ap_now_stamp(now);
	int rc = tx_begin(s, doing, e);
	if (!rc)
		rc = version_guard(s, k, q, account, id, if_version, e);
	if (!rc && (rc = resolve_refs(s, k, account, rec, e)) == AP_OK && kid == REC_CONTACT &&
	    ((ap_contact *)rec)->reports_to_id == id && id)
		rc = ap_fail(e, AP_EINPUT, "a contact cannot report to themselves");
	db_stmt *st = rc ? NULL : st_prep(s, q->update, doing, e);
	if (!st)
		return tx_end(s, rc ? rc : AP_ESTORE, e);
	db_bind_int64(st, 1, id);
	int n = 3;
	for (int i = 0; i < k->nfields; i++)
		if (user_field(&k->fields[i]))
			bind_field(st, ++n, &k->fields[i], rec);
	if (name_field(k))
		bind_name_key(st, ++n, k, rec);
	if (k->versioned) {
		db_bind_text(st, ++n, now);
		db_bind_text(st, ++n, s->author ? s->author : "");
	}
	int step = db_step_alone(st);
	int changed = db_changes(s->db);
	st_done(st);
	if (is_unique_violation(s, step))
		rc = duplicate(k, rec, e);
	else if (step != DB_DONE)
		rc = st_fail(s, step, doing, e);
	else if (!changed)
		rc = explain_miss(s, k, q, account, id, if_version, e);
	else if (kid == REC_MEMBER)
		rc = owner_tier(s, id, ((const ap_member *)rec)->tier, e);
	else if (kid == REC_MEETING)
		rc = store_meeting_people(s, account, rec, e);
	return tx_end(s, rc, e);
}

int store_rec_remove(store *s, enum rec_kind_id kid, long long account, long long id,
	long long if_version, ap_err *e)
{
	const rec_kind *k = &rec_kinds[kid];
	kind_sql *q = &s->sql[kid];
	char doing[64];
	snprintf(doing, sizeof doing, "removing %s", k->name);
	int rc = tx_begin(s, doing, e);
	if (!rc)
		rc = version_guard(s, k, q, account, id, if_version, e);
	db_stmt *st = rc ? NULL : st_prep(s, q->remove, doing, e);
	if (!st)
		return tx_end(s, rc ? rc : AP_ESTORE, e);
	db_bind_int64(st, 1, id);
	int step = db_step(st);
	int changed = db_changes(s->db);
	st_done(st);
	if (step != DB_DONE)
		rc = st_fail(s, step, doing, e);
	else if (!changed)
		rc = explain_miss(s, k, q, account, id, if_version, e);
	return tx_end(s, rc, e);
}

int store_rec_get(store *s, enum rec_kind_id kid, long long account, long long id, void *out, ap_err *e)
{
	const rec_kind *k = &rec_kinds[kid];
	char doing[64];
	snprintf(doing, sizeof doing, "reading %s", k->name);
	db_stmt *st = st_prep(s, s->sql[kid].get, doing, e);
	if (!st)
		return AP_ESTORE;
	db_bind_int64(st, 1, id);
	if (parent_field(k))
		db_bind_int64(st, 2, account);
	int step = db_step(st);
	if (step == DB_ROW)
		rec_decode(k, st, 0, out);
	st_done(st);
	if (step == DB_ROW)
		return AP_OK;
	if (step != DB_DONE)
		return st_fail(s, step, doing, e);
	return ap_fail(e, AP_EINPUT, "unknown %s #%lld%s (see 'acctplan %s list')", k->name, id,
		account && parent_field(k) ? " for this account" : "", k->family);
}

int store_rec_find(store *s, enum rec_kind_id kid, long long account, const char *name, long long *id, ap_err *e)
{
	const rec_kind *k = &rec_kinds[kid];
	char doing[64];
	snprintf(doing, sizeof doing, "looking up %s", k->name);
	*id = 0;
	if (!s->sql[kid].find)
		return ap_fail(e, AP_EINPUT, "%ss have no names", k->name);
	db_stmt *st = st_prep(s, s->sql[kid].find, doing, e);
	if (!st)
		return AP_ESTORE;
	char *key = ap_name_key(name);
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, key);
	free(key);
	db_bind_text(st, 3, name);
	int step = db_step(st);
	if (step == DB_ROW)
		*id = db_col_int64(st, 0);
	st_done(st);
	if (step == DB_ROW)
		return AP_OK;
	if (step != DB_DONE)
		return st_fail(s, step, doing, e);
	/* Where to look it up: accounts have a list of their own; the other
	 * kinds' lists are per account, and the command names that already. */
	if (!parent_field(k))
		return ap_fail(e, AP_EINPUT, "unknown %s '%s' (see 'acctplan %s list')", k->name, name, k->family);
	return ap_fail(e, AP_EINPUT, "unknown %s '%s'", k->name, name);
}

/* Above every key that begins with a given key: the key followed by the
 * highest code point, U+10FFFF. Keys compare byte by byte, and no UTF-8
 * after the key sorts above it (a name going on with U+10FFFF itself, a
 * noncharacter, is the one left out). */
#define KEY_TOP "\xf4\x8f\xbf\xbf"

/* The one record whose key begins with name's, else AP_EINPUT: *e kept as
 * the exact lookup left it when none does, the first few listed when
 * several do. */
static int find_by_prefix(store *s, enum rec_kind_id kid, long long account, const char *name, long long *id,
	ap_err *e)
{
	const rec_kind *k = &rec_kinds[kid];
	char doing[64];
	snprintf(doing, sizeof doing, "looking up %s", k->name);
	char *key = ap_name_key(name);
	if (!*key) {   /* nothing typed that a name could begin with */
		free(key);
		return AP_EINPUT;
	}
	db_stmt *st = st_prep(s, s->sql[kid].prefix, doing, e);
	if (!st) {
		free(key);
		return AP_ESTORE;
	}
	char *top = xasprintf("%s" KEY_TOP, key);
	db_bind_int64(st, 1, account);
	db_bind_text(st, 2, key);
	free(key);
	db_bind_text(st, 3, top);
	free(top);
	ap_buf names = {0};
	int n = 0, step;
	while ((step = db_step(st)) == DB_ROW) {
		if (n++ == 0)
			*id = db_col_int64(st, 0);
		if (n <= STORE_PREFIX_SHOWN)
			buf_printf(&names, "%s%s", n > 1 ? ", " : "", (const char *)db_col_text(st, 1));
		else
			buf_puts(&names, ", ...");
	}
	st_done(st);
	int rc = AP_OK;
	if (step != DB_DONE)
		rc = st_fail(s, step, doing, e);
	else if (n == 0)
		rc = AP_EINPUT;
	else if (n > 1)
		rc = ap_fail(e, AP_EINPUT, "%s '%s' is ambiguous: %s (type more of the name)", k->name, name, names.s);
	if (rc)
		*id = 0;
	buf_free(&names);
	return rc;
}

int store_rec_find_prefix(store *s, enum rec_kind_id kid, long long account, const char *name, long long *id,
	ap_err *e)
{
	int rc = store_rec_find(s, kid, account, name, id, e);
	if (rc != AP_EINPUT || !s->sql[kid].prefix)
		return rc;
	return find_by_prefix(s, kid, account, name, id, e);
}
