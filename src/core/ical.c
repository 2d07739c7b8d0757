/* Calendar export (RFC 5545): see ical.h and doc/ical.md. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deadline.h"
#include "ical.h"
#include "plan.h"
#include "scorecard.h"

/* The length of the UTF-8 sequence at s: 1-4 when it is well formed
 * (no overlong forms, surrogates or code points past U+10FFFF), 0 when
 * it is not, -1 when it is a correct start cut short by the end of s. */
static int
utf8_len(const unsigned char *s)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	int n;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	for (int i = 1; i < n; i++) {
		unsigned d = s[i];
		if (d == 0)
			return -1;
		if (d < (i == 1 ? lo : 0x80) || d > (i == 1 ? hi : 0xBF))
			return 0;
	}
	return n;
}

void
ical_escape(struct sbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		if (c == '\\' || c == ';' || c == ',') {
			sbuf_addc(b, '\\');
			sbuf_addc(b, (char)c);
			p++;
		} else if (c == '\r' || c == '\n') {
			sbuf_add(b, "\\n");
			p += c == '\r' && p[1] == '\n' ? 2 : 1;
		} else if (c == '\t') {
			sbuf_addc(b, '\t');
			p++;
		} else if (c < 0x20 || c == 0x7F) {
			p++;
		} else {
			int n = utf8_len(p);
			if (n < 0)
				break;
			if (n == 0) {
				sbuf_add(b, "\xEF\xBF\xBD");
				p++;
			} else {
				sbuf_addn(b, (const char *)p, (size_t)n);
				p += n;
			}
		}
	}
}

void
ical_line(struct sbuf *b, const char *line)
{
	const unsigned char *p = (const unsigned char *)line;
	size_t col = 0;
	while (*p) {
		int n = utf8_len(p);
		if (n <= 0)
			n = 1;
		if (col + (size_t)n > ICAL_LINE_MAX) {
			/* The continuation's leading space counts toward its length. */
			sbuf_add(b, "\r\n ");
			col = 1;
		}
		sbuf_addn(b, (const char *)p, (size_t)n);
		col += (size_t)n;
		p += n;
	}
	sbuf_add(b, "\r\n");
}

/* Appends a content line made from a printf format (no escaping). */
static void __attribute__((format(printf, 2, 3))) line_f(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvprintf(fmt, ap);
	va_end(ap);
	ical_line(b, s);
	free(s);
}

/* Appends NAME:VALUE with value escaped as TEXT. */
static void
line_text(struct sbuf *b, const char *name, const char *value)
{
	struct sbuf l = { 0 };
	sbuf_add(&l, name);
	sbuf_addc(&l, ':');
	ical_escape(&l, value);
	ical_line(b, l.s);
	sbuf_free(&l);
}

/* A day number as an iCalendar DATE, YYYYMMDD. */
static void
ical_date(int64_t day, char *buf, size_t n)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(buf, n, "%04d%02d%02d", y, m, d);
}

struct event {
	char *uid;
	int64_t day; /* a day number: the event lasts that whole date */
	char *summary, *description;
	int sequence;    /* times the event was moved */
	int transparent; /* does not make the user busy */
};

static void
put_event(struct sbuf *b, const struct event *e, const char *stamp)
{
	char from[40], to[40];
	ical_date(e->day, from, sizeof from);
	ical_date(e->day + 1, to, sizeof to);
	ical_line(b, "BEGIN:VEVENT");
	line_text(b, "UID", e->uid);
	line_f(b, "DTSTAMP:%s", stamp);
	line_f(b, "DTSTART;VALUE=DATE:%s", from);
	line_f(b, "DTEND;VALUE=DATE:%s", to);
	if (e->sequence > 0)
		line_f(b, "SEQUENCE:%d", e->sequence);
	line_text(b, "SUMMARY", e->summary);
	if (e->description && *e->description)
		line_text(b, "DESCRIPTION", e->description);
	if (e->transparent)
		ical_line(b, "TRANSP:TRANSPARENT");
	ical_line(b, "END:VEVENT");
}

static void
event_free(struct event *e)
{
	free(e->uid);
	free(e->summary);
	free(e->description);
}

/* One event per day of the active run; returns how many. */
static int
plan_events(struct db *db, int64_t now, struct sbuf *b, const char *stamp)
{
	struct plan_view *v = plan_load(db, now);
	if (v == NULL)
		return 0;
	for (int d = 1; d <= v->ndays; d++) {
		const struct plan_dayinfo *di = &v->days[d - 1];
		const struct plan_weekinfo *w = &v->weeks[di->week - 1];
		struct event e = { 0 };
		e.uid = xprintf("plan-%lld-day%d@prepdeck", (long long)v->run_id, d);
		e.day = plan_date(v, d);
		e.summary = xprintf("Day %d · %s", d, *di->title ? di->title : v->title);
		struct sbuf desc = { 0 };
		sbuf_addf(&desc, "%s, day %d of %d, week %d of %d", v->title, d, v->ndays, di->week,
		          v->nweeks);
		if (*w->theme)
			sbuf_addf(&desc, ": %s", w->theme);
		for (size_t i = di->first; i < di->first + di->ntasks; i++) {
			const struct plan_task *t = &v->tasks[i];
			sbuf_addf(&desc, "\n[%s] %s",
			          t->done      ? "x"
			          : t->overdue ? "!"
			                       : " ",
			          t->text);
			if (t->minutes > 0)
				sbuf_addf(&desc, " (%d min)", t->minutes);
		}
		e.description = sbuf_take(&desc);
		for (size_t i = 0; i < v->nshifts; i++)
			if (v->shifts[i].from_day <= d)
				e.sequence++;
		e.transparent = 1;
		put_event(b, &e, stamp);
		event_free(&e);
	}
	int n = v->ndays;
	plan_view_free(v);
	return n;
}

/* One event per mock round, oldest first; returns how many. */
static int
mock_events(struct db *db, struct sbuf *b, const char *stamp)
{
	struct scorecard *sc;
	size_t n;
	int count = 0;
	scorecard_list(db, NULL, &sc, &n);
	for (size_t k = n; k-- > 0;) {
		const struct scorecard *s = &sc[k];
		struct event e = { 0 };
		if (parse_date(s->day, &e.day) != 0)
			continue;
		e.uid = xprintf("mock-%lld@prepdeck", (long long)s->id);
		if (*s->partner)
			e.summary = xprintf("Mock round · %s with %s", s->rubric_title, s->partner);
		else
			e.summary = xprintf("Mock round · %s", s->rubric_title);
		struct sbuf desc = { 0 };
		sbuf_add(&desc, s->rubric_title);
		if (*s->partner)
			sbuf_addf(&desc, "\nPartner: %s", s->partner);
		if (s->nscores > 0)
			sbuf_addf(&desc, "\nMean %.2f (%zu of %d categories scored)",
			          scorecard_mean(s), s->nscores, s->ncats);
		for (size_t i = 0; i < s->nscores; i++) {
			const struct scorecard_score *x = &s->scores[i];
			sbuf_addf(&desc, "\n%s %d/4: %s", *x->name ? x->name : x->cat_id, x->score,
			          x->evidence);
		}
		if (*s->fix_next)
			sbuf_addf(&desc, "\nFix next: %s", s->fix_next);
		e.description = sbuf_take(&desc);
		e.transparent = 1;
		put_event(b, &e, stamp);
		event_free(&e);
		count++;
	}
	scorecard_list_free(sc, n);
	return count;
}

/* One event per interview, past ones too; returns how many. */
static int
target_events(struct db *db, struct sbuf *b, const char *stamp)
{
	size_t n;
	int count = 0;
	struct target *t = target_list(db, 0, &n);
	for (size_t i = 0; i < n; i++) {
		if (t[i].day <= 0)
			continue;
		struct event e = { 0 };
		e.uid = xprintf("target-%lld@prepdeck", (long long)t[i].id);
		e.day = t[i].day;
		struct sbuf sum = { 0 }, desc = { 0 };
		sbuf_add(&sum, "Interview");
		if (*t[i].company)
			sbuf_addf(&sum, " · %s", t[i].company);
		if (*t[i].role)
			sbuf_addf(&sum, " · %s", t[i].role);
		e.summary = sbuf_take(&sum);
		sbuf_add(&desc, "Interview");
		if (*t[i].company)
			sbuf_addf(&desc, "\nCompany: %s", t[i].company);
		if (*t[i].role)
			sbuf_addf(&desc, "\nRole: %s", t[i].role);
		if (*t[i].map_id) {
			char *title = db_text(db, "SELECT title FROM gapmap WHERE id = ?", "t",
			                      t[i].map_id);
			if (title && *title)
				sbuf_addf(&desc, "\nGap map: %s (%s)", title, t[i].map_id);
			else
				sbuf_addf(&desc, "\nGap map: %s", t[i].map_id);
			free(title);
		}
		e.description = sbuf_take(&desc);
		put_event(b, &e, stamp);
		event_free(&e);
		count++;
	}
	free(t);
	return count;
}

char *
ical_export(struct db *db, int64_t now, struct ical_counts *counts)
{
	char stamp[24];
	time_t tt = (time_t)now;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);

	struct sbuf b = { 0 };
	sbuf_init(&b);
	ical_line(&b, "BEGIN:VCALENDAR");
	ical_line(&b, "VERSION:2.0");
	line_f(&b, "PRODID:-//prepdeck//prepdeck %s//EN", PACKAGE_VERSION);
	ical_line(&b, "CALSCALE:GREGORIAN");
	ical_line(&b, "METHOD:PUBLISH");
	ical_line(&b, "X-WR-CALNAME:prepdeck");
	counts->days = plan_events(db, now, &b, stamp);
	counts->mocks = mock_events(db, &b, stamp);
	counts->targets = target_events(db, &b, stamp);
	ical_line(&b, "END:VCALENDAR");
	return sbuf_take(&b);
}
