/* Anki field HTML to prepdeck's text markup and back (doc/anki.md). */
#ifndef PREPDECK_ANKI_HTML_H
#define PREPDECK_ANKI_HTML_H

struct anki_html_counts {
	int sounds; /* [sound:...] references left out */
	int images; /* <img> tags left out */
};

/* Cleans one field: <b>/<strong> become **bold**, <i>/<em> *italic*,
 * <code> `code`, <br> and block tags line breaks, <ul>/<ol> items "- "
 * and "1. " lines; entities are decoded, whitespace is collapsed as a
 * browser does, other tags are dropped (the text inside <script> and
 * <style> too) and formatting left open is closed. Adds to *n (may be
 * NULL). Returns a new string (caller frees), or NULL with *cause set
 * when a tag or comment never closes. */
char *anki_html_clean(const char *html, struct anki_html_counts *n, char **cause);

/* prepdeck text as Anki field HTML: escaped, **bold** as <b>, `code` as
 * <code>, line breaks as <br>. Returns a new string (caller frees). */
char *anki_html_from_markup(const char *text);

/* The text without markup (for Anki's sort field). Caller frees. */
char *anki_markup_plain(const char *text);

#endif
