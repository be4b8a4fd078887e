/* input.h - asking the user: a one-line editor, a picker, a yes/no
 * question and forms made of them. All of them draw over the current frame
 * (so a resize while asking redraws everything) and read keys through
 * ui_getkey, so key scripts drive them like a user. Esc cancels. */
#ifndef UI_INPUT_H
#define UI_INPUT_H

#include "acctplan/record.h"
#include "acctplan/util.h"

struct app;

/* Edit one line of text on the status row after "prompt: ", starting from
 * initial. Cursor keys, Home/End (C-a/C-e), Backspace/Delete, word moves
 * (M-b/M-f, C-Left/C-Right), C-w, C-u, C-k; UTF-8 and wide characters.
 * Returns 1 and *out (caller frees) on Enter, 0 when cancelled. */
int input_line(struct app *a, const char *prompt, const char *initial, char **out);
/* input_line calling changed(ctx, text) with the line as it stands, at the
 * start and after every key, before the frame is drawn: a view shows what
 * the text would do while it is typed (a what-if). A message changed puts
 * in a->msg shows above the prompt. */
int input_line_live(struct app *a, const char *prompt, const char *initial, char **out,
	void (*changed)(void *ctx, const char *text), void *ctx);
/* Choose one of n options in a popup; returns its index, -1 when cancelled.
 * initial (may be -1) is selected at first. */
int input_pick(struct app *a, const char *title, const char *const *options, int n, int initial);
/* A yes/no question on the status row; 1 only for y. */
int input_confirm(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

enum form_kind {
	FF_TEXT,     /* one line of text */
	FF_DATE,     /* YYYY-MM-DD */
	FF_CHOICE,   /* one of choices->names, or of options/noptions when choices is NULL */
};

struct form_field {
	const char *label;
	enum form_kind kind;
	const ap_names *choices;
	const char *const *options;
	int noptions;
	int optional;    /* text may be empty; a choice offers "(none)" */
	char *value;     /* in: the default (owned, may be NULL); out: the answer, NULL for none */
	/* The record field it fills (record.h): a text or date answer is checked
	 * as that field's table says, the check the CLI and import make. */
	const rec_field *field;
};

/* Ask each field in turn; 1 when all were answered, 0 when cancelled (the
 * values are then unchanged defaults or partial answers: free them anyway
 * with form_free). */
int input_form(struct app *a, const char *title, struct form_field *f, int n);
void form_free(struct form_field *f, int n);
/* Index of a choice value among the field's options, -1 when absent. */
int form_choice(const struct form_field *f);
/* A text s as record field f's table checks it (rec_check_field), naming
 * the field by its label; for answers typed outside a form too. */
int form_check(const rec_field *f, const char *s, ap_err *e);

#endif
