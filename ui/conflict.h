/* conflict.h - the conflict screen: what becomes of a kept edit whose record
 * someone else changed or removed meanwhile.
 *
 * Changed: theirs (who, when, the text or the fields that differ) beside
 * yours, and keep theirs, save mine on top, or merge both in $EDITOR.
 * Removed (the record or its account): the text typed is saved as a note on
 * an account the user picks, or to a file, or kept; it is only ever dropped
 * on purpose. */
#ifndef UI_CONFLICT_H
#define UI_CONFLICT_H

struct app;

/* Decide about a->pending (a conflict, with ops): 1 when it was rebased and
 * is to be written now; 0 when it was dropped, saved elsewhere or kept
 * (the status line says which). */
int conflict_decide(struct app *a);

#endif
