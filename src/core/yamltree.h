/* A YAML file read into a tree of nodes with their line and column, so
 * every later check can name the exact place. Built with libyaml's event
 * parser; aliases share the anchored node (no copying) and the total
 * expanded size is bounded, so alias bombs fail fast. */
#ifndef PREPDECK_YAMLTREE_H
#define PREPDECK_YAMLTREE_H

#include <stddef.h>

enum ynode_type { YN_SCALAR, YN_SEQ, YN_MAP };

struct ynode {
	enum ynode_type type;
	int line, col;        /* 1-based */
	char *str;            /* scalar text */
	int plain;            /* scalar was unquoted (plain style) */
	size_t n;             /* children: seq items, or map pairs */
	struct ynode **items; /* seq: items; map: keys */
	struct ynode **vals;  /* map: values */
};

struct ydoc {
	struct ynode *root;
	int line, col; /* where the document starts */
};

/* One parsed file: its documents and the arena that owns every node. */
struct yfile {
	char *path;
	struct ydoc *docs;
	size_t ndocs;
	void *arena;
};

/* Limits, also named in prepdeck-content(5). */
#define YT_MAX_FILE (8u * 1024 * 1024) /* bytes in one file */
#define YT_MAX_SCALAR (64u * 1024)     /* bytes in one text */
#define YT_MAX_NODES (1000000u)        /* nodes after alias expansion */
#define YT_MAX_DEPTH 64

/* Diagnostics collected across a run. */
struct diag {
	char *file;
	int line, col;
	char *msg;
};
struct diags {
	struct diag *v;
	size_t n, cap;
};
void diags_add(struct diags *d, const char *file, int line, int col, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));
/* Sorts by file, line, column and prints "FILE:LINE:COL: message". */
void diags_print(struct diags *d, void *fp);
void diags_free(struct diags *d);

/* Parses buf (len bytes) as the YAML file `path`. Returns a yfile (caller
 * frees with yfile_free) or NULL after adding diagnostics to *d. */
struct yfile *yfile_parse(const char *path, const char *buf, size_t len, struct diags *d);
/* Reads and parses a file, with the size limit. */
struct yfile *yfile_load(const char *path, struct diags *d);
void yfile_free(struct yfile *f);

/* The value for key in a map, or NULL. */
struct ynode *ymap_get(const struct ynode *map, const char *key);

#endif
