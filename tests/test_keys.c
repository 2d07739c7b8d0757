/* One meaning per key: the rule the program checks on every key table
 * before it opens a screen (tui_keys_conflict), on the global table and
 * on tables made to break it. */
#include "config.h"

#include "check.h"
#include "tui/app.h"

static void
test_global_table(void)
{
	const struct tui_key *other;
	/* The global table agrees with itself. */
	CHECK(tui_keys_conflict(tui_global_keys, tui_global_keys, &other) == NULL);
	/* g and G are not global: Home and End go to the first and last line,
	 * so a screen may give g a meaning of its own (Today: the gap map). */
	static const struct tui_key today_like[] = {
		{ 'g', ACT_GAPMAP, "g", NULL },
		{ 0, ACT_NONE, NULL, NULL },
	};
	CHECK(tui_keys_conflict(today_like, tui_global_keys, &other) == NULL);
}

static void
test_shadowing_is_refused(void)
{
	const struct tui_key *other;
	static const struct tui_key shadow[] = {
		{ 'r', ACT_REVIEW, "r", NULL },
		{ 'q', ACT_GAPMAP, "q", NULL },
		{ 0, ACT_NONE, NULL, NULL },
	};
	const struct tui_key *k = tui_keys_conflict(shadow, tui_global_keys, &other);
	CHECK(k == &shadow[1]);
	CHECK(other != NULL && other->key == 'q' && other->action == ACT_QUIT);

	/* A function key too, and a help line that gives a global key
	 * another meaning even without an action. */
	static const struct tui_key home[] = {
		{ KEY_HOME, ACT_GAP_LEFT, "Home", NULL },
		{ 0, ACT_NONE, NULL, NULL },
	};
	CHECK(tui_keys_conflict(home, tui_global_keys, &other) == &home[0]);
	static const struct tui_key label[] = {
		{ 'j', ACT_NONE, "j", "Jump somewhere" },
		{ 0, ACT_NONE, NULL, NULL },
	};
	CHECK(tui_keys_conflict(label, tui_global_keys, &other) == &label[0]);

	/* The same key twice in one table with two meanings. */
	static const struct tui_key twice[] = {
		{ '\r', ACT_SELECT, "Enter", NULL },
		{ 'x', ACT_CRAM, "x", NULL },
		{ '\r', ACT_OPEN, NULL, NULL },
		{ 0, ACT_NONE, NULL, NULL },
	};
	CHECK(tui_keys_conflict(twice, tui_global_keys, &other) == &twice[2]);
	CHECK(other == &twice[0]);
}

static void
test_same_meaning_is_allowed(void)
{
	const struct tui_key *other;
	static const struct tui_key same[] = {
		{ 'q', ACT_QUIT, "q", "Leave without saving" },
		{ '\r', ACT_SELECT, "Enter", NULL },
		{ KEY_ENTER, ACT_SELECT, NULL, NULL },
		{ '\n', ACT_SELECT, NULL, NULL },
		{ KEY_LEFT, ACT_NONE, NULL, NULL },   /* handled, no meaning claimed */
		{ 0, ACT_NONE, NULL, NULL },
	};
	CHECK(tui_keys_conflict(same, tui_global_keys, &other) == NULL);
	CHECK(tui_keys_conflict(NULL, tui_global_keys, &other) == NULL);
}

int
main(void)
{
	test_global_table();
	test_shadowing_is_refused();
	test_same_meaning_is_allowed();
	return check_done();
}
