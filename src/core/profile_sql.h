/* The example profile in SQL: the names and the SQL fragments that the
 * queries of several modules (stories, review, search, lists) use to mark
 * the example candidate's rows and to set them aside when the learner
 * chose a profile of their own (see profile.h). Macros only, so a module
 * can use them without depending on profile.c. */
#ifndef PREPDECK_PROFILE_SQL_H
#define PREPDECK_PROFILE_SQL_H

#define PROFILE_EXAMPLE "example"
/* Put before a title, so that it shows however narrow the column. */
#define PROFILE_MARK "(example) "

/* SQL for the title of a doc or story row (table alias a) as lists show
 * it: after PROFILE_MARK when the row is the example profile's. */
/* clang-format off */
#define PROFILE_TITLE_SQL(a) \
	"(CASE " a ".profile WHEN '" PROFILE_EXAMPLE "' THEN '" PROFILE_MARK \
	"' ELSE '' END || " a ".title)"
/* clang-format on */

/* The learner's choice is setting PROFILE_SETTING (profile.h). */
#define PROFILE_SETTING "profile"
#define PROFILE_OWN "own"

/* SQL: true when deck column `deck` holds the example profile's figures
 * and the learner chose their own profile, so its cards are set aside. */
/* clang-format off */
#define PROFILE_SET_ASIDE_SQL(deck) \
	"(" deck " IN (SELECT id FROM doc WHERE profile = '" PROFILE_EXAMPLE "') AND " \
	"EXISTS (SELECT 1 FROM setting WHERE key = '" PROFILE_SETTING "' AND value = '" \
	PROFILE_OWN "'))"
/* clang-format on */
/* The same for a story row (alias a). */
/* clang-format off */
#define PROFILE_STORY_SET_ASIDE_SQL(a) \
	"(" a ".profile = '" PROFILE_EXAMPLE "' AND EXISTS (SELECT 1 FROM setting WHERE " \
	"key = '" PROFILE_SETTING "' AND value = '" PROFILE_OWN "'))"
/* clang-format on */

#endif
