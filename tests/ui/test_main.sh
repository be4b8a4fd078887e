#!/bin/sh
# The main screen in a real terminal: panes, navigation, resizing, wide
# characters, colours. Each test checks the screen and, through the CLI, the store.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

# Two accounts; Acme Tools sorts first and has nothing answered.
fixture() {
	ap account add "Nordwind Logistik" --industry Logistics --segment key
	ap account add "Acme Tools" --industry Manufacturing --segment growth
	ap answer "Nordwind Logistik" business "Freight across the Baltic" --source conversation --confidence high
	ap contact add "Nordwind Logistik" "Jana Berg" --title CEO --role decision-maker --tier executive
}

test_start_on_the_demo_portfolio_shows_three_panes() {
	ap demo
	first=$("$AP" account list --format csv | sed -n 2p | cut -d, -f1)
	tui_start
	tui_screen >/dev/null
	contains "$T/screen" "Accounts  10"
	contains "$T/screen" "Sales "
	contains "$T/screen" "Product "
	contains "$T/screen" "Executive "
	line=$(sed -n 1p "$T/screen")
	case $line in *"$first"*) ;; *) fail "title should name the first account '$first': $line" ;; esac
	# The three panes stand side by side: one row holds all three headers.
	grep -q "Sales .*Product .*Executive " "$T/screen" || fail "panes not side by side: $(cat "$T/screen")"
	# The store was only read.
	eq "$("$AP" account list --format csv | wc -l)" 11 "accounts in the store"
}

test_home_tier_pane_has_focus_at_start() {
	fixture
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[user]\ntier = executive\n' >"$XDG_CONFIG_HOME/acctplan/config.ini"
	tui_start
	# Enter edits the focused pane's first question: the executive one.
	tui_keys Enter
	wait_for "End customers:"
	tui_keys Escape
	wait_gone "End customers:"
	ap history "Acme Tools" end_customers
	contains "$T/out" "not answered yet"
}

test_navigate_accounts_and_panes() {
	fixture
	tui_start
	wait_for "Acme Tools  (growth, Manufacturing)"
	tui_keys h j
	wait_for "Nordwind Logistik  (key, Logistics)"
	# Into the product pane, second question: its question text is in the detail area.
	tui_keys Tab Tab j
	text=$("$AP" questions --tier product --format json | python3 -c 'import json, sys; print(json.load(sys.stdin)[1]["text"])')
	wait_for "$(printf '%s' "$text" | cut -c1-40)"
	# Back up the list to the first account.
	tui_keys h h g
	wait_for "Acme Tools  (growth, Manufacturing)"
	tui_keys q
	wait_exit
	eq "$(cat "$T/tui.rc")" 0 "exit status"
}

test_resize_to_60x20_uses_tabs_and_back_to_side_by_side() {
	fixture
	tui_start
	wait_for "Executive "
	tui_resize 60 20
	wait_for "1 Sales   2 Product   3 Executive"
	tui_keys 3
	wait_for "End customers"
	tui_screen >/dev/null
	lacks "$T/screen" "Competitors"
	eq "$(wc -l <"$T/screen")" 20 "rows"
	tui_resize 120 40
	wait_gone "1 Sales   2 Product"
	grep -q "Sales .*Product .*Executive " "$T/screen" || fail "panes not side by side again: $(cat "$T/screen")"
}

test_too_small_terminal_says_so_and_recovers() {
	fixture
	tui_start
	tui_resize 30 8
	wait_for "terminal too small"
	tui_keys j j
	tui_resize 100 30
	wait_gone "terminal too small"
	wait_for "Acme Tools"
}

test_wide_character_account_name_keeps_columns_aligned() {
	ap account add "東京精密 Tokyo Seimitsu" --segment strategic
	ap account add "Zürich Ölwerke" --segment key
	ap account add "Acme Tools" --segment growth
	tui_start
	wait_for "Zürich Ölwerke"
	# The separator after the account list stands in the same column on every row.
	tui_screen >/dev/null
	cols=$(grep -E "Acme Tools|東京精密|Zürich" "$T/screen" | while IFS= read -r l; do
		printf '%s' "$l" | python3 -c 'import sys, unicodedata
s = sys.stdin.read()
col = 0
for ch in s:
    if ch in "\u2502x" and col > 10:
        print(col); break
    col += 2 if unicodedata.east_asian_width(ch) in "WF" else 1'
	done | sort -u | wc -l)
	eq "$cols" 1 "columns of the pane separator"
	contains "$T/screen" "東京精密"
}

test_no_color_draws_with_attributes_only() {
	fixture
	NO_COLOR=1
	export NO_COLOR
	tui_start
	wait_for "Acme Tools"
	tui_screen_esc
	# No foreground or background colour is set, but reverse video marks the selection.
	! grep -qE '\[(3[0-7]|4[0-7]|38;|48;)' "$T/screen.esc" || fail "colours drawn under NO_COLOR: $(grep -oE '\[[0-9;]*m' "$T/screen.esc" | sort -u | tr '\n' ' ')"
	grep -q '\[7m\|;7m\|\[0;7m' "$T/screen.esc" || fail "no reverse video under NO_COLOR"
	unset NO_COLOR
}

test_colours_are_used_without_no_color() {
	fixture
	tui_start
	wait_for "Acme Tools"
	tui_screen_esc
	grep -qE '\[(3[0-7]|4[0-7])' "$T/screen.esc" || fail "no colours drawn"
}

test_help_overlay_lists_the_keys_in_force() {
	fixture
	tui_start
	tui_keys '?'
	wait_for "Keys  (q or Esc closes)"
	contains "$T/screen" "take-on"
	# The views come last: at the end of the list.
	tui_keys G
	wait_for "view-orgmap"
	wait_for "Org map: contacts by reports-to"
	tui_keys Escape
	wait_gone "Keys  (q or Esc closes)"
}

test_mouse_click_selects_an_account() {
	fixture
	tui_start
	wait_for "Acme Tools  (growth"
	# A mouse press (X10 encoding, as tmux's terminal reports it) on the second
	# account row: button 0 at column 3, row 4, each plus 32.
	tui_keys -l "$(printf '\033[M #$')"
	wait_for "Nordwind Logistik  (key, Logistics)"
}

run_suite
