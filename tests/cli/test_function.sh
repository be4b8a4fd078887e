#!/bin/sh
# Who owns the customer: a member's function beside their tier, the default
# a tier gives, the refusals that write nothing, export and import (older
# documents too), the upgrade from schema 12, and which functions touch an
# account in the relationship matrix and the portfolio.
. "$(dirname "$0")/../lib.sh"

# Today is 2026-11-23 (lib.sh): the twelve months run from 2025-11-24.
FUNCTIONS="sales, field-marketing, channel, product-management, product-marketing, customer-reference, support, executive or other"

team() {
	ap account add Acme --segment key
	ap account add Borealis
	ap member add "Ana Lima" --tier sales
	ap member add "Bo Berg" --tier product --function product-marketing
	ap member add "Cleo Dahl" --tier executive --function customer-reference
	ap contact add Acme "Carl Jung" --role decision-maker --owner Bo --level credible
	ap contact add Borealis "Finn Holt" --role decision-maker --owner Ana --level vendor
}

test_a_function_is_given_or_follows_the_tier() {
	team
	ap member add "Dag Ek" --tier product
	ap member add "Eli Moe" --tier executive
	ap member list --format csv
	contains "$T/out" "Ana Lima,sales,,yes,sales,"
	contains "$T/out" "Bo Berg,product,,yes,product-marketing,"
	contains "$T/out" "Dag Ek,product,,yes,product-management,"
	contains "$T/out" "Eli Moe,executive,,yes,executive,"
	ap member list
	contains "$T/out" "FUNCTION"
	contains "$T/out" "customer-reference"
	ap member show Cleo
	contains "$T/out" "Cleo Dahl  (tier executive, function customer-reference)"
	ap member show Cleo --format json
	contains "$T/out" '"function": "customer-reference"'
}

test_edit_changes_the_function_and_a_new_tier_keeps_it() {
	team
	ap member edit Ana --function field-marketing
	ap member edit Ana --tier product
	ap member list --format json
	python3 -c 'import json, sys
m = {x["name"]: x for x in json.load(open(sys.argv[1]))}
a = m["Ana Lima"]
assert (a["tier"], a["function"], a["version"]) == ("product", "field-marketing", 3), a' "$T/out" ||
		fail "after the edits: $(cat "$T/out")"
}

test_an_unknown_function_is_refused_and_nothing_written() {
	team
	refused 2 "--function: unknown function 'marketing' (expected $FUNCTIONS)" \
		member add "Gus Lee" --tier sales --function marketing
	refused 2 "--function: unknown function 'boss' (expected $FUNCTIONS)" member edit Ana --function boss
	refused 2 "--function: unknown function '' (expected $FUNCTIONS)" member edit Ana --function ""
}

test_the_function_round_trips_and_an_older_export_gets_the_tiers() {
	team
	ap member edit Ana --function channel
	ap export -o "$T/one.json"
	contains "$T/one.json" '"function": "channel"'
	db_wipe
	ap import "$T/one.json"
	ap export -o "$T/two.json"
	cmp -s "$T/one.json" "$T/two.json" || fail "export after import differs: $(diff "$T/one.json" "$T/two.json" | head -20)"
	# tests/data/v12-export.json was written by the release before functions.
	db_wipe
	ap import "$TOP/tests/data/v12-export.json"
	ap member list --format csv
	contains "$T/out" "Ana Lima,sales,ana@example.com,yes,sales,"
	contains "$T/out" "Bo Berg,product,,yes,product-management,"
	contains "$T/out" "Cleo Dahl,executive,,yes,executive,"
	contains "$T/out" "Dan Ek,sales,,no,sales,"
}

test_an_unknown_function_in_a_document_is_refused() {
	team
	ap export -o "$T/one.json"
	sed 's/"function": "sales"/"function": "sorcery"/' "$T/one.json" >"$T/bad.json"
	db_wipe
	expect_rc 2 "$AP" import "$T/bad.json"
	contains "$T/err" "sorcery"
	ap member list
	contains "$T/out" "no members yet"
}

# tests/data/v12.db was written by the previous release (schema 12): its
# members get the function their tier stands for, the rest stays.
test_the_upgrade_from_schema_12_derives_the_function_from_the_tier() {
	sqlite_only
	cp "$TOP/tests/data/v12.db" "$T/old.db"
	ACCTPLAN_DB="$T/old.db"
	export ACCTPLAN_DB
	ap member list --format csv
	contains "$T/out" "Ana Lima,sales,ana@example.com,yes,sales,1,1"
	contains "$T/out" "Bo Berg,product,,yes,product-management,2,1"
	contains "$T/out" "Cleo Dahl,executive,,yes,executive,3,1"
	contains "$T/out" "Dan Ek,sales,,no,sales,4,2"
	eq "$(sqlite3 "$T/old.db" 'PRAGMA user_version')" \
		"$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$TOP/include/acctplan/store.h")" "schema version"
	ap member edit Bo --function support
	ap account relationships Acme
	contains "$T/out" "functions: support · none from:"
}

# The same step on PostgreSQL: a store as schema 12 left it (no column,
# version 12) is upgraded on opening, the members given their tier's function.
test_the_upgrade_on_postgresql_derives_the_function_from_the_tier() {
	pg_only
	team
	db_sql "ALTER TABLE member DROP COLUMN function; UPDATE schema_version SET version = 12;"
	ap member list --format csv
	contains "$T/out" "Ana Lima,sales,,yes,sales,"
	contains "$T/out" "Bo Berg,product,,yes,product-management,"
	contains "$T/out" "Cleo Dahl,executive,,yes,executive,"
	eq "$(db_sql "SELECT version FROM schema_version")" \
		"$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$TOP/include/acctplan/store.h")" "schema version"
}

test_the_matrix_says_which_functions_touch_the_account() {
	team
	ap account relationships Acme
	contains "$T/out" "functions: product-marketing · none from: sales, field-marketing, channel, product-management, customer-reference, support, executive"
	# A held meeting in the last twelve months touches; one a day older, a
	# planned one, or one a member who left attended does not.
	ap member add "Sue Kim" --tier sales --function support
	ap member add "Olaf Ny" --tier sales --function channel
	ap member add "Pia Ro" --tier product
	ap meeting add Acme --tier sales --date 2025-11-24 --kind tactical --ours Sue "Support review"
	ap meeting add Acme --tier sales --date 2025-11-23 --kind tactical --ours Olaf "A year and a day ago"
	ap meeting add Acme --tier product --date 2026-12-10 --kind tactical --ours Pia "Planned"
	ap meeting add Acme --tier executive --date 2026-11-01 --kind strategic --ours Cleo "Reference talk"
	ap member edit Cleo --active no
	ap account relationships Acme
	contains "$T/out" "functions: product-marketing, support · none from: sales, field-marketing, channel, product-management, customer-reference, executive"
	ap account relationships Acme --format json
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert d["functions"] == ["product-marketing", "support"], d["functions"]
assert d["none_from"] == ["sales", "field-marketing", "channel", "product-management", "customer-reference",
    "executive"], d["none_from"]' "$T/out" || fail "matrix JSON: $(cat "$T/out")"
	ap account relationships Acme --format csv
	lacks "$T/out" "functions:"
}

test_every_function_touching_is_said_and_other_is_never_missing() {
	ap account add Acme
	for f in sales field-marketing channel product-management product-marketing customer-reference support executive; do
		ap member add "M $f" --tier sales --function "$f"
		ap contact add Acme "C $f" --owner "M $f"
	done
	ap account relationships Acme
	contains "$T/out" "functions: sales, field-marketing, channel, product-management, product-marketing, customer-reference, support, executive · every function touches it"
}

test_without_a_team_the_matrix_has_no_functions_line() {
	ap account add Acme
	ap contact add Acme "Carl Jung"
	ap account relationships Acme
	lacks "$T/out" "functions:"
	ap portfolio
	lacks "$T/out" "Who touches each account"
	ap portfolio --format json
	lacks "$T/out" '"functions"'
}

test_the_portfolio_says_which_functions_touch_each_account() {
	team
	ap portfolio
	contains "$T/out" "Who touches each account"
	contains "$T/out" "  Acme      product-marketing"
	contains "$T/out" "  Borealis  sales"
	contains "$T/out" "  - sales: touches 1 of 2 accounts; none at Acme"
	contains "$T/out" "  - channel: touches no account"
	lacks "$T/out" "  - other:"
	ap portfolio --format json
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))["functions"]
acc = {a["account"]: a for a in d["accounts"]}
assert acc["Acme"]["functions"] == ["product-marketing"], acc
assert "sales" in acc["Acme"]["none_from"] and "other" not in acc["Acme"]["none_from"], acc
assert d["summary"]["product-management"] == {"touches": 0, "untouched": 2}, d["summary"]
assert d["summary"]["sales"] == {"touches": 1, "untouched": 1}, d["summary"]
assert "other" not in d["summary"], d["summary"]' "$T/out" || fail "portfolio JSON: $(head -c 800 "$T/out")"
}

test_commands_answer_help() {
	ap member add --help
	contains "$T/out" "--function F"
	ap member edit --help
	contains "$T/out" "--function F"
	ap account relationships --help
	contains "$T/out" "which functions touch the account"
}

run_suite
