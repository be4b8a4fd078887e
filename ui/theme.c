/* theme.c - theme elements: colours from INI files, monochrome fallback. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/model.h"
#include "theme.h"
#include "uiini.h"

#define TH_NAME_(id, name, mono) name,
static const char *const elem_names[TH_COUNT] = {UI_THEME_TABLE(TH_NAME_)};
#undef TH_NAME_
#define TH_MONO_(id, name, mono) mono,
static const attr_t elem_mono[TH_COUNT] = {UI_THEME_TABLE(TH_MONO_)};
#undef TH_MONO_

/* An element as the INI files describe it; -1 is the terminal's default colour. */
struct th_spec {
	short fg, bg;
	attr_t attrs;
};

static struct th_spec spec[TH_COUNT];
static attr_t resolved[TH_COUNT];
static int mono = 1;

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};
static const struct { const char *name; attr_t attr; } attr_names[] = {
	{"bold", A_BOLD}, {"underline", A_UNDERLINE}, {"reverse", A_REVERSE},
	{"dim", A_DIM}, {"standout", A_STANDOUT}, {"italic", A_ITALIC}, {"normal", A_NORMAL},
};

/* "default", a colour name, or a number 0-255; -2 when none of these. */
static int parse_color(const char *w)
{
	if (strcasecmp(w, "default") == 0)
		return -1;
	for (int i = 0; i < 8; i++)
		if (strcasecmp(w, color_names[i]) == 0)
			return i;
	char *end;
	long n = strtol(w, &end, 10);
	return *w && !*end && n >= 0 && n <= 255 ? (int)n : -2;
}

static int parse_attr(const char *w, attr_t *out)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (strcasecmp(w, attr_names[i].name) == 0) {
			*out |= attr_names[i].attr;
			return 0;
		}
	return -1;
}

/* "fg [bg] [attribute...]": colours first, then attributes. */
static int theme_key(const ini_doc *d, const char *key, const char *value, int line, void *ctx, ap_err *e)
{
	(void)ctx;
	int el = -1;
	for (int i = 0; i < TH_COUNT; i++)
		if (strcmp(key, elem_names[i]) == 0)
			el = i;
	if (el < 0)
		return ini_error(d, line, e, "unknown theme element '%s'", key);
	struct th_spec s = {-1, -1, A_NORMAL};
	int ncolors = 0;
	char *copy = xstrdup(value), *save = NULL;
	int rc = AP_OK;
	for (char *w = strtok_r(copy, " \t,", &save); w && !rc; w = strtok_r(NULL, " \t,", &save)) {
		int c = parse_color(w);
		if (c >= -1 && ncolors < 2)
			*(ncolors++ ? &s.bg : &s.fg) = (short)c;
		else if (parse_attr(w, &s.attrs) != 0)
			rc = ini_error(d, line, e, "%s: '%s' is not a colour (a name, default or 0-255) "
				"or an attribute (bold, underline, reverse, dim, standout, italic)", key, w);
	}
	free(copy);
	if (!rc)
		spec[el] = s;
	return rc;
}

int theme_load(const char *defaults_path, const char *user_path, ap_err *e)
{
	for (int i = 0; i < TH_COUNT; i++)
		spec[i] = (struct th_spec){-1, -1, A_NORMAL};
	int rc = uiini_each(defaults_path, "colors", theme_key, NULL, e);
	return rc ? rc : uiini_each(user_path, "colors", theme_key, NULL, e);
}

/* A colour the terminal lacks falls back to its basic eight. */
static short fit_color(short c)
{
	return c >= COLORS ? (short)(c % 8) : c;
}

void theme_apply(void)
{
	const char *no_color = getenv("NO_COLOR");
	mono = (no_color && *no_color) || !has_colors();
	if (!mono) {
		start_color();
		use_default_colors();
	}
	for (int i = 0; i < TH_COUNT; i++) {
		if (mono) {
			resolved[i] = elem_mono[i];
			continue;
		}
		/* Pair 0 is the terminal's default; element i gets pair i + 1. */
		init_pair((short)(i + 1), fit_color(spec[i].fg), fit_color(spec[i].bg));
		resolved[i] = COLOR_PAIR(i + 1) | spec[i].attrs;
	}
}

attr_t theme_attr(int elem)
{
	return elem >= 0 && elem < TH_COUNT ? resolved[elem] : A_NORMAL;
}

int theme_severity(int severity)
{
	static const int map[SEVERITY_COUNT] = {TH_SEV_INFO, TH_SEV_WARN, TH_SEV_HIGH, TH_SEV_CRITICAL};
	return severity >= 0 && severity < SEVERITY_COUNT ? map[severity] : TH_DIM;
}

int theme_monochrome(void) { return mono; }
