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

# select_flag RULE: move down the flags view until Acme's flag of RULE is
# the one selected (its detail names the rule).
select_flag() {
	i=0
	while [ $i -lt 10 ] && ! tui_screen | grep -q "^ *Acme: rule $1"; do
		tui_keys j
		i=$((i + 1))
		sleep 0.1
	done
	wait_for "Acme: rule $1"
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
	select_flag shallow_decision_maker
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

# A: your open actions across the portfolio, overdue ones marked; f shows
# the account's, then everyone's overdue; D marks one done, X drops one
# with a reason; the store has them closed.
test_the_actions_view_closes_work() {
	ap account add Acme
	ap account add Borealis
	ap member add tester --tier sales
	ap member add "Bo Berg" --tier product
	ap action add Acme "Send the quote" --due 2026-11-20 --backdated
	ap action add Borealis "Plan the visit" --due 2026-12-02
	ap action add Borealis "Bo's overdue call" --due 2026-11-01 --owner Bo --backdated
	tui_start
	tui_keys A
	wait_for "Actions, yours"
	wait_for "(2 open)"
	screen_line "Send the quote" | grep -q overdue || fail "not marked overdue: $(cat "$T/screen")"
	contains "$T/screen" "Plan the visit"
	lacks "$T/screen" "Bo's overdue call"
	tui_keys f
	wait_for "Actions, of the account"
	tui_keys f
	wait_for "Actions, overdue, everyone's"
	wait_for "Bo's overdue call"
	contains "$T/screen" "Send the quote"
	lacks "$T/screen" "Plan the visit"
	tui_keys f
	wait_for "Actions, yours"
	# The first row, due first: the quote. Done, with its outcome.
	tui_keys g D
	wait_for "done; outcome"
	tui_type "Sent on Friday"
	tui_keys Enter
	wait_for "(1 open)"
	tui_keys X
	wait_for "dropped; why"
	tui_keys Enter
	wait_for "a reason is needed"
	tui_type "They postponed"
	tui_keys Enter
	wait_for "(0 open)"
	ap action list --status all --format csv
	contains "$T/out" "1,2026-11-20,done,Acme,tester,Send the quote,sales,,,Sent on Friday,,2026-11-23"
	contains "$T/out" "2,2026-12-02,dropped,Borealis,tester,Plan the visit,sales,,,,They postponed,2026-11-23"
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
	select_flag shallow_decision_maker
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

# The due day proposed comes from rules.ini [actions], the user's layer too.
test_the_proposed_due_day_follows_rules_ini() {
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[rules]\nfile = %s\n' "$T/my-rules.ini" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '[actions]\ndue_high = 2\n' >"$T/my-rules.ini"
	ap account add Acme --segment key
	ap member add tester --tier sales
	ap contact add Acme "Carl Jung" --role decision-maker --owner tester --level vendor
	tui_start
	tui_keys !
	wait_for "Open flags"
	select_flag shallow_decision_maker
	tui_keys t
	wait_for "take on"
	tui_keys Enter Enter
	wait_for "2026-11-25"
	tui_keys Escape
}

run_suite
