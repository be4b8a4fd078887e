# tests/pg_lib.sh - databases on the throwaway PostgreSQL server of tests/pg.sh.
#
# Source it after the server's environment (DIR/env, written by
# `sh tests/pg.sh start DIR`), which exports PGHOST (the socket directory),
# PGPORT and PGUSER=postgres:
#   . "$DIR/env"; . tests/pg_lib.sh
#   url=$(pg_fresh_db t_basics)      # a new, empty database; prints its URL
#   acctplan --db "$url" ...
#   pg_drop_db t_basics
# Names are letters, digits and _ (they go into URLs unquoted).

# pg_bindir: the folder of the PostgreSQL server programs (initdb, pg_ctl,
# psql...): ACCTPLAN_PG_BINDIR when set, else the newest Debian
# /usr/lib/postgresql/N/bin, else the folder of initdb on PATH.
pg_bindir() {
	if [ -n "${ACCTPLAN_PG_BINDIR:-}" ]; then
		printf '%s\n' "$ACCTPLAN_PG_BINDIR"
		return 0
	fi
	_pg_best="" _pg_bestv=0
	for _pg_d in /usr/lib/postgresql/*/bin; do
		[ -x "$_pg_d/initdb" ] || continue
		_pg_v=${_pg_d#/usr/lib/postgresql/}
		_pg_v=${_pg_v%%/*}
		_pg_v=${_pg_v%%.*}
		case $_pg_v in '' | *[!0-9]*) continue ;; esac
		if [ "$_pg_v" -gt "$_pg_bestv" ]; then _pg_best=$_pg_d _pg_bestv=$_pg_v; fi
	done
	if [ -z "$_pg_best" ] && _pg_i=$(command -v initdb 2>/dev/null); then
		_pg_best=$(dirname "$_pg_i")
	fi
	[ -n "$_pg_best" ] || { echo "pg: no PostgreSQL server programs (initdb); run: sh tools/deps.sh" >&2; return 1; }
	printf '%s\n' "$_pg_best"
}

# pg_psql ARGS...: psql on the test server, quiet, stopping at the first error.
pg_psql() {
	PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" "$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}

_pg_name_ok() {
	case $1 in
	'' | *[!A-Za-z0-9_]*) echo "pg: bad database or role name '$1' (letters, digits and _ only)" >&2; return 1 ;;
	esac
	[ -n "${PGHOST:-}" ] && [ -n "${PGPORT:-}" ] ||
		{ echo "pg: PGHOST/PGPORT not set: source the env file that tests/pg.sh start wrote" >&2; return 1; }
}

# pg_url NAME [ROLE]: the URL of database NAME on the test server. The
# socket directory goes in the query (host=/tmp/...), which libpq reads as a
# Unix-socket host; the role defaults to PGUSER.
pg_url() {
	printf 'postgresql://%s@/%s?host=%s&port=%s\n' "${2:-${PGUSER:-postgres}}" "$1" "$PGHOST" "$PGPORT"
}

# pg_fresh_db NAME [ROLE [TEMPLATE]]: drop database NAME if it is there,
# create it (UTF8, owned by ROLE, default PGUSER) and print its URL. A ROLE
# other than the superuser is created on first use as an ordinary login role
# (no superuser, no CREATEDB, no CREATEROLE): what a team's administrator
# would give acctplan. TEMPLATE: a copy of that database (which nobody may be
# connected to) instead of an empty one, e.g. one a test run initialised once;
# its tables keep their owner. One psql session; FILE_COPY copies the
# template's files (a checkpoint, cheap with fsync off): ~15 ms against
# ~30-100 ms for the default WAL_LOG strategy.
pg_fresh_db() {
	_pg_name_ok "$1" || return 1
	_pg_owner=${2:-${PGUSER:-postgres}}
	_pg_name_ok "$_pg_owner" || return 1
	_pg_tmpl=${3:-template1}
	_pg_name_ok "$_pg_tmpl" || return 1
	_pg_role="SELECT 1"
	if [ "$_pg_owner" != "${PGUSER:-postgres}" ]; then
		_pg_role="DO \$\$ BEGIN
			IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$_pg_owner') THEN
				CREATE ROLE \"$_pg_owner\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
			END IF; END \$\$"
	fi
	pg_psql -d postgres -c "$_pg_role" -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" \
		-c "CREATE DATABASE \"$1\" OWNER \"$_pg_owner\" TEMPLATE \"$_pg_tmpl\" ENCODING 'UTF8' STRATEGY FILE_COPY" \
		>/dev/null || return 1
	pg_url "$1" "$_pg_owner"
}

# pg_drop_db NAME: drop database NAME (ending its connections); no error when it is not there.
pg_drop_db() {
	_pg_name_ok "$1" || return 1
	pg_psql -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)"
}
