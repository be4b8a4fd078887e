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

/* ---- a word still being typed ---- */

void shell_word_read(const char *raw, shell_word *w)
{
	ap_buf t = {0};
	buf_add(&t, "", 0);
	w->state = SHELL_BARE;
	w->escaped = 0;
	w->open = 0;
	for (size_t i = 0; raw[i]; i++) {
		char c = raw[i];
		if (w->state == SHELL_SINGLE) {
			if (c == '\'')
				w->state = SHELL_BARE;
			else
				buf_add(&t, &c, 1);
		} else if (c == '\\' && !raw[i + 1]) {
			w->escaped = 1;
		} else if (c == '\\') {
			/* Inside "..." a backslash quotes only $ ` " \ and a line
			 * break; before anything else it is itself. A quoted line
			 * break joins lines: it is no character of the word. */
			if (w->state == SHELL_DOUBLE && !strchr("$`\"\\\n", raw[i + 1]))
				buf_add(&t, "\\", 1);
			else if (raw[++i] != '\n')
				buf_add(&t, raw + i, 1);
		} else if (c == '\'' && w->state == SHELL_BARE) {
			w->state = SHELL_SINGLE;
			w->open = i + 1;
		} else if (c == '"' && w->state == SHELL_DOUBLE) {
			w->state = SHELL_BARE;
		} else if (c == '"') {
			w->state = SHELL_DOUBLE;
			w->open = i + 1;
		} else {
			buf_add(&t, &c, 1);
		}
	}
	w->text = buf_steal(&t);
}

/* One character of a continuation, quoted for the state it is in. */
static void continue_char(ap_buf *b, enum shell_state state, const char *c, size_t len)
{
	unsigned char first = (unsigned char)*c;
	if (state == SHELL_SINGLE && first == '\'') {
		buf_add(b, "'\\''", 4);
		return;
	}
	if (state == SHELL_DOUBLE && first == '!') {  /* bash's history expansion acts inside "..." */
		buf_add(b, "\"\\!\"", 4);
		return;
	}
	/* Bytes from 0x80 are UTF-8 (an unsafe one never gets here): nothing to
	 * any shell, and a backslash before one byte would split a character. */
	int escape = state == SHELL_DOUBLE ? strchr("$`\"\\", first) != NULL
		: state == SHELL_BARE && first < 0x80 && !bare_char(first);
	if (escape)
		buf_add(b, "\\", 1);
	buf_add(b, c, len);
}

int shell_word_continue(ap_buf *b, const shell_word *w, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		int unsafe;
		i += next_char(u + i, n - i, &unsafe);
		if (unsafe)
			return -1;
	}
	/* The backslash typed last quotes the first character: outside quotes
	 * any, inside "..." only one it quotes there (before another it would
	 * stay in the word); with nothing after it, it would quote the blank
	 * that ends the word. */
	if (w->escaped && (!n || (w->state == SHELL_DOUBLE && !strchr("$`\"\\", *s))))
		return -1;
	buf_add(b, "", 0);
	for (size_t i = 0; i < n;) {
		int unsafe;
		size_t len = next_char(u + i, n - i, &unsafe);
		if (i == 0 && w->escaped)
			buf_add(b, s, len);
		else
			continue_char(b, w->state, s + i, len);
		i += len;
	}
	return 0;
}
