/* orgmap.h - an account's people as the org chart draws them: a tree by
 * reports-to, with the lines beyond it. One layout for the CLI's
 * 'contact list --tree' and the workbench's org map. */
#ifndef ACCTPLAN_ORGMAP_H
#define ACCTPLAN_ORGMAP_H

#include <stddef.h>

#include "acctplan/model.h"

typedef struct org_row {
	size_t contact;   /* index into the contacts */
	int depth;        /* 0 for someone who reports to nobody listed */
} org_row;

/* Every contact once, depth-first from each who reports to nobody in c
 * (by name, any case), in c's order; then those reachable only through a
 * reports-to cycle, at depth 0. Returns c->n rows (caller frees). */
org_row *org_tree(const ap_contacts *c);

/* "Carl influences Dee", "Dee and Carl are rivals": a line in words, into
 * out (room for n). */
void org_line_words(const ap_link *l, char *out, size_t n);

#endif
