/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The CI recipes of docs/ci.md, run as the pipelines run them: every shard of the shipped
 * corpora with tools/ci-shard, the JUnit files merged with tools/junit-merge, and the totals
 * equal to one unsharded replay; a matrix combination as a labelled share with --set.
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "helpers.h"

/* Runs a shell command in the source tree with FFA_SIM set; returns its exit status. */
static int sh(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int sh(char *out, size_t size, const char *fmt, ...)
{
	char cmd[4096], full[8192];
	va_list ap;
	FILE *p;
	size_t n = 0;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "cd '%s' && export FFA_SIM='%s' && %s 2>&1",
		 getenv("FFA_SIM_SOURCE_ROOT"), getenv("FFA_SIM_BIN"), cmd);
	p = popen(full, "r");
	cr_assert_not_null(p);
	if (out != NULL && size > 0) {
		n = fread(out, 1, size - 1, p);
		out[n] = '\0';
	}
	while (fgetc(p) != EOF)
		;
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The number after key in text ("169 test(s)" for key " test(s)"), or -1. */
static long number_before(const char *text, const char *key)
{
	const char *k = strstr(text, key);

	if (k == NULL)
		return -1;
	while (k > text && k[-1] >= '0' && k[-1] <= '9')
		k--;
	return strtol(k, NULL, 10);
}

/* Three shards, merged, cover the corpus once: the merged total is the unsharded one. */
Test(ci, shards_merge_to_the_whole)
{
	char dir[] = "/tmp/ffa-sim-ci-XXXXXX", out[8192];
	long whole, merged;

	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(sh(out, sizeof(out),
			"\"$FFA_SIM\" replay --corpus regressions --corpus "
			"conformance --corpus examples | tail -n 1"),
		     0, "%s", out);
	whole = number_before(out, " step(s)");
	cr_assert_gt(whole, 100, "%s", out);
	for (int k = 1; k <= 3; k++)
		cr_assert_eq(sh(out, sizeof(out), "tools/ci-shard %d 3 %s >/dev/null", k, dir), 0,
			     "shard %d: %s", k, out);
	cr_assert_eq(
		sh(out, sizeof(out), "tools/junit-merge %s/merged.xml %s/shard-*.xml", dir, dir), 0,
		"%s", out);
	merged = number_before(out, " test(s)");
	cr_assert_eq(merged, whole, "merged %ld, whole %ld: %s", merged, whole, out);
	cr_assert_not_null(strstr(out, "3 file(s)"), "%s", out);
	sh(NULL, 0, "rm -rf %s", dir);
}

/* A matrix combination: a labelled share under --set; a failure shows in the merge status. */
Test(ci, matrix_share_and_failure)
{
	char dir[] = "/tmp/ffa-sim-ci-XXXXXX", out[8192];

	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(sh(out, sizeof(out),
			"tools/ci-shard 1 1 %s --label any-call --set "
			"spmc.behaviours.version-lock=any-call -- "
			"tests/data/scenarios/pass.yaml >/dev/null",
			dir),
		     0, "%s", out);
	cr_assert_eq(sh(out, sizeof(out), "test -f %s/shard-1-of-1-any-call.xml", dir), 0);
	cr_assert_eq(sh(out, sizeof(out),
			"tools/ci-shard 1 1 %s --label bad -- "
			"tests/data/scenarios/fail.yaml >/dev/null",
			dir),
		     1, "%s", out);
	cr_assert_eq(
		sh(out, sizeof(out), "tools/junit-merge %s/merged.xml %s/shard-*.xml", dir, dir), 1,
		"a failed step fails the merge: %s", out);
	cr_assert_eq(sh(out, sizeof(out), "tools/junit-merge %s/m.xml README.md", dir), 2, "%s",
		     out);
	sh(NULL, 0, "rm -rf %s", dir);
}
