#!/bin/sh
# Snoozes in the workbench: a snoozed flag stays in sight with its snooze
# (since when, until when, why), in the flags view and on its question, and
# a critical flag is only snoozed with a reason of three words.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux_lib.sh"

# Acme diverges (critical), snoozed on 2026-11-20.
fixture() {
	ap account add Acme --segment key
	ap answer Acme alignment diverging --source meeting --confidence high
	ACCTPLAN_TODAY=2026-11-20 expect_rc 0 "$AP" snooze Acme roadmap_diverging alignment --until 2026-12-31 \
		--reason "board decides in December"
}

test_flags_view_lists_snoozed_flags_last_with_their_snooze() {
	fixture
	tui_start
	tui_keys !
	wait_for "1 snoozed, below)"
	# Open flags first: the critical one, snoozed, is the last row, dimmed and dated.
	row=$(screen_line '^ critical +Acme ') || fail "no critical row: $(cat "$T/screen")"
	case $row in *"[snoozed until 2026-12-31 by tester] The customer's"*) ;; *) fail "snoozed row: $row" ;; esac
	screen_line '^ warn ' >/dev/null || fail "no open flag listed"
	tui_screen_esc
	grep -F '[snoozed until 2026-12-31 by tester]' "$T/screen.esc" | grep -q "$(printf '\033')\[2m" || fail "the snoozed row is not dim"
	tui_keys G
	wait_for "snoozed on 2026-11-20 by tester until 2026-12-31: board decides in December"
}

test_a_question_shows_its_snoozed_flag_and_offers_it_to_snooze_again() {
	fixture
	# Snoozed again in the workbench by [user] name: the snooze is Dana's now.
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[user]\nname = Dana Reyes\n' >"$XDG_CONFIG_HOME/acctplan/config.ini"
	tui_start
	wait_for "Acme  (key)"
	tui_keys 3 j j j
	wait_for "Is the customer's roadmap aligned"
	wait_for "snoozed on 2026-11-20 by tester until 2026-12-31: board decides in December"
	tui_keys s
	wait_for "Snooze which flag?"
	contains "$T/screen" "[snoozed until 2026-12-31 by tester] The customer's roadmap is diverging"
	tui_keys Enter
	# The form starts from the snooze it changes.
	wait_for "until (re-snooze 1/2, YYYY-MM-DD): 2026-12-31"
	tui_keys C-u
	tui_type "2027-01-31"
	tui_keys Enter
	wait_for "reason (re-snooze 2/2): board decides in December"
	tui_keys Enter
	wait_for "saved: snoozed"
	ap snooze --list --format csv
	contains "$T/out" "Acme,roadmap_diverging,alignment,2027-01-31,yes,board decides in December,2026-11-23,Dana Reyes"
}

test_a_critical_flag_is_asked_again_until_its_reason_has_three_words() {
	ap account add Acme --segment key
	ap answer Acme alignment diverging --source meeting --confidence high
	tui_start
	tui_keys !
	wait_for "Open flags: "
	# Most severe first: the critical flag is selected.
	tui_keys s
	wait_for "until (snooze 1/2, YYYY-MM-DD): 2026-12-23"
	tui_keys Enter
	wait_for "reason (snooze 2/2):"
	tui_type "later"
	tui_keys Enter
	wait_for "roadmap_diverging is critical: the reason must say why in at least 3 words"
	# Asked again, what was typed kept.
	wait_for "until (snooze 1/2, YYYY-MM-DD): 2026-12-23"
	tui_keys Enter
	wait_for "reason (snooze 2/2): later"
	tui_type " than the board meeting"
	tui_keys Enter
	wait_for "saved: snoozed"
	ap check Acme --all --format json
	python3 -c 'import json, sys
z = [f["snooze"] for f in json.load(open(sys.argv[1]))["flags"] if f["snoozed"]]
assert z == [{"until": "2026-12-23", "by": "tester", "created": "2026-11-23",
    "reason": "later than the board meeting"}], z' "$T/out" || fail "snooze stored: $(cat "$T/out" | head -c 400)"
}

run_suite
