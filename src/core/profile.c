#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "profile.h"
#include "story.h"
#include "util.h"

char *
profile_choice(struct db *db)
{
	char *v = db_setting(db, PROFILE_SETTING);
	if (v && strcmp(v, PROFILE_EXAMPLE) != 0 && strcmp(v, PROFILE_OWN) != 0) {
		free(v);
		v = NULL;
	}
	return v;
}

int
profile_choose(struct db *db, const char *choice, char **cause)
{
	if (strcmp(choice, PROFILE_EXAMPLE) != 0 && strcmp(choice, PROFILE_OWN) != 0)
		return fail(cause, "the profile is 'example' or 'own', not '%s'", choice);
	db_set_setting(db, PROFILE_SETTING, choice);
	return 0;
}

/* The learner's pitch: their latest story of type pitch. */
static char *
own_pitch(struct db *db)
{
	return db_text(db,
	               "SELECT id FROM story WHERE retired = 0 AND type = 'pitch' AND "
	               "origin <> 'bundled' ORDER BY updated_at DESC, id LIMIT 1",
	               "");
}

void
profile_info(struct db *db, struct profile_info *p)
{
	memset(p, 0, sizeof *p);
	p->choice = profile_choice(db);
	p->pitch_id = own_pitch(db);
	p->pitch = p->pitch_id ? db_text(db, "SELECT situation FROM story WHERE id = ?", "t",
	                                 p->pitch_id)
	                       : NULL;
	if (p->pitch == NULL)
		p->pitch = xstrdup("");
	p->figures = (int)db_int(db, 0,
	                         "SELECT count(*) FROM card WHERE deck_id = ? AND "
	                         "retired = 0",
	                         "t", CARDS_FIGURES_DECK);
	p->stories = (int)db_int(db, 0,
	                         "SELECT count(*) FROM story WHERE retired = 0 AND "
	                         "origin <> 'bundled' AND type = 'story'",
	                         "");
	p->example_figures = (int)db_int(db, 0,
	                                 "SELECT count(*) FROM card c JOIN doc d ON "
	                                 "d.id = c.deck_id WHERE d.profile = ? AND "
	                                 "c.retired = 0",
	                                 "t", PROFILE_EXAMPLE);
	p->example_stories = (int)db_int(db, 0,
	                                 "SELECT count(*) FROM story WHERE retired = 0 "
	                                 "AND profile = ? AND type <> 'template'",
	                                 "t", PROFILE_EXAMPLE);
}

void
profile_info_free(struct profile_info *p)
{
	free(p->choice);
	free(p->pitch_id);
	free(p->pitch);
	memset(p, 0, sizeof *p);
}

void
profile_figures(struct db *db, int example, struct profile_figure **out, size_t *n)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT c.note_id, c.front, c.back, c.note FROM card c JOIN doc d ON d.id = c.deck_id "
	        "WHERE c.retired = 0 AND c.kind = 'typein' AND (CASE WHEN ?1 THEN d.profile = ?2 "
	        "ELSE d.id = ?3 END) ORDER BY d.ord, c.ord, c.key",
	        "itt", (int64_t)example, PROFILE_EXAMPLE, CARDS_FIGURES_DECK);
	struct profile_figure *v = NULL;
	size_t k = 0;
	while (db_step(st)) {
		v = xrealloc(v, (k + 1) * sizeof *v);
		v[k].id = xstrdup(db_col_text(st, 0));
		v[k].metric = xstrdup(db_col_text(st, 1));
		v[k].value = xstrdup(db_col_text(st, 2));
		v[k].context = xstrdup(db_col_text(st, 3));
		k++;
	}
	db_finalize(st);
	*out = v;
	*n = k;
}

void
profile_figures_free(struct profile_figure *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].metric);
		free(v[i].value);
		free(v[i].context);
	}
	free(v);
}

int
profile_set_pitch(struct db *db, const char *text, char **cause)
{
	char *id = own_pitch(db);
	if (id == NULL && story_add(db, "My 60-second pitch", "pitch", NULL, &id, cause) != 0)
		return -1;
	int rc = story_set(db, id, "situation", text, cause);
	free(id);
	return rc;
}

int
profile_add_figure(struct db *db, const char *metric, const char *value, const char *context,
                   char **newid, char **cause)
{
	if (cards_deck_ensure(db, CARDS_FIGURES_DECK, "numbers", "My figures", cause) != 0)
		return -1;
	struct card_note n;
	cards_note_init(&n);
	cards_note_set(&n, "deck", CARDS_FIGURES_DECK, NULL);
	cards_note_set(&n, "kind", "typein", NULL);
	cards_note_set(&n, "front", metric, NULL);
	cards_note_set(&n, "back", value, NULL);
	cards_note_set(&n, "note", context ? context : "", NULL);
	int rc = cards_add(db, &n, 0, 1, cause);
	if (rc == 0)
		*newid = xstrdup(n.note_id);
	cards_note_clear(&n);
	return rc < 0 ? -1 : 0;
}

int
profile_story_from_template(struct db *db, const char *tpl, char **newid, char **cause)
{
	struct story s;
	if (story_get(db, tpl, &s, cause) != 0)
		return -1;
	int rc = 0;
	if (strcmp(s.type, "template") != 0) {
		rc = fail(cause, "'%s' is not a template (see prepdeck stories list)", tpl);
		goto out;
	}
	const char *t = s.title;
	if (str_prefix(t, "Template: "))
		t += strlen("Template: ");
	char *title = xprintf("My %s story", t);
	char *id = NULL;
	rc = story_add(db, title, "story", NULL, &id, cause);
	free(title);
	if (rc != 0)
		goto out;
	char *comps = s.competencies[0] ? xprintf(" %s ", s.competencies) : xstrdup("");
	db_begin(db);
	db_exec(db, "UPDATE story SET competencies = ?, copied_from = ? WHERE id = ?", "ttt", comps,
	        tpl, id);
	free(comps);
	db_exec(db,
	        "INSERT INTO story_point(story_id, ord, question, answer) SELECT ?, ord, "
	        "question, '' FROM story_point WHERE story_id = ?",
	        "tt", id, tpl);
	db_commit(db);
	*newid = id;
out:
	story_clear(&s);
	return rc;
}
