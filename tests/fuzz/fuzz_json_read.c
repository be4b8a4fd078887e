/* fuzz_json_read.c - the streaming JSON reader, from memory and from a file.
 *
 * Both ways must read the same tokens and fail with the same message (import
 * reads files, the tests read memory). The grammar's promises are checked on
 * the way: strings never hold a NUL, containers balance, and once JR_END or
 * JR_ERROR is returned the reader stays there. */
#include "fuzz.h"
#include "acctplan/json_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every token of r, in a compact form, then "$" or "error: MESSAGE"; *ok
 * says which. Caller frees. */
static char *fuzz_json_tokens(json_r *r, int *ok)
{
	ap_buf out = {0};
	ap_err e = {0};
	int depth = 0, tok;
	buf_puts(&out, "");
	do {
		tok = jr_next(r, &e);
		fuzz_check(depth >= 0 && depth <= JR_MAX_DEPTH, "depth %d", depth);
		switch (tok) {
		case JR_OBJ: case JR_ARR:
			depth++;
			buf_puts(&out, tok == JR_OBJ ? "{" : "[");
			break;
		case JR_OBJ_END: case JR_ARR_END:
			depth--;
			buf_puts(&out, tok == JR_OBJ_END ? "}" : "]");
			break;
		case JR_KEY: case JR_STR: case JR_NUM:
			fuzz_check(strlen(jr_text(r)) == jr_len(r), "a NUL inside %s", jr_token_name(tok));
			fuzz_check(jr_len(r) <= JR_STR_MAX, "a text of %zu bytes", jr_len(r));
			buf_printf(&out, " %c%zu:%s", tok == JR_KEY ? 'K' : tok == JR_STR ? 'S' : 'N', jr_len(r), jr_text(r));
			if (tok == JR_NUM) {
				double d;
				if (jr_number(r, &d, &e) == AP_OK)
					buf_printf(&out, "=%g", d);
			}
			break;
		case JR_TRUE: case JR_FALSE: case JR_NULL:
			buf_puts(&out, tok == JR_TRUE ? " T" : tok == JR_FALSE ? " F" : " Z");
			break;
		case JR_END:
			fuzz_check(depth == 0, "the end of input inside %d containers", depth);
			buf_puts(&out, " $");
			break;
		default:
			fuzz_check(tok == JR_ERROR, "unknown token %d", tok);
			fuzz_check(e.status == AP_EINPUT && strncmp(e.msg, r->name, strlen(r->name)) == 0,
				"error does not name the input: %s", e.msg);
			buf_printf(&out, " error: %s", e.msg);
		}
	} while (tok != JR_END && tok != JR_ERROR);
	*ok = tok == JR_END;
	int again = jr_next(r, &e);
	fuzz_check(again == tok, "read %d after %d", again, tok);
	return buf_steal(&out);
}

/* Skipping the top-level value must succeed exactly when reading it token by token did. */
static void fuzz_json_skip(const uint8_t *data, size_t size, int whole_ok)
{
	json_r r;
	ap_err e = {0};
	jr_init(&r, NULL, (const char *)data, size, "input.json");
	int tok = jr_next(&r, &e);
	int ok = tok != JR_ERROR && tok != JR_END && jr_skip(&r, tok, &e) == AP_OK && jr_next(&r, &e) == JR_END;
	fuzz_check(ok == whole_ok, "skipping %s, reading %s", ok ? "succeeds" : "fails", whole_ok ? "succeeds" : "fails");
	jr_free(&r);
}

/* Read data from memory and from a file: the same tokens or the same error.
 * Returns whether the document was complete and valid. */
static int fuzz_json_both_ways(const uint8_t *data, size_t size)
{
	json_r r;
	int ok, file_ok;
	jr_init(&r, NULL, (const char *)data, size, "input.json");
	char *from_memory = fuzz_json_tokens(&r, &ok);
	jr_free(&r);

	char *path = fuzz_write("input.json", data, size);
	FILE *f = fopen(path, "rb");
	fuzz_check(f != NULL, "cannot open %s", path);
	jr_init(&r, f, NULL, 0, "input.json");
	char *from_file = fuzz_json_tokens(&r, &file_ok);
	jr_free(&r);
	fclose(f);

	fuzz_check(ok == file_ok && strcmp(from_memory, from_file) == 0, "memory and file disagree:\n%s\n%s",
		from_memory, from_file);
	free(from_memory);
	free(from_file);
	free(path);
	return ok;
}

/* json_read.c reads files in chunks of this size. */
#define FUZZ_JSON_CHUNK 65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_json_skip(data, size, fuzz_json_both_ways(data, size));
	/* Again behind blanks that put the end of the first chunk in the middle
	 * of the input, where a token must be carried from one chunk to the next. */
	if (size > 1) {
		size_t pad = FUZZ_JSON_CHUNK - size / 2;
		uint8_t *padded = xmalloc(pad + size);
		memset(padded, ' ', pad);
		memcpy(padded + pad, data, size);
		fuzz_json_both_ways(padded, pad + size);
		free(padded);
	}
	return 0;
}
