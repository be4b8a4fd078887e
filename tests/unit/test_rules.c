/* test_rules.c - the rules engine over a real store (a SQLite file, or a
 * PostgreSQL database: unit_store.h) and real rule files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "unit_store.h"
#include "acctplan/facts.h"
#include "acctplan/rules.h"
#include "acctplan/shell.h"

/* 2026-11-23, the day the test suites pin. */
static long today;

typedef struct fx {
	char dir[64];
	char *db;   /* the store: a file in dir, or the test's PostgreSQL database */
	char rules[96];
	store *s;
	qbank qb;
	rules *r;
	long long acme;
	rule_flags flags;
} fx;

static const char *assets(void)
{
	const char *a = getenv("ACCTPLAN_ASSETS");
	return a && *a ? a : "assets";
}

static char *asset(const char *name) { return xasprintf("%s/%s", assets(), name); }

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	fx *x = xcalloc(1, sizeof *x);
	ap_err e = {0};
	strcpy(x->dir, "/tmp/acctplan-rules.XXXXXX");
	assert_non_null(mkdtemp(x->dir));
	x->db = unit_store(x->dir, "t.db");
	snprintf(x->rules, sizeof x->rules, "%s/rules.ini", x->dir);
	assert_int_equal(store_open(&x->s, x->db, STORE_CREATE, &e), AP_OK);
	char *q = asset("questions.ini");
	assert_int_equal(qbank_load(&x->qb, q, NULL, &e), AP_OK);
	free(q);
	assert_int_equal(store_account_add(x->s, "Acme", "Widgets", SEG_KEY, "2026-01-01", &x->acme, &e), AP_OK);
	ap_date_parse("2026-11-23", &today);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	fx *x = *state;
	ap_vec_free(&x->flags, rule_flag_clear);
	rules_free(&x->r);
	qbank_free(&x->qb);
	store_close(&x->s);
	if (!unit_pg()) {
		unlink(x->db);
		char wal[128];
		snprintf(wal, sizeof wal, "%s-wal", x->db);
		unlink(wal);
		snprintf(wal, sizeof wal, "%s-shm", x->db);
		unlink(wal);
	}
	free(x->db);
	unlink(x->rules);
	rmdir(x->dir);
	free(x);
	return 0;
}

/* ---- helpers ---- */

static int try_rules(fx *x, const char *text, ap_err *e)
{
	rules_free(&x->r);
	write_text(x->rules, text);
	return rules_load(&x->r, x->rules, NULL, &x->qb, e);
}

static void use_rules(fx *x, const char *text)
{
	ap_err e = {0};
	int rc = try_rules(x, text, &e);
	if (rc)
		fail_msg("rules did not load: %s", e.msg);
}

static void eval_account(fx *x, long long account)
{
	ap_err e = {0};
	ap_vec_free(&x->flags, rule_flag_clear);
	if (rules_eval(x->r, x->s, &x->qb, account, today, 0, &x->flags, &e))
		fail_msg("eval failed: %s", e.msg);
}

static void eval_all(fx *x) { eval_account(x, 0); }

/* "YYYY-MM-DD" of `ago` days before today, in a rotating static buffer. */
static const char *days_ago(long ago)
{
	static char buf[4][11];
	static int k;
	k = (k + 1) % 4;
	ap_date_format(today - ago, buf[k]);
	return buf[k];
}

static void answer(fx *x, long long acc, const char *q, const char *v, int source, int conf, long ago)
{
	ap_err e = {0};
	if (store_answer_add(x->s, acc, q, v, source, conf, "t", days_ago(ago), &e))
		fail_msg("answer: %s", e.msg);
}

static void contact(fx *x, long long acc, const char *name, int role, int tier)
{
	ap_err e = {0};
	ap_contact c = {.name = (char *)name, .role = role, .tier = tier};
	if (store_contact_add(x->s, acc, &c, &e))
		fail_msg("contact: %s", e.msg);
}

static long long meeting(fx *x, long long acc, int tier, long ago, int kind, int news, int shared)
{
	ap_err e = {0};
	long long id = 0;
	ap_meeting m = {.tier = tier, .date = (char *)days_ago(ago), .kind = kind, .news = news, .shared = shared,
		.status = MSTATUS_HELD, .summary = (char *)"met"};
	if (store_meeting_add(x->s, acc, &m, &id, &e))
		fail_msg("meeting: %s", e.msg);
	return id;
}

static long long account(fx *x, const char *name, int segment)
{
	ap_err e = {0};
	long long id;
	if (store_account_add(x->s, name, "", segment, "2026-01-01", &id, &e))
		fail_msg("account: %s", e.msg);
	return id;
}

/* ---- our people ---- */

static void member(fx *x, const char *name, int tier)
{
	ap_err e = {0};
	ap_member m = {.name = (char *)name, .tier = tier, .active = 1};
	if (store_rec_add(x->s, REC_MEMBER, 0, &m, &e))
		fail_msg("member %s: %s", name, e.msg);
}

/* A contact held by owner ("" for nobody), as deep, warm and weighty as given. */
static void person(fx *x, long long acc, const char *name, int role, const char *owner, int level, int stance,
	int influence)
{
	ap_err e = {0};
	ap_contact c = {.name = (char *)name, .role = role, .tier = TIER_SALES, .owner = (char *)owner, .level = level,
		.stance = stance, .influence = influence};
	if (store_contact_add(x->s, acc, &c, &e))
		fail_msg("contact %s: %s", name, e.msg);
}

/* What `contact edit ACCOUNT NAME --owner O --level L --stance S` does. */
static void set_person(fx *x, long long acc, const char *name, const char *owner, int level, int stance)
{
	ap_err e = {0};
	long long id;
	ap_contact c = {0};
	if (store_contact_find(x->s, acc, name, &id, &e) || store_rec_get(x->s, REC_CONTACT, acc, id, &c, &e))
		fail_msg("contact %s: %s", name, e.msg);
	free(c.owner);
	c.owner = xstrdup(owner);
	c.level = level;
	c.stance = stance;
	if (store_rec_update(x->s, REC_CONTACT, acc, &c, 0, &e))
		fail_msg("editing contact %s: %s", name, e.msg);
	rec_clear(&rec_kinds[REC_CONTACT], &c);
}

/* A meeting `ago` days ago with the contact `with`, of that status. */
static void met(fx *x, long long acc, const char *with, long ago, int status)
{
	ap_err e = {0};
	ap_meeting m = {.tier = TIER_SALES, .date = (char *)days_ago(ago), .kind = MEET_STRATEGIC, .news = NEWS_NONE,
		.status = status, .summary = (char *)"met", .with = (char *)with};
	if (store_meeting_add(x->s, acc, &m, NULL, &e))
		fail_msg("meeting: %s", e.msg);
}

/* An open action of `owner` due `ago` days ago (negative: ahead), of tier. */
static long long action(fx *x, const char *title, const char *owner, long ago, int tier)
{
	ap_err e = {0};
	ap_action a = {.title = (char *)title, .owner = (char *)owner, .due = (char *)days_ago(ago), .status = ASTATUS_OPEN,
		.tier = tier, .flag = (char *)"", .contact = (char *)"", .outcome = (char *)"", .reason = (char *)"",
		.closed = (char *)"", .by = (char *)""};
	if (store_rec_add(x->s, REC_ACTION, x->acme, &a, &e))
		fail_msg("action %s: %s", title, e.msg);
	return a.id;
}

/* An answer to q whose `by` is author. */
static void answer_by(fx *x, const char *q, const char *author)
{
	ap_err e = {0};
	if (store_answer_add(x->s, x->acme, q, "what we heard", SRC_CONVERSATION, CONF_MEDIUM, author, days_ago(0), &e))
		fail_msg("answer: %s", e.msg);
}

/* Flags of rule (and question, when given) among the last evaluation. */
static int count_flags(const fx *x, const char *rule, const char *question)
{
	int n = 0;
	for (size_t i = 0; i < x->flags.n; i++)
		n += strcmp(x->flags.v[i].rule, rule) == 0 &&
			(!question || (x->flags.v[i].question && strcmp(x->flags.v[i].question, question) == 0));
	return n;
}

static const rule_flag *find_flag(const fx *x, const char *rule)
{
	for (size_t i = 0; i < x->flags.n; i++)
		if (strcmp(x->flags.v[i].rule, rule) == 0)
			return &x->flags.v[i];
	fail_msg("no flag of rule %s", rule);
	return NULL;
}

#define RULE(id, kind, rest) "[rule." id "]\nkind = " kind "\ntier = sales\nseverity = warn\n" rest

/* ---- unanswered ---- */

static void unanswered_flags_every_question_of_the_tier_without_an_answer(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", ""));
	answer(x, x->acme, "growth", "growing", SRC_CONVERSATION, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "u", NULL), 4);
	assert_int_equal(count_flags(x, "u", "growth"), 0);
	assert_int_equal(count_flags(x, "u", "business"), 1);
	assert_string_equal(find_flag(x, "u")->message, "nobody has answered 'Their business'");
}

static void unanswered_with_a_question_checks_only_that_one(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "question = reference\n"));
	eval_all(x);
	assert_int_equal(count_flags(x, "u", NULL), 1);
	answer(x, x->acme, "reference", "yes", SRC_CONVERSATION, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "u", NULL), 0);
}

/* ---- stale ---- */

static void stale_answer_exactly_max_age_days_old_is_not_flagged(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("s", "stale", "question = business\nmax_age_days = 30\n"));
	answer(x, x->acme, "business", "they sell", SRC_CONVERSATION, CONF_HIGH, 30);
	eval_all(x);
	assert_int_equal(count_flags(x, "s", NULL), 0);
}

static void stale_answer_one_day_older_than_max_age_is_flagged_with_its_age(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("s", "stale", "question = business\nmax_age_days = 30\nmessage = {question_id} is {age} days old, limit {days}, from {date}\n"));
	answer(x, x->acme, "business", "they sell", SRC_CONVERSATION, CONF_HIGH, 31);
	eval_all(x);
	assert_int_equal(count_flags(x, "s", "business"), 1);
	char want[96];
	snprintf(want, sizeof want, "business is 31 days old, limit 30, from %s", days_ago(31));
	assert_string_equal(find_flag(x, "s")->message, want);
}

static void rule_info_gives_the_age_limit_of_a_stale_rule(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("s", "stale", "max_age_days = 45\n"));
	rule_info ri;
	rules_get(x->r, 0, &ri);
	assert_string_equal(ri.kind, "stale");
	assert_int_equal(ri.days, 45);
	assert_string_equal(ri.params, "max_age_days = 45");
}

static void stale_looks_at_the_current_answer_only(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("s", "stale", "question = business\nmax_age_days = 30\n"));
	answer(x, x->acme, "business", "old", SRC_CONVERSATION, CONF_HIGH, 400);
	answer(x, x->acme, "business", "new", SRC_CONVERSATION, CONF_HIGH, 1);
	eval_all(x);
	assert_int_equal(count_flags(x, "s", NULL), 0);
}

static void unanswered_question_is_not_stale(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("s", "stale", "max_age_days = 1\n"));
	eval_all(x);
	assert_int_equal(count_flags(x, "s", NULL), 0);
}

/* ---- weak evidence ---- */

static void weak_evidence_flags_an_answer_resting_on_a_listed_source(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("w", "weak_evidence", "sources = assumption, research\n"));
	answer(x, x->acme, "business", "guess", SRC_ASSUMPTION, CONF_HIGH, 0);
	answer(x, x->acme, "growth", "growing", SRC_CONVERSATION, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "w", "business"), 1);
	assert_int_equal(count_flags(x, "w", "growth"), 0);
	assert_string_equal(find_flag(x, "w")->message, "'Their business' rests on assumption with high confidence");
}

static void weak_evidence_flags_confidence_at_or_below_the_level(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("w", "weak_evidence", "confidence = medium\n"));
	answer(x, x->acme, "business", "a", SRC_CONVERSATION, CONF_MEDIUM, 0);
	answer(x, x->acme, "growth", "growing", SRC_CONVERSATION, CONF_HIGH, 0);
	answer(x, x->acme, "reference", "yes", SRC_CONVERSATION, CONF_LOW, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "w", "business"), 1);
	assert_int_equal(count_flags(x, "w", "reference"), 1);
	assert_int_equal(count_flags(x, "w", "growth"), 0);
}

/* ---- missing role ---- */

static void missing_role_names_the_roles_nobody_holds(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("m", "missing_role", "roles = decision-maker, po-issuer, payment-releaser\n"));
	contact(x, x->acme, "Ana", ROLE_PO_ISSUER, TIER_SALES);
	eval_all(x);
	assert_int_equal(count_flags(x, "m", NULL), 1);
	assert_null(find_flag(x, "m")->question);
	assert_string_equal(find_flag(x, "m")->message,
		"nobody in the org map is known as decision-maker or payment-releaser");
}

static void rule_info_gives_the_roles_a_missing_role_rule_expects(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("m", "missing_role", "roles = champion, po-issuer\n") RULE("u", "unanswered", ""));
	rule_info ri;
	rules_get(x->r, 0, &ri);
	assert_string_equal(ri.id, "m");
	assert_int_equal(ri.roles, (1u << ROLE_CHAMPION) | (1u << ROLE_PO_ISSUER));
	rules_get(x->r, 1, &ri);
	assert_int_equal(ri.roles, 0);
}

static void missing_role_is_quiet_when_every_role_is_held(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("m", "missing_role", "roles = decision-maker, po-issuer\n"));
	contact(x, x->acme, "Ana", ROLE_PO_ISSUER, TIER_SALES);
	contact(x, x->acme, "Ben", ROLE_DECISION_MAKER, TIER_EXEC);
	eval_all(x);
	assert_int_equal(count_flags(x, "m", NULL), 0);
}

/* ---- single threaded ---- */

static void single_threaded_flags_contacts_held_by_sales_alone(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("st", "single_threaded", "held_by = sales\n"));
	contact(x, x->acme, "Ana", -1, TIER_SALES);
	contact(x, x->acme, "Ben", -1, TIER_SALES);
	eval_all(x);
	assert_int_equal(count_flags(x, "st", NULL), 1);
	assert_string_equal(find_flag(x, "st")->message,
		"single-threaded relationship: all 2 contacts are held by sales alone");
}

static void single_threaded_is_quiet_when_another_tier_holds_a_contact(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("st", "single_threaded", "held_by = sales\n"));
	contact(x, x->acme, "Ana", -1, TIER_SALES);
	contact(x, x->acme, "Ben", -1, TIER_PRODUCT);
	eval_all(x);
	assert_int_equal(count_flags(x, "st", NULL), 0);
}

static void single_threaded_flags_fewer_than_min_contacts_but_not_exactly_min(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("st", "single_threaded", "min_contacts = 2\nheld_by = executive\n"));
	contact(x, x->acme, "Ana", -1, TIER_SALES);
	eval_all(x);
	assert_int_equal(count_flags(x, "st", NULL), 1);
	assert_string_equal(find_flag(x, "st")->message,
		"single-threaded relationship: only 1 contact, held by sales alone");
	contact(x, x->acme, "Ben", -1, TIER_PRODUCT);
	eval_all(x);
	assert_int_equal(count_flags(x, "st", NULL), 0);
}

/* ---- no engagement ---- */

#define NOENG RULE("ne", "no_engagement", "days = 90\n")

static void no_engagement_meeting_exactly_days_ago_is_in_time(void **state)
{
	fx *x = *state;
	use_rules(x, NOENG);
	meeting(x, x->acme, TIER_SALES, 90, MEET_TACTICAL, NEWS_NONE, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "ne", NULL), 0);
}

static void no_engagement_flags_a_day_later_and_counts_only_the_rules_tier(void **state)
{
	fx *x = *state;
	use_rules(x, NOENG);
	meeting(x, x->acme, TIER_SALES, 91, MEET_TACTICAL, NEWS_NONE, 0);
	meeting(x, x->acme, TIER_PRODUCT, 1, MEET_STRATEGIC, NEWS_NONE, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "ne", NULL), 1);
	char want[128];
	snprintf(want, sizeof want, "no sales engagement in the last 90 days (last: %s)", days_ago(91));
	assert_string_equal(find_flag(x, "ne")->message, want);
}

static void no_engagement_flags_never_and_ignores_meetings_after_today(void **state)
{
	fx *x = *state;
	use_rules(x, NOENG);
	meeting(x, x->acme, TIER_SALES, -5, MEET_STRATEGIC, NEWS_NONE, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "ne", NULL), 1);
	assert_string_equal(find_flag(x, "ne")->message, "no sales engagement in the last 90 days (last: never)");
}

/* ---- tactical only ---- */

#define TACT "[rule.t]\nkind = tactical_only\ntier = executive\nseverity = high\ndays = 180\nmin_meetings = 2\n"

static void tactical_only_flags_when_every_meeting_in_the_window_was_tactical(void **state)
{
	fx *x = *state;
	use_rules(x, TACT);
	meeting(x, x->acme, TIER_EXEC, 10, MEET_TACTICAL, NEWS_NONE, 0);
	meeting(x, x->acme, TIER_EXEC, 180, MEET_TACTICAL, NEWS_NONE, 0);
	meeting(x, x->acme, TIER_EXEC, 181, MEET_STRATEGIC, NEWS_NONE, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "t", NULL), 1);
	assert_string_equal(find_flag(x, "t")->message,
		"executive meetings of the last 180 days were all tactical (2 of them)");
}

static void tactical_only_is_quiet_with_one_strategic_meeting_or_too_few(void **state)
{
	fx *x = *state;
	use_rules(x, TACT);
	meeting(x, x->acme, TIER_EXEC, 10, MEET_TACTICAL, NEWS_NONE, 0);
	meeting(x, x->acme, TIER_SALES, 11, MEET_TACTICAL, NEWS_NONE, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "t", NULL), 0);   /* one executive meeting, min 2 */
	meeting(x, x->acme, TIER_EXEC, 180, MEET_STRATEGIC, NEWS_NONE, 0);
	meeting(x, x->acme, TIER_EXEC, 20, MEET_TACTICAL, NEWS_NONE, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "t", NULL), 0);   /* strategic on the window's first day */
}

/* ---- choice is ---- */

#define DIVERGING "[rule.d]\nkind = choice_is\ntier = executive\nseverity = critical\nquestion = alignment\nvalues = diverging\nmessage = {question_id} is {value}\n"

static void choice_is_flags_a_listed_value(void **state)
{
	fx *x = *state;
	use_rules(x, DIVERGING);
	answer(x, x->acme, "alignment", "diverging", SRC_MEETING, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "d", "alignment"), 1);
	assert_int_equal(find_flag(x, "d")->severity, SEV_CRITICAL);
	assert_string_equal(find_flag(x, "d")->message, "alignment is diverging");
}

static void choice_is_is_quiet_for_other_values_and_older_answers(void **state)
{
	fx *x = *state;
	use_rules(x, DIVERGING);
	answer(x, x->acme, "alignment", "diverging", SRC_MEETING, CONF_HIGH, 10);
	answer(x, x->acme, "alignment", "aligned", SRC_MEETING, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "d", NULL), 0);
}

/* ---- requires ---- */

#define REQ "[rule.r]\nkind = requires\ntier = executive\nseverity = high\nquestion = alignment\nrequires = end_customers, end_industry\n"

static void requires_flags_an_answer_whose_prerequisite_is_missing(void **state)
{
	fx *x = *state;
	use_rules(x, REQ);
	answer(x, x->acme, "alignment", "aligned", SRC_MEETING, CONF_HIGH, 0);
	answer(x, x->acme, "end_customers", "retailers", SRC_MEETING, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "r", "alignment"), 1);
	assert_string_equal(find_flag(x, "r")->message,
		"'Roadmap alignment' is answered but 'End industry' is not, so it cannot be trusted");
	const rule_flag *f = find_flag(x, "r");
	assert_string_equal(f->hint, "acctplan answer Acme end_industry TEXT --source conversation");
	assert_int_equal(f->hint_argc, 7);
	assert_string_equal(f->hint_argv[3], "end_industry");
	assert_null(f->hint_argv[7]);
}

static void requires_is_quiet_when_all_answered_or_question_unanswered(void **state)
{
	fx *x = *state;
	use_rules(x, REQ);
	eval_all(x);
	assert_int_equal(count_flags(x, "r", NULL), 0);
	answer(x, x->acme, "alignment", "aligned", SRC_MEETING, CONF_HIGH, 0);
	answer(x, x->acme, "end_customers", "retailers", SRC_MEETING, CONF_HIGH, 0);
	answer(x, x->acme, "end_industry", "consolidating", SRC_MEETING, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "r", NULL), 0);
}

/* ---- unshared news ---- */

#define NEWS "[rule.n]\nkind = unshared_news\ntier = executive\nseverity = high\nby = sales, executive\ndays = 30\n"

static void unshared_news_flags_bad_news_kept_from_the_customer(void **state)
{
	fx *x = *state;
	use_rules(x, NEWS);
	meeting(x, x->acme, TIER_SALES, 30, MEET_TACTICAL, NEWS_BAD, 0);
	meeting(x, x->acme, TIER_EXEC, 2, MEET_TACTICAL, NEWS_BAD, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "n", NULL), 1);
	char want[160];
	snprintf(want, sizeof want, "bad news was kept from the customer in 2 meeting(s) of the last 30 days (last: %s)",
		days_ago(2));
	assert_string_equal(find_flag(x, "n")->message, want);
}

static void unshared_news_ignores_shared_good_old_and_other_tiers(void **state)
{
	fx *x = *state;
	use_rules(x, NEWS);
	meeting(x, x->acme, TIER_SALES, 1, MEET_TACTICAL, NEWS_BAD, 1);
	meeting(x, x->acme, TIER_SALES, 1, MEET_TACTICAL, NEWS_GOOD, 0);
	meeting(x, x->acme, TIER_SALES, 31, MEET_TACTICAL, NEWS_BAD, 0);
	meeting(x, x->acme, TIER_PRODUCT, 1, MEET_TACTICAL, NEWS_BAD, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "n", NULL), 0);
}

/* ---- demand drivers ---- */

static long long driver(fx *x, long long acc, const char *metric, double value, double growth, double factor, double share)
{
	ap_err e = {0};
	long long id = 0;
	char step[48] = "";
	if (!isnan(factor))   /* the chain's one step; none when the factor is missing */
		snprintf(step, sizeof step, "%.17g", factor);
	ap_driver d = {.metric = (char *)metric, .value = value, .growth = growth, .steps = step, .share = share};
	if (store_driver_add(x->s, acc, &d, &id, &e))
		fail_msg("driver: %s", e.msg);
	return id;
}

#define NODRV "[rule.nd]\nkind = no_driver\ntier = executive\nseverity = high\nif_answered = demand_outlook\n"

static void no_driver_flags_an_outlook_with_no_driver(void **state)
{
	fx *x = *state;
	use_rules(x, NODRV);
	eval_all(x);
	assert_int_equal(count_flags(x, "nd", NULL), 0);   /* no outlook given yet */
	answer(x, x->acme, "demand_outlook", "rising", SRC_MEETING, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "nd", NULL), 1);
	driver(x, x->acme, "parcels", 1e6, 0.05, 0.002, 0.3);
	eval_all(x);
	assert_int_equal(count_flags(x, "nd", NULL), 0);
}

static void incomplete_driver_names_each_missing_step(void **state)
{
	fx *x = *state;
	use_rules(x, "[rule.id]\nkind = incomplete_driver\ntier = executive\nseverity = warn\n");
	driver(x, x->acme, "parcels", 1e6, 0.05, 0.002, 0.3);
	eval_all(x);
	assert_int_equal(count_flags(x, "id", NULL), 0);
	driver(x, x->acme, "streams", 1e6, NAN, 0.002, NAN);
	eval_all(x);
	assert_int_equal(count_flags(x, "id", NULL), 1);
	assert_string_equal(find_flag(x, "id")->message,
		"demand drivers missing a step of the chain: streams (no growth, share)");
}

/* ---- hints name what clears their flag ---- */

/* The printed hint of the first flag of rule, which must be there. */
static const char *hint_of(fx *x, const char *rule)
{
	eval_all(x);
	return find_flag(x, rule)->hint;
}

/* What `meeting edit ACCOUNT ID --shared yes` does. */
static void mark_shared(fx *x, long long id)
{
	ap_err e = {0};
	ap_meeting m = {0};
	if (store_rec_get(x->s, REC_MEETING, x->acme, id, &m, &e))
		fail_msg("meeting %lld: %s", id, e.msg);
	m.shared = 1;
	if (store_rec_update(x->s, REC_MEETING, x->acme, &m, 0, &e))
		fail_msg("marking meeting %lld shared: %s", id, e.msg);
	rec_clear(&rec_kinds[REC_MEETING], &m);
}

static void unshared_news_hint_marks_the_newest_such_meeting_shared(void **state)
{
	fx *x = *state;
	char want[160];
	use_rules(x, NEWS);
	long long older = meeting(x, x->acme, TIER_SALES, 20, MEET_TACTICAL, NEWS_BAD, 0);
	long long newer = meeting(x, x->acme, TIER_EXEC, 2, MEET_TACTICAL, NEWS_BAD, 0);
	snprintf(want, sizeof want, "acctplan meeting edit Acme %lld --shared yes", newer);
	assert_string_equal(hint_of(x, "n"), want);
	/* Another meeting that shares bad news tells nothing of these two. */
	meeting(x, x->acme, TIER_EXEC, 1, MEET_STRATEGIC, NEWS_BAD, 1);
	assert_string_equal(hint_of(x, "n"), want);
	mark_shared(x, newer);
	snprintf(want, sizeof want, "acctplan meeting edit Acme %lld --shared yes", older);
	assert_string_equal(hint_of(x, "n"), want);
	snprintf(want, sizeof want, "bad news was kept from the customer in 1 meeting(s) of the last 30 days (last: %s)",
		days_ago(20));
	assert_string_equal(find_flag(x, "n")->message, want);
	mark_shared(x, older);
	eval_all(x);
	assert_int_equal(count_flags(x, "n", NULL), 0);
}

static void unshared_news_names_the_later_recorded_of_two_meetings_on_a_day(void **state)
{
	fx *x = *state;
	char want[160];
	use_rules(x, NEWS);
	meeting(x, x->acme, TIER_SALES, 3, MEET_TACTICAL, NEWS_BAD, 0);
	long long later = meeting(x, x->acme, TIER_SALES, 3, MEET_TACTICAL, NEWS_BAD, 0);
	snprintf(want, sizeof want, "acctplan meeting edit Acme %lld --shared yes", later);
	assert_string_equal(hint_of(x, "n"), want);
}

static void incomplete_driver_hint_gives_one_missing_step_of_the_first_such_driver(void **state)
{
	fx *x = *state;
	char want[160];
	use_rules(x, "[rule.id]\nkind = incomplete_driver\ntier = executive\nseverity = warn\n");
	driver(x, x->acme, "parcels", 1e6, 0.05, 0.002, 0.3);
	long long streams = driver(x, x->acme, "streams", 1e6, NAN, 0.002, NAN);
	driver(x, x->acme, "flights", NAN, NAN, NAN, NAN);
	snprintf(want, sizeof want, "acctplan driver edit Acme %lld --growth PCT", streams);
	assert_string_equal(hint_of(x, "id"), want);
	/* Only the steps the rule asks for: share is the one left. */
	use_rules(x, "[rule.id]\nkind = incomplete_driver\ntier = executive\nseverity = warn\nsteps = share, factor\n");
	snprintf(want, sizeof want, "acctplan driver edit Acme %lld --share PCT", streams);
	assert_string_equal(hint_of(x, "id"), want);
}

static void missing_role_hint_adds_the_first_missing_role(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("m", "missing_role", "roles = payment-releaser, decision-maker, champion\n"));
	assert_string_equal(hint_of(x, "m"), "acctplan contact add Acme NAME --role decision-maker");
	contact(x, x->acme, "Ada", ROLE_DECISION_MAKER, TIER_SALES);
	assert_string_equal(hint_of(x, "m"), "acctplan contact add Acme NAME --role payment-releaser");
}

static void single_threaded_hint_adds_a_contact_in_a_tier_that_clears_it(void **state)
{
	fx *x = *state;
	/* Any tier holding them all is flagged: another tier than the holder. */
	use_rules(x, RULE("s", "single_threaded", ""));
	contact(x, x->acme, "Ada", ROLE_USER, TIER_PRODUCT);
	assert_string_equal(hint_of(x, "s"), "acctplan contact add Acme NAME --tier sales");
	/* Too few contacts and only sales flagged: not sales, whoever holds them. */
	use_rules(x, RULE("s", "single_threaded", "held_by = sales\nmin_contacts = 3\n"));
	assert_string_equal(hint_of(x, "s"), "acctplan contact add Acme NAME --tier executive");
}

static void engagement_hints_ask_for_a_meeting_of_a_tier_that_counts(void **state)
{
	fx *x = *state;
	use_rules(x, "[rule.e]\nkind = no_engagement\ntier = executive\nseverity = warn\ndays = 30\nby = product, sales\n");
	assert_string_equal(hint_of(x, "e"),
		"acctplan meeting add Acme --tier sales --date YYYY-MM-DD --kind strategic TEXT");
	use_rules(x, "[rule.e]\nkind = no_engagement\ntier = product\nseverity = warn\ndays = 30\nby = product, sales\n");
	assert_string_equal(hint_of(x, "e"),
		"acctplan meeting add Acme --tier product --date YYYY-MM-DD --kind strategic TEXT");
}

static void answer_form_is_text_or_the_options_that_clear_the_flag(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "questions = business, growth\n")
		"[rule.c]\nkind = choice_is\ntier = executive\nseverity = warn\nquestion = alignment\nvalues = unknown\n"
		"hint = acctplan answer {account} {question_id} {answer_form}\n"
		"[rule.r]\nkind = requires\ntier = sales\nseverity = warn\nquestion = our_role\nrequires = growth\n");
	answer(x, x->acme, "alignment", "unknown", SRC_MEETING, CONF_HIGH, 0);
	answer(x, x->acme, "our_role", "supplier", SRC_MEETING, CONF_HIGH, 0);
	eval_all(x);
	for (size_t i = 0; i < x->flags.n; i++) {
		const rule_flag *f = &x->flags.v[i];
		const char *want = strcmp(f->rule, "c") == 0 ? "aligned|diverging"
			: strcmp(f->rule, "r") == 0 || strcmp(f->question, "growth") == 0 ? "growing|stable|shrinking" : "TEXT";
		assert_string_equal(f->hint_argv[4], want);
	}
	assert_int_equal(count_flags(x, "u", NULL) + count_flags(x, "c", NULL) + count_flags(x, "r", NULL), 4);
	assert_string_equal(hint_of(x, "r"), "acctplan answer Acme growth 'growing|stable|shrinking' --source conversation");
}

/* ---- snoozes ---- */

static void snooze(fx *x, const char *rule, const char *q, long until_ago)
{
	ap_err e = {0};
	if (store_snooze_set(x->s, x->acme, rule, q, days_ago(until_ago), "waiting for the board", NULL, &e))
		fail_msg("snooze: %s", e.msg);
}

static void snooze_ending_today_still_hides_the_flag(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "question = reference\n"));
	snooze(x, "u", "reference", 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "u", NULL), 0);
	ap_err e = {0};
	ap_vec_free(&x->flags, rule_flag_clear);
	assert_int_equal(rules_eval(x->r, x->s, &x->qb, 0, today, 1, &x->flags, &e), AP_OK);
	assert_int_equal(count_flags(x, "u", "reference"), 1);
	assert_true(x->flags.v[0].snoozed);
	assert_string_equal(x->flags.v[0].snooze_reason, "waiting for the board");
	assert_string_equal(x->flags.v[0].snooze_until, days_ago(0));
}

static void snooze_that_ended_yesterday_shows_the_flag_again(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "question = reference\n"));
	snooze(x, "u", "reference", 1);
	eval_all(x);
	assert_int_equal(count_flags(x, "u", NULL), 1);
	assert_false(x->flags.v[0].snoozed);
}

static void snooze_hides_only_its_own_question(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "questions = reference, growth\n"));
	snooze(x, "u", "reference", -10);
	eval_all(x);
	assert_int_equal(count_flags(x, "u", "growth"), 1);
	assert_int_equal(count_flags(x, "u", "reference"), 0);
}

/* ---- ordering and scope ---- */

static void flags_come_most_severe_first_then_by_account_name(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "question = reference\n") DIVERGING);
	long long bravo = account(x, "bravo", SEG_OTHER);
	account(x, "Zulu", SEG_OTHER);
	answer(x, bravo, "alignment", "diverging", SRC_MEETING, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(x->flags.n, 4);
	assert_string_equal(x->flags.v[0].rule, "d");
	assert_string_equal(x->flags.v[0].account, "bravo");
	assert_string_equal(x->flags.v[1].account, "Acme");
	assert_string_equal(x->flags.v[2].account, "bravo");
	assert_string_equal(x->flags.v[3].account, "Zulu");
}

static void evaluating_one_account_reports_only_its_flags(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "question = reference\n"));
	long long other = account(x, "Other", SEG_OTHER);
	eval_account(x, other);
	assert_int_equal(x->flags.n, 1);
	assert_string_equal(x->flags.v[0].account, "Other");
	assert_int_equal(x->flags.v[0].account_id, other);
}

static void rule_applies_only_to_its_segments(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "question = reference\nsegments = growth, other\n"));
	account(x, "Small", SEG_GROWTH);
	eval_all(x);
	assert_int_equal(x->flags.n, 1);
	assert_string_equal(x->flags.v[0].account, "Small");
}

static void default_rules_load_and_cover_every_default_question(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	char *path = asset("rules.ini");
	int rc = rules_load(&x->r, path, NULL, &x->qb, &e);
	free(path);
	if (rc)
		fail_msg("%s", e.msg);
	for (size_t i = 0; i < x->qb.n; i++) {
		/* A group's questions are canvas_gap's, one flag per account. */
		if (x->qb.q[i].group != QB_GROUP_NONE)
			continue;
		int covered = 0;
		for (size_t k = 0; k < rules_count(x->r) && !covered; k++) {
			rule_info ri;
			rules_get(x->r, k, &ri);
			covered = rules_check_snooze(x->r, &x->qb, ri.id, x->qb.q[i].id, NULL) == AP_OK;
		}
		if (!covered)
			fail_msg("no default rule looks at question %s", x->qb.q[i].id);
	}
	eval_all(x);
	assert_true(x->flags.n > 0);
	assert_int_equal(count_flags(x, "canvas_gap", NULL), 1);
}

/* ---- the business model canvas ---- */

static const char *const blocks[] = {"canvas_partners", "canvas_activities", "canvas_resources", "canvas_value",
	"canvas_relationships", "canvas_channels", "canvas_segments", "canvas_costs", "canvas_revenue"};

static void canvas_gap_lists_every_unanswered_block_in_one_flag(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("c", "canvas_gap", ""));
	eval_all(x);
	assert_int_equal(count_flags(x, "c", NULL), 1);
	assert_null(find_flag(x, "c")->question);
	assert_string_equal(find_flag(x, "c")->message, "9 block(s) of the business model canvas unanswered: Key partners, "
		"Key activities, Key resources, Value propositions, Customer relationships, Channels, Customer segments, "
		"Cost structure and Revenue streams");
	/* The hint answers the first block missing. */
	assert_string_equal(find_flag(x, "c")->hint, "acctplan answer Acme canvas_partners TEXT --source conversation");
	/* Where our product sits is not a block: answering it clears nothing. */
	for (size_t i = 0; i < 9; i++) {
		char ours[64];
		snprintf(ours, sizeof ours, "%s_ours", blocks[i]);
		answer(x, x->acme, ours, "we are in it", SRC_CONVERSATION, CONF_HIGH, 0);
	}
	for (size_t i = 0; i + 1 < 9; i++)
		if (i != 1)
			answer(x, x->acme, blocks[i], "known", SRC_ASSUMPTION, CONF_LOW, 4000);
	eval_all(x);
	assert_int_equal(count_flags(x, "c", NULL), 1);
	assert_string_equal(find_flag(x, "c")->message,
		"2 block(s) of the business model canvas unanswered: Key activities and Revenue streams");
	assert_string_equal(find_flag(x, "c")->hint, "acctplan answer Acme canvas_activities TEXT --source conversation");
	answer(x, x->acme, "canvas_activities", "known", SRC_CONVERSATION, CONF_HIGH, 0);
	eval_all(x);
	assert_string_equal(find_flag(x, "c")->message,
		"1 block(s) of the business model canvas unanswered: Revenue streams");
	/* The last block answered, however old or thin: the gap is closed. */
	answer(x, x->acme, "canvas_revenue", "known", SRC_ASSUMPTION, CONF_LOW, 4000);
	eval_all(x);
	assert_int_equal(count_flags(x, "c", NULL), 0);
}

static void canvas_gap_flags_only_the_segments_the_rule_names(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	long long growth;
	assert_int_equal(store_account_add(x->s, "Borealis", "Parcels", SEG_GROWTH, "2026-01-01", &growth, &e), AP_OK);
	use_rules(x, RULE("c", "canvas_gap", "segments = key\n"));
	eval_all(x);
	assert_int_equal(count_flags(x, "c", NULL), 1);
	assert_string_equal(find_flag(x, "c")->account, "Acme");
	use_rules(x, RULE("c", "canvas_gap", "segments = key, growth\nmessage = {count}: {blocks}\n"));
	eval_account(x, growth);
	assert_int_equal(count_flags(x, "c", NULL), 1);
	assert_string_equal(find_flag(x, "c")->account, "Borealis");
	assert_non_null(strstr(find_flag(x, "c")->message, "9: Key partners, "));
}

static void canvas_gap_takes_no_parameters_and_a_snooze_names_no_question(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	assert_int_equal(try_rules(x, RULE("c", "canvas_gap", "questions = canvas_partners\n"), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "rule 'c': key 'questions' does not apply to kind canvas_gap"));
	assert_int_equal(try_rules(x, RULE("c", "canvas_gap", "message = {value}\n"), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "placeholder {value} is not filled in by kind canvas_gap"));
	use_rules(x, RULE("c", "canvas_gap", ""));
	assert_int_equal(rules_check_snooze(x->r, &x->qb, "c", NULL, &e), AP_OK);
	assert_int_equal(rules_check_snooze(x->r, &x->qb, "c", "canvas_partners", &e), AP_EINPUT);
}

static void rules_naming_no_questions_skip_the_canvas_and_naming_a_block_checks_it(void **state)
{
	fx *x = *state;
	use_rules(x, "[rule.p]\nkind = unanswered\ntier = product\nseverity = warn\n\n"
		"[rule.s]\nkind = stale\ntier = product\nseverity = warn\nmax_age_days = 30\n\n"
		RULE("b", "unanswered", "questions = canvas_partners, canvas_partners_ours\n"));
	answer(x, x->acme, "canvas_resources", "old", SRC_CONVERSATION, CONF_HIGH, 400);
	eval_all(x);
	assert_int_equal(count_flags(x, "p", NULL), 6);
	assert_int_equal(count_flags(x, "p", "canvas_partners"), 0);
	assert_int_equal(count_flags(x, "s", NULL), 0);
	assert_int_equal(count_flags(x, "b", NULL), 2);
	assert_int_equal(count_flags(x, "b", "canvas_partners"), 1);
}

/* ---- the result API ---- */

static rules_result *run(fx *x, int tier, int min_severity, int include_snoozed)
{
	ap_err e = {0};
	rules_result *res = NULL;
	rules_query q = {0, today, tier, min_severity, include_snoozed};
	if (rules_run(x->r, x->s, &x->qb, &q, &res, &e))
		fail_msg("run: %s", e.msg);
	return res;
}

static void summary_counts_by_severity_and_snoozed_flags_apart(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "questions = reference, growth\n") DIVERGING);
	answer(x, x->acme, "alignment", "diverging", SRC_MEETING, CONF_HIGH, 0);
	account(x, "Other", SEG_OTHER);
	snooze(x, "u", "growth", 0);
	rules_result *res = run(x, -1, SEV_INFO, 0);
	const rules_summary *s = rules_result_summary(res);
	assert_int_equal(s->by_severity[SEV_CRITICAL], 1);
	assert_int_equal(s->by_severity[SEV_WARN], 3);
	assert_int_equal(s->total, 4);
	assert_int_equal(s->snoozed, 1);
	assert_int_equal(s->accounts, 2);
	assert_int_equal(rules_result_count(res), 4);
	rules_result_free(&res);
	res = run(x, -1, SEV_INFO, 1);
	assert_int_equal(rules_result_count(res), 5);
	assert_int_equal(rules_result_summary(res)->total, 4);
	rules_result_free(&res);
}

static void flags_summary_counts_what_rules_eval_returned(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "questions = reference, growth\n") DIVERGING);
	answer(x, x->acme, "alignment", "diverging", SRC_MEETING, CONF_HIGH, 0);
	account(x, "Other", SEG_OTHER);
	snooze(x, "u", "growth", 0);
	ap_err e = {0};
	assert_int_equal(rules_eval(x->r, x->s, &x->qb, 0, today, 1, &x->flags, &e), AP_OK);
	rules_summary s;
	rule_flags_summary(&x->flags, &s);
	assert_int_equal(s.by_severity[SEV_CRITICAL], 1);
	assert_int_equal(s.by_severity[SEV_WARN], 3);
	assert_int_equal(s.total, 4);
	assert_int_equal(s.snoozed, 1);
	assert_int_equal(s.accounts, 2);
}

static void query_keeps_the_rules_of_one_tier_or_severity(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "question = reference\n") DIVERGING);
	answer(x, x->acme, "alignment", "diverging", SRC_MEETING, CONF_HIGH, 0);
	rules_result *res = run(x, TIER_EXEC, SEV_INFO, 0);
	assert_int_equal(rules_result_count(res), 1);
	assert_string_equal(rules_result_get(res, 0)->rule, "d");
	rules_result_free(&res);
	res = run(x, -1, SEV_HIGH, 0);
	assert_int_equal(rules_result_count(res), 1);
	rules_result_free(&res);
	res = run(x, TIER_SALES, SEV_INFO, 0);
	assert_int_equal(rules_result_count(res), 1);
	assert_string_equal(rules_result_get(res, 0)->rule, "u");
	rules_result_free(&res);
}

static void grouping_by_account_puts_the_account_with_the_worst_flag_first(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "question = reference\n") DIVERGING);
	long long zulu = account(x, "Zulu", SEG_OTHER);
	answer(x, zulu, "alignment", "diverging", SRC_MEETING, CONF_HIGH, 0);
	rules_result *res = run(x, -1, SEV_INFO, 0);
	assert_string_equal(rules_result_get(res, 0)->account, "Zulu");
	assert_string_equal(rules_result_get(res, 1)->account, "Acme");
	assert_string_equal(rules_result_get(res, 2)->account, "Zulu");
	rules_result_group_by_account(res);
	const char *want[][2] = {{"Zulu", "d"}, {"Zulu", "u"}, {"Acme", "u"}};
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(rules_result_get(res, i)->account, want[i][0]);
		assert_string_equal(rules_result_get(res, i)->rule, want[i][1]);
	}
	rules_result_free(&res);
}

/* ---- a set of accounts at once ---- */

/* Three accounts with facts of every kind the default rules read. */
static void varied_portfolio(fx *x, long long ids[3])
{
	ap_err e = {0};
	char *path = asset("rules.ini");
	if (rules_load(&x->r, path, NULL, &x->qb, &e))
		fail_msg("%s", e.msg);
	free(path);
	ids[0] = x->acme;
	ids[1] = account(x, "Baltic Freight", SEG_GROWTH);
	ids[2] = account(x, "Zulu Works", SEG_STRATEGIC);
	answer(x, x->acme, "alignment", "diverging", SRC_MEETING, CONF_HIGH, 0);
	answer(x, x->acme, "growth", "growing", SRC_ASSUMPTION, CONF_LOW, 900);
	answer(x, ids[1], "demand_outlook", "rising", SRC_RESEARCH, CONF_MEDIUM, 10);
	contact(x, ids[1], "Ann", ROLE_DECISION_MAKER, TIER_SALES);
	meeting(x, ids[2], TIER_EXEC, 30, MEET_TACTICAL, NEWS_BAD, 0);
	ap_driver d = {.metric = (char *)"parcels", .value = 10, .growth = NAN, .steps = (char *)"", .share = NAN};
	if (store_driver_add(x->s, ids[2], &d, NULL, &e))
		fail_msg("driver: %s", e.msg);
	snooze(x, "roadmap_diverging", "alignment", -30);
	/* Our people: owners, depth, stance, attendees, authors. */
	member(x, "Ann Sales", TIER_SALES);
	member(x, "Pete Prod", TIER_PRODUCT);
	person(x, ids[1], "Bob", ROLE_PAYMENT_RELEASER, "Ann Sales", LEVEL_CREDIBLE, STANCE_OPPONENT, INFLUENCE_HIGH);
	person(x, ids[1], "Cleo", ROLE_CHAMPION, "Ann Sales", LEVEL_VENDOR, STANCE_SUPPORTER, INFLUENCE_LOW);
	person(x, ids[2], "Dora", ROLE_DECISION_MAKER, "Pete Prod", LEVEL_TRUSTED_ADVISOR, STANCE_ADVOCATE, -1);
	met(x, ids[2], "Dora", 100, MSTATUS_HELD);
	met(x, ids[1], "Bob", 10, MSTATUS_HELD);
	answer_by(x, "competitors", "Ann Sales");
}

static void same_flag(const rule_flag *a, const rule_flag *b)
{
	assert_int_equal(a->account_id, b->account_id);
	assert_string_equal(a->rule, b->rule);
	assert_string_equal(a->question ? a->question : "", b->question ? b->question : "");
	assert_string_equal(a->message, b->message);
	assert_string_equal(a->hint, b->hint);
	assert_int_equal(a->snoozed, b->snoozed);
}

static void a_set_of_accounts_gets_the_flags_each_account_gets_alone(void **state)
{
	fx *x = *state;
	long long ids[3];
	varied_portfolio(x, ids);
	ap_err e = {0};
	rule_flags set = {0};
	assert_int_equal(rules_eval_accounts(x->r, x->s, &x->qb, ids, 3, today, 1, &set, &e), AP_OK);
	size_t total = 0;
	for (int k = 0; k < 3; k++) {
		ap_vec_free(&x->flags, rule_flag_clear);
		assert_int_equal(rules_eval(x->r, x->s, &x->qb, ids[k], today, 1, &x->flags, &e), AP_OK);
		assert_true(x->flags.n > 0);
		size_t j = 0;
		for (size_t i = 0; i < set.n; i++)
			if (set.v[i].account_id == ids[k]) {
				assert_true(j < x->flags.n);
				same_flag(&set.v[i], &x->flags.v[j++]);
			}
		assert_int_equal(j, x->flags.n);
		total += j;
	}
	assert_int_equal(total, set.n);
	ap_vec_free(&set, rule_flag_clear);
}

static void a_set_leaves_out_other_accounts_and_skips_unknown_or_repeated_ids(void **state)
{
	fx *x = *state;
	long long ids[3];
	varied_portfolio(x, ids);
	long long some[] = {ids[2], 987654, ids[2]};
	ap_err e = {0};
	assert_int_equal(rules_eval_accounts(x->r, x->s, &x->qb, some, 3, today, 0, &x->flags, &e), AP_OK);
	rule_flags alone = {0};
	assert_int_equal(rules_eval(x->r, x->s, &x->qb, ids[2], today, 0, &alone, &e), AP_OK);
	assert_int_equal(x->flags.n, alone.n);
	for (size_t i = 0; i < x->flags.n; i++)
		assert_int_equal(x->flags.v[i].account_id, ids[2]);
	ap_vec_free(&alone, rule_flag_clear);
	/* An empty set finds nothing, and a later set is not mixed with the earlier one. */
	ap_vec_free(&x->flags, rule_flag_clear);
	assert_int_equal(rules_eval_accounts(x->r, x->s, &x->qb, NULL, 0, today, 0, &x->flags, &e), AP_OK);
	assert_int_equal(x->flags.n, 0);
}

static void a_set_is_evaluated_while_another_process_holds_the_write_lock(void **state)
{
	fx *x = *state;
	long long ids[3];
	varied_portfolio(x, ids);
	store *writer = NULL;
	ap_err e = {0};
	assert_int_equal(store_open(&writer, x->db, STORE_EXISTING, &e), AP_OK);
	assert_int_equal(store_begin(writer, &e), AP_OK);
	assert_int_equal(store_account_add(writer, "Pending", "", SEG_KEY, NULL, NULL, &e), AP_OK);
	assert_int_equal(rules_eval_accounts(x->r, x->s, &x->qb, ids, 3, today, 0, &x->flags, &e), AP_OK);
	assert_true(x->flags.n > 0);
	store_rollback(writer);
	store_close(&writer);
}

static void brief_of_a_flag_names_its_account_tier_severity_and_snooze(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "questions = reference, growth\n") DIVERGING);
	answer(x, x->acme, "alignment", "diverging", SRC_MEETING, CONF_HIGH, 0);
	snooze(x, "u", "growth", 0);
	rules_result *res = run(x, -1, SEV_INFO, 1);
	assert_int_equal(rules_result_count(res), 3);
	for (size_t i = 0; i < rules_result_count(res); i++) {
		rule_flag_brief b;
		rules_result_brief(res, i, &b);
		const rule_flag *f = rules_result_get(res, i);
		assert_int_equal(b.account_id, f->account_id);
		assert_string_equal(rule_kinds.names[b.kind], f->kind);
		assert_int_equal(b.tier, f->tier);
		assert_int_equal(b.severity, f->severity);
		assert_int_equal(b.snoozed, f->snoozed);
	}
	rule_flag_brief first;
	rules_result_brief(res, 0, &first);
	assert_int_equal(first.severity, SEV_CRITICAL);
	assert_int_equal(first.tier, TIER_EXEC);
	rules_result_free(&res);
}

/* ---- loading ---- */

static void user_file_replaces_disables_and_adds_rules(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	char user[128];
	snprintf(user, sizeof user, "%s/user.ini", x->dir);
	write_text(x->rules, RULE("a", "unanswered", "question = reference\n") RULE("b", "unanswered", "question = growth\n"));
	write_text(user, "[rule.a]\nkind = choice_is\ntier = executive\nseverity = critical\nquestion = alignment\n"
		"values = unknown\n\n[rule.B]\nenabled = no\n\n" RULE("c", "missing_role", "roles = champion\n"));
	int rc = rules_load(&x->r, x->rules, user, &x->qb, &e);
	unlink(user);
	if (rc)
		fail_msg("%s", e.msg);
	assert_int_equal(rules_count(x->r), 3);
	rule_info ri;
	rules_get(x->r, (size_t)rules_find(x->r, "a"), &ri);
	assert_string_equal(ri.kind, "choice_is");
	assert_int_equal(ri.severity, SEV_CRITICAL);
	assert_string_equal(ri.file, user);
	assert_int_equal(ri.line, 1);
	assert_int_equal(ri.days, 0);
	rules_get(x->r, (size_t)rules_find(x->r, "b"), &ri);
	assert_false(ri.enabled);
	eval_all(x);
	assert_int_equal(count_flags(x, "b", NULL), 0);
	assert_int_equal(count_flags(x, "c", NULL), 1);
	assert_int_equal(count_flags(x, "a", NULL), 0);
	answer(x, x->acme, "alignment", "unknown", SRC_MEETING, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "a", "alignment"), 1);
}

static void load_error_names_file_line_and_problem(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	assert_int_equal(try_rules(x, RULE("a", "stale", "\nmax_age_days = -3\n"), &e), AP_EINPUT);
	char want[256];
	snprintf(want, sizeof want, "%s:6: rule 'a': max_age_days: '-3' is not a whole number from 1 to 36500", x->rules);
	assert_string_equal(e.msg, want);
	assert_null(x->r);
	assert_int_equal(try_rules(x, RULE("b", "choice_is", "question = business\nvalues = x\n"), &e), AP_EINPUT);
	snprintf(want, sizeof want, "%s:5: rule 'b': question: 'business' is a text question; choice_is needs a choice question",
		x->rules);
	assert_string_equal(e.msg, want);
	assert_int_equal(try_rules(x, RULE("c", "requires", "question = alignment\nrequires = alignment\n"), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, ":6: rule 'c': requires: a question cannot require itself"));
	assert_int_equal(try_rules(x, RULE("d", "unanswered", "message = {question\n"), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, ":5: rule 'd': message: '{' without a closing '}'"));
}

static void double_brace_is_a_literal_brace_and_hint_placeholders_fill_in(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "question = reference\nmessage = {{{question_id}} for {account}\n"
		"hint = acctplan ask {tier} --about={question} {severity},{rule} {{x}\n"));
	eval_all(x);
	const rule_flag *f = &x->flags.v[0];
	assert_string_equal(f->message, "{reference} for Acme");
	assert_string_equal(f->hint, "acctplan ask sales --about=Reference warn,u '{x}'");
	const char *want[] = {"acctplan", "ask", "sales", "--about=Reference", "warn,u", "{x}"};
	assert_int_equal(f->hint_argc, 6);
	for (int i = 0; i < 6; i++)
		assert_string_equal(f->hint_argv[i], want[i]);
}

/* ---- hints: argument lists, quoted for the shell as they are printed ---- */

static void quoted(const char *arg, const char *want)
{
	ap_buf b = {0};
	shell_quote(&b, arg);
	if (strcmp(b.s, want) != 0)
		fail_msg("shell_quote(\"%s\") gave %s, expected %s", arg, b.s, want);
	buf_free(&b);
}

static void shell_quote_leaves_plain_words_bare_and_quotes_the_rest(void **state)
{
	(void)state;
	quoted("acctplan", "acctplan");
	quoted("--tier", "--tier");
	quoted("YYYY-MM-DD", "YYYY-MM-DD");
	quoted("a@b%c+d=e:f,g./h_1", "a@b%c+d=e:f,g./h_1");
	quoted("", "''");
	quoted("=ls", "'=ls'");   /* zsh would expand =ls to a path */
	quoted("Acme Tools", "'Acme Tools'");
	quoted("O'Brien", "'O'\\''Brien'");
	quoted("'", "''\\'''");
	quoted("Sub $(touch pwned) Co", "'Sub $(touch pwned) Co'");
	quoted("`id`", "'`id`'");
	quoted("\"q\" ; | & * ? ~ # ! {a,b} [x] < > \\", "'\"q\" ; | & * ? ~ # ! {a,b} [x] < > \\'");
	quoted("Caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac", "'Caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac'");
}

static void shell_quote_never_lets_a_control_character_through_raw(void **state)
{
	(void)state;
	quoted("a\nb", "$'a\\012b'");
	quoted("a\tb", "$'a\\011b'");
	quoted("\x1b[31mred", "$'\\033[31mred'");
	quoted("del\x7f", "$'del\\177'");
	quoted("csi\xc2\x9b" "2J", "$'csi\\302\\2332J'");        /* U+009B, a CSI to xterm */
	quoted("\xe2\x80\xae" "evil", "$'\\342\\200\\256evil'");  /* U+202E right-to-left override */
	quoted("\xe2\x81\xa6x", "$'\\342\\201\\246x'");          /* U+2066 left-to-right isolate */
	quoted("bad\xff", "$'bad\\377'");                        /* not UTF-8 */
	/* In $'...' the quote, the backslash and '!' are escaped, the rest kept. */
	quoted("O'B\\!\n$(x) \xc3\xa9", "$'O\\'B\\\\\\041\\012$(x) \xc3\xa9'");
}

static void shell_join_quotes_each_argument_and_a_first_word_with_an_equals_sign(void **state)
{
	(void)state;
	ap_buf b = {0};
	const char *argv[] = {"acctplan", "check", "Sub $(touch pwned) Co", "", "--tier", "sales"};
	shell_join(&b, argv, 6);
	assert_string_equal(b.s, "acctplan check 'Sub $(touch pwned) Co' '' --tier sales");
	b.len = 0;
	const char *assign[] = {"A=1", "B=2"};
	shell_join(&b, assign, 2);
	assert_string_equal(b.s, "'A=1' B=2");
	b.len = 0;
	shell_join(&b, argv, 0);
	assert_string_equal(b.s, "");
	buf_free(&b);
}

static void a_hostile_name_is_one_argument_of_every_hint(void **state)
{
	fx *x = *state;
	const char *name = "Sub $(touch pwned) Co 'x' `id` \"q\" ; | & *";
	account(x, name, SEG_KEY);
	use_rules(x, RULE("m", "missing_role", "roles = champion\n"));
	eval_all(x);
	int seen = 0;
	for (size_t i = 0; i < x->flags.n; i++) {
		const rule_flag *f = &x->flags.v[i];
		if (strcmp(f->account, name) != 0)
			continue;
		seen++;
		assert_int_equal(f->hint_argc, 7);
		assert_string_equal(f->hint_argv[3], name);
		assert_string_equal(f->hint,
			"acctplan contact add 'Sub $(touch pwned) Co '\\''x'\\'' `id` \"q\" ; | & *' NAME --role champion");
	}
	assert_int_equal(seen, 1);
}

static void a_hint_in_words_is_printed_as_written_and_has_no_arguments(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "question = reference\nhint = ask the champion {{who} first\n"));
	eval_all(x);
	assert_string_equal(x->flags.v[0].hint, "ask the champion {who} first");
	assert_int_equal(x->flags.v[0].hint_argc, 0);
	assert_null(x->flags.v[0].hint_argv);
	rule_info ri;
	rules_get(x->r, 0, &ri);
	assert_string_equal(ri.hint, "ask the champion {{who} first");
}

static void a_hint_quoting_a_placeholder_or_prose_using_one_is_refused_with_its_line(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	char want[512];
	assert_int_equal(try_rules(x, RULE("a", "unanswered", "hint = acctplan answer \"{account}\" {question_id} TEXT\n"), &e),
		AP_EINPUT);
	snprintf(want, sizeof want, "%s:5: rule 'a': hint: remove the quotes from \"{account}\": a command hint takes none, "
		"each word is one argument and is quoted as the hint is printed", x->rules);
	assert_string_equal(e.msg, want);
	assert_int_equal(try_rules(x, RULE("b", "unanswered", "message = m\nhint = acctplan check '{account}'\n"), &e),
		AP_EINPUT);
	snprintf(want, sizeof want, "%s:6: rule 'b': hint: remove the quotes from '{account}': a command hint takes none, "
		"each word is one argument and is quoted as the hint is printed", x->rules);
	assert_string_equal(e.msg, want);
	assert_int_equal(try_rules(x, RULE("c", "unanswered", "hint = call {account} today\n"), &e), AP_EINPUT);
	snprintf(want, sizeof want, "%s:5: rule 'c': hint: {account} cannot be used in a hint that is not an acctplan "
		"command (prose is printed as written); start the hint with 'acctplan', or put {account} in the message",
		x->rules);
	assert_string_equal(e.msg, want);
	assert_null(x->r);
}

static void every_shipped_hint_is_a_command_whose_printed_form_is_its_arguments_quoted(void **state)
{
	fx *x = *state;
	char *defaults = asset("rules.ini");
	ap_err e = {0};
	assert_int_equal(rules_load(&x->r, defaults, NULL, &x->qb, &e), AP_OK);
	free(defaults);
	account(x, "O'Brien & Sons", SEG_KEY);
	eval_all(x);
	assert_true(x->flags.n > 10);
	for (size_t i = 0; i < x->flags.n; i++) {
		const rule_flag *f = &x->flags.v[i];
		assert_true(f->hint_argc > 2);
		assert_string_equal(f->hint_argv[0], "acctplan");
		assert_null(f->hint_argv[f->hint_argc]);
		/* The account follows the command's one or two words; a review
		 * walks the account's segment, the accounts most at risk first. */
		int at = strcmp(f->hint_argv[1], "answer") == 0 || strcmp(f->hint_argv[1], "brief") == 0 ? 2 : 3;
		if (strcmp(f->hint_argv[1], "review") == 0)
			assert_string_equal(f->hint_argv[3], "key");
		else
			assert_string_equal(f->hint_argv[at], f->account);
		ap_buf b = {0};
		shell_join(&b, (const char *const *)f->hint_argv, f->hint_argc);
		assert_string_equal(b.s, f->hint);
		buf_free(&b);
	}
}

/* ---- our people ---- */

#define PEOPLE(id, kind, rest) "[rule." id "]\nkind = " kind "\ntier = executive\nseverity = high\n" rest

static void key_person_risk_flags_deep_relationships_held_by_one_member_until_another_holds_one(void **state)
{
	fx *x = *state;
	use_rules(x, PEOPLE("k", "key_person_risk", ""));
	member(x, "Ann Sales", TIER_SALES);
	member(x, "Pete Prod", TIER_PRODUCT);
	person(x, x->acme, "Bob", ROLE_DECISION_MAKER, "Ann Sales", LEVEL_CREDIBLE, STANCE_NEUTRAL, -1);
	/* Pete's contact just below credible is not a deep relationship. */
	person(x, x->acme, "Cleo", ROLE_USER, "Pete Prod", LEVEL_VENDOR, STANCE_NEUTRAL, -1);
	person(x, x->acme, "Dora", ROLE_USER, "", LEVEL_VENDOR, STANCE_NEUTRAL, -1);
	eval_all(x);
	assert_int_equal(count_flags(x, "k", NULL), 1);
	const rule_flag *f = find_flag(x, "k");
	assert_null(f->question);
	assert_string_equal(f->message, "every relationship at credible or deeper (1) is held by Ann Sales alone");
	assert_string_equal(f->hint, "acctplan contact add Acme NAME --owner 'Pete Prod' --level credible");
	/* A deep relationship nobody is recorded to hold may be anyone's: not one person's alone. */
	set_person(x, x->acme, "Dora", "", LEVEL_CREDIBLE, STANCE_NEUTRAL);
	eval_all(x);
	assert_int_equal(count_flags(x, "k", NULL), 0);
	set_person(x, x->acme, "Dora", "Ann Sales", LEVEL_CREDIBLE, STANCE_NEUTRAL);
	eval_all(x);
	assert_string_equal(find_flag(x, "k")->message, "every relationship at credible or deeper (2) is held by Ann Sales alone");
	/* At credible, Pete's is one: two members hold them. */
	set_person(x, x->acme, "Cleo", "Pete Prod", LEVEL_CREDIBLE, STANCE_NEUTRAL);
	eval_all(x);
	assert_int_equal(count_flags(x, "k", NULL), 0);
}

static void key_person_risk_counts_from_min_contacts_deep_relationships(void **state)
{
	fx *x = *state;
	use_rules(x, PEOPLE("k", "key_person_risk", "min_contacts = 2\nlevel = problem-solver\n"));
	member(x, "Ann Sales", TIER_SALES);
	person(x, x->acme, "Bob", ROLE_DECISION_MAKER, "Ann Sales", LEVEL_PROBLEM_SOLVER, STANCE_NEUTRAL, -1);
	person(x, x->acme, "Cleo", ROLE_USER, "Ann Sales", LEVEL_CREDIBLE, STANCE_NEUTRAL, -1);
	eval_all(x);
	assert_int_equal(count_flags(x, "k", NULL), 0);
	set_person(x, x->acme, "Cleo", "Ann Sales", LEVEL_PROBLEM_SOLVER, STANCE_NEUTRAL);
	eval_all(x);
	assert_int_equal(count_flags(x, "k", NULL), 1);
	assert_string_equal(find_flag(x, "k")->message,
		"every relationship at problem-solver or deeper (2) is held by Ann Sales alone");
	/* Nobody else to name: the hint leaves the member to the user. */
	assert_string_equal(find_flag(x, "k")->hint, "acctplan contact add Acme NAME --owner MEMBER --level problem-solver");
}

static void single_owner_flags_one_salesperson_holding_every_owned_contact_from_min_contacts(void **state)
{
	fx *x = *state;
	use_rules(x, PEOPLE("g", "single_owner", "held_by = sales\nmin_contacts = 2\n"));
	member(x, "Ann Sales", TIER_SALES);
	member(x, "Sam Seller", TIER_SALES);
	member(x, "Pete Prod", TIER_PRODUCT);
	person(x, x->acme, "Bob", ROLE_DECISION_MAKER, "Ann Sales", LEVEL_VENDOR, STANCE_NEUTRAL, -1);
	person(x, x->acme, "Dora", ROLE_USER, "", LEVEL_UNKNOWN, STANCE_NEUTRAL, -1);
	eval_all(x);
	assert_int_equal(count_flags(x, "g", NULL), 0);
	person(x, x->acme, "Cleo", ROLE_USER, "Ann Sales", LEVEL_UNKNOWN, STANCE_NEUTRAL, -1);
	eval_all(x);
	assert_int_equal(count_flags(x, "g", NULL), 1);
	assert_string_equal(find_flag(x, "g")->message, "Ann Sales alone holds every relationship (2 contacts)");
	/* Someone outside sales ends it best. */
	assert_string_equal(find_flag(x, "g")->hint, "acctplan contact add Acme NAME --owner 'Pete Prod'");
	set_person(x, x->acme, "Dora", "Sam Seller", LEVEL_UNKNOWN, STANCE_NEUTRAL);
	eval_all(x);
	assert_int_equal(count_flags(x, "g", NULL), 0);
}

static void single_owner_leaves_a_member_of_a_tier_not_in_held_by_alone(void **state)
{
	fx *x = *state;
	use_rules(x, PEOPLE("g", "single_owner", "held_by = sales\n"));
	member(x, "Pete Prod", TIER_PRODUCT);
	person(x, x->acme, "Bob", ROLE_DECISION_MAKER, "Pete Prod", LEVEL_VENDOR, STANCE_NEUTRAL, -1);
	eval_all(x);
	assert_int_equal(count_flags(x, "g", NULL), 0);
}

static void shallow_decision_maker_flags_buyers_below_the_level_or_held_by_nobody(void **state)
{
	fx *x = *state;
	use_rules(x, PEOPLE("s", "shallow_decision_maker", ""));
	member(x, "Ann Sales", TIER_SALES);
	person(x, x->acme, "Bob", ROLE_DECISION_MAKER, "Ann Sales", LEVEL_VENDOR, STANCE_NEUTRAL, -1);
	person(x, x->acme, "Cleo", ROLE_PAYMENT_RELEASER, "", LEVEL_TRUSTED_ADVISOR, STANCE_NEUTRAL, -1);
	person(x, x->acme, "Dora", ROLE_DECISION_MAKER, "Ann Sales", LEVEL_CREDIBLE, STANCE_NEUTRAL, -1);
	person(x, x->acme, "Eve", ROLE_USER, "", LEVEL_UNKNOWN, STANCE_NEUTRAL, -1);
	eval_all(x);
	assert_int_equal(count_flags(x, "s", NULL), 1);
	const rule_flag *f = find_flag(x, "s");
	assert_null(f->question);
	assert_string_equal(f->message, "buyers nobody on our side holds at credible or deeper: "
		"Bob (decision-maker, vendor level, held by Ann Sales); Cleo (payment-releaser, trusted-advisor level, nobody holds it)");
	assert_string_equal(f->hint, "acctplan contact edit Acme Bob --owner 'Ann Sales' --level credible");
	/* At credible Bob is known well enough; Cleo's hint leaves her owner to the user. */
	set_person(x, x->acme, "Bob", "Ann Sales", LEVEL_CREDIBLE, STANCE_NEUTRAL);
	eval_all(x);
	assert_string_equal(find_flag(x, "s")->hint, "acctplan contact edit Acme Cleo --owner MEMBER --level credible");
	set_person(x, x->acme, "Cleo", "Ann Sales", LEVEL_TRUSTED_ADVISOR, STANCE_NEUTRAL);
	eval_all(x);
	assert_int_equal(count_flags(x, "s", NULL), 0);
}

/* Before anyone records our people, the kinds about them keep a store's flags as they were. */
static void people_kinds_are_quiet_until_the_store_has_members(void **state)
{
	fx *x = *state;
	use_rules(x, PEOPLE("s", "shallow_decision_maker", "") PEOPLE("t", "contact_untouched", "")
		PEOPLE("o", "opponent_uncovered", ""));
	person(x, x->acme, "Bob", ROLE_DECISION_MAKER, "", LEVEL_UNKNOWN, STANCE_OPPONENT, INFLUENCE_HIGH);
	eval_all(x);
	assert_int_equal(x->flags.n, 0);
	member(x, "Ann Sales", TIER_SALES);
	eval_all(x);
	assert_int_equal(x->flags.n, 3);
}

static void opponent_uncovered_until_a_supporter_is_credible(void **state)
{
	fx *x = *state;
	use_rules(x, PEOPLE("o", "opponent_uncovered", ""));
	member(x, "Ann Sales", TIER_SALES);
	person(x, x->acme, "Bob", ROLE_DECISION_MAKER, "Ann Sales", LEVEL_VENDOR, STANCE_OPPONENT, INFLUENCE_HIGH);
	person(x, x->acme, "Cleo", ROLE_USER, "Ann Sales", LEVEL_CREDIBLE, STANCE_SKEPTIC, INFLUENCE_MEDIUM);
	person(x, x->acme, "Dora", ROLE_CHAMPION, "Ann Sales", LEVEL_VENDOR, STANCE_SUPPORTER, INFLUENCE_LOW);
	eval_all(x);
	assert_int_equal(count_flags(x, "o", NULL), 1);
	assert_string_equal(find_flag(x, "o")->message,
		"opposed and influential, with no advocate or supporter of ours at credible or deeper: Bob (opponent, high influence)");
	assert_string_equal(find_flag(x, "o")->hint, "acctplan contact add Acme NAME --stance supporter --level credible");
	/* Medium influence counts when the rule says so. */
	use_rules(x, PEOPLE("o", "opponent_uncovered", "influence = medium\n"));
	eval_all(x);
	assert_int_equal(count_flags(x, "o", NULL), 1);
	assert_non_null(strstr(find_flag(x, "o")->message, "Bob (opponent, high influence); Cleo (skeptic, medium influence)"));
	/* A supporter at credible covers them all. */
	set_person(x, x->acme, "Dora", "Ann Sales", LEVEL_CREDIBLE, STANCE_SUPPORTER);
	eval_all(x);
	assert_int_equal(count_flags(x, "o", NULL), 0);
}

static void contact_untouched_met_exactly_days_ago_is_in_time_and_only_held_meetings_touch(void **state)
{
	fx *x = *state;
	char want[200];
	use_rules(x, PEOPLE("t", "contact_untouched", "days = 30\n"));
	member(x, "Ann Sales", TIER_SALES);
	person(x, x->acme, "Bob", ROLE_DECISION_MAKER, "Ann Sales", LEVEL_VENDOR, STANCE_NEUTRAL, INFLUENCE_LOW);
	person(x, x->acme, "Cleo", ROLE_USER, "", LEVEL_VENDOR, STANCE_NEUTRAL, INFLUENCE_HIGH);
	person(x, x->acme, "Dora", ROLE_USER, "", LEVEL_VENDOR, STANCE_NEUTRAL, INFLUENCE_MEDIUM);
	met(x, x->acme, "Bob", 30, MSTATUS_HELD);
	met(x, x->acme, "Cleo", 31, MSTATUS_HELD);
	eval_all(x);
	assert_int_equal(count_flags(x, "t", NULL), 1);
	snprintf(want, sizeof want, "key contacts not met in the last 30 days: Cleo (high influence, last met %s)", days_ago(31));
	assert_string_equal(find_flag(x, "t")->message, want);
	assert_string_equal(find_flag(x, "t")->hint,
		"acctplan meeting add Acme --tier executive --date YYYY-MM-DD --kind strategic --with Cleo TEXT");
	/* A meeting still to confirm, a cancelled one and a planned one touch nobody. */
	met(x, x->acme, "Cleo", 2, MSTATUS_PLANNED);
	met(x, x->acme, "Cleo", 1, MSTATUS_CANCELLED);
	met(x, x->acme, "Cleo", -3, MSTATUS_PLANNED);
	eval_all(x);
	assert_int_equal(count_flags(x, "t", NULL), 1);
	met(x, x->acme, "Cleo", 0, MSTATUS_HELD);
	eval_all(x);
	assert_int_equal(count_flags(x, "t", NULL), 0);
	/* A day later Bob's meeting is 31 days old. */
	today++;
	eval_all(x);
	today--;
	assert_int_equal(count_flags(x, "t", NULL), 1);
	assert_string_equal(find_flag(x, "t")->hint,
		"acctplan meeting add Acme --tier executive --date YYYY-MM-DD --kind strategic --with Bob TEXT");
}

/* Due today is in time; a day after, it is overdue. days = 2 gives two days'
 * grace; `by` says whose actions count; done ones never do. */
static void action_overdue_counts_open_actions_past_their_day(void **state)
{
	fx *x = *state;
	char want[300];
	use_rules(x, PEOPLE("o", "action_overdue", "by = sales, product\n") PEOPLE("g", "action_overdue", "days = 2\n"));
	member(x, "Ann Sales", TIER_SALES);
	action(x, "Today's", "Ann Sales", 0, TIER_SALES);
	action(x, "Ahead", "Ann Sales", -5, TIER_SALES);
	eval_all(x);
	assert_int_equal(count_flags(x, "o", NULL), 0);
	long long late = action(x, "Quote", "Ann Sales", 1, TIER_PRODUCT);
	action(x, "Theirs", "Ann Sales", 9, TIER_EXEC);
	action(x, "Older", "Ann Sales", 2, TIER_SALES);
	eval_all(x);
	assert_int_equal(count_flags(x, "o", NULL), 1);
	snprintf(want, sizeof want, "2 open action(s) more than 0 days past their day: 'Older' (Ann Sales, due %s); "
		"'Quote' (Ann Sales, due %s)", days_ago(2), days_ago(1));
	assert_string_equal(find_flag(x, "o")->message, want);
	assert_string_equal(find_flag(x, "o")->hint, "acctplan action done 5 --outcome TEXT");
	/* Two days' grace: only the executive one, 9 days late (g counts its own tier). */
	assert_int_equal(count_flags(x, "g", NULL), 1);
	snprintf(want, sizeof want, "1 open action(s) more than 2 days past their day: 'Theirs' (Ann Sales, due %s)",
		days_ago(9));
	assert_string_equal(find_flag(x, "g")->message, want);
	/* Done, it counts no more. */
	ap_err e = {0};
	ap_action a = {0};
	if (store_rec_get(x->s, REC_ACTION, 0, late, &a, &e))
		fail_msg("%s", e.msg);
	a.status = ASTATUS_DONE;
	free(a.closed);
	a.closed = xstrdup(days_ago(0));
	if (store_rec_update(x->s, REC_ACTION, x->acme, &a, 0, &e))
		fail_msg("%s", e.msg);
	ap_action_clear(&a);
	eval_all(x);
	snprintf(want, sizeof want, "1 open action(s) more than 0 days past their day: 'Older' (Ann Sales, due %s)",
		days_ago(2));
	assert_string_equal(find_flag(x, "o")->message, want);
}

static void product_answers_by_sales_flags_from_min_answers_and_share(void **state)
{
	fx *x = *state;
	use_rules(x, "[rule.p]\nkind = product_answers_by_sales\ntier = product\nseverity = warn\n"
		"min_answers = 2\nshare = 50\n");
	member(x, "Ann Sales", TIER_SALES);
	member(x, "Pete Prod", TIER_PRODUCT);
	member(x, "Erin Exec", TIER_EXEC);
	answer_by(x, "competitors", "Ann Sales");
	answer_by(x, "vision_2y", "Pete Prod");
	answer_by(x, "industry_trends", "Somebody Else");
	eval_all(x);
	assert_int_equal(count_flags(x, "p", NULL), 0);
	/* Two of four, by the name as compared (case aside): 50% is enough. */
	answer_by(x, "vision_5y", "ANN SALES");
	eval_all(x);
	assert_int_equal(count_flags(x, "p", NULL), 1);
	const rule_flag *f = find_flag(x, "p");
	assert_null(f->question);
	assert_string_equal(f->message, "2 product answers were written by members of another tier: "
		"'Competitors' (Ann Sales), 'Vision in 5 years' (Ann Sales): 2 of 4 answers");
	assert_string_equal(f->hint, "acctplan answer Acme competitors TEXT --source conversation --by 'Pete Prod'");
	/* Two of five is under half. */
	answer_by(x, "share_blockers", "Erin Exec");
	eval_all(x);
	assert_int_equal(count_flags(x, "p", NULL), 0);
	/* Only the current answer counts: product answering again clears it. */
	answer_by(x, "share_blockers", "Ann Sales");
	eval_all(x);
	assert_int_equal(count_flags(x, "p", NULL), 1);
	answer_by(x, "competitors", "Pete Prod");
	eval_all(x);
	assert_int_equal(count_flags(x, "p", NULL), 0);
}

static void people_parameters_are_checked_with_their_line(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	assert_int_equal(try_rules(x, PEOPLE("k", "key_person_risk", "level = deep\n"), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, ":5: rule 'k': level: unknown"));
	assert_int_equal(try_rules(x, PEOPLE("g", "single_owner", "level = credible\n"), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "key 'level' does not apply to kind single_owner"));
	assert_int_equal(try_rules(x, PEOPLE("p", "product_answers_by_sales", "share = 101\n"), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "share: '101' is not a whole number from 0 to 100"));
	assert_int_equal(try_rules(x, PEOPLE("o", "opponent_uncovered", "stances = grumpy\n"), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "stances: unknown"));
}

/* ---- reviews and confirmations ---- */

/* An account added `ago` days ago, of segment. */
static long long account_added(fx *x, const char *name, int segment, long ago)
{
	ap_err e = {0};
	long long id;
	if (store_account_add(x->s, name, "", segment, days_ago(ago), &id, &e))
		fail_msg("account %s: %s", name, e.msg);
	return id;
}

/* A review of one account, in which it was marked `state` `ago` days ago. */
static void reviewed(fx *x, long long acc, long ago, int state)
{
	ap_err e = {0};
	char stamp[32];
	ap_review rv = {.date = (char *)days_ago(ago), .segment = -1, .tier = -1};
	if (store_review_create(x->s, &rv, NULL, 0, &acc, 1, &e))
		fail_msg("review: %s", e.msg);
	snprintf(stamp, sizeof stamp, "%sT16:30:00Z", days_ago(ago));
	setenv("ACCTPLAN_NOW", stamp, 1);
	int rc = store_review_mark(x->s, rv.id, acc, state, &e);
	unsetenv("ACCTPLAN_NOW");
	if (rc)
		fail_msg("marking the review: %s", e.msg);
}

#define REVIEWS(id, rest) "[rule." id "]\nkind = not_reviewed\ntier = executive\nseverity = warn\n" rest

/* A key account reviewed exactly 30 days ago is in time, one more day and
 * it is due; never reviewed counts from the day it was added; each segment
 * has its own days, and a segment without any is never due. */
static void not_reviewed_counts_days_per_segment_from_the_last_review_or_the_day_added(void **state)
{
	fx *x = *state;
	use_rules(x, REVIEWS("r", "days_key = 30\ndays_growth = 60\n"));
	long long young = account_added(x, "Young", SEG_KEY, 30), older = account_added(x, "Older", SEG_KEY, 31);
	account_added(x, "Grower", SEG_GROWTH, 45);
	account_added(x, "Rest", SEG_OTHER, 400);
	eval_all(x);
	assert_int_equal(count_flags(x, "r", NULL), 2);   /* Acme (added 2026-01-01) and Older */
	assert_string_equal(find_flag(x, "r")->account, "Acme");
	assert_string_equal(find_flag(x, "r")->message, "last review: never; key accounts are reviewed every 30 days");
	assert_string_equal(find_flag(x, "r")->hint, "acctplan review --segment key");
	eval_account(x, young);
	assert_int_equal(x->flags.n, 0);
	/* Reviewed exactly 30 days ago: in time. Skipped in a review: not reviewed. */
	reviewed(x, x->acme, 30, RSTATE_REVIEWED);
	reviewed(x, older, 5, RSTATE_SKIPPED);
	eval_all(x);
	assert_int_equal(count_flags(x, "r", NULL), 1);
	assert_string_equal(find_flag(x, "r")->account, "Older");
	today++;
	eval_account(x, x->acme);
	today--;
	char want[128];
	snprintf(want, sizeof want, "last review: %s; key accounts are reviewed every 30 days", days_ago(30));
	assert_string_equal(find_flag(x, "r")->message, want);
	/* A later review counts, an earlier one does not undo it. */
	reviewed(x, older, 2, RSTATE_REVIEWED);
	reviewed(x, older, 90, RSTATE_REVIEWED);
	use_rules(x, REVIEWS("r", "days_key = 30\nmessage = {age} {last} {days} {segment}\n"));
	today += 29;
	eval_account(x, older);
	today -= 29;
	assert_int_equal(x->flags.n, 1);
	snprintf(want, sizeof want, "31 %s 30 key", days_ago(2));
	assert_string_equal(find_flag(x, "r")->message, want);
}

static void not_reviewed_parameters_are_checked_and_the_cadence_is_the_shortest(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	assert_int_equal(try_rules(x, REVIEWS("r", ""), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, ":1: rule 'r': kind not_reviewed needs the days of at least one segment"));
	assert_int_equal(try_rules(x, REVIEWS("r", "segments = key\ndays_key = 90\ndays_other = 30\n"), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, ":7: rule 'r': days_other: the rule does not apply to other accounts"));
	assert_int_equal(try_rules(x, REVIEWS("r", "days_key = 0\n"), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "days_key: '0' is not a whole number from 1 to 36500"));
	assert_int_equal(try_rules(x, REVIEWS("r", "days = 30\n"), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "key 'days' does not apply to kind not_reviewed"));
	use_rules(x, REVIEWS("a", "days_key = 90\ndays_growth = 180\n") REVIEWS("b", "days_key = 60\n")
		REVIEWS("c", "days_strategic = 10\nenabled = false\n"));
	assert_int_equal(rules_review_days(x->r, SEG_KEY), 60);
	assert_int_equal(rules_review_days(x->r, SEG_GROWTH), 180);
	assert_int_equal(rules_review_days(x->r, SEG_STRATEGIC), 0);
	assert_int_equal(rules_review_days(x->r, SEG_OTHER), 0);
	assert_true(rules_review_overdue(60, today, today - 61, 0));
	assert_false(rules_review_overdue(60, today, today - 61, today - 60));
	assert_false(rules_review_overdue(0, today, today - 9999, 0));
}

/* Confirming that an answer still holds makes it as fresh as a new one,
 * but a guess confirmed is still a guess. */
static void a_confirmation_resets_an_answers_age_but_not_its_evidence(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	use_rules(x, RULE("s", "stale", "question = business\nmax_age_days = 30\nmessage = {age} {date}\n")
		RULE("w", "weak_evidence", "question = business\nsources = assumption\nconfidence = low\n"));
	answer(x, x->acme, "business", "they sell", SRC_ASSUMPTION, CONF_LOW, 40);
	eval_all(x);
	assert_int_equal(count_flags(x, "s", NULL), 1);
	assert_int_equal(count_flags(x, "w", NULL), 1);
	assert_int_equal(store_answer_confirm(x->s, x->acme, "business", 0, days_ago(30), &e), AP_OK);
	eval_all(x);
	assert_int_equal(count_flags(x, "s", NULL), 0);
	assert_int_equal(count_flags(x, "w", NULL), 1);
	assert_string_equal(find_flag(x, "w")->message, "'Their business' rests on assumption with low confidence");
	/* One day more and it is stale again, its age counted from the confirmation. */
	today++;
	eval_all(x);
	today--;
	char want[64];
	snprintf(want, sizeof want, "31 %s", days_ago(30));
	assert_string_equal(find_flag(x, "s")->message, want);
	/* A new answer is confirmed afresh: the old one's confirmation is not its. */
	answer(x, x->acme, "business", "they sell more", SRC_CONVERSATION, CONF_HIGH, 35);
	eval_all(x);
	assert_int_equal(count_flags(x, "s", NULL), 1);
	assert_int_equal(count_flags(x, "w", NULL), 0);
}

/* ---- flags nobody takes on ---- */

/* Evaluate on day `day` and record the flags seen, as check does. */
static void check_on(fx *x, long day)
{
	ap_err e = {0};
	rules_query q = {0, day, -1, SEV_INFO, 0};
	rules_result *res = NULL;
	if (rules_run(x->r, x->s, &x->qb, &q, &res, &e) || rules_result_record(res, x->s, &e))
		fail_msg("check: %s", e.msg);
	rules_result_free(&res);
}

static int by_text(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The flags recorded for Acme: "rule/question first; ...", sorted (each
 * store reads them in an order of its own); *stale (may be NULL) how many
 * were last seen before `day`. */
static char *seen_rows(fx *x, long day, size_t *stale)
{
	ap_err e = {0};
	facts f;
	if (store_facts_load(x->s, &x->qb, x->acme, day, &f, &e))
		fail_msg("facts: %s", e.msg);
	if (stale)
		*stale = f.seen_stale;
	char **rows = xcalloc(f.nseen + 1, sizeof *rows);
	for (size_t i = 0; i < f.nseen; i++) {
		char first[11];
		ap_date_format(f.seen[i].first, first);
		rows[i] = xasprintf("%s/%s %s", f.seen_names[f.seen[i].rule], f.seen_names[f.seen[i].question], first);
	}
	qsort(rows, f.nseen, sizeof *rows, by_text);
	ap_buf b = {0};
	buf_puts(&b, "");
	for (size_t i = 0; i < f.nseen; i++) {
		buf_printf(&b, "%s%s", i ? "; " : "", rows[i]);
		free(rows[i]);
	}
	free(rows);
	store_facts_free(&f);
	return buf_steal(&b);
}

#define UNOWNED_RULES \
	RULE("u", "unanswered", "question = business\n") \
	"[rule.i]\nkind = unanswered\ntier = sales\nseverity = info\nquestion = growth\n" \
	"[rule.f]\nkind = flag_unowned\ntier = sales\nseverity = info\n"

/* Recording keeps the day a flag was first seen and moves the day it was
 * last seen; a flag that clears loses its row, so that it counts afresh. */
static void check_records_first_and_last_seen_and_forgets_a_cleared_flag(void **state)
{
	fx *x = *state;
	use_rules(x, UNOWNED_RULES);
	member(x, "Ann Sales", TIER_SALES);
	size_t stale;
	check_on(x, today - 20);
	char *rows = seen_rows(x, today - 20, &stale), want[200];
	snprintf(want, sizeof want, "i/growth %s; u/business %s", days_ago(20), days_ago(20));
	assert_string_equal(rows, want);
	assert_int_equal(stale, 0);
	free(rows);
	check_on(x, today - 3);
	check_on(x, today - 3);
	rows = seen_rows(x, today - 3, &stale);
	assert_string_equal(rows, want);
	assert_int_equal(stale, 0);
	free(rows);
	free(seen_rows(x, today - 2, &stale));
	assert_int_equal(stale, 2);
	answer(x, x->acme, "growth", "growing", SRC_CONVERSATION, CONF_HIGH, 0);
	check_on(x, today);
	rows = seen_rows(x, today, &stale);
	snprintf(want, sizeof want, "u/business %s", days_ago(20));
	assert_string_equal(rows, want);
	assert_int_equal(stale, 0);
	free(rows);
}

/* Unowned exactly `days` days is in time, a day more flags it; flags below
 * min_severity, snoozed ones and those in hand do not count. */
static void flag_unowned_counts_from_first_seen_and_ignores_flags_in_hand(void **state)
{
	fx *x = *state;
	use_rules(x, UNOWNED_RULES);
	member(x, "Ann Sales", TIER_SALES);
	check_on(x, today - 14);
	eval_all(x);
	assert_int_equal(count_flags(x, "f", NULL), 0);
	today++;
	eval_all(x);
	today--;
	assert_int_equal(count_flags(x, "f", NULL), 1);
	char want[200];
	const rule_flag *f = find_flag(x, "f");
	snprintf(want, sizeof want, "1 flag(s) nobody has taken on for more than 14 days: since %s: u/business",
		days_ago(14));
	assert_string_equal(f->message, want);
	assert_string_equal(f->hint, "acctplan action add Acme TITLE --owner MEMBER --due YYYY-MM-DD --flag u/business");
	/* At info and above, the info flag counts too; the oldest comes first. */
	use_rules(x, UNOWNED_RULES "min_severity = info\ndays = 10\nmessage = {count} {date} {flag}: {detail}\n");
	check_on(x, today - 12);
	eval_all(x);
	snprintf(want, sizeof want, "2 %s i/growth: since %s: i/growth, u/business", days_ago(14), days_ago(14));
	assert_string_equal(find_flag(x, "f")->message, want);
	/* Snoozed, a flag can wait; in hand, it is someone's. */
	snooze(x, "i", "growth", -3);
	eval_all(x);
	snprintf(want, sizeof want, "1 %s u/business: since %s: u/business", days_ago(14), days_ago(14));
	assert_string_equal(find_flag(x, "f")->message, want);
	ap_err e = {0};
	ap_action a = {.title = (char *)"Ask", .owner = (char *)"Ann Sales", .due = (char *)days_ago(-5),
		.status = ASTATUS_OPEN, .tier = TIER_SALES, .flag = (char *)"u/business", .contact = (char *)"",
		.outcome = (char *)"", .reason = (char *)"", .closed = (char *)"", .by = (char *)""};
	if (store_rec_add(x->s, REC_ACTION, x->acme, &a, &e))
		fail_msg("action: %s", e.msg);
	eval_all(x);
	assert_int_equal(count_flags(x, "f", NULL), 0);
	/* flag_unowned's own flags are not recorded. */
	check_on(x, today);
	char *rows = seen_rows(x, today, NULL);
	assert_null(strstr(rows, "f/"));
	free(rows);
}

/* A flag the query does not list is still seen: a check of one tier or
 * severity does not make the others' flags count afresh. */
static void a_filtered_check_still_records_every_flag(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	use_rules(x, UNOWNED_RULES);
	member(x, "Ann Sales", TIER_SALES);
	check_on(x, today - 20);
	rules_query q = {0, today, TIER_EXEC, SEV_HIGH, 0};
	rules_result *res = NULL;
	assert_int_equal(rules_run(x->r, x->s, &x->qb, &q, &res, &e), AP_OK);
	assert_int_equal(rules_result_count(res), 0);
	assert_int_equal(rules_result_record(res, x->s, &e), AP_OK);
	rules_result_free(&res);
	size_t stale;
	char *rows = seen_rows(x, today, &stale), want[200];
	snprintf(want, sizeof want, "i/growth %s; u/business %s", days_ago(20), days_ago(20));
	assert_string_equal(rows, want);
	assert_int_equal(stale, 0);
	free(rows);
}

static void snooze_check_requires_a_question_exactly_for_question_rules(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	use_rules(x, RULE("u", "unanswered", "question = reference\n") RULE("m", "missing_role", "roles = champion\n"));
	assert_int_equal(rules_check_snooze(x->r, &x->qb, "U", "Reference", &e), AP_OK);
	assert_int_equal(rules_check_snooze(x->r, &x->qb, "u", NULL, &e), AP_EINPUT);
	assert_int_equal(rules_check_snooze(x->r, &x->qb, "u", "growth", &e), AP_EINPUT);
	assert_string_equal(e.msg, "rule 'u' does not look at question 'growth'");
	assert_int_equal(rules_check_snooze(x->r, &x->qb, "m", "", &e), AP_OK);
	assert_int_equal(rules_check_snooze(x->r, &x->qb, "m", "growth", &e), AP_EINPUT);
	assert_int_equal(rules_check_snooze(x->r, &x->qb, "zz", NULL, &e), AP_EINPUT);
}

/* ---- orders ---- */

static void order(fx *x, long long acc, const char *period, long long minor, const char *currency)
{
	ap_err e = {0};
	ap_order o = {.period = (char *)period, .product = (char *)"", .currency = (char *)currency, .amount = minor};
	if (store_rec_add(x->s, REC_ORDER, acc, &o, &e))
		fail_msg("order %s: %s", period, e.msg);
}

/* The eight quarters before today's (2026-Q4), each `minor` of currency. */
static void flat_orders(fx *x, long long acc, long long minor, const char *currency)
{
	static const char *const quarters[] = {"2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1",
		"2026-Q2", "2026-Q3"};
	for (int i = 0; i < 8; i++)
		order(x, acc, quarters[i], minor, currency);
}

#define DIVERGE(rest) "[rule.d]\nkind = orders_diverge\ntier = executive\nseverity = high\n" rest

/* Flat orders (growth exactly 0) against a chain growing 10 %: 10 points
 * apart is in step with points = 10, 11 is not. The order of today's
 * quarter, not complete yet, does not count. */
static void orders_diverge_flags_a_gap_beyond_points_and_not_at_it(void **state)
{
	fx *x = *state;
	use_rules(x, DIVERGE("points = 10\nmessage = {driver} {orders_growth} {chain_growth} {gap} {quarters}\n"));
	flat_orders(x, x->acme, 100000, "EUR");
	order(x, x->acme, "2026-Q4", 99999999, "EUR");
	driver(x, x->acme, "Exactly", 5, 10, 2, 50);
	eval_all(x);
	assert_int_equal(count_flags(x, "d", NULL), 0);
	long long beyond = driver(x, x->acme, "Beyond", 5, 11, 2, 50);
	driver(x, x->acme, "Unknown growth", 5, NAN, 2, 50);
	eval_account(x, x->acme);
	assert_int_equal(count_flags(x, "d", NULL), 1);
	assert_string_equal(find_flag(x, "d")->message, "Beyond 0 +11 11 8");
	assert_string_equal(find_flag(x, "d")->hint, "acctplan brief Acme --tier executive");
	use_rules(x, DIVERGE("points = 10\nmessage = {id}\n"));
	eval_all(x);
	char want[32];
	snprintf(want, sizeof want, "%lld", beyond);
	assert_string_equal(find_flag(x, "d")->message, want);
}

/* A chain falling while orders still grow flags whatever the points; flat
 * orders under a falling chain, a trend of three quarters, and orders in
 * two currencies without a rate do not. */
static void orders_diverge_flags_a_falling_chain_under_growing_orders(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	use_rules(x, DIVERGE("points = 1000\n"));
	long long grow = account_added(x, "Growing", SEG_KEY, 400), flat = account_added(x, "Flat", SEG_KEY, 400),
		few = account_added(x, "Few", SEG_KEY, 400), two = account_added(x, "Two", SEG_KEY, 400);
	order(x, grow, "2026-Q1", 1000, "EUR");
	order(x, grow, "2026-Q2", 1000, "EUR");
	order(x, grow, "2026-Q3", 1001, "EUR");
	order(x, grow, "2025-Q4", 1000, "EUR");
	flat_orders(x, flat, 500, "EUR");
	order(x, few, "2026-Q1", 1000, "EUR");
	order(x, few, "2026-Q2", 100, "EUR");
	order(x, few, "2026-Q3", 10, "EUR");
	order(x, few, "2025-Q4", -10, "EUR");
	flat_orders(x, two, 500, "EUR");
	order(x, two, "2026-Q3", 400, "USD");
	long long ids[] = {grow, flat, few, two};
	for (int i = 0; i < 4; i++)
		driver(x, ids[i], "Falling", 5, -1, 2, 50);
	driver(x, few, "Soaring", 5, 5000, 2, 50);
	driver(x, two, "Soaring", 5, 5000, 2, 50);
	eval_all(x);
	assert_int_equal(count_flags(x, "d", NULL), 1);
	assert_string_equal(find_flag(x, "d")->account, "Growing");
	assert_non_null(strstr(find_flag(x, "d")->message, "the chain 'Falling' implies -1 %/yr"));
	/* With a rate for USD the two currencies add up: Two flags, naming the
	 * chain furthest away. */
	ap_config money = {0};
	char eur[] = "EUR";
	struct config_rate usd = {"USD", MONEY_RATE_ONE};
	money.money_currency = eur;
	money.rates = &usd;
	money.nrates = 1;
	rules_set_money(x->r, &money);
	eval_all(x);
	assert_int_equal(count_flags(x, "d", NULL), 2);
	ap_vec_free(&x->flags, rule_flag_clear);
	assert_int_equal(rules_eval_accounts(x->r, x->s, &x->qb, &two, 1, today, 0, &x->flags, &e), AP_OK);
	assert_int_equal(x->flags.n, 1);
	assert_non_null(strstr(x->flags.v[0].message, "the chain 'Soaring' implies +5000 %/yr"));
	assert_int_equal(try_rules(x, DIVERGE(""), &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "rule 'd': kind orders_diverge needs 'points'"));
}

#define MISSING "[rule.m]\nkind = orders_missing\ntier = sales\nseverity = warn\nsegments = key\nmonths = 6\n" \
	"message = {months} {last}\n"

/* On 2026-11-23 the last six months begin with 2026-06: an order for June
 * is in time, one for May is not; a quarter begins in its first month. A
 * credit note is no order, nor is one booked for a month still to come.
 * Never ordering counts, once the store records any order. */
static void orders_missing_counts_months_back_from_todays(void **state)
{
	fx *x = *state;
	use_rules(x, MISSING);
	long long june = account_added(x, "June", SEG_KEY, 400), may = account_added(x, "May", SEG_KEY, 400),
		q3 = account_added(x, "Q3", SEG_KEY, 400), q2 = account_added(x, "Q2", SEG_KEY, 400),
		credit = account_added(x, "Credit", SEG_KEY, 400), ahead = account_added(x, "Ahead", SEG_KEY, 400),
		other = account_added(x, "Other", SEG_OTHER, 400);
	eval_all(x);
	assert_int_equal(count_flags(x, "m", NULL), 0);   /* a store without orders */
	order(x, june, "2026-06", 1, "EUR");
	order(x, may, "2026-05", 1, "EUR");
	order(x, q3, "2026-Q3", 1, "EUR");
	order(x, q2, "2026-Q2", 1, "EUR");
	order(x, credit, "2026-10", -100, "EUR");
	order(x, credit, "2025-01", 100, "EUR");
	order(x, ahead, "2027-01", 100, "EUR");
	order(x, other, "2020-01", 100, "EUR");
	eval_all(x);
	assert_int_equal(count_flags(x, "m", NULL), 5);
	for (size_t i = 0; i < x->flags.n; i++) {
		const rule_flag *f = &x->flags.v[i];
		const char *want = strcmp(f->account, "May") == 0 ? "6 2026-05" : strcmp(f->account, "Q2") == 0 ? "6 2026-04"
			: strcmp(f->account, "Credit") == 0 ? "6 2025-01" : "6 never";
		assert_string_equal(f->message, want);
		assert_true(strcmp(f->account, "June") && strcmp(f->account, "Q3") && strcmp(f->account, "Other"));
	}
	eval_account(x, june);
	assert_int_equal(x->flags.n, 0);
	eval_account(x, x->acme);
	assert_string_equal(find_flag(x, "m")->hint, "acctplan order add Acme --period PERIOD --amount AMOUNT --currency CUR");
}

/* ---- the give and take, and advocacy ---- */

static void exchange(fx *x, long long acc, int direction, const char *day)
{
	ap_err e = {0};
	ap_exchange v = {.date = (char *)day, .direction = direction, .kind = XKIND_OTHER, .by = (char *)"",
		.text = (char *)"t"};
	if (store_rec_add(x->s, REC_EXCHANGE, acc, &v, &e))
		fail_msg("exchange %s: %s", day, e.msg);
}

/* An advocacy of contact `name` on `day`, consent until `until` ("" none); its id. */
static long long advocacy(fx *x, long long acc, const char *name, const char *day, const char *until)
{
	ap_err e = {0};
	ap_advocacy v = {.kind = ADV_PRESS, .contact = (char *)name, .date = (char *)day,
		.consent_until = (char *)until, .text = (char *)""};
	if (store_rec_add(x->s, REC_ADVOCACY, acc, &v, &e))
		fail_msg("advocacy %s: %s", name, e.msg);
	return v.id;
}

static void asked(fx *x, long long acc, const char *name, long ago) { advocacy(x, acc, name, days_ago(ago), ""); }

#define ONE_SIDED "[rule.o]\nkind = one_sided\ntier = sales\nseverity = warn\nmonths = 6\n" \
	"message = {detail}|{direction}\n"

/* On 2026-11-23 the last six months begin with 2026-06: a take on
 * 1 June is in them, a give on 31 May is not, so that account only takes;
 * a give and a take on 1 June balance. A give dated ahead does not count.
 * An account with neither in the window is not one-sided. */
static void one_sided_counts_months_back_from_todays(void **state)
{
	fx *x = *state;
	use_rules(x, ONE_SIDED);
	long long edge = account_added(x, "Edge", SEG_KEY, 400), both = account_added(x, "Both", SEG_KEY, 400),
		gives = account_added(x, "Gives", SEG_KEY, 400), old = account_added(x, "Old", SEG_KEY, 400);
	exchange(x, edge, XDIR_TAKE, "2026-06-01");
	exchange(x, edge, XDIR_GIVE, "2026-05-31");
	exchange(x, edge, XDIR_GIVE, "2026-12-01");
	exchange(x, both, XDIR_TAKE, "2026-06-01");
	exchange(x, both, XDIR_GIVE, "2026-06-01");
	exchange(x, gives, XDIR_GIVE, "2026-11-23");
	exchange(x, gives, XDIR_GIVE, "2026-07-15");
	exchange(x, old, XDIR_TAKE, "2026-05-31");
	eval_all(x);
	assert_int_equal(count_flags(x, "o", NULL), 2);
	for (size_t i = 0; i < x->flags.n; i++) {
		const rule_flag *f = &x->flags.v[i];
		assert_string_equal(f->message, strcmp(f->account, "Edge") == 0 ? "1 take, no give|give" : "2 gives, no take|take");
	}
	eval_account(x, gives);
	assert_string_equal(find_flag(x, "o")->hint, "acctplan exchange add Gives --direction take --kind other TEXT");
	eval_account(x, both);
	assert_int_equal(x->flags.n, 0);
	ap_err e = {0};
	assert_int_equal(try_rules(x, "[rule.o]\nkind = one_sided\ntier = sales\nseverity = warn\n", &e), AP_EINPUT);
	assert_non_null(strstr(e.msg, "rule 'o': kind one_sided needs 'months'"));
}

#define FATIGUE "[rule.f]\nkind = reference_fatigue\ntier = sales\nseverity = warn\ntimes = 2\n" \
	"message = {contact} {count} {days}\n"

/* times = 2: a contact asked three times in the last 90 days (today and 89
 * days ago included) is flagged; twice in them, with a third 90 days ago,
 * is not. One flag per account, naming the contact asked most. */
static void reference_fatigue_flags_more_than_times_in_ninety_days(void **state)
{
	fx *x = *state;
	use_rules(x, FATIGUE);
	long long two = account_added(x, "Two", SEG_KEY, 400);
	contact(x, x->acme, "Mira", ROLE_CHAMPION, TIER_SALES);
	contact(x, x->acme, "Jon", ROLE_USER, TIER_SALES);
	contact(x, two, "Lena", ROLE_CHAMPION, TIER_SALES);
	asked(x, two, "Lena", 0);
	asked(x, two, "Lena", 89);
	asked(x, two, "Lena", 90);
	asked(x, x->acme, "Jon", 0);
	asked(x, x->acme, "Jon", 1);
	eval_all(x);
	assert_int_equal(count_flags(x, "f", NULL), 0);
	asked(x, x->acme, "Mira", 0);
	asked(x, x->acme, "Mira", 30);
	asked(x, x->acme, "Mira", 89);
	asked(x, x->acme, "Jon", 2);
	asked(x, x->acme, "Mira", 5);
	eval_all(x);
	assert_int_equal(count_flags(x, "f", NULL), 1);
	assert_string_equal(find_flag(x, "f")->message, "Mira 4 90");
	assert_string_equal(find_flag(x, "f")->hint, "acctplan advocacy list --available");
	eval_account(x, two);
	assert_int_equal(x->flags.n, 0);
}

#define UNTAPPED "[rule.u]\nkind = advocate_untapped\ntier = sales\nseverity = info\nmonths = 6\n" \
	"message = {detail}|{count}|{last}|{months}\n"

/* months = 6 on 2026-11-23: a champion at trusted-advisor depth who spoke
 * for us on 2026-05-23, six months ago to the day, is in time; one who last
 * did on 2026-05-22, a day more, or never, is flagged, one flag per
 * account naming the first (by id). Only where `reference` is answered yes,
 * only champions, only trusted advisors; another contact's advocacy does
 * not count for them. */
static void advocate_untapped_counts_months_back_to_the_same_day(void **state)
{
	fx *x = *state;
	use_rules(x, UNTAPPED);
	long long late = account_added(x, "Late", SEG_KEY, 400), maybe = account_added(x, "Maybe", SEG_KEY, 400),
		shallow = account_added(x, "Shallow", SEG_KEY, 400);
	person(x, x->acme, "Mira", ROLE_CHAMPION, "", LEVEL_TRUSTED_ADVISOR, STANCE_ADVOCATE, INFLUENCE_HIGH);
	advocacy(x, x->acme, "Mira", "2026-05-23", "");
	answer(x, x->acme, "reference", "yes", SRC_CONVERSATION, CONF_HIGH, 0);
	person(x, late, "Lena", ROLE_CHAMPION, "", LEVEL_TRUSTED_ADVISOR, STANCE_SUPPORTER, INFLUENCE_HIGH);
	person(x, late, "Ola", ROLE_CHAMPION, "", LEVEL_TRUSTED_ADVISOR, STANCE_ADVOCATE, INFLUENCE_LOW);
	person(x, late, "Jon", ROLE_USER, "", LEVEL_TRUSTED_ADVISOR, STANCE_ADVOCATE, INFLUENCE_LOW);
	advocacy(x, late, "Lena", "2026-05-22", "");
	advocacy(x, late, "Jon", days_ago(0), "");
	answer(x, late, "reference", "yes", SRC_CONVERSATION, CONF_HIGH, 0);
	person(x, maybe, "Max", ROLE_CHAMPION, "", LEVEL_TRUSTED_ADVISOR, STANCE_ADVOCATE, INFLUENCE_HIGH);
	answer(x, maybe, "reference", "maybe", SRC_CONVERSATION, CONF_HIGH, 0);
	person(x, shallow, "Sam", ROLE_CHAMPION, "", LEVEL_PROBLEM_SOLVER, STANCE_ADVOCATE, INFLUENCE_HIGH);
	person(x, shallow, "Uma", ROLE_USER, "", LEVEL_TRUSTED_ADVISOR, STANCE_ADVOCATE, INFLUENCE_HIGH);
	answer(x, shallow, "reference", "yes", SRC_CONVERSATION, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "u", NULL), 1);
	assert_string_equal(find_flag(x, "u")->account, "Late");
	assert_string_equal(find_flag(x, "u")->message, "Lena, +1 more|2|2026-05-22|6");
	assert_string_equal(find_flag(x, "u")->hint,
		"acctplan advocacy add Late --kind reference-call --contact Lena --date YYYY-MM-DD");
	/* Lena asked today: Ola, never asked, is the one left. */
	advocacy(x, late, "Lena", days_ago(0), "");
	eval_account(x, late);
	assert_string_equal(find_flag(x, "u")->message, "Ola|1|never|6");
	eval_account(x, x->acme);
	assert_int_equal(x->flags.n, 0);
	ap_err e = {0};
	assert_int_equal(try_rules(x, "[rule.u]\nkind = advocate_untapped\ntier = sales\nseverity = info\n", &e),
		AP_EINPUT);
	assert_non_null(strstr(e.msg, "rule 'u': kind advocate_untapped needs 'months'"));
}

/* A bank without a `reference` question leaves the kind quiet, rather
 * than reading every champion as a willing reference. */
static void advocate_untapped_is_quiet_without_the_reference_question(void **state)
{
	fx *x = *state;
	use_rules(x, "[rule.u]\nkind = advocate_untapped\ntier = sales\nseverity = info\nmonths = 6\n"
		"roles = user\nlevel = credible\n");
	person(x, x->acme, "Jon", ROLE_USER, "", LEVEL_CREDIBLE, STANCE_NEUTRAL, INFLUENCE_LOW);
	answer(x, x->acme, "reference", "yes", SRC_CONVERSATION, CONF_HIGH, 0);
	eval_all(x);
	assert_int_equal(count_flags(x, "u", NULL), 1);
	qbank_free(&x->qb);
	write_text(x->rules, "[question.business]\ntier = sales\ntext = What do they sell?\n");
	ap_err e = {0};
	if (qbank_load(&x->qb, x->rules, NULL, &e))
		fail_msg("bank: %s", e.msg);
	use_rules(x, "[rule.u]\nkind = advocate_untapped\ntier = sales\nseverity = info\nmonths = 6\n"
		"roles = user\nlevel = credible\n");
	eval_all(x);
	assert_int_equal(count_flags(x, "u", NULL), 0);
}

#define EXPIRING "[rule.c]\nkind = consent_expiring\ntier = sales\nseverity = warn\ndays = 30\n" \
	"message = {detail}|{date}|{count}|{days}|{contact}\n"

/* days = 30 on 2026-11-23: a consent ending today or on 2026-12-23 (30
 * days on) is expiring; one ending 2026-12-24 is not yet, one that ended
 * yesterday is not any more. One flag per account, naming the consent that
 * ends first. */
static void consent_expiring_flags_today_to_days_ahead(void **state)
{
	fx *x = *state;
	use_rules(x, EXPIRING);
	long long edge = account_added(x, "Edge", SEG_KEY, 400), later = account_added(x, "Later", SEG_KEY, 400),
		ended = account_added(x, "Ended", SEG_KEY, 400);
	contact(x, x->acme, "Mira", ROLE_CHAMPION, TIER_SALES);
	contact(x, x->acme, "Jon", ROLE_USER, TIER_SALES);
	contact(x, edge, "Lena", ROLE_CHAMPION, TIER_SALES);
	contact(x, later, "Ola", ROLE_CHAMPION, TIER_SALES);
	contact(x, ended, "Max", ROLE_CHAMPION, TIER_SALES);
	advocacy(x, x->acme, "Jon", days_ago(40), "2026-12-03");
	long long mira = advocacy(x, x->acme, "Mira", days_ago(40), "2026-11-23");
	advocacy(x, x->acme, "Mira", days_ago(40), "");
	advocacy(x, edge, "Lena", days_ago(40), "2026-12-23");
	advocacy(x, later, "Ola", days_ago(40), "2026-12-24");
	advocacy(x, ended, "Max", days_ago(40), "2026-11-22");
	eval_all(x);
	assert_int_equal(count_flags(x, "c", NULL), 2);
	for (size_t i = 0; i < x->flags.n; i++) {
		const rule_flag *f = &x->flags.v[i];
		assert_string_equal(f->message, strcmp(f->account, "Acme") == 0 ? "Mira, +1 more|2026-11-23|2|30|Mira"
			: "Lena|2026-12-23|1|30|Lena");
	}
	eval_account(x, x->acme);
	char want[96];
	snprintf(want, sizeof want, "acctplan advocacy edit Acme %lld --consent-until YYYY-MM-DD", mira);
	assert_string_equal(find_flag(x, "c")->hint, want);
	eval_account(x, later);
	assert_int_equal(x->flags.n, 0);
	/* Lena renews on a newer record, past the window: her old consent no
	 * longer says when she stops speaking for us. */
	advocacy(x, edge, "Lena", days_ago(1), "2027-06-30");
	eval_account(x, edge);
	assert_int_equal(x->flags.n, 0);
	/* A newer record ending sooner does not shorten a consent still running. */
	advocacy(x, later, "Ola", days_ago(1), "2026-12-10");
	eval_account(x, later);
	assert_int_equal(x->flags.n, 0);
	/* Max's ended consent renewed into the window: the renewal ends, and
	 * is the one to edit. */
	long long renewal = advocacy(x, ended, "Max", days_ago(1), "2026-12-10");
	eval_account(x, ended);
	assert_int_equal(x->flags.n, 1);
	snprintf(want, sizeof want, "acctplan advocacy edit Ended %lld --consent-until YYYY-MM-DD", renewal);
	assert_string_equal(x->flags.v[0].hint, want);
	ap_err e = {0};
	assert_int_equal(try_rules(x, "[rule.c]\nkind = consent_expiring\ntier = sales\nseverity = warn\n", &e),
		AP_EINPUT);
	assert_non_null(strstr(e.msg, "rule 'c': kind consent_expiring needs 'days'"));
}

/* ---- a portfolio a slice at a time ---- */

/* A small reproducible generator: the same seed, the same portfolio. */
static unsigned long long prop_state;
static unsigned prop_next(unsigned n)
{
	prop_state ^= prop_state << 13;
	prop_state ^= prop_state >> 7;
	prop_state ^= prop_state << 17;
	return (unsigned)(prop_state % n);
}

/* One flag as a line: everything check prints of it. */
static void flag_key(ap_buf *b, const rule_flag *f)
{
	buf_printf(b, "%s|%s|%s|%d|%d|%s|%s|%d|%s\n", f->account, f->rule, f->question ? f->question : "-", f->severity,
		f->tier, f->message, f->hint, f->snoozed, f->hand_owner ? f->hand_owner : "-");
}

/* The whole portfolio's flags read at once, their order that of the listing. */
static char *flags_whole(fx *x, rules_summary *sum)
{
	ap_err e = {0};
	rules_result *res = NULL;
	rules_query q = {0, today, -1, SEV_INFO, 1};
	if (rules_run(x->r, x->s, &x->qb, &q, &res, &e))
		fail_msg("run: %s", e.msg);
	ap_buf b = {0};
	for (size_t i = 0; i < rules_result_count(res); i++)
		flag_key(&b, rules_result_get(res, i));
	*sum = *rules_result_summary(res);
	rules_result_free(&res);
	return b.s ? buf_steal(&b) : xstrdup("");
}

typedef struct sliced {
	ap_buf sev[SEVERITY_COUNT];   /* each severity's flags, slice after slice */
	rules_summary sum;
	size_t slices, whole;
} sliced;

static int on_slice(rules_result *res, int whole, void *ctx, ap_err *e)
{
	(void)e;
	sliced *z = ctx;
	z->whole += whole;
	for (size_t i = 0; i < rules_result_count(res); i++) {
		const rule_flag *f = rules_result_get(res, i);
		flag_key(&z->sev[f->severity], f);
	}
	const rules_summary *s = rules_result_summary(res);
	for (int k = 0; k < SEVERITY_COUNT; k++)
		z->sum.by_severity[k] += s->by_severity[k];
	z->sum.total += s->total;
	z->sum.accounts += s->accounts;
	z->sum.snoozed += s->snoozed;
	z->slices++;
	return AP_OK;
}

/* The same read a slice of n accounts at a time, the severities put back in order. */
static char *flags_sliced(fx *x, size_t n, rules_summary *sum, size_t *slices, size_t *whole)
{
	ap_err e = {0};
	sliced z = {0};
	rules_query q = {0, today, -1, SEV_INFO, 1};
	if (rules_run_chunks(x->r, x->s, &x->qb, &q, n, on_slice, &z, &e))
		fail_msg("run in slices: %s", e.msg);
	ap_buf b = {0};
	for (int k = SEVERITY_COUNT - 1; k >= 0; k--) {
		if (z.sev[k].len)
			buf_add(&b, z.sev[k].s, z.sev[k].len);
		buf_free(&z.sev[k]);
	}
	*sum = z.sum;
	*slices = z.slices;
	*whole = z.whole;
	return b.s ? buf_steal(&b) : xstrdup("");
}

/* One random change through the store, of the kinds the default rules read. */
static void random_edit(fx *x, long long *ids, size_t *n, int *made)
{
	static const char *const owners[] = {"", "Ann Sales", "Bo Product", "Cy Exec", "Dee Sales"};
	ap_err e = {0};
	char name[64];
	long long acc = *n ? ids[prop_next((unsigned)*n)] : 0;
	unsigned what = *n < 3 ? 0 : prop_next(7);
	if (what == 0) {
		/* Names out of the order of their ids, so that a slice is not an id range. */
		snprintf(name, sizeof name, "%c%c account %d", 'A' + prop_next(26), 'a' + prop_next(26), (*made)++);
		ids[(*n)++] = account(x, name, (int)prop_next(4));
	} else if (what <= 2) {
		const qb_question *q = &x->qb.q[prop_next((unsigned)x->qb.n)];
		const char *v = q->noptions ? q->options[prop_next((unsigned)q->noptions)] : "what we heard";
		answer(x, acc, q->id, v, (int)prop_next(5), (int)prop_next(3), prop_next(1200));
	} else if (what == 3) {
		snprintf(name, sizeof name, "Person %d", (*made)++);
		person(x, acc, name, (int)prop_next(ROLE_COUNT), owners[prop_next(5)], (int)prop_next(LEVEL_COUNT),
			(int)prop_next(STANCE_COUNT), (int)prop_next(INFLUENCE_COUNT));
	} else if (what == 4) {
		meeting(x, acc, (int)prop_next(TIER_COUNT), prop_next(400), (int)prop_next(MEETKIND_COUNT),
			(int)prop_next(NEWS_COUNT), (int)prop_next(2));
	} else if (what == 5 && *n > 4) {
		size_t i = prop_next((unsigned)*n);
		if (store_account_remove(x->s, ids[i], &e))
			fail_msg("removing an account: %s", e.msg);
		ids[i] = ids[--*n];
	} else {
		snprintf(name, sizeof name, "Renamed %c%d", 'A' + prop_next(26), (*made)++);
		if (store_account_update(x->s, acc, name, NULL, (int)prop_next(4), &e))
			fail_msg("renaming an account: %s", e.msg);
	}
}

/* Property: after any sequence of edits, the portfolio read in slices of
 * any size gives the flags, in the order of the listing, and the summary
 * of the portfolio read at once. */
static void slices_equal_a_whole_read_after_random_edits(void **state)
{
	fx *x = *state;
	ap_err e = {0};
	char *path = asset("rules.ini");
	if (rules_load(&x->r, path, NULL, &x->qb, &e))
		fail_msg("%s", e.msg);
	free(path);
	member(x, "Ann Sales", TIER_SALES);
	member(x, "Bo Product", TIER_PRODUCT);
	member(x, "Cy Exec", TIER_EXEC);
	member(x, "Dee Sales", TIER_SALES);
	long long ids[128] = {x->acme};
	size_t n = 1;
	int made = 0;
	prop_state = 0x9e3779b97f4a7c15ull;
	for (int step = 0; step < 120; step++) {
		random_edit(x, ids, &n, &made);
		if (step % 12 != 11)
			continue;
		rules_summary want, got;
		char *whole = flags_whole(x, &want);
		static const size_t sizes[] = {1, 2, 3, 7};
		for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
			size_t slices, whole_results;
			char *parts = flags_sliced(x, sizes[k], &got, &slices, &whole_results);
			if (strcmp(whole, parts) != 0)
				fail_msg("step %d, slices of %zu: the flags differ from a whole read", step, sizes[k]);
			/* Up to a slice's size, one whole result; beyond, a slice of each size's accounts. */
			assert_int_equal(slices, n <= sizes[k] ? 1 : (n + sizes[k] - 1) / sizes[k]);
			assert_int_equal(whole_results, n <= sizes[k]);
			assert_memory_equal(&got, &want, sizeof want);
			free(parts);
		}
		assert_true(strlen(whole) > 0);
		free(whole);
	}
}

/* Counts results, the whole ones as 1, the others as 10. */
static int count_whole(rules_result *res, int whole, void *ctx, ap_err *e)
{
	(void)res;
	(void)e;
	*(size_t *)ctx += whole ? 1 : 10;
	return AP_OK;
}

/* A portfolio that fits in one slice is read whole, in one result. */
static void a_portfolio_that_fits_is_one_whole_result(void **state)
{
	fx *x = *state;
	use_rules(x, RULE("u", "unanswered", "questions = reference\n"));
	account(x, "Other", SEG_OTHER);
	ap_err e = {0};
	rules_query q = {0, today, -1, SEV_INFO, 0};
	size_t results = 0;
	assert_int_equal(rules_run_chunks(x->r, x->s, &x->qb, &q, 2, count_whole, &results, &e), AP_OK);
	assert_int_equal(results, 1);
	/* One more account than a slice holds: two slices, neither whole. */
	account(x, "Third", SEG_OTHER);
	results = 0;
	assert_int_equal(rules_run_chunks(x->r, x->s, &x->qb, &q, 2, count_whole, &results, &e), AP_OK);
	assert_int_equal(results, 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(unanswered_flags_every_question_of_the_tier_without_an_answer),
		T(unanswered_with_a_question_checks_only_that_one),
		T(stale_answer_exactly_max_age_days_old_is_not_flagged),
		T(stale_answer_one_day_older_than_max_age_is_flagged_with_its_age),
		T(stale_looks_at_the_current_answer_only),
		T(rule_info_gives_the_age_limit_of_a_stale_rule),
		T(unanswered_question_is_not_stale),
		T(weak_evidence_flags_an_answer_resting_on_a_listed_source),
		T(weak_evidence_flags_confidence_at_or_below_the_level),
		T(missing_role_names_the_roles_nobody_holds),
		T(rule_info_gives_the_roles_a_missing_role_rule_expects),
		T(missing_role_is_quiet_when_every_role_is_held),
		T(single_threaded_flags_contacts_held_by_sales_alone),
		T(single_threaded_is_quiet_when_another_tier_holds_a_contact),
		T(single_threaded_flags_fewer_than_min_contacts_but_not_exactly_min),
		T(no_engagement_meeting_exactly_days_ago_is_in_time),
		T(no_engagement_flags_a_day_later_and_counts_only_the_rules_tier),
		T(no_engagement_flags_never_and_ignores_meetings_after_today),
		T(tactical_only_flags_when_every_meeting_in_the_window_was_tactical),
		T(tactical_only_is_quiet_with_one_strategic_meeting_or_too_few),
		T(choice_is_flags_a_listed_value),
		T(choice_is_is_quiet_for_other_values_and_older_answers),
		T(requires_flags_an_answer_whose_prerequisite_is_missing),
		T(requires_is_quiet_when_all_answered_or_question_unanswered),
		T(unshared_news_flags_bad_news_kept_from_the_customer),
		T(unshared_news_ignores_shared_good_old_and_other_tiers),
		T(no_driver_flags_an_outlook_with_no_driver),
		T(incomplete_driver_names_each_missing_step),
		T(unshared_news_hint_marks_the_newest_such_meeting_shared),
		T(unshared_news_names_the_later_recorded_of_two_meetings_on_a_day),
		T(incomplete_driver_hint_gives_one_missing_step_of_the_first_such_driver),
		T(missing_role_hint_adds_the_first_missing_role),
		T(single_threaded_hint_adds_a_contact_in_a_tier_that_clears_it),
		T(engagement_hints_ask_for_a_meeting_of_a_tier_that_counts),
		T(answer_form_is_text_or_the_options_that_clear_the_flag),
		T(snooze_ending_today_still_hides_the_flag),
		T(snooze_that_ended_yesterday_shows_the_flag_again),
		T(snooze_hides_only_its_own_question),
		T(flags_come_most_severe_first_then_by_account_name),
		T(evaluating_one_account_reports_only_its_flags),
		T(rule_applies_only_to_its_segments),
		T(default_rules_load_and_cover_every_default_question),
		T(slices_equal_a_whole_read_after_random_edits),
		T(a_portfolio_that_fits_is_one_whole_result),
		T(canvas_gap_lists_every_unanswered_block_in_one_flag),
		T(canvas_gap_flags_only_the_segments_the_rule_names),
		T(canvas_gap_takes_no_parameters_and_a_snooze_names_no_question),
		T(rules_naming_no_questions_skip_the_canvas_and_naming_a_block_checks_it),
		T(summary_counts_by_severity_and_snoozed_flags_apart),
		T(flags_summary_counts_what_rules_eval_returned),
		T(query_keeps_the_rules_of_one_tier_or_severity),
		T(grouping_by_account_puts_the_account_with_the_worst_flag_first),
		T(a_set_of_accounts_gets_the_flags_each_account_gets_alone),
		T(a_set_leaves_out_other_accounts_and_skips_unknown_or_repeated_ids),
		T(a_set_is_evaluated_while_another_process_holds_the_write_lock),
		T(brief_of_a_flag_names_its_account_tier_severity_and_snooze),
		T(user_file_replaces_disables_and_adds_rules),
		T(load_error_names_file_line_and_problem),
		T(double_brace_is_a_literal_brace_and_hint_placeholders_fill_in),
		T(shell_quote_leaves_plain_words_bare_and_quotes_the_rest),
		T(shell_quote_never_lets_a_control_character_through_raw),
		T(shell_join_quotes_each_argument_and_a_first_word_with_an_equals_sign),
		T(a_hostile_name_is_one_argument_of_every_hint),
		T(a_hint_in_words_is_printed_as_written_and_has_no_arguments),
		T(a_hint_quoting_a_placeholder_or_prose_using_one_is_refused_with_its_line),
		T(every_shipped_hint_is_a_command_whose_printed_form_is_its_arguments_quoted),
		T(snooze_check_requires_a_question_exactly_for_question_rules),
		T(key_person_risk_flags_deep_relationships_held_by_one_member_until_another_holds_one),
		T(key_person_risk_counts_from_min_contacts_deep_relationships),
		T(single_owner_flags_one_salesperson_holding_every_owned_contact_from_min_contacts),
		T(single_owner_leaves_a_member_of_a_tier_not_in_held_by_alone),
		T(shallow_decision_maker_flags_buyers_below_the_level_or_held_by_nobody),
		T(people_kinds_are_quiet_until_the_store_has_members),
		T(opponent_uncovered_until_a_supporter_is_credible),
		T(contact_untouched_met_exactly_days_ago_is_in_time_and_only_held_meetings_touch),
		T(product_answers_by_sales_flags_from_min_answers_and_share),
		T(action_overdue_counts_open_actions_past_their_day),
		T(people_parameters_are_checked_with_their_line),
		T(not_reviewed_counts_days_per_segment_from_the_last_review_or_the_day_added),
		T(not_reviewed_parameters_are_checked_and_the_cadence_is_the_shortest),
		T(a_confirmation_resets_an_answers_age_but_not_its_evidence),
		T(check_records_first_and_last_seen_and_forgets_a_cleared_flag),
		T(flag_unowned_counts_from_first_seen_and_ignores_flags_in_hand),
		T(a_filtered_check_still_records_every_flag),
		T(orders_diverge_flags_a_gap_beyond_points_and_not_at_it),
		T(orders_diverge_flags_a_falling_chain_under_growing_orders),
		T(orders_missing_counts_months_back_from_todays),
		T(one_sided_counts_months_back_from_todays),
		T(reference_fatigue_flags_more_than_times_in_ninety_days),
		T(advocate_untapped_counts_months_back_to_the_same_day),
		T(advocate_untapped_is_quiet_without_the_reference_question),
		T(consent_expiring_flags_today_to_days_ahead),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
