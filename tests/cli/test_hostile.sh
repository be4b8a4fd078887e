#!/bin/sh
# Hostile text (issue "Safe output and hostile input", items 3, 4 and 6):
# controls and bidi overrides are refused at the one validation point, in
# every text field and through import; whatever still reaches output (a
# colleague's client wrote it into a shared store) is escaped; CSV text cells
# a spreadsheet would run are defused; look-alike and invisible names are
# refused or found to be the same name.
. "$(dirname "$0")/../lib.sh"

CSI=$(printf '\302\233')      # U+009B, read as CSI by xterm
NEL=$(printf '\302\205')      # U+0085
RLO=$(printf '\342\200\256')  # U+202E
LRI=$(printf '\342\201\246')  # U+2066
NBSP=$(printf '\302\240')
ZWSP=$(printf '\342\200\213')
IDSP=$(printf '\343\200\200') # U+3000 ideographic space
ESC=$(printf '\033')

# no_raw_controls FILE: no byte sequence in FILE that a terminal would act
# on: C0 controls but tab and LF (CR only before LF), DEL, C1, bidi controls.
no_raw_controls() {
	python3 - "$1" <<-'EOF' || fail "raw control characters in $(basename "$1"): $(od -c "$1" | head -5)"
		import re, sys
		data = open(sys.argv[1], "rb").read()
		bad = re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]", data)
		sys.exit(1 if bad else 0)
	EOF
}

seed() {
	ap init
	ap account add Acme --industry Manufacturing --segment key
	ap contact add Acme "Ana Chief" --role decision-maker
}

# ---- item 3: controls are refused in every text field ----

test_c1_and_bidi_controls_are_refused_in_every_text_field() {
	seed
	refused 2 "account name contains a control character U+009B (byte 5)" account add "Sub ${CSI}31m Co"
	refused 2 "account name contains a control character U+0085 (byte 5)" account add "Sub ${NEL}"
	refused 2 "account name contains a bidirectional control character U+202E (byte 5)" account add "Acme${RLO}moc.exe"
	refused 2 "--industry contains a bidirectional control character U+2066 (byte 3)" \
		account add Beta --industry "Ag${LRI}ri"
	refused 2 "contact name contains a control character U+009B (byte 4)" contact add Acme "Bob${CSI}"
	refused 2 "--title contains a bidirectional control character U+202E (byte 1)" \
		contact edit Acme "Ana Chief" --title "${RLO}CEO"
	refused 2 "competitor name contains a control character U+0085 (byte 3)" competitor add Acme "Ri${NEL}val"
	refused 2 "note contains a control character U+009B (byte 6)" note Acme "note ${CSI}2J"
	refused 2 "meeting summary contains a bidirectional control character U+202E (byte 4)" \
		meeting add Acme --tier sales --date 2026-10-01 --kind strategic "Met${RLO}"
	refused 2 "answer contains a control character U+009B (byte 5)" answer Acme business "Cars${CSI}"
	refused 2 "account name contains a control character (byte 4)" account add "Sub${ESC}[2J"
}

test_import_refuses_controls_with_file_and_line() {
	seed
	printf '{"acctplan_export": 2, "schema": 3, "accounts": [\n{"name": "Sub \\u009b31m Co"}\n]}\n' >"$T/c1.json"
	before=$(snap)
	expect_rc 2 "$AP" import "$T/c1.json"
	err_starts "$T/c1.json:2:"
	contains "$T/err" "accounts[0].name contains a control character U+009B (byte 5)"
	eq "$(snap)" "$before" "store after a refused import"
	printf '{"acctplan_export": 2, "schema": 3, "accounts": [\n{"name": "Acme2", "notes": [{"tier": "sales", "text": "x\\u202ey"}]}\n]}\n' >"$T/bidi.json"
	expect_rc 2 "$AP" import "$T/bidi.json"
	contains "$T/err" "bidirectional control character U+202E"
	eq "$(snap)" "$before" "store after a refused import"
}

# A shared store can hold what another client wrote: every way it is printed
# escapes it, stdout and stderr alike.
test_controls_already_in_the_store_never_reach_the_terminal_raw() {
	seed
	ap note Acme "plain note" --tag visit
	# Another client keeps no name key: the row answers to its exact name.
	db_sql "UPDATE account SET name = 'Sub ' || char(155) || '31m ' || char(8238) || 'Co', name_key = NULL,
		industry = 'Ind' || char(27) || '[2J' || char(133) WHERE name = 'Acme';
		UPDATE note SET body = 'body ' || char(27) || ']0;title' || char(7) || ' ' || char(155) || 'x';
		UPDATE contact SET title = char(13) || 'overwritten';"
	name=$(db_sql "SELECT name FROM account")
	for cmd in "account list" "account list --format csv" "account list --format json" "search body" \
		"portfolio" "portfolio --format csv" "check" "check --format csv" "check --format json" \
		"contact list" "note list"; do
		# shellcheck disable=SC2086
		"$AP" $cmd >"$T/out" 2>"$T/err"
		no_raw_controls "$T/out"
		no_raw_controls "$T/err"
	done
	for cmd in "account show" "brief"; do
		# shellcheck disable=SC2086
		"$AP" $cmd "$name" >"$T/out" 2>"$T/err"
		no_raw_controls "$T/out"
		no_raw_controls "$T/err"
		contains "$T/out" 'Sub \u009b31m \u202eCo'
		contains "$T/out" 'Ind\u001b[2J\u0085'
	done
	# A file is read in a terminal too.
	ap brief "$name" -o "$T/brief.md" --format md
	no_raw_controls "$T/brief.md"
	contains "$T/brief.md" 'Sub \u009b31m \u202eCo'
	ap export -o "$T/all.json"
	no_raw_controls "$T/all.json"
	expect_rc 2 "$AP" account show "nope${ESC}[2J${CSI}"
	no_raw_controls "$T/err"
	err_is "unknown account 'nope\\u001b[2J\\u009b' (see 'acctplan account list')"
	"$AP" note list "$name" >"$T/out" 2>&1
	contains "$T/out" 'body \u001b]0;title\u0007 \u009bx'
}

# ---- item 4: CSV formula injection ----

test_csv_text_cells_a_spreadsheet_would_run_are_prefixed() {
	ap init
	for n in "=HYPERLINK(\"http://x\")" "+1 Co" "-2 Co" "@SUM Co" "Plain"; do
		ap account add --industry "=cmd|' /C calc'!A0" -- "$n"
	done
	ap account list --format csv
	contains "$T/out" "\"'=HYPERLINK(\"\"http://x\"\")\",'=cmd|' /C calc'!A0,other,"
	contains "$T/out" "'+1 Co,'=cmd"
	contains "$T/out" "'-2 Co,'=cmd"
	contains "$T/out" "'@SUM Co,'=cmd"
	contains "$T/out" "Plain,'=cmd"
	# Numbers stay numbers: the id column is never prefixed.
	python3 - "$T/out" <<-'EOF' || fail "an id cell was prefixed: $(cat "$T/out")"
		import csv, sys
		rows = list(csv.DictReader(open(sys.argv[1], newline="")))
		sys.exit(0 if rows and all(r["id"].isdigit() for r in rows) else 1)
	EOF
	ap account add "Minus" --industry "-"
	ap check --format csv
	contains "$T/out" "'=HYPERLINK("
	lacks "$T/out" ",=HYPERLINK"
}

# ---- item 6: look-alike and invisible names ----

test_lookalike_and_invisible_names_are_refused() {
	seed
	refused 2 "account name 'Acme${NBSP}' starts or ends with a blank" account add "Acme${NBSP}"
	refused 2 "account name '${IDSP}Acme' starts or ends with a blank" account add "${IDSP}Acme"
	refused 2 "account name starts or ends with an invisible character U+200B" account add "Acme${ZWSP}"
	refused 2 "account name has no visible character" account add "${ZWSP}${ZWSP}"
	refused 2 "account name has no visible character" account add "$(printf '\342\201\240\357\273\277')"
	refused 2 "contact name starts or ends with an invisible character U+200B" contact add Acme "${ZWSP}Bob"
}

test_names_are_compared_after_normalisation_and_case_folding() {
	seed
	ap account add "élan"
	refused 2 "account 'ÉLAN' already exists" account add "ÉLAN"
	refused 2 "account 'e$(printf '\314\201')lan' already exists" account add "e$(printf '\314\201')lan"
	refused 2 "account 'AC${ZWSP}ME' already exists" account add "AC${ZWSP}ME"
	refused 2 "contact 'ANA CHIEF' already exists" contact add Acme "ANA CHIEF"
	# The same key finds the record: what a user types need not match the case.
	ap account show "ÉLAN"
	contains "$T/out" "élan"
	ap account edit "ÉLAN" --name "Élan SA"
	ap account show "élan sa"
	contains "$T/out" "Élan SA"
}

run_suite
