# reports.sh - the portfolio synthesis and a meeting brief (sourced by tools/bench.sh).
# Every format has the target the issue sets at 100,000 accounts (issue 17),
# and goes out as it is made: its peak memory is the synthesis's alone.
measure "portfolio --format json" 1000 "$AP" portfolio --format json
measure "portfolio (text)" 1000 "$AP" portfolio
measure "portfolio --format csv (coverage)" 1000 "$AP" portfolio --format csv
# An account from the middle of the list, so no index walk is favoured.
acct=$("$AP" account list --format csv | sed -n '5001{s/,.*//;p;q}')
measure "brief (text, sales)" 50 "$AP" brief "$acct" --tier sales
measure "brief --format md (executive)" 50 "$AP" brief "$acct" --tier executive --format md
# A whole process: its start-up, the bank and rules loaded, the store opened.
# The canvas itself (target 5 ms) is timed in-process by bench_rules (rules.sh).
measure "account canvas (text, one account)" 50 "$AP" account canvas "$acct"

# The workbench views (issue 5): the time from the key that opens a view to
# its first frame, from the workbench's own timing (see tui.sh), median of 3.
view_open() {  # view_open KEY: ms from KEY to the frame that answers it
	printf '%s\n' "$1" >"$BENCH_TMP/report-view.keys"
	run_once env ACCTPLAN_TIMING=1 COLUMNS=120 LINES=40 TERM=xterm-256color "$AP" --keys "$BENCH_TMP/report-view.keys" ||
		return 1
	sed -n 's/^timing: all-keys [0-9]* keys, mean [0-9.]* ms, max \([0-9.]*\) ms.*/\1/p' "$BENCH_TMP/err"
}
for view in "P portfolio view drawn" "b brief view drawn"; do
	key=${view%% *}
	runs=""
	for i in 1 2 3; do
		runs="$runs $(view_open "$key")" || break
	done
	target=150
	[ "$key" = b ] && target=50
	figure "workbench ${view#* }" "$(printf '%s\n' $runs | sort -n | sed -n 2p)" ms "$target"
done
