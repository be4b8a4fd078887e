/* cli_report.c - demand drivers, meeting briefs and the portfolio synthesis. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"
#include "acctplan/canvas.h"
#include "acctplan/demand.h"
#include "acctplan/doc.h"
#include "acctplan/json.h"
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
	out_str(t, d->steps);
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

/* What 'driver list' prints as the drivers come: their table (JSON, CSV),
 * or each chain step by step (text), then the totals. */
typedef struct driver_listing {
	FILE *f;
	int fmt;
	out_table *t;      /* JSON and CSV */
	ap_buf text;       /* text: what the doc wrote since the last driver */
	doc dc;
	demand_totals totals;
	demand_skipped skipped;
	size_t n;
} driver_listing;

static void driver_out(driver_listing *l, const char *account, const ap_driver *d)
{
	demand_chain ch;
	demand_compute(d, &ch);
	l->n++;
	if (l->t) {
		driver_row(l->t, account, d, &ch);
		return;
	}
	char *title = xasprintf("%s #%lld: %s", account, d->id, d->metric);
	brief_driver_doc(&l->dc, title, d);
	free(title);
	demand_add(&l->totals, d, &ch, &l->skipped);
	fwrite(l->text.s, 1, l->text.len, l->f);
	l->text.len = 0;
}

/* The drivers of one account, or of all: those come by account name, as
 * the accounts do, which are walked along to name each driver's. */
static int drivers_walk(store *st, const ap_account *one, driver_listing *l, ap_err *e)
{
	store_cursor *drivers = NULL, *accounts = NULL;
	const void *rec, *acc = NULL;
	int rc = store_list_open(st, REC_DRIVER, one ? one->id : 0, &drivers, e), more = !one;
	if (!rc && more)
		rc = store_list_open(st, REC_ACCOUNT, 0, &accounts, e);
	while (!rc && !(rc = store_cursor_next(drivers, &rec, e)) && rec) {
		const ap_driver *d = rec;
		while (more && !rc && (!acc || ((const ap_account *)acc)->id != d->account_id))
			more = !(rc = store_cursor_next(accounts, &acc, e)) && acc;
		driver_out(l, one ? one->name : more ? ((const ap_account *)acc)->name : "?", d);
	}
	store_cursor_close(&accounts);
	store_cursor_close(&drivers);
	return rc;
}

static void drivers_end(driver_listing *l)
{
	if (l->n == 0) {
		fprintf(l->f, "no demand drivers (add one with 'acctplan driver add ACCOUNT METRIC')\n");
		return;
	}
	brief_totals_doc(&l->dc, &l->totals, &l->skipped);
	fputs(l->text.s, l->f);
}

static int cmd_driver_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"account", "id", "metric", "value", "metric_unit", "growth_pct",
		"steps", "share_pct", "product_unit", "need_now", "ours_now", "ours_2y", "ours_5y",
		"complete", "missing", "version"};
	ap_account acc = {0};
	driver_listing l = {.f = c->out};
	int rc = cli_format(a, &l.fmt, e);
	if (rc)
		return rc;
	if (a->npos > 0)
		rc = cli_account(c, a->pos[0], &acc, e);
	else
		rc = cli_store(c, STORE_EXISTING, e);
	if (!rc && !(rc = store_snapshot_begin(c->st, e))) {
		if (l.fmt != FMT_TEXT)
			l.t = out_open(c->out, l.fmt, cols, (int)(sizeof cols / sizeof cols[0]), NULL);
		doc_init(&l.dc, DOC_TEXT, REPORT_WIDTH, &l.text);
		rc = drivers_walk(c->st, acc.id ? &acc : NULL, &l, e);
		store_snapshot_end(c->st);
		if (rc)
			out_free(&l.t);
		else if (l.t)
			rc = out_close(&l.t, e);
		else
			drivers_end(&l);
	}
	buf_free(&l.text);
	ap_vec_free(&l.totals, demand_total_clear);
	ap_account_clear(&acc);
	return rc;
}

/* ---- the steps of a chain ---- */

/* The record and the account a step command or a what-if names: read
 * outside any transaction (describe and whatif write nothing). */
static int driver_read(cli_ctx *c, const char *account, const char *target, ap_account *acc, ap_driver *d, ap_err *e)
{
	long long id;
	int rc = cli_account(c, account, acc, e);
	if (!rc)
		rc = cli_rec_target(c, &cli_kinds[REC_DRIVER], acc->id, target, 0, &id, e);
	if (!rc)
		rc = store_rec_get(c->st, REC_DRIVER, acc->id, id, d, e);
	return rc;
}

/* A step number N as typed: 1 to max. */
static int step_number(const char *what, const char *s, int max, int *out, ap_err *e)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (!*s || *end || n < 1 || n > max)
		return ap_fail(e, AP_EINPUT, "%s: '%s' is not a step of this chain (1 to %d)", what, s, max);
	*out = (int)n;
	return AP_OK;
}

/* What 'driver step add|edit|remove' does to the steps as read. */
static int step_change(void *rec, const cli_args *a, unsigned long long *given, ap_err *e)
{
	ap_driver *d = rec;
	const char *action = a->pos[0], *at = arg_opt(a, "at");
	int count = demand_step_count(d->steps), n = count + 1, rc = AP_OK;
	char *steps = NULL;
	if (strcmp(action, "add") == 0) {
		if (at)
			rc = step_number("--at", at, count + 1, &n, e);
		if (!rc)
			steps = demand_step_put(d->steps, n, a->pos[3], 1);
	} else if (strcmp(action, "edit") == 0) {
		if (!(rc = step_number("step", a->pos[3], count, &n, e)))
			steps = demand_step_put(d->steps, n, a->pos[4], 0);
	} else if (!(rc = step_number("step", a->pos[3], count, &n, e))) {
		steps = demand_step_put(d->steps, n, NULL, 0);
	}
	if (rc)
		return rc;
	free(d->steps);
	d->steps = steps;
	*given |= 1ULL << (rec_field_by_key(&rec_kinds[REC_DRIVER], "steps") - rec_kinds[REC_DRIVER].fields);
	/* The step as typed is a name-like text: checked as --step is. */
	return rec_check_field(rec_field_by_key(&rec_kinds[REC_DRIVER], "steps"), d, "step", e);
}

static void step_describe(FILE *f, const ap_account *acc, const ap_driver *d)
{
	demand_chain ch;
	char unit[256], *v;
	demand_compute(d, &ch);
	fprintf(f, "%s #%lld: %s\n", acc->name, d->id, d->metric);
	fprintf(f, "  end use: %s\n", d->metric_unit && *d->metric_unit ? d->metric_unit : "(no unit)");
	if (!ch.nsteps)
		fprintf(f, "  no step yet (add one with 'acctplan driver step add ACCOUNT ID \"FACTOR B per A\"')\n");
	for (int i = 0; i < ch.nsteps; i++) {
		const demand_link *l = &ch.step[i];
		demand_step_unit(d, &ch, i, unit, sizeof unit);
		fprintf(f, "  step %d: %.*s\n", i + 1, (int)l->line_len, d->steps + l->line);
		if (isnan(l->factor)) {
			fprintf(f, "          factor not given: the quantity after it is unknown\n");
			continue;
		}
		char fac[48], q[DEMAND_HORIZONS][48];
		demand_format(l->factor, fac, sizeof fac);
		for (int h = 0; h < DEMAND_HORIZONS; h++)
			demand_format(l->out[h], q[h], sizeof q[h]);
		v = xasprintf("x %s: %s%s%s now, %s in 2 years, %s in 5 years", fac, q[0], *unit ? " " : "", unit, q[1], q[2]);
		fprintf(f, "          %s\n", v);
		free(v);
	}
	/* The share's line, as 'driver list' ends the chain. */
	char *lines[DEMAND_LINES_MAX];
	int n = demand_lines(d, &ch, lines);
	fprintf(f, "  %s\n", lines[n - 1]);
	for (int i = 0; i < n; i++)
		free(lines[i]);
	char *why = demand_incomplete_text(ch.missing);
	if (*why)
		fprintf(f, "  incomplete: %s\n", why);
	free(why);
}

static int cmd_driver_step(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const struct { const char *action; int npos; } shapes[] = {
		{"add", 4}, {"edit", 5}, {"remove", 4}, {"describe", 3},
	};
	const char *action = a->pos[0];
	size_t i = 0;
	while (i < sizeof shapes / sizeof shapes[0] && strcmp(shapes[i].action, action) != 0)
		i++;
	if (i == sizeof shapes / sizeof shapes[0])
		return ap_fail(e, AP_EINPUT, "driver step: '%s' is not add, edit, remove or describe", action);
	if (a->npos != shapes[i].npos)
		return ap_fail(e, AP_EINPUT, "driver step %s takes %d arguments (see 'acctplan driver step --help')", action,
			shapes[i].npos - 1);
	if (arg_opt(a, "at") && strcmp(action, "add") != 0)
		return ap_fail(e, AP_EINPUT, "--at: only 'driver step add' takes it");
	if (strcmp(action, "describe") != 0)
		return cli_rec_change(c, a, &cli_kinds[REC_DRIVER], a->pos[1], a->pos[2], step_change, e);
	ap_account acc = {0};
	ap_driver d = {0};
	int rc = driver_read(c, a->pos[1], a->pos[2], &acc, &d, e);
	if (!rc)
		step_describe(c->out, &acc, &d);
	ap_driver_clear(&d);
	ap_account_clear(&acc);
	return rc;
}

/* ---- what-if ---- */

/* The one change a what-if makes, from --growth, --share or --at-step N
 * --factor F, parsed as 'driver edit' parses them. */
static int whatif_parse(const cli_args *a, const demand_chain *before, demand_whatif *w, const char **what,
	ap_err *e)
{
	const cli_kind *ck = &cli_kinds[REC_DRIVER];
	ap_driver patch = {0};
	unsigned long long given = 0;
	int rc = cli_rec_parse(a, ck, NULL, &patch, &given, e), n = 0;
	const char *at = arg_opt(a, "at-step");
	n = (arg_opt(a, "growth") != NULL) + (arg_opt(a, "share") != NULL) + (arg_opt(a, "factor") != NULL);
	if (!rc && n != 1)
		rc = ap_fail(e, AP_EINPUT, "driver whatif: give one change: --growth PCT, --share PCT or --at-step N --factor F");
	if (!rc && at && !arg_opt(a, "factor"))
		rc = ap_fail(e, AP_EINPUT, "--at-step: give the step's new factor with --factor F");
	if (!rc && arg_opt(a, "growth"))
		*w = (demand_whatif){DEMAND_N_GROWTH, 0, patch.growth}, *what = "--growth";
	else if (!rc && arg_opt(a, "share"))
		*w = (demand_whatif){DEMAND_N_SHARE, 0, patch.share}, *what = "--share";
	else if (!rc) {
		*w = (demand_whatif){DEMAND_N_FACTOR, 1, patch.old_factor}, *what = "--factor";
		if (at)
			rc = step_number("--at-step", at, before->nsteps, &w->step, e);
		else if (before->nsteps != 1)
			rc = ap_fail(e, AP_EINPUT, "--factor: the chain has %d steps: say which with --at-step N", before->nsteps);
	}
	ap_driver_clear(&patch);
	return rc;
}

/* One row of the side by side: a figure before and after, and how it
 * changed when it did. */
static void whatif_row(FILE *f, const char *label, double b, double a, int pct, const char *tail)
{
	char vb[48], va[48], change[96] = "";
	if (pct) {
		snprintf(vb, sizeof vb, "%.4g%%%s", b, tail);
		snprintf(va, sizeof va, "%.4g%%%s", a, tail);
	} else {
		demand_format(b, vb, sizeof vb);
		demand_format(a, va, sizeof va);
		demand_change_text(b, a, change, sizeof change);
	}
	fprintf(f, "  %-26s %-16s %-16s %s\n", label, vb, va, change);
}

static void whatif_text(FILE *f, const ap_account *acc, const ap_driver *d, const demand_chain *b,
	const demand_chain *x)
{
	char label[64], unit[256];
	fprintf(f, "%s #%lld: %s, what if\n\n", acc->name, d->id, d->metric);
	fprintf(f, "  %-26s %-16s %-16s %s\n", "", "before", "after", "change");
	whatif_row(f, "end use now", b->metric[0], x->metric[0], 0, "");
	whatif_row(f, "growth", b->growth, x->growth, 1, "/year");
	for (int i = 0; i < b->nsteps; i++) {
		snprintf(label, sizeof label, "step %d factor", i + 1);
		whatif_row(f, label, b->step[i].factor, x->step[i].factor, 0, "");
		snprintf(label, sizeof label, "step %d now", i + 1);
		whatif_row(f, label, b->step[i].out[0], x->step[i].out[0], 0, "");
	}
	whatif_row(f, "share", b->share, x->share, 1, "");
	static const char *const when[DEMAND_HORIZONS] = {"our demand now", "our demand in 2 years", "our demand in 5 years"};
	for (int h = 0; h < DEMAND_HORIZONS; h++)
		whatif_row(f, when[h], b->ours[h], x->ours[h], 0, "");
	if (b->nsteps)
		demand_step_unit(d, b, b->nsteps - 1, unit, sizeof unit);
	else
		unit[0] = '\0';
	if (*unit)
		fprintf(f, "\n  our demand in %s; nothing was written\n", unit);
	else
		fprintf(f, "\n  nothing was written\n");
	char *why = demand_incomplete_text(x->missing);
	if (*why)
		fprintf(f, "  incomplete: %s\n", why);
	free(why);
}

static void whatif_json(FILE *f, const ap_account *acc, const ap_driver *d, const demand_whatif *w,
	const demand_chain *b, const demand_chain *x)
{
	static const char *const names[] = {[DEMAND_N_VALUE] = "value", [DEMAND_N_GROWTH] = "growth_pct",
		[DEMAND_N_FACTOR] = "factor", [DEMAND_N_SHARE] = "share_pct"};
	static const char *const keys[DEMAND_HORIZONS] = {"ours_now", "ours_2y", "ours_5y"};
	const demand_chain *both[2] = {b, x};
	json_w jw;
	jw_init(&jw, f, NULL, 1);
	jw_obj(&jw);
	jw_kstr(&jw, "account", acc->name);
	jw_kint(&jw, "id", d->id);
	jw_kstr(&jw, "change", names[w->what]);
	jw_key(&jw, "step");
	if (w->what == DEMAND_N_FACTOR)
		jw_int(&jw, w->step);
	else
		jw_null(&jw);
	jw_kstr(&jw, "product_unit", d->product_unit);
	for (int k = 0; k < 2; k++) {
		jw_key(&jw, k ? "after" : "before");
		jw_obj(&jw);
		jw_kreal(&jw, "growth_pct", both[k]->growth);
		jw_key(&jw, "factors");
		jw_arr(&jw);
		for (int i = 0; i < both[k]->nsteps; i++)
			jw_real(&jw, both[k]->step[i].factor);
		jw_arr_end(&jw);
		jw_kreal(&jw, "share_pct", both[k]->share);
		for (int h = 0; h < DEMAND_HORIZONS; h++)
			jw_kreal(&jw, keys[h], both[k]->ours[h]);
		jw_obj_end(&jw);
	}
	jw_key(&jw, "delta");
	jw_obj(&jw);
	for (int h = 0; h < DEMAND_HORIZONS; h++)
		jw_kreal(&jw, keys[h], x->ours[h] - b->ours[h]);
	jw_obj_end(&jw);
	jw_obj_end(&jw);
	fputc('\n', f);
}

static int cmd_driver_whatif(cli_ctx *c, const cli_args *a, ap_err *e)
{
	int fmt, rc = cli_format(a, &fmt, e);
	ap_account acc = {0};
	ap_driver d = {0};
	demand_chain before, after;
	demand_whatif w;
	const char *what = "";
	if (!rc)
		rc = driver_read(c, a->pos[0], a->pos[1], &acc, &d, e);
	if (!rc) {
		demand_compute(&d, &before);
		rc = whatif_parse(a, &before, &w, &what, e);
	}
	if (!rc)
		rc = demand_whatif_apply(&before, &w, what, &after, e);
	if (!rc && fmt == FMT_JSON)
		whatif_json(c->out, &acc, &d, &w, &before, &after);
	else if (!rc)
		whatif_text(c->out, &acc, &d, &before, &after);
	ap_driver_clear(&d);
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

/* ---- the business model canvas ---- */

/* Text wraps to --width N columns (default: the reports' width). */
#define CANVAS_WIDTH_MIN 40
#define CANVAS_WIDTH_MAX 1000

static int width_opt(const cli_args *a, int *width, ap_err *e)
{
	const char *s = arg_opt(a, "width");
	*width = REPORT_WIDTH;
	if (!s)
		return AP_OK;
	char *end;
	long n = strtol(s, &end, 10);
	if (!*s || *end || n < CANVAS_WIDTH_MIN || n > CANVAS_WIDTH_MAX)
		return ap_fail(e, AP_EINPUT, "--width: '%s' is not a number of columns from %d to %d", s,
			CANVAS_WIDTH_MIN, CANVAS_WIDTH_MAX);
	*width = (int)n;
	return AP_OK;
}

/* One block's answer and where our product sits, as 'account show' gives answers. */
static void canvas_block_json(json_w *w, const canvas *cv, int b)
{
	const canvas_part *p = &cv->part[b];
	jw_obj(w);
	jw_kstr(w, "block", canvas_blocks.names[b]);
	jw_kstr(w, "label", p->q ? p->q->label : NULL);
	jw_key(w, "answer");
	if (p->q)
		cli_answer_json(w, p->q, p->answer);
	else
		jw_null(w);
	jw_key(w, "ours");
	if (p->ours)
		cli_answer_json(w, p->ours, p->ours_answer);
	else
		jw_null(w);
	jw_key(w, "flags");
	jw_arr(w);
	for (size_t i = 0; i < cv->flags.n; i++)
		if (canvas_flag_on(&cv->flags.v[i], b, p->answer != NULL))
			jw_str(w, cv->flags.v[i].rule);
	jw_arr_end(w);
	jw_obj_end(w);
}

static void canvas_json(FILE *f, const canvas *cv)
{
	json_w w;
	char day[11];
	ap_date_format(cv->today, day);
	jw_init(&w, f, NULL, 1);
	jw_obj(&w);
	jw_kstr(&w, "account", cv->acc.name);
	jw_kstr(&w, "as_of", day);
	jw_key(&w, "blocks");
	jw_arr(&w);
	for (int b = 0; b < CANVAS_BLOCKS; b++)
		canvas_block_json(&w, cv, b);
	jw_arr_end(&w);
	cli_flags_json(&w, &cv->flags);
	jw_obj_end(&w);
	(void)jw_end(&w, NULL);   /* nesting fixed at four levels */
}

static int cmd_account_canvas(cli_ctx *c, const cli_args *a, ap_err *e)
{
	int fmt, width, rc;
	ap_account acc = {0};
	rules *r = NULL;
	if ((rc = cli_enum(a, "format", DOC_TEXT, &fmt, e)) || (rc = width_opt(a, &width, e)) ||
	    (rc = cli_qbank(c, e)) || (rc = cli_rules_load(c, &r, e)) || (rc = cli_account(c, a->pos[0], &acc, e))) {
		rules_free(&r);
		return rc;
	}
	canvas cv;
	if (!(rc = canvas_build(c->st, &c->qb, r, acc.id, ap_today(), &cv, e))) {
		if (fmt == CANVAS_JSON) {
			canvas_json(c->out, &cv);
		} else {
			ap_buf text = {0};
			doc dc;
			doc_init(&dc, fmt, width, &text);
			canvas_doc(&cv, &dc);
			fputs(text.s, c->out);
			buf_free(&text);
		}
		canvas_free(&cv);
	}
	rules_free(&r);
	ap_account_clear(&acc);
	return rc;
}

/* ---- portfolio ---- */

static int cmd_portfolio(cli_ctx *c, const cli_args *a, ap_err *e)
{
	int fmt, rc;
	pf_opts o;
	const char *fd = arg_opt(a, "fresh-days");
	rules *r = NULL;
	if ((rc = cli_format(a, &fmt, e)) || (rc = cli_rules_load(c, &r, e)) || (rc = cli_store(c, STORE_EXISTING, e))) {
		rules_free(&r);
		return rc;
	}
	portfolio_opts(&o, r, &c->cfg, ap_today());
	rules_free(&r);
	if (fd) {
		char *end;
		long v = strtol(fd, &end, 10);
		if (!*fd || *end || v < 1 || v > 36500)
			return ap_fail(e, AP_EINPUT, "--fresh-days: '%s' is not a number of days from 1 to 36500", fd);
		for (int t = 0; t < TIER_COUNT; t++)
			o.fresh_days[t] = (int)v;
	}
	portfolio p;
	if ((rc = portfolio_build(c->st, &c->qb, &o, &p, e)))
		return rc;
	if (fmt == FMT_JSON) {
		portfolio_json(&p, c->out);
	} else if (fmt == FMT_CSV) {
		portfolio_csv(&p, c->out);
	} else {
		doc dc;
		doc_init_file(&dc, DOC_TEXT, REPORT_WIDTH, c->out);
		portfolio_doc(&p, &dc);
		doc_finish(&dc);
	}
	portfolio_free(&p);
	return AP_OK;
}

const cli_cmd cli_report_cmds[] = {
	{"driver add", "ACCOUNT METRIC [--value V] [--unit U] [--growth PCT] [--step \"FACTOR UNIT\"]... "
	 "[--factor F [--factor-unit U]] [--share PCT] [--product-unit U]",
	 "Record a demand driver: the chain from the end customers' activity to our demand",
	 "value= unit= growth= step= factor= factor-unit= share= product-unit=", 2, 2, cli_run_add,
	 "METRIC names the end customers' activity (\"Vehicles built\"); --value is its current\n"
	 "size in --unit, which reads 'A per T' (\"thousand vehicles per year\"); --growth its\n"
	 "yearly growth in percent (above -100). Each --step, in order, is a factor and its unit\n"
	 "'B per A' (\"40 thousand chips per thousand vehicles\"): it turns the quantity before it\n"
	 "into B per T; its 'per' part must name that quantity (the end use's A, then the step\n"
	 "before's B; any case, singular or plural), or the step is refused naming both. A\n"
	 "factor is above 0 and at most 1e15; '?' stands for one not known yet. --share is our\n"
	 "share of the last step's quantity in percent (0 to 100). Our implied demand is\n"
	 "value x (1 + growth)^years x every factor x share, in the last step's B per T (the\n"
	 "chain sets --product-unit; a --product-unit that differs is refused), now and in 2\n"
	 "and 5 years. --factor F [--factor-unit U], as before chains, is a chain of one step\n"
	 "whose unit is free. Every step is optional, so a half-known driver can be recorded: it\n"
	 "is listed as incomplete, naming the missing steps, and\n"
	 "never computed as if they were zero."},
	{"driver list", "[ACCOUNT] [--format text|json|csv]",
	 "List demand drivers with their chain computed step by step", "format=", 0, 1, cmd_driver_list,
	 "Without ACCOUNT, every account's drivers. Text shows each chain step by step, with\n"
	 "each step's quantity now, in 2 and in 5 years, then totals per product unit: only like\n"
	 "units are summed, and only complete drivers.\n"
	 "JSON and CSV give one row per driver; steps holds the chain's steps, one a line;\n"
	 "growth_pct and share_pct are percents; need_now, ours_now, ours_2y and ours_5y are in\n"
	 "product_unit (null when a step is missing); version is what --if-version compares."},
	{"driver edit", "ACCOUNT ID [--metric M] [--value V] [--unit U] [--growth PCT] [--step \"FACTOR UNIT\"]... "
	 "[--factor F [--factor-unit U]] [--share PCT] [--product-unit U] [--if-version N]",
	 "Change a demand driver in place, keeping its id",
	 "metric= value= unit= growth= step= factor= factor-unit= share= product-unit= if-version=", 2, 2, cli_run_edit,
	 "The options of 'driver add', each optional; only those given change. --step replaces\n"
	 "the whole chain (--step none empties it; 'driver step' changes one step); --factor and\n"
	 "--factor-unit change the step of a chain of one. A new --unit is held to the unit rule\n"
	 "when a step has a unit 'B per A'. --if-version N writes only if the driver is still at\n"
	 "version N (as 'driver list --format json' showed it); otherwise nothing is written and\n"
	 "acctplan exits with status 4."},
	{"driver step", "add|edit|remove|describe ACCOUNT ID [N] [\"FACTOR UNIT\"] [--at N] [--if-version N]",
	 "Change one step of a demand chain, or describe the chain step by step",
	 "at= if-version=", 3, 5, cmd_driver_step,
	 "driver step add ACCOUNT ID \"FACTOR UNIT\" [--at N]: a step, at the end or before step N.\n"
	 "driver step edit ACCOUNT ID N \"FACTOR UNIT\": replace step N.\n"
	 "driver step remove ACCOUNT ID N: remove step N.\n"
	 "driver step describe ACCOUNT ID: the chain, each step with its quantity now, in 2 and in\n"
	 "5 years.\n"
	 "A changed chain is held to the unit rule of 'driver add' as a whole (a step whose 'per'\n"
	 "part does not name the quantity before it is refused naming both) and the product unit\n"
	 "follows its last step. --if-version N writes only if the driver is still at version N;\n"
	 "otherwise nothing is written and acctplan exits with status 4."},
	{"driver whatif", "ACCOUNT ID (--growth PCT | --at-step N --factor F | --share PCT) [--format text|json]",
	 "What one changed number does to our demand, before and after side by side; writes nothing",
	 "growth= at-step= factor= share= format=", 2, 2, cmd_driver_whatif,
	 "Give one change: the end use's yearly growth, step N's factor (--at-step may be left\n"
	 "out when the chain has one step) or our share. Prints the chain before and after side\n"
	 "by side (the end use, growth, each step's factor and quantity now, share) and our\n"
	 "demand now, in 2 and in 5 years with its change. The numbers are held to the ranges of\n"
	 "'driver add'. --format json gives before, after and delta. Nothing is written."},
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
	{"account canvas", "ACCOUNT [--format text|md|json] [--width N]",
	 "The customer's business model canvas: nine blocks, where our product sits in each",
	 "format=canvas-format width=", 1, 1, cmd_account_canvas,
	 "The nine blocks in the order the canvas is read: key partners, key activities, key\n"
	 "resources, value propositions, customer relationships, channels, customer segments,\n"
	 "cost structure, revenue streams. Each gives its answer with its evidence (source,\n"
	 "confidence, date, who), where our product sits in it (the block's _ours question)\n"
	 "and the open flags on it; then every such flag in full with the command that clears\n"
	 "it. The blocks are questions of the 'canvas' group (acctplan questions): answer them\n"
	 "with 'acctplan answer ACCOUNT canvas_partners TEXT' and canvas_partners_ours, and so\n"
	 "on; each keeps its history. --format md writes Markdown; text wraps to --width N\n"
	 "columns (40 to 1000, default 80); json gives each block's answer and ours as\n"
	 "'account show' gives answers, its flags by rule, and the flags in full."},
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
