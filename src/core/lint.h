/* `prepdeck lint`: rules of card craft that `prepdeck check` does not
 * enforce, for the bundled curriculum and the learner's own files. Each
 * finding names a place as FILE:LINE:COL. The rules and their thresholds
 * are described in prepdeck-content(5), "LINT". */
#ifndef PREPDECK_LINT_H
#define PREPDECK_LINT_H

#include <stddef.h>

#include "content.h"

enum lint_rule {
	LINT_INVALID,      /* a mistake `prepdeck check` reports */
	LINT_LONG_ANSWER,  /* an answer (or cloze text) over answer_max words */
	LINT_LONG_CLOZE,   /* a cloze deletion over cloze_max words */
	LINT_DUPLICATE,    /* two cards whose 3-word shingles overlap >= duplicate
	                     * (never two type-ins expecting different answers) */
	LINT_TERM_NO_DECK, /* a vocabulary term with no deck */
	LINT_GENERIC_TASK, /* a plan task whose text names nothing specific */
	LINT_TYPEIN_KEYS,  /* a type-in answer a plain keyboard cannot type */
	LINT_NRULES
};

/* "invalid", "long-answer", "long-cloze", "duplicate", "term-without-deck",
 * "generic-task", "typein-keyboard". */
extern const char *const lint_rule_names[LINT_NRULES];

struct lint_opts {
	int answer_max;   /* words */
	int cloze_max;    /* words */
	double duplicate; /* Jaccard overlap, 0..1 */
};

struct lint_finding {
	enum lint_rule rule;
	char *file;
	int line, col;
	char *id; /* the card, term or task ("" for invalid) */
	char *msg;
	/* The other card of a duplicate pair (other_file NULL otherwise). */
	char *other_file;
	int other_line, other_col;
	char *other_id;
};

struct lint_report {
	struct lint_finding *v; /* sorted by file, line, column */
	size_t n, cap;
	size_t count[LINT_NRULES];
	size_t ncards; /* cards and numbers items looked at */
};

/* Runs every rule over the files of run (its diagnostics become
 * LINT_INVALID findings; the rest of the files are linted all the same).
 * Fills *r, which the caller frees with lint_report_free. */
void lint_run(const struct content_run *run, const struct lint_opts *o, struct lint_report *r);
void lint_report_free(struct lint_report *r);

/* The pieces of the rules, for tests. Words are runs of characters
 * between white space that hold a letter or a digit. */
int lint_words(const char *s, size_t n);
/* True when a plan task's text names nothing beyond stop words, numbers
 * and the generic study words of prepdeck-content(5). */
int lint_generic_text(const char *text);
/* The Jaccard overlap of the word 3-shingles of two texts (0 when either
 * has fewer than three words). */
double lint_overlap(const char *a, const char *b);

#endif
