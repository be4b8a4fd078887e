/* model.h - the vocabulary of an account plan and the structs the store fills.
 * Each enumeration is declared once as a table; its names parse, print and
 * appear in help and CHECK constraints from that one place. */
#ifndef ACCTPLAN_MODEL_H
#define ACCTPLAN_MODEL_H

#include "acctplan/util.h"

#define AP_TIER_TABLE(X) X(TIER_SALES, "sales") X(TIER_PRODUCT, "product") X(TIER_EXEC, "executive")
/* What a member does beside their tier: who of ours owns the customer has
 * many answers, and an account no one from product management touches is
 * worth knowing. */
#define AP_FUNCTION_TABLE(X) \
	X(FUNC_SALES, "sales") X(FUNC_FIELD_MARKETING, "field-marketing") X(FUNC_CHANNEL, "channel") \
	X(FUNC_PRODUCT_MANAGEMENT, "product-management") X(FUNC_PRODUCT_MARKETING, "product-marketing") \
	X(FUNC_CUSTOMER_REFERENCE, "customer-reference") X(FUNC_SUPPORT, "support") X(FUNC_EXECUTIVE, "executive") \
	X(FUNC_OTHER, "other")
#define AP_SOURCE_TABLE(X) \
	X(SRC_CONVERSATION, "conversation") X(SRC_MEETING, "meeting") X(SRC_DOCUMENT, "document") \
	X(SRC_RESEARCH, "research") X(SRC_ASSUMPTION, "assumption")
#define AP_CONFIDENCE_TABLE(X) X(CONF_LOW, "low") X(CONF_MEDIUM, "medium") X(CONF_HIGH, "high")
#define AP_ROLE_TABLE(X) \
	X(ROLE_DECISION_MAKER, "decision-maker") X(ROLE_PO_ISSUER, "po-issuer") \
	X(ROLE_PAYMENT_RELEASER, "payment-releaser") X(ROLE_CHAMPION, "champion") \
	X(ROLE_INFLUENCER, "influencer") X(ROLE_BLOCKER, "blocker") X(ROLE_USER, "user")
#define AP_SEGMENT_TABLE(X) X(SEG_KEY, "key") X(SEG_STRATEGIC, "strategic") X(SEG_GROWTH, "growth") X(SEG_OTHER, "other")
#define AP_SEVERITY_TABLE(X) X(SEV_INFO, "info") X(SEV_WARN, "warn") X(SEV_HIGH, "high") X(SEV_CRITICAL, "critical")
#define AP_TREND_TABLE(X) X(TREND_GROWING, "growing") X(TREND_FLAT, "flat") X(TREND_SHRINKING, "shrinking")
#define AP_MEETKIND_TABLE(X) X(MEET_STRATEGIC, "strategic") X(MEET_TACTICAL, "tactical")
#define AP_NEWS_TABLE(X) X(NEWS_GOOD, "good") X(NEWS_BAD, "bad") X(NEWS_NONE, "none")
#define AP_FORMAT_TABLE(X) X(FMT_TEXT, "text") X(FMT_JSON, "json") X(FMT_CSV, "csv")
/* How a contact sees us, shallowest first: the order is the depth. */
#define AP_LEVEL_TABLE(X) \
	X(LEVEL_UNKNOWN, "unknown") X(LEVEL_VENDOR, "vendor") X(LEVEL_CREDIBLE, "credible") \
	X(LEVEL_PROBLEM_SOLVER, "problem-solver") X(LEVEL_TRUSTED_ADVISOR, "trusted-advisor")
/* How a contact feels about us, warmest first; independent of the buying role. */
#define AP_STANCE_TABLE(X) \
	X(STANCE_ADVOCATE, "advocate") X(STANCE_SUPPORTER, "supporter") X(STANCE_NEUTRAL, "neutral") \
	X(STANCE_SKEPTIC, "skeptic") X(STANCE_OPPONENT, "opponent") X(STANCE_UNKNOWN, "unknown")
#define AP_INFLUENCE_TABLE(X) X(INFLUENCE_HIGH, "high") X(INFLUENCE_MEDIUM, "medium") X(INFLUENCE_LOW, "low")
/* Lines between two contacts beyond reports-to: A influences B (one way);
 * informal ties and rivalries go both ways. */
#define AP_LINK_TABLE(X) X(LINK_INFLUENCES, "influences") X(LINK_INFORMAL, "informal") X(LINK_RIVALS, "rivals")
#define AP_MSTATUS_TABLE(X) X(MSTATUS_PLANNED, "planned") X(MSTATUS_HELD, "held") X(MSTATUS_CANCELLED, "cancelled")
/* Where an action stands: open until done or dropped, either of which closes it. */
#define AP_ASTATUS_TABLE(X) X(ASTATUS_OPEN, "open") X(ASTATUS_DONE, "done") X(ASTATUS_DROPPED, "dropped")
/* A review is open until its last account is seen; each of its accounts is
 * pending until reviewed or skipped. */
#define AP_RSTATUS_TABLE(X) X(RSTATUS_OPEN, "open") X(RSTATUS_CLOSED, "closed")
#define AP_RSTATE_TABLE(X) X(RSTATE_PENDING, "pending") X(RSTATE_REVIEWED, "reviewed") X(RSTATE_SKIPPED, "skipped")
/* The give and take of a relationship: what we do for the customer's
 * success, and what the customer gives back. */
#define AP_XDIR_TABLE(X) X(XDIR_GIVE, "give") X(XDIR_TAKE, "take")
/* What was given or taken, with the directions it belongs to (XSIDE_*):
 * an introduction goes either way, a forecast only comes from the customer. */
#define XSIDE_GIVE (1u << XDIR_GIVE)
#define XSIDE_TAKE (1u << XDIR_TAKE)
#define AP_XKIND_TABLE(X) \
	X(XKIND_INSIGHT, "insight", XSIDE_GIVE) X(XKIND_INTRODUCTION, "introduction", XSIDE_GIVE | XSIDE_TAKE) \
	X(XKIND_CODEV, "co-development", XSIDE_GIVE) X(XKIND_SUPPORT, "support", XSIDE_GIVE) \
	X(XKIND_TRAINING, "training", XSIDE_GIVE) X(XKIND_REFERENCE, "reference", XSIDE_TAKE) \
	X(XKIND_FEEDBACK, "feedback", XSIDE_TAKE) X(XKIND_CASE_STUDY, "case-study", XSIDE_TAKE) \
	X(XKIND_FORECAST, "forecast", XSIDE_TAKE) X(XKIND_OTHER, "other", XSIDE_GIVE | XSIDE_TAKE)
/* How a customer speaks for us. */
#define AP_ADVKIND_TABLE(X) \
	X(ADV_REFERENCE_CALL, "reference-call") X(ADV_CASE_STUDY, "case-study") X(ADV_EVENT_TALK, "event-talk") \
	X(ADV_PRESS, "press") X(ADV_ANALYST, "analyst") X(ADV_ADVISORY_BOARD, "advisory-board") \
	X(ADV_CODEV, "co-development")

#define AP_ENUM_(id, name) id,
enum ap_tier { AP_TIER_TABLE(AP_ENUM_) TIER_COUNT };
enum ap_function { AP_FUNCTION_TABLE(AP_ENUM_) FUNCTION_COUNT };
enum ap_source { AP_SOURCE_TABLE(AP_ENUM_) SOURCE_COUNT };
enum ap_confidence { AP_CONFIDENCE_TABLE(AP_ENUM_) CONFIDENCE_COUNT };
enum ap_role { AP_ROLE_TABLE(AP_ENUM_) ROLE_COUNT };
enum ap_segment { AP_SEGMENT_TABLE(AP_ENUM_) SEGMENT_COUNT };
enum ap_severity { AP_SEVERITY_TABLE(AP_ENUM_) SEVERITY_COUNT };
enum ap_trend { AP_TREND_TABLE(AP_ENUM_) TREND_COUNT };
enum ap_meetkind { AP_MEETKIND_TABLE(AP_ENUM_) MEETKIND_COUNT };
enum ap_news { AP_NEWS_TABLE(AP_ENUM_) NEWS_COUNT };
enum ap_format { AP_FORMAT_TABLE(AP_ENUM_) FORMAT_COUNT };
enum ap_level { AP_LEVEL_TABLE(AP_ENUM_) LEVEL_COUNT };
enum ap_stance { AP_STANCE_TABLE(AP_ENUM_) STANCE_COUNT };
enum ap_influence { AP_INFLUENCE_TABLE(AP_ENUM_) INFLUENCE_COUNT };
enum ap_mstatus { AP_MSTATUS_TABLE(AP_ENUM_) MSTATUS_COUNT };
enum ap_linkkind { AP_LINK_TABLE(AP_ENUM_) LINKKIND_COUNT };
enum ap_astatus { AP_ASTATUS_TABLE(AP_ENUM_) ASTATUS_COUNT };
enum ap_rstatus { AP_RSTATUS_TABLE(AP_ENUM_) RSTATUS_COUNT };
enum ap_rstate { AP_RSTATE_TABLE(AP_ENUM_) RSTATE_COUNT };
enum ap_xdir { AP_XDIR_TABLE(AP_ENUM_) XDIR_COUNT };
enum ap_advkind { AP_ADVKIND_TABLE(AP_ENUM_) ADVKIND_COUNT };
#undef AP_ENUM_
#define AP_ENUM3_(id, name, sides) id,
enum ap_xkind { AP_XKIND_TABLE(AP_ENUM3_) XKIND_COUNT };
#undef AP_ENUM3_

extern const ap_names ap_tiers, ap_functions, ap_sources, ap_confidences, ap_roles, ap_segments,
	ap_severities, ap_trends, ap_meetkinds, ap_news, ap_formats, ap_levels, ap_stances, ap_influences,
	ap_mstatuses, ap_linkkinds, ap_astatuses, ap_rstatuses, ap_rstates, ap_xdirs, ap_xkinds, ap_advkinds;
/* The directions (XSIDE_*) each exchange kind belongs to, by enum ap_xkind. */
extern const unsigned ap_xkind_sides[XKIND_COUNT];

/* The function a member of tier `tier` has when none was said: a member
 * added or exported before functions existed, or added without one. The
 * tier names the function it stands for (sales, product management, the
 * executive); FUNC_OTHER for a tier it cannot read. */
int ap_function_of_tier(int tier);

/* Display label of a tier: "Sales", "Product", "Executive". */
const char *ap_tier_label(int tier);

/* What the store keeps about every editable record (record.h: RF_META):
 * version counts its changes from 1, the timestamps are the client's
 * (ap_now_stamp), updated_by the author of the last change as written then.
 * version comes first: the record tables reach the whole struct through it. */
typedef struct ap_meta {
	long long version;
	char *created_at, *updated_at, *updated_by;
} ap_meta;

/* Rows as the store returns them. Strings are owned by the struct; the
 * matching ap_*_clear releases them. Ids are the store's and never reused. */
typedef struct ap_account {
	ap_meta meta;
	long long id;
	char *name, *industry;
	int segment;
	char *created;   /* YYYY-MM-DD */
} ap_account;

typedef struct ap_answer {
	long long id, account_id;
	char *question, *value, *author, *date;
	int source, confidence;
	int versions;    /* how many answers exist for this question, this one included */
	long long replaces;  /* the answer this one superseded; 0 for the first */
	char *created_at;
} ap_answer;

typedef struct ap_contact {
	ap_meta meta;
	long long id, account_id;
	char *name, *title, *reports_to;  /* reports_to: name or "" */
	long long reports_to_id;          /* its id, resolved by the store */
	int role;        /* -1 when none */
	int tier;        /* our tier that holds the relationship (the owner's, when there is one) */
	char *owner;     /* the member who holds the relationship: name or "" */
	long long owner_id;               /* its id, resolved by the store */
	int level, stance;                /* ap_levels, ap_stances */
	int influence;   /* -1 when not known */
} ap_contact;

typedef struct ap_competitor {
	ap_meta meta;
	long long id, account_id;
	char *name, *differentiator;
} ap_competitor;

typedef struct ap_endcustomer {
	ap_meta meta;
	long long id, account_id;
	char *name, *industry, *ask;
	int trend;       /* -1 when unknown */
} ap_endcustomer;

typedef struct ap_meeting {
	ap_meta meta;
	long long id, account_id;
	int tier, kind, news, shared;
	int status;      /* ap_mstatuses: planned, held, cancelled */
	char *date, *summary, *objective, *outcome;
	char *with, *ours;   /* attendees, theirs (contacts) and ours (members): names, one a line */
} ap_meeting;

typedef struct ap_note {
	ap_meta meta;
	long long id, account_id;
	int tier;
	char *author, *date, *body, *tags;   /* tags: space separated */
} ap_note;

typedef struct ap_snooze {
	long long id, account_id;
	char *account, *rule, *question, *until, *reason, *created;
	char *by;        /* who snoozed it; "" when not recorded */
	long long review_id;   /* the review it was set in; 0 none */
} ap_snooze;

typedef struct ap_driver {
	ap_meta meta;
	long long id, account_id;
	char *metric, *metric_unit, *product_unit;
	/* The chain's steps, one a line, "FACTOR B per A" (demand.h). */
	char *steps;
	/* NaN marks a step the user has not given: the chain is not computed from zeros. */
	double value, growth, share;
	/* An older document's one step, read on import and moved into steps
	 * (demand_fold_old); never stored or written. */
	double old_factor;
	char *old_factor_unit;
} ap_driver;

/* Someone on our side. */
typedef struct ap_member {
	ap_meta meta;
	long long id;
	char *name, *email;
	int tier;
	int function;    /* ap_functions; -1 until said, then ap_function_of_tier (record.c) */
	int active;      /* 0: left or moved on; kept for the history that names them */
} ap_member;

/* A line between two contacts of one account. */
typedef struct ap_link {
	long long id, account_id;
	char *from, *to;              /* the contacts' names */
	long long from_id, to_id;     /* their ids, resolved by the store */
	int kind;                     /* ap_linkkinds */
} ap_link;

/* Work someone of ours owns on an account, by a day: often what answers a
 * flag (rule and question) or concerns one contact. */
typedef struct ap_action {
	ap_meta meta;
	long long id, account_id;
	char *title, *due;
	char *owner;                  /* the member's name; owner_id resolved by the store */
	long long owner_id;
	int status;                   /* ap_astatuses */
	int tier;                     /* whose work it is: -1 not said */
	char *flag;                   /* the flag it answers, RULE or RULE/QUESTION; "" none */
	char *contact;                /* the contact's name; contact_id resolved by the store */
	long long contact_id;
	char *outcome, *reason;       /* what done brought; why it was dropped */
	char *closed;                 /* the day it was done or dropped; "" while open */
	char *by;                     /* who created it */
	char *account;                /* the account's name, as read (not a field of its own) */
	long long review_id;          /* the review it was agreed in; 0 none */
} ap_action;

/* What the customer bought in a period: a month YYYY-MM or a quarter
 * YYYY-Qn, in integer minor units of an ISO 4217 currency (money.h), of
 * one product or none (""). Negative: a credit note. */
typedef struct ap_order {
	ap_meta meta;
	long long id, account_id;
	char *period, *product, *currency;
	long long amount;
	char *account;                /* the account's name, as read (not a field of its own) */
} ap_order;

/* One give or take of the relationship: what we did for the customer
 * (direction give) or what the customer gave us back (take), on a day
 * that has come, and the member of ours it went through (by). */
typedef struct ap_exchange {
	ap_meta meta;
	long long id, account_id;
	char *date;
	int direction;                /* ap_xdirs */
	int kind;                     /* ap_xkinds, one of the direction's (ap_xkind_sides) */
	char *by;                     /* the member's name, "" none; by_id resolved by the store */
	long long by_id;
	char *text;
	char *account;                /* the account's name, as read (not a field of its own) */
} ap_exchange;

/* A contact of the account speaking for us (a reference call, a talk...):
 * when, and until when they agreed to be named ("" not said). */
typedef struct ap_advocacy {
	ap_meta meta;
	long long id, account_id;
	int kind;                     /* ap_advkinds */
	char *contact;                /* the contact's name; contact_id resolved by the store */
	long long contact_id;
	char *date, *consent_until;
	char *text;
	char *account;                /* the account's name, as read (not a field of its own) */
	long long asked;              /* store_advocacy_find: how often its contact was asked lately */
} ap_advocacy;

/* An account review (review.h): who took part, what it covered, and how
 * far it got. Owned strings; ap_review_clear releases them. */
typedef struct ap_review {
	long long id;
	char *date;                   /* the day it began */
	int segment, tier;            /* its scope; -1: every segment, every tier */
	int status;                   /* ap_rstatuses */
	char *closed;                 /* the day its last account was seen; "" while open */
	char *by;                     /* who began it */
	char *with;                   /* the members taking part, one name a line */
	long long naccounts, nreviewed, nskipped;
} ap_review;

/* One account of a review, in the order it is walked. */
typedef struct ap_review_account {
	long long account_id;
	char *account;                /* its name as read; "" once it was removed */
	int state;                    /* ap_rstates */
	char *done_at, *done_by;      /* when and by whom reviewed or skipped; "" while pending */
} ap_review_account;

/* A decision taken on an account in a review: free text. */
typedef struct ap_decision {
	long long id, review_id, account_id;
	char *account, *text, *by, *at;   /* at: the stamp it was recorded */
	char *review_date;                /* the day its review began */
} ap_decision;

/* An answer someone confirmed still holds, in a review or not (review_id 0). */
typedef struct ap_confirmation {
	long long id, account_id, answer_id, review_id;
	char *account, *question, *value, *by, *on;
	char *answer_date;            /* the day of the answer confirmed */
} ap_confirmation;

/* A record of an account created or changed after a moment: what kind
 * (a record kind's family: "answer", "contact", ...), its stamp, whether it
 * is new, and a line saying what it is. */
typedef struct ap_change {
	char *kind, *at, *what;
	int created;
} ap_change;

void ap_order_clear(ap_order *o);
void ap_exchange_clear(ap_exchange *x);
void ap_advocacy_clear(ap_advocacy *v);
void ap_review_clear(ap_review *r);
void ap_review_account_clear(ap_review_account *a);
void ap_decision_clear(ap_decision *d);
void ap_confirmation_clear(ap_confirmation *c);
void ap_change_clear(ap_change *c);

void ap_account_clear(ap_account *a);
void ap_action_clear(ap_action *a);
void ap_link_clear(ap_link *l);
void ap_member_clear(ap_member *m);
void ap_answer_clear(ap_answer *a);
void ap_contact_clear(ap_contact *c);
void ap_competitor_clear(ap_competitor *c);
void ap_endcustomer_clear(ap_endcustomer *c);
void ap_meeting_clear(ap_meeting *m);
void ap_note_clear(ap_note *n);
void ap_snooze_clear(ap_snooze *s);
void ap_driver_clear(ap_driver *d);

/* A typed growable array; AP_VEC(ap_contact) v = {0}; ap_vec_push(&v) gives a zeroed slot. */
#define AP_VEC(T) struct { T *v; size_t n, cap; }
#define ap_vec_push(vec) \
	((vec)->n == (vec)->cap \
		? ((vec)->cap = (vec)->cap ? (vec)->cap * 2 : 16, \
		   (vec)->v = xrealloc((vec)->v, (vec)->cap * sizeof *(vec)->v), 0) : 0, \
	 memset(&(vec)->v[(vec)->n], 0, sizeof *(vec)->v), &(vec)->v[(vec)->n++])
#define ap_vec_free(vec, clear) do { \
	for (size_t i_ = 0; i_ < (vec)->n; i_++) clear(&(vec)->v[i_]); \
	free((vec)->v); (vec)->v = NULL; (vec)->n = (vec)->cap = 0; } while (0)

typedef AP_VEC(ap_account) ap_accounts;
typedef AP_VEC(ap_answer) ap_answers;
typedef AP_VEC(ap_contact) ap_contacts;
typedef AP_VEC(ap_competitor) ap_competitors;
typedef AP_VEC(ap_endcustomer) ap_endcustomers;
typedef AP_VEC(ap_meeting) ap_meetings;
typedef AP_VEC(ap_note) ap_notes;
typedef AP_VEC(ap_snooze) ap_snoozes;
typedef AP_VEC(ap_member) ap_members;
typedef AP_VEC(ap_link) ap_links;
typedef AP_VEC(ap_action) ap_actions;
typedef AP_VEC(ap_driver) ap_drivers;
typedef AP_VEC(ap_order) ap_orders;
typedef AP_VEC(ap_exchange) ap_exchanges;
typedef AP_VEC(ap_advocacy) ap_advocacies;
typedef AP_VEC(ap_review) ap_reviews;
typedef AP_VEC(ap_review_account) ap_review_accounts;
typedef AP_VEC(ap_decision) ap_decisions;
typedef AP_VEC(ap_confirmation) ap_confirmations;
typedef AP_VEC(ap_change) ap_changes;

#endif
