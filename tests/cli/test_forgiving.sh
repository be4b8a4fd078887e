#!/bin/sh
# A CLI that forgives (issue 11, items 2 and 3): names, choices and dates
# are taken the way a person types them, and refused where they make no
# sense -- an answer that shows nothing, a date that has not come yet.
. "$(dirname "$0")/../lib.sh"

NBSP=$(printf '\302\240')
IDSP=$(printf '\343\200\200')   # U+3000 ideographic space
ZWSP=$(printf '\342\200\213')
EMSP=$(printf '\342\200\203')   # U+2003 em space
ACUTE=$(printf '\314\201')      # U+0301, a combining mark with nothing to sit on

seed() {
	ap init
	ap account add "Nordwind Logistik" --segment key
	ap account add "Northwind Traders" --segment key
	ap account add "Voss Maschinenbau" --industry Machinery
	ap account add No
	ap contact add Voss "Mira Kovac" --role decision-maker
	ap contact add Voss "Mikel Arda"
}

# history ACCOUNT QUESTION as CSV without its header: date,value,source,confidence,by,id,replaces
history() { "$AP" history "$1" "$2" --format csv | sed 1d; }

# ---- an answer must show something ----

test_an_answer_or_a_note_that_shows_nothing_is_refused() {
	seed
	refused 2 "answer is empty" answer Voss business "   "
	for nothing in "$NBSP" "$IDSP $EMSP" "$ZWSP" "$NBSP
$ZWSP	" " $ACUTE"; do
		refused 2 "answer has no visible character" answer Voss business "$nothing"
		refused 2 "note has no visible character" note Voss "$nothing"
	done
	# Standard input too, and a note's text when it is edited.
	before=$(snap)
	printf '%s\n\n' "$NBSP$IDSP" | "$AP" answer Voss business - >"$T/out" 2>"$T/err"
	eq "$?" 2 "exit status"
	err_is "answer has no visible character"
	eq "$(snap)" "$before" "store after a blank answer on standard input"
	ap note Voss "Met the plant manager"
	refused 2 "--text has no visible character" note edit Voss 1 --text "$IDSP"
	# Something visible among the blanks is an answer, kept as typed.
	ap answer Voss business "${NBSP}Presses$NBSP"
	eq "$(history Voss business | cut -d, -f2)" "${NBSP}Presses$NBSP" "stored answer"
}

test_import_refuses_an_answer_that_shows_nothing_with_file_and_line() {
	seed
	printf '{"acctplan_export": 2, "schema": 3, "accounts": [\n{"name": "Blank Co", "answers": [\n{"question": "business", "value": "\\u00a0\\u3000", "source": "conversation", "confidence": "medium", "date": "2026-11-20"}\n]}\n]}\n' >"$T/blank.json"
	refused 2 "$T/blank.json:3:35: accounts[0].answers[0].value has no visible character" import "$T/blank.json"
}

# ---- choices in any case, stored as the bank spells them ----

test_choices_are_matched_in_any_case_and_stored_as_the_bank_spells_them() {
	seed
	ap answer Voss growth Growing
	contains "$T/out" "answered 'growth' for Voss Maschinenbau"
	ap answer Voss posture " CATCHING-UP "
	ap answer Voss alignment Diverging
	eq "$(history Voss growth | cut -d, -f2)" "growing" "growth"
	eq "$(history Voss posture | cut -d, -f2)" "catching-up" "posture"
	# The rules see the option, whatever case it was typed in.
	"$AP" check Voss --format csv >"$T/out"
	contains "$T/out" "roadmap_diverging"
	# A choice is a whole option: not its start, not another word.
	refused 2 "'grow' is not an answer to 'growth' (expected growing, stable or shrinking)" answer Voss growth grow
	refused 2 "'catching up' is not an answer to 'posture' (expected shaping or catching-up)" \
		answer Voss posture "catching up"
}

test_import_stores_a_choice_as_the_bank_spells_it() {
	seed
	printf '{"acctplan_export": 1, "schema": 1, "accounts": [\n{"name": "Choice Co", "answers": [\n{"question": "Growth", "value": "SHRINKING", "source": "conversation", "confidence": "medium", "date": "2026-11-20"}\n]}\n]}\n' >"$T/choice.json"
	ap import "$T/choice.json"
	eq "$(history "Choice Co" growth | cut -d, -f1-2)" "2026-11-20,shrinking" "imported choice"
}

# ---- accounts named by any case or a unique start ----

test_an_account_is_named_by_any_case_or_the_start_of_its_name() {
	seed
	ap brief voss
	contains "$T/out" "Brief: Voss Maschinenbau"
	ap brief VOSS
	contains "$T/out" "Brief: Voss Maschinenbau"
	ap account show "voss maschinenbau"
	contains "$T/out" "Voss Maschinenbau"
	ap answer vo business "Presses and lathes"
	contains "$T/out" "answered 'business' for Voss Maschinenbau"
	ap note north "Call back in spring"
	contains "$T/out" "added note #1 to Northwind Traders"
	ap check nordw --format csv
	ap account edit nordw --industry Logistics
	contains "$T/out" "updated account #1 'Nordwind Logistik'"
	# The whole name wins over the longer names it begins.
	ap account show NO
	eq "$(head -n 1 "$T/out")" "No" "the account shown"
}

test_a_start_shared_by_several_accounts_lists_them() {
	seed
	refused 2 "account 'Nor' is ambiguous: Nordwind Logistik, Northwind Traders (type more of the name)" brief Nor
	refused 2 "account 'nor' is ambiguous: Nordwind Logistik, Northwind Traders (type more of the name)" \
		answer nor business "Trucks"
	for i in 1 2 3 4 5; do ap account add "Alpha $i"; done
	refused 2 "account 'al' is ambiguous: Alpha 1, Alpha 2, Alpha 3, Alpha 4, Alpha 5 (type more of the name)" \
		account show al
	ap account add "Alpha 6"
	refused 2 "account 'AL' is ambiguous: Alpha 1, Alpha 2, Alpha 3, Alpha 4, Alpha 5, ... (type more of the name)" \
		note AL "Which one?"
	refused 2 "unknown account 'Umbrella' (see 'acctplan account list')" brief Umbrella
	refused 2 "unknown account '' (see 'acctplan account list')" brief ""
}

test_a_remove_takes_the_whole_name() {
	seed
	refused 2 "unknown account 'voss': a remove takes the whole name (or the id), not the start of it" \
		account remove voss --yes
	refused 2 "unknown contact 'mira': a remove takes the whole name (or the id), not the start of it" \
		contact remove vo mira
	ap contact remove vo "MIRA KOVAC"
	contains "$T/out" "removed contact 'Mira Kovac' from Voss Maschinenbau"
	ap account remove "voss maschinenbau" --yes
}

test_contacts_competitors_and_end_customers_are_found_by_the_start_of_their_name() {
	seed
	ap contact edit vo mir --title CEO
	contains "$T/out" "updated contact #1 'Mira Kovac' of Voss Maschinenbau (version 2)"
	refused 2 "contact 'mi' is ambiguous: Mikel Arda, Mira Kovac (type more of the name)" contact edit vo mi --title CTO
	ap competitor add vo "Elektra Werke"
	ap competitor edit vo elek --differentiator "Cheaper"
	contains "$T/out" "updated competitor #1 'Elektra Werke'"
	ap endcustomer add vo "Hospitals"
	ap endcustomer edit vo hosp --trend growing
	contains "$T/out" "updated end customer #1 'Hospitals'"
	# An id is not the start of a name: "2" is contact #2 even beside "2nd Buyer".
	ap contact add vo "2nd Buyer"
	ap contact edit vo 2 --title CFO
	contains "$T/out" "updated contact #2 'Mikel Arda'"
	# A link names its contact in full.
	refused 2 "--reports-to: unknown contact 'Mira' in this account" contact edit vo mik --reports-to Mira
	ap contact edit vo mik --reports-to "mira kovac"
}

# ---- dates that have not come yet ----

test_answer_and_note_dates_after_tomorrow_are_refused() {
	seed
	# ACCTPLAN_TODAY is 2026-11-23; tomorrow is allowed for time zones.
	ap answer Voss business "Presses" --date 2026-11-24
	ap note Voss "Seen at the fair" --date 2026-11-24
	refused 2 "--date '2026-11-25' is in the future (today is 2026-11-23)" answer Voss business "Lathes" --date 2026-11-25
	refused 2 "--date '2027-06-01' is in the future (today is 2026-11-23)" note Voss "Next year" --date 2027-06-01
	refused 2 "--date '2026-12-01' is in the future (today is 2026-11-23)" note edit Voss 1 --date 2026-12-01
	ap note edit Voss 1 --date 2026-11-20
	# A meeting may be planned ahead.
	ap meeting add Voss --tier sales --date 2027-01-15 --kind strategic "Roadmap review"
	# What was stored when it was valid is restored as it was.
	ACCTPLAN_TODAY=2026-11-30 "$AP" note Voss "Written later" --date 2026-11-29 >/dev/null || fail "note on a later day"
	"$AP" export -o "$T/all.json" || fail "export"
	"$AP" --db "$T/copy.db" init >/dev/null
	expect_rc 0 "$AP" --db "$T/copy.db" import "$T/all.json"
	"$AP" --db "$T/copy.db" note list Voss --format csv >"$T/out"
	contains "$T/out" "2026-11-29"
}

# ---- re-confirming an answer ----

test_reconfirming_an_answer_keeps_its_source_and_confidence_unless_given() {
	seed
	ap answer Voss growth growing --source research --confidence low
	ap answer Voss growth Growing
	ap answer Voss growth growing --confidence high
	ap answer Voss growth stable
	ap answer Voss growth stable --source assumption
	history Voss growth | cut -d, -f2-4 >"$T/h"
	eq "$(cat "$T/h")" "stable,assumption,medium
stable,conversation,medium
growing,research,high
growing,research,low
growing,research,low" "history, newest first"
	# Against the answer it names with --replaces, in the same transaction.
	id=$(history Voss growth | head -n 3 | tail -n 1 | cut -d, -f6)
	expect_rc 4 "$AP" answer Voss growth growing --replaces "$id"
	ap answer Voss business "Presses" --source meeting --confidence high
	ap answer Voss business "Presses" --replaces "$(history Voss business | cut -d, -f6)"
	eq "$(history Voss business | head -n 1 | cut -d, -f2-4)" "Presses,meeting,high" "re-confirmed with --replaces"
}

run_suite
