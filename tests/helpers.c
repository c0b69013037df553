/* SPDX-License-Identifier: BSD-3-Clause */
#include "helpers.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scenarios/scenario.h"

#define PATH_SLOTS 8

extern char **environ;

static const char *env_or_fail(const char *name)
{
	const char *v = getenv(name);

	cr_assert_not_null(v, "%s is not set (run the tests with meson test)", name);
	return v;
}

const char *guest_path(const char *file)
{
	static char paths[PATH_SLOTS][1024];
	static unsigned slot;
	char *p = paths[slot++ % PATH_SLOTS];

	snprintf(p, 1024, "%s/%s", env_or_fail("FFA_SIM_GUESTS"), file);
	return p;
}

const char *source_path(const char *rel)
{
	static char paths[PATH_SLOTS][1024];
	static unsigned slot;
	char *p = paths[slot++ % PATH_SLOTS];

	snprintf(p, 1024, "%s/%s", env_or_fail("FFA_SIM_SOURCE_ROOT"), rel);
	return p;
}

void config_spmc(struct sim_config *cfg, const char *text, struct spmc_config *spmc)
{
	struct diag err = {0};

	cr_assert(sim_parse_spmc(text, spmc, &cfg->no_spmc, &err), "%s: %s", text, err.msg);
	cfg->spmc = cfg->no_spmc ? NULL : spmc;
}

void run_guest(const char *file, const struct sim_config *cfg, struct run_result *r)
{
	struct sim_config c = cfg != NULL ? *cfg : (struct sim_config){0};
	struct sim *sim = calloc(1, sizeof(*sim));
	struct diag err;
	FILE *con, *notes;

	memset(r, 0, sizeof(*r));
	cr_assert_not_null(sim);
	con = open_memstream(&r->console, &r->console_len);
	notes = open_memstream(&r->notes, &r->notes_len);
	cr_assert(con != NULL && notes != NULL);
	if (file != NULL)
		c.guest_path = guest_path(file);
	c.console_out = con;
	c.notes = notes;
	if (!sim_open(sim, &c, &err)) {
		char buf[1200];

		fprintf(notes, "ffa-sim: %s\n", diag_format(&err, buf, sizeof(buf)));
		r->status = EMU_STATUS_USAGE;
	} else {
		r->status = sim_run(sim);
		r->insns = emu_cpu_insns(&sim->host);
		r->calls = sim->host.call_count;
		r->stop = sim->host.stop;
	}
	sim_close(sim);
	free(sim);
	fclose(con);
	fclose(notes);
}

static char *read_all(int fd, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	ssize_t got;

	while ((got = read(fd, buf + n, cap - n - 1)) > 0) {
		n += (size_t)got;
		if (cap - n < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Runs the ffa-sim binary, under wrapper (a program and its options, NULL-terminated) if any. */
static void run_cli_v(struct run_result *r, const char *const *wrapper, const char *arg, va_list ap)
{
	const char *argv[80];
	char out_tmpl[] = "/tmp/ffa-sim-test-out-XXXXXX",
	     err_tmpl[] = "/tmp/ffa-sim-test-err-XXXXXX";
	int out_fd = mkstemp(out_tmpl), err_fd = mkstemp(err_tmpl);
	posix_spawn_file_actions_t fa;
	unsigned argc = 0;
	pid_t pid;
	int ws;

	memset(r, 0, sizeof(*r));
	cr_assert(out_fd >= 0 && err_fd >= 0);
	for (const char *const *w = wrapper; w != NULL && *w != NULL && argc < 16; w++)
		argv[argc++] = *w;
	argv[argc++] = env_or_fail("FFA_SIM_BIN");
	for (const char *a = arg; a != NULL && argc < 79; a = va_arg(ap, const char *))
		argv[argc++] = a;
	argv[argc] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
	cr_assert_eq(posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	cr_assert_eq(waitpid(pid, &ws, 0), pid);
	r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	lseek(out_fd, 0, SEEK_SET);
	lseek(err_fd, 0, SEEK_SET);
	r->console = read_all(out_fd, &r->console_len);
	r->notes = read_all(err_fd, &r->notes_len);
	close(out_fd);
	close(err_fd);
	unlink(out_tmpl);
	unlink(err_tmpl);
}

void run_cli(struct run_result *r, const char *arg, ...)
{
	va_list ap;

	va_start(ap, arg);
	run_cli_v(r, NULL, arg, ap);
	va_end(ap);
}

void run_cli_under(struct run_result *r, const char *const *wrapper, const char *arg, ...)
{
	va_list ap;

	va_start(ap, arg);
	run_cli_v(r, wrapper, arg, ap);
	va_end(ap);
}

void run_result_free(struct run_result *r)
{
	free(r->console);
	free(r->notes);
	r->console = r->notes = NULL;
}

const char *write_temp(const void *data, size_t size)
{
	static char paths[PATH_SLOTS][64];
	static unsigned slot;
	char *p = paths[slot++ % PATH_SLOTS];
	int fd;

	snprintf(p, 64, "/tmp/ffa-sim-test-XXXXXX");
	fd = mkstemp(p);
	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, data, size), (ssize_t)size);
	close(fd);
	return p;
}

char *read_whole_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long size;

	cr_assert_not_null(f, "%s", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)size + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
	buf[size] = '\0';
	fclose(f);
	return buf;
}

void expect_scenario_errors(const struct scenario_error_case *cases, size_t count)
{
	char path[DIAG_FILE_MAX];

	snprintf(path, sizeof(path), "%s", source_path("tests/data/scenarios/inline.yaml"));
	for (size_t i = 0; i < count; i++) {
		struct scn_scenario scn;
		struct diag d = {0};
		char buf[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
		const char *msg;

		cr_assert_not(
			scn_load_buffer(path, cases[i].text, strlen(cases[i].text), NULL, &scn, &d),
			"case %zu loaded", i);
		msg = diag_format(&d, buf, sizeof(buf));
		cr_assert_not_null(strstr(msg, "inline.yaml:"), "case %zu: %s", i, msg);
		cr_assert_not_null(strstr(msg, cases[i].msg), "case %zu: %s\nexpected: %s", i, msg,
				   cases[i].msg);
	}
}

void expect_all_in(const char *text, const char *const *wants, size_t count)
{
	for (size_t i = 0; i < count; i++)
		cr_assert_not_null(strstr(text, wants[i]), "missing: %s\nin:\n%s", wants[i], text);
}
