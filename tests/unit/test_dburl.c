/* test_dburl.c - PostgreSQL URLs: which locations are URLs, how they are
 * shown, checked and scrubbed, and that no spelling ever shows a password. */
#include "unit_helpers.h"
#include "acctplan/dburl.h"

/* Every spelling, its shown form, whether it spells a password, and the
 * texts (up to four) that must never appear in the shown form, and that
 * dburl_scrub hides in a message. */
static const struct spelling {
	const char *url, *shown;
	int has_password;
	const char *secret[4];
} spellings[] = {
	/* userinfo */
	{"postgresql://alice:S3cr3t@db.example.com/plans", "postgresql://alice@db.example.com/plans", 1, {"S3cr3t"}},
	{"postgres://alice:S3cr3t@db.example.com:5432/plans", "postgres://alice@db.example.com:5432/plans", 1, {"S3cr3t"}},
	{"POSTGRESQL://alice:S3cr3t@h/db", "POSTGRESQL://alice@h/db", 1, {"S3cr3t"}},
	{"PostGres://alice:S3cr3t@h", "PostGres://alice@h", 1, {"S3cr3t"}},
	{"postgresql://alice:p%40ss%3Aw0rd@h/db", "postgresql://alice@h/db", 1, {"p%40ss%3Aw0rd", "p@ss:w0rd"}},
	{"postgresql://alice:%53%33cr%33t@h/db", "postgresql://alice@h/db", 1, {"%53%33cr%33t", "S3cr3t"}},
	{"postgresql://:S3cr3t@h/db", "postgresql://@h/db", 1, {"S3cr3t"}},
	{"postgresql://alice:@h/db", "postgresql://alice@h/db", 0, {NULL}},
	{"postgresql://alice@h/db", "postgresql://alice@h/db", 0, {NULL}},
	{"postgresql://h/db", "postgresql://h/db", 0, {NULL}},
	{"postgresql://", "postgresql://", 0, {NULL}},
	{"postgresql:///plans", "postgresql:///plans", 0, {NULL}},
	/* query parameters */
	{"postgresql://alice@h/db?password=S3cr3t", "postgresql://alice@h/db", 1, {"S3cr3t"}},
	{"postgresql://h/db?sslmode=verify-full&PASSWORD=S3cr3t", "postgresql://h/db?sslmode=verify-full", 1, {"S3cr3t"}},
	{"postgresql://h/db?pass%77ord=S3cr3t&sslmode=require", "postgresql://h/db?sslmode=require", 1, {"S3cr3t"}},
	{"postgresql://h/db?Pass%57ORD=S3%40cr3t", "postgresql://h/db", 1, {"S3%40cr3t", "S3@cr3t"}},
	{"postgresql://h/db?user=alice&password=S3cr3t&application_name=acctplan",
	 "postgresql://h/db?user=alice&application_name=acctplan", 1, {"S3cr3t"}},
	{"postgresql://h/db?sslcert=c.pem&sslpassword=S3cr3t", "postgresql://h/db?sslcert=c.pem", 1, {"S3cr3t"}},
	{"postgresql://h/db?password=", "postgresql://h/db", 0, {NULL}},
	/* hosts: IPv6, several, Unix sockets */
	{"postgresql://alice:S3cr3t@[::1]:5432/db", "postgresql://alice@[::1]:5432/db", 1, {"S3cr3t"}},
	{"postgresql://alice:S3cr3t@[2001:db8::7]/db?sslmode=verify-full",
	 "postgresql://alice@[2001:db8::7]/db?sslmode=verify-full", 1, {"S3cr3t"}},
	{"postgresql://alice:S3cr3t@h1:5432,h2:5433/db?target_session_attrs=read-write",
	 "postgresql://alice@h1:5432,h2:5433/db?target_session_attrs=read-write", 1, {"S3cr3t"}},
	{"postgresql://alice:S3cr3t@[::1]:5432,[fe80::1],h3/db", "postgresql://alice@[::1]:5432,[fe80::1],h3/db", 1,
	 {"S3cr3t"}},
	{"postgresql://alice:S3cr3t@%2Fvar%2Frun%2Fpostgresql/db", "postgresql://alice@%2Fvar%2Frun%2Fpostgresql/db", 1,
	 {"S3cr3t"}},
	{"postgresql:///db?host=/tmp&port=5433&password=S3cr3t", "postgresql:///db?host=/tmp&port=5433", 1, {"S3cr3t"}},
	{"postgresql://%2Ftmp:5433/db", "postgresql://%2Ftmp:5433/db", 0, {NULL}},
	/* malformed: a raw '@', '/' or '?' in a password, a forgotten host, a raw '&' */
	{"postgresql://alice:S3c@r3t@h/db", "postgresql://alice@h/db", 1, {"S3c@r3t", "r3t@h", ":S3c"}},
	{"postgresql://alice:S3c/r3t@h/db", "postgresql://alice@h/db", 1, {"S3c", "r3t"}},
	{"postgresql://alice:S3c?r3t@h/db", "postgresql://alice@h/db", 1, {"S3c", "r3t"}},
	{"postgresql://alice:S3cr3t/db", "postgresql://alice/db", 0, {"S3cr3t"}},
	{"postgresql://alice:123456/db", "postgresql://alice/db", 0, {"123456"}},
	{"postgresql://h/db?password=S3&cr3t&sslmode=require", "postgresql://h/db?sslmode=require", 1, {"S3", "cr3t"}},
	/* libpq keyword/value strings */
	{"host=/tmp dbname=plans password='S3 cr3t'", "host=/tmp dbname=plans", 1, {"S3 cr3t"}},
	{"password=S3cr3t host=h port=5433", "host=h port=5433", 1, {"S3cr3t"}},
	{"host=h  password = S3cr3t   dbname=x", "host=h  dbname=x", 1, {"S3cr3t"}},
	{"host=h password='it\\'s S3cr3t' user=bob", "host=h user=bob", 1, {"it\\'s S3cr3t", "it's S3cr3t"}},
	{"host=h password=S3\\ cr3t", "host=h", 1, {"S3\\ cr3t", "S3 cr3t"}},
	{"host=h PASSWORD='S3cr3t", "host=h", 1, {"S3cr3t"}},
	{"password=S3 cr3t host=h", "host=h", 1, {"S3", "cr3t"}},
	{"dbname=postgresql://alice:S3cr3t@h/db", "dbname=postgresql://alice@h/db", 1, {"S3cr3t"}},
	{"dbname='host=h password=S3cr3t'", "dbname=host=h", 1, {"S3cr3t"}},
	/* a typo in the scheme hides no less */
	{"postgressql://alice:S3cr3t@h/db", "postgressql://alice@h/db", 1, {"S3cr3t"}},
	{"dbname='postgresq://alice:S3cr3t@h/db'", "dbname=postgresq://alice@h/db", 1, {"S3cr3t"}},
	/* file paths come back as they are */
	{"/home/me/.local/share/acctplan/accounts.db", "/home/me/.local/share/acctplan/accounts.db", 0, {NULL}},
	{"my plans/a=b.db", "my plans/a=b.db", 0, {NULL}},
};
#define NSPELLINGS (sizeof spellings / sizeof spellings[0])

static void is_url_takes_both_schemes_in_any_case_and_nothing_else(void **state)
{
	(void)state;
	assert_true(dburl_is_url("postgresql://h/db"));
	assert_true(dburl_is_url("postgres://h/db"));
	assert_true(dburl_is_url("POSTGRESQL://h/db"));
	assert_true(dburl_is_url("Postgres://"));
	assert_false(dburl_is_url("postgresql:/h/db"));
	assert_false(dburl_is_url("postgresql:h"));
	assert_false(dburl_is_url("pgsql://h/db"));
	assert_false(dburl_is_url(" postgresql://h/db"));
	assert_false(dburl_is_url("host=/tmp dbname=x"));
	assert_false(dburl_is_url("accounts.db"));
	assert_false(dburl_is_url("./postgresql://x"));
	assert_false(dburl_is_url(""));
	assert_false(dburl_is_url(NULL));
	assert_false(dburl_is_url("mysql://h/db"));
	assert_true(dburl_has_scheme("mysql://h/db"));
	assert_true(dburl_has_scheme("postgressql://h"));
	assert_true(dburl_has_scheme("postgresql://h"));
	assert_false(dburl_has_scheme("./a://b"));
	assert_false(dburl_has_scheme("1x://b"));
	assert_false(dburl_has_scheme("accounts.db"));
	assert_false(dburl_has_scheme(NULL));
}

static void redact_gives_the_exact_shown_form_of_every_spelling(void **state)
{
	(void)state;
	assert_true(NSPELLINGS >= 20);
	for (size_t i = 0; i < NSPELLINGS; i++) {
		const struct spelling *s = &spellings[i];
		char *shown = dburl_redact(s->url);
		if (strcmp(shown, s->shown) != 0)
			fail_msg("redact '%s': expected '%s', got '%s'", s->url, s->shown, shown);
		for (int k = 0; k < 4 && s->secret[k]; k++)
			if (strstr(shown, s->secret[k]))
				fail_msg("redact '%s' shows '%s': '%s'", s->url, s->secret[k], shown);
		/* Redacting the shown form changes nothing more. */
		char *again = dburl_redact(shown);
		assert_string_equal(again, shown);
		free(again);
		free(shown);
	}
}

static void has_password_is_true_exactly_when_one_is_spelled(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSPELLINGS; i++)
		if (dburl_has_password(spellings[i].url) != spellings[i].has_password)
			fail_msg("has_password '%s': expected %d", spellings[i].url, spellings[i].has_password);
	/* The shown form never has one. */
	for (size_t i = 0; i < NSPELLINGS; i++) {
		char *shown = dburl_redact(spellings[i].url);
		assert_false(dburl_has_password(shown));
		free(shown);
	}
	assert_false(dburl_has_password(NULL));
	assert_false(dburl_has_password(""));
}

static void check_accepts_what_libpq_accepts(void **state)
{
	(void)state;
	static const char *const good[] = {
		"postgresql://",
		"postgres:///plans",
		"postgresql:///plans?host=/tmp&port=5433",
		"postgresql://alice:S3cr3t@[::1]:5432,h2:5433/db?sslmode=verify-full",
		"postgresql://%2Fvar%2Frun%2Fpostgresql/db",
		"postgresql://h1,h2/db?port=5432,5433",
		"postgresql://h:65535/db?",
		"postgresql://h:1/db?application_name=a%20b&",
		"POSTGRES://alice@h/my%20db",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		ap_err e = {0};
		if (dburl_check(good[i], &e) != AP_OK)
			fail_msg("check '%s': %s", good[i], e.msg);
	}
}

static void check_refuses_with_a_clear_message_that_never_shows_the_password(void **state)
{
	(void)state;
	static const struct { const char *url, *msg; } bad[] = {
		{"mysql://alice:S3cr3t@h/db", "invalid database URL 'mysql://alice@h/db': it does not start with "
			"postgresql:// or postgres://"},
		{"postgresql://alice:S3%zzcr3t@h/db", "invalid database URL 'postgresql://alice@h/db': the password has a "
			"'%' not followed by two hex digits"},
		{"postgresql://alice:S3cr3t%@h/db", "invalid database URL 'postgresql://alice@h/db': the password has a "
			"'%' not followed by two hex digits"},
		{"postgresql://al%4@h/db", "invalid database URL 'postgresql://al%4@h/db': the user name has a '%' not "
			"followed by two hex digits"},
		{"postgresql://h/d%00b", "invalid database URL 'postgresql://h/d%00b': the database name has %00 (libpq "
			"refuses a NUL)"},
		{"postgresql://alice:S3cr3t@h:0/db", "invalid database URL 'postgresql://alice@h/db': the port after host "
			"'h' is not a number from 1 to 65535"},
		{"postgresql://h:65536/db", "invalid database URL 'postgresql://h/db': the port after host 'h' is not a "
			"number from 1 to 65535"},
		{"postgresql://h1:5432,h2:54x/db", "invalid database URL 'postgresql://h1:5432,h2/db': the port after host "
			"'h2' is not a number from 1 to 65535"},
		{"postgresql://alice:S3cr3t/db", "invalid database URL 'postgresql://alice/db': the port after host "
			"'alice' is not a number from 1 to 65535"},
		{"postgresql://h:/db", "invalid database URL 'postgresql://h:/db': the port after host 'h' is empty"},
		{"postgresql://[::1:5432/db", "invalid database URL 'postgresql://[::1:5432/db': the '[' of an IPv6 "
			"address has no ']'"},
		{"postgresql://[::1]x/db", "invalid database URL 'postgresql://[::1]x/db': host '[::1]' is followed by "
			"something other than ':PORT' or ','"},
		{"postgresql://h/db?sslmode", "invalid database URL 'postgresql://h/db?sslmode': query parameter 1 has "
			"no '=' (parameters are key=value, joined by '&')"},
		{"postgresql://h/db?password=S3&cr3t", "invalid database URL 'postgresql://h/db': query parameter 2 has "
			"no '=' (parameters are key=value, joined by '&')"},
		{"postgresql://h/db?password=S3=cr3t", "invalid database URL 'postgresql://h/db': query parameter 1 has "
			"a second '=' (write it as %3D)"},
		{"postgresql://h/db?password=S3%g0", "invalid database URL 'postgresql://h/db': query parameter 1 has a "
			"'%' not followed by two hex digits"},
		{"postgresql://h/db?port=99999", "invalid database URL 'postgresql://h/db?port=99999': query parameter "
			"'port' is not a number from 1 to 65535"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ap_err e = {0};
		assert_int_equal(dburl_check(bad[i].url, &e), AP_EINPUT);
		assert_int_equal(e.status, AP_EINPUT);
		if (strcmp(e.msg, bad[i].msg) != 0)
			fail_msg("check '%s': expected \"%s\", got \"%s\"", bad[i].url, bad[i].msg, e.msg);
		if (strstr(e.msg, "S3") || strstr(e.msg, "cr3t"))
			fail_msg("check '%s' shows the password: %s", bad[i].url, e.msg);
	}
}

static void check_refuses_control_characters_and_escapes_them(void **state)
{
	(void)state;
	ap_err e = {0};
	assert_int_equal(dburl_check("postgresql://alice:S3cr3t@h/d\x1b[2Jb", &e), AP_EINPUT);
	assert_string_equal(e.msg, "invalid database URL 'postgresql://alice@h/d\\u001b[2Jb': it holds a control "
		"character");
	assert_int_equal(dburl_check("postgresql://alice:S3\ncr3t@h/db", &e), AP_EINPUT);
	assert_string_equal(e.msg, "invalid database URL 'postgresql://alice@h/db': it holds a control character");
	assert_int_equal(dburl_check("postgresql://h/db\x7f", &e), AP_EINPUT);
	assert_contains(e.msg, "it holds a control character");
}

static void scrub_hides_every_spelling_of_the_password_in_a_message(void **state)
{
	(void)state;
	/* Whatever libpq might say, the URL and each secret quoted in it. */
	for (size_t i = 0; i < NSPELLINGS; i++) {
		const struct spelling *s = &spellings[i];
		ap_buf msg = {0};
		buf_printf(&msg, "connection to \"%s\" failed:", s->url);
		for (int k = 0; k < 4 && s->secret[k]; k++)
			buf_printf(&msg, " \"%s\"", s->secret[k]);
		char *safe = dburl_scrub(msg.s, s->url);
		for (int k = 0; k < 4 && s->secret[k]; k++)
			if (strstr(safe, s->secret[k]))
				fail_msg("scrub for '%s' shows '%s': %s", s->url, s->secret[k], safe);
		free(safe);
		buf_free(&msg);
	}
	expect_str(dburl_scrub("password authentication failed for user \"alice\" (tried S3cr3t)",
		"postgresql://alice:S3cr3t@h/db"),
		"password authentication failed for user \"alice\" (tried ***)", "scrub");
	expect_str(dburl_scrub("invalid URI: \"postgresql://alice:S3cr3t@h:x/db\"", "postgresql://alice:S3cr3t@h:x/db"),
		"invalid URI: \"postgresql://alice@h/db\"", "scrub of the whole URL");
	/* libpq takes the first '@': the rest of the password becomes a host. */
	expect_str(dburl_scrub("could not translate host name \"r3t@h\" to address", "postgresql://alice:S3c@r3t@h/db"),
		"could not translate host name \"***@h\" to address", "scrub of a host libpq misread");
	expect_str(dburl_scrub("bad value p@ss:w0rd and p%40ss%3Aw0rd", "postgresql://alice:p%40ss%3Aw0rd@h/db"),
		"bad value *** and ***", "scrub of both forms");
	expect_str(dburl_scrub("nothing to hide", "postgresql://alice@h/db"), "nothing to hide", "no password");
	expect_str(dburl_scrub("nothing to hide", NULL), "nothing to hide", "no URL");
	expect_str(dburl_scrub("secret 'S3 cr3t'", "host=h password='S3 cr3t'"), "secret '***'", "keyword/value");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(is_url_takes_both_schemes_in_any_case_and_nothing_else),
		cmocka_unit_test(redact_gives_the_exact_shown_form_of_every_spelling),
		cmocka_unit_test(has_password_is_true_exactly_when_one_is_spelled),
		cmocka_unit_test(check_accepts_what_libpq_accepts),
		cmocka_unit_test(check_refuses_with_a_clear_message_that_never_shows_the_password),
		cmocka_unit_test(check_refuses_control_characters_and_escapes_them),
		cmocka_unit_test(scrub_hides_every_spelling_of_the_password_in_a_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
