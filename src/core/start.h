/* What the interactive program opens on. The command line builds it
 * (`prepdeck review --deck ID`, `cram`, `rehearse STORY`) and hands it,
 * with the open store, to the screens; neither front end includes the
 * other's headers, so the request is plain data here. */
#ifndef PREPDECK_START_H
#define PREPDECK_START_H

#include <stdint.h>
#include <stdlib.h>

enum start_screen {
	START_NONE,     /* a command that opens no screen */
	START_TODAY,    /* the Today screen (prepdeck alone) */
	START_REVIEW,   /* today's review, on deck and/or tag when set */
	START_CRAM,     /* cram practice: deck, tag or map+row, limit */
	START_REHEARSE, /* the timer on story */
	START_PITCH,    /* the timer on the 60-second pitch */
	START_FLOW,     /* the timer on the interview loop */
};

/* The strings are the request's own (freed by start_request_clear). */
struct start_request {
	enum start_screen screen;
	char *deck, *tag; /* START_REVIEW, START_CRAM, or NULL */
	char *map;        /* START_CRAM: a gap map ... */
	int64_t row;      /* ... and its row, whose decks are crammed */
	int limit;        /* START_CRAM: at most this many cards */
	char *story;      /* START_REHEARSE */
};

static inline void
start_request_clear(struct start_request *r)
{
	free(r->deck);
	free(r->tag);
	free(r->map);
	free(r->story);
	*r = (struct start_request){ START_NONE };
}

#endif
