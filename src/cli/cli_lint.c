/* `prepdeck lint`: the craft rules of lint.c over curriculum files, as
 * FILE:LINE:COL lines or one JSON object. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_lint.h"
#include "import.h"
#include "lint.h"
#include "paths.h"
#include "settings.h"
#include "util.h"

static void
print_json(const struct content_run *run, const struct lint_opts *o, const struct lint_report *r)
{
	printf("{\"files\": %zu, \"cards\": %zu, \"thresholds\": {\"answer_max\": %d, "
	       "\"cloze_max\": %d, \"duplicate\": %.2f},\n \"counts\": {",
	       run->nfiles, r->ncards, o->answer_max, o->cloze_max, o->duplicate);
	for (int k = 0; k < LINT_NRULES; k++)
		printf("%s\"%s\": %zu", k ? ", " : "", lint_rule_names[k], r->count[k]);
	printf("},\n \"findings\": [");
	for (size_t i = 0; i < r->n; i++) {
		const struct lint_finding *f = &r->v[i];
		printf("%s\n  {\"rule\": \"%s\", \"file\": ", i ? "," : "",
		       lint_rule_names[f->rule]);
		json_put_str(stdout, f->file);
		printf(", \"line\": %d, \"col\": %d, \"id\": ", f->line, f->col);
		json_put_str(stdout, f->id);
		printf(", \"message\": ");
		json_put_str(stdout, f->msg);
		if (f->other_file) {
			printf(", \"other\": {\"file\": ");
			json_put_str(stdout, f->other_file);
			printf(", \"line\": %d, \"col\": %d, \"id\": ", f->other_line,
			       f->other_col);
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
	printf(") in %zu file%s, %zu cards\n", run->nfiles, run->nfiles == 1 ? "" : "s", r->ncards);
}

static int
cmd_lint(struct cmd *c)
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
	int json = arg_flag(c, "--json");
	for (int k = 0; k < 3; k++) {
		const char *val = arg_str(c, thresholds[k].opt);
		char *cause = NULL;
		if (val == NULL)
			continue;
		if (settings_check(thresholds[k].setting, val, &given[k], &cause) != 0) {
			int rc = cli_usage(c, "%s: %s", thresholds[k].opt, cause);
			free(cause);
			return rc;
		}
		have[k] = 1;
	}
	char **paths = xcalloc((size_t)c->argc + 2, sizeof *paths);
	size_t npaths = 0;
	for (int i = 0; i < c->argc; i++)
		paths[npaths++] = c->argv[i];
	/* Thresholds and references to ids outside the files come from an
	 * existing database, opened read-only; lint writes nothing. */
	char *cause = NULL;
	struct db *db = cli_lookup_db(c, &cause);
	free(cause);
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
	struct content_run *run =
	        content_load(paths, npaths, bundled, db ? import_lookup : NULL, db);
	struct lint_report r;
	lint_run(run, &o, &r);
	if (json)
		print_json(run, &o, &r);
	else
		print_text(run, &r);
	int rc = r.n ? EXIT_USER : EXIT_OK;
	lint_report_free(&r);
	content_free(run);
	free(bundled);
	free(paths);
	return rc;
}

/* clang-format off */
const struct cmd_entry cmd_lint_entry = {
	.name = "lint", .args = "[--json] [OPTIONS] [PATH...]",
	.summary = "report craft problems in curriculum files (default: the bundled curriculum)",
	.help = "Reads the curriculum files under the given files or directories (the bundled "
	"curriculum by default) and reports, as FILE:LINE:COLUMN: RULE: message, what "
	"check lets pass but a good card avoids: long-answer (an answer, type-in answer, "
	"numbers value or cloze text of more than lint_answer_max words, 60 by "
	"default), long-cloze (a cloze deletion hiding more than lint_cloze_max words, "
	"5), duplicate (two cards anywhere in the files whose word 3-shingles overlap "
	"by lint_duplicate or more, 0.20 as a Jaccard index; both places are named; two "
	"type-ins whose expected answers differ practise one skill on other figures and "
	"are never a pair), "
	"term-without-deck (a vocabulary term with no deck), generic-task (a plan task "
	"whose text has no word beyond stop words, numbers and generic study words, "
	"such as 'Daily card review.'), typein-keyboard (a type-in answer with a "
	"character a plain keyboard cannot type) and invalid (anything check "
	"reports). A word is a run of characters between spaces that holds a letter "
	"or a digit. The rules are defined in prepdeck-content(5). The thresholds are "
	"settings (prepdeck settings NAME VALUE); --answer-max N, --cloze-max N and "
	"--duplicate X override them for one run. --json prints one JSON object with "
	"the counts per rule and every finding. Exits 1 when there is any finding; "
	"writes nothing.",
	.opts = (const struct cmd_opt[]){
		{ .name = "--json", .type = OPT_FLAG },
		{ .name = "--answer-max", .type = OPT_STR, .arg = "N", .need = "a value" },
		{ .name = "--cloze-max", .type = OPT_STR, .arg = "N", .need = "a value" },
		{ .name = "--duplicate", .type = OPT_STR, .arg = "X", .need = "a value" },
		{ NULL },
	},
	.max = -1, .operand = { ARG_FILE }, .exec = cmd_lint,
};
/* clang-format on */
