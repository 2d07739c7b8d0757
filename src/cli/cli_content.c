/* Commands of the curriculum files and the database as a whole: import,
 * check, status. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli_content.h"
#include "content.h"
#include "import.h"
#include "paths.h"
#include "summary.h"
#include "util.h"

static int
cmd_import(struct cmd *c)
{
	struct db *db = cli_db(c);
	struct import_stats st;
	if (import_paths(db, c->argv, (size_t)c->argc, &st, stderr) != 0)
		return EXIT_USER;
	printf("imported: %d added or changed, %d unchanged, %d retired\n", st.written, st.kept,
	       st.retired);
	if (st.carried)
		printf("replaced: the history of %d old card%s carried over\n", st.carried,
		       st.carried == 1 ? "" : "s");
	if (st.kept_apart)
		printf("replaced: %d old card%s kept %s history: the card replacing %s "
		       "has history of its own\n",
		       st.kept_apart, st.kept_apart == 1 ? "" : "s",
		       st.kept_apart == 1 ? "its" : "their", st.kept_apart == 1 ? "it" : "them");
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_import_entry = {
	.name = "import", .args = "[PATH...]",
	.summary = "import curriculum files (default: the bundled curriculum)",
	.help = "Checks every YAML file under the given files or directories and, only if "
	"all of them are correct, writes them to the database in one transaction. "
	"Importing the same files again changes nothing; edited items are updated "
	"and keep their history; items no longer in the files are retired. A card "
	"that names retired cards in its replaces: list takes over their reviews "
	"and memory state (see prepdeck-content(5)).",
	.max = -1, .operand = { ARG_FILE }, .exec = cmd_import,
};
/* clang-format on */

static int
cmd_check(struct cmd *c)
{
	/* References to ids outside the checked files resolve against an
	 * existing database, opened read-only; nothing is written. */
	char *cause = NULL;
	struct db *db = cli_lookup_db(c, &cause);
	if (cause != NULL) {
		int rc = cli_error("cannot check references against the database: %s", cause);
		free(cause);
		return rc;
	}
	char *bundled = paths_content();
	struct content_run *run =
	        content_load(c->argv, (size_t)c->argc, bundled, db ? import_lookup : NULL, db);
	free(bundled);
	int rc = EXIT_OK;
	if (run->diags.n) {
		diags_print(&run->diags, stderr);
		fprintf(stderr, "%zu error%s\n", run->diags.n, run->diags.n == 1 ? "" : "s");
		rc = EXIT_USER;
	} else {
		printf("ok: %zu file%s, %zu document%s, %zu cards, %zu stories, "
		       "%zu prompts, %zu vocabulary terms\n",
		       run->nfiles, run->nfiles == 1 ? "" : "s", run->ndocs,
		       run->ndocs == 1 ? "" : "s", run->ncards, run->nstories, run->nprompts,
		       run->nterms);
	}
	content_free(run);
	return rc;
}

/* clang-format off */
const struct cmd_entry cmd_check_entry = {
	.name = "check", .args = "PATH...",
	.summary = "validate curriculum files without writing anything",
	.help = "Reports every mistake as FILE:LINE:COLUMN: message and exits 1 if there "
	"is any.",
	.min = 1, .max = -1, .needs = "at least one PATH", .operand = { ARG_FILE },
	.exec = cmd_check,
};
/* clang-format on */

static int
cmd_status(struct cmd *c)
{
	struct db *db = cli_db(c);
	struct summary s;
	summary_load(db, &s);
	printf("database: %s\n", db_path(db));
	printf("decks: %d\ncards: %d (%d new, %d seen)\nreviews: %d\nplans: %d\n"
	       "stories: %d\nprompts: %d\nchecklists: %d\nrubrics: %d\n"
	       "gap maps: %d (%d skills)\nvocabulary: %d terms\n",
	       s.decks, s.cards, s.cards_new, s.cards_seen, s.reviews_total, s.plans, s.stories,
	       s.prompts, s.checklists, s.rubrics, s.gapmaps, s.gap_rows, s.terms);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_status_entry = {
	.name = "status", .args = "",
	.summary = "print what the database holds",
	.help = "Prints the database path and the number of decks, cards, reviews, plans, "
	"stories, checklists, rubrics and gap maps.",
	.exec = cmd_status,
};
/* clang-format on */
