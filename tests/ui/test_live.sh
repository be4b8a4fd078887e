#!/bin/sh
# Live reload: with the workbench open, another process's commit through the
# CLI shows within 2 seconds without a key press (the tests allow 3, for a
# loaded machine); the selection stays on the same account or record, and
# when the selected account is removed the list moves to a neighbour and the
# status line says why.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

# The workbench on the demo portfolio, the account list focused, NAME selected.
start_on() {
	ap demo
	tui_start
	wait_for "Accounts  10"
	tui_select_account "$1"
}

# The title bar names the selected account.
selected_is() {
	sed -n 1p "$T/screen" | grep -qF -- "$1" || fail "expected '$1' selected; the screen shows:
$(cat "$T/screen")"
}

# The server restarts under an open workbench: it connects again by itself,
# a note typed after it is saved, and others' changes show again.
test_a_server_restart_is_survived_without_losing_an_edit() {
	pg_only
	start_on "Nordvind Turbines"
	sh "$TOP/tests/pg.sh" restart "$(dirname "$ACCTPLAN_TEST_PG")" || fail "the server did not restart"
	tui_keys n
	wait_for "Note on Nordvind Turbines"
	tui_type "Written after the server restarted"
	tui_keys Enter
	# Saved at once when the idle poll noticed the restart first; else it
	# waits, with the reason, and R saves it.
	i=0
	while ! grep -q "saved: note on Nordvind" "$T/screen"; do
		[ $i -lt 40 ] || fail "the note was not saved: $(cat "$T/screen")"
		if grep -q "not saved:" "$T/screen"; then
			contains "$T/screen" "lost the connection"
			tui_keys R
		fi
		sleep 0.1
		tui_screen >/dev/null
		i=$((i + 1))
	done
	ap note list "Nordvind Turbines"
	contains "$T/out" "Written after the server restarted"
	"$AP" account add "Zeta Works" >/dev/null || fail "account add failed"
	wait_for -t 3 "Zeta Works"
}

test_account_added_elsewhere_shows_without_a_key() {
	ap demo
	tui_start
	wait_for "Accounts  10"
	"$AP" account add "Zeta Works" --industry Robotics >/dev/null || fail "account add failed"
	wait_for -t 3 "Zeta Works"
	wait_for -t 1 "Accounts  11"
}

test_selected_account_removed_elsewhere_moves_to_a_neighbour() {
	start_on "Parcelon Express"
	"$AP" account remove "Parcelon Express" --yes >/dev/null || fail "account remove failed"
	wait_gone -t 3 "Parcelon Express  (key"
	wait_for_text "'Parcelon Express' was removed by someone else; now on 'Payora'"
	lacks "$T/screen" "Parcelon Express "
	selected_is "Payora"
	contains "$T/screen" "Accounts  9"
	# The next key clears the message; the workbench goes on with Payora.
	tui_keys j
	wait_gone "was removed by someone else"
	wait_for "Pixel Thicket Games"
}

test_note_added_elsewhere_shows_in_the_open_notes_view() {
	start_on "Nordvind Turbines"
	tui_keys N
	wait_for "Notes on Nordvind Turbines"
	"$AP" note "Nordvind Turbines" "Blade plant visit moved to March" --tier sales >/dev/null || fail "note failed"
	wait_for -t 3 "Blade plant visit moved to March"
}

test_selection_stays_when_an_account_is_added_above_it() {
	start_on "Lakeshore Health Partners"
	"$AP" account add "Aardvark Labs" >/dev/null || fail "account add failed"
	wait_for -t 3 "Aardvark Labs"
	tui_screen >/dev/null
	selected_is "Lakeshore Health Partners"
	# The selection moved down a row with its account: j now selects the next one by name.
	tui_keys j
	wait_for "Nordvind Turbines  ("
}

test_selected_note_stays_selected_when_a_newer_one_arrives() {
	start_on "Nordvind Turbines"
	"$AP" note "Nordvind Turbines" "Older remark about towers" --date 2026-01-05 >/dev/null || fail "note failed"
	tui_keys N
	wait_for "Older remark about towers"
	tui_keys G
	sleep 0.2
	tui_screen >/dev/null
	# The detail area under the list shows the selected note in full.
	n=$(grep -c "Older remark about towers" "$T/screen")
	[ "$n" -ge 2 ] || fail "the older note should be selected: $(cat "$T/screen")"
	"$AP" note "Nordvind Turbines" "Newest remark" >/dev/null || fail "note failed"
	wait_for -t 3 "Newest remark"
	tui_screen >/dev/null
	n=$(grep -c "Older remark about towers" "$T/screen")
	[ "$n" -ge 2 ] || fail "the older note should still be selected: $(cat "$T/screen")"
}

# A backup taken from the CLI while the workbench is open and has just saved
# an edit, and while a third process holds a write transaction it has not
# committed yet: the backup holds exactly what the live store has committed.
test_backup_while_the_workbench_is_open_matches_the_live_store() {
	sqlite_only
	start_on "Payora"
	tui_keys n
	wait_for "Note"
	tui_type "Saved by the workbench before the backup"
	tui_keys Enter
	wait_for_text "saved"
	hold_open "BEGIN IMMEDIATE; INSERT INTO account(name, created) VALUES ('Uncommitted', '2026-01-01');"
	ap backup "$T/copy.db"
	"$AP" export >live.json || fail "export of the live store failed"
	release
	"$AP" --db "$T/copy.db" export >copy.json || fail "export of the backup failed"
	cmp -s live.json copy.json || fail "the backup differs from the live store: $(diff live.json copy.json | head -5)"
	contains copy.json "Saved by the workbench before the backup"
	lacks copy.json "Uncommitted"
	tui_keys Q
}

run_suite
