/* view_brief.c - the pre-meeting brief of the current account: the same
 * text as `acctplan brief`, laid out at the width of the screen. 1, 2 and 3
 * choose the tier that meets; w writes the brief to a file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/brief.h"
#include "app.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

/* A written brief fits the classic terminal, as the CLI's does. */
#define FILE_WIDTH 80

struct brief_priv {
	brief b;
	int built;
	int tier;
	int chosen;      /* tier set: from the focused pane at first, then by 1/2/3 */
	int width;       /* columns the lines were laid out for */
	char **lines;
	size_t n;
};

static struct brief_priv *bp(struct view *v) { return v->priv; }

static void free_lines(struct brief_priv *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	p->lines = NULL;
	p->n = 0;
}

/* Lay the brief out as text width columns wide, one row per line. */
static void layout(struct view *v, int width)
{
	struct brief_priv *p = bp(v);
	ap_buf text = {0};
	doc d;
	free_lines(p);
	doc_init(&d, DOC_TEXT, width, &text);
	brief_doc(&p->b, &d);
	AP_VEC(char *) lines = {0};
	for (const char *s = text.s ? text.s : ""; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		*ap_vec_push(&lines) = strndup(s, len);
		s += len + (nl != NULL);
	}
	buf_free(&text);
	p->lines = lines.v;
	p->n = lines.n;
	p->width = width;
	v->lines = p->n;
}

/* Text width for a screen of cols columns: one blank column each side. */
static int text_width(const struct app *a) { return a->cols - 2; }

static int brief_open(struct view *v, ap_err *e)
{
	struct brief_priv *p = bp(v);
	struct app *a = v->app;
	if (!p->chosen) {
		const qb_question *q = view_main_question(a);
		p->tier = q ? q->tier : a->cfg.user_tier;
		p->chosen = 1;
	}
	if (p->built)
		brief_free(&p->b);
	p->built = 0;
	int rc = brief_build(a->st, &a->qb, a->rules, a->acct.id, p->tier, a->today, &p->b, e);
	if (rc) {
		free_lines(p);
		v->lines = 0;
		return rc;
	}
	p->built = 1;
	layout(v, text_width(a));
	return AP_OK;
}

static void brief_done(struct view *v)
{
	struct brief_priv *p = bp(v);
	if (p->built)
		brief_free(&p->b);
	free_lines(p);
}

static void brief_draw(struct view *v)
{
	struct brief_priv *p = bp(v);
	if (p->built && p->width != text_width(v->app))
		layout(v, text_width(v->app));
	view_draw_page(v);
}

static int is_rule(const char *s)
{
	return *s && (strspn(s, "=") == strlen(s) || strspn(s, "-") == strlen(s));
}

static void brief_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	(void)selected;   /* a page to read: no selection bar */
	struct brief_priv *p = bp(v);
	const char *line = p->lines[row];
	int heading = row + 1 < p->n && is_rule(p->lines[row + 1]);
	int elem = heading ? TH_HEADER : is_rule(line) ? TH_BORDER : TH_NORMAL;
	draw_fill(y, x, w, elem);
	draw_str(y, x + 1, w - 2, line, elem);
}

static void brief_title(struct view *v, char *buf, size_t n)
{
	snprintf(buf, n, "Brief for the %s meeting with %s", ap_tiers.names[bp(v)->tier], v->app->acct.name);
}

/* "Nordwind Logistik" -> "Nordwind-Logistik-sales-brief.md" in the current folder. */
static char *default_file(const struct app *a, int tier)
{
	char *name = xasprintf("%s-%s-brief.md", a->acct.name, ap_tiers.names[tier]);
	for (char *s = name; *s; s++)
		if (*s == ' ' || *s == '/' || *s == '\\' || *s == ':')
			*s = '-';
	return name;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

static void write_file(struct view *v)
{
	struct brief_priv *p = bp(v);
	struct app *a = v->app;
	char *suggested = default_file(a, p->tier), *answer = NULL;
	int ok = input_line(a, "write the brief to (.md for Markdown)", suggested, &answer);
	free(suggested);
	if (!ok || !answer || !*answer) {
		free(answer);
		return;
	}
	char *path = ap_expand_home(answer);
	ap_err e = {0};
	if (brief_write(&p->b, ends_with(path, ".md") ? DOC_MD : DOC_TEXT, FILE_WIDTH, path, store_path(a->st), &e))
		ui_error(a, &e);
	else
		ui_message(a, "wrote the %s brief of %s to %s", ap_tiers.names[p->tier], a->acct.name, path);
	free(path);
	free(answer);
}

static int brief_key(struct view *v, int action, int key)
{
	(void)key;
	struct brief_priv *p = bp(v);
	int tier = action == ACT_TIER_SALES ? TIER_SALES : action == ACT_TIER_PRODUCT ? TIER_PRODUCT
		: action == ACT_TIER_EXEC ? TIER_EXEC : -1;
	if (tier >= 0) {
		ap_err e = {0};
		p->tier = tier;
		v->sel = v->top = 0;
		if (view_reload(v, &e))
			ui_error(v->app, &e);
		return 1;
	}
	if (action == ACT_WRITE && p->built) {
		write_file(v);
		return 1;
	}
	return view_page_key(v, action);
}

static const int brief_hints[] = {ACT_TIER_SALES, ACT_TIER_PRODUCT, ACT_TIER_EXEC, ACT_WRITE, ACT_PAGE_DOWN,
	ACT_CLOSE, ACT_HELP, ACT_NONE};

const struct view_ops view_brief_ops = {
	.name = "brief",
	.flags = VIEW_ACCOUNT,
	.priv_size = sizeof(struct brief_priv),
	.open = brief_open,
	.draw = brief_draw,
	.draw_row = brief_draw_row,
	.title = brief_title,
	.key = brief_key,
	.done = brief_done,
	.hints = brief_hints,
};
