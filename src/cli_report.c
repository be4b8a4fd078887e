/* cli_report.c - demand drivers, meeting briefs and the portfolio synthesis. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"
#include "acctplan/demand.h"
#include "acctplan/doc.h"
#include "acctplan/output.h"
#include "acctplan/portfolio.h"
#include "cli_internal.h"

/* Text output of reports wraps to the classic terminal width. */
#define REPORT_WIDTH 80

/* ---- demand drivers ---- */

/* After add or edit: a driver missing steps says which, as 'driver list' would. */
void cli_driver_written(cli_ctx *c, const void *rec)
{
	demand_chain ch;
	demand_compute(rec, &ch);
	if (!ch.missing)
		return;
	char *why = demand_incomplete_text(ch.missing);
	fprintf(c->out, "incomplete: %s\n", why);
	free(why);
}

static void driver_row(out_table *t, const char *account, const ap_driver *d, const demand_chain *ch)
{
	char *missing = demand_missing_text(ch->missing);
	out_str(t, account);
	out_int(t, d->id);
	out_str(t, d->metric);
	out_real(t, d->value);
	out_str(t, d->metric_unit);
	out_real(t, d->growth);
	out_real(t, d->factor);
	out_str(t, d->factor_unit);
	out_real(t, d->share);
	out_str(t, d->product_unit);
	out_real(t, ch->need[0]);
	for (int h = 0; h < DEMAND_HORIZONS; h++)
		out_real(t, ch->ours[h]);
	out_bool(t, ch->missing == 0);
	out_str(t, missing);
	out_int(t, d->meta.version);
	free(missing);
}

/* Drivers as a table (JSON, CSV) or step by step with their totals (text).
 * one names the account when listing a single one; otherwise accs, which
 * comes by account name like the drivers, is walked along to name each. */
static void print_drivers(FILE *f, int fmt, const ap_drivers *list, const ap_account *one, const ap_accounts *accs)
{
	static const char *const cols[] = {"account", "id", "metric", "value", "metric_unit", "growth_pct",
		"factor", "factor_unit", "share_pct", "product_unit", "need_now", "ours_now", "ours_2y", "ours_5y",
		"complete", "missing", "version"};
	out_table *t = out_new(cols, (int)(sizeof cols / sizeof cols[0]));
	ap_buf text = {0};
	doc dc;
	demand_totals totals = {0};
	demand_skipped skipped = {0};
	size_t k = 0;
	doc_init(&dc, DOC_TEXT, REPORT_WIDTH, &text);
	for (size_t i = 0; i < list->n; i++) {
		const ap_driver *d = &list->v[i];
		while (!one && k < accs->n && accs->v[k].id != d->account_id)
			k++;
		const char *name = one ? one->name : k < accs->n ? accs->v[k].name : "?";
		demand_chain ch;
		demand_compute(d, &ch);
		driver_row(t, name, d, &ch);
		char *title = xasprintf("%s #%lld: %s", name, d->id, d->metric);
		brief_driver_doc(&dc, title, d);
		free(title);
		demand_add(&totals, d, &ch, &skipped);
	}
	if (fmt != FMT_TEXT)
		out_print(t, f, fmt, NULL);
	else if (list->n == 0)
		fprintf(f, "no demand drivers (add one with 'acctplan driver add ACCOUNT METRIC')\n");
	else {
		brief_totals_doc(&dc, &totals, &skipped);
		fputs(text.s, f);
	}
	buf_free(&text);
	out_free(&t);
	ap_vec_free(&totals, demand_total_clear);
}

static int cmd_driver_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	int fmt, rc;
	ap_account acc = {0};
	ap_accounts accs = {0};
	ap_drivers list = {0};
	if ((rc = cli_format(a, &fmt, e)))
		return rc;
	if (a->npos > 0)
		rc = cli_account(c, a->pos[0], &acc, e);
	else
		rc = cli_store(c, STORE_EXISTING, e);
	if (!rc && !(rc = store_driver_list(c->st, acc.id, &list, e)) &&
	    !(rc = acc.id ? AP_OK : store_account_list(c->st, &accs, e)))
		print_drivers(c->out, fmt, &list, acc.id ? &acc : NULL, &accs);
	ap_vec_free(&list, ap_driver_clear);
	ap_vec_free(&accs, ap_account_clear);
	ap_account_clear(&acc);
	return rc;
}

/* ---- brief ---- */

static int cmd_brief(cli_ctx *c, const cli_args *a, ap_err *e)
{
	const char *out = arg_opt(a, "output");
	int fmt, tier, rc;
	ap_account acc = {0};
	rules *r = NULL;
	if ((rc = cli_config(c, e)) || (rc = cli_enum(a, "tier", c->cfg.user_tier, &tier, e)) ||
	    (rc = cli_enum(a, "format", DOC_TEXT, &fmt, e)))
		return rc;
	if (out && !*out)
		return ap_fail(e, AP_EINPUT, "-o: the output file name is empty");
	if (out && strcmp(out, "-") == 0)   /* as export takes it: standard output */
		out = NULL;
	if ((rc = cli_rules_load(c, &r, e)) || (rc = cli_account(c, a->pos[0], &acc, e))) {
		rules_free(&r);
		return rc;
	}
	brief b;
	if (!(rc = brief_build(c->st, &c->qb, r, acc.id, tier, ap_today(), &b, e))) {
		if (out) {
			rc = brief_write(&b, fmt, REPORT_WIDTH, out, store_path(c->st), e);
		} else {
			ap_buf text = {0};
			doc dc;
			doc_init(&dc, fmt, REPORT_WIDTH, &text);
			brief_doc(&b, &dc);
			fputs(text.s, c->out);
			buf_free(&text);
		}
		if (!rc && out)
			fprintf(c->out, "wrote the %s brief of %s to %s\n", ap_tiers.names[tier], acc.name, out);
		brief_free(&b);
	}
	rules_free(&r);
	ap_account_clear(&acc);
	return rc;
}

/* ---- portfolio ---- */

static int cmd_portfolio(cli_ctx *c, const cli_args *a, ap_err *e)
{
	int fmt, rc, fresh[TIER_COUNT], review[SEGMENT_COUNT];
	const char *fd = arg_opt(a, "fresh-days");
	rules *r = NULL;
	if ((rc = cli_format(a, &fmt, e)) || (rc = cli_rules_load(c, &r, e)) || (rc = cli_store(c, STORE_EXISTING, e))) {
		rules_free(&r);
		return rc;
	}
	portfolio_fresh_days(r, fresh);
	portfolio_review_days(r, review);
	rules_free(&r);
	if (fd) {
		char *end;
		long v = strtol(fd, &end, 10);
		if (!*fd || *end || v < 1 || v > 36500)
			return ap_fail(e, AP_EINPUT, "--fresh-days: '%s' is not a number of days from 1 to 36500", fd);
		for (int t = 0; t < TIER_COUNT; t++)
			fresh[t] = (int)v;
	}
	portfolio p;
	if ((rc = portfolio_build(c->st, &c->qb, ap_today(), fresh, review, &p, e)))
		return rc;
	if (fmt == FMT_JSON) {
		portfolio_json(&p, c->out);
	} else if (fmt == FMT_CSV) {
		out_table *t = portfolio_coverage_table(&p);
		out_print(t, c->out, FMT_CSV, NULL);
		out_free(&t);
	} else {
		ap_buf text = {0};
		doc dc;
		doc_init(&dc, DOC_TEXT, REPORT_WIDTH, &text);
		portfolio_doc(&p, &dc);
		fputs(text.s, c->out);
		buf_free(&text);
	}
	portfolio_free(&p);
	return AP_OK;
}

const cli_cmd cli_report_cmds[] = {
	{"driver add", "ACCOUNT METRIC [--value V] [--unit U] [--growth PCT] [--factor F] [--factor-unit U] "
	 "[--share PCT] [--product-unit U]",
	 "Record a demand driver: the end-customer activity behind the customer's orders",
	 "value= unit= growth= factor= factor-unit= share= product-unit=", 2, 2, cli_run_add,
	 "METRIC names the end customers' activity (\"Monthly video streams\"); --value is its\n"
	 "current size in --unit; --growth its yearly growth in percent (above -100); --factor\n"
	 "how much of what we sell the customer needs per metric unit (--factor-unit says how,\n"
	 "e.g. \"GB per stream\"); --share our share of that need in percent (0 to 100);\n"
	 "--product-unit the unit of our demand (\"GB\"). Our implied demand is\n"
	 "value x (1 + growth)^years x factor x share, now and in 2 and 5 years.\n"
	 "Every step is optional, so a half-known driver can be recorded: it is listed as\n"
	 "incomplete, naming the missing steps, and never computed as if they were zero."},
	{"driver list", "[ACCOUNT] [--format text|json|csv]",
	 "List demand drivers with their chain computed step by step", "format=", 0, 1, cmd_driver_list,
	 "Without ACCOUNT, every account's drivers. Text shows each chain step by step, then\n"
	 "totals per product unit: only like units are summed, and only complete drivers.\n"
	 "JSON and CSV give one row per driver; growth_pct and share_pct are percents;\n"
	 "need_now, ours_now, ours_2y and ours_5y are in product_unit (null when a step is missing);\n"
	 "version is what --if-version compares."},
	{"driver edit", "ACCOUNT ID [--metric M] [--value V] [--unit U] [--growth PCT] [--factor F] [--factor-unit U] "
	 "[--share PCT] [--product-unit U] [--if-version N]",
	 "Change a demand driver in place, keeping its id",
	 "metric= value= unit= growth= factor= factor-unit= share= product-unit= if-version=", 2, 2, cli_run_edit,
	 "The options of 'driver add', each optional; only those given change. --if-version N\n"
	 "writes only if the driver is still at version N (as 'driver list --format json'\n"
	 "showed it); otherwise nothing is written and acctplan exits with status 4."},
	{"driver remove", "ACCOUNT ID [--if-version N]", "Remove a demand driver by its id", "if-version=", 2, 2,
	 cli_run_remove, "--if-version N removes it only if it is still at version N (exit 4 otherwise)."},
	{"brief", "ACCOUNT [--tier sales|product|executive] [--format md|text] [-o FILE]",
	 "A one-page brief for the tier about to meet the customer", "tier= format=doc-format output=", 1, 1, cmd_brief,
	 "The account at a glance (industry, segment, growth, market position, alignment,\n"
	 "posture, demand outlook, flags); who we meet (contacts by buying role, who on our side\n"
	 "holds each relationship, and the gaps); what we know (the tier's answers with their age\n"
	 "and evidence, and the other tiers' answers in one line each); what to ask (the tier's\n"
	 "unanswered, stale and weakly evidenced questions as flagged by the rules, most severe\n"
	 "first, at most 7); what to share (unshared bad news first, then what their customers ask\n"
	 "for and what we know of their industry, then unshared good news); recent history (the\n"
	 "last engagements of every tier and the latest notes); and the demand chain step by step.\n"
	 "--tier defaults to [user] tier in config.ini. --format md writes Markdown; text (the\n"
	 "default) fits 80 columns. -o FILE writes the brief to FILE instead of standard\n"
	 "output: a file is replaced atomically and created with mode 0600 (account plans are\n"
	 "confidential); a link's target is replaced; a device, a FIFO or /dev/stdout is\n"
	 "written through; the live database is refused. -o - is standard output."},
	{"portfolio", "[--format text|json|csv] [--fresh-days N]",
	 "The executive synthesis: end-customer industries, alignment, posture, demand, coverage",
	 "format= fresh-days=", 0, 0, cmd_portfolio,
	 "What all accounts say together: for each end-customer industry, the accounts selling\n"
	 "into it, their trend votes (growing, flat, shrinking) and whether each view was heard\n"
	 "from customers, found by desk research or guessed (the source of the account's answer\n"
	 "to end_industry, else end_customers); the accounts by roadmap alignment and by posture;\n"
	 "the demand outlook, with our implied demand from complete demand chains summed per\n"
	 "product unit (never across units) and each outlook's share of it, an account whose\n"
	 "driver misses a step or a product unit counting as unknown (named, with what it\n"
	 "misses); and coverage: per account and tier, the share of questions answered, the\n"
	 "share answered recently enough to be fresh (per tier, the max_age_days of its stale\n"
	 "rules, or --fresh-days N for all tiers), and the days since that tier's last\n"
	 "engagement.\n"
	 "--format json gives all of it. --format csv gives the coverage table, one row per\n"
	 "account and tier: account, tier, questions, answered, fresh, answered_pct, fresh_pct,\n"
	 "last_engagement, days_since_engagement (empty when the tier never met the account),\n"
	 "demand_weight (none: no demand driver; known; unknown: a driver misses a step)."},
	{0},
};
