# tests/ui/tmux_lib.sh - driving the workbench in a real terminal.
#
# Sourced by tests/ui/test_*.sh after tests/lib.sh. Each test gets its own
# tmux server on a private socket with no configuration (-f /dev/null), so
# neither the user's tmux nor another test can interfere; the server is
# killed when the test's subshell exits, whatever happened. The screen is
# read with capture-pane and waited for by polling, never by fixed sleeps.

command -v tmux >/dev/null 2>&1 || { echo "FAIL: $SUITE: tmux is not installed"; exit 1; }

# The socket name: this suite's process and the test's private folder.
tui_sock() { echo "ap$$-$(basename "$T")"; }
tmx() { tmux -L "$(tui_sock)" -f /dev/null "$@"; }

tui_stop() { tmx kill-server >/dev/null 2>&1; return 0; }

# shell_quote ARG: ARG in single quotes, for a generated script.
shell_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# tui_start [-s WxH] [ARGS...]: open the workbench with ARGS in a WxH terminal
# (default 120x40) and wait for its first frame. Its process id goes to
# $T/tui.pid; when it ends, its exit status to $T/tui.rc and the terminal
# settings after it to $T/stty.after (those before it: $T/stty.before).
tui_start() {
	size=120x40
	if [ "${1:-}" = -s ]; then
		size=$2
		shift 2
	fi
	rm -f "$T/tui.rc" "$T/stty.after" "$T/tui.pid"
	args=""
	for a in "$@"; do
		args="$args $(shell_quote "$a")"
	done
	cat >"$T/tui.sh" <<-EOF
		trap '' INT
		stty -a >"$T/stty.before" 2>&1
		sh -c 'echo \$\$ >"\$0"; exec "\$@"' "$T/tui.pid" "$AP" $args 2>"$T/tui.err"
		echo \$? >"$T/tui.rc"
		stty -a >"$T/stty.after" 2>&1
		exec sleep 600
	EOF
	trap tui_stop EXIT
	tmx new-session -d -x "${size%x*}" -y "${size#*x}" "sh '$T/tui.sh'" || fail "tmux could not start"
	wait_for "acctplan"
}

tui_keys() { tmx send-keys "$@"; }
tui_type() { tmx send-keys -l -- "$1"; }
tui_resize() { tmx resize-window -x "$1" -y "$2"; }
# The screen as text into $T/screen (and printed).
tui_screen() { tmx capture-pane -p >"$T/screen"; cat "$T/screen"; }
# The screen with its attributes as escape sequences into $T/screen.esc.
tui_screen_esc() { tmx capture-pane -p -e >"$T/screen.esc"; }
# The process id of the workbench.
tui_pid() { cat "$T/tui.pid"; }

# wait_steps "$@": how many 50 ms polls a wait makes, 200 (10 s) or, after
# -t SECONDS, that long; the caller then shifts $WAIT_SHIFT arguments.
wait_steps() {
	if [ "${1:-}" = -t ]; then
		WAIT_STEPS=$(($2 * 20))
		WAIT_SHIFT=2
	else
		WAIT_STEPS=200
		WAIT_SHIFT=0
	fi
}

# wait_for [-t SECONDS] TEXT: poll the screen until it shows TEXT (10 s), else fail with it.
wait_for() {
	wait_steps "$@"
	shift $WAIT_SHIFT
	i=0
	while [ $i -lt $WAIT_STEPS ]; do
		tmx capture-pane -p >"$T/screen" 2>/dev/null
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "waited for '$1' on the screen; it shows:
$(cat "$T/screen")
stderr: $(cat "$T/tui.err" 2>/dev/null)"
}

# wait_for_text TEXT: like wait_for, but the screen is read as one text, its
# rows joined and runs of blanks made one, so a message the workbench wrapped
# over several rows is found whole.
wait_for_text() {
	i=0
	while [ $i -lt 200 ]; do
		tmx capture-pane -p >"$T/screen" 2>/dev/null
		tr -s ' \n' '  ' <"$T/screen" | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "waited for '$1' on the screen (rows joined); it shows:
$(cat "$T/screen")"
}

# wait_gone [-t SECONDS] TEXT: poll until the screen no longer shows TEXT.
wait_gone() {
	wait_steps "$@"
	shift $WAIT_SHIFT
	i=0
	while [ $i -lt $WAIT_STEPS ]; do
		tmx capture-pane -p >"$T/screen" 2>/dev/null
		grep -qF -- "$1" "$T/screen" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "waited for '$1' to leave the screen; it shows:
$(cat "$T/screen")"
}

# wait_exit: wait until the workbench has ended; its status is then in $T/tui.rc.
wait_exit() {
	i=0
	while [ $i -lt 100 ] && [ ! -s "$T/stty.after" ]; do
		sleep 0.05
		i=$((i + 1))
	done
	[ -s "$T/stty.after" ] || fail "the workbench did not end; the screen shows:
$(tui_screen)"
}

# tui_restored: the terminal settings after the workbench are those before it
# (its size aside: a test may have resized the window in between).
tui_restored() {
	for f in before after; do
		sed 's/rows [0-9]*; columns [0-9]*;//' "$T/stty.$f" >"$T/stty.$f.cmp"
	done
	diff "$T/stty.before.cmp" "$T/stty.after.cmp" >"$T/stty.diff" || fail "terminal settings changed: $(cat "$T/stty.diff")"
}

# screen_line PATTERN: the first screen line matching PATTERN (grep -E).
screen_line() { tmx capture-pane -p | grep -m1 -E -- "$1"; }

# tui_select_account NAME: focus the account list and move down it until
# the title bar names NAME (the demo's ten accounts at most).
tui_select_account() {
	tui_keys h
	i=0
	while ! sed -n 1p "$T/screen" | grep -qF -- "$1"; do
		[ $i -lt 12 ] || fail "could not select '$1': $(cat "$T/screen")"
		tui_keys j
		sleep 0.1
		tui_screen >/dev/null
		i=$((i + 1))
	done
}
