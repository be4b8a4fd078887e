#!/bin/sh
# Following a hint clears its flag. For every rule `acctplan rules` lists, a
# store is built on which the rule fires; then the command its flag's hint
# stands for (hint_argv of check --format json) is run, with the words the
# hint leaves to the user filled in from one table, and the flag must be gone.
# The rules come from the listing, never from a list kept here, so a rule
# added to assets/rules.ini without a hint that clears it fails this test.
#
# A flag that counts several gaps (three buying roles missing, a driver
# without four steps, two meetings whose bad news was kept back) names one
# in its hint; such a flag must change with every hint followed, and be gone
# within a few. A rule that reports a risk in the customer's own answer
# (choice_is: the roadmap diverging, demand falling), or orders parting from
# the demand chain (orders_diverge), is cleared by the customer, not by us,
# and a contact asked too often (reference_fatigue) by time and by asking
# someone else: its hint only has to be a command that runs. A
# choice_is rule whose hint answers its question (alignment unknown: a gap in
# what we know) is followed like any other.
. "$(dirname "$0")/../lib.sh"

ACCOUNT="O'Hara & Söhne Freight"
ROUNDS=8

# fill WORD [PREVIOUS]: the one table of test values for the words a hint
# leaves to the user (PREVIOUS: the word before it). ROLE, TIER and ID are
# not in it: a hint gets those from its flag ({role}, {other_tier}, {id}) as
# the user would need them; a hint that leaves one to the user fails here,
# its command refusing the word. A day is today's, but a consent renewed
# runs past the rule's window (its `days`).
fill() {
	case ${2:-}:$1 in
	--consent-until:YYYY-MM-DD)
		date -u -d "$ACCTPLAN_TODAY + $(($(param "$rule" days 0) + 1)) days" +%F | tr -d '\n'
		return ;;
	esac
	case $1 in
	TEXT) printf '%s' "What their head of operations told us" ;;
	TITLE) printf '%s' "Find out who decides" ;;
	NAME) printf 'Contact %s' "$round" ;;
	YYYY-MM-DD) printf '%s' "$ACCTPLAN_TODAY" ;;
	METRIC) printf '%s' "Parcels shipped" ;;
	V) printf '%s' 120000 ;;
	PCT) printf '%s' 5 ;;
	F) printf '%s' 2 ;;
	MEMBER) printf '%s' "$SPARE" ;;
	# Today's quarter: the account raise() made books quarters.
	PERIOD) printf '%s-Q%d' "${ACCTPLAN_TODAY%%-*}" $((($(echo "$ACCTPLAN_TODAY" | cut -d- -f2 | sed 's/^0//') + 2) / 3)) ;;
	AMOUNT) printf '%s' 1000 ;;
	CUR) printf '%s' EUR ;;
	# A choice (a|b|c): the first option the rule does not flag.
	*'|'*) printf '%s' "$1" | tr '|' '\n' | grep -vxF -e "$(printf '%s' "$flagged" | tr ' ' '\n')" | head -n 1 ;;
	*) printf '%s' "$1" ;;
	esac
}

# ---- reading JSON ----

# rules_list: "id kind" of every enabled rule, as listed.
rules_list() {
	"$AP" rules --format json >"$T/rules.json" || fail "acctplan rules failed"
	python3 -c 'import json, sys
for r in json.load(open(sys.argv[1])):
    if r["enabled"]:
        print(r["id"], r["kind"])' "$T/rules.json"
}

# rule_field ID FIELD
rule_field() {
	python3 -c 'import json, sys
print([r for r in json.load(open(sys.argv[1])) if r["id"] == sys.argv[2]][0][sys.argv[3]])' "$T/rules.json" "$1" "$2"
}

# param ID KEY [DEFAULT]: the rule's parameter as words ("a, b" -> "a b").
param() {
	python3 -c 'import json, sys
r = [r for r in json.load(open(sys.argv[1])) if r["id"] == sys.argv[2]][0]
for p in r["params"].split("; "):
    k, _, v = p.partition(" = ")
    if k == sys.argv[3]:
        print(" ".join(x.strip() for x in v.split(",")))
        sys.exit(0)
print(sys.argv[4] if len(sys.argv) > 4 else "")' "$T/rules.json" "$1" "$2" "${3:-}"
}

# first LIST: the first of a list of words, commas or not.
first() { printf '%s\n' "$1" | tr ',' ' ' | cut -d' ' -f1; }

# answer_any QUESTION [SOURCE CONFIDENCE DATE]: an answer of the right type
# (a choice question gets its first option).
answer_any() {
	python3 -c 'import json, sys
q = [q for q in json.load(open(sys.argv[1])) if q["id"] == sys.argv[2]][0]
print(q["options"].split("|")[0] if q["type"] == "choice" else "Something we read")' "$T/questions.json" "$1" >"$T/value" ||
		fail "no question $1"
	ap answer "$ACCOUNT" "$1" "$(cat "$T/value")" --source "${2:-conversation}" --confidence "${3:-medium}" --date "${4:-$ACCTPLAN_TODAY}"
}

answer_all() {
	for q in $(python3 -c 'import json, sys
print(" ".join(q["id"] for q in json.load(open(sys.argv[1]))))' "$T/questions.json"); do
		answer_any "$q" "$@"
	done
}

# flag_of RULE [QUESTION]: whether the account has a flag of RULE (about
# QUESTION when given, else its first); its hint_argv goes to $T/argv, one
# argument a line, and what it says to $T/flag. Prints its question.
flag_of() {
	"$AP" check "$ACCOUNT" --format json >"$T/check.json" 2>"$T/err" || fail "check failed: $(cat "$T/err")"
	python3 -c 'import json, sys
t, rule, q = sys.argv[1:4]
for f in json.load(open(t + "/check.json"))["flags"]:
    if f["rule"] == rule and (not q or f["question"] == q):
        open(t + "/argv", "w").write("".join(a + "\n" for a in f["hint_argv"]))
        open(t + "/flag", "w").write(f["message"] + "\n" + f["hint"] + "\n")
        print(f["question"] or "")
        sys.exit(0)
sys.exit(1)' "$T" "$1" "${2:-}"
}

# run_hint: run the command in $T/argv, its words filled in; it must succeed.
run_hint() {
	set --
	prev=
	while IFS= read -r word; do
		set -- "$@" "$(fill "$word" "$prev")"
		prev=$word
	done <"$T/argv"
	shift   # "acctplan"
	"$AP" "$@" >"$T/out" 2>"$T/err" ||
		fail "rule $rule: the hint's command failed: acctplan $* -- $(head -c 300 "$T/err")"
}

# ---- a store on which a rule fires ----

# raise RULE KIND: a fresh store with one account the rule applies to, and
# what makes a rule of that kind fire, worked out from its parameters.
raise() {
	export ACCTPLAN_DB="$T/$1.db"
	seg=$(rule_field "$1" segments)
	[ "$seg" = all ] && seg=key
	# An account a not_reviewed rule can be late with was added long ago.
	created=$ACCTPLAN_TODAY
	[ "$2" != not_reviewed ] || created=2025-01-01
	ACCTPLAN_TODAY=$created ap account add "$ACCOUNT" --segment "$(first "$seg")"
	tier=$(rule_field "$1" tier)
	by=$(first "$(param "$1" by "$tier")")
	case $2 in
	unanswered | missing_role | no_engagement | not_reviewed) ;;
	flag_unowned)
		# A check records the account's flags as first seen today; one of
		# them at min_severity or above was first seen long ago.
		people sales
		"$AP" check "$ACCOUNT" --format json >"$T/check.json" || fail "check failed"
		python3 -c 'import json, sys
sev = ["info", "warn", "high", "critical"]
least = sev.index(sys.argv[2] or "warn")
f = [f for f in json.load(open(sys.argv[1]))["flags"] if sev.index(f["severity"]) >= least][0]
print("UPDATE flag_seen SET first_seen = '\''2026-01-01'\'' WHERE rule = '\''%s'\'' AND question = '\''%s'\''"
      % (f["rule"], f["question"] or ""))' "$T/check.json" "$(param "$1" min_severity)" >"$T/old.sql" ||
			fail "no flag to leave unowned"
		sqlite3 "$ACCTPLAN_DB" <"$T/old.sql" || fail "could not backdate the flag" ;;
	stale)
		days=$(param "$1" max_age_days)
		answer_all conversation high "$(date -u -d "$ACCTPLAN_TODAY - $((days + 1)) days" +%F)" ;;
	weak_evidence)
		answer_all "$(first "$(param "$1" sources conversation)")" "$(param "$1" confidence medium)" ;;
	single_threaded)
		ap contact add "$ACCOUNT" "First Contact" --tier "$(first "$(param "$1" held_by sales)")" ;;
	tactical_only)
		i=0
		while [ $i -lt "$(param "$1" min_meetings 1)" ]; do
			ap meeting add "$ACCOUNT" --tier "$by" --date "$ACCTPLAN_TODAY" --kind tactical "Prices for next year"
			i=$((i + 1))
		done ;;
	choice_is)
		ap answer "$ACCOUNT" "$(param "$1" question)" "$(first "$(param "$1" values)")" --source conversation ;;
	requires)
		answer_any "$(param "$1" question)" ;;
	unshared_news)
		ap meeting add "$ACCOUNT" --tier "$by" --date "$ACCTPLAN_TODAY" --kind tactical --news bad --shared no \
			"Our delivery slips a quarter; we did not tell them" ;;
	no_driver)
		q=$(param "$1" if_answered)
		[ -z "$q" ] || answer_any "$q" ;;
	incomplete_driver)
		ap driver add "$ACCOUNT" "Parcels shipped" ;;
	orders_diverge)
		# Orders falling by half a quarter against a chain growing
		# points + 1 a year.
		amount=16000
		for q in 2025-Q4 2026-Q1 2026-Q2 2026-Q3; do
			ap order add "$ACCOUNT" --period $q --amount $amount --currency EUR
			amount=$((amount / 2))
		done
		ap driver add "$ACCOUNT" "Parcels shipped" --growth "$(($(param "$1" points) + 1))" ;;
	orders_missing)
		ap order add "$ACCOUNT" --period 2025-Q1 --amount 100 --currency EUR ;;
	one_sided)
		ap exchange add "$ACCOUNT" --direction take --kind feedback "What breaks on their line" ;;
	reference_fatigue)
		ap contact add "$ACCOUNT" "Asked Often"
		i=0
		while [ $i -le "$(param "$1" times)" ]; do
			ap advocacy add "$ACCOUNT" --kind reference-call --contact "Asked Often" --date "$ACCTPLAN_TODAY"
			i=$((i + 1))
		done ;;
	advocate_untapped)
		# A champion deep enough, never asked, of an account that would be a reference.
		ap answer "$ACCOUNT" reference yes
		ap contact add "$ACCOUNT" "Trusted Champion" --role "$(first "$(param "$1" roles champion)")" \
			--level "$(param "$1" level trusted-advisor)" ;;
	consent_expiring)
		ap contact add "$ACCOUNT" "Named Once"
		ap advocacy add "$ACCOUNT" --kind case-study --contact "Named Once" --date "$ACCTPLAN_TODAY" \
			--consent-until "$ACCTPLAN_TODAY" ;;
	canvas_gap)
		# Six blocks of the canvas known, three not: one flag listing them,
		# each hint answering one (fewer rounds than the nine of a new account).
		for b in partners activities resources value relationships channels; do
			ap answer "$ACCOUNT" "canvas_$b" "$(fill TEXT)"
		done ;;
	key_person_risk | single_owner)
		# One member holds min_contacts relationships deep enough; others could hold one.
		level=$(param "$1" level)
		[ "$2" = key_person_risk ] && [ -z "$level" ] && level=credible
		people "$(first "$(param "$1" held_by sales)")"
		i=0
		while [ $i -lt "$(param "$1" min_contacts 1)" ]; do
			ap contact add "$ACCOUNT" "Held $i" --owner "$HOLDER" ${level:+--level "$level"}
			i=$((i + 1))
		done ;;
	shallow_decision_maker)
		people sales
		ap contact add "$ACCOUNT" "The Buyer" --tier sales --role "$(first "$(param "$1" roles decision-maker)")" ;;
	opponent_uncovered)
		people sales
		ap contact add "$ACCOUNT" "The Skeptic" --tier sales --stance "$(first "$(param "$1" stances opponent)")" \
			--influence "$(param "$1" influence high)" ;;
	contact_untouched)
		people sales
		ap contact add "$ACCOUNT" "Key Person" --tier sales --role "$(first "$(param "$1" roles decision-maker)")" \
			--influence high ;;
	action_overdue)
		people "$(first "$(param "$1" by "$tier")")"
		ap action add "$ACCOUNT" "Late one" --due 2026-11-01 --owner "$HOLDER" --backdated
		ap action add "$ACCOUNT" "Later one" --due 2026-11-10 --owner "$HOLDER" --backdated ;;
	product_answers_by_sales)
		people "$(first "$(param "$1" authors sales)")"
		qs=$(param "$1" questions)
		[ -n "$qs" ] || qs=$(param "$1" question)
		[ -n "$qs" ] || qs=$(python3 -c 'import json, sys
print(" ".join(q["id"] for q in json.load(open(sys.argv[1])) if q["tier"] == sys.argv[2]))' "$T/questions.json" "$tier")
		n=0
		for q in $qs; do
			[ $n -lt "$(param "$1" min_answers 1)" ] || break
			answer_any "$q" conversation medium "$ACCTPLAN_TODAY"
			ap answer "$ACCOUNT" "$q" "$(cat "$T/value")" --by "$HOLDER"
			n=$((n + 1))
		done ;;
	*) fail "rule $1: no way to raise a flag of kind $2 here: teach raise() in $(basename "$0")" ;;
	esac
}

# people TIER: our members, so that the rules about them speak: $HOLDER of
# TIER, and one of every tier; $SPARE is the one a hint's MEMBER stands for.
people() {
	HOLDER="Holder of $1"
	SPARE="Spare Member"
	ap member add "$HOLDER" --tier "$1"
	ap member add "$SPARE" --tier "$1"
	for t in sales product executive; do
		ap member add "Member of $t" --tier "$t"
	done
}

# follow RULE KIND: raise the rule, then follow its hints until its flag is
# gone, each hint changing the flag.
follow() {
	rule=$1
	raise "$1" "$2"
	question=$(flag_of "$rule") || fail "rule $rule ($2) did not fire on the store made to raise it"
	flagged=
	[ "$2" != choice_is ] || flagged=$(param "$rule" values)
	[ -s "$T/argv" ] || fail "rule $rule: its hint is not a command: $(sed -n 2p "$T/flag")"
	# A review is what clears not_reviewed, and `review` opens the
	# workbench's review mode, which this test does not drive: the hint
	# must open a review of the account's segment, and the account marked
	# reviewed in one (as the review does, here written directly) clears it.
	if [ "$2" = not_reviewed ]; then
		eq "$(tr '\n' ' ' <"$T/argv")" "acctplan review --segment $(first "$(rule_field "$rule" segments | sed 's/^all$/key/')") " \
			"rule $rule: its hint"
		sqlite3 "$ACCTPLAN_DB" "INSERT INTO review (held_on, status) VALUES ('$ACCTPLAN_TODAY', 'closed');
			INSERT INTO review_account (review_id, account_id, pos, state, done_at, done_by)
			SELECT max(r.id), a.id, 0, 'reviewed', '${ACCTPLAN_TODAY}T10:00:00Z', 'tester' FROM review r, account a
			GROUP BY a.id;" || fail "could not record the review"
		! flag_of "$rule" >/dev/null || fail "rule $rule: still flagged after a review: $(tr '\n' ' ' <"$T/flag")"
		return
	fi
	if { [ "$2" = choice_is ] && [ "$(sed -n 2p "$T/argv")" != answer ]; } || [ "$2" = orders_diverge ] ||
		[ "$2" = reference_fatigue ]; then
		round=0
		run_hint
		return
	fi
	round=0
	while [ $round -lt $ROUNDS ]; do
		cp "$T/flag" "$T/before"
		run_hint
		flag_of "$rule" "$question" >/dev/null || return 0
		! cmp -s "$T/flag" "$T/before" ||
			fail "rule $rule: following its hint changed nothing; still: $(tr '\n' ' ' <"$T/flag")"
		round=$((round + 1))
	done
	fail "rule $rule: still flagged after $ROUNDS hints: $(tr '\n' ' ' <"$T/flag")"
}

follow_every_rule() {
	"$AP" questions --format json >"$T/questions.json" || fail "acctplan questions failed"
	rules_list >"$T/rules.txt"
	[ "$(wc -l <"$T/rules.txt")" -gt 20 ] || fail "too few rules listed: $(cat "$T/rules.txt")"
	# Each rule in a subshell of its own, so one failing does not hide the others.
	: >"$T/failures"
	while read -r id kind; do
		(follow "$id" "$kind") || { cat "$T/.why"; echo; } >>"$T/failures"
	done <"$T/rules.txt"
	[ ! -s "$T/failures" ] || fail "$(grep -c . "$T/failures") of $(wc -l <"$T/rules.txt") rules: $(cat "$T/failures")"
}

test_following_the_hint_of_every_shipped_rule_clears_its_flag() {
	follow_every_rule
}

# The kinds' own hints: every shipped rule replaced by the same rule with no
# hint of its own (and no message), so each kind's default hint is the one
# followed.
test_following_the_default_hint_of_every_kind_clears_its_flag() {
	"$AP" rules --format json >"$T/rules.json" || fail "acctplan rules failed"
	python3 -c 'import json, sys
for r in json.load(open(sys.argv[1])):
    print("[rule.%s]" % r["id"])
    for k in ("kind", "tier", "severity"):
        print("%s = %s" % (k, r[k]))
    if r["segments"] != "all":
        print("segments = %s" % r["segments"])
    print("enabled = %s" % ("true" if r["enabled"] else "false"))
    for p in filter(None, r["params"].split("; ")):
        print(p)' "$T/rules.json" >"$T/defaults.ini" || fail "writing the rules without hints failed"
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[rules]\nfile = %s\n' "$T/defaults.ini" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	follow_every_rule
	# Each kind of the listing was followed with its default hint.
	python3 -c 'import json, sys
rules = json.load(open(sys.argv[1]))
assert all(r["file"].endswith("defaults.ini") for r in rules), "a shipped rule was not replaced"
kinds = {r["kind"] for r in rules}
assert len(kinds) >= 12, sorted(kinds)' "$T/rules.json" || fail "not every kind was covered"
}

run_suite
