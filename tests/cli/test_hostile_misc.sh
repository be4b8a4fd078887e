#!/bin/sh
# Hostile input, odd corners (issue 10): a NUL byte in text read from
# standard input, dates at the ends of the calendar acctplan keeps.
# Each refusal is one exact line, exit 2, and the store unchanged.
. "$(dirname "$0")/../lib.sh"

seed() {
	ap init
	ap account add Acme
	ap note Acme "First visit"
}

# ---- a NUL byte on standard input ----

# It used to be freed twice (exit 134): the reader freed the text and left
# it to its caller, which freed it again.
test_a_nul_byte_in_text_from_standard_input_is_refused_saying_where() {
	seed
	printf 'a\0b' >"$T/nul"
	m="standard input contains a NUL byte (line 1, byte 2)"
	refused 2 "$m" note Acme - <"$T/nul"
	refused 2 "$m" answer Acme business - <"$T/nul"
	refused 2 "$m" meeting add Acme --tier sales --date 2026-10-01 --kind strategic - <"$T/nul"
	refused 2 "$m" note edit Acme 1 --text - <"$T/nul"
	printf 'line one\nline two\n\0\n' >"$T/nul3"
	refused 2 "standard input contains a NUL byte (line 3, byte 1)" note Acme - <"$T/nul3"
}

test_text_from_standard_input_without_a_nul_is_saved() {
	seed
	printf 'Second visit\n' >"$T/in"
	ap note Acme - <"$T/in"
	ap note list Acme
	contains "$T/out" "Second visit"
}

run_suite
