/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hostile-input corpus: every file of tests/bad-inputs/ goes through the real ffa-sim binary
 * (check, run, replay or import-manifest, as tests/bad-inputs/expected.txt says) and must end
 * with exactly the status and first line of stderr listed there, within one second of CPU time.
 * Inputs too large to keep in the tree (100,000 levels of nesting, 120,000 keys, a 1 GiB image)
 * and those that are not files (FIFOs, devices, directories) are made here at run time.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define BAD_PATH_MAX 1024
#define BAD_LINE_MAX 2048
#define BAD_MAX_ENTRIES 256
/* At least this many inputs: the defects' files and more than 60 others. */
#define BAD_MIN_ENTRIES 120
/*
 * CPU time an input may cost, and the wall-clock time after which it is a hang. Under
 * AddressSanitizer (the build-asan suite, where ffa-sim is instrumented too) its allocator makes
 * each of libyaml's many small allocations several times dearer: three seconds there.
 */
#ifdef __SANITIZE_ADDRESS__
#define BAD_CPU_LIMIT_MS 3000
#else
#define BAD_CPU_LIMIT_MS 1000
#endif
#define BAD_WALL_LIMIT_S 20

/* How ffa-sim ended on one input. */
struct bad_result {
	int status;
	long cpu_ms;              /* user + system time of the child */
	char first[BAD_LINE_MAX]; /* the first line of its stderr, without the newline */
};

static const char *bad_env(const char *name)
{
	const char *v = getenv(name);

	cr_assert_not_null(v, "%s is not set (run the tests with meson test)", name);
	return v;
}

/* tests/bad-inputs in the source tree. */
static const char *bad_dir(void)
{
	static char dir[BAD_PATH_MAX / 2];

	snprintf(dir, sizeof(dir), "%s/tests/bad-inputs", bad_env("FFA_SIM_SOURCE_ROOT"));
	return dir;
}

/* Runs ffa-sim with argv (argv[0] is replaced by the binary), stdin /dev/null, stdout dropped. */
static void bad_run(const char **argv, struct bad_result *r)
{
	char err_tmpl[] = "/tmp/ffa-sim-bad-XXXXXX";
	int err_fd = mkstemp(err_tmpl);
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	time_t start = time(NULL);
	pid_t pid, done;
	int ws = 0;
	ssize_t n;

	memset(r, 0, sizeof(*r));
	cr_assert_geq(err_fd, 0);
	argv[0] = bad_env("FFA_SIM_BIN");
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
	cr_assert_eq(posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	/* A hang is a finding too: stop it rather than waiting for the suite's timeout. */
	while ((done = wait4(pid, &ws, WNOHANG, &ru)) == 0) {
		if (time(NULL) - start > BAD_WALL_LIMIT_S) {
			kill(pid, SIGKILL);
			done = wait4(pid, &ws, 0, &ru);
			break;
		}
		usleep(2000);
	}
	cr_assert_eq(done, pid);
	r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	r->cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
		    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
	lseek(err_fd, 0, SEEK_SET);
	n = read(err_fd, r->first, sizeof(r->first) - 1);
	r->first[n > 0 ? n : 0] = '\0';
	r->first[strcspn(r->first, "\n")] = '\0';
	close(err_fd);
	unlink(err_tmpl);
}

/* Replaces every {dir} in text by dir, into out. */
static void bad_expand(const char *text, const char *dir, char *out, size_t size)
{
	size_t o = 0;

	while (*text != '\0' && o + 1 < size) {
		if (strncmp(text, "{dir}", 5) == 0) {
			o += (size_t)snprintf(out + o, size - o, "%s", dir);
			text += 5;
		} else {
			out[o++] = *text++;
		}
	}
	out[o < size ? o : size - 1] = '\0';
}

/* Checks one run: the status, the exact first line of stderr, the CPU time. */
static void bad_expect(const char *what, const struct bad_result *r, int status, const char *msg)
{
	cr_expect_eq(r->status, status, "%s: status %d, expected %d (%s)", what, r->status, status,
		     r->first);
	cr_expect_str_eq(r->first, msg, "%s: stderr\n  %s\nexpected\n  %s", what, r->first, msg);
	cr_expect_lt(r->cpu_ms, BAD_CPU_LIMIT_MS, "%s: took %ld ms of CPU time", what, r->cpu_ms);
}

/* One line of expected.txt. */
struct bad_entry {
	char file[256];
	char how[16];
	int status;
	char msg[BAD_LINE_MAX];
};

/* Splits "FILE | HOW | STATUS | MESSAGE". */
static bool bad_parse(char *line, struct bad_entry *e)
{
	char *f[4];
	char *p = line;

	for (int i = 0; i < 3; i++) {
		char *bar = strstr(p, " | ");

		if (bar == NULL)
			return false;
		*bar = '\0';
		f[i] = p;
		p = bar + 3;
	}
	f[3] = p;
	f[3][strcspn(f[3], "\n")] = '\0';
	snprintf(e->file, sizeof(e->file), "%s", f[0]);
	snprintf(e->how, sizeof(e->how), "%s", f[1]);
	e->status = atoi(f[2]);
	snprintf(e->msg, sizeof(e->msg), "%s", f[3]);
	return true;
}

/* Runs one entry as its HOW says. */
static void bad_run_entry(const struct bad_entry *e, struct bad_result *r)
{
	char path[BAD_PATH_MAX], hello[BAD_PATH_MAX];
	const char *argv[8] = {NULL};

	snprintf(path, sizeof(path), "%s/%s", bad_dir(), e->file);
	snprintf(hello, sizeof(hello), "%s/hello.elf", bad_env("FFA_SIM_GUESTS"));
	if (strcmp(e->how, "check") == 0) {
		argv[1] = "check";
		argv[2] = path;
	} else if (strcmp(e->how, "run") == 0) {
		argv[1] = "run";
		argv[2] = path;
	} else if (strcmp(e->how, "run-raw") == 0) {
		argv[1] = "run";
		argv[2] = "--load-addr";
		argv[3] = "0x40200000";
		argv[4] = path;
	} else if (strcmp(e->how, "run-hello") == 0) {
		argv[1] = "run";
		argv[2] = path;
		argv[3] = hello;
	} else if (strcmp(e->how, "replay") == 0) {
		argv[1] = "replay";
		argv[2] = path;
	} else if (strcmp(e->how, "import") == 0) {
		argv[1] = "import-manifest";
		argv[2] = path;
	} else {
		cr_assert_fail("%s: unknown HOW \"%s\"", e->file, e->how);
	}
	bad_run(argv, r);
}

/* The entries of expected.txt; returns how many. */
static unsigned bad_entries(struct bad_entry *entries)
{
	char path[BAD_PATH_MAX], line[BAD_LINE_MAX];
	unsigned count = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/expected.txt", bad_dir());
	f = fopen(path, "r");
	cr_assert_not_null(f, "cannot open %s", path);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		cr_assert_lt(count, BAD_MAX_ENTRIES);
		cr_assert(bad_parse(line, &entries[count]), "expected.txt: bad line: %s", line);
		count++;
	}
	fclose(f);
	return count;
}

/* Every listed input ends as listed, within its CPU budget. */
Test(bad_inputs, listed)
{
	static struct bad_entry entries[BAD_MAX_ENTRIES];
	unsigned count = bad_entries(entries);
	char want[BAD_LINE_MAX + BAD_PATH_MAX];

	cr_assert_geq(count, BAD_MIN_ENTRIES, "only %u inputs", count);
	for (unsigned i = 0; i < count; i++) {
		struct bad_result r;

		bad_run_entry(&entries[i], &r);
		bad_expand(entries[i].msg, bad_dir(), want, sizeof(want));
		bad_expect(entries[i].file, &r, entries[i].status, want);
	}
}

/* Every file of the folder is listed, and every listed file exists. */
Test(bad_inputs, all_listed)
{
	static struct bad_entry entries[BAD_MAX_ENTRIES];
	unsigned count = bad_entries(entries), files = 0;
	struct dirent *d;
	DIR *dir = opendir(bad_dir());

	cr_assert_not_null(dir);
	while ((d = readdir(dir)) != NULL) {
		bool found = false;

		if (d->d_name[0] == '.' || strcmp(d->d_name, "expected.txt") == 0)
			continue;
		files++;
		for (unsigned i = 0; i < count && !found; i++)
			found = strcmp(entries[i].file, d->d_name) == 0;
		cr_expect(found, "%s is not in expected.txt", d->d_name);
	}
	closedir(dir);
	cr_expect_eq(files, count, "%u files, %u listed", files, count);
}

/* A scratch file under /tmp; its path goes to buf. */
static FILE *bad_temp(char *buf, const char *suffix)
{
	int fd;

	snprintf(buf, BAD_PATH_MAX, "/tmp/ffa-sim-bad-XXXXXX%s", suffix);
	fd = mkstemps(buf, (int)strlen(suffix));
	cr_assert_geq(fd, 0);
	return fdopen(fd, "w");
}

/* Runs `ffa-sim check` on the generated file path: status 2 and "ffa-sim: PATH:" + msg. */
static void bad_check_generated(const char *what, const char *path, const char *msg)
{
	const char *argv[] = {NULL, "check", path, NULL};
	char want[BAD_LINE_MAX];
	struct bad_result r;

	bad_run(argv, &r);
	snprintf(want, sizeof(want), "ffa-sim: %s:%s", path, msg);
	bad_expect(what, &r, 2, want);
	unlink(path);
}

/* A system file nested 100,000 levels deep (200 KB): refused at the 65th level at once
 * (libyaml alone took about a minute to build it). */
Test(bad_inputs, deep_nesting)
{
	char path[BAD_PATH_MAX];
	FILE *f = bad_temp(path, ".yaml");

	fputs("platform: virt\nspmc: ", f);
	for (int i = 0; i < 100000; i++)
		fputc('[', f);
	for (int i = 0; i < 100000; i++)
		fputc(']', f);
	fputc('\n', f);
	fclose(f);
	bad_check_generated("100,000 levels", path, "2:70: nested more than 64 levels deep");
}

/* A manifest of 120,000 keys (1.3 MB), the last repeating one: the duplicate is found at once
 * (the pairwise check ran past 60 s). */
Test(bad_inputs, many_keys)
{
	char path[BAD_PATH_MAX];
	FILE *f = bad_temp(path, ".yaml");

	fputs("name: sp\n", f);
	for (int i = 0; i < 120000; i++)
		fprintf(f, "k%d: %d\n", i, i);
	fputs("k99999: again\n", f);
	fclose(f);
	bad_check_generated("120,000 keys", path,
			    "120002:1: duplicate key \"k99999\" (first at line 100001, column 1)");
}

/* A --set value that is a "billion laughs" alias bomb (about 450 bytes) is refused at once:
 * expanded, it never finished. */
Test(bad_inputs, set_alias_bomb)
{
	char set[1024], system[BAD_PATH_MAX], want[2048];
	const char *argv[] = {NULL, "run", "--set", set, system, NULL};
	struct bad_result r;
	size_t o;

	o = (size_t)snprintf(set, sizeof(set), "spmc.version=[&a [x,x,x,x,x,x,x,x,x]");
	for (char c = 'b'; c <= 'k'; c++) {
		o += (size_t)snprintf(set + o, sizeof(set) - o, ", &%c [", c);
		for (int i = 0; i < 9; i++)
			o += (size_t)snprintf(set + o, sizeof(set) - o, "%s*%c", i ? "," : "",
					      c - 1);
		o += (size_t)snprintf(set + o, sizeof(set) - o, "]");
	}
	snprintf(set + o, sizeof(set) - o, "]");
	snprintf(system, sizeof(system), "%s/systems/default.yaml", bad_env("FFA_SIM_SOURCE_ROOT"));
	bad_run(argv, &r);
	snprintf(want, sizeof(want),
		 "ffa-sim: --set %s: the value uses a YAML alias (*NAME); aliases are not allowed "
		 "in values",
		 set);
	bad_expect("--set alias bomb", &r, 2, want);
}

/* Devices, FIFOs and directories are refused before anything is read: --guest /dev/zero read
 * a whole GiB first, and a FIFO blocked forever. */
Test(bad_inputs, not_regular_files)
{
	const char *argv[] = {NULL, "run", NULL, NULL};
	char fifo[BAD_PATH_MAX], want[BAD_LINE_MAX];
	struct bad_result r;

	argv[2] = "/dev/zero";
	bad_run(argv, &r);
	bad_expect("run /dev/zero", &r, 2,
		   "ffa-sim: /dev/zero: is a device; expected a regular file");
	snprintf(fifo, sizeof(fifo), "/tmp/ffa-sim-bad-fifo-%d", (int)getpid());
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	argv[2] = fifo;
	bad_run(argv, &r);
	snprintf(want, sizeof(want), "ffa-sim: %s: is a FIFO; expected a regular file", fifo);
	bad_expect("run FIFO", &r, 2, want);
	argv[1] = "replay";
	bad_run(argv, &r);
	bad_expect("replay FIFO", &r, 2, want);
	argv[1] = "import-manifest";
	bad_run(argv, &r);
	bad_expect("import-manifest FIFO", &r, 2, want);
	unlink(fifo);
	argv[1] = "check";
	argv[2] = bad_dir();
	bad_run(argv, &r);
	snprintf(want, sizeof(want), "ffa-sim: %s: is a directory; expected a regular file",
		 bad_dir());
	bad_expect("check DIRECTORY", &r, 2, want);
}

/* A raw image one page larger than the 1 GiB limit is refused from its size, without reading
 * it; one of exactly 1 GiB was refused as "larger than 1 GiB" (see test_common's limit test). */
Test(bad_inputs, image_over_1gib)
{
	const char *argv[] = {NULL, "run", "--load-addr", "0x40000000", NULL, NULL};
	char path[BAD_PATH_MAX], want[BAD_LINE_MAX];
	struct bad_result r;
	FILE *f = bad_temp(path, ".bin");

	fclose(f);
	cr_assert_eq(truncate(path, (1 << 30) + 4096), 0); /* sparse: no disk used */
	argv[4] = path;
	bad_run(argv, &r);
	snprintf(want, sizeof(want), "ffa-sim: %s: file is larger than 1 GiB (1073745920 bytes)",
		 path);
	bad_expect("1 GiB + 4 KiB image", &r, 2, want);
	unlink(path);
}
