#!/bin/sh
# The data contract from the command line: every record kind is edited in
# place (its id kept, its version bumped), --if-version makes an edit or a
# remove conditional (exit 4, naming who changed it and when, nothing
# written), an unknown id without it stays exit 2, edit refuses what add
# refuses, answers name what they replace (--replaces), and ids never come back.
. "$(dirname "$0")/../lib.sh"

# Timestamps are the client's: pinned, so messages can be compared.
export ACCTPLAN_NOW=2026-11-23T10:00:00Z
KINDS="account contact competitor endcustomer meeting note driver"

# stderr is one line starting "acctplan: " and containing each TEXT.
err_has() {
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "expected one line on stderr, got: $(cat "$T/err")"
	case $(cat "$T/err") in "acctplan: "*) ;; *) fail "stderr does not start 'acctplan: ': $(cat "$T/err")" ;; esac
	for text in "$@"; do contains "$T/err" "$text"; done
}

# One kind at a time: kind_KIND defines
#   mk            add one record (accounts: Abacus, listed before Acme; the others belong to Acme)
#   add_bad ARG.. add another with options ARG
# and sets fam (its commands' first word), parent (its account, none for
# accounts), target (how it is addressed: its name, or its id), good (the
# options of a valid edit) with key and val (what its listing then shows),
# and bad, options add and edit both refuse with the message badmsg.
kind_account() {
	mk() { ap account add Abacus --industry Software; }
	add_bad() { "$AP" account add Umbrella "$@"; }
	fam=account parent="" target=Abacus good="--industry Pumps" key=industry val=Pumps
	bad="--segment huge" badmsg="--segment: unknown segment 'huge' (expected key, strategic, growth or other)"
}
kind_contact() {
	mk() { ap contact add Acme "Ana Chief" --role champion; }
	add_bad() { "$AP" contact add Acme "Bo Buyer" "$@"; }
	fam=contact parent=Acme target="Ana Chief" good="--title CFO" key=title val=CFO
	bad="--role boss" badmsg="--role: unknown buying role 'boss'"
}
kind_competitor() {
	mk() { ap competitor add Acme Initech --differentiator "Cheaper"; }
	add_bad() { "$AP" competitor add Acme Globex "$@"; }
	fam=competitor parent=Acme target=Initech good="--differentiator Faster" key=differentiator val=Faster
	bad="--differentiator $(printf 'a\033b')" badmsg="--differentiator contains a control character"
}
kind_endcustomer() {
	mk() { ap endcustomer add Acme Hospitals --industry Health; }
	add_bad() { "$AP" endcustomer add Acme Schools "$@"; }
	fam=endcustomer parent=Acme target=Hospitals good="--trend growing" key=trend val=growing
	bad="--trend sideways" badmsg="--trend: unknown trend 'sideways'"
}
kind_meeting() {
	mk() { ap meeting add Acme --tier sales --date 2026-10-01 --kind strategic "Kick-off"; }
	add_bad() { "$AP" meeting add Acme --tier sales --kind tactical "Call" "$@"; }
	fam=meeting parent=Acme target=1 good="--kind tactical" key=kind val=tactical
	bad="--date 2026-02-30" badmsg="--date '2026-02-30' is not a valid date (expected YYYY-MM-DD)"
}
kind_note() {
	mk() { ap note Acme "First visit" --tag visit; }
	add_bad() { "$AP" note Acme "Second visit" "$@"; }
	fam=note parent=Acme target=1 good="--tier product" key=tier val=product
	bad="--tier board" badmsg="--tier: unknown tier 'board' (expected sales, product or executive)"
}
kind_driver() {
	mk() { ap driver add Acme Streams --value 10 --unit streams; }
	add_bad() { "$AP" driver add Acme Parcels "$@"; }
	fam=driver parent=Acme target=1 good="--growth 5" key=growth_pct val=5
	bad="--share 150" badmsg="share 150 is out of range (expected a percent from 0 to 100)"
}

# Edit, remove (an account with --yes) and list the kind's record.
# shellcheck disable=SC2086
ed() { "$AP" "$fam" edit $parent "$target" "$@"; }
# shellcheck disable=SC2086
rmv() {
	[ -n "$parent" ] || set -- --yes "$@"
	"$AP" "$fam" remove $parent "$target" "$@"
}
# shellcheck disable=SC2086
lst() { "$AP" "$fam" list $parent --format json; }

# Run ARGS as the colleague Dana (the acting user whom messages name).
as_dana() { (ACCTPLAN_USER=Dana && export ACCTPLAN_USER && "$@"); }

# Member KEY of the first row of the kind's JSON listing.
first() {
	lst >"$T/list.json" || fail "listing failed"
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[0][sys.argv[2]])' "$T/list.json" "$1" ||
		fail "no $1 in: $(cat "$T/list.json")"
}

seed() {
	ap init
	ap account add Acme --industry Tools
}

test_every_kind_is_edited_in_place_keeping_its_id_and_bumping_its_version() {
	seed
	for k in $KINDS; do
		"kind_$k"
		mk
		id=$(first id)
		eq "$(first version)" 1 "$k version after add"
		# shellcheck disable=SC2086
		expect_rc 0 ed $good
		contains "$T/out" "(version 2)"
		eq "$(first id)" "$id" "$k id after edit"
		eq "$(first version)" 2 "$k version after edit"
		eq "$(first "$key")" "$val" "$k $key after edit"
	done
}

test_a_stale_if_version_is_exit_4_naming_who_changed_it_and_nothing_is_written() {
	seed
	for k in $KINDS; do
		"kind_$k"
		mk
		# A colleague changes it after we read version 1.
		# shellcheck disable=SC2086
		expect_rc 0 as_dana ed $good
		before=$(dump)
		# shellcheck disable=SC2086
		expect_rc 4 ed $good --if-version 1
		err_has "was changed since you read it" "version 2 (you had 1)" "by Dana" "at 2026-11-23T10:00:00Z" \
			"nothing was written"
		[ ! -s "$T/out" ] || fail "$k: stdout after a refused edit: $(cat "$T/out")"
		expect_rc 4 rmv --if-version 1
		err_has "was changed since you read it" "by Dana"
		eq "$(dump)" "$before" "$k: store after refused writes"
		# With the version it has, the same edit lands.
		# shellcheck disable=SC2086
		expect_rc 0 ed $good --if-version 2
		eq "$(first version)" 3 "$k version"
	done
}

test_a_record_removed_since_it_was_read_is_exit_4() {
	seed
	for k in $KINDS; do
		"kind_$k"
		mk
		id=$(first id)
		expect_rc 0 rmv
		before=$(dump)
		target="#$id"
		# shellcheck disable=SC2086
		expect_rc 4 ed $good --if-version 1
		err_has "#$id was removed since you read it" "nothing was written"
		expect_rc 4 rmv --if-version 1
		err_has "#$id was removed since you read it"
		eq "$(dump)" "$before" "$k: store after refused writes"
	done
}

test_an_unknown_id_without_if_version_is_exit_2() {
	seed
	for k in $KINDS; do
		"kind_$k"
		target=99
		before=$(dump)
		# shellcheck disable=SC2086
		expect_rc 2 ed $good
		err_has "unknown" "#99"
		expect_rc 2 rmv
		err_has "unknown" "#99"
		eq "$(dump)" "$before" "$k: store after refused writes"
	done
}

test_edit_refuses_what_add_refuses_with_the_same_message() {
	seed
	for k in $KINDS; do
		"kind_$k"
		mk
		before=$(dump)
		# shellcheck disable=SC2086
		expect_rc 2 add_bad $bad
		err_has "$badmsg"
		add_err=$(cat "$T/err")
		# shellcheck disable=SC2086
		expect_rc 2 ed $bad
		eq "$(cat "$T/err")" "$add_err" "$k: edit's message"
		eq "$(dump)" "$before" "$k: store after refused writes"
	done
}

test_names_with_blanks_or_controls_are_refused_by_edit_as_by_add() {
	seed
	ap contact add Acme "Ana Chief"
	ap competitor add Acme Initech
	ap endcustomer add Acme Hospitals
	before=$(dump)
	expect_rc 2 "$AP" account edit Acme --name "Acme "
	err_has "--name 'Acme ' starts or ends with a blank"
	expect_rc 2 "$AP" contact edit Acme "Ana Chief" --name " Ana"
	err_has "--name ' Ana' starts or ends with a blank"
	expect_rc 2 "$AP" competitor edit Acme Initech --name "   "
	err_has "--name is empty"
	expect_rc 2 "$AP" endcustomer edit Acme Hospitals --name "$(printf 'Two\nLines')"
	err_has "--name contains a control character"
	expect_rc 2 "$AP" contact edit Acme "Ana Chief" --reports-to "Ana Chief"
	err_has "a contact cannot report to themselves"
	# A name another record has is refused, not merged.
	ap competitor add Acme Globex
	before=$(dump)
	expect_rc 2 "$AP" competitor edit Acme Globex --name INITECH
	err_has "competitor 'INITECH' already exists"
	eq "$(dump)" "$before" "store content"
}

test_checks_across_fields_apply_to_the_record_as_edited() {
	seed
	ap meeting add Acme --tier sales --date 2026-10-01 --kind strategic --news bad --shared yes "Told them"
	before=$(dump)
	expect_rc 2 "$AP" meeting edit Acme 1 --news none
	err_has "shared says whether news was shared"
	ap driver add Acme Streams --value 10 --share 30
	expect_rc 2 "$AP" driver edit Acme 1 --share 130
	err_has "share 130 is out of range"
	ap meeting edit Acme 1 --shared no --news none
	contains "$T/out" "updated meeting #1 of Acme (version 2)"
}

test_edit_changes_only_the_options_given() {
	seed
	ap contact add Acme "Ana Chief" --title CEO --role decision-maker --tier executive
	ap contact add Acme "Bo Buyer" --title Buyer --role po-issuer --reports-to "Ana Chief"
	ap contact edit Acme "Bo Buyer" --name "Bo Byer"
	contains "$T/out" "updated contact #2 'Bo Byer' of Acme (version 2)"
	ap contact list Acme --format csv
	contains "$T/out" "Bo Byer,Buyer,po-issuer,sales,Ana Chief,,unknown,unknown,,2,2"
	# none clears what may be unknown; the boss's rename follows (ids, not names).
	ap contact edit Acme "Ana Chief" --name "Ana Chef"
	ap contact edit Acme "#2" --role none
	ap contact list Acme --format csv
	contains "$T/out" "Bo Byer,Buyer,,sales,Ana Chef,,unknown,unknown,,2,3"
	ap contact edit Acme 2 --reports-to none
	ap contact list Acme --format csv
	contains "$T/out" "Bo Byer,Buyer,,sales,,,unknown,unknown,,2,4"
	ap endcustomer add Acme Hospitals --trend growing --ask "Cheaper scanners"
	ap endcustomer edit Acme Hospitals --trend none
	ap endcustomer list Acme --format csv
	contains "$T/out" "Hospitals,,,Cheaper scanners,1,2"
}

test_note_and_meeting_texts_are_edited_from_arguments_or_standard_input() {
	seed
	ap note Acme "First visit" --tag visit --tag cfo
	ap note edit Acme 1 --text "First visit, corrected" --tag follow-up
	ap note list Acme --format csv
	contains "$T/out" "1,2026-11-23,sales,tester,follow-up,\"First visit, corrected\",2"
	printf 'From a file\nwith two lines\n' >text.txt
	expect_rc 0 "$AP" note edit Acme "#1" --text - <text.txt
	ap meeting add Acme --tier product --date 2026-10-01 --kind tactical "Call"
	expect_rc 0 "$AP" meeting edit Acme 1 --summary - --date 2026-10-02 <text.txt
	ap account show Acme --format json
	python3 - "$T/out" <<'EOF' || fail "account show: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
n, m = d["notes"][0], d["meetings"][0]
assert n["text"] == "From a file\nwith two lines" and n["version"] == 3 and n["id"] == 1, n
assert m["summary"] == "From a file\nwith two lines" and m["date"] == "2026-10-02" and m["version"] == 2, m
EOF
}

test_an_edit_with_nothing_to_change_or_a_bad_version_is_refused() {
	seed
	ap meeting add Acme --tier sales --date 2026-10-01 --kind strategic "Kick-off"
	before=$(dump)
	expect_rc 2 "$AP" meeting edit Acme 1
	err_has "meeting edit: nothing to change (see 'acctplan meeting edit --help')"
	for bad in 0 -1 x 1.5 ""; do
		expect_rc 2 "$AP" meeting edit Acme 1 --kind tactical --if-version "$bad"
		err_has "--if-version: '$bad' is not a version"
	done
	expect_rc 2 "$AP" meeting edit Acme one --kind tactical
	err_has "'one' is not a meeting id"
	eq "$(dump)" "$before" "store content"
}

test_a_record_of_another_account_is_not_edited_through_this_one() {
	seed
	ap account add Globex
	ap meeting add Globex --tier sales --date 2026-10-01 --kind strategic "Theirs"
	before=$(dump)
	expect_rc 2 "$AP" meeting edit Acme 1 --kind tactical
	err_has "unknown meeting #1 for this account"
	expect_rc 2 "$AP" meeting edit Acme 1 --kind tactical --if-version 1
	err_has "unknown meeting #1 for this account"
	expect_rc 2 "$AP" meeting remove Acme 1 --if-version 1
	err_has "unknown meeting #1 for this account"
	eq "$(dump)" "$before" "store content"
}

test_account_edit_and_remove_by_name_or_id() {
	seed
	ap account edit "#1" --name "Acme Tools" --segment key --if-version 1
	contains "$T/out" "updated account #1 'Acme Tools' (version 2)"
	ap account list --format csv
	contains "$T/out" "name,industry,segment,created,id,version"
	contains "$T/out" "Acme Tools,Tools,key,2026-11-23,1,2"
	expect_rc 2 "$AP" account remove 1
	err_has "add --yes to confirm"
	ap account remove 1 --yes --if-version 2
	contains "$T/out" "removed account 'Acme Tools' and everything recorded about it"
}

# ---- answers ----

test_answer_replaces_a_stale_answer_is_exit_4_and_nothing_is_written() {
	seed
	ap answer Acme business "Pumps"
	contains "$T/out" "answered 'business' for Acme (answer #1)"
	expect_rc 0 as_dana "$AP" answer Acme business "Pumps and valves" --replaces 1
	contains "$T/out" "(answer #2)"
	before=$(dump)
	expect_rc 4 "$AP" answer Acme business "Only pumps" --replaces 1
	err_has "the answer to 'business' changed since you read it" "the current one is #2 by Dana" "nothing was written"
	expect_rc 4 "$AP" answer Acme business "Only pumps" --replaces none
	err_has "changed since you read it (you replaced none)"
	eq "$(dump)" "$before" "store content"
	expect_rc 2 "$AP" answer Acme business "x" --replaces 99
	err_has "--replaces: no answer #99"
	expect_rc 2 "$AP" answer Acme business "x" --replaces latest
	err_has "--replaces: 'latest' is neither an answer id"
	expect_rc 2 "$AP" answer Acme growth growing --replaces 2
	err_has "answers 'business', not 'growth'"
	eq "$(dump)" "$before" "store content"
	# Without --replaces an answer supersedes whatever is current.
	ap answer Acme business "Pumps valves and seals"
	ap history Acme business --format csv
	tr -d '\r' <"$T/out" >history.csv
	eq "$(sed -n 1p history.csv)" "date,value,source,confidence,by,id,replaces" "history header"
	eq "$(sed -n 2p history.csv | cut -d, -f6-)" "3,2" "newest answer: id, replaces"
	eq "$(sed -n 4p history.csv | cut -d, -f6-)" "1," "first answer replaces nothing"
}

test_two_first_answers_racing_leave_exactly_one() {
	seed
	export ACCTPLAN_BUSY_TIMEOUT=10000
	for q in business our_role vision_2y competitors end_customers; do
		"$AP" answer Acme "$q" "from one" --replaces none >one.out 2>one.err &
		p1=$!
		"$AP" answer Acme "$q" "from two" --replaces none >two.out 2>two.err &
		p2=$!
		wait "$p1"
		r1=$?
		wait "$p2"
		r2=$?
		eq "$(printf '%s\n' "$r1" "$r2" | sort | tr '\n' ' ')" "0 4 " "exit statuses of the two writers on $q"
		cat one.err two.err >"$T/err"
		err_has "the answer to '$q' changed since you read it (you replaced none)"
		ap history Acme "$q" --format csv
		eq "$(wc -l <"$T/out")" 2 "history of $q (header and one answer)"
	done
}

# ---- ids ----

test_ids_are_never_reused() {
	seed
	ap note Acme "One"
	ap note Acme "Two"
	ap note Acme "Three"
	contains "$T/out" "added note #3 to Acme"
	ap note remove Acme 3
	ap note Acme "Four"
	contains "$T/out" "added note #4 to Acme"
	ap meeting add Acme --tier sales --date 2026-10-01 --kind strategic "Kick-off"
	ap meeting remove Acme 1
	ap meeting add Acme --tier sales --date 2026-10-02 --kind strategic "Again"
	contains "$T/out" "added meeting #2 to Acme"
	ap contact add Acme "Ana Chief"
	ap contact remove Acme "Ana Chief"
	ap contact add Acme "Ana Chief"
	ap contact list Acme --format csv
	contains "$T/out" "Ana Chief,,,sales,,,unknown,unknown,,2,1"
}

test_listings_carry_ids_and_versions_in_json_and_csv_only() {
	seed
	ap contact add Acme "Ana Chief"
	ap competitor add Acme Initech
	ap endcustomer add Acme Hospitals --trend flat --ask "Cheaper"
	ap meeting add Acme --tier sales --date 2026-10-01 --kind strategic "Kick-off"
	ap note Acme "First visit"
	ap driver add Acme Streams --value 10
	ap answer Acme business "Pumps"
	for list in "account list" "contact list Acme" "competitor list Acme" "endcustomer list Acme" \
		"meeting list Acme" "note list Acme" "driver list Acme"; do
		# shellcheck disable=SC2086
		ap $list --format csv
		head -n 1 "$T/out" | tr -d '\r' >head.csv
		grep -q '\bid\b' head.csv || fail "$list csv: no id column: $(cat head.csv)"
		grep -q ',version$' head.csv || fail "$list csv: no version column: $(cat head.csv)"
		# shellcheck disable=SC2086
		ap $list --format json
		python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))[0]; assert r["id"] >= 1 and r["version"] == 1, r' \
			"$T/out" || fail "$list json: $(cat "$T/out")"
	done
	ap endcustomer list Acme --format csv
	eq "$(sed -n 1p "$T/out" | tr -d '\r')" "name,industry,trend,ask,id,version" "end customer columns"
	ap contact list Acme
	contains "$T/out" "ID"
	lacks "$T/out" "VERSION"
	ap account show Acme --format json
	python3 - "$T/out" <<'EOF' || fail "account show json: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["id"] == 1 and d["version"] == 1, d
for key in ("contacts", "competitors", "end_customers", "meetings", "notes", "drivers"):
    assert d[key] and all(r["id"] >= 1 and r["version"] == 1 for r in d[key]), key
answered = [a for a in d["answers"] if a["value"] is not None]
assert answered[0]["id"] == 1, answered
assert all(a["id"] is None for a in d["answers"] if a["value"] is None)
EOF
}

test_every_new_command_answers_help() {
	for cmd in "account edit" "contact edit" "competitor edit" "endcustomer edit" "meeting edit" "note edit" \
		"driver edit" "contact remove" "meeting remove"; do
		# shellcheck disable=SC2086
		ap $cmd --help
		contains "$T/out" "usage: acctplan $cmd"
		contains "$T/out" "--if-version"
	done
	ap answer --help
	contains "$T/out" "--replaces ID|none"
	ap --help
	contains "$T/out" "4 the record changed or was removed since it was read"
}

run_suite
