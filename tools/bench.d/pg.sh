# pg.sh - the PostgreSQL store beside SQLite: the same portfolio copied into
# a throwaway server (tests/pg.sh: local socket, fsync off), the issue's
# targets measured on both, each PostgreSQL line right under its SQLite one.
# Wall times: on PostgreSQL the work happens in the server, which CPU time
# of the client does not show.

pgdir=$BENCH_TMP/pg
if ! sh "$TOP/tests/pg.sh" start "$pgdir" >"$BENCH_TMP/pg.log" 2>&1; then
	echo "bench: no PostgreSQL server for the PostgreSQL figures: $(tail -n 3 "$BENCH_TMP/pg.log")" >&2
	echo MISSED >>"$BENCH_TMP/verdicts"
	return 0
fi
# This script's subshell stops the server when it ends; bench.sh removes BENCH_TMP.
trap 'sh "$TOP/tests/pg.sh" stop "$pgdir" >/dev/null 2>&1' EXIT INT TERM
. "$pgdir/env"
. "$TOP/tests/pg_lib.sh"
url=$(pg_fresh_db bench) || { echo "bench: could not create the PostgreSQL bench database" >&2; return 0; }

# The load: import of the generated portfolio, as on SQLite above.
run_once env ACCTPLAN_DB="$url" "$AP" import "$BENCH_DIR/portfolio-$N.json" || return 0
figure "[pg] import (one run)" "$RUN_MS" ms 10000
figure "[pg] import peak memory" "$(mib "$RUN_KB")" MiB 64
pg_psql -d bench -c "VACUUM ANALYZE" >/dev/null 2>&1

# both LABEL TARGET_MS ARGS...: the command on the SQLite bench database,
# then on PostgreSQL.
both() {
	label=$1 target=$2
	shift 2
	measure "$label" "$target" "$AP" "$@"
	measure "[pg] $label" "$target" env ACCTPLAN_DB="$url" "$AP" "$@"
}
one=$("$AP" account list --format csv | sed -n 2p | cut -d, -f1)
rare=$(grep -o -m1 '"text": "[^"]*ref[0-9]\{5\}' "$BENCH_DIR/portfolio-$N.json" | grep -o 'ref[0-9]\{5\}$')
both "check (whole portfolio)" 500 check --format json
both "check one account (a whole process)" - check "$one" --format json
both "search tender (common word)" 50 search tender
both "search $rare (rare word)" 50 search "$rare"
both "account list --format json" 300 account list --format json
both "portfolio --format json" 1000 portfolio --format json
# One account re-evaluated in-process, as rules.sh times it on SQLite: the
# figure the 5 ms target is for (a process's start-up is more than that).
if "$BUILD/tools/bench_rules" "$url" "$TOP/assets" 200 >"$BENCH_TMP/pg-rules" 2>&1; then
	worst=$(sed -n 's/.*re-evaluated: [0-9.]* ms mean, \([0-9.]*\) ms worst.*/\1/p' "$BENCH_TMP/pg-rules")
	figure "[pg] rules: one account re-evaluated (worst of 200)" "$worst" ms 5
else
	echo "bench: tools/bench_rules on PostgreSQL failed: $(head -c 300 "$BENCH_TMP/pg-rules")" >&2
fi
run_once env ACCTPLAN_DB="$url" "$AP" export -o "$BENCH_TMP/pg-export.json" &&
	figure "[pg] export peak memory" "$(mib "$RUN_KB")" MiB 64
