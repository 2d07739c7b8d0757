/* Unit tests of the rehearsal timer on an injected clock (section
 * timings, pause, overrun, restart, abandon, reading during a resize, no
 * drift over a simulated ten-minute session), the section budgets,
 * sessions recorded by hand named and timed as the timer would, and
 * saving sessions with their sections and self-scores. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "content.h"
#include "db.h"
#include "import.h"
#include "rehearsal.h"
#include "util.h"

/* The test clock: the test moves it by hand. */
struct fake {
	int64_t t;
	int reads;
};

static int64_t
fake_now(void *ctx)
{
	struct fake *f = ctx;
	f->reads++;
	return f->t;
}

static void
star(struct rh_timer *t, struct fake *f)
{
	struct rh_clock c = { fake_now, f };
	rh_init(t, &c);
	rh_add(t, "Situation", "cue s", 20000);
	rh_add(t, "Task", "", 15000);
	rh_add(t, "Action", NULL, 60000);
	rh_add(t, "Result", "", 25000);
	rh_add(t, "Reflection", "", 20000);
}

static void
test_sections(void)
{
	struct fake f = { 500000, 0 };
	struct rh_timer t;
	star(&t, &f);
	CHECK_INT(t.state, RH_READY);
	CHECK_INT(rh_budget(&t), 140000);
	CHECK_INT(rh_total(&t), 0);
	f.t += 5000;                       /* time before the start does not count */
	rh_start(&t);
	CHECK_INT(t.state, RH_RUNNING);
	CHECK_INT(t.cur, 0);
	f.t += 18000;
	CHECK_INT(rh_elapsed(&t, 0), 18000);
	CHECK_INT(rh_overrun(&t, 0), 0);
	CHECK_INT(rh_next(&t), 0);
	f.t += 16500;                      /* Task: 1.5 s over its 15 s */
	CHECK_INT(rh_elapsed(&t, 1), 16500);
	CHECK_INT(rh_overrun(&t, 1), 1500);
	CHECK_INT(rh_elapsed(&t, 0), 18000);   /* closed sections stay put */
	rh_next(&t);
	f.t += 59999;                      /* Action: just under */
	CHECK_INT(rh_overrun(&t, 2), 0);
	f.t += 2;
	CHECK_INT(rh_overrun(&t, 2), 1);
	rh_next(&t);
	f.t += 25000;                      /* Result: exactly on budget is not over */
	CHECK_INT(rh_overrun(&t, 3), 0);
	rh_next(&t);
	f.t += 30000;
	CHECK_INT(rh_overrun(&t, 4), 10000);
	CHECK_INT(rh_next(&t), 1);
	CHECK_INT(t.state, RH_DONE);
	CHECK_INT(t.cur, 5);
	CHECK_INT(rh_overruns(&t), 3);
	int64_t total = 18000 + 16500 + 60001 + 25000 + 30000;
	CHECK_INT(rh_total(&t), total);
	f.t += 100000;                     /* a finished timer no longer moves */
	CHECK_INT(rh_total(&t), total);
	CHECK_INT(rh_next(&t), 0);
	CHECK_STR(t.sec[0].cue, "cue s");
	CHECK_STR(t.sec[2].cue, "");
	rh_free(&t);
}

static void
test_pause(void)
{
	struct fake f = { 0, 0 };
	struct rh_timer t;
	star(&t, &f);
	rh_start(&t);
	f.t += 5000;
	rh_pause(&t);
	CHECK_INT(t.state, RH_PAUSED);
	f.t += 100000;                     /* paused time is not counted */
	CHECK_INT(rh_elapsed(&t, 0), 5000);
	rh_pause(&t);                      /* pausing twice changes nothing */
	f.t += 1000;
	rh_resume(&t);
	f.t += 3000;
	CHECK_INT(rh_elapsed(&t, 0), 8000);
	rh_toggle_pause(&t);
	CHECK_INT(t.state, RH_PAUSED);
	f.t += 7000;
	rh_toggle_pause(&t);
	CHECK_INT(t.state, RH_RUNNING);
	f.t += 1000;
	CHECK_INT(rh_elapsed(&t, 0), 9000);
	/* Next while paused: the paused stretch is not counted and the next
	 * section starts running. */
	rh_pause(&t);
	f.t += 50000;
	rh_next(&t);
	CHECK_INT(t.state, RH_RUNNING);
	CHECK_INT(t.cur, 1);
	CHECK_INT(rh_elapsed(&t, 0), 9000);
	f.t += 2000;
	CHECK_INT(rh_elapsed(&t, 1), 2000);
	rh_free(&t);
}

static void
test_restart_abandon(void)
{
	struct fake f = { 1000, 0 };
	struct rh_timer t;
	star(&t, &f);
	rh_start(&t);
	f.t += 30000;
	rh_next(&t);
	f.t += 4000;
	rh_restart(&t);
	CHECK_INT(t.cur, 0);
	CHECK_INT(t.state, RH_RUNNING);
	CHECK_INT(rh_total(&t), 0);
	f.t += 2000;
	CHECK_INT(rh_elapsed(&t, 0), 2000);
	CHECK_INT(rh_elapsed(&t, 1), 0);
	/* Restart from a pause runs again from zero. */
	rh_pause(&t);
	rh_restart(&t);
	f.t += 1000;
	CHECK_INT(rh_total(&t), 1000);

	rh_next(&t);
	f.t += 6000;
	rh_abandon(&t);
	CHECK_INT(t.state, RH_ABANDONED);
	f.t += 60000;
	CHECK_INT(rh_elapsed(&t, 1), 6000);
	CHECK_INT(rh_total(&t), 7000);
	CHECK_INT(rh_next(&t), 0);
	rh_resume(&t);
	CHECK_INT(t.state, RH_ABANDONED);
	rh_free(&t);

	/* A timer without sections cannot start. */
	struct rh_clock c = { fake_now, &f };
	rh_init(&t, &c);
	rh_start(&t);
	CHECK_INT(t.state, RH_READY);
	rh_free(&t);
}

/* What the screen does on a resize (or any redraw) is read the timer;
 * reading must not change it, however often or late it happens. */
static void
test_resize(void)
{
	struct fake f = { 7000, 0 };
	struct rh_timer t;
	star(&t, &f);
	rh_start(&t);
	f.t += 12345;
	struct rh_timer before = t;
	struct rh_section sec0 = t.sec[0];
	for (int i = 0; i < 50; i++) {     /* a burst of KEY_RESIZE redraws */
		CHECK_INT(rh_elapsed(&t, 0), 12345);
		(void)rh_total(&t);
		(void)rh_overrun(&t, 0);
	}
	CHECK(f.reads > 50);
	CHECK_INT(t.mark, before.mark);
	CHECK_INT(t.sec[0].spent_ms, sec0.spent_ms);
	CHECK_INT(t.cur, before.cur);
	/* A stall (the terminal being dragged for 4 s, no redraw at all)
	 * still shows the right time afterwards. */
	f.t += 4000;
	CHECK_INT(rh_elapsed(&t, 0), 16345);
	rh_next(&t);
	f.t += 1;
	CHECK_INT(rh_elapsed(&t, 0), 16345);
	CHECK_INT(rh_elapsed(&t, 1), 1);
	rh_free(&t);
}

/* Ten minutes of a flow rehearsal redrawn on an irregular timer (a slow
 * machine: every tick late by up to 400 ms), with pauses: the clock
 * matches the wall time minus the pauses to the millisecond, where
 * counting ticks would have drifted. */
static void
test_no_drift(void)
{
	struct fake f = { 123456789, 0 };
	struct rh_timer t;
	struct rh_clock c = { fake_now, &f };
	rh_init(&t, &c);
	rh_add(&t, "Intro", "", 60000);
	rh_add(&t, "Deep dive", "", 240000);
	rh_add(&t, "Design", "", 300000);
	rh_start(&t);
	int64_t start = f.t, paused = 0, ticks = 0;
	unsigned seed = 42;
	int64_t seen_max = 0, monotone = 1;
	while (f.t - start < 600000) {
		seed = seed * 1103515245u + 12345u;
		int64_t step = 250 + (int64_t)(seed >> 16) % 400;
		f.t += step;
		ticks++;
		int64_t now_total = rh_total(&t);
		if (now_total < seen_max)
			monotone = 0;
		seen_max = now_total;
		if (ticks == 200) {
			rh_pause(&t);
			f.t += 45000;
			paused += 45000;
			rh_resume(&t);
		}
		if (ticks == 300 || ticks == 900)
			rh_next(&t);
	}
	int64_t wall = f.t - start;
	CHECK_INT(rh_total(&t), wall - paused);
	CHECK(monotone);
	/* Counting 250 ms ticks would be minutes off. */
	CHECK(ticks * 250 < wall - paused - 60000);
	CHECK_INT(t.cur, 2);
	rh_free(&t);
}

static void
test_parse(void)
{
	CHECK_INT(rehearsal_parse_secs("90"), 90000);
	CHECK_INT(rehearsal_parse_secs("1:30"), 90000);
	CHECK_INT(rehearsal_parse_secs("12.5"), 12500);
	CHECK_INT(rehearsal_parse_secs("0:05"), 5000);
	CHECK_INT(rehearsal_parse_secs("1:5"), -1);
	CHECK_INT(rehearsal_parse_secs("1:60"), -1);
	CHECK_INT(rehearsal_parse_secs("-3"), -1);
	CHECK_INT(rehearsal_parse_secs("abc"), -1);
	CHECK_INT(rehearsal_parse_secs(""), -1);
	char buf[32];
	rehearsal_fmt_ms(65499, buf, sizeof buf);
	CHECK_STR(buf, "1:05");
	rehearsal_fmt_ms(3600000 + 61000, buf, sizeof buf);
	CHECK_STR(buf, "1:01:01");
	rehearsal_fmt_ms(-5000, buf, sizeof buf);
	CHECK_STR(buf, "-0:05");
}

/* Times: one rounding rule, sections that add up to the total. */
static void
test_rounding(void)
{
	CHECK_INT(rehearsal_round_ms(0), 0);
	CHECK_INT(rehearsal_round_ms(499), 0);
	CHECK_INT(rehearsal_round_ms(500), 1000);
	CHECK_INT(rehearsal_round_ms(1499), 1000);
	CHECK_INT(rehearsal_round_ms(-1500), -2000);
	char buf[32];
	rehearsal_fmt_ms(6600, buf, sizeof buf);
	CHECK_STR(buf, "0:07");
	/* A timer whose sections would truncate to 6+1+1+1+1 = 10 s while
	 * the raw total is 14.5 s: shown, they are 7+2+2+2+2 and the total
	 * is their sum. */
	struct fake f = { 0, 0 };
	struct rh_timer t;
	star(&t, &f);
	rh_start(&t);
	static const int64_t ms[5] = { 6600, 1500, 1700, 1900, 2800 };
	for (int i = 0; i < 5; i++) {
		f.t += ms[i];
		rh_next(&t);
	}
	int64_t sum = 0;
	for (int i = 0; i < 5; i++)
		sum += rh_shown(&t, i);
	CHECK_INT(rh_shown(&t, 0), 7000);
	CHECK_INT(rh_shown(&t, 1), 2000);
	CHECK_INT(rh_shown_total(&t), sum);
	CHECK_INT(sum, 16000);
	CHECK_INT(rh_total(&t), 14500);   /* the clock keeps its milliseconds */
	rh_free(&t);
}

/* The screen's budget steps stay on the 5-second grid. */
static void
test_budget_step(void)
{
	CHECK_INT(rehearsal_budget_step(20000, -1), 15000);
	CHECK_INT(rehearsal_budget_step(15000, 1), 20000);
	CHECK_INT(rehearsal_budget_step(5000, -1), 5000);    /* not 0:01 */
	CHECK_INT(rehearsal_budget_step(1000, 1), 5000);     /* back on the grid */
	CHECK_INT(rehearsal_budget_step(1000, -1), 5000);
	CHECK_INT(rehearsal_budget_step(12000, 1), 15000);
	CHECK_INT(rehearsal_budget_step(12000, -1), 10000);
	CHECK_INT(rehearsal_budget_step(RH_BUDGET_MAX_S * 1000, 1), RH_BUDGET_MAX_S * 1000);
	/* Down from the default and up again reaches the default. */
	int64_t b = 20000;
	for (int i = 0; i < 6; i++)
		b = rehearsal_budget_step(b, -1);
	for (int i = 0; i < 3; i++)
		b = rehearsal_budget_step(b, 1);
	CHECK_INT(b, 20000);
}

static const char content[] =
	"kind: stories\nid: bank\ntitle: Bank\n"
	"competencies:\n  - {id: ownership, name: Ownership}\n"
	"  - {id: technical-depth, name: Technical depth}\n  - {id: impact, name: Impact}\n"
	"  - {id: influence, name: Cross-functional influence}\n"
	"stories:\n"
	"  - {id: tech, title: Tech, competencies: [technical-depth, impact], situation: s, task: t, action: a, "
	"result: r}\n"
	"  - {id: infl, title: Infl, competencies: [influence], situation: s, task: t, action: a, "
	"result: r}\n"
	"  - {id: deep, title: Deep, competencies: [technical-depth], situation: s, task: t, action: a, "
	"result: r}\n"
	"  - id: s1\n    title: One\n    competencies: [ownership]\n"
	"    situation: Sit text\n    task: Task text\n    action: Act text\n"
	"    result: Res text\n    reflection: Refl text\n"
	"    decision_points:\n      - question: Why A?\n        answer: Because.\n"
	"      - question: Why B?\n"
	"  - id: p1\n    title: Pitch\n    type: pitch\n    situation: Hello\n"
	"    task: I build.\n"
	"prompts:\n  - {id: pr1, text: Tell me, competencies: [ownership]}\n"
	"---\nkind: rubric\nid: mock-behavioral\ntitle: Behavioral\nround: behavioral\n"
	"categories:\n"
	"  - {id: clarity, name: Clarity, levels: [a, b, c, d]}\n"
	"  - {id: ownership, name: Ownership, levels: [a, b, c, d]}\n"
	"  - {id: conflict, name: Conflict handling, levels: [a, b, c, d]}\n"
	"  - {id: impact, name: Impact, levels: [a, b, c, d]}\n"
	"---\nkind: flow\nid: interview-60\ntitle: Loop\nsegments:\n"
	"  - {id: intro, title: Intro, minutes: 5, cues: Pitch then stop.}\n"
	"  - {id: tech, title: Technical, minutes: 15}\n";

/* Sections recorded by hand, named and timed as the timer would; sec
 * holds copies of names[], budgets -2 (not given) unless budget says. */
static int
fill(struct db *db, const char *story, const char **mode, int point, const char *const *names,
     int n, int64_t budget, struct rh_section *sec, char **cause)
{
	for (int i = 0; i < n; i++)
		sec[i] = (struct rh_section){ .name = xstrdup(names[i]), .spent_ms = 1000,
		                              .budget_ms = budget };
	return rehearsal_fill_sections(db, story, mode, point, sec, n, cause);
}

static void
free_names(struct rh_section *sec, int n)
{
	for (int i = 0; i < n; i++)
		free(sec[i].name);
}

static void
test_fill_sections(struct db *db)
{
	struct rh_section sec[5];
	char *cause = NULL;

	/* A story's sections: the mode from the story, names spelt as the
	 * timer spells them, budgets from the settings unless given; a name
	 * no budget knows is kept and gets the 60 s of an unknown name. */
	const char *mode = NULL;
	const char *star[] = { "situation", "ACTION", "Warm-up" };
	CHECK_INT(fill(db, "s1", &mode, 0, star, 3, -2, sec, &cause), RH_FILL_OK);
	CHECK_STR(mode, "story");
	CHECK_STR(sec[0].name, "Situation");
	CHECK_INT(sec[0].budget_ms, 20000);
	CHECK_STR(sec[1].name, "Action");
	CHECK_INT(sec[1].budget_ms, 90000);
	CHECK_STR(sec[2].name, "Warm-up");
	CHECK_INT(sec[2].budget_ms, 60000);
	free_names(sec, 3);
	mode = NULL;
	CHECK_INT(fill(db, "s1", &mode, 0, star, 1, 7000, sec, &cause), RH_FILL_OK);
	CHECK_INT(sec[0].budget_ms, 7000);
	free_names(sec, 1);

	/* A pitch story records a pitch; its unnamed section is "Pitch". */
	mode = NULL;
	const char *unnamed[] = { "" };
	CHECK_INT(fill(db, "p1", &mode, 0, unnamed, 1, -2, sec, &cause), RH_FILL_OK);
	CHECK_STR(mode, "pitch");
	CHECK_STR(sec[0].name, "Pitch");
	CHECK_INT(sec[0].budget_ms, 60000);
	free_names(sec, 1);
	/* In a story an unnamed section is a mistake. */
	mode = NULL;
	CHECK_INT(fill(db, "s1", &mode, 0, unnamed, 1, -2, sec, &cause), RH_FILL_UNNAMED);
	free_names(sec, 1);

	/* A drill is one section: the decision point's question, the drill
	 * budget. */
	CHECK_INT(rehearsal_budget_set(db, "drill", "45", &cause), 0);
	mode = "drill";
	CHECK_INT(fill(db, "s1", &mode, 2, unnamed, 1, -2, sec, &cause), RH_FILL_OK);
	CHECK_STR(sec[0].name, "Why B?");
	CHECK_INT(sec[0].budget_ms, 45000);
	free_names(sec, 1);
	CHECK_INT(fill(db, "s1", &mode, 0, unnamed, 1, -2, sec, &cause), RH_FILL_DRILL);
	free_names(sec, 1);
	CHECK_INT(fill(db, "s1", &mode, 1, star, 2, -2, sec, &cause), RH_FILL_DRILL);
	free_names(sec, 2);
	CHECK_INT(fill(db, "s1", &mode, 3, unnamed, 1, -2, sec, &cause), RH_FILL_MISSING);
	CHECK(cause && strstr(cause, "story 's1' has no decision point 3"));
	free(cause);
	cause = NULL;
	free_names(sec, 1);

	/* A flow's sections are its segments, by id or title, with their
	 * minutes; a name that is no segment is kept as given. */
	mode = "flow";
	const char *flow[] = { "intro", "Technical", "Wrap" };
	CHECK_INT(fill(db, NULL, &mode, 0, flow, 3, -2, sec, &cause), RH_FILL_OK);
	CHECK_STR(sec[0].name, "Intro");
	CHECK_INT(sec[0].budget_ms, 5 * 60000);
	CHECK_STR(sec[1].name, "Technical");
	CHECK_INT(sec[1].budget_ms, 15 * 60000);
	CHECK_STR(sec[2].name, "Wrap");
	CHECK_INT(sec[2].budget_ms, 60000);
	free_names(sec, 3);

	/* No such story: nothing is filled in. */
	mode = NULL;
	CHECK_INT(fill(db, "nope", &mode, 0, star, 1, -2, sec, &cause), RH_FILL_MISSING);
	CHECK(cause && strstr(cause, "no story 'nope'"));
	CHECK(mode == NULL);
	CHECK_STR(sec[0].name, "situation");
	free(cause);
	free_names(sec, 1);
}

static void
test_db(struct db *db)
{
	struct content_run *run = content_load_buffer("mem/c.yaml", content,
	                                              strlen(content), import_lookup, db);
	CHECK_INT(run->diags.n, 0);
	if (run->diags.n) {
		diags_print(&run->diags, stderr);
		content_free(run);
		return;
	}
	struct import_stats ist;
	import_run(db, run, &ist);
	content_free(run);

	/* Budgets: defaults, settings, bad values refused. */
	CHECK_INT(rehearsal_budget_ms(db, "Situation"), 20000);
	CHECK_INT(rehearsal_budget_ms(db, "task"), 15000);
	CHECK_INT(rehearsal_budget_ms(db, "Action"), 60000);
	CHECK_INT(rehearsal_budget_ms(db, "Result"), 25000);
	CHECK_INT(rehearsal_budget_ms(db, "Reflection"), 20000);
	CHECK_INT(rehearsal_budget_ms(db, "pitch"), 60000);
	char *cause = NULL;
	CHECK_INT(rehearsal_budget_set(db, "action", "1:30", &cause), 0);
	CHECK_INT(rehearsal_budget_ms(db, "Action"), 90000);
	CHECK_INT(rehearsal_budget_set(db, "action", "0", &cause), -1);
	CHECK(cause && strstr(cause, "between 1 and 3600"));
	free(cause);
	cause = NULL;
	CHECK_INT(rehearsal_budget_set(db, "actoin", "5", &cause), -1);
	CHECK(cause && strstr(cause, "unknown section 'actoin'"));
	free(cause);
	cause = NULL;
	CHECK_INT(rehearsal_budget_set(db, "task", "2.5", &cause), -1);
	free(cause);
	cause = NULL;
	db_set_setting(db, "budget_task", "garbage");
	CHECK_INT(rehearsal_budget_ms(db, "Task"), 15000);

	/* A story's sections with its text as cues; the pitch is one section. */
	struct fake f = { 0, 0 };
	struct rh_clock c = { fake_now, &f };
	struct rh_timer t;
	rh_init(&t, &c);
	CHECK_INT(rehearsal_story_sections(db, "s1", &t, &cause), 0);
	CHECK_INT(t.nsec, 5);
	CHECK_STR(t.sec[2].name, "Action");
	CHECK_STR(t.sec[2].cue, "Act text");
	CHECK_INT(t.sec[2].budget_ms, 90000);
	CHECK_INT(rh_budget(&t), 20000 + 15000 + 90000 + 25000 + 20000);
	struct rh_timer p;
	rh_init(&p, &c);
	CHECK_INT(rehearsal_story_sections(db, "p1", &p, &cause), 0);
	CHECK_INT(p.nsec, 1);
	CHECK_STR(p.sec[0].name, "Pitch");
	CHECK_STR(p.sec[0].cue, "Hello\nI build.");
	CHECK_INT(p.sec[0].budget_ms, 60000);
	rh_free(&p);
	CHECK_INT(rehearsal_story_sections(db, "nope", &p, &cause), -1);
	CHECK(cause && strstr(cause, "no story 'nope'"));
	free(cause);
	cause = NULL;
	struct rh_timer fl;
	rh_init(&fl, &c);
	CHECK_INT(rehearsal_flow_sections(db, FLOW_ID, &fl, &cause), 0);
	CHECK_INT(fl.nsec, 2);
	CHECK_INT(fl.sec[0].budget_ms, 300000);
	CHECK_STR(fl.sec[0].cue, "Pitch then stop.");
	CHECK_INT(rh_budget(&fl), 20 * 60000);
	rh_free(&fl);

	/* Run the story and save it: one rehearsal, five sections. */
	rh_start(&t);
	for (int i = 0; i < 5; i++) {
		f.t += 1000 * (i + 1);
		rh_next(&t);
	}
	int64_t id = 0;
	CHECK_INT(rehearsal_save_timer(db, &t, "s1", "pr1", "story", &id, &cause), 0);
	CHECK(id > 0);
	CHECK_INT(db_int(db, 0, "SELECT total_ms FROM rehearsal WHERE id = ?", "i", id), 15000);
	CHECK_INT(db_int(db, 0, "SELECT completed FROM rehearsal WHERE id = ?", "i", id), 1);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM rehearsal_section WHERE "
	                 "rehearsal_id = ?", "i", id), 5);
	CHECK_INT(db_int(db, 0, "SELECT spent_ms FROM rehearsal_section WHERE "
	                 "rehearsal_id = ? AND name = 'Result'", "i", id), 4000);
	char *pid = db_text(db, "SELECT prompt_id FROM rehearsal WHERE id = ?", "i", id);
	CHECK_STR(pid, "pr1");
	free(pid);
	rh_free(&t);

	/* Self-scores on the behavioral rubric, evidence checked. */
	struct rh_cat *cats;
	int ncats;
	rehearsal_rubric(db, &cats, &ncats);
	CHECK_INT(ncats, 4);
	CHECK_STR(cats[2].name, "Conflict handling");
	rehearsal_rubric_free(cats, ncats);

	/* A story is scored on the categories of its competencies, clarity
	 * always; one that maps to nothing else gets the whole rubric. */
	char *why = NULL;
	rehearsal_rubric_for(db, "tech", &cats, &ncats, &why);
	CHECK_INT(ncats, 2);
	if (ncats == 2) {
		CHECK_STR(cats[0].id, "clarity");
		CHECK_STR(cats[1].id, "impact");
	}
	CHECK(why && strstr(why, "Technical depth, Impact"));
	rehearsal_rubric_free(cats, ncats);
	free(why);
	rehearsal_rubric_for(db, "infl", &cats, &ncats, NULL);
	CHECK_INT(ncats, 2);
	if (ncats == 2)
		CHECK_STR(cats[1].id, "conflict");
	rehearsal_rubric_free(cats, ncats);
	rehearsal_rubric_for(db, "s1", &cats, &ncats, NULL);
	CHECK_INT(ncats, 2);
	if (ncats == 2)
		CHECK_STR(cats[1].id, "ownership");
	rehearsal_rubric_free(cats, ncats);
	rehearsal_rubric_for(db, "deep", &cats, &ncats, &why);
	CHECK_INT(ncats, 4);
	CHECK(why && strstr(why, "every category"));
	rehearsal_rubric_free(cats, ncats);
	free(why);
	rehearsal_rubric_for(db, "p1", &cats, &ncats, NULL);
	CHECK_INT(ncats, 4);
	rehearsal_rubric_free(cats, ncats);
	CHECK_INT(rehearsal_set_score(db, id, "clarity", 3, "Clear STAR in time.", &cause), 0);
	CHECK_INT(rehearsal_set_score(db, id, "clarity", 2, "Ran long.", &cause), 0);
	CHECK_INT(db_int(db, 0, "SELECT score FROM rehearsal_score WHERE rehearsal_id = ? "
	                 "AND category = 'clarity'", "i", id), 2);
	CHECK_INT(rehearsal_set_score(db, id, "clarity", 5, "", &cause), -1);
	CHECK(cause && strstr(cause, "1 to 4"));
	free(cause);
	cause = NULL;
	CHECK_INT(rehearsal_set_score(db, id, "charisma", 3, "", &cause), -1);
	CHECK(cause && strstr(cause, "unknown rubric category 'charisma'"));
	free(cause);
	cause = NULL;
	CHECK_INT(rehearsal_set_score(db, id, "impact", 3, "two\nlines", &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(rehearsal_set_score(db, id + 100, "impact", 3, "", &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(rehearsal_set_note(db, id, "Cut the situation to two sentences — "
	                             "start with the number.", &cause), 0);

	/* A whole record at once; a bad one writes nothing. */
	struct rh_section sec[2] = { { "Situation", "", 20000, 25000 },
	                             { "Task", "", 15000, 9000 } };
	struct rh_score sc[2] = { { "impact", 4, "Numbers." }, { "impact", 3, "again" } };
	struct rh_record r = { .story_id = "s1", .mode = "story", .started_at = 1700000000,
	                       .completed = 1, .sec = sec, .nsec = 2, .scores = sc,
	                       .nscores = 2 };
	int64_t before = db_int(db, 0, "SELECT count(*) FROM rehearsal", "");
	CHECK_INT(rehearsal_save(db, &r, &id, &cause), -1);
	CHECK(cause && strstr(cause, "scored twice"));
	free(cause);
	cause = NULL;
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM rehearsal", ""), before);
	r.nscores = 1;
	r.mode = "karaoke";
	CHECK_INT(rehearsal_save(db, &r, &id, &cause), -1);
	free(cause);
	cause = NULL;
	r.mode = "story";
	r.story_id = "ghost";
	CHECK_INT(rehearsal_save(db, &r, &id, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM rehearsal", ""), before);
	r.story_id = "s1";
	CHECK_INT(rehearsal_save(db, &r, &id, &cause), 0);
	char *tb = db_text(db, "SELECT total_ms || '/' || budget_ms FROM rehearsal "
	                   "WHERE id = ?", "i", id);
	CHECK_STR(tb, "34000/35000");
	free(tb);

	/* Saved times are whole seconds and the total is their sum. */
	struct rh_section odd[3] = { { "Situation", "", 20000, 6600 },
	                             { "Task", "", 15000, 1500 },
	                             { "Action", "", 60000, 1400 } };
	struct rh_record ro = { .story_id = "tech", .mode = "story", .started_at = 1600000000,
	                        .completed = 1, .sec = odd, .nsec = 3 };
	int64_t oid;
	CHECK_INT(rehearsal_save(db, &ro, &oid, &cause), 0);
	tb = db_text(db, "SELECT group_concat(spent_ms, '+') FROM (SELECT spent_ms FROM "
	             "rehearsal_section WHERE rehearsal_id = ? ORDER BY ord)", "i", oid);
	CHECK_STR(tb, "7000+2000+1000");
	free(tb);
	CHECK_INT(db_int(db, 0, "SELECT total_ms FROM rehearsal WHERE id = ?", "i", oid), 10000);
	/* Sessions saved before the rule are brought in line once. */
	db_exec(db, "UPDATE rehearsal_section SET spent_ms = spent_ms - 600 WHERE "
	        "rehearsal_id = ?", "i", oid);
	db_exec(db, "UPDATE rehearsal SET total_ms = 8800 WHERE id = ?", "i", oid);
	CHECK_INT(rehearsal_round_stored(db), 3);
	CHECK_INT(db_int(db, 0, "SELECT total_ms FROM rehearsal WHERE id = ?", "i", oid), 7000);
	CHECK_INT(db_int(db, 0, "SELECT sum(spent_ms) FROM rehearsal_section WHERE "
	                 "rehearsal_id = ?", "i", oid), 7000);

	struct rh_session *hs;
	size_t nh;
	rehearsal_history(db, "s1", 0, &hs, &nh);
	CHECK_INT(nh, 2);
	if (nh == 2) {
		/* Latest first: the timed session started now, the record in 2023. */
		CHECK_INT(hs[0].nscores, 1);
		CHECK_NEAR(hs[0].mean_score, 2.0, 1e-9);
		CHECK(strstr(hs[0].change_note, "two sentences") != NULL);
		CHECK_INT(hs[1].started_at, 1700000000);
		CHECK_NEAR(hs[1].mean_score, 4.0, 1e-9);
	}
	rehearsal_sessions_free(hs, nh);

	/* Drill-down: the least drilled decision point, in story order. */
	char *q = NULL, *a = NULL;
	int ord = -1;
	CHECK_INT(rehearsal_drill_pick(db, "s1", &q, &a, &ord, &cause), 0);
	CHECK_STR(q, "Why A?");
	CHECK_STR(a, "Because.");
	CHECK_INT(ord, 0);
	struct rh_section ds = { q, "", 60000, 30000 };
	struct rh_record dr = { .story_id = "s1", .mode = "drill", .started_at = 1700000100,
	                        .completed = 1, .sec = &ds, .nsec = 1 };
	CHECK_INT(rehearsal_save(db, &dr, &id, &cause), 0);
	free(q);
	free(a);
	CHECK_INT(rehearsal_drill_pick(db, "s1", &q, &a, &ord, &cause), 0);
	CHECK_STR(q, "Why B?");
	CHECK_INT(ord, 1);
	free(q);
	free(a);
	CHECK_INT(rehearsal_drill_pick(db, "p1", &q, &a, &ord, &cause), -1);
	CHECK(cause && strstr(cause, "no decision points"));
	free(cause);
	cause = NULL;

	test_fill_sections(db);
}

int
main(void)
{
	test_sections();
	test_pause();
	test_restart_abandon();
	test_resize();
	test_no_drift();
	test_parse();
	test_rounding();
	test_budget_step();

	char dir[] = "/tmp/prepdeck-rhtest-XXXXXX";
	if (mkdtemp(dir) == NULL)
		return 99;
	char *path = xprintf("%s/p.db", dir);
	char *cause = NULL;
	struct db *db = db_open(path, DB_OPEN_CREATE, NULL, &cause);
	CHECK(db != NULL);
	if (db != NULL) {
		test_db(db);
		db_close(db);
	} else {
		fprintf(stderr, "%s\n", cause);
	}
	char *cmd = xprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	free(path);
	return check_done();
}
