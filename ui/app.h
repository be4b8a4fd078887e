/* app.h - the workbench's state shared by every view, and the services the
 * run loop (ui.c) offers them: the view stack, messages, the current
 * account, writes that survive a locked database, and key input. */
#ifndef UI_APP_H
#define UI_APP_H

#include <stddef.h>

#include "acctplan/config.h"
#include "acctplan/qbank.h"
#include "acctplan/reciprocity.h"
#include "acctplan/rules.h"
#include "acctplan/store.h"
#include "flags.h"
#include "keymap.h"
#include "view.h"

#define UI_MAX_VIEWS 16
/* Below this the screen shows only "terminal too small". */
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 12

/* Both sides of a conflict, as the conflict screen (conflict.c) shows them. */
struct ui_sides {
	ap_buf theirs, mine;        /* what differs: their version and yours (a record's fields by label) */
	char *their_text, *my_text; /* the text a merge in $EDITOR works on (owned) */
	char who[128], when[64];    /* who wrote theirs, and when */
};

/* What a kept edit offers the conflict screen; given to ui_write_edit. */
struct ui_edit_ops {
	/* Point data at the record as it is now, so the write saves on top of
	 * the other change (the version or current answer id it has now). */
	int (*rebase)(struct app *a, void *data, ap_err *e);
	/* Both sides from the store now; AP_EINPUT when the record or its
	 * account is gone (then only the text typed can be rescued). */
	int (*sides)(struct app *a, void *data, struct ui_sides *out, ap_err *e);
	/* Make text (taken) the merged text mine saves, checked as the form
	 * checks it; with e and nothing changed when it is refused. */
	int (*merged)(struct app *a, void *data, char *text, ap_err *e);
	/* Everything typed, for a note or a file to keep (caller frees). */
	char *(*typed)(struct app *a, void *data);
};

/* One write the store refused, kept to be saved again: the database was
 * locked, or (conflict) the record changed or went since the screen read
 * it. account is the account the write was typed for: it is never saved
 * into another one. */
struct ui_pending {
	char what[160];
	long long account;
	int (*fn)(struct app *a, void *data, ap_err *e);
	void *data;
	void (*free_data)(void *data);
	/* NULL for writes that are not conditional. */
	const struct ui_edit_ops *ops;
	int conflict;
};

/* The last mouse event, valid after ui_getkey returned KEY_FN + KEY_MOUSE. */
struct ui_mouse {
	int y, x;
	int click;     /* 1: button 1 press or click */
	int wheel;     /* -1 up, +1 down, 0 none */
};

struct app {
	ap_config cfg;
	store *st;
	qbank qb;
	rules *rules;
	unsigned long long defs_digest;   /* of the team's definitions qb and rules hold (defs_digest) */
	char *db_name;            /* for the status line: the database file's base
	                           * name, or a URL's user@host/db (no password) */
	long today;
	size_t my_overdue;   /* the acting member's open actions past their day (ui_set_account) */

	/* The current account: the main screen's selection, the subject of the
	 * account views. acct.id is 0 when there is none. */
	ap_account acct;
	ap_answers answers;       /* its current answers */
	rule_flags flags;         /* its flags, most severe first, the snoozed ones marked */
	reciprocity give_take;    /* its gives and takes of the twelve months */
	struct fc_cache fc;       /* flag summaries of the accounts seen */

	struct view *stack[UI_MAX_VIEWS];
	int depth;
	char msg[1400];           /* status line message until the next key */
	int msg_elem;
	struct ui_pending pending;
	struct ui_mouse mouse;
	int rows, cols;
	int quit;
	int status;               /* the exit status: AP_EINPUT after a bad key script */
	struct replay *replay;    /* scripted keys (--keys FILE), or NULL */
	long long live_version;   /* the store's data version last reloaded (live.c) */
	int live_known;           /* live_version was read */
	long long review;         /* the review the workbench walks (view_review.c); 0: none */
};

/* ---- view stack ---- */
/* Open a view on top; NULL (and a message) when it cannot be loaded. */
struct view *ui_push(struct app *a, const struct view_ops *ops, int arg);
/* Close the top view (never the main screen). */
void ui_pop(struct app *a);
struct view *ui_top(struct app *a);

/* ---- messages ---- */
void ui_message(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct app *a, const ap_err *e);

/* ---- current account ---- */
/* Make account id current (0: none) and load its answers and flags. */
void ui_set_account(struct app *a, long long id);
/* Reload the current account and every open view after data changed. */
void ui_refresh(struct app *a);
/* The questions and rules in force built anew from the defaults, the
 * team's in st (NULL: before the store is open) and the user's, into *qb
 * and *rs (the caller frees them); the app's own are not touched. */
int ui_defs_build(struct app *a, store *st, qbank *qb, rules **rs, ap_err *e);
/* The current answer to question id, or NULL. */
const ap_answer *ui_answer(const struct app *a, const char *qid);
/* Make account id current on the main screen and close the views above it;
 * tier >= 0 focuses that tier's pane and, with qid, selects the question. */
void ui_jump(struct app *a, long long id, int tier, const char *qid);

/* ---- writes ----
 * Run fn(a, data) as one user action. On success the account's flags are
 * evaluated again and the views reloaded. When the store is busy or locked
 * the write is kept (ownership of data passes to the app) and the status line
 * says so until `retry` saves it; otherwise free_data(data) is called.
 * Returns the store's status. */
int ui_write(struct app *a, long long account, const char *what,
	int (*fn)(struct app *a, void *data, ap_err *e), void *data, void (*free_data)(void *data));
/* The same for an edit conditional on the version the screen showed: when
 * the store answers AP_ECONFLICT (someone changed or removed the record
 * since, or removed its account), nothing was written and the edit is kept
 * too, with the store's message; `retry` then opens the conflict screen
 * (conflict.c). Other writes go on meanwhile. */
int ui_write_edit(struct app *a, long long account, const char *what,
	int (*fn)(struct app *a, void *data, ap_err *e), void *data, void (*free_data)(void *data),
	const struct ui_edit_ops *ops);
/* Forget the kept write (the user dropped it, or it was saved elsewhere). */
void ui_pending_drop(struct app *a);
/* "HEAD: WHY; WHAT kept, R decides" on the status line, as an error. */
void ui_kept_message(struct app *a, const char *head, const char *why);
/* Save the kept write again (after a conflict: decide what becomes of it). */
void ui_retry(struct app *a);

/* ---- keys and drawing ---- */
/* The next key (see keymap.h for the encoding); KEY_FN + KEY_RESIZE after a
 * resize, which the caller answers by drawing again. Quits on a signal. */
int ui_getkey(struct app *a);
/* ui_getkey's answer when the workbench must stop (signal, end of a key
 * script, terminal gone): prompts cancel, the run loop quits. */
#define UI_KEY_QUIT (KEY_FN + 0xFFFF)
/* Draw the whole frame (the stack, the status line) into stdscr... */
void ui_paint(struct app *a);
/* ...and push it to the terminal in one update. */
void ui_flush(struct app *a);
/* Both. */
void ui_draw(struct app *a);
/* Title bar on row 0. */
void ui_draw_title(struct app *a, const char *text);
/* The status line on the last row: database, flag summary, then the message
 * or the keys of the focused view. */
void ui_draw_status(struct app *a);
/* The message on row y from column x; one too long for the rest of the row
 * is shown whole, wrapped over the rows above y and y. Returns its rows. */
int ui_draw_message(struct app *a, int y, int x);
/* Actions every view shares (views, note, search, help, quit...); 1 when used. */
int ui_global_action(struct app *a, int action);
/* Whether the terminal is large enough to draw the workbench. */
int ui_fits(const struct app *a);

#endif
