#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "import.h"
#include "paths.h"
#include "story.h"
#include "util.h"

struct col {
	const char *name;
	char type; /* 't' text, 'i' integer, 'n' null */
	const char *s;
	int64_t i;
};

/* clang-format off */
#define TXT(n, v) { (n), 't', (v), 0 }
/* clang-format on */
/* clang-format off */
#define INT(n, v) { (n), 'i', NULL, (int64_t)(v) }
/* clang-format on */

/* A card item with a `replaces` list, handled once every file is in. */
struct repl {
	const struct ynode *item;
	int numbers, deck_reverse;
};

struct imp {
	struct db *db;
	struct import_stats *st;
	const char *src;
	struct repl *repls;
	size_t nrepls;
};

/* Inserts or updates one content row keyed by its first nkeys columns,
 * and remembers the key as seen in this run. Rows whose values are
 * already current are left alone. guard (may be NULL) is an extra SQL
 * condition on the existing row for the update (e.g. "edited = 0"). */
static void
upsert(struct imp *im, const char *table, int nkeys, const struct col *c, int nc, const char *guard)
{
	struct sbuf q;
	sbuf_init(&q);
	sbuf_addf(&q, "INSERT INTO %s(", table);
	for (int i = 0; i < nc; i++)
		sbuf_addf(&q, "%s%s", i ? ", " : "", c[i].name);
	sbuf_add(&q, ", retired) VALUES (");
	for (int i = 0; i < nc; i++)
		sbuf_add(&q, i ? ", ?" : "?");
	sbuf_add(&q, ", 0) ON CONFLICT(");
	for (int i = 0; i < nkeys; i++)
		sbuf_addf(&q, "%s%s", i ? ", " : "", c[i].name);
	sbuf_add(&q, ") DO UPDATE SET retired = 0");
	for (int i = nkeys; i < nc; i++)
		sbuf_addf(&q, ", %s = excluded.%s", c[i].name, c[i].name);
	sbuf_add(&q, " WHERE (retired <> 0");
	for (int i = nkeys; i < nc; i++)
		sbuf_addf(&q, " OR %s IS NOT excluded.%s", c[i].name, c[i].name);
	sbuf_add(&q, ")");
	if (guard)
		sbuf_addf(&q, " AND %s", guard);

	struct db_stmt *st = db_prepare(im->db, q.s, "");
	for (int i = 0; i < nc; i++) {
		if (c[i].type == 'i')
			db_bind_int(st, i + 1, c[i].i);
		else if (c[i].type == 't')
			db_bind_text(st, i + 1, c[i].s);
	}
	while (db_step(st))
		;
	db_finalize(st);
	sbuf_free(&q);
	int changed = (int)db_int(im->db, 0, "SELECT changes()", "");
	if (changed)
		im->st->written++;
	else
		im->st->kept++;

	struct sbuf k;
	sbuf_init(&k);
	for (int i = 0; i < nkeys; i++) {
		if (i)
			sbuf_addc(&k, '\x1f');
		if (c[i].type == 'i')
			sbuf_addf(&k, "%lld", (long long)c[i].i);
		else
			sbuf_add(&k, c[i].s ? c[i].s : "");
	}
	db_exec(im->db, "INSERT OR IGNORE INTO temp.seen(tbl, k) VALUES (?, ?)", "tt", table, k.s);
	sbuf_free(&k);
}

/* Tables swept after an import, with the expression of their key. */
static const struct {
	const char *table, *key, *guard;
} sweeps[] = {
	{ "doc", "id", NULL },
	{ "card", "key", NULL },
	{ "plan_week", "plan_id || char(31) || week", NULL },
	{ "plan_day", "plan_id || char(31) || day", NULL },
	{ "plan_task", "plan_id || char(31) || task_id", NULL },
	{ "competency", "id", NULL },
	{ "story", "id", "origin = 'bundled'" },
	{ "prompt", "id", NULL },
	{ "gapmap", "id", "origin = 'bundled'" },
	{ "gap_row", "map_id || char(31) || skill_id", "skill_id IS NOT NULL" },
	{ "vocab", "id", NULL },
	{ "checklist_item", "checklist_id || char(31) || item_id", NULL },
	{ "rubric_cat", "rubric_id || char(31) || cat_id", NULL },
	{ "flow_segment", "flow_id || char(31) || seg_id", NULL },
	{ "flow_prompt", "flow_id || char(31) || prompt_id", NULL },
};

/* " a b c " from one or two tag lists (for LIKE '% tag %' matching). */
static char *
join_list(const struct ynode *a, const struct ynode *b, char sep)
{
	struct sbuf s;
	sbuf_init(&s);
	if (sep == ' ')
		sbuf_addc(&s, ' ');
	const struct ynode *lists[2] = { a, b };
	for (int l = 0; l < 2; l++) {
		const struct ynode *v = lists[l];
		if (v == NULL || v->type != YN_SEQ)
			continue;
		for (size_t i = 0; i < v->n; i++) {
			if (v->items[i]->type != YN_SCALAR)
				continue;
			if (sep == ' ') {
				char *needle = xprintf(" %s ", v->items[i]->str);
				int dup = strstr(s.s, needle) != NULL;
				free(needle);
				if (dup)
					continue;
				sbuf_add(&s, v->items[i]->str);
				sbuf_addc(&s, ' ');
			} else {
				if (s.len)
					sbuf_addc(&s, sep);
				sbuf_add(&s, v->items[i]->str);
			}
		}
	}
	if (sep == ' ' && s.len == 1)
		s.s[s.len = 0] = '\0';
	return sbuf_take(&s);
}

static void
import_cards(struct imp *im, const struct ynode *doc, const char *deck_id, int numbers)
{
	const struct ynode *list = ymap_get(doc, numbers ? "items" : "cards");
	const struct ynode *dtags = ymap_get(doc, "tags");
	int rev = cnode_bool(doc, "reverse", 0);
	for (size_t i = 0; list && i < list->n; i++) {
		const struct ynode *it = list->items[i];
		struct content_card cards[10];
		int n = content_expand_card(it, numbers, rev, cards);
		char *tags = join_list(dtags, ymap_get(it, "tags"), ' ');
		const char *note = cnode_str(it, numbers ? "context" : "note", "");
		/* A card the learner edited keeps the learner's text. */
		struct card_note ov;
		const char *fk = "", *ff = "", *fb = "";
		if (n > 0)
			cards_item_text(cards, n, &fk, &ff, &fb);
		int over = n > 0 && cards_import_override(im->db, cnode_str(it, "id", ""), fk, ff,
		                                          fb, note, tags, &ov);
		if (over) {
			int k = content_expand_text(ov.note_id, ov.kind, ov.front, ov.back, cards);
			n = k > 0 ? k : n;
			note = ov.note;
			free(tags);
			tags = *ov.tags ? xprintf(" %s ", ov.tags) : xstrdup("");
		}
		for (int k = 0; k < n; k++) {
			struct col c[] = {
				TXT("key", cards[k].key),
				TXT("note_id", cnode_str(it, "id", "")),
				TXT("deck_id", deck_id),
				TXT("kind", cards[k].kind),
				TXT("front", cards[k].front),
				TXT("back", cards[k].back),
				TXT("note", note),
				TXT("tags", tags),
				INT("cloze", cards[k].cloze),
				INT("ord", i),
				TXT("src", im->src),
				INT("line", it->line),
			};
			upsert(im, "card", 1, c, (int)(sizeof c / sizeof c[0]), NULL);
		}
		free(tags);
		if (over)
			cards_note_clear(&ov);
		if (ymap_get(it, "replaces") != NULL) {
			im->repls = xrealloc(im->repls, (im->nrepls + 1) * sizeof *im->repls);
			im->repls[im->nrepls++] = (struct repl){ it, numbers, rev };
		}
	}
}

static void
import_plan(struct imp *im, const struct ynode *doc, const char *id)
{
	const struct ynode *weeks = ymap_get(doc, "weeks");
	for (size_t i = 0; weeks && i < weeks->n; i++) {
		const struct ynode *w = weeks->items[i];
		struct col c[] = {
			TXT("plan_id", id),
			INT("week", cnode_int(w, "week", 0)),
			TXT("theme", cnode_str(w, "theme", "")),
			TXT("src", im->src),
		};
		upsert(im, "plan_week", 2, c, 4, NULL);
	}
	const struct ynode *days = ymap_get(doc, "days");
	for (size_t i = 0; days && i < days->n; i++) {
		const struct ynode *d = days->items[i];
		long day = cnode_int(d, "day", 0);
		struct col c[] = {
			TXT("plan_id", id),
			INT("day", day),
			TXT("title", cnode_str(d, "title", "")),
			TXT("src", im->src),
		};
		upsert(im, "plan_day", 2, c, 4, NULL);
		const struct ynode *tasks = ymap_get(d, "tasks");
		for (size_t k = 0; tasks && k < tasks->n; k++) {
			const struct ynode *t = tasks->items[k];
			static const char *const links[] = { "deck", "checklist", "story", "mock",
				                             "skillmap" };
			const char *lk = "", *lid = "";
			for (size_t l = 0; l < 5; l++) {
				const char *v = cnode_str(t, links[l], NULL);
				if (v) {
					lk = links[l];
					lid = v;
				}
			}
			/* `decks: [a, b]` is a deck task over several decks: its
			 * link_id lists them, separated by spaces. */
			char *decks = NULL;
			const struct ynode *dl = ymap_get(t, "decks");
			if (dl && dl->type == YN_SEQ && dl->n > 0) {
				decks = join_list(dl, NULL, ' ');
				size_t len = strlen(decks);
				while (len > 0 && decks[len - 1] == ' ')
					decks[--len] = '\0';
				lk = "deck";
				lid = decks + (decks[0] == ' ');
			}
			struct col tc[] = {
				TXT("plan_id", id),
				TXT("task_id", cnode_str(t, "id", "")),
				INT("day", day),
				INT("ord", k),
				TXT("text", cnode_str(t, "text", "")),
				TXT("link_kind", lk),
				TXT("link_id", lid),
				INT("count", cnode_int(t, "count", 0)),
				INT("minutes", cnode_int(t, "minutes", 0)),
				TXT("src", im->src),
				INT("line", t->line),
			};
			upsert(im, "plan_task", 2, tc, (int)(sizeof tc / sizeof tc[0]), NULL);
			free(decks);
		}
	}
}

/* A story marked `origin: user` (from `prepdeck export stories`): added
 * as the user's own (src '', never retired or rewritten by an import)
 * when its id is new, brought back when the user had deleted it, and
 * otherwise left as the user has it. */
static void
import_user_story(struct imp *im, const struct ynode *s)
{
	const char *sid = cnode_str(s, "id", "");
	struct db_stmt *q = db_prepare(im->db,
	                               "SELECT origin, retired FROM story "
	                               "WHERE id = ?",
	                               "t", sid);
	int exists = db_step(q);
	int restore = exists && strcmp(db_col_text(q, 0), "bundled") != 0 && db_col_int(q, 1) != 0;
	db_finalize(q);
	if (exists && !restore) {
		im->st->kept++;
		return;
	}
	char *comp = join_list(ymap_get(s, "competencies"), NULL, ' ');
	char *metrics = join_list(ymap_get(s, "metrics"), NULL, '\n');
	const char *type = cnode_str(s, "type", "story");
	if (strcmp(type, "template") == 0)
		type = "story";
	int64_t now = now_unix();
	db_exec(im->db, "DELETE FROM story_point WHERE story_id = ?", "t", sid);
	db_exec(im->db,
	        "INSERT INTO story(id, origin, type, title, competencies, situation, task, "
	        "action, result, reflection, metrics, copied_from, created_at, updated_at, "
	        "src, line, retired) VALUES (?1, 'user', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	        "?10, ?11, ?12, ?12, '', 0, 0) ON CONFLICT(id) DO UPDATE SET type = ?2, "
	        "title = ?3, competencies = ?4, situation = ?5, task = ?6, action = ?7, "
	        "result = ?8, reflection = ?9, metrics = ?10, copied_from = ?11, "
	        "updated_at = ?12, retired = 0",
	        "ttttttttttti", sid, type, cnode_str(s, "title", ""), comp,
	        cnode_str(s, "situation", ""), cnode_str(s, "task", ""), cnode_str(s, "action", ""),
	        cnode_str(s, "result", ""), cnode_str(s, "reflection", ""), metrics,
	        cnode_str(s, "copied_from", NULL), now);
	const struct ynode *dps = ymap_get(s, "decision_points");
	for (size_t k = 0; dps && dps->type == YN_SEQ && k < dps->n; k++)
		db_exec(im->db,
		        "INSERT INTO story_point(story_id, ord, question, answer) "
		        "VALUES (?, ?, ?, ?)",
		        "titt", sid, (int64_t)k, cnode_str(dps->items[k], "question", ""),
		        cnode_str(dps->items[k], "answer", ""));
	free(comp);
	free(metrics);
	im->st->written++;
}

static void
import_stories(struct imp *im, const struct ynode *doc)
{
	const struct ynode *comps = ymap_get(doc, "competencies");
	for (size_t i = 0; comps && i < comps->n; i++) {
		const struct ynode *c0 = comps->items[i];
		struct col c[] = {
			TXT("id", cnode_str(c0, "id", "")),
			TXT("name", cnode_str(c0, "name", "")),
			TXT("description", cnode_str(c0, "description", "")),
			TXT("src", im->src),
		};
		upsert(im, "competency", 1, c, 4, NULL);
	}
	const struct ynode *stories = ymap_get(doc, "stories");
	for (size_t i = 0; stories && i < stories->n; i++) {
		const struct ynode *s = stories->items[i];
		const char *sid = cnode_str(s, "id", "");
		if (strcmp(cnode_str(s, "origin", "bundled"), "user") == 0) {
			import_user_story(im, s);
			continue;
		}
		char *comp = join_list(ymap_get(s, "competencies"), NULL, ' ');
		char *metrics = join_list(ymap_get(s, "metrics"), NULL, '\n');
		struct col c[] = {
			TXT("id", sid),
			TXT("origin", "bundled"),
			TXT("type", cnode_str(s, "type", "story")),
			TXT("title", cnode_str(s, "title", "")),
			TXT("competencies", comp),
			TXT("situation", cnode_str(s, "situation", "")),
			TXT("task", cnode_str(s, "task", "")),
			TXT("action", cnode_str(s, "action", "")),
			TXT("result", cnode_str(s, "result", "")),
			TXT("reflection", cnode_str(s, "reflection", "")),
			TXT("metrics", metrics),
			TXT("src", im->src),
			INT("line", s->line),
			TXT("profile", cnode_str(doc, "profile", "")),
		};
		upsert(im, "story", 1, c, (int)(sizeof c / sizeof c[0]), "origin = 'bundled'");
		free(comp);
		free(metrics);
		if (db_int(im->db, 0, "SELECT origin = 'bundled' FROM story WHERE id = ?", "t",
		           sid) != 1)
			continue;
		const struct ynode *dps = ymap_get(s, "decision_points");
		size_t n = dps ? dps->n : 0;
		for (size_t k = 0; k < n; k++) {
			const struct ynode *d = dps->items[k];
			db_exec(im->db,
			        "INSERT INTO story_point(story_id, ord, question, answer) "
			        "VALUES (?, ?, ?, ?) ON CONFLICT(story_id, ord) DO UPDATE SET "
			        "question = excluded.question, answer = excluded.answer "
			        "WHERE question IS NOT excluded.question OR answer IS NOT "
			        "excluded.answer",
			        "titt", sid, (int64_t)k, cnode_str(d, "question", ""),
			        cnode_str(d, "answer", ""));
		}
		db_exec(im->db, "DELETE FROM story_point WHERE story_id = ? AND ord >= ?", "ti",
		        sid, (int64_t)n);
	}
	const struct ynode *prompts = ymap_get(doc, "prompts");
	for (size_t i = 0; prompts && i < prompts->n; i++) {
		const struct ynode *p = prompts->items[i];
		char *comp = join_list(ymap_get(p, "competencies"), NULL, ' ');
		struct col c[] = {
			TXT("id", cnode_str(p, "id", "")),
			TXT("text", cnode_str(p, "text", "")),
			TXT("competencies", comp),
			TXT("src", im->src),
			INT("line", p->line),
		};
		upsert(im, "prompt", 1, c, 5, NULL);
		free(comp);
	}
}

static void
import_skillmap(struct imp *im, const struct ynode *doc, const char *id)
{
	struct col m[] = {
		TXT("id", id),
		TXT("origin", "bundled"),
		TXT("title", cnode_str(doc, "title", "")),
		TXT("role", cnode_str(doc, "role", "")),
		TXT("src", im->src),
	};
	upsert(im, "gapmap", 1, m, 5, "origin = 'bundled'");
	const struct ynode *skills = ymap_get(doc, "skills");
	for (size_t i = 0; skills && i < skills->n; i++) {
		const struct ynode *s = skills->items[i];
		char *kw = join_list(ymap_get(s, "keywords"), NULL, '\n');
		char *decks = join_list(ymap_get(s, "decks"), NULL, ' ');
		char *stories = join_list(ymap_get(s, "stories"), NULL, ' ');
		long conf = cnode_int(s, "confidence", 0);
		struct col c[] = {
			TXT("map_id", id),
			TXT("skill_id", cnode_str(s, "id", "")),
			TXT("name", cnode_str(s, "name", "")),
			TXT("category", cnode_str(s, "category", "technical")),
			TXT("keywords", kw),
			TXT("evidence", cnode_str(s, "evidence", "")),
			{ "confidence", conf ? 'i' : 'n', NULL, conf },
			TXT("next_action", cnode_str(s, "next", "")),
			TXT("status", cnode_str(s, "status", "todo")),
			TXT("decks", decks),
			TXT("stories", stories),
			INT("ord", i),
			TXT("src", im->src),
		};
		/* A row the user has edited keeps the user's values. */
		upsert(im, "gap_row", 2, c, (int)(sizeof c / sizeof c[0]), "edited = 0");
		db_exec(im->db,
		        "UPDATE gap_row SET retired = 0 WHERE map_id = ? AND "
		        "skill_id = ? AND retired <> 0",
		        "tt", id, cnode_str(s, "id", ""));
		free(kw);
		free(decks);
		free(stories);
	}
}

/* A skill map marked `origin: user` or `origin: jd` (from `prepdeck
 * export gapmap`): made as the user's own map (src '', so no import
 * rewrites or retires it, and no doc row) when its id is new; a map the
 * user already has is left as it is. */
static void
import_user_map(struct imp *im, const struct ynode *doc, const char *id)
{
	if (db_int(im->db, 0, "SELECT count(*) FROM gapmap WHERE id = ?", "t", id) > 0) {
		im->st->kept++;
		return;
	}
	db_exec(im->db,
	        "INSERT INTO gapmap(id, origin, title, role, created_at, src) "
	        "VALUES (?, ?, ?, ?, ?, '')",
	        "tttti", id, cnode_str(doc, "origin", "user"), cnode_str(doc, "title", ""),
	        cnode_str(doc, "role", ""), now_unix());
	const struct ynode *skills = ymap_get(doc, "skills");
	for (size_t i = 0; skills && i < skills->n; i++) {
		const struct ynode *s = skills->items[i];
		char *kw = join_list(ymap_get(s, "keywords"), NULL, '\n');
		char *decks = join_list(ymap_get(s, "decks"), NULL, ' ');
		char *stories = join_list(ymap_get(s, "stories"), NULL, ' ');
		long conf = cnode_int(s, "confidence", 0);
		struct db_stmt *st = db_prepare(
		        im->db,
		        "INSERT INTO gap_row(map_id, skill_id, name, category, keywords, evidence, "
		        "confidence, next_action, status, decks, stories, ord, src) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
		        "tttttt", id, cnode_str(s, "id", ""), cnode_str(s, "name", ""),
		        cnode_str(s, "category", "technical"), kw, cnode_str(s, "evidence", ""));
		if (conf)
			db_bind_int(st, 7, conf);
		db_bind_text(st, 8, cnode_str(s, "next", ""));
		db_bind_text(st, 9, cnode_str(s, "status", "todo"));
		db_bind_text(st, 10, decks);
		db_bind_text(st, 11, stories);
		db_bind_int(st, 12, (int64_t)i);
		while (db_step(st))
			;
		db_finalize(st);
		free(kw);
		free(decks);
		free(stories);
	}
	im->st->written++;
}

static void
import_doc(struct imp *im, const struct ynode *doc, int ord)
{
	const char *kind = cnode_str(doc, "kind", "");
	const char *id = cnode_str(doc, "id", "");
	if (strcmp(kind, "skillmap") == 0 &&
	    strcmp(cnode_str(doc, "origin", "bundled"), "bundled") != 0) {
		import_user_map(im, doc, id);
		return;
	}
	if ((strcmp(kind, "deck") == 0 || strcmp(kind, "numbers") == 0) &&
	    strcmp(cnode_str(doc, "origin", "bundled"), "user") == 0) {
		cards_import_user_doc(im->db, doc, ord, im->st);
		return;
	}
	char *tags = join_list(ymap_get(doc, "tags"), NULL, ' ');
	const char *extra = cnode_str(doc, "round", cnode_str(doc, "role", ""));
	struct col c[] = {
		TXT("id", id),
		TXT("kind", kind),
		TXT("title", cnode_str(doc, "title", "")),
		TXT("description", cnode_str(doc, "description", "")),
		TXT("tags", tags),
		TXT("extra", extra),
		INT("ord", ord),
		TXT("src", im->src),
		INT("line", doc->line),
		TXT("profile", cnode_str(doc, "profile", "")),
	};
	upsert(im, "doc", 1, c, (int)(sizeof c / sizeof c[0]), NULL);
	free(tags);

	if (strcmp(kind, "deck") == 0 || strcmp(kind, "numbers") == 0) {
		import_cards(im, doc, id, kind[0] == 'n');
	} else if (strcmp(kind, "plan") == 0) {
		import_plan(im, doc, id);
	} else if (strcmp(kind, "stories") == 0) {
		import_stories(im, doc);
	} else if (strcmp(kind, "skillmap") == 0) {
		import_skillmap(im, doc, id);
	} else if (strcmp(kind, "vocabulary") == 0) {
		const struct ynode *terms = ymap_get(doc, "terms");
		for (size_t i = 0; terms && i < terms->n; i++) {
			const struct ynode *t = terms->items[i];
			char *syn = join_list(ymap_get(t, "synonyms"), NULL, '\n');
			char *decks = join_list(ymap_get(t, "decks"), NULL, ' ');
			struct col tc[] = {
				TXT("id", cnode_str(t, "id", "")),
				TXT("name", cnode_str(t, "name", "")),
				TXT("category", cnode_str(t, "category", "")),
				TXT("synonyms", syn),
				TXT("decks", decks),
				TXT("src", im->src),
			};
			upsert(im, "vocab", 1, tc, 6, NULL);
			free(syn);
			free(decks);
		}
	} else if (strcmp(kind, "checklist") == 0) {
		const struct ynode *items = ymap_get(doc, "items");
		for (size_t i = 0; items && i < items->n; i++) {
			const struct ynode *t = items->items[i];
			struct col tc[] = {
				TXT("checklist_id", id), TXT("item_id", cnode_str(t, "id", "")),
				INT("ord", i),           TXT("text", cnode_str(t, "text", "")),
				TXT("src", im->src),
			};
			upsert(im, "checklist_item", 2, tc, 5, NULL);
		}
	} else if (strcmp(kind, "rubric") == 0) {
		const struct ynode *cats = ymap_get(doc, "categories");
		for (size_t i = 0; cats && i < cats->n; i++) {
			const struct ynode *t = cats->items[i];
			const struct ynode *lv = ymap_get(t, "levels");
			const char *l[4];
			for (int k = 0; k < 4; k++)
				l[k] = lv && lv->n == 4 ? lv->items[k]->str : "";
			struct col tc[] = {
				TXT("rubric_id", id), TXT("cat_id", cnode_str(t, "id", "")),
				INT("ord", i),        TXT("name", cnode_str(t, "name", "")),
				TXT("level1", l[0]),  TXT("level2", l[1]),
				TXT("level3", l[2]),  TXT("level4", l[3]),
				TXT("src", im->src),
			};
			upsert(im, "rubric_cat", 2, tc, (int)(sizeof tc / sizeof tc[0]), NULL);
		}
	} else if (strcmp(kind, "flow") == 0) {
		const struct ynode *segs = ymap_get(doc, "segments");
		for (size_t i = 0; segs && i < segs->n; i++) {
			const struct ynode *t = segs->items[i];
			struct col tc[] = {
				TXT("flow_id", id),
				TXT("seg_id", cnode_str(t, "id", "")),
				INT("ord", i),
				TXT("title", cnode_str(t, "title", "")),
				INT("minutes", cnode_int(t, "minutes", 0)),
				TXT("cues", cnode_str(t, "cues", "")),
				TXT("src", im->src),
			};
			upsert(im, "flow_segment", 2, tc, 7, NULL);
		}
		const struct ynode *prompts = ymap_get(doc, "prompts");
		for (size_t i = 0; prompts && i < prompts->n; i++) {
			const struct ynode *t = prompts->items[i];
			struct col tc[] = {
				TXT("flow_id", id),
				TXT("prompt_id", cnode_str(t, "id", "")),
				INT("ord", i),
				TXT("title", cnode_str(t, "title", "")),
				TXT("text", cnode_str(t, "text", "")),
				TXT("src", im->src),
			};
			upsert(im, "flow_prompt", 2, tc, 6, NULL);
		}
	}
}

/* Every table that holds the learner's data about one card, by card key,
 * besides card_state (one row a card, moved whole): a new one belongs
 * here so that `replaces` carries it over. */
static const struct {
	const char *table, *column;
} card_user_data[] = {
	{ "review_log", "card_key" },
	{ "deadline_move", "card_key" },
};

/* True when card key has any history: a review, a memory state, a flag. */
static int
card_has_history(struct db *db, const char *key)
{
	if (db_int(db, 0, "SELECT count(*) FROM card_state WHERE key = ?", "t", key) > 0)
		return 1;
	for (size_t i = 0; i < sizeof card_user_data / sizeof card_user_data[0]; i++) {
		char *q = xprintf("SELECT count(*) FROM %s WHERE %s = ?", card_user_data[i].table,
		                  card_user_data[i].column);
		int64_t n = db_int(db, 0, q, "t", key);
		free(q);
		if (n > 0)
			return 1;
	}
	return 0;
}

/* Moves the history of the retired cards of the notes a card item
 * replaces onto the item's cards. An old card goes to the new card with
 * the same suffix (old:c2 to new:c2, old:r to new:r, old to new) when
 * the new note has one, else to the new note's first card. A new card
 * that has history of its own keeps it and takes nothing. When several
 * old cards go to one new card, all their reviews move, the memory state
 * is that of the one reviewed last, and the card is flagged if any was.
 * Nothing is left to move on a second import, so this is idempotent. */
static void
carry_history(struct imp *im, const struct repl *r)
{
	struct content_card cards[10];
	int n = content_expand_card(r->item, r->numbers, r->deck_reverse, cards);
	const struct ynode *list = ymap_get(r->item, "replaces");
	const char *nid = cnode_str(r->item, "id", "");
	if (n <= 0 || list == NULL || list->type != YN_SEQ)
		return;
	size_t nl = strlen(nid);
	/* The old cards (retired, with history) bound for each new card,
	 * their keys joined by char(31). */
	struct sbuf from[10];
	int nfrom[10] = { 0 };
	for (int k = 0; k < n; k++)
		sbuf_init(&from[k]);
	for (size_t i = 0; i < list->n; i++) {
		const char *old = list->items[i]->str;
		size_t ol = strlen(old);
		struct db_stmt *st = db_prepare(im->db,
		                                "SELECT key FROM card WHERE note_id = ? "
		                                "AND retired <> 0 ORDER BY key",
		                                "t", old);
		while (db_step(st)) {
			const char *key = db_col_text(st, 0);
			if (strncmp(key, old, ol) != 0 || !card_has_history(im->db, key))
				continue;
			int to = 0;
			for (int k = 0; k < n; k++)
				if (strcmp(cards[k].key + nl, key + ol) == 0)
					to = k;
			sbuf_addf(&from[to], "%s%s", nfrom[to] ? "\x1f" : "", key);
			nfrom[to]++;
		}
		db_finalize(st);
	}
	/* The old keys as a table, split by a recursive query. */
	static const char olds[] =
	        "WITH RECURSIVE s(k, rest) AS (SELECT '', ?1 || char(31) UNION ALL "
	        "SELECT substr(rest, 1, instr(rest, char(31)) - 1), "
	        "substr(rest, instr(rest, char(31)) + 1) FROM s WHERE rest <> '') "
	        "SELECT k FROM s WHERE k <> ''";
	for (int k = 0; k < n; k++) {
		if (nfrom[k] == 0) {
			sbuf_free(&from[k]);
			continue;
		}
		if (card_has_history(im->db, cards[k].key)) {
			im->st->kept_apart += nfrom[k];
			sbuf_free(&from[k]);
			continue;
		}
		const char *to = cards[k].key;
		char *q =
		        xprintf("INSERT INTO card_state(key, state, due, stability, difficulty, "
		                "last_review, reps, lapses, step, scheduled_days, suspended, "
		                "buried_until, flag, leech) SELECT ?2, state, due, stability, "
		                "difficulty, last_review, reps, lapses, step, scheduled_days, "
		                "suspended, buried_until, (SELECT max(flag) FROM card_state WHERE "
		                "key IN (%s)), leech FROM card_state WHERE key IN (%s) ORDER BY "
		                "last_review DESC, reps DESC, key LIMIT 1",
		                olds, olds);
		db_exec(im->db, q, "tt", from[k].s, to);
		free(q);
		q = xprintf("DELETE FROM card_state WHERE key IN (%s)", olds);
		db_exec(im->db, q, "t", from[k].s);
		free(q);
		for (size_t t = 0; t < sizeof card_user_data / sizeof card_user_data[0]; t++) {
			q = xprintf("UPDATE %s SET %s = ?2 WHERE %s IN (%s)",
			            card_user_data[t].table, card_user_data[t].column,
			            card_user_data[t].column, olds);
			db_exec(im->db, q, "tt", from[k].s, to);
			free(q);
		}
		im->st->carried += nfrom[k];
		sbuf_free(&from[k]);
	}
}

void
import_run(struct db *db, const struct content_run *run, struct import_stats *st)
{
	memset(st, 0, sizeof *st);
	struct imp im = { .db = db, .st = st };
	db_exec(db,
	        "CREATE TEMP TABLE IF NOT EXISTS seen(tbl TEXT, k TEXT, "
	        "PRIMARY KEY (tbl, k))",
	        "");
	db_exec(db, "DELETE FROM temp.seen", "");
	db_begin(db);
	int ord = 0;
	for (size_t f = 0; f < run->nfiles; f++) {
		const struct content_file *cf = &run->files[f];
		im.src = cf->src;
		for (size_t d = 0; cf->yf && d < cf->yf->ndocs; d++)
			import_doc(&im, cf->yf->docs[d].root, ord++);
	}
	/* Retire what the imported paths no longer hold. */
	for (size_t s = 0; s < run->nscopes; s++) {
		for (size_t t = 0; t < sizeof sweeps / sizeof sweeps[0]; t++) {
			char *q = xprintf(
			        "UPDATE %s SET retired = 1 WHERE retired = 0 AND "
			        "(src = ?1 OR substr(src, 1, length(?1) + 1) = ?1 || '/')%s%s "
			        "AND NOT EXISTS (SELECT 1 FROM temp.seen WHERE tbl = ?2 AND k = %s)",
			        sweeps[t].table, sweeps[t].guard ? " AND " : "",
			        sweeps[t].guard ? sweeps[t].guard : "", sweeps[t].key);
			st->retired += db_exec(db, q, "tt", run->scopes[s], sweeps[t].table);
			free(q);
		}
	}
	/* Then the history of replaced cards, now retired, moves over. */
	for (size_t i = 0; i < im.nrepls; i++)
		carry_history(&im, &im.repls[i]);
	free(im.repls);
	/* A user's template copy read back from an older export may hold
	 * the guidance as its text. */
	story_clear_guidance(db);
	db_commit(db);
	db_exec(db, "DELETE FROM temp.seen", "");
}

const char *
import_lookup(void *ctx, enum content_ns ns, const char *id, const char **src)
{
	static char kind[32], source[1024];
	static const char *const q[NS_COUNT] = {
		[NS_DOC] = "SELECT kind, src FROM doc WHERE id = ?1 AND retired = 0 "
		           "UNION ALL SELECT 'gapmap', '' FROM gapmap WHERE id = ?1 AND "
		           "origin <> 'bundled' AND retired = 0",
		[NS_CARD] = "SELECT key, src FROM card WHERE note_id = ? AND retired = 0",
		[NS_STORY] = "SELECT id, src FROM story WHERE id = ? AND retired = 0",
		[NS_PROMPT] = "SELECT id, src FROM prompt WHERE id = ? AND retired = 0",
		[NS_COMPETENCY] = "SELECT id, src FROM competency WHERE id = ? AND retired = 0",
		[NS_VOCAB] = "SELECT id, src FROM vocab WHERE id = ? AND retired = 0",
	};
	if (ns < 0 || ns >= NS_COUNT)
		return NULL;
	struct db_stmt *st = db_prepare(ctx, q[ns], "t", id);
	const char *found = NULL;
	if (db_step(st)) {
		snprintf(kind, sizeof kind, "%s", db_col_text(st, 0));
		snprintf(source, sizeof source, "%s", db_col_text(st, 1));
		found = kind;
		if (src)
			*src = source;
	}
	db_finalize(st);
	return found;
}

int
import_paths(struct db *db, char *const *paths, size_t npaths, struct import_stats *st, void *errfp)
{
	char *bundled = paths_content();
	char *defpath[1] = { bundled };
	if (npaths == 0) {
		paths = defpath;
		npaths = 1;
	}
	struct content_run *run = content_load(paths, npaths, bundled, import_lookup, db);
	int rc = 0;
	if (run->diags.n > 0) {
		diags_print(&run->diags, errfp);
		fprintf(errfp, "%zu error%s; nothing imported\n", run->diags.n,
		        run->diags.n == 1 ? "" : "s");
		rc = 1;
	} else {
		import_run(db, run, st);
	}
	content_free(run);
	free(bundled);
	return rc;
}
