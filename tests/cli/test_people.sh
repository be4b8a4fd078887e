#!/bin/sh
# Our people and how deep each relationship goes: members, owners, levels,
# stances, lines between contacts, attendees, planned meetings, the
# relationship matrix, and the refusals that write nothing.
. "$(dirname "$0")/../lib.sh"

# Today is 2026-11-23 (lib.sh); USER is tester.
team() {
	ap account add Acme --segment key
	ap account add Borealis
	ap member add "Ana Lima" --tier sales --email ana@example.com
	ap member add "Bo Berg" --tier product
	ap member add "Cleo Dahl" --tier executive
	ap contact add Acme "Carl Jung" --role decision-maker --owner Bo --level credible --stance advocate --influence high
	ap contact add Acme "Dee Frost" --role payment-releaser --owner Ana --level vendor --stance skeptic
	ap contact add Acme "Eve Moss" --reports-to "Carl Jung" --role champion --owner "Ana Lima" --level trusted-advisor
	ap contact add Borealis "Finn Holt" --role decision-maker --owner Bo --level problem-solver
}

count_rows() { "$AP" "$@" --format csv | tail -n +2 | wc -l | tr -d ' '; }

test_members_are_added_listed_and_shown_by_depth() {
	team
	ap member list
	contains "$T/out" "Ana Lima"
	contains "$T/out" "ana@example.com"
	ap member list --format csv
	contains "$T/out" "name,tier,email,active,function,id,version"
	contains "$T/out" "Bo Berg,product,,yes,product-management,2,1"
	ap member show Bo
	contains "$T/out" "holds 2 relationships, deepest first"
	# Deepest first: Finn (problem-solver) before Carl (credible).
	first=$(grep -n "Finn Holt" "$T/out" | cut -d: -f1)
	second=$(grep -n "Carl Jung" "$T/out" | cut -d: -f1)
	[ "$first" -lt "$second" ] || fail "not deepest first: $(cat "$T/out")"
	ap member show "Bo Berg" --format json
	contains "$T/out" '"level": "problem-solver"'
	contains "$T/out" '"account": "Borealis"'
}

test_a_rename_follows_everywhere() {
	team
	ap member edit Bo --name "Bo Lindgren"
	ap contact list Acme --format csv
	contains "$T/out" "Carl Jung,,decision-maker,product,,Bo Lindgren,credible,advocate,high"
	ap meeting add Acme --tier product --date 2026-11-20 --kind tactical --with Carl --ours "Bo Lindgren" "Demo"
	ap member edit "Bo Lindgren" --name "Bo Berg"
	ap meeting list Acme --format csv
	contains "$T/out" "Carl Jung,Bo Berg"
}

test_a_contact_is_held_by_its_owners_tier() {
	team
	ap contact list Acme --format csv
	contains "$T/out" "Dee Frost,,payment-releaser,sales,,Ana Lima"
	# The tier given is the owner's when there is an owner.
	ap contact add Acme "Gus Lee" --tier executive --owner Bo
	ap contact list Acme --format csv
	contains "$T/out" "Gus Lee,,,product,,Bo Berg"
	# A member moving tier takes their contacts along.
	ap member edit Bo --tier executive
	ap contact list Acme --format csv
	contains "$T/out" "Carl Jung,,decision-maker,executive"
	ap contact edit Acme "Gus Lee" --owner none
	ap contact list Acme --format csv
	contains "$T/out" "Gus Lee,,,executive,,,unknown"
}

test_an_owner_must_be_a_member() {
	ap account add Acme
	expect_rc 2 "$AP" contact add Acme Zed --owner Ana
	contains "$T/err" "no members yet"
	ap member add "Ana Lima" --tier sales
	ap member add "Anders Berg" --tier product
	expect_rc 2 "$AP" contact add Acme Zed --owner Anna
	contains "$T/err" "unknown member 'Anna'"
	contains "$T/err" "close: Ana Lima"
	expect_rc 2 "$AP" contact add Acme Zed --owner An
	contains "$T/err" "ambiguous"
	eq "$(count_rows contact list Acme)" 0 "contacts after the refusals"
	expect_rc 2 "$AP" contact add Acme Zed --level deep
	contains "$T/err" "--level"
	expect_rc 2 "$AP" contact add Acme Zed --stance friendly
	expect_rc 2 "$AP" contact add Acme Zed --influence huge
	eq "$(count_rows contact list Acme)" 0 "contacts after the refusals"
}

test_removing_a_member_who_holds_relationships_needs_a_new_holder() {
	team
	snap >"$T/before"
	expect_rc 2 "$AP" member remove Bo
	contains "$T/err" "holds 2 relationships"
	contains "$T/err" "--reassign-to"
	snap >"$T/after"
	cmp -s "$T/before" "$T/after" || fail "a refused remove changed the store"
	ap member remove Bo --reassign-to Cleo
	contains "$T/out" "2 relationships are now held by 'Cleo Dahl'"
	ap contact list Acme --format csv
	contains "$T/out" "Carl Jung,,decision-maker,executive,,Cleo Dahl,credible"
	expect_rc 2 "$AP" member show Bo
	# Keeping the history instead: the member stays, marked gone.
	ap member remove Cleo --inactive
	contains "$T/out" "inactive"
	ap member list --format csv
	contains "$T/out" "Cleo Dahl,executive,,no"
	ap contact list Acme --format csv
	contains "$T/out" "Cleo Dahl"
}

test_the_last_member_stays_and_the_acting_one_is_warned() {
	ap member add tester --tier sales
	expect_rc 2 "$AP" member remove tester
	contains "$T/err" "last member"
	ap member add "Ana Lima" --tier sales
	ap member edit tester --active no
	contains "$T/err" "acting member"
	ap member edit "Ana Lima" --active no
	lacks "$T/err" "acting member"
	expect_rc 2 "$AP" member add "ana lima" --tier product
	contains "$T/err" "already exists"
	expect_rc 2 "$AP" member add Zoe --tier sales --email "not an address"
	contains "$T/err" "not an address"
	expect_rc 2 "$AP" member add Zoe
	contains "$T/err" "--tier"
}

# Someone who left keeps their history and what they had until it is handed
# on, but takes on nothing new.
test_a_member_who_left_takes_on_nothing_new() {
	team
	ap meeting add Acme --tier sales --date 2026-12-01 --kind strategic --ours Bo "Pilot review"
	ap member edit Bo --active no
	snap >"$T/before"
	expect_rc 2 "$AP" contact add Acme "Gus Hale" --owner Bo
	contains "$T/err" "--owner: member 'Bo Berg' is no longer active and takes on no new relationship"
	contains "$T/err" "acctplan member edit 2 --active yes"
	expect_rc 2 "$AP" contact edit Acme "Dee Frost" --owner Bo
	expect_rc 2 "$AP" meeting add Acme --tier sales --date 2026-12-02 --kind tactical --ours Bo "Demo"
	contains "$T/err" "--ours: member 'Bo Berg' is no longer active and takes on no new planned meeting"
	snap >"$T/after"
	cmp -s "$T/before" "$T/after" || fail "a refusal changed the store"
	# What is theirs already stays, edited; a past meeting may name them.
	ap contact edit Acme "Carl Jung" --title "Plant manager"
	ap meeting edit Acme 1 --objective "Agree the pilot"
	ap meeting add Acme --tier sales --date 2026-11-02 --kind tactical --ours Bo "Before Bo left"
	ap member edit Bo --active yes
	ap contact add Acme "Gus Hale" --owner Bo
}

test_meetings_ahead_are_planned_and_passed_ones_to_confirm() {
	team
	ap meeting add Acme --tier sales --date 2026-12-01 --kind strategic --with Carl --with Dee --ours Ana \
		--objective "Agree the pilot" "Pilot review"
	ap meeting add Acme --tier sales --date 2026-11-10 --kind tactical --status planned "Site visit"
	ap meeting add Acme --tier sales --date 2026-11-12 --kind tactical --with Eve --outcome "They signed" "Signing"
	ap meeting list Acme
	contains "$T/out" "to confirm"
	ap meeting list Acme --planned --format csv
	eq "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 2 "planned meetings"
	contains "$T/out" "Pilot review,planned,Agree the pilot,,\"Carl Jung, Dee Frost\",Ana Lima"
	lacks "$T/out" "Signing"
	ap meeting list Acme --format json
	contains "$T/out" '"status": "held"'
	ap meeting edit Acme 2 --status cancelled
	ap meeting list Acme --planned --format csv
	lacks "$T/out" "Site visit"
}

test_meeting_refusals_write_nothing() {
	team
	expect_rc 2 "$AP" meeting add Acme --tier sales --date 2026-12-01 --kind tactical --status held "x"
	contains "$T/err" "after today"
	expect_rc 2 "$AP" meeting add Acme --tier sales --date 2026-12-01 --kind tactical --outcome "done" "x"
	contains "$T/err" "outcome"
	expect_rc 2 "$AP" meeting add Acme --tier sales --date 2026-11-01 --kind tactical --with "Carl Jung" --with "carl jung" "x"
	contains "$T/err" "twice"
	expect_rc 2 "$AP" meeting add Acme --tier sales --date 2026-11-01 --kind tactical --with Carl --with "Carl Jung" "x"
	contains "$T/err" "same person"
	expect_rc 2 "$AP" meeting add Acme --tier sales --date 2026-11-01 --kind tactical --with Karl "x"
	contains "$T/err" "unknown contact 'Karl'"
	contains "$T/err" "close: Carl Jung"
	expect_rc 2 "$AP" meeting add Acme --tier sales --date 2026-11-01 --kind tactical --with "Finn Holt" "x"
	contains "$T/err" "unknown contact 'Finn Holt' in this account"
	expect_rc 2 "$AP" meeting add Acme --tier sales --date 2026-11-01 --kind tactical --ours Zed "x"
	contains "$T/err" "unknown member 'Zed'"
	eq "$(count_rows meeting list Acme)" 0 "meetings after the refusals"
}

test_only_held_meetings_are_a_touch() {
	team
	ap meeting add Acme --tier product --date 2026-11-01 --kind tactical --with Carl --ours Bo "Held"
	ap meeting add Acme --tier product --date 2026-11-15 --kind tactical --status cancelled --with Carl "Called off"
	ap meeting add Acme --tier product --date 2026-11-18 --kind tactical --status planned --with Carl "Not confirmed"
	ap meeting add Acme --tier product --date 2026-12-02 --kind tactical --with Carl "Ahead"
	ap member show Bo --format json
	contains "$T/out" '"last_touch": "2026-11-01"'
	ap contact list Acme --tree
	contains "$T/out" "2026-11-01"
	contains "$T/out" "never"
	ap meeting edit Acme 3 --status held
	ap member show Bo --format json
	contains "$T/out" '"last_touch": "2026-11-18"'
}

test_lines_between_contacts() {
	team
	ap contact link Acme Carl Dee
	contains "$T/out" "Carl Jung influences Dee Frost"
	ap contact link Acme Dee Eve --kind rivals
	expect_rc 2 "$AP" contact link Acme Eve Dee --kind rivals
	contains "$T/err" "already"
	expect_rc 2 "$AP" contact link Acme Carl Carl
	contains "$T/err" "themselves"
	expect_rc 2 "$AP" contact link Acme Carl "Finn Holt"
	contains "$T/err" "unknown contact 'Finn Holt' in this account"
	expect_rc 2 "$AP" contact link Acme Carl Dee --kind friends
	ap contact list Acme --tree
	contains "$T/out" "Lines beyond reports-to:"
	contains "$T/out" "Dee Frost and Eve Moss are rivals"
	contains "$T/out" "  - Eve Moss"
	ap contact unlink Acme Eve Dee
	contains "$T/out" "removed 1 line"
	expect_rc 2 "$AP" contact unlink Acme Eve Dee
	ap contact remove Acme "Carl Jung"
	ap contact list Acme --tree
	lacks "$T/out" "influences"
}

test_the_relationship_matrix() {
	team
	ap meeting add Acme --tier executive --date 2026-11-01 --kind strategic --with Carl --ours Cleo --ours Bo "Dinner"
	ap account relationships Acme --format csv
	contains "$T/out" "contact,buying role,Ana Lima,Bo Berg,Cleo Dahl"
	contains "$T/out" "Carl Jung,decision-maker,,credible,met"
	contains "$T/out" "Eve Moss,champion,trusted-advisor,,"
	ap account relationships Acme
	contains "$T/out" "Dee Frost"
	ap account relationships Acme --format json
	contains "$T/out" '"depth": "met"'
	contains "$T/out" '"last_met": "2026-11-01"'
	# A member who holds and met nobody here is no column.
	ap account relationships Borealis --format csv
	contains "$T/out" "contact,buying role,Bo Berg"
}

test_members_links_and_attendees_round_trip() {
	team
	ap contact link Acme Carl Dee --kind informal
	ap meeting add Acme --tier sales --date 2026-12-01 --kind strategic --with Carl --ours Ana --objective "Pilot" "Plan"
	ap member edit Cleo --active no
	"$AP" export >"$T/one.json" || fail "export"
	contains "$T/one.json" '"members": ['
	contains "$T/one.json" '"links": ['
	ACCTPLAN_DB="$T/two.db"
	if on_pg; then ACCTPLAN_DB=$(pg_fresh_db "t$$_copy"); fi
	export ACCTPLAN_DB
	ap import "$T/one.json"
	contains "$T/out" "contact links 1"
	contains "$T/out" "3 new members"
	"$AP" export >"$T/two.json" || fail "export of the copy"
	cmp -s "$T/one.json" "$T/two.json" || fail "export -> import -> export differs: $(diff "$T/one.json" "$T/two.json" | head -30 | tr "\n" "~")"
	if on_pg; then pg_drop_db "t$$_copy" >/dev/null 2>&1; fi
}

test_an_import_names_people_it_knows() {
	team
	ap member add "Ana Lima2" --tier sales
	"$AP" export >"$T/one.json" || fail "export"
	# Into a store that has some of the members: the same name is the same person.
	python3 - "$T/one.json" "$T/bad_owner.json" "$T/bad_with.json" "$T/bad_link.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["accounts"][0]["contacts"][0]["owner"] = "Nobody Here"
json.dump(d, open(sys.argv[2], "w"), indent=2)
d = json.load(open(sys.argv[1]))
d["accounts"][0]["meetings"] = [{"id": 90, "date": "2026-11-01", "tier": "sales", "kind": "tactical",
    "summary": "x", "with": ["Ghost"], "version": 1, "created_at": "2026-11-01T00:00:00Z",
    "updated_at": "2026-11-01T00:00:00Z", "updated_by": ""}]
json.dump(d, open(sys.argv[3], "w"), indent=2)
d = json.load(open(sys.argv[1]))
d["accounts"][0]["links"] = [{"id": 5, "from": "Carl Jung", "to": "Ghost", "kind": "rivals"}]
json.dump(d, open(sys.argv[4], "w"), indent=2)
EOF
	ACCTPLAN_DB="$T/other.db"
	if on_pg; then ACCTPLAN_DB=$(pg_fresh_db "t$$_other"); fi
	export ACCTPLAN_DB
	expect_rc 2 "$AP" import "$T/bad_owner.json"
	contains "$T/err" "contacts[0].owner: unknown member 'Nobody Here'"
	expect_rc 2 "$AP" import "$T/bad_with.json"
	contains "$T/err" "meetings[0].with: unknown contact of this account 'Ghost'"
	expect_rc 2 "$AP" import "$T/bad_link.json"
	contains "$T/err" "links[0]: unknown contact 'Ghost'"
	eq "$(count_rows member list)" 0 "members after refused imports"
	ap member add "Bo Berg" --tier product
	ap import "$T/one.json"
	contains "$T/out" "3 new members"
	eq "$(count_rows member list)" 4 "members after the import"
	if on_pg; then pg_drop_db "t$$_other" >/dev/null 2>&1; fi
}

test_the_brief_prepares_the_next_meeting() {
	team
	ap meeting add Acme --tier sales --date 2026-11-01 --kind tactical --with Dee --ours Ana "Held before"
	ap meeting add Acme --tier sales --date 2026-12-01 --kind strategic --with Carl --with Dee --ours Ana --ours Bo \
		--objective "Agree the pilot" "Pilot review"
	ap brief Acme --tier sales --format md
	contains "$T/out" "Next meeting"
	contains "$T/out" "objective: Agree the pilot"
	contains "$T/out" "Carl Jung: decision-maker, level credible, stance advocate, last met never, held by Bo Berg"
	contains "$T/out" "Dee Frost: payment-releaser, level vendor, stance skeptic, last met 2026-11-01"
	contains "$T/out" "We attend:"
	contains "$T/out" "Bo Berg"
	# History is what was held; the planned one is not in it.
	sed -n '/Recent history/,$p' "$T/out" >"$T/history"
	lacks "$T/history" "Pilot review"
	contains "$T/history" "Held before"
	ap brief Acme --tier product
	lacks "$T/out" "Next meeting"
}

test_the_portfolio_says_who_holds_the_relationships() {
	team
	ap portfolio
	contains "$T/out" "Who holds the relationships"
	contains "$T/out" "Borealis: 1 with Bo Berg alone"
	contains "$T/out" "Who carries the most deep relationships"
	ap contact add Borealis "Gil Ode" --role decision-maker --level vendor
	ap portfolio --format json
	contains "$T/out" '"contact": "Gil Ode"'
	contains "$T/out" '"one_person"'
}

# tests/data/v6.db was written by the previous release (schema 6), and
# v6-export.json is its export by that release: the upgrade keeps every
# record with every value, meetings as held history, contacts held by no
# member yet at level and stance unknown.
test_the_upgrade_from_schema_6_keeps_everything() {
	sqlite_only
	cp "$TOP/tests/data/v6.db" "$T/old.db"
	ACCTPLAN_DB="$T/old.db"
	export ACCTPLAN_DB
	"$AP" export >"$T/new.json" || fail "export after the upgrade: $(cat "$T/new.json")"
	# Upgraded to the store's schema, whatever it is now.
	version=$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$TOP/include/acctplan/store.h")
	python3 - "$TOP/tests/data/v6-export.json" "$T/new.json" "$version" <<'PY' || fail "$(cat "$T/new.json.why")"
import json, sys
old, new = (json.load(open(p)) for p in sys.argv[1:3])
why = []
if new["schema"] != int(sys.argv[3]): why.append("schema %s" % new["schema"])
if "members" in new: why.append("members appeared")
if len(old["accounts"]) != len(new["accounts"]): why.append("accounts differ")
for a, b in zip(old["accounts"], new["accounts"]):
    for k, v in a.items():
        if not isinstance(v, list):
            if b.get(k) != v: why.append("account %s: %s" % (a["name"], k))
            continue
        if len(b[k]) != len(v): why.append("%s of %s: %d, now %d" % (k, a["name"], len(v), len(b[k])))
        for r, q in zip(v, b[k]):
            for f, x in r.items():
                # A driver's one factor is now its chain's one step (below).
                if k == "drivers" and f in ("factor", "factor_unit"): continue
                if q.get(f) != x: why.append("%s #%s %s: %r, now %r" % (k, r.get("id"), f, x, q.get(f)))
            if k == "drivers":
                f, u = r["factor"], r["factor_unit"]
                num = "?" if f is None else "%d" % f if f == int(f) else repr(f)
                want = [] if f is None and not u else [num + (" " + u if u else "")]
                if q.get("steps") != want: why.append("driver #%s steps %r, not %r" % (r["id"], q.get("steps"), want))
    for c in b["contacts"]:
        if (c["owner"], c["level"], c["stance"], c["influence"]) != (None, "unknown", "unknown", None):
            why.append("contact %s: %r" % (c["name"], c))
    for m in b["meetings"]:
        if (m["status"], m["with"], m["ours"], m["objective"], m["outcome"]) != ("held", [], [], "", ""):
            why.append("meeting #%s: %r" % (m["id"], m))
open(sys.argv[2] + ".why", "w").write("; ".join(why))
sys.exit(1 if why else 0)
PY
	# The one-factor driver computes the same demand as a chain of one step:
	# 100 cars x 1.05^years x 2 x 10 %.
	ap driver list Acme --format json
	python3 - "$T/out" <<'PY' || fail "driver after the upgrade: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))[0]
for key, want in (("ours_now", 20.0), ("ours_2y", 100 * 1.05 ** 2 * 2 * 0.1), ("ours_5y", 100 * 1.05 ** 5 * 2 * 0.1)):
    assert abs(d[key] - want) < 1e-9, (key, d[key], want)
assert d["steps"] == "2" and d["complete"] is True, d
PY
	ap meeting list Acme --format csv
	contains "$T/out" "Dinner planned ahead,held"
	ap contact list Acme --tree
	contains "$T/out" "  - Dee Frost"
	# Opened again, nothing left to upgrade: the store takes the new fields.
	ap member add "Ana Lima" --tier sales
	ap contact edit Acme Dee --owner Ana --level credible
}

test_commands_answer_help() {
	for c in "member add" "member list" "member show" "member edit" "member remove" "account relationships" \
		"contact link" "contact unlink"; do
		# shellcheck disable=SC2086
		ap $c --help
		contains "$T/out" "usage: acctplan $c"
	done
}

run_suite
