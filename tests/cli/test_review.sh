#!/bin/sh
# The account review from the command line: beginning one (walked here by a
# key script, as a terminal would), its order of risk, resuming, the list,
# the minutes, and the refusals that write nothing.
. "$(dirname "$0")/../lib.sh"

# keys LINE...: a key script for the workbench, one line each.
keys() { printf '%s\n' "$@" >"$T/keys"; }
# The replay draws a screen this size: room for every section.
walk() { COLUMNS=120 LINES=80 ap --keys "$T/keys" review "$@"; }

# Today is 2026-11-23 (lib.sh); USER is tester, one of the members.
# Borealis was reviewed a month ago (as growth); Acme has an overdue action;
# Cobalt was never reviewed; Delta is not a key account.
portfolio() {
	ap member add tester --tier sales
	ap member add "Ana Lima" --tier sales
	ap account add Borealis --segment growth
	ACCTPLAN_TODAY=2026-10-20 ACCTPLAN_NOW=2026-10-20T10:00:00Z ap --keys "$T/keys" review --segment growth
	ap account edit Borealis --segment key
	ap account add Acme --segment key
	ap account add Cobalt --segment key
	ap account add Delta
	ap action add Acme "Send the quote" --due 2026-11-20 --backdated
}

test_a_review_walks_the_key_accounts_most_at_risk_first() {
	keys ">"
	portfolio
	keys "dump $T/s1" ">" "dump $T/s2" ">" "dump $T/s3" ">"
	walk --segment key --with "Ana Lima" --with tester
	contains "$T/s1" "Review 2 (key accounts) · 1 of 3 · Acme (key)"
	contains "$T/s2" "2 of 3 · Cobalt (key)"
	contains "$T/s3" "3 of 3 · Borealis (key)"
	# Never reviewed: everything on record; Borealis: since its last review.
	contains "$T/s2" "Never reviewed: everything on record"
	contains "$T/s3" "What changed since its last review, 2026-10-20"
	contains "$T/s1" "2026-11-20 overdue  tester"
	ap review list --format csv
	contains "$T/out" "1,2026-10-20,closed,growth accounts,tester,1,1,0,0,2026-10-20,tester"
	contains "$T/out" "2,2026-11-23,closed,key accounts,\"Ana Lima, tester\",3,3,0,0,2026-11-23,tester"
}

test_a_decision_a_skip_and_a_resume_are_kept() {
	keys ">"
	portfolio
	keys "i" "type Send the quote before Friday" "Enter" ">" "]" "q"
	walk --segment key
	ap review list --status open --format csv
	contains "$T/out" "2,2026-11-23,open,key accounts,tester,3,1,1,1,,tester"
	# Resumed where it stood: Borealis, the one left.
	keys "dump $T/s" ">"
	walk --resume
	contains "$T/s" "3 of 3 · Borealis (key)"
	ap review show 2
	eq "$(cat "$T/out")" "Review 2, 2026-11-23: key accounts (closed on 2026-11-23)
Taking part: tester
Begun by: tester
Accounts: 2 reviewed, 1 skipped, 0 pending of 3

Acme: reviewed 2026-11-23 by tester
  Decisions:
    - Send the quote before Friday (tester)

Cobalt: skipped 2026-11-23 by tester

Borealis: reviewed 2026-11-23 by tester" "minutes"
}

# An answer confirmed in a review keeps its source and confidence, and the
# minutes say who confirmed it.
test_a_confirmed_answer_keeps_its_evidence() {
	ap member add tester --tier sales
	ap account add Acme --segment key
	ap answer Acme business "Sells pumps to farms" --source research --confidence low --date 2026-01-10
	keys "G" "y" ">"
	walk
	eq "$(db_sql "SELECT q.question, c.confirmed_by, c.confirmed_on, c.review_id FROM confirmation c
		JOIN answer q ON q.id = c.answer_id")" "business|tester|2026-11-23|1" "confirmation"
	eq "$(db_sql "SELECT source, confidence, answered_on FROM answer")" "research|low|2026-01-10" "the answer"
	ap review show 1
	contains "$T/out" "Answers confirmed:"
	contains "$T/out" "    - business: Sells pumps to farms (tester, 2026-11-23)"
}

test_several_open_reviews_are_listed_to_choose_from() {
	ap member add tester --tier sales
	ap account add Acme --segment key
	keys "q"
	walk
	walk
	expect_rc 2 "$AP" review --resume
	err_starts "2 reviews are open; give the one to resume (acctplan review --resume ID):"
	contains "$T/err" "  1  2026-11-23  every account  0 of 1 seen"
	keys "dump $T/s" "q"
	walk --resume 2
	contains "$T/s" "Review 2 (every account) · 1 of 1 · Acme"
}

test_bad_input_writes_nothing() {
	ap member add tester --tier sales
	ap member add "Old Hand" --tier sales
	ap member edit "Old Hand" --active no
	ap account add Acme --segment key
	keys "q"
	refused 2 "no accounts in scope of segment strategic: nothing to review (see 'acctplan account list')" \
		--keys "$T/keys" review --segment strategic
	refused 2 "--with: unknown member 'Nobody' (see 'acctplan member list')" --keys "$T/keys" review --with Nobody
	refused 2 "--with: 'Old Hand' is inactive and takes part in no new review" --keys "$T/keys" review --with "Old Hand"
	refused 2 "--segment: unknown segment 'huge' (expected key, strategic, growth or other)" \
		--keys "$T/keys" review --segment huge
	refused 2 "no open review to resume (begin one with 'acctplan review')" review --resume
	refused 2 "no review 7 (see 'acctplan review list')" review show 7
	refused 2 "'x' is not a review id (a number; see 'acctplan review list')" review show x
	refused 2 "review: 'x': an id is for --resume ID; a new review takes none" --keys "$T/keys" review x
	refused 2 "review is walked in the workbench: run it in a terminal ('acctplan review list' and 'review show ID' print)" \
		review
	walk
	refused 2 "--resume continues a review in the scope it began with; leave out --segment, --tier and --with" \
		review --resume --segment key
	keys ">"
	walk --resume
	refused 2 "review 1 was closed on 2026-11-23; its minutes: acctplan review show 1" review --resume 1
}

# Reviews travel with the export: decisions, confirmations, and the actions
# and snoozes made in them; the same bytes come back.
test_reviews_round_trip_through_export_and_import() {
	ap member add tester --tier sales
	ap account add Acme --segment key
	ap answer Acme business "Sells pumps to farms" --source research --confidence low --date 2026-01-10
	keys "i" "type Call the buyer" "Enter" "G" "y" ">"
	walk
	ap action add Acme "Call the buyer" --due 2026-12-01
	db_sql "UPDATE action SET review_id = 1"
	ap export -o "$T/one.json"
	grep -q '"review": 1' "$T/one.json" || fail "the action does not name its review: $(cat "$T/one.json")"
	db_wipe
	ap import "$T/one.json"
	contains "$T/out" "; 1 review"
	ap export -o "$T/two.json"
	cmp "$T/one.json" "$T/two.json" || fail "export differs after the round trip: $(diff "$T/one.json" "$T/two.json")"
	# Into a store with a review of its own: a new id, the action linked to it.
	db_wipe
	ap member add tester --tier sales
	ap account add Other --segment key
	keys ">"
	walk
	ap import "$T/one.json"
	eq "$(db_sql "SELECT r.id, a.title FROM action a JOIN review r ON r.id = a.review_id")" "2|Call the buyer" "linked"
	ap review show 2
	contains "$T/out" "    - Call the buyer (tester)"
	contains "$T/out" "    - business: Sells pumps to farms (tester, 2026-11-23)"
}

test_bad_reviews_in_a_document_import_nothing() {
	ap member add tester --tier sales
	ap account add Acme --segment key
	keys ">"
	walk
	ap export -o "$T/good.json"
	db_wipe
	ap init
	sed 's/"account": "Acme",$/"account": "Nowhere",/' "$T/good.json" >"$T/bad1.json"
	grep -q '"account": "Nowhere"' "$T/bad1.json" || fail "fixture: $(cat "$T/bad1.json")"
	before=$(snap)
	expect_rc 2 "$AP" import "$T/bad1.json"
	contains "$T/err" "reviews[0].accounts[0].account: no account 'Nowhere' in the file or the store"
	eq "$(snap)" "$before" "store after a refused import"
	sed 's/"status": "closed",/"status": "open",/' "$T/good.json" >"$T/bad2.json"
	expect_rc 2 "$AP" import "$T/bad2.json"
	contains "$T/err" "reviews[0]: an open review has no \"closed\" day"
	sed 's/"state": "reviewed",/"state": "pondered",/' "$T/good.json" >"$T/bad3.json"
	expect_rc 2 "$AP" import "$T/bad3.json"
	contains "$T/err" "reviews[0].accounts[0].state: unknown review state 'pondered'"
	eq "$(snap)" "$before" "store after refused imports"
}

run_suite
