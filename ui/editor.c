/* editor.c - running $VISUAL / $EDITOR on a temporary file. */
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "editor.h"

#define EDITOR_MAX_WORDS 32

static void rstrip(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

static int write_temp(const char *text, char *path, size_t n, ap_err *e)
{
	const char *dir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(path, n, "%s/acctplan-edit-XXXXXX", dir);
	int fd = mkstemp(path);   /* mode 0600: account plans are confidential */
	if (fd < 0)
		return ap_fail(e, AP_EINPUT, "cannot create a temporary file in %s: %s", dir, strerror(errno));
	size_t len = strlen(text);
	int ok = (len == 0 || write(fd, text, len) == (ssize_t)len) && write(fd, "\n", 1) == 1;
	ok = close(fd) == 0 && ok;
	if (!ok) {
		unlink(path);
		return ap_fail(e, AP_EINPUT, "cannot write the temporary file %s", path);
	}
	return AP_OK;
}

/* Fork and exec the editor's words plus the file; the exit status, or -1. */
static int run_editor(char **argv)
{
	struct sigaction ign = {0}, old_int, old_quit;
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	/* Like system(): Ctrl-C belongs to the editor while it runs. */
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid_t pid = fork();
	if (pid == 0) {
		static const int sigs[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGWINCH};
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			signal(sigs[i], SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = -1;
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (pid < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int split_words(char *cmd, char **argv, int max)
{
	int n = 0;
	char *save = NULL;
	for (char *w = strtok_r(cmd, " \t", &save); w && n < max; w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	return n;
}

int editor_edit(const char *initial, char **out, ap_err *e)
{
	const char *env = getenv("VISUAL") && *getenv("VISUAL") ? getenv("VISUAL")
		: getenv("EDITOR") && *getenv("EDITOR") ? getenv("EDITOR") : "vi";
	char path[4096];
	char *before = xstrdup(initial ? initial : "");
	rstrip(before);
	int rc = write_temp(before, path, sizeof path, e);
	if (rc) {
		free(before);
		return rc;
	}
	char *cmd = xstrdup(env), *argv[EDITOR_MAX_WORDS + 2];
	int n = split_words(cmd, argv, EDITOR_MAX_WORDS);
	if (n == 0)
		argv[n++] = (char *)"vi";
	argv[n++] = path;
	argv[n] = NULL;

	def_prog_mode();
	endwin();
	int status = run_editor(argv);
	reset_prog_mode();
	refresh();

	char *after = NULL;
	size_t len;
	if (status != 0)
		rc = ap_fail(e, AP_EINPUT, status == 127 ? "cannot run the editor '%s'; nothing saved"
			: "the editor '%s' failed; nothing saved", env);
	else if (!(rc = ap_read_file(path, &after, &len, e)) && strlen(after) != len)
		rc = ap_fail(e, AP_EINPUT, "the edited text contains a NUL byte; nothing saved");
	unlink(path);
	free(cmd);
	if (!rc) {
		rstrip(after);
		rc = *after && strcmp(after, before) != 0;
		if (rc == 1) {
			*out = after;
			after = NULL;
		}
	}
	free(after);
	free(before);
	return rc;
}
