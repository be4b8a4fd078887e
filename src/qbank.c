/* qbank.c - loading and layering the question bank. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/ini.h"
#include "acctplan/model.h"
#include "acctplan/qbank.h"

/* The keys of a [question.ID] section: the bank's one list of them. */
static const char *const question_keys[] = {"tier", "type", "order", "label", "text", "help", "options", "group", NULL};
static const char *const type_names[] = {[QB_TEXT] = "text", [QB_CHOICE] = "choice"};
const ap_names qb_types = {"type", type_names, 2};
#define GROUP_NAME_(id, name) name,
static const char *const group_names[] = {QB_GROUP_TABLE(GROUP_NAME_)};
#undef GROUP_NAME_
const ap_names qb_groups = {"group", group_names, QB_GROUP_COUNT};

static void question_clear(qb_question *q)
{
	free(q->id);
	free(q->label);
	free(q->text);
	free(q->help);
	free(q->origin);
	for (int i = 0; i < q->noptions; i++)
		free(q->options[i]);
	free(q->options);
	memset(q, 0, sizeof *q);
}

void qbank_free(qbank *qb)
{
	for (size_t i = 0; i < qb->n; i++)
		question_clear(&qb->q[i]);
	free(qb->q);
	qb->q = NULL;
	qb->n = 0;
}

/* The first n questions only: see load_file. */
static qb_question *find_among(const qbank *qb, size_t n, const char *id)
{
	for (size_t i = 0; id && i < n; i++)
		if (strcasecmp(qb->q[i].id, id) == 0)
			return &qb->q[i];
	return NULL;
}

const qb_question *qbank_find(const qbank *qb, const char *id) { return find_among(qb, qb->n, id); }

const qb_question *qbank_lookup(const qbank *qb, const char *id, ap_err *e)
{
	const qb_question *q = qbank_find(qb, id);
	if (!q)
		ap_fail(e, AP_EINPUT, "unknown question '%s' (see 'acctplan questions')", id ? id : "");
	return q;
}

int qbank_option(const qb_question *q, const char *value)
{
	/* The bank's own spelling first: every stored answer has it, and
	 * keying a string allocates. */
	for (int i = 0; i < q->noptions; i++)
		if (strcmp(q->options[i], value) == 0)
			return i;
	if (!q->noptions)
		return -1;
	/* Then as names are compared, so "Growing" and " growing" are the
	 * option "growing" (ap_text_repair trims as it trims a name). */
	char *trimmed = xstrdup(value);
	ap_text_repair(trimmed, 1, 0);
	char *key = ap_name_key(trimmed);
	int found = -1;
	for (int i = 0; i < q->noptions && found < 0; i++) {
		char *option = ap_name_key(q->options[i]);
		if (strcmp(option, key) == 0)
			found = i;
		free(option);
	}
	free(key);
	free(trimmed);
	return found;
}

int qbank_answer(const qb_question *q, char **value, ap_err *e)
{
	if (q->type != QB_CHOICE)
		return AP_OK;
	int i = qbank_option(q, *value);
	if (i < 0)
		return qbank_check_answer(q, *value, e);
	if (strcmp(*value, q->options[i]) != 0) {
		free(*value);
		*value = xstrdup(q->options[i]);
	}
	return AP_OK;
}

int qbank_check_answer(const qb_question *q, const char *value, ap_err *e)
{
	if (q->type != QB_CHOICE || qbank_option(q, value) >= 0)
		return AP_OK;
	ap_names options = {"answer", (const char *const *)q->options, q->noptions};
	char *all = ap_names_join(&options, " or ");
	ap_fail(e, AP_EINPUT, "'%s' is not an answer to '%s' (expected %s)", value, q->id, all);
	free(all);
	return AP_EINPUT;
}

/* Split "a, b, c" into trimmed, non-empty options. */
static int parse_options(qb_question *q, const char *list)
{
	for (int i = 0; i < q->noptions; i++)
		free(q->options[i]);
	free(q->options);
	q->options = NULL;
	q->noptions = 0;
	const char *p = list;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		const char *w = p;
		while (*p && *p != ',')
			p++;
		const char *end = p;
		while (end > w && end[-1] == ' ')
			end--;
		if (end > w) {
			q->options = xrealloc(q->options, (size_t)(q->noptions + 1) * sizeof *q->options);
			char *o = xmalloc((size_t)(end - w) + 1);
			memcpy(o, w, (size_t)(end - w));
			o[end - w] = '\0';
			q->options[q->noptions++] = o;
		}
	}
	return q->noptions;
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* Apply the keys present in one [question.ID] section onto q. */
static int apply_section(const ini_doc *d, const char *sec, qb_question *q, ap_err *e)
{
	const char *v;
	ap_err sub;
	if (ini_check_keys(d, sec, question_keys, e))
		return AP_EINPUT;
	if ((v = ini_value(d, sec, "tier"))) {
		if ((q->tier = ap_name_parse(&ap_tiers, v, &sub)) < 0)
			return ini_error(d, ini_line(d, sec, "tier"), e, "%s", sub.msg);
	}
	if ((v = ini_value(d, sec, "type"))) {
		if ((q->type = ap_name_parse(&qb_types, v, &sub)) < 0)
			return ini_error(d, ini_line(d, sec, "type"), e, "%s", sub.msg);
	}
	if ((v = ini_value(d, sec, "group"))) {
		if ((q->group = ap_name_parse(&qb_groups, v, &sub)) < 0)
			return ini_error(d, ini_line(d, sec, "group"), e, "%s", sub.msg);
	}
	if ((v = ini_value(d, sec, "order"))) {
		char *end;
		long n = strtol(v, &end, 10);
		if (!*v || *end || n < 0 || n > 100000)
			return ini_error(d, ini_line(d, sec, "order"), e, "order '%s' is not a number from 0 to 100000", v);
		q->order = (int)n;
	}
	if ((v = ini_value(d, sec, "label")))
		set_str(&q->label, v);
	if ((v = ini_value(d, sec, "text")))
		set_str(&q->text, v);
	if ((v = ini_value(d, sec, "help")))
		set_str(&q->help, v);
	if ((v = ini_value(d, sec, "options")) && parse_options(q, v) == 0)
		return ini_error(d, ini_line(d, sec, "options"), e, "options is empty");
	return AP_OK;
}

static int valid_id(const char *id)
{
	if (!*id)
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			return 0;
	return 1;
}

/* A file cannot repeat a section, so a section can only redefine one of the
 * `earlier` questions, those of the files loaded before: searching those
 * alone keeps a long file from costing the square of its length. */
static int load_file(qbank *qb, const ini_source *src, ap_err *e)
{
	ini_doc *d;
	size_t earlier = qb->n;
	int rc = ini_load_source(&d, src, e);
	for (int i = 0; !rc && i < ini_section_count(d); i++) {
		const char *sec = ini_section_name(d, i);
		int line = ini_section_line(d, sec);
		if (strncmp(sec, "question.", 9) != 0) {
			rc = ini_error(d, line, e, "unknown section [%s] (expected [question.ID])", sec);
			break;
		}
		const char *id = sec + 9;
		if (!valid_id(id)) {
			rc = ini_error(d, line, e, "question id '%s' may only use a-z, 0-9, '_' and '-'", id);
			break;
		}
		qb_question *q = find_among(qb, earlier, id);
		int is_new = !q;
		if (is_new) {
			qb->q = xrealloc(qb->q, (qb->n + 1) * sizeof *qb->q);
			q = &qb->q[qb->n++];
			memset(q, 0, sizeof *q);
			q->id = xstrdup(id);
			q->tier = -1;
			q->order = 1000;
		}
		rc = apply_section(d, sec, q, e);
		if (!rc && q->tier < 0)
			rc = ini_error(d, line, e, "question '%s' has no tier", id);
		else if (!rc && !q->text)
			rc = ini_error(d, line, e, "question '%s' has no text", id);
		else if (!rc && q->type == QB_CHOICE && q->noptions == 0)
			rc = ini_error(d, line, e, "choice question '%s' has no options", id);
		else if (!rc && q->type == QB_TEXT && q->noptions > 0 && ini_value(d, sec, "options"))
			rc = ini_error(d, ini_line(d, sec, "options"), e,
				"question '%s' has options but is not 'type = choice'", id);
		else if (!rc && q->type == QB_TEXT)
			parse_options(q, "");   /* a choice turned into text keeps no stale options */
		if (!rc && !q->label)
			q->label = xstrdup(id);
		if (!rc && !q->help)
			q->help = xstrdup("");
		if (!rc) {
			free(q->origin);
			q->origin = xstrdup(src->origin ? src->origin : "default");
		}
	}
	ini_free(&d);
	return rc;
}

static int by_tier_order(const void *a, const void *b)
{
	const qb_question *x = a, *y = b;
	if (x->tier != y->tier)
		return x->tier - y->tier;
	if (x->order != y->order)
		return x->order - y->order;
	return strcmp(x->id, y->id);
}

int qbank_load(qbank *qb, const char *defaults_path, const char *user_path, ap_err *e)
{
	const ini_source src[] = {{.path = defaults_path, .origin = "default"}, {.path = user_path, .origin = "yours"}};
	return qbank_load_sources(qb, src, user_path ? 2 : 1, e);
}

int qbank_load_sources(qbank *qb, const ini_source *src, size_t n, ap_err *e)
{
	memset(qb, 0, sizeof *qb);
	int rc = AP_OK;
	for (size_t i = 0; !rc && i < n; i++)
		rc = load_file(qb, &src[i], e);
	if (rc) {
		qbank_free(qb);
		return rc;
	}
	qsort(qb->q, qb->n, sizeof *qb->q, by_tier_order);
	return AP_OK;
}
