#!/bin/sh
# The give and take of a relationship (exchange) and the customer as
# influencer (advocacy): add, list, edit and remove; the refusals that write
# nothing; the balance in 'account show'; the round trip through export
# and import. Today is 2026-11-23 (tests/lib.sh).
. "$(dirname "$0")/../lib.sh"

acme() {
	ap account add Acme --segment key
	ap account add "Borealis AG"
	ap member add "Dana Reyes" --tier product
	ap contact add Acme "Mira Kovac" --role champion
	ap contact add Acme "Jon Ode"
	ap contact add "Borealis AG" "Lena Berg"
}

test_a_give_and_a_take_are_added_listed_edited_and_removed() {
	acme
	ap exchange add Acme --direction give --kind insight --by "Dana Reyes" --date 2026-11-02 "Shared what we heard at the fair"
	eq "$(cat "$T/out")" "added exchange #1 to Acme" "message"
	ap exchange add Acme --direction take --kind forecast "Their 2027 volumes"
	ap exchange add "Borealis AG" --direction take --kind reference --date 2026-01-15 "Took a call from a prospect"
	ap exchange list --format csv
	eq "$(tr -d '\r' <"$T/out")" "id,date,account,direction,kind,by,text,version
1,2026-11-02,Acme,give,insight,Dana Reyes,Shared what we heard at the fair,1
2,2026-11-23,Acme,take,forecast,,Their 2027 volumes,1
3,2026-01-15,Borealis AG,take,reference,,Took a call from a prospect,1" "listing across accounts"
	ap exchange list Acme
	eq "$(head -n 2 "$T/out")" "ID  DATE        ACCOUNT  DIRECTION  KIND      BY          TEXT
2   2026-11-23  Acme     take       forecast              Their 2027 volumes" "one account's, newest first"
	ap exchange edit Acme 1 --kind support --text "Helped through the recall"
	eq "$(cat "$T/out")" "updated exchange #1 of Acme (version 2)" "edit"
	expect_rc 4 "$AP" exchange edit Acme 1 --kind training --if-version 1
	ap exchange remove "Borealis AG" 3
	eq "$(cat "$T/out")" "removed exchange #3 from Borealis AG" "remove"
	ap exchange list "Borealis AG"
	eq "$(cat "$T/out")" "no gives or takes" "empty"
}

test_a_member_renamed_is_followed() {
	acme
	ap exchange add Acme --direction give --kind training --by "Dana Reyes" "Trained their field team"
	ap member edit "Dana Reyes" --name "Dana Reyes-Ode"
	ap exchange list Acme --format json
	python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))
assert a[0]["by"] == "Dana Reyes-Ode", a' "$T/out" || fail "json: $(cat "$T/out")"
}

test_bad_gives_and_takes_write_nothing() {
	acme
	ap exchange add Acme --direction give --kind insight "One to keep"
	refused 2 "kind 'forecast' is not a give (a give is one of insight, introduction, co-development, support, training, other)" \
		exchange add Acme --direction give --kind forecast "x"
	refused 2 "kind 'insight' is not a take (a take is one of introduction, reference, feedback, case-study, forecast, other)" \
		exchange add Acme --direction take --kind insight "x"
	refused 2 "--kind: unknown kind of exchange 'gift' (expected insight, introduction, co-development, support, training, reference, feedback, case-study, forecast or other)" \
		exchange add Acme --direction give --kind gift "x"
	refused 2 "--direction: unknown direction 'both' (expected give or take)" \
		exchange add Acme --direction both --kind other "x"
	refused 2 "--by: unknown member 'Nobody' (see 'acctplan member list')" \
		exchange add Acme --direction give --kind other --by Nobody "x"
	refused 2 "--date '2026-11-24' is in the future (today is 2026-11-23): record a give or take once it happened" \
		exchange add Acme --direction give --kind other --date 2026-11-24 "x"
	refused 2 "--date '2026-11-24' is in the future (today is 2026-11-23): record a give or take once it happened" \
		exchange edit Acme 1 --date 2026-11-24
	refused 2 "kind 'insight' is not a take (a take is one of introduction, reference, feedback, case-study, forecast, other)" \
		exchange edit Acme 1 --direction take
	refused 2 "exchange add: --direction and --kind are required" exchange add Acme --kind other "x"
}

test_account_show_gives_the_balance_of_twelve_months() {
	acme
	ap account show Acme
	lacks "$T/out" "Give and take"
	ap account show Acme --format json
	lacks "$T/out" "give_and_take"
	ap exchange add Acme --direction give --kind insight --date 2025-11-23 "A year and a day ago: outside"
	ap account show Acme
	contains "$T/out" "Give and take, 2025-11-24 to 2026-11-23: 0 given, 0 taken (nothing either way)"
	ap exchange add Acme --direction give --kind insight --date 2025-11-24 "Just inside"
	ap exchange add Acme --direction take --kind reference --date 2026-03-01 "A reference"
	ap exchange add Acme --direction take --kind feedback --date 2026-11-23 "Feedback today"
	ap account show Acme
	contains "$T/out" "Give and take, 2025-11-24 to 2026-11-23: 1 given, 2 taken (we take more than we give)"
	ap account show Acme --format json
	python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))
assert a["give_and_take"] == {"from": "2025-11-24", "to": "2026-11-23", "given": 1, "taken": 2}, a["give_and_take"]' \
		"$T/out" || fail "json: $(cat "$T/out")"
	ap account show "Borealis AG"
	lacks "$T/out" "Give and take"
}

test_advocacy_is_added_edited_and_removed() {
	acme
	ap advocacy add Acme --kind reference-call --contact "Mira Kovac" --date 2026-11-01 --consent-until 2027-06-30
	eq "$(cat "$T/out")" "added advocacy #1 to Acme" "message"
	ap advocacy add Acme --kind event-talk --contact "Jon Ode" --date 2026-10-01 "Spoke at our user day"
	ap advocacy edit Acme 1 --consent-until none --text "Took two calls"
	eq "$(cat "$T/out")" "updated advocacy #1 of Acme (version 2)" "edit"
	ap advocacy list --format json
	python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))
assert [(x["id"], x["consent_until"], x["text"]) for x in a] == [(1, None, "Took two calls"), (2, None, "Spoke at our user day")], a' \
		"$T/out" || fail "json: $(cat "$T/out")"
	ap advocacy remove Acme 2
	eq "$(cat "$T/out")" "removed advocacy #2 from Acme" "remove"
}

test_advocacy_list_says_who_can_speak_for_us_and_how_often_they_were_asked() {
	acme
	ap advocacy add Acme --kind reference-call --contact "Mira Kovac" --date 2026-08-26 --consent-until 2027-06-30
	ap advocacy add Acme --kind press --contact "Mira Kovac" --date 2026-08-25 --consent-until 2026-11-23
	ap advocacy add Acme --kind event-talk --contact "Jon Ode" --date 2026-10-01 --consent-until 2026-11-22 "User day"
	ap advocacy add "Borealis AG" --kind analyst --contact "Lena Berg" --date 2026-11-20
	ap advocacy list
	eq "$(cat "$T/out")" "ID  DATE        ACCOUNT      KIND            CONTACT     CONSENT UNTIL  ASKED LATELY  TEXT
4   2026-11-20  Borealis AG  analyst         Lena Berg                  1
3   2026-10-01  Acme         event-talk      Jon Ode     2026-11-22     1             User day
1   2026-08-26  Acme         reference-call  Mira Kovac  2027-06-30     1
2   2026-08-25  Acme         press           Mira Kovac  2026-11-23     1" "the portfolio's, asked in the 90 days to today"
	ap advocacy list --available --format csv
	eq "$(tr -d '\r' <"$T/out")" "id,date,account,kind,contact,consent_until,asked_lately,text,version
1,2026-08-26,Acme,reference-call,Mira Kovac,2027-06-30,1,,1
2,2026-08-25,Acme,press,Mira Kovac,2026-11-23,1,,1" "consent running today or later"
	ap advocacy add Acme --kind case-study --contact "Mira Kovac" --date 2026-11-23
	ap advocacy list Acme --kind reference-call --format json
	python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))
assert [(x["id"], x["asked_lately"]) for x in a] == [(1, 2)], a' "$T/out" || fail "json: $(cat "$T/out")"
	ap advocacy list "Borealis AG" --available
	eq "$(cat "$T/out")" "nobody can speak for us today (no consent runs)" "none available"
	refused 2 "--kind: unknown kind of advocacy 'podcast' (expected reference-call, case-study, event-talk, press, analyst, advisory-board or co-development)" \
		advocacy list --kind podcast
}

test_bad_advocacy_writes_nothing() {
	acme
	refused 2 "--contact: unknown contact 'Lena Berg' in this account" \
		advocacy add Acme --kind press --contact "Lena Berg" --date 2026-11-01
	refused 2 "consent until 2026-10-31 ends before the advocacy's date 2026-11-01" \
		advocacy add Acme --kind press --contact "Mira Kovac" --date 2026-11-01 --consent-until 2026-10-31
	refused 2 "--kind: unknown kind of advocacy 'podcast' (expected reference-call, case-study, event-talk, press, analyst, advisory-board or co-development)" \
		advocacy add Acme --kind podcast --contact "Mira Kovac" --date 2026-11-01
	refused 2 "advocacy add: --kind, --contact and --date are required" advocacy add Acme --kind press "x"
	ap advocacy add Acme --kind press --contact "Mira Kovac" --date 2026-11-01 --consent-until 2026-12-31
	refused 2 "consent until 2026-12-31 ends before the advocacy's date 2027-01-05" \
		advocacy edit Acme 1 --date 2027-01-05
}

test_gives_takes_and_advocacy_round_trip_through_export_and_import() {
	acme
	ap exchange add Acme --direction give --kind co-development --by "Dana Reyes" --date 2026-05-05 "Built the adapter with them"
	ap exchange add Acme --direction take --kind case-study --date 2026-06-06 "Line 1
line 2"
	ap advocacy add Acme --kind analyst --contact "Jon Ode" --date 2026-09-09 --consent-until 2027-01-01 "Briefed the analyst"
	ap advocacy add Acme --kind press --contact "Mira Kovac" --date 2026-09-10
	ap export -o "$T/one.json"
	grep -q '"exchanges": \[' "$T/one.json" || fail "no exchanges in the export"
	grep -q '"advocacy": \[' "$T/one.json" || fail "no advocacy in the export"
	db_wipe
	ap import "$T/one.json"
	contains "$T/out" "gives and takes 2, advocacy 2"
	ap export -o "$T/two.json"
	cmp "$T/one.json" "$T/two.json" || fail "export differs after the round trip: $(diff "$T/one.json" "$T/two.json")"
}

test_an_import_naming_an_unknown_advocate_is_refused() {
	acme
	ap advocacy add Acme --kind press --contact "Mira Kovac" --date 2026-09-10
	ap export -o "$T/one.json"
	sed -i 's/"contact": "Mira Kovac"/"contact": "Nobody"/' "$T/one.json"
	db_wipe
	expect_rc 2 "$AP" import "$T/one.json"
	contains "$T/err" "one.json:71:9: accounts[0].advocacy[0].contact: unknown contact 'Nobody' in this account"
}

test_the_brief_says_what_we_owe_them() {
	acme
	ap exchange add Acme --direction take --kind forecast --date 2026-11-20 "Their 2027 volumes"
	ap exchange add Acme --direction take --kind reference --date 2026-10-01 "Took a call from a prospect"
	ap exchange add Acme --direction give --kind insight --by "Dana Reyes" --date 2025-11-23 "Outside the window"
	ap brief Acme --tier sales --format md
	contains "$T/out" "Last 12 months (2025-11-24 to 2026-11-23): 0 given, 2 taken (we take more than we give)."
	contains "$T/out" "| 2026-11-20 | took | forecast | Their 2027 volumes |"
	contains "$T/out" "What we owe them: they gave 2 more than we gave back."
	contains "$T/out" "acctplan exchange add Acme --direction give --kind KIND TEXT"
	ap brief "Borealis AG" --tier sales --format md
	lacks "$T/out" "Give and take"
}

test_the_brief_says_whom_we_can_ask() {
	acme
	ap exchange add Acme --direction give --kind support --date 2026-11-02 "Helped through the recall"
	ap advocacy add Acme --kind reference-call --contact "Mira Kovac" --date 2026-11-01 --consent-until 2027-06-30
	ap advocacy add Acme --kind case-study --contact "Jon Ode" --date 2026-05-01 --consent-until 2027-06-30
	ap advocacy add "Borealis AG" --kind press --contact "Lena Berg" --date 2026-05-01 --consent-until 2026-06-30
	ap brief Acme --tier sales --format md
	contains "$T/out" "## Give and take"
	contains "$T/out" "What we can ask: we gave 1 more than we took. Ask Jon Ode to speak for us (case-study, consent until 2027-06-30, not asked in the last 90 days)."
	contains "$T/out" "Mira Kovac (reference-call, consent until 2027-06-30): last asked 2026-11-01, 1 time in the last 90 days"
	# An advocate whose consent ended: no one to name, but the section is there.
	ap brief "Borealis AG" --tier sales --format md
	contains "$T/out" "Last 12 months (2025-11-24 to 2026-11-23): 0 given, 0 taken (nothing either way)."
	lacks "$T/out" "Can speak for us today"
}

test_portfolio_lists_the_accounts_where_we_mostly_take() {
	acme
	ap account add Cobalt
	ap exchange add Acme --direction take --kind forecast --date 2026-11-20 "Their 2027 volumes"
	ap exchange add Acme --direction give --kind insight --date 2026-11-21 "Shared the fair"
	ap exchange add "Borealis AG" --direction take --kind reference --date 2026-10-01 "A call"
	ap exchange add "Borealis AG" --direction take --kind feedback --date 2026-10-02 "Their view of the release"
	ap exchange add "Borealis AG" --direction give --kind support --date 2025-11-23 "Outside the window"
	ap exchange add Cobalt --direction take --kind feedback --date 2026-09-01 "A survey"
	ap portfolio
	contains "$T/out" "Accounts where we mostly take"
	contains "$T/out" "2 accounts gave us more than we gave them from 2025-11-24 to 2026-11-23:"
	contains "$T/out" "  - Borealis AG: 0 given, 2 taken
  - Cobalt: 0 given, 1 taken"
	lacks "$T/out" "Acme: "
	ap portfolio --format json
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))["mostly_take"]
assert d == {"from": "2025-11-24", "to": "2026-11-23", "accounts": [
	{"account": "Borealis AG", "given": 0, "taken": 2}, {"account": "Cobalt", "given": 0, "taken": 1}]}, d' "$T/out" ||
		fail "json: $(cat "$T/out")"
	ap portfolio --format csv
	contains "$T/out" "Acme,sales,5,0,0,0,0,,,none,1,1"
	contains "$T/out" "Borealis AG,sales,5,0,0,0,0,,,none,0,2"
}

run_suite
