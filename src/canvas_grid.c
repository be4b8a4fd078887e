/* canvas_grid.c - the canvas drawn as it is on a whiteboard, in text: nine
 * boxes in the canvas's arrangement (canvas_cells), each as tall as its
 * words need, sharing their borders.
 *
 * The drawing is a grid of cells, each either one character of text or a
 * piece of a line. A box adds the line pieces of its four sides to the cells
 * they cross (up, down, left, right), so where boxes meet the cell holds
 * the union and becomes the right junction without any box knowing about
 * its neighbours. */
#include <stdlib.h>
#include <string.h>

#include "acctplan/canvas.h"
#include "acctplan/text.h"

const canvas_cell canvas_cells[CANVAS_BLOCKS] = {
	[CB_PARTNERS] = {0, 0, 1, 0, 2}, [CB_ACTIVITIES] = {0, 1, 1, 0, 1}, [CB_RESOURCES] = {0, 1, 1, 1, 1},
	[CB_VALUE] = {0, 2, 1, 0, 2}, [CB_RELATIONSHIPS] = {0, 3, 1, 0, 1}, [CB_CHANNELS] = {0, 3, 1, 1, 1},
	[CB_SEGMENTS] = {0, 4, 1, 0, 2}, [CB_COSTS] = {1, 0, 1, 0, 2}, [CB_REVENUE] = {1, 1, 1, 0, 2},
};

enum { UP = 1, DOWN = 2, LEFT = 4, RIGHT = 8 };

/* The box-drawing character of each union of line pieces. */
static const char *const junction[16] = {
	[UP] = "│", [DOWN] = "│", [UP | DOWN] = "│", [LEFT] = "─", [RIGHT] = "─", [LEFT | RIGHT] = "─",
	[DOWN | RIGHT] = "┌", [DOWN | LEFT] = "┐", [UP | RIGHT] = "└", [UP | LEFT] = "┘",
	[UP | DOWN | RIGHT] = "├", [UP | DOWN | LEFT] = "┤", [DOWN | LEFT | RIGHT] = "┬",
	[UP | LEFT | RIGHT] = "┴", [UP | DOWN | LEFT | RIGHT] = "┼",
};

/* A character of text (s[0, n), into a line the grid keeps), the second
 * column of a wide one (wide), or line pieces. */
struct gcell {
	const char *s;
	unsigned short n;
	unsigned char lines, wide;
};

typedef struct grid {
	int w, h;
	struct gcell *c;
	AP_VEC(char *) keep;   /* the text the cells point into */
} grid;

static struct gcell *at(grid *g, int y, int x) { return &g->c[(size_t)y * (size_t)g->w + (size_t)x]; }

static void box(grid *g, int y0, int x0, int y1, int x1)
{
	for (int x = x0; x <= x1; x++) {
		unsigned char piece = (x > x0 ? LEFT : 0) | (x < x1 ? RIGHT : 0);
		at(g, y0, x)->lines |= piece;
		at(g, y1, x)->lines |= piece;
	}
	for (int y = y0; y <= y1; y++) {
		unsigned char piece = (y > y0 ? UP : 0) | (y < y1 ? DOWN : 0);
		at(g, y, x0)->lines |= piece;
		at(g, y, x1)->lines |= piece;
	}
}

/* Text s from (y, x), at most cols columns; the grid keeps s (and frees it). */
static void put(grid *g, int y, int x, int cols, char *s)
{
	*ap_vec_push(&g->keep) = s;
	int end = x + cols;
	struct gcell *last = NULL;
	while (*s && x < end) {
		int used;
		size_t n = ap_fit(s, 1, &used);
		if (!n && x + 1 < end)
			n = ap_fit(s, 2, &used);
		if (!n)
			break;
		if (!used && last) {   /* marks with nothing before them in this cell: keep them with the last */
			last->n = (unsigned short)(last->n + n);
		} else {
			last = at(g, y, x);
			*last = (struct gcell){s, (unsigned short)n, 0, 0};
			x++;
			if (used == 2)
				*at(g, y, x++) = (struct gcell){NULL, 0, 0, 1};
		}
		s += n;
	}
}

/* What block b says, wrapped to cols columns: its answer (or the question
 * still open), its evidence, where our product sits, its flags. Caller frees
 * each line and the array. */
static size_t block_lines(const canvas *c, int b, int cols, char ***out)
{
	const canvas_part *p = &c->part[b];
	AP_VEC(char *) v = {0};
	char *paras[4] = {0};
	if (p->answer) {
		char *ev = canvas_evidence(p->answer);
		paras[0] = xstrdup(p->answer->value);
		paras[1] = xasprintf("evidence: %s", ev);
		free(ev);
	} else {
		paras[0] = xasprintf("Not answered yet: %s", p->q ? p->q->text : canvas_question_ids[b]);
	}
	paras[2] = p->ours_answer ? xasprintf("ours: %s", p->ours_answer->value) : xstrdup("ours: not said yet");
	paras[3] = canvas_block_flags(c, b);
	for (int i = 0; i < 4; i++) {
		if (!paras[i])
			continue;
		char *text = i == 3 ? xasprintf("flags: %s", paras[i]) : paras[i];
		char **lines;
		size_t n = doc_wrap(text, cols, &lines);
		for (size_t k = 0; k < n; k++)
			*ap_vec_push(&v) = lines[k];
		free(lines);
		if (text != paras[i])
			free(text);
		free(paras[i]);
	}
	*out = v.v;
	return v.n;
}

/* The left edge of part k of parts across width columns (k = parts: the right edge). */
static int edge(int width, int parts, int k) { return (width - 1) * k / parts; }

struct placed {
	int y0, x0, y1, x1;   /* the box, borders included */
	char **lines;
	size_t n;
};

/* Rows of the top's upper and lower halves and of the bottom, from what
 * each block needs: a tall block (two halves) also has the border row
 * between the halves for its text. */
static void heights(const struct placed *p, int *upper, int *lower, int *bottom)
{
	int u = 1, l = 1, t = 1, bt = 1;
	for (int b = 0; b < CANVAS_BLOCKS; b++) {
		const canvas_cell *cc = &canvas_cells[b];
		int need = (int)p[b].n;
		if (cc->row == 1)
			bt = need > bt ? need : bt;
		else if (cc->h == 2)
			t = need > t ? need : t;
		else if (cc->y == 0)
			u = need > u ? need : u;
		else
			l = need > l ? need : l;
	}
	if (u + 1 + l < t)
		l = t - 1 - u;
	*upper = u;
	*lower = l;
	*bottom = bt;
}

static void place(struct placed *p, int width, int upper, int lower, int bottom)
{
	int mid = upper + 1, top_end = mid + lower + 1;
	for (int b = 0; b < CANVAS_BLOCKS; b++) {
		const canvas_cell *cc = &canvas_cells[b];
		int parts = cc->row == 0 ? 5 : 2;
		p[b].x0 = edge(width, parts, cc->x);
		p[b].x1 = edge(width, parts, cc->x + cc->w);
		if (cc->row == 1) {
			p[b].y0 = top_end;
			p[b].y1 = top_end + bottom + 1;
		} else {
			p[b].y0 = cc->y ? mid : 0;
			p[b].y1 = cc->h == 2 || cc->y ? top_end : mid;
		}
	}
}

static void emit(grid *g, ap_buf *out)
{
	for (int y = 0; y < g->h; y++) {
		size_t start = out->len;
		for (int x = 0; x < g->w; x++) {
			const struct gcell *c = at(g, y, x);
			if (c->s)
				buf_add(out, c->s, c->n);
			else if (c->lines)
				buf_puts(out, junction[c->lines]);
			else if (!c->wide)
				buf_puts(out, " ");
		}
		while (out->len > start && out->s[out->len - 1] == ' ')
			out->len--;
		buf_puts(out, "\n");
	}
}

/* " Key partners " for the top border, cut short with an ellipsis where
 * the box is narrower, so a border always shows either side. Caller frees. */
static char *block_title(const char *label, int cols)
{
	if (ap_display_width(label) + 2 <= cols)
		return xasprintf(" %s ", label);
	size_t n = ap_fit(label, cols > 3 ? cols - 3 : 0, NULL);
	return xasprintf(" %.*s\xe2\x80\xa6 ", (int)n, label);
}

void canvas_grid(const canvas *c, int width, ap_buf *out)
{
	struct placed p[CANVAS_BLOCKS];
	for (int b = 0; b < CANVAS_BLOCKS; b++) {
		const canvas_cell *cc = &canvas_cells[b];
		int parts = cc->row == 0 ? 5 : 2;
		int cols = edge(width, parts, cc->x + cc->w) - edge(width, parts, cc->x) - 3;
		p[b].n = block_lines(c, b, cols, &p[b].lines);
	}
	int upper, lower, bottom;
	heights(p, &upper, &lower, &bottom);
	place(p, width, upper, lower, bottom);
	grid g = {width, upper + lower + bottom + 4, NULL, {0}};
	g.c = xcalloc((size_t)g.w * (size_t)g.h, sizeof *g.c);
	for (int b = 0; b < CANVAS_BLOCKS; b++) {
		struct placed *pb = &p[b];
		box(&g, pb->y0, pb->x0, pb->y1, pb->x1);
		const canvas_part *part = &c->part[b];
		put(&g, pb->y0, pb->x0 + 2, pb->x1 - pb->x0 - 3,
			block_title(part->q ? part->q->label : canvas_blocks.names[b], pb->x1 - pb->x0 - 3));
		for (size_t i = 0; i < pb->n; i++)
			put(&g, pb->y0 + 1 + (int)i, pb->x0 + 2, pb->x1 - pb->x0 - 3, pb->lines[i]);
		free(pb->lines);
	}
	emit(&g, out);
	for (size_t i = 0; i < g.keep.n; i++)
		free(g.keep.v[i]);
	free(g.keep.v);
	free(g.c);
}

/* "Who answers: sales: Channels, Cost structure; product: ...": the tier
 * of each block, which its box has no room for. Caller frees. */
char *canvas_owners(const canvas *c)
{
	ap_buf b = {0};
	buf_puts(&b, "Who answers:");
	const char *sep = " ";
	for (int t = 0; t < ap_tiers.count; t++) {
		int n = 0;
		for (int k = 0; k < CANVAS_BLOCKS; k++) {
			const qb_question *q = c->part[k].q;
			if (!q || (int)q->tier != t)
				continue;
			if (!n++)
				buf_printf(&b, "%s%s: ", sep, ap_tiers.names[t]);
			else
				buf_puts(&b, ", ");
			buf_puts(&b, q->label);
			sep = "; ";
		}
	}
	return buf_steal(&b);
}
