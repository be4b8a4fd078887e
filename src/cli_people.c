/* cli_people.c - our people on the command line: members (add, list, edit,
 * remove, show) and the relationships each one holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acctplan/json.h"
#include "acctplan/orgmap.h"
#include "acctplan/relations.h"
#include "acctplan/text.h"
#include "cli_internal.h"

/* Deactivating the member acting ([user] name) leaves their later changes
 * signed by someone the team has marked as gone: said, not refused. */
static void warn_acting(cli_ctx *c, const char *name)
{
	char *a = ap_name_key(name), *b = ap_name_key(c->cfg.user_name);
	if (strcmp(a, b) == 0)
		fprintf(stderr, "acctplan: warning: '%s' is the acting member ([user] name in config.ini) and is now "
			"inactive; set [user] name to an active member\n", name);
	free(a);
	free(b);
}

/* By name, id or the start of a name, as other records; an unknown name lists the close ones. */
static int member_target(cli_ctx *c, const char *arg, long long *id, ap_err *e)
{
	ap_err sub;
	int rc = cli_rec_target(c, &cli_kinds[REC_MEMBER], 0, arg, 1, id, &sub);
	if (rc == AP_EINPUT && !strstr(sub.msg, "ambiguous"))
		return store_member_find(c->st, arg, id, e);
	if (rc)
		*e = sub;
	return rc;
}

static int cmd_member_edit(cli_ctx *c, const cli_args *a, ap_err *e)
{
	int rc = cli_rec_edit(c, a, &cli_kinds[REC_MEMBER], e);
	const char *active = arg_opt(a, "active");
	ap_member m = {0};
	ap_err sub;
	long long id;
	if (!rc && active && ap_name_parse(&cli_yes_no, active, &sub) == 0 &&
	    member_target(c, arg_opt(a, "name") ? arg_opt(a, "name") : a->pos[0], &id, &sub) == AP_OK &&
	    store_rec_get(c->st, REC_MEMBER, 0, id, &m, &sub) == AP_OK)
		warn_acting(c, m.name);
	ap_member_clear(&m);
	return rc;
}

/* --inactive keeps the member and what names them; only the flag changes. */
static int deactivate(cli_ctx *c, long long id, long long if_version, ap_err *e)
{
	ap_member m = {0};
	int rc = store_begin(c->st, e);
	if (!rc && !(rc = store_rec_get(c->st, REC_MEMBER, 0, id, &m, e))) {
		m.active = 0;
		rc = store_rec_update(c->st, REC_MEMBER, 0, &m, if_version, e);
	}
	rc = rc ? (store_rollback(c->st), rc) : store_commit(c->st, e);
	if (!rc) {
		fprintf(c->out, "member '%s' is inactive; the relationships, meetings and history that name them stay\n",
			m.name);
		warn_acting(c, m.name);
	}
	ap_member_clear(&m);
	return rc;
}

static int cmd_member_remove(cli_ctx *c, const cli_args *a, ap_err *e)
{
	long long id, to = 0, if_version;
	const char *other = arg_opt(a, "reassign-to");
	int rc = cli_if_version(a, &if_version, e);
	if (!rc && other && arg_flag(a, "inactive"))
		rc = ap_fail(e, AP_EINPUT, "member remove: --inactive keeps the member, --reassign-to removes them; "
			"give one");
	if (rc || (rc = cli_store(c, STORE_EXISTING, e)) || (rc = member_target(c, a->pos[0], &id, e)))
		return rc;
	if (arg_flag(a, "inactive"))
		return deactivate(c, id, if_version, e);
	if (other && (rc = store_member_find(c->st, other, &to, e))) {
		ap_err_context(e, "--reassign-to");
		return rc;
	}
	ap_member m = {0}, t = {0};
	long moved = 0;
	rc = store_rec_get(c->st, REC_MEMBER, 0, id, &m, e);
	if (!rc && to)
		rc = store_rec_get(c->st, REC_MEMBER, 0, to, &t, e);
	if (!rc)
		rc = store_member_remove(c->st, id, to, if_version, &moved, e);
	if (!rc && to)
		fprintf(c->out, "removed member '%s'; %ld relationship%s now held by '%s'\n", m.name, moved,
			moved == 1 ? " is" : "s are", t.name);
	else if (!rc)
		fprintf(c->out, "removed member '%s'\n", m.name);
	ap_member_clear(&m);
	ap_member_clear(&t);
	return rc;
}

/* ---- member show ---- */

static void show_text(FILE *f, const ap_member *m, const store_helds *h)
{
	fprintf(f, "%s  (tier %s, function %s%s%s%s)\n", m->name, ap_name(&ap_tiers, m->tier, "?"),
		ap_name(&ap_functions, m->function, "?"), *m->email ? ", " : "", m->email, m->active ? "" : ", inactive");
	if (!h->n) {
		fputs("holds no relationships\n", f);
		return;
	}
	fprintf(f, "holds %zu relationship%s, deepest first:\n", h->n, h->n == 1 ? "" : "s");
	static const char *const cols[] = {"level", "account", "contact", "role", "stance", "influence", "last touch"};
	out_table *t = out_new(cols, (int)(sizeof cols / sizeof cols[0]));
	for (size_t i = 0; i < h->n; i++) {
		const store_held *r = &h->v[i];
		out_str(t, ap_name(&ap_levels, r->c.level, NULL));
		out_str(t, r->account);
		out_str(t, r->c.name);
		out_str(t, ap_name(&ap_roles, r->c.role, NULL));
		out_str(t, ap_name(&ap_stances, r->c.stance, NULL));
		out_str(t, ap_name(&ap_influences, r->c.influence, NULL));
		out_str(t, *r->last_touch ? r->last_touch : "never");
	}
	out_print(t, f, FMT_TEXT, "");
	out_free(&t);
}

static void show_json(FILE *f, const ap_member *m, const store_helds *h)
{
	json_w w;
	jw_init(&w, f, NULL, 1);
	jw_obj(&w);
	cli_rec_members(&w, REC_MEMBER, m);
	jw_key(&w, "relationships");
	jw_arr(&w);
	for (size_t i = 0; i < h->n; i++) {
		jw_obj(&w);
		jw_kstr(&w, "account", h->v[i].account);
		cli_rec_members(&w, REC_CONTACT, &h->v[i].c);
		jw_key(&w, "last_touch");
		jw_str(&w, *h->v[i].last_touch ? h->v[i].last_touch : NULL);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	(void)jw_end(&w, NULL);
}

static int cmd_member_show(cli_ctx *c, const cli_args *a, ap_err *e)
{
	long long id;
	int fmt, rc = cli_format(a, &fmt, e);
	if (!rc && fmt == FMT_CSV)
		rc = ap_fail(e, AP_EINPUT, "--format: 'member show' prints text or json");
	if (rc || (rc = cli_store(c, STORE_EXISTING, e)) || (rc = member_target(c, a->pos[0], &id, e)))
		return rc;
	ap_member m = {0};
	store_helds held = {0};
	if (!(rc = store_rec_get(c->st, REC_MEMBER, 0, id, &m, e)) && !(rc = store_member_held(c->st, id, &held, e))) {
		if (fmt == FMT_JSON)
			show_json(c->out, &m, &held);
		else
			show_text(c->out, &m, &held);
	}
	ap_member_clear(&m);
	ap_vec_free(&held, store_held_clear);
	return rc;
}

/* ---- lines between contacts ---- */

static int cmd_contact_link(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_link l = {.from = a->pos[1], .to = a->pos[2], .kind = LINK_INFLUENCES};
	ap_account acc = {0};
	const char *kind = arg_opt(a, "kind");
	ap_err sub;
	if (kind && (l.kind = ap_name_parse(&ap_linkkinds, kind, &sub)) < 0)
		return ap_fail(e, AP_EINPUT, "--kind: %s", sub.msg);
	int rc = rec_check(&rec_kinds[REC_LINK], &l, REC_BY_OPTION, e);
	if (!rc)
		rc = cli_account(c, a->pos[0], &acc, e);
	if (!rc)
		rc = store_rec_add(c->st, REC_LINK, acc.id, &l, e);
	/* Said with the names as stored, not as typed. */
	ap_link stored = {0};
	if (!rc && store_rec_get(c->st, REC_LINK, acc.id, l.id, &stored, e) == AP_OK) {
		char words[1100];
		org_line_words(&stored, words, sizeof words);
		fprintf(c->out, "linked in %s: %s\n", acc.name, words);
	}
	ap_link_clear(&stored);
	ap_account_clear(&acc);
	return rc;
}

/* The lines between the two (either way), of --kind or every kind. */
static int cmd_contact_unlink(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_account acc = {0};
	ap_links all = {0};
	long long from, to;
	int kind = -1, gone = 0;
	ap_err sub;
	if (arg_opt(a, "kind") && (kind = ap_name_parse(&ap_linkkinds, arg_opt(a, "kind"), &sub)) < 0)
		return ap_fail(e, AP_EINPUT, "--kind: %s", sub.msg);
	int rc = cli_account(c, a->pos[0], &acc, e);
	if (!rc && !(rc = store_begin(c->st, e))) {
		if (!(rc = store_contact_find(c->st, acc.id, a->pos[1], &from, e)) &&
		    !(rc = store_contact_find(c->st, acc.id, a->pos[2], &to, e)) &&
		    !(rc = store_link_list(c->st, acc.id, &all, e)))
			for (size_t i = 0; !rc && i < all.n; i++) {
				const ap_link *l = &all.v[i];
				int between = (l->from_id == from && l->to_id == to) || (l->from_id == to && l->to_id == from);
				if (between && (kind < 0 || l->kind == kind) && !(rc = store_rec_remove(c->st, REC_LINK, acc.id,
					l->id, 0, e)))
					gone++;
			}
		if (!rc && !gone)
			rc = ap_fail(e, AP_EINPUT, "no %s%sline between '%s' and '%s' (see 'acctplan contact list %s --tree')",
				kind >= 0 ? ap_name(&ap_linkkinds, kind, "") : "", kind >= 0 ? " " : "", a->pos[1], a->pos[2],
				acc.name);
		rc = rc ? (store_rollback(c->st), rc) : store_commit(c->st, e);
	}
	if (!rc)
		fprintf(c->out, "removed %d line%s between '%s' and '%s'\n", gone, gone == 1 ? "" : "s", a->pos[1], a->pos[2]);
	ap_vec_free(&all, ap_link_clear);
	ap_account_clear(&acc);
	return rc;
}

/* ---- the org map ---- */

/* Who holds what and how deep, a row a contact as the tree draws them;
 * what nobody knows stands out ("nobody", "never"). */
static void tree_rows(out_table *t, const ap_contacts *c, const store_touches *touch, int gaps[3])
{
	org_row *rows = org_tree(c);
	for (size_t r = 0; r < c->n; r++) {
		const ap_contact *ct = &c->v[rows[r].contact];
		int d = rows[r].depth > 8 ? 8 : rows[r].depth;
		char name[512];
		snprintf(name, sizeof name, "%*s%s%s", 2 * d, "", d ? "- " : "", ct->name);
		const char *met = store_touch_of(touch, ct->id);
		out_str(t, name);
		out_str(t, ap_name(&ap_roles, ct->role, NULL));
		out_str(t, *ct->owner ? ct->owner : "nobody");
		out_str(t, ap_name(&ap_tiers, ct->tier, NULL));
		out_str(t, ap_name(&ap_levels, ct->level, NULL));
		out_str(t, ap_name(&ap_stances, ct->stance, NULL));
		out_str(t, ap_name(&ap_influences, ct->influence, NULL));
		out_str(t, *met ? met : "never");
		gaps[0] += !*ct->owner;
		gaps[1] += ct->level == LEVEL_UNKNOWN;
		gaps[2] += !*met;
	}
	free(rows);
}

static void print_tree(FILE *f, const ap_account *acc, const ap_contacts *c, const store_touches *touch,
	const ap_links *lines)
{
	static const char *const cols[] = {"contact", "buying role", "owner", "tier", "level", "stance", "influence",
		"last touch"};
	int gaps[3] = {0};
	fprintf(f, "Org map of %s (%zu contact%s)\n", acc->name, c->n, c->n == 1 ? "" : "s");
	out_table *t = out_new(cols, (int)(sizeof cols / sizeof cols[0]));
	tree_rows(t, c, touch, gaps);
	out_print(t, f, FMT_TEXT, "no contacts");
	out_free(&t);
	if (lines->n)
		fputs("Lines beyond reports-to:\n", f);
	for (size_t i = 0; i < lines->n; i++) {
		char words[1100];
		org_line_words(&lines->v[i], words, sizeof words);
		fprintf(f, "  %s\n", words);
	}
	if (gaps[0] || gaps[1] || gaps[2])
		fprintf(f, "Gaps: %d without an owner, %d at level unknown, %d never met\n", gaps[0], gaps[1], gaps[2]);
}

int cli_contact_list(cli_ctx *c, const cli_args *a, ap_err *e)
{
	if (!arg_flag(a, "tree"))
		return cli_run_list(c, a, e);
	int fmt, rc = cli_format(a, &fmt, e);
	if (!rc && fmt != FMT_TEXT)
		rc = ap_fail(e, AP_EINPUT, "--tree draws the org map as text; --format %s lists the contacts without it",
			ap_name(&ap_formats, fmt, "?"));
	ap_account acc = {0};
	ap_contacts contacts = {0};
	store_touches touch = {0};
	ap_links lines = {0};
	if (!rc && !(rc = cli_account(c, a->pos[0], &acc, e)) && !(rc = store_snapshot_begin(c->st, e))) {
		if (!(rc = store_contact_list(c->st, acc.id, &contacts, e)) &&
		    !(rc = store_last_touches(c->st, acc.id, &touch, e)) && !(rc = store_link_list(c->st, acc.id, &lines, e)))
			print_tree(c->out, &acc, &contacts, &touch, &lines);
		store_snapshot_end(c->st);
	}
	ap_vec_free(&contacts, ap_contact_clear);
	ap_vec_free(&lines, ap_link_clear);
	free(touch.v);
	ap_account_clear(&acc);
	return rc;
}

/* ---- the relationship matrix ---- */

static void matrix_json(FILE *f, const ap_account *acc, const rel_matrix *m)
{
	json_w w;
	jw_init(&w, f, NULL, 1);
	jw_obj(&w);
	jw_kstr(&w, "account", acc->name);
	jw_key(&w, "members");
	jw_arr(&w);
	for (size_t j = 0; j < m->members.n; j++)
		jw_str(&w, m->members.v[j].name);
	jw_arr_end(&w);
	jw_key(&w, "contacts");
	jw_arr(&w);
	for (size_t i = 0; i < m->contacts.n; i++) {
		const ap_contact *c = &m->contacts.v[i];
		jw_obj(&w);
		jw_kstr(&w, "name", c->name);
		jw_key(&w, "role");
		jw_str(&w, ap_name(&ap_roles, c->role, NULL));
		jw_key(&w, "owner");
		jw_str(&w, *c->owner ? c->owner : NULL);
		jw_key(&w, "cells");
		jw_arr(&w);
		for (size_t j = 0; j < m->members.n; j++) {
			const char *depth = rel_cell_name(m, i, j), *met = m->met[i * m->members.n + j];
			if (!*depth)
				continue;
			jw_obj(&w);
			jw_kstr(&w, "member", m->members.v[j].name);
			jw_kstr(&w, "depth", depth);
			jw_key(&w, "last_met");
			jw_str(&w, met);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	rel_functions_json(&w, "functions", m->functions);
	rel_functions_json(&w, "none_from", rel_untouched(m->functions));
	jw_obj_end(&w);
	(void)jw_end(&w, NULL);
}

/* A row a contact, a column a member: text and CSV. */
static void matrix_table(FILE *f, const rel_matrix *m, int fmt)
{
	const char **cols = xcalloc(m->members.n + 2, sizeof *cols);
	cols[0] = "contact";
	cols[1] = "buying role";
	for (size_t j = 0; j < m->members.n; j++)
		cols[j + 2] = m->members.v[j].name;
	out_table *t = out_new(cols, (int)m->members.n + 2);
	for (size_t i = 0; i < m->contacts.n; i++) {
		out_str(t, m->contacts.v[i].name);
		out_str(t, ap_name(&ap_roles, m->contacts.v[i].role, NULL));
		for (size_t j = 0; j < m->members.n; j++) {
			const char *depth = rel_cell_name(m, i, j);
			out_str(t, *depth || fmt != FMT_TEXT ? depth : ".");
		}
	}
	out_print(t, f, fmt, "no contacts");
	out_free(&t);
	free(cols);
}

static int cmd_account_relationships(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_account acc = {0};
	rel_matrix m;
	int fmt, rc = cli_format(a, &fmt, e);
	if (rc || (rc = cli_account(c, a->pos[0], &acc, e)))
		return rc;
	if (!(rc = rel_matrix_load(c->st, acc.id, ap_today(), &m, e))) {
		if (fmt == FMT_JSON)
			matrix_json(c->out, &acc, &m);
		else
			matrix_table(c->out, &m, fmt);
		if (fmt == FMT_TEXT && !m.members.n && m.contacts.n)
			fprintf(c->out, "nobody on our side holds or has met these contacts (contact edit %s NAME --owner MEMBER)\n",
				acc.name);
		/* Once there is a team: who of which function touches the account (CSV stays one table). */
		if (fmt == FMT_TEXT && m.team) {
			ap_buf line = {0};
			rel_functions_text(m.functions, &line);
			fprintf(c->out, "%s\n", line.s);
			buf_free(&line);
		}
		rel_matrix_free(&m);
	}
	ap_account_clear(&acc);
	return rc;
}

#define IFV " [--if-version N]"

const cli_cmd cli_people_cmds[] = {
	{"member add", "NAME --tier T [--function F] [--email ADDRESS]", "Add someone on our side",
	 "tier= function= email=", 1, 1, cli_run_add,
	 "A member is someone on our side who holds relationships, attends meetings and owns\n"
	 "work. --tier: sales, product or executive. --function: sales, field-marketing,\n"
	 "channel, product-management, product-marketing, customer-reference, support,\n"
	 "executive or other; without it, the one the tier stands for (sales,\n"
	 "product-management, executive). Once members exist, a contact's --owner and a\n"
	 "meeting's --ours must name one."},
	{"member list", "[--format text|json|csv]", "List our people", "format=", 0, 0, cli_run_list,
	 "JSON and CSV also give each member's version (what --if-version compares)."},
	{"member show", "NAME|ID [--format text|json]", "Every relationship a member holds, deepest first",
	 "format=", 1, 1, cmd_member_show,
	 "Lists the contacts the member owns across the portfolio with their level, stance,\n"
	 "influence and last touch: what a resignation would leave without an owner."},
	{"member edit", "NAME|ID [--name NEW] [--tier T] [--function F] [--email ADDRESS] [--active yes|no]" IFV,
	 "Change a member in place", "name= tier= function= email= active= if-version=", 1, 1, cmd_member_edit,
	 "Owners and attendees refer to the member by id: a new name shows everywhere. The\n"
	 "contacts a member holds move with them to a new --tier; the --function stays what it\n"
	 "was unless given. --active no keeps the member and their history but marks them gone."},
	{"member remove", "NAME|ID [--reassign-to OTHER | --inactive]" IFV, "Remove a member",
	 "reassign-to= inactive if-version=", 1, 1, cmd_member_remove,
	 "Refused while the member holds relationships or attends planned meetings, unless\n"
	 "--reassign-to hands them to OTHER; --inactive keeps the member and the history that\n"
	 "names them instead. The last member cannot be removed."},
	{"account relationships", "ACCOUNT [--format text|json|csv]", "Who on our side knows whom, and how deep",
	 "format=", 1, 1, cmd_account_relationships,
	 "A row per contact, a column per member who holds or has met one of them. A cell is\n"
	 "the depth: the contact's level (unknown, vendor, credible, problem-solver,\n"
	 "trusted-advisor) where the member holds the relationship, met where they only sat in\n"
	 "a held meeting with the contact, '.' (empty in CSV and JSON) where neither. Then,\n"
	 "once the team has members, which functions touch the account (an active member of\n"
	 "the function holds one of its contacts or sat in one of its held meetings in the last\n"
	 "twelve months) and which do not (JSON: functions and none_from)."},
	{"contact link", "ACCOUNT CONTACT CONTACT [--kind influences|informal|rivals]",
	 "Draw a line between two contacts beyond reports-to", "kind=", 3, 3, cmd_contact_link,
	 "influences (the default) reads: the first influences the second. informal (a tie\n"
	 "outside the org chart) and rivals go both ways. The org map (contact list --tree, the\n"
	 "workbench's o) shows the lines."},
	{"contact unlink", "ACCOUNT CONTACT CONTACT [--kind influences|informal|rivals]",
	 "Remove the lines between two contacts", "kind=", 3, 3, cmd_contact_unlink,
	 "Without --kind every line between the two goes, whichever way it runs."},
	{0},
};
