/* store.h - the SQLite file behind an account portfolio.
 *
 * Everything that touches SQL lives behind this header: no SQLite type leaks
 * out, so a PostgreSQL backend can implement the same functions later.
 * Every write function is atomic on its own; wrap several in store_begin /
 * store_commit to make one user action a single transaction (they nest).
 * Errors come back as AP_EINPUT (unknown account, duplicate name...) or
 * AP_ESTORE (locked, corrupt, unwritable) with a message naming what was done.
 * List functions append to *out, also on failure: the caller frees it with
 * ap_vec_free(out, ap_<record>_clear). */
#ifndef ACCTPLAN_STORE_H
#define ACCTPLAN_STORE_H

#include "acctplan/model.h"
#include "acctplan/record.h"

#define STORE_SCHEMA_VERSION 13

typedef struct store store;

enum store_mode {
	STORE_EXISTING,  /* the file must exist and be an acctplan database */
	STORE_CREATE,    /* create file (0600) and parent folders (0700) as needed */
	STORE_IF_THERE,  /* as EXISTING, but no store there (no file, an empty one, no schema
	                  * acctplan) is AP_OK with *out NULL: nothing to read yet */
};

/* Open (and migrate) the database at path. On success *out is the caller's, to
 * store_close. Busy timeout: ACCTPLAN_BUSY_TIMEOUT ms, default 5000. */
int store_open(store **out, const char *path, enum store_mode mode, ap_err *e);
void store_close(store **s);
/* Merge a little of what writes added to the search index, where nobody
 * waits for a write (store_close does it; the workbench calls it when idle).
 * A no-op when nothing was written since the last call. */
int store_tidy(store *s, ap_err *e);
const char *store_path(const store *s);
/* Version the file had before store_open migrated it (0 for a new file). */
int store_opened_version(const store *s);
/* What the upgrade to this schema repaired (one line each), "" when nothing:
 * names trimmed, control characters replaced, as rec_repair does. */
const char *store_repairs(const store *s);
/* The member acting: written as updated_by on every change (copied). */
void store_set_author(store *s, const char *name);

/* ---- every record kind alike (record.h) ----
 * Records are added, read, edited in place and removed by id; ids are never
 * reused. if_version > 0 makes an edit or remove conditional: when the
 * record's version differs, or it is gone, nothing is written and the call
 * returns AP_ECONFLICT naming who changed it and when. Without it an unknown
 * id is AP_EINPUT. The meta fields of rec (version, timestamps, updated_by)
 * are the store's: add takes them from rec when given (import keeps them),
 * else version 1, the time now (ap_now_stamp) and the acting author. */
/* rec->id (a given id is kept, as import does), ->account_id and ->meta.version are set. */
int store_rec_add(store *s, enum rec_kind_id k, long long account, void *rec, ap_err *e);
/* Replace every user field of record rec->id with rec's; version + 1. */
int store_rec_update(store *s, enum rec_kind_id k, long long account, void *rec,
	long long if_version, ap_err *e);
int store_rec_remove(store *s, enum rec_kind_id k, long long account, long long id,
	long long if_version, ap_err *e);
/* One record by id (account 0: of any account); caller clears *out (a
 * struct of the kind) with rec_clear. AP_EINPUT "unknown KIND #ID". */
int store_rec_get(store *s, enum rec_kind_id k, long long account, long long id, void *out, ap_err *e);
/* Id of the named record of an account (contacts, competitors, end customers). */
int store_rec_find(store *s, enum rec_kind_id k, long long account, const char *name, long long *id, ap_err *e);
/* The record a person named, typing as much of its name as tells it apart:
 * its name (store_rec_find: any case), else the one record whose name
 * begins with name, compared as names are. AP_EINPUT "unknown KIND 'x'"
 * when none does; when several do, "KIND 'x' is ambiguous: A, B (type more
 * of the name)", listing the first STORE_PREFIX_SHOWN in name order. */
#define STORE_PREFIX_SHOWN 5
int store_rec_find_prefix(store *s, enum rec_kind_id k, long long account, const char *name, long long *id,
	ap_err *e);
/* Is the store empty of records (a restore keeps ids only into an empty store)? */
int store_is_empty(store *s, int *empty, ap_err *e);

int store_begin(store *s, ap_err *e);
int store_commit(store *s, ap_err *e);
void store_rollback(store *s);

/* Accounts. Names are unique without regard to ASCII case. */
int store_account_add(store *s, const char *name, const char *industry, int segment,
	const char *created, long long *id, ap_err *e);
/* Fill *out (caller clears with ap_account_clear); AP_EINPUT "unknown account". */
int store_account_get(store *s, const char *name, ap_account *out, ap_err *e);
int store_account_get_id(store *s, long long id, ap_account *out, ap_err *e);
/* All accounts by name; or a window of them (offset, limit) for screens. */
int store_account_list(store *s, ap_accounts *out, ap_err *e);
int store_account_page(store *s, const char *filter, size_t offset, size_t limit,
	ap_accounts *out, ap_err *e);
int store_account_count(store *s, const char *filter, long long *n, ap_err *e);
int store_account_update(store *s, long long id, const char *name, const char *industry,
	int segment, ap_err *e);
/* Removes the account and everything recorded about it. */
int store_account_remove(store *s, long long id, ap_err *e);

/* Answers keep history: adding one makes it current, earlier ones stay. */
int store_answer_add(store *s, long long account, const char *question, const char *value,
	int source, int confidence, const char *author, const char *date, ap_err *e);
/* The same with the data contract: replaces is the id of the current answer
 * this one supersedes, STORE_REPLACES_NONE for "no answer yet", or
 * STORE_REPLACES_CURRENT for whatever is current. When another answer
 * superseded it first (a unique constraint decides between racing writers)
 * nothing is written: AP_ECONFLICT, naming the current answer's author and
 * date. *id (may be NULL) gets the new answer's id. Evidence left out (a
 * source or confidence below 0) is decided against the answer superseded,
 * in the same transaction (rec_evidence_keep: re-confirming keeps it). */
#define STORE_REPLACES_CURRENT (-1LL)
#define STORE_REPLACES_NONE 0LL
int store_answer_put(store *s, long long account, const ap_answer *a, long long replaces,
	long long *id, ap_err *e);
/* Current answers of one account (account > 0) or of all (0), by account name
 * then question; `versions` counts the history of each. */
int store_answer_current(store *s, long long account, ap_answers *out, ap_err *e);
/* Every version of one answer, newest first. */
int store_answer_history(store *s, long long account, const char *question,
	ap_answers *out, ap_err *e);
/* All answers, history included, oldest first within an account (for export). */
int store_answer_all(store *s, long long account, ap_answers *out, ap_err *e);

/* Contacts: the org map. reports_to names another contact of the same account. */
int store_contact_add(store *s, long long account, const ap_contact *c, ap_err *e);
int store_contact_update(store *s, long long account, const char *old_name,
	const ap_contact *c, ap_err *e);
int store_contact_list(store *s, long long account, ap_contacts *out, ap_err *e);
/* Contacts who reported to the removed one then report to nobody. */
int store_contact_remove(store *s, long long account, const char *name, ap_err *e);

int store_competitor_add(store *s, long long account, const ap_competitor *c, ap_err *e);
int store_competitor_list(store *s, long long account, ap_competitors *out, ap_err *e);
int store_competitor_remove(store *s, long long account, const char *name, ap_err *e);

int store_endcustomer_add(store *s, long long account, const ap_endcustomer *c, ap_err *e);
int store_endcustomer_list(store *s, long long account, ap_endcustomers *out, ap_err *e);
int store_endcustomer_remove(store *s, long long account, const char *name, ap_err *e);

/* Engagements (meetings), newest first for one account, by account for all. */
int store_meeting_add(store *s, long long account, const ap_meeting *m, long long *id, ap_err *e);
int store_meeting_list(store *s, long long account, ap_meetings *out, ap_err *e);
int store_meeting_remove(store *s, long long account, long long id, ap_err *e);

/* Field notes. */
int store_note_add(store *s, long long account, const ap_note *n, long long *id, ap_err *e);
int store_note_update(store *s, long long account, long long id, const char *body, ap_err *e);
int store_note_list(store *s, long long account, ap_notes *out, ap_err *e);
int store_note_remove(store *s, long long account, long long id, ap_err *e);
/* The notes of one account that hold every word of query, matched as
 * store_search matches texts, in the order store_note_list gives. */
int store_note_search(store *s, long long account, const char *query, ap_notes *out, ap_err *e);

/* ---- search ----
 * Every kind of record is searched: accounts (name, industry), contacts
 * (name, title), competitors (name, differentiator), end customers (name,
 * industry, ask), meetings (summary), the current answers and notes (text,
 * tags). Case and accents are ignored. A record is found when every word of
 * the query is in it: in its name as the start of a word ("elek" finds
 * Elektra), or anywhere in it as a whole word ("tender", not "tend"; a word
 * ending in '*' matches words that start with it). What the user typed is
 * searched for, never parsed: quotes, '*', AND, OR, NEAR, '-' and ':' are
 * text.
 *
 * Ranking: records found by their name first -- names that begin with the
 * query before others, then shorter names (so the exact name leads), then
 * accounts, contacts, competitors, end customers, then by name; then the
 * others, by how often the words occur for the text's length (BM25 without
 * the rarity of each word), then by kind, newest first. So that a word found
 * in thousands of records costs what a rare one does, only the newest
 * max(limit, STORE_SEARCH_WINDOW) matches of each kind, by name and by text,
 * are ranked. */
#define STORE_SEARCH_WINDOW 200
typedef struct store_hit {
	enum rec_kind_id kind;
	long long id;           /* the record's id (an account's own for an account) */
	long long account_id;
	char *account;          /* the account's name */
	char *label;            /* its name; a meeting's or note's date; an answer's question id */
	char *text;             /* what was searched besides the name: industry, title, differentiator,
	                         * industry and ask, summary, answer, a note's text and its #tags */
	int by_name;            /* every word is the start of a word of its name */
} store_hit;
typedef AP_VEC(store_hit) store_hits;
void store_hit_clear(store_hit *h);
/* At most limit records matching query, best first, appended to *out; *more
 * (may be NULL) is set when there were more. A query without a word to
 * search for finds nothing. */
int store_search(store *s, const char *query, size_t limit, store_hits *out, int *more, ap_err *e);

/* Snoozed flags; question is "" for flags not about a question. */
int store_snooze_set(store *s, long long account, const char *rule, const char *question,
	const char *until, const char *reason, const char *created, ap_err *e);
int store_snooze_list(store *s, long long account, ap_snoozes *out, ap_err *e);
/* Remove one snooze (rule given) or all of an account (rule NULL); *n gets the count. */
int store_snooze_clear(store *s, long long account, const char *rule, const char *question,
	int *n, ap_err *e);

int store_driver_add(store *s, long long account, const ap_driver *d, long long *id, ap_err *e);
int store_driver_list(store *s, long long account, ap_drivers *out, ap_err *e);
int store_driver_remove(store *s, long long account, long long id, ap_err *e);

/* ---- members: our people ----
 * Owners and attendees refer to members by id, so a rename follows. */
int store_member_list(store *s, ap_members *out, ap_err *e);
/* The member named (any case; or the one whose name begins so), else
 * AP_EINPUT "unknown member 'X'" with the close matches, or saying there
 * are none yet. */
int store_member_find(store *s, const char *name, long long *id, ap_err *e);
/* AP_EINPUT when member `member` is inactive and would take on something new
 * that is not already theirs: contact `rec` to hold, planned meeting `rec`
 * to attend, action `rec` to own. */
/* Actions, as 'action list' asks for them: of one account or one owner
 * (0: any), of one status (-1: any), due before a day (NULL: any), by due
 * day then id. */
typedef struct store_action_query {
	long long account, owner;
	int status;
	const char *due_before;
} store_action_query;
int store_action_list(store *s, const store_action_query *q, ap_actions *out, ap_err *e);
/* How many actions the query finds, without reading them. */
int store_action_count(store *s, const store_action_query *q, long long *n, ap_err *e);

/* Orders (store_orders.c): one account's (0: every account's), by account
 * name, period, product and currency. */
int store_order_list(store *s, long long account, ap_orders *out, ap_err *e);
/* Gives and takes (store_exchange.c): one account's (0: every account's), newest first. */
int store_exchange_list(store *s, long long account, ap_exchanges *out, ap_err *e);
/* Advocacy: one account's (0: every account's), newest first. */
int store_advocacy_list(store *s, long long account, ap_advocacies *out, ap_err *e);
/* Advocacy across the portfolio (account 0) or of one account, newest
 * first, each with how often its contact was asked from since to today
 * (YYYY-MM-DD, both included: ap_advocacy.asked). kind -1: any;
 * available: only those whose consent runs until today or later. */
typedef struct store_advocacy_query {
	long long account;
	int kind;
	int available;
	const char *since, *today;
} store_advocacy_query;
int store_advocacy_find(store *s, const store_advocacy_query *q, ap_advocacies *out, ap_err *e);
/* The order with this key, or *id 0. */
int store_order_find(store *s, long long account, const char *period, const char *product, const char *currency,
	long long *id, ap_err *e);
/* An order of the account's product (other than except) booked by the other
 * kind of period than *period (a month where it is a quarter, or the
 * reverse): *other its period (caller frees), NULL when none. */
int store_order_period_kind(store *s, long long account, const char *product, long long except, const char **period,
	char **other, ap_err *e);
/* The sum of an account's orders (0: of every account) per currency, of
 * the periods that start from month `from` to month `to` (YYYY-MM, both
 * included: a quarter counts by its first month), by account then currency. */
typedef struct store_order_sum {
	long long account;
	char currency[4];
	long long minor;
} store_order_sum;
typedef AP_VEC(store_order_sum) store_order_sums_v;   /* nothing to free but .v */
int store_order_sums(store *s, long long account, const char *from, const char *to, store_order_sums_v *out, ap_err *e);
/* Remove the account's orders of one period (*n how many; may be NULL). */
int store_order_clear_period(store *s, long long account, const char *period, long long *n, ap_err *e);

/* Reviews (store_reviews.c). Begin one: r gives its day, scope and nothing
 * else; members take part, accounts are walked in the order given (the
 * caller ranks them); r->id is set. AP_EINPUT without accounts. */
int store_review_create(store *s, ap_review *r, const long long *members, size_t nmembers,
	const long long *accounts, size_t naccounts, ap_err *e);
/* Every review, or those of one status (ap_rstatuses; -1 all), oldest first. */
int store_review_list(store *s, int status, ap_reviews *out, ap_err *e);
/* One review; AP_EINPUT when there is none with that id. */
int store_review_get(store *s, long long id, ap_review *out, ap_err *e);
/* A review's accounts in walking order (accounts removed since are gone). */
int store_review_accounts(store *s, long long id, ap_review_accounts *out, ap_err *e);
/* Where an account of an open review stands now (ap_rstates), stamped with
 * the time and the acting member; AP_EINPUT once the account is gone. */
int store_review_mark(store *s, long long id, long long account, int state, ap_err *e);
/* Close an open review on today (nothing when it is closed already). */
int store_review_close(store *s, long long id, const char *today, ap_err *e);
/* Record a decision on an account of an open review; *out (may be NULL) its id. */
int store_review_decide(store *s, long long id, long long account, const char *text, long long *out, ap_err *e);
/* Decisions of one review (0: any) on one account (0: any), oldest review first. */
int store_review_decisions(store *s, long long review, long long account, ap_decisions *out, ap_err *e);
/* The account's latest review in which it was reviewed, other than except:
 * *review its id and *at (caller frees) when it was marked; 0 and NULL when
 * it never was. */
int store_review_last(store *s, long long account, long long except, long long *review, char **at, ap_err *e);
/* Every account ever reviewed, with the stamp of its latest review (done_at). */
int store_review_lasts(store *s, ap_review_accounts *out, ap_err *e);
/* Confirm that the current answer to question still holds, as of today, in
 * a review (0: outside one). The answer keeps its source and confidence.
 * AP_EINPUT when the question has no answer. */
int store_answer_confirm(store *s, long long account, const char *question, long long review, const char *today,
	ap_err *e);
/* What a review confirmed, snoozed and agreed as actions, for its minutes. */
int store_review_confirmations(store *s, long long review, ap_confirmations *out, ap_err *e);
int store_review_snoozes(store *s, long long review, ap_snoozes *out, ap_err *e);
int store_review_actions(store *s, long long review, ap_actions *out, ap_err *e);
/* Say that the account's snooze of rule/question was set in the review. */
int store_review_snoozed(store *s, long long review, long long account, const char *rule, const char *question,
	ap_err *e);
/* A review as an export holds it, for import (inside the import's
 * transaction): its fields, participants and accounts with where each
 * stood; *id its new id. Decisions and confirmations of it follow; a
 * confirmation names the answer by question and day (the latest of that
 * day), AP_EINPUT when the account has none. Actions and snoozes made in
 * it are linked once it exists (kind REC_ACTION or REC_SNOOZE, by id). */
int store_review_put(store *s, const ap_review *r, const long long *members, size_t nmembers,
	const ap_review_account *accounts, size_t naccounts, long long *id, ap_err *e);
int store_review_decision_put(store *s, long long review, long long account, const char *text, const char *by,
	const char *at, ap_err *e);
int store_confirmation_put(store *s, long long review, long long account, const char *question,
	const char *answer_date, const char *by, const char *on, ap_err *e);
int store_review_link(store *s, enum rec_kind_id kind, long long id, long long review, ap_err *e);
/* Records of an account created or changed after the stamp since ("" or
 * NULL: ever), newest first. */
int store_account_changes(store *s, long long account, const char *since, ap_changes *out, ap_err *e);

enum store_takes { STORE_TAKES_CONTACT, STORE_TAKES_MEETING, STORE_TAKES_ACTION };
int store_member_takes_on(store *s, long long member, enum store_takes what, long long rec, ap_err *e);
/* How many members there are. */
int store_member_count(store *s, long long *n, ap_err *e);
/* Remove member id. Refused (AP_EINPUT) while it holds relationships or
 * attends planned meetings, unless reassign_to (> 0) takes them over, and
 * for the last member. if_version as store_rec_remove. *moved (may be
 * NULL) gets how many contacts changed hands. */
int store_member_remove(store *s, long long id, long long reassign_to, long long if_version, long *moved,
	ap_err *e);
/* The contact of an account named (any case; or the one whose name begins
 * so), else AP_EINPUT "unknown contact 'X' in this account" with the close
 * matches. */
int store_contact_find(store *s, long long account, const char *name, long long *id, ap_err *e);
/* Who of ours sat in a held meeting with whom at one account, and when
 * last: (contact, member, day) rows, by contact then member id. */
typedef struct store_met {
	long long contact, member;
	char day[11];
} store_met;
typedef AP_VEC(store_met) store_mets;
int store_account_mets(store *s, long long account, store_mets *out, ap_err *e);
/* Last touch: the day of a contact's latest held meeting (planned and
 * cancelled ones are nobody's touch), with whichever of ours: the same rows
 * with member 0, one a contact met, by contact id. */
typedef store_mets store_touches;
int store_last_touches(store *s, long long account, store_touches *out, ap_err *e);
/* The day contact was last met, "" for never. */
const char *store_touch_of(const store_touches *t, long long contact);
/* The attendees of a meeting just added, by id, in the order given (a bulk
 * load that knows them: no name is looked up). Who attends is otherwise
 * the meeting's with and ours, written by store_rec_add and _update. */
int store_meeting_attend(store *s, long long meeting, const long long *contacts, size_t ncontacts,
	const long long *members, size_t nmembers, ap_err *e);
/* Lines between contacts of one account (all: account 0), by id. */
int store_link_list(store *s, long long account, ap_links *out, ap_err *e);

/* One relationship a member holds: the contact and its account's name. */
typedef struct store_held {
	char *account;
	ap_contact c;
	char *last_touch;   /* the day of the contact's latest held meeting; "" for none */
} store_held;
typedef AP_VEC(store_held) store_helds;
void store_held_clear(store_held *h);
/* Every contact member id holds across the portfolio, deepest first, then
 * by account and contact name. */
int store_member_held(store *s, long long id, store_helds *out, ap_err *e);

/* Streaming every row of one kind over all accounts, for export: one query
 * per kind, in memory bounded by one row. Rows come by account name, then
 * account id (the order of the accounts stream), then as store_*_list gives
 * one account's rows, except meetings and notes, which come oldest first
 * (by id). Several cursors may be open at once and share one snapshot. */
enum store_rows {
	STORE_ROWS_ACCOUNTS,      /* ap_account */
	STORE_ROWS_ANSWERS,       /* ap_answer, every version, oldest first */
	STORE_ROWS_CONTACTS,      /* ap_contact */
	STORE_ROWS_COMPETITORS,   /* ap_competitor */
	STORE_ROWS_ENDCUSTOMERS,  /* ap_endcustomer */
	STORE_ROWS_MEETINGS,      /* ap_meeting */
	STORE_ROWS_NOTES,         /* ap_note */
	STORE_ROWS_SNOOZES,       /* ap_snooze */
	STORE_ROWS_DRIVERS,       /* ap_driver */
	STORE_ROWS_MEMBERS,       /* ap_member, by name (store_cursor_account: its own id) */
	STORE_ROWS_LINKS,         /* ap_link */
	STORE_ROWS_ACTIONS,       /* ap_action */
	STORE_ROWS_ORDERS,        /* ap_order */
	STORE_ROWS_EXCHANGES,     /* ap_exchange */
	STORE_ROWS_ADVOCACIES,    /* ap_advocacy */
	STORE_ROWS_COUNT
};
typedef struct store_cursor store_cursor;
/* Caller closes with store_cursor_close. */
int store_cursor_open(store *s, enum store_rows kind, store_cursor **out, ap_err *e);
/* Step to the next row: *row points to the cursor's struct of its kind (owned
 * by the cursor, valid until the next step or close), NULL after the last. */
int store_cursor_next(store_cursor *c, const void **row, ap_err *e);
/* Account of the current row (its own id for STORE_ROWS_ACCOUNTS). */
long long store_cursor_account(const store_cursor *c);
/* What the current row carries before its kind's fields, where a cursor
 * says it does (store_planned_open), valid until the next step; else NULL. */
const char *store_cursor_head(const store_cursor *c);
void store_cursor_close(store_cursor **c);
/* A cursor over the rows a listing gives, read as they are stepped, so a
 * listing of any length needs the memory of one row: kind k's records as
 * store_KIND_list gives them, of one account or with account 0 of all
 * (actions: of every status, as store_action_list). On PostgreSQL the
 * portfolio's rows come a chunk at a time inside a snapshot (else whole). */
int store_list_open(store *s, enum rec_kind_id k, long long account, store_cursor **out, ap_err *e);
/* The same for the actions a query finds, as store_action_list gives them. */
int store_action_open(store *s, const store_action_query *q, store_cursor **out, ap_err *e);
/* A cursor over the planned meetings of one account (0:
 * every one) that member attends (0: whoever does), and those cancelled
 * that were dated today (YYYY-MM-DD) or later, by date: ap_meetings, their
 * account's name store_cursor_head's. */
int store_planned_open(store *s, long long account, long long member, const char *today, store_cursor **out,
	ap_err *e);
/* One read snapshot around several cursors, so an export is consistent even
 * while another process writes. Inside a transaction it only nests. */
int store_snapshot_begin(store *s, ap_err *e);
void store_snapshot_end(store *s);
/* Bulk loading, for import, inside a transaction. While loading, records
 * are only added (store_rec_add and the like; an account there before may
 * be removed whole), and the search index is not written row by row:
 * store_bulk_end indexes what was added in a few statements, many times
 * faster (store_stream.c). store_bulk_note adds a note; unlike
 * store_note_add, every field of the note must be given: the store applies
 * no defaults here. While loading, the schema's CHECK constraints are not
 * evaluated: the caller must have checked every name it gives. On
 * PostgreSQL the rows go to the server in batches (COPY), sent before any
 * other statement (so each read costs a batch), and a duplicate name among
 * them fails when its batch goes, not at its row: the caller checks a
 * load's names against each other, and gives a contact's boss as
 * reports_to_id. */
int store_bulk_begin(store *s, ap_err *e);
/* Around a bulk load's transaction (called outside it): a SQLite store
 * that this store_open created, and that no other connection has open,
 * loads without the WAL, which wrote every page twice (into the WAL, then
 * into the file at the checkpoint) and was half an import's disk writes. A
 * rollback journal then keeps the load atomic as the WAL did: a crash
 * leaves the empty store it started from. Meanwhile another process that
 * opens the store waits for the load as for any writer, then sees it whole
 * (or "locked" after its busy timeout). store_bulk_fresh_end puts the WAL
 * back (a later open does so otherwise). Anything else: no change. */
void store_bulk_fresh(store *s);
void store_bulk_fresh_end(store *s);
int store_bulk_note(store *s, long long account, const ap_note *n, ap_err *e);
int store_bulk_end(store *s, ap_err *e);
/* Leave bulk loading after an error; the caller rolls the transaction back
 * (should it commit instead, what was loaded is indexed all the same). */
void store_bulk_abort(store *s);
/* Make contact `id` report to contact `boss` (of the same account) as a
 * backup records it: a link restored, not an edit, so the contact's version
 * and timestamps stay. For import, where a boss may come after the contact
 * in the file (or both are in a reports-to cycle). */
int store_bulk_boss(store *s, long long id, long long boss, ap_err *e);

/* A consistent copy of the live database at path, through SQLite's online
 * backup, written to a 0600 temporary file beside it and renamed into place
 * (outfile.h: a link's target is replaced). An existing path is replaced
 * when exists_hint is NULL, else refused with the hint at the end of the
 * message. The live database and its -wal and -shm are refused (AP_EINPUT),
 * as are a missing folder, a device, a FIFO and a descriptor (SQLite needs
 * a file); a failure or a signal leaves no file behind. Other processes may
 * keep writing meanwhile; their commits are in the copy or not, never half. */
int store_backup(store *s, const char *path, const char *exists_hint, ap_err *e);

/* The team's own definitions: one questions file and one rules file a team
 * loaded into the store (questions load, rules load), kept as written. */
typedef struct store_definition {
	char *body;        /* the INI text; NULL when the team has loaded none */
	char *source;      /* the file it was loaded from, as the loader named it */
	char *loaded_at;   /* YYYY-MM-DDTHH:MM:SSZ */
	char *loaded_by;
} store_definition;
/* Kind "questions" or "rules". Fills *out, the caller's to clear with
 * store_definition_clear; out->body stays NULL when there is none. */
int store_definition_get(store *s, const char *kind, store_definition *out, ap_err *e);
/* Replace kind's definition with d's body and source; d's loaded_at and
 * loaded_by when given (an import keeps them), else now and the store's
 * author. */
int store_definition_put(store *s, const char *kind, const store_definition *d, ap_err *e);
/* Remove it; *removed says whether there was one. */
int store_definition_remove(store *s, const char *kind, int *removed, ap_err *e);
void store_definition_clear(store_definition *d);

/* A number that changes when another connection (another process, or
 * another store_open in this one) commits to the database; this store's own
 * writes leave it as it is. Poll it to notice others' changes. */
int store_data_version(store *s, long long *v, ap_err *e);

#endif
