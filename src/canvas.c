/* canvas.c - the customer's business model canvas (canvas.h). */
#include <stdlib.h>
#include <string.h>

#include "acctplan/canvas.h"

#define NAME_(id, name) name,
#define QID_(id, name) "canvas_" name,
#define OURS_(id, name) "canvas_" name "_ours",
static const char *const block_names[] = {CANVAS_BLOCK_TABLE(NAME_)};
const char *const canvas_question_ids[CANVAS_BLOCKS] = {CANVAS_BLOCK_TABLE(QID_)};
const char *const canvas_ours_ids[CANVAS_BLOCKS] = {CANVAS_BLOCK_TABLE(OURS_)};
#undef NAME_
#undef QID_
#undef OURS_
const ap_names canvas_blocks = {"canvas block", block_names, CANVAS_BLOCKS};

static const char *const format_names[] = {[DOC_TEXT] = "text", [DOC_MD] = "md", [CANVAS_JSON] = "json"};
const ap_names canvas_formats = {"format", format_names, 3};

int canvas_block_of(const char *qid)
{
	for (int b = 0; qid && b < CANVAS_BLOCKS; b++)
		if (strcmp(canvas_question_ids[b], qid) == 0)
			return b;
	return -1;
}

int canvas_flag_on(const rule_flag *f, int block, int answered)
{
	if (f->question)
		return strcmp(f->question, canvas_question_ids[block]) == 0 ||
			strcmp(f->question, canvas_ours_ids[block]) == 0;
	return !answered && f->kind && strcmp(f->kind, rule_kinds.names[KIND_CANVAS_GAP]) == 0;
}

int canvas_flag_of(const rule_flag *f)
{
	for (int b = 0; b < CANVAS_BLOCKS; b++)
		if (canvas_flag_on(f, b, 0))
			return 1;
	return 0;
}

static const ap_answer *current(const ap_answers *list, const char *qid)
{
	for (size_t i = 0; i < list->n; i++)
		if (strcmp(list->v[i].question, qid) == 0)
			return &list->v[i];
	return NULL;
}

/* Only the canvas's flags are kept: the report and the view show no others. */
static void keep_canvas_flags(rule_flags *fl)
{
	size_t k = 0;
	for (size_t i = 0; i < fl->n; i++) {
		if (canvas_flag_of(&fl->v[i]))
			fl->v[k++] = fl->v[i];
		else
			rule_flag_clear(&fl->v[i]);
	}
	fl->n = k;
}

int canvas_build(store *s, const qbank *qb, const rules *r, long long account, long today, canvas *out,
	ap_err *e)
{
	memset(out, 0, sizeof *out);
	out->today = today;
	/* One snapshot, so a write by another process cannot land between the reads. */
	int rc = store_snapshot_begin(s, e);
	if (!rc) {
		if (!(rc = store_account_get_id(s, account, &out->acc, e)) &&
		    !(rc = store_answer_current(s, account, &out->answers, e)))
			rc = rules_eval(r, s, qb, account, today, 0, &out->flags, e);
		store_snapshot_end(s);
	}
	if (rc) {
		canvas_free(out);
		return rc;
	}
	keep_canvas_flags(&out->flags);
	for (int b = 0; b < CANVAS_BLOCKS; b++) {
		canvas_part *p = &out->part[b];
		p->q = qbank_find(qb, canvas_question_ids[b]);
		p->ours = qbank_find(qb, canvas_ours_ids[b]);
		p->answer = current(&out->answers, canvas_question_ids[b]);
		p->ours_answer = current(&out->answers, canvas_ours_ids[b]);
	}
	return AP_OK;
}

void canvas_free(canvas *c)
{
	ap_account_clear(&c->acc);
	ap_vec_free(&c->answers, ap_answer_clear);
	ap_vec_free(&c->flags, rule_flag_clear);
	memset(c, 0, sizeof *c);
}

char *canvas_evidence(const ap_answer *a)
{
	return xasprintf("%s, %s confidence, %s%s%s", ap_name(&ap_sources, a->source, "?"),
		ap_name(&ap_confidences, a->confidence, "?"), a->date, *a->author ? " by " : "", a->author);
}

char *canvas_block_flags(const canvas *c, int b)
{
	ap_buf list = {0};
	for (size_t i = 0; i < c->flags.n; i++) {
		const rule_flag *f = &c->flags.v[i];
		if (canvas_flag_on(f, b, c->part[b].answer != NULL))
			buf_printf(&list, "%s%s (%s)", list.len ? ", " : "", f->rule, ap_severities.names[f->severity]);
	}
	if (!list.len) {
		buf_free(&list);
		return NULL;
	}
	return buf_steal(&list);
}

static void block_doc(const canvas *c, int b, doc *d)
{
	const canvas_part *p = &c->part[b];
	const char *label = p->q ? p->q->label : block_names[b];
	doc_heading(d, "%s (%s)", label, p->q ? ap_tiers.names[p->q->tier] : "?");
	if (p->answer) {
		char *ev = canvas_evidence(p->answer);
		doc_para(d, "%s", p->answer->value);
		doc_item(d, "evidence: %s", ev);
		free(ev);
	} else {
		doc_para(d, "Not answered yet: %s", p->q ? p->q->text : canvas_question_ids[b]);
	}
	if (p->ours_answer) {
		char *ev = canvas_evidence(p->ours_answer);
		doc_item(d, "ours: %s (%s)", p->ours_answer->value, ev);
		free(ev);
	} else {
		doc_item(d, "ours: not said yet");
	}
	char *flags = canvas_block_flags(c, b);
	if (flags)
		doc_item(d, "flags: %s", flags);
	free(flags);
}

/* Every canvas flag once, in full, with the command that clears it. */
static void flags_doc(const canvas *c, doc *d)
{
	if (!c->flags.n)
		return;
	doc_heading(d, "Open flags");
	for (size_t i = 0; i < c->flags.n; i++) {
		const rule_flag *f = &c->flags.v[i];
		doc_item(d, "%s (%s, %s): %s", f->rule, ap_severities.names[f->severity], ap_tiers.names[f->tier],
			f->message);
		if (f->hint_argc)
			doc_command(d, (const char *const *)f->hint_argv, f->hint_argc);
		else if (f->hint && *f->hint)
			doc_para(d, "%s", f->hint);
	}
}

void canvas_doc(const canvas *c, doc *d)
{
	char day[11];
	int answered = 0, ours = 0;
	for (int b = 0; b < CANVAS_BLOCKS; b++) {
		answered += c->part[b].answer != NULL;
		ours += c->part[b].ours_answer != NULL;
	}
	ap_date_format(c->today, day);
	doc_title(d, "Business model canvas: %s", c->acc.name);
	doc_para(d, "As of %s: %d of %d blocks answered; where our product sits is said for %d.", day, answered,
		CANVAS_BLOCKS, ours);
	if (d->format == DOC_TEXT && d->width >= CANVAS_GRID_COLS) {
		ap_buf grid = {0};
		canvas_grid(c, d->width, &grid);
		doc_pre(d, grid.s);
		buf_free(&grid);
		char *owners = canvas_owners(c);
		doc_para(d, "%s.", owners);
		free(owners);
	} else {
		for (int b = 0; b < CANVAS_BLOCKS; b++)
			block_doc(c, b, d);
	}
	flags_doc(c, d);
}
