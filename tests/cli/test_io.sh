#!/bin/sh
# Export, import and the demo portfolio, as a user drives them.
. "$(dirname "$0")/../lib.sh"

HEAD='{"acctplan_export": 1, "schema": 1, "accounts": ['
# Format 2, as this release writes it: every record carries its id.
HEAD2='{"acctplan_export": 2, "schema": 2, "accounts": ['
V1="$TOP/tests/data/v1-export.json"

# one_account FILE JSON: an export document holding one account object.
one_account() { printf '%s%s]}\n' "$HEAD" "$2" >"$1"; }
one_account2() { printf '%s%s]}\n' "$HEAD2" "$2" >"$1"; }

# round_trip: export the store, import it into an empty database, export
# that, and require the same bytes.
round_trip() {
	ap export -o "$T/first.json"
	ap --db "$T/copy.db" import "$T/first.json"
	ap --db "$T/copy.db" export -o "$T/second.json"
	cmp -s "$T/first.json" "$T/second.json" || fail "export differs after a round trip: $(diff "$T/first.json" "$T/second.json" | head -n 6)"
}

test_round_trip_of_the_demo_is_byte_identical() {
	ap demo
	round_trip
	contains "$T/first.json" '"acctplan_export": 2'
	contains "$T/first.json" "\"schema\": $(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$TOP/include/acctplan/store.h")"
	# The demo's past review and what was agreed in it.
	contains "$T/first.json" '"reviews": ['
	contains "$T/first.json" '"review": 1'
	contains "$T/first.json" '"name": "Piotr Zieliński"'
	contains "$T/first.json" '"reports_to": "Marta Nowak"'
}

test_round_trip_of_a_generated_portfolio_is_byte_identical() {
	expect_rc 0 "$BUILD/tools/gen_portfolio" -n 40 -s 7 -o "$T/gen.json"
	ap import "$T/gen.json"
	contains "$T/out" "imported 40 accounts"
	round_trip
	# Every answer version survives, not only the current one.
	eq "$(grep -c '"question":' "$T/second.json")" "$(grep -c '"question":' "$T/gen.json")" "answers exported"
}

test_import_reads_standard_input() {
	one_account "$T/a.json" '{"name": "Acme", "notes": [{"date": "2026-01-02", "tier": "sales", "text": "Met the buyer."}]}'
	expect_rc 0 sh -c '"$1" import - < "$2"' sh "$AP" "$T/a.json"
	contains "$T/out" "imported 1 account (answers 0, contacts 0, competitors 0, end customers 0, meetings 0, notes 1,"
	ap note list Acme
	contains "$T/out" "Met the buyer."
}

test_dry_run_validates_and_changes_nothing() {
	ap demo
	before=$(dump)
	one_account "$T/new.json" '{"name": "Newco", "industry": "Retail", "segment": "growth"}'
	ap import --dry-run "$T/new.json"
	contains "$T/out" "dry run, nothing changed; the file is valid and would import 1 account"
	eq "$(dump)" "$before" "store content"
	expect_rc 2 "$AP" account show Newco
}

test_dry_run_still_reports_errors() {
	one_account "$T/bad.json" '{"name": "Newco", "segment": "huge"}'
	expect_rc 2 "$AP" import --dry-run "$T/bad.json"
	contains "$T/err" "accounts[0].segment: unknown segment 'huge' (expected key, strategic, growth or other)"
}

test_truncated_file_is_refused_and_nothing_is_imported() {
	ap demo
	ap export -o "$T/full.json"
	head -c 20000 "$T/full.json" >"$T/cut.json"
	ap --db "$T/empty.db" init
	expect_rc 2 "$AP" --db "$T/empty.db" import "$T/cut.json"
	contains "$T/err" "acctplan: $T/cut.json:"
	contains "$T/err" ": unexpected end of input (file truncated?)"
	ap --db "$T/empty.db" account list
	contains "$T/out" "no accounts yet"
}

test_wrong_shape_is_refused_with_the_path() {
	printf '[]\n' >"$T/arr.json"
	expect_rc 2 "$AP" import "$T/arr.json"
	contains "$T/err" "acctplan: $T/arr.json:1:1: document: expected an acctplan export (a JSON object), found an array"
	printf '{"acctplan_export": 1, "accounts": {}}\n' >"$T/obj.json"
	expect_rc 2 "$AP" import "$T/obj.json"
	contains "$T/err" "obj.json:1:36: accounts: expected an array, found an object"
	printf '{"accounts": []}\n' >"$T/foreign.json"
	expect_rc 2 "$AP" import "$T/foreign.json"
	contains "$T/err" "not an acctplan export"
	one_account "$T/contacts.json" '{"name": "Acme", "contacts": {"name": "Ann"}}'
	expect_rc 2 "$AP" import "$T/contacts.json"
	contains "$T/err" "accounts[0].contacts: expected an array, found an object"
	one_account "$T/missing.json" '{"name": "Acme", "answers": [{"question": "growth", "value": "growing", "source": "meeting", "confidence": "high"}]}'
	expect_rc 2 "$AP" import "$T/missing.json"
	contains "$T/err" 'accounts[0].answers[0]: missing "date"'
	one_account "$T/extra.json" '{"name": "Acme", "colour": "red"}'
	expect_rc 2 "$AP" import "$T/extra.json"
	contains "$T/err" 'accounts[0]: unknown member "colour" (expected id, name, industry, segment, created, version, created_at, updated_at, updated_by, answers,'
}

test_syntax_error_names_file_line_and_column() {
	printf '{"acctplan_export": 1,\n  "accounts" []}\n' >"$T/syn.json"
	expect_rc 2 "$AP" import "$T/syn.json"
	contains "$T/err" "acctplan: $T/syn.json:2:14: expected ':' after the member name"
}

test_unknown_enum_names_the_value_its_place_and_the_choices() {
	ap init
	before=$(dump)
	printf '%s\n{"name": "Acme",\n "contacts": [{"name": "Ann",\n   "role": "boss"}]}]}\n' "$HEAD" >"$T/role.json"
	expect_rc 2 "$AP" import "$T/role.json"
	contains "$T/err" "acctplan: $T/role.json:4:12: accounts[0].contacts[0].role: unknown buying role 'boss' (expected decision-maker, po-issuer, payment-releaser, champion, influencer, blocker or user)"
	eq "$(dump)" "$before" "store content"
}

test_names_are_checked_as_the_commands_check_them() {
	ap init
	before=$(dump)
	printf '%s\n{"id": 1, "name": "Acme",\n "competitors": [{"id": 1, "name": "Rival "}]}]}\n' "$HEAD2" >"$T/blank.json"
	expect_rc 2 "$AP" import "$T/blank.json"
	contains "$T/err" "blank.json:3:36: accounts[0].competitors[0].name 'Rival ' starts or ends with a blank"
	eq "$(dump)" "$before" "store content"
	# The command refuses it too: import refuses exactly what the commands refuse.
	ap account add Acme
	expect_rc 2 "$AP" competitor add Acme "Rival "
}

test_invalid_utf8_in_a_field_is_refused() {
	printf '%s{"id": 4, "name": "Acme", "notes": [{"id": 9, "date": "2026-01-01", "tier": "sales", "text": "caf\351"}]}]}\n' "$HEAD2" >"$T/latin1.json"
	expect_rc 2 "$AP" import "$T/latin1.json"
	contains "$T/err" "accounts[0].notes[0].text is not valid UTF-8"
}

# An export of the previous release loads whole: what today's checks refuse
# is repaired, each repair said on stderr, one line each, no raw control character.
test_an_older_export_imports_with_its_repairs_reported() {
	ap import "$V1"
	contains "$T/err" "acctplan: import repaired $V1:6: accounts[0].name: 'Acme ' imported as 'Acme'"
	contains "$T/err" "acctplan: import repaired $V1:14: accounts[0].competitors[0].name: ' Rivet Co' imported as 'Rivet Co'"
	contains "$T/err" "acctplan: import repaired $V1:26: accounts[0].notes[0].text: 'bell\\x07 inside' imported as 'bell inside'"
	eq "$(grep -c 'import repaired' "$T/err")" 3 "repair lines"
	eq "$(wc -l <"$T/err")" 3 "stderr lines"
	! grep -q "$(printf '\007')" "$T/err" || fail "a raw control character on stderr"
	# Every record of the file, counted from the file itself.
	want=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
a = d["accounts"]
n = lambda k: sum(len(x[k]) for x in a)
print("imported %d accounts (answers %d, contacts %d, competitors %d, end customers %d, meetings %d, notes %d, snoozes %d, demand drivers %d)" % (
    len(a), n("answers"), n("contacts"), n("competitors"), n("end_customers"), n("meetings"), n("notes"), n("snoozes"), n("drivers")))' "$V1")
	eq "$(cat "$T/out")" "$want" "import summary"
	ap account show Acme
	ap competitor list Acme --format csv
	contains "$T/out" "Rivet Co"
	ap note list Acme --format csv
	contains "$T/out" "bell inside"
	# A dry run says what it would repair, and changes nothing.
	ap --db "$T/dry.db" import --dry-run "$V1"
	contains "$T/err" "acctplan: import would repair $V1:6: accounts[0].name: 'Acme ' imported as 'Acme'"
}

test_an_older_export_with_latin1_text_is_repaired_not_refused() {
	printf '%s{"name": "Acme", "notes": [{"date": "2026-01-01", "tier": "sales", "text": "caf\351"}]}]}\n' "$HEAD" >"$T/latin1.json"
	ap import "$T/latin1.json"
	contains "$T/err" "accounts[0].notes[0].text: 'caf\\xe9' imported as 'caf?'"
}

test_what_cannot_be_repaired_is_still_refused_in_an_older_export() {
	one_account "$T/blank.json" '{"name": "Acme", "competitors": [{"name": "  "}]}'
	expect_rc 2 "$AP" import "$T/blank.json"
	contains "$T/err" "accounts[0].competitors[0].name is empty"
	ap account list
	contains "$T/out" "no accounts yet"
}

# The data contract: a backup restored into an empty store is the store that
# was saved -- every id (gaps included), version, timestamp and author.
test_export_import_keeps_ids_versions_and_times() {
	ap demo
	ap note Payora "A note that will be removed."
	removed=$(sed -n 's/.*#\([0-9][0-9]*\).*/\1/p' "$T/out" | head -n 1)
	ap note Payora "A later note."
	ap note remove Payora "$removed"
	ap account edit Payora --industry "Payments and ledgers"
	export ACCTPLAN_NOW=2026-11-24T10:00:00Z
	ap --db "$T/copy.db" init
	round_trip
	contains "$T/first.json" '"updated_at": "2026-11-23T00:00:00Z"'
	ap note list Payora --format csv
	cp "$T/out" "$T/notes1.csv"
	ap --db "$T/copy.db" note list Payora --format csv
	cmp -s "$T/out" "$T/notes1.csv" || fail "note ids differ after a round trip: $(diff "$T/notes1.csv" "$T/out" | head -n 4)"
	lacks "$T/out" "$removed,"
	# The next id continues after the restored ones: never one of them again.
	ap --db "$T/copy.db" note Payora "After the restore."
	new=$(sed -n 's/.*#\([0-9][0-9]*\).*/\1/p' "$T/out" | head -n 1)
	[ "$new" -gt "$removed" ] || fail "new note #$new reuses an id at or below #$removed"
}

# Into a store that already holds accounts, the file's ids are not the store's to keep.
test_a_format_2_file_into_a_non_empty_store_gets_new_ids() {
	one_account2 "$T/one.json" '{"id": 500, "name": "Acme", "version": 7, "notes": [{"id": 900, "date": "2026-01-02", "tier": "sales", "text": "Hello.", "version": 3, "updated_by": "someone"}]}'
	ap account add Other
	ap import "$T/one.json"
	ap export
	lacks "$T/out" '"id": 500'
	lacks "$T/out" '"id": 900'
	lacks "$T/out" '"version": 7'
	lacks "$T/out" '"someone"'
	ap --db "$T/empty.db" import "$T/one.json"
	ap --db "$T/empty.db" export
	contains "$T/out" '"id": 500'
	contains "$T/out" '"id": 900'
	contains "$T/out" '"version": 7'
	contains "$T/out" '"updated_by": "someone"'
}

test_a_format_2_file_is_checked_strictly() {
	one_account2 "$T/noid.json" '{"id": 1, "name": "Acme", "notes": [{"date": "2026-01-02", "tier": "sales", "text": "Hello."}]}'
	expect_rc 2 "$AP" import "$T/noid.json"
	contains "$T/err" 'accounts[0].notes[0]: missing "id"'
	printf '%s{"id": 1, "name": "Acme"}, {"id": 1, "name": "Beta"}]}\n' "$HEAD2" >"$T/twice.json"
	expect_rc 2 "$AP" import "$T/twice.json"
	contains "$T/err" "accounts[1].id: account #1 appears more than once in the file"
	one_account2 "$T/zero.json" '{"id": 0, "name": "Acme"}'
	expect_rc 2 "$AP" import "$T/zero.json"
	contains "$T/err" "accounts[0].id: 0 is not a whole number from 1 up"
	one_account2 "$T/stamp.json" '{"id": 1, "name": "Acme", "created_at": "yesterday"}'
	expect_rc 2 "$AP" import "$T/stamp.json"
	contains "$T/err" "accounts[0].created_at 'yesterday' is not a timestamp"
	a='{"question": "growth", "value": "growing", "source": "meeting", "confidence": "high", "date": "2026-01-01"'
	one_account2 "$T/chain.json" "{\"id\": 1, \"name\": \"Acme\", \"answers\": [$a, \"id\": 3, \"replaces\": null}, $a, \"id\": 5, \"replaces\": 4}]}"
	expect_rc 2 "$AP" import "$T/chain.json"
	contains "$T/err" "accounts[0].answers[1].replaces: expected 3, the answer to 'growth' before this one"
	one_account2 "$T/chain.json" "{\"id\": 1, \"name\": \"Acme\", \"answers\": [$a, \"id\": 3, \"replaces\": null}, $a, \"id\": 5, \"replaces\": 3}]}"
	ap import "$T/chain.json"
	ap history Acme growth
	contains "$T/out" "growing"
}

# A boss later in the file, or a reports-to cycle, is linked after both are
# stored: not an edit, so every contact stays at version 1 and a round trip
# keeps the bytes.
test_bosses_later_in_the_file_and_cycles_keep_versions() {
	one_account "$T/org.json" '{"name": "Acme", "contacts": [{"name": "Ann", "reports_to": "Bea"}, {"name": "Bea", "reports_to": "Cy"}, {"name": "Cy", "reports_to": "Bea"}]}'
	ap import "$T/org.json"
	ap export -o "$T/org2.json"
	eq "$(grep -c '"version": 1' "$T/org2.json")" 4 "records at version 1"
	contains "$T/org2.json" '"reports_to": "Cy"'
	round_trip
}

test_answers_are_checked_against_the_question_bank() {
	one_account "$T/q.json" '{"name": "Acme", "answers": [{"question": "colour", "value": "red", "source": "meeting", "confidence": "high", "date": "2026-01-01"}]}'
	expect_rc 2 "$AP" import "$T/q.json"
	contains "$T/err" "accounts[0].answers[0].question: unknown question 'colour'"
	one_account "$T/c.json" '{"name": "Acme", "answers": [{"question": "growth", "value": "enormous", "source": "meeting", "confidence": "high", "date": "2026-01-01"}]}'
	expect_rc 2 "$AP" import "$T/c.json"
	contains "$T/err" "accounts[0].answers[0].value: 'enormous' is not an answer to 'growth' (expected growing, stable or shrinking)"
	one_account "$T/d.json" '{"name": "Acme", "answers": [{"question": "growth", "value": "growing", "source": "meeting", "confidence": "high", "date": "2026-02-30"}]}'
	expect_rc 2 "$AP" import "$T/d.json"
	contains "$T/err" "accounts[0].answers[0].date '2026-02-30' is not a valid date (expected YYYY-MM-DD)"
}

test_demand_drivers_are_checked_like_driver_add() {
	one_account "$T/drv.json" '{"name": "Acme", "drivers": [{"metric": "Parcels", "value": 2.5, "growth": null, "share": 150}]}'
	expect_rc 2 "$AP" import "$T/drv.json"
	contains "$T/err" "accounts[0].drivers[0]: share 150 is out of range (expected a percent from 0 to 100)"
	one_account "$T/ok.json" '{"name": "Acme", "drivers": [{"metric": "Parcels", "value": 2.5, "growth": null, "share": 40}]}'
	ap import "$T/ok.json"
	ap export
	contains "$T/out" '"growth": null'
	contains "$T/out" '"value": 2.5'
}

test_reports_to_may_name_a_later_contact_but_must_exist() {
	one_account "$T/fwd.json" '{"name": "Acme", "contacts": [{"name": "Ann", "reports_to": "Bea"}, {"name": "Bea", "role": "decision-maker"}]}'
	ap import "$T/fwd.json"
	ap contact list Acme --format csv
	contains "$T/out" "Ann,,,sales,Bea"
	one_account "$T/nobody.json" '{"name": "Other", "contacts": [{"name": "Ann", "reports_to": "Nobody"}]}'
	expect_rc 2 "$AP" import "$T/nobody.json"
	contains "$T/err" "accounts[0].contacts[0].reports_to: unknown contact 'Nobody' in this account"
	expect_rc 2 "$AP" account show Other
}

test_an_account_already_in_the_store_is_refused_by_name_unless_replaced() {
	one_account "$T/acme.json" '{"name": "Acme", "industry": "Retail"}'
	ap import "$T/acme.json"
	ap note Acme "Kept unless replaced."
	before=$(dump)
	expect_rc 2 "$AP" import "$T/acme.json"
	contains "$T/err" "acctplan: 1 account is already in the store: 'Acme'; nothing was imported (import --replace overwrites them)"
	eq "$(dump)" "$before" "store content"
	ap import --replace "$T/acme.json"
	contains "$T/out" "replacing 1 already in the store"
	ap note list Acme
	contains "$T/out" "no notes"
}

test_an_account_twice_in_one_file_is_refused() {
	printf '%s{"name": "Acme"}, {"name": "ACME"}]}\n' "$HEAD" >"$T/twice.json"
	expect_rc 2 "$AP" import "$T/twice.json"
	contains "$T/err" "accounts[1].name: account 'ACME' appears more than once in the file"
}

# Names compare as the store compares them (any case, NFC): the second of
# two is refused at its place in the file, in the store's words, and nothing
# is imported, on both stores alike (PostgreSQL loads the rows in batches).
test_a_name_twice_in_one_account_is_refused_at_its_place() {
	printf '%s{"name": "Acme", "contacts": [{"name": "Mira Kovac", "tier": "sales"}, {"name": "MIRA KOVAC", "tier": "sales"}]}]}\n' \
		"$HEAD" >"$T/contacts.json"
	expect_rc 2 "$AP" import "$T/contacts.json"
	contains "$T/err" "contacts.json:1:"
	contains "$T/err" "accounts[0].contacts[1]: contact 'MIRA KOVAC' already exists"
	printf '%s{"name": "Acme", "competitors": [{"name": "Initech"}, {"name": "Globex"}, {"name": "initech"}]}]}\n' \
		"$HEAD" >"$T/rivals.json"
	expect_rc 2 "$AP" import "$T/rivals.json"
	contains "$T/err" "accounts[0].competitors[2]: competitor 'initech' already exists"
	ap account list --format csv
	eq "$(wc -l <"$T/out")" 1 "account list lines (the header alone)"
}

# A contact names a boss further up the file and one further down: both
# links are kept, whatever the case the file writes the boss's name in.
test_bosses_before_and_after_their_reports_are_linked() {
	printf '%s{"name": "Acme", "contacts": [{"name": "Ana Chief", "tier": "sales"}, {"name": "Bo Lead", "tier": "sales", "reports_to": "ANA CHIEF"}, {"name": "Cy Early", "tier": "sales", "reports_to": "Di Late"}, {"name": "Di Late", "tier": "sales"}]}]}\n' \
		"$HEAD" >"$T/bosses.json"
	ap import "$T/bosses.json"
	ap contact list Acme --format csv
	contains "$T/out" "Bo Lead"
	ap export
	contains "$T/out" '"reports_to": "Ana Chief"'
	contains "$T/out" '"reports_to": "Di Late"'
}

test_demo_loads_ten_accounts_and_refuses_a_second_time() {
	ap demo
	contains "$T/out" "loaded the demo portfolio"
	contains "$T/out" "10 accounts"
	ap account list --format csv
	eq "$(wc -l <"$T/out")" 11 "account list lines (header and ten accounts)"
	contains "$T/out" "Voss Fahrzeugtechnik"
	before=$(dump)
	expect_rc 2 "$AP" demo
	contains "$T/err" "10 accounts are already in the store: 'Streamwave Media',"
	contains "$T/err" "'acctplan demo --force' replaces them"
	eq "$(dump)" "$before" "store content"
}

test_demo_force_replaces_only_the_demo_accounts() {
	ap demo
	ap account add "My Own Customer"
	ap note Payora "A note the demo does not have."
	ap demo --force
	contains "$T/out" "replacing 10 already in the store"
	ap note list Payora
	lacks "$T/out" "A note the demo does not have."
	ap account show "My Own Customer"
}

test_demo_dates_move_with_today() {
	# demo.json is written as of 2026-11-01; its Streamwave review is dated 2026-10-08.
	ap demo
	ap meeting list "Streamwave Media" --format csv
	contains "$T/out" "2026-10-30,executive,strategic"
	export ACCTPLAN_TODAY=2027-03-01
	ap --db "$T/later.db" demo
	ap --db "$T/later.db" meeting list "Streamwave Media" --format csv
	contains "$T/out" "2027-02-05,executive,strategic"
	# Orders move by whole quarters (four months on: one), so the last is still this quarter's.
	ap --db "$T/later.db" order list Payora --format csv
	contains "$T/out" "Payora,2027-Q1,,"
	lacks "$T/out" "Payora,2025-Q1,,"
	ap --db "$T/later.db" order list "Voss Fahrzeugtechnik" --format csv
	contains "$T/out" "2026-Q3"
	lacks "$T/out" "2026-Q4"
}

test_export_o_writes_the_file_privately_and_atomically() {
	ap demo
	ap export
	cp "$T/out" "$T/stdout.json"
	ap export -o "$T/plans.json"
	cmp -s "$T/stdout.json" "$T/plans.json" || fail "export -o differs from export to stdout"
	eq "$(stat -c %a "$T/plans.json")" 600 "export file mode"
	eq "$(ls "$T" | grep -c 'plans.json.')" 0 "temporary files left behind"
	expect_rc 2 "$AP" export -o "$T/no/such/dir/plans.json"
	contains "$T/err" "cannot write '$T/no/such/dir/plans.json'"
}

# An import into a store it creates writes the file without the WAL, then
# leaves it as every store is: in WAL mode, nothing beside it, the same
# content as a load into an existing store.
test_an_import_into_a_new_store_ends_in_wal_mode_with_the_same_content() {
	sqlite_only
	expect_rc 0 "$BUILD/tools/gen_portfolio" -n 30 -s 3 -o "$T/gen.json"
	ap import "$T/gen.json"
	eq "$(db_sql 'PRAGMA journal_mode')" wal "journal mode after the import"
	eq "$(db_sql 'PRAGMA integrity_check')" ok "integrity"
	eq "$(ls "$T" | grep -c 'test.db-')" 0 "files beside the store"
	ap export -o "$T/new.json"
	ap --db "$T/old.db" init
	ap --db "$T/old.db" import "$T/gen.json"
	ap --db "$T/old.db" export -o "$T/old.json"
	cmp -s "$T/new.json" "$T/old.json" || fail "a new store's import differs: $(diff "$T/new.json" "$T/old.json" | head -n 6)"
	ap search "Talbot"
	cp "$T/out" "$T/new.search"
	ap --db "$T/old.db" search "Talbot"
	cmp -s "$T/new.search" "$T/out" || fail "search differs after a new store's import"
}

test_a_failed_import_into_a_new_store_leaves_it_empty_in_wal_mode() {
	sqlite_only
	expect_rc 0 "$BUILD/tools/gen_portfolio" -n 20 -s 3 -o "$T/gen.json"
	# The last account's segment is no segment: refused after 19 were loaded.
	awk '{ if (/"segment": "/ && ++n == 20) sub(/"segment": "[^"]*"/, "\"segment\": \"nope\""); print }' \
		"$T/gen.json" >"$T/bad.json"
	expect_rc 2 "$AP" import "$T/bad.json"
	contains "$T/err" "nope"
	eq "$(db_sql 'PRAGMA journal_mode')" wal "journal mode after the failure"
	eq "$(db_sql 'SELECT count(*) FROM account')" 0 "accounts after the failure"
	eq "$(ls "$T" | grep -c 'test.db-')" 0 "files beside the store"
}

# Killed while it loads a store it created, an import leaves the empty store
# it began with: the next command finds it whole, in WAL mode.
test_an_import_killed_while_loading_a_new_store_leaves_it_empty() {
	sqlite_only
	# More than the load's page cache holds: pages reach the file before the end.
	expect_rc 0 "$BUILD/tools/gen_portfolio" -n 1000 -s 3 -o "$T/gen.json"
	mkfifo "$T/feed"
	"$AP" import - <"$T/feed" >"$T/out" 2>"$T/err" &
	importer=$!
	# All but the document's end, then the writer stays: the import waits for more.
	{ head -c $(($(wc -c <"$T/gen.json") - 200)) "$T/gen.json"; exec sleep 30; } >"$T/feed" &
	feeder=$!
	i=0
	while [ "$(stat -c %s "$T/test.db" 2>/dev/null || echo 0)" -lt 8000000 ] && [ $i -lt 600 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	kill -9 "$importer"
	wait "$importer" 2>/dev/null
	kill "$feeder" 2>/dev/null
	wait "$feeder" 2>/dev/null
	[ $i -lt 600 ] || fail "the load never reached the file"
	ap account list
	contains "$T/out" "no accounts"
	eq "$(db_sql 'PRAGMA integrity_check')" ok "integrity after the kill"
	eq "$(db_sql 'PRAGMA journal_mode')" wal "journal mode after the kill"
	ap import "$T/gen.json"
	contains "$T/out" "imported 1000 accounts"
}

run_suite
