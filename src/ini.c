/* ini.c - iniparser for values, a scan of our own for lines and duplicates. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <iniparser/iniparser.h>

#include "acctplan/ini.h"

/* iniparser's own limit: it reads each line into a 1024-byte buffer with
 * its newline and NUL, so 1022 bytes is the longest line it takes; a longer
 * one fails the whole load with no usable position. */
#define INI_LINE_MAX 1024
#define INI_LINE_LONGEST (INI_LINE_MAX - 2)
/* ini_value looks "section:key" up in a 512-byte buffer (and iniparser in
 * one of INI_LINE_MAX): longer names would find nothing. */
#define INI_NAME_MAX 255

struct ini_entry {
	int section;   /* index into sections */
	char *key;     /* NULL for the section header itself */
	int line;
};

struct ini_doc {
	char *path;
	dictionary *dict;
	char **sections;
	int *first;     /* entry of each section's header; its keys follow it */
	int nsections;
	struct ini_entry *entries;
	int nentries, cap;
};

int ini_error(const ini_doc *d, int line, ap_err *e, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return ap_fail(e, AP_EINPUT, "%s:%d: %s", d->path, line, msg);
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static void add_entry(ini_doc *d, int section, const char *key, int line)
{
	if (d->nentries == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->entries = xrealloc(d->entries, (size_t)d->cap * sizeof *d->entries);
	}
	d->entries[d->nentries++] = (struct ini_entry){section, key ? xstrdup(key) : NULL, line};
}

static int find_section(const ini_doc *d, const char *name)
{
	for (int i = 0; i < d->nsections; i++)
		if (strcmp(d->sections[i], name) == 0)
			return i;
	return -1;
}

/* Sections cannot repeat, so a section's keys are the entries after its
 * header up to the next header: lookups stay within one section, and loading
 * a long rules file is not quadratic in its length. */
static int keys_begin(const ini_doc *d, int section) { return d->first[section] + 1; }

static int keys_end(const ini_doc *d, int section)
{
	return section + 1 < d->nsections ? d->first[section + 1] : d->nentries;
}

static const struct ini_entry *find_entry(const ini_doc *d, int section, const char *key)
{
	for (int i = keys_begin(d, section); i < keys_end(d, section); i++)
		if (strcmp(d->entries[i].key, key) == 0)
			return &d->entries[i];
	return NULL;
}

/* One line of the scan; returns AP_OK or a filled error. */
static int scan_line(ini_doc *d, char *raw, int lineno, int *cur, ap_err *e)
{
	char *s = trim(raw);
	if (!*s || *s == ';' || *s == '#')
		return AP_OK;
	if (*s == '[') {
		char *close = strchr(s, ']');
		if (!close)
			return ini_error(d, lineno, e, "section header without closing ']'");
		/* iniparser reads "[a] x = 1" as a key named "[a] x", not as a section. */
		if (s[strlen(s) - 1] != ']')
			return ini_error(d, lineno, e, "text after the ']' of a section header");
		*close = '\0';
		char *name = trim(s + 1);
		lower(name);
		if (!*name)
			return ini_error(d, lineno, e, "empty section name");
		if (strlen(name) > INI_NAME_MAX)
			return ini_error(d, lineno, e, "section name is longer than %d bytes", INI_NAME_MAX);
		if (strchr(name, ':'))
			return ini_error(d, lineno, e, "section name '%s' contains ':'; use '.' instead", name);
		int prev = find_section(d, name);
		if (prev >= 0)
			return ini_error(d, lineno, e, "duplicate section [%s] (first at line %d)", name,
				ini_section_line(d, name));
		d->sections = xrealloc(d->sections, (size_t)(d->nsections + 1) * sizeof *d->sections);
		d->sections[d->nsections] = xstrdup(name);
		d->first = xrealloc(d->first, (size_t)(d->nsections + 1) * sizeof *d->first);
		d->first[d->nsections] = d->nentries;
		*cur = d->nsections++;
		add_entry(d, *cur, NULL, lineno);
		return AP_OK;
	}
	char *eq = strchr(s, '=');
	if (!eq)
		return ini_error(d, lineno, e, "expected 'key = value' or '[section]'");
	*eq = '\0';
	char *key = trim(s);
	lower(key);
	if (!*key)
		return ini_error(d, lineno, e, "missing key before '='");
	if (strlen(key) > INI_NAME_MAX)
		return ini_error(d, lineno, e, "key is longer than %d bytes", INI_NAME_MAX);
	if (*cur < 0)
		return ini_error(d, lineno, e, "key '%s' is outside any [section]", key);
	const struct ini_entry *prev = find_entry(d, *cur, key);
	if (prev)
		return ini_error(d, lineno, e, "duplicate key '%s' in [%s] (first at line %d)", key,
			d->sections[*cur], prev->line);
	add_entry(d, *cur, key, lineno);
	return AP_OK;
}

/* iniparser joins a line ending in '\\' (trailing blanks aside) to the next
 * one, the backslash dropped. Does line continue, and with how many bytes? */
static int continues(const char *line, size_t len, size_t *keep)
{
	while (len > 0 && isspace((unsigned char)line[len - 1]))
		len--;
	*keep = len ? len - 1 : 0;
	return len > 0 && line[len - 1] == '\\';
}

/* Scan the lines iniparser sees: continued lines joined into one logical
 * line, numbered by its first physical line, within iniparser's buffer. */
static int scan(ini_doc *d, ap_err *e)
{
	FILE *f = fopen(d->path, "r");
	if (!f)
		return ap_fail(e, AP_EINPUT, "cannot read '%s': %s", d->path, strerror(errno));
	char *line = NULL;
	size_t cap = 0, keep;
	ssize_t n;
	ap_buf logical = {0};
	int lineno = 0, start = 0, joining = 0, cur = -1, rc = AP_OK;
	buf_add(&logical, "", 0);
	while (!rc && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (!joining)
			start = lineno;
		size_t len = (size_t)n - (line[n - 1] == '\n');
		if (logical.len + len > INI_LINE_LONGEST)
			rc = ini_error(d, start, e, "line is longer than %d bytes%s", INI_LINE_LONGEST,
				joining ? " (with the lines its '\\' joins to it)" : "");
		else if (memchr(line, '\0', (size_t)n))
			rc = ini_error(d, lineno, e, "line contains a NUL byte");
		else if (!ap_utf8_valid(line, (size_t)n))
			rc = ini_error(d, lineno, e, "line is not valid UTF-8");
		else if (lineno == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0)
			/* iniparser cannot read past a byte-order mark; say so rather than "expected key = value". */
			rc = ini_error(d, lineno, e, "file starts with a byte-order mark; save it as UTF-8 without BOM");
		else if ((joining = continues(line, len, &keep)))
			buf_add(&logical, line, keep);
		else {
			buf_add(&logical, line, len);
			rc = scan_line(d, logical.s, start, &cur, e);
			logical.len = 0;
		}
	}
	/* iniparser silently drops a continued line that nothing follows. */
	if (!rc && joining)
		rc = ini_error(d, lineno, e, "the last line ends with '\\', which joins it to a line that is not there");
	/* A directory opens fine and then fails to read: not an empty file. */
	if (!rc && ferror(f))
		rc = ap_fail(e, AP_EINPUT, "cannot read '%s': %s", d->path, strerror(errno));
	free(line);
	buf_free(&logical);
	fclose(f);
	return rc;
}

/* iniparser reports through a global printf-like callback; keep its first
 * message so it can be returned as our error. */
static char parser_msg[512];

static int capture_error(const char *fmt, ...)
{
	if (parser_msg[0])
		return 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(parser_msg, sizeof parser_msg, fmt, ap);
	va_end(ap);
	parser_msg[strcspn(parser_msg, "\n")] = '\0';
	return 0;
}

int ini_load(ini_doc **out, const char *path, ap_err *e)
{
	ini_doc *d = xcalloc(1, sizeof *d);
	d->path = xstrdup(path);
	*out = NULL;
	int rc = scan(d, e);
	if (!rc) {
		parser_msg[0] = '\0';
		iniparser_set_error_callback(capture_error);
		d->dict = iniparser_load(path);
		if (!d->dict)
			rc = ap_fail(e, AP_EINPUT, "%s: %s", path, parser_msg[0] ? parser_msg : "cannot be parsed");
	}
	if (rc) {
		ini_free(&d);
		return rc;
	}
	*out = d;
	return AP_OK;
}

void ini_free(ini_doc **dp)
{
	ini_doc *d = *dp;
	if (!d)
		return;
	if (d->dict)
		iniparser_freedict(d->dict);
	for (int i = 0; i < d->nsections; i++)
		free(d->sections[i]);
	free(d->first);
	for (int i = 0; i < d->nentries; i++)
		free(d->entries[i].key);
	free(d->sections);
	free(d->entries);
	free(d->path);
	free(d);
	*dp = NULL;
}

const char *ini_path(const ini_doc *d) { return d->path; }
int ini_section_count(const ini_doc *d) { return d->nsections; }
const char *ini_section_name(const ini_doc *d, int i) { return d->sections[i]; }

int ini_section_line(const ini_doc *d, const char *section)
{
	int s = find_section(d, section);
	return s >= 0 ? d->entries[d->first[s]].line : 0;
}

int ini_key_count(const ini_doc *d, const char *section)
{
	int s = find_section(d, section);
	return s >= 0 ? keys_end(d, s) - keys_begin(d, s) : 0;
}

const char *ini_key_name(const ini_doc *d, const char *section, int k)
{
	int s = find_section(d, section);
	if (s < 0 || k < 0 || k >= keys_end(d, s) - keys_begin(d, s))
		return NULL;
	return d->entries[keys_begin(d, s) + k].key;
}

const char *ini_value(const ini_doc *d, const char *section, const char *key)
{
	int s = find_section(d, section);
	if (s < 0 || !find_entry(d, s, key))
		return NULL;
	char full[512];
	snprintf(full, sizeof full, "%s:%s", section, key);
	return iniparser_getstring(d->dict, full, NULL);
}

int ini_line(const ini_doc *d, const char *section, const char *key)
{
	int s = find_section(d, section);
	const struct ini_entry *en = s >= 0 && key ? find_entry(d, s, key) : NULL;
	return en ? en->line : ini_section_line(d, section);
}

int ini_check_keys(const ini_doc *d, const char *section, const char *const *allowed, ap_err *e)
{
	int n = ini_key_count(d, section);
	for (int i = 0; i < n; i++) {
		const char *key = ini_key_name(d, section, i);
		int ok = 0;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, key) == 0;
		if (!ok)
			return ini_error(d, ini_line(d, section, key), e, "unknown key '%s' in [%s]", key, section);
	}
	return AP_OK;
}

int ini_bool(const char *v)
{
	static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no", "off", "0"};
	for (int i = 0; v && i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}
