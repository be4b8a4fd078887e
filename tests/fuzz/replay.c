/* replay.c - the regression half of fuzzing: every input of a target's
 * corpus (seeds, inputs the fuzzer found interesting, and the crashers that
 * were fixed) through the target's entry point, compiled with the normal
 * compiler. tests/unit/test_fuzz_replay.c includes it after the targets, so
 * make check replays the corpus plain and under ASan+UBSan without clang's
 * fuzzer runtime. */
#include <dirent.h>

#include "fuzz.h"

typedef int (*fuzz_target)(const uint8_t *data, size_t size);

static int fuzz_by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Feed each file of tests/fuzz/corpus/NAME to target, in name order; how many. */
static size_t fuzz_replay(const char *name, fuzz_target target)
{
	char *corpus = fuzz_source("corpus"), *dir = xasprintf("%s/%s", corpus, name);
	DIR *d = opendir(dir);
	fuzz_check(d != NULL, "cannot open the corpus %s", dir);
	char **files = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.') {
			files = xrealloc(files, (n + 1) * sizeof *files);
			files[n++] = xasprintf("%s/%s", dir, de->d_name);
		}
	closedir(d);
	qsort(files, n, sizeof *files, fuzz_by_name);
	for (size_t i = 0; i < n; i++) {
		char *data;
		size_t len;
		ap_err e = {0};
		fuzz_check(ap_read_file(files[i], &data, &len, &e) == AP_OK, "%s", e.msg);
		fuzz_current = files[i];
		target((const uint8_t *)data, len);
		fuzz_current = NULL;
		free(data);
		free(files[i]);
	}
	free(files);
	free(dir);
	free(corpus);
	return n;
}
