/* text.c - what text may hold, and how it is shown. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "acctplan/text.h"

int ap_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned min;
		if (c < 0x80) { i++; continue; }
		else if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; c &= 0x1F; }
		else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; c &= 0x0F; }
		else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; c &= 0x07; }
		else return 0;
		if (i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			c = (c << 6) | (s[i + k] & 0x3F);
		}
		/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

int ap_text_check(const char *what, const char *s, int multiline, ap_err *e)
{
	size_t n = strlen(s);
	if (n > AP_TEXT_MAX)
		return ap_fail(e, AP_EINPUT, "%s is %zu bytes long; the limit is %d bytes", what, n, AP_TEXT_MAX);
	if (!ap_utf8_valid(s, n))
		return ap_fail(e, AP_EINPUT, "%s is not valid UTF-8", what);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && !(multiline && (c == '\n' || c == '\r'))) || c == 0x7f)
			return ap_fail(e, AP_EINPUT, "%s contains a control character (byte %zu)", what, i + 1);
	}
	return AP_OK;
}

int ap_name_check(const char *what, const char *s, ap_err *e)
{
	int rc = ap_text_check(what, s, 0, e);
	size_t n = strlen(s);
	if (rc)
		return rc;
	if (strspn(s, " \t") == n)
		return ap_fail(e, AP_EINPUT, "%s is empty", what);
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return ap_fail(e, AP_EINPUT, "%s '%s' starts or ends with a blank", what, s);
	return AP_OK;
}

static size_t next_char(const char *s, wchar_t *wc)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		return 1;
	}
	return n;
}

static int char_width(wchar_t wc)
{
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int ap_display_width(const char *s)
{
	int cols = 0;
	while (s && *s) {
		wchar_t wc;
		s += next_char(s, &wc);
		cols += char_width(wc);
	}
	return cols;
}

size_t ap_fit(const char *s, int cols, int *used)
{
	size_t off = 0;
	int w = 0;
	while (s && s[off]) {
		wchar_t wc;
		size_t n = next_char(s + off, &wc);
		int cw = char_width(wc);
		if (w + cw > cols)
			break;
		w += cw;
		off += n;
	}
	if (used)
		*used = w;
	return off;
}
