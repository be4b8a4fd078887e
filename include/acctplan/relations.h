/* relations.h - who on our side knows whom at one account: the relationship
 * matrix of our members by the customer's contacts. A cell is how deep the
 * relationship goes: the contact's level where the member holds it (owns
 * it), "met" where the member only sat in a held meeting with them. */
#ifndef ACCTPLAN_RELATIONS_H
#define ACCTPLAN_RELATIONS_H

#include "acctplan/store.h"

/* A cell that is not a level: nothing, or met without holding the relationship. */
#define REL_NONE (-1)
#define REL_MET LEVEL_COUNT

typedef struct rel_matrix {
	ap_contacts contacts;   /* the account's, as listed */
	ap_members members;     /* those who hold or met any of them, by name */
	int *cell;              /* contacts.n * members.n: a level, REL_MET or REL_NONE */
	char **met;             /* the same shape: day of the last held meeting together, or NULL */
} rel_matrix;

/* The matrix of one account in one snapshot: three queries, whatever its
 * size. Caller frees with rel_matrix_free. */
int rel_matrix_load(store *s, long long account, rel_matrix *out, ap_err *e);
void rel_matrix_free(rel_matrix *m);
/* Cell (contact i, member j) in words: "credible", "met", "" (borrowed). */
const char *rel_cell_name(const rel_matrix *m, size_t i, size_t j);

#endif
