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

/* The form field asking for field `key` of kind k under `prompt`, starting
 * from rec's value: a line of text, a date, or a choice among the field's
 * names (yes/no for a flag); optional where the table lets it be left out. */
struct form_field recedit_field(enum rec_kind_id k, const char *key, const char *prompt, const void *rec);
/* Ask fields f (from recedit_field) and put the answers into rec until rec
 * passes rec_check; 1 when it does, 0 when the user cancelled. */
int recedit_form(struct app *a, const char *title, enum rec_kind_id k, void *rec, struct form_field *f, int n);

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
