/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The shipped scenario corpus: every .yaml of scenarios/regressions/ (the real FF-A bugs, each
 * with its buggy and its fixed behaviour) and scenarios/conformance/ (the expectations of the
 * public conformance tests) replays without a failing step. The number of files is fixed here
 * so that a file that disappears is noticed.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "scenarios/scenario.h"

/* Files each folder holds: change these with the corpus. */
#define CORPUS_REGRESSION_FILES 22
#define CORPUS_CONFORMANCE_FILES 26

#define CORPUS_MAX_FILES 64

/* The .yaml files of one folder of the source tree, sorted by name. */
struct corpus_list {
	char *paths[CORPUS_MAX_FILES];
	const char *files[CORPUS_MAX_FILES];
	unsigned count;
};

static int corpus_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void corpus_list_dir(const char *rel, struct corpus_list *l)
{
	char dir[1024];
	struct dirent *e;
	DIR *d;

	memset(l, 0, sizeof(*l));
	snprintf(dir, sizeof(dir), "%s", source_path(rel));
	d = opendir(dir);
	cr_assert_not_null(d, "cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0 || e->d_name[0] == '.')
			continue;
		cr_assert_lt(l->count, CORPUS_MAX_FILES, "more than %d files in %s",
			     CORPUS_MAX_FILES, dir);
		l->paths[l->count] = malloc(strlen(dir) + n + 2);
		cr_assert_not_null(l->paths[l->count]);
		sprintf(l->paths[l->count], "%s/%s", dir, e->d_name);
		l->count++;
	}
	closedir(d);
	/* readdir's order is the file system's: sort, so the TAP is the same everywhere. */
	qsort(l->paths, l->count, sizeof(l->paths[0]), corpus_cmp);
	for (unsigned i = 0; i < l->count; i++)
		l->files[i] = l->paths[i];
}

static void corpus_list_free(struct corpus_list *l)
{
	for (unsigned i = 0; i < l->count; i++)
		free(l->paths[i]);
	memset(l, 0, sizeof(*l));
}

/* Every file starts with the SPDX line and a comment that says what it reproduces. */
static void corpus_check_header(const char *path)
{
	char line[256];
	FILE *f = fopen(path, "r");

	cr_assert_not_null(f, "cannot open %s", path);
	cr_assert_not_null(fgets(line, sizeof(line), f), "%s is empty", path);
	cr_expect_str_eq(line, "# SPDX-License-Identifier: BSD-3-Clause\n",
			 "%s: the first line is not the SPDX line", path);
	cr_assert_not_null(fgets(line, sizeof(line), f), "%s has no header comment", path);
	cr_expect(line[0] == '#', "%s: no header comment after the SPDX line", path);
	fclose(f);
}

/* Replays the folder's files in one run; on failure the TAP and the input errors are shown. */
static void corpus_replay(const char *rel, unsigned expect_files)
{
	struct scn_replay_options o = {0};
	struct corpus_list l;
	char *tap = NULL, *errors = NULL;
	size_t tap_size = 0, errors_size = 0;
	FILE *out, *err;
	int status;

	corpus_list_dir(rel, &l);
	cr_expect_eq(l.count, expect_files, "%s holds %u scenario files, expected %u", rel, l.count,
		     expect_files);
	for (unsigned i = 0; i < l.count; i++)
		corpus_check_header(l.files[i]);

	out = open_memstream(&tap, &tap_size);
	err = open_memstream(&errors, &errors_size);
	cr_assert_not_null(out);
	cr_assert_not_null(err);
	o.errors = err;
	status = scn_replay(l.files, l.count, &o, out);
	fclose(out);
	fclose(err);
	cr_expect_eq(status, SCN_STATUS_PASS, "replay of %s: status %d\n%s%s", rel, status, tap,
		     errors);
	cr_expect_null(strstr(tap, "\nnot ok "), "a step of %s failed:\n%s", rel, tap);
	free(tap);
	free(errors);
	corpus_list_free(&l);
}

Test(corpus, regressions)
{
	corpus_replay("scenarios/regressions", CORPUS_REGRESSION_FILES);
}

Test(corpus, conformance)
{
	corpus_replay("scenarios/conformance", CORPUS_CONFORMANCE_FILES);
}
