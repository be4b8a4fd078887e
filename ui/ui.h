/* ui.h - the workbench's entry point; the only ui/ header the core's main sees,
 * so it names no curses type. */
#ifndef ACCTPLAN_UI_H
#define ACCTPLAN_UI_H

/* Open the workbench on the database and config resolved like the CLI's
 * (db and config may be NULL), in review mode on review (0: the main
 * screen only). Returns the process exit status. */
int ui_run(const char *db, const char *config, long long review, int argc, char **argv);

#endif
