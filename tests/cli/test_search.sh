#!/bin/sh
# search: every kind of record, said where it is, ranked; what is typed is
# searched for as text, never parsed as query syntax.
. "$(dirname "$0")/../lib.sh"

# Two accounts and one record of every kind that has words.
seed() {
	ap account add "Voss Maschinenbau" --industry "Industrial robotics" --segment key
	ap account add "Elektra Foods" --industry Grocery
	ap contact add Voss "Anna Elek" --title "Head of Procurement"
	ap competitor add Voss Elektra --differentiator "Cheaper drives, weaker service"
	ap endcustomer add Voss "Müller Kliniken" --industry Healthcare --ask "Faster tender cycles"
	ap meeting add Voss --tier sales --date 2026-01-05 --kind strategic "Elektra won the last tender on price"
	ap note Voss "Elektra undercut us at Müller; NEAR-term risk" --tag pricing
	ap answer Voss competitors "Elektra and Siemens"
}

# csv ARGS...: acctplan ARGS --format csv, its lines ended by LF in $T/out
# (CSV ends them CRLF, as RFC 4180 has it).
csv() {
	ap "$@" --format csv
	tr -d '\r' <"$T/out" >"$T/out.lf" && mv "$T/out.lf" "$T/out"
}

# same FILE: $T/out is exactly FILE's text (a here-document).
same() {
	cmp -s "$T/out" "$1" || fail "output differs from what was expected: $(diff "$1" "$T/out" | head -n 12)"
}

test_every_kind_is_found_with_its_account_in_three_formats() {
	seed
	ap search elektra
	cat >"$T/want" <<-'EOF'
		KIND        ACCOUNT            ID  LABEL          TEXT                                                    MATCH
		competitor  Voss Maschinenbau  1   Elektra        Cheaper drives, weaker service                          name
		account     Elektra Foods      2   Elektra Foods  Grocery                                                 name
		answer      Voss Maschinenbau  1   competitors    Elektra and Siemens                                     text
		meeting     Voss Maschinenbau  1   2026-01-05     Elektra won the last tender on price                    text
		note        Voss Maschinenbau  1   2026-11-23     Elektra undercut us at Müller; NEAR-term risk #pricing  text
	EOF
	same "$T/want"
	csv search elektra
	cat >"$T/want" <<-'EOF'
		kind,account,id,label,text,match
		competitor,Voss Maschinenbau,1,Elektra,"Cheaper drives, weaker service",name
		account,Elektra Foods,2,Elektra Foods,Grocery,name
		answer,Voss Maschinenbau,1,competitors,Elektra and Siemens,text
		meeting,Voss Maschinenbau,1,2026-01-05,Elektra won the last tender on price,text
		note,Voss Maschinenbau,1,2026-11-23,Elektra undercut us at Müller; NEAR-term risk #pricing,text
	EOF
	same "$T/want"
	ap search elektra --format json
	python3 - "$T/out" <<-'EOF' || fail "json: $(cat "$T/out")"
		import json, sys
		hits = json.load(open(sys.argv[1]))
		assert [(h["kind"], h["account"], h["id"], h["label"], h["match"]) for h in hits] == [
			("competitor", "Voss Maschinenbau", 1, "Elektra", "name"),
			("account", "Elektra Foods", 2, "Elektra Foods", "name"),
			("answer", "Voss Maschinenbau", 1, "competitors", "text"),
			("meeting", "Voss Maschinenbau", 1, "2026-01-05", "text"),
			("note", "Voss Maschinenbau", 1, "2026-11-23", "text")], hits
		assert hits[0]["text"] == "Cheaper drives, weaker service"
	EOF
	# Each field that is searched finds its record.
	for q in "robotics:account" "procurement:contact" "weaker:competitor" "healthcare:endcustomer" \
		"cycles:endcustomer" "price:meeting" "siemens:answer" "pricing:note"; do
		csv search "${q%%:*}"
		eq "$(sed -n 2p "$T/out" | cut -d, -f1)" "${q#*:}" "kind found by ${q%%:*}"
		eq "$(wc -l <"$T/out")" 2 "rows found by ${q%%:*}"
	done
}

test_names_come_first_by_their_start_then_texts() {
	seed
	ap competitor add "Elektra Foods" "Elektra Drives Group"
	csv search elek
	cat >"$T/want" <<-'EOF'
		kind,account,id,label,text,match
		competitor,Voss Maschinenbau,1,Elektra,"Cheaper drives, weaker service",name
		account,Elektra Foods,2,Elektra Foods,Grocery,name
		competitor,Elektra Foods,2,Elektra Drives Group,,name
		contact,Voss Maschinenbau,1,Anna Elek,Head of Procurement,name
	EOF
	same "$T/want"
	# Texts by how often the words occur for their length: the shorter text first.
	csv search tender
	eq "$(cut -d, -f1 "$T/out" | tr '\n' ' ')" "kind endcustomer meeting " "texts ranked"
	# A name and its text together: every word must be in the record.
	ap search elektra cheaper
	contains "$T/out" "competitor  Voss Maschinenbau  1   Elektra  Cheaper drives, weaker service  text"
	eq "$(wc -l <"$T/out")" 2 "rows for two words"
	ap search "elektra cheaper"
	eq "$(wc -l <"$T/out")" 2 "rows for two words in one argument"
}

test_case_and_accents_are_ignored() {
	seed
	for q in müller MÜLLER muller Muller; do
		csv search "$q"
		eq "$(cut -d, -f1 "$T/out" | tr '\n' ' ')" "kind endcustomer note " "found by $q"
	done
	ap search VOSS
	contains "$T/out" "account  Voss Maschinenbau"
}

test_what_is_typed_is_searched_for_never_parsed() {
	seed
	ap note Voss 'They said "no" -- AND then: OR maybe * 50% (later)'
	# Operators and quotes are words or nothing; none is an error.
	for q in AND OR '"no"' '"no' 'then:' 'near-term' '50%' '(later)' 'NEAR(term' ; do
		csv search "$q"
		[ "$(wc -l <"$T/out")" -ge 2 ] || fail "nothing found by $q"
	done
	for q in '"' '""' '*' '**' '-' '--' ':' '(' ')' '^' '{}' 'NOT' 'label:elektra' 'body:price' '"elektra'\''s"' \
		"'" '\' '%' '_' 'NEAR(' "$(printf '\342\200\224')" '🙂'; do
		expect_rc 0 "$AP" search -- "$q"
		[ ! -s "$T/err" ] || fail "search '$q' wrote: $(cat "$T/err")"
	done
	ap search '*'
	eq "$(cat "$T/out")" "nothing found" "a star alone"
	ap search -- -
	eq "$(cat "$T/out")" "nothing found" "a dash alone"
	ap search NOT
	eq "$(cat "$T/out")" "nothing found" "NOT, a word no record has"
	# A trailing star asks for words that start with it; without, texts match whole words.
	csv search undercu
	eq "$(wc -l <"$T/out")" 1 "rows for a part of a word"
	csv search 'undercu*'
	eq "$(sed -n 2p "$T/out" | cut -d, -f1)" note "found by a start with a star"
	# A word only of what the search ignores leaves the others to count.
	csv search cheaper -
	eq "$(wc -l <"$T/out")" 2 "rows for a word and a dash"
}

test_limit_says_when_there_were_more() {
	seed
	ap search elektra --limit 2
	cat >"$T/want" <<-'EOF'
		KIND        ACCOUNT            ID  LABEL          TEXT                            MATCH
		competitor  Voss Maschinenbau  1   Elektra        Cheaper drives, weaker service  name
		account     Elektra Foods      2   Elektra Foods  Grocery                         name
		(the first 2; more were found: add words, or --limit N for more)
	EOF
	same "$T/want"
	ap search elektra --limit 2 --format json
	python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))) == 2' "$T/out" || fail "json: $(cat "$T/out")"
	ap search elektra --limit 5
	lacks "$T/out" "more were found"
	for bad in 0 -1 abc 100001 ""; do
		expect_rc 2 "$AP" search elektra --limit "$bad"
		err_is "--limit: '$bad' is not a number from 1 to 100000"
	done
}

test_an_empty_query_is_refused() {
	ap account add Acme
	expect_rc 2 "$AP" search ""
	err_is "search query is empty"
	expect_rc 2 "$AP" search "  " "	"
	err_is "search query is empty"
	expect_rc 2 "$AP" search
	contains "$T/err" "usage: acctplan search WORDS..."
	ap search nothing-like-it
	eq "$(cat "$T/out")" "nothing found" "no hits"
}

test_search_follows_edits_and_removals() {
	seed
	ap competitor edit Voss Elektra --name Voltra --differentiator "Dearer but faster"
	csv search elektra
	lacks "$T/out" "competitor,"
	csv search volt
	eq "$(sed -n 2p "$T/out")" "competitor,Voss Maschinenbau,1,Voltra,Dearer but faster,name" "renamed"
	ap answer Voss competitors "Only Siemens now"
	csv search elektra
	lacks "$T/out" "answer,"
	csv search siemens
	eq "$(sed -n 2p "$T/out")" "answer,Voss Maschinenbau,2,competitors,Only Siemens now,text" "current answer"
	ap account remove "Voss Maschinenbau" --yes
	ap search siemens
	eq "$(cat "$T/out")" "nothing found" "after the account went"
	csv search elektra
	eq "$(cut -d, -f1 "$T/out" | tr '\n' ' ')" "kind account " "what is left"
}

test_an_import_is_searchable() {
	seed
	ap export -o "$T/all.json"
	expect_rc 0 env ACCTPLAN_DB="$T/copy.db" "$AP" import "$T/all.json"
	csv search elektra
	cp "$T/out" "$T/want"
	expect_rc 0 env ACCTPLAN_DB="$T/copy.db" "$AP" search elektra --format csv
	tr -d '\r' <"$T/out" >"$T/out.lf" && mv "$T/out.lf" "$T/out"
	same "$T/want"
	# Importing into a store that has records indexes what came in, and keeps the rest.
	printf '%s\n' '{"acctplan_export": 1, "schema": 1, "accounts": [{"name": "Elektra Nord",' \
		'"notes": [{"tier": "sales", "date": "2026-11-01", "text": "Nordic tender lost"}]}]}' >"$T/more.json"
	expect_rc 0 env ACCTPLAN_DB="$T/copy.db" "$AP" import "$T/more.json"
	expect_rc 0 env ACCTPLAN_DB="$T/copy.db" "$AP" search elektra nord --format csv
	eq "$(sed -n 2p "$T/out" | cut -d, -f1-4)" "account,Elektra Nord,3,Elektra Nord" "added by a second import"
	expect_rc 0 env ACCTPLAN_DB="$T/copy.db" "$AP" search tender --format csv
	eq "$(cut -d, -f1,2 "$T/out" | tr -d '\r' | tr '\n' ' ')" "kind,account note,Elektra Nord endcustomer,Voss Maschinenbau meeting,Voss Maschinenbau " "old and new"
}

run_suite
