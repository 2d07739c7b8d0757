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
anki_import_cmd(struct cli *c, int argc, char **argv)
{
	const char *file = NULL, *deck = NULL;
	int json = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		int r = cli_opt(argc, argv, &i, "--deck", &v);
		if (r < 0)
			return cli_usage("anki", "--deck needs a deck id");
		if (r > 0) {
			deck = v;
			continue;
		}
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage("anki", "anki import: unknown option '%s'", argv[i]);
		else if (file == NULL)
			file = argv[i];
		else
			return cli_usage("anki", "anki import takes one file");
	}
	if (file == NULL)
		return cli_usage("anki", "anki import needs a package file (.apkg or .colpkg)");
	if (deck != NULL) {
		size_t n = strlen(deck);
		int ok = n > 0 && n <= 64 && ((deck[0] >= 'a' && deck[0] <= 'z') ||
		                              (deck[0] >= '0' && deck[0] <= '9'));
		for (size_t i = 0; ok && i < n; i++)
			ok = (deck[i] >= 'a' && deck[i] <= 'z') || (deck[i] >= '0' && deck[i] <= '9') ||
			     deck[i] == '.' || deck[i] == '_' || deck[i] == '-';
		if (!ok)
			return cli_usage("anki", "--deck '%s' is not a valid id ([a-z0-9][a-z0-9._-]*, "
			                 "at most 64 characters)", deck);
	}
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
		fprintf(stderr, "prepdeck: %s: %s\nNothing was imported.\n", file, cause);
		free(cause);
		return EXIT_USER;
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

static int
anki_export_cmd(struct cli *c, int argc, char **argv)
{
	const char *out = NULL;
	int hist = 0, json = 0;
	char **decks = xcalloc((size_t)argc + 1, sizeof *decks);
	size_t nd = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		int r = cli_opt(argc, argv, &i, "--out", &v);
		if (r < 0) {
			free(decks);
			return cli_usage("anki", "--out needs a file name");
		}
		if (r > 0) {
			out = v;
			continue;
		}
		if (strcmp(argv[i], "--with-history") == 0) {
			hist = 1;
		} else if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (argv[i][0] == '-') {
			free(decks);
			return cli_usage("anki", "anki export: unknown option '%s'", argv[i]);
		} else {
			decks[nd++] = argv[i];
		}
	}
	if (nd == 0 || out == NULL || *out == '\0') {
		free(decks);
		return cli_usage("anki", "anki export needs deck ids and --out FILE.apkg");
	}
	struct db *db = cli_db(c);
	struct anki_export_counts n;
	char *cause = NULL;
	int rc = anki_export(db, decks, nd, out, hist, now_unix(), &n, &cause);
	free(decks);
	if (rc != 0) {
		fprintf(stderr, "prepdeck: %s\nNothing was written.\n", cause);
		free(cause);
		return EXIT_USER;
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

int
cli_anki(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return anki_import_cmd(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return anki_export_cmd(c, argc - 1, argv + 1);
	return cli_usage("anki", "anki needs 'import FILE' or 'export DECK... --out FILE'");
}
