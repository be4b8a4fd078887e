/* config.c - locating the database, the user's files and the shipped assets. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acctplan/config.h"
#include "acctplan/dburl.h"
#include "acctplan/ini.h"
#include "acctplan/model.h"

#ifndef ACCTPLAN_DATADIR
#define ACCTPLAN_DATADIR "/usr/local/share/acctplan"
#endif

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

/* $XDG_<kind>_HOME/acctplan/<file>, falling back to ~/<fallback>/acctplan/<file>. */
static char *xdg_path(const char *var, const char *fallback, const char *file)
{
	const char *base = env(var);
	if (base)
		return xasprintf("%s/acctplan/%s", base, file);
	const char *home = env("HOME");
	return xasprintf("%s/%s/acctplan/%s", home ? home : ".", fallback, file);
}

char *config_data_path(const char *file) { return xdg_path("XDG_DATA_HOME", ".local/share", file); }

static int is_dir_with(const char *dir, const char *file)
{
	char *p = xasprintf("%s/%s", dir, file);
	struct stat sb;
	int ok = stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
	free(p);
	return ok;
}

char *config_find_assets(ap_err *e)
{
	const char *over = env("ACCTPLAN_ASSETS");
	if (over)
		return xstrdup(over);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		/* build/acctplan sits one level below the tree's assets/;
		 * $PREFIX/bin/acctplan finds $PREFIX/share/acctplan. */
		const char *const rel[] = {"/../assets", "/../../assets", "/../share/acctplan"};
		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
			char *dir = xasprintf("%s%s", exe, rel[i]);
			if (is_dir_with(dir, "questions.ini"))
				return dir;
			free(dir);
		}
	}
	if (is_dir_with(ACCTPLAN_DATADIR, "questions.ini"))
		return xstrdup(ACCTPLAN_DATADIR);
	ap_fail(e, AP_EINPUT, "cannot find acctplan's assets (questions.ini); set ACCTPLAN_ASSETS "
		"or install with 'make install'");
	return NULL;
}

char *config_asset(const ap_config *c, const char *name)
{
	return xasprintf("%s/%s", c->assets_dir, name);
}

static const char *const sections[] = {"store", "user", "questions", "rules", "ui", "money", NULL};
static const char *const store_keys[] = {"path", "url", NULL};
static const char *const user_keys[] = {"name", "tier", NULL};
static const char *const file_keys[] = {"file", NULL};
static const char *const ui_keys[] = {"theme", "keys", NULL};

static int check_layout(const ini_doc *d, ap_err *e)
{
	for (int i = 0; i < ini_section_count(d); i++) {
		const char *sec = ini_section_name(d, i);
		int known = 0;
		for (const char *const *s = sections; *s; s++)
			known |= strcmp(*s, sec) == 0;
		if (!known)
			return ini_error(d, ini_section_line(d, sec), e, "unknown section [%s]", sec);
	}
	if (ini_check_keys(d, "store", store_keys, e) || ini_check_keys(d, "user", user_keys, e) ||
	    ini_check_keys(d, "questions", file_keys, e) || ini_check_keys(d, "rules", file_keys, e) ||
	    ini_check_keys(d, "ui", ui_keys, e))
		return AP_EINPUT;
	return AP_OK;
}

/* A relative path in the file is relative to the file's folder, not to
 * wherever acctplan happens to be started. */
static void take_path(char **dst, const ini_doc *d, const char *sec, const char *key)
{
	const char *v = ini_value(d, sec, key);
	if (!v || !*v)
		return;
	free(*dst);
	*dst = ap_expand_home(v);
	const char *file = ini_path(d), *slash = strrchr(file, '/');
	if ((*dst)[0] != '/' && slash) {
		char *rel = *dst;
		*dst = xasprintf("%.*s/%s", (int)(slash - file), file, rel);
		free(rel);
	}
}

/* [store] names one database: a file by path, or PostgreSQL by url. A
 * URL is taken as written: never made relative to the file's folder nor
 * given a home folder. Its password may be there (keep the file 0600). */
static int take_store(ap_config *c, const ini_doc *d, ap_err *e)
{
	const char *path = ini_value(d, "store", "path"), *url = ini_value(d, "store", "url");
	if (path && url) {
		int pl = ini_line(d, "store", "path"), ul = ini_line(d, "store", "url");
		return ini_error(d, pl > ul ? pl : ul, e, "[store] has both path and url (the other at line %d); keep one",
			pl > ul ? ul : pl);
	}
	if (path && dburl_has_scheme(path))
		return ini_error(d, ini_line(d, "store", "path"), e,
			"[store] path is a file; a PostgreSQL URL goes in [store] url");
	if (url && *url && !dburl_is_url(url))
		return ini_error(d, ini_line(d, "store", "url"), e,
			"[store] url must start with postgresql:// or postgres:// (a file goes in [store] path)");
	if (url && *url) {
		ap_err sub;
		if (dburl_check(url, &sub))
			return ini_error(d, ini_line(d, "store", "url"), e, "%s", sub.msg);
		free(c->db_path);
		c->db_path = xstrdup(url);
		return AP_OK;
	}
	take_path(&c->db_path, d, "store", "path");
	return AP_OK;
}

/* [money] currency = EUR and rate.CUR = DECIMAL (what one CUR is worth in
 * it): each key checked at its line; a rate without the currency it
 * converts into says so. */
static int take_money(ap_config *c, const ini_doc *d, ap_err *e)
{
	ap_err sub;
	const char *cur = ini_value(d, "money", "currency");
	if (cur && money_currency_check("[money] currency", cur, &sub))
		return ini_error(d, ini_line(d, "money", "currency"), e, "%s", sub.msg);
	if (cur) {
		free(c->money_currency);
		c->money_currency = xstrdup(cur);
	}
	int n = ini_key_count(d, "money");
	for (int i = 0; i < n; i++) {
		const char *key = ini_key_name(d, "money", i), *v = ini_value(d, "money", key);
		int line = ini_line(d, "money", key);
		char what[48];
		if (strcmp(key, "currency") == 0)
			continue;
		if (strncmp(key, "rate.", 5) != 0)
			return ini_error(d, line, e, "[money] has no key '%s' (expected currency, or rate.CUR for a currency CUR)",
				key);
		/* Keys come lower-cased (ini.h); a currency code is in capitals. */
		char code[8];
		snprintf(code, sizeof code, "%.7s", key + 5);
		for (char *p = code; *p; p++)
			*p = *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
		snprintf(what, sizeof what, "[money] rate.%s", code);
		money_rate r;
		if (money_currency_check(what, code, &sub) || money_rate_parse(what, v, &r, &sub))
			return ini_error(d, line, e, "%s", sub.msg);
		if (!c->money_currency)
			return ini_error(d, line, e, "%s: a rate converts into the reporting currency; give [money] currency "
				"too", what);
		c->rates = xrealloc(c->rates, (c->nrates + 1) * sizeof *c->rates);
		memcpy(c->rates[c->nrates].code, code, 4);   /* a known code: three capitals and its end */
		c->rates[c->nrates++].rate = r;
	}
	return AP_OK;
}

money_rate config_rate(const ap_config *c, const char *code)
{
	if (c->money_currency && strcmp(code, c->money_currency) == 0)
		return MONEY_RATE_ONE;
	for (size_t i = c->nrates; i-- > 0;)   /* the last one given wins, as in every layer */
		if (strcmp(c->rates[i].code, code) == 0)
			return c->rates[i].rate;
	return 0;
}

static int read_file(ap_config *c, const char *path, ap_err *e)
{
	ini_doc *d;
	int rc = ini_load(&d, path, e);
	if (rc)
		return rc;
	rc = check_layout(d, e);
	const char *v;
	if (!rc && (v = ini_value(d, "user", "tier"))) {
		ap_err sub;
		c->user_tier = ap_name_parse(&ap_tiers, v, &sub);
		if (c->user_tier < 0)
			rc = ini_error(d, ini_line(d, "user", "tier"), e, "%s", sub.msg);
	}
	if (!rc && (v = ini_value(d, "user", "name")) && *v) {
		free(c->user_name);
		c->user_name = xstrdup(v);
	}
	if (!rc)
		rc = take_store(c, d, e);
	if (!rc)
		rc = take_money(c, d, e);
	if (!rc) {
		take_path(&c->questions_file, d, "questions", "file");
		take_path(&c->rules_file, d, "rules", "file");
		take_path(&c->theme_file, d, "ui", "theme");
		take_path(&c->keys_file, d, "ui", "keys");
	}
	ini_free(&d);
	return rc;
}

int config_load(ap_config *c, const char *flag_config, const char *flag_db, ap_err *e)
{
	memset(c, 0, sizeof *c);
	c->user_tier = TIER_SALES;
	c->user_name = xstrdup(env("ACCTPLAN_USER") ? env("ACCTPLAN_USER") : env("USER") ? env("USER") : "me");

	const char *explicit_cfg = flag_config ? flag_config : env("ACCTPLAN_CONFIG");
	char *cfg = explicit_cfg ? ap_expand_home(explicit_cfg) : xdg_path("XDG_CONFIG_HOME", ".config", "config.ini");
	struct stat sb;
	int rc = AP_OK;
	if (explicit_cfg || stat(cfg, &sb) == 0) {
		rc = read_file(c, cfg, e);
		c->config_path = cfg;
	} else {
		free(cfg);
	}
	if (!rc) {
		const char *db = flag_db ? flag_db : env("ACCTPLAN_DB");
		if (db && dburl_has_scheme(db)) {
			rc = dburl_check(db, e);
			if (rc)
				ap_err_context(e, "%s", flag_db ? "--db" : "ACCTPLAN_DB");
			free(c->db_path);
			c->db_path = xstrdup(db);
		} else if (db) {
			free(c->db_path);
			c->db_path = ap_expand_home(db);
		} else if (!c->db_path) {
			c->db_path = config_data_path("accounts.db");
		}
	}
	if (!rc) {
		c->assets_dir = config_find_assets(e);
		if (!c->assets_dir)
			rc = AP_EINPUT;
	}
	if (rc)
		config_free(c);
	return rc;
}

void config_free(ap_config *c)
{
	free(c->config_path);
	free(c->db_path);
	free(c->user_name);
	free(c->questions_file);
	free(c->rules_file);
	free(c->theme_file);
	free(c->keys_file);
	free(c->assets_dir);
	free(c->money_currency);
	free(c->rates);
	memset(c, 0, sizeof *c);
}
