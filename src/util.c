/* util.c - errors, allocation, buffers, dates, names, files. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "acctplan/util.h"

int ap_fail(ap_err *e, int status, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		e->status = status;
	}
	return status;
}

void ap_err_context(ap_err *e, const char *fmt, ...)
{
	char head[512], old[sizeof e->msg];
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	size_t n = strlen(head);
	if (n + 2 >= sizeof e->msg)
		return;
	memcpy(e->msg, head, n);
	memcpy(e->msg + n, ": ", 2);
	memcpy(e->msg + n + 2, old, sizeof e->msg - n - 2);
	e->msg[sizeof e->msg - 1] = '\0';
}

static void (*fatal_cleanup)(void);

void ap_set_fatal_cleanup(void (*fn)(void)) { fatal_cleanup = fn; }

static void *oom(size_t n)
{
	if (fatal_cleanup)
		fatal_cleanup();
	fprintf(stderr, "acctplan: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom(n);
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	return p ? p : oom(n * size);
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom(n);
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s ? s : "") + 1;
	return memcpy(xmalloc(n), s ? s : "", n);
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = memcpy(xmalloc(len + 1), s, len);
	p[len] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	ap_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

static void buf_reserve(ap_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void buf_add(ap_buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_puts(ap_buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_vprintf(ap_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(ap_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_free(ap_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *buf_steal(ap_buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void ap_format_real(double v, char out[32])
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
}

/* Days from civil date, Howard Hinnant's algorithm: exact for the proleptic
 * Gregorian calendar, no time zones or mktime involved. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static int days_in_month(long y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dim[m - 1];
}

/* 0 for a date in range, DATE_MALFORMED for anything that is not
 * YYYY-MM-DD naming a real day, DATE_OUT_OF_RANGE for a real day outside
 * AP_DATE_FIRST..AP_DATE_LAST (ap_date_check says which). */
enum { DATE_MALFORMED = -1, DATE_OUT_OF_RANGE = -2 };

static int date_read(const char *s, long *days)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return DATE_MALFORMED;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return DATE_MALFORMED;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	/* Year 0000 is no year of the Gregorian calendar as written here. */
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return DATE_MALFORMED;
	long z = days_from_civil(y, (unsigned)m, (unsigned)d);
	if (z < AP_DAY_FIRST || z > AP_DAY_LAST)
		return DATE_OUT_OF_RANGE;
	if (days)
		*days = z;
	return 0;
}

int ap_date_parse(const char *s, long *days)
{
	return date_read(s, days) == 0 ? 0 : -1;
}

/* Every caller that moves a date checks with ap_date_add first, and every
 * date read is in range, so a day outside it reaches here only through a bug
 * or a clock past 9999. Clamping is the least harmful answer there: the
 * year would otherwise wrap to 0000 or come out as garbage that no parser
 * takes back, and this function has no way to report an error. */
void ap_date_format(long z, char out[11])
{
	z = z < AP_DAY_FIRST ? AP_DAY_FIRST : z > AP_DAY_LAST ? AP_DAY_LAST : z;
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%04ld-%02u-%02u", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

int ap_date_add(long days, long delta, long *out)
{
	/* Compared before adding: a hostile delta must not overflow. */
	if (days < AP_DAY_FIRST || days > AP_DAY_LAST || delta > AP_DAY_LAST - days || delta < AP_DAY_FIRST - days)
		return -1;
	*out = days + delta;
	return 0;
}

int ap_date_add_months(long days, long months, long *out)
{
	char t[11];
	/* Checked before moving: a hostile count must not overflow. */
	if (days < AP_DAY_FIRST || days > AP_DAY_LAST || months > 12L * 10000 || months < -12L * 10000)
		return -1;
	ap_date_format(days, t);
	long m = atol(t) * 12 + atoi(t + 5) - 1 + months, y = m / 12;
	if (y < 1)
		return -1;
	int mon = (int)(m % 12) + 1, d = atoi(t + 8), dim = days_in_month(y, mon);
	long z = days_from_civil(y, (unsigned)mon, (unsigned)(d < dim ? d : dim));
	if (z < AP_DAY_FIRST || z > AP_DAY_LAST)
		return -1;
	*out = z;
	return 0;
}

long ap_today(void)
{
	long days;
	const char *pin = getenv("ACCTPLAN_TODAY");
	if (pin && *pin && ap_date_parse(pin, &days) == 0)
		return days;
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return 0;
	days = days_from_civil(tm.tm_year + 1900L, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday);
	/* A clock outside the range (set to year 10000, or before 1900) is
	 * read as its nearest day: nothing acctplan dates may leave it. */
	return days < AP_DAY_FIRST ? AP_DAY_FIRST : days > AP_DAY_LAST ? AP_DAY_LAST : days;
}

int ap_today_check(ap_err *e)
{
	const char *pin = getenv("ACCTPLAN_TODAY");
	return pin && *pin ? ap_date_check("ACCTPLAN_TODAY", pin, NULL, e) : AP_OK;
}

int ap_date_check(const char *what, const char *s, long *days, ap_err *e)
{
	int rc = date_read(s, days);
	if (rc == DATE_OUT_OF_RANGE)
		return ap_fail(e, AP_EINPUT, "%s '%s' is outside the dates acctplan keeps (%s to %s)", what, s,
			AP_DATE_FIRST, AP_DATE_LAST);
	if (rc)
		return ap_fail(e, AP_EINPUT, "%s '%s' is not a valid date (expected YYYY-MM-DD)", what, s ? s : "");
	return AP_OK;
}

int ap_date_check_not_ahead(const char *what, const char *s, ap_err *e)
{
	long day, today = ap_today(), last;
	int rc = ap_date_check(what, s, &day, e);
	if (rc)
		return rc;
	/* On the last day acctplan keeps there is no tomorrow to allow. */
	if (ap_date_add(today, AP_DAYS_AHEAD, &last) != 0)
		last = AP_DAY_LAST;
	if (day <= last)
		return AP_OK;
	char t[11];
	ap_date_format(today, t);
	return ap_fail(e, AP_EINPUT, "%s '%s' is in the future (today is %s)", what, s, t);
}

const char *ap_name(const ap_names *t, int i, const char *none)
{
	return i >= 0 && i < t->count ? t->names[i] : none;
}

int ap_name_parse(const ap_names *t, const char *s, ap_err *e)
{
	for (int i = 0; s && i < t->count; i++)
		if (strcmp(t->names[i], s) == 0)
			return i;
	char *all = ap_names_join(t, " or ");
	ap_fail(e, AP_EINPUT, "unknown %s '%s' (expected %s)", t->what, s ? s : "", all);
	free(all);
	return -1;
}

char *ap_names_join(const ap_names *t, const char *last_sep)
{
	ap_buf b = {0};
	for (int i = 0; i < t->count; i++) {
		if (i)
			buf_puts(&b, i == t->count - 1 ? last_sep : ", ");
		buf_puts(&b, t->names[i]);
	}
	return buf_steal(&b);
}

char *ap_expand_home(const char *path)
{
	const char *home = getenv("HOME");
	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

int ap_mkdirs(const char *dir, int mode, ap_err *e)
{
	char *p = xstrdup(dir);
	int rc = AP_OK;
	/* Past a leading '/' (the root exists); an empty path gets to mkdir, which refuses it. */
	for (char *s = p + (*p == '/'); ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST) {
				rc = ap_fail(e, AP_ESTORE, "cannot create directory '%s': %s", p, strerror(errno));
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return rc;
}

int ap_stdin_check(ap_err *e)
{
	/* Reading a closed descriptor fails with EBADF ("Bad file descriptor"),
	 * which says nothing to someone who ran `acctplan note ACME - <&-`. */
	if (fcntl(STDIN_FILENO, F_GETFL) < 0)
		return ap_fail(e, AP_EINPUT, "cannot read standard input: it is closed "
			"(redirect a file into it, or give the text as an argument)");
	return AP_OK;
}

int ap_read_file(const char *path, char **out, size_t *len, ap_err *e)
{
	int is_stdin = strcmp(path, "-") == 0;
	if (is_stdin && ap_stdin_check(e))
		return AP_EINPUT;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return ap_fail(e, AP_EINPUT, "cannot read '%s': %s", path, strerror(errno));
	ap_buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	int bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (bad) {
		buf_free(&b);
		return ap_fail(e, AP_EINPUT, "cannot read '%s': %s", path, strerror(errno));
	}
	if (len)
		*len = b.len;
	*out = buf_steal(&b);
	return AP_OK;
}

unsigned long long ap_hash(unsigned long long h, const void *s, size_t n)
{
	for (const unsigned char *p = s, *end = p + n; p < end; p++)
		h = (h ^ *p) * 0x100000001b3u;
	return h;
}
