/* outfile.h - writing a file the user named: export -o, brief -o, backup,
 * the workbench's brief and rescued text. The one place that decides what
 * a name means as an output:
 *
 * - a regular file, or a name not there yet, is written to a temporary file
 *   beside it (mode 0600: account plans are confidential) and renamed over
 *   it on commit, so it is never seen half-written;
 * - a symbolic link is followed, also a dangling one: its target is
 *   replaced (or created), the link stays;
 * - a character device or a FIFO (/dev/null, /dev/tty, a named pipe) is
 *   written through, never replaced by a file;
 * - this process's own descriptor (/dev/stdout, /dev/stderr, /dev/fd/N,
 *   /proc/self/fd/N) is written through that descriptor, as the shell
 *   opened it: into the pipe, at the offset of the file, appended after
 *   `>>`;
 * - a folder, a block device, a socket, and the live database with its
 *   -wal and -shm files are refused.
 *
 * A temporary file is removed on every way out: abort, a failed commit,
 * exit(), and the terminating signals (SIGINT, SIGTERM, SIGHUP, SIGPIPE,
 * SIGQUIT, SIGALRM, SIGUSR1/2, SIGXCPU, SIGXFSZ, SIGABRT), whose handler
 * removes it and then lets the signal take its course: the process dies
 * by it, or whoever handled it before (the workbench) gets it. Only
 * SIGKILL, which nothing can catch, can leave one behind. */
#ifndef ACCTPLAN_OUTFILE_H
#define ACCTPLAN_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#include "acctplan/util.h"

typedef struct outfile outfile;

typedef struct outfile_opts {
	const char *what;         /* NULL, or the word before the name in messages:
	                           * "backup" gives "cannot write backup 'X': ..." */
	const char *live_db;      /* NULL, or the open database's path: it and its
	                           * -wal and -shm are refused, by name and by inode */
	int need_file;            /* the writer opens the file by its name (SQLite):
	                           * a device, FIFO or descriptor is refused */
	const char *exists_hint;  /* NULL replaces an existing file; else one (or a
	                           * link's existing target) is refused, the message
	                           * ending "(HINT)" */
} outfile_opts;

/* Open path for writing as the header says; o may be NULL. On success *out
 * is the caller's, to end with outfile_commit or outfile_abort. Errors are
 * AP_EINPUT naming the path: "cannot write 'X': it is the live database itself". */
int outfile_open(outfile **out, const char *path, const outfile_opts *o, ap_err *e);
/* The stream to write into. */
FILE *outfile_stream(outfile *f);
/* The temporary file's name, for a writer that opens it itself (SQLite's
 * backup); NULL when writing through. */
const char *outfile_temp(const outfile *f);
/* Flush, sync and rename into place (a write-through is flushed); *f is
 * freed and NULL whatever the result. A write error, or a signal that
 * removed the temporary file meanwhile, fails it: nothing is left behind. */
int outfile_commit(outfile **f, ap_err *e);
/* Drop what was written: the temporary file is removed. NULL is fine. */
void outfile_abort(outfile **f);

/* The whole of data into path: open, write, commit. */
int outfile_write(const char *path, const char *data, size_t len, const outfile_opts *o, ap_err *e);

/* The name a write to path lands on: symbolic links followed by name, as
 * open(2) follows them, also to a target that does not exist yet (which
 * realpath cannot do). Caller frees; NULL with errno set (ELOOP...). */
char *outfile_follow(const char *path);

#endif
