#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gap_export.h"
#include "gapmap.h"
#include "util.h"

int
gap_format_parse(const char *s, enum gap_format *f)
{
	if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		*f = GAP_FMT_MD;
	else if (strcmp(s, "csv") == 0)
		*f = GAP_FMT_CSV;
	else if (strcmp(s, "yaml") == 0 || strcmp(s, "yml") == 0)
		*f = GAP_FMT_YAML;
	else
		return -1;
	return 0;
}

/* Decodes one UTF-8 sequence (the text is valid UTF-8); returns its
 * length and sets *cp. */
static int
utf8_next(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		*cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0) {
		*cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
		return 3;
	}
	*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) | ((s[2] & 0x3fu) << 6) |
	      (s[3] & 0x3fu);
	return 4;
}

/* Code points YAML cannot hold as they are (outside its printable set),
 * plus line separators that YAML 1.1 treats as line breaks. */
static int
yaml_unprintable(unsigned cp)
{
	return (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f ||
	       (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
	       (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff;
}

/* A YAML double-quoted scalar: every string survives exactly. */
static void
yaml_quoted(FILE *fp, const char *s)
{
	fputc('"', fp);
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		int n = utf8_next(p, &cp);
		if (cp == '"')
			fputs("\\\"", fp);
		else if (cp == '\\')
			fputs("\\\\", fp);
		else if (cp == '\n')
			fputs("\\n", fp);
		else if (cp == '\t')
			fputs("\\t", fp);
		else if (yaml_unprintable(cp))
			fprintf(fp, cp <= 0xff ? "\\x%02X" : "\\u%04X", cp);
		else
			fwrite(p, 1, (size_t)n, fp);
		p += n;
	}
	fputc('"', fp);
}

/* Whether a multi-line text can be written as a literal block (|) and
 * read back byte for byte; otherwise it is written double-quoted. */
static int
yaml_literal_ok(const char *s)
{
	size_t n = strlen(s);
	if (strchr(s, '\n') == NULL || n == 0 || s[0] == ' ' || s[0] == '\n')
		return 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		int k = utf8_next(p, &cp);
		if (cp == '\t' || cp == '\r' || yaml_unprintable(cp))
			return 0;
		p += k;
	}
	/* A line of only spaces right before the end confuses chomping. */
	size_t e = n;
	while (e > 0 && s[e - 1] == '\n')
		e--;
	size_t ls = e;
	while (ls > 0 && s[ls - 1] != '\n')
		ls--;
	int only_spaces = 1;
	for (size_t i = ls; i < e; i++)
		only_spaces &= s[i] == ' ';
	return !only_spaces;
}

/* Writes "key: value" for a text field at the given indentation. */
static void
yaml_text(FILE *fp, int indent, const char *key, const char *s)
{
	fprintf(fp, "%*s%s: ", indent, "", key);
	if (!yaml_literal_ok(s)) {
		yaml_quoted(fp, s);
		fputc('\n', fp);
		return;
	}
	size_t n = strlen(s), trail = 0;
	while (trail < n && s[n - 1 - trail] == '\n')
		trail++;
	fprintf(fp, "|%s\n", trail == 0 ? "-" : trail == 1 ? "" : "+");
	const char *p = s, *end = s + n - trail;
	for (;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (len)
			fprintf(fp, "%*s%.*s\n", indent + 2, "", (int)len, p);
		else
			fputc('\n', fp);
		if (!nl)
			break;
		p = nl + 1;
	}
	for (size_t k = 1; k < trail; k++)
		fputc('\n', fp);
}

/* " a b " -> "[a, b]" */
static void
yaml_idlist(FILE *fp, int indent, const char *key, const char *words)
{
	char *t = xstrdup(words);
	int n = 0;
	for (char *w = strtok(t, " "); w; w = strtok(NULL, " "))
		if (n++)
			fprintf(fp, ", %s", w);
		else
			fprintf(fp, "%*s%s: [%s", indent, "", key, w);
	if (n)
		fputs("]\n", fp);
	free(t);
}

/* A skill id for every row: its own, else one made from its name that no
 * other row of the map uses. */
static char **
skill_ids(struct db *db, const char *map_id, const struct gap_rows *rows)
{
	char **ids = xcalloc(rows->n ? rows->n : 1, sizeof *ids);
	struct db_stmt *st = db_prepare(db,
	                                "SELECT skill_id FROM gap_row WHERE map_id = ? "
	                                "AND skill_id IS NOT NULL",
	                                "t", map_id);
	struct sbuf used;
	sbuf_init(&used);
	sbuf_addc(&used, ' ');
	while (db_step(st))
		sbuf_addf(&used, "%s ", db_col_text(st, 0));
	db_finalize(st);
	for (size_t i = 0; i < rows->n; i++)
		if (rows->v[i].skill_id)
			ids[i] = xstrdup(rows->v[i].skill_id);
	for (size_t i = 0; i < rows->n; i++) {
		if (ids[i])
			continue;
		char *base = gap_slug(rows->v[i].name);
		if (*base == '\0') {
			free(base);
			base = xstrdup("skill");
		}
		char *id = xstrdup(base);
		for (int k = 2;; k++) {
			char *needle = xprintf(" %s ", id);
			int taken = strstr(used.s, needle) != NULL;
			free(needle);
			if (!taken)
				break;
			free(id);
			id = xprintf("%s-%d", base, k);
		}
		sbuf_addf(&used, "%s ", id);
		ids[i] = id;
		free(base);
	}
	sbuf_free(&used);
	return ids;
}

static void
export_yaml(struct db *db, const struct gap_map *m, const struct gap_rows *rows, const char *id,
            FILE *fp)
{
	char **ids = skill_ids(db, m->id, rows);
	/* The user's maps (and copies under a new id) keep being the user's:
	 * import makes them with src '' so no later import touches them. A
	 * bundled map under its own id stays a file's map. */
	const char *origin = NULL;
	if (strcmp(m->origin, "jd") == 0)
		origin = "jd";
	else if (strcmp(m->origin, "bundled") != 0 || id != NULL)
		origin = "user";
	fprintf(fp,
	        "# Gap map '%s' exported by prepdeck. 'prepdeck import FILE' reads it\n"
	        "# back: %s.\n",
	        id ? id : m->id,
	        origin ? "a database without this map gets "
	                 "it as your own; one that has it keeps its own"
	               : "as a curriculum file's map, "
	                 "in a database where the id is free");
	fprintf(fp, "kind: skillmap\nid: %s\n", id ? id : m->id);
	if (origin)
		fprintf(fp, "origin: %s\n", origin);
	fputs("title: ", fp);
	yaml_quoted(fp, m->title);
	fputc('\n', fp);
	if (*m->role)
		yaml_text(fp, 0, "role", m->role);
	fputs("skills:\n", fp);
	for (size_t i = 0; i < rows->n; i++) {
		const struct gap_row *r = &rows->v[i];
		fprintf(fp, "  - id: %s\n", ids[i]);
		yaml_text(fp, 4, "name", r->name);
		fprintf(fp, "    category: %s\n", r->category);
		if (*r->keywords) {
			fputs("    keywords: [", fp);
			const char *p = r->keywords;
			int n = 0;
			while (*p) {
				const char *nl = strchr(p, '\n');
				size_t len = nl ? (size_t)(nl - p) : strlen(p);
				char *k = xstrndup(p, len);
				if (n++)
					fputs(", ", fp);
				yaml_quoted(fp, k);
				free(k);
				p += len + (nl != NULL);
			}
			fputs("]\n", fp);
		}
		if (*r->evidence)
			yaml_text(fp, 4, "evidence", r->evidence);
		if (r->confidence)
			fprintf(fp, "    confidence: %d\n", r->confidence);
		if (*r->next_action)
			yaml_text(fp, 4, "next", r->next_action);
		fprintf(fp, "    status: %s\n", r->status);
		yaml_idlist(fp, 4, "decks", r->decks);
		yaml_idlist(fp, 4, "stories", r->stories);
	}
	for (size_t i = 0; i < rows->n; i++)
		free(ids[i]);
	free(ids);
}

/* A CSV field (RFC 4180): quoted when it holds a comma, quote, line
 * break or leading/trailing space; quotes doubled. A field a spreadsheet
 * would run as a formula (starting with =, +, -, @, tab or CR) gets a
 * leading ' and quotes, as OWASP recommends against CSV injection. */
static void
csv_field(FILE *fp, const char *s, int last)
{
	int formula = *s && strchr("=+-@\t\r", *s) != NULL;
	int quote =
	        formula || (*s && (strpbrk(s, ",\"\r\n") != NULL || isspace((unsigned char)s[0]) ||
	                           isspace((unsigned char)s[strlen(s) - 1])));
	if (quote) {
		fputc('"', fp);
		if (formula)
			fputc('\'', fp);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', fp);
			fputc(*s, fp);
		}
		fputc('"', fp);
	} else {
		fputs(s, fp);
	}
	fputs(last ? "\r\n" : ",", fp);
}

/* " a b " -> "a b"; keyword lines -> "a; b". Caller frees. */
static char *
plain_list(const char *s, int keywords)
{
	struct sbuf b;
	sbuf_init(&b);
	char *t = xstrdup(s);
	int n = 0;
	for (char *w = strtok(t, keywords ? "\n" : " "); w;
	     w = strtok(NULL, keywords ? "\n" : " ")) {
		if (n++)
			sbuf_add(&b, keywords ? "; " : " ");
		sbuf_add(&b, w);
	}
	free(t);
	return sbuf_take(&b);
}

static void
export_csv(const struct gap_rows *rows, FILE *fp)
{
	fputs("skill,category,confidence,status,evidence,next_action,decks,stories,"
	      "keywords,skill_id\r\n",
	      fp);
	for (size_t i = 0; i < rows->n; i++) {
		const struct gap_row *r = &rows->v[i];
		char conf[4] = "";
		if (r->confidence)
			snprintf(conf, sizeof conf, "%d", r->confidence);
		char *decks = plain_list(r->decks, 0), *stories = plain_list(r->stories, 0);
		char *kw = plain_list(r->keywords, 1);
		csv_field(fp, r->name, 0);
		csv_field(fp, r->category, 0);
		csv_field(fp, conf, 0);
		csv_field(fp, r->status, 0);
		csv_field(fp, r->evidence, 0);
		csv_field(fp, r->next_action, 0);
		csv_field(fp, decks, 0);
		csv_field(fp, stories, 0);
		csv_field(fp, kw, 0);
		csv_field(fp, r->skill_id ? r->skill_id : "", 1);
		free(decks);
		free(stories);
		free(kw);
	}
}

/* Text for one Markdown table cell: pipes escaped, line breaks as <br>. */
static void
md_cell(FILE *fp, const char *s)
{
	fputc(' ', fp);
	while (*s == ' ' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '|')
			fputs("\\|", fp);
		else if (s[i] == '\n')
			fputs("<br>", fp);
		else if (s[i] == '\r' || s[i] == '\t')
			fputc(' ', fp);
		else if (s[i] == '<' && n - i > 1)
			fputs("&lt;", fp);
		else
			fputc(s[i], fp);
	}
	fputs(" |", fp);
}

static void
export_md(const struct gap_map *m, const struct gap_rows *rows, FILE *fp)
{
	fprintf(fp, "# %s\n\n", m->title);
	if (*m->role && strcmp(m->role, m->title) != 0)
		fprintf(fp, "Role: %s\n\n", m->role);
	int gaps = 0;
	for (size_t i = 0; i < rows->n; i++)
		gaps += gap_row_is_gap(&rows->v[i]);
	fprintf(fp, "%zu skill%s, %d gap%s (no evidence, or confidence 2 or lower).\n\n", rows->n,
	        rows->n == 1 ? "" : "s", gaps, gaps == 1 ? "" : "s");
	fputs("| # | Skill | Category | Confidence | Status | Evidence | Next action | "
	      "Decks | Stories |\n|---|---|---|---|---|---|---|---|---|\n",
	      fp);
	for (size_t i = 0; i < rows->n; i++) {
		const struct gap_row *r = &rows->v[i];
		char conf[16] = "not rated";
		if (r->confidence)
			snprintf(conf, sizeof conf, "%d/5", r->confidence);
		char *decks = plain_list(r->decks, 0), *stories = plain_list(r->stories, 0);
		fprintf(fp, "| %zu |", i + 1);
		md_cell(fp, r->name);
		md_cell(fp, r->category);
		md_cell(fp, conf);
		md_cell(fp, r->status);
		md_cell(fp, r->evidence);
		md_cell(fp, r->next_action);
		md_cell(fp, decks);
		md_cell(fp, stories);
		fputc('\n', fp);
		free(decks);
		free(stories);
	}
}

int
gap_export(struct db *db, const char *map_id, enum gap_format f, const char *id, FILE *fp,
           char **cause)
{
	/* The id is checked on the way out as import checks it on the way
	 * in, so a file this writes is one import reads. */
	if (id != NULL && !valid_id(id))
		return fail(cause,
		            "'%s' is not a valid id for the copy (lowercase letters, "
		            "digits, '-', '_' and '.', starting with a letter or digit, at most "
		            "%d)",
		            id, ID_MAX);
	struct gap_map m;
	if (gap_map_get(db, map_id, &m, cause) != 0)
		return -1;
	struct gap_rows rows;
	gap_rows_load(db, map_id, NULL, GAP_SORT_MAP, &rows);
	int rc = 0;
	if (f == GAP_FMT_YAML) {
		if (rows.n == 0)
			rc = fail(cause,
			          "map '%s' has no rows; a skillmap file needs at least one "
			          "skill",
			          map_id);
		else
			export_yaml(db, &m, &rows, id, fp);
	} else if (f == GAP_FMT_CSV) {
		export_csv(&rows, fp);
	} else {
		export_md(&m, &rows, fp);
	}
	gap_rows_free(&rows);
	gap_map_clear(&m);
	return rc;
}

void
export_yaml_text(FILE *fp, int indent, const char *key, const char *s)
{
	yaml_text(fp, indent, key, s);
}

void
export_csv_field(FILE *fp, const char *s, int last)
{
	csv_field(fp, s, last);
}
