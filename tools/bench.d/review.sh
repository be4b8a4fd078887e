# review.sh - the account review on a 10,000-account store (sourced by
# tools/bench.sh). Beginning a review writes, so it runs on a copy.
#
# Targets (issue 14): entering review mode < 150 ms (the whole command
# 'review --resume': the walk read back, the account's sheet, the first
# frame), moving to the next account < 16 ms (key to frame, the mark saved),
# "changed since the last review" of one account < 5 ms (in-process).
# Beginning one is timed too, without a target: it ranks every account in
# scope by its critical flags once, an evaluation of their rules.
copy=$BENCH_DIR/review.db
rm -f "$copy" "$copy-wal" "$copy-shm"
run_once "$AP" backup "$copy" || return 1
echo "q" >"$BENCH_TMP/review-quit.keys"
n=$(sqlite3 "$copy" "SELECT count(*) FROM account WHERE segment = 'key'")
measure "review --segment key: begin ($n accounts ranked)" - \
	env ACCTPLAN_DB="$copy" COLUMNS=120 LINES=40 "$AP" --keys "$BENCH_TMP/review-quit.keys" review --segment key
measure "review --resume: enter review mode" 150 \
	env ACCTPLAN_DB="$copy" COLUMNS=120 LINES=40 "$AP" --keys "$BENCH_TMP/review-quit.keys" review --resume 1
keys=$BENCH_TMP/review-next.keys
for i in $(seq 30); do echo ">"; done >"$keys"
if run_once env ACCTPLAN_DB="$copy" ACCTPLAN_TIMING=1 COLUMNS=120 LINES=40 "$AP" --keys "$keys" review --resume 1; then
	figure "review: next account, mean of 30" "$(sed -n 's/^timing: all-keys [0-9]* keys, mean \([0-9.]*\) ms.*/\1/p' "$BENCH_TMP/err")" ms
	figure "review: next account, worst key to its frame" \
		"$(sed -n 's/^timing: all-keys .* max \([0-9.]*\) ms.*/\1/p' "$BENCH_TMP/err")" ms 16
fi
if run_once "$BUILD/tools/bench_review" "$copy" 100; then
	line=$("$BUILD/tools/bench_review" "$copy" 100)
	figure "review: changed since, in-process (mean)" "$(echo "$line" | sed -n 's/.*: \([0-9.]*\) ms mean.*/\1/p')" ms
	figure "review: changed since, in-process (worst)" "$(echo "$line" | sed -n 's/.* \([0-9.]*\) ms worst.*/\1/p')" ms 5
fi
rm -f "$copy" "$copy-wal" "$copy-shm"
