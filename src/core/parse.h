/* Strict parsers for the numbers and dates a user types: every numeric
 * argument, setting and date of the command line (and of the screens)
 * goes through one of these. Each takes the whole string (no white
 * space, no sign but a leading '-', no hex, no exponent, nothing after
 * the number), checks a range, and on failure sets *cause to a message
 * that names `what` and the accepted range (the caller frees it; cause
 * may be NULL). They are pure: no I/O, no global state. */
#ifndef PREPDECK_PARSE_H
#define PREPDECK_PARSE_H

#include <stdint.h>

/* The dates prepdeck accepts from a user. */
#define PARSE_YEAR_MIN 2000
#define PARSE_YEAR_MAX 2100

/* A whole number in decimal from min to max: "42", "-3", "007". */
int parse_int(const char *what, const char *s, int64_t min, int64_t max, int64_t *out,
              char **cause);

/* A finite decimal number from min to max: "0.9", ".75", "-2", "3.". */
int parse_real(const char *what, const char *s, double min, double max, double *out, char **cause);

/* A calendar date written exactly YYYY-MM-DD, from PARSE_YEAR_MIN-01-01
 * to PARSE_YEAR_MAX-12-31; *day is days since 1970-01-01. The message
 * starts "'S' is not a date" (or "is out of range"), naming `what`. */
int parse_day(const char *what, const char *s, int64_t *day, char **cause);

#endif
