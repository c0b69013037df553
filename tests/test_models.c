/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The built-in partition models `error`, `yield` and `scripted`, driven through the SPMC the
 * way the normal world drives them: direct requests, FFA_RUN, and the exact registers of every
 * answer.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "abi/ids.h"
#include "partitions/builtin.h"
#include "spmc_helpers.h"

#define SP_ID 0x8001u
#define OTHER_SP 0x8002u

/* FFA_RUN/FFA_YIELD w1: endpoint ID in 31:16, vCPU in 15:0. */
#define EP_VCPU(id, vcpu) (((uint64_t)(id) << 16) | (vcpu))

/* 12345678-abcd-ef12-3456-7890abcdef00 as DIRECT_REQ2 x2/x3 (bytes 0-7, 8-15, byte 0 low). */
static const uint8_t sp_uuid[16] = {0x12, 0x34, 0x56, 0x78, 0xab, 0xcd, 0xef, 0x12,
				    0x34, 0x56, 0x78, 0x90, 0xab, 0xcd, 0xef, 0x00};
#define SP_UUID_LO 0x12efcdab78563412ull
#define SP_UUID_HI 0x00efcdab90785634ull

struct env {
	struct spmc_fixture f;
	struct spmc_endpoint *sp;
	struct part_model_params params;
	struct part_error error;
	struct part_yield yield;
	struct part_scripted scripted;
};

/* An SPMC (hafnium:1.2), the normal world at v1.2, a v1.2 partition at SP_ID without a model. */
static void setup(struct env *e)
{
	struct ffa_value v;

	memset(e, 0, sizeof(*e));
	spmc_fixture_init(&e->f, "hafnium:1.2");
	v = spmc_fixture_call1(&e->f, e->f.nw, FFA_VERSION, FFA_VERSION_1_2);
	expect_ffa_version(&v, FFA_VERSION_1_2);
	e->sp = spmc_add_endpoint(&e->f.spmc, SP_ID, "model", true);
	cr_assert_not_null(e->sp);
	e->sp->props = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ2_RECV;
	e->sp->version = FFA_VERSION_1_2;
	e->sp->version_set = true;
	memcpy(e->sp->uuids[0], sp_uuid, sizeof(sp_uuid));
	e->sp->uuid_count = 1;
}

/* Boots the partitions; the model must reach FFA_MSG_WAIT. */
static void boot(struct env *e)
{
	spmc_boot(&e->f.spmc);
	cr_assert_eq(e->sp->ctx.state, SPMC_EP_WAITING, "state %s",
		     spmc_ep_state_name(e->sp->ctx.state));
}

static void setup_error(struct env *e, int32_t code)
{
	setup(e);
	e->params.error_code = code;
	cr_assert(part_error_attach(e->sp, &e->error, &e->params));
	boot(e);
}

static void setup_yield(struct env *e, unsigned count)
{
	setup(e);
	e->params.yield_count = count;
	cr_assert(part_yield_attach(e->sp, &e->yield, &e->params));
	boot(e);
}

/* Appends one script entry: x0 = fid, x1 = ids, then regs[0..n) from x2 on. */
static void script_add(struct env *e, uint32_t fid, uint64_t ids, const uint64_t *regs, unsigned n)
{
	struct ffa_value *v = &e->params.script[e->params.script_count++];

	memset(v, 0, sizeof(*v));
	v->x[0] = fid;
	v->x[1] = ids;
	for (unsigned i = 0; i < n; i++)
		v->x[2 + i] = regs[i];
}

static void attach_scripted(struct env *e)
{
	cr_assert(part_scripted_attach(e->sp, &e->scripted, &e->params));
	boot(e);
}

/* A direct request from the normal world: x1 IDs, x2..x7 from regs, the rest poisoned. */
static struct ffa_value request(struct env *e, uint32_t fid, const uint64_t *regs, unsigned n)
{
	uint64_t args[FFA_REG_COUNT - 1];

	args[0] = ffa_msg_ids(0, SP_ID);
	for (unsigned i = 0; i < n; i++)
		args[1 + i] = regs[i];
	return spmc_fixture_call(&e->f, e->f.nw, fid, args, 1 + n);
}

static struct ffa_value run(struct env *e)
{
	return spmc_fixture_call1(&e->f, e->f.nw, FFA_RUN_32, EP_VCPU(SP_ID, 0));
}

/* Asserts every register of v. */
static void expect_regs(const struct ffa_value *v, const struct ffa_value *want)
{
	char buf[1024], wbuf[1024];

	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		cr_assert_eq(v->x[i], want->x[i], "x%u: got %s\nwant %s", i,
			     ffa_value_format(v, buf, sizeof(buf)),
			     ffa_value_format(want, wbuf, sizeof(wbuf)));
}

/* FFA_YIELD as its runner sees it: w1 = SP_ID << 16 | vCPU 0, no timeout, the rest zero. */
static void expect_yield(const struct ffa_value *v)
{
	struct ffa_value want = {{FFA_YIELD_32, EP_VCPU(SP_ID, 0)}};

	expect_regs(v, &want);
}

/* ---- error ---- */

/* A REQ_64 is answered with FFA_ERROR of the configured code; the partition waits again. */
Test(model_error, req64_answered_with_code)
{
	uint64_t payload[6] = {0, 1, 2, 3, 4, 5};
	struct ffa_value v;
	struct env e;

	setup_error(&e, FFA_DENIED);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_ffa_error(&v, FFA_DENIED);
	cr_assert_eq(e.sp->ctx.state, SPMC_EP_WAITING);
	cr_assert_eq(e.error.requests, 1);
	/* It saw the request as sent (x8-x17 zero after delivery). */
	cr_assert_eq(e.error.last.x[0], FFA_MSG_SEND_DIRECT_REQ_64);
	cr_assert_eq(e.error.last.x[1], ffa_msg_ids(0, SP_ID));
	cr_assert_eq(e.error.last.x[7], 5);
	spmc_fixture_fini(&e.f);
}

/* Every request gets the error, in both conventions and widths: it keeps waiting. */
Test(model_error, every_request)
{
	uint64_t req2[2] = {SP_UUID_LO, SP_UUID_HI};
	uint64_t payload[6] = {0, 0x11, 0x22, 0x33, 0x44, 0x55};
	struct ffa_value v;
	struct env e;

	setup_error(&e, FFA_BUSY);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_32, payload, 6);
	expect_ffa_error(&v, FFA_BUSY);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ2_64, req2, 2);
	expect_ffa_error(&v, FFA_BUSY);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_ffa_error(&v, FFA_BUSY);
	cr_assert_eq(e.error.requests, 3);
	cr_assert_eq(e.sp->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* The code is passed as configured, w2 holding its 32-bit two's complement, for every FF-A
 * error code and for one the spec does not define. */
Test(model_error, codes)
{
	static const int32_t codes[] = {FFA_NOT_SUPPORTED,
					FFA_INVALID_PARAMETERS,
					FFA_NO_MEMORY,
					FFA_BUSY,
					FFA_INTERRUPTED,
					FFA_DENIED,
					FFA_RETRY,
					FFA_ABORTED,
					FFA_NO_DATA,
					FFA_NOT_READY,
					-100};
	uint64_t payload[6] = {0};

	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		struct ffa_value v;
		struct env e;

		setup_error(&e, codes[i]);
		v = request(&e, FFA_MSG_SEND_DIRECT_REQ_32, payload, 6);
		expect_ffa_error(&v, codes[i]);
		cr_assert_eq(v.x[2], (uint32_t)codes[i]);
		spmc_fixture_fini(&e.f);
	}
}

/* Cycles given by FFA_RUN while it waits end with FFA_MSG_WAIT; it still waits. */
Test(model_error, run_while_waiting)
{
	struct ffa_value v, want = {{FFA_MSG_WAIT_32}};
	struct env e;

	setup_error(&e, FFA_DENIED);
	v = run(&e);
	expect_regs(&v, &want);
	cr_assert_eq(e.sp->ctx.state, SPMC_EP_WAITING);
	cr_assert_eq(e.error.requests, 0);
	spmc_fixture_fini(&e.f);
}

/* Attaching refuses a code that is not negative and a non-secure endpoint. */
Test(model_error, attach_refused)
{
	struct part_model_params params = {.error_code = 0};
	struct part_error state;
	struct env e;

	setup(&e);
	cr_assert_not(part_error_attach(e.sp, &state, &params));
	params.error_code = 5;
	cr_assert_not(part_error_attach(e.sp, &state, &params));
	params.error_code = FFA_DENIED;
	cr_assert_not(part_error_attach(e.f.nw, &state, &params));
	cr_assert_null(e.sp->ops);
	spmc_fixture_fini(&e.f);
}

/* ---- yield ---- */

/* A REQ_64 yields twice (FFA_YIELD to the caller, resumed by FFA_RUN), then is answered with
 * the echoed payload; the model saw FFA_SUCCESS_32 as the return of each FFA_YIELD. */
Test(model_yield, yields_then_answers)
{
	uint64_t payload[6] = {0, 0x1111222233334444ull, 0x5555666677778888ull, 3,
			       4, 0xffffffffffffffffull};
	struct ffa_value v, success = {{FFA_SUCCESS_32}};
	struct ffa_value want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP_ID, 0), 0,
				  0x1111222233334444ull, 0x5555666677778888ull, 3, 4,
				  0xffffffffffffffffull}};
	struct env e;

	setup_yield(&e, 2);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_yield(&v);
	cr_assert_eq(e.sp->ctx.state, SPMC_EP_YIELDED);
	v = run(&e);
	expect_yield(&v);
	expect_regs(&e.yield.last, &success);
	cr_assert_eq(e.sp->ctx.state, SPMC_EP_YIELDED);
	v = run(&e);
	expect_regs(&v, &want);
	cr_assert_eq(e.sp->ctx.state, SPMC_EP_WAITING);
	cr_assert_eq(e.yield.yields, 2);
	cr_assert_eq(e.yield.requests, 1);
	spmc_fixture_fini(&e.f);
}

/* Each request yields the configured number of times again. */
Test(model_yield, per_request)
{
	uint64_t payload[6] = {0, 7};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(SP_ID, 0), 0, 7}};
	struct env e;

	setup_yield(&e, 1);
	for (unsigned i = 0; i < 3; i++) {
		v = request(&e, FFA_MSG_SEND_DIRECT_REQ_32, payload, 6);
		expect_yield(&v);
		v = run(&e);
		expect_regs(&v, &want);
	}
	cr_assert_eq(e.yield.yields, 3);
	cr_assert_eq(e.yield.requests, 3);
	spmc_fixture_fini(&e.f);
}

/* With yield_count 0 it answers at once, as echo: REQ_32 payload truncated to 32 bits. */
Test(model_yield, zero_is_echo)
{
	uint64_t payload[6] = {0, 0xaaaa000000000001ull, 2, 3, 4, 0xbbbb000000000005ull};
	struct ffa_value v,
		want = {{FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(SP_ID, 0), 0, 1, 2, 3, 4, 5}};
	struct env e;

	setup_yield(&e, 0);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_32, payload, 6);
	expect_regs(&v, &want);
	cr_assert_eq(e.yield.yields, 0);
	spmc_fixture_fini(&e.f);
}

/* A REQ2 yields, then gets RESP2 with x4-x17 echoed and x2/x3 zero. */
Test(model_yield, req2)
{
	uint64_t regs[16] = {SP_UUID_LO, SP_UUID_HI};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP2_64, ffa_msg_ids(SP_ID, 0)}};
	struct env e;

	for (unsigned i = 2; i < 16; i++) {
		regs[i] = 0x0101010101010101ull * i;
		want.x[i + 2] = regs[i];
	}
	setup_yield(&e, 1);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ2_64, regs, 16);
	expect_yield(&v);
	v = run(&e);
	expect_regs(&v, &want);
	spmc_fixture_fini(&e.f);
}

/* While yielded it takes no other request (BUSY); FFA_RUN still completes the first. */
Test(model_yield, busy_while_yielded)
{
	uint64_t payload[6] = {0, 9};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP_ID, 0), 0, 9}};
	struct env e;

	setup_yield(&e, 1);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_yield(&v);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_ffa_error(&v, FFA_BUSY);
	v = run(&e);
	expect_regs(&v, &want);
	spmc_fixture_fini(&e.f);
}

/* Cycles given by FFA_RUN while it waits end with FFA_MSG_WAIT and no yield. */
Test(model_yield, run_while_waiting)
{
	struct ffa_value v, want = {{FFA_MSG_WAIT_32}};
	struct env e;

	setup_yield(&e, 3);
	v = run(&e);
	expect_regs(&v, &want);
	cr_assert_eq(e.sp->ctx.state, SPMC_EP_WAITING);
	cr_assert_eq(e.yield.yields, 0);
	spmc_fixture_fini(&e.f);
}

/* ---- scripted ---- */

/* Requests are answered from the script in order; a response with w1 0 gets the request's
 * IDs swapped, one with w1 set keeps it. */
Test(model_scripted, in_order)
{
	uint64_t first[6] = {0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5};
	uint64_t second[6] = {0, 0xb1};
	uint64_t payload[6] = {0, 0x99};
	struct ffa_value v;
	struct ffa_value want1 = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP_ID, 0), 0, 0xa1,
				   0xa2, 0xa3, 0xa4, 0xa5}};
	struct ffa_value want2 = {{FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(SP_ID, 0), 0, 0xb1}};
	struct env e;

	setup(&e);
	script_add(&e, FFA_MSG_SEND_DIRECT_RESP_64, 0, first, 6);
	script_add(&e, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(SP_ID, 0), second, 6);
	attach_scripted(&e);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_regs(&v, &want1);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_32, payload, 6);
	expect_regs(&v, &want2);
	cr_assert_eq(e.scripted.requests, 2);
	cr_assert_eq(e.scripted.next, 2);
	cr_assert_eq(e.sp->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* A RESP2 entry answers a REQ2 with its x4-x17; x2/x3 of the answer are zero. */
Test(model_scripted, resp2)
{
	uint64_t regs[16] = {SP_UUID_LO, SP_UUID_HI};
	uint64_t answer[16] = {0};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP2_64, ffa_msg_ids(SP_ID, 0)}};
	struct env e;

	for (unsigned i = 2; i < 16; i++) {
		answer[i] = 0x1000 + i;
		want.x[i + 2] = answer[i];
	}
	setup(&e);
	script_add(&e, FFA_MSG_SEND_DIRECT_RESP2_64, 0, answer, 16);
	attach_scripted(&e);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ2_64, regs, 16);
	expect_regs(&v, &want);
	spmc_fixture_fini(&e.f);
}

/* When the script is used up the partition stops: that request gets ABORTED, and so does every
 * later one (it failed); it does not start over. */
Test(model_scripted, exhausted)
{
	uint64_t payload[6] = {0, 1};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP_ID, 0), 0, 0x42}};
	uint64_t answer[6] = {0, 0x42};
	struct env e;

	setup(&e);
	script_add(&e, FFA_MSG_SEND_DIRECT_RESP_64, 0, answer, 6);
	attach_scripted(&e);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_regs(&v, &want);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_ffa_error(&v, FFA_ABORTED);
	cr_assert_eq(e.sp->ctx.state, SPMC_EP_FAILED);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_ffa_error(&v, FFA_ABORTED);
	cr_assert_eq(e.scripted.requests, 2);
	spmc_fixture_fini(&e.f);
}

/* An empty script aborts the first request. */
Test(model_scripted, empty)
{
	uint64_t payload[6] = {0};
	struct ffa_value v;
	struct env e;

	setup(&e);
	attach_scripted(&e);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_32, payload, 6);
	expect_ffa_error(&v, FFA_ABORTED);
	cr_assert_eq(e.sp->ctx.state, SPMC_EP_FAILED);
	spmc_fixture_fini(&e.f);
}

/* An FFA_YIELD entry yields to the caller; the FFA_RUN that resumes it takes the next entry. */
Test(model_scripted, yield_then_answer)
{
	uint64_t payload[6] = {0, 5};
	uint64_t answer[6] = {0, 0x55};
	struct ffa_value v, success = {{FFA_SUCCESS_32}};
	struct ffa_value want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP_ID, 0), 0, 0x55}};
	struct env e;

	setup(&e);
	script_add(&e, FFA_YIELD_32, 0, NULL, 0);
	script_add(&e, FFA_MSG_SEND_DIRECT_RESP_64, 0, answer, 6);
	attach_scripted(&e);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_yield(&v);
	v = run(&e);
	expect_regs(&v, &want);
	expect_regs(&e.scripted.last, &success);
	spmc_fixture_fini(&e.f);
}

/* A call the SPMC refuses resumes the model with the error and the next entry follows: here a
 * response to the wrong endpoint (DENIED), then the right one. */
Test(model_scripted, refused_entry_then_next)
{
	uint64_t payload[6] = {0, 5};
	uint64_t answer[6] = {0, 0x77};
	struct ffa_value v, denied = ffa_error_value(FFA_DENIED);
	struct ffa_value want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP_ID, 0), 0, 0x77}};
	struct env e;

	setup(&e);
	script_add(&e, FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP_ID, 0x0005), answer, 6);
	script_add(&e, FFA_MSG_SEND_DIRECT_RESP_64, 0, answer, 6);
	attach_scripted(&e);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_regs(&v, &want);
	expect_regs(&e.scripted.last, &denied);
	cr_assert_eq(e.scripted.next, 2);
	spmc_fixture_fini(&e.f);
}

/* Other calls run through the SPMC and the answer resumes it: a console log, then a response. */
Test(model_scripted, console_log_then_answer)
{
	/* "hi\n": count 3 in w1, the characters packed from w2 (character 0 lowest). */
	uint64_t chars[1] = {'h' | ('i' << 8) | ('\n' << 16)};
	uint64_t payload[6] = {0};
	uint64_t answer[6] = {0, 1};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP_ID, 0), 0, 1}};
	struct env e;

	setup(&e);
	script_add(&e, FFA_CONSOLE_LOG_32, 3, chars, 1);
	script_add(&e, FFA_MSG_SEND_DIRECT_RESP_64, 0, answer, 6);
	attach_scripted(&e);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_regs(&v, &want);
	cr_assert_eq((uint32_t)e.scripted.last.x[0], FFA_SUCCESS_32);
	cr_assert_not_null(strstr(spmc_fixture_console(&e.f), "hi"), "console: %s",
			   spmc_fixture_console(&e.f));
	spmc_fixture_fini(&e.f);
}

/* An FFA_ERROR entry answers the request with that error; the partition waits again. */
Test(model_scripted, error_entry)
{
	uint64_t payload[6] = {0};
	uint64_t code[1] = {(uint32_t)FFA_NO_MEMORY};
	uint64_t answer[6] = {0, 3};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(SP_ID, 0), 0, 3}};
	struct env e;

	setup(&e);
	script_add(&e, FFA_ERROR_32, 0, code, 1);
	script_add(&e, FFA_MSG_SEND_DIRECT_RESP_32, 0, answer, 6);
	attach_scripted(&e);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_32, payload, 6);
	expect_ffa_error(&v, FFA_NO_MEMORY);
	cr_assert_eq(e.sp->ctx.state, SPMC_EP_WAITING);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_32, payload, 6);
	expect_regs(&v, &want);
	spmc_fixture_fini(&e.f);
}

/* FFA_RUN while it waits ends with FFA_MSG_WAIT and does not use an entry. */
Test(model_scripted, run_while_waiting)
{
	uint64_t payload[6] = {0};
	uint64_t answer[6] = {0, 8};
	struct ffa_value v, wait = {{FFA_MSG_WAIT_32}};
	struct ffa_value want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP_ID, 0), 0, 8}};
	struct env e;

	setup(&e);
	script_add(&e, FFA_MSG_SEND_DIRECT_RESP_64, 0, answer, 6);
	attach_scripted(&e);
	v = run(&e);
	expect_regs(&v, &wait);
	cr_assert_eq(e.scripted.next, 0);
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_regs(&v, &want);
	spmc_fixture_fini(&e.f);
}

/* Attaching copies the script (the parameters may go away) and refuses a script longer than
 * PART_MAX_SCRIPT or a non-secure endpoint. */
Test(model_scripted, attach)
{
	uint64_t payload[6] = {0};
	uint64_t answer[6] = {0, 0x31};
	struct ffa_value v, want = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP_ID, 0), 0, 0x31}};
	struct part_scripted state;
	struct env e;

	setup(&e);
	e.params.script_count = PART_MAX_SCRIPT + 1;
	cr_assert_not(part_scripted_attach(e.sp, &state, &e.params));
	e.params.script_count = 0;
	cr_assert_not(part_scripted_attach(e.f.nw, &state, &e.params));
	script_add(&e, FFA_MSG_SEND_DIRECT_RESP_64, 0, answer, 6);
	attach_scripted(&e);
	memset(&e.params, 0, sizeof(e.params));
	v = request(&e, FFA_MSG_SEND_DIRECT_REQ_64, payload, 6);
	expect_regs(&v, &want);
	spmc_fixture_fini(&e.f);
}
