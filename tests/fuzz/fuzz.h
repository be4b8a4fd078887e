/* fuzz.h - what the fuzz targets share: the input as a real file (the
 * parsers under test read paths and FILE streams, as acctplan does), the
 * shipped assets, a private temporary folder, and invariant checks.
 *
 * Each tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput. Built with
 * clang -fsanitize=fuzzer it is a libFuzzer target (make fuzz); included by
 * tests/unit/test_fuzz_replay.c with the entry point renamed, the same code
 * replays the corpus in make check. So every name a target defines besides
 * its entry point is prefixed with the target's name. */
#ifndef ACCTPLAN_FUZZ_H
#define ACCTPLAN_FUZZ_H

#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctplan/port.h"
#include "acctplan/qbank.h"
#include "acctplan/store.h"
#include "acctplan/util.h"

/* The day every target runs on, so dates in the fixture age the same way. */
#define FUZZ_TODAY "2026-11-23"

/* The input being replayed, named in invariant failures (NULL under libFuzzer,
 * which names the crashing input itself). */
static const char *fuzz_current;

/* An invariant of the code under test broke: say which, then abort so
 * libFuzzer records the input as a crash and the replay test fails. */
#define fuzz_check(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz invariant failed at %s:%d: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fprintf(stderr, "%s%s\n", fuzz_current ? "\ninput: " : "", fuzz_current ? fuzz_current : ""); \
		abort(); \
	} } while (0)

static inline int fuzz_rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static char *fuzz_dir;
static qbank fuzz_qb;
static store *fuzz_st;

/* At exit: the fixtures are closed before the folder holding them goes. */
static inline void fuzz_cleanup(void)
{
	store_close(&fuzz_st);
	qbank_free(&fuzz_qb);
	if (fuzz_dir)
		nftw(fuzz_dir, fuzz_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(fuzz_dir);
	fuzz_dir = NULL;
}

static inline void fuzz_at_exit(void)
{
	static int registered;
	if (!registered)
		atexit(fuzz_cleanup);
	registered = 1;
}

/* dir/name in a private folder made on first use and removed at exit; caller frees. */
static inline char *fuzz_path(const char *name)
{
	if (!fuzz_dir) {
		const char *base = getenv("TMPDIR");
		fuzz_dir = xasprintf("%s/acctplan-fuzz.XXXXXX", base && *base ? base : "/tmp");
		if (!mkdtemp(fuzz_dir)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		fuzz_at_exit();
	}
	return xasprintf("%s/%s", fuzz_dir, name);
}

/* The input written to the file `name` of the private folder; caller frees the path. */
static inline char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	char *path = fuzz_path(name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror("fuzz: writing the input");
		abort();
	}
	return path;
}

/* tests/fuzz/NAME (the fixture beside this header); caller frees. */
static inline char *fuzz_source(const char *name)
{
	char here[PATH_MAX];
	if (!realpath(__FILE__, here)) {
		fprintf(stderr, "fuzz: cannot find %s: run from the top of the source tree\n", __FILE__);
		abort();
	}
	*strrchr(here, '/') = '\0';
	return xasprintf("%s/%s", here, name);
}

/* A shipped asset: ACCTPLAN_ASSETS/name when set, else the source tree's
 * assets/ (targets run from the top of the tree, as make does). Caller frees. */
static inline char *fuzz_asset(const char *name)
{
	const char *over = getenv("ACCTPLAN_ASSETS");
	if (over && *over)
		return xasprintf("%s/%s", over, name);
	char *dir = fuzz_source("../../assets");
	char *path = xasprintf("%s/%s", dir, name);
	free(dir);
	return path;
}

/* Set up something a target cannot run without, or abort saying why. */
static inline void fuzz_setup_ok(int rc, const ap_err *e, const char *what)
{
	if (rc) {
		fprintf(stderr, "fuzz: %s: %s\n", what, e->msg);
		abort();
	}
}

/* The shipped question bank, loaded once. */
static inline const qbank *fuzz_questions(void)
{
	static int loaded;
	if (!loaded) {
		ap_err e = {0};
		char *path = fuzz_asset("questions.ini");
		fuzz_setup_ok(qbank_load(&fuzz_qb, path, NULL, &e), &e, "loading the question bank");
		free(path);
		loaded = 1;
		fuzz_at_exit();
	}
	return &fuzz_qb;
}

/* A real store holding tests/fuzz/fixture.json (two accounts, every kind of
 * record), made once in the private folder; targets must leave it unchanged. */
static inline store *fuzz_store(void)
{
	if (fuzz_st)
		return fuzz_st;
	const qbank *qb = fuzz_questions();
	ap_err e = {0};
	setenv("ACCTPLAN_TODAY", FUZZ_TODAY, 1);
	char *db = fuzz_path("fixture.db"), *json = fuzz_source("fixture.json");
	FILE *f = fopen(json, "rb");
	if (!f) {
		perror(json);
		abort();
	}
	fuzz_setup_ok(store_open(&fuzz_st, db, STORE_CREATE, &e), &e, "creating the fixture store");
	fuzz_setup_ok(port_import(fuzz_st, qb, f, json, NULL, NULL, &e), &e, "importing the fixture");
	fclose(f);
	free(db);
	free(json);
	return fuzz_st;
}

/* Every error a parser reports about its input names where: "PATH:LINE: ..."
 * or "PATH:LINE:COL: ...", or at least "PATH: ..." for a whole-file problem. */
static inline void fuzz_check_error(const ap_err *e, int rc, const char *path)
{
	size_t n = strlen(path);
	fuzz_check(rc == AP_EINPUT && e->status == AP_EINPUT, "status %d/%d: %s", rc, e->status, e->msg);
	fuzz_check(strncmp(e->msg, path, n) == 0 && e->msg[n] == ':', "error does not name the file: %s", e->msg);
}

#endif
