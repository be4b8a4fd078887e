/* outfile.c - writing a file the user named (see outfile.h for what a name
 * means as an output, and why). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acctplan/outfile.h"

struct outfile {
	struct outfile *next;        /* in `temps`, while tmp is on disk */
	char *msg_name;              /* "'X'" or "backup 'X'", for messages */
	char *final;                 /* what the temporary file is renamed to */
	char *tmp;                   /* NULL when writing through */
	volatile sig_atomic_t gone;  /* a signal handler removed tmp */
	int fd;                      /* of tmp, or the written-through target */
	FILE *f;
};

/* ---- the temporary files a signal must remove ---- */

/* The signals whose default action ends the process: each would leave the
 * temporary file behind. SIGKILL cannot be caught; SIGSEGV and friends are
 * bugs, not ways to end a command. */
static const int caught[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2,
	SIGXCPU, SIGXFSZ, SIGABRT};
#define NCAUGHT (sizeof caught / sizeof caught[0])

static struct sigaction saved[NCAUGHT];      /* what each was before ours */
static volatile sig_atomic_t ours[NCAUGHT];  /* our handler is installed for caught[i] */
/* Changed only with the caught signals blocked, so the handler never sees
 * it half-linked; it is installed only while the list is not empty. */
static struct outfile *volatile temps;

/* Async-signal-safe: unlink, sigaction and raise only. The file is removed
 * first; then the disposition from before is put back and the signal
 * raised again. It is blocked while this runs, so it arrives as we return:
 * with the default action the process dies by it (the parent sees how),
 * and a handler that was there before (the workbench's) gets it as if we
 * had never been there. The commit sees `gone` and fails. */
static void on_signal(int sig)
{
	int saved_errno = errno;
	for (struct outfile *f = temps; f; f = f->next)
		if (!f->gone) {
			unlink(f->tmp);
			f->gone = 1;
		}
	for (size_t i = 0; i < NCAUGHT; i++)
		if (caught[i] == sig && ours[i]) {
			sigaction(sig, &saved[i], NULL);
			ours[i] = 0;
		}
	raise(sig);
	errno = saved_errno;
}

/* exit() with a file open (none of ours does, but a library might). */
static void at_exit(void)
{
	for (struct outfile *f = temps; f; f = f->next)
		if (!f->gone) {
			unlink(f->tmp);
			f->gone = 1;
		}
}

static void block_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < NCAUGHT; i++)
		sigaddset(&set, caught[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void restore_signals(const sigset_t *old) { sigprocmask(SIG_SETMASK, old, NULL); }

/* With the signals blocked. A signal ignored (nohup's SIGHUP, a parent's
 * SIGPIPE) stays ignored: it ends nothing, so there is nothing to clean. */
static void track(struct outfile *f)
{
	static int registered;
	if (!registered)
		registered = atexit(at_exit) == 0;
	if (!temps) {
		struct sigaction sa = {0};
		sa.sa_handler = on_signal;
		/* Where the handler from before gets the signal and returns (the
		 * workbench's), the writes under way carry on to a commit that fails. */
		sa.sa_flags = SA_RESTART;
		sigemptyset(&sa.sa_mask);
		for (size_t i = 0; i < NCAUGHT; i++)
			sigaddset(&sa.sa_mask, caught[i]);
		for (size_t i = 0; i < NCAUGHT; i++) {
			struct sigaction cur;
			if (sigaction(caught[i], NULL, &cur) != 0 ||
			    (!(cur.sa_flags & SA_SIGINFO) && cur.sa_handler == SIG_IGN))
				continue;
			saved[i] = cur;
			if (sigaction(caught[i], &sa, NULL) == 0)
				ours[i] = 1;
		}
	}
	f->next = temps;
	temps = f;
}

/* With the signals blocked. */
static void untrack(struct outfile *f)
{
	struct outfile *prev = NULL;
	for (struct outfile *p = temps; p; prev = p, p = p->next)
		if (p == f) {
			if (prev)
				prev->next = f->next;
			else
				temps = f->next;
			break;
		}
	if (temps)
		return;
	for (size_t i = 0; i < NCAUGHT; i++)
		if (ours[i]) {
			sigaction(caught[i], &saved[i], NULL);
			ours[i] = 0;
		}
}

/* ---- what a name is ---- */

/* The folder part of path ("." when there is none); caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* N when path names this process's descriptor N: its folder resolves to
 * /proc/PID/fd (also /dev/fd and /proc/self/fd on Linux), /proc/PID/task/TID/fd,
 * or /dev/fd where that is a file system of its own (the BSDs). Else -1. */
static int own_descriptor(const char *path)
{
	const char *base = base_of(path);
	if (!*base || strspn(base, "0123456789") != strlen(base) || strlen(base) > 9)
		return -1;
	long n = strtol(base, NULL, 10);
	char *dir = dir_of(path);
	char *real = realpath(dir, NULL);
	free(dir);
	if (!real)
		return -1;
	char own[64];
	snprintf(own, sizeof own, "/proc/%ld/", (long)getpid());
	int yes = strcmp(real, "/dev/fd") == 0;
	if (!yes && strncmp(real, own, strlen(own)) == 0) {
		const char *rest = real + strlen(own);
		if (strncmp(rest, "task/", 5) == 0) {
			rest += 5;
			rest += strspn(rest, "0123456789");
			rest += *rest == '/';
		}
		yes = strcmp(rest, "fd") == 0;
	}
	free(real);
	return yes ? (int)n : -1;
}

/* Follow the links of path by name; *fd (when not NULL) gets the
 * descriptor a step names (-1 when none), where following stops. */
static char *follow(const char *path, int *fd)
{
	char *cur = xstrdup(path);
	if (fd)
		*fd = -1;
	for (int hops = 0; hops <= 40; hops++) {
		if (fd && (*fd = own_descriptor(cur)) >= 0)
			return cur;
		struct stat sb;
		if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode))
			return cur;   /* not there (yet), or not a link: it is the name */
		char target[PATH_MAX];
		ssize_t n = readlink(cur, target, sizeof target - 1);
		if (n < 0) {
			free(cur);
			return NULL;
		}
		target[n] = '\0';
		char *next;
		if (target[0] == '/' || !strchr(cur, '/')) {
			next = xstrdup(target);
		} else {
			/* Relative to the link's folder, left unresolved: the kernel
			 * then takes "..", past a linked folder, as open(2) would. */
			char *dir = dir_of(cur);
			next = xasprintf("%s/%s", dir, target);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	free(cur);
	errno = ELOOP;
	return NULL;
}

char *outfile_follow(const char *path) { return follow(path, NULL); }

static int fail(const outfile *f, ap_err *e, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(const outfile *f, ap_err *e, const char *fmt, ...)
{
	char why[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	return ap_fail(e, AP_EINPUT, "cannot write %s: %s", f->msg_name, why);
}

/* What an errno from creating a file in a folder means, in words. */
static char *why_not_created(const char *path, int err)
{
	char *dir = dir_of(path), *why;
	switch (err) {
	case ENOENT:
		why = xstrdup("its folder does not exist");
		break;
	case EACCES:
	case EPERM:
		why = xasprintf("its folder '%s' is not writable by this user", dir);
		break;
	case EROFS:
		why = xasprintf("its folder '%s' is on a read-only file system", dir);
		break;
	case ENOSPC:
		why = xstrdup("the disk is full");
		break;
	case ENOTDIR:
		why = xasprintf("a part of '%s' is not a folder", dir);
		break;
	default:
		why = xstrdup(strerror(err));
	}
	free(dir);
	return why;
}

static int fail_create(const outfile *f, const char *final, int err, ap_err *e)
{
	char *why = why_not_created(final, err);
	int rc = fail(f, e, "%s", why);
	free(why);
	return rc;
}

/* The live database, its -wal or its -shm? By name, with the folders
 * resolved (the -wal may not exist yet, ./test.db is test.db), and by
 * inode when the target exists (a hard link, a descriptor). The database
 * is found where SQLite finds it: through its symbolic links. */
static int refuse_live(const outfile *f, const char *live, const char *final, const struct stat *tsb, ap_err *e)
{
	static const char *const parts[] = {"", "-wal", "-shm"};
	if (!live)
		return AP_OK;
	char *real_live = realpath(live, NULL);
	char *target = NULL;
	if (final) {
		char *dir = dir_of(final), *real_dir = realpath(dir, NULL);
		if (real_dir)
			target = xasprintf("%s/%s", strcmp(real_dir, "/") == 0 ? "" : real_dir, base_of(final));
		free(real_dir);
		free(dir);
	}
	int rc = AP_OK;
	for (size_t i = 0; !rc && i < sizeof parts / sizeof parts[0]; i++) {
		struct stat lsb;
		char *name = xasprintf("%s%s", real_live ? real_live : live, parts[i]);
		if ((target && strcmp(name, target) == 0) || (tsb && stat(name, &lsb) == 0 &&
				lsb.st_dev == tsb->st_dev && lsb.st_ino == tsb->st_ino))
			rc = *parts[i] ? fail(f, e, "it is the live database's %s file", parts[i])
				: fail(f, e, "it is the live database itself");
		free(name);
	}
	free(target);
	free(real_live);
	return rc;
}

static const char *kind_of(mode_t m)
{
	return S_ISCHR(m) ? "a character device" : S_ISFIFO(m) ? "a FIFO (named pipe)" : S_ISBLK(m) ? "a block device"
		: S_ISSOCK(m) ? "a socket" : S_ISDIR(m) ? "a folder" : "not a regular file";
}

/* Write through descriptor n of this process, as the shell opened it. */
static int open_descriptor(outfile *f, int n, const outfile_opts *o, ap_err *e)
{
	static const char *const std[] = {"standard input", "standard output", "standard error"};
	char name[32];
	if (n <= 2)
		snprintf(name, sizeof name, "%s", std[n]);
	else
		snprintf(name, sizeof name, "descriptor %d", n);
	int fl = fcntl(n, F_GETFL);
	if (fl < 0)
		return fail(f, e, "it names %s, which is closed", name);
	if ((fl & O_ACCMODE) == O_RDONLY)
		return fail(f, e, "it names %s, which is open for reading only", name);
	struct stat sb;
	int rc = fstat(n, &sb) != 0 ? fail(f, e, "%s", strerror(errno)) : refuse_live(f, o->live_db, NULL, &sb, e);
	if (rc)
		return rc;
	if (o->need_file)
		return fail(f, e, "it names %s, not a file", name);
	/* What this process already wrote there comes first. */
	if (n == STDOUT_FILENO)
		fflush(stdout);
	else if (n == STDERR_FILENO)
		fflush(stderr);
	/* A duplicate shares the offset and O_APPEND, and closing it leaves n open. */
	f->fd = fcntl(n, F_DUPFD_CLOEXEC, 3);
	if (f->fd < 0)
		return fail(f, e, "%s", strerror(errno));
	return AP_OK;
}

/* A device or FIFO, written through: replacing /dev/null with a file
 * would break the system for everyone. */
static int open_device(outfile *f, const char *path, const struct stat *sb, const outfile_opts *o, ap_err *e)
{
	if (!S_ISCHR(sb->st_mode) && !S_ISFIFO(sb->st_mode))
		return fail(f, e, "it is %s", kind_of(sb->st_mode));
	if (o->need_file)
		return fail(f, e, "it is %s, not a file", kind_of(sb->st_mode));
	/* Opening a FIFO waits for its reader, as the shell's `>` does. */
	f->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (f->fd < 0)
		return fail(f, e, "%s", errno == EACCES ? "permission denied" : strerror(errno));
	return AP_OK;
}

/* A temporary file beside the final name, registered for the signal
 * handler before any signal can see it unregistered. */
static int open_temp(outfile *f, ap_err *e)
{
	sigset_t old;
	f->tmp = xasprintf("%s.XXXXXX", f->final);
	block_signals(&old);
	int fd = mkstemp(f->tmp), err = errno;
	if (fd >= 0)
		track(f);
	restore_signals(&old);
	if (fd < 0) {
		free(f->tmp);
		f->tmp = NULL;
		return fail_create(f, f->final, err, e);
	}
	/* Not inherited by the workbench's editor; and never one of 0-2 when
	 * those were closed, where a later printf would land in the file. */
	int high = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (high >= 0) {
		close(fd);
		fd = high;
	} else {
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	f->fd = fd;
	return AP_OK;
}

static void free_outfile(outfile *f)
{
	free(f->msg_name);
	free(f->final);
	free(f->tmp);
	free(f);
}

static int open_target(outfile *f, const char *path, const outfile_opts *o, ap_err *e)
{
	int n;
	if (!*path)
		return ap_fail(e, AP_EINPUT, "cannot write%s%s: the file name is empty",
			o->what ? " " : "", o->what ? o->what : "");
	f->final = follow(path, &n);
	if (!f->final)
		return fail(f, e, "%s", errno == ELOOP ? "too many levels of symbolic links" : strerror(errno));
	if (n >= 0)
		return open_descriptor(f, n, o, e);
	/* Through the kernel's eyes: it also follows what no name spells
	 * (another process's /proc/PID/fd/N into a pipe). */
	struct stat sb;
	int exists = stat(path, &sb) == 0;
	if (!exists && errno != ENOENT)
		return fail(f, e, "%s", strerror(errno));
	int rc = refuse_live(f, o->live_db, f->final, exists ? &sb : NULL, e);
	if (!rc && exists && S_ISDIR(sb.st_mode))
		rc = fail(f, e, "it is a folder");
	/* After the refusals above, which keep their own words. A dangling
	 * link replaces nothing: its target is created and the link stays. */
	if (!rc && o->exists_hint && exists)
		rc = ap_fail(e, AP_EINPUT, "%s already exists; nothing was written (%s)", f->msg_name, o->exists_hint);
	if (rc)
		return rc;
	return exists && !S_ISREG(sb.st_mode) ? open_device(f, path, &sb, o, e) : open_temp(f, e);
}

int outfile_open(outfile **out, const char *path, const outfile_opts *o, ap_err *e)
{
	static const outfile_opts none = {0};
	*out = NULL;
	if (!o)
		o = &none;
	outfile *f = xcalloc(1, sizeof *f);
	f->fd = -1;
	f->msg_name = xasprintf("%s%s'%s'", o->what ? o->what : "", o->what ? " " : "", path);
	int rc = open_target(f, path, o, e);
	if (!rc && !(f->f = fdopen(f->fd, "w")))
		rc = fail(f, e, "%s", strerror(errno));
	if (rc) {
		outfile_abort(&f);
		return rc;
	}
	*out = f;
	return AP_OK;
}

FILE *outfile_stream(outfile *f) { return f->f; }
const char *outfile_temp(const outfile *f) { return f->tmp; }

/* fsync the folder too: the rename is only durable once its entry is. */
static void sync_dir(const char *final)
{
	char *dir = dir_of(final);
	int fd = open(dir, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);   /* at worst the rename is not yet on disk: nothing to report */
		close(fd);
	}
	free(dir);
}

int outfile_commit(outfile **fp, ap_err *e)
{
	outfile *f = *fp;
	int rc = AP_OK;
	*fp = NULL;
	if (fflush(f->f) != 0 || ferror(f->f))
		rc = fail(f, e, "%s", strerror(errno));
	/* Only a file can be synced; a pipe or a terminal has nothing to keep. */
	if (!rc && f->tmp && fsync(f->fd) != 0)
		rc = fail(f, e, "%s", strerror(errno));
	if (fclose(f->f) != 0 && !rc)
		rc = fail(f, e, "%s", strerror(errno));
	f->f = NULL;
	f->fd = -1;
	if (f->tmp) {
		sigset_t old;
		block_signals(&old);
		if (f->gone)
			rc = rc ? rc : fail(f, e, "interrupted by a signal; nothing was written");
		else if (rc || rename(f->tmp, f->final) != 0) {
			int err = errno;
			unlink(f->tmp);
			rc = rc ? rc : fail_create(f, f->final, err, e);
		}
		untrack(f);
		restore_signals(&old);
		if (!rc)
			sync_dir(f->final);
	}
	free_outfile(f);
	return rc;
}

void outfile_abort(outfile **fp)
{
	outfile *f = *fp;
	if (!f)
		return;
	*fp = NULL;
	if (f->f)
		fclose(f->f);
	else if (f->fd >= 0)
		close(f->fd);
	if (f->tmp) {
		sigset_t old;
		block_signals(&old);
		if (!f->gone)
			unlink(f->tmp);
		untrack(f);
		restore_signals(&old);
	}
	free_outfile(f);
}

int outfile_write(const char *path, const char *data, size_t len, const outfile_opts *o, ap_err *e)
{
	outfile *f;
	int rc = outfile_open(&f, path, o, e);
	if (rc)
		return rc;
	/* A short write shows in the stream's error flag, which commit reads. */
	if (len)
		fwrite(data, 1, len, f->f);
	return outfile_commit(&f, e);
}
