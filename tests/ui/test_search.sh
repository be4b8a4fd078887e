#!/bin/sh
# The workbench's / : records of every kind in one list, best first; Enter
# makes the record's account current and opens the record where a view
# lists it, selected.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

fixture() {
	ap account add "Acme Tools" --industry Manufacturing --segment growth
	ap account add "Nordwind Logistik" --industry Logistics --segment key
	ap competitor add "Acme Tools" "Alpha Rivals" --differentiator "Cheap and slow"
	ap competitor add "Acme Tools" Elektra --differentiator "Cheaper drives, weaker service"
	ap contact add "Acme Tools" "Kim Lee" --title CEO
	ap contact add "Acme Tools" "Anna Elek" --title "Head of Procurement" --reports-to "Kim Lee"
	ap note "Nordwind Logistik" "Elektra undercut us on the tender" --date 2026-10-01
	ap note "Nordwind Logistik" "Cold chain tracking wanted"
	ap answer "Acme Tools" competitors "Elektra and Siemens"
	ap meeting add "Acme Tools" --tier sales --date 2026-10-05 --kind strategic "Elektra came up twice"
	ap meeting add "Acme Tools" --tier product --date 2026-09-01 --kind strategic "First call"
}

# search WORDS: / WORDS Enter, and wait for the results.
search() {
	tui_keys /
	wait_for "Search every record:"
	tui_type "$1"
	tui_keys Enter
	wait_for "Search '$1':"
}

test_results_of_every_kind_best_first() {
	fixture
	tui_start
	search elektra
	wait_for "Search 'elektra': 1 answer, 1 competitor, 1 meeting, 1 note"
	# The competitor by its name first, then texts, the shortest first.
	rows=$(sed -n '3,6p' "$T/screen" | awk '{ print $1 }' | tr '\n' ' ')
	eq "$rows" "competitor answer meeting note " "kinds in order"
	screen_line "^ competitor +Acme Tools +Elektra +Cheaper drives, weaker service" >/dev/null ||
		fail "competitor row: $(cat "$T/screen")"
	screen_line "^ note +Nordwind Logistik +2026-10-01 +Elektra undercut us on the tender" >/dev/null ||
		fail "note row: $(cat "$T/screen")"
	contains "$T/screen" "competitor Elektra of Acme Tools, found by its name. Enter opens it among the account's records."
	# Names match by their start: "elek" finds the contact Anna Elek too.
	search elek
	wait_for "Search 'elek': 1 contact, 1 competitor"
	search "cold chain"
	wait_for "Search 'cold chain': 1 note"
	search zeppelin
	wait_for "Search 'zeppelin': nothing found"
	contains "$T/screen" "Nothing matches 'zeppelin'."
}

test_enter_opens_a_competitor_selected() {
	fixture
	tui_start
	search elektra
	tui_keys Enter
	wait_for "Competitors of Acme Tools  (2)"
	# Elektra, the second row, is the one selected: the detail shows it.
	wait_for "name: Elektra"
	tui_keys q
	wait_for "Acme Tools  (growth, Manufacturing)"
}

test_enter_opens_an_answer_in_its_pane() {
	fixture
	tui_start
	search elektra
	tui_keys j Enter
	wait_for "Who are the customer's competitors"
	contains "$T/screen" "Acme Tools  (growth, Manufacturing)"
	contains "$T/screen" "Elektra and Siemens"
}

test_enter_opens_a_meeting_a_note_and_a_contact() {
	fixture
	tui_start
	search elektra
	tui_keys j j Enter
	wait_for "Engagements with Acme Tools  (2)"
	wait_for "Elektra came up twice"
	search elektra
	tui_keys j j j Enter
	wait_for "Notes on Nordwind Logistik, newest first  (2)"
	# The older note, the second row, is selected: its text is the detail.
	n=$(grep -c "Elektra undercut us on the tender" "$T/screen")
	eq "$n" 2 "the note in its row and in the detail"
	tui_keys q
	wait_for "Nordwind Logistik  (key, Logistics)"
	search anna
	wait_for "Search 'anna': 1 contact"
	tui_keys Enter
	wait_for "Org map of Acme Tools"
	wait_for "Head of Procurement"
}

test_read_shows_a_long_text_whole() {
	fixture
	ap note "Acme Tools" "Elektra: $(printf 'word %.0s' $(seq 1 400))end of the long note"
	tui_start
	search "end long"
	wait_for "Search 'end long': 1 note"
	tui_keys v
	wait_for "note 2026-11-23 of Acme Tools"
	wait_for_text "end of the long note"
	tui_keys q
	wait_for "Search 'end long': 1 note"
}

run_suite
