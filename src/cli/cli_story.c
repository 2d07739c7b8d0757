/* The story bank from the command line: listing, one story, the coverage
 * grid, prompts; adding, copying and editing the user's stories;
 * recording rehearsals from scripts; budgets; exporting. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli_story.h"
#include "cli_storysched.h"
#include "outfile.h"
#include "rehearsal.h"
#include "story.h"
#include "storysched.h"
#include "tui/app.h"
#include "util.h"

/* cli_opt for a chain of options: returns 1 on a match (with *val set),
 * else 0, setting *missing when the value is absent (it stays set, so the
 * chain can test it once at the end). */
static int
opt_value(int argc, char **argv, int *i, const char *name, const char **val, int *missing)
{
	int r = cli_opt(argc, argv, i, name, val);
	if (r < 0)
		*missing = 1;
	return r > 0;
}

static void
fmt_local(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

/* Reads all of standard input (for VALUE "-"); a new string or NULL. */
static char *
read_stdin(void)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
		sbuf_addn(&b, buf, n);
		if (b.len > 1024 * 1024) {
			sbuf_free(&b);
			return NULL;
		}
	}
	return sbuf_take(&b);
}

/* ---- stories ------------------------------------------------------ */

static int
stories_list(struct db *db)
{
	struct story *v;
	size_t n;
	story_list(db, &v, &n);
	int64_t now = now_unix();
	/* Ids are typed back into commands: the column fits the longest
	 * rather than cutting one. */
	int idw = 26;
	for (size_t i = 0; i < n; i++)
		if ((int)strlen(v[i].id) > idw)
			idw = (int)strlen(v[i].id);
	printf("%-*s %-9s %-9s %4s %5s  %s\n", idw, "ID", "KIND", "LAST", "REH", "SCORE",
	       "TITLE (COMPETENCIES)");
	for (size_t i = 0; i < n; i++) {
		char ago[32], score[16] = "-";
		story_fmt_ago(v[i].last_rehearsed, now, ago, sizeof ago);
		if (v[i].last_score > 0)
			snprintf(score, sizeof score, "%.1f", v[i].last_score);
		printf("%-*s %-9s %-9s %4d %5s  %s", idw, v[i].id, story_kind_label(&v[i]), ago,
		       v[i].rehearsals, score, v[i].title);
		if (*v[i].competencies)
			printf(" (%s)", v[i].competencies);
		putchar('\n');
	}
	story_list_free(v, n);
	return EXIT_OK;
}

/* Prints text indented by two spaces. */
static void
print_block(const char *head, const char *text)
{
	if (*text == '\0')
		return;
	size_t n = strlen(text);
	while (n > 0 && text[n - 1] == '\n')
		n--;
	printf("\n%s\n  ", head);
	for (size_t i = 0; i < n; i++) {
		putchar(text[i]);
		if (text[i] == '\n')
			fputs(i + 1 < n && text[i + 1] != '\n' ? "  " : "", stdout);
	}
	putchar('\n');
}

static int
stories_show(struct db *db, const char *id)
{
	struct story s;
	char *cause = NULL;
	if (story_get(db, id, &s, &cause) != 0)
		return cli_cause(cause);
	printf("%s\n", s.title);
	printf("id: %s (%s %s)\n", s.id, story_is_user(&s) ? "your" : "bundled", s.type);
	if (s.copied_from)
		printf("copied from: %s\n", s.copied_from);
	char *names = story_comp_names(db, s.competencies);
	printf("competencies: %s\n", *names ? names : "(none)");
	free(names);
	if (s.rehearsals > 0) {
		char when[32], tot[16], bud[16];
		fmt_local(s.last_rehearsed, when, sizeof when);
		rehearsal_fmt_ms(s.last_total_ms, tot, sizeof tot);
		rehearsal_fmt_ms(s.last_budget_ms, bud, sizeof bud);
		printf("rehearsed: %d time%s, last %s (%s of %s)", s.rehearsals,
		       s.rehearsals == 1 ? "" : "s", when, tot, bud);
		if (s.last_score > 0)
			printf(", self-score %.1f of 4", s.last_score);
		putchar('\n');
	} else {
		printf("rehearsed: never\n");
	}
	if (strcmp(s.type, "story") == 0)
		cli_storysched_show(db, s.id);
	if (strcmp(s.type, "template") != 0) {
		/* The categories its rehearsals are self-scored on. */
		struct rh_cat *cats;
		int ncats;
		char *why = NULL;
		rehearsal_rubric_for(db, s.id, &cats, &ncats, &why);
		printf("self-scored on: ");
		for (int i = 0; i < ncats; i++)
			printf("%s%s", i ? ", " : "", cats[i].id);
		printf(" (%s)\n", why);
		free(why);
		rehearsal_rubric_free(cats, ncats);
	}
	print_block("Situation", s.situation);
	print_block("Task", s.task);
	print_block("Action", s.action);
	print_block("Result", s.result);
	print_block("Reflection", s.reflection);
	if (s.npoints) {
		printf("\nDecision points\n");
		for (size_t k = 0; k < s.npoints; k++) {
			printf("  %zu. %s\n", k + 1, s.points[k].question);
			if (*s.points[k].answer) {
				fputs("     ", stdout);
				for (const char *p = s.points[k].answer; *p; p++) {
					putchar(*p);
					if (*p == '\n' && p[1])
						fputs("     ", stdout);
				}
				putchar('\n');
			}
		}
	}
	if (*s.metrics) {
		printf("\nMetrics\n  - ");
		for (const char *p = s.metrics; *p; p++) {
			putchar(*p);
			if (*p == '\n')
				fputs("  - ", stdout);
		}
		putchar('\n');
	}
	struct rh_session *hs;
	size_t nh;
	rehearsal_history(db, s.id, 5, &hs, &nh);
	if (nh) {
		printf("\nRecent rehearsals\n");
		for (size_t i = 0; i < nh; i++) {
			char when[32], tot[16], bud[16];
			fmt_local(hs[i].started_at, when, sizeof when);
			rehearsal_fmt_ms(hs[i].total_ms, tot, sizeof tot);
			rehearsal_fmt_ms(hs[i].budget_ms, bud, sizeof bud);
			printf("  #%lld %s %-6s %s of %s", (long long)hs[i].id, when,
			       hs[i].mode, tot, bud);
			if (!hs[i].completed)
				fputs(" (abandoned)", stdout);
			if (hs[i].nscores)
				printf(", score %.1f", hs[i].mean_score);
			if (*hs[i].change_note)
				printf(", change: %s", hs[i].change_note);
			putchar('\n');
		}
	}
	rehearsal_sessions_free(hs, nh);
	story_clear(&s);
	return EXIT_OK;
}

static int
stories_coverage(struct db *db)
{
	struct story_coverage cv;
	story_coverage(db, &cv);
	printf("%zu competencies, %zu stories; %d gap%s (competencies no story covers)\n\n",
	       cv.ncomps, cv.nstories, cv.gaps, cv.gaps == 1 ? "" : "s");
	printf("%-28s", "");
	for (size_t s = 0; s < cv.nstories; s++)
		printf("%3zu", s + 1);
	putchar('\n');
	for (size_t c = 0; c < cv.ncomps; c++) {
		printf("%-28.28s", cv.comps[c].name);
		for (size_t s = 0; s < cv.nstories; s++)
			printf("  %c", cv.cell[c * cv.nstories + s] ? 'x' : '.');
		if (cv.mine[c] + cv.examples[c] == 0) {
			char *tpl = story_template_for(db, cv.comps[c].id);
			printf("   GAP");
			if (tpl)
				printf(" (template: %s)", tpl);
			free(tpl);
		} else if (cv.mine[c] == 0) {
			printf("   examples only");
		}
		putchar('\n');
	}
	printf("\n");
	for (size_t s = 0; s < cv.nstories; s++)
		printf("%3zu  %-24s %s%s\n", s + 1, cv.stories[s].id, cv.stories[s].title,
		       story_is_user(&cv.stories[s]) ? " (mine)" : "");
	story_coverage_free(&cv);
	return EXIT_OK;
}

static unsigned
random_seed(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (unsigned)ts.tv_nsec ^ (unsigned)getpid() * 2654435761u;
}

static int
stories_prompt(struct db *db, int argc, char **argv)
{
	enum story_pick how = STORY_PICK_RANDOM;
	const char *comp = NULL;
	for (int i = 2; i < argc; i++) {
		int missing = 0;
		const char *v;
		if (opt_value(argc, argv, &i, "--competency", &v, &missing)) {
			how = STORY_PICK_COMPETENCY;
			comp = v;
		} else if (missing) {
			return cli_usage("stories", "--competency needs a competency id");
		} else if (cli_flag(argv, i, "--weakest")) {
			how = STORY_PICK_WEAKEST;
		} else if (cli_flag(argv, i, "--random")) {
			how = STORY_PICK_RANDOM;
		} else {
			return cli_usage("stories", "stories prompt: unknown argument '%s'", argv[i]);
		}
	}
	struct story_prompt p;
	char *why = NULL, *cause = NULL;
	if (story_pick_prompt(db, how, comp, random_seed(), &p, &why, &cause) != 0)
		return cli_cause(cause);
	char *names = story_comp_names(db, p.competencies);
	printf("prompt: %s\n%s\ncompetencies: %s\nwhy: %s\n", p.id, p.text, names, why);
	free(names);
	struct story *v;
	size_t n;
	story_for_prompt(db, p.id, &v, &n);
	if (n) {
		printf("stories that fit:\n");
		for (size_t i = 0; i < n && i < 5; i++)
			printf("  %-26s %s%s\n", v[i].id, v[i].title,
			       story_is_user(&v[i]) ? " (mine)" : "");
	} else {
		printf("no story covers these competencies yet\n");
	}
	story_list_free(v, n);
	story_prompt_clear(&p);
	free(why);
	return EXIT_OK;
}

int
cli_stories(struct cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "list";
	if (strcmp(sub, "list") == 0) {
		if (argc > 2)
			return cli_usage("stories", "stories list takes no arguments: '%s'", argv[2]);
		return stories_list(cli_db(c));
	}
	if (strcmp(sub, "show") == 0) {
		if (argc != 3)
			return cli_usage("stories", "stories show needs one story ID");
		return stories_show(cli_db(c), argv[2]);
	}
	if (strcmp(sub, "coverage") == 0) {
		if (argc > 2)
			return cli_usage("stories", "stories coverage takes no arguments: '%s'",
			                 argv[2]);
		return stories_coverage(cli_db(c));
	}
	if (strcmp(sub, "prompt") == 0)
		return stories_prompt(cli_db(c), argc, argv);
	if (strcmp(sub, "due") == 0)
		return cli_stories_due(c, argc, argv);
	return cli_usage("stories", "unknown stories command '%s' (list, show, due, "
	                 "coverage, prompt)", sub);
}

/* ---- story ------------------------------------------------------- */

static int
story_add_cmd(struct db *db, int argc, char **argv)
{
	const char *title = NULL, *id = NULL, *type = NULL;
	for (int i = 2; i < argc; i++) {
		int missing = 0;
		const char *v;
		if (opt_value(argc, argv, &i, "--id", &v, &missing))
			id = v;
		else if (opt_value(argc, argv, &i, "--type", &v, &missing))
			type = v;
		else if (missing)
			return cli_usage("story", "%s needs a value", argv[i]);
		else if (cli_isopt(argv, i))
			return cli_usage("story", "story add: unknown option '%s'", argv[i]);
		else if (title == NULL)
			title = argv[i];
		else
			return cli_usage("story", "story add takes one TITLE (quote it): '%s'",
			                 argv[i]);
	}
	if (title == NULL)
		return cli_usage("story", "story add needs a TITLE");
	char *nid = NULL, *cause = NULL;
	if (story_add(db, title, type, id, &nid, &cause) != 0)
		return cli_cause(cause);
	printf("%s\n", nid);
	free(nid);
	return EXIT_OK;
}

static int
story_copy_cmd(struct db *db, int argc, char **argv)
{
	const char *src = NULL, *id = NULL;
	for (int i = 2; i < argc; i++) {
		int missing = 0;
		const char *v;
		if (opt_value(argc, argv, &i, "--id", &v, &missing))
			id = v;
		else if (missing)
			return cli_usage("story", "--id needs a value");
		else if (cli_isopt(argv, i))
			return cli_usage("story", "story copy: unknown option '%s'", argv[i]);
		else if (src == NULL)
			src = argv[i];
		else
			return cli_usage("story", "story copy takes one story ID: '%s'", argv[i]);
	}
	if (src == NULL)
		return cli_usage("story", "story copy needs the ID of the story to copy");
	char *nid = NULL, *cause = NULL;
	if (story_copy(db, src, id, &nid, &cause) != 0)
		return cli_cause(cause);
	printf("%s\n", nid);
	free(nid);
	return EXIT_OK;
}

int
cli_story(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("story", "story needs a command: add, copy, set, delete");
	const char *sub = argv[1];
	if (strcmp(sub, "add") == 0)
		return story_add_cmd(cli_db(c), argc, argv);
	if (strcmp(sub, "copy") == 0)
		return story_copy_cmd(cli_db(c), argc, argv);
	if (strcmp(sub, "set") == 0 || strcmp(sub, "edit") == 0) {
		if (argc != 5)
			return cli_usage("story", "story %s needs ID FIELD VALUE (VALUE - reads "
			                 "standard input)", sub);
		char *value = strcmp(argv[4], "-") == 0 ? read_stdin() : xstrdup(argv[4]);
		if (value == NULL)
			return cli_error("standard input is too long for one field");
		char *cause = NULL;
		int rc = story_set(cli_db(c), argv[2], argv[3], value, &cause);
		free(value);
		if (rc != 0)
			return cli_cause(cause);
		printf("%s: %s saved\n", argv[2], argv[3]);
		return EXIT_OK;
	}
	if (strcmp(sub, "delete") == 0) {
		if (argc != 3)
			return cli_usage("story", "story delete needs one story ID");
		char *cause = NULL;
		if (story_delete(cli_db(c), argv[2], &cause) != 0)
			return cli_cause(cause);
		printf("%s: deleted (its rehearsals are kept)\n", argv[2]);
		return EXIT_OK;
	}
	return cli_usage("story", "unknown story command '%s' (add, copy, set, delete)", sub);
}

/* ---- rehearse ----------------------------------------------------- */

/* "Situation" for "situation"; a known section's name, else a copy. */
static char *
section_name(const char *s)
{
	const char *name;
	int dflt;
	const char *desc;
	for (int i = 0; rehearsal_budget_describe(i, &name, &dflt, &desc); i++) {
		if (strcasecmp(name, s) == 0) {
			char *v = xstrdup(name);
			v[0] = (char)(v[0] - 'a' + 'A');
			return v;
		}
	}
	return xstrdup(s);
}

static int
rehearse_record(struct db *db, int argc, char **argv)
{
	const char *story = NULL, *prompt = NULL, *mode = NULL, *note = NULL;
	int completed = 1;
	int64_t point = 0;
	int64_t at = 0;
	struct rh_section *sec = NULL;
	struct rh_score *sc = NULL;
	int nsec = 0, nsc = 0, rc = EXIT_USAGE;
	char *cause = NULL;
	for (int i = 2; i < argc; i++) {
		int missing = 0;
		const char *v;
		if (opt_value(argc, argv, &i, "--mode", &v, &missing)) {
			mode = v;
		} else if (opt_value(argc, argv, &i, "--prompt", &v, &missing)) {
			prompt = v;
		} else if (opt_value(argc, argv, &i, "--change", &v, &missing)) {
			note = v;
		} else if (opt_value(argc, argv, &i, "--point", &v, &missing)) {
			if (cli_int("rehearse", "--point", v, 1, 1000, &point) != 0)
				goto out;
		} else if (opt_value(argc, argv, &i, "--at", &v, &missing)) {
			if (parse_iso_utc(v, &at) != 0) {
				cli_usage("rehearse", "--at needs YYYY-MM-DDTHH:MM:SSZ, got '%s'", v);
				goto out;
			}
		} else if (opt_value(argc, argv, &i, "--time", &v, &missing)) {
			/* NAME=SECONDS[/BUDGET], or SECONDS for a single section. */
			const char *eq = strchr(v, '=');
			char *name = eq ? xstrndup(v, (size_t)(eq - v)) : xstrdup("");
			char *val = xstrdup(eq ? eq + 1 : v);
			char *slash = strchr(val, '/');
			int64_t budget = -2;
			if (slash) {
				*slash = '\0';
				budget = rehearsal_parse_secs(slash + 1);
			}
			int64_t spent = rehearsal_parse_secs(val);
			free(val);
			if (spent < 0 || budget == -1 || (eq && eq == v)) {
				free(name);
				cli_usage("rehearse", "--time is NAME=SECONDS[/BUDGET] (seconds or "
				          "M:SS), got '%s'", v);
				goto out;
			}
			sec = xrealloc(sec, (size_t)(nsec + 1) * sizeof *sec);
			sec[nsec].name = name;
			sec[nsec].cue = NULL;
			sec[nsec].spent_ms = spent;
			sec[nsec].budget_ms = budget;
			nsec++;
		} else if (opt_value(argc, argv, &i, "--score", &v, &missing)) {
			/* CATEGORY=N[:EVIDENCE] */
			const char *eq = strchr(v, '=');
			if (eq == NULL || eq[1] < '0' || eq[1] > '9' ||
			    (eq[2] != '\0' && eq[2] != ':')) {
				cli_usage("rehearse", "--score is CATEGORY=N[:EVIDENCE], got '%s'", v);
				goto out;
			}
			sc = xrealloc(sc, (size_t)(nsc + 1) * sizeof *sc);
			sc[nsc].category = xstrndup(v, (size_t)(eq - v));
			sc[nsc].score = eq[1] - '0';
			sc[nsc].evidence = xstrdup(eq[2] == ':' ? eq + 3 : "");
			nsc++;
		} else if (missing) {
			cli_usage("rehearse", "%s needs a value", argv[i]);
			goto out;
		} else if (cli_flag(argv, i, "--abandoned")) {
			completed = 0;
		} else if (cli_flag(argv, i, "--flow")) {
			mode = "flow";
		} else if (cli_isopt(argv, i)) {
			cli_usage("rehearse", "rehearse record: unknown option '%s'", argv[i]);
			goto out;
		} else if (story == NULL) {
			story = argv[i];
		} else {
			cli_usage("rehearse", "rehearse record takes one STORY: '%s'", argv[i]);
			goto out;
		}
	}
	if (nsec == 0) {
		cli_usage("rehearse", "rehearse record needs the time of each section, e.g. "
		          "--time situation=18 --time task=14 ...");
		goto out;
	}
	rc = EXIT_USER;
	char *type = story ? story_type(db, story) : NULL;
	if (story && type == NULL) {
		cli_error("no story '%s' (see prepdeck stories list)", story);
		goto out;
	}
	if (mode == NULL)
		mode = type && strcmp(type, "pitch") == 0 ? "pitch" : "story";
	free(type);
	/* Section names and budgets: a drill's section is its question, a
	 * flow segment's its title; otherwise the budget settings. */
	for (int i = 0; i < nsec; i++) {
		char *name = (char *)sec[i].name;
		int64_t budget = sec[i].budget_ms;
		if (strcmp(mode, "drill") == 0 && story) {
			if (nsec != 1 || point == 0) {
				cli_usage("rehearse", "a drill is one --time SECONDS with --point N");
				rc = EXIT_USAGE;
				goto out;
			}
			char *q = rehearsal_point_question(db, story, (int)point);
			if (q == NULL) {
				cli_error("story '%s' has no decision point %lld", story,
				          (long long)point);
				goto out;
			}
			free(name);
			name = q;
			if (budget < 0)
				budget = rehearsal_budget_ms(db, "drill");
		} else if (strcmp(mode, "flow") == 0) {
			char *t;
			int64_t seg;
			if (rehearsal_flow_segment(db, "interview-60", name, &t, &seg) == 0) {
				if (budget < 0)
					budget = seg;
				free(name);
				name = t;
			}
		} else if (*name == '\0' && strcmp(mode, "pitch") == 0) {
			free(name);
			name = xstrdup("Pitch");
		} else {
			char *n2 = section_name(name);
			free(name);
			name = n2;
		}
		if (*name == '\0') {
			cli_usage("rehearse", "--time needs NAME=SECONDS here");
			rc = EXIT_USAGE;
			sec[i].name = name;
			goto out;
		}
		if (budget < 0)
			budget = rehearsal_budget_ms(db, name);
		sec[i].name = name;
		sec[i].budget_ms = budget;
	}
	struct rh_record r = {
		.story_id = story, .prompt_id = prompt, .mode = mode,
		.started_at = at ? at : now_unix(), .completed = completed,
		.change_note = note, .sec = sec, .nsec = nsec, .scores = sc, .nscores = nsc,
	};
	int64_t id;
	if (rehearsal_save(db, &r, &id, &cause) != 0) {
		cli_cause(cause);
		goto out;
	}
	char tot[16], bud[16];
	int64_t total = 0, budget = 0;
	for (int i = 0; i < nsec; i++) {
		total += sec[i].spent_ms;
		budget += sec[i].budget_ms;
	}
	rehearsal_fmt_ms(total, tot, sizeof tot);
	rehearsal_fmt_ms(budget, bud, sizeof bud);
	printf("rehearsal %lld saved: %s of %s\n", (long long)id, tot, bud);
	rc = EXIT_OK;
out:
	for (int i = 0; i < nsec; i++)
		free((char *)sec[i].name);
	free(sec);
	for (int i = 0; i < nsc; i++) {
		free((char *)sc[i].category);
		free((char *)sc[i].evidence);
	}
	free(sc);
	return rc;
}

static int
rehearse_budgets(struct db *db, int argc, char **argv)
{
	if (argc == 4) {
		char *cause = NULL;
		if (rehearsal_budget_set(db, argv[2], argv[3], &cause) != 0)
			return cli_cause(cause);
	} else if (argc != 2) {
		return cli_usage("rehearse", "rehearse budgets takes nothing, or SECTION "
		                 "SECONDS");
	}
	const char *name, *desc;
	int dflt;
	for (int i = 0; rehearsal_budget_describe(i, &name, &dflt, &desc); i++) {
		char cur[16];
		rehearsal_fmt_ms(rehearsal_budget_ms(db, name), cur, sizeof cur);
		printf("%-11s %6s  (default %d s) %s\n", name, cur, dflt, desc);
	}
	return EXIT_OK;
}

static int
rehearse_list(struct db *db, int argc, char **argv)
{
	const char *story = NULL;
	int64_t limit = 20;
	for (int i = 2; i < argc; i++) {
		int missing = 0;
		const char *v;
		if (opt_value(argc, argv, &i, "--limit", &v, &missing)) {
			if (cli_int("rehearse", "--limit", v, 1, 100000, &limit) != 0)
				return EXIT_USAGE;
		} else if (missing) {
			return cli_usage("rehearse", "%s needs a value", argv[i]);
		} else if (cli_isopt(argv, i)) {
			return cli_usage("rehearse", "rehearse list: unknown option '%s'", argv[i]);
		} else {
			story = argv[i];
		}
	}
	struct rh_session *v;
	size_t n;
	rehearsal_history(db, story, (int)limit, &v, &n);
	if (n == 0)
		printf("no rehearsals yet\n");
	for (size_t i = 0; i < n; i++) {
		char when[32], tot[16], bud[16], score[16] = "-";
		fmt_local(v[i].started_at, when, sizeof when);
		rehearsal_fmt_ms(v[i].total_ms, tot, sizeof tot);
		rehearsal_fmt_ms(v[i].budget_ms, bud, sizeof bud);
		if (v[i].nscores)
			snprintf(score, sizeof score, "%.1f", v[i].mean_score);
		printf("%-5lld %s  %-6s %-24s %6s/%-6s %4s%s\n", (long long)v[i].id, when,
		       v[i].mode, *v[i].story_id ? v[i].story_id : "-", tot, bud, score,
		       v[i].completed ? "" : "  abandoned");
	}
	rehearsal_sessions_free(v, n);
	return EXIT_OK;
}

int
cli_rehearse(struct cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	if (strcmp(sub, "record") == 0 || strcmp(sub, "--record") == 0)
		return rehearse_record(cli_db(c), argc, argv);
	if (strcmp(sub, "budgets") == 0)
		return rehearse_budgets(cli_db(c), argc, argv);
	if (strcmp(sub, "list") == 0)
		return rehearse_list(cli_db(c), argc, argv);
	if (strcmp(sub, "score") == 0) {
		int64_t id, score;
		if (argc != 5 && argc != 6)
			return cli_usage("rehearse", "rehearse score needs ID CATEGORY N "
			                 "[EVIDENCE]");
		if (cli_int("rehearse", "the rehearsal ID", argv[2], 1, INT64_MAX, &id) != 0 ||
		    cli_int("rehearse", "the score", argv[4], 1, 4, &score) != 0)
			return EXIT_USAGE;
		char *cause = NULL;
		if (rehearsal_set_score(cli_db(c), id, argv[3], (int)score,
		                        argc == 6 ? argv[5] : "", &cause) != 0)
			return cli_cause(cause);
		return EXIT_OK;
	}
	if (strcmp(sub, "note") == 0) {
		int64_t id;
		if (argc != 4)
			return cli_usage("rehearse", "rehearse note needs ID TEXT");
		if (cli_int("rehearse", "the rehearsal ID", argv[2], 1, INT64_MAX, &id) != 0)
			return EXIT_USAGE;
		char *cause = NULL;
		if (rehearsal_set_note(cli_db(c), id, argv[3], &cause) != 0)
			return cli_cause(cause);
		return EXIT_OK;
	}
	if (argc > 2)
		return cli_usage("rehearse", "rehearse takes one STORY, 'pitch' or 'flow' "
		                 "(or record, budgets, list, score, note)");
	/* The timer in the interactive program. */
	struct db *db = cli_db(c);
	if (argc == 2 && strcmp(sub, "pitch") != 0 && strcmp(sub, "flow") != 0 &&
	    !story_exists(db, sub))
		return cli_error("no story '%s' (see prepdeck stories list)", sub);
	/* Without a story: the one Today suggests rehearsing next. */
	char *id = argc == 2 ? xstrdup(sub) : storysched_suggest(db, now_unix());
	if (id == NULL)
		id = xstrdup("pitch");
	int rc = tui_main(c, TUI_START_REHEARSE, id);
	free(id);
	return rc;
}

/* ---- export ------------------------------------------------------- */

int
cli_export_stories(struct cli *c, int argc, char **argv)
{
	const char *format = NULL, *out = NULL;
	int all = 0;
	for (int i = 1; i < argc; i++) {
		int missing = 0;
		const char *v;
		if (opt_value(argc, argv, &i, "--format", &v, &missing))
			format = v;
		else if (opt_value(argc, argv, &i, "--out", &v, &missing))
			out = v;
		else if (missing)
			return cli_usage("export", "%s needs a value", argv[i]);
		else if (cli_flag(argv, i, "--all"))
			all = 1;
		else
			return cli_usage("export", "export stories: unknown argument '%s'", argv[i]);
	}
	if (format == NULL)
		format = "md";
	if (strcmp(format, "md") != 0 && strcmp(format, "yaml") != 0)
		return cli_usage("export", "--format is md or yaml, not '%s'", format);
	if (all && strcmp(format, "yaml") == 0)
		return cli_usage("export", "--all is for Markdown: the YAML export holds "
		                 "your own stories (the bundled ones come with prepdeck)");
	struct db *db = cli_db(c);
	struct outfile of;
	char *cause = NULL;
	if (outfile_open(&of, out, &cause) != 0)
		return cli_cause(cause);
	int n = -1;
	if (strcmp(format, "yaml") == 0)
		n = story_export_yaml(db, of.fp);
	else
		story_export_md(db, of.fp, all);
	int to_file = of.path != NULL;
	if (outfile_commit(&of, &cause) != 0)
		return cli_cause(cause);
	if (to_file && n >= 0)
		fprintf(stderr, "%d stor%s written to %s\n", n, n == 1 ? "y" : "ies", out);
	return EXIT_OK;
}
