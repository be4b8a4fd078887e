#!/bin/sh
# Run every suite and print the closing line "N passed, N failed".
#   unit tests (cmocka, TAP output), plain and under ASan+UBSan, on SQLite
#   files; then the store suites among them (plain) again on a throwaway
#   PostgreSQL server;
#   tests/cli/test_*.sh and tests/ui/test_*.sh (tests/lib.sh harness; other
#   .sh files there are helpers they source), on SQLite, then again on the
#   same server.
# A test that is not for the store it ran on is counted neither way: a
# cmocka test that called skip() (TAP "# SKIP"), a shell test's "N/A:".
BUILD=${1:-build}
export BUILD
# The first pass of the unit tests is SQLite's, whatever the caller's environment says.
unset ACCTPLAN_TEST_PG_URL
pass=0
fail=0
log=$(mktemp)

count() {  # count LABEL: read PASS/FAIL lines from $log
	p=$(grep -ac '^PASS: ' "$log")
	f=$(grep -ac '^FAIL: ' "$log")
	grep -a '^FAIL: ' "$log"
	pass=$((pass + p))
	fail=$((fail + f))
	echo "$1: $p passed, $f failed"
}

units() {  # units LABEL-SUFFIX BINARY...: cmocka binaries, each counted as LABEL
	suffix=$1
	shift
	for t in "$@"; do
		[ -x "$t" ] || continue
		case $t in *.d|*.o) continue ;; esac
		label=${t#"$BUILD"/}$suffix
		CMOCKA_MESSAGE_OUTPUT=TAP ASAN_OPTIONS=detect_leaks=1 "$t" >"$log.raw" 2>&1
		rc=$?
		# A skipped test reads "not ok N # SKIP name" (cmocka 1.1) or "ok N -
		# name # SKIP" (TAP's own form): N/A, before the PASS and FAIL forms.
		sed -n -e "s|^\(not \)\{0,1\}ok [0-9]* # SKIP \(.*\)|N/A: $label/\2|p" \
			-e "s|^\(not \)\{0,1\}ok [0-9]* - \(.*\) # SKIP.*|N/A: $label/\2|p" \
			-e "s|^ok [0-9]* - \(.*\)|PASS: $label/\1|p" \
			-e "s|^not ok [0-9]* - \(.*\)|FAIL: $label/\1|p" "$log.raw" >"$log"
		# A crash or sanitizer report after the last test still fails the binary.
		if [ $rc -ne 0 ] && ! grep -q '^FAIL: ' "$log"; then
			echo "FAIL: $label: exit $rc: $(grep -m1 -E 'ERROR|runtime error' "$log.raw")" >>"$log"
		fi
		count "$label"
	done
}
units "" "$BUILD"/tests/test_* "$BUILD"/asan/tests/test_*

suites() {  # suites LABEL-SUFFIX
	for s in tests/cli/test_*.sh tests/ui/test_*.sh; do
		[ -f "$s" ] || continue
		sh "$s" >"$log" 2>&1
		count "$s$1"
	done
}

# One throwaway PostgreSQL server for the rest of the run (tests/pg.sh).
pgdir=$(mktemp -d)
pg=no
if sh tests/pg.sh start "$pgdir" >"$log" 2>&1; then
	pg=yes
else
	echo "FAIL: tests/pg.sh: no PostgreSQL server for the tests: $(tail -n 5 "$log")" | tee "$log"
	count "tests/pg.sh"
fi

# The store suites on PostgreSQL: one database, which each test empties
# first (tests/unit/unit_store.h). Plain builds only: the sanitizers watch
# the same store code on SQLite already.
if [ $pg = yes ]; then
	if url=$(. "$pgdir/env" && . tests/pg_lib.sh && pg_fresh_db unit 2>&1); then
		export ACCTPLAN_TEST_PG_URL="$url"
		units " [pg]" "$BUILD"/tests/test_store "$BUILD"/tests/test_port "$BUILD"/tests/test_rules \
			"$BUILD"/tests/test_contract
		unset ACCTPLAN_TEST_PG_URL
	else
		echo "FAIL: tests/unit [pg]: no database for the unit tests: $url" | tee "$log"
		count "tests/unit [pg]"
	fi
fi

suites ""

# The same suites on PostgreSQL, a fresh database for each test (tests/lib.sh).
if [ $pg = yes ]; then
	export ACCTPLAN_TEST_PG="$pgdir/env"
	suites " [pg]"
	unset ACCTPLAN_TEST_PG
	sh tests/pg.sh stop "$pgdir"
fi
rm -rf "$pgdir"
# The PostgreSQL schema against SQLite's, on servers of its own.
sh tests/pg_schema_check.sh >"$log" 2>&1
count tests/pg_schema_check.sh
rm -f "$log" "$log.raw"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
