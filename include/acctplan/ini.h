/* ini.h - INI files read with iniparser, plus the line numbers it does not keep.
 *
 * iniparser gives values; our own scan of the same file gives, for every
 * section and key, the line it stands on, so semantic errors (unknown tier,
 * duplicate id) can be reported as "FILE:LINE: what is wrong". Repeated
 * sections and keys, which iniparser would silently merge, are errors here. */
#ifndef ACCTPLAN_INI_H
#define ACCTPLAN_INI_H

#include "acctplan/util.h"

typedef struct ini_doc ini_doc;

/* The largest file ini_load reads, in bytes: far above any real rules or
 * questions file (the shipped rules are 12 KiB, 20,000 rules about 4 MiB),
 * and a bound on the time and memory a file from someone else can cost. */
#define INI_FILE_MAX (8 * 1024 * 1024)

/* Load and scan path; AP_EINPUT with "path:line: ..." on any syntax problem,
 * and "path: is N bytes; the limit is ..." above INI_FILE_MAX. Time and
 * memory are linear in the file's size, and every lookup below takes
 * constant time. On success *out is the caller's, to free with ini_free. */
int ini_load(ini_doc **out, const char *path, ap_err *e);
void ini_free(ini_doc **d);

/* One layer of a question bank or a rule set: a file, or a document held
 * in memory (the team's, from the store) under the name messages give it. */
typedef struct ini_source {
	const char *path;    /* the file; NULL: text below */
	const char *text;    /* the document, when path is NULL */
	const char *name;    /* what messages and listings call it; NULL: path */
	const char *origin;  /* which layer it is: "default", "team", "yours" */
} ini_source;
/* ini_load of a source, its messages naming src->name ("NAME:LINE: ..."). */
int ini_load_source(ini_doc **out, const ini_source *src, ap_err *e);
const char *ini_path(const ini_doc *d);

/* Sections in file order, names lowercased as iniparser stores them. */
int ini_section_count(const ini_doc *d);
const char *ini_section_name(const ini_doc *d, int i);
int ini_section_line(const ini_doc *d, const char *section);
/* Keys of a section in file order. */
int ini_key_count(const ini_doc *d, const char *section);
const char *ini_key_name(const ini_doc *d, const char *section, int i);

/* Value of section:key, or NULL when absent. */
const char *ini_value(const ini_doc *d, const char *section, const char *key);
/* Line of the key, or of its section when the key is absent. */
int ini_line(const ini_doc *d, const char *section, const char *key);

/* Every key of section must be one of allowed (NULL-terminated). */
int ini_check_keys(const ini_doc *d, const char *section, const char *const *allowed, ap_err *e);
/* Fill *e with "path:line: message" and return AP_EINPUT. */
int ini_error(const ini_doc *d, int line, ap_err *e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "true/yes/on/1" or "false/no/off/0"; -1 when neither. */
int ini_bool(const char *v);

#endif
