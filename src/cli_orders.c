/* cli_orders.c - what the customer bought: add, list, edit and remove an
 * order, and import a CSV file of them, all or nothing. Amounts are typed
 * as decimals and kept as integer minor units of their currency (money.h);
 * an order is keyed by account, period, product and currency. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/csv.h"
#include "acctplan/money.h"
#include "acctplan/output.h"
#include "acctplan/text.h"
#include "cli_internal.h"

/* "2026-Q1 12345.67 EUR" or "2026-Q1 widgets 12345.67 EUR". */
static void order_words(const ap_order *o, char *out, size_t n)
{
	char amount[32];
	money_format(o->amount, o->currency, amount);
	snprintf(out, n, "%s%s%s %s %s", o->period, *o->product ? " " : "", o->product, amount, o->currency);
}

/* What is wrong with o beside its own fields (record.c's order_check):
 * another order with its key, or the other kind of period for the same
 * account and product. */
static int order_fits(store *st, const ap_account *acc, const ap_order *o, ap_err *e)
{
	long long other = 0;
	char *mixed = NULL;
	const char *period = o->period;
	int rc = store_order_find(st, acc->id, o->period, o->product, o->currency, &other, e);
	if (!rc && other && other != o->id)
		return ap_fail(e, AP_EINPUT, "%s already has an order for %s%s%s in %s (#%lld): change it with "
			"'acctplan order edit %lld'", acc->name, o->period, *o->product ? " of " : "", o->product, o->currency,
			other, other);
	if (!rc)
		rc = store_order_period_kind(st, acc->id, o->product, o->id, &period, &mixed, e);
	if (!rc && mixed)
		rc = ap_fail(e, AP_EINPUT, "%s books %s by %s (%s), not by %s: one account and product cannot mix months "
			"and quarters", acc->name, *o->product ? o->product : "its orders",
			strchr(mixed, 'Q') ? "quarters" : "months", mixed, strchr(o->period, 'Q') ? "quarters" : "months");
	free(mixed);
	return rc;
}

/* --amount in --currency (the order's when not given) onto o. */
static int parse_money(const cli_args *a, ap_order *o, ap_err *e)
{
	const char *cur = arg_opt(a, "currency"), *amount = arg_opt(a, "amount"), *period = arg_opt(a, "period"),
		*product = arg_opt(a, "product");
	money_period p;
	char was[32];
	int rc = AP_OK;
	if (cur && !(rc = money_currency_check("--currency", cur, e))) {
		/* A new currency keeps the amount as written, in its own minor units. */
		money_format(o->amount, o->currency ? o->currency : cur, was);
		free(o->currency);
		o->currency = xstrdup(cur);
		if (!amount && o->id)
			amount = was;
	}
	if (!rc && amount)
		rc = money_parse("--amount", amount, o->currency, 0, &o->amount, e);
	if (!rc && period && !(rc = money_period_parse("--period", period, &p, e))) {
		free(o->period);
		o->period = xstrdup(period);
	}
	if (!rc && product && !(rc = cli_text("--product", product, 0, e))) {
		free(o->product);
		o->product = xstrdup(product);
	}
	if (!o->product)
		o->product = xstrdup("");   /* none: the key still has one */
	return rc;
}

static int cmd_order_add(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_account acc = {0};
	ap_order o = {0};
	char words[200];
	rec_defaults(&rec_kinds[REC_ORDER], &o);
	int rc = cli_account(c, a->pos[0], &acc, e);
	if (!rc)
		rc = parse_money(a, &o, e);
	if (!rc)
		rc = store_begin(c->st, e);
	if (!rc) {
		if (!(rc = order_fits(c->st, &acc, &o, e)))
			rc = store_rec_add(c->st, REC_ORDER, acc.id, &o, e);
		if (rc)
			store_rollback(c->st);
		else
			rc = store_commit(c->st, e);
	}
	if (!rc) {
		order_words(&o, words, sizeof words);
		fprintf(c->out, "added order #%lld to %s: %s\n", o.id, acc.name, words);
	}
	ap_order_clear(&o);
	ap_account_clear(&acc);
	return rc;
}

/* ID as typed: a positive whole number (#7 too). */
static int order_id(const char *arg, long long *id, ap_err *e)
{
	char *end = NULL;
	const char *s = arg[0] == '#' ? arg + 1 : arg;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || errno || v <= 0)
		return ap_fail(e, AP_EINPUT, "'%s' is not an order id (see 'acctplan order list')", arg);
	*id = v;
	return AP_OK;
}

static int if_version(const cli_args *a, long long *v, ap_err *e)
{
	const char *s = arg_opt(a, "if-version");
	*v = 0;
	return s ? order_id(s, v, e) ? ap_fail(e, AP_EINPUT, "--if-version '%s' is not a version", s) : AP_OK : AP_OK;
}

static int cmd_order_edit(cli_ctx *c, const cli_args *a, ap_err *e)
{
	long long id, ver;
	ap_order o = {0};
	ap_account acc = {0};
	char words[200];
	int rc = order_id(a->pos[0], &id, e);
	if (!rc)
		rc = if_version(a, &ver, e);
	if (!rc)
		rc = cli_store(c, STORE_EXISTING, e);
	if (!rc)
		rc = store_begin(c->st, e);
	if (rc)
		return rc;
	if (!(rc = store_rec_get(c->st, REC_ORDER, 0, id, &o, e)) && !(rc = store_account_get_id(c->st, o.account_id,
	    &acc, e)) && !(rc = parse_money(a, &o, e)) && !(rc = rec_check(&rec_kinds[REC_ORDER], &o, REC_BY_OPTION, e)) &&
	    !(rc = order_fits(c->st, &acc, &o, e)))
		rc = store_rec_update(c->st, REC_ORDER, o.account_id, &o, ver, e);
	if (rc)
		store_rollback(c->st);
	else
		rc = store_commit(c->st, e);
	if (!rc) {
		order_words(&o, words, sizeof words);
		fprintf(c->out, "order #%lld of %s: %s\n", id, acc.name, words);
	}
	ap_order_clear(&o);
	ap_account_clear(&acc);
	return rc;
}

static int cmd_order_remove(cli_ctx *c, const cli_args *a, ap_err *e)
{
	long long id, ver;
	ap_order o = {0};
	int rc = order_id(a->pos[0], &id, e);
	if (!rc)
		rc = if_version(a, &ver, e);
	if (!rc)
		rc = cli_store(c, STORE_EXISTING, e);
	if (!rc)
		rc = store_rec_get(c->st, REC_ORDER, 0, id, &o, e);
	if (!rc)
		rc = store_rec_remove(c->st, REC_ORDER, 0, id, ver, e);
	if (!rc)
		fprintf(c->out, "removed order #%lld of %s (%s)\n", id, o.account, o.period);
	ap_order_clear(&o);
	return rc;
}

static int order_rows(store *st, long long account, const void *arg, out_table *t, int meta, ap_err *e)
{
	(void)arg;
	(void)meta;
	store_cursor *cur;
	const void *rec;
	int rc = store_list_open(st, REC_ORDER, account, &cur, e);
	while (!rc && !(rc = store_cursor_next(cur, &rec, e)) && rec) {
		const ap_order *o = rec;
		char amount[32];
		money_format(o->amount, o->currency, amount);
		out_str(t, o->account);
		out_str(t, o->period);
		out_str(t, o->product);
		out_decimal(t, amount);
		out_str(t, o->currency);
		out_int(t, o->id);
		out_int(t, o->meta.version);
	}
	store_cursor_close(&cur);
	return rc;
}

static int cmd_order_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	static const char *const cols[] = {"account", "period", "product", "amount", "currency", "id", "version"};
	listing l = {cols, (int)(sizeof cols / sizeof cols[0]), 0, "no orders", order_rows};
	return cli_list(c, a, &l, NULL, e);
}

/* ---- import ---- */

enum { COL_ACCOUNT, COL_PERIOD, COL_AMOUNT, COL_CURRENCY, COL_PRODUCT, NCOLS };
static const char *const col_names[NCOLS] = {"account", "period", "amount", "currency", "product"};

typedef struct import_row {
	long line;
	long long account;
	ap_order o;
} import_row;

typedef struct order_import {
	const char *path;
	char delim;
	int decimal_comma, replace;
	int col[NCOLS];              /* the field index of each column */
	AP_VEC(import_row) rows;
	AP_VEC(ap_account) accounts; /* the accounts named, sorted by name as typed */
	ap_buf bad;                  /* "FILE:LINE: why" per bad row, one a line */
	long nbad;
	long added, unchanged, cleared;
} order_import;

/* Up to this many bad rows are listed; the rest are counted. */
#define IMPORT_BAD_SHOWN 20
#define XSTR_(x) #x
#define XSTR(x) XSTR_(x)

static void bad_row(order_import *im, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void bad_row(order_import *im, long line, const char *fmt, ...)
{
	if (im->nbad++ >= IMPORT_BAD_SHOWN)
		return;
	va_list ap;
	va_start(ap, fmt);
	buf_printf(&im->bad, "%s:%ld: ", im->path, line);
	buf_vprintf(&im->bad, fmt, ap);
	buf_puts(&im->bad, "\n");
	va_end(ap);
}

static int header(order_import *im, const csv_reader *r, ap_err *e)
{
	for (int k = 0; k < NCOLS; k++)
		im->col[k] = -1;
	if (im->delim == ',' && r->n == 1 && strchr(r->v[0], ';'))
		return ap_fail(e, AP_EINPUT, "%s:1: the columns are separated by ';' (and the amounts may have decimal "
			"commas): read it with --delimiter ';' --decimal-comma", im->path);
	for (int i = 0; i < r->n; i++) {
		int k = 0;
		while (k < NCOLS && strcasecmp(r->v[i], col_names[k]) != 0)
			k++;
		if (k == NCOLS)
			return ap_fail(e, AP_EINPUT, "%s:1: unknown column '%s' (expected account, period, amount, currency, "
				"product)", im->path, r->v[i]);
		if (im->col[k] >= 0)
			return ap_fail(e, AP_EINPUT, "%s:1: column '%s' appears twice", im->path, col_names[k]);
		im->col[k] = i;
	}
	for (int k = 0; k < NCOLS; k++)
		if (im->col[k] < 0)
			return ap_fail(e, AP_EINPUT, "%s:1: no column '%s' (the header names account, period, amount, currency "
				"and product)", im->path, col_names[k]);
	return AP_OK;
}

static int by_account_name(const void *x, const void *y)
{
	return strcmp(((const ap_account *)x)->name, ((const ap_account *)y)->name);
}

/* The account a row names: every account read once, sorted by name as
 * stored; a name typed otherwise (case, accents) is asked of the store,
 * which compares names as it always does. */
static long long row_account(cli_ctx *c, order_import *im, const char *name)
{
	ap_err quiet;
	if (!im->accounts.n && store_account_list(c->st, (void *)&im->accounts, &quiet) == AP_OK)
		qsort(im->accounts.v, im->accounts.n, sizeof *im->accounts.v, by_account_name);
	ap_account key = {.name = (char *)name}, acc = {0};
	ap_account *hit = im->accounts.n ? bsearch(&key, im->accounts.v, im->accounts.n, sizeof key, by_account_name)
	                                 : NULL;
	if (hit)
		return hit->id;
	long long id = store_account_get(c->st, name, &acc, &quiet) == AP_OK ? acc.id : 0;
	ap_account_clear(&acc);
	return id;
}

static void read_row(cli_ctx *c, order_import *im, const csv_reader *r, long line)
{
	ap_err sub;
	money_period p;
	if (r->n != NCOLS) {
		bad_row(im, line, "%d field%s where the header has %d", r->n, r->n == 1 ? "" : "s", NCOLS);
		return;
	}
	for (int i = 0; i < r->n; i++)
		if (!ap_utf8_valid(r->v[i], strlen(r->v[i]))) {
			bad_row(im, line, "not UTF-8 text (save the file as UTF-8)");
			return;
		}
	const char *name = r->v[im->col[COL_ACCOUNT]], *period = r->v[im->col[COL_PERIOD]],
		*amount = r->v[im->col[COL_AMOUNT]], *cur = r->v[im->col[COL_CURRENCY]], *product = r->v[im->col[COL_PRODUCT]];
	long long minor = 0, account = row_account(c, im, name);
	if (!account)
		bad_row(im, line, "no account '%s' (see 'acctplan account list')", name);
	else if (money_period_parse("period", period, &p, &sub) || money_parse("amount", amount, cur, im->decimal_comma,
	         &minor, &sub) || ap_text_check("product", product, 0, &sub))
		bad_row(im, line, "%s", sub.msg);
	else {
		import_row *row = ap_vec_push(&im->rows);
		row->line = line;
		row->account = account;
		row->o = (ap_order){.period = xstrdup(period), .product = xstrdup(product), .currency = xstrdup(cur),
			.amount = minor};
	}
}

/* The rows by key, so a key given twice, and an account's product booked
 * by months and by quarters, stand next to each other. */
static int by_key(const void *x, const void *y)
{
	const import_row *a = x, *b = y;
	int c = (a->account > b->account) - (a->account < b->account);
	if (!c)
		c = strcmp(a->o.product, b->o.product);
	if (!c)
		c = strcmp(a->o.period, b->o.period);
	if (!c)
		c = strcmp(a->o.currency, b->o.currency);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

static void check_rows(order_import *im)
{
	qsort(im->rows.v, im->rows.n, sizeof *im->rows.v, by_key);
	for (size_t i = 1; i < im->rows.n; i++) {
		const import_row *a = &im->rows.v[i - 1], *b = &im->rows.v[i];
		if (a->account != b->account || strcmp(a->o.product, b->o.product) != 0)
			continue;
		if (strcmp(a->o.period, b->o.period) == 0 && strcmp(a->o.currency, b->o.currency) == 0)
			bad_row(im, b->line, "the same account, period, product and currency as line %ld", a->line);
		else if ((strchr(a->o.period, 'Q') != NULL) != (strchr(b->o.period, 'Q') != NULL))
			bad_row(im, b->line, "%s by %s where line %ld has %s: one account and product cannot mix months and "
				"quarters", b->o.period, strchr(b->o.period, 'Q') ? "quarter" : "month", a->line, a->o.period);
	}
}

/* Clear each (account, period) the file gives, once: --replace-periods. */
static int clear_periods(cli_ctx *c, order_import *im, ap_err *e)
{
	int rc = AP_OK;
	for (size_t i = 0; !rc && i < im->rows.n; i++) {
		const import_row *r = &im->rows.v[i];
		int seen = 0;
		for (size_t j = i; j-- > 0 && im->rows.v[j].account == r->account && !seen;)
			seen = strcmp(im->rows.v[j].o.period, r->o.period) == 0;
		long long n = 0;
		if (!seen && !(rc = store_order_clear_period(c->st, r->account, r->o.period, &n, e)))
			im->cleared += n;
	}
	return rc;
}

/* Orders there, by key, for the rows to be compared with. */
static int by_order_key(const void *x, const void *y)
{
	const ap_order *a = x, *b = y;
	int c = (a->account_id > b->account_id) - (a->account_id < b->account_id);
	if (!c)
		c = strcmp(a->product, b->product);
	if (!c)
		c = strcmp(a->period, b->period);
	return c ? c : strcmp(a->currency, b->currency);
}

/* The first order there of the row's account and product, at or after its key. */
static const ap_order *order_at(const ap_orders *there, const import_row *r, int whole_key)
{
	ap_order key = {.account_id = r->account, .product = r->o.product, .period = whole_key ? r->o.period : (char *)"",
		.currency = whole_key ? r->o.currency : (char *)""};
	size_t lo = 0, hi = there->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (by_order_key(&there->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < there->n ? &there->v[lo] : NULL;
}

/* Each row against the orders there (read once, after --replace-periods
 * cleared its periods): equal ones change nothing, others are refused;
 * new ones are added unless a row was bad. */
static int store_rows(cli_ctx *c, order_import *im, ap_err *e)
{
	ap_orders there = {0};
	int rc = im->replace ? clear_periods(c, im, e) : AP_OK;
	if (!rc)
		rc = store_order_list(c->st, 0, &there, e);
	if (!rc)
		qsort(there.v, there.n, sizeof *there.v, by_order_key);
	for (size_t i = 0; !rc && i < im->rows.n; i++) {
		import_row *r = &im->rows.v[i];
		const ap_order *o = order_at(&there, r, 1), *first = order_at(&there, r, 0);
		if (o && !by_order_key(o, &(ap_order){.account_id = r->account, .product = r->o.product,
		    .period = r->o.period, .currency = r->o.currency})) {
			if (o->amount == r->o.amount)
				im->unchanged++;
			else
				bad_row(im, r->line, "order #%lld has this account, period, product and currency with another "
					"amount (--replace-periods overwrites the periods the file gives)", o->id);
			continue;
		}
		/* Another kind of period for the account's product: its orders there are contiguous from first. */
		int quarter = strchr(r->o.period, 'Q') != NULL;
		const ap_order *mixed = NULL;
		for (const ap_order *x = first; x && x < there.v + there.n && x->account_id == r->account &&
		     !strcmp(x->product, r->o.product) && !mixed; x++)
			if ((strchr(x->period, 'Q') != NULL) != quarter)
				mixed = x;
		if (mixed)
			bad_row(im, r->line, "the account books %s by %s (%s): one account and product cannot mix months and "
				"quarters", *r->o.product ? r->o.product : "its orders", quarter ? "months" : "quarters",
				mixed->period);
		else if (!im->nbad && !(rc = store_rec_add(c->st, REC_ORDER, r->account, &r->o, e)))
			im->added++;
	}
	ap_vec_free(&there, ap_order_clear);
	return rc;
}

static int read_file(const char *path, ap_buf *out, ap_err *e)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return ap_fail(e, AP_EINPUT, "cannot read '%s': %s", path, strerror(errno));
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(out, chunk, n);
	int bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (bad)
		return ap_fail(e, AP_EINPUT, "cannot read '%s'", path);
	if (memchr(out->s ? out->s : "", '\0', out->len))
		return ap_fail(e, AP_EINPUT, "'%s' is not a text file (it holds NUL bytes)", path);
	return AP_OK;
}

static void import_free(order_import *im)
{
	for (size_t i = 0; i < im->rows.n; i++)
		ap_order_clear(&im->rows.v[i].o);
	free(im->rows.v);
	ap_vec_free(&im->accounts, ap_account_clear);
	buf_free(&im->bad);
}

static int cmd_order_import(cli_ctx *c, const cli_args *a, ap_err *e)
{
	order_import im = {.path = a->pos[0], .delim = ',', .decimal_comma = arg_flag(a, "decimal-comma"),
		.replace = arg_flag(a, "replace-periods")};
	const char *delim = arg_opt(a, "delimiter");
	ap_buf data = {0};
	csv_reader r;
	long line = 0;
	int rc = AP_OK, got;
	if (delim && (strlen(delim) != 1 || strchr("\"\r\n", *delim)))
		return ap_fail(e, AP_EINPUT, "--delimiter '%s': give one character, like ';' or a tab", delim);
	if (delim)
		im.delim = *delim;
	if (im.decimal_comma && im.delim == ',')
		return ap_fail(e, AP_EINPUT, "--decimal-comma needs another --delimiter than ',' (a comma cannot be both)");
	if ((rc = read_file(im.path, &data, e)) || (rc = cli_store(c, STORE_EXISTING, e)))
		goto out;
	csv_init(&r, data.s ? data.s : "", data.len, im.delim);
	if ((got = csv_next(&r, &line, e)) <= 0)
		rc = got < 0 ? AP_EINPUT : ap_fail(e, AP_EINPUT, "%s: empty (it needs a header row)", im.path);
	else
		rc = header(&im, &r, e);
	while (!rc && (got = csv_next(&r, &line, e)) > 0)
		read_row(c, &im, &r, line);
	if (!rc && got < 0)
		ap_err_context(e, "%s", im.path), rc = AP_EINPUT;
	csv_free(&r);
	if (!rc && !im.nbad)
		check_rows(&im);
	if (!rc && !im.nbad && !(rc = store_begin(c->st, e))) {
		rc = store_rows(c, &im, e);
		if (rc || im.nbad || arg_flag(a, "dry-run"))
			store_rollback(c->st);
		else
			rc = store_commit(c->st, e);
	}
	if (!rc && im.nbad) {
		/* A line each, as every message is one line: the bad rows, then what came of them. */
		for (const char *p = im.bad.s; p && *p;) {
			size_t n = strcspn(p, "\n");
			fprintf(stderr, "acctplan: %.*s\n", (int)n, p);
			p += n + (p[n] == '\n');
		}
		rc = ap_fail(e, AP_EINPUT, "%s: %ld bad row%s%s; nothing imported", im.path, im.nbad, im.nbad == 1 ? "" : "s",
			im.nbad > IMPORT_BAD_SHOWN ? " (the first " XSTR(IMPORT_BAD_SHOWN) " above)" : " (above)");
	}
	if (!rc)
		fprintf(c->out, "%s %ld order%s from %s (%ld unchanged%s)\n", arg_flag(a, "dry-run") ? "would import" :
			"imported", im.added, im.added == 1 ? "" : "s", im.path, im.unchanged,
			im.replace ? "; the periods given replaced" : "");
out:
	buf_free(&data);
	import_free(&im);
	return rc;
}

#define IFV " [--if-version N]"
#define MONEY_HELP \
	"--period: a month YYYY-MM or a quarter YYYY-Qn (one account and product keeps to one).\n" \
	"--amount: a decimal with at most the currency's decimals (12345.67 EUR, 1200 JPY);\n" \
	"negative for a credit note. It is kept exactly, in the currency's minor units.\n" \
	"--currency: an ISO 4217 code. An order is keyed by account, period, product and\n" \
	"currency: one of each.\n"

const cli_cmd cli_order_cmds[] = {
	{"order add", "ACCOUNT --period YYYY-MM|YYYY-Qn --amount A --currency CUR [--product P]",
	 "Record what the customer ordered in a period", "period= amount= currency= product=", 1, 1, cmd_order_add,
	 MONEY_HELP},
	{"order list", "[ACCOUNT] [--format text|json|csv]", "List orders by account and period", "format=", 0, 1,
	 cmd_order_list, "Amounts as decimals of their currency (numbers in JSON and CSV)."},
	{"order edit", "ID [--period P] [--amount A] [--currency CUR] [--product P]" IFV, "Change an order in place",
	 "period= amount= currency= product= if-version=", 1, 1, cmd_order_edit,
	 MONEY_HELP "A new --currency without --amount keeps the amount as written.\n"
	 "--if-version N writes only if the order is still at version N (else exit 4)."},
	{"order remove", "ID" IFV, "Remove an order", "if-version=", 1, 1, cmd_order_remove, NULL},
	{"order import", "FILE.csv [--replace-periods] [--delimiter C] [--decimal-comma] [--dry-run]",
	 "Import orders from a CSV file, all or nothing", "replace-periods delimiter= decimal-comma dry-run", 1, 1,
	 cmd_order_import,
	 "A header row names the columns account, period, amount, currency and product (in any\n"
	 "order; product may be empty). A UTF-8 byte order mark and CRLF line ends are fine. Every\n"
	 "row is checked first; with any bad one nothing is written and each is named by its line.\n"
	 "A row equal to an order already there changes nothing, so importing a file twice is\n"
	 "harmless; one that differs is refused unless --replace-periods, which replaces every\n"
	 "order of the periods the file gives for its accounts. A ';'-separated file with decimal\n"
	 "commas reads with --delimiter ';' --decimal-comma."},
	{0},
};
