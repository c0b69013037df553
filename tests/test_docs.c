/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Every example command in README.md and the Markdown files of docs/ that starts with
 * `build/tools/ffa-sim` runs and succeeds, from a folder where build/ is the build being tested and
 * platforms/, systems/, scenarios/ and tests/ the source's: the documents cannot drift from the
 * tool.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

#define EXAMPLE_PREFIX "build/tools/ffa-sim"

/* Runs the examples of one Markdown file; returns how many ran. */
static unsigned run_examples(const char *doc, const char *workdir)
{
	FILE *f = fopen(doc, "r");
	char line[2048], cmd[4096];
	unsigned count = 0, lineno = 0;
	bool in_code = false;

	cr_assert_not_null(f, "cannot open %s", doc);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *hash;
		int st;

		lineno++;
		if (strncmp(line, "```", 3) == 0) {
			in_code = !in_code;
			continue;
		}
		if (!in_code || strncmp(line, EXAMPLE_PREFIX, strlen(EXAMPLE_PREFIX)) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		/* Drop a trailing "# comment" (none of the examples quote a '#'). */
		hash = strstr(line, "  #");
		if (hash != NULL)
			*hash = '\0';
		snprintf(cmd, sizeof(cmd), "cd '%s' && %s </dev/null >/dev/null 2>&1", workdir,
			 line);
		st = system(cmd);
		cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s:%u: `%s` exited %d", doc,
			  lineno, line, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		count++;
	}
	fclose(f);
	return count;
}

/* README.md and docs/ examples all exit 0. */
Test(docs, examples_run)
{
	char bin[1024], workdir[] = "/tmp/ffa-sim-docs-XXXXXX", path[2048];
	const char *build;
	unsigned total = 0;
	DIR *d;
	struct dirent *e;

	snprintf(bin, sizeof(bin), "%s", getenv("FFA_SIM_BIN"));
	build = dirname(dirname(bin));
	cr_assert_not_null(mkdtemp(workdir));
	snprintf(path, sizeof(path), "%s/build", workdir);
	cr_assert_eq(symlink(build, path), 0);
	snprintf(path, sizeof(path), "%s/platforms", workdir);
	cr_assert_eq(symlink(source_path("platforms"), path), 0);
	snprintf(path, sizeof(path), "%s/systems", workdir);
	cr_assert_eq(symlink(source_path("systems"), path), 0);
	snprintf(path, sizeof(path), "%s/tests", workdir);
	cr_assert_eq(symlink(source_path("tests"), path), 0);
	snprintf(path, sizeof(path), "%s/scenarios", workdir);
	cr_assert_eq(symlink(source_path("scenarios"), path), 0);

	total += run_examples(source_path("README.md"), workdir);
	d = opendir(source_path("docs"));
	cr_assert_not_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0) {
			snprintf(path, sizeof(path), "docs/%s", e->d_name);
			total += run_examples(source_path(path), workdir);
		}
	}
	closedir(d);
	cr_assert_geq(total, 8, "only %u examples found", total);
	snprintf(path, sizeof(path), "rm -rf '%s'", workdir);
	cr_assert_eq(system(path), 0);
}
