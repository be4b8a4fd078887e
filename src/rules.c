/* rules.c - reading rule files: the defaults, then the user's layer on top.
 *
 * A rule file is checked completely before anything is evaluated: every key,
 * value, question id, option and placeholder, each problem reported with the
 * file and line it stands on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/canvas.h"
#include "acctplan/facts.h"
#include "acctplan/ini.h"
#include "acctplan/shell.h"
#include "acctplan/text.h"
#include "rules_internal.h"

#define NAME_(id, name) name,
static const char *const kind_names[] = {RULE_KIND_TABLE(NAME_)};
static const char *const ph_names[] = {RULE_PH_TABLE(NAME_)};
#undef NAME_
const ap_names rule_kinds = {"rule kind", kind_names, RULE_KIND_COUNT};
const ap_names rule_placeholders = {"placeholder", ph_names, PH_COUNT_};

/* Parameters of the kinds; each is parsed the same way whichever kind uses it. */
#define RULE_PARAM_TABLE(X) \
	X(P_QUESTION, "question") X(P_QUESTIONS, "questions") X(P_MAX_AGE_DAYS, "max_age_days") \
	X(P_SOURCES, "sources") X(P_CONFIDENCE, "confidence") X(P_ROLES, "roles") \
	X(P_MIN_CONTACTS, "min_contacts") X(P_HELD_BY, "held_by") X(P_DAYS, "days") \
	X(P_MIN_MEETINGS, "min_meetings") X(P_BY, "by") X(P_VALUES, "values") X(P_REQUIRES, "requires") \
	X(P_IF_ANSWERED, "if_answered") X(P_STEPS, "steps") X(P_LEVEL, "level") X(P_STANCES, "stances") \
	X(P_INFLUENCE, "influence") X(P_AUTHORS, "authors") X(P_MIN_ANSWERS, "min_answers") X(P_SHARE, "share") \
	X(P_DAYS_KEY, "days_key") X(P_DAYS_STRATEGIC, "days_strategic") X(P_DAYS_GROWTH, "days_growth") \
	X(P_DAYS_OTHER, "days_other") X(P_MIN_SEVERITY, "min_severity") \
	X(P_POINTS, "points") X(P_MONTHS, "months") X(P_TIMES, "times")
#define ENUM_(id, name) id,
enum rule_param { RULE_PARAM_TABLE(ENUM_) P_COUNT };
#undef ENUM_
#define NAME_(id, name) name,
static const char *const param_names[] = {RULE_PARAM_TABLE(NAME_) NULL};
#undef NAME_
/* not_reviewed's days_SEGMENT: one parameter per segment, in the segments' order. */
#define P_DAYS_SEGMENT(seg) (P_DAYS_KEY + (seg))
_Static_assert(P_DAYS_OTHER - P_DAYS_KEY == SEG_OTHER - SEG_KEY && SEGMENT_COUNT == 4,
	"a days_SEGMENT parameter per segment, in their order");
_Static_assert(P_COUNT <= 32, "too many parameters for the bit masks");

#define P(x) (1u << (x))
#define PH(x) PH_BIT(x)
#define PH_COMMON (PH(PH_ACCOUNT) | PH(PH_TIER) | PH(PH_RULE) | PH(PH_SEVERITY))
#define PH_Q (PH(PH_QUESTION) | PH(PH_QUESTION_ID) | PH(PH_ANSWER_FORM))
#define PH_ANSWER (PH_Q | PH(PH_DATE) | PH(PH_SOURCE) | PH(PH_CONFIDENCE))
#define PH_WINDOW (PH(PH_DAYS) | PH(PH_COUNT) | PH(PH_LAST) | PH(PH_BY_TIER))
#define Q_LIST (P(P_QUESTION) | P(P_QUESTIONS))
/* One member holding every relationship; contacts listed in {detail}. */
#define PH_HOLDER (PH(PH_COUNT) | PH(PH_MEMBER) | PH(PH_OTHER_MEMBER))
#define PH_CONTACTS (PH(PH_COUNT) | PH(PH_DETAIL) | PH(PH_CONTACT) | PH(PH_MEMBER) | PH(PH_LEVEL))
#define P_REVIEW_DAYS (P(P_DAYS_KEY) | P(P_DAYS_STRATEGIC) | P(P_DAYS_GROWTH) | P(P_DAYS_OTHER))
#define ROLE(r) (1u << (r))
/* Every default hint is the action that clears its flag, filled in as far as
 * the flag knows it: the question to answer and what its answer looks like,
 * the role, tier or record missing. The words left in capitals (TEXT, NAME,
 * YYYY-MM-DD, METRIC, V, PCT, F, MEMBER, PERIOD, AMOUNT, CUR) are for the user to fill. Hints are
 * commands written without quotes: each word is one argument, quoted for the
 * shell as the hint is printed (see rule_hint). */
#define ANSWER_HINT "acctplan answer {account} {question_id} {answer_form} --source conversation"
/* The meeting that counts for the rule: the day's, strategic (which a
 * tactical_only rule needs), by a tier whose meetings the rule counts. */
#define MEETING_HINT "acctplan meeting add {account} --tier {by_tier} --date YYYY-MM-DD --kind strategic TEXT"

const rule_kind_spec rule_kind_specs[RULE_KIND_COUNT] = {
	[KIND_UNANSWERED] = {Q_LIST, 0, PH_COMMON | PH_Q, 1,
		"nobody has answered '{question}'", ANSWER_HINT, .people = 0},
	[KIND_STALE] = {Q_LIST | P(P_MAX_AGE_DAYS), P(P_MAX_AGE_DAYS),
		PH_COMMON | PH_ANSWER | PH(PH_DAYS) | PH(PH_AGE), 1,
		"'{question}' was last answered {age} days ago ({date}), more than {days}", ANSWER_HINT, .people = 0},
	/* A rule may count medium confidence as weak; high clears any threshold
	 * below it, and a customer's own words are what earns it. */
	[KIND_WEAK_EVIDENCE] = {Q_LIST | P(P_SOURCES) | P(P_CONFIDENCE), 0, PH_COMMON | PH_ANSWER, 1,
		"'{question}' rests on {source} with {confidence} confidence", ANSWER_HINT " --confidence high", .people = 0},
	[KIND_MISSING_ROLE] = {P(P_ROLES), P(P_ROLES), PH_COMMON | PH(PH_ROLES) | PH(PH_COUNT) | PH(PH_ROLE), 0,
		"nobody in the org map is known as {roles}",
		"acctplan contact add {account} NAME --role {role}", .people = 0},
	[KIND_SINGLE_THREADED] = {P(P_MIN_CONTACTS) | P(P_HELD_BY), 0,
		PH_COMMON | PH(PH_COUNT) | PH(PH_DETAIL) | PH(PH_OTHER_TIER), 0,
		"single-threaded relationship: {detail}",
		"acctplan contact add {account} NAME --tier {other_tier}", .people = 0},
	[KIND_NO_ENGAGEMENT] = {P(P_DAYS) | P(P_BY), P(P_DAYS),
		PH_COMMON | PH(PH_DAYS) | PH(PH_AGE) | PH(PH_LAST) | PH(PH_BY_TIER), 0,
		"no {tier} engagement in the last {days} days (last: {last})", MEETING_HINT, .people = 0},
	[KIND_TACTICAL_ONLY] = {P(P_DAYS) | P(P_MIN_MEETINGS) | P(P_BY), P(P_DAYS), PH_COMMON | PH_WINDOW, 0,
		"{tier} meetings of the last {days} days were all tactical ({count} of them)", MEETING_HINT, .people = 0},
	/* A risk in the customer's own answer: what to do is a conversation with
	 * the customer, which the brief prepares. */
	[KIND_CHOICE_IS] = {P(P_QUESTION) | P(P_VALUES), P(P_QUESTION) | P(P_VALUES),
		PH_COMMON | PH_ANSWER | PH(PH_VALUE), 1,
		"'{question}' is {value}", "acctplan brief {account} --tier {tier}", .people = 0},
	[KIND_REQUIRES] = {P(P_QUESTION) | P(P_REQUIRES), P(P_QUESTION) | P(P_REQUIRES),
		PH_COMMON | PH_ANSWER | PH(PH_MISSING) | PH(PH_MISSING_ID) | PH(PH_COUNT), 1,
		"'{question}' is answered but {missing} is not, so it cannot be trusted",
		"acctplan answer {account} {missing_id} {answer_form} --source conversation", .people = 0},
	/* The flag is about meetings whose bad news the customer has not heard;
	 * once it has, that meeting's news is shared (see eval_unshared_news). */
	[KIND_UNSHARED_NEWS] = {P(P_DAYS) | P(P_BY), P(P_DAYS), PH_COMMON | PH_WINDOW | PH(PH_ID), 0,
		"bad news was kept from the customer in {count} meeting(s) of the last {days} days (last: {last})",
		"acctplan meeting edit {account} {id} --shared yes", .people = 0},
	[KIND_NO_DRIVER] = {P(P_IF_ANSWERED), 0, PH_COMMON, 0,
		"no demand driver links end-customer demand to our orders",
		"acctplan driver add {account} METRIC --value V --growth PCT --factor F --share PCT", .people = 0},
	/* One step at a time: the other steps of the driver may be known, and
	 * a hint must not have them overwritten. */
	[KIND_INCOMPLETE_DRIVER] = {P(P_STEPS), 0,
		PH_COMMON | PH(PH_COUNT) | PH(PH_MISSING) | PH(PH_ID) | PH(PH_STEP) | PH(PH_STEP_FORM), 0,
		"demand drivers missing a step of the chain: {missing}",
		"acctplan driver edit {account} {id} --{step} {step_form}", .people = 0},
	/* Another member's deep relationship ends it: a new contact held by
	 * {other_member}, deep enough to count. */
	[KIND_KEY_PERSON_RISK] = {P(P_LEVEL) | P(P_MIN_CONTACTS) | P(P_HELD_BY), 0,
		PH_COMMON | PH_HOLDER | PH(PH_LEVEL), 0,
		"every relationship at {level} or deeper ({count}) is held by {member} alone",
		"acctplan contact add {account} NAME --owner {other_member} --level {level}",
		.people = 1, .level = LEVEL_CREDIBLE},
	/* The gatekeeper per person, where single_threaded is per tier. A kind
	 * of its own rather than a parameter of single_threaded: that one counts
	 * contacts by the tier column and its {detail} and {other_tier} speak of
	 * tiers, this one reads owners and names members; one evaluator serves
	 * it and key_person_risk (every level counts here). */
	[KIND_SINGLE_OWNER] = {P(P_MIN_CONTACTS) | P(P_HELD_BY), 0, PH_COMMON | PH_HOLDER, 0,
		"{member} alone holds every relationship ({count} contacts)",
		"acctplan contact add {account} NAME --owner {other_member}",
		.people = 1, .level = LEVEL_UNKNOWN},
	/* One contact at a time: its owner stays ({member}, MEMBER when nobody
	 * holds it) and its level becomes enough. */
	[KIND_SHALLOW_DECISION_MAKER] = {P(P_ROLES) | P(P_LEVEL), 0, PH_COMMON | PH_CONTACTS, 0,
		"buyers nobody on our side holds at {level} or deeper: {detail}",
		"acctplan contact edit {account} {contact} --owner {member} --level {level}",
		.people = 1, .level = LEVEL_CREDIBLE, .roles = ROLE(ROLE_DECISION_MAKER) | ROLE(ROLE_PAYMENT_RELEASER)},
	/* What covers an opponent is an ally of ours deep enough to be heard:
	 * a sponsor found and recorded, maybe one not yet in the org map. */
	[KIND_OPPONENT_UNCOVERED] = {P(P_STANCES) | P(P_INFLUENCE) | P(P_LEVEL), 0, PH_COMMON | PH_CONTACTS, 0,
		"opposed and influential, with no advocate or supporter of ours at {level} or deeper: {detail}",
		"acctplan contact add {account} NAME --stance supporter --level {level}",
		.people = 1, .level = LEVEL_CREDIBLE},
	/* A held meeting the contact attends, dated today: YYYY-MM-DD after
	 * today would make it planned, which touches nobody yet. */
	[KIND_CONTACT_UNTOUCHED] = {P(P_ROLES) | P(P_INFLUENCE) | P(P_DAYS), 0,
		PH_COMMON | PH_CONTACTS | PH(PH_DAYS) | PH(PH_LAST), 0,
		"key contacts not met in the last {days} days: {detail}",
		"acctplan meeting add {account} --tier {tier} --date YYYY-MM-DD --kind strategic --with {contact} TEXT",
		.people = 1, .days = 90,
		.roles = ROLE(ROLE_DECISION_MAKER) | ROLE(ROLE_PAYMENT_RELEASER) | ROLE(ROLE_CHAMPION)},
	/* The tier's own answer, from its own conversation, one question at a
	 * time; {other_member} is one of the rule's tier. */
	[KIND_PRODUCT_ANSWERS_BY_SALES] = {Q_LIST | P(P_AUTHORS) | P(P_MIN_ANSWERS) | P(P_SHARE), 0,
		PH_COMMON | PH_Q | PH(PH_COUNT) | PH(PH_DETAIL) | PH(PH_OTHER_MEMBER), 0,
		"{count} {tier} answers were written by members of another tier: {detail}",
		"acctplan answer {account} {question_id} {answer_form} --source conversation --by {other_member}",
		.people = 1},
	/* Done is what ends it; an action that will not be done is dropped,
	 * and one that slipped gets a new day (action edit ID --due). */
	[KIND_ACTION_OVERDUE] = {P(P_DAYS) | P(P_BY), 0,
		PH_COMMON | PH(PH_COUNT) | PH(PH_DETAIL) | PH(PH_ID) | PH(PH_MEMBER) | PH(PH_DAYS), 0,
		"{count} open action(s) more than {days} days past their day: {detail}",
		"acctplan action done {id} --outcome TEXT",
		.people = 1},
	/* A review of the account's segment is what ends it. The review walks
	 * the accounts at risk first, so this one comes up early. */
	[KIND_NOT_REVIEWED] = {P_REVIEW_DAYS, 0, PH_COMMON | PH(PH_DAYS) | PH(PH_AGE) | PH(PH_LAST) | PH(PH_SEGMENT), 0,
		"last review: {last}; {segment} accounts are reviewed every {days} days",
		"acctplan review --segment {segment}", .people = 0},
	/* Someone taking the oldest unowned flag on ends that one; the next
	 * hint names the next. Quiet without members: nobody to give a flag
	 * to, and a store that records no people keeps the flags it had. */
	[KIND_FLAG_UNOWNED] = {P(P_DAYS) | P(P_MIN_SEVERITY), 0,
		PH_COMMON | PH(PH_COUNT) | PH(PH_DETAIL) | PH(PH_DAYS) | PH(PH_DATE) | PH(PH_FLAG), 0,
		"{count} flag(s) nobody has taken on for more than {days} days: {detail}",
		"acctplan action add {account} TITLE --owner MEMBER --due YYYY-MM-DD --flag {flag}",
		.people = 1, .days = 14},
	/* Orders against the chain (trend.h): one flag per account, naming the
	 * driver furthest from the orders. A gap is worth a conversation with
	 * the customer, which the brief prepares: neither the chain nor the
	 * orders are ours to change to make it go. */
	[KIND_ORDERS_DIVERGE] = {P(P_POINTS), P(P_POINTS),
		PH_COMMON | PH(PH_DRIVER) | PH(PH_ID) | PH(PH_ORDERS_GROWTH) | PH(PH_CHAIN_GROWTH) | PH(PH_GAP) |
		PH(PH_QUARTERS), 0,
		"orders grow {orders_growth} %/yr over {quarters} quarters, the chain '{driver}' implies {chain_growth} "
		"%/yr: {gap} points apart",
		"acctplan brief {account} --tier {tier}", .people = 0},
	/* The order that was booked and not recorded is what a hint can
	 * supply (PERIOD: a month or a quarter, as the account books them);
	 * one the customer did not place is the conversation the flag is for. Quiet in a store without any order: it does not track
	 * orders yet. */
	[KIND_ORDERS_MISSING] = {P(P_MONTHS), P(P_MONTHS), PH_COMMON | PH(PH_MONTHS) | PH(PH_LAST), 0,
		"no order for a period beginning in the last {months} months (last: {last})",
		"acctplan order add {account} --period PERIOD --amount AMOUNT --currency CUR", .people = 0},
	/* Takes without a give (or gives without a take) in the last `months`
	 * months: what ends it is the missing side, which the hint records
	 * once it happened. Quiet for an account without a give or take in
	 * them: nothing recorded is not a balance. */
	[KIND_ONE_SIDED] = {P(P_MONTHS), P(P_MONTHS), PH_COMMON | PH(PH_MONTHS) | PH(PH_DETAIL) | PH(PH_DIRECTION), 0,
		"one-sided over the last {months} months: {detail}",
		"acctplan exchange add {account} --direction {direction} --kind other TEXT", .people = 0},
	/* A contact asked to speak for us more than `times` times in the last
	 * 90 days (a quarter, as 'advocacy list' counts them): the one asked
	 * most is named; the hint lists who else can speak for us today. */
	[KIND_REFERENCE_FATIGUE] = {P(P_TIMES), P(P_TIMES), PH_COMMON | PH(PH_CONTACT) | PH(PH_COUNT) | PH(PH_DAYS), 0,
		"{contact} was asked to speak for us {count} times in the last {days} days",
		"acctplan advocacy list --available", .people = 0},
	/* A champion deep enough to speak for us (`roles`, at `level` or
	 * deeper), of an account whose `reference` is answered yes, not asked
	 * in the last `months` months: one flag per account, naming the first
	 * of them; asking them (advocacy add) ends it for that one, and the
	 * next flag names the next. Per contact, not per account: another
	 * contact asked leaves this one's goodwill unused, and spreading the
	 * asks is what reference_fatigue wants too. */
	[KIND_ADVOCATE_UNTAPPED] = {P(P_MONTHS) | P(P_ROLES) | P(P_LEVEL), P(P_MONTHS),
		PH_COMMON | PH(PH_CONTACT) | PH(PH_COUNT) | PH(PH_DETAIL) | PH(PH_MONTHS) | PH(PH_LAST) | PH(PH_LEVEL), 0,
		"{detail} would speak for us and was not asked in the last {months} months (last: {last})",
		"acctplan advocacy add {account} --kind reference-call --contact {contact} --date YYYY-MM-DD",
		.people = 0, .roles = ROLE(ROLE_CHAMPION), .level = LEVEL_TRUSTED_ADVISOR},
	/* A consent to be named that ends within the next `days` days, today
	 * included; one already ended is not expiring but gone ('advocacy list
	 * --available' no longer offers it). One flag per account, naming the
	 * consent that ends first; the hint records its renewal, which the
	 * contact has to give. */
	[KIND_CONSENT_EXPIRING] = {P(P_DAYS), P(P_DAYS),
		PH_COMMON | PH(PH_CONTACT) | PH(PH_COUNT) | PH(PH_DETAIL) | PH(PH_DATE) | PH(PH_DAYS) | PH(PH_ID), 0,
		"the consent of {detail} to speak for us ends {date}, within the next {days} days",
		"acctplan advocacy edit {account} {id} --consent-until YYYY-MM-DD", .people = 0},
	/* One flag per account listing the blocks, not a flag per block: an
	 * upgraded store is not flooded. The hint answers the first block
	 * missing; the next flag names the next. */
	[KIND_CANVAS_GAP] = {0, 0, PH_COMMON | PH_Q | PH(PH_COUNT) | PH(PH_BLOCKS), 0,
		"{count} block(s) of the business model canvas unanswered: {blocks}", ANSWER_HINT, .people = 0},
};

static const char *const common_keys[] = {"kind", "tier", "severity", "segments", "message", "hint", "enabled"};
#define NCOMMON (sizeof common_keys / sizeof common_keys[0])

static void tpl_clear(rule_tpl *t)
{
	free(t->src);
	free(t->p);
	memset(t, 0, sizeof *t);
}

static void hint_clear(rule_hint *h)
{
	tpl_clear(&h->text);
	for (int i = 0; i < h->nwords; i++) {
		tpl_clear(&h->words[i]);
		free(h->quoted[i]);
	}
	free(h->words);
	free(h->quoted);
	memset(h, 0, sizeof *h);
}

static void rule_clear(rule *r)
{
	free(r->id);
	tpl_clear(&r->message);
	hint_clear(&r->hint);
	free(r->file);
	free(r->origin);
	free(r->params);
	free(r->question);
	for (int i = 0; i < r->nquestions; i++)
		free(r->questions[i]);
	free(r->questions);
	for (int i = 0; i < r->nrequires; i++)
		free(r->requires[i]);
	free(r->requires);
	memset(r, 0, sizeof *r);
}

void rules_set_money(rules *r, const ap_config *cfg)
{
	free(r->money.money_currency);
	free(r->money.rates);
	memset(&r->money, 0, sizeof r->money);
	if (!cfg || !cfg->money_currency)
		return;
	r->money.money_currency = xstrdup(cfg->money_currency);
	r->money.rates = xmalloc((cfg->nrates + 1) * sizeof *cfg->rates);
	memcpy(r->money.rates, cfg->rates, cfg->nrates * sizeof *cfg->rates);
	r->money.nrates = cfg->nrates;
}

const ap_config *rules_money(const rules *r) { return &r->money; }

void rules_free(rules **rp)
{
	rules *r = *rp;
	if (!r)
		return;
	rules_set_money(r, NULL);
	for (size_t i = 0; i < r->n; i++)
		rule_clear(&r->v[i]);
	free(r->v);
	free(r);
	*rp = NULL;
}

/* ---- values ---- */

/* A section being read: the file, the section name and the rule id. */
typedef struct sec_ctx {
	const ini_doc *d;
	const char *sec, *id;
	const qbank *qb;
	const char *origin;   /* the layer: "default", "team", "yours" */
} sec_ctx;

static int key_error(const sec_ctx *c, const char *key, ap_err *e, const char *msg)
{
	/* A section that is not a rule's ([actions]) is named as written. */
	if (c->id == c->sec)
		return ini_error(c->d, ini_line(c->d, c->sec, key), e, "[%s] %s: %s", c->sec, key, msg);
	return ini_error(c->d, ini_line(c->d, c->sec, key), e, "rule '%s': %s: %s", c->id, key, msg);
}

/* The next comma-separated item of *p, trimmed; NULL at the end. Caller frees. */
static char *next_item(const char **p)
{
	const char *s = *p;
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		if (!*s) {
			*p = s;
			return NULL;
		}
		const char *end = strchr(s, ',');
		if (!end)
			end = s + strlen(s);
		const char *last = end;
		while (last > s && (last[-1] == ' ' || last[-1] == '\t'))
			last--;
		*p = end;
		if (last > s)
			return xstrndup(s, (size_t)(last - s));
		s = end;
	}
}

static int parse_int(const sec_ctx *c, const char *key, int min, int max, int *out, ap_err *e)
{
	const char *v = ini_value(c->d, c->sec, key);
	if (!v)
		return AP_OK;
	char *end, msg[128];
	long n = strtol(v, &end, 10);
	if (!*v || *end || n < min || n > max) {
		snprintf(msg, sizeof msg, "'%.40s' is not a whole number from %d to %d", v, min, max);
		return key_error(c, key, e, msg);
	}
	*out = (int)n;
	return AP_OK;
}

/* A list of names of enumeration t into a bit mask; an absent key leaves *mask. */
static int parse_set(const sec_ctx *c, const char *key, const ap_names *t, unsigned *mask, ap_err *e)
{
	const char *v = ini_value(c->d, c->sec, key), *p = v;
	if (!v)
		return AP_OK;
	char *item;
	unsigned m = 0;
	int rc = AP_OK;
	while (!rc && (item = next_item(&p))) {
		ap_err sub;
		int i = ap_name_parse(t, item, &sub);
		if (i < 0)
			rc = key_error(c, key, e, sub.msg);
		else
			m |= 1u << i;
		free(item);
	}
	if (!rc && !m)
		rc = key_error(c, key, e, "the list is empty");
	if (!rc)
		*mask = m;
	return rc;
}

static int parse_one_name(const sec_ctx *c, const char *key, const ap_names *t, int *out, ap_err *e)
{
	const char *v = ini_value(c->d, c->sec, key);
	ap_err sub;
	if (v && (*out = ap_name_parse(t, v, &sub)) < 0)
		return key_error(c, key, e, sub.msg);
	return AP_OK;
}

static int check_question(const sec_ctx *c, const char *key, const char *id, ap_err *e)
{
	ap_err sub;
	if (qbank_lookup(c->qb, id, &sub))
		return AP_OK;
	return key_error(c, key, e, sub.msg);
}

/* A list of question ids; each must be in the question bank. */
static int parse_qids(const sec_ctx *c, const char *key, char ***out, int *n, ap_err *e)
{
	const char *v = ini_value(c->d, c->sec, key), *p = v;
	if (!v)
		return AP_OK;
	char *item;
	int rc = AP_OK;
	while (!rc && (item = next_item(&p))) {
		const qb_question *q = qbank_find(c->qb, item);
		if (!(rc = check_question(c, key, item, e)) && *n == RULE_LIST_MAX)
			rc = key_error(c, key, e, "too many questions (at most 32)");
		if (!rc) {
			*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
			(*out)[(*n)++] = xstrdup(q->id);
		}
		free(item);
	}
	if (!rc && *n == 0)
		rc = key_error(c, key, e, "the list is empty");
	return rc;
}

static int parse_question(const sec_ctx *c, const char *key, char **out, ap_err *e)
{
	const char *v = ini_value(c->d, c->sec, key);
	if (!v)
		return AP_OK;
	int rc = check_question(c, key, v, e);
	if (!rc)
		*out = xstrdup(qbank_find(c->qb, v)->id);
	return rc;
}

/* choice_is: the question must be a choice and every value one of its options. */
static int parse_values(const sec_ctx *c, rule *r, ap_err *e)
{
	const qb_question *q = qbank_find(c->qb, r->question);
	char msg[640];
	if (q->type != QB_CHOICE) {
		snprintf(msg, sizeof msg, "'%s' is a text question; choice_is needs a choice question", q->id);
		return key_error(c, "question", e, msg);
	}
	const char *p = ini_value(c->d, c->sec, "values");
	char *item;
	int rc = AP_OK;
	while (!rc && (item = next_item(&p))) {
		ap_err sub;
		int i = qbank_option(q, item);
		if (i < 0 && qbank_check_answer(q, item, &sub))
			rc = key_error(c, "values", e, sub.msg);
		else if (i >= RULE_LIST_MAX)
			rc = key_error(c, "values", e, "only the first 32 options of a question can be matched");
		else
			r->values |= 1u << i;
		free(item);
	}
	if (!rc && !r->values)
		rc = key_error(c, "values", e, "the list is empty");
	return rc;
}

static void add_piece(rule_tpl *t, const char *text, size_t len, int ph)
{
	t->p = xrealloc(t->p, (size_t)(t->n + 1) * sizeof *t->p);
	t->p[t->n++] = (rule_piece){text, len, ph};
	if (ph >= 0)
		t->uses |= PH(ph);
}

/* Split text into literal pieces and placeholders once, at load, so a flag is
 * rendered without scanning. Every {name} must be a placeholder the kind fills;
 * otherwise *why says what is wrong and -1 is returned. */
static int tpl_compile(rule_tpl *t, const char *text, int kind, char *why, size_t whylen)
{
	t->src = xstrdup(text);
	const char *p = t->src, *open;
	while ((open = strchr(p, '{'))) {
		if (open[1] == '{') {
			add_piece(t, p, (size_t)(open - p) + 1, -1);
			p = open + 2;
			continue;
		}
		const char *close = strchr(open, '}');
		if (!close) {
			snprintf(why, whylen, "'{' without a closing '}' (write '{{' for a brace)");
			return -1;
		}
		int len = (int)(close - open - 1), ph = -1;
		for (int i = 0; i < PH_COUNT_; i++)
			if ((int)strlen(ph_names[i]) == len && strncmp(ph_names[i], open + 1, (size_t)len) == 0)
				ph = i;
		if (ph < 0) {
			char *all = ap_names_join(&rule_placeholders, " or ");
			snprintf(why, whylen, "unknown placeholder {%.*s} (expected %s)", len > 40 ? 40 : len, open + 1, all);
			free(all);
			return -1;
		}
		if (!(rule_kind_specs[kind].placeholders & PH(ph))) {
			snprintf(why, whylen, "placeholder {%s} is not filled in by kind %s", ph_names[ph], kind_names[kind]);
			return -1;
		}
		add_piece(t, p, (size_t)(open - p), ph);
		p = close + 1;
	}
	add_piece(t, p, strlen(p), -1);
	return 0;
}

static int parse_template(const sec_ctx *c, const char *key, const char *dflt, int kind, rule_tpl *t, ap_err *e)
{
	const char *v = ini_value(c->d, c->sec, key);
	char why[640];
	if (tpl_compile(t, v && *v ? v : dflt, kind, why, sizeof why) == 0)
		return AP_OK;
	return key_error(c, key, e, why);
}

#define BLANKS " \t"

/* A hint is a command when its first word is "acctplan". */
static int is_command(const char *text)
{
	text += strspn(text, BLANKS);
	return strncmp(text, "acctplan", 8) == 0 && (!text[8] || strchr(BLANKS, text[8]));
}

/* The hint: a command is split into words here, once, each compiled as a
 * template that renders to one argument. Quotes are refused rather than
 * obeyed: "{account}" in a hint of an earlier release would otherwise end
 * up as a quoted name inside the quoting the renderer adds, and a template
 * needs none. Prose may not use placeholders: it is printed as written. */
static int parse_hint(const sec_ctx *c, const char *dflt, int kind, rule_hint *h, ap_err *e)
{
	const char *v = ini_value(c->d, c->sec, "hint"), *text = v && *v ? v : dflt;
	char why[640];
	if (tpl_compile(&h->text, text, kind, why, sizeof why) != 0)
		return key_error(c, "hint", e, why);
	if (!is_command(text)) {
		for (int i = 0; i < h->text.n; i++)
			if (h->text.p[i].ph >= 0) {
				const char *ph = ph_names[h->text.p[i].ph];
				snprintf(why, sizeof why, "{%s} cannot be used in a hint that is not an acctplan command "
					"(prose is printed as written); start the hint with 'acctplan', or put {%s} in the message", ph, ph);
				return key_error(c, "hint", e, why);
			}
		return AP_OK;
	}
	const char *q = strpbrk(text, "'\""), *end = q ? strchr(q + 1, *q) : NULL;
	if (q) {
		int len = end ? (int)(end - q) + 1 : (int)strlen(q);
		snprintf(why, sizeof why, "remove the quotes from %.*s%s: a command hint takes none, each word is one "
			"argument and is quoted as the hint is printed", len > 60 ? 60 : len, q, len > 60 ? "..." : "");
		return key_error(c, "hint", e, why);
	}
	for (const char *p = text + strspn(text, BLANKS); *p; p += strspn(p, BLANKS)) {
		size_t len = strcspn(p, BLANKS);
		char *word = xstrndup(p, len);
		h->words = xrealloc(h->words, (size_t)(h->nwords + 1) * sizeof *h->words);
		h->quoted = xrealloc(h->quoted, (size_t)(h->nwords + 1) * sizeof *h->quoted);
		rule_tpl *w = &h->words[h->nwords];
		memset(w, 0, sizeof *w);
		h->quoted[h->nwords++] = NULL;
		int bad = tpl_compile(w, word, kind, why, sizeof why);
		free(word);
		if (bad)
			return key_error(c, "hint", e, why);
		/* One literal piece: the word is its own argument (no placeholder, no
		 * "{{"), so every flag prints it the same. */
		if (w->n == 1 && w->p[0].ph < 0) {
			ap_buf b = {0};
			shell_quote(&b, w->src);
			h->quoted[h->nwords - 1] = buf_steal(&b);
		}
		p += len;
	}
	return AP_OK;
}

/* ---- one rule ---- */

static int is_common_key(const char *key)
{
	for (size_t i = 0; i < NCOMMON; i++)
		if (strcmp(common_keys[i], key) == 0)
			return 1;
	return 0;
}

static int param_index(const char *key)
{
	for (int i = 0; i < P_COUNT; i++)
		if (strcmp(param_names[i], key) == 0)
			return i;
	return -1;
}

/* Keys must be common ones or parameters of this kind; required ones present. */
static int check_keys(const sec_ctx *c, int kind, ap_err *e)
{
	const rule_kind_spec *k = &rule_kind_specs[kind];
	char msg[256];
	for (int i = 0; i < ini_key_count(c->d, c->sec); i++) {
		const char *key = ini_key_name(c->d, c->sec, i);
		int p = param_index(key);
		if (is_common_key(key) || (p >= 0 && (k->params & P(p))))
			continue;
		int line = ini_line(c->d, c->sec, key);
		if (p >= 0)
			return ini_error(c->d, line, e, "rule '%s': key '%s' does not apply to kind %s", c->id, key, kind_names[kind]);
		return ini_error(c->d, line, e, "rule '%s': unknown key '%s'", c->id, key);
	}
	for (int p = 0; p < P_COUNT; p++)
		if ((k->required & P(p)) && !ini_value(c->d, c->sec, param_names[p])) {
			snprintf(msg, sizeof msg, "rule '%s': kind %s needs '%s'", c->id, kind_names[kind], param_names[p]);
			return ini_error(c->d, ini_section_line(c->d, c->sec), e, "%s", msg);
		}
	if (ini_value(c->d, c->sec, "question") && ini_value(c->d, c->sec, "questions") && !(k->required & P(P_QUESTION)))
		return key_error(c, "questions", e, "give 'question' or 'questions', not both");
	if (kind == KIND_WEAK_EVIDENCE && !ini_value(c->d, c->sec, "sources") && !ini_value(c->d, c->sec, "confidence"))
		return ini_error(c->d, ini_section_line(c->d, c->sec), e,
			"rule '%s': kind weak_evidence needs 'sources', 'confidence' or both", c->id);
	int cadence = 0;
	for (int seg = 0; seg < SEGMENT_COUNT; seg++)
		cadence |= ini_value(c->d, c->sec, param_names[P_DAYS_SEGMENT(seg)]) != NULL;
	if (kind == KIND_NOT_REVIEWED && !cadence)
		return ini_error(c->d, ini_section_line(c->d, c->sec), e,
			"rule '%s': kind not_reviewed needs the days of at least one segment "
			"(days_key, days_strategic, days_growth or days_other)", c->id);
	return AP_OK;
}

/* not_reviewed's cadence per segment. A segment the rule does not apply
 * to would never be flagged whatever its days say: refused, not ignored. */
static int parse_review_days(const sec_ctx *c, rule *r, ap_err *e)
{
	for (int seg = 0; seg < SEGMENT_COUNT; seg++) {
		const char *key = param_names[P_DAYS_SEGMENT(seg)];
		int rc = parse_int(c, key, 1, 36500, &r->review_days[seg], e);
		if (rc)
			return rc;
		if (r->review_days[seg] && !(r->segments & (1u << seg))) {
			char msg[160];
			snprintf(msg, sizeof msg, "the rule does not apply to %s accounts (segments); add %s there or remove %s",
				ap_segments.names[seg], ap_segments.names[seg], key);
			return key_error(c, key, e, msg);
		}
	}
	return AP_OK;
}

/* Parameters every kind reads the same way; keys a kind does not take were refused before. */
static int parse_params(const sec_ctx *c, rule *r, ap_err *e)
{
	int rc;
	if ((rc = parse_qids(c, "questions", &r->questions, &r->nquestions, e)) ||
	    (rc = parse_question(c, "question", &r->question, e)) ||
	    (rc = parse_question(c, "if_answered", &r->question, e)) ||
	    (rc = parse_qids(c, "requires", &r->requires, &r->nrequires, e)) ||
	    (rc = parse_set(c, "sources", &ap_sources, &r->sources, e)) ||
	    (rc = parse_one_name(c, "confidence", &ap_confidences, &r->confidence, e)) ||
	    (rc = parse_set(c, "roles", &ap_roles, &r->roles, e)) ||
	    (rc = parse_set(c, "held_by", &ap_tiers, &r->held_by, e)) ||
	    (rc = parse_set(c, "by", &ap_tiers, &r->by, e)) ||
	    (rc = parse_set(c, "steps", &fact_steps, &r->steps, e)) ||
	    (rc = parse_one_name(c, "level", &ap_levels, &r->level, e)) ||
	    (rc = parse_set(c, "stances", &ap_stances, &r->stances, e)) ||
	    (rc = parse_one_name(c, "influence", &ap_influences, &r->influence, e)) ||
	    (rc = parse_set(c, "authors", &ap_tiers, &r->authors, e)) ||
	    (rc = parse_int(c, "min_answers", 1, 1000, &r->min_answers, e)) ||
	    (rc = parse_int(c, "share", 0, 100, &r->share, e)) ||
	    (rc = parse_int(c, "max_age_days", 1, 36500, &r->days, e)) ||
	    (rc = parse_int(c, "days", 1, 36500, &r->days, e)) ||
	    (rc = parse_int(c, "min_contacts", 0, 1000, &r->min_contacts, e)) ||
	    (rc = parse_int(c, "min_meetings", 1, 1000, &r->min_meetings, e)) ||
	    (rc = parse_one_name(c, "min_severity", &ap_severities, &r->min_severity, e)) ||
	    (rc = parse_int(c, "points", 0, 10000, &r->points, e)) ||
	    (rc = parse_int(c, "months", 1, 120, &r->months, e)) ||
	    (rc = parse_int(c, "times", 1, 1000, &r->times, e)) ||
	    (rc = parse_review_days(c, r, e)))
		return rc;
	/* A single question of a kind that takes a list becomes its question list. */
	if (r->question && (rule_kind_specs[r->kind].params & P(P_QUESTIONS))) {
		r->questions = xmalloc(sizeof *r->questions);
		r->questions[r->nquestions++] = r->question;
		r->question = NULL;
	}
	if (r->kind == KIND_CHOICE_IS)
		return parse_values(c, r, e);
	for (int i = 0; r->kind == KIND_REQUIRES && i < r->nrequires; i++)
		if (strcmp(r->requires[i], r->question) == 0)
			return key_error(c, "requires", e, "a question cannot require itself");
	return AP_OK;
}

/* The parameters as written, "key = value; ...", for listings. */
static char *params_text(const sec_ctx *c)
{
	ap_buf b = {0};
	buf_puts(&b, "");
	for (int i = 0; i < ini_key_count(c->d, c->sec); i++) {
		const char *key = ini_key_name(c->d, c->sec, i);
		if (!is_common_key(key))
			buf_printf(&b, "%s%s = %s", b.len ? "; " : "", key, ini_value(c->d, c->sec, key));
	}
	return buf_steal(&b);
}

static int parse_rule(const sec_ctx *c, rule *r, ap_err *e)
{
	const char *kind = ini_value(c->d, c->sec, "kind");
	int line = ini_section_line(c->d, c->sec), rc;
	r->id = xstrdup(c->id);
	r->file = xstrdup(ini_path(c->d));
	r->line = line;
	r->tier = r->severity = r->confidence = -1;
	r->enabled = 1;
	r->min_meetings = 1;
	if (!kind) {
		char *all = ap_names_join(&rule_kinds, " or ");
		rc = ini_error(c->d, line, e, "rule '%s' has no kind (expected %s)", c->id, all);
		free(all);
		return rc;
	}
	if ((rc = parse_one_name(c, "kind", &rule_kinds, &r->kind, e)) || (rc = check_keys(c, r->kind, e)) ||
	    (rc = parse_one_name(c, "tier", &ap_tiers, &r->tier, e)) ||
	    (rc = parse_one_name(c, "severity", &ap_severities, &r->severity, e)))
		return rc;
	if (r->tier < 0)
		return ini_error(c->d, line, e, "rule '%s' has no tier (expected sales, product or executive)", c->id);
	if (r->severity < 0)
		return ini_error(c->d, line, e, "rule '%s' has no severity (expected info, warn, high or critical)", c->id);
	const rule_kind_spec *k = &rule_kind_specs[r->kind];
	r->segments = (1u << SEGMENT_COUNT) - 1;
	r->by = 1u << r->tier;
	r->held_by = (1u << TIER_COUNT) - 1;
	r->steps = (1u << STEP_COUNT) - 1;
	r->roles = k->roles;
	r->days = k->days;
	r->level = k->level;
	r->stances = (1u << STANCE_SKEPTIC) | (1u << STANCE_OPPONENT);
	r->influence = INFLUENCE_HIGH;
	r->authors = 1u << TIER_SALES;
	r->min_answers = 1;
	r->min_severity = SEV_WARN;
	const char *en = ini_value(c->d, c->sec, "enabled");
	if (en && (r->enabled = ini_bool(en)) < 0)
		return key_error(c, "enabled", e, "expected true or false");
	if ((rc = parse_set(c, "segments", &ap_segments, &r->segments, e)) || (rc = parse_params(c, r, e)))
		return rc;
	if ((rc = parse_template(c, "message", k->message, r->kind, &r->message, e)) ||
	    (rc = parse_hint(c, k->hint, r->kind, &r->hint, e)))
		return rc;
	r->params = params_text(c);
	return AP_OK;
}

/* ---- files ---- */

static int valid_id(const char *id)
{
	return *id && id[strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_-")] == '\0';
}

static int by_rule_id(const void *a, const void *b)
{
	return strcmp(((const rule *)a)->id, ((const rule *)b)->id);
}

/* The first n rules only: see load_section. */
static int find_among(const rules *r, size_t n, const char *id)
{
	for (size_t i = 0; id && i < n; i++)
		if (strcasecmp(r->v[i].id, id) == 0)
			return (int)i;
	return -1;
}

int rules_find(const rules *r, const char *id) { return find_among(r, r->n, id); }

/* A user's section holding only `enabled` switches a rule already defined. */
static int toggle_rule(rules *r, size_t earlier, const sec_ctx *c, ap_err *e)
{
	int i = find_among(r, earlier, c->id), on = ini_bool(ini_value(c->d, c->sec, "enabled"));
	if (on < 0)
		return key_error(c, "enabled", e, "expected true or false");
	if (i < 0)
		return ini_error(c->d, ini_section_line(c->d, c->sec), e,
			"no rule '%s' to enable or disable (a new rule needs a kind)", c->id);
	r->v[i].enabled = on;
	return AP_OK;
}

/* A file cannot repeat a section, so a rule can only replace or switch one
 * of the `earlier` rules, those of the files loaded before: searching those
 * alone keeps a long file from costing the square of its length. */
static int load_section(rules *r, size_t earlier, const sec_ctx *c, int layered, ap_err *e)
{
	if (layered && ini_key_count(c->d, c->sec) == 1 && ini_value(c->d, c->sec, "enabled"))
		return toggle_rule(r, earlier, c, e);
	rule nr = {0};
	int rc = parse_rule(c, &nr, e);
	if (rc) {
		rule_clear(&nr);
		return rc;
	}
	nr.origin = xstrdup(c->origin);
	int i = find_among(r, earlier, c->id);
	if (i >= 0) {
		/* Same id: the whole rule is replaced, nothing of the old one is kept. */
		rule_clear(&r->v[i]);
		r->v[i] = nr;
		return AP_OK;
	}
	r->v = xrealloc(r->v, (r->n + 1) * sizeof *r->v);
	r->v[r->n++] = nr;
	return AP_OK;
}

/* [actions] due_info .. due_critical: what taking a flag on proposes as its
 * due day, in days from today; a later layer changes the keys it gives. */
#define DUE_KEY(id, name) "due_" name,
static const char *const due_keys[] = {AP_SEVERITY_TABLE(DUE_KEY) NULL};
#undef DUE_KEY

static int load_actions(rules *r, const ini_doc *d, const char *sec, ap_err *e)
{
	sec_ctx c = {d, sec, sec, NULL, NULL};
	int rc = ini_check_keys(d, sec, due_keys, e);
	for (int s = 0; !rc && s < SEVERITY_COUNT; s++)
		rc = parse_int(&c, due_keys[s], 1, 3650, &r->due_days[s], e);
	return rc;
}

static int load_file(rules *r, const ini_source *src, const qbank *qb, int layered, ap_err *e)
{
	ini_doc *d;
	size_t earlier = r->n;
	const char *origin = src->origin ? src->origin : layered ? "yours" : "default";
	int rc = ini_load_source(&d, src, e);
	for (int i = 0; !rc && i < ini_section_count(d); i++) {
		const char *sec = ini_section_name(d, i);
		int line = ini_section_line(d, sec);
		if (strcmp(sec, "actions") == 0)
			rc = load_actions(r, d, sec, e);
		else if (strncmp(sec, "rule.", 5) != 0)
			rc = ini_error(d, line, e, "unknown section [%s] (expected [rule.ID] or [actions])", sec);
		else if (!valid_id(sec + 5))
			rc = ini_error(d, line, e, "rule id '%s' may only use a-z, 0-9, '_' and '-'", sec + 5);
		else
			rc = load_section(r, earlier, &(sec_ctx){d, sec, sec + 5, qb, origin}, layered, e);
	}
	if (d)
		ini_free(&d);
	return rc;
}

int rules_load(rules **out, const char *defaults_path, const char *user_path,
	const qbank *qb, ap_err *e)
{
	const ini_source src[] = {{.path = defaults_path, .origin = "default"}, {.path = user_path, .origin = "yours"}};
	return rules_load_sources(out, src, user_path ? 2 : 1, qb, e);
}

int rules_load_sources(rules **out, const ini_source *src, size_t n, const qbank *qb, ap_err *e)
{
	rules *r = xcalloc(1, sizeof *r);
	static const int due[SEVERITY_COUNT] = {30, 14, 7, 3};
	memcpy(r->due_days, due, sizeof due);
	*out = NULL;
	int rc = AP_OK;
	for (size_t i = 0; !rc && i < n; i++)
		rc = load_file(r, &src[i], qb, i > 0, e);
	if (rc) {
		rules_free(&r);
		return rc;
	}
	qsort(r->v, r->n, sizeof *r->v, by_rule_id);
	*out = r;
	return AP_OK;
}

/* ---- listing ---- */

size_t rules_count(const rules *r) { return r->n; }

int rules_due_days(const rules *r, int severity)
{
	return severity >= 0 && severity < SEVERITY_COUNT ? r->due_days[severity] : r->due_days[SEV_WARN];
}

void rules_get(const rules *r, size_t i, rule_info *out)
{
	const rule *x = &r->v[i];
	*out = (rule_info){x->id, kind_names[x->kind], x->message.src, x->hint.text.src, x->params, x->file, x->line,
		x->tier, x->severity, x->segments, x->enabled, x->days, x->kind == KIND_MISSING_ROLE ? x->roles : 0,
		x->origin};
}

int rules_review_days(const rules *r, int segment)
{
	int days = 0;
	for (size_t i = 0; r && segment >= 0 && segment < SEGMENT_COUNT && i < r->n; i++) {
		const rule *x = &r->v[i];
		int d = x->kind == KIND_NOT_REVIEWED && x->enabled ? x->review_days[segment] : 0;
		if (d && (!days || d < days))
			days = d;
	}
	return days;
}

int rules_diverge_points(const rules *r, int segment)
{
	int points = -1;
	for (size_t i = 0; r && segment >= 0 && segment < SEGMENT_COUNT && i < r->n; i++) {
		const rule *x = &r->v[i];
		if (x->kind == KIND_ORDERS_DIVERGE && x->enabled && (x->segments & (1u << segment)) &&
		    (points < 0 || x->points < points))
			points = x->points;
	}
	return points;
}

int rules_fatigue_times(const rules *r)
{
	int times = -1;
	for (size_t i = 0; r && i < r->n; i++) {
		const rule *x = &r->v[i];
		if (x->kind == KIND_REFERENCE_FATIGUE && x->enabled && (times < 0 || x->times < times))
			times = x->times;
	}
	return times;
}

int rules_review_overdue(int days, long today, long created, long reviewed)
{
	return days > 0 && today - (reviewed ? reviewed : created) > days;
}

size_t rule_questions(const rule *r, const qbank *qb, size_t *out)
{
	size_t n = 0;
	if (r->kind == KIND_CHOICE_IS || r->kind == KIND_REQUIRES) {
		const qb_question *q = qbank_find(qb, r->question);
		if (q)
			out[n++] = (size_t)(q - qb->q);
		return n;
	}
	if (r->kind == KIND_CANVAS_GAP) {
		/* The blocks in the order the canvas is read, as its flag lists them. */
		for (int b = 0; b < CANVAS_BLOCKS; b++) {
			const qb_question *q = qbank_find(qb, canvas_question_ids[b]);
			if (q)
				out[n++] = (size_t)(q - qb->q);
		}
		return n;
	}
	if (!(rule_kind_specs[r->kind].params & P(P_QUESTIONS)))
		return 0;
	for (size_t i = 0; i < qb->n; i++) {
		/* A rule naming no questions looks at its tier's own, not at a
		 * group's (the canvas has canvas_gap): an upgraded store is not
		 * flooded with a flag per block. */
		int take = !r->questions && qbank_in_tier(&qb->q[i], r->tier);
		for (int k = 0; !take && k < r->nquestions; k++)
			take = strcmp(r->questions[k], qb->q[i].id) == 0;
		if (take)
			out[n++] = i;
	}
	/* Few questions per rule: an insertion sort by id, in place. */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && strcmp(qb->q[out[k - 1]].id, qb->q[out[k]].id) > 0; k--) {
			size_t t = out[k];
			out[k] = out[k - 1];
			out[k - 1] = t;
		}
	return n;
}

int rules_check_snooze(const rules *r, const qbank *qb, const char *rule_id, const char *question, ap_err *e)
{
	int i = rules_find(r, rule_id);
	if (i < 0)
		return ap_fail(e, AP_EINPUT, "unknown rule '%s' (see 'acctplan rules')", rule_id);
	const rule *x = &r->v[i];
	int has_q = question && *question;
	if (!rule_kind_specs[x->kind].about_questions) {
		if (has_q)
			return ap_fail(e, AP_EINPUT, "rule '%s' (%s) is not about a question; leave QUESTION out",
				x->id, kind_names[x->kind]);
		return AP_OK;
	}
	if (!has_q)
		return ap_fail(e, AP_EINPUT, "rule '%s' flags questions: say which one (QUESTION)", x->id);
	const qb_question *q = qbank_lookup(qb, question, e);
	if (!q)
		return AP_EINPUT;
	size_t *idx = xmalloc((qb->n + 1) * sizeof *idx);
	size_t n = rule_questions(x, qb, idx);
	int found = 0;
	for (size_t k = 0; k < n; k++)
		found |= idx[k] == (size_t)(q - qb->q);
	free(idx);
	if (!found)
		return ap_fail(e, AP_EINPUT, "rule '%s' does not look at question '%s'", x->id, q->id);
	return AP_OK;
}

int rules_check_snooze_reason(const char *rule_id, int severity, const char *what, const char *reason, ap_err *e)
{
	size_t words = ap_text_words(reason);
	if (!words && !reason[strspn(reason, " \t\r\n")])
		return ap_fail(e, AP_EINPUT, "%s is empty: say why the flag can wait", what);
	if (severity == SEV_CRITICAL && words < RULES_CRITICAL_REASON_WORDS)
		return ap_fail(e, AP_EINPUT, "%s is critical: %s must say why in at least %d words", rule_id, what,
			RULES_CRITICAL_REASON_WORDS);
	return AP_OK;
}
