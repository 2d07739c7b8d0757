#include "config.h"

#include <string.h>

#include "anki_proto.h"
#include "util.h"

void
pb_init(struct pb_reader *r, const void *data, size_t n)
{
	r->p = data;
	r->end = r->p + (data ? n : 0);
}

static int
varint(struct pb_reader *r, uint64_t *v)
{
	uint64_t x = 0;
	for (int shift = 0; shift < 70; shift += 7) {
		if (r->p >= r->end)
			return -1;
		uint8_t b = *r->p++;
		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = x;
			return 0;
		}
	}
	return -1;
}

int
pb_next(struct pb_reader *r, struct pb_field *f)
{
	if (r->p >= r->end)
		return 0;
	uint64_t key;
	if (varint(r, &key) != 0 || (key >> 3) == 0 || (key >> 3) > 0x1fffffff)
		return -1;
	memset(f, 0, sizeof *f);
	f->num = (uint32_t)(key >> 3);
	f->wire = (int)(key & 7);
	switch (f->wire) {
	case 0:
		return varint(r, &f->v) == 0 ? 1 : -1;
	case 1:
	case 5: {
		size_t w = f->wire == 1 ? 8 : 4;
		if ((size_t)(r->end - r->p) < w)
			return -1;
		for (size_t i = 0; i < w; i++)
			f->v |= (uint64_t)r->p[i] << (8 * i);
		r->p += w;
		return 1;
	}
	case 2: {
		uint64_t len;
		if (varint(r, &len) != 0 || len > (uint64_t)(r->end - r->p))
			return -1;
		f->data = r->p;
		f->len = (size_t)len;
		r->p += len;
		return 1;
	}
	default:
		return -1;
	}
}

/* The varint of field num (the last one wins, as protobuf says). */
static int
find_varint(const void *data, size_t n, uint32_t num, uint64_t *v)
{
	struct pb_reader r;
	struct pb_field f;
	int rc;
	pb_init(&r, data, n);
	*v = 0;
	while ((rc = pb_next(&r, &f)) > 0)
		if (f.num == num && f.wire == 0)
			*v = f.v;
	return rc;
}

int
anki_proto_meta_version(const void *data, size_t n, int *version)
{
	uint64_t v;
	if (find_varint(data, n, 1, &v) != 0)
		return -1;
	*version = v > 1000 ? 1000 : (int)v;
	return 0;
}

int
anki_proto_notetype_kind(const void *data, size_t n, int *kind)
{
	uint64_t v;
	if (find_varint(data, n, 1, &v) != 0)
		return -1;
	*kind = v > 1000 ? 1000 : (int)v;
	return 0;
}

int
anki_proto_template(const void *data, size_t n, char **qfmt, char **afmt)
{
	struct pb_reader r;
	struct pb_field f;
	const uint8_t *q = NULL, *a = NULL;
	size_t ql = 0, al = 0;
	int rc;
	pb_init(&r, data, n);
	while ((rc = pb_next(&r, &f)) > 0) {
		if (f.num == 1 && f.wire == 2) {
			q = f.data;
			ql = f.len;
		} else if (f.num == 2 && f.wire == 2) {
			a = f.data;
			al = f.len;
		}
	}
	if (rc != 0)
		return -1;
	*qfmt = q ? xstrndup((const char *)q, ql) : xstrdup("");
	*afmt = a ? xstrndup((const char *)a, al) : xstrdup("");
	return 0;
}
