#!/bin/sh
# The give and take and advocacy in the workbench: the balance in the
# account's summary, the gives and takes (%) and advocacy (@) of the
# account, and the portfolio's list of who can speak for us today (@ in the
# portfolio), with the contact asked too often marked and Enter jumping to
# the account; at 120x40 and 80x24. Today is 2026-11-23 (tests/lib.sh).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

# Mira asked four times in 90 days (the shipped reference_fatigue allows
# three), Jon's consent ended, Lena's runs; Borealis gave without a give back.
fixture() {
	ap account add Acme --segment key --industry Media
	ap account add Borealis --segment strategic --industry Logistics
	ap contact add Acme "Mira Kovac" --role champion
	ap contact add Acme "Jon Ode"
	ap contact add Borealis "Lena Berg"
	for d in 2026-09-01 2026-10-01 2026-10-20 2026-11-10; do
		ap advocacy add Acme --kind reference-call --contact "Mira Kovac" --date $d --consent-until 2027-06-30
	done
	ap advocacy add Acme --kind case-study --contact "Jon Ode" --date 2026-03-01 --consent-until 2026-06-30
	ap advocacy add Borealis --kind event-talk --contact "Lena Berg" --date 2026-05-01 --consent-until 2027-01-31
	ap exchange add Borealis --direction take --kind feedback --date 2026-10-02 "Their view of the release"
	ap exchange add Acme --direction give --kind insight --date 2026-11-02 "Shared what we heard at the fair"
}

advocacy_list_jumps() {
	tui_keys P
	wait_for "Portfolio synthesis"
	contains "$T/screen" "We mostly take (2025-11-24 to 2026-11-23, given/taken): Borealis 0/1"
	tui_keys @
	wait_for "Who can speak for us today (consent runs)"
	# The consent date where there is room for it.
	if [ "$1" -ge 120 ]; then mira_until='  2027-06-30$' lena_until='             2027-01-31$'; else mira_until='$' lena_until='$'; fi
	screen_line "^ Mira Kovac +Acme +reference-call 2026-11-10   4  too often$mira_until" >/dev/null ||
		fail "Mira's row: $(cat "$T/screen")"
	screen_line "^ Lena Berg +Borealis +event-talk +2026-05-01   0$lena_until" >/dev/null || fail "Lena's row: $(cat "$T/screen")"
	lacks "$T/screen" "Jon Ode"
	python3 -c 'import sys; assert all(len(l.rstrip("\n")) <= int(sys.argv[2]) for l in open(sys.argv[1], encoding="utf-8"))' \
		"$T/screen" "$1" || fail "a line is wider than the terminal"
	tui_keys j
	[ "$1" -lt 120 ] || wait_for "(Enter: Borealis at sales)"
	sleep 0.2
	tui_keys Enter
	wait_for "Borealis  (strategic, Logistics)"
	wait_gone "Portfolio synthesis"
}

test_portfolio_lists_who_can_speak_for_us_and_jumps_to_them() {
	fixture
	tui_start -s 120x40
	wait_for "Acme  (key, Media)"
	advocacy_list_jumps 120
	# The key swaps back to the heat map.
	tui_keys P @
	wait_for "Who can speak for us today"
	tui_keys @
	wait_for "Coverage per tier"
}

test_portfolio_advocacy_fits_a_small_terminal() {
	fixture
	tui_start -s 80x24
	wait_for "Acme  (key, Media)"
	advocacy_list_jumps 80
}

test_the_account_shows_its_balance_and_lists_its_gives_takes_and_advocacy() {
	fixture
	tui_start -s 120x40
	wait_for "Acme  (key, Media)"
	tui_select_account Borealis
	wait_for "Give and take, 12 months: 0 given, 1 taken (we take more than we give)."
	tui_keys %
	wait_for "Gives and takes of Borealis  (1): 12 months 0 given, 1 taken (we take more than we give)"
	screen_line '^ 2026-10-02 +take +feedback +Their view of the release' >/dev/null || fail "the take: $(cat "$T/screen")"
	tui_keys q @
	wait_for "Advocacy of Borealis  (1)"
	screen_line '^ 2026-05-01 +event-talk +Lena Berg +2027-01-31' >/dev/null || fail "the advocacy: $(cat "$T/screen")"
}

run_suite
