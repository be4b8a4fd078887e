#!/bin/sh
# Run every suite and print the closing line "N passed, N failed".
#   unit tests (cmocka, TAP output), plain and under ASan+UBSan;
#   tests/cli/test_*.sh and tests/ui/test_*.sh (tests/lib.sh harness; other
#   .sh files there are helpers they source), on SQLite, then again on a
#   throwaway PostgreSQL server.
BUILD=${1:-build}
export BUILD
pass=0
fail=0
log=$(mktemp)

count() {  # count LABEL: read PASS/FAIL lines from $log
	p=$(grep -c '^PASS: ' "$log")
	f=$(grep -c '^FAIL: ' "$log")
	grep '^FAIL: ' "$log"
	pass=$((pass + p))
	fail=$((fail + f))
	echo "$1: $p passed, $f failed"
}

for t in "$BUILD"/tests/test_* "$BUILD"/asan/tests/test_*; do
	[ -x "$t" ] || continue
	case $t in *.d|*.o) continue ;; esac
	label=${t#"$BUILD"/}
	CMOCKA_MESSAGE_OUTPUT=TAP ASAN_OPTIONS=detect_leaks=1 "$t" >"$log.raw" 2>&1
	rc=$?
	sed -n -e "s|^ok [0-9]* - \(.*\)|PASS: $label/\1|p" -e "s|^not ok [0-9]* - \(.*\)|FAIL: $label/\1|p" "$log.raw" >"$log"
	# A crash or sanitizer report after the last test still fails the binary.
	if [ $rc -ne 0 ] && ! grep -q '^FAIL: ' "$log"; then
		echo "FAIL: $label: exit $rc: $(grep -m1 -E 'ERROR|runtime error' "$log.raw")" >>"$log"
	fi
	count "$label"
done

suites() {  # suites LABEL-SUFFIX
	for s in tests/cli/test_*.sh tests/ui/test_*.sh; do
		[ -f "$s" ] || continue
		sh "$s" >"$log" 2>&1
		count "$s$1"
	done
}
suites ""

# The same suites on PostgreSQL: one throwaway server for the run
# (tests/pg.sh), a fresh database for each test (tests/lib.sh).
pgdir=$(mktemp -d)
if sh tests/pg.sh start "$pgdir" >"$log" 2>&1; then
	export ACCTPLAN_TEST_PG="$pgdir/env"
	suites " [pg]"
	unset ACCTPLAN_TEST_PG
	sh tests/pg.sh stop "$pgdir"
else
	echo "FAIL: tests/pg.sh: no PostgreSQL server for the tests: $(tail -n 5 "$log")" | tee "$log"
	count "tests/pg.sh"
fi
rm -rf "$pgdir"
# The PostgreSQL schema against SQLite's, on servers of its own.
sh tests/pg_schema_check.sh >"$log" 2>&1
count tests/pg_schema_check.sh
rm -f "$log" "$log.raw"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
