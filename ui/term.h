/* term.h - the terminal under the workbench (see term.c for signals). */
#ifndef UI_TERM_H
#define UI_TERM_H

#include "acctplan/util.h"

/* Start curses on the terminal, or for a key script without one, on a
 * screen drawn into /dev/null; installs the signal handlers and the
 * restore paths (atexit, fatal cleanup). */
int term_open(int scripted, ap_err *e);
/* Restore the terminal; safe to call more than once. */
void term_close(void);
/* The quit signal received (SIGINT, SIGTERM, SIGHUP), 0 when none. */
int term_signal(void);

#endif
