#!/bin/sh
# The driver view (C): the account's demand chains step by step, and a live
# what-if on the growth, a step's factor or the share: our demand before and
# after side by side, nothing written until W saves it as the driver's own
# numbers (checked as 'driver edit' checks them); z drops it. On the demo:
# Corvalis Semiconductor (the first account) has a three-step chain, #5:
# 14 million vehicles a year, +1 %/year, x 2 power modules, x 1,200 wafers,
# x 0.4 TB of test data, our share 60 %: 8,064 TB a year now. Streamwave
# Media has a one-step chain, #1: 410 million hours a month, +18 %/year,
# x 2,600 TB egress, our share 35 %: 373,100 TB a month now.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

# The workbench on the demo, in a terminal of SIZE (default 120x40), with
# the driver view of the account NAME open (default: the first, Corvalis).
open_drivers() {
	ap demo
	tui_start -s "${2:-120x40}"
	wait_for "Corvalis Semiconductor"
	[ -z "${1:-}" ] || tui_select_account "$1"
	tui_keys C
	wait_for "Demand chains of"
}

# row PATTERN: the screen row matching PATTERN (grep -E), else fail.
row() {
	screen_line "$1" >"$T/row" || fail "no row like '$1' on the screen: $(tui_screen)"
	cat "$T/row"
}

# try VALUE: Enter on the number selected, the line cleared, VALUE typed, Enter.
try() {
	tui_keys Enter
	wait_for "what if"
	tui_keys C-u
	tui_type "$1"
	tui_keys Enter
}

# The store's drivers of ACCOUNT as JSON, into $T/drivers.json.
drivers_json() { "$AP" driver list "$1" --format json >"$T/drivers.json" || fail "driver list failed"; }

test_the_view_shows_each_chain_step_by_step() {
	open_drivers
	row "#5 Electric vehicles built +now +in 2 years +in 5 years$" >/dev/null
	row "end use: 14 million vehicles per year +14 +14\.28 +14\.71$" >/dev/null
	row "growth: \+1%/year$" >/dev/null
	row "step 1: x 2 million power modules per million vehicles +28 +28\.56 +29\.43$" >/dev/null
	row "step 2: x 1,200 wafers per million power modules +33,600 +34,275 +35,314$" >/dev/null
	row "step 3: x 0\.4 TB of test data per wafer +13,440 +13,710 +14,126$" >/dev/null
	row "our share: 60%$" >/dev/null
	row "our demand, TB of test data per year +8,064 +8,226 +8,475$" >/dev/null
	row "^ +orders: \+2 %/yr over 7 quarters \(2024-Q4 to 2026-Q3, EUR\)$" >/dev/null
	contains "$T/screen" "(1 driver)"
	# The status line offers the what-if's keys.
	contains "$T/screen" "Enter what if"
	contains "$T/screen" "W save what-if"
	contains "$T/screen" "z reset what-if"
}

# The growth, then a step's factor: the chain and our demand with both,
# before and after side by side; the store keeps its numbers.
test_a_what_if_shows_before_and_after_and_writes_nothing() {
	open_drivers
	drivers_json Corvalis
	cp "$T/drivers.json" "$T/before.json"
	# The selection starts on the growth.
	try 5
	wait_for "what if (not saved):"
	row "growth: \+5%/year  \(was \+1%\)$" >/dev/null
	row "end use: 14 million vehicles per year +14 +15\.44 +17\.87$" >/dev/null
	row "our demand now +8,064 +8,064 +none$" >/dev/null
	row "in 2 years +8,226 +8,891 +\+664\.5 \(\+8\.08%\)$" >/dev/null
	row "in 5 years +8,475 +10,292 +\+1,817 \(\+21\.4%\)$" >/dev/null
	contains "$T/screen" "what if: our demand in 5 years 10,292, was 8,475: +1,817 (+21.4%); not saved"
	# Step 2's factor 1,200 -> 1,500 on top: 14 x 2 x 1,500 x 0.4 x 60 % =
	# 10,080 now, x 1.05^2 = 11,113 in 2 years, x 1.05^5 = 12,865 in 5.
	# The after column follows the typing, before Enter.
	tui_keys j j Enter
	wait_for "what if step 2's factor were"
	tui_keys C-u
	tui_type 1500
	wait_for "step 2: x 1,500  (was 1,200) wafers per million power modules"
	tui_keys Enter
	wait_for "our demand in 5 years 12,865"
	row "step 2: x 1,500  \(was 1,200\) wafers per million power modules +42,000 +46,305 +53,604$" >/dev/null
	row "our demand now +8,064 +10,080 +\+2,016 \(\+25%\)$" >/dev/null
	row "in 2 years +8,226 +11,113 +\+2,887 \(\+35\.1%\)$" >/dev/null
	row "in 5 years +8,475 +12,865 +\+4,390 \(\+51\.8%\)$" >/dev/null
	# Nothing was written.
	drivers_json Corvalis
	cmp -s "$T/drivers.json" "$T/before.json" || fail "the store changed: $(cat "$T/drivers.json")"
}

# Editing the number again replaces its what-if; z drops it all.
test_a_number_tried_again_updates_and_z_drops_the_what_if() {
	open_drivers "Streamwave Media"
	row "our demand, TB egress per month +373,100 +519,504 +853,562$" >/dev/null
	tui_keys j j
	try 50
	wait_for "our share: 50%  (was 35%)"
	row "our demand now +373,100 +533,000 +\+159,900 \(\+42\.9%\)$" >/dev/null
	row "in 2 years +519,504 +742,149 +\+222,645 \(\+42\.9%\)$" >/dev/null
	# Again, 70 %: 410 x 2,600 x 70 % = 746,200, +373,100 (+100 %).
	try 70
	wait_for "our share: 70%"
	row "our demand now +373,100 +746,200 +\+373,100 \(\+100%\)$" >/dev/null
	tui_keys z
	wait_for "what-if dropped"
	wait_gone "what if (not saved)"
	row "our share: 35%$" >/dev/null
	row "our demand, TB egress per month +373,100 +519,504 +853,562$" >/dev/null
}

# A value the chain cannot take: the core's message, nothing changed.
test_an_invalid_value_says_why_and_changes_nothing() {
	open_drivers
	drivers_json Corvalis
	cp "$T/drivers.json" "$T/before.json"
	try -100
	wait_for_text "growth -100 is out of range (expected a finite percent above -100)"
	try nan
	wait_for_text "growth: 'nan' is not a percent (a finite number such as 12.5)"
	tui_keys j
	try 0
	wait_for_text "step 1 factor 0 is out of range (expected a finite number above 0, at most 1e15)"
	try -2
	wait_for_text "step 1 factor -2 is out of range (expected a finite number above 0, at most 1e15)"
	try 1e16
	wait_for_text "step 1 factor 1e+16 is out of range (expected a finite number above 0, at most 1e15)"
	tui_keys G
	try 101
	wait_for_text "share 101 is out of range (expected a percent from 0 to 100)"
	try -1
	wait_for_text "share -1 is out of range (expected a percent from 0 to 100)"
	lacks "$T/screen" "what if (not saved)"
	lacks "$T/screen" "(was"
	row "our demand, TB of test data per year +8,064 +8,226 +8,475$" >/dev/null
	drivers_json Corvalis
	cmp -s "$T/drivers.json" "$T/before.json" || fail "the store changed: $(cat "$T/drivers.json")"
}

# W writes the what-if as the driver's own numbers, a new version; the
# view then shows them as stored, with no what-if left.
test_w_saves_the_what_if_as_the_drivers_numbers() {
	open_drivers
	try 5
	wait_for "what if (not saved):"
	tui_keys j j
	try 1500
	wait_for "our demand in 5 years 12,865"
	tui_keys W
	wait_for "saved: demand driver 'Electric vehicles built' (its what-if)"
	wait_gone "what if (not saved)"
	row "growth: \+5%/year$" >/dev/null
	row "our demand, TB of test data per year +10,080 +11,113 +12,865$" >/dev/null
	drivers_json Corvalis
	contains "$T/drivers.json" '"growth_pct": 5,'
	contains "$T/drivers.json" '"steps": "2 million power modules per million vehicles\n1500 wafers per million power modules\n0.4 TB of test data per wafer"'
	contains "$T/drivers.json" '"share_pct": 60,'
	contains "$T/drivers.json" '"version": 2'
	# Nothing to save any more.
	tui_keys W
	wait_for "no what-if on 'Electric vehicles built' to save"
}

# A colleague changes the driver while a what-if is open: the view reloads
# (live), keeps the what-if on top of their numbers, and W saves it on
# top of theirs, never over them.
test_a_colleagues_change_keeps_the_what_if_on_top() {
	open_drivers
	try 5
	wait_for "what if (not saved):"
	"$AP" driver edit Corvalis 5 --share 70 >/dev/null || fail "driver edit failed"
	# 14 x 2 x 1,200 x 0.4 x 70 % = 9,408 now, x 1.05^2 = 10,372.3 in 2 years.
	wait_for -t 3 "our share: 70%"
	row "in 2 years +9,597 +10,372 " >/dev/null
	row "growth: \+5%/year  \(was \+1%\)$" >/dev/null
	tui_keys W
	wait_for "saved: demand driver"
	drivers_json Corvalis
	contains "$T/drivers.json" '"growth_pct": 5,'
	contains "$T/drivers.json" '"share_pct": 70,'
	contains "$T/drivers.json" '"version": 3'
}

# A colleague's change lands between the last reload and W: nothing is
# written, and the conflict screen shows their numbers beside the what-if.
# (The workbench is stopped meanwhile, so no live reload comes first.)
test_a_change_meanwhile_is_a_conflict_not_an_overwrite() {
	open_drivers
	try 5
	wait_for "what if (not saved):"
	kill -STOP "$(tui_pid)"
	ACCTPLAN_USER=Kim "$AP" driver edit Corvalis 5 --share 70 >/dev/null || { kill -CONT "$(tui_pid)"; fail "driver edit failed"; }
	tui_keys W
	kill -CONT "$(tui_pid)"
	wait_for "Theirs, by Kim on"
	wait_for "Yours, not saved"
	contains "$T/screen" "share: 70"
	contains "$T/screen" "growth: 5"
	drivers_json Corvalis
	contains "$T/drivers.json" '"growth_pct": 1,'
	contains "$T/drivers.json" '"share_pct": 70,'
	contains "$T/drivers.json" '"version": 2'
}

# A factor not known is named, shown as "?", never taken as zero; a
# what-if may give it one.
test_an_incomplete_chain_names_what_is_missing() {
	ap account add Acme
	ap driver add Acme "Units shipped" --value 10 --unit "units per year" --growth 5 \
		--step "2 boxes per unit" --step "? pallets per box" --share 50
	tui_start
	wait_for "Acme"
	tui_keys C
	wait_for "Demand chains of Acme"
	row "step 2: x \? pallets per box \(factor not known\) +\? +\? +\?$" >/dev/null
	row "our demand, pallets per year +\? +\? +\?$" >/dev/null
	row "incomplete: step 2's factor is not known: our demand cannot be computed$" >/dev/null
	tui_keys j j
	try 0.5
	# 10 x 2 x 0.5 x 50 % = 5 pallets a year now.
	wait_gone "incomplete:"
	row "step 2: x 0\.5  \(was not known\) pallets per box +10 +11\.03 +12\.76$" >/dev/null
	row "our demand now +\? +5 +\?$" >/dev/null
}

# At 80x24 the chain and the what-if still read, the figures whole; a
# resize redraws at the new size.
test_the_view_reads_at_80x24_and_follows_a_resize() {
	open_drivers "" 80x24
	row "#5 Electric vehicles built +now +in 2 years +in 5 years$" >/dev/null
	row "step 2: x 1,200 wafers per .* +33,600 +34,275 +35,314$" >/dev/null
	row "our demand, TB of test data per year +8,064 +8,226 +8,475$" >/dev/null
	try 5
	wait_for "what if (not saved):"
	row "in 5 years +8,475 +10,292 +\+1,817 \(\+21\.4%\)$" >/dev/null
	tui_screen >/dev/null
	awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T/screen" || fail "a row wider than 80: $(cat "$T/screen")"
	tui_resize 120 40
	wait_for "step 1: x 2 million power modules per million vehicles"
	row "in 5 years +8,475 +10,292 +\+1,817 \(\+21\.4%\)$" >/dev/null
	tui_keys q q
	wait_exit
	tui_restored
}

# The help lists the view's key and the what-if's.
test_the_help_lists_the_keys() {
	ap demo
	tui_start
	tui_keys ?
	wait_for "Keys"
	for want in "Save the driver's what-if as its own numbers" "Drop the driver's what-if: its numbers as stored" \
		"Demand drivers step by step, with a live what-if"; do
		i=0
		while ! tui_screen | grep -qF -- "$want"; do
			[ $i -lt 8 ] || fail "the help does not list '$want'"
			tui_keys PgDn
			sleep 0.1
			i=$((i + 1))
		done
	done
	row "│ +C +view-drivers +Demand drivers" >/dev/null
	row "│ +W +whatif-save " >/dev/null
	row "│ +z +whatif-reset " >/dev/null
}

# Each driver ends with the account's orders and how far this chain's
# growth (the what-if's, while one is tried) is from theirs: Streamwave's
# orders fall 10 %/yr over the demo's seven complete quarters.
test_the_orders_stand_against_the_chain_and_follow_the_what_if() {
	open_drivers "Streamwave Media"
	row "^ +orders: -10 %/yr over 7 quarters \(2024-Q4 to 2026-Q3, EUR\)$" >/dev/null
	row "^ +this chain implies \+18 %/yr: orders trail it by 28 points$" >/dev/null
	# Beyond the shipped orders_diverge rule's 15 points: it stands out.
	tui_screen_esc
	grep 'this chain implies' "$T/screen.esc" | grep -q '33m\|31m\|43m\|41m' ||
		fail "the divergence is not marked: $(grep 'this chain implies' "$T/screen.esc")"
	try 5
	wait_for "growth: +5%/year"
	row "^ +this chain implies \+5 %/yr: orders trail it by 15 points$" >/dev/null
	try -12
	row "^ +this chain implies -12 %/yr: orders run 2 points ahead of it$" >/dev/null
}

run_suite
