/* defs.c - the layers of questions and rules (defs.h). */
#include <stdlib.h>
#include <string.h>

#include "acctplan/defs.h"
#include "acctplan/json_read.h"
#include "acctplan/text.h"

static const char team_questions[] = "team questions", team_rules[] = "team rules";

/* The layers of one kind: defaults, the team's text (if any), the user's file. */
static size_t layers(ini_source out[3], const char *defaults, const char *team_text, const char *team_name,
	const char *user)
{
	size_t n = 0;
	out[n++] = (ini_source){.path = defaults, .origin = "default"};
	if (team_text)
		out[n++] = (ini_source){.text = team_text, .name = team_name, .origin = "team"};
	if (user)
		out[n++] = (ini_source){.path = user, .origin = "yours"};
	return n;
}

static int team_text(store *st, const char *kind, store_definition *d, ap_err *e)
{
	memset(d, 0, sizeof *d);
	return st ? store_definition_get(st, kind, d, e) : AP_OK;
}

int defs_qbank(qbank *qb, store *st, const defs_files *f, ap_err *e)
{
	store_definition d;
	int rc = team_text(st, DEFS_QUESTIONS, &d, e);
	if (!rc) {
		ini_source src[3];
		rc = qbank_load_sources(qb, src, layers(src, f->questions, d.body, team_questions, f->user_questions), e);
	} else {
		memset(qb, 0, sizeof *qb);
	}
	store_definition_clear(&d);
	return rc;
}

int defs_rules(rules **out, store *st, const defs_files *f, const qbank *qb, ap_err *e)
{
	store_definition d;
	*out = NULL;
	int rc = team_text(st, DEFS_RULES, &d, e);
	if (!rc) {
		ini_source src[3];
		rc = rules_load_sources(out, src, layers(src, f->rules, d.body, team_rules, f->user_rules), qb, e);
	}
	store_definition_clear(&d);
	return rc;
}

/* FILE's text, which the store keeps as written: valid UTF-8 (the INI
 * checks see to the rest). Caller frees. */
static int read_team_file(const char *file, char **text, ap_err *e)
{
	size_t len;
	int rc = ap_read_file(file, text, &len, e);
	if (!rc && len > JR_STR_MAX) {
		rc = ap_fail(e, AP_EINPUT, "%s: is %zu bytes; a team's file is at most %d bytes (1 MiB), so that every "
			"export of the store imports again; nothing was loaded", file, len, JR_STR_MAX);
		free(*text);
		*text = NULL;
	} else if (!rc && (strlen(*text) != len || !ap_utf8_valid(*text, len))) {
		rc = ap_fail(e, AP_EINPUT, "%s: is not UTF-8 text; nothing was loaded", file);
		free(*text);
		*text = NULL;
	}
	return rc;
}

/* AP_EINPUT "BEFORE (the failure *e held)AFTER". */
static int refuse_over(ap_err *e, const char *before, const char *after)
{
	char why[sizeof e->msg];
	snprintf(why, sizeof why, "%s", e->msg);
	return ap_fail(e, AP_EINPUT, "%s (%s)%s", before, why, after);
}

static int save(store *st, const char *kind, char *text, const char *file, ap_err *e)
{
	store_definition d = {.body = text, .source = (char *)file};
	return store_definition_put(st, kind, &d, e);
}

int defs_load_questions(store *st, const defs_files *f, const char *file, size_t *n, ap_err *e)
{
	char *text = NULL;
	qbank qb = {0};
	rules *r = NULL;
	store_definition team = {0};
	ini_source src[3];
	int rc = read_team_file(file, &text, e);
	if (!rc) {
		ini_source q[2] = {{.path = f->questions, .origin = "default"}, {.text = text, .name = file, .origin = "team"}};
		rc = qbank_load_sources(&qb, q, 2, e);
	}
	/* The team's rules must still find every question they name. */
	if (!rc)
		rc = store_definition_get(st, DEFS_RULES, &team, e);
	if (!rc && team.body && rules_load_sources(&r, src, layers(src, f->rules, team.body, team_rules, NULL), &qb, e))
	{
		char *before = xasprintf("%s: the team's rules would no longer load over these questions", file);
		rc = refuse_over(e, before, "; nothing was loaded: load rules that fit them first");
		free(before);
	}
	*n = 0;
	for (size_t i = 0; !rc && i < qb.n; i++)
		*n += strcmp(qb.q[i].origin, "team") == 0;
	if (!rc)
		rc = save(st, DEFS_QUESTIONS, text, file, e);
	rules_free(&r);
	qbank_free(&qb);
	store_definition_clear(&team);
	free(text);
	return rc;
}

int defs_load_rules(store *st, const defs_files *f, const char *file, size_t *n, ap_err *e)
{
	char *text = NULL;
	qbank qb = {0};
	rules *r = NULL;
	int rc = read_team_file(file, &text, e);
	defs_files team_only = *f;
	team_only.user_questions = NULL;
	if (!rc)
		rc = defs_qbank(&qb, st, &team_only, e);
	if (!rc) {
		ini_source src[2] = {{.path = f->rules, .origin = "default"}, {.text = text, .name = file, .origin = "team"}};
		rc = rules_load_sources(&r, src, 2, &qb, e);
	}
	*n = 0;
	for (size_t i = 0; !rc && i < rules_count(r); i++) {
		rule_info ri;
		rules_get(r, i, &ri);
		*n += strcmp(ri.origin, "team") == 0;
	}
	if (!rc)
		rc = save(st, DEFS_RULES, text, file, e);
	rules_free(&r);
	qbank_free(&qb);
	free(text);
	return rc;
}

int defs_unload(store *st, const defs_files *f, const char *kind, int *removed, ap_err *e)
{
	*removed = 0;
	int rc = AP_OK;
	if (strcmp(kind, DEFS_QUESTIONS) == 0) {
		store_definition team = {0};
		qbank qb = {0};
		rules *r = NULL;
		ini_source src[3];
		rc = store_definition_get(st, DEFS_RULES, &team, e);
		if (!rc && team.body && !(rc = qbank_load(&qb, f->questions, NULL, e)) &&
		    rules_load_sources(&r, src, layers(src, f->rules, team.body, team_rules, NULL), &qb, e))
			rc = refuse_over(e, "the team's rules need the team's questions",
				"; nothing was removed: unload or load rules first");
		rules_free(&r);
		qbank_free(&qb);
		store_definition_clear(&team);
	}
	return rc ? rc : store_definition_remove(st, kind, removed, e);
}

int defs_digest(store *st, unsigned long long *out, ap_err *e)
{
	static const char *const kinds[] = {DEFS_QUESTIONS, DEFS_RULES};
	unsigned long long h = AP_HASH_START;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		store_definition d;
		int rc = store_definition_get(st, kinds[k], &d, e);
		if (rc)
			return rc;
		/* The NUL after each part keeps "ab"+"c" apart from "a"+"bc". */
		const char *parts[] = {kinds[k], d.body ? "+" : "-", d.body ? d.body : ""};
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
			h = ap_hash(h, parts[i], strlen(parts[i]) + 1);
		store_definition_clear(&d);
	}
	*out = h;
	return AP_OK;
}
