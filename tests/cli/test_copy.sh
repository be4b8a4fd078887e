#!/bin/sh
# copy --to: a whole store moved to another database, file or server (on the
# PostgreSQL pass the store being copied is on the server).
. "$(dirname "$0")/../lib.sh"

test_a_copy_exports_the_same_bytes_as_the_original() {
	ap demo
	ap copy --to "$T/copy.db"
	contains "$T/out" "to $T/copy.db: 10 accounts (answers "
	eq "$(mode "$T/copy.db")" "-rw-------" "mode of the copy"
	dump >"$T/original.json"
	"$AP" --db "$T/copy.db" export >"$T/copy.json" || fail "export of the copy failed"
	cmp -s "$T/original.json" "$T/copy.json" || fail "the copy differs: $(diff "$T/original.json" "$T/copy.json" | head -n 6)"
	# And back into an empty store of the original's kind.
	db_wipe
	ap --db "$T/copy.db" copy --to "$ACCTPLAN_DB"
	dump >"$T/back.json"
	cmp -s "$T/original.json" "$T/back.json" || fail "the copy back differs: $(diff "$T/original.json" "$T/back.json" | head -n 6)"
}

test_accounts_already_there_are_refused_unless_replace() {
	ap account add Acme --industry Pumps
	ap copy --to "$T/copy.db"
	ap answer Acme business "They sell pumps"
	before=$("$AP" --db "$T/copy.db" export)
	expect_rc 2 "$AP" copy --to "$T/copy.db"
	err_is "1 account is already in the store: 'Acme'; nothing was copied ('copy --replace' replaces them)"
	eq "$("$AP" --db "$T/copy.db" export)" "$before" "the destination after a refused copy"
	ap copy --to "$T/copy.db" --replace
	contains "$T/out" "replacing 1 already in the store"
	"$AP" --db "$T/copy.db" history Acme business >"$T/hist" || fail "history at the destination failed"
	contains "$T/hist" "They sell pumps"
}

test_the_store_itself_and_a_missing_destination_are_refused() {
	ap account add Acme
	before=$(snap)
	expect_rc 2 "$AP" copy
	err_is "copy: --to DESTINATION is required (a database file or a postgresql:// URL)"
	expect_rc 2 "$AP" copy --to "$ACCTPLAN_DB"
	err_starts "copy: "
	contains "$T/err" "is the store being copied; --to names another"
	if ! on_pg; then
		expect_rc 2 "$AP" copy --to "$(dirname "$ACCTPLAN_DB")/./$(basename "$ACCTPLAN_DB")"
		contains "$T/err" "is the store being copied"
	fi
	eq "$(snap)" "$before" "store content"
}

test_without_a_store_there_is_nothing_to_copy() {
	expect_rc 3 "$AP" copy --to "$T/copy.db"
	[ ! -e "$T/copy.db" ] || fail "a destination was created for nothing"
}

# A password written in --to is warned about and never printed, even when
# the server cannot be reached.
test_a_password_in_the_destination_is_never_printed() {
	ap account add Acme
	expect_rc 3 "$AP" copy --to "postgresql://kim:S3cretPw@/sales?host=$T/nosocket&connect_timeout=2"
	contains "$T/err" "the password in --to can be seen by other users"
	contains "$T/err" "cannot connect to postgresql://kim@/sales"
	lacks "$T/err" "S3cretPw"
	lacks "$T/out" "S3cretPw"
}

test_copy_answers_help() {
	ap copy --help
	contains "$T/out" "usage: acctplan copy --to DESTINATION [--replace]"
}

run_suite
