/* shell.c - quoting arguments for a POSIX shell (see shell.h for the forms). */
#include <string.h>

#include <utf8proc.h>

#include "acctplan/shell.h"
#include "acctplan/text.h"

/* What a word may hold and stay bare: A-Z a-z 0-9 _ @ % + = : , . / -,
 * nothing that means anything to sh, bash, zsh or ksh in the middle of a
 * word. Tested byte by byte, not with strspn: a portfolio's check quotes
 * millions of arguments, and strspn builds its table on every call. */
static int bare_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '@' ||
		c == '%' || c == '+' || c == '=' || c == ':' || c == ',' || c == '.' || c == '/' || c == '-';
}

/* The character at s (n > 0 bytes left): its length in bytes, and in
 * *raw_unsafe whether it would act on a terminal or reorder the text around
 * it if printed as it is (text.h's list, and a tab, which would not survive
 * a copy from the terminal). A byte that does not start a UTF-8 character is
 * one unsafe character of its own. */
static size_t next_char(const unsigned char *s, size_t n, int *raw_unsafe)
{
	size_t control = ap_control_len((const char *)s);
	*raw_unsafe = control || *s == '\t';
	if (control || *s < 0x80)
		return control ? control : 1;
	utf8proc_int32_t c;
	utf8proc_ssize_t len = utf8proc_iterate(s, (utf8proc_ssize_t)n, &c);
	if (len <= 0) {
		*raw_unsafe = 1;
		return 1;
	}
	return (size_t)len;
}

/* '...': nothing inside is special to the shell but the quote itself. */
static void single_quoted(ap_buf *b, const char *s)
{
	buf_add(b, "'", 1);
	for (const char *q; (q = strchr(s, '\'')); s = q + 1) {
		buf_add(b, s, (size_t)(q - s));
		buf_add(b, "'\\''", 4);
	}
	buf_puts(b, s);
	buf_add(b, "'", 1);
}

/* $'...' with the unsafe characters as octal escapes. '!' is escaped too:
 * bash's interactive history expansion does not know this quote. */
static void dollar_quoted(ap_buf *b, const unsigned char *s, size_t n)
{
	buf_add(b, "$'", 2);
	for (size_t i = 0; i < n;) {
		int unsafe;
		size_t len = next_char(s + i, n - i, &unsafe);
		if (unsafe || s[i] == '!')
			for (size_t k = 0; k < len; k++)
				buf_printf(b, "\\%03o", s[i + k]);
		else if (s[i] == '\\' || s[i] == '\'')
			buf_printf(b, "\\%c", s[i]);
		else
			buf_add(b, (const char *)s + i, len);
		i += len;
	}
	buf_add(b, "'", 1);
}

static void quote(ap_buf *b, const char *arg, int first_word)
{
	const unsigned char *s = (const unsigned char *)arg;
	size_t n = 0;
	while (s[n] && bare_char(s[n]))
		n++;
	if (n && !s[n] && s[0] != '=' && !(first_word && memchr(arg, '=', n))) {
		buf_add(b, arg, n);
		return;
	}
	n += strlen(arg + n);
	int unsafe = 0;
	for (size_t i = 0; i < n && !unsafe;)
		i += next_char(s + i, n - i, &unsafe);
	if (unsafe)
		dollar_quoted(b, s, n);
	else
		single_quoted(b, arg);
}

void shell_quote(ap_buf *b, const char *arg) { quote(b, arg, 0); }

void shell_join(ap_buf *b, const char *const *argv, int argc)
{
	buf_add(b, "", 0);
	for (int i = 0; i < argc; i++) {
		if (i)
			buf_add(b, " ", 1);
		quote(b, argv[i], i == 0);
	}
}
