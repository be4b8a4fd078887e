#!/bin/sh
# bench.sh BUILD - the performance figures on a 10,000-account portfolio.
#
# Generates the portfolio (BUILD/bench/portfolio-N.json) and the bench
# database (BUILD/bench/bench-N.db) once and reuses them; delete BUILD/bench to
# start over. Then times the import, listing and search, and runs every
# tools/bench.d/*.sh (see tools/bench_lib.sh) for the other engineers'
# figures. Prints one line per figure with its target; asserts nothing.
# BENCH_ACCOUNTS changes the size (default 10000; make bench SIZE=N). With
# BENCH_BASE set to an earlier build's acctplan (make bench BASE=...), each
# timed command is run with it too, in the same minute, and its line ends
# with that build's figures and the ratio of this one's time to them.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
N=${BENCH_ACCOUNTS:-10000}
AP=$BUILD/acctplan
BENCH_DIR=$BUILD/bench
BENCH_DB=$BENCH_DIR/bench-$N.db
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/acctplan-bench.XXXXXX")
trap 'rm -rf "$BENCH_TMP"' EXIT INT TERM
# A pinned day and no user configuration: the same figures on every machine's data.
export AP BUILD BENCH_DB BENCH_DIR BENCH_TMP
export ACCTPLAN_DB=$BENCH_DB ACCTPLAN_TODAY=2026-11-23 XDG_CONFIG_HOME=$BENCH_DIR/config LC_ALL=C.UTF-8
unset ACCTPLAN_CONFIG
. "$TOP/tools/bench_lib.sh"

[ -x "$AP" ] && [ -x "$BUILD/tools/gen_portfolio" ] || { echo "bench: build first (make BUILD=$BUILD)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
if [ -n "${BENCH_BASE:-}" ]; then
	case $BENCH_BASE in /*) ;; *) BENCH_BASE=$(pwd)/$BENCH_BASE ;; esac
	[ -x "$BENCH_BASE" ] || { echo "bench: BASE '$BENCH_BASE' is not an acctplan binary" >&2; exit 2; }
	export BENCH_BASE
fi
mkdir -p "$BENCH_DIR"
json=$BENCH_DIR/portfolio-$N.json

# Wall times grow with the machine's load; CPU times show what the program itself costs.
echo "acctplan benchmark: $N accounts ($(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg))${BENCH_BASE:+, against $BENCH_BASE}"
if [ ! -f "$json" ]; then
	run_once "$BUILD/tools/gen_portfolio" -n "$N" -s 1 -o "$json.tmp" && mv "$json.tmp" "$json" || exit 1
	figure "generate portfolio" "$RUN_MS" ms
fi
figure "portfolio export file" "$(mib $(( $(stat -c %s "$json") / 1024 )))" MiB

# Import is not repeatable on one database, so it is timed once into a scratch
# one, which becomes the bench database when there is none yet.
# Its target grows with the portfolio: 30 s at 100,000 accounts (issue 17).
scratch=$BENCH_DIR/import.db
rm -f "$scratch" "$scratch-wal" "$scratch-shm" "$scratch-journal"
run_once env ACCTPLAN_DB="$scratch" "$AP" import "$json" || exit 1
figure "import (one run)" "$RUN_MS" ms $((N * 3 / 10))
figure "import CPU time (user + sys)" "$RUN_CPU_MS" ms
figure "import peak memory" "$(mib "$RUN_KB")" MiB 64
if [ -f "$BENCH_DB" ]; then
	rm -f "$scratch" "$scratch-wal" "$scratch-shm" "$scratch-journal"
else
	mv "$scratch" "$BENCH_DB"
fi
figure "database size" "$(mib $(( $(stat -c %s "$BENCH_DB") / 1024 )))" MiB

measure "account list --format json" 300 "$AP" account list --format json

# search_figure WHAT WORD MIN MAX: time 'search WORD', having checked that it
# finds from MIN to MAX records (of the first 100), so that the figure times
# the search its label names (a rare word once sat in no note, and its
# figure timed a search that found nothing).
search_figure() {
	n=$("$AP" search "$2" --format csv --limit 100 | tail -n +2 | wc -l)
	[ "$n" -ge "$3" ] && [ "$n" -le "$4" ] ||
		echo "bench: 'search $2' finds $n records, not what a $1 should" >&2
	[ "$n" -ge 100 ] && n="100+"
	measure "search $2 ($1, $n found)" 50 "$AP" search "$2"
}
# A word in about one text in six, a token of a few texts taken from a
# note, a word in none, and the start of the names of one company in 16.
rare=$(grep -o -m1 '"text": "[^"]*ref[0-9]\{5\}' "$json" | grep -o 'ref[0-9]\{5\}$')
search_figure "common word" tender 100 100
search_figure "rare word" "$rare" 1 99
search_figure "no word" qzxjvw 0 0
search_figure "common name" north 100 100

for script in "$TOP"/tools/bench.d/*.sh; do
	[ -f "$script" ] || continue
	( . "$script" ) || echo "bench: $(basename "$script") failed" >&2
done

figure "peak memory of any command" "$(mib "$(cat "$BENCH_TMP/peak")")" MiB 64
ok=$(grep -c '^ok$' "$BENCH_TMP/verdicts")
missed=$(grep -c '^MISSED$' "$BENCH_TMP/verdicts")
echo "$ok targets met, $missed missed"
