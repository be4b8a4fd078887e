#!/bin/sh
# Hostile text in the workbench: what another client of a shared store wrote
# (C1 controls, bidi overrides, escape sequences) never reaches the terminal
# raw, and typed in it is refused with the CLI's own message.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

RLO=$(printf '\342\200\256')

# no_raw FILE: no C1 control or bidi control in FILE, and every escape
# sequence in it is one the terminal library wrote (CSI or charset
# designation), never an OSC such as the ESC ] a note smuggled in.
no_raw() {
	python3 - "$1" <<-'EOF' || fail "raw control characters reached the terminal: $(od -c "$1" | grep -m3 -E '302|342|033 ]')"
		import re, sys
		data = open(sys.argv[1], "rb").read()
		bad = re.search(rb"\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\x1b\]", data)
		sys.exit(1 if bad else 0)
	EOF
}

test_controls_in_the_store_are_drawn_as_blanks() {
	ap account add "Acme" --industry Manufacturing
	ap note Acme "plain"
	db_sql "UPDATE account SET name = 'Sub ' || char(155) || '31m ' || char(8238) || 'Co',
		name_key = NULL, industry = 'Ind' || char(27) || ']0;pwned' || char(7) || 'ustry';
		UPDATE note SET body = 'body ' || char(27) || '[2J' || char(133) || 'end';"
	tui_start
	tmx pipe-pane -o "cat >>'$T/raw'"
	wait_for "31m"
	tui_keys N
	wait_for "[2J"
	tui_screen_esc
	no_raw "$T/screen.esc"
	no_raw "$T/raw"
	tui_screen >/dev/null
	# The controls took one blank each; the text around them is all there.
	contains "$T/screen" "Sub  31m  Co"
	contains "$T/screen" "body  [2J end"
	lacks "$T/screen" "pwned"$(printf '\a')
	tui_keys q
	wait_gone "[2J"
	tui_keys q
	wait_exit
	tui_restored
}

test_a_bidi_override_typed_in_is_refused_as_the_cli_refuses_it() {
	ap account add "Acme"
	before=$(dump)
	expect_rc 2 "$AP" account add "Ac${RLO}me"
	cli_msg=$(sed 's/^acctplan: //' "$T/err")
	eq "$cli_msg" "account name contains a bidirectional control character U+202E (byte 3)" "CLI message"
	tui_start
	tui_keys h a
	wait_for "name (new account 1/3):"
	tui_type "Ac${RLO}me"
	tui_keys Enter
	wait_for "$cli_msg"
	tui_keys Escape
	wait_for "new account cancelled; nothing saved"
	eq "$(dump)" "$before" "store content"
}

run_suite
