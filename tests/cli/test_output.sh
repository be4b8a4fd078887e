#!/bin/sh
# -o FILE (export, brief) and backup FILE: a regular file is replaced
# atomically and private, a device or FIFO written through, a link's target
# replaced and the link kept, /dev/stdout written into the descriptor the
# shell opened, the live database refused, no temporary file left behind,
# not even by a signal (issue 10, item 5).
. "$(dirname "$0")/../lib.sh"

ACME='Corvalis Semiconductor'

inode() { ls -i "$1" | cut -d' ' -f1; }

# same FILE WANT: FILE holds exactly the bytes of WANT.
same() { cmp -s "$1" "$2" || fail "$(basename "$1") differs from $(basename "$2"): $(cmp "$1" "$2" 2>&1 | head -c 200)"; }

test_a_file_is_replaced_atomically_and_created_private() {
	ap demo
	dump >"$T/want.json"
	umask 022
	ap export -o "$T/out.json"
	same "$T/out.json" "$T/want.json"
	eq "$(mode "$T/out.json")" "-rw-------" "mode of a new export"
	# Replaced, not rewritten in place: a second name of the old file
	# still shows the old bytes, and the new file is another inode.
	echo "an earlier export" >"$T/out.json"
	chmod 644 "$T/out.json"
	ln "$T/out.json" "$T/old.json"
	ap export -o "$T/out.json"
	same "$T/out.json" "$T/want.json"
	eq "$(cat "$T/old.json")" "an earlier export" "the old file under its other name"
	[ "$(inode "$T/out.json")" != "$(inode "$T/old.json")" ] || fail "the export was written into the old file"
	eq "$(mode "$T/out.json")" "-rw-------" "mode of a replaced export"
	ap brief "$ACME" -o "$T/brief.txt"
	eq "$(cat "$T/out")" "wrote the sales brief of $ACME to $T/brief.txt" "stdout"
	"$AP" brief "$ACME" >"$T/brief-want.txt"
	same "$T/brief.txt" "$T/brief-want.txt"
	eq "$(mode "$T/brief.txt")" "-rw-------" "mode of the brief"
	no_temp_files "$T" out.json
	no_temp_files "$T" brief.txt
}

test_dev_null_stays_a_character_device() {
	sqlite_only
	ap demo
	ap export -o /dev/null
	ap brief "$ACME" -o /dev/null
	[ -c /dev/null ] || fail "/dev/null is no longer a character device"
	eq "$(ls -l /dev/null | cut -c1)" "c" "/dev/null"
	no_temp_files /dev null
	# A backup needs a file SQLite can open by name: refused, in words.
	refused 2 "cannot write backup '/dev/null': it is a character device, not a file" backup --force /dev/null
	[ -c /dev/null ] || fail "/dev/null is no longer a character device"
}

test_a_fifo_is_written_through() {
	ap demo
	dump >"$T/want.json"
	mkfifo "$T/pipe"
	cat "$T/pipe" >"$T/got.json" &
	reader=$!
	ap export -o "$T/pipe"
	wait $reader
	same "$T/got.json" "$T/want.json"
	[ -p "$T/pipe" ] || fail "the FIFO was replaced"
	cat "$T/pipe" >"$T/got.txt" &
	reader=$!
	ap brief "$ACME" -o "$T/pipe"
	wait $reader
	"$AP" brief "$ACME" >"$T/want.txt"
	same "$T/got.txt" "$T/want.txt"
	[ -p "$T/pipe" ] || fail "the FIFO was replaced by brief"
	no_temp_files "$T" pipe
}

test_a_link_keeps_its_place_and_its_target_is_replaced() {
	ap demo
	dump >"$T/want.json"
	mkdir "$T/real"
	echo old >"$T/real/plan.json"
	ln -s real/plan.json "$T/link.json"
	ap export -o "$T/link.json"
	[ -L "$T/link.json" ] || fail "the link was replaced by a file"
	eq "$(readlink "$T/link.json")" "real/plan.json" "the link"
	same "$T/real/plan.json" "$T/want.json"
	eq "$(mode "$T/real/plan.json")" "-rw-------" "mode of the target"
	# A link to a file not there yet: the target is created.
	ln -s real/brief.txt "$T/brief-link.txt"
	ap brief "$ACME" -o "$T/brief-link.txt"
	[ -L "$T/brief-link.txt" ] || fail "the dangling link was replaced by a file"
	"$AP" brief "$ACME" >"$T/want.txt"
	same "$T/real/brief.txt" "$T/want.txt"
	no_temp_files "$T" link.json
	no_temp_files "$T/real" plan.json
}

test_dev_stdout_writes_into_the_pipe_and_the_file_the_shell_opened() {
	ap demo
	dump >"$T/want.json"
	for name in /dev/stdout /dev/fd/1 /proc/self/fd/1; do
		"$AP" export -o "$name" | cat >"$T/piped.json"
		same "$T/piped.json" "$T/want.json"
		# `>`: into the file the shell truncated.
		"$AP" export -o "$name" >"$T/redirected.json" || fail "export -o $name > FILE failed"
		same "$T/redirected.json" "$T/want.json"
		# `>>`: appended after what is there, as the shell asked.
		echo "first line" >"$T/appended.json"
		"$AP" export -o "$name" >>"$T/appended.json" || fail "export -o $name >> FILE failed"
		{ echo "first line"; cat "$T/want.json"; } >"$T/want-appended.json"
		same "$T/appended.json" "$T/want-appended.json"
	done
	[ -c /dev/null ] && [ -L /dev/stdout ] || fail "/dev/stdout is no longer a link"
	no_temp_files "$T" redirected.json
	no_temp_files "$T" appended.json
}

# Not root: /dev is not writable, so a temporary file beside /dev/stdout
# could never be made ("Permission denied" before).
test_dev_stdout_works_for_a_user_who_cannot_write_dev() {
	chmod 711 "$T"
	mkdir "$T/pub"
	export ACCTPLAN_DB="$T/pub/test.db"
	ap demo
	chown -R nobody "$T/pub"
	dump >"$T/want.json"
	as_nobody "$AP" export -o /dev/stdout >"$T/piped.json" 2>"$T/err" ||
		fail "export -o /dev/stdout as nobody failed: $(cat "$T/err")"
	same "$T/piped.json" "$T/want.json"
	as_nobody "$AP" export -o /dev/stdout | cat >"$T/piped2.json"
	same "$T/piped2.json" "$T/want.json"
}

test_the_live_database_and_its_wal_and_shm_are_refused() {
	sqlite_only
	ap demo
	# -wal and -shm exist while another connection has the store open.
	hold_open "SELECT count(*) FROM account;"
	[ -f "$ACCTPLAN_DB-wal" ] || fail "expected a -wal file"
	sum=$(cksum <"$ACCTPLAN_DB")
	refused 2 "cannot write '$ACCTPLAN_DB': it is the live database itself" export -o "$ACCTPLAN_DB"
	refused 2 "cannot write './test.db': it is the live database itself" export -o ./test.db
	ln -s "$ACCTPLAN_DB" "$T/link.db"
	refused 2 "cannot write '$T/link.db': it is the live database itself" export -o "$T/link.db"
	for part in wal shm; do
		refused 2 "cannot write '$ACCTPLAN_DB-$part': it is the live database's -$part file" export -o "$ACCTPLAN_DB-$part"
		refused 2 "cannot write '$ACCTPLAN_DB-$part': it is the live database's -$part file" brief "$ACME" -o "$ACCTPLAN_DB-$part"
	done
	refused 2 "cannot write '$ACCTPLAN_DB': it is the live database itself" brief "$ACME" -o "$ACCTPLAN_DB"
	# Through a descriptor the shell opened on it: `>>` has not truncated it yet.
	"$AP" export -o /dev/stdout >>"$ACCTPLAN_DB" 2>"$T/err" && fail "export into the live database through >> was not refused"
	err_is "cannot write '/dev/stdout': it is the live database itself"
	release
	eq "$(cksum <"$ACCTPLAN_DB")" "$sum" "the database file"
	eq "$(sqlite3 "$ACCTPLAN_DB" 'PRAGMA integrity_check')" ok "integrity"
	no_temp_files "$T" test.db
}

test_what_cannot_be_written_is_said_in_words() {
	ap demo
	refused 2 "cannot write '$T': it is a folder" export -o "$T"
	refused 2 "cannot write '$T/missing/out.json': its folder does not exist" export -o "$T/missing/out.json"
	[ ! -e "$T/missing" ] || fail "the folder was created"
	mknod "$T/disk" b 7 0 || fail "cannot make a block device node to test with"
	refused 2 "cannot write '$T/disk': it is a block device" export -o "$T/disk"
	[ -b "$T/disk" ] || fail "the block device node was replaced"
	ln -s loop-b "$T/loop-a"
	ln -s loop-a "$T/loop-b"
	refused 2 "cannot write '$T/loop-a': too many levels of symbolic links" export -o "$T/loop-a"
	refused 2 "cannot write '/dev/fd/9': it names descriptor 9, which is closed" export -o /dev/fd/9
	refused 2 "cannot write '/dev/stdin': it names standard input, which is open for reading only" export -o /dev/stdin
}

# interrupt SIG: an export into out.json is stopped (SIGSTOP) at a moment
# its temporary file exists, checked to still be there, sent SIG and let
# go; prints how it ended (negative: the signal that ended it). The store
# is large enough that the export takes a while; a run that finishes before
# it is caught is tried again.
interrupt() {
	python3 - "$1" "$AP" "$T" <<-'EOF'
	import glob, os, signal, subprocess, sys, time
	sig, ap, t = getattr(signal, "SIG" + sys.argv[1]), sys.argv[2], sys.argv[3]
	def child():
	    # As in a foreground job, whatever the test runner's own dispositions.
	    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE):
	        signal.signal(s, signal.SIG_DFL)
	def state(pid):
	    with open("/proc/%d/stat" % pid) as f:
	        return f.read().rsplit(") ", 1)[1][0]
	for attempt in range(10):
	    p = subprocess.Popen([ap, "export", "-o", t + "/out.json"], preexec_fn=child)
	    caught = False
	    while p.poll() is None:
	        if glob.glob(t + "/out.json.*"):
	            os.kill(p.pid, signal.SIGSTOP)
	            while state(p.pid) not in "TtZ":
	                time.sleep(0.001)
	            caught = state(p.pid) in "Tt" and bool(glob.glob(t + "/out.json.*"))
	            if caught:
	                os.kill(p.pid, sig)
	            os.kill(p.pid, signal.SIGCONT)
	            break
	    rc = p.wait()
	    if caught:
	        print(rc)
	        sys.exit(0)
	    with open(t + "/out.json", "w") as f:
	        f.write("previous\n")
	print("the export was never caught with its temporary file")
	sys.exit(1)
	EOF
}

big_store() {
	ACCTPLAN_ASSETS="$TOP/assets" "$BUILD/tools/gen_portfolio" -n 500 -o "$T/big.json" || fail "gen_portfolio failed"
	ap import "$T/big.json"
	echo previous >"$T/out.json"
}

test_sigterm_during_an_export_leaves_no_temporary_file() {
	big_store
	got=$(interrupt TERM) || fail "$got"
	eq "$got" "-15" "how the export ended (killed by SIGTERM)"
	no_temp_files "$T" out.json
	eq "$(cat "$T/out.json")" "previous" "the file the export was to replace"
}

test_sigint_during_an_export_leaves_no_temporary_file() {
	big_store
	got=$(interrupt INT) || fail "$got"
	eq "$got" "-2" "how the export ended (killed by SIGINT)"
	no_temp_files "$T" out.json
	eq "$(cat "$T/out.json")" "previous" "the file the export was to replace"
}

test_sighup_during_an_export_leaves_no_temporary_file() {
	big_store
	got=$(interrupt HUP) || fail "$got"
	eq "$got" "-1" "how the export ended (killed by SIGHUP)"
	no_temp_files "$T" out.json
}

# The file size limit is met half-way, always at the same byte: SIGXFSZ
# arrives with the temporary file open, every run.
test_a_file_size_limit_met_mid_export_leaves_no_temporary_file() {
	sqlite_only
	ap demo
	echo previous >"$T/out.json"
	(ulimit -c 0; ulimit -f 16; exec "$AP" export -o "$T/out.json") 2>"$T/err"
	eq "$?" "$((128 + 25))" "exit status (killed by SIGXFSZ)"
	no_temp_files "$T" out.json
	eq "$(cat "$T/out.json")" "previous" "the file the export was to replace"
	(ulimit -c 0; ulimit -f 16; exec "$AP" backup --force "$T/copy.db") 2>"$T/err"
	eq "$?" "$((128 + 25))" "exit status of the backup (killed by SIGXFSZ)"
	no_temp_files "$T" copy.db
	[ ! -e "$T/copy.db" ] || fail "a half backup was left"
}

test_backup_goes_through_the_same_rules() {
	sqlite_only
	ap demo
	mkdir "$T/real"
	# A link to a file not there yet replaces nothing: no --force needed.
	ln -s real/copy.db "$T/link.db"
	ap backup "$T/link.db"
	[ -L "$T/link.db" ] || fail "the link was replaced by the backup"
	eq "$(mode "$T/real/copy.db")" "-rw-------" "mode of the backup"
	ap --db "$T/real/copy.db" account list
	contains "$T/out" "$ACME"
	refused 2 "backup '$T/link.db' already exists; nothing was written (--force replaces it)" backup "$T/link.db"
	mkfifo "$T/pipe"
	refused 2 "cannot write backup '$T/pipe': it is a FIFO (named pipe), not a file" backup --force "$T/pipe"
	refused 2 "cannot write backup '/dev/stdout': it names standard output, not a file" backup --force /dev/stdout
	no_temp_files "$T/real" copy.db
}

run_suite
