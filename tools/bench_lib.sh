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

# run_once CMD...: run CMD once, output discarded; sets RUN_MS (wall time),
# RUN_CPU_MS (user + system time: what a busy machine does not inflate) and
# RUN_KB (peak resident memory), from GNU time. Fails, saying why, if CMD does.
run_once() {
	t0=$(date +%s%N)
	/usr/bin/time -f '%M %U %S' -o "$BENCH_TMP/rss" "$@" >/dev/null 2>"$BENCH_TMP/err"
	rc=$?
	t1=$(date +%s%N)
	RUN_MS=$(( (t1 - t0) / 1000000 ))
	RUN_KB=$(tail -n 1 "$BENCH_TMP/rss" | cut -d' ' -f1)
	RUN_CPU_MS=$(tail -n 1 "$BENCH_TMP/rss" | awk '{ printf "%d", ($2 + $3) * 1000 }')
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

# median_run CMD...: median wall time (MEDIAN_MS) and CPU time (MEDIAN_CPU)
# of three runs of CMD, and their peak memory (MEDIAN_KB).
median_run() {
	runs=""
	cpus=""
	MEDIAN_KB=0
	for i in 1 2 3; do
		run_once "$@" || return 1
		runs="$runs $RUN_MS"
		cpus="$cpus $RUN_CPU_MS"
		[ "$RUN_KB" -gt "$MEDIAN_KB" ] && MEDIAN_KB=$RUN_KB
	done
	MEDIAN_MS=$(printf '%s\n' $runs | sort -n | sed -n 2p)
	MEDIAN_CPU=$(printf '%s\n' $cpus | sort -n | sed -n 2p)
	[ "$MEDIAN_CPU" = 0 ] && MEDIAN_CPU="<10"   # GNU time counts CPU in hundredths of a second
	return 0
}

# base_detail CMD...: with BENCH_BASE (an earlier build of acctplan), CMD
# run with it in place of $AP, in the same minute: its median time and
# memory, and this build's time as a ratio of it. Empty without BENCH_BASE.
base_detail() {
	[ -n "${BENCH_BASE:-}" ] || return 0
	ours=$MEDIAN_MS ours_kb=$MEDIAN_KB
	# The base's memory is not this build's: the run's peak stays as it was.
	cp "$BENCH_TMP/peak" "$BENCH_TMP/peak.ours" 2>/dev/null
	for arg; do
		shift
		if [ "$arg" = "$AP" ]; then set -- "$@" "$BENCH_BASE"; else set -- "$@" "$arg"; fi
	done
	if median_run "$@"; then
		ratio=$(awk -v a="$ours" -v b="$MEDIAN_MS" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
		printf '  [base %s ms, %s MiB; ratio %s]' "$MEDIAN_MS" "$(mib "$MEDIAN_KB")" "$ratio"
	else
		printf '  [base failed]'
	fi
	[ -f "$BENCH_TMP/peak.ours" ] && mv "$BENCH_TMP/peak.ours" "$BENCH_TMP/peak"
	MEDIAN_MS=$ours MEDIAN_KB=$ours_kb
}

# measure LABEL TARGET_MS CMD...: median wall time of three runs of CMD, with
# their median CPU time and peak memory, on one line (and the same of
# BENCH_BASE, when set). TARGET_MS "-": no target.
measure() {
	label=$1
	target=$2
	shift 2
	median_run "$@" || return 1
	median=$MEDIAN_MS
	detail="(median of 3; cpu $MEDIAN_CPU ms; peak $(mib "$MEDIAN_KB") MiB)$(base_detail "$@")"
	if [ "$target" = - ]; then
		printf '%-42s %9s ms  %s\n' "$label" "$median" "$detail"
	else
		printf '%-42s %9s ms  target < %s ms: %s  %s\n' "$label" "$median" "$target" \
			"$(verdict "$median" "$target")" "$detail"
	fi
}
