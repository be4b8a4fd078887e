#!/bin/sh
# tests/pg.sh - a throwaway PostgreSQL server for the tests.
#   sh tests/pg.sh start DIR [LOCALE]   start a new server (cluster locale C,
#                                       or LOCALE, e.g. C.UTF-8); write DIR/env
#   sh tests/pg.sh stop DIR             stop it and remove all of its files
#   sh tests/pg.sh restart DIR          restart it (every connection ends)
#
# DIR is the caller's (a test run's folder; created if missing) and may be
# one the server's user cannot enter: the server itself lives in its own
# mktemp -d folder under /tmp (data/, its socket, logs), owned by the user
# that runs it, with its port reserved by a link /tmp/acctplan-pg-port.N.
# DIR/env records where, as shell assignments to source:
#   PGHOST=/tmp/acctplan-pg.XXXXXX  PGPORT=5432N  PGUSER=postgres
#   ACCTPLAN_PG_SERVER=/tmp/acctplan-pg.XXXXXX   (the server's folder)
# all exported; with them, psql and libpq reach the server with no other
# arguments, and tests/pg_lib.sh makes databases on it.
#
# The server listens on its Unix socket only (no TCP), trusts every local
# connection (only its owner, and root, can enter the socket's folder) but
# those of members of role acctplan_password, who must give their password
# (a test of a wrong password makes such a role; nobody else is one), and
# trades durability for speed: fsync, synchronous_commit and
# full_page_writes are off. As root, initdb and pg_ctl run as the postgres
# user (initdb refuses root); otherwise as the current user. Either way the
# superuser role is "postgres".
#
# start prints nothing on success; on failure it prints the end of the
# server's log, removes what it made and exits 1. ACCTPLAN_PG_BINDIR picks
# the PostgreSQL programs (default: the newest /usr/lib/postgresql/N/bin).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/pg_lib.sh"

usage() {
	echo "usage: sh tests/pg.sh start DIR [LOCALE] | stop DIR | restart DIR" >&2
	exit 2
}

# as_server CMD...: CMD as the user that owns the server, from / (the
# caller's folder may be closed to the postgres user).
as_server() {
	if [ "$(id -u)" = 0 ]; then
		(cd / && runuser -u postgres -- "$@")
	else
		(cd / && "$@")
	fi
}

# tail_logs SRV: what went wrong, for the person reading the test output.
tail_logs() {
	for f in "$1/initdb.log" "$1/pg_ctl.log" "$1/log"; do
		[ -s "$f" ] || continue
		echo "pg: --- $f (last 20 lines) ---" >&2
		tail -n 20 "$f" >&2
	done
}

# stop_server SRV: fast shutdown (rolls back open transactions, ends
# connections) and wait for it; immediate when that fails. A server that
# is not running (it crashed or was killed) is stopped already.
stop_server() {
	[ -f "$1/data/postmaster.pid" ] || return 0
	as_server "$bin/pg_ctl" -D "$1/data" status >/dev/null 2>&1
	[ $? = 3 ] && return 0
	as_server "$bin/pg_ctl" -D "$1/data" -m fast -w -t 30 stop >/dev/null 2>&1 && return 0
	as_server "$bin/pg_ctl" -D "$1/data" -m immediate -w -t 30 stop >/dev/null 2>&1 && return 0
	[ -f "$1/data/postmaster.pid" ] || return 0
	echo "pg: could not stop the server in $1" >&2
	tail_logs "$1"
	return 1
}

# A port no other server of ours has, reserved with a symlink
# /tmp/acctplan-pg-port.N -> SRV/port (ln -s either makes it or fails, so two
# starts at once get two ports; a link whose file is gone is stale and taken
# over). The link names a file, not the folder: given an existing link to a
# folder, ln -s would succeed, making a new link inside that folder. Each
# server has its own socket folder, so two on one port would not even
# collide; distinct ports keep them apart for people (ps, logs) and for
# clients given only a port.
pick_port() {  # pick_port SRV
	: >"$1/port" || return 1
	p=54320
	while [ "$p" -lt 55320 ]; do
		lock=/tmp/acctplan-pg-port.$p
		if [ -L "$lock" ] && [ ! -e "$lock" ]; then rm -f "$lock"; fi
		if [ ! -e /var/run/postgresql/.s.PGSQL."$p" ] && ln -s "$1/port" "$lock" 2>/dev/null; then
			echo "$p"
			return 0
		fi
		p=$((p + 1))
	done
	echo "pg: no free port in 54320..55319 (see /tmp/acctplan-pg-port.*)" >&2
	return 1
}

# unreserve PORT SRV: remove the port's link if it is SRV's.
unreserve() {
	[ "$(readlink "/tmp/acctplan-pg-port.$1" 2>/dev/null)" = "$2/port" ] && rm -f "/tmp/acctplan-pg-port.$1"
	return 0
}

start() {
	dir=$1 locale=$2
	mkdir -p "$dir" || exit 1
	if [ -f "$dir/env" ]; then
		echo "pg: $dir/env exists: a server was started there; stop it first (sh tests/pg.sh stop $dir)" >&2
		exit 1
	fi
	if [ "$(id -u)" = 0 ] && ! id -u postgres >/dev/null 2>&1; then
		echo "pg: running as root needs the postgres user to run the server; run: sh tools/deps.sh" >&2
		exit 1
	fi
	srv=$(mktemp -d /tmp/acctplan-pg.XXXXXX) || exit 1
	port=""
	trap 'stop_server "$srv"; rm -rf "$srv"; unreserve "$port" "$srv"; exit 1' HUP INT TERM
	chmod 700 "$srv"
	if [ "$(id -u)" = 0 ]; then chown postgres: "$srv" || { rm -rf "$srv"; exit 1; }; fi
	port=$(pick_port "$srv") || { rm -rf "$srv"; exit 1; }
	# The superuser is "postgres" whoever runs it, so that tests need not know.
	if ! as_server "$bin/initdb" -D "$srv/data" -U postgres -A trust -E UTF8 --locale="$locale" \
		--no-sync >"$srv/initdb.log" 2>&1; then
		echo "pg: initdb failed (locale $locale)" >&2
		tail_logs "$srv"
		rm -rf "$srv"
		unreserve "$port" "$srv"
		exit 1
	fi
	# First match wins: the password rule goes before initdb's "trust".
	if ! as_server sh -c 'f=$1/data/pg_hba.conf && { echo "local all +acctplan_password scram-sha-256" &&
		cat "$f"; } >"$f.new" && mv "$f.new" "$f"' sh "$srv"; then
		echo "pg: could not write $srv/data/pg_hba.conf" >&2
		rm -rf "$srv"
		unreserve "$port" "$srv"
		exit 1
	fi
	if ! as_server "$bin/pg_ctl" -D "$srv/data" -l "$srv/log" -w -t 60 \
		-o "-k $srv -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off \
-c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB" start >"$srv/pg_ctl.log" 2>&1; then
		echo "pg: the server did not start" >&2
		tail_logs "$srv"
		stop_server "$srv"
		rm -rf "$srv"
		unreserve "$port" "$srv"
		exit 1
	fi
	{
		echo "PGHOST=$srv; export PGHOST"
		echo "PGPORT=$port; export PGPORT"
		echo "PGUSER=postgres; export PGUSER"
		echo "ACCTPLAN_PG_SERVER=$srv; export ACCTPLAN_PG_SERVER"
	} >"$dir/env.tmp" && mv "$dir/env.tmp" "$dir/env" || {
		stop_server "$srv"
		rm -rf "$srv" "$dir/env.tmp"
		unreserve "$port" "$srv"
		exit 1
	}
	trap - HUP INT TERM
}

stop() {
	dir=$1
	if [ ! -f "$dir/env" ]; then
		echo "pg: no server was started in $dir (no $dir/env)" >&2
		exit 1
	fi
	srv=$(. "$dir/env" && printf '%s' "$ACCTPLAN_PG_SERVER")
	port=$(. "$dir/env" && printf '%s' "$PGPORT")
	# Only ever remove a folder that start made.
	case $srv in
	/tmp/acctplan-pg.??????) ;;
	*) echo "pg: $dir/env names '$srv', not a server folder of tests/pg.sh" >&2; exit 1 ;;
	esac
	rc=0
	if [ -d "$srv" ]; then
		stop_server "$srv" || rc=1
		rm -rf "$srv"
	fi
	unreserve "$port" "$srv"
	rm -f "$dir/env"
	exit $rc
}

# restart: what a server restart does to the clients (their connections
# end); pg_ctl keeps the options the server was started with.
restart() {
	srv=$(. "$1/env" && printf '%s' "$ACCTPLAN_PG_SERVER") || exit 1
	as_server "$bin/pg_ctl" -D "$srv/data" -l "$srv/log" -m fast -w -t 60 restart >"$srv/pg_ctl.log" 2>&1 ||
		{ echo "pg: the server did not restart" >&2; tail_logs "$srv"; exit 1; }
}

[ $# -ge 2 ] || usage
bin=$(pg_bindir) || exit 1
case $1 in
start) [ $# -le 3 ] || usage; start "$2" "${3:-C}" ;;
stop) [ $# -eq 2 ] || usage; stop "$2" ;;
restart) [ $# -eq 2 ] || usage; restart "$2" ;;
*) usage ;;
esac
