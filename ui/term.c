/* term.c - the terminal under the workbench: curses set-up and restore,
 * and the signals that must leave the terminal as it was found.
 *
 * Signals. SIGINT, SIGTERM and SIGHUP only set a flag (the handler does
 * nothing else, so it is async-signal-safe); they are installed without
 * SA_RESTART so the blocking read in ui_getkey returns, the loop unwinds,
 * endwin() restores the terminal in ordinary code, and the signal is raised
 * again with its default action so the parent sees how we ended. A crash
 * (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) cannot run curses safely, so
 * its handler restores the terminal with only async-signal-safe calls: the
 * termios saved at start (tcsetattr) and a reset sequence prepared from
 * terminfo after initscr (write), then re-raises. atexit() and the core's
 * fatal-cleanup hook (out of memory) call endwin(). SIGWINCH is left to
 * ncurses, which turns it into KEY_RESIZE. */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "term.h"
#include "theme.h"

static volatile sig_atomic_t got_signal;
static struct termios saved_tio;
static int have_tio;
static char reset_seq[256];
static size_t reset_len;
static int curses_on;

static void on_quit_signal(int sig) { got_signal = sig; }

static void on_crash_signal(int sig)
{
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	if (reset_len && write(STDOUT_FILENO, reset_seq, reset_len) < 0) {
		/* nothing more can be done from here */
	}
	raise(sig);   /* SA_RESETHAND made the default action current */
}

static void install_signals(void)
{
	struct sigaction sa = {0};
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;   /* no SA_RESTART: the key read must return */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_crash_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	static const int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	for (size_t i = 0; i < sizeof crash / sizeof crash[0]; i++)
		sigaction(crash[i], &sa, NULL);
}

static void add_reset(const char *cap)
{
	const char *s = tigetstr(cap);
	if (!s || s == (char *)-1)
		return;
	size_t n = strlen(s);
	if (reset_len + n < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, s, n);
		reset_len += n;
	}
}

void term_close(void)
{
	if (curses_on && !isendwin())
		endwin();
	curses_on = 0;
}

static void at_exit(void) { term_close(); }

/* Real terminal, or for a key script with no terminal, a screen drawn into
 * /dev/null at $COLUMNS x $LINES (ncurses reads them when it cannot ask). */
int term_open(int scripted, ap_err *e)
{
	if (!scripted && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return ap_fail(e, AP_EINPUT, "the workbench needs a terminal; use the commands "
			"(acctplan --help) from scripts");
	if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		have_tio = 1;
	install_signals();
	const char *env = getenv("TERM");
	if (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO)) {
		/* newterm, not initscr: initscr prints its own message and calls
		 * exit() on a terminal type it does not know; newterm returns
		 * NULL and the error goes out as ours, with exit status 2. */
		if (!newterm(NULL, stdout, stdin))
			return ap_fail(e, AP_EINPUT, "cannot start the terminal screen: TERM=%s is a terminal type this "
				"system does not know or that cannot address the cursor", env ? env : "");
	} else {
		const char *term = env && *env ? env : "xterm";
		FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
		if (!out || !in || !newterm(term, out, in)) {
			/* The screen owns the handles only once it exists: unclosed,
			 * each failed start would keep two descriptors. */
			if (out)
				fclose(out);
			if (in)
				fclose(in);
			return ap_fail(e, AP_EINPUT, "cannot start a screen for the key script (TERM=%s)", term);
		}
	}
	curses_on = 1;
	atexit(at_exit);
	ap_set_fatal_cleanup(term_close);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	theme_apply();
	add_reset("sgr0");
	add_reset("cnorm");
	add_reset("rmkx");
	add_reset("rmcup");
	static const char mouse_off[] = "\033[?1000l\033[?1006l";
	if (reset_len + sizeof mouse_off < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, mouse_off, sizeof mouse_off - 1);
		reset_len += sizeof mouse_off - 1;
	}
	return AP_OK;
}

int term_signal(void) { return got_signal; }
