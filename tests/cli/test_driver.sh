#!/bin/sh
# Demand drivers from the command line: recording, the computed chain, removal, bad numbers.
. "$(dirname "$0")/../lib.sh"

streams() {  # a complete driver: 1.2e9 streams, +15%/year, 0.5 GB each, 30 % ours
	ap driver add Acme "Monthly video streams" --value 1.2e9 --unit streams --growth 15 \
		--factor 0.5 --factor-unit "GB per stream" --share 30% --product-unit GB
}

test_complete_driver_lists_its_chain_step_by_step() {
	ap account add Acme
	streams
	contains "$T/out" "added demand driver #1 to Acme"
	ap driver list Acme
	contains "$T/out" "1. Monthly video streams: 1.2 billion streams now"
	contains "$T/out" "2. grows +15%/year: 1.59 billion in 2 years, 2.41 billion in 5 years"
	contains "$T/out" "(streams)"
	contains "$T/out" "3. x 0.5 GB per stream = customer need 600 million GB now"
	contains "$T/out" "x our share 30% = our demand 180 million GB now, 238 million in 2 years,"
	contains "$T/out" "total in GB: 180 million now, 238 million in 2 years, 362 million in 5 years"
}

test_account_show_gives_the_chain_step_by_step() {
	ap account add Acme
	streams
	ap account show Acme
	contains "$T/out" "Demand chain:"
	contains "$T/out" "Monthly video streams (driver #1)"
	contains "$T/out" "3. x 0.5 GB per stream = customer need 600 million GB now"
}

test_driver_list_json_carries_exact_figures() {
	ap account add Acme
	streams
	ap driver list --format json
	# 1.15^5 = 2.0113571875: 1.2e9 x 2.0113571875 x 0.5 x 0.3 = 362,044,293.75 GB
	python3 - "$T/out" <<'EOF' || fail "json figures: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))[0]
assert d["account"] == "Acme" and d["complete"] is True and d["missing"] == "", d
assert d["growth_pct"] == 15 and d["share_pct"] == 30, d
assert abs(d["ours_now"] - 1.8e8) < 1e-3, d
assert abs(d["ours_2y"] - 238050000) < 1e-3, d
assert abs(d["ours_5y"] - 362044293.75) < 1e-3, d
EOF
}

test_incomplete_driver_is_recorded_and_names_its_missing_steps() {
	ap account add Acme
	ap driver add Acme "Parcels shipped" --value 4e6 --unit parcels --factor 2
	contains "$T/out" "incomplete: growth and share not given: our demand cannot be computed"
	ap driver list Acme --format csv
	contains "$T/out" 'Acme,1,Parcels shipped,4000000,parcels,,2,,,8000000,,,,no,growth and share'
	ap driver list Acme
	contains "$T/out" "our share not given: our implied demand is unknown"
	contains "$T/out" "not in the totals: 1 incomplete driver"
	lacks "$T/out" "total in"
}

test_driver_without_growth_gives_today_only() {
	ap account add Acme
	ap driver add Acme "Engine programmes" --value 14 --factor 22000 --share 60 --product-unit core-hours
	contains "$T/out" "incomplete: growth not given: today's demand only, no projection"
	ap driver list Acme --format csv
	# 14 x 22,000 x 60 % = 184,800 core-hours today; no projection, not complete.
	contains "$T/out" ',core-hours,308000,184800,,,no,growth'
}

test_unlike_units_are_never_summed() {
	ap account add Acme
	ap account add Beta
	streams
	ap driver add Beta "Racks" --value 10 --growth 0 --factor 1 --share 100 --product-unit Gb
	ap driver add Beta "More streams" --value 1e9 --growth 0 --factor 0.5 --share 10 --product-unit GB
	ap driver list
	contains "$T/out" "total in GB: 230 million now"
	contains "$T/out" "(2 drivers)"
	contains "$T/out" "total in Gb: 10 now, 10 in 2 years, 10 in 5 years (1 driver)"
	contains "$T/out" "unlike units are never added together"
}

test_bad_numbers_are_refused_and_change_nothing() {
	ap account add Acme
	before=$(dump)
	for bad in "--value abc" "--value 12abc" "--value 1e400" "--value nan" "--value inf" "--value -5" \
		"--growth -100" "--growth -150%" "--share 100.5" "--share -1" "--share 30%%" "--factor=" "--value= 5"; do
		# shellcheck disable=SC2086
		expect_rc 2 "$AP" driver add Acme Streams $bad
		grep -q '^acctplan: ' "$T/err" || fail "no one-line error for $bad"
	done
	expect_rc 2 "$AP" driver add Acme Streams --share 150
	contains "$T/err" "acctplan: share 150 is out of range (expected a percent from 0 to 100)"
	expect_rc 2 "$AP" driver add Acme Streams --value 12abc
	contains "$T/err" "acctplan: --value: '12abc' is not a finite number"
	expect_rc 2 "$AP" driver add Acme "" --value 1
	contains "$T/err" "metric"
	eq "$(dump)" "$before" "store content"
}

test_driver_for_unknown_account_is_refused() {
	ap init
	expect_rc 2 "$AP" driver add Nobody Streams --value 1
	contains "$T/err" "unknown account 'Nobody'"
}

test_driver_remove_by_id() {
	ap account add Acme
	streams
	ap driver remove Acme "#1"
	contains "$T/out" "removed demand driver #1 from Acme"
	ap driver list Acme
	contains "$T/out" "no demand drivers"
	expect_rc 2 "$AP" driver remove Acme 1
	contains "$T/err" "unknown demand driver #1"
	expect_rc 2 "$AP" driver remove Acme one
	contains "$T/err" "'one' is not a driver id"
}

test_driver_help_explains_the_chain() {
	ap driver add --help
	contains "$T/out" "usage: acctplan driver add ACCOUNT METRIC"
	contains "$T/out" "never computed as if they were zero"
}

# ---- chains of steps ----

wafers() {  # 12 thousand vehicles a year, +8 %, two steps, 25 % ours
	ap driver add Acme "Vehicles built" --value 12 --unit "thousand vehicles per year" --growth 8 \
		--step "40 thousand chips per thousand vehicles" --step "0.004 wafers per thousand chips" --share 25
}

test_a_chain_of_steps_lists_each_step_now_in_2_and_5_years() {
	ap account add Acme
	wafers
	contains "$T/out" "added demand driver #1 to Acme"
	ap driver list Acme
	# 12 x 40 = 480 thousand chips; x 0.004 = 1.92 wafers; x 25 % = 0.48 wafers a year.
	contains "$T/out" "3. x 40 thousand chips per thousand vehicles = 480 thousand chips per year"
	contains "$T/out" "now, 559.9 in 2 years, 705.3 in 5 years"
	contains "$T/out" "4. x 0.004 wafers per thousand chips = customer need 1.92 wafers per year now,"
	contains "$T/out" "5. x our share 25% = our demand 0.48 wafers per year now, 0.5599 in 2 years,"
	ap driver list Acme --format json
	python3 - "$T/out" <<'EOF' || fail "json: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))[0]
assert d["steps"] == "40 thousand chips per thousand vehicles\n0.004 wafers per thousand chips", d
assert d["product_unit"] == "wafers per year", d   # the last step's B per the end use's T
# 1.08^5 = 1.4693280768: 12 x 1.4693280768 x 40 x 0.004 x 0.25 = 0.705277476864
for k, want in (("need_now", 1.92), ("ours_now", 0.48), ("ours_2y", 0.559872), ("ours_5y", 0.705277476864)):
    assert abs(d[k] - want) < 1e-12, (k, d[k])
EOF
}

test_a_step_that_does_not_chain_is_refused_naming_both() {
	ap account add Acme
	refused 2 "step 2 ('0.004 wafers per million chips'): its 'per' part 'million chips' does not name the previous quantity 'thousand chips'" \
		driver add Acme V --value 12 --unit "thousand vehicles per year" \
		--step "40 thousand chips per thousand vehicles" --step "0.004 wafers per million chips"
	refused 2 "step 1 ('40 chips'): its unit must read 'B per vehicles', naming the previous quantity 'vehicles'" \
		driver add Acme V --unit "vehicles per year" --step "40 chips"
	refused 2 "step 1 ('40 chips per vehicle'): the end use has no unit to chain from (give --unit 'A per T', such as 'thousand vehicles per year')" \
		driver add Acme V --step "40 chips per vehicle"
	refused 2 "--product-unit 'GB' is not the unit the chain gives, 'chips per year' (leave it out: the chain gives it)" \
		driver add Acme V --unit "vehicles per year" --step "40 chips per vehicle" --product-unit GB
}

test_bad_steps_and_numbers_are_refused_naming_the_option() {
	ap account add Acme
	wafers
	before=$(snap)
	for bad in "0 chips per vehicle" "-3 chips per vehicle" "nan chips per vehicle" "2e15 chips per vehicle" \
		"inf chips per vehicle" "chips per vehicle" "0x10 chips per vehicle"; do
		expect_rc 2 "$AP" driver add Acme V --unit "vehicles per year" --step "$bad"
		grep -q "^acctplan: step 1" "$T/err" || fail "no message naming the step for '$bad': $(cat "$T/err")"
		expect_rc 2 "$AP" driver step add Acme 1 "$bad"
	done
	for bad in 0 -3 nan 2e15 inf; do
		expect_rc 2 "$AP" driver whatif Acme 1 --at-step 1 --factor "$bad"
	done
	expect_rc 2 "$AP" driver add Acme V --growth -100
	contains "$T/err" "growth -100 is out of range (expected a finite percent above -100)"
	expect_rc 2 "$AP" driver add Acme V --share 101
	contains "$T/err" "share 101 is out of range (expected a percent from 0 to 100)"
	expect_rc 2 "$AP" driver edit Acme 1 --growth -101
	expect_rc 2 "$AP" driver whatif Acme 1 --growth -100
	contains "$T/err" "--growth -100 is out of range"
	expect_rc 2 "$AP" driver whatif Acme 1 --share 150
	contains "$T/err" "--share 150 is out of range"
	expect_rc 2 "$AP" driver whatif Acme 1 --factor 2
	contains "$T/err" "--factor: the chain has 2 steps: say which with --at-step N"
	expect_rc 2 "$AP" driver whatif Acme 1 --at-step 3 --factor 2
	contains "$T/err" "--at-step: '3' is not a step of this chain (1 to 2)"
	expect_rc 2 "$AP" driver whatif Acme 1 --growth 5 --share 5
	contains "$T/err" "give one change"
	eq "$(snap)" "$before" "store content"
}

test_steps_are_added_edited_removed_and_described() {
	ap account add Acme
	wafers
	ap driver step add Acme 1 "300 dies per wafer"
	contains "$T/out" "updated demand driver #1 of Acme (version 2)"
	ap driver step describe Acme 1
	contains "$T/out" "step 3: 300 dies per wafer"
	contains "$T/out" "x 300: 576 dies per year now"
	contains "$T/out" "x our share 25% = our demand 144 dies per year now"
	# The product unit follows the last step.
	ap driver list Acme --format csv
	contains "$T/out" ",dies per year,"
	ap driver step add Acme 1 "2 thousand vehicles per thousand vehicles" --at 1
	ap driver step describe Acme 1
	contains "$T/out" "step 1: 2 thousand vehicles per thousand vehicles"
	contains "$T/out" "step 2: 40 thousand chips per thousand vehicles"
	ap driver step edit Acme 1 1 "1.5 thousand vehicles per thousand vehicles"
	ap driver step remove Acme 1 1
	ap driver step describe Acme 1
	contains "$T/out" "step 1: 40 thousand chips per thousand vehicles"
	lacks "$T/out" "thousand vehicles per thousand vehicles"
	# A removal that breaks the chain is refused: step 2 would follow the end use.
	refused 2 "step 1 ('0.004 wafers per thousand chips'): its 'per' part 'thousand chips' does not name the previous quantity 'thousand vehicles'" \
		driver step remove Acme 1 1
	refused 2 "step: '9' is not a step of this chain (1 to 3)" driver step edit Acme 1 9 "1 x per y"
	refused 2 "driver step: 'move' is not add, edit, remove or describe" driver step move Acme 1
}

test_a_stale_version_changes_no_step() {
	ap account add Acme
	wafers
	ap driver step add Acme 1 "300 dies per wafer" --if-version 1
	expect_rc 4 "$AP" driver step add Acme 1 "2 dies per die" --if-version 1
	before=$(snap)
	expect_rc 4 "$AP" driver step remove Acme 1 3 --if-version 1
	expect_rc 4 "$AP" driver step edit Acme 1 3 "200 dies per wafer" --if-version 1
	eq "$(snap)" "$before" "store content"
	ap driver step edit Acme 1 3 "200 dies per wafer" --if-version 2
}

test_whatif_shows_before_and_after_and_writes_nothing() {
	ap account add Acme
	wafers
	before=$(snap)
	ap driver whatif Acme 1 --growth 20
	contains "$T/out" "before           after            change"
	# 2 years: 12 x 1.2^2 x 0.04 = 0.6912 against 0.559872 (+23.5 %).
	contains "$T/out" "our demand in 2 years      0.5599           0.6912           +0.1313 (+23.5%)"
	contains "$T/out" "nothing was written"
	ap driver whatif Acme 1 --at-step 2 --factor 0.005 --format json
	python3 - "$T/out" <<'EOF' || fail "whatif json: $(cat "$T/out")"
import json, sys
w = json.load(open(sys.argv[1]))
assert w["change"] == "factor" and w["step"] == 2, w
assert w["after"]["factors"] == [40, 0.005], w
assert abs(w["before"]["ours_now"] - 0.48) < 1e-12 and abs(w["after"]["ours_now"] - 0.6) < 1e-12, w
assert abs(w["delta"]["ours_now"] - 0.12) < 1e-12, w
assert abs(w["delta"]["ours_5y"] - 0.705277476864 * 0.25) < 1e-12, w
EOF
	ap driver whatif Acme 1 --share 50 --format json
	python3 -c 'import json,sys; w=json.load(open(sys.argv[1])); assert abs(w["after"]["ours_2y"] - 2 * 0.559872) < 1e-12, w' "$T/out" \
		|| fail "share whatif: $(cat "$T/out")"
	eq "$(snap)" "$before" "store content after what-ifs"
}

test_a_missing_value_in_a_chain_is_named_never_zero() {
	ap account add Acme
	ap driver add Acme V --value 12 --unit "vehicles per year" --growth 8 --step "? chips per vehicle" \
		--step "0.004 wafers per chip" --share 25
	contains "$T/out" "incomplete: factor not given: our demand cannot be computed"
	ap driver list Acme
	contains "$T/out" "x ? chips per vehicle: factor not given, so the customer's need is unknown"
	ap driver list Acme --format csv
	contains "$T/out" ",,,,no,factor,"
	ap driver step edit Acme 1 1 "40 chips per vehicle"
	lacks "$T/out" "incomplete"
}

test_factor_options_make_and_change_a_one_step_chain() {
	ap account add Acme
	streams
	ap driver edit Acme 1 --factor 0.25
	ap driver list Acme --format json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))[0]; assert d["steps"] == "0.25 GB per stream", d' "$T/out" \
		|| fail "one step: $(cat "$T/out")"
	wafers
	refused 2 "--factor: the chain has 2 steps; change one of them with 'driver step edit'" driver edit Acme 2 --factor 3
	refused 2 "--factor and the steps: give the chain as steps, or its one step as the factor, not both" \
		driver add Acme W --step "1 x per y" --factor 2
}

test_chains_round_trip_through_export_and_import() {
	ap account add Acme
	wafers
	ap driver add Acme "Half known" --value 3 --unit "boxes per day" --step "? pallets per box"
	ap export -o "$T/one.json"
	db_wipe
	ap import "$T/one.json"
	ap export -o "$T/two.json"
	cmp -s "$T/one.json" "$T/two.json" || fail "export -> import -> export differs: $(diff "$T/one.json" "$T/two.json" | head -20)"
	contains "$T/two.json" '"steps": ['
	lacks "$T/two.json" '"factor"'
}

test_an_older_documents_factor_imports_as_the_one_step() {
	ap init
	cat >"$T/old.json" <<'EOF'
{"acctplan_export": 1, "accounts": [{"name": "Acme", "drivers": [
  {"metric": "Hours", "metric_unit": "million hours per month", "value": 410, "growth": 18,
   "factor": 2600, "factor_unit": "TB egress per million hours", "share": 35, "product_unit": "TB egress per month"},
  {"metric": "Unknown", "value": 1, "growth": null, "factor": null, "factor_unit": "", "share": null, "product_unit": ""}]}]}
EOF
	ap import "$T/old.json"
	ap driver list Acme --format json
	python3 - "$T/out" <<'EOF' || fail "old import: $(cat "$T/out")"
import json, sys
a, b = json.load(open(sys.argv[1]))
assert a["steps"] == "2600 TB egress per million hours", a
assert abs(a["ours_now"] - 373100) < 1e-6 and abs(a["ours_5y"] - 410 * 1.18 ** 5 * 2600 * 0.35) < 1e-6, a
assert b["steps"] == "" and b["complete"] is False, b
EOF
	cat >"$T/both.json" <<'EOF'
{"acctplan_export": 1, "accounts": [{"name": "Beta", "drivers": [
  {"metric": "Hours", "factor": 2, "steps": ["3 x per y"]}]}]}
EOF
	before=$(snap)
	expect_rc 2 "$AP" import "$T/both.json"
	contains "$T/err" "not both"
	eq "$(snap)" "$before" "store content"
}

run_suite
