#!/bin/sh
# Bash completion (issue 11, item 8): assets/acctplan.bash is sourced in bash
# and its function called as readline calls it, with COMP_WORDS and
# COMP_CWORD (and COMP_LINE, COMP_POINT where the line matters); COMPREPLY
# is compared whole. Candidates come from acctplan itself, so the lists
# expected here come from acctplan's own listings where they are long.
. "$(dirname "$0")/../lib.sh"

SCRIPT="$TOP/assets/acctplan.bash"
HOSTILE='Sub $(touch pwned) Co'
QUOTED="O'Brien & Sons"

# comp WORD... : complete the last WORD of "acctplan WORD..." (the program
# as COMP_WORDS[0] is the build's); COMPREPLY, a line each, in $T/reply.
comp() {
	COMP_LINE_SET= comp_line "" "$@"
}

# comp_line LINE WORD...: the same with COMP_LINE=LINE and the cursor at
# its end (an empty LINE: no COMP_LINE, as the function must cope with).
comp_line() {
	line=$1
	shift
	bash -c '
		. "$1" || exit 9
		line=$2
		shift 2
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		if [ -n "$line" ]; then
			COMP_LINE=$line
			COMP_POINT=${#line}
		fi
		_acctplan
		if [ ${#COMPREPLY[@]} -gt 0 ]; then printf "%s\n" "${COMPREPLY[@]}"; fi
	' bash "$SCRIPT" "$line" "$AP" "$@" >"$T/reply" 2>"$T/comp.err" || fail "completion failed: $(cat "$T/comp.err")"
	[ ! -s "$T/comp.err" ] || fail "completion wrote to stderr: $(cat "$T/comp.err")"
}

# reply_is WANT...: COMPREPLY is exactly the WANTs, in order.
reply_is() {
	if [ $# -gt 0 ]; then printf '%s\n' "$@" >"$T/want"; else : >"$T/want"; fi
	cmp -s "$T/reply" "$T/want" || fail "COMPREPLY: expected [$(tr '\n' ' ' <"$T/want")], got [$(tr '\n' ' ' <"$T/reply")]"
}

# reply_sorted_is FILE: COMPREPLY holds the lines of FILE, in any order.
reply_sorted_is() {
	sort "$1" >"$T/want"
	sort "$T/reply" >"$T/got"
	cmp -s "$T/got" "$T/want" || fail "COMPREPLY: expected [$(tr '\n' ' ' <"$T/want")], got [$(tr '\n' ' ' <"$T/got")]"
}

# inserted_reads_as PREFIX WANT: readline puts the one reply after PREFIX
# (what it keeps of the word: up to an open quote) and closes the quote
# PREFIX opened; the shell then reads that word as exactly WANT.
inserted_reads_as() {
	[ "$(wc -l <"$T/reply")" -eq 1 ] || fail "expected one reply, got: $(cat "$T/reply")"
	reply=$(cat "$T/reply")
	case $1 in *\'*) close=\' ;; *\"*) close=\" ;; *) close= ;; esac
	word="$1$reply$close"
	# The shell the user presses Enter in, on the inserted word alone.
	got=$(cd "$T" && bash -c "printf '%s' $word")
	eq "$got" "$2" "the word $word read back"
}

seed() {
	ap init
	ap account add Acme --industry Manufacturing
	ap account add "$HOSTILE"
	ap account add "$QUOTED"
	ap contact add Acme "Ana Chief" --role decision-maker
	ap contact add Acme "Bo Buyer"
}

nothing_ran() {
	[ ! -e "$T/pwned" ] && [ ! -e "$T/home/pwned" ] && [ ! -e pwned ] || fail "a name was run as a command"
}

# ---- commands, options, values ----

test_commands_are_those_help_lists() {
	comp ""
	ap --help
	sed -n 's/^  \([a-z][a-z]*\)\( [a-z][a-z]*\)\{0,1\}  .*/\1/p' "$T/out" | sort -u >"$T/commands"
	[ -s "$T/commands" ] || fail "no commands in --help"
	reply_sorted_is "$T/commands"
	lacks "$T/reply" "complete"
	comp acc
	reply_is account
	comp endc
	reply_is endcustomer
}

test_subcommands_of_a_family() {
	comp account ""
	reply_is add list show edit remove relationships canvas
	comp contact e
	reply_is edit
	comp meeting r
	reply_is remove
}

test_a_command_that_is_also_a_family_offers_both() {
	seed
	comp note ""
	reply_is add list edit remove Acme "O\\'Brien\\ \\&\\ Sons" "Sub\\ \\\$\\(touch\\ pwned\\)\\ Co"
	nothing_ran
}

test_options_of_a_command() {
	comp contact add Acme Bob --
	reply_is --title --role --tier --reports-to --owner --level --stance --influence
	comp meeting add Acme --ti
	reply_is --tier
	comp check --f
	reply_is --format --fail-on
	comp brief Acme -
	reply_is --tier --format --output
}

test_global_options_before_the_command() {
	comp --
	reply_is --db --config --keys --help --version
	comp --c
	reply_is --config
}

test_option_values_come_from_the_vocabularies() {
	comp questions --tier ""
	reply_is sales product executive
	comp check --fail-on ""
	reply_is info warn high critical
	comp check --severity h
	reply_is high
	comp account list --format ""
	reply_is text json csv
	comp brief Acme --format ""
	reply_is text md
	comp account add X --segment ""
	reply_is key strategic growth other
	comp answer Acme business yes --source ""
	reply_is conversation meeting document research assumption
	comp answer Acme business yes --confidence ""
	reply_is low medium high
	comp meeting add Acme --kind ""
	reply_is strategic tactical
	comp meeting add Acme --news ""
	reply_is good bad none
	comp meeting add Acme --shared ""
	reply_is no yes
	comp endcustomer edit Acme X --trend ""
	reply_is growing flat shrinking none
	# A field that may be unknown is cleared with none.
	comp contact edit Acme Ana --role ""
	reply_is decision-maker po-issuer payment-releaser champion influencer blocker user none
	comp contact add Acme Ana --role ""
	reply_is decision-maker po-issuer payment-releaser champion influencer blocker user none
	# A free value offers nothing.
	comp account add X --industry ""
	reply_is
}

test_option_value_after_equals_sign() {
	# Readline splits "--format=j" at '=' and replaces only what follows it.
	comp_line "acctplan questions --format=j" questions --format = j
	reply_is json
	comp_line "acctplan questions --format=" questions --format =
	reply_is text json csv
	# Without the split (COMP_WORDBREAKS without '='), the whole word.
	comp questions --format=c
	reply_is --format=csv
}

# ---- names from the store ----

test_account_names_are_quoted_for_the_line() {
	seed
	comp brief ""
	reply_is Acme "O\\'Brien\\ \\&\\ Sons" "Sub\\ \\\$\\(touch\\ pwned\\)\\ Co"
	comp brief S
	reply_is "Sub\\ \\\$\\(touch\\ pwned\\)\\ Co"
	inserted_reads_as "" "$HOSTILE"
	comp brief "O"
	inserted_reads_as "" "$QUOTED"
	# In an open quote: the rest of the name, as that quote needs it.
	comp brief "'Sub"
	reply_is 'Sub $(touch pwned) Co'
	inserted_reads_as "'" "$HOSTILE"
	comp brief "'O"
	reply_is "O'\\''Brien & Sons"
	inserted_reads_as "'" "$QUOTED"
	comp brief '"Sub'
	reply_is 'Sub \$(touch pwned) Co'
	inserted_reads_as '"' "$HOSTILE"
	comp brief '"O'
	inserted_reads_as '"' "$QUOTED"
	# Escaped as typed so far.
	comp brief 'Sub\ \$'
	reply_is "Sub\\ \\\$\\(touch\\ pwned\\)\\ Co"
	nothing_ran
}

test_names_with_colons_and_bangs() {
	ap init
	ap account add "Acme: EMEA"
	ap account add "Bang! Co"
	comp brief A
	reply_is "Acme:\\ EMEA"
	inserted_reads_as "" "Acme: EMEA"
	# Readline splits at the colon and replaces only what follows it.
	comp_line "acctplan brief Acme:" brief Acme :
	reply_is "\\ EMEA"
	comp_line 'acctplan brief Acme:\ E' brief Acme : '\ E'
	reply_is "\\ EMEA"
	comp brief '"B'
	reply_is 'Bang"\!" Co'
	inserted_reads_as '"' "Bang! Co"
	comp brief B
	inserted_reads_as "" "Bang! Co"
}

test_hostile_names_already_in_the_store_are_never_run_nor_printed_raw() {
	seed
	# Another client wrote controls into a name: it cannot be typed, so it is
	# not offered (and nothing raw reaches the terminal).
	db_sql "UPDATE account SET name = 'Evil' || char(10) || '\$(touch pwned)' || char(27) || '[2J',
		name_key = NULL WHERE name = 'Acme'"
	comp brief ""
	reply_is "O\\'Brien\\ \\&\\ Sons" "Sub\\ \\\$\\(touch\\ pwned\\)\\ Co"
	comp brief E
	reply_is
	nothing_ran
}

test_contacts_of_the_account() {
	seed
	comp contact edit Acme ""
	reply_is "Ana\\ Chief" "Bo\\ Buyer"
	comp contact remove Acme B
	reply_is "Bo\\ Buyer"
	comp contact edit Acme "Ana Chief" --reports-to ""
	reply_is "Ana\\ Chief" "Bo\\ Buyer" none
	# The account as typed on the line, quotes and all.
	ap contact add "$HOSTILE" "Cy Champion"
	comp contact edit "'Sub \$(touch pwned) Co'" ""
	reply_is "Cy\\ Champion"
	# A new contact's name is the user's to choose.
	comp contact add Acme ""
	reply_is
	nothing_ran
}

test_ids_of_kinds_without_names() {
	seed
	ap meeting add Acme --tier sales --date 2026-11-01 --kind strategic "Met"
	ap meeting add Acme --tier product --date 2026-11-02 --kind tactical "Met again"
	comp meeting edit Acme ""
	reply_is 2 1
}

test_question_ids() {
	seed
	ap questions --format csv
	tail -n +2 "$T/out" | cut -d, -f1 >"$T/ids"
	comp answer Acme ""
	reply_sorted_is "$T/ids"
	comp answer Acme vision
	reply_is vision_2y vision_5y
	comp history Acme end_c
	reply_is end_customers end_customer_ask
	# The answer itself is free text.
	comp answer Acme growth ""
	reply_is
}

test_rule_ids() {
	seed
	ap rules --format csv
	tail -n +2 "$T/out" | cut -d, -f1 >"$T/ids"
	comp snooze Acme ""
	reply_sorted_is "$T/ids"
	comp snooze Acme roadmap
	reply_is roadmap_diverging
	comp snooze Acme roadmap_diverging al
	reply_is alignment
	comp snooze Acme roadmap_diverging alignment --
	reply_is --until --reason --list --clear --format
}

test_names_come_from_the_database_and_configuration_on_the_line() {
	seed
	mkdir -p "$T/my dir"
	ACCTPLAN_DB="$T/my dir/other.db" "$AP" account add "Other Co" >/dev/null || fail "account add"
	comp --db "$T/my dir/other.db" brief ""
	reply_is "Other\\ Co"
	comp --db "'$T/my dir/other.db'" brief ""
	reply_is "Other\\ Co"
	comp_line "acctplan --db=x brief" --db = "$T/my dir/other.db" brief ""
	reply_is "Other\\ Co"
	mkdir -p "$T/home/d"
	cp "$T/my dir/other.db" "$T/home/d/o.db"
	comp --db "~/d/o.db" brief ""
	reply_is "Other\\ Co"
	# A database that does not exist offers nothing and is not created.
	comp --db "$T/none.db" brief ""
	reply_is
	[ ! -e "$T/none.db" ] || fail "completion created a database"
	# --config: the user's own questions.
	printf '[question.pricing_model]\ntier = sales\ntext = How do they price?\ntype = text\norder = 99\n' >"$T/q.ini"
	printf '[questions]\nfile = %s\n' "$T/q.ini" >"$T/config.ini"
	comp --config "$T/config.ini" answer Acme pri
	reply_is pricing_model
	comp answer Acme pri
	reply_is
}

test_files_where_a_file_is_named() {
	seed
	mkdir -p "$T/files/sub"
	: >"$T/files/a.json"
	: >"$T/files/b c.json"
	cd "$T/files" || fail "cd"
	comp import ""
	printf '%s\n' a.json "b c.json" sub >"$T/files.want"
	reply_sorted_is "$T/files.want"
	comp export -o a
	reply_is a.json
	comp brief Acme --output s
	reply_is sub
	comp --db ""
	reply_sorted_is "$T/files.want"
}

test_no_database_yet_offers_commands_and_creates_nothing() {
	comp brief ""
	reply_is
	comp account ""
	reply_is add list show edit remove relationships canvas
	[ ! -e "$ACCTPLAN_DB" ] || fail "completion created the database"
}

test_the_word_ends_at_the_cursor() {
	seed
	# "acctplan brief S| Acme", the cursor after S.
	bash -c '
		. "$1"
		COMP_WORDS=("$2" brief S Acme); COMP_CWORD=2
		COMP_LINE="acctplan brief S Acme"; COMP_POINT=16
		_acctplan
		printf "%s\n" "${COMPREPLY[@]}"
	' bash "$SCRIPT" "$AP" >"$T/reply" 2>&1
	reply_is "Sub\\ \\\$\\(touch\\ pwned\\)\\ Co"
}

test_after_double_dash_only_arguments() {
	seed
	comp note Acme -- -
	reply_is
	comp brief -- ""
	reply_is Acme "O\\'Brien\\ \\&\\ Sons" "Sub\\ \\\$\\(touch\\ pwned\\)\\ Co"
}

run_suite
