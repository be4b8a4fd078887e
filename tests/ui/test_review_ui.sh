#!/bin/sh
# Review mode in a real terminal: a whole review of three accounts with a
# decision, a confirmation and an action taken on from a flag, its minutes
# in Markdown; a review killed mid-way and resumed; two people reviewing at
# once see each other's decisions; an account removed mid-review.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

EXPECTED="$TOP/tests/ui/expected"

# Today is 2026-11-23 (lib.sh); USER is tester. Acme has an overdue action,
# so it comes first; Borealis and Cobalt follow by name (neither reviewed).
three() {
	ap member add tester --tier sales
	ap member add "Ana Lima" --tier sales
	ap account add Acme --segment key
	ap account add Borealis --segment key
	ap account add Cobalt --segment key
	ap account add Delta
	ap answer Borealis business "Sells pumps to farms" --source research --confidence low --date 2026-01-10
	ap action add Acme "Send the quote" --due 2026-11-20 --backdated
}

# select_row TEXT: move down until the selected row's detail shows TEXT.
select_row() {
	tui_keys g
	i=0
	while [ $i -lt 60 ] && ! tui_screen | sed -n '/^─/,$p' | grep -qF -- "$1"; do
		tui_keys j
		i=$((i + 1))
		sleep 0.05
	done
	tui_screen | sed -n '/^─/,$p' | grep -qF -- "$1" || fail "no row shows '$1': $(cat "$T/screen")"
}

test_a_whole_review_with_a_decision_a_confirmation_and_an_action() {
	three
	tui_start -s 120x50 review --segment key --with "Ana Lima" --with tester
	wait_for "Review 1 (key accounts) · 1 of 3 · Acme (key)"
	wait_for "2026-11-20 overdue  tester"
	# A decision.
	tui_keys i
	wait_for "decision"
	tui_type "Quote by Friday, then call the buyer"
	tui_keys Enter
	wait_for "this review  Quote by Friday, then call the buyer (tester)"
	tui_keys '>'
	wait_for "2 of 3 · Borealis (key)"
	# The answer still holds: confirmed, its evidence kept.
	select_row "(research, low, 2026-01-10)"
	tui_keys y
	wait_for "business confirmed as still holding"
	tui_keys '>'
	wait_for "3 of 3 · Cobalt (key)"
	# A flag taken on in one key, the form prefilled: accepted as proposed.
	select_row "Nobody in the org map is known as decision-maker"
	tui_keys t
	wait_for "take on"
	tui_keys Enter Enter Enter Enter Enter
	wait_for "saved: action on buying_roles for Cobalt"
	wait_for "buying_roles: [in hand: tester until 2026-11-30] Nobody in the org map"
	tui_keys '>'
	wait_for "review 1 complete: 3 reviewed, 0 skipped"
	tui_keys Q
	wait_exit
	eq "$(cat "$T/tui.rc")" 0 "exit status"
	ap review show 1 --format md
	diff -u "$EXPECTED/review_minutes.md" "$T/out" >"$T/diff" || fail "minutes differ: $(cat "$T/diff")"
	eq "$(db_sql "SELECT source, confidence FROM answer")" "research|low" "the confirmed answer's evidence"
}

test_a_review_killed_midway_resumes_where_it_stood() {
	three
	tui_start review --segment key
	wait_for "1 of 3 · Acme"
	tui_keys i
	wait_for "decision"
	tui_type "Keep the quote"
	tui_keys Enter
	wait_for "this review  Keep the quote"
	tui_keys '>'
	wait_for "2 of 3 · Borealis"
	kill -9 "$(tui_pid)"
	wait_exit
	tui_stop
	ap review list --format csv
	contains "$T/out" "1,2026-11-23,open,key accounts,tester,3,1,0,2,,tester"
	tui_start review --resume
	wait_for "2 of 3 · Borealis"
	tui_keys '>'
	wait_for "3 of 3 · Cobalt"
	tui_keys '>'
	wait_for "review 1 complete: 3 reviewed, 0 skipped"
	ap review show 1
	contains "$T/out" "    - Keep the quote (tester)"
}

# Another reviewer's decision on the account shown appears without a key;
# an account removed meanwhile is skipped with a message.
test_two_reviewers_see_each_other_and_a_removed_account_is_skipped() {
	three
	tui_start review --segment key
	wait_for "1 of 3 · Acme"
	printf '%s\n' "i" "type Ana: ask for the budget owner" "Enter" >"$T/other"
	USER="Ana Lima" ap --keys "$T/other" review --resume 1
	wait_for "this review  Ana: ask for the budget owner (Ana Lima)"
	ap account remove Acme --yes
	wait_for "'Acme' was removed by someone else; now on 'Borealis'"
	wait_for "1 of 2 · Borealis (key)"
}

run_suite
