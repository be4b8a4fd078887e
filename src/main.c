/* main.c - acctplan: the CLI when given a command, the workbench otherwise. */
#include <locale.h>

#include "acctplan/cli.h"
#include "../ui/ui.h"

int main(int argc, char **argv)
{
	/* Character widths (wide CJK, emoji) need the user's UTF-8 locale. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");   /* numbers in files and JSON always use '.' */
	int open_tui = 0;
	const char *db = NULL, *config = NULL;
	int rc = cli_main(argc, argv, &open_tui, &db, &config);
	if (open_tui)
		rc = ui_run(db, config, argc, argv);
	return rc;
}
