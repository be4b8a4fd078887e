# rules.sh - the rules engine on the bench database (sourced by tools/bench.sh).
#
# The whole portfolio through the CLI, then the engine in-process with
# tools/bench_rules: re-evaluating one account is far below a process's
# start-up, so only an in-process timing says whether the workbench can
# re-check an account after every edit (target 5 ms).
#
# check records the day it first and last saw each flag (flag_seen), so
# it runs on a copy of the bench database: BENCH_DB stays as it was. The
# copy is checked once first, so the figures below are those of a check
# after the first of its day, as most are.
checked=$BENCH_TMP/checked.db
cp "$BENCH_DB" "$checked" || return 1
run_once env ACCTPLAN_DB="$checked" "$AP" check --format json || return 1
figure "check: the first ever (records every flag)" "$RUN_MS" ms
figure "check: the first ever, CPU" "$RUN_CPU_MS" ms
measure "check --format json (whole portfolio)" 500 env ACCTPLAN_DB="$checked" "$AP" check --format json
measure "check --format csv (whole portfolio)" - env ACCTPLAN_DB="$checked" "$AP" check --format csv
measure "check (text, whole portfolio)" - env ACCTPLAN_DB="$checked" "$AP" check
one=$("$AP" account list --format csv | sed -n '2{s/^"//;s/[",].*//;p}')
measure "check ONE-ACCOUNT (a whole process)" - env ACCTPLAN_DB="$checked" "$AP" check "$one"

# The first check of each of three days (every flag's last_seen moves:
# one UPDATE over the portfolio), then a second check of the last day
# (nothing to write). Medians of the three days.
runs="" cpus=""
for day in 2026-11-24 2026-11-25 2026-11-26; do
	run_once env ACCTPLAN_DB="$checked" ACCTPLAN_TODAY=$day "$AP" check --format json || return 1
	runs="$runs $RUN_MS"
	cpus="$cpus $RUN_CPU_MS"
done
figure "check --format json, first of a day" "$(printf '%s\n' $runs | sort -n | sed -n 2p)" ms
figure "check --format json, first of a day, CPU" "$(printf '%s\n' $cpus | sort -n | sed -n 2p)" ms
measure "check --format json, again that day" - env ACCTPLAN_DB="$checked" ACCTPLAN_TODAY=2026-11-26 "$AP" check --format json
rm -f "$checked" "$checked-wal" "$checked-shm"

if run_once "$BUILD/tools/bench_rules" "$BENCH_DB" "$TOP/assets" 200; then
	"$BUILD/tools/bench_rules" "$BENCH_DB" "$TOP/assets" 200 >"$BENCH_TMP/rules"
	sed -n 's/^rules: \([^:]*\): \([0-9.]*\) ms (\(.*\))$/\1 (\3)|\2/p' "$BENCH_TMP/rules" |
	while IFS='|' read -r what ms; do
		figure "rules in-process: $what" "$ms" ms
	done
	worst=$(sed -n 's/.*re-evaluated: [0-9.]* ms mean, \([0-9.]*\) ms worst.*/\1/p' "$BENCH_TMP/rules")
	mean=$(sed -n 's/.*re-evaluated: \([0-9.]*\) ms mean.*/\1/p' "$BENCH_TMP/rules")
	figure "rules: one account re-evaluated (mean)" "$mean" ms
	figure "rules: one account re-evaluated (worst of 200)" "$worst" ms 5
	mean=$(sed -n "s/.*canvas read and laid out: \([0-9.]*\) ms mean.*/\1/p" "$BENCH_TMP/rules")
	figure "canvas of one account, in-process (mean of 200)" "$mean" ms 5
fi
