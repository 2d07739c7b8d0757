/* Calendar export: the active study plan's days, the mock rounds and the
 * interview dates as one iCalendar file (RFC 5545) that calendar programs
 * import. Every event is all-day and has a stable UID, so importing a
 * newer export updates the events instead of adding copies. Core module:
 * no curses. The format decisions are in doc/ical.md. */
#ifndef PREPDECK_ICAL_H
#define PREPDECK_ICAL_H

#include <stdint.h>

#include "db.h"
#include "util.h"

/* Longest content line, in octets, before it is folded (RFC 5545 3.1). */
#define ICAL_LINE_MAX 75

/* Appends s to b as an iCalendar TEXT value: backslash, semicolon and
 * comma escaped, line breaks (LF, CRLF or CR) as \n, other control
 * characters but tab dropped, and bytes that are not UTF-8 replaced by
 * U+FFFD (a sequence cut short at the end of s is dropped). */
void ical_escape(struct sbuf *b, const char *s);

/* Appends one content line (without its line break; valid UTF-8) to b,
 * folded so no physical line exceeds ICAL_LINE_MAX octets and no UTF-8
 * sequence is split, each physical line ending in CRLF. */
void ical_line(struct sbuf *b, const char *line);

/* What an export holds. */
struct ical_counts {
	int days;    /* plan days (0 when no plan is running) */
	int mocks;   /* mock rounds */
	int targets; /* interviews */
};

/* The whole calendar as of time now: the days of the active plan run
 * (dates from the plan's own arithmetic, so shifts and the rollover hour
 * count), every mock round and every interview, with DTSTAMP now in UTC.
 * Loading the plan records deck and checklist tasks that have ticked
 * themselves, as every view of the plan does. Returns the text (the
 * caller frees it) and fills *counts. */
char *ical_export(struct db *db, int64_t now, struct ical_counts *counts);

#endif
