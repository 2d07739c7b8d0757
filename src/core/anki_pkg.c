#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>
#include <zstd.h>

#include "anki_pkg.h"
#include "anki_proto.h"
#include "util.h"

static uint64_t max_collection(void);

char *
anki_tmpfile(char **cause)
{
	const char *dir = getenv("TMPDIR");
	if (dir == NULL || *dir != '/')
		dir = "/tmp";
	char *path = xprintf("%s/prepdeck-anki-XXXXXX", dir);
	int fd = mkstemp(path);
	if (fd < 0) {
		fail(cause, "cannot make a temporary file in %s: %s", dir, strerror(errno));
		free(path);
		return NULL;
	}
	fchmod(fd, 0600);
	close(fd);
	return path;
}

/* A name that would leave the folder it is extracted to. */
static int
unsafe_name(const char *name)
{
	if (name[0] == '/' || name[0] == '\\')
		return 1;
	if (((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')) &&
	    name[1] == ':')
		return 1;
	const char *p = name;
	while (*p) {
		size_t n = strcspn(p, "/\\");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

static const char *
zerr(zip_t *z)
{
	return zip_strerror(z);
}

/* Reads a whole small entry into memory (at most max bytes). */
static int
read_small(zip_t *z, zip_int64_t idx, size_t max, uint8_t **out, size_t *len, char **cause)
{
	zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
	if (f == NULL)
		return fail(cause, "cannot read the package: %s", zerr(z));
	uint8_t *buf = xmalloc(max + 1);
	size_t n = 0;
	for (;;) {
		zip_int64_t r = zip_fread(f, buf + n, max + 1 - n);
		if (r < 0) {
			fail(cause, "cannot read the package: %s", zip_file_strerror(f));
			zip_fclose(f);
			free(buf);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			zip_fclose(f);
			free(buf);
			return fail(cause, "the package's meta entry is over %zu bytes", max);
		}
	}
	zip_fclose(f);
	*out = buf;
	*len = n;
	return 0;
}

/* Where an entry is copied to: the file, and the size cap. */
struct sink {
	int fd;
	uint64_t total, cap;
	char **cause;
	/* through zstd: the decoder, its output buffer, and its last answer
	 * (0 when it ended a frame and holds nothing more) */
	ZSTD_DStream *ds;
	uint8_t *out;
	size_t outcap, left;
};

/* Writes n bytes of the collection; -2 past the cap. */
static int
put(struct sink *k, const void *p, size_t n)
{
	k->total += n;
	if (k->total > k->cap)
		return -2;
	if (fd_write_all(k->fd, p, n) != 0)
		return fail(k->cause, "cannot write a temporary file: %s", strerror(errno));
	return 0;
}

/* Decodes n bytes of zstd data and writes what comes out; n == 0 at the
 * end of the entry, to write what the decoder still holds. */
static int
unzstd(struct sink *k, const void *in, size_t n)
{
	ZSTD_inBuffer ib = { in, n, 0 };
	if (n == 0 && k->left == 0)
		return 0;
	for (;;) {
		ZSTD_outBuffer ob = { k->out, k->outcap, 0 };
		k->left = ZSTD_decompressStream(k->ds, &ob, &ib);
		if (ZSTD_isError(k->left))
			return fail(k->cause, "the collection is not valid zstd data (%s)",
			            ZSTD_getErrorName(k->left));
		int rc = put(k, k->out, ob.pos);
		if (rc != 0)
			return rc;
		if (n > 0 ? ib.pos == ib.size : k->left == 0)
			return 0;
		if (n == 0 && ob.pos == 0)
			return fail(k->cause, "the collection's zstd data is truncated");
	}
}

/* Copies entry idx to fd, through zstd when zstd is set, stopping at the
 * size cap whatever the archive claims. */
static int
extract(zip_t *z, zip_int64_t idx, int zstd, int fd, uint64_t declared, uint64_t *size,
        anki_progress_fn progress, void *ctx, char **cause)
{
	zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
	if (f == NULL)
		return fail(cause, "cannot read the collection in the package: %s", zerr(z));
	struct sink k = { .fd = fd, .cap = max_collection(), .cause = cause, .left = 1 };
	if (zstd) {
		k.ds = ZSTD_createDStream();
		ZSTD_initDStream(k.ds);
		k.outcap = ZSTD_DStreamOutSize();
		k.out = xmalloc(k.outcap);
	}
	size_t incap = 1 << 17;
	uint8_t *in = xmalloc(incap);
	uint64_t readin = 0;
	int rc = 0;
	for (;;) {
		zip_int64_t r = zip_fread(f, in, incap);
		if (r < 0) {
			rc = fail(cause, "the package is damaged: %s", zip_file_strerror(f));
			break;
		}
		if (r > 0) {
			readin += (uint64_t)r;
			if (progress)
				progress(ctx, "Extracting", (int64_t)readin, (int64_t)declared);
		}
		rc = zstd ? unzstd(&k, in, (size_t)r) : put(&k, in, (size_t)r);
		if (rc != 0 || r == 0)
			break;
	}
	if (rc == -2)
		rc = fail(cause,
		          "the collection is larger than %llu MiB uncompressed; refused "
		          "as a possible zip bomb",
		          (unsigned long long)(k.cap >> 20));
	zip_fclose(f);
	ZSTD_freeDStream(k.ds);
	free(in);
	free(k.out);
	*size = k.total;
	return rc;
}

/* The collection size cap: ANKI_MAX_COLLECTION, or lower when
 * PREPDECK_ANKI_MAX_MB asks for less (never more). */
static uint64_t
max_collection(void)
{
	const char *e = getenv("PREPDECK_ANKI_MAX_MB");
	if (e && *e) {
		char *end;
		unsigned long long mb = strtoull(e, &end, 10);
		if (*end == '\0' && mb > 0 && (mb << 20) < ANKI_MAX_COLLECTION)
			return mb << 20;
	}
	return ANKI_MAX_COLLECTION;
}

int
anki_pkg_open(const char *file, const void *data, size_t n, struct anki_pkg *pkg,
              anki_progress_fn progress, void *ctx, char **cause)
{
	memset(pkg, 0, sizeof *pkg);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_t *z = NULL;
	if (file != NULL) {
		int err = 0;
		z = zip_open(file, ZIP_RDONLY, &err);
		if (z == NULL) {
			zip_error_init_with_code(&ze, err);
		}
	} else {
		zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
		if (src != NULL) {
			z = zip_open_from_source(src, ZIP_RDONLY, &ze);
			if (z == NULL)
				zip_source_free(src);
		}
	}
	if (z == NULL) {
		int code = zip_error_code_zip(&ze);
		if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS)
			fail(cause, "not an Anki package: the file is not a zip archive");
		else if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ)
			fail(cause, "cannot open %s: %s", file ? file : "package",
			     zip_error_strerror(&ze));
		else
			fail(cause, "not a usable Anki package: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);

	zip_int64_t ne = zip_get_num_entries(z, 0);
	int rc = -1;
	char *tmp = NULL;
	if (ne > ANKI_MAX_ENTRIES) {
		fail(cause,
		     "the package has %lld entries, more than the %d allowed; refused "
		     "as a possible zip bomb",
		     (long long)ne, ANKI_MAX_ENTRIES);
		goto out;
	}
	zip_int64_t idx[4] = { -1, -1, -1, -1 }; /* anki2, anki21, anki21b, meta */
	for (zip_int64_t i = 0; i < ne; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		if (name == NULL) {
			fail(cause, "the package is damaged: %s", zerr(z));
			goto out;
		}
		if (unsafe_name(name)) {
			fail(cause,
			     "the package holds an entry named '%.200s', a path outside "
			     "the package; refused, nothing written",
			     name);
			goto out;
		}
		if (strcmp(name, "collection.anki2") == 0)
			idx[0] = i;
		else if (strcmp(name, "collection.anki21") == 0)
			idx[1] = i;
		else if (strcmp(name, "collection.anki21b") == 0)
			idx[2] = i;
		else if (strcmp(name, "meta") == 0)
			idx[3] = i;
	}
	int version = 0;
	if (idx[3] >= 0) {
		uint8_t *meta = NULL;
		size_t ml = 0;
		if (read_small(z, idx[3], ANKI_MAX_META, &meta, &ml, cause) != 0)
			goto out;
		int bad = anki_proto_meta_version(meta, ml, &version);
		free(meta);
		if (bad) {
			fail(cause, "the package's meta entry is damaged");
			goto out;
		}
		if (version < 1 || version > 3) {
			fail(cause,
			     "unknown package version %d (this prepdeck reads versions 1 "
			     "to 3: Anki 2.1 legacy, 2.1.50 and later)",
			     version);
			goto out;
		}
	}
	int pick;
	if (version == 3 || (version == 0 && idx[2] >= 0))
		pick = 2;
	else if (version == 1)
		pick = 0;
	else
		pick = idx[1] >= 0 ? 1 : 0;
	if (idx[pick] < 0) {
		if (version)
			fail(cause,
			     "the package says it holds a version %d collection, but "
			     "collection.%s is missing",
			     version,
			     pick == 2   ? "anki21b"
			     : pick == 1 ? "anki21"
			                 : "anki2");
		else
			fail(cause, "the zip archive holds no Anki collection (collection.anki2, "
			            "collection.anki21 or collection.anki21b)");
		goto out;
	}
	zip_stat_t zs;
	zip_stat_init(&zs);
	uint64_t declared = 0;
	if (zip_stat_index(z, (zip_uint64_t)idx[pick], 0, &zs) == 0 &&
	    (zs.valid & ZIP_STAT_COMP_SIZE))
		declared = zs.comp_size;
	if (pick != 2 && (zs.valid & ZIP_STAT_SIZE) && zs.size > max_collection()) {
		fail(cause,
		     "the collection is larger than %llu MiB uncompressed; refused as a "
		     "possible zip bomb",
		     (unsigned long long)(max_collection() >> 20));
		goto out;
	}
	tmp = anki_tmpfile(cause);
	if (tmp == NULL)
		goto out;
	int fd = open(tmp, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0) {
		fail(cause, "cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	uint64_t size = 0;
	int er = extract(z, idx[pick], pick == 2, fd, declared, &size, progress, ctx, cause);
	if (close(fd) != 0 && er == 0)
		er = fail(cause, "cannot write %s: %s", tmp, strerror(errno));
	if (er != 0)
		goto out;
	/* A collection saved in WAL mode would need its -wal file to be read;
	 * marking it as a rollback-journal file (header bytes 18 and 19) lets
	 * SQLite open the copy on its own. */
	fd = open(tmp, O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		uint8_t hdr[20];
		if (pread(fd, hdr, 20, 0) == 20 && memcmp(hdr, "SQLite format 3", 16) == 0 &&
		    (hdr[18] == 2 || hdr[19] == 2)) {
			hdr[18] = hdr[19] = 1;
			if (pwrite(fd, hdr + 18, 2, 18) != 2) {
				close(fd);
				fail(cause, "cannot write %s: %s", tmp, strerror(errno));
				goto out;
			}
		}
		close(fd);
	}
	pkg->format = (enum anki_format)(pick + 1);
	pkg->path = tmp;
	pkg->size = size;
	pkg->entries = ne;
	tmp = NULL;
	rc = 0;
out:
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	zip_discard(z);
	return rc;
}

void
anki_pkg_close(struct anki_pkg *pkg)
{
	if (pkg->path) {
		unlink(pkg->path);
		free(pkg->path);
	}
	memset(pkg, 0, sizeof *pkg);
}

int
anki_pkg_write(const char *collection_path, const char *out, char **cause)
{
	char *tmp = xprintf("%s.tmp-%ld", out, (long)getpid());
	int err = 0;
	unlink(tmp);
	zip_t *z = zip_open(tmp, ZIP_CREATE | ZIP_EXCL, &err);
	if (z == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		fail(cause, "cannot write %s: %s", out, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		free(tmp);
		return -1;
	}
	static const char media[] = "{}";
	zip_source_t *cs = zip_source_file(z, collection_path, 0, -1);
	int bad = cs == NULL;
	if (!bad && zip_file_add(z, "collection.anki2", cs, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(cs);
		bad = 1;
	}
	zip_source_t *ms = bad ? NULL : zip_source_buffer(z, media, sizeof media - 1, 0);
	if (!bad && (ms == NULL || zip_file_add(z, "media", ms, ZIP_FL_ENC_UTF_8) < 0)) {
		if (ms)
			zip_source_free(ms);
		bad = 1;
	}
	if (bad) {
		fail(cause, "cannot write %s: %s", out, zerr(z));
		zip_discard(z);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (zip_close(z) != 0) {
		fail(cause, "cannot write %s: %s", out, zerr(z));
		zip_discard(z);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	chmod(tmp, 0600);
	if (rename(tmp, out) != 0) {
		int e = errno;
		unlink(tmp);
		free(tmp);
		return fail(cause, "cannot write %s: %s", out, strerror(e));
	}
	free(tmp);
	return 0;
}
