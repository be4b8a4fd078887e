# tui.sh - the workbench on the bench database (sourced by tools/bench.sh).
#
# The workbench replays a key script (--keys) with ACCTPLAN_TIMING set and
# reports, on standard error, the time from its start to the first complete
# frame, the time from each key to the frame that answers it, and its peak
# memory. The screen is drawn into /dev/null at 120x40, as on a projector.
# Targets (issue 4): first frame < 150 ms, navigation < 16 ms, memory < 64 MiB.

keys=$BENCH_TMP/tui-nav.keys
{
	# The account list: row by row, pages, both ends of 10,000 accounts.
	echo "h"
	for i in $(seq 40); do echo "j"; done
	for i in $(seq 10); do echo "PgDn"; done
	echo "G"
	for i in $(seq 20); do echo "k"; done
	echo "g"
	for i in $(seq 10); do echo "PgDn"; done
	for i in $(seq 10); do echo "PgUp"; done
	# The panes and their questions.
	for i in $(seq 8); do echo "Tab"; echo "j"; echo "j"; done
	for t in 1 2 3 1 2 3; do echo "$t"; echo "j"; done
	echo "h"
	for i in $(seq 30); do echo "j"; echo "l"; echo "h"; done
} >"$keys"
nav=$(grep -c . "$keys")

tui_run() {  # tui_run SCRIPT: one timed replay; its figures into $BENCH_TMP/tui.err
	run_once env ACCTPLAN_TIMING=1 COLUMNS=120 LINES=40 TERM=xterm-256color "$AP" --keys "$1" || return 1
	cp "$BENCH_TMP/err" "$BENCH_TMP/tui.err"
}
tui_figure() { sed -n "s/^timing: $1 [0-9].*$2 \\([0-9.]*\\) ms.*/\\1/p" "$BENCH_TMP/tui.err"; }

# The first frame: median of three starts that draw and quit. A frame never
# waits for flag counts of rows not evaluated yet ("..."): they are filled in
# between keys, so both the first frame and the first complete one count.
echo "q" >"$BENCH_TMP/tui-quit.keys"
firsts=""
completes=""
walls=""
for i in 1 2 3; do
	tui_run "$BENCH_TMP/tui-quit.keys" || return 0
	firsts="$firsts $(sed -n 's/^timing: first-frame \([0-9.]*\) ms/\1/p' "$BENCH_TMP/tui.err")"
	completes="$completes $(sed -n 's/^timing: first-frame-complete \([0-9.]*\) ms/\1/p' "$BENCH_TMP/tui.err")"
	walls="$walls $RUN_MS"
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
figure "workbench first frame (median of 3)" "$(median $firsts)" ms
figure "workbench first complete frame (median of 3)" "$(median $completes)" ms 150
figure "workbench start, frame and quit (process)" "$(median $walls)" ms

tui_run "$keys" || return 0
figure "workbench navigation: $nav keys, mean" "$(tui_figure navigation mean)" ms
figure "workbench navigation: worst key to its frame" "$(tui_figure navigation max)" ms 16
figure "workbench navigation: worst key to complete" "$(tui_figure navigation-complete max)" ms
figure "workbench peak memory (navigation run)" "$(mib "$RUN_KB")" MiB 64
