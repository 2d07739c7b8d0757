/* `prepdeck export ical`: the study plan's days, the mock rounds and the
 * interviews as an iCalendar file, on standard output or written whole
 * to a file (see doc/ical.md). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_ical.h"
#include "ical.h"
#include "util.h"

/* Writes n bytes of s to path whole or not at all: into a private (0600)
 * file beside it, flushed to disk, then renamed over path. Returns 0, or
 * -1 with *cause set (caller frees) and nothing left behind. */
static int
write_whole(const char *path, const char *s, size_t n, char **cause)
{
	char *tmp = xprintf("%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return fail(cause, "cannot write %s: %s", path, strerror(e));
	}
	int e = 0;
	if (fchmod(fd, 0600) != 0)
		e = errno;
	for (size_t off = 0; e == 0 && off < n;) {
		ssize_t w = write(fd, s + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			e = w < 0 ? errno : EIO;
		else
			off += (size_t)w;
	}
	if (e == 0 && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, path) != 0)
		e = errno;
	if (e != 0)
		unlink(tmp);
	free(tmp);
	if (e != 0)
		return fail(cause, "cannot write %s: %s", path, strerror(e));
	return 0;
}

int
cli_write_whole(const char *path, const char *s, size_t n, char **cause)
{
	return write_whole(path, s, n, cause);
}

int
cli_export_ical(struct cli *c, int argc, char **argv)
{
	const char *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--out") == 0) {
			if (i + 1 >= argc)
				return cli_usage("export", "--out needs a file name");
			out = argv[++i];
		} else if (strncmp(argv[i], "--out=", 6) == 0) {
			out = argv[i] + 6;
		} else {
			return cli_usage("export", "export ical: unknown argument '%s'", argv[i]);
		}
	}
	if (out != NULL && *out == '\0')
		return cli_usage("export", "--out needs a file name");
	if (out != NULL && strcmp(out, "-") == 0)
		out = NULL;

	struct db *db = cli_db(c);
	struct ical_counts n;
	char *text = ical_export(db, now_unix(), &n);
	if (n.days + n.mocks + n.targets == 0) {
		free(text);
		return cli_error("nothing to export: no study plan is running and no mock rounds "
		                 "or interviews are recorded (see prepdeck help plan, mock, target)");
	}
	size_t len = strlen(text);
	if (out == NULL) {
		int bad = fwrite(text, 1, len, stdout) != len;
		bad |= fflush(stdout) != 0;
		int e = errno;
		free(text);
		if (bad)
			return cli_error("cannot write standard output: %s", strerror(e));
		return EXIT_OK;
	}
	char *cause = NULL;
	int rc = write_whole(out, text, len, &cause);
	free(text);
	if (rc != 0)
		return cli_cause(cause);
	fprintf(stderr, "%d plan day%s, %d mock round%s and %d interview%s written to %s\n",
	        n.days, n.days == 1 ? "" : "s", n.mocks, n.mocks == 1 ? "" : "s",
	        n.targets, n.targets == 1 ? "" : "s", out);
	return EXIT_OK;
}
