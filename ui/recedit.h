/* recedit.h - records of any kind (record.h) as the workbench edits them.
 *
 * A form is made from the record kind's own table: each field is asked as a
 * text, a date or a choice the table describes and checked as the CLI and
 * import check it (rec_check_field, then rec_check on the whole record), so
 * the workbench refuses what the CLI refuses. An edit is saved in place
 * (store_rec_update) with the version the screen showed: the record keeps
 * its id, and when someone changed it in between nothing is overwritten:
 * the edit is kept until the user decides (ui_write_edit). */
#ifndef UI_RECEDIT_H
#define UI_RECEDIT_H

#include "acctplan/record.h"
#include "input.h"

struct app;

/* A record of kind k on the heap: new (zeroed, the table's defaults) or a
 * deep copy of rec. recedit_free clears and frees either. */
void *recedit_new(enum rec_kind_id k);
void *recedit_dup(enum rec_kind_id k, const void *rec);
void recedit_free(enum rec_kind_id k, void *rec);

/* At most this many fields in a form or columns in a listing. */
#define RECEDIT_MAX 16

/* The form kind k's table asks for (its `form` spec, in order), starting
 * from rec's values, into f (room for max); returns how many. Each field is
 * a line of text, a date, or a choice among the field's names (yes/no for a
 * flag), prompted by its label; optional where the table lets it be left
 * out, unless the spec marks it with "!". */
int recedit_fields(enum rec_kind_id k, const void *rec, struct form_field *f, int max);
/* Ask fields f (from recedit_fields, maybe adjusted) and put the answers
 * into rec until rec passes rec_check; 1 when it does, 0 when the user
 * cancelled. */
int recedit_form(struct app *a, const char *title, enum rec_kind_id k, void *rec, struct form_field *f, int n);
/* Both for a form the view takes as the table gives it; the fields freed. */
int recedit_form_of(struct app *a, const char *title, enum rec_kind_id k, void *rec);

/* How a view shows column i of its kind's listing (the `list` spec), by
 * position: the views choose widths and headings, the table the fields. */
struct recedit_col {
	int width;      /* base width in columns, 0: the rest; RECEDIT_HIDDEN: not a column here */
	int by_label;   /* headed by the field's label ("how they differ"), else by its key ("date") */
};
#define RECEDIT_HIDDEN (-1)
/* The columns a view shows: the fields, their headings and base widths. */
struct recedit_list {
	int n;
	const rec_field *f[RECEDIT_MAX];
	const char *head[RECEDIT_MAX];
	int width[RECEDIT_MAX];
};
/* Fill l from kind k's listing and the view's ncols columns (one for each
 * field of the spec: a view out of step with its table is a bug, it aborts). */
void recedit_list(enum rec_kind_id k, const struct recedit_col *cols, int ncols, struct recedit_list *l);
/* Field f of rec as a listing shows it: the text, the name of the value,
 * yes/no for a flag, a real number as it reads back exactly; "" when none
 * (and for whole numbers, which no list shows). A list or a number is made
 * for the call and stays valid for the next three calls. */
const char *recedit_cell(const rec_field *f, const void *rec);

/* Called after the store took a write, before the views reload. */
typedef void recedit_done(struct app *a, const void *rec);
/* Save rec (taken) as one user action of account: a new record when its id
 * is 0, else the record updated in place if still at rec's version. */
int recedit_save(struct app *a, enum rec_kind_id k, long long account, void *rec, const char *what,
	recedit_done *saved);
/* Remove the record rec shows, if it is still at rec's version. */
int recedit_remove(struct app *a, enum rec_kind_id k, long long account, const void *rec, const char *what,
	recedit_done *removed);

#endif
