/* Commands of the skills-gap map: gapmap (list, show, new, add, set,
 * delete, undo, gaps, history, use), jd import, export gapmap. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_gap.h"
#include "gap_export.h"
#include "gapmap.h"
#include "jd.h"
#include "outfile.h"
#include "util.h"

/* Prints s in width columns (cut with the ellipsis, padded with spaces;
 * a negative width cuts without padding, for the last column). */
static void
put_col(const char *s, int width)
{
	int pad = width > 0;
	if (width < 0)
		width = -width;
	char *c = str_clip(s, width);
	for (char *p = c; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	fputs(c, stdout);
	for (int i = str_width(c); pad && i < width; i++)
		putchar(' ');
	free(c);
}

/* The first line of a text. Caller frees. */
static char *
first_line(const char *s)
{
	const char *nl = strchr(s, '\n');
	return nl ? xprintf("%.*s ↵", (int)(nl - s), s) : xstrdup(s);
}

static const char *
origin_text(const char *origin)
{
	if (strcmp(origin, "bundled") == 0)
		return "from a curriculum file";
	if (strcmp(origin, "jd") == 0)
		return "from a job description";
	return "made by you";
}

/* The map named on the command line, or the current one. Caller frees. */
static char *
map_arg(struct db *db, const char *arg)
{
	if (arg != NULL)
		return xstrdup(arg);
	char *id = gap_current(db);
	if (id == NULL)
		cli_error("there is no gap map yet; make one with 'prepdeck jd import FILE' or "
		          "'prepdeck gapmap new ID'");
	return id;
}

static int
check_map(struct db *db, const char *id)
{
	struct gap_map m;
	char *cause = NULL;
	if (gap_map_get(db, id, &m, &cause) != 0)
		return cli_cause(cause);
	gap_map_clear(&m);
	return 0;
}

static int
cmd_gapmap_list(struct cmd *c)
{
	struct db *db = cli_db(c);
	struct gap_map *maps;
	size_t n;
	gap_maps(db, &maps, &n);
	char *cur = gap_current(db);
	if (n == 0)
		printf("no gap maps; make one with 'prepdeck jd import FILE' or "
		       "'prepdeck gapmap new ID'\n");
	for (size_t i = 0; i < n; i++) {
		const struct gap_map *m = &maps[i];
		printf("%s ", cur && strcmp(cur, m->id) == 0 ? "*" : " ");
		put_col(m->id, 24);
		printf(" %3d skills %3d gaps  ", m->nrows, m->ngaps);
		put_col(m->title, 60);
		printf("\n");
	}
	free(cur);
	gap_maps_free(maps, n);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry gapmap_list_entry = {
	.name = "list", .args = "", .summary = "list the maps (* marks the current one)",
	.exec = cmd_gapmap_list,
};
/* clang-format on */

static void
show_row(const struct gap_row *r)
{
	char bar[32];
	gap_conf_bar(r->confidence, bar, sizeof bar);
	printf("Skill:       %s\nCategory:    %s\n", r->name, r->category);
	if (r->confidence)
		printf("Confidence:  %s %d/5\n", bar, r->confidence);
	else
		printf("Confidence:  not rated\n");
	printf("Status:      %s\n", r->status);
	const char *labels[] = { "Evidence:", "Next action:", "Decks:", "Stories:", "Keywords:" };
	const char *vals[] = { r->evidence, r->next_action, r->decks, r->stories, r->keywords };
	for (int f = 0; f < 5; f++) {
		printf("%-13s", labels[f]);
		const char *v = vals[f];
		while (*v == ' ' && f >= 2 && f <= 3)
			v++;
		for (const char *p = v; *p; p++) {
			putchar(*p);
			if (*p == '\n' && p[1])
				printf("%13s", "");
		}
		if (*v == '\0' || v[strlen(v) - 1] != '\n')
			putchar('\n');
	}
	printf("Skill id:    %s\nGap:         %s\n", r->skill_id ? r->skill_id : "(added by you)",
	       gap_row_is_gap(r) ? "yes" : "no");
}

static int
cmd_gapmap_show(struct cmd *c)
{
	const char *map = c->argc > 0 ? c->argv[0] : NULL, *ref = c->argc > 1 ? c->argv[1] : NULL;
	const char *filter = arg_str(c, "--filter"), *sorts = arg_str(c, "--sort");
	enum gap_sort sort = GAP_SORT_MAP;
	int gaps_only = arg_flag(c, "--gaps");
	if (sorts)
		gap_sort_parse(sorts, &sort);
	struct db *db = cli_db(c);
	char *id = map_arg(db, map);
	if (id == NULL)
		return EXIT_USER;
	struct gap_map m;
	char *cause = NULL;
	if (gap_map_get(db, id, &m, &cause) != 0) {
		free(id);
		return cli_cause(cause);
	}
	int rc = EXIT_OK;
	if (ref != NULL) {
		int64_t rid;
		struct gap_row r;
		if (gap_row_find(db, id, ref, &rid, &cause) != 0) {
			rc = cli_cause(cause);
		} else {
			gap_row_load(db, rid, &r);
			show_row(&r);
			gap_row_clear(&r);
		}
		gap_map_clear(&m);
		free(id);
		return rc;
	}
	printf("%s  (%s, %s)\n", m.title, m.id, origin_text(m.origin));
	if (*m.role && strcmp(m.role, m.title) != 0)
		printf("Role: %s\n", m.role);
	struct gap_rows rows, all;
	gap_rows_load(db, id, NULL, GAP_SORT_MAP, &all);
	gap_rows_load(db, id, filter, sort, &rows);
	printf("%d skill%s, %d gap%s; sorted by %s%s%s%s\n\n", m.nrows, m.nrows == 1 ? "" : "s",
	       m.ngaps, m.ngaps == 1 ? "" : "s", gap_sort_name(sort), filter ? "; filter '" : "",
	       filter ? filter : "", filter ? "'" : "");
	printf("   # ");
	put_col("Skill", 26);
	printf(" %-10s %-5s  %-5s  %s\n", "Category", "Conf", "Status", "Evidence");
	for (size_t i = 0; i < rows.n; i++) {
		const struct gap_row *r = &rows.v[i];
		if (gaps_only && !gap_row_is_gap(r))
			continue;
		/* The number is the row's place in map order, for `gapmap set`. */
		size_t pos = 0;
		while (pos < all.n && all.v[pos].id != r->id)
			pos++;
		char bar[32];
		gap_conf_bar(r->confidence, bar, sizeof bar);
		char *ev = first_line(r->evidence);
		printf("%s%3zu ", gap_row_is_gap(r) ? "!" : " ", pos + 1);
		put_col(r->name, 26);
		printf(" %-10s %s  %-6s ", r->category, bar, r->status);
		put_col(*ev ? ev : "(no evidence)", -40);
		printf("\n");
		free(ev);
	}
	if (rows.n == 0)
		printf("  (no rows%s)\n", filter ? " match" : "");
	gap_rows_free(&rows);
	gap_rows_free(&all);
	gap_map_clear(&m);
	free(id);
	return rc;
}

/* clang-format off */
static const struct cmd_entry gapmap_show_entry = {
	.name = "show", .args = "[MAP [ROW]] [--sort map|confidence|category|name] "
	"[--filter TEXT] [--gaps]",
	.summary = "print a map as a table, or every field of one row",
	.opts = (const struct cmd_opt[]){
		{ .name = "--sort", .type = OPT_STR, .arg = "ORDER", .words = "map confidence category name" },
		{ .name = "--filter", .type = OPT_STR, .arg = "TEXT", .need = "a value" },
		{ .name = "--gaps", .type = OPT_FLAG },
		{ NULL },
	},
	.max = 2, .operand = { ARG_MAP }, .exec = cmd_gapmap_show,
};
/* clang-format on */

static int
cmd_gapmap_new(struct cmd *c)
{
	const char *id = c->argv[0], *title = arg_str(c, "--title"), *role = arg_str(c, "--role");
	struct db *db = cli_db(c);
	char *cause = NULL;
	if (gap_map_create(db, id, title ? title : id, role ? role : "", "user", &cause) != 0)
		return cli_cause(cause);
	gap_set_current(db, id);
	printf("created gap map '%s'; add skills with 'prepdeck gapmap add %s NAME'\n", id, id);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry gapmap_new_entry = {
	.name = "new", .args = "ID [--title TITLE] [--role ROLE]", .summary = "make an empty map",
	.opts = (const struct cmd_opt[]){
		{ .name = "--title", .type = OPT_STR, .arg = "TITLE", .need = "a value" },
		{ .name = "--role", .type = OPT_STR, .arg = "ROLE", .need = "a value" },
		{ NULL },
	},
	.min = 1, .max = 1, .needs = "an ID", .exec = cmd_gapmap_new,
};
/* clang-format on */

static int
cmd_gapmap_add(struct cmd *c)
{
	const char *map = c->argv[0], *name = c->argv[1], *cat = arg_str(c, "--category");
	struct db *db = cli_db(c);
	char *cause = NULL;
	int64_t id = gap_row_add(db, map, name, cat, &cause);
	if (id < 0)
		return cli_cause(cause);
	struct gap_rows rows;
	gap_rows_load(db, map, NULL, GAP_SORT_MAP, &rows);
	printf("added row %zu '%s' to '%s'\n", rows.n, name, map);
	gap_rows_free(&rows);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry gapmap_add_entry = {
	.name = "add", .args = "MAP NAME [--category technical|system|behavioral]",
	.summary = "add a row (quote a name with spaces)",
	.opts = (const struct cmd_opt[]){
		{ .name = "--category", .type = OPT_STR, .arg = "CATEGORY", .need = "a value",
		  .words = "technical system behavioral" },
		{ NULL },
	},
	.min = 2, .max = 2, .needs = "MAP and NAME", .operand = { ARG_MAP }, .exec = cmd_gapmap_add,
};
/* clang-format on */

static int
cmd_gapmap_set(struct cmd *c)
{
	const char *map = c->argv[0], *ref = c->argv[1];
	enum gap_field f;
	if (gap_field_parse(c->argv[2], &f) != 0)
		return cli_usage(c,
		                 "unknown field '%s' (skill, category, confidence, status, "
		                 "evidence, next, decks, stories, keywords)",
		                 c->argv[2]);
	struct db *db = cli_db(c);
	if (check_map(db, map) != 0)
		return EXIT_USER;
	char *cause = NULL;
	int64_t rid;
	if (gap_row_find(db, map, ref, &rid, &cause) != 0)
		return cli_cause(cause);
	int used = 0;
	char *val = cli_value(c->argv[3], 1024 * 1024, &used, &cause);
	if (val == NULL)
		return cli_cause(cause);
	int rc = gap_row_set(db, rid, f, val, &cause);
	free(val);
	if (rc != 0)
		return cli_cause(cause);
	struct gap_row r;
	gap_row_load(db, rid, &r);
	printf("%s of '%s' saved\n", gap_field_label(f), r.name);
	gap_row_clear(&r);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry gapmap_set_entry = {
	.name = "set", .args = "MAP ROW FIELD VALUE", .summary = "change one field "
	"(VALUE '-' reads standard input)",
	.min = 4, .max = 4, .needs = "MAP ROW FIELD VALUE (VALUE '-' reads standard input)",
	.operand = { ARG_MAP }, .exec = cmd_gapmap_set, .flags = CMD_OPERANDS,
};
/* clang-format on */

static int
cmd_gapmap_delete(struct cmd *c)
{
	char **argv = c->argv;
	struct db *db = cli_db(c);
	if (check_map(db, argv[0]) != 0)
		return EXIT_USER;
	char *cause = NULL;
	int64_t rid;
	if (gap_row_find(db, argv[0], argv[1], &rid, &cause) != 0 ||
	    gap_row_delete(db, rid, &cause) != 0)
		return cli_cause(cause);
	struct gap_row r;
	gap_row_load(db, rid, &r);
	printf("deleted '%s' ('prepdeck gapmap undo %s' brings it back)\n", r.name, argv[0]);
	gap_row_clear(&r);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry gapmap_delete_entry = {
	.name = "delete", .args = "MAP ROW", .summary = "delete a row",
	.min = 2, .max = 2, .needs = "MAP and ROW", .operand = { ARG_MAP },
	.exec = cmd_gapmap_delete,
};
/* clang-format on */

static int
cmd_gapmap_undo(struct cmd *c)
{
	struct db *db = cli_db(c);
	char *id = map_arg(db, c->argc ? c->argv[0] : NULL);
	if (id == NULL || check_map(db, id) != 0) {
		free(id);
		return EXIT_USER;
	}
	char *what = NULL;
	int rc = EXIT_OK;
	if (gap_undo(db, id, &what, NULL)) {
		printf("undone: %s\n", what);
	} else {
		rc = cli_error("nothing to undo in '%s'", id);
	}
	free(what);
	free(id);
	return rc;
}

/* clang-format off */
static const struct cmd_entry gapmap_undo_entry = {
	.name = "undo", .args = "[MAP]", .summary = "undo the last change (repeatable)",
	.max = 1, .operand = { ARG_MAP }, .exec = cmd_gapmap_undo,
};
/* clang-format on */

static int
cmd_gapmap_gaps(struct cmd *c)
{
	int64_t limit = arg_int(c, "--limit", 3);
	struct db *db = cli_db(c);
	char *id = map_arg(db, c->argc ? c->argv[0] : NULL);
	if (id == NULL || check_map(db, id) != 0) {
		free(id);
		return EXIT_USER;
	}
	struct gap_rows rows;
	gap_weakest(db, id, (size_t)limit, &rows);
	if (rows.n == 0)
		printf("no gaps in '%s': every skill has evidence and confidence 3 or more\n", id);
	for (size_t i = 0; i < rows.n; i++) {
		const struct gap_row *r = &rows.v[i];
		char conf[16] = "not rated";
		if (r->confidence)
			snprintf(conf, sizeof conf, "%d/5", r->confidence);
		printf("%s\t%s\t%s\n", r->name, conf,
		       *r->evidence ? "has evidence" : "no evidence");
	}
	gap_rows_free(&rows);
	free(id);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry gapmap_gaps_entry = {
	.name = "gaps", .args = "[MAP] [--limit N]", .summary = "print the weakest gaps",
	.opts = (const struct cmd_opt[]){
		{ .name = "--limit", .type = OPT_INT, .arg = "N", .min = 1, .max = 1000, .need = "a value" },
		{ NULL },
	},
	.max = 1, .operand = { ARG_MAP }, .exec = cmd_gapmap_gaps,
};
/* clang-format on */

static int
cmd_gapmap_history(struct cmd *c)
{
	struct db *db = cli_db(c);
	char *id = map_arg(db, c->argc ? c->argv[0] : NULL);
	if (id == NULL || check_map(db, id) != 0) {
		free(id);
		return EXIT_USER;
	}
	struct gap_point *p;
	size_t n;
	gap_history(db, id, &p, &n);
	for (size_t i = 0; i < n; i++) {
		char when[32];
		fmt_iso_utc(p[i].at, when, sizeof when);
		struct gap_row r;
		gap_row_load(db, p[i].row_id, &r);
		if (p[i].confidence)
			printf("%s\t%s\t%d\n", when, r.name, p[i].confidence);
		else
			printf("%s\t%s\t-\n", when, r.name);
		gap_row_clear(&r);
	}
	if (n == 0)
		printf("no confidence changes in '%s' yet\n", id);
	free(p);
	free(id);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry gapmap_history_entry = {
	.name = "history", .args = "[MAP]", .summary = "print every confidence change",
	.max = 1, .operand = { ARG_MAP }, .exec = cmd_gapmap_history,
};
/* clang-format on */

static int
cmd_gapmap_use(struct cmd *c)
{
	struct db *db = cli_db(c);
	if (check_map(db, c->argv[0]) != 0)
		return EXIT_USER;
	gap_set_current(db, c->argv[0]);
	printf("current gap map: %s\n", c->argv[0]);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry gapmap_use_entry = {
	.name = "use", .args = "MAP", .summary = "make MAP the current map",
	.min = 1, .max = 1, .needs = "a MAP", .operand = { ARG_MAP }, .exec = cmd_gapmap_use,
};
/* clang-format on */

/* gapmap remove MAP: deletes a map of the user's; gapmap restore [MAP]
 * brings one back (by default the one removed last). */
static int
cmd_gapmap_remove(struct cmd *c)
{
	struct db *db = cli_db(c);
	struct gap_map m;
	char *cause = NULL;
	if (gap_map_get(db, c->argv[0], &m, &cause) != 0)
		return cli_cause(cause);
	int rows = m.nrows;
	gap_map_clear(&m);
	if (gap_map_delete(db, c->argv[0], &cause) != 0)
		return cli_cause(cause);
	printf("deleted the map '%s' (%d skill%s); 'prepdeck gapmap restore %s' brings it "
	       "back\n",
	       c->argv[0], rows, rows == 1 ? "" : "s", c->argv[0]);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry gapmap_remove_entry = {
	.name = "remove", .args = "MAP", .summary = "delete one of your maps (restore brings it back)",
	.min = 1, .max = 1, .needs = "a MAP", .operand = { ARG_MAP }, .exec = cmd_gapmap_remove,
};
/* clang-format on */

static int
cmd_gapmap_restore(struct cmd *c)
{
	struct db *db = cli_db(c);
	char *id = c->argc ? xstrdup(c->argv[0]) : gap_map_last_deleted(db);
	if (id == NULL)
		return cli_error("no deleted gap map to restore");
	char *cause = NULL;
	if (gap_map_restore(db, id, &cause) != 0) {
		free(id);
		return cli_cause(cause);
	}
	printf("restored the map '%s' (now the current map)\n", id);
	free(id);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry gapmap_restore_entry = {
	.name = "restore", .args = "[MAP]", .summary = "bring a removed map back",
	.max = 1, .exec = cmd_gapmap_restore,
};
/* clang-format on */

/* clang-format off */
const struct cmd_entry cmd_gapmap_entry = {
	.name = "gapmap", .args = "SUBCOMMAND ...",
	.summary = "list, show and edit skills-gap maps",
	.help = "gapmap list lists the maps (* marks the current one, which the Today screen "
	"and commands without MAP use). gapmap show [MAP] [--sort map|confidence|"
	"category|name] [--filter TEXT] [--gaps] prints a map as a table, numbering "
	"rows in map order and marking gaps (no evidence, or confidence 2 or lower) "
	"with '!'; gapmap show MAP ROW prints every field of one row. ROW is a row "
	"number, a skill id or a skill name (or a unique start of one). gapmap new ID "
	"[--title TITLE] [--role ROLE] makes an empty map. gapmap add MAP NAME "
	"[--category technical|system|behavioral] adds a row. gapmap set MAP ROW FIELD "
	"VALUE changes one field: skill, category, confidence (1-5, or none), status "
	"(todo, doing, done), evidence, next, decks, stories (ids separated by spaces "
	"or commas) or keywords; VALUE '-' reads it from standard input, for "
	"multi-line evidence. gapmap delete MAP ROW deletes a row. Every change is "
	"saved at once with its history, and is never overwritten by a later import. "
	"gapmap undo [MAP] undoes the last change (repeatable). gapmap gaps [MAP] "
	"[--limit N] prints the weakest gaps (3 by default). gapmap history [MAP] "
	"prints every confidence change with its time. gapmap use MAP makes MAP the "
	"current map. gapmap remove MAP deletes one of your maps (rows and history "
	"kept; the curriculum's maps cannot be removed) and gapmap restore [MAP] "
	"brings it back (by default the one removed last).",
	.subs = (const struct cmd_entry *const[]){
		&gapmap_list_entry, &gapmap_show_entry, &gapmap_new_entry, &gapmap_add_entry,
		&gapmap_set_entry, &gapmap_delete_entry, &gapmap_undo_entry, &gapmap_gaps_entry,
		&gapmap_history_entry, &gapmap_use_entry, &gapmap_remove_entry,
		&gapmap_restore_entry, NULL,
	},
	.dflt = "list",
};
/* clang-format on */

static int
cmd_jd_import(struct cmd *c)
{
	const char *file = c->argv[0], *name = arg_str(c, "--name");
	int update = arg_flag(c, "--update"), another = arg_flag(c, "--new");
	if (update && another)
		return cli_usage(c, "jd import: --update and --new exclude each other");
	enum jd_again again = update ? JD_UPDATE : another ? JD_ANOTHER : JD_ASK;
	struct db *db = cli_db(c);
	struct jd_result res;
	char *id = NULL, *cause = NULL;
	int added = 0;
	int rc = jd_import(db, file, name, again, &res, &id, &added, &cause);
	if (rc == JD_EXISTS) {
		cli_error("%s: --update refreshes it (your edits kept), --new makes another map",
		          cause);
		free(cause);
		free(id);
		jd_result_free(&res);
		return EXIT_USER;
	}
	if (rc < 0) {
		jd_result_free(&res);
		return cli_cause(cause);
	}
	struct gap_map m;
	gap_map_get(db, id, &m, NULL);
	if (rc == 1)
		printf("updated gap map '%s' (%s): %d skill%s added, %zu refreshed, your edits "
		       "kept; the job description asks for:\n",
		       id, m.title, added, added == 1 ? "" : "s", res.nskills - (size_t)added);
	else
		printf("created gap map '%s' (%s) with %zu skill%s, most asked-for first:\n", id,
		       m.title, res.nskills, res.nskills == 1 ? "" : "s");
	for (size_t i = 0; i < res.nskills; i++) {
		const struct jd_skill *s = &res.skills[i];
		printf("%4zu  ", i + 1);
		put_col(s->vocab_id, 26);
		printf(" %-10s %6.2f  ", s->category, s->weight);
		char *sp = xstrdup(s->spellings);
		for (char *p = sp; *p; p++)
			if (*p == '\n')
				*p = ',';
		printf("%d× %s\n", s->mentions, sp);
		free(sp);
	}
	if (res.nalso > 0) {
		printf("also mentioned (not in the vocabulary; add with 'prepdeck gapmap add %s "
		       "NAME'):\n",
		       id);
		for (size_t i = 0; i < res.nalso; i++)
			printf("  %s (%d×)\n", res.also[i].name, res.also[i].count);
	}
	gap_map_clear(&m);
	jd_result_free(&res);
	free(id);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry jd_import_entry = {
	.name = "import", .args = "FILE [--name NAME] [--update|--new]",
	.summary = "turn a job description into a gap map",
	.opts = (const struct cmd_opt[]){
		{ .name = "--name", .type = OPT_STR, .arg = "NAME", .need = "a value" },
		{ .name = "--update", .type = OPT_FLAG },
		{ .name = "--new", .type = OPT_FLAG },
		{ NULL },
	},
	.min = 1, .max = 1, .needs = "a FILE", .operand = { ARG_FILE }, .exec = cmd_jd_import,
};
/* clang-format on */

/* clang-format off */
const struct cmd_entry cmd_jd_entry = {
	.name = "jd", .args = "import FILE [--name NAME] [--update|--new]",
	.summary = "turn a job description into a gap map",
	.help = "Reads a job description saved as plain text or Markdown, finds the skills it "
	"asks for with the curriculum's skill vocabulary and its synonyms, weighs how "
	"strongly each is asked for (repeats; words such as own, lead, production, "
	"required and must count more; nice to have, bonus and a plus less; so do the "
	"company blurb and the interview-process section), and creates a new gap map "
	"with those skills strongest first, evidence empty and confidence unset, "
	"linked to the decks that cover them. The map's id comes from NAME or the "
	"file name and its title from NAME or the first heading. Capitalized names "
	"the vocabulary lacks and that appear at least twice are listed as 'also "
	"mentioned', to add by hand. An empty file, a binary file or a text with no "
	"known skill is refused with a message and creates nothing. When a map of "
	"that id already came from a job description, nothing happens without "
	"--update (refresh that map: new skills added, weights and spellings "
	"renewed, your evidence, confidence and other edits kept) or --new (make "
	"another map, id-2).",
	.subs = (const struct cmd_entry *const[]){ &jd_import_entry, NULL },
};
/* clang-format on */

static int
cmd_export_gapmap(struct cmd *c)
{
	const char *map = c->argc ? c->argv[0] : NULL, *out = arg_str(c, "--out");
	const char *newid = arg_str(c, "--id"), *fmts = arg_str(c, "--format");
	enum gap_format fmt = GAP_FMT_MD;
	if (fmts)
		gap_format_parse(fmts, &fmt);
	if (newid != NULL && !valid_id(newid))
		return cli_usage(c,
		                 "--id must be an id as the content files write them "
		                 "(lowercase letters, digits, '-', '_' and '.', starting with a "
		                 "letter or digit, at most %d), not '%s'",
		                 ID_MAX, newid);
	struct db *db = cli_db(c);
	char *id = map_arg(db, map);
	if (id == NULL)
		return EXIT_USER;
	/* Evidence is personal work history: a new file is private. */
	struct outfile of;
	char *cause = NULL;
	if (outfile_open(&of, out, &cause) != 0) {
		free(id);
		return cli_cause(cause);
	}
	int rc = gap_export(db, id, fmt, newid, of.fp, &cause);
	if (rc == 0)
		rc = outfile_commit(&of, &cause);
	else
		outfile_abort(&of);
	free(id);
	if (rc != 0)
		return cli_cause(cause);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_export_gapmap_entry = {
	.name = "gapmap", .args = "[MAP] [--format md|csv|yaml] [--out FILE] [--id ID]",
	.summary = "a gap map as Markdown, CSV or YAML",
	.opts = (const struct cmd_opt[]){
		{ .name = "--format", .type = OPT_STR, .arg = "FMT", .need = "a value", .words = "md csv yaml" },
		{ .name = "--out", .type = OPT_STR, .arg = "FILE", .need = "a value", .kind = ARG_FILE },
		{ .name = "--id", .type = OPT_STR, .arg = "ID", .need = "a value" },
		{ NULL },
	},
	.max = 1, .operand = { ARG_MAP }, .exec = cmd_export_gapmap,
};
/* clang-format on */
