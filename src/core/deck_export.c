#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "deck_export.h"
#include "gap_export.h"
#include "util.h"

int
deck_format_parse(const char *s, enum deck_format *f)
{
	if (strcmp(s, "yaml") == 0 || strcmp(s, "yml") == 0)
		*f = DECK_FMT_YAML;
	else if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		*f = DECK_FMT_MD;
	else if (strcmp(s, "csv") == 0)
		*f = DECK_FMT_CSV;
	else
		return -1;
	return 0;
}

/* "a b" without the words of the deck's tags (they come back from the
 * deck on import). A new string. */
static char *
own_tags(const char *tags, const char *deck_tags)
{
	struct sbuf s;
	sbuf_init(&s);
	sbuf_add(&s, "");
	char *t = xstrdup(tags);
	for (char *w = strtok(t, " "); w; w = strtok(NULL, " ")) {
		char *needle = xprintf(" %s ", w);
		if (strstr(deck_tags, needle) == NULL)
			sbuf_addf(&s, "%s%s", s.len ? " " : "", w);
		free(needle);
	}
	free(t);
	return sbuf_take(&s);
}

static void
yaml_tags(FILE *fp, int indent, const char *words)
{
	if (*words == '\0')
		return;
	char *t = xstrdup(words);
	fprintf(fp, "%*stags: [", indent, "");
	int n = 0;
	for (char *w = strtok(t, " "); w; w = strtok(NULL, " "))
		fprintf(fp, "%s%s", n++ ? ", " : "", w);
	fputs("]\n", fp);
	free(t);
}

static void
yaml_note(FILE *fp, const struct card_note *n, int numbers, const char *dtags)
{
	fprintf(fp, "  - id: %s\n", n->note_id);
	if (numbers) {
		export_yaml_text(fp, 4, "metric", n->front);
		export_yaml_text(fp, 4, "value", n->back);
		if (*n->note)
			export_yaml_text(fp, 4, "context", n->note);
	} else if (strcmp(n->kind, "cloze") == 0) {
		export_yaml_text(fp, 4, "cloze", n->front);
	} else {
		export_yaml_text(fp, 4, "q", n->front);
		export_yaml_text(fp, 4, strcmp(n->kind, "typein") == 0 ? "answer" : "a", n->back);
		if (strcmp(n->kind, "reverse") == 0)
			fputs("    reverse: true\n", fp);
	}
	if (!numbers && *n->note)
		export_yaml_text(fp, 4, "note", n->note);
	char *own = own_tags(n->tags, dtags);
	yaml_tags(fp, 4, own);
	free(own);
}

/* Cloze markers as bold text, for reading. */
static void
md_text(FILE *fp, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (p[0] == '{' && p[1] == '{' && p[2] == 'c' && p[3] >= '1' && p[3] <= '9' &&
		    p[4] == ':' && p[5] == ':') {
			const char *end = strstr(p + 6, "}}");
			if (end != NULL) {
				const char *hint = strstr(p + 6, "::");
				size_t len = (size_t)((hint && hint < end ? hint : end) - (p + 6));
				fprintf(fp, "**%.*s**", (int)len, p + 6);
				p = end + 1;
				continue;
			}
		}
		fputc(*p, fp);
	}
}

static void
md_note(FILE *fp, const struct card_note *n, int i)
{
	fprintf(fp, "## %d. `%s` (%s)\n\n", i, n->note_id, n->kind);
	if (strcmp(n->kind, "cloze") == 0) {
		md_text(fp, n->front);
		fputs("\n\n", fp);
	} else {
		fputs("**Q:** ", fp);
		md_text(fp, n->front);
		fputs("\n\n**A:** ", fp);
		md_text(fp, n->back);
		fputs("\n\n", fp);
	}
	if (*n->note) {
		fputs("*Note:* ", fp);
		md_text(fp, n->note);
		fputs("\n\n", fp);
	}
	if (*n->tags)
		fprintf(fp, "Tags: %s\n\n", n->tags);
}

int
deck_export(struct db *db, const char *deck_id, enum deck_format f, FILE *fp, char **cause)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT kind, title, description, tags FROM doc "
	                                "WHERE id = ? AND retired = 0 AND kind IN ('deck', "
	                                "'numbers')",
	                                "t", deck_id);
	if (!db_step(st)) {
		db_finalize(st);
		return fail(cause, "no deck '%s' (see 'prepdeck due' for the decks)", deck_id);
	}
	int numbers = strcmp(db_col_text(st, 0), "numbers") == 0;
	char *title = xstrdup(db_col_text(st, 1)), *desc = xstrdup(db_col_text(st, 2));
	char *dtags = xstrdup(db_col_text(st, 3));
	db_finalize(st);
	/* The notes in deck order. */
	st = db_prepare(db,
	                "SELECT note_id, min(ord) AS o FROM card WHERE deck_id = ? AND "
	                "retired = 0 GROUP BY note_id ORDER BY o, note_id",
	                "t", deck_id);
	size_t n;
	char **ids = db_col_strings(st, &n);
	int rc = (int)n;
	if (n == 0) {
		rc = fail(cause, "deck '%s' has no cards to export", deck_id);
		goto out;
	}
	if (f == DECK_FMT_YAML) {
		fprintf(fp,
		        "# Deck %s, written by prepdeck export. 'prepdeck import' reads it "
		        "back as\n# your own cards, with the same ids; a curriculum card comes "
		        "back as your edit.\n",
		        deck_id);
		fprintf(fp, "kind: %s\nid: %s\n", numbers ? "numbers" : "deck", deck_id);
		export_yaml_text(fp, 0, "title", title);
		if (*desc)
			export_yaml_text(fp, 0, "description", desc);
		fputs("origin: user\n", fp);
		char *dt = xstrdup(dtags);
		struct sbuf p;
		sbuf_init(&p);
		sbuf_add(&p, "");
		for (char *w = strtok(dt, " "); w; w = strtok(NULL, " "))
			sbuf_addf(&p, "%s%s", p.len ? " " : "", w);
		yaml_tags(fp, 0, p.s);
		sbuf_free(&p);
		free(dt);
		fprintf(fp, "%s:\n", numbers ? "items" : "cards");
	} else if (f == DECK_FMT_MD) {
		fprintf(fp, "# %s\n\nDeck `%s`: %zu card%s.\n\n", title, deck_id, n,
		        n == 1 ? "" : "s");
		if (*desc)
			fprintf(fp, "%s\n\n", desc);
	} else {
		fputs("id,kind,front,back,note,tags,deck\r\n", fp);
	}
	for (size_t i = 0; i < n; i++) {
		struct card_note note;
		if (cards_note_get(db, ids[i], &note, NULL) != 0) {
			cards_note_clear(&note);
			continue;
		}
		if (f == DECK_FMT_YAML) {
			yaml_note(fp, &note, numbers && strcmp(note.kind, "typein") == 0, dtags);
		} else if (f == DECK_FMT_MD) {
			md_note(fp, &note, (int)i + 1);
		} else {
			export_csv_field(fp, note.note_id, 0);
			export_csv_field(fp, note.kind, 0);
			export_csv_field(fp, note.front, 0);
			export_csv_field(fp, note.back, 0);
			export_csv_field(fp, note.note, 0);
			export_csv_field(fp, note.tags, 0);
			export_csv_field(fp, deck_id, 1);
		}
		cards_note_clear(&note);
	}
out:
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(title);
	free(desc);
	free(dtags);
	return rc;
}
