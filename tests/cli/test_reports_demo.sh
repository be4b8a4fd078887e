#!/bin/sh
# Briefs, the portfolio synthesis and the demand chains of the demo portfolio,
# compared byte for byte with tests/cli/expected/demo_*. The demo's dates are
# relative to today (pinned by the harness), so the output is fixed: a change
# to the reports, the rules or the demo shows up here as a diff.
#
# After a deliberate change, regenerate the files with
#   ACCTPLAN_UPDATE_EXPECTED=1 BUILD=build sh tests/cli/test_reports_demo.sh
# and read the diff before committing it.
. "$(dirname "$0")/../lib.sh"

test_demo_portfolio_text() {
	ap demo
	pinned demo_portfolio.txt portfolio
}

test_demo_portfolio_json() {
	ap demo
	pinned demo_portfolio.json portfolio --format json
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/out" || fail "not JSON"
}

test_demo_portfolio_coverage_csv() {
	ap demo
	pinned demo_portfolio.csv portfolio --format csv
}

test_demo_brief_executive_text() {
	ap demo
	pinned demo_brief_streamwave_executive.txt brief "Streamwave Media" --tier executive
}

test_demo_brief_sales_markdown() {
	ap demo
	pinned demo_brief_voss_sales.md brief "Voss Fahrzeugtechnik" --tier sales --format md
}

test_demo_brief_product_text() {
	ap demo
	pinned demo_brief_eastmoor_product.txt brief "Eastmoor University" --tier product
}

test_demo_demand_chains() {
	ap demo
	pinned demo_drivers.txt driver list
	pinned demo_drivers.json driver list --format json
}

run_suite
