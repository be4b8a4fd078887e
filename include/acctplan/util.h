/* util.h - errors, allocation, dates, files shared by every module. */
#ifndef ACCTPLAN_UTIL_H
#define ACCTPLAN_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Exit statuses of the command-line contract; core functions return them too. */
enum ap_status {
	AP_OK = 0,
	AP_FLAGGED = 1,  /* check found a flag at or above --fail-on */
	AP_EINPUT = 2,   /* usage error or bad input */
	AP_ESTORE = 3,   /* store locked, corrupt, unwritable */
	AP_ECONFLICT = 4,  /* a conditional write: the record changed or went since it was read */
};

/* Caller-owned error: a status and one line saying what went wrong. */
typedef struct ap_err {
	int status;
	char msg[1024];
} ap_err;

/* Fill *e (may be NULL) and return status, so callers can `return ap_fail(...)`. */
int ap_fail(ap_err *e, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prefix the message already in *e with "what: ". */
void ap_err_context(ap_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Allocation that cannot fail: on exhaustion runs the registered cleanup (the UI
 * restores the terminal) and aborts with a message. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* The first n bytes of s (fewer at its NUL), NUL-terminated. */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ap_set_fatal_cleanup(void (*fn)(void));

/* Growable byte buffer; `s` is always NUL-terminated once anything was added. */
typedef struct ap_buf {
	char *s;
	size_t len, cap;
} ap_buf;
void buf_add(ap_buf *b, const char *s, size_t n);
void buf_puts(ap_buf *b, const char *s);
void buf_printf(ap_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(ap_buf *b, const char *fmt, va_list ap);
void buf_free(ap_buf *b);
/* Hand the string to the caller (caller frees); the buffer is left empty. */
char *buf_steal(ap_buf *b);

/* FNV-1a: a hash of s[0, n) continued from h (start from AP_HASH_START).
 * Equal bytes, equal hashes; for tables and change detection, not security. */
#define AP_HASH_START 0xcbf29ce484222325u
unsigned long long ap_hash(unsigned long long h, const void *s, size_t n);

/* The shortest decimal form that reads back as exactly v ("0.1", not
 * "0.10000000000000001"); out holds at least 32 bytes. */
void ap_format_real(double v, char out[32]);

/* Dates are calendar days, "YYYY-MM-DD", compared as days since 1970-01-01.
 * acctplan keeps the days from AP_DATE_FIRST to AP_DATE_LAST: every date it
 * parses, stores or prints lies between them, so whatever it writes reads
 * back (a year past 9999 has no YYYY, and an earlier release refused years
 * before 1900, so no store holds one). */
#define AP_DATE_FIRST "1900-01-01"
#define AP_DATE_LAST "9999-12-31"
#define AP_DAY_FIRST (-25567L)     /* AP_DATE_FIRST in days */
#define AP_DAY_LAST 2932896L       /* AP_DATE_LAST in days */
/* 0 and *days set for a real date in range, else -1 and *days untouched. */
int ap_date_parse(const char *s, long *days);
/* A day outside the range is written as the nearest day in it (see util.c). */
void ap_date_format(long days, char out[11]);
/* days + delta into *out, or -1 (*out untouched) when that leaves the range. */
int ap_date_add(long days, long delta, long *out);
/* The same day `months` calendar months later (earlier when negative), the
 * last day of the month where it has fewer days (31 March less a month is
 * 28 or 29 February); -1 (*out untouched) when that leaves the range. */
int ap_date_add_months(long days, long months, long *out);
/* Today, or ACCTPLAN_TODAY when set (tests pin the clock with it); a pin
 * that is not a date in range is ignored here and refused by ap_today_check. */
long ap_today(void);
/* AP_EINPUT when ACCTPLAN_TODAY is set (not empty) to anything but a date in range. */
int ap_today_check(ap_err *e);
/* Validate a user-given date; AP_EINPUT naming `what` when it is not a real
 * date or lies outside the range. */
int ap_date_check(const char *what, const char *s, long *days, ap_err *e);

/* A date on which something happened or was learnt (an answer's, a note's)
 * may lie this many days after today: where the user is, it may already be
 * this machine's tomorrow. */
#define AP_DAYS_AHEAD 1
/* ap_date_check, then AP_EINPUT "WHAT 'DATE' is in the future (today is
 * ...)" for a date more than AP_DAYS_AHEAD days after ap_today(). */
int ap_date_check_not_ahead(const char *what, const char *s, ap_err *e);

/* An enumeration's names, the single source for parsing, listing and help. */
typedef struct ap_names {
	const char *what;            /* "tier" */
	const char *const *names;
	int count;
} ap_names;
/* Name of value i of t, or `none` when i is not one (-1: not recorded). */
const char *ap_name(const ap_names *t, int i, const char *none);
/* Index of s in t, or -1 after filling *e with the allowed names. */
int ap_name_parse(const ap_names *t, const char *s, ap_err *e);
/* The names as "a, b or c" (last_sep before the last one); caller frees. */
char *ap_names_join(const ap_names *t, const char *last_sep);

/* Expand a leading "~/" with $HOME; caller frees. */
char *ap_expand_home(const char *path);
/* mkdir -p with the given mode for each created component. */
int ap_mkdirs(const char *dir, int mode, ap_err *e);
/* Read a whole file, "-" standard input (caller frees *out); AP_EINPUT with
 * the reason on failure. Files are written through outfile.h. */
int ap_read_file(const char *path, char **out, size_t *len, ap_err *e);
/* AP_EINPUT, saying so in words, when standard input is closed. */
int ap_stdin_check(ap_err *e);

/* Text checks and display widths live in text.h; most callers of util.h use them. */
#include "acctplan/text.h"

#endif
