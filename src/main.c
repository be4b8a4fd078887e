/* main.c - acctplan: the CLI when given a command, the workbench otherwise. */
#include <locale.h>

#include "acctplan/cli.h"
#include "../ui/ui.h"

int main(int argc, char **argv)
{
	/* Character widths (wide CJK, emoji) need the user's UTF-8 locale. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");   /* numbers in files and JSON always use '.' */
	cli_tui tui = {0};
	int rc = cli_main(argc, argv, &tui);
	if (tui.open)
		rc = ui_run(tui.db, tui.config, tui.review, argc, argv);
	return rc;
}
