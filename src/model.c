/* model.c - enumeration tables and destructors of the model structs. */
#include <stdlib.h>

#include "acctplan/model.h"

#define AP_NAME_(id, name) name,
#define AP_NAMES_(var, what, TABLE) \
	static const char *const var##_v[] = {TABLE(AP_NAME_)}; \
	const ap_names var = {what, var##_v, (int)(sizeof var##_v / sizeof var##_v[0])};

AP_NAMES_(ap_tiers, "tier", AP_TIER_TABLE)
AP_NAMES_(ap_sources, "source", AP_SOURCE_TABLE)
AP_NAMES_(ap_confidences, "confidence", AP_CONFIDENCE_TABLE)
AP_NAMES_(ap_roles, "buying role", AP_ROLE_TABLE)
AP_NAMES_(ap_segments, "segment", AP_SEGMENT_TABLE)
AP_NAMES_(ap_severities, "severity", AP_SEVERITY_TABLE)
AP_NAMES_(ap_trends, "trend", AP_TREND_TABLE)
AP_NAMES_(ap_meetkinds, "meeting kind", AP_MEETKIND_TABLE)
AP_NAMES_(ap_news, "news", AP_NEWS_TABLE)
AP_NAMES_(ap_formats, "format", AP_FORMAT_TABLE)

const char *ap_tier_label(int tier)
{
	static const char *const labels[] = {"Sales", "Product", "Executive"};
	return tier >= 0 && tier < TIER_COUNT ? labels[tier] : "?";
}

#define FREE_(x) (free(x), (x) = NULL)

void ap_account_clear(ap_account *a) { FREE_(a->name); FREE_(a->industry); FREE_(a->created); }
void ap_answer_clear(ap_answer *a) { FREE_(a->question); FREE_(a->value); FREE_(a->author); FREE_(a->date); }
void ap_contact_clear(ap_contact *c) { FREE_(c->name); FREE_(c->title); FREE_(c->reports_to); }
void ap_competitor_clear(ap_competitor *c) { FREE_(c->name); FREE_(c->differentiator); }
void ap_endcustomer_clear(ap_endcustomer *c) { FREE_(c->name); FREE_(c->industry); FREE_(c->ask); }
void ap_meeting_clear(ap_meeting *m) { FREE_(m->date); FREE_(m->summary); }
void ap_note_clear(ap_note *n) { FREE_(n->author); FREE_(n->date); FREE_(n->body); FREE_(n->tags); FREE_(n->account); }
void ap_snooze_clear(ap_snooze *s)
{
	FREE_(s->account); FREE_(s->rule); FREE_(s->question); FREE_(s->until); FREE_(s->reason); FREE_(s->created);
}
void ap_driver_clear(ap_driver *d) { FREE_(d->metric); FREE_(d->metric_unit); FREE_(d->factor_unit); FREE_(d->product_unit); }
