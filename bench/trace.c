/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The tracing rows of the benchmark: ffa-sim-bench-calls (the core as it is) and
 * ffa-sim-bench-calls-bare (the observers' call sites compiled out) run the same call guest,
 * alternating, each in a process of its own; then the first with the FF-A trace recorded and
 * written to /dev/null. Each child times its own sim_run on its thread's CPU clock.
 */
#include "bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* One child's line: CPU seconds, wall seconds, calls answered, the guest's exit status. */
struct trace_child {
	double cpu;
	double wall;
	unsigned long long calls;
	int status;
};

/* Runs argv (argv[0] a path) and parses its one line of figures. False with *err on failure. */
static bool trace_spawn(char *const argv[], struct trace_child *c, struct diag *err)
{
	int fds[2], wstatus = 0;
	char line[256];
	ssize_t got, len = 0;
	pid_t pid;

	if (pipe(fds) != 0) {
		diag_set(err, NULL, 0, 0, "pipe: %s", strerror(errno));
		return false;
	}
	pid = fork();
	if (pid < 0) {
		diag_set(err, NULL, 0, 0, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return false;
	}
	if (pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(127);
		close(fds[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	while (len < (ssize_t)sizeof(line) - 1 &&
	       (got = read(fds[0], line + len, sizeof(line) - 1 - (size_t)len)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			break;
		len += got;
	}
	line[len] = '\0';
	close(fds[0]);
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 ||
	    sscanf(line, "%lf %lf %llu %d", &c->cpu, &c->wall, &c->calls, &c->status) != 4) {
		diag_set(err, argv[0], 0, 0, "the run failed (exit status %d)",
			 WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
		return false;
	}
	if (c->status != 0) {
		diag_set(err, argv[1], 0, 0, "the guest exited %d", c->status);
		return false;
	}
	return true;
}

static int trace_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of v[0..n) (v is sorted in place). */
static double trace_median(double *v, unsigned n)
{
	qsort(v, n, sizeof(*v), trace_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The median absolute deviation of v[0..n) from m, relative to m. */
static double trace_mad(const double *v, unsigned n, double m)
{
	double dev[BENCH_TRACE_MAX_REPS];

	for (unsigned i = 0; i < n; i++)
		dev[i] = v[i] > m ? v[i] - m : m - v[i];
	return m > 0 ? trace_median(dev, n) / m : 0;
}

bool bench_trace_rows(const struct bench_trace_args *a, struct bench_trace *t, struct diag *err)
{
	char n_off[32], n_on[32];
	char *with[] = {(char *)a->calls, (char *)a->guest, n_off, NULL};
	char *bare[] = {(char *)a->calls_bare, (char *)a->guest, n_off, NULL};
	char *traced[] = {(char *)a->calls, (char *)a->guest, n_on, "--trace-ffa", NULL};
	double v[3][BENCH_TRACE_MAX_REPS];
	struct trace_child c;
	unsigned reps = a->reps > BENCH_TRACE_MAX_REPS ? BENCH_TRACE_MAX_REPS : a->reps;

	memset(t, 0, sizeof(*t));
	snprintf(n_off, sizeof(n_off), "%llu", (unsigned long long)a->calls_off);
	snprintf(n_on, sizeof(n_on), "%llu", (unsigned long long)a->calls_on);
	for (unsigned r = 0; r < reps; r++) {
		/* Alternate which build goes first, so that neither always follows the other. */
		for (unsigned k = 0; k < 2; k++) {
			bool is_bare = (k + r) % 2 != 0;

			if (!trace_spawn(is_bare ? bare : with, &c, err))
				return false;
			if (c.calls != a->calls_off + a->extra_calls) {
				diag_set(err, a->guest, 0, 0, "%llu calls answered, %llu expected",
					 c.calls,
					 (unsigned long long)(a->calls_off + a->extra_calls));
				return false;
			}
			v[is_bare][r] = c.cpu * 1e9 / (double)a->calls_off;
		}
		if (!trace_spawn(traced, &c, err))
			return false;
		v[2][r] = c.cpu * 1e9 / (double)a->calls_on;
	}
	t->reps = reps;
	t->off_ns = trace_median(v[0], reps);
	t->bare_ns = trace_median(v[1], reps);
	t->on_ns = trace_median(v[2], reps);
	t->noise = trace_mad(v[0], reps, t->off_ns);
	if (trace_mad(v[1], reps, t->bare_ns) > t->noise)
		t->noise = trace_mad(v[1], reps, t->bare_ns);
	return true;
}
