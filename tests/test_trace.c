/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The call trace (sim/trace.c, `ffa-sim run --trace`): a line per call with its answer, and for
 * memory calls the handle and the descriptors in the caller's TX and RX buffers. The buffers
 * are set up by scenario steps; the calls are then written as the trace sees them.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/notiftext.h"
#include "helpers.h"
#include "scenarios/scenario.h"
#include "sim/trace.h"

/* The host at v1.2 with its buffers mapped, a share descriptor in TX and a retrieve response
 * (the same transaction, handle 0x1234) in RX. */
static const char setup[] =
	"system: ../../../systems/default.yaml\n"
	"steps:\n"
	"  - call: {function: FFA_VERSION, version: 1.2}\n"
	"  - call: {function: FFA_RXTX_MAP_64, tx: 0x40400000, rx: 0x40401000, pages: 1}\n"
	"  - write:\n"
	"      address: 0x40401000\n"
	"      transaction: {sender: 0x8001, handle: 0x1234, flags: [type-share],\n"
	"                    receivers: [{endpoint: host, access: ro, exec: nx}],\n"
	"                    attributes: {type: normal, cache: wb, share: inner, ns: true},\n"
	"                    constituents: [{address: 0x60000000, pages: 1}]}\n"
	"  - write:\n"
	"      tx: host\n"
	"      transaction: {sender: host, receivers: [{endpoint: echo, access: rw, exec: nx}],\n"
	"                    attributes: {type: normal, cache: wb, share: inner},\n"
	"                    constituents: [{address: 0x40500000, pages: 2}, \n"
	"                                   {address: 0x40600000, pages: 1}]}\n";

struct traced {
	struct scn_scenario scn;
	struct scn_session s;
	char *text;
	size_t size;
	FILE *out;
};

static void open_traced(struct traced *t)
{
	struct diag d = {0};
	char msg[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	char path[DIAG_FILE_MAX];

	snprintf(path, sizeof(path), "%s", source_path("tests/data/scenarios/inline.yaml"));
	cr_assert(scn_load_buffer(path, setup, strlen(setup), NULL, &t->scn, &d), "%s",
		  diag_format(&d, msg, sizeof(msg)));
	cr_assert(scn_session_open(&t->s, &t->scn, &d), "%s", diag_format(&d, msg, sizeof(msg)));
	for (unsigned i = 0; i < t->scn.step_count; i++)
		cr_assert(scn_step_execute(&t->s, i, stderr), "setup step %u", i);
	t->out = open_memstream(&t->text, &t->size);
	cr_assert_not_null(t->out);
}

static void close_traced(struct traced *t)
{
	scn_session_close(&t->s);
	scn_free(&t->scn);
	free(t->text);
}

static void expect_text(struct traced *t, const char *want)
{
	fflush(t->out);
	cr_assert_not_null(strstr(t->text, want), "missing:\n%s\nin:\n%s", want, t->text);
}

/* A share from the TX buffer: the handle of the answer and the descriptor it read. */
Test(trace, share_decodes_descriptor_and_handle)
{
	struct traced t;
	struct ffa_value before = {{FFA_MEM_SHARE_64, 0x80, 0x80, 0, 0}};
	struct ffa_value after = {{FFA_SUCCESS_32, 0, 0x1234, 0x8000}};

	open_traced(&t);
	sim_trace_write(t.s.sim, 7, FFA_CONDUIT_SMC, &before, &after, t.out);
	expect_text(&t,
		    "#7 SMC FFA_MEM_SHARE_64 x1=0x80 x2=0x80 x3=0x0 x4=0x0 -> FFA_SUCCESS_32 "
		    "x1=0x0 x2=0x1234 x3=0x8000 handle 0x0000800000001234\n"
		    "    tx: sender 0x0000 attributes normal/wb/inner flags 0x0 tag 0x0 handle "
		    "0x0; receivers 0x8001 rw nx; ranges 0x40500000+2, 0x40600000+1 (3 pages)\n");
	fclose(t.out);
	close_traced(&t);
}

/* A retrieve: the request in TX, the response in RX (its length from the answer's w2). */
Test(trace, retrieve_decodes_response)
{
	struct traced t;
	struct ffa_value before = {{FFA_MEM_RETRIEVE_REQ_64, 0x80, 0x80, 0, 0}};
	struct ffa_value after = {{FFA_MEM_RETRIEVE_RESP, 0x70, 0x70}};

	open_traced(&t);
	sim_trace_write(t.s.sim, 1, FFA_CONDUIT_SMC, &before, &after, t.out);
	expect_text(&t, "    rx: sender 0x8001 attributes normal/wb/inner/ns flags 0x8 tag 0x0 "
			"handle 0x1234; receivers 0x0000 ro nx; ranges 0x60000000+1 (1 page)\n");
	fclose(t.out);
	close_traced(&t);
}

/* Reclaim names its handle in w1/w2; an error answer is named. A descriptor that is not one
 * says why. */
Test(trace, reclaim_and_errors)
{
	struct traced t;
	struct ffa_value before = {{FFA_MEM_RECLAIM, 0x1234, 0x8000, 0}};
	struct ffa_value after = {{FFA_ERROR_32, 0, (uint32_t)FFA_INVALID_PARAMETERS}};
	struct ffa_value bad = {{FFA_MEM_LEND_32, 0x10, 0x10, 0, 0}};

	open_traced(&t);
	sim_trace_write(t.s.sim, 2, FFA_CONDUIT_HVC, &before, &after, t.out);
	sim_trace_write(t.s.sim, 3, FFA_CONDUIT_SMC, &bad, NULL, t.out);
	expect_text(&t,
		    "#2 HVC FFA_MEM_RECLAIM x1=0x1234 x2=0x8000 x3=0x0 x4=0x0 -> FFA_ERROR_32 "
		    "x1=0x0 x2=0xfffffffe x3=0x0 INVALID_PARAMETERS handle 0x0000800000001234\n");
	expect_text(&t, "#3 SMC FFA_MEM_LEND_32 x1=0x10 x2=0x10 x3=0x0 x4=0x0 -> (no answer)\n"
			"    tx: bad descriptor: ");
	fclose(t.out);
	close_traced(&t);
}

/* `ffa-sim run --trace -` under TF-A (handles from 0xffffffc0): the guest's share with the
 * descriptor it wrote in its TX buffer and the handle it got back in w2/w3, and its reclaim
 * naming that handle in w1/w2; the fault report's call log names both handles too. */
Test(trace, run_option_and_fault_log)
{
	struct run_result r;

	run_cli(&r, "run", "-q", "--spmc", "tf-a", "--trace", "-", guest_path("mem_trace.elf"),
		NULL);
	cr_assert_eq(r.status, 3, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "#3 SMC FFA_MEM_SHARE_64 x1=0x70 x2=0x70 x3=0x0 x4=0x0 "
					   "-> FFA_SUCCESS_32 x1=0x0 x2=0xffffffc0 x3=0x0 handle "
					   "0x00000000ffffffc0\n"),
			   "%s", r.notes);
	cr_assert_not_null(strstr(r.notes,
				  "    tx: sender 0x0000 attributes normal/wb/inner flags "
				  "0x0 tag 0x0 handle 0x0; receivers 0x8001 rw; ranges 0x"),
			   "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "+1 (1 page)\n#4 SMC FFA_MEM_RECLAIM x1=0xffffffc0 "),
			   "%s", r.notes);
	cr_assert_not_null(strstr(r.console, "[host] mem_reclaim -> FFA_SUCCESS_32"), "%s%s",
			   r.console, r.notes);
	/* The fault report's call log. */
	cr_assert_not_null(strstr(r.notes, "  last calls (4 of 4):\n"), "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "    #3 SMC FFA_MEM_SHARE_64 x1=0x70 -> x0=0x84000061 "
					   "handle 0x00000000ffffffc0\n"),
			   "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "    #4 SMC FFA_MEM_RECLAIM x1=0xffffffc0 -> "
					   "x0=0x84000061 handle 0x00000000ffffffc0\n"),
			   "%s", r.notes);
	run_result_free(&r);
}

/* A trace file that cannot be written is a usage error. */
Test(trace, unwritable_file)
{
	struct run_result r;

	run_cli(&r, "run", "-q", "--trace", "/nonexistent/dir/trace.txt", guest_path("hello.elf"),
		NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	cr_assert_not_null(
		strstr(r.notes, "/nonexistent/dir/trace.txt: cannot write the trace file"), "%s",
		r.notes);
	run_result_free(&r);
}

/* The call log names the notification IDs of BIND/UNBIND/SET, GET's bitmaps and INFO_GET's
 * receivers (both forms), and says nothing for errors and other calls. */
Test(trace, notification_text)
{
	struct ffa_value call = {{FFA_NOTIFICATION_SET, 0x80010000u, 0, 0x28, 0x100}};
	struct ffa_value ok = {{FFA_SUCCESS_32, 0, 0x28, 0x100, 0, 0, 1, 0}};
	struct ffa_value info64 = {{FFA_SUCCESS_64, 0, 1 | (2u << 7), 0x80010000ull}};
	struct ffa_value info32 = {{FFA_SUCCESS_32, 0, 2u << 7, 0x80020001ull}};
	struct ffa_value err = {{FFA_ERROR_32, 0, (uint32_t)FFA_DENIED}};
	char out[256];

	cr_expect_str_eq(ffa_notif_describe(&call, &err, out, sizeof(out)),
			 "sender 0x8001 receiver 0x0000 notifications {3,5,40}");
	call.x[0] = FFA_NOTIFICATION_GET;
	cr_expect_str_eq(ffa_notif_describe(&call, &ok, out, sizeof(out)),
			 "sp {3,5,40} vm {} framework {0}");
	cr_expect_str_eq(ffa_notif_describe(&call, &err, out, sizeof(out)), "");
	call.x[0] = FFA_NOTIFICATION_INFO_GET_64;
	cr_expect_str_eq(ffa_notif_describe(&call, &info64, out, sizeof(out)),
			 "receivers 0x0000 0x8001 (more pending)");
	call.x[0] = FFA_NOTIFICATION_INFO_GET_32;
	cr_expect_str_eq(ffa_notif_describe(&call, &info32, out, sizeof(out)),
			 "receivers 0x0001 0x8002");
	call.x[0] = FFA_ID_GET;
	cr_expect_str_eq(ffa_notif_describe(&call, &ok, out, sizeof(out)), "");
}
