/* editor.h - long text in the user's own editor.
 *
 * $VISUAL, else $EDITOR, else vi, split on blanks into its words (no shell
 * is involved, so nothing in the variable is interpreted), run with fork and
 * execvp on a private temporary file made by mkstemp. Curses is suspended
 * (def_prog_mode, endwin) while it runs and restored after. */
#ifndef UI_EDITOR_H
#define UI_EDITOR_H

#include "acctplan/util.h"

/* Edit initial (may be NULL). Returns 1 with *out (caller frees) when the
 * text was changed to something not empty, 0 when it came back unchanged or
 * empty (nothing to save), or a status with *e when the editor could not run
 * or failed. Trailing blank lines are dropped before comparing. */
int editor_edit(const char *initial, char **out, ap_err *e);

#endif
