/* Curriculum files: finding them, reading them into YAML trees, and
 * checking every rule of prepdeck-content(5). Nothing here writes to the
 * database; import.c does that once a run has no errors. */
#ifndef PREPDECK_CONTENT_H
#define PREPDECK_CONTENT_H

#include <stddef.h>

#include "util.h"
#include "yamltree.h"

/* Id namespaces checked for duplicates and references. */
enum content_ns { NS_DOC, NS_CARD, NS_STORY, NS_PROMPT, NS_COMPETENCY, NS_VOCAB, NS_COUNT };

/* Looks up an id in the database (outside this run). Returns NULL when
 * there is no such live item; otherwise the kind of document for NS_DOC
 * ("deck", "plan", ...; "gapmap" for a map the user made) or any
 * non-NULL string for other namespaces, and sets *src to the item's
 * source label. Both strings are owned by the callee and valid until the
 * next call. */
typedef const char *(*content_lookup_fn)(void *ctx, enum content_ns ns, const char *id,
                                         const char **src);

struct content_file {
	char *path; /* as given / found */
	char *src;  /* stable label: "@bundled/decks/x.yaml" or an absolute path */
	struct yfile *yf;
};

struct content_run {
	struct content_file *files;
	size_t nfiles;
	char **scopes; /* src labels (files or directory prefixes) of the paths given */
	size_t nscopes;
	struct diags diags;
	/* Counts after a successful check. */
	size_t ndocs, ncards, nstories, nprompts, nterms, ntasks;
	size_t kinds[9];
};

extern const char *const content_kinds[9];

/* Loads and checks every YAML file under the given paths (files, or
 * directories searched recursively for *.yaml and *.yml). bundled_root
 * (may be NULL) names the bundled curriculum directory so its files get
 * "@bundled/" labels. lookup (may be NULL) resolves references to ids
 * that are not in this run. Returns a run the caller frees with
 * content_free; the run has diagnostics when anything is wrong. */
struct content_run *content_load(char *const *paths, size_t npaths, const char *bundled_root,
                                 content_lookup_fn lookup, void *ctx);
/* The same for one in-memory file named `name` (tests, fuzzing). */
struct content_run *content_load_buffer(const char *name, const char *buf, size_t len,
                                        content_lookup_fn lookup, void *ctx);
void content_free(struct content_run *run);

/* One card produced by a deck or numbers item. */
struct content_card {
	char key[CARD_KEY_MAX]; /* note id, note id + ":r", or note id + ":cN" */
	const char *kind;       /* basic, reverse, cloze, typein */
	int cloze;              /* N for cloze cards */
	const char *front, *back;
};
/* Expands a deck card item (or numbers item when numbers is set) into its
 * cards; returns the count (at most 10). deck_reverse is the deck's
 * `reverse`. Strings point into the tree. */
int content_expand_card(const struct ynode *item, int numbers, int deck_reverse,
                        struct content_card out[10]);

/* The cloze markers ({{cN::text}}) in s: a bitmask of the numbers N
 * used (bit N), 0 when there is none, or -1 with *cause set (may be
 * NULL) for a malformed or empty one. */
int content_cloze_mask(const char *s, char **cause);

/* Ids: lowercase letters, digits, '-', '_' or '.', at most 64 bytes,
 * starting with a letter or digit. Tags: the same with ':' for '.'. */
int content_valid_id(const char *s);
int content_valid_tag(const char *s);

/* Card ids that start with this are the learner's own (made in the
 * program); curriculum files cannot use them. */
#define CONTENT_USER_PREFIX "u-"

/* The cards of a note given as text: kind basic (one card), reverse (the
 * card and ID:r, asked the other way), cloze (ID:cN for each number N in
 * front) or typein. Returns the count (at most 10; 0 for a cloze without
 * a marker, -1 for a malformed one). Strings point into front and back. */
int content_expand_text(const char *id, const char *kind, const char *front, const char *back,
                        struct content_card out[10]);

/* Scalar helpers for validated trees. */
const char *cnode_str(const struct ynode *map, const char *key, const char *dflt);
long cnode_int(const struct ynode *map, const char *key, long dflt);
int cnode_bool(const struct ynode *map, const char *key, int dflt);

#endif
