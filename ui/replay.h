/* replay.h - scripted keys for tests, benchmarks and demos.
 *
 * `acctplan --keys FILE` (or ACCTPLAN_KEYS=FILE) reads keys from FILE instead
 * of the terminal, one or more key names per line (as in keys.ini), plus:
 *   type TEXT            the characters of TEXT (all after one blank), one key each
 *   dump PATH            write the screen as text to PATH (what a user sees)
 *   resize COLS ROWS     act as if the terminal had been resized
 *   sleep MS             pause (for demos)
 *   click X Y            mouse button 1 at column X, row Y (0-based)
 *   wheel-up X Y, wheel-down X Y
 *   # ...                a comment
 * The workbench quits when the script ends. With standard output not a
 * terminal, the screen is drawn into /dev/null at $COLUMNS x $LINES, so a
 * script runs anywhere; `dump` still sees every cell.
 *
 * With ACCTPLAN_TIMING set (scripted or not) the workbench prints on exit:
 *   timing: first-frame MS             start of ui_run to the first frame
 *   timing: first-frame-complete MS    ... to the first with every flag count
 *   timing: navigation N keys, mean MS, max MS            key to its frame
 *   timing: all-keys N keys, mean MS, max MS
 *   timing: navigation-complete N keys, mean MS, max MS   key to counts filled
 *   timing: peak-rss MIB MiB
 * (tools/bench.d/tui.sh reads them). */
#ifndef UI_REPLAY_H
#define UI_REPLAY_H

#include <stdio.h>

#include "acctplan/util.h"

struct replay;
struct app;

int replay_open(struct replay **out, const char *path, ap_err *e);
void replay_free(struct replay **r);
/* The next key of the script (keymap.h encoding), running the commands met on
 * the way; -1 at the end. A mouse command fills a->mouse and returns
 * KEY_FN + KEY_MOUSE; resize returns KEY_FN + KEY_RESIZE. */
int replay_next(struct replay *r, struct app *a, ap_err *e);
/* Write stdscr as text, one line per row, trailing blanks removed. */
int screen_dump(const char *path, ap_err *e);

#endif
