#!/bin/sh
# make install puts a working program, its assets and the man page under PREFIX.
. "$(dirname "$0")/../lib.sh"

test_installed_binary_finds_its_assets_outside_the_build_tree() {
	make -s -C "$TOP" BUILD="$BUILD" install PREFIX=/opt/ap DESTDIR="$T/root" >/dev/null 2>&1 ||
		fail "make install failed"
	for f in bin/acctplan share/acctplan/questions.ini share/man/man1/acctplan.1; do
		[ -f "$T/root/opt/ap/$f" ] || fail "not installed: $f"
	done
	# Copy the tree elsewhere so neither the build tree nor the compiled-in
	# path can be what is found.
	cp -r "$T/root/opt/ap" "$T/moved"
	expect_rc 0 "$T/moved/bin/acctplan" questions --tier executive
	contains "$T/out" "demand_outlook"
}

test_version_and_help() {
	ap --version
	contains "$T/out" "acctplan "
	ap --help
	contains "$T/out" "Commands:"
	contains "$T/out" "Exit status"
}

test_man_page_documents_every_command() {
	ap --help
	sed -n 's/^  \([a-z][a-z]*\( [a-z][a-z]*\)\{0,1\}\)  .*/\1/p' "$T/out" >"$T/commands"
	[ -s "$T/commands" ] || fail "no commands listed by --help"
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' "$TOP/assets/acctplan.1" >"$T/man.txt"
	while read -r cmd; do
		grep -qF -- "$cmd" "$T/man.txt" || fail "acctplan.1 does not document '$cmd'"
	done <"$T/commands"
	contains "$T/man.txt" "EXIT STATUS"
}

run_suite
