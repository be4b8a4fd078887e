#!/bin/sh
# The workbench and its terminal: quitting by key and by signal leaves the
# terminal as it was, keys can be rebound (and a bad binding is an error
# naming the file and line), key scripts replay and dump the screen.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

fixture() {
	ap account add "Acme Tools" --industry Manufacturing --segment growth
	ap account add "Nordwind Logistik" --industry Logistics --segment key
}

# quit_by_signal SIGNAL STATUS: the workbench ends with STATUS and the terminal
# settings are what they were before it started.
quit_by_signal() {
	fixture
	before=$(dump)
	tui_start
	wait_for "Acme Tools"
	kill -s "$1" "$(tui_pid)"
	wait_exit
	eq "$(cat "$T/tui.rc")" "$2" "exit status after SIG$1"
	tui_restored
	# The program's screen is gone: the pane shows the shell's again.
	wait_gone "Accounts  2"
	eq "$(dump)" "$before" "store content"
}

test_sigterm_restores_the_terminal() { quit_by_signal TERM 143; }
test_sighup_restores_the_terminal() { quit_by_signal HUP 129; }
# A crash cannot use curses: the handler restores the saved termios itself.
test_crash_signal_restores_the_terminal() { quit_by_signal SEGV 139; }

test_ctrl_c_quits_and_restores_the_terminal() {
	fixture
	tui_start
	wait_for "Acme Tools"
	tui_keys C-c
	wait_exit
	eq "$(cat "$T/tui.rc")" 130 "exit status after Ctrl-C"
	tui_restored
}

test_q_quits_with_status_0_and_restores_the_terminal() {
	fixture
	tui_start
	tui_keys q
	wait_exit
	eq "$(cat "$T/tui.rc")" 0 "exit status"
	tui_restored
}

test_rebound_key_replaces_the_default() {
	fixture
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[ui]\nkeys = %s\n' "$XDG_CONFIG_HOME/acctplan/keys.ini" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '[keys]\nclose = x\nview-orgmap = O\n' >"$XDG_CONFIG_HOME/acctplan/keys.ini"
	tui_start
	tui_keys q
	wait_for "q does nothing here"
	tui_keys O
	wait_for "Org map of Acme Tools"
	tui_keys '?'
	wait_for "Keys  (x or Esc closes)"
	tui_keys G
	wait_for "Close the view"
	screen_line " x +close +Close the view" >/dev/null || fail "help does not show x for close: $(tui_screen)"
	# Help, org map, then the main screen: quits.
	tui_keys x x x
	wait_exit
	eq "$(cat "$T/tui.rc")" 0 "exit status"
}

test_bad_binding_is_an_error_naming_file_and_line() {
	fixture
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	keys=$XDG_CONFIG_HOME/acctplan/keys.ini
	printf '[ui]\nkeys = %s\n' "$keys" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '[keys]\nclose = x\nfrobnicate = z\n' >"$keys"
	expect_rc 2 "$AP"
	contains "$T/err" "acctplan: $keys:3: unknown action 'frobnicate'"
	printf '[keys]\n\nclose = Ctrl+Q\n' >"$keys"
	expect_rc 2 "$AP"
	contains "$T/err" "acctplan: $keys:3: close: unknown key 'Ctrl+Q'"
	printf '[keys]\nclose = x\nquit = x\n' >"$keys"
	expect_rc 2 "$AP"
	contains "$T/err" "acctplan: $keys:3: quit: key 'x' is already bound to 'close'"
}

test_bad_theme_is_an_error_naming_file_and_line() {
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	theme=$XDG_CONFIG_HOME/acctplan/theme.ini
	printf '[ui]\ntheme = %s\n' "$theme" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '[colors]\ntitle = white blue\nselected = purple\n' >"$theme"
	expect_rc 2 "$AP"
	contains "$T/err" "acctplan: $theme:3: selected: 'purple' is not a colour"
}

test_workbench_without_a_terminal_says_so() {
	fixture
	expect_rc 2 "$AP"
	contains "$T/err" "acctplan: the workbench needs a terminal"
}

test_keys_option_is_refused_with_a_command() {
	fixture
	printf 'q\n' >keys
	expect_rc 2 "$AP" --keys keys account list
	contains "$T/err" "acctplan: --keys only applies to the workbench"
}

test_key_script_replays_and_dumps_the_screen() {
	ap demo
	cat >keys <<-'EOF'
		# the first account, then the second, then its org map
		dump first.txt
		h j
		dump second.txt
		o
		dump orgmap.txt
		q q
	EOF
	COLUMNS=100 LINES=30
	export COLUMNS LINES
	expect_rc 0 "$AP" --keys keys
	eq "$(wc -l <first.txt)" 30 "rows of the dump"
	second=$("$AP" account list --format csv | sed -n 3p | cut -d, -f1)
	first=$("$AP" account list --format csv | sed -n 2p | cut -d, -f1)
	grep -q "^ acctplan  $first  (" first.txt || fail "title of the first dump: $(head -n 1 first.txt)"
	grep -q "^ acctplan  $second  (" second.txt || fail "title of the second dump: $(head -n 1 second.txt)"
	grep -q "^ acctplan  Org map of $second  (" orgmap.txt || fail "org map dump: $(head -n 1 orgmap.txt)"
	# Every contact of the account is on the org map screen.
	"$AP" contact list "$second" --format csv | sed 1d | cut -d, -f1 | while read -r name; do
		grep -q "$name" orgmap.txt || fail "org map lacks $name"
	done
}

test_key_script_from_the_environment_with_timing() {
	fixture
	printf 'j\nk\ndump out.txt\n' >keys
	ACCTPLAN_KEYS=keys ACCTPLAN_TIMING=1 COLUMNS=80 LINES=24 expect_rc 0 "$AP"
	contains "$T/err" "timing: first-frame "
	contains "$T/err" "timing: navigation 2 keys"
	contains "$T/err" "timing: peak-rss "
	grep -q "Acme Tools" out.txt || fail "dump: $(cat out.txt)"
}

test_bad_key_script_line_is_an_error_naming_file_and_line() {
	fixture
	printf 'j\nfrobnicate\n' >keys
	COLUMNS=80 LINES=24 expect_rc 2 "$AP" --keys keys
	contains "$T/err" "acctplan: keys:2: unknown key or command 'frobnicate'"
}

run_suite
