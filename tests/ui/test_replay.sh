#!/bin/sh
# The workbench driven by key scripts (--keys) with screen dumps: exact
# screens without a terminal. Each test checks the dumped screen and, where
# something is written, the store through the CLI.
. "$(dirname "$0")/../lib.sh"

# replay COLSxROWS: run the workbench on the script in ./keys.
replay() {
	COLUMNS=${1%x*} LINES=${1#*x} expect_rc 0 "$AP" --keys keys
}

# The row of a dump that holds TEXT, or fail.
row() { grep -m1 -F -- "$2" "$1" || fail "$1 has no row with '$2': $(cat "$1")"; }

test_question_marks_follow_the_flags_on_each_question() {
	ap account add "Acme Tools" --segment growth
	ap answer "Acme Tools" growth growing --source assumption --confidence low
	ap answer "Acme Tools" market_position leader --date 2025-01-01
	ap answer "Acme Tools" reference no
	ap answer "Acme Tools" our_role "Spindles for their lathes"
	printf '1\ndump s.txt\n' >keys
	replay 100x30
	row s.txt "Their business" | grep -q -- "- Their business" || fail "unanswered: $(row s.txt "Their business")"
	row s.txt "Growth" | grep -q "? Growth .*growing" || fail "weak evidence: $(row s.txt "Growth")"
	row s.txt "Market position" | grep -q "~ Market position .*leader" || fail "stale: $(row s.txt "Market position")"
	row s.txt "Reference" | grep -q "! Reference .*no" || fail "risk: $(row s.txt "Reference")"
	row s.txt "Our role" | grep -q "# Our role .*Spindles" || fail "blocked: $(row s.txt "Our role")"
	# Answering what it waits for unblocks it.
	ap answer "Acme Tools" business "Machine tools"
	replay 100x30
	row s.txt "Our role" | grep -q "+ Our role .*Spindles" || fail "answered: $(row s.txt "Our role")"
	row s.txt "Their business" | grep -q "+ Their business .*Machine tools" || fail "$(row s.txt "Their business")"
}

test_filters_by_segment_text_and_tier_flags() {
	ap account add "Acme Tools" --industry Manufacturing --segment growth
	ap account add "Nordwind Logistik" --industry Logistics --segment key
	ap account add "Baltic Freight" --industry Logistics --segment key
	cat >keys <<-'EOF'
		dump all.txt
		S
		dump key.txt
		x
		f
		type logis
		Enter
		dump text.txt
		x
		dump cleared.txt
	EOF
	replay 100x30
	row all.txt "Accounts  3" >/dev/null
	row key.txt "[segment key]" >/dev/null
	row key.txt "Accounts  2" >/dev/null
	lacks key.txt "Acme Tools  "
	row text.txt "[text 'logis']" >/dev/null
	row text.txt "Accounts  2" >/dev/null
	row text.txt "Nordwind Logistik" >/dev/null
	row cleared.txt "Accounts  3" >/dev/null
}

test_tier_filter_keeps_accounts_with_open_flags_of_that_tier() {
	ap account add "Acme Tools" --segment growth
	ap account add "Nordwind Logistik" --segment key
	# Snooze every product flag of Nordwind: only Acme has open product flags.
	"$AP" check "Nordwind Logistik" --tier product --format csv | sed 1d | cut -d, -f2,5 |
	while IFS=, read -r rule question; do
		ap snooze "Nordwind Logistik" "$rule" $question --until 2027-06-30 --reason "test"
	done
	printf 'T\nT\ndump product.txt\n' >keys
	replay 100x30
	row product.txt "[open product flags]" >/dev/null
	row product.txt "Accounts  1" >/dev/null
	row product.txt "Acme Tools" >/dev/null
	lacks product.txt "Nordwind Logistik"
}

test_main_screen_at_80x24_holds_every_part() {
	ap account add "Nordwind Logistik" --industry Logistics --segment key
	ap answer "Nordwind Logistik" business "Freight across the Baltic" --source meeting --confidence high --by dana
	printf 'dump s.txt\n' >keys
	replay 80x24
	eq "$(wc -l <s.txt)" 24 "rows"
	row s.txt "acctplan  Nordwind Logistik  (key, Logistics)" >/dev/null
	# The tabs say how much of each tier is answered.
	row s.txt "1 Sales 1/5   2 Product 0/6   3 Executive 0/7" >/dev/null
	row s.txt "+ Their business  Freight across the Baltic" >/dev/null
	# The detail of the selected question: answer, then evidence and who.
	row s.txt "meeting, high confidence, by dana on 2026-11-23; no earlier version" >/dev/null
	# The status line: database, flag summary, keys.
	# (a store on a server by its database's name, the part of the URL after the host)
	name=$(basename "${ACCTPLAN_DB%%\?*}")
	tail -n 1 s.txt | grep -qF " $name | " || fail "status line: $(tail -n 1 s.txt)"
	tail -n 1 s.txt | grep -q "^ [^ ]* | .* | Enter edit" || fail "status line: $(tail -n 1 s.txt)"
	# No line is wider than the terminal.
	[ "$(wc -L <s.txt)" -le 80 ] || fail "a row is wider than 80 columns: $(wc -L <s.txt)"
}

test_notes_view_searches_edits_and_removes() {
	ap account add "Acme Tools"
	ap note "Acme Tools" "They plan a plant in Porto" --date 2026-10-01
	ap note "Acme Tools" "Budget frozen until Q2" --date 2026-11-01
	cat >keys <<-'EOF'
		N
		dump list.txt
		f
		type porto
		Enter
		dump found.txt
		e
		End
		type  next year
		Enter
		dump edited.txt
		f
		C-u
		Enter
		G
		d
		y
		dump after.txt
	EOF
	replay 100x30
	# Newest first.
	first=$(grep -n -m1 "Budget frozen" list.txt | cut -d: -f1)
	second=$(grep -n -m1 "plant in Porto" list.txt | cut -d: -f1)
	[ "$first" -lt "$second" ] || fail "notes not newest first: $(cat list.txt)"
	row found.txt "Notes on Acme Tools matching 'porto'  (1)" >/dev/null
	lacks found.txt "Budget frozen"
	row edited.txt "They plan a plant in Porto next year" >/dev/null
	ap note list "Acme Tools"
	# The last row (the oldest note, Porto) was removed.
	lacks "$T/out" "Porto"
	contains "$T/out" "Budget frozen until Q2"
}

test_end_customers_added_with_a_trend() {
	ap account add "Acme Tools"
	cat >keys <<-'EOF'
		u
		a
		type Volvo Cars
		Enter
		type Automotive
		Enter
		g
		Enter
		type Lighter spindles
		Enter
		dump s.txt
	EOF
	replay 100x30
	row s.txt "Volvo Cars" | grep -q "Automotive .*growing .*Lighter spindles" || fail "$(row s.txt "Volvo Cars")"
	ap endcustomer list "Acme Tools" --format csv
	contains "$T/out" "Volvo Cars,Automotive,growing,Lighter spindles"
}

test_account_added_and_edited_from_the_list() {
	ap account add "Acme Tools"
	cat >keys <<-'EOF'
		h
		a
		type Zephyr Wind
		Enter
		type Energy
		Enter
		g
		Enter
		dump added.txt
		e
		C-u
		type Zephyr Wind AS
		Enter
		Enter
		Enter
		dump edited.txt
	EOF
	replay 100x30
	row added.txt "acctplan  Zephyr Wind  (key, Energy)" >/dev/null
	row edited.txt "acctplan  Zephyr Wind AS  (key, Energy)" >/dev/null
	ap account list --format csv
	contains "$T/out" "Zephyr Wind AS,Energy,key"
	lacks "$T/out" "Zephyr Wind,"
}

test_mouse_wheel_scrolls_and_click_focuses_a_pane() {
	i=1
	while [ $i -le 60 ]; do
		ap account add "$(printf 'Account %02d' $i)"
		i=$((i + 1))
	done
	cat >keys <<-'EOF'
		wheel-down 5 10
		wheel-down 5 10
		dump wheel.txt
		click 50 3
		Enter
		dump clicked.txt
	EOF
	replay 120x30
	# Six rows down: the list starts at the seventh account.
	sed -n 3p wheel.txt | grep -q "Account 07" || fail "after the wheel: $(sed -n 3p wheel.txt)"
	# A click in the Sales pane's second row focuses it; Enter edits that
	# question, a choice: the picker shows its options.
	row clicked.txt "Is the customer growing" >/dev/null
	row clicked.txt "shrinking" >/dev/null
}

run_suite
