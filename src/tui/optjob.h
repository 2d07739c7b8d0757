/* Fitting the memory model in the background from the screens: a worker
 * thread with its own database connection reads the review log, fits,
 * compares on held-out reviews and saves the parameters (in one
 * transaction, only when better), while the screens go on; they read a
 * one-line progress or result from optjob_status. One job at a time. */
#ifndef PREPDECK_TUI_OPTJOB_H
#define PREPDECK_TUI_OPTJOB_H

#include <stddef.h>

enum optjob_state { OPTJOB_IDLE, OPTJOB_RUNNING, OPTJOB_DONE };

/* Starts a job on the database at dbpath; returns 0, or -1 when one is
 * already running or no thread could be started. */
int optjob_start(const char *dbpath);

/* The state, and the line to show in buf: the progress while running,
 * the outcome with its figures when done. */
enum optjob_state optjob_status(char *buf, size_t n);

/* Set once per finished job: 1 the first time it is read after the job
 * saved new parameters (so a screen reloads what it shows). */
int optjob_take_applied(void);

#endif
