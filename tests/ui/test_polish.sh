#!/bin/sh
# What makes the workbench readable at a glance: labelled flag counts, hints
# in words, long text never silently cut, forms that say where they stand.
# Each test checks the screen and, through the CLI, the store.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

fixture() {
	ap account add "Acme Tools" --industry Manufacturing --segment growth
	ap account add "Nordwind Logistik" --industry Logistics --segment strategic
	ap answer "Nordwind Logistik" alignment diverging --source meeting --confidence high
	ap contact add "Acme Tools" "Kim Lee" --title CEO --role decision-maker --tier executive
}

# open_flags ACCOUNT SEVERITY: the open flags of that severity, from the CLI.
open_flags() {
	"$AP" check "$1" --format json | python3 -c 'import json, sys
print(json.load(sys.stdin)["summary"]["'"$2"'"])'
}

# count_col LINE N: the Nth of the three right-hand count columns of an
# account row ("" when blank): crit, high, warn, four columns each.
count_col() {
	printf '%s' "$1" | python3 -c 'import sys
row = sys.stdin.read().split("\u2502")[0]
start = len(row) - 15 + 5 * (int(sys.argv[1]) - 1)
print(row[start:start + 4].strip())' "$2"
}

test_account_rows_count_open_flags_per_severity_under_labelled_columns() {
	fixture
	tui_start
	wait_for "crit high warn"
	wait_gone "..."
	line=$(screen_line "^ Nordwind Logistik ")
	for sev in 1:critical 2:high 3:warn; do
		want=$(open_flags "Nordwind Logistik" "${sev#*:}")
		[ "$want" = 0 ] && want=""
		eq "$(count_col "$line" "${sev%:*}")" "$want" "${sev#*:} flags of Nordwind Logistik ($line)"
	done
	# A critical flag (the diverging roadmap) is there to be counted.
	[ "$(open_flags "Nordwind Logistik" critical)" -ge 1 ] || fail "the fixture has no critical flag"
	line=$(screen_line "^ Acme Tools ")
	eq "$(count_col "$line" 2)" "$(open_flags "Acme Tools" high)" "high flags of Acme Tools ($line)"
}

test_wide_account_list_names_the_segment_in_full() {
	fixture
	tui_start -s 200x50
	wait_for "segment"
	screen_line "^ Nordwind Logistik " | grep -q "Nordwind Logistik  *strategic " ||
		fail "no segment column: $(screen_line "^ Nordwind Logistik ")"
	tui_resize 80 24
	wait_gone "strategic "
	screen_line "^ Accounts" | grep -q "crit high *│" || fail "narrow heading: $(screen_line "^ Accounts")"
}

test_status_line_names_the_keys_in_words_and_keeps_help() {
	fixture
	tui_start -s 80x24
	wait_for "Enter edit"
	tail -n 1 "$T/screen" | grep -q "E editor  H history" || fail "hints: $(tail -n 1 "$T/screen")"
	tail -n 1 "$T/screen" | grep -q "? help *$" || fail "help hint not at the end: $(tail -n 1 "$T/screen")"
	lacks "$T/screen" "edit-external"
	tui_keys h
	wait_for "Enter questions"
}

test_long_answer_says_what_is_cut_and_v_reads_it_whole() {
	fixture
	long="First fact about the business."
	for i in 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		long="$long Fact number $i about how Acme makes its money."
	done
	long="$long The very last sentence."
	ap answer "Acme Tools" business "$long" --source meeting --confidence high
	before=$(dump)
	tui_start -s 80x24
	tui_keys 1
	wait_for "more lines: v reads it all"
	lacks "$T/screen" "The very last sentence."
	tui_keys v
	wait_for "Acme Tools: Their business"
	tui_keys G
	wait_for "The very last sentence."
	contains "$T/screen" "meeting, high confidence"
	tui_keys q
	wait_for "more lines: v reads it all"
	eq "$(dump)" "$before" "store content after reading"
}

test_cancelled_form_says_nothing_was_saved() {
	fixture
	before=$(dump)
	tui_start
	tui_keys o
	wait_for "Org map of Acme Tools"
	tui_keys a
	wait_for "name (new contact 1/9):"
	tui_type "Sara Holm"
	tui_keys Enter
	wait_for "title (new contact 2/9, may be empty):"
	contains "$T/screen" "Enter done   Esc cancel"
	tui_keys Enter
	wait_for "buying role (new contact 3/9)"
	contains "$T/screen" "Up/Down move   Enter choose   Esc cancel"
	tui_keys Escape
	wait_for "new contact cancelled; nothing saved"
	eq "$(dump)" "$before" "store content"
}

test_org_map_shows_whole_titles_and_selects_the_contact_just_added() {
	fixture
	ap contact add "Acme Tools" "Ola Berg" --title "Director of Strategic Procurement and Supply" --role po-issuer \
		--tier sales --reports-to "Kim Lee"
	tui_start
	tui_keys o
	wait_for "Director of Strategic Procurement and Supply  "
	tui_keys a
	wait_for "name (new contact 1/9):"
	tui_type "Sara Holm"
	tui_keys Enter Enter
	wait_for "buying role (new contact 3/9)"
	tui_keys Enter
	wait_for "held by our tier (new contact 4/9)"
	tui_keys Enter
	wait_for "reports to (new contact 5/9)"
	tui_keys Enter Enter Enter Enter Enter
	wait_for "saved: contact 'Sara Holm'"
	# The new contact is the selected row: removing asks about her.
	tui_keys d
	wait_for "remove contact 'Sara Holm'?"
	tui_keys n
	ap contact list "Acme Tools" --format csv
	contains "$T/out" "Sara Holm"
}

test_help_on_a_narrow_screen_keeps_the_explanations_and_explains_the_columns() {
	fixture
	tui_start -s 80x24
	tui_keys '?'
	wait_for "Keys  (q or Esc closes)"
	screen_line "Edit the answer or note in" | grep -q '\$VISUAL / \$EDITOR' || fail "help cut: $(screen_line "Edit the answer")"
	lacks "$T/screen" "edit-external"
	tui_keys G
	wait_for "Columns of the account list"
	contains "$T/screen" "open critical flags of the account"
	tui_keys q
	wait_gone "Keys  (q or Esc closes)"
}

test_competitor_detail_shows_the_whole_record() {
	fixture
	ap competitor add "Acme Tools" "Haas" --differentiator "Cheaper machines, slower service, and a dealer network that reaches every small workshop in the region"
	tui_start -s 80x24
	tui_keys c
	wait_for "Competitors of Acme Tools  (1)"
	wait_for "small workshop in the region"
	contains "$T/screen" "how they differ: Cheaper machines"
}

test_account_wide_flag_snoozed_from_the_account_list() {
	fixture
	snoozed() { "$AP" check "Acme Tools" --format json | python3 -c 'import json, sys
print(json.load(sys.stdin)["summary"]["snoozed"])'; }
	eq "$(snoozed)" 0 "snoozed flags before"
	tui_start
	tui_keys h s
	wait_for "Snooze which flag?"
	tui_keys Enter
	wait_for "until (snooze 1/2, YYYY-MM-DD): 2026-12-23"
	tui_keys Enter
	wait_for "reason (snooze 2/2):"
	tui_type "Board decides in January"
	tui_keys Enter
	wait_for "saved: snoozed"
	eq "$(snoozed)" 1 "snoozed flags after"
	# It is one of the flags on the account as a whole, not on a question.
	"$AP" check "Acme Tools" --all --format json | python3 -c 'import json, sys
z = [f for f in json.load(sys.stdin)["flags"] if f["snoozed"]]
sys.exit(0 if len(z) == 1 and z[0]["question"] is None else 1)' || fail "snoozed: $("$AP" check "Acme Tools" --all --format csv | grep ',yes$')"
}

test_prompt_waits_while_the_terminal_is_too_small() {
	fixture
	before=$(dump)
	tui_start
	tui_keys 1 j Enter
	wait_for "Up/Down move   Enter choose   Esc cancel"
	tui_resize 30 8
	wait_for "terminal too small"
	lacks "$T/screen" "Enter choose"
	# Keys typed blind are not taken: the picker is still open on its first choice.
	tui_keys j Enter
	tui_resize 120 40
	wait_for "Up/Down move   Enter choose   Esc cancel"
	tui_keys Escape
	wait_gone "Enter choose"
	eq "$(dump)" "$before" "store content"
}

test_wide_characters_keep_the_columns_of_every_view_aligned() {
	ap account add "東京精密 Tokyo Seimitsu" --segment strategic
	ap contact add "東京精密 Tokyo Seimitsu" "山田 太郎" --title "部長 Procurement" --role decision-maker --tier sales
	ap contact add "東京精密 Tokyo Seimitsu" "José Núñez" --title "CFO 💰" --role payment-releaser --tier executive \
		--reports-to "山田 太郎"
	ap contact add "東京精密 Tokyo Seimitsu" "Zoë" --title Buyer --role po-issuer --tier product
	ap note "東京精密 Tokyo Seimitsu" "会議 went well 👍 next steps agreed" --by "佐藤 🙂"
	ap note "東京精密 Tokyo Seimitsu" "Plain note" --by "Al" --date 2026-11-01
	tui_start
	tui_keys o
	wait_for "Org map of 東京精密"
	# The display column where each row's buying role starts is the same on every row.
	for role in decision-maker payment-releaser po-issuer; do
		grep -q "$role" "$T/screen" || fail "no $role: $(cat "$T/screen")"
	done
	eq "$(grep -E "decision-maker|payment-releaser|po-issuer" "$T/screen" | python3 -c 'import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(len({w(l[:min(l.find(r) for r in ("decision-maker", "payment-releaser", "po-issuer") if r in l)]) for l in sys.stdin}))')" 1 "columns of the buying role"
	tui_keys q N
	wait_for "Notes on 東京精密"
	eq "$(grep -E "^ 2026-.*(会議|Plain note)" "$T/screen" | python3 -c 'import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(len({w(l[:max(l.find("会議"), l.find("Plain"))]) for l in sys.stdin}))')" 1 "columns of the note text"
}

test_saving_an_answer_says_how_the_open_flags_moved() {
	fixture
	total() { "$AP" check "Acme Tools" --format json | python3 -c 'import json, sys
print(json.load(sys.stdin)["summary"]["total"])'; }
	before=$(total)
	tui_start
	tui_keys 1 Enter
	wait_for "Their business:"
	tui_type "Lathes and milling machines for small workshops"
	tui_keys Enter
	wait_for "Source of this answer"
	tui_keys Enter
	wait_for "Confidence"
	tui_keys Enter
	wait_for "saved: answer to 'Their business' for Acme Tools"
	after=$(total)
	[ "$after" -lt "$before" ] || fail "answering cleared no flag: $before -> $after"
	wait_for "; $after open flags (was $before)"
}

test_cut_account_names_keep_their_number() {
	ap account add "Bluepeak Energy Holdings 00448"
	ap account add "Bluepeak Energy Holdings 00784"
	ap account add "Lakeshore Health Partners International"
	tui_start -s 80x24
	wait_for "Accounts  3"
	screen_line "^ Bluepeak Ener[a-z]*… 00448 " >/dev/null || fail "number lost: $(tui_screen)"
	screen_line "^ Bluepeak Ener[a-z]*… 00784 " >/dev/null || fail "second number lost: $(tui_screen)"
	# A name without a number is cut at its end as usual.
	screen_line "^ Lakeshore Health Pa" | grep -q "Pa[a-z]*… " || fail "$(screen_line "^ Lakeshore")"
}

test_click_on_a_tab_with_its_counts_focuses_that_tier() {
	fixture
	ap answer "Acme Tools" competitors "Haas and DMG Mori" --source meeting
	# At 80 columns the tabs start after the account list (column 33):
	# " 1 Sales 0/5 " then " 2 Product 1/6 " from column 47.
	printf 'dump before.txt\nclick 50 1\ndump after.txt\n' >keys
	COLUMNS=80 LINES=24 expect_rc 0 "$AP" --keys keys
	grep -q "│ 1 Sales 0/5   2 Product 1/6   3 Executive 0/7" before.txt || fail "tabs: $(sed -n 2p before.txt)"
	lacks before.txt "Haas and DMG Mori"
	grep -q "Who are the customer's competitors" after.txt || fail "the click did not focus Product: $(cat after.txt)"
	grep -q "Haas and DMG Mori" after.txt || fail "product pane not shown: $(cat after.txt)"
}

test_flag_hints_name_the_workbench_keys_not_commands() {
	fixture
	tui_start
	tui_keys h
	wait_for "a adds a contact with the role"
	contains "$T/screen" "-- o: org"
	lacks "$T/screen" "acctplan contact add"
	tui_keys Enter
	wait_for "Enter on the question answers it"
	lacks "$T/screen" "acctplan answer"
	# The command line's hint is what the rules say, unchanged.
	"$AP" check "Acme Tools" --format csv | grep -q 'acctplan contact add' || fail "rule hint changed"
}

test_removing_a_note_quotes_it_and_no_keeps_it() {
	fixture
	ap note "Acme Tools" "Budget frozen until Q2" --by dana --date 2026-11-02
	ap note "Acme Tools" "They plan a plant in Porto next year, with two more lines after it" --by dana --date 2026-11-01
	before=$(dump)
	tui_start
	tui_keys N
	wait_for "Notes on Acme Tools"
	tui_keys j d
	wait_for "remove the note of 2026-11-01 by dana ('They plan a plant in Porto next year,...')?"
	tui_keys n
	wait_gone "remove the note"
	eq "$(dump)" "$before" "store content"
}

run_suite
