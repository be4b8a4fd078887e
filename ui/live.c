/* live.c - live reload (see live.h). */
#include <stdio.h>

#include "acctplan/defs.h"
#include "app.h"
#include "live.h"

void live_start(struct app *a)
{
	ap_err e = {0};
	a->live_known = store_data_version(a->st, &a->live_version, &e) == AP_OK;
}

/* Close the views about the current account (the lowest of them and all
 * above it): they would otherwise show another account's records under
 * the same title without the user having asked. */
static void close_account_views(struct app *a)
{
	int first = 1;
	while (first < a->depth && !(a->stack[first]->ops->flags & VIEW_ACCOUNT))
		first++;
	while (a->depth > first)
		ui_pop(a);
}

/* A colleague loaded or removed the team's questions or rules: the ones
 * in force built again. Ones that no longer load (over this user's own
 * files, say) leave those in force as they were, and say why. */
static void reload_defs(struct app *a)
{
	unsigned long long digest;
	ap_err e = {0};
	if (defs_digest(a->st, &digest, &e) || digest == a->defs_digest)
		return;
	a->defs_digest = digest;
	qbank qb;
	rules *rs;
	if (ui_defs_build(a, a->st, &qb, &rs, &e)) {
		ui_message(a, "The team's questions or rules changed, but do not load here (kept the ones before): %s",
			e.msg);
		return;
	}
	rules_free(&a->rules);
	qbank_free(&a->qb);
	a->qb = qb;
	a->rules = rs;
	ui_message(a, "The team's questions or rules changed: now in force here");
}

/* Reload everything shown. When the selected account is gone, the list
 * selects the account now in its row, a neighbour, as after a removal here. */
static void reload(struct app *a)
{
	long long was = a->acct.id;
	char name[256];
	snprintf(name, sizeof name, "%s", was ? a->acct.name : "");
	ap_account now = {0};
	ap_err e = {0};
	int gone = was && store_account_get_id(a->st, was, &now, &e) == AP_EINPUT;
	ap_account_clear(&now);
	if (gone) {
		close_account_views(a);
		ui_set_account(a, 0);
	}
	long long keep[UI_MAX_VIEWS];
	for (int i = 0; i < a->depth; i++)
		keep[i] = view_selected_id(a->stack[i]);
	/* After the selections are read: a flag shown may point into the
	 * rules in force until now, which this frees (ui_refresh then reads
	 * every view's flags again). */
	reload_defs(a);
	fc_forget_all(&a->fc);   /* any account's flags may have moved */
	ui_refresh(a);
	for (int i = 0; i < a->depth; i++)
		view_select_id(a->stack[i], keep[i]);
	if (gone)
		ui_message(a, "'%s' was removed by someone else; now on %s%s%s", name, a->acct.id ? "'" : "",
			a->acct.id ? a->acct.name : "no account", a->acct.id ? "'" : "");
}

int live_check(struct app *a)
{
	long long v = 0;
	ap_err e = {0};
	/* Idle: the search index's merging that our writes leave undone, so
	 * no save waits for it (best effort; the next tick tries again). */
	store_tidy(a->st, NULL);
	/* A failed look (the file busy for longer than the store waits) is not
	 * worth a message on every tick: the next one looks again. */
	if (store_data_version(a->st, &v, &e))
		return 0;
	if (a->live_known && v == a->live_version)
		return 0;
	int first = !a->live_known;
	a->live_version = v;
	a->live_known = 1;
	if (first)
		return 0;   /* nothing to compare with yet */
	reload(a);
	return 1;
}
