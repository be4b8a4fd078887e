/* brief_render.c - laying a brief out as report blocks. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"
#include "acctplan/facts.h"
#include "acctplan/outfile.h"

/* Flags named under "at a glance"; the rest are counted. */
#define GLANCE_FLAGS 3
/* Engagements shown per tier, and notes in all. */
#define HISTORY_PER_TIER 2
#define HISTORY_NOTES 3
/* Flags listed under each attendee of the next meeting, at most. */
#define NEXT_FLAGS 3
/* The other tiers' essentials: indent of a sub-item, and the fewest columns
 * of an answer shown however long its label. */
#define ESSENTIAL_INDENT 8
#define ESSENTIAL_MIN 20
#define NOTE_COLS 200
/* Gives and takes listed in the give and take, newest first. */
#define GIVE_TAKE_SHOWN 4

/* A command for the reader to paste, given as its words: doc_command quotes
 * each one for the shell, so the account's name stays one argument. */
#define COMMAND(d, ...) doc_command((d), (const char *const[]){__VA_ARGS__}, \
	(int)(sizeof (const char *const[]){__VA_ARGS__} / sizeof(const char *)))

/* Cells of a table being filled row by row. */
typedef AP_VEC(char *) cells;

static void cell(cells *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void cell(cells *c, const char *fmt, ...)
{
	ap_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*ap_vec_push(c) = buf_steal(&b);
}

static void cell_free(char **s) { free(*s); }

static void table(doc *d, const char *const *cols, int ncols, cells *c)
{
	doc_table(d, cols, ncols, (const char *const *)c->v, c->n / (size_t)ncols);
	ap_vec_free(c, cell_free);
}

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

static const char *label_of(const brief *b, const char *id)
{
	const qb_question *q = qbank_find(b->qb, id);
	return q && q->label ? q->label : id;
}

/* ---- the account at a glance ---- */

/* " (in hand: Ana Lima until 2026-12-01)" for a flag someone has taken on, else "". */
static const char *in_hand(const rule_flag *f, ap_buf *b)
{
	b->len = 0;
	buf_puts(b, "");
	if (f->hand_owner) {
		buf_puts(b, " (");
		rule_flag_hand_text(f, b);
		buf_puts(b, ")");
	}
	return b->s;
}

static char *flag_counts(const brief *b)
{
	ap_buf t = {0};
	for (int s = SEVERITY_COUNT - 1; s >= 0; s--)
		if (b->by_severity[s])
			buf_printf(&t, "%s%zu %s", t.len ? ", " : "", b->by_severity[s], ap_severities.names[s]);
	return t.len ? buf_steal(&t) : (buf_free(&t), xstrdup("none"));
}

static void glance(const brief *b, doc *d)
{
	static const char *const cols[] = {"Item", "Value"};
	static const char *const ids[] = {"growth", "market_position", "alignment", "posture", "demand_outlook"};
	cells c = {0};
	doc_heading(d, "At a glance");
	cell(&c, "Industry");
	cell(&c, "%s", *b->acc.industry ? b->acc.industry : "not recorded");
	cell(&c, "Segment");
	cell(&c, "%s", ap_name(&ap_segments, b->acc.segment, "other"));
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		const ap_answer *a = brief_answer(b, ids[i]);
		cell(&c, "%s", label_of(b, ids[i]));
		cell(&c, "%s", a ? a->value : "not known");
	}
	char *counts = flag_counts(b);
	cell(&c, "Flags");
	cell(&c, "%s", counts);
	free(counts);
	table(d, cols, 2, &c);
	size_t shown = 0;
	ap_buf hand = {0};
	for (size_t i = 0; i < b->flags.n && shown < GLANCE_FLAGS; i++)
		if (b->flags.v[i].severity >= SEV_HIGH) {
			doc_item(d, "%s: %s%s", ap_severities.names[b->flags.v[i].severity], b->flags.v[i].message,
				in_hand(&b->flags.v[i], &hand));
			shown++;
		}
	buf_free(&hand);
	if (b->flags.n > shown) {
		doc_item(d, "%s%zu flag%s in all; to list them:", shown ? "" : "no high or critical flags; ",
			b->flags.n, plural(b->flags.n));
		COMMAND(d, "acctplan", "check", b->acc.name);
	}
}

/* ---- who we meet ---- */

static void role_gaps(const brief *b, doc *d)
{
	static const int key_roles[] = {ROLE_DECISION_MAKER, ROLE_PO_ISSUER, ROLE_PAYMENT_RELEASER, ROLE_CHAMPION};
	size_t held[TIER_COUNT] = {0};
	const char *missing[sizeof key_roles / sizeof key_roles[0]];
	size_t nmissing = 0;
	for (size_t k = 0; k < sizeof key_roles / sizeof key_roles[0]; k++) {
		int found = 0;
		for (size_t i = 0; i < b->contacts.n && !found; i++)
			found = b->contacts.v[i].role == key_roles[k];
		if (!found)
			missing[nmissing++] = ap_roles.names[key_roles[k]];
	}
	for (size_t i = 0; i < b->contacts.n; i++)
		if (b->contacts.v[i].tier >= 0 && b->contacts.v[i].tier < TIER_COUNT)
			held[b->contacts.v[i].tier]++;
	if (nmissing) {
		ap_names gaps = {"buying role", missing, (int)nmissing};
		char *list = ap_names_join(&gaps, " or ");
		doc_item(d, "gap: nobody known as %s", list);
		free(list);
	}
	for (int t = 0; t < TIER_COUNT; t++)
		if (held[t] == b->contacts.n)
			doc_item(d, "gap: %s holds every relationship; nobody else talks to them", ap_tiers.names[t]);
	if (!held[b->tier])
		doc_item(d, "gap: %s holds none of these relationships; ask for an introduction",
			ap_tiers.names[b->tier]);
}

/* The tier, and who of ours holds the relationship how deep, where recorded. */
static void held_by(cells *c, const ap_contact *ct)
{
	const char *tier = ap_name(&ap_tiers, ct->tier, "?");
	if (*ct->owner)
		cell(c, "%s: %s, %s", tier, ct->owner, ap_name(&ap_levels, ct->level, "?"));
	else if (ct->level != LEVEL_UNKNOWN)
		cell(c, "%s, %s", tier, ap_name(&ap_levels, ct->level, "?"));
	else
		cell(c, "%s", tier);
}

static void who(const brief *b, doc *d)
{
	static const char *const cols[] = {"Role", "Contact", "Title", "Held by"};
	doc_heading(d, "Who we meet");
	if (b->contacts.n == 0) {
		doc_para(d, "No contacts recorded: nobody knows who decides, who orders and who pays. To add one:");
		COMMAND(d, "acctplan", "contact", "add", b->acc.name, "NAME", "--role", "ROLE");
		return;
	}
	cells c = {0};
	for (size_t i = 0; i < b->contacts.n; i++) {
		const ap_contact *ct = &b->contacts.v[i];
		cell(&c, "%s", ap_name(&ap_roles, ct->role, "-"));
		cell(&c, "%s%s%s", ct->name, *ct->reports_to ? ", reports to " : "", ct->reports_to);
		cell(&c, "%s", ct->title);
		held_by(&c, ct);
	}
	table(d, cols, 4, &c);
	role_gaps(b, d);
}

/* ---- the next meeting ---- */

static const ap_contact *contact_named(const brief *b, const char *name)
{
	for (size_t i = 0; i < b->contacts.n; i++)
		if (strcmp(b->contacts.v[i].name, name) == 0)
			return &b->contacts.v[i];
	return NULL;
}

/* The open flags that name a contact, and those of a tier: what to raise with them. */
static void flags_about(const brief *b, doc *d, const char *name, int tier)
{
	int shown = 0;
	ap_buf hand = {0};
	for (size_t i = 0; i < b->flags.n && shown < NEXT_FLAGS; i++) {
		const rule_flag *f = &b->flags.v[i];
		if (f->snoozed || (name ? !strstr(f->message, name) : f->tier != tier))
			continue;
		if (name)
			doc_sub(d, "flag (%s): %s%s", ap_name(&ap_severities, f->severity, "?"), f->message, in_hand(f, &hand));
		else
			doc_item(d, "%s: %s%s", ap_name(&ap_severities, f->severity, "?"), f->message, in_hand(f, &hand));
		shown++;
	}
	buf_free(&hand);
}

/* One attendee of theirs: buying role, how deep, how they feel, when last met, who holds them. */
static void their_attendee(const brief *b, doc *d, const char *name)
{
	const ap_contact *ct = contact_named(b, name);
	if (!ct) {
		doc_item(d, "%s", name);
		return;
	}
	const char *met = store_touch_of(&b->touches, ct->id);
	doc_item(d, "%s%s%s: %s, level %s, stance %s, last met %s, held by %s", ct->name, *ct->title ? ", " : "",
		ct->title, ap_name(&ap_roles, ct->role, "no buying role known"), ap_name(&ap_levels, ct->level, "?"),
		ap_name(&ap_stances, ct->stance, "?"), *met ? met : "never", *ct->owner ? ct->owner : "nobody");
	flags_about(b, d, ct->name, -1);
}

static void next_meeting(const brief *b, doc *d)
{
	const ap_meeting *m = b->next;
	if (!m)
		return;
	doc_heading(d, "Next meeting");
	doc_para(d, "%s, %s%s%s", m->date, ap_name(&ap_meetkinds, m->kind, "?"), *m->summary ? ": " : "", m->summary);
	doc_item(d, "objective: %s", *m->objective ? m->objective : "none given (agree one before you go)");
	doc_para(d, "They attend:");
	if (!*m->with)
		doc_item(d, "nobody named yet");
	for (const char *p = m->with; *p;) {
		size_t n = strcspn(p, "\n");
		char *one = xstrndup(p, n);
		their_attendee(b, d, one);
		free(one);
		p += n + (p[n] == '\n');
	}
	doc_para(d, "We attend:");
	if (!*m->ours)
		doc_item(d, "nobody named yet");
	for (const char *p = m->ours; *p;) {
		size_t n = strcspn(p, "\n");
		doc_item(d, "%.*s", (int)n, p);
		p += n + (p[n] == '\n');
	}
	doc_para(d, "Open flags of the %s tier:", ap_tiers.names[b->tier]);
	flags_about(b, d, NULL, b->tier);
}

/* ---- what we know ---- */

static char *age_text(const brief *b, const ap_answer *a)
{
	long days;
	if (ap_date_parse(a->date, &days) != 0)
		return xstrdup("?");
	long age = b->today - days;
	return age <= 0 ? xstrdup("today") : xasprintf("%ld day%s", age, age == 1 ? "" : "s");
}

static void other_tier(const brief *b, doc *d, int tier)
{
	size_t total = 0, answered = 0;
	for (size_t i = 0; i < b->qb->n; i++)
		if (qbank_in_tier(&b->qb->q[i], tier)) {
			total++;
			answered += brief_answer(b, b->qb->q[i].id) != NULL;
		}
	doc_item(d, "%s: %zu of %zu answered", ap_tier_label(tier), answered, total);
	for (size_t i = 0; i < b->qb->n; i++) {
		const qb_question *q = &b->qb->q[i];
		const ap_answer *a = qbank_in_tier(q, tier) ? brief_answer(b, q->id) : NULL;
		if (!a)
			continue;
		/* One line: the sub-item's indent, the label and the answer fit the width. */
		int cols = d->width - ESSENTIAL_INDENT - ap_display_width(q->label) - 2;
		char *v = brief_clip(a->value, cols > ESSENTIAL_MIN ? cols : ESSENTIAL_MIN);
		doc_sub(d, "%s: %s", q->label, v);
		free(v);
	}
}

static void known(const brief *b, doc *d)
{
	static const char *const cols[] = {"Question", "Answer", "Age", "Evidence"};
	cells c = {0};
	size_t total = 0;
	doc_heading(d, "What we know");
	for (size_t i = 0; i < b->qb->n; i++) {
		const qb_question *q = &b->qb->q[i];
		if (!qbank_in_tier(q, b->tier))
			continue;
		total++;
		const ap_answer *a = brief_answer(b, q->id);
		if (!a)
			continue;
		cell(&c, "%s", q->label);
		cell(&c, "%s", a->value);
		*ap_vec_push(&c) = age_text(b, a);
		cell(&c, "%s, %s", ap_name(&ap_sources, a->source, "?"), ap_name(&ap_confidences, a->confidence, "?"));
	}
	size_t answered = c.n / 4;
	doc_para(d, "%s has answered %zu of its %zu questions.", ap_tier_label(b->tier), answered, total);
	if (answered)
		table(d, cols, 4, &c);
	else
		ap_vec_free(&c, cell_free);
	doc_para(d, "The other tiers, in one line each:");
	for (int t = 0; t < TIER_COUNT; t++)
		if (t != b->tier)
			other_tier(b, d, t);
}

/* ---- what to ask ---- */

static char *ask_reason(const brief *b, const brief_ask *k)
{
	ap_buf r = {0};
	if (k->reasons & BRIEF_UNANSWERED)
		buf_puts(&r, "nobody has answered it");
	if ((k->reasons & BRIEF_STALE) && k->answer) {
		char *age = age_text(b, k->answer);
		buf_printf(&r, "%slast answered %s ago", r.len ? "; " : "", age);
		free(age);
	}
	if ((k->reasons & BRIEF_WEAK) && k->answer)
		buf_printf(&r, "%sthe answer rests on %s, %s confidence", r.len ? "; " : "",
			ap_name(&ap_sources, k->answer->source, "?"), ap_name(&ap_confidences, k->answer->confidence, "?"));
	return buf_steal(&r);
}

static void ask(const brief *b, doc *d)
{
	doc_heading(d, "What to ask");
	if (b->agenda.n == 0) {
		doc_para(d, "Nothing open for %s: its questions are answered, fresh and founded.", ap_tiers.names[b->tier]);
		return;
	}
	for (size_t i = 0; i < b->agenda.n; i++) {
		const brief_ask *k = &b->agenda.v[i];
		char *why = ask_reason(b, k);
		doc_step(d, (int)i + 1, "%s (%s)", k->q->text, why);
		if (k->q->help && *k->q->help)
			doc_sub(d, "%s", k->q->help);
		free(why);
	}
	if (b->agenda_more) {
		doc_para(d, "%zu more open question%s; to list them:", b->agenda_more, plural(b->agenda_more));
		COMMAND(d, "acctplan", "check", b->acc.name, "--tier", ap_tiers.names[b->tier]);
	}
}

/* ---- open actions ---- */

/* Who does what by when on the account: nothing when nobody does anything. */
static void actions(const brief *b, doc *d)
{
	static const char *const cols[] = {"Due", "Owner", "Action", "About"};
	char today[11];
	cells c = {0};
	if (!b->actions.n)
		return;
	ap_date_format(b->today, today);
	doc_heading(d, "Open actions");
	for (size_t i = 0; i < b->actions.n; i++) {
		const ap_action *x = &b->actions.v[i];
		cell(&c, "%s%s", x->due, strcmp(x->due, today) < 0 ? " (overdue)" : "");
		cell(&c, "%s", x->owner);
		cell(&c, "%s", x->title);
		cell(&c, "%s", *x->flag ? x->flag : *x->contact ? x->contact : "");
	}
	table(d, cols, 4, &c);
}

/* What the team decided on the account at its last review, in its words. */
static void decisions(const brief *b, doc *d)
{
	if (!b->decisions.n)
		return;
	doc_heading(d, "Decided at the last review (%s)", b->decisions.v[0].review_date);
	for (size_t i = 0; i < b->decisions.n; i++)
		doc_item(d, "%s (%s)", b->decisions.v[i].text, *b->decisions.v[i].by ? b->decisions.v[i].by : "nobody recorded");
}

/* ---- what to share ---- */

static void share(const brief *b, doc *d)
{
	doc_heading(d, "What to share");
	if (b->share.n == 0) {
		doc_para(d, "Nothing recorded to bring them yet: no unshared news, no end-customer asks, "
			"no insight into their industry.");
		return;
	}
	for (size_t i = 0; i < b->share.n; i++)
		doc_item(d, "%s", b->share.v[i].text);
}

/* ---- the give and take ---- */

/* The advocate to ask first: the newest record of a contact not asked in
 * the last FACT_ASKED_DAYS days (advocates come newest first). */
static const ap_advocacy *fresh_advocate(const brief *b)
{
	for (size_t i = 0; i < b->advocates.n; i++)
		if (b->advocates.v[i].asked == 0)
			return &b->advocates.v[i];
	return NULL;
}

/* What the balance says to do: what we owe them, or what we can ask. */
static void owe_or_ask(const brief *b, doc *d)
{
	const exchange_balance *x = &b->give_take.b;
	if (x->taken > x->given) {
		doc_para(d, "What we owe them: they gave %lld more than we gave back. Bring something for their "
			"success (an insight, an introduction, support), then record it:", x->taken - x->given);
		COMMAND(d, "acctplan", "exchange", "add", b->acc.name, "--direction", "give", "--kind", "KIND", "TEXT");
		return;
	}
	if (x->given == x->taken)
		return;
	const ap_advocacy *v = fresh_advocate(b);
	if (v)
		doc_para(d, "What we can ask: we gave %lld more than we took. Ask %s to speak for us (%s, consent "
			"until %s, not asked in the last %d days).", x->given - x->taken, v->contact,
			ap_name(&ap_advkinds, v->kind, "?"), v->consent_until, FACT_ASKED_DAYS);
	else
		doc_para(d, "What we can ask: we gave %lld more than we took. %s", x->given - x->taken, b->advocates.n
			? "Everyone who can speak for us was asked lately: ask for feedback or a forecast instead."
			: "Nobody has agreed to speak for us yet: ask for a reference, feedback or a forecast.");
}

/* Who can speak for us today, once per contact (its newest record). */
static void advocates(const brief *b, doc *d)
{
	if (!b->advocates.n)
		return;
	doc_para(d, "Can speak for us today:");
	for (size_t i = 0; i < b->advocates.n; i++) {
		const ap_advocacy *v = &b->advocates.v[i];
		doc_item(d, "%s (%s, consent until %s): last asked %s, %lld time%s in the last %d days", v->contact,
			ap_name(&ap_advkinds, v->kind, "?"), v->consent_until, v->date, v->asked, plural((size_t)v->asked),
			FACT_ASKED_DAYS);
	}
}

/* Quiet for an account without a give, a take or an advocacy record. */
static void give_take(const brief *b, doc *d)
{
	static const char *const cols[] = {"Date", "Side", "Kind", "What", "By"};
	if (!reciprocity_known(&b->give_take) && !b->advocacy_ever)
		return;
	ap_buf t = {0};
	reciprocity_text(&b->give_take, &t);
	doc_heading(d, "Give and take");
	doc_para(d, "Last 12 months (%s to %s): %s.", b->give_take.from, b->give_take.to, t.s);
	buf_free(&t);
	cells c = {0};
	for (size_t i = 0; i < b->exchanges.n && i < GIVE_TAKE_SHOWN; i++) {
		const ap_exchange *x = &b->exchanges.v[i];
		char *what = brief_clip(x->text, NOTE_COLS);
		cell(&c, "%s", x->date);
		cell(&c, "%s", x->direction == XDIR_TAKE ? "took" : "gave");
		cell(&c, "%s", ap_name(&ap_xkinds, x->kind, "?"));
		*ap_vec_push(&c) = what;
		cell(&c, "%s", x->by);
	}
	if (c.n)
		table(d, cols, 5, &c);
	owe_or_ask(b, d);
	advocates(b, d);
}

/* ---- recent history ---- */

static void engagements(const brief *b, doc *d)
{
	static const char *const cols[] = {"Date", "Tier", "Kind", "Summary"};
	size_t per_tier[TIER_COUNT] = {0};
	cells c = {0};
	for (size_t i = 0; i < b->meetings.n; i++) {
		const ap_meeting *m = &b->meetings.v[i];
		/* History is what happened: planned and cancelled meetings are no touch. */
		if (m->status != MSTATUS_HELD || m->tier < 0 || m->tier >= TIER_COUNT ||
		    per_tier[m->tier]++ >= HISTORY_PER_TIER)
			continue;
		cell(&c, "%s", m->date);
		cell(&c, "%s", ap_tiers.names[m->tier]);
		cell(&c, "%s", ap_name(&ap_meetkinds, m->kind, "?"));
		if (m->news == NEWS_GOOD || m->news == NEWS_BAD)
			cell(&c, "%s [%s news, %s]", m->summary, ap_news.names[m->news], m->shared ? "shared" : "not shared");
		else
			cell(&c, "%s", m->summary);
	}
	if (c.n)
		table(d, cols, 4, &c);
	for (int t = 0; t < TIER_COUNT; t++)
		if (!per_tier[t])
			doc_item(d, "%s has never met them", ap_tier_label(t));
}

static void history(const brief *b, doc *d)
{
	doc_heading(d, "Recent history");
	engagements(b, d);
	if (b->notes.n == 0) {
		doc_para(d, "No field notes yet.");
		return;
	}
	doc_para(d, "Latest notes:");
	for (size_t i = 0; i < b->notes.n && i < HISTORY_NOTES; i++) {
		const ap_note *n = &b->notes.v[i];
		char *body = brief_clip(n->body, NOTE_COLS);
		doc_item(d, "%s %s%s%s: %s", n->date, ap_name(&ap_tiers, n->tier, "?"), *n->author ? ", " : "",
			n->author, body);
		free(body);
	}
}

/* ---- the demand chain ---- */

void brief_driver_doc(doc *d, const char *name, const ap_driver *dr)
{
	demand_chain ch;
	char *steps[DEMAND_LINES_MAX];
	demand_compute(dr, &ch);
	int n = demand_lines(dr, &ch, steps);
	doc_para(d, "%s", name);
	for (int i = 0; i < n; i++) {
		doc_step(d, i + 1, "%s", steps[i]);
		free(steps[i]);
	}
	if (ch.missing) {
		char *why = demand_incomplete_text(ch.missing);
		doc_item(d, "incomplete: %s", why);
		free(why);
	}
}

void brief_totals_doc(doc *d, const demand_totals *t, const demand_skipped *sk)
{
	doc_para(d, "Our implied demand, summed per product unit over complete drivers:");
	if (t->n == 0)
		doc_item(d, "no complete driver with a product unit yet");
	for (size_t i = 0; i < t->n; i++) {
		char v[DEMAND_HORIZONS][48];
		for (int h = 0; h < DEMAND_HORIZONS; h++)
			demand_format(t->v[i].ours[h], v[h], sizeof v[h]);
		doc_item(d, "total in %s: %s now, %s in 2 years, %s in 5 years (%d driver%s)", t->v[i].unit,
			v[0], v[1], v[2], t->v[i].drivers, plural((size_t)t->v[i].drivers));
	}
	if (t->n > 1)
		doc_item(d, "unlike units are never added together");
	if (sk->incomplete || sk->unitless)
		doc_item(d, "not in the totals: %d incomplete driver%s, %d without a product unit", sk->incomplete,
			plural((size_t)sk->incomplete), sk->unitless);
}

void brief_demand_doc(doc *d, const ap_drivers *drivers)
{
	demand_totals t = {0};
	demand_skipped sk = {0};
	for (size_t i = 0; i < drivers->n; i++) {
		const ap_driver *dr = &drivers->v[i];
		char *name = xasprintf("%s (driver #%lld)", dr->metric, dr->id);
		demand_chain ch;
		brief_driver_doc(d, name, dr);
		demand_compute(dr, &ch);
		demand_add(&t, dr, &ch, &sk);
		free(name);
	}
	if (drivers->n > 1)
		brief_totals_doc(d, &t, &sk);
	ap_vec_free(&t, demand_total_clear);
}

static void demand(const brief *b, doc *d)
{
	doc_heading(d, "Demand chain");
	if (b->drivers.n == 0) {
		doc_para(d, "No demand driver recorded: nothing links their customers' activity to our orders. To add one:");
		COMMAND(d, "acctplan", "driver", "add", b->acc.name, "METRIC", "--value", "V",
			"--growth", "PCT", "--factor", "F", "--share", "PCT");
	} else {
		brief_demand_doc(d, &b->drivers);
	}
	if (b->trend.why != TREND_NO_ORDERS) {
		ap_buf t = {0};
		trend_text(&b->trend, &t);
		trend_drivers_text(&b->trend, &b->drivers, &t);
		doc_para(d, "Order growth: %s.", t.s);
		buf_free(&t);
	}
}

void brief_doc(const brief *b, doc *d)
{
	char day[11];
	ap_date_format(b->today, day);
	doc_title(d, "Brief: %s, %s meeting", b->acc.name, ap_tiers.names[b->tier]);
	doc_para(d, "Prepared %s for the %s tier.", day, ap_tiers.names[b->tier]);
	glance(b, d);
	who(b, d);
	next_meeting(b, d);
	actions(b, d);
	decisions(b, d);
	known(b, d);
	ask(b, d);
	share(b, d);
	give_take(b, d);
	history(b, d);
	demand(b, d);
}

int brief_write(const brief *b, int format, int width, const char *path, const char *live_db, ap_err *e)
{
	ap_buf text = {0}, safe = {0};
	doc d;
	doc_init(&d, format, width, &text);
	brief_doc(b, &d);
	/* A file is read in a terminal too: what another client of a shared
	 * store wrote must not reach it raw from there either. */
	ap_text_escape(&safe, text.s ? text.s : "", text.len, 1);
	outfile_opts o = {.live_db = live_db};
	int rc = outfile_write(path, safe.s ? safe.s : "", safe.len, &o, e);
	buf_free(&text);
	buf_free(&safe);
	return rc;
}
