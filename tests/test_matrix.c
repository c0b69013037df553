/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Scenario matrices: --vary parsing and its errors, a 3x2 matrix of a version negotiation in
 * text, Markdown and CSV, a combination whose system does not load, CSV and Markdown escaping,
 * usage errors, and docs/compatibility-matrix.md, whose tables must be what the matrix prints.
 * The tests run from the source folder so that file names in the output are relative.
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "scenarios/matrix.h"

#define VERSION_FILE "tests/data/scenarios/matrix-version.yaml"
#define DOC_FILE "docs/compatibility-matrix.md"

static void in_source_root(void)
{
	cr_assert_eq(chdir(source_path(".")), 0, "cannot enter the source folder");
}

/* Options from --vary specs (NULL-terminated); every spec must parse. */
static void options(struct scn_matrix_options *o, enum scn_matrix_format format, ...)
{
	va_list ap;
	const char *spec;
	struct diag d = {0};

	memset(o, 0, sizeof(*o));
	o->format = format;
	va_start(ap, format);
	while ((spec = va_arg(ap, const char *)) != NULL)
		cr_assert(scn_matrix_vary_parse(spec, o, &d), "%s: %s", spec, d.msg);
	va_end(ap);
}

/* Runs the matrix of file; returns the status and the output in *text (malloc'd). */
static int run(const char *file, const struct scn_matrix_options *o, char **text, struct diag *d)
{
	size_t size = 0;
	FILE *out = open_memstream(text, &size);
	int status;

	cr_assert_not_null(out);
	status = scn_matrix_run(file, o, out, d);
	fclose(out);
	return status;
}

/* The matrix of file is exactly expect. */
static void expect_output(const char *file, const struct scn_matrix_options *o, const char *expect)
{
	struct diag d = {0};
	char *text = NULL;
	int status = run(file, o, &text, &d);

	cr_assert_eq(status, SCN_STATUS_PASS, "status %d: %s", status, d.msg);
	cr_expect_str_eq(text, expect, "got:\n%s\nexpected:\n%s", text, expect);
	free(text);
}

/* Each malformed --vary is refused with a message naming it. */
Test(matrix, vary_parse_errors)
{
	static const struct {
		const char *spec, *msg;
	} cases[] = {
		{"spmc.version", "--vary spmc.version: expected KEY=VALUE1,VALUE2,..."},
		{"=1.1,1.2", "--vary =1.1,1.2: the key is empty; expected KEY=VALUE1,..."},
		{"spmc.version=", "--vary spmc.version=: value 1 is empty"},
		{"spmc.version=1.1,,1.2", "--vary spmc.version=1.1,,1.2: value 2 is empty"},
		{"spmc.version=1.1, 1.1",
		 "--vary spmc.version=1.1, 1.1: the value \"1.1\" is given "
		 "twice"},
		{"spmc..version=1.1",
		 "--vary spmc..version=1.1: \"spmc..version\" is not a key path "
		 "(key names joined by '.', list items as [N])"},
		{"x=[1, 2", "--vary x=[1, 2: a bracket or brace does not close"},
		{"x='a,b", "--vary x='a,b: a quote does not close"},
		{"x=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17",
		 "--vary "
		 "x=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17: at most 16 values"},
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct scn_matrix_options o = {0};
		struct diag d = {0};

		cr_expect_not(scn_matrix_vary_parse(cases[i].spec, &o, &d), "%s", cases[i].spec);
		cr_expect_str_eq(d.msg, cases[i].msg);
		cr_expect_eq(o.vary_count, 0);
	}
}

/* A key varied twice, and more keys than the limit, are refused. */
Test(matrix, vary_parse_keys)
{
	struct scn_matrix_options o = {0};
	struct diag d = {0};
	char spec[32];

	cr_assert(scn_matrix_vary_parse("spmc.version=1.1,1.2", &o, &d));
	cr_expect_not(scn_matrix_vary_parse("spmc.version=1.0", &o, &d));
	cr_expect_str_eq(d.msg, "--vary spmc.version=1.0: spmc.version is varied already");
	for (unsigned i = 1; i < SCN_MATRIX_MAX_KEYS; i++) {
		snprintf(spec, sizeof(spec), "k%u=1", i);
		cr_assert(scn_matrix_vary_parse(spec, &o, &d), "%s", d.msg);
	}
	cr_expect_not(scn_matrix_vary_parse("last=1", &o, &d));
	cr_expect_str_eq(d.msg, "--vary last=1: at most 8 --vary options");
	cr_expect_eq(o.vary_count, SCN_MATRIX_MAX_KEYS);
}

/* Values split at top-level commas only: flow lists and quoted commas stay whole, trimmed. */
Test(matrix, vary_parse_values)
{
	struct scn_matrix_options o = {0};
	struct diag d = {0};

	cr_assert(scn_matrix_vary_parse("partitions[0].messaging-method=[direct-req-recv, "
					"direct-req2-recv], [direct-req-recv],{a: 1, b: 2}, "
					"'x, y',\"p\\\", q\"",
					&o, &d),
		  "%s", d.msg);
	cr_assert_eq(o.vary_count, 1);
	cr_expect_str_eq(o.vary[0].key, "partitions[0].messaging-method");
	cr_assert_eq(o.vary[0].value_count, 5);
	cr_expect_str_eq(o.vary[0].values[0], "[direct-req-recv, direct-req2-recv]");
	cr_expect_str_eq(o.vary[0].values[1], "[direct-req-recv]");
	cr_expect_str_eq(o.vary[0].values[2], "{a: 1, b: 2}");
	cr_expect_str_eq(o.vary[0].values[3], "'x, y'");
	cr_expect_str_eq(o.vary[0].values[4], "\"p\\\", q\"");
}

/* --format takes the three names only. */
Test(matrix, format_parse)
{
	enum scn_matrix_format f = SCN_MATRIX_TEXT;
	struct diag d = {0};

	cr_expect(scn_matrix_format_parse("markdown", &f, &d));
	cr_expect_eq(f, SCN_MATRIX_MARKDOWN);
	cr_expect(scn_matrix_format_parse("csv", &f, &d));
	cr_expect_eq(f, SCN_MATRIX_CSV);
	cr_expect(scn_matrix_format_parse("text", &f, &d));
	cr_expect_eq(f, SCN_MATRIX_TEXT);
	cr_expect_not(scn_matrix_format_parse("html", &f, &d));
	cr_expect_str_eq(d.msg, "--format html: expected text, markdown or csv");
}

/* Three personalities by two versions as aligned text, the first --vary varying slowest. */
Test(matrix, text)
{
	struct scn_matrix_options o;

	in_source_root();
	options(&o, SCN_MATRIX_TEXT, "spmc.personality=hafnium,tf-a,optee", "spmc.version=1.1,1.2",
		NULL);
	expect_output(VERSION_FILE, &o,
		      "tests/data/scenarios/matrix-version.yaml: FF-A version negotiation of a "
		      "v1.2 driver\n"
		      "columns: spmc.personality/spmc.version\n"
		      "\n"
		      "line  step                                 hafnium/1.1          hafnium/1.2 "
		      "         "
		      "tf-a/1.1           tf-a/1.2  optee/1.1          optee/1.2\n"
		      "   6  call FFA_VERSION from host (smc)     fail: NOT_SUPPORTED  pass        "
		      "         "
		      "fail: version 1.1  pass      fail: version 1.1  pass\n"
		      "   7  call FFA_ID_GET from host (smc)      pass                 pass        "
		      "         "
		      "pass               pass      pass               pass\n"
		      "   8  call FFA_VERSION from host (smc)     fail: version 1.1    fail: "
		      "NOT_SUPPORTED  "
		      "fail: version 1.1  pass      fail: version 1.1  pass\n"
		      "   9  call FFA_SPM_ID_GET from host (smc)  pass                 pass        "
		      "         "
		      "pass               pass      pass               pass\n"
		      "      passed                               2/4                  3/4         "
		      "         "
		      "2/4                4/4       2/4                4/4\n");
}

/* The same matrix as a Markdown table. */
Test(matrix, markdown)
{
	struct scn_matrix_options o;

	in_source_root();
	options(&o, SCN_MATRIX_MARKDOWN, "spmc.personality=hafnium,tf-a,optee",
		"spmc.version=1.1,1.2", NULL);
	expect_output(
		VERSION_FILE, &o,
		"`tests/data/scenarios/matrix-version.yaml`: FF-A version negotiation of a v1.2 "
		"driver\n"
		"\n"
		"Columns: `spmc.personality/spmc.version`.\n"
		"\n"
		"| line | step | hafnium/1.1 | hafnium/1.2 | tf-a/1.1 | tf-a/1.2 | optee/1.1 | "
		"optee/1.2 |\n"
		"|---:|---|---|---|---|---|---|---|\n"
		"| 6 | call FFA_VERSION from host (smc) | fail: NOT_SUPPORTED | pass | fail: "
		"version "
		"1.1 | pass | fail: version 1.1 | pass |\n"
		"| 7 | call FFA_ID_GET from host (smc) | pass | pass | pass | pass | pass | pass "
		"|\n"
		"| 8 | call FFA_VERSION from host (smc) | fail: version 1.1 | fail: NOT_SUPPORTED "
		"| "
		"fail: version 1.1 | pass | fail: version 1.1 | pass |\n"
		"| 9 | call FFA_SPM_ID_GET from host (smc) | pass | pass | pass | pass | pass | "
		"pass "
		"|\n"
		"|  | passed | 2/4 | 3/4 | 2/4 | 4/4 | 2/4 | 4/4 |\n");
}

/* The same matrix as CSV: a header row, a row per step, the passed row. */
Test(matrix, csv)
{
	struct scn_matrix_options o;

	in_source_root();
	options(&o, SCN_MATRIX_CSV, "spmc.personality=hafnium,tf-a,optee", "spmc.version=1.1,1.2",
		NULL);
	expect_output(VERSION_FILE, &o,
		      "line,step,hafnium/1.1,hafnium/1.2,tf-a/1.1,tf-a/1.2,optee/1.1,optee/1.2\n"
		      "6,call FFA_VERSION from host (smc),fail: NOT_SUPPORTED,pass,fail: version "
		      "1.1,pass,fail: version 1.1,pass\n"
		      "7,call FFA_ID_GET from host (smc),pass,pass,pass,pass,pass,pass\n"
		      "8,call FFA_VERSION from host (smc),fail: version 1.1,fail: "
		      "NOT_SUPPORTED,fail: version 1.1,pass,fail: version 1.1,pass\n"
		      "9,call FFA_SPM_ID_GET from host (smc),pass,pass,pass,pass,pass,pass\n"
		      ",passed,2/4,3/4,2/4,4/4,2/4,4/4\n");
}

/* A combination whose system does not load is an outcome with its reason, not a failure. */
Test(matrix, load_error_is_an_outcome)
{
	struct scn_matrix_options o;
	struct scn_matrix m;
	struct diag d = {0};

	in_source_root();
	options(&o, SCN_MATRIX_TEXT, "spmc.version=1.2,1.7", NULL);
	expect_output(
		VERSION_FILE, &o,
		"tests/data/scenarios/matrix-version.yaml: FF-A version negotiation of a "
		"v1.2 driver\n"
		"columns: spmc.version\n"
		"\n"
		"line  step                                 1.2                  1.7\n"
		"   6  call FFA_VERSION from host (smc)     pass                 error\n"
		"   7  call FFA_ID_GET from host (smc)      pass                 error\n"
		"   8  call FFA_VERSION from host (smc)     fail: NOT_SUPPORTED  error\n"
		"   9  call FFA_SPM_ID_GET from host (smc)  pass                 error\n"
		"      passed                               3/4                  error\n"
		"\n"
		"1.7: error: spmc.version=1.7: spmc.version: FF-A 1.7 is not supported (1.0 to "
		"1.3)\n");
	cr_assert_eq(scn_matrix_collect(VERSION_FILE, &o, &m, &d), SCN_STATUS_PASS);
	cr_assert_eq(m.column_count, 2);
	cr_expect_not(m.columns[0].error);
	cr_expect_eq(m.columns[0].passed, 3);
	cr_expect_str_eq(m.columns[0].sets[0], "spmc.version=1.2");
	cr_expect(m.columns[1].error);
	cr_expect_null(m.columns[1].cells);
	scn_matrix_free(&m);
}

/* CSV quotes fields with commas and quotes, doubling the quotes; Markdown escapes '|'. */
Test(matrix, escaping)
{
	struct scn_matrix_options o;
	const char *err = "error: spmc.version=1.7: spmc.version: FF-A 1.7 is not supported "
			  "(1.0 to 1.3)";
	char expect[2048];
	struct diag d = {0};
	char *text = NULL;

	in_source_root();
	options(&o, SCN_MATRIX_CSV, "description=\"a, b\",plain", "spmc.version=1.2,1.7", NULL);
	snprintf(expect, sizeof(expect),
		 "line,step,\"\"\"a, b\"\"/1.2\",\"\"\"a, b\"\"/1.7\",plain/1.2,plain/1.7\n"
		 "6,call FFA_VERSION from host (smc),pass,%s,pass,%s\n"
		 "7,call FFA_ID_GET from host (smc),pass,%s,pass,%s\n"
		 "8,call FFA_VERSION from host (smc),fail: NOT_SUPPORTED,%s,fail: "
		 "NOT_SUPPORTED,%s\n"
		 "9,call FFA_SPM_ID_GET from host (smc),pass,%s,pass,%s\n"
		 ",passed,3/4,error,3/4,error\n",
		 err, err, err, err, err, err, err, err);
	expect_output(VERSION_FILE, &o, expect);

	options(&o, SCN_MATRIX_MARKDOWN, "description='a|b'", NULL);
	cr_assert_eq(run(VERSION_FILE, &o, &text, &d), SCN_STATUS_PASS, "%s", d.msg);
	cr_expect_not_null(strstr(text, "| line | step | 'a\\|b' |\n"), "%s", text);
	free(text);
}

/* No --vary, too many combinations and a scenario that does not load are usage errors. */
Test(matrix, usage_errors)
{
	struct scn_matrix_options o;
	struct diag d = {0};
	char *text = NULL;

	in_source_root();
	options(&o, SCN_MATRIX_TEXT, NULL);
	cr_expect_eq(run(VERSION_FILE, &o, &text, &d), SCN_STATUS_USAGE);
	cr_expect_str_eq(d.msg, "matrix: at least one --vary KEY=VALUE1,VALUE2,...");
	cr_expect_str_eq(text, "");
	free(text);

	options(&o, SCN_MATRIX_TEXT, "a=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16",
		"b=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16", "c=1,2", NULL);
	cr_expect_eq(run(VERSION_FILE, &o, &text, &d), SCN_STATUS_USAGE);
	cr_expect_str_eq(d.msg, "matrix: too many combinations; at most 256 (vary fewer values)");
	free(text);

	options(&o, SCN_MATRIX_TEXT, "spmc.version=1.1", NULL);
	cr_expect_eq(run("tests/data/scenarios/no-such.yaml", &o, &text, &d), SCN_STATUS_USAGE);
	cr_expect_str_eq(d.file, "tests/data/scenarios/no-such.yaml");
	cr_expect_str_eq(text, "");
	free(text);
}

/*
 * Runs the matrix command line (after "ffa-sim matrix ": FILE, --vary SPEC, --format NAME, no
 * quoting) and returns what it prints (malloc'd).
 */
static char *run_command(const char *line)
{
	struct scn_matrix_options o;
	struct diag d = {0};
	char copy[1024], *save = NULL, *file, *tok, *text = NULL;

	snprintf(copy, sizeof(copy), "%s", line);
	memset(&o, 0, sizeof(o));
	file = strtok_r(copy, " ", &save);
	cr_assert_not_null(file, "no file in `%s`", line);
	while ((tok = strtok_r(NULL, " ", &save)) != NULL) {
		char *arg = strtok_r(NULL, " ", &save);

		cr_assert_not_null(arg, "`%s`: %s needs a value", line, tok);
		if (strcmp(tok, "--vary") == 0)
			cr_assert(scn_matrix_vary_parse(arg, &o, &d), "%s", d.msg);
		else if (strcmp(tok, "--format") == 0)
			cr_assert(scn_matrix_format_parse(arg, &o.format, &d), "%s", d.msg);
		else
			cr_assert_fail("`%s`: unknown option %s", line, tok);
	}
	cr_assert_eq(run(file, &o, &text, &d), SCN_STATUS_PASS, "`%s`: %s", line, d.msg);
	return text;
}

/*
 * In docs/compatibility-matrix.md every `ffa-sim matrix` command in a text block is followed
 * (after the block and a blank line) by what it prints today: the document cannot drift from
 * the simulator. On a difference the new table is written to the build folder to copy.
 */
Test(matrix, compatibility_doc)
{
	static const char fence[] = "```text\nffa-sim matrix ";
	char *doc, fresh[1024];
	size_t size;
	unsigned count = 0;
	FILE *f;

	in_source_root();
	f = fopen(DOC_FILE, "r");
	cr_assert_not_null(f, "cannot open " DOC_FILE);
	doc = calloc(1, 65536);
	cr_assert_not_null(doc);
	size = fread(doc, 1, 65535, f);
	fclose(f);
	cr_assert_lt(size, 65535, DOC_FILE " is too long for this test");
	for (char *at = strstr(doc, fence); at != NULL; at = strstr(at, fence)) {
		char *line = at + strlen(fence), *end = strchr(line, '\n'), *text, *table;

		cr_assert_not_null(end);
		*end = '\0';
		text = run_command(line);
		count++;
		table = end + 1;
		if (strncmp(table, "```\n\n", 5) == 0 &&
		    strncmp(table + 5, text, strlen(text)) == 0) {
			free(text);
			at = table;
			continue;
		}
		snprintf(fresh, sizeof(fresh), "%s/compatibility-matrix-%u.md",
			 getenv("FFA_SIM_BUILD_ROOT"), count);
		f = fopen(fresh, "w");
		if (f != NULL) {
			fputs(text, f);
			fclose(f);
		}
		cr_expect_fail(DOC_FILE
			       ": the table after `ffa-sim matrix %s` is not what it prints "
			       "now (written to %s):\n%s",
			       line, fresh, text);
		free(text);
		at = table;
	}
	cr_expect_geq(count, 2, "only %u matrix commands in " DOC_FILE, count);
	free(doc);
}
