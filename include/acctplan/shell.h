/* shell.h - printing an argument list as a command line a POSIX shell reads
 * back as exactly those arguments.
 *
 * Whatever acctplan prints for a user to paste (a rule's hint, the brief's
 * commands) is an argument list, and every argument is quoted here as it is
 * printed: a name such as "Sub $(touch pwned) Co" stays one argument and
 * never runs anything. This is the one place that knows how to quote. */
#ifndef ACCTPLAN_SHELL_H
#define ACCTPLAN_SHELL_H

#include "acctplan/util.h"

/* Append arg to b as one shell word:
 *   - bare when it is not empty, holds only A-Z a-z 0-9 _ @ % + = : , . / -
 *     and does not start with '=' (zsh expands "=word" to a path);
 *   - otherwise in single quotes, an embedded ' written as '\'';
 *   - an argument holding a character that must not reach a terminal raw
 *     (a C0 or C1 control, DEL, a bidi override or isolate, a byte that is
 *     not UTF-8) is written $'...' with each byte of such a character as an
 *     octal escape \ooo (and \\ \' \041 for backslash, quote and '!').
 * Names refuse those characters, so only data written by another client of a
 * shared database gets the third form. bash, zsh, ksh and POSIX.1-2024 sh read
 * it back exactly; an older sh (dash) reads "$" and the escapes as plain text,
 * so the command names something that does not exist: it still runs nothing. */
void shell_quote(ap_buf *b, const char *arg);

/* argv[0, argc) as one command line: each argument quoted, single spaces
 * between. A first word holding '=' is quoted too, so the shell never takes
 * it for an assignment. */
void shell_join(ap_buf *b, const char *const *argv, int argc);

/* ---- a word still being typed (shell completion) ----
 * Completion reads the words on the line as the shell will, without running
 * anything, and extends the last one in whatever quote it is in. */

/* Where a word stands at its end: outside quotes, inside '...', or inside "...". */
enum shell_state { SHELL_BARE, SHELL_SINGLE, SHELL_DOUBLE };

typedef struct shell_word {
	char *text;              /* its value once the shell removes the quotes; never expanded */
	enum shell_state state;  /* at its end */
	int escaped;             /* it ends in a backslash that quotes what comes next */
	size_t open;             /* SHELL_SINGLE, SHELL_DOUBLE: where the open quote's text starts in raw */
} shell_word;

/* Read raw, a word as typed (quotes and backslashes, no expansion: "$(x)"
 * is the text $(x)); caller frees w->text. */
void shell_word_read(const char *raw, shell_word *w);
/* Append s, quoted to continue w as it ends (a backslash before each
 * character the shell would act on outside quotes, '\'' inside '...', a
 * backslash before $ ` " \ and a closed quote around ! inside "..."), so
 * the word reads back as w->text then s. Returns -1, appending nothing,
 * when s holds a character that must not reach a terminal raw or cannot
 * follow what w ends with. */
int shell_word_continue(ap_buf *b, const shell_word *w, const char *s);

#endif
