#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "util.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/prepdeck"
#endif
#ifndef SRCDIR_CONTENT
#define SRCDIR_CONTENT ""
#endif

char *
paths_db(const char *flag, char **cause)
{
	if (flag != NULL && *flag != '\0')
		return xstrdup(flag);
	const char *env = getenv("PREPDECK_DB");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && xdg[0] == '/')
		return xprintf("%s/prepdeck/prepdeck.db", xdg);
	const char *home = getenv("HOME");
	if (home == NULL || *home == '\0') {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (home == NULL || *home == '\0') {
		fail(cause, "no home directory: set HOME, PREPDECK_DB or use --db PATH");
		return NULL;
	}
	return xprintf("%s/.local/share/prepdeck/prepdeck.db", home);
}

static int
is_dir(const char *p)
{
	struct stat st;
	return p != NULL && *p != '\0' && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
paths_content(void)
{
	const char *env = getenv("PREPDECK_CONTENT");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if (is_dir(PKGDATADIR "/content"))
		return xstrdup(PKGDATADIR "/content");
	if (is_dir(SRCDIR_CONTENT))
		return xstrdup(SRCDIR_CONTENT);
	return xstrdup(PKGDATADIR "/content");
}

int
paths_mkdirs(const char *path, char **cause)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			int e = errno;
			fail(cause, "cannot create directory %s: %s", p, strerror(e));
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

int
paths_lock(const char *dbpath, char **cause)
{
	/* On a first start the directory does not exist yet: make it, or
	 * two first starts would both run unlocked. */
	if (paths_mkdirs(dbpath, cause) != 0)
		return -1;
	char *lock = xprintf("%s.lock", dbpath);
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		fail(cause, "cannot create the lock file %s: %s", lock, strerror(errno));
		free(lock);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char pid[32] = "";
		ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
		if (n > 0)
			pid[n] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		fail(cause, "prepdeck is already running on %s%s%s%s; quit it first", dbpath,
		     *pid ? " (process " : "", pid, *pid ? ")" : "");
		close(fd);
		free(lock);
		return -1;
	}
	char buf[32];
	int len = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)len, 0) < 0) {
		/* the pid is only informative */
	}
	free(lock);
	return fd;
}
