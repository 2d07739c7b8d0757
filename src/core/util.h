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

/* Reads a whole regular file into memory (NUL-terminated); returns NULL
 * and sets *cause on failure, for anything but a regular file (a FIFO or
 * device is refused, never waited on) or when the file exceeds max
 * bytes. */
char *read_file(const char *path, size_t max, size_t *len, char **cause);

/* "a FIFO", "a directory", ... for a stat mode, in messages. */
const char *file_kind(unsigned mode);

/* Edit distance between two short strings (for "did you mean"). */
int str_distance(const char *a, const char *b);

/* True when s starts with prefix. */
int str_prefix(const char *s, const char *prefix);

/* Current time, Unix seconds. PREPDECK_NOW (seconds or ISO-8601 UTC)
 * overrides it, so tests can fix the clock. */
int64_t now_unix(void);

/* Formats t as ISO-8601 UTC into buf (at least 21 bytes). */
void fmt_iso_utc(int64_t t, char *buf, size_t n);
/* Parses exactly YYYY-MM-DDTHH:MM:SSZ (digits only); returns 0 and sets
 * *t, or -1. */
int parse_iso_utc(const char *s, int64_t *t);
/* Parses exactly YYYY-MM-DD (digits only, years 1900-9999) into days
 * since 1970-01-01; returns 0 or -1. For dates stored by prepdeck; what
 * a user types goes through parse_day (parse.h), which also checks the
 * range. */
int parse_date(const char *s, int64_t *days);
/* Days since 1970-01-01 for a civil date, and back. */
int64_t days_from_civil(int y, int m, int d);
void civil_from_days(int64_t z, int *y, int *m, int *d);
void fmt_date(int64_t days, char *buf, size_t n);
/* Unix time t in local time as strftime's fmt ("" when it does not fit
 * n bytes). */
void fmt_local(int64_t t, const char *fmt, char *buf, size_t n);
/* The local formats used in more than one place: a moment in a log or a
 * list, "Mon 2025-03-10 21:04" (21 bytes will do), and a near day, "Thu
 * 26 Nov". */
void fmt_local_stamp(int64_t t, char *buf, size_t n);
void fmt_local_day(int64_t t, char *buf, size_t n);

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

/* Display width of a UTF-8 string in the current locale (a control
 * character or an invalid byte counts as one column). */
int str_width(const char *s);
/* True when the locale's characters are UTF-8, so glyphs beyond ASCII
 * (… ─ ↵ █) can be drawn; every such choice asks here. */
int locale_utf8(void);
/* The mark of text that was cut: "…" in a UTF-8 locale, "~" otherwise
 * (one column either way). */
const char *str_ellipsis(void);
/* How many bytes of s fit in width columns. When more than blanks would
 * be lost, sets *cut and leaves one column for str_ellipsis(); every
 * place that shortens text for display goes through here, so nothing
 * is ever cut silently. */
size_t str_fit(const char *s, int width, int *cut);
/* s cut to width columns with the ellipsis when cut (a new string). */
char *str_clip(const char *s, int width);

/* Validates UTF-8; returns the byte offset of the first bad byte or -1. */
long utf8_invalid_at(const char *s, size_t n);

/* The length of the longest start of s that has at most max bytes and
 * does not cut a UTF-8 sequence. */
size_t utf8_cut(const char *s, size_t max);
/* Copies src into dst (n bytes, NUL-terminated) like snprintf "%s",
 * cutting where utf8_cut says so a character is never split. */
void utf8_copy(char *dst, size_t n, const char *src);

/* Text for a terminal: control characters made visible the way the
 * screens show them (ESC as ^[, DEL as ^?, C1 controls as <U+009B>),
 * bytes that are not UTF-8 as '?'. Tab and newline are kept when
 * multiline is set, else shown as ^I and ^J. Consumes s[0, n) and
 * returns the bytes used: unless final is set, an incomplete UTF-8
 * sequence at the end is left for the next call (for streams). */
size_t sbuf_add_visible(struct sbuf *b, const char *s, size_t n, int multiline, int final);
/* A visible copy of s (see sbuf_add_visible); the caller frees it. */
char *str_visible(const char *s, int multiline);

/* The rules for free text a user gives prepdeck (names, notes): valid
 * UTF-8, no control characters (tab and newline only when multiline is
 * set; never C1 controls or U+2028/U+2029), at most max bytes. Returns
 * 0, or -1 with *cause naming `what` (caller frees). */
int text_check(const char *what, const char *s, size_t max, int multiline, char **cause);

/* The longest id the content files may write (deck, note, story, map,
 * tag ...); a buffer for one is ID_MAX + 1 bytes. */
#define ID_MAX 64
/* The size of a buffer for a card key (note id, note id + ":r" or note
 * id + ":cN"), NUL included. */
#define CARD_KEY_MAX 160
/* Seconds in a UTC calendar day: the unit of due times and intervals. */
#define DAY_SECONDS 86400

/* A macro's value as a string literal, to build text or SQL from a
 * named number: STRINGIFY(DAY_SECONDS) is "86400". */
#define STRINGIFY(x) STRINGIFY_(x)
#define STRINGIFY_(x) #x

/* True for an id as the content files write them: [a-z0-9][a-z0-9._-]*,
 * at most ID_MAX characters. */
int valid_id(const char *s);

/* FNV-1a hash of a string. */
uint64_t str_hash(const char *s);

/* A table from strings to numbers by hash (open addressing), for
 * lookups in constant time. Keys are not copied: they must outlive the
 * table. Starts zeroed; free(t->v) releases it. */
struct strtab {
	struct strtab_entry {
		const char *key;
		size_t val;
	} * v;
	size_t cap, n;
};
/* The value stored for key, or NULL. */
size_t *strtab_get(const struct strtab *t, const char *key);
void strtab_put(struct strtab *t, const char *key, size_t val);
/* Card markup: when the '*' at s[i] (of len bytes) opens *italic* text,
 * the index of the '*' that closes it, else 0. A single '*' opens after
 * the start, a space or punctuation and before a letter, digit or
 * opening bracket or quote; it closes after anything but a space, not
 * before a letter or digit, before the line or a `code` span ends.
 * So 2*3*4, a * b and COUNT(*) stay as typed (doc/content-format.md). */
size_t markup_italic(const char *s, size_t len, size_t i);

/* Length in bytes of the UTF-8 sequence at p when it is a character the
 * YAML reader refuses or reads as a line break (C1 controls, U+2028,
 * U+2029, U+FEFF, U+FFFE, U+FFFF); 0 otherwise. */
int text_bad_unicode(const unsigned char *p);

/* Checks text the user typed: valid UTF-8, no control characters (tabs
 * and, when multiline, line breaks allowed), at most max bytes once CR
 * and CRLF become LF and trailing blanks are removed. Returns the
 * cleaned copy (caller frees), or NULL with *cause set naming `what`. */
char *text_clean(const char *what, const char *s, size_t max, int multiline, char **cause);

/* Writes all n bytes to fd, again after EINTR or a short write; 0, or
 * -1 with errno set. */
int fd_write_all(int fd, const void *p, size_t n);

#endif
