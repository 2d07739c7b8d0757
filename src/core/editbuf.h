/* The text behind every input line and editor: UTF-8 in a growing
 * buffer, a cursor that moves over whole character clusters (a
 * character and the combining marks after it), a byte limit, and the
 * edits the editors share (insert, delete a cluster, a word, to the
 * start or end of a line). Single-line buffers refuse line breaks.
 * No drawing and no keys here: the screens map keys onto these calls
 * (tui/lineedit.c) and draw the text themselves. */
#ifndef PREPDECK_EDITBUF_H
#define PREPDECK_EDITBUF_H

#include <stddef.h>

struct editbuf {
	char *buf; /* the text, UTF-8, NUL-terminated */
	size_t len, cap;
	size_t cur;    /* byte offset of the cursor, on a cluster boundary */
	size_t max;    /* bytes allowed */
	int multiline; /* line breaks may be inserted */
	char *orig;    /* the text it started with */
	int refused;   /* the last insert would have gone past max */
};

/* Starts on a copy of text (NULL: empty) with the cursor at the end.
 * max 0 means 20000 bytes. Free with editbuf_free. */
void editbuf_init(struct editbuf *eb, const char *text, int multiline, size_t max);
void editbuf_free(struct editbuf *eb);

/* The text (owned by the buffer). */
const char *editbuf_text(const struct editbuf *eb);
/* True when the text differs from the text it started with. */
int editbuf_changed(const struct editbuf *eb);

/* Inserts n bytes of UTF-8 at the cursor and moves the cursor past
 * them. Refused (returns -1 and sets refused) past max, or when a
 * single-line buffer would get a line break. */
int editbuf_insert(struct editbuf *eb, const char *s, size_t n);
/* Inserts one code point; control characters other than a line break
 * and values that are not characters are ignored (returns 0). */
int editbuf_insert_char(struct editbuf *eb, unsigned cp);

/* Boundaries around pos: the end of the cluster that starts there, the
 * start of the cluster that ends there, the start and end of its line
 * (between line breaks), and the start of the word before it and the
 * end of the word after it (words are separated by blanks). */
size_t editbuf_next(const struct editbuf *eb, size_t pos);
size_t editbuf_prev(const struct editbuf *eb, size_t pos);
size_t editbuf_line_start(const struct editbuf *eb, size_t pos);
size_t editbuf_line_end(const struct editbuf *eb, size_t pos);
size_t editbuf_word_start(const struct editbuf *eb, size_t pos);
size_t editbuf_word_end(const struct editbuf *eb, size_t pos);

/* Deletes the bytes from..to (boundaries) and leaves the cursor at from. */
void editbuf_delete(struct editbuf *eb, size_t from, size_t to);

/* The edits the editors bind to keys. */
void editbuf_backspace(struct editbuf *eb);
void editbuf_delete_next(struct editbuf *eb);
void editbuf_kill_to_end(struct editbuf *eb); /* at a line's end: join the next */
void editbuf_kill_to_start(struct editbuf *eb);
void editbuf_kill_word(struct editbuf *eb);

/* Decodes the character at s (at most n bytes) into *cp; returns its
 * length (1 for a stray byte, whose code point is then U+FFFD). */
size_t editbuf_decode(const char *s, size_t n, unsigned *cp);
/* Columns a character takes: a line break one (drawn as a mark), an
 * unprintable one one, a combining mark none. */
int editbuf_char_width(unsigned cp);
/* Columns the bytes from..to take. */
int editbuf_width(const struct editbuf *eb, size_t from, size_t to);

#endif
