#!/bin/sh
# Meeting briefs and the portfolio synthesis, on a small portfolio built here
# (the demo portfolio's exact output is pinned in test_reports_demo.sh).
. "$(dirname "$0")/../lib.sh"

# Two accounts whose facts every test below can reason about by hand.
portfolio() {
	ap account add Acme --industry Media --segment key
	ap account add Borealis --industry Logistics --segment strategic
	ap account add Cobalt --industry Health
	ap contact add Acme "Jane Roe" --title CEO --role decision-maker --tier executive
	ap contact add Acme "Bob Smith" --title "Head of Procurement" --role po-issuer --reports-to "Jane Roe"
	ap answer Acme business "They stream films and series to forty million subscribers across Europe." --date 2026-11-01
	ap answer Acme growth growing --source assumption --date 2025-12-01
	ap answer Acme alignment aligned --date 2026-10-01
	ap answer Acme posture shaping --date 2026-10-01
	ap answer Acme demand_outlook rising --date 2026-10-01
	ap answer Acme end_industry "Live sports moves to streaming" --source conversation --date 2026-10-01
	ap answer Borealis alignment diverging
	ap answer Borealis demand_outlook falling
	ap answer Borealis end_customers "Retail chains" --source assumption
	ap endcustomer add Acme Netflux --industry "Streaming media" --trend growing --ask "lower latency for live sports"
	ap endcustomer add Borealis ShopCo --industry Retail --trend shrinking
	ap endcustomer add Borealis Streamy --industry "streaming Media" --trend flat
	ap meeting add Acme --tier product --date 2026-11-01 --kind strategic --news bad --shared no "Our codec roadmap slips a year"
	ap meeting add Acme --tier sales --date 2026-10-01 --kind tactical --news good --shared no "Volume discount agreed"
	ap note Acme "Jane wants a five-year capacity plan before Q2." --tier executive --by Dana --date 2026-11-20
	ap driver add Acme "Monthly video streams" --value 1.2e9 --unit streams --growth 15 \
		--factor 0.5 --factor-unit "GB per stream" --share 30 --product-unit GB
	ap driver add Borealis "Parcels" --value 1e6 --growth -10 --factor 10 --share 2 --product-unit GB
	ap driver add Borealis "Pallets" --value 5e4
}

widest_line() { awk '{ n = length($0); if (n > m) m = n } END { print m + 0 }' "$1"; }

test_brief_text_fits_80_columns_and_has_every_section() {
	portfolio
	ap brief Acme --tier sales
	for s in "Brief: Acme, sales meeting" "At a glance" "Who we meet" "What we know" "What to ask" \
		"What to share" "Recent history" "Demand chain"; do
		contains "$T/out" "$s"
	done
	[ "$(widest_line "$T/out")" -le 80 ] || fail "a line is wider than 80 columns: $(widest_line "$T/out")"
}

test_brief_tier_defaults_to_the_users_home_tier() {
	portfolio
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[user]\nname = Dana\ntier = executive\n' >"$XDG_CONFIG_HOME/acctplan/config.ini"
	ap brief Acme
	contains "$T/out" "Brief: Acme, executive meeting"
	contains "$T/out" "Executive has answered 4 of its 7 questions."
}

test_brief_glance_shows_choices_and_flag_counts() {
	portfolio
	ap brief Acme --tier sales
	contains "$T/out" "Growth             growing"
	contains "$T/out" "Market position    not known"
	contains "$T/out" "Roadmap alignment  aligned"
	grep -qE '^  Flags +[0-9]+ high' "$T/out" || fail "no flag counts: $(grep Flags "$T/out")"
}

test_brief_who_we_meet_lists_roles_holders_and_gaps() {
	portfolio
	ap brief Acme --tier product
	contains "$T/out" "decision-maker  Jane Roe"
	contains "$T/out" "po-issuer       Bob Smith, reports to Jane Roe"
	contains "$T/out" "gap: nobody known as payment-releaser or champion"
	contains "$T/out" "gap: product holds none of these relationships"
}

test_brief_agenda_orders_flagged_questions_most_severe_first() {
	portfolio
	ap brief Acme --tier sales
	sed -n '/^What to ask/,/^What to share/p' "$T/out" >"$T/agenda"
	# growth is an assumption and 357 days old: weak (warn) and stale (info);
	# the three unanswered questions are warn too and follow in the bank's order.
	contains "$T/agenda" "1. Is the customer growing, holding steady or shrinking? (last answered 357"
	contains "$T/agenda" "days ago; the answer rests on assumption, medium confidence)"
	contains "$T/agenda" "2. Does the customer lead its market or follow others? (nobody has answered"
	contains "$T/agenda" "4. Would the customer act as a reference for us?"
	lacks "$T/agenda" "What does the customer sell"
}

test_brief_agenda_follows_snoozed_flags() {
	portfolio
	ap snooze Acme sales_unanswered reference --until 2026-12-31 --reason "asked last week"
	ap brief Acme --tier sales
	lacks "$T/out" "Would the customer act as a reference for us?"
}

test_brief_shares_unshared_bad_news_first_and_good_news_last() {
	portfolio
	ap brief Acme --tier executive
	sed -n '/^What to share/,/^Recent history/p' "$T/out" | grep '^  - ' >"$T/share"
	head -n 1 "$T/share" | grep -q "Bad news from the 2026-11-01 product meeting is not shared yet" ||
		fail "bad news not first: $(cat "$T/share")"
	contains "$T/share" "What Netflux (Streaming media) ask for: lower latency for live sports"
	contains "$T/share" "Where their customers' industry is going: Live sports moves to streaming"
	tail -n 1 "$T/share" | grep -q "Good news from the 2026-10-01 sales meeting" || fail "good news not last"
}

test_brief_history_and_demand_chain() {
	portfolio
	ap brief Acme --tier sales
	contains "$T/out" "2026-11-01  product  strategic  Our codec roadmap slips a year [bad news, not"
	contains "$T/out" "Executive has never met them"
	contains "$T/out" "2026-11-20 executive, Dana: Jane wants a five-year capacity plan before Q2."
	contains "$T/out" "1. Monthly video streams: 1.2 billion streams now"
	contains "$T/out" "x our share 30% = our demand 180 million GB now"
}

test_brief_markdown_renders_tables_and_escapes() {
	portfolio
	ap answer Acme our_role "Encoding for *premium* tiers | CDN" --date 2026-11-01
	ap brief Acme --tier sales --format md
	contains "$T/out" "# Brief: Acme, sales meeting"
	contains "$T/out" "## Who we meet"
	contains "$T/out" "| Role | Contact | Title | Held by |"
	contains "$T/out" "| --- | --- | --- | --- |"
	contains "$T/out" "| Our role | Encoding for \\*premium\\* tiers \\| CDN | 22 days | conversation, medium |"
	contains "$T/out" "1. Is the customer growing"
}

test_brief_wraps_wide_characters_within_80_columns() {
	portfolio
	ap answer Acme business "東京と大阪で動画配信サービスを運営し、毎月の視聴者数は四千万人を超えています。さらに海外展開を計画中です。"
	ap brief Acme --tier sales
	python3 - "$T/out" <<'EOF' || fail "a line is wider than 80 columns on screen"
import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8"):
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip("\n"))
    assert w <= 80, (w, line)
EOF
}

test_brief_written_to_a_file() {
	portfolio
	ap brief Acme --tier executive --format md
	cp "$T/out" "$T/expected.md"
	ap brief Acme --tier executive --format md -o "$T/brief.md"
	contains "$T/out" "wrote the executive brief of Acme to $T/brief.md"
	cmp -s "$T/brief.md" "$T/expected.md" || fail "file differs from standard output"
	ls "$T" | grep -q 'brief.md\.' && fail "temporary file left behind"
	expect_rc 2 "$AP" brief Acme -o "$T/no/such/dir/brief.md"
	contains "$T/err" "acctplan: cannot write '$T/no/such/dir/brief.md'"
	[ ! -e "$T/no" ] || fail "created a directory"
}

test_brief_bad_input_is_refused() {
	portfolio
	expect_rc 2 "$AP" brief Nobody
	contains "$T/err" "acctplan: unknown account 'Nobody'"
	expect_rc 2 "$AP" brief Acme --tier finance
	contains "$T/err" "unknown tier 'finance'"
	expect_rc 2 "$AP" brief Acme --format json
	contains "$T/err" "unknown format 'json' (expected text or md)"
}

test_brief_of_an_empty_account_says_what_is_missing() {
	ap account add Empty
	ap brief Empty --tier executive
	contains "$T/out" "No contacts recorded: nobody knows who decides, who orders and who pays"
	contains "$T/out" "Executive has answered 0 of its 7 questions."
	contains "$T/out" "No demand driver recorded"
	contains "$T/out" "No field notes yet."
}

test_portfolio_groups_industries_with_votes_and_evidence() {
	portfolio
	ap portfolio
	# "Streaming media" and "streaming Media" are one industry; Acme heard it
	# from customers, Borealis assumed it.
	contains "$T/out" "Streaming media  2         1        1     0          1      0     1"
	contains "$T/out" "Retail           1         0        0     1          0      0     1"
	contains "$T/out" "Streaming media - growing: Acme; flat: Borealis"
	contains "$T/out" "heard from customers: Acme"
	contains "$T/out" "1 account has no end customers recorded."
}

test_portfolio_buckets_alignment_posture_and_outlook() {
	portfolio
	ap portfolio
	contains "$T/out" "aligned (1): Acme"
	contains "$T/out" "diverging (1): Borealis"
	contains "$T/out" "not answered (1): Cobalt"
	contains "$T/out" "shaping (1): Acme"
	contains "$T/out" "not answered (2): Borealis and Cobalt"
	contains "$T/out" "rising (1): Acme"
	contains "$T/out" "falling (1): Borealis"
}

test_portfolio_weights_outlook_by_the_demand_chain() {
	portfolio
	ap portfolio --format json
	# Acme: 1.2e9 x 0.5 x 30 % = 1.8e8 GB; Borealis: 1e6 x 10 x 2 % = 2e5 GB;
	# 0.9^5 = 0.59049 -> 118,098 GB in 5 years. Pallets is incomplete.
	python3 - "$T/out" <<'EOF' || fail "demand roll-up: $(head -c 600 "$T/out")"
import json, sys
p = json.load(open(sys.argv[1]))
o = {b["answer"]: b for b in p["demand_outlook"]}
assert o["rising"]["accounts"] == ["Acme"] and o["falling"]["accounts"] == ["Borealis"]
gb = p["demand"]["by_unit"][0]
assert gb["unit"] == "GB" and abs(gb["now"] - 180200000) < 1e-3, gb
f = o["falling"]["demand"][0]
assert abs(f["in_5y"] - 118098) < 1e-6, f
share = p["demand"]["outlook_share_pct"][0]
assert abs(share["rising"] - 100 * 1.8e8 / 1.802e8) < 1e-9, share
assert p["demand"]["incomplete_drivers"] == 1
assert p["demand"]["contradicting"] == [], p["demand"]["contradicting"]
# Pallets has neither the steps after its value nor a unit: Borealis cannot be weighed.
nounit = p["demand"]["outlook_share_pct"][1]
assert nounit["unit"] is None and nounit["rising"] is None, nounit
assert nounit["unknown_accounts"] == [{"account": "Borealis", "outlook": "falling",
	"missing": ["growth", "factor", "share", "product_unit"]}], nounit
assert p["demand"]["accounts_of_unknown_weight"] == ["Borealis"]
EOF
	ap portfolio
	contains "$T/out" "GB (180 million now): rising 100%, steady 0%, falling 0%, not answered 0%"
	contains "$T/out" "- unknown: Borealis (falling; growth, factor and share not given, no product"
	lacks "$T/out" "left out"
}

# A falling account whose chain lacks its growth is not left out of the
# weighting (which then read "rising 100%"): it counts as unknown, named with
# its outlook and the missing step, in text, JSON and CSV.
test_portfolio_weighting_counts_a_chain_missing_a_step_as_unknown() {
	ap account add Acme
	ap account add Borealis
	ap account add Cobalt
	ap answer Acme demand_outlook rising
	ap answer Borealis demand_outlook falling
	ap driver add Acme Streams --value 100 --growth 10 --factor 1 --share 50 --product-unit GB
	ap driver add Borealis Parcels --value 1000 --factor 1 --share 50 --product-unit GB
	ap driver add Cobalt Scans --value 10 --growth 5 --factor 2 --product-unit "CPU hours"
	ap portfolio
	contains "$T/out" "  - GB (50 now): rising 100%, steady 0%, falling 0%, not answered 0%; unknown:"
	contains "$T/out" "    Borealis (falling; growth not given)"
	contains "$T/out" "  - CPU hours: no complete chain; unknown: Cobalt (outlook not answered; share"
	ap portfolio --format json
	python3 - "$T/out" <<'EOF' || fail "weighting: $(head -c 600 "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))["demand"]
gb, cpu = d["outlook_share_pct"]
assert gb["unit"] == "GB" and gb["rising"] == 100 and gb["falling"] == 0, gb
assert gb["unknown_accounts"] == [{"account": "Borealis", "outlook": "falling", "missing": ["growth"]}], gb
assert cpu["unit"] == "CPU hours" and cpu["rising"] is None, cpu
assert cpu["unknown_accounts"] == [{"account": "Cobalt", "outlook": None, "missing": ["share"]}], cpu
assert d["accounts_of_unknown_weight"] == ["Borealis", "Cobalt"], d
EOF
	ap portfolio --format csv
	contains "$T/out" "account,tier,questions,answered,fresh,answered_pct,fresh_pct,last_engagement,days_since_engagement,demand_weight"
	eq "$(grep -c '^Acme,.*,known' "$T/out")" 3 "Acme's rows, known"
	contains "$T/out" "Borealis,executive,7,1,1,14,14,,,unknown"
	contains "$T/out" "Cobalt,sales,5,0,0,0,0,,,unknown"
	# Given its growth, Borealis weighs in: falling is most of GB.
	ap driver edit Borealis "$(db_sql "SELECT id FROM demand_driver WHERE metric = 'Parcels'")" --growth -5
	ap portfolio
	contains "$T/out" "  - GB (550 now): rising 9%, steady 0%, falling 91%, not answered 0%"
	lacks "$T/out" "Borealis (falling"
}

test_portfolio_names_outlooks_their_own_chain_contradicts() {
	portfolio
	ap answer Borealis demand_outlook rising
	ap portfolio
	contains "$T/out" "Borealis says rising; its chain is shrinking"
}

test_portfolio_coverage_csv_counts_fresh_answers_by_the_stale_rules() {
	portfolio
	ap portfolio --format csv
	contains "$T/out" "account,tier,questions,answered,fresh,answered_pct,fresh_pct,last_engagement,days_since_engagement"
	# Acme sales: business (22 days) fresh, growth (357 days) stale at the sales rule's 180 days.
	contains "$T/out" "Acme,sales,5,2,1,40,20,2026-10-01,53"
	contains "$T/out" "Acme,executive,7,4,4,57,57,,"
	ap portfolio --format csv --fresh-days 400
	contains "$T/out" "Acme,sales,5,2,2,40,40,2026-10-01,53"
	expect_rc 2 "$AP" portfolio --fresh-days 0
	contains "$T/err" "--fresh-days: '0' is not a number of days"
}

test_portfolio_freshness_follows_the_users_stale_rules() {
	portfolio
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[rules]\nfile = %s\n' "$T/rules.ini" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '[rule.sales_stale]\nkind = stale\ntier = sales\nseverity = info\nmax_age_days = 400\n' >"$T/rules.ini"
	ap portfolio --format csv
	# growth (357 days old) is fresh within 400 days.
	contains "$T/out" "Acme,sales,5,2,2,40,40,2026-10-01,53"
	ap portfolio
	contains "$T/out" "(sales 400, product 365, executive 180 days"
}

test_portfolio_json_is_complete() {
	portfolio
	ap portfolio --format json
	python3 - "$T/out" <<'EOF' || fail "json: $(head -c 600 "$T/out")"
import json, sys
p = json.load(open(sys.argv[1]))
assert p["as_of"] == "2026-11-23" and p["accounts"] == 3
assert p["fresh_days"] == {"sales": 180, "product": 365, "executive": 180}, p["fresh_days"]
ind = {i["industry"]: i for i in p["end_industries"]}
assert ind["Streaming media"]["trends"]["growing"] == ["Acme"]
assert ind["Streaming media"]["evidence"]["guess"] == ["Borealis"]
assert p["accounts_without_end_customers"] == ["Cobalt"]
assert [b["answer"] for b in p["alignment"]] == ["aligned", "diverging", "unknown", None]
cov = {c["account"]: c for c in p["coverage"]}
assert cov["Acme"]["product"]["last_engagement"] == "2026-11-01" and cov["Acme"]["product"]["days_since"] == 22
assert cov["Cobalt"]["sales"]["days_since"] is None
EOF
}

test_portfolio_of_an_empty_store() {
	ap init
	ap portfolio
	contains "$T/out" "Portfolio synthesis: 0 accounts, 2026-11-23"
	contains "$T/out" "No accounts yet"
	ap portfolio --format json
	python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); assert p["accounts"] == 0 and p["coverage"] == []' "$T/out" ||
		fail "empty json"
}

run_suite
