/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Scenario steps for memory management (docs/scenarios.md, "Memory management"): descriptors
 * written and checked by name, the named fields of the memory calls and the lengths they take
 * from the last descriptor written, handles saved and reused, access steps, and the errors of
 * each, positioned in
 * the file.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "helpers.h"
#include "emu/cpu.h"
#include "scenarios/scenario.h"
#include "sim/sim.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define SYSTEM "system: ../../../systems/default.yaml\n"
/* The host negotiates v1.2 and maps its buffers at 0x40400000 (TX) and 0x40401000 (RX). */
#define SETUP                                                                                      \
	"steps:\n"                                                                                 \
	"  - call: {function: FFA_VERSION, version: 1.2}\n"                                        \
	"  - call: {function: FFA_RXTX_MAP_64, tx: 0x40400000, rx: 0x40401000, pages: 1}\n"

/* The path of tests/data/scenarios/<name>. */
static const char *data(const char *name)
{
	static char buf[DIAG_FILE_MAX];
	char rel[256];

	snprintf(rel, sizeof(rel), "tests/data/scenarios/%s", name);
	snprintf(buf, sizeof(buf), "%s", source_path(rel));
	return buf;
}

/* Called before step i of a run_text() session (NULL: nothing). */
typedef void (*before_step_fn)(struct scn_session *s, unsigned i);

/* Loads text as tests/data/scenarios/inline.yaml and runs every step, calling before (when not
 * NULL) ahead of each; returns the report of the failed steps ("" when all passed; free it). */
static char *run_text_with(const char *text, unsigned *failed, before_step_fn before)
{
	struct scn_scenario scn;
	struct scn_session s;
	struct diag d = {0};
	char msg[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	char *report = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&report, &size);

	cr_assert_not_null(out);
	cr_assert(scn_load_buffer(data("inline.yaml"), text, strlen(text), NULL, &scn, &d), "%s",
		  diag_format(&d, msg, sizeof(msg)));
	cr_assert(scn_session_open(&s, &scn, &d), "%s", diag_format(&d, msg, sizeof(msg)));
	*failed = 0;
	for (unsigned i = 0; i < scn.step_count; i++) {
		if (before != NULL)
			before(&s, i);
		if (!scn_step_execute(&s, i, out))
			(*failed)++;
	}
	scn_session_close(&s);
	scn_free(&scn);
	fclose(out);
	return report;
}

static char *run_text(const char *text, unsigned *failed)
{
	return run_text_with(text, failed, NULL);
}

/* The shipped data file: descriptors written by name read back byte by byte and by field. */
Test(scenario_mem, steps_file_passes)
{
	const char *files[] = {data("memory-steps.yaml")};
	char *tap = NULL, *errs = NULL;
	size_t ts = 0, es = 0;
	FILE *out = open_memstream(&tap, &ts), *err = open_memstream(&errs, &es);
	struct scn_replay_options o = {.errors = err};
	int status = scn_replay(files, 1, &o, out);

	fclose(out);
	fclose(err);
	cr_assert_eq(status, SCN_STATUS_PASS, "%s%s", tap, errs);
	cr_assert_not_null(strstr(tap, "# 11 step(s) in 1 file(s), 0 failed"), "%s", tap);
	free(tap);
	free(errs);
}

/* A transaction call without lengths takes them from the descriptor written before it. */
Test(scenario_mem, lengths_default_to_last_descriptor)
{
	unsigned failed;
	char *report =
		run_text(SYSTEM SETUP
			 "  - write:\n"
			 "      tx: host\n"
			 "      transaction: {receivers: [{endpoint: echo, access: rw}],\n"
			 "                    constituents: [{address: 0x40500000, pages: 1}]}\n"
			 "  - call: {function: FFA_MEM_SHARE_64, expect: {x0: 0}}\n"
			 "  - call: {function: FFA_MEM_LEND_64, length: 0x30, expect: {x0: 0}}\n"
			 "  - call: {function: FFA_MEM_LEND_32, x1: 0x20, buffer: 0x40500000, "
			 "buffer-pages: 1,\n"
			 "           expect: {x0: 0}}\n",
			 &failed);

	cr_assert_eq(failed, 3, "%s", report);
	{
		static const char *const want[] = {
			/* Header 48, receiver 32, composite 16, constituent 16: 112. */
			"call FFA_MEM_SHARE_64 from host (smc), line 9\n"
			"reg  argument            expected            actual\n"
			"x0   0x00000000c4000073",
			"x1   0x0000000000000070",
			"x2   0x0000000000000070",
			/* A length given: the fragment length follows it. */
			"x1   0x0000000000000030",
			"x2   0x0000000000000030",
			/* A register given by name wins, and nothing defaults from it. */
			"x1   0x0000000000000020",
			"x3   0x0000000040500000",
			"x4   0x0000000000000001",
		};

		expect_all_in(report, want, COUNT(want));
	}
	free(report);
}

/* A reclaim names the handle as two words, low first, and its flags in w3; a saved handle goes
 * into registers whole or by word, and a register given by name wins over it. */
Test(scenario_mem, reclaim_fields)
{
	unsigned failed;
	char *report = run_text(SYSTEM SETUP "  - call: {function: FFA_MEM_RECLAIM, handle: "
					     "0x1122334455667788, flags: 1, expect: {x0: 0}}\n",
				&failed);

	cr_assert_eq(failed, 1, "%s", report);
	{
		static const char *const want[] = {
			"x1   0x0000000055667788",
			"x2   0x0000000011223344",
			"x3   0x0000000000000001",
		};

		expect_all_in(report, want, COUNT(want));
	}
	free(report);
}

/* A descriptor check names every field that differs. */
Test(scenario_mem, descriptor_check_reports_fields)
{
	unsigned failed;
	char *report =
		run_text(SYSTEM SETUP
			 "  - write:\n"
			 "      tx: host\n"
			 "      transaction: {sender: host, tag: 3, receivers: [{endpoint: echo, "
			 "access: ro}],\n"
			 "                    constituents: [{address: 0x40500000, pages: 1}]}\n"
			 "  - check:\n"
			 "      address: 0x40400000\n"
			 "      descriptor: {sender: echo, tag: 4, receivers: [{endpoint: echo, "
			 "access: rw}],\n"
			 "                   constituents: [{address: 0x40500000, pages: 2}]}\n"
			 "  - check: {address: 0x40402000, descriptor: {tag: 0}}\n",
			 &failed);

	cr_assert_eq(failed, 2, "%s", report);
	{
		static const char *const want[] = {
			"sender: expected 0x8001, actual 0x0\n",
			"tag: expected 0x4, actual 0x3\n",
			"receiver 0 access: expected 0x2, actual 0x1\n",
			"constituent 0 pages: expected 0x2, actual 0x1\n",
			/* Zeroed memory is no descriptor: the reader says why. */
			"no memory transaction descriptor in the v1.2 layout at "
			"0x40402000: ",
		};

		expect_all_in(report, want, COUNT(want));
	}
	free(report);
}

/* Buffers that are not mapped, handles that were never saved and access that differs fail
 * with a line naming the step. */
Test(scenario_mem, runtime_failures)
{
	unsigned failed;
	char *report = run_text(
		SYSTEM "steps:\n"
		       "  - write: {tx: host, relinquish: {handle: 1, endpoints: [echo]}}\n"
		       "  - call: {function: FFA_MEM_DONATE_64, x1: 0, expect: {handle: save h}}\n"
		       "  - call: {function: FFA_MEM_RECLAIM, handle: $h}\n"
		       "  - access: {address: 0x40500000, endpoint: echo, expect: rw}\n",
		&failed);

	cr_assert_eq(failed, 4, "%s", report);
	{
		static const char *const want[] = {
			"line 3: endpoint 0x0000 has mapped no RX/TX buffers\n",
			"line 4: the answer (x0 FFA_ERROR_32) carries no handle\n",
			"line 5: no handle was saved as $h (its call failed?)\n",
			"line 6: expected rw, the SPMC gives 0x8001 none\n",
		};

		expect_all_in(report, want, COUNT(want));
	}
	free(report);
}

/* Before the second step: the host's CPU keeps the page read-only (the SPMC still says rw). */
static void host_page_read_only(struct scn_session *s, unsigned i)
{
	if (i == 1)
		cr_assert(emu_cpu_set_access(&s->sim->host, 0x40500000, 0x1000,
					     EMU_ACCESS_READ | EMU_ACCESS_EXEC));
}

/* An access step also asks the endpoint's own CPU: a page the SPMC leaves to the host but its
 * CPU maps read-only is a failure naming the CPU's view. */
Test(scenario_mem, access_checks_the_cpu)
{
	unsigned failed;
	char *report = run_text_with(
		SYSTEM "steps:\n"
		       "  - access: {address: 0x40500000, endpoint: host, expect: rw}\n"
		       "  - access: {address: 0x40500000, endpoint: host, expect: rw}\n",
		&failed, host_page_read_only);

	cr_expect_eq(failed, 1, "%s", report);
	cr_expect_not_null(strstr(report, "line 4: expected rw, the SPMC agrees, but the CPU of "
					  "0x0000 maps it ro"),
			   "%s", report);
	free(report);
}

/* Before each step: the host's CPU has no engine; the most pages its access table held. */
static unsigned host_access_ranges;

static void host_without_engine(struct scn_session *s, unsigned i)
{
	(void)i;
	cr_assert_null(s->sim->host.uc, "the host's engine opened before step %u", i);
	if (s->sim->host.access_count > host_access_ranges)
		host_access_ranges = s->sim->host.access_count;
}

/*
 * A scenario's calls go through the dispatcher, so its normal world's CPU never opens an
 * engine (docs/performance.md, "CPUs without an engine"), even while memory management takes
 * pages from it and gives them back: the shipped memory example passes with the host's access
 * kept in its CPU's table alone.
 */
Test(scenario_mem, host_cpu_needs_no_engine)
{
	FILE *f = fopen(source_path("scenarios/examples/memory-share.yaml"), "r");
	char text[16384];
	size_t n;
	unsigned failed;
	char *report;

	cr_assert_not_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	cr_assert(n > 0 && n < sizeof(text) - 1);
	text[n] = '\0';
	host_access_ranges = 0;
	report = run_text_with(text, &failed, host_without_engine);
	cr_expect_eq(failed, 0, "%s", report);
	cr_expect_gt(host_access_ranges, 0, "the lend took no page from the host's CPU");
	free(report);
}

/* Errors in the memory steps name the file, line and column, and the key path. */
Test(scenario_mem, parse_errors)
{
	static const struct scenario_error_case cases[] = {
		{SYSTEM "steps:\n  - call: {function: FFA_ID_GET, length: 4}\n",
		 "3:42: steps[0].call.length: length is a field of FFA_MEM_SHARE, LEND, DONATE and "
		 "RETRIEVE_REQ, not FFA_ID_GET"},
		{SYSTEM "steps:\n  - call: {function: FFA_MEM_SHARE_64, handle: 1}\n",
		 "3:48: steps[0].call.handle: handle is a field of FFA_MEM_RECLAIM, FRAG_RX and "
		 "FRAG_TX, not FFA_MEM_SHARE_64"},
		{SYSTEM "steps:\n  - call: {function: FFA_MEM_RECLAIM, handle: $h}\n",
		 "3:47: steps[0].call.handle: no earlier step saves a handle \"h\""},
		{SYSTEM "steps:\n  - call: {function: FFA_MEM_RECLAIM, x3: $nope.hi}\n",
		 "3:43: steps[0].call.x3: no earlier step saves a handle \"nope\""},
		{SYSTEM
		 "steps:\n  - call: {function: FFA_MSG_SEND_DIRECT_REQ_32, destination: echo, "
		 "payload: [1, $h]}\n",
		 "steps[0].call.payload[1]: no earlier step saves a handle \"h\""},
		{SYSTEM "steps:\n  - call: {function: FFA_MEM_SHARE_64, expect: {handle: save}}\n",
		 "3:57: steps[0].call.expect.handle: expected save NAME"},
		{SYSTEM
		 "steps:\n  - call: {function: FFA_MEM_RECLAIM, flags: 1, fragment-offset: 0}\n",
		 "3:66: steps[0].call.fragment-offset: fragment-offset is a field of "
		 "FFA_MEM_FRAG_RX"},
		{SYSTEM "steps:\n  - write: {tx: host, address: 0x40400000, string: x}\n",
		 "3:17: steps[0].write.tx: give address or tx, not both"},
		{SYSTEM "steps:\n  - write: {rx: host, string: x}\n",
		 "3:17: steps[0].write.rx: write takes tx: NAME"},
		{SYSTEM "steps:\n  - write: {tx: host, descriptor: {}}\n",
		 "3:35: steps[0].write.descriptor: descriptor is a form of check"},
		{SYSTEM "steps:\n  - check: {rx: host, transaction: {}}\n",
		 "3:36: steps[0].check.transaction: a check reads a retrieve response as "
		 "descriptor:"},
		{SYSTEM "steps:\n  - write: {tx: host, transaction: {sender: host}}\n",
		 "3:36: steps[0].write.transaction: missing key \"receivers\""},
		{SYSTEM "steps:\n  - write: {tx: host, transaction: {receivers: [{endpoint: echo, "
			"access: wr}]}}\n",
		 "3:74: steps[0].write.transaction.receivers[0].access: \"wr\" is not one of ro, "
		 "rw"},
		{SYSTEM
		 "steps:\n  - write: {tx: host, transaction: {receivers: [{endpoint: echo}], "
		 "attributes: {type: device, cache: wb}}}\n",
		 "steps[0].write.transaction.attributes.cache: cache is an attribute of type: "
		 "normal"},
		{SYSTEM
		 "steps:\n  - write: {tx: host, transaction: {receivers: [{endpoint: echo}], "
		 "flags: [zero, sero]}}\n",
		 "steps[0].write.transaction.flags[1]: \"sero\" is not one of zero, time-slice, "
		 "zero-after, type-share, type-lend, type-donate"},
		{SYSTEM "steps:\n  - write: {tx: host, layout: 2.0, transaction: {receivers: "
			"[{endpoint: echo}]}}\n",
		 "3:31: steps[0].write.layout: expected a descriptor layout: 1.0 to 1.3"},
		{SYSTEM "steps:\n  - write: {tx: host, relinquish: {handle: 1, endpoints: []}}\n",
		 "steps[0].write.relinquish.endpoints: expected 1 to 8 endpoints"},
		{SYSTEM "steps:\n  - access: {address: 0x40500000, endpoint: echo, expect: rx}\n",
		 "3:59: steps[0].access.expect: \"rx\" is not one of none, ro, rw"},
		{SYSTEM "steps:\n  - access: {address: 0x40500000, endpoint: nobody, expect: ro}\n",
		 "3:45: steps[0].access.endpoint: \"nobody\" is no partition of the system"},
	};

	expect_scenario_errors(cases, COUNT(cases));
}

/* A handle is saved and put back by name: a share's handle reclaims it, and is kept even when
 * another register of the share's answer was not as expected; expectations of it compare. */
Test(scenario_mem, handle_saved_and_reused)
{
	unsigned failed;
	char *report = run_text(
		SYSTEM SETUP
		"  - write:\n"
		"      tx: host\n"
		"      transaction: {receivers: [{endpoint: echo, access: rw}],\n"
		"                    attributes: {type: normal, cache: wb, share: inner},\n"
		"                    constituents: [{address: 0x40500000, pages: 1}]}\n"
		"  - call: {function: FFA_MEM_SHARE_64, expect: {x1: 1, handle: save h}}\n"
		"  - call: {function: FFA_MEM_RECLAIM, handle: $h, expect: {x0: FFA_SUCCESS_32}}\n"
		"  - call: {function: FFA_MEM_SHARE_64, expect: {handle: 0}}\n"
		"  - call: {function: FFA_MEM_RECLAIM, x1: $h.lo, x2: $h.hi,\n"
		"           expect: {x0: FFA_SUCCESS_32}}\n"
		"  - call: {function: FFA_MEM_SHARE_64, expect: {handle: 7}}\n",
		&failed);

	/* The first share's x1 and the last share's handle (Hafnium reuses slot 0) fail. */
	cr_assert_eq(failed, 2, "%s", report);
	cr_assert_not_null(strstr(report, "call FFA_MEM_SHARE_64 from host (smc), line 10\n"), "%s",
			   report);
	cr_assert_not_null(strstr(report, "line 15: handle (w2/w3) expected 0x0000000000000007, "
					  "actual 0x0000000000000000\n"),
			   "%s", report);
	free(report);
}
