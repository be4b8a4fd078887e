/* ini.c - iniparser for values, a scan of our own for lines and duplicates.
 *
 * iniparser 4.1 searches its dictionary from the first entry for every key
 * it stores or looks up, so loading n keys costs n^2 comparisons (20,000
 * rules took over a minute) and a file shared with us could stall every
 * command. So iniparser never sees more than INI_CHUNK entries at a time:
 * our scan reads the file once, keeps every section and key with its line in
 * a hash table, and hands iniparser the file in consecutive pieces, each
 * loaded as a dictionary of its own whose values are copied out before the
 * next. The values are still iniparser's reading; the whole load is linear. */
#define _GNU_SOURCE   /* memfd_create */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <iniparser/iniparser.h>

#include "acctplan/ini.h"
#include "acctplan/text.h"

/* iniparser's own limit: it reads each line into a 1024-byte buffer with
 * its newline and NUL, so 1022 bytes is the longest line it takes; a longer
 * one fails the whole load with no usable position. */
#define INI_LINE_MAX 1024
#define INI_LINE_LONGEST (INI_LINE_MAX - 2)
/* "section:key" is built in a buffer of INI_LINE_MAX by iniparser and of
 * 2 * INI_NAME_MAX + 2 here: longer names would find nothing. */
#define INI_NAME_MAX 255
/* Entries (sections and keys) iniparser is given at once: its cost per piece
 * is quadratic in this, and each piece costs a few system calls. Its
 * dictionaries start with 128 slots, all of which a lookup compares: 120
 * entries and the section header put before them never make one grow. */
#define INI_CHUNK 120
/* Keys of a section up to which a lookup compares them one by one (see find). */
#define INI_SCAN_KEYS 16

struct ini_entry {
	int section;     /* index into first[] */
	int line;
	uint32_t name;   /* offset in names of the key, or of the section's name for its header */
	uint32_t value;  /* offset + 1 in names of iniparser's value; 0 for none, and for headers */
	uint32_t hash;   /* see hash(); kept so that neither a lookup nor a growing table recomputes it */
	int next;        /* next entry in the same hash bucket, -1 at the end */
	bool header;
};

struct ini_doc {
	char *path;
	/* Every name and value, NUL-terminated, found by offset (the buffer
	 * moves while it grows; it is at most twice INI_FILE_MAX). */
	ap_buf names;
	int *first;      /* entry of each section's header; its keys follow it */
	int nsections, seccap;
	struct ini_entry *entries;
	int nentries, cap;
	int *buckets;    /* first entry of each hash bucket, -1 when empty */
	size_t nbuckets; /* a power of two, at least nentries */
	/* The section found last: the loaders ask about one section many times
	 * in a row. Kept apart so that lookups in a const document may set it. */
	int *last_section;
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

/* ---- the hash table ----
 *
 * Keyed with SipHash-1-3 and a seed drawn for each process: the file may come
 * from someone else, who must not be able to choose names that all land in
 * one bucket and make the lookups quadratic again. */

static uint64_t hash_seed[2];

static uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

static void sip_round(uint64_t v[4])
{
	v[0] += v[1]; v[1] = rotl(v[1], 13); v[1] ^= v[0]; v[0] = rotl(v[0], 32);
	v[2] += v[3]; v[3] = rotl(v[3], 16); v[3] ^= v[2];
	v[0] += v[3]; v[3] = rotl(v[3], 21); v[3] ^= v[0];
	v[2] += v[1]; v[1] = rotl(v[1], 17); v[1] ^= v[2]; v[2] = rotl(v[2], 32);
}

static uint64_t siphash13(const char *s, size_t len)
{
	const unsigned char *m = (const unsigned char *)s;
	uint64_t v[4] = {hash_seed[0] ^ 0x736f6d6570736575u, hash_seed[1] ^ 0x646f72616e646f6du,
		hash_seed[0] ^ 0x6c7967656e657261u, hash_seed[1] ^ 0x7465646279746573u};
	uint64_t last = (uint64_t)len << 56;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		/* Words in the machine's byte order: the hashes only have to agree
		 * within this process, not with SipHash's test vectors. */
		uint64_t w;
		memcpy(&w, m + i, sizeof w);
		v[3] ^= w;
		sip_round(v);
		v[0] ^= w;
	}
	for (int j = 0; i + (size_t)j < len; j++)
		last |= (uint64_t)m[i + (size_t)j] << (8 * j);
	v[3] ^= last;
	sip_round(v);
	v[0] ^= last;
	v[2] ^= 0xff;
	sip_round(v);
	sip_round(v);
	sip_round(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

static void seed_hash(void)
{
	static bool seeded;
	if (seeded)
		return;
	/* Without getrandom (an old kernel) the clock and the address space,
	 * randomised by the system, still keep the seed from being known. */
	if (getrandom(hash_seed, sizeof hash_seed, GRND_NONBLOCK) != (ssize_t)sizeof hash_seed) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		hash_seed[0] = (uint64_t)ts.tv_nsec << 32 ^ (uint64_t)ts.tv_sec ^ (uint64_t)getpid();
		hash_seed[1] = (uint64_t)(uintptr_t)&ts ^ (uint64_t)(uintptr_t)hash_seed;
	}
	seeded = true;
}

/* A section header is hashed by its name alone (section -1), a key with its
 * section: (section + 1) times an odd number is one-to-one modulo the table
 * size, so one key name in many sections does not fill one bucket. */
static uint32_t hash(const char *name, int section)
{
	return (uint32_t)(siphash13(name, strlen(name)) ^ (uint64_t)(section + 1) * 0x9e3779b97f4a7c15u);
}

static const char *entry_name(const ini_doc *d, const struct ini_entry *en) { return d->names.s + en->name; }

static void link_entry(ini_doc *d, int i)
{
	struct ini_entry *en = &d->entries[i];
	size_t b = en->hash & (d->nbuckets - 1);
	en->next = d->buckets[b];
	d->buckets[b] = i;
}

/* Sections cannot repeat, so a section's keys are the entries after its
 * header up to the next header. */
static int keys_begin(const ini_doc *d, int section) { return d->first[section] + 1; }

static int keys_end(const ini_doc *d, int section)
{
	return section + 1 < d->nsections ? d->first[section + 1] : d->nentries;
}

/* The header of section name (section < 0), or key name of section; -1 when absent. */
static int find(const ini_doc *d, int section, const char *name)
{
	/* A small section's keys, side by side in memory, are compared faster
	 * than a name is hashed (the loaders ask for every key a section may have). */
	if (section >= 0 && keys_end(d, section) - keys_begin(d, section) <= INI_SCAN_KEYS) {
		for (int i = keys_begin(d, section); i < keys_end(d, section); i++)
			if (strcmp(entry_name(d, &d->entries[i]), name) == 0)
				return i;
		return -1;
	}
	if (!d->nbuckets)
		return -1;
	uint32_t h = hash(name, section);
	for (int i = d->buckets[h & (d->nbuckets - 1)]; i >= 0; i = d->entries[i].next) {
		const struct ini_entry *en = &d->entries[i];
		if (en->hash == h && en->header == (section < 0) && (section < 0 || en->section == section) &&
		    strcmp(entry_name(d, en), name) == 0)
			return i;
	}
	return -1;
}

static uint32_t add_name(ini_doc *d, const char *s)
{
	uint32_t at = (uint32_t)d->names.len;
	buf_add(&d->names, s, strlen(s) + 1);
	return at;
}

static void add_entry(ini_doc *d, int section, const char *name, int line, bool header)
{
	if (d->nentries == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->entries = xrealloc(d->entries, (size_t)d->cap * sizeof *d->entries);
	}
	int i = d->nentries++;
	d->entries[i] = (struct ini_entry){section, line, add_name(d, name), 0, hash(name, header ? -1 : section), -1,
		header};
	if ((size_t)d->nentries <= d->nbuckets) {
		link_entry(d, i);
		return;
	}
	/* Twice as many buckets, every entry linked again: linear over the load. */
	d->nbuckets = d->nbuckets ? d->nbuckets * 2 : 64;
	free(d->buckets);
	d->buckets = xcalloc(d->nbuckets, sizeof *d->buckets);
	for (size_t b = 0; b < d->nbuckets; b++)
		d->buckets[b] = -1;
	for (int j = 0; j < d->nentries; j++)
		link_entry(d, j);
}

static int section_index(const ini_doc *d, const char *name)
{
	int s = *d->last_section;
	if (s >= 0 && strcmp(entry_name(d, &d->entries[d->first[s]]), name) == 0)
		return s;
	int h = find(d, -1, name);
	if (h >= 0)
		*d->last_section = d->entries[h].section;
	return h >= 0 ? d->entries[h].section : -1;
}

/* ---- the scan ---- */

/* One logical line; returns AP_OK or a filled error. */
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
		int prev = find(d, -1, name);
		if (prev >= 0)
			return ini_error(d, lineno, e, "duplicate section [%s] (first at line %d)", name,
				d->entries[prev].line);
		if (d->nsections == d->seccap) {
			d->seccap = d->seccap ? d->seccap * 2 : 16;
			d->first = xrealloc(d->first, (size_t)d->seccap * sizeof *d->first);
		}
		d->first[d->nsections] = d->nentries;
		*cur = d->nsections++;
		add_entry(d, *cur, name, lineno, true);
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
	int prev = find(d, *cur, key);
	if (prev >= 0)
		return ini_error(d, lineno, e, "duplicate key '%s' in [%s] (first at line %d)", key,
			entry_name(d, &d->entries[d->first[*cur]]), d->entries[prev].line);
	add_entry(d, *cur, key, lineno, false);
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

static int blank(const char *line, size_t len)
{
	while (len > 0 && isspace((unsigned char)line[len - 1]))
		len--;
	return len == 0;
}

/* ---- handing the file to iniparser ---- */

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

/* The part of the file not yet given to iniparser. iniparser 4.1 loads only
 * from a path, so each piece goes to a memory file it opens as
 * /proc/self/fd/N, behind the header of the section open where it starts. */
struct feed {
	int fd;             /* the memory file, -1 until the first piece */
	char fdpath[32];
	size_t start;       /* offset in the file's text of the piece's first line */
	int first_line;     /* its line number */
	int first_entry;    /* the piece holds the entries from here on */
	int section;        /* the section open before it, -1 for none */
};

static int write_at(int fd, off_t at, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = pwrite(fd, s, n, at);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
		at += w;
	}
	return 0;
}

/* iniparser names the memory file and counts lines from the header put
 * before the piece: say the file and line the user knows. */
static int parser_error(const ini_doc *d, const struct feed *f, ap_err *e)
{
	char head[64];
	int n = snprintf(head, sizeof head, "iniparser: syntax error in %s (", f->fdpath), line;
	if (strncmp(parser_msg, head, (size_t)n) == 0 && sscanf(parser_msg + n, "%d", &line) == 1)
		return ap_fail(e, AP_EINPUT, "%s: iniparser: syntax error in %s (%d):", d->path, d->path,
			f->first_line + line - 1 - (f->section >= 0));
	return ap_fail(e, AP_EINPUT, "%s: %s", d->path, parser_msg[0] ? parser_msg : "cannot be parsed");
}

/* Give iniparser the file's text up to end (which ends a logical line, so
 * iniparser is not inside a continued line there either), take the values of
 * the piece's keys, and start the next piece at end. */
static int feed_piece(ini_doc *d, struct feed *f, const ap_buf *text, size_t end, int next_line, int section,
	ap_err *e)
{
	int rc = AP_OK;
	if (f->first_entry < d->nentries) {
		if (f->fd < 0) {
			f->fd = memfd_create("acctplan-ini", MFD_CLOEXEC);
			if (f->fd < 0)
				return ap_fail(e, AP_EINPUT, "cannot load '%s': memfd_create: %s", d->path, strerror(errno));
			snprintf(f->fdpath, sizeof f->fdpath, "/proc/self/fd/%d", f->fd);
		}
		ap_buf head = {0};
		if (f->section >= 0)
			buf_printf(&head, "[%s]\n", entry_name(d, &d->entries[d->first[f->section]]));
		if (ftruncate(f->fd, 0) || write_at(f->fd, 0, head.s ? head.s : "", head.len) ||
		    write_at(f->fd, (off_t)head.len, text->s + f->start, end - f->start))
			rc = ap_fail(e, AP_EINPUT, "cannot load '%s': %s", d->path, strerror(errno));
		buf_free(&head);
		dictionary *dict = NULL;
		if (!rc) {
			parser_msg[0] = '\0';
			iniparser_set_error_callback(capture_error);
			if (!(dict = iniparser_load(f->fdpath)))
				rc = parser_error(d, f, e);
		}
		for (int i = f->first_entry; !rc && i < d->nentries; i++) {
			struct ini_entry *en = &d->entries[i];
			if (en->header)
				continue;
			char full[2 * INI_NAME_MAX + 2];
			snprintf(full, sizeof full, "%s:%s", entry_name(d, &d->entries[d->first[en->section]]),
				entry_name(d, en));
			const char *v = iniparser_getstring(dict, full, NULL);
			if (v)
				en->value = add_name(d, v) + 1;
		}
		if (dict)
			iniparser_freedict(dict);
	}
	f->start = end;
	f->first_line = next_line;
	f->first_entry = d->nentries;
	f->section = section;
	return rc;
}

/* Scan the lines iniparser sees: continued lines joined into one logical
 * line, numbered by its first physical line, within iniparser's buffer. */
static int scan(ini_doc *d, const ap_buf *text, ap_err *e)
{
	struct feed f = {.fd = -1, .first_line = 1, .section = -1};
	ap_buf logical = {0};
	size_t pos = 0, keep;
	int lineno = 0, start = 0, joining = 0, cur = -1, rc = AP_OK;
	buf_add(&logical, "", 0);
	while (!rc && pos < text->len) {
		const char *line = text->s + pos, *nl = memchr(line, '\n', text->len - pos);
		size_t n = nl ? (size_t)(nl - line) + 1 : text->len - pos;
		pos += n;
		lineno++;
		if (!joining)
			start = lineno;
		size_t len = n - (line[n - 1] == '\n');
		if (logical.len + len > INI_LINE_LONGEST)
			rc = ini_error(d, start, e, "line is longer than %d bytes%s", INI_LINE_LONGEST,
				joining ? " (with the lines its '\\' joins to it)" : "");
		else if (memchr(line, '\0', n))
			rc = ini_error(d, lineno, e, "line contains a NUL byte");
		else if (!ap_utf8_valid(line, n))
			rc = ini_error(d, lineno, e, "line is not valid UTF-8");
		else if (lineno == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0)
			/* iniparser cannot read past a byte-order mark; say so rather than "expected key = value". */
			rc = ini_error(d, lineno, e, "file starts with a byte-order mark; save it as UTF-8 without BOM");
		else if (joining && blank(line, len)) {
			/* iniparser strips a blank line with the blanks before it and looks
			 * again for a '\\' at the end of what it has joined: a value ending
			 * in two backslashes joins over a blank line. */
			if ((joining = continues(logical.s, logical.len, &keep)))
				logical.s[logical.len = keep] = '\0';
		} else if ((joining = continues(line, len, &keep)))
			buf_add(&logical, line, keep);
		else
			buf_add(&logical, line, len);
		if (!rc && !joining) {
			rc = scan_line(d, logical.s, start, &cur, e);
			logical.len = 0;
			if (!rc && d->nentries - f.first_entry >= INI_CHUNK)
				rc = feed_piece(d, &f, text, pos, lineno + 1, cur, e);
		}
	}
	/* iniparser silently drops a continued line that nothing follows. */
	if (!rc && joining)
		rc = ini_error(d, lineno, e, "the last line ends with '\\', which joins it to a line that is not there");
	if (!rc)
		rc = feed_piece(d, &f, text, pos, lineno + 1, cur, e);
	if (f.fd >= 0)
		close(f.fd);
	buf_free(&logical);
	return rc;
}

static int too_big(const ini_doc *d, const char *over, intmax_t size, ap_err *e)
{
	return ap_fail(e, AP_EINPUT, "%s: is %s%jd bytes; the limit is %d bytes (%d MiB)", d->path, over, size,
		INI_FILE_MAX, INI_FILE_MAX >> 20);
}

/* The whole file into text, refused beyond INI_FILE_MAX. */
static int read_file(const ini_doc *d, ap_buf *text, ap_err *e)
{
	FILE *f = fopen(d->path, "r");
	if (!f)
		return ap_fail(e, AP_EINPUT, "cannot read '%s': %s", d->path, strerror(errno));
	int rc = AP_OK;
	struct stat sb;
	char block[65536];
	size_t n;
	/* A regular file says its size before it is read; a device or a pipe
	 * (or a file still growing) is stopped a block past the limit. */
	if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > INI_FILE_MAX)
		rc = too_big(d, "", (intmax_t)sb.st_size, e);
	while (!rc && (n = fread(block, 1, sizeof block, f)) > 0) {
		buf_add(text, block, n);
		if (text->len > INI_FILE_MAX)
			rc = too_big(d, "more than ", INI_FILE_MAX, e);
	}
	/* A directory opens fine and then fails to read: not an empty file. */
	if (!rc && ferror(f))
		rc = ap_fail(e, AP_EINPUT, "cannot read '%s': %s", d->path, strerror(errno));
	fclose(f);
	return rc;
}

/* path: a file to read, shown as name; NULL: text, shown as name. */
static int load(ini_doc **out, const char *path, const char *text_in, const char *name, ap_err *e)
{
	ini_doc *d = xcalloc(1, sizeof *d);
	ap_buf text = {0};
	d->path = xstrdup(path ? path : name);
	d->last_section = xcalloc(1, sizeof *d->last_section);
	*d->last_section = -1;
	*out = NULL;
	seed_hash();
	int rc = AP_OK;
	if (path) {
		rc = read_file(d, &text, e);
	} else {
		size_t n = strlen(text_in);
		buf_add(&text, text_in, n);
		if (n > INI_FILE_MAX)
			rc = too_big(d, "", (intmax_t)n, e);
	}
	if (name && path) {
		free(d->path);
		d->path = xstrdup(name);
	}
	if (!rc)
		rc = scan(d, &text, e);
	buf_free(&text);
	if (rc) {
		ini_free(&d);
		return rc;
	}
	*out = d;
	return AP_OK;
}

int ini_load(ini_doc **out, const char *path, ap_err *e) { return load(out, path, NULL, NULL, e); }

int ini_load_source(ini_doc **out, const ini_source *src, ap_err *e)
{
	return load(out, src->path, src->text ? src->text : "", src->name, e);
}

void ini_free(ini_doc **dp)
{
	ini_doc *d = *dp;
	if (!d)
		return;
	buf_free(&d->names);
	free(d->first);
	free(d->entries);
	free(d->buckets);
	free(d->last_section);
	free(d->path);
	free(d);
	*dp = NULL;
}

const char *ini_path(const ini_doc *d) { return d->path; }
int ini_section_count(const ini_doc *d) { return d->nsections; }
const char *ini_section_name(const ini_doc *d, int i) { return entry_name(d, &d->entries[d->first[i]]); }

int ini_section_line(const ini_doc *d, const char *section)
{
	int h = find(d, -1, section);
	return h >= 0 ? d->entries[h].line : 0;
}

int ini_key_count(const ini_doc *d, const char *section)
{
	int s = section_index(d, section);
	return s >= 0 ? keys_end(d, s) - keys_begin(d, s) : 0;
}

const char *ini_key_name(const ini_doc *d, const char *section, int k)
{
	int s = section_index(d, section);
	if (s < 0 || k < 0 || k >= keys_end(d, s) - keys_begin(d, s))
		return NULL;
	return entry_name(d, &d->entries[keys_begin(d, s) + k]);
}

const char *ini_value(const ini_doc *d, const char *section, const char *key)
{
	int s = section_index(d, section), k = s >= 0 && key ? find(d, s, key) : -1;
	return k >= 0 && d->entries[k].value ? d->names.s + d->entries[k].value - 1 : NULL;
}

int ini_line(const ini_doc *d, const char *section, const char *key)
{
	int s = section_index(d, section), k = s >= 0 && key ? find(d, s, key) : -1;
	return k >= 0 ? d->entries[k].line : ini_section_line(d, section);
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
