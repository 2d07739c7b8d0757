#include "config.h"

#include <stdio.h>
#include <string.h>

#include "settings.h"
#include "studyday.h"
#include "util.h"

int64_t
studyday_today(struct db *db, int64_t now)
{
	struct settings set;
	settings_load(db, &set);
	return day_number(now, set.rollover_hour);
}

int
studyday_small_hours(int64_t now, int rollover_hour)
{
	return day_number(now, 0) > day_number(now, rollover_hour);
}

int64_t
studyday_plan_start(int64_t now, int rollover_hour)
{
	int64_t today = day_number(now, rollover_hour);
	return studyday_small_hours(now, rollover_hour) ? today + 1 : today;
}

/* strftime of a day number's date (its noon, clear of any DST change). */
static void
fmt_day(int64_t day, const char *fmt, char *buf, size_t n)
{
	fmt_local(day_number_start(day, 12), fmt, buf, n);
}

void
studyday_name(int64_t now, int rollover_hour, char *buf, size_t n)
{
	int64_t today = day_number(now, rollover_hour);
	if (!studyday_small_hours(now, rollover_hour)) {
		fmt_day(today, "%A %d %B %Y", buf, n);
		return;
	}
	char date[64];
	fmt_day(today, "%a %d %b", date, sizeof date);
	snprintf(buf, n, "%s, study day until %02d:00", date, rollover_hour);
}

void
studyday_when(int64_t day, int64_t now, int rollover_hour, char *buf, size_t n)
{
	int64_t today = day_number(now, rollover_hour);
	if (day == today) {
		snprintf(buf, n, "today");
		return;
	}
	char date[64];
	fmt_day(day, "%a %d %b", date, sizeof date);
	if (day == today + 1 && studyday_small_hours(now, rollover_hour))
		snprintf(buf, n, "%s at %02d:00", date, rollover_hour);
	else
		snprintf(buf, n, "%s", date);
}
