#!/bin/sh
# Bad input: every refusal says what is wrong on one stderr line starting
# "acctplan: ", exits 2 (bad input) or 3 (store error), and changes nothing.
. "$(dirname "$0")/../lib.sh"

# A store with something in every table a refused command could touch.
seed() {
	ap init
	ap account add Acme --industry Manufacturing --segment key
	ap answer Acme growth growing --source meeting --confidence high
	ap contact add Acme "Ana Chief" --role decision-maker
	ap note Acme "First visit went well" --tag visit
	ap meeting add Acme --tier sales --date 2026-10-01 --kind strategic "Kick-off"
}

# ---- unknown names ----

test_unknown_account_is_refused_by_every_record_command() {
	seed
	m="unknown account 'Umbrella' (see 'acctplan account list')"
	refused 2 "$m" answer Umbrella business "They make umbrellas"
	refused 2 "$m" contact add Umbrella "Bo Buyer"
	refused 2 "$m" competitor add Umbrella Initech
	refused 2 "$m" endcustomer add Umbrella Hospitals
	refused 2 "$m" meeting add Umbrella --tier sales --date 2026-10-01 --kind tactical "Call"
	refused 2 "$m" note Umbrella "A note"
	refused 2 "$m" account show Umbrella
	refused 2 "$m" account remove Umbrella --yes
	refused 2 "$m" contact remove Umbrella "Ana Chief"
}

test_unknown_question_id_is_refused() {
	seed
	refused 2 "unknown question 'revenue' (see 'acctplan questions')" answer Acme revenue "10M"
	refused 2 "unknown question 'revenue' (see 'acctplan questions')" history Acme revenue
}

test_choice_answer_outside_its_options_is_refused() {
	seed
	refused 2 "'sideways' is not an answer to 'alignment' (expected aligned, diverging or unknown)" \
		answer Acme alignment sideways
	# Options are whole words in any case (test_forgiving.sh), not their start.
	refused 2 "'Shap' is not an answer to 'posture' (expected shaping or catching-up)" \
		answer Acme posture Shap
	ap answer Acme posture catching-up
}

test_unknown_enumeration_values_name_the_allowed_ones() {
	seed
	refused 2 "--source: unknown source 'gossip' (expected conversation, meeting, document, research or assumption)" \
		answer Acme business x --source gossip
	refused 2 "--role: unknown buying role 'boss' (expected decision-maker, po-issuer, payment-releaser, champion, influencer, blocker or user)" \
		contact add Acme Bo --role boss
	refused 2 "--tier: unknown tier 'board' (expected sales, product or executive)" \
		note Acme "x" --tier board
	refused 2 "--segment: unknown segment 'huge' (expected key, strategic, growth or other)" \
		account add Initech --segment huge
	refused 2 "--shared: expected yes or no, not 'maybe'" \
		meeting add Acme --tier sales --date 2026-10-01 --kind tactical --news bad --shared maybe "x"
}

# ---- dates ----

test_malformed_dates_are_refused_for_meetings_answers_and_notes() {
	seed
	for d in 2026-02-30 2026-13-01 26-1-1 garbage 2026-1-1 "2026-01-01 " ""; do
		m="--date '$d' is not a valid date (expected YYYY-MM-DD)"
		refused 2 "$m" meeting add Acme --tier sales --date "$d" --kind strategic "Review"
		refused 2 "$m" answer Acme business "They sell pumps" --date "$d"
		refused 2 "$m" note Acme "Visit" --date "$d"
	done
	ap meeting add Acme --tier sales --date 2024-02-29 --kind strategic "Leap day review"
}

# ---- text ----

test_invalid_utf8_is_refused_in_names_answers_and_notes() {
	seed
	bad=$(printf 'Caf\377')
	refused 2 "account name is not valid UTF-8" account add "$bad"
	refused 2 "--industry is not valid UTF-8" account add Initech --industry "$bad"
	refused 2 "contact name is not valid UTF-8" contact add Acme "$bad"
	refused 2 "answer is not valid UTF-8" answer Acme business "$bad"
	refused 2 "note is not valid UTF-8" note Acme "$bad"
	refused 2 "meeting summary is not valid UTF-8" meeting add Acme --tier sales --date 2026-10-01 --kind tactical "$bad"
	# Overlong encoding of '/' and a lone surrogate are not UTF-8 either.
	refused 2 "answer is not valid UTF-8" answer Acme business "$(printf '\300\257')"
	refused 2 "note is not valid UTF-8" note Acme "$(printf '\355\240\200')"
	# The same through standard input.
	printf 'Caf\377 notes' >bad.txt
	before=$(snap)
	expect_rc 2 "$AP" note Acme - <bad.txt
	err_is "note is not valid UTF-8"
	eq "$(snap)" "$before" "store content"
}

test_control_characters_are_refused_in_one_line_fields() {
	seed
	refused 2 "account name contains a control character (byte 5)" account add "$(printf 'Evil\033[2J')"
	refused 2 "contact name contains a control character (byte 4)" contact add Acme "$(printf 'Two\nLines')"
}

# Arguments are capped by the kernel near 128 KiB each, so a 1 MiB field
# goes through standard input ('-') and a long name through a 100 KB argument.
test_one_mib_text_is_refused_naming_the_limit_never_truncated() {
	seed
	head -c 1048576 /dev/zero | tr '\0' 'a' >big.txt
	before=$(snap)
	expect_rc 2 "$AP" answer Acme business - <big.txt
	err_is "answer is 1048576 bytes long; the limit is 65536 bytes"
	expect_rc 2 "$AP" note Acme - <big.txt
	err_is "note is 1048576 bytes long; the limit is 65536 bytes"
	expect_rc 2 "$AP" meeting add Acme --tier sales --date 2026-10-01 --kind tactical - <big.txt
	err_is "meeting summary is 1048576 bytes long; the limit is 65536 bytes"
	eq "$(snap)" "$before" "store content"
	long=$(head -c 100000 big.txt)
	refused 2 "account name is 100000 bytes long; the limit is 65536 bytes" account add "$long"
	refused 2 "--differentiator is 100000 bytes long; the limit is 65536 bytes" \
		competitor add Acme Initech --differentiator "$long"
	# One byte over the limit is already refused.
	refused 2 "account name is 65537 bytes long; the limit is 65536 bytes" account add "$(head -c 65537 big.txt)"
}

test_text_at_the_limit_is_kept_intact() {
	seed
	# 65,536 bytes of mixed UTF-8 and line breaks, ending in a two-byte character.
	python3 -c 'import sys; s=("r\u00e9sum\u00e9 \u65e5\u672c\n" * 6000).encode(); s=s[:65534]; s=s[:len(s.decode("utf-8","ignore").encode())]; s+=b"x"*(65534-len(s))+"\u00e9".encode(); sys.stdout.buffer.write(s)' >limit.txt
	eq "$(wc -c <limit.txt)" 65536 "test text size"
	expect_rc 0 "$AP" answer Acme business - <limit.txt
	expect_rc 0 "$AP" note Acme - <limit.txt
	ap history Acme business --format json
	python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[0]["value"]; sys.exit(v.encode() != open(sys.argv[2],"rb").read())' \
		"$T/out" limit.txt || fail "answer did not come back byte for byte"
	ap note list Acme --format json
	python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[0]["text"]; sys.exit(v.encode() != open(sys.argv[2],"rb").read())' \
		"$T/out" limit.txt || fail "note did not come back byte for byte"
	name=$(head -c 65536 /dev/zero | tr '\0' 'n')
	ap account add "$name"
	ap account list --format csv
	contains "$T/out" "$name,,other,2026-11-23"
}

test_every_tag_of_a_note_is_kept() {
	seed
	set --
	for i in $(seq 1 20); do set -- "$@" --tag "t$i"; done
	ap note Acme "Tagged twenty times" "$@"
	ap note list Acme --format csv
	contains "$T/out" "t1 t2 t3 t4 t5 t6 t7 t8 t9 t10 t11 t12 t13 t14 t15 t16 t17 t18 t19 t20,Tagged twenty times"
}

# ---- configuration ----

test_config_named_but_missing_is_refused() {
	seed
	refused 2 "cannot read 'nowhere.ini': No such file or directory" --config nowhere.ini answer Acme business x
	before=$(snap)
	ACCTPLAN_CONFIG="$T/gone.ini" expect_rc 2 "$AP" answer Acme business x
	err_is "cannot read '$T/gone.ini': No such file or directory"
	eq "$(snap)" "$before" "store content"
}

# Tests run as root, which reads any file whatever its mode: the unreadable
# configs here are a directory and a path through a regular file, plus a
# mode-000 file when not root.
test_config_that_cannot_be_read_is_refused() {
	seed
	mkdir conf.d
	refused 2 "cannot read 'conf.d': Is a directory" --config conf.d answer Acme business x
	echo "[user]" >plain
	refused 2 "cannot read 'plain/config.ini': Not a directory" --config plain/config.ini answer Acme business x
	if [ "$(id -u)" != 0 ]; then
		printf '[user]\nname = x\n' >locked.ini
		chmod 000 locked.ini
		refused 2 "cannot read 'locked.ini': Permission denied" --config locked.ini answer Acme business x
	fi
}

test_malformed_config_is_reported_with_file_and_line() {
	seed
	printf '[user]\nname = Dana\n[store\n' >syntax.ini
	refused 2 "syntax.ini:3: section header without closing ']'" --config syntax.ini answer Acme business x
	printf '[user]\nname = Dana\n\n[colours]\nbg = red\n' >section.ini
	refused 2 "section.ini:4: unknown section [colours]" --config section.ini answer Acme business x
	printf '[user]\nname = Dana\nemail = d@x\n' >key.ini
	refused 2 "key.ini:3: unknown key 'email' in [user]" --config key.ini answer Acme business x
	printf '[store]\npath = %s\n[user]\ntier = board\n' "$ACCTPLAN_DB" >tier.ini
	refused 2 "tier.ini:4: unknown tier 'board' (expected sales, product or executive)" --config tier.ini note Acme x
	python3 -c 'print("[user]"); print("name = Dana"); print("; " + "x" * 1100)' >long.ini
	refused 2 "long.ini:3: line is longer than 1022 bytes" --config long.ini answer Acme business x
	printf '[user]\nname = Dana\nname = Sam\n' >dup.ini
	refused 2 "dup.ini:3: duplicate key 'name' in [user] (first at line 2)" --config dup.ini answer Acme business x
	# ACCTPLAN_CONFIG is checked the same way.
	before=$(snap)
	ACCTPLAN_CONFIG=key.ini expect_rc 2 "$AP" note Acme x
	err_is "key.ini:3: unknown key 'email' in [user]"
	eq "$(snap)" "$before" "store content"
}

# with_questions TEXT: a config whose [questions] file holds TEXT.
with_questions() {
	printf '%s' "$1" >"$T/q.ini"
	printf '[questions]\nfile = %s\n' "$T/q.ini" >"$T/config.ini"
	export ACCTPLAN_CONFIG="$T/config.ini"
}

test_bad_questions_file_is_reported_with_file_and_line() {
	seed
	with_questions "$(printf '[question.plant]\ntext = Visited their plant?\ntier = board\n')"
	refused 2 "$T/q.ini:3: unknown tier 'board' (expected sales, product or executive)" answer Acme business x
	with_questions "$(printf '[question.plant]\ntier = product\ntext = A?\n\n[question.Plant]\ntext = B?\n')"
	refused 2 "$T/q.ini:5: duplicate section [question.plant] (first at line 1)" answer Acme business x
	with_questions "$(printf '[question.ok]\ntier = sales\ntext = Fine?\n[question.pick]\ntier = sales\ntype = choice\ntext = Which?\n')"
	refused 2 "$T/q.ini:4: choice question 'pick' has no options" answer Acme business x
	refused 2 "$T/q.ini:4: choice question 'pick' has no options" questions
	with_questions "$(printf '[question.growth]\ncolour = red\n')"
	refused 2 "$T/q.ini:2: unknown key 'colour' in [question.growth]" answer Acme growth growing
	rm "$T/q.ini"
	refused 2 "cannot read '$T/q.ini': No such file or directory" answer Acme business x
}

# ---- the database file ----

test_database_in_a_folder_that_cannot_be_created_is_a_store_error() {
	echo "not a folder" >plain
	expect_rc 3 "$AP" --db plain/accounts.db init
	err_is "cannot create database 'plain/accounts.db': Not a directory"
	expect_rc 3 "$AP" --db plain/sub/accounts.db account add Acme
	err_is "cannot create directory 'plain/sub': Not a directory"
	eq "$(cat plain)" "not a folder" "the file in the way"
	if [ "$(id -u)" != 0 ]; then
		mkdir ro && chmod 500 ro
		expect_rc 3 "$AP" --db ro/accounts.db init
		err_is "cannot create database 'ro/accounts.db': Permission denied"
	elif [ -d /sys/kernel ]; then
		# Root may write anywhere but sysfs refuses new files.
		expect_rc 3 "$AP" --db /sys/acctplan-test.db init
		err_starts "cannot create database '/sys/acctplan-test.db': "
		[ ! -e /sys/acctplan-test.db ] || fail "created a file in /sys"
	fi
}

test_file_that_is_not_a_database_is_a_store_error() {
	printf 'name,total\nAcme,12\n' >accounts.csv
	cp accounts.csv orig.csv
	expect_rc 3 "$AP" --db accounts.csv account add Acme
	err_is "'accounts.csv': reading the database header: database file is corrupt or not a database (26)"
	expect_rc 3 "$AP" --db accounts.csv account list
	err_is "'accounts.csv': reading the database header: database file is corrupt or not a database (26)"
	cmp -s accounts.csv orig.csv || fail "the text file was changed"
	[ ! -e accounts.csv-wal ] || fail "left a WAL file beside the text file"
	# An empty file is no store either, until init makes it one.
	: >empty.db
	expect_rc 3 "$AP" --db empty.db account list
	err_is "'empty.db' is empty, not an acctplan database (run 'acctplan init' to create one)"
	[ ! -s empty.db ] || fail "a read command wrote into the empty file"
	ap --db empty.db init
	ap --db empty.db account list
}

test_sqlite_database_of_another_program_is_refused_untouched() {
	sqlite3 other.db "CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices(total) VALUES (12.5);"
	before=$(sqlite3 other.db .dump)
	expect_rc 3 "$AP" --db other.db init
	err_is "'other.db' is a SQLite database of another program, not acctplan's"
	expect_rc 3 "$AP" --db other.db account add Acme
	err_is "'other.db' is a SQLite database of another program, not acctplan's"
	eq "$(sqlite3 other.db .dump)" "$before" "the other program's data"
	eq "$(sqlite3 other.db 'PRAGMA journal_mode')" delete "its journal mode"
}

test_database_with_a_newer_schema_is_refused() {
	sqlite_only
	seed
	sqlite3 "$ACCTPLAN_DB" "PRAGMA user_version = 99"
	eq "$(sqlite3 "$ACCTPLAN_DB" 'PRAGMA application_id')" "$((0x41635450))" "application id"
	before=$(sqlite3 "$ACCTPLAN_DB" .dump)
	for cmd in "init" "account list" "answer Acme business x"; do
		# shellcheck disable=SC2086 # the command's words are meant to split
		expect_rc 3 "$AP" $cmd
		err_starts "'$ACCTPLAN_DB' has schema version 99, newer than this acctplan knows ("
		contains "$T/err" "); upgrade acctplan"
	done
	eq "$(sqlite3 "$ACCTPLAN_DB" .dump)" "$before" "store content"
	eq "$(sqlite3 "$ACCTPLAN_DB" 'PRAGMA user_version')" 99 "schema version"
}

ms() { echo $(($(date +%s%N) / 1000000)); }

# Another process holds the write lock (sqlite3 in BEGIN IMMEDIATE; on
# PostgreSQL, psql holding the account table) until the test releases it; a
# write waits the busy timeout, then gives up.
test_database_locked_by_another_writer_is_a_store_error() {
	seed
	before=$(snap)
	if on_pg; then
		hold_open "BEGIN; INSERT INTO account(name, created) VALUES ('Held', '2026-01-01');
			LOCK TABLE account IN EXCLUSIVE MODE;"
		locked="the database is busy: another session holds what this needs and did not let it go within the busy timeout; nothing was written"
	else
		hold_open "BEGIN IMMEDIATE; INSERT INTO account(name, created) VALUES ('Held', '2026-01-01');"
		locked="database is locked by another process (5)"
	fi
	start=$(ms)
	expect_rc 3 "$AP" account add Other
	took=$(($(ms) - start))
	err_is "adding account: $locked"
	expect_rc 3 "$AP" answer Acme business "They sell pumps"
	err_is "saving answer: $locked"
	# It waited for the busy timeout (ACCTPLAN_BUSY_TIMEOUT=300) before giving up.
	[ "$took" -ge 250 ] || fail "gave up after ${took} ms, before the 300 ms busy timeout"
	# Reading is not blocked by the writer.
	ap account list
	contains "$T/out" "Acme"
	lacks "$T/out" "Held"
	release
	# The other process's write is intact and ours never happened.
	ap account list
	contains "$T/out" "Held"
	lacks "$T/out" "Other"
	ap history Acme business
	contains "$T/out" "not answered yet"
	# Its id is spent (ids are never reused), so the sequence is put back too.
	if on_pg; then
		db_sql "DELETE FROM account WHERE name = 'Held'"
	else
		db_sql "DELETE FROM account WHERE name = 'Held';
			UPDATE sqlite_sequence SET seq = seq - 1 WHERE name = 'account'"
	fi
	eq "$(snap)" "$before" "store content apart from the other process's row"
}

# small_disk DIR: mount a 512 KiB tmpfs on DIR (unmounted when the test ends).
# Fails where mounting is not allowed (not root, or a locked-down container).
small_disk() {
	mkdir "$1"
	[ -z "${ACCTPLAN_TEST_NO_MOUNT:-}" ] || return 1
	mount -t tmpfs -o size=1024k tmpfs "$1" 2>/dev/null || return 1
	MOUNTED=$T/$1
	trap 'umount "$MOUNTED"' EXIT
}

# fill DIR KIB: leave only KIB kilobytes free on DIR's file system.
fill() {
	avail=$(df -k "$1" | awk 'NR == 2 { print $4 }')
	[ "$avail" -gt "$2" ] && dd if=/dev/zero of="$1/filler.$2" bs=1k count=$((avail - $2)) 2>/dev/null
	true
}

test_full_disk_is_a_store_error_and_loses_nothing() {
	ACCTPLAN_DB="$T/small/test.db"
	export ACCTPLAN_DB
	head -c 45000 /dev/urandom | base64 -w0 >chunk.txt   # 60 KB that compresses and indexes badly
	if small_disk small; then
		seed
		before=$(snap)
		# Room to open the store but not to commit a 60 KB note and its index.
		fill small 40
		expect_rc 3 "$AP" note Acme - <chunk.txt
		err_is "committing: disk is full (13)"
		eq "$(snap)" "$before" "store content"
		# No room at all: even opening (which needs its shared-memory file) says why.
		fill small 0
		expect_rc 3 "$AP" note Acme "Short"
		err_starts "'$ACCTPLAN_DB': "
		contains "$T/err" ": disk is full ("
		rm small/filler.*
	else
		# Where no file system can be mounted, a file-size limit makes the
		# database unable to grow, which must fail the same clean way.
		echo "note: cannot mount a tmpfs here; capping the file size with ulimit -f instead" >&2
		seed
		before=$(snap)
		size=$(($(du -k "$ACCTPLAN_DB" | cut -f1) + 8))
		(
			trap '' XFSZ
			ulimit -f "$size"
			expect_rc 3 "$AP" note Acme - <chunk.txt
		) || exit 1
		err_starts "committing: "
	fi
	eq "$(snap)" "$before" "store content"
	eq "$(sqlite3 "$ACCTPLAN_DB" 'PRAGMA integrity_check')" ok "integrity"
	ap note Acme "Short note once there is room again"
}

# ---- usage ----

test_usage_errors_exit_2_with_one_line() {
	seed
	refused 2 "unknown command 'frobnicate' (see 'acctplan --help')" frobnicate
	refused 2 "unknown option '--colour' (see 'acctplan --help')" --colour account list
	refused 2 "option '--db' needs a value" --db
	refused 2 "option '--db' needs a non-empty value" --db= account list
	refused 2 "account list: unknown option '--colour' (see 'acctplan account list --help')" account list --colour
	refused 2 "account list: unknown option '-x' (see 'acctplan account list --help')" account list -x
	refused 2 "account add: option '--industry' needs a value" account add Initech --industry
	refused 2 "account remove: option '--yes' takes no value" account remove Acme --yes=no
	refused 2 "answer: unexpected argument 'extra' (usage: acctplan answer ACCOUNT QUESTION_ID TEXT [--source S] [--confidence low|medium|high] [--by WHO] [--date YYYY-MM-DD] [--replaces ID|none])" \
		answer Acme business text extra
	before=$(snap)
	expect_rc 2 "$AP" account add
	err_starts "account add: missing argument (usage: acctplan account add NAME"
	expect_rc 2 "$AP" meeting add Acme "No tier or date"
	err_is "meeting add: --tier, --date and --kind are required"
	expect_rc 2 "$AP" account remove Acme
	err_starts "removing 'Acme' also removes its answers"
	eq "$(snap)" "$before" "store content"
}

test_help_on_every_command_exits_0_and_prints_usage() {
	ap --help
	sed -n '/^Commands:/,/^$/p' "$T/out" | sed -nE 's/^  ([a-z][a-z-]*( [a-z][a-z-]*)?)  +[^ ].*/\1/p' >commands
	n=$(wc -l <commands)
	[ "$n" -ge 20 ] || fail "found only $n commands in --help: $(cat "$T/out")"
	while read -r cmd; do
		# shellcheck disable=SC2086 # the command's words are meant to split
		expect_rc 0 "$AP" $cmd --help
		contains "$T/out" "usage: acctplan $cmd"
		[ ! -s "$T/err" ] || fail "$cmd --help wrote to stderr: $(cat "$T/err")"
		# shellcheck disable=SC2086
		expect_rc 0 "$AP" $cmd -h
		contains "$T/out" "usage: acctplan $cmd"
	done <commands
	# Families that are not commands themselves ('account', not 'note') list their commands.
	for family in $(cut -d' ' -f1 commands | sort | uniq -d); do
		grep -qx "$family" commands && continue
		expect_rc 0 "$AP" "$family" --help
		contains "$T/out" "$family add"
	done
	ap --version
	contains "$T/out" "acctplan "
	[ ! -e "$ACCTPLAN_DB" ] || fail "--help created the database"
}

test_user_input_echoed_in_an_error_cannot_drive_the_terminal() {
	seed
	esc=$(printf 'Evil\033[2J\377')
	refused 2 "unknown account 'Evil\\u001b[2J\\xff' (see 'acctplan account list')" account show "$esc"
}

test_output_to_a_full_device_is_one_error_line() {
	[ -w /dev/full ] || fail "/dev/full is missing"
	seed
	"$AP" account list >/dev/full 2>"$T/err"
	eq "$?" 2 "exit status"
	err_is "cannot write output: No space left on device"
	"$AP" export >/dev/full 2>"$T/err"
	eq "$?" 2 "exit status"
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "expected one error line, got: $(cat "$T/err")"
}

run_suite
