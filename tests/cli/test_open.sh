#!/bin/sh
# Opening the store: what cannot be read or written is said in words, where
# and what to do, never a bare SQLite code; what only reads still works where
# SQLite can read (issue 10, item 9).
#
# Tests run as root, which ignores file permissions: a user who may not write
# is nobody (setpriv), and a read-only file system is a read-only bind mount
# in a mount namespace of its own (unshare -m), gone when the command ends.
. "$(dirname "$0")/../lib.sh"

ACME='Corvalis Semiconductor'

# in_ro_mount CMD...: CMD with $T/data mounted read-only at $T/mnt.
in_ro_mount() {
	unshare -m sh -c 'mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" || exit 99; shift 2; exec "$@"' \
		sh "$T/data" "$T/mnt" "$@"
}

# listing DIR: the names in DIR, one line.
listing() { ls -A "$1" | tr '\n' ' '; }

# A store in $T/ro that nobody may read and write but whose folder nobody
# may not write: SQLite cannot make the -wal and -shm files there.
read_only_folder() {
	chmod 711 "$T"
	mkdir "$T/ro"
	export ACCTPLAN_DB="$T/ro/test.db"
	ap demo
	"$AP" account list >"$T/want.txt"
	chown nobody "$ACCTPLAN_DB"
	chmod 555 "$T/ro"
}

test_a_read_only_folder_still_reads_and_says_why_it_cannot_write() {
	read_only_folder
	sum=$(cksum <"$ACCTPLAN_DB")
	expect_rc 0 as_nobody "$AP" account list
	cmp -s "$T/out" "$T/want.txt" || fail "account list as nobody differs: $(head -c 300 "$T/out")"
	expect_rc 0 as_nobody "$AP" brief "$ACME"
	contains "$T/out" "$ACME"
	why="its folder '$T/ro' is not writable by this user, and SQLite writes the database's -wal and -shm files beside it (make the folder writable, or move the database to one that is)"
	# A command that may create the store opens it for writing at once...
	expect_rc 3 as_nobody "$AP" account add "Newco"
	err_is "cannot open '$ACCTPLAN_DB' for writing: $why"
	# ...one that writes into an existing store says so at its write.
	expect_rc 3 as_nobody "$AP" note "$ACME" "a note"
	err_is "adding note: cannot write '$ACCTPLAN_DB': $why; nothing was written"
	eq "$(cksum <"$ACCTPLAN_DB")" "$sum" "the database file"
	eq "$(listing "$T/ro")" "test.db " "the folder"
}

test_a_read_only_folder_with_the_store_open_elsewhere_says_why_it_cannot_read() {
	read_only_folder
	# What a process that has the store open (or was killed) leaves beside
	# it, and that nobody may not open.
	: >"$ACCTPLAN_DB-wal"
	: >"$ACCTPLAN_DB-shm"
	chmod 600 "$ACCTPLAN_DB-wal" "$ACCTPLAN_DB-shm"
	expect_rc 3 as_nobody "$AP" account list
	err_is "cannot open '$ACCTPLAN_DB': its folder '$T/ro' is not writable by this user, and SQLite writes the database's -wal and -shm files beside it (make the folder writable, or move the database to one that is); while '$ACCTPLAN_DB-wal' exists (the database is open in another process, or one stopped before closing it), SQLite cannot read it without writing there"
}

test_a_read_only_file_system_still_reads_and_says_why_it_cannot_write() {
	mkdir "$T/data" "$T/mnt"
	export ACCTPLAN_DB="$T/data/test.db"
	ap demo
	"$AP" account list >"$T/want.txt"
	sum=$(cksum <"$ACCTPLAN_DB")
	db="$T/mnt/test.db"
	expect_rc 0 in_ro_mount "$AP" --db "$db" account list
	cmp -s "$T/out" "$T/want.txt" || fail "account list on the read-only mount differs: $(head -c 300 "$T/out") $(cat "$T/err")"
	why="it is on a read-only file system (copy it to a writable one to change it)"
	expect_rc 3 in_ro_mount "$AP" --db "$db" account add "Newco"
	err_is "cannot open '$db' for writing: $why"
	expect_rc 3 in_ro_mount "$AP" --db "$db" note "$ACME" "a note"
	err_is "adding note: cannot write '$db': $why; nothing was written"
	expect_rc 3 in_ro_mount "$AP" --db "$T/mnt/new.db" init
	err_is "cannot create database '$T/mnt/new.db': Read-only file system"
	eq "$(cksum <"$ACCTPLAN_DB")" "$sum" "the database file"
	eq "$(listing "$T/data")" "test.db " "the folder"
}

test_a_file_that_is_not_writable_reads_and_says_why_it_cannot_write() {
	chmod 711 "$T"
	mkdir "$T/pub"
	export ACCTPLAN_DB="$T/pub/test.db"
	ap demo
	chown -R nobody "$T/pub"
	chmod 444 "$ACCTPLAN_DB"
	sum=$(cksum <"$ACCTPLAN_DB")
	expect_rc 0 as_nobody "$AP" account list
	contains "$T/out" "$ACME"
	expect_rc 3 as_nobody "$AP" note "$ACME" "a note"
	err_is "adding note: cannot write '$ACCTPLAN_DB': the file is not writable by this user (make it writable, or ask its owner); nothing was written"
	eq "$(cksum <"$ACCTPLAN_DB")" "$sum" "the database file"
}

test_a_file_or_folder_closed_to_the_user_is_said_in_words() {
	sqlite_only
	chmod 711 "$T"
	ap demo   # $T/test.db, root's, 0600
	expect_rc 3 as_nobody "$AP" account list
	err_is "cannot open '$ACCTPLAN_DB': the file is not readable by this user"
	mkdir -m 700 "$T/private"
	"$AP" --db "$T/private/test.db" init >/dev/null || fail "init failed"
	expect_rc 3 as_nobody "$AP" --db "$T/private/test.db" account list
	err_is "cannot open '$T/private/test.db': a folder on its path is closed to this user (permission denied)"
}

test_user_version_0_on_a_file_with_tables_is_not_called_empty() {
	sqlite_only
	ap demo
	sqlite3 "$ACCTPLAN_DB" 'PRAGMA user_version = 0'
	sum=$(cksum <"$ACCTPLAN_DB")
	msg="'$ACCTPLAN_DB' holds tables but no schema version (its user_version is 0, which acctplan never leaves): another program changed it; nothing was changed (restore a backup)"
	refused 3 "$msg" account list
	refused 3 "$msg" init
	refused 3 "$msg" account add "Newco"
	eq "$(cksum <"$ACCTPLAN_DB")" "$sum" "the database file"
	# A file with nothing in it is empty, and says so.
	: >"$T/empty.db"
	refused 3 "'$T/empty.db' is empty, not an acctplan database (run 'acctplan init' to create one)" --db "$T/empty.db" account list
}

test_a_negative_user_version_is_refused_and_nothing_is_created() {
	sqlite_only
	ap demo
	sqlite3 "$ACCTPLAN_DB" 'PRAGMA user_version = -3'
	sum=$(cksum <"$ACCTPLAN_DB")
	msg="'$ACCTPLAN_DB' has schema version -3, which no acctplan writes: it is not an acctplan database; nothing was changed"
	refused 3 "$msg" account list
	refused 3 "$msg" init
	refused 3 "$msg" account add "Newco"
	eq "$(cksum <"$ACCTPLAN_DB")" "$sum" "the database file"
	# A file with no tables at all: still no tables created.
	sqlite3 "$T/neg.db" 'PRAGMA user_version = -1'
	expect_rc 3 "$AP" --db "$T/neg.db" init
	err_is "'$T/neg.db' has schema version -1, which no acctplan writes: it is not an acctplan database; nothing was changed"
	eq "$(sqlite3 "$T/neg.db" 'SELECT count(*) FROM sqlite_schema')" 0 "tables in the file"
	eq "$(sqlite3 "$T/neg.db" 'PRAGMA user_version')" -1 "its user_version"
}

test_a_dangling_link_is_said_and_init_creates_its_target() {
	ln -s data/real.db "$T/link.db"
	refused 3 "no database at '$T/link.db': it is a symbolic link to '$T/data/real.db', which does not exist (run 'acctplan init' to create one there)" \
		--db "$T/link.db" account list
	[ ! -e "$T/data" ] || fail "a folder was created by a command that only reads"
	ap --db "$T/link.db" init
	[ -L "$T/link.db" ] || fail "the link was replaced"
	[ -f "$T/data/real.db" ] || fail "the link's target was not created"
	ap --db "$T/link.db" account add "Newco"
	ap --db "$T/data/real.db" account list
	contains "$T/out" "Newco"
}

test_closed_standard_input_is_said_in_words() {
	ap demo
	before=$(snap)
	msg="cannot read standard input: it is closed (redirect a file into it, or give the text as an argument)"
	"$AP" note "$ACME" - <&- >"$T/out" 2>"$T/err"
	eq "$?" 2 "exit status of note with stdin closed"
	err_is "$msg"
	"$AP" import - <&- >"$T/out" 2>"$T/err"
	eq "$?" 2 "exit status of import with stdin closed"
	err_is "$msg"
	eq "$(snap)" "$before" "store content"
}

run_suite
