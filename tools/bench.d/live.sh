# live.sh - live reload in a real terminal (sourced by tools/bench.sh).
#
# The workbench runs in tmux at 120x40 on a copy of the bench database
# (commands must not change BENCH_DB). Two figures (issue 9):
#  - idle CPU: its user + system time (/proc/PID/stat) over a minute with
#    no key and no other writer, target < 600 ms: it polls every 500 ms and
#    does nothing but one PRAGMA when nothing changed;
#  - reload latency: from a CLI commit (the command has returned) to the
#    account count on screen showing it, the screen read every 50 ms, ten
#    commits (five adds, five removals), target < 2000 ms for the worst.
# BENCH_IDLE_SECONDS shortens the idle run (the figure is scaled to a minute).

command -v tmux >/dev/null 2>&1 || { echo "bench: live.sh needs tmux" >&2; return 0; }
live_db=$BENCH_TMP/live.db
cp "$BENCH_DB" "$live_db" || return 0
[ -f "$BENCH_DB-wal" ] && cp "$BENCH_DB-wal" "$live_db-wal"
sock=acctplan-bench-$$
ltmx() { tmux -L "$sock" -f /dev/null "$@"; }
# This runs in bench.sh's subshell: its exit must stop the workbench and drop
# the copy, never BENCH_TMP itself, which the later scripts still use.
trap 'ltmx kill-server >/dev/null 2>&1; rm -f "$live_db" "$live_db-wal" "$live_db-shm"' EXIT INT TERM

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# screen_wait TEXT: poll the screen every 50 ms (30 s at most); 1 when it never shows.
screen_wait() {
	i=0
	while [ $i -lt 600 ]; do
		ltmx capture-pane -p | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "bench: live.sh waited in vain for '$1'" >&2
	return 1
}
# cpu_ms PID: the process's user + system time so far.
cpu_ms() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz }' "/proc/$1/stat"
}

n=$(ACCTPLAN_DB=$live_db "$AP" account list --format csv | tail -n +2 | wc -l)
ltmx new-session -d -x 120 -y 40 \
	"sh -c 'echo \$\$ >$BENCH_TMP/live.pid; exec env ACCTPLAN_DB=$live_db TERM=xterm-256color $AP'" || return 0
screen_wait "Accounts  $n" || return 0
pid=$(cat "$BENCH_TMP/live.pid")
sleep 2   # the flag counts of the first screen are filled in between frames
secs=${BENCH_IDLE_SECONDS:-60}
c0=$(cpu_ms "$pid")
sleep "$secs"
c1=$(cpu_ms "$pid")
figure "workbench idle CPU per minute" $(( (c1 - c0) * 60 / secs )) ms 600

worst=0
sum=0
for k in 1 2 3 4 5; do
	for step in add remove; do
		if [ $step = add ]; then want=$((n + 1)); else want=$n; fi
		# Commits spread over the poll period: one right after the screen
		# changed would always land at the same point of the next wait.
		sleep "0.$((k * 2))$([ $step = add ] && echo 1 || echo 6)"
		ACCTPLAN_DB=$live_db "$AP" account $step "0 live probe $k" $([ $step = remove ] && echo --yes) \
			>/dev/null 2>&1 || { echo "bench: live.sh: account $step failed" >&2; return 0; }
		t0=$(now_ms)
		screen_wait "Accounts  $want" || return 0
		d=$(( $(now_ms) - t0 ))
		sum=$((sum + d))
		[ $d -gt $worst ] && worst=$d
	done
done
figure "live reload latency: 10 commits, mean" $((sum / 10)) ms
figure "live reload latency: worst commit to screen" "$worst" ms 2000
ltmx kill-server >/dev/null 2>&1
