/* Anki package files (.apkg, .colpkg): zip archives read and written with
 * libzip, the newest collection format decompressed with libzstd. Only
 * the collection entry is ever extracted, into a private temporary file;
 * media are never written anywhere. */
#ifndef PREPDECK_ANKI_PKG_H
#define PREPDECK_ANKI_PKG_H

#include <stddef.h>
#include <stdint.h>

/* Limits against zip bombs and damaged archives (doc/anki.md). */
#define ANKI_MAX_ENTRIES 65536                  /* entries in one package */
#define ANKI_MAX_COLLECTION ((uint64_t)1 << 30) /* 1 GiB, the collection uncompressed */
#define ANKI_MAX_META 65536                     /* bytes of the meta entry */

enum anki_format {
	ANKI_FMT_ANKI2 = 1,   /* collection.anki2 (schema 11) */
	ANKI_FMT_ANKI21 = 2,  /* collection.anki21 */
	ANKI_FMT_ANKI21B = 3, /* collection.anki21b: zstd, protobuf configs */
};

/* Reports progress: what is being done, done of total units (bytes or
 * rows; total 0 when unknown). */
typedef void (*anki_progress_fn)(void *ctx, const char *what, int64_t done, int64_t total);

struct anki_pkg {
	enum anki_format format;
	char *path;      /* the extracted collection (a private temp file) */
	uint64_t size;   /* its size in bytes */
	int64_t entries; /* entries in the package */
};

/* Opens the package at file (or, with file NULL, the n bytes at data),
 * refuses entry names with ".." or an absolute path, checks the caps,
 * picks the newest collection it holds and extracts it. Returns 0, or -1
 * with *cause set (caller frees) and nothing left behind. */
int anki_pkg_open(const char *file, const void *data, size_t n, struct anki_pkg *pkg,
                  anki_progress_fn progress, void *ctx, char **cause);
/* Removes the extracted collection and frees pkg's strings. */
void anki_pkg_close(struct anki_pkg *pkg);

/* Writes a legacy package: collection_path as collection.anki2 and an
 * empty media map, to out (whole or not at all, mode 0600). Returns 0 or
 * -1 with *cause. */
int anki_pkg_write(const char *collection_path, const char *out, char **cause);

/* A private temporary file name (created empty, mode 0600) under
 * $TMPDIR or /tmp. Returns a new string, or NULL with *cause. */
char *anki_tmpfile(char **cause);

#endif
