#!/bin/sh
# Actions in the workbench: a flag somebody has taken on stays in sight with
# who has it in hand and until when, in the flags view; closed, the flag
# reads as before.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

# Today is 2026-11-23 (lib.sh).
team() {
	ap account add Acme --segment key
	ap member add tester --tier sales
	ap member add "Bo Berg" --tier product
	ap contact add Acme "Carl Jung" --role decision-maker --owner Bo --level vendor
	ap action add Acme "Meet Carl's boss" --due 2026-12-15 --owner Bo --flag shallow_decision_maker
}

test_a_flag_in_hand_says_who_and_until_when() {
	team
	tui_start
	# The flags view: the flag's detail says who has it in hand.
	tui_keys !
	wait_for "Open flags"
	# Its row says so before the message, however little of it fits.
	screen_line "sales +\[in hand: Bo Berg until 2026-12-15\] The people who decide" >/dev/null ||
		fail "the row does not say who has it in hand: $(cat "$T/screen")"
	# Its detail too, once selected.
	i=0
	while [ $i -lt 10 ] && ! tui_screen | grep -q "^ *Acme: rule shallow_decision_maker"; do
		tui_keys j
		i=$((i + 1))
		sleep 0.1
	done
	wait_for "Acme: rule shallow_decision_maker"
	screen_line "^ +in hand: Bo Berg until 2026-12-15" >/dev/null ||
		fail "the detail does not say who has it in hand: $(cat "$T/screen")"
	tui_keys q q
	wait_exit
	tui_stop
	ap action done 1
	tui_start
	tui_keys !
	wait_for "Open flags"
	wait_for "The people who decide and pay"
	lacks "$T/screen" "in hand"
}

# The status line counts the acting member's overdue actions, whichever
# account is shown; closed, they count no more (live, another process's).
test_the_status_line_counts_my_overdue_actions() {
	ap account add Acme
	ap account add Borealis
	ap member add tester --tier sales
	ap member add "Bo Berg" --tier product
	ap action add Acme "Late" --due 2026-11-20 --backdated
	ap action add Borealis "Later" --due 2026-11-22 --backdated
	ap action add Borealis "Bo's, late" --due 2026-11-01 --owner Bo --backdated
	ap action add Acme "Ahead" --due 2026-12-01
	tui_start
	wait_for "2 of yours overdue"
	ap action done 1
	wait_for "1 of yours overdue"
	ap action done 2
	wait_gone "of yours overdue"
}

# One key on a flag: the form comes prefilled (the flag's message as the
# title, the member holding a contact of the flag's tier as the owner, a due
# day by its severity: high, a week) and saves the action with the flag.
test_one_key_takes_a_flag_on() {
	ap account add Acme --segment key
	ap member add tester --tier sales
	ap member add "Bo Berg" --tier sales
	ap contact add Acme "Carl Jung" --role decision-maker --owner Bo --level vendor
	tui_start
	tui_keys !
	wait_for "Open flags"
	i=0
	while [ $i -lt 10 ] && ! tui_screen | grep -q "^ *Acme: rule shallow_decision_maker"; do
		tui_keys j
		i=$((i + 1))
		sleep 0.1
	done
	wait_for "Acme: rule shallow_decision_maker"
	contains "$T/screen" "t take on"
	tui_keys t
	wait_for "take on"
	wait_for "The people who decide and pay see us as no more than a vendor"
	tui_keys Enter
	wait_for "Bo Berg"
	tui_keys Enter
	wait_for "2026-11-30"
	tui_keys Enter
	wait_for "sales"
	tui_keys Enter Enter
	wait_for "saved"
	wait_for "[in hand: Bo Berg until 2026-11-30]"
	ap action list --format csv
	contains "$T/out" ",2026-11-30,open,Acme,Bo Berg,\"The people who decide and pay see us as no more than a vendor"
	contains "$T/out" ",sales,shallow_decision_maker,,"
}

run_suite
