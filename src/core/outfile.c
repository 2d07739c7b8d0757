#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "util.h"

int
outfile_open(struct outfile *o, const char *path, char **cause)
{
	memset(o, 0, sizeof *o);
	if (path == NULL || strcmp(path, "-") == 0) {
		/* A stream of its own on standard output: written raw, as the
		 * format says, and flushed after what was printed before. */
		fflush(stdout);
		int fd = dup(STDOUT_FILENO);
		o->fp = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (o->fp == NULL) {
			int e = errno;
			if (fd >= 0)
				close(fd);
			return fail(cause, "cannot write standard output: %s", strerror(e));
		}
		return 0;
	}
	if (*path == '\0')
		return fail(cause, "the output file name is empty (use '-' for standard "
		                   "output)");
	struct stat st;
	int exists = lstat(path, &st) == 0;
	if (!exists && errno != ENOENT)
		return fail(cause, "cannot write %s: %s", path, strerror(errno));
	if (exists && !S_ISREG(st.st_mode))
		return fail(cause,
		            "%s is %s; prepdeck replaces only regular files (give "
		            "another name, or '-' for standard output)",
		            path, file_kind((unsigned)st.st_mode));
	const char *slash = strrchr(path, '/');
	if (slash != NULL && slash[1] == '\0')
		return fail(cause, "%s is not a file name", path);
	/* The temporary file: hidden, in the same directory (so the rename
	 * stays on one file system), named by mkstemp. */
	if (slash != NULL)
		o->tmp = xprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	else
		o->tmp = xprintf(".%s.XXXXXX", path);
	int fd = mkstemp(o->tmp);
	if (fd < 0)
		goto bad;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	/* Replace the file as it was: its mode, and its owner where we may
	 * set it (only root may give a file away; the mode holds anyway). */
	if (exists && fchown(fd, st.st_uid, st.st_gid) != 0 && errno != EPERM)
		goto bad;
	if ((exists && fchmod(fd, st.st_mode & 07777) != 0) || (o->fp = fdopen(fd, "w")) == NULL)
		goto bad;
	o->path = xstrdup(path);
	return 0;
bad:;
	int e = errno;
	if (fd >= 0) {
		close(fd);
		unlink(o->tmp);
	}
	free(o->tmp);
	o->tmp = NULL;
	return fail(cause, "cannot write %s: %s", path, strerror(e));
}

/* Makes the rename itself durable. */
static void
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir =
	        slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int
outfile_commit(struct outfile *o, char **cause)
{
	int e = 0;
	if (fflush(o->fp) != 0)
		e = errno;
	if (ferror(o->fp) && e == 0)
		e = EIO;
	if (e == 0 && o->path != NULL && fsync(fileno(o->fp)) != 0)
		e = errno;
	if (fclose(o->fp) != 0 && e == 0)
		e = errno;
	o->fp = NULL;
	if (e == 0 && o->path != NULL && rename(o->tmp, o->path) != 0)
		e = errno;
	if (e == 0 && o->path != NULL)
		sync_dir(o->path);
	if (e != 0 && o->tmp != NULL)
		unlink(o->tmp);
	int rc = 0;
	if (e != 0)
		rc = o->path ? fail(cause, "cannot write %s: %s", o->path, strerror(e))
		             : fail(cause, "cannot write standard output: %s", strerror(e));
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	return rc;
}

void
outfile_abort(struct outfile *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
}
