#!/bin/sh
# backup: a consistent copy of the live database through SQLite's online
# backup, compared with the live store by export.
. "$(dirname "$0")/../lib.sh"

test_backup_of_the_demo_exports_the_same_bytes_as_the_live_store() {
	sqlite_only
	ap demo
	ap backup "$T/copy.db"
	contains "$T/out" "backed up $ACCTPLAN_DB to $T/copy.db"
	dump >"$T/live.json"
	"$AP" --db "$T/copy.db" export >"$T/copy.json" || fail "export of the backup failed"
	cmp -s "$T/live.json" "$T/copy.json" || fail "backup differs from the live store: $(diff "$T/live.json" "$T/copy.json" | head -n 6)"
	# A complete acctplan database: its header says so, and it opens as one.
	eq "$(sqlite3 "$T/copy.db" 'PRAGMA user_version')" "$(sqlite3 "$ACCTPLAN_DB" 'PRAGMA user_version')" "schema version"
	eq "$(sqlite3 "$T/copy.db" 'PRAGMA application_id')" 1097028688 "application id"
	eq "$(sqlite3 "$T/copy.db" 'PRAGMA integrity_check')" ok "integrity"
	ap --db "$T/copy.db" account list
	contains "$T/out" "Corvalis Semiconductor"
	no_temp_files "$T" copy.db
}

test_backup_is_created_private() {
	sqlite_only
	ap demo
	umask 022
	ap backup "$T/copy.db"
	eq "$(mode "$T/copy.db")" "-rw-------" "mode of the backup"
	# Replaced with --force, it is still private.
	chmod 644 "$T/copy.db"
	ap backup --force "$T/copy.db"
	eq "$(mode "$T/copy.db")" "-rw-------" "mode of the replaced backup"
}

test_backup_while_another_process_holds_an_open_write_transaction() {
	sqlite_only
	ap demo
	hold_open "BEGIN IMMEDIATE; INSERT INTO account(name, created) VALUES ('Uncommitted', '2026-01-01');"
	# In WAL mode a reader is not blocked by the writer: the backup goes
	# ahead at once with what is committed.
	dump >"$T/at-that-moment.json"
	ap backup "$T/copy.db"
	release
	"$AP" --db "$T/copy.db" export >"$T/copy.json" || fail "export of the backup failed"
	cmp -s "$T/at-that-moment.json" "$T/copy.json" || fail "backup differs from the store as it was: $(diff "$T/at-that-moment.json" "$T/copy.json" | head -n 6)"
	lacks "$T/copy.json" "Uncommitted"
	# The other process's write went through after all, into the live store only.
	ap account list
	contains "$T/out" "Uncommitted"
	ap --db "$T/copy.db" account list
	lacks "$T/out" "Uncommitted"
}

test_a_commit_still_only_in_the_wal_file_is_in_the_backup() {
	sqlite_only
	ap demo
	# A second connection open (as the workbench keeps one) stops the last
	# close from checkpointing, so the commit below stays in the -wal file.
	hold_open "SELECT count(*) FROM account; BEGIN;"
	ap account add "Walled Garden Ltd"
	[ -s "$ACCTPLAN_DB-wal" ] || fail "expected a non-empty -wal file"
	! grep -qa "Walled Garden" "$ACCTPLAN_DB" || fail "the commit reached the main file; the test proves nothing"
	grep -qa "Walled Garden" "$ACCTPLAN_DB-wal" || fail "the commit is not in the -wal file"
	ap backup "$T/copy.db"
	release
	ap --db "$T/copy.db" account list
	contains "$T/out" "Walled Garden Ltd"
}

test_existing_target_is_refused_without_force_and_replaced_with_it() {
	sqlite_only
	ap demo
	echo "an earlier backup" >"$T/copy.db"
	expect_rc 2 "$AP" backup "$T/copy.db"
	contains "$T/err" "acctplan: backup '$T/copy.db' already exists; nothing was written (--force replaces it)"
	eq "$(cat "$T/copy.db")" "an earlier backup" "the existing file"
	ap backup --force "$T/copy.db"
	ap --db "$T/copy.db" account list
	contains "$T/out" "Corvalis Semiconductor"
	no_temp_files "$T" copy.db
}

test_the_live_database_and_its_wal_and_shm_are_refused() {
	sqlite_only
	ap demo
	before=$(dump)
	expect_rc 2 "$AP" backup --force "$ACCTPLAN_DB"
	contains "$T/err" "acctplan: cannot write backup '$ACCTPLAN_DB': it is the live database itself"
	# Named another way, it is still the live database.
	expect_rc 2 "$AP" backup --force "./test.db"
	contains "$T/err" "it is the live database itself"
	ln -s "$ACCTPLAN_DB" "$T/link.db"
	expect_rc 2 "$AP" backup --force "$T/link.db"
	contains "$T/err" "it is the live database itself"
	for part in wal shm; do
		expect_rc 2 "$AP" backup --force "$ACCTPLAN_DB-$part"
		contains "$T/err" "acctplan: cannot write backup '$ACCTPLAN_DB-$part': it is the live database's -$part file"
	done
	eq "$(dump)" "$before" "store content"
	no_temp_files "$T" test.db
}

test_a_target_in_a_missing_folder_is_a_clear_error() {
	sqlite_only
	ap demo
	expect_rc 2 "$AP" backup "$T/missing/copy.db"
	eq "$(cat "$T/err")" "acctplan: cannot write backup '$T/missing/copy.db': its folder does not exist" "stderr"
	[ ! -e "$T/missing" ] || fail "the folder was created"
	no_temp_files "$T" copy.db
	expect_rc 2 "$AP" backup "$T"
	contains "$T/err" "it is a folder"
}

test_backup_without_a_database_is_a_store_error() {
	sqlite_only
	expect_rc 3 "$AP" backup "$T/copy.db"
	contains "$T/err" "no database at"
	[ ! -e "$T/copy.db" ] || fail "a backup file was written"
	no_temp_files "$T" copy.db
}

test_backup_of_a_postgresql_store_names_what_to_use_instead() {
	pg_only
	ap account add Acme
	refused 2 "backup copies a SQLite file; $(echo "$ACCTPLAN_DB") is a PostgreSQL database: use 'acctplan export' (or pg_dump) instead" backup "$T/copy.db"
	[ ! -e "$T/copy.db" ] || fail "a backup file was written"
}

run_suite
