/* The story bank from the command line: listing, one story, the coverage
 * grid, prompts; adding, copying and editing the user's stories;
 * recording rehearsals from scripts; budgets; exporting. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_story.h"
#include "cli_storysched.h"
#include "outfile.h"
#include "rehearsal.h"
#include "story.h"
#include "storysched.h"
#include "util.h"

/* "2025-03-10 21:04" in local time. */
static void
fmt_when(int64_t t, char *buf, size_t n)
{
	fmt_local(t, "%Y-%m-%d %H:%M", buf, n);
}

/* ---- stories ------------------------------------------------------ */

static int
cmd_stories_list(struct cmd *c)
{
	struct db *db = cli_db(c);
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

/* clang-format off */
static const struct cmd_entry stories_list_entry = {
	.name = "list", .args = "", .summary = "list the stories", .exec = cmd_stories_list,
};
/* clang-format on */

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
cmd_stories_show(struct cmd *c)
{
	struct db *db = cli_db(c);
	const char *id = c->argv[0];
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
		fmt_when(s.last_rehearsed, when, sizeof when);
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
			fmt_when(hs[i].started_at, when, sizeof when);
			rehearsal_fmt_ms(hs[i].total_ms, tot, sizeof tot);
			rehearsal_fmt_ms(hs[i].budget_ms, bud, sizeof bud);
			printf("  #%lld %s %-6s %s of %s", (long long)hs[i].id, when, hs[i].mode,
			       tot, bud);
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

/* clang-format off */
static const struct cmd_entry stories_show_entry = {
	.name = "show", .args = "ID", .summary = "print one story",
	.min = 1, .max = 1, .needs = "one story ID", .operand = { ARG_STORY },
	.exec = cmd_stories_show,
};
/* clang-format on */

static int
cmd_stories_coverage(struct cmd *cmd)
{
	struct db *db = cli_db(cmd);
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

/* clang-format off */
static const struct cmd_entry stories_coverage_entry = {
	.name = "coverage", .args = "", .summary = "the grid of competencies and stories",
	.exec = cmd_stories_coverage,
};
/* clang-format on */

static unsigned
random_seed(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (unsigned)ts.tv_nsec ^ (unsigned)getpid() * 2654435761u;
}

static int
cmd_stories_prompt(struct cmd *c)
{
	enum story_pick how = STORY_PICK_RANDOM;
	const char *comp = arg_str(c, "--competency");
	if (comp)
		how = STORY_PICK_COMPETENCY;
	else if (arg_flag(c, "--weakest"))
		how = STORY_PICK_WEAKEST;
	struct db *db = cli_db(c);
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

/* clang-format off */
static const struct cmd_entry stories_prompt_entry = {
	.name = "prompt", .args = "[--random|--competency ID|--weakest]",
	.summary = "pick a behavioral prompt and the stories that fit it",
	.opts = (const struct cmd_opt[]){
		{ .name = "--competency", .type = OPT_STR, .arg = "ID", .need = "a competency id" },
		{ .name = "--weakest", .type = OPT_FLAG },
		{ .name = "--random", .type = OPT_FLAG },
		{ NULL },
	},
	.exec = cmd_stories_prompt,
};
/* clang-format on */

/* clang-format off */
const struct cmd_entry cmd_stories_entry = {
	.name = "stories", .args = "[list|show ID|due|coverage|prompt ...]",
	.summary = "the story bank, today's rehearsals, the coverage grid, a prompt",
	.help = "stories (or stories list) lists every story, yours first, with its kind "
	"(mine, example, pitch, template), when it was last rehearsed, how many times, "
	"the mean self-score of its latest scored rehearsal, its title and "
	"competencies. stories show ID prints one story with its decision points, "
	"metrics, recent rehearsals and the date of its next rehearsal. stories due "
	"[--json] lists today's story rehearsals and why each is asked for: "
	"'scheduled' (the spaced schedule set by its self-scores fell due; a low score "
	"brings a story back sooner), 'new' (not yet rehearsed with a self-score) or "
	"'interview week' (in the 7 days before the next interview every story the "
	"interview's gap map asks for is rehearsed at least once, spread over the days "
	"left); at most 3 a day besides the interview week, and never one already "
	"rehearsed today (see doc/stories.md). stories coverage prints the grid of "
	"competencies against stories and marks each competency no story covers as "
	"a GAP (with a template to start from). stories prompt [--competency ID | "
	"--weakest] picks a behavioral prompt at random, for one competency, or for "
	"the weakest-scored competency (the lowest mean self-score over the "
	"rehearsals of the stories that cover it; never-scored ones first), and lists "
	"the stories that fit it.",
	.subs = (const struct cmd_entry *const[]){
		&stories_list_entry, &stories_show_entry, &cmd_stories_due_entry,
		&stories_coverage_entry, &stories_prompt_entry, NULL,
	},
	.dflt = "list",
};
/* clang-format on */

/* ---- story ------------------------------------------------------- */

static int
cmd_story_add(struct cmd *c)
{
	const char *title = c->argv[0], *id = arg_str(c, "--id"), *type = arg_str(c, "--type");
	struct db *db = cli_db(c);
	char *nid = NULL, *cause = NULL;
	if (story_add(db, title, type, id, &nid, &cause) != 0)
		return cli_cause(cause);
	printf("%s\n", nid);
	free(nid);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry story_add_entry = {
	.name = "add", .args = "TITLE [--id ID] [--type story|pitch]",
	.summary = "write a new story of your own; prints its id",
	.opts = (const struct cmd_opt[]){
		{ .name = "--id", .type = OPT_STR, .arg = "ID", .need = "a value" },
		{ .name = "--type", .type = OPT_STR, .arg = "TYPE", .need = "a value" },
		{ NULL },
	},
	.min = 1, .max = 1, .needs = "a TITLE", .exec = cmd_story_add,
};
/* clang-format on */

static int
cmd_story_copy(struct cmd *c)
{
	const char *src = c->argv[0], *id = arg_str(c, "--id");
	struct db *db = cli_db(c);
	char *nid = NULL, *cause = NULL;
	if (story_copy(db, src, id, &nid, &cause) != 0)
		return cli_cause(cause);
	printf("%s\n", nid);
	free(nid);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry story_copy_entry = {
	.name = "copy", .args = "ID [--id NEWID]",
	.summary = "copy a story or template into your own",
	.opts = (const struct cmd_opt[]){ { .name = "--id", .type = OPT_STR, .arg = "ID", .need = "a value" }, { NULL } },
	.min = 1, .max = 1, .needs = "the ID of the story to copy", .operand = { ARG_STORY },
	.exec = cmd_story_copy,
};
/* clang-format on */

static int
cmd_story_set(struct cmd *c)
{
	char **argv = c->argv;
	char *cause = NULL;
	int used = 0;
	char *value = cli_value(argv[2], 1024 * 1024, &used, &cause);
	if (value == NULL)
		return cli_cause(cause);
	int rc = story_set(cli_db(c), argv[0], argv[1], value, &cause);
	free(value);
	if (rc != 0)
		return cli_cause(cause);
	printf("%s: %s saved\n", argv[0], argv[1]);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry story_set_entry = {
	.name = "set", .alias = "edit", .args = "ID FIELD VALUE",
	.summary = "change one field (VALUE - reads standard input)",
	.min = 3, .max = 3, .needs = "ID FIELD VALUE (VALUE - reads standard input)",
	.operand = { ARG_STORY }, .exec = cmd_story_set, .flags = CMD_OPERANDS,
};
/* clang-format on */

static int
cmd_story_delete(struct cmd *c)
{
	char *cause = NULL;
	if (story_delete(cli_db(c), c->argv[0], &cause) != 0)
		return cli_cause(cause);
	printf("%s: deleted (its rehearsals are kept)\n", c->argv[0]);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry story_delete_entry = {
	.name = "delete", .args = "ID", .summary = "delete a story of yours",
	.min = 1, .max = 1, .needs = "one story ID", .operand = { ARG_STORY },
	.exec = cmd_story_delete,
};
/* clang-format on */

/* clang-format off */
const struct cmd_entry cmd_story_entry = {
	.name = "story", .args = "add|copy|set|delete ...",
	.summary = "add, copy, edit or delete your own stories",
	.help = "story add TITLE [--type story|pitch] [--id ID] makes a new empty story of "
	"yours and prints its id (my-... from the title unless --id is given). story "
	"copy ID [--id NEWID] copies a bundled story, template or pitch (or one of "
	"yours) into a new story of yours with its decision points and prints the new "
	"id. story set ID FIELD VALUE (also: story edit) changes one field of your "
	"story: title, type, competencies (ids separated by spaces or commas), "
	"situation, task, action, result, reflection, metrics (one a line), "
	"question.N or answer.N (decision point N; question.N one past the last adds "
	"a point, an empty question removes it); VALUE '-' reads standard input. "
	"story delete ID removes your story from the bank and keeps its rehearsals. "
	"Every change is saved at once; bundled stories cannot be edited (copy them) "
	"and imports never touch yours.",
	.subs = (const struct cmd_entry *const[]){
		&story_add_entry, &story_copy_entry, &story_set_entry, &story_delete_entry, NULL,
	},
};
/* clang-format on */

/* ---- rehearse ----------------------------------------------------- */

/* Reads each --time NAME=SECONDS[/BUDGET] (or SECONDS alone, for a
 * single section) into *sec: the name may be "", the budget -2 when not
 * given. Returns 0, or reports the mistake and returns -1. */
static int
parse_times(struct cmd *c, struct rh_section **sec, int *nsec)
{
	size_t ntimes;
	const char **times = arg_list(c, "--time", &ntimes);
	for (size_t k = 0; k < ntimes; k++) {
		const char *v = times[k];
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
			cli_usage(c, "--time is NAME=SECONDS[/BUDGET] (seconds or M:SS), got '%s'",
			          v);
			return -1;
		}
		*sec = xrealloc(*sec, (size_t)(*nsec + 1) * sizeof **sec);
		(*sec)[*nsec] =
		        (struct rh_section){ .name = name, .spent_ms = spent, .budget_ms = budget };
		(*nsec)++;
	}
	return 0;
}

/* Reads each --score CATEGORY=N[:EVIDENCE] into *sc. Returns 0, or
 * reports the mistake and returns -1. */
static int
parse_scores(struct cmd *c, struct rh_score **sc, int *nsc)
{
	size_t nscores;
	const char **scores = arg_list(c, "--score", &nscores);
	for (size_t k = 0; k < nscores; k++) {
		const char *v = scores[k];
		const char *eq = strchr(v, '=');
		if (eq == NULL || eq[1] < '0' || eq[1] > '9' || (eq[2] != '\0' && eq[2] != ':')) {
			cli_usage(c, "--score is CATEGORY=N[:EVIDENCE], got '%s'", v);
			return -1;
		}
		*sc = xrealloc(*sc, (size_t)(*nsc + 1) * sizeof **sc);
		(*sc)[*nsc].category = xstrndup(v, (size_t)(eq - v));
		(*sc)[*nsc].score = eq[1] - '0';
		(*sc)[*nsc].evidence = xstrdup(eq[2] == ':' ? eq + 3 : "");
		(*nsc)++;
	}
	return 0;
}

static int
cmd_rehearse_record(struct cmd *c)
{
	const char *story = c->argc ? c->argv[0] : NULL, *prompt = arg_str(c, "--prompt");
	const char *mode = arg_str(c, "--mode"), *note = arg_str(c, "--change");
	int completed = !arg_flag(c, "--abandoned");
	int64_t point = arg_int(c, "--point", 0);
	int64_t at = 0;
	struct rh_section *sec = NULL;
	struct rh_score *sc = NULL;
	int nsec = 0, nsc = 0, rc = EXIT_USAGE;
	char *cause = NULL;
	const char *ats = arg_str(c, "--at");
	if (arg_flag(c, "--flow"))
		mode = "flow";
	if (ats && parse_iso_utc(ats, &at) != 0) {
		cli_usage(c, "--at needs YYYY-MM-DDTHH:MM:SSZ, got '%s'", ats);
		goto out;
	}
	if (parse_times(c, &sec, &nsec) != 0 || parse_scores(c, &sc, &nsc) != 0)
		goto out;
	if (nsec == 0) {
		cli_usage(c, "rehearse record needs the time of each section, e.g. "
		             "--time situation=18 --time task=14 ...");
		goto out;
	}
	struct db *db = cli_db(c);
	switch (rehearsal_fill_sections(db, story, &mode, (int)point, sec, nsec, &cause)) {
	case RH_FILL_OK:
		break;
	case RH_FILL_DRILL:
		cli_usage(c, "a drill is one --time SECONDS with --point N");
		goto out;
	case RH_FILL_UNNAMED:
		cli_usage(c, "--time needs NAME=SECONDS here");
		goto out;
	default:
		rc = cli_cause(cause);
		goto out;
	}
	rc = EXIT_USER;
	struct rh_record r = {
		.story_id = story,
		.prompt_id = prompt,
		.mode = mode,
		.started_at = at ? at : now_unix(),
		.completed = completed,
		.change_note = note,
		.sec = sec,
		.nsec = nsec,
		.scores = sc,
		.nscores = nsc,
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

/* clang-format off */
static const struct cmd_entry rehearse_record_entry = {
	.name = "record", .alias = "--record",
	.args = "[STORY] --time NAME=SECONDS[/BUDGET]... [--score CATEGORY=N[:EVIDENCE]]... "
	"[--mode story|pitch|drill|flow] [--prompt ID] [--point N] [--change TEXT] "
	"[--at TIME] [--abandoned] [--flow]",
	.summary = "save a rehearsal timed elsewhere",
	.opts = (const struct cmd_opt[]){
		{ .name = "--mode", .type = OPT_STR, .arg = "MODE", .need = "a value" },
		{ .name = "--prompt", .type = OPT_STR, .arg = "ID", .need = "a value" },
		{ .name = "--change", .type = OPT_STR, .arg = "TEXT", .need = "a value" },
		{ .name = "--point", .type = OPT_INT, .arg = "N", .min = 1, .max = 1000, .need = "a value" },
		{ .name = "--at", .type = OPT_STR, .arg = "YYYY-MM-DDTHH:MM:SSZ", .need = "a value" },
		{ .name = "--time", .type = OPT_STR, .arg = "NAME=SECONDS[/BUDGET]", .need = "a value", .many = 1 },
		{ .name = "--score", .type = OPT_STR, .arg = "CATEGORY=N[:EVIDENCE]", .need = "a value", .many = 1 },
		{ .name = "--abandoned", .type = OPT_FLAG },
		{ .name = "--flow", .type = OPT_FLAG },
		{ NULL },
	},
	.max = 1, .operand = { ARG_STORY }, .exec = cmd_rehearse_record,
};
/* clang-format on */

static int
cmd_rehearse_budgets(struct cmd *c)
{
	struct db *db = cli_db(c);
	if (c->argc == 2) {
		char *cause = NULL;
		if (rehearsal_budget_set(db, c->argv[0], c->argv[1], &cause) != 0)
			return cli_cause(cause);
	} else if (c->argc != 0) {
		return cli_usage(c, "rehearse budgets takes nothing, or SECTION SECONDS");
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

/* clang-format off */
static const struct cmd_entry rehearse_budgets_entry = {
	.name = "budgets", .args = "[SECTION SECONDS]", .summary = "show or set the section budgets",
	.max = 2, .exec = cmd_rehearse_budgets, .flags = CMD_OPERANDS,
};
/* clang-format on */

static int
cmd_rehearse_list(struct cmd *c)
{
	const char *story = c->argc ? c->argv[c->argc - 1] : NULL;
	int64_t limit = arg_int(c, "--limit", 20);
	struct db *db = cli_db(c);
	struct rh_session *v;
	size_t n;
	rehearsal_history(db, story, (int)limit, &v, &n);
	if (n == 0)
		printf("no rehearsals yet\n");
	for (size_t i = 0; i < n; i++) {
		char when[32], tot[16], bud[16], score[16] = "-";
		fmt_when(v[i].started_at, when, sizeof when);
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

/* clang-format off */
static const struct cmd_entry rehearse_list_entry = {
	.name = "list", .args = "[STORY] [--limit N]", .summary = "list rehearsals, latest first",
	.opts = (const struct cmd_opt[]){
		{ .name = "--limit", .type = OPT_INT, .arg = "N", .min = 1, .max = 100000, .need = "a value" },
		{ NULL },
	},
	.max = -1, .operand = { ARG_STORY }, .exec = cmd_rehearse_list,
};
/* clang-format on */

static int
cmd_rehearse_score(struct cmd *c)
{
	char **argv = c->argv;
	int64_t id, score;
	if (cli_int(c, "the rehearsal ID", argv[0], 1, INT64_MAX, &id) != 0 ||
	    cli_int(c, "the score", argv[2], 1, 4, &score) != 0)
		return EXIT_USAGE;
	char *cause = NULL;
	if (rehearsal_set_score(cli_db(c), id, argv[1], (int)score, c->argc == 4 ? argv[3] : "",
	                        &cause) != 0)
		return cli_cause(cause);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry rehearse_score_entry = {
	.name = "score", .args = "ID CATEGORY N [EVIDENCE]", .summary = "score a saved rehearsal",
	.min = 3, .max = 4, .needs = "ID CATEGORY N [EVIDENCE]", .exec = cmd_rehearse_score,
	.flags = CMD_OPERANDS,
};
/* clang-format on */

static int
cmd_rehearse_note(struct cmd *c)
{
	int64_t id;
	if (cli_int(c, "the rehearsal ID", c->argv[0], 1, INT64_MAX, &id) != 0)
		return EXIT_USAGE;
	char *cause = NULL;
	if (rehearsal_set_note(cli_db(c), id, c->argv[1], &cause) != 0)
		return cli_cause(cause);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry rehearse_note_entry = {
	.name = "note", .args = "ID TEXT", .summary = "note what to change next time",
	.min = 2, .max = 2, .needs = "ID TEXT", .exec = cmd_rehearse_note, .flags = CMD_OPERANDS,
};
/* clang-format on */

/* rehearse [STORY|pitch|flow]: the timer in the interactive program. */
static int
cmd_rehearse(struct cmd *c)
{
	const char *sub = c->argc ? c->argv[0] : "";
	struct db *db = cli_screen_db(c);
	if (c->argc == 1 && strcmp(sub, "pitch") != 0 && strcmp(sub, "flow") != 0 &&
	    !story_exists(db, sub))
		return cli_error("no story '%s' (see prepdeck stories list)", sub);
	/* Without a story: the one Today suggests rehearsing next. */
	char *id = c->argc == 1 ? xstrdup(sub) : storysched_suggest(db, now_unix());
	if (id == NULL || strcmp(id, "pitch") == 0) {
		free(id);
		char *pitch = story_pitch_id(db);
		if (pitch == NULL)
			return cli_error("you have no pitch of your own yet: write one with "
			                 "prepdeck profile pitch TEXT (or y on Today, then Pitch)");
		free(pitch);
		cli_start(c, START_PITCH);
	} else if (strcmp(id, "flow") == 0) {
		free(id);
		cli_start(c, START_FLOW);
	} else {
		cli_start(c, START_REHEARSE);
		c->cli->start.story = id;
	}
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_rehearse_entry = {
	.name = "rehearse", .args = "[STORY|pitch|flow] | record|budgets|list|score|note ...",
	.summary = "rehearse a story against the clock, or record a rehearsal",
	.help = "rehearse STORY opens the rehearsal timer on a story (Situation, Task, Action, "
	"Result, Reflection, each with its budget), or without STORY on the first "
	"story due today (stories due), else the one rehearsed least recently; "
	"rehearse pitch times your 60-second "
	"pitch; rehearse flow walks the 60-minute interview loop with a timer per "
	"segment. rehearse record STORY --time SECTION=SECONDS[/BUDGET]... [--score "
	"CATEGORY=N:EVIDENCE]... [--change TEXT] [--prompt ID] [--mode "
	"story|pitch|drill|flow] [--point N] [--abandoned] [--at TIME] saves a "
	"rehearsal done elsewhere in one transaction (budgets default to the "
	"settings; a drill is --mode drill --point N --time SECONDS; a flow takes "
	"--flow and segment ids as sections). Scores are on the behavioral rubric "
	"(clarity, ownership, conflict, impact), 1 to 4 with one sentence of evidence. "
	"rehearse budgets [SECTION SECONDS] shows or sets the section budgets "
	"(situation 20, task 15, action 60, result 25, reflection 20, pitch 60, drill "
	"60 seconds by default; 1 to 3600). rehearse list [STORY] [--limit N] lists "
	"rehearsals, latest first; rehearse score ID CATEGORY N [EVIDENCE] and "
	"rehearse note ID TEXT change a saved one.",
	.max = 1, .needs = "one STORY, 'pitch' or 'flow' (or record, budgets, list, score, note)",
	.operand = { ARG_STORY }, .exec = cmd_rehearse,
	.subs = (const struct cmd_entry *const[]){
		&rehearse_record_entry, &rehearse_budgets_entry, &rehearse_list_entry,
		&rehearse_score_entry, &rehearse_note_entry, NULL,
	},
};
/* clang-format on */

/* ---- export ------------------------------------------------------- */

static int
cmd_export_stories(struct cmd *c)
{
	const char *format = arg_str(c, "--format"), *out = arg_str(c, "--out");
	int all = arg_flag(c, "--all");
	if (format == NULL)
		format = "md";
	if (all && strcmp(format, "yaml") == 0)
		return cli_usage(c, "--all is for Markdown: the YAML export holds "
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

/* clang-format off */
const struct cmd_entry cmd_export_stories_entry = {
	.name = "stories", .args = "[--format md|yaml] [--out FILE] [--all]",
	.summary = "the story bank as Markdown or YAML",
	.opts = (const struct cmd_opt[]){
		{ .name = "--format", .type = OPT_STR, .arg = "FMT", .need = "a value",
		  .words = "md yaml" },
		{ .name = "--out", .type = OPT_STR, .arg = "FILE", .need = "a value", .kind = ARG_FILE },
		{ .name = "--all", .type = OPT_FLAG },
		{ NULL },
	},
	.exec = cmd_export_stories,
};
/* clang-format on */
