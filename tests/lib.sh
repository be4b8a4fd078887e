# tests/lib.sh - the shell test harness for CLI and UI suites.
#
# A suite defines functions named test_*; `run_suite` runs each one in a
# subshell with a fresh, private environment (HOME, XDG dirs, database, a
# pinned date) and prints "PASS: suite/name" or "FAIL: suite/name: why".
# tests/run.sh counts those lines. Inside a test, a failed expectation ends
# the test with its message.
#
# Every suite runs twice: on a SQLite file, and with ACCTPLAN_TEST_PG set
# (the env file of a server tests/pg.sh started) on PostgreSQL, where each
# test gets a fresh database of its own and $ACCTPLAN_DB is its URL; the
# lines then read "PASS: suite[pg]/name". A test about the SQLite file
# itself (its mode, its journal, sqlite3 beside us) begins with
# `sqlite_only`, one about the server with `pg_only`: on the other store it
# does not run and prints "N/A: ...", which tests/run.sh does not count.

set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$TOP/build}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
AP="$BUILD/acctplan"
SUITE=$(basename "$0" .sh)

fail() { printf '%s\n' "$*" >"$T/.why"; exit 1; }

# expect_rc WANT CMD... : run CMD, capture stdout/stderr in $T/out $T/err, check status.
expect_rc() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" = "$want" ] || fail "expected exit $want, got $got from: $* -- stderr: $(head -c 400 "$T/err")"
}
# ap ARGS... : acctplan, expected to succeed.
ap() { expect_rc 0 "$AP" "$@"; }
contains() {  # contains FILE TEXT
	grep -qF -- "$2" "$1" || fail "expected $(basename "$1") to contain '$2'; it has: $(head -c 600 "$1")"
}
lacks() {
	! grep -qF -- "$2" "$1" || fail "expected $(basename "$1") not to contain '$2'"
}
eq() {  # eq GOT WANT [what]
	[ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}
# db_sql SQL: run SQL on the store as another client would (sqlite3 on the
# file, psql on a PostgreSQL store with the search path on schema acctplan),
# printing rows as sqlite3 does (columns joined by |). SQL is written once
# for both: SQLite's char(N) is PostgreSQL's chr(N).
db_sql() {
	if on_pg; then
		printf '%s\n' "$1" | sed 's/\bchar(/chr(/g' |
			PGOPTIONS="-c search_path=acctplan -c client_min_messages=warning" \
			"$(pg_bindir)/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$ACCTPLAN_DB" -f -
	else
		sqlite3 "$ACCTPLAN_DB" "$1"
	fi
}

# db_wipe: no store any more (the file, or the schema on PostgreSQL).
db_wipe() {
	if on_pg; then
		PGOPTIONS="-c client_min_messages=warning" "$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 \
			-d "$ACCTPLAN_DB" -c "DROP SCHEMA IF EXISTS acctplan CASCADE" || fail "could not drop the store"
	else
		rm -f "$ACCTPLAN_DB" "$ACCTPLAN_DB-wal" "$ACCTPLAN_DB-shm"
	fi
}

# The store's content as one canonical dump, to prove a failed command changed nothing.
dump() { "$AP" export 2>/dev/null; }

# Everything in the store, two ways: acctplan's own export and SQLite's dump
# of every table (never creates the file when it is not there). The search
# index's own tables are left out: they are derived from the records, and a
# row another process adds and removes leaves the same index in other pages.
snap() {
	dump
	if [ -f "$ACCTPLAN_DB" ]; then sqlite3 "$ACCTPLAN_DB" .dump | grep -v '^INSERT INTO search_[a-z]*_[a-z]* VALUES'; fi
}

# stderr is exactly one line, "acctplan: MSG".
err_is() {
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "expected one line on stderr, got: $(cat "$T/err")"
	eq "$(cat "$T/err")" "acctplan: $1" "stderr"
}

# stderr is one line that starts with "acctplan: PREFIX".
err_starts() {
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "expected one line on stderr, got: $(cat "$T/err")"
	case $(cat "$T/err") in
	"acctplan: $1"*) ;;
	*) fail "stderr: expected a line starting 'acctplan: $1', got '$(cat "$T/err")'" ;;
	esac
}

# refused RC MSG ARGS... : acctplan ARGS exits RC with exactly MSG and the store is unchanged.
refused() {
	rc=$1 msg=$2
	shift 2
	before=$(snap)
	expect_rc "$rc" "$AP" "$@"
	err_is "$msg"
	[ ! -s "$T/out" ] || fail "expected nothing on stdout from: $*; got: $(head -c 200 "$T/out")"
	eq "$(snap)" "$before" "store content after: $*"
}

# no_temp_files DIR NAME: nothing like NAME.XXXXXX (a temporary file beside
# NAME, as outfile writes one) is left in DIR.
no_temp_files() {
	left=$(find "$1" -maxdepth 1 -name "$2.*" | head -n 3)
	[ -z "$left" ] || fail "temporary files left behind: $left"
}

# mode FILE: its permission bits, as ls shows them.
mode() { ls -l "$1" | cut -c1-10; }

# hold_open SQL: another process (sqlite3 or psql, as a colleague's client
# would be) runs SQL on the store, then keeps its connection, and any
# transaction SQL began, open until `release`, which commits it. Sets $holder.
hold_open() {
	wait_release="touch \"$T/ready\"; i=0; while [ ! -f \"$T/release\" ] && [ \$i -lt 300 ]; do sleep 0.05; i=\$((i+1)); done"
	if on_pg; then
		printf '%s\n\\! %s\nCOMMIT;\n' "$1" "$wait_release" >"$T/holder.sql"
		PGOPTIONS="-c search_path=acctplan -c client_min_messages=warning" \
			"$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 -d "$ACCTPLAN_DB" -f "$T/holder.sql" >"$T/holder.log" 2>&1 &
	else
		printf '%s\n.shell %s\nCOMMIT;\n' "$1" "$wait_release" | sqlite3 "$ACCTPLAN_DB" >"$T/holder.log" 2>&1 &
	fi
	holder=$!
	i=0
	while [ ! -f "$T/ready" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	[ -f "$T/ready" ] || fail "the other process never got going: $(cat "$T/holder.log")"
}
release() { touch "$T/release"; wait "$holder"; }

# as_nobody CMD...: CMD as the unprivileged user nobody. acctplan's assets
# go with it, copied where nobody can read them: the checkout may sit in a
# folder nobody cannot enter (a CI clone under mktemp -d).
as_nobody() {
	if [ ! -d "$T/assets.nobody" ]; then
		cp -r "$TOP/assets" "$T/assets.nobody" && chmod -R a+rX "$T/assets.nobody" && chmod a+x "$T"
	fi
	ACCTPLAN_ASSETS="$T/assets.nobody" setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}

# A test for one store only ends here on the other, neither passed nor failed.
sqlite_only() { [ -z "${ACCTPLAN_TEST_PG:-}" ] || exit 77; }
pg_only() { [ -n "${ACCTPLAN_TEST_PG:-}" ] || exit 77; }
on_pg() { [ -n "${ACCTPLAN_TEST_PG:-}" ]; }

if on_pg; then
	. "$ACCTPLAN_TEST_PG" || exit 1
	. "$TOP/tests/pg_lib.sh"
	SUITE="$SUITE[pg]"
fi

# pinned NAME ARGS...: run acctplan ARGS and compare its output with
# tests/cli/expected/NAME; ACCTPLAN_UPDATE_EXPECTED=1 writes it there instead.
pinned() {
	name=$1
	shift
	ap "$@"
	want="$TOP/tests/cli/expected/$name"
	if [ -n "${ACCTPLAN_UPDATE_EXPECTED:-}" ]; then
		cp "$T/out" "$want"
		return 0
	fi
	[ -f "$want" ] || fail "no expected output $name (ACCTPLAN_UPDATE_EXPECTED=1 writes it)"
	diff -u "$want" "$T/out" >"$T/diff" || fail "acctplan $* differs from expected/$name: $(head -c 1500 "$T/diff")"
}

run_suite() {
	n=0
	for fn in $(grep -oE '^test_[A-Za-z0-9_]+' "$0"); do
		T=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-test.XXXXXX")
		db="$T/test.db"
		n=$((n + 1))
		if on_pg; then
			pgdb="t$$_$n"
			db=$(pg_fresh_db "$pgdb" 2>"$T/.why") || { echo "FAIL: $SUITE/${fn#test_}: $(cat "$T/.why")"; continue; }
		fi
		(
			export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_DATA_HOME="$T/home/.local/share"
			export ACCTPLAN_DB="$db" ACCTPLAN_TODAY=2026-11-23 ACCTPLAN_BUSY_TIMEOUT=300
			export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color USER=tester
			unset ACCTPLAN_CONFIG NO_COLOR VISUAL EDITOR ACCTPLAN_USER
			mkdir -p "$HOME"
			cd "$T" || exit 1
			"$fn"
		) </dev/null >"$T/.log" 2>&1
		rc=$?
		if on_pg; then pg_drop_db "$pgdb" >/dev/null 2>&1; fi
		if [ $rc -eq 77 ]; then
			echo "N/A: $SUITE/${fn#test_}: for the other store"
		elif [ $rc -eq 0 ]; then
			echo "PASS: $SUITE/${fn#test_}"
		else
			why=$(cat "$T/.why" 2>/dev/null || tail -n 3 "$T/.log")
			echo "FAIL: $SUITE/${fn#test_}: $why"
		fi
		rm -rf "$T"
	done
}
