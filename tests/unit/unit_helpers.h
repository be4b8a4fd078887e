/* unit_helpers.h - what the cmocka suites share: cmocka itself, a private
 * temporary folder per test, files written into it, the shipped assets. */
#ifndef ACCTPLAN_UNIT_HELPERS_H
#define ACCTPLAN_UNIT_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctplan/util.h"

/* A fresh folder under $TMPDIR (mkdtemp); the caller frees the path after rm_tree. */
static inline char *make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/acctplan-unit.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static inline int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* rm -rf dir, then free the path. */
static inline void rm_tree(char *dir)
{
	if (dir)
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

/* Write text to dir/name and return the full path (caller frees). */
static inline char *write_tmp(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	return path;
}

/* The source tree's assets/ (tests run from the top of the tree, as make check
 * does), unless ACCTPLAN_ASSETS names another folder. Caller frees. */
static inline char *assets_dir(void)
{
	const char *over = getenv("ACCTPLAN_ASSETS");
	if (over && *over)
		return xstrdup(over);
	char here[PATH_MAX];
	assert_non_null(realpath(__FILE__, here));
	char *slash = strrchr(here, '/');
	*slash = '\0';
	return xasprintf("%s/../../assets", here);
}

/* got (which the test owns, and which is freed) must equal want; what names
 * the comparison in the failure message. */
static inline void expect_str(char *got, const char *want, const char *what)
{
	if (strcmp(got, want) != 0)
		fail_msg("%s: expected '%s', got '%s'", what, want, got);
	free(got);
}

/* *e must be the input error "path:line: msg" that INI problems produce. */
static inline void assert_file_error(const ap_err *e, const char *path, int line, const char *msg)
{
	char *want = xasprintf("%s:%d: %s", path, line, msg);
	assert_int_equal(e->status, AP_EINPUT);
	expect_str(xstrdup(e->msg), want, "error message");
	free(want);
}

/* Does msg contain needle? Shows both on failure. */
#define assert_contains(msg, needle) do { \
	const char *m_ = (msg), *n_ = (needle); \
	if (!strstr(m_, n_)) \
		fail_msg("expected \"%s\" in \"%s\"", n_, m_); \
	} while (0)

#endif
