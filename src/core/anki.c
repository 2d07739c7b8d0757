/* Importing Anki packages: note types mapped onto prepdeck's card kinds,
 * fields cleaned of HTML, decks and tags kept, and the review history
 * replayed through the FSRS scheduler. The package reader is anki_pkg.c,
 * the collection is read through the store (db_anki.c). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "anki.h"
#include "anki_html.h"
#include "anki_proto.h"
#include "cards.h"
#include "db_anki.h"
#include "db_search.h"
#include "deadline.h"
#include "fsrs.h"
#include "review.h"
#include "settings.h"
#include "util.h"

#define EARLIEST_MS 1104537600000LL /* 2005-01-01: before Anki existed */
#define MAX_FIELDS 64
#define MAX_TEMPLATES 64

enum tmap { MAP_NONE, MAP_BASIC, MAP_REVERSE, MAP_TYPEIN };

struct ntype {
	int64_t id;
	char *name;
	int cloze; /* kind 1 */
	int nfields;
	char *fields[MAX_FIELDS];
	int ntmpl;
	struct {
		int ord;
		char *q, *a;
		enum tmap map;
		int qf, af; /* field indexes asked and answered */
	} t[MAX_TEMPLATES];
	int other;    /* not one of the four known shapes */
	int overflow; /* more fields or templates than kept */
};

struct deckname {
	int64_t id;
	char *name;
};

struct cardref {
	int64_t cid;
	char *key;   /* NULL: the card was skipped */
	int suspend; /* newly added and suspended in Anki */
	int sched;   /* scheduled (not new) in Anki */
	int old;     /* the card was there before this import */
	int merge;   /* its history joins a review log it has */
};

struct rev {
	int64_t id, t, dur;
	enum fsrs_rating rating;
	const char *mode;
	int replay;
};

#define LOG_BATCH 32   /* review-log rows written by one INSERT */
#define LOG_COLS 18    /* parameters of one row */
#define STATE_BATCH 32 /* card states written by one INSERT */
#define STATE_COLS 10
#define BULK_MIN 10000 /* rows from which a table's indexes are rebuilt */

struct logrow {
	const char *key;
	struct rev r;
	struct fsrs_card c, prev;
};

struct imp {
	struct db *db;
	int overrides; /* the learner has edited some card's text */
	const struct anki_import_opts *o;
	struct anki_summary *s;
	char **cause;
	struct anki_src *src;
	char *srclabel;
	struct ntype *nt;
	size_t nnt;
	struct deckname *decks;
	size_t ndecks;
	char **seen_decks; /* prepdeck deck ids written */
	size_t nseen;
	struct cardref *refs;
	size_t nrefs, caprefs;
	/* the note being read */
	int64_t nid;
	char *fields[MAX_FIELDS];
	int nf;
	char *note_id;
	char *long_guid; /* its guid, when too long for the id */
	int pd_match;    /* its guid names a prepdeck card */
	char *pd_key;
	int64_t ord;
	struct settings set;
	struct fsrs_params p;
	int targets; /* an interview date is set */
	/* revlog of one card */
	struct rev *rows;
	size_t nrows, caprows;
	int64_t cur_cid;
	int64_t revdone, revtotal;
	/* review-log rows and card states waiting to be written */
	struct logrow batch[LOG_BATCH];
	size_t nbatch;
	struct {
		const char *key;
		struct fsrs_card c;
	} states[STATE_BATCH];
	size_t nstates;
	/* cards whose history is merged after the bulk: their rows */
	struct {
		struct cardref *ref;
		size_t start, n;
	} * merges;
	size_t nmerge, capmerge;
	struct rev *mrows;
	size_t nmrows, capmrows;
	/* statements of the bulk path, prepared once */
	struct db_stmt *st_card_has, *st_card_put, *st_log_has, *st_log_put, *st_log_many,
	        *st_state, *st_state_many;
};

/* ---- note types -------------------------------------------------------- */

static struct ntype *
find_nt(struct imp *im, int64_t id)
{
	for (size_t i = 0; i < im->nnt; i++)
		if (im->nt[i].id == id)
			return &im->nt[i];
	return NULL;
}

static int
on_notetype(void *ctx, const struct anki_row *r)
{
	struct imp *im = ctx;
	int kind = (int)r->i[1];
	if (kind < 0) {
		if (anki_proto_notetype_kind(r->blob, r->nblob, &kind) != 0)
			return fail(im->cause, "note type '%s' has a damaged configuration",
			            r->s[0]);
	}
	im->nt = xrealloc(im->nt, (im->nnt + 1) * sizeof *im->nt);
	struct ntype *t = &im->nt[im->nnt++];
	memset(t, 0, sizeof *t);
	t->id = r->i[0];
	t->name = xstrdup(r->s[0]);
	t->cloze = kind == 1;
	return 0;
}

static int
on_field(void *ctx, const struct anki_row *r)
{
	struct imp *im = ctx;
	struct ntype *t = find_nt(im, r->i[0]);
	if (t == NULL)
		return 0;
	int ord = (int)r->i[1];
	if (ord < 0 || ord >= MAX_FIELDS) {
		t->overflow = 1;
		return 0;
	}
	if (ord + 1 > t->nfields)
		t->nfields = ord + 1;
	free(t->fields[ord]);
	t->fields[ord] = xstrdup(r->s[0]);
	return 0;
}

static int
on_template(void *ctx, const struct anki_row *r)
{
	struct imp *im = ctx;
	struct ntype *t = find_nt(im, r->i[0]);
	if (t == NULL)
		return 0;
	if (t->ntmpl >= MAX_TEMPLATES) {
		t->overflow = 1;
		return 0;
	}
	char *q, *a;
	if (r->s[1] == NULL) {
		if (anki_proto_template(r->blob, r->nblob, &q, &a) != 0)
			return fail(im->cause, "a card template of note type '%s' is damaged",
			            t->name);
	} else {
		q = xstrdup(r->s[1]);
		a = xstrdup(r->s[2]);
	}
	t->t[t->ntmpl].ord = (int)r->i[1];
	t->t[t->ntmpl].q = q;
	t->t[t->ntmpl].a = a;
	t->ntmpl++;
	return 0;
}

static int
field_index(const struct ntype *t, const char *name, size_t n)
{
	for (int i = 0; i < t->nfields; i++)
		if (t->fields[i] && strlen(t->fields[i]) == n &&
		    strncmp(t->fields[i], name, n) == 0)
			return i;
	return -1;
}

/* The fields a template shows, in order: refs[] gets their indexes (no
 * repeats), *typed the field of a {{type:...}} box (or -1). */
static int
template_refs(const struct ntype *t, const char *fmt, int refs[], int max, int *typed)
{
	int n = 0;
	*typed = -1;
	for (const char *p = strstr(fmt, "{{"); p; p = strstr(p, "{{")) {
		const char *e = strstr(p + 2, "}}");
		if (e == NULL)
			break;
		const char *s = p + 2;
		while (s < e && isspace((unsigned char)*s))
			s++;
		const char *end = e;
		while (end > s && isspace((unsigned char)end[-1]))
			end--;
		p = e + 2;
		if (s == end || *s == '#' || *s == '^' || *s == '/' || *s == '!')
			continue;
		int is_type = end - s > 5 && strncmp(s, "type:", 5) == 0;
		/* The field is after the last filter ("text:Front", "type:Back"). */
		const char *name = s;
		for (const char *c = s; c < end; c++)
			if (*c == ':')
				name = c + 1;
		int fi = field_index(t, name, (size_t)(end - name));
		if (fi < 0)
			continue;
		if (is_type) {
			*typed = fi;
			continue;
		}
		int dup = 0;
		for (int k = 0; k < n; k++)
			dup |= refs[k] == fi;
		if (!dup && n < max)
			refs[n++] = fi;
	}
	return n;
}

/* Decides how each template maps onto a prepdeck card kind. */
static void
classify(struct ntype *t)
{
	if (t->cloze || t->overflow || t->nfields < 1) {
		t->other = !t->cloze || t->overflow;
		return;
	}
	int used[4] = { 0 };
	for (int i = 0; i < t->ntmpl; i++) {
		int q[8], a[8], tq, ta;
		int nq = template_refs(t, t->t[i].q, q, 8, &tq);
		int na = template_refs(t, t->t[i].a, a, 8, &ta);
		int af = -1;
		for (int k = 0; k < na && af < 0; k++) {
			int inq = 0;
			for (int j = 0; j < nq; j++)
				inq |= a[k] == q[j];
			if (!inq)
				af = a[k];
		}
		enum tmap m = MAP_NONE;
		if (tq >= 0 && nq >= 1 && q[0] != tq) {
			m = MAP_TYPEIN;
			af = tq;
		} else if (tq < 0 && nq >= 1 && af >= 0 && q[0] == 0 && af == 1) {
			m = MAP_BASIC;
		} else if (tq < 0 && nq >= 1 && af >= 0 && q[0] == 1 && af == 0) {
			m = MAP_REVERSE;
		}
		/* Basic and type-in cards share the note's key: one of them only. */
		int slot = m == MAP_REVERSE ? 1 : 0;
		if (m == MAP_NONE || used[slot]++) {
			t->other = 1;
			return;
		}
		t->t[i].map = m;
		t->t[i].qf = nq >= 1 ? q[0] : 0;
		t->t[i].af = af;
	}
	t->other = t->ntmpl == 0;
}

static void
free_nts(struct imp *im)
{
	for (size_t i = 0; i < im->nnt; i++) {
		free(im->nt[i].name);
		for (int k = 0; k < MAX_FIELDS; k++)
			free(im->nt[i].fields[k]);
		for (int k = 0; k < im->nt[i].ntmpl; k++) {
			free(im->nt[i].t[k].q);
			free(im->nt[i].t[k].a);
		}
	}
	free(im->nt);
}

/* ---- decks --------------------------------------------------------------- */

static int
on_deck(void *ctx, const struct anki_row *r)
{
	struct imp *im = ctx;
	im->decks = xrealloc(im->decks, (im->ndecks + 1) * sizeof *im->decks);
	im->decks[im->ndecks].id = r->i[0];
	im->decks[im->ndecks].name = xstrdup(r->s[0]);
	im->ndecks++;
	return 0;
}

static const char *
deck_name(struct imp *im, int64_t id)
{
	for (size_t i = 0; i < im->ndecks; i++)
		if (im->decks[i].id == id)
			return im->decks[i].name;
	return NULL;
}

/* Makes sure the prepdeck deck exists (once per import): the --deck one,
 * or the one of Anki deck did. Returns its id. */
static const char *
ensure_deck(struct imp *im, int64_t did)
{
	char buf[32];
	const char *id = im->o->deck;
	if (id == NULL) {
		snprintf(buf, sizeof buf, "anki-%lld", (long long)(did < 0 ? -did : did));
		id = buf;
	}
	for (size_t i = 0; i < im->nseen; i++)
		if (strcmp(im->seen_decks[i], id) == 0)
			return im->seen_decks[i];
	im->seen_decks = xrealloc(im->seen_decks, (im->nseen + 1) * sizeof *im->seen_decks);
	im->seen_decks[im->nseen++] = xstrdup(id);
	id = im->seen_decks[im->nseen - 1];
	int exists = db_int(im->db, 0, "SELECT count(*) FROM doc WHERE id = ?", "t", id) > 0;
	if (exists && im->o->deck != NULL)
		return id; /* --deck into a deck of the learner's: keep its title */
	const char *name = deck_name(im, did);
	char *title = im->o->deck     ? xstrdup(im->o->deck)
	              : name && *name ? xstrdup(name)
	                              : xprintf("Anki deck %lld", (long long)did);
	int64_t ord = db_int(im->db, 0, "SELECT max(ord) + 1 FROM doc", "");
	int n = db_exec(
	        im->db,
	        "INSERT INTO doc(id, kind, title, description, tags, extra, ord, src, line, retired) "
	        "VALUES (?1, 'deck', ?2, 'Imported from Anki', ' anki ', '', ?3, ?4, 0, 0) "
	        "ON CONFLICT(id) DO UPDATE SET title = excluded.title, retired = 0 "
	        "WHERE title IS NOT excluded.title OR retired <> 0",
	        "ttit", id, title, ord, im->srclabel);
	free(title);
	if (!exists)
		im->s->decks_added++;
	else if (n > 0)
		im->s->decks_updated++;
	return id;
}

/* ---- notes and cards ------------------------------------------------------ */

/* The guid in hex; a guid too long for an id as 'h' and a hash of it
 * (then returns 1: the guid is kept in anki_note). */
static int
hex_id(struct sbuf *b, const char *guid)
{
	size_t n = strlen(guid);
	if (n <= 29) {
		static const char hex[] = "0123456789abcdef";
		for (size_t i = 0; i < n; i++) {
			sbuf_addc(b, hex[(unsigned char)guid[i] >> 4]);
			sbuf_addc(b, hex[(unsigned char)guid[i] & 15]);
		}
		return 0;
	}
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)guid[i]) * 1099511628211ull;
	sbuf_addf(b, "h%016llx", (unsigned long long)h);
	return 1;
}

/* Anki tags ("Tag1 parent::child") as a prepdeck word list. */
static char *
clean_tags(const char *tags)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addc(&b, ' ');
	const char *p = tags;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\x1f')
			p++;
		if (!*p)
			break;
		struct sbuf w;
		sbuf_init(&w);
		for (; *p && *p != ' ' && *p != '\t'; p++) {
			unsigned char c = (unsigned char)tolower((unsigned char)*p);
			if (isalnum(c) || ((c == ':' || c == '_' || c == '-') && w.len))
				sbuf_addc(&w, (char)c);
			else if (w.len && w.s[w.len - 1] != '-')
				sbuf_addc(&w, '-');
		}
		while (w.len && w.s[w.len - 1] == '-')
			w.s[--w.len] = '\0';
		if (w.len && w.len < 64) {
			char *needle = xprintf(" %s ", w.s);
			if (strstr(b.s, needle) == NULL) {
				sbuf_add(&b, w.s);
				sbuf_addc(&b, ' ');
			}
			free(needle);
		}
		sbuf_free(&w);
	}
	if (b.len == 1)
		b.s[b.len = 0] = '\0';
	return sbuf_take(&b);
}

static void
free_note(struct imp *im)
{
	for (int i = 0; i < im->nf; i++)
		free(im->fields[i]);
	im->nf = 0;
	free(im->note_id);
	im->note_id = NULL;
	free(im->long_guid);
	im->long_guid = NULL;
	free(im->pd_key);
	im->pd_key = NULL;
	im->pd_match = 0;
}

/* Splits and cleans the fields of a note, and works out its ids. */
static int
start_note(struct imp *im, const struct anki_row *r, const struct ntype *t)
{
	free_note(im);
	im->nid = r->i[1];
	const char *flds = r->s[2];
	int n = 1;
	for (const char *p = flds; *p; p++)
		n += *p == '\x1f';
	if (n != t->nfields)
		return fail(im->cause, "note %lld has %d field%s, but its note type '%s' has %d",
		            (long long)im->nid, n, n == 1 ? "" : "s", t->name, t->nfields);
	const char *p = flds;
	struct anki_html_counts hc = { 0, 0 };
	for (int i = 0; i < n; i++) {
		const char *e = strchr(p, '\x1f');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *raw = xstrndup(p, len);
		char *why = NULL;
		im->fields[i] = anki_html_clean(raw, &hc, &why);
		free(raw);
		if (im->fields[i] == NULL) {
			im->nf = i;
			fail(im->cause, "note %lld, field '%s': %s", (long long)im->nid,
			     t->fields[i] ? t->fields[i] : "?", why);
			free(why);
			return -1;
		}
		p = e ? e + 1 : p + len;
	}
	im->nf = n;
	im->s->sounds += hc.sounds;
	im->s->images += hc.images;

	const char *guid = r->s[0];
	if (strncmp(guid, "pd:", 3) == 0) {
		/* A note prepdeck exported: its guid names the card (or the
		 * cloze note, whose cards are <note>:cN) it came from. Looked
		 * up by key, as the card table's other indexes may be down for
		 * a bulk import. */
		const char *k = guid + 3;
		if (db_int(im->db, 0, "SELECT count(*) FROM card WHERE key = ? AND kind <> 'cloze'",
		           "t", k) > 0)
			im->pd_match = 1;
		else if (db_int(im->db, 0,
		                "SELECT count(*) FROM card WHERE key > ?1 || ':c' AND "
		                "key < ?1 || ':d' AND note_id = ?1 AND kind = 'cloze'",
		                "t", k) > 0)
			im->pd_match = 2;
		if (im->pd_match)
			im->pd_key = xstrdup(k);
	}
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "anki-");
	if (hex_id(&b, guid))
		im->long_guid = xstrdup(guid);
	im->note_id = sbuf_take(&b);
	return 0;
}

static void
add_ref(struct imp *im, int64_t cid, const char *key, int old, int suspend, int sched)
{
	if (im->nrefs == im->caprefs) {
		im->caprefs = im->caprefs ? im->caprefs * 2 : 1024;
		im->refs = xrealloc(im->refs, im->caprefs * sizeof *im->refs);
	}
	struct cardref *c = &im->refs[im->nrefs++];
	c->cid = cid;
	c->key = key ? xstrdup(key) : NULL;
	c->old = old;
	c->merge = 0;
	c->suspend = suspend;
	c->sched = sched;
}

/* A card of a note whose text the learner changed in prepdeck keeps the
 * learner's text, as a curriculum card does on import: the package's
 * text is recorded beside the override (the browser marks it when it
 * changed). Returns 1 for such a card. */
static int
kept_by_learner(struct imp *im, const char *suffix, const char *kind, const char *front,
                const char *back, const char *note, const char *tags)
{
	if (*suffix != '\0') /* the note's other cards follow its first */
		return db_int(im->db, 0, "SELECT count(*) FROM card_override WHERE note_id = ?",
		              "t", im->note_id) > 0;
	struct card_note ov;
	if (!cards_import_override(im->db, im->note_id, kind, front, back, note, tags, &ov))
		return 0;
	cards_note_clear(&ov);
	return 1;
}

static int
on_card(void *ctx, const struct anki_row *r)
{
	struct imp *im = ctx;
	int64_t cid = r->i[0], nid = r->i[1], mid = r->i[12];
	int ord = (int)r->i[3];
	if (r->i[11])
		return fail(im->cause,
		            "card %lld belongs to note %lld, which is not in the "
		            "collection",
		            (long long)cid, (long long)nid);
	const struct ntype *t = find_nt(im, mid);
	if (t == NULL)
		return fail(im->cause,
		            "note %lld uses note type %lld, which the collection does "
		            "not define",
		            (long long)nid, (long long)mid);
	if (nid != im->nid || im->nf == 0) {
		if (start_note(im, r, t) != 0)
			return -1;
		if (t->other)
			im->s->notes_other++;
	}
	if (im->o->progress && (im->nrefs & 1023) == 0)
		im->o->progress(im->o->ctx, "Reading cards", (int64_t)im->nrefs,
		                anki_src_count_cards(im->src));

	/* Which prepdeck card this is. */
	const char *kind = "basic";
	const char *front = "", *back = "", *note = "";
	int cloze = 0;
	char suffix[16] = "";
	if (t->cloze) {
		if (ord + 1 > 9) {
			im->s->skipped_cloze++;
			add_ref(im, cid, NULL, 0, 0, 0);
			return 0;
		}
		kind = "cloze";
		cloze = ord + 1;
		front = back = im->fields[0];
		note = im->nf > 1 ? im->fields[1] : "";
		snprintf(suffix, sizeof suffix, ":c%d", cloze);
	} else if (t->other) {
		if (ord != 0) {
			im->s->skipped_other++;
			add_ref(im, cid, NULL, 0, 0, 0);
			return 0;
		}
		front = im->fields[0];
		back = im->nf > 1 ? im->fields[1] : "";
	} else {
		int k = -1;
		for (int i = 0; i < t->ntmpl; i++)
			if (t->t[i].ord == ord)
				k = i;
		if (k < 0) {
			im->s->skipped_other++;
			add_ref(im, cid, NULL, 0, 0, 0);
			return 0;
		}
		front = im->fields[t->t[k].qf];
		back = im->fields[t->t[k].af];
		if (t->t[k].map == MAP_TYPEIN)
			kind = "typein";
		else if (t->t[k].map == MAP_REVERSE) {
			kind = "reverse";
			strcpy(suffix, ":r");
		}
	}
	int sched = r->i[4] != 0;

	/* A card prepdeck exported comes home: only its history is merged. */
	if (im->pd_match) {
		char *key = im->pd_match == 2 ? xprintf("%s:c%d", im->pd_key, ord + 1)
		                              : xstrdup(im->pd_key);
		if ((im->pd_match == 1 && ord == 0) ||
		    (im->pd_match == 2 &&
		     db_int(im->db, 0, "SELECT count(*) FROM card WHERE key = ?", "t", key) > 0)) {
			im->s->cards_merged++;
			add_ref(im, cid, key, 1, 0, 0);
			free(key);
			return 0;
		}
		free(key);
	}
	if (*front == '\0') {
		im->s->skipped_empty++;
		add_ref(im, cid, NULL, 0, 0, 0);
		return 0;
	}

	/* A card of a filtered deck goes to its home deck. */
	const char *deck_id = ensure_deck(im, r->i[10] ? r->i[10] : r->i[2]);
	char *key = xprintf("%s%s", im->note_id, suffix);
	char *tags = clean_tags(r->s[1]);
	struct db_stmt *st = im->st_card_has;
	db_bind_text_kept(st, 1, key);
	int existed = db_step(st);
	db_reset(st);
	if (existed && im->overrides &&
	    kept_by_learner(im, suffix, kind, front, back, note, tags)) {
		im->s->cards_unchanged++;
		add_ref(im, cid, key, existed, 0, 0);
		free(key);
		free(tags);
		return 0;
	}
	st = im->st_card_put;
	const char *text[] = { key, im->note_id, deck_id, kind, front, back, note, tags };
	for (int k = 0; k < 8; k++)
		db_bind_text_kept(st, k + 1, text[k]);
	db_bind_int(st, 9, cloze);
	db_bind_int(st, 10, im->ord++);
	db_bind_text_kept(st, 11, im->srclabel);
	int n = db_run(st);
	if (im->long_guid) {
		/* Once a note: the export gives it this guid back. */
		db_exec(im->db,
		        "INSERT INTO anki_note(note_id, guid) VALUES (?, ?) "
		        "ON CONFLICT(note_id) DO UPDATE SET guid = excluded.guid",
		        "tt", im->note_id, im->long_guid);
		free(im->long_guid);
		im->long_guid = NULL;
	}
	if (!existed)
		im->s->cards_added++;
	else if (n > 0)
		im->s->cards_updated++;
	else
		im->s->cards_unchanged++;
	int suspend = !existed && r->i[5] == -1;
	if (suspend)
		im->s->suspended++;
	add_ref(im, cid, key, existed, suspend, sched && !existed);
	free(key);
	free(tags);
	return 0;
}

/* ---- history ---------------------------------------------------------------- */

static int
cmp_ref(const void *a, const void *b)
{
	const struct cardref *x = a, *y = b;
	return x->cid < y->cid ? -1 : x->cid > y->cid;
}

static struct cardref *
find_ref(struct imp *im, int64_t cid)
{
	size_t lo = 0, hi = im->nrefs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (im->refs[mid].cid < cid)
			lo = mid + 1;
		else if (im->refs[mid].cid > cid)
			hi = mid;
		else
			return &im->refs[mid];
	}
	return NULL;
}

static int
cmp_refkey(const void *a, const void *b)
{
	const struct cardref *x = *(struct cardref *const *)a, *y = *(struct cardref *const *)b;
	int c = strcmp(x->key, y->key);
	return c ? c : x->cid < y->cid ? -1 : x->cid > y->cid;
}

/* Marks the cards whose history must be merged with a review log they
 * already have: cards that had one before this import, and the second
 * and later Anki cards of the package that map to one key (an odd
 * package: two notes with one guid), which merge with the first. The
 * others get their history written in bulk, before any merge. */
static void
mark_merges(struct imp *im)
{
	struct cardref **v = xcalloc(im->nrefs ? im->nrefs : 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < im->nrefs; i++)
		if (im->refs[i].key)
			v[n++] = &im->refs[i];
	qsort(v, n, sizeof *v, cmp_refkey);
	for (size_t i = 1; i < n; i++)
		if (strcmp(v[i]->key, v[i - 1]->key) == 0)
			v[i]->merge = 1;
	free(v);
	for (size_t i = 0; i < im->nrefs; i++) {
		struct cardref *c = &im->refs[i];
		if (c->key == NULL || !c->old || c->merge)
			continue;
		db_bind_text(im->st_log_has, 1, c->key);
		c->merge = db_step(im->st_log_has);
		db_reset(im->st_log_has);
	}
}

/* Writes the card states waiting in the batch, as flush_log does. */
static void
flush_states(struct imp *im)
{
	int many = im->nstates == STATE_BATCH;
	for (size_t i = 0; i < im->nstates; i++) {
		struct db_stmt *st = many ? im->st_state_many : im->st_state;
		int o = many ? (int)i * STATE_COLS : 0;
		const struct fsrs_card *c = &im->states[i].c;
		db_bind_text_kept(st, o + 1, im->states[i].key);
		db_bind_int(st, o + 2, c->state);
		db_bind_int(st, o + 3, c->due);
		db_bind_double(st, o + 4, c->stability);
		db_bind_double(st, o + 5, c->difficulty);
		db_bind_int(st, o + 6, c->last_review);
		db_bind_int(st, o + 7, c->reps);
		db_bind_int(st, o + 8, c->lapses);
		db_bind_int(st, o + 9, c->step);
		db_bind_int(st, o + 10, c->scheduled_days);
		if (!many)
			db_run(st);
	}
	if (many)
		db_run(im->st_state_many);
	im->nstates = 0;
}

/* Queues a card's state; key must outlive the batch. */
static void
write_state(struct imp *im, const char *key, const struct fsrs_card *c)
{
	im->states[im->nstates].key = key;
	im->states[im->nstates].c = *c;
	if (++im->nstates == STATE_BATCH)
		flush_states(im);
}

/* Binds one review-log row at parameter offset o (LOG_COLS of them). */
static void
bind_log(struct db_stmt *st, int o, const struct logrow *l)
{
	db_bind_text_kept(st, o + 1, l->key);
	db_bind_int(st, o + 2, l->r.t);
	db_bind_int(st, o + 3, l->r.rating);
	db_bind_text_kept(st, o + 4, l->r.mode);
	db_bind_int(st, o + 5, l->r.dur);
	db_bind_int(st, o + 6, l->c.state);
	db_bind_int(st, o + 7, l->c.due);
	db_bind_double(st, o + 8, l->c.stability);
	db_bind_double(st, o + 9, l->c.difficulty);
	db_bind_int(st, o + 10, l->prev.state);
	db_bind_int(st, o + 11, l->prev.due);
	db_bind_double(st, o + 12, l->prev.stability);
	db_bind_double(st, o + 13, l->prev.difficulty);
	db_bind_int(st, o + 14, l->prev.last_review);
	db_bind_int(st, o + 15, l->prev.reps);
	db_bind_int(st, o + 16, l->prev.lapses);
	db_bind_int(st, o + 17, l->prev.step);
	db_bind_int(st, o + 18, l->prev.scheduled_days);
}

/* Writes the review-log rows waiting in the batch: a full batch with one
 * statement of LOG_BATCH rows, a partial one row by row. */
static void
flush_log(struct imp *im)
{
	if (im->nbatch == LOG_BATCH) {
		for (int i = 0; i < LOG_BATCH; i++)
			bind_log(im->st_log_many, i * LOG_COLS, &im->batch[i]);
		db_run(im->st_log_many);
	} else {
		for (size_t i = 0; i < im->nbatch; i++) {
			bind_log(im->st_log_put, 0, &im->batch[i]);
			db_run(im->st_log_put);
		}
	}
	im->nbatch = 0;
}

/* Queues one new review-log row: the review r and the states around it.
 * key must outlive the batch (it is a card reference's). */
static void
log_row(struct imp *im, const char *key, const struct rev *r, const struct fsrs_card *c,
        const struct fsrs_card *prev)
{
	struct logrow *l = &im->batch[im->nbatch++];
	l->key = key;
	l->r = *r;
	l->c = *c;
	l->prev = *prev;
	if (im->nbatch == LOG_BATCH)
		flush_log(im);
}

/* Runs rows (in time order) through the scheduler from a new card. With
 * insert, queues each as a new review-log row; otherwise updates the
 * rows (by id) with the states. Returns 0, or -1 with *cause. */
static int
replay(struct imp *im, const char *key, struct rev *rows, size_t n, int insert)
{
	struct fsrs_card c;
	fsrs_new_card(&c, rows[0].t);
	size_t last = n;
	for (size_t i = 0; i < n; i++)
		if (rows[i].replay)
			last = i;
	for (size_t i = 0; i < n; i++) {
		struct fsrs_card prev = c;
		if (rows[i].replay) {
			if (fsrs_review(&im->p, &c, rows[i].t, rows[i].rating,
			                review_fuzz_seed(key, c.reps), &c) != 0)
				return fail(im->cause, "cannot schedule card %s at review %lld",
				            key, (long long)rows[i].id);
		}
		if (i == last && im->targets) {
			/* As grading does after the last review: toward an
			 * interview, a due time past the day with recall below
			 * the retention moves before it (counting the cards
			 * due each day, so the states queued go in first). */
			flush_states(im);
			deadline_adjust(im->db, &im->set, rows[i].t, &c);
		}
		if (insert) {
			log_row(im, key, &rows[i], &c, &prev);
		} else if (rows[i].replay) {
			db_exec(im->db,
			        "UPDATE review_log SET state = ?, due = ?, stability = ?, difficulty = ?, "
			        "prev_state = ?, prev_due = ?, prev_stability = ?, prev_difficulty = ?, "
			        "prev_last_review = ?, prev_reps = ?, prev_lapses = ?, prev_step = ?, "
			        "prev_scheduled_days = ? WHERE id = ?",
			        "iiddiiddiiiiii", (int64_t)c.state, c.due, c.stability,
			        c.difficulty, (int64_t)prev.state, prev.due, prev.stability,
			        prev.difficulty, prev.last_review, (int64_t)prev.reps,
			        (int64_t)prev.lapses, (int64_t)prev.step,
			        (int64_t)prev.scheduled_days, rows[i].id);
		}
	}
	if (last < n)
		write_state(im, key, &c);
	return 0;
}

static void
push_row(struct rev **v, size_t *n, size_t *cap, const struct rev *r)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = *r;
}

/* Adds Anki's history of a card that has a review log of its own: rows
 * at a second already logged are the same review; then the whole merged
 * history is replayed. */
static int
merge_card(struct imp *im, const char *key, const struct rev *rows, size_t nrows)
{
	int64_t added = 0;
	for (size_t i = 0; i < nrows; i++) {
		const struct rev *r = &rows[i];
		if (db_int(im->db, 0,
		           "SELECT count(*) FROM review_log WHERE card_key = ? "
		           "AND reviewed_at = ?",
		           "ti", key, r->t) > 0) {
			im->s->reviews_dup++;
			continue;
		}
		db_exec(im->db,
		        "INSERT INTO review_log(card_key, reviewed_at, rating, mode, "
		        "duration_ms) VALUES (?, ?, ?, ?, ?)",
		        "tiiti", key, r->t, (int64_t)r->rating, r->mode, r->dur);
		added++;
	}
	im->s->reviews_added += added;
	if (added == 0)
		return 0;
	im->s->with_history++;
	size_t n = 0, cap = 0;
	struct rev *all = NULL;
	struct db_stmt *st = db_prepare(im->db,
	                                "SELECT id, reviewed_at, rating, mode, "
	                                "duration_ms FROM review_log WHERE card_key = ? "
	                                "ORDER BY reviewed_at, id",
	                                "t", key);
	while (db_step(st)) {
		const char *m = db_col_text(st, 3);
		struct rev v = { .id = db_col_int(st, 0),
			         .t = db_col_int(st, 1),
			         .rating = (enum fsrs_rating)db_col_int(st, 2),
			         .dur = db_col_int(st, 4),
			         .replay = strcmp(m, "review") == 0 || strcmp(m, "filtered") == 0 };
		push_row(&all, &n, &cap, &v);
	}
	db_finalize(st);
	int rc = replay(im, key, all, n, 0);
	free(all);
	return rc;
}

/* The rows of one card are read: a card without a review log gets them
 * written and replayed now; a merge waits until the bulk writing is
 * over (and the log's indexes are back). */
static int
end_card(struct imp *im)
{
	if (im->nrows == 0)
		return 0;
	struct cardref *ref = find_ref(im, im->cur_cid);
	int rc = 0;
	if (ref->merge) {
		if (im->nmerge == im->capmerge) {
			im->capmerge = im->capmerge ? im->capmerge * 2 : 16;
			im->merges = xrealloc(im->merges, im->capmerge * sizeof *im->merges);
		}
		im->merges[im->nmerge].ref = ref;
		im->merges[im->nmerge].start = im->nmrows;
		im->merges[im->nmerge].n = im->nrows;
		im->nmerge++;
		for (size_t i = 0; i < im->nrows; i++)
			push_row(&im->mrows, &im->nmrows, &im->capmrows, &im->rows[i]);
	} else {
		im->s->reviews_added += (int64_t)im->nrows;
		im->s->with_history++;
		rc = replay(im, ref->key, im->rows, im->nrows, 1);
	}
	im->nrows = 0;
	return rc;
}

static int
on_revlog(void *ctx, const struct anki_row *r)
{
	struct imp *im = ctx;
	int64_t id = r->i[0], cid = r->i[1], ease = r->i[2], type = r->i[4];
	if (++im->revdone % 16384 == 0 && im->o->progress)
		im->o->progress(im->o->ctx, "Reading reviews", im->revdone, im->revtotal);
	if (cid != im->cur_cid) {
		if (end_card(im) != 0)
			return -1;
		im->cur_cid = cid;
	}
	if (ease < 0 || ease > 4)
		return fail(im->cause,
		            "review %lld of card %lld has rating %lld; Anki's "
		            "ratings are 1 to 4 (0 for a manual change)",
		            (long long)id, (long long)cid, (long long)ease);
	if (type < 0 || type > 5)
		return fail(im->cause, "review %lld of card %lld has an unknown type %lld",
		            (long long)id, (long long)cid, (long long)type);
	if (id < EARLIEST_MS || id / 1000 > im->o->now + DAY_SECONDS) {
		char when[32] = "?";
		if (id / 1000 > -62135596800LL && id / 1000 < 253402300799LL)
			fmt_iso_utc(id / 1000, when, sizeof when);
		return fail(im->cause, "review %lld of card %lld has an impossible time (%s)",
		            (long long)id, (long long)cid, when);
	}
	struct cardref *ref = find_ref(im, cid);
	if (ref == NULL) {
		if (im->o->collection) {
			im->s->reviews_orphan++;
			return 0;
		}
		return fail(im->cause, "review %lld is of card %lld, which is not in the package",
		            (long long)id, (long long)cid);
	}
	if (ref->key == NULL) {
		im->s->reviews_skipped++;
		return 0;
	}
	if (ease == 0) {
		im->s->reviews_unanswered++;
		return 0;
	}
	struct rev v = { .id = id,
		         .t = id / 1000,
		         .dur = r->i[3] < 0 ? 0 : r->i[3],
		         .rating = (enum fsrs_rating)ease };
	if (type <= 2) {
		v.mode = "review";
		v.replay = 1;
	} else if (type == 3) {
		v.mode = "filtered";
		v.replay = 1;
	} else {
		v.mode = "manual";
	}
	push_row(&im->rows, &im->nrows, &im->caprows, &v);
	ref->sched = 0; /* it has history */
	return 0;
}

/* Whether writing n rows into a table of `have` rows is faster with its
 * indexes dropped and built again once: many rows, and not few beside
 * those there (each rebuild sorts them all). */
static int
bulk_worth(int64_t n, int64_t have)
{
	return n >= BULK_MIN && n * 2 >= have;
}

/* Reads the package's review log into prepdeck's: cards without a log
 * of their own first, in bulk (with the log's indexes dropped and built
 * again afterwards when the package brings many reviews compared with
 * the log there is), then the merges. */
static int
import_history(struct imp *im)
{
	mark_merges(im);
	im->revtotal = anki_src_count_revlog(im->src);
	struct db_dropped *ix = NULL;
	if (bulk_worth(im->revtotal, db_int(im->db, 0, "SELECT count(*) FROM review_log", "")))
		ix = db_indexes_drop(im->db, "review_log");
	int rc = anki_src_rows(im->src, ANKI_Q_REVLOG, on_revlog, im, im->cause);
	if (rc == 0)
		rc = end_card(im);
	flush_log(im);
	db_dropped_restore(im->db, ix);
	for (size_t i = 0; rc == 0 && i < im->nmerge; i++)
		rc = merge_card(im, im->merges[i].ref->key, im->mrows + im->merges[i].start,
		                im->merges[i].n);
	flush_states(im);
	return rc;
}

/* An INSERT of n rows: head, row n times, tail. */
static struct db_stmt *
prepare_rows(struct db *db, const char *head, const char *row, int n, const char *tail)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, head);
	for (int i = 0; i < n; i++) {
		if (i)
			sbuf_addc(&b, ',');
		sbuf_add(&b, row);
	}
	sbuf_add(&b, tail);
	struct db_stmt *st = db_prepare(db, b.s, "");
	sbuf_free(&b);
	return st;
}

static void
prepare_bulk(struct imp *im)
{
	struct db *db = im->db;
	im->st_card_has = db_prepare(db, "SELECT 1 FROM card WHERE key = ?", "");
	im->st_card_put = db_prepare(
	        db,
	        "INSERT INTO card(key, note_id, deck_id, kind, front, back, note, tags, cloze, ord, "
	        "src, line, retired) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, 0) "
	        "ON CONFLICT(key) DO UPDATE SET note_id = excluded.note_id, deck_id = excluded.deck_id, "
	        "kind = excluded.kind, front = excluded.front, back = excluded.back, "
	        "note = excluded.note, tags = excluded.tags, cloze = excluded.cloze, retired = 0 "
	        "WHERE front IS NOT excluded.front OR back IS NOT excluded.back OR note IS NOT "
	        "excluded.note OR tags IS NOT excluded.tags OR deck_id IS NOT excluded.deck_id OR "
	        "kind IS NOT excluded.kind OR cloze IS NOT excluded.cloze OR retired <> 0",
	        "");
	im->st_log_has = db_prepare(db, "SELECT 1 FROM review_log WHERE card_key = ? LIMIT 1", "");
	static const char log_head[] =
	        "INSERT INTO review_log(card_key, reviewed_at, rating, "
	        "mode, duration_ms, state, due, stability, difficulty, prev_state, prev_due, "
	        "prev_stability, prev_difficulty, prev_last_review, prev_reps, prev_lapses, "
	        "prev_step, prev_scheduled_days, prev_suspended, prev_leech) VALUES ";
	static const char log_row[] = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,0)";
	static const char state_head[] =
	        "INSERT INTO card_state(key, state, due, stability, "
	        "difficulty, last_review, reps, lapses, step, scheduled_days) VALUES ";
	static const char state_row[] = "(?,?,?,?,?,?,?,?,?,?)";
	static const char state_tail[] =
	        " ON CONFLICT(key) DO UPDATE SET state = "
	        "excluded.state, due = excluded.due, stability = excluded.stability, "
	        "difficulty = excluded.difficulty, last_review = excluded.last_review, "
	        "reps = excluded.reps, lapses = excluded.lapses, step = excluded.step, "
	        "scheduled_days = excluded.scheduled_days";
	im->st_log_put = prepare_rows(db, log_head, log_row, 1, "");
	im->st_log_many = prepare_rows(db, log_head, log_row, LOG_BATCH, "");
	im->st_state = prepare_rows(db, state_head, state_row, 1, state_tail);
	im->st_state_many = prepare_rows(db, state_head, state_row, STATE_BATCH, state_tail);
}

static void
finish_bulk(struct imp *im)
{
	db_finalize(im->st_card_has);
	db_finalize(im->st_card_put);
	db_finalize(im->st_log_has);
	db_finalize(im->st_log_put);
	db_finalize(im->st_log_many);
	db_finalize(im->st_state);
	db_finalize(im->st_state_many);
}

static void
progress_none(void *ctx, const char *what, int64_t done, int64_t total)
{
	(void)ctx;
	(void)what;
	(void)done;
	(void)total;
}

int
anki_import(struct db *db, const char *file, const struct anki_import_opts *o,
            struct anki_summary *s, char **cause)
{
	memset(s, 0, sizeof *s);
	struct anki_import_opts opts = *o;
	if (opts.progress == NULL)
		opts.progress = progress_none;
	if (opts.deck) {
		char *kind = db_text(db, "SELECT kind || ' ' || src FROM doc WHERE id = ?", "t",
		                     opts.deck);
		int ok = kind == NULL || str_prefix(kind, "deck @anki");
		free(kind);
		if (!ok)
			return fail(cause,
			            "'%s' is not one of your Anki decks; --deck takes a new "
			            "deck id or one made by an earlier Anki import",
			            opts.deck);
	}
	struct anki_pkg pkg;
	if (anki_pkg_open(file, NULL, 0, &pkg, opts.progress, opts.ctx, cause) != 0)
		return -1;
	s->format = pkg.format;
	int schema = 0;
	struct anki_src *src = anki_src_open(pkg.path, &schema, cause);
	if (src == NULL) {
		anki_pkg_close(&pkg);
		return -1;
	}
	s->schema = schema;
	if (schema < 11 || schema > 18) {
		anki_src_close(src);
		anki_pkg_close(&pkg);
		return fail(cause,
		            "unknown collection schema version %d (this prepdeck reads "
		            "Anki's schema 11 to 18)",
		            schema);
	}

	struct imp im;
	memset(&im, 0, sizeof im);
	im.db = db;
	im.o = &opts;
	im.s = s;
	im.cause = cause;
	im.src = src;
	im.cur_cid = INT64_MIN;
	const char *base = strrchr(file, '/');
	im.srclabel = xprintf("@anki/%s", base ? base + 1 : file);
	settings_load(db, &im.set);
	settings_fsrs_params(&im.set, &im.p);
	struct target t;
	im.targets = target_next(db, 0, &t) == 0;
	im.overrides = db_int(db, 0, "SELECT count(*) FROM card_override", "") > 0;

	int rc = anki_src_rows(src, ANKI_Q_NOTETYPES, on_notetype, &im, cause);
	if (rc == 0)
		rc = anki_src_rows(src, ANKI_Q_FIELDS, on_field, &im, cause);
	if (rc == 0)
		rc = anki_src_rows(src, ANKI_Q_TEMPLATES, on_template, &im, cause);
	if (rc == 0)
		rc = anki_src_rows(src, ANKI_Q_DECKS, on_deck, &im, cause);
	for (size_t i = 0; rc == 0 && i < im.nnt; i++)
		classify(&im.nt[i]);
	int journal = 0;
	if (rc == 0) {
		/* A large package: written with the rollback journal when the
		 * database is ours alone. The store checks no CHECK constraints
		 * in this transaction: the import writes only values it made. */
		journal = anki_src_count_cards(src) + anki_src_count_revlog(src) >= BULK_MIN &&
		          db_bulk_begin(db);
		db_begin(db);
		db_exec(db, "PRAGMA ignore_check_constraints = ON", "");
		prepare_bulk(&im);
		im.ord = db_int(db, 0, "SELECT max(ord) + 1 FROM card", "");
		struct db_dropped *cix = NULL, *ctr = NULL;
		if (bulk_worth(anki_src_count_cards(src),
		               db_int(db, 0, "SELECT count(*) FROM card", ""))) {
			/* The search index too is written once, at the end, for
			 * every card from Anki (one updated here may carry the
			 * source of an earlier package). */
			cix = db_indexes_drop(db, "card");
			ctr = db_triggers_drop(db, "card");
		}
		rc = anki_src_rows(src, ANKI_Q_CARDS, on_card, &im, cause);
		db_dropped_restore(db, cix);
		if (ctr != NULL) {
			if (rc == 0)
				db_search_reindex_like(db, "@anki/%");
			db_dropped_restore(db, ctr);
		}
		if (rc == 0) {
			qsort(im.refs, im.nrefs, sizeof *im.refs, cmp_ref);
			for (size_t i = 1; i < im.nrefs; i++)
				if (im.refs[i].cid == im.refs[i - 1].cid) {
					rc = fail(cause,
					          "card %lld appears twice in the collection",
					          (long long)im.refs[i].cid);
					break;
				}
		}
		if (rc == 0)
			rc = import_history(&im);
		for (size_t i = 0; rc == 0 && i < im.nrefs; i++) {
			struct cardref *c = &im.refs[i];
			if (c->key && c->sched)
				s->sched_no_history++;
			if (c->key && c->suspend)
				db_exec(db,
				        "INSERT INTO card_state(key, suspended) VALUES (?, 1) "
				        "ON CONFLICT(key) DO UPDATE SET suspended = 1",
				        "t", c->key);
		}
		finish_bulk(&im);
		if (rc == 0) {
			s->notes_cardless = (int)anki_src_count_cardless_notes(src);
			db_commit(db);
		} else {
			db_rollback(db);
		}
	}
	db_exec(db, "PRAGMA ignore_check_constraints = OFF", "");
	if (journal)
		db_bulk_end(db);
	if (rc != 0 && cause && *cause == NULL)
		fail(cause, "import failed");
	free_note(&im);
	free_nts(&im);
	for (size_t i = 0; i < im.ndecks; i++)
		free(im.decks[i].name);
	free(im.decks);
	for (size_t i = 0; i < im.nseen; i++)
		free(im.seen_decks[i]);
	free(im.seen_decks);
	for (size_t i = 0; i < im.nrefs; i++)
		free(im.refs[i].key);
	free(im.refs);
	free(im.rows);
	free(im.merges);
	free(im.mrows);
	free(im.srclabel);
	anki_src_close(src);
	anki_pkg_close(&pkg);
	return rc == 0 ? 0 : -1;
}

/* ---- summary -------------------------------------------------------------- */

static const char *const format_names[] = { "?", "collection.anki2 (legacy)", "collection.anki21",
	                                    "collection.anki21b (Anki 2.1.50+)" };

char *
anki_summary_text(const struct anki_summary *s)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addf(&b, "Read %s, schema %d.\n",
	          format_names[s->format >= 1 && s->format <= 3 ? s->format : 0], s->schema);
	sbuf_addf(&b, "Decks: %d added, %d renamed.\n", s->decks_added, s->decks_updated);
	sbuf_addf(&b, "Cards: %d added, %d updated, %d unchanged.\n", s->cards_added,
	          s->cards_updated, s->cards_unchanged);
	if (s->cards_merged)
		sbuf_addf(&b,
		          "Cards prepdeck exported, found again by guid: %d (their new "
		          "reviews merged).\n",
		          s->cards_merged);
	sbuf_addf(&b,
	          "Reviews: %lld added to the review log; %d card%s got history, "
	          "replayed with the current FSRS parameters.\n",
	          (long long)s->reviews_added, s->with_history, s->with_history == 1 ? "" : "s");
	if (s->reviews_dup)
		sbuf_addf(&b,
		          "Skipped %lld review%s already in the log (same card and "
		          "second).\n",
		          (long long)s->reviews_dup, s->reviews_dup == 1 ? "" : "s");
	if (s->reviews_unanswered)
		sbuf_addf(&b, "Skipped %lld manual schedule change%s (no rating given).\n",
		          (long long)s->reviews_unanswered, s->reviews_unanswered == 1 ? "" : "s");
	if (s->reviews_orphan)
		sbuf_addf(&b, "Skipped %lld review%s of cards deleted in Anki.\n",
		          (long long)s->reviews_orphan, s->reviews_orphan == 1 ? "" : "s");
	if (s->reviews_skipped)
		sbuf_addf(&b, "Skipped %lld review%s of cards not imported.\n",
		          (long long)s->reviews_skipped, s->reviews_skipped == 1 ? "" : "s");
	if (s->notes_other)
		sbuf_addf(&b,
		          "Notes of other note types imported as basic cards (first two "
		          "fields): %d.\n",
		          s->notes_other);
	if (s->skipped_other)
		sbuf_addf(&b, "Skipped %d further card%s of those notes.\n", s->skipped_other,
		          s->skipped_other == 1 ? "" : "s");
	if (s->skipped_cloze)
		sbuf_addf(&b, "Skipped %d cloze card%s numbered above 9 (prepdeck has c1-c9).\n",
		          s->skipped_cloze, s->skipped_cloze == 1 ? "" : "s");
	if (s->skipped_empty)
		sbuf_addf(&b, "Skipped %d card%s with nothing to ask after cleaning.\n",
		          s->skipped_empty, s->skipped_empty == 1 ? "" : "s");
	if (s->notes_cardless)
		sbuf_addf(&b, "Skipped %d note%s without cards.\n", s->notes_cardless,
		          s->notes_cardless == 1 ? "" : "s");
	if (s->sounds || s->images)
		sbuf_addf(&b, "Left out media: %d sound%s, %d image%s.\n", s->sounds,
		          s->sounds == 1 ? "" : "s", s->images, s->images == 1 ? "" : "s");
	if (s->sched_no_history)
		sbuf_addf(&b,
		          "%d card%s scheduled in Anki had no review history and start "
		          "as new.\n",
		          s->sched_no_history, s->sched_no_history == 1 ? "" : "s");
	if (s->suspended)
		sbuf_addf(&b, "%d card%s suspended in Anki stay suspended.\n", s->suspended,
		          s->suspended == 1 ? "" : "s");
	return sbuf_take(&b);
}

void
anki_summary_json(const struct anki_summary *s, FILE *fp)
{
	fprintf(fp,
	        "{\"format\":\"%s\",\"schema\":%d,\"decks_added\":%d,\"decks_updated\":%d,"
	        "\"cards_added\":%d,\"cards_updated\":%d,\"cards_unchanged\":%d,"
	        "\"cards_merged\":%d,\"notes_other\":%d,\"skipped_other\":%d,"
	        "\"skipped_cloze\":%d,\"skipped_empty\":%d,\"notes_cardless\":%d,"
	        "\"sounds\":%d,\"images\":%d,\"cards_with_history\":%d,"
	        "\"scheduled_without_history\":%d,\"suspended\":%d,\"reviews_added\":%lld,"
	        "\"reviews_duplicate\":%lld,\"reviews_unanswered\":%lld,"
	        "\"reviews_orphan\":%lld,\"reviews_skipped\":%lld}\n",
	        s->format == 3   ? "anki21b"
	        : s->format == 2 ? "anki21"
	                         : "anki2",
	        s->schema, s->decks_added, s->decks_updated, s->cards_added, s->cards_updated,
	        s->cards_unchanged, s->cards_merged, s->notes_other, s->skipped_other,
	        s->skipped_cloze, s->skipped_empty, s->notes_cardless, s->sounds, s->images,
	        s->with_history, s->sched_no_history, s->suspended, (long long)s->reviews_added,
	        (long long)s->reviews_dup, (long long)s->reviews_unanswered,
	        (long long)s->reviews_orphan, (long long)s->reviews_skipped);
}
