/* cli_io.c - export, import, backup and the demo portfolio. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acctplan/dburl.h"
#include "acctplan/port.h"
#include "cli_internal.h"

static int cmd_export(cli_ctx *c, const cli_args *a, ap_err *e)
{
	const char *path = arg_opt(a, "output");
	int rc = cli_store(c, STORE_EXISTING, e);
	if (rc)
		return rc;
	if (path && strcmp(path, "-") != 0)
		return port_export_file(c->st, path, e);
	return port_export(c->st, c->out, e);
}

/* "10 accounts (answers 180, contacts 50, ...)" */
static void print_counts(FILE *f, const port_counts *n)
{
	fprintf(f, "%ld account%s", n->accounts, n->accounts == 1 ? "" : "s");
	for (int k = 0; k < PORT_NSECTIONS; k++)
		if (!port_section_optional(k) || n->records[k])
			fprintf(f, "%s%s %ld", k ? ", " : " (", port_section_labels[k], n->records[k]);
	fputs(")", f);
	if (n->replaced)
		fprintf(f, ", replacing %ld already in the store", n->replaced);
	if (n->members)
		fprintf(f, "; %ld new member%s", n->members, n->members == 1 ? "" : "s");
	if (n->reviews)
		fprintf(f, "; %ld review%s", n->reviews, n->reviews == 1 ? "" : "s");
	fputc('\n', f);
}

/* Import path (or "-" for standard input) into the open store with opts. */
static int import_into(cli_ctx *c, const char *path, const port_opts *o, port_counts *n, ap_err *e)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return ap_fail(e, AP_EINPUT, "cannot read '%s': %s", path, strerror(errno));
	port_opts with = *o;
	defs_files defs;
	cli_defs_files(c, &defs);
	with.defs = &defs;
	int rc = port_import(c->st, &c->qb, f, is_stdin ? "<stdin>" : path, &with, n, e);
	if (!is_stdin)
		fclose(f);
	return rc;
}

/* A dry run creates nothing: with no database yet, the file is checked
 * against an empty one in a private temporary folder, removed after. */
static int dry_run_without_store(cli_ctx *c, const char *path, const port_opts *o, port_counts *n, ap_err *e)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/acctplan-dry-run.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		int rc = ap_fail(e, AP_ESTORE, "cannot create a scratch folder for the dry run in '%s': %s",
			tmp && *tmp ? tmp : "/tmp", strerror(errno));
		free(dir);
		return rc;
	}
	char *db = xasprintf("%s/dry-run.db", dir);
	int rc = store_open(&c->st, db, STORE_CREATE, e);
	if (!rc)
		rc = import_into(c, path, o, n, e);
	store_close(&c->st);
	static const char *const files[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *file = xasprintf("%s%s", db, files[i]);
		unlink(file);
		free(file);
	}
	rmdir(dir);
	free(db);
	free(dir);
	return rc;
}

/* Import path into the store (created when missing, except by a dry run). */
static int import_path(cli_ctx *c, const char *path, const port_opts *o, port_counts *n, ap_err *e)
{
	struct stat sb;
	int rc = cli_qbank(c, e);
	if (!rc && o->dry_run && stat(c->cfg.db_path, &sb) != 0 && errno == ENOENT)
		return dry_run_without_store(c, path, o, n, e);
	if (!rc)
		rc = cli_store(c, STORE_CREATE, e);
	return rc ? rc : import_into(c, path, o, n, e);
}

/* What an older export's import repaired, one line each on stderr (the
 * port module made each line safe to print), as the upgrade reports its own. */
static void print_repairs(const char *verb, ap_buf *log)
{
	const char *p = log->s ? log->s : "";
	while (*p) {
		size_t n = strcspn(p, "\n");
		fprintf(stderr, "acctplan: %s %.*s\n", verb, (int)n, p);
		p += n + (p[n] == '\n');
	}
	buf_free(log);
}

static int cmd_import(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_buf repairs = {0};
	port_opts o = {.dry_run = arg_flag(a, "dry-run"), .replace = arg_flag(a, "replace"), .repairs = &repairs};
	port_counts n;
	/* Before the store is opened: SQLite puts /dev/null on a closed
	 * descriptor 0 it is given, and the input would read as empty. */
	int rc = strcmp(a->pos[0], "-") == 0 ? ap_stdin_check(e) : AP_OK;
	if (!rc)
		rc = import_path(c, a->pos[0], &o, &n, e);
	/* A failed import changed nothing: its repairs did not happen. */
	if (rc) {
		buf_free(&repairs);
		return rc;
	}
	print_repairs(o.dry_run ? "import would repair" : "import repaired", &repairs);
	fputs(o.dry_run ? "dry run, nothing changed; the file is valid and would import " : "imported ", c->out);
	print_counts(c->out, &n);
	return AP_OK;
}

static int cmd_demo(cli_ctx *c, const cli_args *a, ap_err *e)
{
	ap_buf repairs = {0};
	port_opts o = {.replace = arg_flag(a, "force"), .as_of_today = 1,
		.exists_hint = "nothing was loaded ('acctplan demo --force' replaces them)", .repairs = &repairs};
	port_counts n;
	int rc = cli_config(c, e);
	if (rc)
		return rc;
	char *path = config_asset(&c->cfg, "demo.json");
	rc = import_path(c, path, &o, &n, e);
	free(path);
	if (rc) {
		buf_free(&repairs);
		return rc;
	}
	print_repairs("demo repaired", &repairs);
	char *db = cli_db_shown(c);
	fprintf(c->out, "loaded the demo portfolio into %s, dated as of today: ", db);
	free(db);
	print_counts(c->out, &n);
	return AP_OK;
}

/* An existing FILE is refused unless --force: a backup named like an
 * earlier one would otherwise replace it without a word. */
static int cmd_backup(cli_ctx *c, const cli_args *a, ap_err *e)
{
	const char *path = a->pos[0];
	if (!*path)
		return ap_fail(e, AP_EINPUT, "backup: FILE is empty");
	int rc = cli_store(c, STORE_EXISTING, e);
	if (!rc)
		rc = store_backup(c->st, path, arg_flag(a, "force") ? NULL : "--force replaces it", e);
	if (!rc) {
		char *db = cli_db_shown(c);
		fprintf(c->out, "backed up %s to %s\n", db, path);
		free(db);
	}
	return rc;
}

/* The copy goes through an export in a temporary file nobody else can
 * open (tmpfile: unlinked from the start, gone however acctplan ends), then
 * an import into DEST: the two commands' own checks, and all or nothing
 * at the destination. */
static int copy_through(cli_ctx *c, store *dst, const port_opts *o, port_counts *n, ap_err *e)
{
	FILE *tmp = tmpfile();
	if (!tmp)
		return ap_fail(e, AP_ESTORE, "copy: cannot create a temporary file: %s", strerror(errno));
	int rc = port_export(c->st, tmp, e);
	if (!rc && (fflush(tmp) != 0 || fseek(tmp, 0, SEEK_SET) != 0))
		rc = ap_fail(e, AP_ESTORE, "copy: cannot write the temporary file: %s", strerror(errno));
	port_opts with = *o;
	defs_files defs;
	cli_defs_files(c, &defs);
	with.defs = &defs;
	if (!rc)
		rc = port_import(dst, &c->qb, tmp, "the copy", &with, n, e);
	fclose(tmp);
	return rc;
}

static int cmd_copy(cli_ctx *c, const cli_args *a, ap_err *e)
{
	const char *to = arg_opt(a, "to");
	if (!to || !*to)
		return ap_fail(e, AP_EINPUT, "copy: --to DESTINATION is required (a database file or a postgresql:// URL)");
	int url = dburl_has_scheme(to);
	if (url && dburl_is_url(to) && dburl_has_password(to))
		fputs("acctplan: warning: the password in --to can be seen by other users of this machine (ps); "
			"keep it in ~/.pgpass, PGPASSFILE or a service file instead\n", stderr);
	int rc = url ? dburl_check(to, e) : AP_OK;
	if (rc)
		return rc;
	if (!(rc = cli_qbank(c, e)))
		rc = cli_store(c, STORE_EXISTING, e);
	if (rc)
		return rc;
	char *from = cli_db_shown(c), *dest = url ? dburl_redact(to) : xstrdup(to);
	struct stat x, y;
	int same_file = !url && stat(to, &x) == 0 && stat(store_path(c->st), &y) == 0 && x.st_dev == y.st_dev &&
		x.st_ino == y.st_ino;
	if (same_file || strcmp(store_path(c->st), url ? dest : to) == 0)
		rc = ap_fail(e, AP_EINPUT, "copy: %s is the store being copied; --to names another", dest);
	store *dst = NULL;
	if (!rc)
		rc = store_open(&dst, to, STORE_CREATE, e);
	port_opts o = {.replace = arg_flag(a, "replace"),
		.exists_hint = "nothing was copied ('copy --replace' replaces them)"};
	port_counts n;
	if (!rc) {
		store_set_author(dst, c->cfg.user_name);
		rc = copy_through(c, dst, &o, &n, e);
	}
	store_close(&dst);
	if (!rc) {
		fprintf(c->out, "copied %s to %s: ", from, dest);
		print_counts(c->out, &n);
	}
	free(from);
	free(dest);
	return rc;
}

const cli_cmd cli_io_cmds[] = {
	{"export", "[-o FILE]", "Write the whole store as one JSON document", "output=", 0, 0, cmd_export,
	 "Writes to standard output, or with -o/--output to FILE: a file is replaced atomically\n"
	 "and created with mode 0600 (account plans are confidential), a link's target is\n"
	 "replaced, a device, a FIFO or /dev/stdout is written through, and the live database\n"
	 "is refused; no temporary file is left behind, not even when interrupted.\n"
	 "Every answer's history is included, and every record's id, version and timestamps.\n"
	 "The output is deterministic: importing it into an empty database and exporting again\n"
	 "gives the same bytes."},
	{"import", "FILE [--dry-run] [--replace]", "Load a JSON document written by 'export'",
	 "dry-run replace", 1, 1, cmd_import,
	 "FILE '-' reads standard input. All or nothing: every value is checked as the commands\n"
	 "check it, and any error (reported as FILE:LINE:COL and the path of the value) leaves the\n"
	 "store unchanged. Accounts already in the store are refused unless --replace, which\n"
	 "replaces them and everything recorded about them. --dry-run checks only.\n"
	 "Into an empty store, an export keeps every id, version and timestamp; otherwise the\n"
	 "store numbers the records in file order. An export of an earlier release still imports:\n"
	 "a name with a blank at either end is trimmed and control characters are removed from\n"
	 "texts, each repair reported on standard error."},
	{"backup", "FILE [--force]", "Copy the live database, consistently, to FILE", "force", 1, 1, cmd_backup,
	 "Uses SQLite's online backup, so the copy is one consistent snapshot even while the\n"
	 "workbench or another command writes, and includes recent commits still held in the\n"
	 "-wal file (a plain copy of the .db file misses them, or is torn mid-write). FILE is\n"
	 "written to a temporary file beside it and renamed into place, mode 0600 (a link's\n"
	 "target is replaced, the link kept); an existing FILE is refused unless --force, the\n"
	 "live database (and its -wal/-shm), a device, a FIFO and /dev/stdout always.\n"
	 "The copy is an acctplan database: 'acctplan --db FILE ...' opens it."},
	{"copy", "--to DESTINATION [--replace]", "Copy the whole store to another database, SQLite or PostgreSQL",
	 "to= replace", 0, 0, cmd_copy,
	 "DESTINATION is a database file or a postgresql:// URL; it is created when missing. The\n"
	 "copy is an export imported there: every id, version, timestamp and answer history comes\n"
	 "along into an empty store, and the copy exports the same bytes as the original. All or\n"
	 "nothing: accounts already at the destination are refused unless --replace, which\n"
	 "replaces them and everything recorded about them; nothing else there changes.\n"
	 "This is how a team moves one person's file to a shared server, and back:\n"
	 "  acctplan copy --to 'postgresql://kim@db.example.com/sales'\n"
	 "  acctplan --db 'postgresql://kim@db.example.com/sales' copy --to ~/sales-copy.db"},
	{"demo", "[--force]", "Load the demo portfolio of ten fictional accounts", "force", 0, 0, cmd_demo,
	 "The demo's dates are moved so that it always looks current. It is refused when the store\n"
	 "already holds any of the demo accounts; --force replaces those accounts."},
	{0},
};
