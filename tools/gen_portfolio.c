/* gen_portfolio.c - a synthetic portfolio in export format, for benchmarks.
 *
 *   gen_portfolio [-n ACCOUNTS] [-s SEED] [-o FILE] [-q QUESTIONS_INI]
 *
 * Our side: GEN_MEMBERS members across the tiers. Per account: the question
 * bank's questions about 60 % answered (a fifth of them with an earlier
 * version), 5 contacts in a reporting line, most held by a member at some
 * level, stance and influence, 2 competitors, 2 end customers, 10 meetings
 * (a third of them with a contact and a member attending), 20 notes, a
 * demand driver for every third account, 3 actions (most open, a fifth
 * of them overdue, owned by members), and for nine accounts in ten the
 * orders of the 8 quarters before today's, in EUR, growing or shrinking
 * at a pace of the account's own (drawn from its number, not the seeded
 * stream, so the rest of the portfolio is as before orders). Dates lie before today (ACCTPLAN_TODAY pins it);
 * the same seed and day always give the same bytes. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/config.h"
#include "acctplan/json.h"
#include "acctplan/model.h"
#include "acctplan/port.h"
#include "acctplan/qbank.h"

#define ASIZE(a) (sizeof a / sizeof a[0])

static uint64_t rng_state;

/* splitmix64: tiny, fast and identical on every platform. */
static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int pick(int n) { return (int)(rng() % (uint64_t)n); }
static int chance(int percent) { return pick(100) < percent; }

static const char *const first_names[] = {
	"Ada", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena",
	"Marco", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sami", "Tanja", "Umar", "Vera", "Wim", "Ximena",
	"Yusuf", "Zoe", "Anouk", "Bilal", "Carmen", "Dario",
};
static const char *const last_names[] = {
	"Achterberg", "Bianchi", "Castillo", "Dubois", "Eriksen", "Fischer", "Gallo", "Haddad", "Ivanova", "Janssen",
	"Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quispe", "Rossi", "Schmid", "Tanaka",
	"Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zeller",
};
static const char *const name_parts[] = {
	"Northwind", "Bluepeak", "Ironbridge", "Silverline", "Redwood", "Clearwater", "Stonegate", "Brightfield",
	"Harborview", "Kestrel", "Larkspur", "Meridian", "Oakhurst", "Pinecrest", "Quarry", "Riverbend",
};
static const char *const name_kinds[] = {
	"Logistics", "Health", "Foods", "Motors", "Energy", "Payments", "Semiconductors", "Media", "Games",
	"Retail", "Telecom", "Pharma", "Insurance", "Robotics",
};
static const char *const industries[] = {
	"Logistics", "Healthcare", "Grocery retail", "Automotive", "Renewable energy", "Fintech", "Semiconductors",
	"Video streaming", "Games", "Higher education", "Telecommunications", "Pharmaceuticals", "Insurance",
	"Industrial robotics", "Aerospace", "Agriculture",
};
static const char *const titles[] = {
	"CEO", "CFO", "CTO", "Head of Procurement", "VP Engineering", "Director of Operations", "Product Lead",
	"Purchasing Manager", "Platform Architect", "Finance Controller",
};
static const char *const words[] = {
	"pricing", "renewal", "roadmap", "capacity", "forecast", "budget", "pilot", "rollout", "latency",
	"throughput", "contract", "tender", "audit", "compliance", "migration", "integration", "backlog",
	"warehouse", "fleet", "clinic", "checkout", "subscription", "churn", "margin", "volume", "discount",
	"quality", "outage", "escalation", "workshop", "demo", "benchmark", "supplier", "sourcing", "freight",
	"battery", "turbine", "wafer", "yield", "students", "players", "patients", "parcels", "stores",
	"payments", "fraud", "streams", "bandwidth", "storage", "security", "cloud", "edge", "sensor",
	"firmware", "certification", "regulation", "tariff", "inflation", "hiring", "layoffs", "merger",
	"acquisition", "expansion", "launch", "delay", "shortage", "inventory", "logistics", "analytics",
	"dashboard", "support", "training", "onboarding", "champion", "sponsor", "board", "strategy",
	"competitor", "incumbent", "switching", "lock-in", "standard", "open", "partner", "channel", "region",
	"europe", "asia", "americas", "quarter", "annual", "growth", "decline", "flat", "upside", "risk",
	"the", "customer", "asked", "about", "next", "their", "our", "team", "plans", "wants", "needs",
	"said", "will", "review", "meeting", "with", "for", "and", "new", "more", "less", "than", "before",
};

static char *sentence(int nwords)
{
	ap_buf b = {0};
	for (int i = 0; i < nwords; i++)
		buf_printf(&b, "%s%s", i ? " " : "", words[pick((int)ASIZE(words))]);
	/* A rare token per text, so a search can also hit only a few notes. */
	if (chance(20))
		buf_printf(&b, " ref%05d", pick(100000));
	buf_puts(&b, ".");
	b.s[0] = (char)(b.s[0] - 32 * (b.s[0] >= 'a' && b.s[0] <= 'z'));
	return buf_steal(&b);
}

static void kdate(json_w *w, const char *key, long today, int max_age)
{
	char d[11];
	ap_date_format(today - pick(max_age), d);
	jw_kstr(w, key, d);
}

/* Person i of an account: i = 0..4 get distinct first names, so distinct names. */
static void person(char *out, size_t n, int i)
{
	snprintf(out, n, "%s %s", first_names[(i * 6 + pick(3)) % (int)ASIZE(first_names)],
		last_names[pick((int)ASIZE(last_names))]);
}

static void gen_answer(json_w *w, const qb_question *q, long date)
{
	char d[11], who[64];
	ap_date_format(date, d);
	person(who, sizeof who, pick(30));
	jw_obj(w);
	jw_kstr(w, "question", q->id);
	if (q->type == QB_CHOICE) {
		jw_kstr(w, "value", q->options[pick(q->noptions)]);
	} else {
		char *v = sentence(8 + pick(20));
		jw_kstr(w, "value", v);
		free(v);
	}
	jw_kstr(w, "source", ap_sources.names[pick(SOURCE_COUNT)]);
	jw_kstr(w, "confidence", ap_confidences.names[pick(CONFIDENCE_COUNT)]);
	jw_kstr(w, "by", who);
	jw_kstr(w, "date", d);
	jw_obj_end(w);
}

static void gen_answers(json_w *w, const qbank *qb, long today)
{
	jw_key(w, "answers");
	jw_arr(w);
	for (size_t i = 0; i < qb->n; i++) {
		if (!chance(60))
			continue;
		long date = today - pick(500);
		if (chance(20))
			gen_answer(w, &qb->q[i], date - 30 - pick(300));
		gen_answer(w, &qb->q[i], date);
	}
	jw_arr_end(w);
}

/* A list member: key, then n objects each filled by item. */
typedef void (*item_fn)(json_w *w, int i, void *ctx);

static void gen_list(json_w *w, const char *key, int n, item_fn item, void *ctx)
{
	jw_key(w, key);
	jw_arr(w);
	for (int i = 0; i < n; i++) {
		jw_obj(w);
		item(w, i, ctx);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* Our people: few beside the customers' contacts, as in a real team. */
#define GEN_MEMBERS 40

static void member_name(char *out, size_t n, int i)
{
	snprintf(out, n, "%s %s %02d", first_names[i % (int)ASIZE(first_names)],
		last_names[(i * 7) % (int)ASIZE(last_names)], i);
}

/* Contacts in a reporting line: each reports to one listed before it. */
static void contact_item(json_w *w, int i, void *ctx)
{
	char (*names)[64] = ctx;
	person(names[i], sizeof names[i], i);
	jw_kstr(w, "name", names[i]);
	jw_kstr(w, "title", titles[pick((int)ASIZE(titles))]);
	jw_kstr(w, "role", chance(80) ? ap_roles.names[pick(ROLE_COUNT)] : NULL);
	jw_kstr(w, "tier", ap_tiers.names[chance(60) ? TIER_SALES : pick(TIER_COUNT)]);
	jw_kstr(w, "reports_to", i ? names[pick(i)] : NULL);
	char owner[96];
	member_name(owner, sizeof owner, pick(GEN_MEMBERS));
	jw_kstr(w, "owner", chance(70) ? owner : NULL);
	jw_kstr(w, "level", ap_levels.names[pick(LEVEL_COUNT)]);
	jw_kstr(w, "stance", ap_stances.names[pick(STANCE_COUNT)]);
	jw_kstr(w, "influence", chance(70) ? ap_influences.names[pick(INFLUENCE_COUNT)] : NULL);
}

static void member_item(json_w *w, int i, void *ctx)
{
	(void)ctx;
	char name[96];
	member_name(name, sizeof name, i);
	jw_kstr(w, "name", name);
	jw_kstr(w, "tier", ap_tiers.names[i % TIER_COUNT]);
}

static void company_name(char *out, size_t n, long number)
{
	snprintf(out, n, "%s %s %05ld", name_parts[pick((int)ASIZE(name_parts))],
		name_kinds[pick((int)ASIZE(name_kinds))], number);
}

static void competitor_item(json_w *w, int i, void *ctx)
{
	(void)ctx;
	char name[96], *text = sentence(6 + pick(8));
	company_name(name, sizeof name, i + 1);
	jw_kstr(w, "name", name);
	jw_kstr(w, "differentiator", text);
	free(text);
}

static void endcustomer_item(json_w *w, int i, void *ctx)
{
	(void)ctx;
	char name[96], *ask = sentence(6 + pick(8));
	company_name(name, sizeof name, i + 1);
	jw_kstr(w, "name", name);
	jw_kstr(w, "industry", industries[pick((int)ASIZE(industries))]);
	jw_kstr(w, "ask", ask);
	jw_kstr(w, "trend", chance(85) ? ap_trends.names[pick(TREND_COUNT)] : NULL);
	free(ask);
}

struct meeting_ctx {
	long today;
	char (*contacts)[64];
};

static void meeting_item(json_w *w, int i, void *ctx)
{
	(void)i;
	const struct meeting_ctx *m = ctx;
	int news = pick(NEWS_COUNT);
	char *summary = sentence(10 + pick(25));
	kdate(w, "date", m->today, 700);
	jw_kstr(w, "tier", ap_tiers.names[pick(TIER_COUNT)]);
	jw_kstr(w, "kind", ap_meetkinds.names[pick(MEETKIND_COUNT)]);
	jw_kstr(w, "news", ap_news.names[news]);
	jw_kbool(w, "shared", news != NEWS_NONE && chance(60));
	jw_kstr(w, "summary", summary);
	free(summary);
	if (chance(33)) {
		char ours[96];
		member_name(ours, sizeof ours, pick(GEN_MEMBERS));
		jw_key(w, "with");
		jw_arr(w);
		jw_str(w, m->contacts[pick(5)]);
		jw_arr_end(w);
		jw_key(w, "ours");
		jw_arr(w);
		jw_str(w, ours);
		jw_arr_end(w);
	}
}

static void note_item(json_w *w, int i, void *ctx)
{
	(void)i;
	char who[64], *text = sentence(15 + pick(40));
	person(who, sizeof who, pick(30));
	kdate(w, "date", *(const long *)ctx, 700);
	jw_kstr(w, "tier", ap_tiers.names[pick(TIER_COUNT)]);
	jw_kstr(w, "by", who);
	jw_key(w, "tags");
	jw_arr(w);
	for (int t = pick(3); t > 0; t--)
		jw_str(w, words[pick(40)]);
	jw_arr_end(w);
	jw_kstr(w, "text", text);
	free(text);
}

static void driver_item(json_w *w, int i, void *ctx)
{
	(void)i;
	(void)ctx;
	jw_kstr(w, "metric", "End-customer transactions");
	jw_kstr(w, "metric_unit", "million per month");
	jw_kreal(w, "value", 1 + pick(500));
	jw_kreal(w, "growth", chance(80) ? pick(40) - 10 : NAN);
	jw_kreal(w, "factor", (1 + pick(100)) / 100.0);
	jw_kstr(w, "factor_unit", "units per transaction");
	jw_kreal(w, "share", 10 + pick(80));
	jw_kstr(w, "product_unit", "units");
}

/* An action: open with a day ahead or (a fifth of them) behind, else done
 * or dropped; a member owns it; a third concern a contact. */
static void action_item(json_w *w, int i, void *ctx)
{
	(void)i;
	const struct meeting_ctx *m = ctx;
	char owner[96], due[11], *title = sentence(4 + pick(8));
	int status = chance(70) ? ASTATUS_OPEN : chance(70) ? ASTATUS_DONE : ASTATUS_DROPPED;
	long day = status == ASTATUS_OPEN && !chance(20) ? m->today + 1 + pick(90) : m->today - 1 - pick(200);
	member_name(owner, sizeof owner, pick(GEN_MEMBERS));
	ap_date_format(day, due);
	jw_kstr(w, "title", title);
	jw_kstr(w, "owner", owner);
	jw_kstr(w, "due", due);
	jw_kstr(w, "status", ap_astatuses.names[status]);
	jw_kstr(w, "tier", ap_tiers.names[pick(TIER_COUNT)]);
	jw_kstr(w, "contact", chance(33) ? m->contacts[pick(5)] : NULL);
	jw_kstr(w, "outcome", status == ASTATUS_DONE ? "Done as agreed" : "");
	jw_kstr(w, "reason", status == ASTATUS_DROPPED ? "Overtaken by events" : "");
	jw_kstr(w, "closed", status == ASTATUS_OPEN ? NULL : due);
	free(title);
}

/* splitmix64 of one number: the orders' randomness, apart from rng(). */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

struct order_ctx {
	long account;
	int year, quarter;   /* today's quarter */
};

/* Quarter i of the 8 before today's, oldest first; the account's pace is
 * -20 % to +40 % a year, its size 5,000 to 500,000 EUR a quarter. */
static void order_item(json_w *w, int i, void *ctx)
{
	const struct order_ctx *o = ctx;
	uint64_t h = mix((uint64_t)o->account);
	int q = o->year * 4 + (o->quarter - 1) - 8 + i;
	double pace = -20 + (double)(h % 61), base = 5000 + (double)((h >> 8) % 495000);
	double amount = base * pow(1 + pace / 100, i / 4.0) * (0.95 + (double)(mix(h + (uint64_t)i) % 100) / 1000);
	char period[8];
	snprintf(period, sizeof period, "%04u-Q%u", (unsigned)(q / 4) % 10000u, (unsigned)(q % 4 + 1) % 10u);
	jw_kstr(w, "period", period);
	jw_kstr(w, "product", "");
	jw_kint(w, "amount", (long long)llround(amount) * 100);
	jw_kstr(w, "currency", "EUR");
}

static void gen_account(json_w *w, const qbank *qb, long i, long today)
{
	char name[128], created[11], contacts[5][64];
	company_name(name, sizeof name, i + 1);
	ap_date_format(today - 700 - pick(1000), created);
	jw_obj(w);
	jw_kstr(w, "name", name);
	jw_kstr(w, "industry", industries[pick((int)ASIZE(industries))]);
	jw_kstr(w, "segment", ap_segments.names[pick(SEGMENT_COUNT)]);
	jw_kstr(w, "created", created);
	gen_answers(w, qb, today);
	gen_list(w, "contacts", 5, contact_item, contacts);
	gen_list(w, "competitors", 2, competitor_item, NULL);
	gen_list(w, "end_customers", 2, endcustomer_item, NULL);
	struct meeting_ctx mc = {today, contacts};
	gen_list(w, "meetings", 10, meeting_item, &mc);
	gen_list(w, "notes", 20, note_item, &today);
	gen_list(w, "snoozes", 0, NULL, NULL);
	gen_list(w, "drivers", i % 3 == 0, driver_item, NULL);
	gen_list(w, "actions", 3, action_item, &mc);
	char day[11];
	struct order_ctx oc = {i, 0, 0};
	ap_date_format(today, day);
	sscanf(day, "%4d-%2d", &oc.year, &oc.quarter);
	oc.quarter = (oc.quarter + 2) / 3;
	gen_list(w, "orders", mix((uint64_t)i) % 10 ? 8 : 0, order_item, &oc);
	jw_obj_end(w);
}

static int usage(void)
{
	fprintf(stderr, "usage: gen_portfolio [-n ACCOUNTS] [-s SEED] [-o FILE] [-q QUESTIONS_INI]\n");
	return AP_EINPUT;
}

int main(int argc, char **argv)
{
	long n = 1000;
	unsigned long long seed = 1;
	const char *out = NULL, *questions = NULL;
	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			return usage();
		if (strcmp(argv[i], "-n") == 0)
			n = atol(argv[++i]);
		else if (strcmp(argv[i], "-s") == 0)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-o") == 0)
			out = argv[++i];
		else if (strcmp(argv[i], "-q") == 0)
			questions = argv[++i];
		else
			return usage();
	}
	ap_err e = {0};
	qbank qb = {0};
	char *assets = questions ? NULL : config_find_assets(&e);
	char *qpath = questions ? xstrdup(questions) : assets ? xasprintf("%s/questions.ini", assets) : NULL;
	if (!qpath || qbank_load(&qb, qpath, NULL, &e)) {
		fprintf(stderr, "gen_portfolio: %s\n", e.msg);
		return AP_EINPUT;
	}
	FILE *f = out ? fopen(out, "w") : stdout;
	if (!f) {
		perror(out);
		return AP_EINPUT;
	}
	static char iobuf[1 << 20];
	setvbuf(f, iobuf, _IOFBF, sizeof iobuf);
	rng_state = seed;
	long today = ap_today();
	json_w w;
	jw_init(&w, f, NULL, 1);
	jw_obj(&w);
	/* Format 1: records without ids, which import numbers in file order. */
	jw_kint(&w, "acctplan_export", 1);
	jw_kint(&w, "schema", 1);
	gen_list(&w, "members", GEN_MEMBERS, member_item, NULL);
	jw_key(&w, "accounts");
	jw_arr(&w);
	for (long i = 0; i < n; i++)
		gen_account(&w, &qb, i, today);
	jw_arr_end(&w);
	jw_obj_end(&w);
	int bad = jw_end(&w, NULL) != AP_OK;
	bad |= fflush(f) != 0 || ferror(f);
	if (out && fclose(f) != 0)
		bad = 1;
	qbank_free(&qb);
	free(qpath);
	free(assets);
	if (bad) {
		fprintf(stderr, "gen_portfolio: cannot write the output\n");
		return AP_ESTORE;
	}
	return AP_OK;
}
