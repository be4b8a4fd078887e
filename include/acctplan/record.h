/* record.h - one description per record kind.
 *
 * Every record kind (account, answer, contact...) is a table of fields: the
 * struct member, its type, the SQL column, the JSON key, the CLI option, the
 * vocabulary and the limits. The store derives its column lists and SQL text
 * from it, export and import their JSON members, the model its destructors,
 * and the CLI, import and workbench their validation (rec_check). Adding a
 * field is one line here plus one schema migration. */
#ifndef ACCTPLAN_RECORD_H
#define ACCTPLAN_RECORD_H

#include <stddef.h>

#include "acctplan/model.h"

enum rec_type {
	RT_ID,      /* long long; 0 binds NULL */
	RT_INT,     /* long long */
	RT_TEXT,    /* char *, "" when not given */
	RT_ENUM,    /* int index into names; -1 when not recorded */
	RT_DATE,    /* char *, YYYY-MM-DD */
	RT_STAMP,   /* char *, YYYY-MM-DDTHH:MM:SSZ (ap_now_stamp) */
	RT_BOOL,    /* int, 0 or 1 */
	RT_REAL,    /* double, NaN when not given */
	RT_TAGS,    /* char *, words separated by one space; a JSON array */
	RT_NAMES,   /* char *, names of other records separated by '\n'; a JSON array */
};

/* Kept as a char * (the string types, lists included). */
int rec_is_string(enum rec_type t);
/* What separates the items of a list type (RT_TAGS, RT_NAMES); 0 for the others. */
char rec_list_sep(enum rec_type t);
/* An RT_NAMES list (NULL: none) as one line, the names separated by sep
 * (", "). Caller frees. */
char *rec_names_joined(const char *names, const char *sep);
/* The reverse for a line a person typed: split at commas, each name
 * trimmed, empty ones dropped. Caller frees. */
char *rec_names_split(const char *line);

enum rec_flag {
	RF_REQ = 1 << 0,       /* import: must be present */
	RF_NULL = 1 << 1,      /* null allowed; "", -1 and NaN are written as null */
	RF_MULTI = 1 << 2,     /* text may hold line breaks */
	RF_NONEMPTY = 1 << 3,  /* text must show something: not empty, not blanks only */
	RF_NAME = 1 << 4,      /* a record's name: one line, trimmed, not blank */
	RF_META = 1 << 5,      /* kept by the store (id, version, timestamps): never user input */
	RF_PARENT = 1 << 6,    /* the owning account's id: a column, not a JSON member */
	RF_NOWRITE = 1 << 7,   /* read from the store (sel), never written to it */
	RF_ARG = 1 << 8,       /* 'KIND add' takes it as its last argument (edit: as --KEY) */
	RF_MUST = 1 << 9,      /* 'KIND add' cannot do without it (no default) */
	RF_PERCENT = 1 << 10,  /* a number typed as a percent: may end in '%' */
	RF_KEY = 1 << 11,      /* with the parent, unique: adding the same key again replaces the rest */
	RF_HAPPENED = 1 << 12, /* a date something happened on: entered no later than tomorrow (rec_check_entry) */
	RF_EVIDENCE = 1 << 13, /* what an answer rests on: kept when it is re-confirmed (rec_evidence_keep) */
	RF_VIEW = 1 << 14,     /* read for listings across accounts (whose it is), never carried in documents */
	RF_SIGNED = 1 << 15,   /* a whole number that may be negative or zero (money: a credit note) */
	RF_OLD = 1 << 16,      /* a member older documents carry: import reads it, nothing stores or writes it
	                        * (the kind's port hook moves it where it now lives) */
};

typedef struct rec_field {
	const char *key;       /* JSON member; NULL: not in documents */
	const char *col;       /* SQL column; NULL: not stored */
	const char *sel;       /* SQL expression read instead of x.col (joins); NULL: x.col */
	enum rec_type type;
	unsigned flags;
	size_t off;            /* member of the record struct */
	const ap_names *names; /* RT_ENUM */
	int dflt;              /* RT_ENUM: value when absent; RT_BOOL: 0/1 */
	const char *label;     /* in messages and forms: "contact name", "title" */
	const char *opt;       /* CLI option without "--", NULL when positional or none */
} rec_field;

enum rec_kind_id {
	REC_ACCOUNT, REC_ANSWER, REC_CONTACT, REC_COMPETITOR, REC_ENDCUSTOMER,
	REC_MEETING, REC_NOTE, REC_SNOOZE, REC_DRIVER, REC_MEMBER, REC_LINK, REC_ACTION, REC_ORDER,
	REC_EXCHANGE, REC_ADVOCACY, REC_NKINDS
};

typedef struct rec_kind {
	enum rec_kind_id id;
	const char *name;      /* "end customer" */
	const char *family;    /* CLI command word: "endcustomer" */
	const char *table;     /* "end_customer" */
	const rec_field *fields;
	int nfields;
	size_t size;           /* of the record struct */
	int versioned;         /* carries ap_meta: edited in place with --if-version */
	/* One account's records in lists: JSON keys, "-" before a key for newest
	 * first, names compared case-folded; ties and NULL go by id. */
	const char *order;
	/* The columns of a listing (CLI and workbench), as JSON keys in order;
	 * NULL: the user fields in table order. */
	const char *list;
	/* The fields a workbench form asks for, in order; "!" after a key: the
	 * form wants it even where the command line has a default. */
	const char *form;
	/* Checks across fields (meeting: shared needs news). May be NULL. */
	int (*check)(const void *rec, ap_err *e);
	/* What follows, at the moment of entry, from the fields a person gave
	 * (bit i: field i) as of today (YYYY-MM-DD): a meeting dated ahead is
	 * planned, and one that lies ahead cannot have been held. how is an
	 * enum rec_naming (declared below). May be NULL.
	 * The CLI's add and edit and the workbench's forms call it before rec_check. */
	int (*settle)(void *rec, unsigned long long given, const char *today, int how, ap_err *e);
} rec_kind;

/* A meeting's status as people read it: "to confirm" for one planned whose
 * day has passed (today: YYYY-MM-DD), else the status's name. */
const char *rec_meeting_status(const ap_meeting *m, const char *today);

/* A member whose function was not said (-1) gets their tier's
 * (ap_function_of_tier): add, the workbench's form, and import of a
 * document written before members had one. */
void rec_member_function_default(ap_member *m);

extern const rec_kind rec_kinds[REC_NKINDS];

/* Field named key (JSON key), or NULL. */
const rec_field *rec_field_by_key(const rec_kind *k, const char *key);
/* Pointer to the member f describes in rec. */
void *rec_slot(const rec_field *f, void *rec);
const void *rec_cslot(const rec_field *f, const void *rec);

/* The fields a spec names (JSON keys separated by blanks, as list and
 * form are), in its order, into out (room for max); returns how many.
 * Bit i of *marked (may be NULL) is set when key i ends with '!'. A key
 * that is not a field is a bug in the tables: it aborts. */
int rec_pick(const rec_kind *k, const char *spec, const rec_field **out, unsigned *marked, int max);

/* Free the strings of rec and reset them to NULL. */
void rec_clear(const rec_kind *k, void *rec);
/* Fill the members the caller left unset (NULL strings, zeroed enums that
 * have another default) with their defaults, as add does. */
void rec_defaults(const rec_kind *k, void *rec);

/* How a field is named in a message. */
enum rec_naming {
	REC_BY_LABEL,   /* "contact name", "title" (workbench forms) */
	REC_BY_OPTION,  /* "--title", the label for fields without an option (CLI) */
};
/* What a field is called in a message. */
const char *rec_field_what(const rec_field *f, enum rec_naming how, char *buf, size_t size);

/* A number typed as the whole of s (an option, a workbench prompt): finite,
 * and for a percent (RF_PERCENT) optionally ending in '%'. AP_EINPUT naming
 * `what` otherwise. The one reading of a typed number. */
int rec_parse_real(const char *what, const char *s, int percent, double *out, ap_err *e);
/* One field as every writer checks it: UTF-8, length, controls, names
 * trimmed and not blank, non-empty where required. `what` names it. */
int rec_check_field(const rec_field *f, const void *rec, const char *what, ap_err *e);
/* A field as a user enters it now (a command-line option, a workbench
 * form): rec_check_field, then what holds only at the moment of entry: an
 * RF_HAPPENED date may not lie ahead of today (ap_date_check_not_ahead).
 * Import restores what was stored when it was valid and checks with
 * rec_check_field alone; so does an edit for the fields it leaves as they were. */
int rec_check_entry(const rec_field *f, const void *rec, const char *what, ap_err *e);
/* Every user field of rec, then the kind's own checks. The one validation
 * the CLI, import and the workbench share. */
int rec_check(const rec_kind *k, const void *rec, enum rec_naming how, ap_err *e);

/* Evidence (RF_EVIDENCE: an answer's source and confidence) the writer
 * leaves out is decided where the answer it supersedes is known: saying
 * the same again (the RF_ARG text unchanged) re-confirms that answer and
 * keeps what it rests on -- saying it again does not turn desk research
 * into what a customer said -- while a new text starts from the defaults.
 * rec_evidence_unset marks the fields not given (bit i: field i) as left
 * out (-1), after rec_check has seen their defaults; rec_evidence_left
 * says whether any is; rec_evidence_keep fills them from old (NULL: no
 * answer before) or with their defaults. */
void rec_evidence_unset(const rec_kind *k, void *rec, unsigned long long given);
int rec_evidence_left(const rec_kind *k, const void *rec);
void rec_evidence_keep(const rec_kind *k, void *rec, const void *old);

/* Repair what an earlier release stored but rec_check now refuses, where it
 * can be done without losing meaning: trim blanks off names, strip control
 * characters (line breaks kept where the field allows them), replace bytes
 * that are not UTF-8 by '?' and cut a text over AP_TEXT_MAX.
 * Appends one line per repair to *log (may be NULL), naming `where` and the
 * field; returns how many fields were changed. */
int rec_repair(const rec_kind *k, void *rec, const char *where, ap_buf *log);
/* The same for one text, in place (a realloc'd string); 1 when it changed. */
int rec_repair_text(char **s, int name, int multiline);

/* The current time as the client sees it, "YYYY-MM-DDTHH:MM:SSZ" (UTC):
 * ACCTPLAN_NOW when set (tests pin it), else ACCTPLAN_TODAY at midnight,
 * else the clock. Never the database's clock. */
void ap_now_stamp(char out[21]);
/* A stamp as ap_now_stamp writes them, else AP_EINPUT naming `what`. */
int rec_check_stamp(const char *what, const char *s, ap_err *e);
/* A malformed ACCTPLAN_NOW is refused (AP_EINPUT) rather than replaced by
 * the clock unsaid; unset or empty is fine. */
int ap_now_check(ap_err *e);

/* Clear what the store keeps of its own (id, version, timestamps, author,
 * the answer superseded), so rec is added as a new record is. */
void rec_clear_meta(const rec_kind *k, void *rec);

/* What the store keeps of its own that listings show: the record's id, its
 * version (NULL for a kind that is not versioned) and the record it
 * supersedes (NULL but for answers). */
const rec_field *rec_id_field(const rec_kind *k);
const rec_field *rec_version_field(const rec_kind *k);
const rec_field *rec_replaces_field(const rec_kind *k);

#endif
