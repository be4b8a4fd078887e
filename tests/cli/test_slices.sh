#!/bin/sh
# check over a portfolio a slice of accounts at a time: bounded memory, and
# the output, exit status and bookkeeping (flag_seen) of a whole read. The
# slice is set small with ACCTPLAN_CHECK_SLICE so that the demo's few
# accounts take the sliced path; each result is compared with the whole
# portfolio's read at once (the default slice holds the whole demo).
. "$(dirname "$0")/../lib.sh"

# same_sliced ARGS...: check ARGS gives the same bytes on stdout, stderr and
# exit status read whole and in slices of 1, 2, 3 and 5 accounts.
same_sliced() {
	"$AP" check "$@" >"$T/whole.out" 2>"$T/whole.err"
	echo "exit $?" >>"$T/whole.err"
	for n in 1 2 3 5; do
		ACCTPLAN_CHECK_SLICE=$n "$AP" check "$@" >"$T/slice.out" 2>"$T/slice.err"
		echo "exit $?" >>"$T/slice.err"
		cmp -s "$T/whole.out" "$T/slice.out" ||
			fail "check $* in slices of $n differs: $(diff "$T/whole.out" "$T/slice.out" | head -c 600)"
		cmp -s "$T/whole.err" "$T/slice.err" || fail "check $* in slices of $n: stderr or status differ"
	done
}

test_every_format_and_filter_reads_the_same_in_slices() {
	ap demo
	# Snoozed and in-hand flags too, so that their fields cross slices.
	ap snooze "Lakeshore Health Partners" one_sided --until 2099-01-01 --reason "a quiet year"
	for fmt in text json csv md; do
		same_sliced --format "$fmt"
		same_sliced --format "$fmt" --all
		same_sliced --format "$fmt" --severity warn
		same_sliced --format "$fmt" --tier product
	done
	same_sliced --fail-on critical
	same_sliced --fail-on info --format json
	same_sliced "Nordvind Turbines" --format json
}

test_the_flags_of_every_severity_come_most_severe_first() {
	ap demo
	ACCTPLAN_CHECK_SLICE=2 "$AP" check --format csv >"$T/out" || fail "check failed"
	# Severity never rises down the list, though every slice has flags of several.
	tail -n +2 "$T/out" | awk -F, '{ print $6 }' | awk '
		BEGIN { r["critical"] = 4; r["high"] = 3; r["warn"] = 2; r["info"] = 1 }
		{ if ($1 in r) { if (NR > 1 && r[$1] > last) bad = 1; last = r[$1] } }
		END { exit bad }' || fail "a flag is listed after a less severe one"
	eq "$(tail -n +2 "$T/out" | awk -F, '{ print $6 }' | sort -u | wc -l)" 4 "severities listed"
}

test_an_empty_portfolio_reads_the_same_in_slices() {
	ap init
	same_sliced
	same_sliced --format json
	same_sliced --format csv
}

# What check records (since when each flag is there) shows in flag_unowned's
# messages on a later day: the same after a sliced check as after a whole one.
test_the_flags_seen_are_recorded_as_by_a_whole_read() {
	ap demo
	ACCTPLAN_CHECK_SLICE=2 "$AP" check >/dev/null
	ACCTPLAN_TODAY=2027-03-01 "$AP" check --format json >"$T/sliced" 2>&1
	db_wipe
	ap demo
	"$AP" check >/dev/null
	ACCTPLAN_TODAY=2027-03-01 "$AP" check --format json >"$T/whole" 2>&1
	cmp -s "$T/sliced" "$T/whole" || fail "a later check differs after a sliced check: $(diff "$T/whole" "$T/sliced" | head -c 600)"
	contains "$T/whole" '"rule":"flag_unowned"'
}

# Nothing recorded (the store is read-only) changes neither output nor status.
test_a_store_that_cannot_be_written_still_reads_in_slices() {
	sqlite_only
	chmod 711 "$T"
	mkdir "$T/ro"
	export ACCTPLAN_DB="$T/ro/test.db"
	ap demo
	chown nobody "$ACCTPLAN_DB"
	chmod 555 "$T/ro"
	sum=$(cksum <"$ACCTPLAN_DB")
	ACCTPLAN_TODAY=2027-01-15 expect_rc 1 as_nobody "$AP" check --format json --fail-on critical
	mv "$T/out" "$T/whole"
	ACCTPLAN_CHECK_SLICE=3 ACCTPLAN_TODAY=2027-01-15 expect_rc 1 as_nobody "$AP" check --format json --fail-on critical
	cmp -s "$T/out" "$T/whole" || fail "sliced and whole differ on a read-only store"
	eq "$(cksum <"$ACCTPLAN_DB")" "$sum" "the database file"
}

run_suite
