/* fuzz_ini.c - the INI layer: our line scan and iniparser over the same file.
 *
 * Beyond not crashing, the two readings must agree: every key the scan
 * reports (with its line) has a value from iniparser, since the loaders
 * trust ini_value for any key ini_key_name lists. */
#include "fuzz.h"
#include "acctplan/ini.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_ini_walk(const ini_doc *d)
{
	static const char *const allowed[] = {"tier", "type", "text", NULL};
	int nsec = ini_section_count(d);
	for (int i = 0; i < nsec; i++) {
		const char *sec = ini_section_name(d, i);
		fuzz_check(sec && *sec, "section %d has no name", i);
		int line = ini_section_line(d, sec);
		fuzz_check(line > 0, "[%s] has no line", sec);
		int nkeys = ini_key_count(d, sec);
		for (int k = 0; k < nkeys; k++) {
			const char *key = ini_key_name(d, sec, k);
			fuzz_check(key && *key, "[%s] key %d has no name", sec, k);
			fuzz_check(ini_line(d, sec, key) > line, "[%s] %s is not below its section", sec, key);
			const char *v = ini_value(d, sec, key);
			fuzz_check(v != NULL, "[%s] %s (line %d) has no value in iniparser", sec, key, ini_line(d, sec, key));
			ini_bool(v);
		}
		fuzz_check(ini_key_name(d, sec, nkeys) == NULL, "[%s] lists more than %d keys", sec, nkeys);
		ap_err e = {0};
		int rc = ini_check_keys(d, sec, allowed, &e);
		if (rc)
			fuzz_check_error(&e, rc, ini_path(d));
	}
	fuzz_check(ini_value(d, "no such section", "x") == NULL, "a value outside any section");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_write("input.ini", data, size);
	ini_doc *d = NULL;
	ap_err e = {0};
	int rc = ini_load(&d, path, &e);
	if (rc) {
		fuzz_check(d == NULL, "a failed load returned a document");
		fuzz_check_error(&e, rc, path);
	} else {
		fuzz_check(strcmp(ini_path(d), path) == 0, "path is '%s'", ini_path(d));
		fuzz_ini_walk(d);
		ini_free(&d);
		fuzz_check(d == NULL, "ini_free left the pointer");
	}
	free(path);
	return 0;
}
