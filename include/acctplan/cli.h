/* cli.h - the command-line face of acctplan. */
#ifndef ACCTPLAN_CLI_H
#define ACCTPLAN_CLI_H

#define ACCTPLAN_VERSION "0.1.0"

/* What the command line leaves the workbench to do: open at all, on which
 * --db and --config (pointers into argv, may be NULL), and in review mode
 * on which review (0: the main screen). */
typedef struct cli_tui {
	int open;
	const char *db, *config;
	long long review;
} cli_tui;

/* Run the command line; returns the process exit status. Without a
 * subcommand, or with 'review' beginning or resuming one, tui->open is set
 * for the workbench to open. */
int cli_main(int argc, char **argv, cli_tui *tui);

#endif
