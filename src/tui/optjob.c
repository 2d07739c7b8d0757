/* Background fitting for the screens; see optjob.h. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "memory.h"
#include "optimizer.h"
#include "settings.h"
#include "tui/optjob.h"
#include "util.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static enum optjob_state state = OPTJOB_IDLE;
static double progress;
static int phase; /* 0 fitting, 1 the held-out split */
static char result[256];
static int applied;
static char *path;

static void
finish(const char *msg, int saved)
{
	pthread_mutex_lock(&lock);
	snprintf(result, sizeof result, "%s", msg);
	applied = saved;
	state = OPTJOB_DONE;
	pthread_mutex_unlock(&lock);
}

static int
on_progress(void *ctx, double done)
{
	(void)ctx;
	pthread_mutex_lock(&lock);
	/* The split fits five more times: five sixths of the work. */
	progress = phase ? (1 + 5 * done) / 6 : done / 6;
	pthread_mutex_unlock(&lock);
	return 0;
}

static void *
work(void *arg)
{
	char *cause = NULL, msg[256];
	(void)arg;
	struct db *db = db_open(path, 0, NULL, &cause);
	if (!db) {
		snprintf(msg, sizeof msg, "Optimize: %s",
		         cause ? cause : "cannot open the database");
		free(cause);
		finish(msg, 0);
		return NULL;
	}
	struct settings set;
	settings_load(db, &set);
	struct opt_history *h = memory_history_db(db, set.rollover_hour);
	struct opt_config cfg;
	opt_default_config(&cfg);
	cfg.progress = on_progress;
	double w[FSRS_NWEIGHTS];
	struct opt_metrics fit, split, cur;
	size_t reviews = opt_history_reviews(h);
	int saved = 0;
	phase = 0;
	int rc = opt_fit(h, &cfg, w, &cause);
	if (rc == 0)
		rc = opt_evaluate(h, w, &fit);
	if (rc == 0) {
		pthread_mutex_lock(&lock);
		phase = 1;
		pthread_mutex_unlock(&lock);
		rc = opt_split_evaluate(h, &cfg, set.w, &split, &cur, &cause);
	}
	if (rc != 0) {
		snprintf(msg, sizeof msg, "Optimize: %s", cause ? cause : "failed");
	} else if (split.log_loss < cur.log_loss) {
		if (memory_save(db, w, fit.log_loss, reviews, now_unix(), &cause) == 0) {
			snprintf(msg, sizeof msg, "Applied: held-out log loss %.4f < %.4f",
			         split.log_loss, cur.log_loss);
			saved = 1;
		} else {
			snprintf(msg, sizeof msg, "Optimize: %s", cause);
		}
	} else {
		snprintf(msg, sizeof msg, "Not applied: held-out log loss %.4f >= %.4f",
		         split.log_loss, cur.log_loss);
	}
	free(cause);
	opt_history_free(h);
	db_close(db);
	finish(msg, saved);
	return NULL;
}

int
optjob_start(const char *dbpath)
{
	pthread_t t;
	pthread_mutex_lock(&lock);
	if (state == OPTJOB_RUNNING) {
		pthread_mutex_unlock(&lock);
		return -1;
	}
	free(path);
	path = xstrdup(dbpath);
	state = OPTJOB_RUNNING;
	progress = 0;
	applied = 0;
	result[0] = '\0';
	pthread_mutex_unlock(&lock);
	if (pthread_create(&t, NULL, work, NULL) != 0) {
		finish("Optimize: cannot start a thread", 0);
		return -1;
	}
	pthread_detach(t);
	return 0;
}

enum optjob_state
optjob_status(char *buf, size_t n)
{
	pthread_mutex_lock(&lock);
	enum optjob_state s = state;
	if (n == 0)
		;
	else if (s == OPTJOB_RUNNING)
		snprintf(buf, n, "Optimizing in the background: %d%%", (int)(progress * 100));
	else if (s == OPTJOB_DONE)
		snprintf(buf, n, "%s", result);
	else
		buf[0] = '\0';
	pthread_mutex_unlock(&lock);
	return s;
}

int
optjob_take_applied(void)
{
	pthread_mutex_lock(&lock);
	int a = applied;
	applied = 0;
	pthread_mutex_unlock(&lock);
	return a;
}
