/* ui.c - placeholder entry of the workbench until the ncurses front end lands:
 * prints the portfolio through the CLI so 'make run' shows something real. */
#include <stdio.h>

#include "acctplan/cli.h"
#include "ui.h"

int ui_run(const char *db, const char *config, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	char *args[8];  /* cli_main takes argv's type; these strings are never written */
	int n = 0, tui;
	const char *d, *c;
	args[n++] = (char *)"acctplan";
	if (db) { args[n++] = (char *)"--db"; args[n++] = (char *)db; }
	if (config) { args[n++] = (char *)"--config"; args[n++] = (char *)config; }
	args[n++] = (char *)"account";
	args[n++] = (char *)"list";
	args[n] = NULL;
	return cli_main(n, args, &tui, &d, &c);
}
