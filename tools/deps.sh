#!/bin/sh
# Check for what acctplan's build and tests need; on Debian as root, install
# what is missing with apt-get, otherwise print the command and fail.
#   sh tools/deps.sh        the build and the tests (make check, make run)
#   sh tools/deps.sh fuzz   the same and clang with libFuzzer (make fuzz)
missing=""
need() {  # need PACKAGE TEST...
	pkg=$1; shift
	"$@" >/dev/null 2>&1 || missing="$missing $pkg"
}
hdr() { test -f "/usr/include/$1"; }
need gcc            command -v cc
need make           command -v make
need pkg-config     command -v pkg-config
need libsqlite3-dev hdr sqlite3.h
need libncurses-dev hdr ncursesw/ncurses.h
need libiniparser-dev hdr iniparser/iniparser.h
need libcmocka-dev  hdr cmocka.h
need libutf8proc-dev hdr utf8proc.h
need tmux           command -v tmux
need sqlite3        command -v sqlite3
need python3        command -v python3
need time           test -x /usr/bin/time
need valgrind       command -v valgrind   # tests/ui/test_small.sh counts open descriptors
need groff-base     command -v groff      # tests/cli/test_man.sh renders the man page
need man-db         command -v man
# the PostgreSQL store: libpq to build, and a throwaway server for the tests
pg_server() { for f in /usr/lib/postgresql/*/bin/initdb; do test -x "$f" && return 0; done; return 1; }
need postgresql     pg_server
need libpq-dev      hdr postgresql/libpq-fe.h
# clang alone is not enough: libFuzzer's runtime must link.
fuzzer_links() {
	d=$(mktemp -d) || return 1
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return (void)d, (void)n, 0; }\n' >"$d/f.c"
	clang -fsanitize=fuzzer "$d/f.c" -o "$d/f"
	rc=$?
	rm -rf "$d"
	return $rc
}
[ "${1:-}" != fuzz ] || need clang fuzzer_links
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q $missing >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null 2>&1 && apt-get install -y -q $missing; } || {
		echo "deps: apt-get install failed for:$missing" >&2
		exit 1
	}
	exit 0
fi
echo "deps: missing:$missing" >&2
echo "deps: install them with: sudo apt-get install -y$missing" >&2
exit 1
