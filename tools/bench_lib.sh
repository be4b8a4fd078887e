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

# measure LABEL TARGET_MS CMD...: median wall time of three runs of CMD, with
# their median CPU time and peak memory, on one line. TARGET_MS "-": no target.
measure() {
	label=$1
	target=$2
	shift 2
	runs=""
	cpus=""
	peak=0
	for i in 1 2 3; do
		run_once "$@" || return 1
		runs="$runs $RUN_MS"
		cpus="$cpus $RUN_CPU_MS"
		[ "$RUN_KB" -gt "$peak" ] && peak=$RUN_KB
	done
	median=$(printf '%s\n' $runs | sort -n | sed -n 2p)
	cpu=$(printf '%s\n' $cpus | sort -n | sed -n 2p)
	[ "$cpu" = 0 ] && cpu="<10"   # GNU time counts CPU in hundredths of a second
	detail="(median of 3; cpu $cpu ms; peak $(mib "$peak") MiB)"
	if [ "$target" = - ]; then
		printf '%-42s %9s ms  %s\n' "$label" "$median" "$detail"
	else
		printf '%-42s %9s ms  target < %s ms: %s  %s\n' "$label" "$median" "$target" \
			"$(verdict "$median" "$target")" "$detail"
	fi
}
