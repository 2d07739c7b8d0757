/* Commands for the learner's own cards: card add|edit|history|revert|
 * delete|reset|move|undo, cards search, export deck, and profile. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "cli.h"
#include "cli_cards.h"
#include "cli_ical.h"
#include "db_search.h"
#include "deck_export.h"
#include "profile.h"
#include "review.h"
#include "settings.h"
#include "story.h"
#include "util.h"

static const char *const author_verbs[] = {
	"add", "edit", "history", "revert", "delete", "reset", "move", "undo", NULL,
};

int
cli_card_is_author(const char *verb)
{
	for (int i = 0; author_verbs[i]; i++)
		if (strcmp(verb, author_verbs[i]) == 0)
			return 1;
	return 0;
}

/* Standard input as text for a VALUE of "-": a new string, or NULL
 * with *cause set when it holds a NUL byte or is far over any limit. */
static char *
read_input(char **cause)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
		if (memchr(buf, '\0', n) != NULL) {
			sbuf_free(&b);
			fail(cause, "standard input holds a NUL byte: it is not text");
			return NULL;
		}
		sbuf_addn(&b, buf, n);
		if (b.len > 4 * (size_t)CARD_TEXT_MAX) {
			sbuf_free(&b);
			fail(cause, "standard input is too long (a field holds at most %u bytes)",
			     CARD_TEXT_MAX);
			return NULL;
		}
	}
	/* One final newline (as echo and editors add) is not part of it. */
	if (b.len > 0 && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	if (b.len > 0 && b.s[b.len - 1] == '\r')
		b.s[--b.len] = '\0';
	return sbuf_take(&b);
}

/* VALUE, or standard input when VALUE is "-" (read once). */
static char *
value_arg(const char *v, int *used_stdin, char **cause)
{
	if (strcmp(v, "-") != 0)
		return xstrdup(v);
	if (*used_stdin) {
		fail(cause, "only one value can come from standard input");
		return NULL;
	}
	*used_stdin = 1;
	return read_input(cause);
}

static const char *
state_word(int state)
{
	static const char *const w[] = { "new", "learning", "review", "relearning" };
	return state >= 0 && state <= 3 ? w[state] : "?";
}

/* card add --deck ID [--kind K] --front TEXT [--back TEXT] [--note TEXT]
 * [--tags a,b] [--now] [--force] */
static int
card_add(struct cli *c, int argc, char **argv)
{
	struct card_note n;
	cards_note_init(&n);
	int now = 0, force = 0, used_stdin = 0, rc = EXIT_OK, have_front = 0, have_deck = 0;
	char *cause = NULL;
	for (int i = 2; i < argc; i++) {
		static const char *const fields[][2] = {
			{ "--deck", "deck" }, { "--kind", "kind" }, { "--front", "front" },
			{ "--back", "back" }, { "--note", "note" }, { "--tags", "tags" },
		};
		int matched = 0;
		for (size_t f = 0; f < sizeof fields / sizeof fields[0] && !matched; f++) {
			const char *v;
			int r = cli_opt(argc, argv, &i, fields[f][0], &v);
			if (r == 0)
				continue;
			matched = 1;
			if (r < 0) {
				rc = cli_usage("card", "%s needs a value", fields[f][0]);
				goto out;
			}
			char *val = value_arg(v, &used_stdin, &cause);
			if (val == NULL) {
				rc = cli_cause(cause);
				goto out;
			}
			cards_note_set(&n, fields[f][1], val, NULL);
			free(val);
			have_front |= f == 2;
			have_deck |= f == 0;
		}
		if (matched)
			continue;
		if (strcmp(argv[i], "--now") == 0) {
			now = 1;
		} else if (strcmp(argv[i], "--force") == 0) {
			force = 1;
		} else {
			rc = cli_usage("card", "card add: unexpected argument '%s'", argv[i]);
			goto out;
		}
	}
	if (!have_deck || !have_front) {
		rc = cli_usage("card", "usage: prepdeck card add --deck ID [--kind basic|reverse|"
		               "cloze|typein] --front TEXT [--back TEXT] [--note TEXT] "
		               "[--tags a,b] [--now] [--force]");
		goto out;
	}
	struct db *db = cli_db(c);
	int r = cards_add(db, &n, now, force, &cause);
	if (r == CARDS_DUPLICATE) {
		rc = cli_error("%s; not added (add --force to add it anyway)", cause);
		free(cause);
	} else if (r != 0) {
		rc = cli_cause(cause);
	} else {
		printf("%s\n", n.note_id);
	}
out:
	cards_note_clear(&n);
	return rc;
}

static int
card_edit(struct db *db, int argc, char **argv)
{
	if (argc != 5)
		return cli_usage("card", "usage: prepdeck card edit CARD FIELD VALUE (FIELD: "
		                 "front, back, note, tags, deck or kind; VALUE '-' reads "
		                 "standard input)");
	char *cause = NULL;
	int used = 0;
	char *val = value_arg(argv[4], &used, &cause);
	if (val == NULL)
		return cli_cause(cause);
	int r = cards_edit(db, argv[2], argv[3], val, &cause);
	free(val);
	if (r != 0)
		return cli_cause(cause);
	struct card_note n;
	if (cards_note_get(db, argv[2], &n, NULL) == 0)
		printf("%s: %s saved%s\n", argv[2], argv[3], n.override ? " (your version of "
		       "the curriculum card; 'prepdeck card revert' goes back)" : "");
	cards_note_clear(&n);
	return EXIT_OK;
}

static int
card_history(struct db *db, int argc, char **argv)
{
	int json = 0;
	const char *card = NULL;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage("card", "card history: unknown option '%s'", argv[i]);
		else if (card == NULL)
			card = argv[i];
		else
			return cli_usage("card", "card history: unexpected argument '%s'", argv[i]);
	}
	if (card == NULL)
		return cli_usage("card", "usage: prepdeck card history CARD [--json]");
	struct card_history h;
	char *cause = NULL;
	if (cards_history(db, card, &h, &cause) != 0)
		return cli_cause(cause);
	char at[32], due[32], ivl[16];
	if (json) {
		printf("{\"card\": ");
		json_put_str(stdout, card);
		printf(", \"reviews\": [");
		for (size_t i = 0; i < h.nrev; i++) {
			const struct card_review_entry *e = &h.rev[i];
			fmt_iso_utc(e->at, at, sizeof at);
			fmt_iso_utc(e->due, due, sizeof due);
			printf("%s\n  {\"card\": ", i ? "," : "");
			json_put_str(stdout, e->key);
			printf(", \"at\": \"%s\", \"rating\": %d, \"cram\": %s, \"state\": \"%s\", "
			       "\"due\": \"%s\", \"interval_days\": %.4f}", at, e->rating,
			       e->cram ? "true" : "false", state_word(e->state), due,
			       (double)(e->due - e->at) / 86400.0);
		}
		printf("],\n \"changes\": [");
		for (size_t i = 0; i < h.nchg; i++) {
			const struct card_change_entry *e = &h.chg[i];
			fmt_iso_utc(e->at, at, sizeof at);
			printf("%s\n  {\"at\": \"%s\", \"action\": ", i ? "," : "", at);
			json_put_str(stdout, e->action);
			printf(", \"detail\": ");
			json_put_str(stdout, e->detail);
			printf(", \"undone\": %s}", e->undone_at ? "true" : "false");
		}
		printf("]}\n");
	} else {
		if (h.nrev == 0)
			printf("no reviews\n");
		for (size_t i = 0; i < h.nrev; i++) {
			const struct card_review_entry *e = &h.rev[i];
			static const char *const rn[] = { "?", "again", "hard", "good", "easy" };
			fmt_iso_utc(e->at, at, sizeof at);
			review_fmt_interval(e->due - e->at, ivl, sizeof ivl);
			printf("%s  %-20s %-6s %-10s %s%s\n", at, e->key,
			       rn[e->rating >= 1 && e->rating <= 4 ? e->rating : 0],
			       state_word(e->state), e->cram ? "-" : ivl, e->cram ? "  cram" : "");
		}
		for (size_t i = 0; i < h.nchg; i++) {
			const struct card_change_entry *e = &h.chg[i];
			fmt_iso_utc(e->at, at, sizeof at);
			printf("%s  %s%s%s%s\n", at, e->action, *e->detail ? ": " : "", e->detail,
			       e->undone_at ? " (undone)" : "");
		}
	}
	cards_history_free(&h);
	return EXIT_OK;
}

int
cli_card_author(struct cli *c, int argc, char **argv)
{
	const char *verb = argv[1];
	if (strcmp(verb, "add") == 0)
		return card_add(c, argc, argv);
	struct db *db = cli_db(c);
	if (strcmp(verb, "edit") == 0)
		return card_edit(db, argc, argv);
	if (strcmp(verb, "history") == 0)
		return card_history(db, argc, argv);
	char *cause = NULL, *what = NULL;
	if (strcmp(verb, "undo") == 0) {
		if (argc != 2)
			return cli_usage("card", "usage: prepdeck card undo");
		if (cards_undo(db, &what, &cause) != 0)
			return cli_cause(cause);
		printf("%s\n", what);
		free(what);
		return EXIT_OK;
	}
	if (strcmp(verb, "move") == 0) {
		if (argc != 4)
			return cli_usage("card", "usage: prepdeck card move CARD DECK");
		if (cards_move(db, argv[2], argv[3], &cause) != 0)
			return cli_cause(cause);
		printf("%s: moved to %s\n", argv[2], argv[3]);
		return EXIT_OK;
	}
	if (argc != 3)
		return cli_usage("card", "usage: prepdeck card %s CARD", verb);
	int r;
	const char *done;
	if (strcmp(verb, "revert") == 0) {
		r = cards_revert(db, argv[2], &cause);
		done = "back to the curriculum's text";
	} else if (strcmp(verb, "delete") == 0) {
		r = cards_delete(db, argv[2], &cause);
		done = "deleted (its reviews stay in the log; 'prepdeck card undo' brings it back)";
	} else {
		r = cards_reset(db, argv[2], &cause);
		done = "reset to new (its reviews stay in the log)";
	}
	if (r != 0)
		return cli_cause(cause);
	printf("%s: %s\n", argv[2], done);
	return EXIT_OK;
}

/* cards search QUERY [--deck ID] [--tag TAG] [--state S] [--sort S]
 * [--limit N] [--json] */
static int
cards_search(struct cli *c, int argc, char **argv)
{
	struct card_query q = { .limit = 100, .count_max = 1000000 };
	int json = 0;
	const char *v;
	for (int i = 2; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--deck", &v)) != 0) {
			if (r < 0)
				return cli_usage("cards", "--deck needs a deck id");
			q.deck = v;
		} else if ((r = cli_opt(argc, argv, &i, "--tag", &v)) != 0) {
			if (r < 0)
				return cli_usage("cards", "--tag needs a tag");
			q.tag = v;
		} else if ((r = cli_opt(argc, argv, &i, "--state", &v)) != 0) {
			if (r < 0 || card_state_parse(v, &q.state) != 0)
				return cli_usage("cards", "--state is one of new, learning, review, "
				                 "suspended, buried, flagged, leech, due, mine, edited, "
				                 "changed%s%s%s", r > 0 ? " (not '" : "", r > 0 ? v : "",
				                 r > 0 ? "')" : "");
		} else if ((r = cli_opt(argc, argv, &i, "--sort", &v)) != 0) {
			if (r < 0 || card_sort_parse(v, &q.sort) != 0)
				return cli_usage("cards", "--sort is one of added, relevance, deck, due, "
				                 "difficulty, lapses");
		} else if ((r = cli_opt(argc, argv, &i, "--limit", &v)) != 0) {
			char *end;
			long n = r > 0 ? strtol(v, &end, 10) : 0;
			if (r < 0 || *end != '\0' || n < 1 || n > 1000000)
				return cli_usage("cards", "--limit is a number from 1 to 1000000");
			q.limit = (size_t)n;
		} else if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage("cards", "cards search: unknown option '%s'", argv[i]);
		} else if (q.text == NULL) {
			q.text = argv[i];
		} else {
			return cli_usage("cards", "cards search takes one QUERY (quote it): '%s'",
			                 argv[i]);
		}
	}
	if (q.text && utf8_invalid_at(q.text, strlen(q.text)) >= 0)
		return cli_error("the search is not valid UTF-8");
	struct db *db = cli_db(c);
	if (q.deck && db_int(db, 0, "SELECT count(*) FROM doc WHERE id = ? AND kind IN "
	                     "('deck', 'numbers')", "t", q.deck) == 0)
		return cli_error("no deck '%s' (see 'prepdeck due' for the decks)", q.deck);
	struct settings set;
	settings_load(db, &set);
	q.now = now_unix();
	q.day_end = day_end(q.now, set.rollover_hour);
	struct card_hit *h;
	size_t n, total;
	char *cause = NULL;
	if (db_card_search(db, &q, &h, &n, &total, &cause) != 0)
		return cli_cause(cause);
	if (json) {
		printf("[");
		for (size_t i = 0; i < n; i++) {
			printf("%s\n  {\"card\": ", i ? "," : "");
			json_put_str(stdout, h[i].key);
			printf(", \"deck\": ");
			json_put_str(stdout, h[i].deck_id);
			printf(", \"kind\": ");
			json_put_str(stdout, h[i].kind);
			printf(", \"front\": ");
			json_put_str(stdout, h[i].front);
			printf(", \"back\": ");
			json_put_str(stdout, h[i].back);
			char due[32] = "";
			if (h[i].state)
				fmt_iso_utc(h[i].due, due, sizeof due);
			printf(", \"state\": \"%s\", \"due\": %s%s%s, \"suspended\": %s, "
			       "\"flagged\": %s, \"leech\": %s, \"mine\": %s, \"edited\": %s, "
			       "\"changed\": %s}", state_word(h[i].state), h[i].state ? "\"" : "",
			       h[i].state ? due : "null", h[i].state ? "\"" : "",
			       h[i].suspended ? "true" : "false", h[i].flag ? "true" : "false",
			       h[i].leech ? "true" : "false", h[i].user ? "true" : "false",
			       h[i].override ? "true" : "false", h[i].changed ? "true" : "false");
		}
		printf("%s]\n", n ? "\n" : "");
	} else {
		for (size_t i = 0; i < n; i++) {
			char line[81];
			snprintf(line, sizeof line, "%s", h[i].front);
			line[strcspn(line, "\n")] = '\0';
			printf("%s\t%s\t%s\t%s%s%s\t%s\n", h[i].key, h[i].deck_id, h[i].kind,
			       state_word(h[i].state), h[i].suspended ? ",suspended" : "",
			       h[i].override ? ",edited" : "", line);
		}
		if (total > n)
			fprintf(stderr, "prepdeck: showing %zu of %zu cards (--limit N shows more)\n",
			        n, total);
		else if (n == 0)
			fprintf(stderr, "prepdeck: no card matches\n");
	}
	card_hits_free(h, n);
	return EXIT_OK;
}

int
cli_cards(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "search") == 0)
		return cards_search(c, argc, argv);
	return cli_usage("cards", "usage: prepdeck cards search QUERY [--deck ID] [--tag TAG] "
	                 "[--state S] [--sort S] [--limit N] [--json]");
}

/* export deck ID [--format yaml|md|csv] [--out FILE]; argv[0] is "deck". */
int
cli_export_deck(struct cli *c, int argc, char **argv)
{
	const char *deck = NULL, *out = NULL, *v;
	enum deck_format fmt = DECK_FMT_YAML;
	for (int i = 1; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--format", &v)) != 0) {
			if (r < 0 || deck_format_parse(v, &fmt) != 0)
				return cli_usage("export", "--format is yaml, md or csv%s%s%s",
				                 r > 0 ? " (not '" : "", r > 0 ? v : "", r > 0 ? "')" : "");
		} else if ((r = cli_opt(argc, argv, &i, "--out", &v)) != 0) {
			if (r < 0)
				return cli_usage("export", "--out needs a FILE");
			out = v;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage("export", "export deck: unknown option '%s'", argv[i]);
		} else if (deck == NULL) {
			deck = argv[i];
		} else {
			return cli_usage("export", "export deck: unexpected argument '%s'", argv[i]);
		}
	}
	if (deck == NULL)
		return cli_usage("export", "usage: prepdeck export deck ID [--format yaml|md|csv] "
		                 "[--out FILE]");
	struct db *db = cli_db(c);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	if (fp == NULL)
		return cli_error("out of memory");
	char *cause = NULL;
	int n = deck_export(db, deck, fmt, fp, &cause);
	fclose(fp);
	int rc = EXIT_OK;
	if (n < 0)
		rc = cli_cause(cause);
	else if (out != NULL && cli_write_whole(out, buf, len, &cause) != 0)
		rc = cli_cause(cause);
	else if (out == NULL)
		fwrite(buf, 1, len, stdout);
	if (rc == EXIT_OK && out != NULL)
		fprintf(stderr, "prepdeck: wrote %d card%s of deck %s to %s\n", n, n == 1 ? "" : "s",
		        deck, out);
	free(buf);
	return rc;
}

static int
profile_show(struct db *db, int json)
{
	struct profile_info p;
	profile_info(db, &p);
	const char *choice = p.choice ? p.choice : "unset";
	int words = 0;
	for (const char *s = p.pitch; *s;) {
		s += strspn(s, " \t\n");
		if (*s) {
			words++;
			s += strcspn(s, " \t\n");
		}
	}
	if (json) {
		printf("{\"profile\": \"%s\", \"pitch\": ", choice);
		if (p.pitch_id)
			json_put_str(stdout, p.pitch_id);
		else
			printf("null");
		printf(", \"pitch_words\": %d, \"figures\": %d, \"figures_deck\": \"%s\", "
		       "\"stories\": %d, \"example_figures\": %d, \"example_stories\": %d, "
		       "\"example_in_use\": %s}\n", words, p.figures, CARDS_FIGURES_DECK, p.stories,
		       p.example_figures, p.example_stories,
		       p.choice && strcmp(p.choice, PROFILE_OWN) == 0 ? "false" : "true");
	} else {
		printf("profile: %s\n", p.choice == NULL ? "not chosen yet (the example is used "
		       "until you choose)" : strcmp(p.choice, PROFILE_OWN) == 0 ? "own (your "
		       "pitch, figures and stories)" : "example (the example candidate's pitch, "
		       "figures and stories)");
		if (p.pitch_id)
			printf("pitch: %d words (story %s)\n", words, p.pitch_id);
		else
			printf("pitch: not written (prepdeck profile pitch TEXT)\n");
		printf("figures: %d of yours (deck %s)\n", p.figures, CARDS_FIGURES_DECK);
		printf("stories: %d of yours\n", p.stories);
		printf("example: %d figures, %d stories, marked (example); %s\n",
		       p.example_figures, p.example_stories,
		       p.choice && strcmp(p.choice, PROFILE_OWN) == 0 ?
		       "kept out of reviews and rehearsals, there to read and copy" :
		       "in reviews and rehearsals");
	}
	profile_info_free(&p);
	return EXIT_OK;
}

int
cli_profile(struct cli *c, int argc, char **argv)
{
	const char *verb = argc >= 2 ? argv[1] : "show";
	char *cause = NULL;
	if (strcmp(verb, "show") == 0) {
		int json = argc == 3 && strcmp(argv[2], "--json") == 0;
		if (argc > 2 + json)
			return cli_usage("profile", "usage: prepdeck profile show [--json]");
		return profile_show(cli_db(c), json);
	}
	if (strcmp(verb, PROFILE_EXAMPLE) == 0 || strcmp(verb, PROFILE_OWN) == 0) {
		if (argc != 2)
			return cli_usage("profile", "usage: prepdeck profile %s", verb);
		struct db *db = cli_db(c);
		if (profile_choose(db, verb, &cause) != 0)
			return cli_cause(cause);
		if (strcmp(verb, PROFILE_OWN) == 0)
			printf("profile: own. The example's figures and stories are kept out of "
			       "reviews and rehearsals.\nNext: prepdeck profile pitch TEXT; prepdeck "
			       "profile figure METRIC VALUE [CONTEXT]; prepdeck profile story "
			       "TEMPLATE\n(or the profile screen: y on Today)\n");
		else
			printf("profile: example. The example candidate's pitch, figures and stories "
			       "are used, marked (example).\n");
		return EXIT_OK;
	}
	struct db *db = cli_db(c);
	if (strcmp(verb, "pitch") == 0) {
		if (argc != 3)
			return cli_usage("profile", "usage: prepdeck profile pitch TEXT|-");
		int used = 0;
		char *text = value_arg(argv[2], &used, &cause);
		if (text == NULL || profile_set_pitch(db, text, &cause) != 0) {
			free(text);
			return cli_cause(cause);
		}
		free(text);
		printf("pitch saved\n");
		return EXIT_OK;
	}
	if (strcmp(verb, "figure") == 0) {
		if (argc != 4 && argc != 5)
			return cli_usage("profile", "usage: prepdeck profile figure METRIC VALUE "
			                 "[CONTEXT]");
		char *id = NULL;
		if (profile_add_figure(db, argv[2], argv[3], argc == 5 ? argv[4] : "", &id,
		                       &cause) != 0)
			return cli_cause(cause);
		printf("%s\n", id);
		free(id);
		return EXIT_OK;
	}
	if (strcmp(verb, "story") == 0) {
		if (argc != 3)
			return cli_usage("profile", "usage: prepdeck profile story TEMPLATE");
		char *id = NULL;
		if (profile_story_from_template(db, argv[2], &id, &cause) != 0)
			return cli_cause(cause);
		printf("%s\n", id);
		free(id);
		return EXIT_OK;
	}
	return cli_usage("profile", "usage: prepdeck profile example|own|show|pitch|figure|"
	                 "story ...");
}
