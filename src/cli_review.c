/* cli_review.c - the account review on the command line: begin one (or
 * resume it) in the workbench's review mode, list them, print the minutes. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctplan/doc.h"
#include "acctplan/output.h"
#include "acctplan/review.h"
#include "cli_internal.h"

#define REVIEW_MAX_WITH 32

static const char *const review_status_v[] = {"open", "closed", "all"};
const ap_names cli_review_statuses = {"review status", review_status_v, 3};

/* A review's id as typed: a positive whole number. */
static int review_id(const char *arg, long long *id, ap_err *e)
{
	char *end = NULL;
	long long v = strtoll(arg, &end, 10);
	if (!*arg || *end || v <= 0)
		return ap_fail(e, AP_EINPUT, "'%s' is not a review id (a number; see 'acctplan review list')", arg);
	*id = v;
	return AP_OK;
}

/* The workbench is where a review is walked: without a terminal (or a key
 * script) nothing would be seen, so nothing is begun. */
static int can_walk(ap_err *e)
{
	const char *keys = getenv("ACCTPLAN_KEYS");
	if ((keys && *keys) || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)))
		return AP_OK;
	return ap_fail(e, AP_EINPUT, "review is walked in the workbench: run it in a terminal "
		"('acctplan review list' and 'review show ID' print)");
}

static int begin(cli_ctx *c, const cli_args *a, int keys, ap_err *e)
{
	const char *with[REVIEW_MAX_WITH];
	review_scope sc = {-1, -1, with, 0, c->cfg.user_name};
	rules *r = NULL;
	ap_review rv = {0};
	int n = arg_opt_all(a, "with", with, REVIEW_MAX_WITH);
	int rc = n > REVIEW_MAX_WITH ? ap_fail(e, AP_EINPUT, "--with: at most %d members take part", REVIEW_MAX_WITH)
	                             : AP_OK;
	sc.nwith = n > 0 ? (size_t)n : 0;
	if (!rc)
		rc = cli_enum(a, "segment", -1, &sc.segment, e);
	if (!rc)
		rc = cli_enum(a, "tier", -1, &sc.tier, e);
	if (!rc && a->npos)
		rc = ap_fail(e, AP_EINPUT, "review: '%s': an id is for --resume ID; a new review takes none", a->pos[0]);
	if (!rc && !keys)
		rc = can_walk(e);
	if (!rc)
		rc = cli_store(c, STORE_EXISTING, e);
	if (!rc)
		rc = cli_rules_load(c, &r, e);
	if (!rc)
		rc = review_begin(c->st, r, &c->qb, &sc, ap_today(), &rv, e);
	if (!rc)
		c->open_review = rv.id;
	rules_free(&r);
	ap_review_clear(&rv);
	return rc;
}

static int resume(cli_ctx *c, const cli_args *a, int keys, ap_err *e)
{
	long long want = 0, id = 0;
	int rc = AP_OK;
	if (arg_opt(a, "segment") || arg_opt(a, "tier") || arg_opt(a, "with"))
		rc = ap_fail(e, AP_EINPUT, "--resume continues a review in the scope it began with; "
			"leave out --segment, --tier and --with");
	if (!rc && a->npos)
		rc = review_id(a->pos[0], &want, e);
	if (!rc)
		rc = cli_store(c, STORE_EXISTING, e);
	if (!rc)
		rc = review_pick_open(c->st, want, &id, e);
	if (!rc && !keys)
		rc = can_walk(e);
	if (!rc)
		c->open_review = id;
	return rc;
}

/* The key script of --keys is the workbench's: review lets it through (cli.c). */
static int has_keys(void)
{
	const char *env = getenv("ACCTPLAN_KEYS");
	return env && *env;
}

static int cmd_review(cli_ctx *c, const cli_args *a, ap_err *e)
{
	int rc = cli_config(c, e);
	if (rc)
		return rc;
	int keys = has_keys() || c->keys;
	return arg_flag(a, "resume") ? resume(c, a, keys, e) : begin(c, a, keys, e);
}

static int cmd_review_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"id", "date", "status", "scope", "with", "accounts", "reviewed", "skipped",
		"pending", "closed", "by"};
	int fmt, status;
	ap_reviews v = {0};
	int rc = cli_format(a, &fmt, e);
	if (!rc)
		rc = cli_enum(a, "status", 2, &status, e);
	if (!rc)
		rc = cli_store(c, STORE_EXISTING, e);
	if (!rc)
		rc = store_review_list(c->st, status == 2 ? -1 : status, &v, e);
	if (rc)
		return rc;
	out_table *t = out_new(cols, (int)(sizeof cols / sizeof cols[0]));
	for (size_t i = 0; i < v.n; i++) {
		const ap_review *r = &v.v[i];
		ap_buf scope = {0}, with = {0};
		review_scope_text(r, &scope);
		for (const char *p = r->with; *p; p++)
			buf_puts(&with, *p == '\n' ? ", " : (char[]){*p, '\0'});
		out_int(t, r->id);
		out_str(t, r->date);
		out_str(t, ap_rstatuses.names[r->status]);
		out_str(t, scope.s);
		out_str(t, with.s ? with.s : "");
		out_int(t, r->naccounts);
		out_int(t, r->nreviewed);
		out_int(t, r->nskipped);
		out_int(t, r->naccounts - r->nreviewed - r->nskipped);
		out_str(t, *r->closed ? r->closed : NULL);
		out_str(t, r->by);
		buf_free(&scope);
		buf_free(&with);
	}
	out_print(t, c->out, fmt, "no reviews yet (begin one with 'acctplan review')");
	out_free(&t);
	ap_vec_free(&v, ap_review_clear);
	return AP_OK;
}

static int cmd_review_show(cli_ctx *c, const cli_args *a, ap_err *e)
{
	long long id = 0;
	int fmt = 0;
	ap_buf b = {0};
	int rc = review_id(a->pos[0], &id, e);
	if (!rc)
		rc = cli_enum(a, "format", 0, &fmt, e);
	if (!rc)
		rc = cli_store(c, STORE_EXISTING, e);
	if (!rc)
		rc = review_minutes(c->st, id, fmt == 1, &b, e);
	if (!rc && b.len)
		fwrite(b.s, 1, b.len, c->out);
	buf_free(&b);
	return rc;
}

const cli_cmd cli_review_cmds[] = {
	{"review", "[--segment S] [--tier T] [--with MEMBER]... | --resume [ID]",
	 "Walk the accounts in the workbench's review mode, most at risk first", "segment= tier= with= resume", 0, 1,
	 cmd_review,
	 "Begins a review of every account of --segment (default all) and opens the workbench on\n"
	 "it: the accounts come most at risk first (critical flags of --tier, overdue actions,\n"
	 "longest since their last review). For each it shows what changed since that review, the\n"
	 "open flags and actions and who knows whom; there you confirm an answer still holds (y),\n"
	 "take a flag on (t), snooze it (s), record a decision (i), mark the account reviewed (>)\n"
	 "or skip it (]), as keys.ini binds them (? shows the keys in force). Every step is\n"
	 "saved at once: leave with q and 'acctplan review --resume' continues where you were (with\n"
	 "several open reviews, give the ID 'review list' shows). --with names the members taking\n"
	 "part (repeat it; default you). The review closes when its last account is seen."},
	{"review list", "[--status open|closed|all] [--format text|json|csv]", "List the reviews, oldest first",
	 "status=review-status format=", 0, 0, cmd_review_list,
	 "Each review with its day, scope, who took part and how far it got."},
	{"review show", "ID [--format text|md]", "Print a review's minutes", "format=doc-format", 1, 1, cmd_review_show,
	 "The minutes: who took part, the scope, every account with where it stands, the decisions,\n"
	 "the actions agreed (owner, due day), the flags snoozed and the answers confirmed."},
	{0},
};
