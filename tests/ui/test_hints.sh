#!/bin/sh
# The workbench takes a flag's hint from its argument list: a command it has a
# view for becomes its keys; any other is shown as the command line prints
# it, each argument quoted, so a hostile name cannot turn it into another
# command; nothing raw reaches the terminal.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

NAME='Sub $(touch pwned) Co'

test_a_command_hint_without_a_view_is_shown_quoted() {
	ap account add "$NAME" --segment growth
	ap answer "$NAME" demand_outlook falling --source meeting --confidence high
	tui_start -s 200x50
	tui_keys h
	wait_for_text "A demand outlook is given but no demand driver models it -- acctplan driver add 'Sub \$(touch pwned) Co' METRIC --value V --growth PCT --factor F --share PCT"
	# Hints the workbench has keys for still name the keys, not the command.
	wait_for_text "a adds a contact with the role"
	lacks "$T/screen" "acctplan contact add"
	tui_screen_esc
	! grep -q "$(printf '\302\233')" "$T/screen.esc" || fail "a raw U+009B reached the terminal"
	[ -z "$(find "$T" -name 'pwned*')" ] || fail "something ran a command"
}

run_suite
