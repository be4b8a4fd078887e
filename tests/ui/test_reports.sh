#!/bin/sh
# The brief and portfolio views in a real terminal: what they show, writing a
# brief to a file, and jumping from the coverage heat map to an account.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

# Acme sorts first and is selected when the workbench opens.
fixture() {
	ap account add Acme --industry Media --segment key
	ap account add Borealis --industry Logistics --segment strategic
	ap contact add Acme "Jane Roe" --title CEO --role decision-maker --tier executive
	ap answer Acme business "They stream films and series across Europe." --date 2026-11-01
	ap answer Acme alignment aligned --date 2026-10-01
	ap answer Acme demand_outlook rising --date 2026-10-01
	ap answer Borealis alignment diverging
	ap answer Borealis end_industry "Parcel volumes keep growing" --source conversation
	ap endcustomer add Acme Netflux --industry "Streaming media" --trend growing --ask "lower latency"
	ap endcustomer add Borealis ShopCo --industry Retail --trend shrinking
	ap meeting add Acme --tier product --date 2026-11-01 --kind strategic --news bad --shared no "Codec roadmap slips"
	ap meeting add Borealis --tier executive --date 2026-11-13 --kind strategic "Network plan"
	ap driver add Acme "Monthly video streams" --value 1.2e9 --unit streams --growth 15 \
		--factor 0.5 --factor-unit "GB per stream" --share 30 --product-unit GB
}

# open_brief: the workbench on the fixture, showing Acme's sales brief.
open_brief() {
	fixture
	tui_start
	wait_for "Acme  (key, Media)"
	tui_keys b
	wait_for "Brief for the sales meeting with Acme"
}

# write_brief PATH: w, replace the suggested file name with PATH, Enter.
write_brief() {
	tui_keys w
	wait_for "Acme-sales-brief.md"
	tui_keys C-u
	tui_type "$1"
	tui_keys Enter
}

test_brief_view_shows_the_brief_of_the_selected_account() {
	open_brief
	contains "$T/screen" "At a glance"
	contains "$T/screen" "Roadmap alignment  aligned"
	contains "$T/screen" "decision-maker  Jane Roe"
	# The rest is below: page down to the demand chain.
	tui_keys G
	wait_for "x our share 30% = our demand 180 million GB now"
	# 3: the brief for the executive meeting instead.
	tui_keys 3
	wait_for "Brief for the executive meeting with Acme"
	tui_keys g
	wait_for "Prepared 2026-11-23 for the executive tier."
	tui_keys NPage
	wait_for "Executive has answered 2 of its 7 questions."
	tui_keys q
	wait_gone "Brief for the"
	tui_keys q
	wait_exit
}

test_brief_view_follows_the_selected_account() {
	fixture
	tui_start
	wait_for "Acme  (key, Media)"
	tui_keys h j
	wait_for "Borealis  (strategic, Logistics)"
	tui_keys b
	wait_for "Brief for the sales meeting with Borealis"
	# The title can be on screen a moment before the body (a slow server).
	wait_for "Roadmap alignment  diverging"
}

test_brief_view_writes_the_brief_to_a_file() {
	open_brief
	write_brief "$T/acme.md"
	wait_for "wrote the sales brief of Acme to $T/acme.md"
	ap brief Acme --tier sales --format md
	cmp -s "$T/acme.md" "$T/out" || fail "the written brief differs from 'acctplan brief --format md': $(diff "$T/out" "$T/acme.md" | head -20)"
	# Any other name gets the 80-column text.
	write_brief "$T/acme.txt"
	wait_for "wrote the sales brief of Acme to $T/acme.txt"
	ap brief Acme --tier sales
	cmp -s "$T/acme.txt" "$T/out" || fail "the text brief differs from 'acctplan brief'"
}

test_writing_a_brief_where_it_cannot_go_says_why() {
	open_brief
	write_brief "$T/no/such/dir/acme.md"
	wait_for "cannot write '$T/no/such/dir/acme.md'"
	[ ! -e "$T/no" ] || fail "a folder was created"
}

test_brief_view_needs_an_account() {
	ap init
	tui_start
	tui_keys b
	wait_for "select an account first"
}

test_portfolio_view_draws_charts_and_the_heat_map() {
	fixture
	tui_start
	wait_for "Acme  (key, Media)"
	tui_keys P
	wait_for "Portfolio synthesis, 2026-11-23: 2 accounts"
	screen_line '^ aligned +#+ +1 ' >/dev/null || fail "no alignment bar: $(cat "$T/screen")"
	screen_line 'diverging +#+ +1 ' >/dev/null || fail "no diverging bar"
	contains "$T/screen" "By demand (180 million GB now):  rising 100%"
	screen_line 'Retail +-+ +1 acct, 1 heard from customers' >/dev/null || fail "no Retail industry: $(cat "$T/screen")"
	screen_line 'Streaming media +\++ +1 acct, 0 heard from customers' >/dev/null || fail "no Streaming media"
	# The heat map says what its cells are.
	contains "$T/screen" "Coverage per tier: % answered, % fresh, days since last met"
	# Acme: sales 1 of 5 answered (20%, fresh), product met 22 days ago; executive 2 of 7.
	screen_line '^ Acme +20% +20% +never +0% +0% +22d +29% +29% +never' >/dev/null ||
		fail "Acme's coverage row: $(grep Acme "$T/screen")"
	screen_line '^ Borealis +0% +0% +never +0% +0% +never +29% +29% +10d' >/dev/null ||
		fail "Borealis's coverage row: $(grep Borealis "$T/screen")"
	# Coloured by completeness: Acme's sales cell is poor (white on red).
	tui_screen_esc
	grep -q '41m' "$T/screen.esc" || fail "no red heat cell"
}

test_heat_map_enter_jumps_to_the_account_at_the_tier() {
	fixture
	tui_start
	wait_for "Acme  (key, Media)"
	tui_keys P
	wait_for "Portfolio synthesis"
	# Second row, third column: Borealis at the executive tier.
	tui_keys j l l
	wait_for "(Enter: Borealis at executive)"
	tui_keys Enter
	wait_for "Borealis  (strategic, Logistics)"
	wait_gone "Portfolio synthesis"
	# The executive pane has focus: Enter edits its first question.
	tui_keys Enter
	wait_for "End customers:"
	tui_keys Escape
}

test_portfolio_view_fits_a_small_terminal() {
	fixture
	tui_start -s 80x24
	wait_for "Acme  (key, Media)"
	tui_keys P
	wait_for "Portfolio synthesis"
	tui_screen >/dev/null
	contains "$T/screen" "Roadmap alignment"
	screen_line "^ Account +Sales +Product +Executive" >/dev/null || fail "no heat map heading: $(cat "$T/screen")"
	contains "$T/screen" "Borealis"
	python3 -c 'import sys; assert all(len(l.rstrip("\n")) <= 80 for l in open(sys.argv[1], encoding="utf-8"))' \
		"$T/screen" || fail "a line is wider than the terminal"
	tui_resize 100 40
	wait_for "End-customer industries, all 2, largest first"
}

# industry_rows: how many rows the industries chart draws (between its heading and the heat map's).
industry_rows() {
	tui_screen >/dev/null
	awk '/End-customer industries,/ { on = 1; next } /Coverage per tier|^ Account / { on = 0 } on' "$T/screen" | wc -l
}

test_portfolio_view_industry_count_is_the_rows_it_draws() {
	ap account add Acme
	ap account add Borealis
	for i in 01 02 03 04 05 06 07 08 09 10 11 12 13; do
		ap endcustomer add Acme "Customer $i" --industry "Industry $i" --trend growing
	done
	ap endcustomer add Borealis Other --industry "Industry 07" --trend flat
	tui_start -s 120x40
	wait_for "Acme"
	tui_keys P
	# Two accounts leave the heat map most of the screen to spare: every industry shows.
	wait_for "End-customer industries, all 13, largest first"
	eq "$(industry_rows)" 13 "industry rows drawn"
	screen_line '^ Industry 07 +\++=+ +2 accts' >/dev/null || fail "largest first: $(cat "$T/screen")"
	# Too short for all: the heading counts exactly the rows below it.
	tui_resize 120 24
	wait_for "of 13, largest first"
	n=$(sed -n 's/.*End-customer industries, \([0-9]*\) of 13.*/\1/p' "$T/screen")
	eq "$(industry_rows)" "$n" "industry rows drawn under 'N of 13'"
}

test_portfolio_view_names_accounts_whose_demand_cannot_be_weighed() {
	fixture
	ap answer Borealis demand_outlook falling
	ap driver add Borealis Parcels --value 1e6 --factor 10 --share 2 --product-unit GB
	tui_start
	wait_for "Acme  (key, Media)"
	tui_keys P
	wait_for "Portfolio synthesis"
	contains "$T/screen" "By demand (180 million GB now):  rising 100%  steady 0%  falling 0%  not answered 0%"
	# Borealis's chain lacks its growth: not a silent 0 % falling, but named on the next row.
	screen_line '^ Weight unknown: Borealis \(falling; growth not given\)$' >/dev/null ||
		fail "no unknown weight row: $(cat "$T/screen")"
}

# Orders: Acme 1,000 + 500 EUR of this year's quarters, Borealis 3,000 EUR
# (at risk: its roadmap diverges and its end customers shrink).
revenue_fixture() {
	fixture
	ap order add Acme --period 2026-Q1 --amount 1000 --currency EUR
	ap order add Acme --period 2026-Q3 --amount 500 --currency EUR
	ap order add Borealis --period 2026-06 --amount 3000 --currency EUR
	ap order add Borealis --period 2024-01 --amount 99999 --currency EUR   # outside the window
}

test_portfolio_revenue_bars_mark_the_accounts_at_risk_and_jump_to_them() {
	revenue_fixture
	tui_start
	wait_for "Acme  (key, Media)"
	tui_keys P
	wait_for "Portfolio synthesis"
	# Outlook weighted by revenue: Acme (rising) 1,500 of 4,500; Borealis not answered.
	contains "$T/screen" "By revenue (4,500.00 EUR, 2025-12 to 2026-11):  rising 33%  steady 0%  falling 0%  not answered 67%"
	tui_keys '$'
	wait_for "Revenue 2025-12 to 2026-11, largest first. At risk: 3,000.00 EUR (67%) at 1 account"
	# Largest first, the bar to scale: Borealis's full, Acme's half of it.
	screen_line '^ Borealis +#{17} +3,000.00 EUR +67% roadmap diverges, end customers shrinking' \
		>/dev/null || fail "Borealis's revenue row: $(cat "$T/screen")"
	screen_line '^ Acme +#{9} +1,500.00 EUR +33%$' >/dev/null || fail "Acme's revenue row: $(grep Acme "$T/screen")"
	# The selection stays on Acme (the account open before), now the second row.
	wait_for "(Enter: Acme at sales)"
	tui_keys k
	wait_for "(Enter: Borealis at sales)"
	tui_keys Enter
	wait_for "Borealis  (strategic, Logistics)"
	wait_gone "Portfolio synthesis"
	# The portfolio opens on the heat map again; the key swaps the lists.
	tui_keys P
	wait_for "Coverage per tier"
	tui_keys '$'
	wait_for "Revenue 2025-12 to 2026-11"
	tui_keys '$'
	wait_for "Coverage per tier"
}

test_portfolio_revenue_in_several_currencies_is_not_added_up_without_a_rate() {
	revenue_fixture
	ap order add Acme --period 2026-Q2 --amount 200 --currency USD
	tui_start -s 80x24
	wait_for "Acme  (key, Media)"
	tui_keys P '$'
	wait_for "Revenue 2025-12 to 2026-11"
	screen_line '^ Acme +several currencies, no rate' >/dev/null || fail "Acme's row: $(cat "$T/screen")"
	python3 -c 'import sys; assert all(len(l.rstrip("\n")) <= 80 for l in open(sys.argv[1], encoding="utf-8"))' \
		"$T/screen" || fail "a line is wider than the terminal"
	tui_stop
	# With a rate, the dollars are converted and Acme is one amount again.
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[money]\ncurrency = EUR\nrate.USD = 0.5\n' >>"$XDG_CONFIG_HOME/acctplan/config.ini"
	tui_start -s 120x40
	wait_for "Acme  (key, Media)"
	tui_keys P '$'
	wait_for "Revenue 2025-12 to 2026-11"
	screen_line '^ Acme +#+ +1,600.00 EUR +35%$' >/dev/null || fail "Acme converted: $(cat "$T/screen")"
}

run_suite
