/* text.h - what user text may hold (one validation for every field) and
 * how text is measured on a terminal. */
#ifndef ACCTPLAN_TEXT_H
#define ACCTPLAN_TEXT_H

#include <stddef.h>

#include "acctplan/util.h"

/* Longest text field acctplan stores; longer input is refused, never cut. */
#define AP_TEXT_MAX 65536
int ap_utf8_valid(const char *s, size_t n);
/* Check user text: valid UTF-8, within AP_TEXT_MAX, no control characters except
 * tab and newline (when multiline). `what` names the field in the message. */
int ap_text_check(const char *what, const char *s, int multiline, ap_err *e);

/* Check a record's name (account, contact...): one line of text as
 * ap_text_check wants it, not blank, no blank at either end (where "Acme "
 * would pass for a second "Acme"). */
int ap_name_check(const char *what, const char *s, ap_err *e);

/* Terminal columns a UTF-8 string occupies (wide characters count two,
 * combining marks zero); needs setlocale(LC_CTYPE, "") in main. */
int ap_display_width(const char *s);
/* Bytes of s that fit in cols columns without splitting a character;
 * *used (may be NULL) gets the columns they take. */
size_t ap_fit(const char *s, int cols, int *used);

#endif
