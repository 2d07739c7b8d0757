/* `prepdeck anki import FILE` and `prepdeck anki export DECK... --out
 * FILE`: Anki packages in and out (doc/anki.md). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "anki.h"
#include "cli_anki.h"
#include "util.h"

/* A progress line on a terminal, redrawn at most every few percent. */
static void
progress(void *ctx, const char *what, int64_t done, int64_t total)
{
	int *last = ctx;
	int pct = total > 0 ? (int)(done * 100 / total) : -1;
	if (pct == *last)
		return;
	*last = pct;
	if (total > 0)
		fprintf(stderr, "\r%s... %3d%%   ", what, pct > 100 ? 100 : pct);
	else
		fprintf(stderr, "\r%s... %lld   ", what, (long long)done);
	fflush(stderr);
}

static int
cmd_anki_import(struct cmd *c)
{
	const char *file = c->argv[0], *deck = arg_str(c, "--deck");
	int json = arg_flag(c, "--json");
	if (deck != NULL && !valid_id(deck))
		return cli_usage(c,
		                 "--deck '%s' is not a valid id ([a-z0-9][a-z0-9._-]*, "
		                 "at most %d characters)",
		                 deck, ID_MAX);
	struct db *db = cli_db(c);
	size_t fl = strlen(file);
	int last = -2;
	struct anki_import_opts o = {
		.deck = deck,
		.collection = fl > 7 && strcmp(file + fl - 7, ".colpkg") == 0,
		.now = now_unix(),
		.progress = isatty(2) ? progress : NULL,
		.ctx = &last,
	};
	struct anki_summary s;
	char *cause = NULL;
	int rc = anki_import(db, file, &o, &s, &cause);
	if (o.progress)
		fprintf(stderr, "\r%-40s\r", "");
	if (rc != 0) {
		rc = cli_error("%s: %s\nNothing was imported.", file, cause);
		free(cause);
		return rc;
	}
	if (json) {
		anki_summary_json(&s, stdout);
	} else {
		char *t = anki_summary_text(&s);
		fputs(t, stdout);
		free(t);
	}
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry anki_import_entry = {
	.name = "import", .args = "FILE [--deck ID] [--json]",
	.summary = "import an Anki package (.apkg or .colpkg) with its history",
	.opts = (const struct cmd_opt[]){
		{ .name = "--deck", .type = OPT_STR, .arg = "ID", .need = "a deck id", .kind = ARG_DECK },
		{ .name = "--json", .type = OPT_FLAG },
		{ NULL },
	},
	.min = 1, .max = 1, .needs = "a package file (.apkg or .colpkg)",
	.operand = { ARG_FILE }, .exec = cmd_anki_import,
};
/* clang-format on */

static int
cmd_anki_export(struct cmd *c)
{
	const char *out = arg_str(c, "--out");
	int hist = arg_flag(c, "--with-history"), json = arg_flag(c, "--json");
	if (c->argc == 0 || out == NULL || *out == '\0')
		return cli_usage(c, "anki export needs deck ids and --out FILE.apkg");
	char **decks = c->argv;
	size_t nd = (size_t)c->argc;
	struct db *db = cli_db(c);
	struct anki_export_counts n;
	char *cause = NULL;
	if (anki_export(db, decks, nd, out, hist, now_unix(), &n, &cause) != 0) {
		int rc = cli_error("%s\nNothing was written.", cause);
		free(cause);
		return rc;
	}
	if (json)
		printf("{\"file\":\"%s\",\"decks\":%d,\"notes\":%d,\"cards\":%d,\"reviews\":%lld}\n",
		       out, n.decks, n.notes, n.cards, (long long)n.reviews);
	else
		printf("Wrote %s: %d deck%s, %d note%s, %d card%s, %lld review%s.\n", out, n.decks,
		       n.decks == 1 ? "" : "s", n.notes, n.notes == 1 ? "" : "s", n.cards,
		       n.cards == 1 ? "" : "s", (long long)n.reviews, n.reviews == 1 ? "" : "s");
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry anki_export_entry = {
	.name = "export", .args = "DECK... --out FILE [--with-history] [--json]",
	.summary = "write decks as an Anki package",
	.opts = (const struct cmd_opt[]){
		{ .name = "--out", .type = OPT_STR, .arg = "FILE", .need = "a file name", .kind = ARG_FILE },
		{ .name = "--with-history", .type = OPT_FLAG },
		{ .name = "--json", .type = OPT_FLAG },
		{ NULL },
	},
	.max = -1, .operand = { ARG_DECK }, .exec = cmd_anki_export,
};
/* clang-format on */

/* clang-format off */
const struct cmd_entry cmd_anki_entry = {
	.name = "anki", .args = "import FILE [--deck ID] [--json] | export DECK... --out FILE [--with-history]",
	.summary = "import Anki packages with their history; export decks for Anki and phones",
	.help = "anki import FILE reads an Anki package (.apkg) or collection (.colpkg) in any "
	"format Anki writes (collection.anki2, .anki21, .anki21b): Basic, Basic and "
	"reversed, Basic (type in the answer) and Cloze notes become prepdeck cards "
	"(other note types: their first two fields, as basic cards), fields are cleaned "
	"of HTML, Anki decks become your own decks (never retired by a curriculum "
	"import), tags are kept, and every review in the package's log is added to the "
	"card's history, which is replayed through FSRS. Ids come from the notes' "
	"guids, so importing the same file again changes nothing and a newer export "
	"updates the text and adds only the new reviews. --deck ID puts every card "
	"into one deck of yours. All or nothing, with a summary of what was added, "
	"updated and skipped (--json for scripts). Packages over 65,536 entries or "
	"with a collection over 1 GiB uncompressed, and entries named with '..' or an "
	"absolute path, are refused. anki export DECK... --out FILE.apkg writes the "
	"decks as a package that Anki, AnkiDroid and AnkiMobile import (legacy "
	"collection.anki2); guids come from the card ids, so a newer export updates "
	"the notes on the phone. --with-history adds the review log and each card's "
	"due date; importing the phone's export back merges its new reviews.",
	.subs = (const struct cmd_entry *const[]){ &anki_import_entry, &anki_export_entry, NULL },
};
/* clang-format on */
