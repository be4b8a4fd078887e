/* test_fuzz_replay.c - every input in tests/fuzz/corpus/ replayed through its
 * fuzz target: the parsers take each without a crash, a leak, a sanitizer
 * report or a broken invariant (the targets check them, see tests/fuzz/). */
#include "unit_helpers.h"

/* Each target defines LLVMFuzzerTestOneInput; here each gets its own name. */
#define LLVMFuzzerTestOneInput fuzz_ini_one
#include "../fuzz/fuzz_ini.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_qbank_one
#include "../fuzz/fuzz_qbank.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_rules_one
#include "../fuzz/fuzz_rules.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_json_read_one
#include "../fuzz/fuzz_json_read.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_port_one
#include "../fuzz/fuzz_port.c"
#undef LLVMFuzzerTestOneInput

#include "../fuzz/replay.c"

/* One target and its corpus folder, tests/fuzz/corpus/NAME. */
typedef struct replay_case {
	const char *corpus;
	fuzz_target target;
} replay_case;

static void corpus_replays_cleanly(void **state)
{
	const replay_case *c = *state;
	/* An empty or missing corpus would pass without testing anything. */
	assert_true(fuzz_replay(c->corpus, c->target) > 0);
}

#define REPLAY(test_name, corpus, target) \
	{test_name, corpus_replays_cleanly, NULL, NULL, &(replay_case){corpus, target}}

int main(void)
{
	const struct CMUnitTest tests[] = {
		REPLAY("ini_layer_takes_every_corpus_file", "ini", fuzz_ini_one),
		REPLAY("question_bank_takes_every_corpus_file", "qbank", fuzz_qbank_one),
		REPLAY("rules_loader_takes_every_corpus_file", "rules", fuzz_rules_one),
		REPLAY("json_reader_takes_every_corpus_file", "json_read", fuzz_json_read_one),
		REPLAY("import_takes_every_corpus_file", "port", fuzz_port_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
