/* A minimal protocol-buffers reader for the few fields prepdeck needs from
 * Anki's newest package format (doc/anki.md lists them): the package's
 * `meta` entry, a note type's kind and a card template's question and
 * answer formats. Wire format only; unknown fields are skipped. */
#ifndef PREPDECK_ANKI_PROTO_H
#define PREPDECK_ANKI_PROTO_H

#include <stddef.h>
#include <stdint.h>

struct pb_reader {
	const uint8_t *p, *end;
};

struct pb_field {
	uint32_t num;        /* field number */
	int wire;            /* 0 varint, 1 64-bit, 2 bytes, 5 32-bit */
	uint64_t v;          /* varint or fixed value */
	const uint8_t *data; /* bytes (wire 2) */
	size_t len;
};

void pb_init(struct pb_reader *r, const void *data, size_t n);
/* Reads the next field: 1 with *f set, 0 at the end, -1 when the data is
 * malformed (truncated, bad wire type, varint over 10 bytes). */
int pb_next(struct pb_reader *r, struct pb_field *f);

/* PackageMetadata.version (field 1) of a `meta` entry: 1 legacy anki2,
 * 2 legacy anki21, 3 latest anki21b. Returns 0 with *version set (0 when
 * the field is absent), -1 for malformed data. */
int anki_proto_meta_version(const void *data, size_t n, int *version);

/* Notetype.Config.kind (field 1): 0 normal, 1 cloze. Returns 0 or -1. */
int anki_proto_notetype_kind(const void *data, size_t n, int *kind);

/* Notetype.Template.Config q_format (field 1) and a_format (field 2) as
 * new strings (the caller frees them; "" when absent). Returns 0 or -1
 * (then nothing is allocated). */
int anki_proto_template(const void *data, size_t n, char **qfmt, char **afmt);

#endif
