#!/bin/sh
# Editing in the workbench: answers inline, through the picker and in
# $EDITOR, notes, history; cancelling; a locked database. Each test checks
# the screen and, through the CLI, what the store holds.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

fixture() {
	ap account add "Acme Tools" --industry Manufacturing --segment growth
	ap account add "Nordwind Logistik" --industry Logistics --segment key
}

# flag_message ACCOUNT RULE [QUESTION]: the message of that open flag, "" when none.
flag_message() {
	"$AP" check "$1" --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
for f in d["flags"]:
    if f["rule"] == sys.argv[1] and (len(sys.argv) < 3 or f["question"] == sys.argv[2]):
        print(f["message"]); break' "$2" ${3:+"$3"}
}

# The detail area shows at most one screen line of a message: its start.
msg_start() { printf '%s' "$1" | cut -c1-40; }

test_edit_text_answer_inline_and_its_flag_disappears() {
	fixture
	msg=$(flag_message "Acme Tools" sales_unanswered business)
	[ -n "$msg" ] || fail "fixture: no unanswered flag on business"
	tui_start
	wait_for "$(msg_start "$msg")"
	tui_keys Enter
	wait_for "Their business:"
	tui_type "Machine tools for car makers"
	tui_keys Enter
	wait_for "Source of this answer"
	tui_keys Enter
	wait_for "Confidence"
	tui_keys j Enter
	wait_for "saved: answer to 'Their business'"
	wait_gone "$(msg_start "$msg")"
	contains "$T/screen" "+ Their business"
	eq "$(flag_message "Acme Tools" sales_unanswered business)" "" "flag after the edit"
	ap history "Acme Tools" business --format csv
	contains "$T/out" "Machine tools for car makers,conversation,high,tester"
}

test_edit_choice_answer_with_the_picker_and_its_flag_disappears() {
	fixture
	ap answer "Acme Tools" growth shrinking --source meeting --confidence high
	msg=$(flag_message "Acme Tools" growth_shrinking)
	[ -n "$msg" ] || fail "fixture: no growth_shrinking flag"
	tui_start
	tui_keys j
	wait_for "$(msg_start "$msg")"
	tui_keys Enter
	wait_for "stable"
	tui_keys g Enter
	# Source and confidence start at the current answer's: meeting, high.
	wait_for "Source of this answer"
	tui_keys Enter Enter
	wait_for "saved: answer to 'Growth'"
	wait_gone "$(msg_start "$msg")"
	eq "$(flag_message "Acme Tools" growth_shrinking)" "" "flag after the edit"
	ap history "Acme Tools" growth --format csv
	eq "$(sed -n 2p "$T/out" | cut -d, -f2-4)" "growing,meeting,high" "current answer"
}

test_cancelled_edits_write_nothing() {
	fixture
	before=$(dump)
	tui_start
	tui_keys Enter
	wait_for "Their business:"
	tui_type "half a thought"
	tui_keys Escape
	wait_gone "Their business:"
	# Cancelled at the source question: still nothing.
	tui_keys Enter
	wait_for "Their business:"
	tui_type "another thought"
	tui_keys Enter
	wait_for "Source of this answer"
	tui_keys Escape
	wait_for "cancelled; nothing saved"
	eq "$(dump)" "$before" "store content"
}

test_inline_editor_handles_utf8_and_cursor_keys() {
	fixture
	tui_start
	tui_keys Enter
	wait_for "Their business:"
	tui_type "Grüße 東京x"
	# Drop the x, step over 京 and delete 東; then insert at the start.
	tui_keys BSpace Left BSpace Home
	tui_type ">"
	tui_keys End
	tui_type "!"
	wait_for ">Grüße 京!"
	tui_keys Enter Enter Enter
	wait_for "saved: answer"
	ap history "Acme Tools" business --format csv
	contains "$T/out" ">Grüße 京!"
}

test_quick_note_with_n_goes_to_the_home_tier() {
	fixture
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[user]\ntier = product\nname = Dana Reyes\n' >"$XDG_CONFIG_HOME/acctplan/config.ini"
	tui_start
	tui_keys n
	wait_for "Note on Acme Tools (product):"
	tui_type "Met their CTO; they are evaluating two other suppliers"
	tui_keys Enter
	wait_for "saved: note on Acme Tools"
	ap note list "Acme Tools" --format csv
	contains "$T/out" "product,Dana Reyes"
	contains "$T/out" "Met their CTO; they are evaluating two other suppliers"
}

test_history_restores_an_earlier_answer() {
	fixture
	ap answer "Acme Tools" business "First understanding" --date 2026-01-10
	ap answer "Acme Tools" business "A later, wrong idea" --date 2026-06-01
	tui_start
	tui_keys H
	wait_for "History of 'Their business' for Acme Tools  (2 versions)"
	tui_keys j Enter
	wait_for "make the answer of 2026-01-10 ('First understanding') the current one again?"
	tui_keys y
	wait_for "(3 versions)"
	ap history "Acme Tools" business --format csv
	eq "$(sed -n 2p "$T/out" | cut -d, -f1-2)" "2026-11-23,First understanding" "current answer"
}

test_editor_edits_a_long_answer_and_unchanged_writes_nothing() {
	fixture
	cat >"$T/editor.sh" <<-'EOF'
		#!/bin/sh
		# A scripted editor: append a second paragraph to the file.
		printf '\nThey resell through dealers in five countries.\n' >>"$1"
	EOF
	chmod +x "$T/editor.sh"
	ap answer "Acme Tools" our_role "Our spindles go into their lathes"
	VISUAL="$T/editor.sh"
	export VISUAL
	tui_start
	tui_keys j j j E
	wait_for "Source of this answer"
	tui_keys Enter Enter
	wait_for "saved: answer to 'Our role'"
	wait_for "They resell through dealers"
	ap history "Acme Tools" our_role --format json
	python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))[0]["value"]
assert v == "Our spindles go into their lathes\n\nThey resell through dealers in five countries.", repr(v)' "$T/out" ||
		fail "edited answer: $(cat "$T/out")"
	tui_stop
	# An editor that leaves the file as it was: nothing is written.
	before=$(dump)
	VISUAL=true
	tui_start
	tui_keys j j j E
	wait_for "unchanged or empty: nothing saved"
	eq "$(dump)" "$before" "store content"
	tui_stop
	# An editor that empties the file: nothing is written either.
	printf '#!/bin/sh\n: >"$1"\n' >"$T/empty.sh"
	chmod +x "$T/empty.sh"
	VISUAL="$T/empty.sh"
	tui_start
	tui_keys j j j E
	wait_for "unchanged or empty: nothing saved"
	eq "$(dump)" "$before" "store content"
}

test_locked_database_keeps_the_edit_for_retry() {
	fixture
	tui_start
	if on_pg; then
		hold_open "BEGIN; LOCK TABLE note IN EXCLUSIVE MODE;"
	else
		hold_open "BEGIN EXCLUSIVE;"
	fi
	tui_keys n
	wait_for "Note on Acme Tools"
	tui_type "Written while another process held the database"
	tui_keys Enter
	wait_for "not saved:"
	if on_pg; then contains "$T/screen" "busy"; else contains "$T/screen" "locked"; fi
	ap note list "Acme Tools"
	lacks "$T/out" "Written while another process"
	release
	tui_keys R
	wait_for "saved: note on Acme Tools"
	ap note list "Acme Tools"
	contains "$T/out" "Written while another process held the database"
}

run_suite
