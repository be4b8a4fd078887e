/* dburl.c - PostgreSQL URLs: how one is split, shown without its password
 * and checked (dburl.h says what counts as the password, and why wider than
 * libpq's own reading). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acctplan/dburl.h"

/* Bytes of "postgresql://" or "postgres://" at the start of s, else 0.
 * libpq compares the scheme case-sensitively; a user who typed it in
 * capitals still means PostgreSQL, and still has a password to hide. */
static size_t scheme_len(const char *s)
{
	static const char *const schemes[] = {"postgresql://", "postgres://"};
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		size_t n = strlen(schemes[i]);
		if (strncasecmp(s, schemes[i], n) == 0)
			return n;
	}
	return 0;
}

int dburl_is_url(const char *loc)
{
	return loc && scheme_len(loc) > 0;
}

/* Bytes of any "SCHEME://" at the start of s (RFC 3986: a letter, then
 * letters, digits, '+', '-', '.'), else 0. */
static size_t any_scheme_len(const char *s)
{
	size_t i = 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
	       s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	return strncmp(s + i, "://", 3) == 0 ? i + 3 : 0;
}

int dburl_has_scheme(const char *loc)
{
	return loc && any_scheme_len(loc) > 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* s[0, n) with every %XX decoded (caller frees). A '%' without two hex
 * digits stays as written, for dburl_check to refuse; a decoded %00 ends
 * the string, as it would end it for libpq's C strings. */
static char *pct_decode(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			d[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			d[k++] = s[i];
		}
	}
	d[k] = '\0';
	return d;
}

/* 0 when every '%' in s[0, n) starts an escape libpq decodes, 1 for a '%'
 * without two hex digits, 2 for %00 (libpq refuses a NUL). */
static int pct_check(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%')
			continue;
		if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0)
			return 1;
		if (s[i + 1] == '0' && s[i + 2] == '0')
			return 2;
		i += 2;
	}
	return 0;
}

/* A port libpq can use: digits only, 1 to 65535. */
static int port_ok(const char *s, size_t n)
{
	long v = 0;
	if (n == 0 || n > 10)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
		if (v > 65535)
			return 0;
	}
	return v >= 1;
}

/* ---- splitting a URL ---- */

typedef struct url_parts {
	size_t scheme;                  /* bytes of "postgresql://" */
	int has_userinfo;
	const char *userinfo;           /* without its '@' */
	size_t userinfo_len, user_len;  /* user_len: up to the first ':' */
	const char *hosts;              /* the comma-separated host list */
	size_t hosts_len;
	const char *path;               /* "/dbname", or empty */
	size_t path_len;
	int has_query;
	const char *query;              /* after the '?' */
	size_t query_len;
} url_parts;

/* libpq ends the userinfo at the first '@' before the first '/', whatever
 * comes before it ('?' included). Taking the last '@' before the query
 * that follows the first '/' covers that and a password holding a raw
 * '@', '/' or '?': what libpq would read as part of a host or port then
 * stays hidden too. */
static void url_split(const char *u, url_parts *p)
{
	memset(p, 0, sizeof *p);
	p->scheme = any_scheme_len(u);
	const char *a = u + p->scheme;
	size_t slash = strcspn(a, "/"), query = slash + strcspn(a + slash, "?");
	const char *at = NULL;
	for (size_t i = 0; i < query; i++)
		if (a[i] == '@')
			at = a + i;
	if (at) {
		p->has_userinfo = 1;
		p->userinfo = a;
		p->userinfo_len = (size_t)(at - a);
		const char *colon = memchr(a, ':', p->userinfo_len);
		p->user_len = colon ? (size_t)(colon - a) : p->userinfo_len;
		a = at + 1;
	}
	/* The host list ends at '/' or '?', but not inside an IPv6 address
	 * (a '[' that starts a host, as host_at reads it). */
	size_t i = 0;
	int bracket = 0;
	for (; a[i]; i++) {
		if (a[i] == '[' && (i == 0 || a[i - 1] == ','))
			bracket = 1;
		else if (a[i] == ']')
			bracket = 0;
		else if (!bracket && (a[i] == '/' || a[i] == '?'))
			break;
	}
	p->hosts = a;
	p->hosts_len = i;
	a += i;
	p->path = a;
	p->path_len = strcspn(a, "?");
	if (a[p->path_len] == '?') {
		p->has_query = 1;
		p->query = a + p->path_len + 1;
		p->query_len = strlen(p->query);
	}
}

/* One host of the list: "name", "name:port", "[v6]" or "[v6]:port". */
typedef struct host_part {
	const char *name, *port;
	size_t name_len, port_len, len;  /* len: the whole entry, without its ',' */
	int has_port;
	int unclosed;                    /* '[' without ']' */
	int stray;                       /* text between ']' and ':' or ',' */
} host_part;

static void host_at(const char *s, size_t n, host_part *h)
{
	memset(h, 0, sizeof *h);
	size_t i = 0;
	if (n && s[0] == '[') {
		const char *close = memchr(s, ']', n);
		if (!close) {
			h->name = s;
			h->name_len = h->len = n;
			h->unclosed = 1;
			return;
		}
		i = (size_t)(close - s) + 1;
	} else {
		while (i < n && s[i] != ':' && s[i] != ',')
			i++;
	}
	h->name = s;
	h->name_len = i;
	size_t end = i;
	while (end < n && s[end] != ',')
		end++;
	h->len = end;
	if (i < end && s[i] == ':') {
		h->has_port = 1;
		h->port = s + i + 1;
		h->port_len = end - i - 1;
	} else if (i < end) {
		h->stray = 1;
	}
}

/* Calls fn for every host of the list (none when it is empty; "h1," has
 * an empty second one). Stops at fn's first nonzero return and gives it. */
static int each_host(const url_parts *p, int (*fn)(const host_part *h, int first, void *data), void *data)
{
	size_t pos = 0;
	if (!p->hosts_len)
		return 0;
	for (int first = 1;; first = 0) {
		host_part h;
		host_at(p->hosts + pos, p->hosts_len - pos, &h);
		int rc = fn(&h, first, data);
		if (rc)
			return rc;
		if (pos + h.len >= p->hosts_len)
			return 0;
		pos += h.len + 1;
	}
}

/* The query's parameters: each "key=value" between '&'s. */
typedef struct param {
	const char *s, *eq;   /* eq: its first '=', or NULL */
	size_t len;
} param;

/* The parameter at *pos of the query, moving *pos past it; 0 at the end. */
static int next_param(const url_parts *p, size_t *pos, param *out)
{
	if (!p->has_query || *pos > p->query_len)
		return 0;
	const char *s = p->query + *pos;
	size_t n = p->query_len - *pos;
	const char *amp = memchr(s, '&', n);
	out->s = s;
	out->len = amp ? (size_t)(amp - s) : n;
	out->eq = memchr(s, '=', out->len);
	*pos += out->len + 1;
	return 1;
}

/* A key whose value is a secret: password, or sslpassword (the client
 * key's passphrase), in any case and any percent-encoding. */
static int secret_key(const char *k, size_t n, int url)
{
	char *d = url ? pct_decode(k, n) : xstrndup(k, n);
	int yes = strcasecmp(d, "password") == 0 || strcasecmp(d, "sslpassword") == 0;
	free(d);
	return yes;
}

/* ---- redacting ---- */

/* What a location looks like shown, and what it hid on the way. */
typedef struct redactor {
	ap_buf out;
	char **secret;     /* every hidden text, as written and as decoded */
	size_t nsecret;
	int password;      /* a non-empty password was hidden */
} redactor;

static void add_secret(redactor *r, const char *s, size_t n)
{
	if (!n)
		return;
	r->secret = xrealloc(r->secret, (r->nsecret + 1) * sizeof *r->secret);
	r->secret[r->nsecret++] = xstrndup(s, n);
}

/* A hidden part of a URL, as written and percent-decoded. */
static void add_url_secret(redactor *r, const char *s, size_t n)
{
	add_secret(r, s, n);
	char *d = pct_decode(s, n);
	if (strlen(d) != n || memcmp(d, s, n) != 0)
		add_secret(r, d, strlen(d));
	free(d);
}

static void redactor_free(redactor *r)
{
	for (size_t i = 0; i < r->nsecret; i++)
		free(r->secret[i]);
	free(r->secret);
	buf_free(&r->out);
}

static void redact_any(redactor *r, const char *s, int depth);

static int redact_host(const host_part *h, int first, void *data)
{
	redactor *r = data;
	if (!first)
		buf_add(&r->out, ",", 1);
	buf_add(&r->out, h->name, h->has_port ? h->name_len : h->len);
	if (!h->has_port)
		return 0;
	/* Not a port: most likely "user:password" with the "@host" forgotten. */
	if (h->port_len && !port_ok(h->port, h->port_len)) {
		add_url_secret(r, h->port, h->port_len);
		return 0;
	}
	buf_add(&r->out, ":", 1);
	buf_add(&r->out, h->port, h->port_len);
	return 0;
}

static void redact_url(redactor *r, const char *u)
{
	url_parts p;
	url_split(u, &p);
	buf_add(&r->out, u, p.scheme);
	if (p.has_userinfo) {
		buf_add(&r->out, p.userinfo, p.user_len);
		buf_add(&r->out, "@", 1);
		if (p.user_len < p.userinfo_len && p.userinfo_len - p.user_len > 1) {
			const char *pw = p.userinfo + p.user_len + 1;
			size_t n = p.userinfo_len - p.user_len - 1, cut = strcspn(pw, "@/?");
			add_url_secret(r, pw, n);
			/* libpq splits such a password there, and may quote the
			 * rest as a host or a port. */
			if (cut < n) {
				add_url_secret(r, pw, cut);
				add_url_secret(r, pw + cut + 1, n - cut - 1);
			}
			r->password = 1;
		}
	}
	each_host(&p, redact_host, r);
	buf_add(&r->out, p.path, p.path_len);
	/* Parameters without '=' right after a password are the rest of one
	 * that held a raw '&' (libpq would quote them in its error). */
	size_t pos = 0, kept = 0;
	int after = 0;
	const char *pw = NULL;
	param q;
	while (next_param(&p, &pos, &q)) {
		if (q.eq && secret_key(q.s, (size_t)(q.eq - q.s), 1)) {
			size_t n = q.len - (size_t)(q.eq + 1 - q.s);
			add_url_secret(r, q.eq + 1, n);
			r->password |= n > 0;
			pw = q.eq + 1;
			after = 1;
			continue;
		}
		if (!q.eq && after) {
			add_url_secret(r, q.s, q.len);
			add_url_secret(r, pw, (size_t)(q.s + q.len - pw));
			r->password |= q.len > 0;
			continue;
		}
		after = 0;
		buf_add(&r->out, kept++ ? "&" : "?", 1);
		buf_add(&r->out, q.s, q.len);
	}
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* v as a keyword/value string's value: as is when it can stand alone,
 * else quoted with ' and \ escaped, as libpq reads it back. */
static void add_quoted(ap_buf *b, const char *v)
{
	int plain = *v != '\0';
	for (const char *c = v; *c; c++)
		plain &= !is_space(*c) && *c != '\'' && *c != '\\';
	if (plain) {
		buf_puts(b, v);
		return;
	}
	buf_add(b, "'", 1);
	for (const char *c = v; *c; c++) {
		if (*c == '\'' || *c == '\\')
			buf_add(b, "\\", 1);
		buf_add(b, c, 1);
	}
	buf_add(b, "'", 1);
}

/* A libpq keyword/value string, read as libpq's conninfo_parse reads it:
 * keyword, optional blanks, '=', optional blanks, then a value that is a
 * run of non-blanks or '...' quoted, '\' escaping the next character in
 * either. Pairs and blanks are kept as written except the password pairs
 * (and bare words right after one: the rest of a password that held a
 * blank); a value that is a URL or a keyword/value string itself (libpq
 * expands such a dbname) is redacted in turn. */
static void redact_conninfo(redactor *r, const char *s, int depth)
{
	size_t i = 0, prev_end = 0, kept_end;
	while (is_space(s[i]))
		i++;
	buf_add(&r->out, s, i);
	kept_end = prev_end = i;
	int kept = 0, after = 0, last_kept = 1;
	size_t pw = 0;
	while (s[i]) {
		size_t start = i, key_end = i, j, end;
		while (s[key_end] && s[key_end] != '=' && !is_space(s[key_end]))
			key_end++;
		for (j = key_end; is_space(s[j]); j++)
			;
		int has_eq = s[j] == '=';
		ap_buf v = {0};
		size_t vstart = j;
		if (has_eq) {
			for (j++; is_space(s[j]); j++)
				;
			vstart = j;
			int quoted = s[j] == '\'';
			j += quoted;
			while (s[j] && (quoted ? s[j] != '\'' : !is_space(s[j]))) {
				if (s[j] == '\\' && s[j + 1])
					j++;
				buf_add(&v, s + j, 1);
				j++;
			}
			if (quoted && s[j] == '\'')
				j++;
			end = j;
		} else {
			end = key_end;
		}
		const char *val = v.s ? v.s : "";
		int drop = 1;
		if (has_eq && secret_key(s + start, key_end - start, 0)) {
			/* As written, less its quotes, and as libpq reads it. */
			size_t a = vstart, b = end;
			if (s[vstart] == '\'') {
				a++;
				b -= b > a && s[b - 1] == '\'';
			}
			add_secret(r, s + a, b - a);
			add_secret(r, val, strlen(val));
			r->password |= *val != '\0';
			pw = vstart;
			after = 1;
		} else if (!has_eq && after) {
			add_secret(r, s + start, end - start);
			add_secret(r, s + pw, end - pw);
			r->password = 1;
		} else {
			drop = 0;
			after = 0;
		}
		if (!drop) {
			/* The blanks that followed the last pair kept: a dropped
			 * pair goes with the blanks after it. */
			if (kept++) {
				size_t n = 0;
				while (is_space(s[kept_end + n]))
					n++;
				buf_add(&r->out, s + kept_end, n);
			}
			char *inner = NULL;
			if (has_eq && depth < 8 && (dburl_has_scheme(val) || strchr(val, '='))) {
				redactor sub = {0};
				redact_any(&sub, val, depth + 1);
				inner = sub.out.s ? buf_steal(&sub.out) : xstrdup("");
				for (size_t k = 0; k < sub.nsecret; k++)
					add_secret(r, sub.secret[k], strlen(sub.secret[k]));
				r->password |= sub.password;
				redactor_free(&sub);
			}
			if (inner && strcmp(inner, val) != 0) {
				buf_add(&r->out, s + start, key_end - start);
				buf_add(&r->out, "=", 1);
				add_quoted(&r->out, inner);
			} else {
				buf_add(&r->out, s + start, end - start);
			}
			free(inner);
			kept_end = end;
		}
		last_kept = !drop;
		buf_free(&v);
		prev_end = end;
		for (i = end; is_space(s[i]); i++)
			;
	}
	if (last_kept)
		buf_puts(&r->out, s + prev_end);
}

/* Any "SCHEME://" is read as a URL: "postgressql://u:pw@h" is a typo, and
 * its password no less secret. */
static void redact_any(redactor *r, const char *s, int depth)
{
	if (dburl_has_scheme(s))
		redact_url(r, s);
	else
		redact_conninfo(r, s, depth);
}

static char *redactor_run(redactor *r, const char *s)
{
	memset(r, 0, sizeof *r);
	redact_any(r, s ? s : "", 0);
	return r->out.s ? buf_steal(&r->out) : xstrdup("");
}

char *dburl_redact(const char *url)
{
	redactor r;
	char *shown = redactor_run(&r, url);
	redactor_free(&r);
	return shown;
}

int dburl_has_password(const char *url)
{
	redactor r;
	free(redactor_run(&r, url));
	int yes = r.password;
	redactor_free(&r);
	return yes;
}

/* ---- scrubbing a message ---- */

static char *replace_all(const char *s, const char *find, const char *with)
{
	size_t n = strlen(find);
	ap_buf b = {0};
	const char *p;
	while (n && (p = strstr(s, find))) {
		buf_add(&b, s, (size_t)(p - s));
		buf_puts(&b, with);
		s = p + n;
	}
	buf_puts(&b, s);
	return b.s ? buf_steal(&b) : xstrdup("");
}

/* Longest first: a password's percent-decoded form may be part of the
 * written one, and the longer must go whole. */
static int longer_first(const void *a, const void *b)
{
	size_t x = strlen(*(char *const *)a), y = strlen(*(char *const *)b);
	return x < y ? 1 : x > y ? -1 : 0;
}

char *dburl_scrub(const char *msg, const char *url)
{
	if (!msg)
		msg = "";
	if (!url || !*url)
		return xstrdup(msg);
	redactor r;
	char *shown = redactor_run(&r, url);
	char *out = replace_all(msg, url, shown);
	free(shown);
	if (r.nsecret)
		qsort(r.secret, r.nsecret, sizeof *r.secret, longer_first);
	for (size_t i = 0; i < r.nsecret; i++) {
		char *next = replace_all(out, r.secret[i], "***");
		free(out);
		out = next;
	}
	redactor_free(&r);
	return out;
}

/* ---- checking ---- */

/* AP_EINPUT "invalid database URL 'SHOWN': WHY", the URL redacted and its
 * control characters escaped. */
static int refuse(ap_err *e, const char *url, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int refuse(ap_err *e, const char *url, const char *fmt, ...)
{
	char why[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	char *shown = dburl_redact(url);
	ap_buf b = {0};
	ap_text_escape(&b, shown, strlen(shown), 0);
	int rc = ap_fail(e, AP_EINPUT, "invalid database URL '%s': %s", b.s ? b.s : "", why);
	buf_free(&b);
	free(shown);
	return rc;
}

static const char *const pct_words[] = {"", "a '%' not followed by two hex digits", "%00 (libpq refuses a NUL)"};

struct host_check {
	const char *url;
	ap_err *e;
};

/* "host 'h'", or words for an empty one; names only: a port is never
 * quoted, since a bad one may be a password typed where a port goes. */
static int check_host(const host_part *h, int first, void *data)
{
	(void)first;
	struct host_check *c = data;
	char name[300];
	int nl = h->name_len > 200 ? 200 : (int)h->name_len;
	if (h->name_len)
		snprintf(name, sizeof name, "host '%.*s'", nl, h->name);
	else
		snprintf(name, sizeof name, "the empty host");
	if (h->unclosed)
		return refuse(c->e, c->url, "the '[' of an IPv6 address has no ']'");
	if (h->stray)
		return refuse(c->e, c->url, "%s is followed by something other than ':PORT' or ','", name);
	int pc = pct_check(h->name, h->name_len);
	if (pc)
		return refuse(c->e, c->url, "%s has %s", name, pct_words[pc]);
	if (h->has_port && !h->port_len)
		return refuse(c->e, c->url, "the port after %s is empty", name);
	if (h->has_port && !port_ok(h->port, h->port_len))
		return refuse(c->e, c->url, "the port after %s is not a number from 1 to 65535", name);
	return 0;
}

/* A port= parameter: ports, comma-separated, one per host (empty for the default). */
static int ports_ok(const char *v)
{
	for (;;) {
		size_t n = strcspn(v, ",");
		if (n && !port_ok(v, n))
			return 0;
		if (!v[n])
			return 1;
		v += n + 1;
	}
}

int dburl_check(const char *url, ap_err *e)
{
	if (!dburl_is_url(url))
		return refuse(e, url ? url : "", "it does not start with postgresql:// or postgres://");
	for (const unsigned char *c = (const unsigned char *)url; *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			return refuse(e, url, "it holds a control character");
	url_parts p;
	url_split(url, &p);
	int pc;
	if (p.has_userinfo && (pc = pct_check(p.userinfo, p.user_len)))
		return refuse(e, url, "the user name has %s", pct_words[pc]);
	if (p.has_userinfo && (pc = pct_check(p.userinfo + p.user_len, p.userinfo_len - p.user_len)))
		return refuse(e, url, "the password has %s", pct_words[pc]);
	struct host_check hc = {url, e};
	int rc = each_host(&p, check_host, &hc);
	if (rc)
		return rc;
	if ((pc = pct_check(p.path, p.path_len)))
		return refuse(e, url, "the database name has %s", pct_words[pc]);
	/* Parameters are told apart by their place, never by their text: what
	 * looks like a key may be the rest of a password. */
	size_t pos = 0;
	param q;
	for (int k = 1; next_param(&p, &pos, &q); k++) {
		if (!q.len)
			continue;
		if (!q.eq)
			return refuse(e, url, "query parameter %d has no '=' (parameters are key=value, joined by '&')", k);
		if (memchr(q.eq + 1, '=', q.len - (size_t)(q.eq + 1 - q.s)))
			return refuse(e, url, "query parameter %d has a second '=' (write it as %%3D)", k);
		if ((pc = pct_check(q.s, q.len)))
			return refuse(e, url, "query parameter %d has %s", k, pct_words[pc]);
		char *key = pct_decode(q.s, (size_t)(q.eq - q.s));
		char *val = pct_decode(q.eq + 1, q.len - (size_t)(q.eq + 1 - q.s));
		int bad_port = strcmp(key, "port") == 0 && !ports_ok(val);
		free(key);
		free(val);
		if (bad_port)
			return refuse(e, url, "query parameter 'port' is not a number from 1 to 65535");
	}
	return AP_OK;
}
