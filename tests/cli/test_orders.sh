#!/bin/sh
# Orders: what the customer bought, by period, in exact money. Add, list,
# edit and remove; the CSV import, all or nothing; the refusals that write
# nothing; the round trip through export and import.
. "$(dirname "$0")/../lib.sh"

two() {
	ap account add Acme --segment key
	ap account add "Borealis AG"
}

test_an_order_is_added_listed_edited_and_removed() {
	two
	ap order add Acme --period 2026-Q1 --amount 12345.67 --currency EUR
	eq "$(cat "$T/out")" "added order #1 to Acme: 2026-Q1 12345.67 EUR" "message"
	ap order add Acme --period 2026-Q2 --amount -50 --currency JPY --product widgets
	ap order add "Borealis AG" --period 2026-07 --amount 2000 --currency USD
	ap order list --format csv
	eq "$(tr -d '\r' <"$T/out")" "account,period,product,amount,currency,id,version
Acme,2026-Q1,,12345.67,EUR,1,1
Acme,2026-Q2,widgets,-50,JPY,2,1
Borealis AG,2026-07,,2000.00,USD,3,1" "listing"
	ap order list Acme --format json
	python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))
assert [x["amount"] for x in a] == [12345.67, -50] and a[0]["currency"] == "EUR", a' "$T/out" || fail "json: $(cat "$T/out")"
	eq "$(db_sql "SELECT amount FROM customer_order WHERE id = 1")" 1234567 "stored in cents"
	ap order edit 1 --amount 100.5
	eq "$(cat "$T/out")" "order #1 of Acme: 2026-Q1 100.50 EUR" "edit"
	expect_rc 4 "$AP" order edit 1 --amount 7 --if-version 1
	ap order remove 3
	eq "$(cat "$T/out")" "removed order #3 of Borealis AG (2026-07)" "remove"
	ap order list "Borealis AG"
	eq "$(cat "$T/out")" "no orders" "empty"
}

test_bad_orders_write_nothing() {
	two
	ap order add Acme --period 2026-Q1 --amount 1 --currency EUR
	refused 2 "Acme already has an order for 2026-Q1 in EUR (#1): change it with 'acctplan order edit 1'" \
		order add Acme --period 2026-Q1 --amount 2 --currency EUR
	refused 2 "Acme books its orders by quarters (2026-Q1), not by months: one account and product cannot mix months and quarters" \
		order add Acme --period 2026-02 --amount 2 --currency EUR
	refused 2 "--period: '2026-Q5' is not a period (a month YYYY-MM or a quarter YYYY-Q1 to YYYY-Q4)" \
		order add Acme --period 2026-Q5 --amount 2 --currency EUR
	refused 2 "--period: '2026-13' is not a period (a month YYYY-MM or a quarter YYYY-Q1 to YYYY-Q4)" \
		order add Acme --period 2026-13 --amount 2 --currency EUR --product other
	refused 2 "--amount: '1.234' has more decimals than EUR has (2)" \
		order add Acme --period 2026-Q2 --amount 1.234 --currency EUR
	refused 2 "--currency: unknown currency 'EUX' (an ISO 4217 code in capitals, like EUR, USD, GBP, JPY)" \
		order add Acme --period 2026-Q2 --amount 1 --currency EUX
	refused 2 "--amount: '1,000.00' is not an amount (the decimals follow a point, and there are no thousands separators)" \
		order add Acme --period 2026-Q2 --amount 1,000.00 --currency EUR
	refused 2 "'x' is not an order id (see 'acctplan order list')" order edit x --amount 1
}

csv() { printf '%s\r\n' "$@" >"$T/orders.csv"; }

test_import_is_all_or_nothing_and_idempotent() {
	two
	printf '\357\273\277' >"$T/orders.csv"
	printf '%s\r\n' "account,period,amount,currency,product" "Acme,2026-Q1,100.50,EUR," \
		"\"Borealis AG\",2026-07,2000,USD,gears" "Acme,2026-Q1,-20,EUR,returns" >>"$T/orders.csv"
	ap order import "$T/orders.csv"
	eq "$(cat "$T/out")" "imported 3 orders from $T/orders.csv (0 unchanged)" "first"
	ap order import "$T/orders.csv"
	eq "$(cat "$T/out")" "imported 0 orders from $T/orders.csv (3 unchanged)" "twice"
	before=$(snap)
	csv "account,period,amount,currency,product" "Acme,2026-Q1,999,EUR," "Nope,2026-Q1,1,EUR," "Acme,2026-Q2,1.5,JPY,"
	expect_rc 2 "$AP" order import "$T/orders.csv"
	contains "$T/err" "acctplan: $T/orders.csv:3: no account 'Nope' (see 'acctplan account list')"
	contains "$T/err" "acctplan: $T/orders.csv:4: amount: '1.5' has more decimals than JPY has (0)"
	contains "$T/err" "acctplan: $T/orders.csv: 2 bad rows (above); nothing imported"
	eq "$(snap)" "$before" "store after a refused import"
	csv "account,period,amount,currency,product" "Acme,2026-05,1,EUR," "Acme,2026-05,2,EUR,returns" \
		"Acme,2026-Q3,1,EUR,new" "Acme,2026-09,1,EUR,new"
	expect_rc 2 "$AP" order import "$T/orders.csv"
	contains "$T/err" "$T/orders.csv:4: 2026-Q3 by quarter where line 5 has 2026-09: one account and product cannot mix"
	csv "account,period,amount,currency,product" "Acme,2026-05,1,EUR,"
	expect_rc 2 "$AP" order import "$T/orders.csv"
	contains "$T/err" "$T/orders.csv:2: the account books its orders by quarters (2026-Q1): one account and product cannot mix months and quarters"
	eq "$(snap)" "$before" "store after refused imports"
	# Another amount for an order there: refused, unless the file's periods replace the store's.
	csv "account,period,amount,currency,product" "Acme,2026-Q1,999,EUR,"
	expect_rc 2 "$AP" order import "$T/orders.csv"
	contains "$T/err" "$T/orders.csv:2: order #1 has this account, period, product and currency with another amount"
	ap order import "$T/orders.csv" --replace-periods
	ap order list Acme --format csv
	eq "$(tail -n +2 "$T/out" | tr -d '\r' | cut -d, -f2-5)" "2026-Q1,,999.00,EUR" "Acme's 2026-Q1 replaced"
}

test_import_refuses_bad_files_naming_the_line() {
	two
	before=$(snap)
	csv "account,period,amount,currency" "Acme,2026-Q1,1,EUR"
	refused 2 "$T/orders.csv:1: no column 'product' (the header names account, period, amount, currency and product)" \
		order import "$T/orders.csv"
	csv "account,period,amount,currency,product,note" "Acme,2026-Q1,1,EUR,,x"
	refused 2 "$T/orders.csv:1: unknown column 'note' (expected account, period, amount, currency, product)" \
		order import "$T/orders.csv"
	csv "account;period;amount;currency;product" "Acme;2026-Q1;1,50;EUR;"
	refused 2 "$T/orders.csv:1: the columns are separated by ';' (and the amounts may have decimal commas): read it with --delimiter ';' --decimal-comma" \
		order import "$T/orders.csv"
	ap order import "$T/orders.csv" --delimiter ';' --decimal-comma
	eq "$(db_sql "SELECT amount FROM customer_order")" 150 "decimal comma"
	before=$(snap)
	# Mixed encodings: one line in Latin-1.
	printf 'account,period,amount,currency,product\nAcme,2026-Q2,1,EUR,caf\351\n' >"$T/orders.csv"
	expect_rc 2 "$AP" order import "$T/orders.csv"
	contains "$T/err" "$T/orders.csv:2: not UTF-8 text (save the file as UTF-8)"
	# A bad row deep in a big file: all or nothing, the line named.
	python3 -c 'import sys
rows = ["account,period,amount,currency,product"]
for i in range(10000):
    rows.append("Acme,%d-%02d,%d.%02d,EUR,p%d" % (2000 + i // 12 % 26, i % 12 + 1, i, i % 100, i // 312))
rows[5000] = "Acme,2026-13,1,EUR,bad"
open(sys.argv[1], "w").write("\n".join(rows) + "\n")' "$T/big.csv"
	expect_rc 2 "$AP" order import "$T/big.csv"
	contains "$T/err" "$T/big.csv:5001: period: '2026-13' is not a period"
	eq "$(snap)" "$before" "store after refused imports"
	sed -i 's/^Acme,2026-13,1,EUR,bad$/Acme,2026-12,1,EUR,bad/' "$T/big.csv"
	ap order import "$T/big.csv"
	contains "$T/out" "imported 10000 orders"
}

test_orders_round_trip_through_export_and_import() {
	two
	ap order add Acme --period 2026-Q1 --amount 12345.67 --currency EUR --product licences
	ap order add Acme --period 2026-Q1 --amount -1 --currency JPY
	ap export -o "$T/one.json"
	grep -q '"orders": \[' "$T/one.json" || fail "no orders in the export"
	db_wipe
	ap import "$T/one.json"
	contains "$T/out" "orders 2"
	ap export -o "$T/two.json"
	cmp "$T/one.json" "$T/two.json" || fail "export differs after the round trip: $(diff "$T/one.json" "$T/two.json")"
}

# [money] in config.ini, checked at its line like every key.
test_money_config_is_checked_at_its_line() {
	two
	printf '[money]\ncurrency = EUX\n' >"$T/m1.ini"
	refused 2 "$T/m1.ini:2: [money] currency: unknown currency 'EUX' (an ISO 4217 code in capitals, like EUR, USD, GBP, JPY)" \
		--config "$T/m1.ini" order list
	printf '[money]\nrate.USD = 0.92\n' >"$T/m2.ini"
	refused 2 "$T/m2.ini:2: [money] rate.USD: a rate converts into the reporting currency; give [money] currency too" \
		--config "$T/m2.ini" order list
	printf '[money]\ncurrency = EUR\nrate.USD = -1\n' >"$T/m3.ini"
	refused 2 "$T/m3.ini:3: [money] rate.USD: '-1' is not a rate (a positive decimal, up to 9 decimals, below 1,000,000,000)" \
		--config "$T/m3.ini" order list
	printf '[money]\ncurrency = EUR\nrates = 1\n' >"$T/m4.ini"
	refused 2 "$T/m4.ini:3: [money] has no key 'rates' (expected currency, or rate.CUR for a currency CUR)" \
		--config "$T/m4.ini" order list
	printf '[money]\ncurrency = EUR\nrate.USD = 0.92\nrate.JPY = 0.0061\n' >"$T/ok.ini"
	ap --config "$T/ok.ini" order list
}

# account show: the trailing twelve months (today's month and the eleven
# before; a quarter by its first month), per currency, added up only with
# a rate for each from [money].
test_account_show_gives_the_orders_of_twelve_months() {
	two
	ap order add Acme --period 2026-Q1 --amount 1234567.5 --currency EUR
	ap order add Acme --period 2026-Q2 --amount 100000 --currency JPY
	ap order add Acme --period 2025-Q4 --amount 9 --currency EUR --product old
	ap order add Acme --period 2025-12 --amount 1 --currency EUR --product monthly
	ap account show Acme
	contains "$T/out" "Orders, 2025-12 to 2026-11: 1,234,568.50 EUR + 100,000 JPY"
	lacks "$T/out" " = "
	printf '[money]\ncurrency = EUR\nrate.JPY = 0.0061\n' >"$T/ok.ini"
	ap --config "$T/ok.ini" account show Acme
	contains "$T/out" "Orders, 2025-12 to 2026-11: 1,234,568.50 EUR + 100,000 JPY = 1,235,178.50 EUR"
	printf '[money]\ncurrency = USD\nrate.EUR = 1.08\n' >"$T/usd.ini"
	ap --config "$T/usd.ini" account show Acme
	contains "$T/out" "(no rate for JPY in [money]: not added up)"
	ap --config "$T/ok.ini" account show Acme --format json
	python3 -c 'import json, sys
o = json.load(open(sys.argv[1]))["orders"]
assert o["from"] == "2025-12" and o["to"] == "2026-11", o
assert o["by_currency"] == [{"currency": "EUR", "amount": 1234568.5}, {"currency": "JPY", "amount": 100000}], o
assert o["total"] == 1235178.5 and o["currency"] == "EUR", o' "$T/out" || fail "json: $(cat "$T/out")"
	ap account show "Borealis AG"
	lacks "$T/out" "Orders,"
}

# portfolio [ARGS]: its text with each paragraph on one line (tables keep
# theirs), so a sentence is found wherever the width broke it.
portfolio() {
	ap "$@" portfolio
	awk 'NF == 0 { if (p != "") print p; p = ""; print; next }
		/^  / { if (p != "") print p; p = ""; print; next }
		{ p = p == "" ? $0 : p " " $0 }
		END { if (p != "") print p }' "$T/out" >"$T/flat"
	mv "$T/flat" "$T/out"
}

# portfolio: each account's revenue of the trailing twelve months, the part
# at accounts at risk and the outlook weighted by revenue; currencies added
# up only with their rates.
test_portfolio_gives_revenue_at_risk_and_the_outlook_by_revenue() {
	two
	ap account add Cobalt
	ap order add Acme --period 2026-Q1 --amount 6000 --currency EUR
	ap order add Acme --period 2026-Q2 --amount 3000 --currency EUR --product spare
	ap order add "Borealis AG" --period 2026-05 --amount 1000 --currency EUR
	ap order add "Borealis AG" --period 2025-11 --amount 5000 --currency EUR   # before the window
	ap answer "Borealis AG" posture catching-up
	ap answer Acme demand_outlook rising
	portfolio
	contains "$T/out" "10,000.00 EUR from 2 accounts over the trailing twelve months"
	contains "$T/out" "At risk: 1,000.00 EUR (10%) at 1 account whose roadmap diverges"
	contains "$T/out" "Demand outlook weighted by revenue: rising 90%, steady 0%, falling 0%, not answered 10%."
	grep -Eq '^  Acme +9,000.00 EUR \(90%\) +-$' "$T/out" || fail "Acme's row: $(cat "$T/out")"
	grep -Eq '^  Borealis AG +1,000.00 EUR \(10%\) +catching up$' "$T/out" || fail "Borealis's row: $(cat "$T/out")"
	! grep -Eq '^  Cobalt +[0-9,.]+ [A-Z]{3}' "$T/out" || fail "Cobalt has no orders, yet a revenue row"
	ap portfolio --format json
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["revenue"]
assert r["total"]["by_currency"] == [{"currency": "EUR", "amount": 10000}], r
assert r["at_risk"]["by_currency"] == [{"currency": "EUR", "amount": 1000}] and r["at_risk_pct"] == 10, r
assert [(o["outlook"], o["pct"]) for o in r["by_outlook"]] == [("rising", 90), ("steady", 0), ("falling", 0), ("not answered", 10)], r
assert r["accounts"] == [
    {"account": "Acme", "amount": 9000, "currency": "EUR", "share_pct": 90, "at_risk": []},
    {"account": "Borealis AG", "amount": 1000, "currency": "EUR", "share_pct": 10, "at_risk": ["catching-up"]}], r' \
		"$T/out" || fail "json: $(cat "$T/out")"
	# Dollars without a rate: totals per currency, no shares, nothing added up.
	ap order add Cobalt --period 2026-Q3 --amount 500 --currency USD
	portfolio
	contains "$T/out" "10,000.00 EUR + 500.00 USD from 3 accounts"
	contains "$T/out" "Demand outlook weighted by revenue: not given, the revenue is in several currencies"
	grep -Eq '^  Acme +9,000.00 EUR +-$' "$T/out" || fail "a share without a common currency: $(cat "$T/out")"
	printf '[money]\ncurrency = EUR\nrate.USD = 0.8\n' >"$T/ok.ini"
	portfolio --config "$T/ok.ini"
	contains "$T/out" "10,000.00 EUR + 500.00 USD = 10,400.00 EUR from 3 accounts"
	grep -Eq '^  Cobalt +400.00 EUR \(4%\) +-$' "$T/out" || fail "Cobalt converted: $(cat "$T/out")"
	ap --config "$T/ok.ini" portfolio --format json
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["revenue"]
assert r["total"]["total"] == 10400 and r["total"]["currency"] == "EUR", r
assert r["accounts"][-1] == {"account": "Cobalt", "amount": 400, "currency": "EUR", "share_pct": 3.8, "at_risk": []}, r' \
		"$T/out" || fail "json converted: $(cat "$T/out")"
}

test_portfolio_without_orders_says_how_to_record_them() {
	two
	portfolio
	contains "$T/out" "No orders in the trailing twelve months (acctplan order add, or acctplan order import FILE.csv)."
}

# account show and the brief: the growth of orders over the eight complete
# quarters before today's (2024-Q4 to 2026-Q3 on 2026-11-23), months
# adding up into their quarter, against each chain with a growth.
test_order_growth_against_the_chain_in_account_show_and_the_brief() {
	two
	# Halving every quarter: (1/16 - 1) x 100 = -93.75 %/yr; 2024-Q4 in
	# three months, today's quarter left out.
	ap order add Acme --period 2024-10 --amount 8000 --currency EUR
	ap order add Acme --period 2024-11 --amount 4000 --currency EUR
	ap order add Acme --period 2024-12 --amount 4000 --currency EUR
	ap order add Acme --period 2025-Q1 --amount 8000 --currency EUR --product b
	ap order add Acme --period 2025-Q2 --amount 4000 --currency EUR --product b
	ap order add Acme --period 2025-Q3 --amount 2000 --currency EUR --product b
	ap order add Acme --period 2026-Q4 --amount 999999 --currency EUR --product b
	ap driver add Acme "Hours streamed" --value 10 --unit "hours per year" --growth 18 --step "2 GB per hour" --share 10
	ap driver add Acme "Cars built" --value 10 --unit "cars per year"
	ap account show Acme
	contains "$T/out" "Order growth: -94 %/yr over 4 quarters (2024-Q4 to 2026-Q3, EUR); the chain 'Hours streamed' implies +18 %/yr: orders trail it by 112 points"
	lacks "$T/out" "Cars built' implies"
	ap account show Acme --format json
	python3 -c 'import json, sys
g = json.load(open(sys.argv[1]))["order_growth"]
assert g["why"] == "ok" and g["quarters"] == 4 and g["growth"] == -93.8 and g["currency"] == "EUR", g
assert g["from"] == "2024-Q4" and g["to"] == "2026-Q3", g
assert g["chains"] == [{"driver": 1, "metric": "Hours streamed", "growth": 18, "gap": 111.8}], g' "$T/out" ||
		fail "json: $(cat "$T/out")"
	ap brief Acme
	contains "$T/out" "Order growth: -94 %/yr over 4 quarters"
	ap check Acme
	contains "$T/out" "orders_diverge: Orders grow -94 %/yr over 4 quarters, the chain 'Hours streamed' implies +18 %/yr: 112 points apart"
	# Three quarters are too few; two currencies need a rate for each.
	ap order add "Borealis AG" --period 2026-Q1 --amount 10 --currency EUR
	ap order add "Borealis AG" --period 2026-Q2 --amount 10 --currency EUR
	ap order add "Borealis AG" --period 2026-Q3 --amount 10 --currency USD
	ap account show "Borealis AG"
	contains "$T/out" "Order growth: none: orders in several currencies and no reporting currency in [money]"
	printf '[money]\ncurrency = EUR\nrate.USD = 0.9\n' >"$T/ok.ini"
	ap --config "$T/ok.ini" account show "Borealis AG"
	contains "$T/out" "Order growth: none: only 3 quarters with orders in 2024-Q4 to 2026-Q3 (4 needed)"
	ap --config "$T/ok.ini" account show "Borealis AG" --format json
	python3 -c 'import json, sys
g = json.load(open(sys.argv[1]))["order_growth"]
assert g["why"] == "few_quarters" and g["growth"] is None and g["quarters"] == 3, g' "$T/out" ||
		fail "json: $(cat "$T/out")"
}

# orders_missing: a key account without an order for a period begun in the
# last six months, once the store records orders at all.
test_orders_missing_flags_a_key_account_that_stopped_ordering() {
	two
	ap check Acme
	lacks "$T/out" "orders_missing"
	ap order add "Borealis AG" --period 2026-Q3 --amount 10 --currency EUR
	ap check Acme
	contains "$T/out" "orders_missing: No order from this key account for a period that began in the last 6 months (last: never)"
	ap order add Acme --period 2026-05 --amount 10 --currency EUR
	ap check Acme
	contains "$T/out" "(last: 2026-05)"
	ap order add Acme --period 2026-06 --amount 10 --currency EUR
	ap check Acme
	lacks "$T/out" "orders_missing"
	ap check "Borealis AG"
	lacks "$T/out" "orders_missing"
}

# portfolio: an account whose orders diverge from its chain has its revenue
# at risk, as the orders_diverge rules in force judge it (15 points shipped).
test_portfolio_counts_orders_off_their_chain_as_at_risk() {
	two
	# Acme: 1,000 EUR a quarter, flat; its chain grows 15 %/yr, then 16.
	for q in 2025-Q1 2025-Q2 2025-Q3 2025-Q4 2026-Q1 2026-Q2 2026-Q3; do
		ap order add Acme --period $q --amount 1000 --currency EUR
	done
	ap driver add Acme Hours --value 10 --unit "hours per year" --growth 15 --step "2 GB per hour" --share 10
	portfolio
	contains "$T/out" "At risk: nothing"
	ap driver edit Acme 1 --growth 16
	portfolio
	contains "$T/out" "At risk: 3,000.00 EUR (100%) at 1 account"
	grep -Eq '^  Acme +3,000.00 EUR \(100%\) +orders off their chain$' "$T/out" || fail "Acme's row: $(cat "$T/out")"
	ap portfolio --format json
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["revenue"]
assert r["accounts"][0]["at_risk"] == ["orders-diverge"], r' "$T/out" || fail "json: $(cat "$T/out")"
	# Without an orders_diverge rule in force, orders are not compared.
	printf '[rule.orders_diverge]\nenabled = false\n' >"$T/rules.ini"
	printf '[rules]\nfile = %s\n' "$T/rules.ini" >"$T/cfg.ini"
	portfolio --config "$T/cfg.ini"
	contains "$T/out" "At risk: nothing"
}

run_suite
