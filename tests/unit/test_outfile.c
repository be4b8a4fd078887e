/* test_outfile.c - what a name means as an output (outfile.h): files
 * replaced atomically and private, links followed, devices and
 * descriptors written through, the live database refused, nothing left
 * behind. The signal cases run the real binary: tests/cli/test_output.sh. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "unit_helpers.h"
#include "acctplan/outfile.h"

static char *slurp(const char *path)
{
	char *out = NULL;
	ap_err e = {0};
	if (ap_read_file(path, &out, NULL, &e))
		fail_msg("%s", e.msg);
	return out;
}

/* The names in dir, sorted, joined by spaces (caller frees). */
static char *listing(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	ap_buf b = {0};
	buf_puts(&b, "");
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0)
			buf_printf(&b, "%s%s", b.len ? " " : "", names[i]->d_name);
		free(names[i]);
	}
	free(names);
	return buf_steal(&b);
}

static void a_file_is_replaced_and_no_temporary_is_left(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *path = write_tmp(dir, "report.txt", "old content that is longer");
	ap_err e = {0};
	assert_int_equal(outfile_write(path, "new", 3, NULL, &e), AP_OK);
	char *text = slurp(path), *names = listing(dir);
	assert_string_equal(text, "new");
	assert_string_equal(names, "report.txt");
	free(text);
	free(names);
	free(path);
	rm_tree(dir);
}

static void a_new_file_is_private_whatever_the_umask(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *path = xasprintf("%s/brief.md", dir);
	ap_err e = {0};
	mode_t old = umask(0);
	int rc = outfile_write(path, "plan", 4, NULL, &e);
	umask(old);
	assert_int_equal(rc, AP_OK);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(path);
	rm_tree(dir);
}

static void a_missing_folder_is_said_in_words(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *path = xasprintf("%s/missing/out.txt", dir);
	char *want = xasprintf("cannot write '%s': its folder does not exist", path);
	ap_err e = {0};
	assert_int_equal(outfile_write(path, "x", 1, NULL, &e), AP_EINPUT);
	assert_string_equal(e.msg, want);
	free(want);
	free(path);
	rm_tree(dir);
}

static void a_link_keeps_its_place_and_its_target_is_replaced(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *target = write_tmp(dir, "real.txt", "old");
	char *link = xasprintf("%s/link.txt", dir);
	assert_int_equal(symlink("real.txt", link), 0);
	ap_err e = {0};
	assert_int_equal(outfile_write(link, "new", 3, NULL, &e), AP_OK);
	struct stat sb;
	assert_int_equal(lstat(link, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	char *text = slurp(target), *names = listing(dir);
	assert_string_equal(text, "new");
	assert_string_equal(names, "link.txt real.txt");
	free(text);
	free(names);
	free(link);
	free(target);
	rm_tree(dir);
}

static void a_dangling_link_gets_its_target_created(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *sub = xasprintf("%s/sub", dir), *link = xasprintf("%s/link.txt", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(symlink("sub/later.txt", link), 0);
	char *followed = outfile_follow(link), *want = xasprintf("%s/sub/later.txt", dir);
	assert_string_equal(followed, want);
	ap_err e = {0};
	assert_int_equal(outfile_write(link, "made", 4, NULL, &e), AP_OK);
	char *text = slurp(want);
	assert_string_equal(text, "made");
	free(text);
	free(want);
	free(followed);
	free(link);
	free(sub);
	rm_tree(dir);
}

static void a_link_loop_is_refused(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *a = xasprintf("%s/a", dir), *b = xasprintf("%s/b", dir);
	assert_int_equal(symlink("b", a), 0);
	assert_int_equal(symlink("a", b), 0);
	char *want = xasprintf("cannot write '%s': too many levels of symbolic links", a);
	ap_err e = {0};
	assert_int_equal(outfile_write(a, "x", 1, NULL, &e), AP_EINPUT);
	assert_string_equal(e.msg, want);
	free(want);
	free(a);
	free(b);
	rm_tree(dir);
}

static void dev_null_is_written_through_and_stays_a_device(void **state)
{
	(void)state;
	ap_err e = {0};
	assert_int_equal(outfile_write("/dev/null", "gone", 4, NULL, &e), AP_OK);
	struct stat sb;
	assert_int_equal(stat("/dev/null", &sb), 0);
	assert_true(S_ISCHR(sb.st_mode));
}

/* /dev/fd/N and /proc/self/fd/N are the descriptor itself: a pipe's reader
 * gets the bytes, and a file opened for appending is appended to. */
static void own_descriptors_are_written_through(void **state)
{
	(void)state;
	int p[2];
	assert_int_equal(pipe(p), 0);
	char *name = xasprintf("/dev/fd/%d", p[1]);
	ap_err e = {0};
	assert_int_equal(outfile_write(name, "piped", 5, NULL, &e), AP_OK);
	char got[16] = "";
	assert_int_equal(read(p[0], got, sizeof got - 1), 5);
	assert_string_equal(got, "piped");
	close(p[0]);
	close(p[1]);
	free(name);

	char *dir = make_tmpdir();
	char *path = write_tmp(dir, "log.txt", "first\n");
	int fd = open(path, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	name = xasprintf("/proc/self/fd/%d", fd);
	assert_int_equal(outfile_write(name, "second\n", 7, NULL, &e), AP_OK);
	close(fd);
	char *text = slurp(path);
	assert_string_equal(text, "first\nsecond\n");
	free(text);
	free(name);
	free(path);
	rm_tree(dir);
}

static void a_closed_or_read_only_descriptor_is_said_in_words(void **state)
{
	(void)state;
	int fd = open("/dev/null", O_RDONLY);
	assert_true(fd >= 0);
	char *name = xasprintf("/dev/fd/%d", fd);
	char *want = xasprintf("cannot write '%s': it names descriptor %d, which is open for reading only", name, fd);
	ap_err e = {0};
	assert_int_equal(outfile_write(name, "x", 1, NULL, &e), AP_EINPUT);
	assert_string_equal(e.msg, want);
	close(fd);
	free(want);
	want = xasprintf("cannot write '%s': it names descriptor %d, which is closed", name, fd);
	assert_int_equal(outfile_write(name, "x", 1, NULL, &e), AP_EINPUT);
	assert_string_equal(e.msg, want);
	free(want);
	free(name);
}

static void the_live_database_and_its_wal_and_shm_are_refused(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *db = write_tmp(dir, "live.db", "pages");
	char *wal = xasprintf("%s-wal", db), *shm = xasprintf("%s-shm", db), *other = xasprintf("%s/./live.db", dir);
	outfile_opts o = {.live_db = db};
	ap_err e = {0};
	char *want = xasprintf("cannot write '%s': it is the live database itself", other);
	assert_int_equal(outfile_write(other, "x", 1, &o, &e), AP_EINPUT);
	assert_string_equal(e.msg, want);
	free(want);
	/* The -wal need not exist to be refused by name. */
	want = xasprintf("cannot write '%s': it is the live database's -wal file", wal);
	assert_int_equal(outfile_write(wal, "x", 1, &o, &e), AP_EINPUT);
	assert_string_equal(e.msg, want);
	free(want);
	o.what = "backup";
	want = xasprintf("cannot write backup '%s': it is the live database's -shm file", shm);
	assert_int_equal(outfile_write(shm, "x", 1, &o, &e), AP_EINPUT);
	assert_string_equal(e.msg, want);
	free(want);
	char *text = slurp(db), *names = listing(dir);
	assert_string_equal(text, "pages");
	assert_string_equal(names, "live.db");
	free(text);
	free(names);
	free(other);
	free(shm);
	free(wal);
	free(db);
	rm_tree(dir);
}

static void what_a_writer_by_name_cannot_use_is_refused(void **state)
{
	(void)state;
	outfile_opts o = {.what = "backup", .need_file = 1};
	ap_err e = {0};
	assert_int_equal(outfile_write("/dev/null", "x", 1, &o, &e), AP_EINPUT);
	assert_string_equal(e.msg, "cannot write backup '/dev/null': it is a character device, not a file");
	char *dir = make_tmpdir();
	char *want = xasprintf("cannot write backup '%s': it is a folder", dir);
	assert_int_equal(outfile_write(dir, "x", 1, &o, &e), AP_EINPUT);
	assert_string_equal(e.msg, want);
	free(want);
	rm_tree(dir);
}

static void an_existing_name_is_refused_when_asked_and_left_alone(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *path = write_tmp(dir, "copy.db", "earlier");
	outfile_opts o = {.what = "backup", .exists_hint = "--force replaces it"};
	char *want = xasprintf("backup '%s' already exists; nothing was written (--force replaces it)", path);
	ap_err e = {0};
	assert_int_equal(outfile_write(path, "x", 1, &o, &e), AP_EINPUT);
	assert_string_equal(e.msg, want);
	char *text = slurp(path), *names = listing(dir);
	assert_string_equal(text, "earlier");
	assert_string_equal(names, "copy.db");
	free(text);
	free(names);
	free(want);
	free(path);
	rm_tree(dir);
}

/* The temporary file exists while writing, and abort removes it. */
static void abort_leaves_nothing_and_the_old_file_as_it_was(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *path = write_tmp(dir, "out.json", "old");
	outfile *f;
	ap_err e = {0};
	assert_int_equal(outfile_open(&f, path, NULL, &e), AP_OK);
	assert_non_null(outfile_temp(f));
	fputs("half", outfile_stream(f));
	struct stat sb;
	assert_int_equal(stat(outfile_temp(f), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	outfile_abort(&f);
	assert_null(f);
	char *text = slurp(path), *names = listing(dir);
	assert_string_equal(text, "old");
	assert_string_equal(names, "out.json");
	free(text);
	free(names);
	free(path);
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_file_is_replaced_and_no_temporary_is_left),
		cmocka_unit_test(a_new_file_is_private_whatever_the_umask),
		cmocka_unit_test(a_missing_folder_is_said_in_words),
		cmocka_unit_test(a_link_keeps_its_place_and_its_target_is_replaced),
		cmocka_unit_test(a_dangling_link_gets_its_target_created),
		cmocka_unit_test(a_link_loop_is_refused),
		cmocka_unit_test(dev_null_is_written_through_and_stays_a_device),
		cmocka_unit_test(own_descriptors_are_written_through),
		cmocka_unit_test(a_closed_or_read_only_descriptor_is_said_in_words),
		cmocka_unit_test(the_live_database_and_its_wal_and_shm_are_refused),
		cmocka_unit_test(what_a_writer_by_name_cannot_use_is_refused),
		cmocka_unit_test(an_existing_name_is_refused_when_asked_and_left_alone),
		cmocka_unit_test(abort_leaves_nothing_and_the_old_file_as_it_was),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
