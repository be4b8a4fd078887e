#!/bin/sh
# The man page as man shows it: groff takes every request without a warning,
# no macro text or font escape reaches the reader, and each command's synopsis
# stays whole in its tag (a tag is one line of source: a second line of it
# lands in the description, brackets and all).
. "$(dirname "$0")/../lib.sh"

PAGE="$TOP/assets/acctplan.1"

need() {
	command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed (sh tools/deps.sh installs it)"
}

# render: the page as man -l shows it in 80 columns, into $T/man.txt.
render() {
	need man
	MANWIDTH=80 man -l "$PAGE" >"$T/man.txt" 2>"$T/man.err" || fail "man -l failed: $(cat "$T/man.err")"
	[ ! -s "$T/man.err" ] || fail "man -l complained: $(head -c 400 "$T/man.err")"
	[ -s "$T/man.txt" ] || fail "man -l showed nothing"
}

test_groff_formats_the_page_without_a_warning() {
	need groff
	groff -man -Tutf8 -ww -z "$PAGE" 2>"$T/warn" || fail "groff failed: $(head -c 400 "$T/warn")"
	[ ! -s "$T/warn" ] || fail "groff warns: $(head -c 600 "$T/warn")"
}

test_the_reader_sees_no_macro_text_or_font_escapes() {
	render
	# A request groff took as text starts a line with '.'; an escape it left
	# shows as \f (font), \( or \[ (a named character) or \* (a string).
	grep -nE '^[[:space:]]*\.[A-Za-z]' "$T/man.txt" >"$T/bad" && fail "macro text: $(head -n 3 "$T/bad")"
	grep -nE '\\[f(*[]' "$T/man.txt" >"$T/bad" && fail "escape shown as text: $(head -n 3 "$T/bad")"
	return 0
}

test_every_synopsis_keeps_its_brackets_together() {
	render
	# Tags and their wrapped lines sit at the section indent (7 columns),
	# descriptions deeper: every such block must close what it opens.
	awk '
		function check() {
			if (block != "" && gsub(/\[/, "[", block) != gsub(/\]/, "]", block))
				print first
			block = ""
		}
		/^       [^ ]/ { if (block == "") first = $0; block = block $0; next }
		{ check() }
		END { check() }
	' "$T/man.txt" >"$T/bad"
	[ ! -s "$T/bad" ] || fail "a synopsis split from its brackets: $(head -n 3 "$T/bad")"
	# The four that were split, each whole on its line.
	for s in "export [-o FILE]" "questions [--tier T]" \
		"check [ACCOUNT] [--tier T] [--severity S] [--all] [--fail-on SEVERITY]" \
		"portfolio [--fresh-days N]"; do
		grep -qxF "       $s" "$T/man.txt" || fail "no line '$s' in: $(grep -F -- "${s%% *}" "$T/man.txt" | head -n 3)"
	done
}

run_suite
