#!/bin/sh
# The workbench refuses what the command line refuses (issue 11, item 2):
# an answer that shows nothing is not saved as an answer.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

IDSP=$(printf '\343\200\200')   # U+3000 ideographic space
NBSP=$(printf '\302\240')

test_an_answer_of_blanks_typed_inline_is_refused_and_nothing_is_saved() {
	ap account add "Acme Tools" --industry Manufacturing --segment growth
	before=$(dump)
	tui_start
	wait_for "Their business"
	tui_keys Enter
	wait_for "Their business:"
	tui_type "$IDSP$NBSP$IDSP"
	tui_keys Enter
	wait_for "answer has no visible character"
	lacks "$T/screen" "Source of this answer"
	eq "$(dump)" "$before" "store content"
	# The same question then takes an answer that says something.
	tui_keys Enter
	wait_for "Their business:"
	tui_type "${IDSP}Presses"
	tui_keys Enter
	wait_for "Source of this answer"
	tui_keys Enter Enter
	wait_for "saved: answer to 'Their business'"
	ap history "Acme Tools" business --format csv
	contains "$T/out" "${IDSP}Presses,conversation,medium"
}

run_suite
