#!/bin/sh
# Actions: work someone of ours owns on an account, by a day, often to answer
# a flag. Add, list and its filters, done, drop, edit, the calendar file, the
# round trip through export and import, and the refusals that write nothing.
. "$(dirname "$0")/../lib.sh"

# Today is 2026-11-23 (lib.sh); USER is tester, who is one of the members.
team() {
	ap account add Acme --segment key
	ap account add Borealis
	ap member add tester --tier sales
	ap member add "Ana Lima" --tier sales
	ap member add "Bo Berg" --tier product
	ap contact add Acme "Carl Jung" --role decision-maker --owner Bo --level vendor
}

count_rows() { "$AP" "$@" --format csv | tail -n +2 | wc -l | tr -d ' '; }

test_an_action_is_added_listed_and_closed() {
	team
	ap action add Acme "Ask who signs the order" --due 2026-12-01 --owner "Ana Lima" --contact Carl
	eq "$(cat "$T/out")" "added action #1 'Ask who signs the order' to Acme: Ana Lima, due 2026-12-01" "message"
	# The owner not given is the acting member; the tier the owner's.
	ap action add Acme "Send the pilot offer" --due 2026-11-30
	ap action list --format csv
	contains "$T/out" "1,2026-12-01,open,Acme,Ana Lima,Ask who signs the order,sales,,Carl Jung,,,,tester,1"
	contains "$T/out" "2,2026-11-30,open,Acme,tester,Send the pilot offer,sales,,,,,,tester,1"
	# By due day.
	eq "$(sed -n 2p "$T/out" | cut -d, -f1)" 2 "first by due day"
	ap action done 1 --outcome "Karin releases payment"
	eq "$(cat "$T/out")" "action #1 'Ask who signs the order' is done" "message"
	ap action drop 2 --reason "They chose to wait a quarter"
	eq "$(count_rows action list)" 0 "open actions"
	ap action list --status all --format csv
	contains "$T/out" "1,2026-12-01,done,Acme,Ana Lima,Ask who signs the order,sales,,Carl Jung,Karin releases payment,,2026-11-23,tester,2"
	contains "$T/out" "2,2026-11-30,dropped,Acme,tester,Send the pilot offer,sales,,,,They chose to wait a quarter,2026-11-23,tester,2"
	ap action list --status done --format json
	python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))
assert [x["id"] for x in a] == [1] and a[0]["status"] == "done" and a[0]["version"] == 2, a' "$T/out" ||
		fail "json: $(cat "$T/out")"
}

test_an_action_answers_a_flag_the_account_has() {
	team
	ap check Acme --format json
	python3 -c 'import json, sys
assert any(f["rule"] == "shallow_decision_maker" for f in json.load(open(sys.argv[1]))["flags"])' "$T/out" ||
		fail "the fixture should raise shallow_decision_maker"
	ap action add Acme "Meet Carl's boss" --due 2026-12-15 --owner Bo --flag shallow_decision_maker
	ap action list Acme --format csv
	# The tier is the flag's: sales, though Bo is product.
	contains "$T/out" "1,2026-12-15,open,Acme,Bo Berg,Meet Carl's boss,sales,shallow_decision_maker,,"
	# A rule with a flag per question: RULE alone is ambiguous, RULE/QUESTION names one.
	expect_rc 2 "$AP" action add Acme "Ask" --due 2026-12-15 --flag unanswered
	contains "$T/err" "has no such flag today"
	rule=$("$AP" check Acme --format json | python3 -c 'import json, sys
print([f["rule"] + "/" + f["question"] for f in json.load(sys.stdin)["flags"] if f["question"]][0])')
	ap action add Acme "Ask about it" --due 2026-12-15 --flag "$rule"
	ap action list Acme --format json
	contains "$T/out" "\"flag\": \"$rule\""
	before=$(snap)
	expect_rc 2 "$AP" action add Borealis "Ask" --due 2026-12-15 --flag "${rule%%/*}"
	contains "$T/err" "flags of that rule, one per question; name one as ${rule%%/*}/QUESTION"
	eq "$(snap)" "$before" "store after an ambiguous flag"
}

# A flag somebody has taken on stays visible, saying who and until when, in
# check (text, JSON, CSV), account show and the brief; closing the action
# leaves the flag as it was.
test_a_flag_with_an_open_action_is_in_hand() {
	team
	ap action add Acme "Meet Carl's boss" --due 2026-12-15 --owner Bo --flag shallow_decision_maker
	ap action add Acme "Later, again" --due 2026-12-20 --owner "Ana Lima" --flag shallow_decision_maker
	ap check Acme
	contains "$T/out" "(in hand: Bo Berg until 2026-12-15)"
	ap account show Acme
	contains "$T/out" "(in hand: Bo Berg until 2026-12-15)"
	ap check Acme --format json
	python3 -c 'import json, sys
fl = json.load(open(sys.argv[1]))["flags"]
held = [f for f in fl if f["in_hand"]]
assert [f["rule"] for f in held] == ["shallow_decision_maker"], held
assert held[0]["in_hand"] == {"owner": "Bo Berg", "due": "2026-12-15"}, held
assert all(f["in_hand"] is None for f in fl if f not in held)' "$T/out" || fail "json: $(cat "$T/out")"
	ap check Acme --format csv
	head -n 1 "$T/out" | grep -q ',in_hand_owner,in_hand_due' || fail "csv header: $(head -n 1 "$T/out")"
	contains "$T/out" ",Bo Berg,2026-12-15"
	ap brief Acme --tier sales
	contains "$T/out" "Open actions"
	contains "$T/out" "2026-12-15  Bo Berg   Meet Carl's boss"
	ap action done 1
	ap action drop 2 --reason "Bo met him"
	ap check Acme
	lacks "$T/out" "in hand"
	contains "$T/out" "shallow_decision_maker"
	ap brief Acme --tier sales
	lacks "$T/out" "Open actions"
}

# The portfolio counts open and overdue actions per tier.
test_the_portfolio_counts_actions_per_tier() {
	team
	ap portfolio --format json
	python3 -c 'import json, sys; assert "actions" not in json.load(open(sys.argv[1]))' "$T/out" ||
		fail "a store without actions has an actions section"
	ap action add Acme "Late" --due 2026-11-01 --owner "Ana Lima" --backdated
	ap action add Acme "Ahead" --due 2026-12-01 --owner Bo
	ap action add Borealis "Done" --due 2026-12-01 --owner Bo
	ap action done 3
	ap portfolio --format json
	python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))["actions"]
assert a == {"sales": {"open": 1, "overdue": 1}, "product": {"open": 1, "overdue": 0},
             "executive": {"open": 0, "overdue": 0}}, a' "$T/out" || fail "portfolio json: $(cat "$T/out")"
	ap portfolio
	contains "$T/out" "Sales: 1 open, 1 overdue"
	contains "$T/out" "Product: 1 open, 0 overdue"
}

test_listing_by_owner_mine_and_overdue() {
	team
	ap action add Acme "Late one" --due 2026-11-01 --owner "Ana Lima" --backdated
	ap action add Acme "Mine" --due 2026-12-01
	ap action add Borealis "Bo's" --due 2026-12-02 --owner Bo
	eq "$(count_rows action list --mine)" 1 "mine"
	eq "$(count_rows action list --owner Bo)" 1 "Bo's"
	eq "$(count_rows action list --owner ana)" 1 "Ana's, by the start of her name"
	eq "$(count_rows action list Borealis)" 1 "Borealis's"
	eq "$(count_rows action list --overdue)" 1 "overdue"
	ap action list
	contains "$T/out" "overdue"
	ap action list --overdue --format csv
	contains "$T/out" "1,2026-11-01,open,Acme,Ana Lima,Late one"
	expect_rc 2 "$AP" action list --owner Bo --mine
	expect_rc 2 "$AP" action list --status closed
	contains "$T/err" "--status"
	expect_rc 2 "$AP" action list --owner Zed
	contains "$T/err" "unknown member 'Zed'"
}

test_edits_are_version_checked_and_keep_the_id() {
	team
	ap action add Acme "Call Carl" --due 2026-12-01
	ap action edit 1 --due 2026-12-05 --owner Bo --if-version 1
	eq "$(cat "$T/out")" "updated action #1 'Call Carl' (version 2)" "message"
	before=$(snap)
	expect_rc 4 "$AP" action edit 1 --title "Call Carl twice" --if-version 1
	contains "$T/err" "changed since you read it"
	eq "$(snap)" "$before" "store after a stale edit"
	ap action edit 1 --flag shallow_decision_maker --contact Carl
	ap action list --format csv
	contains "$T/out" "1,2026-12-05,open,Acme,Bo Berg,Call Carl,sales,shallow_decision_maker,Carl Jung,,,,tester,3"
	ap action edit 1 --flag none --contact none
	ap action list --format csv
	contains "$T/out" "1,2026-12-05,open,Acme,Bo Berg,Call Carl,sales,,,,,,tester,4"
}

test_bad_input_is_refused_and_writes_nothing() {
	ap account add Acme
	refused 2 "an action has an owner, one of our members, and there are none yet (add one with 'acctplan member add NAME --tier T')" \
		action add Acme "Call" --due 2026-12-01
	team_rest() {
		ap member add tester --tier sales
		ap member add "Bo Berg" --tier product
		ap member add "Old Hand" --tier executive
		ap member edit "Old Hand" --active no
		ap contact add Acme "Carl Jung" --role decision-maker --owner Bo --level vendor
		ap action add Acme "Open one" --due 2026-12-01
		ap action done 1
	}
	team_rest
	refused 2 "--due 2026-11-22 is before today (2026-11-23): an action is due today or later; give --backdated to record one that fell due before" \
		action add Acme "Call" --due 2026-11-22
	refused 2 "action add: --due YYYY-MM-DD is required" action add Acme "Call"
	expect_rc 2 "$AP" action add Acme "Call" --due 2026-13-01
	contains "$T/err" "2026-13-01"
	refused 2 "--owner: unknown member 'Bob Berg' (close: Bo Berg)" action add Acme "Call" --due 2026-12-01 --owner "Bob Berg"
	expect_rc 2 "$AP" action add Acme "Call" --due 2026-12-01 --owner "Old Hand"
	contains "$T/err" "--owner: member 'Old Hand' is no longer active and takes on no new action"
	refused 2 "--flag nosuch_rule: 'Acme' has no such flag today (see 'acctplan check' for its flags)" \
		action add Acme "Call" --due 2026-12-01 --flag nosuch_rule
	expect_rc 2 "$AP" action add Acme "Call" --due 2026-12-01 --flag "a/b/c"
	contains "$T/err" "RULE or RULE/QUESTION"
	expect_rc 2 "$AP" action add Acme "Call" --due 2026-12-01 --contact Karl
	contains "$T/err" "--contact: unknown contact 'Karl'"
	expect_rc 2 "$AP" action add Nowhere "Call" --due 2026-12-01
	contains "$T/err" "Nowhere"
	refused 2 "action #1 is done already (on 2026-11-23); nothing changed" action done 1
	refused 2 "action #1 is done already (on 2026-11-23); nothing changed" action drop 1 --reason "No"
	refused 2 "action drop: --reason TEXT is required (why it is dropped)" action drop 1
	refused 2 "no action #9 (see 'acctplan action list')" action done 9
	expect_rc 2 "$AP" action done abc
	contains "$T/err" "not a action id"
	refused 2 "action edit: nothing to change (see 'acctplan action edit --help')" action edit 1
	expect_rc 2 "$AP" action add Acme "$(printf 'Bad\033[2J')" --due 2026-12-01
	before=$(snap)
	expect_rc 2 "$AP" action list --format ics -o "$T/no/such/folder/a.ics"
	contains "$T/err" "cannot write calendar"
	refused 2 "action list: -o FILE writes a calendar; give --format ics with it" action list -o "$T/a.ics"
	eq "$(snap)" "$before" "store"
}

# A member who owns actions is removed only by handing them on.
test_removing_a_member_hands_their_actions_on() {
	team
	ap action add Acme "Call Carl" --due 2026-12-01 --owner "Ana Lima"
	expect_rc 2 "$AP" member remove Ana
	contains "$T/err" "'Ana Lima' owns 1 action: give --reassign-to MEMBER to hand it over"
	ap member remove Ana --reassign-to Bo
	ap action list --format csv
	contains "$T/out" "1,2026-12-01,open,Acme,Bo Berg,Call Carl"
}

# The calendar: valid iCalendar (a strict RFC 5545 check, tests/ics_check.py),
# and, written again after edits and a move to another store, the same items
# updated, none twice.
test_the_calendar_updates_instead_of_duplicating() {
	team
	long="Vorstandsgespräch über die Lieferkette — Übergabe der Roadmap; Preise, Mengen und Termine für 2027 ✓"
	ap action add Acme "$long" --due 2026-12-01 --contact Carl
	ap action add Acme "Call, then write" --due 2026-12-03 --owner Bo
	ap meeting add Acme --tier sales --date 2026-12-10 --kind strategic --with Carl --ours tester \
		--objective "Agree the pilot" "Pilot review"
	ap action list --format ics -o "$T/one.ics"
	[ "$(mode "$T/one.ics")" = "-rw-------" ] || fail "calendar mode $(mode "$T/one.ics")"
	python3 "$TOP/tests/ics_check.py" "$T/one.ics" >"$T/check" || fail "invalid calendar: $(cat "$T/check")"
	contains "$T/check" "ok: 2 VTODO, 1 VEVENT"
	python3 "$TOP/tests/ics_check.py" --uids "$T/one.ics" >"$T/one.uids"
	contains "$T/one.uids" "action-1@acctplan 0 NEEDS-ACTION $long (Acme)"
	contains "$T/one.uids" "action-2@acctplan 0 NEEDS-ACTION Call, then write (Acme)"
	contains "$T/one.uids" "meeting-1@acctplan 0 CONFIRMED Meeting with Acme: Agree the pilot"
	# Standard output is the same calendar.
	ap action list --format ics
	cmp -s "$T/out" "$T/one.ics" || fail "stdout and -o differ"
	ap action done 1
	ap action edit 2 --due 2026-12-04
	ap meeting edit Acme 1 --status cancelled
	# Moved to another store through export and import: the same UIDs.
	ap export -o "$T/all.json"
	ACCTPLAN_DB="$T/moved.db" expect_rc 0 "$AP" import "$T/all.json"
	ACCTPLAN_DB="$T/moved.db" expect_rc 0 "$AP" action list --format ics -o "$T/two.ics"
	python3 "$TOP/tests/ics_check.py" "$T/two.ics" >"$T/check" || fail "invalid calendar: $(cat "$T/check")"
	python3 "$TOP/tests/ics_check.py" --uids "$T/two.ics" >"$T/two.uids"
	eq "$(cut -d' ' -f1 "$T/two.uids" | sort)" "$(cut -d' ' -f1 "$T/one.uids" | sort)" "UIDs"
	contains "$T/two.uids" "action-1@acctplan 1 COMPLETED"
	contains "$T/two.uids" "action-2@acctplan 1 NEEDS-ACTION"
	contains "$T/two.uids" "meeting-1@acctplan 1 CANCELLED"
	# A calendar keeps, per UID, the item with the highest SEQUENCE: after
	# both imports, one item each, the newer.
	cat "$T/one.uids" "$T/two.uids" | sort -k1,1 -k2,2n | awk '{ last[$1] = $0 } END { for (u in last) print last[u] }' |
		sort >"$T/merged"
	eq "$(wc -l <"$T/merged" | tr -d ' ')" 3 "items after importing both"
	eq "$(grep -c ' 1 ' "$T/merged")" 3 "items at their newer sequence"
}

test_actions_round_trip_through_export_and_import() {
	team
	ap action add Acme "Call Carl" --due 2026-12-01 --contact Carl --flag shallow_decision_maker
	ap action add Borealis "Plan the visit" --due 2026-12-09 --owner Bo
	ap action drop 2 --reason "Visit moved to spring"
	ap export -o "$T/first.json"
	ACCTPLAN_DB="$T/copy.db" expect_rc 0 "$AP" import "$T/first.json"
	contains "$T/out" "actions 2"
	ACCTPLAN_DB="$T/copy.db" expect_rc 0 "$AP" export -o "$T/second.json"
	cmp -s "$T/first.json" "$T/second.json" || fail "export, import, export differ: $(diff "$T/first.json" "$T/second.json" | head -20)"
	# An action naming a member the file does not have is refused at its place.
	python3 - "$T/first.json" "$T/bad.json" <<-'EOF'
	import json, sys
	d = json.load(open(sys.argv[1]))
	d["accounts"][0]["actions"][0]["owner"] = "Nobody Here"
	json.dump(d, open(sys.argv[2], "w"))
	EOF
	ACCTPLAN_DB="$T/bad.db" expect_rc 2 "$AP" import "$T/bad.json"
	contains "$T/err" "actions[0].owner: unknown member 'Nobody Here'"
}

# rules.ini [actions] is checked like the rules: file and line.
test_a_bad_actions_section_is_refused_with_file_and_line() {
	ap account add Acme
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[rules]\nfile = %s\n' "$T/my-rules.ini" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '[actions]\ndue_high = soon\n' >"$T/my-rules.ini"
	expect_rc 2 "$AP" check
	err_is "$T/my-rules.ini:2: [actions] due_high: 'soon' is not a whole number from 1 to 3650"
	printf '[actions]\ndue_later = 3\n' >"$T/my-rules.ini"
	expect_rc 2 "$AP" check
	err_is "$T/my-rules.ini:2: unknown key 'due_later' in [actions]"
	printf '[actions]\ndue_high = 3\n' >"$T/my-rules.ini"
	ap check
}

test_commands_answer_help() {
	for cmd in add list done drop edit; do
		ap action "$cmd" --help
		contains "$T/out" "usage: acctplan action $cmd"
	done
}

run_suite
