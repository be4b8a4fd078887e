/* record.c - the field tables of every record kind, and what is derived
 * from them alone: defaults, destructors, validation and repair. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acctplan/demand.h"
#include "acctplan/money.h"
#include "acctplan/record.h"
#include "acctplan/text.h"

#define F(key, col, type, flags, T, member, label, opt) \
	{key, col, NULL, type, flags, offsetof(T, member), NULL, 0, label, opt}
#define E(key, col, flags, T, member, names, dflt, label, opt) \
	{key, col, NULL, RT_ENUM, flags, offsetof(T, member), names, dflt, label, opt}
#define B(key, col, flags, T, member, dflt, label, opt) \
	{key, col, NULL, RT_BOOL, flags, offsetof(T, member), NULL, dflt, label, opt}
#define SEL(key, sel, type, flags, T, member, label, opt) \
	{key, NULL, sel, type, (flags) | RF_NOWRITE, offsetof(T, member), NULL, 0, label, opt}
/* The names a meeting's link table points at, in its order, one a line
 * (names hold no line break). group_concat is SQLite's and, for the same
 * text, the PostgreSQL schema's. */
#define ATTENDEES(links, table, col) \
	"coalesce((SELECT group_concat(t.n, '\n') FROM (SELECT r.name AS n FROM " links " l JOIN " table " r" \
	" ON r.id = l." col " WHERE l.meeting_id = x.id ORDER BY l.pos) t), '')"
/* The identity and change record every versioned kind ends with. */
#define ID(T) F("id", "id", RT_ID, RF_META, T, id, "id", NULL)
#define PARENT(T) F(NULL, "account_id", RT_ID, RF_PARENT, T, account_id, "account", NULL)
#define META(T) \
	F("version", "version", RT_INT, RF_META, T, meta.version, "version", NULL), \
	F("created_at", "created_at", RT_STAMP, RF_META, T, meta.created_at, "created_at", NULL), \
	F("updated_at", "updated_at", RT_STAMP, RF_META, T, meta.updated_at, "updated_at", NULL), \
	F("updated_by", "updated_by", RT_TEXT, RF_META, T, meta.updated_by, "updated_by", NULL)

static const rec_field account_f[] = {
	ID(ap_account),
	F("name", "name", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_NAME | RF_ARG, ap_account, name, "account name", NULL),
	F("industry", "industry", RT_TEXT, 0, ap_account, industry, "industry", "industry"),
	E("segment", "segment", 0, ap_account, segment, &ap_segments, SEG_OTHER, "segment", "segment"),
	F("created", "created", RT_DATE, 0, ap_account, created, "created", NULL),
	META(ap_account),
};

static const rec_field answer_f[] = {
	ID(ap_answer),
	PARENT(ap_answer),
	F("question", "question", RT_TEXT, RF_REQ | RF_NONEMPTY, ap_answer, question, "question", NULL),
	F("value", "value", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_MULTI | RF_ARG, ap_answer, value, "answer", NULL),
	E("source", "source", RF_REQ | RF_EVIDENCE, ap_answer, source, &ap_sources, SRC_CONVERSATION, "source", "source"),
	E("confidence", "confidence", RF_REQ | RF_EVIDENCE, ap_answer, confidence, &ap_confidences, CONF_MEDIUM,
		"confidence", "confidence"),
	F("by", "author", RT_TEXT, 0, ap_answer, author, "author", "by"),
	F("date", "answered_on", RT_DATE, RF_REQ | RF_HAPPENED, ap_answer, date, "date", "date"),
	F("replaces", "replaces", RT_ID, RF_META | RF_NULL, ap_answer, replaces, "replaces", "replaces"),
	F("created_at", "created_at", RT_STAMP, RF_META, ap_answer, created_at, "created_at", NULL),
};

static const rec_field contact_f[] = {
	ID(ap_contact),
	PARENT(ap_contact),
	F("name", "name", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_NAME | RF_ARG, ap_contact, name, "contact name", NULL),
	F("title", "title", RT_TEXT, 0, ap_contact, title, "title", "title"),
	E("role", "role", RF_NULL, ap_contact, role, &ap_roles, -1, "role", "role"),
	E("tier", "tier", 0, ap_contact, tier, &ap_tiers, TIER_SALES, "tier", "tier"),
	/* Stored as the boss's id, read and written by name (the store resolves it). */
	SEL("reports_to", "coalesce((SELECT b.name FROM contact b WHERE b.id = x.reports_to), '')", RT_TEXT,
		RF_NULL | RF_NAME, ap_contact, reports_to, "reports to", "reports-to"),
	F(NULL, "reports_to", RT_ID, 0, ap_contact, reports_to_id, "reports to", NULL),
	/* The member holding the relationship: by id, so a rename follows; read and written by name. */
	SEL("owner", "coalesce((SELECT m.name FROM member m WHERE m.id = x.owner_id), '')", RT_TEXT,
		RF_NULL | RF_NAME, ap_contact, owner, "owner", "owner"),
	F(NULL, "owner_id", RT_ID, 0, ap_contact, owner_id, "owner", NULL),
	E("level", "level", 0, ap_contact, level, &ap_levels, LEVEL_UNKNOWN, "relationship level", "level"),
	E("stance", "stance", 0, ap_contact, stance, &ap_stances, STANCE_UNKNOWN, "stance", "stance"),
	E("influence", "influence", RF_NULL, ap_contact, influence, &ap_influences, -1, "influence", "influence"),
	META(ap_contact),
};

static const rec_field competitor_f[] = {
	ID(ap_competitor),
	PARENT(ap_competitor),
	F("name", "name", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_NAME | RF_ARG, ap_competitor, name, "competitor name", NULL),
	F("differentiator", "differentiator", RT_TEXT, RF_MULTI, ap_competitor, differentiator,
		"how they differ", "differentiator"),
	META(ap_competitor),
};

static const rec_field endcustomer_f[] = {
	ID(ap_endcustomer),
	PARENT(ap_endcustomer),
	F("name", "name", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_NAME | RF_ARG, ap_endcustomer, name, "end customer name", NULL),
	F("industry", "industry", RT_TEXT, 0, ap_endcustomer, industry, "industry", "industry"),
	F("ask", "ask", RT_TEXT, RF_MULTI, ap_endcustomer, ask, "what they ask for", "ask"),
	E("trend", "trend", RF_NULL, ap_endcustomer, trend, &ap_trends, -1, "trend", "trend"),
	META(ap_endcustomer),
};

static const rec_field meeting_f[] = {
	ID(ap_meeting),
	PARENT(ap_meeting),
	F("date", "held_on", RT_DATE, RF_REQ | RF_MUST, ap_meeting, date, "date", "date"),
	E("tier", "tier", RF_REQ | RF_MUST, ap_meeting, tier, &ap_tiers, TIER_SALES, "tier", "tier"),
	E("kind", "kind", RF_REQ | RF_MUST, ap_meeting, kind, &ap_meetkinds, MEET_TACTICAL, "kind", "kind"),
	E("news", "news", 0, ap_meeting, news, &ap_news, NEWS_NONE, "news", "news"),
	F("shared", "shared", RT_BOOL, 0, ap_meeting, shared, "news shared with the customer", "shared"),
	F("summary", "summary", RT_TEXT, RF_MULTI | RF_ARG, ap_meeting, summary, "meeting summary", NULL),
	/* Older exports have none: their meetings were entered as history, held. */
	E("status", "status", 0, ap_meeting, status, &ap_mstatuses, MSTATUS_HELD, "status", "status"),
	F("objective", "objective", RT_TEXT, RF_MULTI, ap_meeting, objective, "objective", "objective"),
	F("outcome", "outcome", RT_TEXT, RF_MULTI, ap_meeting, outcome, "outcome", "outcome"),
	/* Who attended, each side in the order given: kept as links by id (a
	 * rename follows), read and written by name (the store resolves them). */
	SEL("with", ATTENDEES("meeting_contact", "contact", "contact_id"), RT_NAMES, 0, ap_meeting, with,
		"attendee", "with"),
	SEL("ours", ATTENDEES("meeting_member", "member", "member_id"), RT_NAMES, 0, ap_meeting, ours,
		"our attendee", "ours"),
	META(ap_meeting),
};

static const rec_field note_f[] = {
	ID(ap_note),
	PARENT(ap_note),
	F("date", "written_on", RT_DATE, RF_REQ | RF_HAPPENED, ap_note, date, "date", "date"),
	E("tier", "tier", RF_REQ, ap_note, tier, &ap_tiers, TIER_SALES, "tier", "tier"),
	F("by", "author", RT_TEXT, 0, ap_note, author, "author", "by"),
	F("tags", "tags", RT_TAGS, 0, ap_note, tags, "tag", "tag"),
	F("text", "body", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_MULTI | RF_ARG, ap_note, body, "note", NULL),
	META(ap_note),
};

static const rec_field snooze_f[] = {
	ID(ap_snooze),
	PARENT(ap_snooze),
	SEL(NULL, "(SELECT a.name FROM account a WHERE a.id = x.account_id)", RT_TEXT, 0, ap_snooze, account,
		"account", NULL),
	F("rule", "rule", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_KEY, ap_snooze, rule, "rule", NULL),
	F("question", "question", RT_TEXT, RF_NULL | RF_KEY, ap_snooze, question, "question", NULL),
	F("until", "until_on", RT_DATE, RF_REQ, ap_snooze, until, "until", "until"),
	F("reason", "reason", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_MULTI, ap_snooze, reason, "reason", "reason"),
	F("created", "created_on", RT_DATE, RF_REQ, ap_snooze, created, "created", NULL),
	/* Who hid the flag, as store_set_author named them at the time. */
	F("by", "author", RT_TEXT, 0, ap_snooze, by, "author", NULL),
	/* The review that set it, for the minutes. */
	F("review", "review_id", RT_ID, RF_NULL, ap_snooze, review_id, "review", NULL),
};

static const rec_field driver_f[] = {
	ID(ap_driver),
	PARENT(ap_driver),
	F("metric", "metric", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_ARG, ap_driver, metric, "metric", NULL),
	F("metric_unit", "metric_unit", RT_TEXT, 0, ap_driver, metric_unit, "metric unit", "unit"),
	F("value", "value", RT_REAL, RF_NULL, ap_driver, value, "value", "value"),
	F("growth", "growth", RT_REAL, RF_NULL | RF_PERCENT, ap_driver, growth, "growth", "growth"),
	/* The chain, a step a line ("FACTOR B per A"); demand_check reads each. */
	F("steps", "steps", RT_NAMES, 0, ap_driver, steps, "steps", "step"),
	F("share", "share", RT_REAL, RF_NULL | RF_PERCENT, ap_driver, share, "share", "share"),
	F("product_unit", "product_unit", RT_TEXT, 0, ap_driver, product_unit, "product unit", "product-unit"),
	/* What documents and commands before chains gave instead of steps: a
	 * chain's one step (driver_settle and demand_fold_old move it there). */
	F("factor", NULL, RT_REAL, RF_NULL | RF_OLD, ap_driver, old_factor, "factor", "factor"),
	F("factor_unit", NULL, RT_TEXT, RF_OLD, ap_driver, old_factor_unit, "factor unit", "factor-unit"),
	META(ap_driver),
};

static const rec_field member_f[] = {
	ID(ap_member),
	F("name", "name", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_NAME | RF_ARG, ap_member, name, "member name", NULL),
	E("tier", "tier", RF_REQ | RF_MUST, ap_member, tier, &ap_tiers, TIER_SALES, "tier", "tier"),
	F("email", "email", RT_TEXT, 0, ap_member, email, "email", "email"),
	B("active", "active", 0, ap_member, active, 1, "active", "active"),
	/* Not said (-1): the tier's (member_settle, and import for older
	 * documents); after the fields before it, where schema 13 added the column. */
	E("function", "function", 0, ap_member, function, &ap_functions, -1, "function", "function"),
	META(ap_member),
};

/* Stored as the two contacts' ids, read and written by name (the store resolves them). */
static const rec_field link_f[] = {
	ID(ap_link),
	PARENT(ap_link),
	SEL("from", "(SELECT c.name FROM contact c WHERE c.id = x.from_id)", RT_TEXT, RF_REQ | RF_NAME, ap_link, from,
		"contact", NULL),
	F(NULL, "from_id", RT_ID, 0, ap_link, from_id, "contact", NULL),
	SEL("to", "(SELECT c.name FROM contact c WHERE c.id = x.to_id)", RT_TEXT, RF_REQ | RF_NAME, ap_link, to,
		"other contact", NULL),
	F(NULL, "to_id", RT_ID, 0, ap_link, to_id, "other contact", NULL),
	E("kind", "kind", RF_REQ, ap_link, kind, &ap_linkkinds, LINK_INFLUENCES, "kind of line", "kind"),
};

/* Owner and contact: stored as ids, read and written by name (the store
 * resolves them). The flag it answers is named as 'check' names it: its
 * rule and, for rules about one question, RULE/QUESTION. */
static const rec_field action_f[] = {
	ID(ap_action),
	PARENT(ap_action),
	F("title", "title", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_ARG, ap_action, title, "action", NULL),
	SEL("owner", "coalesce((SELECT m.name FROM member m WHERE m.id = x.owner_id), '')", RT_TEXT,
		RF_REQ | RF_NAME, ap_action, owner, "owner", "owner"),
	F(NULL, "owner_id", RT_ID, 0, ap_action, owner_id, "owner", NULL),
	F("due", "due_on", RT_DATE, RF_REQ | RF_MUST, ap_action, due, "due date", "due"),
	E("status", "status", 0, ap_action, status, &ap_astatuses, ASTATUS_OPEN, "status", NULL),
	E("tier", "tier", RF_NULL, ap_action, tier, &ap_tiers, -1, "tier", "tier"),
	F("flag", "flag", RT_TEXT, RF_NULL, ap_action, flag, "flag", NULL),
	SEL("contact", "coalesce((SELECT c.name FROM contact c WHERE c.id = x.contact_id), '')", RT_TEXT,
		RF_NULL | RF_NAME, ap_action, contact, "contact", "contact"),
	F(NULL, "contact_id", RT_ID, 0, ap_action, contact_id, "contact", NULL),
	F("outcome", "outcome", RT_TEXT, RF_MULTI, ap_action, outcome, "outcome", "outcome"),
	F("reason", "reason", RT_TEXT, RF_MULTI, ap_action, reason, "reason", NULL),
	F("closed", "closed_on", RT_DATE, RF_NULL, ap_action, closed, "closed", NULL),
	F("by", "created_by", RT_TEXT, 0, ap_action, by, "created by", NULL),
	/* The review that agreed it, for the minutes. */
	F("review", "review_id", RT_ID, RF_NULL, ap_action, review_id, "review", NULL),
	/* Listings across accounts say whose; a document has it from its place. */
	SEL("account", "(SELECT a.name FROM account a WHERE a.id = x.account_id)", RT_TEXT, RF_VIEW, ap_action,
		account, "account", NULL),
	META(ap_action),
};

/* The amount is in minor units of the currency: money.h reads and prints
 * it; the period and currency are checked there too (order_check). */
static const rec_field order_f[] = {
	ID(ap_order),
	PARENT(ap_order),
	F("period", "period", RT_TEXT, RF_REQ | RF_NONEMPTY, ap_order, period, "period", "period"),
	F("product", "product", RT_TEXT, 0, ap_order, product, "product", "product"),
	F("amount", "amount", RT_INT, RF_REQ | RF_SIGNED, ap_order, amount, "amount", NULL),
	F("currency", "currency", RT_TEXT, RF_REQ | RF_NONEMPTY, ap_order, currency, "currency", "currency"),
	SEL("account", "(SELECT a.name FROM account a WHERE a.id = x.account_id)", RT_TEXT, RF_VIEW, ap_order,
		account, "account", NULL),
	META(ap_order),
};

/* The member it went through is kept by id (a rename follows), read and
 * written by name; which kinds a direction has is the vocabulary's
 * (ap_xkind_sides, exchange_check). */
static const rec_field exchange_f[] = {
	ID(ap_exchange),
	PARENT(ap_exchange),
	F("date", "happened_on", RT_DATE, RF_REQ | RF_HAPPENED, ap_exchange, date, "date", "date"),
	E("direction", "direction", RF_REQ | RF_MUST, ap_exchange, direction, &ap_xdirs, XDIR_GIVE, "direction",
		"direction"),
	E("kind", "kind", RF_REQ | RF_MUST, ap_exchange, kind, &ap_xkinds, XKIND_OTHER, "kind", "kind"),
	SEL("by", "coalesce((SELECT m.name FROM member m WHERE m.id = x.by_id), '')", RT_TEXT, RF_NULL | RF_NAME,
		ap_exchange, by, "by", "by"),
	F(NULL, "by_id", RT_ID, 0, ap_exchange, by_id, "by", NULL),
	F("text", "detail", RT_TEXT, RF_REQ | RF_NONEMPTY | RF_MULTI | RF_ARG, ap_exchange, text, "what was given or taken",
		NULL),
	SEL("account", "(SELECT a.name FROM account a WHERE a.id = x.account_id)", RT_TEXT, RF_VIEW, ap_exchange,
		account, "account", NULL),
	META(ap_exchange),
};

/* The contact is one of the account's, kept by id, read and written by
 * name; consent_until, when said, is how long they agreed to be named. */
static const rec_field advocacy_f[] = {
	ID(ap_advocacy),
	PARENT(ap_advocacy),
	E("kind", "kind", RF_REQ | RF_MUST, ap_advocacy, kind, &ap_advkinds, ADV_REFERENCE_CALL, "kind", "kind"),
	SEL("contact", "(SELECT c.name FROM contact c WHERE c.id = x.contact_id)", RT_TEXT, RF_REQ | RF_NAME | RF_MUST,
		ap_advocacy, contact, "contact", "contact"),
	F(NULL, "contact_id", RT_ID, 0, ap_advocacy, contact_id, "contact", NULL),
	F("date", "asked_on", RT_DATE, RF_REQ | RF_MUST, ap_advocacy, date, "date", "date"),
	F("consent_until", "consent_until", RT_DATE, RF_NULL, ap_advocacy, consent_until, "consent until",
		"consent-until"),
	F("text", "detail", RT_TEXT, RF_MULTI | RF_ARG, ap_advocacy, text, "what they did", NULL),
	SEL("account", "(SELECT a.name FROM account a WHERE a.id = x.account_id)", RT_TEXT, RF_VIEW, ap_advocacy,
		account, "account", NULL),
	META(ap_advocacy),
};

/* A kind the direction has: a forecast is never something we give. */
static int exchange_check(const void *rec, ap_err *e)
{
	const ap_exchange *x = rec;
	if (x->kind < 0 || x->direction < 0 || (ap_xkind_sides[x->kind] & 1u << x->direction))
		return AP_OK;
	ap_buf ok = {0};
	int n = 0;
	for (int k = 0; k < XKIND_COUNT; k++)
		if (ap_xkind_sides[k] & 1u << x->direction)
			buf_printf(&ok, "%s%s", n++ ? ", " : "", ap_xkinds.names[k]);
	int rc = ap_fail(e, AP_EINPUT, "kind '%s' is not a %s (a %s is one of %s)", ap_xkinds.names[x->kind],
		ap_xdirs.names[x->direction], ap_xdirs.names[x->direction], ok.s);
	buf_free(&ok);
	return rc;
}

/* A give or take is recorded once it happened: one dated ahead (tomorrow
 * too, which other dates allow for a timezone) would count in a balance
 * that has not happened yet. */
static int exchange_settle(void *rec, unsigned long long given, const char *today, int how, ap_err *e)
{
	(void)given;
	const ap_exchange *x = rec;
	char what[32];
	if (!x->date || strcmp(x->date, today) <= 0)
		return AP_OK;
	return ap_fail(e, AP_EINPUT, "%s '%s' is in the future (today is %s): record a give or take once it happened",
		rec_field_what(rec_field_by_key(&rec_kinds[REC_EXCHANGE], "date"), (enum rec_naming)how, what, sizeof what),
		x->date, today);
}

/* Consent runs from the day they were asked, not before it. */
static int advocacy_check(const void *rec, ap_err *e)
{
	const ap_advocacy *v = rec;
	if (v->consent_until && *v->consent_until && v->date && strcmp(v->consent_until, v->date) < 0)
		return ap_fail(e, AP_EINPUT, "consent until %s ends before the advocacy's date %s", v->consent_until,
			v->date);
	return AP_OK;
}

/* A period that is one, a currency acctplan knows, an amount in range. */
static int order_check(const void *rec, ap_err *e)
{
	const ap_order *o = rec;
	money_period p;
	if (money_period_parse("period", o->period, &p, e) || money_currency_check("currency", o->currency, e))
		return AP_EINPUT;
	if (o->amount > MONEY_MAX || o->amount < -MONEY_MAX)
		return ap_fail(e, AP_EINPUT, "amount %lld is beyond what acctplan keeps", o->amount);
	return AP_OK;
}

/* A closed action says why; an open one has neither outcome nor reason yet. */
static int action_check(const void *rec, ap_err *e)
{
	const ap_action *a = rec;
	if (a->status == ASTATUS_DROPPED && (!a->reason || !*a->reason))
		return ap_fail(e, AP_EINPUT, "a dropped action says why: give a reason");
	if (a->status == ASTATUS_OPEN && a->closed && *a->closed)
		return ap_fail(e, AP_EINPUT, "an open action has no closing day");
	const char *slash = a->flag ? strchr(a->flag, '/') : NULL;
	if (slash && (slash == a->flag || !slash[1] || strchr(slash + 1, '/') || strpbrk(a->flag, " \t")))
		return ap_fail(e, AP_EINPUT, "flag '%s': a flag is RULE or RULE/QUESTION, as 'acctplan check' names it",
			a->flag);
	return AP_OK;
}

static int meeting_check(const void *rec, ap_err *e)
{
	const ap_meeting *m = rec;
	if (m->shared && (m->news < 0 || m->news == NEWS_NONE))
		return ap_fail(e, AP_EINPUT, "shared says whether news was shared; give news good or bad too");
	if (m->status == MSTATUS_PLANNED && m->outcome && *m->outcome)
		return ap_fail(e, AP_EINPUT, "an outcome is what a held meeting brought; this one is planned "
			"(give the status held with it)");
	return AP_OK;
}

/* A meeting dated after today is planned; one that was held lies behind. */
static int meeting_settle(void *rec, unsigned long long given, const char *today, int how, ap_err *e)
{
	ap_meeting *m = rec;
	const rec_field *status = rec_field_by_key(&rec_kinds[REC_MEETING], "status");
	char what[32];
	int ahead = m->date && strcmp(m->date, today) > 0;
	if (!(given >> (status - meeting_f) & 1)) {
		if (ahead && m->status == MSTATUS_HELD)
			m->status = MSTATUS_PLANNED;
	} else if (ahead && m->status == MSTATUS_HELD) {
		return ap_fail(e, AP_EINPUT, "%s held: the meeting is dated %s, after today; a meeting is held once "
			"its day has come (plan it, or give the day it was held)",
			rec_field_what(status, (enum rec_naming)how, what, sizeof what), m->date);
	}
	return AP_OK;
}

const char *rec_meeting_status(const ap_meeting *m, const char *today)
{
	if (m->status == MSTATUS_PLANNED && m->date && strcmp(m->date, today) < 0)
		return "to confirm";
	return ap_name(&ap_mstatuses, m->status, "");
}

/* An address someone could write to: one '@' with something on each side and
 * no blanks; more is the mail server's to judge. */
static int member_check(const void *rec, ap_err *e)
{
	const ap_member *m = rec;
	const char *at = m->email ? strchr(m->email, '@') : NULL;
	if (!m->email || !*m->email)
		return AP_OK;
	if (!at || at == m->email || !at[1] || strchr(at + 1, '@') || strpbrk(m->email, " \t"))
		return ap_fail(e, AP_EINPUT, "email '%s' is not an address (name@example.com)", m->email);
	return AP_OK;
}

/* A member added without a function has the one their tier stands for;
 * one said, or read from the store, stays, whatever tier they move to. */
static int member_settle(void *rec, unsigned long long given, const char *today, int how, ap_err *e)
{
	(void)given;
	(void)today;
	(void)how;
	(void)e;
	rec_member_function_default(rec);
	return AP_OK;
}

void rec_member_function_default(ap_member *m)
{
	if (m->function < 0)
		m->function = ap_function_of_tier(m->tier);
}

static int driver_check(const void *rec, ap_err *e) { return demand_check(rec, e); }

/* Bit of the driver field with JSON key `key` in a `given` mask. */
static unsigned long long driver_bit(const char *key)
{
	return 1ULL << (rec_field_by_key(&rec_kinds[REC_DRIVER], key) - driver_f);
}

/* --factor F and --factor-unit U, as before chains: the chain's one step
 * (made when there is none; its factor or unit replaced when there is one). */
static int driver_one_step(ap_driver *d, unsigned long long given, int how, ap_err *e)
{
	char what[32];
	const rec_field *f = rec_field_by_key(&rec_kinds[REC_DRIVER], "factor");
	int n = demand_step_count(d->steps);
	double factor = NAN;
	const char *unit = "";
	char *step = n == 1 ? demand_step_get(d->steps, 1) : NULL;
	size_t at = 0;
	rec_field_what(f, (enum rec_naming)how, what, sizeof what);
	if (given & driver_bit("steps"))
		return ap_fail(e, AP_EINPUT, "%s and the steps: give the chain as steps, or its one step as the factor, "
			"not both", what);
	if (n > 1)
		return ap_fail(e, AP_EINPUT, "%s: the chain has %d steps; change one of them with 'driver step edit'",
			what, n);
	if (step && demand_step_parse(step, strlen(step), &factor, &at, NULL) == AP_OK)
		unit = step + at;
	if (given & driver_bit("factor"))
		factor = d->old_factor;
	if (given & driver_bit("factor_unit"))
		unit = d->old_factor_unit ? d->old_factor_unit : "";
	free(d->steps);
	d->steps = demand_step_text(factor, unit);
	free(step);
	d->old_factor = NAN;
	free(d->old_factor_unit);
	d->old_factor_unit = xstrdup("");
	return AP_OK;
}

/* Whether any step's unit reads "B per A": a chain the unit rule can hold. */
static int driver_has_units(const ap_driver *d)
{
	demand_chain c;
	demand_parse(d, &c);
	for (int i = 0; i < c.nsteps; i++)
		if (c.step[i].qty_len)
			return 1;
	return 0;
}

/* A chain a person enters must chain (demand_units_check), and the unit of
 * our demand is then the one its units give. A stored chain is held to it
 * once its steps are entered again, or its end use's unit while a step
 * has a unit to chain: one factor without units, as before chains, stays
 * free. */
static int driver_settle(void *rec, unsigned long long given, const char *today, int how, ap_err *e)
{
	(void)today;
	ap_driver *d = rec;
	int rc = AP_OK;
	if ((given & (driver_bit("factor") | driver_bit("factor_unit"))) && (rc = driver_one_step(d, given, how, e)))
		return rc;
	if (!(given & driver_bit("steps")) && !((given & driver_bit("metric_unit")) && driver_has_units(d)))
		return AP_OK;
	if ((rc = demand_units_check(d, e)))
		return rc;
	char *derived = demand_chain_unit(d), what[32];
	const rec_field *pu = rec_field_by_key(&rec_kinds[REC_DRIVER], "product_unit");
	if (derived && (given & driver_bit("product_unit")) && *d->product_unit && strcmp(derived, d->product_unit) != 0)
		rc = ap_fail(e, AP_EINPUT, "%s '%s' is not the unit the chain gives, '%s' (leave it out: the chain gives it)",
			rec_field_what(pu, (enum rec_naming)how, what, sizeof what), d->product_unit, derived);
	else if (derived) {
		free(d->product_unit);
		d->product_unit = derived;
		derived = NULL;
	}
	free(derived);
	return rc;
}

#define NF(a) ((int)(sizeof a / sizeof a[0]))
#define KIND(id, name, family, table, f, T, versioned, order, list, form, check, settle) \
	[id] = {id, name, family, table, f, NF(f), sizeof(T), versioned, order, list, form, check, settle}

const rec_kind rec_kinds[REC_NKINDS] = {
	KIND(REC_ACCOUNT, "account", "account", "account", account_f, ap_account, 1, "name",
		"name industry segment created", "name industry segment", NULL, NULL),
	KIND(REC_ANSWER, "answer", "answer", "answer", answer_f, ap_answer, 0, "",
		"date value source confidence by", "value source confidence", NULL, NULL),
	KIND(REC_CONTACT, "contact", "contact", "contact", contact_f, ap_contact, 1, "",
		"name title role tier reports_to owner level stance influence",
		"name title role tier reports_to owner level stance influence", NULL, NULL),
	KIND(REC_COMPETITOR, "competitor", "competitor", "competitor", competitor_f, ap_competitor, 1, "",
		"name differentiator", "name differentiator", NULL, NULL),
	/* Listed in the order 'endcustomer list' always printed: scripts read CSV columns by position. */
	KIND(REC_ENDCUSTOMER, "end customer", "endcustomer", "end_customer", endcustomer_f, ap_endcustomer, 1, "",
		"name industry trend ask", "name industry trend ask", NULL, NULL),
	/* A meeting without a word on it tells the next reader nothing: the form wants a summary. */
	KIND(REC_MEETING, "meeting", "meeting", "engagement", meeting_f, ap_meeting, 1, "-date",
		"date tier kind news shared summary status objective outcome with ours",
		"tier date kind news shared summary! status objective outcome with ours", meeting_check,
		meeting_settle),
	KIND(REC_NOTE, "note", "note", "note", note_f, ap_note, 1, "-date",
		"date tier by tags text", "tier tags text!", NULL, NULL),
	KIND(REC_SNOOZE, "snooze", "snooze", "snooze", snooze_f, ap_snooze, 0, "rule question",
		"rule question until reason created", "until reason", NULL, NULL),
	KIND(REC_DRIVER, "demand driver", "driver", "demand_driver", driver_f, ap_driver, 1, "",
		"metric metric_unit value growth steps share product_unit", NULL, driver_check, driver_settle),
	KIND(REC_MEMBER, "member", "member", "member", member_f, ap_member, 1, "name",
		"name tier email active function", "name tier function email", member_check, member_settle),
	KIND(REC_LINK, "contact link", "link", "contact_link", link_f, ap_link, 0, "",
		"from kind to", "from kind to", NULL, NULL),
	KIND(REC_ACTION, "action", "action", "action", action_f, ap_action, 1, "due",
		"due status account owner title tier flag contact outcome reason closed by",
		"title! owner due tier contact", action_check, NULL),
	KIND(REC_ORDER, "order", "order", "customer_order", order_f, ap_order, 1, "period product currency",
		"period product amount currency", "period product amount currency", order_check, NULL),
	KIND(REC_EXCHANGE, "exchange", "exchange", "exchange", exchange_f, ap_exchange, 1, "-date",
		"date account direction kind by text", "direction kind text! date by", exchange_check, exchange_settle),
	KIND(REC_ADVOCACY, "advocacy", "advocacy", "advocacy", advocacy_f, ap_advocacy, 1, "-date",
		"date account kind contact consent_until text", "kind contact date consent_until text", advocacy_check,
		NULL),
};

int rec_pick(const rec_kind *k, const char *spec, const rec_field **out, unsigned *marked, int max)
{
	int n = 0;
	if (marked)
		*marked = 0;
	for (const char *p = spec ? spec : ""; *p && n < max;) {
		p += strspn(p, " ");
		size_t len = strcspn(p, " !");
		if (!len)
			break;
		char key[32];
		snprintf(key, sizeof key, "%.*s", (int)len, p);
		const rec_field *f = rec_field_by_key(k, key);
		if (!f) {
			fprintf(stderr, "acctplan: bug: %s has no field '%s'\n", k->name, key);
			abort();
		}
		if (p[len] == '!' && marked)
			*marked |= 1u << n;
		out[n++] = f;
		p += len + (p[len] == '!');
	}
	return n;
}

const rec_field *rec_field_by_key(const rec_kind *k, const char *key)
{
	for (int i = 0; i < k->nfields; i++)
		if (k->fields[i].key && strcmp(k->fields[i].key, key) == 0)
			return &k->fields[i];
	return NULL;
}

void *rec_slot(const rec_field *f, void *rec) { return (char *)rec + f->off; }
const void *rec_cslot(const rec_field *f, const void *rec) { return (const char *)rec + f->off; }

int rec_is_string(enum rec_type t)
{
	return t == RT_TEXT || t == RT_DATE || t == RT_STAMP || t == RT_TAGS || t == RT_NAMES;
}

char rec_list_sep(enum rec_type t) { return t == RT_TAGS ? ' ' : t == RT_NAMES ? '\n' : 0; }

char *rec_names_joined(const char *names, const char *sep)
{
	ap_buf b = {0};
	for (const char *p = names ? names : ""; *p;) {
		size_t n = strcspn(p, "\n");
		buf_printf(&b, "%s%.*s", b.len ? sep : "", (int)n, p);
		p += n + (p[n] == '\n');
	}
	return b.s ? buf_steal(&b) : xstrdup("");
}

char *rec_names_split(const char *line)
{
	ap_buf b = {0};
	for (const char *p = line ? line : ""; *p;) {
		size_t n = strcspn(p, ",");
		const char *s = p, *end = p + n;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > s)
			buf_printf(&b, "%s%.*s", b.len ? "\n" : "", (int)(end - s), s);
		p += n + (p[n] == ',');
	}
	return b.s ? buf_steal(&b) : xstrdup("");
}

void rec_clear(const rec_kind *k, void *rec)
{
	for (int i = 0; i < k->nfields; i++)
		if (rec_is_string(k->fields[i].type)) {
			char **p = rec_slot(&k->fields[i], rec);
			free(*p);
			*p = NULL;
		}
}

void rec_defaults(const rec_kind *k, void *rec)
{
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		void *slot = rec_slot(f, rec);
		if (f->type == RT_REAL)
			*(double *)slot = NAN;
		else if (f->type == RT_ENUM || f->type == RT_BOOL)
			*(int *)slot = f->dflt;
	}
}

int rec_parse_real(const char *what, const char *s, int percent, double *out, ap_err *e)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (percent && end > s && *end == '%')
		end++;
	if (!*s || isspace((unsigned char)*s) || *end || errno == ERANGE || !isfinite(v))
		return ap_fail(e, AP_EINPUT, "%s: '%s' is not a %s", what, s,
			percent ? "percent (a finite number such as 12.5)" : "finite number (such as 1.5e9)");
	*out = v;
	return AP_OK;
}

const char *rec_field_what(const rec_field *f, enum rec_naming how, char *buf, size_t size)
{
	if (how == REC_BY_OPTION && f->opt) {
		snprintf(buf, size, "--%s", f->opt);
		return buf;
	}
	return f->label;
}

static int check_tags(const char *what, const char *tags, ap_err *e)
{
	int rc = ap_text_check(what, tags, 0, e);
	if (rc)
		return rc;
	for (const char *p = tags; *p;) {
		size_t n = strcspn(p, " ");
		if (!n || strchr("\t", p[0]) || memchr(p, '\t', n))
			return ap_fail(e, AP_EINPUT, "%s '%.*s': a tag is one word", what, (int)(n ? n : 1), p);
		p += n + (p[n] == ' ');
	}
	return AP_OK;
}

/* Each a name, none twice (as names compare: "carl" is Carl). */
static int check_names(const char *what, const char *names, ap_err *e)
{
	int rc = AP_OK;
	char **keys = NULL;
	size_t n = 0;
	for (const char *p = names; !rc && *p;) {
		size_t len = strcspn(p, "\n");
		char *one = xstrndup(p, len);
		if (!(rc = ap_name_check(what, one, e))) {
			keys = xrealloc(keys, (n + 1) * sizeof *keys);
			keys[n] = ap_name_key(one);
			for (size_t i = 0; i < n && !rc; i++)
				if (strcmp(keys[i], keys[n]) == 0)
					rc = ap_fail(e, AP_EINPUT, "%s: '%s' is named twice", what, one);
			n++;
		}
		free(one);
		p += len + (p[len] == '\n');
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	return rc;
}

int rec_check_stamp(const char *what, const char *s, ap_err *e)
{
	long days;
	char date[11];
	unsigned hh, mm, ss;
	char z;
	if (strlen(s) == 20 && sscanf(s, "%10[0-9-]T%2u:%2u:%2u%c", date, &hh, &mm, &ss, &z) == 5 && z == 'Z' &&
	    ap_date_parse(date, &days) == 0 && hh < 24 && mm < 60 && ss < 61)
		return AP_OK;
	return ap_fail(e, AP_EINPUT, "%s '%s' is not a timestamp (expected YYYY-MM-DDTHH:MM:SSZ)", what, s);
}

int rec_check_field(const rec_field *f, const void *rec, const char *what, ap_err *e)
{
	const void *slot = rec_cslot(f, rec);
	const char *s = rec_is_string(f->type) ? *(char *const *)slot : NULL;
	int v;
	switch (f->type) {
	case RT_TEXT:
		if (!s)
			return AP_OK;
		if ((f->flags & RF_NAME) && !(!*s && (f->flags & RF_NULL)))
			return ap_name_check(what, s, e);
		if (ap_text_check(what, s, (f->flags & RF_MULTI) != 0, e))
			return AP_EINPUT;
		/* An answer of blanks would count as answered: it must show something. */
		return f->flags & RF_NONEMPTY ? ap_text_shows(what, s, e) : AP_OK;
	case RT_TAGS:
		return s ? check_tags(what, s, e) : AP_OK;
	case RT_NAMES:
		return s ? check_names(what, s, e) : AP_OK;
	case RT_DATE:
		return s && *s ? ap_date_check(what, s, NULL, e) : AP_OK;
	case RT_STAMP:
		return s && *s ? rec_check_stamp(what, s, e) : AP_OK;
	case RT_ENUM:
		v = *(const int *)slot;
		if ((v < 0 && (f->flags & RF_NULL)) || (v >= 0 && v < f->names->count))
			return AP_OK;
		return ap_fail(e, AP_EINPUT, "%s: no %s given", what, f->names->what);
	case RT_REAL:
		return isinf(*(const double *)slot) ? ap_fail(e, AP_EINPUT, "%s is not a finite number", what) : AP_OK;
	case RT_ID:
	case RT_INT:
		return *(const long long *)slot < 0 && !(f->flags & RF_SIGNED) ? ap_fail(e, AP_EINPUT, "%s is negative", what)
		                                                             : AP_OK;
	case RT_BOOL:
		return AP_OK;
	}
	return AP_OK;
}

int rec_check_entry(const rec_field *f, const void *rec, const char *what, ap_err *e)
{
	int rc = rec_check_field(f, rec, what, e);
	const char *s = f->type == RT_DATE ? *(char *const *)rec_cslot(f, rec) : NULL;
	/* A future date would read as "today" wherever the age of an answer or
	 * a note is counted, and stale rules would never see it age. */
	if (!rc && (f->flags & RF_HAPPENED) && s && *s)
		rc = ap_date_check_not_ahead(what, s, e);
	return rc;
}

int rec_check(const rec_kind *k, const void *rec, enum rec_naming how, ap_err *e)
{
	char buf[64];
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		if (f->flags & (RF_META | RF_PARENT))
			continue;
		if (!f->key && (f->flags & RF_NOWRITE))
			continue;
		int rc = rec_check_field(f, rec, rec_field_what(f, how, buf, sizeof buf), e);
		if (rc)
			return rc;
	}
	return k->check ? k->check(rec, e) : AP_OK;
}

void rec_evidence_unset(const rec_kind *k, void *rec, unsigned long long given)
{
	for (int i = 0; i < k->nfields && i < 64; i++)
		if ((k->fields[i].flags & RF_EVIDENCE) && !(given >> i & 1))
			*(int *)rec_slot(&k->fields[i], rec) = -1;
}

int rec_evidence_left(const rec_kind *k, const void *rec)
{
	for (int i = 0; i < k->nfields; i++)
		if ((k->fields[i].flags & RF_EVIDENCE) && *(const int *)rec_cslot(&k->fields[i], rec) < 0)
			return 1;
	return 0;
}

void rec_evidence_keep(const rec_kind *k, void *rec, const void *old)
{
	int same = 0;
	for (int i = 0; old && i < k->nfields; i++)
		if (k->fields[i].flags & RF_ARG) {
			const char *was = *(char *const *)rec_cslot(&k->fields[i], old);
			const char *now = *(char *const *)rec_cslot(&k->fields[i], rec);
			same = was && now && strcmp(was, now) == 0;
		}
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		int *slot = rec_slot(f, rec);
		if (!(f->flags & RF_EVIDENCE) || *slot >= 0)
			continue;
		int kept = same ? *(const int *)rec_cslot(f, old) : -1;
		*slot = kept >= 0 ? kept : f->dflt;
	}
}

int rec_repair_text(char **sp, int name, int multiline)
{
	return *sp ? ap_text_repair(*sp, name, multiline) : 0;
}

int rec_repair(const rec_kind *k, void *rec, const char *where, ap_buf *log)
{
	int n = 0;
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		if (f->type != RT_TEXT || (f->flags & (RF_META | RF_NOWRITE)))
			continue;
		char **slot = rec_slot(f, rec);
		char *before = *slot ? xstrdup(*slot) : NULL;
		int name = (f->flags & RF_NAME) != 0;
		if (rec_repair_text(slot, name, (f->flags & RF_MULTI) != 0)) {
			n++;
			if (log)
				buf_printf(log, "%s: %s %s (was %zu bytes, now %zu)\n", where, f->label,
					name ? "trimmed and cleaned of control characters" : "cleaned of control characters",
					strlen(before), strlen(*slot));
		}
		free(before);
	}
	return n;
}

/* ACCTPLAN_NOW as a stamp: "YYYY-MM-DD", or with "THH:MM[:SS]" (a blank
 * for the T, a Z at the end, both optional). 0 when pin is one, in out. */
static int now_parse(const char *pin, char out[21])
{
	char date[11];
	long days;
	unsigned hh = 0, mm = 0, ss = 0;
	int used = 0;
	size_t n = strlen(pin);
	if (n < 10)
		return -1;
	memcpy(date, pin, 10);
	date[10] = '\0';
	if (ap_date_parse(date, &days) != 0)
		return -1;
	if (n > 10) {
		if ((pin[10] != 'T' && pin[10] != ' ') || sscanf(pin + 11, "%2u:%2u%n", &hh, &mm, &used) != 2)
			return -1;
		const char *tail = pin + 11 + used;
		if (*tail == ':' && sscanf(tail + 1, "%2u%n", &ss, &used) == 1)
			tail += 1 + used;
		if (hh > 23 || mm > 59 || ss > 59 || (*tail && strcmp(tail, "Z") != 0))
			return -1;
	}
	snprintf(out, 21, "%sT%02u:%02u:%02uZ", date, hh, mm, ss);
	return 0;
}

int ap_now_check(ap_err *e)
{
	const char *pin = getenv("ACCTPLAN_NOW");
	char out[21];
	if (pin && *pin && now_parse(pin, out) != 0)
		return ap_fail(e, AP_EINPUT, "ACCTPLAN_NOW '%s' is not a time acctplan can use "
			"(expected YYYY-MM-DDTHH:MM:SSZ, the date from %s to %s)", pin, AP_DATE_FIRST, AP_DATE_LAST);
	return AP_OK;
}

void ap_now_stamp(char out[21])
{
	const char *pin = getenv("ACCTPLAN_NOW");
	long days;
	if (pin && now_parse(pin, out) == 0)
		return;
	const char *today = getenv("ACCTPLAN_TODAY");
	if (today && *today && ap_date_parse(today, &days) == 0) {
		char date[11];
		ap_date_format(days, date);
		snprintf(out, 21, "%sT00:00:00Z", date);
		return;
	}
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void rec_clear_meta(const rec_kind *k, void *rec)
{
	for (int i = 0; i < k->nfields; i++) {
		const rec_field *f = &k->fields[i];
		void *slot = rec_slot(f, rec);
		if (!(f->flags & RF_META))
			continue;
		if (rec_is_string(f->type)) {
			free(*(char **)slot);
			*(char **)slot = NULL;
		} else if (f->type == RT_ID || f->type == RT_INT) {
			*(long long *)slot = 0;
		}
	}
}

/* By key here, where the tables name them, so no other file has to. */
const rec_field *rec_id_field(const rec_kind *k) { return rec_field_by_key(k, "id"); }
const rec_field *rec_version_field(const rec_kind *k) { return rec_field_by_key(k, "version"); }
const rec_field *rec_replaces_field(const rec_kind *k) { return rec_field_by_key(k, "replaces"); }
