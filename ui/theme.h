/* theme.h - every coloured thing on the screen is one element of this table.
 *
 * Colours come from assets/theme.ini, then the user's theme ([ui] theme in
 * config.ini) key by key. Each element also carries the attributes it gets on
 * a monochrome terminal or under NO_COLOR, so the screen stays readable with
 * bold, reverse and underline alone. */
#ifndef UI_THEME_H
#define UI_THEME_H

#include <curses.h>

#include "acctplan/util.h"

/* X(id, ini name, monochrome attributes) */
#define UI_THEME_TABLE(X) \
	X(TH_NORMAL, "normal", A_NORMAL) \
	X(TH_TITLE, "title", A_REVERSE | A_BOLD) \
	X(TH_HEADER, "header", A_BOLD) \
	X(TH_HEADER_FOCUS, "header-focus", A_REVERSE | A_BOLD) \
	X(TH_SELECTED, "selected", A_REVERSE) \
	X(TH_SELECTED_IDLE, "selected-idle", A_UNDERLINE) \
	X(TH_STATUS, "status", A_REVERSE) \
	X(TH_STATUS_KEY, "status-key", A_REVERSE | A_BOLD) \
	X(TH_MESSAGE, "message", A_BOLD) \
	X(TH_ERROR, "error", A_BOLD | A_REVERSE) \
	X(TH_DIM, "dim", A_DIM) \
	X(TH_LABEL, "label", A_BOLD) \
	X(TH_SEV_INFO, "severity-info", A_NORMAL) \
	X(TH_SEV_WARN, "severity-warn", A_BOLD) \
	X(TH_SEV_HIGH, "severity-high", A_BOLD | A_UNDERLINE) \
	X(TH_SEV_CRITICAL, "severity-critical", A_BOLD | A_REVERSE) \
	X(TH_MARK_ANSWERED, "mark-answered", A_NORMAL) \
	X(TH_MARK_STALE, "mark-stale", A_BOLD) \
	X(TH_MARK_WEAK, "mark-weak", A_BOLD) \
	X(TH_MARK_UNANSWERED, "mark-unanswered", A_BOLD) \
	X(TH_MARK_BLOCKED, "mark-blocked", A_DIM) \
	X(TH_TAB, "tab", A_NORMAL) \
	X(TH_TAB_ACTIVE, "tab-active", A_REVERSE | A_BOLD) \
	X(TH_BORDER, "border", A_NORMAL) \
	X(TH_GAP, "gap", A_BOLD) \
	X(TH_POPUP, "popup", A_NORMAL) \
	X(TH_POPUP_SELECTED, "popup-selected", A_REVERSE) \
	X(TH_EDIT, "edit", A_UNDERLINE) \
	X(TH_CHART_GOOD, "chart-good", A_BOLD) \
	X(TH_CHART_FAIR, "chart-fair", A_NORMAL) \
	X(TH_CHART_POOR, "chart-poor", A_REVERSE) \
	X(TH_CHART_BAR, "chart-bar", A_BOLD)

#define TH_ENUM_(id, name, mono) id,
enum th_elem { UI_THEME_TABLE(TH_ENUM_) TH_COUNT };
#undef TH_ENUM_

/* Read the shipped theme, then the user's (may be NULL), before the screen
 * opens so errors print as "FILE:LINE: ...". */
int theme_load(const char *defaults_path, const char *user_path, ap_err *e);
/* After initscr: allocate colour pairs, or fall back to the monochrome
 * attributes when the terminal has no colours or NO_COLOR is set. */
void theme_apply(void);
/* Attributes (pair included) of an element. */
attr_t theme_attr(int elem);
/* The theme element that shows a severity (enum ap_severity). */
int theme_severity(int severity);
/* 1 when drawing without colours. */
int theme_monochrome(void);

#endif
