# drivers.sh - the workbench's live what-if (sourced by tools/bench.sh).
#
# Target (issue 15): what-if recomputation in the workbench < 16 ms, from
# each key typed in the what-if's prompt (the chain recomputed with the
# text so far, demand_whatif_apply) to the frame that shows it, and from
# its Enter to the frame with the what-if kept. The workbench times the
# keys typed in a prompt on their own (ACCTPLAN_TIMING, "prompt-keys").
# The account: the first with a driver whose growth is given, found by the
# account filter; the other keys are not in the figure.
acct=$("$AP" driver list --format csv | awk -F, 'NR > 1 && $6 != "" { print $1; exit }')
[ -n "$acct" ] || { echo "bench: drivers.sh: no driver with a growth in the bench database" >&2; return 1; }
keys=$BENCH_TMP/whatif.keys
{
	echo "f"
	echo "type $acct"
	echo "Enter"
	echo "C"
	# Growth, then the step's factor, then the share, ten times each.
	for i in $(seq 10); do
		printf 'Enter\nC-u\ntype 1%s.5\nEnter\n' "$i"
		printf 'j\nEnter\nC-u\ntype 0.%s25\nEnter\n' "$i"
		printf 'j\nEnter\nC-u\ntype 4%s\nEnter\nk\nk\n' "$i"
	done
	echo "q"
	echo "q"
} >"$keys"
if run_once env ACCTPLAN_TIMING=1 COLUMNS=120 LINES=40 TERM=xterm-256color "$AP" --keys "$keys"; then
	n=$(sed -n 's/^timing: prompt-keys \([0-9]*\) keys.*/\1/p' "$BENCH_TMP/err")
	figure "what-if: $n keys typed, mean key to frame" \
		"$(sed -n 's/^timing: prompt-keys [0-9]* keys, mean \([0-9.]*\) ms.*/\1/p' "$BENCH_TMP/err")" ms
	figure "what-if: worst key to its frame" \
		"$(sed -n 's/^timing: prompt-keys .* max \([0-9.]*\) ms.*/\1/p' "$BENCH_TMP/err")" ms 16
fi
