/* qbank.h - the "know your customer" questions each tier should be able to answer.
 * Defaults come from assets/questions.ini; a user's file adds questions or
 * overrides any key of an existing one. */
#ifndef ACCTPLAN_QBANK_H
#define ACCTPLAN_QBANK_H

#include "acctplan/ini.h"
#include "acctplan/util.h"

enum qb_type { QB_TEXT, QB_CHOICE };
/* Their names, "text" and "choice", as question files spell them. */
extern const ap_names qb_types;

/* Groups of questions that belong to a view of their own rather than to the
 * tier panes: "canvas", the customer's business model canvas (canvas.h). A
 * grouped question is answered like any other but is left out of the tier
 * panes, the tier lists of 'account show', the brief's and the portfolio's
 * counts, and the rules that name no questions (see rules.ini). */
#define QB_GROUP_TABLE(X) X(QB_GROUP_NONE, "none") X(QB_GROUP_CANVAS, "canvas")
#define QB_GROUP_ENUM_(id, name) id,
enum qb_group { QB_GROUP_TABLE(QB_GROUP_ENUM_) QB_GROUP_COUNT };
#undef QB_GROUP_ENUM_
/* Their names, as the `group` key spells them; "none" (the default) takes a
 * question out of the group an earlier layer gave it. */
extern const ap_names qb_groups;

typedef struct qb_question {
	char *id;        /* stable, lowercase: "end_customers" */
	int tier;
	int type;
	int order;       /* position within the tier */
	int group;       /* enum qb_group; QB_GROUP_NONE: one of the tier panes' questions */
	char *label;     /* short, for panes: "End customers" */
	char *text;      /* the question itself */
	char *help;      /* one line on why it matters or how to find out */
	char **options;  /* choice answers */
	int noptions;
	char *origin;    /* the layer that defined it last: "default", "team", "yours" */
} qb_question;

typedef struct qbank {
	qb_question *q;  /* sorted by tier, order, id */
	size_t n;
} qbank;

/* Load defaults, then layer user_path (may be NULL) on top. On error *qb is
 * left empty and *e says "FILE:LINE: ...". Caller frees with qbank_free. */
int qbank_load(qbank *qb, const char *defaults_path, const char *user_path, ap_err *e);
/* The same from layers in order (defaults, the team's, the user's): each
 * adds questions or overrides keys of earlier ones. */
int qbank_load_sources(qbank *qb, const ini_source *src, size_t n, ap_err *e);
void qbank_free(qbank *qb);
const qb_question *qbank_find(const qbank *qb, const char *id);
/* Find or fail with "unknown question 'x'" (AP_EINPUT). */
const qb_question *qbank_lookup(const qbank *qb, const char *id, ap_err *e);
/* Index of value among a choice question's options, -1 if not one of them.
 * Options are matched as names are (ap_name_key: any case, NFC, invisible
 * characters ignored), blanks around value ignored: "Growing" is "growing".
 * The one place that decides what a typed choice means (answers, rules). */
int qbank_option(const qb_question *q, const char *value);
/* Whether q is one of its tier's own questions, shown in the tier panes and
 * counted per tier: it belongs to no group. */
static inline int qbank_in_tier(const qb_question *q, int tier) { return q->tier == tier && q->group == QB_GROUP_NONE; }
/* Check an answer for q: a choice must be one of its options. */
int qbank_check_answer(const qb_question *q, const char *value, ap_err *e);
/* qbank_check_answer, then a choice in the bank's spelling: *value (a
 * malloc'd string) is replaced by the option it matched, so "Growing" is
 * stored as "growing". What the CLI, import and workbench store. */
int qbank_answer(const qb_question *q, char **value, ap_err *e);

#endif
