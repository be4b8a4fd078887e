#!/bin/sh
# The team's own questions and rules in the workbench: a question the team
# loaded into the store is a row of its tier's pane, answered like any other,
# and the team's rule flags it until it is answered.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

test_a_team_question_is_in_its_pane_and_its_rule_flags_it() {
	ap account add "Acme Tools" --segment key
	printf '[question.aaa_sla]\ntier = sales\ntype = text\norder = 1\nlabel = Service level\ntext = Which service level does the customer buy?\n' \
		>"$T/q.ini"
	printf '[rule.sla_unknown]\nkind = unanswered\ntier = sales\nseverity = critical\nquestions = aaa_sla\nmessage = {account}: nobody knows its service level\n' \
		>"$T/r.ini"
	ap questions load "$T/q.ini"
	ap rules load "$T/r.ini"
	tui_start
	wait_for "Service level"
	# The first row of the focused sales pane: Enter answers it.
	tui_keys Enter
	wait_for "Service level:"
	tui_type "Gold, with a four-hour response"
	tui_keys Enter
	wait_for "Source of this answer"
	tui_keys Enter
	wait_for "Confidence"
	tui_keys Enter
	wait_for "Gold, with a four-hour"
	ap history "Acme Tools" aaa_sla --format csv
	contains "$T/out" "Gold, with a four-hour response"
	ap check "Acme Tools"
	lacks "$T/out" "sla_unknown"
}

# A colleague loads the team's questions and rules while the workbench is
# open: within the live reload's two seconds they are in force here too,
# and taking them out again takes them out here. Both stores (SQLite's data
# version, PostgreSQL's notification).
test_team_definitions_a_colleague_loads_come_into_force_in_an_open_workbench() {
	ap account add "Acme Tools" --segment key
	printf '[question.aaa_sla]\ntier = sales\ntype = text\norder = 1\nlabel = Service level\ntext = Which service level does the customer buy?\n' \
		>"$T/q.ini"
	printf '[rule.sla_unknown]\nkind = unanswered\ntier = sales\nseverity = critical\nquestions = aaa_sla\nmessage = {account}: nobody knows its service level\n' \
		>"$T/r.ini"
	tui_start
	wait_for "Acme Tools"
	lacks "$T/screen" "Service level"
	ap questions load "$T/q.ini"
	wait_for -t 3 "Service level"
	wait_for_text "The team's questions or rules changed: now in force here"
	ap rules load "$T/r.ini"
	tui_keys '!'
	wait_for -t 3 "nobody knows its service level"
	tui_keys Escape
	ap rules unload
	ap questions unload
	wait_gone -t 3 "Service level"
}

# A user's own rule may name the team's question (the workbench starts on
# it); definitions that no longer load over this user's own file leave the
# ones in force as they were, and the message says why.
test_team_definitions_that_do_not_load_here_keep_the_ones_in_force() {
	ap account add "Acme Tools" --segment key
	printf '[question.aaa_sla]\ntier = sales\ntype = text\norder = 1\nlabel = Service level\ntext = Which service level?\n' >"$T/q.ini"
	ap questions load "$T/q.ini"
	# This user's own rule names the team's question.
	printf '[rule.mine]\nkind = unanswered\ntier = sales\nseverity = info\nquestions = aaa_sla\nmessage = {account}: mine\n' >"$T/mine.ini"
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[user]\nname = Ada\n[rules]\nfile = %s\n' "$T/mine.ini" >"$XDG_CONFIG_HOME/acctplan/config.ini"
	# The workbench starts: the user's rule names a question only the store knows.
	tui_start
	wait_for "Service level"
	ap questions unload
	wait_for_text "do not load here (kept the ones before)"
	contains "$T/screen" "Service level"
}

run_suite
