/* Small helpers shared by every module: allocation that aborts on
 * exhaustion, growable strings, and error messages returned through
 * `char **cause` (the caller frees). */
#ifndef PREPDECK_UTIL_H
#define PREPDECK_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated formatted string; the caller frees it. */
char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvprintf(const char *fmt, va_list ap);

/* Growable byte buffer, always NUL-terminated. */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sbuf_init(struct sbuf *b);
void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (who frees it) and resets the buffer. */
char *sbuf_take(struct sbuf *b);
void sbuf_free(struct sbuf *b);

/* Sets *cause (if cause is not NULL) to a new formatted message and
 * returns -1, so failing functions can `return fail(cause, ...)`. */
int fail(char **cause, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "prepdeck: message" to stderr and exits with status. */
void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

/* Reads a whole file into memory (NUL-terminated); returns NULL and sets
 * *cause on failure or when the file exceeds max bytes. */
char *read_file(const char *path, size_t max, size_t *len, char **cause);

/* Edit distance between two short strings (for "did you mean"). */
int str_distance(const char *a, const char *b);

/* True when s starts with prefix. */
int str_prefix(const char *s, const char *prefix);

/* Current time, Unix seconds. PREPDECK_NOW (seconds or ISO-8601 UTC)
 * overrides it, so tests can fix the clock. */
int64_t now_unix(void);

/* Formats t as ISO-8601 UTC into buf (at least 21 bytes). */
void fmt_iso_utc(int64_t t, char *buf, size_t n);
/* Parses YYYY-MM-DDTHH:MM:SSZ; returns 0 and sets *t, or -1. */
int parse_iso_utc(const char *s, int64_t *t);
/* Parses YYYY-MM-DD into days since 1970-01-01; returns 0 or -1. */
int parse_date(const char *s, int64_t *days);
/* Days since 1970-01-01 for a civil date, and back. */
int64_t days_from_civil(int y, int m, int d);
void civil_from_days(int64_t z, int *y, int *m, int *d);
void fmt_date(int64_t days, char *buf, size_t n);

/* The local study day: days start at rollover_hour (0-23) local time,
 * as Anki's "next day starts at". day_number() is the local calendar
 * date of that day as days since 1970-01-01 (so 03:00 with rollover 4
 * still belongs to yesterday); day_start()/day_end() are the Unix times
 * where the day containing t begins and ends (DST-aware via mktime). */
int64_t day_number(int64_t t, int rollover_hour);
int64_t day_start(int64_t t, int rollover_hour);
int64_t day_end(int64_t t, int rollover_hour);
/* The Unix time at which local study day `day` (a day number) begins. */
int64_t day_number_start(int64_t day, int rollover_hour);

/* Writes s as a JSON string literal (quoted, escaped) to fp (a FILE *). */
void json_put_str(void *fp, const char *s);

/* Validates UTF-8; returns the byte offset of the first bad byte or -1. */
long utf8_invalid_at(const char *s, size_t n);

/* Length in bytes of the UTF-8 sequence at p when it is a character the
 * YAML reader refuses or reads as a line break (C1 controls, U+2028,
 * U+2029, U+FEFF, U+FFFE, U+FFFF); 0 otherwise. */
int text_bad_unicode(const unsigned char *p);

/* Checks text the user typed: valid UTF-8, no control characters (tabs
 * and, when multiline, line breaks allowed), at most max bytes once CR
 * and CRLF become LF and trailing blanks are removed. Returns the
 * cleaned copy (caller frees), or NULL with *cause set naming `what`. */
char *text_clean(const char *what, const char *s, size_t max, int multiline, char **cause);

#endif
