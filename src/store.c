/* store.c - opening, migrating and transactions of the SQLite store. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "acctplan/dburl.h"
#include "acctplan/outfile.h"
#include "store_internal.h"

/* 'AcTP': marks the file as ours, so another program's SQLite file is refused. */
#define APPLICATION_ID 0x41635450

/* Schema steps, applied in order while PRAGMA user_version is below their
 * number. A released step never changes: add a new one instead. */
static const char *const schema_v1[] = {
	"CREATE TABLE account ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  industry TEXT NOT NULL DEFAULT '',"
	"  segment TEXT NOT NULL DEFAULT 'other' CHECK (segment IN ('key','strategic','growth','other')),"
	"  created TEXT NOT NULL);",
	"CREATE UNIQUE INDEX account_name ON account(lower(name));",
	"CREATE TABLE answer ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  question TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  source TEXT NOT NULL CHECK (source IN ('conversation','meeting','document','research','assumption')),"
	"  confidence TEXT NOT NULL CHECK (confidence IN ('low','medium','high')),"
	"  author TEXT NOT NULL DEFAULT '',"
	"  answered_on TEXT NOT NULL);",
	"CREATE INDEX answer_by_question ON answer(account_id, question, id);",
	"CREATE TABLE contact ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  title TEXT NOT NULL DEFAULT '',"
	"  role TEXT CHECK (role IN ('decision-maker','po-issuer','payment-releaser','champion',"
	"                            'influencer','blocker','user')),"
	"  tier TEXT NOT NULL CHECK (tier IN ('sales','product','executive')),"
	"  reports_to INTEGER REFERENCES contact(id) ON DELETE SET NULL);",
	"CREATE UNIQUE INDEX contact_name ON contact(account_id, lower(name));",
	"CREATE INDEX contact_reports_to ON contact(reports_to);",
	"CREATE TABLE competitor ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  differentiator TEXT NOT NULL DEFAULT '');",
	"CREATE UNIQUE INDEX competitor_name ON competitor(account_id, lower(name));",
	"CREATE TABLE end_customer ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  industry TEXT NOT NULL DEFAULT '',"
	"  ask TEXT NOT NULL DEFAULT '',"
	"  trend TEXT CHECK (trend IN ('growing','flat','shrinking')));",
	"CREATE UNIQUE INDEX end_customer_name ON end_customer(account_id, lower(name));",
	"CREATE INDEX end_customer_industry ON end_customer(industry);",
	"CREATE TABLE engagement ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  tier TEXT NOT NULL CHECK (tier IN ('sales','product','executive')),"
	"  held_on TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('strategic','tactical')),"
	"  news TEXT NOT NULL DEFAULT 'none' CHECK (news IN ('good','bad','none')),"
	"  shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0,1)),"
	"  summary TEXT NOT NULL DEFAULT '');",
	"CREATE INDEX engagement_by_account ON engagement(account_id, held_on);",
	"CREATE TABLE note ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  tier TEXT NOT NULL CHECK (tier IN ('sales','product','executive')),"
	"  author TEXT NOT NULL DEFAULT '',"
	"  written_on TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  tags TEXT NOT NULL DEFAULT '');",
	"CREATE INDEX note_by_account ON note(account_id, id);",
	/* External-content FTS5 index: the text lives once, in note; triggers keep
	 * the index in step inside the same transaction as the write. */
	"CREATE VIRTUAL TABLE note_fts USING fts5(body, tags, content='note', content_rowid='id',"
	"  tokenize='unicode61 remove_diacritics 2');",
	"CREATE TRIGGER note_ai AFTER INSERT ON note BEGIN"
	"  INSERT INTO note_fts(rowid, body, tags) VALUES (new.id, new.body, new.tags); END;",
	"CREATE TRIGGER note_ad AFTER DELETE ON note BEGIN"
	"  INSERT INTO note_fts(note_fts, rowid, body, tags) VALUES ('delete', old.id, old.body, old.tags); END;",
	"CREATE TRIGGER note_au AFTER UPDATE ON note BEGIN"
	"  INSERT INTO note_fts(note_fts, rowid, body, tags) VALUES ('delete', old.id, old.body, old.tags);"
	"  INSERT INTO note_fts(rowid, body, tags) VALUES (new.id, new.body, new.tags); END;",
	"CREATE TABLE snooze ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  rule TEXT NOT NULL,"
	"  question TEXT NOT NULL DEFAULT '',"
	"  until_on TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  created_on TEXT NOT NULL);",
	"CREATE UNIQUE INDEX snooze_key ON snooze(account_id, rule, question);",
	"CREATE TABLE demand_driver ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  metric TEXT NOT NULL,"
	"  metric_unit TEXT NOT NULL DEFAULT '',"
	"  value REAL,"
	"  growth REAL,"
	"  factor REAL,"
	"  factor_unit TEXT NOT NULL DEFAULT '',"
	"  share REAL,"
	"  product_unit TEXT NOT NULL DEFAULT '');",
	"CREATE INDEX demand_driver_by_account ON demand_driver(account_id, id);",
	NULL,
};

/* Version 2: ids are never reused (AUTOINCREMENT), every editable record
 * carries version and who changed it when, and an answer names the answer it
 * superseded, unique per question so that of two writers superseding the
 * same answer exactly one wins. Tables are rebuilt (SQLite cannot add
 * AUTOINCREMENT in place) with foreign keys off, so dropping a parent does
 * not delete its children; migrate() checks the keys before committing.
 * Rows keep their ids; their timestamps come from the dates they carry. */
#define META_COLS \
	"  version INTEGER NOT NULL DEFAULT 1," \
	"  created_at TEXT NOT NULL DEFAULT ''," \
	"  updated_at TEXT NOT NULL DEFAULT ''," \
	"  updated_by TEXT NOT NULL DEFAULT '');"
#define STAMP(day) "(" day ") || 'T00:00:00Z'"
#define ACCOUNT_DAY(t) "(SELECT a.created FROM account a WHERE a.id = " t ".account_id)"
static const char *const schema_v2[] = {
	"CREATE TABLE account2 ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  name TEXT NOT NULL,"
	"  industry TEXT NOT NULL DEFAULT '',"
	"  segment TEXT NOT NULL DEFAULT 'other' CHECK (segment IN ('key','strategic','growth','other')),"
	"  created TEXT NOT NULL," META_COLS,
	"INSERT INTO account2 SELECT id, name, industry, segment, created, 1, " STAMP("created") ", "
	STAMP("created") ", '' FROM account ORDER BY id;",
	"CREATE TABLE answer2 ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  question TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  source TEXT NOT NULL CHECK (source IN ('conversation','meeting','document','research','assumption')),"
	"  confidence TEXT NOT NULL CHECK (confidence IN ('low','medium','high')),"
	"  author TEXT NOT NULL DEFAULT '',"
	"  answered_on TEXT NOT NULL,"
	"  replaces INTEGER REFERENCES answer(id) ON DELETE CASCADE,"
	"  created_at TEXT NOT NULL DEFAULT '');",
	"INSERT INTO answer2 SELECT o.id, o.account_id, o.question, o.value, o.source, o.confidence, o.author,"
	"  o.answered_on, (SELECT max(p.id) FROM answer p WHERE p.account_id = o.account_id"
	"  AND p.question = o.question AND p.id < o.id), " STAMP("o.answered_on") " FROM answer o ORDER BY o.id;",
	"CREATE TABLE contact2 ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  title TEXT NOT NULL DEFAULT '',"
	"  role TEXT CHECK (role IN ('decision-maker','po-issuer','payment-releaser','champion',"
	"                            'influencer','blocker','user')),"
	"  tier TEXT NOT NULL CHECK (tier IN ('sales','product','executive')),"
	"  reports_to INTEGER REFERENCES contact(id) ON DELETE SET NULL," META_COLS,
	"INSERT INTO contact2 SELECT id, account_id, name, title, role, tier, reports_to, 1, "
	STAMP(ACCOUNT_DAY("contact")) ", " STAMP(ACCOUNT_DAY("contact")) ", '' FROM contact ORDER BY id;",
	"CREATE TABLE competitor2 ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  differentiator TEXT NOT NULL DEFAULT ''," META_COLS,
	"INSERT INTO competitor2 SELECT id, account_id, name, differentiator, 1, "
	STAMP(ACCOUNT_DAY("competitor")) ", " STAMP(ACCOUNT_DAY("competitor")) ", '' FROM competitor ORDER BY id;",
	"CREATE TABLE end_customer2 ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  industry TEXT NOT NULL DEFAULT '',"
	"  ask TEXT NOT NULL DEFAULT '',"
	"  trend TEXT CHECK (trend IN ('growing','flat','shrinking'))," META_COLS,
	"INSERT INTO end_customer2 SELECT id, account_id, name, industry, ask, trend, 1, "
	STAMP(ACCOUNT_DAY("end_customer")) ", " STAMP(ACCOUNT_DAY("end_customer")) ", '' FROM end_customer ORDER BY id;",
	"CREATE TABLE engagement2 ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  tier TEXT NOT NULL CHECK (tier IN ('sales','product','executive')),"
	"  held_on TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('strategic','tactical')),"
	"  news TEXT NOT NULL DEFAULT 'none' CHECK (news IN ('good','bad','none')),"
	"  shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0,1)),"
	"  summary TEXT NOT NULL DEFAULT ''," META_COLS,
	"INSERT INTO engagement2 SELECT id, account_id, tier, held_on, kind, news, shared, summary, 1, "
	STAMP("held_on") ", " STAMP("held_on") ", '' FROM engagement ORDER BY id;",
	"CREATE TABLE note2 ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  tier TEXT NOT NULL CHECK (tier IN ('sales','product','executive')),"
	"  author TEXT NOT NULL DEFAULT '',"
	"  written_on TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  tags TEXT NOT NULL DEFAULT ''," META_COLS,
	"INSERT INTO note2 SELECT id, account_id, tier, author, written_on, body, tags, 1, "
	STAMP("written_on") ", " STAMP("written_on") ", author FROM note ORDER BY id;",
	"CREATE TABLE snooze2 ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  rule TEXT NOT NULL,"
	"  question TEXT NOT NULL DEFAULT '',"
	"  until_on TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  created_on TEXT NOT NULL);",
	"INSERT INTO snooze2 SELECT * FROM snooze ORDER BY id;",
	"CREATE TABLE demand_driver2 ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  metric TEXT NOT NULL,"
	"  metric_unit TEXT NOT NULL DEFAULT '',"
	"  value REAL,"
	"  growth REAL,"
	"  factor REAL,"
	"  factor_unit TEXT NOT NULL DEFAULT '',"
	"  share REAL,"
	"  product_unit TEXT NOT NULL DEFAULT ''," META_COLS,
	"INSERT INTO demand_driver2 SELECT id, account_id, metric, metric_unit, value, growth, factor, factor_unit,"
	" share, product_unit, 1, " STAMP(ACCOUNT_DAY("demand_driver")) ", " STAMP(ACCOUNT_DAY("demand_driver"))
	", '' FROM demand_driver ORDER BY id;",
	/* Children first, so that no view of the schema has a child without its parent. */
	"DROP TABLE demand_driver; DROP TABLE snooze; DROP TABLE note; DROP TABLE engagement;"
	" DROP TABLE end_customer; DROP TABLE competitor; DROP TABLE contact; DROP TABLE answer; DROP TABLE account;",
	"ALTER TABLE account2 RENAME TO account; ALTER TABLE answer2 RENAME TO answer;"
	" ALTER TABLE contact2 RENAME TO contact; ALTER TABLE competitor2 RENAME TO competitor;"
	" ALTER TABLE end_customer2 RENAME TO end_customer; ALTER TABLE engagement2 RENAME TO engagement;"
	" ALTER TABLE note2 RENAME TO note; ALTER TABLE snooze2 RENAME TO snooze;"
	" ALTER TABLE demand_driver2 RENAME TO demand_driver;",
	"CREATE UNIQUE INDEX account_name ON account(lower(name));",
	"CREATE INDEX answer_by_question ON answer(account_id, question, id);",
	"CREATE UNIQUE INDEX answer_replaces ON answer(account_id, question, coalesce(replaces, 0));",
	"CREATE UNIQUE INDEX contact_name ON contact(account_id, lower(name));",
	"CREATE INDEX contact_reports_to ON contact(reports_to);",
	"CREATE UNIQUE INDEX competitor_name ON competitor(account_id, lower(name));",
	"CREATE UNIQUE INDEX end_customer_name ON end_customer(account_id, lower(name));",
	"CREATE INDEX end_customer_industry ON end_customer(industry);",
	"CREATE INDEX engagement_by_account ON engagement(account_id, held_on);",
	"CREATE INDEX note_by_account ON note(account_id, id);",
	"CREATE TRIGGER note_ai AFTER INSERT ON note BEGIN"
	"  INSERT INTO note_fts(rowid, body, tags) VALUES (new.id, new.body, new.tags); END;",
	"CREATE TRIGGER note_ad AFTER DELETE ON note BEGIN"
	"  INSERT INTO note_fts(note_fts, rowid, body, tags) VALUES ('delete', old.id, old.body, old.tags); END;",
	"CREATE TRIGGER note_au AFTER UPDATE OF body, tags ON note BEGIN"
	"  INSERT INTO note_fts(note_fts, rowid, body, tags) VALUES ('delete', old.id, old.body, old.tags);"
	"  INSERT INTO note_fts(rowid, body, tags) VALUES (new.id, new.body, new.tags); END;",
	"CREATE UNIQUE INDEX snooze_key ON snooze(account_id, rule, question);",
	"CREATE INDEX demand_driver_by_account ON demand_driver(account_id, id);",
	NULL,
};

/* Version 3: names are compared as ap_name_key computes them (NFC, case
 * folded, invisible characters ignored), which SQL cannot do, so the key is a
 * column the store fills and the unique indexes move onto it. The lower(name)
 * indexes stay for ordering, no longer unique. The keys of existing rows are
 * filled by store_fill_name_keys once these steps have run. */
static const char *const schema_v3[] = {
	"DROP INDEX account_name; DROP INDEX contact_name; DROP INDEX competitor_name; DROP INDEX end_customer_name;",
	"CREATE INDEX account_name ON account(lower(name));",
	"CREATE INDEX contact_name ON contact(account_id, lower(name));",
	"CREATE INDEX competitor_name ON competitor(account_id, lower(name));",
	"CREATE INDEX end_customer_name ON end_customer(account_id, lower(name));",
	"ALTER TABLE account ADD COLUMN " STORE_NAME_KEY " TEXT;",
	"ALTER TABLE contact ADD COLUMN " STORE_NAME_KEY " TEXT;",
	"ALTER TABLE competitor ADD COLUMN " STORE_NAME_KEY " TEXT;",
	"ALTER TABLE end_customer ADD COLUMN " STORE_NAME_KEY " TEXT;",
	"CREATE UNIQUE INDEX account_key ON account(" STORE_NAME_KEY ");",
	"CREATE UNIQUE INDEX contact_key ON contact(account_id, " STORE_NAME_KEY ");",
	"CREATE UNIQUE INDEX competitor_key ON competitor(account_id, " STORE_NAME_KEY ");",
	"CREATE UNIQUE INDEX end_customer_key ON end_customer(account_id, " STORE_NAME_KEY ");",
	NULL,
};

/* Version 4: one search over every kind of record. Two FTS5 indexes read
 * their text from two views, the one place that says what is searched:
 * search_names (the names of accounts, contacts, competitors and end
 * customers; small, matched by prefix, with prefix indexes so that even one
 * typed letter reads one list) and search_texts (every kind: the name again,
 * so that "Elektra cheaper" finds a competitor by its name and its
 * differentiator together, and the kind's texts; matched by whole words).
 * Only the current answer to a question is searched.
 *
 * An entry's rowid is its kind in the high bits and the record's id below
 * (kind << 48 | id): a kind's entries are one range, so search takes the
 * newest matches of each kind with a range, and a scan of the views in
 * their order gives increasing rowids, which FTS5 builds fastest. The kind
 * is the record's rec_kind_id of this release, fixed here for good (see the
 * asserts below): account 0, answer 1, contact 2, competitor 3, end customer
 * 4, meeting 5, note 6.
 *
 * Triggers keep both indexes in step inside the writing transaction, going
 * through the views, so the text removed from an index is exactly the text
 * that was added ('delete' of an external-content FTS5 table must be given
 * it): before a row changes or goes, its entry is removed as the view shows
 * it; after a row is added or changed, the view's entry is added. A kind
 * without a name has no rows in search_names, so its triggers leave that
 * index alone. The triggers that index an insert are named *_search_ai and
 * *_search_bi: a bulk load (store_bulk_begin) takes them out for the load,
 * indexes what it loaded in a few statements, and puts them back.
 *
 * A later migration that rebuilds one of these tables must drop and recreate
 * the views and triggers that name it. note_fts (version 1) is now part of
 * search_text and goes. */
#define SEARCH_ENTRY(kind) "(" kind " << 48) + x.id AS entry, " kind " AS kind, x.id AS id, "
#define SEARCH_CURRENT_ANSWER \
	"NOT EXISTS (SELECT 1 FROM answer y WHERE y.account_id = x.account_id AND y.question = x.question AND y.id > x.id)"
/* Add (or remove) kind's entry for the record whose id is row, in one index. */
#define SEARCH_ADD(index, view, cols, kind, row) \
	" INSERT INTO " index "(rowid, " cols ") SELECT entry, " cols " FROM " view \
	" WHERE kind = " kind " AND id = " row ";"
#define SEARCH_DEL(index, view, cols, kind, row) \
	" INSERT INTO " index "(" index ", rowid, " cols ") SELECT 'delete', entry, " cols " FROM " view \
	" WHERE kind = " kind " AND id = " row ";"
#define SEARCH_ADD_TEXT(kind, row) SEARCH_ADD("search_text", "search_texts", "name, body", kind, row)
#define SEARCH_DEL_TEXT(kind, row) SEARCH_DEL("search_text", "search_texts", "name, body", kind, row)
#define SEARCH_ADD_BOTH(kind, row) SEARCH_ADD_TEXT(kind, row) SEARCH_ADD("search_name", "search_names", "name", kind, row)
#define SEARCH_DEL_BOTH(kind, row) SEARCH_DEL_TEXT(kind, row) SEARCH_DEL("search_name", "search_names", "name", kind, row)
/* The four triggers of a table: cols are the columns its entries are made of. */
#define SEARCH_TRIGGERS(table, kind, cols, ADD, DEL) \
	"CREATE TRIGGER " table "_search_ai AFTER INSERT ON " table " BEGIN" ADD(kind, "new.id") " END;", \
	"CREATE TRIGGER " table "_search_bd BEFORE DELETE ON " table " BEGIN" DEL(kind, "old.id") " END;", \
	"CREATE TRIGGER " table "_search_bu BEFORE UPDATE OF " cols " ON " table " BEGIN" DEL(kind, "old.id") " END;", \
	"CREATE TRIGGER " table "_search_au AFTER UPDATE OF " cols " ON " table " BEGIN" ADD(kind, "new.id") " END;"
static const char *const schema_v4[] = {
	"DROP TRIGGER note_ai; DROP TRIGGER note_ad; DROP TRIGGER note_au; DROP TABLE note_fts;",
	"CREATE VIEW search_names AS"
	" SELECT " SEARCH_ENTRY("0") "x.id AS account_id, x.name AS name FROM account x"
	" UNION ALL SELECT " SEARCH_ENTRY("2") "x.account_id, x.name FROM contact x"
	" UNION ALL SELECT " SEARCH_ENTRY("3") "x.account_id, x.name FROM competitor x"
	" UNION ALL SELECT " SEARCH_ENTRY("4") "x.account_id, x.name FROM end_customer x;",
	/* label is what a result is called (a name, a date, a question id);
	 * body is what was searched, as a result shows it. */
	"CREATE VIEW search_texts AS"
	" SELECT " SEARCH_ENTRY("0") "x.id AS account_id, x.name AS label, x.name AS name, x.industry AS body"
	" FROM account x"
	" UNION ALL SELECT " SEARCH_ENTRY("1") "x.account_id, x.question, '', x.value FROM answer x"
	" WHERE " SEARCH_CURRENT_ANSWER
	" UNION ALL SELECT " SEARCH_ENTRY("2") "x.account_id, x.name, x.name, x.title FROM contact x"
	" UNION ALL SELECT " SEARCH_ENTRY("3") "x.account_id, x.name, x.name, x.differentiator FROM competitor x"
	" UNION ALL SELECT " SEARCH_ENTRY("4") "x.account_id, x.name, x.name,"
	" CASE WHEN x.industry = '' THEN x.ask WHEN x.ask = '' THEN x.industry ELSE x.industry || ': ' || x.ask END"
	" FROM end_customer x"
	" UNION ALL SELECT " SEARCH_ENTRY("5") "x.account_id, x.held_on, '', x.summary FROM engagement x"
	" UNION ALL SELECT " SEARCH_ENTRY("6") "x.account_id, x.written_on, '',"
	" x.body || CASE WHEN x.tags = '' THEN '' ELSE ' #' || replace(x.tags, ' ', ' #') END FROM note x;",
	"CREATE VIRTUAL TABLE search_name USING fts5(name, content='search_names', content_rowid='entry',"
	"  tokenize='unicode61 remove_diacritics 2', prefix='1 2');",
	"CREATE VIRTUAL TABLE search_text USING fts5(name, body, content='search_texts', content_rowid='entry',"
	"  tokenize='unicode61 remove_diacritics 2');",
	SEARCH_TRIGGERS("account", "0", "name, industry", SEARCH_ADD_BOTH, SEARCH_DEL_BOTH),
	SEARCH_TRIGGERS("contact", "2", "name, title", SEARCH_ADD_BOTH, SEARCH_DEL_BOTH),
	SEARCH_TRIGGERS("competitor", "3", "name, differentiator", SEARCH_ADD_BOTH, SEARCH_DEL_BOTH),
	SEARCH_TRIGGERS("end_customer", "4", "name, industry, ask", SEARCH_ADD_BOTH, SEARCH_DEL_BOTH),
	SEARCH_TRIGGERS("engagement", "5", "summary", SEARCH_ADD_TEXT, SEARCH_DEL_TEXT),
	SEARCH_TRIGGERS("note", "6", "body, tags", SEARCH_ADD_TEXT, SEARCH_DEL_TEXT),
	/* An answer is searched while it is current. Its entry follows its own
	 * changes like any row's; besides, a new answer takes the entry of the
	 * one it supersedes (replaces: the current one, or the unique index on
	 * replaces refuses it and the statement is undone) out first, and when
	 * answers go, the one whose successors all went with it (the replaces
	 * chain cascades forward) is current again and gets its entry back.
	 * The id looked up is always a value of the row at hand: a term with a
	 * subquery would not reach into the view's branches, and every one of
	 * them would be scanned. */
	SEARCH_TRIGGERS("answer", "1", "value", SEARCH_ADD_TEXT, SEARCH_DEL_TEXT),
	"CREATE TRIGGER answer_search_bi BEFORE INSERT ON answer WHEN new.replaces IS NOT NULL BEGIN"
	SEARCH_DEL_TEXT("1", "new.replaces") " END;",
	"CREATE TRIGGER answer_search_ad AFTER DELETE ON answer WHEN old.replaces IS NOT NULL BEGIN"
	SEARCH_ADD_TEXT("1", "old.replaces") " END;",
	STORE_FTS_LOADING("search_name") STORE_FTS_LOADING("search_text"),
	"INSERT INTO search_name(search_name) VALUES ('rebuild');",
	"INSERT INTO search_text(search_text) VALUES ('rebuild');",
	STORE_FTS_LOADED("search_name") STORE_FTS_LOADED("search_text"),
	/* Who made a snooze: earlier snoozes were nobody's in particular. */
	"ALTER TABLE snooze ADD COLUMN author TEXT NOT NULL DEFAULT '';",
	NULL,
};
/* The kinds the schema above numbers. */
_Static_assert(REC_ACCOUNT == 0 && REC_ANSWER == 1 && REC_CONTACT == 2 && REC_COMPETITOR == 3 &&
	REC_ENDCUSTOMER == 4 && REC_MEETING == 5 && REC_NOTE == 6, "search index kinds are fixed by schema 4");

/* Version 5: the team's own definitions, shared through the store: the
 * questions and rules files a team loaded (questions load, rules load), one
 * document of each kind, kept as its text so that it is validated, listed
 * and exported exactly as it was written. */
static const char *const schema_v5[] = {
	"CREATE TABLE definition ("
	"  kind TEXT PRIMARY KEY CHECK (kind IN ('questions','rules')),"
	"  body TEXT NOT NULL,"
	"  source TEXT NOT NULL DEFAULT '',"
	"  loaded_at TEXT NOT NULL,"
	"  loaded_by TEXT NOT NULL DEFAULT '');",
	NULL,
};

/* Version 6: nothing here. PostgreSQL's search index changed how it is
 * kept (store_pg_schema.c's schema_v6); the two schemas keep one numbering,
 * so that a version says the same of either store. */
static const char *const schema_v6[] = {
	NULL,
};

/* Version 7: our people and how deep each relationship goes. A member is
 * someone on our side; a contact may name the member who holds it (by id,
 * so a rename follows), how the contact sees us (level), feels about us
 * (stance) and weighs (influence), and lines beyond reports-to. A meeting
 * has a status (the meetings recorded before were history: held), an
 * objective, an outcome and attendees on both sides. */
static const char *const schema_v7[] = {
	"CREATE TABLE member ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  name TEXT NOT NULL,"
	"  tier TEXT NOT NULL CHECK (tier IN ('sales','product','executive')),"
	"  email TEXT NOT NULL DEFAULT '',"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),"
	"  " STORE_NAME_KEY " TEXT," META_COLS,
	"CREATE INDEX member_name ON member(lower(name));",
	"CREATE UNIQUE INDEX member_key ON member(" STORE_NAME_KEY ");",
	"ALTER TABLE contact ADD COLUMN owner_id INTEGER REFERENCES member(id);",
	"ALTER TABLE contact ADD COLUMN level TEXT NOT NULL DEFAULT 'unknown' CHECK (level IN"
	" ('unknown','vendor','credible','problem-solver','trusted-advisor'));",
	"ALTER TABLE contact ADD COLUMN stance TEXT NOT NULL DEFAULT 'unknown' CHECK (stance IN"
	" ('advocate','supporter','neutral','skeptic','opponent','unknown'));",
	"ALTER TABLE contact ADD COLUMN influence TEXT CHECK (influence IN ('high','medium','low'));",
	"CREATE INDEX contact_owner ON contact(owner_id);",
	"ALTER TABLE engagement ADD COLUMN status TEXT NOT NULL DEFAULT 'held' CHECK (status IN"
	" ('planned','held','cancelled'));",
	"ALTER TABLE engagement ADD COLUMN objective TEXT NOT NULL DEFAULT '';",
	"ALTER TABLE engagement ADD COLUMN outcome TEXT NOT NULL DEFAULT '';",
	/* Who attended, on each side, in the order given. */
	"CREATE TABLE meeting_contact ("
	"  meeting_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,"
	"  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL,"
	"  PRIMARY KEY (meeting_id, contact_id));",
	"CREATE INDEX meeting_contact_by_contact ON meeting_contact(contact_id);",
	"CREATE TABLE meeting_member ("
	"  meeting_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,"
	"  member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL,"
	"  PRIMARY KEY (meeting_id, member_id));",
	"CREATE INDEX meeting_member_by_member ON meeting_member(member_id);",
	/* Lines beyond reports-to: one of each kind between two contacts. */
	"CREATE TABLE contact_link ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  from_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,"
	"  to_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('influences','informal','rivals')));",
	"CREATE UNIQUE INDEX contact_link_key ON contact_link(from_id, to_id, kind);",
	"CREATE INDEX contact_link_by_account ON contact_link(account_id);",
	NULL,
};

/* Version 8: actions, work someone of ours owns on an account by a day,
 * often what answers a flag (its rule and question) or concerns a contact. */
static const char *const schema_v8[] = {
	"CREATE TABLE action ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  title TEXT NOT NULL,"
	"  owner_id INTEGER NOT NULL REFERENCES member(id),"
	"  due_on TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','dropped')),"
	"  tier TEXT CHECK (tier IN ('sales','product','executive')),"
	"  flag TEXT,"
	"  contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,"
	"  outcome TEXT NOT NULL DEFAULT '',"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  closed_on TEXT,"
	"  created_by TEXT NOT NULL DEFAULT '',"
	META_COLS,
	"CREATE INDEX action_by_account ON action(account_id, due_on);",
	"CREATE INDEX action_by_owner ON action(owner_id, status, due_on);",
	"CREATE INDEX action_by_contact ON action(contact_id);",
	NULL,
};

/* Version 9: the account review. A review has a day, a scope, the members
 * taking part and its accounts in the order they are walked, each pending,
 * reviewed or skipped (the day it was reviewed says what "changed since the
 * last review" means next time). Decisions are free text per account; a
 * confirmation says someone checked, in a review, that an answer still
 * holds (the answer keeps its source and confidence). Actions and snoozes
 * made in a review point at it, for the minutes. flag_seen keeps the day
 * each flag was first and last seen, for flags nobody takes on. */
static const char *const schema_v9[] = {
	"CREATE TABLE review ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  held_on TEXT NOT NULL,"
	"  segment TEXT CHECK (segment IN ('key','strategic','growth','other')),"
	"  tier TEXT CHECK (tier IN ('sales','product','executive')),"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),"
	"  closed_on TEXT,"
	"  created_by TEXT NOT NULL DEFAULT '',"
	META_COLS,
	"CREATE TABLE review_member ("
	"  review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,"
	"  member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL,"
	"  PRIMARY KEY (review_id, member_id));",
	"CREATE INDEX review_member_by_member ON review_member(member_id);",
	"CREATE TABLE review_account ("
	"  review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','reviewed','skipped')),"
	"  done_at TEXT,"
	"  done_by TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (review_id, account_id));",
	"CREATE INDEX review_account_by_account ON review_account(account_id, state, done_at);",
	"CREATE INDEX review_account_walk ON review_account(review_id, pos);",
	"CREATE TABLE review_decision ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  text TEXT NOT NULL,"
	"  decided_by TEXT NOT NULL DEFAULT '',"
	META_COLS,
	"CREATE INDEX review_decision_by_account ON review_decision(account_id, review_id);",
	"CREATE INDEX review_decision_by_review ON review_decision(review_id);",
	"CREATE TABLE confirmation ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  answer_id INTEGER NOT NULL REFERENCES answer(id) ON DELETE CASCADE,"
	"  review_id INTEGER REFERENCES review(id) ON DELETE SET NULL,"
	"  confirmed_by TEXT NOT NULL DEFAULT '',"
	"  confirmed_on TEXT NOT NULL,"
	"  created_at TEXT NOT NULL DEFAULT '');",
	"CREATE INDEX confirmation_by_account ON confirmation(account_id, answer_id);",
	"CREATE INDEX confirmation_by_answer ON confirmation(answer_id);",
	"CREATE INDEX confirmation_by_review ON confirmation(review_id);",
	"ALTER TABLE action ADD COLUMN review_id INTEGER REFERENCES review(id) ON DELETE SET NULL;",
	"CREATE INDEX action_by_review ON action(review_id);",
	"ALTER TABLE snooze ADD COLUMN review_id INTEGER REFERENCES review(id) ON DELETE SET NULL;",
	"CREATE INDEX snooze_by_review ON snooze(review_id);",
	"CREATE TABLE flag_seen ("
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  rule TEXT NOT NULL,"
	"  question TEXT NOT NULL DEFAULT '',"
	"  first_seen TEXT NOT NULL,"
	"  last_seen TEXT NOT NULL,"
	"  PRIMARY KEY (account_id, rule, question));",
	NULL,
};

/* Version 10: money and demand. An order is what the customer bought in a
 * period (a month YYYY-MM or a quarter YYYY-Qn), in integer minor units of
 * its currency (ISO 4217), of one product or none (''): one row per
 * account, period, product and currency, so importing a file twice changes
 * nothing. (The table is not called "order", an SQL keyword.) */
static const char *const schema_v10[] = {
	"CREATE TABLE customer_order ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  period TEXT NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  currency TEXT NOT NULL,"
	"  product TEXT NOT NULL DEFAULT '',"
	META_COLS,
	"CREATE UNIQUE INDEX customer_order_key ON customer_order(account_id, period, product, currency);",
	"CREATE INDEX customer_order_by_period ON customer_order(period);",
	NULL,
};

/* Version 11: demand chains. */
static const char *const schema_v11[] = {
	/* A demand driver's one factor becomes a chain of steps, a step a line
	 * "FACTOR UNIT" (demand.h): each one-factor driver's becomes its one
	 * step, so it computes the same demand. The factor is written as
	 * PostgreSQL's twin writes it: a whole number without ".0", else in 15
	 * significant digits (SQLite's text of a real), exact for every factor
	 * a person typed with up to 15 digits; "?" when it was not given.
	 * The table is rebuilt to drop factor and factor_unit; steps
	 * comes last, where PostgreSQL's ADD COLUMN puts it, and the id
	 * sequence carries over so no id is given twice. */
	"CREATE TABLE demand_driver2 ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  metric TEXT NOT NULL,"
	"  metric_unit TEXT NOT NULL DEFAULT '',"
	"  value REAL,"
	"  growth REAL,"
	"  share REAL,"
	"  product_unit TEXT NOT NULL DEFAULT '',"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL DEFAULT '',"
	"  updated_at TEXT NOT NULL DEFAULT '',"
	"  updated_by TEXT NOT NULL DEFAULT '',"
	"  steps TEXT NOT NULL DEFAULT '');",
	"INSERT INTO demand_driver2 SELECT id, account_id, metric, metric_unit, value, growth, share, product_unit,"
	" version, created_at, updated_at, updated_by,"
	" CASE WHEN factor IS NULL AND factor_unit = '' THEN '' ELSE"
	" (CASE WHEN factor IS NULL THEN '?'"
	"  WHEN factor = CAST(factor AS INTEGER) AND abs(factor) < 1e15 THEN CAST(CAST(factor AS INTEGER) AS TEXT)"
	"  ELSE CAST(factor AS TEXT) END)"
	" || CASE WHEN factor_unit = '' THEN '' ELSE ' ' || factor_unit END END"
	" FROM demand_driver ORDER BY id;",
	"INSERT INTO sqlite_sequence(name, seq) SELECT 'demand_driver2', 0 WHERE NOT EXISTS"
	" (SELECT 1 FROM sqlite_sequence WHERE name = 'demand_driver2');",
	"UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT o.seq FROM sqlite_sequence o"
	" WHERE o.name = 'demand_driver'), 0)) WHERE name = 'demand_driver2';",
	"DROP TABLE demand_driver;",
	"ALTER TABLE demand_driver2 RENAME TO demand_driver;",
	"CREATE INDEX demand_driver_by_account ON demand_driver(account_id, id);",
	NULL,
};

/* Version 12: the give and take, and the customer as influencer. An
 * exchange is one thing we gave the customer or they gave us back, through
 * a member of ours (by id: a rename follows; a member removed leaves it
 * said by nobody). An advocacy is a contact of the account speaking for
 * us, with the day they were asked and how long they agreed to be named:
 * the consent index serves 'advocacy list --available' across the
 * portfolio, the contact's the count of how often each was asked. */
static const char *const schema_v12[] = {
	"CREATE TABLE exchange ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  happened_on TEXT NOT NULL,"
	"  direction TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  by_id INTEGER REFERENCES member(id) ON DELETE SET NULL,"
	"  detail TEXT NOT NULL,"
	META_COLS,
	"CREATE INDEX exchange_by_account ON exchange(account_id, happened_on);",
	"CREATE INDEX exchange_by_member ON exchange(by_id);",
	"CREATE TABLE advocacy ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL,"
	"  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,"
	"  asked_on TEXT NOT NULL,"
	"  consent_until TEXT,"
	"  detail TEXT NOT NULL DEFAULT '',"
	META_COLS,
	"CREATE INDEX advocacy_by_account ON advocacy(account_id, asked_on);",
	"CREATE INDEX advocacy_by_contact ON advocacy(contact_id, asked_on);",
	"CREATE INDEX advocacy_by_consent ON advocacy(consent_until);",
	NULL,
};

/* Version 13: who owns the customer. A member has a function beside
 * their tier. The members there were get the function their tier stands
 * for (ap_function_of_tier: sales, product management, the executive):
 * what the tier already said of them, so the matrix and the portfolio
 * read as before until someone says otherwise; import of an older export
 * gives the same. */
static const char *const schema_v13[] = {
	"ALTER TABLE member ADD COLUMN function TEXT NOT NULL DEFAULT 'other' CHECK (function IN ('sales',"
	"'field-marketing','channel','product-management','product-marketing','customer-reference','support',"
	"'executive','other'));",
	"UPDATE member SET function = CASE tier WHEN 'sales' THEN 'sales' WHEN 'product' THEN 'product-management'"
	" WHEN 'executive' THEN 'executive' ELSE 'other' END;",
	NULL,
};

static const char *const *const migrations[] = {schema_v1, schema_v2, schema_v3, schema_v4, schema_v5, schema_v6,
	schema_v7, schema_v8, schema_v9, schema_v10, schema_v11, schema_v12, schema_v13};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))
_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION, "a migration per schema version");

int st_fail(store *s, int rc, const char *doing, ap_err *e)
{
	if (s && db_pg_is(s->db))
		return store_pg_fail(s, rc, doing, e);
	int prim = rc & 0xff;
	const char *why = s && s->lite ? sqlite3_errmsg(s->lite) : sqlite3_errstr(rc);
	/* A full disk met while growing the -shm or -wal file comes back as a
	 * generic I/O error; the errno behind it says what the user must fix. */
	if (prim == SQLITE_IOERR && s && s->lite && sqlite3_system_errno(s->lite) == ENOSPC)
		prim = SQLITE_FULL;
	switch (prim) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ap_fail(e, AP_ESTORE, "%s: database is locked by another process (%d)", doing, rc);
	case SQLITE_FULL:
		return ap_fail(e, AP_ESTORE, "%s: disk is full (%d)", doing, rc);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return ap_fail(e, AP_ESTORE, "%s: database file is corrupt or not a database (%d)", doing, rc);
	case SQLITE_READONLY:
		/* Opened read-only on purpose (store_open), or by SQLite for want of
		 * write access: the reason in words, not "attempt to write a
		 * readonly database". */
		if (s && s->readonly_why)
			return ap_fail(e, AP_ESTORE, "%s: cannot write '%s': %s; nothing was written",
				doing, s->path, s->readonly_why);
		if (rc == SQLITE_READONLY_DBMOVED)
			return ap_fail(e, AP_ESTORE, "%s: '%s' was moved or removed while acctplan had it open; "
				"nothing was written", doing, s ? s->path : "the database");
		return ap_fail(e, AP_ESTORE, "%s: %s (%d)", doing, why, rc);
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_IOERR:
		return ap_fail(e, AP_ESTORE, "%s: %s (%d)", doing, why, rc);
	case SQLITE_CONSTRAINT:
	case SQLITE_TOOBIG:
		return ap_fail(e, AP_EINPUT, "%s: %s", doing, why);
	default:
		return ap_fail(e, AP_ESTORE, "%s: %s (%d)", doing, why, rc);
	}
}

db_stmt *st_prep(store *s, const char *sql, const char *doing, ap_err *e)
{
	/* A bulk load's queued rows go first: the statement may read them, or
	 * point at them (store_bulk_queue, which prepares its insert unsent). */
	if (s->pg_bulk && !s->bulk_queueing && store_bulk_flush(s, e))
		return NULL;
	for (int i = 0; i < s->ncache; i++)
		if (s->cache[i].sql == sql)
			return s->cache[i].st;
	db_stmt *st = NULL;
	int rc = s->db->ops->prepare(s->db, sql, 1, &st);
	if (rc != DB_OK) {
		st_fail(s, rc, doing, e);
		return NULL;
	}
	if (s->ncache == s->capcache) {
		s->capcache = s->capcache ? s->capcache * 2 : 64;
		s->cache = xrealloc(s->cache, (size_t)s->capcache * sizeof *s->cache);
	}
	s->cache[s->ncache++] = (struct stmt_slot){sql, st};
	return st;
}

void st_done(db_stmt *st)
{
	db_reset(st);
}

int st_exec(store *s, db_stmt *st, const char *doing, ap_err *e)
{
	int rc = db_step(st);
	st_done(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return st_fail(s, rc, doing, e);
	return AP_OK;
}

void bind_name(db_stmt *st, int i, const ap_names *t, int v)
{
	db_bind_text(st, i, ap_name(t, v, NULL));
}

void bind_real(db_stmt *st, int i, double v)
{
	if (isnan(v))
		db_bind_null(st, i);
	else
		db_bind_double(st, i, v);
}

char *col_text(db_stmt *st, int i)
{
	const char *v = db_col_text(st, i);
	return xstrdup(v ? (const char *)v : "");
}

int col_name(db_stmt *st, int i, const ap_names *t)
{
	const char *v = (const char *)db_col_text(st, i);
	for (int k = 0; v && k < t->count; k++)
		if (strcmp(v, t->names[k]) == 0)
			return k;
	return -1;
}

double col_real(db_stmt *st, int i)
{
	return db_col_null(st, i) ? NAN : db_col_double(st, i);
}

static int exec_sql(store *s, const char *sql, const char *doing, ap_err *e)
{
	int rc = db_exec(s->db, sql);
	return rc == DB_OK ? AP_OK : st_fail(s, rc, doing, e);
}

static int begin(store *s, const char *doing, ap_err *e)
{
	/* A snapshot's plain BEGIN holds no write lock: writing in it could fail
	 * half-way with "locked" instead of before any work. */
	if (s->snapshot)
		return ap_fail(e, AP_ESTORE, "%s: not allowed inside a read snapshot", doing);
	if (s->depth++ > 0)
		return AP_OK;
	s->failed = 0;
	snprintf(s->tx_doing, sizeof s->tx_doing, "%s", doing);
	/* IMMEDIATE takes the write lock now, so a busy database fails before any
	 * work is done rather than half-way through it. */
	int rc = exec_sql(s, s->dialect->begin_write, doing, e);
	if (rc)
		s->depth = 0;
	return rc;
}

int store_begin(store *s, ap_err *e) { return begin(s, "starting a transaction", e); }

int store_commit(store *s, ap_err *e)
{
	if (s->depth == 0)
		return AP_OK;
	if (--s->depth > 0)
		return AP_OK;
	if (s->failed) {
		exec_sql(s, "ROLLBACK", "rolling back", NULL);
		return ap_fail(e, AP_ESTORE, "transaction rolled back after an earlier error");
	}
	int rc = exec_sql(s, "COMMIT", "committing", e);
	if (rc)
		exec_sql(s, "ROLLBACK", "rolling back", NULL);
	else
		s->untidy = 1;
	return rc;
}

/* WAL frames after which a commit checkpoints even so (80 MB): the
 * checkpoint otherwise waits for store_tidy, and a process that writes
 * without ever being idle must not grow the WAL without end. */
#define WAL_FRAMES_MUST 20000
/* WAL frames after which store_tidy checkpoints (SQLite's own default). */
#define WAL_FRAMES_TIDY 1000

/* Instead of SQLite's auto-checkpoint, which a commit pays for (8 ms every
 * 46th meeting edit at 10,000 accounts): note the WAL's size; checkpoint
 * here only past WAL_FRAMES_MUST. */
static int wal_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
	store *s = arg;
	s->wal_frames = frames;
	if (frames >= WAL_FRAMES_MUST) {
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		s->wal_frames = 0;
	}
	return DB_OK;
}

int store_tidy(store *s, ap_err *e)
{
	if (!s->untidy || s->depth || s->readonly_why || !s->lite)
		return AP_OK;
	s->untidy = 0;
	/* At most 64 pages of merging per index, and only on a level of at
	 * least 4 segments (FTS5's usermerge): what a write's automerge did. */
	int rc = exec_sql(s, "INSERT INTO search_name(search_name, rank) VALUES ('merge', 64);"
		" INSERT INTO search_text(search_text, rank) VALUES ('merge', 64);", "tidying the search index", e);
	if (!rc && s->wal_frames >= WAL_FRAMES_TIDY) {
		/* Passive: it copies what no reader still needs and never waits. */
		sqlite3_wal_checkpoint_v2(s->lite, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		s->wal_frames = 0;
	}
	return rc;
}

void store_rollback(store *s)
{
	if (s->depth == 0)
		return;
	if (--s->depth > 0) {
		s->failed = 1;
		return;
	}
	exec_sql(s, "ROLLBACK", "rolling back", NULL);
}

/* Always paired with tx_end, also when it fails: a refusal inside a read
 * snapshot counts as a level, so tx_end's rollback returns to the
 * snapshot's own level instead of ending it (which left every later write
 * of the process refused). */
int tx_begin(store *s, const char *doing, ap_err *e)
{
	int rc = begin(s, doing, e);
	if (rc && s->snapshot)
		s->depth++;
	return rc;
}

int tx_end(store *s, int rc, ap_err *e)
{
	if (rc) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, e);
}

static int pragma_int(store *s, const char *sql, int *out, ap_err *e)
{
	db_stmt *st = NULL;
	int rc = db_prepare(s->db, sql, &st);
	if (rc == DB_OK) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			*out = db_col_int(st, 0);
			rc = DB_OK;
		}
	}
	db_finalize(st);
	return rc == DB_OK || rc == DB_DONE ? AP_OK : st_fail(s, rc, "reading the database header", e);
}

/* What the header says, read in one statement from one snapshot: read one
 * by one, a process creating the same new file could commit in between and
 * the file would look like another program's (tables but no version). A
 * SQLite result code: reading is where a file that is no database, or one
 * SQLite cannot open, fails first. */
struct header { int version, appid, tables; };

static int read_header(store *s, struct header *h)
{
	db_stmt *st = NULL;
	int rc = db_prepare(s->db, "SELECT (SELECT user_version FROM pragma_user_version),"
		" (SELECT application_id FROM pragma_application_id), (SELECT count(*) FROM sqlite_schema)", &st);
	if (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
		h->version = db_col_int(st, 0);
		h->appid = db_col_int(st, 1);
		h->tables = db_col_int(st, 2);
		rc = DB_OK;
	}
	db_finalize(st);
	return rc;
}

/* Refuse a file that is not ours, or newer than this program, before anything
 * (even the journal mode) is written to it. Only a file with no tables and
 * no mark of another program is empty: acctplan creates its tables there. */
static int check_owner(store *s, const struct header *h, ap_err *e)
{
	s->opened_version = h->version;
	if (h->version < 0)
		return ap_fail(e, AP_ESTORE, "'%s' has schema version %d, which no acctplan writes: it is not an "
			"acctplan database; nothing was changed", s->path, h->version);
	if (h->version > NMIGRATIONS)
		return ap_fail(e, AP_ESTORE, "'%s' has schema version %d, newer than this acctplan knows (%d); "
			"upgrade acctplan", s->path, h->version, NMIGRATIONS);
	if (h->appid != APPLICATION_ID && (h->version > 0 || h->appid != 0 || h->tables > 0))
		return ap_fail(e, AP_ESTORE, "'%s' is a SQLite database of another program, not acctplan's", s->path);
	if (h->version == 0 && h->tables > 0)
		return ap_fail(e, AP_ESTORE, "'%s' holds tables but no schema version (its user_version is 0, which "
			"acctplan never leaves): another program changed it; nothing was changed (restore a backup)", s->path);
	return AP_OK;
}

/* Rebuilding tables needs foreign keys off, and SQLite changes that only
 * outside a transaction; the keys are checked before the commit instead. */
static int check_foreign_keys(store *s, ap_err *e)
{
	db_stmt *st = NULL;
	int rc = db_prepare(s->db, "PRAGMA foreign_key_check", &st);
	if (rc == DB_OK)
		rc = db_step(st);
	int bad = rc == DB_ROW;
	char table[64] = "";
	if (bad)
		snprintf(table, sizeof table, "%s", (const char *)db_col_text(st, 0));
	db_finalize(st);
	if (bad)
		return ap_fail(e, AP_ESTORE, "upgrading the schema: a row of '%s' lost its parent; nothing was changed", table);
	return rc == DB_DONE ? AP_OK : st_fail(s, rc, "checking foreign keys", e);
}

static int migrate_steps(store *s, int from, ap_err *e)
{
	int rc = AP_OK;
	for (int v = from; !rc && v < NMIGRATIONS; v++) {
		char doing[64];
		snprintf(doing, sizeof doing, "upgrading the schema to version %d", v + 1);
		for (const char *const *step = migrations[v]; !rc && *step; step++)
			rc = exec_sql(s, *step, doing, e);
	}
	/* Once the tables are in their new shape, names get their keys (two
	 * names that now compare equal are both kept), then data an earlier
	 * release let in that this one refuses is repaired, not refused: a
	 * repaired name that would clash with another is kept as it was. */
	if (!rc && from > 0 && from < 3)
		rc = store_fill_name_keys(s, e);
	if (!rc && from > 0)
		rc = store_repair_all(s, e);
	if (!rc)
		rc = check_foreign_keys(s, e);
	if (!rc) {
		char sql[96];
		/* PRAGMAs take no bound parameters; both values are our own integers. */
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
			NMIGRATIONS, APPLICATION_ID);
		rc = exec_sql(s, sql, "recording the schema version", e);
	}
	return rc;
}

static int migrate(store *s, ap_err *e)
{
	int version = s->opened_version;
	if (version == NMIGRATIONS)
		return AP_OK;
	int rc = exec_sql(s, "PRAGMA foreign_keys = OFF", "configuring the database", e);
	if (!rc)
		rc = store_begin(s, e);
	/* Read the version again under the write lock: another process opening
	 * the same new file may have migrated it since check_owner looked. */
	if (!rc)
		rc = pragma_int(s, "PRAGMA user_version", &version, e);
	if (!rc && version != NMIGRATIONS)
		rc = migrate_steps(s, version, e);
	if (!rc)
		s->opened_version = version;
	rc = tx_end(s, rc, e);
	int fk = exec_sql(s, "PRAGMA foreign_keys = ON", "configuring the database", rc ? NULL : e);
	return rc ? rc : fk;
}

static int busy_timeout_ms(void)
{
	const char *v = getenv("ACCTPLAN_BUSY_TIMEOUT");
	int ms = v && *v ? atoi(v) : 5000;
	return ms >= 0 ? ms : 5000;
}

/* Create the file ourselves so it is 0600 from its first byte, never
 * readable by others even for a moment. A dangling symbolic link gets its
 * target created, as SQLite would open the target: name is where. */
static int create_file(const char *path, const char *name, int *created, ap_err *e)
{
	char *dir = xstrdup(name);
	char *slash = strrchr(dir, '/');
	int rc = AP_OK;
	if (slash && slash != dir) {
		*slash = '\0';
		rc = ap_mkdirs(dir, 0700, e);
	}
	free(dir);
	if (rc)
		return rc;
	int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST)
		return ap_fail(e, AP_ESTORE, "cannot create database '%s': %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	*created = fd >= 0;
	return AP_OK;
}

/* WAL is a property of the file, so it is switched on once, by whoever
 * opens the file first. The switch needs a lock for which SQLite does not
 * call the busy handler, so wait for it here, as long as the busy timeout. */
static int ensure_wal(store *s, ap_err *e)
{
	int waited = 0, limit = busy_timeout_ms();
	for (;;) {
		db_stmt *st = NULL;
		int rc = db_prepare(s->db, "PRAGMA journal_mode = WAL", &st);
		if (rc == DB_OK)
			rc = db_step(st);
		const char *mode = rc == DB_ROW ? db_col_text(st, 0) : NULL;
		int wal = mode && strcmp((const char *)mode, "wal") == 0;
		db_finalize(st);
		if (wal)
			return AP_OK;
		/* A mode other than wal back from the pragma means it could not switch yet. */
		if ((rc != DB_ROW && (rc & 0xff) != SQLITE_BUSY) || waited >= limit)
			return st_fail(s, rc == DB_ROW ? SQLITE_BUSY : rc, "opening the database", e);
		sqlite3_sleep(10);
		waited += 10;
	}
}

void store_bulk_fresh(store *s)
{
	if (!s->created || !s->lite || s->depth || s->readonly_why)
		return;
	/* Refused (the mode stays WAL) while another connection has the file open. */
	db_stmt *st = NULL;
	int rc = db_prepare(s->db, "PRAGMA journal_mode = DELETE", &st);
	if (rc == DB_OK)
		rc = db_step(st);
	s->fresh_load = rc == DB_ROW && strcmp(db_col_text(st, 0), "delete") == 0;
	db_finalize(st);
}

void store_bulk_fresh_end(store *s)
{
	if (!s->fresh_load || s->depth)
		return;
	s->fresh_load = 0;
	s->created = 0;   /* one load: the store holds what others may be reading now */
	ensure_wal(s, NULL);
}

/* (Re)open s->db; uri_query (NULL for none) asks SQLite for more than
 * flags can, such as "immutable=1". A SQLite result code. */
static int open_db(store *s, int flags, const char *uri_query)
{
	db_close(s->db);
	s->db = NULL;
	s->lite = NULL;
	char *name = NULL;
	if (uri_query) {
		/* A URI names the file percent-encoded: '?', '#' and '%' in a path
		 * would otherwise start the query, a fragment or an escape. */
		ap_buf b = {0};
		buf_puts(&b, "file:");
		for (const unsigned char *p = (const unsigned char *)s->path; *p; p++)
			if (strchr("/-._~", *p) || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
				buf_add(&b, (const char *)p, 1);
			else
				buf_printf(&b, "%%%02X", *p);
		buf_printf(&b, "?%s", uri_query);
		name = buf_steal(&b);
		flags |= SQLITE_OPEN_URI;
	}
	int rc = sqlite3_open_v2(name ? name : s->path, &s->lite, flags | SQLITE_OPEN_NOMUTEX, NULL);
	free(name);
	/* Wrapped even when opening failed: the handle still says why. */
	s->db = db_sqlite_wrap(s->lite);
	if (rc == DB_OK) {
		sqlite3_extended_result_codes(s->lite, 1);
		sqlite3_busy_timeout(s->lite, busy_timeout_ms());
	}
	return rc;
}

/* Why the database cannot be written, in words, or NULL when nothing we
 * can see stands in the way. SQLite writes the file and, in WAL mode, the
 * -wal and -shm files beside it (beside the target of a link): the folder
 * must be writable even to read, unless no one has the file open. */
static char *unwritable_reason(const char *path)
{
	char *real = outfile_follow(path);
	if (!real)
		return NULL;
	char *copy = xstrdup(real);
	const char *dir = dirname(copy);
	struct statvfs vfs;
	char *why = NULL;
	if (statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
		why = xasprintf("it is on a read-only file system (copy it to a writable one to change it)");
	else if (access(dir, W_OK) != 0)
		why = xasprintf("its folder '%s' is not writable by this user, and SQLite writes the database's "
			"-wal and -shm files beside it (make the folder writable, or move the database to one that is)", dir);
	else if (access(real, W_OK) != 0)
		why = xasprintf("the file is not writable by this user (make it writable, or ask its owner)");
	free(copy);
	free(real);
	return why;
}

/* Failures of opening or of the first read that the file system, not the
 * file, explains. */
static int access_failure(int rc)
{
	int prim = rc & 0xff;
	return prim == SQLITE_READONLY || prim == SQLITE_CANTOPEN || prim == SQLITE_PERM || prim == SQLITE_IOERR;
}

/* Open the file SQLite-side and read its header; when that fails for want
 * of write access, a command that only reads (STORE_EXISTING) still gets
 * the file read-only: plainly when SQLite can (another process keeps the
 * -wal and -shm there), else as an immutable file when no -wal exists (no
 * one has it open, every commit is in the file; a read-only mount is the
 * usual case). s->readonly_why then says why a write fails. */
static int open_and_read_header(store *s, enum store_mode mode, struct header *h, ap_err *e)
{
	int rc = open_db(s, SQLITE_OPEN_READWRITE, NULL);
	if (rc == DB_OK)
		rc = read_header(s, h);
	if (rc == DB_OK || !access_failure(rc))
		return rc == DB_OK ? AP_OK : st_fail(s, rc, "reading the database header", e);
	int fd = open(s->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ap_fail(e, AP_ESTORE, "cannot open '%s': %s", s->path,
			errno == EACCES ? "the file is not readable by this user" : strerror(errno));
	close(fd);
	char *why = unwritable_reason(s->path);
	if (!why)
		return st_fail(s, rc, "reading the database header", e);
	if (mode == STORE_CREATE) {
		rc = ap_fail(e, AP_ESTORE, "cannot open '%s' for writing: %s", s->path, why);
		free(why);
		return rc;
	}
	rc = open_db(s, SQLITE_OPEN_READONLY, NULL);
	if (rc == DB_OK)
		rc = read_header(s, h);
	char *real = outfile_follow(s->path), *wal = xasprintf("%s-wal", real ? real : s->path);
	struct stat sb;
	int wal_exists = lstat(wal, &sb) == 0;
	if (rc != DB_OK && !wal_exists && (rc = open_db(s, SQLITE_OPEN_READONLY, "immutable=1")) == DB_OK)
		rc = read_header(s, h);
	if (rc == DB_OK) {
		s->readonly_why = why;
		why = NULL;
	} else if (wal_exists) {
		rc = ap_fail(e, AP_ESTORE, "cannot open '%s': %s; while '%s' exists (the database is open in another "
			"process, or one stopped before closing it), SQLite cannot read it without writing there",
			s->path, why, wal);
	} else {
		rc = st_fail(s, rc, "reading the database header", e);
	}
	free(why);
	free(wal);
	free(real);
	return rc;
}

int store_open(store **out, const char *path, enum store_mode mode, ap_err *e)
{
	struct stat sb;
	int created = 0;
	*out = NULL;
	if (dburl_is_url(path))
		return store_pg_open(out, path, mode, e);
	if (stat(path, &sb) != 0) {
		int err = errno;
		/* A link to a file not there yet: SQLite would open its target. */
		char *name = outfile_follow(path);
		int dangling = name && lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode);
		int rc;
		if (err == EACCES)
			rc = ap_fail(e, AP_ESTORE, "cannot open '%s': a folder on its path is closed to this user "
				"(permission denied)", path);
		else if (err != ENOENT && (mode != STORE_CREATE || err != ENOTDIR))
			rc = ap_fail(e, AP_ESTORE, "cannot open '%s': %s", path, strerror(err));
		else if (mode == STORE_IF_THERE && err == ENOENT)
			rc = AP_OK;
		else if (mode != STORE_CREATE && dangling)
			rc = ap_fail(e, AP_ESTORE, "no database at '%s': it is a symbolic link to '%s', which does not exist "
				"(run 'acctplan init' to create one there)", path, name);
		else if (mode != STORE_CREATE)
			rc = ap_fail(e, AP_ESTORE, "no database at '%s' (run 'acctplan init' to create one)", path);
		else
			rc = create_file(path, name ? name : path, &created, e);
		free(name);
		if (rc || mode == STORE_IF_THERE)
			return rc;
	} else if (S_ISDIR(sb.st_mode)) {
		return ap_fail(e, AP_ESTORE, "'%s' is a directory, not a database file", path);
	} else if (!S_ISREG(sb.st_mode)) {
		/* SQLite would read a device or pipe and leave a journal beside it (/dev/null-journal). */
		return ap_fail(e, AP_ESTORE, "'%s' is not a regular file, so it cannot be a database", path);
	}

	/* Nothing reads SQLite's memory statistics, and keeping them takes a mutex
	 * around every allocation (7% of an import). Only the first call, before
	 * SQLite is initialised, takes effect; later ones are refused harmlessly. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->dialect = &store_sqlite;
	sql_build(s);
	struct header h = {0};
	int rc = open_and_read_header(s, mode, &h, e);
	/* Empty when read: no one wrote it between our creating and opening it. */
	s->created = created && !rc && h.version == 0 && h.tables == 0;
	if (!rc)
		rc = check_owner(s, &h, e);
	if (!rc && mode == STORE_IF_THERE && s->opened_version == 0) {
		store_close(&s);
		return AP_OK;
	}
	/* A command that only reads must not turn any empty file into a store. */
	if (!rc && mode == STORE_EXISTING && s->opened_version == 0)
		rc = ap_fail(e, AP_ESTORE, "'%s' is empty, not an acctplan database (run 'acctplan init' to create one)", path);
	/* SQLite opens a file it may not write read-only without a word. */
	if (!rc && !s->readonly_why && sqlite3_db_readonly(s->lite, "main") == 1 && !(s->readonly_why = unwritable_reason(path)))
		s->readonly_why = xstrdup("SQLite opened it read-only");
	if (!rc && s->readonly_why && s->opened_version != NMIGRATIONS)
		rc = ap_fail(e, AP_ESTORE, "cannot upgrade '%s' from schema version %d to %d: %s", path,
			s->opened_version, NMIGRATIONS, s->readonly_why);
	/* Read-only, the journal mode is the file's as it is: switching needs writing. */
	if (!rc && !s->readonly_why)
		rc = ensure_wal(s, e);
	if (!rc && !s->readonly_why)
		sqlite3_wal_hook(s->lite, wal_hook, s);
	if (!rc)
		rc = exec_sql(s, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", "configuring the database", e);
	if (!rc)
		rc = migrate(s, e);
	if (rc) {
		if (e && !strstr(e->msg, path))
			ap_err_context(e, "'%s'", path);
		store_close(&s);
		return rc;
	}
	*out = s;
	return AP_OK;
}

void store_close(store **sp)
{
	store *s = *sp;
	if (!s)
		return;
	store_tidy(s, NULL);   /* best effort: the writes are committed either way */
	for (int i = 0; i < s->ncache; i++)
		db_finalize(s->cache[i].st);
	free(s->cache);
	sql_free(s);
	free(s->answer_current_one);
	free(s->answer_current_all);
	free(s->answer_history);
	free(s->account_page);
	free(s->member_held);
	for (int i = 0; i < 3; i++) {
		free(s->action_list[i]);
		free(s->action_count[i]);
	}
	free(s->planned_sql);
	free(s->advocacy_sql[0]);
	free(s->advocacy_sql[1]);
	free(s->review_actions);
	free(s->review_snoozes);
	free(s->bulk_triggers);
	free(s->author);
	buf_free(&s->repairs);
	db_close(s->db);
	free(s->readonly_why);
	free(s->path);
	free(s);
	*sp = NULL;
}

const char *store_path(const store *s) { return s->path; }
int store_opened_version(const store *s) { return s->opened_version; }
const char *store_repairs(const store *s) { return s->repairs.s ? s->repairs.s : ""; }

void store_set_author(store *s, const char *name)
{
	free(s->author);
	s->author = name ? xstrdup(name) : NULL;
}

/* ---- backup ---- */

/* Copy every page of the live database into dst with SQLite's online
 * backup, a chunk at a time: between chunks other processes may write, and
 * a lock held by one is waited for (sleeping) up to the busy timeout. A
 * commit by another process between chunks restarts the copy, so the result
 * is always one consistent snapshot, including commits still in the -wal. */
static int copy_pages(store *s, sqlite3 *dst, ap_err *e)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->lite, "main");
	if (!b)
		return ap_fail(e, AP_ESTORE, "backing up the database: %s", sqlite3_errmsg(dst));
	int waited = 0, limit = busy_timeout_ms(), rc;
	for (;;) {
		rc = sqlite3_backup_step(b, 256);
		if (rc == DB_OK)
			continue;
		if (((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) && waited < limit) {
			sqlite3_sleep(25);
			waited += 25;
			continue;
		}
		break;
	}
	sqlite3_backup_finish(b);
	if (rc == DB_DONE)
		return AP_OK;
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return st_fail(s, rc, "backing up the database", e);
	/* The backup reports its errors on the destination's connection. */
	return ap_fail(e, AP_ESTORE, "backing up the database: %s (%d)", sqlite3_errmsg(dst), rc);
}

/* The copy is checked the way store_open checks a file: ours, and of this
 * schema version, so a restore from it opens without surprises. */
static int check_copy(sqlite3 *dst, const char *path, ap_err *e)
{
	sqlite3_stmt *st = NULL;
	int version = -1, appid = 0;
	int rc = sqlite3_prepare_v2(dst, "SELECT (SELECT user_version FROM pragma_user_version),"
		" (SELECT application_id FROM pragma_application_id)", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		version = sqlite3_column_int(st, 0);
		appid = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (version != NMIGRATIONS || appid != APPLICATION_ID)
		return ap_fail(e, AP_ESTORE, "backing up the database: the copy in '%s' is not a complete acctplan "
			"database (schema %d, application id %#x)", path, version, (unsigned)appid);
	return AP_OK;
}

int store_backup(store *s, const char *path, const char *exists_hint, ap_err *e)
{
	if (!s->lite)
		return ap_fail(e, AP_EINPUT, "backup copies a SQLite file; %s is a PostgreSQL database: use "
			"'acctplan export' (or pg_dump) instead", s->path);
	/* Inside our own write transaction the copy would hold uncommitted pages. */
	if (s->depth && !s->snapshot)
		return ap_fail(e, AP_ESTORE, "backing up the database: not allowed inside a write transaction");
	/* Writing the backup over the live database (or its -wal or -shm, which
	 * hold commits not yet in the main file) would destroy what it copies:
	 * outfile refuses them. The copy goes to a 0600 temporary file beside
	 * the target, renamed over it once complete and checked, so the target
	 * is never half-written; SQLite writes it by name, so it must be a file. */
	outfile_opts o = {.what = "backup", .live_db = s->path, .need_file = 1, .exists_hint = exists_hint};
	outfile *f;
	int rc = outfile_open(&f, path, &o, e);
	if (rc)
		return rc;
	sqlite3 *dst = NULL;
	int src = sqlite3_open_v2(outfile_temp(f), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (src != DB_OK)
		rc = ap_fail(e, AP_ESTORE, "cannot write backup '%s': %s", path, dst ? sqlite3_errmsg(dst) : sqlite3_errstr(src));
	/* No journal for the copy: a failed copy is deleted anyway, and a
	 * journal would be one more file to leave behind on a crash. The
	 * default synchronous mode still syncs the pages before the rename. */
	if (!rc && sqlite3_exec(dst, "PRAGMA journal_mode = OFF", NULL, NULL, NULL) != SQLITE_OK)
		rc = ap_fail(e, AP_ESTORE, "cannot write backup '%s': %s", path, sqlite3_errmsg(dst));
	if (!rc)
		rc = copy_pages(s, dst, e);
	if (!rc)
		rc = check_copy(dst, path, e);
	if (sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = ap_fail(e, AP_ESTORE, "cannot write backup '%s': closing the copy failed", path);
	if (rc) {
		outfile_abort(&f);
		return rc;
	}
	return outfile_commit(&f, e);
}

/* PRAGMA data_version changes only when another connection commits, never
 * for this one's own writes, so a poll of it tells a reader to reload exactly
 * when someone else changed the file. The statement is cached: a poll costs
 * one step of a prepared statement and a look at the WAL index. */
int store_data_version(store *s, long long *v, ap_err *e)
{
	static const char sql[] = "PRAGMA data_version";
	if (!s->lite)
		return store_pg_data_version(s, v, e);
	db_stmt *st = st_prep(s, sql, "reading the data version", e);
	if (!st)
		return AP_ESTORE;
	int rc = db_step(st);
	if (rc == DB_ROW)
		*v = db_col_int64(st, 0);
	st_done(st);
	return rc == DB_ROW ? AP_OK : st_fail(s, rc, "reading the data version", e);
}
