/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Direct messaging: DIRECT_REQ/RESP (32/64) and DIRECT_REQ2/RESP2 between the normal world
 * and partitions and between partitions, with the built-in echo partition and small test
 * models. Every validation and error path, every result register checked.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "partitions/builtin.h"
#include "spmc_helpers.h"
#include "spmc_models.h"

/* DIRECT_REQ2's number in the SMC32 form, which FF-A does not define. */
#define REQ2_SMC32 (FFA_MSG_SEND_DIRECT_REQ2_64 & ~FFA_FID_SMC64_BIT)

#define ECHO_ID 0x8001u
#define SP2 0x8002u
#define SP3 0x8003u
#define ALL_PROPS                                                                                  \
	(FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND | FFA_PROP_DIRECT_REQ2_RECV |         \
	 FFA_PROP_DIRECT_REQ2_SEND)

/* The echo partition's UUID (tmodel_echo_uuid) as DIRECT_REQ2 x2/x3 (byte 0 lowest). */
#define ECHO_UUID_X2 0x12efcdab78563412ull
#define ECHO_UUID_X3 0x00efcdab90785634ull

/* A DIRECT_REQ_64 from the model to `to` with x3. */
static void send_req64(struct tmodel *m, struct ffa_value *call, uint16_t to, uint64_t x3)
{
	tmodel_call(call, FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(m->ep->id, to));
	call->x[3] = x3;
}

/* ---- Steps of the test models (tests/spmc_models.h) ---- */

/* Forwards each request to its target and answers with what came back: x0, x2, x3. */
static void forwarder_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0)
		send_req64(m, call, m->target, in->x[3] + 1);
	else
		tmodel_respond(m, call, in->x[0], in->x[2], in->x[3]);
}

/* Sends a request back to whoever sent it one (re-entry), answers with what came back. */
static void bouncer_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0)
		send_req64(m, call, ffa_msg_source(in->x[1]), 0x77);
	else
		tmodel_respond(m, call, in->x[0], in->x[2], 0);
}

/* Sends a request to itself, answers with what came back. */
static void self_sender_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0)
		send_req64(m, call, m->ep->id, 0x55);
	else
		tmodel_respond(m, call, in->x[0], in->x[2], 0);
}

/* Looks at its requester's state, then answers. */
static void probe_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	m->observed = spmc_find_endpoint(&m->f->spmc, ffa_msg_source(in->x[1]))->ctx.state;
	tmodel_respond(m, call, 0x600d, 0, 0);
}

/* Wrong answers first, each refused, then the right one (see the test). */
static void bad_responder_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	uint16_t caller = ffa_msg_source(m->request.x[1]);
	bool req64 = m->request.x[0] == FFA_MSG_SEND_DIRECT_REQ_64;

	(void)in;
	tmodel_respond(m, call, 0xa, 0xb, 0xc);
	switch (m->phase) {
	case 0: /* to an endpoint that did not send the request */
		call->x[1] = ffa_msg_ids(m->ep->id, SP3);
		break;
	case 1: /* from another partition */
		call->x[1] = ffa_msg_ids(SP3, caller);
		break;
	case 2: /* to itself */
		call->x[1] = ffa_msg_ids(m->ep->id, m->ep->id);
		break;
	case 3: /* reserved flags */
		call->x[2] = 1;
		break;
	case 4: /* framework message */
		call->x[2] = FFA_MSG_FLAG_FRAMEWORK;
		break;
	case 5: /* the other width */
		call->x[0] = req64 ? FFA_MSG_SEND_DIRECT_RESP_32 : FFA_MSG_SEND_DIRECT_RESP_64;
		break;
	case 6: /* RESP2 for a REQ */
		call->x[0] = FFA_MSG_SEND_DIRECT_RESP2_64;
		call->x[3] = 0;
		break;
	case 7: /* x8-x17 of a v1.2 partition's DIRECT_RESP_64 */
		call->x[0] = FFA_MSG_SEND_DIRECT_RESP_64;
		call->x[8] = req64 ? 1 : 0;
		call->x[17] = req64 ? 1 : 0;
		break;
	default:
		break;
	}
}

/* ---- Setup ---- */

/* Asserts every register of v. */
static void expect_regs(const struct ffa_value *v, const struct ffa_value *want)
{
	char buf[1024], wbuf[1024];

	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		cr_assert_eq(v->x[i], want->x[i], "x%u: got %s\nwant %s", i,
			     ffa_value_format(v, buf, sizeof(buf)),
			     ffa_value_format(want, wbuf, sizeof(wbuf)));
}

/* ---- DIRECT_REQ/RESP with echo ---- */

/* REQ_32: the response is RESP_32 with IDs swapped, w3-w7 echoed (upper halves dropped),
 * w2 and x8-x17 zero; echo is waiting again and saw the request with x8-x17 zero. */
Test(direct_echo, req32_payload)
{
	uint64_t args[7] = {ffa_msg_ids(0, ECHO_ID),
			    0xffffffff00000000ull,
			    0xaaaa000000000003ull,
			    0x4,
			    0xbbbb000000000005ull,
			    0xfffffffe,
			    0x7};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(ECHO_ID, 0), 0, 3, 4,
				     5, 0xfffffffe, 7}};
	struct ffa_value seen = {
		{FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(0, ECHO_ID), 0, 3, 4, 5, 0xfffffffe, 7}};
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_32, args, 7);
	expect_regs(&v, &want);
	expect_regs(&e.echo_state.last, &seen);
	cr_assert_eq(e.echo_state.requests, 1);
	cr_assert_eq(e.echo->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* REQ_64: x3-x7 echoed in full; x8-x17 (poisoned by the caller) are zero after the pair. */
Test(direct_echo, req64_payload)
{
	uint64_t args[7] = {ffa_msg_ids(0, ECHO_ID), 0,
			    0x1111222233334444ull,   0x5555666677778888ull,
			    0x9999aaaabbbbccccull,   0xddddeeeeffff0000ull,
			    0x0123456789abcdefull};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(ECHO_ID, 0), 0}};
	struct tmodel_env e;

	for (unsigned i = 3; i <= 7; i++)
		want.x[i] = args[i - 1];
	tmodel_setup(&e);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	expect_regs(&v, &want);
	for (unsigned i = 8; i < FFA_REG_COUNT; i++)
		cr_assert_eq(e.echo_state.last.x[i], 0, "echo got x%u zero", i);
	/* A second request works the same: echo answered the first and waits again. */
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	expect_regs(&v, &want);
	cr_assert_eq(e.echo_state.requests, 2);
	spmc_fixture_fini(&e.f);
}

/* The normal world may send for a VM (any non-secure source ID); the answer goes to it. */
Test(direct_echo, source_vm_id)
{
	uint64_t args[7] = {ffa_msg_ids(0x0001, ECHO_ID), 0, 0x42, 0, 0, 0, 0};
	struct ffa_value v,
		want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(ECHO_ID, 0x0001), 0, 0x42}};
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	expect_regs(&v, &want);
	spmc_fixture_fini(&e.f);
}

/* SMC32: only w1/w2 count, poisoned upper halves of x1 and x2 are ignored. */
Test(direct_echo, req32_ignores_upper_halves)
{
	uint64_t args[7] = {0xc5c5c5c500000000ull | ffa_msg_ids(0, ECHO_ID),
			    0xc5c5c5c500000000ull,
			    1,
			    2,
			    3,
			    4,
			    5};
	struct ffa_value v,
		want = {{FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(ECHO_ID, 0), 0, 1, 2, 3, 4, 5}};
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_32, args, 7);
	expect_regs(&v, &want);
	spmc_fixture_fini(&e.f);
}

/* ---- DIRECT_REQ2/RESP2 ---- */

static void req2_args(uint64_t args[17], uint64_t x2, uint64_t x3)
{
	args[0] = ffa_msg_ids(0, ECHO_ID);
	args[1] = x2;
	args[2] = x3;
	for (unsigned i = 4; i < FFA_REG_COUNT; i++)
		args[i - 1] = 0x1000000000000000ull * (i % 15) + i;
}

/* REQ2 with the null UUID: RESP2, x2/x3 zero, x4-x17 echoed. */
Test(direct_req2, null_uuid_echo)
{
	uint64_t args[17];
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP2_64, ffa_msg_ids(ECHO_ID, 0)}};
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	req2_args(args, 0, 0);
	for (unsigned i = 4; i < FFA_REG_COUNT; i++)
		want.x[i] = args[i - 1];
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ2_64, args, 17);
	expect_regs(&v, &want);
	cr_assert_eq(e.echo->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* REQ2 with the partition's service UUID: delivered with the UUID in x2/x3, echoed. */
Test(direct_req2, service_uuid_echo)
{
	uint64_t args[17];
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP2_64, ffa_msg_ids(ECHO_ID, 0)}},
			    seen = {{FFA_MSG_SEND_DIRECT_REQ2_64}};
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	req2_args(args, ECHO_UUID_X2, ECHO_UUID_X3);
	for (unsigned i = 4; i < FFA_REG_COUNT; i++)
		want.x[i] = args[i - 1];
	for (unsigned i = 1; i < FFA_REG_COUNT; i++)
		seen.x[i] = args[i - 1];
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ2_64, args, 17);
	expect_regs(&v, &want);
	expect_regs(&e.echo_state.last, &seen);
	spmc_fixture_fini(&e.f);
}

/* A UUID the receiver does not implement (here: the right one in the wrong byte order) is
 * INVALID_PARAMETERS, and nothing is delivered. */
Test(direct_req2, wrong_uuid_invalid)
{
	uint64_t args[17];
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	req2_args(args, __builtin_bswap64(ECHO_UUID_X2), __builtin_bswap64(ECHO_UUID_X3));
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ2_64, args, 17);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	req2_args(args, ECHO_UUID_X2, 0);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ2_64, args, 17);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	cr_assert_eq(e.echo_state.requests, 0);
	cr_assert_eq(e.echo->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* A v1.1 caller has no REQ2: NOT_SUPPORTED (the dispatcher's version gate). */
Test(direct_req2, v1_1_caller_not_supported)
{
	uint64_t args[17];
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup_version(&e, FFA_VERSION_1_1);
	tmodel_boot_all(&e);
	req2_args(args, 0, 0);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ2_64, args, 17);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	cr_assert_eq(e.echo_state.requests, 0);
	spmc_fixture_fini(&e.f);
}

/* REQ2 has no SMC32 form: the ID does not exist, NOT_SUPPORTED. */
Test(direct_req2, smc32_id_not_supported)
{
	uint64_t args[17];
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	req2_args(args, 0, 0);
	v = tmodel_invoke(&e, e.f.nw, REQ2_SMC32, args, 17);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	spmc_fixture_fini(&e.f);
}

/* A receiver below v1.2 cannot take REQ2 (Hafnium: DENIED), even with the property set. */
Test(direct_req2, v1_1_receiver_denied)
{
	uint64_t args[17];
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup(&e);
	e.echo->version = FFA_VERSION_1_1;
	tmodel_boot_all(&e);
	req2_args(args, 0, 0);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ2_64, args, 17);
	expect_ffa_error(&v, FFA_DENIED);
	spmc_fixture_fini(&e.f);
}

/* ---- Request validation ---- */

/* Bad IDs are INVALID_PARAMETERS: equal IDs, an unknown or normal-world destination, the
 * SPMC's own ID, a secure source from the normal world. */
Test(direct_validation, bad_ids_invalid)
{
	const uint64_t ids[] = {
		ffa_msg_ids(0, 0),      ffa_msg_ids(ECHO_ID, ECHO_ID), ffa_msg_ids(0, 0x8005),
		ffa_msg_ids(0, 0x0001), ffa_msg_ids(0, 0x8000),        ffa_msg_ids(SP2, ECHO_ID),
		ffa_msg_ids(0, 0xffff),
	};
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		uint64_t args[7] = {ids[i], 0, 1, 2, 3, 4, 5};
		struct ffa_value v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);

		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
		v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_32, args, 7);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	}
	cr_assert_eq(e.echo_state.requests, 0);
	spmc_fixture_fini(&e.f);
}

/* w2 is MBZ for partition messages; framework messages (bit 31) are not modelled and are
 * refused like Hafnium's unknown ones: INVALID_PARAMETERS. */
Test(direct_validation, reserved_flags_invalid)
{
	static const uint64_t flags[] = {1, 0x80, FFA_MSG_FLAG_FRAMEWORK,
					 FFA_MSG_FLAG_FRAMEWORK | 0x4};
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		uint64_t args[7] = {ffa_msg_ids(0, ECHO_ID), flags[i], 1, 2, 3, 4, 5};
		struct ffa_value v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);

		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
		v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_32, args, 7);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	}
	/* SMC64: the upper half of x2 counts. */
	{
		uint64_t args[7] = {ffa_msg_ids(0, ECHO_ID), 1ull << 32, 1, 2, 3, 4, 5};
		struct ffa_value v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);

		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	}
	cr_assert_eq(e.echo_state.requests, 0);
	spmc_fixture_fini(&e.f);
}

/* A receiver without the receive property for the form used: DENIED. */
Test(direct_validation, no_receive_property_denied)
{
	uint64_t args[17];
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup(&e);
	e.echo->props = FFA_PROP_DIRECT_REQ2_RECV;
	tmodel_boot_all(&e);
	args[0] = ffa_msg_ids(0, ECHO_ID);
	args[1] = 0;
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 2);
	expect_ffa_error(&v, FFA_DENIED);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_32, args, 2);
	expect_ffa_error(&v, FFA_DENIED);
	e.echo->props = FFA_PROP_DIRECT_REQ_RECV;
	req2_args(args, 0, 0);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ2_64, args, 17);
	expect_ffa_error(&v, FFA_DENIED);
	cr_assert_eq(e.echo_state.requests, 0);
	spmc_fixture_fini(&e.f);
}

/* A partition without the send property may not send requests: DENIED to it. */
Test(direct_validation, no_send_property_denied)
{
	uint64_t args[7] = {ffa_msg_ids(0, SP2), 0, 0, 0, 0, 0, 0};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0,
				     FFA_ERROR_32, (uint32_t)FFA_DENIED, 0}};
	struct tmodel *fwd;
	struct tmodel_env e;

	tmodel_setup(&e);
	fwd = tmodel_add(&e, 0, SP2, "fwd", forwarder_step, ECHO_ID);
	fwd->ep->props = FFA_PROP_DIRECT_REQ_RECV;
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	expect_regs(&v, &want);
	expect_ffa_error(&fwd->seen[1], FFA_DENIED);
	cr_assert_eq(e.echo_state.requests, 0);
	spmc_fixture_fini(&e.f);
}

/* A partition may not send to the normal world: INVALID_PARAMETERS to it. */
Test(direct_validation, partition_to_normal_world_invalid)
{
	uint64_t args[7] = {ffa_msg_ids(0, SP2), 0, 0, 0, 0, 0, 0};
	struct tmodel *fwd;
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup(&e);
	fwd = tmodel_add(&e, 0, SP2, "fwd", forwarder_step, 0x0000);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	expect_ffa_error(&fwd->seen[1], FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&e.f);
}

/* A partition that is not waiting is BUSY: here one that never booted (no model). */
Test(direct_validation, not_waiting_busy)
{
	uint64_t args[7] = {ffa_msg_ids(0, SP2), 0, 1, 2, 3, 4, 5};
	struct spmc_endpoint *sp;
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup(&e);
	sp = tmodel_add_sp(&e, SP2, "idle", ALL_PROPS);
	tmodel_boot_all(&e);
	cr_assert_eq(sp->ctx.state, SPMC_EP_BOOTING);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	expect_ffa_error(&v, FFA_BUSY);
	spmc_fixture_fini(&e.f);
}

/* A partition that faulted: the request that hit the fault gets ABORTED, the partition is
 * FAILED, and every later request gets ABORTED without running it. */
Test(direct_validation, failed_receiver_aborted)
{
	uint64_t args[7] = {ffa_msg_ids(0, SP2), 0, 1, 2, 3, 4, 5};
	struct tmodel *m;
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "faulty", probe_step, 0);
	m->fault_on_request = true;
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	expect_ffa_error(&v, FFA_ABORTED);
	cr_assert_eq(m->ep->ctx.state, SPMC_EP_FAILED);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_32, args, 7);
	expect_ffa_error(&v, FFA_ABORTED);
	cr_assert_eq(m->resumes, 1, "a failed partition does not run again");
	spmc_fixture_fini(&e.f);
}

/* ---- Partition to partition ---- */

/* NW -> fwd -> probe -> echo: two levels of nesting; each forwarder adds one to x3 and answers
 * with what came back (x0, x2, x3); everyone is WAITING again at the end. */
Test(direct_nested, forward_to_echo)
{
	uint64_t args[7] = {ffa_msg_ids(0, SP2), 0, 0x100, 0, 0, 0, 0};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0,
				     FFA_MSG_SEND_DIRECT_RESP_64, 0, FFA_MSG_SEND_DIRECT_RESP_64}};
	struct ffa_value inner = {
		{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(ECHO_ID, SP3), 0, 0x102}};
	struct ffa_value middle = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP3, SP2), 0,
				    FFA_MSG_SEND_DIRECT_RESP_64, 0, 0x102}};
	struct tmodel *fwd, *fwd2;
	struct tmodel_env e;

	tmodel_setup(&e);
	fwd = tmodel_add(&e, 0, SP2, "fwd", forwarder_step, SP3);
	fwd2 = tmodel_add(&e, 1, SP3, "fwd2", forwarder_step, ECHO_ID);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	expect_regs(&v, &want);
	expect_regs(&fwd2->seen[1], &inner);
	expect_regs(&fwd->seen[1], &middle);
	cr_assert_eq(e.echo_state.requests, 1);
	cr_assert_eq(fwd->ep->ctx.state, SPMC_EP_WAITING);
	cr_assert_eq(fwd2->ep->ctx.state, SPMC_EP_WAITING);
	cr_assert_eq(e.f.spmc.depth, 0);
	spmc_fixture_fini(&e.f);
}

/* The sender of a nested request is BLOCKED while the receiver runs. */
Test(direct_nested, sender_blocked)
{
	uint64_t args[7] = {ffa_msg_ids(0, SP2), 0, 0, 0, 0, 0, 0};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0,
				     FFA_MSG_SEND_DIRECT_RESP_64, 0, 0x600d}};
	struct tmodel *fwd, *probe;
	struct tmodel_env e;

	tmodel_setup(&e);
	fwd = tmodel_add(&e, 0, SP2, "fwd", forwarder_step, SP3);
	probe = tmodel_add(&e, 1, SP3, "probe", probe_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	expect_regs(&v, &want);
	cr_assert_eq(probe->observed, SPMC_EP_BLOCKED, "got %s",
		     spmc_ep_state_name(probe->observed));
	cr_assert_eq(fwd->ep->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* Re-entry: a partition handling a request from a partition sends one back to it. The
 * sender is blocked, not waiting: BUSY. */
Test(direct_nested, request_back_to_caller_busy)
{
	uint64_t args[7] = {ffa_msg_ids(0, SP2), 0, 0, 0, 0, 0, 0};
	struct ffa_value v;
	struct tmodel *fwd, *bouncer;
	struct tmodel_env e;

	tmodel_setup(&e);
	fwd = tmodel_add(&e, 0, SP2, "fwd", forwarder_step, SP3);
	bouncer = tmodel_add(&e, 1, SP3, "bouncer", bouncer_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	expect_ffa_error(&bouncer->seen[1], FFA_BUSY);
	cr_assert_eq(fwd->resumes, 2, "the bounced request never reached the forwarder");
	spmc_fixture_fini(&e.f);
}

/* A request to oneself is INVALID_PARAMETERS (source and destination equal), as in
 * Hafnium. */
Test(direct_nested, request_to_self_invalid)
{
	uint64_t args[7] = {ffa_msg_ids(0, SP2), 0, 0, 0, 0, 0, 0};
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "selfish", self_sender_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	expect_ffa_error(&m->seen[1], FFA_INVALID_PARAMETERS);
	cr_assert_eq(m->ep->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* Nesting is bounded by SPMC_MAX_DEPTH: in a chain of forwarders, the one that would go one
 * level deeper gets BUSY, and the chain unwinds. */
Test(direct_nested, depth_bound_busy)
{
	uint64_t args[7] = {ffa_msg_ids(0, 0x8002), 0, 0, 0, 0, 0, 0};
	struct ffa_value v;
	struct tmodel_env e;
	char name[16];

	tmodel_setup(&e);
	for (unsigned i = 0; i <= SPMC_MAX_DEPTH; i++) {
		snprintf(name, sizeof(name), "fwd%u", i);
		tmodel_add(&e, i, (uint16_t)(0x8002 + i), name, forwarder_step,
			   (uint16_t)(0x8003 + i));
	}
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	/* Forwarder SPMC_MAX_DEPTH - 1 runs at depth SPMC_MAX_DEPTH: its request is refused. */
	expect_ffa_error(&e.models[SPMC_MAX_DEPTH - 1].seen[1], FFA_BUSY);
	cr_assert_eq(e.models[SPMC_MAX_DEPTH].resumes, 0);
	cr_assert_eq(e.f.spmc.depth, 0);
	for (unsigned i = 0; i <= SPMC_MAX_DEPTH; i++)
		cr_assert_neq(e.models[i].ep->ctx.state, SPMC_EP_BLOCKED);
	spmc_fixture_fini(&e.f);
}

/* ---- Responses ---- */

/* Each wrong response is refused to the partition, which keeps running; the right one then
 * reaches the caller. Codes as Hafnium: wrong destination DENIED, wrong source, own ID or
 * flags INVALID_PARAMETERS, RESP2 for a REQ DENIED, x8-x17 INVALID_PARAMETERS; the other
 * width DENIED (the simulator's check). */
Test(direct_resp, wrong_responses_refused)
{
	static const int32_t codes[] = {FFA_DENIED,
					FFA_INVALID_PARAMETERS,
					FFA_INVALID_PARAMETERS,
					FFA_INVALID_PARAMETERS,
					FFA_INVALID_PARAMETERS,
					FFA_DENIED,
					FFA_DENIED,
					FFA_INVALID_PARAMETERS};
	uint64_t args[7] = {ffa_msg_ids(0, SP2), 0, 0, 0, 0, 0, 0};
	struct ffa_value v,
		want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0, 0xa, 0xb, 0xc}};
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "bad", bad_responder_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 7);
	expect_regs(&v, &want);
	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		expect_ffa_error(&m->seen[1 + i], codes[i]);
	cr_assert_eq(m->resumes, 1 + sizeof(codes) / sizeof(codes[0]));
	cr_assert_eq(m->ep->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* The same for a REQ_32: x8-x17 of a RESP_32 are not arguments and not checked; the width
 * check refuses RESP_64. */
Test(direct_resp, wrong_responses_to_req32)
{
	uint64_t args[7] = {ffa_msg_ids(0, SP2), 0, 0, 0, 0, 0, 0};
	struct ffa_value v,
		want = {{FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(SP2, 0), 0, 0xa, 0xb, 0xc}};
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "bad", bad_responder_step, 0);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ_32, args, 7);
	expect_regs(&v, &want);
	expect_ffa_error(&m->seen[6], FFA_DENIED); /* RESP_64 to a REQ_32 */
	expect_ffa_error(&m->seen[7], FFA_DENIED); /* RESP2 to a REQ */
	/* Phase 7 answered RESP_64 (refused as the other width too); the RESP_32 of phase 8
	 * went through. */
	cr_assert_eq(m->resumes, 9);
	spmc_fixture_fini(&e.f);
}

/* Answering a REQ2 with a RESP is DENIED. */
static void resp_for_req2_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	(void)in;
	tmodel_respond(m, call, 1, 2, 3);
	if (m->phase == 0) {
		call->x[0] = FFA_MSG_SEND_DIRECT_RESP_64;
		call->x[4] = 0;
		call->x[5] = 0;
		call->x[6] = 0;
	}
}

Test(direct_resp, resp_for_req2_denied)
{
	uint64_t args[17];
	struct ffa_value v,
		want = {{FFA_MSG_SEND_DIRECT_RESP2_64, ffa_msg_ids(SP2, 0), 0, 0, 1, 2, 3}};
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "req2", resp_for_req2_step, 0);
	tmodel_boot_all(&e);
	req2_args(args, 0, 0);
	args[0] = ffa_msg_ids(0, SP2);
	v = tmodel_invoke(&e, e.f.nw, FFA_MSG_SEND_DIRECT_REQ2_64, args, 17);
	expect_regs(&v, &want);
	expect_ffa_error(&m->seen[1], FFA_DENIED);
	spmc_fixture_fini(&e.f);
}

/* DIRECT_RESP from the normal world: INVALID_PARAMETERS (Hafnium, TF-A), all forms. */
Test(direct_resp, from_normal_world_invalid)
{
	uint64_t args[7] = {ffa_msg_ids(0, ECHO_ID), 0, 1, 2, 3, 4, 5};
	static const uint32_t fids[] = {FFA_MSG_SEND_DIRECT_RESP_32, FFA_MSG_SEND_DIRECT_RESP_64,
					FFA_MSG_SEND_DIRECT_RESP2_64};
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	for (size_t i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		struct ffa_value v = tmodel_invoke(&e, e.f.nw, fids[i], args, 7);

		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	}
	spmc_fixture_fini(&e.f);
}

/* DIRECT_RESP from a partition that handles no request: DENIED. */
Test(direct_resp, outside_request_denied)
{
	uint64_t args[17] = {ffa_msg_ids(ECHO_ID, 0), 0, 1, 2, 3, 4, 5};
	struct ffa_value v;
	struct tmodel_env e;

	tmodel_setup(&e);
	tmodel_boot_all(&e);
	v = tmodel_invoke(&e, e.echo, FFA_MSG_SEND_DIRECT_RESP_64, args, 17);
	expect_ffa_error(&v, FFA_DENIED);
	cr_assert_eq(e.echo->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}
