#!/bin/sh
# The customer's business model canvas: 'account canvas' in text and
# Markdown (compared byte for byte with tests/cli/expected/canvas_*) and
# JSON, the canvas_gap rule over a portfolio, and bad input.
#
# After a deliberate change, regenerate the expected files with
#   ACCTPLAN_UPDATE_EXPECTED=1 BUILD=build sh tests/cli/test_canvas.sh
# and read the diff before committing it.
. "$(dirname "$0")/../lib.sh"

# Acme (key) with five blocks answered, three with where we sit; Borealis
# (growth) with none.
fixture() {
	ap account add Acme --industry Media --segment key
	ap account add Borealis --industry Logistics --segment growth
	ap answer Acme canvas_partners "Film studios licensing their catalogues; two content delivery networks; \
telcos that bundle the service with mobile plans." --source meeting --confidence high --by "Dana Reyes" --date 2026-10-14
	ap answer Acme canvas_partners_ours "One of the two delivery networks runs on our edge servers." \
		--source conversation --by "Dana Reyes" --date 2026-10-14
	ap answer Acme canvas_value "Films and series that start at once on any screen, for one monthly fee, \
with no advertising." --source document --confidence medium --by "Sam Okafor" --date 2026-09-02
	ap answer Acme canvas_value_ours "Our edge cache is why a stream starts in under a second." \
		--source meeting --confidence high --by "Sam Okafor" --date 2026-09-30
	ap answer Acme canvas_segments "Households in eight European countries; a growing share of students on a \
discounted plan." --source research --confidence low --by "Lee Chen" --date 2026-06-01
	ap answer Acme canvas_costs "Content licences first, then delivery and marketing." --source conversation \
		--by "Dana Reyes" --date 2026-11-10
	ap answer Acme canvas_costs_ours "About a fifth of their delivery cost is our licence." --source conversation \
		--confidence medium --by "Dana Reyes" --date 2026-11-10
	ap answer Acme canvas_revenue "Monthly subscriptions, and a premium tier with live sport." \
		--source meeting --by "Lee Chen" --date 2026-11-01
}

widest_line() {
	python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$1"
}

test_canvas_text_at_80_columns() {
	fixture
	pinned canvas_acme_80.txt account canvas Acme
	[ "$(widest_line "$T/out")" -le 80 ] || fail "a line is wider than 80 columns"
	ap account canvas Acme --width 80
	diff -u "$TOP/tests/cli/expected/canvas_acme_80.txt" "$T/out" >/dev/null || fail "--width 80 is not the default"
}

test_canvas_text_at_160_columns() {
	fixture
	pinned canvas_acme_160.txt account canvas Acme --width 160
	[ "$(widest_line "$T/out")" -le 160 ] || fail "a line is wider than 160 columns"
	[ "$(widest_line "$T/out")" -gt 80 ] || fail "nothing used the width"
	grep -q "^┌─ Key partners ─" "$T/out" || fail "160 columns did not draw the grid"
}

# The grid's rows, from its top border to its bottom one, each exactly $2
# columns wide (wide characters count two): no box is cut or pushed out.
grid_width_is() {
	python3 - "$1" "$2" "$T/grid.err" <<'PY' || fail "the grid is not $2 columns wide: $(cat "$T/grid.err")"
import sys, unicodedata
lines, width = open(sys.argv[1], encoding="utf-8").read().split("\n"), int(sys.argv[2])
def cols(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
top = next(i for i, l in enumerate(lines) if l.startswith("\u250c"))
end = next(i for i, l in enumerate(lines) if l.startswith("\u2514"))
bad = [(i, cols(l)) for i, l in enumerate(lines[top:end + 1]) if cols(l) != width]
if bad or end - top < 6:
    open(sys.argv[3], "w").write(repr(bad[:3]))
    sys.exit(1)
PY
}

test_canvas_grid_holds_wide_characters_at_any_width() {
	fixture
	ap answer Acme canvas_segments "東京と大阪の家庭、学生向けの割引プラン。Cafés and naïve users too." --source meeting
	for w in 120 161 233; do
		ap account canvas Acme --width $w
		cp "$T/out" "$T/grid"
		grid_width_is "$T/grid" $w
		grep -q "東京と大阪" "$T/grid" || fail "the wide answer is not in the grid at $w"
	done
	ap account canvas Acme --width 119
	grep -q "^Key partners" "$T/out" || fail "119 columns is not the list"
	if grep -q "┌" "$T/out"; then fail "119 columns drew the grid"; fi
}

test_canvas_markdown_at_80_and_160_columns() {
	fixture
	pinned canvas_acme.md account canvas Acme --format md
	# Markdown is not wrapped: the width changes nothing.
	pinned canvas_acme.md account canvas Acme --format md --width 160
}

test_canvas_json_gives_each_block_its_answer_ours_and_flags() {
	fixture
	ap account canvas Acme --format json
	python3 - "$T/out" <<-'EOF' || fail "canvas JSON: $(cat "$T/out" | head -c 800)"
	import json, sys
	c = json.load(open(sys.argv[1]))
	assert c["account"] == "Acme" and c["as_of"] == "2026-11-23"
	names = [b["block"] for b in c["blocks"]]
	assert names == ["partners", "activities", "resources", "value", "relationships", "channels", "segments",
		"costs", "revenue"], names
	p = c["blocks"][0]
	assert p["label"] == "Key partners"
	assert p["answer"]["question"] == "canvas_partners" and p["answer"]["source"] == "meeting"
	assert p["answer"]["confidence"] == "high" and p["answer"]["by"] == "Dana Reyes"
	assert p["answer"]["date"] == "2026-10-14" and p["answer"]["versions"] == 1
	assert p["ours"]["question"] == "canvas_partners_ours"
	assert p["ours"]["value"].startswith("One of the two delivery networks")
	assert p["flags"] == []
	a = c["blocks"][1]
	assert a["answer"]["value"] is None and a["answer"]["id"] is None and a["ours"]["value"] is None
	assert a["flags"] == ["canvas_gap"]
	assert [f["rule"] for f in c["flags"]] == ["canvas_gap"]
	f = c["flags"][0]
	assert f["message"] == ("Business model canvas incomplete: 4 block(s) unanswered (Key activities, "
		"Key resources, Customer relationships and Channels)"), f["message"]
	assert f["hint_argv"] == ["acctplan", "answer", "Acme", "canvas_activities", "TEXT", "--source", "conversation"]
	EOF
}

test_an_account_outside_the_rules_segments_has_a_canvas_without_flags() {
	fixture
	ap account canvas Borealis
	contains "$T/out" "As of 2026-11-23: 0 of 9 blocks answered; where our product sits is said for 0."
	contains "$T/out" "Not answered yet: Which partners and suppliers does the customer's business lean"
	lacks "$T/out" "flags:"
	lacks "$T/out" "Open flags"
}

test_canvas_gap_is_one_flag_per_key_account_not_one_per_block() {
	fixture
	ap account add Cobalt --segment key
	ap check --format json
	python3 - "$T/out" <<-'EOF' || fail "check: $(head -c 600 "$T/out")"
	import json, sys
	flags = json.load(open(sys.argv[1]))["flags"]
	gaps = [(f["account"], f["severity"], f["question"]) for f in flags if f["kind"] == "canvas_gap"]
	assert gaps == [("Acme", "info", None), ("Cobalt", "info", None)], gaps
	# No other rule flags a block or its companion one by one.
	assert not [f for f in flags if (f["question"] or "").startswith("canvas_")]
	EOF
	# Answering the last blocks closes it.
	for b in activities resources relationships channels; do
		ap answer Acme "canvas_$b" "Known now"
	done
	ap check Acme
	lacks "$T/out" "canvas_gap"
}

test_a_snoozed_canvas_gap_leaves_the_canvas() {
	fixture
	ap snooze Acme canvas_gap --until 2026-12-31 --reason "the canvas workshop is in December"
	ap account canvas Acme
	lacks "$T/out" "canvas_gap"
	lacks "$T/out" "Open flags"
}

test_questions_name_the_group_of_each() {
	ap questions --format csv
	tr -d '\r' <"$T/out" >"$T/q.csv" && mv "$T/q.csv" "$T/out"
	contains "$T/out" "id,tier,type,options,text,source,group"
	contains "$T/out" "business,sales,text,,"
	grep -q '^business,.*,default,none$' "$T/out" || fail "business is not in group none"
	grep -q '^canvas_partners_ours,product,text,,.*,default,canvas$' "$T/out" || fail "canvas_partners_ours: $(cat "$T/out")"
	[ "$(grep -c ',canvas$' "$T/out")" = 18 ] || fail "expected 18 canvas questions"
}

test_the_canvas_survives_export_and_import() {
	fixture
	ap account canvas Acme --format json
	cp "$T/out" "$T/before.json"
	ap export -o "$T/export.json"
	db_wipe
	ap import "$T/export.json"
	ap account canvas Acme --format json
	diff -u "$T/before.json" "$T/out" >"$T/diff" || fail "the canvas changed: $(head -c 800 "$T/diff")"
}

test_a_blank_block_answer_is_refused_and_nothing_written() {
	fixture
	snap >"$T/before"
	expect_rc 2 "$AP" answer Acme canvas_channels "   "
	err_is "answer is empty"
	expect_rc 2 "$AP" answer Acme canvas_channels_ours "$(printf ' \t ')"
	snap >"$T/after"
	cmp -s "$T/before" "$T/after" || fail "a refused answer changed the store"
}

test_bad_canvas_options_are_refused() {
	fixture
	expect_rc 2 "$AP" account canvas Acme --format csv
	err_is "--format: unknown format 'csv' (expected text, md or json)"
	expect_rc 2 "$AP" account canvas Acme --width 39
	err_is "--width: '39' is not a number of columns from 40 to 1000"
	expect_rc 2 "$AP" account canvas Acme --width wide
	err_is "--width: 'wide' is not a number of columns from 40 to 1000"
	expect_rc 2 "$AP" account canvas Nowhere
	expect_rc 2 "$AP" account canvas
}

run_suite
