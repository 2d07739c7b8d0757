/* `prepdeck lint`: the craft rules of lint.c over curriculum files, as
 * FILE:LINE:COL lines or one JSON object. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_lint.h"
#include "import.h"
#include "lint.h"
#include "paths.h"
#include "settings.h"
#include "util.h"

static void
print_json(const struct content_run *run, const struct lint_opts *o,
           const struct lint_report *r)
{
	printf("{\"files\": %zu, \"cards\": %zu, \"thresholds\": {\"answer_max\": %d, "
	       "\"cloze_max\": %d, \"duplicate\": %.2f},\n \"counts\": {", run->nfiles,
	       r->ncards, o->answer_max, o->cloze_max, o->duplicate);
	for (int k = 0; k < LINT_NRULES; k++)
		printf("%s\"%s\": %zu", k ? ", " : "", lint_rule_names[k], r->count[k]);
	printf("},\n \"findings\": [");
	for (size_t i = 0; i < r->n; i++) {
		const struct lint_finding *f = &r->v[i];
		printf("%s\n  {\"rule\": \"%s\", \"file\": ", i ? "," : "", lint_rule_names[f->rule]);
		json_put_str(stdout, f->file);
		printf(", \"line\": %d, \"col\": %d, \"id\": ", f->line, f->col);
		json_put_str(stdout, f->id);
		printf(", \"message\": ");
		json_put_str(stdout, f->msg);
		if (f->other_file) {
			printf(", \"other\": {\"file\": ");
			json_put_str(stdout, f->other_file);
			printf(", \"line\": %d, \"col\": %d, \"id\": ", f->other_line, f->other_col);
			json_put_str(stdout, f->other_id);
			printf("}");
		}
		printf("}");
	}
	printf("]}\n");
}

static void
print_text(const struct content_run *run, const struct lint_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct lint_finding *f = &r->v[i];
		printf("%s:%d:%d: %s: %s\n", f->file, f->line, f->col, lint_rule_names[f->rule],
		       f->msg);
	}
	if (r->n == 0) {
		printf("lint: no findings (%zu file%s, %zu cards)\n", run->nfiles,
		       run->nfiles == 1 ? "" : "s", r->ncards);
		return;
	}
	printf("lint: %zu finding%s (", r->n, r->n == 1 ? "" : "s");
	int first = 1;
	for (int k = 0; k < LINT_NRULES; k++) {
		if (r->count[k] == 0)
			continue;
		printf("%s%zu %s", first ? "" : ", ", r->count[k], lint_rule_names[k]);
		first = 0;
	}
	printf(") in %zu file%s, %zu cards\n", run->nfiles, run->nfiles == 1 ? "" : "s",
	       r->ncards);
}

int
cli_lint(struct cli *c, int argc, char **argv)
{
	static const struct {
		const char *opt, *setting;
	} thresholds[] = {
		{ "--answer-max", "lint_answer_max" },
		{ "--cloze-max", "lint_cloze_max" },
		{ "--duplicate", "lint_duplicate" },
	};
	double given[3];
	int have[3] = { 0, 0, 0 };
	int json = 0;
	char **paths = xcalloc((size_t)argc + 1, sizeof *paths);
	size_t npaths = 0;
	int rc = EXIT_OK;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
			continue;
		}
		if (strcmp(argv[i], "--") == 0) {
			while (++i < argc)
				paths[npaths++] = argv[i];
			break;
		}
		int matched = 0;
		for (int k = 0; k < 3 && !matched; k++) {
			const char *val;
			int m = cli_opt(argc, argv, &i, thresholds[k].opt, &val);
			if (m == 0)
				continue;
			matched = 1;
			char *cause = NULL;
			if (m < 0)
				rc = cli_usage("lint", "%s needs a value", thresholds[k].opt);
			else if (settings_check(thresholds[k].setting, val, &given[k], &cause) != 0)
				rc = cli_usage("lint", "%s: %s", thresholds[k].opt, cause);
			free(cause);
			have[k] = 1;
		}
		if (rc != EXIT_OK)
			break;
		if (matched)
			continue;
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			rc = cli_usage("lint", "lint: unknown option '%s'", argv[i]);
			break;
		}
		paths[npaths++] = argv[i];
	}
	if (rc != EXIT_OK) {
		free(paths);
		return rc;
	}
	/* Thresholds and references to ids outside the files come from an
	 * existing database, opened read-only; lint writes nothing. */
	struct db *db = NULL;
	char *path = paths_db(c->dbflag, NULL);
	if (path != NULL && access(path, R_OK) == 0)
		db = db_open(path, DB_OPEN_READONLY, NULL, NULL);
	free(path);
	struct settings set;
	settings_load(db, &set);
	struct lint_opts o = { set.lint_answer_max, set.lint_cloze_max, set.lint_duplicate };
	if (have[0])
		o.answer_max = (int)given[0];
	if (have[1])
		o.cloze_max = (int)given[1];
	if (have[2])
		o.duplicate = given[2];

	char *bundled = paths_content();
	if (npaths == 0)
		paths[npaths++] = bundled;
	struct content_run *run = content_load(paths, npaths, bundled,
	                                       db ? import_lookup : NULL, db);
	struct lint_report r;
	lint_run(run, &o, &r);
	if (json)
		print_json(run, &o, &r);
	else
		print_text(run, &r);
	rc = r.n ? EXIT_USER : EXIT_OK;
	lint_report_free(&r);
	content_free(run);
	free(bundled);
	free(paths);
	db_close(db);
	return rc;
}
