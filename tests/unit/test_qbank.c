/* test_qbank.c - the shipped question bank and a user's file layered on it. */
#include "unit_helpers.h"
#include "acctplan/model.h"
#include "acctplan/canvas.h"
#include "acctplan/qbank.h"

struct fixture {
	char *dir;
	char *defaults;   /* the shipped assets/questions.ini */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->dir = make_tmpdir();
	char *assets = assets_dir();
	f->defaults = xasprintf("%s/questions.ini", assets);
	free(assets);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	rm_tree(f->dir);
	free(f->defaults);
	free(f);
	return 0;
}

/* Load the defaults with a user file holding text (NULL: defaults only). */
static int load_with(struct fixture *f, const char *text, qbank *qb, char **user, ap_err *e)
{
	*user = text ? write_tmp(f->dir, "mine.ini", text) : NULL;
	return qbank_load(qb, f->defaults, *user, e);
}

static void assert_options(const qb_question *q, const char *const *want, int n)
{
	assert_int_equal(q->type, QB_CHOICE);
	assert_int_equal(q->noptions, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(q->options[i], want[i]);
}

static void qbank_defaults_hold_the_18_design_questions_in_their_tiers(void **state)
{
	static const struct { const char *id; int tier; } want[] = {
		{"business", TIER_SALES}, {"growth", TIER_SALES}, {"market_position", TIER_SALES},
		{"our_role", TIER_SALES}, {"reference", TIER_SALES},
		{"competitors", TIER_PRODUCT}, {"vision_2y", TIER_PRODUCT}, {"vision_5y", TIER_PRODUCT},
		{"share_blockers", TIER_PRODUCT}, {"competitiveness", TIER_PRODUCT}, {"industry_trends", TIER_PRODUCT},
		{"end_customers", TIER_EXEC}, {"end_customer_ask", TIER_EXEC}, {"end_industry", TIER_EXEC},
		{"alignment", TIER_EXEC}, {"posture", TIER_EXEC}, {"demand_outlook", TIER_EXEC},
		{"demand_driver", TIER_EXEC},
	};
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state, NULL, &qb, &user, &e), AP_OK);
	/* The 18 of the tier panes, and the canvas's nine blocks with their companions. */
	assert_int_equal(qb.n, 18 + 2 * CANVAS_BLOCKS);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const qb_question *q = qbank_find(&qb, want[i].id);
		if (!q)
			fail_msg("question '%s' is missing", want[i].id);
		assert_int_equal(q->tier, want[i].tier);
		assert_int_equal(q->group, QB_GROUP_NONE);
		assert_true(strlen(q->text) > 10);
		assert_true(strlen(q->help) > 10);
		assert_true(strlen(q->label) > 0);
	}
	qbank_free(&qb);
}

static void qbank_defaults_hold_every_canvas_block_and_where_we_sit_in_it(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	int tiers[TIER_COUNT] = {0};
	assert_int_equal(load_with(*state, NULL, &qb, &user, &e), AP_OK);
	for (int b = 0; b < CANVAS_BLOCKS; b++) {
		const qb_question *q = qbank_find(&qb, canvas_question_ids[b]), *o = qbank_find(&qb, canvas_ours_ids[b]);
		if (!q || !o)
			fail_msg("block '%s' or its companion is missing", canvas_blocks.names[b]);
		assert_int_equal(q->group, QB_GROUP_CANVAS);
		assert_int_equal(o->group, QB_GROUP_CANVAS);
		assert_int_equal(q->type, QB_TEXT);
		assert_int_equal(o->tier, q->tier);
		assert_true(strlen(q->help) > 10 && strlen(o->help) > 10);
		assert_int_equal(canvas_block_of(q->id), b);
		assert_int_equal(canvas_block_of(o->id), -1);
		assert_false(qbank_in_tier(q, q->tier));
		tiers[q->tier]++;
	}
	/* Each tier owns the blocks it should know: three each. */
	for (int t = 0; t < TIER_COUNT; t++)
		assert_int_equal(tiers[t], 3);
	qbank_free(&qb);
	free(user);
}

static void qbank_group_is_checked_and_none_takes_a_question_out_of_it(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state, "[question.x]\ntier = sales\ntext = X?\ngroup = board\n", &qb, &user, &e),
		AP_EINPUT);
	assert_file_error(&e, user, 4, "unknown group 'board' (expected none or canvas)");
	free(user);
	assert_int_equal(load_with(*state, "[question.canvas_costs]\ngroup = none\n\n"
		"[question.mine]\ntier = product\ntext = Mine?\ngroup = canvas\n", &qb, &user, &e), AP_OK);
	assert_int_equal(qbank_find(&qb, "canvas_costs")->group, QB_GROUP_NONE);
	assert_true(qbank_in_tier(qbank_find(&qb, "canvas_costs"), TIER_SALES));
	assert_int_equal(qbank_find(&qb, "mine")->group, QB_GROUP_CANVAS);
	qbank_free(&qb);
	free(user);
}

static void qbank_default_choice_questions_have_the_design_options(void **state)
{
	static const char *const alignment[] = {"aligned", "diverging", "unknown"};
	static const char *const posture[] = {"shaping", "catching-up"};
	static const char *const outlook[] = {"rising", "steady", "falling"};
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state, NULL, &qb, &user, &e), AP_OK);
	assert_options(qbank_find(&qb, "alignment"), alignment, 3);
	assert_options(qbank_find(&qb, "posture"), posture, 2);
	assert_options(qbank_find(&qb, "demand_outlook"), outlook, 3);
	assert_int_equal(qbank_find(&qb, "growth")->type, QB_CHOICE);
	assert_int_equal(qbank_find(&qb, "market_position")->type, QB_CHOICE);
	assert_int_equal(qbank_find(&qb, "business")->type, QB_TEXT);
	assert_int_equal(qbank_find(&qb, "business")->noptions, 0);
	qbank_free(&qb);
}

static void qbank_is_sorted_by_tier_then_order(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state, "[question.first_sales]\ntier = sales\norder = 1\ntext = First?\n",
		&qb, &user, &e), AP_OK);
	assert_string_equal(qb.q[0].id, "first_sales");
	for (size_t i = 1; i < qb.n; i++) {
		const qb_question *a = &qb.q[i - 1], *b = &qb.q[i];
		assert_true(a->tier < b->tier || (a->tier == b->tier && a->order <= b->order));
	}
	assert_int_equal(qb.q[qb.n - 1].tier, TIER_EXEC);
	qbank_free(&qb);
	free(user);
}

static void qbank_user_file_overrides_text_and_adds_question(void **state)
{
	static const char *const yn[] = {"yes", "no"};
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state,
		"[question.growth]\n"
		"text = Are they hiring?\n"
		"\n"
		"[question.plant_visits]\n"
		"tier = product\n"
		"type = choice\n"
		"options = yes , no,,\n"
		"text = Has product visited their plant this year?\n", &qb, &user, &e), AP_OK);
	assert_int_equal(qb.n, 19 + 2 * CANVAS_BLOCKS);
	const qb_question *g = qbank_find(&qb, "growth");
	assert_string_equal(g->text, "Are they hiring?");
	/* Keys the override does not set stay as shipped. */
	assert_int_equal(g->tier, TIER_SALES);
	assert_int_equal(g->noptions, 3);
	assert_string_equal(g->label, "Growth");
	const qb_question *p = qbank_find(&qb, "plant_visits");
	assert_non_null(p);
	assert_int_equal(p->tier, TIER_PRODUCT);
	assert_options(p, yn, 2);
	assert_string_equal(p->label, "plant_visits");   /* label defaults to the id */
	assert_string_equal(p->help, "");
	qbank_free(&qb);
	free(user);
}

static void qbank_user_file_unknown_tier_reports_file_and_line(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state, "[question.x]\ntext = X?\ntier = board\n", &qb, &user, &e), AP_EINPUT);
	assert_file_error(&e, user, 3, "unknown tier 'board' (expected sales, product or executive)");
	assert_int_equal(qb.n, 0);   /* nothing half-loaded */
	assert_null(qb.q);
	free(user);
}

static void qbank_user_file_duplicate_id_reports_both_lines(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state,
		"[question.x]\ntier = sales\ntext = X?\n\n[question.X]\ntext = Again?\n", &qb, &user, &e), AP_EINPUT);
	assert_file_error(&e, user, 5, "duplicate section [question.x] (first at line 1)");
	free(user);
}

static void qbank_choice_question_without_options_is_refused_at_its_section(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state,
		"[question.ok]\ntier = sales\ntext = Fine?\n[question.pick]\ntier = sales\ntype = choice\ntext = Which?\n",
		&qb, &user, &e), AP_EINPUT);
	assert_file_error(&e, user, 4, "choice question 'pick' has no options");
	free(user);
	/* Turning a shipped text question into a choice needs options too. */
	assert_int_equal(load_with(*state, "[question.business]\ntype = choice\n", &qb, &user, &e), AP_EINPUT);
	assert_file_error(&e, user, 1, "choice question 'business' has no options");
	free(user);
}

static void qbank_empty_options_are_refused_on_their_line(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state, "[question.growth]\noptions = , ,\n", &qb, &user, &e), AP_EINPUT);
	assert_file_error(&e, user, 2, "options is empty");
	free(user);
}

static void qbank_new_question_needs_a_tier_and_a_text(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state, "\n[question.lonely]\ntext = Who?\n", &qb, &user, &e), AP_EINPUT);
	assert_file_error(&e, user, 2, "question 'lonely' has no tier");
	free(user);
	assert_int_equal(load_with(*state, "[question.mute]\ntier = sales\n", &qb, &user, &e), AP_EINPUT);
	assert_file_error(&e, user, 1, "question 'mute' has no text");
	free(user);
}

static void qbank_refuses_unknown_sections_keys_types_orders_and_ids(void **state)
{
	static const struct { const char *text; int line; const char *msg; } cases[] = {
		{"[rules]\nfile = x\n", 1, "unknown section [rules] (expected [question.ID])"},
		{"[question.growth]\ncolour = red\n", 2, "unknown key 'colour' in [question.growth]"},
		{"[question.growth]\ntype = number\n", 2, "unknown type 'number' (expected text or choice)"},
		{"[question.growth]\norder = soon\n", 2, "order 'soon' is not a number from 0 to 100000"},
		{"[question.growth]\norder = -1\n", 2, "order '-1' is not a number from 0 to 100000"},
		{"[question.growth]\norder =\n", 2, "order '' is not a number from 0 to 100000"},
		{"[question.bad id]\ntier = sales\ntext = x\n", 1, "question id 'bad id' may only use a-z, 0-9, '_' and '-'"},
		{"[question.]\ntier = sales\ntext = x\n", 1, "question id '' may only use a-z, 0-9, '_' and '-'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		qbank qb;
		char *user;
		ap_err e = {0};
		assert_int_equal(load_with(*state, cases[i].text, &qb, &user, &e), AP_EINPUT);
		assert_file_error(&e, user, cases[i].line, cases[i].msg);
		free(user);
	}
}

static void qbank_missing_user_file_is_an_error_naming_it(void **state)
{
	struct fixture *f = *state;
	char *user = xasprintf("%s/absent.ini", f->dir);
	qbank qb;
	ap_err e = {0};
	assert_int_equal(qbank_load(&qb, f->defaults, user, &e), AP_EINPUT);
	assert_contains(e.msg, user);
	assert_contains(e.msg, "No such file or directory");
	free(user);
}

static void qbank_check_answer_accepts_only_the_options_of_a_choice(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state, NULL, &qb, &user, &e), AP_OK);
	const qb_question *g = qbank_find(&qb, "growth");
	assert_int_equal(qbank_check_answer(g, "growing", &e), AP_OK);
	assert_int_equal(qbank_option(g, "shrinking"), 2);
	assert_int_equal(qbank_check_answer(g, "enormous", &e), AP_EINPUT);
	assert_string_equal(e.msg, "'enormous' is not an answer to 'growth' (expected growing, stable or shrinking)");
	const qb_question *b = qbank_find(&qb, "business");
	assert_int_equal(qbank_check_answer(b, "anything at all", &e), AP_OK);
	qbank_free(&qb);
}

/* A choice is typed as a person types it (issue 11): any case, blanks
 * around it, the same letters composed or not; it is stored as the bank
 * spells it. Anything else is still refused. */
static void qbank_choices_match_as_names_do_and_are_stored_as_the_bank_spells_them(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state, "[question.mood]\ntier = sales\ntype = choice\ntext = Mood?\n"
		"options = Élan, catching-up\n", &qb, &user, &e), AP_OK);
	const qb_question *g = qbank_find(&qb, "growth");
	assert_int_equal(qbank_option(g, "Growing"), 0);
	assert_int_equal(qbank_option(g, " SHRINKING\t"), 2);
	assert_int_equal(qbank_option(g, "grow"), -1);   /* a choice is a whole word, not its start */
	assert_int_equal(qbank_check_answer(g, "STABLE", &e), AP_OK);
	char *v = xstrdup("Growing");
	assert_int_equal(qbank_answer(g, &v, &e), AP_OK);
	assert_string_equal(v, "growing");
	free(v);
	const qb_question *m = qbank_find(&qb, "mood");
	v = xstrdup("e\xcc\x81LAN");   /* e + combining acute, upper case */
	assert_int_equal(qbank_answer(m, &v, &e), AP_OK);
	assert_string_equal(v, "\xc3\x89lan");
	free(v);
	v = xstrdup("Catching\xe2\x80\x8b-Up");   /* a zero-width space inside */
	assert_int_equal(qbank_answer(m, &v, &e), AP_OK);
	assert_string_equal(v, "catching-up");
	free(v);
	v = xstrdup("catching up");
	assert_int_equal(qbank_answer(m, &v, &e), AP_EINPUT);
	assert_string_equal(e.msg, "'catching up' is not an answer to 'mood' (expected \xc3\x89lan or catching-up)");
	assert_string_equal(v, "catching up");   /* refused: left as typed */
	free(v);
	/* A text question's answer is kept exactly as typed. */
	v = xstrdup(" Growing ");
	assert_int_equal(qbank_answer(qbank_find(&qb, "business"), &v, &e), AP_OK);
	assert_string_equal(v, " Growing ");
	free(v);
	qbank_free(&qb);
	free(user);
}

static void qbank_lookup_ignores_case_and_names_an_unknown_id(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state, NULL, &qb, &user, &e), AP_OK);
	assert_ptr_equal(qbank_lookup(&qb, "GROWTH", &e), qbank_find(&qb, "growth"));
	assert_null(qbank_lookup(&qb, "revenue", &e));
	assert_string_equal(e.msg, "unknown question 'revenue' (see 'acctplan questions')");
	assert_null(qbank_find(&qb, NULL));
	qbank_free(&qb);
}

static void qbank_options_on_a_text_question_are_refused_and_text_drops_old_options(void **state)
{
	qbank qb;
	char *user;
	ap_err e = {0};
	assert_int_equal(load_with(*state, "[question.x]\ntier = sales\ntext = X?\noptions = a, b\n", &qb, &user, &e),
		AP_EINPUT);
	assert_file_error(&e, user, 4, "question 'x' has options but is not 'type = choice'");
	free(user);
	/* A shipped choice turned into text accepts any answer from then on. */
	assert_int_equal(load_with(*state, "[question.growth]\ntype = text\n", &qb, &user, &e), AP_OK);
	const qb_question *q = qbank_find(&qb, "growth");
	assert_int_equal(q->noptions, 0);
	assert_int_equal(qbank_check_answer(q, "doubling every year", &e), AP_OK);
	qbank_free(&qb);
	free(user);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(qbank_defaults_hold_the_18_design_questions_in_their_tiers),
		T(qbank_defaults_hold_every_canvas_block_and_where_we_sit_in_it),
		T(qbank_group_is_checked_and_none_takes_a_question_out_of_it),
		T(qbank_default_choice_questions_have_the_design_options),
		T(qbank_is_sorted_by_tier_then_order),
		T(qbank_user_file_overrides_text_and_adds_question),
		T(qbank_user_file_unknown_tier_reports_file_and_line),
		T(qbank_user_file_duplicate_id_reports_both_lines),
		T(qbank_choice_question_without_options_is_refused_at_its_section),
		T(qbank_empty_options_are_refused_on_their_line),
		T(qbank_new_question_needs_a_tier_and_a_text),
		T(qbank_refuses_unknown_sections_keys_types_orders_and_ids),
		T(qbank_missing_user_file_is_an_error_naming_it),
		T(qbank_check_answer_accepts_only_the_options_of_a_choice),
		T(qbank_choices_match_as_names_do_and_are_stored_as_the_bank_spells_them),
		T(qbank_lookup_ignores_case_and_names_an_unknown_id),
		T(qbank_options_on_a_text_question_are_refused_and_text_drops_old_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
