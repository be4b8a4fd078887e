#!/bin/sh
# The rules engine from the command line: check, snooze, rules, and rule files
# that are wrong in every way the engine promises to report.
. "$(dirname "$0")/../lib.sh"

# A small portfolio: Acme diverges (critical), Bravo is merely unknown.
seed() {
	ap account add Acme --segment key
	ap account add Bravo --segment growth
	ap answer Acme alignment diverging --source meeting --confidence high
}

# user_rules TEXT: make TEXT the user's rules file, through config.ini.
user_rules() {
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[rules]\nfile = %s\n' "$T/my-rules.ini" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '%s\n' "$1" >"$T/my-rules.ini"
}

# bad_rules TEXT LINE WHAT: check refuses the file with "FILE:LINE: ...WHAT", exit 2, no output.
bad_rules() {
	user_rules "$1"
	expect_rc 2 "$AP" check
	contains "$T/err" "acctplan: $T/my-rules.ini:$2: "
	contains "$T/err" "$3"
	eq "$(wc -l <"$T/err")" 1 "lines on stderr"
	eq "$(wc -c <"$T/out")" 0 "bytes on stdout"
}

# ---- check ----

test_check_lists_most_severe_first_grouped_by_account_with_a_summary() {
	seed
	ap check
	head -n 2 "$T/out" >"$T/head"
	contains "$T/head" "Acme"
	contains "$T/head" "critical  executive  roadmap_diverging/alignment: The customer's roadmap is diverging"
	contains "$T/out" "-> acctplan brief Acme --tier executive"
	contains "$T/out" "Bravo"
	tail -n 1 "$T/out" >"$T/sum"
	contains "$T/sum" "flags on 2 accounts: 1 critical, "
	# Acme (worst: critical) comes before Bravo (worst: high).
	a=$(grep -n '^Acme$' "$T/out" | cut -d: -f1)
	b=$(grep -n '^Bravo$' "$T/out" | cut -d: -f1)
	[ "$a" -lt "$b" ] || fail "Acme should come before Bravo"
}

test_check_fail_on_exits_1_at_or_above_the_severity_only() {
	seed
	expect_rc 1 "$AP" check --fail-on critical
	expect_rc 1 "$AP" check --fail-on warn
	expect_rc 0 "$AP" check Bravo --fail-on critical
	expect_rc 1 "$AP" check Bravo --fail-on high
	expect_rc 2 "$AP" check --fail-on severe
	contains "$T/err" "acctplan: --fail-on: unknown severity 'severe'"
}

test_check_json_has_flags_and_summary_with_the_agreed_keys() {
	seed
	ap check --format json
	python3 - "$T/out" <<-'EOF' || fail "json shape: $(cat "$T/out" | head -c 300)"
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert sorted(d) == ["flags", "summary"], d.keys()
	keys = ["account", "rule", "kind", "tier", "question", "severity", "message", "hint", "hint_argv", "snoozed",
	    "snooze", "in_hand"]
	for f in d["flags"]:
	    assert list(f) == keys, list(f)
	    assert f["snoozed"] is False and f["snooze"] is None and f["in_hand"] is None
	    assert f["hint_argv"][:1] == ["acctplan"] and f["account"] in f["hint_argv"], f
	first = d["flags"][0]
	assert (first["account"], first["rule"], first["severity"], first["question"]) == \
	    ("Acme", "roadmap_diverging", "critical", "alignment"), first
	assert any(f["question"] is None for f in d["flags"])
	order = ["critical", "high", "warn", "info"]
	ranks = [order.index(f["severity"]) for f in d["flags"]]
	assert ranks == sorted(ranks), "not most severe first"
	s = d["summary"]
	assert s["critical"] == 1 and s["accounts"] == 2 and s["snoozed"] == 0
	assert s["total"] == len(d["flags"]) == s["critical"] + s["high"] + s["warn"] + s["info"]
	EOF
}

test_check_csv_has_a_header_row_and_one_row_per_flag() {
	seed
	ap check --format csv
	eq "$(head -n 1 "$T/out" | tr -d '\r')" \
		"account,rule,kind,tier,question,severity,message,hint,snoozed,snooze_until,snooze_by,snooze_created,snooze_reason,in_hand_owner,in_hand_due" \
		"header"
	ap check --format json
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["flags"]))' "$T/out")
	ap check --format csv
	eq "$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline="")))) - 1)' "$T/out")" "$n" "rows"
}

test_check_json_and_csv_escape_names_with_quotes_commas_and_backslashes() {
	name='Quote "Q", Back\slash & Co'
	ap account add "$name"
	ap check --format json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert {f["account"] for f in d["flags"]} == {sys.argv[2]}; assert sys.argv[2] in d["flags"][0]["hint"]' "$T/out" "$name" \
		|| fail "json escaping: $(head -c 300 "$T/out")"
	ap check --format csv
	python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); assert {x[0] for x in r[1:]} == {sys.argv[2]}' "$T/out" "$name" \
		|| fail "csv escaping: $(head -c 300 "$T/out")"
}

test_check_tier_and_severity_filter_the_rules() {
	seed
	ap check --tier sales --format csv
	lacks "$T/out" ",executive,"
	contains "$T/out" ",sales,"
	ap check --severity high --format csv
	lacks "$T/out" ",warn,"
	lacks "$T/out" ",info,"
	contains "$T/out" ",critical,"
}

test_check_one_account_and_an_unknown_one() {
	seed
	ap check Bravo --format csv
	lacks "$T/out" "Acme,"
	contains "$T/out" "Bravo,"
	expect_rc 2 "$AP" check Nobody
	contains "$T/err" "acctplan: unknown account 'Nobody'"
}

test_answering_the_question_clears_its_flag() {
	seed
	ap check Bravo --format csv
	contains "$T/out" "Bravo,executive_unanswered,unanswered,executive,alignment,"
	ap answer Bravo alignment aligned --source meeting
	ap check Bravo --format csv
	lacks "$T/out" "executive_unanswered,unanswered,executive,alignment,"
}

test_account_show_includes_the_accounts_flags() {
	seed
	ap account show Acme
	contains "$T/out" "Flags:"
	contains "$T/out" "critical  executive  roadmap_diverging/alignment:"
	ap account show Acme --format json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["flags"][0]["rule"]=="roadmap_diverging"' "$T/out" \
		|| fail "flags missing from account show json"
}

# ---- the demo portfolio ----

# The demo's dates are relative to today (pinned by the harness), so its flags
# are fixed: a change to the rules, the demo or the engine shows up here.
test_demo_portfolio_yields_the_pinned_flags() {
	ap demo
	ap check --all
	diff -u "$TOP/tests/cli/expected/demo_check.txt" "$T/out" >"$T/diff" ||
		fail "check --all on the demo differs from tests/cli/expected/demo_check.txt: $(head -c 1500 "$T/diff")"
	expect_rc 1 "$AP" check --fail-on critical
	contains "$T/out" "critical  executive  roadmap_diverging/alignment"
	# The give and take and the advocacy each fire once, where the demo
	# means them to: one account only takes, one reference is asked too
	# often, one consent runs out soon, one champion is left unasked.
	ap check --format csv
	for want in "Lakeshore Health Partners,one_sided" "Corvalis Semiconductor,reference_fatigue" \
		"Streamwave Media,consent_expiring" "Nordvind Turbines,advocate_untapped"; do
		contains "$T/out" "$want,"
		eq "$(grep -c ",${want#*,}," "$T/out")" 1 "flags of ${want#*,} on the demo"
	done
}

# ---- our people ----

# follow RULE NAME: run the hint of Acme's flag of RULE, with NAME for the
# contact it leaves to the user to name, today for its date and words for
# its text; the flag must be gone after.
follow() {
	rule=$1 name=$2
	ap check Acme --format json
	python3 - "$T/out" "$rule" >"$T/argv" <<-'EOF' || fail "no flag of $rule: $(head -c 600 "$T/out")"
	import json, sys
	f = [f for f in json.load(open(sys.argv[1]))["flags"] if f["rule"] == sys.argv[2]]
	assert len(f) == 1, f
	print("\n".join(f[0]["hint_argv"][1:]))
	EOF
	set --
	while IFS= read -r word; do
		case $word in
		NAME) word=$name ;;
		YYYY-MM-DD) word=$ACCTPLAN_TODAY ;;
		TEXT) word="What their head of operations told us" ;;
		esac
		set -- "$@" "$word"
	done <"$T/argv"
	ap "$@"
	ap check Acme --format csv
	lacks "$T/out" "Acme,$rule,"
}

# One salesperson holds every relationship, a decision-maker who opposes us
# sees us as a vendor and nobody has met him, and product's answers came
# from sales: each shipped rule about our people says so, and each hint,
# followed, clears its own flag.
test_relationship_rules_flag_the_team_and_their_hints_clear_them() {
	ap account add Acme --segment key
	ap member add "Ann Sales" --tier sales
	ap member add "Sam Seller" --tier sales
	ap member add "Pete Prod" --tier product
	ap contact add Acme Bob --role decision-maker --owner "Ann Sales" --level vendor --stance opponent --influence high
	ap contact add Acme Cleo --role payment-releaser --owner "Ann Sales" --level credible --stance neutral
	ap meeting add Acme --tier sales --date 2026-11-01 --kind tactical --with Cleo --ours "Ann Sales" "Terms for 2027"
	# Planned and cancelled meetings are nobody's touch.
	ap meeting add Acme --tier sales --date 2026-12-01 --kind strategic --with Bob --objective "Meet the CFO" "Visit"
	ap meeting add Acme --tier sales --date 2026-11-20 --kind strategic --with Bob --status cancelled "Visit"
	ap answer Acme competitors "Voss and Nordkap" --by "Ann Sales"
	ap answer Acme industry_trends "Electrification" --by "ann sales"
	ap check Acme
	contains "$T/out" "high      executive  key_person_risk: Every relationship at credible or better (1) is held by Ann Sales: if Ann Sales leaves, they leave too"
	contains "$T/out" "-> acctplan contact add Acme NAME --owner 'Pete Prod' --level credible"
	contains "$T/out" "high      sales      sales_gatekeeper_person: One way in, one person: Ann Sales holds all 2 relationships we have recorded"
	contains "$T/out" "high      sales      shallow_decision_maker: The people who decide and pay see us as no more than a vendor, or nobody holds them: Bob (decision-maker, vendor level, held by Ann Sales)"
	contains "$T/out" "-> acctplan contact edit Acme Bob --owner 'Ann Sales' --level credible"
	contains "$T/out" "high      sales      opponent_uncovered: An influential opponent and no advocate or supporter of ours at credible or better: Bob (opponent, high influence)"
	contains "$T/out" "warn      sales      contact_untouched: Key contacts nobody has met in the last 90 days: Bob (decision-maker, never met)"
	contains "$T/out" "-> acctplan meeting add Acme --tier sales --date YYYY-MM-DD --kind strategic --with Bob TEXT"
	contains "$T/out" "warn      product    product_answers_by_sales: Product leans on sales for what it should hear itself: 'Competitors' (Ann Sales), 'Industry trends' (Ann Sales): 2 of 2 answers"
	contains "$T/out" "-> acctplan answer Acme competitors TEXT --source conversation --by 'Pete Prod'"
	# A flag per account, not about a question: snoozed by account and rule.
	ap snooze Acme contact_untouched --until 2026-11-30 --reason "Bob is on leave"
	ap check Acme
	lacks "$T/out" "contact_untouched"
	ap snooze --clear Acme contact_untouched
	follow sales_gatekeeper_person Nina
	follow key_person_risk Olga
	follow shallow_decision_maker -
	follow opponent_uncovered Paul
	follow contact_untouched -
	follow product_answers_by_sales -
	ap check Acme --format csv
	for rule in key_person_risk sales_gatekeeper_person shallow_decision_maker opponent_uncovered contact_untouched \
		product_answers_by_sales; do
		lacks "$T/out" "Acme,$rule,"
	done
}

# ---- the customer as influencer ----

# The shipped advocate_untapped (six months) and consent_expiring (30 days)
# on 2026-11-23, each at its boundary from both sides: a champion at
# trusted-advisor depth who spoke for us six months ago to the day is in
# time, a day earlier is not; a consent ending today or in 30 days is
# expiring, one ending in 31 days is not yet, one that ended yesterday is
# not any more.
test_advocacy_rules_at_their_boundaries() {
	for a in "In Time:2026-05-23" "Day More:2026-05-22"; do
		ap account add "${a%:*}"
		ap answer "${a%:*}" reference yes
		ap contact add "${a%:*}" Champ --role champion --level trusted-advisor
		ap advocacy add "${a%:*}" --kind case-study --contact Champ --date "${a#*:}"
	done
	for a in "Today:2026-11-23" "Thirty:2026-12-23" "Thirty One:2026-12-24" "Yesterday:2026-11-22"; do
		ap account add "${a%:*}"
		ap contact add "${a%:*}" Named
		ap advocacy add "${a%:*}" --kind reference-call --contact Named --date 2026-10-01 --consent-until "${a#*:}"
	done
	ap check --format csv
	contains "$T/out" "Day More,advocate_untapped,advocate_untapped,sales,,info,Champ would speak for us and was not asked in the last 6 months (last: 2026-05-22),acctplan advocacy add 'Day More' --kind reference-call --contact Champ --date YYYY-MM-DD"
	lacks "$T/out" "In Time,advocate_untapped,"
	contains "$T/out" "Today,consent_expiring,consent_expiring,sales,,warn,The consent of Named to speak for us ends 2026-11-23: ask them to renew it,acctplan advocacy edit Today "
	contains "$T/out" "Thirty,consent_expiring,consent_expiring,sales,,warn,The consent of Named to speak for us ends 2026-12-23: ask them to renew it"
	lacks "$T/out" "Thirty One,consent_expiring,"
	lacks "$T/out" "Yesterday,consent_expiring,"
	# An answer of maybe is no promise to speak for us.
	ap answer "Day More" reference maybe
	ap check "Day More" --format csv
	lacks "$T/out" "advocate_untapped"
}

# ---- the user's rules ----

test_user_rule_with_a_default_id_replaces_the_whole_rule() {
	seed
	user_rules '[rule.roadmap_diverging]
kind = choice_is
tier = executive
severity = info
question = alignment
values = aligned'
	ap check Acme --format csv
	lacks "$T/out" "roadmap_diverging"
	ap answer Acme alignment aligned
	ap check Acme --format csv
	contains "$T/out" "Acme,roadmap_diverging,choice_is,executive,alignment,info,'Roadmap alignment' is aligned,"
}

test_user_rule_enabled_false_alone_disables_a_default_rule() {
	seed
	user_rules '[rule.roadmap_diverging]
enabled = false'
	expect_rc 0 "$AP" check --fail-on critical
	lacks "$T/out" "roadmap_diverging"
	ap rules --format csv
	contains "$T/out" "roadmap_diverging,choice_is,executive,critical,all,no,"
}

test_user_rule_with_a_new_id_adds_a_rule() {
	seed
	user_rules '[rule.no_champion]
kind = missing_role
tier = sales
severity = info
roles = champion
message = {account} has no champion ({count} role missing)'
	ap check Bravo
	contains "$T/out" "info      sales      no_champion: Bravo has no champion (1 role missing)"
	ap rules
	contains "$T/out" "no_champion"
}

# ---- rule files with errors: FILE:LINE, exit 2, nothing evaluated ----

test_bad_rules_unknown_kind() {
	seed
	bad_rules '; mine
[rule.x]
tier = sales
kind = gossip
severity = warn' 4 "rule 'x': kind: unknown rule kind 'gossip' (expected unanswered, stale,"
}

test_bad_rules_missing_kind() {
	bad_rules '[rule.x]
tier = sales' 1 "rule 'x' has no kind"
}

test_bad_rules_missing_parameter() {
	bad_rules '
[rule.old]
kind = stale
tier = sales
severity = warn' 2 "rule 'old': kind stale needs 'max_age_days'"
}

test_bad_rules_mistyped_parameter() {
	bad_rules '[rule.old]
kind = stale
tier = sales
severity = warn
max_age_days = soon' 5 "rule 'old': max_age_days: 'soon' is not a whole number from 1 to 36500"
}

test_bad_rules_parameter_of_another_kind() {
	bad_rules '[rule.old]
kind = unanswered
tier = sales
severity = warn
days = 3' 5 "rule 'old': key 'days' does not apply to kind unanswered"
}

test_bad_rules_unknown_key() {
	bad_rules '[rule.old]
kind = unanswered
tier = sales
severity = warn
colour = red' 5 "rule 'old': unknown key 'colour'"
}

test_bad_rules_unknown_question() {
	bad_rules '[rule.q]
kind = unanswered
tier = sales
severity = warn
questions = growth, shoe_size' 5 "rule 'q': questions: unknown question 'shoe_size'"
}

test_bad_rules_unknown_tier() {
	bad_rules '[rule.q]
kind = unanswered
tier = marketing
severity = warn' 3 "rule 'q': tier: unknown tier 'marketing' (expected sales, product or executive)"
}

test_bad_rules_unknown_severity() {
	bad_rules '[rule.q]
kind = unanswered
tier = sales
severity = dire' 4 "rule 'q': severity: unknown severity 'dire'"
}

test_bad_rules_unknown_segment() {
	bad_rules '[rule.q]
kind = unanswered
tier = sales
severity = warn
segments = key, vip' 5 "rule 'q': segments: unknown segment 'vip'"
}

test_bad_rules_value_not_among_the_questions_options() {
	bad_rules '[rule.c]
kind = choice_is
tier = executive
severity = high
question = alignment
values = diverging, sideways' 6 "rule 'c': values: 'sideways' is not an answer to 'alignment' (expected aligned, diverging or unknown)"
}

test_bad_rules_duplicate_id() {
	bad_rules '[rule.a]
kind = unanswered
tier = sales
severity = warn

[rule.A]
kind = unanswered
tier = product
severity = warn' 6 "duplicate section [rule.a] (first at line 1)"
}

test_bad_rules_unknown_placeholder() {
	bad_rules '[rule.a]
kind = unanswered
tier = sales
severity = warn
message = {question} is missing for {customer}' 5 "rule 'a': message: unknown placeholder {customer}"
}

test_bad_rules_placeholder_the_kind_does_not_fill() {
	bad_rules '[rule.a]
kind = unanswered
tier = sales
severity = warn
hint = was {age} days' 5 "rule 'a': hint: placeholder {age} is not filled in by kind unanswered"
}

test_bad_rules_disabling_an_unknown_rule() {
	bad_rules '[rule.no_such_rule]
enabled = false' 1 "no rule 'no_such_rule' to enable or disable"
}

test_bad_rules_not_a_rule_section() {
	bad_rules '[question.x]
tier = sales' 1 "unknown section [question.x] (expected [rule.ID] or [actions])"
}

test_bad_rules_also_stop_account_show_and_snooze() {
	seed
	user_rules '[rule.x]
kind = gossip'
	expect_rc 2 "$AP" account show Acme
	contains "$T/err" "my-rules.ini:2:"
	before=$(dump)
	expect_rc 2 "$AP" snooze Acme roadmap_diverging alignment --until 2026-12-31 --reason later
	eq "$(dump)" "$before" "store content"
}

# ---- snoozes ----

test_snooze_hides_a_flag_until_its_day_and_check_all_marks_it() {
	seed
	ap snooze Acme roadmap_diverging alignment --until 2026-12-01 --reason "board decides on 30 Nov"
	contains "$T/out" "snoozed roadmap_diverging/alignment for Acme until 2026-12-01"
	expect_rc 0 "$AP" check --fail-on critical
	lacks "$T/out" "roadmap_diverging"
	contains "$T/out" "; 1 snoozed"
	ap check --all
	contains "$T/out" "roadmap_diverging/alignment"
	contains "$T/out" "(snoozed on 2026-11-23 by tester until 2026-12-01: board decides on 30 Nov)"
	ap check --all --format json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=[x for x in d["flags"] if x["rule"]=="roadmap_diverging"]; assert f and f[0]["snoozed"] is True and d["summary"]["critical"]==0 and d["summary"]["snoozed"]==1' "$T/out" \
		|| fail "snoozed flag in json"
}

test_snooze_ending_today_hides_and_the_day_after_shows_again() {
	seed
	ap snooze Acme roadmap_diverging alignment --until 2026-11-23 --reason "only for today"
	ap check Acme
	lacks "$T/out" "roadmap_diverging"
	ACCTPLAN_TODAY=2026-11-24 expect_rc 1 "$AP" check Acme --fail-on critical
	contains "$T/out" "roadmap_diverging/alignment"
	ACCTPLAN_TODAY=2026-11-24 expect_rc 0 "$AP" snooze --list --format csv
	contains "$T/out" "Acme,roadmap_diverging,alignment,2026-11-23,no,only for today,2026-11-23"
}

test_snooze_list_and_clear() {
	seed
	ap snooze Acme roadmap_diverging alignment --until 2026-12-01 --reason "one board meeting"
	ap snooze Bravo buying_roles --until 2027-01-01 --reason two
	ap snooze --list
	contains "$T/out" "Acme     roadmap_diverging  alignment  2026-12-01  yes     one board meeting"
	contains "$T/out" "Bravo    buying_roles"
	ap snooze --list Bravo --format json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==1 and d[0]["question"] is None and d[0]["active"] is True' "$T/out" \
		|| fail "snooze list json"
	ap snooze --clear Acme roadmap_diverging alignment
	contains "$T/out" "cleared 1 snooze of Acme"
	expect_rc 2 "$AP" snooze --clear Acme roadmap_diverging alignment
	contains "$T/err" "no snooze of roadmap_diverging/alignment for Acme"
	ap snooze --clear Bravo
	contains "$T/out" "cleared 1 snooze of Bravo"
	ap snooze Acme executive_unanswered posture --until 2026-12-01 --reason a
	ap snooze Acme executive_unanswered end_industry --until 2026-12-01 --reason b
	ap snooze Acme buying_roles --until 2026-12-01 --reason c
	ap snooze --clear Acme Executive_Unanswered
	contains "$T/out" "cleared 2 snoozes of Acme"
	ap snooze --clear Acme
	contains "$T/out" "cleared 1 snooze of Acme"
	ap snooze --list
	contains "$T/out" "no snoozes"
}

test_snooze_refuses_bad_input_and_changes_nothing() {
	seed
	before=$(dump)
	expect_rc 2 "$AP" snooze Acme no_such_rule --until 2026-12-01 --reason x
	contains "$T/err" "acctplan: unknown rule 'no_such_rule'"
	expect_rc 2 "$AP" snooze Acme roadmap_diverging --until 2026-12-01 --reason x
	contains "$T/err" "rule 'roadmap_diverging' flags questions: say which one"
	expect_rc 2 "$AP" snooze Acme roadmap_diverging growth --until 2026-12-01 --reason x
	contains "$T/err" "rule 'roadmap_diverging' does not look at question 'growth'"
	expect_rc 2 "$AP" snooze Acme buying_roles growth --until 2026-12-01 --reason x
	contains "$T/err" "rule 'buying_roles' (missing_role) is not about a question"
	expect_rc 2 "$AP" snooze Acme roadmap_diverging alignment --until 2026-11-22 --reason x
	contains "$T/err" "acctplan: --until 2026-11-22 is in the past"
	expect_rc 2 "$AP" snooze Acme roadmap_diverging alignment --until 2026-02-30 --reason x
	contains "$T/err" "--until '2026-02-30' is not a valid date"
	expect_rc 2 "$AP" snooze Acme roadmap_diverging alignment --until 2026-12-01
	contains "$T/err" "--until and --reason are required"
	expect_rc 2 "$AP" snooze Acme roadmap_diverging alignment --until 2026-12-01 --reason ""
	contains "$T/err" "--reason is empty"
	expect_rc 2 "$AP" snooze Nobody roadmap_diverging alignment --until 2026-12-01 --reason "waiting for them"
	contains "$T/err" "unknown account 'Nobody'"
	expect_rc 2 "$AP" snooze --list --clear
	eq "$(dump)" "$before" "store content"
}

# Anyone may hide the worst news, but not without saying why: a critical
# flag's snooze needs a reason of three words (letters or digits in each),
# a lesser flag's any reason.
test_snooze_of_a_critical_flag_needs_a_reason_of_three_words() {
	seed
	msg="roadmap_diverging is critical: --reason must say why in at least 3 words"
	refused 2 "$msg" snooze Acme roadmap_diverging alignment --until 2026-12-01 --reason later
	refused 2 "$msg" snooze Acme roadmap_diverging alignment --until 2026-12-01 --reason "board decides"
	refused 2 "$msg" snooze Acme roadmap_diverging alignment --until 2026-12-01 --reason "board - -"
	refused 2 "--reason is empty: say why the flag can wait" \
		snooze Acme roadmap_diverging alignment --until 2026-12-01 --reason "   "
	# The rule's severity decides, as the user's rules file sets it.
	user_rules '[rule.roadmap_diverging]
kind = choice_is
tier = executive
severity = high
question = alignment
values = diverging
message = diverging'
	ap snooze Acme roadmap_diverging alignment --until 2026-12-01 --reason later
	rm "$XDG_CONFIG_HOME/acctplan/config.ini"
	ap snooze Acme roadmap_diverging alignment --until 2026-12-01 --reason "board decides 30 Nov"
	contains "$T/out" "snoozed roadmap_diverging/alignment for Acme until 2026-12-01"
	# Words are apart by any Unicode blank (here no-break spaces).
	ap snooze Acme roadmap_diverging alignment --until 2026-12-01 --reason "$(printf 'board\302\240decides\302\240Monday')"
	ap snooze Bravo buying_roles --until 2026-12-01 --reason later
}

# check shows a snoozed flag with its snooze: who made it when, until when
# and why, in text, JSON and CSV alike.
test_check_all_shows_each_snooze_in_every_format() {
	seed
	ACCTPLAN_TODAY=2026-11-20 expect_rc 0 "$AP" snooze Acme roadmap_diverging alignment --until 2026-12-01 \
		--reason "board decides on 30 Nov"
	ap check Acme --all
	contains "$T/out" "                       (snoozed on 2026-11-20 by tester until 2026-12-01: board decides on 30 Nov)"
	ap check Acme --all --format json
	python3 - "$T/out" <<-'EOF' || fail "snooze in json: $(head -c 600 "$T/out")"
	import json, sys
	d = json.load(open(sys.argv[1]))
	z = [f for f in d["flags"] if f["snoozed"]]
	assert len(z) == 1 and z[0]["rule"] == "roadmap_diverging", z
	assert z[0]["snooze"] == {"until": "2026-12-01", "by": "tester", "created": "2026-11-20",
	    "reason": "board decides on 30 Nov"}, z[0]["snooze"]
	assert all(f["snooze"] is None for f in d["flags"] if not f["snoozed"])
	EOF
	ap check Acme --all --format csv
	contains "$T/out" ",yes,2026-12-01,tester,2026-11-20,board decides on 30 Nov"
	# Account show's flags carry the same.
	ap account show Acme --format json
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert all("snooze" in f for f in d["flags"]), d["flags"]' "$T/out" || fail "account show json: $(head -c 300 "$T/out")"
}

# A snooze records who made it: [user] name, else $ACCTPLAN_USER, else
# $USER, as every change does; snoozing again makes it the new snoozer's.
test_snooze_records_who_snoozed_it() {
	seed
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[user]\nname = Dana Reyes\n' >"$XDG_CONFIG_HOME/acctplan/config.ini"
	ap snooze Acme roadmap_diverging alignment --until 2026-12-01 --reason "board decides on 30 Nov"
	rm "$XDG_CONFIG_HOME/acctplan/config.ini"
	ACCTPLAN_USER="Ola Berg" expect_rc 0 "$AP" snooze Bravo buying_roles --until 2027-01-01 --reason "after the merger"
	ap snooze Acme sales_unanswered reference --until 2026-12-15 --reason "asked last week"
	ap snooze --list
	contains "$T/out" "Acme     roadmap_diverging  alignment  2026-12-01  yes     board decides on 30 Nov  2026-11-23  Dana Reyes"
	ap snooze --list --format json
	python3 - "$T/out" <<-'EOF' || fail "snooze list json: $(head -c 600 "$T/out")"
	import json, sys
	by = {(z["account"], z["rule"]): z["by"] for z in json.load(open(sys.argv[1]))}
	assert by == {("Acme", "roadmap_diverging"): "Dana Reyes", ("Acme", "sales_unanswered"): "tester",
	    ("Bravo", "buying_roles"): "Ola Berg"}, by
	EOF
	ap check --all
	contains "$T/out" "(snoozed on 2026-11-23 by Dana Reyes until 2026-12-01: board decides on 30 Nov)"
	contains "$T/out" "(snoozed on 2026-11-23 by Ola Berg until 2027-01-01: after the merger)"
	# Snoozed again by someone else: theirs now.
	ACCTPLAN_USER="Kim Lee" expect_rc 0 "$AP" snooze Acme roadmap_diverging alignment --until 2026-12-10 \
		--reason "the board moved to 9 Dec"
	ap check Acme --all --format csv
	contains "$T/out" ",yes,2026-12-10,Kim Lee,2026-11-23,the board moved to 9 Dec"
	# An export carries it, and an import into an empty store keeps it.
	ap export -o "$T/all.json"
	db_wipe
	ap import "$T/all.json"
	ap snooze --list --format csv
	contains "$T/out" "Acme,roadmap_diverging,alignment,2026-12-10,yes,the board moved to 9 Dec,2026-11-23,Kim Lee"
}

# ---- since when flags are there (flag_seen, for flag_unowned) ----

# seen ACCOUNT: Acme's recorded flags, "rule|question|first|last" a line, sorted.
seen() {
	db_sql "SELECT s.rule, s.question, s.first_seen, s.last_seen FROM flag_seen s JOIN account a ON a.id = s.account_id
		WHERE a.name = '$1' ORDER BY s.rule, s.question"
}

test_check_records_when_it_first_and_last_saw_each_flag() {
	seed
	ACCTPLAN_TODAY=2026-11-01 ap check
	seen Acme >"$T/first"
	contains "$T/first" "roadmap_diverging|alignment|2026-11-01|2026-11-01"
	contains "$T/first" "sales_unanswered|business|2026-11-01|2026-11-01"
	eq "$(grep -c . "$T/first")" "$(ACCTPLAN_TODAY=2026-11-01 "$AP" check Acme --all --format csv | tail -n +2 | grep -c .)" \
		"rows recorded for Acme's flags"
	# Seen again: first seen stays, last seen moves; a filtered check sees every flag all the same.
	ap check Bravo --tier product --severity critical
	ap check --tier product --severity critical
	seen Acme >"$T/again"
	contains "$T/again" "roadmap_diverging|alignment|2026-11-01|2026-11-23"
	eq "$(grep -c . "$T/again")" "$(grep -c . "$T/first")" "rows after the second check"
	# Answered, the flag is gone, and so is its row: should it come back, it counts afresh.
	ap answer Acme alignment aligned --source meeting
	ap check Acme
	seen Acme >"$T/after"
	lacks "$T/after" "roadmap_diverging|alignment"
	contains "$T/after" "sales_unanswered|business|2026-11-01|2026-11-23"
	# The second check of a day writes nothing.
	before=$(seen Acme; seen Bravo)
	ap check
	eq "$(seen Acme; seen Bravo)" "$before" "rows after a check of the same day"
}

# A flag nobody takes on for more than 14 days is flagged (once there are
# members who could take it on); its hint gives it to someone.
test_flag_unowned_names_flags_nobody_took_on_and_its_hint_hands_one_out() {
	seed
	ap member add "Ann Sales" --tier sales
	ACCTPLAN_TODAY=2026-11-08 ap check
	ACCTPLAN_TODAY=2026-11-22 ap check Acme --format csv
	lacks "$T/out" "flag_unowned"
	ap check Acme --format json
	python3 - "$T/out" >"$T/argv" <<-'EOF' || fail "flag_unowned: $(head -c 800 "$T/out")"
	import json, sys
	f = [f for f in json.load(open(sys.argv[1]))["flags"] if f["rule"] == "flag_unowned"]
	assert len(f) == 1, f
	assert f[0]["message"].startswith("Flags nobody has taken on for more than 14 days: since 2026-11-08: "), f[0]
	assert "roadmap_diverging/alignment" in f[0]["message"], f[0]
	assert f[0]["hint_argv"][:3] == ["acctplan", "action", "add"], f[0]
	print("\n".join(f[0]["hint_argv"][1:]))
	EOF
	flag=$(tail -n 1 "$T/argv")
	ap action add Acme "Take it on" --owner "Ann Sales" --due 2026-12-01 --flag "$flag"
	ap check Acme --format json
	python3 - "$T/out" "$flag" <<-'EOF' || fail "$flag still unowned: $(head -c 800 "$T/out")"
	import json, sys
	f = [f for f in json.load(open(sys.argv[1]))["flags"] if f["rule"] == "flag_unowned"]
	assert f and sys.argv[2] + "," not in f[0]["message"] + "," and f[0]["hint_argv"][-1] != sys.argv[2], f
	EOF
}

# Recording is bookkeeping: a store this user may only read still checks,
# with the same output and exit status, and records nothing.
test_check_on_a_store_it_cannot_write_works_and_records_nothing() {
	sqlite_only
	seed
	ACCTPLAN_TODAY=2026-11-01 ap check
	mkdir "$T/data"
	chmod 711 "$T"
	chmod 777 "$T/data"
	mv "$ACCTPLAN_DB" "$T/data/test.db"
	export ACCTPLAN_DB="$T/data/test.db"
	ap check
	cp "$T/out" "$T/want"
	chmod 644 "$ACCTPLAN_DB"
	sum=$(cksum <"$ACCTPLAN_DB")
	expect_rc 1 as_nobody "$AP" check --fail-on critical
	[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
	ACCTPLAN_TODAY=2026-11-24 expect_rc 0 as_nobody "$AP" check
	eq "$(cksum <"$ACCTPLAN_DB")" "$sum" "the database file"
	expect_rc 0 as_nobody "$AP" check
	cmp -s "$T/out" "$T/want" || fail "check as nobody differs: $(head -c 300 "$T/out")"
	eq "$(seen Acme | grep -c '|2026-11-24$')" 0 "rows seen on the 24th"
}

# Another process holding the write lock does not fail check either.
test_check_while_another_process_writes_works() {
	seed
	ACCTPLAN_TODAY=2026-11-01 ap check
	ap check
	cp "$T/out" "$T/want"
	hold_open "BEGIN; UPDATE account SET industry = 'x' WHERE name = 'Bravo';"
	ACCTPLAN_TODAY=2026-11-30 expect_rc 0 "$AP" check
	release
	[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
	contains "$T/out" "flags on 2 accounts"
}

# ---- rules ----

test_rules_lists_every_default_rule_with_where_it_is_defined() {
	ap rules --format json
	python3 - "$T/out" <<-'EOF' || fail "rules json: $(head -c 300 "$T/out")"
	import json, sys
	d = json.load(open(sys.argv[1]))
	ids = [r["id"] for r in d]
	assert ids == sorted(ids)
	kinds = {r["kind"] for r in d}
	assert kinds == {"unanswered", "stale", "weak_evidence", "missing_role", "single_threaded", "no_engagement",
	                 "tactical_only", "choice_is", "requires", "unshared_news", "no_driver", "incomplete_driver",
	                 "key_person_risk", "single_owner", "shallow_decision_maker", "opponent_uncovered",
	                 "contact_untouched", "product_answers_by_sales", "action_overdue", "flag_unowned",
	                 "not_reviewed", "orders_diverge", "orders_missing", "one_sided", "reference_fatigue",
	                 "canvas_gap", "advocate_untapped", "consent_expiring"}, kinds
	r = [r for r in d if r["id"] == "roadmap_diverging"][0]
	assert r["file"].endswith("rules.ini") and r["line"] > 1 and r["enabled"] is True
	assert r["params"] == "question = alignment; values = diverging", r["params"]
	EOF
}

run_suite
