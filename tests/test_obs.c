/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What crossed which world (sim/obs*.c, sim/insn_trace.c, tools/obs_outputs.c): the FF-A trace,
 * its JSON Lines, the timeline, the sequence diagrams, the statistics per endpoint, the
 * instruction trace and the cycle model's costs, through the ffa-sim binary. The times are
 * exact: the default demo's virtual clock, one nanosecond an instruction, with and without the
 * costs a platform file adds. tests/obs_check.py parses the JSON and SVG outputs.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

/* A fresh directory for one test's outputs; file names are joined onto it. */
static const char *out_dir(void)
{
	static char dir[64];

	snprintf(dir, sizeof(dir), "/tmp/ffa-sim-obs-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	return dir;
}

static const char *join(const char *dir, const char *name)
{
	static char paths[8][128];
	static unsigned slot;
	char *p = paths[slot++ % 8];

	snprintf(p, 128, "%s/%s", dir, name);
	return p;
}

static char *slurp(const char *path)
{
	char *text = read_whole_file(path);

	cr_assert_not_null(text, "cannot read %s", path);
	return text;
}

static void expect_has(const char *text, const char *want)
{
	cr_assert_not_null(strstr(text, want), "missing:\n%s\nin:\n%s", want, text);
}

/* The text of the file the demo writes with option (its value: a new file named name). */
static char *demo_output(const char *option, const char *name)
{
	const char *path = join(out_dir(), name);
	struct run_result r;

	run_cli(&r, "run", "-q", option, path, NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	return slurp(path);
}

/* The demo's nested request: the normal world asks forward, which asks echo2, each call with
 * its exact virtual start and end, the partition's time as the callee's and the verdict. */
Test(obs, ffa_trace_nests_calls_with_exact_times)
{
	const char *dir = out_dir(), *path = join(dir, "ffa.txt");
	struct run_result r;
	char arg[160], *text;

	run_cli(&r, "run", "-q", "--trace", "ffa=", NULL);
	cr_assert_eq(r.status, 2, "an empty file name is a usage error: %s", r.notes);
	run_result_free(&r);
	snprintf(arg, sizeof(arg), "ffa=%s", path);
	run_cli(&r, "run", "-q", "--trace", arg, NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	text = slurp(path);
	expect_has(text, "     38097      39756 cpu0 host (0x0000) -> forward (0x8003): "
			 "FFA_MSG_SEND_DIRECT_REQ_32 x1=0x8003 x2=0x0 x3=0x8002 x4=0xa");
	expect_has(text, "     38612      39235 cpu0   forward (0x8003) -> echo2 (0x8002): "
			 "FFA_MSG_SEND_DIRECT_REQ_32 x1=0x80038002");
	expect_has(text, "| from 0x0000 to 0x8003 | caller 0 proxy 0 spmc 0 callee 1659 | ok\n");
	expect_has(text, "     15748      15748 cpu0 host (0x0000) -> SPMC (0x8000): FFA_VERSION "
			 "x1=0x10002 x2=0x0 x3=0x0 x4=0x0 => 0x00010002");
	expect_has(text, "| requested 1.2; version 1.2 |");
	expect_has(text, "FFA_PARTITION_INFO_GET x1=0xe2b4c3b1 x2=0x614e8f5c x3=0xf7e2a9d "
			 "x4=0x451d3c6a => FFA_SUCCESS_32 x1=0x0 x2=0x1 x3=0x18 | uuid "
			 "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45 |");
	/* A partition's own calls while it boots, before the normal world runs. */
	expect_has(text, "       386        386 cpu0 echo2 (0x8002) -> SPMC (0x8000): FFA_VERSION");
	expect_has(text, "| unchecked\n");
	free(text);
}

/* Behind the pKVM-style proxy the normal world's calls go through it, and its own calls to the
 * SPMC (its version, its FEATURES query) are the proxy's. */
Test(obs, ffa_trace_names_the_proxy)
{
	const char *dir = out_dir();
	char arg[160], *text;
	struct run_result r;

	snprintf(arg, sizeof(arg), "ffa=%s", join(dir, "h.txt"));
	run_cli(&r, "run", "-q", "--hypervisor", "pkvm", "--trace", arg, NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	text = slurp(join(dir, "h.txt"));
	expect_has(text, "cpu0 host (0x0000) -> pkvm -> forward (0x8003): "
			 "FFA_MSG_SEND_DIRECT_REQ_32");
	expect_has(text, "cpu0 pkvm -> SPMC (0x8000): FFA_VERSION x1=0x10002");
	expect_has(text, "cpu0   pkvm -> SPMC (0x8000): FFA_FEATURES x1=0xc4000066");
	/* The proxy answers DIRECT_REQ2 itself in its default profile. */
	expect_has(text, "cpu0 host (0x0000) -> pkvm: FFA_MSG_SEND_DIRECT_REQ2_64");
	free(text);
}

/* Every output of the same run is byte-identical run after run. */
Test(obs, outputs_are_deterministic)
{
	static const char *const names[] = {"t.txt", "t.jsonl", "tl.json", "s.mmd", "s.svg"};
	const char *dirs[2] = {out_dir(), NULL};
	char dir1[64];

	snprintf(dir1, sizeof(dir1), "%s", dirs[0]);
	dirs[0] = dir1;
	dirs[1] = out_dir();
	for (unsigned k = 0; k < 2; k++) {
		struct run_result r;
		char arg[160];

		snprintf(arg, sizeof(arg), "ffa=%s", join(dirs[k], "t.txt"));
		run_cli(&r, "run", "-q", "--trace", arg, "--trace-json", join(dirs[k], "t.jsonl"),
			"--timeline", join(dirs[k], "tl.json"), "--sequence",
			join(dirs[k], "s.mmd"), "--sequence", join(dirs[k], "s.svg"), NULL);
		cr_assert_eq(r.status, 0, "%s", r.notes);
		run_result_free(&r);
	}
	/* --sequence once per run: the last one wins, the .svg. */
	cr_assert_eq(access(join(dirs[0], "s.mmd"), F_OK), -1);
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *a, *b;

		if (strcmp(names[i], "s.mmd") == 0)
			continue;
		a = slurp(join(dirs[0], names[i]));
		b = slurp(join(dirs[1], names[i]));
		cr_assert(strlen(a) > 0, "%s is empty", names[i]);
		cr_assert_str_eq(a, b, "%s differs between two runs", names[i]);
		free(a);
		free(b);
	}
}

/* The Mermaid diagram: lifelines in order of appearance, a request and the response that
 * answers it, a partition's call to the SPMC nested between them. */
Test(obs, mermaid_sequence)
{
	char *text = demo_output("--sequence", "s.mmd");

	cr_assert(strncmp(text, "sequenceDiagram\n    participant ep_0000 as host (0x0000)\n",
			  56) == 0);
	expect_has(text, "    participant spmc as SPMC (0x8000)\n");
	expect_has(text,
		   "    ep_0000->>ep_8003: FFA_MSG_SEND_DIRECT_REQ_32(from 0x0000 to 0x8003)\n"
		   "    ep_8003->>ep_8002: FFA_MSG_SEND_DIRECT_REQ_32(from 0x8003 to 0x8002)\n"
		   "    ep_8002-->>ep_8003: FFA_MSG_SEND_DIRECT_RESP_32(from 0x8002 to 0x8003)\n"
		   "    ep_8003-->>ep_0000: FFA_MSG_SEND_DIRECT_RESP_32(from 0x8003 to 0x0000)\n");
	expect_has(text,
		   "    ep_0000->>ep_8004: FFA_MSG_SEND_DIRECT_REQ_32(from 0x0000 to 0x8004)\n"
		   "    ep_8004->>spmc: FFA_CONSOLE_LOG_64\n"
		   "    spmc-->>ep_8004: FFA_SUCCESS_32\n");
	free(text);
}

/* The SVG drawing: one document with a lifeline head per endpoint and labelled arrows. */
Test(obs, svg_sequence)
{
	char *text = demo_output("--sequence", "s.svg");

	cr_assert(strncmp(text, "<?xml", 5) == 0);
	expect_has(text, ">forward (0x8003)</text>");
	expect_has(text, ">FFA_MSG_SEND_DIRECT_REQ_32(from 0x0000 to 0x8003)</text>");
	expect_has(text, "stroke-dasharray=\"5 3\"");
	cr_assert(strcmp(text + strlen(text) - 7, "</svg>\n") == 0);
	free(text);
}

/* --stats: per endpoint its instructions, clock and FF-A calls by function with their cycles
 * (a request's include the partitions that ran for it); =json: the same as one object. */
Test(obs, stats_per_endpoint)
{
	struct run_result r;

	run_cli(&r, "run", "-q", "--stats", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	expect_has(r.notes, "ffa-sim: stats: host: instructions 36096, calls 15");
	expect_has(r.notes, "ffa-sim: stats: endpoint host (0x0000): instructions 36096, cycles "
			    "40652, FF-A calls 12\n");
	expect_has(r.notes, "ffa-sim: stats:   FFA_MSG_SEND_DIRECT_REQ_32: 3 calls, 4556 cycles\n");
	expect_has(r.notes, "ffa-sim: stats: endpoint forward (0x8003): instructions 3335, cycles "
			    "3335, FF-A calls 5\n");
	expect_has(r.notes, "ffa-sim: stats:   FFA_MSG_SEND_DIRECT_REQ_32: 1 call, 623 cycles\n");
	run_result_free(&r);
	run_cli(&r, "run", "-q", "--stats=json", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_null(strstr(r.notes, "ffa-sim: stats:"), "json only: %s", r.notes);
	expect_has(r.notes, "{\"endpoints\":[{\"endpoint\":0,\"endpoint_name\":\"host (0x0000)\","
			    "\"instructions\":36096,\"cycles\":40652,\"ffa_calls\":12,");
	expect_has(r.notes, "{\"function\":\"FFA_MSG_SEND_DIRECT_REQ_32\",\"fid\":\"0x8400006f\","
			    "\"calls\":1,\"cycles\":623}");
	run_result_free(&r);
}

static const char costs_platform[] =
	"name: virt-costed\n"
	"memory:\n"
	"  - {name: flash0, kind: flash, base: 0x0, size: 64M}\n"
	"  - {name: secure-ram, kind: ram, base: 0x0e000000, size: 16M, secure: true}\n"
	"  - {name: ram, kind: ram, base: 0x40000000, size: 1G}\n"
	"uarts:\n"
	"  - {name: uart0, base: 0x09000000, irq: 33}\n"
	"gic: {version: 2, distributor: 0x08000000, cpu-interface: 0x08010000}\n"
	"costs:\n"
	"  smc-entry: 100\n"
	"  eret: 50\n"
	"  world-switch: 30\n"
	"  spmc: {setup: 7, messaging: 11, other: 3}\n";

/* The cycle model's fixed costs move the clock where the events happen, and each call splits
 * its time between its components. The partitions' nine boot calls cost 9 x (100 + 7 + 50) on
 * the normal world's PE before it starts, its SMCCC_VERSION and PSCI_VERSION 2 x (100 + 50):
 * 1713 ns after 15748 without costs. Its FFA_VERSION then takes entry, two world switches, the
 * SPMC's setup cost and the return: 217 ns. A request splits its time between the caller, the
 * SPMC (two world switches and its messaging cost) and the partitions that ran for it. */
Test(obs, costs_move_the_clock_exactly)
{
	const char *dir = out_dir(), *plat = write_temp(costs_platform, strlen(costs_platform));
	char arg[160], *text;
	struct run_result r;

	snprintf(arg, sizeof(arg), "ffa=%s", join(dir, "c.txt"));
	run_cli(&r, "run", "-q", "--platform", plat, "--trace", arg, NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	text = slurp(join(dir, "c.txt"));
	expect_has(text, "       386        543 cpu0 echo2 (0x8002) -> SPMC (0x8000): FFA_VERSION "
			 "x1=0x10002 x2=0x0 x3=0x0 x4=0x0 => 0x00010002 x1=0x0 x2=0x0 x3=0x0 | "
			 "requested 1.2; version 1.2 | caller 150 proxy 0 spmc 7 callee 0 |");
	expect_has(text, "     17461      17678 cpu0 host (0x0000) -> SPMC (0x8000): FFA_VERSION "
			 "x1=0x10002 x2=0x0 x3=0x0 x4=0x0 => 0x00010002 x1=0x0 x2=0x0 x3=0x0 | "
			 "requested 1.2; version 1.2 | caller 150 proxy 0 spmc 67 callee 0 | ok\n");
	expect_has(text, "     42093      44456 cpu0 host (0x0000) -> forward (0x8003): "
			 "FFA_MSG_SEND_DIRECT_REQ_32");
	expect_has(text, "| from 0x0000 to 0x8003 | caller 150 proxy 0 spmc 71 callee 2142 | ok\n");
	free(text);
}

/* Bad costs in a platform file: the file, line and column, exit status 2. */
Test(obs, costs_errors_name_the_place)
{
	static const char too_big[] = "name: p\nmemory:\n  - {name: ram, kind: ram, base: "
				      "0x40000000, size: 1G}\ncosts:\n  eret: 2000000000\n";
	static const char bad_class[] = "name: p\nmemory:\n  - {name: ram, kind: ram, base: "
					"0x40000000, size: 1G}\ncosts:\n  spmc: {mesaging: 1}\n";
	struct run_result r;
	const char *p;

	p = write_temp(too_big, strlen(too_big));
	run_cli(&r, "run", "-q", "--platform", p, NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	expect_has(r.notes, ":5:9: ");
	expect_has(r.notes, "out of range");
	run_result_free(&r);
	p = write_temp(bad_class, strlen(bad_class));
	run_cli(&r, "run", "-q", "--platform", p, NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	expect_has(r.notes, ":5:10: costs.spmc: unknown key \"mesaging\"; did you mean "
			    "\"messaging\"?");
	run_result_free(&r);
}

/* The instruction trace: a partition's instructions only, disassembled, with the registers
 * each one changed; and the normal world's within an address range. */
Test(obs, insn_trace_chosen_endpoint_and_range)
{
	struct run_result r;

	run_cli(&r, "run", "-q", "--trace", "insn=0x8003", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	expect_has(r.notes, "forward ");
	expect_has(r.notes, " <sdk_smc12+0x2c>: d4000003  smc #0 ");
	/* From its boot on: its first instruction, at its entry, on its own PE's clock. */
	expect_has(r.notes,
		   "forward          0 0x000000000e200000 <_start+0x0>: aa0003f3  mov x19, "
		   "x0");
	cr_assert_null(strstr(r.notes, "\nhost "), "only forward's instructions");
	cr_assert_null(strstr(r.notes, "\nlogger "), "only forward's instructions");
	run_result_free(&r);
	run_cli(&r, "run", "-q", "--trace", "insn=0:0x40200000-0x40200007", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	expect_has(r.notes, "host          0 0x0000000040200000 <_start+0x0>: aa0003f3  mov x19, "
			    "x0                    x19=0x40000000\n");
	expect_has(r.notes, "host          1 0x0000000040200004 <_start+0x4>: 58000321  ldr x1, "
			    "#0x40200068            x1=0x40209640\n");
	cr_assert_null(strstr(r.notes, "0x0000000040200008:"), "the range ends at 0x40200007");
	run_result_free(&r);
}

/* What the options refuse, with exit status 2. */
Test(obs, usage_errors)
{
	static const char *const cases[][3] = {
		{"--sequence", "s.txt", "must end in .mmd (Mermaid) or .svg"},
		{"--stats=xml", NULL, "--stats=xml: choose text or json"},
		{"--trace", "insn=0x10000", "the endpoint is an ID from 0 to 0xffff"},
		{"--trace", "insn=0:5-1", "the range is :LOW-HIGH"},
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run_result r;

		run_cli(&r, "run", "-q", cases[i][0], cases[i][1], NULL);
		cr_assert_eq(r.status, 2, "%s: %s", cases[i][0], r.notes);
		expect_has(r.notes, cases[i][2]);
		run_result_free(&r);
	}
}

/* `ffa-sim replay --sequence` draws a scenario's conversation (its steps make the calls). */
Test(obs, replay_draws_a_scenario)
{
	const char *dir = out_dir();
	struct run_result r;
	char *text;

	run_cli(&r, "replay", "--sequence", join(dir, "d.mmd"),
		source_path("scenarios/examples/discovery.yaml"), NULL);
	cr_assert_eq(r.status, 0, "%s%s", r.console, r.notes);
	run_result_free(&r);
	text = slurp(join(dir, "d.mmd"));
	expect_has(text, "sequenceDiagram\n    participant ep_0000 as host (0x0000)\n");
	expect_has(text, "    ep_0000->>spmc: FFA_VERSION(requested 1.2, version 1.2)\n");
	free(text);
	run_cli(&r, "replay", "--sequence", join(dir, "d.mmd"),
		source_path("scenarios/examples/discovery.yaml"),
		source_path("scenarios/examples/discovery.yaml"), NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	expect_has(r.notes, "are of one SCENARIO");
	run_result_free(&r);
}
