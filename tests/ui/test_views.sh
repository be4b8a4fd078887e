#!/bin/sh
# The workbench's views: org map, records, search, flags. Each test checks
# the screen and, through the CLI, the store.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

fixture() {
	ap account add "Acme Tools" --industry Manufacturing --segment growth
	ap account add "Nordwind Logistik" --industry Logistics --segment key
	ap contact add "Acme Tools" "Kim Lee" --title CEO --role decision-maker --tier executive
	ap contact add "Acme Tools" "Ola Berg" --title Buyer --role po-issuer --tier sales --reports-to "Kim Lee"
	ap note "Nordwind Logistik" "Visited the Gdansk hub; they want cold chain tracking"
}

test_org_map_shows_the_tree_and_the_missing_role_as_a_gap() {
	fixture
	tui_start
	tui_keys o
	wait_for "Org map of Acme Tools  (2 contacts; ours: sales 1, product 0, executive 1)"
	screen_line "Kim Lee" | grep -q "CEO .*decision-maker .*executive" || fail "row of Kim Lee: $(screen_line "Kim Lee")"
	screen_line "Ola Berg" | grep -q "^ *- Ola Berg" || fail "Ola Berg not under Kim Lee: $(screen_line "Ola Berg")"
	contains "$T/screen" "(gap) no payment-releaser known"
	lacks "$T/screen" "(gap) no decision-maker known"
}

test_add_and_remove_a_contact_in_the_org_map() {
	fixture
	tui_start
	tui_keys o
	wait_for "Org map of Acme Tools"
	tui_keys a
	wait_for "name (new contact 1/9):"
	tui_type "Sara Holm"
	tui_keys Enter
	wait_for "title (new contact 2/9, may be empty):"
	tui_type "CFO"
	tui_keys Enter
	wait_for "buying role (new contact 3/9)"
	# Roles in table order: decision-maker, po-issuer, payment-releaser.
	tui_keys g j j Enter
	wait_for "held by our tier (new contact 4/9)"
	tui_keys g j Enter
	wait_for "reports to (new contact 5/9)"
	tui_keys g Enter Enter Enter Enter Enter
	wait_for "saved: contact 'Sara Holm'"
	wait_gone "(gap) no payment-releaser known"
	ap contact list "Acme Tools" --format csv
	contains "$T/out" "Sara Holm,CFO,payment-releaser,product,Kim Lee"
	# Remove Kim Lee: the confirmation says their reports will report to nobody.
	tui_keys g d
	wait_for "remove contact 'Kim Lee'? The people who report to them will then report to nobody."
	tui_keys y
	wait_for "saved: removed contact 'Kim Lee'"
	ap contact list "Acme Tools" --format csv
	lacks "$T/out" "Kim Lee"
	contains "$T/out" "Ola Berg,Buyer,po-issuer,sales,"
}

test_removal_asks_and_no_keeps_everything() {
	fixture
	before=$(dump)
	tui_start
	tui_keys o
	wait_for "Org map of Acme Tools"
	tui_keys d
	wait_for "remove contact 'Kim Lee'?"
	tui_keys n
	wait_gone "remove contact"
	eq "$(dump)" "$before" "store content"
}

test_remove_an_account_names_what_goes_with_it() {
	fixture
	tui_start -s 80x24
	tui_keys h d
	# The whole question, in a box when it is longer than the status line.
	wait_for "remove 'Acme Tools' with its 2 contacts,"
	wait_for "This cannot be undone."
	wait_for "y: yes    any other key: no"
	tui_keys y
	wait_for "Nordwind Logistik  (key, Logistics)"
	ap account list
	lacks "$T/out" "Acme Tools"
	contains "$T/out" "Nordwind Logistik"
}

test_competitors_added_edited_and_removed() {
	fixture
	tui_start
	tui_keys c
	wait_for "Competitors of Acme Tools  (0)"
	tui_keys a
	wait_for "name (new competitor 1/2):"
	tui_type "Haas"
	tui_keys Enter
	wait_for "how they differ (new competitor 2/2, may be empty):"
	tui_type "Cheaper, slower service"
	tui_keys Enter
	wait_for "Competitors of Acme Tools  (1)"
	tui_keys e
	wait_for "name (edit competitor 1/2): Haas"
	tui_type " Automation"
	tui_keys Enter Enter
	wait_for "Haas Automation"
	ap competitor list "Acme Tools" --format csv
	contains "$T/out" "Haas Automation,\"Cheaper, slower service\""
	tui_keys d
	wait_for "remove competitor 'Haas Automation'?"
	tui_keys y
	wait_for "Competitors of Acme Tools  (0)"
	ap competitor list "Acme Tools"
	lacks "$T/out" "Haas"
}

test_engagement_added_with_todays_date() {
	fixture
	tui_start
	tui_keys m
	wait_for "Engagements with Acme Tools  (0)"
	tui_keys a
	wait_for "tier (new engagement 1/11)"
	tui_keys Enter
	wait_for "date (new engagement 2/11, YYYY-MM-DD): 2026-11-23"
	tui_keys Enter
	wait_for "kind (new engagement 3/11)"
	tui_keys Enter
	wait_for "news (new engagement 4/11)"
	tui_keys g j Enter
	wait_for "news shared with the customer"
	tui_keys j Enter
	wait_for "summary (new engagement 6/11):"
	tui_type "Told them about the delay"
	tui_keys Enter Enter Enter Enter Enter Enter
	wait_for "Engagements with Acme Tools  (1)"
	ap meeting list "Acme Tools" --format csv
	contains "$T/out" "2026-11-23,sales,strategic,bad,no,Told them about the delay"
}

test_search_finds_notes_and_jumps_to_them() {
	fixture
	tui_start
	tui_keys /
	wait_for "Search every record:"
	tui_type "cold"
	tui_keys Enter
	wait_for "Search 'cold': 1 note"
	contains "$T/screen" "Nordwind Logistik"
	tui_keys Enter
	wait_for "Notes on Nordwind Logistik, newest first  (1)"
	tui_keys q
	wait_for "Nordwind Logistik  (key, Logistics)"
}

test_search_finds_accounts_by_industry() {
	fixture
	tui_start
	tui_keys /
	tui_type "logistics"
	tui_keys Enter
	wait_for "Search 'logistics': 1 account"
	tui_keys Enter
	wait_for "Nordwind Logistik  (key, Logistics)"
}

test_flags_view_jumps_to_the_account_and_question() {
	fixture
	ap answer "Nordwind Logistik" growth shrinking
	tui_start
	tui_keys !
	wait_for "Open flags: "
	line=$(screen_line "Nordwind Logistik .*Growth") || fail "no growth flag listed: $(tui_screen)"
	# Select that row: move down until the detail names the rule.
	n=$(grep -n -m1 "Nordwind Logistik .*Growth" "$T/screen" | cut -d: -f1)
	i=3
	while [ $i -lt "$n" ]; do tui_keys j; i=$((i + 1)); done
	wait_for "rule growth_shrinking"
	tui_keys Enter
	wait_for "Nordwind Logistik  (key, Logistics)"
	# The detail area now shows the growth question of the sales pane.
	text=$("$AP" questions --tier sales --format json | python3 -c 'import json, sys
print([q["text"] for q in json.load(sys.stdin) if q["id"] == "growth"][0][:40])')
	wait_for "$text"
}

test_snooze_a_flag_with_date_and_reason() {
	fixture
	tui_start
	tui_keys !
	wait_for "Open flags: "
	first=$(sed -n 3p "$T/screen")
	tui_keys s
	wait_for "until (snooze 1/2, YYYY-MM-DD): 2026-12-23"
	tui_keys C-u
	tui_type "2027-01-15"
	tui_keys Enter
	wait_for "reason (snooze 2/2):"
	tui_type "reorganisation until January"
	tui_keys Enter
	wait_for "1 snoozed"
	ap snooze --list --format csv
	contains "$T/out" "2027-01-15"
	contains "$T/out" "reorganisation until January"
	# The snoozed flag is the one that was selected, and no longer listed as open.
	rule=$(cut -d, -f2 "$T/out" | sed -n 2p)
	[ -n "$rule" ] || fail "no snooze stored"
	ap check --format json
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert not [f for f in d["flags"] if f["rule"] == sys.argv[2] and f["account"] == "Acme Tools"], "still open"' \
		"$T/out" "$rule" || fail "snoozed flag $rule still open"
	case $first in *Acme\ Tools*) ;; *) fail "first flag row was not about Acme Tools: $first" ;; esac
}

run_suite
