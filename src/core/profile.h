/* The example profile: curriculum documents marked `profile: example`
 * (numbers and stories) hold one example candidate's pitch, figures and
 * stories. Their rows carry the profile (doc.profile, story.profile), and
 * lists show their titles marked, so nothing presents the example's
 * figures or stories as the learner's own. */
#ifndef PREPDECK_PROFILE_H
#define PREPDECK_PROFILE_H

#define PROFILE_EXAMPLE "example"
/* Put before a title, so that it shows however narrow the column. */
#define PROFILE_MARK "(example) "

/* SQL for the title of a doc or story row (table alias a) as lists show
 * it: after PROFILE_MARK when the row is the example profile's. */
#define PROFILE_TITLE_SQL(a) \
	"(CASE " a ".profile WHEN '" PROFILE_EXAMPLE "' THEN '" PROFILE_MARK \
	"' ELSE '' END || " a ".title)"

#endif
