/* Exporting prepdeck decks as a legacy Anki package (collection.anki2,
 * schema 11), which Anki 2.1 and later, AnkiDroid and AnkiMobile import.
 * One note type per prepdeck card kind; guids derived from card ids; with
 * history, the review log as revlog rows and each card's schedule. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "anki.h"
#include "anki_html.h"
#include "db_anki.h"
#include "util.h"

/* Fixed note type ids, so a newer export updates the same note types. */
#define MODEL_BASIC 1700000000001LL
#define MODEL_REVERSE 1700000000002LL
#define MODEL_CLOZE 1700000000003LL
#define MODEL_TYPEIN 1700000000004LL
#define MODEL_BOTH 1700000000005LL /* both directions of one note from Anki */
#define DCONF_ID 1
/* The collection's day 0; Anki counts review due dates in days from it. */
#define COL_CRT 1136073600LL /* 2006-01-01 00:00 UTC */

char *
anki_guid_for(const char *key)
{
	return xprintf("pd:%s", key);
}

/* ---- SHA-1, for Anki's note checksum (first field) ---------------------- */

static uint32_t
rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void
sha1(const unsigned char *msg, size_t len, unsigned char out[20])
{
	uint32_t h[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0 };
	size_t total = ((len + 8) / 64 + 1) * 64;
	unsigned char *m = xcalloc(total, 1);
	memcpy(m, msg, len);
	m[len] = 0x80;
	uint64_t bits = (uint64_t)len * 8;
	for (int i = 0; i < 8; i++)
		m[total - 1 - i] = (unsigned char)(bits >> (8 * i));
	for (size_t off = 0; off < total; off += 64) {
		uint32_t w[80];
		for (int i = 0; i < 16; i++)
			w[i] = (uint32_t)m[off + 4 * i] << 24 | (uint32_t)m[off + 4 * i + 1] << 16 |
			       (uint32_t)m[off + 4 * i + 2] << 8 | m[off + 4 * i + 3];
		for (int i = 16; i < 80; i++)
			w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
		uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
		for (int i = 0; i < 80; i++) {
			uint32_t f, k;
			if (i < 20) {
				f = (b & c) | (~b & d);
				k = 0x5A827999;
			} else if (i < 40) {
				f = b ^ c ^ d;
				k = 0x6ED9EBA1;
			} else if (i < 60) {
				f = (b & c) | (b & d) | (c & d);
				k = 0x8F1BBCDC;
			} else {
				f = b ^ c ^ d;
				k = 0xCA62C1D6;
			}
			uint32_t t = rol(a, 5) + f + e + k + w[i];
			e = d;
			d = c;
			c = rol(b, 30);
			b = a;
			a = t;
		}
		h[0] += a;
		h[1] += b;
		h[2] += c;
		h[3] += d;
		h[4] += e;
	}
	free(m);
	for (int i = 0; i < 5; i++)
		for (int k = 0; k < 4; k++)
			out[4 * i + k] = (unsigned char)(h[i] >> (24 - 8 * k));
}

/* Anki's field checksum: the first 8 hex digits of the SHA-1 of the
 * field's text, as a number. */
static int64_t
field_csum(const char *plain)
{
	unsigned char d[20];
	sha1((const unsigned char *)plain, strlen(plain), d);
	return (int64_t)((uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 | (uint32_t)d[2] << 8 | d[3]);
}

/* ---- JSON ----------------------------------------------------------------- */

static void
jstr(struct sbuf *b, const char *s)
{
	sbuf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			sbuf_addf(b, "\\%c", c);
		else if (c == '\n')
			sbuf_add(b, "\\n");
		else if (c < 0x20)
			sbuf_addf(b, "\\u%04x", c);
		else
			sbuf_addc(b, (char)c);
	}
	sbuf_addc(b, '"');
}

static const char css[] =
        ".card { font-family: arial; font-size: 20px; text-align: center; "
        "color: black; background-color: white; }\n.cloze { font-weight: bold; color: blue; }\n";

static void
model(struct sbuf *b, int64_t id, const char *name, int cloze, const char *const *fields, int nf,
      const char *const *tmpl, int nt, int64_t now)
{
	sbuf_addf(b, "\"%lld\":{\"id\":%lld,\"name\":", (long long)id, (long long)id);
	jstr(b, name);
	sbuf_addf(b, ",\"type\":%d,\"mod\":%lld,\"usn\":-1,\"sortf\":0,\"did\":1,\"tmpls\":[",
	          cloze, (long long)now);
	/* tmpl: question and answer formats, a pair per card */
	for (int i = 0; i < nt; i++) {
		sbuf_addf(b, "%s{\"name\":\"Card %d\",\"ord\":%d,\"qfmt\":", i ? "," : "", i + 1,
		          i);
		jstr(b, tmpl[2 * i]);
		sbuf_add(b, ",\"afmt\":");
		jstr(b, tmpl[2 * i + 1]);
		sbuf_add(b,
		         ",\"bqfmt\":\"\",\"bafmt\":\"\",\"did\":null,\"bfont\":\"\",\"bsize\":0}");
	}
	sbuf_add(b, "],\"flds\":[");
	for (int i = 0; i < nf; i++) {
		sbuf_addf(b, "%s{\"name\":", i ? "," : "");
		jstr(b, fields[i]);
		sbuf_addf(b,
		          ",\"ord\":%d,\"sticky\":false,\"rtl\":false,\"font\":\"Arial\","
		          "\"size\":20,\"media\":[]}",
		          i);
	}
	sbuf_add(b, "],\"css\":");
	jstr(b, css);
	sbuf_add(b,
	         ",\"latexPre\":\"\\\\documentclass[12pt]{article}\\n\\\\special{papersize=3in,"
	         "5in}\\n\\\\usepackage[utf8]{inputenc}\\n\\\\usepackage{amssymb,amsmath}\\n"
	         "\\\\pagestyle{empty}\\n\\\\setlength{\\\\parindent}{0in}\\n"
	         "\\\\begin{document}\\n\",\"latexPost\":\"\\\\end{document}\",\"latexsvg\":false,"
	         "\"req\":[");
	for (int i = 0; i < nt; i++)
		sbuf_addf(b, "%s[%d,\"any\",[%d]]", i ? "," : "", i, cloze ? 0 : i == 0 ? 0 : 1);
	sbuf_add(b, "],\"tags\":[],\"vers\":[]}");
}

static char *
models_json(int64_t now)
{
	static const char *const qa[] = { "Front", "Back", "Note" };
	static const char *const cl[] = { "Text", "Back Extra" };
#define NOTE_PART "{{#Note}}<br><br><small>{{Note}}</small>{{/Note}}"
	static const char *const basic[] = {
		"{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}" NOTE_PART
	};
	static const char *const both[] = {
		"{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}" NOTE_PART, "{{Back}}",
		"{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}" NOTE_PART
	};
	static const char *const cloze[] = { "{{cloze:Text}}",
		                             "{{cloze:Text}}<br>\n{{Back Extra}}" };
	static const char *const typein[] = {
		"{{Front}}\n\n{{type:Back}}",
		"{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}" NOTE_PART
	};
#undef NOTE_PART
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addc(&b, '{');
	model(&b, MODEL_BASIC, "prepdeck basic", 0, qa, 3, basic, 1, now);
	sbuf_addc(&b, ',');
	model(&b, MODEL_REVERSE, "prepdeck reverse", 0, qa, 3, basic, 1, now);
	sbuf_addc(&b, ',');
	model(&b, MODEL_CLOZE, "prepdeck cloze", 1, cl, 2, cloze, 1, now);
	sbuf_addc(&b, ',');
	model(&b, MODEL_TYPEIN, "prepdeck type-in", 0, qa, 3, typein, 1, now);
	sbuf_addc(&b, ',');
	model(&b, MODEL_BOTH, "prepdeck basic and reversed", 0, qa, 3, both, 2, now);
	sbuf_addc(&b, '}');
	return sbuf_take(&b);
}

static void
deck_json(struct sbuf *b, int64_t id, const char *name, int64_t now)
{
	sbuf_addf(b, "\"%lld\":{\"id\":%lld,\"name\":", (long long)id, (long long)id);
	jstr(b, name);
	sbuf_addf(b,
	          ",\"desc\":\"\",\"dyn\":0,\"conf\":%d,\"collapsed\":false,"
	          "\"browserCollapsed\":false,\"extendNew\":0,\"extendRev\":0,\"newToday\":[0,0],"
	          "\"revToday\":[0,0],\"lrnToday\":[0,0],\"timeToday\":[0,0],\"mod\":%lld,"
	          "\"usn\":-1}",
	          DCONF_ID, (long long)now);
}

static const char dconf_json[] =
        "{\"1\":{\"id\":1,\"name\":\"Default\",\"mod\":0,\"usn\":0,\"maxTaken\":60,"
        "\"autoplay\":true,\"timer\":0,\"replayq\":true,\"dyn\":false,"
        "\"new\":{\"bury\":false,\"delays\":[1.0,10.0],\"initialFactor\":2500,"
        "\"ints\":[1,4,0],\"order\":1,\"perDay\":20},"
        "\"lapse\":{\"delays\":[10.0],\"leechAction\":1,\"leechFails\":8,\"minInt\":1,"
        "\"mult\":0.0},"
        "\"rev\":{\"bury\":false,\"ease4\":1.3,\"ivlFct\":1.0,\"maxIvl\":36500,"
        "\"perDay\":200,\"hardFactor\":1.2}}}";

/* ---- ids -------------------------------------------------------------------- */

/* A 52-bit id from text (JSON readers keep it exact), never 1 (Anki's
 * default deck) and unique within the export. */
struct idset {
	int64_t *v;
	size_t n, cap; /* open addressing, cap a power of two */
};

static int
idset_add(struct idset *s, int64_t id)
{
	if (2 * (s->n + 1) > s->cap) {
		size_t oc = s->cap;
		int64_t *ov = s->v;
		s->cap = oc ? oc * 2 : 1024;
		s->v = xcalloc(s->cap, sizeof *s->v);
		s->n = 0;
		for (size_t i = 0; i < oc; i++)
			if (ov[i])
				idset_add(s, ov[i]);
		free(ov);
	}
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & (s->cap - 1);
	while (s->v[i]) {
		if (s->v[i] == id)
			return 0;
		i = (i + 1) & (s->cap - 1);
	}
	s->v[i] = id;
	s->n++;
	return 1;
}

static uint64_t
fnv(uint64_t h, const char *text)
{
	for (const char *p = text; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return h;
}

/* A non-zero 63-bit hash of text, for an idset of strings. */
static int64_t
text_hash(const char *text)
{
	return (int64_t)(fnv(1469598103934665603ull, text) >> 1) | 1;
}

static int64_t
text_id(struct idset *s, const char *salt, const char *text)
{
	uint64_t h = fnv(fnv(1469598103934665603ull, salt), text);
	int64_t id = (int64_t)(h & ((1ull << 52) - 1));
	if (id < 1000000)
		id += 1000000;
	while (!idset_add(s, id))
		id = id + 1 < (1LL << 52) ? id + 1 : 1000000;
	return id;
}

/* ---- export ------------------------------------------------------------------ */

struct exp {
	struct db *db;
	struct anki_out *out;
	struct idset ids;
	int with_history;
	int64_t now;
	int64_t pos;
	struct anki_export_counts *n;
	struct idset revids;
	struct idset guids; /* hashes of the Anki guids written */
};

/* Anki's interval in a revlog row: days when positive, seconds when
 * negative (learning steps). */
static int64_t
anki_ivl(int state, int64_t due, int64_t at)
{
	int64_t secs = due - at;
	if (secs < 0)
		secs = 0;
	if (state == 2)
		return secs / DAY_SECONDS > 0 ? secs / DAY_SECONDS : 1;
	if (state == 1 || state == 3)
		return -(secs > 0 ? secs : 60);
	return 0;
}

static void
export_card(struct exp *e, const char *key, int64_t nid, int64_t did, int ord)
{
	int64_t cid = text_id(&e->ids, "card:", key);
	int64_t v[13] = { cid, nid, did, ord, e->now, 0, 0, ++e->pos, 0, 0, 0, 0, 0 };
	char *data = xstrdup("");
	if (e->with_history) {
		struct db_stmt *st = db_prepare(e->db,
		                                "SELECT state, due, stability, difficulty, "
		                                "reps, lapses, scheduled_days, suspended FROM "
		                                "card_state WHERE key = ?",
		                                "t", key);
		if (db_step(st)) {
			int state = (int)db_col_int(st, 0);
			int64_t due = db_col_int(st, 1);
			int susp = (int)db_col_int(st, 7);
			if (state >= 1 && state <= 3) {
				v[5] = state;                               /* type */
				v[6] = state == 2 ? 2 : state == 3 ? 1 : 1; /* queue */
				if (state == 2) {
					v[7] = (due - COL_CRT) / DAY_SECONDS;
					int64_t sd = db_col_int(st, 6);
					v[8] = sd > 0 ? sd : 1;
					v[9] = 2500;
				} else {
					v[7] = due;
					v[8] = state == 3
					               ? (db_col_int(st, 6) > 0 ? db_col_int(st, 6)
					                                        : 1)
					               : 0;
					v[9] = state == 3 ? 2500 : 0;
					v[12] = 1; /* one step left */
				}
				v[10] = db_col_int(st, 4);
				v[11] = db_col_int(st, 5);
				double s = db_col_double(st, 2), d = db_col_double(st, 3);
				free(data);
				if (isfinite(s) && isfinite(d) && s > 0)
					data = xprintf("{\"s\":%.4f,\"d\":%.4f}", s, d);
				else
					data = xstrdup("");
			}
			if (susp)
				v[6] = -1;
		}
		db_finalize(st);
		st = db_prepare(e->db,
		                "SELECT reviewed_at, rating, mode, duration_ms, state, due, "
		                "prev_state, prev_due, prev_last_review FROM review_log "
		                "WHERE card_key = ? AND mode IN ('review', 'filtered', 'cram') "
		                "ORDER BY reviewed_at, id",
		                "t", key);
		while (db_step(st)) {
			int64_t at = db_col_int(st, 0);
			const char *mode = db_col_text(st, 2);
			int pstate = (int)db_col_int(st, 6);
			int64_t id = at * 1000;
			while (!idset_add(&e->revids, id))
				id++;
			int64_t dur = db_col_int(st, 3);
			int64_t r[8] = {
				id,
				cid,
				db_col_int(st, 1),
				anki_ivl((int)db_col_int(st, 4), db_col_int(st, 5), at),
				anki_ivl(pstate, db_col_int(st, 7), db_col_int(st, 8)),
				db_col_int(st, 4) == 2 ? 2500 : 0,
				dur < 0         ? 0
				: dur > 3600000 ? 3600000
				                : dur,
				strcmp(mode, "review") != 0 ? 3
				: pstate == 2               ? 1
				: pstate == 3               ? 2
				                            : 0,
			};
			anki_out_revlog(e->out, r);
			e->n->reviews++;
		}
		db_finalize(st);
	}
	anki_out_card(e->out, v, data);
	free(data);
	e->n->cards++;
}

/* One note: guid as given, id from seed, the cards keys[i] with ords[i]. */
static void
export_note(struct exp *e, const char *guid, const char *seed, int64_t mid, const char *tags,
            const char *const *fields, int nf, int64_t did, const char *const *keys,
            const int *ords, int ncards)
{
	int64_t nid = text_id(&e->ids, "note:", seed);
	struct sbuf f;
	sbuf_init(&f);
	char *sfld = NULL;
	for (int i = 0; i < nf; i++) {
		char *h = anki_html_from_markup(fields[i]);
		if (i)
			sbuf_addc(&f, '\x1f');
		sbuf_add(&f, h);
		free(h);
		if (i == 0)
			sfld = anki_markup_plain(fields[0]);
	}
	anki_out_note(e->out, nid, guid, mid, e->now, tags, f.s, sfld, field_csum(sfld));
	e->n->notes++;
	for (int i = 0; i < ncards; i++)
		export_card(e, keys[i], nid, did, ords[i]);
	free(sfld);
	sbuf_free(&f);
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The guid a note imported from Anki had there: its note id is "anki-"
 * and the guid in hex, or "anki-h" and a hash, the guid then kept in
 * anki_note. NULL when there is none. */
static char *
origin_guid(struct db *db, const char *note_id)
{
	if (strncmp(note_id, "anki-", 5) != 0)
		return NULL;
	const char *h = note_id + 5;
	if (*h == 'h')
		return db_text(db, "SELECT guid FROM anki_note WHERE note_id = ?", "t", note_id);
	size_t n = strlen(h);
	if (n == 0 || n % 2)
		return NULL;
	char *g = xmalloc(n / 2 + 1);
	for (size_t i = 0; i < n / 2; i++) {
		int a = hexval(h[2 * i]), b = hexval(h[2 * i + 1]);
		if (a < 0 || b < 0 || (a | b) == 0) {
			free(g);
			return NULL;
		}
		g[i] = (char)(a << 4 | b);
	}
	g[n / 2] = '\0';
	return g;
}

/* The cards of one note as the deck lists them (cloze c1-c9 at most). */
#define GROUP_MAX 16
struct xcard {
	char *key, *kind, *text[3], *tags; /* text: front, back, note */
	int cloze;
};

/* Writes a group of cards sharing a note id: a cloze note (all its
 * cards), a note imported from Anki (under its own guid: both directions
 * of a basic note as one note of two cards), or one card of prepdeck's
 * own (its guid from its key). */
static void
export_group(struct exp *e, struct xcard *c, int n, const char *note_id, const char *guid,
             int64_t did)
{
	const char *keys[GROUP_MAX];
	int ords[GROUP_MAX], nk = 0;
	if (strcmp(c[0].kind, "cloze") == 0) {
		for (int i = 0; i < n; i++)
			if (c[i].cloze >= 1) {
				keys[nk] = c[i].key;
				ords[nk++] = c[i].cloze - 1;
			}
		const char *fl[2] = { c[0].text[0], c[0].text[2] };
		char *g = guid ? xstrdup(guid) : anki_guid_for(note_id);
		export_note(e, g, note_id, MODEL_CLOZE, c[0].tags, fl, 2, did, keys, ords, nk);
		free(g);
		return;
	}
	/* Of a note from Anki: the asking card (basic or type-in) and the
	 * reverse one, which go together when the first is basic. */
	int fw = -1, rv = -1, done[GROUP_MAX] = { 0 };
	for (int i = 0; guid && i < n; i++) {
		if (strcmp(c[i].kind, "reverse") == 0)
			rv = rv < 0 ? i : rv;
		else
			fw = fw < 0 ? i : fw;
	}
	if (fw >= 0 && rv >= 0 && strcmp(c[fw].kind, "basic") == 0) {
		keys[0] = c[fw].key;
		keys[1] = c[rv].key;
		ords[0] = 0;
		ords[1] = 1;
		export_note(e, guid, note_id, MODEL_BOTH, c[fw].tags,
		            (const char *const *)c[fw].text, 3, did, keys, ords, 2);
		done[fw] = done[rv] = 1;
	}
	for (int i = 0; i < n; i++) {
		if (done[i])
			continue;
		int64_t mid = strcmp(c[i].kind, "reverse") == 0  ? MODEL_REVERSE
		              : strcmp(c[i].kind, "typein") == 0 ? MODEL_TYPEIN
		                                                 : MODEL_BASIC;
		/* The note's own guid goes to its asking card: a reverse card
		 * alone gets one from its key, as a note of another kind
		 * under that guid would come back as a basic card. */
		char *g = guid && i == fw ? xstrdup(guid) : anki_guid_for(c[i].key);
		keys[0] = c[i].key;
		ords[0] = 0;
		export_note(e, g, c[i].key, mid, c[i].tags, (const char *const *)c[i].text, 3, did,
		            keys, ords, 1);
		free(g);
	}
}

static void
free_group(struct xcard *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].key);
		free(c[i].kind);
		for (int k = 0; k < 3; k++)
			free(c[i].text[k]);
		free(c[i].tags);
	}
}

static void
export_deck(struct exp *e, const char *deck, int64_t did)
{
	struct db_stmt *st = db_prepare(e->db,
	                                "SELECT key, note_id, kind, front, back, note, "
	                                "tags, cloze, src LIKE '@anki/%' FROM card "
	                                "WHERE deck_id = ? AND retired = 0 "
	                                "ORDER BY ord, note_id, key",
	                                "t", deck);
	/* Cards of one note (a cloze item, or a note from Anki) are collected
	 * while they follow each other, then written together. */
	struct xcard c[GROUP_MAX];
	int n = 0;
	char *note = NULL, *guid = NULL;
	for (;;) {
		int more = db_step(st);
		int join = more && n > 0 && n < GROUP_MAX &&
		           strcmp(db_col_text(st, 1), note) == 0 &&
		           (guid || (strcmp(c[0].kind, "cloze") == 0 &&
		                     strcmp(db_col_text(st, 2), "cloze") == 0));
		if (n > 0 && !join) {
			export_group(e, c, n, note, guid, did);
			free_group(c, n);
			n = 0;
			free(note);
			free(guid);
			note = guid = NULL;
		}
		if (!more)
			break;
		if (n == 0) {
			note = xstrdup(db_col_text(st, 1));
			guid = db_col_int(st, 8) ? origin_guid(e->db, note) : NULL;
			/* Cards of one note apart in the deck: the second group
			 * gets guids from its keys. */
			if (guid && !idset_add(&e->guids, text_hash(guid))) {
				free(guid);
				guid = NULL;
			}
		}
		c[n].key = xstrdup(db_col_text(st, 0));
		c[n].kind = xstrdup(db_col_text(st, 2));
		for (int k = 0; k < 3; k++)
			c[n].text[k] = xstrdup(db_col_text(st, 3 + k));
		c[n].tags = xstrdup(db_col_text(st, 6));
		c[n].cloze = (int)db_col_int(st, 7);
		n++;
	}
	db_finalize(st);
}

/* A deck an Anki import made ("anki-<id>") goes back under its Anki id
 * (1 is Anki's Default deck, written anyway), so importing the export
 * finds it again; others get one from their id. */
static int64_t
deck_id(struct exp *e, const char *deck)
{
	char *end = NULL;
	long long id = 0;
	if (strncmp(deck, "anki-", 5) == 0 && deck[5] >= '1' && deck[5] <= '9')
		id = strtoll(deck + 5, &end, 10);
	if (end && *end == '\0' && id < (1LL << 52) &&
	    db_int(e->db, 0, "SELECT count(*) FROM doc WHERE id = ? AND src LIKE '@anki/%'", "t",
	           deck) > 0 &&
	    (id == 1 || idset_add(&e->ids, id)))
		return id;
	return text_id(&e->ids, "deck:", deck);
}

int
anki_export(struct db *db, char *const *decks, size_t ndecks, const char *out, int with_history,
            int64_t now, struct anki_export_counts *n, char **cause)
{
	memset(n, 0, sizeof *n);
	if (ndecks == 0)
		return fail(cause, "name at least one deck to export");
	for (size_t i = 0; i < ndecks; i++)
		if (db_int(db, 0,
		           "SELECT count(*) FROM doc WHERE id = ? AND kind IN ('deck', "
		           "'numbers') AND retired = 0",
		           "t", decks[i]) == 0)
			return fail(cause, "no deck '%s' (see prepdeck due for the deck ids)",
			            decks[i]);
	char *tmp = anki_tmpfile(cause);
	if (tmp == NULL)
		return -1;
	struct exp e;
	memset(&e, 0, sizeof e);
	e.db = db;
	e.with_history = with_history;
	e.now = now;
	e.n = n;
	e.out = anki_out_create(tmp, cause);
	if (e.out == NULL) {
		unlink(tmp);
		free(tmp);
		return -1;
	}
	struct sbuf dj;
	sbuf_init(&dj);
	sbuf_addc(&dj, '{');
	deck_json(&dj, 1, "Default", now);
	idset_add(&e.ids, 1);
	for (size_t i = 0; i < ndecks; i++) {
		int dup = 0;
		for (size_t k = 0; k < i; k++)
			dup |= strcmp(decks[k], decks[i]) == 0;
		if (dup)
			continue;
		char *title = db_text(db, "SELECT title FROM doc WHERE id = ?", "t", decks[i]);
		int64_t did = deck_id(&e, decks[i]);
		if (did != 1) {
			sbuf_addc(&dj, ',');
			deck_json(&dj, did, title && *title ? title : decks[i], now);
		}
		free(title);
		export_deck(&e, decks[i], did);
		n->decks++;
	}
	sbuf_addc(&dj, '}');
	char *models = models_json(now);
	char *conf = xprintf("{\"nextPos\":%lld,\"estTimes\":true,\"activeDecks\":[1],"
	                     "\"sortType\":\"noteFld\",\"timeLim\":0,\"sortBackwards\":false,"
	                     "\"addToCur\":true,\"curDeck\":1,\"newSpread\":0,\"dueCounts\":true,"
	                     "\"curModel\":\"%lld\",\"collapseTime\":1200}",
	                     (long long)e.pos + 1, MODEL_BASIC);
	anki_out_col(e.out, COL_CRT, now * 1000, conf, models, dj.s, dconf_json);
	free(conf);
	free(models);
	sbuf_free(&dj);
	free(e.ids.v);
	free(e.revids.v);
	free(e.guids.v);
	int rc = anki_out_finish(e.out, cause);
	if (rc == 0)
		rc = anki_pkg_write(tmp, out, cause);
	unlink(tmp);
	free(tmp);
	return rc;
}
