/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The callee state machine: FFA_YIELD, FFA_INTERRUPT and FFA_RUN, FFA_MSG_WAIT, faults and
 * the bound on a partition's calls, calls a partition makes while it runs, and
 * FFA_CONSOLE_LOG from the normal world and from partitions.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "partitions/builtin.h"
#include "spmc_helpers.h"
#include "spmc_models.h"

#define ECHO_ID 0x8001u
#define SP2 0x8002u
#define SP3 0x8003u
#define ALL_PROPS                                                                                  \
	(FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND | FFA_PROP_DIRECT_REQ2_RECV |         \
	 FFA_PROP_DIRECT_REQ2_SEND)

/* FFA_RUN/FFA_YIELD/FFA_INTERRUPT w1: endpoint ID in 31:16, vCPU in 15:0. */
#define EP_VCPU(id, vcpu) (((uint64_t)(id) << 16) | (vcpu))

/* ---- Steps of the test models (tests/spmc_models.h) ---- */

/* Yields with a timeout hint (w2/w3 = arg, arg + 1); once resumed, answers with x0/x1 of
 * what it got. */
static void yielder_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0) {
		tmodel_call(call, FFA_YIELD_32, 0);
		call->x[2] = m->arg;
		call->x[3] = m->arg + 1;
	} else {
		tmodel_respond(m, call, in->x[0], in->x[1], in->x[2]);
	}
}

/* Yields with w4 set first (refused), then properly; then answers. */
static void bad_yielder_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase <= 1) {
		tmodel_call(call, FFA_YIELD_32, 0);
		call->x[4] = m->phase == 0 ? 1 : 0;
	} else {
		tmodel_respond(m, call, in->x[0], 0, 0);
	}
}

/* Reports a preemption (FFA_INTERRUPT); once resumed, answers with x0 of what it got. */
static void interrupter_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0)
		tmodel_call(call, FFA_INTERRUPT_32, 0);
	else
		tmodel_respond(m, call, in->x[0], in->x[1], 0);
}

/* Calls FFA_MSG_WAIT while handling a request; then answers with the error it got. */
static void waiter_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0)
		tmodel_call(call, FFA_MSG_WAIT_32, 0);
	else
		tmodel_respond(m, call, in->x[0], in->x[2], 0);
}

/* Calls FFA_ID_GET, then answers with what it got. */
static void id_getter_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0)
		tmodel_call(call, FFA_ID_GET, 0);
	else
		tmodel_respond(m, call, in->x[0], in->x[2], 0);
}

/* Never answers: calls FFA_ID_GET again and again. */
static void spinner_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	(void)m;
	(void)in;
	tmodel_call(call, FFA_ID_GET, 0);
}

/* Answers wrongly forever, as m->arg says: 0 a response to a wrong destination, 1 a response
 * of the wrong width, 2 a response from a wrong source, 3 FFA_SUCCESS_32, 4 FFA_MSG_WAIT with
 * the request pending. */
static void wrong_answer_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	(void)in;
	switch (m->arg) {
	case 0:
		tmodel_call(call, FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(m->ep->id, 0x7));
		break;
	case 1:
		tmodel_call(call, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(m->ep->id, 0));
		break;
	case 2:
		tmodel_call(call, FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP3, 0));
		break;
	case 3:
		tmodel_call(call, FFA_SUCCESS_32, 0);
		break;
	default:
		tmodel_call(call, FFA_MSG_WAIT_32, 0);
		break;
	}
}

/* Sends a request to its target; gets FFA_YIELD back, runs the target with FFA_RUN until
 * it answers; answers with the final x0 and x3. */
static void resumer_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0) {
		tmodel_call(call, FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(m->ep->id, m->target));
	} else if (in->x[0] == FFA_YIELD_32 || in->x[0] == FFA_INTERRUPT_32) {
		tmodel_call(call, FFA_RUN_32, EP_VCPU(m->target, 0));
	} else {
		tmodel_respond(m, call, in->x[0], in->x[3], 0);
	}
}

/* Sends a request to its target and answers at once with what came back. */
static void forwarder_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0)
		tmodel_call(call, FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(m->ep->id, m->target));
	else
		tmodel_respond(m, call, in->x[0], in->x[2], in->x[3]);
}

/* Runs its requester (blocked in that request): answers with the error it got. */
static void run_caller_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0)
		tmodel_call(call, FFA_RUN_32, EP_VCPU(ffa_msg_source(in->x[1]), 0));
	else
		tmodel_respond(m, call, in->x[0], in->x[2], 0);
}

/* Logs "sp hi\n" with FFA_CONSOLE_LOG_32, then answers with what it got. */
static void logger_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0) {
		tmodel_call(call, FFA_CONSOLE_LOG_32, 6);
		call->x[2] = 0x68207073; /* "sp h" */
		call->x[3] = 0x0a69;     /* "i\n" */
	} else {
		tmodel_respond(m, call, in->x[0], in->x[2], 0);
	}
}

/* Given cycles by FFA_RUN (no request): waits again with FFA_MSG_WAIT, w2 = arg. */
static void cycles_waiter_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	(void)in;
	tmodel_call(call, FFA_MSG_WAIT_32, 0);
	call->x[2] = m->arg;
}

/* Given cycles by FFA_RUN: a bad FFA_MSG_WAIT (w1 set), one with reserved w2 bits, a
 * DIRECT_RESP to the normal world (no request to answer), then a good FFA_MSG_WAIT. */
static void cycles_misuse_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	(void)in;
	tmodel_call(call, FFA_MSG_WAIT_32, 0);
	switch (m->phase) {
	case 0:
		call->x[1] = 1;
		break;
	case 1:
		call->x[2] = 2;
		break;
	case 2:
		tmodel_call(call, FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(m->ep->id, 0));
		break;
	default:
		break;
	}
}

/* ---- FFA_YIELD and FFA_RUN ---- */

/* The caller of a request gets FFA_YIELD (w1 = ID << 16 | vCPU 0, w2/w3 the timeout hint,
 * the rest zero); the partition is YIELDED and busy; FFA_RUN resumes it, its FFA_YIELD
 * returns FFA_SUCCESS_32 (all else zero), and FFA_RUN returns its response. */
Test(msg_yield, yield_then_run)
{
	struct ffa_value v, yielded = {{FFA_YIELD_32, EP_VCPU(SP2, 0), 0x1234, 0x1235}};
	struct ffa_value resp = {
		{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0, FFA_SUCCESS_32, 0, 0}};
	struct ffa_value success = {{FFA_SUCCESS_32}};
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "yielder", yielder_step, 0);
	m->arg = 0x1234;
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	tmodel_expect_regs(&v, &yielded);
	tmodel_expect_state(m->ep, SPMC_EP_YIELDED);
	v = tmodel_request(&e, SP2);
	expect_ffa_error(&v, FFA_BUSY);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	tmodel_expect_regs(&v, &resp);
	tmodel_expect_regs(&m->seen[1], &success);
	tmodel_expect_state(m->ep, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* FFA_YIELD with w4-w7 set is INVALID_PARAMETERS to the partition (Hafnium). */
Test(msg_yield, reserved_registers_invalid)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "yielder", bad_yielder_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_YIELD_32);
	expect_ffa_error(&m->seen[1], FFA_INVALID_PARAMETERS);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	cr_assert_eq(v.x[3], FFA_SUCCESS_32);
	spmc_fixture_fini(&e.f);
}

/* A partition reports a preemption with FFA_INTERRUPT: its caller gets FFA_INTERRUPT with
 * w1 = ID << 16 | vCPU; it is PREEMPTED, busy, and resumed by FFA_RUN. */
Test(msg_yield, interrupt_then_run)
{
	struct ffa_value v, preempted = {{FFA_INTERRUPT_32, EP_VCPU(SP2, 0)}};
	struct ffa_value resp = {
		{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0, FFA_SUCCESS_32, 0}};
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "interrupted", interrupter_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	tmodel_expect_regs(&v, &preempted);
	tmodel_expect_state(m->ep, SPMC_EP_PREEMPTED);
	v = tmodel_request(&e, SP2);
	expect_ffa_error(&v, FFA_BUSY);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	tmodel_expect_regs(&v, &resp);
	tmodel_expect_state(m->ep, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* A nested callee yields to the partition that sent the request, which resumes it with
 * FFA_RUN and gets the response from that FFA_RUN. */
Test(msg_yield, partition_resumes_yielded_callee)
{
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0,
				     FFA_MSG_SEND_DIRECT_RESP_64, FFA_SUCCESS_32}};
	struct tmodel *resumer, *yielder;
	struct tmodel_env e;

	tmodel_setup(&e);
	resumer = tmodel_add(&e, 0, SP2, "resumer", resumer_step, SP3);
	yielder = tmodel_add(&e, 1, SP3, "yielder", yielder_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	tmodel_expect_regs(&v, &want);
	cr_assert_eq(resumer->seen[1].x[0], FFA_YIELD_32);
	cr_assert_eq(resumer->seen[1].x[1], EP_VCPU(SP3, 0));
	tmodel_expect_state(resumer->ep, SPMC_EP_WAITING);
	tmodel_expect_state(yielder->ep, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* A callee that yielded to a partition is resumed by that partition only: the normal world
 * gets DENIED (the response would go to the wrong endpoint). */
Test(msg_yield, run_by_other_endpoint_denied)
{
	struct ffa_value v,
		want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0, FFA_YIELD_32, 7, 8}};
	struct tmodel *yielder;
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_add(&e, 0, SP2, "fwd", forwarder_step, SP3);
	yielder = tmodel_add(&e, 1, SP3, "yielder", yielder_step, 0);
	yielder->arg = 7;
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	tmodel_expect_regs(&v, &want);
	tmodel_expect_state(yielder->ep, SPMC_EP_YIELDED);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP3, 0));
	expect_ffa_error(&v, FFA_DENIED);
	tmodel_expect_state(yielder->ep, SPMC_EP_YIELDED);
	spmc_fixture_fini(&e.f);
}

/* FFA_RUN errors: unknown or non-partition target and a vCPU beyond the partition's
 * contexts INVALID_PARAMETERS; a partition that never booted BUSY. */
Test(msg_run, bad_targets)
{
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_add_sp(&e, SP2, "idle", ALL_PROPS);
	tmodel_boot_all(&e);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(0x8005, 0));
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(0x0000, 0));
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(ECHO_ID, 1));
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	expect_ffa_error(&v, FFA_BUSY);
	cr_assert_eq(e.echo_state.requests, 0);
	spmc_fixture_fini(&e.f);
}

/* FFA_RUN uses w1 only: a poisoned upper half is ignored. */
Test(msg_run, smc32_ignores_upper_half)
{
	struct ffa_value v, waited = {{FFA_MSG_WAIT_32}};
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	v = tmodel_run(&e, e.f.nw, 0xc5c5c5c500000000ull | EP_VCPU(ECHO_ID, 0));
	tmodel_expect_regs(&v, &waited);
	spmc_fixture_fini(&e.f);
}

/* Cycles for a waiting partition: its FFA_MSG_WAIT returns FFA_RUN (w1 = ID << 16 | vCPU),
 * it waits again, and the runner gets FFA_MSG_WAIT with everything else zero. */
Test(msg_run, waiting_partition_gets_cycles)
{
	struct ffa_value v, waited = {{FFA_MSG_WAIT_32}},
			    given = {{FFA_RUN_32, EP_VCPU(ECHO_ID, 0)}};
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(ECHO_ID, 0));
	tmodel_expect_regs(&v, &waited);
	tmodel_expect_regs(&e.echo_state.last, &given);
	tmodel_expect_state(e.echo, SPMC_EP_WAITING);
	/* It still answers requests afterwards. */
	v = tmodel_request(&e, ECHO_ID);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	cr_assert_eq(v.x[3], 0x33);
	spmc_fixture_fini(&e.f);
}

/* A partition blocked in its own request cannot be run: BUSY (to its callee here). */
Test(msg_run, blocked_partition_busy)
{
	struct ffa_value v;
	struct tmodel *runner;
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_add(&e, 0, SP2, "fwd", forwarder_step, SP3);
	runner = tmodel_add(&e, 1, SP3, "runner", run_caller_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	expect_ffa_error(&runner->seen[1], FFA_BUSY);
	spmc_fixture_fini(&e.f);
}

/* A partition that is not running cannot call FFA_RUN (nor anything else): DENIED. */
Test(msg_run, from_waiting_partition_denied)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "yielder", yielder_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_YIELD_32);
	v = tmodel_run(&e, e.echo, EP_VCPU(SP2, 0));
	expect_ffa_error(&v, FFA_DENIED);
	tmodel_expect_state(m->ep, SPMC_EP_YIELDED);
	spmc_fixture_fini(&e.f);
}

/* ---- FFA_MSG_WAIT ---- */

/* FFA_MSG_WAIT while handling a request: DENIED to the partition, which must answer. */
Test(msg_wait, during_request_denied)
{
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0,
				     FFA_ERROR_32, (uint32_t)FFA_DENIED}};
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "waiter", waiter_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	tmodel_expect_regs(&v, &want);
	expect_ffa_error(&m->seen[1], FFA_DENIED);
	tmodel_expect_state(m->ep, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* From the normal world, FFA_MSG_WAIT, FFA_YIELD and FFA_INTERRUPT are NOT_SUPPORTED
 * (TF-A's SPMD: only the secure world calls them). */
Test(msg_wait, from_normal_world_not_supported)
{
	static const uint32_t fids[] = {FFA_MSG_WAIT_32, FFA_YIELD_32, FFA_INTERRUPT_32};
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	for (size_t i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		uint64_t zero[7] = {0};
		struct ffa_value v = tmodel_invoke(&e, e.f.nw, fids[i], zero, 7);

		expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	}
	spmc_fixture_fini(&e.f);
}

/* A partition that is not running cannot wait or yield: DENIED. */
Test(msg_wait, outside_a_run_denied)
{
	uint64_t zero[7] = {0};
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.echo, FFA_MSG_WAIT_32, zero, 7);
	expect_ffa_error(&v, FFA_DENIED);
	v = tmodel_invoke(&e, e.echo, FFA_YIELD_32, zero, 7);
	expect_ffa_error(&v, FFA_DENIED);
	tmodel_expect_state(e.echo, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* Given cycles: w1 set or reserved w2 bits INVALID_PARAMETERS, a DIRECT_RESP with no
 * request DENIED; then FFA_MSG_WAIT ends the cycles. */
Test(msg_wait, misuse_while_given_cycles)
{
	struct ffa_value v, waited = {{FFA_MSG_WAIT_32}};
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "misuse", cycles_misuse_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	tmodel_expect_regs(&v, &waited);
	expect_ffa_error(&m->seen[1], FFA_INVALID_PARAMETERS);
	expect_ffa_error(&m->seen[2], FFA_INVALID_PARAMETERS);
	expect_ffa_error(&m->seen[3], FFA_DENIED);
	cr_assert_eq(m->resumes, 4);
	tmodel_expect_state(m->ep, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* FFA_MSG_WAIT hands the RX buffer back, unless w2 bit 0 retains it (v1.2). */
Test(msg_wait, releases_rx_unless_retained)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "waiter", cycles_waiter_step, 0);
	tmodel_boot_all(&e);
	m->ep->rxtx.rx_full = true;
	m->arg = 1;
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	cr_assert_eq(v.x[0], FFA_MSG_WAIT_32);
	cr_assert(m->ep->rxtx.rx_full, "retained");
	m->arg = 0;
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	cr_assert_eq(v.x[0], FFA_MSG_WAIT_32);
	cr_assert_not(m->ep->rxtx.rx_full, "released");
	spmc_fixture_fini(&e.f);
}

/* ---- Faults, bounds and calls made while running ---- */

/* A fault: the caller gets ABORTED, the partition is FAILED; requests and FFA_RUN then get
 * ABORTED. */
Test(msg_fault, fault_aborts)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "faulty", id_getter_step, 0);
	m->fault_on_request = true;
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	expect_ffa_error(&v, FFA_ABORTED);
	tmodel_expect_state(m->ep, SPMC_EP_FAILED);
	v = tmodel_request(&e, SP2);
	expect_ffa_error(&v, FFA_ABORTED);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	expect_ffa_error(&v, FFA_ABORTED);
	cr_assert_eq(e.f.spmc.depth, 0);
	spmc_fixture_fini(&e.f);
}

/* A nested callee that faults: its sender gets ABORTED for its request and carries on. */
Test(msg_fault, nested_fault_answers_sender)
{
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0,
				     FFA_ERROR_32, (uint32_t)FFA_ABORTED}};
	struct tmodel *fwd, *faulty;
	struct tmodel_env e;

	tmodel_setup(&e);
	fwd = tmodel_add(&e, 0, SP2, "fwd", forwarder_step, SP3);
	faulty = tmodel_add(&e, 1, SP3, "faulty", id_getter_step, 0);
	faulty->fault_on_request = true;
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	tmodel_expect_regs(&v, &want);
	tmodel_expect_state(fwd->ep, SPMC_EP_WAITING);
	tmodel_expect_state(faulty->ep, SPMC_EP_FAILED);
	spmc_fixture_fini(&e.f);
}

/* A partition that never gives its CPU back is stopped: ABORTED to its caller, FAILED. */
Test(msg_fault, spinning_partition_stopped)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "spinner", spinner_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	expect_ffa_error(&v, FFA_ABORTED);
	tmodel_expect_state(m->ep, SPMC_EP_FAILED);
	cr_assert_gt(m->resumes, 1000);
	cr_assert_eq(e.f.spmc.depth, 0);
	spmc_fixture_fini(&e.f);
}

/* The report of an aborted partition goes to spmc.notes: captured here. */
struct notes_capture {
	FILE *f;
	char *buf;
	size_t len;
};

static void notes_open(struct tmodel_env *e, struct notes_capture *n)
{
	n->buf = NULL;
	n->f = open_memstream(&n->buf, &n->len);
	cr_assert_not_null(n->f);
	e->f.spmc.notes = n->f;
}

static const char *notes_text(struct notes_capture *n)
{
	fflush(n->f);
	return n->buf != NULL ? n->buf : "";
}

static void notes_close(struct notes_capture *n)
{
	fclose(n->f);
	free(n->buf);
}

/* The environment with its notes captured and one booted test model at SP2. */
static struct tmodel *reported_setup(struct tmodel_env *e, struct notes_capture *n,
				     const char *name, tmodel_step step, uint64_t arg)
{
	struct tmodel *m;

	tmodel_setup(e);
	notes_open(e, n);
	m = tmodel_add(e, 0, SP2, name, step, 0);
	m->arg = arg;
	tmodel_boot_all(e);
	return m;
}

/*
 * A partition that keeps answering wrongly is aborted after MSG_RUN_MAX_CALLS refused calls, and
 * not silently: the report names the partition, the rule its calls broke and its last calls with
 * the SPMC's answers; the SPMC counts it as a rule abort; the requester gets ABORTED.
 */
Test(msg_fault, wrong_answers_reported)
{
	static const struct {
		const char *rule;
		const char *call;
	} cases[5] = {
		{"rule: FFA_MSG_SEND_DIRECT_RESP_64 refused with DENIED: a response goes to the "
		 "endpoint whose request it answers (0x0000), in the request's kind and width",
		 "    FFA_MSG_SEND_DIRECT_RESP_64 x1=0x80020007 x2=0x0 x3=0x0 x4=0x0 x5=0x0 x6=0x0 "
		 "x7=0x0 -> FFA_ERROR_32 DENIED\n"},
		{"rule: FFA_MSG_SEND_DIRECT_RESP_32 refused with DENIED: a response goes to the "
		 "endpoint whose request it answers (0x0000), in the request's kind and width "
		 "(DIRECT_RESP of its width for DIRECT_REQ, DIRECT_RESP2 for DIRECT_REQ2; FF-A "
		 "v1.2 "
		 "(DEN0077A) §15.2); w1 was 0x80020000",
		 "-> FFA_ERROR_32 DENIED\n"},
		{"rule: FFA_MSG_SEND_DIRECT_RESP_64 refused with INVALID_PARAMETERS: a response "
		 "names "
		 "the partition as source and its requester as destination, with w2 zero (FF-A "
		 "v1.2 "
		 "(DEN0077A) §15.2); w1 was 0x80030000",
		 "    FFA_MSG_SEND_DIRECT_RESP_64 x1=0x80030000"},
		{"rule: FFA_SUCCESS_32 refused with NOT_SUPPORTED: not a call the SPMC takes from "
		 "a "
		 "partition",
		 "    FFA_SUCCESS_32 x1=0x0"},
		{"rule: FFA_MSG_WAIT_32 refused with DENIED: a direct request from 0x0000 was "
		 "pending, and "
		 "a request must be answered before the partition waits (FF-A v1.2 (DEN0077A) "
		 "§8.3)",
		 "    FFA_MSG_WAIT_32 x1=0x0"},
	};

	for (unsigned i = 0; i < 5; i++) {
		struct notes_capture n;
		struct ffa_value v;
		struct tmodel *m;
		struct tmodel_env e;
		const char *text;

		m = reported_setup(&e, &n, "liar", wrong_answer_step, i);
		v = tmodel_request(&e, SP2);
		expect_ffa_error(&v, FFA_ABORTED);
		tmodel_expect_state(m->ep, SPMC_EP_FAILED);
		cr_assert(m->ep->broke_rules);
		cr_assert_eq(e.f.spmc.rule_aborts, 1);
		cr_assert_eq(e.f.spmc.depth, 0);
		text = notes_text(&n);
		cr_assert_not_null(strstr(text,
					  "ffa-sim: liar: partition 0x8002 aborted: it made 4096 "
					  "FF-A calls in one run without giving its CPU back, "
					  "its calls refused\n"),
				   "case %u: %s", i, text);
		cr_assert_not_null(strstr(text, cases[i].rule), "case %u: %s", i, text);
		cr_assert_not_null(
			strstr(text, "  last calls (8 of 4096 in this run, oldest first):\n"),
			"case %u: %s", i, text);
		cr_assert_not_null(strstr(text, cases[i].call), "case %u: %s", i, text);
		/* Later requests are refused without running it, and nothing more is reported. */
		v = tmodel_request(&e, SP2);
		expect_ffa_error(&v, FFA_ABORTED);
		cr_assert_eq(e.f.spmc.rule_aborts, 1);
		notes_close(&n);
		spmc_fixture_fini(&e.f);
	}
}

/* A partition spinning on calls the SPMC accepts is aborted with a report too, but broke no
 * rule the SPMC refused: no rule line, not counted as a rule abort. */
Test(msg_fault, spinning_partition_reported)
{
	struct notes_capture n;
	struct tmodel *m;
	struct tmodel_env e;
	const char *text;

	m = reported_setup(&e, &n, "spinner", spinner_step, 0);
	(void)tmodel_request(&e, SP2);
	text = notes_text(&n);
	cr_assert_not_null(strstr(text, "ffa-sim: spinner: partition 0x8002 aborted: it made 4096 "
					"FF-A calls in one run without giving its CPU back\n"),
			   "%s", text);
	cr_assert_null(strstr(text, "rule:"), "%s", text);
	cr_assert_not_null(strstr(text, "    FFA_ID_GET x1=0x0"), "%s", text);
	cr_assert_not_null(strstr(text, "-> FFA_SUCCESS_32\n"), "%s", text);
	cr_assert_not(m->ep->broke_rules);
	cr_assert_eq(e.f.spmc.rule_aborts, 0);
	notes_close(&n);
	spmc_fixture_fini(&e.f);
}

/* Other calls are dispatched and their answer resumes the partition: FFA_ID_GET. */
Test(msg_calls, id_get_while_running)
{
	struct ffa_value v,
		want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0, FFA_SUCCESS_32, SP2}};
	struct ffa_value id = {{FFA_SUCCESS_32, 0, SP2}};
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "id", id_getter_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	tmodel_expect_regs(&v, &want);
	tmodel_expect_regs(&m->seen[1], &id);
	spmc_fixture_fini(&e.f);
}

/* ---- FFA_CONSOLE_LOG ---- */

static struct ffa_value console_log(struct tmodel_env *e, struct spmc_endpoint *from, uint32_t fid,
				    const uint64_t *args, unsigned count)
{
	return tmodel_invoke(e, from, fid, args, count);
}

/* SMC32: w1 characters from w2 upwards, 4 per register, byte 0 first; poisoned upper halves
 * (of w1 too) are ignored; the line gets the caller's name. */
Test(console_log, nw_log32)
{
	uint64_t args[3] = {0xc5c5c5c500000006ull, 0xc5c5c5c56c6c6568ull, 0xc5c5c5c500000a6full};
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup(&e);
	v = console_log(&e, e.f.nw, FFA_CONSOLE_LOG_32, args, 3);
	expect_ffa_success(&v, 0, false);
	cr_assert_str_eq(spmc_fixture_console(&e.f), "[host] hello\n");
	spmc_fixture_fini(&e.f);
}

/* SMC32: the full 24 characters across w2-w7. */
Test(console_log, nw_log32_full)
{
	const char text[] = "abcdefghijklmnopqrstuvw\n";
	uint64_t args[7] = {24};
	struct ffa_value v;
	struct tmodel_env e;

	for (unsigned i = 0; i < 24; i++)
		args[1 + i / 4] |= (uint64_t)(uint8_t)text[i] << (8 * (i % 4));
	tmodel_setup(&e);
	v = console_log(&e, e.f.nw, FFA_CONSOLE_LOG_32, args, 7);
	expect_ffa_success(&v, 0, false);
	cr_assert_str_eq(spmc_fixture_console(&e.f), "[host] abcdefghijklmnopqrstuvw\n");
	spmc_fixture_fini(&e.f);
}

/* SMC64: 128 characters across x2-x17, 8 per register. */
Test(console_log, nw_log64_full)
{
	char text[129], expected[160];
	uint64_t args[17] = {128};
	struct ffa_value v;
	struct tmodel_env e;

	for (unsigned i = 0; i < 127; i++)
		text[i] = (char)('A' + i % 26);
	text[127] = '\n';
	text[128] = '\0';
	for (unsigned i = 0; i < 128; i++)
		args[1 + i / 8] |= (uint64_t)(uint8_t)text[i] << (8 * (i % 8));
	tmodel_setup(&e);
	v = console_log(&e, e.f.nw, FFA_CONSOLE_LOG_64, args, 17);
	expect_ffa_success(&v, 0, false);
	snprintf(expected, sizeof(expected), "[host] %.127s\n", text);
	cr_assert_str_eq(spmc_fixture_console(&e.f), expected);
	spmc_fixture_fini(&e.f);
}

/* A NUL ends the line, as a newline does (Hafnium). */
Test(console_log, nul_ends_line)
{
	uint64_t args[3] = {6};
	struct ffa_value v;
	struct tmodel_env e;

	/* "ab\0c" "d\n" */
	args[1] = (uint64_t)'a' | (uint64_t)'b' << 8 | (uint64_t)0 << 16 | (uint64_t)'c' << 24;
	args[2] = (uint64_t)'d' | (uint64_t)'\n' << 8;
	tmodel_setup(&e);
	v = console_log(&e, e.f.nw, FFA_CONSOLE_LOG_32, args, 3);
	expect_ffa_success(&v, 0, false);
	cr_assert_str_eq(spmc_fixture_console(&e.f), "[host] ab\n[host] cd\n");
	spmc_fixture_fini(&e.f);
}

/* Counts of 0, above 24 (SMC32) or 128 (SMC64), or with bits above 7:0 are
 * INVALID_PARAMETERS, and nothing is printed. */
Test(console_log, bad_counts_invalid)
{
	static const struct {
		uint32_t fid;
		uint64_t count;
	} bad[] = {
		{FFA_CONSOLE_LOG_32, 0},
		{FFA_CONSOLE_LOG_32, 25},
		{FFA_CONSOLE_LOG_32, 0x105},
		{FFA_CONSOLE_LOG_64, 0},
		{FFA_CONSOLE_LOG_64, 129},
		{FFA_CONSOLE_LOG_64, 0x105},
		{FFA_CONSOLE_LOG_64, (1ull << 32) | 5},
	};
	struct tmodel_env e;

	tmodel_setup(&e);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint64_t args[17] = {bad[i].count, 0x0a414141};
		struct ffa_value v = console_log(&e, e.f.nw, bad[i].fid, args, 17);

		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	}
	cr_assert_str_eq(spmc_fixture_console(&e.f), "");
	spmc_fixture_fini(&e.f);
}

/* FFA_CONSOLE_LOG is v1.2: a v1.1 caller gets NOT_SUPPORTED. */
Test(console_log, v1_1_caller_not_supported)
{
	uint64_t args[2] = {1, 0x41};
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup_version(&e, FFA_VERSION_1_1);
	v = console_log(&e, e.f.nw, FFA_CONSOLE_LOG_32, args, 2);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	spmc_fixture_fini(&e.f);
}

/* A partition logs while handling a request: its line carries its own name, and its call
 * returns FFA_SUCCESS_32. */
Test(console_log, from_partition)
{
	struct ffa_value v,
		want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0, FFA_SUCCESS_32, 0}};
	struct ffa_value success = {{FFA_SUCCESS_32}};
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "logger", logger_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	tmodel_expect_regs(&v, &want);
	tmodel_expect_regs(&m->seen[1], &success);
	cr_assert_str_eq(spmc_fixture_console(&e.f), "[logger] sp hi\n");
	spmc_fixture_fini(&e.f);
}
