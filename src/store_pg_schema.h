/* store_pg_schema.h - the PostgreSQL store's schema, as SQL statements. */
#ifndef ACCTPLAN_STORE_PG_SCHEMA_H
#define ACCTPLAN_STORE_PG_SCHEMA_H

/* The schema version store_pg_schema and its steps lead to: the SQLite
 * store's STORE_SCHEMA_VERSION (store.h) it corresponds to.
 * store_pg_schema.c refuses to compile when the two differ. */
#define STORE_PG_SCHEMA_VERSION 13
/* The version store_pg_schema itself creates; store_pg_steps[i] takes a
 * store from STORE_PG_BASE_VERSION + i to the next. */
#define STORE_PG_BASE_VERSION 4

/* The statements that create schema "acctplan" at STORE_PG_BASE_VERSION in
 * an empty database, in order, NULL-terminated. Each is one statement with
 * no trailing ';' (fit for PQexec and PQexecParams alike); run them all in
 * one transaction, under the migration's advisory lock. The first creates
 * schema acctplan unless it exists (an administrator may have made it for a
 * role without CREATE on the database, which CREATE SCHEMA IF NOT EXISTS
 * would still need). The row of acctplan.schema_version is the caller's to
 * write. */
extern const char *const store_pg_schema[];
/* The steps after it, as SQLite's migrations: each NULL-terminated, run in
 * one transaction under the advisory lock; released steps never change. */
extern const char *const *const store_pg_steps[STORE_PG_SCHEMA_VERSION - STORE_PG_BASE_VERSION];

#endif
