/* test_config.c - where the database, the user's files and the assets are found. */
#include <sys/stat.h>

#include "unit_helpers.h"
#include "acctplan/config.h"
#include "acctplan/model.h"

/* Each test gets a private HOME with XDG folders and no acctplan variables set. */
static int setup(void **state)
{
	char *dir = make_tmpdir();
	static const char *const clear[] = {"ACCTPLAN_CONFIG", "ACCTPLAN_DB", "ACCTPLAN_USER", "XDG_CONFIG_HOME",
		"XDG_DATA_HOME", NULL};
	for (const char *const *v = clear; *v; v++)
		unsetenv(*v);
	setenv("HOME", dir, 1);
	setenv("USER", "tester", 1);
	char *assets = assets_dir();
	setenv("ACCTPLAN_ASSETS", assets, 1);
	free(assets);
	*state = dir;
	return 0;
}

static int teardown(void **state)
{
	rm_tree(*state);
	return 0;
}

/* Write dir/name, creating dir/sub folders first; returns the path (caller frees). */
static char *write_config(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *parent = xstrdup(path);
	*strrchr(parent, '/') = '\0';
	assert_int_equal(ap_mkdirs(parent, 0700, NULL), AP_OK);
	free(parent);
	free(path);
	return write_tmp(dir, name, text);
}

static void config_flag_beats_env_beats_file(void **state)
{
	const char *dir = *state;
	char *cfg = write_config(dir, "c.ini", "[store]\npath = /from/file.db\n");
	ap_config c;
	ap_err e = {0};

	assert_int_equal(config_load(&c, cfg, NULL, &e), AP_OK);
	assert_string_equal(c.db_path, "/from/file.db");
	config_free(&c);

	setenv("ACCTPLAN_DB", "/from/env.db", 1);
	assert_int_equal(config_load(&c, cfg, NULL, &e), AP_OK);
	assert_string_equal(c.db_path, "/from/env.db");
	config_free(&c);

	assert_int_equal(config_load(&c, cfg, "/from/flag.db", &e), AP_OK);
	assert_string_equal(c.db_path, "/from/flag.db");
	config_free(&c);
	free(cfg);
}

static void config_flag_names_the_file_before_ACCTPLAN_CONFIG(void **state)
{
	const char *dir = *state;
	char *by_env = write_config(dir, "env.ini", "[user]\nname = From Env\n");
	char *by_flag = write_config(dir, "flag.ini", "[user]\nname = From Flag\n");
	char *xdg = write_config(dir, ".config/acctplan/config.ini", "[user]\nname = From Xdg\n");
	ap_config c;
	ap_err e = {0};

	assert_int_equal(config_load(&c, NULL, NULL, &e), AP_OK);
	assert_string_equal(c.user_name, "From Xdg");   /* XDG_CONFIG_HOME unset: ~/.config */
	assert_string_equal(c.config_path, xdg);
	config_free(&c);

	setenv("ACCTPLAN_CONFIG", by_env, 1);
	assert_int_equal(config_load(&c, NULL, NULL, &e), AP_OK);
	assert_string_equal(c.user_name, "From Env");
	config_free(&c);

	assert_int_equal(config_load(&c, by_flag, NULL, &e), AP_OK);
	assert_string_equal(c.user_name, "From Flag");
	assert_string_equal(c.config_path, by_flag);
	config_free(&c);
	free(by_env);
	free(by_flag);
	free(xdg);
}

static void config_defaults_follow_xdg_then_home(void **state)
{
	const char *dir = *state;
	ap_config c;
	ap_err e = {0};
	assert_int_equal(config_load(&c, NULL, NULL, &e), AP_OK);
	char *want = xasprintf("%s/.local/share/acctplan/accounts.db", dir);
	assert_string_equal(c.db_path, want);
	free(want);
	assert_null(c.config_path);        /* no file there: fine, all defaults */
	assert_null(c.questions_file);
	assert_string_equal(c.user_name, "tester");
	assert_int_equal(c.user_tier, TIER_SALES);
	config_free(&c);

	setenv("XDG_DATA_HOME", "/xdg/data", 1);
	assert_int_equal(config_load(&c, NULL, NULL, &e), AP_OK);
	assert_string_equal(c.db_path, "/xdg/data/acctplan/accounts.db");
	config_free(&c);
}

static void config_relative_paths_are_relative_to_the_config_file(void **state)
{
	const char *dir = *state;
	char *cfg = write_config(dir, "etc/acctplan.ini", "[store]\npath = data/accounts.db\n[rules]\nfile = my-rules.ini\n");
	ap_config c;
	ap_err e = {0};
	assert_int_equal(config_load(&c, cfg, NULL, &e), AP_OK);
	char *want = xasprintf("%s/etc/data/accounts.db", dir);
	assert_string_equal(c.db_path, want);
	free(want);
	want = xasprintf("%s/etc/my-rules.ini", dir);
	assert_string_equal(c.rules_file, want);
	free(want);
	config_free(&c);
	free(cfg);
}

static void config_reads_every_key_and_expands_home(void **state)
{
	const char *dir = *state;
	char *cfg = write_config(dir, "all.ini",
		"[store]\npath = ~/plans/accounts.db\n"
		"[user]\nname = Dana Reyes\ntier = product\n"
		"[questions]\nfile = ~/q.ini\n"
		"[rules]\nfile = /etc/acctplan/rules.ini\n"
		"[ui]\ntheme = ~/theme.ini\nkeys = ~/keys.ini\n");
	setenv("ACCTPLAN_USER", "env user", 1);
	ap_config c;
	ap_err e = {0};
	assert_int_equal(config_load(&c, cfg, NULL, &e), AP_OK);
	char *want = xasprintf("%s/plans/accounts.db", dir);
	assert_string_equal(c.db_path, want);
	free(want);
	assert_string_equal(c.user_name, "Dana Reyes");   /* the file beats ACCTPLAN_USER */
	assert_int_equal(c.user_tier, TIER_PRODUCT);
	want = xasprintf("%s/q.ini", dir);
	assert_string_equal(c.questions_file, want);
	free(want);
	assert_string_equal(c.rules_file, "/etc/acctplan/rules.ini");
	want = xasprintf("%s/theme.ini", dir);
	assert_string_equal(c.theme_file, want);
	free(want);
	want = xasprintf("%s/keys.ini", dir);
	assert_string_equal(c.keys_file, want);
	free(want);
	config_free(&c);
	free(cfg);
}

static void config_user_name_comes_from_ACCTPLAN_USER_then_USER(void **state)
{
	(void)state;
	ap_config c;
	ap_err e = {0};
	setenv("ACCTPLAN_USER", "Sam Okafor", 1);
	assert_int_equal(config_load(&c, NULL, NULL, &e), AP_OK);
	assert_string_equal(c.user_name, "Sam Okafor");
	config_free(&c);
	unsetenv("ACCTPLAN_USER");
	unsetenv("USER");
	assert_int_equal(config_load(&c, NULL, NULL, &e), AP_OK);
	assert_string_equal(c.user_name, "me");
	config_free(&c);
}

static void config_named_file_must_exist(void **state)
{
	char *missing = xasprintf("%s/nowhere.ini", (char *)*state);
	ap_config c;
	ap_err e = {0};
	assert_int_equal(config_load(&c, missing, NULL, &e), AP_EINPUT);
	char *want = xasprintf("cannot read '%s': No such file or directory", missing);
	assert_string_equal(e.msg, want);
	assert_null(c.db_path);   /* nothing half-loaded */
	assert_null(c.user_name);
	setenv("ACCTPLAN_CONFIG", missing, 1);
	assert_int_equal(config_load(&c, NULL, NULL, &e), AP_EINPUT);
	assert_string_equal(e.msg, want);
	free(want);
	free(missing);
}

static void config_directory_as_file_is_refused(void **state)
{
	char *sub = xasprintf("%s/conf.d", (char *)*state);
	assert_int_equal(mkdir(sub, 0700), 0);
	ap_config c;
	ap_err e = {0};
	int rc = config_load(&c, sub, NULL, &e);
	if (rc == AP_OK)
		config_free(&c);
	assert_int_equal(rc, AP_EINPUT);
	assert_contains(e.msg, sub);
	assert_contains(e.msg, "Is a directory");
	free(sub);
}

static void config_problems_are_reported_with_file_and_line(void **state)
{
	static const struct { const char *text; int line; const char *msg; } cases[] = {
		{"[user]\nname = x\ntier = boss\n", 3, "unknown tier 'boss' (expected sales, product or executive)"},
		{"[store]\npath = a\n[colours]\n", 3, "unknown section [colours]"},
		{"[store]\n\nfile = a\n", 3, "unknown key 'file' in [store]"},
		{"[ui]\ntheme = a\nkeymap = b\n", 3, "unknown key 'keymap' in [ui]"},
		{"[user]\nname = a\n[user]\n", 3, "duplicate section [user] (first at line 1)"},
		{"[store\n", 1, "section header without closing ']'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *cfg = write_config(*state, "bad.ini", cases[i].text);
		ap_config c;
		ap_err e = {0};
		assert_int_equal(config_load(&c, cfg, NULL, &e), AP_EINPUT);
		assert_file_error(&e, cfg, cases[i].line, cases[i].msg);
		free(cfg);
	}
}

static void config_empty_values_keep_the_defaults(void **state)
{
	char *cfg = write_config(*state, "empty.ini", "[store]\npath =\n[user]\nname =\n[questions]\nfile =\n");
	ap_config c;
	ap_err e = {0};
	assert_int_equal(config_load(&c, cfg, NULL, &e), AP_OK);
	assert_string_equal(c.user_name, "tester");
	assert_null(c.questions_file);
	assert_contains(c.db_path, "/.local/share/acctplan/accounts.db");
	config_free(&c);
	free(cfg);
}

static void config_finds_assets_from_ACCTPLAN_ASSETS(void **state)
{
	(void)state;
	ap_config c;
	ap_err e = {0};
	setenv("ACCTPLAN_ASSETS", "/opt/acctplan/assets", 1);
	assert_int_equal(config_load(&c, NULL, NULL, &e), AP_OK);
	assert_string_equal(c.assets_dir, "/opt/acctplan/assets");
	char *q = config_asset(&c, "questions.ini");
	assert_string_equal(q, "/opt/acctplan/assets/questions.ini");
	free(q);
	config_free(&c);
	assert_null(c.assets_dir);
}

static void config_store_url_is_taken_as_written(void **state)
{
	const char *dir = *state;
	/* Neither made relative to the file's folder nor given a home folder. */
	char *cfg = write_config(dir, "etc/acctplan.ini",
		"[store]\nurl = postgresql://alice:S3cr3t@db.example.com:5432/plans?sslmode=verify-full\n");
	ap_config c;
	ap_err e = {0};
	assert_int_equal(config_load(&c, cfg, NULL, &e), AP_OK);
	assert_string_equal(c.db_path, "postgresql://alice:S3cr3t@db.example.com:5432/plans?sslmode=verify-full");
	config_free(&c);
	free(cfg);
	cfg = write_config(dir, "pg.ini", "[store]\nurl = postgres:///plans?host=~/sockets\n");
	assert_int_equal(config_load(&c, cfg, NULL, &e), AP_OK);
	assert_string_equal(c.db_path, "postgres:///plans?host=~/sockets");
	config_free(&c);
	free(cfg);
}

static void config_db_flag_and_ACCTPLAN_DB_may_be_urls_with_the_same_precedence(void **state)
{
	const char *dir = *state;
	char *cfg = write_config(dir, "c.ini", "[store]\nurl = postgresql://file-host/plans\n");
	ap_config c;
	ap_err e = {0};

	setenv("ACCTPLAN_DB", "postgres://env-host/plans", 1);
	assert_int_equal(config_load(&c, cfg, NULL, &e), AP_OK);
	assert_string_equal(c.db_path, "postgres://env-host/plans");
	config_free(&c);

	assert_int_equal(config_load(&c, cfg, "postgresql://flag-host/plans", &e), AP_OK);
	assert_string_equal(c.db_path, "postgresql://flag-host/plans");
	config_free(&c);

	/* A file beats a URL in the file, and a URL a [store] path. */
	assert_int_equal(config_load(&c, cfg, "/from/flag.db", &e), AP_OK);
	assert_string_equal(c.db_path, "/from/flag.db");
	config_free(&c);
	free(cfg);
	cfg = write_config(dir, "p.ini", "[store]\npath = local.db\n");
	unsetenv("ACCTPLAN_DB");
	assert_int_equal(config_load(&c, cfg, "POSTGRESQL://flag-host/plans", &e), AP_OK);
	assert_string_equal(c.db_path, "POSTGRESQL://flag-host/plans");
	config_free(&c);
	free(cfg);
}

static void config_a_bad_url_is_refused_saying_where_it_came_from(void **state)
{
	(void)state;
	ap_config c;
	ap_err e = {0};
	assert_int_equal(config_load(&c, NULL, "postgresql://alice:S3cr3t@h:99999/db", &e), AP_EINPUT);
	assert_string_equal(e.msg, "--db: invalid database URL 'postgresql://alice@h/db': the port after host 'h' is "
		"not a number from 1 to 65535");
	assert_null(c.db_path);
	setenv("ACCTPLAN_DB", "postgresql://alice:S3%zz@h/db", 1);
	assert_int_equal(config_load(&c, NULL, NULL, &e), AP_EINPUT);
	assert_string_equal(e.msg, "ACCTPLAN_DB: invalid database URL 'postgresql://alice@h/db': the password has a "
		"'%' not followed by two hex digits");
	/* Another scheme is a typo, not a file name, and its password hides too. */
	assert_int_equal(config_load(&c, NULL, "postgressql://alice:S3cr3t@h/db", &e), AP_EINPUT);
	assert_string_equal(e.msg, "--db: invalid database URL 'postgressql://alice@h/db': it does not start with "
		"postgresql:// or postgres://");
}

static void config_store_url_problems_are_reported_with_file_and_line(void **state)
{
	static const struct { const char *text; int line; const char *msg; } cases[] = {
		{"[store]\npath = a.db\nurl = postgresql://h/db\n", 3,
			"[store] has both path and url (the other at line 2); keep one"},
		{"[store]\nurl = postgresql://h/db\n\n[user]\nname = x\n[ui]\n", 0, NULL},
		{"[store]\nurl = postgresql://h/db\n# the old one:\npath = a.db\n", 4,
			"[store] has both path and url (the other at line 2); keep one"},
		{"[store]\npath =\nurl = postgresql://h/db\n", 3,
			"[store] has both path and url (the other at line 2); keep one"},
		{"[store]\npath = postgresql://alice:S3cr3t@h/db\n", 2,
			"[store] path is a file; a PostgreSQL URL goes in [store] url"},
		{"[store]\nurl = /var/lib/acctplan.db\n", 2,
			"[store] url must start with postgresql:// or postgres:// (a file goes in [store] path)"},
		{"[store]\nurl = postgresql://alice:S3cr3t@[::1/db\n", 2,
			"invalid database URL 'postgresql://alice@[::1/db': the '[' of an IPv6 address has no ']'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *cfg = write_config(*state, "bad.ini", cases[i].text);
		ap_config c;
		ap_err e = {0};
		if (!cases[i].msg) {
			assert_int_equal(config_load(&c, cfg, NULL, &e), AP_OK);
			config_free(&c);
		} else {
			assert_int_equal(config_load(&c, cfg, NULL, &e), AP_EINPUT);
			assert_file_error(&e, cfg, cases[i].line, cases[i].msg);
			assert_null(strstr(e.msg, "S3cr3t"));
		}
		free(cfg);
	}
}

static void config_empty_url_keeps_the_default(void **state)
{
	char *cfg = write_config(*state, "empty.ini", "[store]\nurl =\n");
	ap_config c;
	ap_err e = {0};
	assert_int_equal(config_load(&c, cfg, NULL, &e), AP_OK);
	assert_contains(c.db_path, "/.local/share/acctplan/accounts.db");
	config_free(&c);
	free(cfg);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(config_flag_beats_env_beats_file),
		T(config_flag_names_the_file_before_ACCTPLAN_CONFIG),
		T(config_defaults_follow_xdg_then_home),
		T(config_reads_every_key_and_expands_home),
		T(config_relative_paths_are_relative_to_the_config_file),
		T(config_user_name_comes_from_ACCTPLAN_USER_then_USER),
		T(config_named_file_must_exist),
		T(config_directory_as_file_is_refused),
		T(config_problems_are_reported_with_file_and_line),
		T(config_empty_values_keep_the_defaults),
		T(config_finds_assets_from_ACCTPLAN_ASSETS),
		T(config_store_url_is_taken_as_written),
		T(config_db_flag_and_ACCTPLAN_DB_may_be_urls_with_the_same_precedence),
		T(config_a_bad_url_is_refused_saying_where_it_came_from),
		T(config_store_url_problems_are_reported_with_file_and_line),
		T(config_empty_url_keeps_the_default),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
