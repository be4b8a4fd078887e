#!/bin/sh
# The team's own questions and rules, kept in the store (questions load,
# rules load): every colleague on the store has them, every export and copy
# carries them, and each person's own files still layer on top.
. "$(dirname "$0")/../lib.sh"

team_questions() {
	cat >"$T/team-q.ini" <<-'EOF2'
		; Our service levels: every account manager should know the customer's.
		[question.sla]
		tier = sales
		type = choice
		options = gold, silver, none
		label = SLA
		text = Which service level does the customer buy from us?
		help = The contract says; purchasing knows.
	EOF2
}

team_rules() {
	cat >"$T/team-r.ini" <<-'EOF2'
		[rule.sla_unknown]
		kind = unanswered
		tier = sales
		severity = high
		questions = sla
		message = {account}: nobody knows which SLA it buys
	EOF2
}

# as_colleague ARGS...: acctplan for another person on the same store, with
# a home and configuration of their own.
as_colleague() {
	mkdir -p "$T/kim"
	HOME="$T/kim" XDG_CONFIG_HOME="$T/kim/.config" XDG_DATA_HOME="$T/kim/.local/share" USER=kim "$AP" "$@"
}

test_team_questions_are_everyones_on_the_store() {
	ap account add Acme --segment key
	team_questions
	ap questions load "$T/team-q.ini"
	eq "$(cat "$T/out")" "loaded the team's questions from $T/team-q.ini into $(echo "$ACCTPLAN_DB" | sed 's/:[^:@/]*@/@/'): 1 question defined or changed there"
	ap questions --tier sales --format csv
	contains "$T/out" "sla,sales,choice,gold|silver|none,Which service level does the customer buy from us?,team"
	contains "$T/out" "business,sales,text,,"
	lacks "$T/out" "sla,sales,choice,gold|silver|none,Which service level does the customer buy from us?,default"
	# A colleague with none of these files answers it and is flagged by it.
	expect_rc 0 as_colleague answer Acme sla Gold
	contains "$T/out" "answered 'sla' for Acme"
	expect_rc 0 as_colleague history Acme sla --format csv
	contains "$T/out" ",gold,conversation,medium,kim,"
}

test_team_rules_flag_for_everyone_and_say_where_they_come_from() {
	ap account add Acme --segment key
	team_questions
	team_rules
	ap questions load "$T/team-q.ini"
	ap rules load "$T/team-r.ini"
	contains "$T/out" "loaded the team's rules from $T/team-r.ini into "
	contains "$T/out" ": 1 rule defined or changed there"
	expect_rc 0 as_colleague check Acme
	contains "$T/out" "sla_unknown/sla: Acme: nobody knows which SLA it buys"
	contains "$T/out" "-> acctplan answer Acme sla 'gold|silver|none' --source conversation"
	ap rules --format csv
	contains "$T/out" "sla_unknown,unanswered,sales,high,all,yes,questions = sla,team,"
	contains "$T/out" "roadmap_diverging,choice_is,executive,critical,all,yes,"
	ap answer Acme sla silver
	expect_rc 0 as_colleague check Acme
	lacks "$T/out" "sla_unknown"
}

test_a_bad_team_file_is_file_and_line_and_nothing_is_loaded() {
	ap account add Acme
	team_questions
	ap questions load "$T/team-q.ini"
	before=$(snap)
	printf '[question.sla]\ntier = sales\ntype = choice\ntext = Which SLA?\n' >"$T/bad.ini"
	refused 2 "$T/bad.ini:1: choice question 'sla' has no options" questions load "$T/bad.ini"
	printf '[question.x]\ntier = sales\ntext = caf\351?\n' >"$T/latin1.ini"
	refused 2 "$T/latin1.ini: is not UTF-8 text; nothing was loaded" questions load "$T/latin1.ini"
	expect_rc 2 "$AP" questions load "$T/missing.ini"
	err_starts "cannot read '$T/missing.ini'"
	# Rules may not name a person's own questions: colleagues do not have them.
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[questions]\nfile = %s\n' "$T/mine.ini" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '[question.mine]\ntier = sales\ntext = Only I ask this?\n' >"$T/mine.ini"
	printf '[rule.mine_unknown]\nkind = unanswered\ntier = sales\nseverity = info\nquestions = mine\nmessage = {account}\n' \
		>"$T/r.ini"
	refused 2 "$T/r.ini:5: rule 'mine_unknown': questions: unknown question 'mine' (see 'acctplan questions')" \
		rules load "$T/r.ini"
	eq "$(snap)" "$before" "store content"
}

test_the_team_questions_stay_while_the_team_rules_need_them() {
	ap account add Acme
	team_questions
	team_rules
	ap questions load "$T/team-q.ini"
	ap rules load "$T/team-r.ini"
	before=$(snap)
	refused 2 "the team's rules need the team's questions (team rules:5: rule 'sla_unknown': questions: unknown question 'sla' (see 'acctplan questions')); nothing was removed: unload or load rules first" \
		questions unload
	printf '[question.other]\ntier = sales\ntext = Something else?\n' >"$T/other.ini"
	expect_rc 2 "$AP" questions load "$T/other.ini"
	err_starts "$T/other.ini: the team's rules would no longer load over these questions"
	eq "$(snap)" "$before" "store content"
	ap rules unload
	ap questions unload
	contains "$T/out" "removed the team's questions from "
	ap questions unload
	contains "$T/out" "holds no team questions"
	ap questions --format csv
	lacks "$T/out" "sla,"
}

test_your_own_file_layers_on_the_teams() {
	team_questions
	ap account add Acme
	ap questions load "$T/team-q.ini"
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[questions]\nfile = %s\n' "$T/mine.ini" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '[question.sla]\ntext = Gold, silver or nothing?\n' >"$T/mine.ini"
	ap questions --format csv
	contains "$T/out" "sla,sales,choice,gold|silver|none,\"Gold, silver or nothing?\",yours"
	expect_rc 0 as_colleague questions --format csv
	contains "$T/out" "sla,sales,choice,gold|silver|none,Which service level does the customer buy from us?,team"
}

test_an_export_carries_them_and_an_import_restores_them_first() {
	team_questions
	team_rules
	ap account add Acme
	ap questions load "$T/team-q.ini"
	ap rules load "$T/team-r.ini"
	ap answer Acme sla gold
	ap export -o "$T/all.json"
	contains "$T/all.json" '"definitions": ['
	contains "$T/all.json" '"kind": "questions"'
	# Into an empty store: the answer to the team's question imports, and
	# the export is the same bytes.
	ap --db "$T/copy.db" import "$T/all.json"
	"$AP" --db "$T/copy.db" export >"$T/again.json" || fail "export of the copy failed"
	cmp -s "$T/all.json" "$T/again.json" || fail "export differs: $(diff "$T/all.json" "$T/again.json" | head -n 6)"
	# A store with other team questions keeps them unless --replace.
	ap --db "$T/other.db" account add Zeta
	printf '[question.other]\ntier = sales\ntext = Something else?\n' >"$T/other.ini"
	ap --db "$T/other.db" questions load "$T/other.ini"
	expect_rc 2 "$AP" --db "$T/other.db" import "$T/all.json"
	err_starts "$T/all.json:"
	contains "$T/err" "definitions[0]: the store holds other team questions (loaded from '$T/other.ini' by tester); nothing was imported (import --replace takes the file's)"
	ap --db "$T/other.db" import "$T/all.json" --replace
	ap --db "$T/other.db" questions --format csv
	contains "$T/out" "sla,sales,choice,"
	lacks "$T/out" "other,sales"
}

test_a_broken_definition_in_a_document_is_refused() {
	ap account add Acme
	ap export -o "$T/all.json"
	python3 - "$T/all.json" "$T/bad.json" <<-'EOF2' || fail "could not write the document"
		import json, sys
		d = json.load(open(sys.argv[1]))
		out = {"acctplan_export": d["acctplan_export"], "schema": d["schema"],
		       "definitions": [{"kind": "questions", "source": "q.ini", "loaded_at": "2026-11-01T10:00:00Z",
		                        "loaded_by": "kim", "text": "[question.x]\ntier = nowhere\ntext = X?\n"}],
		       "accounts": []}
		json.dump(out, open(sys.argv[2], "w"), indent=2)
	EOF2
	before=$(snap)
	expect_rc 2 "$AP" import "$T/bad.json"
	err_starts "$T/bad.json:"
	contains "$T/err" "definitions: team questions:2:"
	eq "$(snap)" "$before" "store content"
}

test_load_answers_help() {
	ap questions load --help
	contains "$T/out" "usage: acctplan questions load FILE"
	ap rules unload --help
	contains "$T/out" "usage: acctplan rules unload"
}

run_suite
