/* uiini.c - reading one section of a workbench INI file key by key. */
#include <string.h>

#include "uiini.h"

int uiini_each(const char *path, const char *section, uiini_fn fn, void *ctx, ap_err *e)
{
	if (!path)
		return AP_OK;
	ini_doc *d;
	int rc = ini_load(&d, path, e);
	if (rc)
		return rc;
	for (int i = 0; !rc && i < ini_section_count(d); i++) {
		const char *name = ini_section_name(d, i);
		if (strcmp(name, section) != 0)
			rc = ini_error(d, ini_section_line(d, name), e,
				"unknown section [%s] (expected [%s])", name, section);
	}
	for (int i = 0; !rc && i < ini_key_count(d, section); i++) {
		const char *key = ini_key_name(d, section, i);
		const char *value = ini_value(d, section, key);
		rc = fn(d, key, value ? value : "", ini_line(d, section, key), ctx, e);
	}
	ini_free(&d);
	return rc;
}
