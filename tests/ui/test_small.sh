#!/bin/sh
# The workbench at the edges of its terminal (issue 10): q quits while the
# terminal is too small to show anything but that, and a terminal curses
# cannot start on is an error of ours, with nothing left open.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

fixture() {
	ap account add "Acme Tools" --industry Manufacturing --segment growth
	ap account add "Nordwind Logistik" --industry Logistics --segment key
}

# small KEYS...: start in a full-size terminal, press KEYS (a view to be
# under the message), shrink it to 30x8 and wait for the message.
small() {
	fixture
	tui_start
	wait_for "Acme Tools"
	[ $# -eq 0 ] || tui_keys "$@"
	tui_resize 30 8
	wait_for "terminal too small"
}

test_q_quits_while_the_terminal_is_too_small() {
	small
	before=$(dump)
	tui_keys q
	wait_exit
	eq "$(cat "$T/tui.rc")" 0 "exit status"
	tui_restored
	wait_gone "terminal too small"
	eq "$(dump)" "$before" "store content"
}

# q over a view would only close the view, unseen: here it leaves.
test_q_quits_too_small_with_a_view_open() {
	small o
	tui_keys q
	wait_exit
	eq "$(cat "$T/tui.rc")" 0 "exit status"
	tui_restored
}

test_Q_quits_while_the_terminal_is_too_small() {
	small
	tui_keys Q
	wait_exit
	eq "$(cat "$T/tui.rc")" 0 "exit status"
	tui_restored
}

# Other keys still do nothing blind, and the workbench is back when it fits.
test_other_keys_do_nothing_while_too_small() {
	small
	tui_keys j o
	tui_resize 120 40
	wait_gone "terminal too small"
	wait_for "Acme Tools"
	lacks "$T/screen" "Org map"
	tui_keys q
	wait_exit
	eq "$(cat "$T/tui.rc")" 0 "exit status"
}

# ncurses keeps, and never frees, the screen it began for a terminal type
# it then could not start (new_prescr in libtinfo, outside our reach): under
# an ASan build, LeakSanitizer is told so, and only that.
ncurses_leak_known() {
	printf 'leak:new_prescr\n' >"$T/lsan.supp"
	export LSAN_OPTIONS="suppressions=$T/lsan.supp:print_suppressions=0"
}

# On a real terminal of a type curses does not know: our message, status 2,
# the terminal untouched (curses' initscr printed its own and called exit).
test_unknown_terminal_type_is_refused_with_status_2() {
	fixture
	ncurses_leak_known
	cat >"$T/bad.sh" <<-EOF
		stty -a >"$T/stty.before" 2>&1
		TERM=acctplan-no-such-terminal "$AP" 2>"$T/err"
		echo \$? >"$T/rc"
		stty -a >"$T/stty.after" 2>&1
		exec sleep 600
	EOF
	trap tui_stop EXIT
	tmx new-session -d -x 120 -y 40 "sh '$T/bad.sh'" || fail "tmux could not start"
	i=0
	while [ ! -s "$T/stty.after" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	eq "$(cat "$T/rc")" 2 "exit status"
	eq "$(cat "$T/err")" "acctplan: cannot start the terminal screen: TERM=acctplan-no-such-terminal is a terminal type this system does not know or that cannot address the cursor" "stderr"
	tui_restored
}

# A key script draws into /dev/null; when curses cannot start there, both
# handles it opened are closed again (they were left open). valgrind tracks
# descriptors; an ASan build has LeakSanitizer check memory instead.
test_a_key_script_on_an_unknown_terminal_type_leaves_nothing_open() {
	fixture
	ncurses_leak_known
	printf 'q\n' >"$T/keys"
	run="$AP"
	if ! grep -q __asan_init "$AP" && command -v valgrind >/dev/null 2>&1; then
		run="valgrind -q --track-fds=yes --log-file=$T/vg $AP"
	fi
	TERM=acctplan-no-such-terminal expect_rc 2 $run --keys "$T/keys"
	err_is "cannot start a screen for the key script (TERM=acctplan-no-such-terminal)"
	if [ -f "$T/vg" ]; then
		contains "$T/vg" "FILE DESCRIPTORS"
		lacks "$T/vg" "term_open"
	fi
}

run_suite
