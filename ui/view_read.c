/* view_read.c - one long text read in full: wrapped at the width of the
 * screen and scrolled like a page. The detail areas show what fits under the
 * lists; a long answer or note is read here (the `read` key). */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "keymap.h"
#include "theme.h"
#include "view.h"

struct read_priv {
	char *title, *text;
	int width;        /* columns the line count was made for */
};

/* What view_read_open hands to the view it opens (open runs inside ui_push). */
static char *next_title, *next_text;

static struct read_priv *rp(struct view *v) { return v->priv; }

static int text_width(const struct app *a) { return a->cols - 2; }

static void count_lines(struct view *v)
{
	struct read_priv *p = rp(v);
	p->width = text_width(v->app);
	v->lines = p->text && p->width > 0 ? (size_t)draw_wrap_count(p->width, p->text) : 0;
}

static int read_open(struct view *v, ap_err *e)
{
	(void)e;
	struct read_priv *p = rp(v);
	if (next_text) {   /* the first open; later reloads (after a write elsewhere) keep the text */
		p->title = next_title;
		p->text = next_text;
		next_title = next_text = NULL;
	}
	count_lines(v);
	return AP_OK;
}

static void read_done(struct view *v)
{
	free(rp(v)->title);
	free(rp(v)->text);
}

static void read_draw(struct view *v)
{
	if (rp(v)->width != text_width(v->app))
		count_lines(v);
	view_draw_page(v);
}

/* Line `row` of the wrapped text; no selection bar: this is a page, not a list. */
static void read_draw_row(struct view *v, size_t row, int y, int x, int w, int selected)
{
	(void)selected;
	draw_fill(y, x, w, TH_NORMAL);
	draw_wrap(y, x + 1, w - 2, 1, (int)row, rp(v)->text, TH_NORMAL);
}

static void read_title(struct view *v, char *buf, size_t n)
{
	snprintf(buf, n, "%s", rp(v)->title ? rp(v)->title : "");
}

static int read_key(struct view *v, int action, int key)
{
	(void)key;
	return view_page_key(v, action);
}

void view_read_open(struct app *a, const char *title, const char *text)
{
	free(next_title);
	free(next_text);
	next_title = xstrdup(title);
	next_text = xstrdup(text);
	if (!ui_push(a, &view_read_ops, 0)) {
		free(next_title);
		free(next_text);
		next_title = next_text = NULL;
	}
}

static const int read_hints[] = {ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_CLOSE, ACT_HELP, ACT_NONE};

const struct view_ops view_read_ops = {
	.name = "read",
	.priv_size = sizeof(struct read_priv),
	.open = read_open,
	.draw = read_draw,
	.draw_row = read_draw_row,
	.title = read_title,
	.key = read_key,
	.done = read_done,
	.hints = read_hints,
};
