#!/bin/sh
# tests/pg_schema_check.sh - the PostgreSQL schema (src/store_pg_schema.c)
# on throwaway servers: it loads, twice, also for a role without CREATE on
# the database; it is the SQLite schema's (columns, defaults, NOT NULL,
# CHECKs, indexes, foreign keys: compared with a file `acctplan init` made,
# when $BUILD/acctplan is there); its constraints, cascades, ids, collation
# and change notifications behave. Prints "PASS: pg_schema/NAME" or
# "FAIL: pg_schema/NAME: why" per check, like the other suites.
#   sh tests/pg_schema_check.sh           (BUILD=build-dir; default build)
# Needs cc, libpq (pkg-config libpq), sqlite3 and the PostgreSQL server
# programs: sh tools/deps.sh installs them.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
. "$TOP/tests/pg_lib.sh"
W=$(mktemp -d)
failed=0

cleanup() {
	for s in c u; do
		[ -f "$W/$s/env" ] && sh "$TOP/tests/pg.sh" stop "$W/$s"
	done
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# check NAME FUNCTION: run FUNCTION; it fails by returning non-zero, with what went wrong on its output.
check() {
	if "$2" >"$W/why" 2>&1; then
		echo "PASS: pg_schema/$1"
	else
		echo "FAIL: pg_schema/$1: $(head -c 600 "$W/why" | tr '\n' ' ')"
		failed=$((failed + 1))
	fi
}
# on SERVER CMD...: CMD with the environment of server c (cluster locale C) or u (C.UTF-8).
on() {
	(. "$W/$1/env" && shift && "$@")
}
# q DB SQL: rows of SQL on server c, unaligned, '|' between columns.
q() {
	on c pg_psql -d "$1" -At -c "$2"
}
# qs DB: the statements on stdin on server c, each in a transaction of its own.
qs() {
	on c pg_psql -d "$1" -At
}
# sqlstate DB SQL: the SQLSTATE SQL ends with on server c (00000: it succeeded).
sqlstate() {
	printf '%s;\n\\echo :SQLSTATE\n' "$2" | on c "$(pg_bindir)/psql" -X -q -At -d "$1" 2>/dev/null | tail -n 1
}
# same WHAT GOT WANT
same() {
	[ "$2" = "$3" ] && return 0
	printf '%s differ:\n--- got\n%s\n--- want\n%s\n' "$1" "$2" "$3"
	return 1
}

# ---- the programs: the statements as a SQL script, and a LISTEN client ----
cat >"$W/schema_sql.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include "store_pg_schema.h"
/* Print store_pg_schema and every step after it as a psql script: each
 * statement and a ';'. */
static int print(const char *const *s, int *n)
{
	for (; *s; s++, (*n)++) {
		size_t len = strlen(*s);
		if (len == 0 || (*s)[len - 1] == ';' || (*s)[len - 1] == ' ') {
			fprintf(stderr, "statement %d is empty or ends with ';' or a space: %s\n", *n, *s);
			return 1;
		}
		printf("%s;\n", *s);
	}
	return 0;
}
int main(void)
{
	int n = 0;
	if (print(store_pg_schema, &n))
		return 1;
	for (int v = 0; v < STORE_PG_SCHEMA_VERSION - STORE_PG_BASE_VERSION; v++)
		if (print(store_pg_steps[v], &n))
			return 1;
	return n > 0 ? 0 : 1;
}
EOF
cat >"$W/pg_listen.c" <<'EOF'
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libpq-fe.h>
/* pg_listen URL MS: LISTEN acctplan, print "listening", then each payload
 * on a line until payload "end" or MS milliseconds. */
int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	PGconn *c = PQconnectdb(argv[1]);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "%s", PQerrorMessage(c));
		return 1;
	}
	PGresult *r = PQexec(c, "LISTEN acctplan");
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "%s", PQerrorMessage(c));
		return 1;
	}
	PQclear(r);
	printf("listening\n");
	fflush(stdout);
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	long left = atol(argv[2]);
	while (left > 0) {
		struct pollfd p = {PQsocket(c), POLLIN, 0};
		if (poll(&p, 1, (int)left) < 0 || !PQconsumeInput(c)) {
			fprintf(stderr, "%s", PQerrorMessage(c));
			return 1;
		}
		PGnotify *n;
		while ((n = PQnotifies(c))) {
			printf("%s %s\n", n->relname, n->extra);
			fflush(stdout);
			int end = strcmp(n->extra, "end") == 0;
			PQfreemem(n);
			if (end) {
				PQfinish(c);
				return 0;
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		left = atol(argv[2]) - ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000);
	}
	fprintf(stderr, "pg_listen: no \"end\" within %s ms\n", argv[2]);
	PQfinish(c);
	return 1;
}
EOF

compiles() {
	${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wwrite-strings -Wmissing-prototypes -Werror \
		-I"$TOP/include" -I"$TOP/src" -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
		-c "$TOP/src/store_pg_schema.c" -o "$W/store_pg_schema.o" &&
		${CC:-cc} -std=c11 -Wall -Wextra -I"$TOP/src" -c "$W/schema_sql.c" -o "$W/schema_sql.o" &&
		${CC:-cc} -o "$W/schema_sql" "$W/schema_sql.o" "$W/store_pg_schema.o" &&
		"$W/schema_sql" >"$W/schema.sql" &&
		${CC:-cc} -std=c11 -Wall -Wextra -D_XOPEN_SOURCE=700 $(pkg-config --cflags libpq) \
			"$W/pg_listen.c" -o "$W/pg_listen" $(pkg-config --libs libpq)
}
check compiles compiles
[ -s "$W/schema.sql" ] || { echo "FAIL: pg_schema/all: no schema to check"; exit 1; }

# ---- two servers at once: cluster locale C and C.UTF-8 ----
(sh "$TOP/tests/pg.sh" start "$W/c"; echo $? >"$W/c.rc") &
(sh "$TOP/tests/pg.sh" start "$W/u" C.UTF-8; echo $? >"$W/u.rc") &
wait
if [ "$(cat "$W/c.rc")" != 0 ] || [ "$(cat "$W/u.rc")" != 0 ]; then
	echo "FAIL: pg_schema/servers: tests/pg.sh start failed"
	exit 1
fi

# The version the schema above is at: the store's (store.h).
VERSION=$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$TOP/include/acctplan/store.h")

load() {  # load SERVER DB [ROLE]: a fresh database with the schema, in one transaction
	url=$(on "$1" pg_fresh_db "$2" ${3:+"$3"}) || return 1
	on "$1" "$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 --single-transaction -d "$url" -f "$W/schema.sql" &&
		on "$1" pg_psql -d "$2" -c "INSERT INTO acctplan.schema_version VALUES ('acctplan', $VERSION, 'acctplan check')"
}
loads() { load c s1; }
loads_twice() { load c s2; }
loads_c_utf8() { load u s1; }
check loads loads
check loads_in_a_second_database loads_twice
check loads_in_a_c_utf8_cluster loads_c_utf8

# An administrator made schema acctplan for role app, which has no CREATE on
# the database: the schema's first statement must not need it.
least_privilege() {
	on c pg_fresh_db lp >/dev/null &&
		q lp "CREATE ROLE app LOGIN NOSUPERUSER; CREATE SCHEMA acctplan AUTHORIZATION app" >/dev/null &&
		same "app's CREATE on the database" "$(q lp "SELECT has_database_privilege('app', 'lp', 'CREATE')")" f &&
		on c "$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 --single-transaction \
			-d "$(on c pg_url lp app)" -f "$W/schema.sql" &&
		same owner "$(q lp "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'acctplan'")" app
}
check loads_for_a_role_without_create_on_the_database least_privilege

schema_version_one_row() {
	same "second row" "$(sqlstate s1 "INSERT INTO acctplan.schema_version VALUES ('acctplan', 6, 'x')")" 23505 &&
		same row "$(q s1 "SELECT * FROM acctplan.schema_version")" "acctplan|$VERSION|acctplan check"
}
check schema_version_one_row schema_version_one_row

tables() {
	same tables "$(q s1 "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables
		WHERE schemaname = 'acctplan'")" \
		"account action advocacy answer competitor confirmation contact contact_link customer_order definition demand_driver end_customer engagement exchange flag_seen meeting_contact meeting_member member note review review_account review_decision review_member schema_version search_entry search_stats snooze"
}
check tables tables

text_is_collate_c() {
	same "text columns not COLLATE \"C\"" "$(q s1 "SELECT string_agg(table_name || '.' || column_name, ' ')
		FROM information_schema.columns WHERE table_schema = 'acctplan' AND data_type = 'text'
		AND collation_name IS DISTINCT FROM 'C'")" "" &&
		same "other types" "$(q s1 "SELECT string_agg(DISTINCT data_type, ',' ORDER BY data_type) FROM information_schema.columns
			WHERE table_schema = 'acctplan'")" "bigint,double precision,integer,text,tsvector"
}
check every_text_column_is_collate_c text_is_collate_c

# Identity, by default (import keeps ids), in a sequence TABLE_id_seq
# (the store asks nextval('TABLE_id_seq') for an insert's id).
identity_ids() {
	same ids "$(q s1 "SELECT string_agg(table_name || ':' || identity_generation || ':' ||
		pg_get_serial_sequence('acctplan.' || table_name, 'id'), ' ' ORDER BY table_name)
		FROM information_schema.columns WHERE table_schema = 'acctplan' AND column_name = 'id'
		AND is_identity = 'YES' AND data_type = 'bigint'")" \
		"account:BY DEFAULT:acctplan.account_id_seq action:BY DEFAULT:acctplan.action_id_seq advocacy:BY DEFAULT:acctplan.advocacy_id_seq answer:BY DEFAULT:acctplan.answer_id_seq competitor:BY DEFAULT:acctplan.competitor_id_seq confirmation:BY DEFAULT:acctplan.confirmation_id_seq contact:BY DEFAULT:acctplan.contact_id_seq contact_link:BY DEFAULT:acctplan.contact_link_id_seq customer_order:BY DEFAULT:acctplan.customer_order_id_seq demand_driver:BY DEFAULT:acctplan.demand_driver_id_seq end_customer:BY DEFAULT:acctplan.end_customer_id_seq engagement:BY DEFAULT:acctplan.engagement_id_seq exchange:BY DEFAULT:acctplan.exchange_id_seq member:BY DEFAULT:acctplan.member_id_seq note:BY DEFAULT:acctplan.note_id_seq review:BY DEFAULT:acctplan.review_id_seq review_decision:BY DEFAULT:acctplan.review_decision_id_seq snooze:BY DEFAULT:acctplan.snooze_id_seq"
}
check ids_are_bigint_identity_by_default identity_ids

# ---- the same schema as SQLite's (a file acctplan init made) ----
if [ -x "$BUILD/acctplan" ] && command -v sqlite3 >/dev/null 2>&1 &&
	HOME=$W ACCTPLAN_DB='' "$BUILD/acctplan" --db "$W/lite.db" init >/dev/null 2>&1 &&
	[ "$(sqlite3 "$W/lite.db" 'PRAGMA user_version')" = "$VERSION" ]; then
	LITE_TABLES="m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name NOT LIKE 'search%'"
	# Each store searches with tables of its own (FTS5's; search_entry).
	PG_TABLES="n.nspname = 'acctplan' AND c.relname NOT IN ('schema_version', 'search_entry', 'search_stats')"
	same_columns() {
		# Positions counted over the live columns: a column a migration
		# dropped (demand_driver's factor) keeps its attnum in PostgreSQL,
		# where SQLite's rebuilt table numbers the rest again.
		same columns "$(q s1 "SELECT c.relname, row_number() OVER (PARTITION BY c.relname ORDER BY a.attnum) - 1,
			a.attname,
			format_type(a.atttypid, a.atttypmod), a.attnotnull::int,
			coalesce(regexp_replace(pg_get_expr(d.adbin, d.adrelid), '::text$', ''), '')
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
			LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
			WHERE c.relkind = 'r' AND $PG_TABLES ORDER BY 1, 2" | LC_ALL=C sort)" \
			"$(sqlite3 "$W/lite.db" "SELECT m.name, p.cid, p.name,
			CASE p.type WHEN 'INTEGER' THEN 'bigint' WHEN 'TEXT' THEN 'text' WHEN 'REAL' THEN 'double precision'
			ELSE p.type END, p.\"notnull\" OR p.pk, coalesce(p.dflt_value, '')
			FROM sqlite_schema m, pragma_table_info(m.name) p WHERE $LITE_TABLES" | LC_ALL=C sort)"
	}
	check same_columns_as_sqlite same_columns
	same_indexes() {
		same indexes "$(q s1 "SELECT c.relname, i.relname, x.indisunique::int,
			replace(replace(replace(lower(regexp_replace(pg_get_indexdef(x.indexrelid),
			'^.* USING btree \((.*)\)$', '\1')), ' ', ''), '::bigint', ''), '(0)', '0')
			FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT x.indisprimary AND $PG_TABLES" |
			LC_ALL=C sort)" \
			"$(sqlite3 "$W/lite.db" "SELECT m.tbl_name, m.name, m.sql LIKE 'CREATE UNIQUE %',
			lower(replace(substr(m.sql, instr(m.sql, '(') + 1, length(m.sql) - instr(m.sql, '(') - 1), ' ', ''))
			FROM sqlite_schema m WHERE m.type = 'index' AND m.sql IS NOT NULL
			AND m.tbl_name NOT LIKE 'search%'" | LC_ALL=C sort)"
	}
	check same_indexes_as_sqlite same_indexes
	same_foreign_keys() {
		same "foreign keys" "$(q s1 "SELECT c.relname, a.attname, f.relname, fa.attname,
			CASE k.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'a' THEN 'NO ACTION'
			WHEN 'r' THEN 'RESTRICT' ELSE 'SET DEFAULT' END
			FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
			JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
			JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.confkey[1]
			WHERE k.contype = 'f' AND $PG_TABLES" | LC_ALL=C sort)" \
			"$(sqlite3 "$W/lite.db" "SELECT m.name, p.\"from\", p.\"table\", p.\"to\", p.on_delete
			FROM sqlite_schema m, pragma_foreign_key_list(m.name) p WHERE $LITE_TABLES" | LC_ALL=C sort)"
	}
	check same_foreign_keys_as_sqlite same_foreign_keys
	# CHECK (col IN (values)) on both sides, as TABLE|COL|values.
	same_checks() {
		same checks "$(q s1 "SELECT c.relname || '|' || pg_get_constraintdef(k.oid)
			FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE k.contype = 'c' AND $PG_TABLES" |
			sed -e 's/^\([a-z_]*\)|CHECK ((\([a-z_]*\) = ANY (ARRAY\[\(.*\)\])))$/\1|\2|\3/' \
				-e 's/::text//g; s/::bigint//g; s/[() ]//g' | LC_ALL=C sort)" \
			"$(sqlite3 -separator ' ' "$W/lite.db" "SELECT m.name, m.sql FROM sqlite_schema m WHERE $LITE_TABLES" |
			while read -r t sql; do
				printf '%s\n' "$sql" | grep -o 'CHECK ([a-z_]* IN ([^)]*))' |
					sed -e "s/^CHECK (\([a-z_]*\) IN (\(.*\)))$/$t|\1|\2/" -e 's/ //g'
			done | LC_ALL=C sort)"
	}
	check same_checks_as_sqlite same_checks
else
	echo "FAIL: pg_schema/same_as_sqlite: no SQLite file of schema $VERSION to compare with (acctplan init with $BUILD/acctplan failed, or it makes another version: update this check)"
fi

# ---- constraints and cascades, with rows ----
q s1 "INSERT INTO acctplan.account (id, name, created, name_key) VALUES
	(101, 'Acme', '2026-01-01', 'acme'), (102, 'Globex', '2026-01-01', 'globex'),
	(103, 'Initech', '2026-01-01', 'initech')" >/dev/null

duplicate_name_key() {
	same account "$(sqlstate s1 "INSERT INTO acctplan.account (name, created, name_key) VALUES ('ACME', '2026-01-02', 'acme')")" 23505 &&
		same contact "$(sqlstate s1 "INSERT INTO acctplan.contact (account_id, name, tier, name_key) VALUES
			(101, 'Ann', 'sales', 'ann'), (101, 'ANN', 'product', 'ann')")" 23505 &&
		same "same key, other account" "$(sqlstate s1 "INSERT INTO acctplan.contact (account_id, name, tier, name_key)
			VALUES (101, 'Ann', 'sales', 'ann'), (102, 'Ann', 'sales', 'ann')")" 00000 &&
		same "NULL keys" "$(sqlstate s1 "INSERT INTO acctplan.competitor (account_id, name) VALUES
			(101, 'Elektra'), (101, 'Elektra')")" 00000
}
check duplicate_name_key_is_23505 duplicate_name_key

# Exactly one of two answers superseding the same one (or both "none") stands.
answer_replaces() {
	q s1 "INSERT INTO acctplan.answer (id, account_id, question, value, source, confidence, answered_on)
		VALUES (1, 101, 'budget', '1M', 'meeting', 'high', '2026-01-01')" >/dev/null &&
		same "second first answer" "$(sqlstate s1 "INSERT INTO acctplan.answer (account_id, question, value, source,
			confidence, answered_on) VALUES (101, 'budget', '2M', 'meeting', 'high', '2026-01-02')")" 23505 &&
		same "replaces 1" "$(sqlstate s1 "INSERT INTO acctplan.answer (id, account_id, question, value, source,
			confidence, answered_on, replaces) VALUES (2, 101, 'budget', '2M', 'meeting', 'high', '2026-01-02', 1)")" 00000 &&
		same "replaces 1 again" "$(sqlstate s1 "INSERT INTO acctplan.answer (account_id, question, value, source,
			confidence, answered_on, replaces) VALUES (101, 'budget', '3M', 'meeting', 'high', '2026-01-03', 1)")" 23505 &&
		same "other account" "$(sqlstate s1 "INSERT INTO acctplan.answer (account_id, question, value, source,
			confidence, answered_on) VALUES (102, 'budget', '1M', 'meeting', 'high', '2026-01-01')")" 00000
}
check answer_replaces_is_unique answer_replaces

check_constraints() {
	same segment "$(sqlstate s1 "INSERT INTO acctplan.account (name, created, segment) VALUES ('X', '2026-01-01', 'big')")" 23514 &&
		same tier "$(sqlstate s1 "INSERT INTO acctplan.note (account_id, tier, written_on, body) VALUES (101, 'Sales', '2026-01-01', 'x')")" 23514 &&
		same shared "$(sqlstate s1 "INSERT INTO acctplan.engagement (account_id, tier, held_on, kind, shared) VALUES (101, 'sales', '2026-01-01', 'tactical', 2)")" 23514 &&
		same "unknown account" "$(sqlstate s1 "INSERT INTO acctplan.note (account_id, tier, written_on, body) VALUES (999, 'sales', '2026-01-01', 'x')")" 23503 &&
		same "NOT NULL" "$(sqlstate s1 "INSERT INTO acctplan.snooze (account_id, rule, until_on, reason) VALUES (101, 'r', '2026-01-01', 'x')")" 23502
}
check check_and_foreign_key_constraints check_constraints

# Removing an account removes everything recorded about it; a manager's
# reports then report to nobody; removing an answer removes what superseded it.
cascade() {
	q s1 "INSERT INTO acctplan.contact (id, account_id, name, tier) VALUES (50, 103, 'Boss', 'executive');
		INSERT INTO acctplan.contact (id, account_id, name, tier, reports_to) VALUES (51, 103, 'Report', 'sales', 50);
		INSERT INTO acctplan.competitor (account_id, name) VALUES (103, 'C');
		INSERT INTO acctplan.end_customer (account_id, name) VALUES (103, 'E');
		INSERT INTO acctplan.engagement (account_id, tier, held_on, kind) VALUES (103, 'sales', '2026-01-01', 'strategic');
		INSERT INTO acctplan.note (account_id, tier, written_on, body) VALUES (103, 'sales', '2026-01-01', 'n');
		INSERT INTO acctplan.snooze (account_id, rule, until_on, reason, created_on) VALUES (103, 'r', '2026-02-01', 'x', '2026-01-01');
		INSERT INTO acctplan.demand_driver (account_id, metric, value) VALUES (103, 'cars', 1.5);
		INSERT INTO acctplan.answer (id, account_id, question, value, source, confidence, answered_on)
			VALUES (10, 103, 'q', 'a', 'research', 'low', '2026-01-01');
		INSERT INTO acctplan.answer (id, account_id, question, value, source, confidence, answered_on, replaces)
			VALUES (11, 103, 'q', 'b', 'research', 'low', '2026-01-02', 10);
		INSERT INTO acctplan.answer (id, account_id, question, value, source, confidence, answered_on, replaces)
			VALUES (12, 103, 'q', 'c', 'research', 'low', '2026-01-03', 11)" >/dev/null || return 1
	q s1 "DELETE FROM acctplan.contact WHERE id = 50" >/dev/null &&
		same "reports_to after its manager went" "$(q s1 "SELECT coalesce(reports_to::text, 'null') FROM acctplan.contact WHERE id = 51")" null &&
		q s1 "DELETE FROM acctplan.answer WHERE id = 11" >/dev/null &&
		same "answers after 11 went" "$(q s1 "SELECT string_agg(id::text, ' ' ORDER BY id) FROM acctplan.answer WHERE account_id = 103")" 10 &&
		q s1 "DELETE FROM acctplan.account WHERE id = 103" >/dev/null &&
		same "rows of account 103 left" "$(q s1 "SELECT (SELECT count(*) FROM acctplan.answer WHERE account_id = 103)
			+ (SELECT count(*) FROM acctplan.contact WHERE account_id = 103)
			+ (SELECT count(*) FROM acctplan.competitor WHERE account_id = 103)
			+ (SELECT count(*) FROM acctplan.end_customer WHERE account_id = 103)
			+ (SELECT count(*) FROM acctplan.engagement WHERE account_id = 103)
			+ (SELECT count(*) FROM acctplan.note WHERE account_id = 103)
			+ (SELECT count(*) FROM acctplan.snooze WHERE account_id = 103)
			+ (SELECT count(*) FROM acctplan.demand_driver WHERE account_id = 103)")" 0 &&
		same "other accounts' answers" "$(q s1 "SELECT count(*) FROM acctplan.answer WHERE account_id <> 103")" 3
}
check cascade_delete cascade

# An id is never handed out twice, not even the highest one after it was removed.
ids_not_reused() {
	a=$(q s2 "INSERT INTO acctplan.account (name, created) VALUES ('a', '2026-01-01') RETURNING id") &&
		b=$(q s2 "INSERT INTO acctplan.account (name, created) VALUES ('b', '2026-01-01') RETURNING id") &&
		q s2 "DELETE FROM acctplan.account WHERE id = $b" >/dev/null &&
		c=$(q s2 "INSERT INTO acctplan.account (name, created) VALUES ('c', '2026-01-01') RETURNING id") &&
		same "ids" "$a $b $c" "1 2 3"
}
check ids_are_not_reused ids_not_reused

# Sorting, comparing and lower() as SQLite does them (bytes; ASCII case), in
# both clusters: the columns' COLLATE "C", not the database's locale, decides.
COLL_NAMES="('b'), ('B'), ('a'), ('É'), ('é'), ('Z'), ('ä'), ('ß'), ('_x'), ('Ł'), ('ł'), ('Åb'), ('aB')"
COLL_QUERY="SELECT name || ':' || lower(name) || ':' || upper(name) || ':' || (name < 'a')::int
	|| ':' || instr(lower(name), 'b') FROM acctplan.account ORDER BY lower(name), name"
collation() {
	want=$(sqlite3 :memory: "CREATE TABLE account (name TEXT); INSERT INTO account VALUES $COLL_NAMES;
		$(printf '%s' "$COLL_QUERY" | sed 's/acctplan\.//; s/)::int/)/')")
	for sd in c:s2 u:s1; do
		s=${sd%:*} db=${sd#*:}
		on "$s" pg_psql -d "$db" -c "DELETE FROM acctplan.account;
			INSERT INTO acctplan.account (name, created) SELECT v, '2026-01-01' FROM (VALUES $COLL_NAMES) t(v)" &&
			same "cluster $s" "$(on "$s" pg_psql -d "$db" -At -c "SET search_path = acctplan; $COLL_QUERY")" "$want" ||
			return 1
	done
}
check collation_is_sqlites_in_c_and_c_utf8_clusters collation

# ORDER BY lower(name) and a name key lookup read the indexes.
indexes_used() {
	plan=$(q s1 "SET enable_seqscan = off; EXPLAIN SELECT id FROM acctplan.account ORDER BY lower(name)") &&
		case $plan in *account_name*) ;; *) echo "$plan"; return 1 ;; esac &&
		plan=$(q s1 "SET enable_seqscan = off; EXPLAIN SELECT id FROM acctplan.contact
			WHERE account_id = 101 ORDER BY lower(name)") &&
		case $plan in *contact_name*) ;; *) echo "$plan"; return 1 ;; esac
}
check lower_name_indexes_serve_order_by indexes_used

instr_is_sqlites() {
	same instr "$(q s1 "SELECT acctplan.instr('abcb', 'b') || ' ' || acctplan.instr('abc', 'x') || ' ' ||
		acctplan.instr('abc', '') || ' ' || coalesce(acctplan.instr(NULL, 'a')::text, 'null')")" \
		"$(sqlite3 :memory: "SELECT instr('abcb', 'b') || ' ' || instr('abc', 'x') || ' ' || instr('abc', '') || ' ' ||
			coalesce(instr(NULL, 'a'), 'null')")"
}
check instr_is_sqlites instr_is_sqlites

# ---- LISTEN/NOTIFY: the account id, at commit, once per transaction ----
notify_triggers() {
	same "tables with the trigger" "$(q s1 "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_trigger t
		JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
		WHERE p.proname = 'notify_change' AND NOT t.tgisinternal")" \
		"account action advocacy answer competitor confirmation contact contact_link customer_order demand_driver end_customer engagement exchange note review_account review_decision snooze"
}
check notify_trigger_on_every_record_table notify_triggers

notify() {
	"$W/pg_listen" "$(on c pg_url s1)" 15000 >"$W/notes" 2>&1 &
	pid=$!
	i=0
	until grep -q listening "$W/notes" || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
	q s1 "INSERT INTO acctplan.account (id, name, created) VALUES (104, 'Umbrella', '2026-01-01')" >/dev/null
	# One transaction, two accounts, several rows each: each id once, in the order first touched.
	q s1 "BEGIN;
		INSERT INTO acctplan.contact (account_id, name, tier) VALUES (104, 'Uma', 'sales');
		INSERT INTO acctplan.note (account_id, tier, written_on, body) VALUES (104, 'sales', '2026-01-01', 'n');
		UPDATE acctplan.account SET industry = 'chemicals', version = version + 1 WHERE id = 101;
		UPDATE acctplan.account SET industry = 'pharma' WHERE id = 104;
		INSERT INTO acctplan.note (account_id, tier, written_on, body) VALUES (101, 'sales', '2026-01-01', 'n');
		COMMIT" >/dev/null
	# Undone: nothing.
	q s1 "BEGIN; INSERT INTO acctplan.note (account_id, tier, written_on, body) VALUES (102, 'sales', '2026-01-01', 'n');
		ROLLBACK" >/dev/null
	# An account removed with all its rows: its id, once.
	q s1 "DELETE FROM acctplan.account WHERE id = 104" >/dev/null
	# Every kind of record, a transaction each; a row moved to another account:
	# both ids; a member, who may show in any account: 0, reload everything.
	qs s1 >/dev/null <<'SQL'
	INSERT INTO acctplan.answer (account_id, question, value, source, confidence, answered_on)
			VALUES (102, 'goal', 'v', 'research', 'low', '2026-01-01');
		INSERT INTO acctplan.contact (account_id, name, tier) VALUES (102, 'Gil', 'sales');
		INSERT INTO acctplan.competitor (account_id, name) VALUES (102, 'C');
		INSERT INTO acctplan.end_customer (account_id, name) VALUES (102, 'E');
		INSERT INTO acctplan.engagement (account_id, tier, held_on, kind) VALUES (102, 'sales', '2026-01-01', 'tactical');
		UPDATE acctplan.note SET body = 'm' WHERE account_id = 101;
		INSERT INTO acctplan.snooze (account_id, rule, until_on, reason, created_on) VALUES (102, 'r', '2026-02-01', 'x', '2026-01-01');
		INSERT INTO acctplan.demand_driver (account_id, metric) VALUES (101, 'cars');
		DELETE FROM acctplan.demand_driver WHERE account_id = 101;
		INSERT INTO acctplan.contact (account_id, name, tier) VALUES (101, 'Moe', 'sales');
		UPDATE acctplan.contact SET account_id = 102 WHERE name = 'Moe';
		INSERT INTO acctplan.member (name, tier) VALUES ('Mia', 'sales');
		NOTIFY acctplan, 'end';
SQL
	wait $pid || { cat "$W/notes"; return 1; }
	same notifications "$(sed -n 's/^acctplan //p' "$W/notes" | tr '\n' ' ')" \
		"104 104 101 104 102 102 102 102 102 101 102 101 101 101 102 101 0 end "
}
check notify_account_ids_at_commit notify

[ "$failed" -eq 0 ]
