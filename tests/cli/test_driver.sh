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
	contains "$T/out" 'Acme,1,Parcels shipped,4000000,parcels,,2,,,,8000000,,,,no,growth and share'
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

run_suite
