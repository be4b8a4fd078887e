#!/bin/sh
# PostgreSQL URLs as database locations: a password on the command line is
# warned about once, and no spelling of a URL ever shows its password. The
# URLs point at nothing that answers (a Unix socket folder that does not
# exist, port 1 of the loopback addresses), so opening them fails fast
# whatever the build; only the warning and the absence of the password are
# asserted, not how the opening fails.
. "$(dirname "$0")/../lib.sh"

WARNING="acctplan: warning: the password in --db can be seen by other users of this machine (ps); keep it in ~/.pgpass, PGPASSFILE or a service file instead"

# never_shown: neither stdout nor stderr holds the password in any form.
never_shown() {
	for f in "$T/out" "$T/err"; do
		for pw in S3cr3t S3@cr3t S3%40cr3t 'S3 cr3t' cr3t; do
			lacks "$f" "$pw"
		done
	done
}

# run_ap ARGS...: acctplan ARGS, whatever its exit status (a URL that
# cannot be opened fails), output in $T/out and $T/err.
run_ap() {
	"$AP" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

warned_once() {
	eq "$(head -n 1 "$T/err")" "$WARNING" "first line of stderr"
	eq "$(grep -c 'warning: the password' "$T/err")" 1 "warnings"
}

test_a_password_in_db_is_warned_about_once_and_never_shown() {
	for url in \
		"postgresql://alice:S3cr3t@%2Fnonexistent%2Fsockets/plans" \
		"postgres://alice:S3cr3t@/plans?host=/nonexistent/sockets" \
		"POSTGRESQL://alice:S3%40cr3t@127.0.0.1:1/plans" \
		"postgresql://alice:S3cr3t@[::1]:1/plans?sslmode=disable" \
		"postgresql://alice:S3cr3t@127.0.0.1:1,127.0.0.2:1/plans" \
		"postgresql:///plans?host=/nonexistent/sockets&password=S3cr3t" \
		"postgresql://alice@/plans?host=/nonexistent/sockets&PASS%57ORD=S3cr3t&sslmode=disable" \
		"postgresql://alice@/plans?sslpassword=S3cr3t&host=/nonexistent/sockets"; do
		run_ap --db "$url" account list
		[ "$rc" -ne 0 ] || fail "opening $url succeeded"
		warned_once
		never_shown
		run_ap "--db=$url" init
		warned_once
		never_shown
	done
}

test_db_url_without_password_gets_no_warning() {
	for url in "postgresql://alice@/plans?host=/nonexistent/sockets" "postgresql://alice:@127.0.0.1:1/plans"; do
		run_ap --db "$url" account list
		lacks "$T/err" "warning"
	done
	# The environment and the config file are not on ps's command lines.
	ACCTPLAN_DB="postgresql://alice:S3cr3t@/plans?host=/nonexistent/sockets" run_ap account list
	lacks "$T/err" "warning"
	never_shown
	printf '[store]\nurl = postgresql://alice:S3cr3t@/plans?host=/nonexistent/sockets\n' >"$T/c.ini"
	unset ACCTPLAN_DB
	run_ap --config "$T/c.ini" account list
	lacks "$T/err" "warning"
	never_shown
}

test_a_bad_db_url_is_refused_without_its_password() {
	expect_rc 2 "$AP" --db "postgresql://alice:S3cr3t@h:99999/plans" account list
	eq "$(sed -n 1p "$T/err")" "$WARNING" "first line of stderr"
	eq "$(sed -n 2p "$T/err")" "acctplan: --db: invalid database URL 'postgresql://alice@h/plans': the port after host 'h' is not a number from 1 to 65535" "error"
	never_shown
	expect_rc 2 env ACCTPLAN_DB="postgresql://alice:S3%zzcr3t@h/plans" "$AP" account list
	err_is "ACCTPLAN_DB: invalid database URL 'postgresql://alice@h/plans': the password has a '%' not followed by two hex digits"
	never_shown
	# A mistyped scheme is no file name, and hides its password too.
	expect_rc 2 "$AP" --db "postgressql://alice:S3cr3t@h/plans" account list
	err_is "--db: invalid database URL 'postgressql://alice@h/plans': it does not start with postgresql:// or postgres://"
	never_shown
	[ ! -e postgressql: ] || fail "a file was created for the mistyped URL"
}

test_config_with_path_and_url_is_refused_at_the_second() {
	printf '[user]\nname = Dana\n[store]\npath = plans.db\nurl = postgresql://alice:S3cr3t@h/plans\n' >"$T/c.ini"
	expect_rc 2 "$AP" --config "$T/c.ini" account list
	err_is "$T/c.ini:5: [store] has both path and url (the other at line 4); keep one"
	never_shown
	printf '[store]\nurl = postgresql://alice:S3cr3t@h/plans\n\npath = plans.db\n' >"$T/c.ini"
	expect_rc 2 "$AP" --config "$T/c.ini" account list
	err_is "$T/c.ini:4: [store] has both path and url (the other at line 2); keep one"
	printf '[store]\npath = postgresql://alice:S3cr3t@h/plans\n' >"$T/c.ini"
	expect_rc 2 "$AP" --config "$T/c.ini" account list
	err_is "$T/c.ini:2: [store] path is a file; a PostgreSQL URL goes in [store] url"
	never_shown
	printf '[store]\nurl = postgresql://alice:S3cr3t@[::1/plans\n' >"$T/c.ini"
	expect_rc 2 "$AP" --config "$T/c.ini" account list
	err_is "$T/c.ini:2: invalid database URL 'postgresql://alice@[::1/plans': the '[' of an IPv6 address has no ']'"
	never_shown
}

test_a_sqlite_path_still_works_and_is_shown_as_is() {
	ap --db "$T/my plans=1.db" init
	contains "$T/out" "created $T/my plans=1.db (schema version "
	lacks "$T/err" "warning"
}

run_suite
