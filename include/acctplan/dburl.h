/* dburl.h - database locations that are PostgreSQL URLs, and how they may
 * be shown: a password is never printed, in any spelling.
 *
 * A location is a URL when it starts with postgresql:// or postgres://
 * (the scheme in any case); anything else is a SQLite file path, except
 * that some other "SCHEME://" is taken for a mistyped URL. A URL may
 * carry a password in its userinfo (user:pw@) or as a password= (or
 * sslpassword=) query parameter, the key in any case and percent-encoded
 * or not. Messages show the URL as dburl_redact gives it:
 * "postgresql://user@host/db".
 *
 * What counts as the password follows libpq's own reading, widened where a
 * URL is malformed, so that a typo cannot put a secret on the screen:
 * - the userinfo ends at the last '@' before the query that follows the
 *   first '/' (libpq ends it at the first '@' before the first '/': a raw
 *   '@', '/' or '?' in a password moves libpq's split, ours covers both);
 * - a port that is not a number from 1 to 65535 ("postgresql://u:secret/db",
 *   where "@host" was forgotten) is not shown either;
 * - query parameters without '=' right after a password parameter are the
 *   rest of a password that held a raw '&', and go with it;
 * - in a libpq keyword/value string ("host=/tmp password='a b'"), the same
 *   goes for bare words after a password, and a dbname (or any value) that
 *   is itself a URL or a keyword/value string is redacted in turn. */
#ifndef ACCTPLAN_DBURL_H
#define ACCTPLAN_DBURL_H

#include "acctplan/util.h"

/* Nonzero when loc is a postgresql:// or postgres:// URL (scheme in any
 * case). Only URLs select PostgreSQL: a keyword/value string is a file name
 * to acctplan, however dburl_redact treats it. */
int dburl_is_url(const char *loc);

/* Nonzero when loc starts like any URL, "SCHEME://". A location that does
 * but is no postgresql:// URL is a typo rather than a file name (config
 * refuses it through dburl_check), and is redacted like a URL. */
int dburl_has_scheme(const char *loc);

/* The location as messages may show it (caller frees): the password and its
 * ':' dropped from the userinfo ("postgresql://user@host/db"; an empty user
 * keeps its '@'), password= and sslpassword= query parameters dropped (the
 * '?' too when none is left), everything else as written. A string that is
 * not a URL is read as a libpq keyword/value string and loses its password
 * pairs (a string with some other "SCHEME://" is redacted as a URL); a file
 * path comes back unchanged. */
char *dburl_redact(const char *url);

/* Nonzero when url (a URL or a keyword/value string) spells a non-empty
 * password or SSL key password that dburl_redact drops. */
int dburl_has_password(const char *url);

/* Cheap syntax checks before any connection: AP_EINPUT "invalid database
 * URL 'REDACTED': WHY" for a location that is not a postgresql:// URL, a
 * control character, a '%' not followed by two hex digits (or %00), an
 * unclosed '[' of an IPv6 address, an empty or bad port (not 1 to 65535),
 * a query parameter without '=' or with a second one. An empty host list
 * is fine: libpq then uses host= or the local socket. The message never
 * holds the password nor any text that could be part of it. */
int dburl_check(const char *url, ap_err *e);

/* A copy of msg (a message from libpq, or any message about url) safe to
 * show, for defence in depth: url itself becomes dburl_redact's form, then
 * every secret dburl_redact drops, as written and percent-decoded (or
 * unquoted), becomes "***". url NULL or empty: a plain copy. Caller frees.
 * A very short password makes the message hard to read; it never makes it
 * show the password. */
char *dburl_scrub(const char *msg, const char *url);

#endif
