/* config.h - where things are and who the user is.
 * Precedence: --db/--config flags, then ACCTPLAN_DB/ACCTPLAN_CONFIG, then the
 * config file, then XDG defaults. Every key of config.ini is optional.
 * The database is one location, whichever way it is given: [store] path (a
 * file, relative to the config file's folder, ~/ expanded) or [store] url
 * (postgresql:// or postgres://, taken as written), never both in one file;
 * --db and ACCTPLAN_DB may be either, and a URL among them is checked with
 * dburl_check ("--db: invalid database URL ..."). */
#ifndef ACCTPLAN_CONFIG_H
#define ACCTPLAN_CONFIG_H

#include "acctplan/money.h"
#include "acctplan/util.h"

typedef struct ap_config {
	char *config_path;      /* the file read, or NULL when there was none */
	char *db_path;          /* the database: a SQLite file, or a PostgreSQL URL
	                         * (dburl_is_url tells them apart) from --db,
	                         * ACCTPLAN_DB or [store] url, kept as written,
	                         * password included; show it through dburl_redact */
	char *user_name;
	int user_tier;
	char *questions_file;   /* user's additions, NULL when none */
	char *rules_file;
	char *theme_file;
	char *keys_file;
	char *assets_dir;       /* shipped defaults: build tree or $PREFIX/share/acctplan */
	/* [money]: the currency reports convert into (NULL: none, totals stay
	 * per currency) and what one unit of each other currency is worth in
	 * it (rate.USD = 0.92). */
	char *money_currency;
	struct config_rate { char code[4]; money_rate rate; } *rates;
	size_t nrates;
} ap_config;

/* The rate from currency code into the reporting currency: 1 for the
 * reporting currency itself, 0 when [money] gives none. */
money_rate config_rate(const ap_config *c, const char *code);

/* Resolve and read the configuration. flag_config/flag_db may be NULL.
 * A config file named by flag or environment must exist; the default one may not.
 * On success the caller frees *c with config_free; on failure it is left empty. */
int config_load(ap_config *c, const char *flag_config, const char *flag_db, ap_err *e);
void config_free(ap_config *c);
/* Path of a shipped asset ("questions.ini"); caller frees. */
char *config_asset(const ap_config *c, const char *name);
/* Find the assets folder: ACCTPLAN_ASSETS, beside the binary in the build tree,
 * ../share/acctplan from the binary, then the compiled-in data dir. Caller frees. */
char *config_find_assets(ap_err *e);
/* $XDG_DATA_HOME/acctplan/FILE (else ~/.local/share/acctplan/FILE): where
 * acctplan keeps files of its own. Allocated; the caller frees. */
char *config_data_path(const char *file);

#endif
