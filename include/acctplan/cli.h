/* cli.h - the command-line face of acctplan. */
#ifndef ACCTPLAN_CLI_H
#define ACCTPLAN_CLI_H

#define ACCTPLAN_VERSION "0.1.0"

/* Run the command line; returns the process exit status. When argv holds no
 * subcommand, *open_tui is set and the resolved --db/--config are left in
 * *db and *config (pointers into argv) for the workbench to use. */
int cli_main(int argc, char **argv, int *open_tui, const char **db, const char **config);

#endif
