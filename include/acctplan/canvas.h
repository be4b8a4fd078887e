/* canvas.h - the customer's business model canvas: nine blocks, each a
 * question of the bank's `canvas` group answered like any other (evidence,
 * history), with a companion question saying where our product sits in it.
 *
 * The blocks are declared once, below; their question ids follow from their
 * names ("partners": canvas_partners and canvas_partners_ours), so the bank
 * (assets/questions.ini), the canvas_gap rule, 'account canvas' and the
 * workbench's canvas view cannot disagree about them. */
#ifndef ACCTPLAN_CANVAS_H
#define ACCTPLAN_CANVAS_H

#include "acctplan/doc.h"
#include "acctplan/qbank.h"
#include "acctplan/rules.h"
#include "acctplan/store.h"

/* In the order the canvas is read: left to right along the top, then the
 * bottom row (costs, revenue). */
#define CANVAS_BLOCK_TABLE(X) \
	X(CB_PARTNERS, "partners") X(CB_ACTIVITIES, "activities") X(CB_RESOURCES, "resources") \
	X(CB_VALUE, "value") X(CB_RELATIONSHIPS, "relationships") X(CB_CHANNELS, "channels") \
	X(CB_SEGMENTS, "segments") X(CB_COSTS, "costs") X(CB_REVENUE, "revenue")
#define CANVAS_ENUM_(id, name) id,
enum canvas_block { CANVAS_BLOCK_TABLE(CANVAS_ENUM_) CANVAS_BLOCKS };
#undef CANVAS_ENUM_
/* The blocks' names ("partners"), for JSON and messages. */
extern const ap_names canvas_blocks;
/* Block b's question ("canvas_partners") and its companion, where our
 * product sits in it ("canvas_partners_ours"). */
extern const char *const canvas_question_ids[CANVAS_BLOCKS];
extern const char *const canvas_ours_ids[CANVAS_BLOCKS];
/* The block whose question (not its companion) is id, -1 when none. */
int canvas_block_of(const char *qid);

/* What 'account canvas --format' takes: text and md as doc.h writes them
 * (DOC_TEXT, DOC_MD), and json. */
enum { CANVAS_JSON = DOC_MD + 1 };
extern const ap_names canvas_formats;

/* Where block b sits when the canvas is drawn: along the top (row 0) in
 * fifths of the width (x, w) and halves of the top's height (y, h: 0 or 1,
 * 1 or 2); along the bottom (row 1) in halves of the width. The workbench
 * and the text report draw the same arrangement from this. */
typedef struct canvas_cell { int row, x, w, y, h; } canvas_cell;
extern const canvas_cell canvas_cells[CANVAS_BLOCKS];

/* Whether flag f is one of block b's: it is about the block's question or
 * its companion, or it is a canvas_gap flag and the block is unanswered
 * (answered 0). The workbench marks blocks and the report lists them so. */
int canvas_flag_on(const rule_flag *f, int block, int answered);
/* Whether flag f is about the canvas at all (one of some block's). */
int canvas_flag_of(const rule_flag *f);

/* One account's canvas as of a day. */
typedef struct canvas_part {
	const qb_question *q, *ours;      /* NULL when the bank lacks them */
	const ap_answer *answer, *ours_answer;   /* into answers; NULL when unanswered */
} canvas_part;

typedef struct canvas {
	ap_account acc;
	long today;
	ap_answers answers;   /* the account's current answers */
	rule_flags flags;     /* its open flags about the canvas, as rules_eval orders them */
	canvas_part part[CANVAS_BLOCKS];
} canvas;

/* Read account's canvas: its answers and the flags the rules raise on it
 * (snoozed ones left out), in one snapshot. Caller frees with canvas_free. */
int canvas_build(store *s, const qbank *qb, const rules *r, long long account, long today, canvas *out,
	ap_err *e);
void canvas_free(canvas *c);
/* The canvas as a document: a heading per block with its answer, its
 * evidence, where our product sits and its flags, then the flags in full
 * with what clears them. */
void canvas_doc(const canvas *c, doc *d);
/* From this many columns the text report draws the canvas as its grid
 * (canvas_grid); narrower, a heading per block. */
#define CANVAS_GRID_COLS 120
/* The canvas's nine blocks as boxes in their arrangement, width columns
 * wide, each as tall as its text needs; appended to out. */
void canvas_grid(const canvas *c, int width, ap_buf *out);
/* "Who answers: sales: Channels, Cost structure; product: ...": each
 * block's tier, which the grid's boxes leave out. Caller frees. */
char *canvas_owners(const canvas *c);
/* "canvas_gap (info), stale_canvas (warn)": the flags on block b by rule,
 * or NULL when none. Caller frees. */
char *canvas_block_flags(const canvas *c, int b);
/* "meeting, high confidence, 2026-11-23 by Dana Reyes": an answer's evidence. */
char *canvas_evidence(const ap_answer *a);

#endif
