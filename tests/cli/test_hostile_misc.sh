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

# ---- dates at the ends of the calendar ----
# acctplan keeps 1900-01-01 to 9999-12-31: it parses, stores and prints
# nothing outside, so whatever it exports imports again.

test_dates_outside_the_range_are_refused_naming_the_range() {
	seed
	refused 2 "--date '1899-12-31' is outside the dates acctplan keeps (1900-01-01 to 9999-12-31)" \
		meeting add Acme --tier sales --date 1899-12-31 --kind strategic "Review"
	refused 2 "--date '10000-01-01' is not a valid date (expected YYYY-MM-DD)" \
		meeting add Acme --tier sales --date 10000-01-01 --kind strategic "Review"
	refused 2 "--date '0000-12-31' is not a valid date (expected YYYY-MM-DD)" note Acme "Visit" --date 0000-12-31
	ap meeting add Acme --tier sales --date 9999-12-31 --kind strategic "The last review"
	ap meeting add Acme --tier sales --date 1900-01-01 --kind strategic "The first review"
}

# A pin the program cannot keep is refused before anything runs, where it
# used to be replaced by the clock without a word.
test_ACCTPLAN_TODAY_outside_the_range_or_malformed_is_refused() {
	seed
	ACCTPLAN_TODAY=10000-01-01 refused 2 "ACCTPLAN_TODAY '10000-01-01' is not a valid date (expected YYYY-MM-DD)" \
		note Acme "Visit"
	ACCTPLAN_TODAY=1899-12-31 refused 2 \
		"ACCTPLAN_TODAY '1899-12-31' is outside the dates acctplan keeps (1900-01-01 to 9999-12-31)" account list
	ACCTPLAN_TODAY=2026-02-30 refused 2 "ACCTPLAN_TODAY '2026-02-30' is not a valid date (expected YYYY-MM-DD)" \
		demo --force
	ACCTPLAN_TODAY= ap account list
}

test_ACCTPLAN_NOW_malformed_is_refused() {
	seed
	m="is not a time acctplan can use (expected YYYY-MM-DDTHH:MM:SSZ, the date from 1900-01-01 to 9999-12-31)"
	ACCTPLAN_NOW=2026-12-01T25:00:00Z refused 2 "ACCTPLAN_NOW '2026-12-01T25:00:00Z' $m" note Acme "Visit"
	ACCTPLAN_NOW=yesterday refused 2 "ACCTPLAN_NOW 'yesterday' $m" account add Beta
	ACCTPLAN_NOW=10000-01-01T00:00:00Z refused 2 "ACCTPLAN_NOW '10000-01-01T00:00:00Z' $m" account list
	ACCTPLAN_NOW=2026-12-01T09:30:00 ap account add Beta
	ACCTPLAN_NOW="2026-12-01 09:31:00Z" ap account add Gamma
	ap account list --format json
	contains "$T/out" '"name": "Beta"'
	eq "$(db_sql "SELECT created_at FROM account WHERE name <> 'Acme' ORDER BY id" | tr '\n' ' ')" \
		"2026-12-01T09:30:00Z 2026-12-01T09:31:00Z " "created_at"
}

# A demo portfolio of our own (ACCTPLAN_ASSETS), so the messages name a
# known file and line: its dates run from 304 days before its as_of to 44
# days after, so it loads with today from 1900-11-01 to 9999-11-17.
small_demo() {
	mkdir -p "$T/assets"
	cp "$TOP"/assets/*.ini "$T/assets/"
	cat >"$T/assets/demo.json" <<-'JSON'
	{"acctplan_export": 1, "as_of": "2026-11-01", "accounts": [
	  {"name": "Initech", "created": "2026-01-01",
	   "meetings": [{"tier": "sales", "date": "2026-12-15", "kind": "strategic", "summary": "Review"}]}
	]}
	JSON
	export ACCTPLAN_ASSETS="$T/assets"
}

test_the_demo_is_refused_when_today_would_move_its_dates_out_of_range() {
	seed
	small_demo
	ACCTPLAN_TODAY=9999-12-31 refused 2 "$T/assets/demo.json:3:43: accounts[0].meetings[0].date: 2026-12-15 would fall after 9999-12-31, the last date acctplan keeps, once as_of 2026-11-01 is moved to today (9999-12-31)" demo
	ACCTPLAN_TODAY=9999-11-18 refused 2 "$T/assets/demo.json:3:43: accounts[0].meetings[0].date: 2026-12-15 would fall after 9999-12-31, the last date acctplan keeps, once as_of 2026-11-01 is moved to today (9999-11-18)" demo
	ACCTPLAN_TODAY=1900-10-31 refused 2 "$T/assets/demo.json:2:34: accounts[0].created: 2026-01-01 would fall before 1900-01-01, the first date acctplan keeps, once as_of 2026-11-01 is moved to today (1900-10-31)" demo
}

# At either end of what it allows, the demo loads and its export imports.
test_the_demo_at_the_ends_of_the_range_exports_what_imports_again() {
	small_demo
	for day in 9999-11-17 1900-11-01; do
		db_wipe
		ACCTPLAN_TODAY=$day ap demo
		ACCTPLAN_TODAY=$day ap export -o "$T/$day.json"
		ap --db "$T/again-$day.db" import "$T/$day.json"
		ACCTPLAN_TODAY=$day ap --db "$T/again-$day.db" export -o "$T/again-$day.json"
		cmp -s "$T/$day.json" "$T/again-$day.json" || fail "the export at $day changed through import"
	done
	grep -q '"date": "9999-12-31"' "$T/9999-11-17.json" || fail "the meeting is not on the last day: $(cat "$T/9999-11-17.json")"
	grep -q '"created": "1900-01-01"' "$T/1900-11-01.json" || fail "the account is not from the first day: $(cat "$T/1900-11-01.json")"
}

# The shipped demo the same way (its exact dates are its own business).
test_the_shipped_demo_late_in_9999_is_refused_and_earlier_round_trips() {
	ACCTPLAN_TODAY=9999-12-31 expect_rc 2 "$AP" demo
	err_starts "$BUILD/"
	contains "$T/err" "assets/demo.json:"
	contains "$T/err" "would fall after 9999-12-31, the last date acctplan keeps, once as_of 2026-11-01 is moved to today (9999-12-31)"
	[ ! -s "$T/out" ] || fail "a refused demo printed: $(cat "$T/out")"
	ACCTPLAN_TODAY=9999-06-30 ap demo
	ACCTPLAN_TODAY=9999-06-30 ap export -o "$T/late.json"
	lacks "$T/late.json" '"0000-'
	ap --db "$T/again.db" import "$T/late.json"
}

run_suite
