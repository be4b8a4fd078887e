/* fuzz_port.c - import: the input is a JSON document for `acctplan import`.
 *
 * It is imported as a dry run into the fixture store (which already holds two
 * accounts, so names can collide), with options taken from the input's length
 * (trailing blanks choose them without changing the document): bit 0 replaces
 * existing accounts, bit 1 moves "as_of" to today (as the demo does). A dry run must leave the store exactly as it was; bad input is
 * AP_EINPUT naming the file and where in it, never a store error.
 *
 * A document that imports is then round-tripped through an empty store:
 * import, export, import that, export again; both exports must be equal. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The whole store as export writes it. Caller frees. */
static char *fuzz_port_export(store *s)
{
	char *text = NULL;
	size_t len = 0;
	ap_err e = {0};
	FILE *f = open_memstream(&text, &len);
	fuzz_check(f != NULL, "open_memstream");
	int rc = port_export(s, f, &e);
	fclose(f);
	fuzz_check(rc == AP_OK, "export: %s", e.msg);
	return text;
}

static int fuzz_port_import(store *s, const char *path, const port_opts *o, ap_err *e)
{
	FILE *f = fopen(path, "rb");
	fuzz_check(f != NULL, "cannot open %s", path);
	port_counts n;
	int rc = port_import(s, fuzz_questions(), f, path, o, &n, e);
	fclose(f);
	if (rc == AP_OK)
		fuzz_check(n.accounts >= 0 && n.replaced >= 0 && n.replaced <= n.accounts, "%ld accounts, %ld replaced",
			n.accounts, n.replaced);
	return rc;
}

/* Import path (then its export) into the empty scratch store, each inside a
 * transaction rolled back after; the exports must be the same bytes. */
static void fuzz_port_round_trip(const char *path, const port_opts *o)
{
	static store *scratch;
	ap_err e = {0};
	if (!scratch) {
		char *db = fuzz_path("scratch.db");
		fuzz_setup_ok(store_open(&scratch, db, STORE_CREATE, &e), &e, "creating the scratch store");
		free(db);
	}
	char *again = fuzz_path("again.json"), *first, *second;
	port_opts plain = {0};
	fuzz_setup_ok(store_begin(scratch, &e), &e, "starting the round trip");
	fuzz_check(fuzz_port_import(scratch, path, o, &e) == AP_OK, "a dry run passed, the import failed: %s", e.msg);
	first = fuzz_port_export(scratch);
	store_rollback(scratch);
	free(fuzz_write("again.json", (const uint8_t *)first, strlen(first)));
	fuzz_setup_ok(store_begin(scratch, &e), &e, "starting the round trip");
	fuzz_check(fuzz_port_import(scratch, again, &plain, &e) == AP_OK, "re-importing the export: %s", e.msg);
	second = fuzz_port_export(scratch);
	store_rollback(scratch);
	fuzz_check(strcmp(first, second) == 0, "export, import, export differs:\n%s\n---\n%s", first, second);
	free(first);
	free(second);
	free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *before;
	store *s = fuzz_store();
	if (!before)
		before = fuzz_port_export(s);
	port_opts o = {.dry_run = 1, .replace = size & 1, .as_of_today = (size & 2) != 0};
	char *path = fuzz_write("import.json", data, size);
	ap_err e = {0};
	int rc = fuzz_port_import(s, path, &o, &e);
	/* Names already in the store are one error about the whole file, after it was read. */
	if (rc && !strstr(e.msg, "already in the store"))
		fuzz_check_error(&e, rc, path);
	fuzz_check(rc == AP_OK || rc == AP_EINPUT, "status %d: %s", rc, e.msg);
	char *after = fuzz_port_export(s);
	fuzz_check(strcmp(before, after) == 0, "a dry run changed the store");
	free(after);
	if (rc == AP_OK) {
		o.dry_run = 0;
		fuzz_port_round_trip(path, &o);
	}
	free(path);
	return 0;
}
