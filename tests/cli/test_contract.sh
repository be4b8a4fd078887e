#!/bin/sh
# The command-line contract as a whole: every command answers --help, usage
# lines read cleanly, and every error is one stderr line "acctplan: ...".
. "$(dirname "$0")/../lib.sh"

one_error_line() {  # one_error_line PREFIX: stderr is one line starting "acctplan: PREFIX"
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "expected one line on stderr, got: $(cat "$T/err")"
	case $(cat "$T/err") in
	"acctplan: $1"*) ;;
	*) fail "stderr: expected a line starting 'acctplan: $1', got '$(cat "$T/err")'" ;;
	esac
}

# The command names as the main help lists them ("account add", "check", ...).
commands() {
	"$AP" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z ]*[a-z]\)  .*/\1/p'
}

test_every_command_answers_help_with_its_usage() {
	n=0
	for cmd in $(commands | tr ' ' '_'); do
		cmd=$(echo "$cmd" | tr '_' ' ')
		# shellcheck disable=SC2086
		expect_rc 0 "$AP" $cmd --help
		case $(head -n 1 "$T/out") in
		"usage: acctplan $cmd"*) ;;
		*) fail "$cmd --help: first line is '$(head -n 1 "$T/out")'" ;;
		esac
		n=$((n + 1))
	done
	[ "$n" -ge 30 ] || fail "expected at least 30 commands in --help, found $n"
}

test_usage_lines_have_single_spaces_between_words() {
	for cmd in $(commands | tr ' ' '_'); do
		cmd=$(echo "$cmd" | tr '_' ' ')
		# shellcheck disable=SC2086
		"$AP" $cmd --help | head -n 1 >"$T/usage"
		lacks "$T/usage" "  "
	done
}

test_unknown_subcommand_is_one_error_line_naming_the_choices() {
	expect_rc 2 "$AP" account frob
	one_error_line "account: unknown subcommand 'frob'"
	contains "$T/err" "add, list, show, edit, remove, relationships or canvas"
	eq "$(wc -c <"$T/out")" 0 "stdout"
}

test_bare_command_family_is_one_error_line_naming_the_choices() {
	expect_rc 2 "$AP" contact
	one_error_line "contact: missing subcommand"
	contains "$T/err" "add, list, edit, remove, link or unlink"
}

test_command_family_help_lists_its_commands_on_stdout() {
	ap account --help
	contains "$T/out" "account remove"
	eq "$(wc -c <"$T/err")" 0 "stderr"
}

test_record_ids_are_plain_positive_numbers_with_an_optional_hash() {
	ap init
	ap account add Acme
	ap meeting add Acme --tier sales --date 2026-10-01 --kind strategic "Kick-off"
	ap note Acme "First visit"
	for bad in " 1" "+1" "1x" "0" "#" "99999999999999999999"; do
		expect_rc 2 "$AP" meeting remove Acme "$bad"
		one_error_line "'$bad' is not a meeting id (a positive number, as 'meeting list' shows)"
		expect_rc 2 "$AP" note remove Acme "$bad"
		one_error_line "'$bad' is not a note id"
	done
	ap meeting list Acme --format csv
	contains "$T/out" "Kick-off"
	ap meeting remove Acme "#1"
	ap note remove Acme 1
	contains "$T/out" "removed note #1 from Acme"
}

test_control_characters_in_arguments_never_reach_the_terminal_raw() {
	esc=$(printf '\033')
	ap init
	for args in "--x${esc}[31m" "bogus${esc}[31m" "account frob${esc}[31m" "account show Acme${esc}[2J"; do
		# shellcheck disable=SC2086
		expect_rc 2 "$AP" $args
		one_error_line ""
		lacks "$T/err" "$esc"
	done
}

test_check_text_shows_a_long_rule_id_and_question_whole() {
	id=$(printf 'r%.0s' $(seq 1 200))
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[rules]\nfile = rules.ini\n' >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '[rule.%s]\nkind = unanswered\ntier = sales\nseverity = warn\nquestions = market_position\n' "$id" \
		>"$XDG_CONFIG_HOME/acctplan/rules.ini"
	ap init
	ap account add Acme
	ap check Acme
	contains "$T/out" "$id/market_position: "
}

test_account_show_text_indents_the_lines_of_multiline_text() {
	ap init
	ap account add Acme
	ap answer Acme business "$(printf 'Pumps\r\nand valves')"
	ap note Acme "$(printf 'Met the CFO\nshe wants a roadmap')"
	ap meeting add Acme --tier sales --date 2026-10-01 --kind strategic "$(printf 'Kick-off\nwent well')"
	ap account show Acme
	lacks "$T/out" "$(printf '\r')"
	grep -q '^                     and valves$' "$T/out" || fail "answer's second line not under its first: $(cat "$T/out")"
	grep -q '^    she wants a roadmap$' "$T/out" || fail "note's second line not indented: $(cat "$T/out")"
	grep -q '^    went well$' "$T/out" || fail "meeting's second line not indented: $(cat "$T/out")"
}

test_import_dry_run_creates_no_database() {
	ap init
	ap account add Acme
	ap export -o plans.json
	db_wipe
	ap --db "$T/new/plans.db" import --dry-run plans.json
	contains "$T/out" "dry run, nothing changed; the file is valid and would import 1 account"
	[ ! -e "$T/new" ] || fail "the dry run created $(ls -R "$T/new")"
	[ -z "$(ls "${TMPDIR:-/tmp}" | grep '^acctplan-dry-run')" ] || fail "the dry run left its scratch folder"
}

test_names_with_blanks_at_either_end_are_refused() {
	ap init
	ap account add Acme
	before=$(dump)
	expect_rc 2 "$AP" account add "Acme "
	one_error_line "account name 'Acme ' starts or ends with a blank"
	expect_rc 2 "$AP" account add "   "
	one_error_line "account name is empty"
	expect_rc 2 "$AP" account edit Acme --name " Acme"
	one_error_line "--name ' Acme' starts or ends with a blank"
	expect_rc 2 "$AP" contact add Acme "$(printf 'Ana\t')"
	one_error_line "contact name 'Ana"
	expect_rc 2 "$AP" competitor add Acme " "
	one_error_line "competitor name is empty"
	expect_rc 2 "$AP" endcustomer add Acme " Shops"
	one_error_line "end customer name ' Shops' starts or ends with a blank"
	eq "$(dump)" "$before" "store content"
}

test_option_errors_show_the_option_as_typed() {
	ap init
	expect_rc 2 "$AP" export -o
	one_error_line "export: option '-o' needs a value"
	expect_rc 2 "$AP" account list -o out.txt
	one_error_line "account list: unknown option '-o'"
	expect_rc 2 "$AP" account remove Acme --yes=please
	one_error_line "account remove: option '--yes' takes no value"
}

test_account_show_aligns_utf8_question_labels_by_columns() {
	mkdir -p "$XDG_CONFIG_HOME/acctplan"
	printf '[questions]\nfile = questions.ini\n' >"$XDG_CONFIG_HOME/acctplan/config.ini"
	printf '[question.energie]\ntier = sales\nlabel = Énergie\ntext = Quelle énergie ?\n' \
		>"$XDG_CONFIG_HOME/acctplan/questions.ini"
	ap init
	ap account add Acme
	ap account show Acme
	# 7 columns of label, 11 of padding: "(unanswered)" in the same column as for ASCII labels.
	grep -qx '  Énergie            (unanswered)' "$T/out" || fail "label not padded by columns: $(grep nergie "$T/out")"
}

run_suite
