/* relations.h - who on our side knows whom at one account: the relationship
 * matrix of our members by the customer's contacts. A cell is how deep the
 * relationship goes: the contact's level where the member holds it (owns
 * it), "met" where the member only sat in a held meeting with them. */
#ifndef ACCTPLAN_RELATIONS_H
#define ACCTPLAN_RELATIONS_H

#include "acctplan/json.h"
#include "acctplan/store.h"

/* A cell that is not a level: nothing, or met without holding the relationship. */
#define REL_NONE (-1)
#define REL_MET LEVEL_COUNT

typedef struct rel_matrix {
	ap_contacts contacts;   /* the account's, as listed */
	ap_members members;     /* those who hold or met any of them, by name */
	int *cell;              /* contacts.n * members.n: a level, REL_MET or REL_NONE */
	char **met;             /* the same shape: day of the last held meeting together, or NULL */
	int team;               /* the store has members at all */
	unsigned functions;     /* 1 << FUNC_* of the functions touching the account (rel_touching) */
} rel_matrix;

/* The matrix of one account in one snapshot, as of day today: four
 * queries, whatever its size. Caller frees with rel_matrix_free. */
int rel_matrix_load(store *s, long long account, long today, rel_matrix *out, ap_err *e);
void rel_matrix_free(rel_matrix *m);
/* Cell (contact i, member j) in words: "credible", "met", "" (borrowed). */
const char *rel_cell_name(const rel_matrix *m, size_t i, size_t j);

/* Which functions touch an account: an active member of the function holds
 * one of its contacts, or sat in one of its held meetings in the twelve
 * months that end on day today (reciprocity_window's). The day the window
 * starts, YYYY-MM-DD. */
void rel_touch_since(long today, char since[11]);
/* The functions not touching an account that would be worth a look: all
 * but those in `touching` and "other" (a catch-all, whose absence says
 * nothing). */
unsigned rel_untouched(unsigned touching);
/* "functions: sales, support · none from: channel, executive", or
 * "functions: none · ..." and "... · every function touches it". */
void rel_functions_text(unsigned touching, ap_buf *b);
/* The function names of a set, joined by sep, into b ("none" for none). */
void rel_functions_names(unsigned set, const char *sep, ap_buf *b);
/* The same as member key of a JSON object: an array of names. */
void rel_functions_json(json_w *w, const char *key, unsigned set);

#endif
