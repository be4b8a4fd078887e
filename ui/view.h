/* view.h - the engine every screen of the workbench plugs into.
 *
 * A view is a table of functions (struct view_ops) on a common engine that
 * owns the rows' scrolling and selection, the view stack, the title bar and
 * the status line. Most views are a list: they say how many rows they have
 * (open), draw one row (draw_row) and react to the actions they care about
 * (key); the engine does the rest. Composite screens (the main screen) draw
 * themselves (draw) and place plain list views as panes inside.
 *
 * Adding a view: write ui/view_<name>.c defining `const struct view_ops
 * view_<name>_ops`, declare it at the end of this header, and open it with
 * ui_push() from the key that shows it (see app.h, ui_global_action).
 * A view that lists, adds, edits or removes records does it through
 * recedit.h: columns and forms made from the record's table (its list and
 * form specs; the view gives widths and headings) and checked by it, edits
 * saved in place with the version shown (the id stays; another's change
 * meanwhile is never overwritten without asking). */
#ifndef UI_VIEW_H
#define UI_VIEW_H

#include <stddef.h>

#include "acctplan/qbank.h"
#include "acctplan/rules.h"
#include "acctplan/util.h"

struct app;
struct view;

enum view_flag {
	VIEW_OVERLAY = 1,      /* drawn over the view below it (help, popups) */
	VIEW_ACCOUNT = 2,      /* about the current account: needs one selected */
};

struct view_ops {
	const char *name;      /* "orgmap": help heading, replay dumps */
	unsigned flags;
	size_t priv_size;      /* bytes of private state, zeroed on open, freed on close */
	/* Load or reload the rows and set v->lines. Called on open, after every
	 * write and when the current account changes. */
	int (*open)(struct view *v, ap_err *e);
	/* Optional: make rows [first, first + n) ready before they are drawn, for
	 * views that only keep what is on screen. */
	void (*fetch)(struct view *v, size_t first, size_t n);
	/* Optional: draw the whole view; the default is view_draw_page(). */
	void (*draw)(struct view *v);
	/* Draw row `row` at screen row y in columns [x, x + w). */
	void (*draw_row)(struct view *v, size_t row, int y, int x, int w, int selected);
	/* Optional: column headings above the rows. */
	void (*draw_head)(struct view *v, int y, int x, int w);
	/* Optional: the area below the list, about the selected row. */
	void (*draw_detail)(struct view *v, int y, int x, int h, int w);
	/* Optional: title bar text ("Org map · Nordwind Logistik"). */
	void (*title)(struct view *v, char *buf, size_t n);
	/* Handle an action (key is the raw key); return 1 when used, 0 to let the
	 * engine try navigation and then the global actions. */
	int (*key)(struct view *v, int action, int key);
	/* Optional: the selection moved. */
	void (*select)(struct view *v);
	/* Optional: release what open allocated into priv. */
	void (*done)(struct view *v);
	/* Optional: a step of deferred work for what is on screen (flag counts of
	 * the rows shown), run between frames while no key waits; returns 1 when
	 * it did something (the frame is then drawn again), 0 when all is done. */
	int (*idle)(struct view *v);
	/* Optional: the id of the record on row `row`, so a reload after another
	 * process's change keeps that record selected wherever it now sorts. */
	long long (*row_id)(struct view *v, size_t row);
	/* Optional: the pane that has focus inside a composite view (its hints show). */
	struct view *(*focus)(struct view *v);
	/* Actions shown in the status line while this view has focus, ACT_NONE-ended. */
	const int *hints;
	/* What Enter does here, for the status line ("edit", "jump"). */
	const char *enter_hint;
};

struct view {
	const struct view_ops *ops;
	struct app *app;
	int arg;               /* set by the opener before open (e.g. the tier of a pane) */
	size_t lines;          /* rows of the list */
	size_t top, sel;       /* first row shown, selected row */
	int y, x, h, w;        /* where the rows are drawn, set by view_place */
	int focused;
	void *priv;
};

/* Allocate a view (not yet opened); view_free calls done and releases it. */
struct view *view_new(const struct view_ops *ops, struct app *a, int arg);
void view_free(struct view **v);
/* (Re)load through ops->open, keeping the selection in range. */
int view_reload(struct view *v, ap_err *e);
/* The id of the selected row's record (ops->row_id), 0 when there is none. */
long long view_selected_id(struct view *v);
/* Select the row of record id when the list still has it; 1 when it did. */
int view_select_id(struct view *v, long long id);
/* Give the rows an area of the screen. */
void view_place(struct view *v, int y, int x, int h, int w);
/* Draw the rows that fit the area, the selected one highlighted. */
void view_draw_rows(struct view *v);
/* The default full-screen page: title bar, optional headings, rows, detail. */
void view_draw_page(struct view *v);
/* Move the selection for a navigation action; 1 when the action was one. */
int view_move(struct view *v, int action);
/* Select row (clamped) and scroll it into sight. */
void view_select(struct view *v, size_t row);
/* Scroll the rows by delta without moving past the ends (mouse wheel). */
void view_scroll(struct view *v, long delta);
/* Select the row under screen position (y, x); 1 when it was inside the rows. */
int view_click(struct view *v, int y, int x);
/* Whether (y, x) is inside the view's area (header row above included). */
int view_contains(const struct view *v, int y, int x);
/* The selected row's index, or -1 when the list is empty. */
long view_selected(const struct view *v);
/* For views that are a page to read, not a list to choose from: the moving
 * keys scroll the page itself. 1 when action was one of them. */
int view_page_key(struct view *v, int action);
/* Text wrapped in at most room lines of w columns (detail areas); when it
 * needs more, the last line says how many more and which key reads it all
 * (view_read_open). Returns the lines drawn. */
int view_draw_text(int y, int x, int w, int room, const char *text, int elem);

/* Views of the workbench, one file each, with what they offer the others. */

/* view_main.c: the main screen; the panes below live inside it. */
extern const struct view_ops view_main_ops;
/* Select account id, focus the pane of tier (-1: the account list) and its question qid. */
void view_main_jump(struct view *main, long long id, int tier, const char *qid);
/* The question selected in the focused tier pane, NULL when the account list has focus. */
const qb_question *view_main_question(struct app *a);

/* view_accounts.c: the account list pane (filters, add, edit, remove). */
extern const struct view_ops view_accounts_ops;
/* " [segment key] [text 'x']": the filters in force, "" when none. */
void view_accounts_filters(struct view *v, char *buf, size_t n);
/* The current account's summary and account-wide flags, in the detail area. */
void view_accounts_detail(struct view *v, int y, int x, int h, int w);
/* Select account id, clearing filters that hide it. */
void view_accounts_show(struct view *v, long long id);

/* view_tier.c: a tier pane (arg = tier): the questions, answer editing. */
extern const struct view_ops view_tier_ops;
void view_tier_detail(struct view *v, int y, int x, int h, int w);
void view_tier_show(struct view *v, const char *qid);
const qb_question *view_tier_question(struct view *v);
/* Edit the current account's answer to q as the panes do: inline (a choice
 * picked, a line typed; an answer of several lines goes to the editor) or in
 * $EDITOR (external), then its source and confidence; saved with
 * view_tier_save. Any question of the bank, a group's included. */
void view_tier_edit(struct app *a, const qb_question *q, int external);
/* Save value (taken) as account's answer to q, as one write, superseding
 * answer shown (the id of the current answer the screen showed,
 * STORE_REPLACES_NONE when none): when another answer came first, nothing is
 * written and the conflict screen decides (conflict.h). */
void view_tier_save(struct app *a, long long account, long long shown, const qb_question *q, char *value,
	int source, int confidence);

extern const struct view_ops view_help_ops;        /* view_help.c: the keys in force */
/* view_read.c: a long text read in full, scrolled as a page. */
extern const struct view_ops view_read_ops;
/* Open the reader on a copy of text under title. */
void view_read_open(struct app *a, const char *title, const char *text);
/* view_history.c: versions of an answer: of the question with bank index
 * arg - 1 when arg > 0, else of the question selected in the main screen. */
extern const struct view_ops view_history_ops;
extern const struct view_ops view_orgmap_ops;      /* view_orgmap.c: contacts by reports-to */
extern const struct view_ops view_relations_ops;   /* view_relations.c: our members by their contacts */
/* view_records.c: the competitors and the end customers, one implementation
 * driven by a table per kind. */
extern const struct view_ops view_competitors_ops;
extern const struct view_ops view_endcustomers_ops;
extern const struct view_ops view_exchange_ops;    /* the gives and takes, the balance in the title */
extern const struct view_ops view_advocacy_ops;
extern const struct view_ops view_meetings_ops;    /* view_meetings.c: engagements */

/* view_notes.c: field notes; the quick note of `n`. */
extern const struct view_ops view_notes_ops;
void view_notes_quick(struct app *a);
/* A new note (heap, recedit_free), today, by the user, under the user's home tier. */
ap_note *view_notes_today(struct app *a);
/* Select the note with this id in an open notes view. */
void view_notes_select(struct view *v, long long id);

/* view_actions.c: open actions, yours, the account's or everyone's overdue. */
extern const struct view_ops view_actions_ops;
extern const struct view_ops view_review_ops;
/* view_flags.c: the portfolio's open flags; snoozing. */
extern const struct view_ops view_flags_ops;
/* Ask for a date and a reason and snooze flag f. */
void view_flags_snooze(struct app *a, const rule_flag *f);
/* Ask who does what by when about flag f, prefilled, and save it as an action. */
void view_flags_take_on(struct app *a, const rule_flag *f);
/* Snooze one of the current account's flags on question qid (NULL: those on
 * the account as a whole), asking which when there are several. */
void view_flags_snooze_pick(struct app *a, const char *qid);

/* view_brief.c: the pre-meeting brief of the current account; w writes it to a file. */
extern const struct view_ops view_brief_ops;
/* view_drivers.c: the account's demand chains step by step, with a live what-if. */
extern const struct view_ops view_drivers_ops;
/* view_canvas.c: the current account's business model canvas, laid out as
 * the canvas is drawn on a wide screen, block by block on a narrow one. */
extern const struct view_ops view_canvas_ops;
/* view_portfolio.c: the executive synthesis as charts and a coverage heat map. */
extern const struct view_ops view_portfolio_ops;

/* view_search.c: accounts and notes matching a query. */
extern const struct view_ops view_search_ops;
/* Ask for the query and open the results. */
void view_search_start(struct app *a);

#endif
