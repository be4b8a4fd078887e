#!/bin/sh
# Hints are argument lists. Whatever an account's name holds, every command
# acctplan prints for pasting (check in each format, account show, the brief,
# names that came in through import) parses (sh -n) and, run by sh with a stub
# acctplan first on PATH that records its argv, calls acctplan with exactly
# the arguments the hint stands for, and runs nothing else.
. "$(dirname "$0")/../lib.sh"

# Names as hostile as the name checks let through.
NAME1='Sub $(touch pwned) Co '\''x'\'' `touch pwned` "q" ; | & * ~ #'
NAME2='O'\''Brien & Söhne {a,b} [x] <in >out $HOME !! \ 東京 ${IFS} -e'
# An account of contacts held by our people, and people named as hostile.
NAME3='People `id` & "Partners" $((1+1)) ; Ltd'
HOLDER='Sam O'\''Seller $(touch pwned)'

# A rule of every kind without a hint of its own, so the default hint of
# every kind is rendered too (the shipped file sets five hints of its own).
DEFAULT_HINTS='[rule.d_unanswered]
kind = unanswered
tier = sales
severity = info
question = business
[rule.d_stale]
kind = stale
tier = sales
severity = info
max_age_days = 30
question = market_position
[rule.d_weak]
kind = weak_evidence
tier = sales
severity = info
sources = assumption
[rule.d_missing_role]
kind = missing_role
tier = sales
severity = info
roles = champion
[rule.d_single]
kind = single_threaded
tier = sales
severity = info
min_contacts = 1
[rule.d_no_engagement]
kind = no_engagement
tier = product
severity = info
days = 30
[rule.d_tactical]
kind = tactical_only
tier = executive
severity = info
days = 180
[rule.d_choice]
kind = choice_is
tier = sales
severity = info
question = growth
values = shrinking
[rule.d_requires]
kind = requires
tier = sales
severity = info
question = our_role
requires = business
[rule.d_unshared]
kind = unshared_news
tier = executive
severity = info
days = 365
[rule.d_no_driver]
kind = no_driver
tier = executive
severity = info
[rule.d_incomplete]
kind = incomplete_driver
tier = executive
severity = info
[rule.d_key_person]
kind = key_person_risk
tier = sales
severity = info
[rule.d_single_owner]
kind = single_owner
tier = product
severity = info
[rule.d_shallow]
kind = shallow_decision_maker
tier = executive
severity = info
[rule.d_opponent]
kind = opponent_uncovered
tier = product
severity = info
[rule.d_untouched]
kind = contact_untouched
tier = executive
severity = info
[rule.d_authored]
kind = product_answers_by_sales
tier = product
severity = info
[rule.d_overdue]
kind = action_overdue
tier = sales
severity = info
[rule.d_not_reviewed]
kind = not_reviewed
tier = executive
severity = info
days_key = 30
[rule.d_unowned]
kind = flag_unowned
tier = product
severity = info'

# user_rules TEXT: make TEXT the user's rules file, through config.ini.
user_rules() {
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[rules]\nfile = %s\n' "$T/my-rules.ini" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '%s\n' "$1" >"$T/my-rules.ini"
}

# Two accounts on which every shipped rule, and a rule of every kind with its
# default hint, fires: NAME1 (key) has thin, stale and contradicting answers,
# tactical executive meetings with bad news kept back and no driver; NAME2
# (strategic) has never met an executive and has a driver with gaps; NAME3
# rests on one salesperson: an influential opponent held as a vendor, never
# met, a credible user, and product's answers written by sales, and orders
# halving every quarter under a chain growing 50 %; NAME1, a key account,
# never ordered. NAME1 was added at the start of the year and never
# reviewed; a check three weeks ago saw flags nobody has taken on since.
# NAME2 only takes; NAME3's credible user was asked for a reference four
# times in the last 90 days, its decider's consent to be named ends in 17
# days, and it would be a reference through a champion who trusts us and
# was never asked.
fixture() {
	user_rules "$DEFAULT_HINTS"
	ACCTPLAN_TODAY=2026-01-05 ap account add "$NAME1" --segment key
	ap account add "$NAME2" --segment strategic
	ap answer "$NAME1" growth shrinking --source assumption
	ap answer "$NAME1" market_position follower --date 2026-01-01
	ap answer "$NAME1" reference no
	ap answer "$NAME1" our_role "supplier" --source conversation
	ap answer "$NAME1" competitiveness "strong" --source research
	ap answer "$NAME1" vision_5y "bigger" --date 2025-01-01
	ap answer "$NAME1" alignment diverging --source document
	ap answer "$NAME1" posture catching-up --date 2026-01-01
	ap answer "$NAME1" demand_outlook falling
	ap answer "$NAME1" end_customer_ask "cheaper"
	ap meeting add "$NAME1" --tier executive --date 2026-10-01 --kind tactical "prices"
	ap meeting add "$NAME1" --tier executive --date 2026-11-01 --kind tactical --news bad --shared no "delays"
	ap answer "$NAME2" alignment unknown
	ap driver add "$NAME2" Units
	ap member add "$HOLDER" --tier sales
	ap member add "Pia Product" --tier product
	ap member add "Eve Exec" --tier executive
	ap account add "$NAME3" --segment key
	ap contact add "$NAME3" "Dana Decider" --tier sales --role decision-maker --owner "$HOLDER" --level vendor \
		--stance opponent --influence high
	ap contact add "$NAME3" "Carl Credible" --tier sales --role user --owner "$HOLDER" --level credible
	ap answer "$NAME3" competitors "Elektra and Voss" --by "$HOLDER"
	ap answer "$NAME3" vision_2y "All electric" --by "$HOLDER"
	ap driver add "$NAME3" "Cars built" --value 10 --unit "cars per year" --growth 50 --step "2 chips per car" --share 10
	for q in 2025-Q4:800 2026-Q1:400 2026-Q2:200 2026-Q3:100; do
		ap order add "$NAME3" --period "${q%:*}" --amount "${q#*:}" --currency EUR
	done
	ap exchange add "$NAME2" --direction take --kind feedback --date 2026-10-02 "What breaks on their line"
	for d in 2026-09-01 2026-10-01 2026-11-01 2026-11-20; do
		ap advocacy add "$NAME3" --kind reference-call --contact "Carl Credible" --date $d
	done
	ap answer "$NAME3" reference yes
	ap contact add "$NAME3" "Tina Trusted" --role champion --owner "$HOLDER" --level trusted-advisor
	ap advocacy add "$NAME3" --kind case-study --contact "Dana Decider" --date 2026-06-10 --consent-until 2026-12-10
	ap action add "$NAME3" "Send the quote" --due 2026-11-20 --owner "$HOLDER" --backdated
	ap action add "$NAME3" "Call back" --due 2026-11-10 --owner "$HOLDER" --backdated
	ACCTPLAN_TODAY=2026-11-01 ap check
	mkdir -p "$T/bin" "$T/run"
	# The stub records its name and arguments, one a line.
	printf '#!/bin/sh\n{ basename "$0"; for a in "$@"; do printf "%%s\\n" "$a"; done; } >"$HINT_ARGS"\n' >"$T/bin/acctplan"
	chmod +x "$T/bin/acctplan"
}

# run_hint LINE: LINE parses (sh -n) and, run by sh in an empty folder with
# the stub first on PATH, calls the stub once and creates nothing; its
# arguments land in $T/args, one a line.
run_hint() {
	printf '%s\n' "$1" >"$T/hint.sh"
	sh -n "$T/hint.sh" 2>"$T/sh.err" || fail "sh -n refuses the hint: $1 -- $(cat "$T/sh.err")"
	rm -f "$T/args"
	(cd "$T/run" && PATH="$T/bin:$PATH" HINT_ARGS="$T/args" sh "$T/hint.sh") >"$T/sh.out" 2>&1 ||
		fail "the hint failed: $1 -- $(cat "$T/sh.out")"
	[ -f "$T/args" ] || fail "the hint never called acctplan: $1"
	[ -z "$(ls -A "$T/run")" ] || fail "the hint created $(ls -A "$T/run"): $1"
	[ -z "$(find "$T" -name 'pwned*')" ] || fail "the hint ran a command: $1"
	[ ! -s "$T/sh.out" ] || fail "the hint printed something: $1 -- $(cat "$T/sh.out")"
}

# names_the_account NAME: the hint just run ($T/args) names the account;
# a review names its segment instead, and walks it the accounts most at
# risk first.
names_the_account() {
	[ "$(sed -n 2p "$T/args")" = review ] || contains "$T/args" "$1"
}

# in_list ARGS LIST: the argument file ARGS (one a line) is one of the
# argument lists in LIST (each on one line, arguments separated by \037).
in_list() {
	grep -qxF -- "$(tr '\n' '\037' <"$1")" "$2" || fail "argv $(tr '\n' '|' <"$1") is none of those intended"
}

# intend ARGS...: ARGS as one line of a list for in_list.
intend() {
	printf '%s\n' "$@" | tr '\n' '\037'
	echo
}

# intended: from the rules as listed (their templates) and the store as
# exported, what each flag's hint must be, worked out here word by word
# without the engine; every rule must have fired. Writes $T/case.N.hint
# (the printed hint), $T/case.N.want (its arguments, one a line) and
# $T/intended (every intended list, for in_list); prints the case count.
intended() {
	"$AP" rules --format json >"$T/rules.json" && "$AP" export >"$T/export.json" &&
		"$AP" questions --format json >"$T/questions.json" &&
		"$AP" check --format json >"$T/check.json" || fail "listing the rules, the store or the flags failed"
	# The day each flag was first seen (flag_seen), for flag_unowned's {flag}.
	db_sql "SELECT account_id, rule, question, first_seen FROM flag_seen" >"$T/seen.txt" || fail "reading flag_seen failed"
	python3 - "$T" "$ACCTPLAN_TODAY" <<-'EOF' || fail "intended arguments: $(cat "$T/py.err")"
	import datetime, json, sys
	t, today = sys.argv[1], datetime.date.fromisoformat(sys.argv[2])
	err = open(t + "/py.err", "w")
	rules = {r["id"]: r for r in json.load(open(t + "/rules.json"))}
	accounts = {a["name"]: a for a in json.load(open(t + "/export.json"))["accounts"]}
	questions = {q["id"]: q for q in json.load(open(t + "/questions.json"))}
	flags = json.load(open(t + "/check.json"))["flags"]
	TIERS = ["sales", "product", "executive"]
	ROLES = ["decision-maker", "po-issuer", "payment-releaser", "champion", "influencer", "blocker", "user"]
	STEPS = {"value": "V", "growth": "PCT", "factor": "F", "share": "PCT"}
	LEVELS = ["unknown", "vendor", "credible", "problem-solver", "trusted-advisor"]
	INFLUENCE = ["high", "medium", "low"]
	export = json.load(open(t + "/export.json"))
	members = {m["name"]: m for m in export.get("members", [])}
	SEVERITIES = ["info", "warn", "high", "critical"]
	names = {a["id"]: a["name"] for a in export["accounts"]}
	seen = {}
	for line in open(t + "/seen.txt"):
	    acc, rule, q, first = line.rstrip("\n").split("|")
	    seen[(names[int(acc)], rule, q)] = datetime.date.fromisoformat(first)
	def param(r, key, default=None):
	    for p in r["params"].split("; "):
	        k, _, v = p.partition(" = ")
	        if k == key:
	            return [x.strip() for x in v.split(",")]
	    return default
	def answer_form(qid, flagged=()):
	    q = questions[qid]
	    if q["type"] != "choice":
	        return "TEXT"
	    options = q["options"].split("|")
	    return "|".join([o for o in options if o not in flagged] or options)
	def by_tier(r):
	    by = param(r, "by", [r["tier"]])
	    return r["tier"] if r["tier"] in by else [x for x in TIERS if x in by][0]
	def other_tier(r, a):
	    held = {c["tier"] for c in a["contacts"]}
	    holder = held.pop() if len(held) == 1 else None
	    others = [x for x in TIERS if x != holder]
	    held_by = param(r, "held_by", TIERS)
	    return ([x for x in others if x not in held_by] or others)[0]
	def unshared_id(r, a):
	    by, days = param(r, "by", [r["tier"]]), int(param(r, "days")[0])
	    kept = [m for m in a["meetings"] if m["tier"] in by and m["news"] == "bad" and not m["shared"]
	            and 0 <= (today - datetime.date.fromisoformat(m["date"])).days <= days]
	    return str(max(kept, key=lambda m: (m["date"], m["id"]))["id"]) if kept else ""
	def driver_gap(r, a):
	    steps = param(r, "steps", list(STEPS))
	    for d in sorted(a["drivers"], key=lambda d: d["id"]):
	        # The factor is missing when the chain has no step or one given as "?".
	        gone = {s: (not d["steps"] or any(x.startswith("?") for x in d["steps"])) if s == "factor"
	                else d[s] is None for s in STEPS}
	        gaps = [s for s in STEPS if s in steps and gone[s]]
	        if gaps:
	            return str(d["id"]), gaps[0]
	    return "", ""
	def level(r):
	    return param(r, "level", ["unknown" if r["kind"] == "single_owner" else "credible"])[0]
	def holder(r, a):
	    owners = {c["owner"] for c in a["contacts"] if LEVELS.index(c["level"]) >= LEVELS.index(level(r))
	              and (c["owner"] or r["kind"] == "key_person_risk")}
	    return owners.pop()
	# The active member who would end the flag: not the holder, best of a
	# tier the rule does not flag and not the holder's; for answers, one
	# outside the authors' tiers, best of the rule's. First by name.
	def other_member(r, holder):
	    best, best_fit = "MEMBER", -1
	    for m in sorted(members.values(), key=lambda m: m["name"].encode()):
	        if not m["active"] or m["name"] == holder:
	            continue
	        if r["kind"] == "product_answers_by_sales":
	            if m["tier"] in param(r, "authors", ["sales"]):
	                continue
	            fit = int(m["tier"] == r["tier"])
	        else:
	            fit = 2 * (m["tier"] not in param(r, "held_by", TIERS)) + (m["tier"] != members[holder]["tier"])
	        if fit > best_fit:
	            best, best_fit = m["name"], fit
	    return best
	def last_met(a, c):
	    days = [datetime.date.fromisoformat(m["date"]) for m in a["meetings"]
	            if m["status"] == "held" and c["name"] in m["with"] and m["date"] <= sys.argv[2]]
	    return max(days) if days else None
	def flagged(r, a, c):
	    infl = c["influence"] and INFLUENCE.index(c["influence"]) <= INFLUENCE.index(param(r, "influence", ["high"])[0])
	    if r["kind"] == "shallow_decision_maker":
	        return c["role"] in param(r, "roles", ["decision-maker", "payment-releaser"]) and \
	            (not c["owner"] or LEVELS.index(c["level"]) < LEVELS.index(level(r)))
	    if r["kind"] == "opponent_uncovered":
	        return c["stance"] in param(r, "stances", ["skeptic", "opponent"]) and infl
	    last = last_met(a, c)
	    return (c["role"] in param(r, "roles", ["decision-maker", "payment-releaser", "champion"]) or infl) and \
	        (last is None or (today - last).days > int(param(r, "days", ["90"])[0]))
	lists = set()
	for n, f in enumerate(flags):
	    r, a = rules[f["rule"]], accounts[f["account"]]
	    answered = {x["question"] for x in a["answers"]}
	    missing = [q for q in param(r, "requires", []) if q not in answered]
	    values = {"{account}": f["account"], "{tier}": f["tier"], "{question_id}": f["question"] or "",
	              "{missing_id}": missing[0] if missing else "", "{rule}": f["rule"], "{severity}": f["severity"]}
	    if r["kind"] == "requires":
	        values["{answer_form}"] = answer_form(missing[0])
	    elif f["question"]:
	        values["{answer_form}"] = answer_form(f["question"], param(r, "values", []) if r["kind"] == "choice_is" else [])
	    if r["kind"] == "missing_role":
	        held = {c["role"] for c in a["contacts"]}
	        values["{role}"] = [x for x in ROLES if x in param(r, "roles") and x not in held][0]
	    if r["kind"] == "single_threaded":
	        values["{other_tier}"] = other_tier(r, a)
	    if r["kind"] in ("no_engagement", "tactical_only", "unshared_news"):
	        values["{by_tier}"] = by_tier(r)
	    if r["kind"] == "one_sided":
	        sides = {x["direction"] for x in a.get("exchanges", [])}
	        values["{direction}"] = "give" if sides == {"take"} else "take"
	    if r["kind"] == "unshared_news":
	        values["{id}"] = unshared_id(r, a)
	    if r["kind"] == "incomplete_driver":
	        values["{id}"], values["{step}"] = driver_gap(r, a)
	        values["{step_form}"] = STEPS[values["{step}"]]
	    if r["kind"] in ("key_person_risk", "single_owner"):
	        values["{other_member}"] = other_member(r, holder(r, a))
	    if r["kind"] in ("key_person_risk", "shallow_decision_maker", "opponent_uncovered"):
	        values["{level}"] = level(r)
	    if r["kind"] in ("shallow_decision_maker", "opponent_uncovered", "contact_untouched"):
	        c = [c for c in sorted(a["contacts"], key=lambda c: c["id"]) if flagged(r, a, c)][0]
	        values["{contact}"], values["{member}"] = c["name"], c["owner"] or "MEMBER"
	    if r["kind"] == "action_overdue":
	        late = [x for x in a.get("actions", []) if x["status"] == "open" and x["tier"] in param(r, "by", [r["tier"]])
	                and (today - datetime.date.fromisoformat(x["due"])).days > int(param(r, "days", ["0"])[0])]
	        values["{id}"] = str(min(late, key=lambda x: (x["due"], x["id"]))["id"])
	    if r["kind"] == "advocate_untapped":
	        # The first contact by id of `roles` at `level` or deeper not asked
	        # since the same day `months` months ago (the month's last, if shorter).
	        m = today.year * 12 + today.month - 1 - int(param(r, "months")[0])
	        y, mo = divmod(m, 12)
	        last_day = (datetime.date(y + (mo == 11), (mo + 1) % 12 + 1, 1) - datetime.timedelta(days=1)).day
	        since = datetime.date(y, mo + 1, min(today.day, last_day)).isoformat()
	        asked = {x["contact"] for x in a.get("advocacy", []) if since <= x["date"] <= sys.argv[2]}
	        deep = LEVELS.index(param(r, "level", ["trusted-advisor"])[0])
	        values["{contact}"] = [c["name"] for c in sorted(a["contacts"], key=lambda c: c["id"])
	                               if c["role"] in param(r, "roles", ["champion"]) and c["name"] not in asked
	                               and LEVELS.index(c["level"]) >= deep][0]
	    if r["kind"] == "consent_expiring":
	        # The consent ending first from today to `days` days on; then by id.
	        end = (today + datetime.timedelta(days=int(param(r, "days")[0]))).isoformat()
	        values["{id}"] = str(min((x["consent_until"], x["id"]) for x in a.get("advocacy", [])
	                                 if x["consent_until"] and sys.argv[2] <= x["consent_until"] <= end)[1])
	    if r["kind"] == "not_reviewed":
	        values["{segment}"] = a["segment"]
	    if r["kind"] == "canvas_gap":
	        # The first block unanswered, in the order the canvas is read.
	        blocks = ["partners", "activities", "resources", "value", "relationships", "channels", "segments",
	                  "costs", "revenue"]
	        values["{question_id}"] = ["canvas_" + b for b in blocks if "canvas_" + b not in answered][0]
	        values["{answer_form}"] = "TEXT"
	    if r["kind"] == "flag_unowned":
	        # The oldest flag at or above min_severity, neither snoozed nor in
	        # hand, first seen more than `days` ago; then by rule, question.
	        least = SEVERITIES.index(param(r, "min_severity", ["warn"])[0])
	        days, order = int(param(r, "days", ["14"])[0]), list(questions)
	        olds = []
	        for g in flags:
	            first = seen.get((g["account"], g["rule"], g["question"] or ""))
	            if g["account"] == f["account"] and rules[g["rule"]]["kind"] != "flag_unowned" and not g["snoozed"] \
	                    and not g["in_hand"] and SEVERITIES.index(g["severity"]) >= least and first \
	                    and (today - first).days > days:
	                olds.append((first, g["rule"], order.index(g["question"]) if g["question"] else -1, g))
	        g = min(olds, key=lambda o: o[:3])[3]
	        values["{flag}"] = g["rule"] + ("/" + g["question"] if g["question"] else "")
	    if r["kind"] == "product_answers_by_sales":
	        values["{other_member}"] = other_member(r, None)
	        asked = param(r, "questions", param(r, "question", [q for q in questions if questions[q]["tier"] == r["tier"]]))
	        current = {}
	        for x in sorted(a["answers"], key=lambda x: x["id"]):
	            current[x["question"]] = x
	        authors = param(r, "authors", ["sales"])
	        values["{question_id}"] = [q for q in questions if q in asked and q in current and
	                                   current[q]["by"] in members and members[current[q]["by"]]["tier"] in authors][0]
	        values["{answer_form}"] = answer_form(values["{question_id}"])
	    want = []
	    for w in r["hint"].split():
	        for k, v in values.items():
	            w = w.replace(k, v)
	        want.append(w)
	    if f["hint_argv"] != want:
	        print("rule %s: hint_argv %r, intended %r" % (f["rule"], f["hint_argv"], want), file=err)
	        sys.exit(1)
	    open("%s/case.%d.hint" % (t, n), "w").write(f["hint"])
	    open("%s/case.%d.want" % (t, n), "w").write("".join(a + "\n" for a in want))
	    lists.add("\037".join(want) + "\037")
	unfired = sorted(set(rules) - {f["rule"] for f in flags})
	if unfired:
	    print("rules that never fired: %s" % unfired, file=err)
	    sys.exit(1)
	open(t + "/intended", "w").write("".join(l + "\n" for l in sorted(lists)))
	print(len(flags))
	EOF
}

test_every_hint_of_check_runs_exactly_its_arguments() {
	fixture
	n=$(intended)
	[ "$n" -gt 60 ] || fail "only $n flags"
	i=0
	while [ $i -lt "$n" ]; do
		run_hint "$(cat "$T/case.$i.hint")"
		cmp -s "$T/args" "$T/case.$i.want" ||
			fail "hint $(cat "$T/case.$i.hint") called acctplan with $(tr '\n' '|' <"$T/args"), not $(tr '\n' '|' <"$T/case.$i.want")"
		i=$((i + 1))
	done
	# The text listing prints those same hints, one per flag.
	ap check
	grep -- '  -> ' "$T/out" | sed 's/^ *-> //' >"$T/lines"
	eq "$(wc -l <"$T/lines")" "$n" "hints in the text listing"
	while IFS= read -r line; do
		run_hint "$line"
		in_list "$T/args" "$T/intended"
	done <"$T/lines"
	# CSV carries the printed hint as it is.
	ap check --format csv
	python3 - "$T/out" "$T/check.json" <<-'EOF' || fail "csv hints differ from json"
	import csv, json, sys
	rows = list(csv.DictReader(open(sys.argv[1], newline="")))
	flags = json.load(open(sys.argv[2]))["flags"]
	assert sorted(r["hint"] for r in rows) == sorted(f["hint"] for f in flags)
	EOF
}

test_account_show_prints_the_same_hints() {
	fixture
	intended >/dev/null
	for name in "$NAME1" "$NAME2"; do
		ap account show "$name"
		grep -- '  -> ' "$T/out" | sed 's/^ *-> //' >"$T/lines"
		[ -s "$T/lines" ] || fail "account show printed no hint"
		while IFS= read -r line; do
			run_hint "$line"
			in_list "$T/args" "$T/intended"
			names_the_account "$name"
		done <"$T/lines"
		ap account show "$name" --format json
		python3 -c 'import json, sys
flags = json.load(open(sys.argv[1]))["flags"]
assert flags and all(f["hint_argv"][0] == "acctplan" and (sys.argv[2] in f["hint_argv"] or f["hint_argv"][1] == "review")
                    for f in flags)' "$T/out" "$name" ||
			fail "account show json: no hint_argv naming the account"
	done
}

# The brief's commands, in text and in Markdown, for both accounts.
test_every_command_of_the_brief_runs_exactly_its_arguments() {
	fixture
	for name in "$NAME1" "$NAME2"; do
		for tier in sales product executive; do
			# The brief may print any of these for the account.
			{
				intend acctplan check "$name"
				intend acctplan check "$name" --tier "$tier"
				intend acctplan contact add "$name" NAME --role ROLE
				intend acctplan driver add "$name" METRIC --value V --growth PCT --factor F --share PCT
				intend acctplan exchange add "$name" --direction give --kind KIND TEXT
			} >"$T/brief.intended"
			ap brief "$name" --tier "$tier"
			sed -n 's/^    acctplan /acctplan /p' "$T/out" >"$T/lines"
			ap brief "$name" --tier "$tier" --format md
			sed -n '/^```sh$/,/^```$/{/^```/d;p;}' "$T/out" >>"$T/lines"
			[ "$(wc -l <"$T/lines")" -ge 4 ] || fail "brief $tier of $name: too few commands: $(cat "$T/lines")"
			while IFS= read -r line; do
				run_hint "$line"
				in_list "$T/args" "$T/brief.intended"
			done <"$T/lines"
		done
	done
}

test_names_that_came_in_through_import_get_the_same_hints() {
	fixture
	ap check --format json
	mv "$T/out" "$T/before.json"
	ap export -o "$T/export.json"
	ACCTPLAN_DB="$T/imported.db" expect_rc 0 "$AP" import "$T/export.json"
	ACCTPLAN_DB="$T/imported.db" expect_rc 0 "$AP" check --format json
	# Since when a flag is there is the check's own bookkeeping (flag_seen),
	# not the account's data: it does not travel, and flag_unowned starts afresh.
	python3 - "$T/before.json" "$T/out" <<-'EOF' || fail "the imported store's hints differ"
	import json, sys
	before, after = (json.load(open(p)) for p in sys.argv[1:3])
	assert [f for f in before["flags"] if f["kind"] != "flag_unowned"] == after["flags"]
	EOF
	ACCTPLAN_DB="$T/imported.db" expect_rc 0 "$AP" check "$NAME1"
	grep -- '  -> ' "$T/out" | sed 's/^ *-> //' >"$T/lines"
	[ -s "$T/lines" ] || fail "no hint after import"
	while IFS= read -r line; do
		run_hint "$line"
		names_the_account "$NAME1"
	done <"$T/lines"
}

# Names refuse control characters; one written by another client of a shared
# database still never reaches the terminal raw: the argument is written
# $'...' with octal escapes, which bash reads back exactly and dash reads as
# plain text, so neither runs anything.
test_a_control_character_written_by_another_client_is_escaped_in_the_hint() {
	ap account add Evil
	db_sql "UPDATE account SET name = 'Evil' || char(27) || '[2J' || char(155) || '\$(touch pwned)' WHERE name = 'Evil'" ||
		fail "another client could not write the name"
	mkdir -p "$T/bin" "$T/run"
	printf '#!/bin/sh\n{ basename "$0"; for a in "$@"; do printf "%%s\\n" "$a"; done; } >"$HINT_ARGS"\n' >"$T/bin/acctplan"
	chmod +x "$T/bin/acctplan"
	ap check
	grep -- '  -> ' "$T/out" | sed 's/^ *-> //' >"$T/lines"
	[ -s "$T/lines" ] || fail "no hint"
	! grep -q "$(printf '\033')" "$T/lines" || fail "a raw ESC in a hint"
	! grep -q "$(printf '\302\233')" "$T/lines" || fail "a raw U+009B in a hint"
	line=$(head -n 1 "$T/lines")
	case $line in
	*" \$'Evil\\033[2J\\302\\233\$(touch pwned)' "*) ;;
	*) fail "the name is not escaped as \$'...': $line" ;;
	esac
	run_hint "$line"   # dash: harmless text
	printf '%s\n' "$line" >"$T/hint.sh"
	(cd "$T/run" && PATH="$T/bin:$PATH" HINT_ARGS="$T/args" bash "$T/hint.sh") || fail "bash could not run: $line"
	grep -qxF -- "$(printf 'Evil\033[2J\302\233$(touch pwned)')" "$T/args" ||
		fail "bash did not read the name back exactly: $(cat -v "$T/args")"
	[ -z "$(find "$T" -name 'pwned*')" ] || fail "the hint ran a command"
}

# ---- rule files ----

test_a_user_hint_that_quotes_a_placeholder_is_refused_with_file_and_line() {
	ap account add Acme
	before=$(dump)
	user_rules '[rule.mine]
kind = unanswered
tier = sales
severity = warn
hint = acctplan answer "{account}" {question_id} TEXT'
	expect_rc 2 "$AP" check
	eq "$(cat "$T/err")" "acctplan: $T/my-rules.ini:5: rule 'mine': hint: remove the quotes from \"{account}\": a command hint takes none, each word is one argument and is quoted as the hint is printed" "message"
	eq "$(wc -c <"$T/out")" 0 "bytes on stdout"
	user_rules "[rule.mine]
kind = missing_role
roles = champion
tier = sales
severity = warn
message = m
hint = acctplan contact add '{account}' NAME"
	expect_rc 2 "$AP" check
	eq "$(cat "$T/err")" "acctplan: $T/my-rules.ini:7: rule 'mine': hint: remove the quotes from '{account}': a command hint takes none, each word is one argument and is quoted as the hint is printed" "message"
	user_rules '[rule.mine]
kind = unanswered
tier = sales
severity = warn
hint = ask {account} who decides'
	expect_rc 2 "$AP" account show Acme
	eq "$(cat "$T/err")" "acctplan: $T/my-rules.ini:5: rule 'mine': hint: {account} cannot be used in a hint that is not an acctplan command (prose is printed as written); start the hint with 'acctplan', or put {account} in the message" "message"
	eq "$(dump)" "$before" "store content"
}

test_a_hint_in_words_is_printed_as_written() {
	ap account add 'Sub $(touch pwned) Co'
	user_rules '[rule.mine]
kind = missing_role
roles = champion
tier = sales
severity = warn
hint = ask the buyer who champions us'
	ap check 'Sub $(touch pwned) Co' --format json
	python3 -c 'import json, sys
f = [f for f in json.load(open(sys.argv[1]))["flags"] if f["rule"] == "mine"][0]
assert f["hint"] == "ask the buyer who champions us" and f["hint_argv"] == [], f' "$T/out" || fail "prose hint: $(cat "$T/out")"
}

run_suite
