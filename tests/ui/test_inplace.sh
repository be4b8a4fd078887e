#!/bin/sh
# Edits in place: a record edited in the workbench keeps its id (the CLI
# lists the same id with the new values, at the next version); the forms
# refuse what the CLI refuses, with the same check; and an edit of a record
# someone changed meanwhile is refused, says who changed it, and is kept
# until the user decides.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

fixture() {
	ap account add "Acme Tools" --industry Manufacturing --segment growth
	ap meeting add "Acme Tools" --tier sales --date 2026-11-01 --kind tactical "Price talk"
	ap competitor add "Acme Tools" Haas --differentiator "Cheaper, slower service"
	ap endcustomer add "Acme Tools" Volvo --industry Automotive --trend growing --ask "EV parts"
	ap contact add "Acme Tools" "Kim Lee" --title CEO --role decision-maker --tier executive
	ap contact add "Acme Tools" "Ola Berg" --title Buyer --tier sales --reports-to "Kim Lee"
}

# recs SECTION KEY...: Acme Tools' records of that section of the export
# (meetings, competitors, end_customers, contacts, notes), the named members
# of each joined by '|'. The export carries every record's id and version.
recs() {
	section=$1
	shift
	"$AP" export | python3 -c '
import json, sys
acc = [a for a in json.load(sys.stdin)["accounts"] if a["name"] == "Acme Tools"][0]
for r in acc[sys.argv[1]]:
    print("|".join("" if r[k] is None else str(r[k]) for k in sys.argv[2:]))' "$section" "$@"
}

# The ids of the CLI's meeting list, as a script reads them.
listed_meeting_ids() {
	"$AP" meeting list "Acme Tools" --format csv | python3 -c '
import csv, sys
print(" ".join(r["id"] for r in csv.DictReader(sys.stdin)))'
}

test_meeting_edited_in_place_keeps_its_id() {
	fixture
	id=$(recs meetings id)
	eq "$(listed_meeting_ids)" "$id" "meeting list before"
	tui_start
	tui_keys m
	wait_for "Engagements with Acme Tools  (1)"
	tui_keys e
	wait_for "tier (edit engagement 1/11)"
	tui_keys Enter
	wait_for "date (edit engagement 2/11, YYYY-MM-DD): 2026-11-01"
	tui_keys C-u
	tui_type "2026-11-20"
	tui_keys Enter
	wait_for "kind (edit engagement 3/11)"
	tui_keys Enter Enter Enter
	wait_for "summary (edit engagement 6/11): Price talk"
	tui_keys C-u
	tui_type "Roadmap review"
	# Status, objective, outcome and attendees as they were.
	tui_keys Enter Enter Enter Enter Enter Enter
	wait_for "saved: engagement of 2026-11-20"
	wait_for "Roadmap review"
	eq "$(recs meetings id version date summary)" "$id|2|2026-11-20|Roadmap review" "meeting after the edit"
	eq "$(listed_meeting_ids)" "$id" "meeting list after"
}

test_competitor_edited_in_place_keeps_its_id() {
	fixture
	id=$(recs competitors id)
	tui_start
	tui_keys c
	wait_for "Competitors of Acme Tools  (1)"
	tui_keys e
	wait_for "name (edit competitor 1/2): Haas"
	tui_type " Automation"
	tui_keys Enter Enter
	wait_for "saved: competitor 'Haas Automation'"
	eq "$(recs competitors id version name differentiator)" "$id|2|Haas Automation|Cheaper, slower service" \
		"competitor after the edit"
}

test_end_customer_edited_in_place_keeps_its_id() {
	fixture
	id=$(recs end_customers id)
	tui_start
	tui_keys u
	wait_for "End customers (the customer's customers) of Acme Tools  (1)"
	tui_keys e
	wait_for "name (edit end customer 1/4): Volvo"
	tui_keys Enter
	wait_for "industry (edit end customer 2/4, may be empty): Automotive"
	tui_keys C-u
	tui_type "Trucks"
	tui_keys Enter
	wait_for "trend (edit end customer 3/4)"
	tui_keys Enter
	wait_for "what they ask for (edit end customer 4/4, may be empty): EV parts"
	tui_keys Enter
	wait_for "saved: end customer 'Volvo'"
	eq "$(recs end_customers id version name industry trend ask)" "$id|2|Volvo|Trucks|growing|EV parts" \
		"end customer after the edit"
}

test_renamed_contact_keeps_its_id_and_its_reports() {
	fixture
	id=$(recs contacts id name | grep "|Kim Lee$" | cut -d'|' -f1)
	tui_start
	tui_keys o
	wait_for "Org map of Acme Tools"
	tui_keys g e
	wait_for "name (edit contact 1/9): Kim Lee"
	tui_type "-Berg"
	tui_keys Enter Enter Enter Enter Enter Enter Enter Enter Enter
	wait_for "saved: contact 'Kim Lee-Berg'"
	eq "$(recs contacts id name | grep "|Kim Lee-Berg$")" "$id|Kim Lee-Berg" "renamed contact"
	eq "$(recs contacts name reports_to | grep "^Ola Berg|")" "Ola Berg|Kim Lee-Berg" "who Ola reports to"
}

test_account_name_with_a_blank_at_an_end_is_refused_as_the_cli_refuses_it() {
	ap account add "Acme"
	before=$(dump)
	expect_rc 2 "$AP" account add "Acme "
	cli_msg=$(sed 's/^acctplan: //' "$T/err")
	tui_start
	tui_keys h a
	wait_for "name (new account 1/3):"
	tui_type "Acme "
	tui_keys Enter
	wait_for "$cli_msg"
	# Refused, the prompt stays with the text typed; at its start too.
	wait_for "name (new account 1/3): Acme"
	tui_keys C-u
	tui_type " Acme"
	tui_keys Enter
	wait_for "account name ' Acme' starts or ends with a blank"
	tui_keys C-u
	tui_type "   "
	tui_keys Enter
	wait_for "account name is empty"
	tui_keys Escape
	wait_for "new account cancelled; nothing saved"
	eq "$(dump)" "$before" "store content"
	expect_rc 2 "$AP" account add " Acme"
	expect_rc 2 "$AP" account add "   "
}

test_edited_account_name_is_checked_too() {
	fixture
	before=$(dump)
	tui_start
	tui_keys h e
	wait_for "name (edit account 1/3): Acme Tools"
	tui_type " "
	tui_keys Enter
	wait_for "account name 'Acme Tools ' starts or ends with a blank"
	tui_keys Escape
	wait_for "edit account cancelled; nothing saved"
	eq "$(dump)" "$before" "store content"
}

test_meeting_form_refuses_shared_news_without_news_as_the_cli_does() {
	fixture
	before=$(dump)
	expect_rc 2 "$AP" meeting add "Acme Tools" --tier sales --date 2026-11-02 --kind strategic --shared yes "x"
	tui_start
	tui_keys m
	wait_for "Engagements with Acme Tools  (1)"
	tui_keys a
	wait_for "tier (new engagement 1/11)"
	# Every default, but news shared with the customer: yes, and no news.
	tui_keys Enter Enter Enter Enter
	wait_for "news shared with the customer (new engagement 5/11)"
	tui_keys g Enter
	wait_for "summary (new engagement 6/11):"
	tui_type "Nothing to tell"
	tui_keys Enter Enter Enter Enter Enter Enter
	wait_for "shared says whether news was shared; give news good or bad too"
	wait_for "tier (new engagement 1/11)"
	tui_keys Escape
	wait_for "new engagement cancelled; nothing saved"
	eq "$(dump)" "$before" "store content"
}

# Open the edit form of the only meeting and type a new summary, without
# saving it yet (the prompt waits for Enter).
edit_meeting_summary() {
	tui_start
	tui_keys m
	wait_for "Engagements with Acme Tools  (1)"
	tui_keys e
	wait_for "tier (edit engagement 1/11)"
	tui_keys Enter Enter Enter Enter Enter
	wait_for "summary (edit engagement 6/11): Price talk"
	tui_keys C-u
	tui_type "$1"
	wait_for "summary (edit engagement 6/11): $1"
	# On to the last field, the summary typed but nothing saved yet.
	tui_keys Enter Enter Enter Enter Enter
	wait_for "our attendee (edit engagement 11/11"
}

# Someone else (Kim) changes the meeting meanwhile, as another client of the
# database does: a new version, written by them.
kim_changes_the_meeting() {
	db_sql "UPDATE engagement SET version = version + 1, summary = 'theirs',
		updated_by = 'Kim' WHERE id = $1" || fail "another client could not change the meeting"
}

test_stale_edit_is_refused_naming_who_changed_it_and_kept() {
	fixture
	id=$(recs meetings id)
	edit_meeting_summary "Mine, typed with care"
	kim_changes_the_meeting "$id"
	tui_keys Enter
	# Nothing is written and the conflict screen opens at once: theirs, by
	# whom and when, beside mine.
	wait_for "Theirs, by Kim on"
	wait_for "meeting summary: Mine, typed with care"
	eq "$(recs meetings id version summary)" "$id|2|theirs" "meeting while the choice is open"
	tui_keys Enter   # decide later, the default
	wait_for_text "kept, R decides"
	# The list shows what the meeting holds now; the store kept theirs.
	wait_for "theirs"
	eq "$(recs meetings id version summary)" "$id|2|theirs" "meeting after the refused edit"
	# Quitting asks first: the edit typed is not lost silently.
	tui_keys Q
	wait_for "an edit is not saved yet (engagement of 2026-11-01); quit anyway?"
	tui_keys n
	wait_gone "quit anyway?"
	eq "$(recs meetings id version summary)" "$id|2|theirs" "meeting after not quitting"
}

test_kept_stale_edit_saved_over_theirs_keeps_the_id() {
	fixture
	id=$(recs meetings id)
	edit_meeting_summary "Mine after all"
	kim_changes_the_meeting "$id"
	tui_keys Enter
	wait_for_text "changed by Kim"
	wait_for "Your engagement of 2026-11-01: someone changed it since you read it"
	wait_for "save mine over theirs"
	tui_keys g Enter
	wait_for "saved: engagement of 2026-11-01"
	eq "$(recs meetings id version summary)" "$id|3|Mine after all" "meeting saved over theirs"
}

test_kept_stale_edit_dropped_leaves_theirs() {
	fixture
	id=$(recs meetings id)
	edit_meeting_summary "Not needed"
	kim_changes_the_meeting "$id"
	tui_keys Enter
	wait_for_text "changed by Kim"
	wait_for "drop mine, keep theirs"
	tui_keys g j Enter
	wait_for "dropped your engagement of 2026-11-01; theirs stays"
	eq "$(recs meetings id version summary)" "$id|2|theirs" "meeting after dropping mine"
	# Nothing waits any more: quitting asks nothing.
	tui_keys Q
	wait_exit
}

test_stale_note_edit_is_refused_and_the_note_keeps_theirs() {
	fixture
	ap note "Acme Tools" "First impressions"
	id=$(recs notes id)
	tui_start
	tui_keys N
	wait_for "Notes on Acme Tools, newest first  (1)"
	tui_keys e
	wait_for "Note: First impressions"
	tui_type " and second thoughts"
	db_sql "UPDATE note SET version = version + 1, updated_by = 'Kim' WHERE id = $id" ||
		fail "another client could not change the note"
	tui_keys Enter
	wait_for_text "note #$id was changed since you read it"
	wait_for_text "changed by Kim"
	eq "$(recs notes id version text)" "$id|2|First impressions" "note after the refused edit"
}

test_stale_removal_is_refused_and_removes_nothing() {
	fixture
	id=$(recs competitors id)
	tui_start
	tui_keys c
	wait_for "Competitors of Acme Tools  (1)"
	tui_keys d
	wait_for "remove competitor 'Haas'?"
	# Kim changes it while the question is asked: before it, live reload
	# would show theirs within half a second and the removal would be of it.
	db_sql "UPDATE competitor SET version = version + 1, differentiator = 'Now faster',
		updated_by = 'Kim' WHERE id = $id" || fail "another client could not change the competitor"
	tui_keys y
	wait_for_text "competitor #$id was changed since you read it"
	wait_for_text "changed by Kim"
	# Nothing typed waits for a decision; the list shows theirs.
	wait_for "Now faster"
	eq "$(recs competitors id version name differentiator)" "$id|2|Haas|Now faster" "competitor after the refused removal"
	tui_keys Q
	wait_exit
}

# One refused edit waits at a time; a second one refused meanwhile is not
# dropped: its text goes to a private file beside the database, named on screen.
test_second_refused_edit_while_one_waits_goes_to_a_file() {
	fixture
	id=$(recs meetings id)
	edit_meeting_summary "First of mine"
	kim_changes_the_meeting "$id"
	tui_keys Enter
	wait_for "Theirs, by Kim on"
	tui_keys Enter   # decide later
	wait_for_text "kept, R decides"
	wait_for "theirs"
	tui_keys e
	wait_for "tier (edit engagement 1/11)"
	tui_keys Enter Enter Enter Enter Enter
	wait_for "summary (edit engagement 6/11): theirs"
	tui_keys C-u
	tui_type "Second of mine"
	wait_for "summary (edit engagement 6/11): Second of mine"
	tui_keys Enter Enter Enter Enter Enter
	wait_for "our attendee (edit engagement 11/11"
	kim_changes_the_meeting "$id"
	tui_keys Enter
	wait_for_text "another edit waits, so your engagement of 2026-11-01 is in"
	if on_pg; then set -- "$XDG_DATA_HOME"/acctplan/unsaved-*; else set -- "$ACCTPLAN_DB".unsaved-*; fi
	[ -f "$1" ] || fail "no file holds the second edit's text"
	contains "$1" "Second of mine"
	eq "$(stat -c %a "$1")" "600" "mode of the file with the unsaved text"
	eq "$(recs meetings id summary)" "$id|theirs" "meeting after both refused edits"
}

run_suite
