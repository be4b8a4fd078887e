/* model.c - enumeration tables and destructors of the model structs. */
#include <stdlib.h>

#include "acctplan/model.h"
#include "acctplan/record.h"

#define AP_NAME_(id, name) name,
#define AP_NAMES_(var, what, TABLE) \
	static const char *const var##_v[] = {TABLE(AP_NAME_)}; \
	const ap_names var = {what, var##_v, (int)(sizeof var##_v / sizeof var##_v[0])};

AP_NAMES_(ap_tiers, "tier", AP_TIER_TABLE)
AP_NAMES_(ap_functions, "function", AP_FUNCTION_TABLE)
AP_NAMES_(ap_sources, "source", AP_SOURCE_TABLE)
AP_NAMES_(ap_confidences, "confidence", AP_CONFIDENCE_TABLE)
AP_NAMES_(ap_roles, "buying role", AP_ROLE_TABLE)
AP_NAMES_(ap_segments, "segment", AP_SEGMENT_TABLE)
AP_NAMES_(ap_severities, "severity", AP_SEVERITY_TABLE)
AP_NAMES_(ap_trends, "trend", AP_TREND_TABLE)
AP_NAMES_(ap_meetkinds, "meeting kind", AP_MEETKIND_TABLE)
AP_NAMES_(ap_news, "news", AP_NEWS_TABLE)
AP_NAMES_(ap_formats, "format", AP_FORMAT_TABLE)
AP_NAMES_(ap_levels, "relationship level", AP_LEVEL_TABLE)
AP_NAMES_(ap_stances, "stance", AP_STANCE_TABLE)
AP_NAMES_(ap_influences, "influence", AP_INFLUENCE_TABLE)
AP_NAMES_(ap_mstatuses, "meeting status", AP_MSTATUS_TABLE)
AP_NAMES_(ap_linkkinds, "kind of line", AP_LINK_TABLE)
AP_NAMES_(ap_astatuses, "action status", AP_ASTATUS_TABLE)
AP_NAMES_(ap_rstatuses, "review status", AP_RSTATUS_TABLE)
AP_NAMES_(ap_rstates, "review state", AP_RSTATE_TABLE)
AP_NAMES_(ap_xdirs, "direction", AP_XDIR_TABLE)
AP_NAMES_(ap_advkinds, "kind of advocacy", AP_ADVKIND_TABLE)
#define AP_NAME3_(id, name, sides) name,
#define AP_SIDES_(id, name, sides) sides,
static const char *const ap_xkinds_v[] = {AP_XKIND_TABLE(AP_NAME3_)};
const ap_names ap_xkinds = {"kind of exchange", ap_xkinds_v, XKIND_COUNT};
const unsigned ap_xkind_sides[XKIND_COUNT] = {AP_XKIND_TABLE(AP_SIDES_)};

int ap_function_of_tier(int tier)
{
	static const int of[TIER_COUNT] = {[TIER_SALES] = FUNC_SALES, [TIER_PRODUCT] = FUNC_PRODUCT_MANAGEMENT,
		[TIER_EXEC] = FUNC_EXECUTIVE};
	return tier >= 0 && tier < TIER_COUNT ? of[tier] : FUNC_OTHER;
}

const char *ap_tier_label(int tier)
{
	static const char *const labels[] = {"Sales", "Product", "Executive"};
	return tier >= 0 && tier < TIER_COUNT ? labels[tier] : "?";
}

/* Destructors come from the record tables: a field added there is freed here. */
#define CLEAR_(fn, T, kind) void fn(T *r) { rec_clear(&rec_kinds[kind], r); }
CLEAR_(ap_account_clear, ap_account, REC_ACCOUNT)
CLEAR_(ap_answer_clear, ap_answer, REC_ANSWER)
CLEAR_(ap_contact_clear, ap_contact, REC_CONTACT)
CLEAR_(ap_competitor_clear, ap_competitor, REC_COMPETITOR)
CLEAR_(ap_endcustomer_clear, ap_endcustomer, REC_ENDCUSTOMER)
CLEAR_(ap_meeting_clear, ap_meeting, REC_MEETING)
CLEAR_(ap_note_clear, ap_note, REC_NOTE)
CLEAR_(ap_snooze_clear, ap_snooze, REC_SNOOZE)
CLEAR_(ap_driver_clear, ap_driver, REC_DRIVER)
CLEAR_(ap_member_clear, ap_member, REC_MEMBER)
CLEAR_(ap_link_clear, ap_link, REC_LINK)
CLEAR_(ap_action_clear, ap_action, REC_ACTION)
CLEAR_(ap_order_clear, ap_order, REC_ORDER)
CLEAR_(ap_exchange_clear, ap_exchange, REC_EXCHANGE)
CLEAR_(ap_advocacy_clear, ap_advocacy, REC_ADVOCACY)

/* The review structs are not record kinds (a review spans accounts and is
 * walked, not edited field by field): their strings are freed by hand. */
void ap_review_clear(ap_review *r)
{
	free(r->date);
	free(r->closed);
	free(r->by);
	free(r->with);
	*r = (ap_review){0};
}

void ap_review_account_clear(ap_review_account *a)
{
	free(a->account);
	free(a->done_at);
	free(a->done_by);
	*a = (ap_review_account){0};
}

void ap_decision_clear(ap_decision *d)
{
	free(d->account);
	free(d->text);
	free(d->by);
	free(d->at);
	free(d->review_date);
	*d = (ap_decision){0};
}

void ap_confirmation_clear(ap_confirmation *c)
{
	free(c->account);
	free(c->question);
	free(c->value);
	free(c->by);
	free(c->on);
	free(c->answer_date);
	*c = (ap_confirmation){0};
}

void ap_change_clear(ap_change *c)
{
	free(c->kind);
	free(c->at);
	free(c->what);
	*c = (ap_change){0};
}
