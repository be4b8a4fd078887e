/* store_search.c - one search over every kind of record.
 *
 * What is searched, and how the two indexes are kept in step with the
 * records, is the schema's (src/store.c, version 4: the views search_names
 * and search_texts). Here: what a user typed turned into an FTS5 query that
 * searches for it and never parses it, the ranking, and what was found read
 * back through the views. The cost is bounded by the window, not by how
 * many records match: each kind's newest matches are read in rowid order,
 * which FTS5 does lazily, and only those are scored. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

/* An entry's rowid: kind << 48 | id (schema 4). */
#define ENTRY_BITS 48
#define ENTRY_ID(entry) ((entry) & ((1LL << ENTRY_BITS) - 1))
#define ENTRY_KIND(entry) ((int)((entry) >> ENTRY_BITS))

/* ---- the query ---- */

/* One FTS5 string: each blank-separated word of text a quoted phrase (its
 * quotes doubled), so quotes, '*', '-', ':', AND, OR, NOT and NEAR are
 * searched for as text (which for most of them means: ignored, as the
 * tokenizer drops them); the phrases are ANDed. A word's trailing '*' asks
 * for words that start with it; `prefix` asks it of every word (names). A
 * word that was only stars is dropped. "" when nothing is left. */
static char *fts_query(const char *text, int prefix)
{
	ap_buf b = {0};
	for (const char *p = text; *p;) {
		while (*p && (unsigned char)*p <= ' ')
			p++;
		const char *w = p;
		while (*p && (unsigned char)*p > ' ')
			p++;
		const char *end = p;
		while (end > w && end[-1] == '*')
			end--;
		if (end == w)
			continue;
		buf_puts(&b, b.len ? " \"" : "\"");
		for (const char *c = w; c < end; c++)
			buf_add(&b, *c == '"' ? "\"\"" : c, *c == '"' ? 2 : 1);
		buf_puts(&b, prefix || end < p ? "\"*" : "\"");
	}
	return b.s ? buf_steal(&b) : xstrdup("");
}

/* ---- ranking: FTS5 auxiliary functions, on our connection only ---- */

/* Does every phrase of the query (a word may be several tokens) follow the
 * one before it, the first at the name's first token? Empty phrases (a word
 * of punctuation) match nothing and are left out, as FTS5 leaves them out. */
static int name_starts_with_query(const Fts5ExtensionApi *api, Fts5Context *fts)
{
	int at = 0;
	for (int i = 0; i < api->xPhraseCount(fts); i++) {
		int size = api->xPhraseSize(fts, i), col, off, found = 0;
		if (size == 0)
			continue;
		Fts5PhraseIter it;
		for (api->xPhraseFirst(fts, i, &it, &col, &off); col >= 0 && !found; api->xPhraseNext(fts, &it, &col, &off))
			found = off == at;
		if (!found)
			return 0;
		at += size;
	}
	return 1;
}

/* search_name_rank(search_name): a name that starts with the query ranks
 * first, then fewer words (the name itself before longer ones). Higher is better. */
static void name_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
	sqlite3_value **val)
{
	(void)nval;
	(void)val;
	int words = 0;
	if (api->xColumnSize(fts, -1, &words) != DB_OK)
		words = 0;
	sqlite3_result_double(ctx, (name_starts_with_query(api, fts) ? 1e6 : 0) - words);
}

/* search_text_rank(search_text): BM25's term-frequency part (k1 1.2, b 0.75):
 * more occurrences of the words count, with diminishing returns, in a text
 * shorter than the average. Without BM25's weight for rare words, which
 * needs every match of each word counted for each query (the cost this
 * search avoids); every word must be in the record anyway. Higher is better. */
static double bm25_tf(int tf, int len, double avg)
{
	const double k1 = 1.2, b = 0.75;
	return tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avg));
}

static void text_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
	sqlite3_value **val)
{
	(void)nval;
	(void)val;
	sqlite3_int64 rows = 0, total = 0;
	int len = 0;
	api->xRowCount(fts, &rows);
	api->xColumnTotalSize(fts, -1, &total);
	api->xColumnSize(fts, -1, &len);
	double avg = rows > 0 && total > 0 ? (double)total / (double)rows : 1, score = 0;
	for (int i = 0; i < api->xPhraseCount(fts); i++) {
		int tf = 0, col, off;
		Fts5PhraseIter it;
		for (api->xPhraseFirst(fts, i, &it, &col, &off); col >= 0; api->xPhraseNext(fts, &it, &col, &off))
			tf++;
		if (tf)
			score += bm25_tf(tf, len, avg);
	}
	sqlite3_result_double(ctx, score);
}

/* FTS5 hands out its API through a pointer bound to SELECT fts5(?1). */
static int register_ranks(store *s, ap_err *e)
{
	if (s->search_ready || !s->lite)
		return AP_OK;
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->lite, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (!api || api->iVersion < 2)
		return ap_fail(e, AP_ESTORE, "searching: this SQLite has no full-text search (FTS5)");
	rc = api->xCreateFunction(api, "search_name_rank", NULL, name_rank, NULL);
	if (rc == DB_OK)
		rc = api->xCreateFunction(api, "search_text_rank", NULL, text_rank, NULL);
	if (rc != DB_OK)
		return st_fail(s, rc, "preparing search", e);
	s->search_ready = 1;
	return AP_OK;
}

static const char pg_avg[] = "SELECT CASE WHEN entries > 0 AND words > 0 THEN words::float8 / entries ELSE 1 END"
	" FROM search_stats";

/* PostgreSQL: the texts' average length, once a search. */
static int text_average(store *s, double *avg, ap_err *e)
{
	db_stmt *st = st_prep(s, pg_avg, "searching", e);
	if (!st)
		return AP_ESTORE;
	int rc = db_step(st);
	if (rc == DB_ROW)
		*avg = db_col_double(st, 0);
	st_done(st);
	return rc == DB_ROW ? AP_OK : st_fail(s, rc, "searching", e);
}

/* ---- ranking on PostgreSQL: text_rank's score, from the words of a text ---- */

/* A lexeme of the query: of its word'th word (several lexemes when the
 * word holds punctuation), matching lexemes that start with it when prefix. */
typedef struct term {
	int word, prefix;
	char *lex;
	int count;    /* in the text being scored */
} term;

typedef struct pg_rank {
	AP_VEC(term) t;
	int prefix;    /* some term is a prefix: the whole text is read */
	double avg;    /* the texts' average length */
} pg_rank;

static void pg_rank_free(pg_rank *r)
{
	for (size_t i = 0; i < r->t.n; i++)
		free(r->t.v[i].lex);
	free(r->t.v);
}

/* The query's lexemes as the server folds them (acctplan.search_terms:
 * "N:LEXEME", "N:*LEXEME" for a prefix), and the average text length. */
static int pg_rank_init(store *s, const char *query, pg_rank *r, ap_err *e)
{
	static const char terms[] = "SELECT t FROM pg_catalog.unnest(acctplan.search_terms(?1)) t";
	db_stmt *st = st_prep(s, terms, "searching", e);
	if (!st)
		return AP_ESTORE;
	db_bind_text(st, 1, query);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *t = (const char *)db_col_text(st, 0), *colon = t ? strchr(t, ':') : NULL;
		if (!colon)
			continue;
		term *x = ap_vec_push(&r->t);
		x->word = atoi(t);
		x->prefix = colon[1] == '*';
		x->lex = xstrdup(colon + 1 + x->prefix);
		r->prefix |= x->prefix;
	}
	st_done(st);
	if (rc != DB_DONE)
		return st_fail(s, rc, "searching", e);
	return text_average(s, &r->avg, e);
}

/* Count each term's positions in tv, a tsvector as the server writes it:
 * 'lexeme':1,5A 'other':2 (quotes in a lexeme doubled, backslashes
 * escaped). */
static void pg_count(pg_rank *r, const char *tv)
{
	ap_buf lex = {0};
	for (size_t i = 0; i < r->t.n; i++)
		r->t.v[i].count = 0;
	for (const char *p = tv; p && *p;) {
		if (*p++ != '\'')
			continue;
		lex.len = 0;
		for (; *p && !(*p == '\'' && p[1] != '\''); p++) {
			if ((*p == '\'' || *p == '\\') && p[1])
				p++;
			buf_add(&lex, p, 1);
		}
		buf_add(&lex, "", 1);
		if (*p)
			p++;
		int n = 1;    /* a lexeme without positions counts once */
		if (*p == ':')
			for (n = 1, p++; *p && *p != ' '; p++)
				n += *p == ',';
		for (size_t i = 0; i < r->t.n; i++) {
			term *x = &r->t.v[i];
			if (x->prefix ? strncmp(lex.s, x->lex, strlen(x->lex)) == 0 : strcmp(lex.s, x->lex) == 0)
				x->count += n;
		}
	}
	buf_free(&lex);
}

/* As text_rank scores a text: each word of the query found tf times (the
 * fewest of its lexemes), in a text of len words. */
static double pg_score(pg_rank *r, int len, const char *tv)
{
	pg_count(r, tv);
	double score = 0;
	for (size_t i = 0; i < r->t.n; i++) {
		if (i > 0 && r->t.v[i].word == r->t.v[i - 1].word)
			continue;
		int tf = r->t.v[i].count;
		for (size_t j = i + 1; j < r->t.n && r->t.v[j].word == r->t.v[i].word; j++)
			if (r->t.v[j].count < tf)
				tf = r->t.v[j].count;
		if (tf > 0)
			score += bm25_tf(tf, len, r->avg);
	}
	return score;
}

/* ---- candidates ---- */

typedef struct cand {
	long long entry;
	double score;
	int by_name;
	int found;       /* described (describe) */
	store_hit hit;   /* filled for those shown */
	char *key;       /* a name hit's name as names compare (ap_name_key) */
} cand;
typedef AP_VEC(cand) cands;

/* The newest `window` entries of kind k matching q in one index, scored;
 * pr: PostgreSQL's texts, scored here from their words (?5: read them all). */
static int gather(store *s, const char *sql, const char *q, int k, long long window, int by_name, pg_rank *pr,
	cands *out, ap_err *e)
{
	db_stmt *st = st_prep(s, sql, "searching", e);
	if (!st)
		return AP_ESTORE;
	long long first = (long long)k << ENTRY_BITS;
	db_bind_text(st, 1, q);
	if (pr)
		db_bind_int64(st, 5, pr->prefix);
	db_bind_int64(st, 2, first);
	db_bind_int64(st, 3, first | ENTRY_ID(-1LL));
	db_bind_int64(st, 4, window);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		cand *c = ap_vec_push(out);
		c->entry = db_col_int64(st, 0);
		c->score = pr ? pg_score(pr, db_col_int(st, 1), (const char *)db_col_text(st, 2)) : db_col_double(st, 1);
		c->by_name = by_name;
	}
	st_done(st);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, "searching", e);
}

static int by_entry(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* Name hits first, then higher scores, kinds in their order, newest first. */
static int by_rank(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->by_name != y->by_name)
		return y->by_name - x->by_name;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (ENTRY_KIND(x->entry) != ENTRY_KIND(y->entry))
		return ENTRY_KIND(x->entry) - ENTRY_KIND(y->entry);
	return (x->entry < y->entry) - (x->entry > y->entry);
}

/* The same, with names in order among name hits of equal rank. */
static int by_rank_then_name(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->by_name && y->by_name && x->score == y->score && ENTRY_KIND(x->entry) == ENTRY_KIND(y->entry)) {
		int c = strcmp(x->key, y->key);
		if (c)
			return c;
	}
	return by_rank(a, b);
}

/* What candidates v[0, n) are, through the view that indexed them. found
 * stays 0 for one gone in the meantime (not inside the snapshot search
 * reads in). On PostgreSQL a statement per kind among them, given their
 * ids as an array (a round trip each is what costs there); on SQLite a
 * statement per candidate, whose kind and id reach into one table of the
 * view (SQLite finds ids given as a list by reading the whole view). */
static const char lite_describe[] = "SELECT s.id, s.label, s.body, s.account_id,"
	" (SELECT a.name FROM account a WHERE a.id = s.account_id) FROM search_texts s"
	" WHERE s.kind = ?1 AND s.id = ?2";
static const char pg_describe[] = "SELECT s.id, s.label, s.body, s.account_id,"
	" (SELECT a.name FROM account a WHERE a.id = s.account_id) FROM search_texts s"
	" WHERE s.kind = ?1 AND s.id = ANY(?2::bigint[])";

static int by_id(const void *a, const void *b)
{
	long long x = ENTRY_ID((*(cand *const *)a)->entry), y = ENTRY_ID((*(cand *const *)b)->entry);
	return (x > y) - (x < y);
}

static int describe(store *s, cand *v, size_t n, ap_err *e)
{
	cand **of = xcalloc(n ? n : 1, sizeof *of);
	ap_buf ids = {0};
	int rc = AP_OK;
	/* A group: a kind's candidates (PostgreSQL) or one candidate (SQLite). */
	for (size_t g = 0; !rc && g < (s->lite ? n : STORE_SEARCH_KINDS); g++) {
		int k = s->lite ? ENTRY_KIND(v[g].entry) : (int)g;
		size_t m = 0;
		ids.len = 0;
		for (size_t i = s->lite ? g : 0; i < (s->lite ? g + 1 : n); i++)
			if (ENTRY_KIND(v[i].entry) == k) {
				of[m++] = &v[i];
				buf_printf(&ids, "%s%lld", ids.len ? "," : "{", ENTRY_ID(v[i].entry));
			}
		if (!m)
			continue;
		buf_puts(&ids, "}");
		qsort(of, m, sizeof *of, by_id);
		db_stmt *st = st_prep(s, s->lite ? lite_describe : pg_describe, "reading what was found", e);
		if (!st) {
			rc = AP_ESTORE;
			break;
		}
		db_bind_int64(st, 1, k);
		if (s->lite)
			db_bind_int64(st, 2, ENTRY_ID(v[g].entry));
		else
			db_bind_text(st, 2, ids.s);
		int step;
		while ((step = db_step(st)) == DB_ROW) {
			cand want = {.entry = db_col_int64(st, 0)}, *wp = &want, **hit = bsearch(&wp, of, m, sizeof *of, by_id);
			if (!hit || (*hit)->found)
				continue;
			cand *c = *hit;
			store_hit *h = &c->hit;
			c->found = 1;
			h->kind = k;
			h->id = ENTRY_ID(c->entry);
			h->label = col_text(st, 1);
			h->text = col_text(st, 2);
			h->account_id = db_col_int64(st, 3);
			h->account = col_text(st, 4);
			h->by_name = c->by_name;
			c->key = c->by_name ? ap_name_key(h->label) : NULL;
		}
		st_done(st);
		if (step != DB_DONE)
			rc = st_fail(s, step, "reading what was found", e);
	}
	buf_free(&ids);
	free(of);
	return rc;
}

void store_hit_clear(store_hit *h)
{
	free(h->account);
	free(h->label);
	free(h->text);
	memset(h, 0, sizeof *h);
}

/* Each kind's newest matches in one index, with their scores: ?1 the
 * query, ?2..?3 the kind's entries, ?4 how many. On PostgreSQL the query is
 * what the user typed, made a tsquery by acctplan.search_query; a name's
 * score is the same formula in SQL, a text's is text_rank's, worked out
 * here (pg_score) from the text's length and the text's words that are the
 * query's (setweight marks them, ts_filter keeps them: a few bytes a row);
 * a query with a prefix (?5) reads every word. The average text length
 * BM25 wants comes from the index's counts (search_stats), as FTS5's does. */
static const char lite_names[] = "SELECT rowid, search_name_rank(search_name) FROM search_name"
	" WHERE search_name MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid DESC LIMIT ?4";
static const char lite_texts[] = "SELECT rowid, search_text_rank(search_text) FROM search_text"
	" WHERE search_text MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid DESC LIMIT ?4";
static const char pg_names[] = "SELECT entry,"
	" CASE WHEN name_start @@ acctplan.search_query(?1, true, true) THEN 1e6 ELSE 0 END - name_words FROM search_entry"
	" WHERE name @@ acctplan.search_query(?1, true, false) AND entry BETWEEN ?2 AND ?3 ORDER BY entry DESC LIMIT ?4";
static const char pg_texts[] = "SELECT entry, text_len, CASE WHEN ?5 <> 0 THEN text::text ELSE"
	" pg_catalog.ts_filter(pg_catalog.setweight(text, 'A', ARRAY(SELECT pg_catalog.split_part(t, ':', 2)"
	" FROM pg_catalog.unnest(acctplan.search_terms(?1)) t)), '{a}')::text END"
	" FROM search_entry WHERE text @@ acctplan.search_query(?1, false, false) AND entry BETWEEN ?2 AND ?3"
	" ORDER BY entry DESC LIMIT ?4";

static int search_in(store *s, const char *qname, const char *qtext, size_t limit, store_hits *out, int *more,
	ap_err *e)
{
	int pg = !s->lite;
	const char *names = pg ? pg_names : lite_names, *texts = pg ? pg_texts : lite_texts;
	long long window = limit > STORE_SEARCH_WINDOW ? (limit > INT64_MAX / 2 ? INT64_MAX / 2 : (long long)limit)
		: STORE_SEARCH_WINDOW;
	cands c = {0};
	int rc = AP_OK;
	pg_rank pr = {0};
	/* Planned for the words searched, every time: a plan kept for any words
	 * (a generic plan, which PostgreSQL switches to after five runs) cannot
	 * tell a rare word, best found through the word index, from a common
	 * one, best found by walking the newest entries. */
	if (pg && (rc = db_exec(s->db, "SET LOCAL plan_cache_mode = force_custom_plan")) != DB_OK)
		rc = st_fail(s, rc, "searching", e);
	if (pg && !rc)
		rc = pg_rank_init(s, qtext, &pr, e);
	/* Names: only kinds that have one (their find statement looks them up). */
	for (int k = 0; !rc && k < STORE_SEARCH_KINDS; k++)
		if (s->sql[k].find)
			rc = gather(s, names, qname, k, window, 1, NULL, &c, e);
	size_t nnames = c.n;
	long long *seen = xcalloc(nnames ? nnames : 1, sizeof *seen);
	for (size_t i = 0; i < nnames; i++)
		seen[i] = c.v[i].entry;
	qsort(seen, nnames, sizeof *seen, by_entry);
	/* Texts: a record found by its name already is not found twice. */
	for (int k = 0; !rc && k < STORE_SEARCH_KINDS; k++) {
		size_t before = c.n, kept = before;
		rc = gather(s, texts, qtext, k, window, 0, pg ? &pr : NULL, &c, e);
		for (size_t i = before; i < c.n; i++)
			if (!bsearch(&c.v[i].entry, seen, nnames, sizeof *seen, by_entry))
				c.v[kept++] = c.v[i];
		c.n = kept;
	}
	free(seen);
	pg_rank_free(&pr);
	/* What was found is read back by id: one plan serves every hit. */
	if (pg && !rc && (rc = db_exec(s->db, "SET LOCAL plan_cache_mode = auto")) != DB_OK)
		rc = st_fail(s, rc, "searching", e);
	if (c.n)   /* c.v is NULL when nothing was found, which qsort must not be given */
		qsort(c.v, c.n, sizeof *c.v, by_rank);
	/* The best `limit`, read back; those gone in the meantime make room
	 * for the next best. */
	size_t shown = 0;
	for (size_t next = 0, n; !rc && shown < limit && next < c.n; next += n) {
		n = limit - shown < c.n - next ? limit - shown : c.n - next;
		rc = describe(s, c.v + next, n, e);
		for (size_t i = next; i < next + n; i++)
			if (c.v[i].found)
				c.v[shown++] = c.v[i];
	}
	if (more)
		*more = !rc && c.n > shown;
	if (shown)
		qsort(c.v, shown, sizeof *c.v, by_rank_then_name);
	for (size_t i = 0; i < shown; i++) {
		if (!rc)
			*(store_hit *)ap_vec_push(out) = c.v[i].hit;
		else
			store_hit_clear(&c.v[i].hit);
		free(c.v[i].key);
	}
	free(c.v);
	return rc;
}

int store_search(store *s, const char *query, size_t limit, store_hits *out, int *more, ap_err *e)
{
	if (more)
		*more = 0;
	char *qname = fts_query(query, 1), *qtext = fts_query(query, 0);
	int rc = AP_OK;
	if (*qtext && limit > 0 && !(rc = register_ranks(s, e)) && !(rc = store_snapshot_begin(s, e))) {
		rc = s->lite ? search_in(s, qname, qtext, limit, out, more, e) : search_in(s, query, query, limit, out, more, e);
		store_snapshot_end(s);
	}
	free(qname);
	free(qtext);
	return rc;
}

int store_note_search(store *s, long long account, const char *query, ap_notes *out, ap_err *e)
{
	/* The account's notes (a few hundred at most) each looked up in the
	 * index by its entry: a seek per note, whatever the portfolio's size. */
	static const char lite[] = "SELECT x.id FROM note x WHERE x.account_id = ?1 AND EXISTS (SELECT 1 FROM search_text"
		" WHERE search_text MATCH ?2 AND rowid = ?3 + x.id)";
	static const char pg[] = "SELECT x.id FROM note x WHERE x.account_id = ?1 AND EXISTS (SELECT 1 FROM search_entry"
		" WHERE entry = ?3 + x.id AND text @@ acctplan.search_query(?2, false, false))";
	const char *sql = s->lite ? lite : pg;
	AP_VEC(long long) ids = {0};
	ap_notes all = {0};
	char *q = fts_query(query, 0);
	int rc = AP_OK;
	db_stmt *st = *q ? st_prep(s, sql, "searching notes", e) : NULL;
	if (*q && !st)
		rc = AP_ESTORE;
	if (st) {
		db_bind_int64(st, 1, account);
		db_bind_text(st, 2, s->lite ? q : query);
		db_bind_int64(st, 3, (long long)REC_NOTE << ENTRY_BITS);
		while ((rc = db_step(st)) == DB_ROW)
			*(long long *)ap_vec_push(&ids) = db_col_int64(st, 0);
		st_done(st);
		rc = rc == DB_DONE ? AP_OK : st_fail(s, rc, "searching notes", e);
	}
	/* Listed as the account's notes are, the others left out. */
	if (!rc && ids.n) {
		qsort(ids.v, ids.n, sizeof *ids.v, by_entry);
		rc = store_note_list(s, account, &all, e);
		for (size_t i = 0; i < all.n; i++)
			if (!rc && bsearch(&all.v[i].id, ids.v, ids.n, sizeof *ids.v, by_entry))
				*(ap_note *)ap_vec_push(out) = all.v[i];
			else
				ap_note_clear(&all.v[i]);
		free(all.v);
	}
	free(ids.v);
	free(q);
	return rc;
}
