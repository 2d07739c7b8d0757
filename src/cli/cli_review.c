/* Commands of the daily review: due, review, next, grade, undo, card,
 * settings. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_cards.h"
#include "review.h"
#include "settings.h"
#include "tui/app.h"
#include "util.h"

/* Parses --deck ID / --tag TAG / --json options shared by these commands;
 * returns the index of the first other argument, or -1 after a message. */
static int
filter_opts(int argc, char **argv, struct review_filter *f, int *json)
{
	int i;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--deck") == 0 || strcmp(argv[i], "--tag") == 0) {
			if (i + 1 >= argc) {
				cli_usage(NULL, "%s needs a value", argv[i]);
				return -1;
			}
			if (argv[i][2] == 'd')
				f->deck = argv[++i];
			else
				f->tag = argv[++i];
		} else if (json && strcmp(argv[i], "--json") == 0) {
			*json = 1;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_usage(NULL, "unknown option '%s'", argv[i]);
			return -1;
		} else {
			break;
		}
	}
	return i;
}

static int
check_deck(struct db *db, const char *deck)
{
	if (deck == NULL)
		return 0;
	char *kind = db_text(db, "SELECT kind FROM doc WHERE id = ? AND retired = 0", "t", deck);
	int ok = kind && (strcmp(kind, "deck") == 0 || strcmp(kind, "numbers") == 0);
	free(kind);
	if (!ok) {
		fprintf(stderr, "prepdeck: no deck '%s' (see 'prepdeck due' for the decks)\n", deck);
		return -1;
	}
	return 0;
}

/* The shared start of `due` and `next`: options only (--deck, --tag,
 * --json), then the database and a check that the deck exists. Returns
 * EXIT_OK with *db set, or the exit status to return. */
static int
filter_setup(struct cli *c, int argc, char **argv, struct review_filter *f, int *json,
             struct db **db)
{
	int i = filter_opts(argc, argv, f, json);
	if (i < 0)
		return EXIT_USAGE;
	if (i < argc)
		return cli_usage(NULL, "%s: unexpected argument '%s'", argv[0], argv[i]);
	*db = cli_db(c);
	return check_deck(*db, f->deck) != 0 ? EXIT_USER : EXIT_OK;
}

int
cmd_due(struct cli *c, int argc, char **argv)
{
	struct review_filter f = { 0 };
	int json = 0;
	struct db *db;
	int rc = filter_setup(c, argc, argv, &f, &json, &db);
	if (rc != EXIT_OK)
		return rc;
	size_t n;
	struct review_counts total;
	struct review_deck_due *d = review_due(db, now_unix(), &n, &total);
	if (json) {
		printf("{\"learning\": %d, \"review\": %d, \"new\": %d, \"decks\": [",
		       total.learning, total.review, total.fresh);
		int first = 1;
		for (size_t k = 0; k < n; k++) {
			if (f.deck && strcmp(f.deck, d[k].deck_id) != 0)
				continue;
			printf("%s\n  {\"id\": ", first ? "" : ",");
			json_put_str(stdout, d[k].deck_id);
			printf(", \"title\": ");
			json_put_str(stdout, d[k].title);
			printf(", \"learning\": %d, \"review\": %d, \"new\": %d}",
			       d[k].c.learning, d[k].c.review, d[k].c.fresh);
			first = 0;
		}
		printf("]}\n");
	} else {
		printf("%-24s %8s %8s %8s\n", "deck", "learning", "review", "new");
		for (size_t k = 0; k < n; k++) {
			if (f.deck && strcmp(f.deck, d[k].deck_id) != 0)
				continue;
			char name[64];
			snprintf(name, sizeof name, "%s%s", d[k].deck_id,
			         d[k].example ? " (example)" : "");
			printf("%-24s %8d %8d %8d\n", name, d[k].c.learning,
			       d[k].c.review, d[k].c.fresh);
		}
		if (!f.deck)
			printf("%-24s %8d %8d %8d\n", "total (with daily limits)",
			       total.learning, total.review, total.fresh);
	}
	review_due_free(d, n);
	return EXIT_OK;
}

int
cmd_review(struct cli *c, int argc, char **argv)
{
	struct review_filter f = { 0 };
	int i = filter_opts(argc, argv, &f, NULL);
	if (i < 0)
		return EXIT_USAGE;
	if (i < argc)
		return cli_usage(NULL, "review: unexpected argument '%s'", argv[i]);
	if (f.deck && check_deck(cli_db(c), f.deck) != 0)
		return EXIT_USER;
	char arg[256] = "";
	if (f.deck || f.tag)
		snprintf(arg, sizeof arg, "%s%s%s", f.deck ? f.deck : "",
		         f.tag ? "#" : "", f.tag ? f.tag : "");
	return tui_main(c, TUI_START_REVIEW, arg[0] ? arg : NULL);
}

int
cmd_next(struct cli *c, int argc, char **argv)
{
	struct review_filter f = { 0 };
	int json = 0;
	struct db *db;
	int st = filter_setup(c, argc, argv, &f, &json, &db);
	if (st != EXIT_OK)
		return st;
	int64_t now = now_unix(), next_due;
	struct review_queue q;
	review_queue_build(db, &f, now, &q);
	char key[160];
	int have = review_next(&q, now, key, &next_due);
	review_queue_free(&q);
	if (!have) {
		if (json)
			printf("null\n");
		else
			printf("nothing due\n");
		return EXIT_OK;
	}
	struct review_card rc;
	review_card_load(db, key, &rc);
	if (json) {
		printf("{\"card\": ");
		json_put_str(stdout, rc.key);
		printf(", \"deck\": ");
		json_put_str(stdout, rc.deck_id);
		printf(", \"kind\": ");
		json_put_str(stdout, rc.kind);
		printf(", \"state\": %d, \"front\": ", rc.fc.state);
		json_put_str(stdout, rc.front);
		printf(", \"back\": ");
		json_put_str(stdout, rc.back);
		printf("}\n");
	} else {
		printf("%s\t%s\t%s\n", rc.key, rc.deck_id, rc.kind);
	}
	review_card_free(&rc);
	return EXIT_OK;
}

static int
parse_rating(const char *s)
{
	static const char *const names[] = { "again", "hard", "good", "easy" };
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i + 1;
	if (s[0] >= '1' && s[0] <= '4' && s[1] == '\0')
		return s[0] - '0';
	return 0;
}

int
cmd_grade(struct cli *c, int argc, char **argv)
{
	int duration = 0;
	const char *mode = "review";
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--duration") == 0 && i + 1 < argc)
			duration = atoi(argv[++i]);
		else if (strcmp(argv[i], "--cram") == 0)
			mode = "cram";
		else
			return cli_usage(NULL, "grade: unknown option '%s'", argv[i]);
	}
	if (argc - i != 2)
		return cli_usage(NULL, "usage: prepdeck grade [--cram] [--duration MS] CARD "
		                 "RATING");
	int rating = parse_rating(argv[i + 1]);
	if (rating == 0)
		return cli_usage(NULL, "rating must be 1-4 or again/hard/good/easy, not '%s'",
		                 argv[i + 1]);
	struct db *db = cli_db(c);
	struct settings set;
	settings_load(db, &set);
	struct review_result res;
	char *cause = NULL;
	int64_t now = now_unix();
	if (review_grade(db, &set, argv[i], rating, now, duration, mode, &res, &cause) != 0) {
		fprintf(stderr, "prepdeck: %s\n", cause);
		free(cause);
		return EXIT_USER;
	}
	char due[32], ivl[16];
	fmt_iso_utc(res.after.due, due, sizeof due);
	review_fmt_interval(res.after.due - now, ivl, sizeof ivl);
	if (strcmp(mode, "cram") == 0)
		printf("%s: crammed (schedule unchanged)\n", argv[i]);
	else
		printf("%s: state %d, due %s (in %s), stability %.2f, difficulty %.2f\n",
		       argv[i], res.after.state, due, ivl, res.after.stability,
		       res.after.difficulty);
	if (res.message[0])
		fprintf(stderr, "prepdeck: %s\n", res.message);
	return EXIT_OK;
}

int
cmd_undo(struct cli *c, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage(NULL, "undo takes no arguments: '%s'", argv[1]);
	char key[160];
	if (review_undo(cli_db(c), key) != 0) {
		fprintf(stderr, "prepdeck: nothing to undo\n");
		return EXIT_USER;
	}
	printf("undid the last grade of %s\n", key);
	return EXIT_OK;
}

int
cmd_card(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && cli_card_is_author(argv[1]))
		return cli_card_author(c, argc, argv);
	if (argc != 3)
		return cli_usage("card", "usage: prepdeck card "
		                 "show|bury|suspend|unsuspend|flag CARD");
	const char *what = argv[1], *key = argv[2];
	struct db *db = cli_db(c);
	struct review_card rc;
	if (review_card_load(db, key, &rc) != 0) {
		fprintf(stderr, "prepdeck: no card '%s'\n", key);
		return EXIT_USER;
	}
	int rcode = EXIT_OK;
	if (strcmp(what, "show") == 0) {
		char due[32] = "-";
		if (rc.fc.state)
			fmt_iso_utc(rc.fc.due, due, sizeof due);
		printf("card: %s\ndeck: %s%s\nkind: %s\nsource: %s:%d\ntags:%s\n"
		       "state: %d\ndue: %s\nstability: %.4f\ndifficulty: %.4f\nreps: %d\n"
		       "lapses: %d\nsuspended: %d\nflag: %d\nleech: %d\nfront: %s\nback: %s\n",
		       rc.key, rc.deck_id, rc.example ? " (example)" : "", rc.kind, rc.src, rc.line, rc.tags, rc.fc.state, due,
		       rc.fc.stability, rc.fc.difficulty, rc.fc.reps, rc.fc.lapses,
		       rc.suspended, rc.flag, rc.leech, rc.front, rc.back);
	} else if (strcmp(what, "bury") == 0) {
		struct settings set;
		settings_load(db, &set);
		review_bury(db, key, day_end(now_unix(), set.rollover_hour));
		printf("%s: buried until tomorrow\n", key);
	} else if (strcmp(what, "suspend") == 0 || strcmp(what, "unsuspend") == 0) {
		review_set_suspended(db, key, what[0] == 's');
		printf("%s: %s\n", key, what[0] == 's' ? "suspended" : "unsuspended");
	} else if (strcmp(what, "flag") == 0) {
		printf("%s: %s\n", key, review_toggle_flag(db, key) ? "flagged" : "unflagged");
	} else {
		rcode = cli_usage(NULL, "card: unknown action '%s' (show, bury, suspend, "
		                  "unsuspend, flag)", what);
	}
	review_card_free(&rc);
	return rcode;
}

int
cmd_settings(struct cli *c, int argc, char **argv)
{
	struct db *db = cli_db(c);
	if (argc == 3) {
		char *cause = NULL;
		if (settings_set(db, argv[1], argv[2], &cause) != 0) {
			fprintf(stderr, "prepdeck: %s\n", cause);
			free(cause);
			return EXIT_USER;
		}
		return EXIT_OK;
	}
	if (argc > 3)
		return cli_usage(NULL, "usage: prepdeck settings [NAME [VALUE]]");
	const char *name, *desc;
	char value[32];
	int found = 0;
	for (int i = 0; settings_describe(db, i, &name, value, sizeof value, &desc); i++) {
		if (argc == 2 && strcmp(argv[1], name) != 0)
			continue;
		found = 1;
		if (argc == 2)
			printf("%s\n", value);
		else
			printf("%-16s %-8s %s\n", name, value, desc);
	}
	if (argc == 2 && !found) {
		fprintf(stderr, "prepdeck: unknown setting '%s'\n", argv[1]);
		return EXIT_USER;
	}
	return EXIT_OK;
}
