/* keymap.c - actions, key names and the bindings read from keys.ini. */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "keymap.h"
#include "uiini.h"

/* The action table, unrolled into names, help lines and groups. */
#define KM_NOGROUP_(title)
#define KM_NAME_(id, name, label, help) [id] = name,
#define KM_LABEL_(id, name, label, help) [id] = label,
#define KM_HELP_(id, name, label, help) [id] = help,
static const char *const names[ACT_COUNT] = {[ACT_NONE] = "none", UI_ACTION_TABLE(KM_NOGROUP_, KM_NAME_)};
static const char *const labels[ACT_COUNT] = {[ACT_NONE] = "", UI_ACTION_TABLE(KM_NOGROUP_, KM_LABEL_)};
static const char *const helps[ACT_COUNT] = {[ACT_NONE] = "", UI_ACTION_TABLE(KM_NOGROUP_, KM_HELP_)};
/* Groups: each action records the title of the group it follows. */
#define KM_GROUP_(title) group = title;
#define KM_SETGROUP_(id, name, label, help) groups[id] = group;
static const char *groups[ACT_COUNT];
static void init_groups(void)
{
	const char *group = "";
	UI_ACTION_TABLE(KM_GROUP_, KM_SETGROUP_)
	(void)group;
}

struct binding {
	int key, action;
	int by_user;   /* bound in the user's file: a second binding of the key there is an error */
};
static struct binding *binds;
static size_t nbinds, capbinds;

static const struct { const char *name; int key; } key_names[] = {
	{"Enter", '\n'}, {"Esc", KEY_ESC}, {"Tab", '\t'}, {"BackTab", KEY_FN + KEY_BTAB},
	{"Space", ' '}, {"Backspace", KEY_FN + KEY_BACKSPACE}, {"Delete", KEY_FN + KEY_DC},
	{"Insert", KEY_FN + KEY_IC}, {"Up", KEY_FN + KEY_UP}, {"Down", KEY_FN + KEY_DOWN},
	{"Left", KEY_FN + KEY_LEFT}, {"Right", KEY_FN + KEY_RIGHT}, {"Home", KEY_FN + KEY_HOME},
	{"End", KEY_FN + KEY_END}, {"PgUp", KEY_FN + KEY_PPAGE}, {"PgDn", KEY_FN + KEY_NPAGE},
	{"Hash", '#'}, {"Semicolon", ';'},
};
#define NKEY_NAMES (sizeof key_names / sizeof key_names[0])

const char *action_name(int a) { return a >= 0 && a < ACT_COUNT ? names[a] : "?"; }
const char *action_label(int a) { return a >= 0 && a < ACT_COUNT ? labels[a] : "?"; }
const char *action_help(int a) { return a >= 0 && a < ACT_COUNT ? helps[a] : ""; }
const char *action_group(int a)
{
	if (!groups[ACT_MOVE_UP])
		init_groups();
	return a > 0 && a < ACT_COUNT ? groups[a] : "";
}

int keymap_parse_key(const char *s)
{
	if (!s || !*s)
		return -1;
	for (size_t i = 0; i < NKEY_NAMES; i++)
		if (strcasecmp(s, key_names[i].name) == 0)
			return key_names[i].key;
	if ((s[0] == 'C' || s[0] == 'M') && s[1] == '-' && s[2]) {
		int k = keymap_parse_key(s + 2);
		if (s[0] == 'M')
			return k < 0 ? -1 : KEY_META + k;
		/* Control: a letter or one of @[\]^_ (C-Space is NUL, not usable here). */
		return k >= 0x40 && k < 0x80 && k != 0x60 ? (k & 0x1f) : -1;
	}
	if ((s[0] == 'F' || s[0] == 'f') && s[1] >= '1' && s[1] <= '9') {
		char *end;
		long n = strtol(s + 1, &end, 10);
		if (!*end && n >= 1 && n <= 12)
			return KEY_FN + KEY_F(n);
	}
	wchar_t wc;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(&wc, s, strlen(s), &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0 || s[n] || wc < 0x21 || wc == 0x7f)
		return -1;
	return (int)wc;
}

const char *keymap_key_name(int key, char *buf, size_t n)
{
	for (size_t i = 0; i < NKEY_NAMES; i++)
		if (key_names[i].key == key && key != '#' && key != ';') {
			snprintf(buf, n, "%s", key_names[i].name);
			return buf;
		}
	if (key >= KEY_META) {
		char inner[16];
		snprintf(buf, n, "M-%s", keymap_key_name(key - KEY_META, inner, sizeof inner));
	} else if (key >= KEY_FN + KEY_F(1) && key <= KEY_FN + KEY_F(12)) {
		snprintf(buf, n, "F%d", key - KEY_FN - KEY_F0);
	} else if (key >= KEY_FN) {
		snprintf(buf, n, "%s", keyname(key - KEY_FN) ? keyname(key - KEY_FN) : "?");
	} else if (key < 0x20) {
		snprintf(buf, n, "C-%c", key + 'a' - 1);
	} else {
		mbstate_t st;
		memset(&st, 0, sizeof st);
		char mb[MB_LEN_MAX + 1];
		size_t len = wcrtomb(mb, (wchar_t)key, &st);
		mb[len == (size_t)-1 ? 0 : len] = '\0';
		snprintf(buf, n, "%s", mb);
	}
	return buf;
}

static void unbind(int key, int action)
{
	size_t j = 0;
	for (size_t i = 0; i < nbinds; i++)
		if (!((key >= 0 && binds[i].key == key) || (action > 0 && binds[i].action == action)))
			binds[j++] = binds[i];
	nbinds = j;
}

static void bind(int key, int action, int by_user)
{
	if (nbinds == capbinds) {
		capbinds = capbinds ? capbinds * 2 : 128;
		binds = xrealloc(binds, capbinds * sizeof *binds);
	}
	binds[nbinds++] = (struct binding){key, action, by_user};
}

static const struct binding *find(int key)
{
	for (size_t i = 0; i < nbinds; i++)
		if (binds[i].key == key)
			return &binds[i];
	return NULL;
}

/* action = KEY [KEY...]; "none" leaves the action without keys. In the
 * shipped file a key may serve one action only; in the user's file a key
 * taken from a default action moves, but binding it twice there is an error. */
static int keys_key(const ini_doc *d, const char *key, const char *value, int line, void *ctx, ap_err *e)
{
	int by_user = *(int *)ctx, action = -1;
	for (int i = 1; i < ACT_COUNT; i++)
		if (strcmp(key, names[i]) == 0)
			action = i;
	if (action < 0)
		return ini_error(d, line, e, "unknown action '%s'", key);
	unbind(-1, action);
	char *copy = xstrdup(value), *save = NULL;
	int rc = AP_OK;
	for (char *w = strtok_r(copy, " \t", &save); w && !rc; w = strtok_r(NULL, " \t", &save)) {
		if (strcmp(w, "none") == 0)
			continue;
		int k = keymap_parse_key(w);
		const struct binding *old = k < 0 ? NULL : find(k);
		if (k < 0)
			rc = ini_error(d, line, e, "%s: unknown key '%s' (a character, Enter, Esc, Tab, "
				"BackTab, Space, Backspace, Delete, Up, Down, Left, Right, Home, End, PgUp, "
				"PgDn, F1-F12, C-x or M-x)", key, w);
		else if (old && (!by_user || old->by_user))
			rc = ini_error(d, line, e, "%s: key '%s' is already bound to '%s'", key, w, names[old->action]);
		else {
			unbind(k, 0);
			bind(k, action, by_user);
		}
	}
	free(copy);
	return rc;
}

int keymap_load(const char *defaults_path, const char *user_path, ap_err *e)
{
	keymap_free();
	int by_user = 0;
	int rc = uiini_each(defaults_path, "keys", keys_key, &by_user, e);
	by_user = 1;
	return rc ? rc : uiini_each(user_path, "keys", keys_key, &by_user, e);
}

void keymap_free(void)
{
	free(binds);
	binds = NULL;
	nbinds = capbinds = 0;
}

int keymap_action(int key)
{
	const struct binding *b = find(key);
	return b ? b->action : ACT_NONE;
}

const char *keymap_keys(int action, int all, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < nbinds && len + 1 < n; i++) {
		if (binds[i].action != action)
			continue;
		char name[32];
		int w = snprintf(buf + len, n - len, "%s%s", len ? " " : "", keymap_key_name(binds[i].key, name, sizeof name));
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
		if (!all)
			break;
	}
	return buf;
}
