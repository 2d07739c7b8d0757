/* Test helper for Anki packages in the newest format: writes the
 * protobuf blobs a schema-18 collection keeps its note types and
 * templates in (as hex, for the sqlite3 shell), the package's `meta`
 * entry, and zstd-compresses a collection. Run without arguments it
 * checks its writer against prepdeck's reader.
 *
 *   anki_mkpkg notetype KIND          hex of a Notetype.Config
 *   anki_mkpkg template QFMT AFMT     hex of a Template.Config
 *   anki_mkpkg meta VERSION OUT       a PackageMetadata file
 *   anki_mkpkg zstd IN OUT            IN compressed with zstd
 *   anki_mkpkg zeros MB OUT           MB MiB of zeros, zstd-compressed */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "anki_proto.h"
#include "check.h"
#include "util.h"

/* ---- a protobuf writer (wire format, the few types needed) ------------- */

static void
pw_varint(struct sbuf *b, uint64_t v)
{
	while (v >= 0x80) {
		sbuf_addc(b, (char)(v | 0x80));
		v >>= 7;
	}
	sbuf_addc(b, (char)v);
}

static void
pw_uint(struct sbuf *b, uint32_t field, uint64_t v)
{
	pw_varint(b, (uint64_t)field << 3);
	pw_varint(b, v);
}

static void
pw_bytes(struct sbuf *b, uint32_t field, const char *s, size_t n)
{
	pw_varint(b, (uint64_t)field << 3 | 2);
	pw_varint(b, n);
	sbuf_addn(b, s, n);
}

/* A Notetype.Config as Anki writes it: kind, sort field, css, latex
 * and an unknown trailing field, so the reader has to skip things. */
static void
notetype(struct sbuf *b, int kind)
{
	if (kind)
		pw_uint(b, 1, (uint64_t)kind);
	pw_uint(b, 2, 0);
	pw_bytes(b, 3, ".card { color: black; }", 23);
	pw_bytes(b, 5, "\\documentclass{article}", 23);
	pw_uint(b, 9, kind ? 5 : 1);
	pw_bytes(b, 255, "\x01\x02", 2);
}

static void
template(struct sbuf *b, const char *q, const char *a)
{
	pw_bytes(b, 1, q, strlen(q));
	pw_bytes(b, 2, a, strlen(a));
	pw_bytes(b, 3, "", 0);
	pw_uint(b, 5, 0);
	pw_bytes(b, 6, "Arial", 5);
	pw_uint(b, 7, 12);
}

static void
hex(const struct sbuf *b)
{
	for (size_t i = 0; i < b->len; i++)
		printf("%02x", (unsigned char)b->s[i]);
	putchar('\n');
}

static int
write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		return 1;
	}
	return 0;
}

static int
selftest(void)
{
	struct sbuf b;
	sbuf_init(&b);
	notetype(&b, 1);
	int kind = -1;
	CHECK(anki_proto_notetype_kind(b.s, b.len, &kind) == 0);
	CHECK_INT(kind, 1);
	sbuf_free(&b);
	sbuf_init(&b);
	template(&b, "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}");
	char *q = NULL, *a = NULL;
	CHECK(anki_proto_template(b.s, b.len, &q, &a) == 0);
	CHECK_STR(q, "{{Front}}");
	CHECK_STR(a, "{{FrontSide}}<hr id=answer>{{Back}}");
	free(q);
	free(a);
	/* Truncated data is refused, not read past its end. */
	CHECK(anki_proto_template(b.s, b.len - 3, &q, &a) == -1);
	sbuf_free(&b);
	sbuf_init(&b);
	pw_uint(&b, 1, 3);
	int v = 0;
	CHECK(anki_proto_meta_version(b.s, b.len, &v) == 0);
	CHECK_INT(v, 3);
	sbuf_free(&b);
	return check_done();
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return selftest();
	struct sbuf b;
	sbuf_init(&b);
	if (strcmp(argv[1], "notetype") == 0 && argc == 3) {
		notetype(&b, atoi(argv[2]));
		hex(&b);
	} else if (strcmp(argv[1], "template") == 0 && argc == 4) {
		template(&b, argv[2], argv[3]);
		hex(&b);
	} else if (strcmp(argv[1], "meta") == 0 && argc == 4) {
		pw_uint(&b, 1, (uint64_t)atoi(argv[2]));
		return write_file(argv[3], b.s, b.len);
	} else if (strcmp(argv[1], "zstd") == 0 && argc == 4) {
		size_t n;
		char *cause = NULL;
		char *in = read_file(argv[2], (size_t)1 << 30, &n, &cause);
		if (in == NULL) {
			fprintf(stderr, "%s\n", cause);
			return 1;
		}
		size_t cap = ZSTD_compressBound(n);
		char *out = xmalloc(cap);
		size_t z = ZSTD_compress(out, cap, in, n, 3);
		if (ZSTD_isError(z))
			return 1;
		int rc = write_file(argv[3], out, z);
		free(in);
		free(out);
		return rc;
	} else if (strcmp(argv[1], "zeros") == 0 && argc == 4) {
		/* A stream that grows to MB MiB of zeros: a bomb in a few bytes. */
		size_t mb = (size_t)atoi(argv[2]);
		ZSTD_CCtx *cc = ZSTD_createCCtx();
		char *zero = xcalloc(1, 1 << 20);
		size_t cap = ZSTD_CStreamOutSize();
		char *out = xmalloc(cap);
		FILE *f = fopen(argv[3], "wb");
		if (f == NULL)
			return 1;
		for (size_t i = 0; i <= mb; i++) {
			ZSTD_inBuffer ib = { zero, i < mb ? (size_t)1 << 20 : 0, 0 };
			ZSTD_EndDirective end = i < mb ? ZSTD_e_continue : ZSTD_e_end;
			size_t left;
			do {
				ZSTD_outBuffer ob = { out, cap, 0 };
				left = ZSTD_compressStream2(cc, &ob, &ib, end);
				fwrite(out, 1, ob.pos, f);
			} while (end == ZSTD_e_end ? left != 0 : ib.pos < ib.size);
		}
		fclose(f);
		ZSTD_freeCCtx(cc);
		free(zero);
		free(out);
	} else {
		fprintf(stderr, "usage: anki_mkpkg notetype KIND | template Q A | meta V OUT | "
		        "zstd IN OUT | zeros MB OUT\n");
		return 2;
	}
	sbuf_free(&b);
	return 0;
}
