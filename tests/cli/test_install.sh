#!/bin/sh
# make install puts a working program, its assets and the man page under PREFIX.
. "$(dirname "$0")/../lib.sh"

test_installed_binary_finds_its_assets_outside_the_build_tree() {
	make -s -C "$TOP" BUILD="$BUILD" install PREFIX=/opt/ap DESTDIR="$T/root" >/dev/null 2>&1 ||
		fail "make install failed"
	for f in bin/acctplan share/acctplan/questions.ini share/man/man1/acctplan.1 \
		share/bash-completion/completions/acctplan; do
		[ -f "$T/root/opt/ap/$f" ] || fail "not installed: $f"
	done
	# Copy the tree elsewhere so neither the build tree nor the compiled-in
	# path can be what is found.
	cp -r "$T/root/opt/ap" "$T/moved"
	expect_rc 0 "$T/moved/bin/acctplan" questions --tier executive
	contains "$T/out" "demand_outlook"
	# The completion, as bash-completion loads it, asks the installed program.
	expect_rc 0 bash -c '. "$1/share/bash-completion/completions/acctplan"
		COMP_WORDS=("$1/bin/acctplan" answer Acme demand_o); COMP_CWORD=3
		_acctplan && printf "%s\n" "${COMPREPLY[@]}"' bash "$T/moved"
	eq "$(cat "$T/out")" "demand_outlook" "installed completion"
}

# bash-completion's folder is its pkg-config variable under PREFIX, or that
# default; BASH_COMPLETIONS_DIR overrides it; uninstall removes the script.
test_completion_folder_and_uninstall() {
	make -s -C "$TOP" BUILD="$BUILD" install PREFIX=/opt/ap DESTDIR="$T/root" \
		BASH_COMPLETIONS_DIR=/etc/bash_completion.d >/dev/null 2>&1 || fail "make install failed"
	cmp -s "$TOP/assets/acctplan.bash" "$T/root/etc/bash_completion.d/acctplan" ||
		fail "BASH_COMPLETIONS_DIR not followed"
	mkdir -p "$T/pc"
	printf 'prefix=/usr\ncompletionsdir=${prefix}/share/bash-completion/completions\n\n%s\n%s\n%s\n' \
		"Name: bash-completion" "Description: programmable completion" "Version: 2.11" >"$T/pc/bash-completion.pc"
	PKG_CONFIG_PATH="$T/pc" make -s -C "$TOP" BUILD="$BUILD" install PREFIX=/opt/pc DESTDIR="$T/root" \
		>/dev/null 2>&1 || fail "make install failed"
	[ -f "$T/root/opt/pc/share/bash-completion/completions/acctplan" ] || fail "pkg-config's folder not moved under PREFIX"
	make -s -C "$TOP" BUILD="$BUILD" install PREFIX=/opt/ap DESTDIR="$T/root" >/dev/null 2>&1 || fail "make install failed"
	[ -f "$T/root/opt/ap/share/bash-completion/completions/acctplan" ] || fail "not installed in the default folder"
	make -s -C "$TOP" BUILD="$BUILD" uninstall PREFIX=/opt/ap DESTDIR="$T/root" >/dev/null 2>&1 || fail "make uninstall failed"
	left=$(find "$T/root/opt/ap" -type f)
	[ -z "$left" ] || fail "left after uninstall: $left"
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
