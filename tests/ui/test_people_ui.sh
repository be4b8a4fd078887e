#!/bin/sh
# Our people in the workbench: the org map with its owners and lines, the
# relationship matrix, attendees entered in the meeting form, and the
# brief's next meeting. Each test checks the screen, and through the CLI
# what the store holds.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

# Today is 2026-11-23 (lib.sh).
team() {
	ap account add Acme --segment key
	ap member add "Ana Lima" --tier sales
	ap member add "Bo Berg" --tier product
	ap contact add Acme "Carl Jung" --role decision-maker --owner Bo --level credible --stance advocate
	ap contact add Acme "Dee Frost" --role payment-releaser --reports-to "Carl Jung"
	ap contact link Acme Carl Dee --kind rivals
}

test_org_map_shows_owners_levels_and_lines() {
	team
	ap meeting add Acme --tier product --date 2026-11-02 --kind tactical --with Carl --ours Bo "Demo"
	tui_start
	tui_keys o
	wait_for "Org map of Acme"
	contains "$T/screen" "owner"
	screen_line "Carl Jung" >"$T/row"
	contains "$T/row" "Bo Berg"
	contains "$T/row" "credible"
	contains "$T/row" "advocate"
	contains "$T/screen" "Lines beyond reports-to:"
	contains "$T/screen" "Carl Jung and Dee Frost are rivals"
	# The selected contact's relationship, last touch included.
	wait_for "Carl Jung: held by Bo Berg, level credible, stance advocate, influence not known, last met 2026-11-02"
	tui_keys j
	wait_for "Dee Frost: held by nobody of ours"
	contains "$T/screen" "last met never"
}

test_owner_and_level_are_set_in_the_contact_form() {
	team
	tui_start
	tui_keys o
	wait_for "Org map of Acme"
	tui_keys j e
	wait_for "name (edit contact 1/9): Dee Frost"
	tui_keys Enter Enter Enter Enter Enter
	wait_for "owner (edit contact 6/9)"
	contains "$T/screen" "Ana Lima"
	tui_keys g Enter
	wait_for "relationship level (edit contact 7/9)"
	tui_keys j j Enter
	wait_for "stance (edit contact 8/9)"
	tui_keys Enter Enter
	wait_for "saved: contact 'Dee Frost'"
	ap contact list Acme --format csv
	contains "$T/out" "Dee Frost,,payment-releaser,sales,Carl Jung,Ana Lima,credible"
}

test_relationship_matrix_view() {
	team
	ap meeting add Acme --tier sales --date 2026-11-02 --kind tactical --with Dee --ours Ana "Call"
	tui_start
	tui_keys r
	wait_for "Relationships at Acme"
	contains "$T/screen" "Ana Lima"
	contains "$T/screen" "Bo Berg"
	screen_line "Carl Jung" >"$T/row"
	contains "$T/row" "credible"
	screen_line "Dee Frost" >"$T/row"
	contains "$T/row" "met"
	wait_for "Carl Jung: held by Bo Berg, level credible"
	tui_keys q
	wait_gone "Relationships at Acme"
}

# Under the selected contact, which functions of ours touch the account,
# as 'account relationships' says it; a member's new function shows on reload.
test_relationship_matrix_says_which_functions_touch_the_account() {
	team
	ap meeting add Acme --tier sales --date 2026-11-02 --kind tactical --with Dee --ours Ana "Call"
	tui_start
	tui_keys r
	wait_for "Relationships at Acme"
	wait_for_text "functions: sales, product-management · none from: field-marketing, channel, product-marketing, customer-reference, support, executive"
	ap member edit Ana --function support
	wait_for_text "functions: product-management, support · none from: sales, field-marketing, channel, product-marketing, customer-reference, executive"
	tui_keys q
	wait_gone "Relationships at Acme"
}

test_attendees_are_entered_in_the_meeting_form() {
	team
	tui_start
	tui_keys m
	wait_for "Engagements with Acme  (0)"
	tui_keys a
	wait_for "tier (new engagement 1/11)"
	tui_keys Enter
	wait_for "date (new engagement 2/11, YYYY-MM-DD): 2026-11-23"
	tui_keys C-u
	tui_type "2026-12-03"
	tui_keys Enter
	wait_for "kind (new engagement 3/11)"
	tui_keys Enter Enter Enter
	wait_for "summary (new engagement 6/11):"
	tui_type "Pilot review"
	tui_keys Enter
	wait_for "status (new engagement 7/11)"
	# Left as it is: a meeting dated ahead is planned.
	tui_keys Enter
	wait_for "objective (new engagement 8/11"
	tui_type "Agree the pilot"
	tui_keys Enter
	wait_for "outcome (new engagement 9/11"
	tui_keys Enter
	wait_for "attendee (new engagement 10/11"
	tui_type "Carl, Dee Frost"
	tui_keys Enter
	wait_for "our attendee (new engagement 11/11"
	tui_type "Ana"
	tui_keys Enter
	wait_for "Engagements with Acme  (1)"
	screen_line "2026-12-03" >"$T/row"
	contains "$T/row" "planned"
	ap meeting list Acme --format csv
	contains "$T/out" "Pilot review,planned,Agree the pilot,,\"Carl Jung, Dee Frost\",Ana Lima"
}

test_meeting_form_refuses_an_unknown_attendee() {
	team
	tui_start
	tui_keys m
	wait_for "Engagements with Acme  (0)"
	tui_keys a
	wait_for "tier (new engagement 1/11)"
	tui_keys Enter Enter Enter Enter Enter
	wait_for "summary (new engagement 6/11):"
	tui_type "Call"
	tui_keys Enter Enter Enter Enter
	wait_for "attendee (new engagement 10/11"
	tui_type "Karl"
	tui_keys Enter Enter
	wait_for_text "unknown contact 'Karl'"
	eq "$("$AP" meeting list Acme --format csv | tail -n +2)" "" "meetings after the refusal"
}

test_brief_shows_who_attends_the_next_meeting() {
	team
	ap meeting add Acme --tier sales --date 2026-12-01 --kind strategic --with Carl --ours Ana \
		--objective "Agree the pilot" "Pilot review"
	tui_start
	tui_keys b
	wait_for "Brief: Acme"
	wait_for_text "Next meeting"
	tui_keys PgDn
	wait_for_text "objective: Agree the pilot"
	wait_for_text "Carl Jung: decision-maker, level credible"
	wait_for_text "held by Bo Berg"
	wait_for_text "We attend:"
}

test_portfolio_view_says_who_holds_each_account() {
	team
	ap account add Borealis
	ap contact add Borealis "Finn Holt" --owner Ana --level problem-solver
	ap contact add Borealis "Gil Ode" --owner Bo --level credible
	tui_start
	tui_keys P
	wait_for "Deep relationships"
	screen_line "^ *Acme " >"$T/row"
	contains "$T/row" "1 by Bo Berg"
	screen_line "^ *Borealis " >"$T/row"
	contains "$T/row" "2 by several"
}

run_suite
