/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Scenario files: every step and expectation kind, input errors with their positions, the
 * report of a failing step, TAP and JUnit output, shards, and recording a guest run then
 * replaying it. Inputs live in tests/data/scenarios/; guests in FFA_SIM_GUESTS.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "helpers.h"
#include "scenarios/scenario.h"
#include "sim/system.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The path of tests/data/scenarios/<name> (static storage per call). */
static const char *data(const char *name)
{
	static char buf[4][DIAG_FILE_MAX];
	static unsigned slot;
	char rel[256];
	char *b = buf[slot++ % 4];

	snprintf(rel, sizeof(rel), "tests/data/scenarios/%s", name);
	snprintf(b, DIAG_FILE_MAX, "%s", source_path(rel));
	return b;
}

/* The result of a replay: status and TAP text. */
struct replay {
	int status;
	char *tap;
	size_t size;
	char *errors;
	size_t errors_size;
};

static void replay_files(const char *const *files, unsigned count, struct scn_replay_options *o,
			 struct replay *r)
{
	FILE *out = open_memstream(&r->tap, &r->size);
	FILE *err = open_memstream(&r->errors, &r->errors_size);
	struct scn_replay_options none = {0};

	cr_assert_not_null(out);
	cr_assert_not_null(err);
	if (o == NULL)
		o = &none;
	o->errors = err;
	r->status = scn_replay(files, count, o, out);
	fclose(out);
	fclose(err);
}

static void replay_free(struct replay *r)
{
	free(r->tap);
	free(r->errors);
}

/* Loads a scenario from text named as a file of tests/data/scenarios; returns the result. */
static bool load_text(const char *text, struct scn_scenario *scn, struct diag *d)
{
	return scn_load_buffer(data("inline.yaml"), text, strlen(text), NULL, scn, d);
}

/*
 * Checks TAP validity: a version line, a plan 1..N before the test points, N points numbered
 * in order, every other line a diagnostic. Returns the number of failed points.
 */
static unsigned check_tap(const char *tap, unsigned expect_plan)
{
	unsigned plan = 0, next = 1, failed = 0;
	bool have_plan = false;
	const char *l = tap;

	cr_assert(strncmp(l, "TAP version 13\n", 15) == 0, "no TAP version line:\n%s", tap);
	l += 15;
	while (*l != '\0') {
		const char *e = strchr(l, '\n');
		unsigned n;
		char line[512];

		cr_assert_not_null(e, "unterminated line");
		snprintf(line, sizeof(line), "%.*s", (int)(e - l), l);
		if (!have_plan) {
			cr_assert(sscanf(line, "1..%u", &plan) == 1, "expected the plan, got %s",
				  line);
			have_plan = true;
		} else if (strncmp(line, "ok ", 3) == 0) {
			cr_assert(sscanf(line + 3, "%u", &n) == 1 && n == next, "bad point: %s",
				  line);
			next++;
		} else if (strncmp(line, "not ok ", 7) == 0) {
			cr_assert(sscanf(line + 7, "%u", &n) == 1 && n == next, "bad point: %s",
				  line);
			next++;
			failed++;
		} else {
			cr_assert(line[0] == '#', "not a TAP line: %s", line);
		}
		l = e + 1;
	}
	cr_assert(have_plan);
	cr_assert_eq(plan, expect_plan, "plan 1..%u, expected 1..%u", plan, expect_plan);
	cr_assert_eq(next - 1, plan, "%u points for plan 1..%u", next - 1, plan);
	return failed;
}

/* Every step of the basic file passes: calls, write, check, switch, stop. */
Test(scenario, pass_file)
{
	const char *files[] = {data("pass.yaml")};
	struct replay r;

	replay_files(files, 1, NULL, &r);
	cr_assert_eq(r.status, SCN_STATUS_PASS, "%s%s", r.tap, r.errors);
	cr_assert_eq(check_tap(r.tap, 18), 0);
	cr_assert_not_null(strstr(r.tap, "ok 1 - "));
	cr_assert_not_null(strstr(r.tap, "pass.yaml:6: call FFA_VERSION from host (smc)"));
	replay_free(&r);
}

/* An inline system with the proxy: events and hypervisor switches. */
Test(scenario, hypervisor_file)
{
	const char *files[] = {data("hyp.yaml")};
	struct replay r;

	replay_files(files, 1, NULL, &r);
	cr_assert_eq(r.status, SCN_STATUS_PASS, "%s%s", r.tap, r.errors);
	cr_assert_eq(check_tap(r.tap, 8), 0);
	replay_free(&r);
}

/* A failing call shows the call, expected and actual registers in hex with names, and line. */
Test(scenario, failure_report)
{
	const char *files[] = {data("fail.yaml")};
	struct replay r;

	replay_files(files, 1, NULL, &r);
	cr_assert_eq(r.status, SCN_STATUS_FAIL);
	cr_assert_eq(check_tap(r.tap, 3), 1);
	cr_assert_not_null(strstr(r.tap, "not ok 2 - "), "%s", r.tap);
	cr_assert_not_null(strstr(r.tap, "fail.yaml:6: call FFA_RXTX_MAP_64 from host (smc)\n"),
			   "%s", r.tap);
	cr_assert_not_null(strstr(r.tap, "#   call FFA_RXTX_MAP_64 from host (smc), line 6\n"),
			   "%s", r.tap);
	cr_assert_not_null(
		strstr(r.tap, "#   reg  argument            expected            actual\n"), "%s",
		r.tap);
	cr_assert_not_null(strstr(r.tap, "#   x0   0x00000000c4000066  0x0000000084000061  "
					 "0x0000000084000060  (FFA_SUCCESS_32 / FFA_ERROR_32)  <- "
					 "differs\n"),
			   "%s", r.tap);
	cr_assert_not_null(strstr(r.tap, "(- / INVALID_PARAMETERS)"), "%s", r.tap);
	cr_assert_not_null(strstr(r.tap, "ok 3 - "), "%s", r.tap);
	replay_free(&r);
}

/* Each expectation kind fails when it should: value, mask, unchanged, stop, error, version. */
Test(scenario, expectation_kinds_fail)
{
	static const char *const bodies[] = {
		"{function: FFA_VERSION, version: 1.2, expect: {version: 1.1}}",
		"{function: FFA_VERSION, version: 1.2, expect: {x0: {value: 0x1, mask: 0xf}}}",
		"{function: FFA_VERSION, version: 1.2, x3: 7, expect: {unchanged: [x3]}}",
		"{function: FFA_VERSION, version: 1.2, expect: {stop: true}}",
		"{function: FFA_ID_GET, expect: {error: BUSY}}",
		"{function: FFA_ID_GET, expect: {w2: 1}}",
		"{function: PSCI_SYSTEM_OFF, expect: {x0: 0}}",
	};

	for (size_t i = 0; i < COUNT(bodies); i++) {
		char text[512];
		struct scn_scenario scn;
		struct scn_session s;
		struct diag d = {0};
		char *rep = NULL;
		size_t size = 0;
		FILE *f;

		snprintf(text, sizeof(text),
			 "system: ../../../systems/default.yaml\nsteps:\n  - call: %s\n",
			 bodies[i]);
		cr_assert(load_text(text, &scn, &d), "%s: %s", bodies[i], d.msg);
		cr_assert(scn_session_open(&s, &scn, &d), "%s", d.msg);
		f = open_memstream(&rep, &size);
		cr_assert_not(scn_step_execute(&s, 0, f), "%s passed", bodies[i]);
		fclose(f);
		cr_assert_gt(size, 0, "%s: no report", bodies[i]);
		free(rep);
		scn_session_close(&s);
		scn_free(&scn);
	}
}

/* Expectations that hold pass: any, masks, w registers, names and negative numbers. */
Test(scenario, expectation_kinds_pass)
{
	static const char *const text =
		"system: ../../../systems/default.yaml\n"
		"steps:\n"
		"  - call: {function: 0x84000063, x1: 0x10002, expect: {x0: 0x1_0002, x1: any}}\n"
		"  - call: {function: FFA_ID_GET, expect: {x0: {value: 0x61, mask: 0xff}, w2: 0}}\n"
		"  - call: {function: FFA_MSG_WAIT, expect: {x0: FFA_ERROR_32, x2: "
		"NOT_SUPPORTED}}\n"
		"  - call: {function: SMCCC_ARCH_FEATURES, x1: 0x80000000, expect: {w0: 0}}\n"
		"  - call: {function: 0xc4000012, expect: {w0: -1}}\n";
	struct scn_scenario scn;
	struct scn_session s;
	struct diag d = {0};

	cr_assert(load_text(text, &scn, &d), "%s", d.msg);
	cr_assert(scn_session_open(&s, &scn, &d), "%s", d.msg);
	for (unsigned i = 0; i < scn.step_count; i++)
		cr_assert(scn_step_execute(&s, i, stderr), "step %u failed", i + 1);
	scn_session_close(&s);
	scn_free(&scn);
}

/* Memory checks: a byte difference and a descriptor difference are reported. */
Test(scenario, memory_check_fails)
{
	static const char *const text =
		"system: ../../../systems/default.yaml\n"
		"steps:\n"
		"  - write: {address: 0x40400000, words: [0x11223344]}\n"
		"  - check: {address: 0x40400000, bytes: [0x44, 0x33, 0x22, 0x10]}\n"
		"  - check: {address: 0x40400000, words: [0x11223344]}\n"
		"  - check: {address: 0x40400000, partitions: [{id: 0x3344}], layout: 1.0}\n"
		"  - check: {address: 0x40400000, partitions: [{id: 0x3345}]}\n"
		"  - check: {address: 0x7000000000, bytes: [0]}\n";
	static const bool expect[] = {true, false, true, true, false, false};
	struct scn_scenario scn;
	struct scn_session s;
	struct diag d = {0};
	char *rep = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&rep, &size);

	cr_assert(load_text(text, &scn, &d), "%s", d.msg);
	cr_assert(scn_session_open(&s, &scn, &d), "%s", d.msg);
	for (unsigned i = 0; i < scn.step_count; i++)
		cr_assert_eq(scn_step_execute(&s, i, f), expect[i], "step %u", i + 1);
	fclose(f);
	cr_assert_not_null(strstr(rep, "first difference at byte 3 (0x40400003)"), "%s", rep);
	cr_assert_not_null(strstr(rep, "descriptor 0: actual   id 0x3344"), "%s", rep);
	cr_assert_not_null(strstr(rep, "is not in non-secure RAM"), "%s", rep);
	free(rep);
	scn_session_close(&s);
	scn_free(&scn);
}

/* A run step runs a guest of its own: exit status and console lines, passing and failing. */
Test(scenario, run_step)
{
	char text[2048];
	struct scn_scenario scn;
	struct scn_session s;
	struct diag d = {0};
	char *rep = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&rep, &size);

	snprintf(text, sizeof(text),
		 "system: ../../../systems/default.yaml\n"
		 "steps:\n"
		 "  - run: {image: %s, expect: {status: 42}}\n"
		 "  - run: {image: %s, expect: {status: 0, console: [hello from guest]}}\n"
		 "  - run: {image: %s, expect: {status: 0}}\n"
		 "  - run: {image: %s, expect: {console: [goodbye]}}\n",
		 guest_path("exit42.elf"), guest_path("hello.elf"), guest_path("exit42.elf"),
		 guest_path("hello.elf"));
	cr_assert(load_text(text, &scn, &d), "%s", d.msg);
	cr_assert(scn_session_open(&s, &scn, &d), "%s", d.msg);
	cr_assert(scn_step_execute(&s, 0, f));
	cr_assert(scn_step_execute(&s, 1, f));
	cr_assert_not(scn_step_execute(&s, 2, f));
	cr_assert_not(scn_step_execute(&s, 3, f));
	fclose(f);
	cr_assert_not_null(strstr(rep, "exit status 42, expected 0"), "%s", rep);
	cr_assert_not_null(strstr(rep, "console line not found (in order): \"goodbye\""), "%s",
			   rep);
	cr_assert_not_null(strstr(rep, "hello from guest"), "%s", rep);
	free(rep);
	scn_session_close(&s);
	scn_free(&scn);
}

/* Input errors name the file, line and column and what was expected. */
Test(scenario, parse_errors)
{
	static const struct scenario_error_case cases[] = {
		{"steps: []\n", "1:1: missing key \"system\""},
		{"system: ../../../systems/default.yaml\nstep: []\n",
		 "2:1: unknown key \"step\"; did "
		 "you mean \"steps\"?"},
		{"system: ../../../systems/default.yaml\nsteps:\n  - cal: {function: FFA_ID_GET}\n",
		 "3:5: steps[0]: unknown key \"cal\"; did you mean \"call\"?"},
		{"system: ../../../systems/default.yaml\nsteps:\n  - call: {function: FFA_NOPE}\n",
		 "3:22: steps[0].call.function: \"FFA_NOPE\" is not a function"},
		{"system: ../../../systems/default.yaml\nsteps:\n"
		 "  - call: {function: FFA_ID_GET, expect: {x0: SUCCES}}\n",
		 "3:47: steps[0].call.expect.x0: \"SUCCES\" is not a register value"},
		{"system: ../../../systems/default.yaml\nsteps:\n"
		 "  - call: {function: FFA_ID_GET, version: 1.2}\n",
		 "3:43: steps[0].call.version: version is a field of FFA_VERSION, not FFA_ID_GET"},
		{"system: ../../../systems/default.yaml\nsteps:\n"
		 "  - call: {function: FFA_ID_GET, from: nobody}\n",
		 "3:40: steps[0].call.from: \"nobody\" is no partition of the system"},
		{"system: ../../../systems/default.yaml\nsteps:\n"
		 "  - call: {function: FFA_ID_GET, expect: {unchanged: [x18]}}\n",
		 "3:55: steps[0].call.expect.unchanged[0]: expected a register x0 to x17"},
		{"system: ../../../systems/default.yaml\nsteps:\n  - write: {address: "
		 "0x40400000}\n",
		 "3:12: steps[0].write: expected one of bytes, words, string"},
		{"system: ../../../systems/default.yaml\nsteps:\n  - event: {finalise: "
		 "hypervisor}\n",
		 "3:23: steps[0].event.finalise: the system has no hypervisor to finalise"},
		{"system: ../../../systems/default.yaml\nsteps:\n"
		 "  - check: {address: 0x40400000, bytes: [256]}\n",
		 "3:42: steps[0].check.bytes[0]: \"256\" is out of range (at most 255)"},
		{"system: ../../../systems/default.yaml\nsteps: []\n",
		 "2:8: steps: a scenario has at least one step"},
		{"system:\n  spmc: {personality: hafnum}\nsteps: []\n",
		 "2:23: spmc.personality: \"hafnum\" is not one of hafnium, tf-a, optee"},
		{"system: builtin:none\nsteps: []\n", "1:9: system: no built-in system \"none\""},
		{"system: ../../../systems/default.yaml\nsteps:\n  - call: {function: FFA_ID_GET\n",
		 "4:1: "},
	};

	expect_scenario_errors(cases, COUNT(cases));
}

/* A file that does not load stops the replay before anything runs: exit status 2. */
Test(scenario, replay_input_error)
{
	const char *files[] = {data("pass.yaml"), data("nowhere.yaml")};
	struct replay r;

	replay_files(files, 2, NULL, &r);
	cr_assert_eq(r.status, SCN_STATUS_USAGE);
	cr_assert_eq(r.size, 0, "%s", r.tap);
	cr_assert_not_null(strstr(r.errors, "nowhere.yaml"), "%s", r.errors);
	replay_free(&r);
}

/* Counts the occurrences of needle in hay. */
static unsigned count_of(const char *hay, const char *needle)
{
	unsigned n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/*
 * Checks that an XML text is well formed in the ways the JUnit file uses: every tag closed in
 * order, attributes quoted, nothing but entities after '&'. Returns the number of elements
 * named name.
 */
static unsigned check_xml(const char *x, const char *name)
{
	char stack[16][32];
	unsigned depth = 0, count = 0;

	cr_assert(strncmp(x, "<?xml version=\"1.0\"", 19) == 0);
	x = strstr(x, "?>") + 2;
	while (*x != '\0') {
		if (*x == '&') {
			cr_assert(strncmp(x, "&amp;", 5) == 0 || strncmp(x, "&lt;", 4) == 0 ||
					  strncmp(x, "&gt;", 4) == 0 ||
					  strncmp(x, "&quot;", 6) == 0 ||
					  strncmp(x, "&apos;", 6) == 0,
				  "bad entity at %.20s", x);
			x++;
			continue;
		}
		if (*x != '<') {
			cr_assert(*x != '>', "stray '>' at %.20s", x);
			x++;
			continue;
		}
		bool closing = x[1] == '/';
		const char *n = x + 1 + closing;
		size_t len = strcspn(n, " />");
		const char *end = n + len;
		bool quoted = false;

		while (*end != '\0' && (quoted || *end != '>')) {
			if (*end == '"')
				quoted = !quoted;
			cr_assert(*end != '<', "'<' inside a tag");
			end++;
		}
		cr_assert_eq(*end, '>', "unterminated tag");
		if (closing) {
			cr_assert_gt(depth, 0);
			depth--;
			cr_assert(strlen(stack[depth]) == len && strncmp(stack[depth], n, len) == 0,
				  "</%.*s> closes <%s>", (int)len, n, stack[depth]);
		} else {
			if (strlen(name) == len && strncmp(n, name, len) == 0)
				count++;
			if (end[-1] != '/') {
				cr_assert_lt(depth, 16);
				snprintf(stack[depth++], sizeof(stack[0]), "%.*s", (int)len, n);
			}
		}
		x = end + 1;
	}
	cr_assert_eq(depth, 0, "unclosed <%s>", depth ? stack[depth - 1] : "");
	return count;
}

/* JUnit XML: well formed, one testcase per step, one failure per failed step. */
Test(scenario, junit)
{
	const char *files[] = {data("pass.yaml"), data("fail.yaml")};
	char path[] = "/tmp/ffa-sim-junit-XXXXXX";
	int fd = mkstemp(path);
	struct scn_replay_options o = {.junit_path = path};
	struct replay r;
	char *xml;
	long size;
	FILE *f;

	cr_assert_geq(fd, 0);
	replay_files(files, 2, &o, &r);
	cr_assert_eq(r.status, SCN_STATUS_FAIL);
	f = fdopen(fd, "r");
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	xml = calloc(1, size + 1);
	cr_assert_eq(fread(xml, 1, size, f), (size_t)size);
	fclose(f);
	unlink(path);
	cr_assert_eq(check_xml(xml, "testcase"), 21, "%s", xml);
	cr_assert_eq(check_xml(xml, "testsuite"), 2);
	cr_assert_eq(check_xml(xml, "failure"), 1);
	cr_assert_not_null(strstr(xml, "<testsuites name=\"ffa-sim replay\" tests=\"21\" "
				       "failures=\"1\">"),
			   "%s", xml);
	cr_assert_not_null(strstr(xml, "&lt;- differs"), "%s", xml);
	free(xml);
	replay_free(&r);
}

/*
 * Shards: every file goes to exactly one shard of 1..N, and the split is balanced by steps:
 * no shard exceeds another by more than the longest file (the bound of longest-first).
 */
Test(scenario, shards_balance_by_steps)
{
	unsigned steps[60], shard_of[60], again[60];

	for (unsigned i = 0; i < 60; i++)
		steps[i] = (i * 37 + 11) % 23 + (i % 7 == 0 ? 40 : 0);
	for (unsigned n = 1; n <= 7; n++) {
		unsigned long long load[8] = {0}, lo = ~0ull, hi = 0;

		scn_shard_assign(steps, 60, n, shard_of);
		scn_shard_assign(steps, 60, n, again);
		for (unsigned i = 0; i < 60; i++) {
			cr_assert(shard_of[i] >= 1 && shard_of[i] <= n, "file %u: shard %u of %u",
				  i, shard_of[i], n);
			cr_assert_eq(shard_of[i], again[i], "the split is not deterministic");
			load[shard_of[i] - 1] += steps[i];
		}
		for (unsigned k = 0; k < n; k++) {
			lo = load[k] < lo ? load[k] : lo;
			hi = load[k] > hi ? load[k] : hi;
		}
		cr_assert_leq(hi - lo, 62, "N %u: shards from %llu to %llu steps", n, lo, hi);
	}
}

/* A big file alone on one shard; the small ones share the other (not file-count halves). */
Test(scenario, shards_not_by_file_count)
{
	unsigned steps[] = {100, 10, 10, 10, 10}, shard_of[5];

	scn_shard_assign(steps, 5, 2, shard_of);
	cr_assert_eq(shard_of[0], 1);
	for (unsigned i = 1; i < 5; i++)
		cr_assert_eq(shard_of[i], 2, "file %u on shard %u", i, shard_of[i]);
}

/* Replayed shards together run each file once, and each shard runs what the plan gives it. */
Test(scenario, shards_replay)
{
	const char *files[] = {data("pass.yaml"), data("hyp.yaml"), data("fail.yaml")};
	unsigned seen[3] = {0}, shard_of[3], steps[3];
	struct diag d = {0};

	cr_assert(scn_shard_plan(files, 3, NULL, 2, shard_of, steps, &d), "%s", d.msg);
	for (unsigned k = 1; k <= 2; k++) {
		struct scn_replay_options o = {.shard_index = k, .shard_count = 2};
		struct replay r;
		unsigned expect = 0;

		replay_files(files, 3, &o, &r);
		for (unsigned i = 0; i < 3; i++) {
			char head[DIAG_FILE_MAX + 4];

			snprintf(head, sizeof(head), "# %s", files[i]);
			seen[i] += count_of(r.tap, head);
			if (shard_of[i] == k)
				expect += steps[i];
		}
		cr_assert_eq(r.status, shard_of[2] == k ? SCN_STATUS_FAIL : SCN_STATUS_PASS, "%s",
			     r.tap);
		check_tap(r.tap, expect);
		replay_free(&r);
	}
	for (unsigned i = 0; i < 3; i++)
		cr_assert_eq(seen[i], 1, "file %u replayed %u times", i, seen[i]);
}

/* --list prints each file's shard and steps and the totals, and runs nothing. */
Test(scenario, replay_list)
{
	const char *files[] = {data("pass.yaml"), data("hyp.yaml"), data("fail.yaml")};
	struct scn_replay_options o = {.shard_index = 2, .shard_count = 2};
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	unsigned shard_of[3], steps[3];
	struct diag d = {0};
	char line[DIAG_FILE_MAX + 32];

	cr_assert(scn_shard_plan(files, 3, NULL, 2, shard_of, steps, &d), "%s", d.msg);
	cr_assert_eq(scn_replay_list(files, 3, &o, out), SCN_STATUS_PASS);
	fclose(out);
	for (unsigned i = 0; i < 3; i++) {
		snprintf(line, sizeof(line), "%u/2\t%u\t%s\n", shard_of[i], steps[i], files[i]);
		cr_assert_eq(strstr(text, line) != NULL, shard_of[i] == 2, "%s in:\n%s", line,
			     text);
	}
	cr_assert_not_null(strstr(text, "# shard 1/2: "), "%s", text);
	cr_assert_not_null(strstr(text, "# shard 2/2: "), "%s", text);
	cr_assert_null(strstr(text, "TAP"), "--list ran the scenarios:\n%s", text);
	free(text);
}

/* --shard K/N: accepted forms and errors. */
Test(scenario, shard_parse)
{
	static const char *const bad[] = {"",    "1",    "0/2",  "3/2", "1/0",
					  "a/b", "1/2x", "-1/2", "/2"};
	unsigned k, n;
	struct diag d;

	cr_assert(scn_shard_parse("2/4", &k, &n, &d));
	cr_assert_eq(k, 2);
	cr_assert_eq(n, 4);
	for (size_t i = 0; i < COUNT(bad); i++)
		cr_assert_not(scn_shard_parse(bad[i], &k, &n, &d), "%s accepted", bad[i]);
	cr_assert_not_null(strstr(d.msg, "--shard /2"));
}

/* Counts the calls seen by an observer installed before the recorder (the chain). */
static void count_call(void *ctx, struct emu_cpu *cpu, const struct emu_call *call,
		       const struct ffa_value *after, struct ffa_result_rule rule)
{
	(void)cpu;
	(void)call;
	(void)after;
	(void)rule;
	(*(unsigned *)ctx)++;
}

/* Records a guest run of a system (with sets) and replays the scenario written. */
static void record_and_replay(const char *system_rel, const char *const *sets, unsigned nsets,
			      const char *guest)
{
	char system[DIAG_FILE_MAX];
	struct sim_system *sys = calloc(1, sizeof(*sys));
	struct sim *sim = calloc(1, sizeof(*sim));
	struct sim_config cfg = {0};
	struct hyp_pkvm_config hyp;
	struct scn_recorder rec;
	struct diag d = {0};
	char path[] = "/tmp/ffa-sim-record-XXXXXX";
	unsigned chained = 0;
	int fd, status;
	FILE *f;

	snprintf(system, sizeof(system), "%s", source_path(system_rel));
	cr_assert(sim_system_load(system, sets, nsets, sys, &d), "%s", d.msg);
	if (sys->hypervisor.present)
		cr_assert(sim_system_hypervisor(sys, NULL, &hyp, &d), "%s", d.msg);
	sim_system_config(sys, sys->hypervisor.present ? &hyp : NULL, &cfg);
	cfg.guest_path = guest_path(guest);
	cfg.console_out = fopen("/dev/null", "w");
	cfg.notes = cfg.console_out;
	cr_assert(sim_open(sim, &cfg, &d), "%s", d.msg);
	/* Stand in for the conformance checker: the recorder must chain to it. */
	emu_cpu_observe(&sim->host, (struct emu_call_observer){count_call, &chained});
	scn_recorder_attach(&rec, sim);
	status = sim_run(sim);
	cr_assert_eq(status, 0, "the guest failed");
	scn_recorder_detach(&rec);
	cr_assert_eq(sim->host.observer.fn, count_call);
	cr_assert_gt(rec.count, 5);
	cr_assert_eq(chained, rec.count);

	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	f = fdopen(fd, "w");
	struct scn_record_source src = {
		.system = system, .sets = sets, .set_count = nsets, .guest = guest};
	cr_assert(scn_recorder_write(&rec, &src, f, &d), "%s", d.msg);
	fclose(f);

	const char *files[] = {path};
	struct replay r;

	replay_files(files, 1, NULL, &r);
	cr_assert_eq(r.status, SCN_STATUS_PASS, "%s%s", r.tap, r.errors);
	cr_assert_eq(check_tap(r.tap, (unsigned)rec.count), 0);
	replay_free(&r);
	unlink(path);
	scn_recorder_free(&rec);
	sim_close(sim);
	fclose(cfg.console_out);
	free(sim);
	free(sys);
}

/* Record a discovery guest against the default system, replay without it: all pass. */
Test(scenario, record_replay)
{
	record_and_replay("systems/default.yaml", NULL, 0, "ffa_discovery_v1_2.elf");
}

/* The same behind the pKVM proxy, with overrides carried into the scenario's set list. */
Test(scenario, record_replay_hypervisor)
{
	/* The guest asks for v1.1 after the proxy negotiated v1.2: the proxy forwards the
	 * downgrade, which Hafnium behind TF-A's SPMD would refuse (version-path). */
	static const char *const sets[] = {"hypervisor.model=pkvm",
					   "hypervisor.settings.result-convention=smccc-1.1",
					   "spmc.behaviours.version-path=direct"};

	record_and_replay("systems/default.yaml", sets, 3, "ffa_discovery_v1_1.elf");
}

/* A recording without calls, or out of memory, writes nothing. */
Test(scenario, record_empty)
{
	struct scn_recorder rec = {0};
	struct scn_record_source src = {.system = "builtin:default"};
	struct diag d;

	cr_assert_not(scn_recorder_write(&rec, &src, stdout, &d));
	cr_assert_not_null(strstr(d.msg, "no call"));
}

/* A built-in system is named builtin:NAME and found in the options. */
Test(scenario, builtin_system)
{
	static const char system[] = "spmc: {personality: tf-a, version: 1.1}\npartitions: []\n";
	static const char text[] =
		"system: builtin:small\nset: [spmc.version=1.0]\n"
		"steps:\n  - call: {function: FFA_VERSION, version: 1.0, expect: {version: 1.0}}\n"
		"  - call: {function: FFA_MSG_SEND_DIRECT_REQ2_64, expect: {error: "
		"NOT_SUPPORTED}}\n";
	const struct scn_builtin_system b = {"small", system, sizeof(system) - 1};
	struct scn_options o = {.builtin_systems = &b, .builtin_system_count = 1};
	struct scn_scenario scn;
	struct scn_session s;
	struct diag d = {0};

	cr_assert(scn_load_buffer("x.yaml", text, strlen(text), &o, &scn, &d), "%s", d.msg);
	cr_assert_eq(scn.system->spmc.version, FFA_VERSION_1_0);
	cr_assert(scn_session_open(&s, &scn, &d), "%s", d.msg);
	cr_assert(scn_step_execute(&s, 0, stderr));
	cr_assert(scn_step_execute(&s, 1, stderr));
	scn_session_close(&s);
	scn_free(&scn);
}

/* The example scenarios of scenarios/examples/ all pass. */
Test(scenario, examples)
{
	static const char *const names[] = {"discovery.yaml", "pkvm-renegotiation.yaml",
					    "memory-share.yaml", "notifications.yaml"};
	const char *files[COUNT(names)];
	char paths[COUNT(names)][DIAG_FILE_MAX];
	struct replay r;

	for (size_t i = 0; i < COUNT(names); i++) {
		char rel[128];

		snprintf(rel, sizeof(rel), "scenarios/examples/%s", names[i]);
		snprintf(paths[i], sizeof(paths[i]), "%s", source_path(rel));
		files[i] = paths[i];
	}
	replay_files(files, COUNT(names), NULL, &r);
	cr_assert_eq(r.status, SCN_STATUS_PASS, "%s%s", r.tap, r.errors);
	check_tap(r.tap, 56);
	replay_free(&r);
}
