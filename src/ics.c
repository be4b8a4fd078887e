/* ics.c - the iCalendar writer: content lines, TEXT escaping, folding. */
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

#include "acctplan/ics.h"
#include "acctplan/text.h"

/* What U+FFFD is in UTF-8: it stands for each byte that is not UTF-8. */
#define REPLACEMENT "\xef\xbf\xbd"

/* Append one unit (a character, or an escape pair such as "\;") to the line,
 * folding first when it would not fit. Folding between units, never inside
 * one, is what keeps a UTF-8 sequence whole; the space that starts the
 * continuation line counts toward its 75 octets (RFC 5545 3.1). */
static void put_unit(ics_writer *w, const char *s, size_t n)
{
	if (w->col + n > ICS_LINE_MAX) {
		buf_add(w->out, "\r\n ", 3);
		w->col = 1;
	}
	buf_add(w->out, s, n);
	w->col += n;
}

static void end_line(ics_writer *w)
{
	buf_add(w->out, "\r\n", 2);
	w->col = 0;
}

/* The unit that the input at s becomes, in unit[] (*ulen bytes, 0 when it
 * is dropped); returns the input bytes it stands for. With text, the TEXT
 * escapes of RFC 5545 3.3.11 apply, a CR LF being one line break. */
static size_t next_unit(const char *s, int text, char unit[4], size_t *ulen)
{
	unsigned char c = (unsigned char)*s;
	if (text && (c == '\n' || (c == '\r' && s[1] == '\n'))) {
		memcpy(unit, "\\n", 2);
		*ulen = 2;
		return c == '\r' ? 2 : 1;
	}
	if (text && (c == '\\' || c == ';' || c == ',')) {
		unit[0] = '\\';
		unit[1] = (char)c;
		*ulen = 2;
		return 1;
	}
	if (c >= 0x20 && c < 0x7f) {   /* the usual case, spared the decoder */
		unit[0] = (char)c;
		*ulen = 1;
		return 1;
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strnlen(s, 4), &cp);
	if (len <= 0) {
		memcpy(unit, REPLACEMENT, 3);
		*ulen = 3;
		return 1;
	}
	/* Control characters go nowhere: text.h keeps the one list of them. */
	*ulen = ap_control_len(s) ? 0 : (size_t)len;
	memcpy(unit, s, *ulen);
	return (size_t)len;
}

static void put_value(ics_writer *w, const char *s, int text)
{
	char unit[4];
	size_t ulen;
	while (*s) {
		s += next_unit(s, text, unit, &ulen);
		if (ulen)
			put_unit(w, unit, ulen);
	}
}

/* NAME PARAMS:VALUE as one folded content line; params ("" or ";X=Y") and
 * the name are written as they are, like a raw value. */
static void write_line(ics_writer *w, const char *name, const char *params, const char *value, int text)
{
	put_value(w, name, 0);
	put_value(w, params, 0);
	put_unit(w, ":", 1);
	put_value(w, value, text);
	end_line(w);
}

void ics_begin(ics_writer *w, ap_buf *out, const char *prodid)
{
	w->out = out;
	w->col = 0;
	ics_begin_component(w, "VCALENDAR");
	ics_line(w, "VERSION", "2.0");
	ics_text(w, "PRODID", prodid);
	ics_line(w, "CALSCALE", "GREGORIAN");
}

void ics_end(ics_writer *w) { ics_end_component(w, "VCALENDAR"); }
void ics_begin_component(ics_writer *w, const char *name) { write_line(w, "BEGIN", "", name, 0); }
void ics_end_component(ics_writer *w, const char *name) { write_line(w, "END", "", name, 0); }

void ics_line(ics_writer *w, const char *name_and_params, const char *raw_value)
{
	if (raw_value)
		write_line(w, name_and_params, "", raw_value, 0);
}

void ics_text(ics_writer *w, const char *name, const char *text)
{
	if (text)
		write_line(w, name, "", text, 1);
}

void ics_int(ics_writer *w, const char *name, long long v)
{
	char num[32];
	snprintf(num, sizeof num, "%lld", v);
	write_line(w, name, "", num, 0);
}

/* "YYYY-MM-DD..." to "YYYYMMDD" (out holds 9 bytes); s is a checked date. */
static void basic_date(const char *s, char *out)
{
	memcpy(out, s, 4);
	memcpy(out + 4, s + 5, 2);
	memcpy(out + 6, s + 8, 2);
	out[8] = '\0';
}

int ics_date(ics_writer *w, const char *name, const char *iso_date, ap_err *e)
{
	char day[9];
	int rc = ap_date_check(name, iso_date, NULL, e);
	if (rc)
		return rc;
	basic_date(iso_date, day);
	write_line(w, name, ";VALUE=DATE", day, 0);
	return AP_OK;
}

/* Is s exactly "YYYY-MM-DDTHH:MM:SSZ" naming a real moment? Seconds may be
 * 60, a leap second, as in RFC 5545 3.3.12 and the store's own check. */
static int stamp_valid(const char *s)
{
	static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
	char date[11];
	if (!s || strlen(s) != sizeof form - 1)
		return 0;
	for (size_t i = 0; form[i]; i++)
		if (form[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != form[i])
			return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	int hh = (s[11] - '0') * 10 + (s[12] - '0');
	int mm = (s[14] - '0') * 10 + (s[15] - '0');
	int ss = (s[17] - '0') * 10 + (s[18] - '0');
	return ap_date_parse(date, NULL) == 0 && hh < 24 && mm < 60 && ss <= 60;
}

int ics_stamp(ics_writer *w, const char *name, const char *iso_utc, ap_err *e)
{
	char stamp[17];
	if (!stamp_valid(iso_utc))
		return ap_fail(e, AP_EINPUT, "%s '%s' is not a timestamp (expected YYYY-MM-DDTHH:MM:SSZ)", name,
			iso_utc ? iso_utc : "");
	basic_date(iso_utc, stamp);
	stamp[8] = 'T';
	memcpy(stamp + 9, iso_utc + 11, 2);
	memcpy(stamp + 11, iso_utc + 14, 2);
	memcpy(stamp + 13, iso_utc + 17, 2);
	stamp[15] = 'Z';
	stamp[16] = '\0';
	write_line(w, name, "", stamp, 0);
	return AP_OK;
}
