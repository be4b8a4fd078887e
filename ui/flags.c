/* flags.c - flag summaries cached by account, and question status marks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "flags.h"
#include "keymap.h"
#include "theme.h"

void fc_init(struct fc_cache *c)
{
	memset(c, 0, sizeof *c);
}

static void free_tiers(struct fc_cache *c)
{
	for (int t = 0; t < TIER_COUNT; t++) {
		free(c->tier_ids[t]);
		c->tier_ids[t] = NULL;
		c->tier_n[t] = 0;
	}
	c->tier_ready = 0;
}

void fc_free(struct fc_cache *c)
{
	free(c->slot);
	free_tiers(c);
	memset(c, 0, sizeof *c);
}

static size_t hash(long long id, size_t cap)
{
	unsigned long long h = (unsigned long long)id * 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 17) & (cap - 1);
}

/* The slot of id, inserted (not valid) when absent. */
static struct fc_summary *slot_of(struct fc_cache *c, long long id)
{
	if ((c->used + 1) * 10 >= c->cap * 7) {
		struct fc_summary *old = c->slot;
		size_t oldcap = c->cap;
		c->cap = oldcap ? oldcap * 2 : 1024;
		c->slot = xcalloc(c->cap, sizeof *c->slot);
		c->used = 0;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].id)
				*slot_of(c, old[i].id) = old[i];
		free(old);
	}
	size_t i = hash(id, c->cap);
	while (c->slot[i].id && c->slot[i].id != id)
		i = (i + 1) & (c->cap - 1);
	if (!c->slot[i].id) {
		c->slot[i].id = id;
		c->used++;
	}
	return &c->slot[i];
}

static void reset(struct fc_summary *s)
{
	long long id = s->id;
	memset(s, 0, sizeof *s);
	s->id = id;
	s->worst = -1;
	s->valid = 1;
}

static void count(struct fc_summary *s, int severity, int tier, int snoozed)
{
	if (snoozed)
		return;
	if (severity >= 0 && severity < SEVERITY_COUNT)
		s->sev[severity]++;
	if (tier >= 0 && tier < TIER_COUNT)
		s->tier[tier]++;
	s->total++;
	if (severity > s->worst)
		s->worst = (signed char)severity;
}

void fc_summarize(const rule_flags *flags, struct fc_summary *s)
{
	reset(s);
	for (size_t i = 0; i < flags->n; i++)
		count(s, flags->v[i].severity, flags->v[i].tier, flags->v[i].snoozed);
}

void fc_put(struct fc_cache *c, long long id, const rule_flags *flags)
{
	fc_summarize(flags, slot_of(c, id));
}

int fc_fill(struct app *a, const long long *ids, size_t n)
{
	rules_query q = {0, a->today, -1, SEV_INFO, 0};
	rules_result *res = NULL;
	ap_err e = {0};
	if (rules_run_accounts(a->rules, a->st, &a->qb, &q, ids, n, &res, &e)) {
		ui_error(a, &e);
		return -1;
	}
	for (size_t i = 0; i < n; i++)   /* an account without flags gets its empty summary too */
		reset(slot_of(&a->fc, ids[i]));
	for (size_t i = 0; i < rules_result_count(res); i++) {
		rule_flag_brief b;
		rules_result_brief(res, i, &b);
		count(slot_of(&a->fc, b.account_id), b.severity, b.tier, b.snoozed);
	}
	rules_result_free(&res);
	return 0;
}

const struct fc_summary *fc_peek(struct fc_cache *c, long long id)
{
	if (!c->cap)
		return NULL;
	size_t i = hash(id, c->cap);
	while (c->slot[i].id && c->slot[i].id != id)
		i = (i + 1) & (c->cap - 1);
	return c->slot[i].id == id && c->slot[i].valid ? &c->slot[i] : NULL;
}

void fc_forget(struct fc_cache *c, long long id)
{
	if (c->cap)
		slot_of(c, id)->valid = 0;
	free_tiers(c);
}

void fc_forget_all(struct fc_cache *c)
{
	for (size_t i = 0; i < c->cap; i++)
		c->slot[i].valid = 0;
	free_tiers(c);
}

static int cmp_id(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;
	return (a > b) - (a < b);
}

typedef struct tier_build {
	struct fc_cache *c;
	size_t cap[TIER_COUNT];
} tier_build;

/* A slice's flags into the summaries and the per-tier lists. */
static int tiers_add(rules_result *res, int whole, void *ctx, ap_err *e)
{
	(void)whole;
	(void)e;
	tier_build *b = ctx;
	struct fc_cache *c = b->c;
	for (size_t i = 0; i < rules_result_count(res); i++) {
		rule_flag_brief f;
		rules_result_brief(res, i, &f);
		struct fc_summary *s = slot_of(c, f.account_id);
		if (!s->valid)
			reset(s);
		count(s, f.severity, f.tier, f.snoozed);
		int t = f.tier;
		if (t < 0 || t >= TIER_COUNT || f.snoozed)
			continue;
		if (c->tier_n[t] == b->cap[t]) {
			b->cap[t] = b->cap[t] ? b->cap[t] * 2 : 256;
			c->tier_ids[t] = xrealloc(c->tier_ids[t], b->cap[t] * sizeof **c->tier_ids);
		}
		c->tier_ids[t][c->tier_n[t]++] = f.account_id;
	}
	return 0;
}

/* One evaluation of the whole portfolio, a slice at a time (bounded
 * memory): the per-tier account lists, and a fresh summary for every
 * account that has a flag. */
static int build_tiers(struct app *a)
{
	rules_query q = {0, a->today, -1, SEV_INFO, 0};
	ap_err e = {0};
	struct fc_cache *c = &a->fc;
	tier_build b = {.c = c};
	free_tiers(c);
	for (size_t i = 0; i < c->cap; i++)
		c->slot[i].valid = 0;
	if (rules_run_chunks(a->rules, a->st, &a->qb, &q, RULES_SLICE, tiers_add, &b, &e)) {
		free_tiers(c);
		ui_error(a, &e);
		return -1;
	}
	for (int t = 0; t < TIER_COUNT; t++) {
		qsort(c->tier_ids[t], c->tier_n[t], sizeof **c->tier_ids, cmp_id);
		size_t k = 0;
		for (size_t i = 0; i < c->tier_n[t]; i++)
			if (k == 0 || c->tier_ids[t][k - 1] != c->tier_ids[t][i])
				c->tier_ids[t][k++] = c->tier_ids[t][i];
		c->tier_n[t] = k;
	}
	c->tier_ready = 1;
	return 0;
}

const long long *fc_tier_accounts(struct app *a, int tier, size_t *n)
{
	*n = 0;
	if (tier < 0 || tier >= TIER_COUNT || (!a->fc.tier_ready && build_tiers(a) != 0))
		return NULL;
	*n = a->fc.tier_n[tier];
	return a->fc.tier_ids[tier] ? a->fc.tier_ids[tier] : (const long long *)"";
}

int fc_has_tier_flags(struct app *a, long long id, int tier)
{
	size_t n;
	const long long *ids = fc_tier_accounts(a, tier, &n);
	if (!ids)
		return -1;
	return n && bsearch(&id, ids, n, sizeof *ids, cmp_id) != NULL;
}

/* ---- marks ---- */

#define MARK_NAME_(id, name, glyph) name,
#define MARK_GLYPH_(id, name, glyph) glyph,
static const char *const mark_names[MARK_COUNT] = {UI_MARK_TABLE(MARK_NAME_)};
static const char *const mark_glyphs[MARK_COUNT] = {UI_MARK_TABLE(MARK_GLYPH_)};
static const int mark_elems[MARK_COUNT] = {
	TH_MARK_ANSWERED, TH_SEV_WARN, TH_MARK_WEAK, TH_MARK_STALE, TH_MARK_UNANSWERED, TH_MARK_BLOCKED,
};

/* The mark a flag kind gives its question; MARK_ANSWERED for kinds that say
 * nothing about the answer itself. */
static int kind_mark(const char *kind)
{
	static const struct { int kind, mark; } map[] = {
		{KIND_REQUIRES, MARK_BLOCKED}, {KIND_UNANSWERED, MARK_UNANSWERED},
		{KIND_STALE, MARK_STALE}, {KIND_WEAK_EVIDENCE, MARK_WEAK}, {KIND_CHOICE_IS, MARK_RISK},
	};
	for (size_t i = 0; kind && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(kind, rule_kinds.names[map[i].kind]) == 0)
			return map[i].mark;
	return MARK_ANSWERED;
}

int ui_mark(const rule_flags *f, const char *qid, int answered)
{
	int mark = answered ? MARK_ANSWERED : MARK_UNANSWERED;
	for (size_t i = 0; i < f->n; i++) {
		/* A snoozed flag is shown with who snoozed it, not as the question's state. */
		if (f->v[i].snoozed || !f->v[i].question || strcmp(f->v[i].question, qid) != 0)
			continue;
		int m = kind_mark(f->v[i].kind);
		if (m > mark)
			mark = m;
	}
	return mark;
}

const char *ui_mark_glyph(int m) { return m >= 0 && m < MARK_COUNT ? mark_glyphs[m] : " "; }
const char *ui_mark_name(int m) { return m >= 0 && m < MARK_COUNT ? mark_names[m] : ""; }
int ui_mark_elem(int m) { return m >= 0 && m < MARK_COUNT ? mark_elems[m] : TH_NORMAL; }

const char *ui_flag_text(const struct fc_summary *s, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int sev = SEVERITY_COUNT - 1; s && sev >= 0 && len < n; sev--)
		if (s->sev[sev]) {
			int w = snprintf(buf + len, n - len, "%s%d %s", len ? ", " : "", s->sev[sev], ap_severities.names[sev]);
			len += w > 0 ? (size_t)w : 0;
		}
	if (!buf[0])
		snprintf(buf, n, "no open flags");
	return buf;
}

/* What to do about a flag, in the workbench's keys: the rules' command hints
 * are written for the command line. Whether a hint is a command, and which,
 * comes from its argument list (hint_argc, hint_argv[1]), never from reading
 * the printed text. A hint in words is kept, and so is the command, quoted as
 * the command line prints it, where the workbench has no view for it. */
const char *ui_flag_hint(const rule_flag *f, char *buf, size_t n)
{
	/* cmd: the command of the hint an entry stands for (NULL: any), since a
	 * kind's hint may be another (choice_is: the brief, or an answer). then:
	 * the key to press in the view the action opens, ACT_NONE for none. */
	static const struct { int kind; const char *cmd; int action, then; const char *text; } how[] = {
		{KIND_UNANSWERED, NULL, ACT_ENTER, ACT_NONE, "on the question answers it"},
		{KIND_STALE, NULL, ACT_ENTER, ACT_NONE, "on the question confirms or updates it"},
		{KIND_WEAK_EVIDENCE, NULL, ACT_ENTER, ACT_NONE, "on the question saves what the customer said, with its source"},
		{KIND_REQUIRES, NULL, ACT_ENTER, ACT_NONE, "on the question it waits for answers that one first"},
		{KIND_CHOICE_IS, "answer", ACT_ENTER, ACT_NONE, "on the question answers it"},
		{KIND_CHOICE_IS, "brief", ACT_VIEW_BRIEF, ACT_NONE, "shows the brief to prepare the conversation about it"},
		{KIND_MISSING_ROLE, NULL, ACT_VIEW_ORGMAP, ACT_ADD, "adds a contact with the role"},
		{KIND_SINGLE_THREADED, NULL, ACT_VIEW_ORGMAP, ACT_ADD, "adds a contact held by another tier"},
		{KIND_NO_ENGAGEMENT, NULL, ACT_VIEW_MEETINGS, ACT_ADD, "records a meeting"},
		{KIND_TACTICAL_ONLY, NULL, ACT_VIEW_MEETINGS, ACT_ADD, "records a strategic meeting"},
		{KIND_UNSHARED_NEWS, NULL, ACT_VIEW_MEETINGS, ACT_ENTER, "on the meeting marks its bad news shared, once told"},
		{KIND_CANVAS_GAP, NULL, ACT_VIEW_CANVAS, ACT_ENTER, "on a block answers it"},
	};
	const char *hint = f->hint ? f->hint : "";
	if (f->hint_argc == 0)
		return hint;
	for (size_t i = 0; f->kind && i < sizeof how / sizeof how[0]; i++)
		if (strcmp(f->kind, rule_kinds.names[how[i].kind]) == 0 &&
		    (!how[i].cmd || (f->hint_argc > 1 && strcmp(f->hint_argv[1], how[i].cmd) == 0))) {
			char k1[32], k2[32] = "";
			int then = how[i].then != ACT_NONE;
			keymap_keys(how[i].action, 0, k1, sizeof k1);
			if (then)
				keymap_keys(how[i].then, 0, k2, sizeof k2);
			if (!k1[0] || (then && !k2[0]))
				return hint;   /* unbound keys: the command still works */
			if (then)
				snprintf(buf, n, "%s: %s, where %s %s", k1, action_label(how[i].action), k2, how[i].text);
			else
				snprintf(buf, n, "%s %s", k1, how[i].text);
			return buf;
		}
	return hint;
}

int ui_draw_flag(const rule_flag *f, int y, int x, int w, int maxlines)
{
	if (maxlines <= 0 || w < 12)
		return 0;
	int sw = 10;
	draw_text(y, x, sw, ap_severities.names[f->severity], theme_severity(f->severity));
	char text[2048], hbuf[256];
	const char *hint = ui_flag_hint(f, hbuf, sizeof hbuf);
	snprintf(text, sizeof text, "%s%s%s", f->message ? f->message : f->rule, *hint ? " -- " : "", hint);
	int n = draw_wrap(y, x + sw, w - sw, maxlines, 0, text, f->snoozed ? TH_DIM : TH_NORMAL);
	n = n ? n : 1;
	/* Who has it in hand, and who hid it, until when and why: each is a
	 * decision someone answers for. */
	ap_buf b = {0};
	rule_flag_hand_text(f, &b);
	if (b.len && n < maxlines)
		n += draw_wrap(y + n, x + sw, w - sw, maxlines - n, 0, b.s, TH_LABEL);
	b.len = 0;
	rule_flag_snooze_text(f, &b);
	if (b.len && n < maxlines)
		n += draw_wrap(y + n, x + sw, w - sw, maxlines - n, 0, b.s, TH_LABEL);
	buf_free(&b);
	return n;
}
