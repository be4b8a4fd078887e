# bench_lib.sh - what the benchmark scripts share (sourced, not run).
#
# tools/bench.sh sources it, builds the bench database, then runs every
# tools/bench.d/*.sh in a subshell with these functions defined and with
#   AP         the acctplan binary to measure
#   BUILD      the build directory
#   BENCH_DB   the bench database, 10,000 accounts (ACCTPLAN_DB points at it too)
#   BENCH_DIR  BUILD/bench: the generated portfolio and the database live here
#   BENCH_TMP  a scratch folder, removed afterwards
# in the environment. A script prints its figures with `measure` (a command's
# median time of three runs) or `figure` (any other number). Commands must
# not change BENCH_DB: it is reused by later runs.

# run_once CMD...: run CMD once, output discarded; sets RUN_MS (wall time) and
# RUN_KB (peak resident memory, from GNU time). Fails, saying why, if CMD does.
run_once() {
	t0=$(date +%s%N)
	/usr/bin/time -f %M -o "$BENCH_TMP/rss" "$@" >/dev/null 2>"$BENCH_TMP/err"
	rc=$?
	t1=$(date +%s%N)
	RUN_MS=$(( (t1 - t0) / 1000000 ))
	RUN_KB=$(tail -n 1 "$BENCH_TMP/rss")
	if [ "$rc" -ne 0 ]; then
		echo "bench: failed (exit $rc): $*: $(head -c 300 "$BENCH_TMP/err")" >&2
		return 1
	fi
	note_peak "$RUN_KB"
}

# mib KB: kibibytes as mebibytes with one decimal.
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# note_peak KB: remember the largest peak memory of the whole run.
note_peak() {
	old=$(cat "$BENCH_TMP/peak" 2>/dev/null || echo 0)
	[ "$1" -gt "$old" ] && echo "$1" >"$BENCH_TMP/peak"
	return 0
}

# verdict VALUE TARGET: "ok" below the target, "MISSED" otherwise; counted for the summary.
verdict() {
	if awk -v v="$1" -v t="$2" 'BEGIN { exit !(v < t) }'; then
		echo ok >>"$BENCH_TMP/verdicts"
		echo ok
	else
		echo MISSED >>"$BENCH_TMP/verdicts"
		echo MISSED
	fi
}

# figure LABEL VALUE UNIT [TARGET]: one line of the report, with its target if any.
figure() {
	if [ -n "${4:-}" ]; then
		printf '%-42s %9s %-3s  target < %s %s: %s\n' "$1" "$2" "$3" "$4" "$3" "$(verdict "$2" "$4")"
	else
		printf '%-42s %9s %s\n' "$1" "$2" "$3"
	fi
}

# measure LABEL TARGET_MS CMD...: median wall time of three runs of CMD and
# its peak memory, on one line. TARGET_MS "-" means no target.
measure() {
	label=$1
	target=$2
	shift 2
	runs=""
	peak=0
	for i in 1 2 3; do
		run_once "$@" || return 1
		runs="$runs $RUN_MS"
		[ "$RUN_KB" -gt "$peak" ] && peak=$RUN_KB
	done
	median=$(printf '%s\n' $runs | sort -n | sed -n 2p)
	if [ "$target" = - ]; then
		printf '%-42s %9s ms  (median of 3; peak %s MiB)\n' "$label" "$median" "$(mib "$peak")"
	else
		printf '%-42s %9s ms  target < %s ms: %s  (median of 3; peak %s MiB)\n' "$label" "$median" "$target" \
			"$(verdict "$median" "$target")" "$(mib "$peak")"
	fi
}
