# rules.sh - the rules engine on the bench database (sourced by tools/bench.sh).
#
# The whole portfolio through the CLI, then the engine in-process with
# tools/bench_rules: re-evaluating one account is far below a process's
# start-up, so only an in-process timing says whether the workbench can
# re-check an account after every edit (target 5 ms).
measure "check --format json (whole portfolio)" 500 "$AP" check --format json
measure "check --format csv (whole portfolio)" - "$AP" check --format csv
measure "check (text, whole portfolio)" - "$AP" check
one=$("$AP" account list --format csv | sed -n '2{s/^"//;s/[",].*//;p}')
measure "check ONE-ACCOUNT (a whole process)" - "$AP" check "$one"

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
fi
