/* uiini.h - the one way the workbench reads its INI files (theme, keys):
 * every key of one section handed to a callback with its line, so each
 * problem is reported as "FILE:LINE: what". */
#ifndef UI_UIINI_H
#define UI_UIINI_H

#include "acctplan/ini.h"

/* Called for each key of the section in file order; returns a status. */
typedef int (*uiini_fn)(const ini_doc *d, const char *key, const char *value, int line,
	void *ctx, ap_err *e);

/* Load path and pass every key of `section` to fn. Any other section is an
 * error. A NULL path does nothing. */
int uiini_each(const char *path, const char *section, uiini_fn fn, void *ctx, ap_err *e);

#endif
