/* ui.c - the workbench's run loop: start-up, the view stack, key dispatch,
 * writes that survive a locked database. The terminal and its signals are
 * in term.c, the timing figures in timing.c. */
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctplan/config.h"
#include "acctplan/defs.h"
#include "acctplan/dburl.h"
#include "app.h"
#include "conflict.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "live.h"
#include "replay.h"
#include "term.h"
#include "theme.h"
#include "timing.h"
#include "ui.h"

/* ---- messages ---- */

void ui_message(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_elem = TH_MESSAGE;
}

void ui_error(struct app *a, const ap_err *e)
{
	snprintf(a->msg, sizeof a->msg, "%s", e->msg[0] ? e->msg : "failed");
	a->msg_elem = TH_ERROR;
}

/* ---- the view stack ---- */

struct view *ui_top(struct app *a) { return a->depth ? a->stack[a->depth - 1] : NULL; }

struct view *ui_push(struct app *a, const struct view_ops *ops, int arg)
{
	if (a->depth == UI_MAX_VIEWS) {
		ui_message(a, "too many views open; close one with q");
		return NULL;
	}
	if ((ops->flags & VIEW_ACCOUNT) && !a->acct.id) {
		ui_message(a, "select an account first");
		return NULL;
	}
	struct view *v = view_new(ops, a, arg);
	ap_err e = {0};
	if (view_reload(v, &e)) {
		ui_error(a, &e);
		view_free(&v);
		return NULL;
	}
	a->stack[a->depth++] = v;
	return v;
}

void ui_pop(struct app *a)
{
	if (a->depth > 1)
		view_free(&a->stack[--a->depth]);
}

/* ---- the current account ---- */

const ap_answer *ui_answer(const struct app *a, const char *qid)
{
	for (size_t i = 0; i < a->answers.n; i++)
		if (strcmp(a->answers.v[i].question, qid) == 0)
			return &a->answers.v[i];
	return NULL;
}

/* The acting member's open actions past their day, for the status line:
 * counted with the account's flags, so that a frame asks the store nothing. */
static void count_my_overdue(struct app *a)
{
	ap_err e;
	long long me, n = 0;
	char today[11];
	a->my_overdue = 0;
	if (!a->cfg.user_name || store_member_find(a->st, a->cfg.user_name, &me, &e) != AP_OK)
		return;
	ap_date_format(a->today, today);
	if (store_action_count(a->st, &(store_action_query){0, me, ASTATUS_OPEN, today}, &n, &e) == AP_OK)
		a->my_overdue = (size_t)n;
}

void ui_set_account(struct app *a, long long id)
{
	ap_account_clear(&a->acct);
	memset(&a->acct, 0, sizeof a->acct);
	ap_vec_free(&a->answers, ap_answer_clear);
	ap_vec_free(&a->flags, rule_flag_clear);
	memset(&a->give_take, 0, sizeof a->give_take);
	if (a->st)
		count_my_overdue(a);
	if (!id)
		return;
	ap_err e = {0};
	int rc = store_account_get_id(a->st, id, &a->acct, &e);
	if (!rc)
		rc = store_answer_current(a->st, id, &a->answers, &e);
	if (!rc)
		/* Snoozed flags too: the panes show who snoozed them and until when. */
		rc = rules_eval(a->rules, a->st, &a->qb, id, a->today, 1, &a->flags, &e);
	if (!rc)
		rc = reciprocity_of(a->st, id, a->today, &a->give_take, &e);
	if (!rc)
		fc_put(&a->fc, id, &a->flags);
	else
		ui_error(a, &e);
}

void ui_refresh(struct app *a)
{
	ui_set_account(a, a->acct.id);
	for (int i = 0; i < a->depth; i++) {
		ap_err e = {0};
		if (view_reload(a->stack[i], &e))
			ui_error(a, &e);
	}
}

void ui_jump(struct app *a, long long id, int tier, const char *qid)
{
	while (a->depth > 1)
		ui_pop(a);
	view_main_jump(a->stack[0], id, tier, qid);
}

/* ---- writes ---- */

void ui_pending_drop(struct app *a)
{
	struct ui_pending *p = &a->pending;
	if (p->free_data && p->data)
		p->free_data(p->data);
	memset(p, 0, sizeof *p);
}

static int open_flags(const struct app *a)
{
	int n = 0;
	for (size_t i = 0; i < a->flags.n; i++)
		n += !a->flags.v[i].snoozed;
	return n;
}

/* After a write: the views reloaded, and what it did to the account's flags,
 * which is what a review wants to see move. */
static void write_done(struct app *a, long long account, const char *what)
{
	int same = account && account == a->acct.id, before = same ? open_flags(a) : 0;
	fc_forget(&a->fc, account);
	ui_refresh(a);
	if (a->msg_elem == TH_ERROR && a->msg[0])
		return;
	int after = open_flags(a);
	if (same && account == a->acct.id && after != before)
		ui_message(a, "saved: %s; %d open flag%s (was %d)", what, after, after == 1 ? "" : "s", before);
	else
		ui_message(a, "saved: %s", what);
}

/* "not saved: WHY; WHAT kept, R retries": why a write waits, and the key
 * that takes it up again. */
void ui_kept_message(struct app *a, const char *head, const char *why)
{
	char keys[32];
	keymap_keys(ACT_RETRY, 0, keys, sizeof keys);
	snprintf(a->msg, sizeof a->msg, "%s: %.900s; %s kept, %s %s", head, why, a->pending.what, keys,
		a->pending.conflict ? "decides" : "retries");
	a->msg_elem = TH_ERROR;
}

/* Keep write w, refused with e, to be saved later. One write is kept at a
 * time: 0 when another already waits. After a conflict the views reload,
 * so the screen shows what the record holds now while yours waits. */
static int keep(struct app *a, const struct ui_pending *w, const ap_err *e)
{
	if (a->pending.fn)
		return 0;
	a->pending = *w;
	if (w->conflict)
		ui_refresh(a);
	ui_kept_message(a, "not saved", e->msg);
	return 1;
}

static int must_keep(int rc, const struct ui_pending *w)
{
	return rc == AP_ESTORE || (rc == AP_ECONFLICT && w->ops);
}

/* A write refused and not kept: why; after a conflict the views show what
 * the record holds now. */
static void refused(struct app *a, int rc, const ap_err *e)
{
	if (rc == AP_ECONFLICT)
		ui_refresh(a);
	ui_error(a, e);
}

/* An edit the store refused as bad input because its account is gone (a
 * foreign key; ids are never reused, so it cannot land in another
 * account) is a conflict: kept, and the conflict screen rescues the text. */
static int account_gone(struct app *a, long long account, const struct ui_edit_ops *ops, int rc, ap_err *e)
{
	ap_account acc = {0};
	ap_err sub = {0};
	if (rc != AP_EINPUT || !ops || !account || store_account_get_id(a->st, account, &acc, &sub) != AP_EINPUT) {
		ap_account_clear(&acc);
		return rc;
	}
	return ap_fail(e, AP_ECONFLICT, "account #%lld was removed by someone else; nothing was written", account);
}

int ui_write(struct app *a, long long account, const char *what,
	int (*fn)(struct app *a, void *data, ap_err *e), void *data, void (*free_data)(void *data))
{
	return ui_write_edit(a, account, what, fn, data, free_data, NULL);
}

/* Only one refused edit waits at a time. Another one's text must not be
 * lost, so it goes to a file of its own beside the database, or for a
 * database on a server in acctplan's data folder (mkstemp: 0600, a new name
 * each time); the path, caller frees, or NULL when the write has no text to
 * give or the file cannot be written. */
static char *stash_text(struct app *a, const struct ui_pending *w, const ap_err *why)
{
	if (!w->ops || !w->ops->typed)
		return NULL;
	char *typed = w->ops->typed(a, w->data);
	char *text = xasprintf("Your %s, not saved: %s\n\n%s\n", w->what, why->msg, typed ? typed : "");
	char *path;
	if (dburl_is_url(store_path(a->st))) {
		char *dir = config_data_path("");
		ap_err ignored = {0};
		ap_mkdirs(dir, 0700, &ignored);
		path = xasprintf("%sunsaved-XXXXXX", dir);
		free(dir);
	} else {
		path = xasprintf("%s.unsaved-XXXXXX", store_path(a->st));
	}
	int fd = mkstemp(path);
	size_t n = strlen(text), done = 0;
	while (fd >= 0 && done < n) {
		ssize_t k = write(fd, text + done, n - done);
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	if (fd >= 0 && (close(fd) != 0 || done < n)) {
		unlink(path);
		done = 0;
	}
	free(typed);
	free(text);
	if (fd < 0 || done < n) {
		free(path);
		return NULL;
	}
	return path;
}

int ui_write_edit(struct app *a, long long account, const char *what,
	int (*fn)(struct app *a, void *data, ap_err *e), void *data, void (*free_data)(void *data),
	const struct ui_edit_ops *ops)
{
	ap_err e = {0};
	if (a->pending.fn && !a->pending.conflict) {
		/* An older edit waits for the database: it goes first, or this one
		 * waits too. (One waiting on a decision does not hold others up.) */
		ui_retry(a);
		if (a->pending.fn && !a->pending.conflict) {
			if (free_data)
				free_data(data);
			return AP_ESTORE;
		}
	}
	a->msg[0] = '\0';
	int rc = account_gone(a, account, ops, fn(a, data, &e), &e);
	struct ui_pending w = {"", account, fn, data, free_data, ops, rc == AP_ECONFLICT};
	snprintf(w.what, sizeof w.what, "%s", what);
	if (must_keep(rc, &w) && keep(a, &w, &e)) {
		/* Someone else's change: the choice is the user's now, on the
		 * conflict screen, not after a key they must know about. */
		if (w.conflict && !a->replay)
			ui_retry(a);
		return rc;
	}
	char *stash = must_keep(rc, &w) ? stash_text(a, &w, &e) : NULL;
	if (free_data)
		free_data(data);
	if (stash) {
		ui_message(a, "not saved: %.600s; another edit waits, so your %s is in %.300s", e.msg, what, stash);
		a->msg_elem = TH_ERROR;
		free(stash);
	} else if (must_keep(rc, &w)) {
		ui_message(a, "not saved: %.900s; %s is not kept, another edit waits", e.msg, what);
		a->msg_elem = TH_ERROR;
	} else if (rc) {
		refused(a, rc, &e);
	} else {
		write_done(a, account, what);
	}
	return rc;
}

void ui_retry(struct app *a)
{
	struct ui_pending *p = &a->pending;
	if (!p->fn) {
		ui_message(a, "nothing waits to be saved");
		return;
	}
	if (p->conflict && !conflict_decide(a))
		return;
	ap_err e = {0};
	a->msg[0] = '\0';
	int rc = account_gone(a, p->account, p->ops, p->fn(a, p->data, &e), &e);
	if (must_keep(rc, p)) {
		/* Still locked, or changed again (also while it waited for the lock). */
		if (rc == AP_ECONFLICT && !p->conflict) {
			p->conflict = 1;
			ui_refresh(a);
		}
		ui_kept_message(a, "still not saved", e.msg);
		return;
	}
	char what[sizeof p->what];
	long long account = p->account;
	snprintf(what, sizeof what, "%s", p->what);
	ui_pending_drop(a);
	if (rc)
		refused(a, rc, &e);
	else
		write_done(a, account, what);
}

/* ---- keys ---- */

static int normalize(int rc, wint_t wc)
{
	if (rc == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return '\n';
		return KEY_FN + (int)wc;
	}
	if (wc == '\r')
		return '\n';
	if (wc == 127 || wc == 8)
		return KEY_FN + KEY_BACKSPACE;
	return (int)wc;
}

static void read_mouse(struct app *a)
{
	MEVENT ev;
	memset(&a->mouse, 0, sizeof a->mouse);
	if (getmouse(&ev) != OK)
		return;
	a->mouse.y = ev.y;
	a->mouse.x = ev.x;
	a->mouse.click = (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0;
	a->mouse.wheel = ev.bstate & BUTTON4_PRESSED ? -1 : ev.bstate & BUTTON5_PRESSED ? 1 : 0;
}

/* get_key's answer when wait_ms passed without a key. */
#define KEY_IDLE (KEY_FN + 0xFFFE)

/* The next key from the terminal, waiting at most wait_ms (-1: for ever). */
static int terminal_key(struct app *a, int wait_ms)
{
	for (;;) {
		if (term_signal())
			return UI_KEY_QUIT;
		wint_t wc;
		timeout(wait_ms);
		double from = timing_now();
		errno = 0;
		int rc = get_wch(&wc);
		if (rc == ERR) {
			if (errno == EINTR || term_signal())
				continue;
			/* curses answers ERR both for a wait that ran out and for a
			 * terminal that is gone (end of file, at once): the time tells
			 * them apart, so a hung-up terminal never spins the poll. */
			if (wait_ms >= 0 && timing_now() - from >= wait_ms / 2.0)
				return KEY_IDLE;
			return UI_KEY_QUIT;   /* the terminal is gone */
		}
		int key = normalize(rc, wc);
		if (key == KEY_FN + KEY_MOUSE)
			read_mouse(a);
		if (key != KEY_ESC)
			return key;
		/* Alt sends Esc and the key together; Esc alone has nothing after it. */
		timeout(0);
		rc = get_wch(&wc);
		return rc == ERR ? KEY_ESC : KEY_META + normalize(rc, wc);
	}
}

/* ui_getkey waiting at most wait_ms for a terminal key: KEY_IDLE when none
 * came. A key script never waits, so what it produces does not depend on
 * timing. */
static int get_key(struct app *a, int wait_ms)
{
	if (a->quit)
		return UI_KEY_QUIT;
	int key;
	if (a->replay) {
		ap_err e = {0};
		key = term_signal() ? -1 : replay_next(a->replay, a, &e);
		if (key < 0) {
			if (e.msg[0]) {
				term_close();
				fprintf(stderr, "acctplan: %s\n", e.msg);
				a->status = e.status;
			}
			key = UI_KEY_QUIT;
		}
	} else {
		key = terminal_key(a, wait_ms);
		if (key == KEY_IDLE)
			return key;
	}
	if (key == UI_KEY_QUIT)
		a->quit = 1;
	int act = keymap_action(key);
	timing_key(act >= ACT_MOVE_UP && act <= ACT_TIER_EXEC);
	return key;
}

int ui_getkey(struct app *a) { return get_key(a, -1); }

/* ---- drawing ---- */

int ui_fits(const struct app *a) { return a->cols >= UI_MIN_COLS && a->rows >= UI_MIN_ROWS; }

void ui_draw_title(struct app *a, const char *text)
{
	draw_fill(0, 0, a->cols, TH_TITLE);
	int used = draw_str(0, 1, a->cols - 2, "acctplan", TH_TITLE);
	if (text && *text)
		draw_str(0, used + 3, a->cols - used - 4, text, TH_TITLE);
}

/* One hint "key label" at x if it fits before column end; returns the columns
 * used, 0 when it does not fit, -1 when the action has no key. */
static int draw_hint(struct app *a, int y, int x, int end, int action, const char *enter_hint)
{
	char keys[32];
	keymap_keys(action, 0, keys, sizeof keys);
	if (!keys[0])
		return -1;
	const char *label = action == ACT_ENTER && enter_hint ? enter_hint
		: action == ACT_CLOSE && a->depth <= 1 ? action_label(ACT_QUIT) : action_label(action);
	int need = draw_width(keys) + 1 + draw_width(label);
	if (x + need > end)
		return 0;
	draw_str(y, x, need, keys, TH_STATUS_KEY);
	draw_str(y, x + draw_width(keys) + 1, need, label, TH_STATUS);
	return need;
}

/* "key label  key label" for the hints that have a key and fit; the help key
 * keeps its place at the right end, so a first-time user always finds it. */
static void draw_hints(struct app *a, int y, int x, const int *hints, const char *enter_hint)
{
	int end = a->cols - 1;
	for (int i = 0; hints && hints[i] != ACT_NONE; i++)
		if (hints[i] == ACT_HELP) {
			char keys[32];
			int w = draw_width(keymap_keys(ACT_HELP, 0, keys, sizeof keys)) + 1 + draw_width(action_label(ACT_HELP));
			if (keys[0] && x + w <= end && draw_hint(a, y, end - w, end, ACT_HELP, NULL) > 0)
				end -= w + 2;
		}
	for (int i = 0; hints && hints[i] != ACT_NONE; i++) {
		int used = hints[i] == ACT_HELP ? -1 : draw_hint(a, y, x, end, hints[i], enter_hint);
		if (used == 0)
			break;   /* the hints come most useful first: none jumps the queue */
		x += used > 0 ? used + 2 : 0;
	}
}

void ui_draw_status(struct app *a)
{
	int y = a->rows - 1;
	draw_fill(y, 0, a->cols, TH_STATUS);
	int x = 1 + draw_str(y, 1, a->cols / 4, a->db_name, TH_STATUS_KEY);
	if (a->acct.id) {
		char sum[128];
		struct fc_summary s = {0};
		fc_summarize(&a->flags, &s);
		ui_flag_text(&s, sum, sizeof sum);
		x += draw_str(y, x, 3, " | ", TH_STATUS);
		x += draw_str(y, x, a->cols / 3, sum, s.worst >= 0 ? theme_severity(s.worst) : TH_STATUS);
	}
	if (a->my_overdue) {
		char late[64];
		snprintf(late, sizeof late, "%zu of yours overdue", a->my_overdue);
		x += draw_str(y, x, 3, " | ", TH_STATUS);
		x += draw_str(y, x, a->cols / 4, late, theme_severity(SEV_WARN));
	}
	x += draw_str(y, x, 3, " | ", TH_STATUS);
	if (a->msg[0]) {
		ui_draw_message(a, y, x);
		return;
	}
	struct view *top = ui_top(a), *f = top && top->ops->focus ? top->ops->focus(top) : top;
	draw_hints(a, y, x, f ? f->ops->hints : NULL, f ? f->ops->enter_hint : NULL);
}

/* The most rows a long message takes: the store's longest explanations fit. */
#define UI_MESSAGE_ROWS 4

int ui_draw_message(struct app *a, int y, int x)
{
	if (draw_width(a->msg) <= a->cols - x) {
		draw_str(y, x, a->cols - x, a->msg, a->msg_elem);
		return 1;
	}
	/* A message cut at the edge of the screen hides what matters most, at
	 * its end: who changed a record, what to do next. */
	int n = draw_wrap_count(a->cols - 2, a->msg);
	n = n > UI_MESSAGE_ROWS ? UI_MESSAGE_ROWS : n > y ? y : n;
	for (int r = y - n + 1; r <= y; r++)
		draw_fill(r, 0, a->cols, TH_STATUS);
	draw_wrap(y - n + 1, 1, a->cols - 2, n, 0, a->msg, a->msg_elem);
	return n;
}

void ui_paint(struct app *a)
{
	getmaxyx(stdscr, a->rows, a->cols);
	erase();
	if (!ui_fits(a)) {
		char msg[96];
		snprintf(msg, sizeof msg, "terminal too small (%dx%d, needs %dx%d)", a->cols, a->rows,
			UI_MIN_COLS, UI_MIN_ROWS);
		draw_wrap(0, 0, a->cols, a->rows, 0, msg, TH_ERROR);   /* whole, even on a sliver of a screen */
		return;
	}
	int first = a->depth - 1;
	while (first > 0 && (a->stack[first]->ops->flags & VIEW_OVERLAY))
		first--;
	for (int i = first; i < a->depth; i++) {
		struct view *v = a->stack[i];
		if (v->ops->draw)
			v->ops->draw(v);
		else
			view_draw_page(v);
	}
	ui_draw_status(a);
}

void ui_flush(struct app *a)
{
	(void)a;
	wnoutrefresh(stdscr);
	doupdate();
	timing_frame();
}

void ui_draw(struct app *a)
{
	ui_paint(a);
	ui_flush(a);
}

/* ---- actions every view shares ---- */

static int confirm_quit(struct app *a)
{
	return !a->pending.fn || input_confirm(a, "an edit is not saved yet (%s); quit anyway?", a->pending.what);
}

static void open_view(struct app *a, const struct view_ops *ops)
{
	/* A view opened by its key replaces the views above the main screen, so
	 * q always leads back there. */
	while (a->depth > 1)
		ui_pop(a);
	ui_push(a, ops, 0);
}

int ui_global_action(struct app *a, int action)
{
	static const struct { int action; const struct view_ops *ops; } views[] = {
		{ACT_VIEW_ORGMAP, &view_orgmap_ops}, {ACT_VIEW_RELATIONS, &view_relations_ops},
		{ACT_VIEW_COMPETITORS, &view_competitors_ops},
		{ACT_VIEW_ENDCUSTOMERS, &view_endcustomers_ops}, {ACT_VIEW_MEETINGS, &view_meetings_ops},
		{ACT_VIEW_NOTES, &view_notes_ops}, {ACT_VIEW_FLAGS, &view_flags_ops}, {ACT_VIEW_ACTIONS, &view_actions_ops},
		{ACT_VIEW_BRIEF, &view_brief_ops}, {ACT_VIEW_DRIVERS, &view_drivers_ops},
		{ACT_VIEW_PORTFOLIO, &view_portfolio_ops}, {ACT_VIEW_CANVAS, &view_canvas_ops},
		{ACT_VIEW_EXCHANGE, &view_exchange_ops}, {ACT_VIEW_ADVOCACY, &view_advocacy_ops},
	};
	for (size_t i = 0; i < sizeof views / sizeof views[0]; i++)
		if (views[i].action == action) {
			open_view(a, views[i].ops);
			return 1;
		}
	switch (action) {
	case ACT_HELP: ui_push(a, &view_help_ops, 0); return 1;
	case ACT_NOTE: view_notes_quick(a); return 1;
	case ACT_SEARCH: view_search_start(a); return 1;
	case ACT_RETRY: ui_retry(a); return 1;
	case ACT_REDRAW:
		fc_forget_all(&a->fc);
		ui_refresh(a);
		clearok(curscr, TRUE);
		return 1;
	case ACT_CLOSE:
		if (a->depth > 1)
			ui_pop(a);
		else
			a->quit = confirm_quit(a);
		return 1;
	case ACT_QUIT: a->quit = confirm_quit(a); return 1;
	default: return 0;
	}
}

static void handle_key(struct app *a, int key)
{
	struct view *top = ui_top(a);
	if (key == KEY_FN + KEY_RESIZE)
		return;
	int action = keymap_action(key);
	/* A screen too small shows only that, so no key may act blind on what
	 * it hides, except the way out: q leaves the workbench here, whatever
	 * view is under the message, as Q does (with the question about an
	 * unsaved edit, which waits for room to be asked). */
	if (!ui_fits(a)) {
		if (action == ACT_CLOSE || action == ACT_QUIT)
			a->quit = confirm_quit(a);
		return;
	}
	if (a->msg_elem != TH_ERROR || !a->pending.fn)
		a->msg[0] = '\0';
	if (top->ops->key && top->ops->key(top, action, key))
		return;
	if (key == KEY_FN + KEY_MOUSE) {
		if (a->mouse.wheel)
			view_scroll(top, 3L * a->mouse.wheel);
		else if (a->mouse.click)
			view_click(top, a->mouse.y, a->mouse.x);
		return;
	}
	if (view_move(top, action) || ui_global_action(a, action))
		return;
	if (key == KEY_ESC && a->depth > 1) {   /* Esc leaves a view as q does */
		ui_pop(a);
		return;
	}
	char name[32];
	ui_message(a, "%s does nothing here; ? shows the keys", keymap_key_name(key, name, sizeof name));
}

/* ---- start and end ---- */

/* What the status line calls the database (caller frees): a file by its
 * base name, a URL redacted and without its scheme, which would take half
 * the room it has. */
static char *db_name(const char *loc)
{
	/* A server's database by its name, as a file by its own: the host, the
	 * user and the query are in the URL that 'acctplan' messages show. */
	if (dburl_is_url(loc)) {
		char *shown = dburl_redact(loc), *rest = strstr(shown, "://");
		rest = rest ? rest + 3 : shown;
		rest[strcspn(rest, "?#")] = '\0';
		const char *slash = strchr(rest, '/');
		char *name = xstrdup(slash && slash[1] ? slash + 1 : rest);
		free(shown);
		return name;
	}
	const char *s = strrchr(loc, '/');
	return xstrdup(s ? s + 1 : loc);
}

int ui_defs_build(struct app *a, store *st, qbank *qb, rules **rs, ap_err *e)
{
	char *rules_ini = config_asset(&a->cfg, "rules.ini"), *questions = config_asset(&a->cfg, "questions.ini");
	defs_files f = {questions, rules_ini, a->cfg.questions_file, a->cfg.rules_file};
	memset(qb, 0, sizeof *qb);
	*rs = NULL;
	int rc = defs_qbank(qb, st, &f, e);
	if (!rc && (rc = defs_rules(rs, st, &f, qb, e)))
		qbank_free(qb);
	else if (!rc)
		rules_set_money(*rs, &a->cfg);   /* orders in several currencies compare through its rates */
	free(rules_ini);
	free(questions);
	return rc;
}

/* The questions and rules in force, in the app. On failure a->qb and
 * a->rules are left empty. */
static int load_defs(struct app *a, store *st, ap_err *e)
{
	rules_free(&a->rules);
	qbank_free(&a->qb);
	int rc = ui_defs_build(a, st, &a->qb, &a->rules, e);
	if (!rc && st)
		rc = defs_digest(st, &a->defs_digest, e);
	return rc;
}

/* Every INI file, checked before the store is opened (an error creates
 * nothing); the team's layers come with the store (app_open). Questions
 * and rules that fail without them go into *defs: the user's own may name
 * the team's questions, which only the store knows. */
static int load_ini_files(struct app *a, int *defs, ap_err *defs_e, ap_err *e)
{
	char *theme = config_asset(&a->cfg, "theme.ini"), *keys = config_asset(&a->cfg, "keys.ini");
	*defs = load_defs(a, NULL, defs_e);
	int rc = theme_load(theme, a->cfg.theme_file, e);
	if (!rc)
		rc = keymap_load(keys, a->cfg.keys_file, e);
	free(theme);
	free(keys);
	return rc;
}

static int app_open(struct app *a, const char *db, const char *config, ap_err *e)
{
	memset(a, 0, sizeof *a);
	fc_init(&a->fc);
	a->today = ap_today();
	int rc = config_load(&a->cfg, config, db, e);
	if (rc)
		return rc;
	ap_err defs_e = {0};
	int defs_rc;
	if ((rc = load_ini_files(a, &defs_rc, &defs_e, e))) {
		rules_free(&a->rules);
		qbank_free(&a->qb);
		config_free(&a->cfg);
		return rc;
	}
	/* Definitions that fail without the team's: a store that is there may
	 * hold what they need; none is created for them. */
	rc = store_open(&a->st, a->cfg.db_path, defs_rc ? STORE_IF_THERE : STORE_CREATE, e);
	if (!rc && !a->st) {
		*e = defs_e;
		rc = defs_rc;
	}
	if (rc) {
		/* Defence in depth behind the store's own redaction. */
		if (dburl_is_url(a->cfg.db_path)) {
			char *safe = dburl_scrub(e->msg, a->cfg.db_path);
			snprintf(e->msg, sizeof e->msg, "%s", safe);
			free(safe);
		}
		rules_free(&a->rules);
		qbank_free(&a->qb);
		config_free(&a->cfg);
		return rc;
	}
	store_set_author(a->st, a->cfg.user_name);
	if ((rc = load_defs(a, a->st, e))) {
		store_close(&a->st);
		keymap_free();
		config_free(&a->cfg);
		return rc;
	}
	a->db_name = db_name(store_path(a->st));
	return AP_OK;
}

static void app_close(struct app *a)
{
	while (a->depth > 0)
		view_free(&a->stack[--a->depth]);
	ui_pending_drop(a);
	ui_set_account(a, 0);
	fc_free(&a->fc);
	store_close(&a->st);
	free(a->db_name);
	a->db_name = NULL;
	rules_free(&a->rules);
	qbank_free(&a->qb);
	keymap_free();
	config_free(&a->cfg);
	replay_free(&a->replay);
}

/* --keys FILE (cli_main lets it through when no command follows), else $ACCTPLAN_KEYS. */
static const char *keys_option(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--keys") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--keys=", 7) == 0)
			return argv[i] + 7;
	}
	const char *env = getenv("ACCTPLAN_KEYS");
	return env && *env ? env : NULL;
}

/* Whether a key is waiting, without taking it. */
static int key_waiting(void)
{
	wint_t wc;
	timeout(0);   /* terminal_key sets the wait it wants before each read */
	int rc = get_wch(&wc);
	if (rc == ERR)
		return 0;
	if (rc == KEY_CODE_YES)
		ungetch((int)wc);
	else
		unget_wch((wchar_t)wc);
	return 1;
}

/* One step of the deferred work of the views on screen; 1 when one did some. */
static int idle_step(struct app *a)
{
	if (!ui_fits(a))
		return 0;
	int first = a->depth - 1, did = 0;
	while (first > 0 && (a->stack[first]->ops->flags & VIEW_OVERLAY))
		first--;
	for (int i = first; i < a->depth; i++)
		if (a->stack[i]->ops->idle)
			did |= a->stack[i]->ops->idle(a->stack[i]);
	return did;
}

static void run(struct app *a)
{
	live_start(a);   /* before the first load: a commit during it is reloaded */
	if (!ui_push(a, &view_main_ops, 0)) {
		a->quit = 1;
		return;
	}
	/* acctplan review: the walk over the main screen; q leaves it there. */
	if (a->review && !ui_push(a, &view_review_ops, 0))
		a->review = 0;
	while (!a->quit) {
		ui_draw(a);
		while (idle_step(a)) {
			if (!a->replay && key_waiting())
				break;
			ui_draw(a);
		}
		timing_complete();
		timing_settled();
		/* Between keys, poll for other processes' commits: a wait that runs
		 * out costs one PRAGMA and draws nothing unless something changed.
		 * Prompts read keys through ui_getkey, which never polls: a reload
		 * never changes what a form or question is about; the first wait
		 * after it catches up. */
		int key;
		while ((key = get_key(a, LIVE_POLL_MS)) == KEY_IDLE && !live_check(a))
			;
		if (key == KEY_IDLE)
			continue;   /* reloaded: draw what the store holds now */
		if (key == UI_KEY_QUIT)
			break;
		handle_key(a, key);
	}
}

int ui_run(const char *db, const char *config, long long review, int argc, char **argv)
{
	static struct app app;
	struct app *a = &app;
	ap_err e = {0};
	timing_start();
	const char *script = keys_option(argc, argv);
	int rc = app_open(a, db, config, &e);
	a->review = review;
	if (!rc && script && (rc = replay_open(&a->replay, script, &e)))
		app_close(a);
	if (!rc && (rc = term_open(a->replay != NULL, &e)))
		app_close(a);
	if (rc) {
		fprintf(stderr, "acctplan: %s\n", e.msg);
		return rc;
	}
	run(a);
	int sig = term_signal();
	rc = a->status;
	app_close(a);
	term_close();
	timing_report();
	if (sig) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return rc;
}
