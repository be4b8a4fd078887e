#!/bin/sh
# The canvas view in a real terminal: the nine blocks laid out as the canvas
# is drawn on a wide screen and as a list at 80 columns, editing a block's
# answer and where our product sits, and a resize between the two.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

# Acme sorts first and is selected when the workbench opens.
fixture() {
	ap account add Acme --industry Media --segment key
	ap answer Acme canvas_value "Films that start at once, on any screen, for one monthly fee" \
		--source meeting --confidence high --by Dana --date 2026-11-01
	ap answer Acme canvas_value_ours "Our edge cache is why they start at once" --date 2026-11-02
	ap answer Acme canvas_partners "Studios licensing catalogues, two CDNs" --date 2026-10-15
}

# open_canvas SIZE: the workbench on the fixture at SIZE, showing Acme's canvas.
open_canvas() {
	fixture
	tui_start -s "$1"
	wait_for "Acme  (key, Media)"
	tui_keys B
	wait_for "Business model canvas · Acme  (2 of 9 blocks answered)"
}

test_canvas_at_200_columns_is_drawn_as_the_canvas() {
	open_canvas 200x50
	# The top row, left to right, then the bottom row.
	line=$(screen_line "Key partners")
	case $line in *"Key partners"*"Key activities"*"Value propositions"*"Customer relationships"*"Customer segments"*) ;;
		*) fail "the top row is not the canvas's: $line" ;; esac
	line=$(screen_line "Cost structure")
	case $line in *"Cost structure"*"Revenue streams"*) ;; *) fail "the bottom row: $line" ;; esac
	# Key resources under key activities, channels under relationships.
	tui_screen >/dev/null
	act=$(grep -n "Key activities" "$T/screen" | head -1 | cut -d: -f1)
	res=$(grep -n "Key resources" "$T/screen" | head -1 | cut -d: -f1)
	[ "$res" -gt "$act" ] || fail "key resources ($res) is not below key activities ($act)"
	# Each block's answer, evidence and ours, wrapped in its box.
	contains "$T/screen" "│ Films that start at once, on any     │"
	contains "$T/screen" "│ meeting, high confidence,            │"
	contains "$T/screen" "│ 2026-11-01 by Dana                   │"
	contains "$T/screen" "│ ours: Our edge cache is why they     │"
	contains "$T/screen" "ours: not said yet (e)"
	contains "$T/screen" "info canvas_gap"
	tui_keys q
	wait_gone "Business model canvas"
}

test_canvas_at_80_columns_lists_the_blocks_and_shows_the_selected_one() {
	open_canvas 80x24
	tui_screen >/dev/null
	for label in "Key partners" "Key activities" "Key resources" "Value propositions" "Customer relationships" \
		"Channels" "Customer segments" "Cost structure" "Revenue streams"; do
		contains "$T/screen" "$label"
	done
	# The first block is selected: its question and answer below the list.
	contains "$T/screen" "Which partners and suppliers does the customer"
	contains "$T/screen" "Studios licensing catalogues, two CDNs"
	# l moves right on the canvas: from key partners to key activities.
	tui_keys l
	wait_for "What must the customer do well"
	wait_for "not answered: What must the customer do well"
	# No line runs past the screen's 80 columns.
	tui_screen >/dev/null
	python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' \
		"$T/screen" || fail "a line is wider than 80 columns"
}

test_enter_edits_a_block_and_e_says_where_we_sit() {
	open_canvas 80x24
	tui_keys j j j j j
	wait_for "Through which channels does the customer reach"
	tui_keys Enter
	tui_type "Own app, resellers, telcos bundling it"
	tui_keys Enter
	wait_for "Source of this answer"
	tui_keys Enter
	wait_for "Confidence"
	tui_keys Enter
	wait_for "3 of 9 blocks answered"
	# Where our product sits in this block, e.
	tui_keys e
	tui_type "The telco bundle runs on our licence server"
	tui_keys Enter
	wait_for "Source of this answer"
	tui_keys Enter
	wait_for "Confidence"
	tui_keys Enter
	wait_for "ours: The telco bundle runs on our licence server"
	tui_keys q q
	wait_exit
	ap history Acme canvas_channels --format csv
	contains "$T/out" "Own app, resellers, telcos bundling it"
	ap history Acme canvas_channels_ours --format csv
	contains "$T/out" "The telco bundle runs on our licence server"
}

test_a_blank_block_answer_is_refused_and_nothing_written() {
	open_canvas 80x24
	tui_keys j j j j j
	wait_for "Through which channels does the customer reach"
	tui_keys Enter
	tui_type "   "
	tui_keys Enter
	wait_for "empty"
	tui_keys q q
	wait_exit
	expect_rc 0 "$AP" history Acme canvas_channels --format csv
	lacks "$T/out" "canvas_channels,"
}

test_the_canvas_follows_a_resize() {
	open_canvas 200x50
	line=$(screen_line "Key partners")
	case $line in *"Key activities"*) ;; *) fail "not the grid at 200 columns: $line" ;; esac
	tui_resize 80 24
	wait_for "Which partners and suppliers does the customer"
	tui_resize 200 50
	wait_gone "Which partners and suppliers does the customer"
	line=$(screen_line "Key partners")
	case $line in *"Key activities"*) ;; *) fail "not the grid again: $line" ;; esac
}

run_suite
