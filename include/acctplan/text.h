/* text.h - what user text may hold (one validation for every field) and
 * how text is measured on a terminal. */
#ifndef ACCTPLAN_TEXT_H
#define ACCTPLAN_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "acctplan/util.h"

/* Longest text field acctplan stores; longer input is refused, never cut. */
#define AP_TEXT_MAX 65536
int ap_utf8_valid(const char *s, size_t n);
/* Check user text: valid UTF-8, within AP_TEXT_MAX, no control characters except
 * tab and newline (when multiline). `what` names the field in the message. */
int ap_text_check(const char *what, const char *s, int multiline, ap_err *e);

/* Text that must say something (a name, an answer, a note): AP_EINPUT
 * "WHAT is empty" when it is blanks and line breaks only, "WHAT has no
 * visible character" when it holds nothing else that shows (Unicode
 * spaces, zero-width and format characters, marks with nothing to sit on).
 * Checked after ap_text_check, on valid UTF-8. */
int ap_text_shows(const char *what, const char *s, ap_err *e);

/* Check a record's name (account, contact...): one line of text as
 * ap_text_check wants it, not blank, no blank at either end (where "Acme "
 * would pass for a second "Acme"). */
int ap_name_check(const char *what, const char *s, ap_err *e);

/* Repair text in place to what the checks accept (what an upgrade or a
 * format-1 import does with old data): too long is cut at a character,
 * refused characters dropped, bytes that are not UTF-8 become '?', a name
 * loses blanks and invisible characters at either end. Nonzero if changed. */
int ap_text_repair(char *s, int name, int multiline);

/* The form names are compared in: NFC, case-folded, default-ignorable
 * characters dropped, so "Acme", "ACME" and "Ac\u200bme" are one name.
 * Caller frees. */
char *ap_name_key(const char *s);

/* Words in s: runs between blanks and line breaks that hold a letter or a
 * digit (so "- - -" has none). */
size_t ap_text_words(const char *s);
/* Is candidate close to what someone typed, as names are compared
 * (ap_name_key): one begins with the other, or they differ by a few
 * edits (about a third of the typed length), as a whole or one word of
 * it? For "unknown member
 * 'Ana' (close: Anna Berg)". */
int ap_name_close(const char *typed, const char *candidate);

/* Append s[0, n) to b with every character the checks refuse written as
 * \uXXXX, bytes that are not UTF-8 as \xHH, and a CR not followed by LF
 * escaped: what a shared database holds from another client can then never
 * move the terminal. Tab always, LF and CR LF when keep_lines, pass. */
void ap_text_escape(ap_buf *b, const char *s, size_t n, int keep_lines);

/* Bytes of the character at s when it is a control character or bidi
 * control that must not reach a terminal (tab and line breaks included:
 * a screen draws them itself), else 0. */
size_t ap_control_len(const char *s);

/* A stream that writes to raw through ap_text_escape (keep_lines), for the
 * command line's stdout and stderr: nothing printed, whatever its source,
 * reaches the terminal as a control sequence. Makes raw unbuffered; the new
 * stream buffers instead (by line when line_buffered). NULL on failure.
 * Closing it flushes it and leaves raw open. */
FILE *ap_safe_stream(FILE *raw, int line_buffered);

/* Terminal columns a UTF-8 string occupies (wide characters count two,
 * combining marks zero); needs setlocale(LC_CTYPE, "") in main. */
int ap_display_width(const char *s);
/* Bytes of s that fit in cols columns without splitting a character;
 * *used (may be NULL) gets the columns they take. */
size_t ap_fit(const char *s, int cols, int *used);

#endif
