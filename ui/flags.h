/* flags.h - what the screen needs to know about rule flags: per-account
 * summaries cached by account id (so the account list evaluates only the
 * accounts it shows, a screen of them at once), and the status mark of a
 * question derived from the kinds of the flags on it. */
#ifndef UI_FLAGS_H
#define UI_FLAGS_H

#include <stddef.h>

#include "acctplan/rules.h"

struct app;

/* Open (not snoozed) flags of one account, counted. */
struct fc_summary {
	long long id;
	unsigned short sev[SEVERITY_COUNT];
	unsigned short tier[TIER_COUNT];
	unsigned short total;
	signed char worst;       /* enum ap_severity, -1 when no flag */
	unsigned char valid;     /* 0: never evaluated, or forgotten after a write */
};

/* Open-addressing table of summaries by account id. */
struct fc_cache {
	struct fc_summary *slot;
	size_t cap, used;
	/* Accounts with open flags per tier, sorted by id, for the tier filter;
	 * filled by one portfolio evaluation when first needed. */
	long long *tier_ids[TIER_COUNT];
	size_t tier_n[TIER_COUNT];
	int tier_ready;
};

void fc_init(struct fc_cache *c);
void fc_free(struct fc_cache *c);
/* Evaluate the accounts ids[0, n) in one go and cache their summaries; -1
 * (message set) when the evaluation failed. */
int fc_fill(struct app *a, const long long *ids, size_t n);
/* The cached summary of account id, NULL when it must be evaluated first. */
const struct fc_summary *fc_peek(struct fc_cache *c, long long id);
/* Count flags (the open ones) into *s. */
void fc_summarize(const rule_flags *flags, struct fc_summary *s);
/* Store the summary of flags already evaluated for account id. */
void fc_put(struct fc_cache *c, long long id, const rule_flags *flags);
/* After a write to account id: its summary and the tier lists are stale. */
void fc_forget(struct fc_cache *c, long long id);
/* Forget everything (another process may have changed the store). */
void fc_forget_all(struct fc_cache *c);
/* Whether account id has open flags for tier, from a portfolio evaluation
 * done once (and again after writes). -1 when the evaluation failed. */
int fc_has_tier_flags(struct app *a, long long id, int tier);
/* The sorted ids of accounts with open flags for tier; NULL on failure. */
const long long *fc_tier_accounts(struct app *a, int tier, size_t *n);

/* Status marks of a question row. */
#define UI_MARK_TABLE(X) \
	X(MARK_ANSWERED, "answered", "+") X(MARK_RISK, "risk signal", "!") \
	X(MARK_WEAK, "weak evidence", "?") X(MARK_STALE, "stale", "~") \
	X(MARK_UNANSWERED, "unanswered", "-") X(MARK_BLOCKED, "blocked by another question", "#")
#define UI_MARK_ENUM_(id, name, glyph) id,
enum ui_mark { UI_MARK_TABLE(UI_MARK_ENUM_) MARK_COUNT };
#undef UI_MARK_ENUM_

/* The mark of question qid given the account's flags and whether it has an
 * answer: a blocked question shows blocked, then unanswered, stale, weak,
 * risk, answered. */
int ui_mark(const rule_flags *f, const char *qid, int answered);
const char *ui_mark_glyph(int mark);
const char *ui_mark_name(int mark);
int ui_mark_elem(int mark);
/* Summary of flags (tier -1: all) as "2 critical, 1 high" into buf; "no open flags" when none. */
const char *ui_flag_text(const struct fc_summary *s, char *buf, size_t n);

/* What to do about flag f, in the workbench's keys when its hint is a
 * command (hint_argv) the workbench has a view for ("o: org map, where a adds a
 * contact with the role"); else its own hint. May use buf. */
const char *ui_flag_hint(const rule_flag *f, char *buf, size_t n);
/* A flag as one or more lines: its severity, message and hint, and for a
 * snoozed flag who snoozed it until when and why, wrapped in at most
 * maxlines lines of w columns. Returns the lines used. */
int ui_draw_flag(const rule_flag *f, int y, int x, int w, int maxlines);

#endif
