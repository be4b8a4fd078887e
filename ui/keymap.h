/* keymap.h - what each key does.
 *
 * The actions are declared once, below, with their ini name, group and help
 * line; the enum, the keys.ini parser, the help overlay and the status line
 * hints are all generated from that table, so the help can never disagree
 * with the keys. Bindings come from assets/keys.ini, then the user's file
 * ([ui] keys in config.ini): naming an action there replaces its default
 * keys, and a key bound by the user leaves whatever action had it before.
 *
 * To add an action: one line in UI_ACTION_TABLE and one in assets/keys.ini. */
#ifndef UI_KEYMAP_H
#define UI_KEYMAP_H

#include <stddef.h>

#include "acctplan/util.h"

/* G(group title) starts a group of the help overlay; A(id, name, label, help):
 * name is the action in keys.ini, label what the status line calls it. */
#define UI_ACTION_TABLE(G, A) \
	G("Moving") \
	A(ACT_MOVE_UP, "move-up", "up", "Select the row above") \
	A(ACT_MOVE_DOWN, "move-down", "down", "Select the row below") \
	A(ACT_PAGE_UP, "page-up", "page up", "One page up") \
	A(ACT_PAGE_DOWN, "page-down", "page down", "One page down") \
	A(ACT_FIRST, "first", "first", "Go to the first row") \
	A(ACT_LAST, "last", "last", "Go to the last row") \
	A(ACT_PANE_NEXT, "pane-next", "next pane", "Focus the next pane") \
	A(ACT_PANE_PREV, "pane-prev", "previous pane", "Focus the previous pane") \
	A(ACT_PANE_LEFT, "pane-left", "left pane", "Focus the pane to the left") \
	A(ACT_PANE_RIGHT, "pane-right", "right pane", "Focus the pane to the right") \
	A(ACT_TIER_SALES, "tier-sales", "Sales", "Show and focus the Sales pane") \
	A(ACT_TIER_PRODUCT, "tier-product", "Product", "Show and focus the Product pane") \
	A(ACT_TIER_EXEC, "tier-executive", "Executive", "Show and focus the Executive pane") \
	G("Editing") \
	A(ACT_ENTER, "enter", "open", "Edit the selected answer; open or jump to the selected row") \
	A(ACT_EDIT, "edit", "edit", "Edit the selected record") \
	A(ACT_EDIT_EXTERNAL, "edit-external", "editor", "Edit the answer or note in $VISUAL / $EDITOR") \
	A(ACT_ADD, "add", "add", "Add a record to the list shown") \
	A(ACT_REMOVE, "remove", "remove", "Remove the selected record (asks first)") \
	A(ACT_HISTORY, "history", "history", "Earlier versions of the selected answer") \
	A(ACT_READ, "read", "read all", "Read the selected answer or note in full, as a page") \
	A(ACT_NOTE, "note", "note", "Add a field note to the current account") \
	A(ACT_SNOOZE, "snooze", "snooze", "Snooze the selected flag until a date") \
	A(ACT_TAKE_ON, "take-on", "take on", "Give the selected flag an owner and a day: an action") \
	A(ACT_ACTION_DONE, "action-done", "done", "Mark the selected action done") \
	A(ACT_ACTION_DROP, "action-drop", "drop", "Drop the selected action, saying why") \
	A(ACT_RETRY, "retry", "save again", "Save again the edit a locked database refused") \
	A(ACT_WRITE, "write", "write to file", "Write the brief to a file (Markdown when it ends in .md)") \
	G("Reviewing (acctplan review)") \
	A(ACT_REVIEW_CONFIRM, "review-confirm", "still holds", "Confirm the selected answer still holds (keeps its source)") \
	A(ACT_REVIEW_DECIDE, "review-decide", "decision", "Record a decision on the account") \
	A(ACT_REVIEW_NEXT, "review-next", "reviewed, next", "Mark the account reviewed and go to the next") \
	A(ACT_REVIEW_SKIP, "review-skip", "skip", "Skip the account (it stays unreviewed) and go to the next") \
	G("Demand chains: what if (Enter on a growth, factor or share tries a value)") \
	A(ACT_WHATIF_SAVE, "whatif-save", "save what-if", "Save the driver's what-if as its own numbers") \
	A(ACT_WHATIF_RESET, "whatif-reset", "reset what-if", "Drop the driver's what-if: its numbers as stored") \
	G("Filtering and searching") \
	A(ACT_FILTER, "filter", "filter", "Filter accounts (or notes) by text") \
	A(ACT_FILTER_SEGMENT, "filter-segment", "segment", "Cycle the account filter by segment") \
	A(ACT_FILTER_TIER, "filter-tier", "flags of a tier", "Cycle the filter: accounts with open flags for a tier") \
	A(ACT_FILTER_CLEAR, "filter-clear", "clear filters", "Clear every account filter") \
	A(ACT_SEARCH, "search", "search", "Search records of every kind, jump to a result") \
	G("Views") \
	A(ACT_VIEW_ORGMAP, "view-orgmap", "org map", "Org map: contacts by reports-to, buying roles") \
	A(ACT_VIEW_RELATIONS, "view-relationships", "relationships", "Who of ours knows whom at the account, how deep") \
	A(ACT_VIEW_COMPETITORS, "view-competitors", "competitors", "The customer's competitors") \
	A(ACT_VIEW_ENDCUSTOMERS, "view-endcustomers", "end customers", "End customers: the customer's customers") \
	A(ACT_VIEW_MEETINGS, "view-meetings", "meetings", "Engagements and meetings") \
	A(ACT_VIEW_NOTES, "view-notes", "notes", "Field notes, newest first") \
	A(ACT_VIEW_FLAGS, "view-flags", "all flags", "Every open flag of the portfolio") \
	A(ACT_VIEW_ACTIONS, "view-actions", "actions", "Open actions: yours, the account's, everyone's overdue (f)") \
	A(ACT_VIEW_CANVAS, "view-canvas", "canvas", "Business model canvas of the account: nine blocks, where we sit") \
	A(ACT_VIEW_EXCHANGE, "view-exchange", "give and take", "Gives and takes of the account, with the 12-month balance") \
	A(ACT_VIEW_ADVOCACY, "view-advocacy", "advocacy", "Advocacy of the account; in the portfolio: who can speak for us now") \
	A(ACT_VIEW_BRIEF, "view-brief", "brief", "Pre-meeting brief of the account (1 2 3: which tier meets)") \
	A(ACT_VIEW_DRIVERS, "view-drivers", "demand chains", "Demand drivers step by step, with a live what-if") \
	A(ACT_VIEW_PORTFOLIO, "view-portfolio", "portfolio", "Portfolio synthesis: charts and the coverage heat map") \
	A(ACT_PORTFOLIO_REVENUE, "portfolio-revenue", "revenue", "Portfolio: list accounts by revenue, at-risk ones marked, or by coverage") \
	A(ACT_HELP, "help", "help", "This help") \
	A(ACT_REDRAW, "redraw", "redraw", "Redraw the screen") \
	A(ACT_CLOSE, "close", "close", "Close the view; on the main screen, quit") \
	A(ACT_QUIT, "quit", "quit", "Quit acctplan")

#define KM_GROUP_(title)
#define KM_ENUM_(id, name, label, help) id,
enum ui_action { ACT_NONE = 0, UI_ACTION_TABLE(KM_GROUP_, KM_ENUM_) ACT_COUNT };
#undef KM_ENUM_
#undef KM_GROUP_

/* Keys are ints: a Unicode character as typed (control keys included, Enter
 * is '\n', Esc 27), a curses function key as KEY_FN + KEY_xxx, and Alt/Meta
 * combinations with KEY_META added. */
#define KEY_FN 0x200000
#define KEY_META 0x400000
#define KEY_ESC 27

/* Load defaults then the user's file (may be NULL); errors "FILE:LINE: ...". */
int keymap_load(const char *defaults_path, const char *user_path, ap_err *e);
void keymap_free(void);
/* The action bound to key, ACT_NONE when none. */
int keymap_action(int key);
/* The keys bound to an action, "j Down" (first only when all is 0); "" when unbound. */
const char *keymap_keys(int action, int all, char *buf, size_t n);

const char *action_name(int action);
/* A word or two for the status line's key hints ("org map"). */
const char *action_label(int action);
const char *action_help(int action);
/* Title of the help group the action belongs to. */
const char *action_group(int action);

/* Key names as in keys.ini: a character ("j", "G", "/"), or Enter, Esc, Tab,
 * BackTab, Space, Backspace, Delete, Insert, Up, Down, Left, Right, Home,
 * End, PgUp, PgDn, F1..F12, C-x (control), M-x (Alt). -1 when unknown. */
int keymap_parse_key(const char *name);
/* The name keymap_parse_key would accept; buf of at least 16 bytes. */
const char *keymap_key_name(int key, char *buf, size_t n);

#endif
