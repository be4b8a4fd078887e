/* replay.c - reading key scripts and dumping the screen as text. */
#include <curses.h>
#include <limits.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "app.h"
#include "keymap.h"
#include "replay.h"

struct replay {
	char *path;
	FILE *f;
	int line;
	int queue[512];      /* keys of the current line still to hand out */
	int nq, iq;
};

int replay_open(struct replay **out, const char *path, ap_err *e)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return ap_fail(e, AP_EINPUT, "cannot read key script '%s': %s", path, strerror(errno));
	struct replay *r = xcalloc(1, sizeof *r);
	r->path = xstrdup(path);
	r->f = f;
	*out = r;
	return AP_OK;
}

void replay_free(struct replay **rp)
{
	struct replay *r = *rp;
	if (!r)
		return;
	fclose(r->f);
	free(r->path);
	free(r);
	*rp = NULL;
}

static void push(struct replay *r, int key)
{
	if (r->nq < (int)(sizeof r->queue / sizeof r->queue[0]))
		r->queue[r->nq++] = key;
}

static void queue_text(struct replay *r, const char *s)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t n;
	while (*s && (n = mbrtowc(&wc, s, strlen(s), &st)) != (size_t)-1 && n != (size_t)-2 && n) {
		push(r, (int)wc);
		s += n;
	}
}

static int mouse_cmd(struct app *a, const char *cmd, const char *args)
{
	int x, y;
	if (sscanf(args, "%d %d", &x, &y) != 2)
		return -1;
	a->mouse = (struct ui_mouse){y, x, strcmp(cmd, "click") == 0, 0};
	a->mouse.wheel = strcmp(cmd, "wheel-up") == 0 ? -1 : strcmp(cmd, "wheel-down") == 0 ? 1 : 0;
	return KEY_FN + KEY_MOUSE;
}

/* Run one script line: commands act at once, keys go to the queue. Returns a
 * key to hand out now (mouse, resize), 0 to go on, -1 on a bad line. */
static int run_line(struct replay *r, struct app *a, char *line, ap_err *e)
{
	char *cmd = line + strspn(line, " \t");
	cmd[strcspn(cmd, "\r\n")] = '\0';
	if (!*cmd || (cmd[0] == '#' && (cmd[1] == ' ' || !cmd[1])))
		return 0;
	size_t wl = strcspn(cmd, " \t");
	char *args = cmd + wl + strspn(cmd + wl, " \t");
#define IS_(name) (wl == strlen(name) && strncmp(cmd, name, wl) == 0)
	if (IS_("type")) {
		/* Everything after the one blank that ends the command, blanks included. */
		queue_text(r, cmd[wl] ? cmd + wl + 1 : "");
		return 0;
	}
	if (IS_("dump"))
		return screen_dump(args, e) ? -1 : 0;
	if (IS_("sleep")) {
		long ms = atol(args);
		struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
		nanosleep(&ts, NULL);
		return 0;
	}
	if (IS_("resize")) {
		int w, h;
		if (sscanf(args, "%d %d", &w, &h) != 2 || w < 1 || h < 1)
			return ap_fail(e, AP_EINPUT, "%s:%d: resize needs COLUMNS ROWS", r->path, r->line), -1;
		resizeterm(h, w);
		return KEY_FN + KEY_RESIZE;
	}
	if (IS_("click") || IS_("wheel-up") || IS_("wheel-down")) {
		cmd[wl] = '\0';
		int k = mouse_cmd(a, cmd, args);
		if (k < 0)
			ap_fail(e, AP_EINPUT, "%s:%d: %s needs X Y", r->path, r->line, cmd);
		return k;
	}
#undef IS_
	char *save = NULL;
	for (char *w = strtok_r(cmd, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		int k = keymap_parse_key(w);
		if (k < 0)
			return ap_fail(e, AP_EINPUT, "%s:%d: unknown key or command '%s'", r->path, r->line, w), -1;
		push(r, k);
	}
	return 0;
}

int replay_next(struct replay *r, struct app *a, ap_err *e)
{
	char buf[4096];
	while (r->iq >= r->nq) {
		r->nq = r->iq = 0;
		if (!fgets(buf, sizeof buf, r->f))
			return -1;
		r->line++;
		int k = run_line(r, a, buf, e);
		if (k != 0)
			return k;
	}
	return r->queue[r->iq++];
}

/* Line-drawing cells hold the VT100 letter of their glyph; a dump shows
 * the glyph itself. */
static wchar_t acs_text(wchar_t c)
{
	switch (c) {
	case 'q': return L'\x2500';
	case 'x': return L'\x2502';
	case 'l': return L'\x250c';
	case 'k': return L'\x2510';
	case 'm': return L'\x2514';
	case 'j': return L'\x2518';
	default: return c;
	}
}

int screen_dump(const char *path, ap_err *e)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return ap_fail(e, AP_EINPUT, "cannot write screen dump '%s': %s", path, strerror(errno));
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	for (int y = 0; y < rows; y++) {
		char line[8192];
		size_t len = 0, keep = 0;
		for (int x = 0; x < cols; x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1];
			attr_t at;
			short pair;
			if (mvin_wch(y, x, &cc) == ERR || getcchar(&cc, wch, &at, &pair, NULL) == ERR)
				continue;
			if (at & A_ALTCHARSET)
				wch[0] = acs_text(wch[0]), wch[1] = L'\0';
			char mb[MB_LEN_MAX * (CCHARW_MAX + 1) + 1];
			size_t n = wcstombs(mb, wch, sizeof mb);
			if (n == (size_t)-1 || n == 0) {
				mb[0] = ' ';
				n = 1;
			}
			if (len + n >= sizeof line)
				break;
			memcpy(line + len, mb, n);
			len += n;
			if (!(n == 1 && mb[0] == ' '))
				keep = len;
			/* A wide character fills the next cell too. */
			int w = wcwidth(wch[0]);
			if (w > 1)
				x += w - 1;
		}
		fprintf(f, "%.*s\n", (int)keep, line);
	}
	return fclose(f) == 0 ? AP_OK : ap_fail(e, AP_EINPUT, "cannot write screen dump '%s'", path);
}
