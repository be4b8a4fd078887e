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

run_suite
