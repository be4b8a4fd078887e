#!/bin/sh
# Accounts, answers and the listing formats, as a user drives them.
. "$(dirname "$0")/../lib.sh"

test_init_creates_private_database() {
	ap init
	contains "$T/out" "created"
	on_pg || eq "$(stat -c %a "$ACCTPLAN_DB")" 600 "database mode"
	ap init
	contains "$T/out" "up to date"
}

test_account_add_and_list_in_three_formats() {
	ap account add "Nordwind Logistik" --industry Logistics --segment key
	ap account list
	contains "$T/out" "Nordwind Logistik  Logistics  key"
	ap account list --format json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0]["segment"]=="key"' "$T/out" || fail "bad json"
	ap account list --format csv
	contains "$T/out" "name,industry,segment,created"
}

test_choice_answer_outside_options_is_refused_and_nothing_changes() {
	ap account add Acme
	before=$(dump)
	expect_rc 2 "$AP" answer Acme growth enormous
	contains "$T/err" "acctplan: 'enormous' is not an answer to 'growth'"
	eq "$(dump)" "$before" "store content"
}

run_suite
