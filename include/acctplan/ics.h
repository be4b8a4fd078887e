/* ics.h - an iCalendar (RFC 5545) writer: tasks and dates for a calendar.
 * Like json.h it writes as it goes, into a buffer the caller then saves or
 * prints; its bytes are fully determined by the calls. Every line it writes
 * ends in CRLF and is folded at 75 octets without splitting a character, and
 * the output is valid UTF-8 with no control character but tab, whatever the
 * input: a calendar file is shown by other programs, and sometimes by cat. */
#ifndef ACCTPLAN_ICS_H
#define ACCTPLAN_ICS_H

#include "acctplan/util.h"

/* Longest content line in octets, CRLF not counted (RFC 5545 3.1). */
#define ICS_LINE_MAX 75

typedef struct ics_writer {
	ap_buf *out;     /* where the lines go (caller owns) */
	size_t col;      /* octets on the physical line being written */
} ics_writer;

/* Start a calendar in out: BEGIN:VCALENDAR, VERSION:2.0, PRODID (TEXT,
 * e.g. "-//acctplan//acctplan 1.0//EN") and CALSCALE:GREGORIAN. */
void ics_begin(ics_writer *w, ap_buf *out, const char *prodid);
/* END:VCALENDAR. */
void ics_end(ics_writer *w);
/* BEGIN:NAME and END:NAME ("VTODO", "VEVENT", "VALARM"). */
void ics_begin_component(ics_writer *w, const char *name);
void ics_end_component(ics_writer *w, const char *name);

/* One content line "NAME[;PARAMS]:VALUE", value written as it is (the
 * caller formatted it: a number, a date, an enumerated STATUS); NULL writes
 * nothing. Still folded, and still never carries a control character
 * (dropped, except tab) or a byte that is not UTF-8 (U+FFFD instead), so no
 * value can break the file. */
void ics_line(ics_writer *w, const char *name_and_params, const char *raw_value);

/* A TEXT value (RFC 5545 3.3.11): backslash, ';' and ',' escaped, a line
 * break (LF or CR LF) written as \n; control characters, C1 and bidi
 * controls dropped (text.h's list: tab stays, as TEXT allows it), bytes
 * that are not UTF-8 become U+FFFD. NULL text writes nothing, so optional
 * fields need no test at the caller. */
void ics_text(ics_writer *w, const char *name, const char *text);

/* NAME:V in decimal (SEQUENCE, PRIORITY, PERCENT-COMPLETE). */
void ics_int(ics_writer *w, const char *name, long long v);

/* NAME;VALUE=DATE:YYYYMMDD from "YYYY-MM-DD"; AP_EINPUT naming NAME, and
 * nothing written, when it is not a date acctplan keeps (ap_date_check). */
int ics_date(ics_writer *w, const char *name, const char *iso_date, ap_err *e);

/* NAME:YYYYMMDDTHHMMSSZ from a stored stamp "YYYY-MM-DDTHH:MM:SSZ" (UTC,
 * ap_now_stamp's form); AP_EINPUT naming NAME, nothing written, otherwise. */
int ics_stamp(ics_writer *w, const char *name, const char *iso_utc, ap_err *e);

#endif
