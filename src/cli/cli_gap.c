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

/* cli_opt that says which option lacks its value (the commands here
 * return EXIT_USAGE on -1 without a message of their own). */
static int
opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
	int r = cli_opt(argc, argv, i, name, val);
	if (r < 0)
		cli_usage("gapmap", "%s needs a value", name);
	return r;
}

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
		fprintf(stderr, "prepdeck: there is no gap map yet; make one with 'prepdeck jd "
		        "import FILE' or 'prepdeck gapmap new ID'\n");
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
gm_list(struct db *db)
{
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
gm_show(struct db *db, int argc, char **argv)
{
	const char *map = NULL, *ref = NULL, *filter = NULL;
	enum gap_sort sort = GAP_SORT_MAP;
	int gaps_only = 0;
	for (int i = 2; i < argc; i++) {
		const char *v;
		int r;
		if ((r = opt_value(argc, argv, &i, "--sort", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			if (gap_sort_parse(v, &sort) != 0)
				return cli_usage("gapmap", "--sort must be map, confidence, category "
				                 "or name, not '%s'", v);
		} else if ((r = opt_value(argc, argv, &i, "--filter", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			filter = v;
		} else if (cli_flag(argv, i, "--gaps")) {
			gaps_only = 1;
		} else if (cli_isopt(argv, i)) {
			return cli_usage("gapmap", "gapmap show: unknown option '%s'", argv[i]);
		} else if (map == NULL) {
			map = argv[i];
		} else if (ref == NULL) {
			ref = argv[i];
		} else {
			return cli_usage("gapmap", "gapmap show: unexpected argument '%s'", argv[i]);
		}
	}
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

static int
gm_new(struct db *db, int argc, char **argv)
{
	const char *id = NULL, *title = NULL, *role = "";
	for (int i = 2; i < argc; i++) {
		const char *v;
		int r;
		if ((r = opt_value(argc, argv, &i, "--title", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			title = v;
		} else if ((r = opt_value(argc, argv, &i, "--role", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			role = v;
		} else if (cli_isopt(argv, i)) {
			return cli_usage("gapmap", "gapmap new: unknown option '%s'", argv[i]);
		} else if (id == NULL) {
			id = argv[i];
		} else {
			return cli_usage("gapmap", "gapmap new: unexpected argument '%s'", argv[i]);
		}
	}
	if (id == NULL)
		return cli_usage("gapmap", "gapmap new needs an ID");
	char *cause = NULL;
	if (gap_map_create(db, id, title ? title : id, role, "user", &cause) != 0)
		return cli_cause(cause);
	gap_set_current(db, id);
	printf("created gap map '%s'; add skills with 'prepdeck gapmap add %s NAME'\n", id, id);
	return EXIT_OK;
}

static int
gm_add(struct db *db, int argc, char **argv)
{
	const char *map = NULL, *name = NULL, *cat = NULL;
	for (int i = 2; i < argc; i++) {
		const char *v;
		int r;
		if ((r = opt_value(argc, argv, &i, "--category", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			cat = v;
		} else if (cli_isopt(argv, i)) {
			return cli_usage("gapmap", "gapmap add: unknown option '%s'", argv[i]);
		} else if (map == NULL) {
			map = argv[i];
		} else if (name == NULL) {
			name = argv[i];
		} else {
			return cli_usage("gapmap", "gapmap add: unexpected argument '%s' (quote a "
			                 "name with spaces)", argv[i]);
		}
	}
	if (name == NULL)
		return cli_usage("gapmap", "gapmap add needs MAP and NAME");
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

/* Reads all of standard input (for `set ... -`). Caller frees. */
static char *
read_stdin(void)
{
	struct sbuf b;
	sbuf_init(&b);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
		sbuf_addn(&b, buf, n);
	/* One final newline (as echo and editors add) is not part of it. */
	if (b.len > 0 && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	return sbuf_take(&b);
}

static int
gm_set(struct db *db, int argc, char **argv)
{
	if (argc != 6)
		return cli_usage("gapmap", "usage: prepdeck gapmap set MAP ROW FIELD VALUE "
		                 "(VALUE '-' reads standard input)");
	const char *map = argv[2], *ref = argv[3];
	enum gap_field f;
	if (gap_field_parse(argv[4], &f) != 0)
		return cli_usage("gapmap", "unknown field '%s' (skill, category, confidence, status, "
		                 "evidence, next, decks, stories, keywords)", argv[4]);
	if (check_map(db, map) != 0)
		return EXIT_USER;
	char *cause = NULL;
	int64_t rid;
	if (gap_row_find(db, map, ref, &rid, &cause) != 0)
		return cli_cause(cause);
	char *val = strcmp(argv[5], "-") == 0 ? read_stdin() : xstrdup(argv[5]);
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

static int
gm_delete(struct db *db, int argc, char **argv)
{
	if (argc != 4)
		return cli_usage("gapmap", "usage: prepdeck gapmap delete MAP ROW");
	if (check_map(db, argv[2]) != 0)
		return EXIT_USER;
	char *cause = NULL;
	int64_t rid;
	if (gap_row_find(db, argv[2], argv[3], &rid, &cause) != 0 ||
	    gap_row_delete(db, rid, &cause) != 0)
		return cli_cause(cause);
	struct gap_row r;
	gap_row_load(db, rid, &r);
	printf("deleted '%s' ('prepdeck gapmap undo %s' brings it back)\n", r.name, argv[2]);
	gap_row_clear(&r);
	return EXIT_OK;
}

static int
gm_undo(struct db *db, int argc, char **argv)
{
	if (argc > 3)
		return cli_usage("gapmap", "usage: prepdeck gapmap undo [MAP]");
	char *id = map_arg(db, argc == 3 ? argv[2] : NULL);
	if (id == NULL || check_map(db, id) != 0) {
		free(id);
		return EXIT_USER;
	}
	char *what = NULL;
	int rc = EXIT_OK;
	if (gap_undo(db, id, &what, NULL)) {
		printf("undone: %s\n", what);
	} else {
		fprintf(stderr, "prepdeck: nothing to undo in '%s'\n", id);
		rc = EXIT_USER;
	}
	free(what);
	free(id);
	return rc;
}

static int
gm_gaps(struct db *db, int argc, char **argv)
{
	const char *map = NULL;
	int64_t limit = 3;
	for (int i = 2; i < argc; i++) {
		const char *v;
		int r;
		if ((r = opt_value(argc, argv, &i, "--limit", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			if (cli_int("gapmap", "--limit", v, 1, 1000, &limit) != 0)
				return EXIT_USAGE;
		} else if (cli_isopt(argv, i)) {
			return cli_usage("gapmap", "gapmap gaps: unknown option '%s'", argv[i]);
		} else if (map == NULL) {
			map = argv[i];
		} else {
			return cli_usage("gapmap", "gapmap gaps: unexpected argument '%s'", argv[i]);
		}
	}
	char *id = map_arg(db, map);
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
		printf("%s\t%s\t%s\n", r->name, conf, *r->evidence ? "has evidence" : "no evidence");
	}
	gap_rows_free(&rows);
	free(id);
	return EXIT_OK;
}

static int
gm_history(struct db *db, int argc, char **argv)
{
	if (argc > 3)
		return cli_usage("gapmap", "usage: prepdeck gapmap history [MAP]");
	char *id = map_arg(db, argc == 3 ? argv[2] : NULL);
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

/* gapmap remove MAP: deletes a map of the user's; gapmap restore [MAP]
 * brings one back (by default the one removed last). */
static int
gm_remove(struct db *db, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage("gapmap", "usage: prepdeck gapmap remove MAP");
	struct gap_map m;
	char *cause = NULL;
	if (gap_map_get(db, argv[2], &m, &cause) != 0)
		return cli_cause(cause);
	int rows = m.nrows;
	gap_map_clear(&m);
	if (gap_map_delete(db, argv[2], &cause) != 0)
		return cli_cause(cause);
	printf("deleted the map '%s' (%d skill%s); 'prepdeck gapmap restore %s' brings it "
	       "back\n", argv[2], rows, rows == 1 ? "" : "s", argv[2]);
	return EXIT_OK;
}

static int
gm_restore(struct db *db, int argc, char **argv)
{
	if (argc > 3)
		return cli_usage("gapmap", "usage: prepdeck gapmap restore [MAP]");
	char *id = argc == 3 ? xstrdup(argv[2]) : gap_map_last_deleted(db);
	if (id == NULL) {
		cli_error("no deleted gap map to restore");
		return EXIT_USER;
	}
	char *cause = NULL;
	if (gap_map_restore(db, id, &cause) != 0) {
		free(id);
		return cli_cause(cause);
	}
	printf("restored the map '%s' (now the current map)\n", id);
	free(id);
	return EXIT_OK;
}

int
cmd_gapmap(struct cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "list";
	if (strcmp(sub, "list") == 0) {
		if (argc > 2)
			return cli_usage("gapmap", "gapmap list takes no arguments: '%s'", argv[2]);
		return gm_list(cli_db(c));
	}
	static const struct {
		const char *name;
		int (*fn)(struct db *, int, char **);
	} subs[] = {
		{ "show", gm_show }, { "new", gm_new }, { "add", gm_add }, { "set", gm_set },
		{ "delete", gm_delete }, { "undo", gm_undo }, { "gaps", gm_gaps },
		{ "history", gm_history }, { "remove", gm_remove }, { "restore", gm_restore },
	};
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(sub, subs[i].name) == 0)
			return subs[i].fn(cli_db(c), argc, argv);
	if (strcmp(sub, "use") == 0) {
		if (argc != 3)
			return cli_usage("gapmap", "usage: prepdeck gapmap use MAP");
		struct db *db = cli_db(c);
		if (check_map(db, argv[2]) != 0)
			return EXIT_USER;
		gap_set_current(db, argv[2]);
		printf("current gap map: %s\n", argv[2]);
		return EXIT_OK;
	}
	return cli_usage("gapmap", "gapmap: unknown subcommand '%s' (list, show, new, "
	                 "add, set, delete, undo, gaps, history, use, remove, restore)", sub);
}

int
cmd_jd(struct cli *c, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "import") != 0)
		return cli_usage("gapmap", "usage: prepdeck jd import FILE [--name NAME] "
		                 "[--update|--new]");
	const char *file = NULL, *name = NULL;
	enum jd_again again = JD_ASK;
	for (int i = 2; i < argc; i++) {
		const char *v;
		int r;
		if ((r = opt_value(argc, argv, &i, "--name", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			name = v;
		} else if (strcmp(argv[i], "--update") == 0) {
			again = JD_UPDATE;
		} else if (strcmp(argv[i], "--new") == 0) {
			again = JD_ANOTHER;
		} else if (cli_isopt(argv, i)) {
			return cli_usage("gapmap", "jd import: unknown option '%s'", argv[i]);
		} else if (file == NULL) {
			file = argv[i];
		} else {
			return cli_usage("gapmap", "jd import: unexpected argument '%s'", argv[i]);
		}
	}
	if (file == NULL)
		return cli_usage("gapmap", "jd import needs a FILE");
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
		       "kept; the job description asks for:\n", id, m.title, added,
		       added == 1 ? "" : "s", res.nskills - (size_t)added);
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
		       "NAME'):\n", id);
		for (size_t i = 0; i < res.nalso; i++)
			printf("  %s (%d×)\n", res.also[i].name, res.also[i].count);
	}
	gap_map_clear(&m);
	jd_result_free(&res);
	free(id);
	return EXIT_OK;
}

int
cmd_export(struct cli *c, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "gapmap") != 0)
		return cli_usage("gapmap", "usage: prepdeck export gapmap [MAP] --format md|csv|yaml "
		                 "[--out FILE] [--id ID]");
	const char *map = NULL, *out = NULL, *newid = NULL;
	enum gap_format fmt = GAP_FMT_MD;
	for (int i = 2; i < argc; i++) {
		const char *v;
		int r;
		if ((r = opt_value(argc, argv, &i, "--format", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			if (gap_format_parse(v, &fmt) != 0)
				return cli_usage("gapmap", "--format must be md, csv or yaml, not '%s'", v);
		} else if ((r = opt_value(argc, argv, &i, "--out", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			out = v;
		} else if ((r = opt_value(argc, argv, &i, "--id", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			newid = v;
		} else if (cli_isopt(argv, i)) {
			return cli_usage("gapmap", "export gapmap: unknown option '%s'", argv[i]);
		} else if (map == NULL) {
			map = argv[i];
		} else {
			return cli_usage("gapmap", "export gapmap: unexpected argument '%s'", argv[i]);
		}
	}
	if (newid != NULL && !valid_id(newid))
		return cli_usage("gapmap", "--id must be an id as the content files write them "
		                 "(lowercase letters, digits, '-', '_' and '.', starting with a "
		                 "letter or digit, at most 64), not '%s'", newid);
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
